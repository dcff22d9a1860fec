/* par-heap.c — the process's heap set up for a command (in 2 MB pages) or for the app.
 *
 * A command's work is mostly small allocations (a criteria set's 2,000 sub-criteria are ~15 MB
 * of libxml2 nodes and the model's strings), and each new 4 KB page of heap costs a page fault
 * — on a VM, a trip through the hypervisor: ~3,600 of validate's ~4,800 faults. Reserving the
 * heap up front and asking for transparent huge pages on it (what glibc's glibc.malloc.hugetlb=1
 * tunable does, which a program cannot set for itself) makes those faults ~2 MB apart.
 * The app does not: a 2 MB page is cleared whole when first touched, and on a VM whose host
 * has given that memory back (free page reporting) that takes 12–22 ms, inside whichever frame
 * touched it. The app keeps only the thresholds (large blocks in the heap, freed memory kept).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "par-heap.h"

#define HEAP_RESERVE (32u << 20)
#define HUGE_PAGE    (2u << 20)

/* Large blocks from the heap, freed memory kept: FALSE when malloc is not glibc's. */
static gboolean
keep_in_heap (void)
{
#if defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
  return mallopt (M_MMAP_THRESHOLD, HEAP_RESERVE * 2) == 1
         && mallopt (M_TRIM_THRESHOLD, HEAP_RESERVE * 2) == 1;
#else
  return FALSE;
#endif
}

void
par_heap_prepare_for_command (void)
{
#ifdef MADV_HUGEPAGE
  void *block;
  uintptr_t start, end;

  /* Keep the reserve in the heap (not a separate mapping) and in the process once freed. */
  if (!keep_in_heap ())
    return;
#ifdef M_ARENA_MAX
  /* A command's threads (a chart's: Pango's font sorting, the warm-up, the PNG's second half)
   * allocate from it too, not from arenas of their own in fresh 4 KB pages. */
  mallopt (M_ARENA_MAX, 1);
#endif
  block = malloc (HEAP_RESERVE);
  if (block == NULL)
    return;
  start = ((uintptr_t) block + HUGE_PAGE - 1) & ~(uintptr_t) (HUGE_PAGE - 1);
  end = ((uintptr_t) block + HEAP_RESERVE) & ~(uintptr_t) (HUGE_PAGE - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
  free (block);
#endif
}

void
par_heap_prepare_for_app (void)
{
  keep_in_heap ();
}
