/* test-round-view.c — what the council's table shows of a round: the running deadline, the
 * days left to it, when each unit's package came in (par-round-view.h, issue 14).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-core.h"
#include "par-test-util.h"
#include "store-fixture.h"

static void
test_days_left (void)
{
  int days = 99;

  g_assert_true (par_deadline_days_left ("2024-12-10", "2024-12-07", &days));
  g_assert_cmpint (days, ==, 3);
  g_assert_true (par_deadline_days_left ("2024-12-10", "2024-12-10", &days));
  g_assert_cmpint (days, ==, 0);
  g_assert_true (par_deadline_days_left ("2024-12-10", "2024-12-12T08:30:00Z", &days));
  g_assert_cmpint (days, ==, -2);
  /* Across a year and a leap day. */
  g_assert_true (par_deadline_days_left ("2025-01-15", "2024-02-28", &days));
  g_assert_cmpint (days, ==, 322);
  days = 99;
  g_assert_false (par_deadline_days_left (NULL, "2024-12-07", &days));
  g_assert_false (par_deadline_days_left ("10/12/2024", "2024-12-07", &days));
  g_assert_false (par_deadline_days_left ("2024-02-30", "2024-12-07", &days));
  g_assert_false (par_deadline_days_left ("2024-12-10", "tomorrow", &days));
  g_assert_cmpint (days, ==, 99);
  /* Today by default: a deadline of today is 0 days away. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    g_assert_true (par_deadline_days_left (today, NULL, &days));
    g_assert_cmpint (days, ==, 0);
  }
}

/* The countdown both the council's table and the unit's appraisal page show, today given. */
static void
test_countdown (void)
{
  struct { const char *today; const char *text; int days; } cases[] = {
    { "2027-01-12", "3 days left", 3 },
    { "2027-01-14", "1 day left", 1 },
    { "2027-01-15", "the last day is today", 0 },
    { "2027-01-16", "overdue by 1 day", -1 },
    { "2027-01-17T09:00:00Z", "overdue by 2 days", -2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int days = 99;
      g_autofree char *text = par_deadline_countdown ("2027-01-15", cases[i].today, &days);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (days, ==, cases[i].days);
    }
  g_assert_null (par_deadline_countdown (NULL, "2027-01-12", NULL));
  g_assert_null (par_deadline_countdown ("15/01/2027", "2027-01-12", NULL));
}

static void
test_current_deadline (void)
{
  ParRound round = { 1, (char *) "s", 2024, PAR_LEVEL_DEPARTMENT, (char *) "2024-12-10",
                     (char *) "2025-01-15", PAR_ROUND_STAGE_APPRAISAL };

  g_assert_cmpstr (par_round_current_deadline (&round), ==, "2024-12-10");
  round.stage = PAR_ROUND_STAGE_REPLIES;
  g_assert_cmpstr (par_round_current_deadline (&round), ==, "2025-01-15");
  round.stage = PAR_ROUND_STAGE_FINAL;
  g_assert_null (par_round_current_deadline (&round));
  round.stage = PAR_ROUND_STAGE_REPLIES;
  round.reply_deadline = NULL;
  g_assert_null (par_round_current_deadline (&round));
}

/* The latest package of each unit counts; the other kind is not mixed in. */
static void
test_received (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) submissions = NULL;
  g_autoptr(GHashTable) replies = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  id = par_store_create_round (f->store, "camau-2013-department-field1", 2020,
                               PAR_LEVEL_DEPARTMENT, "2020-12-10", NULL, &error);
  g_assert_no_error (error);
  submissions = par_store_round_received (f->store, id, "submission", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (submissions), ==, 0);
  g_clear_pointer (&submissions, g_hash_table_unref);

  sql = g_strdup_printf ("INSERT INTO round_packages (round_id, unit_name, kind, stage, "
                         "received_at, late, seal, file_name, data) VALUES "
                         "(%1$" G_GINT64_FORMAT ", 'Sở Nội vụ', 'submission', 1, '2020-12-09', 0, "
                         "'%2$s', 'a.parscore', x'00'), "
                         "(%1$" G_GINT64_FORMAT ", 'Sở Y tế', 'submission', 1, '2020-12-12', 1, "
                         "'%2$s', 'b.parscore', x'00'), "
                         "(%1$" G_GINT64_FORMAT ", 'Sở Nội vụ', 'submission', 1, "
                         "'2020-12-10T09:00:00Z', 0, '%2$s', 'c.parscore', x'00'), "
                         "(%1$" G_GINT64_FORMAT ", 'Sở Nội vụ', 'reply', 2, '2021-01-03', 0, "
                         "'%2$s', 'd.parscore', x'00')", id,
                         "0123456789012345678901234567890123456789012345678901234567890123");
  exec_raw (f, sql);
  submissions = par_store_round_received (f->store, id, "submission", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (submissions), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (submissions, "Sở Nội vụ"), ==, "2020-12-10T09:00:00Z");
  g_assert_cmpstr (g_hash_table_lookup (submissions, "Sở Y tế"), ==, "2020-12-12");
  replies = par_store_round_received (f->store, id, "reply", &error);
  g_assert_cmpuint (g_hash_table_size (replies), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (replies, "Sở Nội vụ"), ==, "2021-01-03");
}

/* The council's column goes through the round that holds the year: the round in the audit
 * log, and nothing once round 2 is closed; a year of no round is saved as before. */
static void
test_save_in_round (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.2");
  g_autoptr(ParRound) none = NULL;
  g_autoptr(ParRound) round = NULL;
  gint64 id;

  entry->has_appraised = TRUE;
  entry->appraised = 50;
  none = par_store_round_of_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_true (par_store_save_council_in_round (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) audit = audit_rows (f->store, "assessment");
    g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT
                                             " entry 1.1.2 appraised score", f->assessment_id);

    g_assert_null (expect_audit (audit, what)->reason);
  }

  id = par_store_create_round (f->store, "camau-2013-department-field1", 2020,
                               PAR_LEVEL_DEPARTMENT, NULL, NULL, &error);
  g_assert_no_error (error);
  round = par_store_round_of_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (round);
  g_assert_cmpint (round->id, ==, id);

  entry->appraised = 100;
  entry->comment = g_strdup ("Thiếu báo cáo quý III");
  g_assert_true (par_store_save_council_in_round (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) audit = audit_rows (f->store, "assessment");
    g_autoptr(ParEntry) stored = par_store_get_entry (f->store, f->assessment_id, "1.1.2", &error);
    const ParAuditEntry *last = NULL;
    g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT
                                             " entry 1.1.2 appraised score", f->assessment_id);

    for (guint i = 0; i < audit->len; i++)
      if (g_strcmp0 (((ParAuditEntry *) audit->pdata[i])->what, what) == 0)
        last = audit->pdata[i];
    g_assert_nonnull (last);
    g_assert_cmpstr (last->reason, ==, "round 1");
    g_assert_cmpint (stored->appraised, ==, 100);
    g_assert_cmpstr (stored->comment, ==, "Thiếu báo cáo quý III");
  }

  /* An over-maximum score is the one check's to refuse. */
  entry->appraised = 500;
  g_assert_false (par_store_save_council_in_round (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (par_store_close_round (f->store, id, &error));
  g_assert_true (par_store_close_round (f->store, id, &error));
  entry->appraised = 75;
  g_assert_false (par_store_save_council_in_round (f->store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_LOCKED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/round-view/days-left", test_days_left);
  g_test_add_func ("/round-view/current-deadline", test_current_deadline);
  g_test_add_func ("/round-view/countdown", test_countdown);
  g_test_add ("/round-view/received", Fixture, NULL, fixture_set_up, test_received,
              fixture_tear_down);
  g_test_add ("/round-view/save-in-round", Fixture, NULL, fixture_set_up, test_save_in_round,
              fixture_tear_down);
  return g_test_run ();
}
