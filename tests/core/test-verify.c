/* test-verify.c — `verify` checks the database file itself, names leftovers, and an empty
 * file given as the database is not silently made a new one (issue 9 #12, #10).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-integrity.h"
#include "par-store-private.h"
#include "par-test-util.h"

typedef struct {
  char     *dir;
  char     *path;
  ParStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parscore-verify-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "work.db", NULL);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Leftovers of interrupted work are named, with their size; nothing is deleted by verify. */
static void
test_strays (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_strdup (par_store_get_attachments_dir (f->store));
  g_autofree char *incoming = g_build_filename (dir, ".incoming-Xa3b9Q", NULL);
  g_autofree char *orphan = g_build_filename (dir, "ab", "ab00000000000000000000000000000000000000000000000000000000000000", NULL);
  g_autofree char *orphan_dir = g_path_get_dirname (orphan);
  g_autofree char *big = g_strnfill (1024 * 1024, 'x');
  g_autoptr(ParVerifyReport) report = NULL;
  gboolean said = FALSE;

  g_assert_cmpint (g_mkdir_with_parents (orphan_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (incoming, big, -1, NULL));
  g_assert_true (g_file_set_contents (orphan, "orphan", -1, NULL));

  report = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (report->database_ok);
  g_assert_cmpuint (report->stray_files->len, ==, 2);
  g_assert_cmpint (report->stray_bytes, ==, 1024 * 1024 + 6);
  for (guint i = 0; i < report->problems->len; i++)
    said |= strstr (report->problems->pdata[i],
                    "2 files (1.0\u00a0MB) in the attachments folder of") != NULL;
  g_assert_true (said);
  g_assert_true (g_file_test (incoming, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (orphan, G_FILE_TEST_EXISTS));
}

/* SQLite's own integrity_check of the file, outside the store. */
static gboolean
sqlite_says_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  ok = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

/* #12: verify reads the database file itself. */
static void
test_verify_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParVerifyReport) clean = NULL;
  g_autoptr(ParVerifyReport) damaged = NULL;
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Đơn vị số %d", i);
      g_assert_cmpint (par_store_add_unit (f->store, name, PAR_LEVEL_COMMUNE, &error), >, 0);
    }
  clean = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (clean->database_ok);
  g_assert_cmpuint (clean->problems->len, ==, 0);

  /* One unit's name changed by a flipped bit in one of its copies (the table's row or the
   * unique index's key; the audit log holds a third): the file still reads, but table and
   * index disagree — what integrity_check finds and quick_check does not look for. The copy
   * to flip is the one after which SQLite's own check on the file fails. */
  g_clear_object (&f->store);
  /* The audit log keeps a third copy of each name (with who made it): without it, the last
   * copy in the file is the table's or the index's, whatever the pages' order. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log; VACUUM", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (db);
  }
  {
    g_autofree char *contents = NULL;
    const char *needle = "Đơn vị số 17";
    char *at = NULL;
    gsize length = 0;
    gboolean damaged_file = FALSE;

    g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
    while (!damaged_file &&
           (at = memmem (at != NULL ? at + 1 : contents,
                         length - (at != NULL ? (gsize) (at + 1 - contents) : 0),
                         needle, strlen (needle))) != NULL)
      {
        at[strlen (needle) - 1] ^= 0x01;  /* "17" → "16" */
        g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
        damaged_file = !sqlite_says_ok (f->path);
        if (!damaged_file)
          at[strlen (needle) - 1] ^= 0x01;
      }
    g_assert_true (damaged_file);
  }
  g_clear_object (&f->store);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  damaged = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (damaged->database_ok);
  g_assert_cmpuint (damaged->problems->len, >, 0);
  g_assert_nonnull (strstr (damaged->problems->pdata[0], "work.db” is damaged: "));
}

/* #12: a 0-byte file is not silently made a new database. */
static void
test_empty_file_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(ParStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize length = 1;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  store = par_store_open (empty, &error);
  g_assert_null (store);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "empty.db” is empty (0 bytes)"));
  g_assert_true (g_file_get_contents (empty, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 0);
  g_clear_error (&error);

  /* Asked for, it is made. */
  store = par_store_open_full (empty, PAR_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (store), ==, PAR_STORE_SCHEMA_VERSION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, func) \
  g_test_add ("/verify/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("database", test_verify_database);
  ADD ("strays", test_strays);
  ADD ("empty-file-refused", test_empty_file_refused);
#undef ADD

  return g_test_run ();
}
