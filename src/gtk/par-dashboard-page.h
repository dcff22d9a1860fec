/* par-dashboard-page.h — the leadership dashboard: a unit's charts across the years.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"
#include "par-chart-view.h"
#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_DASHBOARD_PAGE (par_dashboard_page_get_type ())
G_DECLARE_FINAL_TYPE (ParDashboardPage, par_dashboard_page, PAR, DASHBOARD_PAGE, GtkWidget)

GtkWidget     *par_dashboard_page_new              (void);
/* Show the charts of @unit_id (0: the first unit) from @context. @live is the year open in
 * the editor (nullable): its scores are taken as they are on screen, before the writer has
 * stored the last edit. Scores of the other years are cached until the writer saves. */
void           par_dashboard_page_present          (ParDashboardPage   *self,
                                                    ParContext         *context,
                                                    gint64              unit_id,
                                                    ParAssessmentModel *live);
gint64         par_dashboard_page_get_unit_id      (ParDashboardPage   *self);
ParChartView  *par_dashboard_page_get_chart_view   (ParDashboardPage   *self);

/* The chart shown; setting it selects its row in the list, as a click does. */
ParChartType   par_dashboard_page_get_chart_type   (ParDashboardPage   *self);
void           par_dashboard_page_set_chart_type   (ParDashboardPage   *self,
                                                    ParChartType        type);
/* The score column the charts show (final by default); setting it ticks its button, as a
 * click does. */
ParScoreColumn par_dashboard_page_get_column       (ParDashboardPage   *self);
void           par_dashboard_page_set_column       (ParDashboardPage   *self,
                                                    ParScoreColumn      column);
/* The years ticked, ascending (transfer full, of int). */
GArray        *par_dashboard_page_get_years        (ParDashboardPage   *self);
/* Tick or untick a year's toggle, as a click does; FALSE when the unit has no such year. */
gboolean       par_dashboard_page_set_year_active  (ParDashboardPage   *self,
                                                    int                 year,
                                                    gboolean            active);

/* The size the export popover stands at, in pixels (points for PDF). */
void           par_dashboard_page_get_export_size  (ParDashboardPage   *self,
                                                    int                *width,
                                                    int                *height);
/* What the export dialog proposes: a file name in the UI's language, the chart's title (with
 * its score column) and years and the format's extension ("Fields across years — Final
 * 2021–2023.png"), and, in @folder (nullable), the user's documents folder, else the home
 * folder (transfer full, both). */
char          *par_dashboard_page_get_export_suggestion (ParDashboardPage *self,
                                                         char            **folder);
/* What the file chooser's Save does: export the chart shown at the popover's size to @path
 * (its extension picks the format; without one the popover's format is added), then a toast
 * with an "Open" button. Returns the path written (transfer full), NULL with @error set. */
char          *par_dashboard_page_export_file      (ParDashboardPage   *self,
                                                    const char         *path,
                                                    GError            **error);

G_END_DECLS
