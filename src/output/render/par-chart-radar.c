/* par-chart-radar.c — chart 3: field profile, a radar of field index % for up to three years.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"

static double
spoke_angle (guint k,
             guint n)
{
  /* The first field points up, the others clockwise. */
  return -G_PI / 2 + 2 * G_PI * k / MAX (n, 1);
}

void
par_chart_draw_radar (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  guint n_cat = m->categories->len;
  guint n_ser = m->series->len;
  g_autofree ParRgba *colors = NULL;
  ParRect area;
  ParAxis axis;
  double label_w, lh = c->line_height[PAR_FONT_SMALL];
  double cx, cy, radius, hi = 100.0;
  double dot = 3.5 * c->s;

  area = par_canvas_frame (c);
  if (par_chart_model_is_empty (m))
    {
      par_canvas_empty (c, area);
      return;
    }

  colors = par_canvas_year_legends (c, &area, PAR_MARKER_RING);
  hi = par_canvas_max_percent (c, hi);
  par_axis_fit (&axis, 0, hi, 5);

  /* Labels sit outside the rim: keep room for two lines above and below, a column at the
   * sides. */
  label_w = MIN (170.0 * c->s, area.w * 0.24);
  cx = area.x + area.w / 2;
  cy = area.y + area.h / 2;
  radius = MIN (area.w / 2 - label_w - 10 * c->s, area.h / 2 - 2 * lh - 12 * c->s);
  radius = MAX (radius, 20.0 * c->s);

  /* Rings at each tick, as polygons so that equal values line up along the grid. */
  for (double v = axis.step; v <= axis.hi + 1e-9; v += axis.step)
    {
      double r = par_axis_map (&axis, v, 0, radius);
      g_autofree char *label = par_canvas_tick_label (c, &axis, v, TRUE);

      if (c->paint && n_cat >= 3)
        {
          for (guint k = 0; k < n_cat; k++)
            {
              double a = spoke_angle (k, n_cat);

              if (k == 0)
                cairo_move_to (c->cr, cx + r * cos (a), cy + r * sin (a));
              else
                cairo_line_to (c->cr, cx + r * cos (a), cy + r * sin (a));
            }
          cairo_close_path (c->cr);
          par_canvas_set_color (c, &c->pal->grid, 1.0);
          cairo_set_line_width (c->cr, MAX (1.0, 0.8 * c->s));
          cairo_stroke (c->cr);
        }
      else if (c->paint)
        {
          cairo_new_sub_path (c->cr);
          cairo_arc (c->cr, cx, cy, r, 0, 2 * G_PI);
          par_canvas_set_color (c, &c->pal->grid, 1.0);
          cairo_set_line_width (c->cr, MAX (1.0, 0.8 * c->s));
          cairo_stroke (c->cr);
        }
      par_canvas_text_halo (c, PAR_FONT_SMALL, label, cx + 4 * c->s, cy - r, 0, 0.5,
                            &c->pal->muted);
    }

  for (guint k = 0; k < n_cat; k++)
    {
      double a = spoke_angle (k, n_cat);
      double ca = cos (a), sa = sin (a);
      g_autofree char *label = par_canvas_category_label (c, k);
      ParChartValueState state = par_chart_model_category_state (m, k);
      ParRect box;

      if (state != PAR_CHART_VALUE_OK)
        {
          g_autofree char *why = g_strdup_printf ("%s (%s)", label,
                                                  state == PAR_CHART_VALUE_NOT_APPLICABLE ? par_canvas_tr (c, N_("N/A"))
                                                  : state == PAR_CHART_VALUE_NOT_APPRAISED ? par_canvas_tr (c, N_("not appraised"))
                                                  : par_canvas_tr (c, N_("no data")));

          g_free (label);
          label = g_steal_pointer (&why);
        }

      par_canvas_line (c, cx, cy, cx + radius * ca, cy + radius * sa, MAX (1.0, 0.8 * c->s),
                       &c->pal->axis);
      box = par_canvas_text (c, PAR_FONT_SMALL, label, cx + (radius + 8 * c->s) * ca,
                             cy + (radius + 8 * c->s) * sa, label_w, 2,
                             ca > 0.3 ? 0 : ca < -0.3 ? 1 : 0.5,
                             sa > 0.3 ? 0 : sa < -0.3 ? 1 : 0.5,
                             state == PAR_CHART_VALUE_OK ? &c->pal->text : &c->pal->muted);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) k, -1, box);
    }

  /* Oldest year first so that the latest is drawn on top. A year with a gap (missing or
   * N/A field) is drawn as the segments it has, not filled: a filled shape would invent the
   * missing value. */
  for (guint s = 0; s < n_ser; s++)
    {
      gboolean complete = TRUE, provisional = FALSE;

      for (guint k = 0; k < n_cat; k++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, s, k);

          if (v->state != PAR_CHART_VALUE_OK)
            complete = FALSE;
          else if (v->not_appraised)
            provisional = TRUE;
        }

      if (c->paint)
        {
          cairo_save (c->cr);
          cairo_set_line_join (c->cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_width (c->cr, 2.5 * c->s);
          /* A year with self-assessed scores standing in for the appraisal: dashed, unfilled. */
          if (provisional)
            cairo_set_dash (c->cr, (double[]) { 7 * c->s, 4 * c->s }, 2, 0);
          for (guint k = 0; k < n_cat; k++)
            {
              const ParChartValue *v = par_chart_model_get_value (m, s, k);
              const ParChartValue *next = par_chart_model_get_value (m, s, (k + 1) % n_cat);
              double a = spoke_angle (k, n_cat), b = spoke_angle ((k + 1) % n_cat, n_cat);
              double r, rn;

              if (v->state != PAR_CHART_VALUE_OK)
                continue;
              r = par_axis_map (&axis, par_percent_value (v->percent), 0, radius);
              if (complete)
                {
                  if (k == 0)
                    cairo_move_to (c->cr, cx + r * cos (a), cy + r * sin (a));
                  else
                    cairo_line_to (c->cr, cx + r * cos (a), cy + r * sin (a));
                  continue;
                }
              if (n_cat < 3 || next->state != PAR_CHART_VALUE_OK)
                continue;
              rn = par_axis_map (&axis, par_percent_value (next->percent), 0, radius);
              cairo_move_to (c->cr, cx + r * cos (a), cy + r * sin (a));
              cairo_line_to (c->cr, cx + rn * cos (b), cy + rn * sin (b));
            }
          if (complete && n_cat >= 3)
            cairo_close_path (c->cr);
          /* Only the latest year is filled: stacked fills turn muddy. */
          if (complete && !provisional && n_cat >= 3 && s + 1 == n_ser)
            {
              par_canvas_set_color (c, &colors[s], 0.15);
              cairo_fill_preserve (c->cr);
            }
          par_canvas_set_color (c, &colors[s], 1.0);
          cairo_stroke (c->cr);
          cairo_restore (c->cr);
        }

      for (guint k = 0; k < n_cat; k++)
        {
          const ParChartValue *v = par_chart_model_get_value (m, s, k);
          double a = spoke_angle (k, n_cat), r;

          if (v->state != PAR_CHART_VALUE_OK)
            continue;
          r = par_axis_map (&axis, par_percent_value (v->percent), 0, radius);
          if (v->not_appraised)
            par_canvas_dot (c, cx + r * cos (a), cy + r * sin (a), dot, &c->pal->background,
                            &colors[s]);
          else
            par_canvas_dot (c, cx + r * cos (a), cy + r * sin (a), dot, &colors[s],
                            &c->pal->background);
          par_canvas_region (c, PAR_CHART_HIT_VALUE, (int) k, (int) s,
                             (ParRect) { cx + r * cos (a) - dot, cy + r * sin (a) - dot,
                                         2 * dot, 2 * dot });
          /* One year: its values fit beside the points without crowding. */
          if (n_ser == 1)
            {
              g_autofree char *text = par_canvas_format_percent (c, v->percent, 1);

              par_canvas_text_halo (c, PAR_FONT_SMALL, text,
                                    cx + r * cos (a) + 6 * c->s, cy + r * sin (a) - 6 * c->s,
                                    0, 1, &c->pal->text);
            }
        }
    }
}
