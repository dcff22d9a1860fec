/* par-preload.c — the database opened, and what the first window shows read, on a worker
 * thread while GTK starts on the main one.
 *
 * GTK's and libadwaita's start-up (the display connection, the theme's CSS) is main-thread
 * work the app's own loading does not depend on, and the machine has cores to spare then.
 * The application starts this worker before it starts GTK; the worker opens the store (the
 * PRAGMAs, the migrations check) and reads the stored criteria set of the year the window
 * will open (parsed and checked against its schema: par_store_load_framework () keeps it in
 * the store's cache). The window's own queries then find the pages in SQLite's cache.
 *
 * The store is one SQLite connection used by one thread at a time: the worker's until it
 * ends, then, after g_thread_join (), which orders everything the worker wrote before what
 * the caller reads, the main thread's. Nothing is shared while both run. What failed on the
 * worker is handed over as its GError, to be reported where it is reported today.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <libxml/parser.h>

#include "par-context.h"
#include "par-gl-driver.h"
#include "par-preload.h"

struct _ParPreload
{
  char      *path;
  gint64     remembered;        /* the year last shown (0: none), read on the main thread */
  GSettings *settings;          /* main thread only */
  GThread   *thread;            /* NULL once joined */
  ParGlDriverEnv *gl_env;       /* read on the main thread, for the worker */

  /* Written by the worker, read after the join. */
  ParStore  *store;
  GError    *error;
  gint64     framework_row;     /* the set that failed (0: none) */
  GError    *framework_error;
};

/* The year the window opens on, as _par_window_reload_units () chooses it: the one last
 * shown, else the latest of the first unit. Only to know which criteria set to read: if the
 * window opens another, it reads that one itself. */
static gint64
framework_to_read (ParPreload *self)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) assessments = NULL;

  if (self->remembered > 0)
    {
      g_autoptr(ParAssessment) last = par_store_get_assessment (self->store, self->remembered, NULL);

      if (last != NULL)
        return last->framework_row;
    }
  units = par_store_list_units (self->store, NULL);
  if (units == NULL || units->len == 0)
    return 0;
  assessments = par_store_list_assessments (self->store,
                                            ((ParUnit *) g_ptr_array_index (units, 0))->id, NULL);
  if (assessments == NULL || assessments->len == 0)
    return 0;
  return ((ParAssessment *) g_ptr_array_index (assessments, assessments->len - 1))->framework_row;
}

static gpointer
preload_run (gpointer data)
{
  ParPreload *self = data;
  gint64 row;

  /* First: GTK needs it at display open, the window's database only once GTK has started. */
  par_gl_driver_preload (self->gl_env);
  self->store = par_store_open (self->path, &self->error);
  if (self->store == NULL)
    return NULL;

  row = framework_to_read (self);
  if (row > 0)
    {
      /* Kept in the store's cache for the window's model. */
      ParFramework *framework = par_store_load_framework (self->store, row, &self->framework_error);

      if (framework != NULL)
        par_framework_unref (framework);
      else
        self->framework_row = row;
    }
  return NULL;
}

ParPreload *
par_preload_start (const char *db_path,
                   GSettings  *settings)
{
  ParPreload *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  /* libxml2 2.9 sets up its globals on first use, unlocked: here, before a second thread can
   * use it (the worker's criteria set; librsvg's icons on the main thread). */
  xmlInitParser ();

  self = g_new0 (ParPreload, 1);
  self->path = g_strdup (db_path);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->remembered = settings != NULL ? par_context_lookup_last_assessment (settings, db_path) : 0;
  self->gl_env = par_gl_driver_env_read ();
  self->thread = g_thread_new ("parscore-preload", preload_run, self);
  return self;
}

const char *
par_preload_get_path (ParPreload *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->path;
}

static void
join (ParPreload *self)
{
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
}

ParStore *
par_preload_take_store (ParPreload  *self,
                        GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  join (self);
  if (self->store == NULL)
    {
      g_return_val_if_fail (self->error != NULL, NULL);   /* taken twice */
      g_propagate_error (error, g_steal_pointer (&self->error));
      return NULL;
    }
  return g_steal_pointer (&self->store);
}

GSettings *
par_preload_take_settings (ParPreload *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_steal_pointer (&self->settings);
}

gint64
par_preload_take_framework_error (ParPreload  *self,
                                  GError     **error)
{
  gint64 row;

  g_return_val_if_fail (self != NULL, 0);

  join (self);
  row = self->framework_row;
  self->framework_row = 0;
  if (row > 0)
    g_propagate_error (error, g_steal_pointer (&self->framework_error));
  return row;
}

void
par_preload_free (ParPreload *self)
{
  if (self == NULL)
    return;
  join (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_error (&self->error);
  g_clear_error (&self->framework_error);
  g_free (self->path);
  par_gl_driver_env_free (self->gl_env);
  g_free (self);
}
