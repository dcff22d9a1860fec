/* test-register-due.c — the mid-year view's rule (issue 13): which plan tasks and reports are
 * overdue or due within 30 days, today passed in; on the registers' test set
 * (tests/core/registers/books.xml).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-core.h"
#include "par-register-due.h"

static ParFramework *
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "registers", "books.xml",
                                                 NULL);
  ParFramework *fw = par_framework_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  return fw;
}

/* Plan tasks (deadline → done) and reports (deadline → sent) are followed; survey forms (one
 * required date) and procedure statistics (no date) are not. */
static void
test_columns (void)
{
  g_autoptr(ParFramework) fw = load_sample ();
  guint deadline = 99, done = 99;

  g_assert_true (par_register_due_columns (par_framework_lookup_register (fw, "plan_tasks"),
                                           &deadline, &done));
  g_assert_cmpuint (deadline, ==, 2);
  g_assert_cmpuint (done, ==, 3);
  g_assert_true (par_register_due_columns (par_framework_lookup_register (fw, "reports_sent"),
                                           &deadline, &done));
  g_assert_cmpuint (deadline, ==, 2);
  g_assert_cmpuint (done, ==, 3);
  g_assert_false (par_register_due_columns (par_framework_lookup_register (fw, "survey_forms"),
                                            NULL, NULL));
  g_assert_false (par_register_due_columns (par_framework_lookup_register (fw, "procedure_stats"),
                                            NULL, NULL));
}

/* Seed 000's mid-year: today 15/07/2020. */
static void
test_rows (void)
{
  g_autoptr(ParFramework) fw = load_sample ();
  const ParRegister *plan = par_framework_lookup_register (fw, "plan_tasks");
  const ParRegister *reports = par_framework_lookup_register (fw, "reports_sent");
  const ParRegister *survey = par_framework_lookup_register (fw, "survey_forms");
  const char *late[] = { "Rà soát TTHC", NULL, "2020-06-30", NULL, NULL };
  const char *done_late[] = { "Rà soát TTHC", NULL, "2020-06-30", "2020-07-10", NULL };
  const char *today_task[] = { "Họp giao ban", NULL, "2020-07-15", NULL, NULL };
  const char *in_30[] = { "Kiểm tra", NULL, "2020-08-14", NULL, NULL };
  const char *in_31[] = { "Kiểm tra", NULL, "2020-08-15", NULL, NULL };
  const char *q3_report[] = { "Báo cáo quý III", "q3", "2020-08-01", NULL, NULL };
  const char *h1_sent[] = { "Báo cáo 6 tháng", "h1", "2020-06-15", "2020-06-16", "61/BC" };
  const char *h1_missing[] = { "Báo cáo 6 tháng", "h1", "2020-06-15", NULL, NULL };
  const char *form[] = { "Cấp phép", "2020-07-01", NULL, NULL, NULL };
  int days = 0;

  g_assert_cmpint (par_register_row_due (plan, late, "2020-07-15", PAR_DUE_SOON_DAYS, &days), ==,
                   PAR_DUE_OVERDUE);
  g_assert_cmpint (days, ==, -15);
  /* Done (late or not): nothing is due. */
  g_assert_cmpint (par_register_row_due (plan, done_late, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
  /* Due today is not overdue yet. */
  g_assert_cmpint (par_register_row_due (plan, today_task, "2020-07-15", PAR_DUE_SOON_DAYS, &days), ==,
                   PAR_DUE_SOON);
  g_assert_cmpint (days, ==, 0);
  g_assert_cmpint (par_register_row_due (plan, in_30, "2020-07-15", PAR_DUE_SOON_DAYS, &days), ==,
                   PAR_DUE_SOON);
  g_assert_cmpint (days, ==, 30);
  g_assert_cmpint (par_register_row_due (plan, in_31, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
  /* The day after, the same task is overdue. */
  g_assert_cmpint (par_register_row_due (plan, in_31, "2020-08-16", PAR_DUE_SOON_DAYS, &days), ==,
                   PAR_DUE_OVERDUE);
  g_assert_cmpint (days, ==, -1);
  /* Reports: sent or not. */
  g_assert_cmpint (par_register_row_due (reports, q3_report, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_SOON);
  g_assert_cmpint (par_register_row_due (reports, h1_sent, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
  g_assert_cmpint (par_register_row_due (reports, h1_missing, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_OVERDUE);
  /* A register not followed, and a today that is not a date. */
  g_assert_cmpint (par_register_row_due (survey, form, "2020-07-15", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
  g_assert_cmpint (par_register_row_due (plan, late, "15/07/2020", PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
  g_assert_cmpint (par_register_row_due (plan, late, NULL, PAR_DUE_SOON_DAYS, NULL), ==,
                   PAR_DUE_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/register-due/columns", test_columns);
  g_test_add_func ("/register-due/rows", test_rows);
  return g_test_run ();
}
