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

/**
 * par_score_table_write_xlsx:
 * @ranking: the units with their results, in the order the rows take (par_store_rank())
 * @path: the .xlsx file to write (replaced when it exists)
 *
 * Writes the council's full score table: units × sub-criteria. One sheet per score column —
 * Final, Appraised, Self-assessed (par_score_column_label()) — so a secretary sorts one column
 * without two others in the way; on each, a row per unit (its rank, its name, its points per
 * sub-criterion, its total, the maximum it is measured on and its index %), the two header rows
 * (the sub-criteria's codes, then their maxima) frozen with the units' names, a filter on the
 * units' rows, and under them, after an empty row, the province's total and average of every
 * column. A last sheet lists the sub-criteria (code, field, title, maximum).
 *
 * Points and index % are numbers with two decimals. A cell is empty where the column has no
 * score (the council did not appraise that sub-criterion, nothing entered) and reads “N/A” where
 * the sub-criterion does not apply to the unit. The sub-criteria are those of the first unit's
 * criteria set; a unit scored with another set has its cells under the codes both sets share.
 * Written under a temporary name and renamed over @path.
 *
 * Returns: whether the file was written; %PAR_ERROR_IO with the file's name otherwise.
 */
gboolean  par_score_table_write_xlsx (const ParRanking  *ranking,
                                      const char        *path,
                                      GError           **error);

G_END_DECLS
