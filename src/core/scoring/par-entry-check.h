/* par-entry-check.h — whether an entry is valid for its node of the criteria set: the one check.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"
#include "par-input.h"
#include "par-scorer.h"

G_BEGIN_DECLS

/**
 * ParEntryField:
 * @PAR_ENTRY_FIELD_CODE: the code itself (not a sub-criterion of the set)
 * @PAR_ENTRY_FIELD_SELF: the self-assessed score
 * @PAR_ENTRY_FIELD_APPRAISED: the appraised score
 * @PAR_ENTRY_FIELD_SURVEY: the survey score
 * @PAR_ENTRY_FIELD_NOT_APPLICABLE: the not-applicable mark
 * @PAR_ENTRY_FIELD_INPUT: one of the figures the rule needs (#ParEntryProblem.input names it)
 *
 * Which part of an entry a problem is in: the CSV reader maps it to its column, the editor to
 * its field.
 */
typedef enum {
  PAR_ENTRY_FIELD_CODE,
  PAR_ENTRY_FIELD_SELF,
  PAR_ENTRY_FIELD_APPRAISED,
  PAR_ENTRY_FIELD_SURVEY,
  PAR_ENTRY_FIELD_NOT_APPLICABLE,
  PAR_ENTRY_FIELD_INPUT,
} ParEntryField;

/**
 * ParEntryProblem:
 * @code: the entry's code
 * @field: where the problem is
 * @input: (nullable): the figure's id for %PAR_ENTRY_FIELD_INPUT, else %NULL
 * @message: translated, for the user: starts with the code, names the field and what is allowed
 */
typedef struct {
  char          *code;
  ParEntryField  field;
  char          *input;
  char          *message;
} ParEntryProblem;

void             par_entry_problem_free  (ParEntryProblem *problem);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEntryProblem, par_entry_problem_free)

/**
 * par_entry_check:
 * @leaf: the node the entry is for (a sub-criterion, a leaf criterion or an adjustment)
 * @entry: (nullable): the entry; %NULL (nothing entered) is valid
 * @error: set to the first problem, %PAR_ERROR_INVALID
 *
 * The one rule of what may be stored:
 * - the self-assessed, appraised and survey scores are within 0 … the node's maximum (for a
 *   deduction or a bonus, its cap: both are entered as a positive number of points);
 * - a manual rule's self-assessed score is on the rule's step (0.30 is refused on a 0.25 step);
 * - not applicable only where the set allows it;
 * - every figure is one the node declares, of its type and range: whole numbers 0 …
 *   %PAR_INPUT_INTEGER_MAX, decimals 0 or more with at most two decimals, percentages 0 … 100,
 *   real dates (ISO), yes/no, one of the choices;
 * - figures are checked against each other where the rule implies it: a ratio's numerator is not
 *   above its denominator (format 1 has no rule that allows more than 100 %).
 * Figures may be missing (an entry in progress).
 *
 * Returns: %TRUE when the entry may be stored.
 */
gboolean         par_entry_check          (const ParNode   *leaf,
                                           const ParEntry  *entry,
                                           GError         **error);

/* Every problem of one entry, in the order of the list above (transfer full, element-type
 * ParEntryProblem; empty when valid). */
GPtrArray       *par_entry_check_all      (const ParNode   *leaf,
                                           const ParEntry  *entry);

/**
 * par_assessment_check:
 * @framework: the set the assessment is scored with
 * @entries: (element-type ParEntry): the assessment's entries
 *
 * Every problem of every entry, in the set's order, for `verify` and the overview's list before
 * submitting. An entry whose code is not a leaf of the set is a problem too.
 *
 * Returns: (transfer full) (element-type ParEntryProblem): empty when every entry is valid.
 */
GPtrArray       *par_assessment_check     (ParFramework    *framework,
                                           GPtrArray       *entries);

G_END_DECLS
