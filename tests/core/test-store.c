/* test-store.c — the SQLite store: round-trips, audit, locking, evidence, attachments, busy,
 * odd paths and version refusal.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"
#include "store-fixture.h"

/* ------------------------------------------------------------------------------------------ */

static void
test_fold (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Cải cách HÀNH CHÍNH", "cai cach hanh chinh" },
    { "Đồng Nai", "dong nai" },
    { "06/KH-KCNĐN", "06/kh-kcndn" },
    { "Quyết định", "quyet dinh" },
    { "Ủy ban nhân dân tỉnh Cà Mau", "uy ban nhan dan tinh ca mau" },
    { "plain ascii 123", "plain ascii 123" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = par_fold_for_search (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
  {
    /* Already-decomposed input folds the same as precomposed input. */
    g_autofree char *nfd = g_utf8_normalize ("Tiếng Việt", -1, G_NORMALIZE_NFD);
    g_autofree char *folded = par_fold_for_search (nfd);

    g_assert_cmpstr (folded, ==, "tieng viet");
  }
  {
    g_autofree char *folded = par_fold_for_search (NULL);

    g_assert_cmpstr (folded, ==, "");
  }
}

static void
test_strings (void)
{
  ParStatus status;
  ParLevel level;

  g_assert_cmpstr (par_status_to_string (PAR_STATUS_SUBMITTED), ==, "submitted");
  g_assert_true (par_status_from_string ("appraised", &status));
  g_assert_cmpint (status, ==, PAR_STATUS_APPRAISED);
  g_assert_false (par_status_from_string ("locked", &status));
  g_assert_cmpstr (par_level_to_string (PAR_LEVEL_COMMUNE), ==, "commune");
  g_assert_true (par_level_from_string ("district", &level));
  g_assert_cmpint (level, ==, PAR_LEVEL_DISTRICT);
  g_assert_false (par_level_from_string ("province", &level));
}

static void
test_default_path (void)
{
  g_autofree char *path = par_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "parscore",
                                                "parscore.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *attachments = g_strconcat (f->db_path, ".attachments", NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpstr (par_store_get_path (f->store), ==, f->db_path);
  g_assert_cmpstr (par_store_get_attachments_dir (f->store), ==, attachments);
  g_assert_cmpint (par_store_get_schema_version (f->store), ==, PAR_STORE_SCHEMA_VERSION);
  g_assert_true (g_file_test (f->db_path, G_FILE_TEST_IS_REGULAR));

  /* WAL is a property of the file: a fresh connection sees it. */
  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, PAR_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Reopening an up-to-date database changes nothing and keeps the data. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ParStore) again = par_store_open (f->db_path, &error);
    g_autoptr(GPtrArray) units = NULL;

    g_assert_no_error (error);
    units = par_store_list_units (again, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (units->len, ==, 1);
  }
}

static void
test_units (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const ParAuditEntry *row;
  ParUnit *unit;
  gint64 noi_vu, an_nhon;

  noi_vu = par_store_add_unit (f->store, "  Sở Nội vụ ", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  an_nhon = par_store_add_unit (f->store, "Thị xã An Nhơn", PAR_LEVEL_DISTRICT, &error);
  g_assert_no_error (error);
  /* Rows are numbered after the fixture's unit. */
  g_assert_cmpint (noi_vu, ==, f->unit_id + 1);
  g_assert_cmpint (an_nhon, ==, f->unit_id + 2);

  g_assert_cmpint (par_store_add_unit (f->store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A unit named “Sở Nội vụ” exists already.");
  g_clear_error (&error);
  g_assert_cmpint (par_store_add_unit (f->store, "   ", PAR_LEVEL_DEPARTMENT, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  /* Sorted by name ignoring diacritics: Ban…, Sở…, Thị… */
  units = par_store_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 3);
  g_assert_cmpstr (((ParUnit *) units->pdata[0])->name, ==, "Ban Quản lý các Khu công nghiệp");
  g_assert_cmpstr (((ParUnit *) units->pdata[1])->name, ==, "Sở Nội vụ");
  g_assert_cmpint (((ParUnit *) units->pdata[1])->level, ==, PAR_LEVEL_DEPARTMENT);
  g_assert_cmpstr (((ParUnit *) units->pdata[2])->name, ==, "Thị xã An Nhơn");
  g_assert_cmpint (((ParUnit *) units->pdata[2])->level, ==, PAR_LEVEL_DISTRICT);

  unit = par_store_find_unit (f->store, "Sở Nội vụ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (unit->id, ==, noi_vu);
  par_unit_free (unit);
  {
    g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, an_nhon);

    unit = par_store_find_unit (f->store, digits, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (unit->name, ==, "Thị xã An Nhơn");
    par_unit_free (unit);
  }
  unit = par_store_find_unit (f->store, "ban quan ly cac khu cong nghiep", &error);
  g_assert_no_error (error);
  g_assert_cmpint (unit->id, ==, f->unit_id);
  par_unit_free (unit);
  g_assert_null (par_store_find_unit (f->store, "Sở Tài chính", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (par_store_rename_unit (f->store, noi_vu, "Sở Nội vụ tỉnh Bình Định", &error));
  g_assert_no_error (error);
  g_assert_false (par_store_rename_unit (f->store, an_nhon, "Sở Nội vụ tỉnh Bình Định", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (par_store_rename_unit (f->store, 999, "X", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  audit = audit_rows (f->store, "unit ");
  {
    g_autofree char *what = g_strdup_printf ("unit %" G_GINT64_FORMAT " name", noi_vu);

    row = expect_audit (audit, what);
    g_assert_cmpstr (row->old_value, ==, "Sở Nội vụ");
    g_assert_cmpstr (row->new_value, ==, "Sở Nội vụ tỉnh Bình Định");
    g_assert_true (g_str_has_suffix (row->when, "Z"));
    g_assert_cmpint (strlen (row->when), ==, strlen ("2026-11-22T03:04:05Z"));
  }
  {
    g_autofree char *what = g_strdup_printf ("unit %" G_GINT64_FORMAT " added", an_nhon);

    row = expect_audit (audit, what);
    g_assert_null (row->old_value);
    g_assert_cmpstr (row->new_value, ==, "Thị xã An Nhơn");
  }
}

static void
test_frameworks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file_bytes = framework_bytes ();
  g_autofree char *contents = g_strndup (g_bytes_get_data (file_bytes, NULL),
                                         g_bytes_get_size (file_bytes));
  g_autofree char *sha256 = NULL;
  g_autofree char *changed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(ParFramework) again = NULL;
  g_autoptr(ParFramework) changed_fw = NULL;
  gint64 row, changed_row;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file_bytes);

  /* Same bytes, loaded again: the same row. */
  again = par_framework_load_bytes (file_bytes, "again", &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, again, &error);
  g_assert_no_error (error);
  g_assert_cmpint (row, ==, f->framework_row);

  rows = par_store_list_frameworks (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  {
    gint64 r;
    const char *id, *title, *sha;

    g_variant_get (rows->pdata[0], "(x&s&s&s)", &r, &id, &title, &sha);
    g_assert_cmpint (r, ==, f->framework_row);
    g_assert_cmpstr (id, ==, "camau-2013-department-field1");
    g_assert_cmpstr (title, ==, par_framework_get_title (f->framework));
    g_assert_cmpstr (sha, ==, sha256);
  }

  /* The file changes on disk (a comment added): a new row; the old one keeps its bytes. */
  changed = g_strconcat (contents, "<!-- revised -->\n", NULL);
  {
    g_autoptr(GBytes) changed_bytes = g_bytes_new (changed, strlen (changed));

    changed_fw = par_framework_load_bytes (changed_bytes, "changed", &error);
    g_assert_no_error (error);
  }
  changed_row = par_store_import_framework (f->store, changed_fw, &error);
  g_assert_no_error (error);
  g_assert_cmpint (changed_row, !=, f->framework_row);

  /* A fresh connection has no cache: it parses what is stored. */
  {
    g_autoptr(ParStore) other = par_store_open (f->db_path, &error);
    g_autoptr(ParFramework) stored = NULL;
    g_autoptr(ParFramework) stored_changed = NULL;
    g_autoptr(ParAssessment) assessment = NULL;

    g_assert_no_error (error);
    stored = par_store_load_framework (other, f->framework_row, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (par_framework_get_source (stored), file_bytes));
    g_assert_cmpstr (par_framework_get_sha256 (stored), ==, sha256);

    stored_changed = par_store_load_framework (other, changed_row, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_bytes_get_size (par_framework_get_source (stored_changed)), ==,
                      strlen (changed));

    /* Loaded once per connection. */
    {
      g_autoptr(ParFramework) cached = par_store_load_framework (other, f->framework_row, &error);

      g_assert_no_error (error);
      g_assert_true (cached == stored);
    }

    /* The 2020 assessment still names the set it was created with. */
    assessment = par_store_get_assessment (other, f->assessment_id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (assessment->framework_row, ==, f->framework_row);
    g_assert_cmpstr (assessment->framework_sha256, ==, sha256);
    g_assert_cmpstr (assessment->framework_id, ==, "camau-2013-department-field1");

    g_assert_null (par_store_load_framework (other, 4242, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = par_store_list_frameworks (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_assessments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *what = NULL;
  const ParAuditEntry *row;
  ParAssessment *a;
  gint64 a2019, other_unit, other_2020;

  a2019 = par_store_create_assessment (f->store, f->unit_id, 2019, f->framework_row, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_create_assessment (f->store, f->unit_id, 2020, f->framework_row,
                                                &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==,
                   "“Ban Quản lý các Khu công nghiệp” already has a self-assessment for 2020.");
  g_clear_error (&error);
  g_assert_cmpint (par_store_create_assessment (f->store, 777, 2020, f->framework_row, &error),
                   ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (par_store_create_assessment (f->store, f->unit_id, 2021, 777, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  other_unit = par_store_add_unit (f->store, "Thanh tra tỉnh", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  other_2020 = par_store_create_assessment (f->store, other_unit, 2020, f->framework_row, &error);
  g_assert_no_error (error);

  a = par_store_get_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->unit_id, ==, f->unit_id);
  g_assert_cmpint (a->year, ==, 2020);
  g_assert_cmpint (a->status, ==, PAR_STATUS_DRAFT);
  par_assessment_free (a);

  a = par_store_find_assessment (f->store, f->unit_id, 2019, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->id, ==, a2019);
  par_assessment_free (a);
  g_assert_null (par_store_find_assessment (f->store, f->unit_id, 2018, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = par_store_list_assessments (f->store, f->unit_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((ParAssessment *) list->pdata[0])->year, ==, 2019);
  g_assert_cmpint (((ParAssessment *) list->pdata[1])->year, ==, 2020);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = par_store_list_assessments (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((ParAssessment *) list->pdata[2])->id, ==, other_2020);

  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_APPRAISED, &error));
  g_assert_no_error (error);
  a = par_store_get_assessment (f->store, f->assessment_id, &error);
  g_assert_cmpint (a->status, ==, PAR_STATUS_APPRAISED);
  par_assessment_free (a);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " status", f->assessment_id);
  audit = audit_rows (f->store, what);
  g_assert_cmpuint (audit->len, ==, 2);  /* the repeated "submitted" wrote nothing */
  row = audit->pdata[0];
  g_assert_cmpstr (row->old_value, ==, "draft");
  g_assert_cmpstr (row->new_value, ==, "submitted");
  row = audit->pdata[1];
  g_assert_cmpstr (row->old_value, ==, "submitted");
  g_assert_cmpstr (row->new_value, ==, "appraised");

  g_assert_false (par_store_set_status (f->store, 4242, PAR_STATUS_DRAFT, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static ParEntry *
full_entry (void)
{
  ParEntry *entry = par_entry_new ("1.1.4");

  par_entry_set_input (entry, "done", "19");
  par_entry_set_input (entry, "planned", "20");
  entry->has_self = TRUE;
  entry->self = PAR_POINTS (1, 75);
  entry->not_applicable = FALSE;
  entry->explanation = g_strdup ("Kế hoạch số 06/KH-KCNĐN, phụ lục 2");
  entry->has_appraised = TRUE;
  entry->appraised = PAR_POINTS (1, 50);
  entry->has_survey = TRUE;
  entry->survey = PAR_POINTS (0, 25);
  entry->comment = g_strdup ("Thiếu minh chứng nhiệm vụ 7");
  return entry;
}

static void
test_entries_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = full_entry ();
  g_autoptr(ParEntry) na = par_entry_new ("1.2.1");
  g_autoptr(ParEntry) empty_texts = par_entry_new ("1.1.2");
  g_autoptr(ParEntry) got = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error));
  g_assert_no_error (error);

  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  na->not_applicable = TRUE;
  na->explanation = g_strdup ("Đơn vị không có báo cáo quý");
  par_entry_set_input (empty_texts, "met", "true");
  empty_texts->explanation = g_strdup ("");
  empty_texts->comment = g_strdup ("");
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new ();

    g_ptr_array_add (batch, na);
    g_ptr_array_add (batch, empty_texts);
    g_assert_true (par_store_save_entries (f->store, f->assessment_id, batch, &error));
    g_assert_no_error (error);
  }

  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_true (par_entry_equal (got, entry));
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, "19");
  g_assert_cmpstr (par_entry_get_input (got, "planned"), ==, "20");
  g_assert_true (got->has_self);
  g_assert_cmpint (got->self, ==, 175);
  g_assert_false (got->not_applicable);
  g_assert_cmpstr (got->explanation, ==, "Kế hoạch số 06/KH-KCNĐN, phụ lục 2");
  g_assert_true (got->has_appraised);
  g_assert_cmpint (got->appraised, ==, 150);
  g_assert_true (got->has_survey);
  g_assert_cmpint (got->survey, ==, 25);
  g_assert_cmpstr (got->comment, ==, "Thiếu minh chứng nhiệm vụ 7");

  /* A fresh connection reads the same, all entries with one call. */
  {
    g_autoptr(ParStore) other = par_store_open (f->db_path, &error);

    g_assert_no_error (error);
    entries = par_store_get_entries (other, f->assessment_id, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (entries->len, ==, 3);
  {
    ParEntry *e112 = entries->pdata[0], *e114 = entries->pdata[1], *e121 = entries->pdata[2];

    g_assert_cmpstr (e112->code, ==, "1.1.2");
    g_assert_cmpstr (par_entry_get_input (e112, "met"), ==, "true");
    g_assert_null (e112->explanation);   /* "" is stored as not entered */
    g_assert_null (e112->comment);
    g_assert_false (e112->has_self);
    g_assert_false (e112->has_appraised);
    g_assert_false (e112->has_survey);

    g_assert_true (par_entry_equal (e114, entry));

    g_assert_cmpstr (e121->code, ==, "1.2.1");
    g_assert_true (e121->not_applicable);
    g_assert_cmpstr (e121->explanation, ==, "Đơn vị không có báo cáo quý");
    g_assert_null (par_entry_get_input (e121, "on_time"));
  }

  /* Zero points survive (a zero self score is not "not entered"); a negative score is refused
   * by par_entry_check () and nothing stored changes. */
  entry->self = 0;
  entry->appraised = 0;
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  entry->appraised = -25;
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "1.1.4, appraised score: -0.25 is below zero; enter a score from 0.00 to 2.00");
  g_clear_error (&error);
  g_clear_pointer (&got, par_entry_free);
  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_true (got->has_self);
  g_assert_cmpint (got->self, ==, 0);
  g_assert_true (got->has_appraised);
  g_assert_cmpint (got->appraised, ==, 0);

  /* Emptying every value removes the entry. */
  {
    g_autoptr(ParEntry) cleared = par_entry_new ("1.1.2");

    g_assert_true (par_store_save_entry (f->store, f->assessment_id, cleared, &error));
    g_assert_no_error (error);
    g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.2", &error));
    g_assert_no_error (error);
  }

  g_assert_null (par_store_get_entries (f->store, 4242, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_entries_audit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) all_before = NULL;
  g_autoptr(GPtrArray) all_after = NULL;
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry 1.1.4 ",
                                             f->assessment_id);
  g_autofree char *w_done = g_strconcat (prefix, "input done", NULL);
  g_autofree char *w_planned = g_strconcat (prefix, "input planned", NULL);
  g_autofree char *w_self = g_strconcat (prefix, "self score", NULL);
  g_autofree char *w_expl = g_strconcat (prefix, "explanation", NULL);
  g_autofree char *w_na = g_strconcat (prefix, "not applicable", NULL);
  const ParAuditEntry *row;

  par_entry_set_input (entry, "done", "15");
  par_entry_set_input (entry, "planned", "20");
  entry->has_self = TRUE;
  entry->self = 100;
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  audit = audit_rows (f->store, prefix);
  g_assert_cmpuint (audit->len, ==, 3);
  row = expect_audit (audit, w_done);
  g_assert_null (row->old_value);
  g_assert_cmpstr (row->new_value, ==, "15");
  row = expect_audit (audit, w_self);
  g_assert_null (row->old_value);
  g_assert_cmpstr (row->new_value, ==, "1.00");
  g_clear_pointer (&audit, g_ptr_array_unref);

  /* Saving the same values writes nothing. */
  all_before = par_store_list_audit (f->store, 0, &error);
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  all_after = par_store_list_audit (f->store, 0, &error);
  g_assert_cmpuint (all_after->len, ==, all_before->len);

  /* Change one input, drop another, add an explanation, clear the self score. */
  par_entry_set_input (entry, "done", "19");
  par_entry_set_input (entry, "planned", NULL);
  entry->explanation = g_strdup ("Báo cáo số 123/BC-KCN");
  entry->has_self = FALSE;
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  audit = audit_rows (f->store, prefix);
  g_assert_cmpuint (audit->len, ==, 3 + 4);
  {
    guint done = 0;

    for (guint i = 3; i < audit->len; i++)
      {
        row = audit->pdata[i];
        if (g_strcmp0 (row->what, w_done) == 0)
          {
            g_assert_cmpstr (row->old_value, ==, "15");
            g_assert_cmpstr (row->new_value, ==, "19");
            done |= 1;
          }
        else if (g_strcmp0 (row->what, w_planned) == 0)
          {
            g_assert_cmpstr (row->old_value, ==, "20");
            g_assert_null (row->new_value);
            done |= 2;
          }
        else if (g_strcmp0 (row->what, w_expl) == 0)
          {
            g_assert_null (row->old_value);
            g_assert_cmpstr (row->new_value, ==, "Báo cáo số 123/BC-KCN");
            done |= 4;
          }
        else if (g_strcmp0 (row->what, w_self) == 0)
          {
            g_assert_cmpstr (row->old_value, ==, "1.00");
            g_assert_null (row->new_value);
            done |= 8;
          }
        else
          g_assert_not_reached ();
      }
    g_assert_cmpuint (done, ==, 15);
  }
  g_assert_null (find_audit (audit, w_na));

  /* list_audit's limit counts the newest rows. */
  {
    g_autoptr(GPtrArray) newest = par_store_list_audit (f->store, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (newest->len, ==, 2);
    g_assert_cmpint (((ParAuditEntry *) newest->pdata[0])->id, >,
                     ((ParAuditEntry *) newest->pdata[1])->id);
  }
}

/* Inputs are one canonical JSON object per entry: odd characters survive, keys are sorted,
 * and JSON written by another tool (numbers, escapes, spaces, null) reads back. */
static void
test_entries_json (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) got = NULL;
  const char *odd = "say \"có\" \\ tab\there\nline 2 \x01 😀";
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* A figure that is not of its type never reaches the JSON: par_entry_check () refuses it. */
  par_entry_set_input (entry, "planned", "20");
  par_entry_set_input (entry, "done", odd);
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "1.1.4, figure “Số nhiệm vụ đã hoàn thành” (done): “say"));
  g_clear_error (&error);
  g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error));
  g_assert_no_error (error);

  par_entry_set_input (entry, "done", "19");
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  /* Odd characters written by another tool read back. */
  exec_raw (f, "UPDATE entries SET inputs = json_object ('done', "
               "'say \"có\" \\ tab' || char (9) || 'here' || char (10) || 'line 2 ' || char (1) || ' 😀', "
               "'planned', '20') WHERE code = '1.1.4'");
  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, odd);
  g_assert_cmpstr (par_entry_get_input (got, "planned"), ==, "20");
  g_clear_pointer (&got, par_entry_free);

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT inputs, json_extract (inputs, '$.done') "
                                       "FROM entries WHERE code = '1.1.4'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "{\"done\":"));
  g_assert_true (g_str_has_suffix ((const char *) sqlite3_column_text (stmt, 0), ",\"planned\":\"20\"}"));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, odd);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE entries SET inputs = "
                                 "' { \"planned\" : 20 , \"done\":\"1\\u0039\", \"x\": null, "
                                 "\"s\":\"\\ud83d\\ude00\\/\" } ' WHERE code = '1.1.4'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  /* Not an object: refused by the table itself. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE entries SET inputs = '[1]' WHERE code = '1.1.4'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  sqlite3_close (db);

  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, "19");
  g_assert_cmpstr (par_entry_get_input (got, "planned"), ==, "20");
  g_assert_cmpstr (par_entry_get_input (got, "s"), ==, "😀/");
  g_assert_null (par_entry_get_input (got, "x"));
  g_assert_cmpuint (got->n_inputs, ==, 3);
}

/* The inputs text stays what earlier versions wrote (databases and seals compare it), rows in
 * the older writer's escapes read back and, saved unchanged, are neither rewritten nor
 * audited; a damaged value names its criterion. */
static void
test_entries_json_compat (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) got = NULL;
  g_autoptr(GPtrArray) audit_before = NULL;
  g_autoptr(GPtrArray) audit_after = NULL;
  g_autofree char *text = NULL;
  const char *old_form = "{\"done\":\"a\\u0009b\\u000ac \\u0001 \\\"q\\\" \\\\ đ\","
                         "\"planned\":\"20\"}";

  par_entry_set_input (entry, "planned", "20");
  par_entry_set_input (entry, "done", "19");
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  text = raw_inputs (f, "1.1.4");
  g_assert_cmpstr (text, ==, "{\"done\":\"19\",\"planned\":\"20\"}");
  g_clear_pointer (&text, g_free);

  /* A row as the hand-written writer stored it, control characters as \u00XX. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE entries SET inputs = '%s' "
                                            "WHERE code = '1.1.4'", old_form);
    exec_raw (f, sql);
  }
  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, "a\tb\nc \x01 \"q\" \\ đ");
  g_assert_cmpstr (par_entry_get_input (got, "planned"), ==, "20");

  audit_before = par_store_list_audit (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, got, &error));
  g_assert_no_error (error);
  audit_after = par_store_list_audit (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_after->len, ==, audit_before->len);
  text = raw_inputs (f, "1.1.4");
  g_assert_cmpstr (text, ==, old_form);
  g_clear_pointer (&text, g_free);

  /* Damaged values (only possible behind the table's CHECK) are reported, not misread. */
  exec_raw (f, "PRAGMA ignore_check_constraints = ON; "
               "UPDATE entries SET inputs = '{\"done\":' WHERE code = '1.1.4'");
  g_assert_null (par_store_get_entries (f->store, f->assessment_id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  {
    g_autofree char *expected = g_strdup_printf ("The stored inputs of criterion 1.1.4 are "
                                                 "damaged in the database “%s”. Restore it from "
                                                 "a backup.", f->db_path);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);
  exec_raw (f, "PRAGMA ignore_check_constraints = ON; "
               "UPDATE entries SET inputs = '[\"19\"]' WHERE code = '1.1.4'");
  g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  g_clear_error (&error);
  exec_raw (f, "PRAGMA ignore_check_constraints = ON; "
               "UPDATE entries SET inputs = '{\"done\":{\"a\":1}}' WHERE code = '1.1.4'");
  g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  g_clear_error (&error);

  /* true, false and numbers written by other tools read as their text. */
  exec_raw (f, "UPDATE entries SET inputs = '{\"done\":true,\"planned\":4898,\"x\":false}' "
               "WHERE code = '1.1.4'");
  g_clear_pointer (&got, par_entry_free);
  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, "true");
  g_assert_cmpstr (par_entry_get_input (got, "planned"), ==, "4898");
  g_assert_cmpstr (par_entry_get_input (got, "x"), ==, "false");
}

static void
test_entries_invalid (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) unknown = par_entry_new ("9.9.9");
  g_autoptr(ParEntry) inner = par_entry_new ("1.1");
  g_autoptr(ParEntry) bad_input = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) good = par_entry_new ("1.1.2");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();

  g_assert_false (par_store_save_entry (f->store, f->assessment_id, unknown, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "“9.9.9” is not a scored criterion of the criteria set "
                   "“camau-2013-department-field1”.");
  g_clear_error (&error);
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, inner, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  par_entry_set_input (bad_input, "bogus", "1");
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, bad_input, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "1.1.4: there is no figure “bogus” here; its figures are done, planned");
  g_clear_error (&error);

  /* A batch is all or nothing. */
  par_entry_set_input (good, "met", "true");
  g_ptr_array_add (batch, good);
  g_ptr_array_add (batch, bad_input);
  g_assert_false (par_store_save_entries (f->store, f->assessment_id, batch, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (par_store_get_entry (f->store, f->assessment_id, "1.1.2", &error));
  g_assert_no_error (error);

  g_assert_false (par_store_save_entry (f->store, 4242, good, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_locking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = full_entry ();
  g_autoptr(ParEntry) council = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) got = NULL;
  g_autofree char *file = g_build_filename (f->tmpdir, "plan.pdf", NULL);
  ParEvidenceLink link = { 0 };
  gint64 doc, free_doc;

  doc = add_document (f, "KH", "06/KH-KCNĐN", "2020-01-21", "Ban Quản lý các KCN", "Kế hoạch CCHC 2020");
  free_doc = add_document (f, "BC", "12/BC-KCN", NULL, NULL, NULL);
  link.document_id = doc;
  link.assessment_id = f->assessment_id;
  link.code = (char *) "1.1.1";
  g_assert_true (par_store_link_evidence (f->store, &link, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);

  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  entry->self = 200;
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==,
                   "The 2020 self-assessment of Ban Quản lý các Khu công nghiệp is submitted "
                   "and locked; unlock it to edit.");
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new ();

    g_ptr_array_add (batch, entry);
    g_assert_false (par_store_save_entries (f->store, f->assessment_id, batch, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
    g_clear_error (&error);
  }
  link.code = (char *) "1.1.2";
  g_assert_false (par_store_link_evidence (f->store, &link, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (par_store_unlink_evidence (f->store, f->assessment_id, "1.1.1", doc, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);

  /* The cited document's files and existence are locked with the dossier… */
  write_file (file, "%PDF-1.4 plan", -1);
  g_assert_cmpint (par_store_attach_file (f->store, doc, file, NULL, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (par_store_delete_document (f->store, doc, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  /* …an uncited one is not. */
  {
    gint64 attached = par_store_attach_file (f->store, free_doc, file, NULL, &error);
    g_autoptr(GPtrArray) files = NULL;

    g_assert_no_error (error);
    files = par_store_list_attachments (f->store, free_doc, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (files->len, ==, 1);
    g_assert_cmpint (((ParAttachment *) files->pdata[0])->id, ==, attached);
    g_assert_cmpstr (((ParAttachment *) files->pdata[0])->original_name, ==,
                     strrchr (file, '/') + 1);
  }

  /* The council scores submitted and appraised assessments. */
  council->has_appraised = TRUE;
  council->appraised = 100;
  council->comment = g_strdup ("Đạt 19/20 nhiệm vụ");
  council->has_self = TRUE;      /* ignored: not the council's */
  council->self = 5;
  g_assert_true (par_store_save_council_scores (f->store, f->assessment_id, council, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_APPRAISED, &error));
  council->has_survey = TRUE;
  council->survey = 50;
  g_assert_true (par_store_save_council_scores (f->store, f->assessment_id, council, &error));
  g_assert_no_error (error);

  got = par_store_get_entry (f->store, f->assessment_id, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->self, ==, PAR_POINTS (1, 75));   /* the unit's score is untouched */
  g_assert_cmpstr (par_entry_get_input (got, "done"), ==, "19");
  g_assert_cmpint (got->appraised, ==, 100);
  g_assert_cmpint (got->survey, ==, 50);
  g_assert_cmpstr (got->comment, ==, "Đạt 19/20 nhiệm vụ");

  entry->self = 200;
  g_assert_false (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpstr (error->message, ==,
                   "The 2020 self-assessment of Ban Quản lý các Khu công nghiệp is appraised and "
                   "locked; unlock it to edit.");
  g_clear_error (&error);

  /* Unlocked, it can be edited again. */
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id, PAR_STATUS_DRAFT,
                                                   "Bổ sung", &error));
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_delete_document (f->store, doc, &error));
  g_assert_no_error (error);

  /* Council scores on an entry nobody saved yet create it. */
  {
    g_autoptr(ParEntry) survey_only = par_entry_new ("1.2.2");
    g_autoptr(ParEntry) stored = NULL;

    survey_only->has_survey = TRUE;
    survey_only->survey = 75;
    g_assert_true (par_store_save_council_scores (f->store, f->assessment_id, survey_only, &error));
    g_assert_no_error (error);
    stored = par_store_get_entry (f->store, f->assessment_id, "1.2.2", &error);
    g_assert_no_error (error);
    g_assert_cmpint (stored->survey, ==, 75);
    g_assert_false (stored->has_self);
  }
}

static void
test_documents (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(ParDocument) got = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  ParEvidenceLink link = { 0 };
  gint64 plan, report, decision;
  const char *codes[] = { "1.1.1", "1.1.2", "1.1.3" };

  plan = add_document (f, "KH", "06/KH-KCNĐN", "2020-01-21", "Ban Quản lý các KCN Đồng Nai",
                       "Kế hoạch cải cách hành chính năm 2020");
  report = add_document (f, "BC", "123/BC-KCNĐN", "2020-06-15", "Ban Quản lý các KCN Đồng Nai",
                         "Báo cáo kết quả CCHC 6 tháng đầu năm");
  decision = add_document (f, "QĐ", "754/QĐ-UBND", NULL, "UBND tỉnh Bình Thuận", NULL);

  {
    ParDocument bad = { .kind = (char *) "KH", .number = (char *) "1/KH", .issue_date = (char *) "21/01/2020" };

    g_assert_cmpint (par_store_add_document (f->store, &bad, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
    g_clear_error (&error);
    bad.issue_date = (char *) "2020-02-30";
    g_assert_cmpint (par_store_add_document (f->store, &bad, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
    g_clear_error (&error);
    bad.issue_date = NULL;
    bad.number = (char *) " ";
    g_assert_cmpint (par_store_add_document (f->store, &bad, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
    g_clear_error (&error);
  }

  got = par_store_get_document (f->store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->kind, ==, "KH");
  g_assert_cmpstr (got->number, ==, "06/KH-KCNĐN");
  g_assert_cmpstr (got->issue_date, ==, "2020-01-21");
  g_assert_cmpstr (got->issuer, ==, "Ban Quản lý các KCN Đồng Nai");
  g_assert_cmpstr (got->summary, ==, "Kế hoạch cải cách hành chính năm 2020");

  /* Dated first, by date; then undated. */
  list = par_store_list_documents (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((ParDocument *) list->pdata[0])->id, ==, plan);
  g_assert_cmpint (((ParDocument *) list->pdata[1])->id, ==, report);
  g_assert_cmpint (((ParDocument *) list->pdata[2])->id, ==, decision);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Search ignores case and diacritics, in number, issuer and summary. */
  {
    const struct { const char *filter; guint n; gint64 first; } cases[] = {
      { "cai cach", 1, 0 },
      { "KẾ HOẠCH", 1, 0 },
      { "kcndn", 2, 0 },
      { "dong nai", 2, 0 },
      { "binh thuan", 1, 2 },
      { "754", 1, 2 },
      { "không có", 0, 0 },
      { "", 3, 0 },
    };
    gint64 ids[] = { plan, report, decision };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        list = par_store_list_documents (f->store, cases[i].filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (list->len, ==, cases[i].n);
        if (cases[i].n > 0)
          g_assert_cmpint (((ParDocument *) list->pdata[0])->id, ==, ids[cases[i].first]);
        g_clear_pointer (&list, g_ptr_array_unref);
      }
  }

  /* Update, audited per field. */
  got->summary = (g_free (got->summary), g_strdup ("Kế hoạch CCHC năm 2020 (sửa đổi)"));
  got->issue_date = (g_free (got->issue_date), NULL);
  g_assert_true (par_store_update_document (f->store, got, &error));
  g_assert_no_error (error);
  {
    g_autofree char *what = g_strdup_printf ("document %" G_GINT64_FORMAT " ", plan);
    g_autofree char *w_summary = g_strdup_printf ("document %" G_GINT64_FORMAT " summary", plan);
    g_autofree char *w_date = g_strdup_printf ("document %" G_GINT64_FORMAT " issue date", plan);
    const ParAuditEntry *row;

    audit = audit_rows (f->store, what);
    row = expect_audit (audit, w_summary);
    g_assert_cmpstr (row->old_value, ==, "Kế hoạch cải cách hành chính năm 2020");
    g_assert_cmpstr (row->new_value, ==, "Kế hoạch CCHC năm 2020 (sửa đổi)");
    row = expect_audit (audit, w_date);
    g_assert_cmpstr (row->old_value, ==, "2020-01-21");
    g_assert_null (row->new_value);
  }

  /* One document backs several sub-criteria, each with its own part. */
  link.document_id = plan;
  link.assessment_id = f->assessment_id;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      link.code = (char *) codes[i];
      link.section = i == 0 ? NULL : (char *) "Mục II.3";
      link.pages = i == 2 ? (char *) "5-7" : NULL;
      g_assert_true (par_store_link_evidence (f->store, &link, &error));
      g_assert_no_error (error);
    }
  link.code = (char *) "1.1.1";
  link.document_id = report;
  link.section = NULL;
  link.pages = (char *) "2";
  g_assert_true (par_store_link_evidence (f->store, &link, &error));
  g_assert_no_error (error);

  link.code = (char *) "7.7";
  g_assert_false (par_store_link_evidence (f->store, &link, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  link.code = (char *) "1.1.1";
  link.document_id = 4242;
  g_assert_false (par_store_link_evidence (f->store, &link, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  links = par_store_list_evidence (f->store, f->assessment_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 4);
  g_clear_pointer (&links, g_ptr_array_unref);

  links = par_store_list_evidence (f->store, f->assessment_id, "1.1.1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpint (((ParEvidenceLink *) links->pdata[0])->document_id, ==, plan);
  g_assert_null (((ParEvidenceLink *) links->pdata[0])->section);
  g_assert_cmpint (((ParEvidenceLink *) links->pdata[1])->document_id, ==, report);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[1])->pages, ==, "2");
  g_clear_pointer (&links, g_ptr_array_unref);

  links = par_store_list_evidence (f->store, f->assessment_id, "1.1.3", &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->section, ==, "Mục II.3");
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->pages, ==, "5-7");
  g_assert_cmpint (((ParEvidenceLink *) links->pdata[0])->assessment_id, ==, f->assessment_id);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* Linking again updates the part, audited old → new. */
  link.document_id = plan;
  link.code = (char *) "1.1.3";
  link.section = (char *) "Mục II.3";
  link.pages = (char *) "5-8";
  g_assert_true (par_store_link_evidence (f->store, &link, &error));
  g_assert_no_error (error);
  links = par_store_list_evidence (f->store, f->assessment_id, "1.1.3", &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->pages, ==, "5-8");
  g_clear_pointer (&links, g_ptr_array_unref);
  {
    g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry 1.1.3 evidence %"
                                             G_GINT64_FORMAT, f->assessment_id, plan);
    g_autoptr(GPtrArray) rows = audit_rows (f->store, what);
    const ParAuditEntry *last;

    g_assert_cmpuint (rows->len, ==, 2);
    last = rows->pdata[1];
    g_assert_cmpstr (last->old_value, ==, "06/KH-KCNĐN (Mục II.3; p. 5-7)");
    g_assert_cmpstr (last->new_value, ==, "06/KH-KCNĐN (Mục II.3; p. 5-8)");
  }

  g_assert_true (par_store_unlink_evidence (f->store, f->assessment_id, "1.1.2", plan, &error));
  g_assert_no_error (error);
  g_assert_false (par_store_unlink_evidence (f->store, f->assessment_id, "1.1.2", plan, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting a document drops its links. */
  g_assert_true (par_store_delete_document (f->store, plan, &error));
  g_assert_no_error (error);
  links = par_store_list_evidence (f->store, f->assessment_id, NULL, &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((ParEvidenceLink *) links->pdata[0])->document_id, ==, report);
  g_assert_null (par_store_get_document (f->store, plan, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *src_dir = g_build_filename (f->tmpdir, "Tài liệu kiểm chứng", NULL);
  g_autofree char *file_a = g_build_filename (src_dir, "Kế hoạch 06 KCNĐN 2020.pdf", NULL);
  g_autofree char *file_a_copy = g_build_filename (src_dir, "bản sao.pdf", NULL);
  g_autofree char *file_b = g_build_filename (src_dir, "Báo cáo.txt", NULL);
  g_autofree char *sha_a = NULL;
  g_autofree char *blob_a = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GPtrArray) list = NULL;
  const char *contents_a = "%PDF-1.4\n% Kế hoạch CCHC năm 2020\n1 0 obj <<>> endobj\n%%EOF\n";
  gint64 doc1, doc2, att1, att1_again, att2, att3;
  gsize length;
  ParAttachment *attachment;

  g_assert_cmpint (g_mkdir_with_parents (src_dir, 0700), ==, 0);
  write_file (file_a, contents_a, -1);
  write_file (file_a_copy, contents_a, -1);
  write_file (file_b, "Báo cáo kết quả CCHC\n", -1);
  sha_a = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents_a, -1);

  doc1 = add_document (f, "KH", "06/KH-KCNĐN", "2020-01-21", NULL, NULL);
  doc2 = add_document (f, "BC", "123/BC-KCNĐN", "2020-06-15", NULL, NULL);

  att1 = par_store_attach_file (f->store, doc1, file_a, NULL, &error);
  g_assert_no_error (error);

  list = par_store_list_attachments (f->store, doc1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  attachment = list->pdata[0];
  g_assert_cmpint (attachment->id, ==, att1);
  g_assert_cmpint (attachment->document_id, ==, doc1);
  g_assert_cmpstr (attachment->sha256, ==, sha_a);
  g_assert_cmpint (attachment->size, ==, strlen (contents_a));
  g_assert_cmpstr (attachment->content_type, ==, "application/pdf");
  g_assert_cmpstr (attachment->original_name, ==, "Kế hoạch 06 KCNĐN 2020.pdf");

  /* The blob is a faithful copy named by its hash. */
  blob_a = par_store_attachment_path (f->store, attachment);
  {
    g_autofree char *expected = g_build_filename (par_store_get_attachments_dir (f->store),
                                                  (char[]) { sha_a[0], sha_a[1], 0 }, sha_a, NULL);

    g_assert_cmpstr (blob_a, ==, expected);
  }
  g_file_get_contents (blob_a, &stored, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (stored, length, contents_a, strlen (contents_a));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Same bytes, same document: the existing attachment. */
  att1_again = par_store_attach_file (f->store, doc1, file_a_copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (att1_again, ==, att1);
  /* Same bytes, another document: a second row sharing the one blob. */
  att2 = par_store_attach_file (f->store, doc2, file_a_copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (att2, !=, att1);
  att3 = par_store_attach_file (f->store, doc2, file_b, NULL, &error);
  g_assert_no_error (error);

  list = par_store_list_attachments (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((ParAttachment *) list->pdata[1])->sha256, ==, sha_a);
  g_assert_cmpstr (((ParAttachment *) list->pdata[1])->original_name, ==, "bản sao.pdf");
  g_assert_cmpstr (((ParAttachment *) list->pdata[2])->content_type, ==, "text/plain");
  g_assert_cmpint (((ParAttachment *) list->pdata[2])->id, ==, att3);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Two blobs on disk, no temporary file left. */
  g_assert_cmpuint (count_files (par_store_get_attachments_dir (f->store)), ==, 2);

  /* Missing source file, cancelled copy. */
  {
    g_autofree char *missing = g_build_filename (src_dir, "không có.pdf", NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_cmpint (par_store_attach_file (f->store, doc1, missing, NULL, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_cancellable_cancel (cancellable);
    g_assert_cmpint (par_store_attach_file (f->store, doc1, file_b, cancellable, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_cmpint (par_store_attach_file (f->store, 4242, file_b, NULL, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpuint (count_files (par_store_get_attachments_dir (f->store)), ==, 2);
  }

  /* Removing one of two rows keeps the shared blob; removing the last deletes it. */
  g_assert_true (par_store_remove_attachment (f->store, att1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (blob_a, G_FILE_TEST_IS_REGULAR));
  g_assert_true (par_store_remove_attachment (f->store, att2, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (blob_a, G_FILE_TEST_EXISTS));
  g_assert_false (par_store_remove_attachment (f->store, att2, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (par_store_get_attachments_dir (f->store)), ==, 1);

  /* Deleting a document removes its attachments and their blobs. */
  g_assert_true (par_store_delete_document (f->store, doc2, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (par_store_get_attachments_dir (f->store)), ==, 0);
  list = par_store_list_attachments (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 0);

  {
    g_autofree char *what = g_strdup_printf ("document %" G_GINT64_FORMAT " attachment %"
                                             G_GINT64_FORMAT " added", doc1, att1);
    g_autoptr(GPtrArray) rows = audit_rows (f->store, what);
    g_autofree char *expected = g_strdup_printf ("Kế hoạch 06 KCNĐN 2020.pdf sha256:%s", sha_a);

    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_cmpstr (((ParAuditEntry *) rows->pdata[0])->new_value, ==, expected);
  }
}

static void
test_verify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *a = g_build_filename (f->tmpdir, "a.pdf", NULL);
  g_autofree char *b = g_build_filename (f->tmpdir, "b.pdf", NULL);
  g_autofree char *c = g_build_filename (f->tmpdir, "c.pdf", NULL);
  g_autofree char *blob_a = NULL;
  g_autofree char *blob_b = NULL;
  gint64 doc, doc2, att_a, att_b;
  guint checked;

  write_file (a, "%PDF-1.4 a", -1);
  write_file (b, "%PDF-1.4 bb", -1);
  write_file (c, "%PDF-1.4 ccc", -1);
  doc = add_document (f, "QĐ", "1/QĐ", NULL, NULL, NULL);
  doc2 = add_document (f, "QĐ", "2/QĐ", NULL, NULL, NULL);
  att_a = par_store_attach_file (f->store, doc, a, NULL, &error);
  g_assert_no_error (error);
  att_b = par_store_attach_file (f->store, doc, b, NULL, &error);
  g_assert_no_error (error);
  par_store_attach_file (f->store, doc, c, NULL, &error);
  g_assert_no_error (error);
  par_store_attach_file (f->store, doc2, a, NULL, &error);  /* shares a's blob */
  g_assert_no_error (error);

  checked = par_store_verify_attachments (f->store, &bad, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, 3);
  g_assert_cmpuint (bad->len, ==, 0);
  g_clear_pointer (&bad, g_ptr_array_unref);

  list = par_store_list_attachments (f->store, doc, &error);
  blob_a = par_store_attachment_path (f->store, list->pdata[0]);
  blob_b = par_store_attachment_path (f->store, list->pdata[1]);
  /* Corrupt one blob (same size, one byte changed), delete another. */
  g_assert_cmpint (g_chmod (blob_a, 0600), ==, 0);
  write_file (blob_a, "%PDF-1.4 A", -1);
  g_assert_cmpint (g_unlink (blob_b), ==, 0);

  checked = par_store_verify_attachments (f->store, &bad, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, 3);
  g_assert_cmpuint (bad->len, ==, 2);
  g_assert_cmpint (((ParAttachment *) bad->pdata[0])->id, ==, att_a);
  g_assert_cmpint (((ParAttachment *) bad->pdata[1])->id, ==, att_b);
  g_clear_pointer (&bad, g_ptr_array_unref);

  /* Attaching the file again repairs the damaged blob. */
  par_store_attach_file (f->store, doc, b, NULL, &error);
  g_assert_no_error (error);
  checked = par_store_verify_attachments (f->store, &bad, NULL, &error);
  g_assert_cmpuint (bad->len, ==, 1);
  g_clear_pointer (&bad, g_ptr_array_unref);

  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_cmpuint (par_store_verify_attachments (f->store, &bad, cancellable, &error), ==, 0);
    g_assert_error (error, PAR_ERROR, PAR_ERROR_CANCELLED);
    g_assert_null (bad);
  }
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  sqlite3 *other = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &other, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, &message), ==, SQLITE_OK);

  par_store_set_busy_timeout (f->store, 50);
  g_assert_cmpint (par_store_add_unit (f->store, "Sở Tư pháp", PAR_LEVEL_DEPARTMENT, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_BUSY);
  {
    g_autofree char *expected = g_strdup_printf ("The database “%s” is busy: another window or "
                                                 "program is saving to it. Try again in a "
                                                 "moment.", f->db_path);

    g_assert_cmpstr (error->message, ==, expected);
    g_assert_true (g_str_has_suffix (f->db_path, "/Dữ liệu CCHC/Sở Nội vụ 2020.db"));
  }
  g_clear_error (&error);

  /* Readers are not blocked by a writer in WAL mode. */
  units = par_store_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);

  /* Opening while another connection writes waits, then fails the same way. */
  {
    g_autoptr(ParStore) third = par_store_open (f->db_path, &error);

    g_assert_no_error (error);  /* nothing to migrate: opening needs no write lock */
  }

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (other);

  /* Once the other writer is done, the same write goes through. */
  g_assert_cmpint (par_store_add_unit (f->store, "Sở Tư pháp", PAR_LEVEL_DEPARTMENT, &error),
                   ==, f->unit_id + 1);
  g_assert_no_error (error);
  g_clear_pointer (&units, g_ptr_array_unref);
  units = par_store_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 2);
  g_assert_cmpstr (((ParUnit *) units->pdata[1])->name, ==, "Sở Tư pháp");
}

static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) e111 = par_entry_new ("1.1.1");
  g_autoptr(ParEntry) e114 = par_entry_new ("1.1.4");
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  g_autoptr(ParResult) result = NULL;
  const ParLeafScore *leaf;

  par_entry_set_input (e111, "status", "late");
  par_entry_set_input (e114, "done", "19");
  par_entry_set_input (e114, "planned", "20");
  g_ptr_array_add (batch, e111);
  g_ptr_array_add (batch, e114);
  g_assert_true (par_store_save_entries (f->store, f->assessment_id, batch, &error));
  g_assert_no_error (error);

  result = par_store_score_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  leaf = par_result_get_leaf (result, "1.1.1");
  g_assert_cmpstr (leaf->node->code, ==, "1.1.1");
  g_assert_cmpint (leaf->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (leaf->self, ==, 50);
  leaf = par_result_get_leaf (result, "1.1.4");
  g_assert_cmpint (leaf->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (leaf->self, ==, 200);   /* 95 % > 90 % → 2 */
  g_assert_cmpint (par_result_get_total (result, NULL)->self_total, ==, 250);

  g_assert_null (par_store_score_assessment (f->store, 4242, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

static void
test_statement_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint before;

  g_ptr_array_unref (par_store_list_units (f->store, &error));
  before = par_store_get_cached_statement_count (f->store);
  for (int i = 0; i < 5; i++)
    {
      g_ptr_array_unref (par_store_list_units (f->store, &error));
      g_ptr_array_unref (par_store_get_entries (f->store, f->assessment_id, &error));
    }
  g_assert_no_error (error);
  /* The entries query and its existence check were prepared once each. */
  g_assert_cmpuint (par_store_get_cached_statement_count (f->store), ==, before + 2);
}

/* The cache finds a statement by its text's address first: the same text at two addresses
 * is still one statement, and each address gives the statement of its own text. */
static void
test_statement_cache_by_address (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *one = g_strdup ("SELECT 1 + ?1");
  char *same = g_strdup ("SELECT 1 + ?1");
  char *other = g_strdup ("SELECT 2 + ?1");
  const char *texts[] = { one, same, other, one };
  const gint64 expected[] = { 11, 11, 12, 11 };
  guint before = par_store_get_cached_statement_count (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(ParStmt) stmt = par_store_prepare (f->store, texts[i], &error);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, 10);
      g_assert_cmpint (par_store_step (f->store, stmt, &error), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, expected[i]);
    }
  g_assert_cmpuint (par_store_get_cached_statement_count (f->store), ==, before + 2);
  /* The texts outlive the connection's statements, as the cache requires. */
  g_clear_object (&f->store);
  g_free (one);
  g_free (same);
  g_free (other);
}

/* A set imported in a batch that then rolls back (a package refused at its seal) leaves no
 * row; its number is free again. The store must not keep it as that row's set: when another
 * connection stores a different set there, the first scores that row's years with the set
 * the row holds, not with the one it saw rolled back. */
static void
test_framework_rolled_back (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file_bytes = framework_bytes ();
  g_autofree char *contents = g_strndup (g_bytes_get_data (file_bytes, NULL),
                                         g_bytes_get_size (file_bytes));
  g_autofree char *refused_text = g_strconcat (contents, "<!-- refused -->\n", NULL);
  g_autofree char *stored_text = g_strconcat (contents, "<!-- stored -->\n", NULL);
  g_autoptr(GBytes) refused_bytes = g_bytes_new (refused_text, strlen (refused_text));
  g_autoptr(GBytes) stored_bytes = g_bytes_new (stored_text, strlen (stored_text));
  g_autoptr(ParFramework) refused = par_framework_load_bytes (refused_bytes, "refused", &error);
  g_autoptr(ParFramework) stored = par_framework_load_bytes (stored_bytes, "stored", &error);
  g_autoptr(ParStore) other = NULL;
  g_autoptr(ParFramework) loaded = NULL;
  gint64 refused_row, stored_row;

  g_assert_no_error (error);
  g_assert_true (par_store_batch_begin (f->store, &error));
  refused_row = par_store_import_framework (f->store, refused, &error);
  g_assert_no_error (error);
  g_assert_cmpint (refused_row, >, f->framework_row);
  g_assert_false (par_store_batch_end (f->store, FALSE, NULL));

  other = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  stored_row = par_store_import_framework (other, stored, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored_row, ==, refused_row);

  loaded = par_store_load_framework (f->store, stored_row, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (par_framework_get_source (loaded), stored_bytes));
  g_assert_cmpstr (par_framework_get_sha256 (loaded), ==, par_framework_get_sha256 (stored));
}

static void
test_newer_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("parscore-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (tmpdir, "tương lai.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(ParStore) store = par_store_open (path, &error);

    g_assert_no_error (error);
    par_store_add_unit (store, "Sở Xây dựng", PAR_LEVEL_DEPARTMENT, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  {
    g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %d",
                                              PAR_STORE_SCHEMA_VERSION + 1);

    g_assert_cmpint (sqlite3_exec (db, newer, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  g_file_get_contents (path, &before, &before_len, &error);
  g_assert_no_error (error);

  g_assert_null (par_store_open (path, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  {
    g_autofree char *expected = g_strdup_printf ("The database “%s” was written by a newer "
                                                 "version of Parscore (schema version %d; this "
                                                 "version knows up to %d). Open it with a newer "
                                                 "Parscore; the file was left unchanged.",
                                                 path, PAR_STORE_SCHEMA_VERSION + 1,
                                                 PAR_STORE_SCHEMA_VERSION);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  g_file_get_contents (path, &after, &after_len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (before, before_len, after, after_len);

  par_test_remove_tree (tmpdir);
}

static void
test_foreign_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("parscore-store-XXXXXX", &error);
  g_autofree char *other_db = g_build_filename (tmpdir, "other.sqlite", NULL);
  g_autofree char *text = g_build_filename (tmpdir, "notes.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (other_db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE bookmarks (url TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_file_get_contents (other_db, &before, &before_len, &error);

  g_assert_null (par_store_open (other_db, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  {
    g_autofree char *expected = g_strdup_printf ("The file “%s” is an SQLite database of another "
                                                 "program, not a Parscore database; it was left "
                                                 "unchanged.", other_db);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);
  g_file_get_contents (other_db, &after, &after_len, &error);
  g_assert_cmpmem (before, before_len, after, after_len);

  write_file (text, "This is not a database, it is a text file that is long enough.\n"
                    "This is not a database, it is a text file that is long enough.\n", -1);
  g_assert_null (par_store_open (text, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  g_clear_error (&error);

  par_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/store/fold", test_fold);
  g_test_add_func ("/store/strings", test_strings);
  g_test_add_func ("/store/default-path", test_default_path);
  ADD ("/store/open", test_open);
  ADD ("/store/units", test_units);
  ADD ("/store/frameworks", test_frameworks);
  ADD ("/store/assessments", test_assessments);
  ADD ("/store/entries/round-trip", test_entries_round_trip);
  ADD ("/store/entries/audit", test_entries_audit);
  ADD ("/store/entries/json", test_entries_json);
  ADD ("/store/entries/json-compat", test_entries_json_compat);
  ADD ("/store/entries/invalid", test_entries_invalid);
  ADD ("/store/locking", test_locking);
  ADD ("/store/documents", test_documents);
  ADD ("/store/attachments", test_attachments);
  ADD ("/store/attachments/verify", test_verify);
  ADD ("/store/busy", test_busy);
  ADD ("/store/score", test_score);
  ADD ("/store/statement-cache", test_statement_cache);
  ADD ("/store/statement-cache-by-address", test_statement_cache_by_address);
  ADD ("/store/framework-rolled-back", test_framework_rolled_back);
  g_test_add_func ("/store/newer-version", test_newer_version);
  g_test_add_func ("/store/foreign-files", test_foreign_files);

  return g_test_run ();
}
