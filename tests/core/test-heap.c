/* test-heap.c — the heap as a command and as the app set it up: after either, a 1 MB block
 * (which glibc would otherwise give a mapping of its own, 128 KB being its default threshold)
 * comes from the brk heap; a command's heap is asked for transparent huge pages, the app's
 * never (a 2 MB page cleared inside a frame made that frame late). Each case in a process of
 * its own: the set-up is once per process. Where malloc is not glibc's (ASan), nothing is
 * changed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "par-heap.h"

static gboolean
glibc_malloc (void)
{
  return mallopt (M_TRIM_THRESHOLD, 128 * 1024) == 1;
}

/* Whether a mapping of the heap (its [heap] lines in smaps, or any mapping holding @address)
 * carries the "hg" flag: huge pages asked for with madvise. */
static gboolean
heap_asks_for_huge_pages (gconstpointer address)
{
  g_autofree char *smaps = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_heap = FALSE, huge = FALSE;

  g_assert_true (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL));
  lines = g_strsplit (smaps, "\n", -1);
  for (char **line = lines; *line != NULL; line++)
    {
      unsigned long start, end;

      if (sscanf (*line, "%lx-%lx ", &start, &end) == 2)   /* a mapping's first line */
        in_heap = strstr (*line, "[heap]") != NULL
                  || ((uintptr_t) address >= start && (uintptr_t) address < end);
      else if (in_heap && g_str_has_prefix (*line, "VmFlags:") && strstr (*line, " hg") != NULL)
        huge = TRUE;
    }
  return huge;
}

static void
check_large_block (gboolean expect_huge)
{
  void *before_top = sbrk (0);
  void *block = malloc (1u << 20);

  g_assert_nonnull (block);
  /* In the heap: between its start and its (grown) top, not a mapping of its own. */
  g_assert_true ((uintptr_t) block < (uintptr_t) sbrk (0));
  g_assert_true ((uintptr_t) block + (1u << 20) <= (uintptr_t) sbrk (0)
                 || (uintptr_t) block < (uintptr_t) before_top);
  if (expect_huge)
    {
      g_autofree char *thp = NULL;

      /* The kernel offers madvise'd huge pages only when THP is not "never". */
      if (g_file_get_contents ("/sys/kernel/mm/transparent_hugepage/enabled", &thp, NULL, NULL)
          && strstr (thp, "[never]") == NULL)
        g_assert_true (heap_asks_for_huge_pages (block));
    }
  else
    g_assert_false (heap_asks_for_huge_pages (block));
  free (block);
}

static void
test_command_heap (void)
{
  if (g_test_subprocess ())
    {
      gboolean glibc = glibc_malloc ();

      par_heap_prepare_for_command ();
      if (glibc)
        check_large_block (TRUE);
      else
        g_test_message ("malloc is not glibc's (a sanitizer's): nothing is changed");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_app_heap (void)
{
  if (g_test_subprocess ())
    {
      gboolean glibc = glibc_malloc ();

      par_heap_prepare_for_app ();
      if (glibc)
        check_large_block (FALSE);
      else
        g_test_message ("malloc is not glibc's (a sanitizer's): nothing is changed");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/heap/command/large-block-in-huge-page-heap", test_command_heap);
  g_test_add_func ("/heap/app/large-block-in-heap-without-huge-pages", test_app_heap);
  return g_test_run ();
}
