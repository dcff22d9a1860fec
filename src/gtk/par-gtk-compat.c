/* par-gtk-compat.c — choosing files and opening a file, on GTK 4.8 and on 4.10 or later.
 *
 * Both paths are compiled by version: on Debian 12 (GTK 4.8) only the GtkFileChooserNative
 * and GAppInfo path exists in the binary; built against GTK 4.10 or later, the GtkFileDialog
 * and GtkFileLauncher path does, and files are still opened through GAppInfo where Parscore
 * changed its own GTK variables (par-software-gl.c), for the program to get the user's. Either
 * way the caller sees one GTask-based API whose "cancelled" is G_IO_ERROR_CANCELLED.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-gtk-compat.h"
#include "par-software-gl.h"

struct _ParFileDialog
{
  GObject        parent_instance;

  char          *title;
  char          *accept_label;
  char          *initial_name;
  GFile         *initial_folder;
  GListStore    *filters;          /* of GtkFileFilter */
  GtkFileFilter *default_filter;
  GtkFileFilter *chosen_filter;
};

G_DEFINE_FINAL_TYPE (ParFileDialog, par_file_dialog, G_TYPE_OBJECT)

typedef enum {
  MODE_OPEN,
  MODE_OPEN_MULTIPLE,
  MODE_SAVE,
} Mode;

static void
par_file_dialog_finalize (GObject *object)
{
  ParFileDialog *self = PAR_FILE_DIALOG (object);

  g_free (self->title);
  g_free (self->accept_label);
  g_free (self->initial_name);
  g_clear_object (&self->initial_folder);
  g_clear_object (&self->filters);
  g_clear_object (&self->default_filter);
  g_clear_object (&self->chosen_filter);

  G_OBJECT_CLASS (par_file_dialog_parent_class)->finalize (object);
}

static void
par_file_dialog_class_init (ParFileDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_file_dialog_finalize;
}

static void
par_file_dialog_init (ParFileDialog *self)
{
  self->filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
}

ParFileDialog *
par_file_dialog_new (void)
{
  return g_object_new (PAR_TYPE_FILE_DIALOG, NULL);
}

void
par_file_dialog_set_title (ParFileDialog *self,
                           const char    *title)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

void
par_file_dialog_set_accept_label (ParFileDialog *self,
                                  const char    *accept_label)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_free (self->accept_label);
  self->accept_label = g_strdup (accept_label);
}

void
par_file_dialog_add_filter (ParFileDialog *self,
                            GtkFileFilter *filter)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_return_if_fail (GTK_IS_FILE_FILTER (filter));
  g_list_store_append (self->filters, filter);
}

void
par_file_dialog_set_default_filter (ParFileDialog *self,
                                    GtkFileFilter *filter)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILE_FILTER (filter));
  g_set_object (&self->default_filter, filter);
}

void
par_file_dialog_set_initial_folder (ParFileDialog *self,
                                    GFile         *folder)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));
  g_set_object (&self->initial_folder, folder);
}

void
par_file_dialog_set_initial_name (ParFileDialog *self,
                                  const char    *name)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  g_free (self->initial_name);
  self->initial_name = g_strdup (name);
}

GtkFileFilter *
par_file_dialog_get_chosen_filter (ParFileDialog *self)
{
  g_return_val_if_fail (PAR_IS_FILE_DIALOG (self), NULL);
  return self->chosen_filter != NULL ? self->chosen_filter : self->default_filter;
}

gboolean
par_file_dialog_error_is_cancel (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
return_cancelled (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
}

#if GTK_CHECK_VERSION (4, 10, 0)

static void
on_dialog_answered (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  GError *error = NULL;
  gpointer value = NULL;

  switch ((Mode) GPOINTER_TO_INT (g_task_get_task_data (task)))
    {
    case MODE_OPEN:
      value = gtk_file_dialog_open_finish (dialog, result, &error);
      break;
    case MODE_OPEN_MULTIPLE:
      value = gtk_file_dialog_open_multiple_finish (dialog, result, &error);
      break;
    case MODE_SAVE:
    default:
      value = gtk_file_dialog_save_finish (dialog, result, &error);
      break;
    }

  if (value != NULL)
    g_task_return_pointer (task, value, g_object_unref);
  else if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED)
           || g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_CANCELLED))
    {
      g_error_free (error);
      return_cancelled (task);
    }
  else
    g_task_return_error (task, error);
}

static void
run (ParFileDialog       *self,
     Mode                 mode,
     GtkWindow           *parent,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  g_clear_object (&self->chosen_filter);
  gtk_file_dialog_set_title (dialog, self->title);
  gtk_file_dialog_set_accept_label (dialog, self->accept_label);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filters)) > 0)
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (self->filters));
  gtk_file_dialog_set_default_filter (dialog, self->default_filter);
  gtk_file_dialog_set_initial_folder (dialog, self->initial_folder);

  switch (mode)
    {
    case MODE_OPEN:
      gtk_file_dialog_open (dialog, parent, cancellable, on_dialog_answered, task);
      break;
    case MODE_OPEN_MULTIPLE:
      gtk_file_dialog_open_multiple (dialog, parent, cancellable, on_dialog_answered, task);
      break;
    case MODE_SAVE:
    default:
      gtk_file_dialog_set_initial_name (dialog, self->initial_name);
      gtk_file_dialog_save (dialog, parent, cancellable, on_dialog_answered, task);
      break;
    }
}

#else /* GTK 4.8 */

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     GTask           *task)
{
  ParFileDialog *self = g_task_get_source_object (task);
  Mode mode = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (response != GTK_RESPONSE_ACCEPT)
    return_cancelled (task);
  else
    {
      g_set_object (&self->chosen_filter, gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)));
      if (mode == MODE_OPEN_MULTIPLE)
        g_task_return_pointer (task, gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser)),
                               g_object_unref);
      else
        {
          GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

          if (file != NULL)
            g_task_return_pointer (task, file, g_object_unref);
          else
            return_cancelled (task);
        }
    }

  g_signal_handlers_disconnect_by_data (chooser, task);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (task);
}

static void
run (ParFileDialog       *self,
     Mode                 mode,
     GtkWindow           *parent,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GtkFileChooserNative *chooser;
  GListModel *filters = G_LIST_MODEL (self->filters);

  g_task_set_task_data (task, GINT_TO_POINTER (mode), NULL);
  g_clear_object (&self->chosen_filter);
  chooser = gtk_file_chooser_native_new (self->title, parent,
                                         mode == MODE_SAVE ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                           : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         self->accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), mode == MODE_OPEN_MULTIPLE);
  for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  if (self->default_filter != NULL)
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), self->default_filter);
  if (self->initial_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->initial_folder, NULL);
  if (mode == MODE_SAVE && self->initial_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), self->initial_name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

static gpointer
finish (ParFileDialog  *self,
        GAsyncResult   *result,
        GError        **error)
{
  g_return_val_if_fail (PAR_IS_FILE_DIALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
par_file_dialog_open (ParFileDialog       *self,
                      GtkWindow           *parent,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  run (self, MODE_OPEN, parent, cancellable, callback, user_data);
}

GFile *
par_file_dialog_open_finish (ParFileDialog  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return finish (self, result, error);
}

void
par_file_dialog_open_multiple (ParFileDialog       *self,
                               GtkWindow           *parent,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  run (self, MODE_OPEN_MULTIPLE, parent, cancellable, callback, user_data);
}

GListModel *
par_file_dialog_open_multiple_finish (ParFileDialog  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return finish (self, result, error);
}

void
par_file_dialog_save (ParFileDialog       *self,
                      GtkWindow           *parent,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (PAR_IS_FILE_DIALOG (self));
  run (self, MODE_SAVE, parent, cancellable, callback, user_data);
}

GFile *
par_file_dialog_save_finish (ParFileDialog  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  return finish (self, result, error);
}

/* Launching a file */

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Through GIO, with a launch context that gives the program the user's own variables where
 * Parscore changed its own (par-software-gl.c). */
static void
launch_with_context (GtkWindow    *parent,
                     GFile        *file,
                     GCancellable *cancellable,
                     GTask        *task)
{
  g_autofree char *uri = g_file_get_uri (file);
  GdkDisplay *display = parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                       : gdk_display_get_default ();
  g_autoptr(GdkAppLaunchContext) context = gdk_display_get_app_launch_context (display);

  par_software_gl_restore_for (G_APP_LAUNCH_CONTEXT (context));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), cancellable,
                                           on_launched, task);
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_file_launcher_launched (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}
#endif

void
par_launch_file (GtkWindow           *parent,
                 GFile               *file,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, par_launch_file);
#if GTK_CHECK_VERSION (4, 10, 0)
  /* GtkFileLauncher starts the program (gtk_show_uri_full ()) with a launch context of its
   * own: it would inherit the variables Parscore set for itself. */
  if (!par_software_gl_changed ())
    {
      g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

      gtk_file_launcher_launch (launcher, parent, cancellable, on_file_launcher_launched, task);
      return;
    }
#endif
  launch_with_context (parent, file, cancellable, task);
}

gboolean
par_launch_file_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == par_launch_file, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * par_documents_folder:
 *
 * The folder a file dialog starts in: the user's documents folder, or the home folder when
 * the desktop names none (or it is gone).
 *
 * Returns: (transfer full): the folder
 */
GFile *
par_documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}
