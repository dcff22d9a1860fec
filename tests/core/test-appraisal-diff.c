/* test-appraisal-diff.c — what the council's appraisal changed in a unit's year, as the unit
 * reads it before replying (par-appraisal-diff.h, issue 14).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-core.h"
#include "par-test-util.h"
#include "store-fixture.h"

static void
save (Fixture    *f,
      const char *code,
      const char *met,
      gboolean    appraise,
      ParPoints   appraised,
      const char *comment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new (code);

  if (met != NULL)
    {
      par_entry_set_input (entry, "met", met);
      g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
      g_assert_no_error (error);
    }
  if (appraise || comment != NULL)
    {
      entry->has_appraised = appraise;
      entry->appraised = appraised;
      entry->comment = g_strdup (comment);
      g_assert_true (par_store_save_council_scores (f->store, f->assessment_id, entry, &error));
      g_assert_no_error (error);
    }
}

/* The fixture's set: yes/no items 1.1.2, 1.1.3, 1.2.2 of 1 point each. */
static void
test_differences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  const ParAppraisalDiff *d;

  save (f, "1.1.2", "true", TRUE, 0, "Không có kế hoạch");   /* 1 → 0, commented */
  save (f, "1.1.3", "true", TRUE, 100, NULL);                /* agreed: no difference */
  save (f, "1.2.2", "false", TRUE, 0, "Đúng");               /* agreed, but commented */
  save (f, "1.2.1", NULL, TRUE, 100, NULL);                  /* not self-scored, appraised */

  entries = par_store_get_entries (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  result = par_score (f->framework, entries);
  diffs = par_appraisal_differences (result, entries);
  g_assert_cmpuint (diffs->len, ==, 3);

  d = diffs->pdata[0];
  g_assert_cmpstr (d->node->code, ==, "1.1.2");
  g_assert_true (d->has_self);
  g_assert_cmpint (d->self, ==, 100);
  g_assert_cmpint (d->appraised, ==, 0);
  g_assert_cmpint (d->max, ==, 100);
  g_assert_cmpstr (d->comment, ==, "Không có kế hoạch");
  d = diffs->pdata[1];
  g_assert_cmpstr (d->node->code, ==, "1.2.1");
  g_assert_false (d->has_self);
  g_assert_cmpint (d->appraised, ==, 100);
  g_assert_null (d->comment);
  d = diffs->pdata[2];
  g_assert_cmpstr (d->node->code, ==, "1.2.2");
  g_assert_cmpint (d->self, ==, d->appraised);
  g_assert_cmpstr (d->comment, ==, "Đúng");
}

/* Nothing appraised: no difference, the self scores are never taken as the council's. */
static void
test_not_appraised (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GPtrArray) diffs = NULL;

  save (f, "1.1.2", "true", FALSE, 0, NULL);
  entries = par_store_get_entries (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  result = par_score (f->framework, entries);
  diffs = par_appraisal_differences (result, entries);
  g_assert_cmpuint (diffs->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/appraisal-diff/differences", Fixture, NULL, fixture_set_up, test_differences,
              fixture_tear_down);
  g_test_add ("/appraisal-diff/not-appraised", Fixture, NULL, fixture_set_up, test_not_appraised,
              fixture_tear_down);
  return g_test_run ();
}
