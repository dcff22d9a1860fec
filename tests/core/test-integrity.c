/* test-integrity.c — leftovers swept, damaged blobs repaired (issue 9 #10, #11).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-integrity.h"
#include "par-store-private.h"
#include "par-test-util.h"

#define PDF_BYTES "%PDF-1.4 the plan of 2023, signed and stamped"

typedef struct {
  char     *dir;
  char     *path;
  char     *original;   /* the attached file, kept by the user */
  ParStore *store;
  gint64    document_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ParDocument document = { 0, .kind = (char *) "KH", .number = (char *) "06/KH-KCN" };

  f->dir = g_dir_make_tmp ("parscore-integrity-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "work.db", NULL);
  f->original = g_build_filename (f->dir, "KH-06.pdf", NULL);
  g_assert_true (g_file_set_contents (f->original, PDF_BYTES, -1, NULL));
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  f->document_id = par_store_add_document (f->store, &document, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->original);
  g_free (f->dir);
}

static ParAttachment *
attach (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = par_store_attach_file (f->store, f->document_id, f->original, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  list = par_store_list_attachments (f->store, f->document_id, &error);
  for (guint i = 0; i < list->len; i++)
    if (((ParAttachment *) list->pdata[i])->id == id)
      return g_steal_pointer (&list->pdata[i]);
  g_assert_not_reached ();
}

static ParBlobStatus
blob_status (Fixture             *f,
             const ParAttachment *attachment)
{
  g_autofree char *path = par_store_attachment_path (f->store, attachment);
  ParBlobCheck check;

  g_assert_true (par_store_check_blob (path, attachment->sha256, attachment->size, &check, NULL,
                                       NULL, NULL, NULL));
  return check.status;
}

/* #11: a stored file damaged in place (same size) is repaired by attaching the original. */
static void
test_repair_same_size (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ParAttachment) first = attach (f);
  g_autoptr(ParAttachment) again = NULL;
  g_autofree char *blob = par_store_attachment_path (f->store, first);
  g_autofree char *damaged = g_strdup (PDF_BYTES);

  damaged[10] ^= 0x20;
  g_assert_cmpint (g_chmod (blob, 0600), ==, 0);
  g_assert_true (g_file_set_contents (blob, damaged, -1, NULL));
  g_assert_cmpint (blob_status (f, first), ==, PAR_BLOB_CHANGED);

  again = attach (f);
  g_assert_cmpint (again->id, ==, first->id);  /* the same attachment, not a second one */
  g_assert_cmpint (blob_status (f, first), ==, PAR_BLOB_INTACT);
}

static void
test_check_blob (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(ParAttachment) attachment = attach (f);
  g_autofree char *blob = par_store_attachment_path (f->store, attachment);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ParBlobCheck check;

  g_assert_true (par_store_check_blob (blob, attachment->sha256, attachment->size, &check, NULL,
                                       NULL, NULL, NULL));
  g_assert_cmpint (check.status, ==, PAR_BLOB_INTACT);
  g_assert_cmpstr (check.sha256, ==, attachment->sha256);
  g_assert_cmpint (check.size, ==, strlen (PDF_BYTES));

  g_assert_cmpint (g_unlink (blob), ==, 0);
  g_assert_true (par_store_check_blob (blob, attachment->sha256, attachment->size, &check, NULL,
                                       NULL, NULL, NULL));
  g_assert_cmpint (check.status, ==, PAR_BLOB_MISSING);

  g_cancellable_cancel (cancellable);
  g_assert_false (par_store_check_blob (f->original, attachment->sha256, attachment->size,
                                        &check, NULL, NULL, cancellable, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_CANCELLED);
}

/* #10: what killed attaches left is swept when the store opens. */
static void
test_leftovers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAttachment) attachment = attach (f);
  g_autofree char *dir = g_strdup (par_store_get_attachments_dir (f->store));
  g_autofree char *incoming = g_build_filename (dir, ".incoming-Xa3b9Q", NULL);
  g_autofree char *orphan = g_build_filename (dir, "ab", "ab00000000000000000000000000000000000000000000000000000000000000", NULL);
  g_autofree char *orphan_dir = g_path_get_dirname (orphan);
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');

  /* A killed attach: a temporary copy. An interrupted prune: a blob nothing uses. */
  g_assert_true (g_file_set_contents (incoming, big, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (orphan_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (orphan, "orphan", -1, NULL));

  g_clear_object (&f->store);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (incoming, G_FILE_TEST_EXISTS));
  g_assert_cmpint (blob_status (f, attachment), ==, PAR_BLOB_INTACT);
  /* A blob nothing uses is not a temporary file: the sweep leaves it to verify and the user. */
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));
}

/* An attach in progress (in this or another process) keeps its temporary copy. */
static void
test_sweep_spares_attach_in_progress (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAttachment) attachment = attach (f);
  g_autofree char *dir = g_strdup (par_store_get_attachments_dir (f->store));
  g_autofree char *incoming = g_build_filename (dir, ".incoming-inprog", NULL);
  g_autoptr(ParStore) other = NULL;
  int lock;

  g_assert_true (g_file_set_contents (incoming, "half", -1, NULL));
  lock = par_store_attachments_lock (f->store, FALSE);
  g_assert_cmpint (lock, >=, 0);
  other = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (incoming, G_FILE_TEST_EXISTS));
  par_store_attachments_unlock (lock);
  g_clear_object (&other);
  other = par_store_open (f->path, &error);
  g_assert_false (g_file_test (incoming, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, func) \
  g_test_add ("/integrity/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("repair-same-size", test_repair_same_size);
  ADD ("check-blob", test_check_blob);
  ADD ("leftovers", test_leftovers);
  ADD ("sweep-spares-attach-in-progress", test_sweep_spares_attach_in_progress);
#undef ADD

  return g_test_run ();
}
