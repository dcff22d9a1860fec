/* par-rule-private.h — what the rule files share: one evaluation's context, reading figures,
 * writing explanations, tiers. Only src/core/scoring/par-rule*.c include it.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every comparison is exact: a ratio a/b is compared with a threshold t % as a·10000 ≥ t·b in
 * 128-bit integers; only computed points go through the one rounding rule (par_round_div128).
 */
#pragma once

#include "par-figures.h"
#include "par-scorer.h"

G_BEGIN_DECLS

/* One evaluation: the leaf, what was entered (nullable), where the score goes, and whether an
 * explanation is written (scoring a thousand years for a chart needs none). */
typedef struct {
  const ParNode  *leaf;
  const ParRule  *rule;
  const ParEntry *entry;
  ParLeafScore   *out;
  gboolean        explain;
  /* format 2: the year, figures and evidence (nullable), and the tiers that hold this year
   * (the rule's own tiers unless some hold for some years only) */
  const ParScoreContext *ctx;
  const GArray   *tiers;
} ParRuleEval;

/* A figure read for a rule: integers as they are, decimals/percents in hundredths. */
typedef struct {
  gint64 value;
  int    scale;   /* 1 for integers, 100 for hundredths */
} ParRuleNumber;

/* Reading (par-rule-common.c) */
gboolean       par_rule_parse_int      (const char          *text,
                                        gint64               min,
                                        gint64               max,
                                        gint64              *out);
gboolean       par_rule_parse_number   (const ParInput      *input,
                                        const char          *text,
                                        ParRuleNumber       *out);
const char    *par_rule_value          (const ParRuleEval   *ev,
                                        const char          *id);
gboolean       par_rule_is_iso_date    (const char          *text);

/* Results */
void           par_rule_set_scored     (const ParRuleEval   *ev,
                                        ParPoints            points,
                                        char                *explanation);
void           par_rule_set_state      (const ParRuleEval   *ev,
                                        ParScoreState        state,
                                        char                *explanation);

/* Explanations: each returns NULL when @ev does not explain. */
char          *par_rule_explain        (const ParRuleEval   *ev,
                                        const char          *format,
                                        ...) G_GNUC_PRINTF (2, 3);
char          *par_rule_explain_text   (const ParRuleEval   *ev,
                                        const char          *text);
char          *par_rule_fmt_points     (const ParRuleEval   *ev,
                                        ParPoints            points);
char          *par_rule_fmt_number     (const ParRuleEval   *ev,
                                        const ParRuleNumber *number);
char          *par_rule_fmt_percent    (const ParRuleEval   *ev,
                                        gint64               hundredths);

/* Tiers: the first one @value/@scale passes (exact). */
const ParTier *par_rule_match_tier     (const GArray        *tiers,
                                        __int128             value,
                                        __int128             scale);
/* "value ≥ bound → points" for the tier passed, or "value < last bound → otherwise". */
void           par_rule_score_tiers    (const ParRuleEval   *ev,
                                        const ParTier       *passed,
                                        const char          *value_text,
                                        gboolean             percent);

/* One function per rule type. */
void           par_rule_survey         (const ParRuleEval   *ev);
void           par_rule_manual         (const ParRuleEval   *ev);
void           par_rule_yes_no         (const ParRuleEval   *ev);
void           par_rule_timeliness     (const ParRuleEval   *ev);
void           par_rule_choice         (const ParRuleEval   *ev);
void           par_rule_ratio_tiers    (const ParRuleEval   *ev);
void           par_rule_proportional   (const ParRuleEval   *ev);
void           par_rule_count_tiers    (const ParRuleEval   *ev);
void           par_rule_per_count      (const ParRuleEval   *ev);
void           par_rule_conditional    (const ParRuleEval   *ev);   /* par-rule-when.c */

G_END_DECLS
