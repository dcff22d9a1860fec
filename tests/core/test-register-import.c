/* test-register-import.c — bringing a register's rows in from a file (issue 13): the file's
 * table, the column mapping guessed from headers and remembered, the preview with every row's
 * verdict, all or nothing, replace or append, and the CLI's reading through the same steps.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "par-core.h"
#include "par-csv-private.h"
#include "par-register-import.h"
#include "par-register-import-private.h"
#include "par-test-util.h"
#include "par-xlsx-registers.h"

typedef struct {
  char         *tmpdir;
  ParStore     *store;
  ParFramework *framework;
  gint64        assessment_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "core", "registers", "books.xml", NULL);
  g_autofree char *db = NULL;
  gint64 row, unit;

  f->framework = par_framework_load_file (path, &error);
  g_assert_no_error (error);
  f->tmpdir = g_dir_make_tmp ("parscore-register-import-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->tmpdir, "books.db", NULL);
  f->store = par_store_open (db, &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, f->framework, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, "Ban Quản lý các Khu công nghiệp", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->assessment_id = par_store_create_assessment (f->store, unit, 2020, row, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  par_framework_unref (f->framework);
  par_test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static char *
fixture_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "core", "registers", name, NULL);
}

static const ParRegister *
reg (Fixture    *f,
     const char *id)
{
  const ParRegister *r = par_framework_lookup_register (f->framework, id);
  g_assert_nonnull (r);
  return r;
}

static int
column_index (const ParRegister *r,
              const char        *id)
{
  const ParRegisterColumn *column = par_register_lookup_column (r, id);
  g_assert_nonnull (column);
  return (int) column->index;
}

static const char *
cell (const ParRegisterPreviewRow *row,
      const ParRegister           *r,
      const char                  *id)
{
  return row->cells[column_index (r, id)];
}

static void
record_progress (guint    done,
                 guint    total,
                 gpointer data)
{
  guint *last = data;
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

/* The one-stop portal's export: semicolons, Vietnamese labels, 2.310 for 2,310, a row number
 * and a unit column the register does not have (ignored), a blank last line. */
static void
test_portal_csv (Fixture       *f,
                 gconstpointer  data)
{
  const ParRegister *stats = reg (f, "procedure_stats");
  g_autofree char *path = fixture_file ("portal-stats.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) table = par_register_table_read (stats, path, "portal-stats.csv", NULL, &error);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(ParRegisterRows) stored = NULL;
  const ParRegisterPreviewRow *q2;
  guint progress = 0, changed = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (table->header->len, ==, 12);
  g_assert_cmpstr (table->header->pdata[2], ==, "Tiếp nhận mới");
  mapping = par_register_mapping_guess (stats, table);
  g_assert_cmpint (par_register_mapping_get (mapping, 0), ==, -1);    /* STT */
  g_assert_cmpint (par_register_mapping_get (mapping, 1), ==, column_index (stats, "period"));
  g_assert_cmpint (par_register_mapping_get (mapping, 5), ==, column_index (stats, "on_time"));
  g_assert_cmpint (par_register_mapping_get (mapping, 11), ==, -1);   /* Đơn vị */

  preview = par_register_preview_new (stats, table, mapping, record_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 3);
  g_assert_cmpuint (par_register_preview_get_n_rows (preview), ==, 2);
  g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 0);
  q2 = par_register_preview_get_row (preview, 1);
  g_assert_cmpint (q2->line, ==, 3);
  g_assert_cmpuint (q2->number, ==, 2);
  g_assert_null (q2->problem);
  g_assert_cmpstr (cell (q2, stats, "period"), ==, "q2");
  g_assert_cmpstr (cell (q2, stats, "received"), ==, "2550");
  g_assert_cmpstr (cell (q2, stats, "on_time"), ==, "2446");
  g_assert_cmpstr (cell (q2, stats, "online"), ==, "1680");

  rows = par_register_preview_get_rows (preview);
  g_assert_nonnull (rows);
  g_assert_true (par_register_import_rows (f->store, f->assessment_id, "procedure_stats", rows,
                                           PAR_REGISTER_IMPORT_REPLACE, FALSE, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 2);
  stored = par_store_get_register_rows (f->store, f->assessment_id, "procedure_stats", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (stored), ==, 2);
  g_assert_cmpstr (par_register_rows_get (stored, 0, column_index (stats, "on_time")), ==, "2445");
  g_assert_cmpstr (par_register_rows_get (stored, 1, column_index (stats, "pending_in")), ==, "214");
  /* The seeds' half year: 2,445 + 2,446 = 4,891 on time of 4,898 resolved. */
  {
    g_autoptr(ParFigureResult) figures = par_store_evaluate_figures (f->store, f->assessment_id, &error);
    const ParFigure *on_time = par_framework_lookup_figure (f->framework, "files_on_time");
    g_autofree char *explain = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (on_time);
    explain = par_figure_result_explain (figures, on_time, '.');
    g_assert_nonnull (strstr (explain, "4,891"));
  }
}

/* Headers in another order, one column the register has not: the mapping puts each where it
 * belongs and ignores the extra; the text with a comma inside quotes stays one cell. */
static void
test_reordered_and_extra (Fixture       *f,
                          gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *path = fixture_file ("plan-reordered.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) table = par_register_table_read (plan, path, NULL, NULL, &error);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  const ParRegisterPreviewRow *row;

  g_assert_no_error (error);
  mapping = par_register_mapping_guess (plan, table);
  g_assert_cmpint (par_register_mapping_get (mapping, 0), ==, column_index (plan, "done"));
  g_assert_cmpint (par_register_mapping_get (mapping, 1), ==, -1);   /* Ghi chú */
  g_assert_cmpint (par_register_mapping_get (mapping, 3), ==, column_index (plan, "task"));
  g_assert_cmpint (par_register_mapping_source (mapping, column_index (plan, "result")), ==, -1);
  preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_preview_get_n_rows (preview), ==, 3);
  g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 0);
  row = par_register_preview_get_row (preview, 1);
  g_assert_cmpstr (cell (row, plan, "task"), ==, "Tuyên truyền CCHC, đợt 1");
  g_assert_cmpstr (cell (row, plan, "deadline"), ==, "2020-06-30");
  g_assert_cmpstr (cell (row, plan, "done"), ==, "");
  g_assert_cmpstr (cell (row, plan, "result"), ==, "");
  row = par_register_preview_get_row (preview, 0);
  g_assert_cmpstr (cell (row, plan, "done"), ==, "2020-01-14");
  g_assert_cmpstr (cell (row, plan, "owner"), ==, "Văn phòng");

  /* The CLI's strict reading refuses a column the register has not, naming it. */
  g_clear_error (&error);
  g_assert_null (par_register_read_file (plan, path, "plan-reordered.csv", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "plan-reordered.csv:1: register plan_tasks has no column “Ghi chú”"));
}

/* A bad date on row 7: that row is refused with its reason, the others are fine, nothing can
 * be written; the CLI's reading names the line, the row and the column. */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *path = fixture_file ("plan-bad-row7.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) table = par_register_table_read (plan, path, "plan-bad-row7.csv", NULL, &error);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  g_autoptr(ParRegisterRows) stored = NULL;
  const ParRegisterPreviewRow *bad;

  g_assert_no_error (error);
  mapping = par_register_mapping_guess (plan, table);
  preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_preview_get_n_rows (preview), ==, 8);
  g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 1);
  bad = par_register_preview_get_first_refused (preview);
  g_assert_true (bad == par_register_preview_get_row (preview, 6));
  g_assert_cmpuint (bad->number, ==, 7);
  g_assert_cmpint (bad->line, ==, 8);
  g_assert_cmpint (bad->bad_column, ==, column_index (plan, "done"));
  g_assert_cmpstr (cell (bad, plan, "done"), ==, "31/02/2020");   /* as the file has it */
  g_assert_nonnull (g_strstr_len (bad->problem, -1, "row 7, column “Ngày hoàn thành” (done): "));
  g_assert_nonnull (strstr (bad->problem, "31/02/2020"));
  g_assert_null (par_register_preview_get_row (preview, 5)->problem);
  g_assert_cmpstr (cell (par_register_preview_get_row (preview, 5), plan, "done"), ==, "2020-06-01");
  g_assert_null (par_register_preview_get_rows (preview));

  g_assert_null (par_register_read_file (plan, path, "plan-bad-row7.csv", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "plan-bad-row7.csv:8: row 7, column “Ngày hoàn thành” (done): "));
  stored = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (stored), ==, 0);
}

/* A mapping the user changed is remembered and applied to the next file with those headers:
 * a column moved, a column ignored that the guess had taken. */
static void
test_mapping_remembered (Fixture       *f,
                         gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *path = fixture_file ("plan-reordered.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) table = par_register_table_read (plan, path, NULL, NULL, &error);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterMapping) again = NULL;
  g_autoptr(GVariant) saved = NULL;
  g_autofree char *text = NULL;
  const char *id = NULL;

  g_assert_no_error (error);
  mapping = par_register_mapping_guess (plan, table);
  par_register_mapping_set (mapping, 1, column_index (plan, "result"));   /* Ghi chú → Kết quả */
  par_register_mapping_set (mapping, 4, -1);                               /* owner ignored */
  saved = g_variant_ref_sink (par_register_mapping_serialize (mapping, plan, table));
  g_assert_true (g_variant_is_of_type (saved, G_VARIANT_TYPE ("a{ss}")));
  g_assert_true (g_variant_lookup (saved, "ghi chu", "&s", &id));
  g_assert_cmpstr (id, ==, "result");
  g_assert_true (g_variant_lookup (saved, "don vi chu tri", "&s", &id));
  g_assert_cmpstr (id, ==, "");
  /* It goes through GSettings as text and back. */
  text = g_variant_print (saved, TRUE);
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text, NULL, NULL, &error);
  g_assert_no_error (error);

  again = par_register_mapping_guess (plan, table);
  g_assert_cmpint (par_register_mapping_get (again, 1), ==, -1);
  g_assert_cmpuint (par_register_mapping_apply (again, plan, table, saved), ==, 5);
  for (guint i = 0; i < par_register_mapping_get_n_columns (mapping); i++)
    g_assert_cmpint (par_register_mapping_get (again, i), ==, par_register_mapping_get (mapping, i));
  {
    g_autoptr(ParRegisterPreview) preview = par_register_preview_new (plan, table, again, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "result"), ==, "Đã ban hành");
    g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "owner"), ==, "");
  }

  /* Two file columns into one register column: the preview asks to choose one. */
  par_register_mapping_set (again, 0, column_index (plan, "deadline"));
  g_assert_null (par_register_preview_new (plan, table, again, NULL, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "“Thời hạn” (deadline)"));
  g_assert_nonnull (strstr (error->message, "“Ngày hoàn thành”"));
}

/* The core's XLSX, read back through the table: dates are day serials read as dates by the
 * column they are mapped to, numbers exact, a choice by its label. */
static void
test_xlsx_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  const ParRegister *stats = reg (f, "procedure_stats");
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *csv = fixture_file ("portal-stats.csv");
  g_autofree char *xlsx = g_build_filename (f->tmpdir, "Thống kê.xlsx", NULL);
  g_autofree char *plan_xlsx = g_build_filename (f->tmpdir, "plan.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) portal = par_register_table_read (stats, csv, NULL, NULL, &error);
  g_autoptr(ParRegisterMapping) guessed = par_register_mapping_guess (stats, portal);
  g_autoptr(ParRegisterPreview) read = par_register_preview_new (stats, portal, guessed, NULL, NULL, NULL, &error);
  g_autoptr(ParRegisterRows) rows = par_register_preview_get_rows (read);
  g_autoptr(ParRegisterRows) back = NULL;
  g_autoptr(ParRegisterRows) plan_rows = par_register_rows_new ("plan_tasks", plan->columns->len);
  g_autoptr(ParRegisterTable) table = NULL;
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  const char *task[] = { "Ban hành Kế hoạch", "Văn phòng", "2020-01-15", "2020-01-14", "=1+1" };

  g_assert_no_error (error);
  g_assert_true (par_xlsx_register_write (stats, rows, xlsx, &error));
  g_assert_no_error (error);
  back = par_register_read_file (stats, xlsx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (back), ==, 2);
  for (guint r = 0; r < 2; r++)
    for (guint c = 0; c < stats->columns->len; c++)
      g_assert_cmpstr (par_register_rows_get (back, r, c), ==, par_register_rows_get (rows, r, c));

  par_register_rows_append (plan_rows, task);
  g_assert_true (par_xlsx_register_write (plan, plan_rows, plan_xlsx, &error));
  table = par_register_table_read (plan, plan_xlsx, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (table->numbers_marked);
  mapping = par_register_mapping_guess (plan, table);
  preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 0);
  g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "deadline"), ==, "2020-01-15");
  g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "done"), ==, "2020-01-14");
  g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "result"), ==, "=1+1");
  /* Mapped to a text column instead, the same day serial stays the number it is. */
  par_register_mapping_set (mapping, column_index (plan, "done"), column_index (plan, "owner"));
  par_register_mapping_set (mapping, column_index (plan, "owner"), -1);
  g_clear_pointer (&preview, par_register_preview_free);
  preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cell (par_register_preview_get_row (preview, 0), plan, "owner"), ==, "43844");
}

/* Replace or append: both one write through the store, all or none. */
static void
test_replace_or_append (Fixture       *f,
                        gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *path = fixture_file ("plan-reordered.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) file = NULL;
  g_autoptr(ParRegisterRows) first = par_register_rows_new ("plan_tasks", plan->columns->len);
  g_autoptr(ParRegisterRows) stored = NULL;
  const char *kept[] = { "Việc có sẵn", NULL, "2020-12-15", NULL, NULL };
  g_autoptr(ParRegisterTable) table = par_register_table_read (plan, path, NULL, NULL, &error);
  g_autoptr(ParRegisterMapping) mapping = par_register_mapping_guess (plan, table);
  g_autoptr(ParRegisterPreview) preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  guint changed = 0;

  g_assert_no_error (error);
  file = par_register_preview_get_rows (preview);
  par_register_rows_append (first, kept);
  g_assert_true (par_store_set_register_rows (f->store, f->assessment_id, "plan_tasks", first, FALSE, NULL, &error));

  g_assert_true (par_register_import_rows (f->store, f->assessment_id, "plan_tasks", file,
                                           PAR_REGISTER_IMPORT_APPEND, TRUE, &changed, &error));
  g_assert_cmpuint (changed, ==, 3);
  g_assert_true (par_register_import_rows (f->store, f->assessment_id, "plan_tasks", file,
                                           PAR_REGISTER_IMPORT_APPEND, FALSE, &changed, &error));
  g_assert_no_error (error);
  stored = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (stored), ==, 4);
  g_assert_cmpstr (par_register_rows_get (stored, 0, 0), ==, "Việc có sẵn");
  g_assert_cmpstr (par_register_rows_get (stored, 3, 0), ==, "Kiểm tra CCHC tại 09 đơn vị");
  g_clear_pointer (&stored, par_register_rows_unref);

  g_assert_true (par_register_import_rows (f->store, f->assessment_id, "plan_tasks", file,
                                           PAR_REGISTER_IMPORT_REPLACE, FALSE, &changed, &error));
  stored = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
  g_assert_cmpuint (par_register_rows_count (stored), ==, 3);
  g_assert_cmpstr (par_register_rows_get (stored, 0, 0), ==, "Ban hành Kế hoạch CCHC năm 2020");
}

/* The app's Cancel: a reading or a check stopped through its cancellable returns nothing
 * and G_IO_ERROR_CANCELLED, whatever the reader. */
static guint
any_header (GPtrArray *header,
            gpointer   data)
{
  return header->len;
}

static void
cancel_at_second_step (guint    done,
                       guint    total,
                       gpointer data)
{
  GCancellable *cancellable = data;

  if (done > 0)
    g_cancellable_cancel (cancellable);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  const ParRegister *stats = reg (f, "procedure_stats");
  g_autofree char *csv = fixture_file ("portal-stats.csv");
  g_autofree char *xlsx = g_build_filename (f->tmpdir, "plan.xlsx", NULL);
  g_autofree char *big = g_build_filename (f->tmpdir, "plan-big.csv", NULL);
  g_autoptr(GCancellable) stopped = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(ParRegisterRows) rows = par_register_rows_new ("plan_tasks", plan->columns->len);
  g_autoptr(GString) text = g_string_new ("Nhiệm vụ,Thời hạn\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterTable) table = NULL;
  g_autoptr(ParRegisterMapping) mapping = NULL;
  const char *task[] = { "Ban hành Kế hoạch", "Văn phòng", "2020-01-15", "2020-01-14", NULL };
  guint seen = 0;
  char separator = 0;

  g_cancellable_cancel (stopped);
  /* CSV and XLSX, through the entry the app calls. */
  g_assert_null (par_register_table_read (stats, csv, NULL, stopped, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  par_register_rows_append (rows, task);
  g_assert_true (par_xlsx_register_write (plan, rows, xlsx, &error));
  g_assert_no_error (error);
  g_assert_null (par_register_table_read (plan, xlsx, NULL, stopped, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* The readers themselves stop between rows, not only before they start. */
  {
    g_autofree char *contents = NULL;
    gsize len = 0;

    g_assert_true (g_file_get_contents (csv, &contents, &len, NULL));
    g_assert_null (par_csv_read_rows_scored (contents, len, any_header, NULL, "portal-stats.csv",
                                             &separator, stopped, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }
  g_assert_null (par_xlsx_read_table (xlsx, NULL, stopped, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The check of a big file stopped half-way (from its progress, on the same thread): nothing. */
  for (guint i = 1; i <= 2000; i++)
    g_string_append_printf (text, "Nhiệm vụ %u,15/01/2020\n", i);
  g_assert_true (g_file_set_contents (big, text->str, text->len, NULL));
  table = par_register_table_read (plan, big, NULL, later, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 2000);
  mapping = par_register_mapping_guess (plan, table);
  g_assert_null (par_register_preview_new (plan, table, mapping, cancel_at_second_step, later,
                                           later, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* Without a cancel the same file checks whole. */
  {
    g_autoptr(ParRegisterPreview) preview = par_register_preview_new (plan, table, mapping,
                                                                      record_progress, &seen,
                                                                      NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (par_register_preview_get_n_rows (preview), ==, 2000);
    g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 0);
    g_assert_cmpuint (seen, >, 0);
  }
}

/* A file's document column (schema 9): guessed from its header ("Văn bản"), remembered with the
 * mapping, each row's number resolved against the documents (exactly, or case and diacritics
 * ignored); an unknown number refuses the row with its column named, an empty cell unlinks;
 * without resolving, the rows keep what is stored. */
static void
test_document_column (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const ParRegister *plan = reg (f, "plan_tasks");
  const char *csv = "Nhiệm vụ;Thời hạn;Văn bản\n"
                    "Ban hành kế hoạch CCHC;15/01/2020;01/KH-KCNĐN\n"
                    "Báo cáo 6 tháng;30/06/2020;45/bc-kcnđn\n"
                    "Rà soát TTHC;30/09/2020;\n"
                    "Kiểm tra đợt 2;30/11/2020;99/KH\n";
  g_autoptr(ParRegisterTable) table = par_register_table_read_csv (plan, csv, strlen (csv), "plan.csv", &error);
  g_autoptr(ParRegisterMapping) mapping = NULL;
  g_autoptr(ParRegisterMapping) again = NULL;
  g_autoptr(ParRegisterPreview) unresolved = NULL;
  g_autoptr(ParRegisterPreview) preview = NULL;
  g_autoptr(ParRegisterRows) kept = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GVariant) remembered = NULL;
  const ParRegisterPreviewRow *refused;
  ParDocument plan_doc = { 0, (char *) "KH", (char *) "01/KH-KCNĐN", NULL, NULL, NULL };
  ParDocument report_doc = { 0, (char *) "BC", (char *) "45/BC-KCNĐN", NULL, NULL, NULL };
  gint64 plan_id, report_id;

  g_assert_no_error (error);
  plan_id = par_store_add_document (f->store, &plan_doc, &error);
  report_id = par_store_add_document (f->store, &report_doc, &error);
  g_assert_no_error (error);
  documents = par_store_list_documents (f->store, NULL, &error);
  g_assert_no_error (error);

  mapping = par_register_mapping_guess (plan, table);
  g_assert_cmpint (par_register_mapping_get_document (mapping), ==, 2);
  g_assert_cmpint (par_register_mapping_get (mapping, 2), ==, -1);
  remembered = g_variant_ref_sink (par_register_mapping_serialize (mapping, plan, table));
  {
    const char *id = NULL;
    g_assert_true (g_variant_lookup (remembered, "van ban", "&s", &id));
    g_assert_cmpstr (id, ==, PAR_REGISTER_MAPPING_DOCUMENT_KEY);
  }
  again = par_register_mapping_guess (plan, table);
  par_register_mapping_set_document (again, -1);
  g_assert_cmpint (par_register_mapping_get_document (again), ==, -1);
  g_assert_cmpuint (par_register_mapping_apply (again, plan, table, remembered), ==, 3);
  g_assert_cmpint (par_register_mapping_get_document (again), ==, 2);

  /* Not resolved: the preview shows the text, the rows say nothing of links. */
  unresolved = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (par_register_preview_has_documents (unresolved));
  g_assert_cmpstr (par_register_preview_get_row (unresolved, 1)->document, ==, "45/bc-kcnđn");
  g_assert_cmpint (par_register_preview_get_row (unresolved, 1)->document_id, ==, PAR_REGISTER_DOCUMENT_UNSET);
  kept = par_register_preview_get_rows (unresolved);
  g_assert_cmpint (par_register_rows_get_document (kept, 0), ==, PAR_REGISTER_DOCUMENT_UNSET);

  preview = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_preview_link_documents (preview, documents), ==, 1);
  g_assert_cmpuint (par_register_preview_get_n_refused (preview), ==, 1);
  refused = par_register_preview_get_first_refused (preview);
  g_assert_cmpint (refused->line, ==, 5);
  g_assert_cmpstr (refused->problem, ==, "row 4, column “document”: no evidence document numbered “99/KH”: "
                                         "add it first, or correct the number");
  g_assert_null (par_register_preview_get_rows (preview));
  g_assert_cmpint (par_register_preview_get_row (preview, 0)->document_id, ==, plan_id);
  g_assert_cmpint (par_register_preview_get_row (preview, 1)->document_id, ==, report_id);
  g_assert_cmpint (par_register_preview_get_row (preview, 2)->document_id, ==, 0);

  /* Once the document exists the file goes in, links and all. */
  {
    ParDocument late = { 0, (char *) "KH", (char *) "99/KH", NULL, NULL, NULL };
    g_autoptr(GPtrArray) now = NULL;
    g_autoptr(ParRegisterPreview) fixed = NULL;
    g_autoptr(ParRegisterRows) rows = NULL;
    g_autoptr(ParRegisterRows) back = NULL;
    gint64 late_id = par_store_add_document (f->store, &late, &error);

    g_assert_no_error (error);
    now = par_store_list_documents (f->store, NULL, &error);
    fixed = par_register_preview_new (plan, table, mapping, NULL, NULL, NULL, &error);
    g_assert_cmpuint (par_register_preview_link_documents (fixed, now), ==, 0);
    rows = par_register_preview_get_rows (fixed);
    g_assert_nonnull (rows);
    g_assert_true (par_register_import_rows (f->store, f->assessment_id, "plan_tasks", rows,
                                             PAR_REGISTER_IMPORT_REPLACE, FALSE, NULL, &error));
    g_assert_no_error (error);
    back = par_store_get_register_rows (f->store, f->assessment_id, "plan_tasks", &error);
    g_assert_cmpint (par_register_rows_get_document (back, 0), ==, plan_id);
    g_assert_cmpint (par_register_rows_get_document (back, 1), ==, report_id);
    g_assert_cmpint (par_register_rows_get_document (back, 2), ==, 0);
    g_assert_cmpint (par_register_rows_get_document (back, 3), ==, late_id);
  }
}

/* A spreadsheet is written to a new file beside its name, then renamed over it: a file that
 * already has the temporary name is someone else's and is left as it is (the registers' writer
 * used to write over it and rename it away). */
static void
test_xlsx_temporary (Fixture       *f,
                     gconstpointer  data)
{
  const ParRegister *plan = reg (f, "plan_tasks");
  g_autofree char *xlsx = g_build_filename (f->tmpdir, "plan.xlsx", NULL);
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = par_register_rows_new ("plan_tasks", plan->columns->len);
  g_autoptr(ParRegisterRows) back = NULL;
  const char *task[] = { "Ban hành Kế hoạch", "Văn phòng", "2020-01-15", "2020-01-14", "Xong" };

  par_register_rows_append (rows, task);
  /* The first temporary name the writer will try, taken. */
  g_random_set_seed (20201);
  name = g_strdup_printf (".plan.xlsx.%08x", g_random_int ());
  other = g_build_filename (f->tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (other, "someone else's", -1, &error));
  g_random_set_seed (20201);

  g_assert_true (par_xlsx_register_write (plan, rows, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (other, &kept, NULL, &error));
  g_assert_cmpstr (kept, ==, "someone else's");
  back = par_register_read_file (plan, xlsx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (back), ==, 1);
  g_assert_cmpstr (par_register_rows_get (back, 0, 0), ==, "Ban hành Kế hoạch");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/register-import/portal-csv", test_portal_csv);
  ADD ("/register-import/reordered-and-extra", test_reordered_and_extra);
  ADD ("/register-import/bad-row", test_bad_row);
  ADD ("/register-import/mapping-remembered", test_mapping_remembered);
  ADD ("/register-import/xlsx-round-trip", test_xlsx_round_trip);
  ADD ("/register-import/xlsx-temporary", test_xlsx_temporary);
  ADD ("/register-import/replace-or-append", test_replace_or_append);
  ADD ("/register-import/cancelled", test_cancelled);
  ADD ("/register-import/document-column", test_document_column);
  return g_test_run ();
}
