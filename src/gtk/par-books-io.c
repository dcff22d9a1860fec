/* par-books-io.c — what "Import…" (par-books-io-dialog.c) and "Export…" (par-books-io-export.c)
 * of a register's rows share (issue 13): the Books page's two buttons, the request a file
 * chooser answers, the year's register, an error shown over the page, the file filters, and
 * the file tests set in place of a chooser.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Books"

#include <glib/gi18n.h>

#include "par-books-io-private.h"

/* Tests never open a file chooser: par_books_io_set_test_file () answers it. */
static GFile *test_file;

GFile *
par_books_io_get_test_file (void)
{
  return test_file;
}

void
par_books_io_set_test_file (GFile *file)
{
  g_set_object (&test_file, file);
}

/* --- shared by import and export ------------------------------------------------------------- */

GtkWindow *
par_books_io_window_of (GtkWidget *widget)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

const ParRegister *
par_books_io_find_register (ParContext    *context,
                            gint64         assessment_id,
                            const char    *register_id,
                            ParFramework **framework,
                            int           *year,
                            GError       **error)
{
  g_autoptr(ParAssessment) assessment = par_store_get_assessment (par_context_get_store (context),
                                                                  assessment_id, error);
  const ParRegister *reg;

  if (assessment == NULL ||
      (*framework = par_context_get_framework (context, assessment->framework_row, error)) == NULL)
    return NULL;
  if (year != NULL)
    *year = assessment->year;
  reg = par_framework_lookup_register (*framework, register_id);
  if (reg == NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("The criteria set of this year has no register “%s”."), register_id);
  return reg;
}

void
par_books_io_show_error (GtkWidget  *parent,
                         const char *heading,
                         const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (par_books_io_window_of (parent), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

ParBooksIoRequest *
par_books_io_request_new (GtkWidget      *parent,
                          ParContext     *context,
                          gint64          assessment_id,
                          const char     *register_id,
                          ParBooksIoDone  done,
                          gpointer        done_data)
{
  ParBooksIoRequest *request = g_new0 (ParBooksIoRequest, 1);

  request->parent = parent != NULL ? g_object_ref (parent) : NULL;
  request->context = g_object_ref (context);
  request->assessment_id = assessment_id;
  request->register_id = g_strdup (register_id);
  request->done = done;
  request->done_data = done_data;
  return request;
}

void
par_books_io_request_free (ParBooksIoRequest *request)
{
  g_clear_object (&request->parent);
  g_clear_object (&request->context);
  g_free (request->register_id);
  g_free (request);
}

void
par_books_io_request_finish (ParBooksIoRequest *request,
                             gboolean           changed)
{
  if (request->done != NULL)
    request->done (changed, request->done_data);
  par_books_io_request_free (request);
}

static GtkFileFilter *
filter_new (const char *name,
            const char *pattern,
            const char *mime)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_mime_type (filter, mime);
  return filter;
}

GtkFileFilter *
par_books_io_csv_filter (void)
{
  return filter_new (_("CSV files"), "*.csv", "text/csv");
}

GtkFileFilter *
par_books_io_xlsx_filter (void)
{
  return filter_new (_("Excel spreadsheets (XLSX)"), "*.xlsx", PAR_BOOKS_IO_XLSX_MIME);
}

gboolean
par_books_io_is_xlsx_filter (GtkFileFilter *filter)
{
  const char *name = filter != NULL ? gtk_file_filter_get_name (filter) : NULL;

  return name != NULL && g_str_equal (name, _("Excel spreadsheets (XLSX)"));
}

/* --- the Books page's buttons ----------------------------------------------------------------- */

static GtkWidget *
io_button (const char *label,
           const char *accessible,
           const char *tooltip,
           const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  return button;
}

void
par_books_io_add_buttons (GtkBox *box)
{
  GtkWidget *import = io_button (_("_Import…"), _("Import rows"),
                                 _("Import rows from a CSV file or a spreadsheet"),
                                 "books.import-rows");
  GtkWidget *export = io_button (_("_Export…"), _("Export rows"),
                                 _("Export the rows as a CSV file or a spreadsheet"),
                                 "books.export-rows");

  g_return_if_fail (GTK_IS_BOX (box));

  gtk_widget_set_name (import, "import-rows");
  gtk_widget_set_name (export, "export-rows");
  gtk_box_append (box, import);
  gtk_box_append (box, export);
}
