/* test-sample-set.c — the shipped sample set with the office's books (issues 12, 13): 1.1.1 and
 * 1.1.3 read the plan's tasks, 1.2.1 the reports sent, 3.3.1–3.3.3 the procedure statistics per
 * period, 8.3.2 the survey forms. The Đồng Nai board's H1 2020 (seeds 000 and 004: KH
 * 01/KH-KCNĐN issued on 14/01/2020, 4,860 files received with 252 carried over, 4,898 resolved,
 * 4,891 on time, 7 late, 214 pending) scores by the set's rules, the checks hold, the tiers'
 * boundaries hold. The demo's books: test-upgrade /upgrade/demo-books.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "par-core.h"

typedef struct {
  ParFramework *fw;
  GHashTable   *rows;      /* register id → ParRegisterRows */
  GPtrArray    *entries;
} Sample;

static void
sample_init (Sample *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks",
                                            "sample-department.xml", NULL);

  s->fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  s->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) par_register_rows_unref);
  s->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
}

static void
sample_clear (Sample *s)
{
  g_clear_pointer (&s->fw, par_framework_unref);
  g_clear_pointer (&s->rows, g_hash_table_unref);
  g_clear_pointer (&s->entries, g_ptr_array_unref);
}

/* Adds a row given as typed text (dd/mm/yyyy, 4.891, option labels), one cell per column in
 * the set's order, through the one reading and the one check, as the importers do. */
static void
add_row (Sample     *s,
         const char *register_id,
         ...)
{
  const ParRegister *reg = par_framework_lookup_register (s->fw, register_id);
  ParRegisterRows *rows;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  va_list args;

  g_assert_nonnull (reg);
  rows = g_hash_table_lookup (s->rows, register_id);
  if (rows == NULL)
    {
      rows = par_register_rows_new (register_id, reg->columns->len);
      g_hash_table_insert (s->rows, g_strdup (register_id), rows);
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

/* procedure_stats: period, received, carried, early, on time, late, pending within, pending
 * past the deadline, online, by post. */
static void
add_stats (Sample     *s,
           const char *period,
           const char *received,
           const char *carried,
           const char *on_time,
           const char *late,
           const char *pending,
           const char *post)
{
  add_row (s, "procedure_stats", period, received, carried, "0", on_time, late, pending, "0", "",
           post);
}

/* The seeds' H1 2020 as two quarters: Q1 2,430 new + 252 carried, 2,440 + 3 resolved, 239
 * pending; Q2 2,430 new + 239 carried, 2,451 + 4 resolved, 214 pending. */
static void
enter_seed_stats (Sample     *s,
                  const char *post_q2)
{
  add_stats (s, "Quý I", "2.430", "252", "2.440", "3", "239", "490");
  add_stats (s, "Quý II", "2.430", "239", "2.451", "4", "214", post_q2);
}

static void
set_entry (Sample     *s,
           const char *code,
           const char *input,
           const char *value)
{
  ParEntry *entry = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < s->entries->len; i++)
    if (g_str_equal (((ParEntry *) s->entries->pdata[i])->code, code))
      entry = s->entries->pdata[i];
  if (entry == NULL)
    g_ptr_array_add (s->entries, entry = par_entry_new (code));
  par_entry_set_input (entry, input, value);
  g_assert_true (par_entry_check (par_framework_lookup (s->fw, code), entry, &error));
  g_assert_no_error (error);
}

static ParResult *
score (Sample           *s,
       ParFigureResult **figures_out)
{
  g_autoptr(ParFigureResult) figures = par_figures_evaluate_with_rows (s->fw, NULL, s->rows);
  ParScoreContext context = { 2020, figures, NULL };
  ParResult *result = par_score_with (s->fw, s->entries, &context);

  if (figures_out != NULL)
    *figures_out = par_figure_result_ref (figures);
  return result;
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

static void
assert_leaf (ParResult     *result,
             const char    *code,
             ParScoreState  state,
             ParPoints      self,
             const char    *explanation)
{
  const ParLeafScore *leaf = par_result_get_leaf (result, code);

  g_assert_nonnull (leaf);
  if (leaf->state != state || (state == PAR_SCORE_SCORED && leaf->self != self) ||
      (explanation != NULL && g_strcmp0 (leaf->explanation, explanation) != 0))
    g_error ("%s: state %d, %" G_GINT64_FORMAT ", “%s”; expected state %d, %" G_GINT64_FORMAT
             ", “%s”", code, leaf->state, leaf->self, leaf->explanation, state, self,
             explanation != NULL ? explanation : "");
}

static void
test_shape (void)
{
  Sample s = { 0 };
  static const struct { const char *code; const char *figure; const char *reg; } reads[] = {
    { "1.1.1", "plan_issued_on_time", "plan_tasks" },
    { "1.1.3", "plan_tasks_done", "plan_tasks" },
    { "1.2.1", "reports_on_time", "reports_sent" },
    { "3.3.1", "files_on_time", "procedure_stats" },
    { "3.3.2", "files_late", "procedure_stats" },
    { "3.3.3", "files_post", "procedure_stats" },
    { "8.3.2", "satisfied_share", "survey_forms" },
  };
  static const char *const registers[] = { "plan_tasks", "reports_sent", "procedure_stats",
                                           "survey_forms" };

  sample_init (&s);
  g_assert_cmpuint (par_framework_get_format_version (s.fw), ==, 2);
  g_assert_cmpuint (par_framework_get_registers (s.fw)->len, ==, G_N_ELEMENTS (registers));
  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    g_assert_cmpstr (((ParRegister *) g_ptr_array_index (par_framework_get_registers (s.fw), i))->id,
                     ==, registers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      const ParNode *leaf = par_framework_lookup (s.fw, reads[i].code);
      const ParFigure *figure = par_framework_lookup_figure (s.fw, reads[i].figure);
      gboolean found = FALSE;

      g_assert_nonnull (leaf);
      g_assert_nonnull (figure);
      g_assert_nonnull (figure->reg);
      g_assert_cmpstr (figure->reg->id, ==, reads[i].reg);
      for (guint f = 0; f < leaf->figures->len; f++)
        found |= leaf->figures->pdata[f] == figure;
      if (!found)
        g_error ("%s does not read %s", reads[i].code, reads[i].figure);
    }
  /* What the books give is not typed again: 1.1.1, 1.1.3, 1.2.1, 3.3.1, 3.3.3 and 8.3.2 have no
   * inputs left; 3.3.2 keeps its apologies. */
  g_assert_cmpuint (par_framework_lookup (s.fw, "1.1.1")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_lookup (s.fw, "1.1.3")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_lookup (s.fw, "1.2.1")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_lookup (s.fw, "3.3.1")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_lookup (s.fw, "3.3.2")->inputs->len, ==, 1);
  g_assert_cmpuint (par_framework_lookup (s.fw, "3.3.3")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_lookup (s.fw, "8.3.2")->inputs->len, ==, 0);
  g_assert_cmpuint (par_framework_get_checks (s.fw)->len, ==, 2);
  g_assert_true (par_figure_is_derived (par_framework_lookup_figure (s.fw, "on_time_share")));
  sample_clear (&s);
}

/* The board's H1 2020 from its books, scored: KH 01/KH-KCNĐN on 14/01 (deadline 31/01) → 1;
 * 6 of 14 plan tasks done at mid-year → 0; 2 reports so far → 0; 4,891 of 4,898 on time →
 * 2.00; 7 late, 7 apologies → 0.50; 980 of 4,898 returned by post (20.01 %) → 0.50, 979 →
 * 0.25; 30 forms, 27 satisfied with the result (90 %) → 1.5. At the year's end every task
 * is done and the four reports were sent on time. */
static void
test_seed_scores (void)
{
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
  Sample s = { 0 };
  g_autoptr(ParResult) mid = NULL;
  g_autoptr(ParResult) post = NULL;
  g_autoptr(ParResult) end = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *on_time = NULL, *resolved = NULL, *share = NULL;
  const ParFigure *share_figure;
  ParExprValue v;

  sample_init (&s);
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    add_row (&s, "plan_tasks", tasks[i], "Văn phòng",
             i == 0 ? "31/01/2020" : i < 5 ? "28/02/2020" : "30/11/2020", done_mid[i],
             i == 0 ? "có" : "", i == 0 ? "01/KH-KCNĐN" : "");
  add_row (&s, "reports_sent", "Báo cáo CCHC quý I năm 2020", "Quý I", "15/03/2020", "13/03/2020", "45/BC-KCNĐN");
  add_row (&s, "reports_sent", "Báo cáo CCHC 6 tháng đầu năm 2020", "6 tháng", "15/06/2020", "15/06/2020", "112/BC-KCNĐN");
  enter_seed_stats (&s, "490");
  for (guint i = 0; i < 30; i++)
    add_row (&s, "survey_forms", i % 2 ? "Cấp giấy phép lao động cho người nước ngoài" : "Đăng ký nội quy lao động",
             "15/07/2020", "Rất hài lòng", "Hài lòng", i < 20 ? "Rất hài lòng" : i < 27 ? "Hài lòng" : "Chưa hài lòng");
  set_entry (&s, "3.3.2", "apologised", "7");

  mid = score (&s, &figures);
  on_time = figure_text (figures, s.fw, "files_on_time");
  resolved = figure_text (figures, s.fw, "files_resolved");
  share = figure_text (figures, s.fw, "satisfied_share");
  g_assert_cmpstr (on_time, ==, "4,891");
  g_assert_cmpstr (resolved, ==, "4,898");
  g_assert_cmpstr (share, ==, "90.00 %");
  assert_leaf (mid, "1.1.1", PAR_SCORE_SCORED, 100, NULL);
  assert_leaf (mid, "1.1.3", PAR_SCORE_SCORED, 0, NULL);
  assert_leaf (mid, "1.2.1", PAR_SCORE_SCORED, 0, NULL);
  assert_leaf (mid, "3.3.1", PAR_SCORE_SCORED, 200,
               "files_on_time 4,891, files_resolved 4,898: 4891/4898 = 99.86 % > 90.00 % → 2.00");
  /* …and where the figure came from. */
  {
    g_autofree char *how = par_figure_result_explain (
      figures, par_framework_lookup_figure (s.fw, "files_on_time"), '.');
    g_assert_cmpstr (how, ==, "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 4,891 over 2 rows = 4,891");
  }
  /* A count in words: a yes/no column by its title alone, the others by theirs (was
   * "count (issues_plan = true and done ≠ null and done ≤ deadline) 1 of 6 rows"); a share. */
  {
    g_autofree char *issued = par_figure_result_explain (
      figures, par_framework_lookup_figure (s.fw, "plan_issued_on_time"), '.');
    g_autofree char *sent = par_figure_result_explain (
      figures, par_framework_lookup_figure (s.fw, "reports_on_time"), '.');
    g_autofree char *satisfied = par_figure_result_explain (
      figures, par_framework_lookup_figure (s.fw, "satisfied_share"), '.');

    g_assert_cmpstr (issued, ==, "from the register “Kế hoạch CCHC”: Là nhiệm vụ ban hành Kế hoạch CCHC năm and "
                                 "Ngày hoàn thành entered and Ngày hoàn thành ≤ Thời hạn: 1 of 14 rows = 1");
    g_assert_cmpstr (sent, ==, "from the register “Báo cáo định kỳ”: Ngày gửi entered and Ngày gửi ≤ Hạn gửi: 2 of 2 rows = 2");
    g_assert_cmpstr (satisfied, ==, "from the register “Phiếu khảo sát sự hài lòng”: Kết quả giải quyết ≥ 60: 27 of 30 rows = 90.00 % = 90.00 %");
  }
  assert_leaf (mid, "3.3.2", PAR_SCORE_SCORED, 50, NULL);
  assert_leaf (mid, "3.3.3", PAR_SCORE_SCORED, 50, NULL);
  assert_leaf (mid, "8.3.2", PAR_SCORE_SCORED, 150, NULL);

  /* Both checks hold: each quarter adds up, 30 forms. */
  g_assert_cmpuint (par_figure_result_n_checks (figures), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (par_figure_result_get_check (figures, i)->state, ==, PAR_CHECK_PASSED);
  g_assert_false (par_figure_result_blocks_submission (figures, &error));
  g_assert_no_error (error);

  /* The derived share, the report's 99.9 %: exactly 4,891 / 4,898. */
  share_figure = par_framework_lookup_figure (s.fw, "on_time_share");
  v = par_figure_result_get_value (figures, share_figure);
  g_assert_cmpint (v.kind, ==, PAR_EXPR_NUMBER);
  g_assert_cmpint (v.num * 4898, ==, v.den * 4891);

  /* 3.3.2: 6 apologies of 7 → 0.43; 3.3.3: 979 of 4,898 → 0.25. */
  g_hash_table_remove (s.rows, "procedure_stats");
  enter_seed_stats (&s, "489");
  set_entry (&s, "3.3.2", "apologised", "6");
  post = score (&s, NULL);
  assert_leaf (post, "3.3.2", PAR_SCORE_SCORED, 43, NULL);
  assert_leaf (post, "3.3.3", PAR_SCORE_SCORED, 25, NULL);

  /* The year's end: every task done, the four reports on time. */
  g_hash_table_remove (s.rows, "plan_tasks");
  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    add_row (&s, "plan_tasks", tasks[i], "Văn phòng", i == 0 ? "31/01/2020" : "30/11/2020",
             i == 0 ? "14/01/2020" : "25/11/2020", i == 0 ? "có" : "", "");
  add_row (&s, "reports_sent", "Báo cáo CCHC quý III năm 2020", "Quý III", "15/09/2020", "14/09/2020", "168/BC-KCNĐN");
  add_row (&s, "reports_sent", "Báo cáo CCHC năm 2020", "Năm", "15/12/2020", "05/12/2020", "180/BC-KCNĐN");
  end = score (&s, NULL);
  assert_leaf (end, "1.1.3", PAR_SCORE_SCORED, 150, NULL);
  assert_leaf (end, "1.2.1", PAR_SCORE_SCORED, 100, NULL);
  sample_clear (&s);
}

/* 3.3.1's tiers: above 90 % → 2 (exactly 90 % is not above it) · from 70 % → 1 · else 0. */
static void
test_tiers (void)
{
  const struct { const char *on_time; const char *late; ParPoints points; } cases[] = {
    { "4.411", "489", 200 },   /* 4,411 / 4,900 = 90.02 % */
    { "4.410", "490", 100 },   /* 90.00 % exactly */
    { "3.430", "1.470", 100 }, /* 70.00 % */
    { "3.429", "1.471", 0 },   /* 69.98 % */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Sample s = { 0 };
      g_autoptr(ParResult) result = NULL;

      sample_init (&s);
      add_stats (&s, "6 tháng đầu năm", "4.900", "0", cases[i].on_time, cases[i].late, "0", "0");
      result = score (&s, NULL);
      assert_leaf (result, "3.3.1", PAR_SCORE_SCORED, cases[i].points, NULL);
      sample_clear (&s);
    }
}

/* No statistics kept yet: 3.3.1 is not scored (never as if the office had no files) and the
 * balance is not checked; a period that does not add up blocks submitting; fewer than 30 forms
 * is a warning that does not block. */
static void
test_incomplete_and_checks (void)
{
  Sample s = { 0 };
  g_autoptr(ParResult) result = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParFigureResult) wrong = NULL;
  g_autoptr(ParFigureResult) warned = NULL;
  g_autoptr(GError) error = NULL;

  sample_init (&s);
  result = score (&s, &figures);
  g_assert_cmpint (par_result_get_leaf (result, "3.3.1")->state, !=, PAR_SCORE_SCORED);
  g_assert_false (par_result_get_leaf (result, "3.3.1")->has_self);
  g_assert_cmpint (par_figure_result_get_check (figures, 0)->state, ==, PAR_CHECK_NOT_CHECKED);

  /* Q2 received one file too many: 2,431 + 239 ≠ 2,455 + 214. */
  add_stats (&s, "Quý I", "2.430", "252", "2.440", "3", "239", "0");
  add_stats (&s, "Quý II", "2.431", "239", "2.451", "4", "214", "0");
  wrong = par_figures_evaluate_with_rows (s.fw, NULL, s.rows);
  g_assert_cmpint (par_figure_result_get_check (wrong, 0)->state, ==, PAR_CHECK_FAILED);
  g_assert_true (par_figure_result_blocks_submission (wrong, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  /* The check's message in the set's language. */
  g_assert_nonnull (strstr (error->message, "hồ sơ tiếp nhận mới cộng kỳ trước chuyển qua"));
  g_clear_error (&error);

  g_hash_table_remove (s.rows, "procedure_stats");
  enter_seed_stats (&s, "0");
  for (guint i = 0; i < 12; i++)
    add_row (&s, "survey_forms", "Đăng ký nội quy lao động", "15/07/2020", "", "", "Hài lòng");
  warned = par_figures_evaluate_with_rows (s.fw, NULL, s.rows);
  g_assert_cmpint (par_figure_result_get_check (warned, 0)->state, ==, PAR_CHECK_PASSED);
  g_assert_cmpint (par_figure_result_get_check (warned, 1)->state, ==, PAR_CHECK_FAILED);
  g_assert_cmpint (par_figure_result_get_check (warned, 1)->check->severity, ==, PAR_CHECK_WARNING);
  g_assert_false (par_figure_result_blocks_submission (warned, &error));
  g_assert_no_error (error);
  sample_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sample-set/shape", test_shape);
  g_test_add_func ("/sample-set/seed-scores", test_seed_scores);
  g_test_add_func ("/sample-set/tiers", test_tiers);
  g_test_add_func ("/sample-set/incomplete-and-checks", test_incomplete_and_checks);
  return g_test_run ();
}
