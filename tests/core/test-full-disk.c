/* test-full-disk.c — a full disk is called a full disk, and loses nothing already saved
 * (issue 9 #9).
 *
 * The database lives on a small tmpfs, mounted in a private mount namespace (unshare: root,
 * or a user namespace elsewhere), filled to the last bytes with another file. Below ~32 KB
 * free, SQLite fails with an I/O error (SQLITE_IOERR_WRITE, _SHMSIZE…) rather than
 * SQLITE_FULL; the message must still say the disk is full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-test-util.h"

static const char *self_exe;

/* Fills the disk holding @path's folder to the last byte, then frees @keep bytes. */
static void
fill_disk (const char *filler,
           gsize       keep)
{
  char block[4096];
  int fd = g_open (filler, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  gint64 written = 0;

  memset (block, 'x', sizeof block);
  g_assert_cmpint (fd, >=, 0);
  for (;;)
    {
      gssize n = write (fd, block, sizeof block);

      if (n <= 0)
        break;
      written += n;
    }
  /* Byte by byte for the last partial block. */
  while (write (fd, block, 1) == 1)
    written++;
  g_assert_cmpint (errno, ==, ENOSPC);
  g_assert_cmpint (ftruncate (fd, MAX (written - (gint64) keep, 0)), ==, 0);
  g_close (fd, NULL);
}

/* --- the child, on the small disk --------------------------------------------------------- */

static int
child (const char *dir,
       const char *xml)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "full.db", NULL);
  g_autofree char *filler = g_build_filename (dir, "filler", NULL);
  g_autofree char *document_file = g_build_filename (dir, "scan.pdf", NULL);
  g_autofree char *long_text = g_strnfill (1500, 'a');
  g_autofree char *last_saved = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParEntry) check = NULL;
  ParDocument document = { 0, .kind = (char *) "KH", .number = (char *) "06/KH" };
  gint64 row, unit, assessment, document_id;
  int saved = 0;

  store = par_store_open (path, &error);
  g_assert_no_error (error);
  framework = par_framework_load_file (xml, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (store, framework, &error);
  unit = par_store_add_unit (store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT,
                             &error);
  assessment = par_store_create_assessment (store, unit, 2023, row, &error);
  document_id = par_store_add_document (store, &document, &error);
  g_assert_no_error (error);
  {
    g_autofree char *pdf = g_strnfill (64 * 1024, 'p');
    g_assert_true (g_file_set_contents (document_file, pdf, -1, NULL));
  }

  fill_disk (filler, 48 * 1024);

  /* The user keeps typing explanations until the disk says no. */
  for (int i = 0; i < 10000 && error == NULL; i++)
    {
      g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");
      g_autofree char *text = g_strdup_printf ("%d %s", i, long_text);

      entry->explanation = g_strdup (text);
      if (par_store_save_entry (store, assessment, entry, &error))
        {
          saved++;
          g_free (last_saved);
          last_saved = g_steal_pointer (&text);
        }
    }
  printf ("saves before the disk was full: %d\n", saved);
  printf ("save failed: %s\n", error != NULL ? error->message : "never");
  g_clear_error (&error);

  if (par_store_attach_file (store, document_id, document_file, NULL, &error) == 0)
    printf ("attach failed: %s\n", error->message);
  else
    printf ("attach failed: never\n");
  g_clear_error (&error);

  /* Starting on a full disk: the next start of the app or the command line, after a clean
   * close (no -wal, no -shm left: SQLite must create its 32 KB -shm). */
  g_clear_object (&store);
  g_unlink (filler);
  store = par_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  {
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
  fill_disk (filler, 16 * 1024);
  store = par_store_open (path, &error);
  if (store == NULL)
    printf ("open failed: %s\n", error->message);
  else
    {
      g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");

      entry->explanation = g_strdup (long_text);
      if (par_store_save_entry (store, assessment, entry, &error))
        printf ("open failed: never; saved: yes\n");
      else
        printf ("open failed: never; save failed: %s\n", error->message);
    }
  g_clear_error (&error);
  g_clear_object (&store);

  /* Space again: the work goes on, and nothing reported saved is missing. */
  g_unlink (filler);
  store = par_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParEntry) entry = par_entry_new ("1.1.2");

    par_entry_set_input (entry, "met", "true");
    printf ("saved after freeing space: %s\n",
            par_store_save_entry (store, assessment, entry, &error) ? "yes" : error->message);
    g_clear_error (&error);
  }
  g_clear_object (&store);
  store = par_store_open (path, &error);
  g_assert_no_error (error);
  check = par_store_get_entry (store, assessment, "1.1.1", &error);
  g_assert_no_error (error);
  printf ("last reported save is there: %s\n",
          check != NULL && g_strcmp0 (check->explanation, last_saved) == 0 ? "yes" : "no");
  g_clear_object (&store);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
    sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
    printf ("integrity: %s\n", sqlite3_step (stmt) == SQLITE_ROW
                                 ? (const char *) sqlite3_column_text (stmt, 0) : "?");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  return 0;
}

/* --- the parent ------------------------------------------------------------------------------ */

static void
test_full_disk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-full-XXXXXX", &error);
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "ui", "fixture-set.xml", NULL);
  g_autofree char *quoted_dir = g_shell_quote (dir);
  g_autofree char *script = g_strdup_printf ("mount -t tmpfs -o size=640k parscore-full %s && "
                                             "exec \"$@\"", quoted_dir);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { "unshare", "--mount", "--map-root-user", "sh", "-c", script, "sh",
                         self_exe, "--child", dir, xml, NULL };
  int status = 0;

  g_assert_no_error (error);
  if (geteuid () == 0)
    argv[2] = "--propagation=private";  /* root needs no user namespace */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &error) ||
      (!g_spawn_check_wait_status (status, NULL) && strstr (err, "mount") != NULL))
    {
      g_test_skip_printf ("cannot mount a small tmpfs here: %s",
                          error != NULL ? error->message : err);
      par_test_remove_tree (dir);
      return;
    }
  g_test_message ("child said:\n%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Said as a full disk, naming the database, whatever SQLite's code was. */
  g_assert_nonnull (strstr (out, "save failed: The disk holding the database “"));
  g_assert_nonnull (strstr (out, "full.db” is full. Free some space and try again.\n"));
  g_assert_null (strstr (out, "disk I/O error"));
  /* Under 32 KB free, opening fails creating the -shm: SQLITE_IOERR_SHMSIZE, errno ENOSPC. */
  g_assert_nonnull (strstr (out, "open failed: The disk holding the database “"));
  g_assert_nonnull (strstr (out, "attach failed: The disk holding "));
  g_assert_nonnull (strstr (out, "is full. Free some space and try again.\n"));
  /* Nothing saved was lost, and the work goes on once there is room. */
  g_assert_nonnull (strstr (out, "saved after freeing space: yes\n"));
  g_assert_nonnull (strstr (out, "last reported save is there: yes\n"));
  g_assert_nonnull (strstr (out, "integrity: ok\n"));
  g_assert_null (strstr (out, "saves before the disk was full: 0\n"));

  par_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    {
      par_core_init_i18n ();
      return child (argv[2], argv[3]);
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

  g_test_add_func ("/full-disk/said-and-nothing-lost", test_full_disk);

  return g_test_run ();
}
