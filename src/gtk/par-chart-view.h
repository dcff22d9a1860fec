/* par-chart-view.h — a leadership chart as a widget: drawn by the core's renderer, with
 * tooltips, clicks and keyboard navigation over the chart's own hit regions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-chart.h"
#include "par-chart-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_CHART_VIEW (par_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (ParChartView, par_chart_view, PAR, CHART_VIEW, GtkWidget)

GtkWidget           *par_chart_view_new              (void);
/* Show @model (not consumed; NULL clears) drawn as @type. Redraws at once. */
void                 par_chart_view_set_model        (ParChartView        *self,
                                                      ParChartModel       *model,
                                                      ParChartType         type);
ParChartModel       *par_chart_view_get_model        (ParChartView        *self);
ParChartType         par_chart_view_get_chart_type   (ParChartView        *self);
/* The style the chart is drawn with now (palette from AdwStyleManager:dark, the UI's font
 * and decimal separator). */
const ParChartStyle *par_chart_view_get_style        (ParChartView        *self);

/* What is under (@x, @y) in widget coordinates, from the regions of the current size. */
gboolean             par_chart_view_hit_at           (ParChartView        *self,
                                                      double               x,
                                                      double               y,
                                                      ParChartHit         *hit);
/* The tooltip text shown at (@x, @y), NULL when nothing is there (transfer full). */
char                *par_chart_view_describe_at      (ParChartView        *self,
                                                      double               x,
                                                      double               y);
/* What a click at (@x, @y) does: emits ::activate-code when a field, sub-criterion, year or
 * unit is there. Returns whether it did. */
gboolean             par_chart_view_activate_at      (ParChartView        *self,
                                                      double               x,
                                                      double               y);

/* Keyboard focus among the chart's elements: an index into the navigable regions, -1 for
 * none. Setting it updates the focus ring and the accessible description. */
int                  par_chart_view_get_focus_index  (ParChartView        *self);
void                 par_chart_view_set_focus_index  (ParChartView        *self,
                                                      int                  index);
guint                par_chart_view_get_n_regions    (ParChartView        *self);
gboolean             par_chart_view_get_region       (ParChartView        *self,
                                                      guint                index,
                                                      ParChartHit         *hit);

/* Drop what was drawn, so the next frame renders the chart again (benchmarks). */
void                 par_chart_view_invalidate       (ParChartView        *self);

G_END_DECLS
