/* par-csv.c — CSV export and import of an assessment's entries.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-error.h"

static const char *columns[] = {
  "code", "title", "max", "rule", "inputs", "self_score", "computed_score", "not_applicable",
  "explanation", "appraised_score", "survey_score", "comment",
};
enum { COL_CODE, COL_TITLE, COL_MAX, COL_RULE, COL_INPUTS, COL_SELF, COL_COMPUTED, COL_NA,
       COL_EXPLANATION, COL_APPRAISED, COL_SURVEY, COL_COMMENT, N_COLS };

static void
append_cell (GString    *out,
             const char *value,
             gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

static char *
points_or_empty (gboolean  has,
                 ParPoints value)
{
  char buf[PAR_POINTS_FORMAT_SIZE];
  return has ? g_strdup (par_points_format (value, buf)) : g_strdup ("");
}

static char *
inputs_cell (const ParNode  *leaf,
             const ParEntry *entry)
{
  GString *s = g_string_new (NULL);

  /* In declaration order, so the cell is stable from one export to the next. */
  for (guint i = 0; entry != NULL && i < leaf->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (leaf->inputs, i);
      const char *value = par_entry_get_input (entry, input->id);
      if (value == NULL)
        continue;
      if (s->len > 0)
        g_string_append_c (s, ';');
      g_string_append_printf (s, "%s=%s", input->id, value);
    }
  return g_string_free (s, FALSE);
}

char *
par_csv_export (ParStore  *store,
                gint64     assessment_id,
                GError   **error)
{
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  GString *out;
  GPtrArray *leaves;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  if ((assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (entries = par_store_get_entries (store, assessment_id, error)) == NULL)
    return NULL;
  result = par_score (framework, entries);
  for (guint i = 0; i < entries->len; i++)
    {
      ParEntry *e = g_ptr_array_index (entries, i);
      g_hash_table_insert (by_code, e->code, e);
    }

  out = g_string_new ("\xEF\xBB\xBF");
  for (guint c = 0; c < N_COLS; c++)
    append_cell (out, columns[c], c == N_COLS - 1);

  leaves = par_framework_get_leaves (framework);
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      const ParEntry *e = g_hash_table_lookup (by_code, leaf->code);
      const ParLeafScore *s = par_result_get_leaf (result, leaf->code);
      char buf[PAR_POINTS_FORMAT_SIZE];
      g_autofree char *inputs = inputs_cell (leaf, e);
      g_autofree char *self = points_or_empty (e != NULL && e->has_self, e != NULL ? e->self : 0);
      g_autofree char *computed = points_or_empty (s->has_self, s->self);
      g_autofree char *appraised = points_or_empty (e != NULL && e->has_appraised,
                                                    e != NULL ? e->appraised : 0);
      g_autofree char *survey = points_or_empty (e != NULL && e->has_survey,
                                                 e != NULL ? e->survey : 0);

      append_cell (out, leaf->code, FALSE);
      append_cell (out, leaf->title, FALSE);
      append_cell (out, par_points_format (leaf->max, buf), FALSE);
      append_cell (out, par_rule_type_to_string (leaf->rule->type), FALSE);
      append_cell (out, inputs, FALSE);
      append_cell (out, self, FALSE);
      append_cell (out, computed, FALSE);
      append_cell (out, e != NULL && e->not_applicable ? "1" : "0", FALSE);
      append_cell (out, e != NULL ? e->explanation : NULL, FALSE);
      append_cell (out, appraised, FALSE);
      append_cell (out, survey, FALSE);
      append_cell (out, e != NULL ? e->comment : NULL, TRUE);
    }
  return g_string_free (out, FALSE);
}

/* --- parsing --------------------------------------------------------------------------------- */

typedef struct {
  GPtrArray *cells;   /* char* */
  int        line;
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

static GPtrArray *
parse_rows (const char  *data,
            gsize        len,
            const char  *name,
            GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  const char *p = data;
  const char *end = data + len;
  int line = 1;

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end)
    {
      Row *row = g_new0 (Row, 1);
      gboolean row_done = FALSE;

      row->cells = g_ptr_array_new_with_free_func (g_free);
      row->line = line;
      g_ptr_array_add (rows, row);
      while (!row_done)
        {
          GString *cell = g_string_new (NULL);
          if (p < end && *p == '"')
            {
              p++;
              for (;;)
                {
                  if (p >= end)
                    {
                      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                                   _("%s:%d: a quoted cell is never closed"), name, row->line);
                      g_string_free (cell, TRUE);
                      return NULL;
                    }
                  if (*p == '"')
                    {
                      if (p + 1 < end && p[1] == '"')
                        g_string_append_c (cell, '"'), p += 2;
                      else
                        {
                          p++;
                          break;
                        }
                    }
                  else
                    {
                      if (*p == '\n')
                        line++;
                      g_string_append_c (cell, *p++);
                    }
                }
            }
          else
            while (p < end && *p != ',' && *p != '\n' && *p != '\r')
              g_string_append_c (cell, *p++);
          g_ptr_array_add (row->cells, g_string_free (cell, FALSE));
          if (p < end && *p == ',')
            p++;
          else
            {
              if (p < end && *p == '\r')
                p++;
              if (p < end && *p == '\n')
                p++;
              line++;
              row_done = TRUE;
            }
        }
    }
  return g_steal_pointer (&rows);
}

static gboolean
parse_points_cell (const char  *text,
                   gboolean    *has,
                   ParPoints   *value,
                   const char  *name,
                   int          line,
                   const char  *code,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;

  *has = FALSE;
  *value = 0;
  if (text[0] == '\0')
    return TRUE;
  if (!par_points_parse (text, value, &local))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("%s:%d: criterion %s: %s"), name, line, code,
                   local->message);
      return FALSE;
    }
  *has = TRUE;
  return TRUE;
}

static ParEntry *
row_to_entry (ParFramework  *framework,
              const Row     *row,
              const int     *col,
              const char    *name,
              GError       **error)
{
  const char *code;
  const ParNode *leaf;
  g_autoptr(ParEntry) entry = NULL;
  g_auto(GStrv) pairs = NULL;
  const char *na;

#define CELL(c) (col[c] >= 0 && (guint) col[c] < row->cells->len \
                 ? (const char *) g_ptr_array_index (row->cells, col[c]) : "")

  code = CELL (COL_CODE);
  leaf = par_framework_lookup (framework, code);
  if (leaf == NULL || leaf->rule == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("%s:%d: there is no sub-criterion %s in this year’s criteria set"), name,
                   row->line, code);
      return NULL;
    }
  entry = par_entry_new (code);
  pairs = g_strsplit (CELL (COL_INPUTS), ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;
      const ParInput *input;
      g_autofree char *value = NULL;
      g_autoptr(GError) local = NULL;

      if (pairs[i][0] == '\0')
        continue;
      kv = g_strsplit (pairs[i], "=", 2);
      input = par_node_find_input (leaf, kv[0]);
      if (input == NULL || kv[1] == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: criterion %s: “%s” is not one of its inputs (write id=value)"),
                       name, row->line, code, pairs[i]);
          return NULL;
        }
      value = par_input_normalize (input, kv[1], &local);
      if (value == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%s:%d: criterion %s: %s"), name,
                       row->line, code, local->message);
          return NULL;
        }
      par_entry_set_input (entry, input->id, value);
    }
  if (!parse_points_cell (CELL (COL_SELF), &entry->has_self, &entry->self, name, row->line, code, error) ||
      !parse_points_cell (CELL (COL_APPRAISED), &entry->has_appraised, &entry->appraised, name,
                          row->line, code, error) ||
      !parse_points_cell (CELL (COL_SURVEY), &entry->has_survey, &entry->survey, name, row->line,
                          code, error))
    return NULL;
  if (entry->has_self && leaf->rule->type != PAR_RULE_MANUAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s:%d: criterion %s: its score is computed by its rule; leave self_score "
                     "empty and fill the inputs"), name, row->line, code);
      return NULL;
    }
  na = CELL (COL_NA);
  entry->not_applicable = g_str_equal (na, "1") || g_ascii_strcasecmp (na, "true") == 0;
  if (entry->not_applicable && !leaf->na_allowed)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s:%d: criterion %s may not be marked not applicable"), name, row->line, code);
      return NULL;
    }
  entry->explanation = CELL (COL_EXPLANATION)[0] != '\0' ? g_strdup (CELL (COL_EXPLANATION)) : NULL;
  entry->comment = CELL (COL_COMMENT)[0] != '\0' ? g_strdup (CELL (COL_COMMENT)) : NULL;
#undef CELL
  return g_steal_pointer (&entry);
}

static gboolean
entry_is_empty (const ParEntry *e)
{
  return g_hash_table_size (e->inputs) == 0 && !e->has_self && !e->not_applicable &&
         !e->has_appraised && !e->has_survey && (e->explanation == NULL || !e->explanation[0]) &&
         (e->comment == NULL || !e->comment[0]);
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
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(GHashTable) stored_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *name = display_name != NULL ? display_name : "import.csv";
  int col[N_COLS];
  Row *header;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);

  if (!g_utf8_validate_len (csv, len, NULL))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("%s: the file is not UTF-8 text; save it as “CSV UTF-8”"), name);
      return FALSE;
    }
  if ((assessment = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (framework = par_store_load_framework (store, assessment->framework_row, error)) == NULL ||
      (stored = par_store_get_entries (store, assessment_id, error)) == NULL ||
      (rows = parse_rows (csv, len, name, error)) == NULL)
    return FALSE;
  if (rows->len == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("%s: the file is empty"), name);
      return FALSE;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint c = 0; c < N_COLS; c++)
    {
      col[c] = -1;
      for (guint i = 0; i < header->cells->len; i++)
        if (g_str_equal (g_strstrip ((char *) g_ptr_array_index (header->cells, i)), columns[c]))
          col[c] = i;
    }
  if (col[COL_CODE] < 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("%s:1: the header row has no “code” column"), name);
      return FALSE;
    }

  for (guint i = 0; i < stored->len; i++)
    {
      ParEntry *e = g_ptr_array_index (stored, i);
      g_hash_table_insert (stored_by_code, e->code, e);
    }

  for (guint r = 1; r < rows->len; r++)
    {
      Row *row = g_ptr_array_index (rows, r);
      g_autoptr(ParEntry) entry = NULL;
      ParEntry *old;

      if (row->cells->len == 1 && ((char *) g_ptr_array_index (row->cells, 0))[0] == '\0')
        continue;   /* blank line */
      entry = row_to_entry (framework, row, col, name, error);
      if (entry == NULL)
        return FALSE;
      if (!g_hash_table_add (seen, g_strdup (entry->code)))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("%s:%d: criterion %s appears twice"), name, row->line, entry->code);
          return FALSE;
        }
      old = g_hash_table_lookup (stored_by_code, entry->code);
      if (old != NULL ? par_entry_equal (old, entry) : entry_is_empty (entry))
        continue;
      g_ptr_array_add (changed, g_steal_pointer (&entry));
    }

  if (changed->len > 0 && !par_store_save_entries (store, assessment_id, changed, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changed->len;
  return TRUE;
}
