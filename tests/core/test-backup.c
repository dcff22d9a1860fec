/* test-backup.c — backups with their files in one file, automatic snapshots, and restore
 * (issue 9, automatic backups; issue 10, Back Up… and Restore…).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-backup.h"
#include "par-core.h"
#include "par-integrity.h"
#include "par-store-private.h"
#include "par-test-util.h"

#define PDF_BYTES "%PDF-1.4 the plan of 2023, signed and stamped"

typedef struct {
  char     *dir;
  char     *path;
  char     *backup;
  ParStore *store;
  gint64    assessment_id;
  gint64    document_id;
  gint64    attachment_id;
} Fixture;

static void
save_done (Fixture    *f,
           const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.1");

  par_entry_set_input (entry, "done", value);
  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
}

static char *
stored_done (ParStore *store,
             gint64    assessment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_store_get_entry (store, assessment_id, "1.1.1", &error);

  g_assert_no_error (error);
  return entry != NULL ? g_strdup (par_entry_get_input (entry, "done")) : NULL;
}

static guint
count_units (ParStore *store)
{
  g_autoptr(GPtrArray) units = par_store_list_units (store, NULL);
  return units->len;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "ui", "fixture-set.xml", NULL);
  g_autofree char *file = NULL;
  g_autoptr(ParFramework) framework = NULL;
  ParDocument document = { 0, .kind = (char *) "KH", .number = (char *) "06/KH-KCN" };
  gint64 row, unit;

  f->dir = g_dir_make_tmp ("parscore-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "work.db", NULL);
  f->backup = g_build_filename (f->dir, "saved.parscore-backup", NULL);
  file = g_build_filename (f->dir, "KH-06.pdf", NULL);

  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  framework = par_framework_load_file (xml, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  unit = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT,
                             &error);
  f->assessment_id = par_store_create_assessment (f->store, unit, 2023, row, &error);
  g_assert_no_error (error);
  save_done (f, "9");
  f->document_id = par_store_add_document (f->store, &document, &error);
  g_assert_true (g_file_set_contents (file, PDF_BYTES, -1, NULL));
  f->attachment_id = par_store_attach_file (f->store, f->document_id, file, NULL, &error);
  g_assert_no_error (error);
  g_unlink (file);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->backup);
  g_free (f->dir);
}

static char *
files_sha256 (const char *path)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (name, &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, length);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static guint
count_snapshots (const char *path)
{
  g_autoptr(GPtrArray) list = par_store_list_snapshots (path);
  return list->len;
}

static ParBackupInfo *
make_backup (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ParBackupInfo *info = par_store_backup (f->store, f->backup, FALSE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = NULL;
  g_autoptr(ParBackupInfo) aside_info = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *done = NULL;
  g_autofree char *blob = NULL;
  ParBackupYear *year;
  ParBlobCheck blob_check;

  info = make_backup (f);
  g_assert_cmpuint (info->n_units, ==, 1);
  g_assert_cmpuint (info->n_documents, ==, 1);
  g_assert_cmpuint (info->n_attachments, ==, 1);
  g_assert_cmpuint (info->n_files, ==, 1);
  g_assert_cmpint (info->file_bytes, ==, strlen (PDF_BYTES));
  g_assert_cmpuint (info->missing_files->len, ==, 0);
  g_assert_cmpstr (info->kind, ==, "manual");
  g_assert_cmpuint (info->years->len, ==, 1);
  year = info->years->pdata[0];
  g_assert_cmpstr (year->unit_name, ==, "Ban Quản lý các Khu công nghiệp");
  g_assert_cmpint (year->year, ==, 2023);
  g_assert_cmpuint (year->n_entries, ==, 1);
  /* Its last change is the newest one recorded (the attach, audited last). */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max (at) FROM audit_log", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_nonnull (info->last_change);
    g_assert_cmpstr (info->last_change, ==, (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  /* One self-contained file: no -wal beside it. */
  {
    g_autofree char *wal = g_strconcat (f->backup, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }

  /* Work goes on, then goes wrong: another unit, a changed figure, the file removed. */
  g_assert_cmpint (par_store_add_unit (f->store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error), >, 0);
  save_done (f, "1");
  g_assert_true (par_store_remove_attachment (f->store, f->attachment_id, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  g_assert_true (par_store_restore (f->path, f->backup, &aside, NULL, &error));
  g_assert_no_error (error);

  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_units (f->store), ==, 1);
  done = stored_done (f->store, f->assessment_id);
  g_assert_cmpstr (done, ==, "9");
  attachments = par_store_list_attachments (f->store, f->document_id, &error);
  g_assert_cmpuint (attachments->len, ==, 1);
  blob = par_store_attachment_path (f->store, attachments->pdata[0]);
  g_assert_true (par_store_check_blob (blob, ((ParAttachment *) attachments->pdata[0])->sha256,
                                       strlen (PDF_BYTES), &blob_check, NULL, NULL, NULL, NULL));
  g_assert_cmpint (blob_check.status, ==, PAR_BLOB_INTACT);

  /* The database as it was before the restore is kept, whole. */
  g_assert_nonnull (aside);
  aside_info = par_backup_describe (aside, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (aside_info->kind, ==, "before-restore");
  g_assert_cmpuint (aside_info->n_units, ==, 2);
}

/* Finds @needle in the file and flips one of its bits in place. */
static void
flip_inside (const char *path,
             const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *at;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  at = memmem (contents, length, needle, strlen (needle));
  g_assert_nonnull (at);
  at[strlen (needle) / 2] ^= 0x04;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* A restore that must be refused: nothing changes, nothing is kept aside. */
static void
assert_refused_untouched (Fixture     *f,
                          const char  *backup,
                          int          code,
                          const char  *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *done = NULL;

  g_clear_object (&f->store);  /* checkpointed: the file alone is the database */
  before = files_sha256 (f->path);
  g_assert_false (par_store_restore (f->path, backup, &aside, NULL, &error));
  g_assert_error (error, PAR_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_clear_error (&error);
  g_assert_null (aside);
  after = files_sha256 (f->path);
  g_assert_cmpstr (before, ==, after);
  snapshots = par_store_list_snapshots (f->path);
  for (guint i = 0; i < snapshots->len; i++)
    g_assert_null (strstr (snapshots->pdata[i], "before-restore"));

  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  done = stored_done (f->store, f->assessment_id);
  g_assert_cmpstr (done, ==, "1");
}

static void
test_damaged_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ParBackupInfo) info = make_backup (f);
  g_autofree char *truncated = g_build_filename (f->dir, "half.parscore-backup", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  save_done (f, "1");

  /* A stored file's bytes changed. */
  flip_inside (f->backup, "signed and stamped");
  assert_refused_untouched (f, f->backup, PAR_ERROR_INTEGRITY, "does not match its SHA-256");

  /* Half a backup. */
  g_clear_object (&f->store);
  f->store = par_store_open (f->path, NULL);
  g_unlink (f->backup);
  g_clear_pointer (&info, par_backup_info_free);
  info = make_backup (f);
  g_assert_true (g_file_get_contents (f->backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  assert_refused_untouched (f, truncated, PAR_ERROR_INTEGRITY, "is damaged");

  /* Not a backup at all: the database itself. */
  assert_refused_untouched (f, f->path, PAR_ERROR_FORMAT, "is a Parscore database, not a backup");
}

/* The app (or anything else) has the database open: refused, and that store goes on. */
static void
test_busy_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = make_backup (f);
  g_autofree char *done = NULL;

  save_done (f, "1");
  g_assert_false (par_store_restore (f->path, f->backup, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "is open in Parscore or another program"));
  g_clear_error (&error);

  save_done (f, "2");
  done = stored_done (f->store, f->assessment_id);
  g_assert_cmpstr (done, ==, "2");
}

/* A file missing from the attachments folder is left out of the backup, and said. */
static void
test_missing_file_listed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) attachments = par_store_list_attachments (f->store, 0, NULL);
  g_autofree char *blob = par_store_attachment_path (f->store, attachments->pdata[0]);
  g_autoptr(ParBackupInfo) info = NULL;

  g_assert_cmpint (g_unlink (blob), ==, 0);
  info = make_backup (f);
  g_assert_cmpuint (info->n_files, ==, 0);
  g_assert_cmpuint (info->missing_files->len, ==, 1);
  g_assert_cmpstr (info->missing_files->pdata[0], ==,
                   ((ParAttachment *) attachments->pdata[0])->sha256);
}

/* Restoring where no database is yet makes it. */
static void
test_restore_new_path (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = make_backup (f);
  g_autofree char *fresh = g_build_filename (f->dir, "elsewhere", "fresh.db", NULL);
  g_autofree char *parent = g_path_get_dirname (fresh);
  g_autofree char *aside = NULL;
  g_autofree char *done = NULL;
  g_autoptr(ParStore) restored = NULL;

  g_assert_cmpint (g_mkdir (parent, 0700), ==, 0);
  g_assert_true (par_store_restore (fresh, f->backup, &aside, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (aside);
  restored = par_store_open (fresh, &error);
  g_assert_no_error (error);
  done = stored_done (restored, f->assessment_id);
  g_assert_cmpstr (done, ==, "9");
  g_assert_cmpuint (par_store_verify_attachments (restored, NULL, NULL, &error), ==, 1);
}

/* A backup killed while it wrote DEST leaves DEST.partial-XXXXXX (and its -journal): the next
 * backup to DEST removes them — not those of another destination, nor one a backup running
 * now holds (a shared flock() of the folder). Found by tests/kill (kill-cli-backup). */
static void
test_killed_backup_swept (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(ParBackupInfo) info = NULL;
  g_autofree char *partial = g_strconcat (f->backup, ".partial-K1LL3D", NULL);
  g_autofree char *journal = g_strconcat (partial, "-journal", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.parscore-backup.partial-0THER5", NULL);
  int held;

  g_assert_true (g_file_set_contents (partial, "SQLite format 3", -1, NULL));
  g_assert_true (g_file_set_contents (journal, "half a journal", -1, NULL));
  g_assert_true (g_file_set_contents (other, "another backup's", -1, NULL));

  /* A backup writing into the folder now: nothing of it may go. */
  held = g_open (f->dir, O_RDONLY | O_DIRECTORY, 0);
  g_assert_cmpint (flock (held, LOCK_SH), ==, 0);
  info = make_backup (f);
  g_assert_true (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_close (held, NULL);
  g_clear_pointer (&info, par_backup_info_free);

  info = par_store_backup (f->store, f->backup, TRUE, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* A restore killed after it added the backup's files (or after its commit, before it removed
 * the files only the replaced database used) leaves files no attachment uses, which verify
 * reported for ever as "leftovers of interrupted work". The restore lists those files before
 * adding any ("<db>.restoring-XXXXXX.prune"); the next open deletes the listed ones the
 * database does not use, and only those. Found by tests/kill (kill-cli-backup). */
static void
test_killed_restore_swept (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = par_store_list_attachments (f->store, 0, NULL);
  g_autoptr(ParVerifyReport) report = NULL;
  g_autofree char *blob = par_store_attachment_path (f->store, attachments->pdata[0]);
  const char *sha256 = ((ParAttachment *) attachments->pdata[0])->sha256;
  const char *stray_sha = "0000000000000000000000000000000000000000000000000000000000000000";
  g_autofree char *stray = g_strconcat (f->path, ".attachments/00/", stray_sha, NULL);
  g_autofree char *stray_dir = g_path_get_dirname (stray);
  g_autofree char *blob_dir = g_path_get_dirname (blob);
  g_autofree char *list = g_strconcat (f->path, ".restoring-K1LL3D.prune", NULL);
  /* A list ends where the kill stopped it: a cut line names no file. */
  g_autofree char *list_text = g_strdup_printf ("%s\n0123", sha256);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (blob, &contents, NULL, NULL));
  g_assert_true (par_store_remove_attachment (f->store, f->attachment_id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_clear_object (&f->store);

  /* What the killed restore left: the backup's file (now used by nothing) and its list; and
   * an unused file it did not list, which is not the restore's to delete. */
  g_assert_cmpint (g_mkdir_with_parents (blob_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (blob, contents, -1, NULL));
  g_assert_true (g_file_set_contents (list, list_text, -1, NULL));
  g_assert_cmpint (g_mkdir_with_parents (stray_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stray, "not listed", -1, NULL));

  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (blob, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (list, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));
  report = par_store_verify (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->stray_files->len, ==, 1);
  g_assert_cmpstr (report->stray_files->pdata[0], ==, stray);
}

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

/* Once a day while in use, and before every migration. */
static void
test_automatic_snapshots (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) daily = NULL;
  g_autoptr(GPtrArray) still = NULL;
  g_autoptr(GPtrArray) migrated = NULL;
  g_autoptr(ParBackupInfo) info = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(ParStore) old = NULL;

  /* A database just made gets no snapshot; one in use for a day gets one at its next save. */
  save_done (f, "5");
  g_assert_cmpuint (count_snapshots (f->path), ==, 0);
  g_clear_object (&f->store);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE units SET created_at = "
                                       "strftime ('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 days')",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_snapshots (f->path), ==, 0);  /* not at open */
  save_done (f, "6");
  daily = par_store_list_snapshots (f->path);
  g_assert_cmpuint (daily->len, ==, 1);
  g_assert_true (g_str_has_suffix (daily->pdata[0], "-daily.parscore-backup"));
  info = par_backup_describe (daily->pdata[0], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_files, ==, 1);
  g_clear_pointer (&info, par_backup_info_free);

  /* Not twice a day, in this connection or the next. */
  save_done (f, "7");
  g_clear_object (&f->store);
  f->store = par_store_open (f->path, &error);
  save_done (f, "8");
  still = par_store_list_snapshots (f->path);
  g_assert_cmpuint (still->len, ==, 1);

  /* A database of schema version 1 is kept as it was before it is updated. */
  old = par_store_open_at_version (old_path, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  add_unit_as_older_version (old_path, "Sở Nội vụ");
  old = par_store_open (old_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_store_get_schema_version (old), ==, PAR_STORE_SCHEMA_VERSION);
  migrated = par_store_list_snapshots (old_path);
  g_assert_cmpuint (migrated->len, >=, 1);
  for (guint i = 0; i < migrated->len && info == NULL; i++)
    if (strstr (migrated->pdata[i], "-before-migration.") != NULL)
      info = par_backup_describe (migrated->pdata[i], NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpint (info->schema_version, ==, 1);
  g_assert_cmpuint (info->n_units, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, func) \
  g_test_add ("/backup/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("damaged-refused", test_damaged_refused);
  ADD ("busy-refused", test_busy_refused);
  ADD ("missing-file-listed", test_missing_file_listed);
  ADD ("restore-new-path", test_restore_new_path);
  ADD ("automatic-snapshots", test_automatic_snapshots);
  ADD ("killed-backup-swept", test_killed_backup_swept);
  ADD ("killed-restore-swept", test_killed_restore_swept);
#undef ADD

  return g_test_run ();
}
