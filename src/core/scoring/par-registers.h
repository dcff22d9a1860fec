/* par-registers.h — a register's rows for one unit and year (format 2): the one check of a row,
 * typed text → canonical cells, and the rows as the figures computed from them read them.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the figures, the scorer never reads the store: the caller gathers each register's rows
 * (#ParRegisterRows) and passes them to par_figures_evaluate_with_rows() (par-figures.h).
 */
#pragma once

#include "par-register.h"

G_BEGIN_DECLS

/**
 * ParRegisterRows:
 *
 * The rows of one register: canonical cells, one per column of the register, %NULL where empty.
 * A plain container: par_register_check_row() is the check, and the store calls it in every
 * write.
 */
typedef struct _ParRegisterRows ParRegisterRows;

ParRegisterRows *par_register_rows_new        (const char            *register_id,
                                               guint                  n_columns);
ParRegisterRows *par_register_rows_ref        (ParRegisterRows       *rows);
void             par_register_rows_unref      (ParRegisterRows       *rows);
const char      *par_register_rows_get_id     (const ParRegisterRows *rows);
guint            par_register_rows_n_columns  (const ParRegisterRows *rows);
guint            par_register_rows_count      (const ParRegisterRows *rows);
/* Appends a copy of @cells (n_columns of them; %NULL or "" is empty). */
void             par_register_rows_append     (ParRegisterRows       *rows,
                                               const char * const    *cells);
/* Returns: (nullable): the canonical cell, %NULL when empty. */
const char      *par_register_rows_get        (const ParRegisterRows *rows,
                                               guint                  row,
                                               guint                  column);
/* Returns: (array zero-terminated=0): the row's n_columns cells. */
const char * const *par_register_rows_get_row (const ParRegisterRows *rows,
                                               guint                  row);

/**
 * PAR_REGISTER_DOCUMENT_UNSET:
 *
 * A row's document when nobody said (schema 9, issue 13): par_store_set_register_rows() keeps
 * the link the stored row has (a row new to the store gets none). 0 is "no document" (unlink),
 * a positive value a document's id (par_store_list_documents()).
 */
#define PAR_REGISTER_DOCUMENT_UNSET ((gint64) -1)

/* Appends @from's row @row with its cells, its stored identity and its document. */
void             par_register_rows_append_from (ParRegisterRows       *rows,
                                                const ParRegisterRows *from,
                                                guint                  row);
/* The evidence document a row links: a document's id, 0 for none, or
 * %PAR_REGISTER_DOCUMENT_UNSET (the default of par_register_rows_append()). Rows read by
 * par_store_get_register_rows() always say (0 or an id). */
gint64           par_register_rows_get_document (const ParRegisterRows *rows,
                                                 guint                  row);
void             par_register_rows_set_document (ParRegisterRows       *rows,
                                                 guint                  row,
                                                 gint64                 document_id);
/* Which stored row this is (set by par_store_get_register_rows(); 0 for a row not stored yet):
 * par_store_set_register_rows() updates that row in place, so what the store keeps beside the
 * cells (the year it was carried from, its document) stays with it when rows move or change.
 * Keep it when you rebuild rows from what you read (par_register_rows_append_from()). */
gint64           par_register_rows_get_row_id  (const ParRegisterRows *rows,
                                                guint                  row);
void             par_register_rows_set_row_id  (ParRegisterRows       *rows,
                                                guint                  row,
                                                gint64                 row_id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRegisterRows, par_register_rows_unref)

/**
 * par_register_check_cell:
 * @value: (nullable): a canonical value, %NULL or "" for empty
 * @error: %PAR_ERROR_INVALID, a translated message naming the column: a required cell left
 *   empty, a value of the wrong type or out of range, a choice that is not one of the options
 */
gboolean         par_register_check_cell      (const ParRegisterColumn *column,
                                               const char              *value,
                                               GError                 **error);
/**
 * par_register_check_row:
 * @cells: the register's n_columns canonical cells
 * @error: the first problem, naming the column (callers add the row: "row 12, column …")
 *
 * The one check of a register row: the store calls it inside every write (typed by hand,
 * imported from CSV or XLSX, carried forward), the importers and the app show its message.
 */
gboolean         par_register_check_row       (const ParRegister       *reg,
                                               const char * const      *cells,
                                               guint                   *bad_column,
                                               GError                 **error);
/* What a person typed ("1.234,5", "14/01/2023", "có", an option's label) → the canonical cell,
 * "" for empty text; %NULL and a translated error naming the column when it cannot be read. */
char            *par_register_normalize_cell  (const ParRegisterColumn *column,
                                               const char              *text,
                                               GError                 **error);
/**
 * par_register_cell_display:
 * @column: the cell's column
 * @canonical: (nullable): the stored cell, %NULL or "" for empty
 * @decimal_sep: '.' or ',' (par_points_decimal_separator() in the app; the thousands mark is
 *   the other one)
 *
 * A register cell as people see it, wherever it is shown (the Books page, the import preview):
 * dd/mm/yyyy dates, grouped numbers ("4.891" / "4,891", "1.234,5"), "Yes" / "No" (translated),
 * a choice's label. What is read back from it by par_register_normalize_cell() is @canonical.
 * A value that is not canonical is returned as it is, never as a plausible wrong one.
 *
 * Returns: (transfer full): the text, "" when empty.
 */
char            *par_register_cell_display    (const ParRegisterColumn *column,
                                               const char              *canonical,
                                               char                     decimal_sep);
/* The same with the yes/no words given: a document in one language whatever the app's (the
 * evidence pack's "Có" / "Không"). */
char            *par_register_cell_display_words (const ParRegisterColumn *column,
                                                  const char              *canonical,
                                                  char                     decimal_sep,
                                                  const char              *yes,
                                                  const char              *no);
/* A canonical cell as an expression value (missing when empty or not valid). */
ParExprValue     par_register_cell_value      (const ParRegisterColumn *column,
                                               const char              *canonical);
/* Whether a row goes on to the next year (the register's carry condition holds for it). */
gboolean         par_register_row_carries     (const ParRegister       *reg,
                                               const char * const      *cells);

G_END_DECLS
