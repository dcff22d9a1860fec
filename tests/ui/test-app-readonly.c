/* test-app-readonly.c — a read-only database opens read-only on purpose (issue 10): a banner,
 * every editor off, the charts and the evidence pack still working, the file unchanged.
 *
 * Root ignores file modes (TESTING.md, pitfall 11), so the database's folder is made a
 * read-only bind mount in this process's own mount namespace, made first thing in main()
 * so that every thread (the writer's included) lives in it — as a USB stick mounted
 * read-only or a read-only share would be.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>

#include "par-application.h"
#include "par-criterion-page.h"
#include "par-dashboard-page.h"
#include "par-pack-export.h"
#include "par-test-util.h"
#include "par-window.h"
#include "ui-fixture.h"
#include "ui-gtk-util.h"

/* Why no read-only mount could be made, or NULL. */
static char *no_mount_reason;

typedef struct {
  char           *dir;        /* made read-only */
  char           *out_dir;    /* writable, for the pack */
  char           *db;
  gint64          assessment_id;
  char           *before;     /* the database file's bytes before the app opened it */
  gsize           before_len;
  gboolean        mounted;
  ParApplication *app;
  ParWindow      *window;
} Fixture;

static gboolean
window_mapped (gpointer data)
{
  Fixture *f = data;
  return gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static guint serial;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.TestReadOnly%u", ++serial);

  if (no_mount_reason != NULL)
    return;

  f->dir = g_dir_make_tmp ("parscore-readonly-XXXXXX", &error);
  g_assert_no_error (error);
  f->out_dir = g_dir_make_tmp ("parscore-readonly-out-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "usb-copy.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_assert_no_error (error);
    ui_fixture_save_entry (store, f->assessment_id, "1.1.1", "done=9;planned=10", NULL);
    ui_fixture_save_entry (store, f->assessment_id, "1.1.3", NULL, "0.75");
  }
  g_assert_true (g_file_get_contents (f->db, &f->before, &f->before_len, NULL));

  g_assert_cmpint (mount (f->dir, f->dir, NULL, MS_BIND, NULL), ==, 0);
  f->mounted = TRUE;
  g_assert_cmpint (mount (NULL, f->dir, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL), ==, 0);
  g_assert_false (g_file_set_contents (f->db, "x", 1, NULL));

  f->app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_application_activate (G_APPLICATION (f->app));
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, 800);
  g_assert_true (ui_wait_for (window_mapped, f, 10000));
}

static gboolean
no_windows (gpointer data)
{
  return g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0;
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->app != NULL)
    {
      gtk_window_close (GTK_WINDOW (f->window));
      g_assert_true (ui_wait_for (no_windows, NULL, 10000));
      g_clear_object (&f->app);
    }
  if (f->mounted)
    {
      g_autofree char *after = NULL;
      gsize after_len;

      /* Nothing was written, not even a journal switch. */
      g_assert_true (g_file_get_contents (f->db, &after, &after_len, NULL));
      g_assert_cmpuint (after_len, ==, f->before_len);
      g_assert_true (memcmp (after, f->before, after_len) == 0);
      g_assert_cmpint (umount2 (f->dir, MNT_DETACH), ==, 0);
    }
  if (f->dir != NULL)
    par_test_remove_tree (f->dir);
  if (f->out_dir != NULL)
    par_test_remove_tree (f->out_dir);
  g_free (f->dir);
  g_free (f->out_dir);
  g_free (f->db);
  g_free (f->before);
}

static gboolean
skipped (void)
{
  if (no_mount_reason == NULL)
    return FALSE;
  g_test_skip_printf ("no read-only mount can be made here (%s)", no_mount_reason);
  return TRUE;
}

static GtkWidget *
named (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = ui_find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (widget);
  return widget;
}

/* Whether @action can be used now, as a button or menu item bound to it shows it: a probe
 * button in the window takes the action's state. */
static gboolean
enabled (Fixture    *f,
         const char *action)
{
  GtkWidget *box = named (f, "read-only-banner");
  GtkWidget *probe = gtk_button_new ();
  gboolean on;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_box_append (GTK_BOX (box), probe);
  on = gtk_widget_get_sensitive (probe) && gtk_widget_is_sensitive (probe);
  gtk_box_remove (GTK_BOX (box), probe);
  return on;
}

static gboolean
has_model (gpointer data)
{
  return par_window_get_model (((Fixture *) data)->window) != NULL;
}

/* It opens, on its year, with the banner; what changes is off, what reads is on. */
static void
test_read_only_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *banner;
  ParCriterionPage *page;

  if (skipped ())
    return;

  g_assert_true (ui_wait_for (has_model, f, 10000));
  g_assert_true (par_context_is_read_only (par_window_get_context (f->window)));
  g_assert_cmpint (par_assessment_model_get_id (par_window_get_model (f->window)), ==, f->assessment_id);
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");

  banner = named (f, "read-only-banner");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (banner))));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (named (f, "read-only-label"))),
                            "“usb-copy.db” is open read-only"));

  /* Nothing that writes can be started. */
  g_assert_false (enabled (f, "win.new-unit"));
  g_assert_false (enabled (f, "win.start-year"));
  g_assert_false (enabled (f, "win.import-framework"));
  g_assert_false (enabled (f, "win.use-sample"));
  g_assert_false (enabled (f, "win.submit"));
  g_assert_false (enabled (f, "win.unlock"));

  /* Every editor of a sub-criterion is off, the council's scores included. */
  g_assert_true (par_window_show_code (f->window, "1.1.1"));
  page = PAR_CRITERION_PAGE (ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_CRITERION_PAGE));
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (f, "done"))), ==, "9");
  g_assert_false (gtk_widget_is_sensitive (named (f, "done")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "appraised")));
  g_assert_false (gtk_widget_is_sensitive (named (f, "add-document")));
  g_assert_true (par_window_show_code (f->window, "1.1.3"));
  g_assert_false (gtk_widget_is_sensitive (named (f, "manual-score")));
  ui_save_screenshot (GTK_WIDGET (f->window), "read-only");

  /* Reading stays: the dashboard, the audit log. */
  g_assert_true (enabled (f, "win.show-dashboard"));
  g_assert_true (enabled (f, "win.export-pack"));
  g_assert_true (enabled (f, "win.show-audit-log"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-dashboard", NULL);
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "dashboard");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-dashboard", NULL);
}

static gboolean
export_finished (gpointer data)
{
  ParPackExportDialog *dialog = data;
  return !par_pack_export_dialog_is_running (dialog) && !gtk_widget_get_visible (GTK_WIDGET (dialog));
}

/* The evidence pack of a read-only database, written elsewhere. */
static void
test_read_only_pack (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(ParPackExportDialog) dialog = NULL;
  g_autofree char *head = NULL;
  gsize len;

  if (skipped ())
    return;

  g_assert_true (ui_wait_for (has_model, f, 10000));
  path = g_build_filename (f->out_dir, "ho-so.pdf", NULL);
  dest = g_file_new_for_path (path);
  dialog = g_object_ref (par_pack_export_start (f->window, dest));
  g_assert_true (ui_wait_for (export_finished, dialog, 120000));
  g_assert_true (g_file_get_contents (path, &head, &len, NULL));
  g_assert_cmpuint (len, >, 1000);
  g_assert_true (g_str_has_prefix (head, "%PDF-"));
}

int
main (int   argc,
      char *argv[])
{
  /* Before any thread exists: every later thread shares this namespace. */
  if (unshare (CLONE_NEWNS) != 0)
    no_mount_reason = g_strdup_printf ("unshare: %s", g_strerror (errno));
  else if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    no_mount_reason = g_strdup_printf ("mount --make-rprivate /: %s", g_strerror (errno));

  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/readonly/window", Fixture, NULL, fixture_setup, test_read_only_window, fixture_teardown);
  g_test_add ("/readonly/pack", Fixture, NULL, fixture_setup, test_read_only_pack, fixture_teardown);
  return g_test_run ();
}
