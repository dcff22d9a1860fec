/* test-app-backup.c — Back Up… and Restore… in the window (issue 10, on the store's backups).
 *
 * A backup is made of the open database; a later change is undone by restoring it. Before
 * anything is replaced, the restore says what the backup holds, and the database is still
 * the one with the later change; after it, the window shows the backup's figures again and
 * the database as it was is kept aside.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "par-window-private.h"
#include "ui-app.h"
#include "ui-fixture.h"

static char *
dump (UiApp *f)
{
  g_autoptr(GError) error = NULL;
  char *text = ui_fixture_dump_entry (f->db, f->assessment_id, "1.1.3", &error);

  g_assert_no_error (error);
  return text;
}

static gboolean
backup_done (gpointer data)
{
  ParWindow *window = data;

  return !window->backup_running;
}

static gboolean
reopened (gpointer data)
{
  ParWindow *window = data;

  return !window->restoring && window->context != NULL && window->model != NULL;
}

static gboolean
action_enabled (ParWindow  *window,
                const char *name)
{
  /* Probed through a button bound to it: gtk_widget_activate_action() says TRUE even for a
   * disabled action. */
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  gboolean enabled;

  g_assert_true (GTK_IS_WIDGET (box));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), name);
  gtk_widget_insert_before (button, box, NULL);
  enabled = gtk_widget_get_sensitive (button) && gtk_widget_is_sensitive (button);
  gtk_widget_unparent (button);
  return enabled;
}

static guint
files_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_backup_restore (UiApp         *f,
                     gconstpointer  data)
{
  ParStore *store = par_context_get_store (par_window_get_context (f->window));
  g_autofree char *backup = g_build_filename (f->dir, "copy.parscore-backup", NULL);
  g_autofree char *db_base = g_path_get_basename (f->db);
  g_autofree char *snapshots = g_strconcat (f->db, ".backups", NULL);
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  const char *body;
  guint kept_before;

  g_assert_true (action_enabled (f->window, "win.backup"));
  g_assert_true (action_enabled (f->window, "win.restore"));

  ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.50");
  before = dump (f);
  g_assert_nonnull (strstr (before, "self 0.50"));

  _par_window_back_up_to (f->window, backup);
  g_assert_true (ui_wait_for (backup_done, f->window, UI_WAIT_MS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* A change after the backup. */
  ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.75");
  changed = dump (f);
  g_assert_nonnull (strstr (changed, "self 0.75"));
  kept_before = files_in (snapshots);

  /* Restore… says what the backup holds; nothing is replaced yet. */
  _par_window_restore_from (f->window, backup);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "restore-confirm");
  heading = g_strdup_printf ("Replace “%s” With This Backup?", db_base);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("body: %s", body);
  g_assert_nonnull (strstr (body, "It holds 1 unit, "));
  g_assert_nonnull (strstr (body, "• Ban Quản lý các Khu công nghiệp 2023: draft, "));
  g_assert_nonnull (strstr (body, "The database as it is now is kept aside first"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "cancel");
  ui_save_screenshot (dialog, "restore-confirm");
  {
    g_autofree char *still = dump (f);
    g_assert_cmpstr (still, ==, changed);
  }

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_close (GTK_WINDOW (dialog));   /* as a click on the button does */
  g_assert_true (ui_wait_for (reopened, f->window, UI_WAIT_MS));

  /* The backup's figures, in the database and in the window; what was there is kept aside. */
  after = dump (f);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (par_assessment_model_get_id (par_window_get_model (f->window)), ==, f->assessment_id);
  g_assert_cmpuint (files_in (snapshots), >, kept_before);
  g_assert_true (action_enabled (f->window, "win.open-database"));
  ui_pick (f, "1.1.3");
  ui_wait_score (f, "0.50 / 1.00");
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/restore", UiApp, NULL, ui_app_setup, test_backup_restore, ui_app_teardown);
  return g_test_run ();
}
