/* par-chart.c — chart entry points: render, hit test, tooltips, export.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "par-chart-private.h"
#include "par-error.h"
#include "par-format.h"

/* Largest export side accepted: beyond this an image surface is hundreds of megabytes. */
#define MAX_EXPORT_SIDE 20000.0

typedef void (*ParDrawFunc) (ParCanvas *c);

static const ParDrawFunc draw_funcs[PAR_CHART_N_TYPES] = {
  [PAR_CHART_FIELDS] = par_chart_draw_fields,
  [PAR_CHART_TOTAL] = par_chart_draw_total,
  [PAR_CHART_RADAR] = par_chart_draw_radar,
  [PAR_CHART_LOST] = par_chart_draw_lost,
  [PAR_CHART_SELF_VS_APPRAISED] = par_chart_draw_self_vs_appraised,
  [PAR_CHART_RANKING] = par_chart_draw_ranking,
};

void
par_chart_render (const ParChartModel *model,
                  ParChartType         type,
                  cairo_t             *cr,
                  double               width,
                  double               height,
                  const ParChartStyle *style)
{
  ParCanvas canvas;

  g_return_if_fail (model != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail ((guint) type < PAR_CHART_N_TYPES);

  if (!(width > 0) || !(height > 0))
    return;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  par_canvas_init (&canvas, model, cr, width, height, style, TRUE, NULL);
  draw_funcs[type] (&canvas);
  par_canvas_clear (&canvas);
  cairo_restore (cr);
}

void
par_chart_render_fields (const ParChartModel *model, cairo_t *cr, double width, double height,
                         const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_FIELDS, cr, width, height, style);
}

void
par_chart_render_total (const ParChartModel *model, cairo_t *cr, double width, double height,
                        const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_TOTAL, cr, width, height, style);
}

void
par_chart_render_radar (const ParChartModel *model, cairo_t *cr, double width, double height,
                        const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_RADAR, cr, width, height, style);
}

void
par_chart_render_lost (const ParChartModel *model, cairo_t *cr, double width, double height,
                       const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_LOST, cr, width, height, style);
}

void
par_chart_render_self_vs_appraised (const ParChartModel *model, cairo_t *cr, double width,
                                    double height, const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_SELF_VS_APPRAISED, cr, width, height, style);
}

void
par_chart_render_ranking (const ParChartModel *model, cairo_t *cr, double width, double height,
                          const ParChartStyle *style)
{
  par_chart_render (model, PAR_CHART_RANKING, cr, width, height, style);
}

GArray *
par_chart_get_regions (const ParChartModel *model,
                       ParChartType         type,
                       const ParChartStyle *style,
                       double               width,
                       double               height)
{
  GArray *regions;
  cairo_surface_t *scratch;
  cairo_t *cr;
  ParCanvas canvas;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail ((guint) type < PAR_CHART_N_TYPES, NULL);

  regions = g_array_new (FALSE, FALSE, sizeof (ParChartHit));
  if (!(width > 0) || !(height > 0))
    return regions;

  /* Text is measured, nothing is painted: a 1×1 surface is enough for Pango. */
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (scratch);
  par_canvas_init (&canvas, model, cr, width, height, style, FALSE, regions);
  draw_funcs[type] (&canvas);
  par_canvas_clear (&canvas);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return regions;
}

static double
distance_to_box (const ParChartHit *r,
                 double             x,
                 double             y)
{
  double dx = MAX (MAX (r->x - x, 0), x - (r->x + r->width));
  double dy = MAX (MAX (r->y - y, 0), y - (r->y + r->height));

  return sqrt (dx * dx + dy * dy);
}

gboolean
par_chart_hit_test (const ParChartModel *model,
                    ParChartType         type,
                    const ParChartStyle *style,
                    double               width,
                    double               height,
                    double               x,
                    double               y,
                    ParChartHit         *hit)
{
  g_autoptr(GArray) regions = NULL;
  int found;

  g_return_val_if_fail (hit != NULL, FALSE);
  *hit = (ParChartHit) { PAR_CHART_HIT_NONE, -1, -1, 0, 0, 0, 0 };
  g_return_val_if_fail (model != NULL, FALSE);

  regions = par_chart_get_regions (model, type, style, width, height);
  if ((found = par_chart_regions_find (regions, x, y)) < 0)
    return FALSE;
  *hit = g_array_index (regions, ParChartHit, found);
  return TRUE;
}

int
par_chart_regions_find (GArray *regions,
                        double  x,
                        double  y)
{
  int best = -1;
  double best_d = G_MAXDOUBLE;
  /* Points are small: the pointer may be this far off. */
  const double slack = 6.0;

  g_return_val_if_fail (regions != NULL, -1);

  for (guint i = 0; i < regions->len; i++)
    {
      const ParChartHit *r = &g_array_index (regions, ParChartHit, i);
      const ParChartHit *b = best >= 0 ? &g_array_index (regions, ParChartHit, best) : NULL;
      double d = distance_to_box (r, x, y);

      if (d > (r->kind == PAR_CHART_HIT_VALUE ? slack : 0))
        continue;
      /* The nearest wins; on a tie a value beats a label and the later (drawn on top) wins. */
      if (b == NULL || d < best_d
          || (d == best_d && (r->kind == PAR_CHART_HIT_VALUE || b->kind != PAR_CHART_HIT_VALUE)))
        {
          best = (int) i;
          best_d = d;
        }
    }
  return best;
}

static char *
category_text (const ParChartCategory *cat)
{
  if (g_strcmp0 (cat->code, cat->name) == 0)
    return g_strdup (cat->name);
  return g_strdup_printf ("%s. %s", cat->code, cat->name);
}

char *
par_chart_describe_hit (const ParChartModel *model,
                        ParChartType         type,
                        const ParChartHit   *hit,
                        char                 decimal_separator)
{
  const ParChartCategory *cat;
  const ParChartSeries *series;
  const ParChartValue *v;
  g_autofree char *what = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;
  g_autofree char *points = NULL;
  g_autofree char *max = NULL;
  char sep = decimal_separator != '\0' ? decimal_separator : '.';

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (hit != NULL, NULL);

  cat = hit->category >= 0 ? par_chart_model_get_category (model, (guint) hit->category) : NULL;
  series = hit->series >= 0 ? par_chart_model_get_series (model, (guint) hit->series) : NULL;

  switch (hit->kind)
    {
    case PAR_CHART_HIT_CATEGORY:
      return cat != NULL ? category_text (cat) : NULL;
    case PAR_CHART_HIT_SERIES:
      return series != NULL ? g_strdup (series->name) : NULL;
    case PAR_CHART_HIT_VALUE:
      break;
    case PAR_CHART_HIT_NONE:
    default:
      return NULL;
    }

  if (cat == NULL || series == NULL)
    return NULL;
  v = par_chart_model_get_value (model, (guint) hit->series, (guint) hit->category);
  what = category_text (cat);
  if (v->state == PAR_CHART_VALUE_NOT_APPLICABLE)
    return g_strdup_printf ("%s · %s: %s", series->name, what, _("not applicable"));
  if (v->state == PAR_CHART_VALUE_MISSING)
    return g_strdup_printf ("%s · %s: %s", series->name, what, _("no data"));
  if (v->state == PAR_CHART_VALUE_NOT_APPRAISED)
    return g_strdup_printf ("%s · %s: %s", series->name, what, _("not appraised"));

  percent = par_format_percent_sep (v->percent, 2, sep, PAR_FORMAT_MINUS | PAR_FORMAT_PERCENT_TIGHT);
  points = par_format_points_sep (v->points, sep);
  max = par_format_points_sep (v->max, sep);

  if (type == PAR_CHART_LOST && hit->series == 0)
    /* TRANSLATORS: "1.1.4. Title: 1.50 of 2.00 points lost (18.75 % of all points lost)" */
    text = g_strdup_printf (_("%s: %s of %s points lost (%s of all points lost)"),
                            what, points, max, percent);
  else if (type == PAR_CHART_LOST)
    /* TRANSLATORS: "Cumulative share · up to 1.2.1: 62.50 % of all points lost (5.00 of 8.00)" */
    text = g_strdup_printf (_("%s · up to %s: %s of all points lost (%s of %s)"),
                            series->name, cat->code, percent, points, max);
  else if (type == PAR_CHART_RANKING)
    text = g_strdup_printf (_("%s · %s: %s / %s points (%s)"), what, series->name, points,
                            max, percent);
  else
    /* TRANSLATORS: "2021 · 1. Chỉ đạo điều hành: 8.50 / 10.00 points (85.00 %)" */
    text = g_strdup_printf (_("%s · %s: %s / %s points (%s)"), series->name, what, points, max,
                            percent);
  if (!v->not_appraised)
    return g_steal_pointer (&text);
  /* TRANSLATORS: a value's tooltip, then why it is hatched: "…(85.00 %) — not appraised,
   * self-assessed score" */
  return g_strdup_printf (_("%s — not appraised, self-assessed score"), text);
}

/* Export: cairo writes into a ParExportFile (par-chart-file.c), renamed over the target once
 * complete, so a failed export leaves an existing file untouched. */
typedef enum {
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} ParExportFormat;

gboolean
par_chart_export (const ParChartModel *model,
                  ParChartType         type,
                  const ParChartStyle *style,
                  const char          *path,
                  double               width,
                  double               height,
                  GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  ParExportFormat format;
  ParExportFile *out;
  const char *dot;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail ((guint) type < PAR_CHART_N_TYPES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot != NULL && g_ascii_strcasecmp (dot, ".png") == 0)
    format = FORMAT_PNG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".svg") == 0)
    format = FORMAT_SVG;
  else if (dot != NULL && g_ascii_strcasecmp (dot, ".pdf") == 0)
    format = FORMAT_PDF;
  else
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("Cannot export a chart to “%s”: the file name must end in .png, .svg or .pdf"),
                   path);
      return FALSE;
    }
  if (!(width >= 1 && height >= 1 && width <= MAX_EXPORT_SIDE && height <= MAX_EXPORT_SIDE))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Cannot export a chart of %g × %g: each side must be between 1 and %g"),
                   width, height, MAX_EXPORT_SIDE);
      return FALSE;
    }

  out = par_export_file_open (path, error);
  if (out == NULL)
    return FALSE;

  switch (format)
    {
    case FORMAT_PNG:
      surface = par_export_image_new ((int) ceil (width), (int) ceil (height));
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (par_export_file_cairo_write, out, width,
                                                     height);
      break;
    case FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (par_export_file_cairo_write, out, width,
                                                     height);
      {
        g_autofree char *title = par_chart_model_get_full_title (model);

        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      }
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Parscore");
      break;
    default:
      g_assert_not_reached ();
    }

  cr = cairo_create (surface);
  par_chart_render (model, type, cr, width, height, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG
      && !par_chart_write_png (surface, out, &local_error))
    status = CAIRO_STATUS_WRITE_ERROR;
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* A write error is the file's to tell; anything else cairo's. */
  return par_export_file_commit (out,
                                 local_error != NULL ? local_error->message
                                 : status != CAIRO_STATUS_SUCCESS
                                   && par_export_file_get_errno (out) == 0
                                   ? cairo_status_to_string (status) : NULL,
                                 error);
}
