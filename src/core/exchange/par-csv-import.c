/* par-csv-import.c — reading a year's entries from CSV: all rows or none.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-csv-private.h"
#include "par-entry-check.h"
#include "par-error.h"

static void
change_free (ParCsvChange *change)
{
  g_free (change->code);
  g_free (change->columns);
  g_free (change);
}

void
par_csv_report_free (ParCsvReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->columns_read);
  g_ptr_array_unref (report->columns_kept);
  g_ptr_array_unref (report->columns_ignored);
  g_ptr_array_unref (report->changes);
  g_free (report);
}

static ParCsvReport *
report_new (void)
{
  ParCsvReport *report = g_new0 (ParCsvReport, 1);

  report->separator = ',';
  report->columns_read = g_ptr_array_new ();
  report->columns_kept = g_ptr_array_new ();
  report->columns_ignored = g_ptr_array_new_with_free_func (g_free);
  report->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return report;
}

/* --- bytes to rows ---------------------------------------------------------------------------- */

typedef ParCsvRow Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static gboolean
check_encoding (const char  *csv,
                gsize        len,
                const char  *name,
                GError     **error)
{
  const char *bad;

  if (len >= 2 && (((guchar) csv[0] == 0xFF && (guchar) csv[1] == 0xFE) ||
                   ((guchar) csv[0] == 0xFE && (guchar) csv[1] == 0xFF)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("%s: the file is UTF-16 text (“Unicode Text”); save it as “CSV UTF-8”"),
                   name);
      return FALSE;
    }
  if (!g_utf8_validate_len (csv, len, &bad))
    {
      int line = 1;

      for (const char *p = csv; p < bad; p++)
        line += *p == '\n';
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("%s:%d: the file is not UTF-8 text; save it as “CSV UTF-8”"), name, line);
      return FALSE;
    }
  return TRUE;
}

/* Reads one record starting at *@p into @row; moves *@p past its line end. */
static gboolean
parse_record (const char  **p,
              const char   *end,
              char          sep,
              Row          *row,
              int          *line,
              const char   *name,
              GError      **error)
{
  for (;;)
    {
      GString *cell = g_string_new (NULL);

      if (*p < end && **p == '"')
        {
          (*p)++;
          for (;;)
            {
              if (*p >= end)
                {
                  g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                               _("%s:%d: a quoted cell is never closed"), name, row->line);
                  g_string_free (cell, TRUE);
                  return FALSE;
                }
              if (**p == '"')
                {
                  if (*p + 1 < end && (*p)[1] == '"')
                    {
                      g_string_append_c (cell, '"');
                      *p += 2;
                      continue;
                    }
                  (*p)++;
                  break;
                }
              if (**p == '\n')
                (*line)++;
              g_string_append_c (cell, *(*p)++);
            }
        }
      /* Unquoted text, or what follows a closing quote up to the separator. */
      while (*p < end && **p != sep && **p != '\n' && **p != '\r')
        g_string_append_c (cell, *(*p)++);
      g_ptr_array_add (row->cells, g_string_free (cell, FALSE));
      if (*p < end && **p == sep)
        {
          (*p)++;
          continue;
        }
      if (*p < end && **p == '\r')
        (*p)++;
      if (*p < end && **p == '\n')
        (*p)++;
      (*line)++;
      return TRUE;
    }
}

static GPtrArray *
parse_rows (const char    *data,
            gsize          len,
            char           sep,
            const char    *name,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const char *p = data;
  const char *end = data + len;
  int line = 1;

  while (p < end)
    {
      Row *row;

      /* A big file read on a worker can be stopped (the app's Cancel) between records. */
      if (rows->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      row = g_new0 (Row, 1);
      row->cells = g_ptr_array_new_with_free_func (g_free);
      row->line = line;
      g_ptr_array_add (rows, row);
      if (!parse_record (&p, end, sep, row, &line, name, error))
        return NULL;
    }
  return g_steal_pointer (&rows);
}

static gboolean
header_has_cell (const char *data,
                 gsize       len,
                 char        sep,
                 const char *key)
{
  Row row = { g_ptr_array_new_with_free_func (g_free), 1 };
  const char *p = data;
  int line = 1;
  gboolean found = FALSE;

  if (parse_record (&p, data + len, sep, &row, &line, "", NULL))
    for (guint i = 0; i < row.cells->len && !found; i++)
      found = g_ascii_strcasecmp (g_strstrip ((char *) row.cells->pdata[i]), key) == 0;
  g_ptr_array_unref (row.cells);
  return found;
}

/* The separator is the one that makes a "code" cell of the header: commas as export-csv
 * writes, semicolons as spreadsheets write under a Vietnamese (or any decimal-comma)
 * locale, or tabs. */
static gboolean
find_separator (const char  *data,
                gsize        len,
                char        *sep,
                const char  *name,
                GError     **error)
{
  static const char candidates[] = { ',', ';', '\t' };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (header_has_cell (data, len, candidates[i], "code"))
      {
        *sep = candidates[i];
        return TRUE;
      }
  g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
               _("%s:1: the header row has no “code” column; the first row must name the "
                 "columns (code, inputs, comment…), separated by commas, semicolons or tabs, "
                 "as export-csv writes them"), name);
  return FALSE;
}

/* The encoding checks, the byte-order mark skipped, an empty file refused. */
static gboolean
open_text (const char  **csv,
           gsize        *len,
           const char   *name,
           GError      **error)
{
  if (!check_encoding (*csv, *len, name, error))
    return FALSE;
  if (*len >= 3 && memcmp (*csv, "\xEF\xBB\xBF", 3) == 0)
    *csv += 3, *len -= 3;
  if (*len == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("%s: the file is empty"), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_csv_read_rows:
 * @key: a header cell the file must have ("figure"): the separator is the one that makes it
 * @separator: (out): ',', ';' or '\t'
 *
 * The bytes of a CSV file as rows, for a reader of another table than the entries' (the
 * figures'): the same encoding checks, byte-order mark and separators as par_csv_import_full().
 *
 * Returns: (transfer full) (element-type ParCsvRow): the rows, the header first; %NULL with
 *   @error (naming @name and the line) when the file cannot be read.
 */
GPtrArray *
par_csv_read_rows (const char  *csv,
                   gsize        len,
                   const char  *key,
                   const char  *name,
                   char        *separator,
                   GError     **error)
{
  static const char candidates[] = { ',', ';', '\t' };

  if (!open_text (&csv, &len, name, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (header_has_cell (csv, len, candidates[i], key))
      {
        *separator = candidates[i];
        return parse_rows (csv, len, candidates[i], name, NULL, error);
      }
  g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
               /* TRANSLATORS: file name, then a column name ("figure") */
               _("%s:1: the header row has no “%s” column; the first row must name the columns, "
                 "separated by commas, semicolons or tabs"), name, key);
  return NULL;
}

GPtrArray *
par_csv_read_rows_scored (const char         *csv,
                          gsize               len,
                          ParCsvHeaderScore   score,
                          gpointer            score_data,
                          const char         *name,
                          char               *separator,
                          GCancellable       *cancellable,
                          GError            **error)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint best_score = 0;
  char best = ',';

  if (!open_text (&csv, &len, name, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      Row row = { g_ptr_array_new_with_free_func (g_free), 1 };
      const char *p = csv;
      int line = 1;

      if (parse_record (&p, csv + len, candidates[i], &row, &line, "", NULL))
        {
          guint s = score (row.cells, score_data);
          if (s > best_score)
            best_score = s, best = candidates[i];
        }
      g_ptr_array_unref (row.cells);
    }
  *separator = best;
  return parse_rows (csv, len, best, name, cancellable, error);
}

void
par_csv_row_free (ParCsvRow *row)
{
  row_free (row);
}

/* --- rows to entries -------------------------------------------------------------------------- */

typedef struct {
  ParFramework *framework;
  const char   *name;
  int           col[PAR_CSV_N_COLUMNS];   /* index of each column in the header, or -1 */
  guint         n_header;
} Reader;

static gboolean
has_column (const Reader *r,
            ParCsvColumn  column)
{
  return r->col[column] >= 0;
}

static const char *
cell (const Row    *row,
      const Reader *r,
      ParCsvColumn  column)
{
  g_assert (has_column (r, column));
  return g_ptr_array_index (row->cells, r->col[column]);
}

static gboolean
parse_points_cell (const char  *text,
                   gboolean    *has,
                   ParPoints   *value,
                   const char  *name,
                   int          line,
                   const char  *code,
                   const char  *column,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;

  *has = FALSE;
  *value = 0;
  if (text[0] == '\0')
    return TRUE;
  /* A spreadsheet may keep the sign someone typed ("+0.75"); points themselves have none. */
  if (text[0] == '+' && g_ascii_isdigit (text[1]))
    text++;
  if (!par_points_parse (text, value, &local))
    {
      /* TRANSLATORS: file:line: criterion CODE, column NAME: what is wrong */
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("%s:%d: criterion %s, %s: %s"), name,
                   line, code, column, local->message);
      return FALSE;
    }
  *has = TRUE;
  return TRUE;
}

static gboolean
read_inputs (const Reader  *r,
             const Row     *row,
             const ParNode *leaf,
             ParEntry      *entry,
             GError       **error)
{
  g_autofree char *text = par_csv_unneutralise (cell (row, r, PAR_CSV_INPUTS));
  g_auto(GStrv) pairs = g_strsplit (text, ";", -1);

  par_entry_clear_inputs (entry);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;
      const ParInput *input;
      g_autofree char *value = NULL;
      g_autoptr(GError) local = NULL;

      if (g_strstrip (pairs[i])[0] == '\0')
        continue;
      kv = g_strsplit (pairs[i], "=", 2);
      input = par_node_find_input (leaf, g_strstrip (kv[0]));
      if (input == NULL || kv[1] == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: criterion %s: “%s” is not one of its inputs (write id=value)"),
                       r->name, row->line, leaf->code, pairs[i]);
          return FALSE;
        }
      value = par_input_normalize (input, kv[1], &local);
      if (value == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%s:%d: criterion %s: %s"),
                       r->name, row->line, leaf->code, local->message);
          return FALSE;
        }
      par_entry_set_input (entry, input->id, value);
    }
  return TRUE;
}

static gboolean
read_not_applicable (const Reader  *r,
                     const Row     *row,
                     const ParNode *leaf,
                     ParEntry      *entry,
                     GError       **error)
{
  const char *na = cell (row, r, PAR_CSV_NA);

  if (na[0] == '\0' || g_str_equal (na, "0") || g_ascii_strcasecmp (na, "false") == 0)
    entry->not_applicable = FALSE;
  else if (g_str_equal (na, "1") || g_ascii_strcasecmp (na, "true") == 0)
    entry->not_applicable = TRUE;
  else
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s:%d: criterion %s, not_applicable: “%s” is neither 1 (not applicable) "
                     "nor 0"), r->name, row->line, leaf->code, na);
      return FALSE;
    }
  return TRUE;
}

static void
read_text (const Reader  *r,
           const Row     *row,
           ParCsvColumn   column,
           char         **field)
{
  g_autofree char *text = par_csv_unneutralise (cell (row, r, column));

  g_free (*field);
  *field = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* The entry @row makes of @old (NULL when none is stored): the file's columns replace their
 * values, the columns the file does not have keep theirs. */
static ParEntry *
row_to_entry (const Reader    *r,
              const Row       *row,
              const char      *code,
              const ParEntry  *old,
              GError         **error)
{
  const ParNode *leaf = par_framework_lookup (r->framework, code);
  g_autoptr(ParEntry) entry = NULL;

  if (leaf == NULL || leaf->rule == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("%s:%d: there is no sub-criterion %s in this year’s criteria set"), r->name,
                   row->line, code);
      return NULL;
    }
  entry = old != NULL ? par_entry_copy (old) : par_entry_new (code);

  if (has_column (r, PAR_CSV_INPUTS) && !read_inputs (r, row, leaf, entry, error))
    return NULL;
  if (has_column (r, PAR_CSV_SELF) &&
      !parse_points_cell (cell (row, r, PAR_CSV_SELF), &entry->has_self, &entry->self, r->name,
                          row->line, code, "self_score", error))
    return NULL;
  if (has_column (r, PAR_CSV_APPRAISED) &&
      !parse_points_cell (cell (row, r, PAR_CSV_APPRAISED), &entry->has_appraised,
                          &entry->appraised, r->name, row->line, code, "appraised_score", error))
    return NULL;
  if (has_column (r, PAR_CSV_SURVEY) &&
      !parse_points_cell (cell (row, r, PAR_CSV_SURVEY), &entry->has_survey, &entry->survey,
                          r->name, row->line, code, "survey_score", error))
    return NULL;
  if (has_column (r, PAR_CSV_NA) && !read_not_applicable (r, row, leaf, entry, error))
    return NULL;
  if (has_column (r, PAR_CSV_EXPLANATION))
    read_text (r, row, PAR_CSV_EXPLANATION, &entry->explanation);
  if (has_column (r, PAR_CSV_COMMENT))
    read_text (r, row, PAR_CSV_COMMENT, &entry->comment);

  if (entry->has_self && leaf->rule->type != PAR_RULE_MANUAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s:%d: criterion %s: its score is computed by its rule; leave self_score "
                     "empty and fill the inputs"), r->name, row->line, code);
      return NULL;
    }
  /* What may be stored is scoring's one check (par-entry-check.c); the reader only adds where. */
  {
    g_autoptr(GPtrArray) problems = par_entry_check_all (leaf, entry);

    if (problems->len > 0)
      {
        const ParEntryProblem *problem = g_ptr_array_index (problems, 0);

        /* TRANSLATORS: file:line: the check's message, e.g. "1.1.1, appraised score: 99.00 is
         * more than the maximum; enter a score from 0.00 to 1.00" */
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%s:%d: %s"), r->name, row->line,
                     problem->message);
        return NULL;
      }
  }
  return g_steal_pointer (&entry);
}

static gboolean
entry_is_empty (const ParEntry *e)
{
  return e->n_inputs == 0 && !e->has_self && !e->not_applicable &&
         !e->has_appraised && !e->has_survey && (e->explanation == NULL || !e->explanation[0]) &&
         (e->comment == NULL || !e->comment[0]);
}

static gboolean
inputs_equal (const ParEntry *a,
              const ParEntry *b)
{
  if (a->n_inputs != b->n_inputs)
    return FALSE;
  for (guint i = 0; i < a->n_inputs; i++)
    if (g_strcmp0 (a->inputs[i].value, par_entry_get_input (b, a->inputs[i].id)) != 0)
      return FALSE;
  return TRUE;
}

/* "inputs, comment": the columns in which @entry differs from @old (NULL: nothing stored). */
static char *
changed_columns (const ParEntry *old,
                 const ParEntry *entry)
{
  g_autoptr(ParEntry) none = par_entry_new (entry->code);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (old == NULL)
    old = none;
  if (!inputs_equal (old, entry))
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_INPUTS]);
  if (old->has_self != entry->has_self || old->self != entry->self)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_SELF]);
  if (old->not_applicable != entry->not_applicable)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_NA]);
  if (g_strcmp0 (old->explanation, entry->explanation) != 0)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_EXPLANATION]);
  if (old->has_appraised != entry->has_appraised || old->appraised != entry->appraised)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_APPRAISED]);
  if (old->has_survey != entry->has_survey || old->survey != entry->survey)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_SURVEY]);
  if (g_strcmp0 (old->comment, entry->comment) != 0)
    g_ptr_array_add (names, (gpointer) par_csv_column_names[PAR_CSV_COMMENT]);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static gboolean
read_header (Reader        *r,
             const Row     *header,
             ParCsvReport  *report,
             GError       **error)
{
  for (guint c = 0; c < PAR_CSV_N_COLUMNS; c++)
    r->col[c] = -1;
  r->n_header = 0;
  for (guint i = 0; i < header->cells->len; i++)
    {
      const char *text = g_strstrip ((char *) g_ptr_array_index (header->cells, i));
      gboolean known = FALSE;

      if (text[0] != '\0')
        r->n_header = i + 1;   /* unnamed cells at the end of the header are no column */
      for (guint c = 0; c < PAR_CSV_N_COLUMNS && !known; c++)
        if (g_ascii_strcasecmp (text, par_csv_column_names[c]) == 0)
          {
            if (r->col[c] >= 0)
              {
                g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                             _("%s:1: the header names the column “%s” twice"), r->name,
                             par_csv_column_names[c]);
                return FALSE;
              }
            r->col[c] = i;
            known = TRUE;
          }
      if (!known && text[0] != '\0')
        g_ptr_array_add (report->columns_ignored, g_strdup (text));
    }
  for (guint c = 0; c < PAR_CSV_N_COLUMNS; c++)
    if (c != PAR_CSV_CODE && par_csv_column_is_editable (c))
      g_ptr_array_add (has_column (r, c) ? report->columns_read : report->columns_kept,
                       (gpointer) par_csv_column_names[c]);
  return TRUE;
}

/* A row shorter than the header would clear the columns it lacks: refused, so a cut line
 * never erases anything. Empty cells past the header's last column are tolerated. */
static gboolean
check_row_width (const Reader  *r,
                 const Row     *row,
                 GError       **error)
{
  if (row->cells->len < r->n_header)
    {
      guint first_missing = row->cells->len;
      const char *missing = NULL;

      for (guint c = 0; c < PAR_CSV_N_COLUMNS && missing == NULL; c++)
        if (r->col[c] >= 0 && (guint) r->col[c] >= first_missing)
          missing = par_csv_column_names[c];
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s:%d: this row has %u cell but the header has %u (“%s” is "
                                "missing); write an empty cell to clear a value",
                                "%s:%d: this row has %u cells but the header has %u (“%s” is "
                                "missing); write an empty cell to clear a value",
                                row->cells->len),
                   r->name, row->line, row->cells->len, r->n_header,
                   missing != NULL ? missing : "");
      return FALSE;
    }
  for (guint i = r->n_header; i < row->cells->len; i++)
    if (((char *) g_ptr_array_index (row->cells, i))[0] != '\0')
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                     _("%s:%d: this row has more cells than the header (%u); is a cell's text "
                       "missing its quotes?"), r->name, row->line, r->n_header);
        return FALSE;
      }
  return TRUE;
}

gboolean
par_csv_import_full (ParStore           *store,
                     gint64              assessment_id,
                     const char         *csv,
                     gsize               len,
                     const char         *display_name,
                     ParCsvImportFlags   flags,
                     ParCsvReport      **report_out,
                     GError            **error)
{
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(GHashTable) stored_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ParCsvReport) report = report_new ();
  Reader r = { NULL, display_name != NULL ? display_name : "import.csv", { 0 }, 0 };

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv != NULL || len == 0, FALSE);

  if (!check_encoding (csv, len, r.name, error))
    return FALSE;
  if (len >= 3 && memcmp (csv, "\xEF\xBB\xBF", 3) == 0)
    csv += 3, len -= 3;
  if (len == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("%s: the file is empty"), r.name);
      return FALSE;
    }
  if (!find_separator (csv, len, &report->separator, r.name, error) ||
      (rows = parse_rows (csv, len, report->separator, r.name, NULL, error)) == NULL ||
      (assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (stored = par_store_get_entries (store, assessment_id, error)) == NULL)
    return FALSE;
  r.framework = framework;
  if (!read_header (&r, g_ptr_array_index (rows, 0), report, error))
    return FALSE;

  for (guint i = 0; i < stored->len; i++)
    {
      ParEntry *e = g_ptr_array_index (stored, i);
      g_hash_table_insert (stored_by_code, e->code, e);
    }

  for (guint i = 1; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autoptr(ParEntry) entry = NULL;
      g_autofree char *code = NULL;
      ParEntry *old;
      ParCsvChange *change;

      if (row->cells->len == 1 && ((char *) g_ptr_array_index (row->cells, 0))[0] == '\0')
        continue;   /* blank line */
      report->n_rows++;
      if (!check_row_width (&r, row, error))
        return FALSE;
      code = par_csv_unneutralise (g_strstrip ((char *) cell (row, &r, PAR_CSV_CODE)));
      old = g_hash_table_lookup (stored_by_code, code);
      if ((entry = row_to_entry (&r, row, code, old, error)) == NULL)
        return FALSE;
      if (!g_hash_table_add (seen, g_strdup (entry->code)))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: criterion %s appears twice"), r.name, row->line, entry->code);
          return FALSE;
        }
      if (old != NULL ? par_entry_equal (old, entry) : entry_is_empty (entry))
        continue;
      change = g_new0 (ParCsvChange, 1);
      change->code = g_strdup (entry->code);
      change->line = row->line;
      change->columns = changed_columns (old, entry);
      g_ptr_array_add (report->changes, change);
      g_ptr_array_add (changed, g_steal_pointer (&entry));
    }

  if (!(flags & PAR_CSV_IMPORT_DRY_RUN) && changed->len > 0 &&
      !par_store_save_entries (store, assessment_id, changed, error))
    return FALSE;
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return TRUE;
}

gboolean
par_csv_import (ParStore    *store,
                gint64       assessment_id,
                const char  *csv,
                gsize        len,
                const char  *display_name,
                guint       *n_changed,
                GError     **error)
{
  g_autoptr(ParCsvReport) report = NULL;

  if (!par_csv_import_full (store, assessment_id, csv, len, display_name,
                            PAR_CSV_IMPORT_DEFAULT, &report, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = report->changes->len;
  return TRUE;
}
