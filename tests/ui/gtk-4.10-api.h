/* gtk-4.10-api.h — the GTK 4.10 declarations that src/gtk/par-gtk-compat.c calls, as GTK
 * 4.10 declares them, so that its ">= 4.10" half is compiled on Debian 12's GTK 4.8 too
 * (forced on with -include) instead of rotting unseen. Only declarations: nothing links.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#undef GTK_CHECK_VERSION
#define GTK_CHECK_VERSION(a,b,c) 1
G_DECLARE_FINAL_TYPE (GtkFileDialog, gtk_file_dialog, GTK, FILE_DIALOG, GObject)
#define GTK_TYPE_FILE_DIALOG (gtk_file_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GtkFileLauncher, gtk_file_launcher, GTK, FILE_LAUNCHER, GObject)
#define GTK_TYPE_FILE_LAUNCHER (gtk_file_launcher_get_type ())
GQuark gtk_dialog_error_quark (void);
#define GTK_DIALOG_ERROR (gtk_dialog_error_quark ())
typedef enum { GTK_DIALOG_ERROR_FAILED, GTK_DIALOG_ERROR_CANCELLED, GTK_DIALOG_ERROR_DISMISSED } GtkDialogError;
GtkFileDialog *gtk_file_dialog_new (void);
void gtk_file_dialog_set_title (GtkFileDialog *self, const char *title);
void gtk_file_dialog_set_accept_label (GtkFileDialog *self, const char *accept_label);
void gtk_file_dialog_set_modal (GtkFileDialog *self, gboolean modal);
void gtk_file_dialog_set_filters (GtkFileDialog *self, GListModel *filters);
void gtk_file_dialog_set_default_filter (GtkFileDialog *self, GtkFileFilter *filter);
void gtk_file_dialog_set_initial_folder (GtkFileDialog *self, GFile *folder);
void gtk_file_dialog_set_initial_name (GtkFileDialog *self, const char *name);
void gtk_file_dialog_open (GtkFileDialog *self, GtkWindow *parent, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GFile *gtk_file_dialog_open_finish (GtkFileDialog *self, GAsyncResult *result, GError **error);
void gtk_file_dialog_open_multiple (GtkFileDialog *self, GtkWindow *parent, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GListModel *gtk_file_dialog_open_multiple_finish (GtkFileDialog *self, GAsyncResult *result, GError **error);
void gtk_file_dialog_save (GtkFileDialog *self, GtkWindow *parent, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GFile *gtk_file_dialog_save_finish (GtkFileDialog *self, GAsyncResult *result, GError **error);
GtkFileLauncher *gtk_file_launcher_new (GFile *file);
void gtk_file_launcher_launch (GtkFileLauncher *self, GtkWindow *parent, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
gboolean gtk_file_launcher_launch_finish (GtkFileLauncher *self, GAsyncResult *result, GError **error);
