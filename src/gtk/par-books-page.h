/* par-books-page.h — a year's books (issue 13): the registers the office keeps through the year
 * (plan tasks, reports sent, survey forms, procedure statistics), each an editable table, with
 * the figures each feeds and the points of the sub-criteria that read them, as one types.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-assessment-model.h"
#include "par-books-table.h"
#include "par-books-link.h"
#include "par-document-dialog.h"

G_BEGIN_DECLS

#define PAR_TYPE_BOOKS_PAGE (par_books_page_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksPage, par_books_page, PAR, BOOKS_PAGE, GtkWidget)

/* Shows the registers of @model's year. A locked year or a read-only database shows the rows
 * and refuses edits, saying why. */
void           par_books_page_present          (ParBooksPage       *self,
                                                ParAssessmentModel *model);
/* Reads the rows again from the store (after an import), keeping the register shown; what was
 * typed and not written yet is written first. */
void           par_books_page_reload           (ParBooksPage       *self);
/* The year shown (nullable before the first present). */
ParAssessmentModel *par_books_page_get_model   (ParBooksPage       *self);
/* Shows @register_id's table; FALSE if the set has no such register. */
gboolean       par_books_page_show_register    (ParBooksPage       *self,
                                                const char         *register_id);
/* The table of @register_id (nullable). */
ParBooksTable *par_books_page_get_table        (ParBooksPage       *self,
                                                const char         *register_id);
/* The register shown now (nullable). */
const char    *par_books_page_get_register_id  (ParBooksPage       *self);

/* Adds an empty row to the register shown and puts the focus in its first cell (Ctrl++). */
ParBooksRow   *par_books_page_add_row          (ParBooksPage       *self);
/* Removes @row from the register shown, offering Undo in a toast (the row's remove button,
 * Delete, Ctrl+−). */
void           par_books_page_remove_row       (ParBooksPage       *self,
                                                ParBooksRow        *row);
/* A row's link button: the chooser of the document @row links (returned, presented; the
 * choice is written through the writer with Undo in a toast), or %NULL on a read-only year,
 * whose reason is shown in a toast. */
ParBooksLinkDialog *par_books_page_link_row    (ParBooksPage       *self,
                                                ParBooksRow        *row);
/* Its secondary action: the document dialog of the document @row links (%NULL when none). */
ParDocumentDialog *par_books_page_open_document (ParBooksPage      *self,
                                                ParBooksRow        *row);

/* The mid-year view's today (ISO; the clock's date unless a test sets it): rows overdue or due
 * within 30 days are marked, and the "Due Within 30 Days" toggle shows only them. */
void           par_books_page_set_today        (ParBooksPage       *self,
                                                const char         *today);

/* The box of the header bar where the import and export buttons go (books-io). */
GtkBox        *par_books_page_get_io_box       (ParBooksPage       *self);

/* Writes what was typed now (Enter and leaving the page do too). */
void           par_books_page_save             (ParBooksPage       *self);
/* Whether edits are still waiting to be written (tests wait until FALSE). */
gboolean       par_books_page_is_saving        (ParBooksPage       *self);
/* Why the page refuses edits (a locked year, a read-only database), %NULL when it does not. */
const char    *par_books_page_get_refusal      (ParBooksPage       *self);

/* For tests: the text of the figures panel's row of @figure_id (value and explanation) or of a
 * check id (message and state), and of
 * the sub-criterion @code under it ("1.1.3 … 1.50 / 1.50"); %NULL when not shown. */
char          *par_books_page_get_figure_text  (ParBooksPage       *self,
                                                const char         *figure_id);
char          *par_books_page_get_leaf_text    (ParBooksPage       *self,
                                                const char         *figure_id,
                                                const char         *code);

G_END_DECLS
