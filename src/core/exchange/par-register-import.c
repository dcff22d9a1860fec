/* par-register-import.c — a file's rows into a register: the table, the column mapping, the
 * preview of every row with the core's verdict, and the one write (issue 13).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv-private.h"
#include "par-csv-registers.h"
#include "par-error.h"
#include "par-register-import-private.h"

/* How often the preview reports its progress and looks at the cancellable. */
#define PROGRESS_EVERY 500

void
par_register_table_free (ParRegisterTable *table)
{
  if (table == NULL)
    return;
  g_free (table->display_name);
  g_clear_pointer (&table->header, g_ptr_array_unref);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_clear_pointer (&table->lines, g_array_unref);
  g_free (table);
}

gboolean
par_register_file_is_xlsx (const char *path)
{
  g_autofree char *down = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  down = g_ascii_strdown (path, -1);
  return g_str_has_suffix (down, ".xlsx");
}

/* A header is read with the separator that makes most of its cells name the register's
 * columns; with no register, or when none does, the one that makes most cells. */
static guint
header_score (GPtrArray *header,
              gpointer   data)
{
  const ParRegister *reg = data;
  guint named = 0;

  for (guint i = 0; reg != NULL && i < header->len; i++)
    named += par_register_column_for_header (reg, header->pdata[i]) != NULL;
  return named * 1000 + MIN (header->len, 999);
}

static ParRegisterTable *
table_read_csv (const ParRegister  *reg,
                const char         *csv,
                gsize               len,
                const char         *display_name,
                GCancellable       *cancellable,
                GError            **error)
{
  const char *name = display_name != NULL ? display_name : "register.csv";
  g_autoptr(GPtrArray) records = NULL;
  ParRegisterTable *table;
  char separator;

  g_return_val_if_fail (csv != NULL || len == 0, NULL);

  records = par_csv_read_rows_scored (csv, len, header_score, (gpointer) reg, name, &separator,
                                      cancellable, error);
  if (records == NULL)
    return NULL;
  table = g_new0 (ParRegisterTable, 1);
  table->display_name = g_strdup (name);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->lines = g_array_sized_new (FALSE, FALSE, sizeof (int), records->len);
  for (guint i = 0; i < records->len; i++)
    {
      ParCsvRow *record = records->pdata[i];
      GPtrArray *cells = g_ptr_array_new_full (record->cells->len, g_free);

      g_array_append_val (table->lines, record->line);
      for (guint c = 0; c < record->cells->len; c++)
        g_ptr_array_add (cells, par_csv_unneutralise (record->cells->pdata[c]));
      if (i == 0)
        table->header = cells;
      else
        g_ptr_array_add (table->rows, cells);
    }
  return table;
}

ParRegisterTable *
par_register_table_read_csv (const ParRegister  *reg,
                             const char         *csv,
                             gsize               len,
                             const char         *display_name,
                             GError            **error)
{
  return table_read_csv (reg, csv, len, display_name, NULL, error);
}

ParRegisterTable *
par_register_table_read (const ParRegister  *reg,
                         const char         *path,
                         const char         *display_name,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autofree char *shown = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (display_name == NULL)
    display_name = shown = g_filename_display_name (path);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (par_register_file_is_xlsx (path))
    return par_xlsx_read_table (path, display_name, cancellable, error);
  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  return table_read_csv (reg, contents, len, display_name, cancellable, error);
}

/* --- the mapping ------------------------------------------------------------------------------ */

struct _ParRegisterMapping {
  guint  n_columns;
  int   *target;     /* file column → register column, -1 ignored */
  int    document;   /* the file column naming each row's evidence document, -1 none */
};

gboolean
par_register_header_is_document (const ParRegister *reg,
                                 const char        *header)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (reg != NULL, FALSE);

  if (header == NULL || header[0] == '\0' || par_register_column_for_header (reg, header) != NULL)
    return FALSE;
  folded = par_register_fold_header (header);
  return g_str_equal (folded, "document") || g_str_equal (folded, "van ban") ||
         g_str_equal (folded, "van ban kiem chung") || g_str_equal (folded, "evidence document");
}

ParRegisterMapping *
par_register_mapping_copy (const ParRegisterMapping *mapping)
{
  ParRegisterMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_new0 (ParRegisterMapping, 1);
  copy->n_columns = mapping->n_columns;
  copy->target = g_memdup2 (mapping->target, sizeof (int) * MAX (mapping->n_columns, 1));
  copy->document = mapping->document;
  return copy;
}

void
par_register_mapping_free (ParRegisterMapping *mapping)
{
  if (mapping == NULL)
    return;
  g_free (mapping->target);
  g_free (mapping);
}

ParRegisterMapping *
par_register_mapping_guess (const ParRegister      *reg,
                            const ParRegisterTable *table)
{
  ParRegisterMapping *mapping;

  g_return_val_if_fail (reg != NULL && table != NULL, NULL);

  mapping = g_new0 (ParRegisterMapping, 1);
  mapping->n_columns = table->header->len;
  mapping->target = g_new (int, MAX (mapping->n_columns, 1));
  mapping->document = -1;
  for (guint i = 0; i < mapping->n_columns; i++)
    mapping->target[i] = -1;
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      const char *header = table->header->pdata[i];
      const ParRegisterColumn *column = header != NULL && header[0] != '\0'
                                        ? par_register_column_for_header (reg, header) : NULL;

      mapping->target[i] = column != NULL && par_register_mapping_source (mapping, column->index) < 0
                           ? (int) column->index : -1;
      if (column == NULL && mapping->document < 0 && par_register_header_is_document (reg, header))
        mapping->document = (int) i;
    }
  return mapping;
}

guint
par_register_mapping_get_n_columns (const ParRegisterMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, 0);
  return mapping->n_columns;
}

int
par_register_mapping_get (const ParRegisterMapping *mapping,
                          guint                     file_column)
{
  g_return_val_if_fail (mapping != NULL, -1);
  return file_column < mapping->n_columns ? mapping->target[file_column] : -1;
}

void
par_register_mapping_set (ParRegisterMapping *mapping,
                          guint               file_column,
                          int                 register_column)
{
  g_return_if_fail (mapping != NULL && file_column < mapping->n_columns);
  mapping->target[file_column] = register_column < 0 ? -1 : register_column;
  if (register_column >= 0 && mapping->document == (int) file_column)
    mapping->document = -1;
}

int
par_register_mapping_get_document (const ParRegisterMapping *mapping)
{
  g_return_val_if_fail (mapping != NULL, -1);
  return mapping->document;
}

void
par_register_mapping_set_document (ParRegisterMapping *mapping,
                                   int                 file_column)
{
  g_return_if_fail (mapping != NULL && file_column < (int) mapping->n_columns);
  mapping->document = file_column < 0 ? -1 : file_column;
  if (file_column >= 0)
    mapping->target[file_column] = -1;
}

int
par_register_mapping_source (const ParRegisterMapping *mapping,
                             guint                     register_column)
{
  g_return_val_if_fail (mapping != NULL, -1);

  for (guint i = 0; i < mapping->n_columns; i++)
    if (mapping->target[i] == (int) register_column)
      return (int) i;
  return -1;
}

GVariant *
par_register_mapping_serialize (const ParRegisterMapping *mapping,
                                const ParRegister        *reg,
                                const ParRegisterTable   *table)
{
  GVariantBuilder builder;

  g_return_val_if_fail (mapping != NULL && reg != NULL && table != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; i < mapping->n_columns && i < table->header->len; i++)
    {
      g_autofree char *key = par_register_fold_header (table->header->pdata[i]);
      int target = mapping->target[i];

      if (key[0] == '\0')
        continue;
      g_variant_builder_add (&builder, "{ss}", key,
                             target >= 0 ? ((ParRegisterColumn *) reg->columns->pdata[target])->id
                             : mapping->document == (int) i ? PAR_REGISTER_MAPPING_DOCUMENT_KEY : "");
    }
  return g_variant_builder_end (&builder);
}

guint
par_register_mapping_apply (ParRegisterMapping     *mapping,
                            const ParRegister      *reg,
                            const ParRegisterTable *table,
                            GVariant               *remembered)
{
  guint decided = 0;

  g_return_val_if_fail (mapping != NULL && reg != NULL && table != NULL, 0);

  if (remembered == NULL || !g_variant_is_of_type (remembered, G_VARIANT_TYPE ("a{ss}")))
    return 0;
  for (guint i = 0; i < mapping->n_columns && i < table->header->len; i++)
    {
      g_autofree char *key = par_register_fold_header (table->header->pdata[i]);
      const char *id = NULL;

      if (key[0] == '\0' || !g_variant_lookup (remembered, key, "&s", &id))
        continue;
      if (id[0] == '\0')
        {
          mapping->target[i] = -1;
          if (mapping->document == (int) i)
            mapping->document = -1;
        }
      else if (g_str_equal (id, PAR_REGISTER_MAPPING_DOCUMENT_KEY))
        par_register_mapping_set_document (mapping, (int) i);
      else
        {
          const ParRegisterColumn *column = par_register_lookup_column (reg, id);
          if (column == NULL)
            continue;
          mapping->target[i] = (int) column->index;
          if (mapping->document == (int) i)
            mapping->document = -1;
        }
      decided++;
    }
  return decided;
}

/* --- the preview ------------------------------------------------------------------------------ */

struct _ParRegisterPreview {
  char     *register_id;
  guint     n_columns;
  GArray   *rows;   /* ParRegisterPreviewRow */
  guint     n_refused;
  int       first_refused;
  gboolean  has_documents;     /* the file has a document column */
  gboolean  documents_linked;  /* par_register_preview_link_documents() ran */
};

static void
preview_row_clear (ParRegisterPreviewRow *row)
{
  g_strfreev (row->cells);
  g_free (row->problem);
  g_free (row->document);
}

void
par_register_preview_free (ParRegisterPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->register_id);
  g_array_unref (preview->rows);
  g_free (preview);
}

/* The one reading's message names the column by its label ("Ngày hoàn thành: “31/02/2020” is
 * not a date"); the preview names it once, before the message. */
static const char *
without_label (const ParRegisterColumn *column,
               const char              *message)
{
  gsize n = strlen (column->label);

  if (strncmp (message, column->label, n) == 0 && message[n] == ':' && message[n + 1] == ' ')
    return message + n + 2;
  return message;
}

static gboolean
row_is_blank (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const char *cell = row->pdata[i];
      if (cell != NULL && cell[strspn (cell, " \t")] != '\0')
        return FALSE;
    }
  return TRUE;
}

/* Reads one row of the file into @out: its cells, and the first problem the one reading or the
 * one check finds. */
static void
preview_row (const ParRegister        *reg,
             const ParRegisterTable   *table,
             const ParRegisterMapping *mapping,
             const int                *source,
             GPtrArray                *row,
             ParRegisterPreviewRow    *out)
{
  guint n = reg->columns->len;
  g_autoptr(GError) local = NULL;
  guint bad = 0;

  out->cells = g_new0 (char *, n + 1);
  out->bad_column = -1;
  for (guint c = 0; c < n; c++)
    {
      const ParRegisterColumn *column = reg->columns->pdata[c];
      const char *raw = source[c] >= 0 && (guint) source[c] < row->len ? row->pdata[source[c]] : NULL;
      g_autofree char *text = table->numbers_marked ? par_xlsx_cell_for_column (column, raw) : g_strdup (raw);
      char *cell = par_register_normalize_cell (column, text, out->problem == NULL ? &local : NULL);

      if (cell != NULL)
        {
          out->cells[c] = cell;
          continue;
        }
      out->cells[c] = g_strdup (text != NULL ? text : "");
      if (out->problem == NULL)
        {
          out->bad_column = (int) c;
          out->problem = g_strdup_printf (/* TRANSLATORS: "row 7, column “Ngày hoàn thành” (done): “31/02/2020” is not a date" */
                                          _("row %u, column “%s” (%s): %s"), out->number,
                                          column->label, column->id, without_label (column, local->message));
        }
    }
  if (out->problem == NULL && !par_register_check_row (reg, (const char * const *) out->cells, &bad, &local))
    {
      out->bad_column = (int) bad;
      out->problem = g_strdup_printf (/* TRANSLATORS: "row 3: column “Thời hạn” (deadline) must not be empty" */
                                      _("row %u: %s"), out->number, local->message);
    }
}

ParRegisterPreview *
par_register_preview_new (const ParRegister         *reg,
                          const ParRegisterTable    *table,
                          const ParRegisterMapping  *mapping,
                          ParRegisterProgress        progress,
                          gpointer                   progress_data,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(ParRegisterPreview) preview = NULL;
  g_autofree int *source = NULL;
  const char *name;
  guint number = 0;

  g_return_val_if_fail (reg != NULL && table != NULL && mapping != NULL, NULL);

  name = table->display_name;
  source = g_new (int, reg->columns->len);
  for (guint c = 0; c < reg->columns->len; c++)
    source[c] = -1;
  for (guint i = 0; i < mapping->n_columns; i++)
    {
      int target = mapping->target[i];
      const ParRegisterColumn *column;

      if (target < 0)
        continue;
      column = reg->columns->pdata[target];
      if (source[target] >= 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                       /* TRANSLATORS: "plan.xlsx: the column “Thời hạn” (deadline) is filled from two columns of the file, “Hạn” and “Hạn xử lý”" */
                       _("%s: the column “%s” (%s) is filled from two columns of the file, “%s” and “%s”; "
                         "choose one"), name, column->label, column->id,
                       (char *) table->header->pdata[source[target]], (char *) table->header->pdata[i]);
          return NULL;
        }
      source[target] = (int) i;
    }

  preview = g_new0 (ParRegisterPreview, 1);
  preview->register_id = g_strdup (reg->id);
  preview->n_columns = reg->columns->len;
  preview->first_refused = -1;
  preview->has_documents = mapping->document >= 0;
  preview->rows = g_array_sized_new (FALSE, TRUE, sizeof (ParRegisterPreviewRow), table->rows->len);
  g_array_set_clear_func (preview->rows, (GDestroyNotify) preview_row_clear);
  for (guint r = 0; r < table->rows->len; r++)
    {
      ParRegisterPreviewRow out = { 0 };

      if (r % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          if (progress != NULL)
            progress (r, table->rows->len, progress_data);
        }
      if (row_is_blank (table->rows->pdata[r]))
        continue;   /* a blank line is no row */
      out.line = g_array_index (table->lines, int, r + 1);
      out.number = ++number;
      if (number > PAR_REGISTER_MAX_ROWS)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: more than %u rows; a register holds at most that many a year"),
                       name, out.line, PAR_REGISTER_MAX_ROWS);
          return NULL;
        }
      preview_row (reg, table, mapping, source, table->rows->pdata[r], &out);
      out.document_id = PAR_REGISTER_DOCUMENT_UNSET;
      if (mapping->document >= 0)
        {
          GPtrArray *cells = table->rows->pdata[r];
          const char *raw = (guint) mapping->document < cells->len ? cells->pdata[mapping->document] : NULL;

          /* An XLSX number ("45") is marked; a document's number is its text either way. */
          if (raw != NULL && raw[0] == '\x1F')
            raw++;
          out.document = g_strstrip (g_strdup (raw != NULL ? raw : ""));
        }
      if (out.problem != NULL && preview->n_refused++ == 0)
        preview->first_refused = (int) preview->rows->len;
      g_array_append_val (preview->rows, out);
    }
  if (progress != NULL)
    progress (table->rows->len, table->rows->len, progress_data);
  return g_steal_pointer (&preview);
}

guint
par_register_preview_get_n_rows (const ParRegisterPreview *preview)
{
  g_return_val_if_fail (preview != NULL, 0);
  return preview->rows->len;
}

const ParRegisterPreviewRow *
par_register_preview_get_row (const ParRegisterPreview *preview,
                              guint                     i)
{
  g_return_val_if_fail (preview != NULL && i < preview->rows->len, NULL);
  return &g_array_index (preview->rows, ParRegisterPreviewRow, i);
}

guint
par_register_preview_get_n_refused (const ParRegisterPreview *preview)
{
  g_return_val_if_fail (preview != NULL, 0);
  return preview->n_refused;
}

const ParRegisterPreviewRow *
par_register_preview_get_first_refused (const ParRegisterPreview *preview)
{
  g_return_val_if_fail (preview != NULL, NULL);
  return preview->first_refused >= 0 ? par_register_preview_get_row (preview, preview->first_refused) : NULL;
}

ParRegisterRows *
par_register_preview_get_rows (const ParRegisterPreview *preview)
{
  ParRegisterRows *rows;

  g_return_val_if_fail (preview != NULL, NULL);

  if (preview->n_refused > 0)
    return NULL;
  rows = par_register_rows_new (preview->register_id, preview->n_columns);
  for (guint r = 0; r < preview->rows->len; r++)
    {
      const ParRegisterPreviewRow *row = &g_array_index (preview->rows, ParRegisterPreviewRow, r);

      par_register_rows_append (rows, (const char * const *) row->cells);
      if (preview->documents_linked)
        par_register_rows_set_document (rows, r, row->document_id);
    }
  return rows;
}

/* The evidence document a file names by its number/symbol ("01/KH-KCNĐN"): the one with that
 * number exactly, else the one whose number matches with case and diacritics ignored; 0 and
 * a message when none or several do. */
static gint64
find_document (GPtrArray   *documents,
               const char  *number,
               char       **problem)
{
  g_autofree char *folded = par_register_fold_header (number);
  gint64 exact = 0, loose = 0;
  guint n_exact = 0, n_loose = 0;

  for (guint i = 0; i < documents->len; i++)
    {
      const ParDocument *document = documents->pdata[i];
      g_autofree char *other = NULL;

      if (document->number == NULL)
        continue;
      if (g_str_equal (document->number, number))
        {
          exact = document->id;
          n_exact++;
          continue;
        }
      other = par_register_fold_header (document->number);
      if (g_str_equal (other, folded))
        {
          loose = document->id;
          n_loose++;
        }
    }
  if (n_exact == 1 || (n_exact == 0 && n_loose == 1))
    return n_exact == 1 ? exact : loose;
  if (n_exact + n_loose == 0)
    /* TRANSLATORS: "no evidence document numbered “45/BC-KCNĐN”: add it first, or correct the number" */
    *problem = g_strdup_printf (_("no evidence document numbered “%s”: add it first, or correct the number"),
                                number);
  else
    *problem = g_strdup_printf (_("%u evidence documents are numbered “%s”: link this row in the app"),
                                n_exact > 0 ? n_exact : n_loose, number);
  return 0;
}

guint
par_register_preview_link_documents (ParRegisterPreview *preview,
                                     GPtrArray          *documents)
{
  guint refused = 0;

  g_return_val_if_fail (preview != NULL && documents != NULL, 0);

  if (!preview->has_documents || preview->documents_linked)
    return 0;
  preview->documents_linked = TRUE;
  for (guint r = 0; r < preview->rows->len; r++)
    {
      ParRegisterPreviewRow *row = &g_array_index (preview->rows, ParRegisterPreviewRow, r);
      g_autofree char *problem = NULL;

      if (row->document == NULL || row->document[0] == '\0')
        {
          row->document_id = 0;
          continue;
        }
      row->document_id = find_document (documents, row->document, &problem);
      if (problem == NULL || row->problem != NULL)
        continue;
      /* TRANSLATORS: "row 3, column “document”: no evidence document numbered “45/BC”: …" */
      row->problem = g_strdup_printf (_("row %u, column “%s”: %s"), row->number,
                                      PAR_REGISTER_DOCUMENT_HEADER, problem);
      row->bad_column = -1;
      refused++;
      if (preview->n_refused++ == 0 || (int) r < preview->first_refused)
        preview->first_refused = (int) r;
    }
  return refused;
}

gboolean
par_register_preview_has_documents (const ParRegisterPreview *preview)
{
  g_return_val_if_fail (preview != NULL, FALSE);
  return preview->has_documents;
}

/* --- the CLI's reading and the one write ------------------------------------------------------- */

ParRegisterRows *
par_register_rows_from_marked_table (const ParRegister      *reg,
                                     const ParRegisterTable *table,
                                     GPtrArray              *documents,
                                     GError                **error)
{
  const char *name = table->display_name;
  int header_line = g_array_index (table->lines, int, 0);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  g_autofree int *seen = g_new (int, reg->columns->len);
  const ParRegisterPreviewRow *refused;

  for (guint c = 0; c < reg->columns->len; c++)
    seen[c] = 0;
  for (guint i = 0; i < table->header->len; i++)
    {
      const char *cell = table->header->pdata[i];
      const ParRegisterColumn *column;

      if (cell == NULL || cell[0] == '\0')
        continue;
      column = par_register_column_for_header (reg, cell);
      if (column == NULL && par_register_header_is_document (reg, cell))
        continue;
      if (column == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                       /* TRANSLATORS: "plan.csv:1: register plan_tasks has no column “Ghi chú”" */
                       _("%s:%d: register %s has no column “%s”"), name, header_line, reg->id, cell);
          return NULL;
        }
      if (seen[column->index]++ > 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                       _("%s:%d: the column “%s” (%s) is given twice"), name, header_line,
                       column->label, column->id);
          return NULL;
        }
    }
  mapping = par_register_mapping_guess (reg, table);
  if ((preview = par_register_preview_new (reg, table, mapping, NULL, NULL, NULL, error)) == NULL)
    return NULL;
  if (documents != NULL)
    par_register_preview_link_documents (preview, documents);
  if ((refused = par_register_preview_get_first_refused (preview)) != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, "%s:%d: %s", name, refused->line,
                   refused->problem);
      return NULL;
    }
  return par_register_preview_get_rows (preview);
}

ParRegisterRows *
par_register_read_file (const ParRegister  *reg,
                        const char         *path,
                        const char         *display_name,
                        GError            **error)
{
  g_autoptr(ParRegisterTable) table = NULL;

  g_return_val_if_fail (reg != NULL && path != NULL, NULL);

  if ((table = par_register_table_read (reg, path, display_name, NULL, error)) == NULL)
    return NULL;
  return par_register_rows_from_marked_table (reg, table, NULL, error);
}

ParRegisterRows *
par_register_read_file_linked (const ParRegister  *reg,
                               const char         *path,
                               const char         *display_name,
                               GPtrArray          *documents,
                               GError            **error)
{
  g_autoptr(ParRegisterTable) table = NULL;

  g_return_val_if_fail (reg != NULL && path != NULL && documents != NULL, NULL);

  if ((table = par_register_table_read (reg, path, display_name, NULL, error)) == NULL)
    return NULL;
  return par_register_rows_from_marked_table (reg, table, documents, error);
}

GPtrArray *
par_register_document_numbers (ParStore               *store,
                               const ParRegisterRows  *rows,
                               GError                **error)
{
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_return_val_if_fail (PAR_IS_STORE (store) && rows != NULL, NULL);

  for (guint r = 0; r < par_register_rows_count (rows); r++)
    {
      gint64 id = par_register_rows_get_document (rows, r);
      const char *number;

      if (id <= 0)
        {
          g_ptr_array_add (numbers, NULL);
          continue;
        }
      if ((number = g_hash_table_lookup (known, &id)) == NULL)
        {
          g_autoptr(ParDocument) document = par_store_get_document (store, id, error);

          if (document == NULL)
            return NULL;
          number = g_strdup (document->number);
          g_hash_table_insert (known, g_memdup2 (&id, sizeof id), (char *) number);
        }
      g_ptr_array_add (numbers, g_strdup (number));
    }
  return g_steal_pointer (&numbers);
}

gboolean
par_register_document_numbers_any (GPtrArray *numbers)
{
  for (guint i = 0; numbers != NULL && i < numbers->len; i++)
    if (numbers->pdata[i] != NULL)
      return TRUE;
  return FALSE;
}

gboolean
par_register_import_rows (ParStore               *store,
                          gint64                  assessment_id,
                          const char             *register_id,
                          ParRegisterRows        *rows,
                          ParRegisterImportMode   mode,
                          gboolean                dry_run,
                          guint                  *n_changed,
                          GError                **error)
{
  g_autoptr(ParRegisterRows) all = NULL;

  g_return_val_if_fail (PAR_IS_STORE (store) && register_id != NULL && rows != NULL, FALSE);

  if (mode == PAR_REGISTER_IMPORT_APPEND)
    {
      /* The rows there, then the file's: the store replaces the register with both in one
       * transaction. Every write of the app and the CLI goes through one connection in turn
       * (the app's writer thread), so nothing is written between the read and the write. */
      if ((all = par_store_get_register_rows (store, assessment_id, register_id, error)) == NULL)
        return FALSE;
      for (guint r = 0; r < par_register_rows_count (rows); r++)
        {
          par_register_rows_append_from (all, rows, r);
          par_register_rows_set_row_id (all, par_register_rows_count (all) - 1, 0);
        }
      rows = all;
    }
  return par_store_set_register_rows (store, assessment_id, register_id, rows, dry_run, n_changed, error);
}
