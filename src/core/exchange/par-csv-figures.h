/* par-csv-figures.h — a year's figure values (criteria-set format 2) as CSV, one row per figure
 * and period; a round trip changes nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/**
 * par_csv_figures_export:
 *
 * Columns: figure, period, value, label, unit. One row for every period part of every figure
 * the year's set lets a unit enter (derived figures are computed, not entered), in the set's
 * order, with an empty value where nothing is entered: the file is also the form to fill in.
 * Values are canonical ("4891", "99.50", "2020-01-14", "true"); label and unit are for reading.
 * UTF-8 with a byte-order mark, RFC 4180 quoting, text cells neutralised against spreadsheet
 * formulas as par_csv_export() writes them.
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set.
 */
char     *par_csv_figures_export (ParStore    *store,
                                  gint64       assessment_id,
                                  GError     **error);

/**
 * par_csv_figures_import:
 * @csv: the file's bytes: UTF-8, cells separated by commas, semicolons or tabs
 * @display_name: names the file in messages ("file:line")
 * @dry_run: check every row and report, write nothing
 * @changes: (out) (optional) (transfer full) (element-type ParFigureChange): the values that
 *   change (or would), in file order, each with its old value
 *
 * The header needs the columns figure, period and value (any order; other columns are read
 * for nothing). A value is read as a person types it (par_figure_normalize(): "4.891",
 * "99,5", "14/01/2020", "có"); an empty value clears it; values the file does not name are
 * left as they are. Every row is checked first — the figure, the period, the value, a row
 * given twice — with "file:line" in the message; nothing is written unless all are good, then
 * all in one transaction (par_store_set_figure_values()).
 */
gboolean  par_csv_figures_import (ParStore     *store,
                                  gint64        assessment_id,
                                  const char   *csv,
                                  gsize         len,
                                  const char   *display_name,
                                  gboolean      dry_run,
                                  GPtrArray   **changes,
                                  GError      **error);

G_END_DECLS
