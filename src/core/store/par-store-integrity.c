/* par-store-integrity.c — checking a stored file, and sweeping what interrupted work left
 * behind.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * - par_store_check_blob(): the one check of a stored file against its size and SHA-256, used
 *   when attaching (a damaged blob of the right size is replaced), by verify, by backups and
 *   restore, and by the evidence pack.
 * - par_store_sweep_leftovers(): temporary files of attaches, backups and restores that were
 *   killed midway (48 killed attaches of a 48 MB file had left 1.1 GB behind).
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-integrity.h"
#include "par-store-private.h"

#define CHUNK (256 * 1024)
#define INCOMING_PREFIX ".incoming-"

/* ------------------------------------------------------------------------------------------ */
/* One blob                                                                                   */

/**
 * par_store_check_blob:
 * @path: the stored file
 * @sha256: the SHA-256 it was stored with (lower-case hex)
 * @size: its size when stored
 * @result: (out caller-allocates): what was found
 * @progress: (nullable) (scope call): told the bytes read so far, after each chunk
 * @cancellable: (nullable): stops the check
 *
 * Reads the file to the end and compares its size and SHA-256 with the stored ones.
 *
 * Returns: %FALSE only when cancelled (with @error set); the verdict is in @result.
 */
gboolean
par_store_check_blob (const char          *path,
                      const char          *sha256,
                      gint64               size,
                      ParBlobCheck        *result,
                      ParBlobProgressFunc  progress,
                      gpointer             user_data,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *buffer = NULL;
  int fd;

  g_return_val_if_fail (path != NULL && sha256 != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      result->error_number = errno;
      result->status = errno == ENOENT || errno == ENOTDIR ? PAR_BLOB_MISSING
                                                           : PAR_BLOB_UNREADABLE;
      return TRUE;
    }

  buffer = g_malloc (CHUNK);
  for (;;)
    {
      gssize n;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_close (fd, NULL);
          g_set_error_literal (error, PAR_ERROR, PAR_ERROR_CANCELLED, _("Cancelled."));
          return FALSE;
        }
      n = read (fd, buffer, CHUNK);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          result->error_number = errno;
          result->status = PAR_BLOB_UNREADABLE;
          g_close (fd, NULL);
          return TRUE;
        }
      if (n == 0)
        break;
      g_checksum_update (checksum, (const guchar *) buffer, n);
      result->size += n;
      if (progress != NULL)
        progress (result->size, user_data);
    }
  g_close (fd, NULL);
  g_strlcpy (result->sha256, g_checksum_get_string (checksum), sizeof result->sha256);
  result->status = result->size == size && g_ascii_strcasecmp (result->sha256, sha256) == 0
                   ? PAR_BLOB_INTACT : PAR_BLOB_CHANGED;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Leftovers                                                                                  */

/* Attaching holds a shared flock() on the attachments folder itself from its temporary copy
 * until the copy is renamed or removed; the sweep takes it exclusively without waiting, so it
 * never deletes a copy in progress in any process. flock() locks belong to the open file
 * description: no close() elsewhere in the process drops them, and locking the folder leaves
 * no lock file in it. Returns the descriptor (-1 when there is no folder, or when @exclusive
 * and someone attaches now). */
int
par_store_attachments_lock (ParStore *self,
                            gboolean  exclusive)
{
  int fd;

  /* An attach makes the folder anyway; a sweep has nothing to do without one. */
  if (!exclusive)
    g_mkdir_with_parents (self->attachments_dir, 0700);
  fd = g_open (self->attachments_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    return -1;
  if (flock (fd, exclusive ? LOCK_EX | LOCK_NB : LOCK_SH) != 0)
    {
      g_close (fd, NULL);
      return -1;
    }
  return fd;
}

void
par_store_attachments_unlock (int fd)
{
  if (fd >= 0)
    g_close (fd, NULL);  /* closing the only descriptor of the description drops the lock */
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* Temporary names beside the database: "<db>.restoring-XXXXXX" (a restore in progress holds
 * the database exclusively, so none is in progress once the store could read it). */
gboolean
par_store_is_restoring_leftover (const char *db_base,
                                 const char *name)
{
  return g_str_has_prefix (name, db_base) &&
         g_str_has_prefix (name + strlen (db_base), ".restoring-");
}

/**
 * par_store_prune_unused_files:
 * @db: a connection to the database the folder belongs to
 * @only: (nullable): the SHA-256 names that may go (a set of strings); %NULL for any
 *
 * Deletes the files of the attachments folder (`xx/<sha256>`) no attachment row names. The
 * caller makes sure no attach is placing a file now (a restore holds the database
 * exclusively; the sweep holds the folder's flock exclusively). Returns how many went.
 */
guint
par_store_prune_unused_files (sqlite3     *db,
                              const char  *attachments_dir,
                              GHashTable  *only)
{
  g_autoptr(GDir) top = g_dir_open (attachments_dir, 0, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  const char *prefix;
  guint removed = 0;
  int rc;

  if (top == NULL ||
      sqlite3_prepare_v2 (db, "SELECT DISTINCT sha256 FROM attachments", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (used, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return 0;  /* not knowing what is used, delete nothing */

  while ((prefix = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub_path = g_build_filename (attachments_dir, prefix, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *name;
      guint here = 0;

      if (strlen (prefix) != 2 || (sub = g_dir_open (sub_path, 0, NULL)) == NULL)
        continue;
      while ((name = g_dir_read_name (sub)) != NULL)
        if (par_store_is_blob_name (name) && g_str_has_prefix (name, prefix) &&
            !g_hash_table_contains (used, name) &&
            (only == NULL || g_hash_table_contains (only, name)))
          {
            g_autofree char *path = g_build_filename (sub_path, name, NULL);

            if (g_unlink (path) == 0)
              here++;
          }
      if (here > 0)
        par_store_sync_dir (sub_path);
      removed += here;
      g_rmdir (sub_path);  /* only when it is empty */
    }
  return removed;
}

/* A restore's list of the files it may leave unused ("<db>.restoring-XXXXXX.prune", one
 * SHA-256 a line; written whole before the first file is added): those of them the database
 * does not use now go, then the list. A truncated last line names no file. */
gboolean
par_store_prune_listed_files (sqlite3     *db,
                              const char  *attachments_dir,
                              const char  *list_path)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) only = g_hash_table_new (g_str_hash, g_str_equal);
  guint removed;

  if (!g_file_get_contents (list_path, &text, NULL, NULL))
    return g_unlink (list_path) == 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (par_store_is_blob_name (lines[i]))
      g_hash_table_add (only, lines[i]);
  removed = g_hash_table_size (only) > 0
            ? par_store_prune_unused_files (db, attachments_dir, only) : 0;
  if (removed > 0)
    g_debug ("An interrupted restore had left %u unused attached files; removed", removed);
  return g_unlink (list_path) == 0;
}

/**
 * par_store_sweep_leftovers:
 *
 * Removes what killed attaches, snapshots and restores left behind. Called when the store
 * opens for writing; best effort.
 */
void
par_store_sweep_leftovers (ParStore *self)
{
  g_autofree char *db_dir = g_path_get_dirname (self->path);
  g_autofree char *db_base = g_path_get_basename (self->path);
  g_autofree char *snapshots = g_strconcat (self->path, ".backups", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;
  gint64 bytes = 0;
  gboolean has_attachments;
  int fd;

  has_attachments = g_file_test (self->attachments_dir, G_FILE_TEST_IS_DIR);
  fd = has_attachments ? par_store_attachments_lock (self, TRUE) : -1;
  if (fd >= 0 && (dir = g_dir_open (self->attachments_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      if (g_str_has_prefix (name, INCOMING_PREFIX))
        {
          g_autofree char *path = g_build_filename (self->attachments_dir, name, NULL);
          gint64 size = file_size (path);

          if (g_unlink (path) == 0)
            removed++, bytes += size;
        }
  g_clear_pointer (&dir, g_dir_close);

  /* A restore killed midway: its list of the files it may have left unused is worked through
   * (under the folder's lock, so no attach places a file meanwhile), then deleted with its
   * other temporaries below. While someone attaches, the list waits for the next open. */
  if ((dir = g_dir_open (db_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      if (par_store_is_restoring_leftover (db_base, name) && g_str_has_suffix (name, ".prune") &&
          (fd >= 0 || !has_attachments))
        {
          g_autofree char *path = g_build_filename (db_dir, name, NULL);

          if (par_store_prune_listed_files (self->db, self->attachments_dir, path))
            removed++;
        }
  g_clear_pointer (&dir, g_dir_close);
  par_store_attachments_unlock (fd);

  /* Snapshots are written under a flock() of their folder too. */
  if ((dir = g_dir_open (snapshots, 0, NULL)) != NULL)
    {
      int lock_fd = g_open (snapshots, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      if (lock_fd >= 0 && flock (lock_fd, LOCK_EX | LOCK_NB) == 0)
        while ((name = g_dir_read_name (dir)) != NULL)
          if (strstr (name, ".partial-") != NULL)
            {
              g_autofree char *path = g_build_filename (snapshots, name, NULL);
              gint64 size = file_size (path);

              if (g_unlink (path) == 0)
                removed++, bytes += size;
            }
      if (lock_fd >= 0)
        g_close (lock_fd, NULL);
      g_clear_pointer (&dir, g_dir_close);
    }

  if ((dir = g_dir_open (db_dir, 0, NULL)) != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      if (par_store_is_restoring_leftover (db_base, name) && !g_str_has_suffix (name, ".prune"))
        {
          g_autofree char *path = g_build_filename (db_dir, name, NULL);
          gint64 size = file_size (path);

          if (g_unlink (path) == 0)
            removed++, bytes += size;
        }

  if (removed > 0)
    g_debug ("Removed %u leftover temporary files (%" G_GINT64_FORMAT " bytes) of %s",
             removed, bytes, self->path);
}

