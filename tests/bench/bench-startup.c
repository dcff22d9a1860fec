/* bench-startup.c — Parscore's start to first frame on a large database, next to a minimal
 * AdwApplication window's, measured in the same run (interleaved, medians).
 *
 *   bench-startup PARSCORE PEER [RUNS]
 *
 * Both programs are started with PARSCORE_BENCH_FIRST_FRAME=1 and GSK_RENDERER=cairo; each
 * prints "first-frame <CLOCK_MONOTONIC µs>" after its first frame is painted and quits. The
 * time counted is from just before the spawn to that instant. Needs a display (run it under
 * tests/ui/run-ui-test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-startup-db.h"
#include "bench-util.h"

/* One start, in ms; -1 on failure. */
static double
first_frame_ms (const char *program,
                const char *db)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  gint64 start, painted;

  g_subprocess_launcher_setenv (launcher, "PARSCORE_BENCH_FIRST_FRAME", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSK_RENDERER", "cairo", TRUE);

  start = g_get_monotonic_time ();
  if (db != NULL)
    process = g_subprocess_launcher_spawn (launcher, &error, program, "--db", db, NULL);
  else
    process = g_subprocess_launcher_spawn (launcher, &error, program, NULL);
  if (process == NULL)
    {
      fprintf (stderr, "bench: %s: %s\n", program, error->message);
      return -1;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      if (sscanf (line, "first-frame %" G_GINT64_FORMAT, &painted) == 1)
        break;
      g_clear_pointer (&line, g_free);
    }
  if (line == NULL)
    {
      fprintf (stderr, "bench: %s never reported its first frame\n", program);
      g_subprocess_force_exit (process);
      return -1;
    }
  if (!g_subprocess_wait (process, NULL, &error))
    g_subprocess_force_exit (process);
  return (painted - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".";
  g_autofree char *db = g_build_filename (builddir, "bench-startup.db", NULL);
  g_autoptr(GError) error = NULL;
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 9;
  g_autofree double *app = g_new0 (double, runs);
  g_autofree double *peer = g_new0 (double, runs);
  double app_ms, peer_ms;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-startup PARSCORE PEER [RUNS]\n");
      return 2;
    }
  if (!bench_startup_db (db, &error))
    {
      fprintf (stderr, "bench: %s\n", error->message);
      return 1;
    }

  /* One of each first, not counted: the page cache and the font cache warm up. */
  if (first_frame_ms (argv[1], db) < 0 || first_frame_ms (argv[2], NULL) < 0)
    return 1;
  for (guint i = 0; i < runs; i++)
    {
      app[i] = first_frame_ms (argv[1], db);
      peer[i] = first_frame_ms (argv[2], NULL);
      if (app[i] < 0 || peer[i] < 0)
        return 1;
    }
  app_ms = bench_median (app, runs);
  peer_ms = bench_median (peer, runs);

  printf ("start to first frame, GSK_RENDERER=cairo, median of %u interleaved runs\n", runs);
  printf ("  parscore on %s (50 units × 10 years × 100 sub-criteria × 5 documents): %.1f ms\n",
          db, app_ms);
  printf ("  minimal AdwApplication window (same run):                                %.1f ms\n",
          peer_ms);
  printf ("  ratio: %.2f× (target ≤ 1.5×)\n", app_ms / peer_ms);
  return 0;
}
