/* test-bench-measure.c — the peak memory bench-measure reports is the child's own.
 *
 * Linux counts, in a spawned child's ru_maxrss, the high-water mark of the address space it
 * was spawned from (the parent's, for posix_spawn, vfork and fork alike). This program first
 * holds 256 MB of heap, then measures children of known size (bench-measure-child MB): each
 * figure must be the child's size plus what any small program holds, never the parent's
 * 256 MB. Spawned straight from this program, a child of 0 MB read 261 MB and one of 64 MB
 * 261 MB too; `echo 5 > /proc/self/clear_refs` only lowers the mark to what the parent holds
 * now (261 MB again while it holds it).
 *
 *   test-bench-measure PATH-OF-bench-measure-child
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "bench-measure.h"

#define PARENT_MB 256
#define SMALL_MB  16     /* what a small C program holds besides its data, generously */

static const char *child_path;
static char **parent_blocks;

static long
child_peak_kb (int mb)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bench-measure-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *err = g_build_filename (dir, "out.err", NULL);
  g_autofree char *size = g_strdup_printf ("%d", mb);
  char *argv[] = { (char *) child_path, size, NULL };
  BenchRun run;
  gint64 before = g_get_monotonic_time ();

  g_assert_true (bench_run_measured (argv, out, &run));
  g_assert_cmpint (run.start_us, >=, before);
  g_assert_cmpint (run.start_us, <=, g_get_monotonic_time ());
  g_assert_cmpfloat (run.ms, >, 0);
  g_unlink (out);
  g_unlink (err);
  g_rmdir (dir);
  return run.peak_kb;
}

static void
test_own_peak (void)
{
  long parent_kb = bench_self_peak_kb ();
  long launcher_kb = bench_launcher_peak_kb ();
  long small = child_peak_kb (0);
  long big = child_peak_kb (64);

  g_test_message ("this program %ld KB, launcher %ld KB, child 0 MB: %ld KB, child 64 MB: %ld KB",
                  parent_kb, launcher_kb, small, big);
  /* The parent is big… */
  g_assert_cmpint (parent_kb, >=, PARENT_MB * 1024);
  /* …its children are not. */
  g_assert_cmpint (launcher_kb, >, 0);
  g_assert_cmpint (launcher_kb, <, SMALL_MB * 1024);
  g_assert_cmpint (small, <, SMALL_MB * 1024);
  g_assert_cmpint (big, >=, 64 * 1024);
  g_assert_cmpint (big, <, (64 + SMALL_MB) * 1024);
}

/* The environment passed is the child's (bench-startup passes its own). */
static void
test_environment (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-bench-measure-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *err = g_build_filename (dir, "out.err", NULL);
  g_autofree char *text = NULL;
  char *argv[] = { (char *) "sh", (char *) "-c", (char *) "echo \"$BENCH_MEASURE_WORD\"", NULL };
  char *envp[] = { (char *) "PATH=/usr/bin:/bin", (char *) "BENCH_MEASURE_WORD=pages=7", NULL };
  BenchRun run;

  g_assert_true (bench_run_measured_env (argv, envp, out, &run));
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "pages=7\n");
  g_assert_cmpuint (run.pages, ==, 7);
  g_unlink (out);
  g_unlink (err);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  child_path = argv[1];

  /* In small blocks, as a benchmark's own work allocates (the heap, not one mapping). */
  parent_blocks = g_new (char *, PARENT_MB * 1024);
  for (guint i = 0; i < PARENT_MB * 1024; i++)
    {
      parent_blocks[i] = g_malloc (1024);
      memset (parent_blocks[i], 1, 1024);
    }

  g_test_add_func ("/bench-measure/own-peak", test_own_peak);
  g_test_add_func ("/bench-measure/environment", test_environment);
  return g_test_run ();
}
