/* ui-app.h — driving the application's window in-process, as a user would.
 *
 * Every wait is for a state (a score shown, rows listed, a dialog mapped); UI_WAIT_MS only
 * ends a test that hangs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-application.h"
#include "par-window.h"
#include "ui-gtk-util.h"

G_BEGIN_DECLS

#define UI_WAIT_MS 30000

/* A g_test fixture: a temporary folder and database, the application and its window. */
typedef struct {
  char           *dir;
  char           *db;
  gint64          assessment_id;
  ParApplication *app;
  ParWindow      *window;
} UiApp;

/* @data NULL: a database with tests/ui/fixture-set.xml, a unit and its 2023 draft; else an
 * empty database (the welcome page). Opens the window at 1180×800. */
void        ui_app_setup             (UiApp         *f,
                                      gconstpointer  data);
void        ui_app_teardown          (UiApp         *f,
                                      gconstpointer  data);
void        ui_app_open              (UiApp         *f);
/* Opens at the size the window was last closed at. */
void        ui_app_open_keeping_size (UiApp         *f);
/* As ui_app_open, calling @hook once the window exists, before the main loop runs (before its
 * first frame). */
typedef void (*UiAppHook) (UiApp *f, gpointer data);
void        ui_app_open_watching     (UiApp         *f,
                                      UiAppHook      hook,
                                      gpointer       data);
/* Closes the window as the user does and lets the application go (its writer flushes). */
void        ui_app_close             (UiApp         *f);
void        ui_app_screenshot        (UiApp         *f,
                                      const char    *name);

/* Widgets */
GtkWidget  *ui_page                  (UiApp         *f);   /* the sub-criterion page */
GtkWidget  *ui_named                 (UiApp         *f,
                                      const char    *name); /* fails the test if absent */
/* Every visible widget of @type below @root (included). */
void        ui_collect_type          (GtkWidget     *root,
                                      GType          type,
                                      GPtrArray     *out);
const char *ui_score_text            (UiApp         *f);
/* Picks @code's row in the sidebar through its selection model, as a click does. */
void        ui_pick                  (UiApp         *f,
                                      const char    *code);

/* Acting */
/* Types one character at a time at the end of the emptied text. */
void        ui_type_into             (GtkWidget     *editable,
                                      const char    *text);
/* Waits for the button to be on screen and sensitive, then activates it (it clicks a
 * moment later). */
void        ui_click                 (GtkWidget     *button);
void        ui_drop_files            (GtkWidget     *widget,
                                      const char    *path);
/* Writes @contents to @name in the test's folder (transfer full: the path). */
char       *ui_write_file            (UiApp         *f,
                                      const char    *name,
                                      const char    *contents);

/* The button of the toast shown now whose label holds @label ("Undo"); fails if none. */
GtkWidget  *ui_toast_button          (UiApp         *f,
                                      const char    *label);

/* Waits until @widget's frame clock has laid out and painted a frame since this call: what a
 * change asked for (a new page, a new size) is then allocated. */
void        ui_wait_frame            (GtkWidget     *widget);

/* Waiting for what the window shows */
void        ui_wait_score            (UiApp         *f,
                                      const char    *text);
void        ui_wait_label            (GtkWidget     *label,
                                      const char    *text);
void        ui_wait_rows             (GListModel    *model,
                                      guint          n);
gboolean    ui_has_dialog            (gpointer       type);   /* GSIZE_TO_POINTER (GType) */
GtkWidget  *ui_get_dialog            (GType          type);   /* waits until it is mapped */
gboolean    ui_writer_idle           (gpointer       app);    /* UiApp* */

/* Evidence */
typedef struct {
  UiApp *f;
  guint  n;
} UiCount;

guint       ui_count_documents       (UiApp         *f);
gboolean    ui_documents_shown       (gpointer       count);  /* UiCount* */
/* Adds "06/KH-KCN" of 14/01/2023 (section "Mục II", one PDF) to @code through the dialog. */
void        ui_add_document          (UiApp         *f,
                                      const char    *code);
/* One stored fact per line of @code's entry (see ui_fixture_dump_entry; transfer full). */
char       *ui_dump                  (UiApp         *f,
                                      const char    *code);

G_END_DECLS
