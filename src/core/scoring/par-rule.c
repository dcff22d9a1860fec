/* par-rule.c — evaluating one leaf's scoring rule, with a human explanation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every comparison is exact: a ratio a/b is compared with a threshold t % as a·10000 ≥ t·b in
 * 128-bit integers; only the computed points go through par_mul_div_round (halves away from zero).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-format.h"
#include "par-scorer.h"

/* Parsed numeric input: integers as they are, decimals/percents in hundredths. */
typedef struct {
  gint64 value;
  int    scale;   /* 1 for integers, 100 for hundredths */
} Number;

/* Stored values are canonical ("4891", "-3"): a plain digit loop reads them several times
 * faster than the general parser, which matters when a thousand years are re-scored. */
static gboolean
parse_canonical_int (const char *text,
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

static gboolean
parse_number (const ParInput *input,
              const char     *text,
              Number         *out)
{
  if (input->type == PAR_INPUT_INTEGER)
    {
      gint64 v;
      if (!parse_canonical_int (text, G_MININT64 / 10000, G_MAXINT64 / 10000, &v))
        return FALSE;
      out->value = v;
      out->scale = 1;
      return TRUE;
    }
  out->scale = 100;
  return par_points_parse (text, &out->value, NULL);
}

/* Explanations are text for people; scoring a thousand assessments for a chart needs none.
 * par_score() evaluates without them and ParResult formats one when it is first asked for. */
static __thread gboolean explaining = TRUE;

static char * G_GNUC_PRINTF (1, 2)
explain_printf (const char *format,
                ...)
{
  va_list args;
  char *text;

  if (!explaining)
    return NULL;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return text;
}

static char *
explain_strdup (const char *text)
{
  return explaining ? g_strdup (text) : NULL;
}

static char
sep (void)
{
  return par_points_decimal_separator ();
}

static char *
fmt_points (ParPoints p)
{
  if (!explaining)
    return NULL;
  return par_format_points_sep (p, sep ());
}

static char *
fmt_number (const Number *n)
{
  if (!explaining)
    return NULL;
  if (n->scale == 1)
    return explain_printf ("%" G_GINT64_FORMAT, n->value);
  return fmt_points (n->value);
}

/* Hundredths of a percent, shown with two decimals: 9986 → "99.86 %". */
static char *
fmt_percent (gint64 hundredths)
{
  if (!explaining)
    return NULL;
  return par_format_percent_sep (hundredths, 2, sep (), PAR_FORMAT_PERCENT);
}

static const char *
lookup_value (const ParEntry *entry,
              const char     *id)
{
  const char *value;

  if (entry == NULL || id == NULL)
    return NULL;
  value = par_entry_get_input (entry, id);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* A canonical date: "2023-01-14", a real day. */
static gboolean
is_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         g_date_valid_dmy (d, m, y);
}

static void
set_scored (ParLeafScore *out,
            ParPoints     points,
            char         *explanation)
{
  out->state = PAR_SCORE_SCORED;
  out->has_self = TRUE;
  out->self = points;
  g_free (out->explanation);
  out->explanation = explanation;
}

static void
set_state (ParLeafScore  *out,
           ParScoreState  state,
           char          *explanation)
{
  out->state = state;
  g_free (out->explanation);
  out->explanation = explanation;
}

/* The first tier the value passes; compares value/scale against bound/bound_scale exactly.
 * For ratios the "value" is a·10000 and the scale b, the bound in hundredths of a percent. */
static const ParTier *
match_tier (const GArray *tiers,
            __int128      value,
            __int128      scale,
            gint64        bound_scale)
{
  for (guint i = 0; i < tiers->len; i++)
    {
      const ParTier *t = &g_array_index (tiers, ParTier, i);
      __int128 lhs = value * bound_scale;
      __int128 rhs = (__int128) t->bound * scale;
      if (t->inclusive ? lhs >= rhs : lhs > rhs)
        return t;
    }
  return NULL;
}

static char *
describe_tier (const ParTier *t,
               const char    *value_text,
               gboolean       percent)
{
  if (!explaining)
    return NULL;
  g_autofree char *bound = percent ? fmt_percent (t->bound)
                                   : explain_printf ("%" G_GINT64_FORMAT, t->bound);
  g_autofree char *points = fmt_points (t->points);
  return explain_printf ("%s %s %s → %s", value_text, t->inclusive ? "≥" : ">", bound, points);
}

static char *
describe_below (const GArray *tiers,
                const char   *value_text,
                gboolean      percent,
                ParPoints     otherwise)
{
  if (!explaining)
    return NULL;
  const ParTier *last = &g_array_index (tiers, ParTier, tiers->len - 1);
  g_autofree char *bound = percent ? fmt_percent (last->bound)
                                   : explain_printf ("%" G_GINT64_FORMAT, last->bound);
  g_autofree char *points = fmt_points (otherwise);
  return explain_printf ("%s %s %s → %s", value_text, last->inclusive ? "<" : "≤", bound, points);
}

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
fmt_ratio_percent (const ParRule *rule,
                   __int128       a,
                   __int128       b)
{
  if (!explaining)
    return NULL;
  __int128 value = 0;
  __int128 scale = 1;
  int k;

  for (k = 2; k <= 12; k++)
    {
      __int128 num;

      scale = 1;
      for (int i = 0; i < k; i++)
        scale *= 10;
      num = a * 100 * scale;
      value = num / b;
      if ((num % b) * 2 >= b)
        value++;
      if (!shows_a_bound_wrongly (rule, a, b, value, k))
        break;
    }
  k = MIN (k, 12);
  /* 0 ≤ a ≤ b, so value ≤ 100 × 10^12: it fits a gint64. */
  return par_format_fixed ((gint64) value, (guint) k, sep (), PAR_FORMAT_PERCENT);
}

/* Reads a ratio source (numerator/denominator or percent). Returns FALSE (state already set)
 * when the leaf is not complete or invalid. On success, the ratio is num/den exactly, with
 * num already multiplied by 10000 so that num/den is in hundredths of a percent. */
static gboolean
read_ratio (const ParNode  *leaf,
            const ParEntry *entry,
            ParLeafScore   *out,
            __int128       *num,
            __int128       *den,
            char          **text,
            gboolean       *zero_den)
{
  const ParRule *rule = leaf->rule;

  *zero_den = FALSE;
  if (rule->percent != NULL)
    {
      const ParInput *input = par_node_find_input (leaf, rule->percent);
      const char *value = lookup_value (entry, rule->percent);
      Number n;

      if (value == NULL)
        {
          set_state (out, PAR_SCORE_NOT_STARTED, NULL);
          return FALSE;
        }
      if (!parse_number (input, value, &n) || n.value < 0 || n.value > 10000)
        {
          set_state (out, PAR_SCORE_INVALID,
                     explain_printf (_("%s must be a percentage between 0 and 100"), input->label));
          return FALSE;
        }
      *num = (__int128) n.value * 100;   /* hundredths of % → ×10000 scale over den 100 */
      *den = 100;
      *text = fmt_percent (n.value);
      return TRUE;
    }
  else
    {
      const ParInput *in_a = par_node_find_input (leaf, rule->numerator);
      const ParInput *in_b = par_node_find_input (leaf, rule->denominator);
      const char *va = lookup_value (entry, rule->numerator);
      const char *vb = lookup_value (entry, rule->denominator);
      Number a, b;
      g_autofree char *ta = NULL;
      g_autofree char *tb = NULL;
      __int128 scaled_a, scaled_b;

      if (va == NULL || vb == NULL)
        {
          set_state (out, va == NULL && vb == NULL ? PAR_SCORE_NOT_STARTED : PAR_SCORE_INCOMPLETE,
                     NULL);
          return FALSE;
        }
      if (!parse_number (in_a, va, &a) || !parse_number (in_b, vb, &b) || a.value < 0 || b.value < 0)
        {
          set_state (out, PAR_SCORE_INVALID, explain_strdup (_("the figures must be numbers of 0 or more")));
          return FALSE;
        }
      /* Bring both to the same scale before comparing. */
      scaled_a = (__int128) a.value * (a.scale == 1 ? 100 : 1);
      scaled_b = (__int128) b.value * (b.scale == 1 ? 100 : 1);
      ta = fmt_number (&a);
      tb = fmt_number (&b);
      if (scaled_a > scaled_b)
        {
          set_state (out, PAR_SCORE_INVALID,
                     explain_printf (_("%s (%s) cannot be more than %s (%s)"), in_a->label, ta,
                                      in_b->label, tb));
          return FALSE;
        }
      if (scaled_b == 0)
        {
          *zero_den = TRUE;
          *text = explain_printf ("%s/%s", ta, tb);
          return TRUE;
        }
      *num = scaled_a * 10000;
      *den = scaled_b;
      {
        g_autofree char *pct = fmt_ratio_percent (rule, scaled_a, scaled_b);
        *text = explain_printf ("%s/%s = %s", ta, tb, pct);
      }
      return TRUE;
    }
}

static void
evaluate_zero_denominator (const ParNode *leaf,
                           const char    *text,
                           ParLeafScore  *out)
{
  g_autofree char *max = fmt_points (leaf->max);

  switch (leaf->rule->zero_denominator)
    {
    case PAR_ZERO_DEN_MAX:
      set_scored (out, leaf->max,
                  explain_printf (_("%s: nothing to count → %s"), text, max));
      break;
    case PAR_ZERO_DEN_NOT_APPLICABLE:
      set_state (out, PAR_SCORE_NOT_APPLICABLE,
                 explain_printf (_("%s: nothing to count → not applicable"), text));
      out->applicable_max = 0;
      break;
    case PAR_ZERO_DEN_ZERO:
    default:
      {
        g_autofree char *zero = fmt_points (0);
        set_scored (out, 0, explain_printf (_("%s: nothing to count → %s"), text, zero));
      }
      break;
    }
}

static void
evaluate_rule (const ParNode  *leaf,
               const ParEntry *entry,
               ParLeafScore   *out)
{
  const ParRule *rule = leaf->rule;

  switch (rule->type)
    {
    case PAR_RULE_SURVEY:
      set_state (out, PAR_SCORE_SURVEY, explain_strdup (_("scored by the sociological survey")));
      return;

    case PAR_RULE_MANUAL:
      {
        g_autofree char *p = NULL;
        g_autofree char *m = NULL;
        g_autofree char *s = NULL;

        if (entry == NULL || !entry->has_self)
          {
            set_state (out, PAR_SCORE_NOT_STARTED, NULL);
            return;
          }
        p = fmt_points (entry->self);
        m = fmt_points (leaf->max);
        s = fmt_points (rule->step);
        if (entry->self < 0 || entry->self > leaf->max)
          set_state (out, PAR_SCORE_INVALID,
                     explain_printf (_("%s is outside 0 … %s"), p, m));
        else if (entry->self % rule->step != 0)
          set_state (out, PAR_SCORE_INVALID,
                     explain_printf (_("%s is not a multiple of the step %s"), p, s));
        else
          set_scored (out, entry->self,
                      explain_printf (_("entered %s (0 … %s, step %s)"), p, m, s));
        return;
      }

    case PAR_RULE_YES_NO:
      {
        const char *v = lookup_value (entry, rule->input);
        gboolean yes;
        g_autofree char *p = NULL;

        if (v == NULL)
          {
            set_state (out, PAR_SCORE_NOT_STARTED, NULL);
            return;
          }
        /* Values are canonical ("true"/"false"); anything else is refused, never read as "no". */
        if (!g_str_equal (v, "true") && !g_str_equal (v, "false"))
          {
            const ParInput *input = par_node_find_input (leaf, rule->input);
            set_state (out, PAR_SCORE_INVALID,
                       explain_printf (_("%s must be yes or no, not “%s”"), input->label, v));
            return;
          }
        yes = g_str_equal (v, "true");
        p = fmt_points (yes ? rule->yes : rule->no);
        set_scored (out, yes ? rule->yes : rule->no,
                    explain_printf ("%s → %s", yes ? _("yes") : _("no"), p));
        return;
      }

    case PAR_RULE_TIMELINESS:
      {
        const char *what;
        ParPoints points;
        g_autofree char *p = NULL;
        g_autofree char *prefix = NULL;

        if (rule->status != NULL)
          {
            const char *v = lookup_value (entry, rule->status);
            if (v == NULL)
              {
                set_state (out, PAR_SCORE_NOT_STARTED, NULL);
                return;
              }
            if (g_str_equal (v, "on-time"))
              what = _("on time"), points = rule->on_time;
            else if (g_str_equal (v, "late"))
              what = _("late"), points = rule->late;
            else if (g_str_equal (v, "not-done"))
              what = _("not done"), points = rule->not_done;
            else
              {
                set_state (out, PAR_SCORE_INVALID,
                           explain_printf (_("“%s” is not one of the choices"), v));
                return;
              }
            prefix = g_strdup (what);
          }
        else
          {
            const char *done = lookup_value (entry, rule->date);
            const char *deadline = lookup_value (entry, rule->deadline);
            if (deadline == NULL)
              {
                set_state (out, done == NULL ? PAR_SCORE_NOT_STARTED : PAR_SCORE_INCOMPLETE, NULL);
                return;
              }
            /* Only ISO dates compare as strings; "14/01/2020" would sort before "2020-01-13". */
            if (!is_iso_date (deadline) || (done != NULL && !is_iso_date (done)))
              {
                gboolean bad_done = done != NULL && !is_iso_date (done);
                const ParInput *input = par_node_find_input (leaf, bad_done ? rule->date : rule->deadline);
                set_state (out, PAR_SCORE_INVALID,
                           explain_printf (_("%s must be a date, not “%s”"), input->label,
                                           bad_done ? done : deadline));
                return;
              }
            if (done == NULL)
              {
                points = rule->not_done;
                prefix = explain_strdup (_("not done"));
              }
            else
              {
                /* ISO dates compare as strings. */
                gboolean on_time = strcmp (done, deadline) <= 0;
                g_autofree char *t1 = explaining ? par_format_date_dmy (done) : NULL;
                g_autofree char *t2 = explaining ? par_format_date_dmy (deadline) : NULL;
                points = on_time ? rule->on_time : rule->late;
                prefix = explain_printf (on_time ? _("%s ≤ deadline %s: on time")
                                                  : _("%s > deadline %s: late"), t1, t2);
              }
          }
        p = fmt_points (points);
        set_scored (out, points, explain_printf ("%s → %s", prefix, p));
        return;
      }

    case PAR_RULE_RATIO_TIERS:
    case PAR_RULE_PROPORTIONAL:
      {
        __int128 num = 0, den = 1;
        g_autofree char *text = NULL;
        gboolean zero_den;

        if (!read_ratio (leaf, entry, out, &num, &den, &text, &zero_den))
          return;
        if (zero_den)
          {
            evaluate_zero_denominator (leaf, text, out);
            return;
          }
        if (rule->type == PAR_RULE_RATIO_TIERS)
          {
            const ParTier *t = match_tier (rule->tiers, num, den, 1);
            set_scored (out, t != NULL ? t->points : rule->otherwise,
                        t != NULL ? describe_tier (t, text, TRUE)
                                  : describe_below (rule->tiers, text, TRUE, rule->otherwise));
          }
        else
          {
            g_autofree char *m = fmt_points (leaf->max);
            ParPoints points;
            g_autofree char *p = NULL;

            if (rule->has_floor)
              {
                GArray *one = g_array_new (FALSE, FALSE, sizeof (ParTier));
                gboolean passes;
                g_array_append_val (one, rule->floor);
                passes = match_tier (one, num, den, 1) != NULL;
                g_array_unref (one);
                if (!passes)
                  {
                    g_autofree char *f = fmt_percent (rule->floor.bound);
                    g_autofree char *zero = fmt_points (0);
                    set_scored (out, 0, explain_printf (_("%s %s %s (floor) → %s"), text,
                                                         rule->floor.inclusive ? "<" : "≤", f, zero));
                    return;
                  }
              }
            /* points = max × num / (den × 10000), rounded once. */
            {
              __int128 n = (__int128) leaf->max * num;
              __int128 d = den * 10000;
              __int128 q = n / d;
              if ((n % d) * 2 >= d)
                q++;
              points = (ParPoints) MIN (q, (__int128) leaf->max);
            }
            p = fmt_points (points);
            set_scored (out, points, explain_printf ("%s × %s → %s", text, m, p));
          }
        return;
      }

    case PAR_RULE_COUNT_TIERS:
    case PAR_RULE_PER_COUNT:
      {
        const char *v = lookup_value (entry, rule->input);
        const ParInput *input = par_node_find_input (leaf, rule->input);
        gint64 count;
        g_autofree char *text = NULL;

        if (v == NULL)
          {
            set_state (out, PAR_SCORE_NOT_STARTED, NULL);
            return;
          }
        if (!parse_canonical_int (v, 0, G_MAXINT32, &count))
          {
            set_state (out, PAR_SCORE_INVALID,
                       explain_printf (_("%s must be a whole number of 0 or more"), input->label));
            return;
          }
        text = explain_printf ("%" G_GINT64_FORMAT, count);
        if (rule->type == PAR_RULE_COUNT_TIERS)
          {
            const ParTier *t = match_tier (rule->tiers, count, 1, 1);
            set_scored (out, t != NULL ? t->points : rule->otherwise,
                        t != NULL ? describe_tier (t, text, FALSE)
                                  : describe_below (rule->tiers, text, FALSE, rule->otherwise));
          }
        else
          {
            ParPoints raw = count * rule->per_count;
            ParPoints points = MIN (raw, leaf->max);
            g_autofree char *each = fmt_points (rule->per_count);
            g_autofree char *r = fmt_points (raw);
            g_autofree char *p = fmt_points (points);
            set_scored (out, points,
                        raw > leaf->max
                        ? explain_printf (_("%s × %s = %s, capped → %s"), text, each, r, p)
                        : explain_printf ("%s × %s → %s", text, each, p));
          }
        return;
      }

    case PAR_RULE_CHOICE:
      {
        const char *v = lookup_value (entry, rule->input);
        const ParInput *input = par_node_find_input (leaf, rule->input);
        const char *label = v;
        g_autofree char *p = NULL;

        if (v == NULL)
          {
            set_state (out, PAR_SCORE_NOT_STARTED, NULL);
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
                p = fmt_points (g->points);
                set_scored (out, g->points, explain_printf ("%s → %s", label, p));
                return;
              }
          }
        set_state (out, PAR_SCORE_INVALID,
                   explain_printf (_("“%s” is not one of the choices"), v));
        return;
      }

    default:
      g_assert_not_reached ();
    }
}

void
par_rule_evaluate_full (const ParNode  *leaf,
                        const ParEntry *entry,
                        gboolean        explain,
                        ParLeafScore   *out)
{
  gboolean saved = explaining;

  explaining = explain;
  par_rule_evaluate (leaf, entry, out);
  explaining = saved;
}

void
par_rule_evaluate (const ParNode  *leaf,
                   const ParEntry *entry,
                   ParLeafScore   *out)
{
  g_return_if_fail (leaf != NULL && leaf->rule != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->node = leaf;
  out->max = leaf->max;
  out->applicable_max = leaf->max;

  if (entry != NULL && entry->not_applicable)
    {
      if (!leaf->na_allowed)
        set_state (out, PAR_SCORE_INVALID,
                   explain_strdup (_("this sub-criterion may not be marked not applicable")));
      else
        {
          set_state (out, PAR_SCORE_NOT_APPLICABLE, explain_strdup (_("not applicable")));
          out->applicable_max = 0;
        }
    }
  else
    evaluate_rule (leaf, entry, out);

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

void
par_leaf_score_clear (ParLeafScore *score)
{
  g_clear_pointer (&score->explanation, g_free);
}
