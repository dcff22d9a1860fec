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
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set.
 */
char     *par_csv_export (ParStore    *store,
                          gint64       assessment_id,
                          GError     **error);

/**
 * par_csv_import:
 * @csv: the file's bytes (need not be NUL-terminated)
 * @display_name: names the file in messages ("file:line")
 * @n_changed: (out) (optional): entries whose content changed
 *
 * Checks every row first (codes exist in the assessment's criteria set, inputs are declared and
 * valid, points parse); saves nothing unless all rows are valid, then saves the changed entries
 * in one transaction. Rows for codes not in the file are left as they are.
 */
gboolean  par_csv_import (ParStore    *store,
                          gint64       assessment_id,
                          const char  *csv,
                          gsize        len,
                          const char  *display_name,
                          guint       *n_changed,
                          GError     **error);

G_END_DECLS
