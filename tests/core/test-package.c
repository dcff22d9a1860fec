/* test-package.c — sealed submission packages: written, checked, imported, replaced; a changed
 * score, a swapped file, a cut-short file refused with what failed and nothing imported (issue 14).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-test-util.h"
#include "store-fixture.h"

#define FILE_BYTES "%PDF-1.4 Kế hoạch CCHC năm 2020\n"

static void
save_inputs (ParStore   *store,
             gint64      assessment_id,
             const char *code,
             const char *input,
             const char *value,
             const char *input2,
             const char *value2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_store_get_entry (store, assessment_id, code, &error);

  g_assert_no_error (error);
  if (entry == NULL)
    entry = par_entry_new (code);
  par_entry_set_input (entry, input, value);
  if (input2 != NULL)
    par_entry_set_input (entry, input2, value2);
  g_assert_true (par_store_save_entry (store, assessment_id, entry, &error));
  g_assert_no_error (error);
}

/* The fixture's 2020 with two entries, an explanation, a document with a file, submitted. */
static void
make_submitted_year (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->tmpdir, "KH-06 kế hoạch.pdf", NULL);
  ParEvidenceLink link = { 0, };
  g_autoptr(ParEntry) entry = NULL;
  gint64 document;

  save_inputs (f->store, f->assessment_id, "1.1.2", "met", "true", NULL, NULL);
  save_inputs (f->store, f->assessment_id, "1.1.4", "done", "19", "planned", "20");
  entry = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  entry->explanation = g_strdup ("Kế hoạch \"06/KH\" hoàn thành 19/20");
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  document = add_document (f, "KH", "06/KH-BQL", "2020-01-14", "Ban Quản lý", "Kế hoạch CCHC 2020");
  write_file (file, FILE_BYTES, -1);
  g_assert_cmpint (par_store_attach_file (f->store, document, file, NULL, &error), >, 0);
  g_assert_no_error (error);
  link.document_id = document;
  link.assessment_id = f->assessment_id;
  link.code = (char *) "1.1.4";
  link.pages = (char *) "3-4";
  g_assert_true (par_store_link_evidence (f->store, &link, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
}

static char *
write_package (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->tmpdir, name, NULL);

  g_assert_true (par_package_write (f->store, f->assessment_id, PAR_PACKAGE_SUBMISSION, 0, path,
                                    &error));
  g_assert_no_error (error);
  return path;
}

static ParStore *
council_store (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "hội đồng", "council.db", NULL);
  ParStore *store = par_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
sql (const char *path,
     const char *statement)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", statement, message);
  sqlite3_close (db);
}

static char *
copy_of (Fixture    *f,
         const char *path,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length;
  char *copy = g_build_filename (f->tmpdir, name, NULL);

  g_assert_true (g_file_get_contents (path, &bytes, &length, &error));
  write_file (copy, bytes, length);
  return copy;
}

static void
assert_nothing_imported (ParStore *council)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = par_store_list_units (council, &error);
  g_autoptr(GPtrArray) sets = par_store_list_frameworks (council, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 0);
  g_assert_cmpuint (sets->len, ==, 0);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParSealCheck) sealed = NULL;
  g_autoptr(ParSealCheck) imported_seal = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParEntry) entry = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const ParPackageInfo *info;
  gint64 id, held = -1;

  make_submitted_year (f);
  path = write_package (f, "Ban Quản lý 2020.parscore");
  /* One file: no write-ahead log, no attachments folder beside it. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *folder = g_strconcat (path, ".attachments", NULL);

    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  }

  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, "parscore-package 4");
  g_assert_cmpuint (info->n_figure_values, ==, 0);
  g_assert_cmpint (info->kind, ==, PAR_PACKAGE_SUBMISSION);
  g_assert_cmpstr (par_package_kind_to_string (info->kind), ==, "submission");
  g_assert_cmpstr (par_package_kind_label (PAR_PACKAGE_REPLY), ==, "reply");   /* translated */
  g_assert_cmpstr (info->unit_name, ==, "Ban Quản lý các Khu công nghiệp");
  g_assert_cmpint (info->level, ==, PAR_LEVEL_DEPARTMENT);
  g_assert_cmpint (info->year, ==, 2020);
  g_assert_cmpint (info->status, ==, PAR_STATUS_SUBMITTED);
  g_assert_cmpstr (info->set_id, ==, "camau-2013-department-field1");
  g_assert_cmpstr (info->set_sha256, ==, par_framework_get_sha256 (f->framework));
  g_assert_cmpuint (info->n_entries, ==, 2);
  g_assert_cmpuint (info->n_documents, ==, 1);
  g_assert_cmpuint (info->n_files, ==, 1);
  g_assert_cmpint (info->files_size, ==, strlen (FILE_BYTES));
  g_assert_cmpuint (strlen (info->seal), ==, 64);
  /* The year's seal is the one the unit's database holds for the year. */
  sealed = par_store_check_seal (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sealed->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpstr (info->year_seal, ==, sealed->sealed_sha256);

  council = council_store (f);
  changes = par_package_compare (council, package, &held, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (held, ==, 0);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* The council's copy: the same entries, document, file, status and seal. */
  entry = par_store_get_entry (council, id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_entry_get_input (entry, "done"), ==, "19");
  g_assert_cmpstr (entry->explanation, ==, "Kế hoạch \"06/KH\" hoàn thành 19/20");
  links = par_store_list_evidence (council, id, "1.1.4", &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->pages, ==, "3-4");
  files = par_store_list_attachments (council, 0, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((ParAttachment *) files->pdata[0])->original_name, ==, "KH-06 kế hoạch.pdf");
  g_assert_cmpuint (par_store_verify_attachments (council, &bad, NULL, &error), ==, 1);
  g_assert_cmpuint (bad->len, ==, 0);
  imported_seal = par_store_check_seal (council, id, &error);
  g_assert_cmpint (imported_seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpint (imported_seal->status, ==, PAR_STATUS_SUBMITTED);
  g_assert_cmpstr (imported_seal->sealed_sha256, ==, info->year_seal);

  /* Again: it is there, and the package holds the same year. */
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = par_package_compare (council, package, &held, &error);
  g_assert_cmpint (held, ==, id);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpint (par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
}

/* A later package replaces the year, after naming what it changes. */
static void
test_replace (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParPackage) later = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(ParEntry) entry = NULL;
  gint64 id, replaced, held;

  make_submitted_year (f);
  first = write_package (f, "first.parscore");
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id, PAR_STATUS_DRAFT,
                                                   "sửa 1.1.4", &error));
  save_inputs (f->store, f->assessment_id, "1.1.4", "done", "20", NULL, NULL);
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  second = write_package (f, "second.parscore");

  council = council_store (f);
  package = par_package_open (first, &error);
  g_assert_no_error (error);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  later = par_package_open (second, &error);
  g_assert_no_error (error);
  changes = par_package_compare (council, later, &held, &error);
  g_assert_no_error (error);
  g_assert_cmpint (held, ==, id);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) changes->pdata[0])->description, ==,
                   "1.1.4, figure “done”: \"19\" when sealed, \"20\" now.");

  replaced = par_package_import (council, later, PAR_PACKAGE_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (replaced, >, 0);
  years = par_store_list_assessments (council, 0, &error);
  g_assert_cmpuint (years->len, ==, 1);
  entry = par_store_get_entry (council, replaced, "1.1.4", &error);
  g_assert_cmpstr (par_entry_get_input (entry, "done"), ==, "20");
  /* The removal is audited with why. */
  audit = par_store_list_audit (council, 0, &error);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < audit->len; i++)
      {
        ParAuditEntry *row = audit->pdata[i];

        if (row->reason != NULL && g_str_has_prefix (row->reason, "imported from the package "
                                                     "second.parscore") &&
            strstr (row->what, "removed") != NULL)
          found = TRUE;
      }
    g_assert_true (found);
  }
}

static void
assert_refused (Fixture    *f,
                const char *path,
                gint        code,
                const char *part1,
                const char *part2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = par_package_open (path, &error);
  g_autoptr(ParStore) council = council_store (f);

  g_assert_null (package);
  g_assert_error (error, PAR_ERROR, code);
  if (strstr (error->message, part1) == NULL || (part2 != NULL && strstr (error->message, part2) == NULL))
    g_error ("“%s” does not say “%s” and “%s”", error->message, part1, part2);
  g_assert_nonnull (strstr (error->message, "Nothing was imported."));
  assert_nothing_imported (council);
}

static void
test_tampered (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *score = NULL;
  g_autofree char *file = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *cut = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *bytes = NULL;
  gsize length;

  make_submitted_year (f);
  path = write_package (f, "sealed.parscore");

  /* A changed score. */
  score = copy_of (f, path, "score.parscore");
  sql (score, "UPDATE entries SET inputs = '{\"done\":\"20\",\"planned\":\"20\"}' WHERE code = '1.1.4'");
  assert_refused (f, score, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "1.1.4, figure “done”: \"19\" when sealed, \"20\" now. (table entries)");

  /* A swapped attachment. */
  file = copy_of (f, path, "file.parscore");
  sql (file, "UPDATE package_blobs SET data = CAST ('%PDF-1.4 another plan\n' AS BLOB)");
  assert_refused (f, file, PAR_ERROR_INTEGRITY, "the file “KH-06 kế hoạch.pdf” of document 06/KH-BQL",
                  "table package_blobs");

  /* The year's audit trail edited. */
  audit = copy_of (f, path, "audit.parscore");
  sql (audit, "UPDATE package_audit SET actor = 'ai đó'");
  assert_refused (f, audit, PAR_ERROR_INTEGRITY, "package_audit", NULL);

  /* Cut short on the way. */
  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  cut = g_build_filename (f->tmpdir, "cut.parscore", NULL);
  write_file (cut, bytes, length / 2);
  assert_refused (f, cut, PAR_ERROR_INTEGRITY, "is damaged", "cut short");
  write_file (cut, bytes, 40);
  assert_refused (f, cut, PAR_ERROR_INTEGRITY, "is damaged", "too short");

  /* A newer format; a database that is no package. */
  newer = copy_of (f, path, "newer.parscore");
  sql (newer, "UPDATE parscore_package SET value = 'parscore-package 5' WHERE key = 'format'");
  assert_refused (f, newer, PAR_ERROR_FORMAT, "newer version of Parscore", "parscore-package 5");
  assert_refused (f, f->db_path, PAR_ERROR_FORMAT, "not a", "package");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->tmpdir, "draft.parscore", NULL);
  g_autofree char *sealed = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParStore) council = NULL;

  /* A draft is not packed. */
  g_assert_false (par_package_write (f->store, f->assessment_id, PAR_PACKAGE_SUBMISSION, 0, path,
                                     &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "submit it"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A unit of another level in the council's database: refused, and the whole import is
   * rolled back (the criteria set it had stored is gone again). */
  make_submitted_year (f);
  sealed = write_package (f, "sealed.parscore");
  package = par_package_open (sealed, &error);
  g_assert_no_error (error);
  council = council_store (f);
  g_assert_cmpint (par_store_add_unit (council, "Ban Quản lý các Khu công nghiệp",
                                       PAR_LEVEL_DISTRICT, &error), >, 0);
  g_assert_cmpint (par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "district"));
  {
    g_autoptr(GPtrArray) sets = par_store_list_frameworks (council, NULL);
    g_autoptr(GPtrArray) years = par_store_list_assessments (council, 0, NULL);

    g_assert_cmpuint (sets->len, ==, 0);
    g_assert_cmpuint (years->len, ==, 0);
  }
  g_clear_error (&error);
  {
    g_autofree char *none = g_build_filename (f->tmpdir, "none.parscore", NULL);

    g_assert_null (par_package_open (none, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  }
}

/* A format-2 year of another unit, "Sở Tư pháp", in the unit's database: its figures entered per
 * quarter (the seeds' H1 of 2020: 4,891 of 4,898 files on time), a self score, submitted. */
static gint64
make_figures_year (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "core", "data", "figures-set.xml",
                                                NULL);
  g_autoptr(ParFramework) framework = par_framework_load_file (xml, &error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.2");
  const char *values[][3] = {
    { "received", "q1", "2556" }, { "received", "q2", "2556" }, { "received", "q3", "0" },
    { "received", "q4", "0" }, { "resolved", "q1", "2449" }, { "resolved", "q2", "2449" },
    { "resolved", "q3", "0" }, { "resolved", "q4", "0" }, { "on_time", "q1", "2445" },
    { "on_time", "q2", "2446" }, { "on_time", "q3", "0" }, { "on_time", "q4", "0" },
    { "pending", "year", "214" }, { "plan_issued", "year", "2020-01-14" },
  };
  gint64 row, unit, id;

  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  unit = par_store_add_unit (f->store, "Sở Tư pháp", PAR_LEVEL_DEPARTMENT, &error);
  id = par_store_create_assessment (f->store, unit, 2020, row, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_ptr_array_add (changes, par_figure_change_new (values[i][0], values[i][1], values[i][2]));
  g_assert_true (par_store_set_figure_values (f->store, id, changes, FALSE, &error));
  g_assert_no_error (error);
  entry->has_self = TRUE;
  entry->self = 75;
  g_assert_true (par_store_save_entry (f->store, id, entry, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  return id;
}

static char *
write_package_of (Fixture    *f,
                  gint64      assessment_id,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->tmpdir, name, NULL);

  g_assert_true (par_package_write (f->store, assessment_id, PAR_PACKAGE_SUBMISSION, 0, path,
                                    &error));
  g_assert_no_error (error);
  return path;
}

/* Format 2: the year's figure values travel in the package, sealed, are imported through the
 * store's validated write, and a later package names the figures it changes. */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParPackage) later = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParSealCheck) unit_seal = NULL;
  g_autoptr(ParSealCheck) council_seal = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second = NULL;
  g_autofree char *what = NULL;
  const ParPackageInfo *info;
  gint64 year, id, held = 0, replaced;

  year = make_figures_year (f);
  path = write_package_of (f, year, "Sở Tư pháp 2020.parscore");
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, PAR_PACKAGE_FORMAT);
  g_assert_cmpstr (info->format, ==, "parscore-package 4");
  g_assert_cmpuint (info->n_figure_values, ==, 14);
  g_assert_cmpuint (info->n_entries, ==, 1);
  unit_seal = par_store_check_seal (f->store, year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unit_seal->version, ==, 4);
  g_assert_cmpstr (info->year_seal, ==, unit_seal->sealed_sha256);

  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  values = par_store_get_figure_values (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_figure_values_count (values), ==, 14);
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q1"), ==, "2445");
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q2"), ==, "2446");
  g_assert_cmpstr (par_figure_values_get (values, "pending", "year"), ==, "214");
  g_assert_cmpstr (par_figure_values_get (values, "plan_issued", "year"), ==, "2020-01-14");
  /* Written by the store's figure write (audited value by value), then sealed as the unit
   * sealed it. */
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " figure on_time q1", id);
  audit = audit_rows (council, what);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->new_value, ==, "2445");
  council_seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (council_seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpstr (council_seal->sealed_sha256, ==, info->year_seal);

  /* A later package: the unit corrected a quarter. */
  g_assert_true (par_store_set_status_with_reason (f->store, year, PAR_STATUS_DRAFT,
                                                   "sửa số liệu quý II", &error));
  g_assert_true (par_store_set_figure_value (f->store, year, "on_time", "q2", "2440", &error));
  g_assert_true (par_store_set_status (f->store, year, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  second = write_package_of (f, year, "Sở Tư pháp 2020 (2).parscore");
  later = par_package_open (second, &error);
  g_assert_no_error (error);
  changes = par_package_compare (council, later, &held, &error);
  g_assert_no_error (error);
  g_assert_cmpint (held, ==, id);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) changes->pdata[0])->key, ==, "figure on_time q2");
  g_assert_cmpstr (((ParSealChange *) changes->pdata[0])->description, ==,
                   "figure “on_time”, Q2: \"2446\" when sealed, \"2440\" now.");
  replaced = par_package_import (council, later, PAR_PACKAGE_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&values, par_figure_values_unref);
  values = par_store_get_figure_values (council, replaced, &error);
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q2"), ==, "2440");
}

/* A figure value changed in the package on the way: refused, naming it, nothing imported. */
static void
test_figure_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *added = NULL;
  gint64 year;

  year = make_figures_year (f);
  path = write_package_of (f, year, "sealed.parscore");

  changed = copy_of (f, path, "figure.parscore");
  sql (changed, "UPDATE figure_values SET value = '2400' WHERE figure = 'on_time' AND period = 'q1'");
  assert_refused (f, changed, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "figure “on_time”, Q1: \"2445\" when sealed, \"2400\" now. (table figure_values)");

  added = copy_of (f, path, "added.parscore");
  sql (added, "INSERT INTO figure_values VALUES ((SELECT id FROM assessments), 'online', 'h1', '97.50')");
  assert_refused (f, added, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "figure “online”, H1: \"97.50\" added after the seal. (table figure_values)");
}

/* --- register rows (the office's books): seal version 3, package format 3 ------------------ */

/* The shipped set with the office's books: data/frameworks/sample-books.xml, or
 * sample-department.xml once the registers moved there (the same plan register, 1.1.1 and 1.1.3
 * read from it). */
static char *
books_set_path (void)
{
  char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "frameworks", "sample-books.xml",
                                      NULL);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_free (path);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "frameworks", "sample-department.xml",
                                NULL);
}

/* A year of "Ban Quản lý các KCN" scored with the set with the books: its plan register kept
 * (the plan issued on 14/01, before its deadline; 2 of 3 tasks done), submitted. */
static gint64
make_books_year (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = books_set_path ();
  g_autoptr(ParFramework) framework = par_framework_load_file (xml, &error);
  g_autoptr(ParRegisterRows) rows = par_register_rows_new ("plan_tasks", 6);
  const char *plan[][6] = {
    { "Ban hành Kế hoạch CCHC năm 2020", "Văn phòng", "2020-01-31", "2020-01-14", "true",
      "01/KH-KCNĐN" },
    { "Kiểm tra CCHC đợt 1", "Thanh tra", "2020-06-30", "2020-06-25", NULL, NULL },
    { "Rà soát TTHC \"đợt 2\"", "Văn phòng", "2020-09-30", NULL, NULL, NULL },
  };
  gint64 row, unit, id;

  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  unit = par_store_add_unit (f->store, "Ban Quản lý các KCN", PAR_LEVEL_DEPARTMENT, &error);
  id = par_store_create_assessment (f->store, unit, 2020, row, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (plan); i++)
    par_register_rows_append (rows, plan[i]);
  g_assert_true (par_store_set_register_rows (f->store, id, "plan_tasks", rows, FALSE, NULL,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  return id;
}

static const char *
figure_canonical (ParStore   *store,
                  gint64      id,
                  const char *figure_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFigureResult) result = par_store_evaluate_figures (store, id, &error);
  g_autoptr(ParAssessment) year = par_store_get_assessment (store, id, &error);
  g_autoptr(ParFramework) framework = par_store_load_framework (store, year->framework_row, &error);
  const char *value;

  g_assert_no_error (error);
  value = par_figure_result_get_canonical (result, par_framework_lookup_figure (framework,
                                                                                 figure_id));
  return g_intern_string (value);
}

static ParPoints
leaf_self (ParStore   *store,
           gint64      id,
           const char *code,
           gboolean   *scored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) year = par_store_get_assessment (store, id, &error);
  g_autoptr(ParFramework) framework = par_store_load_framework (store, year->framework_row, &error);
  g_autoptr(GPtrArray) entries = par_store_get_entries (store, id, &error);
  g_autoptr(ParResult) result = NULL;
  const ParLeafScore *leaf;

  g_assert_no_error (error);
  result = par_store_score_entries (store, id, 2020, framework, entries, &error);
  g_assert_no_error (error);
  leaf = par_result_get_leaf (result, code);
  *scored = leaf->has_self;
  return leaf->self;
}

/* The register rows travel in the package, sealed; the council's import stores them (so it
 * scores the register-fed sub-criteria as the unit did); a later package names the row it
 * changes; the unit's own seal names a row changed behind Parscore's back. */
static void
test_registers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParPackage) later = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParSealCheck) unit_seal = NULL;
  g_autoptr(ParSealCheck) council_seal = NULL;
  g_autoptr(ParSealCheck) broken = NULL;
  g_autoptr(ParRegisterRows) ours = NULL;
  g_autoptr(ParRegisterRows) theirs = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *what = NULL;
  const ParPackageInfo *info;
  gboolean scored = FALSE;
  gint64 year, id, held = 0;

  year = make_books_year (f);
  unit_seal = par_store_check_seal (f->store, year, &error);
  g_assert_no_error (error);
  g_assert_cmpint (unit_seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (unit_seal->version, ==, 4);
  canonical = par_store_canonical_year (f->store, year, PAR_STATUS_SUBMITTED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (canonical, "format\tparscore-seal 4\n"));
  g_assert_nonnull (strstr (canonical,
                            "register plan_tasks 000001\tdeadline \"2020-01-31\" "
                            "done \"2020-01-14\" issues_plan \"true\" owner \"Văn phòng\" "
                            "result \"01/KH-KCNĐN\" task \"Ban hành Kế hoạch CCHC năm 2020\"\n"));
  g_assert_nonnull (strstr (canonical,
                            "register plan_tasks 000003\tdeadline \"2020-09-30\" "
                            "owner \"Văn phòng\" task \"Rà soát TTHC \\\"đợt 2\\\"\"\n"));

  path = write_package_of (f, year, "Ban Quản lý 2020.parscore");
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, "parscore-package 4");
  g_assert_cmpuint (info->n_register_rows, ==, 3);
  g_assert_cmpstr (info->year_seal, ==, unit_seal->sealed_sha256);

  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  ours = par_store_get_register_rows (f->store, year, "plan_tasks", &error);
  theirs = par_store_get_register_rows (council, id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (theirs), ==, 3);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 6; c++)
      g_assert_cmpstr (par_register_rows_get (theirs, r, c), ==, par_register_rows_get (ours, r, c));
  /* Written by the store's checked write, row by row in the audit log. */
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register plan_tasks row 2", id);
  audit = audit_rows (council, what);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->new_value, ==,
                   "Kiểm tra CCHC đợt 1 | Thanh tra | 2020-06-30 | 2020-06-25 |  | ");
  /* The council scores the register-fed sub-criteria as the unit does: 1.1.1 from the plan's
   * issue date (1 point), 1.1.3 from 2 of 3 tasks done (67 % < 70 %: 0). */
  g_assert_cmpstr (figure_canonical (council, id, "plan_issued_on_time"), ==, "1");
  g_assert_cmpstr (figure_canonical (council, id, "plan_tasks_done"), ==, "2");
  g_assert_cmpint (leaf_self (council, id, "1.1.1", &scored), ==, 100);
  g_assert_true (scored);
  g_assert_cmpint (leaf_self (council, id, "1.1.3", &scored), ==, 0);
  g_assert_true (scored);
  council_seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (council_seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpstr (council_seal->sealed_sha256, ==, info->year_seal);

  /* A later package: the unit finished the third task. */
  g_assert_true (par_store_set_status_with_reason (f->store, year, PAR_STATUS_DRAFT,
                                                   "hoàn thành nhiệm vụ 3", &error));
  g_assert_no_error (error);
  {
    g_autoptr(ParRegisterRows) done = par_register_rows_new ("plan_tasks", 6);
    const char *third[6] = { "Rà soát TTHC \"đợt 2\"", "Văn phòng", "2020-09-30", "2020-09-28",
                             NULL, NULL };

    for (guint r = 0; r < 2; r++)
      par_register_rows_append (done, par_register_rows_get_row (ours, r));
    par_register_rows_append (done, third);
    g_assert_true (par_store_set_register_rows (f->store, year, "plan_tasks", done, FALSE, NULL,
                                                &error));
    g_assert_no_error (error);
  }
  g_assert_true (par_store_set_status (f->store, year, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  second = write_package_of (f, year, "Ban Quản lý 2020 (2).parscore");
  later = par_package_open (second, &error);
  g_assert_no_error (error);
  changes = par_package_compare (council, later, &held, &error);
  g_assert_no_error (error);
  g_assert_cmpint (held, ==, id);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) changes->pdata[0])->key, ==, "register plan_tasks 000003");
  g_assert_cmpstr (((ParSealChange *) changes->pdata[0])->description, ==,
                   "register “plan_tasks”, row 3: deadline \"2020-09-30\" owner \"Văn phòng\" "
                   "task \"Rà soát TTHC \\\"đợt 2\\\"\" when sealed, deadline \"2020-09-30\" "
                   "done \"2020-09-28\" owner \"Văn phòng\" task \"Rà soát TTHC \\\"đợt 2\\\"\" "
                   "now.");
  id = par_package_import (council, later, PAR_PACKAGE_IMPORT_REPLACE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (figure_canonical (council, id, "plan_tasks_done"), ==, "3");
  g_assert_cmpint (leaf_self (council, id, "1.1.3", &scored), ==, 150);

  /* Behind Parscore's back in the unit's database: the seal names the register and the row. */
  sql (f->db_path, "UPDATE register_cells SET value = '2020-02-14' WHERE col = 'done' AND row_id = "
                "(SELECT id FROM register_rows WHERE register = 'plan_tasks' AND position = 1)");
  broken = par_store_check_seal (f->store, year, &error);
  g_assert_no_error (error);
  g_assert_cmpint (broken->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (broken->changes->len, ==, 1);
  g_assert_nonnull (strstr (((ParSealChange *) broken->changes->pdata[0])->description,
                            "register “plan_tasks”, row 1: deadline \"2020-01-31\" "
                            "done \"2020-01-14\" "));
  g_assert_nonnull (strstr (((ParSealChange *) broken->changes->pdata[0])->description,
                            " when sealed, deadline \"2020-01-31\" done \"2020-02-14\" "));
}

/* A register row changed, removed or added in the package on the way: refused, naming the
 * register and the row; nothing imported. */
static void
test_register_tampered (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *removed = NULL;
  gint64 year;

  year = make_books_year (f);
  path = write_package_of (f, year, "sealed.parscore");

  changed = copy_of (f, path, "register.parscore");
  sql (changed, "UPDATE register_cells SET value = '2020-06-29' WHERE col = 'done' AND row_id = "
                "(SELECT id FROM register_rows WHERE register = 'plan_tasks' AND position = 2)");
  assert_refused (f, changed, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "register “plan_tasks”, row 2: deadline \"2020-06-30\" done \"2020-06-25\" "
                  "owner \"Thanh tra\" task \"Kiểm tra CCHC đợt 1\" when sealed, deadline "
                  "\"2020-06-30\" done \"2020-06-29\" owner \"Thanh tra\" task \"Kiểm tra CCHC "
                  "đợt 1\" now. (table register_rows)");

  removed = copy_of (f, path, "removed.parscore");
  sql (removed, "DELETE FROM register_rows WHERE register = 'plan_tasks' AND position = 3");
  assert_refused (f, removed, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "register “plan_tasks”, row 3: ");
  assert_refused (f, removed, PAR_ERROR_INTEGRITY, "when sealed, gone now. (table register_rows)",
                  NULL);
}

/* A package of format 1 (written by main d8f4102, before packages carried figures:
 * tests/core/data/package-v1.parscore.gz) still opens and imports, its year checked in seal
 * version 1; figure values added to it later are refused. */
static void
test_format_1 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data",
                                               "package-v1.parscore.gz", NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "package-v1.parscore", NULL);
  g_autofree char *added = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParEntry) entry = NULL;
  g_autoptr(ParSealCheck) seal = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const ParPackageInfo *info;
  gint64 id, held = 0;

  par_test_gunzip (gz, path);
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, PAR_PACKAGE_FORMAT_1);
  g_assert_cmpstr (info->unit_name, ==, "Ban Quản lý các KCN");
  g_assert_cmpint (info->year, ==, 2020);
  g_assert_cmpuint (info->n_entries, ==, 1);
  g_assert_cmpuint (info->n_figure_values, ==, 0);
  g_assert_cmpstr (info->year_seal, ==,
                   "2f3488d20a2dccfa29146443bd372030cce4ef31979c54afc2b29414797016e6");

  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  entry = par_store_get_entry (council, id, "1.1.2", &error);
  g_assert_no_error (error);
  g_assert_true (entry->has_self);
  g_assert_cmpint (entry->self, ==, 75);
  g_assert_cmpstr (entry->explanation, ==, "Ý kiến \"tốt\" của người dân");
  values = par_store_get_figure_values (council, id, &error);
  g_assert_cmpuint (par_figure_values_count (values), ==, 0);
  /* The council seals its copy in today's form; the same year, nothing changed. */
  seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (seal->version, ==, PAR_SEAL_VERSION);
  changes = par_package_compare (council, package, &held, &error);
  g_assert_no_error (error);
  g_assert_cmpint (held, ==, id);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_object (&council);
  {
    g_autofree char *council_dir = g_build_filename (f->tmpdir, "hội đồng", NULL);

    par_test_remove_tree (council_dir);
  }

  added = copy_of (f, path, "added.parscore");
  sql (added, "INSERT INTO figure_values VALUES ((SELECT id FROM assessments), 'on_time', 'q1', '2445')");
  assert_refused (f, added, PAR_ERROR_INTEGRITY, "parscore-package 1, which carries no figure "
                  "values, but holds 1 (table figure_values)", NULL);
}

/* A package of format 2 (written by main 9e8211c, before packages carried register rows:
 * tests/core/data/package-v2-books.parscore.gz, sample-books.xml) still opens and imports, its
 * year checked in seal version 2; register rows added to it later are refused. */
static void
test_format_2 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data",
                                               "package-v2-books.parscore.gz", NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "package-v2.parscore", NULL);
  g_autofree char *added = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParSealCheck) seal = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  const ParPackageInfo *info;
  gint64 id;

  par_test_gunzip (gz, path);
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, PAR_PACKAGE_FORMAT_2);
  g_assert_cmpstr (info->unit_name, ==, "Ban Quản lý các KCN");
  g_assert_cmpuint (info->n_register_rows, ==, 0);
  g_assert_null (info->reply_deadline);
  g_assert_cmpstr (info->year_seal, ==,
                   "71ed3bf76b1c5236aee43ad2e2656c07fc08cf427066200812cfb55387047fb0");

  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (council, id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (rows), ==, 0);
  seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seal->state, ==, PAR_SEAL_INTACT);
  g_clear_object (&council);
  {
    g_autofree char *council_dir = g_build_filename (f->tmpdir, "hội đồng", NULL);

    par_test_remove_tree (council_dir);
  }

  added = copy_of (f, path, "added.parscore");
  sql (added, "INSERT INTO register_rows (assessment_id, register, position) "
              "VALUES ((SELECT id FROM assessments), 'plan_tasks', 1);"
              "INSERT INTO register_cells VALUES (last_insert_rowid (), 'task', 'text', 'Thêm');");
  assert_refused (f, added, PAR_ERROR_INTEGRITY, "parscore-package 2, which carries no register "
                  "rows, but holds 1 (table register_rows)", NULL);
}

/* Evidence added in a reply travels in the reply package: the council receives it next to the
 * reply, its file whole; a reply package whose year changed otherwise is refused, nothing of it
 * imported (the package is kept with the round). */
static void
test_reply_evidence (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParPackage) submission = NULL;
  g_autoptr(ParPackage) appraisal = NULL;
  g_autoptr(ParPackage) reply = NULL;
  g_autoptr(ParPackage) changed = NULL;
  g_autoptr(ParEntry) score = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) entry = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(ParSealCheck) seal = NULL;
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *submission_path = NULL;
  g_autofree char *appraisal_path = g_build_filename (f->tmpdir, "appraisal.parscore", NULL);
  g_autofree char *reply_path = g_build_filename (f->tmpdir, "reply.parscore", NULL);
  g_autofree char *changed_path = g_build_filename (f->tmpdir, "reply-changed.parscore", NULL);
  g_autofree char *pdf = g_build_filename (f->tmpdir, "BC 12 quý IV.pdf", NULL);
  g_autofree char *pdf_sha = NULL;
  const char *pdf_bytes = "%PDF-1.4 Báo cáo CCHC quý IV năm 2020, số 12/BC-BQL\n";
  const char *pdf_files[] = { pdf, NULL };
  ParDocument report = { 0, .kind = (char *) "BC", .number = (char *) "12/BC-BQL",
                         .issue_date = (char *) "2020-12-20", .summary = (char *) "Báo cáo quý IV" };
  gint64 round, id;

  make_submitted_year (f);
  submission_path = write_package (f, "submission.parscore");
  council = council_store (f);
  round = par_store_create_round (council, "camau-2013-department-field1", 2020,
                                  PAR_LEVEL_DEPARTMENT, "2020-12-10", "2021-01-15", &error);
  g_assert_no_error (error);
  submission = par_package_open (submission_path, &error);
  g_assert_no_error (error);
  id = par_package_receive (council, round, submission, PAR_PACKAGE_IMPORT_DEFAULT, "2020-12-05",
                            NULL, &error);
  g_assert_no_error (error);
  score->has_appraised = TRUE;
  score->appraised = 100;
  g_assert_true (par_store_round_score (council, round, id, score, &error));
  g_assert_true (par_store_close_round (council, round, &error));
  g_assert_true (par_package_write (council, id, PAR_PACKAGE_APPRAISAL, 1, appraisal_path, &error));
  g_assert_no_error (error);
  appraisal = par_package_open (appraisal_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_package_import (f->store, appraisal, PAR_PACKAGE_IMPORT_DEFAULT, &error),
                   ==, f->assessment_id);
  g_assert_no_error (error);
  /* The appraisal names the round and its reply deadline (format 3), sealed; the unit's
   * database keeps them for its appraisal page. */
  g_assert_cmpint (par_package_get_info (appraisal)->round, ==, 1);
  g_assert_cmpstr (par_package_get_info (appraisal)->reply_deadline, ==, "2021-01-15");
  {
    int reply_round = 0;
    g_autofree char *due = par_package_reply_deadline (f->store, f->assessment_id, &reply_round,
                                                       &error);

    g_assert_no_error (error);
    g_assert_cmpstr (due, ==, "2021-01-15");
    g_assert_cmpint (reply_round, ==, 1);
  }
  {
    g_autofree char *later = copy_of (f, appraisal_path, "later deadline.parscore");
    g_autoptr(ParPackage) moved = NULL;

    /* A deadline moved on the way breaks the package's seal. */
    sql (later, "UPDATE parscore_package SET value = '2021-03-01' WHERE key = 'reply-deadline'");
    moved = par_package_open (later, &error);
    g_assert_null (moved);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY);
    g_assert_nonnull (strstr (error->message, "parscore_package"));
    g_clear_error (&error);
  }

  /* The unit replies on 1.1.4 with a report and its file. */
  write_file (pdf, pdf_bytes, -1);
  pdf_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, pdf_bytes, -1);
  g_assert_true (par_store_save_reply (f->store, f->assessment_id, "1.1.4",
                                       "Đủ 20/20 nhiệm vụ: xem báo cáo quý IV", &error));
  g_assert_cmpint (par_store_add_reply_document (f->store, f->assessment_id, "1.1.4", &report,
                                                 pdf_files, "Mục I", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (par_package_write (f->store, f->assessment_id, PAR_PACKAGE_REPLY, 1, reply_path,
                                    &error));
  g_assert_no_error (error);

  /* The same reply from a year changed besides: unlocked, an explanation rewritten, locked. */
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id, PAR_STATUS_DRAFT,
                                                   "sửa giải trình", &error));
  entry = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_free (entry->explanation);
  entry->explanation = g_strdup ("Hoàn thành 20/20");
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_APPRAISED, &error));
  g_assert_true (par_package_write (f->store, f->assessment_id, PAR_PACKAGE_REPLY, 1, changed_path,
                                    &error));
  g_assert_no_error (error);
  changed = par_package_open (changed_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_package_receive (council, round, changed, PAR_PACKAGE_IMPORT_DEFAULT,
                                        "2021-01-05", NULL, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "beyond the replies and their evidence"));
  g_assert_nonnull (strstr (error->message, "1.1.4, explanation: "));
  g_clear_error (&error);
  replies = par_store_list_replies (council, id, &error);
  g_assert_cmpuint (replies->len, ==, 0);
  g_clear_pointer (&replies, g_ptr_array_unref);
  files = par_store_list_attachments (council, 0, &error);
  g_assert_cmpuint (files->len, ==, 1);   /* the submission's plan only */
  g_clear_pointer (&files, g_ptr_array_unref);

  /* The reply as it was: the reply, and its evidence next to it. */
  reply = par_package_open (reply_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_package_receive (council, round, reply, PAR_PACKAGE_IMPORT_DEFAULT,
                                        "2021-01-06", NULL, &error), ==, id);
  g_assert_no_error (error);
  replies = par_store_list_replies (council, id, &error);
  g_assert_cmpuint (replies->len, ==, 1);
  evidence = par_store_list_reply_evidence (council, id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) evidence->pdata[0])->section, ==, "Mục I");
  document = par_store_get_document (council, ((ParEvidenceLink *) evidence->pdata[0])->document_id,
                                     &error);
  g_assert_cmpstr (document->number, ==, "12/BC-BQL");
  g_assert_cmpstr (document->summary, ==, "Báo cáo quý IV");
  files = par_store_list_attachments (council, document->id, &error);
  g_assert_cmpuint (files->len, ==, 1);
  g_assert_cmpstr (((ParAttachment *) files->pdata[0])->sha256, ==, pdf_sha);
  g_assert_cmpstr (((ParAttachment *) files->pdata[0])->original_name, ==, "BC 12 quý IV.pdf");
  g_assert_cmpint (((ParAttachment *) files->pdata[0])->size, ==, strlen (pdf_bytes));
  g_assert_cmpuint (par_store_verify_attachments (council, &bad, NULL, &error), ==, 2);
  g_assert_cmpuint (bad->len, ==, 0);
  seal = par_store_check_seal (council, id, &error);
  g_assert_cmpint (seal->state, ==, PAR_SEAL_INTACT);
  /* Both packages are kept with the round. */
  {
    g_autoptr(GPtrArray) rows = audit_rows (council, "round ");
    guint kept = 0;

    for (guint i = 0; i < rows->len; i++)
      kept += strstr (((ParAuditEntry *) rows->pdata[i])->what, " reply of ") != NULL;
    g_assert_cmpuint (kept, ==, 2);
  }
}

/* A row's evidence document travels with it (package format 4, seal version 4): the council
 * gets the document — one only a row links too — and the row links the copy; the council's
 * seal is the unit's; a link removed from the package after sealing refuses it, named. */
static void
test_register_links (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParRegisterRows) ours = NULL;
  g_autoptr(ParRegisterRows) theirs = NULL;
  g_autoptr(ParSealCheck) council_seal = NULL;
  g_autoptr(ParDocument) copied = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tampered = NULL;
  ParDocument plan = { 0, (char *) "KH", (char *) "01/KH-KCNĐN", (char *) "2020-01-14", NULL,
                       (char *) "Kế hoạch CCHC năm 2020" };
  ParDocument report = { 0, (char *) "BC", (char *) "45/BC-KCNĐN", (char *) "2020-06-20", NULL,
                         (char *) "Báo cáo CCHC 6 tháng" };
  ParDocument other = { 0, (char *) "CV", (char *) "7/CV-KCNĐN", NULL, NULL, NULL };
  const ParPackageInfo *info;
  gint64 year, id, plan_id, report_id;

  year = make_books_year (f);
  g_assert_true (par_store_set_status_with_reason (f->store, year, PAR_STATUS_DRAFT, "liên kết văn bản",
                                                   &error));
  /* An unrelated document first, so ids differ between the stores. */
  par_store_add_document (f->store, &other, &error);
  plan_id = par_store_add_document (f->store, &plan, &error);
  report_id = par_store_add_document (f->store, &report, &error);
  g_assert_no_error (error);
  ours = par_store_get_register_rows (f->store, year, "plan_tasks", &error);
  par_register_rows_set_document (ours, 0, plan_id);
  par_register_rows_set_document (ours, 1, report_id);
  g_assert_true (par_store_set_register_rows (f->store, year, "plan_tasks", ours, FALSE, NULL, &error));
  g_assert_true (par_store_set_status (f->store, year, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  path = write_package_of (f, year, "Ban Quản lý 2020 có văn bản.parscore");
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, "parscore-package 4");
  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  theirs = par_store_get_register_rows (council, id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (theirs), ==, 3);
  g_assert_cmpint (par_register_rows_get_document (theirs, 2), ==, 0);
  copied = par_store_get_document (council, par_register_rows_get_document (theirs, 0), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copied->number, ==, "01/KH-KCNĐN");
  g_clear_pointer (&copied, par_document_free);
  copied = par_store_get_document (council, par_register_rows_get_document (theirs, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copied->number, ==, "45/BC-KCNĐN");
  g_assert_cmpstr (copied->summary, ==, "Báo cáo CCHC 6 tháng");
  council_seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (council_seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (council_seal->version, ==, 4);
  g_assert_cmpstr (council_seal->sealed_sha256, ==, info->year_seal);
  g_clear_object (&council);
  {
    g_autofree char *council_dir = g_build_filename (f->tmpdir, "hội đồng", NULL);

    par_test_remove_tree (council_dir);
  }

  tampered = copy_of (f, path, "unlinked.parscore");
  sql (tampered, "UPDATE register_rows SET document_id = NULL WHERE position = 2");
  assert_refused (f, tampered, PAR_ERROR_INTEGRITY, "changed after it was sealed",
                  "register “plan_tasks”, row 2, evidence document: \"45/BC-KCNĐN\" when sealed, gone now. "
                  "(table register_rows)");
}

/* A package of format 3 (written by main fa0b680, before a row could link a document:
 * tests/core/data/package-v3-books.parscore.gz, sample-books.xml, three plan rows) still opens
 * and imports, checked in seal version 3; a link added to it later is refused. */
static void
test_format_3 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data",
                                               "package-v3-books.parscore.gz", NULL);
  g_autofree char *path = g_build_filename (f->tmpdir, "package-v3.parscore", NULL);
  g_autofree char *added = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(ParStore) council = NULL;
  g_autoptr(ParSealCheck) seal = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  const ParPackageInfo *info;
  gint64 id;

  par_test_gunzip (gz, path);
  package = par_package_open (path, &error);
  g_assert_no_error (error);
  info = par_package_get_info (package);
  g_assert_cmpstr (info->format, ==, PAR_PACKAGE_FORMAT_3);
  g_assert_cmpuint (info->n_register_rows, ==, 3);
  g_assert_cmpstr (info->year_seal, ==,
                   "a0a958b0f9a30c421077921ca32667294238bb335b305e91de150673b4af750d");

  council = council_store (f);
  id = par_package_import (council, package, PAR_PACKAGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (council, id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (rows), ==, 3);
  g_assert_cmpstr (par_register_rows_get (rows, 0, 0), ==, "Ban hành Kế hoạch CCHC năm 2020");
  g_assert_cmpint (par_register_rows_get_document (rows, 0), ==, 0);
  seal = par_store_check_seal (council, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seal->state, ==, PAR_SEAL_INTACT);
  g_clear_object (&council);
  g_clear_pointer (&package, par_package_free);
  {
    g_autofree char *council_dir = g_build_filename (f->tmpdir, "hội đồng", NULL);

    par_test_remove_tree (council_dir);
  }

  added = copy_of (f, path, "linked.parscore");
  sql (added, "ALTER TABLE register_rows ADD COLUMN document_id INTEGER REFERENCES documents (id);"
              "PRAGMA user_version = 9;"
              "UPDATE register_rows SET document_id = (SELECT min (id) FROM documents) WHERE position = 1");
  assert_refused (f, added, PAR_ERROR_INTEGRITY, "parscore-package 3, which carries no register "
                  "row's document, but links 1 (table register_rows)", NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/package/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/package/replace", Fixture, NULL, fixture_set_up, test_replace, fixture_tear_down);
  g_test_add ("/package/tampered", Fixture, NULL, fixture_set_up, test_tampered,
              fixture_tear_down);
  g_test_add ("/package/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);
  g_test_add ("/package/figures", Fixture, NULL, fixture_set_up, test_figures, fixture_tear_down);
  g_test_add ("/package/figure-tampered", Fixture, NULL, fixture_set_up, test_figure_tampered,
              fixture_tear_down);
  g_test_add ("/package/format-1", Fixture, NULL, fixture_set_up, test_format_1,
              fixture_tear_down);
  g_test_add ("/package/format-2", Fixture, NULL, fixture_set_up, test_format_2,
              fixture_tear_down);
  g_test_add ("/package/registers", Fixture, NULL, fixture_set_up, test_registers,
              fixture_tear_down);
  g_test_add ("/package/register-tampered", Fixture, NULL, fixture_set_up, test_register_tampered,
              fixture_tear_down);
  g_test_add ("/package/reply-evidence", Fixture, NULL, fixture_set_up, test_reply_evidence,
              fixture_tear_down);
  g_test_add ("/package/register-links", Fixture, NULL, fixture_set_up, test_register_links,
              fixture_tear_down);
  g_test_add ("/package/format-3", Fixture, NULL, fixture_set_up, test_format_3,
              fixture_tear_down);
  return g_test_run ();
}
