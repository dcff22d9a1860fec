/* test-csv.c — CSV export and import of a year's entries: partial files, formula injection,
 * separators and encodings, refusals with file:line.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-core.h"
#include "par-csv.h"
#include "par-test-util.h"

typedef struct {
  char         *tmpdir;
  ParStore     *store;
  gint64        assessment_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  g_autofree char *db_path = NULL;
  g_autoptr(ParFramework) framework = NULL;
  gint64 fw_row, unit;

  g_assert_nonnull (fw_path);
  f->tmpdir = g_dir_make_tmp ("parscore-csv-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (f->tmpdir, "csv.db", NULL);
  f->store = par_store_open (db_path, &error);
  g_assert_no_error (error);
  framework = par_framework_load_file (fw_path, &error);
  g_assert_no_error (error);
  fw_row = par_store_import_framework (f->store, framework, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->assessment_id = par_store_create_assessment (f->store, unit, 2022, fw_row, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->assessment_id, >, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static void
save (Fixture        *f,
      const ParEntry *entry)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_store_save_entry (f->store, f->assessment_id, entry, &error));
  g_assert_no_error (error);
}

static ParEntry *
stored (Fixture    *f,
        const char *code)
{
  g_autoptr(GError) error = NULL;
  ParEntry *entry = par_store_get_entry (f->store, f->assessment_id, code, &error);

  g_assert_no_error (error);
  return entry;
}

static guint
audit_count (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = par_store_list_audit (f->store, 0, &error);

  g_assert_no_error (error);
  return rows->len;
}

/* Imports @csv; returns the number of entries changed, or -1 with @error set. */
static int
import (Fixture     *f,
        const char  *csv,
        GError     **error)
{
  guint changed = 0;

  if (!par_csv_import (f->store, f->assessment_id, csv, strlen (csv), "in.csv", &changed, error))
    return -1;
  return (int) changed;
}

static char *
export (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *csv = par_csv_export (f->store, f->assessment_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (csv);
  return csv;
}

/* The exported line of @code (without its line end). */
static char *
export_line (const char *csv,
             const char *code)
{
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_autofree char *prefix = g_strconcat (code, ",", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i]);
  return NULL;
}

/* An entry with something in every column the unit fills. */
static ParEntry *
full_entry (void)
{
  ParEntry *e = par_entry_new ("1.4.2");

  par_entry_set_input (e, "items", "15");
  e->explanation = g_strdup ("Đăng 15 tin, bài trên Cổng thông tin");
  e->comment = g_strdup ("Đủ tài liệu");
  return e;
}

/* --- issue 9 #2: a missing column leaves its value alone ------------------------------------ */

static void
test_partial_columns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) e = full_entry ();
  g_autoptr(ParEntry) after = NULL;
  g_autoptr(ParResult) result = NULL;

  save (f, e);
  g_assert_cmpint (import (f, "code,comment\r\n1.4.2,hi\r\n", &error), ==, 1);
  g_assert_no_error (error);
  after = stored (f, "1.4.2");
  g_assert_nonnull (after);
  g_assert_cmpstr (par_entry_get_input (after, "items"), ==, "15");
  g_assert_cmpstr (after->explanation, ==, "Đăng 15 tin, bài trên Cổng thông tin");
  g_assert_cmpstr (after->comment, ==, "hi");
  result = par_store_score_assessment (f->store, f->assessment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_result_get_leaf (result, "1.4.2")->self, ==, 100);
}

static void
test_empty_cell_clears (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) e = full_entry ();
  g_autoptr(ParEntry) after = NULL;

  save (f, e);
  /* A present, empty explanation clears it; the inputs column is absent and stays. */
  g_assert_cmpint (import (f, "code,explanation\n1.4.2,\n", &error), ==, 1);
  g_assert_no_error (error);
  after = stored (f, "1.4.2");
  g_assert_cmpstr (par_entry_get_input (after, "items"), ==, "15");
  g_assert_null (after->explanation);
  g_assert_cmpstr (after->comment, ==, "Đủ tài liệu");
  g_clear_pointer (&after, par_entry_free);

  /* A present, empty inputs cell clears the inputs. */
  g_assert_cmpint (import (f, "code,inputs\n1.4.2,\n", &error), ==, 1);
  g_assert_no_error (error);
  after = stored (f, "1.4.2");
  g_assert_null (par_entry_get_input (after, "items"));
  g_assert_cmpstr (after->comment, ==, "Đủ tài liệu");
}

static void
test_short_row_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) e = full_entry ();
  g_autoptr(ParEntry) after = NULL;

  save (f, e);
  /* A row cut short would clear the columns it lacks: refused, nothing saved. */
  g_assert_cmpint (import (f, "code,comment,explanation\n1.4.2,x\n", &error), ==, -1);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "in.csv:2:"));
  g_assert_nonnull (strstr (error->message, "explanation"));
  after = stored (f, "1.4.2");
  g_assert_cmpstr (after->comment, ==, "Đủ tài liệu");
}

/* --- issue 9 #4: formula injection ----------------------------------------------------------- */

static void
test_formula_neutralised (Fixture       *f,
                          gconstpointer  data)
{
  static const struct { const char *code, *text, *cell; } cases[] = {
    { "1.4.2", "=HYPERLINK(\"http://x.example\",\"Xem\")", "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Xem\"\")\"" },
    { "1.1.2", "+84 912 345 678", "'+84 912 345 678" },
    { "1.1.3", "-2 tin trễ hạn", "'-2 tin trễ hạn" },
    { "1.2.1", "@SUM(A1:A2)", "'@SUM(A1:A2)" },
    { "1.2.2", "\tthụt lề", "'\tthụt lề" },
    { "1.3.1", "\rdòng", "\"'\rdòng\"" },
    { "2.2.1", "'=đã có nháy", "''=đã có nháy" },      /* a real leading quote survives */
    { "2.2.2", "'bình thường", "''bình thường" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  guint audit_before;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ParEntry) e = par_entry_new (cases[i].code);
      e->explanation = g_strdup (cases[i].text);
      save (f, e);
    }
  csv = export (f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = export_line (csv, cases[i].code);
      g_autofree char *cell = g_strconcat (",", cases[i].cell, ",", NULL);

      g_assert_nonnull (line);
      if (strstr (line, cell) == NULL)
        g_error ("%s: expected the cell %s in %s", cases[i].code, cases[i].cell, line);
    }

  /* The export read back changes nothing and writes no audit row. */
  audit_before = audit_count (f);
  g_assert_cmpint (import (f, csv, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_count (f), ==, audit_before);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ParEntry) e = stored (f, cases[i].code);
      g_assert_cmpstr (e->explanation, ==, cases[i].text);
    }
  again = export (f);
  g_assert_cmpstr (again, ==, csv);
}

static void
test_numbers_not_neutralised (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) manual = NULL;
  g_autoptr(ParEntry) after = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *line = NULL;
  guint audit_before;

  /* A number is never a formula: numeric columns keep their canonical text, and a typed
   * value with a sign is read as a number, not as text with a quote. */
  g_assert_cmpint (import (f, "code,self_score\n5.5.2,+0.75\n", &error), ==, 1);
  g_assert_no_error (error);
  manual = stored (f, "5.5.2");
  g_assert_true (manual->has_self);
  g_assert_cmpint (manual->self, ==, 75);
  csv = export (f);
  line = export_line (csv, "5.5.2");
  g_assert_nonnull (strstr (line, ",0.75,0.75,"));
  g_assert_null (strchr (line, '\''));
  audit_before = audit_count (f);
  g_assert_cmpint (import (f, csv, &error), ==, 0);
  g_assert_cmpuint (audit_count (f), ==, audit_before);
  after = stored (f, "5.5.2");
  g_assert_cmpint (after->self, ==, 75);
}

/* --- issue 10: separators and encodings ------------------------------------------------------- */

static void
test_semicolons (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) a = NULL;
  g_autoptr(ParEntry) b = NULL;

  /* What a spreadsheet writes under a Vietnamese locale: a BOM, semicolons, decimal commas,
   * and the inputs cell quoted because it holds semicolons. */
  g_assert_cmpint (import (f, "\xEF\xBB\xBF" "code;inputs;self_score;comment\r\n"
                              "1.4.2;items=12;;Ghi chú, có dấu phẩy\r\n"
                              "1.3.2;\"checked=9;planned=10\";;\r\n"
                              "5.5.2;;0,5;\r\n", &error), ==, 3);
  g_assert_no_error (error);
  a = stored (f, "1.4.2");
  g_assert_cmpstr (par_entry_get_input (a, "items"), ==, "12");
  g_assert_cmpstr (a->comment, ==, "Ghi chú, có dấu phẩy");
  b = stored (f, "1.3.2");
  g_assert_cmpstr (par_entry_get_input (b, "checked"), ==, "9");
  g_assert_cmpstr (par_entry_get_input (b, "planned"), ==, "10");
  g_clear_pointer (&a, par_entry_free);
  a = stored (f, "5.5.2");
  g_assert_cmpint (a->self, ==, 50);
}

static void
test_tabs (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) a = NULL;

  g_assert_cmpint (import (f, "code\tcomment\n1.4.2\tmột, hai; ba\n", &error), ==, 1);
  g_assert_no_error (error);
  a = stored (f, "1.4.2");
  g_assert_cmpstr (a->comment, ==, "một, hai; ba");
}

static void
test_no_code_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (import (f, "mã|ghi chú\n1.4.2|x\n", &error), ==, -1);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "in.csv:1:"));
  g_assert_nonnull (strstr (error->message, "“code”"));
  g_assert_nonnull (strstr (error->message, "semicolons"));
}

static void
test_utf16 (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char utf16[] = "\xFF\xFE" "c\0o\0d\0e\0\n\0";
  guint changed = 0;

  g_assert_false (par_csv_import (f->store, f->assessment_id, utf16, sizeof utf16 - 1, "in.csv",
                                  &changed, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
  g_assert_nonnull (strstr (error->message, "CSV UTF-8"));
  g_clear_error (&error);

  /* Windows-1258 "Nội" on line 2: the message names the line. */
  g_assert_cmpint (import (f, "code,comment\n1.4.2,N\xF4i\n", &error), ==, -1);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "in.csv:2:"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/csv/partial-columns", test_partial_columns);
  ADD ("/csv/empty-cell-clears", test_empty_cell_clears);
  ADD ("/csv/short-row-refused", test_short_row_refused);
  ADD ("/csv/formula-neutralised", test_formula_neutralised);
  ADD ("/csv/numbers-not-neutralised", test_numbers_not_neutralised);
  ADD ("/csv/semicolons", test_semicolons);
  ADD ("/csv/tabs", test_tabs);
  ADD ("/csv/no-code-column", test_no_code_column);
  ADD ("/csv/utf16", test_utf16);

  return g_test_run ();
}
