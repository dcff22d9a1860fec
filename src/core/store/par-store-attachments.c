/* par-store-attachments.c — the files of evidence documents, copied once into a
 * content-addressed folder beside the database (<db>.attachments/<sha[0:2]>/<sha>).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A blob is written to a temporary name, fsynced and renamed before its row is committed, so
 * a row never names a half-written file; a blob no row names any more is deleted.
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

#include <glib/gstdio.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-integrity.h"
#include "par-store-private.h"

#define COPY_CHUNK (256 * 1024)

/* ------------------------------------------------------------------------------------------ */
/* Attachments                                                                                */

/* The name of a blob: the SHA-256 of its content in lowercase hex. The backup, the integrity
 * check and the pruning read the folder by the same rule. */
gboolean
par_store_is_blob_name (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isxdigit (*text) || g_ascii_isupper (*text))
      return FALSE;
  return TRUE;
}

char *
par_store_blob_path (const char *attachments_dir,
                     const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (attachments_dir, prefix, sha256, NULL);
}

static char *
blob_path (ParStore   *self,
           const char *sha256)
{
  return par_store_blob_path (self->attachments_dir, sha256);
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
  g_return_val_if_fail (par_store_is_blob_name (attachment->sha256), NULL);

  return blob_path (self, attachment->sha256);
}

static ParAttachment *
attachment_from_row (ParStmt *stmt)
{
  ParAttachment *attachment = g_new0 (ParAttachment, 1);

  attachment->id = sqlite3_column_int64 (stmt, 0);
  attachment->document_id = sqlite3_column_int64 (stmt, 1);
  attachment->sha256 = par_stmt_column_text (stmt, 2);
  attachment->size = sqlite3_column_int64 (stmt, 3);
  attachment->content_type = par_stmt_column_text (stmt, 4);
  attachment->original_name = par_stmt_column_text (stmt, 5);
  return attachment;
}

void
par_store_set_io_error (GError       **error,
                        int            saved_errno,
                        ParIoFailure   failure,
                        const char    *filename)
{
  g_autofree char *display = g_filename_display_name (filename);
  int code = saved_errno == ENOENT ? PAR_ERROR_NOT_FOUND : PAR_ERROR_IO;

  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The disk holding “%s” is full. Free some space and try again."), display);
      return;
    }
  switch (failure)
    {
    case PAR_IO_READ:
      g_set_error (error, PAR_ERROR, code, _("Could not read “%s”: %s."),
                   display, g_strerror (saved_errno));
      break;
    case PAR_IO_MKDIR:
      g_set_error (error, PAR_ERROR, code, _("Could not create the attachments folder “%s”: %s."),
                   display, g_strerror (saved_errno));
      break;
    case PAR_IO_WRITE:
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

gboolean
par_store_write_all (int          fd,
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
void
par_store_sync_dir (const char *dir)
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
      par_store_set_io_error (error, errno, PAR_IO_READ, path);
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
      par_store_set_io_error (error, errno, PAR_IO_MKDIR, self->attachments_dir);
      g_close (in_fd, NULL);
      return FALSE;
    }
  tmp = g_build_filename (self->attachments_dir, ".incoming-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (out_fd < 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, self->attachments_dir);
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
          par_store_set_io_error (error, errno, PAR_IO_READ, path);
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
      if (!par_store_write_all (out_fd, buffer, n))
        {
          par_store_set_io_error (error, errno, PAR_IO_WRITE, self->attachments_dir);
          goto out;
        }
      size += n;
    }
  if (fsync (out_fd) != 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, self->attachments_dir);
      goto out;
    }
  ok = TRUE;

out:
  g_close (in_fd, NULL);
  if (!g_close (out_fd, NULL) && ok)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, self->attachments_dir);
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
  ParBlobCheck check;

  /* The whole hash, not the size: a damaged blob of the right size is replaced by the fresh
   * copy, so attaching the intact original again repairs it. */
  if (!par_store_check_blob (final, sha256, size, &check, NULL, NULL, NULL, error))
    return FALSE;
  if (check.status == PAR_BLOB_INTACT)
    {
      g_unlink (tmp);
      return TRUE;
    }
  if (check.status != PAR_BLOB_MISSING)
    g_message ("Replacing the damaged stored copy %s (%s)", final,
               check.status == PAR_BLOB_CHANGED ? "its hash differs" : g_strerror (check.error_number));
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_MKDIR, dir);
      return FALSE;
    }
  if (g_rename (tmp, final) != 0)
    {
      par_store_set_io_error (error, errno, PAR_IO_WRITE, dir);
      return FALSE;
    }
  par_store_sync_dir (dir);
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
  g_auto(ParAttachmentsLock) lock = -1;
  gint64 size = 0, id = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (path != NULL, 0);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), 0);

  /* Fail early, before a long copy; checked again under the write lock. */
  if (!par_store_check_writable (self, error))
    return 0;
  /* From the temporary copy to its rename: no sweep in any process may take it away. */
  lock = par_store_attachments_lock (self, FALSE);
  document = par_store_read_document (self, document_id, error);
  if (document == NULL)
    return 0;

  if (!copy_and_hash (self, path, &tmp, &sha256, &size, &content_type, cancellable, error))
    return 0;
  original_name = g_filename_display_basename (path);

  if (!par_store_begin (self, error))
    {
      g_unlink (tmp);
      return 0;
    }
  if (!par_store_check_document_unlocked (self, document_id, error) ||
      !place_blob (self, tmp, sha256, size, error))
    goto fail;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT id FROM attachments "
                                                 "WHERE document_id = ?1 AND sha256 = ?2", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, document_id);
    par_stmt_bind_text (stmt, 2, sha256);
    rc = par_store_step (self, stmt, error);
    if (rc == 0)
      goto fail;
    if (rc == SQLITE_ROW)
      id = sqlite3_column_int64 (stmt, 0);
  }
  if (id > 0)
    return par_store_commit (self, error) ? id : 0;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "INSERT INTO attachments (document_id, sha256, "
                                                 "size, "
                                                 "content_type, original_name, added_at) "
                                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, document_id);
    par_stmt_bind_text (stmt, 2, sha256);
    sqlite3_bind_int64 (stmt, 3, size);
    par_stmt_bind_text (stmt, 4, content_type);
    par_stmt_bind_text (stmt, 5, original_name);
    par_stmt_bind_text (stmt, 6, self->tx_now);
    if (!par_store_run (self, stmt, error))
      goto fail;
    id = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " attachment %" G_GINT64_FORMAT " added",
                          document_id, id);
  description = g_strdup_printf ("%s sha256:%s", original_name, sha256);
  if (!par_store_audit (self, what, NULL, description, error))
    goto fail;
  if (!par_store_commit (self, error))
    {
      par_store_prune_blob (self, sha256);
      return 0;
    }
  return id;

fail:
  g_unlink (tmp);  /* harmless when the copy was already moved or dropped */
  par_store_rollback (self);
  /* A blob placed for this row and now referenced by nothing goes away again. */
  par_store_prune_blob (self, sha256);
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

  stmt = par_store_prepare (self,
                            "SELECT id, document_id, sha256, size, content_type, original_name "
                            "FROM attachments WHERE ?1 <= 0 OR document_id = ?1 ORDER BY "
                            "id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, attachment_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Deletes the blob of @sha256 if no attachment row names it any more. Runs under the write
 * lock, so an attach of the same bytes cannot slip in between the check and the unlink.
 * Best effort: a blob left behind costs space, never data. */
void
par_store_prune_blob (ParStore   *self,
                      const char *sha256)
{
  g_autoptr(GError) local_error = NULL;
  gboolean referenced = TRUE;

  if (self->batch)
    {
      /* The batch may still roll back and need the blob: pruned once it is committed. */
      g_ptr_array_add (self->batch_prune, g_strdup (sha256));
      return;
    }
  if (!par_store_begin (self, &local_error))
    {
      g_debug ("Keeping blob %s: %s", sha256, local_error->message);
      return;
    }
  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT 1 FROM attachments WHERE sha256 = ?1 "
                                                 "LIMIT 1",
                                                 &local_error);
    if (stmt != NULL)
      {
        int rc;

        par_stmt_bind_text (stmt, 1, sha256);
        rc = par_store_step (self, stmt, &local_error);
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
          par_store_sync_dir (self->attachments_dir);
        }
    }
  par_store_finish (self, local_error == NULL, NULL);
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

  if (!par_store_begin (self, error))
    return FALSE;
  stmt = par_store_prepare (self,
                            "SELECT document_id, sha256, original_name FROM attachments WHERE id = "
                            "?1",
                            error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return par_store_finish (self, FALSE, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no attachment number %" PRId64 "."), attachment_id);
      return par_store_finish (self, FALSE, error);
    }
  document_id = sqlite3_column_int64 (stmt, 0);
  sha256 = par_stmt_column_text (stmt, 1);
  description = g_strdup_printf ("%s sha256:%s", sqlite3_column_text (stmt, 2), sha256);
  par_stmt_release (g_steal_pointer (&stmt));

  if (!par_store_check_document_unlocked (self, document_id, error))
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self, "DELETE FROM attachments WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, attachment_id);
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " attachment %" G_GINT64_FORMAT " removed",
                          document_id, attachment_id);
  if (!par_store_finish (self, par_store_audit (self, what, description, NULL, error), error))
    return FALSE;

  par_store_prune_blob (self, sha256);
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
  g_autoptr(GPtrArray) damaged =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_attachment_free);
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
      ParBlobCheck check = { .status = PAR_BLOB_MISSING };

      if (!g_hash_table_add (seen, attachment->sha256))
        continue;

      if (par_store_is_blob_name (attachment->sha256))
        {
          g_autofree char *path = blob_path (self, attachment->sha256);

          if (!par_store_check_blob (path, attachment->sha256, attachment->size, &check, NULL,
                                     NULL, cancellable, error))
            return 0;
        }
      checked++;
      if (check.status != PAR_BLOB_INTACT)
        g_ptr_array_add (damaged, g_steal_pointer (&all->pdata[i]));
    }

  if (bad != NULL)
    *bad = g_steal_pointer (&damaged);
  return checked;
}
