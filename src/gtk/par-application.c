/* par-application.c — the Parscore application.
 *
 * Single instance, one window per database: a second `parscore` hands its command line to
 * the first one, which presents the window of the database asked for or opens a new window
 * on it (`--db` another file); when that database cannot be opened, the second process says
 * why and exits 1, and the first one offers what can be done. The window never waits on the
 * disk: each database's context has a writer, flushed when its window closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "par-application.h"
#include "par-open-database.h"
#include "par-preferences-window.h"
#include "par-window.h"

struct _ParApplication
{
  AdwApplication  parent_instance;

  char           *db_path;     /* the first window's database (NULL: the default one) */
  char           *show_code;   /* --show: a sub-criterion to open first */
  ParContext     *context;     /* the database opened last (each window holds its own) */
  char           *local_db;    /* --db as given to this process, made absolute */
  ParPreload     *preload;     /* the first window's database, opened while GTK starts */
};

G_DEFINE_FINAL_TYPE (ParApplication, par_application, ADW_TYPE_APPLICATION)

static gboolean openable (const char *path, GError **error);

void
par_application_init_i18n (void)
{
  const char *localedir = LOCALEDIR;
  const char *env = g_getenv ("PARSCORE_LOCALEDIR");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  setlocale (LC_ALL, "");
  par_core_init_i18n ();

  /* Run from the build tree (build-aux/dev run, tests): use the catalogs built there. */
  if (env != NULL && *env != '\0')
    localedir = env;
  else if (exe != NULL && g_str_has_prefix (exe, PARSCORE_BUILD_ROOT "/"))
    localedir = PARSCORE_BUILD_ROOT "/po";

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

static void
on_first_frame (GdkFrameClock *clock,
                GApplication  *app)
{
  /* CLOCK_MONOTONIC, comparable with the benchmark that started us; and which renderer
   * painted, since the benchmark takes the environment's. */
  gint64 now = g_get_monotonic_time ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GskRenderer *renderer = window != NULL ? gtk_native_get_renderer (GTK_NATIVE (window)) : NULL;

  printf ("renderer %s\n", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "?");
  printf ("first-frame %" G_GINT64_FORMAT "\n", now);
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (clock, on_first_frame, app);
  g_application_quit (app);
}

static void
on_window_realize (GtkWidget    *window,
                   GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_first_frame), app, G_CONNECT_DEFAULT);
}

static ParWindow *
first_par_window (ParApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (PAR_IS_WINDOW (active))
    return PAR_WINDOW (active);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (PAR_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
par_application_activate (GApplication *app)
{
  ParApplication *self = PAR_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ParWindow *window;

  window = first_par_window (self);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  path = self->db_path != NULL ? g_strdup (self->db_path) : par_store_default_path ();
  window = par_application_open_database (self, path, NULL, &error);
  if (window == NULL)
    {
      /* Nothing to show yet: the dialog offers another file, a new one or the demo. */
      par_open_database_report (self, NULL, NULL, path, error);
      return;
    }
  if (self->show_code != NULL)
    par_window_show_code (window, self->show_code);
  if (g_getenv ("PARSCORE_BENCH_FIRST_FRAME") != NULL)
    {
      /* Presented and realized already; its first frame is painted on a later cycle. */
      if (gtk_widget_get_realized (GTK_WIDGET (window)))
        on_window_realize (GTK_WIDGET (window), app);
      else
        g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize), app);
    }
}

/* In the first instance: its own command line, or a later `parscore` one's. */
static int
par_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  ParApplication *self = PAR_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *db = NULL;
  g_autofree char *show = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  ParWindow *window;

  g_variant_dict_lookup (options, "db", "^ay", &db);
  g_variant_dict_lookup (options, "show", "s", &show);
  if (db != NULL)
    {
      /* Relative to the directory the command was typed in, not ours. */
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      path = g_file_get_path (file);
    }

  window = first_par_window (self);
  if (window == NULL)
    {
      if (path != NULL)
        par_application_set_db_path (self, path);
      if (show != NULL)
        {
          g_free (self->show_code);
          self->show_code = g_steal_pointer (&show);
        }
      g_application_activate (app);
      return 0;
    }

  if (path != NULL)
    {
      ParWindow *shown = par_application_open_database (self, path, NULL, &error);

      if (shown == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          par_open_database_report (self, GTK_WINDOW (window), NULL, path, error);
          return 1;
        }
      window = shown;
    }
  if (show != NULL)
    par_window_show_code (window, show);
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static gint
par_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  /* --db and --show go on to the first instance's command line. */
  ParApplication *self = PAR_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("parscore %s\n", PACKAGE_VERSION);
      return 0;
    }

  /* The path the command line will name (par_application_command_line ()), for the
   * preload: startup comes first. */
  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);

      g_free (self->local_db);
      self->local_db = g_file_get_path (file);
    }
  return -1;
}

static void
on_about (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { _("The Parscore contributors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Parscore"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Score your unit's administrative reform year, with evidence."),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
on_preferences (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ParApplication *self = user_data;
  ParWindow *window = first_par_window (self);
  ParContext *context = window != NULL ? par_window_get_context (window) : self->context;
  GtkWidget *preferences;

  preferences = par_preferences_window_new (GTK_WINDOW (window),
                                            context != NULL ? par_context_get_settings (context) : NULL);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_quit (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Close windows the normal way so they save their size and flush their edits. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
}

/* GTK's own theme, never parsed only to be dropped.
 *
 * The first GtkSettings loads the theme its gtk-theme-name names, GTK's "Default" stylesheet
 * unless the user says otherwise: 80 M instructions of the 577 M before the first frame
 * (callgrind). libadwaita's start then names "Adwaita-empty" (an empty stylesheet it ships in
 * GTK's theme resources) in its place and styles everything with its own: the first one was
 * parsed for nothing. GTK_THEME, while GTK makes the settings, has them load that empty one
 * first; it is unset before libadwaita starts, which leaves GTK's theme to it as before (it
 * steps back when GTK_THEME is set) and keeps it from the processes we start. A GTK_THEME the
 * user set is left alone. The environment changes here, before the preload's worker starts. */
static void
make_settings_without_gtk_theme (void)
{
  if (g_getenv ("GTK_THEME") != NULL)
    return;
  g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);
  /* Where there is no display, GTK ends the process here as it did in the parent's startup
   * (exit 1, "cannot open display"): a gtk_init_check () that failed would have the parent's
   * gtk_init () go on without a display. */
  gtk_init ();
  gtk_settings_get_default ();
  g_unsetenv ("GTK_THEME");
}

/* The icon theme, read again on a worker rather than by the first frame's first icon.
 *
 * GTK starts reading the theme's folders on a worker as soon as the icon theme is made
 * (GtkApplication makes it to add our resource icons), but libadwaita then adds its own
 * resource icons, and a path added to a theme already read throws that reading away: the
 * first icon the window looked up read the whole theme again on the main thread, 65 M of the
 * 577 M instructions before the first frame (callgrind). GTK reads a theme on its worker
 * when the settings say the theme's name changed: said here, once the last path is added, so
 * that reading is done beside the window being built. The name is the same: nothing else is
 * thrown away, and the theme is still read twice (the first reading stays lost), the second
 * time off the main thread. */
static void
read_icon_theme_on_worker (void)
{
  GtkSettings *settings = gtk_settings_get_default ();

  if (settings != NULL)
    g_object_notify (G_OBJECT (settings), "gtk-icon-theme-name");
}

static void
par_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "about", on_about },
    { "preferences", on_preferences },
    { "quit", on_quit },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  /* GTK's own accelerator for the shortcuts window, which the window builds on first use. */
  const char *help_overlay_accels[] = { "<Control>question", NULL };
  ParApplication *self = PAR_APPLICATION (app);
  g_autofree char *path = NULL;

  /* Before GTK starts (the parent's startup: the display, the theme), on a worker: opening
   * the first window's database and reading what it shows need none of it. Here, not in
   * main (): only the primary instance gets here — a second `parscore` hands its command
   * line over and must not open, or create, the database itself. */
  if (self->local_db != NULL)
    path = g_strdup (self->local_db);
  else if (self->db_path != NULL)
    path = g_strdup (self->db_path);
  else
    path = par_store_default_path ();
  g_clear_pointer (&self->preload, par_preload_free);
  /* Looked at here, before the worker could create the file (par_application_open_database
   * would then find it half made): what is refused is refused when the window opens.
   * Only a database that is there: a new one is made after GTK has started, as before. GTK
   * ends the process where it finds no display, and a new file cut off half made by that
   * exit (0 bytes and a journal) would be refused as an empty file at every later start. */
  make_settings_without_gtk_theme ();
  if (g_file_test (path, G_FILE_TEST_EXISTS) && openable (path, NULL))
    self->preload = par_preload_start (path, par_context_new_settings ());

  G_APPLICATION_CLASS (par_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay", help_overlay_accels);
  gtk_window_set_default_icon_name (APP_ID);
  read_icon_theme_on_worker ();
}

static void
par_application_shutdown (GApplication *app)
{
  ParApplication *self = PAR_APPLICATION (app);

  g_clear_pointer (&self->preload, par_preload_free);
  if (self->context != NULL)
    par_writer_flush (par_context_get_writer (self->context));

  G_APPLICATION_CLASS (par_application_parent_class)->shutdown (app);
}

/* A database stays open only while a window shows it: closing its last window closes it
 * (its writer saves what is pending first), even when the application lives on. A
 * connection kept to a file that is later deleted would otherwise outlive it, and SQLite,
 * which shares its lock and WAL-index state per inode, could take a new file that reuses
 * the inode for the deleted one. */
static void
par_application_window_removed (GtkApplication *app,
                                GtkWindow      *window)
{
  ParApplication *self = PAR_APPLICATION (app);

  GTK_APPLICATION_CLASS (par_application_parent_class)->window_removed (app, window);

  if (self->context == NULL)
    return;
  /* @window is on its way out (gtk_window_destroy() releases the application before it
   * disposes of the window): only the others count. */
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (PAR_IS_WINDOW (l->data) && l->data != (gpointer) window &&
        par_window_get_context (l->data) == self->context)
      return;
  g_clear_object (&self->context);
}

static void
par_application_finalize (GObject *object)
{
  ParApplication *self = PAR_APPLICATION (object);

  g_clear_pointer (&self->preload, par_preload_free);
  g_clear_object (&self->context);
  g_free (self->local_db);
  g_free (self->db_path);
  g_free (self->show_code);

  G_OBJECT_CLASS (par_application_parent_class)->finalize (object);
}

static void
par_application_class_init (ParApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  gtk_app_class->window_removed = par_application_window_removed;
  object_class->finalize = par_application_finalize;
  app_class->activate = par_application_activate;
  app_class->startup = par_application_startup;
  app_class->shutdown = par_application_shutdown;
  app_class->command_line = par_application_command_line;
  app_class->handle_local_options = par_application_handle_local_options;
}

static void
par_application_init (ParApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("The database file to open (default: the one in your data folder)"), N_("PATH") },
    { "show", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
      N_("Open this sub-criterion of the last year shown (e.g. 1.1.4)"), N_("CODE") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Self-assessment of the PAR Index, with evidence."));
}

ParApplication *
par_application_new (void)
{
  return g_object_new (PAR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/vn/parscore/Parscore",
                       NULL);
}

void
par_application_set_db_path (ParApplication *self,
                             const char     *path)
{
  g_return_if_fail (PAR_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

const char *
par_application_get_db_path (ParApplication *self)
{
  g_return_val_if_fail (PAR_IS_APPLICATION (self), NULL);
  return self->context != NULL ? par_context_get_db_path (self->context) : self->db_path;
}

ParContext *
par_application_get_context (ParApplication *self)
{
  g_return_val_if_fail (PAR_IS_APPLICATION (self), NULL);
  return self->context;
}

void
par_application_forget_context (ParApplication *self,
                                ParContext     *context)
{
  g_return_if_fail (PAR_IS_APPLICATION (self));

  if (self->context == context)
    g_clear_object (&self->context);
}

/* Whether two paths name the same file (a link, "./x.db" and "/home/…/x.db"). */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0)
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  ca = g_canonicalize_filename (a, NULL);
  cb = g_canonicalize_filename (b, NULL);
  return g_str_equal (ca, cb);
}

ParWindow *
par_application_find_window (ParApplication *self,
                             const char     *path)
{
  g_return_val_if_fail (PAR_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      ParContext *context;

      if (!PAR_IS_WINDOW (l->data))
        continue;
      context = par_window_get_context (l->data);
      if (context != NULL && same_file (par_context_get_db_path (context), path))
        return l->data;
    }
  return NULL;
}

/* FALSE for what must not be opened as a database: a folder, or an empty file — SQLite would
 * take an empty file for a new database, and an empty file chosen to be opened is a mistake
 * to report, not a database to fill. */
static gboolean
openable (const char  *path,
          GError     **error)
{
  GStatBuf st;
  g_autofree char *name = NULL;

  if (g_stat (path, &st) != 0 || !(S_ISDIR (st.st_mode) || (S_ISREG (st.st_mode) && st.st_size == 0)))
    return TRUE;
  name = g_filename_display_basename (path);
  if (S_ISDIR (st.st_mode))
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                 _("“%s” is a folder, not a database file."), name);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                 _("“%s” is an empty file, not a Parscore database."), name);
  return FALSE;
}

ParWindow *
par_application_open_database (ParApplication  *self,
                               const char      *path,
                               ParWindow       *into,
                               GError         **error)
{
  g_autoptr(ParContext) context = NULL;
  g_autoptr(ParPreload) preload = NULL;
  ParWindow *window;

  g_return_val_if_fail (PAR_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (into == NULL || PAR_IS_WINDOW (into), NULL);

  /* Serves the first database opened, if it is the one preloaded; dropped (joined, closed)
   * otherwise. */
  preload = g_steal_pointer (&self->preload);

  /* One window per database: two would each write behind the other's back. */
  window = par_application_find_window (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  /* The preload's file was looked at before its worker could create it. */
  if (preload != NULL && g_str_equal (par_preload_get_path (preload), path))
    context = par_context_new_preloaded (preload, error);
  else if (openable (path, error))
    context = par_context_new (path, error);
  if (context == NULL)
    return NULL;
  g_set_object (&self->context, context);

  if (into != NULL)
    {
      par_window_set_context (into, context);
      window = into;
    }
  else
    window = PAR_WINDOW (par_window_new (GTK_APPLICATION (self), context));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
