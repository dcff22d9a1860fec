/* par-csv-registers.h — a register's rows as CSV (issue 13): one line per row, one column per
 * register column; a round trip changes nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/**
 * par_csv_register_export:
 * @register_id: a register of the year's set
 *
 * The header names the register's columns by id, in the set's order; each row follows, cells
 * canonical ("4891", "99.50", "2020-01-14", "true", an option's value), empty where empty. UTF-8
 * with a byte-order mark, CRLF, RFC 4180 quoting, text cells neutralised against spreadsheet
 * formulas as par_csv_export() writes them. When a row links an evidence document, a last
 * column headed "document" (%PAR_REGISTER_DOCUMENT_HEADER) holds each row's document number/symbol.
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set.
 */
char     *par_csv_register_export (ParStore     *store,
                                   gint64        assessment_id,
                                   const char   *register_id,
                                   GError      **error);

/**
 * par_csv_register_read:
 * @csv: the file's bytes: UTF-8, cells separated by commas, semicolons or tabs
 * @display_name: names the file in messages ("file:line")
 *
 * Reads a register's rows from a CSV file as a person or another program wrote it: the header
 * names the columns by id or by label (any order; a column the file leaves out is empty), each
 * cell is read as typed (par_register_normalize_cell(): "14/01/2020", "1.234,5", "có", an
 * option's label) and each row passes par_register_check_row(). The first problem refuses the
 * file, naming the line, the row and the column (par-register-import.h has the steps, which the
 * app's Import dialog takes one by one).
 *
 * Returns: (transfer full): the rows, or %NULL with @error set.
 */
ParRegisterRows *par_csv_register_read (const ParRegister *reg,
                                        const char        *csv,
                                        gsize              len,
                                        const char        *display_name,
                                        GError           **error);

/* The column a header cell names: its id, its label or its English label, case and diacritics
 * ignored; %NULL when none. */
const ParRegisterColumn *par_register_column_for_header (const ParRegister *reg,
                                                         const char        *header);
/* A header as it is matched and remembered: trimmed, case and diacritics ignored ("Ngày hoàn
 * thành " → "ngay hoan thanh"). */
char                    *par_register_fold_header       (const char        *header);

G_END_DECLS
