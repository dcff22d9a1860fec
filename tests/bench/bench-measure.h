/* bench-measure.h — timing a command a user runs, as a whole process, from outside.
 *
 * The parent starts the child, waits for it with wait4() and reads its wall time and its peak
 * resident memory (ru_maxrss) itself: nothing the child says about itself counts. Keep the
 * parent small: a spawned child's ru_maxrss starts from the address space it was spawned from,
 * so a big parent would inflate every figure (bench_self_peak_kb() prints that floor).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double ms;         /* wall time, spawn to exit */
  long   peak_kb;    /* the child's peak RSS, from wait4 (KB) */
  guint  pages;      /* the child's "pages=" line, 0 when it prints none */
  guint  generated;  /* the child's "generated=" line, 0 when it prints none */
} BenchRun;

/* Runs @argv to completion (after a sync, so no run pays for the previous one's writeback),
 * its standard output in @out_path, its standard error to /dev/null. TRUE when it exited 0. */
gboolean bench_run_measured (char       **argv,
                             const char  *out_path,
                             BenchRun    *result);
guint64  bench_file_size    (const char  *path);
/* Pages of a PDF as the merger counts them, -1 when it cannot be read. Opens the PDF in this
 * process: call it in a child, or after the last measured run. */
int      bench_count_pages  (const char  *path);
/* This process's own peak RSS (KB): the floor of every child's ru_maxrss. */
long     bench_self_peak_kb (void);

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
