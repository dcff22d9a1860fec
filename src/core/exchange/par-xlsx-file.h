/* par-xlsx-file.h — a spreadsheet written whole or not at all (private to exchange/): the
 * workbook goes to a new temporary file beside its destination and is renamed over it once
 * complete, so a failed write never leaves half a file under the name the user chose.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-xlsx-lib.h"

G_BEGIN_DECLS

/* After par_xlsxwriter_load(): a workbook writing to a new file beside @path, whose name goes
 * to *@tmp (free it); NULL with @error set (%PAR_ERROR_IO) when it cannot be made. */
lxw_workbook *par_xlsx_file_begin  (const char    *path,
                                    char         **tmp,
                                    GError       **error);
/* Closes @workbook and renames @tmp over @path; on failure removes @tmp and sets @error. */
gboolean      par_xlsx_file_finish (lxw_workbook  *workbook,
                                    const char    *tmp,
                                    const char    *path,
                                    GError       **error);

G_END_DECLS
