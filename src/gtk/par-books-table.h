/* par-books-table.h — one register of the Books page as an editable table (a GtkColumnView):
 * a column per register column with an editor of its type, sorting by column, a search that
 * ignores diacritics, the totals of the rows shown.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-books-row.h"
#include "par-register-due.h"

G_BEGIN_DECLS

#define PAR_TYPE_BOOKS_TABLE (par_books_table_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksTable, par_books_table, PAR, BOOKS_TABLE, GtkWidget)

/* The table of @reg (borrowed: the caller keeps its set alive) over @rows (a GListStore of
 * ParBooksRow, the register's rows in their stored order). @editable FALSE shows the rows with
 * every editor read-only. */
GtkWidget     *par_books_table_new            (const ParRegister *reg,
                                               GListStore        *rows,
                                               gboolean           editable);
const ParRegister *par_books_table_get_register (ParBooksTable   *self);
GListStore    *par_books_table_get_rows       (ParBooksTable     *self);

/* Shows only the rows whose text holds @text, compared without diacritics or case. */
void           par_books_table_set_search     (ParBooksTable     *self,
                                               const char        *text);
/* The mid-year view (plan tasks, reports: par-register-due.h): @today (ISO) marks the rows
 * overdue (red) or due within 30 days (amber); @due_only shows only those. */
void           par_books_table_set_today      (ParBooksTable     *self,
                                               const char        *today);
void           par_books_table_set_due_only   (ParBooksTable     *self,
                                               gboolean           due_only);
/* Whether the register has a deadline and a date it was done (the mid-year view applies). */
gboolean       par_books_table_follows_due_dates (ParBooksTable  *self);
ParDueState    par_books_table_get_due        (ParBooksTable     *self,
                                               ParBooksRow       *row);
/* The rows shown now (after the search and the filters), in the order shown. */
GListModel    *par_books_table_get_shown      (ParBooksTable     *self);
/* Sorts by @column_id (%NULL: the stored order). */
void           par_books_table_sort_by        (ParBooksTable     *self,
                                               const char        *column_id,
                                               GtkSortType        order);

/* Puts the focus in the first cell of @row once it is on screen. */
void           par_books_table_focus_row      (ParBooksTable     *self,
                                               ParBooksRow       *row);
/* The row whose cell has the focus, else the selected one (nullable). */
ParBooksRow   *par_books_table_get_current    (ParBooksTable     *self);

/* Shows the row's problem (the core's message) or clears it; updates the totals. */
void           par_books_table_row_changed    (ParBooksTable     *self,
                                               ParBooksRow       *row);
void           par_books_table_update_totals  (ParBooksTable     *self);

/* For tests: the editor of @row's column @column_id while it is on screen (a GtkEditable, a
 * GtkCheckButton or a GtkDropDown), %NULL when not; the totals' and the message's text. */
GtkWidget     *par_books_table_get_cell       (ParBooksTable     *self,
                                               ParBooksRow       *row,
                                               const char        *column_id);
/* The link button of @row while it is on screen: the linked document's number/symbol, or a
 * link icon; it emits ::link-row, and ::open-document on its secondary action. */
GtkWidget     *par_books_table_get_link_button (ParBooksTable    *self,
                                                ParBooksRow      *row);
const char    *par_books_table_get_totals_text (ParBooksTable    *self);
const char    *par_books_table_get_message    (ParBooksTable     *self);

G_END_DECLS
