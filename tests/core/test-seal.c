/* test-seal.c — seals of submitted and appraised years (issue 9 #5; data/SEAL.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-integrity.h"
#include "par-seal.h"
#include "par-store-private.h"
#include "par-test-util.h"

typedef struct {
  char     *dir;
  char     *path;
  ParStore *store;
  gint64    assessment_id;
  gint64    document_id;
} Fixture;

static void
save (Fixture    *f,
      const char *code,
      const char *input,
      const char *value,
      const char *explanation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new (code);

  if (input != NULL)
    par_entry_set_input (entry, input, value);
  entry->explanation = g_strdup (explanation);
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
}

static void
council (Fixture    *f,
         const char *code,
         ParPoints   appraised)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new (code);

  entry->has_appraised = TRUE;
  entry->appraised = appraised;
  g_assert_true (par_store_save_council_scores (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
}

/* A year with figures, an explanation, a document with a file, linked. */
static void
make_year (Fixture    *f,
           const char *path,
           gboolean    extra_document_first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "ui", "fixture-set.xml", NULL);
  g_autofree char *file = g_build_filename (f->dir, "KH-06.pdf", NULL);
  g_autoptr(ParFramework) framework = NULL;
  ParDocument document = { 0, .kind = (char *) "KH", .number = (char *) "06/KH-KCN",
                           .issue_date = (char *) "2023-01-14", .issuer = (char *) "Ban Quản lý",
                           .summary = (char *) "Kế hoạch \"CCHC\"\tnăm 2023" };
  ParEvidenceLink link = { 0, };
  gint64 row, unit;

  f->store = par_store_open (path, &error);
  g_assert_no_error (error);
  if (extra_document_first)
    {
      ParDocument other = { 0, .kind = (char *) "BC", .number = (char *) "01/BC" };
      g_assert_cmpint (par_store_add_document (f->store, &other, &error), >, 0);
    }
  framework = par_framework_load_file (xml, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  unit = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT,
                             &error);
  f->assessment_id = par_store_create_assessment (f->store, unit, 2023, row, &error);
  g_assert_no_error (error);
  save (f, "1.1.1", "done", "9", "Chín nhiệm vụ");
  save (f, "1.1.2", "met", "true", NULL);
  f->document_id = par_store_add_document (f->store, &document, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (file, "%PDF-1.4 plan", -1, NULL));
  g_assert_cmpint (par_store_attach_file (f->store, f->document_id, file, NULL, &error), >, 0);
  g_assert_no_error (error);
  link.document_id = f->document_id;
  link.assessment_id = f->assessment_id;
  link.code = (char *) "1.1.1";
  link.section = (char *) "Mục II";
  g_assert_true (par_store_link_evidence (f->store, &link, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parscore-seal-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "seal.db", NULL);
  make_year (f, f->path, FALSE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
set_status (Fixture   *f,
            ParStatus  status)
{
  g_autoptr(GError) error = NULL;

  /* Going back needs a reason (the store refuses an unlock without one). */
  g_assert_true (par_store_set_status_with_reason (f->store, f->assessment_id, status,
                                                   "test-seal", &error));
  g_assert_no_error (error);
}

static ParSealCheck *
check (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ParSealCheck *result = par_store_check_seal (f->store, f->assessment_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* What a tool outside Parscore does: plain SQL on the file. */
static void
outside_sql (Fixture    *f,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Reads one text as a tool outside Parscore would. */
static char *
outside_text (Fixture    *f,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static gint64
count_seals (Fixture *f)
{
  gint64 n = -1;

  g_assert_true (par_store_query_int (f->store, "SELECT count(*) FROM seals", &n, NULL));
  return n;
}

static void
test_canonical_form (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = par_store_list_attachments (f->store, f->document_id, NULL);
  g_autofree char *text = par_store_canonical_year (f->store, f->assessment_id,
                                                    PAR_STATUS_APPRAISED, &error);
  g_autofree char *file_line = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  file_line = g_strdup_printf ("document \"06/KH-KCN\" file %s\t13 \"KH-06.pdf\"",
                               ((ParAttachment *) files->pdata[0])->sha256);
  lines = g_strsplit (text, "\n", -1);
  /* Sorted by bytes, one fact a line, a final line feed, texts quoted and escaped. */
  g_assert_true (g_str_has_suffix (text, "\n"));
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_assert_cmpint (strcmp (lines[i - 1], lines[i]), <, 0);
  g_assert_true (g_strv_contains ((const char * const *) lines, "format\tparscore-seal 4"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "year\t2023"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "status\tappraised"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "entry 1.1.1 input done\t\"9\""));
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "entry 1.1.1 explanation\t\"Chín nhiệm vụ\""));
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "evidence 1.1.1 \"06/KH-KCN\"\tsection \"Mục II\""));
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "document \"06/KH-KCN\" summary\t"
                                  "\"Kế hoạch \\\"CCHC\\\"\\u0009năm 2023\""));
  g_assert_true (g_strv_contains ((const char * const *) lines,
                                  "document \"06/KH-KCN\" date\t2023-01-14"));
  g_assert_true (g_strv_contains ((const char * const *) lines, file_line));
}

static void
test_submit_seals (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ParSealCheck) draft = NULL;
  g_autoptr(ParSealCheck) sealed = NULL;
  g_autofree char *text = NULL;
  g_autofree char *hash = NULL;

  draft = check (f);
  g_assert_cmpint (draft->state, ==, PAR_SEAL_NOT_LOCKED);

  set_status (f, PAR_STATUS_SUBMITTED);
  sealed = check (f);
  g_assert_cmpint (sealed->state, ==, PAR_SEAL_INTACT);
  text = par_store_canonical_year (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_assert_cmpstr (sealed->sealed_sha256, ==, hash);
  g_assert_cmpuint (sealed->changes->len, ==, 0);
  g_assert_nonnull (strstr (sealed->summary, "unchanged since it was sealed"));
}

/* The audit's case: an UPDATE on an appraised year is found, and named. */
static void
test_outside_update_named (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) result = NULL;
  g_autoptr(ParVerifyReport) report = NULL;
  ParSealChange *change;

  council (f, "1.1.1", 100);
  set_status (f, PAR_STATUS_SUBMITTED);
  set_status (f, PAR_STATUS_APPRAISED);

  outside_sql (f, "UPDATE entries SET appraised_score = 15000 WHERE code = '1.1.1'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 1);
  change = result->changes->pdata[0];
  g_assert_cmpstr (change->key, ==, "entry 1.1.1 appraised");
  g_assert_cmpstr (change->sealed, ==, "1.00");
  g_assert_cmpstr (change->now, ==, "150.00");
  g_assert_cmpstr (change->description, ==,
                   "1.1.1, appraised score: 1.00 when sealed, 150.00 now.");
  g_assert_nonnull (strstr (result->summary, "changed after it was sealed"));

  /* verify says it too, and that the database file itself is fine. */
  report = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->database_ok);
  g_assert_cmpuint (report->years_sealed, ==, 1);
  g_assert_cmpuint (report->years_changed, ==, 1);
  {
    gboolean named = FALSE;

    for (guint i = 0; i < report->problems->len; i++)
      named |= g_str_equal (report->problems->pdata[i],
                            "1.1.1, appraised score: 1.00 when sealed, 150.00 now.");
    g_assert_true (named);
  }
}

/* Other changes outside Parscore: a figure, a removed link, a file's hash, the status. */
static void
test_outside_changes_named (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(ParSealCheck) result = NULL;
  g_autoptr(GString) all = g_string_new (NULL);

  set_status (f, PAR_STATUS_SUBMITTED);
  outside_sql (f, "UPDATE entries SET inputs = '{\"done\":\"10\"}' WHERE code = '1.1.1';"
                  "DELETE FROM evidence_links;"
                  "UPDATE attachments SET size = 14;");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  for (guint i = 0; i < result->changes->len; i++)
    g_string_append_printf (all, "%s\n",
                            ((ParSealChange *) result->changes->pdata[i])->description);
  g_test_message ("%s", all->str);
  g_assert_nonnull (strstr (all->str, "1.1.1, figure “done”: \"9\" when sealed, \"10\" now.\n"));
  g_assert_nonnull (strstr (all->str, "1.1.1, evidence \"06/KH-KCN\": section \"Mục II\" when "
                                      "sealed, gone now.\n"));
  g_assert_nonnull (strstr (all->str, "document \"06/KH-KCN\", file "));
}

/* Changes Parscore itself makes to a locked year re-seal it; the council's work on a
 * submitted year is outside a submitted seal. */
static void
test_own_changes_keep_it_sealed (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) after_council = NULL;
  g_autoptr(ParSealCheck) after_appraised = NULL;
  g_autoptr(ParSealCheck) after_document = NULL;
  g_autoptr(ParDocument) document = NULL;

  set_status (f, PAR_STATUS_SUBMITTED);
  g_assert_cmpint (count_seals (f), ==, 1);
  council (f, "1.1.1", 150);
  after_council = check (f);
  g_assert_cmpint (after_council->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpint (count_seals (f), ==, 1);

  set_status (f, PAR_STATUS_APPRAISED);
  council (f, "1.1.1", 125);
  after_appraised = check (f);
  g_assert_cmpint (after_appraised->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpint (count_seals (f), ==, 3);  /* submitted, appraised, council's change */

  document = par_store_get_document (f->store, f->document_id, &error);
  g_assert_no_error (error);
  g_free (document->issuer);
  document->issuer = g_strdup ("Ban Quản lý các KCN");
  g_assert_true (par_store_update_document (f->store, document, &error));
  g_assert_no_error (error);
  after_document = check (f);
  g_assert_cmpint (after_document->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpint (count_seals (f), ==, 4);
}

static void
test_unlock_and_resubmit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ParSealCheck) unlocked = NULL;
  g_autoptr(ParSealCheck) resubmitted = NULL;

  set_status (f, PAR_STATUS_SUBMITTED);
  set_status (f, PAR_STATUS_DRAFT);
  unlocked = check (f);
  g_assert_cmpint (unlocked->state, ==, PAR_SEAL_NOT_LOCKED);
  save (f, "1.1.1", "done", "8", NULL);
  set_status (f, PAR_STATUS_SUBMITTED);
  resubmitted = check (f);
  g_assert_cmpint (resubmitted->state, ==, PAR_SEAL_INTACT);
}

/* Seals removed outside Parscore are reported, not silently made again. */
static void
test_missing_seal (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) result = NULL;

  set_status (f, PAR_STATUS_SUBMITTED);
  outside_sql (f, "DELETE FROM seals");
  g_clear_object (&f->store);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_MISSING);
  g_assert_nonnull (strstr (result->summary, "has no seal"));
}

/* Years locked before seals existed get their first seal in the update that adds them, as
 * they are then; the update's snapshot keeps the database as it was. */
static void
test_sealed_by_migration (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) result = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(ParStore) old = NULL;
  gint64 assessment_id;

  old = par_store_open_at_version (old_path, PAR_STORE_SEALS_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_add_unit (old, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error), >, 0);
  g_assert_no_error (error);
  g_clear_object (&old);
  g_clear_object (&f->store);

  /* The year of the fixture, copied into the old database by plain SQL, submitted there. */
  {
    sqlite3 *db = NULL;
    g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS new", f->path);

    g_assert_cmpint (sqlite3_open (old_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db,
                                   "INSERT INTO frameworks SELECT * FROM new.frameworks;"
                                   "INSERT INTO assessments (id, unit_id, year, framework_row, "
                                   " status, created_at) SELECT id, (SELECT max (id) FROM units), "
                                   " year, framework_row, 'submitted', created_at "
                                   " FROM new.assessments;"
                                   "INSERT INTO entries SELECT * FROM new.entries;"
                                   "INSERT INTO documents SELECT * FROM new.documents;"
                                   "INSERT INTO attachments SELECT * FROM new.attachments;"
                                   "INSERT INTO evidence_links SELECT * FROM new.evidence_links;",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  f->store = par_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (f->store), ==, PAR_STORE_SCHEMA_VERSION);
  g_assert_true (par_store_query_int (f->store, "SELECT min (id) FROM assessments",
                                      &assessment_id, NULL));
  f->assessment_id = assessment_id;
  g_assert_cmpint (count_seals (f), ==, 1);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_clear_pointer (&result, par_seal_check_free);
  /* Recorded in the seals table with its reason, not in the audit log: a migration runs
   * before the audit log's later columns exist. */
  {
    gint64 audited = -1, reason = -1;

    g_assert_true (par_store_query_int (f->store, "SELECT count(*) FROM audit_log "
                                                  "WHERE what LIKE 'seal of %'", &audited, NULL));
    g_assert_cmpint (audited, ==, 0);
    g_assert_true (par_store_query_int (f->store, "SELECT count(*) FROM seals WHERE reason = "
                                                  "'locked before seals existed'", &reason, NULL));
    g_assert_cmpint (reason, ==, 1);
  }

  /* From then on, a change behind Parscore's back is found. */
  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_strdup (old_path);
  outside_sql (f, "UPDATE entries SET explanation = 'Mười nhiệm vụ' WHERE code = '1.1.1'");
  f->store = par_store_open (old_path, &error);
  g_assert_no_error (error);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpstr (((ParSealChange *) result->changes->pdata[0])->key, ==,
                   "entry 1.1.1 explanation");
}

/* A format-2 year of another unit in the fixture's database, with its figures entered per
 * quarter (the seeds' H1 of 2020: 4,891 of 4,898 files on time). */
static gint64
make_figures_year (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "core", "data", "figures-set.xml",
                                                NULL);
  g_autoptr(ParFramework) framework = par_framework_load_file (xml, &error);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  const char *values[][3] = {
    { "received", "q1", "2556" }, { "received", "q2", "2556" }, { "received", "q3", "0" },
    { "received", "q4", "0" }, { "resolved", "q1", "2449" }, { "resolved", "q2", "2449" },
    { "resolved", "q3", "0" }, { "resolved", "q4", "0" }, { "on_time", "q1", "2445" },
    { "on_time", "q2", "2446" }, { "on_time", "q3", "0" }, { "on_time", "q4", "0" },
    { "pending", "year", "214" },
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
  return id;
}

static gboolean
has_problem (ParVerifyReport *report,
             const char      *text)
{
  for (guint i = 0; i < report->problems->len; i++)
    if (strstr (report->problems->pdata[i], text) != NULL)
      return TRUE;
  return FALSE;
}

/* Seal version 2: a submitted year's figure values are sealed; the store refuses to change
 * them; a change behind its back is named by figure and period. */
static void
test_figures_sealed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) result = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(ParVerifyReport) report = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 audited = -1, audited_after = -1;
  ParSealChange *change;

  f->assessment_id = make_figures_year (f);
  set_status (f, PAR_STATUS_SUBMITTED);

  text = par_store_canonical_year (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  g_assert_true (g_strv_contains ((const char * const *) lines, "format\tparscore-seal 4"));
  g_assert_true (g_strv_contains ((const char * const *) lines, "figure on_time q1\t\"2445\""));
  g_assert_true (g_strv_contains ((const char * const *) lines, "figure on_time q4\t\"0\""));
  g_assert_true (g_strv_contains ((const char * const *) lines, "figure pending year\t\"214\""));
  /* Derived figures are computed, never stored: not sealed. */
  g_assert_null (strstr (text, "on_time_share"));
  g_assert_cmpuint (g_strv_length (lines), ==, 4 + 13 + 1);   /* + the empty last "line" */
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, PAR_SEAL_VERSION);
  g_clear_pointer (&result, par_seal_check_free);

  /* Through the store: refused, nothing changed, nothing audited, the seal holds. */
  g_assert_true (par_store_query_int (f->store, "SELECT count(*) FROM audit_log "
                                                "WHERE what LIKE '% figure %'", &audited, NULL));
  g_assert_false (par_store_set_figure_value (f->store, f->assessment_id, "on_time", "q1", "2000",
                                              &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (par_store_set_figure_value (f->store, f->assessment_id, "pending", "year", NULL,
                                              &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_clear_error (&error);
  values = par_store_get_figure_values (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q1"), ==, "2445");
  g_assert_cmpstr (par_figure_values_get (values, "pending", "year"), ==, "214");
  g_assert_true (par_store_query_int (f->store, "SELECT count(*) FROM audit_log "
                                                "WHERE what LIKE '% figure %'", &audited_after,
                                      NULL));
  g_assert_cmpint (audited_after, ==, audited);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_clear_pointer (&result, par_seal_check_free);

  /* Behind the store's back: a value changed, another removed. */
  outside_sql (f, "UPDATE figure_values SET value = '2400' WHERE figure = 'on_time' AND period = 'q1';"
                  "DELETE FROM figure_values WHERE figure = 'pending'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 2);
  change = result->changes->pdata[0];
  g_assert_cmpstr (change->key, ==, "figure on_time q1");
  g_assert_cmpstr (change->sealed, ==, "\"2445\"");
  g_assert_cmpstr (change->now, ==, "\"2400\"");
  g_assert_cmpstr (change->description, ==,
                   "figure “on_time”, Q1: \"2445\" when sealed, \"2400\" now.");
  change = result->changes->pdata[1];
  g_assert_cmpstr (change->description, ==, "figure “pending”, Year: \"214\" when sealed, gone now.");

  /* verify names the unit and the year, then the figure and the period. */
  report = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->years_changed, ==, 1);
  g_assert_true (has_problem (report, "The 2020 self-assessment of Sở Tư pháp changed after it "
                                      "was sealed on "));
  g_assert_true (has_problem (report, "figure “on_time”, Q1: \"2445\" when sealed, \"2400\" now."));
}

/* A seal made before figure values were sealed (version 1, by the Parscore of main d8f4102:
 * tests/core/data/seal-v1-unit.db.gz) is checked in version 1: it verifies as it did, and still
 * finds what it covers changed. Submitting the year again seals it in version 2. */
static void
test_version_1_still_verifies (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data", "seal-v1-unit.db.gz",
                                               NULL);
  g_autoptr(ParSealCheck) result = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autofree char *sealed_text = NULL;
  gint64 id = 0;

  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "seal-v1.db", NULL);
  par_test_gunzip (gz, f->path);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_query_int (f->store, "SELECT id FROM assessments", &id, NULL));
  f->assessment_id = id;
  values = par_store_get_figure_values (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_figure_values_count (values), ==, 16);

  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, 1);
  g_assert_cmpint (result->status, ==, PAR_STATUS_SUBMITTED);
  g_clear_pointer (&result, par_seal_check_free);

  /* What version 1 sealed is still watched. */
  outside_sql (f, "UPDATE entries SET self_score = 50 WHERE code = '1.1.2'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) result->changes->pdata[0])->description, ==,
                   "1.1.2, self-assessed score: 0.75 when sealed, 0.50 now.");
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE entries SET self_score = 75 WHERE code = '1.1.2'");

  /* Unlocked and submitted again: sealed in the newest version, figures and all. */
  set_status (f, PAR_STATUS_DRAFT);
  set_status (f, PAR_STATUS_SUBMITTED);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, PAR_SEAL_VERSION);
  sealed_text = outside_text (f, "SELECT canonical FROM seals ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (sealed_text, "figure online h1\t\"97.50\"\n"));
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE figure_values SET value = '99.00' WHERE figure = 'online' AND period = 'h2'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpstr (((ParSealChange *) result->changes->pdata[0])->description, ==,
                   "figure “online”, H2: \"98.00\" when sealed, \"99.00\" now.");
}

/* A seal made before register rows were sealed (version 2, by the Parscore of main 9e8211c:
 * tests/core/data/seal-v2-books.db.gz, sample-books.xml with two rows of the plan register) is
 * checked in version 2: it verifies as it did and does not cover the rows. Submitting the year
 * again seals it in version 3, which names a row changed behind Parscore's back. */
static void
test_version_2_still_verifies (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data", "seal-v2-books.db.gz",
                                               NULL);
  g_autoptr(ParSealCheck) result = NULL;
  g_autofree char *sealed_text = NULL;
  gint64 id = 0;

  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "seal-v2.db", NULL);
  par_test_gunzip (gz, f->path);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_query_int (f->store, "SELECT id FROM assessments", &id, NULL));
  f->assessment_id = id;

  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, 2);
  g_clear_pointer (&result, par_seal_check_free);
  /* Version 2 does not cover the rows: a change to one is not a broken seal… */
  outside_sql (f, "UPDATE register_cells SET value = '2020-06-26' WHERE col = 'done' AND row_id = "
                  "(SELECT id FROM register_rows WHERE position = 2)");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE register_cells SET value = '2020-06-25' WHERE col = 'done' AND row_id = "
                  "(SELECT id FROM register_rows WHERE position = 2)");

  /* …until the year is sealed again, in the newest version, rows and all. */
  set_status (f, PAR_STATUS_DRAFT);
  set_status (f, PAR_STATUS_SUBMITTED);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, PAR_SEAL_VERSION);
  sealed_text = outside_text (f, "SELECT canonical FROM seals ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (sealed_text, "register plan_tasks 000002\tdeadline \"2020-06-30\" "
                                         "done \"2020-06-25\" owner \"Thanh tra\" "
                                         "task \"Kiểm tra CCHC đợt 1\"\n"));
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE register_cells SET value = 0 WHERE col = 'issues_plan'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 1);
  g_assert_nonnull (strstr (((ParSealChange *) result->changes->pdata[0])->description,
                            "register “plan_tasks”, row 1: "));
  g_assert_nonnull (strstr (((ParSealChange *) result->changes->pdata[0])->description,
                            "issues_plan \"true\""));
  g_assert_nonnull (strstr (((ParSealChange *) result->changes->pdata[0])->description,
                            "issues_plan \"false\""));
}

/* No row ids in the form: the same year in another database has the same seal. */
static void
test_same_year_same_seal (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autofree char *here = NULL;
  g_autofree char *there = NULL;
  Fixture other = { .dir = f->dir };

  make_year (&other, other_path, TRUE);
  here = par_store_canonical_year (f->store, f->assessment_id, PAR_STATUS_APPRAISED, NULL);
  there = par_store_canonical_year (other.store, other.assessment_id, PAR_STATUS_APPRAISED,
                                    NULL);
  g_assert_cmpstr (here, ==, there);
  g_clear_object (&other.store);
}

/* A seal made before a register row could link a document (version 3, by the Parscore of main
 * fa0b680: tests/core/data/seal-v3-books.db.gz, sample-books.xml, three plan rows, document
 * 01/KH-KCNĐN cited by 1.1.1) still verifies after the update to schema 9, in version 3, which
 * does not cover links. Sealed again (version 4), a row's link and a document only a row links
 * are covered: a link removed behind Parscore's back, or that document's summary changed, is named. */
static void
test_version_3_still_verifies (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gz = g_test_build_filename (G_TEST_DIST, "core", "data", "seal-v3-books.db.gz",
                                               NULL);
  g_autoptr(ParSealCheck) result = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *sealed_text = NULL;
  ParDocument report = { 0, (char *) "BC", (char *) "45/BC-KCNĐN", (char *) "2020-06-20", NULL,
                         (char *) "Báo cáo CCHC 6 tháng" };
  gint64 id = 0, report_id;

  g_clear_object (&f->store);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "seal-v3.db", NULL);
  par_test_gunzip (gz, f->path);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (f->store), ==, 9);
  g_assert_true (par_store_query_int (f->store, "SELECT id FROM assessments", &id, NULL));
  f->assessment_id = id;

  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, 3);
  g_clear_pointer (&result, par_seal_check_free);
  /* Version 3 does not cover links: one made behind Parscore's back is not a broken seal. */
  outside_sql (f, "UPDATE register_rows SET document_id = 1 WHERE position = 3");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE register_rows SET document_id = NULL");

  /* Unlocked, two rows linked — one to a document only that row cites — and submitted again. */
  set_status (f, PAR_STATUS_DRAFT);
  report_id = par_store_add_document (f->store, &report, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (f->store, id, "plan_tasks", &error);
  g_assert_no_error (error);
  par_register_rows_set_document (rows, 0, 1);
  par_register_rows_set_document (rows, 1, report_id);
  g_assert_true (par_store_set_register_rows (f->store, id, "plan_tasks", rows, FALSE, NULL, &error));
  g_assert_no_error (error);
  set_status (f, PAR_STATUS_SUBMITTED);
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_INTACT);
  g_assert_cmpuint (result->version, ==, 4);
  g_clear_pointer (&result, par_seal_check_free);
  sealed_text = outside_text (f, "SELECT canonical FROM seals ORDER BY id DESC LIMIT 1");
  g_assert_nonnull (strstr (sealed_text, "\nformat\tparscore-seal 4\n"));
  g_assert_nonnull (strstr (sealed_text, "\nregister plan_tasks 000001 document\t\"01/KH-KCNĐN\"\n"));
  g_assert_nonnull (strstr (sealed_text, "\nregister plan_tasks 000002 document\t\"45/BC-KCNĐN\"\n"));
  g_assert_nonnull (strstr (sealed_text, "\ndocument \"45/BC-KCNĐN\" summary\t\"Báo cáo CCHC 6 tháng\"\n"));
  g_assert_null (strstr (sealed_text, "register plan_tasks 000003 document"));

  /* A link removed outside Parscore is named… */
  outside_sql (f, "UPDATE register_rows SET document_id = NULL WHERE position = 1");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) result->changes->pdata[0])->description, ==,
                   "register “plan_tasks”, row 1, evidence document: \"01/KH-KCNĐN\" when sealed, gone now.");
  g_clear_pointer (&result, par_seal_check_free);
  outside_sql (f, "UPDATE register_rows SET document_id = 1 WHERE position = 1");
  /* …and so is the description of a document only a row cites. */
  outside_sql (f, "UPDATE documents SET summary = 'Báo cáo CCHC năm' WHERE number = '45/BC-KCNĐN'");
  result = check (f);
  g_assert_cmpint (result->state, ==, PAR_SEAL_BROKEN);
  g_assert_cmpuint (result->changes->len, ==, 1);
  g_assert_cmpstr (((ParSealChange *) result->changes->pdata[0])->description, ==,
                   "document \"45/BC-KCNĐN\", summary: \"Báo cáo CCHC 6 tháng\" when sealed, "
                   "\"Báo cáo CCHC năm\" now.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, func) \
  g_test_add ("/seal/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("canonical-form", test_canonical_form);
  ADD ("submit-seals", test_submit_seals);
  ADD ("outside-update-named", test_outside_update_named);
  ADD ("outside-changes-named", test_outside_changes_named);
  ADD ("own-changes-keep-it-sealed", test_own_changes_keep_it_sealed);
  ADD ("unlock-and-resubmit", test_unlock_and_resubmit);
  ADD ("missing-seal", test_missing_seal);
  ADD ("sealed-by-migration", test_sealed_by_migration);
  ADD ("same-year-same-seal", test_same_year_same_seal);
  ADD ("figures-sealed", test_figures_sealed);
  ADD ("version-1-still-verifies", test_version_1_still_verifies);
  ADD ("version-2-still-verifies", test_version_2_still_verifies);
  ADD ("version-3-still-verifies", test_version_3_still_verifies);
#undef ADD

  return g_test_run ();
}
