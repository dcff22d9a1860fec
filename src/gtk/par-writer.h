/* par-writer.h — the app's one serial write queue, on its own thread and database connection.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_WRITER (par_writer_get_type ())
G_DECLARE_FINAL_TYPE (ParWriter, par_writer, PAR, WRITER, GObject)

/* Runs on the writer thread with the writer's own connection. Return FALSE and set @error
 * on failure. */
typedef gboolean (*ParWriterFunc) (ParStore  *store,
                                   gpointer   data,
                                   GError   **error);

/* Milliseconds between an edit and the write that carries it: well under a second, long
 * enough to batch a burst of typing into one transaction. */
#define PAR_WRITER_DELAY_MS 400

ParWriter *par_writer_new           (const char         *db_path);
/* Queue an entry; edits of the same entry before the write coalesce into one. */
void       par_writer_save_entry    (ParWriter          *self,
                                     gint64              assessment_id,
                                     const ParEntry     *entry);
/* Queue the council's appraised/survey scores (allowed on a locked assessment). */
void       par_writer_save_council  (ParWriter          *self,
                                     gint64              assessment_id,
                                     const ParEntry     *entry);
/* Queue any write, after every edit queued before it. @callback runs on the thread-default
 * main context of the caller; g_task_propagate_boolean() on the result gives the outcome. */
void       par_writer_run           (ParWriter          *self,
                                     ParWriterFunc       func,
                                     gpointer            data,
                                     GDestroyNotify      data_free,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean   par_writer_run_finish    (ParWriter          *self,
                                     GAsyncResult       *result,
                                     GError            **error);
/* Write everything queued now and wait until it is on disk. */
void       par_writer_flush         (ParWriter          *self);
/* Entries edited but not yet handed to the thread (for tests and the window's status). */
guint      par_writer_get_pending   (ParWriter          *self);

/* Runs @func in @context's thread, from an idle source: never in the calling thread. */
void       par_main_context_defer   (GMainContext       *context,
                                     GSourceFunc         func,
                                     gpointer            data,
                                     GDestroyNotify      notify);

G_END_DECLS
