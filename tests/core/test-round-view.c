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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/round-view/days-left", test_days_left);
  g_test_add_func ("/round-view/current-deadline", test_current_deadline);
  g_test_add ("/round-view/received", Fixture, NULL, fixture_set_up, test_received,
              fixture_tear_down);
  return g_test_run ();
}
