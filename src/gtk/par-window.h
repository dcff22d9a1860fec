/* par-window.h — the main window: a year's tree of criteria beside the page being scored.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"
#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_WINDOW (par_window_get_type ())
G_DECLARE_FINAL_TYPE (ParWindow, par_window, PAR, WINDOW, AdwApplicationWindow)

GtkWidget          *par_window_new              (GtkApplication *application,
                                                 ParContext     *context);
/* Switch to another database (the previous one's edits are flushed first). */
void                par_window_set_context      (ParWindow      *self,
                                                 ParContext     *context);
ParContext         *par_window_get_context      (ParWindow      *self);
/* The open year, or NULL (welcome page, unit without a year). */
ParAssessmentModel *par_window_get_model        (ParWindow      *self);
/* Open a year by its assessment id (and its unit). */
gboolean            par_window_open_assessment  (ParWindow      *self,
                                                 gint64          assessment_id,
                                                 GError        **error);
/* Select @code in the tree and show its page; NULL shows the overview. */
gboolean            par_window_show_code        (ParWindow      *self,
                                                 const char     *code);
/* The leaf on screen, or NULL for the overview. */
const char         *par_window_get_current_code (ParWindow      *self);
/* The shortcuts window's resource; the window builds it on first use (win.show-help-overlay,
 * Ctrl+?). */
#define PAR_HELP_OVERLAY_RESOURCE "/vn/parscore/Parscore/par-help-overlay.ui"

/* TRUE once the work the window does after its first frame (the sub-criterion page made,
 * laid out and drawn out of sight) is done: a benchmark waits for it before it clicks. */
gboolean            par_window_is_warmed_up     (ParWindow      *self);
/* How many of the window's frames had their new glyphs made font by font before drawing (the
 * first frame, and each frame showing a new page: par-glyph-warm.c), and how many glyphs that
 * made in all; for tests. */
guint               par_window_get_glyph_passes  (ParWindow     *self,
                                                  guint         *glyphs);
/* Which page is visible: "welcome", "no-year", "overview" or "criterion". */
const char         *par_window_get_page_name    (ParWindow      *self);
void                par_window_add_toast        (ParWindow      *self,
                                                 AdwToast       *toast);
/* Import a criteria set from a file (errors go to a dialog; nothing changes then). */
void                par_window_import_framework (ParWindow      *self,
                                                 GFile          *file);

/* Import the council's appraisal package of a year of this unit's database, then show the
 * appraisal and the replies (errors go to a dialog; nothing changes then). */
void                par_window_import_appraisal (ParWindow      *self,
                                                 GFile          *file);

G_END_DECLS
