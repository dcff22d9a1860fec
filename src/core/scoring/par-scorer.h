/* par-scorer.h — rule evaluation, totals, index % and bands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"

G_BEGIN_DECLS

/**
 * ParEntry:
 *
 * What a unit entered for one leaf in one year. Input values are canonical strings:
 * integer "4891", decimal/percent "99.50" (dot, up to two decimals), date "2023-01-14",
 * boolean "true"/"false", choice the option's value. An empty or missing value is "not
 * entered". Self score (@has_self/@self) is only read for manual rules; the others compute.
 */
typedef struct {
  char       *code;
  GHashTable *inputs;          /* char* id → char* value */
  gboolean    has_self;
  ParPoints   self;
  gboolean    not_applicable;
  char       *explanation;     /* nullable */
  gboolean    has_appraised;
  ParPoints   appraised;
  gboolean    has_survey;
  ParPoints   survey;
  char       *comment;         /* council's comment, nullable */
} ParEntry;

ParEntry   *par_entry_new          (const char *code);
ParEntry   *par_entry_copy         (const ParEntry *entry);
void        par_entry_free         (ParEntry *entry);
void        par_entry_set_input    (ParEntry *entry, const char *id, const char *value);
const char *par_entry_get_input    (const ParEntry *entry, const char *id);
gboolean    par_entry_equal        (const ParEntry *a, const ParEntry *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEntry, par_entry_free)

/**
 * par_input_normalize:
 * @input: the input's declaration
 * @text: what the user typed ("4.891" or "4,891" for integers in either locale convention,
 *        "99,5" or "99.5" for decimals, "14/01/2023" or "2023-01-14" for dates, "có"/"yes"…)
 * @error: a translated message naming the input's label
 *
 * Returns: (transfer full): the canonical value, "" for empty text, or %NULL on error.
 */
char       *par_input_normalize    (const ParInput *input,
                                    const char     *text,
                                    GError        **error);

typedef enum {
  PAR_SCORE_NOT_STARTED,     /* nothing entered */
  PAR_SCORE_INCOMPLETE,      /* some inputs entered, not all the rule needs */
  PAR_SCORE_SCORED,
  PAR_SCORE_NOT_APPLICABLE,
  PAR_SCORE_SURVEY,          /* survey-only: no self score; the survey column scores it */
  PAR_SCORE_INVALID,         /* an input value is out of range (e.g. 5 of 3) */
} ParScoreState;

/**
 * ParLeafScore:
 * @state: see #ParScoreState
 * @self: self score when @has_self (computed by the rule, or entered for manual rules)
 * @final: the score that counts: appraised if entered, else self; survey score for survey leaves
 * @max: the leaf's maximum; @applicable_max is 0 when not applicable
 * @explanation: how the score was reached, e.g. "4891/4898 = 99.86 % ≥ 90 % → 2.00"
 */
typedef struct {
  const ParNode *node;
  ParScoreState  state;
  gboolean       has_self;
  ParPoints      self;
  gboolean       has_appraised;
  ParPoints      appraised;
  gboolean       has_survey;
  ParPoints      survey;
  gboolean       has_final;
  ParPoints      final;
  ParPoints      max;
  ParPoints      applicable_max;
  char          *explanation;
} ParLeafScore;

/* Evaluate one leaf's rule. @entry may be NULL (nothing entered). */
void        par_rule_evaluate      (const ParNode  *leaf,
                                    const ParEntry *entry,
                                    ParLeafScore   *out);
/* Same, without formatting the explanation when @explain is FALSE (bulk scoring). */
void        par_rule_evaluate_full (const ParNode  *leaf,
                                    const ParEntry *entry,
                                    gboolean        explain,
                                    ParLeafScore   *out);
void        par_leaf_score_clear   (ParLeafScore   *score);

/**
 * ParNodeTotal:
 *
 * Totals for an inner node (root, field, criterion) or a leaf. @self_total counts self scores
 * (and survey scores where entered); @final_total counts appraised-or-self plus survey.
 * @pending_max is the maximum of survey-only items whose survey score is not entered yet.
 * @index is @final_total ÷ (@applicable_max − @pending_max) in hundredths of a percent, so a
 * self-assessment is measured on what it can score until the survey results come in (-1 when
 * that maximum is 0). @done/@leaves count scored, N/A or survey leaves below.
 */
typedef struct {
  const ParNode *node;
  ParPoints      max;
  ParPoints      applicable_max;
  ParPoints      pending_max;
  ParPoints      self_total;
  ParPoints      final_total;
  gboolean       has_appraised;   /* at least one appraised score below */
  gint64         self_index;
  gint64         index;
  guint          leaves;
  guint          done;            /* scored, N/A or survey */
} ParNodeTotal;

typedef struct _ParResult ParResult;

/**
 * par_score:
 * @framework: the criteria set
 * @entries: (element-type ParEntry): the unit's entries for a year; unknown codes are ignored
 *
 * The result keeps a reference to @entries (do not change them afterwards): explanations are
 * formatted only when par_result_get_leaf() is first asked for a leaf, so scoring many
 * assessments for charts and rankings does not pay for text nobody reads.
 *
 * Returns: (transfer full): scores of every leaf and totals of every node.
 */
ParResult          *par_score                    (ParFramework    *framework,
                                                  GPtrArray       *entries);
ParResult          *par_result_ref               (ParResult       *result);
void                par_result_unref             (ParResult       *result);
ParFramework       *par_result_get_framework     (ParResult       *result);
const ParLeafScore *par_result_get_leaf          (ParResult       *result,
                                                  const char      *code);
const ParNodeTotal *par_result_get_total         (ParResult       *result,
                                                  const char      *code);  /* NULL = root */
/* Sum of deductions (positive number, subtracted) and bonuses. Included in the root's
 * totals: root final = Σ fields + bonuses − deductions. */
ParPoints           par_result_get_deductions    (ParResult       *result);
ParPoints           par_result_get_bonuses       (ParResult       *result);
/* Band of the root's index, or NULL. */
const ParBand      *par_result_get_band          (ParResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParResult, par_result_unref)

/* "98.69" from 9869 (hundredths of a percent), with @sep as decimal separator.
 * Kept only until the last callers move to par_format_percent_sep() (par-format.h), which it
 * calls; new code uses that. */
char               *par_percent_format           (gint64           hundredths,
                                                  char             sep);

G_END_DECLS
