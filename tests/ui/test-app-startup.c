/* test-app-startup.c — what the window does after its first frame and on first use, so that
 * start-up and the first click cost less (issue 11), seen as a user sees it: nothing of the
 * work shows, and what is built late shows the same as what was built at once (the
 * sub-criterion page after the warm-up, the shortcuts window on first use).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "par-criterion-page.h"
#include "par-overview-page.h"
#include "par-warm-up.h"
#include "ui-app.h"
#include "ui-fixture.h"

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

/* How many rows of @surface (ARGB32) hold a pixel that is not transparent. */
static int
inked_rows (cairo_surface_t *surface)
{
  const guint8 *data;
  int stride, rows = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if (((const guint32 *) (data + y * stride))[x] >> 24 != 0)
        {
          rows++;
          break;
        }
  return rows;
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

  /* What the warm-up draws of the hidden page is its text: as tall as its tallest label, with
   * ink in it (it drew on one blank row while it asked whether the page itself was shown). */
  g_assert_false (gtk_widget_get_child_visible (page));
  {
    cairo_surface_t *drawn = par_warm_up_draw (page, gtk_native_get_surface (GTK_NATIVE (f->window)));

    g_assert_cmpint (cairo_image_surface_get_width (drawn), ==, gtk_widget_get_width (page));
    g_assert_cmpint (cairo_image_surface_get_height (drawn), >=, 16);
    g_assert_cmpint (inked_rows (drawn), >=, 10);
    cairo_surface_destroy (drawn);
  }

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

/* Every GtkShortcutsShortcut below @root, shown or not (the section's other pages), as
 * "title\taccelerator" lines, sorted. */
static void
collect_shortcuts (GObject   *object,
                   GPtrArray *out)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (object))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (object, "title", &title, "accelerator", &accelerator, NULL);
      g_ptr_array_add (out, g_strdup_printf ("%s\t%s", title, accelerator));
    }
  if (GTK_IS_WIDGET (object))
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (object)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      collect_shortcuts (G_OBJECT (child), out);
}

static int
cmp_str (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static char *
joined (GPtrArray *lines)
{
  g_ptr_array_sort (lines, cmp_str);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* The shortcuts window is built when first asked for (Ctrl+? or the menu), not when the window
 * opens; then it lists every shortcut of its resource, and it is built once. */
static void
test_shortcuts_on_first_use (UiApp         *f,
                             gconstpointer  data)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (f->window);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (PAR_HELP_OVERLAY_RESOURCE);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) accels = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *shown_text = NULL;
  GtkShortcutsWindow *overlay;
  GtkWindow *reference;
  GLogLevelFlags fatal;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app), "win.show-help-overlay");
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>question");
  g_assert_null (gtk_application_window_get_help_overlay (window));

  /* GTK 4.8's shortcuts window under libadwaita's style sheet warns when it is laid out
   * ("GtkLabel … reported min width -3, but sizes must be >= 0"), whether Parscore builds it
   * or GtkBuilder alone from the same resource: warnings are not fatal while it is shown. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  overlay = gtk_application_window_get_help_overlay (window);
  g_assert_nonnull (overlay);
  g_assert_true (ui_wait_for (mapped, overlay, UI_WAIT_MS));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  reference = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  collect_shortcuts (G_OBJECT (reference), expected);
  collect_shortcuts (G_OBJECT (overlay), shown);
  g_assert_cmpuint (expected->len, >=, 20);
  expected_text = joined (expected);
  shown_text = joined (shown);
  g_assert_cmpstr (shown_text, ==, expected_text);
  g_assert_nonnull (strstr (shown_text, "Search sub-criteria\t<Control>f"));
  gtk_window_destroy (reference);

  /* Closed and asked for again: the same window, shown again. */
  gtk_window_close (GTK_WINDOW (overlay));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (gtk_application_window_get_help_overlay (window) == overlay);
  g_assert_true (ui_wait_for (mapped, overlay, UI_WAIT_MS));
  gtk_window_close (GTK_WINDOW (overlay));
  ui_wait_frame (GTK_WIDGET (window));
  g_log_set_always_fatal (fatal);
}

/* The labels of every model button below @root, in tree order. */
static void
menu_labels (GtkWidget *root,
             GString   *out)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "GtkModelButton"))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "text", &text, NULL);
      if (text != NULL && *text != '\0')
        {
          g_autoptr(GString) plain = g_string_new (text);

          g_string_replace (plain, "_", "", 0);   /* the mnemonics */
          g_string_append_printf (out, "%s\n", plain->str);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    menu_labels (child, out);
}

/* The main menu's popover is made when the menu first opens, not with the window; then it
 * holds every item of the window's menu, is made once, and F10 opens it (the button is the
 * window's primary menu). */
static void
test_menu_on_first_use (UiApp         *f,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkMenuButton *menu = NULL;
  GMenuModel *model = NULL;
  GtkPopover *popover;

  ui_collect_type (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_menu_button_get_icon_name (buttons->pdata[i]), "open-menu-symbolic") == 0)
      menu = buttons->pdata[i];
  g_assert_nonnull (menu);
  g_assert_true (gtk_menu_button_get_primary (menu));
  g_assert_null (gtk_menu_button_get_popover (menu));
  g_assert_null (gtk_menu_button_get_menu_model (menu));

  gtk_menu_button_popup (menu);
  popover = gtk_menu_button_get_popover (menu);
  g_assert_nonnull (popover);
  g_assert_true (ui_wait_for (mapped, popover, UI_WAIT_MS));
  model = gtk_menu_button_get_menu_model (menu);
  g_assert_nonnull (model);
  menu_labels (GTK_WIDGET (popover), labels);
  g_assert_nonnull (strstr (labels->str, "Open Database…\n"));
  g_assert_nonnull (strstr (labels->str, "Export Evidence Pack…\n"));
  g_assert_nonnull (strstr (labels->str, "Keyboard Shortcuts\n"));

  /* Closed and opened again: the same popover. */
  gtk_menu_button_popdown (menu);
  ui_wait_frame (GTK_WIDGET (f->window));
  gtk_menu_button_popup (menu);
  g_assert_true (gtk_menu_button_get_popover (menu) == popover);
  g_assert_true (ui_wait_for (mapped, popover, UI_WAIT_MS));
  gtk_menu_button_popdown (menu);
  ui_wait_frame (GTK_WIDGET (f->window));
}

/* A frame's new glyphs are made font by font before it draws when it shows a new page: the
 * first frame, another sub-criterion; a frame that only redraws does not read the labels. */
static void
test_glyphs_warmed_on_new_pages (UiApp         *f,
                                 gconstpointer  data)
{
  guint passes, glyphs, more;

  ui_wait_frame (GTK_WIDGET (f->window));
  passes = par_window_get_glyph_passes (f->window, &glyphs);
  g_assert_cmpuint (passes, >=, 1);
  g_assert_cmpuint (glyphs, >, 20);   /* the overview's text */

  /* A redraw of the same page: the labels are not read. */
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (par_window_get_glyph_passes (f->window, NULL), ==, passes);

  /* Another page: read once, with glyphs the overview did not have. */
  ui_pick (f, "1.1.1");
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (par_window_get_glyph_passes (f->window, &more), ==, passes + 1);
  g_assert_cmpuint (more, >, glyphs);

  /* A redraw of that page: not read again. */
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpuint (par_window_get_glyph_passes (f->window, NULL), ==, passes + 1);
}

/* The header's drop-downs list only what they show until the window's first frame is on
 * screen (GTK 4.8 makes a row widget for every item of a drop-down's model at once), then
 * every unit and every year of the unit, still showing the same ones; picking from the whole
 * list opens what was picked. */
typedef struct
{
  gboolean seen;
  guint    units, years;           /* items listed at the first frame */
  char    *unit, *year;            /* shown at the first frame */
} HeaderLists;

static const char *
dropdown_shown (GtkWidget *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : NULL;
}

static guint
dropdown_items (GtkWidget *dropdown)
{
  return g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown)));
}

/* Picks the item reading @text, as a click in the drop-down's list does. */
static void
dropdown_pick (GtkWidget  *dropdown,
               const char *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), text))
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
header_dropdowns (UiApp      *f,
                  GtkWidget **unit,
                  GtkWidget **year)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();

  ui_collect_type (GTK_WIDGET (f->window), GTK_TYPE_DROP_DOWN, dropdowns);
  g_assert_cmpuint (dropdowns->len, >=, 2);
  *unit = dropdowns->pdata[0];   /* the sidebar's header: unit, then year */
  *year = dropdowns->pdata[1];
}

static void
on_lists_painted (GdkFrameClock *clock,
                  UiApp         *f)
{
  HeaderLists *lists = g_object_get_data (G_OBJECT (f->window), "test-lists");
  GtkWidget *unit, *year;

  if (lists->seen || !gtk_widget_get_mapped (GTK_WIDGET (f->window)))
    return;
  header_dropdowns (f, &unit, &year);
  lists->seen = TRUE;
  lists->units = dropdown_items (unit);
  lists->years = dropdown_items (year);
  lists->unit = g_strdup (dropdown_shown (unit));
  lists->year = g_strdup (dropdown_shown (year));
}

static void
watch_lists (UiApp    *f,
             gpointer  data)
{
  g_object_set_data (G_OBJECT (f->window), "test-lists", data);
  /* "paint": after GTK's own handler has drawn the frame, before "after-paint", where the
   * window completes its lists. */
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "paint",
                    G_CALLBACK (on_lists_painted), f);
}

static gboolean
lists_seen (gpointer data)
{
  return ((HeaderLists *) data)->seen;
}

static void
test_header_lists_after_first_frame (UiApp         *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  HeaderLists lists = { FALSE, };
  GtkWidget *unit, *year;
  g_autofree char *first_unit = NULL;
  gint64 unit_b = 0;

  {
    g_autoptr(ParStore) store = par_store_open (f->db, &error);
    g_autoptr(ParAssessment) a2023 = NULL;
    g_autoptr(GPtrArray) units = NULL;

    g_assert_no_error (error);
    a2023 = par_store_get_assessment (store, f->assessment_id, &error);
    g_assert_no_error (error);
    for (int y = 2021; y <= 2022; y++)
      g_assert_cmpint (par_store_create_assessment (store, a2023->unit_id, y, a2023->framework_row, &error), >, 0);
    for (const char *const *name = (const char *const[]) { "Sở B", "Sở C", "Sở D", NULL }; *name != NULL; name++)
      {
        gint64 id = par_store_add_unit (store, *name, PAR_LEVEL_DEPARTMENT, &error);

        g_assert_no_error (error);
        g_assert_cmpint (par_store_create_assessment (store, id, 2024, a2023->framework_row, &error), >, 0);
        if (g_str_equal (*name, "Sở C"))
          unit_b = id;
      }
    g_assert_no_error (error);
    units = par_store_list_units (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (units->len, ==, 4);
    for (guint i = 0; i < units->len; i++)
      if (((ParUnit *) units->pdata[i])->id == a2023->unit_id)
        first_unit = g_strdup (((ParUnit *) units->pdata[i])->name);
  }
  g_assert_nonnull (first_unit);
  g_assert_cmpint (unit_b, >, 0);

  ui_app_open_watching (f, watch_lists, &lists);
  g_assert_true (ui_wait_for (lists_seen, &lists, UI_WAIT_MS));
  /* At the first frame: one of each, the ones open. */
  g_assert_cmpuint (lists.units, ==, 1);
  g_assert_cmpuint (lists.years, ==, 1);
  g_assert_cmpstr (lists.unit, ==, first_unit);
  g_assert_cmpstr (lists.year, ==, "2023");

  /* Right after: all of them, the same ones shown. */
  ui_wait_frame (GTK_WIDGET (f->window));
  header_dropdowns (f, &unit, &year);
  g_assert_cmpuint (dropdown_items (unit), ==, 4);
  g_assert_cmpuint (dropdown_items (year), ==, 3);
  g_assert_cmpstr (dropdown_shown (unit), ==, first_unit);
  g_assert_cmpstr (dropdown_shown (year), ==, "2023");

  /* Picked from the whole lists: another year, then another unit (its one year, 2024). */
  dropdown_pick (year, "2021");
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (dropdown_shown (year), ==, "2021");
  g_assert_cmpint (par_context_get_last_assessment (par_window_get_context (f->window)), !=, f->assessment_id);

  dropdown_pick (unit, "Sở C");
  ui_wait_frame (GTK_WIDGET (f->window));
  g_assert_cmpstr (dropdown_shown (unit), ==, "Sở C");
  g_assert_cmpuint (dropdown_items (year), ==, 1);
  g_assert_cmpstr (dropdown_shown (year), ==, "2024");
  g_free (lists.unit);
  g_free (lists.year);
}

/* The database is opened, and the year's criteria set read, on a worker while GTK starts
 * (par-preload.c): what fails there reaches the user as it did when the main thread did it. */

/* The fixture's database, not yet opened by the application. */
static void
preload_setup (UiApp         *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);

  f->dir = g_dir_make_tmp ("parscore-ui-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "test.db", NULL);
  f->assessment_id = ui_fixture_create (f->db, xml, &error);
  g_assert_no_error (error);
}

/* Started as `parscore --db` starts: registered (startup, where the worker starts), then
 * activated. */
static void
start_app (UiApp *f)
{
  g_autoptr(GError) error = NULL;
  static guint serial;
  g_autofree char *app_id = g_strdup_printf ("vn.parscore.Parscore.Preload%u", ++serial);

  f->app = par_application_new ();
  g_application_set_application_id (G_APPLICATION (f->app), app_id);
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (f->app, f->db);
  g_assert_true (g_application_register (G_APPLICATION (f->app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (f->app));
}

static void
exec_sql (const char *path,
          const char *sql,
          const char *text1,
          const char *text2)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text1 != NULL)
    sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A stored criteria set that its schema refuses (its hash made to match, so the schema check
 * is what finds it): the window opens and says the year cannot be opened, with the reader's
 * own message. */
static void
test_preload_bad_set (UiApp         *f,
                      gconstpointer  data)
{
  const char *bad = "<?xml version=\"1.0\"?>\n"
                    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"x\" max=\"10\">\n"
                    "  <title>Thiếu</title>\n"
                    "</criteria-set>\n";
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, bad, -1);
  g_autoptr(GError) expected = NULL;
  GtkWidget *dialog;

  exec_sql (f->db, "UPDATE frameworks SET source = CAST(?1 AS BLOB), sha256 = ?2", bad, sha);
  /* What reading it on the main thread says. */
  {
    g_autoptr(ParStore) store = par_store_open (f->db, &expected);
    g_autoptr(ParAssessment) assessment = NULL;
    g_autoptr(ParFramework) framework = NULL;

    g_assert_no_error (expected);
    assessment = par_store_get_assessment (store, f->assessment_id, &expected);
    g_assert_no_error (expected);
    framework = par_store_load_framework (store, assessment->framework_row, &expected);
    g_assert_null (framework);
    g_assert_nonnull (expected);
  }

  start_app (f);
  f->window = PAR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (f->window);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  g_test_message ("dialog: %s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "This Year Cannot Be Opened");
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==, expected->message);
  g_assert_null (par_window_get_model (f->window));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "close");
}

static gboolean
no_toplevels (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (gtk_widget_get_visible (window))
        return FALSE;
    }
  return TRUE;
}

/* A database made by a newer Parscore: the open fails on the worker, and the first window's
 * problem dialog says why, as before. Nothing stays open on the file. */
static void
test_preload_newer_database (UiApp         *f,
                             gconstpointer  data)
{
  GtkWidget *dialog;
  const char *body;

  exec_sql (f->db, "PRAGMA user_version = 99", NULL, NULL);
  start_app (f);
  dialog = ui_get_dialog (ADW_TYPE_MESSAGE_DIALOG);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("dialog: %s", body);
  g_assert_cmpstr (gtk_widget_get_name (dialog), ==, "open-database-problem");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "This Database Cannot Be Opened");
  g_assert_nonnull (strstr (body, "newer version of Parscore"));
  g_assert_null (par_application_get_context (f->app));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (ui_wait_for (no_toplevels, NULL, UI_WAIT_MS));
}

static gboolean
window_shown (gpointer data)
{
  UiApp *f = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (f->app));

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* A database file that does not exist yet is made by the worker, while the main thread goes
 * on: the window must not look at the file half made (an empty file is refused, as one the
 * user chose would be) but open on the new database's welcome page. Timing decides whether
 * the two meet: tried a number of times. */
static void
test_preload_new_database (UiApp         *f,
                           gconstpointer  data)
{
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("new-%u.db", i);
      GtkWindow *window;

      g_free (f->db);
      f->db = g_build_filename (f->dir, name, NULL);
      start_app (f);
      g_assert_true (ui_wait_for (window_shown, f, UI_WAIT_MS));
      window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
      g_assert_true (PAR_IS_WINDOW (window));
      if (!PAR_IS_WINDOW (window))
        return;
      f->window = PAR_WINDOW (window);
      g_assert_cmpstr (par_window_get_page_name (f->window), ==, "welcome");
      g_assert_false (ui_has_dialog (GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
      ui_app_close (f);
    }
}

/* The overview's rows out of sight at the first frame ---------------------------------------- */

typedef struct {
  UiApp      *f;
  int         height;      /* the window's, asked for before its first frame */
  gulong      paint_id;
  gboolean    seen;        /* a frame with the overview on it was painted */
  gboolean    complete;    /* and the page was whole then */
  char       *rows;        /* the overview's rows then, one title a line */
  GdkTexture *first;       /* what that frame showed */
} FirstFrame;

static GtkWidget *
overview_page (UiApp *f)
{
  return ui_find_type (GTK_WIDGET (f->window), PAR_TYPE_OVERVIEW_PAGE);
}

/* The window drawn as it is laid out now (its last frame, when called right after a paint). */
static GdkTexture *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                           gtk_widget_get_height (window)));
}

/* "code  title" of each of the overview's field and deduction/bonus rows, in order, one a line;
 * each must have the accessible name it is read by. */
static char *
overview_rows (UiApp *f)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GString *out = g_string_new (NULL);

  ui_collect_type (overview_page (f), ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      /* The fields' and the deductions'; not the sub-criteria to see to before submitting. */
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), "win.open-code") != 0
          || g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), "Before You Submit") == 0)
        continue;
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_string_append_printf (out, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }
  return g_string_free (out, FALSE);
}

static void
on_first_paint (GdkFrameClock *clock,
                FirstFrame    *ff)
{
  GtkWidget *page = overview_page (ff->f);

  if (ff->seen || page == NULL || !gtk_widget_get_mapped (page) || gtk_widget_get_height (page) <= 0)
    return;
  ff->seen = TRUE;
  ff->complete = par_overview_page_is_complete (PAR_OVERVIEW_PAGE (page));
  ff->rows = overview_rows (ff->f);
  ff->first = render_window (GTK_WIDGET (ff->f->window));
}

static void
watch_first_frame (UiApp    *f,
                   gpointer  data)
{
  FirstFrame *ff = data;

  ff->f = f;
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1180, ff->height);
  ff->paint_id = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                                   G_CALLBACK (on_first_paint), ff);
}

static gboolean
first_seen (gpointer data)
{
  return ((FirstFrame *) data)->seen;
}

static gboolean
overview_complete (gpointer data)
{
  return par_overview_page_is_complete (PAR_OVERVIEW_PAGE (overview_page (data)));
}

static void
assert_same_pixels (GdkTexture *a,
                    GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  gsize stride = width * 4;
  g_autofree guchar *pa = g_malloc (stride * height);
  g_autofree guchar *pb = g_malloc (stride * height);
  int differ = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, pa, stride);
  gdk_texture_download (b, pb, stride);
  for (int y = 0; y < height; y++)
    if (memcmp (pa + y * stride, pb + y * stride, stride) != 0)
      differ++;
  g_assert_cmpint (differ, ==, 0);
}

/* Opens the window @height tall and checks its first frame with the overview on it against
 * the same window once the page is whole; returns whether the page was whole at that frame. */
static gboolean
first_frame_of_overview (UiApp *f,
                         int    height,
                         char **rows_then)
{
  FirstFrame ff = { .height = height };
  g_autofree char *rows = NULL;
  g_autofree char *file = NULL;
  g_autoptr(GdkTexture) whole = NULL;
  const char *dir = g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".";

  ui_app_close (f);
  ui_app_open_watching (f, watch_first_frame, &ff);
  g_assert_true (ui_wait_for (first_seen, &ff, UI_WAIT_MS));
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), ff.paint_id);
  g_assert_cmpstr (par_window_get_page_name (f->window), ==, "overview");
  g_test_message ("window %d×%d", gtk_widget_get_width (GTK_WIDGET (f->window)),
                  gtk_widget_get_height (GTK_WIDGET (f->window)));

  /* Whole before anything else the main loop does after that frame. */
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (overview_complete (f));
  ui_wait_frame (GTK_WIDGET (f->window));
  whole = render_window (GTK_WIDGET (f->window));

  file = g_strdup_printf ("%s/screenshots/overview-first-frame-%d.png", dir, height);
  {
    g_autofree char *folder = g_path_get_dirname (file);

    g_mkdir_with_parents (folder, 0755);
  }
  g_assert_true (gdk_texture_save_to_png (ff.first, file));
  g_test_message ("first frame: %s", file);
  g_free (file);
  file = g_strdup_printf ("overview-whole-%d", height);
  ui_app_screenshot (f, file);
  assert_same_pixels (ff.first, whole);

  /* Every row, in the set's order, each with its accessible name. */
  rows = overview_rows (f);
  g_assert_cmpstr (rows, ==, "1  Công tác chỉ đạo, điều hành cải cách hành chính\n"
                             "2  Cải cách thủ tục hành chính\n"
                             "T1  Bị phê bình vì chậm báo cáo\n");
  *rows_then = g_steal_pointer (&ff.rows);
  g_object_unref (ff.first);
  return ff.complete;
}

/* At the window's size, the overview's first frame shows its header, scores and the start of
 * its lists: the rows below are built right after that frame, before any input is handled.
 * The frame is the same as the whole page's, and the page is whole — every row, in order,
 * named for screen readers — as soon as the main loop runs after it. */
static void
test_overview_rest_after_first_frame (UiApp         *f,
                                      gconstpointer  data)
{
  g_autofree char *rows = NULL;

  g_assert_false (first_frame_of_overview (f, 800, &rows));
  g_test_message ("rows at the first frame:\n%s", rows);
  g_assert_null (strstr (rows, "T1  "));
}

/* A window tall enough to show the whole page (as tall as the screen) builds it all before its
 * first frame. */
static void
test_overview_tall_whole_at_first_frame (UiApp         *f,
                                         gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *titles = NULL;
  GtkWidget *page, *last = NULL;
  graphene_rect_t bounds;

  g_assert_true (first_frame_of_overview (f, 1700, &titles));
  g_assert_nonnull (strstr (titles, "T1  "));

  /* The page's last row is in sight there. */
  page = overview_page (f);
  ui_collect_type (page, ADW_TYPE_PREFERENCES_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "T1  "))
      last = g_ptr_array_index (rows, i);
  g_assert_nonnull (last);
  g_assert_true (gtk_widget_compute_bounds (last, page, &bounds));
  g_assert_cmpfloat (bounds.origin.y, <, gtk_widget_get_height (page));
}

/* The first frame's icons come from the icon theme the application has GTK read again on its
 * worker once the last resource path is added (par-application.c): that reading has every
 * path — GTK's theme, libadwaita's resource icons and ours — and finds each icon where the
 * theme puts it. */
static void
test_icon_theme_whole (UiApp         *f,
                       gconstpointer  data)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (f->window)));
  static const struct { const char *name, *uri; } icons[] = {
    /* The header's dashboard button: our resource icon. */
    { "par-dashboard-symbolic", "resource:///vn/parscore/Parscore/icons/scalable/actions/par-dashboard-symbolic.svg" },
    /* The window's icon. */
    { "vn.parscore.Parscore", "resource:///vn/parscore/Parscore/icons/scalable/apps/vn.parscore.Parscore.svg" },
    /* libadwaita's own (an expander row's arrow). */
    { "adw-expander-arrow-symbolic", "resource:///org/gnome/Adwaita/icons/scalable/actions/adw-expander-arrow-symbolic.svg" },
  };

  ui_wait_frame (GTK_WIDGET (f->window));
  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *uri = NULL;

      g_assert_true (gtk_icon_theme_has_icon (theme, icons[i].name));
      icon = gtk_icon_theme_lookup_icon (theme, icons[i].name, NULL, 16, 1, GTK_TEXT_DIR_LTR, 0);
      file = gtk_icon_paintable_get_file (icon);
      g_assert_nonnull (file);
      uri = g_file_get_uri (file);
      g_assert_cmpstr (uri, ==, icons[i].uri);
    }
  /* A theme icon the first frame draws (the overview's row chevrons). */
  g_assert_true (gtk_icon_theme_has_icon (theme, "go-next-symbolic"));
}

/* GTK's theme is the empty one libadwaita names once the application has started, and the
 * GTK_THEME it set while GTK made its settings is gone from the environment: nothing it
 * starts inherits it. */
static void
test_theme_after_start (UiApp         *f,
                        gconstpointer  data)
{
  g_autofree char *theme = NULL;

  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
  g_assert_cmpstr (theme, ==, "Adwaita-empty");
  g_assert_null (g_getenv ("GTK_THEME"));
}

int
main (int   argc,
      char *argv[])
{
  par_application_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/app/warm-up", UiApp, NULL, ui_app_setup, test_warm_up, ui_app_teardown);
  g_test_add ("/app/overview-rest-after-first-frame", UiApp, NULL, ui_app_setup,
              test_overview_rest_after_first_frame, ui_app_teardown);
  g_test_add ("/app/overview-tall-whole-at-first-frame", UiApp, NULL, ui_app_setup,
              test_overview_tall_whole_at_first_frame, ui_app_teardown);
  g_test_add ("/app/shortcuts-on-first-use", UiApp, NULL, ui_app_setup, test_shortcuts_on_first_use,
              ui_app_teardown);
  g_test_add ("/app/menu-on-first-use", UiApp, NULL, ui_app_setup, test_menu_on_first_use,
              ui_app_teardown);
  g_test_add ("/app/glyphs-warmed-on-new-pages", UiApp, NULL, ui_app_setup,
              test_glyphs_warmed_on_new_pages, ui_app_teardown);
  g_test_add ("/app/theme-after-start", UiApp, NULL, ui_app_setup, test_theme_after_start,
              ui_app_teardown);
  g_test_add ("/app/icon-theme-whole", UiApp, NULL, ui_app_setup, test_icon_theme_whole,
              ui_app_teardown);
  g_test_add ("/app/header-lists-after-first-frame", UiApp, NULL, preload_setup,
              test_header_lists_after_first_frame, ui_app_teardown);
  g_test_add ("/app/preload-bad-set", UiApp, NULL, preload_setup, test_preload_bad_set,
              ui_app_teardown);
  g_test_add ("/app/preload-newer-database", UiApp, NULL, preload_setup,
              test_preload_newer_database, ui_app_teardown);
  g_test_add ("/app/preload-new-database", UiApp, NULL, preload_setup, test_preload_new_database,
              ui_app_teardown);

  return g_test_run ();
}
