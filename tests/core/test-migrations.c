/* test-migrations.c — databases left by older schema versions migrate forward with their data.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"

typedef struct {
  char *tmpdir;
  char *db_path;
  char *fw_contents;
  gsize fw_length;
  char *fw_sha256;
} Fixture;


static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *datadir = g_getenv ("PARSCORE_DATADIR");
  g_autofree char *fw_path = NULL;

  if (datadir != NULL)
    fw_path = g_build_filename (datadir, "frameworks", "camau-2013-field1.xml", NULL);
  else
    fw_path = g_test_build_filename (G_TEST_DIST, "..", "..", "data", "frameworks",
                                     "camau-2013-field1.xml", NULL);
  g_file_get_contents (fw_path, &f->fw_contents, &f->fw_length, &error);
  g_assert_no_error (error);
  f->fw_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) f->fw_contents,
                                              f->fw_length);

  f->tmpdir = g_dir_make_tmp ("parscore-migrations-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "cũ", "parscore.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  par_test_remove_tree (f->tmpdir);
  g_assert_false (g_file_test (f->tmpdir, G_FILE_TEST_EXISTS));
  g_free (f->tmpdir);
  g_free (f->db_path);
  g_free (f->fw_contents);
  g_free (f->fw_sha256);
}

/* Creates the database as a build of schema @version would, and closes it. */
static void
create_at_version (Fixture *f,
                   int      version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open_at_version (f->db_path, version, &error);

  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (store), ==, version);
}

static sqlite3 *
raw_open (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
raw_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The rows every old version can hold: a unit, the stored set, a 2020 assessment, two
 * entries with inputs, a document linked twice, an attachment and an audit row. */
static void
insert_common_rows (Fixture *f,
                    sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  raw_exec (db,
            "INSERT INTO units (id, name, level, created_at) "
            "VALUES (1, 'Ban Quản lý các Khu công nghiệp', 'department', '2021-01-02T03:04:05Z');");
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO frameworks (id, set_id, title, sha256, source, "
                                       "imported_at) VALUES (1, 'camau-2013-department-field1', "
                                       "'Cà Mau 2013', ?1, ?2, '2021-01-02T03:04:05Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, f->fw_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, f->fw_contents, f->fw_length, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  raw_exec (db,
            "INSERT INTO assessments (id, unit_id, year, framework_row, status, created_at) "
            "VALUES (1, 1, 2020, 1, 'submitted', '2021-01-02T03:04:05Z');"
            "INSERT INTO entries (assessment_id, code, inputs, self_score, not_applicable, "
            "explanation, appraised_score) "
            "VALUES (1, '1.1.4', '{\"done\":\"19\",\"planned\":\"20\"}', 200, 0, "
            "'Báo cáo 123/BC-KCN', 150);"
            "INSERT INTO entries (assessment_id, code, not_applicable) VALUES (1, '1.2.1', 1);"
            "INSERT INTO documents (id, kind, number, issue_date, issuer, summary) "
            "VALUES (1, 'KH', '06/KH-KCNĐN', '2020-01-21', 'Ban Quản lý các KCN', "
            "'Kế hoạch CCHC năm 2020');"
            "INSERT INTO evidence_links (document_id, assessment_id, code) "
            "VALUES (1, 1, '1.1.1'), (1, 1, '1.1.4');"
            "INSERT INTO attachments (id, document_id, sha256, size, original_name, added_at) "
            "VALUES (1, 1, '0000000000000000000000000000000000000000000000000000000000000000', "
            "12, 'Kế hoạch.pdf', '2021-01-02T03:04:05Z');"
            "INSERT INTO audit_log (at, what, old_value, new_value) "
            "VALUES ('2021-01-02T03:04:05Z', 'assessment 1 status', 'draft', 'submitted');");
}

/* What every migrated database must show through the public API. */
static void
check_common_rows (ParStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(ParFramework) framework = NULL;
  ParEntry *entry;

  g_assert_cmpint (par_store_get_schema_version (store), ==, PAR_STORE_SCHEMA_VERSION);

  units = par_store_list_units (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (((ParUnit *) units->pdata[0])->name, ==, "Ban Quản lý các Khu công nghiệp");

  assessment = par_store_get_assessment (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (assessment->year, ==, 2020);
  g_assert_cmpint (assessment->status, ==, PAR_STATUS_SUBMITTED);
  g_assert_cmpstr (assessment->framework_id, ==, "camau-2013-department-field1");

  framework = par_store_load_framework (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_framework_get_id (framework), ==, "camau-2013-department-field1");

  entries = par_store_get_entries (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entries->pdata[0];
  g_assert_cmpstr (entry->code, ==, "1.1.4");
  g_assert_cmpstr (par_entry_get_input (entry, "done"), ==, "19");
  g_assert_cmpstr (par_entry_get_input (entry, "planned"), ==, "20");
  g_assert_true (entry->has_self);
  g_assert_cmpint (entry->self, ==, 200);
  g_assert_cmpstr (entry->explanation, ==, "Báo cáo 123/BC-KCN");
  g_assert_true (entry->has_appraised);
  g_assert_cmpint (entry->appraised, ==, 150);
  entry = entries->pdata[1];
  g_assert_cmpstr (entry->code, ==, "1.2.1");
  g_assert_true (entry->not_applicable);
  g_assert_false (entry->has_self);

  document = par_store_get_document (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document->number, ==, "06/KH-KCNĐN");

  links = par_store_list_evidence (store, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->code, ==, "1.1.1");
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[1])->code, ==, "1.1.4");

  attachments = par_store_list_attachments (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_cmpstr (((ParAttachment *) attachments->pdata[0])->original_name, ==, "Kế hoạch.pdf");
  g_assert_cmpint (((ParAttachment *) attachments->pdata[0])->size, ==, 12);
  /* Rows from before v3 get the generic content type. */
  g_assert_cmpstr (((ParAttachment *) attachments->pdata[0])->content_type, ==,
                   "application/octet-stream");

  audit = par_store_list_audit (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, >=, 1);  /* the year's status (and its seal, from v1) */
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[audit->len - 1])->what, ==,
                   "assessment 1 status");
}

/* The schema the current code creates, as text, to compare migrated files with fresh ones. */
static char *
schema_of (const char *path)
{
  GString *text = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, sql FROM sqlite_schema "
                                       "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

static void
check_schema_is_current (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fresh_path = g_build_filename (f->tmpdir, "fresh.db", NULL);
  g_autofree char *migrated = schema_of (f->db_path);
  g_autofree char *fresh = NULL;
  sqlite3 *db;

  {
    g_autoptr(ParStore) store = par_store_open (fresh_path, &error);

    g_assert_no_error (error);
  }
  fresh = schema_of (fresh_path);
  g_assert_cmpstr (migrated, ==, fresh);

  /* What each step adds is there (not only equal to a fresh file: both could lack it). */
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('entries') "
                                "WHERE name = 'survey_score'"), ==, 1);        /* v2 */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('attachments') "
                                "WHERE name = 'content_type'"), ==, 1);        /* v3 */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema "
                                "WHERE type = 'index' AND name = 'audit_log_at'"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('audit_log') "
                                "WHERE name IN ('actor', 'reason')"), ==, 2);  /* v5 */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('figure_values') "
                                "WHERE name IN ('figure', 'period', 'value')"), ==, 3);  /* v6 */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('register_cells') "
                                "WHERE name IN ('row_id', 'col', 'kind', 'value')"), ==, 4);  /* v8 */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_list ('register_rows') "
                                "WHERE \"table\" = 'documents' AND \"from\" = 'document_id' "
                                "AND on_delete = 'SET NULL'"), ==, 1);   /* v9 */
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, PAR_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (db, "PRAGMA application_id"), ==, 0x50415253);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);
}

static void
test_from_v1 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParEntry) council = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) got = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  sqlite3 *db;

  create_at_version (f, 1);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  /* v1 has no survey score yet. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('entries') "
                                "WHERE name = 'survey_score'"), ==, 0);
  insert_common_rows (f, db);
  sqlite3_close (db);

  store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  check_common_rows (store);

  {
    g_autoptr(GPtrArray) links = par_store_list_evidence (store, 1, "1.1.1", &error);

    g_assert_null (((ParEvidenceLink *) links->pdata[0])->section);
    g_assert_null (((ParEvidenceLink *) links->pdata[0])->pages);
  }

  /* The new columns work: the council adds a survey score and a comment. */
  council->has_appraised = TRUE;
  council->appraised = 150;
  council->has_survey = TRUE;
  council->survey = 25;
  council->comment = g_strdup ("Khảo sát bổ sung");
  g_assert_true (par_store_save_council_scores (store, 1, council, &error));
  g_assert_no_error (error);
  got = par_store_get_entry (store, 1, "1.1.4", &error);
  g_assert_cmpint (got->survey, ==, 25);
  g_assert_cmpstr (got->comment, ==, "Khảo sát bổ sung");
  g_assert_cmpint (got->self, ==, 200);
  audit = par_store_list_audit (store, 1, &error);
  g_assert_cmpstr (((ParAuditEntry *) audit->pdata[0])->what, ==, "assessment 1 entry 1.1.4 comment");

  g_clear_object (&store);
  check_schema_is_current (f);
}

static void
test_from_v2 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(ParEntry) got = NULL;
  sqlite3 *db;

  create_at_version (f, 2);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 2);
  /* v2 has no content type on attachments yet. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('attachments') "
                                "WHERE name = 'content_type'"), ==, 0);
  insert_common_rows (f, db);
  raw_exec (db,
            "UPDATE entries SET survey_score = 75, comment = 'Hội đồng: đạt' WHERE code = '1.1.4';"
            "UPDATE evidence_links SET section = 'Mục II.3', pages = '5-7' WHERE code = '1.1.4';");
  sqlite3_close (db);

  store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  check_common_rows (store);

  got = par_store_get_entry (store, 1, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_true (got->has_survey);
  g_assert_cmpint (got->survey, ==, 75);
  g_assert_cmpstr (got->comment, ==, "Hội đồng: đạt");

  links = par_store_list_evidence (store, 1, "1.1.4", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->section, ==, "Mục II.3");
  g_assert_cmpstr (((ParEvidenceLink *) links->pdata[0])->pages, ==, "5-7");

  g_clear_object (&store);
  check_schema_is_current (f);
}

/* v5 adds who made each change and why: old rows have neither, new ones both. */
static void
test_from_v4 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  ParAuditEntry *row;
  sqlite3 *db;

  create_at_version (f, 4);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('audit_log') "
                                "WHERE name IN ('actor', 'reason')"), ==, 0);
  insert_common_rows (f, db);
  sqlite3_close (db);

  store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  check_common_rows (store);

  audit = par_store_list_audit (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  row = audit->pdata[0];
  g_assert_cmpstr (row->what, ==, "assessment 1 status");
  g_assert_null (row->actor);
  g_assert_null (row->reason);
  g_clear_pointer (&audit, g_ptr_array_unref);

  par_store_set_actor (store, "Trần Thị B");
  g_assert_true (par_store_set_status_with_reason (store, 1, PAR_STATUS_DRAFT,
                                                   "Bổ sung minh chứng 1.1.4", &error));
  g_assert_no_error (error);
  audit = par_store_list_audit (store, 1, &error);
  g_assert_no_error (error);
  row = audit->pdata[0];
  g_assert_cmpstr (row->what, ==, "assessment 1 status");
  g_assert_cmpstr (row->old_value, ==, "submitted");
  g_assert_cmpstr (row->new_value, ==, "draft");
  g_assert_cmpstr (row->actor, ==, "Trần Thị B");
  g_assert_cmpstr (row->reason, ==, "Bổ sung minh chứng 1.1.4");

  g_clear_object (&store);
  check_schema_is_current (f);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('audit_log') "
                                "WHERE name IN ('actor', 'reason')"), ==, 2);
  sqlite3_close (db);
}

/* v6 adds figure values (format 2): the years already stored keep everything and have none;
 * values are text (never a floating-point number) and go with their year. */
static void
test_from_v5 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_at_version (f, 5);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema "
                                "WHERE name = 'figure_values'"), ==, 0);
  insert_common_rows (f, db);
  raw_exec (db, "UPDATE audit_log SET actor = 'Trần Thị B', reason = 'Nộp hồ sơ';");
  sqlite3_close (db);

  {
    g_autoptr(ParStore) store = par_store_open (f->db_path, &error);
    g_autoptr(GPtrArray) audit = NULL;

    g_assert_no_error (error);
    check_common_rows (store);
    audit = par_store_list_audit (store, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((ParAuditEntry *) audit->pdata[audit->len - 1])->actor, ==, "Trần Thị B");
  }
  check_schema_is_current (f);

  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM figure_values"), ==, 0);
  raw_exec (db, "INSERT INTO figure_values (assessment_id, figure, period, value) "
                "VALUES (1, 'on_time', 'q1', '2445'), (1, 'on_time', 'q2', '2446');");
  /* The column is text: even a number written by another tool is kept as its text, and a
   * blob or an empty value is refused by the table itself. */
  raw_exec (db, "INSERT INTO figure_values VALUES (1, 'share', 'year', 99.5)");
  g_assert_cmpint (raw_int (db, "SELECT typeof (value) = 'text' AND value = '99.5' "
                                "FROM figure_values WHERE figure = 'share'"), ==, 1);
  raw_exec (db, "DELETE FROM figure_values WHERE figure = 'share'");
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO figure_values VALUES (1, 'share', 'year', x'3939')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO figure_values VALUES (1, 'share', 'year', '')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (raw_int (db, "SELECT sum (CAST (value AS INTEGER)) FROM figure_values"), ==, 4891);
  raw_exec (db, "DELETE FROM assessments WHERE id = 1;");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM figure_values"), ==, 0);
  sqlite3_close (db);
}

/* Version 7 → 8 (issue 13): the register tables arrive empty, everything before is kept, and
 * the new tables hold typed rows that go with their year. */
static void
test_from_v7 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_at_version (f, 7);
  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM sqlite_schema "
                                "WHERE name = 'register_rows'"), ==, 0);
  insert_common_rows (f, db);
  raw_exec (db, "INSERT INTO figure_values (assessment_id, figure, period, value) "
                "VALUES (1, 'on_time', 'q1', '2445');");
  sqlite3_close (db);

  {
    g_autoptr(ParStore) store = par_store_open (f->db_path, &error);
    g_assert_no_error (error);
    check_common_rows (store);
  }
  check_schema_is_current (f);

  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM figure_values"), ==, 1);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_rows"), ==, 0);
  raw_exec (db, "INSERT INTO register_rows (id, assessment_id, register, position) "
                "VALUES (1, 1, 'procedure_stats', 1);"
                "INSERT INTO register_cells VALUES (1, 'on_time', 'integer', 4891), "
                "(1, 'period', 'choice', 'h1'), (1, 'done', 'date', '2020-06-30'), "
                "(1, 'ok', 'yes-no', 1), (1, 'share', 'decimal', '99.86');");
  g_assert_cmpint (raw_int (db, "SELECT value FROM register_cells WHERE col = 'on_time'"), ==, 4891);
  /* Typed by kind: a count as text, a decimal as a float, a yes/no of 2 are refused. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'late', 'integer', '7')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'x', 'decimal', 99.5)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'y', 'yes-no', 2)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_rows (assessment_id, register, position) "
                                 "VALUES (1, 'procedure_stats', 1)", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  raw_exec (db, "DELETE FROM assessments WHERE id = 1;");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_rows"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_cells"), ==, 0);
  sqlite3_close (db);
}

/* Version 8 → 9 (issue 13): a register row can link an evidence document. The rows and cells
 * an 8 database holds come through unchanged, unlinked; a link goes with its document's
 * deletion (the row stays, unlinked) and refuses a document that does not exist. */
static void
test_from_v8 (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_at_version (f, 8);
  db = raw_open (f);
  insert_common_rows (f, db);
  raw_exec (db, "INSERT INTO register_rows (id, assessment_id, register, position, carried_from) "
                "VALUES (7, 1, 'plan_tasks', 1, NULL), (8, 1, 'plan_tasks', 2, 3);"
                "INSERT INTO register_cells VALUES (7, 'task', 'text', 'Ban hành kế hoạch CCHC'), "
                "(7, 'deadline', 'date', '2020-01-15'), (8, 'task', 'text', 'Rà soát TTHC'), "
                "(8, 'done', 'yes-no', 1), (8, 'files', 'integer', 4891);");
  sqlite3_close (db);

  {
    g_autoptr(ParStore) store = par_store_open (f->db_path, &error);
    g_assert_no_error (error);
    check_common_rows (store);
  }
  check_schema_is_current (f);

  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_rows"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_rows WHERE document_id IS NULL"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT carried_from FROM register_rows WHERE id = 8"), ==, 3);
  g_assert_cmpint (raw_int (db, "SELECT position FROM register_rows WHERE id = 8"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_cells"), ==, 5);
  g_assert_cmpint (raw_int (db, "SELECT value FROM register_cells WHERE col = 'files' "
                                "AND typeof (value) = 'integer'"), ==, 4891);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_cells WHERE row_id = 7 AND "
                                "value = 'Ban hành kế hoạch CCHC'"), ==, 1);
  /* A link to the document kept; one to no document is refused; deleting the document leaves
   * the row, unlinked. */
  raw_exec (db, "UPDATE register_rows SET document_id = 1 WHERE id = 7;");
  g_assert_cmpint (sqlite3_exec (db, "UPDATE register_rows SET document_id = 99 WHERE id = 8",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  raw_exec (db, "DELETE FROM documents WHERE id = 1;");
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_rows WHERE document_id IS NULL"), ==, 2);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM register_cells"), ==, 5);
  sqlite3_close (db);
}

/* Each step commits on its own: a step that fails rolls back alone and leaves the database
 * at the last good version, with its data. */
static void
test_failed_step (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  create_at_version (f, 1);
  db = raw_open (f);
  insert_common_rows (f, db);
  /* Something a v2 step cannot apply over: the column exists already. */
  raw_exec (db, "ALTER TABLE evidence_links ADD COLUMN pages TEXT");
  sqlite3_close (db);

  g_assert_null (par_store_open (f->db_path, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_STORE);
  {
    g_autofree char *expected = g_strdup_printf ("Updating the database “%s” to version 2 failed: "
                                                 "duplicate column name: pages. It was left at "
                                                 "version 1.", f->db_path);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  db = raw_open (f);
  g_assert_cmpint (raw_int (db, "PRAGMA user_version"), ==, 1);
  /* The v2 statements before the failing one were rolled back too. */
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM pragma_table_info ('entries') "
                                "WHERE name = 'survey_score'"), ==, 0);
  g_assert_cmpint (raw_int (db, "SELECT count(*) FROM entries"), ==, 2);
  sqlite3_close (db);
}

/* Migrating one step at a time, as successive releases would, ends where a fresh database is. */
static void
test_step_by_step (Fixture       *f,
                   gconstpointer  data)
{
  for (int version = 1; version <= PAR_STORE_SCHEMA_VERSION; version++)
    create_at_version (f, version);
  check_schema_is_current (f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/migrations/from-v1", Fixture, NULL, fixture_set_up, test_from_v1, fixture_tear_down);
  g_test_add ("/migrations/from-v2", Fixture, NULL, fixture_set_up, test_from_v2, fixture_tear_down);
  g_test_add ("/migrations/from-v4", Fixture, NULL, fixture_set_up, test_from_v4, fixture_tear_down);
  g_test_add ("/migrations/from-v5", Fixture, NULL, fixture_set_up, test_from_v5, fixture_tear_down);
  g_test_add ("/migrations/from-v7", Fixture, NULL, fixture_set_up, test_from_v7, fixture_tear_down);
  g_test_add ("/migrations/from-v8", Fixture, NULL, fixture_set_up, test_from_v8, fixture_tear_down);
  g_test_add ("/migrations/failed-step", Fixture, NULL, fixture_set_up, test_failed_step,
              fixture_tear_down);
  g_test_add ("/migrations/step-by-step", Fixture, NULL, fixture_set_up, test_step_by_step,
              fixture_tear_down);

  return g_test_run ();
}
