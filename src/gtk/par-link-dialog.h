/* par-link-dialog.h — pick an existing document (one plan often backs several sub-criteria).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_LINK_DIALOG (par_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParLinkDialog, par_link_dialog, PAR, LINK_DIALOG, AdwWindow)

/* @linked: ids of documents already linked to @code (shown as such, not offered again).
 * Emits ::link when the user confirms. */
ParLinkDialog *par_link_dialog_new             (GtkWindow     *parent,
                                                ParStore      *store,
                                                const char    *code,
                                                GArray        *linked);
gint64         par_link_dialog_get_document_id (ParLinkDialog *self);
const char    *par_link_dialog_get_section     (ParLinkDialog *self);
const char    *par_link_dialog_get_pages       (ParLinkDialog *self);

G_END_DECLS
