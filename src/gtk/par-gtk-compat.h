/* par-gtk-compat.h — the one place where the app bridges GTK versions.
 *
 * Parscore builds against GTK 4.8 (Debian 12). Choosing files and opening a file in its
 * application got new APIs in GTK 4.10 (GtkFileDialog, GtkFileLauncher) and the old ones
 * (GtkFileChooserNative, g_app_info_launch_default_for_uri) are deprecated there. Every
 * caller goes through this file: built against 4.10 or later it uses the new APIs, on 4.8
 * the old ones. ParFileDialog is shaped like GtkFileDialog, so the day 4.10 is the minimum,
 * callers move to it one to one and this file goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PAR_TYPE_FILE_DIALOG (par_file_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParFileDialog, par_file_dialog, PAR, FILE_DIALOG, GObject)

ParFileDialog *par_file_dialog_new                  (void);
void           par_file_dialog_set_title            (ParFileDialog        *self,
                                                     const char           *title);
void           par_file_dialog_set_accept_label     (ParFileDialog        *self,
                                                     const char           *accept_label);
/* Filters are offered in the order added; the default one is selected first. */
void           par_file_dialog_add_filter           (ParFileDialog        *self,
                                                     GtkFileFilter        *filter);
void           par_file_dialog_set_default_filter   (ParFileDialog        *self,
                                                     GtkFileFilter        *filter);
void           par_file_dialog_set_initial_folder   (ParFileDialog        *self,
                                                     GFile                *folder);
/* The name proposed when saving. */
void           par_file_dialog_set_initial_name     (ParFileDialog        *self,
                                                     const char           *name);

/* Each call shows a modal dialog over @parent; @callback runs once it is answered. The
 * _finish functions return NULL with G_IO_ERROR_CANCELLED when the user cancelled. */
void           par_file_dialog_open                 (ParFileDialog        *self,
                                                     GtkWindow            *parent,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GFile         *par_file_dialog_open_finish          (ParFileDialog        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void           par_file_dialog_open_multiple        (ParFileDialog        *self,
                                                     GtkWindow            *parent,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* A list of GFile (transfer full). */
GListModel    *par_file_dialog_open_multiple_finish (ParFileDialog        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void           par_file_dialog_save                 (ParFileDialog        *self,
                                                     GtkWindow            *parent,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GFile         *par_file_dialog_save_finish          (ParFileDialog        *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/* After an answer: the filter the user had selected where the toolkit says so (GTK 4.8),
 * else the default filter; may be NULL. */
GtkFileFilter *par_file_dialog_get_chosen_filter    (ParFileDialog        *self);
/* TRUE when @error only says that the user closed the dialog. */
gboolean       par_file_dialog_error_is_cancel      (const GError         *error);

/* Opens @file in the application the desktop associates with its type. */
void           par_launch_file                      (GtkWindow            *parent,
                                                     GFile                *file,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean       par_launch_file_finish               (GAsyncResult         *result,
                                                     GError              **error);

/* The folder a file dialog starts in: the user's documents folder, else home. */
GFile         *par_documents_folder                 (void);

G_END_DECLS
