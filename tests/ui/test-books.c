/* test-books.c — the Books page (issue 13) as a coordinator uses it, on the sample set with the
 * office's books (tests/ui/books-set.xml, a copy of data/frameworks/sample-books.xml): open it
 * from the window, type the half-year's procedure statistics and watch the figures and the
 * sub-criterion's points follow (the seeds: 4,891 on time of 4,898 → 2.00), find the rows in the store; a bad date refused
 * with the core's message and nothing stored; remove a row and take it back with Undo; search
 * without diacritics; a submitted year shown but not editable; screenshots of the four books.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "par-core.h"
#include "par-books-link.h"
#include "par-document-rows.h"
#include "par-books-page.h"
#include "par-document-dialog.h"
#include "ui-gtk-util.h"
#include "par-figures-page.h"
#include "ui-app.h"
#include "ui-fixture.h"

/* --- fixture --------------------------------------------------------------------------------- */

static void
store_rows (UiApp             *f,
            const char        *register_id,
            guint              n_columns,
            const char * const *cells,
            guint              n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (f->db, &error);
  g_autoptr(ParRegisterRows) rows = par_register_rows_new (register_id, n_columns);

  g_assert_no_error (error);
  for (guint r = 0; r < n_rows; r++)
    par_register_rows_append (rows, cells + r * n_columns);
  g_assert_true (par_store_set_register_rows (store, f->assessment_id, register_id, rows, FALSE,
                                              NULL, &error));
  g_assert_no_error (error);
}

/* The Đồng Nai industrial zones board's 2020 books, as the seeds report them. */
static const char *plan_rows[] = {
  "Ban hành Kế hoạch CCHC năm 2020", "Văn phòng", "2020-01-15", "2020-01-14", "true", "KH 01/KH-KCNĐN",
  "Cải cách thủ tục hành chính: rà soát TTHC", "Phòng Doanh nghiệp", "2020-06-30", "2020-06-20", "false", "Quyết định công bố",
  "Kiểm tra công tác CCHC tại các phòng", "Văn phòng", "2020-09-30", NULL, "false", NULL,
  "Khảo sát sự hài lòng của doanh nghiệp", "Phòng Doanh nghiệp", "2020-11-30", NULL, "false", NULL,
};
static const char *report_rows[] = {
  "Báo cáo CCHC quý I", "q1", "2020-03-15", "2020-03-12", "25/BC-KCNĐN",
  "Báo cáo CCHC 6 tháng", "h1", "2020-06-15", "2020-06-16", "61/BC-KCNĐN",
  "Báo cáo CCHC quý III", "q3", "2020-09-15", NULL, NULL,
};
static const char *survey_rows[] = {
  "Cấp giấy phép lao động", "2020-07-02", "very", "yes", "very",
  "Cấp giấy chứng nhận đầu tư", "2020-07-09", "yes", "yes", "partly",
  "Cấp giấy phép xây dựng", "2020-08-13", "very", "very", "yes",
};

static void
setup (UiApp         *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "books-set.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-ui-books-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  store_rows (f, "plan_tasks", 6, plan_rows, G_N_ELEMENTS (plan_rows) / 6);
  store_rows (f, "reports_sent", 5, report_rows, G_N_ELEMENTS (report_rows) / 5);
  store_rows (f, "survey_forms", 5, survey_rows, G_N_ELEMENTS (survey_rows) / 5);
  if (data != NULL)
    {
      /* A submitted year. */
      g_autoptr(ParStore) store = par_store_open (f->db, &error);
      g_assert_no_error (error);
      g_assert_true (par_store_set_status (store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
      g_assert_no_error (error);
    }
  ui_app_open (f);
}

/* --- helpers --------------------------------------------------------------------------------- */

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
  if (register_id != NULL)
    g_assert_true (par_books_page_show_register (PAR_BOOKS_PAGE (page), register_id));
  return PAR_BOOKS_PAGE (page);
}

static gboolean
page_saved (gpointer data)
{
  return !par_books_page_is_saving (PAR_BOOKS_PAGE (data));
}

typedef struct {
  ParBooksTable *table;
  ParBooksRow   *row;
  const char    *column;
} CellWait;

static gboolean
cell_on_screen (gpointer data)
{
  CellWait *w = data;
  return par_books_table_get_cell (w->table, w->row, w->column) != NULL;
}

static GtkWidget *
cell (ParBooksPage *page,
      ParBooksRow  *row,
      const char   *column)
{
  CellWait w = { par_books_page_get_table (page, par_books_page_get_register_id (page)), row, column };

  g_assert_true (ui_wait_for (cell_on_screen, &w, UI_WAIT_MS));
  return par_books_table_get_cell (w.table, row, column);
}

static void
type_cell (ParBooksPage *page,
           ParBooksRow  *row,
           const char   *column,
           const char   *text)
{
  ui_type_into (cell (page, row, column), text);
}

static ParRegisterRows *
stored (UiApp      *f,
        const char *register_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (f->db, &error);
  ParRegisterRows *rows;

  g_assert_no_error (error);
  rows = par_store_get_register_rows (store, f->assessment_id, register_id, &error);
  g_assert_no_error (error);
  return rows;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not hold “%s”", text, part);
}

static ParBooksRow *
shown_row (ParBooksPage *page,
           guint         i)
{
  GListModel *shown = par_books_table_get_shown (par_books_page_get_table (page, par_books_page_get_register_id (page)));
  g_autoptr(ParBooksRow) row = g_list_model_get_item (shown, i);

  g_assert_nonnull (row);
  return row;   /* the table's store keeps it */
}

/* --- tests ----------------------------------------------------------------------------------- */

/* The half-year's procedure statistics typed into a new row: the figures and the points of
 * 3.3.1 follow as one types, and the row is in the store. */
static void
test_type (UiApp         *f,
           gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "procedure_stats");
  const char *fields[][2] = {
    { "received", "4,860" }, { "carried", "252" }, { "early", "0" }, { "on_time", "4,891" },
    { "late", "7" }, { "pending_in", "214" }, { "pending_late", "0" }, { "online", "1.020" },
    { "post", "35" },
  };
  g_autofree char *text = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  ParBooksRow *row;

  /* No rows yet: the figures are not there, 3.3.1 has no points, the totals say how to start. */
  assert_contains (par_books_table_get_totals_text (par_books_page_get_table (page, "procedure_stats")),
                   "No rows yet");
  text = par_books_page_get_figure_text (page, "files_on_time");
  assert_contains (text, "not yet");
  g_clear_pointer (&text, g_free);
  text = par_books_page_get_leaf_text (page, "files_on_time", "3.3.1");
  assert_contains (text, "— / 2.00");
  g_clear_pointer (&text, g_free);

  row = par_books_page_add_row (page);
  g_assert_nonnull (row);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cell (page, row, "period")), 3);   /* "6 tháng đầu năm" */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    type_cell (page, row, fields[i][0], fields[i][1]);

  /* The figure and its provenance, as `score --json` gives it, and 3.3.1's points now. */
  text = par_books_page_get_figure_text (page, "files_on_time");
  assert_contains (text, "4,891");
  assert_contains (text, "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 4,891 over 1 row");
  g_clear_pointer (&text, g_free);
  text = par_books_page_get_figure_text (page, "files_resolved");
  assert_contains (text, "4,898");
  g_clear_pointer (&text, g_free);
  text = par_books_page_get_leaf_text (page, "files_on_time", "3.3.1");
  assert_contains (text, "2.00 / 2.00");
  g_clear_pointer (&text, g_free);
  /* The period adds up: the set's check holds. */
  text = par_books_page_get_figure_text (page, "stats_balance");
  assert_contains (text, "Holds");
  g_clear_pointer (&text, g_free);
  /* The totals row sums the numbers. */
  assert_contains (par_books_table_get_totals_text (par_books_page_get_table (page, "procedure_stats")),
                   "Giải quyết đúng hạn 4,891");

  /* 10 more pending than the period holds: the check fails before anything is saved. */
  type_cell (page, row, "pending_in", "224");
  text = par_books_page_get_figure_text (page, "stats_balance");
  assert_contains (text, "Fails — blocks submitting");
  g_clear_pointer (&text, g_free);
  type_cell (page, row, "pending_in", "214");

  /* Written shortly after typing, through the store's check: one row, canonical cells. */
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "procedure_stats");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 1);
  g_assert_cmpstr (par_register_rows_get (rows, 0, 0), ==, "h1");
  g_assert_cmpstr (par_register_rows_get (rows, 0, 1), ==, "4860");
  g_assert_cmpstr (par_register_rows_get (rows, 0, 4), ==, "4891");
  g_assert_cmpstr (par_register_rows_get (rows, 0, 8), ==, "1020");
  ui_app_screenshot (f, "books-typed");

  /* The editor scores 3.3.1 from the stored row too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-books", NULL));
  {
    ParResult *result = par_assessment_model_get_result (par_window_get_model (f->window));
    const ParLeafScore *score = par_result_get_leaf (result, "3.3.1");

    g_assert_true (score->has_self);
    g_assert_cmpint (score->self, ==, 200);
  }
}

/* A date that does not exist is refused with the core's message, on the cell and the row, and
 * nothing is stored; once right, the row is written. */
static void
test_bad_date (UiApp         *f,
               gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "reports_sent");
  const ParRegister *reg = par_framework_lookup_register (
    par_assessment_model_get_framework (par_window_get_model (f->window)), "reports_sent");
  g_autoptr(GError) expected = NULL;
  g_autofree char *none = par_register_normalize_cell (par_register_lookup_column (reg, "deadline"),
                                                       "31/09/2020", &expected);
  ParBooksRow *row;
  GtkWidget *deadline;
  g_autoptr(ParRegisterRows) rows = NULL;

  g_assert_null (none);
  g_assert_nonnull (expected);
  row = par_books_page_add_row (page);
  type_cell (page, row, "report", "Báo cáo CCHC năm");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cell (page, row, "period")), 4);   /* "Năm" */
  deadline = cell (page, row, "deadline");
  ui_type_into (deadline, "31/09/2020");
  g_assert_true (gtk_widget_has_css_class (deadline, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (deadline), ==, expected->message);
  assert_contains (par_books_table_get_message (par_books_page_get_table (page, "reports_sent")),
                   expected->message);

  par_books_page_save (page);
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "reports_sent");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 3);
  g_clear_pointer (&rows, par_register_rows_unref);
  ui_app_screenshot (f, "books-bad-date");

  /* Right now: written, with the date in ISO. */
  ui_type_into (deadline, "15/12/2020");
  g_assert_false (gtk_widget_has_css_class (deadline, "error"));
  g_signal_emit_by_name (deadline, "activate");
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "reports_sent");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 4);
  g_assert_cmpstr (par_register_rows_get (rows, 3, 0), ==, "Báo cáo CCHC năm");
  g_assert_cmpstr (par_register_rows_get (rows, 3, 1), ==, "year");
  g_assert_cmpstr (par_register_rows_get (rows, 3, 2), ==, "2020-12-15");
  g_assert_null (par_register_rows_get (rows, 3, 3));
  g_clear_pointer (&rows, par_register_rows_unref);

  /* The sent date picked in the cell's calendar. */
  {
    GtkWidget *sent = cell (page, row, "sent");
    GtkWidget *calendar;
    g_autoptr(GDateTime) day = g_date_time_new_local (2020, 12, 14, 0, 0, 0);

    g_signal_emit_by_name (sent, "icon-press", GTK_ENTRY_ICON_SECONDARY);
    calendar = ui_find_type (sent, GTK_TYPE_CALENDAR);
    g_assert_nonnull (calendar);
    ui_wait_frame (calendar);
    ui_save_screenshot (gtk_widget_get_ancestor (calendar, GTK_TYPE_POPOVER), "books-calendar");
    gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
    g_signal_emit_by_name (calendar, "day-selected");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sent)), ==, "14/12/2020");
  }
  par_books_page_save (page);
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "reports_sent");
  g_assert_cmpstr (par_register_rows_get (rows, 3, 3), ==, "2020-12-14");
}

/* A required cell emptied: the row says why and the store keeps its last good cells. */
static void
test_required (UiApp         *f,
               gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksRow *row = shown_row (page, 1);
  g_autoptr(ParRegisterRows) rows = NULL;

  ui_type_into (cell (page, row, "task"), "");
  assert_contains (par_books_table_get_message (par_books_page_get_table (page, "plan_tasks")),
                   "must not be empty");
  ui_type_into (cell (page, row, "owner"), "Phòng Quản lý doanh nghiệp");
  par_books_page_save (page);
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "plan_tasks");
  g_assert_cmpuint (par_register_rows_count (rows), ==, 4);
  g_assert_cmpstr (par_register_rows_get (rows, 1, 0), ==, plan_rows[6]);
  g_assert_cmpstr (par_register_rows_get (rows, 1, 1), ==, "Phòng Doanh nghiệp");
}

typedef struct {
  UiApp      *f;
  const char *register_id;
  guint       n;
} StoredCount;

static gboolean
stored_count_is (gpointer data)
{
  StoredCount *c = data;
  g_autoptr(ParRegisterRows) rows = stored (c->f, c->register_id);

  return par_register_rows_count (rows) == c->n;
}

/* Ctrl+− on a row removes it without asking; the toast's Undo puts it back where it was. */
static void
test_remove_undo (UiApp         *f,
                  gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksRow *row = shown_row (page, 1);
  StoredCount count = { f, "plan_tasks", 3 };
  g_autoptr(ParRegisterRows) rows = NULL;
  GtkWidget *task = cell (page, row, "task");

  gtk_widget_grab_focus (task);
  g_assert_true (ui_press_shortcut (gtk_root_get_focus (GTK_ROOT (f->window)), GDK_KEY_minus,
                                    GDK_CONTROL_MASK));
  g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (par_books_page_get_table (page, "plan_tasks"))), ==, 3);
  par_books_page_save (page);
  g_assert_true (ui_wait_for (stored_count_is, &count, UI_WAIT_MS));
  ui_app_screenshot (f, "books-removed");

  ui_click (ui_toast_button (f, "Undo"));
  count.n = 4;
  g_assert_true (ui_wait_for (stored_count_is, &count, UI_WAIT_MS));
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  rows = stored (f, "plan_tasks");
  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 6; c++)
      g_assert_cmpstr (par_register_rows_get (rows, r, c), ==, plan_rows[r * 6 + c]);

  /* Delete on a selected row (the focus on the table, not in a cell's text): removed too. */
  {
    ParBooksTable *table = par_books_page_get_table (page, "plan_tasks");
    GtkColumnView *view = GTK_COLUMN_VIEW (ui_find_type (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW));
    GtkWidget *status, *focus;

    row = shown_row (page, 0);
    (void) cell (page, row, "task");
    status = g_object_get_data (G_OBJECT (row), "par-books-status");
    g_assert_nonnull (status);
    /* The row's handle (its first cell, focusable: a click there) has the focus. */
    gtk_selection_model_select_item (gtk_column_view_get_model (view), 0, TRUE);
    g_assert_true (gtk_widget_grab_focus (status));
    focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_assert_true (focus == status);
    g_assert_nonnull (focus);
    g_assert_false (GTK_IS_TEXT (focus));
    g_assert_true (ui_press_shortcut (focus, GDK_KEY_Delete, 0));
    par_books_page_save (page);
    count.n = 3;
    g_assert_true (ui_wait_for (stored_count_is, &count, UI_WAIT_MS));
    g_clear_pointer (&rows, par_register_rows_unref);
    rows = stored (f, "plan_tasks");
    g_assert_cmpstr (par_register_rows_get (rows, 0, 0), ==, plan_rows[6]);
  }
}

/* "cai cach" finds "Cải cách …"; the totals say how many rows are shown. */
static void
test_search (UiApp         *f,
             gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksTable *table = par_books_page_get_table (page, "plan_tasks");
  GtkWidget *entry = ui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(ParBooksRow) first = NULL;

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "cai cach");
  /* GtkSearchEntry reports its text after a short pause: wait for the rows shown. */
  ui_wait_rows (par_books_table_get_shown (table), 1);
  first = g_list_model_get_item (par_books_table_get_shown (table), 0);
  g_assert_cmpstr (par_books_row_get_cell (first, 0), ==, plan_rows[6]);
  assert_contains (par_books_table_get_totals_text (table), "1 of 4 rows shown");
  /* Dates are searched as shown. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "14/01/2020");
  ui_wait_rows (par_books_table_get_shown (table), 1);
  g_clear_object (&first);
  first = g_list_model_get_item (par_books_table_get_shown (table), 0);
  g_assert_cmpstr (par_books_row_get_cell (first, 0), ==, plan_rows[0]);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ui_wait_rows (par_books_table_get_shown (table), 4);
}

/* Sorting by a column: dates in time order, empty cells last. */
static void
test_sort (UiApp         *f,
           gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksTable *table = par_books_page_get_table (page, "plan_tasks");
  GListModel *shown = par_books_table_get_shown (table);
  g_autoptr(ParBooksRow) a = NULL;
  g_autoptr(ParBooksRow) d = NULL;

  par_books_table_sort_by (table, "deadline", GTK_SORT_DESCENDING);
  a = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (par_books_row_get_cell (a, 2), ==, "2020-11-30");
  par_books_table_sort_by (table, "done", GTK_SORT_ASCENDING);
  g_clear_object (&a);
  a = g_list_model_get_item (shown, 0);
  d = g_list_model_get_item (shown, 3);
  g_assert_cmpstr (par_books_row_get_cell (a, 3), ==, "2020-01-14");
  g_assert_null (par_books_row_get_cell (d, 3));
}

/* A submitted year: the rows are shown, every editor is read-only and the page says why. */
static void
test_locked (UiApp         *f,
             gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksRow *row = shown_row (page, 0);
  GtkWidget *task = cell (page, row, "task");
  GtkWidget *done = cell (page, row, "issues_plan");

  g_assert_nonnull (par_books_page_get_refusal (page));
  assert_contains (par_books_page_get_refusal (page), "submitted");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (task)), ==, plan_rows[0]);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (task)));
  g_assert_false (gtk_widget_get_sensitive (done));
  g_assert_null (par_books_page_add_row (page));
  g_assert_false (gtk_widget_get_sensitive (ui_find_named (GTK_WIDGET (page), "add-row")));
  g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (par_books_page_get_table (page, "plan_tasks"))), ==, 4);
  /* The year is over: nothing is due in it, and there is no mid-year view. */
  par_books_page_set_today (page, "2020-09-20");
  g_assert_cmpint (par_books_table_get_due (par_books_page_get_table (page, "plan_tasks"), shown_row (page, 2)),
                   ==, PAR_DUE_NONE);
  g_assert_false (gtk_widget_get_visible (ui_find_named (GTK_WIDGET (page), "due-only")));
  ui_app_screenshot (f, "books-locked");
}

/* Whether the shortcuts window lists @accelerator under @title. */
static gboolean
overlay_lists (GtkWidget  *widget,
               const char *title,
               const char *accelerator)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *t = NULL;
      g_autofree char *a = NULL;

      g_object_get (widget, "title", &t, "accelerator", &a, NULL);
      if (g_strcmp0 (t, title) == 0 && g_strcmp0 (a, accelerator) == 0)
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (overlay_lists (c, title, accelerator))
      return TRUE;
  return FALSE;
}

static gboolean
main_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (data);

  return !gtk_stack_get_transition_running (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0;
}

static gboolean
focus_is (UiApp     *f,
          GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

typedef struct {
  UiApp     *f;
  GtkWidget *widget;
} FocusWait;

static gboolean
focus_arrived (gpointer data)
{
  FocusWait *w = data;
  return focus_is (w->f, w->widget);
}

/* Ctrl+B opens the page (and the shortcuts window lists it), Tab goes to the next cell, Esc
 * goes back. */
static void
test_keyboard (UiApp         *f,
               gconstpointer  data)
{
  /* The shortcuts window is built on first use (Ctrl+?), from this resource: what it lists. */
  g_autoptr(GtkBuilder) help = gtk_builder_new_from_resource (PAR_HELP_OVERLAY_RESOURCE);
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (help, "help_overlay"));
  GtkWidget *page, *stack, *task, *owner;
  ParBooksRow *row;

  g_assert_nonnull (overlay);
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Books of the year", "<Control>b"));
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Add a row", "<Control>plus"));
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Remove the row (Undo in the message)",
                                "Delete <Control>minus"));
  gtk_window_destroy (overlay);

  g_assert_true (ui_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_b, GDK_CONTROL_MASK));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_BOOKS_PAGE);
  g_assert_nonnull (page);
  stack = gtk_widget_get_parent (page);
  g_assert_true (ui_wait_for (books_shown, stack, UI_WAIT_MS));
  g_assert_cmpstr (par_books_page_get_register_id (PAR_BOOKS_PAGE (page)), ==, "plan_tasks");

  row = shown_row (PAR_BOOKS_PAGE (page), 0);
  task = cell (PAR_BOOKS_PAGE (page), row, "task");
  owner = cell (PAR_BOOKS_PAGE (page), row, "owner");
  gtk_widget_grab_focus (task);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_is (f, owner));

  /* Ctrl++ adds a row and puts the focus in its first cell. */
  g_assert_true (ui_press_shortcut (gtk_root_get_focus (GTK_ROOT (f->window)), GDK_KEY_plus,
                                    GDK_CONTROL_MASK));
  row = shown_row (PAR_BOOKS_PAGE (page), 4);
  task = cell (PAR_BOOKS_PAGE (page), row, "task");
  {
    FocusWait w = { f, task };
    g_assert_true (ui_wait_for (focus_arrived, &w, UI_WAIT_MS));
  }

  /* Read again from the store at once (as after an import): what was typed is written first,
   * never lost nor shown older. */
  ui_type_into (task, "Tổng kết công tác CCHC năm");
  type_cell (PAR_BOOKS_PAGE (page), row, "deadline", "15/12/2020");
  par_books_page_reload (PAR_BOOKS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (par_books_page_get_table (PAR_BOOKS_PAGE (page), "plan_tasks"))), ==, 5);
  row = shown_row (PAR_BOOKS_PAGE (page), 4);
  g_assert_cmpstr (par_books_row_get_cell (row, 0), ==, "Tổng kết công tác CCHC năm");
  task = cell (PAR_BOOKS_PAGE (page), row, "task");
  gtk_widget_grab_focus (task);

  /* Esc goes back to the editor, writing what was typed; Ctrl+B at once shows it again. */
  ui_type_into (task, "Tổng kết công tác CCHC");
  g_assert_true (ui_press_shortcut (task, GDK_KEY_Escape, 0));
  g_assert_true (ui_wait_for (main_shown, stack, UI_WAIT_MS));
  g_assert_true (ui_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_b, GDK_CONTROL_MASK));
  g_assert_true (ui_wait_for (books_shown, stack, UI_WAIT_MS));
  row = shown_row (PAR_BOOKS_PAGE (page), 4);
  g_assert_cmpstr (par_books_row_get_cell (row, 0), ==, "Tổng kết công tác CCHC");
  g_assert_cmpstr (par_books_row_get_cell (row, 2), ==, "2020-12-15");
}

/* The mid-year view on 20/09/2020: the inspection due on 30/09 amber, the Q3 report due on
 * 15/09 and not sent red; the toggle shows only them. */
static void
test_due (UiApp         *f,
          gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "plan_tasks");
  ParBooksTable *plan = par_books_page_get_table (page, "plan_tasks");
  ParBooksTable *reports = par_books_page_get_table (page, "reports_sent");
  GtkWidget *toggle = ui_find_named (GTK_WIDGET (page), "due-only");
  ParBooksRow *row;

  par_books_page_set_today (page, "2020-09-20");
  g_assert_true (gtk_widget_get_visible (toggle));
  row = shown_row (page, 2);
  g_assert_cmpint (par_books_table_get_due (plan, row), ==, PAR_DUE_SOON);
  g_assert_true (gtk_widget_has_css_class (cell (page, row, "deadline"), "books-due-soon"));
  g_assert_cmpint (par_books_table_get_due (plan, shown_row (page, 0)), ==, PAR_DUE_NONE);
  g_assert_cmpint (par_books_table_get_due (plan, shown_row (page, 3)), ==, PAR_DUE_NONE);
  g_assert_false (gtk_widget_has_css_class (cell (page, shown_row (page, 3), "deadline"), "books-due-soon"));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  ui_wait_rows (par_books_table_get_shown (plan), 1);
  g_assert_true (shown_row (page, 0) == row);
  assert_contains (par_books_table_get_totals_text (plan), "1 of 4 rows shown");
  ui_app_screenshot (f, "books-due-plan");

  g_assert_true (par_books_page_show_register (page, "reports_sent"));
  ui_wait_rows (par_books_table_get_shown (reports), 1);
  row = shown_row (page, 0);
  g_assert_cmpstr (par_books_row_get_cell (row, 0), ==, "Báo cáo CCHC quý III");
  g_assert_cmpint (par_books_table_get_due (reports, row), ==, PAR_DUE_OVERDUE);
  g_assert_true (gtk_widget_has_css_class (cell (page, row, "deadline"), "books-overdue"));
  ui_app_screenshot (f, "books-due-reports");

  /* Books without deadlines have no such view. */
  g_assert_true (par_books_page_show_register (page, "survey_forms"));
  g_assert_false (gtk_widget_get_visible (toggle));
  ui_wait_rows (par_books_table_get_shown (par_books_page_get_table (page, "survey_forms")), 3);
}

static gboolean
figures_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (data);

  return !gtk_stack_get_transition_running (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "figures") == 0;
}

/* Where a label's text ends, in @to's coordinates (its layout, not its allocation). */
static double
text_right_edge (GtkWidget *label,
                 GtkWidget *to)
{
  PangoRectangle logical;
  int x = 0;
  double tx = 0, ty = 0;

  gtk_label_get_layout_offsets (GTK_LABEL (label), &x, NULL);
  pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (label)), NULL, &logical);
  g_assert_true (gtk_widget_translate_coordinates (label, to, x + logical.x + logical.width, 0, &tx, &ty));
  return tx;
}

static gboolean
both_allocated (gpointer data)
{
  GtkWidget **widgets = data;
  return gtk_widget_get_width (widgets[0]) > 0 && gtk_widget_get_width (widgets[1]) > 0;
}

/* The page's section headings, in order. */
static GPtrArray *
section_headings (GtkWidget *page)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *out = g_ptr_array_new ();

  ui_collect_type (page, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (labels->pdata[i], "heading") && gtk_widget_get_visible (labels->pdata[i]))
      g_ptr_array_add (out, (gpointer) gtk_label_get_label (labels->pdata[i]));
  return out;
}

/* The Figures page shows the books' figures from their rows, as the scores use them (it used to
 * evaluate without rows: "not entered"). */
static void
test_figures_page (UiApp         *f,
                   gconstpointer  data)
{
  GtkWidget *page;

  store_rows (f, "procedure_stats", 10,
              (const char *[]) { "h1", "4860", "252", "0", "4891", "7", "214", "0", "1020", "35" }, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-figures", "s", ""));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_FIGURES_PAGE);
  g_assert_nonnull (page);
  g_assert_true (ui_wait_for (figures_shown, gtk_widget_get_parent (page), UI_WAIT_MS));
  g_assert_cmpstr (par_figures_page_get_year_text (PAR_FIGURES_PAGE (page), "files_on_time"), ==, "4,891");
  g_assert_cmpstr (par_figures_page_get_year_text (PAR_FIGURES_PAGE (page), "files_resolved"), ==, "4,898");
  g_assert_cmpstr (par_figures_page_get_year_text (PAR_FIGURES_PAGE (page), "plan_tasks_done"), ==, "2");

  /* Every figure of this set is counted from a register: its section says so, and no section
   * claims figures "above" that are not there. */
  {
    g_autoptr(GPtrArray) headings = section_headings (page);

    for (guint i = 0; i < headings->len; i++)
      g_assert_cmpstr (headings->pdata[i], !=, "Derived from the figures above");
    g_assert_cmpuint (headings->len, >=, 1);
    g_assert_cmpstr (headings->pdata[0], ==, "Computed from the books");
  }
  /* The "Year" header ends where its right-aligned values end (it was centred over them). */
  {
    GtkWidget *value = NULL;
    GtkWidget *grid, *header;
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    ui_collect_type (page, GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len && value == NULL; i++)
      if (g_strcmp0 (gtk_label_get_label (labels->pdata[i]), "4,891") == 0)
        value = labels->pdata[i];
    g_assert_nonnull (value);
    grid = gtk_widget_get_parent (value);
    g_assert_true (GTK_IS_GRID (grid));
    header = gtk_grid_get_child_at (GTK_GRID (grid), 1, 0);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (header)), ==, "Year");
    {
      GtkWidget *both[2] = { header, value };
      g_assert_true (ui_wait_for (both_allocated, both, UI_WAIT_MS));
    }
    g_assert_cmpfloat (fabs (text_right_edge (header, grid) - text_right_edge (value, grid)), <=, 1.0);
  }
  ui_app_screenshot (f, "books-figures-page");
}

/* --- a row's evidence document ------------------------------------------------------------ */

/* Three documents of the board's 2020 reporting; the first is already cited by the year (1.2.1),
 * so the chooser lists it first. Returns their ids in @ids. */
static void
add_documents (UiApp  *f,
               gint64  ids[3])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (f->db, &error);
  ParDocument documents[] = {
    { 0, "BC", "25/BC-KCNĐN", "2020-03-12", "Ban Quản lý các KCN", "Báo cáo CCHC quý I năm 2020" },
    { 0, "BC", "61/BC-KCNĐN", "2020-06-16", "Ban Quản lý các KCN", "Báo cáo CCHC 6 tháng đầu năm 2020" },
    { 0, "KH", "KH 01/KH-KCNĐN", "2020-01-14", "Ban Quản lý các KCN", "Kế hoạch CCHC năm 2020" },
  };
  ParEvidenceLink link = { 0, f->assessment_id, "1.2.1", NULL, NULL };

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      ids[i] = par_store_add_document (store, &documents[i], &error);
      g_assert_no_error (error);
    }
  link.document_id = ids[0];
  g_assert_true (par_store_link_evidence (store, &link, &error));
  g_assert_no_error (error);
}

/* The books with the documents, the first two reports linked to the first two when @data says
 * so; a submitted year when @data is 2. */
static void
setup_linked (UiApp         *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "books-set.xml", NULL);
  gint64 ids[3];

  f->dir = g_dir_make_tmp ("parscore-ui-books-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  store_rows (f, "plan_tasks", 6, plan_rows, G_N_ELEMENTS (plan_rows) / 6);
  add_documents (f, ids);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_autoptr(ParRegisterRows) rows = par_register_rows_new ("reports_sent", 5);

    g_assert_no_error (error);
    for (guint r = 0; r < G_N_ELEMENTS (report_rows) / 5; r++)
      {
        par_register_rows_append (rows, report_rows + r * 5);
        if (data != NULL && r < 2)
          par_register_rows_set_document (rows, r, ids[r]);
      }
    g_assert_true (par_store_set_register_rows (store, f->assessment_id, "reports_sent", rows, FALSE,
                                                NULL, &error));
    g_assert_no_error (error);
    if (GPOINTER_TO_INT (data) == 2)
      {
        g_assert_true (par_store_set_status (store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
        g_assert_no_error (error);
      }
  }
  ui_app_open (f);
}

static gint64
document_id_of (const char *number,
                UiApp      *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (f->db, &error);
  g_autoptr(GPtrArray) documents = par_store_list_documents (store, NULL, &error);

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    if (g_strcmp0 (((ParDocument *) documents->pdata[i])->number, number) == 0)
      return ((ParDocument *) documents->pdata[i])->id;
  g_error ("no document %s", number);
  return 0;
}

typedef struct {
  UiApp      *f;
  const char *register_id;
  guint       row;
  gint64      document;
} StoredLink;

static gboolean
stored_link_is (gpointer data)
{
  StoredLink *w = data;
  g_autoptr(ParRegisterRows) rows = NULL;

  if (par_books_page_is_saving (PAR_BOOKS_PAGE (ui_find_type (GTK_WIDGET (w->f->window), PAR_TYPE_BOOKS_PAGE))))
    return FALSE;
  rows = stored (w->f, w->register_id);
  return w->row < par_register_rows_count (rows) &&
         par_register_rows_get_document (rows, w->row) == w->document;
}

static void
wait_stored_link (UiApp      *f,
                  const char *register_id,
                  guint       row,
                  gint64      document)
{
  StoredLink w = { f, register_id, row, document };

  if (!ui_wait_for (stored_link_is, &w, UI_WAIT_MS))
    {
      g_autoptr(ParRegisterRows) rows = stored (f, register_id);
      g_error ("row %u of %s links %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT, row, register_id,
               par_register_rows_get_document (rows, row), document);
    }
}

typedef struct {
  ParBooksTable *table;
  ParBooksRow   *row;
} LinkWait;

static gboolean
link_on_screen (gpointer data)
{
  LinkWait *w = data;
  return par_books_table_get_link_button (w->table, w->row) != NULL;
}

static GtkWidget *
link_button (ParBooksPage *page,
             ParBooksRow  *row)
{
  LinkWait w = { par_books_page_get_table (page, par_books_page_get_register_id (page)), row };

  g_assert_true (ui_wait_for (link_on_screen, &w, UI_WAIT_MS));
  return par_books_table_get_link_button (w.table, row);
}

/* What the link button shows: the document's number/symbol, or "" for the link icon. */
static const char *
link_text (GtkWidget *button)
{
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  return GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : "";
}

static gboolean
no_link_dialog (gpointer data)
{
  return !ui_has_dialog (GSIZE_TO_POINTER (PAR_TYPE_BOOKS_LINK_DIALOG));
}

static gboolean
rows_shown_are (gpointer data)
{
  GtkWidget *dialog = ((gpointer *) data)[0];
  guint n = GPOINTER_TO_UINT (((gpointer *) data)[1]);

  return par_books_link_dialog_get_n_rows (PAR_BOOKS_LINK_DIALOG (dialog)) == n;
}

/* A report row linked to the report it sent, from the keyboard: Tab from the row's last cell
 * to its link button, Enter opens the chooser (the year's document first, "No Document"
 * first of all), typing searches, Enter links; the store holds the document on that row; Undo
 * in the toast; the link stays when the row's cells change; Escape leaves it; "No Document"
 * unlinks; Alt+Enter opens the document. */
static void
test_link (UiApp         *f,
           gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "reports_sent");
  ParBooksRow *row = shown_row (page, 0);
  gint64 first = document_id_of ("25/BC-KCNĐN", f);
  gint64 second = document_id_of ("61/BC-KCNĐN", f);
  GtkWidget *button = link_button (page, row);
  GtkWidget *dialog;
  GtkWidget *search;

  g_assert_cmpstr (link_text (button), ==, "");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "mail-attachment-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Link a Document…");

  /* Tab from the row's handle reaches its link button, Tab again its first cell; Enter
   * (activate) on the button opens the chooser. */
  {
    GtkWidget *handle = NULL;
    g_autoptr(GPtrArray) images = g_ptr_array_new ();

    ui_collect_type (GTK_WIDGET (par_books_page_get_table (page, "reports_sent")), GTK_TYPE_IMAGE, images);
    for (guint i = 0; i < images->len && handle == NULL; i++)
      if (gtk_widget_has_css_class (images->pdata[i], "books-row-handle") &&
          g_object_get_data (G_OBJECT (images->pdata[i]), "par-books-row") == (gpointer) row)
        handle = images->pdata[i];
    g_assert_nonnull (handle);
    gtk_widget_grab_focus (handle);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
    g_assert_true (focus_is (f, button));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
    g_assert_true (focus_is (f, cell (page, row, "report")));
    gtk_widget_grab_focus (button);
  }
  g_assert_true (gtk_widget_activate (button));
  dialog = ui_get_dialog (PAR_TYPE_BOOKS_LINK_DIALOG);
  search = GTK_WIDGET (par_books_link_dialog_get_search (PAR_BOOKS_LINK_DIALOG (dialog)));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == search ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), search));
  g_assert_cmpuint (par_books_link_dialog_get_n_rows (PAR_BOOKS_LINK_DIALOG (dialog)), ==, 4);
  g_assert_cmpint (par_document_row_get_id (par_books_link_dialog_get_row (PAR_BOOKS_LINK_DIALOG (dialog), 0)), ==, 0);
  g_assert_cmpint (par_document_row_get_id (par_books_link_dialog_get_row (PAR_BOOKS_LINK_DIALOG (dialog), 1)), ==, first);

  /* Type to search, Enter links the document found. */
  ui_type_into (search, "61/bc");
  {
    gpointer w[2] = { dialog, GUINT_TO_POINTER (2) };
    g_assert_true (ui_wait_for (rows_shown_are, w, UI_WAIT_MS));
  }
  g_assert_cmpint (par_document_row_get_id (par_books_link_dialog_get_row (PAR_BOOKS_LINK_DIALOG (dialog), 1)), ==, second);
  g_signal_emit_by_name (search, "activate");
  g_assert_true (ui_wait_for (no_link_dialog, NULL, UI_WAIT_MS));
  wait_stored_link (f, "reports_sent", 0, second);
  g_assert_cmpstr (link_text (button), ==, "61/BC-KCNĐN");
  assert_contains (gtk_widget_get_tooltip_text (button), "Báo cáo CCHC 6 tháng đầu năm 2020");
  /* The search finds a row by the document it links (row 2 by its own cell, row 1 by its link). */
  {
    ParBooksTable *table = par_books_page_get_table (page, "reports_sent");

    par_books_table_set_search (table, "61/bc-kcndn");
    g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (table)), ==, 2);
    par_books_table_set_search (table, "");
    g_assert_cmpuint (g_list_model_get_n_items (par_books_table_get_shown (table)), ==, 3);
  }
  ui_app_screenshot (f, "books-linked");

  /* Undo in the toast: the row links nothing again. */
  ui_click (ui_toast_button (f, "Undo"));
  wait_stored_link (f, "reports_sent", 0, 0);
  g_assert_cmpstr (link_text (button), ==, "");

  /* The year's document, picked in the list. */
  dialog = GTK_WIDGET (par_books_page_link_row (page, row));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_activate (GTK_WIDGET (par_books_link_dialog_get_row (PAR_BOOKS_LINK_DIALOG (dialog), 1))));
  g_assert_true (ui_wait_for (no_link_dialog, NULL, UI_WAIT_MS));
  wait_stored_link (f, "reports_sent", 0, first);

  /* The row's cells change: it keeps its document. */
  ui_type_into (cell (page, row, "number"), "25/BC-KCNĐN (bản sửa)");
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  {
    g_autoptr(ParRegisterRows) rows = stored (f, "reports_sent");
    g_assert_cmpstr (par_register_rows_get (rows, 0, 4), ==, "25/BC-KCNĐN (bản sửa)");
    g_assert_cmpint (par_register_rows_get_document (rows, 0), ==, first);
    g_assert_cmpint (par_register_rows_get_document (rows, 1), ==, 0);
  }

  /* Escape leaves the link as it is. */
  dialog = GTK_WIDGET (par_books_page_link_row (page, row));
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  g_assert_true (ui_wait_for (no_link_dialog, NULL, UI_WAIT_MS));
  wait_stored_link (f, "reports_sent", 0, first);

  /* Alt+Enter on the button opens the document it links. */
  g_assert_true (ui_press_shortcut (button, GDK_KEY_Return, GDK_ALT_MASK));
  dialog = ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit 25/BC-KCNĐN");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* "No Document" unlinks. */
  dialog = GTK_WIDGET (par_books_page_link_row (page, row));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (par_books_link_dialog_get_row (PAR_BOOKS_LINK_DIALOG (dialog), 0))));
  wait_stored_link (f, "reports_sent", 0, 0);
  g_assert_cmpstr (link_text (button), ==, "");
}

/* A submitted year shows its links and refuses to change them, saying why. */
static void
test_link_locked (UiApp         *f,
                  gconstpointer  data)
{
  ParBooksPage *page = open_books (f, "reports_sent");
  ParBooksRow *row = shown_row (page, 0);
  gint64 first = document_id_of ("25/BC-KCNĐN", f);
  GtkWidget *button = link_button (page, row);

  g_assert_cmpstr (link_text (button), ==, "25/BC-KCNĐN");
  g_assert_cmpstr (link_text (link_button (page, shown_row (page, 1))), ==, "61/BC-KCNĐN");
  g_assert_cmpstr (link_text (link_button (page, shown_row (page, 2))), ==, "");
  g_assert_nonnull (par_books_page_get_refusal (page));
  g_assert_true (gtk_widget_activate (button));
  g_assert_null (par_books_page_link_row (page, row));
  g_assert_false (ui_has_dialog (GSIZE_TO_POINTER (PAR_TYPE_BOOKS_LINK_DIALOG)));
  wait_stored_link (f, "reports_sent", 0, first);
  /* Its document still opens. */
  g_assert_nonnull (par_books_page_open_document (page, row));
  gtk_window_destroy (GTK_WINDOW (ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG)));
}

/* The reports with their links, and the chooser, in the language of the run. */
static void
test_link_screenshot (UiApp         *f,
                      gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  const char *suffix = language != NULL && g_str_has_prefix (language, "vi") ? "vi" : "en";
  ParBooksPage *page = open_books (f, "reports_sent");
  g_autofree char *page_shot = g_strdup_printf ("books-links-%s", suffix);
  g_autofree char *chooser_shot = g_strdup_printf ("books-link-chooser-%s", suffix);
  GtkWidget *dialog;

  (void) link_button (page, shown_row (page, 0));
  ui_wait_frame (GTK_WIDGET (page));
  ui_app_screenshot (f, page_shot);
  dialog = GTK_WIDGET (par_books_page_link_row (page, shown_row (page, 2)));
  g_assert_nonnull (dialog);
  ui_wait_frame (dialog);
  ui_save_screenshot (dialog, chooser_shot);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Each book as a coordinator sees it, in the language of the run (LANGUAGE=vi). */
static void
test_screenshots (UiApp         *f,
                  gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean vi = language != NULL && g_str_has_prefix (language, "vi");
  const char *registers[] = { "plan_tasks", "reports_sent", "procedure_stats", "survey_forms" };
  ParBooksPage *page;
  ParBooksRow *row;
  g_autofree char *text = NULL;

  store_rows (f, "procedure_stats", 10,
              (const char *[]) { "h1", "4860", "252", "0", "4891", "7", "214", "0", "1020", "35" }, 1);
  page = open_books (f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    {
      g_autofree char *name = g_strdup_printf ("books-%s-%s", registers[i], vi ? "vi" : "en");

      g_assert_true (par_books_page_show_register (page, registers[i]));
      row = shown_row (page, 0);
      (void) cell (page, row, ((ParRegisterColumn *) par_books_table_get_register (
                                 par_books_page_get_table (page, registers[i]))->columns->pdata[0])->id);
      ui_wait_frame (GTK_WIDGET (page));
      ui_app_screenshot (f, name);
    }
  g_assert_true (par_books_page_show_register (page, "procedure_stats"));
  text = par_books_page_get_figure_text (page, "files_on_time");
  assert_contains (text, vi ? "4.891" : "4,891");
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/books/type", UiApp, NULL, setup, test_type, ui_app_teardown);
  g_test_add ("/books/bad-date", UiApp, NULL, setup, test_bad_date, ui_app_teardown);
  g_test_add ("/books/required", UiApp, NULL, setup, test_required, ui_app_teardown);
  g_test_add ("/books/remove-undo", UiApp, NULL, setup, test_remove_undo, ui_app_teardown);
  g_test_add ("/books/link", UiApp, NULL, setup_linked, test_link, ui_app_teardown);
  g_test_add ("/books/link-locked", UiApp, GINT_TO_POINTER (2), setup_linked, test_link_locked, ui_app_teardown);
  g_test_add ("/books/link-screenshot", UiApp, GINT_TO_POINTER (1), setup_linked, test_link_screenshot, ui_app_teardown);
  g_test_add ("/books/search", UiApp, NULL, setup, test_search, ui_app_teardown);
  g_test_add ("/books/sort", UiApp, NULL, setup, test_sort, ui_app_teardown);
  g_test_add ("/books/locked", UiApp, GINT_TO_POINTER (1), setup, test_locked, ui_app_teardown);
  g_test_add ("/books/keyboard", UiApp, NULL, setup, test_keyboard, ui_app_teardown);
  g_test_add ("/books/due", UiApp, NULL, setup, test_due, ui_app_teardown);
  g_test_add ("/books/figures-page", UiApp, NULL, setup, test_figures_page, ui_app_teardown);
  g_test_add ("/books/screenshot", UiApp, NULL, setup, test_screenshots, ui_app_teardown);
  return g_test_run ();
}
