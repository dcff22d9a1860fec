/* par-application.c — the Parscore application.
 *
 * Single instance: a second `parscore` presents the first one's window (and its database;
 * opening two databases at once is not offered). The window never waits on the disk: the
 * context's writer does, and it is flushed on shutdown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <locale.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-application.h"
#include "par-window.h"

struct _ParApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  char           *show_code;   /* --show: a sub-criterion to open first */
  ParContext     *context;
};

G_DEFINE_FINAL_TYPE (ParApplication, par_application, ADW_TYPE_APPLICATION)

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
  /* CLOCK_MONOTONIC, comparable with the benchmark that started us. */
  printf ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
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

static void
show_fatal (ParApplication *self,
            const char     *heading,
            const char     *body)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
par_application_activate (GApplication *app)
{
  ParApplication *self = PAR_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL && PAR_IS_WINDOW (window))
    {
      gtk_window_present (window);
      return;
    }

  if (self->context == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->context = par_context_new (self->db_path, &error);
      if (self->context == NULL)
        {
          show_fatal (self, _("The Database Cannot Be Opened"), error->message);
          return;
        }
    }

  window = GTK_WINDOW (par_window_new (GTK_APPLICATION (app), self->context));
  if (self->show_code != NULL)
    par_window_show_code (PAR_WINDOW (window), self->show_code);
  if (g_getenv ("PARSCORE_BENCH_FIRST_FRAME") != NULL)
    g_signal_connect_after (window, "realize", G_CALLBACK (on_window_realize), app);
  gtk_window_present (window);
}

static gint
par_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  ParApplication *self = PAR_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("parscore %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "show", "s", &self->show_code);

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      g_autofree char *path = g_file_get_path (file);

      par_application_set_db_path (self, path);
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

static void
par_application_startup (GApplication *app)
{
  static const GActionEntry actions[] = {
    { "about", on_about },
    { "quit", on_quit },
  };
  const char *quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (par_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), actions, G_N_ELEMENTS (actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
par_application_shutdown (GApplication *app)
{
  ParApplication *self = PAR_APPLICATION (app);

  if (self->context != NULL)
    par_writer_flush (par_context_get_writer (self->context));

  G_APPLICATION_CLASS (par_application_parent_class)->shutdown (app);
}

static void
par_application_finalize (GObject *object)
{
  ParApplication *self = PAR_APPLICATION (object);

  g_clear_object (&self->context);
  g_free (self->db_path);
  g_free (self->show_code);

  G_OBJECT_CLASS (par_application_parent_class)->finalize (object);
}

static void
par_application_class_init (ParApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = par_application_finalize;
  app_class->activate = par_application_activate;
  app_class->startup = par_application_startup;
  app_class->shutdown = par_application_shutdown;
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
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
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

gboolean
par_application_open_database (ParApplication  *self,
                               const char      *path,
                               GError         **error)
{
  g_autoptr(ParContext) context = NULL;
  GList *windows;

  g_return_val_if_fail (PAR_IS_APPLICATION (self), FALSE);

  context = par_context_new (path, error);
  if (context == NULL)
    return FALSE;

  if (self->context != NULL)
    par_writer_flush (par_context_get_writer (self->context));
  g_set_object (&self->context, context);
  par_application_set_db_path (self, path);

  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  for (GList *l = windows; l != NULL; l = l->next)
    if (PAR_IS_WINDOW (l->data))
      par_window_set_context (PAR_WINDOW (l->data), context);
  return TRUE;
}
