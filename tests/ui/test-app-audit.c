/* test-app-audit.c — the audit log viewer (issue 10): a year's changes, who and when, filtered
 * by sub-criterion, current while the year is edited, exported as CSV.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-application.h"
#include "par-audit-log.h"
#include "par-audit-window.h"
#include "par-preferences-window.h"
#include "par-test-util.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"

typedef struct {
  char           *dir;
  char           *db;
  gint64          assessment_id;
  gint64          other_year;
  ParApplication *app;
  ParWindow      *window;
} Fixture;

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  return gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.TestAudit%u", ++serial);

  f->dir = g_dir_make_tmp ("parscore-audit-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "audit.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);

  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_autoptr(ParAssessment) year = par_store_get_assessment (store, f->assessment_id, &error);
    g_autoptr(ParEntry) entry = par_entry_new ("1.1.3");

    g_assert_no_error (error);
    /* Another year's change must not show in this one's log. */
    f->other_year = par_store_create_assessment (store, year->unit_id, 2024, year->framework_row, &error);
    g_assert_no_error (error);
    ui_fixture_save_entry (store, f->other_year, "1.1.3", NULL, "0.25");

    ui_fixture_save_entry (store, f->assessment_id, "1.1.1", "done=9;planned=10", NULL);
    ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.50");
    ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.75");
    ui_fixture_save_entry (store, f->assessment_id, "2.1.2", NULL, NULL);
    /* What a spreadsheet would run as a formula, in an explanation. */
    entry->has_self = TRUE;
    entry->self = PAR_POINTS (0, 75);
    entry->explanation = g_strdup ("=HYPERLINK(\"http://x\",\"ok\")");
    par_store_save_entry (store, f->assessment_id, entry, &error);
    g_assert_no_error (error);
  }

  f->app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_application_activate (G_APPLICATION (f->app));
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  g_assert_true (ui_wait_for (window_mapped, f, 10000));
  g_assert_true (par_window_open_assessment (f->window, f->assessment_id, &error));
  g_assert_no_error (error);
}

static gboolean
no_windows (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (no_windows, NULL, 10000));
  g_clear_object (&f->app);
  ui_assert_closed_under (f->dir);
  par_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static gboolean
audit_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (PAR_IS_AUDIT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(ParAuditWindow **) data = PAR_AUDIT_WINDOW (window);
          return TRUE;
        }
    }
  return FALSE;
}

static ParAuditWindow *
open_audit (Fixture *f)
{
  ParAuditWindow *audit = NULL;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-audit-log", NULL);
  g_assert_true (ui_wait_for (audit_shown, &audit, 10000));
  return audit;
}

static ParAuditRow *
row_at (ParAuditWindow *audit,
        guint           i)
{
  GListModel *rows = par_audit_window_get_rows (audit);
  ParAuditRow *row = g_list_model_get_item (rows, i);

  g_object_unref (row);   /* the model keeps it */
  return row;
}

static const char *
visible_page (ParAuditWindow *audit)
{
  GtkWidget *stack = ui_find_type (GTK_WIDGET (audit), GTK_TYPE_STACK);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The year's changes, newest first, in words, and none of the other year's. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  ParAuditWindow *audit = open_audit (f);
  GListModel *rows = par_audit_window_get_rows (audit);
  gboolean saw_figure = FALSE, saw_created = FALSE;
  ParAuditRow *row;

  g_assert_cmpstr (visible_page (audit), ==, "list");
  /* 1.1.3 explanation + score; 1.1.3 0.50 → 0.75; 1.1.3 → 0.50; 1.1.1 two figures; the year
   * created; nothing for 2.1.2 (an empty entry changes nothing). */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      row = row_at (audit, i);
      g_test_message ("%s | %s | %s | %s → %s", par_audit_row_get_when_text (row),
                      par_audit_row_get_code (row), par_audit_row_get_change (row),
                      par_audit_row_get_before (row), par_audit_row_get_after (row));
      g_assert_cmpstr (par_audit_row_get_code (row), !=, "2.1.2");
      if (g_str_equal (par_audit_row_get_change (row), "Figure “Số nhiệm vụ đã hoàn thành”"))
        {
          saw_figure = TRUE;
          g_assert_cmpstr (par_audit_row_get_code (row), ==, "1.1.1");
          g_assert_cmpstr (par_audit_row_get_after (row), ==, "9");
        }
      if (g_str_equal (par_audit_row_get_change (row), "Year started"))
        {
          /* The criteria set by its title, not the store's "UNIT YEAR SET-ID" record. */
          g_assert_cmpstr (par_audit_row_get_after (row), ==, "Criteria set “Bộ chỉ số thử nghiệm giao diện”");
          saw_created = TRUE;
        }
    }
  g_assert_true (saw_figure);
  /* A year made from the previous one says which year that was. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_autoptr(ParAssessment) year = par_store_get_assessment (store, f->assessment_id, &error);
    g_autoptr(ParFramework) framework = par_store_load_framework (store, year->framework_row, &error);
    gint64 next = par_store_create_assessment_from_previous (store, year->unit_id, 2025, 0, PAR_CARRY_NOTHING, &error);
    g_autoptr(GListModel) next_rows = NULL;

    g_assert_no_error (error);
    next_rows = par_audit_log_load (store, next, framework, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (next_rows), ==, 1);
    row = g_list_model_get_item (next_rows, 0);
    g_assert_cmpstr (par_audit_row_get_change (row), ==, "Year started");
    g_assert_cmpstr (par_audit_row_get_after (row), ==,
                     "Criteria set “Bộ chỉ số thử nghiệm giao diện”, carried forward from 2024");
    g_object_unref (row);
  }
  g_assert_true (saw_created);
  gtk_window_set_default_size (GTK_WINDOW (audit), 1100, 560);
  ui_save_screenshot (GTK_WIDGET (audit), g_getenv ("PARSCORE_SHOT_NAME") != NULL ? g_getenv ("PARSCORE_SHOT_NAME") : "audit-log");

  /* Newest first: the explanation of 1.1.3, then its score 0.50 → 0.75 (same transaction or
   * the one before). */
  row = row_at (audit, 0);
  g_assert_cmpstr (par_audit_row_get_code (row), ==, "1.1.3");
  {
    gboolean saw_score = FALSE;
    for (guint i = 0; i < 3; i++)
      {
        row = row_at (audit, i);
        if (g_str_equal (par_audit_row_get_change (row), "Self-assessed score")
            && g_str_equal (par_audit_row_get_before (row), "0.50"))
          {
            g_assert_cmpstr (par_audit_row_get_after (row), ==, "0.75");
            saw_score = TRUE;
          }
      }
    g_assert_true (saw_score);
  }
  /* Dates as dd/mm/yyyy hh:mm. */
  g_assert_true (g_regex_match_simple ("^\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d$",
                                       par_audit_row_get_when_text (row_at (audit, 0)), 0, 0));
}

static guint
count_rows (ParAuditWindow *audit)
{
  return g_list_model_get_n_items (par_audit_window_get_rows (audit));
}

/* A code keeps that sub-criterion's changes, a criterion's code its sub-criteria's; a code
 * with no change shows so. */
static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  ParAuditWindow *audit = open_audit (f);
  GtkWidget *entry = ui_find_named (GTK_WIDGET (audit), "audit-filter");
  guint all = count_rows (audit);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "1.1.3");
  par_audit_window_set_filter (audit, "1.1.3");   /* the entry's delay, skipped */
  g_assert_cmpuint (count_rows (audit), <, all);
  for (guint i = 0; i < count_rows (audit); i++)
    g_assert_cmpstr (par_audit_row_get_code (row_at (audit, i)), ==, "1.1.3");

  par_audit_window_set_filter (audit, "1.1");
  for (guint i = 0; i < count_rows (audit); i++)
    g_assert_true (g_str_has_prefix (par_audit_row_get_code (row_at (audit, i)), "1.1."));
  g_assert_cmpuint (count_rows (audit), >=, 4);

  /* "1.1" is not "1.10". */
  g_assert_false (par_audit_row_matches (row_at (audit, 0), "1.11"));

  par_audit_window_set_filter (audit, "2.1.2");
  g_assert_cmpuint (count_rows (audit), ==, 0);
  g_assert_cmpstr (visible_page (audit), ==, "no-match");
  g_assert_false (gtk_widget_is_sensitive (ui_find_named (GTK_WIDGET (audit), "audit-export")));

  par_audit_window_set_filter (audit, "");
  g_assert_cmpuint (count_rows (audit), ==, all);
}

typedef struct {
  ParAuditWindow *audit;
  guint           at_least;
} Grows;

static gboolean
rows_grew (gpointer data)
{
  Grows *g = data;
  return count_rows (g->audit) >= g->at_least;
}

/* An edit made in the window shows in the open log once it is saved. */
static void
test_follows_edits (Fixture       *f,
                    gconstpointer  data)
{
  ParAuditWindow *audit = open_audit (f);
  guint before = count_rows (audit);
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.5");
  ParAuditRow *row;

  GSettings *settings = par_context_get_settings (par_window_get_context (f->window));
  g_autofree char *who = g_strdup_printf ("Trần Thị Bình (%s)", g_get_user_name ());

  /* Changes before a name was recorded (the fixture's, through the store) say who is the
   * login; the name from the preferences goes with every change made afterwards. */
  g_assert_cmpstr (par_audit_row_get_who (row_at (audit, 0)), ==, g_get_user_name ());
  g_settings_set_string (settings, "user-name", "Trần Thị Bình");
  entry->has_self = TRUE;
  entry->self = PAR_POINTS (1, 0);
  par_assessment_model_set_entry (par_window_get_model (f->window), g_steal_pointer (&entry));
  g_assert_true (ui_wait_for (rows_grew, &(Grows) { audit, before + 1 }, 20000));
  row = row_at (audit, 0);
  g_assert_cmpstr (par_audit_row_get_code (row), ==, "1.1.5");
  g_assert_cmpstr (par_audit_row_get_after (row), ==, "1.00");
  g_assert_cmpstr (par_audit_row_get_who (row), ==, who);
  g_settings_set_string (settings, "user-name", "");
}

/* Export writes what is shown: a header, one line per change, the formula neutralised. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  ParAuditWindow *audit = open_audit (f);
  g_autofree char *path = g_build_filename (f->dir, "audit.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  par_audit_window_set_filter (audit, "1.1.3");
  g_assert_true (par_audit_window_export (audit, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFwhen,who,code,change,before,after,reason\r\n"));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++, n++)
    g_assert_nonnull (strstr (lines[i], ",1.1.3,"));
  g_assert_cmpuint (n, ==, count_rows (audit));
  g_assert_nonnull (strstr (text, ",Explanation,,\"'=HYPERLINK(\"\"http://x\"\",\"\"ok\"\")\","));
}

static gboolean
preferences_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (PAR_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Preferences (Ctrl+,): the name given is kept, and shown as the log will record it. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GSettings *settings = par_context_get_settings (par_window_get_context (f->window));
  g_autofree char *expected = g_strdup_printf ("Nguyễn Văn An (%s)", g_get_user_name ());
  g_autofree char *kept = NULL;
  GtkWidget *preferences = NULL;
  GtkWidget *name_row, *recorded_row;

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "user-name", "");
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  g_assert_true (ui_wait_for (preferences_shown, &preferences, 10000));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (f->window));

  name_row = ui_find_named (preferences, "user-name");
  recorded_row = ui_find_named (preferences, "recorded-as");
  g_assert_nonnull (name_row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_find_named (preferences, "login-name"))),
                   ==, g_get_user_name ());
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (recorded_row)), ==, g_get_user_name ());

  /* Typing alone keeps nothing; applying does. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "  Nguyễn Văn An ");
  kept = g_settings_get_string (settings, "user-name");
  g_assert_cmpstr (kept, ==, "");
  g_signal_emit_by_name (name_row, "apply");
  g_clear_pointer (&kept, g_free);
  kept = g_settings_get_string (settings, "user-name");
  g_assert_cmpstr (kept, ==, "Nguyễn Văn An");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (recorded_row)), ==, expected);
  ui_save_screenshot (preferences, "preferences");
  g_settings_set_string (settings, "user-name", "");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/audit/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/audit/filter", Fixture, NULL, fixture_setup, test_filter, fixture_teardown);
  g_test_add ("/audit/follows-edits", Fixture, NULL, fixture_setup, test_follows_edits, fixture_teardown);
  g_test_add ("/audit/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add ("/audit/preferences", Fixture, NULL, fixture_setup, test_preferences, fixture_teardown);
  return g_test_run ();
}
