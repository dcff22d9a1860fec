/* par-rule-when.c — the conditional rule of format 2: ordered "when expr → points", otherwise.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Conditions are tried in file order; the first that holds gives its points. A condition whose
 * figures are not all entered leaves the sub-criterion "not yet scored" (a later condition
 * cannot decide, since the earlier one might hold once they are). Dividing by zero follows the
 * rule's zero-denominator (0 points by default); a number too large to compute is refused.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-rule-private.h"

static ParExprValue
lookup (guint    slot,
        gpointer data)
{
  const ParRuleEval *ev = data;

  if (slot >= PAR_FIGURE_LOCAL_SLOT_BASE)
    {
      static const ParFigureType types[] = {
        [PAR_INPUT_INTEGER] = PAR_FIGURE_INTEGER, [PAR_INPUT_DECIMAL] = PAR_FIGURE_DECIMAL,
        [PAR_INPUT_PERCENT] = PAR_FIGURE_PERCENT, [PAR_INPUT_DATE] = PAR_FIGURE_DATE,
        [PAR_INPUT_CHOICE] = PAR_FIGURE_INTEGER, [PAR_INPUT_BOOLEAN] = PAR_FIGURE_YES_NO,
      };
      guint i = slot - PAR_FIGURE_LOCAL_SLOT_BASE;
      const ParInput *input;

      if (i >= ev->leaf->inputs->len || ev->entry == NULL)
        return par_expr_value_missing ();
      input = g_ptr_array_index (ev->leaf->inputs, i);
      if (input->type == PAR_INPUT_CHOICE)
        return par_expr_value_missing ();
      return par_figure_value_parse (types[input->type], par_entry_get_input (ev->entry, input->id));
    }
  if (ev->ctx == NULL || ev->ctx->figures == NULL)
    return par_expr_value_missing ();
  return par_figure_result_lookup (slot, ev->ctx->figures);
}

static char *
describe (guint    slot,
          gpointer data)
{
  const ParRuleEval *ev = data;

  if (slot >= PAR_FIGURE_LOCAL_SLOT_BASE)
    {
      guint i = slot - PAR_FIGURE_LOCAL_SLOT_BASE;
      return g_strdup (i < ev->leaf->inputs->len
                       ? ((const ParInput *) g_ptr_array_index (ev->leaf->inputs, i))->id : "?");
    }
  if (ev->ctx != NULL && ev->ctx->figures != NULL)
    return par_figure_result_describe_slot (slot, ev->ctx->figures);
  for (guint i = 0; i < ev->leaf->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (ev->leaf->figures, i);
      if (figure->index == slot)
        return g_strdup (figure->id);
    }
  return g_strdup ("?");
}

static char *
explain_condition (const ParRuleEval  *ev,
                   const ParCondition *condition)
{
  if (!ev->explain)
    return NULL;
  return par_expr_explain (condition->test, lookup, describe, (gpointer) ev,
                           par_points_decimal_separator ());
}

/* Whether anything the rule reads is entered: nothing at all is "not started". */
static gboolean
anything_entered (const ParRuleEval *ev)
{
  for (guint i = 0; i < ev->rule->conditions->len; i++)
    {
      const ParCondition *condition = g_ptr_array_index (ev->rule->conditions, i);
      const GArray *slots = par_expr_get_slots (condition->test);
      for (guint k = 0; k < slots->len; k++)
        {
          ParExprValue v = lookup (g_array_index (slots, guint, k), (gpointer) ev);
          if (v.kind != PAR_EXPR_MISSING)
            return TRUE;
        }
    }
  return FALSE;
}

void
par_rule_conditional (const ParRuleEval *ev)
{
  const ParRule *rule = ev->rule;
  int year = ev->ctx != NULL ? ev->ctx->year : 0;
  g_autoptr(GString) not_met = ev->explain ? g_string_new (NULL) : NULL;
  g_autofree char *points_text = NULL;
  guint applied = 0;

  for (guint i = 0; i < rule->conditions->len; i++)
    {
      const ParCondition *condition = g_ptr_array_index (rule->conditions, i);
      g_autofree char *text = NULL;
      ParExprValue v;

      if (condition->year_from != 0)
        {
          if (year <= 0)
            {
              par_rule_set_state (ev, PAR_SCORE_INCOMPLETE,
                                  par_rule_explain_text (ev, _("the conditions depend on the year, "
                                                               "and the year is not known")));
              return;
            }
          if (year < condition->year_from || year > condition->year_to)
            continue;
        }
      applied++;
      v = par_expr_evaluate (condition->test, lookup, (gpointer) ev);
      text = explain_condition (ev, condition);
      switch (v.kind)
        {
        case PAR_EXPR_BOOLEAN:
          if (v.num)
            {
              points_text = par_rule_fmt_points (ev, condition->points);
              par_rule_set_scored (ev, condition->points,
                                   par_rule_explain (ev, "%s → %s", text, points_text));
              return;
            }
          if (not_met != NULL)
            /* TRANSLATORS: a condition of a rule that does not hold, in an explanation */
            g_string_append_printf (not_met, _("not met: %s; "), text);
          break;
        case PAR_EXPR_MISSING:
          par_rule_set_state (ev, anything_entered (ev) ? PAR_SCORE_INCOMPLETE : PAR_SCORE_NOT_STARTED,
                              /* TRANSLATORS: the condition with the figures not entered yet */
                              par_rule_explain (ev, _("not yet scored: %s"), text));
          return;
        case PAR_EXPR_DIV_ZERO:
          switch (rule->zero_denominator)
            {
            case PAR_ZERO_DEN_MAX:
              points_text = par_rule_fmt_points (ev, ev->leaf->max);
              par_rule_set_scored (ev, ev->leaf->max,
                                   par_rule_explain (ev, _("%s: division by zero → %s"), text, points_text));
              return;
            case PAR_ZERO_DEN_NOT_APPLICABLE:
              par_rule_set_state (ev, PAR_SCORE_NOT_APPLICABLE,
                                  par_rule_explain (ev, _("%s: division by zero → not applicable"), text));
              ev->out->applicable_max = 0;
              return;
            default:
              points_text = par_rule_fmt_points (ev, 0);
              par_rule_set_scored (ev, 0,
                                   par_rule_explain (ev, _("%s: division by zero → %s"), text, points_text));
              return;
            }
        default:
          par_rule_set_state (ev, PAR_SCORE_INVALID,
                              par_rule_explain (ev, _("%s: a number is too large to compute exactly"),
                                                text));
          return;
        }
    }
  if (applied == 0 && rule->conditions->len > 0)
    {
      /* Every condition is for other years: the set says nothing about this one. */
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("the criteria set gives no conditions for %d"), year));
      return;
    }
  points_text = par_rule_fmt_points (ev, rule->otherwise);
  par_rule_set_scored (ev, rule->otherwise,
                       /* TRANSLATORS: "not met: …; not met: …; otherwise → 0.00" */
                       par_rule_explain (ev, _("%sotherwise → %s"),
                                         not_met != NULL ? not_met->str : "", points_text));
}
