/* test-entry-check.c — the one check of what may be stored: every case at its boundaries.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <sqlite3.h>

#include "par-entry-check.h"
#include "par-error.h"
#include "par-framework.h"
#include "par-scorer.h"
#include "par-store.h"
#include "par-test-util.h"

/* Field 1 (14): manual items, computed items with each input type.
 * Adjustments: deduction T1 (0.50 per time, cap 2), bonus C1 (manual, cap 1). */
static const char set_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"check\" max=\"14\">\n"
  "<title>Bộ thử kiểm tra</title><decision number=\"1/QĐ\" issuer=\"UBND\">Thử</decision>\n"
  "<years from=\"2023\" to=\"2024\"/><level>department</level>\n"
  "<bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
  "<field code=\"1\" max=\"14\"><title>Lĩnh vực</title>\n"
  " <criterion code=\"1.1\" max=\"7\"><title>Tiêu chí</title>\n"
  "  <sub code=\"1.1.1\" max=\"1\"><title>Thủ công</title><rule type=\"manual\"/></sub>\n"
  "  <sub code=\"1.1.2\" max=\"2\" not-applicable=\"allowed\"><title>Thủ công 0,5</title>"
  "<rule type=\"manual\" step=\"0.5\"/></sub>\n"
  "  <sub code=\"1.1.3\" max=\"2\"><title>Tỷ lệ</title><inputs>"
  "<input id=\"done\" type=\"integer\" label=\"Số nhiệm vụ hoàn thành\"/>"
  "<input id=\"planned\" type=\"integer\" label=\"Số nhiệm vụ kế hoạch\"/></inputs>"
  "<rule type=\"ratio-tiers\" numerator=\"done\" denominator=\"planned\">"
  "<tier above=\"90\" points=\"2\"/><tier from=\"70\" points=\"1\"/></rule></sub>\n"
  "  <sub code=\"1.1.4\" max=\"2\"><title>Phần trăm</title><inputs>"
  "<input id=\"rate\" type=\"percent\" label=\"Tỷ lệ trực tuyến\"/></inputs>"
  "<rule type=\"proportional\" percent=\"rate\"/></sub>\n"
  " </criterion>\n"
  " <criterion code=\"1.2\" max=\"7\"><title>Tiêu chí 2</title>\n"
  "  <sub code=\"1.2.1\" max=\"1\"><title>Đúng hạn</title><inputs>"
  "<input id=\"issued\" type=\"date\" label=\"Ngày ban hành\"/>"
  "<input id=\"deadline\" type=\"date\" label=\"Hạn ban hành\"/></inputs>"
  "<rule type=\"timeliness\" date=\"issued\" deadline=\"deadline\" late=\"0.5\"/></sub>\n"
  "  <sub code=\"1.2.2\" max=\"1\"><title>Có/không</title><inputs>"
  "<input id=\"met\" type=\"boolean\" label=\"Đã ban hành\"/></inputs>"
  "<rule type=\"yes-no\" input=\"met\"/></sub>\n"
  "  <sub code=\"1.2.3\" max=\"1\"><title>Chất lượng</title><inputs>"
  "<input id=\"q\" type=\"choice\" label=\"Chất lượng\">"
  "<option value=\"good\" label=\"Tốt\"/><option value=\"done\" label=\"Hoàn thành\"/></input></inputs>"
  "<rule type=\"choice\" input=\"q\"><grade value=\"good\" points=\"1\"/>"
  "<grade value=\"done\" points=\"0.5\"/></rule></sub>\n"
  "  <sub code=\"1.2.4\" max=\"1\"><title>Số cuộc họp</title><inputs>"
  "<input id=\"n\" type=\"integer\" label=\"Số cuộc họp\"/></inputs>"
  "<rule type=\"count-tiers\" input=\"n\"><tier from=\"4\" points=\"1\"/></rule></sub>\n"
  "  <sub code=\"1.2.5\" max=\"2\"><title>Kinh phí</title><inputs>"
  "<input id=\"spent\" type=\"decimal\" label=\"Kinh phí đã chi\"/>"
  "<input id=\"budget\" type=\"decimal\" label=\"Kinh phí được giao\"/></inputs>"
  "<rule type=\"proportional\" numerator=\"spent\" denominator=\"budget\"/></sub>\n"
  "  <sub code=\"1.2.6\" max=\"1\"><title>Điều tra</title><rule type=\"survey\"/></sub>\n"
  " </criterion>\n"
  "</field>\n"
  "<adjustments>\n"
  " <deduction code=\"T1\" max=\"2\"><title>Bị phê bình</title>"
  "<inputs><input id=\"times\" type=\"integer\" label=\"Số lần\"/></inputs>"
  "<rule type=\"per-count\" input=\"times\" points=\"0.5\"/></deduction>\n"
  " <bonus code=\"C1\" max=\"1\"><title>Sáng kiến</title><rule type=\"manual\"/></bonus>\n"
  "</adjustments>\n"
  "</criteria-set>\n";

static ParFramework *
load_set (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (set_xml, strlen (set_xml));
  g_autoptr(GError) error = NULL;
  ParFramework *fw = par_framework_load_bytes (bytes, "check.xml", &error);

  g_assert_no_error (error);
  return fw;
}

static ParFramework *fw;

static const ParNode *
leaf (const char *code)
{
  const ParNode *node = par_framework_lookup (fw, code);

  g_assert_nonnull (node);
  return node;
}

typedef enum { SELF, APPRAISED, SURVEY } Column;

static ParEntry *
score_entry (const char *code,
             Column      column,
             ParPoints   value)
{
  ParEntry *entry = par_entry_new (code);

  switch (column)
    {
    case SELF:
      entry->has_self = TRUE, entry->self = value;
      break;
    case APPRAISED:
      entry->has_appraised = TRUE, entry->appraised = value;
      break;
    case SURVEY:
      entry->has_survey = TRUE, entry->survey = value;
      break;
    }
  return entry;
}

/* "id=value;id=value" */
static ParEntry *
inputs_entry (const char *code,
              const char *inputs)
{
  ParEntry *entry = par_entry_new (code);
  g_auto(GStrv) pairs = g_strsplit (inputs, ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      par_entry_set_input (entry, kv[0], kv[1]);
    }
  return entry;
}

static void
assert_valid (ParEntry *entry)
{
  g_autoptr(ParEntry) owned = entry;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  if (!par_entry_check (leaf (entry->code), entry, &error))
    g_error ("%s refused: %s", entry->code, error->message);
  g_assert_no_error (error);
  problems = par_entry_check_all (leaf (entry->code), entry);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Refused with exactly @message, which is the one problem par_entry_check_all() finds too. */
static void
assert_refused (ParEntry      *entry,
                ParEntryField  field,
                const char    *input,
                const char    *message)
{
  g_autoptr(ParEntry) owned = entry;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  const ParEntryProblem *problem;

  g_assert_false (par_entry_check (leaf (entry->code), entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
  problems = par_entry_check_all (leaf (entry->code), entry);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (problem->code, ==, entry->code);
  g_assert_cmpint (problem->field, ==, field);
  g_assert_cmpstr (problem->input, ==, input);
  g_assert_cmpstr (problem->message, ==, message);
}

static void
test_nothing (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_entry_check (leaf ("1.1.1"), NULL, &error));
  g_assert_no_error (error);
  assert_valid (par_entry_new ("1.1.1"));
  /* An entry in progress: one figure of two. */
  assert_valid (inputs_entry ("1.1.3", "done=5"));
  assert_valid (inputs_entry ("1.1.3", "planned=5"));
}

static void
test_score_ranges (void)
{
  const struct { Column column; ParEntryField field; const char *name; } columns[] = {
    { SELF, PAR_ENTRY_FIELD_SELF, "self-assessed score" },
    { APPRAISED, PAR_ENTRY_FIELD_APPRAISED, "appraised score" },
    { SURVEY, PAR_ENTRY_FIELD_SURVEY, "survey score" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *above = g_strdup_printf ("1.1.2, %s: 2.01 is more than the maximum; enter a score from 0.00 to 2.00",
                                                columns[i].name);
      g_autofree char *below = g_strdup_printf ("1.1.2, %s: -0.01 is below zero; enter a score from 0.00 to 2.00",
                                                columns[i].name);
      g_autofree char *far = g_strdup_printf ("1.1.2, %s: 99.00 is more than the maximum; enter a score from 0.00 to 2.00",
                                              columns[i].name);

      assert_valid (score_entry ("1.1.2", columns[i].column, 200));   /* exactly the maximum */
      assert_valid (score_entry ("1.1.2", columns[i].column, 0));
      assert_refused (score_entry ("1.1.2", columns[i].column, 201), columns[i].field, NULL, above);
      assert_refused (score_entry ("1.1.2", columns[i].column, -1), columns[i].field, NULL, below);
      assert_refused (score_entry ("1.1.2", columns[i].column, 9900), columns[i].field, NULL, far);
    }
  /* Issue 8: 99.00 appraised on a 1-point item, 12.50 on a 10-point survey item. */
  assert_refused (score_entry ("1.1.1", APPRAISED, 9900), PAR_ENTRY_FIELD_APPRAISED, NULL,
                  "1.1.1, appraised score: 99.00 is more than the maximum; enter a score from 0.00 to 1.00");
  assert_refused (score_entry ("1.2.6", SURVEY, 125), PAR_ENTRY_FIELD_SURVEY, NULL,
                  "1.2.6, survey score: 1.25 is more than the maximum; enter a score from 0.00 to 1.00");
  assert_valid (score_entry ("1.2.6", SURVEY, 100));
  /* The council's score on a computed item: any hundredth within the range. */
  assert_valid (score_entry ("1.1.3", APPRAISED, 173));
  /* The most negative value there is. */
  assert_refused (score_entry ("1.1.1", SELF, G_MININT64), PAR_ENTRY_FIELD_SELF, NULL,
                  "1.1.1, self-assessed score: -92233720368547758.08 is below zero; enter a score from 0.00 to 1.00");
}

static void
test_step (void)
{
  /* 0.25 (the default step) on 1.1.1, 0.5 on 1.1.2. */
  assert_valid (score_entry ("1.1.1", SELF, 25));
  assert_valid (score_entry ("1.1.1", SELF, 75));
  assert_valid (score_entry ("1.1.1", SELF, 100));
  assert_refused (score_entry ("1.1.1", SELF, 30), PAR_ENTRY_FIELD_SELF, NULL,
                  "1.1.1, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00");
  assert_refused (score_entry ("1.1.1", SELF, 1), PAR_ENTRY_FIELD_SELF, NULL,
                  "1.1.1, self-assessed score: 0.01 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00");
  assert_refused (score_entry ("1.1.2", SELF, 125), PAR_ENTRY_FIELD_SELF, NULL,
                  "1.1.2, self-assessed score: 1.25 is not in steps of 0.50; enter 0.00, 0.50, 1.00 … up to 2.00");
  assert_valid (score_entry ("1.1.2", SELF, 150));
  /* Out of range and off step: the range is what is said. */
  assert_refused (score_entry ("1.1.2", SELF, 210), PAR_ENTRY_FIELD_SELF, NULL,
                  "1.1.2, self-assessed score: 2.10 is more than the maximum; enter a score from 0.00 to 2.00");
  /* The step is the unit's form; the council's and the survey's scores are in hundredths. */
  assert_valid (score_entry ("1.1.1", APPRAISED, 30));
  assert_valid (score_entry ("1.1.2", SURVEY, 125));
}

static void
test_not_applicable (void)
{
  ParEntry *na = par_entry_new ("1.1.2");

  na->not_applicable = TRUE;
  assert_valid (na);
  na = par_entry_new ("1.1.1");
  na->not_applicable = TRUE;
  assert_refused (na, PAR_ENTRY_FIELD_NOT_APPLICABLE, NULL,
                  "1.1.1: the criteria set does not allow marking this item not applicable");
}

static void
test_adjustments (void)
{
  /* Deductions and bonuses are positive amounts within their caps. */
  assert_valid (inputs_entry ("T1", "times=4"));
  assert_valid (score_entry ("T1", APPRAISED, 200));
  assert_valid (score_entry ("C1", SELF, 100));
  assert_refused (score_entry ("T1", APPRAISED, -50), PAR_ENTRY_FIELD_APPRAISED, NULL,
                  "T1, appraised score: -0.50 is below zero; a deduction is entered as the points "
                  "taken off, from 0.00 to 2.00");
  assert_refused (score_entry ("T1", APPRAISED, 201), PAR_ENTRY_FIELD_APPRAISED, NULL,
                  "T1, appraised score: 2.01 is more than the maximum; enter a score from 0.00 to 2.00");
  assert_refused (score_entry ("C1", SELF, -25), PAR_ENTRY_FIELD_SELF, NULL,
                  "C1, self-assessed score: -0.25 is below zero; a bonus is entered as the points "
                  "added, from 0.00 to 1.00");
  assert_refused (score_entry ("C1", SELF, 101), PAR_ENTRY_FIELD_SELF, NULL,
                  "C1, self-assessed score: 1.01 is more than the maximum; enter a score from 0.00 to 1.00");
}

static void
test_integer_inputs (void)
{
  assert_valid (inputs_entry ("1.1.3", "done=0;planned=0"));
  assert_valid (inputs_entry ("1.1.3", "done=999999999999;planned=999999999999"));
  assert_refused (inputs_entry ("1.1.3", "planned=1000000000000"), PAR_ENTRY_FIELD_INPUT, "planned",
                  "1.1.3, figure “Số nhiệm vụ kế hoạch” (planned): “1000000000000” is not a whole "
                  "number from 0 to 999,999,999,999");
  assert_refused (inputs_entry ("1.1.3", "done=-1"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): “-1” is not a whole number from 0 "
                  "to 999,999,999,999");
  assert_refused (inputs_entry ("1.1.3", "done=4.891"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): “4.891” is not a whole number from "
                  "0 to 999,999,999,999");
  assert_refused (inputs_entry ("1.1.3", "done=1.5"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): “1.5” is not a whole number from "
                  "0 to 999,999,999,999");
  assert_refused (inputs_entry ("1.1.3", "done=abc"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): “abc” is not a whole number from "
                  "0 to 999,999,999,999");
  /* A count rule takes what its 32-bit counts hold. */
  assert_valid (inputs_entry ("1.2.4", "n=2147483647"));
  assert_refused (inputs_entry ("1.2.4", "n=2147483648"), PAR_ENTRY_FIELD_INPUT, "n",
                  "1.2.4, figure “Số cuộc họp” (n): “2147483648” is more than 2,147,483,647, the "
                  "largest count this rule takes");
}

static void
test_ratio_against_each_other (void)
{
  /* Issue 8: done=120;planned=112 was stored, "1 entry changed". */
  assert_refused (inputs_entry ("1.1.3", "done=120;planned=112"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): 120 is more than “Số nhiệm vụ kế "
                  "hoạch” (planned), 112; this share cannot be over 100 %");
  assert_refused (inputs_entry ("1.1.3", "done=113;planned=112"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): 113 is more than “Số nhiệm vụ kế "
                  "hoạch” (planned), 112; this share cannot be over 100 %");
  assert_valid (inputs_entry ("1.1.3", "done=112;planned=112"));
  assert_refused (inputs_entry ("1.1.3", "done=1;planned=0"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): 1 is more than “Số nhiệm vụ kế "
                  "hoạch” (planned), 0; this share cannot be over 100 %");
  /* Decimals, to the hundredth. */
  assert_valid (inputs_entry ("1.2.5", "spent=5.00;budget=5"));
  assert_valid (inputs_entry ("1.2.5", "spent=4.99;budget=5.00"));
  assert_refused (inputs_entry ("1.2.5", "spent=5.01;budget=5.00"), PAR_ENTRY_FIELD_INPUT, "spent",
                  "1.2.5, figure “Kinh phí đã chi” (spent): 5.01 is more than “Kinh phí được giao” "
                  "(budget), 5.00; this share cannot be over 100 %");
}

static void
test_decimal_and_percent_inputs (void)
{
  assert_valid (inputs_entry ("1.2.5", "spent=0;budget=100000000.00"));
  assert_valid (inputs_entry ("1.2.5", "budget=99.5"));
  assert_refused (inputs_entry ("1.2.5", "budget=100000000.01"), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “100000000.01” is not a number from 0 "
                  "to 100,000,000 with at most two decimals");
  assert_refused (inputs_entry ("1.2.5", "budget=1.234"), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “1.234” is not a number from 0 to "
                  "100,000,000 with at most two decimals");
  assert_refused (inputs_entry ("1.2.5", "budget=-0.01"), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “-0.01” is not a number from 0 to "
                  "100,000,000 with at most two decimals");
  assert_refused (inputs_entry ("1.2.5", "budget=1,5"), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “1,5” is not a number from 0 to "
                  "100,000,000 with at most two decimals");
  assert_refused (inputs_entry ("1.2.5", "budget=.5"), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “.5” is not a number from 0 to "
                  "100,000,000 with at most two decimals");
  assert_refused (inputs_entry ("1.2.5", "budget=1."), PAR_ENTRY_FIELD_INPUT, "budget",
                  "1.2.5, figure “Kinh phí được giao” (budget): “1.” is not a number from 0 to "
                  "100,000,000 with at most two decimals");

  assert_valid (inputs_entry ("1.1.4", "rate=0"));
  assert_valid (inputs_entry ("1.1.4", "rate=100.00"));
  assert_valid (inputs_entry ("1.1.4", "rate=99.5"));
  assert_refused (inputs_entry ("1.1.4", "rate=100.01"), PAR_ENTRY_FIELD_INPUT, "rate",
                  "1.1.4, figure “Tỷ lệ trực tuyến” (rate): “100.01” is not a percentage from 0 to "
                  "100 with at most two decimals");
  assert_refused (inputs_entry ("1.1.4", "rate=-1"), PAR_ENTRY_FIELD_INPUT, "rate",
                  "1.1.4, figure “Tỷ lệ trực tuyến” (rate): “-1” is not a percentage from 0 to 100 "
                  "with at most two decimals");
}

static void
test_other_inputs (void)
{
  assert_valid (inputs_entry ("1.2.1", "issued=2024-02-29;deadline=2024-03-01"));
  /* Done after the deadline is late, not invalid. */
  assert_valid (inputs_entry ("1.2.1", "issued=2024-03-02;deadline=2024-03-01"));
  assert_refused (inputs_entry ("1.2.1", "issued=2023-02-29"), PAR_ENTRY_FIELD_INPUT, "issued",
                  "1.2.1, figure “Ngày ban hành” (issued): “2023-02-29” is not a real date (a day of "
                  "1900 to 2200, stored as yyyy-mm-dd)");
  assert_refused (inputs_entry ("1.2.1", "deadline=14/01/2023"), PAR_ENTRY_FIELD_INPUT, "deadline",
                  "1.2.1, figure “Hạn ban hành” (deadline): “14/01/2023” is not a real date (a day of "
                  "1900 to 2200, stored as yyyy-mm-dd)");
  assert_refused (inputs_entry ("1.2.1", "deadline=1899-12-31"), PAR_ENTRY_FIELD_INPUT, "deadline",
                  "1.2.1, figure “Hạn ban hành” (deadline): “1899-12-31” is not a real date (a day of "
                  "1900 to 2200, stored as yyyy-mm-dd)");

  assert_valid (inputs_entry ("1.2.2", "met=true"));
  assert_valid (inputs_entry ("1.2.2", "met=false"));
  assert_refused (inputs_entry ("1.2.2", "met=yes"), PAR_ENTRY_FIELD_INPUT, "met",
                  "1.2.2, figure “Đã ban hành” (met): “yes” is not yes or no");

  assert_valid (inputs_entry ("1.2.3", "q=done"));
  assert_refused (inputs_entry ("1.2.3", "q=Tốt"), PAR_ENTRY_FIELD_INPUT, "q",
                  "1.2.3, figure “Chất lượng” (q): “Tốt” is not one of the choices: “Tốt”, “Hoàn thành”");
}

static void
test_unknown_inputs (void)
{
  assert_refused (inputs_entry ("1.1.3", "done=1;dnoe=2"), PAR_ENTRY_FIELD_INPUT, "dnoe",
                  "1.1.3: there is no figure “dnoe” here; its figures are done, planned");
  assert_refused (inputs_entry ("1.1.1", "done=1"), PAR_ENTRY_FIELD_INPUT, "done",
                  "1.1.1: there is no figure “done” here; this item has no figures");
}

/* An entry with several problems: each one, in the order of the form. */
static void
test_all_problems (void)
{
  g_autoptr(ParEntry) entry = inputs_entry ("1.1.3", "planned=-4;zzz=1;done=abc");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const ParEntryProblem *p;

  entry->has_appraised = TRUE;
  entry->appraised = 300;
  entry->not_applicable = TRUE;
  problems = par_entry_check_all (leaf ("1.1.3"), entry);
  g_assert_cmpuint (problems->len, ==, 5);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_APPRAISED);
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_NOT_APPLICABLE);
  p = g_ptr_array_index (problems, 2);
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_INPUT);
  g_assert_cmpstr (p->input, ==, "done");
  p = g_ptr_array_index (problems, 3);
  g_assert_cmpstr (p->input, ==, "planned");
  p = g_ptr_array_index (problems, 4);
  g_assert_cmpstr (p->input, ==, "zzz");
  /* The single check reports the first. */
  g_assert_false (par_entry_check (leaf ("1.1.3"), entry, &error));
  g_assert_cmpstr (error->message, ==,
                   "1.1.3, appraised score: 3.00 is more than the maximum; enter a score from 0.00 to 2.00");
}

static void
test_assessment (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) none = NULL;
  const ParEntryProblem *p;

  /* Out of the set's order on purpose; valid entries between. */
  g_ptr_array_add (entries, score_entry ("1.2.6", SURVEY, -100));
  g_ptr_array_add (entries, score_entry ("1.1.1", SELF, 50));
  g_ptr_array_add (entries, par_entry_new ("9.9.9"));
  g_ptr_array_add (entries, inputs_entry ("1.1.3", "done=120;planned=112"));
  g_ptr_array_add (entries, par_entry_new ("1.1"));
  g_ptr_array_add (entries, score_entry ("1.1.2", APPRAISED, 201));
  problems = par_assessment_check (fw, entries);
  g_assert_cmpuint (problems->len, ==, 5);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->code, ==, "1.1.2");
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_APPRAISED);
  p = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (p->code, ==, "1.1.3");
  g_assert_cmpstr (p->input, ==, "done");
  p = g_ptr_array_index (problems, 2);
  g_assert_cmpstr (p->code, ==, "1.2.6");
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_SURVEY);
  g_assert_cmpstr (p->message, ==,
                   "1.2.6, survey score: -1.00 is below zero; enter a score from 0.00 to 1.00");
  /* Codes that are not leaves of the set come last. */
  p = g_ptr_array_index (problems, 3);
  g_assert_cmpstr (p->code, ==, "9.9.9");
  g_assert_cmpint (p->field, ==, PAR_ENTRY_FIELD_CODE);
  g_assert_cmpstr (p->message, ==, "9.9.9: there is no such code in the criteria set “Bộ thử kiểm tra”");
  p = g_ptr_array_index (problems, 4);
  g_assert_cmpstr (p->code, ==, "1.1");
  g_assert_cmpstr (p->message, ==,
                   "1.1: this criterion is scored through its sub-criteria; it takes no entry of its own");

  none = par_assessment_check (fw, NULL);
  g_assert_cmpuint (none->len, ==, 0);
}

/* What the check lets through, the scorer reads: never an invalid state from a valid entry. */
static void
test_scorer_agrees (void)
{
  const char *cases[][2] = {
    { "1.1.3", "done=999999999999;planned=999999999999" },
    { "1.1.4", "rate=100.00" },
    { "1.2.1", "issued=2200-12-31;deadline=1900-01-01" },
    { "1.2.4", "n=2147483647" },
    { "1.2.5", "spent=100000000.00;budget=100000000.00" },
    { "T1", "times=2147483647" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ParEntry) entry = inputs_entry (cases[i][0], cases[i][1]);
      ParLeafScore score;

      g_assert_true (par_entry_check (leaf (entry->code), entry, NULL));
      par_rule_evaluate (leaf (entry->code), entry, &score);
      g_assert_cmpint (score.state, ==, PAR_SCORE_SCORED);
      par_leaf_score_clear (&score);
    }
}

/* --- the store: every write crosses the check ---------------------------------------------- */

typedef struct {
  char     *dir;
  char     *path;
  ParStore *store;
  gint64    unit_id;
  gint64    year_id;    /* 2023, a draft */
} Store;

static void
store_set_up (Store         *s,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 row;

  s->dir = g_dir_make_tmp ("parscore-check-XXXXXX", &error);
  g_assert_no_error (error);
  s->path = g_build_filename (s->dir, "kiểm tra.db", NULL);
  s->store = par_store_open (s->path, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (s->store, fw, &error);
  g_assert_no_error (error);
  s->unit_id = par_store_add_unit (s->store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  s->year_id = par_store_create_assessment (s->store, s->unit_id, 2023, row, &error);
  g_assert_no_error (error);
}

static void
store_tear_down (Store         *s,
                 gconstpointer  data)
{
  g_clear_object (&s->store);
  par_test_remove_tree (s->dir);
  g_free (s->path);
  g_free (s->dir);
}

/* Runs SQL on the database with a connection of its own: what the API refuses. */
static void
store_exec_raw (Store      *s,
                const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (s->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_save_refused (Store          *s,
                     const ParEntry *entry,
                     const char     *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_store_save_entry (s->store, s->year_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_store_save_entry (Store         *s,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) off_step = score_entry ("1.1.1", SELF, 30);
  g_autoptr(ParEntry) above = score_entry ("1.1.1", APPRAISED, 9900);
  g_autoptr(ParEntry) ratio = inputs_entry ("1.1.3", "done=120;planned=112");
  g_autoptr(ParEntry) na = par_entry_new ("1.1.1");
  g_autoptr(ParEntry) good = score_entry ("1.1.1", SELF, 75);
  g_autoptr(ParEntry) got = NULL;

  na->not_applicable = TRUE;
  assert_save_refused (s, off_step, "1.1.1, self-assessed score: 0.30 is not in steps of 0.25; "
                                    "enter 0.00, 0.25, 0.50 … up to 1.00");
  assert_save_refused (s, above, "1.1.1, appraised score: 99.00 is more than the maximum; "
                                 "enter a score from 0.00 to 1.00");
  assert_save_refused (s, ratio, "1.1.3, figure “Số nhiệm vụ hoàn thành” (done): 120 is more than "
                                 "“Số nhiệm vụ kế hoạch” (planned), 112; this share cannot be over 100 %");
  assert_save_refused (s, na, "1.1.1: the criteria set does not allow marking this item not applicable");
  g_assert_null (par_store_get_entry (s->store, s->year_id, "1.1.1", &error));
  g_assert_no_error (error);
  g_assert_null (par_store_get_entry (s->store, s->year_id, "1.1.3", &error));
  g_assert_no_error (error);

  /* A valid score is stored; a refused change leaves it as it was. */
  g_assert_true (par_store_save_entry (s->store, s->year_id, good, &error));
  g_assert_no_error (error);
  good->self = 30;
  assert_save_refused (s, good, "1.1.1, self-assessed score: 0.30 is not in steps of 0.25; "
                                "enter 0.00, 0.25, 0.50 … up to 1.00");
  got = par_store_get_entry (s->store, s->year_id, "1.1.1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->self, ==, 75);
}

/* A batch (CSV import, the app's writer thread) is all or none. */
static void
test_store_save_entries (Store         *s,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(GPtrArray) stored = NULL;

  g_ptr_array_add (batch, score_entry ("1.1.2", SELF, 150));
  g_ptr_array_add (batch, inputs_entry ("1.2.1", "issued=2023-01-14;deadline=2023-01-31"));
  g_ptr_array_add (batch, score_entry ("1.2.6", SURVEY, 125));
  g_assert_false (par_store_save_entries (s->store, s->year_id, batch, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "1.2.6, survey score: 1.25 is more than the maximum; enter a score from 0.00 to 1.00");
  g_clear_error (&error);
  stored = par_store_get_entries (s->store, s->year_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);

  ((ParEntry *) g_ptr_array_index (batch, 2))->survey = 100;
  g_assert_true (par_store_save_entries (s->store, s->year_id, batch, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = par_store_get_entries (s->store, s->year_id, &error);
  g_assert_cmpuint (stored->len, ==, 3);
}

/* The council scores a submitted year: its scores are checked, not the unit's values. */
static void
test_store_council (Store         *s,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) unit_part = inputs_entry ("T1", "times=3");
  g_autoptr(ParEntry) council = score_entry ("T1", APPRAISED, -50);
  g_autoptr(ParEntry) got = NULL;

  g_assert_true (par_store_save_entry (s->store, s->year_id, unit_part, &error));
  g_assert_no_error (error);
  g_assert_true (par_store_set_status (s->store, s->year_id, PAR_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  g_assert_false (par_store_save_council_scores (s->store, s->year_id, council, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "T1, appraised score: -0.50 is below zero; a deduction is "
                                       "entered as the points taken off, from 0.00 to 2.00");
  g_clear_error (&error);

  /* A figure stored before the check does not stop the council: its fields are what is written. */
  store_exec_raw (s, "UPDATE entries SET inputs = '{\"times\":\"-3\"}' WHERE code = 'T1'");
  council->appraised = 150;
  g_assert_true (par_store_save_council_scores (s->store, s->year_id, council, &error));
  g_assert_no_error (error);
  got = par_store_get_entry (s->store, s->year_id, "T1", &error);
  g_assert_no_error (error);
  g_assert_true (got->has_appraised);
  g_assert_cmpint (got->appraised, ==, 150);
  council->has_appraised = FALSE;
  council->has_survey = TRUE;
  council->survey = 201;
  g_assert_false (par_store_save_council_scores (s->store, s->year_id, council, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "T1, survey score: 2.01 is more than the maximum; enter a "
                                       "score from 0.00 to 2.00");
}

/* What a database got before the check (raw rows) is listed, in the set's order; carrying a
 * year forward writes no score or figure, so the new year has nothing to refuse. */
static void
test_store_check_assessment (Store         *s,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) next_problems = NULL;
  g_autoptr(GPtrArray) next_entries = NULL;
  gint64 next_id;

  problems = par_store_check_assessment (s->store, s->year_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO entries (assessment_id, code, inputs, "
                                            "self_score, appraised_score) VALUES "
                                            "(%1$" G_GINT64_FORMAT ", '1.1.3', '{\"done\":\"120\",\"planned\":\"112\"}', NULL, NULL), "
                                            "(%1$" G_GINT64_FORMAT ", '1.1.1', '{}', 30, 9900), "
                                            "(%1$" G_GINT64_FORMAT ", '9.9.9', '{}', 100, NULL)",
                                            s->year_id);
    store_exec_raw (s, sql);
  }
  problems = par_store_check_assessment (s->store, s->year_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_cmpstr (((ParEntryProblem *) problems->pdata[0])->message, ==,
                   "1.1.1, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00");
  g_assert_cmpstr (((ParEntryProblem *) problems->pdata[1])->message, ==,
                   "1.1.1, appraised score: 99.00 is more than the maximum; enter a score from 0.00 to 1.00");
  g_assert_cmpstr (((ParEntryProblem *) problems->pdata[2])->code, ==, "1.1.3");
  g_assert_cmpstr (((ParEntryProblem *) problems->pdata[2])->input, ==, "done");
  g_assert_cmpstr (((ParEntryProblem *) problems->pdata[3])->code, ==, "9.9.9");
  g_assert_cmpint (((ParEntryProblem *) problems->pdata[3])->field, ==, PAR_ENTRY_FIELD_CODE);

  next_id = par_store_create_assessment_from_previous (s->store, s->unit_id, 2024, 0,
                                                       PAR_CARRY_EVIDENCE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next_id, >, 0);
  next_entries = par_store_get_entries (s->store, next_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next_entries->len, ==, 0);
  next_problems = par_store_check_assessment (s->store, next_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next_problems->len, ==, 0);

  g_assert_null (par_store_check_assessment (s->store, 4242, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
}

int
main (int argc, char *argv[])
{
  g_autoptr(ParFramework) set = NULL;

  g_test_init (&argc, &argv, NULL);
  set = fw = load_set ();

  g_test_add_func ("/entry-check/nothing", test_nothing);
  g_test_add_func ("/entry-check/score-ranges", test_score_ranges);
  g_test_add_func ("/entry-check/step", test_step);
  g_test_add_func ("/entry-check/not-applicable", test_not_applicable);
  g_test_add_func ("/entry-check/adjustments", test_adjustments);
  g_test_add_func ("/entry-check/integer-inputs", test_integer_inputs);
  g_test_add_func ("/entry-check/ratio", test_ratio_against_each_other);
  g_test_add_func ("/entry-check/decimal-percent-inputs", test_decimal_and_percent_inputs);
  g_test_add_func ("/entry-check/other-inputs", test_other_inputs);
  g_test_add_func ("/entry-check/unknown-inputs", test_unknown_inputs);
  g_test_add_func ("/entry-check/all-problems", test_all_problems);
  g_test_add_func ("/entry-check/assessment", test_assessment);
  g_test_add_func ("/entry-check/scorer-agrees", test_scorer_agrees);
  g_test_add ("/entry-check/store/save-entry", Store, NULL, store_set_up, test_store_save_entry,
              store_tear_down);
  g_test_add ("/entry-check/store/save-entries", Store, NULL, store_set_up, test_store_save_entries,
              store_tear_down);
  g_test_add ("/entry-check/store/council", Store, NULL, store_set_up, test_store_council,
              store_tear_down);
  g_test_add ("/entry-check/store/check-assessment", Store, NULL, store_set_up,
              test_store_check_assessment, store_tear_down);

  return g_test_run ();
}
