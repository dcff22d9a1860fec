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

#include "par-criterion-page.h"
#include "par-document-dialog.h"
#include "par-link-dialog.h"
#include "par-unit-dialog.h"
#include "ui-app.h"

typedef UiApp Fixture;

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


/* Tests */

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_auto(GStrv) accels = NULL;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
  g_assert_true (gtk_widget_get_mapped (ui_named (f, "welcome-page")));
  /* The shortcuts window is there, on Ctrl+? as in every GNOME app. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.show-help-overlay");
  g_assert_nonnull (accels);
  g_assert_nonnull (accels[0]);
  /* It is built on first use: tests/ui/test-app-startup.c /app/shortcuts-on-first-use. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->window), "show-help-overlay"));
  ui_app_screenshot (f, "welcome");
}

static void
test_compute_as_typed (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *done, *planned;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  ui_pick (f, "1.1.1");
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "criterion");

  done = ui_named (f, "done");
  planned = ui_named (f, "planned");
  g_assert_cmpstr (ui_score_text (f), ==, "— / 2.00");

  ui_type_into (done, "9");
  ui_type_into (planned, "10");
  /* 9/10 = 90 %: not above 90, from 70 → 1 point. */
  g_assert_cmpstr (ui_score_text (f), ==, "1.00 / 2.00");

  /* The Vietnamese way of writing thousands is understood as typed. */
  ui_type_into (done, "4.891");
  ui_type_into (planned, "4.898");
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");
  g_assert_false (gtk_widget_has_css_class (done, "error"));

  /* Nonsense is flagged on the row (and its tooltip says why) and does not count. */
  ui_type_into (done, "abc");
  g_assert_true (gtk_widget_has_css_class (done, "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (done));
  g_assert_cmpstr (ui_score_text (f), ==, "— / 2.00");
  ui_type_into (done, "4891");
  g_assert_false (gtk_widget_has_css_class (done, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (done));
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");

  /* A row left flagged is clean when it shows the next sub-criterion's figure. */
  ui_type_into (done, "abc");
  g_assert_true (gtk_widget_has_css_class (done, "error"));
  ui_pick (f, "2.1.1");
  {
    GtkWidget *on_time = ui_named (f, "on_time");

    g_assert_false (gtk_widget_has_css_class (on_time, "error"));
    g_assert_null (gtk_widget_get_tooltip_text (on_time));
  }
  ui_pick (f, "1.1.1");
  done = ui_named (f, "done");
  ui_type_into (done, "4891");
  g_assert_false (gtk_widget_has_css_class (done, "error"));
  g_assert_null (gtk_widget_get_tooltip_text (done));
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");

  /* Within a second it is in the database, without any Save. */
  g_assert_true (ui_wait_for (ui_writer_idle, f, UI_WAIT_MS));
  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  {
    g_autofree char *stored = ui_dump (f, "1.1.1");
    g_assert_cmpstr (stored, ==, "input done=4891\ninput planned=4898\nlinks 0\n");
  }
  ui_app_screenshot (f, "criterion");
}

static void
test_manual_and_boolean (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *spin_button;

  ui_pick (f, "1.1.3");
  spin_button = ui_named (f, "manual-score");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (spin_button)))));
  ui_type_into (spin_button, "0,75");
  g_assert_cmpstr (ui_score_text (f), ==, "0.75 / 1.00");
  /* (Scores off the step or above the maximum are refused: test-editor /editor/manual-refused.) */
  ui_type_into (spin_button, "0.5");
  g_assert_cmpstr (ui_score_text (f), ==, "0.50 / 1.00");

  ui_pick (f, "1.1.2");
  {
    g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
    ui_collect_type (ui_page (f), GTK_TYPE_TOGGLE_BUTTON, toggles);
    g_assert_cmpuint (toggles->len, ==, 2);
    /* An activated button clicks a moment later, as if pressed and released. */
    ui_click (g_ptr_array_index (toggles, 0));   /* Yes */
    ui_wait_score (f, "1.00 / 1.00");
    ui_click (g_ptr_array_index (toggles, 1));   /* No */
    ui_wait_score (f, "0.00 / 1.00");
    g_assert_false (gtk_toggle_button_get_active (g_ptr_array_index (toggles, 0)));
  }

  par_writer_flush (par_context_get_writer (par_window_get_context (f->window)));
  {
    g_autofree char *manual = ui_dump (f, "1.1.3");
    g_autofree char *boolean = ui_dump (f, "1.1.2");
    g_assert_cmpstr (manual, ==, "links 0\nself 0.50\n");
    g_assert_cmpstr (boolean, ==, "input met=false\nlinks 0\n");
  }
}

/* The council's comment on a leaf leaves the year's scores reading a live entry. It was set on
 * a copy put in the entry's place without a re-score: the scores kept the freed entry, and the
 * sidebar's row read it at once, asking for the leaf's explanation (formatted on first request)
 * — a use after free (memcheck: invalid read in par_rule_evaluate_with; here the figures'
 * array pointer read from freed memory). The entry is made with text room so that its freed
 * block is not the one the writer's copy takes again. */
static void
test_council_comment_keeps_entry (Fixture       *f,
                                  gconstpointer  data)
{
  ParAssessmentModel *model = par_window_get_model (f->window);
  ParEntry *entry;
  g_autofree char *expected = NULL;
  const ParEntry *now;

  ui_pick (f, "2.1.1");   /* the overview, which asks every leaf's score on a change, hidden */
  entry = par_entry_new_with_room ("1.1.2", 64);
  par_entry_set_input (entry, "met", "true");
  par_assessment_model_set_entry (model, entry);
  expected = g_strdup (par_result_get_leaf (par_assessment_model_get_result (model), "1.1.2")->explanation);
  g_assert_nonnull (expected);
  /* Another leaf changed: new scores, 1.1.2's explanation not formatted in them yet. */
  entry = par_entry_new ("1.1.3");
  entry->has_self = TRUE;
  entry->self = PAR_POINTS (0, 75);
  par_assessment_model_set_entry (model, entry);

  par_assessment_model_set_council_comment (model, "1.1.2", "Thiếu tài liệu");
  g_assert_cmpstr (par_result_get_leaf (par_assessment_model_get_result (model), "1.1.2")->explanation,
                   ==, expected);
  now = par_assessment_model_get_entry (model, "1.1.2");
  g_assert_cmpstr (now->comment, ==, "Thiếu tài liệu");
  g_assert_cmpstr (par_entry_get_input (now, "met"), ==, "true");
}

static gboolean
attachments_stored (gpointer data)
{
  UiCount *c = data;
  ParStore *store = par_context_get_store (par_window_get_context (c->f->window));
  g_autoptr(GPtrArray) links = par_store_list_evidence (store, c->f->assessment_id, "1.1.1", NULL);
  g_autoptr(GPtrArray) attachments = NULL;

  if (links == NULL || links->len == 0)
    return FALSE;
  attachments = par_store_list_attachments (store, ((ParEvidenceLink *) g_ptr_array_index (links, 0))->document_id, NULL);
  return attachments != NULL && attachments->len == c->n;
}

static void
test_document_and_attachment (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *second = ui_write_file (f, "BC-2023.txt", "Báo cáo CCHC năm 2023\n");
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  UiCount two = { f, 2 };
  ParStore *store;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(ParDocument) document = NULL;

  ui_add_document (f, "1.1.1");
  ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, rows);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, "06/KH-KCN · 14/01/2023");

  /* A second file dropped on the document's row. */
  ui_drop_files (g_ptr_array_index (rows, 0), second);
  g_assert_true (ui_wait_for (attachments_stored, &two, UI_WAIT_MS));

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
    ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, expanders);
    GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (ui_find_type (ui_page (f), GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

    adw_expander_row_set_expanded (g_ptr_array_index (expanders, 0), TRUE);
    /* Down to the evidence, as a user scrolls to it. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    ui_app_screenshot (f, "evidence");
  }
}

static void
test_remove_with_undo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  UiCount none = { f, 0 }, one = { f, 1 };
  GtkWidget *overlay, *undo = NULL;

  ui_add_document (f, "1.1.1");
  ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, rows);
  ui_collect_type (g_ptr_array_index (rows, 0), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "user-trash-symbolic") == 0)
      ui_click (g_ptr_array_index (buttons, i));
  g_assert_true (ui_wait_for (ui_documents_shown, &none, UI_WAIT_MS));
  g_assert_true (gtk_widget_get_visible (ui_find_named (ui_page (f), "explanation")));

  /* The toast's Undo brings the link back. */
  overlay = ui_find_type (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  {
    g_autoptr(GPtrArray) all = g_ptr_array_new ();
    ui_collect_type (overlay, GTK_TYPE_BUTTON, all);
    for (guint i = 0; i < all->len; i++)
      {
        const char *label = gtk_button_get_label (g_ptr_array_index (all, i));
        if (label != NULL && strstr (label, "Undo") != NULL)
          undo = g_ptr_array_index (all, i);
      }
  }
  g_assert_nonnull (undo);
  ui_click (undo);
  g_assert_true (ui_wait_for (ui_documents_shown, &one, UI_WAIT_MS));
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

  ui_pick (f, "1.1.4");
  sw = ui_named (f, "not-applicable");
  g_assert_true (gtk_widget_get_visible (sw));
  gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
  g_assert_true (ui_wait_for (applicable_is_9, f, UI_WAIT_MS));
  g_assert_cmpstr (ui_score_text (f), ==, "N/A");

  /* The overview says it too. */
  par_window_show_code (f->window, NULL);
  /* The overview is filled when it is on screen. */
  ui_wait_label (ui_named (f, "total-detail"), "of 7.00 self-assessed; 9.00 with the survey");
  ui_app_screenshot (f, "overview");

  /* Where N/A is not allowed, the switch is not offered. */
  ui_pick (f, "1.1.2");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (ui_named (f, "not-applicable"), ADW_TYPE_ACTION_ROW)));
}

static void
test_close_reopen (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  ui_pick (f, "1.1.1");
  ui_type_into (ui_named (f, "done"), "95");
  ui_type_into (ui_named (f, "planned"), "100");
  ui_add_document (f, "1.1.1");
  ui_pick (f, "1.1.4");
  gtk_switch_set_active (GTK_SWITCH (ui_named (f, "not-applicable")), TRUE);
  ui_pick (f, "1.1.5");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_named (f, "explanation")));
  gtk_text_buffer_set_text (buffer, "Kế hoạch ban hành chậm do chờ hướng dẫn của tỉnh.", -1);
  ui_type_into (ui_named (f, "issued"), "20/01/2023");
  ui_type_into (ui_named (f, "deadline"), "15/01/2023");
  g_assert_cmpstr (ui_score_text (f), ==, "0.50 / 1.00");

  /* Close at once: what was typed a moment ago must still be written. */
  ui_app_close (f);
  ui_app_open (f);

  ui_pick (f, "1.1.1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_named (f, "done"))), ==, "95");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_named (f, "planned"))), ==, "100");
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");
  g_assert_cmpuint (ui_count_documents (f), ==, 1);

  ui_pick (f, "1.1.4");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (ui_named (f, "not-applicable"))));

  ui_pick (f, "1.1.5");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_named (f, "issued"))), ==, "20/01/2023");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_named (f, "explanation")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Kế hoạch ban hành chậm do chờ hướng dẫn của tỉnh.");
  g_assert_cmpstr (ui_score_text (f), ==, "0.50 / 1.00");
}

static void
test_search_ignores_diacritics (Fixture       *f,
                                gconstpointer  data)
{
  GtkWidget *entry = ui_named (f, "search");
  GtkStack *pages = GTK_STACK (gtk_widget_get_ancestor (ui_named (f, "tree"), GTK_TYPE_STACK));
  GtkWidget *no_match;
  GListModel *rows;

  /* The page for a search without a match is made when a search first has none. */
  g_assert_null (gtk_stack_get_child_by_name (pages, "no-match"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "tree");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR))));
  gtk_editable_set_text (GTK_EDITABLE (entry), "ke hoach tuyen truyen");
  /* The search entry reports a moment after the typing stops. */
  rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (ui_named (f, "tree"))));
  ui_wait_rows (rows, 3);

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

  g_assert_null (gtk_stack_get_child_by_name (pages, "no-match"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "tree");

  gtk_editable_set_text (GTK_EDITABLE (entry), "không có gì như thế này");
  ui_wait_rows (rows, 0);
  /* Nothing left: the sidebar says so, in place of the empty list. */
  no_match = gtk_stack_get_visible_child (pages);
  g_assert_true (ADW_IS_STATUS_PAGE (no_match));
  g_assert_true (no_match == gtk_stack_get_child_by_name (pages, "no-match"));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (no_match)), ==, "No Match");
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (no_match)), ==,
                   "No code or title contains these words.");
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (no_match)), ==, "edit-find-symbolic");

  /* A match again: the list is back, and the page is the same one, not made twice. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ke hoach tuyen truyen");
  ui_wait_rows (rows, 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (pages), ==, "tree");
  gtk_editable_set_text (GTK_EDITABLE (entry), "không có gì như thế này");
  ui_wait_rows (rows, 0);
  g_assert_true (gtk_stack_get_visible_child (pages) == no_match);
}

static void
test_next_incomplete (Fixture       *f,
                      gconstpointer  data)
{
  ui_pick (f, "1.1.1");
  ui_type_into (ui_named (f, "done"), "10");
  ui_type_into (ui_named (f, "planned"), "10");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (ui_named (f, "explanation"))),
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
  GtkWidget *reason;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.submit", NULL);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  gtk_window_close (GTK_WINDOW (dialog));   /* as a click on the button does */
  g_assert_true (ui_wait_for (is_locked, f, UI_WAIT_MS));

  ui_pick (f, "1.1.1");
  g_assert_false (gtk_widget_is_sensitive (ui_named (f, "done")));
  g_assert_false (gtk_widget_is_sensitive (ui_named (f, "add-document")));
  /* The council's scores stay open. */
  g_assert_true (gtk_widget_is_sensitive (ui_named (f, "appraised")));
  ui_app_screenshot (f, "locked");

  /* Unlocking asks why, and records it with the user's name (issue 10). */
  g_settings_set_string (par_context_get_settings (par_window_get_context (f->window)),
                         "user-name", "Nguyễn Văn An");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.unlock", NULL);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock"));
  reason = ui_find_named (dialog, "unlock-reason");
  g_assert_nonnull (reason);
  gtk_editable_set_text (GTK_EDITABLE (reason), "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock"));
  gtk_editable_set_text (GTK_EDITABLE (reason), "Sở Nội vụ yêu cầu bổ sung minh chứng 1.1.1");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock"));
  ui_save_screenshot (dialog, "unlock-reason");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  g_assert_true (ui_wait_for (is_unlocked, f, UI_WAIT_MS));
  g_settings_set_string (par_context_get_settings (par_window_get_context (f->window)), "user-name", "");
  ui_pick (f, "1.1.2");
  ui_pick (f, "1.1.1");
  g_assert_true (gtk_widget_is_sensitive (ui_named (f, "done")));

  store = par_context_get_store (par_window_get_context (f->window));
  assessment = par_store_get_assessment (store, f->assessment_id, NULL);
  g_assert_cmpint (assessment->status, ==, PAR_STATUS_DRAFT);
  audit = par_store_list_audit (store, 10, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      ParAuditEntry *entry = g_ptr_array_index (audit, i);
      if (strstr (entry->what, "status") != NULL && g_strcmp0 (entry->new_value, "draft") == 0)
        {
          g_autofree char *actor = g_strdup_printf ("Nguyễn Văn An (%s)", g_get_user_name ());

          g_assert_cmpstr (entry->reason, ==, "Sở Nội vụ yêu cầu bổ sung minh chứng 1.1.1");
          g_assert_cmpstr (entry->actor, ==, actor);
          unlock_audited = TRUE;
        }
    }
  g_assert_true (unlock_audited);
}

static void
test_invalid_framework (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *bad = ui_write_file (f, "bad.xml",
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
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
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

/* First run: import a set from the welcome ui_page, create a unit, land on its overview. */
static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (xml);
  GtkWidget *dialog;

  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
  par_window_import_framework (f->window, file);
  dialog = ui_get_dialog (PAR_TYPE_UNIT_DIALOG);
  ui_type_into (ui_find_named (dialog, "unit-name"), "Sở Nội vụ");
  g_assert_true (gtk_widget_get_sensitive (ui_find_named (dialog, "create")));
  ui_click (ui_find_named (dialog, "create"));
  g_assert_true (ui_wait_for (has_units, f, UI_WAIT_MS));
  ui_pick (f, "2.1.1");
  ui_type_into (ui_named (f, "on_time"), "4891");
  ui_type_into (ui_named (f, "resolved"), "4898");
  g_assert_cmpstr (ui_score_text (f), ==, "2.00 / 2.00");
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

/* The next year starts from this one: same criteria set, the evidence links carried over —
 * by the store's par_store_create_assessment_from_previous(), whose audit row names the year
 * it started from. */
static void
test_start_next_year (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dialog;
  ParStore *store;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *created = NULL;
  g_autofree char *expected = NULL;
  const char *description = NULL;

  ui_add_document (f, "1.1.1");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-year", NULL);
  dialog = ui_get_dialog (PAR_TYPE_UNIT_DIALOG);
  g_assert_cmpint (par_unit_dialog_get_year (PAR_UNIT_DIALOG (dialog)), ==, 2024);
  g_assert_true (par_unit_dialog_get_copy_links (PAR_UNIT_DIALOG (dialog)));
  ui_click (ui_find_named (dialog, "create"));
  g_assert_true (ui_wait_for (has_two_years, f, UI_WAIT_MS));

  store = par_context_get_store (par_window_get_context (f->window));
  links = par_store_list_evidence (store, par_assessment_model_get_id (par_window_get_model (f->window)),
                                   "1.1.1", NULL);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpstr (((ParEvidenceLink *) g_ptr_array_index (links, 0))->section, ==, "Mục II");
  ui_pick (f, "1.1.1");
  g_assert_cmpuint (ui_count_documents (f), ==, 1);

  created = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created",
                             par_assessment_model_get_id (par_window_get_model (f->window)));
  audit = par_store_list_audit (store, 0, NULL);
  for (guint i = 0; i < audit->len; i++)
    {
      ParAuditEntry *entry = g_ptr_array_index (audit, i);
      if (g_strcmp0 (entry->what, created) == 0)
        description = entry->new_value;
    }
  expected = g_strdup_printf (" 2024 %s from 2023",
                              par_framework_get_id (par_assessment_model_get_framework (
                                  par_window_get_model (f->window))));
  g_assert_nonnull (description);
  g_assert_cmpstr (strstr (description, " 2024 "), ==, expected);
}

/* Files dropped on a sub-criterion's page start a new document with them. */
static void
test_drop_on_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *scan = ui_write_file (f, "QD-754-2023.pdf", "%PDF-1.4\n% a decision\n");
  GtkWidget *dialog;

  ui_pick (f, "2.1.1");
  ui_drop_files (ui_page (f), scan);
  dialog = ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG);
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
  ui_app_close (f);
  ui_app_open_keeping_size (f);
  gtk_window_get_default_size (GTK_WINDOW (f->window), &width, &height);
  g_assert_cmpint (width, ==, 1024);
  g_assert_cmpint (height, ==, 700);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (ui_wait_for (is_dark, NULL, UI_WAIT_MS));
  ui_app_screenshot (f, "overview-dark");
  ui_pick (f, "1.1.1");
  ui_app_screenshot (f, "criterion-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* One plan often backs several sub-criteria: link the document of 1.1.1 to 1.1.2 too. */
static void
test_link_existing (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *dialog, *list;
  GtkListBoxRow *row;
  UiCount one = { f, 1 };

  ui_add_document (f, "1.1.1");
  {
    /* Another document, that the search below leaves out. */
    ParDocument report = { 0, (char *) "BC", (char *) "12/BC-KCN", (char *) "2023-06-30",
                           NULL, (char *) "Báo cáo sơ kết 6 tháng" };
    g_assert_cmpint (par_store_add_document (par_context_get_store (par_window_get_context (f->window)),
                                             &report, NULL), >, 0);
  }
  ui_pick (f, "1.1.2");
  g_assert_cmpuint (ui_count_documents (f), ==, 0);
  ui_click (ui_named (f, "link-document"));
  dialog = ui_get_dialog (PAR_TYPE_LINK_DIALOG);
  list = ui_find_type (dialog, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  /* The search narrows the list without diacritics. */
  gtk_editable_set_text (GTK_EDITABLE (ui_find_type (dialog, GTK_TYPE_SEARCH_ENTRY)), "ke hoach");
  g_assert_true (ui_wait_for (one_row, list, UI_WAIT_MS));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  gtk_list_box_select_row (GTK_LIST_BOX (list), row);
  gtk_editable_set_text (GTK_EDITABLE (ui_find_named (dialog, "link-pages")), "3-4");
  ui_click (ui_find_named (dialog, "link"));
  g_assert_true (ui_wait_for (ui_documents_shown, &one, UI_WAIT_MS));
  {
    ParStore *store = par_context_get_store (par_window_get_context (f->window));
    g_autoptr(GPtrArray) links = par_store_list_evidence (store, f->assessment_id, "1.1.2", NULL);
    g_assert_cmpuint (links->len, ==, 1);
    g_assert_cmpstr (((ParEvidenceLink *) g_ptr_array_index (links, 0))->pages, ==, "3-4");
  }
}

/* The header bar's unit button cuts a long unit name at 20 characters (else it would widen
 * the sidebar) and says the whole name in its tooltip, as the dashboard's does. */
static void
test_unit_name_cut (Fixture       *f,
                    gconstpointer  data)
{
  const char *unit = "Ban Quản lý các Khu công nghiệp";
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkLabel *shown = NULL;

  ui_collect_type (GTK_WIDGET (f->window), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *dropdown = gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_DROP_DOWN);

      /* The button's label, not the list's (in the drop-down's popover). */
      if (dropdown != NULL && g_strcmp0 (gtk_widget_get_tooltip_text (dropdown), "Unit") == 0 &&
          gtk_widget_get_ancestor (labels->pdata[i], GTK_TYPE_POPOVER) == NULL &&
          g_str_equal (gtk_label_get_label (labels->pdata[i]), unit))
        shown = labels->pdata[i];
    }
  g_assert_nonnull (shown);
  g_assert_cmpint (gtk_label_get_ellipsize (shown), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpint (gtk_label_get_max_width_chars (shown), ==, 20);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (shown)), ==, unit);
}

/* Fails naming the label when a label under @root (its header bar too) reads "tài liệu", in any
 * case. */
static void
assert_no_tai_lieu (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        {
          g_autofree char *folded = g_utf8_strdown (gtk_label_get_text (GTK_LABEL (child)), -1);

          if (strstr (folded, "tài liệu") != NULL)
            g_error ("“%s” says “tài liệu” for an evidence document, not “văn bản”",
                     gtk_label_get_text (GTK_LABEL (child)));
        }
      assert_no_tai_lieu (child);
    }
}

/* The document dialog and the link dialog name an evidence document as the app does, "văn bản":
 * their "Document", "Documents", "Add Document"… have a context of their own ("evidence"), not
 * the plain msgids translated "Tài liệu" (window-vi runs this in Vietnamese; the group's title
 * is the context's word in either language). */
static void
test_document_words (Fixture       *f,
                     gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  gboolean vi = language != NULL && g_str_has_prefix (language, "vi");
  GtkWidget *dialog, *group;

  ui_pick (f, "1.1.1");
  ui_click (ui_named (f, "add-document"));
  dialog = ui_get_dialog (PAR_TYPE_DOCUMENT_DIALOG);
  group = ui_find_type (dialog, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==,
                   g_dpgettext2 (GETTEXT_PACKAGE, "evidence", "Document"));
  assert_no_tai_lieu (dialog);
  ui_save_screenshot (dialog, vi ? "document-dialog-vi" : "document-dialog-en");
  gtk_window_destroy (GTK_WINDOW (dialog));

  ui_click (ui_named (f, "link-document"));
  dialog = ui_get_dialog (PAR_TYPE_LINK_DIALOG);
  assert_no_tai_lieu (dialog);
  {
    g_autofree char *title = g_utf8_strdown (gtk_window_get_title (GTK_WINDOW (dialog)), -1);

    /* In Vietnamese the title is translated (an untranslated msgid would pass the check above) */
    g_assert_nonnull (strstr (title, vi ? "văn bản" : "document"));
    g_assert_null (strstr (title, "tài liệu"));
  }
  ui_save_screenshot (dialog, vi ? "link-dialog-vi" : "link-dialog-en");
  gtk_window_destroy (GTK_WINDOW (dialog));
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
  g_assert_true (ui_wait_for (demo_open, f, 2 * UI_WAIT_MS));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  g_assert_true (g_str_has_suffix (par_context_get_db_path (par_window_get_context (f->window)), "demo.db"));
}

static gboolean
no_chooser (gpointer data)
{
  return !ui_has_dialog (GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

/* The file choosers open (GTK's own dialog without a portal) and close cleanly. */
static void
test_choosers (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *chooser;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-framework", NULL);
  chooser = ui_get_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (no_chooser, NULL, UI_WAIT_MS));

  ui_add_document (f, "1.1.1");
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autoptr(GPtrArray) attach = g_ptr_array_new ();

    ui_collect_type (ui_page (f), ADW_TYPE_EXPANDER_ROW, rows);
    adw_expander_row_set_expanded (g_ptr_array_index (rows, 0), TRUE);
    ui_collect_type (g_ptr_array_index (rows, 0), ADW_TYPE_ACTION_ROW, attach);
    /* The last row of an open document is "Attach Files…". */
    g_signal_emit_by_name (g_ptr_array_index (attach, attach->len - 1), "activated");
  }
  chooser = ui_get_dialog (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (no_chooser, NULL, UI_WAIT_MS));
}

/* F10 opens the main menu, as in other GNOME apps, though its popover is made only when it
 * first opens: the key as the window handles it, from the focused widget, before any click. */
static gboolean
popover_mapped (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (data);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* The main menu's button on screen, once there is one (NULL: none came). */
static gboolean
shown_menu_button (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  ui_collect_type (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0
        && gtk_widget_get_mapped (buttons->pdata[i]))
      return TRUE;
  return FALSE;
}

/* F10 on the window opens the main menu of the button on screen. */
static void
assert_f10_opens_shown_menu (Fixture *f,
                             gboolean made_on_first_use)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkMenuButton *menu = NULL;
  GtkWidget *focus;

  g_assert_true (ui_wait_for (shown_menu_button, f, UI_WAIT_MS));
  ui_collect_type (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0
        && gtk_widget_get_mapped (buttons->pdata[i]))
      menu = buttons->pdata[i];
  g_assert_nonnull (menu);
  if (made_on_first_use)
    g_assert_null (gtk_menu_button_get_popover (menu));

  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (ui_press_shortcut (focus != NULL ? focus : GTK_WIDGET (f->window), GDK_KEY_F10, 0));
  g_assert_true (ui_wait_for (popover_mapped, menu, UI_WAIT_MS));
  g_assert_true (gtk_menu_button_get_menu_model (menu) == G_MENU_MODEL (
                   gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (gtk_menu_button_get_popover (menu)))));
  gtk_menu_button_popdown (menu);
  ui_wait_frame (GTK_WIDGET (f->window));
}

static void
test_f10_opens_menu (Fixture       *f,
                     gconstpointer  data)
{
  assert_f10_opens_shown_menu (f, TRUE);
}

/* A unit without a year: the window shows the page that offers to start one, with its own
 * header and main menu, which F10 opens too. */
static void
test_f10_opens_menu_without_year (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  ui_app_close (f);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (par_store_add_unit (store, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT, &error), >, 0);
    g_assert_no_error (error);
  }
  ui_app_open (f);
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "no-year");
  assert_f10_opens_shown_menu (f, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/ui/welcome", Fixture, GINT_TO_POINTER (1), ui_app_setup, test_welcome, ui_app_teardown);
  g_test_add ("/ui/first-run", Fixture, GINT_TO_POINTER (1), ui_app_setup, test_first_run, ui_app_teardown);
  g_test_add ("/ui/compute-as-typed", Fixture, NULL, ui_app_setup, test_compute_as_typed, ui_app_teardown);
  g_test_add ("/ui/manual-and-boolean", Fixture, NULL, ui_app_setup, test_manual_and_boolean, ui_app_teardown);
  g_test_add ("/ui/council-comment-keeps-entry", Fixture, NULL, ui_app_setup, test_council_comment_keeps_entry, ui_app_teardown);
  g_test_add ("/ui/document-and-attachment", Fixture, NULL, ui_app_setup, test_document_and_attachment, ui_app_teardown);
  g_test_add ("/ui/remove-with-undo", Fixture, NULL, ui_app_setup, test_remove_with_undo, ui_app_teardown);
  g_test_add ("/ui/not-applicable", Fixture, NULL, ui_app_setup, test_not_applicable, ui_app_teardown);
  g_test_add ("/ui/close-reopen", Fixture, NULL, ui_app_setup, test_close_reopen, ui_app_teardown);
  g_test_add ("/ui/search", Fixture, NULL, ui_app_setup, test_search_ignores_diacritics, ui_app_teardown);
  g_test_add ("/ui/next-incomplete", Fixture, NULL, ui_app_setup, test_next_incomplete, ui_app_teardown);
  g_test_add ("/ui/submit-unlock", Fixture, NULL, ui_app_setup, test_submit_and_unlock, ui_app_teardown);
  g_test_add ("/ui/invalid-framework", Fixture, NULL, ui_app_setup, test_invalid_framework, ui_app_teardown);
  g_test_add ("/ui/start-next-year", Fixture, NULL, ui_app_setup, test_start_next_year, ui_app_teardown);
  g_test_add ("/ui/drop-on-page", Fixture, NULL, ui_app_setup, test_drop_on_page, ui_app_teardown);
  g_test_add ("/ui/size-and-dark", Fixture, NULL, ui_app_setup, test_size_and_dark, ui_app_teardown);
  g_test_add ("/ui/link-existing", Fixture, NULL, ui_app_setup, test_link_existing, ui_app_teardown);
  g_test_add ("/ui/unit-name-cut", Fixture, NULL, ui_app_setup, test_unit_name_cut, ui_app_teardown);
  g_test_add ("/ui/document-words", Fixture, NULL, ui_app_setup, test_document_words, ui_app_teardown);
  g_test_add ("/ui/demo", Fixture, GINT_TO_POINTER (1), ui_app_setup, test_demo, ui_app_teardown);
  g_test_add ("/ui/f10-opens-menu", Fixture, NULL, ui_app_setup, test_f10_opens_menu, ui_app_teardown);
  g_test_add ("/ui/f10-opens-menu-without-year", Fixture, GINT_TO_POINTER (1), ui_app_setup,
              test_f10_opens_menu_without_year, ui_app_teardown);
  g_test_add ("/ui/choosers", Fixture, NULL, ui_app_setup, test_choosers, ui_app_teardown);

  return g_test_run ();
}
