/* par-audit-log.h — one year's audit log as the audit window shows and exports it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_AUDIT_ROW (par_audit_row_get_type ())
G_DECLARE_FINAL_TYPE (ParAuditRow, par_audit_row, PAR, AUDIT_ROW, GObject)

/* When, as stored (ISO 8601 UTC), and shown (local "dd/mm/yyyy hh:mm"). */
const char *par_audit_row_get_when      (ParAuditRow *self);
const char *par_audit_row_get_when_text (ParAuditRow *self);
/* Who made the change; "" when the log does not say (changes before names were recorded). */
const char *par_audit_row_get_who       (ParAuditRow *self);
/* The sub-criterion ("1.1.4"), or "" for the year itself (status, creation). */
const char *par_audit_row_get_code      (ParAuditRow *self);
/* What changed, in words: "Self-assessed score", "Figure “done”", "Status"… */
const char *par_audit_row_get_change    (ParAuditRow *self);
const char *par_audit_row_get_before    (ParAuditRow *self);
const char *par_audit_row_get_after     (ParAuditRow *self);
/* Why, when the change was given a reason (unlocking a year); "" otherwise. */
const char *par_audit_row_get_reason    (ParAuditRow *self);

/* The changes to the year @assessment_id, newest first (a list of ParAuditRow); figures are
 * named by their label in @framework (the year's criteria set) when given. */
GListModel *par_audit_log_load      (ParStore     *store,
                                     gint64        assessment_id,
                                     ParFramework *framework,
                                     GError      **error);
/* Whether @row is about the sub-criterion @code or one below it ("1.1" matches "1.1.4"). */
gboolean    par_audit_row_matches   (ParAuditRow *row,
                                     const char  *code);
/* Writes @rows to @path as CSV (UTF-8, a header row, text cells safe from spreadsheet
 * formulas). */
gboolean    par_audit_log_write_csv (GListModel  *rows,
                                     const char  *path,
                                     GError     **error);

G_END_DECLS
