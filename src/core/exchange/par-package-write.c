/* par-package-write.c — writing a package (data/PACKAGE.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-package-private.h"
#include "par-round-view.h"

/* A name beside @path that does not exist yet. */
static char *
temporary_beside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (;;)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", base, g_random_int ());
      char *tmp = g_build_filename (dir, name, NULL);
      g_autofree char *attachments = g_strconcat (tmp, ".attachments", NULL);

      if (!g_file_test (tmp, G_FILE_TEST_EXISTS) && !g_file_test (attachments, G_FILE_TEST_EXISTS))
        return tmp;
      g_free (tmp);
    }
}

static void
remove_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *attachments = g_strconcat (path, ".attachments", NULL);
  GDir *dir;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  /* <sha[0:2]>/<sha>: two levels. */
  if ((dir = g_dir_open (attachments, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *sub = g_build_filename (attachments, name, NULL);
          GDir *inner = g_dir_open (sub, 0, NULL);
          const char *leaf;

          while (inner != NULL && (leaf = g_dir_read_name (inner)) != NULL)
            {
              g_autofree char *file = g_build_filename (sub, leaf, NULL);
              g_unlink (file);
            }
          if (inner != NULL)
            g_dir_close (inner);
          g_rmdir (sub);
          g_unlink (sub);
        }
      g_dir_close (dir);
    }
  g_rmdir (attachments);
}

/* The year's audit trail from @store: its rows, its seals', and those of the documents it
 * cites, oldest first. */
static gboolean
copy_audit (ParStore    *store,
            sqlite3     *package,
            gint64       assessment_id,
            const char  *display,
            GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " ", assessment_id);
  g_autofree char *created = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created",
                                              assessment_id);
  g_autofree char *sealed = g_strdup_printf ("seal of assessment %" G_GINT64_FORMAT " ",
                                             assessment_id);
  g_autoptr(ParStmt) read = NULL;
  sqlite3_stmt *write = NULL;
  int rc;

  read = par_store_prepare (store,
                            "SELECT at, what, old_value, new_value, actor, reason FROM audit_log "
                            "WHERE substr (what, 1, length (?1)) = ?1 OR what = ?2 "
                            "OR substr (what, 1, length (?3)) = ?3 "
                            "OR what IN (SELECT 'document ' || document_id || ' added' "
                            "FROM evidence_links WHERE assessment_id = ?4) "
                            "OR substr (what, 1, instr (substr (what, 10), ' ') + 9) IN "
                            "(SELECT 'document ' || document_id || ' ' FROM evidence_links "
                            "WHERE assessment_id = ?4) ORDER BY id", error);
  if (read == NULL)
    return FALSE;
  par_stmt_bind_text (read, 1, prefix);
  par_stmt_bind_text (read, 2, created);
  par_stmt_bind_text (read, 3, sealed);
  sqlite3_bind_int64 (read, 4, assessment_id);
  if (sqlite3_prepare_v2 (package, "INSERT INTO package_audit (at, what, old_value, new_value, "
                                   "actor, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &write,
                          NULL) != SQLITE_OK)
    return par_package_exec_sql (package, "SELECT raise (ABORT, 'package_audit')", display, error);
  while ((rc = par_store_step (store, read, error)) == SQLITE_ROW)
    {
      for (int c = 0; c < 6; c++)
        sqlite3_bind_value (write, c + 1, sqlite3_column_value (read, c));
      if (sqlite3_step (write) != SQLITE_DONE)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
                       display, sqlite3_errmsg (package));
          sqlite3_finalize (write);
          return FALSE;
        }
      sqlite3_reset (write);
    }
  sqlite3_finalize (write);
  return rc != 0;
}

static gboolean
put_key (sqlite3     *db,
         const char  *key,
         const char  *value,
         const char  *display,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO parscore_package (key, value) "
                              "VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    return par_package_exec_sql (db, "SELECT raise (ABORT, 'parscore_package')", display, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
               display, sqlite3_errmsg (db));
  return FALSE;
}

/* Every attachment of the package's store, read from its blob, checked, and kept as a blob. */
static gboolean
store_blobs (ParStore    *package,
             const char  *display,
             GError     **error)
{
  g_autoptr(GPtrArray) attachments = par_store_list_attachments (package, 0, error);
  sqlite3_stmt *stmt = NULL;

  if (attachments == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (package->db, "INSERT OR IGNORE INTO package_blobs (sha256, size, data) "
                                       "VALUES (?1, ?2, ?3)", -1, &stmt, NULL) != SQLITE_OK)
    return par_package_exec_sql (package->db, "SELECT raise (ABORT, 'package_blobs')", display,
                                 error);
  for (guint i = 0; i < attachments->len; i++)
    {
      ParAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *blob = par_store_attachment_path (package, attachment);
      g_autofree char *data = NULL;
      g_autofree char *sha256 = NULL;
      gsize length = 0;

      if (!g_file_get_contents (blob, &data, &length, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
      if (g_strcmp0 (sha256, attachment->sha256) != 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("The file “%s” changed while it was packed. Try again."),
                       attachment->original_name);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, attachment->sha256, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, (gint64) length);
      sqlite3_bind_blob64 (stmt, 3, data, length, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
                       display, sqlite3_errmsg (package->db));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
write_package_tables (ParStore       *store,
                      ParAssessment  *year,
                      ParUnit        *unit,
                      ParStore       *package,
                      ParPackageKind  kind,
                      int             round,
                      const char     *year_canonical,
                      const char     *display,
                      GError        **error)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year->year);
  g_autofree char *round_text = g_strdup_printf ("%d", round);
  g_autofree char *year_seal = par_seal_hash (year_canonical);
  g_autofree char *canonical = NULL;
  g_autofree char *seal = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *reply_deadline = NULL;
  sqlite3 *db = package->db;

  /* An appraisal tells the unit until when it may reply: its round's reply deadline. */
  if (kind == PAR_PACKAGE_APPRAISAL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ParRound) held = par_store_round_of_assessment (store, year->id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (held != NULL)
        reply_deadline = g_strdup (held->reply_deadline);
    }

  if (!par_package_exec_sql (db,
                             "BEGIN;"
                             "CREATE TABLE parscore_package (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                             "CREATE TABLE package_blobs (sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
                             " size INTEGER NOT NULL CHECK (size >= 0), data BLOB NOT NULL);"
                             "CREATE TABLE package_audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
                             " what TEXT NOT NULL, old_value TEXT, new_value TEXT, actor TEXT, reason TEXT);"
                             /* The package's own log (its making) is no part of the year's trail. */
                             "DELETE FROM audit_log;", display, error))
    return FALSE;
  if (!store_blobs (package, display, error) ||
      !copy_audit (store, db, year->id, display, error) ||
      !put_key (db, "format", PAR_PACKAGE_FORMAT, display, error) ||
      !put_key (db, "kind", par_package_kind_to_string (kind), display, error) ||
      !put_key (db, "unit", unit->name, display, error) ||
      !put_key (db, "level", par_level_to_string (unit->level), display, error) ||
      !put_key (db, "year", year_text, display, error) ||
      !put_key (db, "status", par_status_to_string (year->status), display, error) ||
      !put_key (db, "round", round_text, display, error) ||
      !put_key (db, "created-at", created, display, error) ||
      !put_key (db, "created-by", par_store_get_actor (store), display, error) ||
      !put_key (db, "year-seal", year_seal, display, error) ||
      (reply_deadline != NULL &&
       !put_key (db, "reply-deadline", reply_deadline, display, error)) ||
      (canonical = par_package_canonical (db, year_canonical, display, error)) == NULL ||
      !put_key (db, "seal", (seal = par_seal_hash (canonical)), display, error))
    {
      par_package_exec_sql (db, "ROLLBACK", display, NULL);
      return FALSE;
    }
  /* One self-contained file to send: no write-ahead log beside it. */
  return par_package_exec_sql (db, "COMMIT; PRAGMA journal_mode = DELETE;", display, error);
}

gboolean
par_package_write (ParStore        *store,
                   gint64           assessment_id,
                   ParPackageKind   kind,
                   int              round,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(ParAssessment) year = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParStore) package = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *year_canonical = NULL;
  g_autofree char *packed_canonical = NULL;
  gint64 packed;
  gboolean ok = FALSE;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if ((year = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (unit = par_package_unit_by_id (store, year->unit_id, error)) == NULL)
    return FALSE;
  if (year->status == PAR_STATUS_DRAFT)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("The %d self-assessment of %s is a draft: submit it before packing it."),
                   year->year, unit->name);
      return FALSE;
    }
  if ((year_canonical = par_store_canonical_year (store, assessment_id, year->status,
                                                  error)) == NULL)
    return FALSE;

  tmp = temporary_beside (path);
  if ((package = par_store_open (tmp, error)) == NULL)
    goto out;
  par_store_set_actor (package, par_store_get_actor (store));
  if ((packed = par_package_copy_year (store, year, unit, package, year->status,
                                       par_package_kind_to_string (kind), NULL, error)) <= 0)
    goto out;
  if (kind == PAR_PACKAGE_REPLY &&
      !par_package_copy_replies (store, assessment_id, package, packed, error))
    goto out;
  /* The package holds the year exactly as it is: the same canonical text, the same seal. */
  if ((packed_canonical = par_store_canonical_year (package, packed, year->status,
                                                    error)) == NULL)
    goto out;
  if (!g_str_equal (packed_canonical, year_canonical))
    {
      g_autoptr(GPtrArray) changes = par_seal_diff (year_canonical, packed_canonical);

      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The package “%s” would not hold the year as it is (%s); it was not "
                     "written."), display,
                   changes->len > 0 ? ((ParSealChange *) changes->pdata[0])->description : "?");
      goto out;
    }
  if (!write_package_tables (store, year, unit, package, kind, round, year_canonical, display,
                             error))
    goto out;
  g_clear_object (&package);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the package “%s”: %s."),
                   display, g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  g_clear_object (&package);
  remove_store_files (tmp);
  return ok;
}
