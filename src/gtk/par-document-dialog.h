/* par-document-dialog.h — describe a new evidence document and attach its files, or correct
 * the details of one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_DOCUMENT_DIALOG (par_document_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParDocumentDialog, par_document_dialog, PAR, DOCUMENT_DIALOG, AdwWindow)

/* @files: (element-type GFile) (nullable): files to attach from the start (a drop). Emits
 * ::add when the user confirms. */
ParDocumentDialog *par_document_dialog_new          (GtkWindow          *parent,
                                                     const char         *code,
                                                     GSList             *files);
/* The same dialog correcting @document's details and the part of it cited for @code
 * (section, pages). Emits ::save when the user confirms. */
ParDocumentDialog *par_document_dialog_new_edit     (GtkWindow          *parent,
                                                     const ParDocument  *document,
                                                     const char         *code,
                                                     const char         *section,
                                                     const char         *pages);
/* Valid while the dialog lives; the date is ISO; editing, the id is the document's. */
const ParDocument *par_document_dialog_get_document (ParDocumentDialog  *self);
const char        *par_document_dialog_get_section  (ParDocumentDialog  *self);
const char        *par_document_dialog_get_pages    (ParDocumentDialog  *self);
/* Local paths of the files to attach (NULL-terminated, owned by the dialog). */
const char * const *par_document_dialog_get_files   (ParDocumentDialog  *self);
void               par_document_dialog_add_files    (ParDocumentDialog  *self,
                                                     GSList             *files);

G_END_DECLS
