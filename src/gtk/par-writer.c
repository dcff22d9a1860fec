/* par-writer.c — the app's one serial write queue.
 *
 * Typing must never wait on the disk, so the main thread only keeps the latest value of each
 * edited entry and, at most PAR_WRITER_DELAY_MS later, hands a batch to a dedicated thread
 * that owns a second connection to the database. Every other write goes through the same
 * queue so writes land in the order the user made them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore-Writer"

#include <glib/gi18n-lib.h>

#include "par-writer.h"

typedef enum {
  JOB_ENTRIES,
  JOB_COUNCIL,
  JOB_FUNC,
  JOB_BARRIER,
  JOB_QUIT,
} JobKind;

typedef struct {
  JobKind         kind;
  gint64          assessment_id;
  GPtrArray      *entries;     /* of ParEntry*, JOB_ENTRIES / JOB_COUNCIL */
  ParWriterFunc   func;
  gpointer        data;
  GDestroyNotify  data_free;
  GTask          *task;        /* nullable */
  /* JOB_BARRIER */
  GMutex         *mutex;
  GCond          *cond;
  gboolean       *done;
} Job;

struct _ParWriter
{
  GObject      parent_instance;

  char        *db_path;
  GThread     *thread;
  GAsyncQueue *queue;
  GMainContext *context;      /* where signals are emitted */

  /* Main thread only: "assessment_id/code" → ParEntry*, and the council's scores apart. */
  GHashTable  *pending;
  GHashTable  *pending_council;
  guint        timeout_id;
};

G_DEFINE_FINAL_TYPE (ParWriter, par_writer, G_TYPE_OBJECT)

enum {
  SIGNAL_FAILED,
  SIGNAL_SAVED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
job_free (Job *job)
{
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

typedef struct {
  ParWriter *writer;
  GError    *error;
  gboolean   saved;
} Report;

static gboolean
report_in_main (gpointer user_data)
{
  Report *report = user_data;

  if (report->error != NULL)
    g_signal_emit (report->writer, signals[SIGNAL_FAILED], 0, report->error);
  else if (report->saved)
    g_signal_emit (report->writer, signals[SIGNAL_SAVED], 0);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer user_data)
{
  Report *report = user_data;

  g_clear_error (&report->error);
  g_object_unref (report->writer);
  g_free (report);
}

/* From the worker: tell the main thread what happened to edits it does not wait for. */
static void
report (ParWriter *self,
        GError    *error,
        gboolean   saved)
{
  Report *r = g_new0 (Report, 1);

  r->writer = g_object_ref (self);
  r->error = error;
  r->saved = saved;
  par_main_context_defer (self->context, report_in_main, r, report_free);
}

/**
 * par_main_context_defer:
 *
 * Runs @func in @context's own thread, later, never in the caller's: an idle source attached
 * to @context. g_main_context_invoke () is not that: called from a worker thread that pushed
 * no context of its own while the main thread is not iterating, it acquires the main context
 * and runs @func right there, in the worker — GTK and the main connection used from two
 * threads at once (seen as a statement "busy" in the main store and a destroyed year toggle
 * in the dashboard, issue 9).
 */
void
par_main_context_defer (GMainContext   *context,
                        GSourceFunc     func,
                        gpointer        data,
                        GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[parscore] deferred to the main thread");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gpointer
writer_thread (gpointer user_data)
{
  ParWriter *self = user_data;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GError) open_error = NULL;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->queue);
      g_autoptr(GError) error = NULL;
      gboolean ok = FALSE;

      /* Opened at the first write, not at start-up, where it would compete with the window
       * for the processor. */
      if (store == NULL && open_error == NULL && job->kind != JOB_QUIT && job->kind != JOB_BARRIER)
        {
          store = par_store_open (self->db_path, &open_error);
          if (store == NULL)
            g_warning ("Cannot open %s for writing: %s", self->db_path, open_error->message);
        }

      if (job->kind == JOB_QUIT)
        {
          job_free (job);
          break;
        }

      if (job->kind == JOB_BARRIER)
        {
          g_mutex_lock (job->mutex);
          *job->done = TRUE;
          g_cond_signal (job->cond);
          g_mutex_unlock (job->mutex);
          job_free (job);
          continue;
        }

      if (store == NULL)
        g_set_error (&error, PAR_ERROR, PAR_ERROR_STORE,
                     _("The database %s could not be opened for writing: %s"),
                     self->db_path, open_error->message);
      else if (job->kind == JOB_ENTRIES)
        ok = par_store_save_entries (store, job->assessment_id, job->entries, &error);
      else if (job->kind == JOB_COUNCIL)
        {
          ok = TRUE;
          for (guint i = 0; ok && i < job->entries->len; i++)
            /* In a council's database, through the round that holds the year. */
            ok = par_store_save_council_in_round (store, job->assessment_id,
                                                  g_ptr_array_index (job->entries, i), &error);
        }
      else
        ok = job->func (store, job->data, &error);

      if (job->task != NULL)
        {
          if (ok)
            g_task_return_boolean (job->task, TRUE);
          else
            g_task_return_error (job->task, g_steal_pointer (&error));
        }
      else if (!ok)
        report (self, g_steal_pointer (&error), FALSE);
      else
        report (self, NULL, TRUE);

      job_free (job);
    }

  return NULL;
}

static GPtrArray *
take_batch (GHashTable *pending,
            gint64      assessment_id)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_ascii_strtoll (key, NULL, 10) != assessment_id)
        continue;
      g_ptr_array_add (entries, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  return entries;
}

static void
push_pending (ParWriter  *self,
              GHashTable *pending,
              JobKind     kind)
{
  while (g_hash_table_size (pending) > 0)
    {
      GHashTableIter iter;
      gpointer key;
      gint64 assessment_id;
      Job *job;

      g_hash_table_iter_init (&iter, pending);
      g_hash_table_iter_next (&iter, &key, NULL);
      assessment_id = g_ascii_strtoll (key, NULL, 10);

      job = g_new0 (Job, 1);
      job->kind = kind;
      job->assessment_id = assessment_id;
      job->entries = take_batch (pending, assessment_id);
      g_async_queue_push (self->queue, job);
    }
}

/* Hand every pending edit to the thread, in one transaction per assessment. */
static void
push_all_pending (ParWriter *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  push_pending (self, self->pending, JOB_ENTRIES);
  push_pending (self, self->pending_council, JOB_COUNCIL);
}

static gboolean
on_timeout (gpointer user_data)
{
  ParWriter *self = user_data;

  self->timeout_id = 0;
  push_all_pending (self);
  return G_SOURCE_REMOVE;
}

static void
queue_entry (ParWriter      *self,
             GHashTable     *pending,
             gint64          assessment_id,
             const ParEntry *entry)
{
  g_return_if_fail (PAR_IS_WRITER (self));
  g_return_if_fail (entry != NULL && entry->code != NULL);

  g_hash_table_replace (pending,
                        g_strdup_printf ("%" G_GINT64_FORMAT "/%s", assessment_id, entry->code),
                        par_entry_copy (entry));
  /* A throttle, not a debounce: continuous typing must not postpone the write forever. */
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (PAR_WRITER_DELAY_MS, on_timeout, self);
}

void
par_writer_save_entry (ParWriter      *self,
                       gint64          assessment_id,
                       const ParEntry *entry)
{
  queue_entry (self, self->pending, assessment_id, entry);
}

void
par_writer_save_council (ParWriter      *self,
                         gint64          assessment_id,
                         const ParEntry *entry)
{
  queue_entry (self, self->pending_council, assessment_id, entry);
}

void
par_writer_run (ParWriter          *self,
                ParWriterFunc       func,
                gpointer            data,
                GDestroyNotify      data_free,
                GCancellable       *cancellable,
                GAsyncReadyCallback callback,
                gpointer            user_data)
{
  Job *job;

  g_return_if_fail (PAR_IS_WRITER (self));
  g_return_if_fail (func != NULL);

  /* Edits made before this write must land before it (a submit must see the last score). */
  push_all_pending (self);

  job = g_new0 (Job, 1);
  job->kind = JOB_FUNC;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, par_writer_run);
  g_async_queue_push (self->queue, job);
}

gboolean
par_writer_run_finish (ParWriter     *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
par_writer_flush (ParWriter *self)
{
  GMutex mutex;
  GCond cond;
  gboolean done = FALSE;
  Job *job;

  g_return_if_fail (PAR_IS_WRITER (self));

  push_all_pending (self);

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  job = g_new0 (Job, 1);
  job->kind = JOB_BARRIER;
  job->mutex = &mutex;
  job->cond = &cond;
  job->done = &done;

  g_mutex_lock (&mutex);
  g_async_queue_push (self->queue, job);
  while (!done)
    g_cond_wait (&cond, &mutex);
  g_mutex_unlock (&mutex);

  g_mutex_clear (&mutex);
  g_cond_clear (&cond);
}

guint
par_writer_get_pending (ParWriter *self)
{
  g_return_val_if_fail (PAR_IS_WRITER (self), 0);
  return g_hash_table_size (self->pending) + g_hash_table_size (self->pending_council);
}

static void
par_writer_dispose (GObject *object)
{
  ParWriter *self = PAR_WRITER (object);

  if (self->thread != NULL)
    {
      Job *quit = g_new0 (Job, 1);

      push_all_pending (self);
      quit->kind = JOB_QUIT;
      g_async_queue_push (self->queue, quit);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (par_writer_parent_class)->dispose (object);
}

static void
par_writer_finalize (GObject *object)
{
  ParWriter *self = PAR_WRITER (object);

  g_clear_pointer (&self->queue, g_async_queue_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->pending_council, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->db_path);

  G_OBJECT_CLASS (par_writer_parent_class)->finalize (object);
}

static void
par_writer_class_init (ParWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = par_writer_dispose;
  object_class->finalize = par_writer_finalize;

  /**
   * ParWriter::failed:
   * @error: what went wrong with a write nobody waited for (an autosaved edit)
   */
  signals[SIGNAL_FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /**
   * ParWriter::saved:
   *
   * A batch of autosaved edits is on disk.
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
par_writer_init (ParWriter *self)
{
  self->queue = g_async_queue_new ();
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) par_entry_free);
  self->pending_council = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) par_entry_free);
  self->context = g_main_context_ref_thread_default ();
}

ParWriter *
par_writer_new (const char *db_path)
{
  ParWriter *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (PAR_TYPE_WRITER, NULL);
  self->db_path = g_strdup (db_path);
  self->thread = g_thread_new ("parscore-writer", writer_thread, self);
  return self;
}
