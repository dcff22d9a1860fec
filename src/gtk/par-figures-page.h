/* par-figures-page.h — a year's figures (criteria-set format 2): figures as rows, periods as
 * columns, the year's values, derived figures and checks updating as one types.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_FIGURES_PAGE (par_figures_page_get_type ())
G_DECLARE_FINAL_TYPE (ParFiguresPage, par_figures_page, PAR, FIGURES_PAGE, GtkWidget)

/* Shows the figures of @assessment_id from @context's store; @editable FALSE for a locked or
 * read-only year (the values are shown, not entered). */
void        par_figures_page_present      (ParFiguresPage *self,
                                           ParContext     *context,
                                           gint64          assessment_id,
                                           gboolean        editable);
/* Scrolls to @figure_id's row and puts the focus in its first entry (or the row). */
gboolean    par_figures_page_focus_figure (ParFiguresPage *self,
                                           const char     *figure_id);

/* Puts the focus in the first value one can type (Ctrl+I opens the page there). */
gboolean    par_figures_page_focus_first  (ParFiguresPage *self);

/* Writes what was typed now, without waiting for the pause after typing (Enter does too). */
void        par_figures_page_save         (ParFiguresPage *self);
/* Whether typed values are still waiting to be written (tests wait until FALSE). */
gboolean    par_figures_page_is_saving    (ParFiguresPage *self);

/* For tests: the entry of a figure's period part, the label of its year value, and the text
 * of the check at @index (its state, message and the figures it names). */
GtkEditable *par_figures_page_get_entry       (ParFiguresPage *self,
                                               const char     *figure_id,
                                               const char     *part_key);
const char  *par_figures_page_get_year_text   (ParFiguresPage *self,
                                               const char     *figure_id);
char        *par_figures_page_get_check_text  (ParFiguresPage *self,
                                               guint           index);

G_END_DECLS
