/* par-store-backup.c — backups in one file, automatic snapshots, and restore.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is an SQLite file: a copy of the database made with SQLite's online backup API
 * (a consistent snapshot even while others write), switched to a rollback journal so it is
 * one self-contained file, plus two tables of its own — `parscore_backup` (what it is, when
 * and where from) and `parscore_backup_blobs` (every attached file's bytes, by SHA-256, each
 * checked against its hash on the way in). One file is easier to carry and keep than a
 * database and a folder.
 *
 * Automatic snapshots go to `<database>.backups/`: before every migration and once a day
 * while the database is in use, keeping the last few of each kind.
 *
 * Restore checks the backup whole first (integrity check, every file's hash) and refuses a
 * damaged one before touching anything; it takes the current database exclusively (refusing
 * while Parscore or another program has it open), keeps it aside as a snapshot, puts back the
 * files, then replaces the pages with the backup API inside a rollback-journal transaction.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-backup.h"
#include "par-error.h"
#include "par-integrity.h"
#include "par-store-private.h"

#define BACKUP_FORMAT "parscore-backup 1"
#define SNAPSHOT_SUFFIX ".parscore-backup"
#define SNAPSHOTS_KEPT_PER_KIND 5
#define SNAPSHOT_EVERY_SECONDS (24 * 60 * 60)
#define SNAPSHOT_CHECK_EVERY_US ((gint64) 60 * 60 * G_USEC_PER_SEC)
#define CHUNK (256 * 1024)

void
par_backup_info_free (ParBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->kind);
  g_free (info->created_at);
  g_free (info->source);
  g_free (info->last_change);
  g_clear_pointer (&info->years, g_ptr_array_unref);
  g_clear_pointer (&info->missing_files, g_ptr_array_unref);
  g_free (info);
}

static void
backup_year_free (ParBackupYear *year)
{
  g_free (year->unit_name);
  g_free (year);
}

/* ------------------------------------------------------------------------------------------ */
/* Small SQLite helpers for the extra connections a backup needs                              */

static void
set_backup_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (par_store_errno_is_full (rc, db != NULL ? sqlite3_system_errno (db) : 0))
    g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                 _("The disk holding “%s” is full. Free some space and try again."), display);
  else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, PAR_ERROR, PAR_ERROR_BUSY,
                 _("The database “%s” is open in Parscore or another program: close it, then "
                   "try again. Nothing was changed."), display);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Working on “%s” failed: %s."),
                 display, detail);
}

static gboolean
db_exec (sqlite3     *db,
         const char  *sql,
         const char  *path,
         GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_backup_error (error, db, rc, path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
db_query_text (sqlite3     *db,
               const char  *sql,
               char       **out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  *out = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    {
      *out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gint64
db_query_int (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
close_db (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

static void
unlink_db_files (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing a backup                                                                           */

/* Copies one attached file into the backup's table, hashing it on the way. FALSE with
 * @error for a failure of the backup itself; *@included tells whether the file went in. */
static gboolean
store_file_in_backup (sqlite3       *dst,
                      const char    *dst_path,
                      const char    *attachments_dir,
                      const char    *sha256,
                      gint64         size,
                      gboolean      *included,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *buffer = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;
  sqlite3_blob *blob = NULL;
  gint64 offset = 0, rowid;
  int fd, rc;

  *included = FALSE;
  if (!par_store_is_blob_name (sha256) || size < 0 || size > G_MAXINT)
    return TRUE;
  path = par_store_blob_path (attachments_dir, sha256);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;

  rc = sqlite3_prepare_v2 (dst, "INSERT INTO parscore_backup_blobs (sha256, size, data) "
                                "VALUES (?1, ?2, zeroblob (?2))", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, size);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (dst);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      g_close (fd, NULL);
      set_backup_error (error, dst, rc, dst_path);
      return FALSE;
    }
  rowid = sqlite3_last_insert_rowid (dst);
  rc = sqlite3_blob_open (dst, "main", "parscore_backup_blobs", "data", rowid, 1, &blob);
  if (rc != SQLITE_OK)
    {
      g_close (fd, NULL);
      set_backup_error (error, dst, rc, dst_path);
      return FALSE;
    }

  buffer = g_malloc (CHUNK);
  for (;;)
    {
      gssize n = read (fd, buffer, CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || offset + n > size)
        {
          offset = n < 0 ? -1 : offset + MAX (n, 0);
          break;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_blob_close (blob);
          g_close (fd, NULL);
          return FALSE;
        }
      g_checksum_update (checksum, (const guchar *) buffer, n);
      rc = sqlite3_blob_write (blob, buffer, (int) n, (int) offset);
      if (rc != SQLITE_OK)
        {
          sqlite3_blob_close (blob);
          g_close (fd, NULL);
          set_backup_error (error, dst, rc, dst_path);
          return FALSE;
        }
      offset += n;
    }
  g_close (fd, NULL);
  rc = sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, dst, rc, dst_path);
      return FALSE;
    }

  *included = offset == size && g_str_equal (g_checksum_get_string (checksum), sha256);
  if (!*included)
    {
      /* A damaged or changed file is not backed up as if it were the attached one. */
      rc = sqlite3_prepare_v2 (dst, "DELETE FROM parscore_backup_blobs WHERE rowid = ?1", -1,
                               &stmt, NULL);
      if (rc == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, rowid);
          rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (dst);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          set_backup_error (error, dst, rc, dst_path);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
put_info (sqlite3     *dst,
          const char  *dst_path,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (dst, "INSERT OR REPLACE INTO parscore_backup (key, value) "
                                    "VALUES (?1, ?2)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (dst);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    set_backup_error (error, dst, rc, dst_path);
  return rc == SQLITE_OK;
}

/* Writes a backup of @src (its main database, read as one consistent snapshot) and of the
 * files in @attachments_dir to @destination, through a temporary name beside it. */
static gboolean
backup_connection (sqlite3       *src,
                   const char    *attachments_dir,
                   const char    *source_display,
                   const char    *kind,
                   const char    *destination,
                   gboolean       replace,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *tmp = g_strconcat (destination, ".partial-XXXXXX", NULL);
  g_autofree char *display = g_filename_display_name (destination);
  g_autofree char *dir = g_path_get_dirname (destination);
  g_autofree char *now = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  sqlite3 *dst = NULL;
  sqlite3_backup *copy;
  sqlite3_stmt *stmt = NULL;
  int fd, rc;

  if (!replace && g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("“%s” already exists; choose another name."), display);
      return FALSE;
    }
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOSPC || saved_errno == EDQUOT)
        g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                     _("The disk holding “%s” is full. Free some space and try again."), display);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the backup “%s”: %s."),
                     display, g_strerror (saved_errno));
      return FALSE;
    }
  g_close (fd, NULL);

  rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                                   SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  copy = sqlite3_backup_init (dst, "main", src, "main");
  if (copy == NULL)
    {
      rc = sqlite3_extended_errcode (dst);
      goto sqlite_failed;
    }
  /* In one step: one read transaction on the source, so one consistent snapshot. */
  rc = sqlite3_backup_step (copy, -1);
  sqlite3_backup_finish (copy);
  if (rc != SQLITE_DONE)
    {
      if (rc != SQLITE_OK)
        {
          /* The error is the source's (busy, I/O); report it against the backup. */
          g_autofree char *source = g_filename_display_name (source_display);

          unlink_db_files (tmp);
          close_db (dst);
          set_backup_error (error, NULL, rc, source);
          return FALSE;
        }
      rc = sqlite3_extended_errcode (dst);
      goto sqlite_failed;
    }

  /* One self-contained file: a rollback journal, not WAL. */
  if (!db_exec (dst, "PRAGMA journal_mode = DELETE", tmp, error) ||
      !db_exec (dst, "BEGIN IMMEDIATE;"
                     "CREATE TABLE parscore_backup (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                     "CREATE TABLE parscore_backup_blobs (sha256 TEXT PRIMARY KEY, "
                     "  size INTEGER NOT NULL, data BLOB NOT NULL);", tmp, error))
    goto failed;

  now = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  if (!put_info (dst, tmp, "format", BACKUP_FORMAT, error) ||
      !put_info (dst, tmp, "kind", kind, error) ||
      !put_info (dst, tmp, "created_at", now, error) ||
      !put_info (dst, tmp, "source", source_display, error) ||
      !put_info (dst, tmp, "program", PACKAGE_VERSION, error))
    goto failed;

  rc = sqlite3_prepare_v2 (dst, "SELECT sha256, max (size) FROM attachments GROUP BY sha256 "
                                "ORDER BY sha256", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    goto sqlite_failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      gboolean included = FALSE;

      if (!store_file_in_backup (dst, tmp, attachments_dir, sha256,
                                 sqlite3_column_int64 (stmt, 1), &included, cancellable, error))
        goto failed;
      if (!included)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? " " : "", sha256);
    }
  sqlite3_finalize (g_steal_pointer (&stmt));
  if (rc != SQLITE_DONE)
    {
      rc = sqlite3_extended_errcode (dst);
      goto sqlite_failed;
    }
  if (missing->len > 0 && !put_info (dst, tmp, "missing_files", missing->str, error))
    goto failed;
  if (!db_exec (dst, "COMMIT", tmp, error))
    goto failed;
  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    goto sqlite_failed;

  if (g_rename (tmp, destination) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the backup “%s”: %s."),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  par_store_sync_dir (dir);
  return TRUE;

sqlite_failed:
  set_backup_error (error, dst, rc, destination);
failed:
  sqlite3_finalize (stmt);
  close_db (dst);
  unlink_db_files (tmp);
  return FALSE;
}

/* A backup being written to DEST is "DEST.partial-XXXXXX" (with its "-journal") until it is
 * renamed; a killed backup leaves it. The writer holds a shared flock() of DEST's folder from
 * before the temporary exists until after the rename; the next backup to DEST, when it can
 * take the folder exclusively (no backup is writing there now, in any process), removes what
 * killed ones left, then keeps the lock shared for its own write. flock() locks belong to the
 * open file description: no close() elsewhere drops them, and no lock file is left. Returns
 * the descriptor to close after the rename, or -1 (no lock: the backup goes on without). */
static int
lock_destination (const char *destination)
{
  g_autofree char *dir = g_path_get_dirname (destination);
  g_autofree char *base = g_path_get_basename (destination);
  g_autofree char *prefix = g_strconcat (base, ".partial-", NULL);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    {
      g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
      const char *name;
      guint removed = 0;

      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        if (g_str_has_prefix (name, prefix))
          {
            g_autofree char *path = g_build_filename (dir, name, NULL);

            if (g_unlink (path) == 0)
              removed++;
          }
      if (removed > 0)
        g_debug ("Removed %u files killed backups to %s had left", removed, destination);
    }
  /* Shared until the rename: another backup's sweep leaves this one's temporary alone. (The
   * change from exclusive is not atomic; this backup's temporary does not exist yet.) */
  if (flock (fd, LOCK_SH) != 0)
    {
      g_close (fd, NULL);
      return -1;
    }
  return fd;
}

/**
 * par_store_backup:
 * @destination: the backup file to write
 * @replace: whether an existing @destination may be replaced
 * @cancellable: (nullable): stops the copy
 *
 * Writes the whole database and every attached file into one file, read as one consistent
 * snapshot while others may go on writing. An attached file that is missing or does not
 * match its hash is left out and listed in the result.
 *
 * Returns: (transfer full): what the backup holds, read back from it; %NULL with @error set.
 */
ParBackupInfo *
par_store_backup (ParStore      *self,
                  const char    *destination,
                  gboolean       replace,
                  GCancellable  *cancellable,
                  GError       **error)
{
  int lock_fd;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (destination != NULL, NULL);

  lock_fd = lock_destination (destination);
  ok = backup_connection (self->db, self->attachments_dir, self->path, "manual", destination,
                          replace, cancellable, error);
  if (lock_fd >= 0)
    g_close (lock_fd, NULL);
  if (!ok)
    return NULL;
  return par_backup_describe (destination, cancellable, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading one back                                                                           */

static void
set_damaged (GError     **error,
             const char  *path,
             const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
               _("The backup “%s” is damaged (%s). Nothing was changed."), display, detail);
}

/* Re-hashes every file the backup holds; the attachments it lacks must be the ones it says
 * it could not include. */
static gboolean
check_backup_files (sqlite3        *db,
                    const char     *path,
                    ParBackupInfo  *info,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autofree char *buffer = g_malloc (CHUNK);
  g_autofree char *missing_text = NULL;
  g_auto(GStrv) missing = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT rowid, sha256, size FROM parscore_backup_blobs", -1,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_damaged (error, path, sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 1);
      gint64 size = sqlite3_column_int64 (stmt, 2);
      sqlite3_blob *blob = NULL;
      int length;

      if (sqlite3_blob_open (db, "main", "parscore_backup_blobs", "data",
                             sqlite3_column_int64 (stmt, 0), 0, &blob) != SQLITE_OK)
        {
          set_damaged (error, path, sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      length = sqlite3_blob_bytes (blob);
      for (int offset = 0; offset < length; )
        {
          int n = MIN (CHUNK, length - offset);

          if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
              sqlite3_blob_read (blob, buffer, n, offset) != SQLITE_OK)
            {
              if (error != NULL && *error == NULL)
                set_damaged (error, path, sqlite3_errmsg (db));
              sqlite3_blob_close (blob);
              sqlite3_finalize (stmt);
              return FALSE;
            }
          g_checksum_update (checksum, (const guchar *) buffer, n);
          offset += n;
        }
      sqlite3_blob_close (blob);
      if (length != size || g_strcmp0 (g_checksum_get_string (checksum), sha256) != 0)
        {
          g_autofree char *detail = g_strdup_printf (_("a stored file does not match its "
                                                       "SHA-256 %s"), sha256);
          set_damaged (error, path, detail);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      info->n_files++;
      info->file_bytes += size;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_damaged (error, path, sqlite3_errmsg (db));
      return FALSE;
    }

  db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'missing_files'",
                 &missing_text);
  missing = g_strsplit (missing_text != NULL ? missing_text : "", " ", -1);
  for (guint i = 0; missing[i] != NULL; i++)
    if (*missing[i] != '\0')
      g_ptr_array_add (info->missing_files, g_strdup (missing[i]));

  rc = sqlite3_prepare_v2 (db, "SELECT DISTINCT a.sha256, a.original_name FROM attachments a "
                               "WHERE a.sha256 NOT IN (SELECT sha256 FROM parscore_backup_blobs)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_damaged (error, path, sqlite3_errmsg (db));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_strv_contains ((const char * const *) missing, sha256))
        {
          g_autofree char *detail = g_strdup_printf (_("the file “%s” is not in it"),
                                                     sqlite3_column_text (stmt, 1));
          set_damaged (error, path, detail);
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
read_backup_years (sqlite3        *db,
                   ParBackupInfo  *info)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT u.name, a.year, a.status, "
                               "(SELECT count(*) FROM entries e WHERE e.assessment_id = a.id) "
                               "FROM assessments a JOIN units u ON u.id = a.unit_id "
                               "ORDER BY u.name, a.year", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ParBackupYear *year = g_new0 (ParBackupYear, 1);

      year->unit_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      year->year = sqlite3_column_int (stmt, 1);
      if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &year->status))
        year->status = PAR_STATUS_DRAFT;
      year->n_entries = sqlite3_column_int (stmt, 3);
      g_ptr_array_add (info->years, year);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/**
 * par_backup_describe:
 * @backup_path: a backup file
 * @cancellable: (nullable): stops the check
 *
 * Checks the whole backup — SQLite's integrity check, that it is a Parscore backup of a
 * schema this version knows, every stored file against its SHA-256 — and says what it holds.
 *
 * Returns: (transfer full): the description, or %NULL with @error set
 *   (%PAR_ERROR_INTEGRITY for a damaged backup, %PAR_ERROR_FORMAT for another file).
 */
ParBackupInfo *
par_backup_describe (const char    *backup_path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(ParBackupInfo) info = g_new0 (ParBackupInfo, 1);
  g_autofree char *display = g_filename_display_name (backup_path);
  g_autofree char *format = NULL;
  g_autofree char *check = NULL;
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  gint64 version, application_id;
  int rc;

  g_return_val_if_fail (backup_path != NULL, NULL);

  info->path = g_strdup (backup_path);
  info->years = g_ptr_array_new_with_free_func ((GDestroyNotify) backup_year_free);
  info->missing_files = g_ptr_array_new_with_free_func (g_free);

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("There is no backup file “%s”."),
                   display);
      return NULL;
    }
  par_store_locks_init ();
  /* Read-only and immutable: a backup is never changed, and may sit on read-only media. */
  uri = par_store_path_to_uri (backup_path);
  if (uri != NULL)
    {
      g_autofree char *with_query = g_strconcat (uri, "?mode=ro&immutable=1", NULL);

      rc = sqlite3_open_v2 (with_query, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                             SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
    }
  else
    rc = SQLITE_CANTOPEN;
  /* The header, read from the file itself: what the file says it is, even when it does not
   * read whole (application_id sits at byte 68, big-endian). */
  application_id = par_store_file_application_id (backup_path);
  if (application_id == PAR_STORE_APPLICATION_ID && rc != SQLITE_OK)
    {
      set_damaged (error, backup_path, sqlite3_errstr (rc));
      close_db (db);
      return NULL;
    }
  if (application_id == PAR_STORE_APPLICATION_ID &&
      !db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'format'", &format))
    {
      g_autofree char *check_text = NULL;
      int code = sqlite3_errcode (db) & 0xff;

      /* No such table in a file that reads whole: a Parscore database, not a backup. Anything
       * else: a backup (or database) that does not read whole. */
      if (code == SQLITE_ERROR && db_query_text (db, "PRAGMA quick_check", &check_text) &&
          g_strcmp0 (check_text, "ok") == 0)
        g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                     _("“%s” is a Parscore database, not a backup. Nothing was changed."),
                     display);
      else
        set_damaged (error, backup_path, check_text != NULL ? check_text : sqlite3_errmsg (db));
      close_db (db);
      return NULL;
    }
  if (application_id != PAR_STORE_APPLICATION_ID || g_strcmp0 (format, BACKUP_FORMAT) != 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("“%s” is not a Parscore backup. Nothing was changed."), display);
      close_db (db);
      return NULL;
    }

  version = db_query_int (db, "PRAGMA user_version");
  if (version > PAR_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("The backup “%s” was made by a newer version of Parscore (schema version "
                     "%" PRId64 "; this version knows up to %d). Nothing was changed."),
                   display, version, PAR_STORE_SCHEMA_VERSION);
      close_db (db);
      return NULL;
    }
  info->schema_version = (int) version;

  if (!db_query_text (db, "PRAGMA integrity_check", &check) || g_strcmp0 (check, "ok") != 0)
    {
      set_damaged (error, backup_path, check != NULL ? check : sqlite3_errmsg (db));
      close_db (db);
      return NULL;
    }
  if (!check_backup_files (db, backup_path, info, cancellable, error))
    {
      close_db (db);
      return NULL;
    }

  db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'kind'", &info->kind);
  db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'created_at'",
                 &info->created_at);
  db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'source'", &info->source);
  /* The newest change it holds: every edit is in the audit log; what older versions did not
   * audit still carries its own time. */
  db_query_text (db, "SELECT max (t) FROM ("
                     " SELECT max (at) AS t FROM audit_log"
                     " UNION ALL SELECT max (created_at) FROM units"
                     " UNION ALL SELECT max (created_at) FROM assessments"
                     " UNION ALL SELECT max (imported_at) FROM frameworks"
                     " UNION ALL SELECT max (added_at) FROM attachments)", &info->last_change);
  info->n_units = (guint) MAX (db_query_int (db, "SELECT count(*) FROM units"), 0);
  info->n_documents = (guint) MAX (db_query_int (db, "SELECT count(*) FROM documents"), 0);
  info->n_attachments = (guint) MAX (db_query_int (db, "SELECT count(*) FROM attachments"), 0);
  if (!read_backup_years (db, info))
    {
      set_damaged (error, backup_path, sqlite3_errmsg (db));
      close_db (db);
      return NULL;
    }
  close_db (db);
  return g_steal_pointer (&info);
}

/* ------------------------------------------------------------------------------------------ */
/* Automatic snapshots                                                                        */

char *
par_store_snapshots_dir (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);
  return g_strconcat (db_path, ".backups", NULL);
}

static int
compare_paths_desc (gconstpointer a,
                    gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Snapshot names: "<database name>-YYYYMMDD-HHMMSS-<kind>.parscore-backup", UTC, so the
 * newest sorts last. */
GPtrArray *
par_store_list_snapshots (const char *db_path)
{
  g_autofree char *dir_path = par_store_snapshots_dir (db_path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, SNAPSHOT_SUFFIX) && name[0] != '.')
      g_ptr_array_add (list, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (list, compare_paths_desc);
  return list;
}

static gboolean
snapshot_has_kind (const char *path,
                   const char *kind)
{
  g_autofree char *suffix = g_strconcat ("-", kind, SNAPSHOT_SUFFIX, NULL);
  return g_str_has_suffix (path, suffix);
}

/* Seconds since the newest snapshot of @kind, or -1 when there is none. */
static gint64
newest_snapshot_age (const char *db_path,
                     const char *kind)
{
  g_autoptr(GPtrArray) list = par_store_list_snapshots (db_path);

  for (guint i = 0; i < list->len; i++)
    if (snapshot_has_kind (list->pdata[i], kind))
      {
        GStatBuf st;

        if (g_stat (list->pdata[i], &st) == 0)
          return MAX (0, (gint64) time (NULL) - (gint64) st.st_mtime);
      }
  return -1;
}

static void
prune_snapshots (const char *db_path,
                 const char *kind)
{
  g_autoptr(GPtrArray) list = par_store_list_snapshots (db_path);
  guint kept = 0;

  for (guint i = 0; i < list->len; i++)
    if (snapshot_has_kind (list->pdata[i], kind) && ++kept > SNAPSHOTS_KEPT_PER_KIND)
      g_unlink (list->pdata[i]);
}

/* Writes a snapshot of the connection's database; returns its path. With @daily, nothing is
 * written (NULL, no error) when another connection made today's while we waited. */
static char *
write_snapshot (sqlite3     *db,
                const char  *db_path,
                const char  *attachments_dir,
                const char  *kind,
                gboolean     daily,
                GError     **error)
{
  g_autofree char *dir = par_store_snapshots_dir (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *path = NULL;
  int lock_fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not create the folder “%s”: %s."),
                   display, g_strerror (saved_errno));
      return NULL;
    }
  /* One snapshot at a time per database, whichever connection or process wants it: a
   * flock() of the folder (it belongs to the open file description: no close() elsewhere can
   * drop it). */
  lock_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (lock_fd < 0 || flock (lock_fd, LOCK_EX) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      if (lock_fd >= 0)
        g_close (lock_fd, NULL);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write in “%s”: %s."),
                   display, g_strerror (saved_errno));
      return NULL;
    }
  if (daily)
    {
      gint64 age = newest_snapshot_age (db_path, kind);

      if (age >= 0 && age < SNAPSHOT_EVERY_SECONDS)
        {
          g_close (lock_fd, NULL);
          return NULL;
        }
    }
  for (int n = 0; path == NULL && n < 100; n++)
    {
      g_autofree char *name = n == 0
        ? g_strdup_printf ("%s-%s-%s%s", base, stamp, kind, SNAPSHOT_SUFFIX)
        : g_strdup_printf ("%s-%s.%d-%s%s", base, stamp, n, kind, SNAPSHOT_SUFFIX);
      g_autofree char *candidate = g_build_filename (dir, name, NULL);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        path = g_steal_pointer (&candidate);
    }
  if (path == NULL ||
      !backup_connection (db, attachments_dir, db_path, kind, path, FALSE, NULL, error))
    {
      if (path == NULL)
        g_set_error_literal (error, PAR_ERROR, PAR_ERROR_EXISTS, "no free snapshot name");
      g_clear_pointer (&path, g_free);
    }
  else
    prune_snapshots (db_path, kind);
  g_close (lock_fd, NULL);
  return path;
}

/* Before a migration: a snapshot of the database as the older version left it. */
gboolean
par_store_snapshot_before_migration (ParStore  *self,
                                     GError   **error)
{
  g_autofree char *path = write_snapshot (self->db, self->path, self->attachments_dir,
                                          "before-migration", FALSE, error);
  g_autofree char *display = g_filename_display_name (self->path);

  if (path == NULL)
    {
      g_prefix_error (error, _("The database “%s” was not updated, because backing it up "
                               "first failed: "), display);
      return FALSE;
    }
  g_debug ("Snapshot before migrating %s: %s", self->path, path);
  return TRUE;
}

/* Once a day while in use: called after every commit, so in the app from its writer thread,
 * never from the main thread; cheap when not due (one look at the folder an hour). The first
 * snapshot waits until the database is a day old: nothing in a database just made needs it,
 * and test databases never get one. */
void
par_store_snapshot_if_due (ParStore *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *oldest = NULL;
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) now_utc = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 age;

  if (self->read_only || self->in_transaction || now < self->next_snapshot_check)
    return;
  self->next_snapshot_check = now + SNAPSHOT_CHECK_EVERY_US;

  age = newest_snapshot_age (self->path, "daily");
  if (age >= 0 && age < SNAPSHOT_EVERY_SECONDS)
    return;
  if (age < 0)
    {
      if (!db_query_text (self->db, "SELECT min (created_at) FROM units", &oldest) ||
          oldest == NULL || (since = g_date_time_new_from_iso8601 (oldest, NULL)) == NULL)
        return;
      now_utc = g_date_time_new_now_utc ();
      if (g_date_time_difference (now_utc, since) < SNAPSHOT_EVERY_SECONDS * G_TIME_SPAN_SECOND)
        return;
    }

  path = write_snapshot (self->db, self->path, self->attachments_dir, "daily", TRUE, &error);
  if (path == NULL && error != NULL)
    /* Never in the way of the user's work: the next check tries again. */
    g_message ("The daily backup of %s failed: %s", self->display_path, error->message);
  else
    g_debug ("Daily snapshot of %s: %s", self->path, path);
}

/* ------------------------------------------------------------------------------------------ */
/* Restore                                                                                    */

/* Puts every file of the backup into the attachments folder unless an intact copy is there. */
static gboolean
restore_files (sqlite3       *backup,
               const char    *backup_path,
               const char    *attachments_dir,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *buffer = g_malloc (CHUNK);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (backup, "SELECT rowid, sha256, size FROM parscore_backup_blobs", -1,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_damaged (error, backup_path, sqlite3_errmsg (backup));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 1);
      gint64 size = sqlite3_column_int64 (stmt, 2);
      g_autofree char *final = par_store_blob_path (attachments_dir, sha256);
      g_autofree char *dir = g_path_get_dirname (final);
      g_autofree char *tmp = NULL;
      ParBlobCheck check = { 0, };
      sqlite3_blob *blob = NULL;
      gboolean ok = TRUE;
      int fd, length;

      if (!par_store_check_blob (final, sha256, size, &check, NULL, NULL, cancellable, error))
        goto failed;
      if (check.status == PAR_BLOB_INTACT)
        continue;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          par_store_set_io_error (error, errno, PAR_IO_MKDIR, dir);
          goto failed;
        }
      tmp = g_build_filename (attachments_dir, ".incoming-XXXXXX", NULL);
      fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          par_store_set_io_error (error, errno, PAR_IO_WRITE, attachments_dir);
          goto failed;
        }
      if (sqlite3_blob_open (backup, "main", "parscore_backup_blobs", "data",
                             sqlite3_column_int64 (stmt, 0), 0, &blob) != SQLITE_OK)
        {
          g_close (fd, NULL);
          g_unlink (tmp);
          set_damaged (error, backup_path, sqlite3_errmsg (backup));
          goto failed;
        }
      length = sqlite3_blob_bytes (blob);
      for (int offset = 0; ok && offset < length; )
        {
          int n = MIN (CHUNK, length - offset);

          ok = sqlite3_blob_read (blob, buffer, n, offset) == SQLITE_OK &&
               par_store_write_all (fd, buffer, n);
          offset += n;
        }
      sqlite3_blob_close (blob);
      if (!ok || fsync (fd) != 0)
        {
          par_store_set_io_error (error, errno, PAR_IO_WRITE, attachments_dir);
          g_close (fd, NULL);
          g_unlink (tmp);
          goto failed;
        }
      g_close (fd, NULL);
      if (g_rename (tmp, final) != 0)
        {
          par_store_set_io_error (error, errno, PAR_IO_WRITE, dir);
          g_unlink (tmp);
          goto failed;
        }
      par_store_sync_dir (dir);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_damaged (error, backup_path, sqlite3_errmsg (backup));
      return FALSE;
    }
  return TRUE;

failed:
  sqlite3_finalize (stmt);
  return FALSE;
}

/* A copy of the backup without its own tables, in a temporary file beside the database. */
static char *
restorable_copy (sqlite3     *backup,
                 const char  *db_path,
                 GError     **error)
{
  g_autofree char *tmp = g_strconcat (db_path, ".restoring-XXXXXX", NULL);
  sqlite3 *copy_db = NULL;
  sqlite3_backup *copy;
  int fd, rc;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, tmp);
      return NULL;
    }
  g_close (fd, NULL);
  rc = sqlite3_open_v2 (tmp, &copy_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                                       SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      copy = sqlite3_backup_init (copy_db, "main", backup, "main");
      rc = copy == NULL ? sqlite3_extended_errcode (copy_db) : sqlite3_backup_step (copy, -1);
      if (copy != NULL)
        sqlite3_backup_finish (copy);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, copy_db, rc, tmp);
      close_db (copy_db);
      unlink_db_files (tmp);
      return NULL;
    }
  if (!db_exec (copy_db, "PRAGMA journal_mode = DELETE;"
                         "DROP TABLE parscore_backup_blobs; DROP TABLE parscore_backup;"
                         "VACUUM;", tmp, error))
    {
      close_db (copy_db);
      unlink_db_files (tmp);
      return NULL;
    }
  close_db (copy_db);
  return g_steal_pointer (&tmp);
}

/* The list of files a restore may leave unused, written whole (and synced) before the first
 * file is added: every file the backup holds and, when the snapshot kept aside holds every
 * file of the current database, every file in the folder now. Whatever point a kill stops
 * the restore at, the next open deletes those the database (old or new) does not use
 * (par_store_prune_listed_files); the restore itself deletes them when it ends. */
static char *
write_prune_list (sqlite3     *backup,
                  const char  *backup_path,
                  const char  *db_path,
                  const char  *attachments_dir,
                  gboolean     with_current,
                  GError     **error)
{
  g_autofree char *path = g_strconcat (db_path, ".restoring-XXXXXX.prune", NULL);
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int fd, rc;

  rc = sqlite3_prepare_v2 (backup, "SELECT sha256 FROM parscore_backup_blobs", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_string_append_printf (text, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_damaged (error, backup_path, sqlite3_errmsg (backup));
      return NULL;
    }
  if (with_current)
    {
      g_autoptr(GDir) top = g_dir_open (attachments_dir, 0, NULL);
      const char *prefix;

      while (top != NULL && (prefix = g_dir_read_name (top)) != NULL)
        {
          g_autofree char *sub_path = g_build_filename (attachments_dir, prefix, NULL);
          g_autoptr(GDir) sub = strlen (prefix) == 2 ? g_dir_open (sub_path, 0, NULL) : NULL;
          const char *name;

          while (sub != NULL && (name = g_dir_read_name (sub)) != NULL)
            if (par_store_is_blob_name (name))
              g_string_append_printf (text, "%s\n", name);
        }
    }

  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0 || !par_store_write_all (fd, text->str, text->len) || fsync (fd) != 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, dir);
      if (fd >= 0)
        {
          g_close (fd, NULL);
          g_unlink (path);
        }
      return NULL;
    }
  g_close (fd, NULL);
  par_store_sync_dir (dir);
  return g_steal_pointer (&path);
}

/* Whether a backup holds every attached file of its database. */
static gboolean
backup_is_complete (const char *backup_path)
{
  g_autofree char *uri = par_store_path_to_uri (backup_path);
  g_autofree char *with_query = g_strconcat (uri, "?mode=ro&immutable=1", NULL);
  g_autofree char *missing = NULL;
  sqlite3 *db = NULL;
  gboolean complete;

  if (sqlite3_open_v2 (with_query, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                        SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      close_db (db);
      return FALSE;
    }
  /* No missing_files row: nothing was left out. */
  complete = db_query_int (db, "SELECT count(*) FROM parscore_backup WHERE key = 'format'") == 1 &&
             !db_query_text (db, "SELECT value FROM parscore_backup WHERE key = 'missing_files'",
                             &missing);
  close_db (db);
  return complete;
}

/**
 * par_store_restore:
 * @db_path: the database to replace (created when missing)
 * @backup_path: a backup made by par_store_backup() or an automatic snapshot
 * @kept_aside: (out) (optional) (transfer full): the snapshot of the database as it was
 *   before, %NULL when there was nothing to keep
 * @cancellable: (nullable): stops the checks and copies before anything is replaced
 *
 * Checks the backup whole, then replaces the database and its files by the backup's. Nothing
 * is changed when the backup is damaged or when Parscore or another program has the database
 * open (%PAR_ERROR_BUSY): close every window on it first.
 *
 * Returns: %TRUE when the database now holds the backup.
 */
gboolean
par_store_restore (const char    *db_path,
                   const char    *backup_path,
                   char         **kept_aside,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(ParBackupInfo) info = NULL;
  g_autofree char *attachments_dir = NULL;
  g_autofree char *display = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *check = NULL;
  g_autofree char *prune_list = NULL;
  sqlite3 *current = NULL, *backup = NULL, *copy_db = NULL;
  sqlite3_backup *copy = NULL;
  gint64 objects;
  int rc;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (kept_aside != NULL)
    *kept_aside = NULL;
  display = g_filename_display_name (db_path);
  attachments_dir = g_strconcat (db_path, ".attachments", NULL);

  /* 1. The backup, checked whole before anything else. */
  info = par_backup_describe (backup_path, cancellable, error);
  if (info == NULL)
    return FALSE;

  /* 2. The current database, taken exclusively: leaving WAL needs every other connection
   * gone, and in EXCLUSIVE locking mode the locks are kept until this connection closes. */
  par_store_locks_init ();
  rc = sqlite3_open_v2 (db_path, &current, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                           SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, current, rc, db_path);
      close_db (current);
      return FALSE;
    }
  sqlite3_busy_timeout (current, 1000);
  objects = db_query_int (current, "SELECT count(*) FROM sqlite_schema");
  if (objects > 0 && db_query_int (current, "PRAGMA application_id") != PAR_STORE_APPLICATION_ID)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("The file “%s” is an SQLite database of another program, not a Parscore "
                     "database; it was left unchanged."), display);
      close_db (current);
      return FALSE;
    }
  if (!db_exec (current, "PRAGMA locking_mode = EXCLUSIVE", db_path, error) ||
      !db_query_text (current, "PRAGMA journal_mode = DELETE", &mode) ||
      g_strcmp0 (mode, "delete") != 0 ||
      !db_exec (current, "BEGIN EXCLUSIVE; COMMIT", db_path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PAR_ERROR, PAR_ERROR_BUSY,
                     _("The database “%s” is open in Parscore or another program: close it, "
                       "then restore again. Nothing was changed."), display);
      close_db (current);
      return FALSE;
    }

  /* 3. What is there now, kept aside as a snapshot (nothing to keep in an empty file). */
  if (objects > 0)
    {
      aside = write_snapshot (current, db_path, attachments_dir, "before-restore", FALSE, error);
      if (aside == NULL)
        {
          g_prefix_error (error, _("The database “%s” was not restored, because keeping the "
                                   "current one aside failed: "), display);
          goto failed;
        }
    }

  /* 4. The files, then the pages. */
  uri = par_store_path_to_uri (backup_path);
  {
    g_autofree char *with_query = g_strconcat (uri, "?mode=ro&immutable=1", NULL);

    rc = sqlite3_open_v2 (with_query, &backup, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                               SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  }
  if (rc != SQLITE_OK)
    {
      set_damaged (error, backup_path, sqlite3_errstr (rc));
      goto failed;
    }
  prune_list = write_prune_list (backup, backup_path, db_path, attachments_dir,
                                 aside != NULL && backup_is_complete (aside), error);
  if (prune_list == NULL)
    goto failed;
  if (!restore_files (backup, backup_path, attachments_dir, cancellable, error))
    goto failed;
  copy_path = restorable_copy (backup, db_path, error);
  if (copy_path == NULL)
    goto failed;
  rc = sqlite3_open_v2 (copy_path, &copy_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX |
                                             SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      copy = sqlite3_backup_init (current, "main", copy_db, "main");
      rc = copy == NULL ? sqlite3_extended_errcode (current) : sqlite3_backup_step (copy, -1);
      if (copy != NULL)
        sqlite3_backup_finish (copy);
      rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, copy_db != NULL && rc != SQLITE_OK ? current : NULL, rc, db_path);
      goto failed;
    }

  /* 5. Back to WAL and normal locking; the restored pages checked. */
  if (!db_exec (current, "PRAGMA locking_mode = NORMAL; PRAGMA journal_mode = WAL", db_path,
                error))
    goto failed;
  if (!db_query_text (current, "PRAGMA quick_check", &check) || g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The restored database “%s” fails its integrity check (%s); the previous "
                     "one was kept as “%s”."), display, check != NULL ? check : "?",
                   aside != NULL ? aside : "");
      goto failed;
    }
  /* Files only the replaced database used are in the snapshot kept aside (the list holds
   * them only when it holds them all). */
  par_store_prune_listed_files (current, attachments_dir, prune_list);

  close_db (copy_db);
  close_db (backup);
  unlink_db_files (copy_path);
  rc = sqlite3_close (current);
  if (rc != SQLITE_OK)
    g_message ("Closing %s after restoring: %s", db_path, sqlite3_errstr (rc));
  if (kept_aside != NULL)
    *kept_aside = g_steal_pointer (&aside);
  return TRUE;

failed:
  close_db (copy_db);
  close_db (backup);
  if (copy_path != NULL)
    unlink_db_files (copy_path);
  /* The database is the old one: the files this restore added go again. */
  if (prune_list != NULL)
    par_store_prune_listed_files (current, attachments_dir, prune_list);
  close_db (current);
  return FALSE;
}
