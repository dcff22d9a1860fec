/* par-display.c — values as the app shows and reads them in its widgets.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-display.h"

char *
par_display_points (ParPoints points)
{
  return par_format_points_sep (points, par_points_decimal_separator ());
}

char *
par_display_score_of (gboolean  has_score,
                      ParPoints score,
                      ParPoints max)
{
  g_autofree char *max_text = par_display_points (max);

  if (!has_score)
    /* Translators: a score not given yet, out of a maximum: "— / 2,00". */
    return g_strdup_printf (_("— / %s"), max_text);
  else
    {
      g_autofree char *score_text = par_display_points (score);
      /* Translators: a score out of a maximum: "1,50 / 2,00". */
      return g_strdup_printf (_("%s / %s"), score_text, max_text);
    }
}

char *
par_display_percent (gint64 hundredths)
{
  if (hundredths < 0)
    return g_strdup ("—");
  return par_format_percent_sep (hundredths, 2, par_points_decimal_separator (), PAR_FORMAT_PERCENT);
}

gboolean
par_display_parse_points (const char *text,
                          ParPoints  *out)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    return FALSE;
  /* Either separator is understood, whatever the language: "1,5" and "1.5". */
  g_strdelimit (copy, ",", '.');
  return par_points_parse (copy, out, NULL);
}

char *
par_display_input_value (const ParInput *input,
                         const char     *canonical)
{
  if (canonical == NULL || *canonical == '\0')
    return g_strdup ("");

  switch (input->type)
    {
    case PAR_INPUT_DATE:
      return par_format_date_dmy (canonical);
    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
      return par_format_decimal_text (canonical, par_points_decimal_separator (), PAR_FORMAT_PLAIN);
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
