/* par-preload.h — the database opened, and what the first window shows read, on a worker
 * thread while GTK starts on the main one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-core.h"

G_BEGIN_DECLS

typedef struct _ParPreload ParPreload;

/* Starts the worker on @db_path. @settings (nullable; main thread only, kept for the context
 * that takes the store) names the year last shown there, whose criteria set is read too. */
ParPreload *par_preload_start        (const char  *db_path,
                                      GSettings   *settings);
const char *par_preload_get_path     (ParPreload  *self);
/* Waits for the worker (a join, no polling) and hands its store over to the calling thread
 * (transfer full); NULL with the error the open gave, as par_store_open () would. */
ParStore   *par_preload_take_store   (ParPreload  *self,
                                      GError     **error);
/* The settings given to par_preload_start () (transfer full). */
GSettings  *par_preload_take_settings (ParPreload *self);
/* After par_preload_take_store (): the stored criteria set the worker could not read, if any
 * (its row, and the error: transfer full); 0 if none failed. */
gint64      par_preload_take_framework_error (ParPreload  *self,
                                              GError     **error);
/* Joins the worker if it still runs and closes what nobody took. */
void        par_preload_free         (ParPreload  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPreload, par_preload_free)

G_END_DECLS
