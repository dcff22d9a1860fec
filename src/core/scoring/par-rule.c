/* par-rule.c — evaluating one leaf's scoring rule, with a human explanation: not applicable,
 * the rule of its type (one function each, par-rule-{value,ratio,count}.c), and which score
 * counts.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-rule-private.h"

typedef void (*RuleFunc) (const ParRuleEval *ev);

static const RuleFunc rules[] = {
  [PAR_RULE_MANUAL] = par_rule_manual,
  [PAR_RULE_YES_NO] = par_rule_yes_no,
  [PAR_RULE_TIMELINESS] = par_rule_timeliness,
  [PAR_RULE_RATIO_TIERS] = par_rule_ratio_tiers,
  [PAR_RULE_PROPORTIONAL] = par_rule_proportional,
  [PAR_RULE_COUNT_TIERS] = par_rule_count_tiers,
  [PAR_RULE_CHOICE] = par_rule_choice,
  [PAR_RULE_PER_COUNT] = par_rule_per_count,
  [PAR_RULE_SURVEY] = par_rule_survey,
  [PAR_RULE_CONDITIONAL] = par_rule_conditional,
};

/* The score that counts: the council's where entered, else the survey's for a survey item,
 * else the unit's own. */
static void
set_final (ParLeafScore *out)
{
  if (out->has_appraised)
    {
      out->has_final = TRUE;
      out->final = out->appraised;
    }
  else if (out->state == PAR_SCORE_SURVEY)
    {
      out->has_final = out->has_survey;
      out->final = out->has_survey ? out->survey : 0;
    }
  else if (out->has_self && out->state == PAR_SCORE_SCORED)
    {
      out->has_final = TRUE;
      out->final = out->self;
    }
}

/* Format 2: the tiers or conditions that hold in the context's year. FALSE (with the state
 * set) when the year is needed and unknown, or the set gives none for it. */
static gboolean
select_year_tiers (ParRuleEval *ev,
                   GArray     **owned)
{
  int year = ev->ctx != NULL ? ev->ctx->year : 0;
  const GArray *tiers = ev->rule->tiers;

  ev->tiers = tiers;
  if (!ev->rule->has_year_tiers || ev->rule->type == PAR_RULE_CONDITIONAL)
    return TRUE;
  if (year <= 0)
    {
      par_rule_set_state (ev, PAR_SCORE_INCOMPLETE,
                          par_rule_explain_text (ev, _("the thresholds depend on the year, and the "
                                                       "year is not known")));
      return FALSE;
    }
  *owned = g_array_new (FALSE, FALSE, sizeof (ParTier));
  for (guint i = 0; i < tiers->len; i++)
    {
      const ParTier *t = &g_array_index (tiers, ParTier, i);
      if (t->year_from == 0 || (year >= t->year_from && year <= t->year_to))
        g_array_append_val (*owned, *t);
    }
  ev->tiers = *owned;
  if ((*owned)->len == 0)
    {
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("the criteria set gives no thresholds for %d"), year));
      return FALSE;
    }
  return TRUE;
}

/* Format 2: a leaf that needs evidence scores 0 without a linked document, and says so. */
static void
require_evidence (const ParRuleEval *ev)
{
  guint linked = 0;
  g_autofree char *was = NULL;
  g_autofree char *zero = NULL;

  if (!ev->leaf->evidence_required || ev->out->state != PAR_SCORE_SCORED)
    return;
  if (ev->ctx != NULL && ev->ctx->evidence != NULL)
    linked = GPOINTER_TO_UINT (g_hash_table_lookup (ev->ctx->evidence, ev->leaf->code));
  if (linked > 0)
    return;
  if (!ev->explain)
    {
      par_rule_set_scored (ev, 0, NULL);
      return;
    }
  was = ev->out->explanation != NULL ? g_strdup (ev->out->explanation) : g_strdup ("");
  zero = par_rule_fmt_points (ev, 0);
  par_rule_set_scored (ev, 0,
                       /* TRANSLATORS: "<how the rule scored> — but no evidence document is linked,
                        * and this sub-criterion requires one → 0.00" */
                       g_strdup_printf (_("%s — but no evidence document is linked, and this "
                                          "sub-criterion requires one → %s"), was, zero));
}

/* Format 2: a rule of a format-1 type that reads the set's figures says where they came from
 * ("on_time (Q1–Q4 sum) 4,891, resolved (Q1–Q4 sum) 4,898: 4891/4898 = 99.86 % > 90 % → 2.00"). */
static void
add_provenance (const ParRuleEval *ev)
{
  g_autoptr(GString) text = NULL;
  char sep;

  if (!ev->explain || ev->leaf->figures->len == 0 || ev->rule->type == PAR_RULE_CONDITIONAL ||
      ev->out->explanation == NULL)
    return;
  sep = par_points_decimal_separator ();
  text = g_string_new (NULL);
  for (guint i = 0; i < ev->leaf->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (ev->leaf->figures, i);
      ParExprValue v = par_expr_value_missing ();
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (ev->ctx != NULL && ev->ctx->figures != NULL)
        {
          v = par_figure_result_get_value (ev->ctx->figures, figure);
          name = par_figure_result_describe (ev->ctx->figures, figure);
        }
      else
        name = g_strdup (figure->id);
      value = par_expr_value_format (&v, sep);
      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", name, value);
    }
  g_string_append_printf (text, ": %s", ev->out->explanation);
  g_free (ev->out->explanation);
  ev->out->explanation = g_string_free (g_steal_pointer (&text), FALSE);
}

/* Format 2: a sub-criterion whose figures are partly entered (3.3.1 with only H1 of its
 * half-yearly figures) is incomplete, never "not started", and says what is still to enter. */
static void
name_missing_figures (const ParRuleEval *ev)
{
  g_autofree char *missing = NULL;
  gboolean entered = FALSE;
  ParScoreState state = ev->out->state;

  if ((state != PAR_SCORE_NOT_STARTED && state != PAR_SCORE_INCOMPLETE) ||
      ev->leaf->figures->len == 0 || ev->ctx == NULL || ev->ctx->figures == NULL)
    return;
  missing = par_figure_result_missing (ev->ctx->figures, ev->leaf->figures, &entered);
  if (missing == NULL || (state == PAR_SCORE_NOT_STARTED && !entered))
    return;
  if (!ev->explain)
    par_rule_set_state (ev, PAR_SCORE_INCOMPLETE, NULL);
  else if (ev->out->explanation == NULL)
    /* TRANSLATORS: "not yet scored: still to enter files_on_time H2; files_resolved H2" */
    par_rule_set_state (ev, PAR_SCORE_INCOMPLETE,
                        par_rule_explain (ev, _("not yet scored: still to enter %s"), missing));
  else
    {
      g_autofree char *was = g_strdup (ev->out->explanation);

      /* TRANSLATORS: "<why it is not scored> — still to enter files_on_time H2" */
      par_rule_set_state (ev, PAR_SCORE_INCOMPLETE,
                          par_rule_explain (ev, _("%s — still to enter %s"), was, missing));
    }
}

/**
 * par_rule_evaluate_with:
 * @context: (nullable): the year, figures and evidence counts (format 2)
 * @explain: whether the explanation is written (scoring many years for a chart needs none;
 *   ParResult writes one when it is first asked for)
 */
void
par_rule_evaluate_with (const ParNode         *leaf,
                        const ParEntry        *entry,
                        const ParScoreContext *context,
                        gboolean               explain,
                        ParLeafScore          *out)
{
  ParRuleEval ev = { leaf, NULL, entry, out, explain, context, NULL };
  g_autoptr(GArray) year_tiers = NULL;

  g_return_if_fail (out != NULL);
  /* Written whole, first: even a refused call leaves a score of nothing, never what the
   * memory held (ParResult's slots are not zeroed beforehand). */
  memset (out, 0, sizeof *out);
  g_return_if_fail (leaf != NULL && leaf->rule != NULL);
  g_return_if_fail ((guint) leaf->rule->type < G_N_ELEMENTS (rules) &&
                    rules[leaf->rule->type] != NULL);

  ev.rule = leaf->rule;
  ev.tiers = leaf->rule->tiers;
  out->node = leaf;
  out->max = leaf->max;
  out->applicable_max = leaf->max;

  if (entry != NULL && entry->not_applicable)
    {
      if (!leaf->na_allowed)
        par_rule_set_state (&ev, PAR_SCORE_INVALID,
                            par_rule_explain_text (&ev, _("this sub-criterion may not be marked not applicable")));
      else
        {
          par_rule_set_state (&ev, PAR_SCORE_NOT_APPLICABLE,
                              par_rule_explain_text (&ev, _("not applicable")));
          out->applicable_max = 0;
        }
    }
  else if (select_year_tiers (&ev, &year_tiers))
    {
      rules[leaf->rule->type] (&ev);
      add_provenance (&ev);
      name_missing_figures (&ev);
      require_evidence (&ev);
    }

  if (entry != NULL && entry->has_survey)
    {
      out->has_survey = TRUE;
      out->survey = entry->survey;
    }
  if (entry != NULL && entry->has_appraised)
    {
      out->has_appraised = TRUE;
      out->appraised = entry->appraised;
      /* The council's score counts even where the unit said "not applicable". */
      out->applicable_max = leaf->max;
    }
  set_final (out);
}

void
par_rule_evaluate_full (const ParNode  *leaf,
                        const ParEntry *entry,
                        gboolean        explain,
                        ParLeafScore   *out)
{
  par_rule_evaluate_with (leaf, entry, NULL, explain, out);
}

void
par_rule_evaluate (const ParNode  *leaf,
                   const ParEntry *entry,
                   ParLeafScore   *out)
{
  par_rule_evaluate_full (leaf, entry, TRUE, out);
}

void
par_leaf_score_clear (ParLeafScore *score)
{
  g_clear_pointer (&score->explanation, g_free);
}
