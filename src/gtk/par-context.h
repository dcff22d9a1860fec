/* par-context.h — what the app's windows share: the store, the write queue, settings.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-core.h"
#include "par-preload.h"
#include "par-writer.h"

G_BEGIN_DECLS

#define PAR_TYPE_CONTEXT (par_context_get_type ())
G_DECLARE_FINAL_TYPE (ParContext, par_context, PAR, CONTEXT, GObject)

ParContext   *par_context_new              (const char  *db_path,
                                            GError     **error);
/* The context of the database @preload opened on its worker (par-preload.h): waits for it
 * and takes its store and settings; NULL with the error the open gave. */
ParContext   *par_context_new_preloaded    (ParPreload  *preload,
                                            GError     **error);
/* The app's settings (transfer full), NULL when the schema is not installed. */
GSettings    *par_context_new_settings     (void);
const char   *par_context_get_db_path      (ParContext  *self);
/* The main thread's connection: reads, and nothing that may block on a big write. */
ParStore     *par_context_get_store        (ParContext  *self);
ParWriter    *par_context_get_writer       (ParContext  *self);
/* Whether the database is open read-only (its file, folder or disk cannot be written):
 * everything can be read, charts drawn and packs exported; nothing can be changed. */
gboolean      par_context_is_read_only     (ParContext  *self);
/* NULL when the schema is not installed (then nothing is remembered). */
GSettings    *par_context_get_settings     (ParContext  *self);
/* The year last shown from this database (0: none), remembered per database file: an
 * assessment id means nothing in another one. */
gint64        par_context_get_last_assessment (ParContext *self);
/* The same for @db_path, before a context is made. */
gint64        par_context_lookup_last_assessment (GSettings  *settings,
                                                  const char *db_path);
void          par_context_set_last_assessment (ParContext *self,
                                               gint64      assessment_id);
/* Who the audit log names for changes made here: "@name (login)", or the login name alone
 * when @name is NULL or blank (transfer full). */
char         *par_context_actor_for        (const char  *name);
/* A stored criteria set, loaded once (transfer full). */
ParFramework *par_context_get_framework    (ParContext  *self,
                                            gint64       framework_row,
                                            GError     **error);

/* A data file shipped with Parscore ("frameworks/sample-department.xml"), looked up in
 * $PARSCORE_DATADIR, then the source tree, then the installed data folder (transfer full,
 * NULL if none has it). */
char         *par_context_find_data_file   (const char  *relative);

G_END_DECLS
