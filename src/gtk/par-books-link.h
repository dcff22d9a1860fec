/* par-books-link.h — which evidence document a register row links (issue 13): a chooser of the
 * documents, the year's first, searched as the evidence list searches them, with "No Document"
 * to unlink. The Books page opens it from a row's link button and writes the choice.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

#define PAR_TYPE_BOOKS_LINK_DIALOG (par_books_link_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksLinkDialog, par_books_link_dialog, PAR, BOOKS_LINK_DIALOG, AdwWindow)

/* @subtitle: what is linked ("Row 3 of Báo cáo định kỳ"); @current: the document the row links
 * now (0: none); @year_documents: (element-type gint64): the documents the year already cites
 * (evidence of its sub-criteria, links of its books), listed first. Emits ::chosen (gint64: a
 * document's id, 0 for none) when a row is activated, then closes; Escape or Cancel close it
 * with nothing chosen. The search has the focus: type to search, Enter chooses the selected row
 * or else the first document found, Down goes to the list. */
ParBooksLinkDialog *par_books_link_dialog_new        (GtkWindow          *parent,
                                                      ParStore           *store,
                                                      const char         *subtitle,
                                                      gint64              current,
                                                      GArray             *year_documents);
/* For tests: the search entry, and the rows shown: 0 is "No Document", then the documents
 * (par_document_row_get_id() says which). */
GtkEditable        *par_books_link_dialog_get_search (ParBooksLinkDialog *self);
guint               par_books_link_dialog_get_n_rows (ParBooksLinkDialog *self);
GtkListBoxRow      *par_books_link_dialog_get_row    (ParBooksLinkDialog *self,
                                                      guint               index);
/* A document as a link shows it: its number/symbol ("45/BC-KCNĐN"), and in full for a tooltip
 * ("45/BC-KCNĐN · 14/01/2020 — Báo cáo 6 tháng — Ban Quản lý"). Transfer full. */
char               *par_books_link_describe          (const ParDocument  *document);

G_END_DECLS
