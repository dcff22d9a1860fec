/* par-window-private.h — what the window's files share: its fields and internal helpers.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-books-page.h"
#include "par-council-page.h"
#include "par-council-reply.h"
#include "par-criterion-page.h"
#include "par-dashboard-page.h"
#include "par-figures-page.h"
#include "par-glyph-warm.h"
#include "par-overview-page.h"
#include "par-tree-item.h"
#include "par-window.h"

G_BEGIN_DECLS


struct _ParWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  GMenuModel           *primary_menu;
  GtkMenuButton        *menu_button;   /* its menu made when first opened */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkDropDown          *unit_dropdown;
  GtkDropDown          *no_year_unit_dropdown;   /* NULL until the empty pages are built */
  AdwWindowTitle       *welcome_title;           /* NULL until the empty pages are built */
  GtkDropDown          *year_dropdown;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *tree_view;
  AdwWindowTitle       *content_title;
  GtkLabel             *save_label;
  GtkRevealer          *lock_revealer;
  GtkLabel             *lock_label;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkStack             *content_stack;
  ParOverviewPage      *overview_page;
  ParCriterionPage     *criterion_page;   /* NULL until a sub-criterion is opened */
  ParDashboardPage     *dashboard_page;   /* NULL until the dashboard is first shown */
  ParFiguresPage       *figures_page;     /* NULL until the Figures page is first shown */
  ParBooksPage         *books_page;       /* NULL until the Books page is first shown */
  ParCouncilPage       *council_page;     /* NULL until a council database is opened */
  GtkWidget            *council_button;
  ParCouncilReplyPage  *reply_page;       /* NULL until the unit's appraisal is first shown */
  GtkWindow            *audit_window;     /* weak: the open audit log, if any */

  ParContext           *context;
  ParAssessmentModel   *model;
  GPtrArray            *units;         /* of ParUnit* */
  GPtrArray            *assessments;   /* of ParAssessment*, of the selected unit */
  GtkStringList        *unit_names;
  GtkStringList        *year_names;
  /* What the header's drop-downs list: the open unit and year only until the first frame is
   * on screen, then all of them (par-window.c, make_lists_whole). */
  GtkSliceListModel    *unit_shown;
  GtkSliceListModel    *year_shown;
  gboolean              lists_whole;
  gint64                unit_id;

  GListStore           *root_store;
  GtkTreeListModel     *tree_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  GHashTable           *items;         /* code → ParTreeItem* (refs held by the stores) */
  ParTreeItem          *overview_item;
  char                 *query;         /* folded search text */
  char                 *current_code;

  gboolean              backup_running;   /* Back Up… is writing a backup */
  gboolean              restoring;        /* Restore… has let go of the database */
  GtkWidget            *busy_page;        /* "Restoring…", made when first needed */
  guint                 syncing;       /* > 0 while the window moves a selection itself */
  guint                 warm_up_id;
  gboolean              warmed_up;     /* the warm-up after the first frame has run */
  cairo_surface_t      *paint_buffers; /* par_warm_up_paint_buffers(): held, not drawn on */
  ParGlyphWarm         *glyph_warm;    /* a new page's glyphs made font by font first */
  gboolean              warm_glyphs;   /* the next frame shows a new page: warm its glyphs */
  guint                 glyph_passes;  /* frames whose glyphs were made first */
  guint                 glyphs_warmed; /* how many glyphs, all those frames together */
  gulong                writer_failed_id;
  gulong                writer_saved_id;
};

/* par-window.c */
void _par_window_toast_error         (ParWindow    *self,
                                      const GError *error);
void _par_window_show_error_dialog   (ParWindow    *self,
                                      const char   *heading,
                                      const char   *body);
/* Reload units from the store and show @unit_id (0: the remembered one, else the first). */
void _par_window_reload_units        (ParWindow    *self,
                                      gint64        unit_id,
                                      gint64        assessment_id);
/* The name of the unit shown, or "". */
const char *_par_window_unit_name    (ParWindow    *self);
/* Show the "welcome" or "no-year" page, building them on first use. */
void _par_window_show_empty_page     (ParWindow    *self,
                                      const char   *name);

/* Lets go of the database (its edits written first; the audit log and the dashboard
 * closed) and shows @message with a spinner until par_window_set_context(). */
void _par_window_release_context     (ParWindow    *self,
                                      const char   *message);

/* par-window-backup.c */
void _par_window_backup_action       (GtkWidget    *widget,
                                      const char   *action_name,
                                      GVariant     *parameter);
void _par_window_restore_action      (GtkWidget    *widget,
                                      const char   *action_name,
                                      GVariant     *parameter);
/* The same as the actions, without their file dialogs. */
void _par_window_back_up_to          (ParWindow    *self,
                                      const char   *dest);
void _par_window_restore_from        (ParWindow    *self,
                                      const char   *backup_path);

/* par-window-actions.c */
/* The Council mode, when the database holds an appraisal round (built on first use). */
void _par_window_show_council        (ParWindow    *self);
void _par_window_class_actions_init  (ParWindowClass *klass);
/* The one place that decides which actions make sense now. */
void _par_window_actions_update      (ParWindow    *self);

G_END_DECLS
