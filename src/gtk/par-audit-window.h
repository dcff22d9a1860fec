/* par-audit-window.h — the audit log of a year: who changed what and when.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_AUDIT_WINDOW (par_audit_window_get_type ())
G_DECLARE_FINAL_TYPE (ParAuditWindow, par_audit_window, PAR, AUDIT_WINDOW, AdwWindow)

/* A window over @parent listing the changes to the year @assessment_id, kept current as
 * edits are saved. @title names the year ("Ban Quản lý … · 2023"). */
ParAuditWindow *par_audit_window_new        (GtkWindow      *parent,
                                             ParContext     *context,
                                             gint64          assessment_id,
                                             const char     *title);
/* Shows only the changes to @code and below ("1.1" → 1.1.1, 1.1.2…); NULL or "" for all. */
void            par_audit_window_set_filter (ParAuditWindow *self,
                                             const char     *code);
/* The rows shown now (a list of ParAuditRow). */
GListModel     *par_audit_window_get_rows   (ParAuditWindow *self);
/* Writes the rows shown now to @path as CSV. */
gboolean        par_audit_window_export     (ParAuditWindow *self,
                                             const char     *path,
                                             GError        **error);

G_END_DECLS
