/* par-assessment-model.h — one unit's year as the window sees it: entries, scores, evidence.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-context.h"

G_BEGIN_DECLS

typedef enum {
  PAR_LEAF_NOT_STARTED,
  PAR_LEAF_IN_PROGRESS,
  PAR_LEAF_SCORED,
  PAR_LEAF_MISSING_EVIDENCE,  /* scored, no document linked and no explanation */
  PAR_LEAF_NOT_APPLICABLE,
  PAR_LEAF_SURVEY,            /* survey-only, its survey score entered */
  PAR_LEAF_SURVEY_PENDING,    /* survey-only, waiting for the survey: not the office's to do */
  PAR_LEAF_INVALID,
} ParLeafStatus;

typedef enum {
  PAR_BLOCKER_NOT_SCORED,
  PAR_BLOCKER_INVALID,
  PAR_BLOCKER_NO_EVIDENCE,
  PAR_BLOCKER_REFUSED,        /* stored, but the core's check refuses it (par_assessment_check) */
} ParBlockerKind;

/* @node is NULL for an entry whose code the set does not have; @message is the check's, for
 * PAR_BLOCKER_REFUSED only. */
typedef struct {
  const ParNode  *node;
  ParBlockerKind  kind;
  char           *message;
} ParBlocker;

#define PAR_TYPE_ASSESSMENT_MODEL (par_assessment_model_get_type ())
G_DECLARE_FINAL_TYPE (ParAssessmentModel, par_assessment_model, PAR, ASSESSMENT_MODEL, GObject)

ParAssessmentModel  *par_assessment_model_new            (ParContext          *context,
                                                          gint64               assessment_id,
                                                          GError             **error);
ParContext          *par_assessment_model_get_context    (ParAssessmentModel  *self);
const ParAssessment *par_assessment_model_get_assessment (ParAssessmentModel  *self);
gint64               par_assessment_model_get_id         (ParAssessmentModel  *self);
int                  par_assessment_model_get_year       (ParAssessmentModel  *self);
ParFramework        *par_assessment_model_get_framework  (ParAssessmentModel  *self);
ParResult           *par_assessment_model_get_result     (ParAssessmentModel  *self);
/* Which scores the sidebar and the overview show (::notify::column); the final ones at first,
 * as on the dashboard. */
ParScoreColumn       par_assessment_model_get_column     (ParAssessmentModel  *self);
void                 par_assessment_model_set_column     (ParAssessmentModel  *self,
                                                          ParScoreColumn       column);
/* Submitted or appraised: entries cannot change until it is unlocked. */
/* The unit's part cannot be changed: the year is submitted or appraised, or the database is
 * read-only. */
gboolean             par_assessment_model_is_locked      (ParAssessmentModel  *self);
/* Nothing can be changed, the council's scores included: the database is read-only. */
gboolean             par_assessment_model_is_read_only   (ParAssessmentModel  *self);

/* NULL when nothing was ever entered for @code. */
const ParEntry      *par_assessment_model_get_entry      (ParAssessmentModel  *self,
                                                          const char          *code);
/* Replace the entry (transfer full), rescore, and queue the write. */
void                 par_assessment_model_set_entry      (ParAssessmentModel  *self,
                                                          ParEntry            *entry);
/* The council's columns; allowed on a locked year. */
void                 par_assessment_model_set_council    (ParAssessmentModel  *self,
                                                          const char          *code,
                                                          gboolean             has_appraised,
                                                          ParPoints            appraised,
                                                          gboolean             has_survey,
                                                          ParPoints            survey);
/* The council's comment on a sub-criterion (NULL or blank clears it); allowed on a locked year. */
void                 par_assessment_model_set_council_comment (ParAssessmentModel *self,
                                                               const char         *code,
                                                               const char         *comment);
ParLeafStatus        par_assessment_model_get_status     (ParAssessmentModel  *self,
                                                          const char          *code);
/* What blocks submission, in tree order (transfer full, of ParBlocker*): first what the core's
 * check refuses (whatever stored it), then each leaf not scored, not valid or without evidence. */
GPtrArray           *par_assessment_model_get_blockers   (ParAssessmentModel  *self);
/* The year's figures were written by the Figures page: score again, emit ::changed (NULL). */
void                 par_assessment_model_figures_changed (ParAssessmentModel *self);
/* The next sub-criterion after @code (wrapping) that is not done; NULL when all are. */
const ParNode       *par_assessment_model_next_incomplete (ParAssessmentModel *self,
                                                          const char          *code);

/* Evidence (borrowed; of ParEvidenceLink*, never NULL). */
GPtrArray           *par_assessment_model_get_links      (ParAssessmentModel  *self,
                                                          const char          *code);
const ParDocument   *par_assessment_model_get_document   (ParAssessmentModel  *self,
                                                          gint64               document_id);
/* Of ParAttachment* (borrowed, never NULL). */
GPtrArray           *par_assessment_model_get_attachments (ParAssessmentModel *self,
                                                          gint64               document_id);

/* Writes through the context's writer; ::evidence-changed or ::failed tell the outcome. */
void  par_assessment_model_add_document    (ParAssessmentModel *self,
                                            const ParDocument  *document,
                                            const char         *code,
                                            const char         *section,
                                            const char         *pages,
                                            const char * const *files);
void  par_assessment_model_link_document   (ParAssessmentModel *self,
                                            gint64              document_id,
                                            const char         *code,
                                            const char         *section,
                                            const char         *pages);
/* Correct @document's details (its id says which) and the part cited for @code. */
void  par_assessment_model_update_document (ParAssessmentModel *self,
                                            const ParDocument  *document,
                                            const char         *code,
                                            const char         *section,
                                            const char         *pages);
void  par_assessment_model_unlink_document (ParAssessmentModel *self,
                                            const char         *code,
                                            gint64              document_id);
void  par_assessment_model_attach_files    (ParAssessmentModel *self,
                                            gint64              document_id,
                                            const char * const *files);
void  par_assessment_model_remove_attachment (ParAssessmentModel *self,
                                            gint64              attachment_id,
                                            gint64              document_id);
void  par_assessment_model_set_status      (ParAssessmentModel *self,
                                            ParStatus           status);
/* The same, with the user's reason kept in the audit log beside the change (unlocking). */
void  par_assessment_model_set_status_with_reason (ParAssessmentModel *self,
                                                   ParStatus           status,
                                                   const char         *reason);
G_END_DECLS
