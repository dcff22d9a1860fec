/* test-locks.c — the store keeps its SQLite locks whatever else the process opens and closes
 * (issue 9 #1; see par-store-locks.c for the design and the measurements behind it).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"

static const char *self_exe;

/* Another process reading the database the way `sqlite3 DB "SELECT …"` does: plain SQLite,
 * POSIX locks, read-write open, and the last-connection clean-up at close. Prints the units. */
static int
outside_read (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT name FROM units ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("outside read: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    printf ("%s\n", sqlite3_column_text (stmt, 0));  /* bytes as stored, whatever the locale */
  sqlite3_finalize (stmt);
  return sqlite3_close (db) == SQLITE_OK ? 0 : 1;
}

static char *
read_from_outside (const char *path)
{
  const char *argv[] = { self_exe, "--outside-read", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* What GIO's content sniffing does to every file a file chooser lists. */
static void
sniff (const char *path)
{
  char buffer[4096];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, buffer, sizeof buffer), >, 0);
  g_assert_true (g_close (fd, NULL));
}

static void
test_close_elsewhere_keeps_locks (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-locks-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "locks.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ParStore) store = NULL;
  g_autofree char *seen = NULL;
  gint64 unit;

  store = par_store_open (path, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  sniff (path);
  g_free (read_from_outside (path));
  /* The outside reader saw our locks: it was not the last connection and left the -wal. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A commit after all that goes into the live -wal: another process sees it. */
  g_assert_true (par_store_rename_unit (store, unit, "Ban Quản lý các Khu công nghiệp", &error));
  g_assert_no_error (error);
  seen = read_from_outside (path);
  g_assert_cmpstr (seen, ==, "Ban Quản lý các Khu công nghiệp\n");

  g_clear_object (&store);
  par_test_remove_tree (dir);
}

/* Two connections of one process (the app's main thread and its writer) share the locks of
 * one inode as under POSIX: closing one keeps the other's, and the last close still gets its
 * exclusive lock to checkpoint and remove the -wal. */
static void
test_connections_of_one_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-locks-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "two.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(ParStore) first = NULL;
  g_autoptr(ParStore) second = NULL;
  g_autofree char *seen = NULL;

  first = par_store_open (path, &error);
  g_assert_no_error (error);
  second = par_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_add_unit (first, "A", PAR_LEVEL_DEPARTMENT, &error), >, 0);
  g_assert_cmpint (par_store_add_unit (second, "B", PAR_LEVEL_DISTRICT, &error), >, 0);
  g_clear_object (&first);

  sniff (path);
  g_assert_cmpint (par_store_add_unit (second, "C", PAR_LEVEL_COMMUNE, &error), >, 0);
  g_assert_no_error (error);
  seen = read_from_outside (path);
  g_assert_cmpstr (seen, ==, "A\nB\nC\n");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_clear_object (&second);
  /* The last connection of the last process took EXCLUSIVE, checkpointed and cleaned up. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  par_test_remove_tree (dir);
}

/* The wrapper remembers which file a descriptor is at its first lock, until SQLite closes it:
 * databases opened and closed one after another get the same descriptor numbers, and each
 * one's locks go to its own file and end with it — after each close, another process is the
 * last connection and removes the -wal it wrote. */
static void
test_descriptor_numbers_reused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-locks-XXXXXX", &error);

  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("db%d.db", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *unit = g_strdup_printf ("Đơn vị %d", i);
      g_autofree char *expected = g_strdup_printf ("%s\n", unit);
      g_autofree char *seen = NULL;
      g_autoptr(ParStore) store = par_store_open (path, &error);

      g_assert_no_error (error);
      g_assert_cmpint (par_store_add_unit (store, unit, PAR_LEVEL_DEPARTMENT, &error), >, 0);
      g_assert_no_error (error);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      /* Open, our locks hold the -wal against the outside reader's clean-up. */
      seen = read_from_outside (path);
      g_assert_cmpstr (seen, ==, expected);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_clear_object (&store);
      /* Closed, nothing of ours is left on the file. */
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
      g_free (read_from_outside (path));
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
  par_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--outside-read"))
    return outside_read (argv[2]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

  g_test_add_func ("/locks/close-elsewhere-keeps-locks", test_close_elsewhere_keeps_locks);
  g_test_add_func ("/locks/connections-of-one-process", test_connections_of_one_process);
  g_test_add_func ("/locks/descriptor-numbers-reused", test_descriptor_numbers_reused);

  return g_test_run ();
}
