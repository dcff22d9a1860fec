/* bench-measure.h — running a child to completion and reading what it measured of itself.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double ms;         /* wall time */
  long   peak_kb;    /* the child's "peak_kb=" line, else wait4's ru_maxrss */
  guint  pages;      /* the child's "pages=", 0 when it prints none */
  guint  generated;  /* the child's "generated=", 0 when it prints none */
} BenchRun;

/* Runs @argv (after a sync, so no run pays for the previous one's writeback) with its
 * standard output in @out_path. TRUE when it exited 0. */
gboolean bench_run_measured (char       **argv,
                             const char  *out_path,
                             BenchRun    *result);
guint64  bench_file_size    (const char  *path);
/* Pages of a PDF as the merger counts them, -1 when it cannot be read. */
int      bench_count_pages  (const char  *path);

G_END_DECLS
