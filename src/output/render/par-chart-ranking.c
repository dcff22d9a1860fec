/* par-chart-ranking.c — chart 6: units ranked by index % for one year, on the band zones.
 *
 * A dot plot rather than bars: units of a province lie within a few percent of each other,
 * and bars must start at 0 %, where those differences vanish. Dots may sit on an axis zoomed
 * onto the values, with the band zones behind them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

void
par_chart_draw_ranking (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  ParRect area, plot;
  ParAxis axis;
  double lh = c->line_height[PAR_FONT_SMALL];
  double rank_w, name_w = 0, value_w, row_h, dot;
  int name_lines;
  guint rank = 0;

  area = par_canvas_frame (c);
  if (m->series->len == 0 || n_cat == 0 || par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  if (par_canvas_not_appraised_label (c) != NULL)
    {
      ParLegendItem item = { par_canvas_not_appraised_label (c), &c->pal->bar, PAR_MARKER_RING,
                             -1 };

      par_canvas_legend (c, &area, &item, 1);
    }

  /* Rank, name (up to a third of the width), the dots, then room for the value after a dot
   * at the right edge. Band names take a line above the plot, tick labels one below. */
  {
    g_autofree char *widest_rank = g_strdup_printf ("%u.", n_cat);
    g_autofree char *widest_value = par_canvas_format_percent (c, 10000, 1);

    par_canvas_measure (c, PAR_FONT_SMALL, widest_rank, -1, 1, &rank_w, NULL);
    par_canvas_measure (c, PAR_FONT_BOLD, widest_value, -1, 1, &value_w, NULL);
  }
  row_h = (area.h - 2 * lh - 12 * c->s) / n_cat;
  name_lines = row_h >= 2.4 * lh ? 2 : 1;
  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (m, k);
      gboolean mine = g_strcmp0 (m->highlight, cat->code) == 0;
      double w;

      par_canvas_measure (c, mine ? PAR_FONT_BOLD : PAR_FONT_SMALL, cat->name, area.w / 3,
                          name_lines, &w, NULL);
      name_w = MAX (name_w, w);
    }

  plot.x = area.x + rank_w + 8 * c->s + name_w + 16 * c->s;
  plot.y = area.y + lh + 6 * c->s;
  plot.w = MAX (area.w - (plot.x - area.x) - value_w - 12 * c->s, 1.0);
  plot.h = MAX (area.h - (plot.y - area.y) - lh - 6 * c->s, 1.0);
  /* A few units sit in rows of a comfortable height, not spread thin over the page; what room
   * is left goes above and below, so a wide export is not half empty at the bottom. */
  row_h = MIN (plot.h / n_cat, 56.0 * c->s);
  plot.y += (plot.h - row_h * n_cat) / 2;
  plot.h = row_h * n_cat;
  dot = CLAMP (row_h * 0.28, 2.5 * c->s, 6.0 * c->s);

  par_canvas_fit_zoomed_axis (c, &axis, plot.w, 70);
  par_chart_draw_bands_x (c, &axis, plot);
  par_canvas_grid_x (c, &axis, plot, TRUE);

  for (guint k = 0; k < n_cat; k++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (m, k);
      const ParChartValue *v = par_chart_model_get_value (m, 0, k);
      gboolean mine = m->highlight != NULL && g_strcmp0 (m->highlight, cat->code) == 0;
      ParFont font = mine ? PAR_FONT_BOLD : PAR_FONT_SMALL;
      double y = plot.y + row_h * (k + 0.5);
      ParRect box;

      if (v->state == PAR_CHART_VALUE_OK)
        {
          /* The rank par_rank() gave: units with the same index share it. */
          g_autofree char *number = g_strdup_printf ("%u.", cat->rank > 0 ? cat->rank : ++rank);

          par_canvas_text (c, PAR_FONT_SMALL, number, area.x + rank_w, y, -1, 1, 1, 0.5,
                           &c->pal->muted);
        }
      box = par_canvas_text (c, font, cat->name, area.x + rank_w + 8 * c->s, y, name_w,
                             name_lines, 0, 0.5, &c->pal->text);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);

      if (v->state == PAR_CHART_VALUE_OK)
        {
          double x = par_axis_map (&axis, par_percent_value (v->percent), plot.x,
                                   plot.x + plot.w);
          g_autofree char *text = par_canvas_format_percent (c, v->percent, 1);
          const ParRgba *color = mine ? &c->pal->self : &c->pal->bar;

          /* A leader line from the name to the dot keeps long rows readable. */
          par_canvas_line (c, plot.x, y, x, y, MAX (1.0, 0.8 * c->s), &c->pal->grid);
          /* A unit's final index without an appraisal in it: hollow. */
          if (v->not_appraised)
            par_canvas_dot (c, x, y, (mine ? dot * 1.3 : dot) - c->s, &c->pal->background,
                            color);
          else
            par_canvas_dot (c, x, y, mine ? dot * 1.3 : dot, color, NULL);
          par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, 0,
                             (ParRect) { x - dot, y - dot, 2 * dot, 2 * dot });
          par_canvas_text (c, font, text, x + dot + 6 * c->s, y, -1, 1, 0, 0.5,
                           &c->pal->text);
        }
      else
        par_canvas_text (c, PAR_FONT_SMALL,
                         v->state == PAR_CHART_VALUE_NOT_APPLICABLE ? par_canvas_tr (c, N_("N/A")) : par_canvas_tr (c, N_("No data")),
                         plot.x + 6 * c->s, y, -1, 1, 0, 0.5, &c->pal->muted);
    }
}
