/* test-store-registers.c — register rows in the store (issue 13): stored typed, one row per record
 * in order, checked by the core's one check inside the write (all or none, the row and the column
 * named), audited, locked with the year, carried forward to the next year where the register
 * says so, and feeding the figures when scoring.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-test-util.h"

typedef struct {
  char     *tmpdir;
  char     *db_path;
  ParStore *store;
  ParFramework *framework;
  gint64    unit;
  gint64    assessment_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "registers", "books.xml", NULL);
  gint64 row;

  f->framework = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  f->tmpdir = g_dir_make_tmp ("parscore-registers-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "sổ theo dõi.db", NULL);
  f->store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, f->framework, &error);
  g_assert_no_error (error);
  f->unit = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->assessment_id = par_store_create_assessment (f->store, f->unit, 2020, row, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  par_framework_unref (f->framework);
  par_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->db_path);
}

static gint64
raw_int (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Rows given as canonical cells, NULL-terminated per row: { "a", NULL, "b" } needs n_columns. */
static ParRegisterRows *
rows_of (Fixture            *f,
         const char         *register_id,
         guint               n_rows,
         const char * const *cells)
{
  const ParRegister *reg = par_framework_lookup_register (f->framework, register_id);
  ParRegisterRows *rows = par_register_rows_new (register_id, reg->columns->len);

  for (guint r = 0; r < n_rows; r++)
    par_register_rows_append (rows, cells + (gsize) r * reg->columns->len);
  return rows;
}

static const char *const plan_cells[] = {
  "Ban hành kế hoạch CCHC", "Văn phòng", "2020-01-15", "2020-01-14", "01/KH-KCNĐN",
  "Kiểm tra CCHC đợt 1", "Thanh tra", "2020-06-30", "2020-06-25", NULL,
  "Rà soát TTHC", "Văn phòng", "2020-09-30", NULL, NULL,
  "Kiểm tra CCHC đợt 2", "Thanh tra", "2020-11-30", NULL, NULL,
};

static void
set_plan (Fixture *f)
{
  g_autoptr(ParRegisterRows) rows = rows_of (f, "plan_tasks", 4, plan_cells);
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows, FALSE,
                                              &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 4);
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) back = NULL;
  g_autoptr(ParRegisterRows) none = NULL;
  static const char *const stats[] = {
    "h1", "4860", "252", "0", "4891", "7", "214", "0", "2700", NULL,
  };
  g_autoptr(ParRegisterRows) stat_rows = rows_of (f, "procedure_stats", 1, stats);

  none = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (none), ==, 0);

  set_plan (f);
  back = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (back), ==, 4);
  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 5; c++)
      g_assert_cmpstr (par_register_rows_get (back, r, c), ==, plan_cells[r * 5 + c]);

  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "procedure_stats",
                                              stat_rows, FALSE, NULL, &error));
  g_assert_no_error (error);
  /* Typed: counts as SQLite integers, dates and choices as text; empty cells not stored. */
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows"), ==, 5);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_cells"), ==, 5 + 4 + 3 + 3 + 9);
  g_assert_cmpint (raw_int (f, "SELECT value FROM register_cells WHERE col = 'on_time' AND "
                               "typeof (value) = 'integer'"), ==, 4891);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_cells WHERE kind = 'date' AND "
                               "typeof (value) = 'text'"), ==, 6);
  g_assert_cmpint (raw_int (f, "SELECT sum (value) FROM register_cells WHERE kind = 'integer'"),
                   ==, 4860 + 252 + 4891 + 7 + 214 + 2700);
  /* The table refuses what the core would: a blob, a date that is no date, a negative count. */
  {
    sqlite3 *db = NULL;
    g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'x', 'text', x'41')",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'x', 'date', '14/01/2020')",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'x', 'integer', -1)",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO register_cells VALUES (1, 'x', 'decimal', 99.5)",
                                   NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }

  /* An unknown register. */
  g_assert_null (par_store_get_register_rows (f->store, f->assessment_id, "nope", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

/* A bad row refuses the whole write, names the row and the column, and keeps what was saved. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *const bad[] = {
    "Nhiệm vụ 1", NULL, "2020-03-31", NULL, NULL,
    "Nhiệm vụ 2", NULL, NULL, NULL, NULL,
  };
  static const char *const bad_date[] = {
    "Nhiệm vụ 1", NULL, "2020-02-30", NULL, NULL,
  };
  g_autoptr(ParRegisterRows) rows = rows_of (f, "plan_tasks", 2, bad);
  g_autoptr(ParRegisterRows) rows2 = rows_of (f, "plan_tasks", 1, bad_date);
  g_autoptr(ParRegisterRows) back = NULL;
  g_autoptr(ParRegisterRows) wrong_width = par_register_rows_new ("plan_tasks", 3);
  gint64 audits;

  set_plan (f);
  audits = raw_int (f, "SELECT count(*) FROM audit_log");
  g_assert_false (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows, FALSE,
                                               NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Register “Kế hoạch CCHC” (plan_tasks), row 2: column "
                                       "“Thời hạn” (deadline) must not be empty");
  g_clear_error (&error);
  g_assert_false (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows2, FALSE,
                                               NULL, &error));
  g_assert_cmpstr (error->message, ==, "Register “Kế hoạch CCHC” (plan_tasks), row 1: column "
                                       "“Thời hạn” (deadline): “2020-02-30” is not a date");
  g_clear_error (&error);
  g_assert_false (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", wrong_width,
                                               FALSE, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  back = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (back), ==, 4);
  g_assert_cmpstr (par_register_rows_get (back, 3, 0), ==, "Kiểm tra CCHC đợt 2");
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM audit_log"), ==, audits);
}

/* Only changed rows are written and audited; a dry run writes nothing; a submitted year refuses. */
static void
test_audit_and_lock (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *cells[20];
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const ParAuditEntry *last;
  guint changed = 99;

  set_plan (f);
  memcpy (cells, plan_cells, sizeof cells);
  cells[13] = (char *) "2020-09-28";   /* row 3 done */
  rows = rows_of (f, "plan_tasks", 4, (const char * const *) cells);
  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows, TRUE,
                                              &changed, &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_cells WHERE value = '2020-09-28'"), ==, 0);
  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows, FALSE,
                                              &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  audit = par_store_list_audit (f->store, 0, &error);
  g_assert_no_error (error);
  last = audit->pdata[0];   /* newest first */
  g_assert_cmpstr (last->what, ==, "assessment 1 register plan_tasks row 3");
  g_assert_cmpstr (last->old_value, ==, "Rà soát TTHC | Văn phòng | 2020-09-30 |  | ");
  g_assert_cmpstr (last->new_value, ==, "Rà soát TTHC | Văn phòng | 2020-09-30 | 2020-09-28 | ");

  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  g_assert_false (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", rows, FALSE,
                                               NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
}

/* The seed's half-year through the store: 4,891 of 4,898 on time → 2.00, with provenance. */
static void
test_scored (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *const stats[] = {
    "h1", "4860", "252", "0", "4891", "7", "214", "0", "2700", NULL,
  };
  g_autoptr(ParRegisterRows) rows = rows_of (f, "procedure_stats", 1, stats);
  g_autoptr(ParResult) result = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autofree char *explain = NULL;
  const ParLeafScore *s;

  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "procedure_stats", rows,
                                              FALSE, NULL, &error));
  set_plan (f);
  result = par_store_score_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  s = par_result_get_leaf (result, "1.1.5");
  g_assert_cmpint (s->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (s->self, ==, 200);
  s = par_result_get_leaf (result, "1.1.2");   /* 2 of 4 tasks done: 50 % < 80 % */
  g_assert_cmpint (s->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (s->self, ==, 0);
  s = par_result_get_leaf (result, "1.1.3");   /* no report kept: not yet scored */
  g_assert_cmpint (s->state, !=, PAR_SCORE_SCORED);

  figures = par_store_evaluate_figures (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  explain = par_figure_result_explain (figures, par_framework_lookup_figure (f->framework, "files_resolved"), '.');
  g_assert_cmpstr (explain, ==, "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn + Giải quyết quá hạn) 4,898 over 1 row = 4,898");
}

/* Tasks not done go on to the next year; done ones stay in theirs. */
static void
test_carry (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) next = NULL;
  g_autoptr(ParRegisterRows) old = NULL;
  g_autoptr(ParRegisterRows) plain = NULL;
  gint64 id, id2;

  set_plan (f);
  id = par_store_create_assessment_from_previous (f->store, f->unit, 2021, 0,
                                                  PAR_CARRY_REGISTER_ROWS, &error);
  g_assert_no_error (error);
  next = par_store_get_register_rows (f->store, id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (next), ==, 2);
  g_assert_cmpstr (par_register_rows_get (next, 0, 0), ==, "Rà soát TTHC");
  g_assert_cmpstr (par_register_rows_get (next, 1, 0), ==, "Kiểm tra CCHC đợt 2");
  g_assert_null (par_register_rows_get (next, 1, 3));
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE carried_from IS NOT NULL"), ==, 2);
  old = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (old), ==, 4);

  /* Without the flag, nothing is carried. */
  id2 = par_store_create_assessment_from_previous (f->store, f->unit, 2022, 0, PAR_CARRY_NOTHING, &error);
  g_assert_no_error (error);
  plain = par_store_get_register_rows (f->store, id2, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (plain), ==, 0);
}

/* Removing a year removes its rows. */
static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_plan (f);
  g_assert_true (par_store_remove_assessment (f->store, f->assessment_id, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows"), ==, 0);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_cells"), ==, 0);
}

static gint64
add_document (Fixture    *f,
              const char *kind,
              const char *number)
{
  g_autoptr(GError) error = NULL;
  ParDocument document = { 0, (char *) kind, (char *) number, (char *) "2020-01-14",
                           (char *) "Ban Quản lý các KCN", NULL };
  gint64 id = par_store_add_document (f->store, &document, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static ParRegisterRows *
get_rows (Fixture    *f,
          gint64      assessment_id,
          const char *register_id)
{
  g_autoptr(GError) error = NULL;
  ParRegisterRows *rows = par_store_get_register_rows (f->store, assessment_id, register_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
set_rows (Fixture         *f,
          gint64           assessment_id,
          ParRegisterRows *rows,
          guint            expect_changed)
{
  g_autoptr(GError) error = NULL;
  guint changed = 99;

  g_assert_true (par_store_set_register_rows (f->store, assessment_id, par_register_rows_get_id (rows),
                                              rows, FALSE, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, expect_changed);
}

/* The newest audit entry is @what, @old_value → @new_value. */
static void
assert_newest_audit (Fixture    *f,
                     const char *what,
                     const char *old_value,
                     const char *new_value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = par_store_list_audit (f->store, 0, &error);
  const ParAuditEntry *newest;

  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, >, 0);
  newest = audit->pdata[0];
  g_assert_cmpstr (newest->what, ==, what);
  g_assert_cmpstr (newest->old_value, ==, old_value);
  g_assert_cmpstr (newest->new_value, ==, new_value);
}

/* A row links an evidence document (schema 9): read back, kept when other rows change (rows
 * built without ids or documents say nothing about links), unlinked by 0, audited both ways;
 * a document that does not exist is refused with the register and the row named, nothing
 * written. */
static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(ParRegisterRows) back = NULL;
  g_autoptr(ParRegisterRows) edited = NULL;
  g_autoptr(ParRegisterRows) missing = NULL;
  char *cells[20];
  gint64 plan, audits;

  set_plan (f);
  plan = add_document (f, "KH", "01/KH-KCNĐN");
  rows = get_rows (f, f->assessment_id, "plan_tasks");
  for (guint r = 0; r < 4; r++)
    {
      g_assert_cmpint (par_register_rows_get_document (rows, r), ==, 0);
      g_assert_cmpint (par_register_rows_get_row_id (rows, r), >, 0);
    }
  par_register_rows_set_document (rows, 0, plan);
  set_rows (f, f->assessment_id, rows, 1);
  assert_newest_audit (f, "assessment 1 register plan_tasks row 1 linked to document 1", NULL,
                       "KH 01/KH-KCNĐN");
  g_assert_cmpint (raw_int (f, "SELECT document_id FROM register_rows WHERE position = 1"), ==, plan);

  back = get_rows (f, f->assessment_id, "plan_tasks");
  g_assert_cmpint (par_register_rows_get_document (back, 0), ==, plan);
  g_assert_cmpint (par_register_rows_get_document (back, 1), ==, 0);

  /* Another row edited by rows that say nothing of documents: the link stays. */
  memcpy (cells, plan_cells, sizeof cells);
  cells[13] = (char *) "2020-09-28";
  edited = rows_of (f, "plan_tasks", 4, (const char * const *) cells);
  g_assert_cmpint (par_register_rows_get_document (edited, 0), ==, PAR_REGISTER_DOCUMENT_UNSET);
  set_rows (f, f->assessment_id, edited, 1);
  g_clear_pointer (&back, par_register_rows_unref);
  back = get_rows (f, f->assessment_id, "plan_tasks");
  g_assert_cmpint (par_register_rows_get_document (back, 0), ==, plan);
  g_assert_cmpstr (par_register_rows_get (back, 2, 3), ==, "2020-09-28");

  /* A document that is not there: refused, the register and the row named, nothing written. */
  audits = raw_int (f, "SELECT count(*) FROM audit_log");
  missing = get_rows (f, f->assessment_id, "plan_tasks");
  par_register_rows_set_document (missing, 0, 0);
  par_register_rows_set_document (missing, 2, 99);
  g_assert_false (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", missing, FALSE,
                                               NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Register “Kế hoạch CCHC” (plan_tasks), row 3: there is no "
                                       "evidence document 99 to link (it may have been deleted).");
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM audit_log"), ==, audits);
  g_assert_cmpint (raw_int (f, "SELECT document_id FROM register_rows WHERE position = 1"), ==, plan);

  /* Unlinked by 0. */
  par_register_rows_set_document (missing, 2, PAR_REGISTER_DOCUMENT_UNSET);
  set_rows (f, f->assessment_id, missing, 1);
  assert_newest_audit (f, "assessment 1 register plan_tasks row 1 unlinked from document 1",
                       "KH 01/KH-KCNĐN", NULL);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE document_id IS NOT NULL"), ==, 0);
}

/* A row keeps its identity through edits: a carried row's mark and its link survive an edit of
 * itself, of another row, a row added above it and a row removed before it — the store used to
 * rewrite every row on any change, so the first edit lost what a row was carried from. */
static void
test_identity (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) next = NULL;
  g_autoptr(ParRegisterRows) edited = NULL;
  g_autoptr(ParRegisterRows) grown = NULL;
  g_autoptr(ParRegisterRows) shrunk = NULL;
  g_autoptr(ParRegisterRows) back = NULL;
  g_autoptr(ParRegisterRows) first = NULL;
  static const char *const added[] = {
    "Tuyên truyền CCHC", "Văn phòng", "2021-03-31", NULL, NULL,
  };
  gint64 id, plan, first_id, second_id;

  set_plan (f);
  plan = add_document (f, "KH", "01/KH-KCNĐN");
  first = get_rows (f, f->assessment_id, "plan_tasks");
  par_register_rows_set_document (first, 2, plan);   /* "Rà soát TTHC", not done: carried */
  set_rows (f, f->assessment_id, first, 1);

  id = par_store_create_assessment_from_previous (f->store, f->unit, 2021, 0,
                                                  PAR_CARRY_REGISTER_ROWS, &error);
  g_assert_no_error (error);
  next = get_rows (f, id, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (next), ==, 2);
  /* The carried row keeps its document: documents are kept across years. */
  g_assert_cmpint (par_register_rows_get_document (next, 0), ==, plan);
  g_assert_cmpint (par_register_rows_get_document (next, 1), ==, 0);
  first_id = par_register_rows_get_row_id (next, 0);
  second_id = par_register_rows_get_row_id (next, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE assessment_id = 2 "
                               "AND carried_from IS NOT NULL"), ==, 2);

  /* The carried task is done now: edited through the rows read (ids kept). */
  {
    const char *cells[5];
    memcpy (cells, par_register_rows_get_row (next, 0), sizeof cells);
    cells[3] = "2021-02-10";
    edited = par_register_rows_new ("plan_tasks", 5);
    par_register_rows_append (edited, cells);
    par_register_rows_set_row_id (edited, 0, first_id);
    par_register_rows_append_from (edited, next, 1);
  }
  set_rows (f, id, edited, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE assessment_id = 2 "
                               "AND carried_from IS NOT NULL"), ==, 2);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_cells WHERE value = '2021-02-10'"), ==, 1);

  /* A row added above, without ids (as an import builds rows): the others are kept by their
   * cells, moved down, their marks and link kept. */
  grown = par_register_rows_new ("plan_tasks", 5);
  par_register_rows_append (grown, added);
  back = get_rows (f, id, "plan_tasks");
  for (guint r = 0; r < 2; r++)
    par_register_rows_append (grown, par_register_rows_get_row (back, r));
  set_rows (f, id, grown, 1);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE assessment_id = 2 "
                               "AND carried_from IS NOT NULL"), ==, 2);
  g_clear_pointer (&back, par_register_rows_unref);
  back = get_rows (f, id, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (back), ==, 3);
  g_assert_cmpstr (par_register_rows_get (back, 0, 0), ==, "Tuyên truyền CCHC");
  g_assert_cmpint (par_register_rows_get_row_id (back, 1), ==, first_id);
  g_assert_cmpint (par_register_rows_get_row_id (back, 2), ==, second_id);
  g_assert_cmpint (par_register_rows_get_document (back, 1), ==, plan);
  g_assert_cmpint (par_register_rows_get_document (back, 0), ==, 0);
  g_assert_cmpint (raw_int (f, "SELECT position FROM register_rows WHERE document_id IS NOT NULL "
                               "AND assessment_id = 2"), ==, 2);

  /* The first two removed: the last row keeps its mark, and moves up to 1. */
  shrunk = par_register_rows_new ("plan_tasks", 5);
  par_register_rows_append_from (shrunk, back, 2);
  set_rows (f, id, shrunk, 2);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE assessment_id = 2"), ==, 1);
  g_assert_cmpint (raw_int (f, "SELECT position FROM register_rows WHERE assessment_id = 2 "
                               "AND carried_from IS NOT NULL"), ==, 1);
  assert_newest_audit (f, "assessment 2 register plan_tasks row 2",
                       "Rà soát TTHC | Văn phòng | 2020-09-30 | 2021-02-10 | ", NULL);
}

/* Deleting a document leaves the rows that linked it, unlinked (foreign keys are on); a
 * document a submitted year's row links is part of that dossier and cannot be deleted. */
static void
test_document_deleted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(ParRegisterRows) back = NULL;
  gint64 plan, report;

  set_plan (f);
  plan = add_document (f, "KH", "01/KH-KCNĐN");
  report = add_document (f, "BC", "45/BC-KCNĐN");
  rows = get_rows (f, f->assessment_id, "plan_tasks");
  par_register_rows_set_document (rows, 0, plan);
  par_register_rows_set_document (rows, 1, report);
  set_rows (f, f->assessment_id, rows, 2);

  g_assert_true (par_store_delete_document (f->store, plan, &error));
  g_assert_no_error (error);
  back = get_rows (f, f->assessment_id, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (back), ==, 4);
  g_assert_cmpstr (par_register_rows_get (back, 0, 0), ==, "Ban hành kế hoạch CCHC");
  g_assert_cmpint (par_register_rows_get_document (back, 0), ==, 0);
  g_assert_cmpint (par_register_rows_get_document (back, 1), ==, report);

  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);
  g_assert_false (par_store_delete_document (f->store, report, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpint (raw_int (f, "SELECT count(*) FROM register_rows WHERE document_id IS NOT NULL"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-registers/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/store-registers/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/store-registers/audit-and-lock", Fixture, NULL, fixture_set_up, test_audit_and_lock, fixture_tear_down);
  g_test_add ("/store-registers/scored", Fixture, NULL, fixture_set_up, test_scored, fixture_tear_down);
  g_test_add ("/store-registers/carry", Fixture, NULL, fixture_set_up, test_carry, fixture_tear_down);
  g_test_add ("/store-registers/cascade", Fixture, NULL, fixture_set_up, test_cascade, fixture_tear_down);
  g_test_add ("/store-registers/link", Fixture, NULL, fixture_set_up, test_link, fixture_tear_down);
  g_test_add ("/store-registers/identity", Fixture, NULL, fixture_set_up, test_identity, fixture_tear_down);
  g_test_add ("/store-registers/document-deleted", Fixture, NULL, fixture_set_up, test_document_deleted,
              fixture_tear_down);
  return g_test_run ();
}
