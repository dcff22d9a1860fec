/* test-books-io.c — importing and exporting a register's rows in the app (issue 13), as a
 * coordinator does: a file chosen (set here directly: no file chooser in tests), its columns
 * mapped, the rows previewed, imported; a file with a bad row shows the reason and stores
 * nothing; the mapping chosen is offered again; export and import back change nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "par-books-io.h"
#include "par-books-page.h"
#include "par-core.h"
#include "ui-app.h"
#include "par-register-import.h"
#include "ui-fixture.h"

typedef struct {
  gboolean called;
  gboolean changed;
} Done;

static void
on_done (gboolean changed,
         gpointer data)
{
  Done *done = data;

  g_assert_false (done->called);
  done->called = TRUE;
  done->changed = changed;
}

static gboolean
done_called (gpointer data)
{
  return ((Done *) data)->called;
}

static void
setup (UiApp         *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "..", "core", "registers", "books.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-ui-books-io-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  ui_app_open (f);
  /* The settings live as long as the process (GSETTINGS_BACKEND=memory): each test starts with
   * no mapping remembered. */
  {
    GSettings *settings = par_context_get_settings (par_window_get_context (f->window));
    g_assert_nonnull (settings);
    g_settings_reset (settings, "register-column-maps");
  }
}

static GFile *
fixture_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "core", "registers", name, NULL);
  return g_file_new_for_path (path);
}

typedef struct {
  ParBooksIoDialog *dialog;
  ParBooksIoStep    step;
} StepWait;

static gboolean
at_step (gpointer data)
{
  StepWait *w = data;
  return par_books_io_dialog_get_step (w->dialog) == w->step &&
         gtk_widget_get_mapped (GTK_WIDGET (w->dialog));
}

static void
wait_step (ParBooksIoDialog *dialog,
           ParBooksIoStep    step)
{
  StepWait w = { dialog, step };

  if (!ui_wait_for (at_step, &w, UI_WAIT_MS))
    g_error ("the dialog stayed at step %d (waited for %d): %s", par_books_io_dialog_get_step (dialog),
             step, par_books_io_dialog_get_message (dialog));
}

static ParBooksIoDialog *
import (UiApp      *f,
        const char *register_id,
        GFile      *file,
        Done       *done)
{
  ParBooksIoDialog *dialog;

  *done = (Done) { 0 };
  dialog = par_books_io_import_file (GTK_WIDGET (f->window), par_window_get_context (f->window),
                                     f->assessment_id, register_id, file, on_done, done);
  g_assert_nonnull (dialog);
  wait_step (dialog, PAR_BOOKS_IO_MAPPING);
  return dialog;
}

static int
column_index (UiApp      *f,
              const char *register_id,
              const char *column_id)
{
  g_autoptr(GError) error = NULL;
  ParContext *context = par_window_get_context (f->window);
  g_autoptr(ParAssessment) a = par_store_get_assessment (par_context_get_store (context), f->assessment_id, &error);
  g_autoptr(ParFramework) framework = par_context_get_framework (context, a->framework_row, &error);
  const ParRegister *reg = par_framework_lookup_register (framework, register_id);

  g_assert_no_error (error);
  return (int) par_register_lookup_column (reg, column_id)->index;
}

static guint
selected (ParBooksIoDialog *dialog,
          guint             file_column)
{
  GtkDropDown *dropdown = par_books_io_dialog_get_mapping_dropdown (dialog, file_column);

  g_assert_nonnull (dropdown);
  return gtk_drop_down_get_selected (dropdown);
}

/* The rows stored, read through a connection of the test's own. */
static ParRegisterRows *
stored (UiApp      *f,
        const char *register_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  ParRegisterRows *rows;

  g_assert_true (ui_wait_for (ui_writer_idle, f, UI_WAIT_MS));
  store = par_store_open (f->db, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (store, f->assessment_id, register_id, &error);
  g_assert_no_error (error);
  return rows;
}

static void
finish_import (ParBooksIoDialog *dialog,
               Done             *done)
{
  g_assert_true (gtk_widget_get_sensitive (par_books_io_dialog_get_next_button (dialog)));
  ui_click (par_books_io_dialog_get_next_button (dialog));
  g_assert_true (ui_wait_for (done_called, done, UI_WAIT_MS));
  g_assert_true (done->changed);
}

static char *
shot_name (const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  return g_strdup_printf ("%s-%s", name, language != NULL && language[0] != '\0' ? language : "en");
}

/* The one-stop portal's export: semicolons, Vietnamese headers, 2.445 for 2,445, a row-number
 * column and a unit column ignored; the rows stored as numbers. */
static void
test_import_portal (UiApp         *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file ("portal-stats.csv");
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *shot = shot_name ("books-io-mapping");
  Done done;
  ParBooksIoDialog *dialog = import (f, "procedure_stats", file, &done);
  int on_time = column_index (f, "procedure_stats", "on_time");

  g_assert_false (par_books_io_dialog_is_remembered (dialog));
  /* The keyboard starts on the first column's drop-down. */
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                         GTK_WIDGET (par_books_io_dialog_get_mapping_dropdown (dialog, 0))) ||
                 gtk_window_get_focus (GTK_WINDOW (dialog)) ==
                 GTK_WIDGET (par_books_io_dialog_get_mapping_dropdown (dialog, 0)));
  g_assert_cmpuint (selected (dialog, 0), ==, 0);                       /* STT: ignored */
  g_assert_cmpuint (selected (dialog, 5), ==, (guint) on_time + 1);     /* Giải quyết đúng hạn */
  g_assert_cmpuint (selected (dialog, 11), ==, 0);                      /* Đơn vị: ignored */
  ui_save_screenshot (GTK_WIDGET (dialog), shot);

  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  {
    /* The summary in the language the test runs in (books-io-vi runs this in Vietnamese). */
    g_autofree char *want = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row will be imported.",
                                                          "%u rows will be imported.", 2), 2);

    g_assert_cmpstr (par_books_io_dialog_get_summary (dialog), ==, want);
  }
  g_assert_null (par_books_io_dialog_get_problem (dialog, 0));
  g_assert_null (par_books_io_dialog_get_problem (dialog, 1));
  finish_import (dialog, &done);

  rows = stored (f, "procedure_stats");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 2);
  g_assert_cmpstr (par_register_rows_get (rows, 0, on_time), ==, "2445");
  g_assert_cmpstr (par_register_rows_get (rows, 1, on_time), ==, "2446");
  g_assert_cmpstr (par_register_rows_get (rows, 1, 0), ==, "q2");
}

/* A bad date on row 7: the preview names the row, the column and why; Import stays disabled;
 * closing stores nothing. */
static void
test_bad_row (UiApp         *f,
              gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file ("plan-bad-row7.csv");
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *shot = shot_name ("books-io-refused");
  Done done;
  ParBooksIoDialog *dialog = import (f, "plan_tasks", file, &done);
  const char *problem;

  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "vi") != 0)
    g_assert_cmpstr (par_books_io_dialog_get_summary (dialog), ==,
                     "7 rows will be imported, 1 refused — nothing is imported until they are fixed in the file");
  problem = par_books_io_dialog_get_problem (dialog, 6);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "7, "));
  g_assert_nonnull (strstr (problem, "“Ngày hoàn thành” (done)"));
  g_assert_nonnull (strstr (problem, "31/02/2020"));
  g_assert_null (par_books_io_dialog_get_problem (dialog, 5));
  g_assert_false (gtk_widget_get_sensitive (par_books_io_dialog_get_next_button (dialog)));
  ui_save_screenshot (GTK_WIDGET (dialog), shot);
  /* Only the refused rows, then all again. */
  g_assert_cmpuint (par_books_io_dialog_get_n_shown (dialog), ==, 8);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (par_books_io_dialog_get_refused_only_check (dialog))));
  gtk_check_button_set_active (par_books_io_dialog_get_refused_only_check (dialog), TRUE);
  g_assert_cmpuint (par_books_io_dialog_get_n_shown (dialog), ==, 1);
  gtk_check_button_set_active (par_books_io_dialog_get_refused_only_check (dialog), FALSE);
  g_assert_cmpuint (par_books_io_dialog_get_n_shown (dialog), ==, 8);

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_wait_for (done_called, &done, UI_WAIT_MS));
  g_assert_false (done.changed);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 0);
}

/* Cancel while the file is read: the dialog goes, nothing is imported. Cancel while its rows
 * are checked: back to the columns as they were (the mapping kept), nothing imported, and
 * Preview checks them again. The workers wait for Cancel (test hold), so nothing races. */
static void
test_cancel (UiApp         *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file ("portal-stats.csv");
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkWidget *cancel;
  Done done = { 0 };
  ParBooksIoDialog *dialog;
  int on_time = column_index (f, "procedure_stats", "on_time");

  par_books_io_set_test_hold (TRUE);
  dialog = par_books_io_import_file (GTK_WIDGET (f->window), par_window_get_context (f->window),
                                     f->assessment_id, "procedure_stats", file, on_done, &done);
  wait_step (dialog, PAR_BOOKS_IO_READING);
  cancel = par_books_io_dialog_get_cancel_button (dialog);
  g_assert_true (gtk_widget_get_visible (cancel) && gtk_widget_is_sensitive (cancel));
  g_assert_false (gtk_widget_get_visible (par_books_io_dialog_get_next_button (dialog)));
  ui_click (cancel);
  g_assert_true (ui_wait_for (done_called, &done, UI_WAIT_MS));
  g_assert_false (done.changed);
  rows = stored (f, "procedure_stats");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 0);
  g_clear_pointer (&rows, par_register_rows_unref);

  /* Read whole this time; a column set by hand. */
  par_books_io_set_test_hold (FALSE);
  dialog = import (f, "procedure_stats", file, &done);
  g_assert_cmpuint (selected (dialog, 10), !=, 0);
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 10), 0);
  for (guint i = 0; par_books_io_dialog_get_mapping_dropdown (dialog, i) != NULL; i++)
    {
      guint value = selected (dialog, i);
      g_array_append_val (before, value);
    }
  g_assert_cmpuint (before->len, ==, 12);

  par_books_io_set_test_hold (TRUE);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_READING);
  cancel = par_books_io_dialog_get_cancel_button (dialog);
  g_assert_true (gtk_widget_get_visible (cancel));
  {
    g_autofree char *shot = shot_name ("books-io-checking");
    ui_save_screenshot (GTK_WIDGET (dialog), shot);
  }
  ui_click (cancel);
  wait_step (dialog, PAR_BOOKS_IO_MAPPING);
  g_assert_false (gtk_widget_get_visible (cancel));
  g_assert_true (gtk_widget_get_visible (par_books_io_dialog_get_next_button (dialog)));
  g_assert_true (gtk_widget_get_sensitive (par_books_io_dialog_get_next_button (dialog)));
  for (guint i = 0; i < before->len; i++)
    g_assert_cmpuint (selected (dialog, i), ==, g_array_index (before, guint, i));
  g_assert_false (done.called);
  rows = stored (f, "procedure_stats");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 0);
  g_clear_pointer (&rows, par_register_rows_unref);

  /* The same columns checked again, then imported. */
  par_books_io_set_test_hold (FALSE);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  g_assert_null (par_books_io_dialog_get_problem (dialog, 0));
  finish_import (dialog, &done);
  rows = stored (f, "procedure_stats");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 2);
  g_assert_cmpstr (par_register_rows_get (rows, 0, on_time), ==, "2445");
}

/* Headers in another order and one the register has not: mapped by hand once, offered the
 * same way the next time; the second import adds its rows after those kept. */
static void
test_remembered (UiApp         *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file ("plan-reordered.csv");
  g_autoptr(ParRegisterRows) rows = NULL;
  int result = column_index (f, "plan_tasks", "result");
  int task = column_index (f, "plan_tasks", "task");
  int owner = column_index (f, "plan_tasks", "owner");
  Done done;
  ParBooksIoDialog *dialog = import (f, "plan_tasks", file, &done);

  g_assert_cmpuint (selected (dialog, 1), ==, 0);                   /* Ghi chú: guessed ignored */
  g_assert_cmpuint (selected (dialog, 3), ==, (guint) task + 1);
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 1), (guint) result + 1);
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 4), 0);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  finish_import (dialog, &done);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 3);
  g_assert_cmpstr (par_register_rows_get (rows, 0, result), ==, "Đã ban hành");
  g_assert_null (par_register_rows_get (rows, 0, owner));
  g_clear_pointer (&rows, par_register_rows_unref);

  dialog = import (f, "plan_tasks", file, &done);
  g_assert_true (par_books_io_dialog_is_remembered (dialog));
  g_assert_cmpuint (selected (dialog, 1), ==, (guint) result + 1);
  g_assert_cmpuint (selected (dialog, 4), ==, 0);
  g_assert_cmpuint (selected (dialog, 3), ==, (guint) task + 1);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  g_assert_cmpstr (par_books_io_dialog_get_summary (dialog), ==, "3 rows will replace the 3 kept.");
  gtk_drop_down_set_selected (par_books_io_dialog_get_mode_dropdown (dialog), 1);
  g_assert_cmpstr (par_books_io_dialog_get_summary (dialog), ==, "3 rows will be added after the 3 kept.");
  finish_import (dialog, &done);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 6);
  g_assert_cmpstr (par_register_rows_get (rows, 3, task), ==, "Ban hành Kế hoạch CCHC năm 2020");
  g_assert_cmpstr (par_register_rows_get (rows, 5, task), ==, "Kiểm tra CCHC tại 09 đơn vị");
}

/* Export as XLSX and as CSV on the writer thread; each read back replaces the rows with the
 * same rows. */
static void
test_export_round_trip (UiApp         *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) portal = fixture_file ("portal-stats.csv");
  g_autofree char *xlsx_path = g_build_filename (f->dir, "Thống kê 2023.xlsx", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "thong-ke.csv", NULL);
  g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(ParRegisterRows) before = NULL;
  GFile *files[] = { xlsx, csv };
  Done done;
  ParBooksIoDialog *dialog = import (f, "procedure_stats", portal, &done);

  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  finish_import (dialog, &done);
  before = stored (f, "procedure_stats");

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(ParRegisterRows) after = NULL;

      done = (Done) { 0 };
      par_books_io_export_file (GTK_WIDGET (f->window), par_window_get_context (f->window),
                                f->assessment_id, "procedure_stats", files[i], on_done, &done);
      g_assert_true (ui_wait_for (done_called, &done, UI_WAIT_MS));
      g_assert_true (done.changed);
      g_assert_true (g_file_query_exists (files[i], NULL));

      dialog = import (f, "procedure_stats", files[i], &done);
      for (guint c = 0; c < par_register_rows_n_columns (before); c++)
        g_assert_cmpuint (selected (dialog, c), ==, c + 1);
      ui_click (par_books_io_dialog_get_next_button (dialog));
      wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
      g_assert_cmpstr (par_books_io_dialog_get_summary (dialog), ==, "2 rows will replace the 2 kept.");
      finish_import (dialog, &done);
      after = stored (f, "procedure_stats");
      g_assert_cmpuint (par_register_rows_count (after), ==, 2);
      for (guint r = 0; r < 2; r++)
        for (guint c = 0; c < par_register_rows_n_columns (before); c++)
          g_assert_cmpstr (par_register_rows_get (after, r, c), ==, par_register_rows_get (before, r, c));
    }
}

/* A column of document numbers: a header the app knows ("Văn bản") is offered as "Document" —
 * the last choice of each drop-down — and "Ignored" unpicks it (no row linked); a header it does
 * not know is "Ignored" until "Document" is picked for it, and then each row links the document
 * its number names. One file column at most names the document. */
static void
test_document_column (UiApp         *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *known = ui_write_file (f, "known.csv",
                                          "Nhiệm vụ;Thời hạn;Văn bản\n"
                                          "Ban hành kế hoạch CCHC;15/01/2020;01/KH-TEST\n"
                                          "Kiểm tra CCHC đợt 1;30/06/2020;\n");
  g_autofree char *unknown = ui_write_file (f, "unknown.csv",
                                            "Nhiệm vụ;Thời hạn;Số hiệu VB;Ghi chú\n"
                                            "Ban hành kế hoạch CCHC;15/01/2020;01/KH-TEST;x\n"
                                            "Kiểm tra CCHC đợt 1;30/06/2020;;y\n");
  g_autoptr(GFile) known_file = g_file_new_for_path (known);
  g_autoptr(GFile) unknown_file = g_file_new_for_path (unknown);
  g_autoptr(ParRegisterRows) rows = NULL;
  ParDocument kh = { 0, (char *) "KH", (char *) "01/KH-TEST", (char *) "2020-01-15",
                     (char *) "Ban Quản lý các Khu công nghiệp", (char *) "Kế hoạch CCHC năm 2020" };
  int task = column_index (f, "plan_tasks", "task");
  GListModel *choices;
  guint document;
  Done done;
  ParBooksIoDialog *dialog;
  gint64 kh_id;

  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_assert_no_error (error);
    kh_id = par_store_add_document (store, &kh, &error);
    g_assert_no_error (error);
  }

  dialog = import (f, "plan_tasks", known_file, &done);
  choices = gtk_drop_down_get_model (par_books_io_dialog_get_mapping_dropdown (dialog, 2));
  document = g_list_model_get_n_items (choices) - 1;
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), document), ==,
                   C_("register column", "Document"));
  g_assert_cmpuint (selected (dialog, 2), ==, document);
  g_assert_cmpuint (selected (dialog, 0), ==, (guint) task + 1);
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 2), 0);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  g_assert_null (par_books_io_dialog_get_problem (dialog, 0));
  finish_import (dialog, &done);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 2);
  g_assert_cmpint (par_register_rows_get_document (rows, 0), ==, 0);
  g_clear_pointer (&rows, par_register_rows_unref);

  dialog = import (f, "plan_tasks", unknown_file, &done);
  g_assert_cmpuint (selected (dialog, 2), ==, 0);
  g_assert_cmpuint (selected (dialog, 3), ==, 0);
  /* "Document" for the notes, then for the numbers: the notes go back to "Ignored" */
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 3), document);
  g_assert_cmpuint (selected (dialog, 3), ==, document);
  gtk_drop_down_set_selected (par_books_io_dialog_get_mapping_dropdown (dialog, 2), document);
  g_assert_cmpuint (selected (dialog, 2), ==, document);
  g_assert_cmpuint (selected (dialog, 3), ==, 0);
  {
    g_autofree char *shot = shot_name ("books-io-document");
    ui_save_screenshot (GTK_WIDGET (dialog), shot);
  }
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  g_assert_null (par_books_io_dialog_get_problem (dialog, 0));
  g_assert_null (par_books_io_dialog_get_problem (dialog, 1));
  finish_import (dialog, &done);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 2);
  g_assert_cmpstr (par_register_rows_get (rows, 0, task), ==, "Ban hành kế hoạch CCHC");
  g_assert_cmpint (par_register_rows_get_document (rows, 0), ==, kh_id);
  g_assert_cmpint (par_register_rows_get_document (rows, 1), ==, 0);
}

/* A file that cannot be read says which and why, and nothing is imported. */
static void
test_unreadable (UiApp         *f,
                 gconstpointer  data)
{
  g_autofree char *path = ui_write_file (f, "hỏng.xlsx", "not a spreadsheet");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Done done = { 0 };
  ParBooksIoDialog *dialog = par_books_io_import_file (GTK_WIDGET (f->window),
                                                       par_window_get_context (f->window),
                                                       f->assessment_id, "plan_tasks", file,
                                                       on_done, &done);

  wait_step (dialog, PAR_BOOKS_IO_FAILED);
  g_assert_true (g_str_has_prefix (par_books_io_dialog_get_message (dialog), "hỏng.xlsx: "));
  g_assert_nonnull (strstr (par_books_io_dialog_get_message (dialog), "not an XLSX spreadsheet"));
  g_assert_false (gtk_widget_get_visible (par_books_io_dialog_get_next_button (dialog)));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_wait_for (done_called, &done, UI_WAIT_MS));
  g_assert_false (done.changed);
}

/* A submitted year: the preview is shown, the write is refused by the store and the dialog
 * says why; nothing is stored. */
static void
test_locked (UiApp         *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = fixture_file ("plan-reordered.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  Done done;
  ParBooksIoDialog *dialog;

  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_assert_no_error (error);
    g_assert_true (par_store_set_status (store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
    g_assert_no_error (error);
  }
  dialog = import (f, "plan_tasks", file, &done);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_FAILED);
  g_assert_nonnull (strstr (par_books_io_dialog_get_message (dialog), "is submitted and locked"));
  g_assert_false (done.called);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (ui_wait_for (done_called, &done, UI_WAIT_MS));
  g_assert_false (done.changed);
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 0);
}

/* --- from the Books page ------------------------------------------------------------------------ */

static gboolean
books_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (data);

  return !gtk_stack_get_transition_running (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "books") == 0;
}

static ParBooksPage *
open_books (UiApp      *f,
            const char *register_id)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-books", NULL));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_BOOKS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (ui_wait_for (books_shown, gtk_widget_get_parent (page), UI_WAIT_MS));
  g_assert_true (par_books_page_show_register (PAR_BOOKS_PAGE (page), register_id));
  return PAR_BOOKS_PAGE (page);
}

typedef struct {
  ParBooksPage *page;
  const char   *register_id;
  guint         n;
} RowsShown;

static gboolean
rows_shown (gpointer data)
{
  RowsShown *w = data;
  ParBooksTable *table = par_books_page_get_table (w->page, w->register_id);

  return table != NULL && g_list_model_get_n_items (par_books_table_get_shown (table)) == w->n;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_query_exists (G_FILE (data), NULL);
}

/* The page's Import… opens the dialog on the register shown; once the rows are written the
 * page shows them and the figures they feed; Export… writes them. */
static void
test_books_page (UiApp         *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) portal = fixture_file ("portal-stats.csv");
  g_autofree char *xlsx_path = g_build_filename (f->dir, "sổ.xlsx", NULL);
  g_autoptr(GFile) xlsx = g_file_new_for_path (xlsx_path);
  ParBooksPage *page = open_books (f, "procedure_stats");
  GtkWidget *import_button = ui_find_named (GTK_WIDGET (page), "import-rows");
  GtkWidget *export_button = ui_find_named (GTK_WIDGET (page), "export-rows");
  RowsShown w = { page, "procedure_stats", 2 };
  ParBooksIoDialog *dialog;
  g_autofree char *figure = NULL;

  g_assert_nonnull (import_button);
  g_assert_nonnull (export_button);
  g_assert_true (gtk_widget_is_ancestor (import_button, GTK_WIDGET (par_books_page_get_io_box (page))));
  g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (par_books_page_get_table (page, "procedure_stats"))), ==, 0);

  par_books_io_set_test_file (portal);
  ui_click (import_button);
  dialog = PAR_BOOKS_IO_DIALOG (ui_get_dialog (PAR_TYPE_BOOKS_IO_DIALOG));
  wait_step (dialog, PAR_BOOKS_IO_MAPPING);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  wait_step (dialog, PAR_BOOKS_IO_PREVIEW);
  ui_click (par_books_io_dialog_get_next_button (dialog));
  g_assert_true (ui_wait_for (rows_shown, &w, UI_WAIT_MS));
  g_assert_cmpstr (par_books_page_get_register_id (page), ==, "procedure_stats");
  figure = par_books_page_get_figure_text (page, "files_on_time");
  g_assert_nonnull (figure);
  g_assert_nonnull (strstr (figure, g_strcmp0 (g_getenv ("LANGUAGE"), "vi") == 0 ? "4.891" : "4,891"));
  {
    g_autofree char *shot = shot_name ("books-io-page");
    ui_app_screenshot (f, shot);
  }

  par_books_io_set_test_file (xlsx);
  ui_click (export_button);
  /* The writer writes beside the name and renames: the file is there when it is whole. */
  g_assert_true (ui_wait_for (file_exists, xlsx, UI_WAIT_MS));
  par_books_io_set_test_file (NULL);
  {
    g_autoptr(ParStore) store = NULL;
    g_autoptr(GError) error = NULL;
    const ParRegister *reg;
    g_autoptr(ParAssessment) a = NULL;
    g_autoptr(ParFramework) framework = NULL;
    g_autoptr(ParRegisterRows) back = NULL;

    g_assert_true (g_file_query_exists (xlsx, NULL));
    store = par_store_open (f->db, &error);
    a = par_store_get_assessment (store, f->assessment_id, &error);
    framework = par_store_load_framework (store, a->framework_row, &error);
    reg = par_framework_lookup_register (framework, "procedure_stats");
    back = par_register_read_file (reg, xlsx_path, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (par_register_rows_count (back), ==, 2);
    g_assert_cmpstr (par_register_rows_get (back, 0, par_register_lookup_column (reg, "on_time")->index), ==, "2445");
  }
}

/* A submitted year: Import… is disabled on the page, Export… is not. */
static void
test_books_page_locked (UiApp         *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ParBooksPage *page;

  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_assert_no_error (error);
    g_assert_true (par_store_set_status (store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
    g_assert_no_error (error);
  }
  ui_app_close (f);
  ui_app_open (f);
  page = open_books (f, "plan_tasks");
  g_assert_nonnull (par_books_page_get_refusal (page));
  g_assert_false (gtk_widget_get_sensitive (ui_find_named (GTK_WIDGET (page), "import-rows")));
  g_assert_true (gtk_widget_get_sensitive (ui_find_named (GTK_WIDGET (page), "export-rows")));
}

int
main (int   argc,
      char *argv[])
{
  /* The catalogs of the build tree: the books-io-vi run's screenshots are in Vietnamese. */
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/books-io/shown/import-portal", UiApp, NULL, setup, test_import_portal, ui_app_teardown);
  g_test_add ("/books-io/shown/bad-row", UiApp, NULL, setup, test_bad_row, ui_app_teardown);
  g_test_add ("/books-io/remembered", UiApp, NULL, setup, test_remembered, ui_app_teardown);
  g_test_add ("/books-io/document-column", UiApp, NULL, setup, test_document_column, ui_app_teardown);
  g_test_add ("/books-io/export-round-trip", UiApp, NULL, setup, test_export_round_trip, ui_app_teardown);
  g_test_add ("/books-io/unreadable", UiApp, NULL, setup, test_unreadable, ui_app_teardown);
  g_test_add ("/books-io/cancel", UiApp, NULL, setup, test_cancel, ui_app_teardown);
  g_test_add ("/books-io/locked", UiApp, NULL, setup, test_locked, ui_app_teardown);
  g_test_add ("/books-io/shown/books-page", UiApp, NULL, setup, test_books_page, ui_app_teardown);
  g_test_add ("/books-io/books-page-locked", UiApp, NULL, setup, test_books_page_locked, ui_app_teardown);
  return g_test_run ();
}
