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

static void
labels_on_one_line (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) &&
          (gtk_widget_has_css_class (child, "title") || gtk_widget_has_css_class (child, "subtitle")))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
      else
        labels_on_one_line (child);
    }
}

/* libadwaita 1.2's rows always wrap their title and subtitle. A wrapping label is laid out
 * again for each width its row's box tries, a binary search of Pango layouts per label and per
 * layout pass: the overview's field rows were 100 M instructions (8 %) of the app's start to
 * its first frame. A label that does not wrap is laid out once. libadwaita 1.2 has no API for
 * the labels' wrapping; they are found by their style class ("title", "subtitle"), and a
 * libadwaita that names them otherwise leaves the row as it was. */
void
par_action_row_set_one_line (GtkWidget *row)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  labels_on_one_line (row);
  gtk_widget_set_tooltip_text (row, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}
