/* bench-measure.h — timing a command a user runs, as a whole process, from outside.
 *
 * A launcher of this program starts the child, waits for it with wait4() and reads its wall
 * time and its peak resident memory (ru_maxrss): nothing the child says about itself counts.
 * The launcher is forked before main() while the program is small, because a spawned child's
 * ru_maxrss also counts the high-water mark of the address space it was spawned from: the
 * figure is the child's own whenever it is above bench_launcher_peak_kb() (a few MB), however
 * large this program grows (tests/bench/test-bench-measure.c proves it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double ms;         /* wall time, spawn to exit */
  gint64 start_us;   /* when it was spawned (CLOCK_MONOTONIC, as g_get_monotonic_time()) */
  long   peak_kb;    /* the child's peak RSS, from wait4 (KB) */
  double cpu_ms;     /* the child's CPU time, user + system, from wait4: on a loaded machine
                      * the wall time is mostly waiting for a CPU, this is not */
  guint  pages;      /* the child's "pages=" line, 0 when it prints none */
  guint  generated;  /* the child's "generated=" line, 0 when it prints none */
} BenchRun;

/* Runs @argv to completion (after a sync, so no run pays for the previous one's writeback),
 * its standard output in @out_path, its standard error to /dev/null. TRUE when it exited 0. */
gboolean bench_run_measured (char       **argv,
                             const char  *out_path,
                             BenchRun    *result);
/* The same in the environment @envp (NULL: this process's). */
gboolean bench_run_measured_env (char       **argv,
                                 char       **envp,
                                 const char  *out_path,
                                 BenchRun    *result);
guint64  bench_file_size    (const char  *path);
/* Pages of a PDF as the merger counts them, -1 when it cannot be read. Opens the PDF in this
 * process: call it in a child, or after the last measured run. */
int      bench_count_pages  (const char  *path);
/* This process's own peak RSS (KB); no longer a floor of the children's figures. */
long     bench_self_peak_kb (void);
/* The floor of every child's figure: the launcher's own peak (KB), read from a run of
 * /bin/true; -1 when it cannot be read. */
long     bench_launcher_peak_kb (void);

/* Median and range of interleaved runs. */
typedef struct {
  double median;
  double min;
  double max;
} BenchStats;

BenchStats bench_stats       (const double *values,
                              guint         n);
/* "met" or "NOT MET", for a figure printed beside its target. */
const char *bench_verdict    (gboolean      met);

/* A folder of its own for one run of a benchmark, under $PARSCORE_BENCH_DIR or the temporary
 * folder: "<prefix>-XXXXXX". Removed with bench_remove_tree(). */
char    *bench_make_run_dir (const char  *prefix);
void     bench_remove_tree  (const char  *path);

G_END_DECLS
