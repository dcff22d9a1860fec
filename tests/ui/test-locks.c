/* test-locks.c — the app keeps its database locks while its own file chooser lists the
 * database's folder (issue 9 #1).
 *
 * The user's scenario, as the audit saw it: the app has the database open; the user opens a
 * file chooser on the folder holding it (GTK 4.8 sniffs the content type of every file it
 * lists, i.e. opens and closes the database in the app's process); a plain `sqlite3` reads the
 * database from a terminal; the user types an edit and sees "Saved"; the app is killed. The
 * edit must be in the database afterwards.
 *
 * The app runs in a child (g_test_trap_subprocess), which kills itself with SIGKILL once the
 * window says "Saved"; the parent then reads the database as the next start would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-application.h"
#include "par-criterion-page.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"
#include "par-test-util.h"

#define ENV_DB "PARSCORE_TEST_LOCKS_DB"
#define ENV_ASSESSMENT "PARSCORE_TEST_LOCKS_ASSESSMENT"

/* --- the child: the app, as the user drives it ------------------------------------------ */

typedef struct {
  ParApplication *app;
  ParWindow      *window;
  GtkLabel       *save_label;
  int             inotify_fd;
  gboolean        sniffed;
} App;

static gboolean
window_mapped (gpointer data)
{
  App *a = data;
  return a->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (a->window));
}

static void
type_into (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), "");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;
      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
      g_main_context_iteration (NULL, FALSE);
    }
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
says_saved (gpointer data)
{
  App *a = data;
  return g_strcmp0 (gtk_label_get_label (a->save_label), "Saved") == 0 &&
         par_writer_get_pending (par_context_get_writer (par_window_get_context (a->window))) == 0;
}

/* Types @value as the number of tasks done and waits until the window says "Saved". */
static void
edit_and_wait_saved (App        *a,
                     const char *value)
{
  GtkWidget *done = ui_find_named (GTK_WIDGET (a->window), "done");

  g_assert_nonnull (done);
  type_into (done, value);
  /* Typing shows "Saving…" at once; "Saved" comes when the writer has committed. */
  a->save_label = find_label (GTK_WIDGET (a->window), "Saving…");
  g_assert_nonnull (a->save_label);
  g_assert_true (ui_wait_for (says_saved, a, 10000));
}

static GtkWidget *
file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return file_chooser () != NULL;
}

static gboolean
chooser_gone (gpointer data)
{
  return file_chooser () == NULL;
}

/* The chooser has opened and closed the database file: an inotify event, whoever did it. */
static gboolean
database_sniffed (gpointer data)
{
  App *a = data;
  char buffer[4096] __attribute__ ((aligned (__alignof__ (struct inotify_event))));
  gssize n;

  while ((n = read (a->inotify_fd, buffer, sizeof buffer)) > 0)
    for (char *p = buffer; p < buffer + n; )
      {
        const struct inotify_event *event = (const struct inotify_event *) p;

        if (event->mask & IN_CLOSE_NOWRITE)
          a->sniffed = TRUE;
        p += sizeof *event + event->len;
      }
  return a->sniffed;
}

/* What a user's terminal does: `sqlite3 DB "SELECT …"` in another process. */
static void
read_from_outside (const char *db)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "sqlite3", db, "SELECT count(*) FROM entries;", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_test_message ("outside sqlite3 read: %s", g_strstrip (out));
}

static void
test_app_child (void)
{
  const char *db = g_getenv (ENV_DB);
  gint64 assessment_id = g_ascii_strtoll (g_getenv (ENV_ASSESSMENT), NULL, 10);
  g_autofree char *dir = g_path_get_dirname (db);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  App a = { 0, };
  GtkWidget *chooser;

  if (!g_test_subprocess ())
    {
      g_test_skip ("runs inside /locks/chooser-outside-read-kill");
      return;
    }
  a.app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (a.app), "vn.parscore.Parscore.TestLocks");
  g_application_set_flags (G_APPLICATION (a.app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (a.app, db);
  g_assert_true (g_application_register (G_APPLICATION (a.app), NULL, &error));
  g_application_activate (G_APPLICATION (a.app));
  a.window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (a.app)));
  g_assert_nonnull (a.window);
  gtk_window_set_default_size (GTK_WINDOW (a.window), 1180, 800);
  g_assert_true (ui_wait_for (window_mapped, &a, 5000));
  g_assert_true (par_window_open_assessment (a.window, assessment_id, &error));
  g_assert_no_error (error);
  g_assert_true (par_window_show_code (a.window, "1.1.1"));

  /* A first edit: the database is open, in WAL mode, with a live -wal. */
  edit_and_wait_saved (&a, "9");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The user opens a file chooser on the database's folder. */
  a.inotify_fd = inotify_init1 (IN_NONBLOCK | IN_CLOEXEC);
  g_assert_cmpint (a.inotify_fd, >=, 0);
  g_assert_cmpint (inotify_add_watch (a.inotify_fd, db, IN_CLOSE_NOWRITE), >=, 0);
  gtk_widget_activate_action (GTK_WIDGET (a.window), "win.import-framework", NULL);
  g_assert_true (ui_wait_for (chooser_shown, NULL, 5000));
  chooser = file_chooser ();
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  /* Listing the folder reads the database file (content-type sniffing) in this process. */
  g_assert_true (ui_wait_for (database_sniffed, &a, 20000));
  g_test_message ("the file chooser opened and closed %s", db);

  /* A terminal reads the database meanwhile. It must see the app's locks and leave the live
   * -wal alone. */
  read_from_outside (db);
  g_print ("live -wal after the outside read: %s\n",
           g_file_test (wal, G_FILE_TEST_EXISTS) ? "yes" : "no");

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (chooser_gone, NULL, 5000));

  /* The user edits again and the window says "Saved"; then the app dies. */
  edit_and_wait_saved (&a, "7");
  g_print ("saved 7, killing the app\n");
  fflush (stdout);
  raise (SIGKILL);
}

/* --- the parent: what the next start finds ----------------------------------------------- */

static void
test_chooser_outside_read_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autofree char *dir = g_dir_make_tmp ("parscore-locks-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "locks.db", NULL);
  g_autofree char *other = g_build_filename (dir, "framework.xml", NULL);
  g_autofree char *id = NULL;
  g_autofree char *stored = NULL;
  sqlite3 *check = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 assessment_id;

  g_assert_no_error (error);
  assessment_id = ui_fixture_create (db, xml, &error);
  g_assert_no_error (error);
  /* Another file the user might be looking for, beside the database. */
  g_assert_true (g_file_set_contents (other, "<x/>", -1, NULL));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, assessment_id);
  g_setenv (ENV_DB, db, TRUE);
  g_setenv (ENV_ASSESSMENT, id, TRUE);
  g_test_trap_subprocess ("/locks/app-child", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_stdout ("*saved 7, killing the app*");
  g_test_trap_assert_failed ();  /* killed, as intended */

  /* The next start: the database is intact and holds the last edit the app said was saved. */
  g_assert_cmpint (sqlite3_open_v2 (db, &check, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (check, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (check);

  stored = ui_fixture_dump_entry (db, assessment_id, "1.1.1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "input done=7\nlinks 0\n");
  /* How: the outside reader saw the app's locks and left its -wal alone. */
  g_test_trap_assert_stdout ("*live -wal after the outside read: yes*");

  par_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/locks/chooser-outside-read-kill", test_chooser_outside_read_kill);
  g_test_add_func ("/locks/app-child", test_app_child);

  return g_test_run ();
}
