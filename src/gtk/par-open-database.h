/* par-open-database.h — the database in the user's hands: open another, create a new one,
 * try the demo, and what to do when a file cannot be opened.
 *
 * Each function works with or without a window: @parent is the window dialogs are modal to
 * (NULL at start-up, when no window could be opened), @into the window that shows the
 * database chosen (NULL: a new window). A database already shown in a window is presented
 * there instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-application.h"

G_BEGIN_DECLS

/* "Open Database…": a file dialog, then the database chosen. */
void par_open_database_choose (ParApplication *app,
                               GtkWindow      *parent,
                               ParWindow      *into);
/* "New Database…": a save dialog, then a new empty database (never over an existing file). */
void par_open_database_create (ParApplication *app,
                               GtkWindow      *parent,
                               ParWindow      *into);
/* The demo database, made on first use. */
void par_open_database_demo   (ParApplication *app,
                               GtkWindow      *parent,
                               ParWindow      *into);
/* Says exactly why @path could not be opened and offers another file, a new database or the
 * demo (or to quit, when nothing else is open). */
void par_open_database_report (ParApplication *app,
                               GtkWindow      *parent,
                               ParWindow      *into,
                               const char     *path,
                               const GError   *error);

G_END_DECLS
