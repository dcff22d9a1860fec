/* test-format2.c — criteria-set format 2: figures per period, derived figures, checks,
 * conditional rules, thresholds by year, evidence-required, provenance in explanations; the
 * cases of issue 12 (tests/core/format2/cases.xml) scored with their boundaries; refusals.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "par-entry-check.h"
#include "par-error.h"
#include "par-figure.h"
#include "par-figures.h"
#include "par-framework.h"
#include "par-scorer.h"

static ParFramework *
load_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "format2", "cases.xml", NULL);
  ParFramework *fw = par_framework_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
  return fw;
}

/* The seed's first half-year figures, spread over four quarters: 5,112 received, 4,898
 * resolved, 4,891 on time, 7 late, 214 pending at the end, 2,700 online. */
/* A rule's numerator, denominator and percentage are found among the leaf's inputs once, when
 * the set is loaded: each is what par_node_find_input () finds, a figure of the set seen as an
 * input where the rule names one (1.1.9 reads on_time / resolved), NULL where none is named. */
static void
test_rule_inputs_resolved (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autofree char *dept = g_test_build_filename (G_TEST_DIST, "..", "data", "frameworks",
                                                 "sample-department.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) sample = par_framework_load_file (dept, &error);
  ParFramework *sets[] = { fw, sample };
  guint fractions = 0, percents = 0;
  const ParNode *leaf = par_framework_lookup (fw, "1.1.9");

  g_assert_no_error (error);
  g_assert_nonnull (leaf->rule->numerator_input);
  g_assert_cmpstr (leaf->rule->numerator_input->id, ==, "on_time");
  g_assert_cmpstr (leaf->rule->denominator_input->id, ==, "resolved");
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      GPtrArray *leaves = par_framework_get_leaves (sets[s]);

      for (guint i = 0; i < leaves->len; i++)
        {
          const ParNode *node = g_ptr_array_index (leaves, i);
          const ParRule *rule = node->rule;

          g_assert_true (rule->numerator_input == par_node_find_input (node, rule->numerator));
          g_assert_true (rule->denominator_input == par_node_find_input (node, rule->denominator));
          g_assert_true (rule->percent_input == par_node_find_input (node, rule->percent));
          g_assert_true ((rule->numerator_input != NULL) == (rule->numerator != NULL));
          g_assert_true ((rule->percent_input != NULL) == (rule->percent != NULL));
          fractions += rule->numerator_input != NULL;
          percents += rule->percent_input != NULL;
        }
    }
  g_assert_cmpuint (fractions, >, 0);
  g_assert_cmpuint (percents, >, 0);
}

static ParFigureValues *
seed_values (void)
{
  ParFigureValues *v = par_figure_values_new ();
  const char *received[] = { "1200", "1300", "1312", "1300" };
  const char *resolved[] = { "1150", "1250", "1248", "1250" };
  const char *on_time[] = { "1148", "1249", "1246", "1248" };
  const char *late[] = { "2", "1", "2", "2" };
  const char *pending[] = { "50", "100", "164", "214" };
  const char *online[] = { "600", "650", "700", "750" };
  const char *keys[] = { "q1", "q2", "q3", "q4" };

  for (guint i = 0; i < 4; i++)
    {
      par_figure_values_set (v, "received", keys[i], received[i]);
      par_figure_values_set (v, "resolved", keys[i], resolved[i]);
      par_figure_values_set (v, "on_time", keys[i], on_time[i]);
      par_figure_values_set (v, "late", keys[i], late[i]);
      par_figure_values_set (v, "pending", keys[i], pending[i]);
      par_figure_values_set (v, "online", keys[i], online[i]);
    }
  par_figure_values_set (v, "tasks_done", "year", "true");
  par_figure_values_set (v, "budget", "year", "false");
  par_figure_values_set (v, "complaints", "year", "40");
  par_figure_values_set (v, "dissatisfied", "year", "3");
  return v;
}

typedef struct {
  ParFramework    *fw;
  ParFigureValues *values;
  GPtrArray       *entries;
  GHashTable      *evidence;
  int              year;
} Case;

static void
case_init (Case *c)
{
  c->fw = load_cases ();
  c->values = seed_values ();
  c->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  c->evidence = g_hash_table_new (g_str_hash, g_str_equal);
  c->year = 2023;
}

static void
case_clear (Case *c)
{
  par_framework_unref (c->fw);
  par_figure_values_unref (c->values);
  g_ptr_array_unref (c->entries);
  g_hash_table_unref (c->evidence);
}

static ParResult *
case_score (Case *c)
{
  g_autoptr(ParFigureResult) figures = par_figures_evaluate (c->fw, c->values);
  ParScoreContext ctx = { c->year, figures, c->evidence };

  return par_score_with (c->fw, c->entries, &ctx);
}

static void
set_input (Case       *c,
           const char *code,
           const char *id,
           const char *value)
{
  ParEntry *entry = NULL;

  for (guint i = 0; i < c->entries->len; i++)
    if (g_str_equal (((ParEntry *) g_ptr_array_index (c->entries, i))->code, code))
      entry = g_ptr_array_index (c->entries, i);
  if (entry == NULL)
    {
      entry = par_entry_new (code);
      g_ptr_array_add (c->entries, entry);
    }
  par_entry_set_input (entry, id, value);
}

static const ParLeafScore *
leaf (ParResult  *result,
      const char *code)
{
  const ParLeafScore *s = par_result_get_leaf (result, code);
  g_assert_nonnull (s);
  return s;
}

static void
assert_scored (ParResult  *result,
               const char *code,
               ParPoints   points,
               const char *explanation)
{
  const ParLeafScore *s = leaf (result, code);

  if (s->state != PAR_SCORE_SCORED || s->self != points)
    g_error ("%s: expected %" G_GINT64_FORMAT " scored, got state %d self %" G_GINT64_FORMAT " (%s)",
             code, points, s->state, s->self, s->explanation);
  if (explanation != NULL)
    g_assert_cmpstr (s->explanation, ==, explanation);
}

static void
assert_state (ParResult     *result,
              const char    *code,
              ParScoreState  state)
{
  const ParLeafScore *s = leaf (result, code);

  if (s->state != state)
    g_error ("%s: expected state %d, got %d (%s)", code, state, s->state, s->explanation);
}

/* --- the model ------------------------------------------------------------------------------- */

static void
test_model (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  const ParFigure *received = par_framework_lookup_figure (fw, "received");
  const ParFigure *pending = par_framework_lookup_figure (fw, "pending");
  const ParFigure *share = par_framework_lookup_figure (fw, "on_time_share");
  const ParFigure *budget = par_framework_lookup_figure (fw, "budget");
  const ParNode *n114 = par_framework_lookup (fw, "1.1.4");
  const ParNode *n117 = par_framework_lookup (fw, "1.1.7");
  GPtrArray *checks = par_framework_get_checks (fw);
  const ParCheck *balance;

  g_assert_cmpuint (par_framework_get_format_version (fw), ==, 2);
  g_assert_cmpuint (par_framework_get_figures (fw)->len, ==, 11);
  g_assert_nonnull (received);
  g_assert_cmpstr (received->label, ==, "Hồ sơ tiếp nhận");
  g_assert_cmpstr (received->label_en, ==, "Files received");
  g_assert_cmpstr (received->unit, ==, "hồ sơ");
  g_assert_cmpint (received->type, ==, PAR_FIGURE_INTEGER);
  g_assert_cmpint (received->period, ==, PAR_PERIOD_QUARTER);
  g_assert_cmpint (received->rollup, ==, PAR_ROLLUP_SUM);
  g_assert_false (par_figure_is_derived (received));
  g_assert_cmpint (pending->rollup, ==, PAR_ROLLUP_LAST);
  g_assert_true (par_figure_is_derived (share));
  g_assert_cmpint (share->type, ==, PAR_FIGURE_PERCENT);
  g_assert_cmpint (budget->type, ==, PAR_FIGURE_YES_NO);
  g_assert_cmpint (budget->period, ==, PAR_PERIOD_YEAR);
  g_assert_null (par_framework_lookup_figure (fw, "nothing"));

  g_assert_cmpuint (checks->len, ==, 3);
  balance = g_ptr_array_index (checks, 0);
  g_assert_cmpstr (balance->id, ==, "balance");
  g_assert_cmpint (balance->severity, ==, PAR_CHECK_ERROR);
  g_assert_cmpstr (balance->message_en, ==, "Files received must equal files resolved plus pending.");
  g_assert_cmpuint (balance->figures->len, ==, 3);
  g_assert_true (g_ptr_array_index (balance->figures, 0) == received);
  g_assert_cmpint (((ParCheck *) g_ptr_array_index (checks, 2))->severity, ==, PAR_CHECK_WARNING);

  /* The figures a rule uses, for the sub-criterion page. */
  g_assert_cmpint (n114->rule->type, ==, PAR_RULE_CONDITIONAL);
  g_assert_cmpuint (n114->figures->len, ==, 2);
  g_assert_cmpstr (((ParFigure *) g_ptr_array_index (n114->figures, 0))->id, ==, "on_time");
  g_assert_true (n117->evidence_required);
  g_assert_cmpuint (n117->figures->len, ==, 1);
  g_assert_false (par_framework_lookup (fw, "1.1.4")->evidence_required);

  /* Periods and their keys. */
  g_assert_cmpuint (par_period_n_parts (PAR_PERIOD_MONTH), ==, 12);
  g_assert_cmpstr (par_period_part_key (PAR_PERIOD_QUARTER, 2), ==, "q3");
  g_assert_cmpstr (par_period_part_key (PAR_PERIOD_MONTH, 11), ==, "m12");
  g_assert_cmpstr (par_period_part_key (PAR_PERIOD_YEAR, 0), ==, "year");
  {
    guint part = 99;
    g_assert_true (par_period_parse_part (PAR_PERIOD_HALF, "h2", &part));
    g_assert_cmpuint (part, ==, 1);
    g_assert_false (par_period_parse_part (PAR_PERIOD_HALF, "q2", &part));
    g_assert_false (par_period_parse_part (PAR_PERIOD_QUARTER, "year", &part));
  }
}

/* --- entered values and their one check ----------------------------------------------------- */

static void
test_check_value (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  const ParFigure *received = par_framework_lookup_figure (fw, "received");
  const ParFigure *share = par_framework_lookup_figure (fw, "on_time_share");
  const ParFigure *budget = par_framework_lookup_figure (fw, "budget");
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;

  g_assert_true (par_figure_check_value (received, "q1", "1200", &error));
  g_assert_no_error (error);
  g_assert_false (par_figure_check_value (received, "year", "1200", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "Figure “Hồ sơ tiếp nhận” (received) is entered for q1 … q4, not for “year”.");
  g_clear_error (&error);
  g_assert_false (par_figure_check_value (received, "q1", "-3", &error));
  g_assert_cmpstr (error->message, ==, "Figure “Hồ sơ tiếp nhận” (received), q1: “-3” is not a "
                                       "whole number from 0 to 999,999,999,999.");
  g_clear_error (&error);
  g_assert_false (par_figure_check_value (received, "q1", "1.5", &error));
  g_clear_error (&error);
  g_assert_false (par_figure_check_value (share, "year", "99.00", &error));
  g_assert_nonnull (strstr (error->message, "computed from other figures"));
  g_clear_error (&error);
  g_assert_true (par_figure_check_value (budget, "year", "false", NULL));
  g_assert_false (par_figure_check_value (budget, "year", "maybe", NULL));

  normal = par_figure_normalize (received, "4.891", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normal, ==, "4891");
}

static void
collect (const char *figure_id,
         const char *part_key,
         const char *value,
         gpointer    data)
{
  g_string_append_printf (data, "%s/%s=%s;", figure_id, part_key, value);
}

static void
test_values_foreach (void)
{
  g_autoptr(ParFigureValues) v = par_figure_values_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  par_figure_values_set (v, "resolved", "q2", "5");
  par_figure_values_set (v, "on_time", "year", "7");
  par_figure_values_set (v, "resolved", "q1", "4");
  par_figure_values_set (v, "unknown", "q9", "x");
  par_figure_values_set (v, "unknown", "q9", "");   /* removed */
  g_assert_cmpuint (par_figure_values_count (v), ==, 3);
  par_figure_values_foreach (v, collect, out);
  g_assert_cmpstr (out->str, ==, "on_time/year=7;resolved/q1=4;resolved/q2=5;");
}

/* --- evaluation and provenance ---------------------------------------------------------------- */

static void
test_evaluate (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autoptr(ParFigureValues) values = seed_values ();
  g_autoptr(ParFigureResult) r = par_figures_evaluate (fw, values);
  const ParFigure *on_time = par_framework_lookup_figure (fw, "on_time");
  const ParFigure *pending = par_framework_lookup_figure (fw, "pending");
  const ParFigure *share = par_framework_lookup_figure (fw, "on_time_share");
  ParExprValue v;
  g_autofree char *describe = NULL;
  g_autofree char *explain = NULL;
  g_autofree char *explain_share = NULL;
  g_autofree char *explain_pending = NULL;

  v = par_figure_result_get_value (r, on_time);
  g_assert_cmpint (v.kind, ==, PAR_EXPR_NUMBER);
  g_assert_cmpint (v.num, ==, 4891);
  g_assert_cmpint (v.den, ==, 1);
  g_assert_cmpstr (par_figure_result_get_canonical (r, on_time), ==, "4891");
  v = par_figure_result_get_value (r, pending);
  g_assert_cmpint (v.num, ==, 214);   /* the last quarter, not a sum */
  v = par_figure_result_get_part (r, on_time, 2);
  g_assert_cmpint (v.num, ==, 1246);
  v = par_figure_result_get_value (r, share);
  g_assert_cmpint (v.kind, ==, PAR_EXPR_NUMBER);
  g_assert_cmpint (v.num, ==, 4891);
  g_assert_cmpint (v.den, ==, 4898);
  g_assert_true (v.percent);
  /* 99.857… % cannot be written in hundredths exactly. */
  g_assert_null (par_figure_result_get_canonical (r, share));

  /* The derived share per quarter: Q3 1,246 / 1,248. */
  {
    ParPeriod period = PAR_PERIOD_YEAR;
    ParExprValue q3;

    g_assert_true (par_figure_result_has_parts (r, share, &period));
    g_assert_cmpint (period, ==, PAR_PERIOD_QUARTER);
    q3 = par_figure_result_get_part (r, share, 2);
    g_assert_cmpint (q3.kind, ==, PAR_EXPR_NUMBER);
    g_assert_cmpint (q3.num, ==, 623);
    g_assert_cmpint (q3.den, ==, 624);
    g_assert_true (q3.percent);
    g_assert_false (par_figure_result_has_parts (r, par_framework_lookup_figure (fw, "budget"), NULL));
    g_assert_true (par_figure_result_has_parts (r, on_time, &period));
  }
  describe = par_figure_result_describe (r, on_time);
  g_assert_cmpstr (describe, ==, "on_time (Q1–Q4 sum)");
  explain = par_figure_result_explain (r, on_time, '.');
  g_assert_cmpstr (explain, ==, "Q1 1,148 + Q2 1,249 + Q3 1,246 + Q4 1,248 = 4,891");
  explain_share = par_figure_result_explain (r, share, ',');
  g_assert_cmpstr (explain_share, ==, "on_time (Q1–Q4 sum) 4.891 / resolved (Q1–Q4 sum) 4.898 = 99,86 %");
  explain_pending = par_figure_result_explain (r, pending, '.');
  g_assert_cmpstr (explain_pending, ==, "Q4 214");

  /* Checks: all hold on the seed's figures. */
  g_assert_cmpuint (par_figure_result_n_checks (r), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (par_figure_result_get_check (r, i)->state, ==, PAR_CHECK_PASSED);
  g_assert_cmpstr (par_figure_result_get_check (r, 0)->explanation, ==,
                   "received (Q1–Q4 sum) 5,112 = resolved (Q1–Q4 sum) 4,898 + pending (Q4) 214 = 5,112");
  g_assert_false (par_figure_result_blocks_submission (r, NULL));
}

static void
test_missing_quarter (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autoptr(ParFigureValues) values = seed_values ();
  g_autoptr(ParFigureResult) r = NULL;
  const ParFigure *on_time = par_framework_lookup_figure (fw, "on_time");
  g_autofree char *explain = NULL;

  par_figure_values_set (values, "on_time", "q3", NULL);
  r = par_figures_evaluate (fw, values);
  g_assert_cmpint (par_figure_result_get_value (r, on_time).kind, ==, PAR_EXPR_MISSING);
  g_assert_null (par_figure_result_get_canonical (r, on_time));
  explain = par_figure_result_explain (r, on_time, '.');
  g_assert_cmpstr (explain, ==, "Q1 1,148 + Q2 1,249 + Q3 not entered + Q4 1,248 = not entered");
  /* A check over a missing figure is not checked, never passed or failed. */
  g_assert_cmpint (par_figure_result_get_check (r, 1)->state, ==, PAR_CHECK_NOT_CHECKED);
  g_assert_cmpint (par_figure_result_get_check (r, 0)->state, ==, PAR_CHECK_PASSED);
}

static void
test_failed_checks (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autoptr(ParFigureValues) values = seed_values ();
  g_autoptr(ParFigureResult) r = NULL;
  g_autoptr(GError) error = NULL;
  const ParCheckResult *balance, *late;

  /* One more file received in Q2, and the late files not matching. */
  par_figure_values_set (values, "received", "q2", "1301");
  par_figure_values_set (values, "late", "q1", "3");
  r = par_figures_evaluate (fw, values);
  balance = par_figure_result_get_check (r, 0);
  late = par_figure_result_get_check (r, 2);
  g_assert_cmpint (balance->state, ==, PAR_CHECK_FAILED);
  g_assert_cmpstr (balance->explanation, ==,
                   "received (Q1–Q4 sum) 5,113 = resolved (Q1–Q4 sum) 4,898 + pending (Q4) 214 = 5,112");
  g_assert_cmpint (late->state, ==, PAR_CHECK_FAILED);
  g_assert_cmpint (late->check->severity, ==, PAR_CHECK_WARNING);
  g_assert_true (par_figure_result_blocks_submission (r, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  /* Only the error blocks; the warning is not in the message. */
  g_assert_nonnull (strstr (error->message, "The figures fail 1 check:"));
  g_assert_nonnull (strstr (error->message, "Hồ sơ tiếp nhận phải bằng"));
  g_assert_null (strstr (error->message, "Quá hạn"));
}

/* --- the cases, scored ------------------------------------------------------------- */

static void
test_cases_scored (void)
{
  Case c;
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *root;

  case_init (&c);
  set_input (&c, "1.1.2", "took", "12");
  set_input (&c, "1.1.2", "allowed", "15");
  g_hash_table_insert (c.evidence, (gpointer) "1.1.7", GUINT_TO_POINTER (1));
  result = case_score (&c);

  /* Cà Mau 1.1.2: tasks done AND budget — budget is no, so 0 (format 1 gave 1). */
  assert_scored (result, "1.1.1", 0,
                 "not met: tasks_done yes and budget no; otherwise → 0.00");
  /* Shorter than allowed. */
  assert_scored (result, "1.1.2", 200, "took 12 < allowed 15 → 2.00");
  /* (total − dissatisfied) / total = 37 / 40 = 92.5 %. */
  assert_scored (result, "1.1.3", 200,
                 "(complaints 40 − dissatisfied 3) / complaints 40 = 92.50 % ≥ 90.00 % → 2.00");
  /* The explanation, word for word. */
  assert_scored (result, "1.1.4", 200,
                 "on_time (Q1–Q4 sum) 4,891 / resolved (Q1–Q4 sum) 4,898 = 99.86 % > 90.00 % → 2.00");
  /* 7 / 4,898 = 0.14 % late. */
  assert_scored (result, "1.1.5", 100,
                 "late (Q1–Q4 sum) 7 / resolved (Q1–Q4 sum) 4,898 = 0.14 % ≤ 1.00 % → 1.00");
  /* 766/QĐ-TTg: 2,700 / 4,898 = 55.12 % ≥ 50 % in 2023. */
  assert_scored (result, "1.1.6", 100,
                 "online (Q1–Q4 sum) 2,700 / resolved (Q1–Q4 sum) 4,898 = 55.12 % ≥ 50.00 % → 1.00");
  /* A format-1 rule reading a figure, with its evidence linked. */
  assert_scored (result, "1.1.7", 100, NULL);
  /* Year tiers: 55.12 % < 60 % (2023's), ≥ 40 % → 1. */
  assert_scored (result, "1.1.8", 100, NULL);
  assert_scored (result, "1.1.9", 200, "on_time (Q1–Q4 sum) 4,891, resolved (Q1–Q4 sum) 4,898: "
                                       "4891/4898 = 99.86 % > 90.00 % → 2.00");

  root = par_result_get_total (result, NULL);
  g_assert_cmpint (root->self_total, ==, 0 + 200 + 200 + 200 + 100 + 100 + 100 + 100 + 200);
  g_assert_cmpuint (root->done, ==, 9);
  case_clear (&c);
}

static void
test_three_way (void)
{
  const char *took[] = { "14", "15", "16" };
  const ParPoints expected[] = { 200, 100, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (took); i++)
    {
      Case c;
      g_autoptr(ParResult) result = NULL;

      case_init (&c);
      set_input (&c, "1.1.2", "took", took[i]);
      set_input (&c, "1.1.2", "allowed", "15");
      result = case_score (&c);
      assert_scored (result, "1.1.2", expected[i], NULL);
      case_clear (&c);
    }
  {
    /* A ratio above 100 %: took longer than allowed is a value, not a refusal. */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    set_input (&c, "1.1.2", "took", "40");
    set_input (&c, "1.1.2", "allowed", "15");
    result = case_score (&c);
    assert_scored (result, "1.1.2", 0, "not met: took 40 < allowed 15; not met: took 40 = allowed 15; "
                                       "otherwise → 0.00");
    case_clear (&c);
  }
  {
    /* Only one of the two entered: not yet scored. */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    set_input (&c, "1.1.2", "took", "12");
    result = case_score (&c);
    assert_state (result, "1.1.2", PAR_SCORE_INCOMPLETE);
    g_assert_cmpstr (leaf (result, "1.1.2")->explanation, ==,
                     "not yet scored: took 12 < allowed not entered");
    case_clear (&c);
  }
}

static void
test_and_or (void)
{
  const char *values[][2] = { { "true", "true" }, { "true", "false" }, { "false", "true" }, { "false", "false" } };
  const ParPoints expected[] = { 100, 0, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      Case c;
      g_autoptr(ParResult) result = NULL;

      case_init (&c);
      par_figure_values_set (c.values, "tasks_done", "year", values[i][0]);
      par_figure_values_set (c.values, "budget", "year", values[i][1]);
      result = case_score (&c);
      assert_scored (result, "1.1.1", expected[i], NULL);
      case_clear (&c);
    }
  {
    /* tasks_done no, budget not entered: "no and ?" is decided — 0, not "not yet scored". */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    par_figure_values_set (c.values, "tasks_done", "year", "false");
    par_figure_values_set (c.values, "budget", "year", NULL);
    result = case_score (&c);
    assert_scored (result, "1.1.1", 0, NULL);
    par_result_unref (g_steal_pointer (&result));
    /* tasks_done yes, budget not entered: undecided. */
    par_figure_values_set (c.values, "tasks_done", "year", "true");
    result = case_score (&c);
    assert_state (result, "1.1.1", PAR_SCORE_INCOMPLETE);
    case_clear (&c);
  }
}

/* Boundaries of the ratio conditions, each side of the threshold. */
static void
test_boundaries (void)
{
  /* complaints 100: dissatisfied 10 → exactly 90 % (≥ holds), 11 → 89 % (1 point), 30 → 70 %,
   * 31 → 69 %. */
  const char *dissatisfied[] = { "10", "11", "30", "31", "0", "100" };
  const ParPoints expected[] = { 200, 100, 100, 0, 200, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (dissatisfied); i++)
    {
      Case c;
      g_autoptr(ParResult) result = NULL;

      case_init (&c);
      par_figure_values_set (c.values, "complaints", "year", "100");
      par_figure_values_set (c.values, "dissatisfied", "year", dissatisfied[i]);
      result = case_score (&c);
      assert_scored (result, "1.1.3", expected[i], NULL);
      case_clear (&c);
    }
  {
    /* No survey forms: 0 / 0 → zero-denominator="max". */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    par_figure_values_set (c.values, "complaints", "year", "0");
    par_figure_values_set (c.values, "dissatisfied", "year", "0");
    result = case_score (&c);
    assert_scored (result, "1.1.3", 200, "(complaints 0 − dissatisfied 0) / complaints 0 = "
                                         "division by zero ≥ 90.00 %: division by zero → 2.00");
    case_clear (&c);
  }
  {
    /* > 90 % is strict: on time exactly 90 % of resolved gives 1, not 2. 9 of 10 resolved. */
    Case c;
    g_autoptr(ParResult) result = NULL;
    const char *keys[] = { "q1", "q2", "q3", "q4" };

    case_init (&c);
    for (guint k = 0; k < 4; k++)
      {
        par_figure_values_set (c.values, "resolved", keys[k], k == 0 ? "10" : "0");
        par_figure_values_set (c.values, "on_time", keys[k], k == 0 ? "9" : "0");
      }
    result = case_score (&c);
    assert_scored (result, "1.1.4", 100, NULL);
    assert_scored (result, "1.1.9", 100, NULL);   /* the format-1 rule reads the same figures */
    case_clear (&c);
  }
  {
    /* 4,891 of 4,898 sits just below 99.86 %: shown with the digits that say so. */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    result = case_score (&c);
    g_assert_cmpint (leaf (result, "1.1.4")->self, ==, 200);
    case_clear (&c);
  }
}

static void
test_years (void)
{
  /* online 2,700 / resolved 4,898 = 55.12 %: enough in 2023–2024 (50 %), not in 2025 (80 %). */
  const int years[] = { 2023, 2024, 2025 };
  const ParPoints expected_116[] = { 100, 100, 0 };
  const ParPoints expected_118[] = { 100, 100, 100 };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      Case c;
      g_autoptr(ParResult) result = NULL;

      case_init (&c);
      c.year = years[i];
      result = case_score (&c);
      assert_scored (result, "1.1.6", expected_116[i], NULL);
      assert_scored (result, "1.1.8", expected_118[i], NULL);
      case_clear (&c);
    }
  {
    /* 61 % of files online: 2 points in 2023 (from 60 %), 1 in 2025 (below 80 %, from 40 %). */
    const char *keys[] = { "q1", "q2", "q3", "q4" };
    const char *online[] = { "700", "750", "800", "738" };   /* 2,988 of 4,898 = 61.00 % */

    for (guint i = 0; i < 2; i++)
      {
        Case c;
        g_autoptr(ParResult) result = NULL;

        case_init (&c);
        c.year = i == 0 ? 2023 : 2025;
        for (guint k = 0; k < 4; k++)
          par_figure_values_set (c.values, "online", keys[k], online[k]);
        result = case_score (&c);
        assert_scored (result, "1.1.8", i == 0 ? 200 : 100, NULL);
        case_clear (&c);
      }
  }
  {
    /* A year the conditions do not cover: the set says nothing, never "otherwise". */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    c.year = 2026;
    result = case_score (&c);
    assert_state (result, "1.1.6", PAR_SCORE_INVALID);
    g_assert_cmpstr (leaf (result, "1.1.6")->explanation, ==, "the criteria set gives no conditions for 2026");
    case_clear (&c);
  }
  {
    /* The year unknown: rules with thresholds by year wait, others score. */
    Case c;
    g_autoptr(ParResult) result = NULL;

    case_init (&c);
    c.year = 0;
    result = case_score (&c);
    assert_state (result, "1.1.6", PAR_SCORE_INCOMPLETE);
    assert_state (result, "1.1.8", PAR_SCORE_INCOMPLETE);
    assert_scored (result, "1.1.4", 200, NULL);
    case_clear (&c);
  }
}

static void
test_evidence_required (void)
{
  Case c;
  g_autoptr(ParResult) result = NULL;

  case_init (&c);
  result = case_score (&c);
  assert_scored (result, "1.1.7", 0, "tasks_done yes: yes → 1.00 — but no "
                                     "evidence document is linked, and this sub-criterion requires "
                                     "one → 0.00");
  par_result_unref (g_steal_pointer (&result));
  g_hash_table_insert (c.evidence, (gpointer) "1.1.7", GUINT_TO_POINTER (2));
  result = case_score (&c);
  assert_scored (result, "1.1.7", 100, NULL);
  case_clear (&c);
}

static void
test_nothing_entered (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autoptr(ParFigureResult) figures = par_figures_evaluate (fw, NULL);
  ParScoreContext ctx = { 2023, figures, NULL };
  g_autoptr(ParResult) result = par_score_with (fw, NULL, &ctx);
  g_autoptr(ParResult) bare = par_score (fw, NULL);

  /* Missing figures never score a silent 0. */
  for (guint i = 1; i <= 9; i++)
    {
      g_autofree char *code = g_strdup_printf ("1.1.%u", i);
      g_assert_cmpint (leaf (result, code)->state, ==, PAR_SCORE_NOT_STARTED);
      g_assert_false (leaf (result, code)->has_self);
      g_assert_cmpint (leaf (bare, code)->state, ==,
                       i == 6 || i == 8 ? PAR_SCORE_INCOMPLETE : PAR_SCORE_NOT_STARTED);
    }
  g_assert_cmpstr (leaf (result, "1.1.4")->explanation, ==,
                   "not yet scored: on_time (Q1–Q4 sum) not entered / resolved (Q1–Q4 sum) not entered "
                   "= not entered > 90.00 %");
  g_assert_cmpuint (par_result_get_total (result, NULL)->done, ==, 0);
}

/* Only the first half of the year entered (Q1, Q2): the sub-criteria reading those figures are
 * incomplete, never "not started", and say which figures and periods are still to enter; the
 * tree, the overview and the CLI read this state. Nothing at all entered stays "not started". */
static void
test_partly_entered (void)
{
  g_autoptr(ParFramework) fw = load_cases ();
  g_autoptr(ParFigureValues) values = par_figure_values_new ();
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  g_autofree char *missing = NULL;
  gboolean entered = TRUE;
  ParScoreContext ctx = { 2023, NULL, NULL };

  par_figure_values_set (values, "on_time", "q1", "1148");
  par_figure_values_set (values, "on_time", "q2", "1249");
  par_figure_values_set (values, "resolved", "q1", "1150");
  par_figure_values_set (values, "resolved", "q2", "1250");
  par_figure_values_set (values, "pending", "q1", "50");
  figures = par_figures_evaluate (fw, values);
  ctx.figures = figures;
  result = par_score_with (fw, NULL, &ctx);

  /* 1.1.9 (ratio-tiers on_time / resolved), as 3.3.1 of a set with half-yearly figures. */
  g_assert_cmpint (leaf (result, "1.1.9")->state, ==, PAR_SCORE_INCOMPLETE);
  g_assert_false (leaf (result, "1.1.9")->has_self);
  g_assert_cmpstr (leaf (result, "1.1.9")->explanation, ==,
                   "not yet scored: still to enter on_time Q3, Q4; resolved Q3, Q4");
  /* A conditional rule keeps its own words and adds what is missing. */
  g_assert_cmpint (leaf (result, "1.1.4")->state, ==, PAR_SCORE_INCOMPLETE);
  g_assert_cmpstr (leaf (result, "1.1.4")->explanation, ==,
                   "not yet scored: on_time (Q1–Q4 sum) not entered / resolved (Q1–Q4 sum) not "
                   "entered = not entered > 90.00 % — still to enter on_time Q3, Q4; resolved Q3, Q4");
  /* late is not entered at all: its own part is missing, resolved's too. */
  g_assert_cmpint (leaf (result, "1.1.5")->state, ==, PAR_SCORE_INCOMPLETE);
  g_assert_nonnull (strstr (leaf (result, "1.1.5")->explanation,
                            "still to enter late Q1, Q2, Q3, Q4; resolved Q3, Q4"));
  /* Sub-criteria whose figures nobody touched are still "not started". */
  g_assert_cmpint (leaf (result, "1.1.1")->state, ==, PAR_SCORE_NOT_STARTED);
  g_assert_cmpint (leaf (result, "1.1.3")->state, ==, PAR_SCORE_NOT_STARTED);
  g_assert_cmpint (leaf (result, "1.1.7")->state, ==, PAR_SCORE_NOT_STARTED);

  /* The one place: a derived figure answers for the figures it uses; a "last" figure needs
   * only its last period; a yearly figure is named alone. */
  g_ptr_array_add (pending, (gpointer) par_framework_lookup_figure (fw, "on_time_share"));
  g_ptr_array_add (pending, (gpointer) par_framework_lookup_figure (fw, "pending"));
  g_ptr_array_add (pending, (gpointer) par_framework_lookup_figure (fw, "complaints"));
  missing = par_figure_result_missing (figures, pending, &entered);
  g_assert_cmpstr (missing, ==, "on_time Q3, Q4; resolved Q3, Q4; pending Q4; complaints");
  g_assert_true (entered);
  g_clear_pointer (&missing, g_free);
  g_ptr_array_set_size (pending, 0);
  g_ptr_array_add (pending, (gpointer) par_framework_lookup_figure (fw, "complaints"));
  missing = par_figure_result_missing (figures, pending, &entered);
  g_assert_cmpstr (missing, ==, "complaints");
  g_assert_false (entered);
  g_clear_pointer (&missing, g_free);

  /* Everything entered: nothing missing, 1.1.9 scored. */
  {
    g_autoptr(ParFigureValues) all = seed_values ();
    g_autoptr(ParFigureResult) whole = par_figures_evaluate (fw, all);
    g_autoptr(ParResult) scored = NULL;
    ParScoreContext full = { 2023, whole, NULL };

    g_ptr_array_set_size (pending, 0);
    g_ptr_array_add (pending, (gpointer) par_framework_lookup_figure (fw, "on_time_share"));
    g_assert_null (par_figure_result_missing (whole, pending, &entered));
    g_assert_true (entered);
    scored = par_score_with (fw, NULL, &full);
    assert_scored (scored, "1.1.9", 200, NULL);
  }
}

/* A value typed into a leaf's entry under a figure's id is refused by the one check and never
 * read in place of the figure. */
static void
test_entry_cannot_shadow_figure (void)
{
  Case c;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GError) error = NULL;

  case_init (&c);
  set_input (&c, "1.1.9", "on_time", "1");
  g_assert_false (par_entry_check (par_framework_lookup (c.fw, "1.1.9"),
                                   g_ptr_array_index (c.entries, 0), &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "there is no figure “on_time” here"));
  result = case_score (&c);
  assert_scored (result, "1.1.9", 200, NULL);   /* 4,891 / 4,898, not 1 / 4,898 */
  case_clear (&c);
}

/* --- format 1 is unchanged ------------------------------------------------------------------ */

static void
test_format1_unchanged (void)
{
  g_autoptr(GError) error = NULL;
  /* The sample set as shipped in format 1 (the shipped one is format 2 now). */
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "data",
                                                 "sample-department-1.xml", NULL);
  g_autoptr(ParFramework) fw = par_framework_load_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (par_framework_get_format_version (fw), ==, 1);
  g_assert_cmpuint (par_framework_get_figures (fw)->len, ==, 0);
  g_assert_cmpuint (par_framework_get_checks (fw)->len, ==, 0);
}

/* --- refusals -------------------------------------------------------------------------------- */

#define V2_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:2\" id=\"t\" max=\"2\">\n" \
  "<title>Thử</title>\n" \
  "<decision number=\"1/QĐ-UBND\" issuer=\"UBND tỉnh\">Thử</decision>\n" \
  "<years from=\"2023\" to=\"2025\"/>\n" \
  "<level>department</level>\n" \
  "<bands><band name=\"Tốt\" from=\"0\"/></bands>\n"
/* Figures start on line 8 (one per line), with a trailing leaf using the rule given. */
#define V2_SET(figures, checks, rule) \
  V2_HEAD "<figures>\n" figures "</figures>\n" checks \
  "<field code=\"1\" max=\"2\"><title>L</title><criterion code=\"1.1\" max=\"2\"><title>C</title>\n" \
  "<sub code=\"1.1.1\" max=\"2\"><title>S</title>" rule "</sub>\n" \
  "</criterion></field>\n</criteria-set>\n"
#define FIG(id, rest) "<figure id=\"" id "\" type=\"integer\" label=\"" id "\" " rest "/>\n"
#define MANUAL_RULE "<rule type=\"manual\"/>"

static void
assert_refused (const char *xml,
                int         code,
                const char *message)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "t.xml", &error);

  g_assert_null (fw);
  g_assert_nonnull (error);
  if (error->code != code || strstr (error->message, message) == NULL)
    g_error ("expected code %d and “%s”, got %d: %s", code, message, error->code, error->message);
}

static void
assert_loads (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "t.xml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (fw);
}

static void
test_refused (void)
{
  assert_loads (V2_SET (FIG ("a", "") FIG ("b", "expr=\"a * 2\""), "", MANUAL_RULE));
  /* Unknown ids, with the file, the line and the figure. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("b", "expr=\"a + c\""), "", MANUAL_RULE),
                  PAR_ERROR_INVALID,
                  "t.xml:10: figure b: at character 5 of the expression: unknown figure “c”");
  /* A cycle between derived figures. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("b", "expr=\"c + 1\"") FIG ("c", "expr=\"a + b\""), "",
                          MANUAL_RULE),
                  PAR_ERROR_INVALID, "t.xml:10: figure b: derived figures depend on each other in a "
                                     "circle (b → c → b)");
  assert_refused (V2_SET (FIG ("a", "expr=\"a\""), "", MANUAL_RULE),
                  PAR_ERROR_INVALID, "circle (a → a)");
  /* Type mismatch. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("b", "expr=\"a &gt; 1\""), "", MANUAL_RULE),
                  PAR_ERROR_INVALID, "figure b: the expression gives a yes/no value, but the figure "
                                     "is of type integer");
  /* Declared twice. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("a", ""), "", MANUAL_RULE),
                  PAR_ERROR_INVALID, "t.xml:10: figure a: the id is declared twice");
  /* A rollup without periods, a sum of dates. */
  assert_refused (V2_SET (FIG ("a", "rollup=\"max\""), "", MANUAL_RULE),
                  PAR_ERROR_INVALID, "needs a period");
  assert_refused (V2_SET ("<figure id=\"d\" type=\"date\" label=\"d\" period=\"quarter\" rollup=\"sum\"/>\n",
                          "", MANUAL_RULE),
                  PAR_ERROR_INVALID, "a date figure’s year cannot be the sum");
  /* Checks: not a condition; unknown figure. */
  assert_refused (V2_SET (FIG ("a", ""),
                          "<checks><check severity=\"error\" test=\"a + 1\"><message>m</message></check></checks>\n",
                          MANUAL_RULE),
                  PAR_ERROR_INVALID, "t.xml:11: check a + 1: the test must be a yes/no condition");
  assert_refused (V2_SET (FIG ("a", ""),
                          "<checks><check id=\"k\" severity=\"error\" test=\"a = z\"><message>m</message></check></checks>\n",
                          MANUAL_RULE),
                  PAR_ERROR_INVALID, "check k: at character 5 of the expression: unknown figure “z”");
  /* Conditions: unknown figure, wrong type, points above the maximum, a function not listed. */
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"conditional\"><when test=\"b &gt; 1\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID, "criterion 1.1.1: at character 1 of the expression: unknown figure “b”");
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"conditional\"><when test=\"a\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID, "criterion 1.1.1: the condition must be yes or no");
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"conditional\"><when test=\"a &gt; 1\" points=\"3\"/></rule>"),
                  PAR_ERROR_INVALID, "a condition gives 3.00 points, more than the maximum of 2.00");
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"conditional\"><when test=\"exec(a) &gt; 1\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID, "there is no function “exec”");
  /* A format-1 rule reading a derived figure; an input named like a figure. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("b", "expr=\"a * 2\""), "",
                          "<rule type=\"count-tiers\" input=\"b\"><tier from=\"1\" points=\"1\"/></rule>"),
                  PAR_ERROR_INVALID, "refers to the derived figure “b”");
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<inputs><input id=\"a\" type=\"integer\" label=\"a\"/></inputs>" MANUAL_RULE),
                  PAR_ERROR_INVALID, "input “a” has the id of a figure of the set");
  /* Expressions with a deep nesting, from a file. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(GString) xml = g_string_new (V2_HEAD "<figures>\n<figure id=\"a\" type=\"integer\" label=\"a\"/>\n"
                                                   "<figure id=\"b\" type=\"integer\" label=\"b\" expr=\"");
    for (int i = 0; i < 500; i++)
      g_string_append_c (deep, '(');
    g_string_append (xml, deep->str);
    g_string_append (xml, "a\"/>\n</figures>\n"
                          "<field code=\"1\" max=\"2\"><title>L</title><criterion code=\"1.1\" max=\"2\"><title>C</title>\n"
                          "<sub code=\"1.1.1\" max=\"2\"><title>S</title><rule type=\"manual\"/></sub>\n"
                          "</criterion></field>\n</criteria-set>\n");
    assert_refused (xml->str, PAR_ERROR_PARSE, "figure b: at character 33 of the expression: the "
                                               "expression is nested too deeply");
  }
  /* Huge numbers in a file. */
  assert_refused (V2_SET (FIG ("a", "") FIG ("b", "expr=\"a * 99999999999999999999\""), "", MANUAL_RULE),
                  PAR_ERROR_PARSE, "figure b: at character 5 of the expression: the number "
                                   "“99999999999999999999” is too large");
  /* Years outside the set's. */
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"conditional\"><when test=\"a &gt; 1\" points=\"1\" years=\"2026\"/></rule>"),
                  PAR_ERROR_INVALID, "criterion 1.1.1: the years 2026–2026 are not all years of the set (2023–2025)");
  /* Tiers by year: a range that runs backwards. */
  assert_refused (V2_SET (FIG ("a", ""), "",
                          "<rule type=\"count-tiers\" input=\"a\"><tier from=\"1\" points=\"1\" years=\"2025-2023\"/></rule>"),
                  PAR_ERROR_INVALID, "the years “2025-2023” run backwards");
  /* Format 2 files are refused a DOCTYPE like format 1. */
  assert_refused ("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e \"e\">]>\n"
                  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:2\"/>\n",
                  PAR_ERROR_UNSAFE, "DOCTYPE");
  /* A version this Parscore does not read. */
  assert_refused ("<?xml version=\"1.0\"?>\n<criteria-set xmlns=\"urn:x-parscore:criteria-set:3\"/>\n",
                  PAR_ERROR_FORMAT, "reads versions 1 and 2");
  /* Format-2 elements in a format-1 file: the schema says no. */
  assert_refused ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"2\">\n"
                  "<title>Thử</title>\n"
                  "<decision number=\"1/QĐ-UBND\" issuer=\"UBND tỉnh\">Thử</decision>\n"
                  "<years from=\"2023\" to=\"2025\"/>\n"
                  "<level>department</level>\n"
                  "<bands><band name=\"Tốt\" from=\"0\"/></bands>\n"
                  "<figures>\n" FIG ("a", "") "</figures>\n"
                  "<field code=\"1\" max=\"2\"><title>L</title><criterion code=\"1.1\" max=\"2\"><title>C</title>\n"
                  "<sub code=\"1.1.1\" max=\"2\"><title>S</title><rule type=\"manual\"/></sub>\n"
                  "</criterion></field>\n</criteria-set>\n",
                  PAR_ERROR_FORMAT, "figures");
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/format2/model", test_model);
  g_test_add_func ("/format2/rule-inputs-resolved", test_rule_inputs_resolved);
  g_test_add_func ("/format2/check-value", test_check_value);
  g_test_add_func ("/format2/values-foreach", test_values_foreach);
  g_test_add_func ("/format2/evaluate", test_evaluate);
  g_test_add_func ("/format2/missing-quarter", test_missing_quarter);
  g_test_add_func ("/format2/failed-checks", test_failed_checks);
  g_test_add_func ("/format2/cases-scored", test_cases_scored);
  g_test_add_func ("/format2/three-way", test_three_way);
  g_test_add_func ("/format2/and-or", test_and_or);
  g_test_add_func ("/format2/boundaries", test_boundaries);
  g_test_add_func ("/format2/years", test_years);
  g_test_add_func ("/format2/evidence-required", test_evidence_required);
  g_test_add_func ("/format2/nothing-entered", test_nothing_entered);
  g_test_add_func ("/format2/partly-entered", test_partly_entered);
  g_test_add_func ("/format2/entry-cannot-shadow-figure", test_entry_cannot_shadow_figure);
  g_test_add_func ("/format2/format1-unchanged", test_format1_unchanged);
  g_test_add_func ("/format2/refused", test_refused);
  return g_test_run ();
}
