/* par-application.h — the Parscore application: one instance, one database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_APPLICATION (par_application_get_type ())
G_DECLARE_FINAL_TYPE (ParApplication, par_application, PAR, APPLICATION, AdwApplication)

ParApplication *par_application_new          (void);
/* The database to open on activation (before it); NULL for the default path. */
void            par_application_set_db_path  (ParApplication *self,
                                              const char     *path);
const char     *par_application_get_db_path  (ParApplication *self);
/* The open database's context, once activated. */
ParContext     *par_application_get_context  (ParApplication *self);
/* Close the current database (writing what is pending) and open another. */
gboolean        par_application_open_database (ParApplication *self,
                                              const char     *path,
                                              GError        **error);

/* Bind gettext to the installed catalogs, or to the build tree's when run uninstalled. */
void            par_application_init_i18n    (void);

G_END_DECLS
