/* ui-app.c — driving the application's window in-process, as a user would: open and close it
 * on a temporary database, pick sub-criteria, type, click, and wait for what that shows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-criterion-page.h"
#include "par-document-dialog.h"
#include "par-test-util.h"
#include "ui-app.h"
#include "ui-fixture.h"

void
ui_collect_type (GtkWidget *root,
                 GType      type,
                 GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && gtk_widget_get_visible (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ui_collect_type (child, type, out);
}

GtkWidget *
ui_page (UiApp *f)
{
  return ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_CRITERION_PAGE);
}

GtkWidget *
ui_named (UiApp      *f,
          const char *name)
{
  GtkWidget *widget = ui_find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (widget);
  return widget;
}

const char *
ui_score_text (UiApp *f)
{
  return gtk_label_get_label (GTK_LABEL (ui_find_named (ui_page (f), "score")));
}

typedef struct {
  UiApp      *f;
  const char *text;
} Expect;

static gboolean
score_is (gpointer data)
{
  Expect *e = data;
  return g_strcmp0 (ui_score_text (e->f), e->text) == 0;
}

/* A click on a button lands a moment after its activation: wait for what it does. */
void
ui_wait_score (UiApp      *f,
               const char *text)
{
  Expect e = { f, text };

  ui_wait_for (score_is, &e, UI_WAIT_MS);
  g_assert_cmpstr (ui_score_text (f), ==, text);
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

void
ui_wait_rows (GListModel *model,
              guint       n)
{
  Rows r = { model, n };

  ui_wait_for (has_rows, &r, UI_WAIT_MS);
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

void
ui_wait_label (GtkWidget  *label,
               const char *text)
{
  LabelIs l = { label, text };

  ui_wait_for (label_is, &l, UI_WAIT_MS);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, text);
}

static gboolean
can_click (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_is_sensitive (data);
}

/* A button does nothing until it is on screen; activated, it clicks a moment later. */
void
ui_click (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (ui_wait_for (can_click, button, UI_WAIT_MS));
  g_assert_true (gtk_widget_activate (button));
}

/* Typing, as a user does it: one character at a time at the end of the text. */
void
ui_type_into (GtkWidget  *editable,
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

void
ui_app_screenshot (UiApp      *f,
                   const char *name)
{
  ui_save_screenshot (GTK_WIDGET (f->window), name);
}

/* Application lifetime */

static gboolean
window_mapped (gpointer data)
{
  UiApp *f = data;
  return f->window != NULL && gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void open_app_sized (UiApp *f, gboolean force_size, UiAppHook hook, gpointer data);

void
ui_app_open (UiApp *f)
{
  open_app_sized (f, TRUE, NULL, NULL);
}

void
ui_app_open_keeping_size (UiApp *f)
{
  open_app_sized (f, FALSE, NULL, NULL);
}

void
ui_app_open_watching (UiApp     *f,
                      UiAppHook  hook,
                      gpointer   data)
{
  open_app_sized (f, TRUE, hook, data);
}

static void
open_app_sized (UiApp     *f,
                gboolean   force_size,
                UiAppHook  hook,
                gpointer   data)
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
  if (hook != NULL)
    hook (f, data);
  g_assert_true (ui_wait_for (window_mapped, f, UI_WAIT_MS));
}

static gboolean
no_windows (gpointer data)
{
  UiApp *f = data;
  return gtk_application_get_windows (GTK_APPLICATION (f->app)) == NULL;
}

/* Close the window as the user does, then let the application go (its writer flushes). */
void
ui_app_close (UiApp *f)
{
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_true (ui_wait_for (no_windows, f, UI_WAIT_MS));
  f->window = NULL;
  g_clear_object (&f->app);
}

void
ui_app_setup (UiApp         *f,
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
  ui_app_open (f);
}


void
ui_app_teardown (UiApp         *f,
                 gconstpointer  data)
{
  if (f->window != NULL)
    ui_app_close (f);
  g_clear_object (&f->app);
  /* Closing the window closed the database (its writer too): nothing is left open on it. */
  ui_assert_closed_under (f->dir);
  par_test_remove_tree (f->dir);
  g_free (f->db);
  g_free (f->dir);
}

char *
ui_dump (UiApp      *f,
         const char *code)
{
  g_autoptr(GError) error = NULL;
  char *text = ui_fixture_dump_entry (f->db, f->assessment_id, code, &error);

  g_assert_no_error (error);
  return text;
}

/* Pick a row of the sidebar tree as a click would: through its selection model. */
void
ui_pick (UiApp      *f,
         const char *code)
{
  GtkListView *view = GTK_LIST_VIEW (ui_named (f, "tree"));
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
          g_assert_cmpstr (par_criterion_page_get_code (PAR_CRITERION_PAGE (ui_page (f))), ==, code);
          return;
        }
    }
  g_error ("%s is not in the tree", code);
}

gboolean
ui_writer_idle (gpointer data)
{
  UiApp *f = data;
  return par_writer_get_pending (par_context_get_writer (par_window_get_context (f->window))) == 0;
}

gboolean
ui_has_dialog (gpointer data)
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

GtkWidget *
ui_get_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (ui_wait_for (ui_has_dialog, GSIZE_TO_POINTER (type), UI_WAIT_MS));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

guint
ui_count_documents (UiApp *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (ui_page (f) == NULL)
    return 0;
  ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, rows);
  return rows->len;
}

gboolean
ui_documents_shown (gpointer data)
{
  UiCount *c = data;
  return ui_count_documents (c->f) == c->n;
}

char *
ui_write_file (UiApp      *f,
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

void
ui_drop_files (GtkWidget  *widget,
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

void
ui_add_document (UiApp      *f,
                 const char *code)
{
  g_autofree char *scan = ui_write_file (f, "KH-06-2023.pdf", "%PDF-1.4\n% a plan\n");
  GtkWidget *dialog;
  GSList *files;
  g_autoptr(GFile) file = g_file_new_for_path (scan);
  UiCount shown = { f, 0 };

  ui_pick (f, code);
  shown.n = ui_count_documents (f) + 1;
  ui_click (ui_named (f, "add-document"));
  dialog = ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG);

  ui_type_into (ui_find_named (dialog, "number"), "06/KH-KCN");
  ui_type_into (ui_find_named (dialog, "issue-date"), "14/01/2023");
  ui_type_into (ui_find_named (dialog, "issuer"), "Ban Quản lý các Khu công nghiệp");
  ui_type_into (ui_find_named (dialog, "summary"), "Kế hoạch cải cách hành chính năm 2023");
  ui_type_into (ui_find_named (dialog, "section"), "Mục II");
  /* The file as a drop on the dialog would give it. */
  files = g_slist_prepend (NULL, file);
  par_document_dialog_add_files (PAR_DOCUMENT_DIALOG (dialog), files);
  g_slist_free (files);
  g_assert_true (gtk_widget_get_sensitive (ui_find_named (dialog, "add")));
  ui_click (ui_find_named (dialog, "add"));

  g_assert_true (ui_wait_for (ui_documents_shown, &shown, UI_WAIT_MS));
}


GtkWidget *
ui_toast_button (UiApp      *f,
                 const char *label)
{
  GtkWidget *overlay = ui_find_type (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  ui_collect_type (overlay, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = gtk_button_get_label (g_ptr_array_index (buttons, i));
      if (text != NULL && strstr (text, label) != NULL)
        return g_ptr_array_index (buttons, i);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
on_after_paint (GdkFrameClock *clock,
                guint         *painted)
{
  (*painted)++;
}

static gboolean
painted_once (gpointer data)
{
  return *(guint *) data >= 1;
}

static gboolean
painted_twice (gpointer data)
{
  return *(guint *) data >= 2;
}

void
ui_wait_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  guint painted = 0;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);
  g_assert_true (ui_wait_for (painted_once, &painted, UI_WAIT_MS));
  /* That paint may have been of a frame begun before this call, laid out before the change:
   * ask for one more, which was not. A queued draw makes exactly one frame, so the second is
   * asked for here rather than hoped for from an animation. */
  gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);
  g_assert_true (ui_wait_for (painted_twice, &painted, UI_WAIT_MS));
  g_signal_handler_disconnect (clock, id);
}
