/* test-figures.c — the Figures page (criteria-set format 2, issue 12) as a user tries it: open
 * it from the window, see the quarters entered, type a quarter and watch the year's value, the
 * derived share and the checks follow, type something wrong, leave and find it saved; a failed
 * check names its figures and appears in the overview's list before submit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-core.h"
#include "par-figures-page.h"
#include "ui-app.h"
#include "ui-fixture.h"

static void
enter (ParStore   *store,
       gint64      id,
       const char *figure,
       const char *part,
       const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_store_set_figure_value (store, id, figure, part, value, &error));
  g_assert_no_error (error);
}

/* A database with the figures test set and the Đồng Nai board's first half-year. */
static void
setup (UiApp         *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "..", "core", "data",
                                                "figures-set.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-ui-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    const char *quarters[] = { "q1", "q2", "q3", "q4" };
    const char *received[] = { "2556", "2556", "0", "0" };
    const char *resolved[] = { "2449", "2449", "0", "0" };
    const char *on_time[] = { "2445", "2446", "0", "0" };

    g_assert_no_error (error);
    for (guint i = 0; i < 4; i++)
      {
        enter (store, f->assessment_id, "received", quarters[i], received[i]);
        enter (store, f->assessment_id, "resolved", quarters[i], resolved[i]);
        enter (store, f->assessment_id, "on_time", quarters[i], on_time[i]);
      }
    enter (store, f->assessment_id, "pending", "year", "214");
    enter (store, f->assessment_id, "plan_issued", "year", "2023-01-14");
  }
  ui_app_open (f);
}

/* The shipped sample set (format 2) with the demo's 2020 procedure statistics, kept per quarter
 * in its register: H1 is the Đồng Nai board's 6-month report (4,860 new + 252 carried over,
 * 4,891 on time, 7 late, 214 pending), H2 completes the year; and 30 survey forms. */
static void
setup_sample (UiApp         *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks",
                                           "sample-department.xml", NULL);
  /* period, received, carried, early, on time, late, pending within / past, online, post */
  const char *stats[] = {
    "q1", "2430", "252", "0", "2440", "3", "239", "0", "", "",
    "q2", "2430", "239", "0", "2451", "4", "214", "0", "", "",
    "q3", "2400", "214", "0", "2477", "3", "134", "0", "", "",
    "q4", "2386", "134", "0", "2468", "2", "50", "0", "", "",
  };

  f->dir = g_dir_make_tmp ("parscore-ui-figures-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_autoptr(ParRegisterRows) rows = par_register_rows_new ("procedure_stats", 10);
    g_autoptr(ParRegisterRows) forms = par_register_rows_new ("survey_forms", 5);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (stats) / 10; i++)
      par_register_rows_append (rows, stats + i * 10);
    g_assert_true (par_store_set_register_rows (store, f->assessment_id, "procedure_stats", rows,
                                                FALSE, NULL, &error));
    g_assert_no_error (error);
    for (guint i = 0; i < 30; i++)
      {
        const char *form[] = { "Đăng ký nội quy lao động", "2020-07-15", "very", "yes",
                               i < 27 ? "very" : "partly" };
        par_register_rows_append (forms, form);
      }
    g_assert_true (par_store_set_register_rows (store, f->assessment_id, "survey_forms", forms,
                                                FALSE, NULL, &error));
    g_assert_no_error (error);
  }
  ui_app_open (f);
}

static gboolean
stack_settled (gpointer data)
{
  GtkStack *stack = GTK_STACK (data);

  return !gtk_stack_get_transition_running (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "figures") == 0;
}

static ParFiguresPage *
open_figures (UiApp      *f,
              const char *figure_id)
{
  GtkWidget *page;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-figures", "s",
                                             figure_id));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_FIGURES_PAGE);
  g_assert_nonnull (page);
  /* The window's stack slides to the page: wait until it is the one shown. */
  g_assert_true (ui_wait_for (stack_settled, gtk_widget_get_parent (page), UI_WAIT_MS));
  g_assert_true (gtk_widget_get_mapped (page));
  return PAR_FIGURES_PAGE (page);
}

static gboolean
page_saved (gpointer data)
{
  return !par_figures_page_is_saving (PAR_FIGURES_PAGE (data));
}

static char *
stored (UiApp      *f,
        const char *figure,
        const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (f->db, &error);
  g_autoptr(ParFigureValues) values = NULL;

  g_assert_no_error (error);
  values = par_store_get_figure_values (store, f->assessment_id, &error);
  g_assert_no_error (error);
  return g_strdup (par_figure_values_get (values, figure, part));
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not hold “%s”", text, part);
}

/* Figures as rows, periods as columns; typing updates the year, the derived share and the
 * checks at once, and what was typed is saved. */
static void
test_type (UiApp         *f,
           gconstpointer  data)
{
  ParFiguresPage *page = open_figures (f, "");
  GtkEditable *q3 = par_figures_page_get_entry (page, "on_time", "q3");
  g_autofree char *check = NULL;
  g_autofree char *value = NULL;

  /* The quarters as stored, the year's sum and the derived share. */
  g_assert_cmpstr (gtk_editable_get_text (par_figures_page_get_entry (page, "on_time", "q1")), ==,
                   "2,445");
  g_assert_cmpstr (par_figures_page_get_year_text (page, "on_time"), ==, "4,891");
  g_assert_cmpstr (par_figures_page_get_year_text (page, "on_time_share"), ==, "99.86 %");
  check = par_figures_page_get_check_text (page, 0);
  assert_contains (check, "Holds");
  g_clear_pointer (&check, g_free);
  ui_app_screenshot (f, "figures-page");

  /* Q3 typed as an office types it, with a thousands separator: the year and the share follow
   * before anything is saved. */
  ui_type_into (GTK_WIDGET (q3), "1.000");
  g_assert_cmpstr (par_figures_page_get_year_text (page, "on_time"), ==, "5,891");
  /* 5,891 on time of 4,898 resolved: the warning fails and names both figures. */
  check = par_figures_page_get_check_text (page, 1);
  assert_contains (check, "Fails (warning)");
  assert_contains (check, "(on_time)");
  assert_contains (check, "(resolved)");
  g_clear_pointer (&check, g_free);

  /* Something that is not a number is shown as wrong and never saved. */
  ui_type_into (GTK_WIDGET (par_figures_page_get_entry (page, "pending", "year")), "abc");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (par_figures_page_get_entry (page, "pending",
                                                                                  "year")),
                                           "error"));
  g_assert_cmpstr (par_figures_page_get_year_text (page, "on_time"), ==, "5,891");

  /* Enter saves what is typed; leaving the page too. */
  g_signal_emit_by_name (q3, "activate");
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  value = stored (f, "on_time", "q3");
  g_assert_cmpstr (value, ==, "1000");
  g_clear_pointer (&value, g_free);
  value = stored (f, "pending", "year");
  g_assert_cmpstr (value, ==, "214");
  ui_app_screenshot (f, "figures-page-typed");
}

/* A failed error check names its figures on the page, appears in the overview's list before
 * submit, and the store refuses the submission. */
static void
test_failed_check (UiApp         *f,
                   gconstpointer  data)
{
  ParFiguresPage *page = open_figures (f, "pending");
  GtkEditable *pending = par_figures_page_get_entry (page, "pending", "year");
  g_autofree char *check = NULL;

  /* The sub-criterion page's figure buttons open the page at a figure: its entry has the
   * focus. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    g_assert_true (focus != NULL && (focus == GTK_WIDGET (pending) ||
                                     gtk_widget_is_ancestor (focus, GTK_WIDGET (pending))));
  }
  ui_type_into (GTK_WIDGET (pending), "200");
  check = par_figures_page_get_check_text (page, 0);
  assert_contains (check, "Fails — blocks submitting");
  assert_contains (check, "(received)");
  assert_contains (check, "(resolved)");
  assert_contains (check, "(pending)");
  par_figures_page_save (page);
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  ui_app_screenshot (f, "figures-page-failed-check");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.close-figures", NULL));
  {
    ParAssessmentModel *model = par_window_get_model (f->window);
    g_autoptr(GPtrArray) blockers = par_assessment_model_get_blockers (model);
    gboolean found = FALSE;

    for (guint i = 0; i < blockers->len; i++)
      {
        const ParBlocker *b = blockers->pdata[i];
        found |= b->message != NULL && strstr (b->message, "Số tiếp nhận phải bằng") != NULL;
      }
    g_assert_true (found);
  }
}

/* The sub-criterion page shows the figures its rule uses, with their quarters and year; a
 * click goes to them. */
static void
test_from_criterion (UiApp         *f,
                     gconstpointer  data)
{
  GtkWidget *group, *row, *page;

  ui_pick (f, "1.1.1");
  group = ui_find_named (ui_page (f), "figures");
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_get_visible (group));
  row = ui_find_named (group, "resolved");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Số hồ sơ đã giải quyết");
  assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                   "Q1 2,449 + Q2 2,449 + Q3 0 + Q4 0 = 4,898");
  g_assert_nonnull (ui_find_named (group, "on_time"));
  ui_app_screenshot (f, "figures-criterion-page");

  g_assert_true (gtk_widget_activate (row));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_FIGURES_PAGE);
  g_assert_nonnull (page);
  g_assert_true (ui_wait_for (stack_settled, gtk_widget_get_parent (page), UI_WAIT_MS));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
    GtkWidget *q1 = GTK_WIDGET (par_figures_page_get_entry (PAR_FIGURES_PAGE (page), "resolved", "q1"));
    g_assert_true (focus != NULL && (focus == q1 || gtk_widget_is_ancestor (focus, q1)));
  }
}

/* The sample set's figures as a coordinator sees them, in the language of the run: the figures
 * its registers give (the year's files from the procedure statistics), the derived share and
 * both checks holding. */
static void
test_sample_screenshot (UiApp         *f,
                        gconstpointer  data)
{
  ParFiguresPage *page = open_figures (f, "");
  const char *language = g_getenv ("LANGUAGE");
  gboolean vi = language != NULL && g_str_has_prefix (language, "vi");
  g_autofree char *name = g_strdup_printf ("figures-page-sample-%s", vi ? "vi" : "en");
  g_autofree char *check0 = par_figures_page_get_check_text (page, 0);
  g_autofree char *check1 = par_figures_page_get_check_text (page, 1);

  g_assert_null (par_figures_page_get_entry (page, "files_on_time", "h1"));   /* not typed */
  g_assert_cmpstr (par_figures_page_get_year_text (page, "files_on_time"), ==, vi ? "9.836" : "9,836");
  g_assert_cmpstr (par_figures_page_get_year_text (page, "files_resolved"), ==, vi ? "9.848" : "9,848");
  g_assert_cmpstr (par_figures_page_get_year_text (page, "on_time_share"), ==, vi ? "99,88 %" : "99.88 %");
  assert_contains (check0, vi ? "Đạt" : "Holds");
  assert_contains (check1, vi ? "Đạt" : "Holds");
  assert_contains (check1, "30");
  ui_app_screenshot (f, name);
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

static GtkWidget *
focus_of (UiApp *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_in (UiApp     *f,
          GtkWidget *widget)
{
  GtkWidget *focus = focus_of (f);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
main_shown (gpointer data)
{
  GtkStack *stack = GTK_STACK (data);

  return !gtk_stack_get_transition_running (stack) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (stack), "main") == 0;
}

/* Every shortcut of the Figures page works from the keyboard, and the shortcuts window lists
 * them: Ctrl+I opens the page with the first value focused, Tab and Shift+Tab go along a
 * figure's periods, Enter saves what was typed, Esc goes back to where one was. */
static void
test_keyboard (UiApp         *f,
               gconstpointer  data)
{
  /* The shortcuts window is built on first use (Ctrl+?), from this resource: what it lists. */
  g_autoptr(GtkBuilder) help = gtk_builder_new_from_resource (PAR_HELP_OVERLAY_RESOURCE);
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (help, "help_overlay"));
  GtkWidget *page, *stack;
  GtkWidget *q1, *q2, *q3;
  g_autofree char *value = NULL;

  g_assert_nonnull (overlay);
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Figures of the year", "<Control>i"));
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Next or previous value", "Tab <Shift>Tab"));
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Save the value typed", "Return"));
  g_assert_true (overlay_lists (GTK_WIDGET (overlay), "Back from the figures", "Escape"));
  gtk_window_destroy (overlay);

  ui_pick (f, "1.1.1");
  g_assert_true (ui_press_shortcut (GTK_WIDGET (f->window), GDK_KEY_i, GDK_CONTROL_MASK));
  page = ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_FIGURES_PAGE);
  g_assert_nonnull (page);
  stack = gtk_widget_get_parent (page);
  g_assert_true (ui_wait_for (stack_settled, stack, UI_WAIT_MS));

  /* The first value of the first figure has the focus: typing starts there. */
  q1 = GTK_WIDGET (par_figures_page_get_entry (PAR_FIGURES_PAGE (page), "received", "q1"));
  q2 = GTK_WIDGET (par_figures_page_get_entry (PAR_FIGURES_PAGE (page), "received", "q2"));
  q3 = GTK_WIDGET (par_figures_page_get_entry (PAR_FIGURES_PAGE (page), "received", "q3"));
  g_assert_true (focus_in (f, q1));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (f, q2));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (f, q3));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_in (f, q2));

  /* Enter, where the focus is (the entry's text), saves at once. */
  ui_type_into (q2, "2557");
  g_assert_true (focus_in (f, q2));
  g_assert_true (ui_press_shortcut (focus_of (f), GDK_KEY_Return, 0));
  g_assert_true (ui_wait_for (page_saved, page, UI_WAIT_MS));
  value = stored (f, "received", "q2");
  g_assert_cmpstr (value, ==, "2557");

  /* Esc, from the entry that has the focus, goes back to the sub-criterion. */
  g_assert_true (ui_press_shortcut (focus_of (f), GDK_KEY_Escape, 0));
  g_assert_true (ui_wait_for (main_shown, stack, UI_WAIT_MS));
  g_assert_nonnull (focus_of (f));
  g_assert_true (gtk_widget_is_visible (focus_of (f)));
  g_assert_false (gtk_widget_is_ancestor (focus_of (f), page));
}

/* A frame drawn after the page is shown and its slide is over, when nothing animates: the
 * tests' ui_wait_frame () used to queue one draw and wait for two paints, and timed out here. */
static void
test_frame_after_show (UiApp         *f,
                       gconstpointer  data)
{
  ParFiguresPage *page = open_figures (f, "on_time");
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gint64 before;

  g_assert_nonnull (clock);
  before = gdk_frame_clock_get_frame_counter (clock);
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), >, before);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (page)), >, 0);
  /* Twice in a row: the second call has no change of page to ride on either. */
  before = gdk_frame_clock_get_frame_counter (clock);
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), >, before);
}

/* The page as it looks, in the language of the run (LANGUAGE=vi for the Vietnamese one). */
static void
test_screenshot (UiApp         *f,
                 gconstpointer  data)
{
  ParFiguresPage *page = open_figures (f, "on_time");
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *name = g_strdup_printf ("figures-page-%s",
                                           language != NULL && language[0] != '\0' ? language : "en");

  g_assert_nonnull (par_figures_page_get_year_text (page, "on_time_share"));
  ui_app_screenshot (f, name);
}

int
main (int   argc,
      char *argv[])
{
  /* The catalogs of the build tree: the figures-vi run's screenshot is in Vietnamese. */
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/figures/type", UiApp, NULL, setup, test_type, ui_app_teardown);
  g_test_add ("/figures/failed-check", UiApp, NULL, setup, test_failed_check, ui_app_teardown);
  g_test_add ("/figures/from-criterion", UiApp, NULL, setup, test_from_criterion, ui_app_teardown);
  g_test_add ("/figures/screenshot/fixture", UiApp, NULL, setup, test_screenshot, ui_app_teardown);
  g_test_add ("/figures/keyboard", UiApp, NULL, setup, test_keyboard, ui_app_teardown);
  g_test_add ("/figures/frame-after-show", UiApp, NULL, setup, test_frame_after_show,
              ui_app_teardown);
  g_test_add ("/figures/screenshot/sample", UiApp, NULL, setup_sample, test_sample_screenshot,
              ui_app_teardown);
  return g_test_run ();
}
