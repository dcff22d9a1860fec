/* par-csv.c — CSV export of an assessment's entries, and the cell rules import shares.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-csv.h"
#include "par-csv-private.h"
#include "par-error.h"

const char *const par_csv_column_names[PAR_CSV_N_COLUMNS] = {
  "code", "title", "max", "rule", "inputs", "self_score", "computed_score", "not_applicable",
  "explanation", "appraised_score", "survey_score", "comment",
};

gboolean
par_csv_column_is_editable (ParCsvColumn column)
{
  return column != PAR_CSV_TITLE && column != PAR_CSV_MAX && column != PAR_CSV_RULE &&
         column != PAR_CSV_COMPUTED;
}

gboolean
par_csv_column_is_number (ParCsvColumn column)
{
  return column == PAR_CSV_MAX || column == PAR_CSV_SELF || column == PAR_CSV_COMPUTED ||
         column == PAR_CSV_APPRAISED || column == PAR_CSV_SURVEY;
}

static gboolean
starts_formula (const char *text)
{
  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

char *
par_csv_neutralise (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (starts_formula (text) || text[0] == '\'')
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

char *
par_csv_unneutralise (const char *cell)
{
  if (cell[0] == '\'' && (starts_formula (cell + 1) || cell[1] == '\''))
    return g_strdup (cell + 1);
  return g_strdup (cell);
}

/* RFC 4180: quoted when it holds a separator, a quote or a line break. */
static void
append_quoted (GString    *out,
               const char *text)
{
  if (strpbrk (text, ",;\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
}

void
par_csv_append_text_cell (GString    *out,
                          const char *text)
{
  g_autofree char *safe = par_csv_neutralise (text);

  g_return_if_fail (out != NULL);
  append_quoted (out, safe);
}

static void
append_cell (GString      *out,
             ParCsvColumn  column,
             const char   *value)
{
  g_autofree char *text = par_csv_column_is_number (column) ? g_strdup (value != NULL ? value : "")
                                                            : par_csv_neutralise (value);

  append_quoted (out, text);
  g_string_append (out, column == PAR_CSV_N_COLUMNS - 1 ? "\r\n" : ",");
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
  for (guint c = 0; c < PAR_CSV_N_COLUMNS; c++)
    append_cell (out, c, par_csv_column_names[c]);

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

      append_cell (out, PAR_CSV_CODE, leaf->code);
      append_cell (out, PAR_CSV_TITLE, leaf->title);
      append_cell (out, PAR_CSV_MAX, par_points_format (leaf->max, buf));
      append_cell (out, PAR_CSV_RULE, par_rule_type_to_string (leaf->rule->type));
      append_cell (out, PAR_CSV_INPUTS, inputs);
      append_cell (out, PAR_CSV_SELF, self);
      append_cell (out, PAR_CSV_COMPUTED, computed);
      append_cell (out, PAR_CSV_NA, e != NULL && e->not_applicable ? "1" : "0");
      append_cell (out, PAR_CSV_EXPLANATION, e != NULL ? e->explanation : NULL);
      append_cell (out, PAR_CSV_APPRAISED, appraised);
      append_cell (out, PAR_CSV_SURVEY, survey);
      append_cell (out, PAR_CSV_COMMENT, e != NULL ? e->comment : NULL);
    }
  return g_string_free (out, FALSE);
}
