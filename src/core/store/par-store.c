/* par-store.c — the SQLite store: connection, migrations, units, assessments, entries,
 * evidence documents, attachments and the audit log.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One ParStore is one SQLite connection. Every write runs in a BEGIN IMMEDIATE transaction,
 * every statement is prepared once per connection and cached by its SQL text, and no SQL is
 * ever built from values. The schema lives in sql/00N-*.sql, one file per user_version step,
 * compiled into the library.
 *
 * Durability: the database runs in WAL mode with synchronous=NORMAL. In WAL mode that setting
 * never corrupts the database and survives an application crash; only an OS crash or power
 * loss can lose the last commits since the previous WAL sync. For a desktop data-entry tool
 * that autosaves often, that trade is worth an fsync less per keystroke batch. Attachment
 * blobs are fsynced before their row is committed, so a row never names a half-written file.
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-error.h"
#include "par-store-private.h"

/* The schema steps, generated from the sql/ files by build-aux/embed-file.py (NUL-terminated). */
extern const unsigned char par_store_sql_v1[];
extern const unsigned char par_store_sql_v2[];
extern const unsigned char par_store_sql_v3[];

static const unsigned char *const migrations[PAR_STORE_SCHEMA_VERSION] = {
  par_store_sql_v1,
  par_store_sql_v2,
  par_store_sql_v3,
};

/* PRAGMA application_id of a Parscore database: 'PARS'. */
#define PAR_STORE_APPLICATION_ID 0x50415253

#define COPY_CHUNK (256 * 1024)

struct _ParStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *display_path;
  char       *attachments_dir;
  int         schema_version;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt* */
  GHashTable *frameworks;     /* gint64 *row → ParFramework* */
  gboolean    in_transaction;
  char       *tx_now;         /* ISO UTC time of the current write transaction */
};

G_DEFINE_FINAL_TYPE (ParStore, par_store, G_TYPE_OBJECT)

/* A cached statement borrowed for one use: the cleanup resets it, it is never finalized. */
typedef sqlite3_stmt ParStmt;

static void
par_stmt_release (ParStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParStmt, par_stmt_release)

typedef enum {
  SAVE_ALL,       /* the whole entry: the unit's fields and the council's */
  SAVE_COUNCIL,   /* appraised score, survey score and comment only */
} SaveMode;

/* ------------------------------------------------------------------------------------------ */
/* Plain value types                                                                          */

void
par_unit_free (ParUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->name);
  g_free (unit);
}

void
par_assessment_free (ParAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->framework_id);
  g_free (assessment->framework_sha256);
  g_free (assessment);
}

void
par_document_free (ParDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->kind);
  g_free (document->number);
  g_free (document->issue_date);
  g_free (document->issuer);
  g_free (document->summary);
  g_free (document);
}

void
par_evidence_link_free (ParEvidenceLink *link)
{
  if (link == NULL)
    return;
  g_free (link->code);
  g_free (link->section);
  g_free (link->pages);
  g_free (link);
}

void
par_attachment_free (ParAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->sha256);
  g_free (attachment->content_type);
  g_free (attachment->original_name);
  g_free (attachment);
}

void
par_audit_entry_free (ParAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->when);
  g_free (entry->what);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

const char *
par_status_to_string (ParStatus status)
{
  switch (status)
    {
    case PAR_STATUS_DRAFT:
      return "draft";
    case PAR_STATUS_SUBMITTED:
      return "submitted";
    case PAR_STATUS_APPRAISED:
      return "appraised";
    default:
      return NULL;
    }
}

gboolean
par_status_from_string (const char *text,
                        ParStatus  *out)
{
  static const ParStatus all[] = { PAR_STATUS_DRAFT, PAR_STATUS_SUBMITTED, PAR_STATUS_APPRAISED };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, par_status_to_string (all[i])) == 0)
      {
        if (out != NULL)
          *out = all[i];
        return TRUE;
      }
  return FALSE;
}

const char *
par_level_to_string (ParLevel level)
{
  switch (level)
    {
    case PAR_LEVEL_DEPARTMENT:
      return "department";
    case PAR_LEVEL_DISTRICT:
      return "district";
    case PAR_LEVEL_COMMUNE:
      return "commune";
    default:
      return NULL;
    }
}

gboolean
par_level_from_string (const char *text,
                       ParLevel   *out)
{
  static const ParLevel all[] = { PAR_LEVEL_DEPARTMENT, PAR_LEVEL_DISTRICT, PAR_LEVEL_COMMUNE };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, par_level_to_string (all[i])) == 0)
      {
        if (out != NULL)
          *out = all[i];
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Search folding                                                                             */

/**
 * par_fold_for_search:
 * @text: (nullable): UTF-8 text
 *
 * Decomposes @text (NFD), drops the combining marks, maps đ/Đ (which do not decompose) to
 * "d" and folds case, so "Cải cách ĐỀ ÁN" and "cai cach de an" compare equal.
 *
 * Returns: (transfer full): the folded text; "" for %NULL.
 */
char *
par_fold_for_search (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }
      if (c == 0x0110 || c == 0x0111)  /* Đ, đ */
        c = 'd';
      g_string_append_unichar (stripped, c);
    }

  {
    g_autofree char *joined = g_string_free (stripped, FALSE);
    return g_utf8_casefold (joined, -1);
  }
}

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
/* Errors, statements, transactions                                                           */

static void
store_set_error_rc (ParStore    *self,
                    int          rc,
                    GError     **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

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

static ParStmt *
store_prepare (ParStore    *self,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          store_set_error_rc (self, rc, error);
          return NULL;
        }
      /* Keys are the string literals of this file: they outlive the connection. */
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }

  /* A statement must not be used re-entrantly: finish one loop before starting another. */
  g_assert (!sqlite3_stmt_busy (stmt));
  return stmt;
}

/* Returns SQLITE_ROW, SQLITE_DONE, or 0 with @error set. */
static int
store_step (ParStore    *self,
            ParStmt     *stmt,
            GError     **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  store_set_error_rc (self, rc, error);
  return 0;
}

/* Runs a statement that returns no row the caller needs. */
static gboolean
store_run (ParStore    *self,
           ParStmt     *stmt,
           GError     **error)
{
  int rc;

  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE;
}

static void
bind_text (ParStmt    *stmt,
           int         index,
           const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static void
bind_points (ParStmt   *stmt,
             int        index,
             gboolean   has,
             ParPoints  points)
{
  if (has)
    sqlite3_bind_int64 (stmt, index, points);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (ParStmt *stmt,
             int      column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
column_points (ParStmt   *stmt,
               int        column,
               ParPoints *out)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      *out = 0;
      return FALSE;
    }
  *out = sqlite3_column_int64 (stmt, column);
  return TRUE;
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
  g_autoptr(ParStmt) stmt = store_prepare (self, sql, error);

  return stmt != NULL && store_run (self, stmt, error);
}

static gboolean
store_begin (ParStore  *self,
             GError   **error)
{
  g_assert (!self->in_transaction);

  if (!store_exec_simple (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  self->in_transaction = TRUE;
  g_free (self->tx_now);
  self->tx_now = now_iso ();
  return TRUE;
}

static void
store_rollback (ParStore *self)
{
  g_autoptr(GError) local_error = NULL;

  if (!self->in_transaction)
    return;
  self->in_transaction = FALSE;
  /* SQLite may already have rolled back by itself (e.g. after SQLITE_FULL). */
  if (sqlite3_get_autocommit (self->db))
    return;
  if (!store_exec_simple (self, "ROLLBACK", &local_error))
    g_warning ("Rolling back failed: %s", local_error->message);
}

static gboolean
store_commit (ParStore  *self,
              GError   **error)
{
  g_assert (self->in_transaction);

  if (!store_exec_simple (self, "COMMIT", error))
    {
      store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

/* Ends a write: commits when @ok, else rolls back. Returns whether it all went through. */
static gboolean
store_finish (ParStore  *self,
              gboolean   ok,
              GError   **error)
{
  if (!ok)
    {
      store_rollback (self);
      return FALSE;
    }
  return store_commit (self, error);
}

static gboolean
store_audit (ParStore    *self,
             const char  *what,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_assert (self->in_transaction);

  stmt = store_prepare (self,
                        "INSERT INTO audit_log (at, what, old_value, new_value) "
                        "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, self->tx_now);
  bind_text (stmt, 2, what);
  bind_text (stmt, 3, old_value);
  bind_text (stmt, 4, new_value);
  return store_run (self, stmt, error);
}

/* Reads one integer from a statement without parameters (PRAGMAs, counts). */
static gboolean
store_query_int (ParStore    *self,
                 const char  *sql,
                 gint64      *out,
                 GError     **error)
{
  g_autoptr(ParStmt) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
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

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->frameworks, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->display_path);
  g_free (self->attachments_dir);
  g_free (self->tx_now);

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
  self->frameworks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) par_framework_unref);
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

  if (!store_begin (self, error))
    return FALSE;

  /* Another connection may have migrated while we waited for the lock. */
  if (!store_query_int (self, "PRAGMA user_version", &current, error))
    return store_finish (self, FALSE, error);
  if (current >= target)
    return store_commit (self, error);

  g_debug ("Migrating %s from schema version %" G_GINT64_FORMAT " to %d",
           self->display_path, current, target);
  /* The step is a fixed script compiled into the library; it ends with PRAGMA user_version. */
  rc = sqlite3_exec (self->db, (const char *) migrations[target - 1], NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        store_set_error_rc (self, rc, error);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                     _("Updating the database “%s” to version %d failed: %s. It was left at "
                       "version %" PRId64 "."),
                     self->display_path, target, message != NULL ? message : sqlite3_errstr (rc),
                     current);
      sqlite3_free (message);
      return store_finish (self, FALSE, NULL);
    }

  return store_commit (self, error);
}

static ParStore *
store_open (const char  *path,
            int          max_version,
            GError     **error)
{
  g_autoptr(ParStore) self = NULL;
  g_autofree char *dir = NULL;
  gint64 version = 0, application_id = 0, objects = 0;
  int rc;

  g_assert (max_version >= 1 && max_version <= PAR_STORE_SCHEMA_VERSION);

  self = g_object_new (PAR_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->display_path = g_filename_display_name (path);
  self->attachments_dir = g_strconcat (path, ".attachments", NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("Could not create the folder “%s” for the database: %s."),
                   display_dir, g_strerror (saved_errno));
      return NULL;
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE |
                        SQLITE_OPEN_NOMUTEX /* one connection, one thread at a time */, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error_rc (self, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS);

  /* Look before touching anything: a database we cannot read stays exactly as it was. */
  if (!store_query_int (self, "PRAGMA user_version", &version, error) ||
      !store_query_int (self, "PRAGMA application_id", &application_id, error) ||
      !store_query_int (self, "SELECT count(*) FROM sqlite_schema", &objects, error))
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

  {
    g_autoptr(ParStmt) stmt = NULL;

    if (!store_exec_simple (self, "PRAGMA foreign_keys = ON", error) ||
        !(stmt = store_prepare (self, "PRAGMA journal_mode = WAL", error)) ||
        store_step (self, stmt, error) != SQLITE_ROW)
      return NULL;
    if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") != 0)
      g_debug ("%s stays in journal mode %s", self->display_path, sqlite3_column_text (stmt, 0));
  }
  if (!store_exec_simple (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;

  for (int target = (int) version + 1; target <= max_version; target++)
    if (!store_migrate_step (self, target, error))
      return NULL;

  if (!store_query_int (self, "PRAGMA user_version", &version, error))
    return NULL;
  self->schema_version = (int) version;

  rc = sqlite3_create_function_v2 (self->db, "par_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, sql_fold, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_error_rc (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&self);
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

  return store_open (path, PAR_STORE_SCHEMA_VERSION, error);
}

ParStore *
par_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (version >= 1 && version <= PAR_STORE_SCHEMA_VERSION, NULL);

  return store_open (path, version, error);
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

/* ------------------------------------------------------------------------------------------ */
/* Units                                                                                      */

static ParUnit *
unit_from_row (ParStmt *stmt)
{
  ParUnit *unit = g_new0 (ParUnit, 1);

  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->name = column_text (stmt, 1);
  if (!par_level_from_string ((const char *) sqlite3_column_text (stmt, 2), &unit->level))
    unit->level = PAR_LEVEL_DEPARTMENT;
  return unit;
}

static char *
clean_name (const char *name)
{
  char *copy = g_strstrip (g_strdup (name));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

/* Looks up a unit's name inside a transaction or a read. NULL with NOT_FOUND if missing. */
static char *
store_unit_name (ParStore    *self,
                 gint64       unit_id,
                 GError     **error)
{
  g_autoptr(ParStmt) stmt = store_prepare (self, "SELECT name FROM units WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  rc = store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return column_text (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no unit number %" PRId64 "."), unit_id);
  return NULL;
}

/**
 * par_store_add_unit:
 * @name: the unit's name; surrounding spaces are dropped
 * @level: the kind of unit
 *
 * Returns: the new unit's id (> 0), or 0 with @error set (%PAR_ERROR_EXISTS for a name in use).
 */
gint64
par_store_add_unit (ParStore    *self,
                    const char  *name,
                    ParLevel     level,
                    GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  clean = clean_name (name);
  if (clean == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("A unit needs a name."));
      return 0;
    }
  if (par_level_to_string (level) == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” needs one level: department, district or commune."), clean);
      return 0;
    }

  if (!store_begin (self, error))
    return 0;
  stmt = store_prepare (self,
                        "INSERT INTO units (name, level, created_at) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  bind_text (stmt, 1, clean);
  bind_text (stmt, 2, par_level_to_string (level));
  bind_text (stmt, 3, self->tx_now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("A unit named “%s” exists already."), clean);
      return store_finish (self, FALSE, NULL);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_error_rc (self, rc, error);
      return store_finish (self, FALSE, NULL);
    }
  id = sqlite3_last_insert_rowid (self->db);

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " added", id);
  if (!store_finish (self, store_audit (self, what, NULL, clean, error), error))
    return 0;
  return id;
}

/**
 * par_store_list_units:
 *
 * Returns: (transfer full) (element-type ParUnit): every unit, by name ignoring diacritics.
 */
GPtrArray *
par_store_list_units (ParStore  *self,
                      GError   **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) par_unit_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        "SELECT id, name, level FROM units ORDER BY par_fold (name), name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (units, unit_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&units);
}

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/**
 * par_store_find_unit:
 * @name_or_id: the exact name, the id in digits, or a name that matches one unit when
 *   diacritics and case are ignored ("ban quan ly cac khu cong nghiep")
 *
 * Returns: (transfer full): the unit, or %NULL with %PAR_ERROR_NOT_FOUND (also when the
 *   loose match is ambiguous).
 */
ParUnit *
par_store_find_unit (ParStore    *self,
                     const char  *name_or_id,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *folded = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  clean = g_strstrip (g_strdup (name_or_id));
  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "SELECT id, name, level FROM units WHERE name = ?1",
                                             error);
    if (stmt == NULL)
      return NULL;
    bind_text (stmt, 1, clean);
    rc = store_step (self, stmt, error);
    if (rc == SQLITE_ROW)
      return unit_from_row (stmt);
    if (rc == 0)
      return NULL;
  }

  if (is_all_digits (clean))
    {
      g_autoptr(ParStmt) stmt = store_prepare (self,
                                               "SELECT id, name, level FROM units WHERE id = ?1",
                                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (clean, NULL, 10));
      rc = store_step (self, stmt, error);
      if (rc == SQLITE_ROW)
        return unit_from_row (stmt);
      if (rc == 0)
        return NULL;
    }

  folded = par_fold_for_search (clean);
  if (*folded != '\0')
    {
      g_autoptr(ParStmt) stmt = store_prepare (self,
                                               "SELECT id, name, level FROM units "
                                               "WHERE par_fold (name) = ?1 LIMIT 2", error);
      g_autoptr(ParUnit) found = NULL;

      if (stmt == NULL)
        return NULL;
      bind_text (stmt, 1, folded);
      while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
        {
          if (found != NULL)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                           _("Several units match “%s”; give the exact name or the number."),
                           clean);
              return NULL;
            }
          found = unit_from_row (stmt);
        }
      if (rc == 0)
        return NULL;
      if (found != NULL)
        return g_steal_pointer (&found);
    }

  g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("There is no unit “%s”."), clean);
  return NULL;
}

gboolean
par_store_rename_unit (ParStore    *self,
                       gint64       unit_id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = clean_name (name);
  if (clean == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("A unit needs a name."));
      return FALSE;
    }

  if (!store_begin (self, error))
    return FALSE;
  old_name = store_unit_name (self, unit_id, error);
  if (old_name == NULL)
    return store_finish (self, FALSE, error);
  if (g_strcmp0 (old_name, clean) == 0)
    return store_commit (self, error);

  stmt = store_prepare (self, "UPDATE units SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, unit_id);
  bind_text (stmt, 2, clean);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("A unit named “%s” exists already."), clean);
      return store_finish (self, FALSE, NULL);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_error_rc (self, rc, error);
      return store_finish (self, FALSE, NULL);
    }

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " name", unit_id);
  return store_finish (self, store_audit (self, what, old_name, clean, error), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Criteria sets                                                                              */

/**
 * par_store_import_framework:
 * @framework: a loaded criteria set; its source bytes are stored verbatim
 *
 * Returns: the row of the stored set (an existing row when the same bytes were imported
 *   before), or 0 with @error set.
 */
gint64
par_store_import_framework (ParStore      *self,
                            ParFramework  *framework,
                            GError       **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  GBytes *source;
  gint64 row = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (framework != NULL, 0);

  source = par_framework_get_source (framework);
  g_return_val_if_fail (source != NULL && g_bytes_get_size (source) > 0, 0);

  /* Hash what is stored, not what the loader says it read. */
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, source);

  if (!store_begin (self, error))
    return 0;
  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "SELECT id FROM frameworks WHERE sha256 = ?1",
                                             error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    bind_text (stmt, 1, sha256);
    rc = store_step (self, stmt, error);
    if (rc == 0)
      return store_finish (self, FALSE, error);
    if (rc == SQLITE_ROW)
      row = sqlite3_column_int64 (stmt, 0);
  }
  if (row > 0)
    return store_commit (self, error) ? row : 0;

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "INSERT INTO frameworks "
                                             "(set_id, title, sha256, source, imported_at) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5)", error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    bind_text (stmt, 1, par_framework_get_id (framework));
    bind_text (stmt, 2, par_framework_get_title (framework));
    bind_text (stmt, 3, sha256);
    sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (source, NULL), g_bytes_get_size (source),
                         SQLITE_STATIC);
    bind_text (stmt, 5, self->tx_now);
    if (!store_run (self, stmt, error))
      return store_finish (self, FALSE, error);
    row = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("framework %" G_GINT64_FORMAT " imported", row);
  description = g_strdup_printf ("%s sha256:%s", par_framework_get_id (framework), sha256);
  ok = store_finish (self, store_audit (self, what, NULL, description, error), error);
  if (!ok)
    return 0;

  /* The object was loaded from exactly these bytes: keep it instead of parsing them again. */
  g_hash_table_replace (self->frameworks, g_memdup2 (&row, sizeof row),
                        par_framework_ref (framework));
  return row;
}

/**
 * par_store_load_framework:
 * @framework_row: a row of the frameworks table
 *
 * Parses the stored bytes once per connection and keeps the result.
 *
 * Returns: (transfer full): the criteria set, or %NULL with @error set
 *   (%PAR_ERROR_INTEGRITY when the stored bytes no longer match their hash).
 */
ParFramework *
par_store_load_framework (ParStore    *self,
                          gint64       framework_row,
                          GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *display_name = NULL;
  ParFramework *framework;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  framework = g_hash_table_lookup (self->frameworks, &framework_row);
  if (framework != NULL)
    return par_framework_ref (framework);

  stmt = store_prepare (self, "SELECT set_id, sha256, source FROM frameworks WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, framework_row);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no stored criteria set number %" PRId64 "."),
                   framework_row);
      return NULL;
    }
  set_id = column_text (stmt, 0);
  sha256 = column_text (stmt, 1);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The stored criteria set “%s” no longer matches its SHA-256 hash; the "
                     "database “%s” is damaged. Restore it from a backup."),
                   set_id, self->display_path);
      return NULL;
    }

  display_name = g_strdup_printf (_("stored criteria set “%s”"), set_id);
  framework = par_framework_load_bytes (bytes, display_name, error);
  if (framework == NULL)
    return NULL;
  g_hash_table_replace (self->frameworks, g_memdup2 (&framework_row, sizeof framework_row),
                        par_framework_ref (framework));
  return framework;
}

/**
 * par_store_list_frameworks:
 *
 * Returns: (transfer full) (element-type GVariant): a `(xsss)` per stored set: row, id,
 *   title, sha256; in import order.
 */
GPtrArray *
par_store_list_frameworks (ParStore  *self,
                           GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self, "SELECT id, set_id, title, sha256 FROM frameworks ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *set_id = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1), -1);
      g_autofree char *title = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 2), -1);

      g_ptr_array_add (rows, g_variant_ref_sink (g_variant_new ("(xsss)",
                                                                sqlite3_column_int64 (stmt, 0),
                                                                set_id, title,
                                                                sqlite3_column_text (stmt, 3))));
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------------------------------ */
/* Assessments                                                                                */

#define ASSESSMENT_COLUMNS \
  "SELECT a.id, a.unit_id, a.year, a.framework_row, f.set_id, f.sha256, a.status " \
  "FROM assessments a JOIN frameworks f ON f.id = a.framework_row "

static ParAssessment *
assessment_from_row (ParStmt *stmt)
{
  ParAssessment *assessment = g_new0 (ParAssessment, 1);

  assessment->id = sqlite3_column_int64 (stmt, 0);
  assessment->unit_id = sqlite3_column_int64 (stmt, 1);
  assessment->year = sqlite3_column_int (stmt, 2);
  assessment->framework_row = sqlite3_column_int64 (stmt, 3);
  assessment->framework_id = column_text (stmt, 4);
  assessment->framework_sha256 = column_text (stmt, 5);
  if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &assessment->status))
    assessment->status = PAR_STATUS_DRAFT;
  return assessment;
}

/**
 * par_store_create_assessment:
 * @unit_id: the unit
 * @year: the reporting year
 * @framework_row: the stored criteria set the year is scored with
 *
 * Returns: the new assessment's id, or 0 with @error set (%PAR_ERROR_EXISTS when the unit
 *   already has that year, %PAR_ERROR_NOT_FOUND for an unknown unit or set).
 */
gint64
par_store_create_assessment (ParStore    *self,
                             gint64       unit_id,
                             int          year,
                             gint64       framework_row,
                             GError     **error)
{
  g_autofree char *unit_name = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);

  if (year < 1900 || year > 9999)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%d is not a valid year."), year);
      return 0;
    }

  if (!store_begin (self, error))
    return 0;

  unit_name = store_unit_name (self, unit_id, error);
  if (unit_name == NULL)
    return store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = store_prepare (self, "SELECT set_id FROM frameworks WHERE id = ?1",
                                             error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, framework_row);
    rc = store_step (self, stmt, error);
    if (rc == 0)
      return store_finish (self, FALSE, error);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                     _("There is no stored criteria set number %" PRId64 "."),
                     framework_row);
        return store_finish (self, FALSE, error);
      }
    set_id = column_text (stmt, 0);
  }

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "INSERT INTO assessments "
                                             "(unit_id, year, framework_row, status, created_at) "
                                             "VALUES (?1, ?2, ?3, 'draft', ?4)", error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, unit_id);
    sqlite3_bind_int (stmt, 2, year);
    sqlite3_bind_int64 (stmt, 3, framework_row);
    bind_text (stmt, 4, self->tx_now);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                     _("“%s” already has a self-assessment for %d."), unit_name, year);
        return store_finish (self, FALSE, NULL);
      }
    if (rc != SQLITE_DONE)
      {
        store_set_error_rc (self, rc, error);
        return store_finish (self, FALSE, NULL);
      }
    id = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created", id);
  description = g_strdup_printf ("%s %d %s", unit_name, year, set_id);
  if (!store_finish (self, store_audit (self, what, NULL, description, error), error))
    return 0;
  return id;
}

ParAssessment *
par_store_get_assessment (ParStore    *self,
                          gint64       assessment_id,
                          GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self, ASSESSMENT_COLUMNS "WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return assessment_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no self-assessment number %" PRId64 "."), assessment_id);
  return NULL;
}

/* Returns: (transfer full): the assessment, or %NULL with %PAR_ERROR_NOT_FOUND. */
ParAssessment *
par_store_find_assessment (ParStore    *self,
                           gint64       unit_id,
                           int          year,
                           GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self, ASSESSMENT_COLUMNS "WHERE a.unit_id = ?1 AND a.year = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return assessment_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = store_unit_name (self, unit_id, &local_error);

      if (name == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                     _("“%s” has no self-assessment for %d."), name, year);
    }
  return NULL;
}

/**
 * par_store_list_assessments:
 * @unit_id: a unit, or 0 for every unit's
 *
 * Returns: (transfer full) (element-type ParAssessment): by unit, then year.
 */
GPtrArray *
par_store_list_assessments (ParStore    *self,
                            gint64       unit_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        ASSESSMENT_COLUMNS "WHERE ?1 <= 0 OR a.unit_id = ?1 "
                        "ORDER BY a.unit_id, a.year", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, assessment_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

typedef struct {
  ParStatus  status;
  int        year;
  char      *unit_name;
  gint64     framework_row;
} AssessmentState;

static void
assessment_state_clear (AssessmentState *state)
{
  g_clear_pointer (&state->unit_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AssessmentState, assessment_state_clear)

static gboolean
store_assessment_state (ParStore         *self,
                        gint64            assessment_id,
                        AssessmentState  *state,
                        GError          **error)
{
  g_autoptr(ParStmt) stmt = store_prepare (self,
                                           "SELECT a.status, a.year, u.name, a.framework_row "
                                           "FROM assessments a JOIN units u ON u.id = a.unit_id "
                                           "WHERE a.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no self-assessment number %" PRId64 "."), assessment_id);
      return FALSE;
    }
  if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &state->status))
    state->status = PAR_STATUS_DRAFT;
  state->year = sqlite3_column_int (stmt, 1);
  state->unit_name = column_text (stmt, 2);
  state->framework_row = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

static void
set_locked_error (GError     **error,
                  ParStatus    status,
                  int          year,
                  const char  *unit_name)
{
  if (status == PAR_STATUS_APPRAISED)
    g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                 _("The %d self-assessment of %s is appraised and locked; unlock it to edit."),
                 year, unit_name);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                 _("The %d self-assessment of %s is submitted and locked; unlock it to edit."),
                 year, unit_name);
}

/* Inside a write transaction: fails unless the assessment exists and is a draft. */
static gboolean
store_check_draft (ParStore         *self,
                   gint64            assessment_id,
                   AssessmentState  *state,
                   GError          **error)
{
  if (!store_assessment_state (self, assessment_id, state, error))
    return FALSE;
  if (state->status != PAR_STATUS_DRAFT)
    {
      set_locked_error (error, state->status, state->year, state->unit_name);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_store_set_status:
 *
 * Moves an assessment between draft, submitted and appraised (back to draft unlocks it).
 * The change is audited.
 */
gboolean
par_store_set_status (ParStore    *self,
                      gint64       assessment_id,
                      ParStatus    status,
                      GError     **error)
{
  g_auto(AssessmentState) state = { 0 };
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (par_status_to_string (status) != NULL, FALSE);

  if (!store_begin (self, error))
    return FALSE;
  if (!store_assessment_state (self, assessment_id, &state, error))
    return store_finish (self, FALSE, error);
  if (state.status == status)
    return store_commit (self, error);

  stmt = store_prepare (self, "UPDATE assessments SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  bind_text (stmt, 2, par_status_to_string (status));
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " status", assessment_id);
  return store_finish (self,
                       store_audit (self, what, par_status_to_string (state.status),
                                    par_status_to_string (status), error),
                       error);
}

/* ------------------------------------------------------------------------------------------ */
/* Entries                                                                                    */

#define ENTRY_COLUMNS \
  "code, inputs, self_score, not_applicable, explanation, appraised_score, survey_score, comment "

/* Canonical inputs: a compact JSON object of strings with keys in byte order, so equal inputs
 * are equal text. Empty values are "not entered" and left out. */
static void
json_append_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static int
compare_strings_indirect (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static char *
inputs_to_json (GHashTable *inputs)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GString *out = g_string_new ("{");
  GHashTableIter iter;
  gpointer key, value;

  if (inputs != NULL)
    {
      g_hash_table_iter_init (&iter, inputs);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value != NULL && *(const char *) value != '\0')
          g_ptr_array_add (keys, key);
    }
  g_ptr_array_sort (keys, compare_strings_indirect);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autofree char *valid_key = g_utf8_make_valid (keys->pdata[i], -1);
      g_autofree char *valid_value = g_utf8_make_valid (g_hash_table_lookup (inputs, keys->pdata[i]), -1);

      if (i > 0)
        g_string_append_c (out, ',');
      json_append_string (out, valid_key);
      g_string_append_c (out, ':');
      json_append_string (out, valid_value);
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static const char *
json_skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

static gboolean
json_read_hex4 (const char *p,
                gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + digit;
    }
  *out = value;
  return TRUE;
}

/* Reads a JSON string at *@p (which points at its opening quote). Returns it newly allocated,
 * or NULL if it is malformed. */
static char *
json_read_string (const char **p)
{
  const char *s = *p + 1;
  const char *run = s;
  GString *out;

  /* Fast path: canonical values seldom hold an escape. */
  while (*s != '"' && *s != '\\' && (guchar) *s >= 0x20)
    s++;
  if (*s == '"')
    {
      *p = s + 1;
      return g_strndup (run, s - run);
    }

  out = g_string_new_len (run, s - run);
  for (;;)
    {
      run = s;
      while (*s != '"' && *s != '\\' && (guchar) *s >= 0x20)
        s++;
      g_string_append_len (out, run, s - run);
      if (*s == '"')
        break;
      if (*s != '\\')
        goto fail;  /* a raw control character or the end of the text */
      s++;
      switch (*s)
        {
        case '"':
        case '\\':
        case '/':
          g_string_append_c (out, *s);
          break;
        case 'b':
          g_string_append_c (out, '\b');
          break;
        case 'f':
          g_string_append_c (out, '\f');
          break;
        case 'n':
          g_string_append_c (out, '\n');
          break;
        case 'r':
          g_string_append_c (out, '\r');
          break;
        case 't':
          g_string_append_c (out, '\t');
          break;
        case 'u':
          {
            gunichar c, low;

            if (!json_read_hex4 (s + 1, &c))
              goto fail;
            s += 4;
            if (c >= 0xD800 && c <= 0xDBFF)
              {
                if (s[1] != '\\' || s[2] != 'u' || !json_read_hex4 (s + 3, &low) ||
                    low < 0xDC00 || low > 0xDFFF)
                  goto fail;
                c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                s += 6;
              }
            else if (c >= 0xDC00 && c <= 0xDFFF)
              goto fail;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          goto fail;
        }
      s++;
    }
  *p = s + 1;
  return g_string_free (out, FALSE);

fail:
  g_string_free (out, TRUE);
  return NULL;
}

/* Stores an input read from the database: empty means not entered. Inserting straight into
 * the public table (keys and values freed with g_free) saves a copy of each string. */
static void
entry_take_input (ParEntry *entry,
                  char     *id,
                  char     *value)
{
  if (*value == '\0')
    {
      g_hash_table_remove (entry->inputs, id);
      g_free (id);
      g_free (value);
    }
  else
    g_hash_table_insert (entry->inputs, id, value);
}

/* Reads a JSON object of strings into @entry's inputs. Numbers and literals written by other
 * tools are taken as their text; null means not entered. */
static gboolean
json_read_inputs (const char *json,
                  ParEntry   *entry)
{
  const char *p;

  if (json == NULL)
    return TRUE;
  p = json_skip_space (json);
  if (*p++ != '{')
    return FALSE;
  p = json_skip_space (p);
  if (*p == '}')
    return *json_skip_space (p + 1) == '\0';

  for (;;)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (*p != '"' || (key = json_read_string (&p)) == NULL)
        return FALSE;
      p = json_skip_space (p);
      if (*p++ != ':')
        return FALSE;
      p = json_skip_space (p);
      if (*p == '"')
        {
          if ((value = json_read_string (&p)) == NULL)
            return FALSE;
          entry_take_input (entry, g_steal_pointer (&key), g_steal_pointer (&value));
        }
      else
        {
          const char *start = p;

          while (*p != '\0' && *p != ',' && *p != '}' && *p != ' ' && *p != '\n' &&
                 *p != '\t' && *p != '\r')
            p++;
          if (p == start || *start == '{' || *start == '[' || *start == '"')
            return FALSE;
          if (!(p - start == 4 && strncmp (start, "null", 4) == 0))
            entry_take_input (entry, g_steal_pointer (&key), g_strndup (start, p - start));
        }
      p = json_skip_space (p);
      if (*p == '}')
        return *json_skip_space (p + 1) == '\0';
      if (*p++ != ',')
        return FALSE;
      p = json_skip_space (p);
    }
}

/* Builds an entry from a row of ENTRY_COLUMNS. */
static ParEntry *
entry_from_row (ParStore    *self,
                ParStmt     *stmt,
                GError     **error)
{
  g_autoptr(ParEntry) entry = par_entry_new ((const char *) sqlite3_column_text (stmt, 0));

  if (!json_read_inputs ((const char *) sqlite3_column_text (stmt, 1), entry))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The stored inputs of criterion %s are damaged in the database “%s”. "
                     "Restore it from a backup."),
                   entry->code, self->display_path);
      return NULL;
    }
  entry->has_self = column_points (stmt, 2, &entry->self);
  entry->not_applicable = sqlite3_column_int (stmt, 3) != 0;
  entry->explanation = column_text (stmt, 4);
  entry->has_appraised = column_points (stmt, 5, &entry->appraised);
  entry->has_survey = column_points (stmt, 6, &entry->survey);
  entry->comment = column_text (stmt, 7);
  return g_steal_pointer (&entry);
}

/**
 * par_store_get_entries:
 * @assessment_id: the assessment
 *
 * Reads every entry of the assessment, inputs included, with one range scan.
 *
 * Returns: (transfer full) (element-type ParEntry): the entries, by code; %NULL with @error
 *   set if the assessment does not exist.
 */
GPtrArray *
par_store_get_entries (ParStore    *self,
                       gint64       assessment_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  {
    g_autoptr(ParStmt) exists = store_prepare (self, "SELECT 1 FROM assessments WHERE id = ?1",
                                               error);
    if (exists == NULL)
      return NULL;
    sqlite3_bind_int64 (exists, 1, assessment_id);
    rc = store_step (self, exists, error);
    if (rc == 0)
      return NULL;
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                     _("There is no self-assessment number %" PRId64 "."),
                     assessment_id);
        return NULL;
      }
  }

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  stmt = store_prepare (self,
                        "SELECT " ENTRY_COLUMNS "FROM entries WHERE assessment_id = ?1 "
                        "ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParEntry *entry = entry_from_row (self, stmt, error);

      if (entry == NULL)
        return NULL;
      g_ptr_array_add (entries, entry);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&entries);
}

/* Reads one stored entry; *@out is NULL (and TRUE returned) when there is none. */
static gboolean
store_read_entry (ParStore    *self,
                  gint64       assessment_id,
                  const char  *code,
                  ParEntry   **out,
                  GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  *out = NULL;
  stmt = store_prepare (self,
                        "SELECT " ENTRY_COLUMNS "FROM entries "
                        "WHERE assessment_id = ?1 AND code = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  bind_text (stmt, 2, code);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      *out = entry_from_row (self, stmt, error);
      return *out != NULL;
    }
  return TRUE;
}

/**
 * par_store_get_entry:
 *
 * Returns: (transfer full) (nullable): the stored entry; %NULL without an error when nothing
 *   was saved for @code, %NULL with %PAR_ERROR_NOT_FOUND for an unknown assessment.
 */
ParEntry *
par_store_get_entry (ParStore    *self,
                     gint64       assessment_id,
                     const char  *code,
                     GError     **error)
{
  g_auto(AssessmentState) state = { 0 };
  ParEntry *entry = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  if (!store_read_entry (self, assessment_id, code, &entry, error))
    return NULL;
  return entry;
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static char *
format_points_or_null (gboolean  has,
                       ParPoints points)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  return has ? g_strdup (par_points_format (points, buf)) : NULL;
}

/* The values of one entry row, normalized for storing and comparing. */
typedef struct {
  GHashTable *inputs;      /* borrowed; may be NULL */
  gboolean    has_self;
  ParPoints   self;
  gboolean    not_applicable;
  const char *explanation;
  gboolean    has_appraised;
  ParPoints   appraised;
  gboolean    has_survey;
  ParPoints   survey;
  const char *comment;
} EntryRow;

static void
entry_row_from_entry (EntryRow       *row,
                      const ParEntry *entry)
{
  row->inputs = entry != NULL ? entry->inputs : NULL;
  row->has_self = entry != NULL && entry->has_self;
  row->self = row->has_self ? entry->self : 0;
  row->not_applicable = entry != NULL && entry->not_applicable;
  row->explanation = entry != NULL ? nonempty (entry->explanation) : NULL;
  row->has_appraised = entry != NULL && entry->has_appraised;
  row->appraised = row->has_appraised ? entry->appraised : 0;
  row->has_survey = entry != NULL && entry->has_survey;
  row->survey = row->has_survey ? entry->survey : 0;
  row->comment = entry != NULL ? nonempty (entry->comment) : NULL;
}

static gboolean
entry_row_is_empty (const EntryRow *row,
                    const char     *inputs_json)
{
  return strcmp (inputs_json, "{}") == 0 && !row->has_self && !row->not_applicable &&
         row->explanation == NULL && !row->has_appraised && !row->has_survey &&
         row->comment == NULL;
}

static gboolean
audit_field (ParStore    *self,
             gint64       assessment_id,
             const char  *code,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  g_autofree char *what = NULL;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry %s %s",
                          assessment_id, code, field);
  return store_audit (self, what, old_value, new_value, error);
}

static gboolean
audit_points (ParStore    *self,
              gint64       assessment_id,
              const char  *code,
              const char  *field,
              gboolean     old_has,
              ParPoints    old_points,
              gboolean     new_has,
              ParPoints    new_points,
              GError     **error)
{
  g_autofree char *old_text = format_points_or_null (old_has, old_points);
  g_autofree char *new_text = format_points_or_null (new_has, new_points);

  return audit_field (self, assessment_id, code, field, old_text, new_text, error);
}

static const char *
input_value (GHashTable *inputs,
             const char *id)
{
  return inputs != NULL ? nonempty (g_hash_table_lookup (inputs, id)) : NULL;
}

/* Audits each input whose value differs between @old_inputs and @new_inputs, by id. */
static gboolean
audit_inputs (ParStore    *self,
              gint64       assessment_id,
              const char  *code,
              GHashTable  *old_inputs,
              GHashTable  *new_inputs,
              GError     **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *tables[] = { old_inputs, new_inputs };
  GHashTableIter iter;
  gpointer key;

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      if (tables[t] == NULL)
        continue;
      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_add (seen, key))
          g_ptr_array_add (ids, key);
    }
  g_ptr_array_sort (ids, compare_strings_indirect);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *input_id = ids->pdata[i];
      g_autofree char *field = g_strconcat ("input ", input_id, NULL);

      if (!audit_field (self, assessment_id, code, field, input_value (old_inputs, input_id),
                        input_value (new_inputs, input_id), error))
        return FALSE;
    }
  return TRUE;
}

/* Inside a write transaction: stores @entry (or, for SAVE_COUNCIL, its council fields) and
 * audits each value that changed. */
static gboolean
store_save_entry_in_tx (ParStore         *self,
                        gint64            assessment_id,
                        const ParEntry   *entry,
                        SaveMode          mode,
                        GError          **error)
{
  g_autoptr(ParEntry) old_entry = NULL;
  g_autofree char *old_json = NULL;
  g_autofree char *new_json = NULL;
  EntryRow old_row, new_row;
  const char *code = entry->code;
  gboolean changed;

  if (!store_read_entry (self, assessment_id, code, &old_entry, error))
    return FALSE;

  entry_row_from_entry (&old_row, old_entry);
  entry_row_from_entry (&new_row, entry);
  if (mode == SAVE_COUNCIL)
    {
      /* The unit's own values stay as stored. */
      new_row.inputs = old_row.inputs;
      new_row.has_self = old_row.has_self;
      new_row.self = old_row.self;
      new_row.not_applicable = old_row.not_applicable;
      new_row.explanation = old_row.explanation;
    }
  old_json = inputs_to_json (old_row.inputs);
  new_json = inputs_to_json (new_row.inputs);

  changed = old_entry == NULL || strcmp (old_json, new_json) != 0 ||
            old_row.has_self != new_row.has_self || old_row.self != new_row.self ||
            old_row.not_applicable != new_row.not_applicable ||
            g_strcmp0 (old_row.explanation, new_row.explanation) != 0 ||
            old_row.has_appraised != new_row.has_appraised ||
            old_row.appraised != new_row.appraised ||
            old_row.has_survey != new_row.has_survey || old_row.survey != new_row.survey ||
            g_strcmp0 (old_row.comment, new_row.comment) != 0;
  if (!changed)
    return TRUE;

  if (entry_row_is_empty (&new_row, new_json))
    {
      /* An entry emptied of every value is the same as no entry. */
      g_autoptr(ParStmt) stmt = NULL;

      if (old_entry == NULL)
        return TRUE;
      stmt = store_prepare (self, "DELETE FROM entries WHERE assessment_id = ?1 AND code = ?2",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessment_id);
      bind_text (stmt, 2, code);
      if (!store_run (self, stmt, error))
        return FALSE;
    }
  else
    {
      g_autoptr(ParStmt) stmt = store_prepare (self,
                                               "INSERT INTO entries (assessment_id, code, inputs, "
                                               "self_score, not_applicable, explanation, "
                                               "appraised_score, survey_score, comment) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                                               "ON CONFLICT (assessment_id, code) DO UPDATE SET "
                                               "inputs = ?3, self_score = ?4, "
                                               "not_applicable = ?5, explanation = ?6, "
                                               "appraised_score = ?7, survey_score = ?8, "
                                               "comment = ?9", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessment_id);
      bind_text (stmt, 2, code);
      bind_text (stmt, 3, new_json);
      bind_points (stmt, 4, new_row.has_self, new_row.self);
      sqlite3_bind_int (stmt, 5, new_row.not_applicable ? 1 : 0);
      bind_text (stmt, 6, new_row.explanation);
      bind_points (stmt, 7, new_row.has_appraised, new_row.appraised);
      bind_points (stmt, 8, new_row.has_survey, new_row.survey);
      bind_text (stmt, 9, new_row.comment);
      if (!store_run (self, stmt, error))
        return FALSE;
    }

  return audit_inputs (self, assessment_id, code, old_row.inputs, new_row.inputs, error) &&
         audit_points (self, assessment_id, code, "self score", old_row.has_self, old_row.self,
                       new_row.has_self, new_row.self, error) &&
         audit_field (self, assessment_id, code, "not applicable",
                      old_row.not_applicable ? "true" : "false",
                      new_row.not_applicable ? "true" : "false", error) &&
         audit_field (self, assessment_id, code, "explanation", old_row.explanation,
                      new_row.explanation, error) &&
         audit_points (self, assessment_id, code, "appraised score", old_row.has_appraised,
                       old_row.appraised, new_row.has_appraised, new_row.appraised, error) &&
         audit_points (self, assessment_id, code, "survey score", old_row.has_survey,
                       old_row.survey, new_row.has_survey, new_row.survey, error) &&
         audit_field (self, assessment_id, code, "comment", old_row.comment, new_row.comment,
                      error);
}

/* Checks that @code names a scored leaf of the assessment's criteria set and that its
 * inputs are declared there, so a typo in a CSV never lands silently in the database. */
static gboolean
store_check_entry_shape (ParStore        *self,
                         gint64           framework_row,
                         const ParEntry  *entry,
                         SaveMode         mode,
                         GError         **error)
{
  g_autoptr(ParFramework) framework = par_store_load_framework (self, framework_row, error);
  const ParNode *node;

  if (framework == NULL)
    return FALSE;
  node = par_framework_lookup (framework, entry->code);
  if (node == NULL || !par_node_is_leaf (node))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a scored criterion of the criteria set “%s”."),
                   entry->code, par_framework_get_id (framework));
      return FALSE;
    }
  if (mode == SAVE_ALL && entry->inputs != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, entry->inputs);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (par_node_find_input (node, key) == NULL)
          {
            g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                         _("Criterion %s has no input “%s”."), entry->code, (const char *) key);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
store_save_entries (ParStore         *self,
                    gint64            assessment_id,
                    const ParEntry  **entries,
                    guint             n_entries,
                    SaveMode          mode,
                    GError          **error)
{
  g_auto(AssessmentState) state = { 0 };
  gboolean ok;

  if (!store_begin (self, error))
    return FALSE;

  if (mode == SAVE_ALL)
    ok = store_check_draft (self, assessment_id, &state, error);
  else
    ok = store_assessment_state (self, assessment_id, &state, error);

  for (guint i = 0; ok && i < n_entries; i++)
    ok = store_check_entry_shape (self, state.framework_row, entries[i], mode, error) &&
         store_save_entry_in_tx (self, assessment_id, entries[i], mode, error);

  return store_finish (self, ok, error);
}

/**
 * par_store_save_entry:
 * @entry: the whole entry: inputs, self score, N/A, explanation, and the council's fields
 *
 * Stores @entry as the assessment's entry for `entry->code`, writing only what changed and
 * auditing each changed value (old → new). Empty input values and empty texts are stored as
 * "not entered". Fails with %PAR_ERROR_LOCKED unless the assessment is a draft, and with
 * %PAR_ERROR_INVALID when the code or an input is not in the assessment's criteria set.
 */
gboolean
par_store_save_entry (ParStore         *self,
                      gint64            assessment_id,
                      const ParEntry   *entry,
                      GError          **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, &entry, 1, SAVE_ALL, error);
}

/**
 * par_store_save_entries:
 * @entries: (element-type ParEntry): entries to save
 *
 * Like par_store_save_entry() for several entries, all or none, in one transaction.
 */
gboolean
par_store_save_entries (ParStore    *self,
                        gint64       assessment_id,
                        GPtrArray   *entries,
                        GError     **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  for (guint i = 0; i < entries->len; i++)
    g_return_val_if_fail (entries->pdata[i] != NULL &&
                          ((ParEntry *) entries->pdata[i])->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, (const ParEntry **) entries->pdata,
                             entries->len, SAVE_ALL, error);
}

/**
 * par_store_save_council_scores:
 * @entry: an entry whose appraised score, survey score and comment are stored; its other
 *   fields are ignored
 *
 * Allowed in every status: the council scores submitted self-assessments.
 */
gboolean
par_store_save_council_scores (ParStore         *self,
                               gint64            assessment_id,
                               const ParEntry   *entry,
                               GError          **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, &entry, 1, SAVE_COUNCIL, error);
}

/**
 * par_store_score_assessment:
 *
 * Returns: (transfer full): the scores of the assessment's entries under its stored criteria
 *   set, or %NULL with @error set.
 */
ParResult *
par_store_score_assessment (ParStore    *self,
                            gint64       assessment_id,
                            GError     **error)
{
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  assessment = par_store_get_assessment (self, assessment_id, error);
  if (assessment == NULL)
    return NULL;
  framework = par_store_load_framework (self, assessment->framework_row, error);
  if (framework == NULL)
    return NULL;
  entries = par_store_get_entries (self, assessment_id, error);
  if (entries == NULL)
    return NULL;
  return par_score (framework, entries);
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence documents                                                                         */

#define DOCUMENT_COLUMNS "SELECT id, kind, number, issue_date, issuer, summary FROM documents "

static ParDocument *
document_from_row (ParStmt *stmt)
{
  ParDocument *document = g_new0 (ParDocument, 1);

  document->id = sqlite3_column_int64 (stmt, 0);
  document->kind = column_text (stmt, 1);
  document->number = column_text (stmt, 2);
  document->issue_date = column_text (stmt, 3);
  document->issuer = column_text (stmt, 4);
  document->summary = column_text (stmt, 5);
  return document;
}

static gboolean
is_iso_date (const char *text)
{
  int year, month, day;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  return year >= 1 && g_date_valid_dmy (day, month, year);
}

/* The trimmed, normalized copy of a document the caller handed in; NULL + error if invalid. */
static ParDocument *
document_clean (const ParDocument  *document,
                GError            **error)
{
  g_autoptr(ParDocument) clean = g_new0 (ParDocument, 1);

  clean->id = document->id;
  clean->kind = document->kind != NULL ? clean_name (document->kind) : NULL;
  clean->number = document->number != NULL ? clean_name (document->number) : NULL;
  clean->issue_date = document->issue_date != NULL ? clean_name (document->issue_date) : NULL;
  clean->issuer = document->issuer != NULL ? clean_name (document->issuer) : NULL;
  clean->summary = document->summary != NULL ? clean_name (document->summary) : NULL;

  if (clean->kind == NULL || clean->number == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("An evidence document needs a kind (KH, BC, QĐ…) and a "
                             "number/symbol."));
      return NULL;
    }
  if (clean->issue_date != NULL && !is_iso_date (clean->issue_date))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("The issue date “%s” of document %s is not a date like 2020-01-21."),
                   clean->issue_date, clean->number);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/**
 * par_store_add_document:
 * @document: the document; its id is ignored
 *
 * Returns: the new document's id, or 0 with @error set.
 */
gint64
par_store_add_document (ParStore           *self,
                        const ParDocument  *document,
                        GError            **error)
{
  g_autoptr(ParDocument) clean = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 id;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (document != NULL, 0);

  clean = document_clean (document, error);
  if (clean == NULL)
    return 0;

  if (!store_begin (self, error))
    return 0;
  stmt = store_prepare (self,
                        "INSERT INTO documents (kind, number, issue_date, issuer, summary) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  bind_text (stmt, 1, clean->kind);
  bind_text (stmt, 2, clean->number);
  bind_text (stmt, 3, clean->issue_date);
  bind_text (stmt, 4, clean->issuer);
  bind_text (stmt, 5, clean->summary);
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);
  id = sqlite3_last_insert_rowid (self->db);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " added", id);
  description = g_strdup_printf ("%s %s", clean->kind, clean->number);
  if (!store_finish (self, store_audit (self, what, NULL, description, error), error))
    return 0;
  return id;
}

static ParDocument *
store_read_document (ParStore    *self,
                     gint64       document_id,
                     GError     **error)
{
  g_autoptr(ParStmt) stmt = store_prepare (self, DOCUMENT_COLUMNS "WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return document_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no evidence document number %" PRId64 "."), document_id);
  return NULL;
}

/**
 * par_store_update_document:
 * @document: the document with its id and new values
 *
 * Corrects a document's description (allowed even when a submitted assessment cites it, as
 * it changes no score); each changed field is audited.
 */
gboolean
par_store_update_document (ParStore           *self,
                           const ParDocument  *document,
                           GError            **error)
{
  g_autoptr(ParDocument) clean = NULL;
  g_autoptr(ParDocument) old = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  const char *fields[] = { "kind", "number", "issue date", "issuer", "summary" };
  const char *old_values[5], *new_values[5];
  gboolean ok = TRUE;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  clean = document_clean (document, error);
  if (clean == NULL)
    return FALSE;

  if (!store_begin (self, error))
    return FALSE;
  old = store_read_document (self, document->id, error);
  if (old == NULL)
    return store_finish (self, FALSE, error);

  stmt = store_prepare (self,
                        "UPDATE documents SET kind = ?2, number = ?3, issue_date = ?4, "
                        "issuer = ?5, summary = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, document->id);
  bind_text (stmt, 2, clean->kind);
  bind_text (stmt, 3, clean->number);
  bind_text (stmt, 4, clean->issue_date);
  bind_text (stmt, 5, clean->issuer);
  bind_text (stmt, 6, clean->summary);
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);

  old_values[0] = old->kind, new_values[0] = clean->kind;
  old_values[1] = old->number, new_values[1] = clean->number;
  old_values[2] = old->issue_date, new_values[2] = clean->issue_date;
  old_values[3] = old->issuer, new_values[3] = clean->issuer;
  old_values[4] = old->summary, new_values[4] = clean->summary;
  for (guint i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (old_values[i], new_values[i]) != 0)
      {
        g_autofree char *what = g_strdup_printf ("document %" G_GINT64_FORMAT " %s",
                                                 document->id, fields[i]);
        ok = store_audit (self, what, old_values[i], new_values[i], error);
      }
  return store_finish (self, ok, error);
}

ParDocument *
par_store_get_document (ParStore    *self,
                        gint64       document_id,
                        GError     **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  return store_read_document (self, document_id, error);
}

/**
 * par_store_list_documents:
 * @filter: (nullable): text to look for in the number, issuer or summary, ignoring case
 *   and Vietnamese diacritics; %NULL or "" for every document
 *
 * Returns: (transfer full) (element-type ParDocument): by issue date (undated last), then id.
 */
GPtrArray *
par_store_list_documents (ParStore    *self,
                          const char  *filter,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_document_free);
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *folded = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (filter != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (filter));

      folded = par_fold_for_search (trimmed);
    }
  stmt = store_prepare (self,
                        DOCUMENT_COLUMNS
                        "WHERE ?1 IS NULL OR instr (par_fold (number), ?1) > 0 "
                        "OR instr (par_fold (issuer), ?1) > 0 "
                        "OR instr (par_fold (summary), ?1) > 0 "
                        "ORDER BY issue_date IS NULL, issue_date, id", error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, nonempty (folded));
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, document_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Inside a transaction: a document cited by a submitted or appraised assessment is part of
 * that dossier; its files and its existence are locked with it. */
static gboolean
store_check_document_unlocked (ParStore     *self,
                               gint64        document_id,
                               GError      **error)
{
  g_autoptr(ParStmt) stmt = store_prepare (self,
                                           "SELECT a.status, a.year, u.name "
                                           "FROM evidence_links l "
                                           "JOIN assessments a ON a.id = l.assessment_id "
                                           "JOIN units u ON u.id = a.unit_id "
                                           "WHERE l.document_id = ?1 AND a.status <> 'draft' "
                                           "ORDER BY a.year LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      ParStatus status = PAR_STATUS_SUBMITTED;

      par_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
      set_locked_error (error, status, sqlite3_column_int (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
store_document_blobs (ParStore    *self,
                      gint64       document_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParStmt) stmt = store_prepare (self,
                                           "SELECT DISTINCT sha256 FROM attachments "
                                           "WHERE document_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (shas, column_text (stmt, 0));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&shas);
}

static void store_prune_blob (ParStore *self, const char *sha256);

/**
 * par_store_delete_document:
 *
 * Deletes a document with its links and attachments; blobs no other attachment uses are
 * removed. Fails with %PAR_ERROR_LOCKED while a submitted or appraised assessment cites it.
 */
gboolean
par_store_delete_document (ParStore    *self,
                           gint64       document_id,
                           GError     **error)
{
  g_autoptr(ParDocument) old = NULL;
  g_autoptr(GPtrArray) shas = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);

  if (!store_begin (self, error))
    return FALSE;
  old = store_read_document (self, document_id, error);
  if (old == NULL || !store_check_document_unlocked (self, document_id, error))
    return store_finish (self, FALSE, error);
  shas = store_document_blobs (self, document_id, error);
  if (shas == NULL)
    return store_finish (self, FALSE, error);

  stmt = store_prepare (self, "DELETE FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " deleted", document_id);
  description = g_strdup_printf ("%s %s", old->kind, old->number);
  if (!store_finish (self, store_audit (self, what, description, NULL, error), error))
    return FALSE;

  for (guint i = 0; i < shas->len; i++)
    store_prune_blob (self, shas->pdata[i]);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence links                                                                             */

static ParEvidenceLink *
link_from_row (ParStmt *stmt)
{
  ParEvidenceLink *link = g_new0 (ParEvidenceLink, 1);

  link->document_id = sqlite3_column_int64 (stmt, 0);
  link->assessment_id = sqlite3_column_int64 (stmt, 1);
  link->code = column_text (stmt, 2);
  link->section = column_text (stmt, 3);
  link->pages = column_text (stmt, 4);
  return link;
}

static char *
describe_link (const char *number,
               const char *section,
               const char *pages)
{
  GString *text = g_string_new (number);

  if (section != NULL || pages != NULL)
    {
      g_string_append (text, " (");
      if (section != NULL)
        g_string_append (text, section);
      if (section != NULL && pages != NULL)
        g_string_append (text, "; ");
      if (pages != NULL)
        g_string_append_printf (text, "p. %s", pages);
      g_string_append_c (text, ')');
    }
  return g_string_free (text, FALSE);
}

static gboolean
store_check_code (ParStore     *self,
                  gint64        framework_row,
                  const char   *code,
                  GError      **error)
{
  g_autoptr(ParFramework) framework = par_store_load_framework (self, framework_row, error);
  const ParNode *node;

  if (framework == NULL)
    return FALSE;
  node = par_framework_lookup (framework, code);
  if (node == NULL || !par_node_is_leaf (node))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a scored criterion of the criteria set “%s”."),
                   code, par_framework_get_id (framework));
      return FALSE;
    }
  return TRUE;
}

/**
 * par_store_link_evidence:
 * @link: document, assessment, code and the part that applies
 *
 * Cites a document for a criterion; linking it again updates the section and pages.
 * Fails with %PAR_ERROR_LOCKED unless the assessment is a draft.
 */
gboolean
par_store_link_evidence (ParStore               *self,
                         const ParEvidenceLink  *link,
                         GError                **error)
{
  g_auto(AssessmentState) state = { 0 };
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *section = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (link != NULL && link->code != NULL, FALSE);

  section = link->section != NULL ? clean_name (link->section) : NULL;
  pages = link->pages != NULL ? clean_name (link->pages) : NULL;

  if (!store_begin (self, error))
    return FALSE;
  if (!store_check_draft (self, link->assessment_id, &state, error) ||
      !store_check_code (self, state.framework_row, link->code, error))
    return store_finish (self, FALSE, error);
  document = store_read_document (self, link->document_id, error);
  if (document == NULL)
    return store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "SELECT section, pages FROM evidence_links "
                                             "WHERE assessment_id = ?1 AND code = ?2 "
                                             "AND document_id = ?3", error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, link->assessment_id);
    bind_text (stmt, 2, link->code);
    sqlite3_bind_int64 (stmt, 3, link->document_id);
    rc = store_step (self, stmt, error);
    if (rc == 0)
      return store_finish (self, FALSE, error);
    if (rc == SQLITE_ROW)
      old_text = describe_link (document->number, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1));
  }
  new_text = describe_link (document->number, section, pages);
  if (g_strcmp0 (old_text, new_text) == 0)
    return store_commit (self, error);

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "INSERT INTO evidence_links "
                                             "(document_id, assessment_id, code, section, pages) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5) "
                                             "ON CONFLICT (assessment_id, code, document_id) "
                                             "DO UPDATE SET section = ?4, pages = ?5", error);
    if (stmt == NULL)
      return store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, link->document_id);
    sqlite3_bind_int64 (stmt, 2, link->assessment_id);
    bind_text (stmt, 3, link->code);
    bind_text (stmt, 4, section);
    bind_text (stmt, 5, pages);
    if (!store_run (self, stmt, error))
      return store_finish (self, FALSE, error);
  }

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry %s evidence %" G_GINT64_FORMAT,
                          link->assessment_id, link->code, link->document_id);
  return store_finish (self, store_audit (self, what, old_text, new_text, error), error);
}

gboolean
par_store_unlink_evidence (ParStore    *self,
                           gint64       assessment_id,
                           const char  *code,
                           gint64       document_id,
                           GError     **error)
{
  g_auto(AssessmentState) state = { 0 };
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!store_begin (self, error))
    return FALSE;
  if (!store_check_draft (self, assessment_id, &state, error))
    return store_finish (self, FALSE, error);

  stmt = store_prepare (self,
                        "DELETE FROM evidence_links WHERE assessment_id = ?1 AND code = ?2 "
                        "AND document_id = ?3 RETURNING section, pages", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  bind_text (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, document_id);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return store_finish (self, FALSE, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("Document %" PRId64 " is not cited for criterion %s."),
                   document_id, code);
      return store_finish (self, FALSE, error);
    }
  document = store_read_document (self, document_id, NULL);
  old_text = describe_link (document != NULL ? document->number : "?",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry %s evidence %" G_GINT64_FORMAT,
                          assessment_id, code, document_id);
  return store_finish (self, store_audit (self, what, old_text, NULL, error), error);
}

/**
 * par_store_list_evidence:
 * @code: (nullable): one criterion, or %NULL for all
 *
 * Returns: (transfer full) (element-type ParEvidenceLink): by code, then document.
 */
GPtrArray *
par_store_list_evidence (ParStore    *self,
                         gint64       assessment_id,
                         const char  *code,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_evidence_link_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        "SELECT document_id, assessment_id, code, section, pages "
                        "FROM evidence_links WHERE assessment_id = ?1 "
                        "AND (?2 IS NULL OR code = ?2) ORDER BY code, document_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  bind_text (stmt, 2, code);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, link_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------------------------------ */
/* Attachments                                                                                */

static gboolean
is_sha256_hex (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isxdigit (*text) || g_ascii_isupper (*text))
      return FALSE;
  return TRUE;
}

static char *
blob_path (ParStore   *self,
           const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (self->attachments_dir, prefix, sha256, NULL);
}

/**
 * par_store_attachment_path:
 *
 * Returns: (transfer full): `attachments_dir/<sha256[0:2]>/<sha256>`.
 */
char *
par_store_attachment_path (ParStore             *self,
                           const ParAttachment  *attachment)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);
  g_return_val_if_fail (is_sha256_hex (attachment->sha256), NULL);

  return blob_path (self, attachment->sha256);
}

static ParAttachment *
attachment_from_row (ParStmt *stmt)
{
  ParAttachment *attachment = g_new0 (ParAttachment, 1);

  attachment->id = sqlite3_column_int64 (stmt, 0);
  attachment->document_id = sqlite3_column_int64 (stmt, 1);
  attachment->sha256 = column_text (stmt, 2);
  attachment->size = sqlite3_column_int64 (stmt, 3);
  attachment->content_type = column_text (stmt, 4);
  attachment->original_name = column_text (stmt, 5);
  return attachment;
}

typedef enum {
  IO_READ,
  IO_MKDIR,
  IO_WRITE,
} IoFailure;

static void
set_io_error (GError     **error,
              int          saved_errno,
              IoFailure    failure,
              const char  *filename)
{
  g_autofree char *display = g_filename_display_name (filename);
  int code = saved_errno == ENOENT ? PAR_ERROR_NOT_FOUND : PAR_ERROR_IO;

  switch (failure)
    {
    case IO_READ:
      g_set_error (error, PAR_ERROR, code, _("Could not read “%s”: %s."),
                   display, g_strerror (saved_errno));
      break;
    case IO_MKDIR:
      g_set_error (error, PAR_ERROR, code, _("Could not create the attachments folder “%s”: %s."),
                   display, g_strerror (saved_errno));
      break;
    case IO_WRITE:
    default:
      g_set_error (error, PAR_ERROR, code, _("Could not write in the attachments folder “%s”: %s."),
                   display, g_strerror (saved_errno));
      break;
    }
}

static gboolean
cancelled (GCancellable  *cancellable,
           GError       **error)
{
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_CANCELLED, _("Cancelled."));
      return TRUE;
    }
  return FALSE;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize written = write (fd, data, len);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += written;
      len -= written;
    }
  return TRUE;
}

/* Makes a rename or an unlink in @dir durable. */
static void
sync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  g_close (fd, NULL);
}

/* Copies @path to a new temporary file in the attachments folder while hashing it. */
static gboolean
copy_and_hash (ParStore      *self,
               const char    *path,
               char         **out_tmp,
               char         **out_sha256,
               gint64        *out_size,
               char         **out_content_type,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *tmp = NULL;
  g_autofree char *buffer = NULL;
  g_autofree char *content_type = NULL;
  struct stat st;
  gint64 size = 0;
  int in_fd, out_fd;
  gboolean ok = FALSE;

  in_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      set_io_error (error, errno, IO_READ, path);
      return FALSE;
    }
  if (fstat (in_fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a regular file and cannot be attached."), display);
      g_close (in_fd, NULL);
      return FALSE;
    }

  if (g_mkdir_with_parents (self->attachments_dir, 0700) != 0)
    {
      set_io_error (error, errno, IO_MKDIR, self->attachments_dir);
      g_close (in_fd, NULL);
      return FALSE;
    }
  tmp = g_build_filename (self->attachments_dir, ".incoming-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (out_fd < 0)
    {
      set_io_error (error, errno, IO_WRITE, self->attachments_dir);
      g_close (in_fd, NULL);
      return FALSE;
    }

  buffer = g_malloc (COPY_CHUNK);
  for (;;)
    {
      gssize n;

      if (cancelled (cancellable, error))
        goto out;
      n = read (in_fd, buffer, COPY_CHUNK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_io_error (error, errno, IO_READ, path);
          goto out;
        }
      if (n == 0)
        break;
      if (content_type == NULL)
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *guessed = g_content_type_guess (base, (const guchar *) buffer, n, NULL);

          content_type = guessed != NULL ? g_content_type_get_mime_type (guessed) : NULL;
          if (content_type == NULL)
            content_type = g_strdup ("application/octet-stream");
        }
      g_checksum_update (checksum, (const guchar *) buffer, n);
      if (!write_all (out_fd, buffer, n))
        {
          set_io_error (error, errno, IO_WRITE, self->attachments_dir);
          goto out;
        }
      size += n;
    }
  if (fsync (out_fd) != 0)
    {
      set_io_error (error, errno, IO_WRITE, self->attachments_dir);
      goto out;
    }
  ok = TRUE;

out:
  g_close (in_fd, NULL);
  if (!g_close (out_fd, NULL) && ok)
    {
      set_io_error (error, errno, IO_WRITE, self->attachments_dir);
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }
  if (content_type == NULL)  /* an empty file */
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *guessed = g_content_type_guess (base, NULL, 0, NULL);

      content_type = guessed != NULL ? g_content_type_get_mime_type (guessed) : NULL;
      if (content_type == NULL)
        content_type = g_strdup ("application/octet-stream");
    }
  *out_tmp = g_steal_pointer (&tmp);
  *out_sha256 = g_strdup (g_checksum_get_string (checksum));
  *out_size = size;
  *out_content_type = g_steal_pointer (&content_type);
  return TRUE;
}

/* Inside the write transaction (so no prune can run in between): puts the fresh copy in
 * place unless an intact blob of that hash is there already. */
static gboolean
place_blob (ParStore    *self,
            const char  *tmp,
            const char  *sha256,
            gint64       size,
            GError     **error)
{
  g_autofree char *final = blob_path (self, sha256);
  g_autofree char *dir = g_path_get_dirname (final);
  GStatBuf st;

  if (g_stat (final, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == size)
    {
      g_unlink (tmp);
      return TRUE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_io_error (error, errno, IO_MKDIR, dir);
      return FALSE;
    }
  if (g_rename (tmp, final) != 0)
    {
      set_io_error (error, errno, IO_WRITE, dir);
      return FALSE;
    }
  sync_dir (dir);
  return TRUE;
}

/**
 * par_store_attach_file:
 * @document_id: the evidence document the file belongs to
 * @path: the file to copy into the store
 * @cancellable: (nullable): cancels the copy
 *
 * Copies the file into the attachments folder under its SHA-256 name (once: the same bytes
 * are stored once whatever their names and documents) and records it for the document.
 * Attaching the same bytes to the same document again returns the existing attachment;
 * attaching them to another document adds a row sharing the one blob.
 *
 * Returns: the attachment's id, or 0 with @error set (%PAR_ERROR_LOCKED while a submitted
 *   assessment cites the document, %PAR_ERROR_CANCELLED).
 */
gint64
par_store_attach_file (ParStore      *self,
                       gint64         document_id,
                       const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *original_name = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 size = 0, id = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), 0);

  /* Fail early, before a long copy; checked again under the write lock. */
  document = store_read_document (self, document_id, error);
  if (document == NULL)
    return 0;

  if (!copy_and_hash (self, path, &tmp, &sha256, &size, &content_type, cancellable, error))
    return 0;
  original_name = g_filename_display_basename (path);

  if (!store_begin (self, error))
    {
      g_unlink (tmp);
      return 0;
    }
  if (!store_check_document_unlocked (self, document_id, error) ||
      !place_blob (self, tmp, sha256, size, error))
    goto fail;

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "SELECT id FROM attachments "
                                             "WHERE document_id = ?1 AND sha256 = ?2", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, document_id);
    bind_text (stmt, 2, sha256);
    rc = store_step (self, stmt, error);
    if (rc == 0)
      goto fail;
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (stmt, 0);
  }
  if (id > 0)
    return store_commit (self, error) ? id : 0;

  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "INSERT INTO attachments (document_id, sha256, size, "
                                             "content_type, original_name, added_at) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, document_id);
    bind_text (stmt, 2, sha256);
    sqlite3_bind_int64 (stmt, 3, size);
    bind_text (stmt, 4, content_type);
    bind_text (stmt, 5, original_name);
    bind_text (stmt, 6, self->tx_now);
    if (!store_run (self, stmt, error))
      goto fail;
    id = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " attachment %" G_GINT64_FORMAT " added",
                          document_id, id);
  description = g_strdup_printf ("%s sha256:%s", original_name, sha256);
  if (!store_audit (self, what, NULL, description, error))
    goto fail;
  if (!store_commit (self, error))
    {
      store_prune_blob (self, sha256);
      return 0;
    }
  return id;

fail:
  g_unlink (tmp);  /* harmless when the copy was already moved or dropped */
  store_rollback (self);
  /* A blob placed for this row and now referenced by nothing goes away again. */
  store_prune_blob (self, sha256);
  return 0;
}

/**
 * par_store_list_attachments:
 * @document_id: a document, or 0 for every attachment
 *
 * Returns: (transfer full) (element-type ParAttachment): in the order they were added.
 */
GPtrArray *
par_store_list_attachments (ParStore    *self,
                            gint64       document_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_attachment_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        "SELECT id, document_id, sha256, size, content_type, original_name "
                        "FROM attachments WHERE ?1 <= 0 OR document_id = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, attachment_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Deletes the blob of @sha256 if no attachment row names it any more. Runs under the write
 * lock, so an attach of the same bytes cannot slip in between the check and the unlink.
 * Best effort: a blob left behind costs space, never data. */
static void
store_prune_blob (ParStore   *self,
                  const char *sha256)
{
  g_autoptr(GError) local_error = NULL;
  gboolean referenced = TRUE;

  if (!store_begin (self, &local_error))
    {
      g_debug ("Keeping blob %s: %s", sha256, local_error->message);
      return;
    }
  {
    g_autoptr(ParStmt) stmt = store_prepare (self,
                                             "SELECT 1 FROM attachments WHERE sha256 = ?1 LIMIT 1",
                                             &local_error);
    if (stmt != NULL)
      {
        int rc;

        bind_text (stmt, 1, sha256);
        rc = store_step (self, stmt, &local_error);
        referenced = rc != SQLITE_DONE;
      }
  }
  if (!referenced)
    {
      g_autofree char *path = blob_path (self, sha256);
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_unlink (path) == 0)
        {
          g_rmdir (dir);  /* only succeeds when it is empty */
          sync_dir (self->attachments_dir);
        }
    }
  store_finish (self, local_error == NULL, NULL);
}

/**
 * par_store_remove_attachment:
 *
 * Removes an attachment; its blob is deleted when no other attachment uses the same bytes.
 */
gboolean
par_store_remove_attachment (ParStore    *self,
                             gint64       attachment_id,
                             GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *description = NULL;
  g_autofree char *what = NULL;
  gint64 document_id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);

  if (!store_begin (self, error))
    return FALSE;
  stmt = store_prepare (self,
                        "SELECT document_id, sha256, original_name FROM attachments WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  rc = store_step (self, stmt, error);
  if (rc == 0)
    return store_finish (self, FALSE, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no attachment number %" PRId64 "."), attachment_id);
      return store_finish (self, FALSE, error);
    }
  document_id = sqlite3_column_int64 (stmt, 0);
  sha256 = column_text (stmt, 1);
  description = g_strdup_printf ("%s sha256:%s", sqlite3_column_text (stmt, 2), sha256);
  par_stmt_release (g_steal_pointer (&stmt));

  if (!store_check_document_unlocked (self, document_id, error))
    return store_finish (self, FALSE, error);

  stmt = store_prepare (self, "DELETE FROM attachments WHERE id = ?1", error);
  if (stmt == NULL)
    return store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  if (!store_run (self, stmt, error))
    return store_finish (self, FALSE, error);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " attachment %" G_GINT64_FORMAT " removed",
                          document_id, attachment_id);
  if (!store_finish (self, store_audit (self, what, description, NULL, error), error))
    return FALSE;

  store_prune_blob (self, sha256);
  return TRUE;
}

/* Hashes a stored blob; FALSE with @error for cancellation only. *@intact tells the result. */
static gboolean
check_blob (const char    *path,
            const char    *sha256,
            gint64         size,
            gboolean      *intact,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *buffer = NULL;
  gint64 total = 0;
  int fd;

  *intact = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;

  buffer = g_malloc (COPY_CHUNK);
  for (;;)
    {
      gssize n;

      if (cancelled (cancellable, error))
        {
          g_close (fd, NULL);
          return FALSE;
        }
      n = read (fd, buffer, COPY_CHUNK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_close (fd, NULL);
          return TRUE;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, (const guchar *) buffer, n);
      total += n;
    }
  g_close (fd, NULL);
  *intact = total == size && g_strcmp0 (g_checksum_get_string (checksum), sha256) == 0;
  return TRUE;
}

/**
 * par_store_verify_attachments:
 * @bad: (out) (optional) (transfer full) (element-type ParAttachment): one attachment row
 *   (the oldest) per blob that is missing or does not match its hash and size
 * @cancellable: (nullable): cancels the check
 *
 * Re-hashes every stored blob once.
 *
 * Returns: the number of blobs checked; 0 with @error set on failure or cancellation.
 */
guint
par_store_verify_attachments (ParStore       *self,
                              GPtrArray     **bad,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) damaged = g_ptr_array_new_with_free_func ((GDestroyNotify) par_attachment_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint checked = 0;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), 0);

  if (bad != NULL)
    *bad = NULL;

  all = par_store_list_attachments (self, 0, error);
  if (all == NULL)
    return 0;

  /* Rows are in id order: each blob is checked once, reported at its oldest row. The
   * hash strings stay alive in @all or @damaged for as long as @seen. */
  for (guint i = 0; i < all->len; i++)
    {
      ParAttachment *attachment = all->pdata[i];
      gboolean intact = FALSE;

      if (!g_hash_table_add (seen, attachment->sha256))
        continue;

      if (is_sha256_hex (attachment->sha256))
        {
          g_autofree char *path = blob_path (self, attachment->sha256);

          if (!check_blob (path, attachment->sha256, attachment->size, &intact, cancellable,
                           error))
            return 0;
        }
      checked++;
      if (!intact)
        g_ptr_array_add (damaged, g_steal_pointer (&all->pdata[i]));
    }

  if (bad != NULL)
    *bad = g_steal_pointer (&damaged);
  return checked;
}

/* ------------------------------------------------------------------------------------------ */
/* Audit log                                                                                  */

/**
 * par_store_list_audit:
 * @limit: at most this many rows; 0 for all
 *
 * Returns: (transfer full) (element-type ParAuditEntry): newest first.
 */
GPtrArray *
par_store_list_audit (ParStore    *self,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_audit_entry_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = store_prepare (self,
                        "SELECT id, at, what, old_value, new_value FROM audit_log "
                        "ORDER BY id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);
  while ((rc = store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParAuditEntry *entry = g_new0 (ParAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->when = column_text (stmt, 1);
      entry->what = column_text (stmt, 2);
      entry->old_value = column_text (stmt, 3);
      entry->new_value = column_text (stmt, 4);
      g_ptr_array_add (list, entry);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}
