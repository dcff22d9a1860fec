/* par-council-table.h — a ranking, and the council's score table, as CSV and XLSX.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-rank.h"
#include "par-store.h"

G_BEGIN_DECLS

/**
 * par_ranking_to_csv:
 * @ranking: a ranking (par_rank(), par_store_rank())
 *
 * One row per unit, in the ranking's order, with the columns `rank`, `unit`, `level`,
 * `criteria_set`, `points`, `max`, `index`, `band`, `previous_rank`, `change`, `state`
 * (`ranked`, `not-appraised`, `no-result`). Numbers are written with a dot ("98.70"); `rank`,
 * `previous_rank` and `change` are empty where not known. UTF-8 with a byte-order mark; text
 * cells quoted and neutralised as every CSV Parscore writes (par_csv_append_text_cell()).
 *
 * Returns: (transfer full): the CSV text.
 */
char     *par_ranking_to_csv      (const ParRanking  *ranking);

/**
 * par_ranking_write_xlsx:
 * @ranking: a ranking
 * @path: the .xlsx file to write (replaced when it exists)
 *
 * Writes the ranking as a spreadsheet: one sheet, a header row in the user's language, one row
 * per unit as in par_ranking_to_csv(), points and index % as numbers with two decimals. The file
 * is written under a temporary name and renamed over @path, so a failure leaves no half file.
 *
 * Returns: whether the file was written; %PAR_ERROR_IO with the file's name otherwise.
 */
gboolean  par_ranking_write_xlsx  (const ParRanking  *ranking,
                                   const char        *path,
                                   GError           **error);

G_END_DECLS
