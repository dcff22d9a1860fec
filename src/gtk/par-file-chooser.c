/* par-file-chooser.c — the app's "open files" dialogs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-file-chooser.h"

void
par_file_chooser_open (GtkWindow     *parent,
                       const char    *title,
                       const char    *accept_label,
                       gboolean       multiple,
                       GtkFileFilter *filter,
                       GCallback      callback,
                       gpointer       user_data)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                         accept_label, _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), multiple);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", callback, user_data);
  /* After the caller's handler: the chooser goes when it has answered. */
  g_signal_connect_after (chooser, "response", G_CALLBACK (g_object_unref), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GSList *
par_file_chooser_get_files (GtkNativeDialog *chooser)
{
  g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  GSList *files = NULL;

  for (guint i = g_list_model_get_n_items (list); i > 0; i--)
    files = g_slist_prepend (files, g_list_model_get_item (list, i - 1));
  return files;
}
