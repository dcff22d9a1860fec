/* par-a11y.h — accessible names that screen readers say once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Give @widget exactly @name: GTK 4.8 otherwise joins an explicit label with the text of
 * the widgets it is "labelled by" ("Add document Add Document…"). */
void par_accessible_set_name (gpointer    widget,
                              const char *name);
/* Apply the same to every button, switch, entry row and text view below @root: a button
 * with a text label is named by that text without mnemonic or ellipsis; the others keep the
 * label their template gave them. Call after gtk_widget_init_template(). */
void par_accessible_tidy     (GtkWidget  *root);

/* Make a text field (an editable, an entry row, a text view) editable or read-only, and say
 * so to screen readers: GTK 4.8 reports every text box as editable unless it is marked
 * read-only. */
void par_accessible_set_editable (gpointer    widget,
                                  gboolean    editable);

/* gtk_widget_set_tooltip_text () when the text changes, never otherwise: every call asks the
 * display where the pointer is (on X11 a round trip to the server), which a page filled on
 * each switch or a field checked on each key cannot afford. */
void par_widget_set_tooltip (GtkWidget  *widget,
                             const char *text);

G_END_DECLS
