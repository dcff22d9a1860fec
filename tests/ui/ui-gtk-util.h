/* ui-gtk-util.h — main-loop and widget-tree helpers shared by the in-process UI tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*UiCondition) (gpointer data);

/* Iterates the default main context for @ms milliseconds. */
void       ui_spin        (guint        ms);
/* Iterates until @condition holds; FALSE if @timeout_ms passed first. */
/* Waits (the main loop running) until this process has nothing open at or below @dir — a
 * closed window's database, its writer's connection — then checks; fails naming what is
 * still open. */
void       ui_assert_closed_under (const char *dir);
gboolean   ui_wait_for    (UiCondition  condition,
                           gpointer     data,
                           guint        timeout_ms);
/* Depth-first search below @root (included) by widget name or by type. */
GtkWidget *ui_find_named  (GtkWidget   *root,
                           const char  *name);
GtkWidget *ui_find_type   (GtkWidget   *root,
                           GType        type);

/* A key as the window handles it: the shortcuts bound to @keyval + @mods on @widget and its
 * ancestors, in the bubble phase's order, until one acts (a shortcut whose action does nothing
 * now lets the key go on, as GTK does). TRUE if one acted. */
gboolean   ui_press_shortcut (GtkWidget       *widget,
                              guint            keyval,
                              GdkModifierType  mods);

/* Renders @widget as it is drawn on screen to G_TEST_BUILDDIR/screenshots/@name.png, waiting
 * (for state, not time) until it has been drawn since its last change. Fails the test if it
 * cannot. */
void       ui_save_screenshot (GtkWidget  *widget,
                               const char *name);

G_END_DECLS
