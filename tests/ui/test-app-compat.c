/* test-app-compat.c — the GTK compatibility file: choosing files and launching one.
 *
 * On GTK 4.8 the file dialog is GTK's own chooser (no portal in the test session): the tests
 * answer it as a user would and check what the caller receives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "par-gtk-compat.h"
#include "par-test-util.h"
#include "ui-gtk-util.h"

typedef struct {
  char          *dir;
  GtkWindow     *parent;
  gboolean       answered;
  GFile         *file;
  GListModel    *files;
  GError        *error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parscore-compat-XXXXXX", &error);
  g_assert_no_error (error);
  f->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (f->parent);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->parent);
  g_clear_object (&f->file);
  g_clear_object (&f->files);
  g_clear_error (&f->error);
  par_test_remove_tree (f->dir);
  g_free (f->dir);
}

static gboolean
answered (gpointer data)
{
  return ((Fixture *) data)->answered;
}

static gboolean
chooser_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);
      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  GtkWidget *chooser;
  GFile     *folder;
} InFolder;

/* The chooser goes to its folder once it has loaded it. */
static gboolean
chooser_in_folder (gpointer data)
{
  InFolder *in = data;
  g_autoptr(GFile) current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (in->chooser));

  return current != NULL && g_file_equal (current, in->folder);
}

/* Choosing a file in a folder selects it once the folder is loaded; until then the chooser
 * refuses to answer "accept". */
static gboolean
chooser_has_file (gpointer data)
{
  InFolder *in = data;
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (in->chooser));
  g_autoptr(GFile) chosen = g_list_model_get_n_items (files) > 0 ? g_list_model_get_item (files, 0) : NULL;

  return chosen != NULL && g_file_equal (chosen, in->folder);
}

static GtkWidget *
get_chooser (void)
{
  GtkWidget *chooser = NULL;

  g_assert_true (ui_wait_for (chooser_shown, &chooser, 10000));
  return chooser;
}

static gboolean
no_chooser (gpointer data)
{
  GtkWidget *chooser = NULL;
  return !chooser_shown (&chooser);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Fixture *f = user_data;

  f->file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, &f->error);
  f->answered = TRUE;
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fixture *f = user_data;

  f->file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, &f->error);
  f->answered = TRUE;
}

static void
on_opened_multiple (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Fixture *f = user_data;

  f->files = par_file_dialog_open_multiple_finish (PAR_FILE_DIALOG (source), result, &f->error);
  f->answered = TRUE;
}

static GtkFileFilter *
filter_for (const char *name,
            const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

/* Saving: the dialog shows the title, the proposed name, the folder and the default filter;
 * the caller gets the file accepted and the filter the user had selected. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) png = filter_for ("PNG image", "*.png");
  g_autoptr(GtkFileFilter) svg = filter_for ("SVG drawing", "*.svg");
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autofree char *expected = g_build_filename (f->dir, "chart-2023.svg", NULL);
  g_autofree char *got = NULL;
  g_autofree char *name = NULL;
  GtkWidget *chooser;

  par_file_dialog_set_title (dialog, "Export Chart");
  par_file_dialog_set_accept_label (dialog, "_Export");
  par_file_dialog_add_filter (dialog, png);
  par_file_dialog_add_filter (dialog, svg);
  par_file_dialog_set_default_filter (dialog, svg);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, "chart-2023.svg");
  par_file_dialog_save (dialog, f->parent, NULL, on_saved, f);

  chooser = get_chooser ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Chart");
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (chooser)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (chooser)) == f->parent);
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));  /* transfer full */
  g_assert_cmpstr (name, ==, "chart-2023.svg");
  g_assert_true (ui_wait_for (chooser_in_folder, &(InFolder) { chooser, folder }, 10000));
  g_assert_true (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)) == svg);

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_wait_for (answered, f, 10000));
  g_assert_no_error (f->error);
  g_assert_nonnull (f->file);
  got = g_file_get_path (f->file);
  g_assert_cmpstr (got, ==, expected);
  g_assert_true (par_file_dialog_get_chosen_filter (dialog) == svg);
  g_assert_true (ui_wait_for (no_chooser, NULL, 10000));
}

/* Cancelling is G_IO_ERROR_CANCELLED, which callers tell from a failure. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  GtkWidget *chooser;

  par_file_dialog_set_title (dialog, "Open Database");
  par_file_dialog_open (dialog, f->parent, NULL, on_opened, f);
  chooser = get_chooser ();
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_false (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  g_assert_true (ui_wait_for (answered, f, 10000));
  g_assert_null (f->file);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (par_file_dialog_error_is_cancel (f->error));
  g_assert_true (ui_wait_for (no_chooser, NULL, 10000));
}

/* Opening several files: the chooser allows it, and what is chosen comes back as a list model of
 * GFile. (GTK 4 has no public call to select a second file in its chooser: one is chosen.) */
static void
test_open_multiple (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autofree char *a = g_build_filename (f->dir, "a.pdf", NULL);
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GFile) got = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;

  g_assert_true (g_file_set_contents (a, "%PDF-1.4\n", -1, NULL));
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_open_multiple (dialog, f->parent, NULL, on_opened_multiple, f);
  chooser = get_chooser ();
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  g_assert_true (ui_wait_for (chooser_in_folder, &(InFolder) { chooser, folder }, 10000));
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file_a, &error));
  g_assert_no_error (error);
  g_assert_true (ui_wait_for (chooser_has_file, &(InFolder) { chooser, file_a }, 10000));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (ui_wait_for (answered, f, 10000));
  g_assert_no_error (f->error);
  g_assert_nonnull (f->files);
  g_assert_true (g_list_model_get_item_type (f->files) == G_TYPE_FILE
                 || g_type_is_a (g_list_model_get_item_type (f->files), G_TYPE_OBJECT));
  g_assert_cmpuint (g_list_model_get_n_items (f->files), ==, 1);
  got = g_list_model_get_item (f->files, 0);
  g_assert_true (g_file_equal (got, file_a));
}

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_true (source == G_OBJECT (f->parent));
  g_assert_false (par_launch_file_finish (result, &f->error));
  f->answered = TRUE;
}

/* A file no application opens: the caller hears why, it is not dropped silently. */
static void
test_launch_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "nothing-opens-this.parscore-test", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "\x01\x02\x03 no known type", -1, NULL));
  par_launch_file (f->parent, file, NULL, on_launched, f);
  g_assert_true (ui_wait_for (answered, f, 20000));
  g_assert_nonnull (f->error);
  g_assert_nonnull (f->error->message);
  g_assert_cmpstr (f->error->message, !=, "");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/compat/save", Fixture, NULL, fixture_setup, test_save, fixture_teardown);
  g_test_add ("/compat/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/compat/open-multiple", Fixture, NULL, fixture_setup, test_open_multiple, fixture_teardown);
  g_test_add ("/compat/launch-failure", Fixture, NULL, fixture_setup, test_launch_failure, fixture_teardown);
  return g_test_run ();
}
