/* test-council.c — the app's Council mode (issue 14), driven as a council member would, on a
 * round made with parscore-cli: three units each in its own database submit sealed packages;
 * one comes in late (received by the CLI), two are dropped on the window with a tampered and a
 * truncated package; the council appraises, closes round 1, then round 2; the table's rows,
 * statuses, dates, late marks and indexes, the countdown, the ranking and its tie, and the
 * locks are asserted at each step.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "par-council-page.h"
#include "par-council-reply.h"
#include "par-criterion-page.h"
#include "par-test-util.h"
#include "ui-app.h"

#define SET_ID "vn-sample-department-876"

/* ISO date @days from today (local). */
static char *
day_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static char *
dmy_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%d/%m/%Y");
}

/* Runs parscore-cli with @db (NULL: none) and the arguments, in the test's folder; fails the
 * test when it does not exit 0. */
static void
cli (UiApp      *f,
     const char *db,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;
  int status = 0;

  g_ptr_array_add (argv, g_strdup (PARSCORE_CLI));
  if (db != NULL)
    {
      g_ptr_array_add (argv, g_strdup ("--db"));
      g_ptr_array_add (argv, g_strdup (db));
    }
  va_start (ap, db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s%s", PARSCORE_CLI, (char *) argv->pdata[3], out, err);
}

/* A unit's own database, its 2024 submitted with a sealed package @stem.parscore. */
static void
make_unit (UiApp      *f,
           const char *stem,
           const char *name,
           const char *items)
{
  g_autofree char *db = g_strconcat (stem, ".db", NULL);
  g_autofree char *csv = g_strconcat (stem, ".csv", NULL);
  g_autofree char *package = g_strconcat (stem, ".parscore", NULL);
  g_autofree char *set = g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks",
                                           "sample-department.xml", NULL);
  g_autofree char *rows = g_strdup_printf ("code,inputs\n1.4.2,items=%s\n", items);
  g_autofree char *csv_path = ui_write_file (f, csv, rows);

  cli (f, db, "import-framework", set, NULL);
  cli (f, db, "unit", "add", name, NULL);
  cli (f, db, "assessment", "new", "--unit", "1", "--year", "2024", "--set", "1", NULL);
  cli (f, db, "import-csv", "--unit", "1", "--year", "2024", csv_path, NULL);
  cli (f, db, "submit", "--unit", "1", "--year", "2024", "--package", package, NULL);
}

static char *
path_in (UiApp      *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
setup (UiApp         *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *deadline = day_from_today (3);
  g_autofree char *reply_deadline = day_from_today (40);
  g_autofree char *late_day = day_from_today (5);

  f->dir = g_dir_make_tmp ("parscore-council-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "hội đồng.db", NULL);
  make_unit (f, "noi-vu", "Sở Nội vụ", "15");       /* 1.00 point */
  make_unit (f, "tai-chinh", "Sở Tài chính", "15");
  make_unit (f, "y-te", "Sở Y tế", "3");            /* 0.50 point */
  cli (f, f->db, "round", "new", "--set", SET_ID, "--year", "2024", "--deadline", deadline,
       "--reply-deadline", reply_deadline, NULL);
  /* Sở Y tế's came in two days after the deadline. */
  cli (f, f->db, "round", "receive", "--received-on", late_day, "y-te.parscore", NULL);
  ui_app_open (f);
}

static gboolean
stack_settled (gpointer data)
{
  UiApp *f = data;
  GtkWidget *page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_COUNCIL_PAGE);
  GtkWidget *stack = page != NULL ? gtk_widget_get_parent (page) : NULL;

  return stack != NULL && !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* Waits until the window's pages have stopped crossfading (before a screenshot). */
static void
wait_settled (UiApp *f)
{
  g_assert_true (ui_wait_for (stack_settled, f, UI_WAIT_MS));
}

static ParCouncilPage *
council_page (UiApp *f)
{
  GtkWidget *page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_COUNCIL_PAGE);

  g_assert_nonnull (page);
  return PAR_COUNCIL_PAGE (page);
}

static void
assert_row (ParCouncilPage *page,
            guint           row,
            const char     *unit,
            const char     *status,
            const char     *received,
            const char     *late,
            const char     *self_index,
            const char     *final_index)
{
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_UNIT), ==, unit);
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_STATUS), ==, status);
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_RECEIVED), ==, received);
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_LATE), ==, late);
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_SELF), ==, self_index);
  g_assert_cmpstr (par_council_page_get_unit_text (page, row, PAR_COUNCIL_COL_FINAL), ==,
                   final_index);
}

static void
assert_rank (ParCouncilPage *page,
             guint           row,
             const char     *rank,
             const char     *unit,
             const char     *index)
{
  g_assert_cmpstr (par_council_page_get_ranking_text (page, row, PAR_RANKING_COL_RANK), ==, rank);
  g_assert_cmpstr (par_council_page_get_ranking_text (page, row, PAR_RANKING_COL_UNIT), ==, unit);
  g_assert_cmpstr (par_council_page_get_ranking_text (page, row, PAR_RANKING_COL_INDEX), ==, index);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

static gboolean
page_idle (gpointer data)
{
  return !par_council_page_is_busy (data);
}

static gboolean
has_summary (gpointer data)
{
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (g_strcmp0 (gtk_widget_get_name (l->data), "council-import-summary") == 0 &&
        gtk_widget_get_mapped (l->data))
      {
        *(GtkWidget **) data = l->data;
        g_list_free (l);
        return TRUE;
      }
  return FALSE;
}

/* The summary's rows: "file\nsubtitle" each (transfer full). */
static GPtrArray *
summary_rows (GtkWidget *dialog)
{
  GtkWidget *list = ui_find_named (dialog, "council-import-results");
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_ptr_array_add (rows, g_strconcat (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                          "\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                          NULL));
  return rows;
}

static const char *
summary_row_of (GPtrArray  *rows,
                const char *file)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (rows->pdata[i], file) && ((char *) rows->pdata[i])[strlen (file)] == '\n')
      return rows->pdata[i];
  g_error ("no summary row for %s", file);
  return NULL;
}

/* A copy of @source whose 1.4.2 was changed after sealing. */
static char *
tampered_copy (UiApp      *f,
               const char *source,
               const char *name)
{
  g_autofree char *from = path_in (f, source);
  char *to = path_in (f, name);
  g_autofree char *bytes = NULL;
  gsize length;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (to, bytes, length, NULL));
  g_assert_cmpint (sqlite3_open (to, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE entries SET inputs = '{\"items\":\"16\"}' "
                                     "WHERE code = '1.4.2'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return to;
}

static char *
truncated_copy (UiApp      *f,
                const char *source,
                const char *name)
{
  g_autofree char *from = path_in (f, source);
  char *to = path_in (f, name);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (to, bytes, length / 2, NULL));
  return to;
}

/* Drops @paths on the page at once, as a file manager does, and waits for the summary (and,
 * with @until_idle, for the page to be done with the import). */
static GtkWidget *
drop_packages_full (UiApp              *f,
                    const char * const *paths,
                    gboolean            until_idle)
{
  ParCouncilPage *page = council_page (f);
  GtkDropTarget *target = NULL;
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;
  GtkWidget *summary = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 20.0, 20.0, &handled);
  g_assert_true (handled);
  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
  g_assert_true (ui_wait_for (has_summary, &summary, UI_WAIT_MS));
  if (until_idle)
    g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
  return summary;
}

static GtkWidget *
drop_packages (UiApp              *f,
               const char * const *paths)
{
  return drop_packages_full (f, paths, TRUE);
}

static void
close_round (UiApp *f)
{
  ParCouncilPage *page = council_page (f);
  int stage = par_council_page_get_stage (page);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.council-close-round", NULL));
  {
    GtkWidget *dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "council-close-round");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close-round");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
  g_assert_cmpint (par_council_page_get_stage (page), ==, stage + 1);
}

static void
receive_tampered_and_on_time (UiApp *f)
{
  g_autofree char *noi_vu = path_in (f, "noi-vu.parscore");
  g_autofree char *tai_chinh = path_in (f, "tai-chinh.parscore");
  g_autofree char *tampered = tampered_copy (f, "tai-chinh.parscore", "tampered.parscore");
  g_autofree char *cut = truncated_copy (f, "noi-vu.parscore", "cut.parscore");
  const char *paths[] = { noi_vu, tampered, cut, tai_chinh, NULL };
  GtkWidget *summary = drop_packages (f, paths);
  g_autoptr(GPtrArray) rows = summary_rows (summary);

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstr (summary_row_of (rows, "noi-vu.parscore"), ==,
                   "noi-vu.parscore\nsubmission of “Sở Nội vụ”, received");
  g_assert_cmpstr (summary_row_of (rows, "tai-chinh.parscore"), ==,
                   "tai-chinh.parscore\nsubmission of “Sở Tài chính”, received");
  /* The core's reasons, as they are. */
  assert_contains (summary_row_of (rows, "tampered.parscore"), "changed after it was sealed");
  assert_contains (summary_row_of (rows, "tampered.parscore"), "1.4.2");
  assert_contains (summary_row_of (rows, "tampered.parscore"), "Nothing was imported.");
  assert_contains (summary_row_of (rows, "cut.parscore"), "damaged");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (summary)), ==,
                   "2 Received, 2 Refused");
  ui_save_screenshot (summary, "council-import-summary");
  gtk_window_destroy (GTK_WINDOW (summary));
}

static gboolean
main_settled (gpointer data)
{
  UiApp *f = data;
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (council_page (f)));

  return !gtk_stack_get_transition_running (GTK_STACK (stack)) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "main") == 0;
}

static void
wait_settled_main (UiApp *f)
{
  g_assert_true (ui_wait_for (main_settled, f, UI_WAIT_MS));
}

/* Opens @unit's year from the Council table (the Appraise button's action) at @code. */
static void
open_unit_at (UiApp          *f,
              ParCouncilPage *page,
              const char     *unit,
              const char     *code)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-council", NULL) ||
                 g_strcmp0 (par_window_get_page_name (f->window), "council") == 0);
  g_assert_true (par_council_page_select_unit (page, unit));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-council", NULL));
  g_assert_nonnull (par_window_get_model (f->window));
  g_assert_cmpstr (par_assessment_model_get_assessment (par_window_get_model (f->window))->framework_id,
                   ==, SET_ID);
  {
    /* Imported after the window opened: the unit list follows, and names the unit opened.
     * The sidebar's first dropdown is the unit's. */
    GtkDropDown *units = GTK_DROP_DOWN (ui_find_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN));
    GtkStringObject *item = gtk_drop_down_get_selected_item (units);

    g_assert_cmpstr (gtk_string_object_get_string (item), ==, unit);
  }
  ui_pick (f, code);
}

/* The unit's figures are read-only for the council; its column is not. */
static void
assert_self_read_only (UiApp *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint inputs = 0;

  g_assert_true (par_assessment_model_is_locked (par_window_get_model (f->window)));
  g_assert_true (gtk_widget_get_visible (ui_named (f, "council")));
  ui_collect_type (ui_page (f), ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = rows->pdata[i];
      const char *name = gtk_widget_get_name (row);

      if (g_strcmp0 (name, "appraised") == 0 || g_strcmp0 (name, "council-comment") == 0)
        g_assert_true (gtk_widget_is_sensitive (row));
      else if (g_strcmp0 (name, "survey") != 0)
        {
          g_assert_false (gtk_widget_is_sensitive (row));
          inputs++;
        }
    }
  g_assert_cmpuint (inputs, >, 0);
}

static AdwPreferencesGroup *
results_group (UiApp *f)
{
  GtkWidget *group = gtk_widget_get_ancestor (ui_find_named (ui_page (f), "appraised"),
                                              ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return ADW_PREFERENCES_GROUP (group);
}

/* Waits until what was typed is on disk. */
static void
wait_saved (UiApp *f)
{
  g_assert_true (ui_wait_for (ui_writer_idle, f, UI_WAIT_MS));
  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
}

/* One value read from the council's database with a connection of its own. */
static void
assert_fact (UiApp      *f,
             const char *sql,
             const char *expected)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpstr (value, ==, expected);
  g_free (value);
}

/* --- the unit's side ----------------------------------------------------------------------- */

static gboolean
reply_page_shown (gpointer data)
{
  UiApp *f = data;
  GtkWidget *page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_COUNCIL_REPLY_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) &&
         !gtk_stack_get_transition_running (GTK_STACK (gtk_widget_get_parent (page)));
}

static gboolean
reply_page_idle (gpointer data)
{
  return !par_council_reply_page_is_busy (data);
}

static void council_sql (UiApp *f, const char *sql);

/* Round 1 appraised and closed by the council (CLI), the appraisal of Sở Nội vụ returned; the
 * window then opens Sở Nội vụ's own database, as its coordinator does. @reply_days: the reply
 * deadline, in days from today (the round is made with 40). */
static void
open_as_unit_with (UiApp *f,
                   int    reply_days)
{
  g_autofree char *noi_vu = path_in (f, "noi-vu.parscore");
  g_autofree char *appraisal = path_in (f, "noi-vu-appraisal.parscore");

  cli (f, f->db, "round", "receive", noi_vu, NULL);
  cli (f, f->db, "round", "score", "--unit", "Sở Nội vụ", "--code", "1.4.2", "--appraised", "0.5",
       "--comment", "Thiếu báo cáo quý III", NULL);
  cli (f, f->db, "round", "close", NULL);
  if (reply_days != 40)
    {
      g_autofree char *day = day_from_today (reply_days);
      g_autofree char *sql = g_strdup_printf ("UPDATE rounds SET reply_deadline = '%s'", day);

      council_sql (f, sql);
    }
  cli (f, f->db, "round", "return", "--unit", "Sở Nội vụ", "-o", appraisal, NULL);
  ui_app_close (f);
  g_free (f->db);
  f->db = path_in (f, "noi-vu.db");
  ui_app_open (f);
}

static void
open_as_unit (UiApp *f)
{
  open_as_unit_with (f, 40);
}

/* A statement on the council's database, as its own office might (a deadline moved). */
static void
council_sql (UiApp      *f,
             const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static ParCouncilReplyPage *
import_appraisal (UiApp      *f,
                  const char *name)
{
  g_autofree char *path = path_in (f, name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  par_window_import_appraisal (f->window, file);
  g_assert_true (ui_wait_for (reply_page_shown, f, UI_WAIT_MS));
  return PAR_COUNCIL_REPLY_PAGE (ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_COUNCIL_REPLY_PAGE));
}

static gboolean
scrollable (gpointer data)
{
  GtkAdjustment *v = data;

  return gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 100;
}

/* The coordinator imports the council's appraisal, reads the difference and the comment,
 * replies and saves the reply package; a tampered appraisal is refused with its reason. */
static void
test_unit_reply (UiApp         *f,
                 gconstpointer  data)
{
  g_autofree char *bad = NULL;
  g_autofree char *reply_path = path_in (f, "noi-vu-reply.parscore");
  ParCouncilReplyPage *page;
  g_autoptr(GPtrArray) codes = NULL;
  GtkEditable *reply;

  open_as_unit (f);
  g_assert_cmpstr (par_window_get_page_name (f->window), !=, "council");
  /* Not a council's database: no Council mode, but the unit's side of the round. */
  g_assert_false (gtk_widget_get_visible (ui_named (f, "council")));

  bad = tampered_copy (f, "noi-vu-appraisal.parscore", "bad-appraisal.parscore");
  {
    g_autoptr(GFile) file = g_file_new_for_path (bad);
    GtkWidget *dialog;

    par_window_import_appraisal (f->window, file);
    dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                     "The Appraisal Was Not Imported");
    assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                     "changed after it was sealed");
    assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1.4.2");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  assert_fact (f, "SELECT count (*) FROM entries WHERE appraised_score IS NOT NULL", "0");

  page = import_appraisal (f, "noi-vu-appraisal.parscore");
  assert_fact (f, "SELECT status FROM assessments", "appraised");
  codes = par_council_reply_page_get_codes (page);
  g_assert_cmpuint (codes->len, ==, 1);
  g_assert_cmpstr (codes->pdata[0], ==, "1.4.2");
  g_assert_cmpstr (par_council_reply_page_get_line (page, "1.4.2"), ==,
                   "Yours 1.00 · council 0.50 of 1.00 — Thiếu báo cáo quý III");
  /* The appraisal carried the round's reply deadline: the same countdown as the council's. */
  {
    g_autofree char *due = dmy_from_today (40);
    g_autofree char *text = g_strdup_printf ("Replies due %s: 40 days left", due);

    g_assert_cmpstr (par_council_reply_page_get_deadline_text (page), ==, text);
    g_assert_false (par_council_reply_page_is_late (page));
    g_assert_false (gtk_widget_get_visible (ui_named (f, "appraisal-late")));
  }
  g_assert_nonnull (par_chart_view_get_model (PAR_CHART_VIEW (ui_find_type (GTK_WIDGET (page),
                                                                            PAR_TYPE_CHART_VIEW))));

  /* A reply, kept when applied (Enter or the tick). */
  reply = par_council_reply_page_get_reply_entry (page, "1.4.2");
  ui_type_into (GTK_WIDGET (reply), "Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
  g_signal_emit_by_name (reply, "apply");
  g_assert_true (ui_wait_for (reply_page_idle, page, UI_WAIT_MS));
  assert_fact (f, "SELECT code || ': ' || text FROM replies",
               "1.4.2: Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
  ui_app_screenshot (f, "council-unit-reply");

  /* Evidence with the reply, from the button beside it: a document and its file, as the CLI's
   * `reply --document … --kind … --file …` adds them (par_store_add_reply_document ()). */
  {
    g_autofree char *pdf = ui_write_file (f, "bc quý 3.pdf", "%PDF-1.4 Báo cáo quý III\n");
    g_autofree char *size = g_format_size (strlen ("%PDF-1.4 Báo cáo quý III\n"));
    g_autofree char *line = g_strdup_printf ("BC 12/BC-SNV — Báo cáo CCHC quý III năm 2024 · "
                                             "bc quý 3.pdf (%s)", size);
    GtkWidget *dialog;

    gtk_widget_activate (ui_named (f, "evidence-1.4.2"));
    dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "reply-evidence");
    assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "1.4.2");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    ui_type_into (ui_find_named (dialog, "evidence-number"), "12/BC-SNV");
    ui_type_into (ui_find_named (dialog, "evidence-kind"), "BC");
    ui_type_into (ui_find_named (dialog, "evidence-summary"), "Báo cáo CCHC quý III năm 2024");
    par_council_reply_evidence_dialog_add_file (dialog, pdf);
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_find_named (dialog,
                                                                                 "evidence-files"))),
                     ==, "bc quý 3.pdf");
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (ui_wait_for (reply_page_idle, page, UI_WAIT_MS));
    assert_fact (f, "SELECT d.kind || ' ' || d.number || ' ' || a.original_name || ' ' || l.code "
                    "FROM documents d JOIN evidence_links l ON l.document_id = d.id "
                    "JOIN attachments a ON a.document_id = d.id", "BC 12/BC-SNV bc quý 3.pdf 1.4.2");
    assert_fact (f, "SELECT count (*) FROM audit_log WHERE what LIKE 'assessment % reply 1.4.2 "
                    "evidence %'", "1");
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (ui_named (f, "evidence-row-1.4.2"))),
                     ==, line);
    /* The reply typed before is still there, read back from the store. */
    g_assert_cmpstr (gtk_editable_get_text (par_council_reply_page_get_reply_entry (page, "1.4.2")),
                     ==, "Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
    ui_app_screenshot (f, "council-unit-reply-evidence");
  }

  /* The reply package: sealed, of kind reply, readable by the council. */
  g_assert_true (par_council_reply_page_save_package_to (page, reply_path));
  g_assert_true (ui_wait_for (reply_page_idle, page, UI_WAIT_MS));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ParPackage) package = par_package_open (reply_path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (par_package_get_info (package)->kind, ==, PAR_PACKAGE_REPLY);
    g_assert_cmpstr (par_package_get_info (package)->unit_name, ==, "Sở Nội vụ");
  }
  /* Esc goes back to scoring. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-appraisal", NULL));
  g_assert_cmpstr (par_window_get_page_name (f->window), !=, "appraisal");

  /* The council receives the reply: round 2's editor shows the evidence next to the reply. */
  {
    g_autofree char *council = path_in (f, "hội đồng.db");
    g_autofree char *size = g_format_size (strlen ("%PDF-1.4 Báo cáo quý III\n"));
    g_autofree char *expected = g_strdup_printf ("Đã gửi đủ báo cáo quý III, số 12/BC-SNV\n"
                                                 "Evidence: BC 12/BC-SNV — Báo cáo CCHC quý III "
                                                 "năm 2024 · bc quý 3.pdf (%s)", size);
    GtkWidget *reply_row;

    cli (f, council, "round", "receive", reply_path, NULL);
    ui_app_close (f);
    g_free (f->db);
    f->db = g_steal_pointer (&council);
    ui_app_open (f);
    open_unit_at (f, council_page (f), "Sở Nội vụ", "1.4.2");
    reply_row = ui_find_named (ui_page (f), "unit-reply");
    g_assert_true (gtk_widget_get_visible (reply_row));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (reply_row)), ==, expected);
    wait_settled_main (f);
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (ui_find_named (ui_page (f), "appraised"),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      /* Laid out first: the council's rows are below the page's first screen. */
      g_assert_true (ui_wait_for (scrollable, v, UI_WAIT_MS));
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      ui_wait_frame (GTK_WIDGET (f->window));
    }
    ui_app_screenshot (f, "council-round2-evidence");
  }
}

/* Past the reply deadline: the page counts how long ago it passed and says the reply will be
 * marked late; saving says so first; the reply still goes, and the council marks it late. */
static void
test_late_reply (UiApp         *f,
                 gconstpointer  data)
{
  g_autofree char *reply_path = path_in (f, "noi-vu-reply.parscore");
  g_autofree char *due = dmy_from_today (-2);
  g_autofree char *text = g_strdup_printf ("Replies due %s: overdue by 2 days", due);
  g_autofree char *council = NULL;
  ParCouncilReplyPage *page;
  GtkEditable *reply;
  GtkWidget *dialog;

  open_as_unit_with (f, -2);
  page = import_appraisal (f, "noi-vu-appraisal.parscore");
  g_assert_cmpstr (par_council_reply_page_get_deadline_text (page), ==, text);
  g_assert_true (par_council_reply_page_is_late (page));
  g_assert_true (gtk_widget_get_visible (ui_named (f, "appraisal-late")));
  g_assert_true (gtk_widget_has_css_class (ui_named (f, "appraisal-deadline"), "error"));

  reply = par_council_reply_page_get_reply_entry (page, "1.4.2");
  ui_type_into (GTK_WIDGET (reply), "Báo cáo quý III gửi ngày 20/10, số 12/BC-SNV");
  g_signal_emit_by_name (reply, "apply");
  g_assert_true (ui_wait_for (reply_page_idle, page, UI_WAIT_MS));
  ui_app_screenshot (f, "council-unit-reply-late");

  /* Saving says plainly that the council will mark it late, before anything is asked. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save-reply-package",
                                             NULL));
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "late-reply");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "The Reply Deadline Has Passed");
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), due);
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "marks it late");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Saved all the same; the council receives it, marked late, not lost. */
  g_assert_true (par_council_reply_page_save_package_to (page, reply_path));
  g_assert_true (ui_wait_for (reply_page_idle, page, UI_WAIT_MS));
  council = path_in (f, "hội đồng.db");
  cli (f, council, "round", "receive", reply_path, NULL);
  g_free (f->db);
  f->db = g_steal_pointer (&council);
  assert_fact (f, "SELECT kind || ' late ' || late FROM round_packages WHERE kind = 'reply'",
               "reply late 1");
  assert_fact (f, "SELECT text FROM replies", "Báo cáo quý III gửi ngày 20/10, số 12/BC-SNV");
}

/* A later submission of a year the council holds: the summary lists what it changes and offers
 * Replace; replacing receives it with PAR_PACKAGE_IMPORT_REPLACE on the writer's thread — the
 * year replaced, audited with the package, both packages kept with the round. */
static void
test_replace (UiApp         *f,
              gconstpointer  data)
{
  g_autofree char *first = path_in (f, "noi-vu.parscore");
  g_autofree char *later = path_in (f, "noi-vu (2).parscore");
  g_autofree char *csv = ui_write_file (f, "noi-vu-2.csv", "code,inputs\n1.4.2,items=3\n");
  const char *paths[] = { later, NULL };
  g_autoptr(GPtrArray) rows = NULL;
  GtkWidget *summary;

  cli (f, f->db, "round", "receive", first, NULL);
  cli (f, "noi-vu.db", "unlock", "--unit", "1", "--year", "2024", "--reason",
       "sửa số liệu 1.4.2", NULL);
  cli (f, "noi-vu.db", "import-csv", "--unit", "1", "--year", "2024", csv, NULL);
  cli (f, "noi-vu.db", "submit", "--unit", "1", "--year", "2024", "--package", later, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-council", NULL));

  /* The import waits for the answer: Replace, or the summary closed. */
  summary = drop_packages_full (f, paths, FALSE);
  g_assert_true (par_council_page_is_busy (council_page (f)));
  rows = summary_rows (summary);
  assert_contains (summary_row_of (rows, "noi-vu (2).parscore"),
                   "2024 of “Sở Nội vụ” is here already; nothing was imported.");
  assert_contains (summary_row_of (rows, "noi-vu (2).parscore"), "This package changes");
  assert_contains (summary_row_of (rows, "noi-vu (2).parscore"), "1.4.2");
  assert_contains (summary_row_of (rows, "noi-vu (2).parscore"), "\"15\" when sealed, \"3\" now.");
  assert_contains (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (summary)), "Replace");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (summary), "replace"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (summary), "replace"),
                   ==, "_Replace 1 Year");
  assert_fact (f, "SELECT e.inputs FROM entries e JOIN assessments a ON a.id = e.assessment_id "
                  "JOIN units u ON u.id = a.unit_id WHERE u.name = 'Sở Nội vụ' AND e.code = '1.4.2'",
               "{\"items\":\"15\"}");
  ui_save_screenshot (summary, "council-replace");

  /* Confirmed: received again, replacing the year. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (summary), "replace");
  gtk_window_destroy (GTK_WINDOW (summary));
  summary = NULL;
  g_assert_true (ui_wait_for (has_summary, &summary, UI_WAIT_MS));
  g_assert_true (ui_wait_for (page_idle, council_page (f), UI_WAIT_MS));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = summary_rows (summary);
  g_assert_cmpstr (summary_row_of (rows, "noi-vu (2).parscore"), ==,
                   "noi-vu (2).parscore\nsubmission of “Sở Nội vụ”, received");
  g_assert_false (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (summary), "replace"));
  gtk_window_destroy (GTK_WINDOW (summary));
  assert_fact (f, "SELECT e.inputs FROM entries e JOIN assessments a ON a.id = e.assessment_id "
                  "JOIN units u ON u.id = a.unit_id WHERE u.name = 'Sở Nội vụ' AND e.code = '1.4.2'",
               "{\"items\":\"3\"}");
  assert_fact (f, "SELECT count (*) FROM assessments a JOIN units u ON u.id = a.unit_id "
                  "WHERE u.name = 'Sở Nội vụ'", "1");
  assert_fact (f, "SELECT count (*) FROM audit_log WHERE what LIKE 'assessment % removed%' AND "
                  "reason LIKE 'imported from the package noi-vu (2).parscore (seal %'", "1");
  assert_fact (f, "SELECT count (*) FROM round_packages WHERE unit_name = 'Sở Nội vụ'", "2");

  /* Closed without Replace: nothing replaced, and the page is done with the import. */
  summary = drop_packages_full (f, paths, FALSE);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (summary), "close");
  gtk_window_destroy (GTK_WINDOW (summary));
  g_assert_true (ui_wait_for (page_idle, council_page (f), UI_WAIT_MS));
  assert_fact (f, "SELECT count (*) FROM audit_log WHERE what LIKE 'assessment % removed%'", "1");
}

/* The whole round, as the council goes through it in the app. */
static void
test_round (UiApp         *f,
            gconstpointer  data)
{
  ParCouncilPage *page;
  g_autofree char *today = dmy_from_today (0);
  g_autofree char *late_day = dmy_from_today (5);
  g_autofree char *deadline = dmy_from_today (3);
  g_autofree char *reply_deadline = dmy_from_today (40);
  g_autofree char *text = NULL;

  /* A council's database opens in Council mode: the late package is marked. */
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "council");
  page = council_page (f);
  g_assert_cmpuint (par_council_page_get_n_units (page), ==, 1);
  assert_row (page, 0, "Sở Y tế", "submitted", late_day, "submitted late", "0.68 %", "—");
  g_assert_cmpstr (par_council_page_get_stage_text (page), ==,
                   "Round 1: submissions and the council’s appraisal");
  text = g_strdup_printf ("Submissions due %s: 3 days left", deadline);
  g_assert_cmpstr (par_council_page_get_deadline_text (page), ==, text);
  g_clear_pointer (&text, g_free);

  /* Four packages dropped at once: two pass, a tampered and a truncated one are refused with
   * the core's reasons and leave nothing behind. */
  receive_tampered_and_on_time (f);
  g_assert_cmpuint (par_council_page_get_n_units (page), ==, 3);
  assert_row (page, 0, "Sở Nội vụ", "submitted", today, "", "1.37 %", "—");
  assert_row (page, 1, "Sở Tài chính", "submitted", today, "", "1.37 %", "—");
  assert_row (page, 2, "Sở Y tế", "submitted", late_day, "submitted late", "0.68 %", "—");
  wait_settled (f);
  ui_app_screenshot (f, "council-units");

  /* Round 1: the council appraises Sở Nội vụ in the editor (score and comment), the others
   * with the CLI (the same core call). */
  open_unit_at (f, page, "Sở Nội vụ", "1.4.2");
  assert_self_read_only (f);
  g_assert_cmpstr (adw_preferences_group_get_description (results_group (f)), ==,
                   "Round 1 of 2024: the council’s appraised score and comment.");
  ui_type_into (ui_find_named (ui_page (f), "appraised"), "0.5");
  ui_type_into (ui_find_named (ui_page (f), "council-comment"), "Thiếu báo cáo quý III");
  wait_saved (f);
  assert_fact (f, "SELECT appraised_score || '|' || comment FROM entries WHERE code = '1.4.2' "
                 "AND assessment_id = (SELECT a.id FROM assessments a JOIN units u ON "
                 "u.id = a.unit_id WHERE u.name = 'Sở Nội vụ')", "50|Thiếu báo cáo quý III");
  /* The audit log names the round. */
  assert_fact (f, "SELECT reason FROM audit_log WHERE what LIKE 'assessment % entry 1.4.2 "
                 "appraised score' ORDER BY id DESC LIMIT 1", "round 1");
  /* The council never unlocks a unit's year: its self scores stay the unit's. */
  g_assert_false (ui_has_dialog (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL);
  g_assert_false (ui_has_dialog (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-council", NULL));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "council");
  cli (f, f->db, "round", "score", "--unit", "Sở Tài chính", "--code", "1.4.2", "--appraised", "1", NULL);
  cli (f, f->db, "round", "score", "--unit", "Sở Y tế", "--code", "1.4.2", "--appraised", "0.5", NULL);

  /* Nothing goes back while round 1 is open. */
  g_assert_true (par_council_page_select_unit (page, "Sở Nội vụ"));
  g_assert_false (par_council_page_return_to (page, "early.parscore"));
  close_round (f);
  /* Final: the appraised score where the council entered one (1.4.2 here), else the unit's
   * own — Sở Nội vụ's 1.4.2 at 0.50 instead of its 1.00 takes 1.37 % to 0.68 % (of 73 points);
   * Sở Tài chính's appraised as scored keeps 1.37 %. */
  assert_row (page, 0, "Sở Nội vụ", "round 1 done", today, "", "1.37 %", "0.68 %");
  assert_row (page, 1, "Sở Tài chính", "round 1 done", today, "", "1.37 %", "1.37 %");
  assert_row (page, 2, "Sở Y tế", "round 1 done", late_day, "submitted late", "0.68 %", "0.68 %");
  g_assert_cmpstr (par_council_page_get_stage_text (page), ==,
                   "Round 2: the units’ replies and the final scores");
  text = g_strdup_printf ("Replies due %s: 40 days left", reply_deadline);
  g_assert_cmpstr (par_council_page_get_deadline_text (page), ==, text);
  g_clear_pointer (&text, g_free);

  /* The appraisal goes back to Sở Nội vụ as a sealed package; the unit imports it and replies
   * (its own database, with the CLI), and its reply package is dropped on the window. */
  {
    g_autofree char *returned = path_in (f, "noi-vu-appraisal.parscore");
    g_autofree char *reply = path_in (f, "noi-vu-reply.parscore");
    const char *paths[] = { reply, NULL };
    GtkWidget *summary;
    g_autoptr(GPtrArray) rows = NULL;

    g_assert_true (par_council_page_select_unit (page, "Sở Nội vụ"));
    g_assert_true (par_council_page_return_to (page, returned));
    g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
    cli (f, "noi-vu.db", "package", "import", returned, NULL);
    cli (f, "noi-vu.db", "reply", "--unit", "1", "--year", "2024", "--code", "1.4.2", "--text",
         "Đã gửi đủ báo cáo quý III, số 12/BC-SNV", NULL);
    cli (f, "noi-vu.db", "package", "export", "--kind", "reply", "--unit", "1", "--year", "2024",
         "-o", reply, NULL);
    summary = drop_packages (f, paths);
    rows = summary_rows (summary);
    g_assert_cmpstr (summary_row_of (rows, "noi-vu-reply.parscore"), ==,
                     "noi-vu-reply.parscore\nreply of “Sở Nội vụ”, received");
    gtk_window_destroy (GTK_WINDOW (summary));
  }
  assert_row (page, 0, "Sở Nội vụ", "replied", today, "", "1.37 %", "0.68 %");

  /* Round 2: the reply beside the round-1 score; the council fixes the final score. */
  open_unit_at (f, page, "Sở Nội vụ", "1.4.2");
  {
    GtkWidget *reply = ui_find_named (ui_page (f), "unit-reply");

    g_assert_true (gtk_widget_get_visible (reply));
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (reply)), ==,
                     "Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (ui_page (f), "appraised"))),
                     ==, "0.50");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (ui_page (f), "council-comment"))),
                     ==, "Thiếu báo cáo quý III");
    wait_settled_main (f);
    /* The council's part of the page, scrolled to as the focus moves there. */
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (ui_find_named (ui_page (f), "appraised"),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
      ui_wait_frame (GTK_WIDGET (f->window));
    }
    ui_app_screenshot (f, "council-round2-editor");
  }
  ui_type_into (ui_find_named (ui_page (f), "appraised"), "1");
  wait_saved (f);
  assert_fact (f, "SELECT reason FROM audit_log WHERE what LIKE 'assessment % entry 1.4.2 "
                 "appraised score' ORDER BY id DESC LIMIT 1", "round 2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-council", NULL));

  /* The ranking: the one ranking function's ties, 1=, 1=, 3. */
  par_council_page_set_view (page, "ranking");
  par_council_page_reload (page);
  g_assert_cmpuint (par_council_page_get_n_ranked (page), ==, 3);
  assert_rank (page, 0, "1=", "Sở Nội vụ", "1.37 %");
  assert_rank (page, 1, "1=", "Sở Tài chính", "1.37 %");
  assert_rank (page, 2, "3", "Sở Y tế", "0.68 %");
  g_assert_nonnull (par_chart_view_get_model (par_council_page_get_chart_view (page)));
  wait_settled (f);
  ui_app_screenshot (f, "council-ranking");
  /* Filtered by level: no district in this round. */
  par_council_page_set_ranking_levels (page, PAR_LEVEL_DISTRICT);
  g_assert_cmpuint (par_council_page_get_n_ranked (page), ==, 0);
  par_council_page_set_ranking_levels (page, PAR_LEVEL_DEPARTMENT);
  g_assert_cmpuint (par_council_page_get_n_ranked (page), ==, 3);
  par_council_page_set_view (page, "units");

  /* Round 2 closed: final, locked, and shown so. */
  close_round (f);
  assert_row (page, 0, "Sở Nội vụ", "final", today, "", "1.37 %", "1.37 %");
  g_assert_cmpstr (par_council_page_get_deadline_text (page), ==,
                   "Both rounds are closed: the scores are final and locked.");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.council-close-round", NULL);
  g_assert_false (ui_has_dialog (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "council");
  wait_settled (f);
  ui_app_screenshot (f, "council-closed");

  /* The council's report and its score table, from the council menu's action. */
  {
    g_autofree char *pdf = path_in (f, "báo cáo.pdf");
    g_autofree char *xlsx = path_in (f, "bảng điểm.xlsx");
    g_autofree char *bytes = NULL;
    gsize length = 0;

    g_assert_true (par_council_page_export_report_to (page, pdf));
    g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
    g_assert_true (g_file_get_contents (pdf, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 1000);
    g_assert_true (g_str_has_prefix (bytes, "%PDF-"));
    g_clear_pointer (&bytes, g_free);
    g_assert_true (par_council_page_export_report_to (page, xlsx));
    g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
    g_assert_true (g_file_get_contents (xlsx, &bytes, &length, NULL));
    g_assert_true (length > 4 && memcmp (bytes, "PK\x03\x04", 4) == 0);
  }

  /* The editor refuses the council's column of a closed round, and says why. */
  open_unit_at (f, page, "Sở Nội vụ", "1.4.2");
  g_assert_false (gtk_widget_is_sensitive (ui_find_named (ui_page (f), "appraised")));
  g_assert_false (gtk_widget_is_sensitive (ui_find_named (ui_page (f), "council-comment")));
  g_assert_cmpstr (adw_preferences_group_get_description (results_group (f)), ==,
                   "Round 2 of 2024 is closed: the final scores are locked.");
}

/* The Council mode as it looks, in the language of the run (LANGUAGE=vi for Vietnamese). */
static void
test_screenshot (UiApp         *f,
                 gconstpointer  data)
{
  ParCouncilPage *page = council_page (f);
  const char *language = g_getenv ("LANGUAGE");
  const char *lang = language != NULL && language[0] != '\0' ? language : "en";
  g_autofree char *units = g_strdup_printf ("council-units-%s", lang);
  g_autofree char *ranking = g_strdup_printf ("council-ranking-%s", lang);
  g_autofree char *summary_name = g_strdup_printf ("council-import-summary-%s", lang);
  g_autofree char *noi_vu = path_in (f, "noi-vu.parscore");
  g_autofree char *tai_chinh = path_in (f, "tai-chinh.parscore");
  g_autofree char *tampered = tampered_copy (f, "tai-chinh.parscore", "tampered.parscore");
  const char *paths[] = { noi_vu, tampered, tai_chinh, NULL };
  GtkWidget *summary = drop_packages (f, paths);

  ui_save_screenshot (summary, summary_name);
  gtk_window_destroy (GTK_WINDOW (summary));
  g_assert_cmpuint (par_council_page_get_n_units (page), ==, 3);
  wait_settled (f);
  ui_app_screenshot (f, units);
  /* Switched before the scores come in: the switcher's buttons have ended their transition by
   * the time the ranking is drawn. */
  par_council_page_set_view (page, "ranking");
  cli (f, f->db, "round", "score", "--unit", "Sở Nội vụ", "--code", "1.4.2", "--appraised", "0.5",
       "--comment", "Thiếu báo cáo quý III", NULL);
  cli (f, f->db, "round", "score", "--unit", "Sở Tài chính", "--code", "1.4.2", "--appraised", "1", NULL);
  cli (f, f->db, "round", "score", "--unit", "Sở Y tế", "--code", "1.4.2", "--appraised", "0.5", NULL);
  par_council_page_reload (page);
  g_assert_cmpuint (par_council_page_get_n_ranked (page), ==, 3);
  wait_settled (f);
  ui_app_screenshot (f, ranking);

  /* A later package of Sở Nội vụ (made from a copy of its database): the Replace offer. */
  {
    g_autofree char *name = g_strdup_printf ("council-replace-%s", lang);
    g_autofree char *copy = path_in (f, "noi-vu-copy.db");
    g_autofree char *later = path_in (f, "noi-vu (2).parscore");
    g_autofree char *csv = ui_write_file (f, "noi-vu-2.csv", "code,inputs\n1.4.2,items=3\n");
    g_autofree char *original = path_in (f, "noi-vu.db");
    g_autofree char *bytes = NULL;
    const char *again[] = { later, NULL };
    gsize length;

    g_assert_true (g_file_get_contents (original, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (copy, bytes, length, NULL));
    cli (f, copy, "unlock", "--unit", "1", "--year", "2024", "--reason", "sửa số liệu 1.4.2", NULL);
    cli (f, copy, "import-csv", "--unit", "1", "--year", "2024", csv, NULL);
    cli (f, copy, "submit", "--unit", "1", "--year", "2024", "--package", later, NULL);
    summary = drop_packages_full (f, again, FALSE);
    ui_save_screenshot (summary, name);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (summary), "close");
    gtk_window_destroy (GTK_WINDOW (summary));
    g_assert_true (ui_wait_for (page_idle, page, UI_WAIT_MS));
  }

  /* The unit's side, in the same language. */
  {
    g_autofree char *unit = g_strdup_printf ("council-unit-reply-%s", lang);
    ParCouncilReplyPage *reply_page;
    GtkEditable *reply;

    cli (f, f->db, "round", "close", NULL);
    cli (f, f->db, "round", "return", "--unit", "Sở Nội vụ", "-o", "noi-vu-appraisal.parscore", NULL);
    ui_app_close (f);
    g_free (f->db);
    f->db = path_in (f, "noi-vu.db");
    ui_app_open (f);
    reply_page = import_appraisal (f, "noi-vu-appraisal.parscore");
    reply = par_council_reply_page_get_reply_entry (reply_page, "1.4.2");
    g_assert_nonnull (reply);
    ui_type_into (GTK_WIDGET (reply), "Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
    g_signal_emit_by_name (reply, "apply");
    g_assert_true (ui_wait_for (reply_page_idle, reply_page, UI_WAIT_MS));
    /* Shown again as the coordinator finds it the next time: the reply read from the store. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-appraisal", NULL));
    g_assert_cmpstr (gtk_editable_get_text (par_council_reply_page_get_reply_entry (reply_page, "1.4.2")),
                     ==, "Đã gửi đủ báo cáo quý III, số 12/BC-SNV");
    ui_app_screenshot (f, unit);
  }

  /* Evidence with the reply, then the council's round-2 editor beside it. */
  {
    g_autofree char *unit = g_strdup_printf ("council-unit-reply-evidence-%s", lang);
    g_autofree char *editor = g_strdup_printf ("council-round2-evidence-%s", lang);
    g_autofree char *pdf = ui_write_file (f, "bc quý 3.pdf", "%PDF-1.4 Báo cáo quý III\n");
    g_autofree char *reply_path = path_in (f, "noi-vu-reply.parscore");
    g_autofree char *council = path_in (f, "hội đồng.db");
    const char *files[] = { pdf, NULL };
    ParDocument document = { 0, .kind = (char *) "BC", .number = (char *) "12/BC-SNV",
                             .summary = (char *) "Báo cáo CCHC quý III năm 2024" };
    ParCouncilReplyPage *reply_page = PAR_COUNCIL_REPLY_PAGE (ui_find_type (GTK_WIDGET (f->window),
                                                                            PAR_TYPE_COUNCIL_REPLY_PAGE));
    GtkAdjustment *v;

    g_assert_true (par_council_reply_page_add_evidence (reply_page, "1.4.2", &document, files));
    g_assert_true (ui_wait_for (reply_page_idle, reply_page, UI_WAIT_MS));
    g_assert_nonnull (ui_named (f, "evidence-row-1.4.2"));
    ui_app_screenshot (f, unit);
    g_assert_true (par_council_reply_page_save_package_to (reply_page, reply_path));
    g_assert_true (ui_wait_for (reply_page_idle, reply_page, UI_WAIT_MS));
    cli (f, council, "round", "receive", reply_path, NULL);
    ui_app_close (f);
    g_free (f->db);
    f->db = g_steal_pointer (&council);
    ui_app_open (f);
    open_unit_at (f, council_page (f), "Sở Nội vụ", "1.4.2");
    wait_settled_main (f);
    v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
          gtk_widget_get_ancestor (ui_find_named (ui_page (f), "appraised"),
                                   GTK_TYPE_SCROLLED_WINDOW)));
    g_assert_true (ui_wait_for (scrollable, v, UI_WAIT_MS));
    gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
    ui_wait_frame (GTK_WIDGET (f->window));
    ui_app_screenshot (f, editor);
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The catalogs of the build tree: the council-vi run's screenshots are in Vietnamese. */
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  /* Screenshots show the end state of what changed, not a CSS transition halfway. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add ("/council/round", UiApp, NULL, setup, test_round, ui_app_teardown);
  g_test_add ("/council/unit-reply", UiApp, NULL, setup, test_unit_reply, ui_app_teardown);
  g_test_add ("/council/late-reply", UiApp, NULL, setup, test_late_reply, ui_app_teardown);
  g_test_add ("/council/replace", UiApp, NULL, setup, test_replace, ui_app_teardown);
  g_test_add ("/council/screenshot", UiApp, NULL, setup, test_screenshot, ui_app_teardown);
  return g_test_run ();
}
