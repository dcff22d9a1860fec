/* test-heap.c — par_heap_prepare (): after it, a 1 MB block (which glibc would otherwise give
 * a mapping of its own, 128 KB being its default threshold) comes from the brk heap the huge
 * pages were asked for on; where malloc is not glibc's (ASan), nothing is changed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "par-heap.h"

static void
test_large_block_in_heap (void)
{
  void *before_top = sbrk (0);
  void *block;
  gboolean glibc = mallopt (M_TRIM_THRESHOLD, 128 * 1024) == 1;

  par_heap_prepare (TRUE);
  block = malloc (1u << 20);
  g_assert_nonnull (block);
  if (glibc)
    {
      /* In the heap: between its start and its (grown) top. */
      g_assert_true ((uintptr_t) block < (uintptr_t) sbrk (0));
      g_assert_true ((uintptr_t) sbrk (0) - (uintptr_t) before_top >= (32u << 20) - (2u << 20)
                     || (uintptr_t) block < (uintptr_t) before_top);
    }
  else
    g_test_message ("malloc is not glibc's (a sanitizer's): par_heap_prepare () changes nothing");
  free (block);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heap/large-block-in-heap", test_large_block_in_heap);
  return g_test_run ();
}
