/* par-context.c — what the app's windows share, instead of globals.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-context.h"

struct _ParContext
{
  GObject     parent_instance;

  char       *db_path;
  ParStore   *store;
  ParWriter  *writer;
  GSettings  *settings;
  GHashTable *frameworks;   /* row → ParFramework* */
  gint64      failed_framework_row;     /* a set the preload could not read (0: none) */
  GError     *failed_framework_error;
  gulong      name_changed_id;
};

G_DEFINE_FINAL_TYPE (ParContext, par_context, G_TYPE_OBJECT)

static void
par_context_dispose (GObject *object)
{
  ParContext *self = PAR_CONTEXT (object);

  if (self->settings != NULL)
    g_clear_signal_handler (&self->name_changed_id, self->settings);
  /* The writer's dispose writes what is pending and joins its thread. */
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  g_clear_error (&self->failed_framework_error);

  G_OBJECT_CLASS (par_context_parent_class)->dispose (object);
}

static void
par_context_finalize (GObject *object)
{
  ParContext *self = PAR_CONTEXT (object);

  g_free (self->db_path);

  G_OBJECT_CLASS (par_context_parent_class)->finalize (object);
}

static void
par_context_class_init (ParContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = par_context_dispose;
  object_class->finalize = par_context_finalize;
}

static void
par_context_init (ParContext *self)
{
  self->frameworks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) par_framework_unref);
}

static gboolean
set_actor_job (ParStore  *store,
               gpointer   data,
               GError   **error)
{
  par_store_set_actor (store, data);
  return TRUE;
}

/* Who the audit log names: the login name, and the name from the preferences when one is
 * set — on both connections, the main thread's and the writer's. */
static void
apply_actor (ParContext *self,
             gboolean    initial)
{
  g_autofree char *name = self->settings != NULL ? g_settings_get_string (self->settings, "user-name") : NULL;
  g_autofree char *actor = par_context_actor_for (name);

  par_store_set_actor (self->store, actor);
  /* The store names the login by default: a new connection with no name set needs no job
   * (which would open the writer's connection at start-up). */
  if (initial && (name == NULL || *g_strstrip (name) == '\0'))
    return;
  par_writer_run (self->writer, set_actor_job, g_steal_pointer (&actor), g_free, NULL, NULL, NULL);
}

static void
on_user_name_changed (GSettings  *settings,
                      const char *key,
                      ParContext *self)
{
  apply_actor (self, FALSE);
}

GSettings *
par_context_new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return g_settings_new (APP_ID);
  g_debug ("GSettings schema %s not found: window size will not be remembered", APP_ID);
  return NULL;
}

/* The rest of a context, once its store is open: the writer, the settings (@settings, or
 * made here when NULL), who the audit log names. */
static void
finish_context (ParContext *self,
                GSettings  *settings)
{
  self->writer = par_writer_new (self->db_path);
  self->settings = settings != NULL ? settings : par_context_new_settings ();

  apply_actor (self, TRUE);
  if (self->settings != NULL)
    self->name_changed_id = g_signal_connect (self->settings, "changed::user-name",
                                              G_CALLBACK (on_user_name_changed), self);
}

ParContext *
par_context_new (const char  *db_path,
                 GError     **error)
{
  g_autoptr(ParContext) self = NULL;

  self = g_object_new (PAR_TYPE_CONTEXT, NULL);
  self->db_path = db_path != NULL ? g_strdup (db_path) : par_store_default_path ();
  self->store = par_store_open (self->db_path, error);
  if (self->store == NULL)
    return NULL;
  finish_context (self, NULL);
  return g_steal_pointer (&self);
}

ParContext *
par_context_new_preloaded (ParPreload  *preload,
                           GError     **error)
{
  g_autoptr(ParContext) self = NULL;

  g_return_val_if_fail (preload != NULL, NULL);

  self = g_object_new (PAR_TYPE_CONTEXT, NULL);
  self->db_path = g_strdup (par_preload_get_path (preload));
  self->store = par_preload_take_store (preload, error);
  if (self->store == NULL)
    return NULL;
  /* Reported when the window asks for that set, as if it had read it itself. */
  self->failed_framework_row = par_preload_take_framework_error (preload,
                                                                 &self->failed_framework_error);
  finish_context (self, par_preload_take_settings (preload));
  return g_steal_pointer (&self);
}

const char *
par_context_get_db_path (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), NULL);
  return self->db_path;
}

ParStore *
par_context_get_store (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), NULL);
  return self->store;
}

ParWriter *
par_context_get_writer (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), NULL);
  return self->writer;
}

gboolean
par_context_is_read_only (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), TRUE);
  return par_store_is_read_only (self->store);
}

GSettings *
par_context_get_settings (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), NULL);
  return self->settings;
}

static char *
settings_key_for (const char *db_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (db_path);

  return g_file_get_path (file);   /* absolute and canonical */
}

gint64
par_context_lookup_last_assessment (GSettings  *settings,
                                    const char *db_path)
{
  g_autoptr(GVariant) map = NULL;
  g_autofree char *key = NULL;
  gint64 id = 0;

  g_return_val_if_fail (G_IS_SETTINGS (settings), 0);
  g_return_val_if_fail (db_path != NULL, 0);

  key = settings_key_for (db_path);
  map = g_settings_get_value (settings, "last-assessments");
  if (!g_variant_lookup (map, key, "x", &id))
    return 0;
  return id;
}

gint64
par_context_get_last_assessment (ParContext *self)
{
  g_return_val_if_fail (PAR_IS_CONTEXT (self), 0);

  if (self->settings == NULL)
    return 0;
  return par_context_lookup_last_assessment (self->settings, self->db_path);
}

void
par_context_set_last_assessment (ParContext *self,
                                 gint64      assessment_id)
{
  g_autoptr(GVariant) map = NULL;
  g_autofree char *key = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *path;
  gint64 id;

  g_return_if_fail (PAR_IS_CONTEXT (self));

  if (self->settings == NULL)
    return;
  key = settings_key_for (self->db_path);
  map = g_settings_get_value (self->settings, "last-assessments");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sx}"));
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&sx}", &path, &id))
    if (!g_str_equal (path, key))
      g_variant_builder_add (&builder, "{sx}", path, id);
  if (assessment_id > 0)
    g_variant_builder_add (&builder, "{sx}", key, assessment_id);
  g_settings_set_value (self->settings, "last-assessments", g_variant_builder_end (&builder));
}

char *
par_context_actor_for (const char *name)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  const char *login = g_get_user_name ();

  if (*clean == '\0')
    return g_strdup (login);
  /* Translators: who made a change, as the audit log records it: "Nguyễn Văn An (an)". */
  return g_strdup_printf (_("%s (%s)"), clean, login);
}

ParFramework *
par_context_get_framework (ParContext  *self,
                           gint64       framework_row,
                           GError     **error)
{
  ParFramework *framework;

  g_return_val_if_fail (PAR_IS_CONTEXT (self), NULL);

  framework = g_hash_table_lookup (self->frameworks, &framework_row);
  if (framework == NULL && framework_row == self->failed_framework_row)
    {
      /* Once: asked again, the set is read again. */
      self->failed_framework_row = 0;
      g_propagate_error (error, g_steal_pointer (&self->failed_framework_error));
      return NULL;
    }
  if (framework == NULL)
    {
      framework = par_store_load_framework (self->store, framework_row, error);
      if (framework == NULL)
        return NULL;
      g_hash_table_insert (self->frameworks, g_memdup2 (&framework_row, sizeof framework_row),
                           framework);
    }
  return par_framework_ref (framework);
}

char *
par_context_find_data_file (const char *relative)
{
  const char *dirs[] = { g_getenv ("PARSCORE_DATADIR"), SOURCE_DATADIR, PKGDATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;
      path = g_build_filename (dirs[i], relative, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
