/* ui-fixture.c — databases for the UI tests, made and read through the store's API only.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ui-fixture.h"

gint64
ui_fixture_create (const char  *db_path,
                   const char  *xml_path,
                   GError     **error)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) framework = NULL;
  gint64 row, unit;

  store = par_store_open (db_path, error);
  if (store == NULL)
    return 0;
  framework = par_framework_load_file (xml_path, error);
  if (framework == NULL)
    return 0;
  row = par_store_import_framework (store, framework, error);
  if (row <= 0)
    return 0;
  unit = par_store_add_unit (store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT, error);
  if (unit <= 0)
    return 0;
  return par_store_create_assessment (store, unit, 2023, row, error);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
ui_fixture_dump_entry (const char  *db_path,
                       gint64       assessment_id,
                       const char  *code,
                       GError     **error)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParEntry) entry = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  GError *local = NULL;
  char buf[PAR_POINTS_FORMAT_SIZE];

  store = par_store_open (db_path, error);
  if (store == NULL)
    return NULL;
  entry = par_store_get_entry (store, assessment_id, code, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  links = par_store_list_evidence (store, assessment_id, code, error);
  if (links == NULL)
    return NULL;

  if (entry != NULL)
    {
      for (guint i = 0; i < entry->n_inputs; i++)
        g_ptr_array_add (lines, g_strdup_printf ("input %s=%s", entry->inputs[i].id,
                                                 entry->inputs[i].value));
      if (entry->has_self)
        g_ptr_array_add (lines, g_strdup_printf ("self %s", par_points_format (entry->self, buf)));
      if (entry->not_applicable)
        g_ptr_array_add (lines, g_strdup ("na 1"));
      if (entry->explanation != NULL)
        g_ptr_array_add (lines, g_strdup_printf ("explanation %s", entry->explanation));
      if (entry->has_appraised)
        g_ptr_array_add (lines, g_strdup_printf ("appraised %s", par_points_format (entry->appraised, buf)));
      if (entry->has_survey)
        g_ptr_array_add (lines, g_strdup_printf ("survey %s", par_points_format (entry->survey, buf)));
    }
  g_ptr_array_add (lines, g_strdup_printf ("links %u", links->len));
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

void
ui_fixture_save_entry (ParStore   *store,
                       gint64      assessment_id,
                       const char *code,
                       const char *inputs,
                       const char *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new (code);

  if (inputs != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (inputs, ";", -1);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
          par_entry_set_input (entry, kv[0], kv[1]);
        }
    }
  if (self != NULL)
    {
      entry->has_self = TRUE;
      g_assert_true (par_points_parse (self, &entry->self, NULL));
    }
  par_store_save_entry (store, assessment_id, entry, &error);
  g_assert_no_error (error);
}
