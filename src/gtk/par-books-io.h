/* par-books-io.h — a register's rows in and out of the app (issue 13): "Import…" (a CSV or
 * XLSX file, its columns mapped once and remembered per register, a preview of every row with
 * the reason a row is refused, all or nothing) and "Export…" (CSV or XLSX by the name chosen).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Books page puts two buttons in its header that call par_books_io_import() and
 * par_books_io_export(); @done tells it to read the register again. The core steps are in
 * src/core/exchange/par-register-import.h; the write goes through the app's writer thread.
 */
#pragma once

#include <adwaita.h>

#include "par-context.h"

G_BEGIN_DECLS

#define PAR_TYPE_BOOKS_IO_DIALOG (par_books_io_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksIoDialog, par_books_io_dialog, PAR, BOOKS_IO_DIALOG, AdwWindow)

/* @changed: rows were written (an import) or a file was (an export). Runs once, on the main
 * thread, when the dialog or the export is over. */
typedef void (*ParBooksIoDone) (gboolean changed,
                                gpointer user_data);

/* "Import…": asks for a CSV or XLSX file, then shows the import dialog over @parent's window. */
void              par_books_io_import      (GtkWidget      *parent,
                                            ParContext     *context,
                                            gint64          assessment_id,
                                            const char     *register_id,
                                            ParBooksIoDone  done,
                                            gpointer        user_data);
/* "Export…": asks where to save (.xlsx writes a spreadsheet, anything else CSV), then writes
 * the register's rows on a worker; an error is shown over @parent's window. */
void              par_books_io_export      (GtkWidget      *parent,
                                            ParContext     *context,
                                            gint64          assessment_id,
                                            const char     *register_id,
                                            ParBooksIoDone  done,
                                            gpointer        user_data);

/* Puts "Import…" and "Export…" into the Books page's header box: they activate the page's
 * books.import-rows and books.export-rows actions (Alt+I and Alt+E on the keyboard). */
void              par_books_io_add_buttons (GtkBox         *box);

/* The steps after the file chooser (and for tests, which never open one). */
ParBooksIoDialog *par_books_io_import_file (GtkWidget      *parent,
                                            ParContext     *context,
                                            gint64          assessment_id,
                                            const char     *register_id,
                                            GFile          *file,
                                            ParBooksIoDone  done,
                                            gpointer        user_data);
void              par_books_io_export_file (GtkWidget      *parent,
                                            ParContext     *context,
                                            gint64          assessment_id,
                                            const char     *register_id,
                                            GFile          *file,
                                            ParBooksIoDone  done,
                                            gpointer        user_data);

/* For tests, which never open a file chooser: while @file is set, Import… and Export… use it
 * instead of asking. */
void              par_books_io_set_test_file (GFile       *file);

/* For tests: while @hold is set, the dialog's reading and checking workers wait for Cancel
 * (or the dialog to close) before they start, so a test can stop them at a known point. */
void              par_books_io_set_test_hold (gboolean    hold);

/* For tests and the page: what the dialog shows. */
typedef enum {
  PAR_BOOKS_IO_READING,    /* the file is being read */
  PAR_BOOKS_IO_MAPPING,    /* a drop-down per file column */
  PAR_BOOKS_IO_PREVIEW,    /* the rows with their verdicts */
  PAR_BOOKS_IO_WRITING,    /* the rows go to the writer thread */
  PAR_BOOKS_IO_FAILED,     /* the file cannot be read, or the write failed: the message shown */
  PAR_BOOKS_IO_DONE,
} ParBooksIoStep;

ParBooksIoStep    par_books_io_dialog_get_step   (ParBooksIoDialog *self);
/* The drop-down that says which register column file column @file_column fills: item 0 is
 * "Ignored", item c + 1 the register's column c, the last item "Document": the row's evidence
 * document, named by its number/symbol (one file column at most). */
GtkDropDown      *par_books_io_dialog_get_mapping_dropdown (ParBooksIoDialog *self,
                                                            guint             file_column);
/* Whether the mapping offered was remembered from an earlier import into this register. */
gboolean          par_books_io_dialog_is_remembered (ParBooksIoDialog *self);
/* "Preview" on the mapping step, "Import" on the preview (insensitive while a row is refused). */
GtkWidget        *par_books_io_dialog_get_next_button (ParBooksIoDialog *self);
/* Replace (0) or keep the rows there and add the file's after them (1). */
GtkDropDown      *par_books_io_dialog_get_mode_dropdown (ParBooksIoDialog *self);
/* "12 rows will be imported, 2 refused — nothing is imported until they are fixed…" */
const char       *par_books_io_dialog_get_summary (ParBooksIoDialog *self);
/* Why the preview's row @row (0 …) is refused; NULL when it will be imported. */
const char       *par_books_io_dialog_get_problem (ParBooksIoDialog *self,
                                                   guint             row);
/* "Show only the refused rows" (visible when a row is refused), and how many rows the preview
 * shows now. */
GtkCheckButton   *par_books_io_dialog_get_refused_only_check (ParBooksIoDialog *self);
guint             par_books_io_dialog_get_n_shown (ParBooksIoDialog *self);
/* "Cancel" under the progress while the file is read or its rows checked: stopping the
 * reading closes the dialog, stopping the check goes back to the columns as they were;
 * nothing is imported either way. */
GtkWidget        *par_books_io_dialog_get_cancel_button (ParBooksIoDialog *self);
/* On PAR_BOOKS_IO_FAILED: the message shown. */
const char       *par_books_io_dialog_get_message (ParBooksIoDialog *self);

G_END_DECLS
