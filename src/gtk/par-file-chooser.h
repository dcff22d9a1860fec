/* par-file-chooser.h — the app's "open files" dialogs (GtkFileChooserNative: GtkFileDialog
 * needs GTK 4.10).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal chooser for opening files, shown at once; @callback gets the response. The
 * chooser unrefs itself after the callback. */
void    par_file_chooser_open      (GtkWindow      *parent,
                                    const char     *title,
                                    const char     *accept_label,
                                    gboolean        multiple,
                                    GtkFileFilter  *filter,
                                    GCallback       callback,
                                    gpointer        user_data);
/* The chosen files (transfer full, a list of GFile*). */
GSList *par_file_chooser_get_files (GtkNativeDialog *chooser);

G_END_DECLS
