/* par-figure.c — figures, checks and conditions of a criteria set (format 2): the model's
 * accessors, periods and their keys.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-figure.h"
#include "par-framework-private.h"

void
par_figure_free (gpointer data)
{
  ParFigure *figure = data;

  if (figure == NULL)
    return;
  g_free (figure->id);
  g_free (figure->label);
  g_free (figure->label_en);
  g_free (figure->unit);
  par_expr_free (figure->expr);
  par_input_free (figure->as_input);
  g_free (figure);
}

void
par_check_free (gpointer data)
{
  ParCheck *check = data;

  if (check == NULL)
    return;
  g_free (check->id);
  par_expr_free (check->expr);
  g_free (check->message);
  g_free (check->message_en);
  g_ptr_array_unref (check->figures);
  g_free (check);
}

void
par_condition_free (gpointer data)
{
  ParCondition *condition = data;

  if (condition == NULL)
    return;
  par_expr_free (condition->test);
  g_free (condition->test_text);
  g_free (condition);
}

guint
par_framework_get_format_version (const ParFramework *self)
{
  return self->format_version;
}

GPtrArray *
par_framework_get_figures (const ParFramework *self)
{
  return self->figures;
}

const ParFigure *
par_framework_lookup_figure (const ParFramework *self,
                             const char         *id)
{
  return id != NULL ? g_hash_table_lookup (self->figures_by_id, id) : NULL;
}

GPtrArray *
par_framework_get_checks (const ParFramework *self)
{
  return self->checks;
}

gboolean
par_figure_is_derived (const ParFigure *figure)
{
  return figure->expr != NULL;
}

ParExprType
par_figure_expr_type (ParFigureType type)
{
  switch (type)
    {
    case PAR_FIGURE_DATE:
      return PAR_EXPR_TYPE_DATE;
    case PAR_FIGURE_YES_NO:
      return PAR_EXPR_TYPE_BOOLEAN;
    default:
      return PAR_EXPR_TYPE_NUMBER;
    }
}

const char *
par_figure_type_to_string (ParFigureType type)
{
  static const char *names[] = { "integer", "decimal", "percent", "date", "yes-no" };
  g_return_val_if_fail (type <= PAR_FIGURE_YES_NO, "?");
  return names[type];
}

const char *
par_period_to_string (ParPeriod period)
{
  static const char *names[] = { "year", "half", "quarter", "month" };
  g_return_val_if_fail (period <= PAR_PERIOD_MONTH, "?");
  return names[period];
}

const char *
par_rollup_to_string (ParRollup rollup)
{
  static const char *names[] = { "sum", "last", "max", "min", "average" };
  g_return_val_if_fail (rollup <= PAR_ROLLUP_AVERAGE, "?");
  return names[rollup];
}

guint
par_period_n_parts (ParPeriod period)
{
  static const guint parts[] = { 1, 2, 4, 12 };
  g_return_val_if_fail (period <= PAR_PERIOD_MONTH, 1);
  return parts[period];
}

static const char *const half_keys[] = { "h1", "h2" };
static const char *const quarter_keys[] = { "q1", "q2", "q3", "q4" };
static const char *const month_keys[] = {
  "m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12",
};

const char *
par_period_part_key (ParPeriod period,
                     guint     part)
{
  g_return_val_if_fail (part < par_period_n_parts (period), NULL);
  switch (period)
    {
    case PAR_PERIOD_YEAR:
      return "year";
    case PAR_PERIOD_HALF:
      return half_keys[part];
    case PAR_PERIOD_QUARTER:
      return quarter_keys[part];
    case PAR_PERIOD_MONTH:
      return month_keys[part];
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
par_period_parse_part (ParPeriod   period,
                       const char *key,
                       guint      *part)
{
  if (key == NULL)
    return FALSE;
  for (guint i = 0; i < par_period_n_parts (period); i++)
    if (g_str_equal (key, par_period_part_key (period, i)))
      {
        if (part != NULL)
          *part = i;
        return TRUE;
      }
  return FALSE;
}

const char *
par_period_part_label (ParPeriod period,
                       guint     part)
{
  static const char *const halves[] = {
    /* TRANSLATORS: the first half of the reporting year, a column header */
    N_("H1"),
    /* TRANSLATORS: the second half of the reporting year, a column header */
    N_("H2"),
  };
  static const char *const quarters[] = {
    /* TRANSLATORS: a quarter of the reporting year, a column header */
    N_("Q1"), N_("Q2"), N_("Q3"), N_("Q4"),
  };
  static const char *const months[] = {
    /* TRANSLATORS: a month of the reporting year, a column header */
    N_("Month 1"), N_("Month 2"), N_("Month 3"), N_("Month 4"), N_("Month 5"), N_("Month 6"),
    N_("Month 7"), N_("Month 8"), N_("Month 9"), N_("Month 10"), N_("Month 11"), N_("Month 12"),
  };

  g_return_val_if_fail (part < par_period_n_parts (period), NULL);
  switch (period)
    {
    case PAR_PERIOD_YEAR:
      /* TRANSLATORS: the whole reporting year, a column header */
      return _("Year");
    case PAR_PERIOD_HALF:
      return _(halves[part]);
    case PAR_PERIOD_QUARTER:
      return _(quarters[part]);
    case PAR_PERIOD_MONTH:
      return _(months[part]);
    default:
      g_return_val_if_reached (NULL);
    }
}
