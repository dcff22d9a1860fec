/* par-chart-total.c — chart 2: the total index % over the years, on the band zones.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

/* Series 0 is the self-assessment, 1 the appraised index (see the builder): the same
 * colours as in the self-against-appraised chart, whether or not both are there. */
static const ParRgba *
series_color (ParCanvas *c,
              guint      s)
{
  return s == 0 ? &c->pal->self : &c->pal->appraised;
}

/* Band @i of the model spans from its lower bound to the next band's (the axis's top for the
 * last), cut to the axis; FALSE when nothing of it is on the axis. */
static gboolean
band_span (const ParChartModel *m,
           const ParAxis       *axis,
           guint                i,
           double              *lower,
           double              *upper)
{
  double from = par_percent_value (g_array_index (m->bands, ParChartBand, i).lower);
  double to = i + 1 < m->bands->len
              ? par_percent_value (g_array_index (m->bands, ParChartBand, i + 1).lower)
              : axis->hi;

  *lower = MAX (from, axis->lo);
  *upper = MIN (to, axis->hi);
  return *upper > *lower;
}

void
par_chart_draw_bands_y (ParCanvas     *c,
                        const ParAxis *axis,
                        ParRect        plot)
{
  const ParChartModel *m = c->model;

  for (guint i = 0; i < m->bands->len; i++)
    {
      const ParChartBand *band = &g_array_index (m->bands, ParChartBand, i);
      double lower, upper;
      double y0, y1;

      if (!band_span (m, axis, i, &lower, &upper))
        continue;
      y0 = par_axis_map (axis, upper, plot.y + plot.h, plot.y);
      y1 = par_axis_map (axis, lower, plot.y + plot.h, plot.y);
      par_canvas_fill_rect (c, (ParRect) { plot.x, y0, plot.w, y1 - y0 }, &c->pal->band,
                            par_canvas_band_alpha (c, i, m->bands->len));
      if (lower > axis->lo)
        par_canvas_line (c, plot.x, y1, plot.x + plot.w, y1, MAX (1.0, c->s),
                         &(ParRgba) { c->pal->band.r, c->pal->band.g, c->pal->band.b, 0.6 });
      if (y1 - y0 >= c->line_height[PAR_FONT_SMALL] + 4 * c->s)
        par_canvas_text (c, PAR_FONT_SMALL, band->name, plot.x + plot.w - 6 * c->s,
                         y0 + 3 * c->s, plot.w / 3, 1, 1, 0, &c->pal->muted);
    }
}

void
par_chart_draw_total (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  guint n_ser = m->series->len;
  g_autofree ParLegendItem *items = NULL;
  ParRect area, plot;
  ParAxis axis;
  double slot, gutter, lh = c->line_height[PAR_FONT_SMALL];
  double radius = 4.5 * c->s;

  area = par_canvas_frame (c);
  if (par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  items = g_new (ParLegendItem, n_ser + 1);
  for (guint s = 0; s < n_ser; s++)
    items[s] = (ParLegendItem) { par_chart_model_get_series (m, s)->name, series_color (c, s),
                                 PAR_MARKER_LINE, (int) s };
  /* A year the council has not appraised shows its self-assessed index as a hollow point. */
  if (par_canvas_not_appraised_label (c) != NULL)
    items[n_ser] = (ParLegendItem) { par_canvas_not_appraised_label (c),
                                     series_color (c, n_ser - 1), PAR_MARKER_RING, -1 };
  par_canvas_legend (c, &area, items,
                     par_canvas_not_appraised_label (c) != NULL ? n_ser + 1 : n_ser);

  par_canvas_fit_zoomed_axis (c, &axis, area.h, 44);
  gutter = par_canvas_tick_width (c, &axis, TRUE) + 8 * c->s;
  plot = (ParRect) { area.x + gutter, area.y + lh, MAX (area.w - gutter, 1.0),
                     MAX (area.h - lh - 2 * lh - 8 * c->s, 1.0) };
  slot = plot.w / MAX (n_cat, 1);

  par_chart_draw_bands_y (c, &axis, plot);
  par_canvas_grid_y (c, &axis, plot, TRUE, FALSE);

  /* Years along the bottom; a year without data says so. */
  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (m, k);
      double x = plot.x + slot * (k + 0.5);
      gboolean any = FALSE, unappraised = FALSE;
      ParRect box;

      for (guint s = 0; s < n_ser; s++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, s, k);

          any |= v->state == PAR_CHART_VALUE_OK;
          unappraised |= v->state == PAR_CHART_VALUE_NOT_APPRAISED
                         || (v->state == PAR_CHART_VALUE_OK && v->not_appraised);
        }
      box = par_canvas_text (c, PAR_FONT_SMALL, cat->short_name, x, plot.y + plot.h + 6 * c->s,
                             slot, 1, 0.5, 0, any ? &c->pal->text : &c->pal->muted);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);
      /* Under the year: why a line has no point there. */
      if (unappraised)
        par_canvas_text (c, PAR_FONT_SMALL, par_canvas_tr (c, N_("not appraised")), x, box.y + box.h, slot, 1, 0.5,
                         0, &c->pal->muted);
      if (!any)
        par_canvas_text (c, PAR_FONT_SMALL, par_canvas_tr (c, N_("No data")), x, plot.y + plot.h - 4 * c->s, slot,
                         2, 0.5, 1, &c->pal->muted);
    }

  /* Lines break where a year is missing rather than bridging the gap. The self-assessed line
   * is dashed beside another, and so is a segment to a year the council has not appraised. */
  for (guint s = 0; s < n_ser && c->paint; s++)
    {
      const ParChartValue *prev = NULL;
      double px = 0, py = 0;

      cairo_save (c->cr);
      par_canvas_set_color (c, series_color (c, s), 1.0);
      cairo_set_line_width (c->cr, 2.5 * c->s);
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
      for (guint k = 0; k < n_cat; k++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, s, k);
          double x = plot.x + slot * (k + 0.5);
          double y;

          if (v->state != PAR_CHART_VALUE_OK)
            {
              prev = NULL;
              continue;
            }
          y = par_axis_map (&axis, par_percent_value (v->percent), plot.y + plot.h, plot.y);
          if (prev != NULL)
            {
              gboolean dashed = (s == 0 && n_ser > 1) || v->not_appraised || prev->not_appraised;

              cairo_set_dash (c->cr, (double[]) { 7 * c->s, 4 * c->s }, dashed ? 2 : 0, 0);
              cairo_move_to (c->cr, px, py);
              cairo_line_to (c->cr, x, y);
              cairo_stroke (c->cr);
            }
          prev = v;
          px = x;
          py = y;
        }
      cairo_restore (c->cr);
    }

  for (guint s = 0; s < n_ser; s++)
    for (guint k = 0; k < n_cat; k++)
      {
        const ParChartValue *v = par_chart_model_get_value (m, s, k);
        const ParChartValue *other;
        double x = plot.x + slot * (k + 0.5);
        double y;
        gboolean below;
        g_autofree char *text = NULL;

        if (v->state != PAR_CHART_VALUE_OK)
          continue;
        y = par_axis_map (&axis, par_percent_value (v->percent), plot.y + plot.h, plot.y);
        if (v->not_appraised)
          par_canvas_dot (c, x, y, radius, &c->pal->background, series_color (c, s));
        else
          par_canvas_dot (c, x, y, radius, series_color (c, s), &c->pal->background);
        par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, (int) s,
                           (ParRect) { x - radius, y - radius, 2 * radius, 2 * radius });

        /* With two series the lower one is labelled below its point and the upper above;
         * a label that would leave the plot flips side. */
        other = n_ser > 1 ? par_chart_model_get_value (m, 1 - s, k) : NULL;
        below = other != NULL && other->state == PAR_CHART_VALUE_OK
                && (v->percent < other->percent || (v->percent == other->percent && s == 0));
        if (!below && y - radius - lh < plot.y - lh)
          below = TRUE;
        if (below && y + radius + lh > plot.y + plot.h)
          below = FALSE;
        /* Where both lines meet (a year not appraised: its final index is the self one), one
         * label says it. */
        if (s == 1 && other != NULL && other->state == PAR_CHART_VALUE_OK
            && other->percent == v->percent)
          continue;
        text = par_canvas_format_percent (c, v->percent, 1);
        par_canvas_text_halo (c, PAR_FONT_SMALL, text, x,
                              below ? y + radius + 3 * c->s : y - radius - 3 * c->s, 0.5,
                              below ? 0 : 1, &c->pal->text);
      }
}

void
par_chart_draw_bands_x (ParCanvas     *c,
                        const ParAxis *axis,
                        ParRect        plot)
{
  const ParChartModel *m = c->model;

  for (guint i = 0; i < m->bands->len; i++)
    {
      const ParChartBand *band = &g_array_index (m->bands, ParChartBand, i);
      double lower, upper;
      double x0, x1;

      if (!band_span (m, axis, i, &lower, &upper))
        continue;
      x0 = par_axis_map (axis, lower, plot.x, plot.x + plot.w);
      x1 = par_axis_map (axis, upper, plot.x, plot.x + plot.w);
      par_canvas_fill_rect (c, (ParRect) { x0, plot.y, x1 - x0, plot.h }, &c->pal->band,
                            par_canvas_band_alpha (c, i, m->bands->len));
      if (lower > axis->lo)
        par_canvas_line (c, x0, plot.y, x0, plot.y + plot.h, MAX (1.0, c->s),
                         &(ParRgba) { c->pal->band.r, c->pal->band.g, c->pal->band.b, 0.6 });
      par_canvas_text (c, PAR_FONT_SMALL, band->name, (x0 + x1) / 2, plot.y - 4 * c->s,
                       x1 - x0, 1, 0.5, 1, &c->pal->muted);
    }
}
