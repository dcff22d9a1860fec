/* par-chart-fields.c — chart 1: fields across years, grouped bars of index %.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

/* Labels under the groups wrap to at most this many lines. */
#define LABEL_LINES 3

void
par_chart_draw_fields (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  guint n_ser = m->series->len;
  g_autofree ParRgba *colors = NULL;
  ParRect area, plot;
  ParAxis axis;
  double hi = 100.0;
  double gutter, group_w, label_h = 0, bar_w, gap, value_h;
  gboolean values_fit;

  area = par_canvas_frame (c);
  if (par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  colors = par_canvas_year_legends (c, &area, PAR_MARKER_HATCH);
  hi = par_canvas_max_percent (c, hi);
  value_h = c->line_height[PAR_FONT_SMALL] + 4 * c->s;
  par_axis_fit (&axis, 0, hi, par_canvas_tick_budget (c, area.h - value_h, 48));
  gutter = par_canvas_tick_width (c, &axis, TRUE) + 8 * c->s;

  plot.x = area.x + gutter;
  plot.w = MAX (area.w - gutter, 1.0);
  group_w = plot.w / MAX (n_cat, 1);
  for (guint k = 0; k < n_cat; k++)
    {
      g_autofree char *label = par_canvas_category_label (c, k);
      double h;

      par_canvas_measure_aligned (c, PAR_FONT_SMALL, label, group_w - 6 * c->s, LABEL_LINES, 0.5,
                                  NULL, &h);
      label_h = MAX (label_h, h);
    }
  plot.y = area.y + value_h;
  plot.h = MAX (area.h - value_h - label_h - 8 * c->s, 1.0);

  par_canvas_grid_y (c, &axis, plot, TRUE, FALSE);

  /* Bars fill 80 % of a group, no wider than a thumb; a hairline gap keeps neighbouring
   * colours of a ramp apart. */
  bar_w = MIN (group_w * 0.8 / MAX (n_ser, 1), 56.0 * c->s);
  gap = bar_w > 6 * c->s ? MAX (1.0, bar_w * 0.08) : 0;
  /* Values go above the bars when the widest one fits a bar (then every one does). */
  {
    g_autofree char *widest = par_canvas_format_percent (c, (gint64) (hi * 100), 1);
    double tw;

    par_canvas_measure (c, PAR_FONT_SMALL, widest, -1, 1, &tw, NULL);
    values_fit = tw <= bar_w + 2 * c->s;
  }

  for (guint k = 0; k < n_cat; k++)
    {
      g_autofree char *label = par_canvas_category_label (c, k);
      double center = plot.x + group_w * (k + 0.5);
      double x0 = center - bar_w * n_ser / 2;
      ParChartValueState state = par_chart_model_category_state (m, k);
      gboolean any_value = state == PAR_CHART_VALUE_OK;
      ParRect box;

      /* A field without any value says why once, not once per year. */
      if (!any_value)
        par_canvas_text (c, PAR_FONT_SMALL,
                         par_canvas_tr (c, state == PAR_CHART_VALUE_NOT_APPLICABLE ? N_("N/A")
                                           : state == PAR_CHART_VALUE_NOT_APPRAISED ? N_("Not appraised")
                                           : N_("No data")),
                         center, plot.y + plot.h - 4 * c->s, group_w, 2, 0.5, 1,
                         &c->pal->muted);

      for (guint s = 0; s < n_ser && any_value; s++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, s, k);
          double x = x0 + s * bar_w + gap / 2;
          double w = bar_w - gap;
          double base = plot.y + plot.h;

          if (v->state == PAR_CHART_VALUE_OK)
            {
              double top = par_axis_map (&axis, par_percent_value (v->percent), base, plot.y);
              ParRect bar = { x, top, w, base - top };

              /* A final score with no appraisal in it is the self-assessed one: hatched. */
              if (v->not_appraised)
                par_canvas_hatch_rect (c, bar, &colors[s]);
              else
                par_canvas_fill_rect (c, bar, &colors[s], 1.0);
              if (bar.h < 1.5 * c->s)
                /* 0 % is a value, not a gap: a sliver on the axis says so. */
                par_canvas_fill_rect (c, (ParRect) { x, base - 1.5 * c->s, w, 1.5 * c->s },
                                      &colors[s], 1.0);
              /* Hover needs a target even for a 0 % bar. */
              if (bar.h < 6 * c->s)
                bar = (ParRect) { x, base - 6 * c->s, w, 6 * c->s };
              par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, (int) s, bar);

              if (values_fit)
                {
                  g_autofree char *text = par_canvas_format_percent (c, v->percent, 1);

                  par_canvas_text (c, PAR_FONT_SMALL, text, x + w / 2, top - 2 * c->s, -1, 1,
                                   0.5, 1, &c->pal->text);
                }
            }
          else
            {
              const char *mark = v->state == PAR_CHART_VALUE_NOT_APPLICABLE ? par_canvas_tr (c, N_("N/A")) : "–";
              double tw;

              par_canvas_measure (c, PAR_FONT_SMALL, mark, -1, 1, &tw, NULL);
              if (tw > w)
                mark = "–";
              par_canvas_text (c, PAR_FONT_SMALL, mark, x + w / 2, base - 2 * c->s, -1, 1, 0.5,
                               1, &c->pal->muted);
            }
        }

      box = par_canvas_text (c, PAR_FONT_SMALL, label, center, plot.y + plot.h + 6 * c->s,
                             group_w - 6 * c->s, LABEL_LINES, 0.5, 0, &c->pal->text);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);
    }
}
