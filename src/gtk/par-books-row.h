/* par-books-row.h — one row of a register as the Books page edits it: its canonical cells, the
 * last cells that passed the core's check (what the store holds for it), and what was typed
 * into a cell that the core could not read (shown, never saved).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_BOOKS_ROW (par_books_row_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksRow, par_books_row, PAR, BOOKS_ROW, GObject)

/* A row of @reg with @cells (n_columns canonical cells, %NULL for a new empty row). @stored:
 * whether the store holds these cells (a row read from it). */
ParBooksRow        *par_books_row_new            (const ParRegister   *reg,
                                                  const char * const  *cells,
                                                  gboolean             stored);
const ParRegister  *par_books_row_get_register   (ParBooksRow         *self);
/* The canonical cell of column @column, %NULL when empty. */
const char         *par_books_row_get_cell       (ParBooksRow         *self,
                                                  guint                column);
const char * const *par_books_row_get_cells      (ParBooksRow         *self);
/* Sets a read canonical cell ("" or %NULL empties it) and forgets a refused text there. */
void                par_books_row_set_cell       (ParBooksRow         *self,
                                                  guint                column,
                                                  const char          *canonical);
/* What was typed into @column and refused, with the core's message (both %NULL to clear). */
void                par_books_row_set_refused    (ParBooksRow         *self,
                                                  guint                column,
                                                  const char          *typed,
                                                  const char          *message);
const char         *par_books_row_get_refused    (ParBooksRow         *self,
                                                  guint                column,
                                                  const char         **message);

/* The core's check of the row's cells (par_register_check_row). On failure @message (nullable,
 * transfer full) gets the core's message and @bad_column the column it names. A refused typed
 * text makes the row fail too, with that text's message. */
gboolean            par_books_row_check          (ParBooksRow         *self,
                                                  guint               *bad_column,
                                                  char               **message);
/* The cells to write: the row's cells when they pass the check, else the last cells that did
 * (what the store holds for it), else %NULL (a new row not complete yet is not written). */
const char * const *par_books_row_get_savable    (ParBooksRow         *self);
/* The row's cells were handed to the store: they are its last good cells now. */
void                par_books_row_mark_saved     (ParBooksRow         *self);

/* The row's text as a search sees it: every cell as shown (dates dd/mm/yyyy, option labels)
 * and the number of the document it links, folded without diacritics and case
 * (par_fold_for_search). */
const char         *par_books_row_get_folded     (ParBooksRow         *self);

/* Which stored row this is (par_register_rows_get_row_id (); 0 for a row not stored yet):
 * written with the row so that the store keeps what it holds beside the cells (its document,
 * the year it was carried from) with the same row. */
void                par_books_row_set_row_id     (ParBooksRow         *self,
                                                  gint64               row_id);
gint64              par_books_row_get_row_id     (ParBooksRow         *self);
/* The evidence document the row links (0: none), as its link button shows it: @label its
 * number/symbol, @text the whole description (nullable: @label). */
void                par_books_row_set_document   (ParBooksRow         *self,
                                                  gint64               document_id,
                                                  const char          *label,
                                                  const char          *text);
gint64              par_books_row_get_document   (ParBooksRow         *self);
const char         *par_books_row_get_document_label (ParBooksRow     *self);
const char         *par_books_row_get_document_text  (ParBooksRow     *self);

G_END_DECLS
