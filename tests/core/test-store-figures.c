/* test-store-figures.c — figure values in the store (criteria-set format 2): stored exactly per
 * period, checked by the core's one check inside the write, audited, locked with the year, and
 * failed error checks blocking submission.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-figures.h"
#include "par-test-util.h"

typedef struct {
  char     *tmpdir;
  char     *db_path;
  ParStore *store;
  gint64    assessment_id;
} Fixture;

static char *
set_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "core", "data", "figures-set.xml", NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = set_path ();
  g_autoptr(ParFramework) framework = par_framework_load_file (path, &error);
  gint64 row, unit;

  g_assert_no_error (error);
  g_assert_cmpuint (par_framework_get_format_version (framework), ==, 2);
  f->tmpdir = g_dir_make_tmp ("parscore-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "số liệu.db", NULL);
  f->store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT,
                             &error);
  g_assert_no_error (error);
  f->assessment_id = par_store_create_assessment (f->store, unit, 2020, row, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->db_path);
}

static void
set_ok (Fixture    *f,
        const char *figure,
        const char *part,
        const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_store_set_figure_value (f->store, f->assessment_id, figure, part, value,
                                             &error));
  g_assert_no_error (error);
}

static gint64
raw_count (Fixture    *f,
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

/* The Đồng Nai board's first half of 2020 (seeds): Q1 and Q2 entered, read back exactly. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFigureValues) values = NULL;

  set_ok (f, "on_time", "q1", "2400");
  set_ok (f, "on_time", "q2", "2491");
  set_ok (f, "plan_issued", "year", "2020-01-14");
  set_ok (f, "online", "h1", "96.50");

  values = par_store_get_figure_values (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_figure_values_count (values), ==, 4);
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q1"), ==, "2400");
  g_assert_cmpstr (par_figure_values_get (values, "on_time", "q2"), ==, "2491");
  g_assert_null (par_figure_values_get (values, "on_time", "q3"));
  g_assert_cmpstr (par_figure_values_get (values, "plan_issued", "year"), ==, "2020-01-14");
  g_assert_cmpstr (par_figure_values_get (values, "online", "h1"), ==, "96.50");

  /* Stored as text, never as a floating-point number. */
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM figure_values WHERE typeof (value) = 'text'"),
                   ==, 4);

  /* An empty value removes it. */
  set_ok (f, "on_time", "q2", "");
  g_clear_pointer (&values, par_figure_values_unref);
  values = par_store_get_figure_values (f->store, f->assessment_id, &error);
  g_assert_null (par_figure_values_get (values, "on_time", "q2"));
  g_assert_cmpuint (par_figure_values_count (values), ==, 3);
}

static void
expect_refused (Fixture    *f,
                const char *figure,
                const char *part,
                const char *value,
                const char *in_message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_store_set_figure_value (f->store, f->assessment_id, figure, part, value,
                                              &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  if (strstr (error->message, in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, in_message);
}

/* What the core's one check refuses never reaches the table. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  expect_refused (f, "nonexistent", "year", "1", "nonexistent");
  expect_refused (f, "on_time", "q5", "1", "on_time");
  expect_refused (f, "on_time", "h1", "1", "on_time");        /* a quarterly figure */
  expect_refused (f, "on_time", "year", "1", "on_time");      /* entered per quarter */
  expect_refused (f, "pending", "year", "-3", "pending");
  expect_refused (f, "pending", "year", "abc", "pending");
  expect_refused (f, "online", "h1", "120.00", "online");     /* a percentage above 100 */
  expect_refused (f, "plan_issued", "year", "2020-02-30", "plan_issued");
  expect_refused (f, "on_time_share", "year", "99.00", "on_time_share");  /* derived */
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM figure_values"), ==, 0);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM audit_log WHERE what LIKE '%figure%'"),
                   ==, 0);
}

/* Several values are written all or none; a dry run writes nothing but says what changes. */
static void
test_all_or_none (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);

  set_ok (f, "received", "q1", "2500");
  g_ptr_array_add (changes, par_figure_change_new ("received", "q1", "2556"));
  g_ptr_array_add (changes, par_figure_change_new ("received", "q2", "2556"));
  g_ptr_array_add (changes, par_figure_change_new ("pending", "year", "x"));
  g_assert_false (par_store_set_figure_values (f->store, f->assessment_id, changes, FALSE,
                                               &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM figure_values"), ==, 1);
  g_assert_cmpint (raw_count (f, "SELECT value FROM figure_values WHERE figure = 'received'"),
                   ==, 2500);

  g_ptr_array_remove_index (changes, 2);
  g_assert_true (par_store_set_figure_values (f->store, f->assessment_id, changes, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (((ParFigureChange *) changes->pdata[0])->changed);
  g_assert_cmpstr (((ParFigureChange *) changes->pdata[0])->old_value, ==, "2500");
  g_assert_true (((ParFigureChange *) changes->pdata[1])->changed);
  g_assert_null (((ParFigureChange *) changes->pdata[1])->old_value);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM figure_values"), ==, 1);

  g_assert_true (par_store_set_figure_values (f->store, f->assessment_id, changes, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_count (f, "SELECT count(*) FROM figure_values"), ==, 2);
  /* Written again, the same values change nothing. */
  g_assert_true (par_store_set_figure_values (f->store, f->assessment_id, changes, FALSE, &error));
  g_assert_false (((ParFigureChange *) changes->pdata[0])->changed);
}

/* Every changed value is in the audit log, old → new, with who changed it. */
static void
test_audited (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " figure on_time q1",
                                           f->assessment_id);
  ParAuditEntry *row;

  par_store_set_actor (f->store, "Nguyễn Thị Lan");
  set_ok (f, "on_time", "q1", "2400");
  set_ok (f, "on_time", "q1", "2400");   /* unchanged: not audited again */
  set_ok (f, "on_time", "q1", "2401");
  set_ok (f, "on_time", "q1", NULL);
  audit = par_store_list_audit (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 3);
  row = audit->pdata[0];
  g_assert_cmpstr (row->what, ==, what);
  g_assert_cmpstr (row->old_value, ==, "2401");
  g_assert_null (row->new_value);
  g_assert_cmpstr (row->actor, ==, "Nguyễn Thị Lan");
  row = audit->pdata[1];
  g_assert_cmpstr (row->old_value, ==, "2400");
  g_assert_cmpstr (row->new_value, ==, "2401");
  row = audit->pdata[2];
  g_assert_null (row->old_value);
  g_assert_cmpstr (row->new_value, ==, "2400");
}

static void
enter_half_year (Fixture *f)
{
  /* Đồng Nai, first half of 2020: 5,112 received, 4,898 resolved (4,891 on time), 214 pending. */
  set_ok (f, "received", "q1", "2556");
  set_ok (f, "received", "q2", "2556");
  set_ok (f, "resolved", "q1", "2449");
  set_ok (f, "resolved", "q2", "2449");
  set_ok (f, "on_time", "q1", "2445");
  set_ok (f, "on_time", "q2", "2446");
}

/* A failed check of severity error blocks submitting; a warning does not; a submitted year's
 * figures are locked. */
static void
test_submit (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;

  enter_half_year (f);
  set_ok (f, "pending", "year", "200");
  /* The year's sums need every quarter: until then the check cannot be made, and does not
   * block. */
  {
    g_autoptr(ParFigureResult) result = par_store_evaluate_figures (f->store, f->assessment_id,
                                                                    &error);
    g_assert_cmpint (par_figure_result_get_check (result, 0)->state, ==, PAR_CHECK_NOT_CHECKED);
  }
  set_ok (f, "received", "q3", "0");
  set_ok (f, "received", "q4", "0");
  set_ok (f, "resolved", "q3", "0");
  set_ok (f, "resolved", "q4", "0");
  /* 5,112 ≠ 4,898 + 200 */
  g_assert_false (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  if (strstr (error->message, "Số tiếp nhận phải bằng") == NULL)
    g_error ("the refusal does not give the check's message: %s", error->message);
  g_clear_error (&error);
  a = par_store_get_assessment (f->store, f->assessment_id, &error);
  g_assert_cmpint (a->status, ==, PAR_STATUS_DRAFT);

  set_ok (f, "pending", "year", "214");
  /* More on time than resolved (a typo in Q3) fails the warning only. */
  set_ok (f, "on_time", "q3", "10");   /* 4,901 > 4,898 */
  set_ok (f, "on_time", "q4", "0");
  {
    g_autoptr(ParFigureResult) result = par_store_evaluate_figures (f->store, f->assessment_id,
                                                                    &error);
    g_assert_cmpint (par_figure_result_get_check (result, 0)->state, ==, PAR_CHECK_PASSED);
    g_assert_cmpint (par_figure_result_get_check (result, 1)->state, ==, PAR_CHECK_FAILED);
  }
  g_assert_true (par_store_set_status (f->store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  g_assert_false (par_store_set_figure_value (f->store, f->assessment_id, "pending", "year", "1",
                                              &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
  g_assert_cmpint (raw_count (f, "SELECT value FROM figure_values WHERE figure = 'pending'"),
                   ==, 214);
}

/* The rule reads the figures' year values: 4,891 / 4,898 = 99.86 % > 90 % → 2 points, and the
 * explanation says where the numbers came from. */
static void
test_score (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParResult) result = NULL;
  const ParLeafScore *leaf;

  enter_half_year (f);
  result = par_store_score_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  leaf = par_result_get_leaf (result, "1.1.1");
  g_assert_nonnull (leaf);
  /* Q3 and Q4 are not entered: the year's sums are missing, so not yet scored. */
  g_assert_false (leaf->has_self);
  g_assert_cmpint (leaf->state, !=, PAR_SCORE_SCORED);

  set_ok (f, "on_time", "q3", "0");
  set_ok (f, "on_time", "q4", "0");
  set_ok (f, "resolved", "q3", "0");
  set_ok (f, "resolved", "q4", "0");
  g_clear_pointer (&result, par_result_unref);
  result = par_store_score_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  leaf = par_result_get_leaf (result, "1.1.1");
  g_assert_true (leaf->has_self);
  g_assert_cmpint (leaf->self, ==, 200);
  if (strstr (leaf->explanation, "4,891") == NULL || strstr (leaf->explanation, "4,898") == NULL)
    g_error ("the explanation does not give the figures: %s", leaf->explanation);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-figures/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/store-figures/refused", Fixture, NULL, fixture_set_up, test_refused,
              fixture_tear_down);
  g_test_add ("/store-figures/all-or-none", Fixture, NULL, fixture_set_up, test_all_or_none,
              fixture_tear_down);
  g_test_add ("/store-figures/audited", Fixture, NULL, fixture_set_up, test_audited,
              fixture_tear_down);
  g_test_add ("/store-figures/submit", Fixture, NULL, fixture_set_up, test_submit,
              fixture_tear_down);
  g_test_add ("/store-figures/score", Fixture, NULL, fixture_set_up, test_score,
              fixture_tear_down);

  return g_test_run ();
}
