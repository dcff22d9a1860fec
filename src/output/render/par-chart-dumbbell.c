/* par-chart-dumbbell.c — chart 5: self-assessed against final index %, per field.
 *
 * One row per field: a ring at the self-assessed index, a dot at the final one (after the
 * appraisal), a bar between them, and the difference in points at the right — what the council
 * changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"
#include "par-format.h"

void
par_chart_draw_self_vs_appraised (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  gboolean two = m->series->len > 1;
  ParLegendItem items[2];
  ParRect area, plot;
  ParAxis axis;
  double lh = c->line_height[PAR_FONT_SMALL];
  double label_w = 0, delta_w, row_h, dot = 5.0 * c->s;
  const char *delta_title = par_canvas_tr (c, N_("Difference (points)"));
  int label_lines;

  area = par_canvas_frame (c);
  if (m->series->len == 0 || n_cat == 0 || par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  items[0] = (ParLegendItem) { par_chart_model_get_series (m, 0)->name, &c->pal->self,
                               PAR_MARKER_RING, 0 };
  if (two)
    items[1] = (ParLegendItem) { par_chart_model_get_series (m, 1)->name, &c->pal->appraised,
                                 PAR_MARKER_DOT, 1 };
  par_canvas_legend (c, &area, items, two ? 2 : 1);
  par_canvas_category_legend (c, &area, FALSE);

  /* Field names on the left (up to a third of the width), the difference column on the
   * right, the value axis between them. */
  row_h = (area.h - 2 * lh - 8 * c->s) / n_cat;
  label_lines = row_h >= 2.4 * lh ? 2 : 1;
  for (guint k = 0; k < n_cat; k++)
    {
      g_autofree char *label = par_canvas_category_label (c, k);
      double w;

      par_canvas_measure (c, PAR_FONT_SMALL, label, area.w / 3, label_lines, &w, NULL);
      label_w = MAX (label_w, w);
    }
  par_canvas_measure (c, PAR_FONT_SMALL, delta_title, -1, 1, &delta_w, NULL);
  delta_w = two ? MAX (delta_w, 60 * c->s) : 0;

  plot.x = area.x + label_w + 16 * c->s;
  plot.y = area.y + lh + 4 * c->s;
  plot.w = MAX (area.w - label_w - 16 * c->s - (two ? delta_w + 20 * c->s : 0), 1.0);
  plot.h = MAX (area.h - lh - 4 * c->s - lh - 8 * c->s, 1.0);
  row_h = plot.h / n_cat;

  par_canvas_fit_zoomed_axis (c, &axis, plot.w, 70);
  par_canvas_grid_x (c, &axis, plot, TRUE);
  if (two)
    par_canvas_text (c, PAR_FONT_SMALL, delta_title, area.x + area.w, area.y, -1, 1, 1, 0,
                     &c->pal->muted);

  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartValue *self = par_chart_model_get_value (m, 0, k);
      const ParChartValue *appr = two ? par_chart_model_get_value (m, 1, k) : NULL;
      gboolean has_self = self->state == PAR_CHART_VALUE_OK;
      gboolean has_appr = appr != NULL && appr->state == PAR_CHART_VALUE_OK;
      double y = plot.y + row_h * (k + 0.5);
      double xs = 0, xa = 0;
      g_autofree char *label = par_canvas_category_label (c, k);
      ParRect box;

      box = par_canvas_text (c, PAR_FONT_SMALL, label, plot.x - 16 * c->s, y, label_w,
                             label_lines, 1, 0.5, &c->pal->text);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);
      /* A faint guide along the row helps the eye from the name to the dots. */
      par_canvas_line (c, plot.x, y, plot.x + plot.w, y, MAX (1.0, 0.6 * c->s), &c->pal->grid);

      if (!has_self && !has_appr)
        {
          const char *why = self->state == PAR_CHART_VALUE_NOT_APPLICABLE ? par_canvas_tr (c, N_("N/A"))
                                                                           : par_canvas_tr (c, N_("No data"));

          par_canvas_text_halo (c, PAR_FONT_SMALL, why, plot.x + 6 * c->s, y, 0, 0.5,
                                &c->pal->muted);
          continue;
        }
      if (has_self)
        xs = par_axis_map (&axis, par_percent_value (self->percent), plot.x, plot.x + plot.w);
      if (has_appr)
        xa = par_axis_map (&axis, par_percent_value (appr->percent), plot.x, plot.x + plot.w);

      if (has_self && has_appr)
        par_canvas_line (c, xs, y, xa, y, 3.0 * c->s, &c->pal->axis);
      if (has_self)
        {
          g_autofree char *text = par_canvas_format_percent (c, self->percent, 1);
          /* Each value is printed on the outer side of its pair. */
          gboolean left = has_appr && self->percent < appr->percent;

          /* Where both agree the ring circles the dot instead of hiding under it. */
          if (has_appr && self->percent == appr->percent)
            par_canvas_dot (c, xs, y, dot + 3 * c->s, NULL, &c->pal->self);
          else
            par_canvas_dot (c, xs, y, dot - c->s, &c->pal->background, &c->pal->self);
          par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, 0,
                             (ParRect) { xs - dot, y - dot, 2 * dot, 2 * dot });
          if (!has_appr || self->percent != appr->percent)
            par_canvas_text (c, PAR_FONT_SMALL, text, left ? xs - dot - 4 * c->s
                                                          : xs + dot + 4 * c->s,
                             y, -1, 1, left ? 1 : 0, 0.5, &c->pal->muted);
        }
      if (has_appr)
        {
          g_autofree char *text = par_canvas_format_percent (c, appr->percent, 1);
          gboolean left = has_self && appr->percent < self->percent;
          /* Clear of the ring drawn around the dot when both agree. */
          double gap = dot + (has_self && appr->percent == self->percent ? 7 : 4) * c->s;

          par_canvas_dot (c, xa, y, dot, &c->pal->appraised, NULL);
          par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, 1,
                             (ParRect) { xa - dot, y - dot, 2 * dot, 2 * dot });
          par_canvas_text (c, PAR_FONT_SMALL, text, left ? xa - gap : xa + gap, y, -1, 1,
                           left ? 1 : 0, 0.5, &c->pal->text);
        }

      if (two)
        {
          g_autofree char *text = NULL;
          const ParRgba *color = &c->pal->muted;

          if (has_self && has_appr)
            {
              ParPoints delta = appr->points - self->points;

              /* A true minus sign reads better than a hyphen; a gain says "+". */
              text = par_format_fixed (delta, 2, c->style.decimal_separator, PAR_FORMAT_MINUS);
              if (delta > 0)
                {
                  g_autofree char *plus = g_strconcat ("+", text, NULL);

                  g_free (text);
                  text = g_steal_pointer (&plus);
                  color = &c->pal->text;
                }
              else if (delta < 0)
                color = &c->pal->loss;
            }
          else
            text = g_strdup (appr != NULL && appr->state == PAR_CHART_VALUE_NOT_APPRAISED
                             ? par_canvas_tr (c, N_("not appraised"))
                             : par_canvas_tr (c, N_("no final score")));
          par_canvas_text (c, has_self && has_appr ? PAR_FONT_BOLD : PAR_FONT_SMALL, text,
                           area.x + area.w, y, -1, 1, 1, 0.5, color);
        }
    }
}
