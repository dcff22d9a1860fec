/* test-sample-set.c — the shipped sample set in format 2 (issue 12): the procedure files of 3.3
 * are figures per half-year, and the Đồng Nai board's H1 2020 report (seeds/000: 5,112 files
 * received with 252 carried over, 4,898 resolved, 4,891 on time, 7 late, 214 pending) scores
 * 3.3.1–3.3.3 by the set's rules, with both checks holding; the tiers' boundaries hold too.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-core.h"

typedef struct {
  ParFramework    *fw;
  ParFigureValues *values;
  GPtrArray       *entries;
} Sample;

static void
sample_init (Sample *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks",
                                            "sample-department.xml", NULL);

  s->fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  s->values = par_figure_values_new ();
  s->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
}

static void
sample_clear (Sample *s)
{
  g_clear_pointer (&s->fw, par_framework_unref);
  g_clear_pointer (&s->values, par_figure_values_unref);
  g_clear_pointer (&s->entries, g_ptr_array_unref);
}

/* @h2 NULL leaves H2 not entered. Every value goes through the one check, as the store does. */
static void
set_halves (Sample     *s,
            const char *id,
            const char *h1,
            const char *h2)
{
  const ParFigure *figure = par_framework_lookup_figure (s->fw, id);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (figure);
  g_assert_true (par_figure_check_value (figure, "h1", h1, &error));
  g_assert_no_error (error);
  par_figure_values_set (s->values, id, "h1", h1);
  if (h2 != NULL)
    {
      g_assert_true (par_figure_check_value (figure, "h2", h2, &error));
      g_assert_no_error (error);
    }
  par_figure_values_set (s->values, id, "h2", h2);
}

/* The seeds' H1 2020, and an H2 where nothing moved (the 214 stay pending): the year's figures
 * are the report's. */
static void
enter_seed (Sample *s)
{
  set_halves (s, "files_received", "5112", "0");
  set_halves (s, "files_resolved", "4898", "0");
  set_halves (s, "files_on_time", "4891", "0");
  set_halves (s, "files_late", "7", "0");
  set_halves (s, "files_pending", "214", "214");
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
score (Sample          *s,
       ParFigureResult **figures_out)
{
  g_autoptr(ParFigureResult) figures = par_figures_evaluate (s->fw, s->values);
  ParScoreContext context = { 2020, figures, NULL };
  ParResult *result = par_score_with (s->fw, s->entries, &context);

  if (figures_out != NULL)
    *figures_out = par_figure_result_ref (figures);
  return result;
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
  const char *figures[] = { "files_received", "files_resolved", "files_on_time", "files_late",
                            "files_pending", "on_time_share" };
  const ParNode *leaf;

  sample_init (&s);
  g_assert_cmpuint (par_framework_get_format_version (s.fw), ==, 2);
  g_assert_cmpuint (par_framework_get_figures (s.fw)->len, ==, G_N_ELEMENTS (figures));
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      const ParFigure *figure = par_framework_lookup_figure (s.fw, figures[i]);
      g_assert_nonnull (figure);
      g_assert_cmpint (figure->period, ==, i < 5 ? PAR_PERIOD_HALF : PAR_PERIOD_YEAR);
      g_assert_cmpint (par_figure_is_derived (figure), ==, i == 5);
    }
  g_assert_cmpint (par_framework_lookup_figure (s.fw, "files_pending")->rollup, ==, PAR_ROLLUP_LAST);
  g_assert_cmpint (par_framework_lookup_figure (s.fw, "files_resolved")->rollup, ==, PAR_ROLLUP_SUM);
  g_assert_cmpuint (par_framework_get_checks (s.fw)->len, ==, 2);
  /* 3.3.1 reads two figures, 3.3.2 and 3.3.3 one each besides their own input. */
  leaf = par_framework_lookup (s.fw, "3.3.1");
  g_assert_cmpuint (leaf->figures->len, ==, 2);
  g_assert_cmpuint (leaf->inputs->len, ==, 0);
  leaf = par_framework_lookup (s.fw, "3.3.2");
  g_assert_cmpuint (leaf->figures->len, ==, 1);
  g_assert_cmpstr (((const ParFigure *) leaf->figures->pdata[0])->id, ==, "files_late");
  leaf = par_framework_lookup (s.fw, "3.3.3");
  g_assert_cmpuint (leaf->figures->len, ==, 1);
  g_assert_cmpstr (((const ParFigure *) leaf->figures->pdata[0])->id, ==, "files_resolved");
  sample_clear (&s);
}

/* The board's report, scored: 4,891 of 4,898 on time → 2.00; 7 late, 7 apologies → 0.50; 980 of
 * 4,898 returned by post (20.01 %) → 0.50, 979 (19.99 %) → 0.25. */
static void
test_seed_scores (void)
{
  Sample s = { 0 };
  g_autoptr(ParResult) result = NULL;
  g_autoptr(ParResult) result2 = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(GError) error = NULL;
  const ParFigure *share;
  ParExprValue v;

  sample_init (&s);
  enter_seed (&s);
  set_entry (&s, "3.3.2", "apologised", "7");
  set_entry (&s, "3.3.3", "postal", "980");
  result = score (&s, &figures);
  assert_leaf (result, "3.3.1", PAR_SCORE_SCORED, 200,
               "files_on_time (H1–H2 sum) 4,891, files_resolved (H1–H2 sum) 4,898: "
               "4891/4898 = 99.86 % > 90.00 % → 2.00");
  assert_leaf (result, "3.3.2", PAR_SCORE_SCORED, 50,
               "files_late (H1–H2 sum) 7: 7/7 = 100.00 % × 0.50 → 0.50");
  assert_leaf (result, "3.3.3", PAR_SCORE_SCORED, 50,
               "files_resolved (H1–H2 sum) 4,898: 980/4898 = 20.01 % ≥ 20.00 % → 0.50");

  /* Both checks hold: 5,112 = 4,898 + 214, and 4,891 ≤ 4,898. */
  g_assert_cmpuint (par_figure_result_n_checks (figures), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (par_figure_result_get_check (figures, i)->state, ==, PAR_CHECK_PASSED);
  g_assert_cmpstr (par_figure_result_get_check (figures, 0)->explanation, ==,
                   "files_received (H1–H2 sum) 5,112 = files_resolved (H1–H2 sum) 4,898 + "
                   "files_pending (H2) 214 = 5,112");
  g_assert_false (par_figure_result_blocks_submission (figures, &error));
  g_assert_no_error (error);

  /* The derived share of H1, the report's 99.9 %: exactly 4,891 / 4,898. */
  share = par_framework_lookup_figure (s.fw, "on_time_share");
  v = par_figure_result_get_part (figures, share, 0);
  g_assert_cmpint (v.kind, ==, PAR_EXPR_NUMBER);
  g_assert_cmpint (v.num * 4898, ==, v.den * 4891);

  /* 3.3.2: 6 apologies of 7 → 0.43; 3.3.3: 979 of 4,898 → 0.25. */
  set_entry (&s, "3.3.2", "apologised", "6");
  set_entry (&s, "3.3.3", "postal", "979");
  result2 = score (&s, NULL);
  assert_leaf (result2, "3.3.2", PAR_SCORE_SCORED, 43, NULL);
  assert_leaf (result2, "3.3.3", PAR_SCORE_SCORED, 25, NULL);
  sample_clear (&s);
}

/* 3.3.1's tiers: above 90 % → 2 (exactly 90 % is not above it) · from 70 % → 1 · else 0. */
static void
test_tiers (void)
{
  const struct { const char *on_time; ParPoints points; } cases[] = {
    { "4411", 200 },   /* 4,411 / 4,900 = 90.02 % */
    { "4410", 100 },   /* 90.00 % exactly */
    { "3430", 100 },   /* 70.00 % */
    { "3429", 0 },     /* 69.98 % */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Sample s = { 0 };
      g_autoptr(ParResult) result = NULL;

      sample_init (&s);
      set_halves (&s, "files_resolved", "2450", "2450");
      set_halves (&s, "files_on_time", cases[i].on_time, "0");
      result = score (&s, NULL);
      assert_leaf (result, "3.3.1", PAR_SCORE_SCORED, cases[i].points, NULL);
      sample_clear (&s);
    }
}

/* Only H1 entered: the year is not known, so 3.3.1 is not yet scored (never scored as if H2
 * were 0) and the balance is not checked; a wrong balance blocks submitting; on time above
 * resolved is a warning that does not block. */
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
  set_halves (&s, "files_received", "5112", NULL);
  set_halves (&s, "files_resolved", "4898", NULL);
  set_halves (&s, "files_on_time", "4891", NULL);
  set_halves (&s, "files_pending", "214", NULL);
  result = score (&s, &figures);
  g_assert_cmpint (par_result_get_leaf (result, "3.3.1")->state, !=, PAR_SCORE_SCORED);
  g_assert_false (par_result_get_leaf (result, "3.3.1")->has_self);
  g_assert_cmpint (par_figure_result_get_check (figures, 0)->state, ==, PAR_CHECK_NOT_CHECKED);

  enter_seed (&s);
  par_figure_values_set (s.values, "files_received", "h1", "5113");
  wrong = par_figures_evaluate (s.fw, s.values);
  g_assert_cmpint (par_figure_result_get_check (wrong, 0)->state, ==, PAR_CHECK_FAILED);
  g_assert_true (par_figure_result_blocks_submission (wrong, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  /* The check's message in the set's language, and the values that fail it. */
  g_assert_nonnull (strstr (error->message, "Số hồ sơ tiếp nhận phải bằng số hồ sơ đã giải quyết"));
  g_assert_nonnull (strstr (error->message, "files_received (H1–H2 sum) 5,113 = files_resolved "
                                            "(H1–H2 sum) 4,898 + files_pending (H2) 214 = 5,112"));
  g_clear_error (&error);

  enter_seed (&s);
  par_figure_values_set (s.values, "files_on_time", "h2", "8");   /* 4,899 > 4,898 */
  warned = par_figures_evaluate (s.fw, s.values);
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
