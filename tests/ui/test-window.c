/* test-window.c — the real window, driven in-process on a temporary database.
 *
 * Runs under tests/ui/run-ui-test (Xvfb + a private D-Bus session). Each test opens the
 * application as a user would see it, acts through the widgets' own signals (typing sets an
 * editable's text, clicks activate buttons, a drop emits the drop target's signal), then
 * checks what the window shows and what the store holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "par-application.h"
#include "par-criterion-page.h"
#include "par-document-dialog.h"
#include "par-link-dialog.h"
#include "par-unit-dialog.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"
#include "par-test-util.h"

/* Every wait is for a state; the bound is only there to end a test that hangs. */
#define WAIT_MS 30000

typedef struct {
  char           *dir;
  char           *db;
  gint64          assessment_id;
  ParApplication *app;
  ParWindow      *window;
} Fixture;

/* Main loop helpers */




/* Widgets by name (set in the templates and on input rows) */



static void
collect_type (GtkWidget *root,
              GType      type,
              GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && gtk_widget_get_visible (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_type (child, type, out);
}

static GtkWidget *
page (Fixture *f)
{
  return ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_CRITERION_PAGE);
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = ui_find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
score_text (Fixture *f)
{
  return gtk_label_get_label (GTK_LABEL (ui_find_named (page (f), "score")));
}

typedef struct {
  Fixture    *f;
  const char *text;
} Expect;

static gboolean
score_is (gpointer data)
{
  Expect *e = data;
  return g_strcmp0 (score_text (e->f), e->text) == 0;
}

/* A click on a button lands a moment after its activation: wait for what it does. */
static void
wait_score (Fixture    *f,
            const char *text)
{
  Expect e = { f, text };

  ui_wait_for (score_is, &e, WAIT_MS);
  g_assert_cmpstr (score_text (f), ==, text);
}

typedef struct {
  GListModel *model;
  guint       n;
} Rows;

static gboolean
has_rows (gpointer data)
{
  Rows *r = data;
  return g_list_model_get_n_items (r->model) == r->n;
}

static void
wait_rows (GListModel *model,
           guint       n)
{
  Rows r = { model, n };

  ui_wait_for (has_rows, &r, WAIT_MS);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
}

typedef struct {
  GtkWidget  *label;
  const char *text;
} LabelIs;

static gboolean
label_is (gpointer data)
{
  LabelIs *l = data;
  return g_strcmp0 (gtk_label_get_label (GTK_LABEL (l->label)), l->text) == 0;
}

static void
wait_label (GtkWidget  *label,
            const char *text)
{
  LabelIs l = { label, text };

  ui_wait_for (label_is, &l, WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, text);
}

static gboolean
can_click (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_is_sensitive (data);
}

/* A button does nothing until it is on screen; activated, it clicks a moment later. */
static void
click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (ui_wait_for (can_click, button, WAIT_MS));
  g_assert_true (gtk_widget_activate (button));
}

static gboolean
is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
one_row (gpointer data)
{
  return gtk_list_box_get_row_at_index (data, 0) != NULL
         && gtk_list_box_get_row_at_index (data, 1) == NULL;
}

/* Typing, as a user does it: one character at a time at the end of the text. */
static void
type_into (GtkWidget  *editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), "");
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;
      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
      g_main_context_iteration (NULL, FALSE);
    }
}

/* Screenshots of the window, written to the build folder */

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  ui_save_screenshot (GTK_WIDGET (f->window), name);
}

/* Application lifetime */

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  return f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void open_app_sized (Fixture *f, gboolean force_size);

static void
open_app (Fixture *f)
{
  open_app_sized (f, TRUE);
}

static void
open_app_keeping_size (Fixture *f)
{
  open_app_sized (f, FALSE);
}

static void
open_app_sized (Fixture  *f,
                gboolean  force_size)
{
  g_autoptr(GError) error = NULL;

  static guint serial;
  g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.Test%u", ++serial);

  /* Each opening its own bus name: a closed instance may linger until the test ends. */
  f->app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  if (force_size)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 800);
  g_assert_true (ui_wait_for (window_mapped, f, WAIT_MS));
}

static gboolean
no_windows (gpointer data)
{
  Fixture *f = data;
  return gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL;
}

/* Close the window as the user does, then let the application go (its writer flushes). */
static void
close_app (Fixture *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (no_windows, f, WAIT_MS));
  f->window = NULL;
  g_clear_object (&f->app);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  if (data == NULL)
    {
      f->assessment_id = ui_fixture_create (f->db, xml, &error);
      g_assert_no_error (error);
      g_assert_cmpint (f->assessment_id, >, 0);
    }
  open_app (f);
}


static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    close_app (f);
  g_clear_object (&f->app);
  par_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

static char *
dump (Fixture    *f,
      const char *code)
{
  g_autoptr(GError) error = NULL;
  char *text = ui_fixture_dump_entry (f->db, f->assessment_id, code, &error);

  g_assert_no_error (error);
  return text;
}

/* Pick a row of the sidebar tree as a click would: through its selection model. */
static void
pick_in_tree (Fixture    *f,
              const char *code)
{
  GtkListView *view = GTK_LIST_VIEW (named (f, "tree"));
  GtkSelectionModel *selection = gtk_list_view_get_model (view);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autofree char *item_code = NULL;

      g_object_get (item, "code", &item_code, NULL);
      /* Open the field and the criterion on the way, as a click on their arrows does. */
      if (item_code != NULL && g_str_has_prefix (code, item_code) && code[strlen (item_code)] == '.')
        gtk_tree_list_row_set_expanded (row, TRUE);
      if (g_strcmp0 (item_code, code) == 0)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          g_assert_cmpstr (par_window_get_current_code (f->window), ==, code);
          g_assert_cmpstr (par_criterion_page_get_code (PAR_CRITERION_PAGE (page (f))), ==, code);
          return;
        }
    }
  g_error ("%s is not in the tree", code);
}

static gboolean
writer_idle (gpointer data)
{
  Fixture *f = data;
  return par_writer_get_pending (par_context_get_writer (par_window_get_context (f->window))) == 0;
}

/* Tests */

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) accels = NULL;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (named (f, "welcome-page")));
  /* The shortcuts window is there, on Ctrl+? as in every GNOME app. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.show-help-overlay");
  g_assert_nonnull (accels);
  g_assert_nonnull (accels[0]);
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  save_screenshot (f, "welcome");
}

static void
test_compute_as_typed (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *done, *planned;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  pick_in_tree (f, "1.1.1");
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "criterion");

  done = named (f, "done");
  planned = named (f, "planned");
  g_assert_cmpstr (score_text (f), ==, "— / 2.00");

  type_into (done, "9");
  type_into (planned, "10");
  /* 9/10 = 90 %: not above 90, from 70 → 1 point. */
  g_assert_cmpstr (score_text (f), ==, "1.00 / 2.00");

  /* The Vietnamese way of writing thousands is understood as typed. */
  type_into (done, "4.891");
  type_into (planned, "4.898");
  g_assert_cmpstr (score_text (f), ==, "2.00 / 2.00");
  g_assert_false (gtk_widget_has_css_class (done, "error"));

  /* Nonsense is flagged on the row and does not count. */
  type_into (done, "abc");
  g_assert_true (gtk_widget_has_css_class (done, "error"));
  g_assert_cmpstr (score_text (f), ==, "— / 2.00");
  type_into (done, "4891");
  g_assert_false (gtk_widget_has_css_class (done, "error"));
  g_assert_cmpstr (score_text (f), ==, "2.00 / 2.00");

  /* Within a second it is in the database, without any Save. */
  g_assert_true (ui_wait_for (writer_idle, f, WAIT_MS));
  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  {
    g_autofree char *stored = dump (f, "1.1.1");
    g_assert_cmpstr (stored, ==, "input done=4891\ninput planned=4898\nlinks 0\n");
  }
  save_screenshot (f, "criterion");
}

static void
test_manual_and_boolean (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *spin_button;

  pick_in_tree (f, "1.1.3");
  spin_button = named (f, "manual-score");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (spin_button)))));
  type_into (spin_button, "0,75");
  g_assert_cmpstr (score_text (f), ==, "0.75 / 1.00");
  /* Clamped to the maximum, rounded down to the step. */
  type_into (spin_button, "3");
  g_assert_cmpstr (score_text (f), ==, "1.00 / 1.00");
  type_into (spin_button, "0.6");
  g_assert_cmpstr (score_text (f), ==, "0.50 / 1.00");

  pick_in_tree (f, "1.1.2");
  {
    g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
    collect_type (page (f), GTK_TYPE_TOGGLE_BUTTON, toggles);
    g_assert_cmpuint (toggles->len, ==, 2);
    /* An activated button clicks a moment later, as if pressed and released. */
    click (g_ptr_array_index (toggles, 0));   /* Yes */
    wait_score (f, "1.00 / 1.00");
    click (g_ptr_array_index (toggles, 1));   /* No */
    wait_score (f, "0.00 / 1.00");
    g_assert_false (gtk_toggle_button_get_active (g_ptr_array_index (toggles, 0)));
  }

  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  {
    g_autofree char *manual = dump (f, "1.1.3");
    g_autofree char *boolean = dump (f, "1.1.2");
    g_assert_cmpstr (manual, ==, "links 0\nself 0.50\n");
    g_assert_cmpstr (boolean, ==, "input met=false\nlinks 0\n");
  }
}

static gboolean
has_dialog (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
get_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (ui_wait_for (has_dialog, GSIZE_TO_POINTER (type), WAIT_MS));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

static guint
count_documents (Fixture *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (page (f) == NULL)
    return 0;
  collect_type (page (f), ADW_TYPE_EXPANDER_ROW, rows);
  return rows->len;
}

typedef struct {
  Fixture *f;
  guint    n;
} Count;

static gboolean
documents_shown (gpointer data)
{
  Count *c = data;
  return count_documents (c->f) == c->n;
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static GtkDropTarget *
drop_target_of (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

static void
drop_files (GtkWidget  *widget,
            const char *path)
{
  GtkDropTarget *target = drop_target_of (widget);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList *files = g_slist_prepend (NULL, file);
  GdkFileList *list = gdk_file_list_new_from_list (files);
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);
  g_value_unset (&value);
  g_slist_free (files);
}

static gboolean
attachments_stored (gpointer data)
{
  Count *c = data;
  ParStore *store = par_context_get_store (par_window_get_context (c->f->window));
  g_autoptr(GPtrArray) links = par_store_list_evidence (store, c->f->assessment_id, "1.1.1", NULL);
  g_autoptr(GPtrArray) attachments = NULL;

  if (links == NULL || links->len == 0)
    return FALSE;
  attachments = par_store_list_attachments (store, ((ParEvidenceLink *) g_ptr_array_index (links, 0))->document_id, NULL);
  return attachments != NULL && attachments->len == c->n;
}

static void
add_document (Fixture    *f,
              const char *code)
{
  g_autofree char *scan = write_file (f, "KH-06-2023.pdf", "%PDF-1.4\n% a plan\n");
  GtkWidget *dialog;
  GSList *files;
  g_autoptr(GFile) file = g_file_new_for_path (scan);
  Count shown = { f, 0 };

  pick_in_tree (f, code);
  shown.n = count_documents (f) + 1;
  click (named (f, "add-document"));
  dialog = get_dialog (PAR_TYPE_DOCUMENT_DIALOG);

  type_into (ui_find_named (dialog, "number"), "06/KH-KCN");
  type_into (ui_find_named (dialog, "issue-date"), "14/01/2023");
  type_into (ui_find_named (dialog, "issuer"), "Ban Quản lý các Khu công nghiệp");
  type_into (ui_find_named (dialog, "summary"), "Kế hoạch cải cách hành chính năm 2023");
  type_into (ui_find_named (dialog, "section"), "Mục II");
  /* The file as a drop on the dialog would give it. */
  files = g_slist_prepend (NULL, file);
  par_document_dialog_add_files (PAR_DOCUMENT_DIALOG (dialog), files);
  g_slist_free (files);
  g_assert_true (gtk_widget_get_sensitive (ui_find_named (dialog, "add")));
  click (ui_find_named (dialog, "add"));

  g_assert_true (ui_wait_for (documents_shown, &shown, WAIT_MS));
}

static void
test_document_and_attachment (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *second = write_file (f, "BC-2023.txt", "Báo cáo CCHC năm 2023\n");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  Count two = { f, 2 };
  ParStore *store;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(ParDocument) document = NULL;

  add_document (f, "1.1.1");
  collect_type (page (f), ADW_TYPE_EXPANDER_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "06/KH-KCN · 14/01/2023");

  /* A second file dropped on the document's row. */
  drop_files (g_ptr_array_index (rows, 0), second);
  g_assert_true (ui_wait_for (attachments_stored, &two, WAIT_MS));

  store = par_context_get_store (par_window_get_context (f->window));
  links = par_store_list_evidence (store, f->assessment_id, "1.1.1", NULL);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) g_ptr_array_index (links, 0))->section, ==, "Mục II");
  document = par_store_get_document (store, ((ParEvidenceLink *) g_ptr_array_index (links, 0))->document_id, NULL);
  g_assert_cmpstr (document->number, ==, "06/KH-KCN");
  g_assert_cmpstr (document->issue_date, ==, "2023-01-14");
  g_assert_cmpstr (document->kind, ==, "KH");

  {
    g_autoptr(GPtrArray) expanders = g_ptr_array_new ();
    collect_type (page (f), ADW_TYPE_EXPANDER_ROW, expanders);
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (ui_find_type (page (f), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    /* Down to the evidence, as a user scrolls to it. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    save_screenshot (f, "evidence");
  }
}

static void
test_remove_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  Count none = { f, 0 }, one = { f, 1 };
  GtkWidget *overlay, *undo = NULL;

  add_document (f, "1.1.1");
  collect_type (page (f), ADW_TYPE_EXPANDER_ROW, rows);
  collect_type (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "user-trash-symbolic") == 0)
      click (g_ptr_array_index (buttons, i));
  g_assert_true (ui_wait_for (documents_shown, &none, WAIT_MS));
  g_assert_true (gtk_widget_get_visible (ui_find_named (page (f), "explanation")));

  /* The toast's Undo brings the link back. */
  overlay = ui_find_type (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    collect_type (overlay, GTK_TYPE_BUTTON, all);
    for (guint i = 0; i < all->len; i++)
      {
        const char *label = gtk_button_get_label (g_ptr_array_index (all, i));
        if (label != NULL && strstr (label, "Undo") != NULL)
          undo = g_ptr_array_index (all, i);
      }
  }
  g_assert_nonnull (undo);
  click (undo);
  g_assert_true (ui_wait_for (documents_shown, &one, WAIT_MS));
}

static gboolean
applicable_is_9 (gpointer data)
{
  Fixture *f = data;
  ParResult *result = par_assessment_model_get_result (par_window_get_model (f->window));

  return par_result_get_total (result, NULL)->applicable_max == PAR_POINTS (9, 0);
}

static void
test_not_applicable (Fixture       *f,
                     gconstpointer  data)
{
  ParResult *result = par_assessment_model_get_result (par_window_get_model (f->window));
  GtkWidget *sw;

  g_assert_cmpint (par_result_get_total (result, NULL)->applicable_max, ==, PAR_POINTS (10, 0));

  pick_in_tree (f, "1.1.4");
  sw = named (f, "not-applicable");
  g_assert_true (gtk_widget_get_visible (sw));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (ui_wait_for (applicable_is_9, f, WAIT_MS));
  g_assert_cmpstr (score_text (f), ==, "N/A");

  /* The overview says it too. */
  par_window_show_code (f->window, NULL);
  /* The overview is filled when it is on screen. */
  wait_label (named (f, "total-detail"), "of 7.00 self-assessed; 9.00 with the survey");
  save_screenshot (f, "overview");

  /* Where N/A is not allowed, the switch is not offered. */
  pick_in_tree (f, "1.1.2");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (named (f, "not-applicable"), ADW_TYPE_ACTION_ROW)));
}

static void
test_close_reopen (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  pick_in_tree (f, "1.1.1");
  type_into (named (f, "done"), "95");
  type_into (named (f, "planned"), "100");
  add_document (f, "1.1.1");
  pick_in_tree (f, "1.1.4");
  gtk_switch_set_active (GTK_SWITCH (named (f, "not-applicable")), TRUE);
  pick_in_tree (f, "1.1.5");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (f, "explanation")));
  gtk_text_buffer_set_text (buffer, "Kế hoạch ban hành chậm do chờ hướng dẫn của tỉnh.", -1);
  type_into (named (f, "issued"), "20/01/2023");
  type_into (named (f, "deadline"), "15/01/2023");
  g_assert_cmpstr (score_text (f), ==, "0.50 / 1.00");

  /* Close at once: what was typed a moment ago must still be written. */
  close_app (f);
  open_app (f);

  pick_in_tree (f, "1.1.1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "done"))), ==, "95");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "planned"))), ==, "100");
  g_assert_cmpstr (score_text (f), ==, "2.00 / 2.00");
  g_assert_cmpuint (count_documents (f), ==, 1);

  pick_in_tree (f, "1.1.4");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (named (f, "not-applicable"))));

  pick_in_tree (f, "1.1.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "issued"))), ==, "20/01/2023");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (f, "explanation")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Kế hoạch ban hành chậm do chờ hướng dẫn của tỉnh.");
  g_assert_cmpstr (score_text (f), ==, "0.50 / 1.00");
}

static void
test_search_ignores_diacritics (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *entry = named (f, "search");
  GListModel *rows;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ke hoach tuyen truyen");
  /* The search entry reports a moment after the typing stops. */
  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (named (f, "tree"))));
  wait_rows (rows, 3);

  /* The field, its criterion and the one sub-criterion that matches. */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, 2);
    g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
    g_autofree char *code = NULL;
    g_object_get (item, "code", &code, NULL);
    g_assert_cmpstr (code, ==, "1.1.4");
  }

  /* Enter opens it. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "1.1.4");

  gtk_editable_set_text (GTK_EDITABLE (entry), "không có gì như thế này");
  wait_rows (rows, 0);
}

static void
test_next_incomplete (Fixture       *f,
                      gconstpointer  data)
{
  pick_in_tree (f, "1.1.1");
  type_into (named (f, "done"), "10");
  type_into (named (f, "planned"), "10");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (named (f, "explanation"))),
                            "Báo cáo đang trình ký.", -1);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-incomplete", NULL);
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "1.1.2");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-leaf", NULL);
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "1.1.3");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-leaf", NULL);
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "1.1.2");
}

static gboolean
is_locked (gpointer data)
{
  Fixture *f = data;
  return par_assessment_model_is_locked (par_window_get_model (f->window));
}

static gboolean
is_unlocked (gpointer data)
{
  return !is_locked (data);
}

static void
test_submit_and_unlock (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *dialog;
  ParStore *store;
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean unlock_audited = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.submit", NULL);
  dialog = get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  g_assert_true (ui_wait_for (is_locked, f, WAIT_MS));

  pick_in_tree (f, "1.1.1");
  g_assert_false (gtk_widget_is_sensitive (named (f, "done")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "add-document")));
  /* The council's scores stay open. */
  g_assert_true (gtk_widget_is_sensitive (named (f, "appraised")));
  save_screenshot (f, "locked");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL);
  dialog = get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  g_assert_true (ui_wait_for (is_unlocked, f, WAIT_MS));
  pick_in_tree (f, "1.1.2");
  pick_in_tree (f, "1.1.1");
  g_assert_true (gtk_widget_is_sensitive (named (f, "done")));

  store = par_context_get_store (par_window_get_context (f->window));
  assessment = par_store_get_assessment (store, f->assessment_id, NULL);
  g_assert_cmpint (assessment->status, ==, PAR_STATUS_DRAFT);
  audit = par_store_list_audit (store, 10, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      ParAuditEntry *entry = g_ptr_array_index (audit, i);
      if (strstr (entry->what, "status") != NULL && g_strcmp0 (entry->new_value, "draft") == 0)
        unlock_audited = TRUE;
    }
  g_assert_true (unlock_audited);
}

static void
test_invalid_framework (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bad = write_file (f, "bad.xml",
                                     "<?xml version=\"1.0\"?>\n"
                                     "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"x\" max=\"10\">\n"
                                     "  <title>Thiếu</title>\n"
                                     "</criteria-set>\n");
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  ParStore *store = par_context_get_store (par_window_get_context (f->window));
  g_autoptr(GPtrArray) before = par_store_list_frameworks (store, NULL);
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *dialog;

  par_window_import_framework (f->window, file);
  dialog = get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_test_message ("loader said: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "bad.xml:"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");

  after = par_store_list_frameworks (store, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

static gboolean
has_units (gpointer data)
{
  Fixture *f = data;
  return g_strcmp0 (par_window_get_page_name (f->window), "overview") == 0;
}

/* First run: import a set from the welcome page, create a unit, land on its overview. */
static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  GtkWidget *dialog;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
  par_window_import_framework (f->window, file);
  dialog = get_dialog (PAR_TYPE_UNIT_DIALOG);
  type_into (ui_find_named (dialog, "unit-name"), "Sở Nội vụ");
  g_assert_true (gtk_widget_get_sensitive (ui_find_named (dialog, "create")));
  click (ui_find_named (dialog, "create"));
  g_assert_true (ui_wait_for (has_units, f, WAIT_MS));
  pick_in_tree (f, "2.1.1");
  type_into (named (f, "on_time"), "4891");
  type_into (named (f, "resolved"), "4898");
  g_assert_cmpstr (score_text (f), ==, "2.00 / 2.00");
}


static gboolean
has_two_years (gpointer data)
{
  Fixture *f = data;
  ParStore *store = par_context_get_store (par_window_get_context (f->window));
  g_autoptr(GPtrArray) years = par_store_list_assessments (store, par_window_get_model (f->window) ?
                                                           par_assessment_model_get_assessment (par_window_get_model (f->window))->unit_id : 1,
                                                           NULL);
  return years != NULL && years->len == 2
         && par_assessment_model_get_year (par_window_get_model (f->window)) == 2024;
}

/* The next year starts from this one: same criteria set, the evidence links carried over. */
static void
test_start_next_year (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dialog;
  ParStore *store;
  g_autoptr(GPtrArray) links = NULL;

  add_document (f, "1.1.1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-year", NULL);
  dialog = get_dialog (PAR_TYPE_UNIT_DIALOG);
  g_assert_cmpint (par_unit_dialog_get_year (PAR_UNIT_DIALOG (dialog)), ==, 2024);
  g_assert_true (par_unit_dialog_get_copy_links (PAR_UNIT_DIALOG (dialog)));
  click (ui_find_named (dialog, "create"));
  g_assert_true (ui_wait_for (has_two_years, f, WAIT_MS));

  store = par_context_get_store (par_window_get_context (f->window));
  links = par_store_list_evidence (store, par_assessment_model_get_id (par_window_get_model (f->window)),
                                   "1.1.1", NULL);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) g_ptr_array_index (links, 0))->section, ==, "Mục II");
  pick_in_tree (f, "1.1.1");
  g_assert_cmpuint (count_documents (f), ==, 1);
}

/* Files dropped on a sub-criterion's page start a new document with them. */
static void
test_drop_on_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *scan = write_file (f, "QD-754-2023.pdf", "%PDF-1.4\n% a decision\n");
  GtkWidget *dialog;

  pick_in_tree (f, "2.1.1");
  drop_files (page (f), scan);
  dialog = get_dialog (PAR_TYPE_DOCUMENT_DIALOG);
  g_assert_cmpstr (par_document_dialog_get_files (PAR_DOCUMENT_DIALOG (dialog))[0], ==, scan);
  /* The file's name suggests the summary until the user writes one. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (dialog, "summary"))), ==, "QD-754-2023");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The window comes back at the size it was closed at; dark mode follows the system. */
static void
test_size_and_dark (Fixture       *f,
                    gconstpointer  data)
{
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  close_app (f);
  open_app_keeping_size (f);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 700);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ui_wait_for (is_dark, NULL, WAIT_MS));
  save_screenshot (f, "overview-dark");
  pick_in_tree (f, "1.1.1");
  save_screenshot (f, "criterion-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* One plan often backs several sub-criteria: link the document of 1.1.1 to 1.1.2 too. */
static void
test_link_existing (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog, *list;
  GtkListBoxRow *row;
  Count one = { f, 1 };

  add_document (f, "1.1.1");
  {
    /* Another document, that the search below leaves out. */
    ParDocument report = { 0, (char *) "BC", (char *) "12/BC-KCN", (char *) "2023-06-30",
                           NULL, (char *) "Báo cáo sơ kết 6 tháng" };
    g_assert_cmpint (par_store_add_document (par_context_get_store (par_window_get_context (f->window)),
                                             &report, NULL), >, 0);
  }
  pick_in_tree (f, "1.1.2");
  g_assert_cmpuint (count_documents (f), ==, 0);
  click (named (f, "link-document"));
  dialog = get_dialog (PAR_TYPE_LINK_DIALOG);
  list = ui_find_type (dialog, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  /* The search narrows the list without diacritics. */
  gtk_editable_set_text (GTK_EDITABLE (ui_find_type (dialog, GTK_TYPE_SEARCH_ENTRY)), "ke hoach");
  g_assert_true (ui_wait_for (one_row, list, WAIT_MS));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  gtk_list_box_select_row (GTK_LIST_BOX (list), row);
  gtk_editable_set_text (GTK_EDITABLE (ui_find_named (dialog, "link-pages")), "3-4");
  click (ui_find_named (dialog, "link"));
  g_assert_true (ui_wait_for (documents_shown, &one, WAIT_MS));
  {
    ParStore *store = par_context_get_store (par_window_get_context (f->window));
    g_autoptr(GPtrArray) links = par_store_list_evidence (store, f->assessment_id, "1.1.2", NULL);
    g_assert_cmpuint (links->len, ==, 1);
    g_assert_cmpstr (((ParEvidenceLink *) g_ptr_array_index (links, 0))->pages, ==, "3-4");
  }
}

static gboolean
demo_open (gpointer data)
{
  Fixture *f = data;
  ParWindow *window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  return window != NULL && par_window_get_model (window) != NULL;
}

/* First run: "Try the Demo Database" makes it with parscore-cli and opens it. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-demo", NULL);
  g_assert_true (ui_wait_for (demo_open, f, 2 * WAIT_MS));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  g_assert_true (g_str_has_suffix (par_context_get_db_path (par_window_get_context (f->window)), "demo.db"));
}

static gboolean
no_chooser (gpointer data)
{
  return !has_dialog (GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

/* The file choosers open (GTK's own dialog without a portal) and close cleanly. */
static void
test_choosers (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *chooser;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-framework", NULL);
  chooser = get_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (no_chooser, NULL, WAIT_MS));

  add_document (f, "1.1.1");
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GPtrArray) attach = g_ptr_array_new ();

    collect_type (page (f), ADW_TYPE_EXPANDER_ROW, rows);
    adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
    collect_type (g_ptr_array_index (rows, 0), ADW_TYPE_ACTION_ROW, attach);
    /* The last row of an open document is "Attach Files…". */
    g_signal_emit_by_name (g_ptr_array_index (attach, attach->len - 1), "activated");
  }
  chooser = get_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (no_chooser, NULL, WAIT_MS));
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/ui/welcome", Fixture, GINT_TO_POINTER (1), fixture_setup, test_welcome, fixture_teardown);
  g_test_add ("/ui/first-run", Fixture, GINT_TO_POINTER (1), fixture_setup, test_first_run, fixture_teardown);
  g_test_add ("/ui/compute-as-typed", Fixture, NULL, fixture_setup, test_compute_as_typed, fixture_teardown);
  g_test_add ("/ui/manual-and-boolean", Fixture, NULL, fixture_setup, test_manual_and_boolean, fixture_teardown);
  g_test_add ("/ui/document-and-attachment", Fixture, NULL, fixture_setup, test_document_and_attachment, fixture_teardown);
  g_test_add ("/ui/remove-with-undo", Fixture, NULL, fixture_setup, test_remove_with_undo, fixture_teardown);
  g_test_add ("/ui/not-applicable", Fixture, NULL, fixture_setup, test_not_applicable, fixture_teardown);
  g_test_add ("/ui/close-reopen", Fixture, NULL, fixture_setup, test_close_reopen, fixture_teardown);
  g_test_add ("/ui/search", Fixture, NULL, fixture_setup, test_search_ignores_diacritics, fixture_teardown);
  g_test_add ("/ui/next-incomplete", Fixture, NULL, fixture_setup, test_next_incomplete, fixture_teardown);
  g_test_add ("/ui/submit-unlock", Fixture, NULL, fixture_setup, test_submit_and_unlock, fixture_teardown);
  g_test_add ("/ui/invalid-framework", Fixture, NULL, fixture_setup, test_invalid_framework, fixture_teardown);
  g_test_add ("/ui/start-next-year", Fixture, NULL, fixture_setup, test_start_next_year, fixture_teardown);
  g_test_add ("/ui/drop-on-page", Fixture, NULL, fixture_setup, test_drop_on_page, fixture_teardown);
  g_test_add ("/ui/size-and-dark", Fixture, NULL, fixture_setup, test_size_and_dark, fixture_teardown);
  g_test_add ("/ui/link-existing", Fixture, NULL, fixture_setup, test_link_existing, fixture_teardown);
  g_test_add ("/ui/demo", Fixture, GINT_TO_POINTER (1), fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/ui/choosers", Fixture, NULL, fixture_setup, test_choosers, fixture_teardown);

  return g_test_run ();
}
