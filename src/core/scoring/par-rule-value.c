/* par-rule-value.c — rules scored from one value as entered: the survey's, a manual score,
 * yes/no, on time or late, one of the choices.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-format.h"
#include "par-rule-private.h"

void
par_rule_survey (const ParRuleEval *ev)
{
  par_rule_set_state (ev, PAR_SCORE_SURVEY,
                      par_rule_explain_text (ev, _("scored by the sociological survey")));
}

void
par_rule_manual (const ParRuleEval *ev)
{
  const ParEntry *entry = ev->entry;
  g_autofree char *p = NULL;
  g_autofree char *m = NULL;
  g_autofree char *s = NULL;

  if (entry == NULL || !entry->has_self)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return;
    }
  p = par_rule_fmt_points (ev, entry->self);
  m = par_rule_fmt_points (ev, ev->leaf->max);
  s = par_rule_fmt_points (ev, ev->rule->step);
  if (entry->self < 0 || entry->self > ev->leaf->max)
    par_rule_set_state (ev, PAR_SCORE_INVALID,
                        par_rule_explain (ev, _("%s is outside 0 … %s"), p, m));
  else if (entry->self % ev->rule->step != 0)
    par_rule_set_state (ev, PAR_SCORE_INVALID,
                        par_rule_explain (ev, _("%s is not a multiple of the step %s"), p, s));
  else
    par_rule_set_scored (ev, entry->self,
                         par_rule_explain (ev, _("entered %s (0 … %s, step %s)"), p, m, s));
}

void
par_rule_yes_no (const ParRuleEval *ev)
{
  const ParRule *rule = ev->rule;
  const char *v = par_rule_value (ev, rule->input);
  g_autofree char *p = NULL;
  gboolean yes;

  if (v == NULL)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return;
    }
  /* Values are canonical ("true"/"false"); anything else is refused, never read as "no". */
  if (!g_str_equal (v, "true") && !g_str_equal (v, "false"))
    {
      const ParInput *input = par_node_find_input (ev->leaf, rule->input);
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("%s must be yes or no, not “%s”"), input->label, v));
      return;
    }
  yes = g_str_equal (v, "true");
  p = par_rule_fmt_points (ev, yes ? rule->yes : rule->no);
  par_rule_set_scored (ev, yes ? rule->yes : rule->no,
                       par_rule_explain (ev, "%s → %s", yes ? _("yes") : _("no"), p));
}

/* The office's own account: "on-time", "late" or "not-done". Returns FALSE (state set) when
 * there is no points to give. */
static gboolean
timeliness_by_status (const ParRuleEval  *ev,
                      ParPoints          *points,
                      char              **prefix)
{
  const ParRule *rule = ev->rule;
  const char *v = par_rule_value (ev, rule->status);
  const char *what;

  if (v == NULL)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return FALSE;
    }
  if (g_str_equal (v, "on-time"))
    what = _("on time"), *points = rule->on_time;
  else if (g_str_equal (v, "late"))
    what = _("late"), *points = rule->late;
  else if (g_str_equal (v, "not-done"))
    what = _("not done"), *points = rule->not_done;
  else
    {
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("“%s” is not one of the choices"), v));
      return FALSE;
    }
  *prefix = par_rule_explain_text (ev, what);
  return TRUE;
}

/* The date it was done against the deadline. */
static gboolean
timeliness_by_dates (const ParRuleEval  *ev,
                     ParPoints          *points,
                     char              **prefix)
{
  const ParRule *rule = ev->rule;
  const char *done = par_rule_value (ev, rule->date);
  const char *deadline = par_rule_value (ev, rule->deadline);
  gboolean on_time;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;

  if (deadline == NULL)
    {
      par_rule_set_state (ev, done == NULL ? PAR_SCORE_NOT_STARTED : PAR_SCORE_INCOMPLETE, NULL);
      return FALSE;
    }
  /* Only ISO dates compare as strings; "14/01/2020" would sort before "2020-01-13". */
  if (!par_rule_is_iso_date (deadline) || (done != NULL && !par_rule_is_iso_date (done)))
    {
      gboolean bad_done = done != NULL && !par_rule_is_iso_date (done);
      const ParInput *input = par_node_find_input (ev->leaf, bad_done ? rule->date : rule->deadline);
      par_rule_set_state (ev, PAR_SCORE_INVALID,
                          par_rule_explain (ev, _("%s must be a date, not “%s”"), input->label,
                                            bad_done ? done : deadline));
      return FALSE;
    }
  if (done == NULL)
    {
      *points = rule->not_done;
      *prefix = par_rule_explain_text (ev, _("not done"));
      return TRUE;
    }
  /* ISO dates compare as strings. */
  on_time = strcmp (done, deadline) <= 0;
  t1 = ev->explain ? par_format_date_dmy (done) : NULL;
  t2 = ev->explain ? par_format_date_dmy (deadline) : NULL;
  *points = on_time ? rule->on_time : rule->late;
  *prefix = par_rule_explain (ev, on_time ? _("%s ≤ deadline %s: on time")
                                          : _("%s > deadline %s: late"), t1, t2);
  return TRUE;
}

void
par_rule_timeliness (const ParRuleEval *ev)
{
  ParPoints points = 0;
  g_autofree char *prefix = NULL;
  g_autofree char *p = NULL;

  if (ev->rule->status != NULL ? !timeliness_by_status (ev, &points, &prefix)
                               : !timeliness_by_dates (ev, &points, &prefix))
    return;
  p = par_rule_fmt_points (ev, points);
  par_rule_set_scored (ev, points, par_rule_explain (ev, "%s → %s", prefix, p));
}

void
par_rule_choice (const ParRuleEval *ev)
{
  const ParRule *rule = ev->rule;
  const char *v = par_rule_value (ev, rule->input);
  const ParInput *input = par_node_find_input (ev->leaf, rule->input);
  const char *label = v;

  if (v == NULL)
    {
      par_rule_set_state (ev, PAR_SCORE_NOT_STARTED, NULL);
      return;
    }
  for (guint i = 0; i < input->options->len; i++)
    {
      const ParOption *o = g_ptr_array_index (input->options, i);
      if (g_str_equal (o->value, v))
        label = o->label;
    }
  for (guint i = 0; i < rule->grades->len; i++)
    {
      const ParGrade *g = g_ptr_array_index (rule->grades, i);
      if (g_str_equal (g->value, v))
        {
          g_autofree char *p = par_rule_fmt_points (ev, g->points);
          par_rule_set_scored (ev, g->points, par_rule_explain (ev, "%s → %s", label, p));
          return;
        }
    }
  par_rule_set_state (ev, PAR_SCORE_INVALID,
                      par_rule_explain (ev, _("“%s” is not one of the choices"), v));
}
