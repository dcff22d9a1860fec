/* par-register-import-private.h — what the register readers share inside exchange/.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-register-import.h"

G_BEGIN_DECLS

/* par-xlsx-registers.c: the first sheet as a table, numbers marked (see ParRegisterTable). */
ParRegisterTable *par_xlsx_read_table       (const char              *path,
                                             const char              *display_name,
                                             GCancellable            *cancellable,
                                             GError                 **error);
/* A marked number read for @column (a date's day serial, a number's exact digits); any other
 * cell copied. */
char             *par_xlsx_cell_for_column  (const ParRegisterColumn *column,
                                             const char              *cell);
/* par-register-import.c: the strict reading of `register import` (see par_register_read_file());
 * @documents (nullable, of ParDocument*): resolve the file's document column against them. */
ParRegisterRows  *par_register_rows_from_marked_table (const ParRegister      *reg,
                                                       const ParRegisterTable *table,
                                                       GPtrArray              *documents,
                                                       GError                **error);

G_END_DECLS
