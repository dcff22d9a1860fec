/* par-open-database.c — opening, creating and failing to open a database, as the user sees it.
 *
 * Every path ends in par_application_open_database(), which shows a database already open
 * in its window; on failure, one dialog says exactly what is wrong with the file and offers
 * the ways on: another file, a new database, the demo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-demo.h"
#include "par-gtk-compat.h"
#include "par-open-database.h"
#include "par-text.h"

/* Where a request goes once a dialog has answered. */
typedef struct {
  ParApplication *app;
  GtkWindow      *parent;   /* may be NULL */
  ParWindow      *into;     /* may be NULL */
  char           *path;
} Request;

static Request *
request_new (ParApplication *app,
             GtkWindow      *parent,
             ParWindow      *into,
             const char     *path)
{
  Request *request = g_new0 (Request, 1);

  /* Between a dialog and the next one there may be no window: stay running meanwhile. */
  g_application_hold (G_APPLICATION (app));
  request->app = g_object_ref (app);
  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->into = into != NULL ? g_object_ref (into) : NULL;
  request->path = g_strdup (path);
  return request;
}

static void
request_free (Request *request)
{
  g_application_release (G_APPLICATION (request->app));
  g_object_unref (request->app);
  g_clear_object (&request->parent);
  g_clear_object (&request->into);
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* A window closed while its dialog was open is no target any more. */
static GtkWindow *
live (GtkWindow *window)
{
  return window != NULL && gtk_window_get_application (window) != NULL ? window : NULL;
}

static ParWindow *
live_into (Request *request)
{
  return PAR_WINDOW (live (GTK_WINDOW (request->into)));
}

/* The file's name as it may be shown: no bidi override or control character reorders it. */
static char *
display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *utf8 = g_filename_display_name (base);

  return par_text_file_name (utf8);
}

static void
open_path (Request    *request,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  if (par_application_open_database (request->app, path, live_into (request), &error) == NULL)
    par_open_database_report (request->app, live (request->parent), live_into (request), path, error);
}

static GtkFileFilter *
database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Parscore databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_filter_add_pattern (filter, "*.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_filter_add_mime_type (filter, "application/x-sqlite3");
  return filter;
}

/* Open Database… */

static void
on_open_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GFile) file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    open_path (request, path);
}

void
par_open_database_choose (ParApplication *app,
                          GtkWindow      *parent,
                          ParWindow      *into)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) databases = database_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = par_documents_folder ();

  g_return_if_fail (PAR_IS_APPLICATION (app));

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  par_file_dialog_set_title (dialog, _("Open Database"));
  par_file_dialog_set_accept_label (dialog, _("_Open"));
  par_file_dialog_add_filter (dialog, databases);
  par_file_dialog_add_filter (dialog, all);
  par_file_dialog_set_default_filter (dialog, databases);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_open (dialog, parent, NULL, on_open_chosen, request_new (app, parent, into, NULL));
}

/* New Database… */

static void
on_exists_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Request          *request)
{
  if (g_strcmp0 (response, "open") == 0)
    open_path (request, request->path);
  else if (g_strcmp0 (response, "rename") == 0)
    par_open_database_create (request->app, live (request->parent), live_into (request));
}

/* Never a new database over a file: a "replace?" in the save dialog is not enough to drop
 * a year's work. */
static void
refuse_existing (Request    *request,
                 const char *path)
{
  g_autofree char *name = display_name (path);
  g_autofree char *heading = g_strdup_printf (_("“%s” Already Exists"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (live (request->parent), heading,
                                   _("Parscore never replaces an existing file with a new database. Choose another name, or open this file if it is the database you want."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open It"),
                                    "rename", _("_Choose Another Name…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_set_name (dialog, "database-exists");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_exists_response),
                         request_new (request->app, request->parent, request->into, path),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_create_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *base = NULL;

  if (path == NULL)
    return;
  /* "Đồng Nai 2024" is meant as a database: give it the extension the Open dialog lists. */
  base = g_path_get_basename (path);
  if (strchr (base, '.') == NULL)
    {
      char *with = g_strconcat (path, ".db", NULL);
      g_free (path);
      path = with;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      refuse_existing (request, path);
      return;
    }
  open_path (request, path);
}

void
par_open_database_create (ParApplication *app,
                          GtkWindow      *parent,
                          ParWindow      *into)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) databases = database_filter ();
  g_autoptr(GFile) folder = par_documents_folder ();
  /* Translators: the file name proposed for a new database, without ".db"; keep it short
   * and without "/" (e.g. "Chi-so-CCHC"). */
  g_autofree char *name = g_strconcat (_("PAR-Index"), ".db", NULL);

  g_return_if_fail (PAR_IS_APPLICATION (app));

  par_file_dialog_set_title (dialog, _("New Database"));
  par_file_dialog_set_accept_label (dialog, _("_Create"));
  par_file_dialog_add_filter (dialog, databases);
  par_file_dialog_set_default_filter (dialog, databases);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, parent, NULL, on_create_chosen, request_new (app, parent, into, NULL));
}

/* The demo database, made in-process by par_demo_create() on a worker thread: the window
 * stays responsive, and a failed demo leaves no file behind. */

static void
show_demo_failure (Request    *request,
                   const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (live (request->parent),
                                              _("The Demo Database Cannot Be Created"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (live (request->parent) == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (request->app));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
make_demo_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;

  if (par_demo_create (request->path, cancellable, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
demo_made (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_demo_failure (request, error->message);
  else
    open_path (request, request->path);
}

void
par_open_database_demo (ParApplication *app,
                        GtkWindow      *parent,
                        ParWindow      *into)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "parscore", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(Request) request = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PAR_IS_APPLICATION (app));

  request = request_new (app, parent, into, path);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      open_path (request, path);
      return;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("The folder for the demo cannot be made: %s."),
                                                  g_strerror (saved_errno));
      show_demo_failure (request, message);
      return;
    }
  task = g_task_new (NULL, NULL, demo_made, NULL);
  g_task_set_name (task, "[parscore] demo");
  g_task_set_task_data (task, g_steal_pointer (&request), (GDestroyNotify) request_free);
  g_task_run_in_thread (task, make_demo_thread);
}

/* When a database cannot be opened */

typedef enum {
  PROBLEM_FOLDER,
  PROBLEM_EMPTY,
  PROBLEM_NOT_SQLITE,
  PROBLEM_OTHER,       /* the store's own words: newer version, another program's, damaged… */
} Problem;

/* What is at @path, looked at from outside. Reading the first bytes is safe here: the store
 * could not open the file, so this process holds no SQLite lock on it that closing a
 * descriptor would drop (a database open in a window is shown, never reported). */
static Problem
diagnose (const char  *path,
          char       **what)
{
  static const char magic[16] = "SQLite format 3";   /* and its NUL */
  GStatBuf st;
  guchar head[512];
  gssize got;
  int fd;

  *what = NULL;
  if (g_stat (path, &st) != 0)
    return PROBLEM_OTHER;
  if (S_ISDIR (st.st_mode))
    return PROBLEM_FOLDER;
  if (!S_ISREG (st.st_mode))
    return PROBLEM_OTHER;
  if (st.st_size == 0)
    return PROBLEM_EMPTY;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return PROBLEM_OTHER;
  got = read (fd, head, sizeof head);
  g_close (fd, NULL);
  if (got < 0)
    return PROBLEM_OTHER;
  if (got >= (gssize) sizeof magic && memcmp (head, magic, sizeof magic) == 0)
    return PROBLEM_OTHER;

  {
    g_autofree char *type = g_content_type_guess (path, head, (gsize) got, NULL);

    if (type != NULL && !g_content_type_is_unknown (type))
      *what = g_content_type_get_description (type);
  }
  return PROBLEM_NOT_SQLITE;
}

static void
on_report_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Request          *request)
{
  GtkWindow *parent = live (request->parent);
  ParWindow *into = live_into (request);

  if (g_strcmp0 (response, "open") == 0)
    par_open_database_choose (request->app, parent, into);
  else if (g_strcmp0 (response, "new") == 0)
    par_open_database_create (request->app, parent, into);
  else if (g_strcmp0 (response, "demo") == 0)
    par_open_database_demo (request->app, parent, into);
}

void
par_open_database_report (ParApplication *app,
                          GtkWindow      *parent,
                          ParWindow      *into,
                          const char     *path,
                          const GError   *error)
{
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (PAR_IS_APPLICATION (app));
  g_return_if_fail (path != NULL);
  g_return_if_fail (error != NULL);

  name = display_name (path);
  switch (diagnose (path, &what))
    {
    case PROBLEM_FOLDER:
      heading = g_strdup (_("This Is a Folder, Not a Database"));
      reason = g_strdup_printf (_("“%s” is a folder. A Parscore database is a single file, such as “parscore.db”: open that file itself."),
                                name);
      break;
    case PROBLEM_EMPTY:
      heading = g_strdup (_("This File Is Empty"));
      reason = g_strdup_printf (_("“%s” is an empty file, not a Parscore database. It was left unchanged."), name);
      break;
    case PROBLEM_NOT_SQLITE:
      heading = g_strdup (_("This File Is Not a Database"));
      if (what != NULL)
        /* Translators: the second %s is a file type, such as "PDF document". */
        reason = g_strdup_printf (_("“%s” is a file of another kind (%s), not a Parscore database. It was left unchanged."),
                                  name, what);
      else
        reason = g_strdup_printf (_("“%s” is not a Parscore database: it is not a database file at all. It was left unchanged."),
                                  name);
      break;
    case PROBLEM_OTHER:
    default:
      heading = g_strdup (_("This Database Cannot Be Opened"));
      reason = g_strdup (error->message);
      break;
    }
  body = g_strdup_printf ("%s\n\n%s", reason,
                          _("You can open another database, create a new one, or try the demo."));

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", parent != NULL ? _("_Close") : _("_Quit"),
                                    "demo", _("Try the _Demo"),
                                    "new", _("_New Database…"),
                                    "open", _("_Open Another…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_set_name (dialog, "open-database-problem");
  /* With no window, the dialog keeps the application running until it is answered. */
  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_report_response),
                         request_new (app, parent, into, path),
                         (GClosureNotify) (void (*) (void)) request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
