/* par-figures.h — a year's figures (format 2): what was entered per period, the one check of an
 * entered value, the year's values with where each came from, derived figures and checks; and
 * scoring with them (the year, the figures and the evidence counts a rule may need).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scorer never reads the store: the caller (store, CLI, app) gathers the entered values
 * (#ParFigureValues) and the number of evidence documents linked to each sub-criterion, and
 * passes them in a #ParScoreContext.
 */
#pragma once

#include "par-figure.h"
#include "par-scorer.h"

G_BEGIN_DECLS

/* --- entered values -------------------------------------------------------------------------- */

/**
 * ParFigureValues:
 *
 * What a unit entered for one year: canonical values by figure id and period part key
 * ("year", "h1", "q3", "m07"). A plain container: it neither knows nor checks the set
 * (par_figure_check_value() does, and the store calls it in every write).
 */
typedef struct _ParFigureValues ParFigureValues;

ParFigureValues *par_figure_values_new    (void);
ParFigureValues *par_figure_values_ref    (ParFigureValues       *values);
void             par_figure_values_unref  (ParFigureValues       *values);
/* @value %NULL or "" removes the value. */
void             par_figure_values_set    (ParFigureValues       *values,
                                           const char            *figure_id,
                                           const char            *part_key,
                                           const char            *value);
/* Returns: (nullable): the canonical value, %NULL when not entered. */
const char      *par_figure_values_get    (const ParFigureValues *values,
                                           const char            *figure_id,
                                           const char            *part_key);
guint            par_figure_values_count  (const ParFigureValues *values);
typedef void   (*ParFigureValuesFunc)     (const char            *figure_id,
                                           const char            *part_key,
                                           const char            *value,
                                           gpointer               user_data);
/* Every value held, sorted by figure id, then part key (whether or not a set declares it). */
void             par_figure_values_foreach (const ParFigureValues *values,
                                            ParFigureValuesFunc    func,
                                            gpointer               user_data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParFigureValues, par_figure_values_unref)

/**
 * par_figure_check_value:
 * @figure: the figure's declaration
 * @part_key: the period part the value is for ("q1"; "year" for a yearly figure)
 * @value: a canonical value (par_figure_normalize() makes one from what a person typed)
 * @error: %PAR_ERROR_INVALID, a translated message naming the figure and the period: a
 *   derived figure (computed, never entered), a part the figure's period does not have, a value
 *   of the wrong type or out of range
 *
 * The one check of an entered figure value: the store calls it inside every write, whatever
 * the path (editor, CSV, package import), and the importers and the app show its message.
 *
 * Returns: whether the value may be stored.
 */
gboolean         par_figure_check_value   (const ParFigure       *figure,
                                           const char            *part_key,
                                           const char            *value,
                                           GError               **error);

/* What a person typed ("4.891", "99,5", "14/01/2023", "có") → the canonical value, "" for
 * empty text; %NULL and a translated error naming the figure when it cannot be read. */
char            *par_figure_normalize     (const ParFigure       *figure,
                                           const char            *text,
                                           GError               **error);

/* A canonical value of a figure's type as an expression value (missing when not valid). */
ParExprValue     par_figure_value_parse   (ParFigureType          type,
                                           const char            *canonical);

/* --- a year's figures, evaluated ----------------------------------------------------------- */

typedef enum {
  PAR_CHECK_PASSED,
  PAR_CHECK_FAILED,
  PAR_CHECK_NOT_CHECKED,   /* a figure it needs is not entered (or it divides by zero) */
} ParCheckState;

/**
 * ParCheckResult:
 * @explanation: the check with its figures' values: "received 5,112 = resolved 4,898 +
 *   pending 200 = 5,098"
 */
typedef struct {
  const ParCheck *check;
  ParCheckState   state;
  char           *explanation;
} ParCheckResult;

typedef struct _ParFigureResult ParFigureResult;

/**
 * par_figures_evaluate:
 * @framework: the set (its figures and checks)
 * @values: (nullable): what was entered; %NULL is nothing
 *
 * Every figure's year value (entered parts rolled up, derived figures in dependency order,
 * exactly) and every check's result. Values the set does not declare are ignored.
 *
 * Returns: (transfer full): the result.
 */
ParFigureResult *par_figures_evaluate              (ParFramework          *framework,
                                                    const ParFigureValues *values);
/* …with the registers' rows: @rows (nullable) maps a register id to its #ParRegisterRows
 * (par-registers.h); a register's figures are missing while it has no rows. The result keeps a
 * reference to @rows. */
ParFigureResult *par_figures_evaluate_with_rows    (ParFramework          *framework,
                                                    const ParFigureValues *values,
                                                    GHashTable            *rows);
ParFigureResult *par_figure_result_ref             (ParFigureResult       *result);
void             par_figure_result_unref           (ParFigureResult       *result);
/* The year's value: a value of the figure's type, or missing / division by zero / overflow. */
ParExprValue     par_figure_result_get_value       (const ParFigureResult *result,
                                                    const ParFigure       *figure);
/* A part's value: entered, or for a derived figure with parts its expression over that part of
 * the figures it uses; missing when not entered or when the figure has no such part. */
ParExprValue     par_figure_result_get_part        (const ParFigureResult *result,
                                                    const ParFigure       *figure,
                                                    guint                  part);
/* Whether the figure has values per period, and of which period: an entered figure of a period
 * other than year; a derived figure whose figures all have parts of one period (on_time_share per
 * quarter = on_time of the quarter / resolved of the quarter). A Figures page shows those parts
 * in the period columns. */
gboolean         par_figure_result_has_parts       (const ParFigureResult *result,
                                                    const ParFigure       *figure,
                                                    ParPeriod             *period);
/* The year's value as the canonical text of the figure's type ("4891", "99.50"), or %NULL when
 * it is missing or cannot be written so exactly (an average of 7 / 2 files): what the rule
 * types of format 1 read. */
const char      *par_figure_result_get_canonical   (const ParFigureResult *result,
                                                    const ParFigure       *figure);
/* How an explanation names the figure: "on_time (Q1–Q4 sum)", "on_time" for a yearly one,
 * "share (derived)" (transfer full). */
char            *par_figure_result_describe        (const ParFigureResult *result,
                                                    const ParFigure       *figure);
/* Where the year's value came from: "Q1 1,200 + Q2 1,250 + Q3 1,221 + Q4 1,220 = 4,891" or,
 * derived, "on_time 4,891 / resolved 4,898 = 99.86 %" (transfer full). */
char            *par_figure_result_explain         (const ParFigureResult *result,
                                                    const ParFigure       *figure,
                                                    char                   decimal_sep);
/**
 * par_figure_result_missing:
 * @figures: (element-type ParFigure): the figures a rule reads (a leaf's #ParNode.figures)
 * @entered: (out) (optional): whether any value they rest on is entered (a period of an
 *   entered figure, a figure a derived one uses, a register's rows)
 *
 * What is still to be entered before @figures all have their year's value: for each entered
 * figure without one, the periods not entered ("files_on_time H2"; the last period only for a
 * figure whose year is its last period's); a derived figure answers for the figures it uses;
 * a register's figure is named while its register has no rows. Figures are separated by "; ".
 * One place for "partly entered", whoever shows a sub-criterion's state (tree, overview, CLI).
 *
 * Returns: (transfer full) (nullable): the list, %NULL when nothing is missing.
 */
char            *par_figure_result_missing         (const ParFigureResult *result,
                                                    const GPtrArray       *figures,
                                                    gboolean              *entered);
/* One result per check of the set, in file order. */
guint            par_figure_result_n_checks        (const ParFigureResult *result);
const ParCheckResult *par_figure_result_get_check  (const ParFigureResult *result,
                                                    guint                  i);
/* Whether a failed check of severity error blocks submitting the year; @error then lists the
 * failed error checks' messages (translated lead-in, the set's messages). */
gboolean         par_figure_result_blocks_submission (const ParFigureResult *result,
                                                      GError              **error);
/* For expression evaluation by other modules (rules, registers): the lookup of a figure slot. */
ParExprValue     par_figure_result_lookup          (guint                  slot,
                                                    gpointer               result);
/* …and how a figure slot is named in an explanation (a #ParExprDescribe). */
char            *par_figure_result_describe_slot   (guint                  slot,
                                                    gpointer               result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParFigureResult, par_figure_result_unref)

/* --- scoring with figures, the year and evidence ----------------------------------------- */

/**
 * ParScoreContext:
 * @year: the assessment's year; 0 when unknown (a rule with thresholds by year then waits:
 *   "incomplete", never a guess)
 * @figures: (nullable): the year's figures; %NULL is none entered
 * @evidence: (nullable): char *code → GUINT_TO_POINTER (documents linked to that leaf);
 *   %NULL or a missing code is none linked
 *
 * What a format-2 rule needs besides the leaf's entry. Format-1 sets score the same with or
 * without it.
 */
typedef struct {
  int              year;
  ParFigureResult *figures;
  GHashTable      *evidence;
} ParScoreContext;

/* par_score() with a context (copied: the result keeps a reference to @figures and @evidence). */
ParResult       *par_score_with            (ParFramework          *framework,
                                            GPtrArray             *entries,
                                            const ParScoreContext *context);
/* par_rule_evaluate_full() with a context (nullable). */
void             par_rule_evaluate_with    (const ParNode         *leaf,
                                            const ParEntry        *entry,
                                            const ParScoreContext *context,
                                            gboolean               explain,
                                            ParLeafScore          *out);

G_END_DECLS
