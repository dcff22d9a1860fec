/* test-pack-export.c — "Export Evidence Pack…" in the real window, on a temporary database.
 *
 * Runs under tests/ui/run-ui-test (Xvfb + a private D-Bus session). The database holds one
 * unit's 2023 year with a few scored sub-criteria and one evidence document with a
 * three-page PDF attached. Each test starts the export as the file chooser would
 * (par_pack_export_start with the destination), spins the main loop, and checks what a user
 * would: the file written (read back with poppler), the toast, the progress dialog and what
 * is left at the destination after a cancel or a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "par-application.h"
#include "par-pack-export.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"
#include "par-test-util.h"

#define UNIT "Ban Quản lý các Khu công nghiệp"
#define ATTACHED_PAGES 3

typedef struct {
  char           *dir;
  char           *db;
  char           *out_dir;       /* where packs are written: nothing else is ever in it */
  char           *blob;          /* the stored copy of the attached PDF */
  gint64          assessment_id;
  ParApplication *app;
  ParWindow      *window;
} Fixture;

/* Main loop helpers */





/* A label below @root whose text starts with @prefix. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *prefix)
{
  if (root == NULL)
    return NULL;
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A visible top-level window with the widget name @name (the outcome dialogs are named). */
static GtkWindow *
find_toplevel (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), name) == 0 &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;   /* still held by GTK's list */
    }
  return NULL;
}

/* Every wait below is for a state; the bound is only how long a broken build may hang. */
#define STATE_BOUND_MS 120000

/* The database */


/* A small real PDF whose every page says which page of the plan it is. */
static void
write_plan_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 14);
  for (int page = 1; page <= ATTACHED_PAGES; page++)
    {
      g_autofree char *text = g_strdup_printf ("Reform plan page %d of %d", page, ATTACHED_PAGES);
      cairo_move_to (cr, 72, 100);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
create_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "KH-06-2023.pdf", NULL);
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  ParDocument document = { 0 };
  ParEvidenceLink link = { 0 };
  gint64 document_id, attachment_id;

  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  store = par_store_open (f->db, &error);
  g_assert_no_error (error);

  ui_fixture_save_entry (store, f->assessment_id, "1.1.1", "done=95;planned=100", NULL);
  ui_fixture_save_entry (store, f->assessment_id, "1.1.2", "met=true", NULL);
  ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "1");
  ui_fixture_save_entry (store, f->assessment_id, "2.1.1", "on_time=9;resolved=10", NULL);

  document.kind = (char *) "KH";
  document.number = (char *) "06/KH-KCNĐN";
  document.issue_date = (char *) "2023-01-21";
  document.issuer = (char *) UNIT;
  document.summary = (char *) "Kế hoạch cải cách hành chính năm 2023";
  document_id = par_store_add_document (store, &document, &error);
  g_assert_no_error (error);
  link.document_id = document_id;
  link.assessment_id = f->assessment_id;
  link.code = (char *) "1.1.1";
  par_store_link_evidence (store, &link, &error);
  g_assert_no_error (error);

  write_plan_pdf (pdf);
  attachment_id = par_store_attach_file (store, document_id, pdf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (attachment_id, >, 0);
  attachments = par_store_list_attachments (store, document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attachments->len, ==, 1);
  f->blob = par_store_attachment_path (store, g_ptr_array_index (attachments, 0));
  g_assert_true (g_file_test (f->blob, G_FILE_TEST_IS_REGULAR));
}

/* Application lifetime */

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  return f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.Pack%u", ++serial);

  f->dir = g_dir_make_tmp ("parscore-pack-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->out_dir = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out_dir, 0755), ==, 0);
  create_database (f);

  f->app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 800);
  g_assert_true (ui_wait_for (window_mapped, f, STATE_BOUND_MS));
  g_assert_true (par_window_open_assessment (f->window, f->assessment_id, &error));
  g_assert_no_error (error);
}

static gboolean
no_windows (gpointer data)
{
  Fixture *f = data;
  return gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL;
}


static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* GTK's own */

  /* Outcome dialogs first, then the window. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      if (ADW_IS_MESSAGE_DIALOG (window))
        gtk_window_destroy (window);
    }
  if (f->window != NULL)
    {
      gtk_window_close (GTK_WINDOW (f->window));
      g_assert_true (ui_wait_for (no_windows, f, STATE_BOUND_MS));
    }
  par_pack_export_set_stepwise (FALSE);
  g_clear_object (&f->app);
  ui_assert_closed_under (f->dir);
  par_test_remove_tree (f->dir);
  g_free (f->blob);
  g_free (f->out_dir);
  g_free (f->db);
  g_free (f->dir);
}

/* The export */

static gboolean
export_finished (gpointer data)
{
  ParPackExportDialog *dialog = data;
  return !par_pack_export_dialog_is_running (dialog) && !gtk_widget_get_visible (GTK_WIDGET (dialog));
}

static gboolean
worker_waiting (gpointer data)
{
  return par_pack_export_dialog_is_waiting (data);
}


/* Lets a stepwise export go on until the dialog shows a step starting with @prefix, where the
 * worker stays stopped. */
static void
hold_at_step (ParPackExportDialog *dialog,
              const char          *prefix)
{
  GtkLabel *step = GTK_LABEL (ui_find_named (GTK_WIDGET (dialog), "step"));

  for (;;)
    {
      g_assert_true (ui_wait_for (worker_waiting, dialog, STATE_BOUND_MS));
      if (g_str_has_prefix (gtk_label_get_text (step), prefix))
        return;
      par_pack_export_dialog_next_step (dialog);
    }
}

/* Start the export to @name in the output folder; returns the dialog, with a reference. */
static ParPackExportDialog *
start_export (Fixture    *f,
              const char *name,
              GFile     **dest)
{
  g_autofree char *path = g_build_filename (f->out_dir, name, NULL);
  ParPackExportDialog *dialog;

  *dest = g_file_new_for_path (path);
  dialog = par_pack_export_start (f->window, *dest);
  g_assert_nonnull (dialog);
  g_assert_true (par_pack_export_dialog_is_running (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  return g_object_ref (dialog);
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
toast_page_count (Fixture *f)
{
  GtkLabel *label = find_label (GTK_WIDGET (f->window), "Evidence pack exported");
  return label != NULL ? g_strdup (gtk_label_get_text (label)) : NULL;
}

static void
test_suggested_name (void)
{
  g_autofree char *name = par_pack_export_suggest_name ("Ban Quản lý các Khu công nghiệp Đồng Nai", 2023);
  g_autofree char *odd = par_pack_export_suggest_name ("  Sở Nội vụ / Phòng CCHC (tỉnh Cà Mau)  ", 2020);
  g_autofree char *empty = par_pack_export_suggest_name ("", 2021);
  g_autofree char *long_name = par_pack_export_suggest_name ("Ủy ban nhân dân xã Tân Hưng Đông huyện Cái Nước tỉnh Cà Mau và các đơn vị trực thuộc", 2022);

  g_assert_cmpstr (name, ==, "Ho-so-CCHC-2023-Ban-Quan-ly-cac-Khu-cong-nghiep-Dong-Nai.pdf");
  g_assert_cmpstr (odd, ==, "Ho-so-CCHC-2020-So-Noi-vu-Phong-CCHC-tinh-Ca-Mau.pdf");
  g_assert_cmpstr (empty, ==, "Ho-so-CCHC-2021.pdf");
  /* Whole words, about 60 characters of the name at most. */
  g_assert_true (g_str_has_prefix (long_name, "Ho-so-CCHC-2022-Uy-ban-nhan-dan-xa-Tan-Hung-Dong-"));
  g_assert_true (g_str_has_suffix (long_name, ".pdf"));
  g_assert_cmpuint (strlen (long_name), <=, strlen ("Ho-so-CCHC-2022") + 61 + strlen (".pdf"));
  for (const char *p = long_name; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '.');
}

static gboolean
export_button_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = ui_find_named (GTK_WIDGET (f->window), "export-pack");

  return button != NULL && gtk_widget_get_mapped (button);
}

/* The action is there when a year is open, with its shortcut, menu item and overview button. */
static void
test_action (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *button;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-overview", NULL));
  g_assert_true (ui_wait_for (export_button_shown, f, STATE_BOUND_MS));
  button = ui_find_named (GTK_WIDGET (f->window), "export-pack");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.export-pack");
  g_assert_true (gtk_widget_is_sensitive (button));
}

/* The export runs, the dialog closes, a toast gives the page count, and the file holds the
 * generated pages and the attached document's. */
static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = start_export (f, "pack.pdf", &dest);
  g_autoptr(GError) error = NULL;
  PopplerDocument *pdf;
  g_autofree char *uri = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *expected = NULL;
  gboolean found_attached = FALSE;
  int n_pages;

  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_true (g_file_query_exists (dest, NULL));
  g_assert_cmpuint (count_files (f->out_dir), ==, 1);

  uri = g_file_get_uri (dest);
  pdf = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  n_pages = poppler_document_get_n_pages (pdf);
  g_assert_cmpint (n_pages, >, ATTACHED_PAGES);
  for (int i = 0; i < n_pages && !found_attached; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *text = poppler_page_get_text (page);
      found_attached = strstr (text, "Reform plan page 2 of 3") != NULL;
      g_object_unref (page);
    }
  g_assert_true (found_attached);
  g_object_unref (pdf);

  /* The toast says how many pages the file has. */
  toast = toast_page_count (f);
  g_assert_nonnull (toast);
  expected = g_strdup_printf ("Evidence pack exported — %d pages", n_pages);
  g_assert_cmpstr (toast, ==, expected);
  g_assert_nonnull (find_label (GTK_WIDGET (f->window), "Open"));
  /* Nothing was left out, so nothing more to say. */
  g_assert_null (find_toplevel ("pack-problems"));
  g_assert_null (find_toplevel ("pack-failed"));
  ui_save_screenshot (GTK_WIDGET (f->window), "pack-export-toast");
}

/* Cancel in the middle of the merge (the worker held there): the dialog closes when the worker
 * has stopped, and no file is left, not even a temporary one. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;
  GtkWidget *cancel;
  GtkLabel *step;

  par_pack_export_set_stepwise (TRUE);
  dialog = start_export (f, "cancelled.pdf", &dest);
  cancel = ui_find_named (GTK_WIDGET (dialog), "cancel");
  step = GTK_LABEL (ui_find_named (GTK_WIDGET (dialog), "step"));
  hold_at_step (dialog, "Merging document 1 of 1");
  /* the pack is being written beside its destination */
  g_assert_cmpuint (count_files (f->out_dir), ==, 1);
  g_assert_false (g_file_query_exists (dest, NULL));

  g_assert_nonnull (cancel);
  /* What a click on it does (a button's "clicked" comes a moment after its activation). */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (cancel)), ==, "export.cancel");
  g_assert_true (gtk_widget_activate_action (cancel, "export.cancel", NULL));
  /* Clicked: it says so and cannot be clicked again, and stays until the worker is done. */
  g_assert_cmpstr (gtk_label_get_text (step), ==, "Cancelling…");
  g_assert_false (gtk_widget_is_sensitive (cancel));

  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  /* the outcome is decided when the worker's result arrives: nothing more can come */
  g_assert_false (g_file_query_exists (dest, NULL));
  g_assert_cmpuint (count_files (f->out_dir), ==, 0);
  g_assert_null (toast_page_count (f));
  g_assert_null (find_toplevel ("pack-failed"));
  g_assert_null (find_toplevel ("pack-problems"));
}

/* Closing the dialog (its close button, the window manager) cancels too, and it stays until
 * the worker has stopped. */
static void
test_close_cancels (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;

  par_pack_export_set_stepwise (TRUE);
  dialog = start_export (f, "escaped.pdf", &dest);
  hold_at_step (dialog, "Checking file");
  gtk_window_close (GTK_WINDOW (dialog));
  /* Still there while the worker stops. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_false (g_file_query_exists (dest, NULL));
  g_assert_cmpuint (count_files (f->out_dir), ==, 0);
}

/* The main loop runs while the pack is made, and the dialog follows the worker: held at each
 * step in turn, the worker waits while the main loop shows that step. */
typedef struct {
  guint      label_changes;
  GPtrArray *steps;
} Watch;

static void
on_step_changed (GtkLabel   *label,
                 GParamSpec *pspec,
                 Watch      *w)
{
  w->label_changes++;
  g_ptr_array_add (w->steps, g_strdup (gtk_label_get_text (label)));
}

static gboolean
waiting_or_done (gpointer data)
{
  return par_pack_export_dialog_is_waiting (data) || !par_pack_export_dialog_is_running (data);
}

static void
test_responsive (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  Watch w = { 0, steps };
  GtkLabel *step;
  GtkProgressBar *bar;
  gboolean shot = FALSE;
  double last_fraction = 0;
  guint stops = 0;

  par_pack_export_set_stepwise (TRUE);
  dialog = start_export (f, "responsive.pdf", &dest);
  step = GTK_LABEL (ui_find_named (GTK_WIDGET (dialog), "step"));
  bar = GTK_PROGRESS_BAR (ui_find_named (GTK_WIDGET (dialog), "progress"));
  g_signal_connect (step, "notify::label", G_CALLBACK (on_step_changed), &w);

  for (;;)
    {
      g_assert_true (ui_wait_for (waiting_or_done, dialog, STATE_BOUND_MS));
      if (!par_pack_export_dialog_is_running (dialog))
        break;
      stops++;
      g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >=, last_fraction);
      last_fraction = gtk_progress_bar_get_fraction (bar);
      if (!shot && g_str_has_prefix (gtk_label_get_text (step), "Merging document"))
        {
          ui_save_screenshot (GTK_WIDGET (dialog), "pack-export-progress");
          shot = TRUE;
        }
      par_pack_export_dialog_next_step (dialog);
    }

  /* every stage shown, in order */
  {
    static const char *const want[] = {
      "Checking file 1 of 1: KH-06-2023.pdf",
      "Drawing the summary table and charts…",
      "Merging document 1 of 1: 06/KH-KCNĐN",
      "Numbering the pages and writing the links…",
    };
    guint next = 0;

    for (guint i = 0; i < steps->len; i++)
      {
        g_test_message ("step: %s", (char *) g_ptr_array_index (steps, i));
        if (next < G_N_ELEMENTS (want) && g_str_equal (g_ptr_array_index (steps, i), want[next]))
          next++;
      }
    g_assert_cmpuint (next, ==, G_N_ELEMENTS (want));
  }
  g_assert_true (shot);
  g_assert_cmpuint (stops, >=, 4);
  g_assert_cmpfloat (last_fraction, >, 0.5);
  g_test_message ("%u steps shown while the worker waited, %u step labels", stops, w.label_changes);

  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_true (g_file_query_exists (dest, NULL));
}

/* A file that cannot go into the pack is named in a dialog with its reason; the pack is made. */
static void
test_problem_listed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *problems;
  GtkWidget *list;
  AdwActionRow *row;

  g_assert_cmpint (g_unlink (f->blob), ==, 0);
  dialog = start_export (f, "with-problem.pdf", &dest);
  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_true (g_file_query_exists (dest, NULL));
  toast = toast_page_count (f);
  g_assert_nonnull (toast);

  problems = find_toplevel ("pack-problems");
  g_assert_nonnull (problems);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (problems)), ==,
                   "1 File Left Out");
  list = ui_find_named (GTK_WIDGET (problems), "problem-list");
  g_assert_nonnull (list);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "KH-06-2023.pdf");
  /* the document and the file, by the names the person knows; no hash, no store path */
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Missing · Document 06/KH-KCNĐN: the stored copy of “KH-06-2023.pdf” is missing "
                   "from the attachments folder.");
  ui_save_screenshot (GTK_WIDGET (problems), "pack-export-problems");
}

/* A destination that cannot be written: a dialog with the reason, no toast, nothing written. */
static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = start_export (f, "no-such-folder/pack.pdf", &dest);
  GtkWindow *failed;

  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  failed = find_toplevel ("pack-failed");
  g_assert_nonnull (failed);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (failed)), ==,
                   "The Evidence Pack Was Not Exported");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (failed)), !=, "");
  g_test_message ("failure: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (failed)));
  g_assert_null (toast_page_count (f));
  g_assert_cmpuint (count_files (f->out_dir), ==, 0);
}

/* While one export runs, asking again shows the same dialog. */
static void
test_one_at_a_time (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GFile) other = g_file_new_build_filename (f->out_dir, "other.pdf", NULL);
  g_autoptr(ParPackExportDialog) dialog = start_export (f, "first.pdf", &dest);

  g_assert_true (par_pack_export_start (f->window, other) == dialog);
  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_true (g_file_query_exists (dest, NULL));
  g_assert_false (g_file_query_exists (other, NULL));
}

/* Closing the window during an export stops the export: nothing is written, nothing is
 * shown on a window that is gone, and the application waits for the worker. */
static void
test_window_closed (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;

  par_pack_export_set_stepwise (TRUE);
  dialog = start_export (f, "closed.pdf", &dest);
  hold_at_step (dialog, "Drawing the summary");
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (no_windows, f, STATE_BOUND_MS));
  f->window = NULL;
  /* the worker's result, when it comes, decides what is shown: nothing, on a window gone */
  g_assert_true (ui_wait_for (export_finished, dialog, STATE_BOUND_MS));
  g_assert_false (g_file_query_exists (dest, NULL));
  g_assert_cmpuint (count_files (f->out_dir), ==, 0);
  g_assert_null (find_toplevel ("pack-failed"));
}

int
main (int   argc,
      char *argv[])
{
  /* No test waits for a time: those that need the worker in the middle of an export hold it
   * at a step (par_pack_export_set_stepwise) and wait for it to be there. */
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/pack-export/suggested-name", test_suggested_name);
  ADD ("/pack-export/action", test_action);
  ADD ("/pack-export/export", test_export);
  ADD ("/pack-export/cancel", test_cancel);
  ADD ("/pack-export/close-cancels", test_close_cancels);
  ADD ("/pack-export/responsive", test_responsive);
  ADD ("/pack-export/problem-listed", test_problem_listed);
  ADD ("/pack-export/failure", test_failure);
  ADD ("/pack-export/one-at-a-time", test_one_at_a_time);
  ADD ("/pack-export/window-closed", test_window_closed);
#undef ADD

  return g_test_run ();
}
