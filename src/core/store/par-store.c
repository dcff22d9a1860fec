/* par-store.c — the SQLite store's connection: opening, migrations, cached statements and
 * transactions. The tables' own code lives in par-store-{units,entries,documents,attachments,
 * audit}.c (see par-store-private.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One ParStore is one SQLite connection. Every write runs in a BEGIN IMMEDIATE transaction,
 * every statement is prepared once per connection and cached by its SQL text, and no SQL is
 * ever built from values. The schema lives in sql/00N-*.sql, one file per user_version step,
 * compiled into the library.
 *
 * Durability: the database runs in WAL mode with synchronous=FULL, so a commit is on the disk
 * (the -wal fsynced) before it returns: what the app shows as "Saved" survives a power cut, not
 * only a crash. NORMAL would skip that fsync and may lose the last commits on power loss. The
 * cost was measured on the typing path (one save = one transaction, 200 saves, 3 rounds on a
 * loaded 2-core machine): median 0.04–0.07 ms with NORMAL, 7.1–7.7 ms with FULL (p90 16 ms).
 * The app commits from its writer thread at most every 400 ms, so typing never waits for it.
 * Attachment blobs are fsynced before their row is committed, so a row never names a
 * half-written file.
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-store-private.h"

/* The schema steps, generated from the sql/ files by build-aux/embed-file.py (NUL-terminated). */
extern const unsigned char par_store_sql_v1[];
extern const unsigned char par_store_sql_v2[];
extern const unsigned char par_store_sql_v3[];
extern const unsigned char par_store_sql_v4[];
extern const unsigned char par_store_sql_v5[];
extern const unsigned char par_store_sql_v6[];
extern const unsigned char par_store_sql_v7[];
extern const unsigned char par_store_sql_v8[];
extern const unsigned char par_store_sql_v9[];

static const unsigned char *const migrations[PAR_STORE_SCHEMA_VERSION] = {
  par_store_sql_v1,
  par_store_sql_v2,
  par_store_sql_v3,
  par_store_sql_v4,
  par_store_sql_v5,
  par_store_sql_v6,
  par_store_sql_v7,
  par_store_sql_v8,
  par_store_sql_v9,
};

G_DEFINE_FINAL_TYPE (ParStore, par_store, G_TYPE_OBJECT)

/* Read from the header, without SQLite: a backup or a package is checked before it is opened. */
gint64
par_store_file_application_id (const char *path)
{
  guint8 header[72];
  gssize n = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      n = read (fd, header, sizeof header);
      g_close (fd, NULL);
    }
  if (n != (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return -1;
  return ((gint64) header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
}

void
par_stmt_release (ParStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

/* ------------------------------------------------------------------------------------------ */
/* Errors, statements, transactions                                                           */

/* Whether a failure means a full disk. Below ~32 KB free, SQLite reports an I/O error
 * (SQLITE_IOERR_WRITE, _SHMSIZE, _FSYNC…) rather than SQLITE_FULL; errno tells. */
gboolean
par_store_errno_is_full (int rc,
                         int system_errno)
{
  return (rc & 0xff) == SQLITE_FULL ||
         ((rc & 0xff) == SQLITE_IOERR && (system_errno == ENOSPC || system_errno == EDQUOT));
}

void
par_store_set_error_rc (ParStore    *self,
                        int          rc,
                        GError     **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  if (par_store_errno_is_full (rc, self->db != NULL ? sqlite3_system_errno (self->db) : 0))
    rc = SQLITE_FULL;
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PAR_ERROR, PAR_ERROR_BUSY,
                   _("The database “%s” is busy: another window or program is saving to it. "
                     "Try again in a moment."),
                   self->display_path);
      break;
    case SQLITE_FULL:
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The disk holding the database “%s” is full. Free some space and try again."),
                   self->display_path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The database “%s” is damaged or is not a Parscore database (%s). "
                     "Restore it from a backup."),
                   self->display_path, detail);
      break;
    case SQLITE_READONLY:
      /* The file, its folder or its disk became read-only while the store was open. */
      g_set_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written any more (%s): the change was not "
                     "saved. Check that its disk is still there and writable."),
                   self->display_path, detail);
      break;
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The database “%s” cannot be opened for writing (%s). Check the file’s "
                     "permissions."),
                   self->display_path, detail);
      break;
    default:
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The database “%s” failed: %s."), self->display_path, detail);
      break;
    }
}

ParStmt *
par_store_prepare (ParStore    *self,
                   const char  *sql,
                   GError     **error)
{
  /* By address first: the texts are string literals or interned, so an address names one
   * text for the connection's life, and a re-score's four statements a year are found without
   * hashing their texts (issue 11). The same text at another address (a literal of another
   * file) finds the same statement by its text. */
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements_at, sql);

  if (stmt == NULL && (stmt = g_hash_table_lookup (self->statements, sql)) != NULL)
    g_hash_table_insert (self->statements_at, (gpointer) sql, stmt);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          par_store_set_error_rc (self, rc, error);
          return NULL;
        }
      /* Keys are the string literals of this file: they outlive the connection. */
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
      g_hash_table_insert (self->statements_at, (gpointer) sql, stmt);
    }

  /* A statement must not be used re-entrantly: finish one loop before starting another. */
  g_assert (!sqlite3_stmt_busy (stmt));
  return stmt;
}

int
par_store_step (ParStore    *self,
                ParStmt     *stmt,
                GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  par_store_set_error_rc (self, rc, error);
  return 0;
}

gboolean
par_store_run (ParStore    *self,
               ParStmt     *stmt,
               GError     **error)
{
  int rc;

  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
store_exec_simple (ParStore    *self,
                   const char  *sql,
                   GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, sql, error);

  return stmt != NULL && par_store_run (self, stmt, error);
}

gboolean
par_store_begin (ParStore  *self,
                 GError   **error)
{
  g_assert (!self->in_transaction);

  if (self->batch)
    {
      /* Inside a batch, each write is a savepoint of the batch's one transaction. */
      if (self->batch_failed)
        {
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_STORE,
                               _("An earlier step of this change failed: nothing was saved."));
          return FALSE;
        }
      if (!store_exec_simple (self, "SAVEPOINT par_write", error))
        return FALSE;
      self->in_transaction = TRUE;
      return TRUE;
    }
  if (!par_store_check_writable (self, error) ||
      !store_exec_simple (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  g_free (self->tx_now);
  self->tx_now = now_iso ();
  return TRUE;
}

gboolean
par_store_begin_read (ParStore *self)
{
  g_autoptr(GError) local_error = NULL;

  if (self->in_transaction || !sqlite3_get_autocommit (self->db))
    return FALSE;
  /* Failing here only costs speed: each read then runs on its own, as without it. */
  if (!store_exec_simple (self, "BEGIN", &local_error))
    {
      g_debug ("Beginning a read failed: %s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

void
par_store_end_read (ParStore *self,
                    gboolean  began)
{
  g_autoptr(GError) local_error = NULL;

  if (!began || sqlite3_get_autocommit (self->db))
    return;
  if (!store_exec_simple (self, "COMMIT", &local_error))
    g_warning ("Ending a read failed: %s", local_error->message);
}

void
par_store_rollback (ParStore *self)
{
  g_autoptr(GError) local_error = NULL;

  if (!self->in_transaction)
    return;
  self->in_transaction = FALSE;
  if (self->batch)
    {
      /* The step is undone, and the batch will be: it is all or nothing. */
      self->batch_failed = TRUE;
      if (!sqlite3_get_autocommit (self->db) &&
          !store_exec_simple (self, "ROLLBACK TO par_write; RELEASE par_write", &local_error))
        g_warning ("Rolling back failed: %s", local_error->message);
      return;
    }
  /* A set the transaction stored (a batch's package import) and cached by its row is gone
   * with the row, whose number the next set stored, here or by another connection, takes:
   * parsed again from what the rows hold, never scored with the set rolled back. */
  g_hash_table_remove_all (self->frameworks);
  /* SQLite may already have rolled back by itself (e.g. after SQLITE_FULL). */
  if (sqlite3_get_autocommit (self->db))
    return;
  if (!store_exec_simple (self, "ROLLBACK", &local_error))
    g_warning ("Rolling back failed: %s", local_error->message);
}

gboolean
par_store_commit (ParStore  *self,
                  GError   **error)
{
  g_assert (self->in_transaction);

  if (self->batch)
    {
      if (!store_exec_simple (self, "RELEASE par_write", error))
        {
          par_store_rollback (self);
          return FALSE;
        }
      self->in_transaction = FALSE;
      return TRUE;
    }
  if (!store_exec_simple (self, "COMMIT", error))
    {
      par_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  /* Once a day while in use, after a write (par-store-backup.c); cheap when not due. */
  if (self->opened)
    par_store_snapshot_if_due (self);
  return TRUE;
}

gboolean
par_store_finish (ParStore  *self,
                  gboolean   ok,
                  GError   **error)
{
  if (!ok)
    {
      par_store_rollback (self);
      return FALSE;
    }
  return par_store_commit (self, error);
}

gboolean
par_store_begin_write (ParStore  *self,
                       gboolean   dry_run,
                       GError   **error)
{
  if (!dry_run && !par_store_check_writable (self, error))
    return FALSE;
  return par_store_begin (self, error);
}

gboolean
par_store_end_write (ParStore  *self,
                     gboolean   ok,
                     gboolean   dry_run,
                     GError   **error)
{
  if (dry_run)
    {
      par_store_rollback (self);
      return ok;
    }
  return par_store_finish (self, ok, error);
}

/* A batch: several writes through the store's own functions in one transaction (a package's
 * import). Each write is a savepoint; one that fails makes the whole batch roll back. */
gboolean
par_store_batch_begin (ParStore  *self,
                       GError   **error)
{
  g_assert (!self->in_transaction && !self->batch);

  if (!par_store_begin (self, error))
    return FALSE;
  /* The batch's transaction is open; its writes nest inside it. */
  self->in_transaction = FALSE;
  self->batch = TRUE;
  self->batch_failed = FALSE;
  self->batch_prune = g_ptr_array_new_with_free_func (g_free);
  return TRUE;
}

gboolean
par_store_batch_end (ParStore  *self,
                     gboolean   ok,
                     GError   **error)
{
  g_autoptr(GPtrArray) prune = NULL;

  g_assert (self->batch && !self->in_transaction);

  prune = g_steal_pointer (&self->batch_prune);
  if (ok && self->batch_failed)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_STORE,
                           _("A step of this change failed: nothing was saved."));
      ok = FALSE;
    }
  self->batch = FALSE;
  self->batch_failed = FALSE;
  self->in_transaction = TRUE;
  ok = par_store_finish (self, ok, error);
  /* Blobs are pruned once nothing can bring their rows back (after a rollback, those the
   * batch attached that no row names any more). */
  for (guint i = 0; i < prune->len; i++)
    par_store_prune_blob (self, prune->pdata[i]);
  return ok;
}

gboolean
par_store_query_int (ParStore    *self,
                     const char  *sql,
                     gint64      *out,
                     GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers the tables share                                                                   */

char *
par_store_clean_text (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* par_fold() in SQL: par_fold_for_search() of a text, for searches ignoring diacritics. */
static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text;

  g_assert (argc == 1);
  text = (const char *) sqlite3_value_text (argv[0]);
  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, par_fold_for_search (text), -1, g_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Object, opening, migrations                                                                */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
par_store_finalize (GObject *object)
{
  ParStore *self = PAR_STORE (object);

  g_clear_pointer (&self->statements_at, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  par_store_remove_private_copy (self);
  g_free (self->path);
  g_free (self->display_path);
  g_free (self->attachments_dir);
  g_free (self->tx_now);
  g_free (self->actor);

  G_OBJECT_CLASS (par_store_parent_class)->finalize (object);
}

static void
par_store_class_init (ParStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_store_finalize;
}

static void
par_store_init (ParStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->statements_at = g_hash_table_new (NULL, NULL);
  self->frameworks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) par_framework_unref);
  self->actor = g_strdup (g_get_user_name ());
}

/**
 * par_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/parscore/parscore.db`.
 */
char *
par_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "parscore", "parscore.db", NULL);
}

static gboolean
store_migrate_step (ParStore    *self,
                    int          target,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *message = NULL;
  gint64 current = 0;
  int rc;

  if (!par_store_begin (self, error))
    return FALSE;

  /* Another connection may have migrated while we waited for the lock. */
  if (!par_store_query_int (self, "PRAGMA user_version", &current, error))
    return par_store_finish (self, FALSE, error);
  if (current >= target)
    return par_store_commit (self, error);

  g_debug ("Migrating %s from schema version %" G_GINT64_FORMAT " to %d",
           self->display_path, current, target);
  /* The step is a fixed script compiled into the library; it ends with PRAGMA user_version. */
  rc = sqlite3_exec (self->db, (const char *) migrations[target - 1], NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        par_store_set_error_rc (self, rc, error);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                     _("Updating the database “%s” to version %d failed: %s. It was left at "
                       "version %" PRId64 "."),
                     self->display_path, target, message != NULL ? message : sqlite3_errstr (rc),
                     current);
      sqlite3_free (message);
      return par_store_finish (self, FALSE, NULL);
    }
  /* Years locked before seals existed are sealed as they are now, in the same step. */
  if (target == PAR_STORE_SEALS_VERSION && !par_store_seal_unsealed_in_tx (self, error))
    return par_store_finish (self, FALSE, error);

  return par_store_commit (self, error);
}

static ParStore *
store_open (const char         *path,
            int                max_version,
            ParStoreOpenFlags  flags,
            GError           **error)
{
  g_autoptr(ParStore) self = NULL;
  gint64 version = 0, application_id = 0, objects = 0;
  int rc;

  g_assert (max_version >= 1 && max_version <= PAR_STORE_SCHEMA_VERSION);

  self = g_object_new (PAR_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->display_path = g_filename_display_name (path);
  self->attachments_dir = g_strconcat (path, ".attachments", NULL);

  /* Read-write, or read-only where nothing may be written (par-store-connect.c). */
  if (!par_store_connect (self, flags, error))
    return NULL;
  sqlite3_busy_timeout (self->db, PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS);

  /* Look before touching anything: a database we cannot read stays exactly as it was. */
  if (!par_store_query_int (self, "PRAGMA user_version", &version, error) ||
      !par_store_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !par_store_query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, error))
    {
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      return NULL;
    }

  if (version > PAR_STORE_SCHEMA_VERSION)
    {
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The database “%s” was written by a newer version of Parscore (schema "
                     "version %" PRId64 "; this version knows up to %d). Open it with "
                     "a newer Parscore; the file was left unchanged."),
                   self->display_path, version, PAR_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if ((application_id != 0 && application_id != PAR_STORE_APPLICATION_ID) ||
      (version > 0 && application_id != PAR_STORE_APPLICATION_ID) ||
      (version == 0 && objects > 0))
    {
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The file “%s” is an SQLite database of another program, not a Parscore "
                     "database; it was left unchanged."),
                   self->display_path);
      return NULL;
    }

  if (self->read_only && (int) version < max_version)
    {
      /* Left by an older Parscore where nothing may be written: updated in a private copy. */
      g_debug ("%s is read-only at schema version %" G_GINT64_FORMAT ": reading a private copy",
               self->display_path, version);
      if (!par_store_connect_private_copy (self, error))
        return NULL;
      sqlite3_busy_timeout (self->db, PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS);
    }

  if (!store_exec_simple (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* A read-only connection changes nothing, not even the journal mode. */
  if (sqlite3_db_readonly (self->db, "main") == 0)
    {
      g_autoptr(ParStmt) stmt = NULL;

      if (!(stmt = par_store_prepare (self, "PRAGMA journal_mode = WAL", error)) ||
          par_store_step (self, stmt, error) != SQLITE_ROW)
        return NULL;
      if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
        g_debug ("%s stays in journal mode %s", self->display_path, sqlite3_column_text (stmt, 0));
      par_stmt_release (g_steal_pointer (&stmt));
      if (!store_exec_simple (self, "PRAGMA synchronous = FULL", error))
        return NULL;
    }

  /* Before every migration: a snapshot of the database as the older version left it. */
  if (!self->read_only && version > 0 && version < max_version &&
      !par_store_snapshot_before_migration (self, error))
    return NULL;
  for (int target = (int) version + 1; target <= max_version; target++)
    if (!store_migrate_step (self, target, error))
      return NULL;

  if (!par_store_query_int (self, "PRAGMA user_version", &version, error))
    return NULL;
  self->schema_version = (int) version;
  if (!self->read_only)
    par_store_sweep_leftovers (self);

  rc = sqlite3_create_function_v2 (self->db, "par_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sql_fold, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (self, rc, error);
      return NULL;
    }

  self->refuse_writes = self->read_only;
  self->opened = TRUE;
  return g_steal_pointer (&self);
}

ParStore *
par_store_open_reader (ParStore  *self,
                       GError   **error)
{
  g_autoptr(ParStore) reader = g_object_new (PAR_TYPE_STORE, NULL);
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  reader->path = g_strdup (self->path);
  reader->display_path = g_strdup (self->display_path);
  reader->attachments_dir = g_strdup (self->attachments_dir);
  reader->schema_version = self->schema_version;
  reader->read_only = TRUE;
  reader->refuse_writes = TRUE;
  rc = sqlite3_open_v2 (self->path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE |
                        SQLITE_OPEN_NOMUTEX /* one connection, one thread at a time */, NULL);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (reader, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (reader->db, PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS);
  rc = sqlite3_create_function_v2 (reader->db, "par_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sql_fold, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (reader, rc, error);
      return NULL;
    }
  g_hash_table_iter_init (&iter, self->frameworks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (reader->frameworks, g_memdup2 (key, sizeof (gint64)),
                         par_framework_ref (value));
  return g_steal_pointer (&reader);
}

/**
 * par_store_open:
 * @path: database file; created (with its folder) when missing
 * @error: a #PAR_ERROR: %PAR_ERROR_STORE for a damaged, foreign or newer database,
 *   %PAR_ERROR_BUSY when another connection held the lock for the whole timeout
 *
 * Opens the database and brings its schema to %PAR_STORE_SCHEMA_VERSION, one transaction per
 * step. A database with a newer schema is refused and left unchanged.
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
ParStore *
par_store_open (const char  *path,
                GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open (path, PAR_STORE_SCHEMA_VERSION, PAR_STORE_OPEN_DEFAULT, error);
}

/**
 * par_store_open_full:
 * @path: database file
 * @flags: %PAR_STORE_OPEN_READ_ONLY to never write; %PAR_STORE_OPEN_CREATE to make a new
 *   database in an existing empty file
 * @error: as for par_store_open(), and %PAR_ERROR_FORMAT for an empty file without
 *   %PAR_STORE_OPEN_CREATE
 *
 * Like par_store_open(), with a choice. A database whose file, folder or disk cannot be
 * written opens read-only whatever @flags say (par_store_is_read_only()).
 *
 * Returns: (transfer full): the store, or %NULL with @error set.
 */
ParStore *
par_store_open_full (const char         *path,
                     ParStoreOpenFlags   flags,
                     GError            **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open (path, PAR_STORE_SCHEMA_VERSION, flags, error);
}

ParStore *
par_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (version >= 1 && version <= PAR_STORE_SCHEMA_VERSION, NULL);

  return store_open (path, version, PAR_STORE_OPEN_DEFAULT, error);
}

void
par_store_set_busy_timeout (ParStore *self,
                            int       milliseconds)
{
  g_return_if_fail (PAR_IS_STORE (self));
  sqlite3_busy_timeout (self->db, MAX (milliseconds, 0));
}

guint
par_store_get_cached_statement_count (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  return g_hash_table_size (self->statements);
}

void
par_store_forget_statements (ParStore *self)
{
  g_hash_table_remove_all (self->statements_at);
  g_hash_table_remove_all (self->statements);
}

const char *
par_store_get_path (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  return self->path;
}

const char *
par_store_get_attachments_dir (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  return self->attachments_dir;
}

int
par_store_get_schema_version (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  return self->schema_version;
}
