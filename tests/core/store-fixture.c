/* store-fixture.c — see store-fixture.h.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "par-test-util.h"
#include "store-fixture.h"

char *
framework_path (void)
{
  const char *datadir = g_getenv ("PARSCORE_DATADIR");

  if (datadir != NULL)
    return g_build_filename (datadir, "frameworks", "camau-2013-field1.xml", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "..", "data", "frameworks",
                                "camau-2013-field1.xml", NULL);
}

/* The Cà Mau excerpt is for 2013 only; the tests score several years with it, so they store it
 * with its years widened (2013–2030), which also makes it a set of its own; and 1.2.1 may be
 * marked not applicable. */
GBytes *
framework_bytes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = framework_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GString) widened = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  widened = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (widened, "<years from=\"2013\" to=\"2013\"/>",
                                      "<years from=\"2013\" to=\"2030\"/>", 1), ==, 1);
  /* The tests mark 1.2.1 not applicable; the store stores that only where the set allows it. */
  g_assert_cmpuint (g_string_replace (widened, "<sub code=\"1.2.1\" max=\"1\">",
                                      "<sub code=\"1.2.1\" max=\"1\" not-applicable=\"allowed\">",
                                      1), ==, 1);
  return g_string_free_to_bytes (g_steal_pointer (&widened));
}

void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

guint
count_files (const char *dir_path)
{
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint n = 0;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir_path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_files (child);
      else
        n++;
    }
  g_dir_close (dir);
  return n;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) fw_bytes = framework_bytes ();

  f->tmpdir = g_dir_make_tmp ("parscore-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "Dữ liệu CCHC", "Sở Nội vụ 2020.db", NULL);

  f->store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);

  f->framework = par_framework_load_bytes (fw_bytes, "camau-2013-field1.xml", &error);
  g_assert_no_error (error);
  f->framework_row = par_store_import_framework (f->store, f->framework, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->framework_row, >, 0);

  f->unit_id = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp",
                                   PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->assessment_id = par_store_create_assessment (f->store, f->unit_id, 2020, f->framework_row,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->assessment_id, >, 0);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->framework, par_framework_unref);
  par_test_remove_tree (f->tmpdir);
  g_assert_false (g_file_test (f->tmpdir, G_FILE_TEST_EXISTS));
  g_free (f->db_path);
  g_free (f->tmpdir);
}

GPtrArray *
audit_rows (ParStore   *store,
            const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = par_store_list_audit (store, 0, &error);
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = all->len; i > 0; i--)
    {
      ParAuditEntry *row = all->pdata[i - 1];

      if (g_str_has_prefix (row->what, prefix))
        {
          g_ptr_array_add (rows, g_steal_pointer (&all->pdata[i - 1]));
        }
    }
  g_ptr_array_set_free_func (rows, (GDestroyNotify) par_audit_entry_free);
  return rows;
}

const ParAuditEntry *
find_audit (GPtrArray  *rows,
            const char *what)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const ParAuditEntry *row = rows->pdata[i];

      if (g_strcmp0 (row->what, what) == 0)
        return row;
    }
  return NULL;
}

/* The row of @what, failing the test with the missing name when there is none. */
const ParAuditEntry *
expect_audit (GPtrArray  *rows,
              const char *what)
{
  const ParAuditEntry *row = find_audit (rows, what);

  g_assert_cmpstr (row != NULL ? row->what : "(no such audit row)", ==, what);
  return row;
}

char *
raw_inputs (Fixture    *f,
            const char *code)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT inputs FROM entries WHERE code = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

void
exec_raw (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

gint64
add_document (Fixture    *f,
              const char *kind,
              const char *number,
              const char *date,
              const char *issuer,
              const char *summary)
{
  g_autoptr(GError) error = NULL;
  ParDocument doc = {
    .kind = (char *) kind, .number = (char *) number, .issue_date = (char *) date,
    .issuer = (char *) issuer, .summary = (char *) summary,
  };
  gint64 id = par_store_add_document (f->store, &doc, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}
