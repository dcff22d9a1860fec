/* par-document-rows.h — the list of stored documents that the document choosers show (the
 * evidence list's link dialog, a register row's link chooser): the store's search, the order,
 * the cut and how a document reads as a row, in one place.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

/* A list longer than this is cut: the search narrows it. */
#define PAR_DOCUMENT_ROWS_MAX 200

/* What a chooser adds to a document's row (a mark, its own accessible name, insensitivity);
 * @first: the document is one of the fill's @first. */
typedef void (*ParDocumentRowFunc) (AdwActionRow      *row,
                                    const ParDocument *document,
                                    gboolean           first,
                                    gpointer           data);

int      par_document_rows_fill    (GtkListBox          *box,
                                    ParStore            *store,
                                    const char          *search,
                                    GHashTable          *first,
                                    ParDocumentRowFunc   decorate,
                                    gpointer             data,
                                    GError             **error);
gint64   par_document_row_get_id   (GtkListBoxRow       *row);
gboolean par_document_row_is_first (GtkListBoxRow       *row);

G_END_DECLS
