/* par-rule-common.c — what every rule uses: reading figures, results, explanations, tiers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "par-format.h"
#include "par-rule-private.h"

/* Stored values are canonical ("4891", "-3"): a plain digit loop reads them several times
 * faster than the general parser, which matters when a thousand years are re-scored. */
gboolean
par_rule_parse_int (const char *text,
                    gint64      min,
                    gint64      max,
                    gint64     *out)
{
  const char *p = text;
  gboolean negative = *p == '-';
  gint64 v = 0;

  if (negative)
    p++;
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9' || v > (G_MAXINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (*p - '0');
    }
  v = negative ? -v : v;
  if (v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
par_rule_parse_number (const ParInput *input,
                       const char     *text,
                       ParRuleNumber  *out)
{
  if (input->type == PAR_INPUT_INTEGER)
    {
      gint64 v;
      if (!par_rule_parse_int (text, G_MININT64 / 10000, G_MAXINT64 / 10000, &v))
        return FALSE;
      out->value = v;
      out->scale = 1;
      return TRUE;
    }
  out->scale = 100;
  return par_points_parse (text, &out->value, NULL);
}

/* The entered value of figure @id, or NULL when it is not entered. */
const char *
par_rule_value (const ParRuleEval *ev,
                const char        *id)
{
  const char *value;

  if (id == NULL)
    return NULL;
  /* Format 2: a figure of the set the rule names is its year's value — never a value stored
   * under that id in the entry (a leaf's inputs cannot have a figure's id). */
  for (guint i = 0; i < ev->leaf->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (ev->leaf->figures, i);
      if (g_str_equal (figure->id, id))
        return ev->ctx != NULL && ev->ctx->figures != NULL
               ? par_figure_result_get_canonical (ev->ctx->figures, figure) : NULL;
    }
  value = ev->entry != NULL ? par_entry_get_input (ev->entry, id) : NULL;
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* A canonical date: "2023-01-14", a real day. */
gboolean
par_rule_is_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy (d, m, y);
}

void
par_rule_set_scored (const ParRuleEval *ev,
                     ParPoints          points,
                     char              *explanation)
{
  ev->out->state = PAR_SCORE_SCORED;
  ev->out->has_self = TRUE;
  ev->out->self = points;
  g_free (ev->out->explanation);
  ev->out->explanation = explanation;
}

void
par_rule_set_state (const ParRuleEval *ev,
                    ParScoreState      state,
                    char              *explanation)
{
  ev->out->state = state;
  g_free (ev->out->explanation);
  ev->out->explanation = explanation;
}

char *
par_rule_explain (const ParRuleEval *ev,
                  const char        *format,
                  ...)
{
  va_list args;
  char *text;

  if (!ev->explain)
    return NULL;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

char *
par_rule_explain_text (const ParRuleEval *ev,
                       const char        *text)
{
  return ev->explain ? g_strdup (text) : NULL;
}

char *
par_rule_fmt_points (const ParRuleEval *ev,
                     ParPoints          points)
{
  if (!ev->explain)
    return NULL;
  return par_format_points_sep (points, par_points_decimal_separator ());
}

char *
par_rule_fmt_number (const ParRuleEval   *ev,
                     const ParRuleNumber *number)
{
  if (!ev->explain)
    return NULL;
  if (number->scale == 1)
    return g_strdup_printf ("%" G_GINT64_FORMAT, number->value);
  return par_rule_fmt_points (ev, number->value);
}

/* Hundredths of a percent, shown with two decimals: 9986 → "99.86 %". */
char *
par_rule_fmt_percent (const ParRuleEval *ev,
                      gint64             hundredths)
{
  if (!ev->explain)
    return NULL;
  return par_format_percent_sep (hundredths, 2, par_points_decimal_separator (),
                                 PAR_FORMAT_PERCENT);
}

/* The first tier the value passes; compares value/scale against the bound exactly. For ratios
 * the "value" is a·10000 and the scale b, the bound in hundredths of a percent. */
const ParTier *
par_rule_match_tier (const GArray *tiers,
                     __int128      value,
                     __int128      scale)
{
  for (guint i = 0; i < tiers->len; i++)
    {
      const ParTier *t = &g_array_index (tiers, ParTier, i);
      __int128 rhs = (__int128) t->bound * scale;
      if (t->inclusive ? value >= rhs : value > rhs)
        return t;
    }
  return NULL;
}

static char *
bound_text (const ParRuleEval *ev,
            const ParTier     *tier,
            gboolean           percent)
{
  return percent ? par_rule_fmt_percent (ev, tier->bound)
                 : par_rule_explain (ev, "%" G_GINT64_FORMAT, tier->bound);
}

void
par_rule_score_tiers (const ParRuleEval *ev,
                      const ParTier     *passed,
                      const char        *value_text,
                      gboolean           percent)
{
  const GArray *tiers = ev->tiers;
  const ParTier *shown = passed != NULL ? passed : &g_array_index (tiers, ParTier, tiers->len - 1);
  ParPoints points = passed != NULL ? passed->points : ev->rule->otherwise;
  g_autofree char *bound = NULL;
  g_autofree char *points_text = NULL;
  const char *op;

  if (!ev->explain)
    {
      par_rule_set_scored (ev, points, NULL);
      return;
    }
  bound = bound_text (ev, shown, percent);
  points_text = par_rule_fmt_points (ev, points);
  if (passed != NULL)
    op = shown->inclusive ? "≥" : ">";
  else
    op = shown->inclusive ? "<" : "≤";
  par_rule_set_scored (ev, points,
                       par_rule_explain (ev, "%s %s %s → %s", value_text, op, bound, points_text));
}
