/* fuzz-csv.c — CSV import of arbitrary bytes into a year of the sample criteria set: it
 * refuses with a message naming file:line, or it saves; it never crashes, and a refused
 * import changes nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "par-core.h"
#include "par-csv.h"
#include "par-test-util.h"
#include "fuzz-target.h"

static char     *tmpdir;
static ParStore *store;
static gint64    assessment_id;

static void
tear_down (void)
{
  g_clear_object (&store);
  if (tmpdir != NULL)
    par_test_remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  g_autofree char *db_path = NULL;
  g_autoptr(ParFramework) framework = NULL;
  gint64 fw_row, unit;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_assert (fw_path != NULL);
  tmpdir = g_dir_make_tmp ("parscore-fuzz-csv-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (tear_down);
  db_path = g_build_filename (tmpdir, "fuzz.db", NULL);
  store = par_store_open (db_path, &error);
  g_assert_no_error (error);
  framework = par_framework_load_file (fw_path, &error);
  g_assert_no_error (error);
  fw_row = par_store_import_framework (store, framework, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  assessment_id = par_store_create_assessment (store, unit, 2022, fw_row, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParCsvReport) report = NULL;
  g_autofree char *before = NULL;
  gboolean dry_run = size > 0 && (data[0] & 1);
  gboolean ok;

  /* The exported year before, to see that a refusal changes nothing. */
  before = par_csv_export (store, assessment_id, &error);
  g_assert_no_error (error);
  ok = par_csv_import_full (store, assessment_id, (const char *) data, size, "fuzz.csv",
                            dry_run ? PAR_CSV_IMPORT_DRY_RUN : PAR_CSV_IMPORT_DEFAULT,
                            &report, &error);
  if (!ok || dry_run)
    {
      g_autofree char *after = NULL;

      g_assert (ok || (error != NULL && error->message[0] != '\0'));
      g_clear_error (&error);
      after = par_csv_export (store, assessment_id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (before, ==, after);
    }
  return 0;
}
