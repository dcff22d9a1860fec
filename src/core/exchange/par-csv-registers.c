/* par-csv-registers.c — a register's rows as CSV (issue 13), and the one reading of a table of
 * rows that the CSV and XLSX importers share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-csv-private.h"
#include "par-csv-registers.h"
#include "par-error.h"
#include "par-registers.h"

char *
par_csv_register_export (ParStore    *store,
                         gint64       assessment_id,
                         const char  *register_id,
                         GError     **error)
{
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const ParRegister *reg;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  if ((assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (rows = par_store_get_register_rows (store, assessment_id, register_id, error)) == NULL)
    return NULL;
  reg = par_framework_lookup_register (framework, register_id);
  for (guint c = 0; c < reg->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      par_csv_append_text_cell (out, ((ParRegisterColumn *) reg->columns->pdata[c])->id);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < par_register_rows_count (rows); r++)
    {
      for (guint c = 0; c < reg->columns->len; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          par_csv_append_text_cell (out, par_register_rows_get (rows, r, c));
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Folded for matching a header: case and diacritics ignored, spaces trimmed. */
static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *down = g_utf8_casefold (trimmed, -1);
  g_autoptr(GString) d = g_string_new (down);

  g_string_replace (d, "đ", "d", 0);
  return g_str_to_ascii (d->str, "C");
}

const ParRegisterColumn *
par_register_column_for_header (const ParRegister *reg,
                                const char        *header)
{
  g_autofree char *wanted = fold (header);

  for (guint c = 0; c < reg->columns->len; c++)
    {
      const ParRegisterColumn *column = reg->columns->pdata[c];
      g_autofree char *id = fold (column->id);
      g_autofree char *label = fold (column->label);
      g_autofree char *label_en = column->label_en != NULL ? fold (column->label_en) : NULL;

      if (g_str_equal (wanted, id) || g_str_equal (wanted, label) ||
          (label_en != NULL && g_str_equal (wanted, label_en)))
        return column;
    }
  return NULL;
}

ParRegisterRows *
par_register_rows_from_table (const ParRegister *reg,
                              GPtrArray         *header,
                              GPtrArray         *rows,
                              const int         *lines,
                              const char        *display_name,
                              GError           **error)
{
  const char *name = display_name != NULL ? display_name : "register.csv";
  g_autofree int *source = g_new (int, reg->columns->len);   /* register column → file column */
  g_autoptr(ParRegisterRows) out = par_register_rows_new (reg->id, reg->columns->len);
  g_autofree char **cells = g_new0 (char *, reg->columns->len + 1);
  guint row_number = 0;

  for (guint c = 0; c < reg->columns->len; c++)
    source[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      const char *cell = header->pdata[i];
      const ParRegisterColumn *column;

      if (cell == NULL || cell[0] == '\0')
        continue;
      column = par_register_column_for_header (reg, cell);
      if (column == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                       /* TRANSLATORS: "plan.csv:1: register plan_tasks has no column “Ghi chú”" */
                       _("%s:%d: register %s has no column “%s”"), name, lines[0], reg->id, cell);
          return NULL;
        }
      if (source[column->index] >= 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                       _("%s:%d: the column “%s” (%s) is given twice"), name, lines[0],
                       column->label, column->id);
          return NULL;
        }
      source[column->index] = (int) i;
    }

  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *row = rows->pdata[r];
      gboolean blank = TRUE;
      g_autoptr(GError) local = NULL;
      guint bad = 0;
      int line = lines[r + 1];

      for (guint i = 0; i < row->len && blank; i++)
        blank = row->pdata[i] == NULL || ((char *) row->pdata[i])[strspn (row->pdata[i], " \t")] == '\0';
      if (blank)
        continue;   /* a blank line is no row */
      row_number++;
      if (row_number > PAR_REGISTER_MAX_ROWS)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: more than %u rows; a register holds at most that many a year"),
                       name, line, PAR_REGISTER_MAX_ROWS);
          goto fail;
        }
      for (guint c = 0; c < reg->columns->len; c++)
        {
          const ParRegisterColumn *column = reg->columns->pdata[c];
          const char *text = source[c] >= 0 && (guint) source[c] < row->len ? row->pdata[source[c]] : NULL;

          g_clear_pointer (&cells[c], g_free);
          cells[c] = par_register_normalize_cell (column, text, &local);
          if (cells[c] == NULL)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           /* TRANSLATORS: "plan.csv:4: row 3, column deadline: Thời hạn: “31/02/2020” is not a date…" */
                           _("%s:%d: row %u, column %s: %s"), name, line, row_number, column->id,
                           local->message);
              goto fail;
            }
        }
      if (!par_register_check_row (reg, (const char * const *) cells, &bad, &local))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       /* TRANSLATORS: "plan.csv:4: row 3: column “Thời hạn” (deadline) must not be empty" */
                       _("%s:%d: row %u: %s"), name, line, row_number, local->message);
          goto fail;
        }
      par_register_rows_append (out, (const char * const *) cells);
    }
  for (guint c = 0; c < reg->columns->len; c++)
    g_free (cells[c]);
  return g_steal_pointer (&out);

fail:
  for (guint c = 0; c < reg->columns->len; c++)
    g_free (cells[c]);
  return NULL;
}

ParRegisterRows *
par_csv_register_read (const ParRegister *reg,
                       const char        *csv,
                       gsize              len,
                       const char        *display_name,
                       GError           **error)
{
  const char *name = display_name != NULL ? display_name : "register.csv";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) body = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree int *lines = NULL;
  const ParRegisterColumn *first = reg->columns->pdata[0];
  char separator;

  g_return_val_if_fail (reg != NULL && (csv != NULL || len == 0), NULL);

  /* The header names the first column by its id or by its label. */
  rows = par_csv_read_rows (csv, len, first->id, name, &separator, NULL);
  if (rows == NULL)
    rows = par_csv_read_rows (csv, len, first->label, name, &separator, error);
  if (rows == NULL)
    return NULL;
  lines = g_new (int, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      ParCsvRow *row = rows->pdata[i];
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      lines[i] = row->line;
      for (guint c = 0; c < row->cells->len; c++)
        g_ptr_array_add (cells, par_csv_unneutralise (row->cells->pdata[c]));
      if (i == 0)
        header = cells;
      else
        g_ptr_array_add (body, cells);
    }
  return par_register_rows_from_table (reg, header, body, lines, name, error);
}
