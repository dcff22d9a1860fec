/* par-store-score.c — scoring many years at once, on up to two threads, delivered in order.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `score --all-units --all-years` reads and scores a thousand years; the user waits on the
 * wall clock, and the machine has two cores (issue 11). Each year is scored as
 * par_store_score_assessment () scores it; a second thread takes years too, on its own read
 * connection to the same file (WAL: readers do not block each other, nor a writer), and the
 * caller receives every result on its own thread in the order of the list. The threads take
 * the next year from one counter, so neither waits for a slower half; neither runs more than
 * WINDOW years ahead of what was delivered, so memory stays that of a few years.
 *
 * Each connection reads its years in one snapshot. Two connections are two snapshots: a year
 * written by another program while they start may be read before the change by one and after
 * it by the other — the same as when each year was read under its own lock. Within one year,
 * the set and the entries are always one snapshot.
 * A year the second connection cannot score (removed since the list was read, in the
 * caller's snapshot, or a connection that fails where the caller's does not) is scored again
 * on the caller's connection, and the second thread stops: an error is only ever the caller's.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include "par-store-private.h"

/* How far the threads may score ahead of the year delivered. */
#define WINDOW 64

typedef struct {
  GPtrArray  *assessments;  /* of ParAssessment*, borrowed */
  ParStore   *reader;       /* the second thread's connection */
  GMutex      lock;
  GCond       changed;
  guint       next;         /* the next year to take */
  guint       delivered;    /* years handed to the caller */
  gboolean    stop;         /* no more years to take: a failure, or the caller stopped */
  gboolean    retry;        /* the reader could not score year retry_index: the caller's to do */
  guint       retry_index;
  ParResult **results;      /* per year, once scored */
  GError    **errors;       /* per year, when scoring it failed */
  gboolean   *done;         /* per year: scored or failed */
  guint       waiting;      /* threads in batch_wait () */
} Batch;

/* GLib's g_cond_broadcast () is a futex system call each time, waiter or not: two a year, a
 * thousand years (issue 11). The threads count themselves while they wait, under the lock,
 * and a change is broadcast only when one does. Called with the lock held. */
static void
batch_wait (Batch *b)
{
  b->waiting++;
  g_cond_wait (&b->changed, &b->lock);
  b->waiting--;
}

static void
batch_changed (Batch *b)
{
  if (b->waiting > 0)
    g_cond_broadcast (&b->changed);
}

/* Takes the next year, if one may be taken now. Called with the lock held. */
static gboolean
batch_take (Batch *b,
            guint *index)
{
  if (b->stop || b->next >= b->assessments->len || b->next >= b->delivered + WINDOW)
    return FALSE;
  *index = b->next++;
  return TRUE;
}

/* Scores year @index on @store (this thread's connection), without the lock, and records it.
 * A year the reader cannot score is not recorded: its snapshot is not the caller's (a year
 * removed since the caller listed it), or its connection failed where the caller's did not;
 * the caller scores it on its own connection, as on one thread, and FALSE is returned.
 * Called without the lock; returns with it held. */
static gboolean
batch_score (Batch    *b,
             ParStore *store,
             guint     index)
{
  const ParAssessment *a = g_ptr_array_index (b->assessments, index);
  GError *error = NULL;
  ParResult *result = par_store_score_assessment (store, a->id, &error);

  g_mutex_lock (&b->lock);
  if (result == NULL && store == b->reader)
    {
      g_debug ("Year %" G_GINT64_FORMAT " left to the first connection: %s", a->id,
               error->message);
      g_error_free (error);
      b->retry = TRUE;
      b->retry_index = index;
      batch_changed (b);
      return FALSE;
    }
  b->results[index] = result;
  b->errors[index] = error;
  b->done[index] = TRUE;
  /* The years before it are still delivered; none after it is taken. */
  if (result == NULL)
    b->stop = TRUE;
  batch_changed (b);
  return TRUE;
}

static gpointer
batch_worker (gpointer data)
{
  Batch *b = data;
  gboolean began = par_store_begin_read (b->reader);
  guint index;

  g_mutex_lock (&b->lock);
  for (;;)
    {
      if (batch_take (b, &index))
        {
          g_mutex_unlock (&b->lock);
          if (!batch_score (b, b->reader, index))
            break;
        }
      else if (b->stop || b->next >= b->assessments->len)
        break;
      else
        batch_wait (b);
    }
  g_mutex_unlock (&b->lock);
  par_store_end_read (b->reader, began);
  return NULL;
}

/* Whether a second connection may read what this one reads: not inside a write (the other
 * would not see it), not on the read-only ways of opening (immutable, a private copy). */
static gboolean
can_read_on_two_connections (ParStore *self)
{
  return !self->read_only && !self->in_transaction && !self->batch &&
         sqlite3_txn_state (self->db, "main") != SQLITE_TXN_WRITE;
}

/**
 * par_store_score_each:
 * @assessments: (element-type ParAssessment): the years to score
 * @n_threads: how many threads may score: 1 scores on the calling thread only; 2 adds a second
 *   thread with its own read connection, where the store allows one
 * @func: called on the calling thread for each year in the order of @assessments, with its
 *   result (borrowed: take a reference to keep it); returning %FALSE stops
 *
 * Scores every year of @assessments as par_store_score_assessment() does. When a year cannot
 * be scored, the years before it are still delivered, then %FALSE is returned with its error.
 *
 * Returns: %TRUE when every year was delivered or @func stopped; %FALSE with @error set.
 */
gboolean
par_store_score_each (ParStore          *self,
                      GPtrArray         *assessments,
                      guint              n_threads,
                      ParStoreScoreFunc  func,
                      gpointer           user_data,
                      GError           **error)
{
  g_autoptr(GError) open_error = NULL;
  Batch b = { 0 };
  GThread *worker = NULL;
  gboolean ok = TRUE;
  guint n, index;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (assessments != NULL && func != NULL, FALSE);

  n = assessments->len;
  if (n_threads > 1 && n > 1 && can_read_on_two_connections (self))
    {
      /* The sets are parsed once, here, and shared with the reader (they are immutable). */
      for (guint i = 0; i < n; i++)
        {
          const ParAssessment *a = g_ptr_array_index (assessments, i);
          g_autoptr(ParFramework) framework = par_store_load_framework (self, a->framework_row,
                                                                        NULL);
        }
      b.reader = par_store_open_reader (self, &open_error);
      if (b.reader == NULL)
        g_debug ("Scoring on one thread: %s", open_error->message);
    }
  if (b.reader == NULL)
    {
      for (guint i = 0; i < n; i++)
        {
          ParAssessment *a = g_ptr_array_index (assessments, i);
          g_autoptr(ParResult) result = par_store_score_assessment (self, a->id, error);

          if (result == NULL)
            return FALSE;
          if (!func (a, result, user_data))
            break;
        }
      return TRUE;
    }

  b.assessments = assessments;
  b.results = g_new0 (ParResult *, n);
  b.errors = g_new0 (GError *, n);
  b.done = g_new0 (gboolean, n);
  g_mutex_init (&b.lock);
  g_cond_init (&b.changed);
  worker = g_thread_new ("par-score", batch_worker, &b);

  g_mutex_lock (&b.lock);
  while (b.delivered < n)
    {
      guint i = b.delivered;

      if (b.done[i])
        {
          g_autoptr(ParResult) result = g_steal_pointer (&b.results[i]);
          gboolean go_on;

          if (result == NULL)
            {
              g_propagate_error (error, g_steal_pointer (&b.errors[i]));
              ok = FALSE;
              break;
            }
          g_mutex_unlock (&b.lock);
          go_on = func (g_ptr_array_index (assessments, i), result, user_data);
          g_clear_pointer (&result, par_result_unref);
          g_mutex_lock (&b.lock);
          b.delivered++;
          batch_changed (&b);
          if (!go_on)
            break;
        }
      else if (b.retry)
        {
          index = b.retry_index;
          b.retry = FALSE;
          g_mutex_unlock (&b.lock);
          batch_score (&b, self, index);
        }
      else if (batch_take (&b, &index))
        {
          g_mutex_unlock (&b.lock);
          batch_score (&b, self, index);
        }
      else
        batch_wait (&b);
    }
  b.stop = TRUE;
  batch_changed (&b);
  g_mutex_unlock (&b.lock);
  g_thread_join (worker);

  for (guint i = 0; i < n; i++)
    {
      g_clear_pointer (&b.results[i], par_result_unref);
      g_clear_error (&b.errors[i]);
    }
  g_free (b.results);
  g_free (b.errors);
  g_free (b.done);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.changed);
  g_object_unref (b.reader);
  return ok;
}
