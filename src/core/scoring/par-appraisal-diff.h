/* par-appraisal-diff.h — what the council's appraisal changed in a unit's year: the list a unit
 * reads before it replies.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-scorer.h"

G_BEGIN_DECLS

/**
 * ParAppraisalDiff:
 * @node: the sub-criterion
 * @has_self: whether the unit scored it; @self its score
 * @appraised: the council's score
 * @max: the sub-criterion's maximum
 * @comment: (nullable): the council's comment
 *
 * One sub-criterion where the council's appraised score is not the unit's own score, or where
 * the council left a comment.
 */
typedef struct {
  const ParNode *node;
  gboolean       has_self;
  ParPoints      self;
  ParPoints      appraised;
  ParPoints      max;
  const char    *comment;
} ParAppraisalDiff;

/**
 * par_appraisal_differences:
 * @result: the year's scores (par_score())
 * @entries: (element-type ParEntry): the year's entries, for the council's comments
 *
 * The sub-criteria the council appraised differently from the unit (the appraised score is
 * not the self score) or commented on, in the criteria set's order. A sub-criterion the council
 * did not appraise is no difference.
 *
 * Returns: (transfer container) (element-type ParAppraisalDiff): the differences; they point
 *   into @result and @entries, which must outlive them.
 */
GPtrArray *par_appraisal_differences (ParResult *result,
                                      GPtrArray *entries);

G_END_DECLS
