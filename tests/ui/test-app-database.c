/* test-app-database.c — the database in the user's hands (issue 10): a second launch with
 * another --db, opening what is not a database, Open Database…, New Database…, and which
 * year a database opens on.
 *
 * The second-launch test runs the real `parscore` program beside this process's instance on
 * the test's private session bus, as a user starting it twice would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-application.h"
#include "par-test-util.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"

typedef struct {
  char           *dir;
  char           *documents;   /* the user's documents folder, in dir */
  char           *db;          /* with one unit and its 2023 year */
  gint64          assessment_id;
  ParApplication *app;
  ParWindow      *window;
} Fixture;

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  return f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void
start_app (Fixture  *f,
           gboolean  unique)
{
  static guint serial;
  g_autoptr(GError) error = NULL;

  f->app = par_application_new ();
  if (!unique)
    {
      /* Each opening its own bus name: a closed instance may linger until the test ends. */
      g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.TestApp%u", ++serial);
      g_application_set_application_id (G_APPLICATION (f->app), app_id);
      g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
    }
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (f->app)));
  g_application_activate (G_APPLICATION (f->app));
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  g_assert_true (ui_wait_for (window_mapped, f, 10000));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-app-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "first.db", NULL);
  /* The documents folder, where the app proposes new databases, is the test's. */
  {
    g_autofree char *config = g_build_filename (f->dir, "config", NULL);
    g_autofree char *dirs = g_build_filename (config, "user-dirs.dirs", NULL);
    g_autofree char *line = NULL;

    f->documents = g_build_filename (f->dir, "Documents", NULL);
    line = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", f->documents);
    g_assert_cmpint (g_mkdir_with_parents (f->documents, 0700), ==, 0);
    g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
    g_assert_true (g_file_set_contents (dirs, line, -1, NULL));
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    g_reload_user_special_dirs_cache ();
    G_GNUC_END_IGNORE_DEPRECATIONS
    g_assert_cmpstr (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS), ==, f->documents);
  }
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->assessment_id, >, 0);
  /* A window of its own for each test, unless the test starts the app itself. */
  if (data == NULL)
    start_app (f, FALSE);
}

static gboolean
no_windows (gpointer data)
{
  return gtk_window_get_toplevels () == NULL
         || g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->app != NULL)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

      /* Every window goes: any dialog left open, then the app's windows, closed as a user
       * does (they write what is pending). */
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          GtkWindow *window = g_list_model_get_item (toplevels, i);

          /* A shortcuts window belongs to its window, and goes with it. */
          if (GTK_IS_SHORTCUTS_WINDOW (window))
            g_object_unref (window);
          else
            g_ptr_array_add (all, window);
        }
      for (guint i = 0; i < all->len; i++)
        if (!PAR_IS_WINDOW (all->pdata[i]))
          gtk_window_destroy (all->pdata[i]);
      for (guint i = 0; i < all->len; i++)
        if (PAR_IS_WINDOW (all->pdata[i]))
          gtk_window_close (all->pdata[i]);
      g_clear_pointer (&all, g_ptr_array_unref);
      g_assert_true (ui_wait_for (no_windows, NULL, 10000));
      g_clear_object (&f->app);
    }
  ui_assert_closed_under (f->dir);
  par_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->documents);
  g_free (f->db);
}

/* Helpers */

static char *
make_database_in (const char *dir,
                  const char *name)
{
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ui_fixture_create (path, xml, &error), >, 0);
  g_assert_no_error (error);
  return path;
}

static char *
make_database (Fixture    *f,
               const char *name)
{
  return make_database_in (f->dir, name);
}

static GPtrArray *
par_windows (Fixture *f)
{
  GPtrArray *out = g_ptr_array_new ();

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l != NULL; l = l->next)
    if (PAR_IS_WINDOW (l->data))
      g_ptr_array_add (out, l->data);
  return out;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0
         && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static ParWindow *
window_on (Fixture    *f,
           const char *path)
{
  g_autoptr(GPtrArray) windows = par_windows (f);

  for (guint i = 0; i < windows->len; i++)
    if (same_file (par_context_get_db_path (par_window_get_context (windows->pdata[i])), path))
      return windows->pdata[i];
  return NULL;
}

typedef struct {
  GType       type;
  const char *name;
  GtkWidget  *found;
} Wanted;

static gboolean
toplevel_shown (gpointer data)
{
  Wanted *wanted = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), wanted->type)
          && (wanted->name == NULL || g_strcmp0 (gtk_widget_get_name (window), wanted->name) == 0)
          && gtk_widget_get_mapped (window))
        {
          wanted->found = window;
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
wait_toplevel (GType       type,
               const char *name)
{
  Wanted wanted = { type, name, NULL };

  g_assert_true (ui_wait_for (toplevel_shown, &wanted, 20000));
  return wanted.found;
}

static gboolean
toplevel_gone (gpointer data)
{
  Wanted wanted = { G_TYPE_NONE, NULL, NULL };

  wanted.type = ((Wanted *) data)->type;
  wanted.name = ((Wanted *) data)->name;
  return !toplevel_shown (&wanted);
}

static void
wait_toplevel_gone (GType       type,
                    const char *name)
{
  Wanted wanted = { type, name, NULL };

  g_assert_true (ui_wait_for (toplevel_gone, &wanted, 20000));
}

typedef struct {
  GtkWidget *chooser;
  GFile     *file;
} InChooser;

static gboolean
chooser_in_folder (gpointer data)
{
  InChooser *in = data;
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (in->chooser));

  return current != NULL && g_file_equal (current, in->file);
}

static gboolean
chooser_has_file (gpointer data)
{
  InChooser *in = data;
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (in->chooser));
  g_autoptr(GFile) chosen = g_list_model_get_n_items (files) > 0 ? g_list_model_get_item (files, 0) : NULL;

  return chosen != NULL && g_file_equal (chosen, in->file);
}

static gboolean
chooser_gives_file (gpointer data)
{
  InChooser *in = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (in->chooser));

  return file != NULL && g_file_equal (file, in->file);
}

/* Picks @path in the open chooser as a user would: its folder, then the file, then Open. */
static void
choose_file (const char *path)
{
  GtkWidget *chooser = wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, &error));
  g_assert_no_error (error);
  g_assert_true (ui_wait_for (chooser_in_folder, &(InChooser) { chooser, folder }, 20000));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, &error));
  g_assert_no_error (error);
  g_assert_true (ui_wait_for (chooser_has_file, &(InChooser) { chooser, file }, 20000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_toplevel_gone (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
}

/* Types @name into the save chooser, which starts in the documents folder, then Create. */
static void
choose_new_name (Fixture    *f,
                 const char *name,
                 gboolean    exists)
{
  GtkWidget *chooser = wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (f->documents);
  g_autofree char *path = g_build_filename (f->documents, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  g_assert_true (ui_wait_for (chooser_in_folder, &(InChooser) { chooser, folder }, 20000));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_assert_true (ui_wait_for (chooser_gives_file, &(InChooser) { chooser, file }, 20000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  if (exists)
    {
      /* GTK's chooser asks first whether to replace it; the user says yes. */
      GtkWidget *confirm = wait_toplevel (GTK_TYPE_MESSAGE_DIALOG, NULL);
      gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
    }
  wait_toplevel_gone (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *out)
{
  if (GTK_IS_BUTTON (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, out);
}

/* Clicks the button of response @id, as a user does (the dialog then closes). */
static void
respond (GtkWidget  *dialog,
         const char *id)
{
  const char *label = adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), id);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (dialog, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), label) == 0
        && gtk_widget_get_visible (buttons->pdata[i]))
      {
        g_assert_true (gtk_widget_activate (buttons->pdata[i]));
        return;
      }
  g_assert_not_reached ();
}

typedef struct {
  ParWindow  *window;
  const char *path;
} OnDatabase;

static gboolean
shows_database (gpointer data)
{
  OnDatabase *on = data;
  ParContext *context = par_window_get_context (on->window);

  return context != NULL && same_file (par_context_get_db_path (context), on->path);
}

/* The window has switched to @path (the answer of a file dialog comes in an idle). */
static void
wait_on_database (ParWindow  *window,
                  const char *path)
{
  g_assert_true (ui_wait_for (shows_database, &(OnDatabase) { window, path }, 20000));
}

static gboolean
has_model (gpointer data)
{
  return par_window_get_model (data) != NULL;
}

/* A second `parscore` */

typedef struct {
  gboolean  done;
  int       status;
  char     *err;
} Run;

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &run->err, &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

static gboolean
run_done (gpointer data)
{
  return ((Run *) data)->done;
}

/* Runs `parscore --db @db` while this process's instance answers it; its exit status. */
static int
second_launch (const char  *db,
               char       **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              PARSCORE_EXE, "--db", db, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_run_done, &run);
  g_assert_true (ui_wait_for (run_done, &run, 60000));
  *err = run.err;
  return run.status;
}

/* The bug: exit 0 and the window stayed on its database. Now: a window on the other one;
 * the same database again: its window, no second one; a folder: exit 1 with the reason, and
 * the running instance offers the ways on. */
static void
test_second_launch (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *other = make_database (f, "other.db");
  g_autofree char *err = NULL;
  g_autofree char *err_again = NULL;
  g_autofree char *err_folder = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  ParWindow *first, *second;
  GtkWidget *dialog;

  start_app (f, TRUE);
  first = f->window;
  g_assert_true (ui_wait_for (has_model, first, 10000));

  g_assert_cmpint (second_launch (other, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  second = window_on (f, other);
  g_assert_nonnull (second);
  g_assert_true (second != first);
  g_assert_true (window_on (f, f->db) == first);
  g_assert_true (ui_wait_for (has_model, second, 10000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (second)), ==, "other.db — Parscore");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (first)), ==, "first.db — Parscore");

  /* The same database by another name: its window, not a second connection to it. */
  {
    g_autofree char *relative = g_build_filename (f->dir, ".", "first.db", NULL);

    g_assert_cmpint (second_launch (relative, &err_again), ==, 0);
    windows = par_windows (f);
    g_assert_cmpuint (windows->len, ==, 2);
  }

  g_assert_cmpint (second_launch (f->dir, &err_folder), ==, 1);
  g_assert_nonnull (strstr (err_folder, "is a folder, not a database file"));
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "This Is a Folder, Not a Database");
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "permissions"));
  g_clear_pointer (&windows, g_ptr_array_unref);
  windows = par_windows (f);
  g_assert_cmpuint (windows->len, ==, 2);
}

/* `parscore` where there is no display (over ssh, say): GTK ends the process at its start
 * (exit 1, "cannot open display") while the preload's worker may be making the new database.
 * Nothing may be left where the database will be: a file cut off half made (0 bytes and a
 * journal) is refused as "an empty file" at every later start. Twenty starts, none leaves it. */
static void
test_no_display_new_database (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "GDK_BACKEND");
  for (int i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%d.db", i);
      g_autofree char *db = g_build_filename (f->dir, name, NULL);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;

      /* On a bus of its own: the primary instance (an instance of an earlier test may linger
       * on this one), so it runs its start-up and the preload. */
      process = g_subprocess_launcher_spawn (launcher, &error, "dbus-run-session", "--",
                                             PARSCORE_EXE, "--db", db, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

/* What is not a database */

static void
make_newer (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
check_problem_dialog (GtkWidget  *dialog,
                      const char *heading,
                      const char *in_body)
{
  const char *responses[] = { "open", "new", "demo", "close" };
  const char *body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));

  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_test_message ("body: %s", body);
  g_assert_nonnull (strstr (body, in_body));
  g_assert_nonnull (strstr (body, "You can open another database, create a new one, or try the demo."));
  for (guint i = 0; i < G_N_ELEMENTS (responses); i++)
    g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), responses[i]));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "open");
}

/* Open Database… on a PDF, an empty file and a newer database: each time the window stays on
 * its database, the dialog says what the file is and offers the ways on, and "Open Another…"
 * leads to a database that opens. */
static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "ke-hoach.pdf", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *newer = make_database (f, "newer.db");
  g_autofree char *good = make_database (f, "good.db");
  struct {
    const char *path;
    const char *heading;
    const char *in_body;
  } cases[] = {
    { pdf, "This File Is Not a Database", "“ke-hoach.pdf” is a file of another kind (PDF document)" },
    { empty, "This File Is Empty", "“empty.db” is an empty file" },
    { newer, "This Database Cannot Be Opened", "newer version of Parscore" },
  };
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (pdf, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  make_newer (newer);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_len, after_len;

      g_assert_true (g_file_get_contents (cases[i].path, &before, &before_len, NULL));
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
      choose_file (cases[i].path);
      dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
      check_problem_dialog (dialog, cases[i].heading, cases[i].in_body);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
      g_assert_true (same_file (par_context_get_db_path (par_window_get_context (f->window)), f->db));
      g_assert_true (g_file_get_contents (cases[i].path, &after, &after_len, NULL));
      g_assert_cmpuint (after_len, ==, before_len);
      g_assert_true (memcmp (before, after, before_len) == 0);
      if (i + 1 < G_N_ELEMENTS (cases))
        {
          respond (dialog, "close");
          wait_toplevel_gone (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
        }
    }

  /* "Open Another…" goes on from the dialog. */
  respond (dialog, "open");
  choose_file (good);
  wait_on_database (f->window, good);
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "good.db — Parscore");
}

/* The ways on from that dialog: New Database… asks for a name (and nothing changes when the
 * user cancels), Try the Demo opens the demo database in this window. A text file and a
 * damaged database are named for what they are. */
static gboolean
chooser_gone (gpointer data)
{
  Wanted wanted = { GTK_TYPE_FILE_CHOOSER_DIALOG, NULL, NULL };

  return !toplevel_shown (&wanted);
}

static void
test_ways_on (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "ghi-chu.txt", NULL);
  g_autofree char *damaged = make_database (f, "damaged.db");
  g_autofree char *demo = g_build_filename (g_get_user_data_dir (), "parscore", "demo.db", NULL);
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (text, "Báo cáo chỉ số CCHC năm 2023\n", -1, NULL));
  /* The header stays, the pages after it are overwritten: SQLite knows it for its own and
   * finds it damaged. */
  {
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (damaged, &bytes, &len, NULL));
    g_assert_cmpuint (len, >, 4096);
    memset (bytes + 100, 0xA5, len - 100);
    g_assert_true (g_file_set_contents (damaged, bytes, len, NULL));
  }
  g_assert_false (g_file_test (demo, G_FILE_TEST_EXISTS));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (damaged);
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
  check_problem_dialog (dialog, "This Database Cannot Be Opened", "damaged");
  respond (dialog, "close");
  wait_toplevel_gone (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (text);
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
  check_problem_dialog (dialog, "This File Is Not a Database", "“ghi-chu.txt” is a file of another kind (plain text document)");

  /* New Database… : the save dialog, in the documents folder; cancelled, nothing changes. */
  respond (dialog, "new");
  {
    GtkWidget *chooser = wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);

    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    g_assert_true (ui_wait_for (chooser_gone, NULL, 20000));
  }
  g_assert_true (same_file (par_context_get_db_path (par_window_get_context (f->window)), f->db));

  /* Try the Demo: made on a worker thread, then opened here. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (text);
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "open-database-problem");
  respond (dialog, "demo");
  g_assert_true (ui_wait_for (shows_database, &(OnDatabase) { f->window, demo }, 120000));
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "demo.db — Parscore");
  {
    g_autoptr(GPtrArray) windows = par_windows (f);

    g_assert_cmpuint (windows->len, ==, 1);
  }
}

/* Open Database… switches the window; the database open before keeps what was typed. */
static void
test_open_database (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *other = make_database (f, "other.db");

  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (other);
  wait_on_database (f->window, other);
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  {
    g_autoptr(GPtrArray) windows = par_windows (f);
    g_assert_cmpuint (windows->len, ==, 1);
  }
}

static gboolean
on_welcome (gpointer data)
{
  return g_strcmp0 (par_window_get_page_name (data), "welcome") == 0;
}

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

/* New Database… makes an empty database (".db" added) and shows its welcome page; a name
 * taken is refused, the file left as it was. */
static void
test_new_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *made = g_build_filename (f->documents, "Đồng Nai 2024.db", NULL);
  g_autofree char *taken = make_database_in (f->documents, "taken.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  GtkWidget *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-database", NULL);
  {
    GtkWidget *chooser = wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    g_autofree char *name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));

    g_assert_cmpstr (name, ==, "PAR-Index.db");
  }
  choose_new_name (f, "Đồng Nai 2024", FALSE);
  wait_on_database (f->window, made);
  g_assert_true (ui_wait_for (on_welcome, f->window, 10000));
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_REGULAR));
  /* Its header says which database it is. */
  {
    GtkWidget *title = ui_find_named (GTK_WIDGET (f->window), "welcome-title");

    g_assert_nonnull (title);
    g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "Đồng Nai 2024.db");
    /* The picture once the pages' crossfade is over. */
    g_assert_true (ui_wait_for (stack_settled, gtk_widget_get_ancestor (title, GTK_TYPE_STACK), 10000));
    ui_save_screenshot (GTK_WIDGET (f->window), "welcome-new-database");
  }

  /* The welcome page of an empty database offers to open another one. */
  {
    GtkWidget *open = ui_find_named (GTK_WIDGET (f->window), "welcome-open-database");
    g_autoptr(GFile) documents = g_file_new_for_path (f->documents);
    GtkWidget *chooser;

    g_assert_nonnull (open);
    g_assert_true (gtk_widget_is_sensitive (open));
    g_assert_true (gtk_widget_activate (open));
    chooser = wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
    /* In the documents folder, once it is listed (cancelled sooner, GTK's chooser reports
     * that the folder "could not be displayed"). */
    g_assert_true (ui_wait_for (chooser_in_folder, &(InChooser) { chooser, documents }, 20000));
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    wait_toplevel_gone (GTK_TYPE_FILE_CHOOSER_DIALOG, NULL);
    wait_on_database (f->window, made);
  }

  /* Again, over an existing database, even with "replace" said yes to: refused, the file as
   * it was. */
  g_assert_true (g_file_get_contents (taken, &before, &before_len, NULL));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-database", NULL);
  choose_new_name (f, "taken.db", TRUE);
  dialog = wait_toplevel (ADW_TYPE_MESSAGE_DIALOG, "database-exists");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "“taken.db” Already Exists");
  g_assert_true (g_file_get_contents (taken, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, ==, before_len);
  g_assert_true (memcmp (before, after, before_len) == 0);
  g_assert_true (same_file (par_context_get_db_path (par_window_get_context (f->window)), made));

  /* "Open It" opens the existing one instead. */
  respond (dialog, "open");
  wait_on_database (f->window, taken);
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
}

/* The year a database opens on: the one last shown in *that* database, else the latest. The
 * bug: one remembered id for all databases, so another database (the demo) opened on
 * whatever its row with that id was — 2020. */
static void
test_opens_on_latest_year (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *other = make_database (f, "other.db");
  g_autoptr(GError) error = NULL;
  gint64 y2024;

  {
    g_autoptr(ParStore) store = par_store_open (other, &error);
    g_autoptr(GPtrArray) units = par_store_list_units (store, &error);
    g_autoptr(GPtrArray) years = par_store_list_assessments (store, ((ParUnit *) units->pdata[0])->id, &error);

    g_assert_no_error (error);
    y2024 = par_store_create_assessment (store, ((ParUnit *) units->pdata[0])->id, 2024,
                                         ((ParAssessment *) years->pdata[0])->framework_row, &error);
    g_assert_no_error (error);
    /* In the other database, the first database's year has the id of its 2023. */
    g_assert_cmpint (((ParAssessment *) years->pdata[0])->id, ==, f->assessment_id);
  }

  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpint (par_assessment_model_get_id (par_window_get_model (f->window)), ==, f->assessment_id);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (other);
  wait_on_database (f->window, other);
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpint (par_assessment_model_get_year (par_window_get_model (f->window)), ==, 2024);
  g_assert_cmpint (par_assessment_model_get_id (par_window_get_model (f->window)), ==, y2024);

  /* Back to the first: its own year again. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-database", NULL);
  choose_file (f->db);
  wait_on_database (f->window, f->db);
  g_assert_true (ui_wait_for (has_model, f->window, 10000));
  g_assert_cmpint (par_assessment_model_get_id (par_window_get_model (f->window)), ==, f->assessment_id);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("parscore-app-data-XXXXXX", NULL);
  int status;

  /* The demo is made in the user's data folder: this run's own, empty. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/app/second-launch", Fixture, GINT_TO_POINTER (1), fixture_setup, test_second_launch, fixture_teardown);
  g_test_add ("/app/not-a-database", Fixture, NULL, fixture_setup, test_not_a_database, fixture_teardown);
  g_test_add ("/app/no-display-new-database", Fixture, NULL, fixture_setup,
              test_no_display_new_database, fixture_teardown);
  g_test_add ("/app/ways-on", Fixture, NULL, fixture_setup, test_ways_on, fixture_teardown);
  g_test_add ("/app/open-database", Fixture, NULL, fixture_setup, test_open_database, fixture_teardown);
  g_test_add ("/app/new-database", Fixture, NULL, fixture_setup, test_new_database, fixture_teardown);
  g_test_add ("/app/opens-on-latest-year", Fixture, NULL, fixture_setup, test_opens_on_latest_year, fixture_teardown);
  status = g_test_run ();
  par_test_remove_tree (data_home);
  return status;
}
