/* par-council-page.h — the Council mode: a round's units with their status, the deadline that
 * runs, packages dropped or chosen to import, and the ranking.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-chart-view.h"
#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_COUNCIL_PAGE (par_council_page_get_type ())
G_DECLARE_FINAL_TYPE (ParCouncilPage, par_council_page, PAR, COUNCIL_PAGE, GtkWidget)

/* The columns of the units table, in order. */
typedef enum {
  PAR_COUNCIL_COL_UNIT,
  PAR_COUNCIL_COL_STATUS,
  PAR_COUNCIL_COL_RECEIVED,
  PAR_COUNCIL_COL_LATE,
  PAR_COUNCIL_COL_SELF,
  PAR_COUNCIL_COL_FINAL,
  PAR_COUNCIL_N_COLS
} ParCouncilColumn;

/* The columns of the ranking table, in order. */
typedef enum {
  PAR_RANKING_COL_RANK,
  PAR_RANKING_COL_UNIT,
  PAR_RANKING_COL_POINTS,
  PAR_RANKING_COL_INDEX,
  PAR_RANKING_COL_BAND,
  PAR_RANKING_COL_CHANGE,
  PAR_RANKING_N_COLS
} ParRankingColumn;

/* Whether @context's database holds an appraisal round: the window opens it in Council mode. */
gboolean    par_council_page_has_round        (ParContext      *context);

/* Shows round @round_id of @context (0: the latest round). Reads the store again. */
void        par_council_page_present          (ParCouncilPage  *self,
                                               ParContext      *context,
                                               gint64           round_id);
/* Reads the round again (after an import, an appraisal saved, a round closed). */
void        par_council_page_reload           (ParCouncilPage  *self);
gint64      par_council_page_get_round_id     (ParCouncilPage  *self);
/* The round's stage (a #ParRoundStage), 0 when none is shown. */
int         par_council_page_get_stage        (ParCouncilPage  *self);
/* The year of the unit selected in the table, 0 when it has not submitted. */
gint64      par_council_page_get_selected_assessment (ParCouncilPage *self);
gboolean    par_council_page_select_unit      (ParCouncilPage  *self,
                                               const char      *unit_name);

/* Receives @files (GFile*) into the round, with the progress and summary dialogs of
 * par_council_import(); the page reads the round again after. FALSE when it cannot start (no
 * round, an import running). What a drop of files on the page does. */
gboolean    par_council_page_import_files     (ParCouncilPage  *self,
                                               GPtrArray       *files);
gboolean    par_council_page_is_importing     (ParCouncilPage  *self);
/* Asks for packages with the file chooser (several at once), then imports them. */
void        par_council_page_choose_files     (ParCouncilPage  *self);

/* Asks before closing the open round (round 1: its scores lock; round 2: they become final),
 * then closes it through the writer; _now does it without asking. */
void        par_council_page_close_round      (ParCouncilPage  *self);
void        par_council_page_close_round_now  (ParCouncilPage  *self);
/* An import or a close is running. */
gboolean    par_council_page_is_busy          (ParCouncilPage  *self);

/* Saves the appraisal of the selected unit as a package to send back (round 1 closed: its
 * scores; round 2 closed: the final ones): asks where with the file chooser; _to writes to
 * @path without asking (FALSE when it cannot start: round 1 open, no year selected). */
void        par_council_page_return_appraisal (ParCouncilPage  *self);
gboolean    par_council_page_return_to        (ParCouncilPage  *self,
                                               const char      *path);

/* Exports the council's report of the round (par_council_report_write(): PDF) or its score
 * table (.xlsx), on the writer's thread: asks where; _to writes to @path (its extension picks). */
void        par_council_page_export_report    (ParCouncilPage  *self);
gboolean    par_council_page_export_report_to (ParCouncilPage  *self,
                                               const char      *path);

/* "units" or "ranking". */
void        par_council_page_set_view         (ParCouncilPage  *self,
                                               const char      *name);
/* The ranking's level filter: a #ParLevel mask, 0 for every level. */
void        par_council_page_set_ranking_levels (ParCouncilPage *self,
                                                 ParLevel        levels);

/* For tests and screenshots: the rows shown and a cell's text. */
guint       par_council_page_get_n_units      (ParCouncilPage  *self);
const char *par_council_page_get_unit_text    (ParCouncilPage  *self,
                                               guint            row,
                                               ParCouncilColumn column);
guint       par_council_page_get_n_ranked     (ParCouncilPage  *self);
const char *par_council_page_get_ranking_text (ParCouncilPage  *self,
                                               guint            row,
                                               ParRankingColumn column);
const char *par_council_page_get_deadline_text (ParCouncilPage *self);
const char *par_council_page_get_stage_text   (ParCouncilPage  *self);
ParChartView *par_council_page_get_chart_view (ParCouncilPage  *self);

G_END_DECLS
