/* test-readonly.c — a database nobody may write is opened to be read, and writes say why they
 * fail (issue 9 #8, issue 10).
 *
 * Root ignores file modes (TESTING.md pitfall 11), so the real cases run the test program
 * again as an unprivileged user (setpriv, uid 65534) on files that user may read but not
 * write, and in a private mount namespace where the folder is a read-only bind mount.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"

#define NOBODY "65534"

static const char *self_exe;

/* --- the child: what a user who may only read sees -------------------------------------- */

/* Prints one line per fact the parent checks. */
static int
child_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (path, &error);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(ParEntry) entry = NULL;
  g_autoptr(GPtrArray) assessments = NULL;

  if (store == NULL)
    {
      printf ("open failed: %s\n", error->message);
      return 0;
    }
  printf ("read-only: %s\n", par_store_is_read_only (store) ? "yes" : "no");
  units = par_store_list_units (store, &error);
  printf ("units: %u\n", units != NULL ? units->len : 0);
  assessments = par_store_list_assessments (store, 0, &error);
  if (assessments != NULL && assessments->len > 0)
    {
      ParAssessment *assessment = assessments->pdata[0];

      entries = par_store_get_entries (store, assessment->id, &error);
      printf ("entries: %u\n", entries != NULL ? entries->len : 0);
      result = par_store_score_assessment (store, assessment->id, &error);
      printf ("scored: %s\n", result != NULL ? "yes" : error->message);
      g_clear_error (&error);

      entry = par_entry_new ("1.1.1");
      par_entry_set_input (entry, "done", "3");
      if (par_store_save_entry (store, assessment->id, entry, &error))
        printf ("write: saved\n");
      else
        printf ("write: %s: %s\n",
                g_error_matches (error, PAR_ERROR, PAR_ERROR_READ_ONLY) ? "READ_ONLY" : "other",
                error->message);
    }
  return 0;
}

/* --- the parent ---------------------------------------------------------------------------- */

typedef struct {
  char   *dir;    /* 0755, readable by everyone */
  char   *path;
  gint64  assessment_id;
} Fixture;

/* A unit as an older version wrote it: plain SQL (today's audit rows have columns an older
 * schema lacks). */
static void
add_unit_as_older_version (const char *path,
                           const char *name)
{
  sqlite3 *db = NULL;
  char *sql = sqlite3_mprintf ("INSERT INTO units (name, level, created_at) "
                               "VALUES (%Q, 'department', strftime ('%%Y-%%m-%%dT%%H:%%M:%%SZ'))",
                               name);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_free (sql);
  sqlite3_close (db);
}

static void
make_database (Fixture *f,
               int      version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "ui", "fixture-set.xml", NULL);
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");
  gint64 row, unit;

  if (version < PAR_STORE_SCHEMA_VERSION)
    {
      store = par_store_open_at_version (f->path, version, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      add_unit_as_older_version (f->path, "Sở Nội vụ");
      return;
    }
  store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  framework = par_framework_load_file (xml, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (store, framework, &error);
  unit = par_store_add_unit (store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT,
                             &error);
  f->assessment_id = par_store_create_assessment (store, unit, 2023, row, &error);
  g_assert_no_error (error);
  par_entry_set_input (entry, "done", "9");
  g_assert_true (par_store_save_entry (store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parscore-readonly-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  f->path = g_build_filename (f->dir, "copy.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_chmod (f->dir, 0755);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return g_strdup ("absent");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Runs "self --child-read PATH" as @argv_prefix says; NULL when it could not run (then the
 * case is skipped with the reason). */
static char *
run_child (const char * const *prefix,
           const char         *path,
           char              **why_not)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  for (guint i = 0; prefix[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) prefix[i]);
  g_ptr_array_add (argv, (gpointer) self_exe);
  g_ptr_array_add (argv, (gpointer) "--child-read");
  g_ptr_array_add (argv, (gpointer) path);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                     &err, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      *why_not = g_strdup_printf ("%s: %s", (const char *) argv->pdata[0],
                                  error != NULL ? error->message : err);
      g_free (out);
      return NULL;
    }
  g_test_message ("child said:\n%s", out);
  return out;
}

/* As an unprivileged user, on files that user may read and not write. */
static char *
read_as_nobody (Fixture  *f,
                gboolean  read_only_folder)
{
  const char *prefix[] = { "setpriv", "--reuid=" NOBODY, "--regid=" NOBODY, "--clear-groups",
                           NULL };
  g_autofree char *why_not = NULL;
  char *out;

  if (geteuid () != 0)
    {
      /* Not root: file modes already apply to this user. */
      const char *none[] = { NULL };

      g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
      if (read_only_folder)
        g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
      out = run_child (none, f->path, &why_not);
    }
  else
    {
      g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
      if (!read_only_folder)
        g_assert_cmpint (chown (f->dir, 65534, 65534), ==, 0);
      out = run_child (prefix, f->path, &why_not);
    }
  if (out == NULL)
    g_test_skip_printf ("cannot run as an unprivileged user (%s)", why_not);
  return out;
}

static void
assert_read_only_outcome (const char *out,
                          guint       entries)
{
  g_autofree char *expected_entries = g_strdup_printf ("entries: %u\n", entries);

  g_assert_nonnull (strstr (out, "read-only: yes\n"));
  g_assert_nonnull (strstr (out, "units: 1\n"));
  g_assert_nonnull (strstr (out, expected_entries));
  g_assert_nonnull (strstr (out, "scored: yes\n"));
  g_assert_nonnull (strstr (out, "write: READ_ONLY: The database “"));
  g_assert_nonnull (strstr (out, "copy.db” is open read-only"));
}

/* A copy on a read-only share: the folder cannot be written, the -wal was checkpointed away. */
static void
test_folder_clean (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *wal = NULL;

  make_database (f, PAR_STORE_SCHEMA_VERSION);
  wal = g_strconcat (f->path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  before = file_sha256 (f->path);

  out = read_as_nobody (f, TRUE);
  if (out == NULL)
    return;
  assert_read_only_outcome (out, 1);
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A copy taken while the app was writing: the -wal holds the last commits, no -shm came along,
 * and the folder cannot be written. The -wal's commits must be read too. */
static void
test_folder_with_wal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *live = g_build_filename (f->dir, "live.db", NULL);
  g_autofree char *live_wal = g_strconcat (live, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autoptr(ParStore) writer = NULL;
  gsize length;
  char *real_path = f->path;

  /* Build the database under another name and keep it open: its -wal holds the commits. */
  f->path = live;
  make_database (f, PAR_STORE_SCHEMA_VERSION);
  writer = par_store_open (live, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParEntry) entry = par_entry_new ("1.1.2");
    par_entry_set_input (entry, "met", "true");
    par_store_save_entry (writer, f->assessment_id, entry, NULL);
  }
  f->path = real_path;
  g_assert_true (g_file_get_contents (live, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (live_wal, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_true (g_file_set_contents (wal, contents, length, NULL));
  g_clear_object (&writer);
  g_unlink (live);
  g_unlink (live_wal);

  out = read_as_nobody (f, TRUE);
  if (out == NULL)
    return;
  /* The second entry lives only in the -wal. */
  assert_read_only_outcome (out, 2);
}

/* The file itself is read-only in a folder the user may write. */
static void
test_file_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *out = NULL;

  make_database (f, PAR_STORE_SCHEMA_VERSION);
  out = read_as_nobody (f, FALSE);
  if (out == NULL)
    return;
  assert_read_only_outcome (out, 1);
}

/* Left by an older Parscore on read-only media: updated in a private copy, never in place. */
static void
test_older_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *out = NULL;

  make_database (f, 1);
  before = file_sha256 (f->path);
  out = read_as_nobody (f, TRUE);
  if (out == NULL)
    return;
  g_assert_nonnull (strstr (out, "read-only: yes\n"));
  g_assert_nonnull (strstr (out, "units: 1\n"));
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* A read-only file system: the folder is a read-only bind mount in a private namespace. */
static void
test_read_only_mount (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  g_autofree char *why_not = NULL;
  g_autofree char *quoted_dir = NULL;
  g_autofree char *quoted_self = NULL;
  g_autofree char *quoted_path = NULL;
  const char *prefix[] = { "unshare", "--mount", "--map-root-user", "sh", "-c", NULL, "sh",
                           NULL };

  make_database (f, PAR_STORE_SCHEMA_VERSION);
  quoted_dir = g_shell_quote (f->dir);
  quoted_self = g_shell_quote (self_exe);
  quoted_path = g_shell_quote (f->path);
  /* Mount the folder read-only over itself, then run the child there. "$@" is the child's
   * own command line, given after the script. */
  script = g_strdup_printf ("mount --bind %s %s && mount -o remount,bind,ro %s %s && "
                            "exec \"$@\"", quoted_dir, quoted_dir, quoted_dir, quoted_dir);
  prefix[5] = script;
  if (geteuid () == 0)
    {
      /* Root needs no user namespace (and some containers refuse one). */
      prefix[2] = "--propagation=private";
    }
  out = run_child (prefix, f->path, &why_not);
  if (out == NULL)
    {
      g_test_skip_printf ("cannot mount a read-only folder here (%s)", why_not);
      return;
    }
  assert_read_only_outcome (out, 1);
}

/* Asked for read-only on a writable file: reads, refuses writes, changes nothing. */
static void
test_asked_for (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");
  g_autofree char *before = NULL, *after = NULL;

  make_database (f, PAR_STORE_SCHEMA_VERSION);
  before = file_sha256 (f->path);
  store = par_store_open_full (f->path, PAR_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_is_read_only (store));
  par_entry_set_input (entry, "done", "1");
  g_assert_false (par_store_save_entry (store, f->assessment_id, entry, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (par_store_add_unit (store, "X", PAR_LEVEL_COMMUNE, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Attaching says so before copying anything. */
  g_assert_cmpint (par_store_attach_file (store, 1, f->path, NULL, &error), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (g_file_test (par_store_get_attachments_dir (store), G_FILE_TEST_EXISTS));
  g_clear_object (&store);
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Asked for read-only on a file an older version left: read in a private copy brought up to
 * date. Statements the store prepared on the original before it switched (the version checks)
 * must not keep reading the original: the store is at today's version, and so is what it reads. */
static void
test_older_schema_asked_for (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 version = 0;

  make_database (f, 1);
  before = file_sha256 (f->path);
  store = par_store_open_full (f->path, PAR_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (par_store_is_read_only (store));
  g_assert_cmpint (par_store_get_schema_version (store), ==, PAR_STORE_SCHEMA_VERSION);
  g_assert_true (par_store_query_int (store, "PRAGMA user_version", &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, PAR_STORE_SCHEMA_VERSION);
  units = par_store_list_units (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_clear_object (&store);
  after = file_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child-read"))
    {
      par_core_init_i18n ();
      return child_read (argv[2]);
    }

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

  g_test_add ("/readonly/asked-for", Fixture, NULL, fixture_setup, test_asked_for,
              fixture_teardown);
  g_test_add ("/readonly/folder", Fixture, NULL, fixture_setup, test_folder_clean,
              fixture_teardown);
  g_test_add ("/readonly/folder-with-wal", Fixture, NULL, fixture_setup, test_folder_with_wal,
              fixture_teardown);
  g_test_add ("/readonly/file", Fixture, NULL, fixture_setup, test_file_only,
              fixture_teardown);
  g_test_add ("/readonly/older-schema", Fixture, NULL, fixture_setup, test_older_schema,
              fixture_teardown);
  g_test_add ("/readonly/older-schema-asked-for", Fixture, NULL, fixture_setup,
              test_older_schema_asked_for, fixture_teardown);
  g_test_add ("/readonly/mount", Fixture, NULL, fixture_setup, test_read_only_mount,
              fixture_teardown);

  return g_test_run ();
}
