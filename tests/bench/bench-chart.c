/* bench-chart.c — chart 1 (grouped bars, 10 years × 8 fields) at 1600×900, next to Debian's
 * python3-matplotlib drawing the same chart from the same data in the same run.
 *
 *   bench-chart SCRIPT [PYTHON]        run the comparison (meson benchmark)
 *   bench-chart --render DATA OUT.png  one whole-process export (what the parent times)
 *
 * Figures: whole process to PNG (median of interleaved runs), draw only (first chart of a
 * process, and repeated), and the redraw time per frame onto an existing image surface.
 * Targets: ours ≥ 10× faster than matplotlib; a redraw under 4 ms.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-util.h"
#include "par-core.h"
#include "par-chart.h"

#define YEARS 10
#define FIELDS 8
#define WIDTH 1600
#define HEIGHT 900
#define PROCESS_RUNS 11
#define DRAW_RUNS 31
#define FRAMES 300

static const char *const field_names[FIELDS] = {
  "Công tác chỉ đạo, điều hành cải cách hành chính",
  "Cải cách thể chế",
  "Cải cách thủ tục hành chính",
  "Cải cách tổ chức bộ máy",
  "Cải cách chế độ công vụ",
  "Cải cách tài chính công",
  "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
  "Tác động của cải cách hành chính",
};

/* The same deterministic values for both programs: one line per bar,
 * "year;code;name;hundredths of a percent". */
static void
write_data (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (int y = 0; y < YEARS; y++)
    for (int f = 0; f < FIELDS; f++)
      {
        guint h = ((guint) f * 2654435761u) ^ ((guint) y * 40503u);
        gint64 pct = MIN (6000 + (gint64) ((h >> 7) % 2400) + y * 150, 10000);

        g_string_append_printf (out, "%d;%d;%s;%" G_GINT64_FORMAT "\n", 2015 + y, f + 1,
                                field_names[f], pct);
      }
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &error))
    g_error ("%s", error->message);
}

static ParChartModel *
read_model (const char *path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  ParChartModel *m = par_chart_model_new (PAR_CHART_FIELDS, NULL);

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  par_chart_model_set_subtitle (m, "Ban Quản lý các Khu công nghiệp · 2015–2024");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], ";", 4);
      int year = atoi (cols[0]);
      int field = atoi (cols[1]) - 1;
      gint64 pct = g_ascii_strtoll (cols[3], NULL, 10);
      guint s;

      if (field >= (int) m->categories->len)
        par_chart_model_add_category (m, cols[1], cols[2], NULL);
      for (s = 0; s < m->series->len; s++)
        if (par_chart_model_get_series (m, s)->year == year)
          break;
      if (s == m->series->len)
        par_chart_model_add_series (m, NULL, year);
      par_chart_model_set_value (m, s, (guint) field, pct, pct / 10, 1000);
    }
  return m;
}

/* Child mode: what a user's `parscore-cli chart` would do, minus the database. */
static int
render_once (const char *data,
             const char *out)
{
  g_autoptr(ParChartModel) m = read_model (data);
  g_autoptr(GError) error = NULL;
  ParChartStyle style;

  par_chart_style_init (&style, PAR_CHART_PALETTE_LIGHT);
  if (!par_chart_export (m, PAR_CHART_FIELDS, &style, out, WIDTH, HEIGHT, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* One chart drawn onto a fresh image surface (model built from the data file), in ms. */
static double
draw_only_ms (const char *data)
{
  double t0 = now_ms ();
  g_autoptr(ParChartModel) m = read_model (data);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double t;

  par_chart_render_fields (m, cr, WIDTH, HEIGHT, NULL);
  cairo_surface_flush (surface);
  t = now_ms () - t0;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return t;
}

/* Matplotlib's own timing of its draw, printed by the script: "first_ms median_ms". */
static gboolean
matplotlib_draw_ms (const char *python,
                    const char *script,
                    const char *data,
                    double     *first,
                    double     *median)
{
  g_autofree char *out = NULL;
  g_autofree char *runs = g_strdup_printf ("%d", DRAW_RUNS);
  char *argv[] = { (char *) python, (char *) script, (char *) "--draw-only", (char *) data,
                   runs, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &status, NULL)
      || !g_spawn_check_wait_status (status, NULL))
    return FALSE;
  return sscanf (out, "%lf %lf", first, median) == 2;
}

int
main (int argc, char **argv)
{
  const char *script, *python;
  g_autofree char *dir = NULL;
  g_autofree char *data = NULL;
  g_autofree char *ours_png = NULL;
  g_autofree char *theirs_png = NULL;
  g_autofree char *self = NULL;
  double ours_proc[PROCESS_RUNS], theirs_proc[PROCESS_RUNS];
  double draws[DRAW_RUNS], frames[FRAMES];
  double ours_first, ours_draw, theirs_first = -1, theirs_draw = -1;
  double proc_ours, proc_theirs, redraw, redraw_small;
  gboolean have_peer;

  if (argc == 4 && strcmp (argv[1], "--render") == 0)
    return render_once (argv[2], argv[3]);
  if (argc < 2)
    {
      g_printerr ("usage: %s SCRIPT [PYTHON]\n", argv[0]);
      return 2;
    }
  script = argv[1];
  python = argc > 2 ? argv[2] : "/usr/bin/python3";
  self = g_canonicalize_filename (argv[0], NULL);

  dir = g_dir_make_tmp ("parscore-bench-chart-XXXXXX", NULL);
  data = g_build_filename (dir, "data.txt", NULL);
  ours_png = g_build_filename (dir, "ours.png", NULL);
  theirs_png = g_build_filename (dir, "matplotlib.png", NULL);
  write_data (data);

  /* The first draw of this process (fonts and caches cold), then repeated draws. */
  ours_first = draw_only_ms (data);
  for (int i = 0; i < DRAW_RUNS; i++)
    draws[i] = draw_only_ms (data);
  ours_draw = bench_median (draws, DRAW_RUNS);

  /* A redraw as the app's widget does it: same model, same surface, every frame. */
  {
    g_autoptr(ParChartModel) m = read_model (data);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
    cairo_t *cr = cairo_create (surface);
    cairo_t *cr_small = cairo_create (small);

    for (int i = 0; i < FRAMES; i++)
      {
        double t0 = now_ms ();

        par_chart_render_fields (m, cr, WIDTH, HEIGHT, NULL);
        cairo_surface_flush (surface);
        frames[i] = now_ms () - t0;
      }
    redraw = bench_median (frames, FRAMES);
    for (int i = 0; i < FRAMES; i++)
      {
        double t0 = now_ms ();

        par_chart_render_fields (m, cr_small, 800, 500, NULL);
        cairo_surface_flush (small);
        frames[i] = now_ms () - t0;
      }
    redraw_small = bench_median (frames, FRAMES);
    cairo_destroy (cr);
    cairo_destroy (cr_small);
    cairo_surface_destroy (surface);
    cairo_surface_destroy (small);
  }

  /* Whole processes to PNG, interleaved so that machine noise hits both alike. */
  have_peer = g_file_test (python, G_FILE_TEST_IS_EXECUTABLE);
  for (int i = 0; i < PROCESS_RUNS; i++)
    {
      char *ours[] = { self, (char *) "--render", data, ours_png, NULL };
      char *theirs[] = { (char *) python, (char *) script, (char *) "--render", data,
                         theirs_png, NULL };

      ours_proc[i] = bench_run_ms (ours);
      if (ours_proc[i] < 0)
        g_error ("bench-chart --render failed");
      theirs_proc[i] = have_peer ? bench_run_ms (theirs) : -1;
      if (theirs_proc[i] < 0)
        have_peer = FALSE;
    }
  proc_ours = bench_median (ours_proc, PROCESS_RUNS);
  proc_theirs = have_peer ? bench_median (theirs_proc, PROCESS_RUNS) : -1;
  if (have_peer && !matplotlib_draw_ms (python, script, data, &theirs_first, &theirs_draw))
    have_peer = FALSE;

  printf ("chart 1, grouped bars, %d years × %d fields, %d×%d\n", YEARS, FIELDS, WIDTH, HEIGHT);
  printf ("  %-34s %12s %14s %8s\n", "", "cairo+pango", "matplotlib", "ratio");
  if (have_peer)
    {
      printf ("  %-34s %9.1f ms %11.1f ms %7.1f×\n", "whole process to PNG (median)",
              proc_ours, proc_theirs, proc_theirs / proc_ours);
      printf ("  %-34s %9.2f ms %11.1f ms %7.1f×\n", "draw only, first in process",
              ours_first, theirs_first, theirs_first / ours_first);
      printf ("  %-34s %9.2f ms %11.1f ms %7.1f×\n", "draw only, repeated (median)",
              ours_draw, theirs_draw, theirs_draw / ours_draw);
    }
  else
    {
      printf ("  %-34s %9.1f ms   (no python3-matplotlib at %s)\n",
              "whole process to PNG (median)", proc_ours, python);
      printf ("  %-34s %9.2f ms\n", "draw only, first in process", ours_first);
      printf ("  %-34s %9.2f ms\n", "draw only, repeated (median)", ours_draw);
    }
  printf ("  %-34s %9.2f ms   (target < 4 ms)\n", "redraw per frame, 1600×900", redraw);
  printf ("  %-34s %9.2f ms\n", "redraw per frame, 800×500", redraw_small);
  if (have_peer)
    printf ("  target ≥ 10× faster whole-process: %s (%.1f×)\n",
            proc_theirs / proc_ours >= 10 ? "met" : "NOT met", proc_theirs / proc_ours);
  printf ("  redraw target < 4 ms: %s\n", redraw < 4.0 ? "met" : "NOT met");
  printf ("  PNGs: %s and %s\n", ours_png, theirs_png);
  return 0;
}
