/* par-application.h — the Parscore application: one instance, a window per database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"
#include "par-window.h"

G_BEGIN_DECLS

#define PAR_TYPE_APPLICATION (par_application_get_type ())
G_DECLARE_FINAL_TYPE (ParApplication, par_application, PAR, APPLICATION, AdwApplication)

ParApplication *par_application_new          (void);
/* The database to open on activation (before it); NULL for the default path. */
void            par_application_set_db_path  (ParApplication *self,
                                              const char     *path);
const char     *par_application_get_db_path  (ParApplication *self);
/* The context of the database opened last (each window has its own), once activated. */
ParContext     *par_application_get_context  (ParApplication *self);
/* The window showing the database at @path (the same file by any name), or NULL. */
ParWindow      *par_application_find_window   (ParApplication *self,
                                               const char     *path);
/* Shows the database at @path (created when missing; an empty file is refused): the window
 * already showing it, else @into switched to it (its edits written first), else a new
 * window. NULL with @error set when it cannot be opened; nothing changes then. */
ParWindow      *par_application_open_database (ParApplication *self,
                                               const char     *path,
                                               ParWindow      *into,
                                               GError        **error);

/* Drops the application's hold on @context (a restore needs every connection closed). */
void            par_application_forget_context (ParApplication *self,
                                                ParContext     *context);

/* Bind gettext to the installed catalogs, or to the build tree's when run uninstalled. */
void            par_application_init_i18n    (void);

G_END_DECLS
