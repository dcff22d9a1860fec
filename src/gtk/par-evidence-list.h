/* par-evidence-list.h — the evidence of one sub-criterion: its documents, the part cited,
 * their files, and the buttons to add or link one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"

G_BEGIN_DECLS

#define PAR_TYPE_EVIDENCE_LIST (par_evidence_list_get_type ())
G_DECLARE_FINAL_TYPE (ParEvidenceList, par_evidence_list, PAR, EVIDENCE_LIST, GtkWidget)

void        par_evidence_list_set_model (ParEvidenceList    *self,
                                         ParAssessmentModel *model);
/* Show the documents of the sub-criterion @code (NULL: none). */
void        par_evidence_list_show      (ParEvidenceList    *self,
                                         const char         *code);
/* Attach @files (element-type GFile) to a new document of the sub-criterion shown: opens the
 * document dialog with them (what a drop does). */
void        par_evidence_list_add_files (ParEvidenceList    *self,
                                         GSList             *files);

G_END_DECLS
