/* par-xlsx-registers.h — a register's rows as an XLSX spreadsheet (issue 13): written with
 * libxlsxwriter, read with libzip (the zip container) and libxml2 (the sheet's XML).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-registers.h"

G_BEGIN_DECLS

/* What a spreadsheet to read may be: larger or stranger files are refused with a clear error,
 * never read (a zip bomb, a sheet of a million rows). */
#define PAR_XLSX_MAX_FILE     (32 * 1024 * 1024)   /* the .xlsx itself */
#define PAR_XLSX_MAX_PART     (64 * 1024 * 1024)   /* one XML part, unpacked */
#define PAR_XLSX_MAX_RATIO    200                  /* unpacked / packed size of a part */
#define PAR_XLSX_MAX_COLUMNS  256

/**
 * par_xlsx_register_write:
 *
 * One sheet named after the register: a bold header of the columns' labels, then one row per
 * row with typed cells — numbers as numbers, dates as dates shown dd/mm/yyyy, yes/no as
 * booleans, a choice as its option's label, text as text. Written beside @path and renamed
 * into place.
 */
gboolean         par_xlsx_register_write (const ParRegister     *reg,
                                          const ParRegisterRows *rows,
                                          const char            *path,
                                          GError               **error);
/* The same with a last column "Văn bản" holding each row's document number/symbol when any row
 * links one (@numbers: par_register_document_numbers(), nullable). */
gboolean         par_xlsx_register_write_linked (const ParRegister     *reg,
                                                 const ParRegisterRows *rows,
                                                 GPtrArray             *numbers,
                                                 const char            *path,
                                                 GError               **error);

/**
 * par_xlsx_register_read:
 * @display_name: names the file in messages ("file.xlsx:5" for the sheet's row 5)
 *
 * The first sheet's rows: the first non-empty row is the header (columns by id or label),
 * shared strings, inline strings, numbers (exact, from their text), booleans and dates stored
 * as serial numbers are understood; then every row goes through the one reading and the one
 * check, as par_csv_register_read() does. A file that is not a zip, a part too large or
 * compressed too well (a zip bomb), a sheet of too many rows or columns, or XML that cannot be
 * read is refused with %PAR_ERROR_FORMAT and what is wrong.
 *
 * Returns: (transfer full): the rows, or %NULL with @error set.
 */
ParRegisterRows *par_xlsx_register_read  (const ParRegister     *reg,
                                          const char            *path,
                                          const char            *display_name,
                                          GError               **error);

G_END_DECLS
