/* par-rule-ratio.c — rules on a share: ratio tiers and proportional points, from a numerator
 * and a denominator or from a percentage.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-format.h"
#include "par-rule-private.h"

/* A share read from the entry: num/den is exact, in hundredths of a percent (num already
 * multiplied by 10000); text is how it is shown. */
typedef struct {
  __int128  num;
  __int128  den;
  gboolean  zero_den;
  char     *text;
} Share;

/* Does @value (the ratio a/b rounded to @k decimals of a percent) show a bound of the rule that
 * the exact ratio is not equal to? */
static gboolean
shows_a_bound_wrongly (const ParRule *rule,
                       __int128       a,
                       __int128       b,
                       __int128       value,
                       int            k)
{
  __int128 scale = 1;

  for (int i = 2; i < k; i++)
    scale *= 10;
  for (guint i = 0; i <= rule->tiers->len; i++)
    {
      const ParTier *t = i < rule->tiers->len ? &g_array_index (rule->tiers, ParTier, i)
                                              : (rule->has_floor ? &rule->floor : NULL);
      if (t != NULL && value == (__int128) t->bound * scale && a * 10000 != (__int128) t->bound * b)
        return TRUE;
    }
  return FALSE;
}

/* The ratio a/b in percent for an explanation: two decimals, or as many more as it takes not to
 * show a threshold the ratio is not equal to. Comparisons are exact, so 89.995 % does not reach
 * "from 90"; shown as "90.00 %" it would read as a mistake, "89.995 %" does not. */
static char *
fmt_ratio_percent (const ParRuleEval *ev,
                   __int128           a,
                   __int128           b)
{
  __int128 value = 0;
  int k;

  if (!ev->explain)
    return NULL;
  for (k = 2; k <= 12; k++)
    {
      __int128 scale = 1;

      for (int i = 0; i < k; i++)
        scale *= 10;
      value = par_round_div128 (a * 100 * scale, b);
      if (!shows_a_bound_wrongly (ev->rule, a, b, value, k))
        break;
    }
  k = MIN (k, 12);
  /* 0 ≤ a ≤ b, so value ≤ 100 × 10^12: it fits a gint64. */
  return par_format_fixed ((gint64) value, (guint) k, par_points_decimal_separator (),
                           PAR_FORMAT_PERCENT);
}

static gboolean
read_percent (const ParRuleEval *ev,
              Share             *share)
{
  const ParRule *rule = ev->rule;
  const ParInput *input = rule->percent_input;
  const char *value = par_rule_value (ev, rule->percent);
  ParRuleNumber n;

  if (value == NULL)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return FALSE;
    }
  if (!par_rule_parse_number (input, value, &n) || n.value < 0 || n.value > 10000)
    {
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("%s must be a percentage between 0 and 100"),
                                            input->label));
      return FALSE;
    }
  share->num = (__int128) n.value * 100;   /* hundredths of % → ×10000 scale over den 100 */
  share->den = 100;
  share->text = par_rule_fmt_percent (ev, n.value);
  return TRUE;
}

static gboolean
read_fraction (const ParRuleEval *ev,
               Share             *share)
{
  const ParRule *rule = ev->rule;
  const ParInput *in_a = rule->numerator_input;
  const ParInput *in_b = rule->denominator_input;
  const char *va = par_rule_value (ev, rule->numerator);
  const char *vb = par_rule_value (ev, rule->denominator);
  ParRuleNumber a, b;
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;
  g_autofree char *pct = NULL;
  __int128 scaled_a, scaled_b;

  if (va == NULL || vb == NULL)
    {
      par_rule_set_state (ev, va == NULL && vb == NULL ? PAR_SCORE_NOT_STARTED
                                                      : PAR_SCORE_INCOMPLETE, NULL);
      return FALSE;
    }
  if (!par_rule_parse_number (in_a, va, &a) || !par_rule_parse_number (in_b, vb, &b) ||
      a.value < 0 || b.value < 0)
    {
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain_text (ev, _("the figures must be numbers of 0 or more")));
      return FALSE;
    }
  /* Bring both to the same scale before comparing. */
  scaled_a = (__int128) a.value * (a.scale == 1 ? 100 : 1);
  scaled_b = (__int128) b.value * (b.scale == 1 ? 100 : 1);
  ta = par_rule_fmt_number (ev, &a);
  tb = par_rule_fmt_number (ev, &b);
  if (scaled_a > scaled_b)
    {
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("%s (%s) cannot be more than %s (%s)"),
                                            in_a->label, ta, in_b->label, tb));
      return FALSE;
    }
  if (scaled_b == 0)
    {
      share->zero_den = TRUE;
      share->text = par_rule_explain (ev, "%s/%s", ta, tb);
      return TRUE;
    }
  share->num = scaled_a * 10000;
  share->den = scaled_b;
  pct = fmt_ratio_percent (ev, scaled_a, scaled_b);
  share->text = par_rule_explain (ev, "%s/%s = %s", ta, tb, pct);
  return TRUE;
}

/* Nothing to count (0/0): the rule says what that scores. */
static void
score_zero_denominator (const ParRuleEval *ev,
                        const char        *text)
{
  switch (ev->rule->zero_denominator)
    {
    case PAR_ZERO_DEN_MAX:
      {
        g_autofree char *max = par_rule_fmt_points (ev, ev->leaf->max);
        par_rule_set_scored (ev, ev->leaf->max,
                             par_rule_explain (ev, _("%s: nothing to count → %s"), text, max));
      }
      break;
    case PAR_ZERO_DEN_NOT_APPLICABLE:
      par_rule_set_state (ev, PAR_SCORE_NOT_APPLICABLE,
                          par_rule_explain (ev, _("%s: nothing to count → not applicable"), text));
      ev->out->applicable_max = 0;
      break;
    case PAR_ZERO_DEN_ZERO:
    default:
      {
        g_autofree char *zero = par_rule_fmt_points (ev, 0);
        par_rule_set_scored (ev, 0, par_rule_explain (ev, _("%s: nothing to count → %s"), text, zero));
      }
      break;
    }
}

/* Reads the share; FALSE when the score is already decided (state set, or 0/0 scored). */
static gboolean
read_share (const ParRuleEval *ev,
            Share             *share)
{
  gboolean ok = ev->rule->percent != NULL ? read_percent (ev, share) : read_fraction (ev, share);

  if (ok && share->zero_den)
    {
      score_zero_denominator (ev, share->text);
      return FALSE;
    }
  return ok;
}

void
par_rule_ratio_tiers (const ParRuleEval *ev)
{
  Share share = { 0, 1, FALSE, NULL };

  if (read_share (ev, &share))
    par_rule_score_tiers (ev, par_rule_match_tier (ev->tiers, share.num, share.den),
                          share.text, TRUE);
  g_free (share.text);
}

void
par_rule_proportional (const ParRuleEval *ev)
{
  const ParRule *rule = ev->rule;
  Share share = { 0, 1, FALSE, NULL };
  ParPoints points;
  g_autofree char *m = NULL;
  g_autofree char *p = NULL;

  if (!read_share (ev, &share))
    goto out;
  if (rule->has_floor)
    {
      __int128 floor = (__int128) rule->floor.bound * share.den;
      gboolean passes = rule->floor.inclusive ? share.num >= floor : share.num > floor;

      if (!passes)
        {
          g_autofree char *f = par_rule_fmt_percent (ev, rule->floor.bound);
          g_autofree char *zero = par_rule_fmt_points (ev, 0);
          par_rule_set_scored (ev, 0, par_rule_explain (ev, _("%s %s %s (floor) → %s"), share.text,
                                                        rule->floor.inclusive ? "<" : "≤", f, zero));
          goto out;
        }
    }
  /* points = max × num / (den × 10000), rounded once. */
  points = (ParPoints) MIN (par_round_div128 ((__int128) ev->leaf->max * share.num,
                                              share.den * 10000),
                            (__int128) ev->leaf->max);
  m = par_rule_fmt_points (ev, ev->leaf->max);
  p = par_rule_fmt_points (ev, points);
  par_rule_set_scored (ev, points, par_rule_explain (ev, "%s × %s → %s", share.text, m, p));
out:
  g_free (share.text);
}
