/* test-scoring.c — every rule at its boundaries, input normalisation, totals, N/A, adjustments,
 * bands and ranking by index.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib.h>

#include "par-data.h"
#include "par-error.h"
#include "par-format.h"
#include "par-framework.h"
#include "par-scorer.h"
#include "par-test-totals.h"

/* --- building small sets --------------------------------------------------------------------- */

static ParFramework *
load (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  ParFramework *fw = par_framework_load_bytes (bytes, "t.xml", &error);

  if (fw == NULL)
    g_error ("the test set does not load: %s\n%s", error->message, xml);
  return fw;
}

/* A set with one leaf 1.1.1 of maximum @max (N/A @na: "allowed" or "forbidden"). */
static ParFramework *
leaf_set (const char *max,
          const char *na,
          const char *inputs,
          const char *rule)
{
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"%s\">\n"
    "<title>Bộ thử</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
    "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
    "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
    "<field code=\"1\" max=\"%s\"><title>Lĩnh vực</title>\n"
    "<criterion code=\"1.1\" max=\"%s\"><title>Tiêu chí</title>\n"
    "<sub code=\"1.1.1\" max=\"%s\" not-applicable=\"%s\"><title>Tiêu chí thành phần</title>\n"
    "%s%s%s\n%s\n"
    "</sub></criterion></field></criteria-set>\n",
    max, max, max, max, na,
    inputs[0] != '\0' ? "<inputs>" : "", inputs, inputs[0] != '\0' ? "</inputs>" : "", rule);
  return load (xml);
}

/* An entry for @code with input pairs id, value, …, NULL. */
static ParEntry *
entry_new (const char *code,
           ...)
{
  ParEntry *entry = par_entry_new (code);
  va_list args;
  const char *id;

  va_start (args, code);
  while ((id = va_arg (args, const char *)) != NULL)
    par_entry_set_input (entry, id, va_arg (args, const char *));
  va_end (args);
  return entry;
}

static ParEntry *
self_entry (const char *code,
            ParPoints   self)
{
  ParEntry *entry = par_entry_new (code);

  entry->has_self = TRUE;
  entry->self = self;
  return entry;
}

/* Evaluates 1.1.1 and checks state, points and explanation (NULL: no points / no text). */
static void
check (ParFramework   *fw,
       const ParEntry *entry,
       ParScoreState   state,
       ParPoints       points,
       const char     *explanation)
{
  const ParNode *leaf = par_framework_lookup (fw, "1.1.1");
  ParLeafScore score;

  par_rule_evaluate (leaf, entry, &score);
  if (score.state != state)
    g_error ("state %d, expected %d (%s)", score.state, state,
             score.explanation != NULL ? score.explanation : "no explanation");
  g_assert_true (score.node == leaf);
  g_assert_cmpint (score.max, ==, leaf->max);
  if (state == PAR_SCORE_SCORED)
    {
      g_assert_true (score.has_self);
      g_assert_cmpint (score.self, ==, points);
      g_assert_true (score.has_final);
      g_assert_cmpint (score.final, ==, points);
    }
  else
    g_assert_false (score.has_final);
  g_assert_cmpstr (score.explanation, ==, explanation);
  par_leaf_score_clear (&score);
  g_assert_null (score.explanation);
}

static void
check_input (ParFramework *fw,
             ParScoreState state,
             ParPoints     points,
             const char   *explanation,
             ...)
{
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");
  va_list args;
  const char *id;

  va_start (args, explanation);
  while ((id = va_arg (args, const char *)) != NULL)
    par_entry_set_input (entry, id, va_arg (args, const char *));
  va_end (args);
  check (fw, entry, state, points, explanation);
}

/* --- manual ---------------------------------------------------------------------------------- */

static void
test_manual (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden", "", "<rule type=\"manual\"/>");
  g_autoptr(ParFramework) half = leaf_set ("2", "forbidden", "", "<rule type=\"manual\" step=\"0.5\"/>");
  g_autoptr(ParEntry) empty = par_entry_new ("1.1.1");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check (fw, empty, PAR_SCORE_NOT_STARTED, 0, NULL);
#define MANUAL(f, p, state, points, text) \
  G_STMT_START { g_autoptr(ParEntry) e = self_entry ("1.1.1", p); check (f, e, state, points, text); } G_STMT_END
  MANUAL (fw, 0, PAR_SCORE_SCORED, 0, "entered 0.00 (0 … 2.00, step 0.25)");
  MANUAL (fw, 200, PAR_SCORE_SCORED, 200, "entered 2.00 (0 … 2.00, step 0.25)");
  MANUAL (fw, 75, PAR_SCORE_SCORED, 75, "entered 0.75 (0 … 2.00, step 0.25)");
  MANUAL (fw, 25, PAR_SCORE_SCORED, 25, "entered 0.25 (0 … 2.00, step 0.25)");
  MANUAL (fw, 10, PAR_SCORE_INVALID, 0, "0.10 is not a multiple of the step 0.25");
  MANUAL (fw, 199, PAR_SCORE_INVALID, 0, "1.99 is not a multiple of the step 0.25");
  MANUAL (fw, 201, PAR_SCORE_INVALID, 0, "2.01 is outside 0 … 2.00");
  MANUAL (fw, 225, PAR_SCORE_INVALID, 0, "2.25 is outside 0 … 2.00");
  MANUAL (fw, -25, PAR_SCORE_INVALID, 0, "-0.25 is outside 0 … 2.00");
  MANUAL (half, 150, PAR_SCORE_SCORED, 150, "entered 1.50 (0 … 2.00, step 0.50)");
  MANUAL (half, 125, PAR_SCORE_INVALID, 0, "1.25 is not a multiple of the step 0.50");
}

/* --- yes-no ---------------------------------------------------------------------------------- */

static void
test_yes_no (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("1", "forbidden", "<input id=\"met\" type=\"boolean\" label=\"Đạt\"/>",
                                         "<rule type=\"yes-no\" input=\"met\"/>");
  g_autoptr(ParFramework) custom = leaf_set ("1", "forbidden", "<input id=\"met\" type=\"boolean\" label=\"Đạt\"/>",
                                             "<rule type=\"yes-no\" input=\"met\" yes=\"0.5\" no=\"0.25\"/>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 100, "yes → 1.00", "met", "true", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "no → 0.00", "met", "false", NULL);
  check_input (custom, PAR_SCORE_SCORED, 50, "yes → 0.50", "met", "true", NULL);
  check_input (custom, PAR_SCORE_SCORED, 25, "no → 0.25", "met", "false", NULL);
  /* An empty value is "not entered". */
  check_input (fw, PAR_SCORE_NOT_STARTED, 0, NULL, "met", "", NULL);
  /* Values are canonical: anything else is refused, never scored as "no". */
  check_input (fw, PAR_SCORE_INVALID, 0, "Đạt must be yes or no, not “maybe”", "met", "maybe", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Đạt must be yes or no, not “có”", "met", "có", NULL);
}

/* --- timeliness ------------------------------------------------------------------------------ */

#define STATUS_INPUT "<input id=\"s\" type=\"choice\" label=\"Tình trạng\">" \
  "<option value=\"on-time\" label=\"Đúng hạn\"/><option value=\"late\" label=\"Chậm\"/>" \
  "<option value=\"not-done\" label=\"Không ban hành\"/></input>"
#define DATE_INPUTS "<input id=\"issued\" type=\"date\" label=\"Ngày ban hành\"/>" \
  "<input id=\"deadline\" type=\"date\" label=\"Hạn\"/>"

static void
test_timeliness_status (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("1", "forbidden", STATUS_INPUT,
                                         "<rule type=\"timeliness\" status=\"s\" late=\"0.5\"/>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 100, "on time → 1.00", "s", "on-time", NULL);
  check_input (fw, PAR_SCORE_SCORED, 50, "late → 0.50", "s", "late", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "not done → 0.00", "s", "not-done", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "“soon” is not one of the choices", "s", "soon", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "“Đúng hạn” is not one of the choices", "s", "Đúng hạn", NULL);
}

static void
test_timeliness_dates (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("1", "forbidden", DATE_INPUTS,
                                         "<rule type=\"timeliness\" date=\"issued\" deadline=\"deadline\" "
                                         "on-time=\"1\" late=\"0.5\" not-done=\"0\"/>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  /* Same day: on time. */
  check_input (fw, PAR_SCORE_SCORED, 100, "14/01/2020 ≤ deadline 14/01/2020: on time → 1.00",
               "issued", "2020-01-14", "deadline", "2020-01-14", NULL);
  /* One day later: late. */
  check_input (fw, PAR_SCORE_SCORED, 50, "15/01/2020 > deadline 14/01/2020: late → 0.50",
               "issued", "2020-01-15", "deadline", "2020-01-14", NULL);
  /* One day earlier, across a year. */
  check_input (fw, PAR_SCORE_SCORED, 100, "31/12/2019 ≤ deadline 01/01/2020: on time → 1.00",
               "issued", "2019-12-31", "deadline", "2020-01-01", NULL);
  check_input (fw, PAR_SCORE_SCORED, 50, "01/01/2021 > deadline 31/12/2020: late → 0.50",
               "issued", "2021-01-01", "deadline", "2020-12-31", NULL);
  /* A deadline without a date of issue: not done. */
  check_input (fw, PAR_SCORE_SCORED, 0, "not done → 0.00", "deadline", "2020-01-14", NULL);
  /* A date of issue without a deadline: the rule cannot tell yet. */
  check_input (fw, PAR_SCORE_INCOMPLETE, 0, NULL, "issued", "2020-01-14", NULL);
  /* Dates not in canonical form are refused: "14/01/2020" would sort before "2020-01-13". */
  check_input (fw, PAR_SCORE_INVALID, 0, "Ngày ban hành must be a date, not “14/01/2020”",
               "issued", "14/01/2020", "deadline", "2020-01-13", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Hạn must be a date, not “2020-02-30”",
               "issued", "2020-01-14", "deadline", "2020-02-30", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Hạn must be a date, not “soon”", "deadline", "soon", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Ngày ban hành must be a date, not “2020-1-5”",
               "issued", "2020-1-5", "deadline", "2020-01-14", NULL);
}

/* --- ratio tiers ----------------------------------------------------------------------------- */

#define RATIO_INPUTS "<input id=\"a\" type=\"integer\" label=\"Đúng hạn\"/>" \
  "<input id=\"b\" type=\"integer\" label=\"Đã giải quyết\"/>"

static void
test_ratio_tiers (void)
{
  /* Cà Mau 1.1.4: > 90 % → 2, 70–90 % → 1, < 70 % → 0. */
  g_autoptr(ParFramework) above = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                                            "<tier above=\"90\" points=\"2\"/><tier from=\"70\" points=\"1\"/></rule>");
  g_autoptr(ParFramework) from = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                           "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\" otherwise=\"0.25\">"
                                           "<tier from=\"90\" points=\"2\"/><tier above=\"70\" points=\"1\"/></rule>");

  check (above, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  /* The primer's example: 4,891 of 4,898 procedures on time. */
  check_input (above, PAR_SCORE_SCORED, 200, "4891/4898 = 99.86 % > 90.00 % → 2.00",
               "a", "4891", "b", "4898", NULL);
  /* Exactly 90 %: "above 90" does not take it, the next tier does; "from 90" does. */
  check_input (above, PAR_SCORE_SCORED, 100, "9/10 = 90.00 % ≥ 70.00 % → 1.00", "a", "9", "b", "10", NULL);
  check_input (from, PAR_SCORE_SCORED, 200, "9/10 = 90.00 % ≥ 90.00 % → 2.00", "a", "9", "b", "10", NULL);
  check_input (above, PAR_SCORE_SCORED, 200, "91/100 = 91.00 % > 90.00 % → 2.00", "a", "91", "b", "100", NULL);
  /* The comparison is exact, never on a rounded ratio: 89.995 % stays below 90 % (and is
   * shown with the decimals that make that visible). */
  check_input (from, PAR_SCORE_SCORED, 100, "17999/20000 = 89.995 % > 70.00 % → 1.00",
               "a", "17999", "b", "20000", NULL);
  /* The lower bound: from 70 takes 70 %, above 70 does not. */
  check_input (above, PAR_SCORE_SCORED, 100, "7/10 = 70.00 % ≥ 70.00 % → 1.00", "a", "7", "b", "10", NULL);
  check_input (from, PAR_SCORE_SCORED, 25, "7/10 = 70.00 % ≤ 70.00 % → 0.25", "a", "7", "b", "10", NULL);
  check_input (above, PAR_SCORE_SCORED, 0, "69/100 = 69.00 % < 70.00 % → 0.00", "a", "69", "b", "100", NULL);
  check_input (above, PAR_SCORE_SCORED, 0, "0/5 = 0.00 % < 70.00 % → 0.00", "a", "0", "b", "5", NULL);
  check_input (above, PAR_SCORE_SCORED, 200, "5/5 = 100.00 % > 90.00 % → 2.00", "a", "5", "b", "5", NULL);
  /* One figure only, or neither. */
  check_input (above, PAR_SCORE_INCOMPLETE, 0, NULL, "a", "5", NULL);
  check_input (above, PAR_SCORE_INCOMPLETE, 0, NULL, "b", "5", NULL);
  check_input (above, PAR_SCORE_NOT_STARTED, 0, NULL, "a", "", "b", "", NULL);
  /* More on time than resolved. */
  check_input (above, PAR_SCORE_INVALID, 0, "Đúng hạn (4899) cannot be more than Đã giải quyết (4898)",
               "a", "4899", "b", "4898", NULL);
  check_input (above, PAR_SCORE_INVALID, 0, "Đúng hạn (1) cannot be more than Đã giải quyết (0)",
               "a", "1", "b", "0", NULL);
  check_input (above, PAR_SCORE_INVALID, 0, "the figures must be numbers of 0 or more",
               "a", "-1", "b", "5", NULL);
  check_input (above, PAR_SCORE_INVALID, 0, "the figures must be numbers of 0 or more",
               "a", "abc", "b", "5", NULL);
}

/* Next to a threshold, two decimals would show a ratio equal to a bound it is not equal to
 * ("90.00 % > 90.00 %"); the explanation then shows as many decimals as it takes. */
static void
test_ratio_explanation_at_bound (void)
{
  g_autoptr(ParFramework) above = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                            "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                                            "<tier above=\"90\" points=\"2\"/><tier from=\"70\" points=\"1\"/></rule>");
  g_autoptr(ParFramework) floor = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                            "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" "
                                            "floor-from=\"50\"/>");

  check_input (above, PAR_SCORE_SCORED, 200, "900001/1000000 = 90.0001 % > 90.00 % → 2.00",
               "a", "900001", "b", "1000000", NULL);
  check_input (above, PAR_SCORE_SCORED, 0, "69999/100000 = 69.999 % < 70.00 % → 0.00",
               "a", "69999", "b", "100000", NULL);
  check_input (above, PAR_SCORE_SCORED, 0, "6999999/10000000 = 69.99999 % < 70.00 % → 0.00",
               "a", "6999999", "b", "10000000", NULL);
  /* Exactly on the bound: two decimals, as usual. */
  check_input (above, PAR_SCORE_SCORED, 100, "9/10 = 90.00 % ≥ 70.00 % → 1.00", "a", "9", "b", "10", NULL);
  /* Rounded to two decimals 89.995 % would read 90.00 %, a bound of the rule. */
  check_input (above, PAR_SCORE_SCORED, 100, "17999/20000 = 89.995 % ≥ 70.00 % → 1.00",
               "a", "17999", "b", "20000", NULL);
  /* Far from any bound: two decimals. */
  check_input (above, PAR_SCORE_SCORED, 200, "4891/4898 = 99.86 % > 90.00 % → 2.00",
               "a", "4891", "b", "4898", NULL);
  check_input (above, PAR_SCORE_SCORED, 100, "8/9 = 88.89 % ≥ 70.00 % → 1.00", "a", "8", "b", "9", NULL);
  check_input (floor, PAR_SCORE_SCORED, 0, "49999/100000 = 49.999 % < 50.00 % (floor) → 0.00",
               "a", "49999", "b", "100000", NULL);
}

static void
test_ratio_decimal_inputs (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden",
                                         "<input id=\"a\" type=\"decimal\" label=\"Chi\"/>"
                                         "<input id=\"b\" type=\"integer\" label=\"Dự toán\"/>",
                                         "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\">"
                                         "<tier from=\"50\" points=\"2\"/></rule>");

  check_input (fw, PAR_SCORE_SCORED, 200, "12.50/25 = 50.00 % ≥ 50.00 % → 2.00", "a", "12.50", "b", "25", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "12.49/25 = 49.96 % < 50.00 % → 0.00", "a", "12.49", "b", "25", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Chi (25.01) cannot be more than Dự toán (25)",
               "a", "25.01", "b", "25", NULL);
}

static void
test_ratio_percent (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden", "<input id=\"p\" type=\"percent\" label=\"Tỷ lệ\"/>",
                                         "<rule type=\"ratio-tiers\" percent=\"p\">"
                                         "<tier above=\"90\" points=\"2\"/><tier from=\"70\" points=\"1\"/></rule>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "99.90 % > 90.00 % → 2.00", "p", "99.90", NULL);
  check_input (fw, PAR_SCORE_SCORED, 100, "90.00 % ≥ 70.00 % → 1.00", "p", "90.00", NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "90.01 % > 90.00 % → 2.00", "p", "90.01", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "69.99 % < 70.00 % → 0.00", "p", "69.99", NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "100.00 % > 90.00 % → 2.00", "p", "100", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Tỷ lệ must be a percentage between 0 and 100", "p", "100.01", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Tỷ lệ must be a percentage between 0 and 100", "p", "-1", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Tỷ lệ must be a percentage between 0 and 100", "p", "lots", NULL);
}

static void
test_zero_denominator (void)
{
#define ZERO_RULE(policy) "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\"" policy ">" \
                          "<tier from=\"90\" points=\"2\"/></rule>"
  g_autoptr(ParFramework) zero = leaf_set ("2", "forbidden", RATIO_INPUTS, ZERO_RULE (""));
  g_autoptr(ParFramework) zero2 = leaf_set ("2", "forbidden", RATIO_INPUTS, ZERO_RULE (" zero-denominator=\"zero\""));
  g_autoptr(ParFramework) max = leaf_set ("2", "forbidden", RATIO_INPUTS, ZERO_RULE (" zero-denominator=\"max\""));
  g_autoptr(ParFramework) na = leaf_set ("2", "allowed", RATIO_INPUTS,
                                         ZERO_RULE (" zero-denominator=\"not-applicable\""));
  g_autoptr(ParFramework) prop = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                           "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" "
                                           "zero-denominator=\"max\"/>");
  g_autoptr(ParEntry) entry = entry_new ("1.1.1", "a", "0", "b", "0", NULL);
  ParLeafScore score;

  check (zero, entry, PAR_SCORE_SCORED, 0, "0/0: nothing to count → 0.00");
  check (zero2, entry, PAR_SCORE_SCORED, 0, "0/0: nothing to count → 0.00");
  check (max, entry, PAR_SCORE_SCORED, 200, "0/0: nothing to count → 2.00");
  check (prop, entry, PAR_SCORE_SCORED, 200, "0/0: nothing to count → 2.00");
  check (na, entry, PAR_SCORE_NOT_APPLICABLE, 0, "0/0: nothing to count → not applicable");
  par_rule_evaluate (par_framework_lookup (na, "1.1.1"), entry, &score);
  g_assert_cmpint (score.applicable_max, ==, 0);
  g_assert_cmpint (score.max, ==, 200);
  par_leaf_score_clear (&score);
}

/* --- proportional ---------------------------------------------------------------------------- */

static void
test_proportional (void)
{
  g_autoptr(ParFramework) two = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                          "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\"/>");
  g_autoptr(ParFramework) one = leaf_set ("1", "forbidden", RATIO_INPUTS,
                                          "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\"/>");
  g_autoptr(ParFramework) pct = leaf_set ("2", "forbidden", "<input id=\"p\" type=\"percent\" label=\"Tỷ lệ\"/>",
                                          "<rule type=\"proportional\" percent=\"p\"/>");

  check (two, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (two, PAR_SCORE_SCORED, 150, "45/60 = 75.00 % × 2.00 → 1.50", "a", "45", "b", "60", NULL);
  check_input (two, PAR_SCORE_SCORED, 200, "60/60 = 100.00 % × 2.00 → 2.00", "a", "60", "b", "60", NULL);
  check_input (two, PAR_SCORE_SCORED, 0, "0/60 = 0.00 % × 2.00 → 0.00", "a", "0", "b", "60", NULL);
  /* 1 × 1/8 = 0.125 → 0.13: halves away from zero. */
  check_input (one, PAR_SCORE_SCORED, 13, "1/8 = 12.50 % × 1.00 → 0.13", "a", "1", "b", "8", NULL);
  /* 1 × 0.1249 → 0.12, 1 × 0.1251 → 0.13. */
  check_input (one, PAR_SCORE_SCORED, 12, "1249/10000 = 12.49 % × 1.00 → 0.12", "a", "1249", "b", "10000", NULL);
  check_input (one, PAR_SCORE_SCORED, 13, "1251/10000 = 12.51 % × 1.00 → 0.13", "a", "1251", "b", "10000", NULL);
  /* Rounded once, from the exact ratio: 2 × 2/3 = 1.333… → 1.33; 2 × 5/6 = 1.666… → 1.67. */
  check_input (two, PAR_SCORE_SCORED, 133, "2/3 = 66.67 % × 2.00 → 1.33", "a", "2", "b", "3", NULL);
  check_input (two, PAR_SCORE_SCORED, 167, "5/6 = 83.33 % × 2.00 → 1.67", "a", "5", "b", "6", NULL);
  /* 2 × 4891/4898 = 1.99714… → 2.00. */
  check_input (two, PAR_SCORE_SCORED, 200, "4891/4898 = 99.86 % × 2.00 → 2.00", "a", "4891", "b", "4898", NULL);
  /* Percent input: 2 × 75.5 % = 1.51; 1 × … */
  check_input (pct, PAR_SCORE_SCORED, 151, "75.50 % × 2.00 → 1.51", "p", "75.50", NULL);
  check_input (pct, PAR_SCORE_SCORED, 1, "0.25 % × 2.00 → 0.01", "p", "0.25", NULL);
  check_input (pct, PAR_SCORE_SCORED, 0, "0.24 % × 2.00 → 0.00", "p", "0.24", NULL);
}

static void
test_proportional_floor (void)
{
  g_autoptr(ParFramework) from = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                           "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" "
                                           "floor-from=\"50\"/>");
  g_autoptr(ParFramework) above = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                            "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" "
                                            "floor-above=\"50\"/>");

  g_autoptr(ParFramework) none = leaf_set ("2", "forbidden", RATIO_INPUTS,
                                           "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\"/>");

  g_assert_true (par_framework_lookup (from, "1.1.1")->rule->has_floor);
  g_assert_true (par_framework_lookup (from, "1.1.1")->rule->floor.inclusive);
  g_assert_cmpint (par_framework_lookup (from, "1.1.1")->rule->floor.bound, ==, 5000);
  g_assert_false (par_framework_lookup (above, "1.1.1")->rule->floor.inclusive);
  g_assert_false (par_framework_lookup (none, "1.1.1")->rule->has_floor);
  /* At the floor exactly: from 50 keeps the points, above 50 gives 0. */
  check_input (from, PAR_SCORE_SCORED, 100, "1/2 = 50.00 % × 2.00 → 1.00", "a", "1", "b", "2", NULL);
  check_input (above, PAR_SCORE_SCORED, 0, "1/2 = 50.00 % ≤ 50.00 % (floor) → 0.00", "a", "1", "b", "2", NULL);
  check_input (from, PAR_SCORE_SCORED, 0, "49/100 = 49.00 % < 50.00 % (floor) → 0.00", "a", "49", "b", "100", NULL);
  check_input (above, PAR_SCORE_SCORED, 102, "51/100 = 51.00 % × 2.00 → 1.02", "a", "51", "b", "100", NULL);
}

/* --- count tiers, choice, per-count, survey -------------------------------------------------- */

static void
test_count_tiers (void)
{
  /* 4 meetings → 2, 3 → 1.5, 2 → 1, 1 → 0.5, else 0. */
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden", "<input id=\"n\" type=\"integer\" label=\"Số cuộc họp\"/>",
                                         "<rule type=\"count-tiers\" input=\"n\"><tier from=\"4\" points=\"2\"/>"
                                         "<tier from=\"3\" points=\"1.5\"/><tier from=\"2\" points=\"1\"/>"
                                         "<tier from=\"1\" points=\"0.5\"/></rule>");
  g_autoptr(ParFramework) above = leaf_set ("2", "forbidden", "<input id=\"n\" type=\"integer\" label=\"N\"/>",
                                            "<rule type=\"count-tiers\" input=\"n\" otherwise=\"0.5\">"
                                            "<tier above=\"3\" points=\"2\"/></rule>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "5 ≥ 4 → 2.00", "n", "5", NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "4 ≥ 4 → 2.00", "n", "4", NULL);
  check_input (fw, PAR_SCORE_SCORED, 150, "3 ≥ 3 → 1.50", "n", "3", NULL);
  check_input (fw, PAR_SCORE_SCORED, 100, "2 ≥ 2 → 1.00", "n", "2", NULL);
  check_input (fw, PAR_SCORE_SCORED, 50, "1 ≥ 1 → 0.50", "n", "1", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "0 < 1 → 0.00", "n", "0", NULL);
  check_input (above, PAR_SCORE_SCORED, 200, "4 > 3 → 2.00", "n", "4", NULL);
  check_input (above, PAR_SCORE_SCORED, 50, "3 ≤ 3 → 0.50", "n", "3", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Số cuộc họp must be a whole number of 0 or more", "n", "-1", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Số cuộc họp must be a whole number of 0 or more", "n", "2.5", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Số cuộc họp must be a whole number of 0 or more", "n", "many", NULL);
}

static void
test_choice (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden",
                                         "<input id=\"q\" type=\"choice\" label=\"Chất lượng\">"
                                         "<option value=\"excellent\" label=\"Xuất sắc\"/>"
                                         "<option value=\"good\" label=\"Tốt\"/>"
                                         "<option value=\"done\" label=\"Hoàn thành\"/>"
                                         "<option value=\"none\" label=\"Không thực hiện\"/></input>",
                                         "<rule type=\"choice\" input=\"q\"><grade value=\"excellent\" points=\"2\"/>"
                                         "<grade value=\"good\" points=\"1.5\"/><grade value=\"done\" points=\"1\"/>"
                                         "<grade value=\"none\" points=\"0\"/></rule>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "Xuất sắc → 2.00", "q", "excellent", NULL);
  check_input (fw, PAR_SCORE_SCORED, 150, "Tốt → 1.50", "q", "good", NULL);
  check_input (fw, PAR_SCORE_SCORED, 100, "Hoàn thành → 1.00", "q", "done", NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "Không thực hiện → 0.00", "q", "none", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "“great” is not one of the choices", "q", "great", NULL);
}

static void
test_per_count (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden", "<input id=\"n\" type=\"integer\" label=\"Số lần\"/>",
                                         "<rule type=\"per-count\" input=\"n\" points=\"0.5\"/>");

  check (fw, NULL, PAR_SCORE_NOT_STARTED, 0, NULL);
  check_input (fw, PAR_SCORE_SCORED, 0, "0 × 0.50 → 0.00", "n", "0", NULL);
  check_input (fw, PAR_SCORE_SCORED, 150, "3 × 0.50 → 1.50", "n", "3", NULL);
  /* The cap: exactly at it, then over it. */
  check_input (fw, PAR_SCORE_SCORED, 200, "4 × 0.50 → 2.00", "n", "4", NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "5 × 0.50 = 2.50, capped → 2.00", "n", "5", NULL);
  check_input (fw, PAR_SCORE_SCORED, 200, "2147483647 × 0.50 = 1073741823.50, capped → 2.00",
               "n", "2147483647", NULL);
  check_input (fw, PAR_SCORE_INVALID, 0, "Số lần must be a whole number of 0 or more", "n", "2147483648", NULL);
}

static void
test_survey (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "forbidden", "", "<rule type=\"survey\"/>");
  const ParNode *leaf = par_framework_lookup (fw, "1.1.1");
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");
  ParLeafScore score;

  par_rule_evaluate (leaf, NULL, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_SURVEY);
  g_assert_cmpstr (score.explanation, ==, "scored by the sociological survey");
  g_assert_false (score.has_self);
  g_assert_false (score.has_final);
  par_leaf_score_clear (&score);

  /* A self score is never read for a survey item. */
  entry->has_self = TRUE;
  entry->self = 200;
  entry->has_survey = TRUE;
  entry->survey = 125;
  par_rule_evaluate (leaf, entry, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_SURVEY);
  g_assert_false (score.has_self);
  g_assert_true (score.has_survey);
  g_assert_cmpint (score.survey, ==, 125);
  g_assert_true (score.has_final);
  g_assert_cmpint (score.final, ==, 125);
  par_leaf_score_clear (&score);
}

/* --- not applicable, appraisal --------------------------------------------------------------- */

static void
test_not_applicable (void)
{
  g_autoptr(ParFramework) allowed = leaf_set ("2", "allowed", "", "<rule type=\"manual\"/>");
  g_autoptr(ParFramework) forbidden = leaf_set ("2", "forbidden", "", "<rule type=\"manual\"/>");
  g_autoptr(ParEntry) entry = self_entry ("1.1.1", 150);
  ParLeafScore score;

  g_assert_true (par_framework_lookup (allowed, "1.1.1")->na_allowed);
  g_assert_false (par_framework_lookup (forbidden, "1.1.1")->na_allowed);
  entry->not_applicable = TRUE;

  par_rule_evaluate (par_framework_lookup (allowed, "1.1.1"), entry, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_NOT_APPLICABLE);
  g_assert_cmpstr (score.explanation, ==, "not applicable");
  g_assert_cmpint (score.applicable_max, ==, 0);
  g_assert_cmpint (score.max, ==, 200);
  g_assert_false (score.has_final);
  g_assert_false (score.has_self);
  par_leaf_score_clear (&score);

  par_rule_evaluate (par_framework_lookup (forbidden, "1.1.1"), entry, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_INVALID);
  g_assert_cmpstr (score.explanation, ==, "this sub-criterion may not be marked not applicable");
  g_assert_cmpint (score.applicable_max, ==, 200);
  g_assert_false (score.has_final);
  par_leaf_score_clear (&score);
}

static void
test_appraised (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "allowed", "", "<rule type=\"manual\"/>");
  const ParNode *leaf = par_framework_lookup (fw, "1.1.1");
  g_autoptr(ParEntry) entry = self_entry ("1.1.1", 150);
  g_autoptr(ParEntry) bare = par_entry_new ("1.1.1");
  ParLeafScore score;

  /* The council's score counts over the unit's own. */
  entry->has_appraised = TRUE;
  entry->appraised = 100;
  par_rule_evaluate (leaf, entry, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_SCORED);
  g_assert_true (score.has_self);
  g_assert_cmpint (score.self, ==, 150);
  g_assert_true (score.has_appraised);
  g_assert_cmpint (score.appraised, ==, 100);
  g_assert_true (score.has_final);
  g_assert_cmpint (score.final, ==, 100);
  par_leaf_score_clear (&score);

  /* Appraised where the unit entered nothing. */
  bare->has_appraised = TRUE;
  bare->appraised = 50;
  par_rule_evaluate (leaf, bare, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_NOT_STARTED);
  g_assert_true (score.has_final);
  g_assert_cmpint (score.final, ==, 50);
  par_leaf_score_clear (&score);

  /* The council overrides the unit's "not applicable": the maximum counts again. */
  entry->not_applicable = TRUE;
  par_rule_evaluate (leaf, entry, &score);
  g_assert_cmpint (score.state, ==, PAR_SCORE_NOT_APPLICABLE);
  g_assert_cmpint (score.applicable_max, ==, 200);
  g_assert_true (score.has_final);
  g_assert_cmpint (score.final, ==, 100);
  par_leaf_score_clear (&score);
}

/* Computed rules ignore a self score typed by hand. */
static void
test_self_ignored_for_computed (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("1", "forbidden", "<input id=\"met\" type=\"boolean\" label=\"Đạt\"/>",
                                         "<rule type=\"yes-no\" input=\"met\"/>");
  g_autoptr(ParEntry) entry = entry_new ("1.1.1", "met", "false", NULL);

  entry->has_self = TRUE;
  entry->self = 100;
  check (fw, entry, PAR_SCORE_SCORED, 0, "no → 0.00");
}

/* --- entries --------------------------------------------------------------------------------- */

static void
test_entry (void)
{
  g_autoptr(ParEntry) a = entry_new ("1.1.1", "a", "1", "b", "2", NULL);
  g_autoptr(ParEntry) b = NULL;

  g_assert_cmpstr (par_entry_get_input (a, "a"), ==, "1");
  g_assert_null (par_entry_get_input (a, "c"));
  g_assert_null (par_entry_get_input (a, NULL));
  b = par_entry_copy (a);
  g_assert_true (par_entry_equal (a, b));
  par_entry_set_input (b, "b", "3");
  g_assert_false (par_entry_equal (a, b));
  par_entry_set_input (b, "b", "2");
  g_assert_true (par_entry_equal (a, b));
  /* Setting "" or NULL removes the value. */
  par_entry_set_input (b, "b", "");
  g_assert_null (par_entry_get_input (b, "b"));
  g_assert_false (par_entry_equal (a, b));
  par_entry_set_input (b, "b", "2");
  b->explanation = g_strdup ("");
  g_assert_true (par_entry_equal (a, b));    /* "" and NULL explanations are the same */
  b->has_appraised = TRUE;
  g_assert_false (par_entry_equal (a, b));
}

/* --- input normalisation --------------------------------------------------------------------- */

static ParInput *
input_new (ParInputType type,
           const char  *label)
{
  ParInput *input = g_new0 (ParInput, 1);

  input->id = g_strdup ("x");
  input->type = type;
  input->label = g_strdup (label);
  input->options = g_ptr_array_new ();
  return input;
}

static void
input_free (ParInput *input)
{
  for (guint i = 0; i < input->options->len; i++)
    {
      ParOption *o = g_ptr_array_index (input->options, i);
      g_free (o->value);
      g_free (o->label);
      g_free (o);
    }
  g_ptr_array_unref (input->options);
  g_free (input->id);
  g_free (input->label);
  g_free (input);
}

static void
add_option (ParInput   *input,
            const char *value,
            const char *label)
{
  ParOption *o = g_new0 (ParOption, 1);

  o->value = g_strdup (value);
  o->label = g_strdup (label);
  g_ptr_array_add (input->options, o);
}

static void
norm_ok (const ParInput *input,
         const char     *text,
         const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = par_input_normalize (input, text, &error);

  if (error != NULL)
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpstr (value, ==, expected);
}

static void
norm_bad (const ParInput *input,
          const char     *text,
          const char     *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = par_input_normalize (input, text, &error);

  if (value != NULL)
    g_error ("“%s” was accepted as “%s”", text, value);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_normalize_integer (void)
{
  ParInput *in = input_new (PAR_INPUT_INTEGER, "Số hồ sơ");

  norm_ok (in, "4891", "4891");
  norm_ok (in, "4.891", "4891");
  norm_ok (in, "4,891", "4891");
  norm_ok (in, " 4 891 ", "4891");
  norm_ok (in, "4\u00A0891", "4891");     /* no-break space */
  norm_ok (in, "4\u202F891", "4891");     /* narrow no-break space */
  norm_ok (in, "1.234.567", "1234567");
  norm_ok (in, "1,234,567", "1234567");
  norm_ok (in, "0", "0");
  norm_ok (in, "007", "7");
  norm_ok (in, "", "");
  norm_ok (in, "   ", "");
  norm_ok (in, NULL, "");
  norm_bad (in, "4,89", "Số hồ sơ: “4,89” is not a whole number of 0 or more");
  norm_bad (in, "4.5", "Số hồ sơ: “4.5” is not a whole number of 0 or more");
  norm_bad (in, "-3", "Số hồ sơ: “-3” is not a whole number of 0 or more");
  norm_bad (in, "abc", "Số hồ sơ: “abc” is not a whole number of 0 or more");
  norm_bad (in, "12a", "Số hồ sơ: “12a” is not a whole number of 0 or more");
  norm_bad (in, "99999999999999999999", "Số hồ sơ: “99999999999999999999” is not a whole number of 0 or more");
  /* Separators that do not group thousands are not thousands separators. */
  norm_bad (in, "4.", "Số hồ sơ: “4.” is not a whole number of 0 or more");
  norm_bad (in, "0.125", "Số hồ sơ: “0.125” is not a whole number of 0 or more");
  norm_bad (in, "0,125", "Số hồ sơ: “0,125” is not a whole number of 0 or more");
  norm_bad (in, "12.5.1", "Số hồ sơ: “12.5.1” is not a whole number of 0 or more");
  norm_bad (in, "1.23.456", "Số hồ sơ: “1.23.456” is not a whole number of 0 or more");
  norm_bad (in, "1234.567", "Số hồ sơ: “1234.567” is not a whole number of 0 or more");
  norm_bad (in, ".891", "Số hồ sơ: “.891” is not a whole number of 0 or more");
  norm_ok (in, "12.345.678", "12345678");
  /* The largest figure the check and the scorer take, and the first one refused. */
  norm_ok (in, "999.999.999.999", "999999999999");
  norm_bad (in, "1.000.000.000.000",
            "Số hồ sơ: “1.000.000.000.000” is more than 999,999,999,999, the largest figure accepted");
  input_free (in);
}

static void
test_normalize_decimal (void)
{
  ParInput *in = input_new (PAR_INPUT_DECIMAL, "Kinh phí");
  ParInput *pc = input_new (PAR_INPUT_PERCENT, "Tỷ lệ");

  norm_ok (in, "99,5", "99.50");
  norm_ok (in, "99.5", "99.50");
  norm_ok (in, "99,50", "99.50");
  norm_ok (in, "7", "7.00");
  norm_ok (in, "0,05", "0.05");
  norm_ok (in, "1.234,5", "1234.50");
  norm_ok (in, "1,234.5", "1234.50");
  norm_ok (in, "1.234.567,89", "1234567.89");
  /* A single separator followed by three digits groups thousands. */
  norm_ok (in, "4.891", "4891.00");
  norm_bad (in, "1,2345", "Kinh phí: “1,2345” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "-1", "Kinh phí: “-1” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "1,5,0", "Kinh phí: “1,5,0” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "0,125", "Kinh phí: “0,125” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "1.234.56", "Kinh phí: “1.234.56” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "1,2.5", "Kinh phí: “1,2.5” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "1.2,3.4", "Kinh phí: “1.2,3.4” is not a number of 0 or more with at most two decimals");
  norm_bad (in, "5.", "Kinh phí: “5.” is not a number of 0 or more with at most two decimals");
  norm_ok (in, "0.5", "0.50");
  norm_ok (in, "10,5", "10.50");
  norm_ok (in, ",5", "0.50");
  norm_bad (in, "1.5%", "Kinh phí: “1.5%” is not a number of 0 or more with at most two decimals");
  norm_ok (in, "100.000.000", "100000000.00");
  norm_bad (in, "100.000.000,01",
            "Kinh phí: “100.000.000,01” is more than 100,000,000, the largest figure accepted");

  norm_ok (pc, "99,5", "99.50");
  norm_ok (pc, "99.5%", "99.50");
  norm_ok (pc, "99,86 %", "99.86");
  norm_ok (pc, "100", "100.00");
  norm_ok (pc, "0", "0.00");
  norm_bad (pc, "100,5", "Tỷ lệ: “100,5” is not a percentage between 0 and 100 with at most two decimals");
  norm_bad (pc, "101", "Tỷ lệ: “101” is not a percentage between 0 and 100 with at most two decimals");
  norm_bad (pc, "-1", "Tỷ lệ: “-1” is not a percentage between 0 and 100 with at most two decimals");
  norm_bad (pc, "%", "Tỷ lệ: “%” is not a percentage between 0 and 100 with at most two decimals");
  input_free (in);
  input_free (pc);
}

static void
test_normalize_date (void)
{
  ParInput *in = input_new (PAR_INPUT_DATE, "Ngày ban hành");

  norm_ok (in, "14/01/2020", "2020-01-14");
  norm_ok (in, "2020-01-14", "2020-01-14");
  norm_ok (in, "14.01.2020", "2020-01-14");
  norm_ok (in, "14-01-2020", "2020-01-14");
  norm_ok (in, "1/2/2020", "2020-02-01");
  norm_ok (in, " 14/01/2020 ", "2020-01-14");
  norm_ok (in, "29/02/2020", "2020-02-29");
  norm_ok (in, "31/12/2023", "2023-12-31");
  norm_bad (in, "31/02/2020", "Ngày ban hành: “31/02/2020” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "29/02/2019", "Ngày ban hành: “29/02/2019” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "2020-13-01", "Ngày ban hành: “2020-13-01” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "00/01/2020", "Ngày ban hành: “00/01/2020” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "14/01/20", "Ngày ban hành: “14/01/20” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "14/01/2020x", "Ngày ban hành: “14/01/2020x” is not a date; write it as dd/mm/yyyy");
  norm_bad (in, "hôm qua", "Ngày ban hành: “hôm qua” is not a date; write it as dd/mm/yyyy");
  input_free (in);
}

static void
test_normalize_boolean (void)
{
  ParInput *in = input_new (PAR_INPUT_BOOLEAN, "Đạt");

  norm_ok (in, "có", "true");
  norm_ok (in, "Có", "true");
  norm_ok (in, "CÓ", "true");
  norm_ok (in, " có ", "true");
  norm_ok (in, "không", "false");
  norm_ok (in, "Không", "false");
  norm_ok (in, "KHÔNG", "false");
  norm_ok (in, "yes", "true");
  norm_ok (in, "no", "false");
  norm_ok (in, "true", "true");
  norm_ok (in, "false", "false");
  norm_ok (in, "1", "true");
  norm_ok (in, "0", "false");
  norm_ok (in, "x", "true");
  /* "đ" has no ASCII transliteration in GLib: "đạt" (achieved) must still read as yes. */
  norm_ok (in, "đạt", "true");
  norm_ok (in, "Đạt", "true");
  norm_ok (in, "Không đạt", "false");
  norm_ok (in, "KHÔNG ĐẠT", "false");
  norm_ok (in, "", "");
  norm_bad (in, "maybe", "Đạt: answer yes or no (có / không), not “maybe”");
  norm_bad (in, "co le", "Đạt: answer yes or no (có / không), not “co le”");
  input_free (in);
}

static void
test_normalize_choice (void)
{
  ParInput *in = input_new (PAR_INPUT_CHOICE, "Tình trạng");

  add_option (in, "on-time", "Đúng hạn");
  add_option (in, "late", "Ban hành chậm");
  add_option (in, "not-done", "Không ban hành");
  norm_ok (in, "late", "late");
  norm_ok (in, "on-time", "on-time");
  norm_ok (in, "Ban hành chậm", "late");
  norm_ok (in, "ban hành chậm", "late");
  norm_ok (in, "BAN HÀNH CHẬM", "late");
  norm_ok (in, "  Đúng hạn ", "on-time");
  norm_ok (in, " late ", "late");
  /* The label typed decomposed (NFD: "ậ" as a + U+0323 + U+0302, "à" as a + U+0300). */
  norm_ok (in, "Ban ha\xCC\x80nh cha\xCC\xA3\xCC\x82m", "late");
  norm_ok (in, "Kho\xCC\x82ng ban ha\xCC\x80nh", "not-done");
  norm_ok (in, "", "");
  norm_bad (in, "soon", "Tình trạng: “soon” is not one of the choices");
  norm_bad (in, "Late", "Tình trạng: “Late” is not one of the choices");
  input_free (in);
}

/* --- totals ---------------------------------------------------------------------------------- */

/* Field 1 (6): criterion 1.1 with 1.1.1 (2) and 1.1.2 (4, N/A allowed).
 * Field 2 (4): criterion 2.1 capped at 3 over 2.1.1 (2) + 2.1.2 (2); criterion 2.2 a leaf (1).
 * Deduction T1: 0.5 per count, at most 2. Bonus C1: manual, at most 1. */
static const char totals_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\">\n"
  "<title>Bộ thử</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
  "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
  "<bands><band name=\"Xuất sắc\" from=\"90\"/><band name=\"Tốt\" from=\"80\"/>"
  "<band name=\"Khá\" from=\"70\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
  "<field code=\"1\" max=\"6\"><title>Lĩnh vực 1</title>\n"
  " <criterion code=\"1.1\" max=\"6\"><title>Tiêu chí 1.1</title>\n"
  "  <sub code=\"1.1.1\" max=\"2\"><title>A</title><rule type=\"manual\"/></sub>\n"
  "  <sub code=\"1.1.2\" max=\"4\" not-applicable=\"allowed\"><title>B</title><rule type=\"manual\"/></sub>\n"
  " </criterion>\n"
  "</field>\n"
  "<field code=\"2\" max=\"4\"><title>Lĩnh vực 2</title>\n"
  " <criterion code=\"2.1\" max=\"3\" aggregate=\"capped\"><title>Tiêu chí 2.1</title>\n"
  "  <sub code=\"2.1.1\" max=\"2\"><title>C</title><rule type=\"manual\"/></sub>\n"
  "  <sub code=\"2.1.2\" max=\"2\"><title>D</title><rule type=\"manual\"/></sub>\n"
  " </criterion>\n"
  " <criterion code=\"2.2\" max=\"1\"><title>E</title><rule type=\"manual\"/></criterion>\n"
  "</field>\n"
  "<adjustments>\n"
  " <deduction code=\"T1\" max=\"2\"><title>Bị phê bình</title>"
  "<inputs><input id=\"times\" type=\"integer\" label=\"Số lần\"/></inputs>"
  "<rule type=\"per-count\" input=\"times\" points=\"0.5\"/></deduction>\n"
  " <bonus code=\"C1\" max=\"1\"><title>Sáng kiến</title><rule type=\"manual\"/></bonus>\n"
  "</adjustments>\n"
  "</criteria-set>\n";

static GPtrArray *
entries_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
}

static void
add_self (GPtrArray  *entries,
          const char *code,
          ParPoints   self)
{
  g_ptr_array_add (entries, self_entry (code, self));
}

static void
test_totals (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;
  ParEntry *na;

  add_self (entries, "1.1.1", 150);
  na = par_entry_new ("1.1.2");
  na->not_applicable = TRUE;
  g_ptr_array_add (entries, na);
  add_self (entries, "2.1.1", 200);
  add_self (entries, "2.1.2", 200);
  add_self (entries, "2.2", 100);
  g_ptr_array_add (entries, entry_new ("T1", "times", "1", NULL));
  add_self (entries, "C1", 25);
  add_self (entries, "9.9.9", 500);   /* unknown codes are ignored */

  result = par_score (fw, entries);
  g_assert_true (par_result_get_framework (result) == fw);

  /* A leaf's own total. */
  t = par_result_get_total (result, "1.1.1");
  g_assert_cmpint (t->max, ==, 200);
  g_assert_cmpint (t->applicable_max, ==, 200);
  g_assert_cmpint (t->final_total, ==, 150);
  g_assert_cmpint (t->index, ==, 7500);
  g_assert_cmpuint (t->leaves, ==, 1);
  g_assert_cmpuint (t->done, ==, 1);

  /* N/A lowers the applicable maximum and so raises the index. */
  t = par_result_get_total (result, "1.1");
  g_assert_cmpint (t->max, ==, 600);
  g_assert_cmpint (t->applicable_max, ==, 200);
  g_assert_cmpint (t->final_total, ==, 150);
  g_assert_cmpint (t->self_total, ==, 150);
  g_assert_cmpint (t->index, ==, 7500);
  g_assert_cmpuint (t->leaves, ==, 2);
  g_assert_cmpuint (t->done, ==, 2);
  t = par_result_get_total (result, "1");
  g_assert_cmpint (t->applicable_max, ==, 200);
  g_assert_cmpint (t->index, ==, 7500);

  /* Capped: 2 + 2 counts as 3, of a maximum of 3. */
  t = par_result_get_total (result, "2.1");
  g_assert_cmpint (t->max, ==, 300);
  g_assert_cmpint (t->applicable_max, ==, 300);
  g_assert_cmpint (t->final_total, ==, 300);
  g_assert_cmpint (t->self_total, ==, 300);
  g_assert_cmpint (t->index, ==, 10000);
  t = par_result_get_total (result, "2");
  g_assert_cmpint (t->applicable_max, ==, 400);
  g_assert_cmpint (t->final_total, ==, 400);
  g_assert_cmpint (t->index, ==, 10000);
  g_assert_cmpuint (t->leaves, ==, 3);

  /* Adjustments, outside the maximum, applied to the root. */
  g_assert_cmpint (par_result_get_deductions (result), ==, 50);
  g_assert_cmpint (par_result_get_bonuses (result), ==, 25);
  g_assert_cmpint (par_result_get_leaf (result, "T1")->final, ==, 50);
  g_assert_cmpstr (par_result_get_leaf (result, "T1")->explanation, ==, "1 × 0.50 → 0.50");

  /* Root: 1.50 + 4.00 + 0.25 − 0.50 = 5.25 of an applicable 6 → 87.50 %. */
  t = par_result_get_total (result, NULL);
  g_assert_true (t == par_result_get_total (result, ""));
  g_assert_true (t->node == par_framework_get_root (fw));
  g_assert_cmpint (t->max, ==, 1000);
  g_assert_cmpint (t->applicable_max, ==, 600);
  g_assert_cmpint (t->final_total, ==, 525);
  g_assert_cmpint (t->self_total, ==, 525);
  g_assert_cmpint (t->index, ==, 8750);
  g_assert_cmpint (t->self_index, ==, 8750);
  g_assert_cmpuint (t->leaves, ==, 5);
  g_assert_cmpuint (t->done, ==, 5);
  g_assert_false (t->has_appraised);
  g_assert_cmpstr (par_result_get_band (result)->name, ==, "Tốt");

  g_assert_null (par_result_get_leaf (result, "9.9.9"));
  g_assert_null (par_result_get_leaf (result, NULL));
  g_assert_null (par_result_get_total (result, "9"));
}

/* Entries are matched to leaves by code whatever their order: in the set's order (the leaf at
 * the entry's position is tried first), reversed, and shifted by an unknown code in front, the
 * same scores. */
static void
test_totals_any_order (void)
{
  static const char *const codes[] = { "1.1.1", "1.1.2", "2.1.1", "2.1.2", "2.2", "C1" };
  static const int points[] = { 150, 100, 200, 200, 100, 25 };
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) in_order = entries_new ();
  g_autoptr(GPtrArray) reversed = entries_new ();
  g_autoptr(GPtrArray) shifted = entries_new ();
  g_autoptr(ParResult) a = NULL;
  g_autoptr(ParResult) b = NULL;
  g_autoptr(ParResult) c = NULL;

  add_self (shifted, "0.0", 500);      /* unknown, and every entry after it one place off */
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      add_self (in_order, codes[i], points[i]);
      add_self (shifted, codes[i], points[i]);
      add_self (reversed, codes[G_N_ELEMENTS (codes) - 1 - i], points[G_N_ELEMENTS (codes) - 1 - i]);
    }
  a = par_score (fw, in_order);
  b = par_score (fw, reversed);
  c = par_score (fw, shifted);
  g_assert_cmpint (par_result_get_total (a, NULL)->final_total, ==, 150 + 100 + 300 + 100 + 25);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_cmpint (par_result_get_leaf (a, codes[i])->final, ==, points[i]);
      g_assert_cmpint (par_result_get_leaf (b, codes[i])->final, ==, points[i]);
      g_assert_cmpint (par_result_get_leaf (c, codes[i])->final, ==, points[i]);
    }
  g_assert_cmpint (par_result_get_total (b, NULL)->final_total, ==,
                   par_result_get_total (a, NULL)->final_total);
  g_assert_cmpint (par_result_get_total (c, NULL)->final_total, ==,
                   par_result_get_total (a, NULL)->final_total);
  g_assert_cmpint (par_result_get_total (c, NULL)->index, ==, par_result_get_total (a, NULL)->index);
}

/* The same unit with 1.1.2 scored 0 instead of N/A: lower index. */
static void
test_totals_na_raises_index (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) with_na = entries_new ();
  g_autoptr(GPtrArray) with_zero = entries_new ();
  g_autoptr(ParResult) a = NULL;
  g_autoptr(ParResult) b = NULL;
  ParEntry *na;

  add_self (with_na, "1.1.1", 150);
  na = par_entry_new ("1.1.2");
  na->not_applicable = TRUE;
  g_ptr_array_add (with_na, na);
  add_self (with_zero, "1.1.1", 150);
  add_self (with_zero, "1.1.2", 0);

  a = par_score (fw, with_na);
  b = par_score (fw, with_zero);
  g_assert_cmpint (par_result_get_total (a, "1")->applicable_max, ==, 200);
  g_assert_cmpint (par_result_get_total (b, "1")->applicable_max, ==, 600);
  g_assert_cmpint (par_result_get_total (a, "1")->index, ==, 7500);
  g_assert_cmpint (par_result_get_total (b, "1")->index, ==, 2500);
  g_assert_cmpint (par_result_get_total (a, NULL)->applicable_max, ==, 600);
  g_assert_cmpint (par_result_get_total (b, NULL)->applicable_max, ==, 1000);
  /* Nothing else entered: 2 of 4 done in a, 2 of 4 in b too. */
  g_assert_cmpuint (par_result_get_total (a, "1")->done, ==, 2);
  g_assert_cmpuint (par_result_get_total (b, "2")->done, ==, 0);
}

static void
test_totals_appraised (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  ParEntry *e;
  const ParNodeTotal *t;

  e = self_entry ("1.1.1", 200);
  e->has_appraised = TRUE;
  e->appraised = 100;
  g_ptr_array_add (entries, e);
  add_self (entries, "1.1.2", 400);
  result = par_score (fw, entries);

  t = par_result_get_total (result, "1.1");
  g_assert_cmpint (t->self_total, ==, 600);
  g_assert_cmpint (t->final_total, ==, 500);
  g_assert_cmpint (t->self_index, ==, 10000);
  g_assert_cmpint (t->index, ==, 8333);
  g_assert_true (t->has_appraised);
  g_assert_true (par_result_get_total (result, NULL)->has_appraised);
  g_assert_false (par_result_get_total (result, "2")->has_appraised);
}

/* Nothing entered: zero points, and no index where nothing is applicable. */
static void
test_totals_empty (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(ParResult) result = par_score (fw, NULL);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) all_na = NULL;
  const ParNodeTotal *t = par_result_get_total (result, NULL);
  ParEntry *na;

  g_assert_cmpint (t->final_total, ==, 0);
  g_assert_cmpint (t->applicable_max, ==, 1000);
  g_assert_cmpint (t->index, ==, 0);
  g_assert_cmpuint (t->done, ==, 0);
  g_assert_cmpuint (t->leaves, ==, 5);
  g_assert_cmpint (par_result_get_leaf (result, "1.1.1")->state, ==, PAR_SCORE_NOT_STARTED);
  g_assert_cmpstr (par_result_get_band (result)->name, ==, "Yếu");

  /* The only leaf of criterion 1.1 that may be N/A is; the other one is not: 1.1 keeps 2. */
  na = par_entry_new ("1.1.2");
  na->not_applicable = TRUE;
  g_ptr_array_add (entries, na);
  all_na = par_score (fw, entries);
  g_assert_cmpint (par_result_get_total (all_na, "1.1.2")->applicable_max, ==, 0);
  g_assert_cmpint (par_result_get_total (all_na, "1.1.2")->index, ==, -1);
  g_assert_cmpint (par_result_get_total (all_na, "1.1")->applicable_max, ==, 200);
}

static void
assert_results_equal (ParFramework *fw,
                      ParResult    *a,
                      ParResult    *b)
{
  GPtrArray *leaves = par_framework_get_leaves (fw);
  const char *inner[] = { NULL, "1", "1.1", "2", "2.1" };

  for (guint i = 0; i < G_N_ELEMENTS (inner); i++)
    par_test_assert_totals_equal (par_result_get_total (a, inner[i]), par_result_get_total (b, inner[i]));
  for (guint i = 0; i < leaves->len; i++)
    {
      const char *code = ((const ParNode *) g_ptr_array_index (leaves, i))->code;
      const ParLeafScore *la = par_result_get_leaf (a, code);
      const ParLeafScore *lb = par_result_get_leaf (b, code);

      par_test_assert_totals_equal (par_result_get_total (a, code), par_result_get_total (b, code));
      g_assert_cmpint (la->state, ==, lb->state);
      g_assert_cmpint (la->has_self, ==, lb->has_self);
      g_assert_cmpint (la->self, ==, lb->self);
      g_assert_cmpint (la->has_final, ==, lb->has_final);
      g_assert_cmpint (la->final, ==, lb->final);
      g_assert_cmpint (la->applicable_max, ==, lb->applicable_max);
      g_assert_cmpstr (la->explanation, ==, lb->explanation);
    }
  g_assert_cmpint (par_result_get_deductions (a), ==, par_result_get_deductions (b));
  g_assert_cmpint (par_result_get_bonuses (a), ==, par_result_get_bonuses (b));
}

/* A result's block is not zeroed as a whole (issue 11): scored in the memory a full year's
 * result has just freed, an empty year and a full one are exactly what they are scored
 * fresh — no total or score carried over. */
static void
test_totals_fresh_in_reused_memory (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) empty_fresh = par_score (fw, NULL);
  g_autoptr(ParResult) full_fresh = NULL;
  ParEntry *appraised;

  add_self (entries, "1.1.1", 150);
  add_self (entries, "1.1.2", 300);
  add_self (entries, "2.1.1", 200);
  add_self (entries, "2.1.2", 100);
  add_self (entries, "2.2", 100);
  g_ptr_array_add (entries, entry_new ("T1", "times", "3", NULL));
  add_self (entries, "C1", 25);
  appraised = g_ptr_array_index (entries, 0);
  appraised->has_appraised = TRUE;
  appraised->appraised = 100;
  full_fresh = par_score (fw, entries);
  g_assert_cmpint (par_result_get_total (full_fresh, NULL)->final_total, >, 0);

  for (int i = 0; i < 20; i++)
    {
      ParResult *full = par_score (fw, entries);
      ParResult *empty;

      assert_results_equal (fw, full, full_fresh);
      par_result_unref (full);
      empty = par_score (fw, NULL);
      assert_results_equal (fw, empty, empty_fresh);
      par_result_unref (empty);
    }
}

/* Deductions larger than the points: a negative index, in the lowest band (not in none). */
static void
test_totals_negative (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;

  add_self (entries, "1.1.1", 0);
  g_ptr_array_add (entries, entry_new ("T1", "times", "3", NULL));
  result = par_score (fw, entries);
  t = par_result_get_total (result, NULL);
  g_assert_cmpint (par_result_get_deductions (result), ==, 150);
  g_assert_cmpint (t->final_total, ==, -150);
  g_assert_cmpint (t->index, ==, -1500);
  g_assert_nonnull (par_result_get_band (result));
  g_assert_cmpstr (par_result_get_band (result)->name, ==, "Yếu");
}

/* A set where every leaf is not applicable has no index and no band. */
static void
test_totals_nothing_applicable (void)
{
  g_autoptr(ParFramework) fw = leaf_set ("2", "allowed", "", "<rule type=\"manual\"/>");
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  ParEntry *na = par_entry_new ("1.1.1");

  na->not_applicable = TRUE;
  g_ptr_array_add (entries, na);
  result = par_score (fw, entries);
  g_assert_cmpint (par_result_get_total (result, NULL)->applicable_max, ==, 0);
  g_assert_cmpint (par_result_get_total (result, NULL)->index, ==, -1);
  g_assert_null (par_result_get_band (result));
}

static void
test_result_ref (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  ParResult *result = par_score (fw, NULL);
  ParResult *again = par_result_ref (result);

  g_assert_true (again == result);
  par_result_unref (again);
  g_assert_nonnull (par_result_get_total (result, NULL));
  par_result_unref (result);
}

/* --- bands ----------------------------------------------------------------------------------- */

static ParFramework *
band_set (const char *bands)
{
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"t\" max=\"10\">\n"
    "<title>Bộ thử</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
    "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
    "<bands>%s</bands>\n"
    "<field code=\"1\" max=\"10\"><title>L</title>\n"
    "<criterion code=\"1.1\" max=\"10\"><title>T</title><rule type=\"manual\" step=\"0.01\"/></criterion>\n"
    "</field></criteria-set>\n", bands);
  return load (xml);
}

static const char *
band_of (ParFramework *fw,
         ParPoints     points)
{
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParBand *band;

  add_self (entries, "1.1", points);
  result = par_score (fw, entries);
  band = par_result_get_band (result);
  return band != NULL ? band->name : NULL;
}

static void
test_bands (void)
{
  g_autoptr(ParFramework) from = band_set ("<band name=\"A\" from=\"90\"/><band name=\"B\" from=\"80\"/>"
                                           "<band name=\"C\" from=\"70\"/>");
  g_autoptr(ParFramework) above = band_set ("<band name=\"A\" above=\"90\"/><band name=\"B\" from=\"80\"/>"
                                            "<band name=\"C\" from=\"0\"/>");

  /* Exactly 90.00 %: from=90 takes it, above=90 leaves it to the next band. */
  g_assert_cmpstr (band_of (from, 900), ==, "A");
  g_assert_cmpstr (band_of (above, 900), ==, "B");
  g_assert_cmpstr (band_of (from, 899), ==, "B");
  g_assert_cmpstr (band_of (above, 901), ==, "A");
  g_assert_cmpstr (band_of (from, 1000), ==, "A");
  g_assert_cmpstr (band_of (from, 800), ==, "B");
  g_assert_cmpstr (band_of (from, 700), ==, "C");
  /* Below the last band: none. */
  g_assert_null (band_of (from, 699));
  g_assert_cmpstr (band_of (above, 0), ==, "C");
}

/* --- Bình Thuận 2018: ranked by index, not points --------------------------------------------- */

static const char binh_thuan_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"bt\" max=\"100\">\n"
  "<title>Bộ thử Bình Thuận</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
  "<years from=\"2018\" to=\"2018\"/><level>department</level>\n"
  "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Khá\" from=\"65\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
  "<field code=\"1\" max=\"95\"><title>L1</title>\n"
  "<criterion code=\"1.1\" max=\"95\"><title>T</title><rule type=\"manual\" step=\"0.01\"/></criterion>\n"
  "</field>\n"
  "<field code=\"2\" max=\"5\"><title>TTHC</title>\n"
  "<criterion code=\"2.1\" max=\"3.6\" not-applicable=\"allowed\"><title>T</title><rule type=\"manual\" step=\"0.01\"/></criterion>\n"
  "<criterion code=\"2.2\" max=\"1.4\" not-applicable=\"allowed\"><title>T</title><rule type=\"manual\" step=\"0.01\"/></criterion>\n"
  "</field></criteria-set>\n";

static void
add_na (GPtrArray  *entries,
        const char *code)
{
  ParEntry *e = par_entry_new (code);

  e->not_applicable = TRUE;
  g_ptr_array_add (entries, e);
}

static void
test_binh_thuan (void)
{
  g_autoptr(ParFramework) fw = load (binh_thuan_xml);
  g_autoptr(GPtrArray) office = entries_new ();   /* Văn phòng UBND: no procedures */
  g_autoptr(GPtrArray) home = entries_new ();     /* Sở Nội vụ */
  g_autoptr(ParResult) a = NULL;
  g_autoptr(ParResult) b = NULL;
  const ParNodeTotal *ta, *tb;
  g_autofree char *pa = NULL;
  g_autofree char *pb = NULL;

  add_self (office, "1.1", 9376);
  add_na (office, "2.1");
  add_na (office, "2.2");
  add_self (home, "1.1", 9035);
  add_self (home, "2.1", 360);
  add_na (home, "2.2");

  a = par_score (fw, office);
  b = par_score (fw, home);
  ta = par_result_get_total (a, NULL);
  tb = par_result_get_total (b, NULL);

  g_assert_cmpint (ta->final_total, ==, 9376);
  g_assert_cmpint (ta->applicable_max, ==, 9500);
  g_assert_cmpint (ta->index, ==, 9869);
  g_assert_cmpint (tb->final_total, ==, 9395);
  g_assert_cmpint (tb->applicable_max, ==, 9860);
  g_assert_cmpint (tb->index, ==, 9528);
  pa = par_format_percent_sep (ta->index, 2, '.', PAR_FORMAT_PLAIN);
  pb = par_format_percent_sep (tb->index, 2, ',', PAR_FORMAT_PLAIN);
  g_assert_cmpstr (pa, ==, "98.69");
  g_assert_cmpstr (pb, ==, "95,28");

  /* Fewer points, higher rank. */
  g_assert_cmpint (ta->final_total, <, tb->final_total);
  g_assert_cmpint (ta->index, >, tb->index);
  g_assert_cmpstr (par_result_get_band (a)->name, ==, "Tốt");
  g_assert_cmpstr (par_result_get_band (b)->name, ==, "Tốt");
}

/* --- survey items pending -------------------------------------------------------------------- */

static const char survey_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"s\" max=\"10\">\n"
  "<title>Bộ thử</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
  "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
  "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
  "<field code=\"1\" max=\"10\"><title>L</title>\n"
  " <criterion code=\"1.1\" max=\"6\"><title>T</title>\n"
  "  <sub code=\"1.1.1\" max=\"4\"><title>A</title><rule type=\"manual\"/></sub>\n"
  "  <sub code=\"1.1.2\" max=\"2\"><title>S</title><rule type=\"survey\"/></sub>\n"
  " </criterion>\n"
  " <criterion code=\"1.2\" max=\"4\" aggregate=\"capped\"><title>T</title>\n"
  "  <sub code=\"1.2.1\" max=\"4\"><title>B</title><rule type=\"manual\"/></sub>\n"
  "  <sub code=\"1.2.2\" max=\"4\"><title>S2</title><rule type=\"survey\"/></sub>\n"
  " </criterion>\n"
  "</field></criteria-set>\n";

static void
test_survey_pending (void)
{
  g_autoptr(ParFramework) fw = load (survey_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) before = NULL;
  g_autoptr(ParResult) after = NULL;
  ParEntry *e;
  const ParNodeTotal *t;

  add_self (entries, "1.1.1", 300);
  before = par_score (fw, entries);
  /* Until the survey is in, 1.1 is measured on its self-assessable 4 points. */
  t = par_result_get_total (before, "1.1");
  g_assert_cmpint (t->applicable_max, ==, 600);
  g_assert_cmpint (t->pending_max, ==, 200);
  g_assert_cmpint (t->final_total, ==, 300);
  g_assert_cmpint (t->index, ==, 7500);
  /* The survey item is not the office's to do: 1 of 1 done, 1 survey item beside. */
  g_assert_cmpuint (t->done, ==, 1);
  g_assert_cmpuint (t->leaves, ==, 1);
  g_assert_cmpuint (t->survey_leaves, ==, 1);

  e = par_entry_new ("1.1.2");
  e->has_survey = TRUE;
  e->survey = 150;
  g_ptr_array_add (entries, e);
  after = par_score (fw, entries);
  t = par_result_get_total (after, "1.1");
  g_assert_cmpint (t->pending_max, ==, 0);
  g_assert_cmpint (t->final_total, ==, 450);
  g_assert_cmpint (t->self_total, ==, 450);
  g_assert_cmpint (t->index, ==, 7500);
}

/* A capped criterion whose survey half is pending: measured on what it can still score. */
static void
test_survey_pending_capped (void)
{
  g_autoptr(ParFramework) fw = load (survey_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;

  add_self (entries, "1.2.1", 400);
  result = par_score (fw, entries);
  t = par_result_get_total (result, "1.2");
  g_assert_cmpint (t->applicable_max, ==, 400);
  g_assert_cmpint (t->final_total, ==, 400);
  g_assert_cmpint (t->pending_max, ==, 0);
  /* Full marks on the only part that can be scored yet: 100 %, never more. */
  g_assert_cmpint (t->index, ==, 10000);
}

/* Capped at 10 over 6 self-assessed + 6 by survey: until the survey, measured on 6. */
static void
test_survey_pending_capped_partial (void)
{
  g_autoptr(ParFramework) fw = load (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"s\" max=\"10\">\n"
    "<title>Bộ thử</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
    "<years from=\"2023\" to=\"2023\"/><level>department</level>\n"
    "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
    "<field code=\"1\" max=\"10\" aggregate=\"capped\"><title>L</title>\n"
    " <criterion code=\"1.1\" max=\"6\"><title>A</title><rule type=\"manual\"/></criterion>\n"
    " <criterion code=\"1.2\" max=\"6\"><title>S</title><rule type=\"survey\"/></criterion>\n"
    "</field></criteria-set>\n");
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) before = NULL;
  g_autoptr(ParResult) after = NULL;
  const ParNodeTotal *t;
  ParEntry *e;

  add_self (entries, "1.1", 600);
  before = par_score (fw, entries);
  t = par_result_get_total (before, NULL);
  g_assert_cmpint (t->applicable_max, ==, 1000);
  g_assert_cmpint (t->pending_max, ==, 400);
  g_assert_cmpint (t->final_total, ==, 600);
  g_assert_cmpint (t->index, ==, 10000);

  e = par_entry_new ("1.2");
  e->has_survey = TRUE;
  e->survey = 300;
  g_ptr_array_add (entries, e);
  after = par_score (fw, entries);
  t = par_result_get_total (after, NULL);
  g_assert_cmpint (t->pending_max, ==, 0);
  g_assert_cmpint (t->final_total, ==, 900);
  g_assert_cmpint (t->index, ==, 9000);
}

/* --- score columns and "done" (issue 10) ------------------------------------------------------ */

static ParEntry *
appraised_entry (const char *code,
                 gboolean    has_self,
                 ParPoints   self,
                 ParPoints   appraised)
{
  ParEntry *entry = par_entry_new (code);

  entry->has_self = has_self;
  entry->self = self;
  entry->has_appraised = TRUE;
  entry->appraised = appraised;
  return entry;
}

static void
assert_column (const ParNodeTotal *t,
               ParScoreColumn      column,
               ParPoints           points,
               ParPoints           measured_max,
               gint64              index)
{
  g_assert_cmpint (par_node_total_points (t, column), ==, points);
  g_assert_cmpint (par_node_total_measured_max (t, column), ==, measured_max);
  g_assert_cmpint (par_node_total_index (t, column), ==, index);
}

static void
test_column_labels (void)
{
  g_assert_cmpstr (par_score_column_label (PAR_COLUMN_SELF), ==, "Self-assessed");
  g_assert_cmpstr (par_score_column_label (PAR_COLUMN_APPRAISED), ==, "Appraised");
  g_assert_cmpstr (par_score_column_label (PAR_COLUMN_FINAL), ==, "Final");
}

/* A partly appraised year: each column says what it holds; the appraised one is never filled in
 * with self scores, and says how complete it is. */
static void
test_columns_partial (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;
  ParEntry *t1;
  ParPoints p = -1;

  g_ptr_array_add (entries, appraised_entry ("1.1.1", TRUE, 150, 100));
  add_self (entries, "1.1.2", 400);                                    /* not appraised */
  g_ptr_array_add (entries, appraised_entry ("2.1.1", TRUE, 200, 200));
  g_ptr_array_add (entries, appraised_entry ("2.1.2", TRUE, 200, 150));
  /* 2.2 not entered at all. T1: 1 time (0.50) by the unit, 1.00 by the council. */
  t1 = entry_new ("T1", "times", "1", NULL);
  t1->has_appraised = TRUE;
  t1->appraised = 100;
  g_ptr_array_add (entries, t1);
  result = par_score (fw, entries);

  /* Leaves: each column of each leaf. */
  g_assert_true (par_leaf_score_get (par_result_get_leaf (result, "1.1.1"), PAR_COLUMN_SELF, &p));
  g_assert_cmpint (p, ==, 150);
  g_assert_true (par_leaf_score_get (par_result_get_leaf (result, "1.1.1"), PAR_COLUMN_APPRAISED, &p));
  g_assert_cmpint (p, ==, 100);
  g_assert_true (par_leaf_score_get (par_result_get_leaf (result, "1.1.1"), PAR_COLUMN_FINAL, &p));
  g_assert_cmpint (p, ==, 100);
  p = -1;
  g_assert_false (par_leaf_score_get (par_result_get_leaf (result, "1.1.2"), PAR_COLUMN_APPRAISED, &p));
  g_assert_cmpint (p, ==, -1);
  g_assert_false (par_leaf_score_get (par_result_get_leaf (result, "2.2"), PAR_COLUMN_SELF, NULL));
  g_assert_false (par_leaf_score_get (par_result_get_leaf (result, "2.2"), PAR_COLUMN_FINAL, NULL));

  t = par_result_get_total (result, "1.1.2");
  assert_column (t, PAR_COLUMN_APPRAISED, 0, 0, -1);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_NONE);
  assert_column (t, PAR_COLUMN_SELF, 400, 400, 10000);
  assert_column (t, PAR_COLUMN_FINAL, 400, 400, 10000);

  /* 1.1: the appraised column holds 1.1.1 only, measured on its 2 points. */
  t = par_result_get_total (result, "1.1");
  assert_column (t, PAR_COLUMN_SELF, 550, 600, 9167);
  assert_column (t, PAR_COLUMN_APPRAISED, 100, 200, 5000);
  assert_column (t, PAR_COLUMN_FINAL, 500, 600, 8333);
  g_assert_cmpuint (t->appraised_leaves, ==, 1);
  g_assert_cmpuint (t->unappraised_leaves, ==, 1);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_PARTIAL);

  /* 2.1, capped at 3: 2.00 + 1.50 counts as 3.00 of 3.00; fully appraised. */
  t = par_result_get_total (result, "2.1");
  assert_column (t, PAR_COLUMN_APPRAISED, 300, 300, 10000);
  assert_column (t, PAR_COLUMN_SELF, 300, 300, 10000);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_COMPLETE);
  /* Field 2: 2.2 is still to appraise. */
  t = par_result_get_total (result, "2");
  assert_column (t, PAR_COLUMN_APPRAISED, 300, 300, 10000);
  g_assert_cmpuint (t->unappraised_leaves, ==, 1);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_PARTIAL);

  /* Root, with T1: self 1.50 + 4.00 + 3.00 − 0.50 = 8.00 of 10 (80 %);
   * appraised 1.00 + 3.00 − 1.00 = 3.00 of the 5.00 appraised (60 %);
   * final 1.00 + 4.00 + 3.00 − 1.00 = 7.00 of 10 (70 %). */
  t = par_result_get_total (result, NULL);
  assert_column (t, PAR_COLUMN_SELF, 800, 1000, 8000);
  assert_column (t, PAR_COLUMN_APPRAISED, 300, 500, 6000);
  assert_column (t, PAR_COLUMN_FINAL, 700, 1000, 7000);
  g_assert_cmpuint (t->appraised_leaves, ==, 3);
  g_assert_cmpuint (t->unappraised_leaves, ==, 2);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_PARTIAL);
  g_assert_cmpstr (par_result_get_column_band (result, PAR_COLUMN_SELF)->name, ==, "Tốt");
  g_assert_cmpstr (par_result_get_column_band (result, PAR_COLUMN_APPRAISED)->name, ==, "Yếu");
  g_assert_cmpstr (par_result_get_column_band (result, PAR_COLUMN_FINAL)->name, ==, "Khá");
  g_assert_true (par_result_get_band (result) == par_result_get_column_band (result, PAR_COLUMN_FINAL));
}

/* A year nobody appraised: the appraised column is empty and says so, whatever the self scores. */
static void
test_columns_not_appraised (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;

  add_self (entries, "1.1.1", 200);
  add_self (entries, "1.1.2", 400);
  add_self (entries, "2.1.1", 200);
  add_self (entries, "2.1.2", 100);
  add_self (entries, "2.2", 100);
  result = par_score (fw, entries);
  t = par_result_get_total (result, NULL);
  assert_column (t, PAR_COLUMN_SELF, 1000, 1000, 10000);
  assert_column (t, PAR_COLUMN_FINAL, 1000, 1000, 10000);
  assert_column (t, PAR_COLUMN_APPRAISED, 0, 0, -1);
  g_assert_false (t->has_appraised);
  g_assert_cmpuint (t->appraised_leaves, ==, 0);
  g_assert_cmpuint (t->unappraised_leaves, ==, 5);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_NONE);
  g_assert_null (par_result_get_column_band (result, PAR_COLUMN_APPRAISED));
  g_assert_cmpstr (par_result_get_column_band (result, PAR_COLUMN_SELF)->name, ==, "Xuất sắc");
}

/* Not applicable items are not waiting for the council; an appraised score on one counts. */
static void
test_columns_complete_with_na (void)
{
  g_autoptr(ParFramework) fw = load (totals_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(GPtrArray) overruled = entries_new ();
  g_autoptr(ParResult) result = NULL;
  g_autoptr(ParResult) result2 = NULL;
  ParEntry *na;
  const ParNodeTotal *t;

  g_ptr_array_add (entries, appraised_entry ("1.1.1", TRUE, 200, 150));
  na = par_entry_new ("1.1.2");
  na->not_applicable = TRUE;
  g_ptr_array_add (entries, na);
  g_ptr_array_add (entries, appraised_entry ("2.1.1", FALSE, 0, 100));   /* no self score */
  g_ptr_array_add (entries, appraised_entry ("2.1.2", TRUE, 200, 200));
  g_ptr_array_add (entries, appraised_entry ("2.2", TRUE, 100, 50));
  result = par_score (fw, entries);
  t = par_result_get_total (result, NULL);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_COMPLETE);
  g_assert_cmpuint (t->appraised_leaves, ==, 4);
  g_assert_cmpuint (t->unappraised_leaves, ==, 0);
  /* 1.50 + 3.00 + 0.50 of 2 + 3 + 1: the same as final when every item is appraised. */
  assert_column (t, PAR_COLUMN_APPRAISED, 500, 600, 8333);
  assert_column (t, PAR_COLUMN_FINAL, 500, 600, 8333);
  /* 2.1.1 has no self score: the self column does not count it. */
  assert_column (par_result_get_total (result, "2.1.1"), PAR_COLUMN_SELF, 0, 200, 0);
  g_assert_cmpuint (par_result_get_total (result, NULL)->done, ==, 4);

  /* The council scores the item the unit called not applicable: it counts, on its maximum. */
  g_ptr_array_add (overruled, appraised_entry ("1.1.1", TRUE, 200, 150));
  na = appraised_entry ("1.1.2", FALSE, 0, 100);
  na->not_applicable = TRUE;
  g_ptr_array_add (overruled, na);
  result2 = par_score (fw, overruled);
  t = par_result_get_total (result2, "1.1");
  assert_column (t, PAR_COLUMN_APPRAISED, 250, 600, 4167);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_COMPLETE);
}

/* Survey scores belong to every column; a survey item is never waiting for the council. */
static void
test_columns_survey (void)
{
  g_autoptr(ParFramework) fw = load (survey_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;
  ParEntry *e;

  g_ptr_array_add (entries, appraised_entry ("1.1.1", TRUE, 300, 200));
  e = par_entry_new ("1.1.2");
  e->has_survey = TRUE;
  e->survey = 150;
  g_ptr_array_add (entries, e);
  result = par_score (fw, entries);
  t = par_result_get_total (result, "1.1");
  assert_column (t, PAR_COLUMN_SELF, 450, 600, 7500);
  assert_column (t, PAR_COLUMN_APPRAISED, 350, 600, 5833);
  assert_column (t, PAR_COLUMN_FINAL, 350, 600, 5833);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_COMPLETE);
  g_assert_cmpuint (t->survey_leaves, ==, 1);
}

/* "Done" is the office's part (issue 10: a brand-new year showed "21 of 91 done", survey items
 * ticked at 0.00 before anything was entered). */
static void
test_done (void)
{
  g_autoptr(ParFramework) fw = load (survey_xml);
  g_autoptr(GPtrArray) entries = entries_new ();
  g_autoptr(ParResult) empty = par_score (fw, NULL);
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;
  ParEntry *e;

  t = par_result_get_total (empty, NULL);
  g_assert_cmpuint (t->done, ==, 0);
  g_assert_cmpuint (t->leaves, ==, 2);
  g_assert_cmpuint (t->survey_leaves, ==, 2);
  g_assert_cmpuint (t->surveyed_leaves, ==, 0);
  for (ParScoreColumn c = PAR_COLUMN_SELF; c <= PAR_COLUMN_FINAL; c++)
    g_assert_false (par_node_total_has_scores (t, c));
  g_assert_false (par_leaf_score_is_done (par_result_get_leaf (empty, "1.1.2")));
  g_assert_false (par_result_get_leaf (empty, "1.1.2")->has_final);

  /* A survey score and a council score are not the office's doing. */
  e = par_entry_new ("1.1.2");
  e->has_survey = TRUE;
  e->survey = 100;
  g_ptr_array_add (entries, e);
  g_ptr_array_add (entries, appraised_entry ("1.2.1", FALSE, 0, 300));
  result = par_score (fw, entries);
  t = par_result_get_total (result, NULL);
  g_assert_cmpuint (t->done, ==, 0);
  g_assert_false (par_leaf_score_is_done (par_result_get_leaf (result, "1.1.2")));
  g_assert_cmpuint (t->surveyed_leaves, ==, 1);
  /* Criterion 1.2 has only the council's score: data in the appraised and final columns only. */
  t = par_result_get_total (result, "1.2");
  g_assert_false (par_node_total_has_scores (t, PAR_COLUMN_SELF));
  g_assert_true (par_node_total_has_scores (t, PAR_COLUMN_APPRAISED));
  g_assert_true (par_node_total_has_scores (t, PAR_COLUMN_FINAL));
  /* Criterion 1.1 has the survey score: data in every column. */
  t = par_result_get_total (result, "1.1");
  for (ParScoreColumn c = PAR_COLUMN_SELF; c <= PAR_COLUMN_FINAL; c++)
    g_assert_true (par_node_total_has_scores (t, c));
  g_assert_false (par_leaf_score_is_done (par_result_get_leaf (result, "1.2.1")));
  g_clear_pointer (&result, par_result_unref);

  /* A manual score is done. */
  add_self (entries, "1.1.1", 0);
  result = par_score (fw, entries);
  g_assert_cmpuint (par_result_get_total (result, NULL)->done, ==, 1);
  g_assert_true (par_leaf_score_is_done (par_result_get_leaf (result, "1.1.1")));
}

/* Incomplete, invalid and not-allowed N/A are not done; N/A where allowed is. */
static void
test_done_states (void)
{
  g_autoptr(ParFramework) ratio = leaf_set ("2", "allowed",
    "<input id=\"a\" type=\"integer\" label=\"Đúng hạn\"/>"
    "<input id=\"b\" type=\"integer\" label=\"Tổng số\"/>",
    "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\"><tier from=\"90\" points=\"2\"/></rule>");
  g_autoptr(ParFramework) forbidden = leaf_set ("2", "forbidden", "", "<rule type=\"manual\"/>");
  const ParNode *leaf = par_framework_lookup (ratio, "1.1.1");
  g_autoptr(ParEntry) incomplete = entry_new ("1.1.1", "a", "5", NULL);
  g_autoptr(ParEntry) invalid = entry_new ("1.1.1", "a", "6", "b", "5", NULL);
  g_autoptr(ParEntry) scored = entry_new ("1.1.1", "a", "5", "b", "5", NULL);
  g_autoptr(ParEntry) na = par_entry_new ("1.1.1");
  ParLeafScore s;

  na->not_applicable = TRUE;
  par_rule_evaluate (leaf, NULL, &s);
  g_assert_false (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
  par_rule_evaluate (leaf, incomplete, &s);
  g_assert_cmpint (s.state, ==, PAR_SCORE_INCOMPLETE);
  g_assert_false (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
  par_rule_evaluate (leaf, invalid, &s);
  g_assert_cmpint (s.state, ==, PAR_SCORE_INVALID);
  g_assert_false (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
  par_rule_evaluate (leaf, scored, &s);
  g_assert_true (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
  par_rule_evaluate (leaf, na, &s);
  g_assert_true (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
  par_rule_evaluate (par_framework_lookup (forbidden, "1.1.1"), na, &s);
  g_assert_cmpint (s.state, ==, PAR_SCORE_INVALID);
  g_assert_false (par_leaf_score_is_done (&s));
  par_leaf_score_clear (&s);
}

/* The shipped sample set, a brand-new year: nothing is done, and the survey items are counted
 * apart (it said "21 of 91 done"). */
static void
test_done_new_year_sample (void)
{
  g_autofree char *path = par_data_find ("frameworks/sample-department.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *t;
  guint survey = 0, leaves = 0;

  g_assert_nonnull (path);
  fw = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  result = par_score (fw, NULL);
  t = par_result_get_total (result, NULL);
  for (guint i = 0; i < par_framework_get_leaves (fw)->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (par_framework_get_leaves (fw), i);
      if (leaf->kind == PAR_NODE_DEDUCTION || leaf->kind == PAR_NODE_BONUS)
        continue;
      if (leaf->rule->type == PAR_RULE_SURVEY)
        survey++;
      else
        leaves++;
    }
  g_assert_cmpuint (survey, >, 0);
  g_assert_cmpuint (t->done, ==, 0);
  g_assert_cmpuint (t->leaves, ==, leaves);
  g_assert_cmpuint (t->survey_leaves, ==, survey);
  g_assert_cmpint (par_node_total_appraisal (t), ==, PAR_APPRAISAL_NONE);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rules/manual", test_manual);
  g_test_add_func ("/rules/yes-no", test_yes_no);
  g_test_add_func ("/rules/timeliness/status", test_timeliness_status);
  g_test_add_func ("/rules/timeliness/dates", test_timeliness_dates);
  g_test_add_func ("/rules/ratio-tiers/counts", test_ratio_tiers);
  g_test_add_func ("/rules/ratio-tiers/decimal-inputs", test_ratio_decimal_inputs);
  g_test_add_func ("/rules/ratio-tiers/explanation-at-bound", test_ratio_explanation_at_bound);
  g_test_add_func ("/rules/ratio-tiers/percent", test_ratio_percent);
  g_test_add_func ("/rules/zero-denominator", test_zero_denominator);
  g_test_add_func ("/rules/proportional", test_proportional);
  g_test_add_func ("/rules/proportional/floor", test_proportional_floor);
  g_test_add_func ("/rules/count-tiers", test_count_tiers);
  g_test_add_func ("/rules/choice", test_choice);
  g_test_add_func ("/rules/per-count", test_per_count);
  g_test_add_func ("/rules/survey", test_survey);
  g_test_add_func ("/rules/not-applicable", test_not_applicable);
  g_test_add_func ("/rules/appraised", test_appraised);
  g_test_add_func ("/rules/self-ignored-for-computed", test_self_ignored_for_computed);
  g_test_add_func ("/entry", test_entry);
  g_test_add_func ("/normalize/integer", test_normalize_integer);
  g_test_add_func ("/normalize/decimal", test_normalize_decimal);
  g_test_add_func ("/normalize/date", test_normalize_date);
  g_test_add_func ("/normalize/boolean", test_normalize_boolean);
  g_test_add_func ("/normalize/choice", test_normalize_choice);
  g_test_add_func ("/totals/any-order", test_totals_any_order);
  g_test_add_func ("/totals/tree", test_totals);
  g_test_add_func ("/totals/na-raises-index", test_totals_na_raises_index);
  g_test_add_func ("/totals/appraised", test_totals_appraised);
  g_test_add_func ("/totals/empty", test_totals_empty);
  g_test_add_func ("/totals/fresh-in-reused-memory", test_totals_fresh_in_reused_memory);
  g_test_add_func ("/totals/negative", test_totals_negative);
  g_test_add_func ("/totals/nothing-applicable", test_totals_nothing_applicable);
  g_test_add_func ("/totals/result-ref", test_result_ref);
  g_test_add_func ("/totals/bands", test_bands);
  g_test_add_func ("/totals/binh-thuan", test_binh_thuan);
  g_test_add_func ("/totals/survey-pending", test_survey_pending);
  g_test_add_func ("/totals/survey-pending-capped", test_survey_pending_capped);
  g_test_add_func ("/totals/survey-pending-capped-partial", test_survey_pending_capped_partial);
  g_test_add_func ("/columns/labels", test_column_labels);
  g_test_add_func ("/columns/partial", test_columns_partial);
  g_test_add_func ("/columns/not-appraised", test_columns_not_appraised);
  g_test_add_func ("/columns/complete-with-na", test_columns_complete_with_na);
  g_test_add_func ("/columns/survey", test_columns_survey);
  g_test_add_func ("/done/office-part", test_done);
  g_test_add_func ("/done/states", test_done_states);
  g_test_add_func ("/done/new-year-sample", test_done_new_year_sample);

  return g_test_run ();
}
