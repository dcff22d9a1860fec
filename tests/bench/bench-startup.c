/* bench-startup.c — `parscore --db` on a large database (50 units × 10 years × 100
 * sub-criteria) from its start to its first frame on screen, next to an empty
 * AdwApplicationWindow's (bench-startup-peer), interleaved in one run.
 *
 *   bench-startup PARSCORE PEER [RUNS]
 *
 * Both are started as a user starts them, in this process's environment: the GSK renderer is
 * whatever the environment picks (GSK_RENDERER when set), never forced here; each child says
 * which renderer painted its window. Where GL could only be software Parscore opens no GL
 * display and draws with cairo (par-software-gl.c) while an empty window opens GL as GTK does
 * by default: so the peer is also started with no GL display (GDK_DEBUG=gl-disable), and both
 * ratios are printed — against the empty window as GTK starts it (issue 11's target) and
 * against the empty window drawn the same way as Parscore here. Each prints "first-frame <CLOCK_MONOTONIC µs>" after its
 * first frame is painted (PARSCORE_BENCH_FIRST_FRAME=1) and quits; the time counted is from
 * just before the spawn to that instant. Peak memory is the child's, read by this parent
 * (wait4). Printed: median and min–max of each, the ratio of medians against issue 11's
 * target (≤ 1.3 × the empty window), met or not, and a last "table|…" line for bench-table.
 * Needs a display (run it under tests/ui/run-ui-test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-measure.h"
#include "bench-startup-db.h"
#include "bench-util.h"

#define TARGET 1.3

typedef struct {
  double ms;          /* spawn to first frame */
  double cpu_ms;      /* the child's CPU time, start to exit (wait4) */
  long   peak_kb;     /* the child's, by wait4 */
  char   renderer[64];
} Start;

/* One start, through bench-measure's launcher (wall time and peak memory read from outside);
 * FALSE on failure. The child's output goes to @out_path and is read once it has quit, so no
 * pipe is read while it starts. */
static gboolean
start_once (const char *program,
            const char *db,
            const char *gdk_debug,
            const char *out_path,
            Start      *start)
{
  char *argv[] = { (char *) program, (char *) "--db", (char *) db, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *line;
  gint64 painted = 0;
  BenchRun run;

  if (db == NULL)
    argv[1] = NULL;
  env = g_environ_setenv (env, "PARSCORE_BENCH_FIRST_FRAME", "1", TRUE);
  /* As par-software-gl.c sets them for Parscore: no GL display, and cairo named, so that GSK
   * does not try GL first. */
  if (gdk_debug != NULL)
    {
      env = g_environ_setenv (env, "GDK_DEBUG", gdk_debug, TRUE);
      env = g_environ_setenv (env, "GSK_RENDERER", "cairo", TRUE);
    }
  if (!bench_run_measured_env (argv, env, out_path, &run))
    {
      fprintf (stderr, "bench-startup: %s failed\n", program);
      return FALSE;
    }
  if (!g_file_get_contents (out_path, &out, NULL, NULL))
    return FALSE;
  start->renderer[0] = '\0';
  for (line = out; line != NULL && *line != '\0'; line = strchr (line, '\n'), line = line ? line + 1 : NULL)
    {
      if (sscanf (line, "first-frame %" G_GINT64_FORMAT, &painted) == 1)
        continue;
      sscanf (line, "renderer %63s", start->renderer);
    }
  if (painted <= run.start_us)
    {
      fprintf (stderr, "bench-startup: %s never reported its first frame\n", program);
      return FALSE;
    }
  start->ms = (painted - run.start_us) / 1000.0;
  start->peak_kb = run.peak_kb;
  start->cpu_ms = run.cpu_ms;
  return TRUE;
}

typedef struct {
  double median, min, max;
  long   peak_kb;
} Figure;

static Figure
figure_of (double *ms,
           long   *kb,
           guint   n)
{
  Figure f = { 0, };

  f.median = bench_median (ms, n);   /* sorts */
  f.min = ms[0];
  f.max = ms[n - 1];
  for (guint i = 0; i < n; i++)
    f.peak_kb = MAX (f.peak_kb, kb[i]);
  return f;
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".";
  g_autofree char *db = g_build_filename (builddir, "bench-startup.db", NULL);
  g_autofree char *dir = g_dir_make_tmp ("parscore-bench-startup-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(GError) error = NULL;
  guint runs = argc > 3 ? (guint) atoi (argv[3]) : 11;
  g_autofree double *app = g_new0 (double, runs);
  g_autofree double *peer = g_new0 (double, runs);
  g_autofree long *app_kb = g_new0 (long, runs);
  g_autofree long *peer_kb = g_new0 (long, runs);
  g_autofree double *app_cpu = g_new0 (double, runs);
  g_autofree double *peer_cpu = g_new0 (double, runs);
  g_autofree double *flat = g_new0 (double, runs);
  g_autofree long *flat_kb = g_new0 (long, runs);
  g_autofree double *flat_cpu = g_new0 (double, runs);
  double load[3] = { 0, 0, 0 };
  double app_cpu_median, peer_cpu_median, flat_cpu_median;
  char app_renderer[64] = "", peer_renderer[64] = "", flat_renderer[64] = "";
  Figure a, p, f;
  double ratio, flat_ratio;

  if (argc < 3 || runs == 0)
    {
      fprintf (stderr, "usage: bench-startup PARSCORE PEER [RUNS]\n");
      return 2;
    }
  /* Made before the runs, by a child of its own when missing (its memory is never this
   * process's). */
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      pid_t maker = fork ();
      int status = 0;

      if (maker == 0)
        {
          gboolean made = bench_startup_db (db, &error);
          if (!made)
            fprintf (stderr, "bench-startup: %s\n", error->message);
          _exit (made ? 0 : 1);
        }
      if (maker < 0 || waitpid (maker, &status, 0) < 0 || !WIFEXITED (status) ||
          WEXITSTATUS (status) != 0)
        return 1;
    }

  /* One of each first, not counted: the page cache and the font cache warm up. */
  for (guint i = 0; i <= runs; i++)
    {
      Start s_app, s_peer, s_flat;

      /* The peer twice: as GTK starts it here, and with no GL display (cairo), the way
       * Parscore starts where GL could only be software (par-software-gl.c). */
      if (!start_once (argv[1], db, NULL, out, &s_app) || !start_once (argv[2], NULL, NULL, out, &s_peer) ||
          !start_once (argv[2], NULL, "gl-disable:vulkan-disable", out, &s_flat))
        return 1;
      if (i == 0)
        continue;
      app[i - 1] = s_app.ms;
      app_kb[i - 1] = s_app.peak_kb;
      peer[i - 1] = s_peer.ms;
      peer_kb[i - 1] = s_peer.peak_kb;
      app_cpu[i - 1] = s_app.cpu_ms;
      peer_cpu[i - 1] = s_peer.cpu_ms;
      g_strlcpy (app_renderer, s_app.renderer, sizeof app_renderer);
      g_strlcpy (peer_renderer, s_peer.renderer, sizeof peer_renderer);
      flat[i - 1] = s_flat.ms;
      flat_kb[i - 1] = s_flat.peak_kb;
      flat_cpu[i - 1] = s_flat.cpu_ms;
      g_strlcpy (flat_renderer, s_flat.renderer, sizeof flat_renderer);
    }
  a = figure_of (app, app_kb, runs);
  p = figure_of (peer, peer_kb, runs);
  f = figure_of (flat, flat_kb, runs);
  ratio = a.median / p.median;
  flat_ratio = a.median / f.median;
  app_cpu_median = bench_median (app_cpu, runs);
  peer_cpu_median = bench_median (peer_cpu, runs);
  flat_cpu_median = bench_median (flat_cpu, runs);
  getloadavg (load, 3);

  printf ("start to first frame: %u interleaved runs each; GSK_RENDERER %s in the environment; "
          "peak RSS by the parent\n", runs,
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "not set");
  printf ("  parscore --db (50 units × 10 years × 100 sub-criteria) %6.1f ms (%.1f–%.1f), "
          "%.0f MB, painted by %s\n", a.median, a.min, a.max, a.peak_kb / 1024.0,
          app_renderer[0] ? app_renderer : "?");
  printf ("  empty AdwApplicationWindow                            %6.1f ms (%.1f–%.1f), "
          "%.0f MB, painted by %s\n", p.median, p.min, p.max, p.peak_kb / 1024.0,
          peer_renderer[0] ? peer_renderer : "?");
  printf ("  empty AdwApplicationWindow, no GL display           %6.1f ms (%.1f–%.1f), "
          "%.0f MB, painted by %s\n", f.median, f.min, f.max, f.peak_kb / 1024.0,
          flat_renderer[0] ? flat_renderer : "?");
  printf ("  ratio of medians %.2f× the empty window, target ≤ %.1f×: %s\n", ratio, TARGET,
          ratio <= TARGET ? "met" : "NOT MET");
  printf ("  ratio of medians %.2f× the empty window with no GL display, target ≤ %.1f×: %s\n",
          flat_ratio, TARGET, flat_ratio <= TARGET ? "met" : "NOT MET");
  printf ("  CPU time (user + system, start to exit, by wait4): %.0f ms (%.0f–%.0f) vs %.0f ms "
          "(%.0f–%.0f), ratio %.2f×; load average %.1f %.1f %.1f\n", app_cpu_median, app_cpu[0],
          app_cpu[runs - 1], peer_cpu_median, peer_cpu[0], peer_cpu[runs - 1],
          app_cpu_median / peer_cpu_median, load[0], load[1], load[2]);
  printf ("  CPU time against the empty window with no GL display: %.0f ms (%.0f–%.0f), ratio %.2f×\n",
          flat_cpu_median, flat_cpu[0], flat_cpu[runs - 1], app_cpu_median / flat_cpu_median);
  printf ("table|parscore start to first frame, CPU time to exit (load %.1f)|empty "
          "AdwApplicationWindow|%.2f|≤ %.1f|%s\n", load[0], app_cpu_median / peer_cpu_median,
          TARGET, app_cpu_median / peer_cpu_median <= TARGET ? "met" : "not met");
  printf ("table|parscore start to first frame, 50 units × 10 years (%s)|empty "
          "AdwApplicationWindow|%.2f|≤ %.1f|%s\n", app_renderer[0] ? app_renderer : "?", ratio,
          TARGET, ratio <= TARGET ? "met" : "not met");
  printf ("table|parscore start to first frame, CPU time to exit|empty AdwApplicationWindow with no "
          "GL display (%s)|%.2f|≤ %.1f|%s\n", flat_renderer[0] ? flat_renderer : "?",
          app_cpu_median / flat_cpu_median, TARGET,
          app_cpu_median / flat_cpu_median <= TARGET ? "met" : "not met");
  printf ("table|parscore start to first frame, wall|empty AdwApplicationWindow with no GL display "
          "(%s)|%.2f|≤ %.1f|%s\n", flat_renderer[0] ? flat_renderer : "?", flat_ratio, TARGET,
          flat_ratio <= TARGET ? "met" : "not met");
  {
    /* bench-measure writes the child's standard error beside its output. */
    g_autofree char *err = g_strdup_printf ("%s.err", out);

    g_unlink (out);
    g_unlink (err);
  }
  g_rmdir (dir);
  return 0;
}
