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

/**
 * par_rule_evaluate_full:
 * @explain: whether the explanation is written (scoring many years for a chart needs none;
 *   ParResult writes one when it is first asked for)
 */
void
par_rule_evaluate_full (const ParNode  *leaf,
                        const ParEntry *entry,
                        gboolean        explain,
                        ParLeafScore   *out)
{
  ParRuleEval ev = { leaf, NULL, entry, out, explain };

  g_return_if_fail (leaf != NULL && leaf->rule != NULL);
  g_return_if_fail (out != NULL);
  g_return_if_fail ((guint) leaf->rule->type < G_N_ELEMENTS (rules) &&
                    rules[leaf->rule->type] != NULL);

  ev.rule = leaf->rule;
  memset (out, 0, sizeof *out);
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
  else
    rules[leaf->rule->type] (&ev);

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
