/* par-rule-count.c — rules on a count: count tiers, and points per count up to the cap.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-rule-private.h"

/* The count entered, or FALSE with the state set. */
static gboolean
read_count (const ParRuleEval *ev,
            gint64            *count)
{
  const char *v = par_rule_value (ev, ev->rule->input);

  if (v == NULL)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return FALSE;
    }
  if (!par_rule_parse_int (v, 0, G_MAXINT32, count))
    {
      const ParInput *input = par_node_find_input (ev->leaf, ev->rule->input);
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("%s must be a whole number of 0 or more"),
                                            input->label));
      return FALSE;
    }
  return TRUE;
}

void
par_rule_count_tiers (const ParRuleEval *ev)
{
  gint64 count;
  g_autofree char *text = NULL;

  if (!read_count (ev, &count))
    return;
  text = par_rule_explain (ev, "%" G_GINT64_FORMAT, count);
  par_rule_score_tiers (ev, par_rule_match_tier (ev->tiers, count, 1), text, FALSE);
}

void
par_rule_per_count (const ParRuleEval *ev)
{
  gint64 count;
  ParPoints raw, points;
  g_autofree char *text = NULL;
  g_autofree char *each = NULL;
  g_autofree char *r = NULL;
  g_autofree char *p = NULL;

  if (!read_count (ev, &count))
    return;
  raw = count * ev->rule->per_count;
  points = MIN (raw, ev->leaf->max);
  text = par_rule_explain (ev, "%" G_GINT64_FORMAT, count);
  each = par_rule_fmt_points (ev, ev->rule->per_count);
  r = par_rule_fmt_points (ev, raw);
  p = par_rule_fmt_points (ev, points);
  par_rule_set_scored (ev, points,
                       raw > ev->leaf->max
                       ? par_rule_explain (ev, _("%s × %s = %s, capped → %s"), text, each, r, p)
                       : par_rule_explain (ev, "%s × %s → %s", text, each, p));
}
