/* par-format.c — how points, percentages and dates look on screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-format.h"

char
par_format_decimal_sep (void)
{
  return par_points_decimal_separator ();
}

char *
par_format_points (ParPoints points)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  return g_strdup (par_points_format_sep (points, par_format_decimal_sep (), buf));
}

char *
par_format_score_of (gboolean  has_score,
                     ParPoints score,
                     ParPoints max)
{
  g_autofree char *max_text = par_format_points (max);

  if (!has_score)
    /* Translators: a score not given yet, out of a maximum: "— / 2,00". */
    return g_strdup_printf (_("— / %s"), max_text);
  else
    {
      g_autofree char *score_text = par_format_points (score);
      /* Translators: a score out of a maximum: "1,50 / 2,00". */
      return g_strdup_printf (_("%s / %s"), score_text, max_text);
    }
}

char *
par_format_percent (gint64 hundredths)
{
  g_autofree char *number = NULL;

  if (hundredths < 0)
    return g_strdup ("—");
  number = par_percent_format (hundredths, par_format_decimal_sep ());
  /* Translators: a percentage, "98,69 %". */
  return g_strdup_printf (_("%s %%"), number);
}

char *
par_format_date (const char *iso)
{
  int y, m, d;
  char tail;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  if (sscanf (iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  return g_strdup (iso);
}

gboolean
par_format_parse_points (const char *text,
                         ParPoints  *out)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  g_strdelimit (copy, ",", '.');
  return par_points_parse (copy, out, NULL);
}

char *
par_format_input_value (const ParInput *input,
                        const char     *canonical)
{
  if (canonical == NULL || *canonical == '\0')
    return g_strdup ("");

  switch (input->type)
    {
    case PAR_INPUT_DATE:
      return par_format_date (canonical);
    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
      {
        char *copy = g_strdup (canonical);
        if (par_format_decimal_sep () == ',')
          g_strdelimit (copy, ".", ',');
        return copy;
      }
    case PAR_INPUT_INTEGER:
    case PAR_INPUT_CHOICE:
    case PAR_INPUT_BOOLEAN:
    default:
      return g_strdup (canonical);
    }
}

GtkWidget *
par_plain_action_row_new (void)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

GtkWidget *
par_plain_expander_row_new (void)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}
