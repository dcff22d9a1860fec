/* par-csv.h — one row per sub-criterion, for spreadsheets; a round trip changes nothing.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/**
 * par_csv_export:
 * @store: the store
 * @assessment_id: the unit × year
 *
 * Columns: code, title, max, rule, inputs ("id=value;id=value", canonical values), self_score
 * (manual rules only), computed_score, not_applicable (0/1), explanation, appraised_score,
 * survey_score, comment. UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese
 * text right; RFC 4180 quoting. title, max, rule and computed_score are for reading only.
 * A text cell starting with = + - @, a tab or a carriage return is written behind a `'` so
 * a spreadsheet never runs it as a formula (a leading `'` is doubled); numbers are written
 * as they are.
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set.
 */
char     *par_csv_export (ParStore    *store,
                          gint64       assessment_id,
                          GError     **error);

/**
 * par_csv_append_text_cell:
 * @out: the CSV text being written
 * @text: (nullable): the cell's text
 *
 * Appends one text cell (no separator): quoted as RFC 4180 asks, and neutralised against
 * spreadsheet formulas the way par_csv_export() writes text, so every CSV file Parscore
 * writes follows the one rule.
 */
void      par_csv_append_text_cell (GString    *out,
                                    const char *text);

/**
 * ParCsvChange:
 * @code: the criterion
 * @line: the line of its row in the file
 * @columns: the columns whose value changes, "inputs, comment"
 */
typedef struct {
  char *code;
  int   line;
  char *columns;
} ParCsvChange;

/**
 * ParCsvReport:
 * @separator: the cell separator found in the header: ',', ';' or '\t'
 * @n_rows: rows read (blank lines not counted)
 * @columns_read: (element-type utf8): the editable columns the file has, in the order of
 *   par_csv_export()
 * @columns_kept: (element-type utf8): the editable columns the file does not have: their
 *   values are left as they are
 * @columns_ignored: (element-type utf8): header cells that are no column of Parscore's
 * @changes: (element-type ParCsvChange): the entries that change, in file order
 *
 * What an import read and what it changes (or would change, for a dry run).
 */
typedef struct {
  char       separator;
  guint      n_rows;
  GPtrArray *columns_read;
  GPtrArray *columns_kept;
  GPtrArray *columns_ignored;
  GPtrArray *changes;
} ParCsvReport;

void par_csv_report_free (ParCsvReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParCsvReport, par_csv_report_free)

typedef enum {
  PAR_CSV_IMPORT_DEFAULT = 0,
  PAR_CSV_IMPORT_DRY_RUN = 1 << 0,   /* check every row and report, save nothing */
} ParCsvImportFlags;

/**
 * par_csv_import_full:
 * @csv: the file's bytes (need not be NUL-terminated): UTF-8, with or without a byte-order
 *   mark; cells separated by commas, semicolons (what spreadsheets write under a Vietnamese
 *   locale) or tabs, found from the header row
 * @display_name: names the file in messages ("file:line")
 * @report: (out) (optional) (transfer full): what was read and what changes
 *
 * The header names the columns; only `code` is required and the order is free. A column
 * the file does not have leaves that value of every entry unchanged; a present, empty cell
 * clears it. Text cells written behind a `'` by par_csv_export() (formula neutralisation)
 * are read back as their true text.
 *
 * Checks every row first (codes exist in the assessment's criteria set, inputs are declared
 * and valid, points parse); saves nothing unless all rows are valid, then saves the changed
 * entries in one transaction. Rows for codes not in the file are left as they are.
 */
gboolean  par_csv_import_full (ParStore           *store,
                               gint64              assessment_id,
                               const char         *csv,
                               gsize               len,
                               const char         *display_name,
                               ParCsvImportFlags   flags,
                               ParCsvReport      **report,
                               GError            **error);

/**
 * par_csv_import:
 * @n_changed: (out) (optional): entries whose content changed
 *
 * par_csv_import_full() without a report.
 */
gboolean  par_csv_import (ParStore    *store,
                          gint64       assessment_id,
                          const char  *csv,
                          gsize        len,
                          const char  *display_name,
                          guint       *n_changed,
                          GError     **error);

G_END_DECLS
