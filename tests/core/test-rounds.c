/* test-rounds.c — the council's rounds in the store: schema 7 from schema 6, rounds, replies
 * (issue 14). The whole round through the command line is test-cli-round.sh.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"
#include "store-fixture.h"

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A database schema 6 left, with a unit in it, opened by this version: schema 7 adds the
 * rounds, their packages and the replies; what was there stays. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-rounds-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "v6.db", NULL);
  g_autoptr(ParStore) old = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  sqlite3 *db = NULL;

  old = par_store_open_at_version (path, 6, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 6);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM sqlite_schema WHERE name = 'rounds'"), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO units (name, level, created_at) VALUES "
                                     "('Sở Nội vụ', 'department', '2025-01-02T03:04:05Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = par_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (store), ==, PAR_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, PAR_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (path, "SELECT count (*) FROM sqlite_schema WHERE name IN "
                                  "('rounds', 'round_packages', 'replies')"), ==, 3);
  store = par_store_open (path, &error);
  units = par_store_list_units (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpstr (((ParUnit *) units->pdata[0])->name, ==, "Sở Nội vụ");
  rounds = par_store_list_rounds (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rounds->len, ==, 0);
  g_clear_object (&store);
  par_test_remove_tree (dir);
}

static void
test_rounds (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.2");
  gint64 id;

  /* A deadline is a calendar date as dates are stored: not a week date, which an ISO 8601
   * parser reads as the same day but which sorts and shows as no date does. */
  g_assert_cmpint (par_store_create_round (f->store, "camau-2013-department-field1", 2020,
                                           PAR_LEVEL_DEPARTMENT, "2020-W50-4", NULL, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (par_store_create_round (f->store, "camau-2013-department-field1", 2020,
                                           PAR_LEVEL_DEPARTMENT, "2020-12-10", "2021-02-30", &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  id = par_store_create_round (f->store, "camau-2013-department-field1", 2020,
                               PAR_LEVEL_DEPARTMENT, "2020-12-10", NULL, &error);
  g_assert_no_error (error);
  round = par_store_get_round (f->store, id, &error);
  g_assert_cmpstr (round->set_id, ==, "camau-2013-department-field1");
  g_assert_cmpint (round->year, ==, 2020);
  g_assert_cmpint (round->stage, ==, PAR_ROUND_STAGE_APPRAISAL);
  g_assert_cmpstr (round->submission_deadline, ==, "2020-12-10");
  g_assert_null (round->reply_deadline);

  /* The fixture's unit has its 2020 in the round, as a draft: "submitted" once received. */
  units = par_store_round_units (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_assert_cmpint (((ParRoundUnit *) units->pdata[0])->assessment_id, ==, f->assessment_id);

  /* The council's score crosses the one check, with the round in the audit log. */
  entry->has_appraised = TRUE;
  entry->appraised = 500;
  g_assert_false (par_store_round_score (f->store, id, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  entry->appraised = 100;
  g_assert_true (par_store_round_score (f->store, id, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) audit = audit_rows (f->store, "assessment");
    g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT
                                             " entry 1.1.2 appraised score", f->assessment_id);
    const ParAuditEntry *row = expect_audit (audit, what);

    g_assert_cmpstr (row->reason, ==, "round 1");
  }

  /* Replies: a code of the set, a text. */
  g_assert_false (par_store_save_reply (f->store, f->assessment_id, "9.9.9", "x", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_store_save_reply (f->store, f->assessment_id, "1.1.2", "  ", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (par_store_save_reply (f->store, f->assessment_id, "1.1.2", " Đã bổ sung ", &error));
  g_assert_no_error (error);
  replies = par_store_list_replies (f->store, f->assessment_id, &error);
  g_assert_cmpuint (replies->len, ==, 1);
  g_assert_cmpstr (((ParReply *) replies->pdata[0])->text, ==, "Đã bổ sung");

  g_assert_true (par_store_close_round (f->store, id, &error));
  g_assert_true (par_store_close_round (f->store, id, &error));
  g_assert_false (par_store_close_round (f->store, id, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (par_store_round_score (f->store, id, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
}

/* Evidence the unit adds to a reply: on an appraised year only, for a sub-criterion replied on,
 * once; the year sealed again; a document whose file cannot be read is not kept at all. */
static void
test_reply_evidence (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (f->tmpdir, "BC 12 quý III.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "không có.pdf", NULL);
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(ParSealCheck) seal = NULL;
  ParDocument report = { 0, .kind = (char *) "BC", .number = (char *) "12/BC-BQL",
                         .issue_date = (char *) "2020-10-05", .summary = (char *) "Báo cáo quý III" };
  ParDocument other = { 0, .kind = (char *) "BC", .number = (char *) "13/BC-BQL" };
  const char *files[] = { file, NULL };
  const char *bad_files[] = { file, missing, NULL };
  ParEvidenceLink link = { 0, .assessment_id = f->assessment_id, .code = (char *) "1.1.2",
                           .pages = (char *) "2" };
  gint64 attachments_before = -1, document;

  write_file (file, "%PDF-1.4 báo cáo quý III", -1);
  g_assert_true (par_store_save_reply (f->store, f->assessment_id, "1.1.2", "Đã gửi báo cáo",
                                       &error));
  g_assert_no_error (error);

  /* A draft (or submitted) year: not yet. */
  g_assert_cmpint (par_store_add_reply_document (f->store, f->assessment_id, "1.1.2", &report,
                                                 files, NULL, "2", &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->db_path, "SELECT count(*) FROM documents"), ==, 0);

  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_APPRAISED, &error));
  g_assert_no_error (error);

  /* No reply at that code. */
  document = par_store_add_document (f->store, &other, &error);
  g_assert_no_error (error);
  link.document_id = document;
  link.code = (char *) "1.1.3";
  g_assert_false (par_store_add_reply_evidence (f->store, &link, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.1.3: write the reply"));
  g_clear_error (&error);

  /* A file that cannot be read: neither the document nor any file is kept. */
  attachments_before = raw_int (f->db_path, "SELECT count(*) FROM attachments");
  g_assert_cmpint (par_store_add_reply_document (f->store, f->assessment_id, "1.1.2", &report,
                                                 bad_files, NULL, "2", &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->db_path, "SELECT count(*) FROM documents WHERE number = '12/BC-BQL'"),
                   ==, 0);
  g_assert_cmpint (raw_int (f->db_path, "SELECT count(*) FROM attachments"), ==, attachments_before);
  {
    g_autofree char *blobs = g_strconcat (f->db_path, ".attachments", NULL);

    g_assert_cmpuint (count_files (blobs), ==, 0);
  }

  /* The reply's document with its file: cited, listed as the reply's, the year sealed again. */
  document = par_store_add_reply_document (f->store, f->assessment_id, "1.1.2", &report, files,
                                           NULL, "2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document, >, 0);
  evidence = par_store_list_reply_evidence (f->store, f->assessment_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evidence->len, ==, 1);
  g_assert_cmpint (((ParEvidenceLink *) evidence->pdata[0])->document_id, ==, document);
  g_assert_cmpstr (((ParEvidenceLink *) evidence->pdata[0])->code, ==, "1.1.2");
  g_assert_cmpstr (((ParEvidenceLink *) evidence->pdata[0])->pages, ==, "2");
  seal = par_store_check_seal (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (seal->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpint (raw_int (f->db_path, "SELECT count(*) FROM seals WHERE reason = 'reply evidence'"),
                   ==, 1);
  g_assert_cmpint (raw_int (f->db_path, "SELECT count(*) FROM seals WHERE canonical LIKE "
                                        "'%evidence 1.1.2 \"12/BC-BQL\"\tpages \"2\"%'"), ==, 1);

  /* Once. */
  link.document_id = document;
  link.code = (char *) "1.1.2";
  g_assert_false (par_store_add_reply_evidence (f->store, &link, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_EXISTS);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rounds/migration-from-6", test_migration);
  g_test_add ("/rounds/rounds", Fixture, NULL, fixture_set_up, test_rounds, fixture_tear_down);
  g_test_add ("/rounds/reply-evidence", Fixture, NULL, fixture_set_up, test_reply_evidence,
              fixture_tear_down);
  return g_test_run ();
}
