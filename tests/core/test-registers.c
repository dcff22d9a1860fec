/* test-registers.c — registers of a criteria set (issue 13): the declaration, the aggregates and
 * the null test of the expression language, the one check of a row, reading typed cells, carrying
 * rows forward, and the four registers of tests/core/registers/books.xml scoring their
 * sub-criteria with the seeds' figures; hostile files refused with file:line.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "par-error.h"
#include "par-figure.h"
#include "par-figures.h"
#include "par-framework.h"
#include "par-register.h"
#include "par-registers.h"
#include "par-scorer.h"

static ParFramework *
load_books (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "registers", "books.xml", NULL);
  ParFramework *fw = par_framework_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  return fw;
}

typedef struct {
  ParFramework *fw;
  GHashTable   *rows;   /* id → ParRegisterRows */
} Books;

static void
books_init (Books *b)
{
  b->fw = load_books ();
  b->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) par_register_rows_unref);
}

static void
books_clear (Books *b)
{
  g_hash_table_unref (b->rows);
  par_framework_unref (b->fw);
}

/* Adds a row given as typed text (dd/mm/yyyy, 1.234, labels), through the one reading and the
 * one check, as the importers do. */
static void
add_row (Books      *b,
         const char *register_id,
         ...)
{
  const ParRegister *reg = par_framework_lookup_register (b->fw, register_id);
  ParRegisterRows *rows;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (reg);
  rows = g_hash_table_lookup (b->rows, register_id);
  if (rows == NULL)
    {
      rows = par_register_rows_new (register_id, reg->columns->len);
      g_hash_table_insert (b->rows, g_strdup (register_id), rows);
    }
  va_start (args, register_id);
  for (guint c = 0; c < reg->columns->len; c++)
    {
      const char *text = va_arg (args, const char *);
      char *cell = par_register_normalize_cell (g_ptr_array_index (reg->columns, c), text, &error);
      g_assert_no_error (error);
      g_ptr_array_add (cells, cell);
    }
  va_end (args);
  g_assert_true (par_register_check_row (reg, (const char * const *) cells->pdata, NULL, &error));
  g_assert_no_error (error);
  par_register_rows_append (rows, (const char * const *) cells->pdata);
}

static ParFigureResult *
evaluate (Books *b)
{
  return par_figures_evaluate_with_rows (b->fw, NULL, b->rows);
}

static char *
figure_text (ParFigureResult *result,
             ParFramework    *fw,
             const char      *id)
{
  const ParFigure *figure = par_framework_lookup_figure (fw, id);
  ParExprValue v;

  g_assert_nonnull (figure);
  v = par_figure_result_get_value (result, figure);
  return par_expr_value_format (&v, '.');
}

static ParResult *
score (Books           *b,
       ParFigureResult *figures)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  ParScoreContext ctx = { 2020, figures, NULL };

  return par_score_with (b->fw, entries, &ctx);
}

static void
assert_points (ParResult  *result,
               const char *code,
               ParPoints   points)
{
  const ParLeafScore *s = par_result_get_leaf (result, code);

  g_assert_nonnull (s);
  if (s->state != PAR_SCORE_SCORED || s->self != points)
    g_error ("%s: expected %" G_GINT64_FORMAT " scored, got state %d self %" G_GINT64_FORMAT " (%s)",
             code, points, s->state, s->self, s->explanation);
}

static void
test_model (void)
{
  g_autoptr(ParFramework) fw = load_books ();
  GPtrArray *registers = par_framework_get_registers (fw);
  const ParRegister *plan, *survey;
  const ParRegisterColumn *q1;

  g_assert_cmpuint (registers->len, ==, 4);
  plan = par_framework_lookup_register (fw, "plan_tasks");
  g_assert_nonnull (plan);
  g_assert_cmpstr (plan->label_en, ==, "PAR plan tasks");
  g_assert_cmpuint (plan->columns->len, ==, 5);
  g_assert_nonnull (plan->carry);
  g_assert_cmpuint (plan->figures->len, ==, 3);
  g_assert_true (((ParFigure *) g_ptr_array_index (plan->figures, 0))->reg == plan);
  g_assert_true (par_framework_lookup_figure (fw, "plan_tasks_done")->reg == plan);
  g_assert_cmpint (par_register_lookup_column (plan, "deadline")->type, ==, PAR_COLUMN_DATE);
  g_assert_true (par_register_lookup_column (plan, "task")->required);
  g_assert_false (par_register_lookup_column (plan, "done")->required);
  g_assert_null (par_register_lookup_column (plan, "nope"));
  survey = par_framework_lookup_register (fw, "survey_forms");
  q1 = par_register_lookup_column (survey, "q1");
  g_assert_cmpint (q1->type, ==, PAR_COLUMN_CHOICE);
  g_assert_cmpuint (q1->option_values->len, ==, 4);
  g_assert_cmpint (g_array_index (q1->option_values, ParExprValue, 1).num, ==, 60);
  g_assert_null (par_framework_lookup_register (fw, "nope"));
}

/* Seed 000: the Đồng Nai board's first half of 2020 — 5,112 received of which 252 carried
 * over, 4,898 resolved, 4,891 on time, 7 late, 214 pending within the deadline. */
static void
test_procedure_statistics_seed (void)
{
  Books b;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autofree char *on_time = NULL, *resolved = NULL, *received = NULL, *explain = NULL;
  const ParLeafScore *s;

  books_init (&b);
  add_row (&b, "procedure_stats", "6 tháng", "4.860", "252", "0", "4.891", "7", "214", "0", "2.700", "15");
  figures = evaluate (&b);
  on_time = figure_text (figures, b.fw, "files_on_time");
  resolved = figure_text (figures, b.fw, "files_resolved");
  received = figure_text (figures, b.fw, "files_received");
  g_assert_cmpstr (on_time, ==, "4,891");
  g_assert_cmpstr (resolved, ==, "4,898");
  g_assert_cmpstr (received, ==, "4,860");
  g_assert_cmpstr (par_figure_result_get_canonical (figures, par_framework_lookup_figure (b.fw, "files_resolved")),
                   ==, "4898");
  explain = par_figure_result_explain (figures, par_framework_lookup_figure (b.fw, "files_on_time"), '.');
  g_assert_cmpstr (explain, ==, "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 4,891 over 1 row = 4,891");
  /* The balance holds: 4,860 + 252 = 4,898 + 214 + 0. */
  g_assert_cmpint (par_figure_result_get_check (figures, 0)->state, ==, PAR_CHECK_PASSED);

  result = score (&b, figures);
  assert_points (result, "1.1.5", 200);   /* 4,891 / 4,898 = 99.86 % ≥ 99 % */
  s = par_result_get_leaf (result, "1.1.5");
  g_assert_nonnull (strstr (s->explanation, "99.86"));
  books_clear (&b);
}

/* The same half-year in two quarters: sums over rows, and a quarter that does not add up fails
 * the set's error check. */
static void
test_procedure_statistics_quarters (void)
{
  Books b;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParFigureResult) again = NULL;
  g_autofree char *on_time = NULL;
  GError *error = NULL;

  books_init (&b);
  add_row (&b, "procedure_stats", "q1", "2400", "252", "100", "2300", "2", "250", "0", "1300", "10");
  add_row (&b, "procedure_stats", "Quý II", "2460", "250", "91", "2400", "5", "214", "0", "1400", "5");
  figures = evaluate (&b);
  on_time = figure_text (figures, b.fw, "files_on_time");
  g_assert_cmpstr (on_time, ==, "4,891");
  g_assert_cmpint (par_figure_result_get_check (figures, 0)->state, ==, PAR_CHECK_PASSED);
  g_assert_false (par_figure_result_blocks_submission (figures, NULL));

  add_row (&b, "procedure_stats", "q3", "100", "214", "10", "10", "0", "200", "0", "", "");
  again = evaluate (&b);
  g_assert_cmpint (par_figure_result_get_check (again, 0)->state, ==, PAR_CHECK_FAILED);
  g_assert_true (par_figure_result_blocks_submission (again, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  books_clear (&b);
}

/* Seed 000 at mid-year: "about 50 % of the plan done". */
static void
test_plan_tasks (void)
{
  Books b;
  g_autoptr(ParFigureResult) half = NULL;
  g_autoptr(ParFigureResult) all = NULL;
  g_autoptr(ParResult) r1 = NULL;
  g_autoptr(ParResult) r2 = NULL;
  g_autofree char *done = NULL, *on_time = NULL, *explain = NULL;
  const ParRegister *plan;
  guint carried = 0;

  books_init (&b);
  plan = par_framework_lookup_register (b.fw, "plan_tasks");
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *task = g_strdup_printf ("Nhiệm vụ %u", i + 1);
      g_autofree char *deadline = g_strdup_printf ("%02u/%02u/2020", 15, 1 + i % 12);
      g_autofree char *done_on = i < 7 ? g_strdup_printf ("%02u/%02u/2020", i == 6 ? 20 : 10, 1 + i % 12)
                                       : g_strdup ("");
      add_row (&b, "plan_tasks", task, "Văn phòng", deadline, done_on, "");
    }
  half = evaluate (&b);
  done = figure_text (half, b.fw, "plan_tasks_done");
  on_time = figure_text (half, b.fw, "plan_tasks_on_time");
  g_assert_cmpstr (done, ==, "7");
  g_assert_cmpstr (on_time, ==, "6");   /* the seventh was done on the 20th, after the 15th */
  explain = par_figure_result_explain (half, par_framework_lookup_figure (b.fw, "plan_tasks_done"), '.');
  g_assert_cmpstr (explain, ==, "from the register “Kế hoạch CCHC”: Ngày hoàn thành entered: 7 of 14 rows = 7");
  r1 = score (&b, half);
  assert_points (r1, "1.1.2", 0);   /* 50 % < 80 % */

  /* What carries to the next year: the seven not done. */
  {
    ParRegisterRows *rows = g_hash_table_lookup (b.rows, "plan_tasks");
    for (guint r = 0; r < par_register_rows_count (rows); r++)
      carried += par_register_row_carries (plan, par_register_rows_get_row (rows, r));
    g_assert_cmpuint (carried, ==, 7);
    g_assert_false (par_register_row_carries (plan, par_register_rows_get_row (rows, 0)));
    g_assert_true (par_register_row_carries (plan, par_register_rows_get_row (rows, 13)));
  }

  /* The year's end: every task done. */
  g_hash_table_remove (b.rows, "plan_tasks");
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *task = g_strdup_printf ("Nhiệm vụ %u", i + 1);
      add_row (&b, "plan_tasks", task, "", "15/12/2020", "01/12/2020", "Đạt");
    }
  all = evaluate (&b);
  r2 = score (&b, all);
  assert_points (r2, "1.1.2", 200);
  books_clear (&b);
}

/* Cà Mau 1.2.1: Q1, 6 months, Q3 and year sent on time → 1; any late or not sent → 0. */
static void
test_reports_sent (void)
{
  Books b;
  g_autoptr(ParFigureResult) ok = NULL;
  g_autoptr(ParFigureResult) late = NULL;
  g_autoptr(ParResult) r1 = NULL;
  g_autoptr(ParResult) r2 = NULL;
  g_autofree char *n_late = NULL;
  g_autofree char *due = NULL, *explain = NULL;

  books_init (&b);
  add_row (&b, "reports_sent", "Báo cáo CCHC quý I", "Quý I", "15/03/2020", "10/03/2020", "12/BC-KCNĐN");
  add_row (&b, "reports_sent", "Báo cáo CCHC 6 tháng", "6 tháng", "15/06/2020", "15/06/2020", "45/BC-KCNĐN");
  add_row (&b, "reports_sent", "Báo cáo CCHC quý III", "q3", "15/09/2020", "14/09/2020", "80/BC-KCNĐN");
  add_row (&b, "reports_sent", "Báo cáo CCHC năm", "Năm", "15/12/2020", "11/12/2020", "101/BC-KCNĐN");
  ok = evaluate (&b);
  r1 = score (&b, ok);
  assert_points (r1, "1.1.3", 100);

  g_hash_table_remove (b.rows, "reports_sent");
  add_row (&b, "reports_sent", "Báo cáo CCHC quý I", "Quý I", "15/03/2020", "10/03/2020", "");
  add_row (&b, "reports_sent", "Báo cáo CCHC 6 tháng", "6 tháng", "15/06/2020", "16/06/2020", "");
  add_row (&b, "reports_sent", "Báo cáo CCHC quý III", "q3", "15/09/2020", "", "");
  late = evaluate (&b);
  n_late = figure_text (late, b.fw, "reports_late");
  g_assert_cmpstr (n_late, ==, "2");   /* one a day late, one not sent */
  /* what a coordinator reads: the rows counted, the condition in words with the columns by
   * their titles (was "count (sent = null or sent > deadline) 2 of 3 rows") */
  explain = par_figure_result_explain (late, par_framework_lookup_figure (b.fw, "reports_late"), '.');
  g_assert_cmpstr (explain, ==, "from the register “Báo cáo định kỳ”: Ngày gửi empty or Ngày gửi > Hạn gửi: 2 of 3 rows = 2");
  due = par_figure_result_explain (late, par_framework_lookup_figure (b.fw, "reports_due"), '.');
  g_assert_cmpstr (due, ==, "from the register “Báo cáo định kỳ”: 3 rows = 3");
  r2 = score (&b, late);
  assert_points (r2, "1.1.3", 0);
  books_clear (&b);
}

/* Survey forms weighted 100 / 60 / 20 / 0 %. */
static void
test_survey_forms (void)
{
  Books b;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autofree char *satisfaction = NULL, *forms = NULL;

  books_init (&b);
  add_row (&b, "survey_forms", "Cấp giấy phép lao động", "02/07/2020", "Rất hài lòng", "very");
  add_row (&b, "survey_forms", "Cấp giấy phép lao động", "03/07/2020", "hài lòng", "Rất hài lòng");
  add_row (&b, "survey_forms", "Xác nhận hợp đồng", "04/07/2020", "partly", "yes");
  add_row (&b, "survey_forms", "Xác nhận hợp đồng", "05/07/2020", "", "");   /* a form left blank */
  figures = evaluate (&b);
  forms = figure_text (figures, b.fw, "survey_forms_total");
  satisfaction = figure_text (figures, b.fw, "satisfaction");
  g_assert_cmpstr (forms, ==, "4");
  /* q1: (100 + 60 + 20) / 3 = 60; q2: (100 + 100 + 60) / 3 = 86.67; → 73.33 % */
  g_assert_cmpstr (satisfaction, ==, "73.33 %");
  result = score (&b, figures);
  assert_points (result, "1.1.4", 100);
  books_clear (&b);
}

/* A register nobody has kept: its figures are not entered, and the rules wait. */
static void
test_no_rows (void)
{
  Books b;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autofree char *text = NULL, *explain = NULL;
  const ParLeafScore *s;

  books_init (&b);
  figures = evaluate (&b);
  text = figure_text (figures, b.fw, "plan_tasks_done");
  g_assert_cmpstr (text, ==, "not entered");
  explain = par_figure_result_explain (figures, par_framework_lookup_figure (b.fw, "reports_late"), '.');
  g_assert_cmpstr (explain, ==, "from the register “Báo cáo định kỳ”: no rows entered");
  result = score (&b, figures);
  s = par_result_get_leaf (result, "1.1.3");
  g_assert_cmpint (s->state, !=, PAR_SCORE_SCORED);
  g_assert_cmpint (par_figure_result_get_check (figures, 0)->state, ==, PAR_CHECK_NOT_CHECKED);
  /* A register figure is never entered by hand. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (par_figure_check_value (par_framework_lookup_figure (b.fw, "plan_tasks_done"),
                                            "year", "7", &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "register “plan_tasks”"));
  }
  books_clear (&b);
}

static void
test_check_row (void)
{
  g_autoptr(ParFramework) fw = load_books ();
  const ParRegister *plan = par_framework_lookup_register (fw, "plan_tasks");
  const ParRegister *survey = par_framework_lookup_register (fw, "survey_forms");
  const ParRegisterColumn *deadline = par_register_lookup_column (plan, "deadline");
  const ParRegisterColumn *q1 = par_register_lookup_column (survey, "q1");
  const ParRegister *stats = par_framework_lookup_register (fw, "procedure_stats");
  const char *good[] = { "Nhiệm vụ 1", NULL, "2020-03-31", NULL, NULL };
  const char *no_task[] = { "", NULL, "2020-03-31", NULL, NULL };
  const char *bad_date[] = { "Nhiệm vụ 1", NULL, "2020-02-30", NULL, NULL };
  const char *control[] = { "Nhiệm\nvụ", NULL, "2020-03-31", NULL, NULL };
  const char *bidi[] = { "Nhiệm vụ \u202E1", NULL, "2020-03-31", NULL, NULL };
  g_autoptr(GError) error = NULL;
  guint bad = 99;
  char *cell;

  g_assert_true (par_register_check_row (plan, good, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (par_register_check_row (plan, no_task, &bad, &error));
  g_assert_cmpuint (bad, ==, 0);
  g_assert_cmpstr (error->message, ==, "column “Nhiệm vụ” (task) must not be empty");
  g_clear_error (&error);
  g_assert_false (par_register_check_row (plan, bad_date, &bad, &error));
  g_assert_cmpuint (bad, ==, 2);
  g_assert_cmpstr (error->message, ==, "column “Thời hạn” (deadline): “2020-02-30” is not a date");
  g_clear_error (&error);
  g_assert_false (par_register_check_row (plan, control, NULL, &error));
  g_clear_error (&error);
  g_assert_false (par_register_check_row (plan, bidi, NULL, &error));
  g_clear_error (&error);
  g_assert_false (par_register_check_cell (q1, "maybe", &error));
  g_assert_nonnull (strstr (error->message, "is not one of the choices"));
  g_clear_error (&error);

  /* Typed text → canonical: dd/mm/yyyy, Vietnamese separators, labels of choices. */
  cell = par_register_normalize_cell (deadline, "14/01/2020", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell, ==, "2020-01-14");
  g_free (cell);
  cell = par_register_normalize_cell (par_register_lookup_column (stats, "on_time"), "4.891", &error);
  g_assert_cmpstr (cell, ==, "4891");
  g_free (cell);
  cell = par_register_normalize_cell (q1, "  RẤT HÀI LÒNG ", &error);
  g_assert_cmpstr (cell, ==, "very");
  g_free (cell);
  cell = par_register_normalize_cell (par_register_lookup_column (plan, "task"), "  Nhiệm vụ  ", &error);
  g_assert_cmpstr (cell, ==, "Nhiệm vụ");
  g_free (cell);
  cell = par_register_normalize_cell (deadline, "31/02/2020", &error);
  g_assert_null (cell);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_clear_error (&error);
  cell = par_register_normalize_cell (par_register_lookup_column (stats, "on_time"), "-3", &error);
  g_assert_null (cell);
  g_clear_error (&error);
}

/* --- the expression language: aggregates and null ------------------------------------------- */

static ParExprValue
lookup_two (guint    slot,
            gpointer data)
{
  return slot == 0 ? par_expr_value_number (5, 1) : par_expr_value_missing ();
}

static ParExprValue
cell_of (guint    row,
         guint    slot,
         gpointer data)
{
  /* column 0: 10, 20, empty, 30 */
  static const gint64 values[] = { 10, 20, -1, 30 };
  if (values[row] < 0)
    return par_expr_value_missing ();
  return par_expr_value_number (values[row], 1);
}

static void
test_expr_aggregates (void)
{
  g_autoptr(ParExprScope) figures = par_expr_scope_new ();
  g_autoptr(ParExprScope) rows = NULL;
  struct { const char *text; const char *value; } cases[] = {
    { "count ()", "4" },
    { "count (x ≠ null)", "3" },
    { "count (x = null)", "1" },
    { "count (x > a)", "3" },
    { "sum (x)", "60" },
    { "average (x)", "20" },
    { "share (x ≥ 20)", "50.00 %" },
    { "sum (x) / count ()", "15" },
    { "count (x > 100)", "0" },
    { "average (x - 40)", "-20" },
    { "b = null", "yes" },
    { "a ≠ null", "yes" },
    { "if (b = null, 0, b)", "0" },
  };

  par_expr_scope_add (figures, "a", PAR_EXPR_TYPE_NUMBER, FALSE, 0);
  par_expr_scope_add (figures, "b", PAR_EXPR_TYPE_NUMBER, FALSE, 1);
  rows = par_expr_scope_new_rows (figures);
  par_expr_scope_add (rows, "x", PAR_EXPR_TYPE_NUMBER, FALSE, PAR_REGISTER_COLUMN_SLOT (0));
  par_expr_scope_add (rows, "t", PAR_EXPR_TYPE_TEXT, FALSE, PAR_REGISTER_COLUMN_SLOT (1));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ParExpr) expr = par_expr_parse (cases[i].text, rows, &error);
      ParExprValue v;
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      v = par_expr_evaluate_rows (expr, lookup_two, NULL, cell_of, NULL, 4);
      text = par_expr_value_format (&v, '.');
      if (g_strcmp0 (text, cases[i].value) != 0)
        g_error ("%s: expected %s, got %s", cases[i].text, cases[i].value, text);
    }
  /* Without rows (a register nobody kept) the share is not a value, a count is 0. */
  {
    g_autoptr(ParExpr) share = par_expr_parse ("share (x > 1)", rows, NULL);
    g_autoptr(ParExpr) count = par_expr_parse ("count ()", rows, NULL);
    ParExprValue v = par_expr_evaluate_rows (share, lookup_two, NULL, cell_of, NULL, 0);
    g_assert_cmpint (v.kind, ==, PAR_EXPR_MISSING);
    v = par_expr_evaluate_rows (count, lookup_two, NULL, cell_of, NULL, 0);
    g_assert_cmpint (v.kind, ==, PAR_EXPR_NUMBER);
    g_assert_cmpint (v.num, ==, 0);
    g_assert_true (par_expr_uses_rows (count));
  }
}

static void
assert_parse_refused (const ParExprScope *scope,
                      const char         *text,
                      const char         *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParExpr) expr = par_expr_parse (text, scope, &error);

  g_assert_null (expr);
  g_assert_nonnull (error);
  if (strstr (error->message, message) == NULL)
    g_error ("%s: expected “%s”, got: %s", text, message, error->message);
}

static void
test_expr_refused (void)
{
  g_autoptr(ParExprScope) figures = par_expr_scope_new ();
  g_autoptr(ParExprScope) rows = NULL;

  par_expr_scope_add (figures, "a", PAR_EXPR_TYPE_NUMBER, FALSE, 0);
  rows = par_expr_scope_new_rows (figures);
  par_expr_scope_add (rows, "x", PAR_EXPR_TYPE_NUMBER, FALSE, PAR_REGISTER_COLUMN_SLOT (0));
  par_expr_scope_add (rows, "d", PAR_EXPR_TYPE_DATE, FALSE, PAR_REGISTER_COLUMN_SLOT (1));
  par_expr_scope_add (rows, "t", PAR_EXPR_TYPE_TEXT, FALSE, PAR_REGISTER_COLUMN_SLOT (2));

  assert_parse_refused (figures, "count (a > 1)", "it can only be used in a figure of a register");
  assert_parse_refused (rows, "x + 1", "the column “x” has a value per row");
  assert_parse_refused (rows, "count (count () > 1)", "cannot be used inside another");
  assert_parse_refused (rows, "count (x)", "count needs a yes/no value, not a number");
  assert_parse_refused (rows, "sum (d > x)", "only two numbers or two dates can be compared");
  assert_parse_refused (rows, "sum (x > 1)", "sum needs a number, not a yes/no value");
  assert_parse_refused (rows, "count (d ≤ 3)", "only two numbers or two dates can be compared");
  assert_parse_refused (rows, "count (t > 1)", "a text column can only be tested for being empty");
  assert_parse_refused (rows, "count (nope ≠ null)", "unknown column or figure “nope”");
  assert_parse_refused (rows, "sum (x", "“)” was expected to close sum");
  assert_parse_refused (rows, "null", "null can only be compared");
  assert_parse_refused (rows, "a + null", "null can only be compared");
  assert_parse_refused (rows, "null = null", "null compared with null");
  assert_parse_refused (rows, "-null", "null can only be compared");
  assert_parse_refused (rows, "max (null, 1)", "null can only be compared");
  assert_parse_refused (rows, "count (t)", "a text column can only be tested");
  assert_parse_refused (rows, "sum ()", "a value was expected");
  assert_parse_refused (rows, "median (x)", "the functions are min, max, if, count, sum, average and share");
}

/* --- hostile files ---------------------------------------------------------------------------- */

#define SET_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:2\" id=\"t\" max=\"1\">\n" \
  "<title>t</title>\n" \
  "<decision number=\"1\" date=\"2023-01-01\" issuer=\"i\">s</decision>\n" \
  "<years from=\"2023\" to=\"2024\"/>\n" \
  "<level>department</level>\n" \
  "<bands><band name=\"b\" from=\"0\"/></bands>\n" \
  "<figures><figure id=\"plain\" type=\"integer\" label=\"p\"/></figures>\n"
#define SET_TAIL(rule) \
  "<field code=\"1\" max=\"1\"><title>f</title><criterion code=\"1.1\" max=\"1\"><title>c</title>\n" \
  "<sub code=\"1.1.1\" max=\"1\"><title>s</title>" rule "</sub></criterion></field>\n" \
  "</criteria-set>\n"
#define REG(attrs, body) \
  "<registers>\n<register id=\"r\" label=\"r\" " attrs ">\n" \
  "<column id=\"name\" type=\"text\" label=\"n\"/>\n" \
  "<column id=\"due\" type=\"date\" label=\"d\"/>\n" \
  "<column id=\"n\" type=\"integer\" label=\"n\"/>\n" \
  body "</register>\n</registers>\n"
#define RFIG(id, expr) "<figure id=\"" id "\" type=\"integer\" label=\"" id "\" expr=\"" expr "\"/>\n"
#define CONDITIONAL "<rule type=\"conditional\" otherwise=\"0\"><when test=\"k &gt; 1\" points=\"1\"/></rule>"

static void
assert_refused (const char *xml,
                const char *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "t.xml", &error);

  g_assert_null (fw);
  g_assert_nonnull (error);
  if (strstr (error->message, message) == NULL)
    g_error ("expected “%s”, got: %s", message, error->message);
}

static void
test_refused (void)
{
  {
    const char *ok = SET_HEAD REG ("carry=\"n = null\"", RFIG ("k", "count (n &gt; 1)")) SET_TAIL (CONDITIONAL);
    g_autoptr(GBytes) bytes = g_bytes_new (ok, strlen (ok));
    g_autoptr(GError) error = NULL;
    g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "t.xml", &error);
    g_assert_no_error (error);
    g_assert_nonnull (fw);
  }
  /* Unknown column, with the file and the line. */
  assert_refused (SET_HEAD REG ("", RFIG ("k", "count (done ≠ null)")) SET_TAIL (CONDITIONAL),
                  "t.xml:14: figure k: at character 8 of the expression: unknown column or figure “done”");
  /* A wrong type in a condition. */
  assert_refused (SET_HEAD REG ("", RFIG ("k", "count (due &gt; 3)")) SET_TAIL (CONDITIONAL),
                  "t.xml:14: figure k: at character 12 of the expression: only two numbers or two dates can be compared (here a date and a number)");
  /* An aggregate outside a register's figure. */
  assert_refused (SET_HEAD REG ("", RFIG ("k", "count ()"))
                  "<checks><check severity=\"error\" test=\"count () &gt; 1\"><message>m</message></check></checks>\n"
                  SET_TAIL (CONDITIONAL),
                  "it can only be used in a figure of a register");
  assert_refused (SET_HEAD REG ("", RFIG ("k", "count ()"))
                  SET_TAIL ("<rule type=\"conditional\" otherwise=\"0\"><when test=\"sum (n) &gt; 1\" points=\"1\"/></rule>"),
                  "it can only be used in a figure of a register");
  /* A column read outside an aggregate. */
  assert_refused (SET_HEAD REG ("", RFIG ("k", "n + 1")) SET_TAIL (CONDITIONAL),
                  "figure k: at character 1 of the expression: the column “n” has a value per row");
  /* Declared twice; a column named like a figure; a reserved word. */
  assert_refused (SET_HEAD REG ("", "<column id=\"n\" type=\"integer\" label=\"again\"/>\n" RFIG ("k", "count ()"))
                  SET_TAIL (CONDITIONAL),
                  "t.xml:14: register r: the column “n” is declared twice");
  assert_refused (SET_HEAD REG ("", "<column id=\"plain\" type=\"integer\" label=\"p\"/>\n" RFIG ("k", "count ()"))
                  SET_TAIL (CONDITIONAL),
                  "register r: the column “plain” has the id of a figure of the set");
  assert_refused (SET_HEAD REG ("", "<column id=\"sum\" type=\"integer\" label=\"s\"/>\n" RFIG ("k", "count ()"))
                  SET_TAIL (CONDITIONAL),
                  "column “sum”: a word of the expression language cannot be an id");
  /* The carry condition: over a row, yes/no. */
  assert_refused (SET_HEAD REG ("carry=\"n + 1\"", RFIG ("k", "count ()")) SET_TAIL (CONDITIONAL),
                  "t.xml:10: register r: carry must be a yes/no condition over a row");
  assert_refused (SET_HEAD REG ("carry=\"count () &gt; 1\"", RFIG ("k", "count ()")) SET_TAIL (CONDITIONAL),
                  "register r: carry: at character 1 of the expression: count (…) counts the rows");
  /* A register's figure of the wrong type. */
  assert_refused (SET_HEAD REG ("", RFIG ("k", "count () &gt; 1")) SET_TAIL (CONDITIONAL),
                  "figure k: the expression gives a yes/no value, but the figure is of type integer");
  /* A choice with a weight that is no number, an option twice. */
  assert_refused (SET_HEAD REG ("", "<column id=\"c\" type=\"choice\" label=\"c\"><option value=\"a\" label=\"a\"/>"
                                    "<option value=\"a\" label=\"b\"/></column>\n" RFIG ("k", "count ()"))
                  SET_TAIL (CONDITIONAL),
                  "column “c”: the option “a” is declared twice");
  /* The schema: a column of an unknown type, a register figure without an expression. */
  assert_refused (SET_HEAD REG ("", "<column id=\"c\" type=\"money\" label=\"c\"/>\n" RFIG ("k", "count ()"))
                  SET_TAIL (CONDITIONAL), "t.xml");
  assert_refused (SET_HEAD REG ("", "<figure id=\"k\" type=\"integer\" label=\"k\"/>\n") SET_TAIL (CONDITIONAL),
                  "t.xml");
  /* Two registers of one id. */
  assert_refused (SET_HEAD "<registers>\n<register id=\"r\" label=\"r\"><column id=\"a\" type=\"text\" label=\"a\"/></register>\n"
                  "<register id=\"r\" label=\"r\"><column id=\"a\" type=\"text\" label=\"a\"/></register>\n</registers>\n"
                  SET_TAIL ("<rule type=\"manual\"/>"),
                  "t.xml:11: register r: the id is declared twice");
}

/* --- a cell as shown: one helper for the Books page, the import preview (and the pack) ------- */

static void
assert_shown (const ParRegisterColumn *column,
              const char              *canonical,
              char                     sep,
              const char              *expected)
{
  g_autofree char *shown = par_register_cell_display (column, canonical, sep);
  g_autoptr(GError) error = NULL;
  g_autofree char *back = NULL;

  g_assert_cmpstr (shown, ==, expected);
  if (canonical == NULL || canonical[0] == '\0')
    return;
  /* What is shown reads back as what is stored (a cell edited in place keeps its value), in
   * either language's separators. */
  back = par_register_normalize_cell (column, shown, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back, ==, canonical);
}

static void
test_cell_display (void)
{
  const char *xml = SET_HEAD REG ("",
                                  "<column id=\"amount\" type=\"decimal\" label=\"a\"/>\n"
                                  "<column id=\"ok\" type=\"yes-no\" label=\"o\"/>\n"
                                  "<column id=\"kind\" type=\"choice\" label=\"k\"><option value=\"q1\" label=\"Quý I\"/>"
                                  "<option value=\"h1\" label=\"6 tháng\"/></column>\n"
                                  RFIG ("k", "count ()"))
                    SET_TAIL (CONDITIONAL);
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "t.xml", &error);
  const ParRegister *reg;

  g_assert_no_error (error);
  reg = par_framework_lookup_register (fw, "r");
  /* Dates dd/mm/yyyy in every language; a broken one as it is, never a plausible wrong date. */
  assert_shown (par_register_lookup_column (reg, "due"), "2020-01-14", ',', "14/01/2020");
  assert_shown (par_register_lookup_column (reg, "due"), "2020-01-14", '.', "14/01/2020");
  {
    g_autofree char *broken = par_register_cell_display (par_register_lookup_column (reg, "due"),
                                                         "2020-02-30", ',');
    g_assert_cmpstr (broken, ==, "2020-02-30");
  }
  /* Numbers grouped with the mark that is not the decimal separator. */
  assert_shown (par_register_lookup_column (reg, "n"), "4891", ',', "4.891");
  assert_shown (par_register_lookup_column (reg, "n"), "4891", '.', "4,891");
  assert_shown (par_register_lookup_column (reg, "n"), "1234567", ',', "1.234.567");
  assert_shown (par_register_lookup_column (reg, "n"), "999", ',', "999");
  assert_shown (par_register_lookup_column (reg, "amount"), "1234.50", ',', "1.234,50");
  assert_shown (par_register_lookup_column (reg, "amount"), "1234.50", '.', "1,234.50");
  /* Yes-no (translated; the test runs in the C locale), a choice's label, text as it is. */
  assert_shown (par_register_lookup_column (reg, "ok"), "true", ',', "Yes");
  assert_shown (par_register_lookup_column (reg, "ok"), "false", ',', "No");
  assert_shown (par_register_lookup_column (reg, "kind"), "h1", ',', "6 tháng");
  {
    g_autofree char *unknown = par_register_cell_display (par_register_lookup_column (reg, "kind"),
                                                          "q9", ',');
    g_assert_cmpstr (unknown, ==, "q9");
  }
  assert_shown (par_register_lookup_column (reg, "name"), "KH 01/KH-KCNĐN", ',', "KH 01/KH-KCNĐN");
  /* A column's input reads as its cell does (par_input_display_words: one place for how a
   * yes/no, a date, a number, a choice read, the evidence pack's entries included). */
  {
    const char *values[] = { "true", "false", "maybe", "2020-01-14", "4891", "1234.50", "h1", "q9", "" };

    for (guint c = 0; c < reg->columns->len; c++)
      {
        const ParRegisterColumn *col = reg->columns->pdata[c];

        if (col->as_input == NULL)
          continue;
        for (guint v = 0; v < G_N_ELEMENTS (values); v++)
          {
            g_autofree char *cell = par_register_cell_display_words (col, values[v], ',', "Có", "Không");
            g_autofree char *input = par_input_display_words (col->as_input, values[v], ',', "Có", "Không");
            g_assert_cmpstr (input, ==, cell);
          }
      }
  }
  /* Empty is "", whatever the type. */
  for (guint c = 0; c < reg->columns->len; c++)
    {
      assert_shown (reg->columns->pdata[c], NULL, ',', "");
      assert_shown (reg->columns->pdata[c], "", '.', "");
    }
}

/* An entry's value as a document shows it (the evidence pack): the yes/no words it is given,
 * never "Không" for a value that is not "false"; a percentage with its sign. */
static void
test_input_display (void)
{
  ParInput yes_no_input = { .type = PAR_INPUT_BOOLEAN }, percent_input = { .type = PAR_INPUT_PERCENT };
  ParInput integer_input = { .type = PAR_INPUT_INTEGER }, date_input = { .type = PAR_INPUT_DATE };
  ParInput *yes_no = &yes_no_input, *percent = &percent_input;
  ParInput *integer = &integer_input, *date = &date_input;
  struct { ParInput *input; const char *value; const char *shown; } cases[] = {
    { yes_no, "true", "Có" }, { yes_no, "false", "Không" }, { yes_no, "1", "1" }, { yes_no, "", "" },
    { yes_no, NULL, "" },
    { percent, "95.5", "95,5 %" }, { percent, "100", "100 %" },
    { integer, "1234567", "1.234.567" }, { integer, "12a", "12a" },
    { date, "2022-01-14", "14/01/2022" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = par_input_display_words (cases[i].input, cases[i].value, ',', "Có", "Không");
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
}

/* --- the shipped sample set with the books: data/frameworks/sample-books.xml ---------------- */

static ParFramework *
load_sample_books (void)
{
  g_autoptr(GError) error = NULL;
  const char *dir = g_getenv ("PARSCORE_DATADIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : SOURCE_DATADIR, "frameworks",
                                            "sample-books.xml", NULL);
  ParFramework *fw = par_framework_load_file (path, &error);

  g_assert_no_error (error);
  return fw;
}

/* The Đồng Nai board's 2020 as its reports give it (seeds 000 and 004): KH 01/KH-KCNĐN issued
 * on 14/01/2020 (deadline 31/01), about half of the plan done at mid-year, the 6-month report
 * sent on 15/06, 5,112 files received with 252 carried over, 4,898 resolved, 4,891 on time, 7
 * late, 214 pending. */
static void
test_sample_books_seeds (void)
{
  Books b = { load_sample_books (), g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) par_register_rows_unref) };
  g_autoptr(ParFigureResult) mid = NULL;
  g_autoptr(ParFigureResult) end = NULL;
  g_autoptr(ParResult) r1 = NULL;
  g_autoptr(ParResult) r2 = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  ParEntry *apologies = par_entry_new ("3.3.2");
  static const char *const tasks[] = {
    "Ban hành Kế hoạch CCHC năm 2020", "Kế hoạch kiểm tra CCHC (05/KH-KCNĐN)",
    "Kế hoạch thông tin, tuyên truyền CCHC (06/KH-KCNĐN)", "Kế hoạch theo dõi thi hành pháp luật (07/KH-KCNĐN)",
    "Kế hoạch kiểm soát TTHC (02/KH-KCNĐN)", "Kiểm tra CCHC đợt 1", "Kiểm tra CCHC đợt 2",
    "Dịch vụ công trực tuyến mức độ 3, 4", "Rà soát VBQPPL liên quan đến TTHC", "Triển khai ISO 9001:2015",
    "Đơn giản hóa TTHC", "Kiểm tra giải quyết TTHC", "Đối thoại doanh nghiệp", "Cuộc thi tuyên truyền CCHC",
  };
  static const char *const done_mid[] = {
    "14/01/2020", "21/01/2020", "21/01/2020", "03/02/2020", "16/01/2020", "30/06/2020", "", "", "", "", "", "", "", "",
  };
  ParScoreContext ctx = { 2020, NULL, NULL };
  g_autofree char *on_time = NULL, *resolved = NULL;

  g_assert_nonnull (b.fw);
  g_assert_cmpuint (par_framework_get_registers (b.fw)->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    add_row (&b, "plan_tasks", tasks[i], "Văn phòng", i == 0 ? "31/01/2020" : i < 5 ? "28/02/2020" : "30/11/2020",
             done_mid[i], i == 0 ? "có" : "", i == 0 ? "01/KH-KCNĐN" : "");
  add_row (&b, "reports_sent", "Báo cáo CCHC quý I năm 2020", "Quý I", "15/03/2020", "13/03/2020", "");
  add_row (&b, "reports_sent", "Báo cáo CCHC 6 tháng đầu năm 2020", "6 tháng", "15/06/2020", "15/06/2020", "");
  add_row (&b, "procedure_stats", "6 tháng đầu năm", "4.860", "252", "0", "4.891", "7", "214", "0", "", "980");
  for (guint i = 0; i < 30; i++)
    add_row (&b, "survey_forms", i % 2 ? "Cấp giấy phép lao động cho người nước ngoài" : "Đăng ký nội quy lao động",
             "15/07/2020", i < 20 ? "Rất hài lòng" : "Hài lòng", i < 25 ? "Rất hài lòng" : "Chưa hài lòng", "Hài lòng");
  par_entry_set_input (apologies, "apologised", "7");
  g_ptr_array_add (entries, apologies);

  mid = par_figures_evaluate_with_rows (b.fw, NULL, b.rows);
  on_time = figure_text (mid, b.fw, "files_on_time");
  resolved = figure_text (mid, b.fw, "files_resolved");
  g_assert_cmpstr (on_time, ==, "4,891");
  g_assert_cmpstr (resolved, ==, "4,898");
  g_assert_cmpint (par_figure_result_get_check (mid, 0)->state, ==, PAR_CHECK_PASSED);   /* balance */
  g_assert_cmpint (par_figure_result_get_check (mid, 1)->state, ==, PAR_CHECK_PASSED);   /* 30 forms */
  ctx.figures = mid;
  r1 = par_score_with (b.fw, entries, &ctx);
  assert_points (r1, "1.1.1", 100);   /* 14/01 ≤ 31/01 */
  assert_points (r1, "1.1.3", 0);     /* 6 of 14 done at mid-year: 42.86 % < 70 % */
  assert_points (r1, "1.2.1", 0);     /* 2 reports so far */
  assert_points (r1, "3.3.1", 200);   /* 4,891 / 4,898 = 99.86 % > 90 % */
  assert_points (r1, "3.3.2", 50);    /* 7 of 7 late files apologised for */
  assert_points (r1, "3.3.3", 50);    /* 980 / 4,898 = 20.01 % ≥ 20 % */
  /* access (20 × 100 + 10 × 60) / 30 = 86.67; attitude (25 × 100 + 5 × 20) / 30 = 86.67;
   * result 60 → 77.78 % → 0.5 */
  {
    g_autofree char *sat = figure_text (mid, b.fw, "satisfaction");
    g_assert_cmpstr (sat, ==, "77.78 %");
  }
  assert_points (r1, "6.1.1", 50);

  /* The year's end: every task done, the four reports on time, H2 statistics. */
  g_hash_table_remove (b.rows, "plan_tasks");
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    add_row (&b, "plan_tasks", tasks[i], "Văn phòng", i == 0 ? "31/01/2020" : "30/11/2020",
             i == 0 ? "14/01/2020" : "25/11/2020", i == 0 ? "có" : "", "");
  add_row (&b, "reports_sent", "Báo cáo CCHC quý III năm 2020", "Quý III", "15/09/2020", "14/09/2020", "");
  add_row (&b, "reports_sent", "Báo cáo CCHC năm 2020", "Năm", "15/12/2020", "10/12/2020", "");
  end = par_figures_evaluate_with_rows (b.fw, NULL, b.rows);
  ctx.figures = end;
  r2 = par_score_with (b.fw, entries, &ctx);
  assert_points (r2, "1.1.3", 150);
  assert_points (r2, "1.2.1", 100);
  g_assert_cmpint (par_result_get_leaf (r2, "3.3.1")->self, ==, 200);
  books_clear (&b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/registers/model", test_model);
  g_test_add_func ("/registers/procedure-statistics-seed", test_procedure_statistics_seed);
  g_test_add_func ("/registers/procedure-statistics-quarters", test_procedure_statistics_quarters);
  g_test_add_func ("/registers/plan-tasks", test_plan_tasks);
  g_test_add_func ("/registers/reports-sent", test_reports_sent);
  g_test_add_func ("/registers/survey-forms", test_survey_forms);
  g_test_add_func ("/registers/no-rows", test_no_rows);
  g_test_add_func ("/registers/check-row", test_check_row);
  g_test_add_func ("/registers/expr-aggregates", test_expr_aggregates);
  g_test_add_func ("/registers/expr-refused", test_expr_refused);
  g_test_add_func ("/registers/refused", test_refused);
  g_test_add_func ("/registers/cell-display", test_cell_display);
  g_test_add_func ("/registers/input-display", test_input_display);
  g_test_add_func ("/registers/sample-books-seeds", test_sample_books_seeds);
  return g_test_run ();
}
