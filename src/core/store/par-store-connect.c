/* par-store-connect.c — how the store gets its SQLite connection: locks that survive other
 * code's close(), read-only databases, and files that are not a database yet.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read-only. A database on a read-only disk or in a folder the user cannot write (a copy on
 * a USB stick, a read-only share) must still open for reading. Writing is never tried there:
 * SQLite would need to create the -wal and -shm beside it. The connection is opened with
 * SQLITE_OPEN_READONLY, in the first of these ways that works:
 *   1. as it is: works when the -wal and -shm exist, or when the folder is writable;
 *   2. `immutable=1` when there is no -wal with content: nothing else can be in it, and the
 *      file alone is the whole database;
 *   3. a private copy of the database and its -wal in a temporary folder, read there (a -wal
 *      with content but no -shm, on a folder nobody can write).
 * A database left by an older version is updated in such a private copy too, never in place.
 * Every write then fails with PAR_ERROR_READ_ONLY, before anything is tried.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-store-private.h"

/* A file: URI for SQLite's URI parameters (mode=ro, immutable=1), from a path that may be
 * relative. */
char *
par_store_path_to_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  return g_filename_to_uri (absolute, NULL, NULL);
}

static gboolean
can_write (const char *path)
{
  return faccessat (AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

static gint64
size_of (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

/* Opens @path read-only with @query ("mode=ro", "mode=ro&immutable=1") and reads the schema
 * once, which is when SQLite finds the -wal and -shm it needs. */
static int
open_read_only (const char  *path,
                const char  *query,
                sqlite3    **out)
{
  g_autofree char *uri = par_store_path_to_uri (path);
  g_autofree char *with_query = NULL;
  sqlite3 *db = NULL;
  int rc;

  *out = NULL;
  if (uri == NULL)
    return SQLITE_CANTOPEN;
  with_query = g_strconcat (uri, "?", query, NULL);
  rc = sqlite3_open_v2 (with_query, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                         SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      rc = db != NULL ? sqlite3_extended_errcode (db) : rc;
      sqlite3_close_v2 (db);
      return rc;
    }
  *out = db;
  return SQLITE_OK;
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) destination = g_file_new_for_path (to);

  return g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* A private copy of the database (and its -wal) in a temporary folder, removed when the
 * store goes. Returns the copy's path. */
static char *
private_copy (ParStore  *self,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *copy_wal = NULL;
  g_autofree char *base = g_path_get_basename (self->path);

  if (self->private_copy_dir == NULL)
    {
      self->private_copy_dir = g_dir_make_tmp ("parscore-read-only-XXXXXX", &local_error);
      if (self->private_copy_dir == NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("The database “%s” is read-only, and making a private copy to read "
                         "it failed: %s"), self->display_path, local_error->message);
          return NULL;
        }
    }
  copy = g_build_filename (self->private_copy_dir, base, NULL);
  copy_wal = g_strconcat (copy, "-wal", NULL);
  if (!copy_file (self->path, copy, &local_error) ||
      (size_of (wal) > 0 && !copy_file (wal, copy_wal, &local_error)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("The database “%s” is read-only, and making a private copy to read it "
                     "failed: %s"), self->display_path, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

static gboolean
connect_read_only (ParStore  *self,
                   GError   **error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *copy = NULL;
  int rc;

  self->read_only = TRUE;
  rc = open_read_only (self->path, "mode=ro", &self->db);
  if (rc == SQLITE_OK)
    return TRUE;
  g_debug ("%s: read-only open failed (%s)", self->path, sqlite3_errstr (rc));
  if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
    {
      par_store_set_error_rc (self, rc, error);
      return FALSE;
    }

  if (size_of (wal) <= 0)
    {
      rc = open_read_only (self->path, "mode=ro&immutable=1", &self->db);
      if (rc == SQLITE_OK)
        return TRUE;
      g_debug ("%s: immutable open failed (%s)", self->path, sqlite3_errstr (rc));
    }

  copy = private_copy (self, error);
  if (copy == NULL)
    return FALSE;
  rc = open_read_only (copy, "mode=ro", &self->db);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* For a read-only database of an older schema: a private copy the migrations may update. */
gboolean
par_store_connect_private_copy (ParStore  *self,
                                GError   **error)
{
  g_autofree char *copy = NULL;
  int rc;

  g_assert (self->read_only);
  /* The version checks prepared on the original would go on reading it, not the copy (the
   * store would think itself at the original's version). */
  par_store_forget_statements (self);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  copy = private_copy (self, error);
  if (copy == NULL)
    return FALSE;
  rc = sqlite3_open_v2 (copy, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
                                         SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

void
par_store_remove_private_copy (ParStore *self)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (self->private_copy_dir == NULL)
    return;
  dir = g_dir_open (self->private_copy_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->private_copy_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (self->private_copy_dir);
  g_clear_pointer (&self->private_copy_dir, g_free);
}

/**
 * par_store_connect:
 * @flags: %PAR_STORE_OPEN_READ_ONLY to never write, %PAR_STORE_OPEN_CREATE to make a new
 *   database in an empty (0-byte) file
 *
 * Opens self->db for self->path: read-write when the file, its folder and its disk can be
 * written, else read-only (self->read_only). A missing file is created (with its folder); an
 * existing empty file is refused unless @flags has %PAR_STORE_OPEN_CREATE, since an empty file
 * where a database should be is more often a copy gone wrong than a wish for a new one.
 */
gboolean
par_store_connect (ParStore           *self,
                   ParStoreOpenFlags   flags,
                   GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;
  gboolean exists;
  int rc;

  par_store_locks_init ();

  exists = g_stat (self->path, &st) == 0;
  if (exists && S_ISDIR (st.st_mode))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("“%s” is a folder, not a Parscore database. Choose the database file "
                     "inside it, or another file."), self->display_path);
      return FALSE;
    }

  if (exists && st.st_size == 0 && size_of (wal) <= 0 && !(flags & PAR_STORE_OPEN_CREATE))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("The file “%s” is empty (0 bytes): it holds no database. It was left as "
                     "it is; make a new database in it only if that is what you want."),
                   self->display_path);
      return FALSE;
    }

  if ((flags & PAR_STORE_OPEN_READ_ONLY) ||
      (exists && (!can_write (self->path) || !can_write (dir))))
    {
      if (!exists)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                       _("There is no database “%s”."), self->display_path);
          return FALSE;
        }
      return connect_read_only (self, error);
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_dir = g_filename_display_name (dir);

      if (saved_errno == EROFS || saved_errno == EACCES || saved_errno == EPERM)
        g_set_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY,
                     _("A new database cannot be made in the folder “%s”: %s."),
                     display_dir, g_strerror (saved_errno));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                     _("Could not create the folder “%s” for the database: %s."),
                     display_dir, g_strerror (saved_errno));
      return FALSE;
    }

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE |
                        SQLITE_OPEN_NOMUTEX /* one connection, one thread at a time */, NULL);
  if (rc != SQLITE_OK)
    {
      par_store_set_error_rc (self, rc, error);
      return FALSE;
    }
  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      /* SQLite fell back to reading (permissions it could see and we could not). */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
      return connect_read_only (self, error);
    }
  return TRUE;
}

/**
 * par_store_is_read_only:
 *
 * Whether the database was opened read-only (asked for, or a file, folder or disk that
 * cannot be written). Every write then fails with %PAR_ERROR_READ_ONLY; reading works.
 */
gboolean
par_store_is_read_only (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), TRUE);
  return self->read_only;
}

/* Called before every write. */
gboolean
par_store_check_writable (ParStore  *self,
                          GError   **error)
{
  if (!self->refuse_writes)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY,
               _("The database “%s” is open read-only (its file, folder or disk cannot be "
                 "written), so this change was not saved. To edit it, copy it to a folder you "
                 "can write to and open the copy."), self->display_path);
  return FALSE;
}
