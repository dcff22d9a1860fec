/* par-books-io-private.h — what the import dialog (par-books-io-dialog.c) and the export
 * (par-books-io-export.c) of a register's rows share (par-books-io.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-books-io.h"
#include "par-core.h"

G_BEGIN_DECLS

#define PAR_BOOKS_IO_XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* What Import… or Export… was asked for, while a file chooser is open. */
typedef struct {
  GtkWidget      *parent;
  ParContext     *context;
  gint64          assessment_id;
  char           *register_id;
  ParBooksIoDone  done;
  gpointer        done_data;
} ParBooksIoRequest;

ParBooksIoRequest *par_books_io_request_new    (GtkWidget          *parent,
                                                ParContext         *context,
                                                gint64              assessment_id,
                                                const char         *register_id,
                                                ParBooksIoDone      done,
                                                gpointer            done_data);
void               par_books_io_request_free   (ParBooksIoRequest  *request);
/* Tells @done (when set) and frees @request. */
void               par_books_io_request_finish (ParBooksIoRequest  *request,
                                                gboolean            changed);

/* The set par_books_io_set_test_file () gave, or %NULL: ask with a file chooser. */
GFile             *par_books_io_get_test_file  (void);
GtkWindow         *par_books_io_window_of      (GtkWidget          *widget);
/* The year's set (@framework: transfer full) and its register @register_id, or %NULL and a
 * message to show. */
const ParRegister *par_books_io_find_register  (ParContext         *context,
                                                gint64              assessment_id,
                                                const char         *register_id,
                                                ParFramework      **framework,
                                                int                *year,
                                                GError            **error);
void               par_books_io_show_error     (GtkWidget          *parent,
                                                const char         *heading,
                                                const char         *message);
/* "CSV files", "Excel spreadsheets (XLSX)" (transfer full); whether a chooser's filter is the
 * latter. */
GtkFileFilter     *par_books_io_csv_filter     (void);
GtkFileFilter     *par_books_io_xlsx_filter    (void);
gboolean           par_books_io_is_xlsx_filter (GtkFileFilter      *filter);

G_END_DECLS
