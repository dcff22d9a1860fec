/* bench-util.h — timing helpers shared by the benchmarks (medians of interleaved runs).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

static inline int
bench_cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static inline double
bench_median (double *v, guint n)
{
  qsort (v, n, sizeof *v, bench_cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Wall time of one command run to completion, in ms; -1 when it fails. */
static inline double
bench_run_ms (char **argv)
{
  gint64 t0 = g_get_monotonic_time ();
  int status = 0;
  g_autoptr(GError) error = NULL;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;
  return (g_get_monotonic_time () - t0) / 1000.0;
}
