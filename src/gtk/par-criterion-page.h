/* par-criterion-page.h — scoring one sub-criterion: figures, score, explanation, evidence.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_CRITERION_PAGE (par_criterion_page_get_type ())
G_DECLARE_FINAL_TYPE (ParCriterionPage, par_criterion_page, PAR, CRITERION_PAGE, GtkWidget)

void        par_criterion_page_set_model (ParCriterionPage   *self,
                                          ParAssessmentModel *model);
void        par_criterion_page_show      (ParCriterionPage   *self,
                                          const char         *code);
const char *par_criterion_page_get_code  (ParCriterionPage   *self);

G_END_DECLS
