/* par-overview-page.h — the year at a glance: totals, index %, band, what blocks submission.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_OVERVIEW_PAGE (par_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (ParOverviewPage, par_overview_page, PAR, OVERVIEW_PAGE, GtkWidget)

void  par_overview_page_set_model (ParOverviewPage    *self,
                                   ParAssessmentModel *model,
                                   const char         *unit_name);
/* Rebuild now (it also rebuilds itself when shown after a change). */
void  par_overview_page_refresh   (ParOverviewPage    *self);
/* FALSE while rows out of sight wait for the page's next frame to be painted (they are
 * built right after it, before any input is handled). */
gboolean par_overview_page_is_complete (ParOverviewPage *self);

G_END_DECLS
