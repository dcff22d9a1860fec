/* par-csv-figures.c — a year's figure values as CSV (criteria-set format 2).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is long, one row per figure and period part, so every figure fits whatever its
 * period (a quarterly count beside a yearly date); the app's Figures page shows the same values
 * with the periods as columns.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-csv-figures.h"
#include "par-csv-private.h"
#include "par-error.h"
#include "par-figures.h"

enum { COL_FIGURE, COL_PERIOD, COL_VALUE, COL_LABEL, COL_UNIT, N_COLS };
static const char *const column_names[N_COLS] = { "figure", "period", "value", "label", "unit" };

char *
par_csv_figures_export (ParStore    *store,
                        gint64       assessment_id,
                        GError     **error)
{
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  GPtrArray *figures;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  if ((assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (values = par_store_get_figure_values (store, assessment_id, error)) == NULL)
    return NULL;

  for (guint c = 0; c < N_COLS; c++)
    g_string_append_printf (out, "%s%s", c > 0 ? "," : "", column_names[c]);
  g_string_append (out, "\r\n");

  figures = par_framework_get_figures (framework);
  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = figures->pdata[i];
      guint n = par_period_n_parts (figure->period);

      if (par_figure_is_derived (figure))
        continue;
      for (guint part = 0; part < n; part++)
        {
          const char *key = par_period_part_key (figure->period, part);
          const char *value = par_figure_values_get (values, figure->id, key);

          par_csv_append_text_cell (out, figure->id);
          g_string_append_c (out, ',');
          par_csv_append_text_cell (out, key);
          g_string_append_c (out, ',');
          par_csv_append_text_cell (out, value);
          g_string_append_c (out, ',');
          par_csv_append_text_cell (out, figure->label);
          g_string_append_c (out, ',');
          par_csv_append_text_cell (out, figure->unit);
          g_string_append (out, "\r\n");
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
row_cell (ParCsvRow *row,
          int        index)
{
  if (index < 0 || (guint) index >= row->cells->len)
    return g_strdup ("");
  return par_csv_unneutralise (g_strstrip ((char *) row->cells->pdata[index]));
}

gboolean
par_csv_figures_import (ParStore     *store,
                        gint64        assessment_id,
                        const char   *csv,
                        gsize         len,
                        const char   *display_name,
                        gboolean      dry_run,
                        GPtrArray   **changes_out,
                        GError      **error)
{
  const char *name = display_name != NULL ? display_name : "figures.csv";
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int col[N_COLS] = { -1, -1, -1, -1, -1 };
  ParCsvRow *header;
  char separator;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL || len == 0, FALSE);

  if ((rows = par_csv_read_rows (csv, len, "figure", name, &separator, error)) == NULL ||
      (assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL)
    return FALSE;

  header = rows->pdata[0];
  for (guint i = 0; i < header->cells->len; i++)
    for (guint c = 0; c < N_COLS; c++)
      if (g_ascii_strcasecmp (g_strstrip ((char *) header->cells->pdata[i]), column_names[c]) == 0 &&
          col[c] < 0)
        col[c] = (int) i;
  for (guint c = COL_PERIOD; c <= COL_VALUE; c++)
    if (col[c] < 0)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                     _("%s:1: the header row has no “%s” column (figure, period and value are "
                       "needed)"), name, column_names[c]);
        return FALSE;
      }

  for (guint i = 1; i < rows->len; i++)
    {
      ParCsvRow *row = rows->pdata[i];
      g_autofree char *id = NULL;
      g_autofree char *period = NULL;
      g_autofree char *text = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) local = NULL;
      const ParFigure *figure;

      if (row->cells->len == 1 && ((char *) row->cells->pdata[0])[0] == '\0')
        continue;   /* blank line */
      id = row_cell (row, col[COL_FIGURE]);
      period = row_cell (row, col[COL_PERIOD]);
      text = row_cell (row, col[COL_VALUE]);
      figure = par_framework_lookup_figure (framework, id);
      if (figure == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: the criteria set of this year has no figure “%s”"), name,
                       row->line, id);
          return FALSE;
        }
      if ((value = par_figure_normalize (figure, text, &local)) == NULL ||
          (value[0] != '\0' && !par_figure_check_value (figure, period, value, &local)))
        {
          /* TRANSLATORS: file:line: the core's message about the value */
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%s:%d: %s"), name, row->line,
                       local->message);
          return FALSE;
        }
      if (!g_hash_table_add (seen, g_strconcat (id, "\n", period, NULL)))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: figure %s, period %s is given twice"), name, row->line, id,
                       period);
          return FALSE;
        }
      g_ptr_array_add (changes, par_figure_change_new (id, period, value));
    }

  /* The same one check again inside the write, whatever the path. */
  if (!par_store_set_figure_values (store, assessment_id, changes, dry_run, error))
    return FALSE;
  for (guint i = changes->len; i > 0; i--)
    if (!((ParFigureChange *) changes->pdata[i - 1])->changed)
      g_ptr_array_remove_index (changes, i - 1);
  if (changes_out != NULL)
    *changes_out = g_steal_pointer (&changes);
  return TRUE;
}
