/* test-editor.c — the editor's defects of issue 10, each shown failing before its fix.
 *
 * Runs under tests/ui/run-ui-test (Xvfb + a private D-Bus session), in-process: the real
 * window on a temporary database, driven through its widgets (tests/ui/ui-app.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "par-criterion-page.h"
#include "par-document-dialog.h"
#include "par-tree-row.h"
#include "par-unit-dialog.h"
#include "par-writer.h"
#include "ui-app.h"
#include "ui-fixture.h"

/* What the sidebar shows for @code: the score label of its row, NULL if no row shows it. */
static const char *
sidebar_score (UiApp      *f,
               const char *code)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ui_collect_type (ui_named (f, "tree"), PAR_TYPE_TREE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ParTreeItem *item = par_tree_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && g_strcmp0 (par_tree_item_get_code (item), code) == 0)
        {
          g_autoptr(GPtrArray) labels = g_ptr_array_new ();

          ui_collect_type (g_ptr_array_index (rows, i), GTK_TYPE_LABEL, labels);
          for (guint j = 0; j < labels->len; j++)
            if (gtk_widget_has_css_class (g_ptr_array_index (labels, j), "score"))
              return gtk_label_get_label (g_ptr_array_index (labels, j));
        }
    }
  return NULL;
}

static GListModel *
tree_rows (UiApp *f)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (ui_named (f, "tree"))));
}

static void
search (UiApp      *f,
        const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (ui_named (f, "search")), text);
}

/* The codes the sidebar lists, in order: "2 2.1 2.1.1". */
static char *
listed_codes (UiApp *f)
{
  GListModel *rows = tree_rows (f);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(ParTreeItem) item = gtk_tree_list_row_get_item (row);

      g_string_append_printf (codes, "%s%s", codes->len > 0 ? " " : "",
                              par_tree_item_get_code (item) != NULL ? par_tree_item_get_code (item)
                                                                     : par_tree_item_get_title (item));
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

typedef struct {
  UiApp      *f;
  const char *codes;
} Listed;

static gboolean
lists (gpointer data)
{
  Listed *l = data;
  g_autofree char *codes = listed_codes (l->f);

  return g_strcmp0 (codes, l->codes) == 0;
}

/* Search for @text and wait for the sidebar to list @codes (the search entry reports a
 * moment after the typing stops). */
static void
search_lists (UiApp      *f,
              const char *text,
              const char *codes)
{
  Listed l = { f, codes };
  g_autofree char *listed = NULL;

  search (f, text);
  ui_wait_for (lists, &l, UI_WAIT_MS);
  listed = listed_codes (f);
  g_test_message ("\"%s\" lists %s", text, listed);
  g_assert_cmpstr (listed, ==, codes);
}

/* An edit shows in the sidebar at once, with or without a search: the leaf's score and its
 * parents' totals, as on the page. (The items were right; their rows never heard of it: a
 * notification freeze was never thawed.) */
static void
test_sidebar_follows_edits (UiApp         *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  ui_pick (f, "1.1.2");
  ui_collect_type (ui_page (f), GTK_TYPE_TOGGLE_BUTTON, toggles);
  ui_click (g_ptr_array_index (toggles, 0));   /* Yes */
  ui_wait_score (f, "1.00 / 1.00");
  g_assert_cmpstr (sidebar_score (f, "1.1.2"), ==, "1.00 / 1.00");
  g_assert_cmpstr (sidebar_score (f, "1.1"), ==, "1.00 / 6.00");

  search (f, "muc do hoan thanh");
  /* The field, its criterion and 1.1.1. */
  ui_wait_rows (tree_rows (f), 3);
  ui_pick (f, "1.1.1");
  g_assert_cmpstr (sidebar_score (f, "1.1.1"), ==, "— / 2.00");

  ui_type_into (ui_named (f, "done"), "10");
  ui_type_into (ui_named (f, "planned"), "10");
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");
  g_assert_cmpstr (sidebar_score (f, "1.1.1"), ==, "2.00 / 2.00");
  g_assert_cmpstr (sidebar_score (f, "1.1"), ==, "3.00 / 6.00");
  g_assert_cmpstr (sidebar_score (f, "1"), ==, "3.00 / 6.00");
}

/* Every word, in any order, without diacritics, in codes, titles and descriptions. */
static void
test_search_words (UiApp         *f,
                   gconstpointer  data)
{
  /* "Tỷ lệ hồ sơ giải quyết đúng hạn": not one run of text. */
  search_lists (f, "ho so dung han", "2 2.1 2.1.1");
  search_lists (f, "dung han ho so", "2 2.1 2.1.1");
  /* Its description: "Chấm bằng điều tra xã hội học." */
  search_lists (f, "xa hoi hoc  dieu tra", "2 2.1 2.1.2");
  /* A code and a word. */
  search_lists (f, "2.1 hai long", "2 2.1 2.1.2");
  /* A criterion found by its title shows what is in it. */
  search_lists (f, "Giải quyết thủ tục", "2 2.1 2.1.1 2.1.2");
  /* Words of a criterion and of one of its sub-criteria. */
  search_lists (f, "ke hoach tuyen truyen", "1 1.1 1.1.4");
  search_lists (f, "ke hoach tuyen truyen ho so", "");
}

/* The title of the first document row of the page. */
static const char *
document_title (UiApp *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, rows);
  return rows->len > 0 ? adw_preferences_row_get_title (g_ptr_array_index (rows, 0)) : NULL;
}

typedef struct {
  UiApp      *f;
  const char *title;
} Titled;

static gboolean
document_titled (gpointer data)
{
  Titled *t = data;
  return g_strcmp0 (document_title (t->f), t->title) == 0;
}

static void
wait_document_title (UiApp      *f,
                     const char *title)
{
  Titled t = { f, title };

  ui_wait_for (document_titled, &t, UI_WAIT_MS);
  g_assert_cmpstr (document_title (f), ==, title);
}

static ParDocument *
stored_document (UiApp           *f,
                 ParEvidenceLink **link_out)
{
  ParStore *store = par_context_get_store (par_window_get_context (f->window));
  g_autoptr(GPtrArray) links = par_store_list_evidence (store, f->assessment_id, "1.1.1", NULL);
  ParEvidenceLink *link;

  g_assert_cmpuint (links->len, ==, 1);
  link = g_ptr_array_index (links, 0);
  *link_out = g_ptr_array_steal_index (links, 0);
  return par_store_get_document (store, link->document_id, NULL);
}

/* Enter right after typing opens the single match: the search is applied then, without
 * waiting for the entry's pause. */
static void
test_search_enter_at_once (UiApp         *f,
                           gconstpointer  data)
{
  search (f, "ho so dung han");
  g_signal_emit_by_name (ui_named (f, "search"), "activate");
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "2.1.1");
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "criterion");

  /* And again with another search typed over it. */
  gtk_editable_set_text (GTK_EDITABLE (ui_named (f, "search")), "hai long");
  g_signal_emit_by_name (ui_named (f, "search"), "activate");
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "2.1.2");
}

/* A document's details can be corrected after it is added: audited, with Undo. */
static void
test_edit_document (UiApp         *f,
                    gconstpointer  data)
{
  GtkWidget *dialog;
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(ParEvidenceLink) link = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean number_audited = FALSE;

  ui_add_document (f, "1.1.1");
  g_assert_cmpstr (document_title (f), ==, "06/KH-KCN · 14/01/2023");
  {
    /* Down to the evidence, as a user scrolls to it. */
    GtkAdjustment *adjustment =
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (ui_find_type (ui_page (f), GTK_TYPE_SCROLLED_WINDOW)));

    ui_wait_frame (GTK_WIDGET (f->window));
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ui_wait_frame (GTK_WIDGET (f->window));
    ui_app_screenshot (f, "evidence-edit-button");
  }

  ui_click (ui_named (f, "edit-document"));
  dialog = ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG);
  /* It opens with what is stored. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (dialog, "number"))), ==, "06/KH-KCN");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (dialog, "issue-date"))), ==, "14/01/2023");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_named (dialog, "section"))), ==, "Mục II");
  ui_type_into (ui_find_named (dialog, "number"), "06/KH-KCNĐN");
  ui_type_into (ui_find_named (dialog, "issue-date"), "15/01/2023");
  ui_type_into (ui_find_named (dialog, "issuer"), "Ban Quản lý các KCN Đồng Nai");
  ui_type_into (ui_find_named (dialog, "summary"), "Kế hoạch CCHC năm 2023 của Ban");
  ui_type_into (ui_find_named (dialog, "section"), "Mục III");
  ui_type_into (ui_find_named (dialog, "pages"), "2-3");
  ui_save_screenshot (dialog, "edit-document");
  /* Enter in the field being typed in saves, as the button does. */
  g_assert_true (gtk_widget_grab_focus (ui_find_named (dialog, "pages")));
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (ui_find_named (dialog, "pages"))), "activate");
  wait_document_title (f, "06/KH-KCNĐN · 15/01/2023");
  ui_app_screenshot (f, "edited-document");

  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  document = stored_document (f, &link);
  g_assert_cmpstr (document->number, ==, "06/KH-KCNĐN");
  g_assert_cmpstr (document->issue_date, ==, "2023-01-15");
  g_assert_cmpstr (document->issuer, ==, "Ban Quản lý các KCN Đồng Nai");
  g_assert_cmpstr (document->summary, ==, "Kế hoạch CCHC năm 2023 của Ban");
  g_assert_cmpstr (document->kind, ==, "KH");
  g_assert_cmpstr (link->section, ==, "Mục III");
  g_assert_cmpstr (link->pages, ==, "2-3");

  audit = par_store_list_audit (par_context_get_store (par_window_get_context (f->window)), 20, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      ParAuditEntry *entry = g_ptr_array_index (audit, i);
      if (strstr (entry->what, "number") != NULL
          && g_strcmp0 (entry->old_value, "06/KH-KCN") == 0
          && g_strcmp0 (entry->new_value, "06/KH-KCNĐN") == 0)
        number_audited = TRUE;
    }
  g_assert_true (number_audited);

  /* Undo puts every detail back. */
  ui_click (ui_toast_button (f, "Undo"));
  wait_document_title (f, "06/KH-KCN · 14/01/2023");
  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  g_clear_pointer (&document, par_document_free);
  g_clear_pointer (&link, par_evidence_link_free);
  document = stored_document (f, &link);
  g_assert_cmpstr (document->number, ==, "06/KH-KCN");
  g_assert_cmpstr (document->issue_date, ==, "2023-01-14");
  g_assert_cmpstr (document->issuer, ==, "Ban Quản lý các Khu công nghiệp");
  g_assert_cmpstr (link->section, ==, "Mục II");
  g_assert_null (link->pages);
}

/* A new unit's first year is the previous one: a year is assessed once it is over. */
static void
test_new_unit_year (UiApp         *f,
                    gconstpointer  data)
{
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *dialog;

  par_window_import_framework (f->window, file);
  dialog = ui_get_dialog (PAR_TYPE_UNIT_DIALOG);
  g_assert_cmpint (par_unit_dialog_get_year (PAR_UNIT_DIALOG (dialog)), ==, g_date_time_get_year (now) - 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static int
sidebar_width (UiApp *f)
{
  ui_wait_frame (GTK_WIDGET (f->window));
  return gtk_widget_get_width (gtk_widget_get_ancestor (ui_named (f, "tree"), GTK_TYPE_BOX));
}

/* What the sidebar says of @code's status: its status icon's tooltip, NULL if it has none. */
static const char *
sidebar_status (UiApp      *f,
                const char *code)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ui_collect_type (ui_named (f, "tree"), PAR_TYPE_TREE_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ParTreeItem *item = par_tree_row_get_item (g_ptr_array_index (rows, i));

      if (item != NULL && g_strcmp0 (par_tree_item_get_code (item), code) == 0)
        {
          GtkWidget *image = ui_find_type (g_ptr_array_index (rows, i), GTK_TYPE_IMAGE);
          return image != NULL && gtk_widget_get_visible (image) ? gtk_widget_get_tooltip_text (image) : NULL;
        }
    }
  return NULL;
}

/* "Done" is the office's part: a brand-new year has nothing done, and a survey item is not
 * marked scored before the survey says anything. */
static void
test_done_is_the_office_part (UiApp         *f,
                              gconstpointer  data)
{
  par_window_show_code (f->window, "2.1.2");
  par_window_show_code (f->window, NULL);
  g_test_message ("2.1.2: %s %s; 2.1: %s %s", sidebar_score (f, "2.1.2"), sidebar_status (f, "2.1.2"),
                  sidebar_score (f, "2.1"), sidebar_status (f, "2.1"));
  ui_wait_label (ui_named (f, "progress"), "0 of 6 sub-criteria done · 1 scored by the survey");
  g_assert_cmpstr (sidebar_status (f, "2.1"), ==, NULL);
  g_assert_cmpstr (sidebar_score (f, "2.1.2"), ==, "— / 2.00");
  g_assert_cmpstr (sidebar_status (f, "2.1.2"), ==, "Waiting for the survey");

  ui_pick (f, "2.1.1");
  ui_type_into (ui_named (f, "on_time"), "9");
  ui_type_into (ui_named (f, "resolved"), "10");
  ui_wait_score (f, "1.80 / 2.00");
  /* Its one item of the office's is done: the criterion is, whatever the survey says. */
  g_assert_cmpstr (sidebar_status (f, "2.1"), ==, "All done");
  par_window_show_code (f->window, NULL);
  ui_wait_label (ui_named (f, "progress"), "1 of 6 sub-criteria done · 1 scored by the survey");
}

/* The sidebar keeps its width from one page to the next. */
static void
test_sidebar_width (UiApp         *f,
                    gconstpointer  data)
{
  int overview = sidebar_width (f);
  const char *codes[] = { "1.1.1", "1.1.4", "2.1.2", "T1", "1.1.3" };

  g_test_message ("overview: sidebar %d px", overview);
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      int width;

      par_window_show_code (f->window, codes[i]);
      width = sidebar_width (f);
      g_test_message ("%s: sidebar %d px", codes[i], width);
      g_assert_cmpint (width, ==, overview);
    }
  par_window_show_code (f->window, NULL);
  g_assert_cmpint (sidebar_width (f), ==, overview);
}

static const char *
label_of (UiApp      *f,
          const char *name)
{
  return gtk_label_get_label (GTK_LABEL (ui_named (f, name)));
}

/* The overview's field rows take one line each, their titles ellipsized when the window is
 * narrow, the whole title in the row's tooltip (measured once per layout pass, not once per
 * width tried: the start's first frame lays them out). They are rows of the group's boxed list
 * that open their field when activated, as the action rows they replace did. */
static GtkWidget *
row_label (GtkWidget  *row,
           const char *css_class)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  ui_collect_type (row, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), css_class))
      return g_ptr_array_index (labels, i);
  return NULL;
}

static void
test_overview_field_rows (UiApp         *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *second = NULL;
  guint fields = 0;

  ui_wait_label (ui_named (f, "total-title"), "Total · Final");
  ui_collect_type (GTK_WIDGET (f->window), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      GtkWidget *title_label, *subtitle_label;

      if (g_strcmp0 (title, "1  Công tác chỉ đạo, điều hành cải cách hành chính") != 0 &&
          g_strcmp0 (title, "2  Cải cách thủ tục hành chính") != 0)
        continue;
      fields++;
      if (title[0] == '2')
        second = row;
      g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, title);
      g_assert_true (GTK_IS_LIST_BOX (gtk_widget_get_parent (row)));
      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (row), "boxed-list"));
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-code");
      title_label = row_label (row, "title");
      subtitle_label = row_label (row, "subtitle");
      g_assert_nonnull (title_label);
      g_assert_nonnull (subtitle_label);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title_label)), ==, title);
      g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (subtitle_label)), " sub-criteria done"));
      for (GtkWidget *label = title_label; label != NULL; label = label == title_label ? subtitle_label : NULL)
        {
          g_assert_false (gtk_label_get_wrap (GTK_LABEL (label)));
          g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_END);
        }
    }
  g_assert_cmpuint (fields, ==, 2);

  /* Activated (Enter on the focused row, or a click), a row opens its field, at the field's
   * first sub-criterion. */
  g_assert_true (gtk_widget_activate (second));
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "criterion");
  g_assert_cmpstr (par_window_get_current_code (f->window), ==, "2.1.1");
}

static GtkWidget *
overview_row (UiApp      *f,
              const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  ui_collect_type (GTK_WIDGET (f->window), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
shows_locked_row (gpointer data)
{
  return overview_row (data, "Submitted: this year is locked against edits") != NULL;
}

/* The overview's one status row ("Everything is scored…", "Submitted…") is one line too. */
static void
test_overview_status_row (UiApp         *f,
                          gconstpointer  data)
{
  const char *title = "Submitted: this year is locked against edits";
  GtkWidget *dialog, *row, *label;

  ui_wait_label (ui_named (f, "total-title"), "Total · Final");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.submit", NULL);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  gtk_window_close (GTK_WINDOW (dialog));
  par_window_show_code (f->window, NULL);
  g_assert_true (ui_wait_for (shows_locked_row, f, UI_WAIT_MS));
  row = overview_row (f, title);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, title);
  label = row_label (row, "title");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, title);
  g_assert_false (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_END);
}

/* The overview says which scores it shows — final, appraised or self-assessed, the scorer's
 * columns, as the dashboard's Scores switch — and the sidebar shows the same column. */
static void
test_overview_column (UiApp         *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  /* Opens on the final scores; a year the council has not appraised says so. */
  ui_wait_label (ui_named (f, "total-title"), "Total · Final");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (ui_named (f, "column-final"))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (ui_named (f, "column-final"))), ==, "Final");
  g_assert_cmpstr (label_of (f, "column-note"), ==,
                   "Not appraised yet: the final scores are the self-assessed ones.");
  ui_click (ui_named (f, "column-appraised"));
  ui_wait_label (ui_named (f, "total-title"), "Total · Appraised");
  g_assert_cmpstr (label_of (f, "total"), ==, "—");
  g_assert_cmpstr (label_of (f, "total-detail"), ==, "not appraised");
  g_assert_cmpstr (label_of (f, "band"), ==, "—");
  g_assert_cmpstr (sidebar_score (f, "1"), ==, "— / 6.00");
  ui_click (ui_named (f, "column-final"));
  ui_wait_label (ui_named (f, "total-title"), "Total · Final");

  /* 1.1.2 self-assessed 1.00; 1.1.1 appraised 1.50 by the council. */
  ui_pick (f, "1.1.2");
  ui_collect_type (ui_page (f), GTK_TYPE_TOGGLE_BUTTON, toggles);
  ui_click (g_ptr_array_index (toggles, 0));   /* Yes */
  ui_wait_score (f, "1.00 / 1.00");
  ui_pick (f, "1.1.1");
  ui_type_into (ui_named (f, "appraised"), "1.5");
  par_window_show_code (f->window, NULL);

  ui_wait_label (ui_named (f, "total"), "2.50");
  g_test_message ("final: %s %s %s; %s", label_of (f, "total-detail"), label_of (f, "index"),
                  label_of (f, "band"), label_of (f, "column-note"));
  g_assert_cmpstr (label_of (f, "total-detail"), ==, "of 8.00 self-assessed; 10.00 with the survey");
  g_assert_cmpstr (label_of (f, "index-title"), ==, "Index · Final");
  g_assert_cmpstr (label_of (f, "index"), ==, "31.25 %");
  g_assert_cmpstr (label_of (f, "column-note"), ==,
                   "Appraised: 1 of 6 sub-criteria; the others count as self-assessed.");
  g_assert_cmpstr (sidebar_score (f, "1.1"), ==, "2.50 / 6.00");
  g_assert_cmpstr (sidebar_score (f, "1.1.1"), ==, "1.50 / 2.00");

  ui_click (ui_named (f, "column-appraised"));
  ui_wait_label (ui_named (f, "total"), "1.50");
  g_test_message ("appraised: %s %s %s; %s", label_of (f, "total-detail"), label_of (f, "index"),
                  label_of (f, "band"), label_of (f, "column-note"));
  g_assert_cmpstr (label_of (f, "total-title"), ==, "Total · Appraised");
  g_assert_cmpstr (label_of (f, "total-detail"), ==, "of 2.00 appraised");
  g_assert_cmpstr (label_of (f, "index"), ==, "75.00 %");
  g_assert_cmpstr (label_of (f, "column-note"), ==,
                   "Appraised: 1 of 6 sub-criteria; the others are not counted here.");
  /* The sidebar shows the same column: 1.1.2 has no appraised score. */
  g_assert_cmpstr (sidebar_score (f, "1.1"), ==, "1.50 / 6.00");
  g_assert_cmpstr (sidebar_score (f, "1.1.2"), ==, "— / 1.00");
  ui_app_screenshot (f, "overview-appraised");

  ui_click (ui_named (f, "column-self"));
  ui_wait_label (ui_named (f, "total"), "1.00");
  g_assert_cmpstr (label_of (f, "band-title"), ==, "Band · Self-assessed");
  g_assert_cmpstr (sidebar_score (f, "1.1.1"), ==, "— / 2.00");
  g_assert_cmpstr (sidebar_score (f, "1.1.2"), ==, "1.00 / 1.00");
  g_assert_cmpstr (sidebar_score (f, "1"), ==, "1.00 / 6.00");
}

static const char *
manual_subtitle (UiApp *f)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_ancestor (ui_named (f, "manual-score"),
                                                                              ADW_TYPE_ACTION_ROW)));
}

static char *
stored (UiApp      *f,
        const char *code)
{
  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  return ui_dump (f, code);
}

/* Types @text at the end of what @editable holds, one character at a time. */
static void
append_typed (GtkWidget  *editable,
              const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (editable), p, g_utf8_next_char (p) - p, &position);
    }
}

/* A manual score off the rule's step (0.30 on a 0.25 step) or above the maximum is refused
 * with the core check's message, and is not stored — it used to be rounded down to the step
 * (0.25), or to the maximum, and stored without a word. */
static void
test_manual_refused (UiApp         *f,
                     gconstpointer  data)
{
  GtkWidget *spin;
  g_autofree char *first = NULL;
  g_autofree char *step = NULL;
  g_autofree char *entered = NULL;
  g_autofree char *over = NULL;
  g_autofree char *fixed = NULL;

  ui_pick (f, "1.1.3");
  spin = ui_named (f, "manual-score");
  g_assert_cmpstr (manual_subtitle (f), ==, "From 0 to 1.00 in steps of 0.25");
  ui_type_into (spin, "0.75");
  ui_wait_score (f, "0.75 / 1.00");
  first = stored (f, "1.1.3");
  g_assert_cmpstr (first, ==, "links 0\nself 0.75\n");

  /* "0", then ".3": the 0 is a score; 0.3 is not. */
  ui_type_into (spin, "0");
  append_typed (spin, ".3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.3");
  g_assert_cmpstr (manual_subtitle (f), ==,
                   "1.1.3, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  g_assert_cmpstr (ui_score_text (f), ==, "0.00 / 1.00");
  step = stored (f, "1.1.3");
  g_assert_cmpstr (step, ==, "links 0\nself 0.00\n");
  ui_app_screenshot (f, "manual-refused");

  /* Enter (the spin button's own update) does not round it to the step either. */
  gtk_widget_activate (spin);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "0.3");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  entered = stored (f, "1.1.3");
  g_assert_cmpstr (entered, ==, "links 0\nself 0.00\n");

  /* Above the maximum. */
  ui_type_into (spin, "1");
  append_typed (spin, ".25");
  g_test_message ("1.25: %s", manual_subtitle (f));
  g_assert_cmpstr (manual_subtitle (f), ==,
                   "1.1.3, self-assessed score: 1.25 is more than the maximum; enter a score from 0.00 to 1.00");
  g_assert_cmpstr (ui_score_text (f), ==, "1.00 / 1.00");
  over = stored (f, "1.1.3");
  g_assert_cmpstr (over, ==, "links 0\nself 1.00\n");

  /* Corrected, it is stored and the row says its range again. */
  ui_type_into (spin, "0.5");
  ui_wait_score (f, "0.50 / 1.00");
  g_assert_cmpstr (manual_subtitle (f), ==, "From 0 to 1.00 in steps of 0.25");
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  fixed = stored (f, "1.1.3");
  g_assert_cmpstr (fixed, ==, "links 0\nself 0.50\n");
}

/* The council's scores are held to the same check: 1.5 on a 1.00 sub-criterion is refused with
 * its message (the editor had its own copy of the range rule, with no message). */
static void
test_council_refused (UiApp         *f,
                      gconstpointer  data)
{
  GtkWidget *appraised;
  AdwPreferencesGroup *group;
  g_autofree char *refused = NULL;
  g_autofree char *fixed = NULL;

  ui_pick (f, "1.1.2");
  appraised = ui_named (f, "appraised");
  group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (appraised, ADW_TYPE_PREFERENCES_GROUP));
  ui_type_into (appraised, "1.5");
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "1.1.2, appraised score: 1.50 is more than the maximum; enter a score from 0.00 to 1.00");
  g_assert_true (gtk_widget_has_css_class (appraised, "error"));
  refused = stored (f, "1.1.2");
  g_assert_cmpstr (refused, ==, "appraised 1.00\nlinks 0\n");

  /* Another page, and back: no message left over. */
  ui_pick (f, "1.1.3");
  ui_pick (f, "1.1.2");
  g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                   "The council's scores, once the province publishes them.");
  ui_type_into (appraised, "0.5");
  g_assert_false (gtk_widget_has_css_class (appraised, "error"));
  fixed = stored (f, "1.1.2");
  g_assert_cmpstr (fixed, ==, "appraised 0.50\nlinks 0\n");
}

/* Writes entries behind the app's back, as an older version, an import or another program
 * could have: what the core's check refuses. */
static void
store_raw (UiApp      *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &db), ==, SQLITE_OK);
  sqlite3_exec (db, sql, NULL, NULL, &message);
  g_assert_null (message);
  sqlite3_close (db);
}

/* "title: subtitle" of each row of the overview's list before submitting. */
static char *
blocker_rows (UiApp *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  ui_collect_type (ui_named (f, "blockers"), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

      g_string_append_printf (text, "%s%s%s\n",
                              adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                              subtitle != NULL && *subtitle != '\0' ? ": " : "",
                              subtitle != NULL ? subtitle : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Before submitting, the overview lists what is stored but the core's check refuses, with the
 * check's message: a manual score off its step, a ratio done above planned, a code the set
 * does not have. (They were listed as "Its figures are not valid", as scored, or not at all.) */
static void
test_overview_refused (UiApp         *f,
                       gconstpointer  data)
{
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;

  ui_app_close (f);
  sql = g_strdup_printf ("INSERT INTO entries (assessment_id, code, inputs, self_score) VALUES "
                         "(%" G_GINT64_FORMAT ", '1.1.3', '{}', 30), "
                         "(%" G_GINT64_FORMAT ", '1.1.1', '{\"done\": \"120\", \"planned\": \"100\"}', NULL), "
                         "(%" G_GINT64_FORMAT ", '9.9', '{}', 100);",
                         f->assessment_id, f->assessment_id, f->assessment_id);
  store_raw (f, sql);
  ui_app_open (f);
  par_window_show_code (f->window, NULL);
  ui_wait_label (ui_named (f, "total-title"), "Total · Final");

  rows = blocker_rows (f);
  g_test_message ("%s", rows);
  g_assert_nonnull (strstr (rows, "1.1.3  Chất lượng báo cáo CCHC: 1.1.3, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00\n"));
  g_assert_nonnull (strstr (rows, "1.1.1  Mức độ hoàn thành kế hoạch CCHC: 1.1.1, "));
  g_assert_nonnull (strstr (rows, "9.9"));
  /* Listed first, each once. */
  g_assert_true (g_str_has_prefix (rows, "1.1.1  "));
  g_assert_null (strstr (strstr (rows, "1.1.3  ") + 1, "1.1.3  "));
  ui_app_screenshot (f, "overview-refused");
}

/* A submitted year changed behind Parscore's back: the overview names what differs from its
 * seal (the store's seal check), where it said "Submitted: this year is locked against edits". */
static void
test_overview_seal (UiApp         *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *rows = NULL;

  ui_app_close (f);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);

    g_assert_no_error (error);
    ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.75");
    g_assert_true (par_store_set_status (store, f->assessment_id, PAR_STATUS_SUBMITTED, &error));
    g_assert_no_error (error);
  }
  sql = g_strdup_printf ("UPDATE entries SET self_score = 100 WHERE assessment_id = %" G_GINT64_FORMAT
                         " AND code = '1.1.3';", f->assessment_id);
  store_raw (f, sql);
  ui_app_open (f);
  par_window_show_code (f->window, NULL);
  ui_wait_label (ui_named (f, "total"), "1.00");

  rows = blocker_rows (f);
  g_test_message ("%s: %s", adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (ui_named (f, "blockers"))), rows);
  g_assert_cmpstr (rows, ==, "1.1.3, self-assessed score: 0.75 when sealed, 1.00 now.\n");
  g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (ui_named (f, "blockers"))),
                                   "The 2023 self-assessment of Ban Quản lý các Khu công nghiệp changed after it was sealed on "));
  ui_app_screenshot (f, "overview-seal");
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/editor/sidebar-follows-edits", UiApp, NULL, ui_app_setup,
              test_sidebar_follows_edits, ui_app_teardown);

  g_test_add ("/editor/search-words", UiApp, NULL, ui_app_setup, test_search_words, ui_app_teardown);
  g_test_add ("/editor/search-enter-at-once", UiApp, NULL, ui_app_setup, test_search_enter_at_once,
              ui_app_teardown);
  g_test_add ("/editor/edit-document", UiApp, NULL, ui_app_setup, test_edit_document, ui_app_teardown);
  g_test_add ("/editor/done-is-the-office-part", UiApp, NULL, ui_app_setup, test_done_is_the_office_part,
              ui_app_teardown);
  g_test_add ("/editor/sidebar-width", UiApp, NULL, ui_app_setup, test_sidebar_width, ui_app_teardown);
  g_test_add ("/editor/new-unit-year", UiApp, GINT_TO_POINTER (1), ui_app_setup, test_new_unit_year,
              ui_app_teardown);

  g_test_add ("/editor/overview-column", UiApp, NULL, ui_app_setup, test_overview_column, ui_app_teardown);
  g_test_add ("/editor/overview-field-rows", UiApp, NULL, ui_app_setup, test_overview_field_rows,
              ui_app_teardown);
  g_test_add ("/editor/overview-status-row", UiApp, NULL, ui_app_setup, test_overview_status_row,
              ui_app_teardown);

  g_test_add ("/editor/manual-refused", UiApp, NULL, ui_app_setup, test_manual_refused, ui_app_teardown);

  g_test_add ("/editor/council-refused", UiApp, NULL, ui_app_setup, test_council_refused, ui_app_teardown);

  g_test_add ("/editor/overview-refused", UiApp, NULL, ui_app_setup, test_overview_refused, ui_app_teardown);

  g_test_add ("/editor/overview-seal", UiApp, NULL, ui_app_setup, test_overview_seal, ui_app_teardown);

  return g_test_run ();
}
