/* test-app-startup.c — what the window does after its first frame and on first use, so that
 * start-up and the first click cost less (issue 11), seen as a user sees it: nothing of the
 * work shows, and what is built late shows the same as what was built at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-criterion-page.h"
#include "ui-app.h"

static gboolean
warmed_up (gpointer data)
{
  return par_window_is_warmed_up (data);
}

/* The text of every label shown below @root, in tree order, one a line. */
static void
shown_text (GtkWidget *root,
            GString   *out)
{
  if (!gtk_widget_get_visible (root) || !gtk_widget_get_child_visible (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    shown_text (child, out);
}

static char *
page_text (UiApp *f)
{
  GString *out = g_string_new (NULL);

  shown_text (ui_page (f), out);
  return g_string_free (out, FALSE);
}

/* The warm-up after the first frame makes the sub-criterion page and lays it out out of
 * sight: the window stays on the overview, and the page it prepared shows exactly what a
 * page opened on that sub-criterion later shows, at the window's size. */
static void
test_warm_up (UiApp         *f,
              gconstpointer  data)
{
  g_autofree char *warm = NULL;
  g_autofree char *again = NULL;
  GtkWidget *page;

  g_assert_true (ui_wait_for (warmed_up, f->window, UI_WAIT_MS));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  g_assert_null (par_window_get_current_code (f->window));
  page = ui_page (f);
  g_assert_nonnull (page);
  g_assert_false (gtk_widget_get_mapped (page));

  ui_pick (f, "1.1.1");
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "criterion");
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (par_criterion_page_get_code (PAR_CRITERION_PAGE (page)), ==, "1.1.1");
  g_assert_cmpint (gtk_widget_get_width (page), ==,
                   gtk_widget_get_width (gtk_widget_get_parent (page)));
  warm = page_text (f);
  g_assert_nonnull (strstr (warm, "1.1.1"));

  /* Another sub-criterion and back: built again from the model, not from the warm-up. */
  ui_pick (f, "1.1.2");
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (par_criterion_page_get_code (PAR_CRITERION_PAGE (page)), ==, "1.1.2");
  ui_pick (f, "1.1.1");
  ui_wait_frame (GTK_WIDGET (f->window));
  again = page_text (f);
  g_assert_cmpstr (warm, ==, again);
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/app/warm-up", UiApp, NULL, ui_app_setup, test_warm_up, ui_app_teardown);

  return g_test_run ();
}
