/* par-csv-registers.c — a register's rows as CSV (issue 13), and the one reading of a table of
 * rows that the CSV and XLSX importers share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-csv-private.h"
#include "par-csv-registers.h"
#include "par-register-import-private.h"
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
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const ParRegister *reg;
  gboolean linked;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  if ((assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (rows = par_store_get_register_rows (store, assessment_id, register_id, error)) == NULL ||
      (numbers = par_register_document_numbers (store, rows, error)) == NULL)
    return NULL;
  reg = par_framework_lookup_register (framework, register_id);
  linked = par_register_document_numbers_any (numbers);
  for (guint c = 0; c < reg->columns->len; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      par_csv_append_text_cell (out, ((ParRegisterColumn *) reg->columns->pdata[c])->id);
    }
  if (linked)
    {
      g_string_append_c (out, ',');
      par_csv_append_text_cell (out, PAR_REGISTER_DOCUMENT_HEADER);
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
      if (linked)
        {
          g_string_append_c (out, ',');
          par_csv_append_text_cell (out, numbers->pdata[r]);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
par_register_fold_header (const char *text)
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
  g_autofree char *wanted = par_register_fold_header (header);

  for (guint c = 0; c < reg->columns->len; c++)
    {
      const ParRegisterColumn *column = reg->columns->pdata[c];
      g_autofree char *id = par_register_fold_header (column->id);
      g_autofree char *label = par_register_fold_header (column->label);
      g_autofree char *label_en = column->label_en != NULL ? par_register_fold_header (column->label_en) : NULL;

      if (g_str_equal (wanted, id) || g_str_equal (wanted, label) ||
          (label_en != NULL && g_str_equal (wanted, label_en)))
        return column;
    }
  return NULL;
}

ParRegisterRows *
par_csv_register_read (const ParRegister *reg,
                       const char        *csv,
                       gsize              len,
                       const char        *display_name,
                       GError           **error)
{
  g_autoptr(ParRegisterTable) table = NULL;

  g_return_val_if_fail (reg != NULL && (csv != NULL || len == 0), NULL);

  if ((table = par_register_table_read_csv (reg, csv, len, display_name, error)) == NULL)
    return NULL;
  return par_register_rows_from_marked_table (reg, table, NULL, error);
}
