/* par-registers.c — a register's rows: the container, the one check of a row, reading what a
 * person typed into a cell, and a cell as an expression value.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figures.h"
#include "par-format.h"
#include "par-input.h"
#include "par-registers.h"

struct _ParRegisterRows {
  gatomicrefcount  ref_count;
  char            *id;
  guint            n_columns;
  GPtrArray       *rows;   /* char ** of n_columns, NULL where empty */
  GArray          *meta;   /* RowMeta, one per row */
};

/* What the store knows of a row besides its cells: which stored row it is, the document it links. */
typedef struct {
  gint64 row_id;       /* 0: not stored yet */
  gint64 document_id;  /* PAR_REGISTER_DOCUMENT_UNSET, 0 (none) or a document's id */
} RowMeta;

ParRegisterRows *
par_register_rows_new (const char *register_id,
                       guint       n_columns)
{
  ParRegisterRows *rows = g_new0 (ParRegisterRows, 1);

  g_atomic_ref_count_init (&rows->ref_count);
  rows->id = g_strdup (register_id);
  rows->n_columns = n_columns;
  rows->rows = g_ptr_array_new ();
  rows->meta = g_array_new (FALSE, FALSE, sizeof (RowMeta));
  return rows;
}

ParRegisterRows *
par_register_rows_ref (ParRegisterRows *rows)
{
  g_atomic_ref_count_inc (&rows->ref_count);
  return rows;
}

void
par_register_rows_unref (ParRegisterRows *rows)
{
  if (rows == NULL || !g_atomic_ref_count_dec (&rows->ref_count))
    return;
  for (guint r = 0; r < rows->rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows->rows, r);
      for (guint c = 0; c < rows->n_columns; c++)
        g_free (cells[c]);
      g_free (cells);
    }
  g_ptr_array_unref (rows->rows);
  g_array_unref (rows->meta);
  g_free (rows->id);
  g_free (rows);
}

const char *
par_register_rows_get_id (const ParRegisterRows *rows)
{
  return rows->id;
}

guint
par_register_rows_n_columns (const ParRegisterRows *rows)
{
  return rows->n_columns;
}

guint
par_register_rows_count (const ParRegisterRows *rows)
{
  return rows != NULL ? rows->rows->len : 0;
}

void
par_register_rows_append (ParRegisterRows    *rows,
                          const char * const *cells)
{
  char **copy;

  g_return_if_fail (rows != NULL && cells != NULL);
  copy = g_new0 (char *, rows->n_columns + 1);
  for (guint c = 0; c < rows->n_columns; c++)
    copy[c] = cells[c] != NULL && cells[c][0] != '\0' ? g_strdup (cells[c]) : NULL;
  g_ptr_array_add (rows->rows, copy);
  g_array_append_val (rows->meta, ((RowMeta) { 0, PAR_REGISTER_DOCUMENT_UNSET }));
}

void
par_register_rows_append_from (ParRegisterRows       *rows,
                               const ParRegisterRows *from,
                               guint                  row)
{
  g_return_if_fail (rows != NULL && from != NULL && row < from->rows->len);
  g_return_if_fail (rows->n_columns == from->n_columns);

  par_register_rows_append (rows, par_register_rows_get_row (from, row));
  g_array_index (rows->meta, RowMeta, rows->meta->len - 1) = g_array_index (from->meta, RowMeta, row);
}

gint64
par_register_rows_get_document (const ParRegisterRows *rows,
                                guint                  row)
{
  g_return_val_if_fail (rows != NULL && row < rows->rows->len, PAR_REGISTER_DOCUMENT_UNSET);
  return g_array_index (rows->meta, RowMeta, row).document_id;
}

void
par_register_rows_set_document (ParRegisterRows *rows,
                                guint            row,
                                gint64           document_id)
{
  g_return_if_fail (rows != NULL && row < rows->rows->len);
  g_return_if_fail (document_id >= PAR_REGISTER_DOCUMENT_UNSET);
  g_array_index (rows->meta, RowMeta, row).document_id = document_id;
}

gint64
par_register_rows_get_row_id (const ParRegisterRows *rows,
                              guint                  row)
{
  g_return_val_if_fail (rows != NULL && row < rows->rows->len, 0);
  return g_array_index (rows->meta, RowMeta, row).row_id;
}

void
par_register_rows_set_row_id (ParRegisterRows *rows,
                              guint            row,
                              gint64           row_id)
{
  g_return_if_fail (rows != NULL && row < rows->rows->len && row_id >= 0);
  g_array_index (rows->meta, RowMeta, row).row_id = row_id;
}

const char *
par_register_rows_get (const ParRegisterRows *rows,
                       guint                  row,
                       guint                  column)
{
  g_return_val_if_fail (rows != NULL && row < rows->rows->len && column < rows->n_columns, NULL);
  return ((char **) g_ptr_array_index (rows->rows, row))[column];
}

const char * const *
par_register_rows_get_row (const ParRegisterRows *rows,
                           guint                  row)
{
  g_return_val_if_fail (rows != NULL && row < rows->rows->len, NULL);
  return g_ptr_array_index (rows->rows, row);
}

/* --- one cell -------------------------------------------------------------------------------- */

static const char *
expected_text (const ParRegisterColumn *column)
{
  switch (column->type)
    {
    case PAR_COLUMN_TEXT:
      return _("one line of text of at most 2,000 characters");
    case PAR_COLUMN_INTEGER:
      return _("a whole number from 0 to 999,999,999,999");
    case PAR_COLUMN_DECIMAL:
      return _("a number from 0 with at most two decimals");
    case PAR_COLUMN_DATE:
      return _("a date");
    case PAR_COLUMN_YES_NO:
      return _("yes or no");
    case PAR_COLUMN_CHOICE:
      return _("one of the choices");
    default:
      return "?";
    }
}

static gboolean
text_ok (const char *value)
{
  if (!g_utf8_validate (value, -1, NULL) || g_utf8_strlen (value, -1) > PAR_REGISTER_MAX_TEXT)
    return FALSE;
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      /* Controls (line breaks included) and bidi overrides would garble a table or a CSV. */
      if (g_unichar_iscntrl (c) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
        return FALSE;
    }
  return TRUE;
}

gboolean
par_register_check_cell (const ParRegisterColumn *column,
                         const char              *value,
                         GError                 **error)
{
  g_return_val_if_fail (column != NULL, FALSE);

  if (value == NULL || value[0] == '\0')
    {
      if (!column->required)
        return TRUE;
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   /* TRANSLATORS: "column “Thời hạn” (deadline) must not be empty" */
                   _("column “%s” (%s) must not be empty"), column->label, column->id);
      return FALSE;
    }
  if (column->type == PAR_COLUMN_TEXT ? text_ok (value)
                                      : par_input_read (column->as_input, value, NULL))
    return TRUE;
  {
    g_autofree char *shown = g_utf8_make_valid (value, MIN (strlen (value), 80));
    g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                 /* TRANSLATORS: "column “Ngày hoàn thành” (done): “31/02/2023” is not a date" */
                 _("column “%s” (%s): “%s” is not %s"), column->label, column->id, shown,
                 expected_text (column));
  }
  return FALSE;
}

gboolean
par_register_check_row (const ParRegister  *reg,
                        const char * const *cells,
                        guint              *bad_column,
                        GError            **error)
{
  g_return_val_if_fail (reg != NULL && cells != NULL, FALSE);

  for (guint c = 0; c < reg->columns->len; c++)
    if (!par_register_check_cell (g_ptr_array_index (reg->columns, c), cells[c], error))
      {
        if (bad_column != NULL)
          *bad_column = c;
        return FALSE;
      }
  return TRUE;
}

char *
par_register_normalize_cell (const ParRegisterColumn *column,
                             const char              *text,
                             GError                 **error)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  if (column->type == PAR_COLUMN_TEXT)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      if (trimmed[0] != '\0' && !text_ok (trimmed))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("column “%s” (%s): the text is not %s"),
                       column->label, column->id, expected_text (column));
          return NULL;
        }
      return g_steal_pointer (&trimmed);
    }
  return par_input_normalize (column->as_input, text, error);
}

char *
par_register_cell_display (const ParRegisterColumn *column,
                           const char              *canonical,
                           char                     decimal_sep)
{
  return par_register_cell_display_words (column, canonical, decimal_sep, _("Yes"), _("No"));
}

char *
par_register_cell_display_words (const ParRegisterColumn *column,
                                 const char              *canonical,
                                 char                     decimal_sep,
                                 const char              *yes,
                                 const char              *no)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (decimal_sep == '.' || decimal_sep == ',', NULL);
  g_return_val_if_fail (yes != NULL && no != NULL, NULL);

  if (canonical == NULL || canonical[0] == '\0')
    return g_strdup ("");
  switch (column->type)
    {
    case PAR_COLUMN_INTEGER:
    case PAR_COLUMN_DECIMAL:
      /* Kept as stored when not canonical: a broken value is shown as it is, never made up. */
      return par_format_decimal_text (canonical, decimal_sep, PAR_FORMAT_GROUP);
    case PAR_COLUMN_DATE:
      return par_format_date_dmy (canonical);
    case PAR_COLUMN_YES_NO:
      if (g_str_equal (canonical, "true"))
        return g_strdup (yes);
      if (g_str_equal (canonical, "false"))
        return g_strdup (no);
      return g_strdup (canonical);
    case PAR_COLUMN_CHOICE:
      for (guint i = 0; column->as_input != NULL && i < column->as_input->options->len; i++)
        {
          const ParOption *option = g_ptr_array_index (column->as_input->options, i);
          if (g_str_equal (option->value, canonical))
            return g_strdup (option->label);
        }
      return g_strdup (canonical);
    case PAR_COLUMN_TEXT:
    default:
      return g_strdup (canonical);
    }
}

ParExprValue
par_register_cell_value (const ParRegisterColumn *column,
                         const char              *canonical)
{
  g_return_val_if_fail (column != NULL, par_expr_value_missing ());

  if (canonical == NULL || canonical[0] == '\0')
    return par_expr_value_missing ();
  switch (column->type)
    {
    case PAR_COLUMN_TEXT:
      return par_expr_value_boolean (TRUE);   /* any value: only tested for null */
    case PAR_COLUMN_INTEGER:
      return par_figure_value_parse (PAR_FIGURE_INTEGER, canonical);
    case PAR_COLUMN_DECIMAL:
      return par_figure_value_parse (PAR_FIGURE_DECIMAL, canonical);
    case PAR_COLUMN_DATE:
      return par_figure_value_parse (PAR_FIGURE_DATE, canonical);
    case PAR_COLUMN_YES_NO:
      return par_figure_value_parse (PAR_FIGURE_YES_NO, canonical);
    case PAR_COLUMN_CHOICE:
      for (guint i = 0; i < column->as_input->options->len; i++)
        if (g_str_equal (((ParOption *) g_ptr_array_index (column->as_input->options, i))->value,
                         canonical))
          return g_array_index (column->option_values, ParExprValue, i);
      return par_expr_value_missing ();
    default:
      return par_expr_value_missing ();
    }
}

typedef struct {
  const ParRegister  *reg;
  const char * const *cells;
} OneRow;

static ParExprValue
one_row_lookup (guint    slot,
                gpointer data)
{
  OneRow *row = data;
  guint c = slot - PAR_REGISTER_COLUMN_SLOT_BASE;

  if (slot < PAR_REGISTER_COLUMN_SLOT_BASE || c >= row->reg->columns->len)
    return par_expr_value_missing ();
  return par_register_cell_value (g_ptr_array_index (row->reg->columns, c), row->cells[c]);
}

gboolean
par_register_row_carries (const ParRegister  *reg,
                          const char * const *cells)
{
  OneRow row = { reg, cells };
  ParExprValue v;

  g_return_val_if_fail (reg != NULL && cells != NULL, FALSE);
  if (reg->carry == NULL)
    return FALSE;
  v = par_expr_evaluate (reg->carry, one_row_lookup, &row);
  return v.kind == PAR_EXPR_BOOLEAN && v.num != 0;
}
