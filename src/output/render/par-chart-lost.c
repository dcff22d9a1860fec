/* par-chart-lost.c — chart 4: where points were lost, a Pareto chart of sub-criteria.
 *
 * Series 0 holds the points lost per sub-criterion (bars, left axis in points), series 1 the
 * cumulative share of all points lost (line, right axis in %).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

void
par_chart_draw_lost (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  gboolean has_cumulative = m->series->len > 1;
  ParLegendItem items[3];
  guint n_items = 0;
  ParRect area, plot;
  ParAxis left, right;
  double hi = 0, slot, bar_w, lh = c->line_height[PAR_FONT_SMALL];
  double gutter_l, gutter_r, code_w = 0;
  guint label_every = 1;
  double dot = 3.5 * c->s;

  area = par_canvas_frame (c);
  if (m->series->len == 0 || n_cat == 0 || par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  items[n_items++] = (ParLegendItem) { par_chart_model_get_series (m, 0)->name, &c->pal->loss,
                                       PAR_MARKER_SWATCH, 0 };
  if (has_cumulative)
    items[n_items++] = (ParLegendItem) { par_chart_model_get_series (m, 1)->name,
                                         &c->pal->cumulative, PAR_MARKER_LINE, 1 };
  if (par_canvas_not_appraised_label (c) != NULL)
    items[n_items++] = (ParLegendItem) { par_canvas_not_appraised_label (c), &c->pal->loss,
                                         PAR_MARKER_HATCH, -1 };
  par_canvas_legend (c, &area, items, n_items);
  /* Sub-criteria are labelled by code; the legend gives their titles. */
  par_canvas_category_legend (c, &area, TRUE);

  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartValue *v = par_chart_model_get_value (m, 0, k);

      if (v->state == PAR_CHART_VALUE_OK)
        hi = MAX (hi, v->points / 100.0);
    }
  par_axis_fit (&left, 0, MAX (hi, 0.01), par_canvas_tick_budget (c, area.h - 2 * lh, 48));
  right = (ParAxis) { 0, 100, 25 };
  gutter_l = par_canvas_tick_width (c, &left, FALSE) + 8 * c->s;
  gutter_r = has_cumulative ? par_canvas_tick_width (c, &right, TRUE) + 8 * c->s : 0;

  plot = (ParRect) { area.x + gutter_l, area.y + lh, MAX (area.w - gutter_l - gutter_r, 1.0),
                     MAX (area.h - lh - lh - 8 * c->s, 1.0) };
  slot = plot.w / n_cat;
  bar_w = MIN (slot * 0.7, 80.0 * c->s);

  par_canvas_grid_y (c, &left, plot, FALSE, FALSE);
  /* TRANSLATORS: the unit of the left axis of the lost-points chart */
  par_canvas_text (c, PAR_FONT_SMALL, par_canvas_tr (c, N_("points")), area.x, plot.y - 6 * c->s, -1, 1, 0, 1,
                   &c->pal->muted);
  if (has_cumulative)
    par_canvas_grid_y (c, &right, plot, TRUE, TRUE);

  /* Codes under the bars; with many bars only every n-th fits. */
  for (guint k = 0; k < n_cat; k++)
    {
      double w;

      par_canvas_measure (c, PAR_FONT_SMALL, par_chart_model_get_category (m, k)->code, -1, 1,
                          &w, NULL);
      code_w = MAX (code_w, w);
    }
  label_every = MAX (1, (guint) ceil ((code_w + 6 * c->s) / slot));

  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartValue *v = par_chart_model_get_value (m, 0, k);
      double center = plot.x + slot * (k + 0.5);
      double base = plot.y + plot.h;

      if (v->state == PAR_CHART_VALUE_OK)
        {
          double top = par_axis_map (&left, v->points / 100.0, base, plot.y);
          ParRect bar = { center - bar_w / 2, top, bar_w, base - top };
          g_autofree char *text = par_canvas_format_points (c, v->points);
          double tw;

          if (v->not_appraised)
            par_canvas_hatch_rect (c, bar, &c->pal->loss);
          else
            par_canvas_fill_rect (c, bar, &c->pal->loss, 1.0);
          if (bar.h < 6 * c->s)
            bar = (ParRect) { bar.x, base - 6 * c->s, bar.w, 6 * c->s };
          par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, 0, bar);
          par_canvas_measure (c, PAR_FONT_SMALL, text, -1, 1, &tw, NULL);
          if (tw <= slot - 2 * c->s)
            par_canvas_text (c, PAR_FONT_SMALL, text, center, top - 2 * c->s, -1, 1, 0.5, 1,
                             &c->pal->text);
        }
      if (k % label_every == 0)
        {
          ParRect box = par_canvas_text (c, PAR_FONT_SMALL,
                                         par_chart_model_get_category (m, k)->code, center,
                                         base + 6 * c->s, -1, 1, 0.5, 0, &c->pal->text);

          par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);
        }
    }

  if (!has_cumulative)
    return;

  if (c->paint)
    {
      gboolean pen_down = FALSE;

      cairo_save (c->cr);
      par_canvas_set_color (c, &c->pal->cumulative, 1.0);
      cairo_set_line_width (c->cr, 2.0 * c->s);
      cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
      for (guint k = 0; k < n_cat; k++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, 1, k);
          double x = plot.x + slot * (k + 0.5);
          double y;

          if (v->state != PAR_CHART_VALUE_OK)
            {
              pen_down = FALSE;
              continue;
            }
          y = par_axis_map (&right, par_percent_value (v->percent), plot.y + plot.h, plot.y);
          if (pen_down)
            cairo_line_to (c->cr, x, y);
          else
            cairo_move_to (c->cr, x, y);
          pen_down = TRUE;
        }
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
    }

  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartValue *v = par_chart_model_get_value (m, 1, k);
      double x = plot.x + slot * (k + 0.5);
      double y;
      g_autofree char *text = NULL;
      double tw;

      if (v->state != PAR_CHART_VALUE_OK)
        continue;
      y = par_axis_map (&right, par_percent_value (v->percent), plot.y + plot.h, plot.y);
      par_canvas_dot (c, x, y, dot, &c->pal->cumulative, &c->pal->background);
      par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, 1,
                         (ParRect) { x - dot, y - dot, 2 * dot, 2 * dot });
      text = par_canvas_format_percent (c, v->percent, 0);
      par_canvas_measure (c, PAR_FONT_SMALL, text, -1, 1, &tw, NULL);
      if (tw <= slot - 4 * c->s)
        par_canvas_text_halo (c, PAR_FONT_SMALL, text, x, y - dot - 3 * c->s, 0.5, 1,
                              &c->pal->text);
    }
}
