/* par-books-io-export.c — "Export…" of a register's rows (issue 13): the rows kept, written on
 * the writer thread as CSV or XLSX by the name chosen (a document column last when a row links
 * an evidence document).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Books"

#include <glib/gi18n.h>

#include "par-books-io-private.h"
#include "par-csv-registers.h"
#include "par-gtk-compat.h"
#include "par-register-import.h"
#include "par-writer.h"
#include "par-xlsx-registers.h"

typedef struct {
  gint64  assessment_id;
  char   *register_id;
  char   *path;
  char   *display_name;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->register_id);
  g_free (job->path);
  g_free (job->display_name);
  g_free (job);
}

static gboolean
export_rows (ParStore  *store,
             gpointer   data,
             GError   **error)
{
  ExportJob *job = data;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (par_register_file_is_xlsx (job->path))
    {
      g_autoptr(ParAssessment) assessment = par_store_get_assessment (store, job->assessment_id, &local);
      g_autoptr(ParFramework) framework = NULL;
      g_autoptr(ParRegisterRows) rows = NULL;
      g_autoptr(GPtrArray) numbers = NULL;

      ok = assessment != NULL &&
           (framework = par_store_load_framework (store, assessment->framework_row, &local)) != NULL &&
           (rows = par_store_get_register_rows (store, job->assessment_id, job->register_id, &local)) != NULL &&
           (numbers = par_register_document_numbers (store, rows, &local)) != NULL &&
           par_xlsx_register_write_linked (par_framework_lookup_register (framework, job->register_id), rows,
                                           numbers, job->path, &local);
    }
  else
    {
      g_autofree char *csv = par_csv_register_export (store, job->assessment_id, job->register_id, &local);
      ok = csv != NULL && g_file_set_contents (job->path, csv, -1, &local);
    }
  if (!ok)
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                 /* TRANSLATORS: the file, then why */
                 _("%s: %s"), job->display_name, local->message);
  return ok;
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  ParBooksIoRequest *request = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = par_writer_run_finish (PAR_WRITER (source), result, &error);

  if (!ok)
    par_books_io_show_error (request->parent, _("The Rows Could Not Be Exported"), error->message);
  par_books_io_request_finish (request, ok);
}

void
par_books_io_export_file (GtkWidget      *parent,
                          ParContext     *context,
                          gint64          assessment_id,
                          const char     *register_id,
                          GFile          *file,
                          ParBooksIoDone  done,
                          gpointer        user_data)
{
  ExportJob *job;

  g_return_if_fail (PAR_IS_CONTEXT (context) && register_id != NULL && G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->assessment_id = assessment_id;
  job->register_id = g_strdup (register_id);
  job->path = g_file_get_path (file);
  job->display_name = g_file_get_parse_name (file);
  if (job->path == NULL)
    {
      ParBooksIoRequest *request = par_books_io_request_new (parent, context, assessment_id,
                                                             register_id, done, user_data);
      par_books_io_show_error (parent, _("The Rows Could Not Be Exported"),
                               _("Only files on this computer can be written."));
      export_job_free (job);
      par_books_io_request_finish (request, FALSE);
      return;
    }
  par_writer_run (par_context_get_writer (context), export_rows, job, (GDestroyNotify) export_job_free,
                  NULL, export_done,
                  par_books_io_request_new (parent, context, assessment_id, register_id, done, user_data));
}

static void
export_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  ParBooksIoRequest *request = data;
  ParFileDialog *chooser = PAR_FILE_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = par_file_dialog_save_finish (chooser, result, &error);
  g_autofree char *name = NULL;
  g_autofree char *down = NULL;

  if (file == NULL)
    {
      if (!par_file_dialog_error_is_cancel (error))
        par_books_io_show_error (request->parent, _("The Rows Could Not Be Exported"),
                                 error->message);
      par_books_io_request_finish (request, FALSE);
      return;
    }
  /* A name without .csv or .xlsx takes the type of the filter chosen. */
  name = g_file_get_basename (file);
  down = g_ascii_strdown (name, -1);
  if (!g_str_has_suffix (down, ".csv") && !g_str_has_suffix (down, ".xlsx"))
    {
      gboolean xlsx = par_books_io_is_xlsx_filter (par_file_dialog_get_chosen_filter (chooser));
      g_autofree char *with = g_strconcat (name, xlsx ? ".xlsx" : ".csv", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_object_unref (file);
      file = g_file_get_child (parent, with);
    }
  par_books_io_export_file (request->parent, request->context, request->assessment_id,
                            request->register_id, file, request->done, request->done_data);
  request->done = NULL;
  par_books_io_request_free (request);
}

void
par_books_io_export (GtkWidget      *parent,
                     ParContext     *context,
                     gint64          assessment_id,
                     const char     *register_id,
                     ParBooksIoDone  done,
                     gpointer        user_data)
{
  g_autoptr(ParFileDialog) chooser = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) xlsx = par_books_io_xlsx_filter ();
  g_autoptr(GtkFileFilter) csv = par_books_io_csv_filter ();
  g_autoptr(GFile) folder = par_documents_folder ();
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *suggested = NULL;
  const ParRegister *reg;
  int year = 0;

  g_return_if_fail (PAR_IS_CONTEXT (context) && register_id != NULL);

  reg = par_books_io_find_register (context, assessment_id, register_id, &framework, &year, &error);
  if (reg == NULL)
    {
      par_books_io_show_error (parent, _("The Rows Could Not Be Exported"), error->message);
      if (done != NULL)
        done (FALSE, user_data);
      return;
    }
  if (par_books_io_get_test_file () != NULL)
    {
      par_books_io_export_file (parent, context, assessment_id, register_id,
                                par_books_io_get_test_file (), done, user_data);
      return;
    }
  suggested = g_strdup_printf ("%s-%d.xlsx", reg->id, year);
  par_file_dialog_set_title (chooser, _("Export Rows"));
  par_file_dialog_set_accept_label (chooser, _("_Export"));
  par_file_dialog_add_filter (chooser, xlsx);
  par_file_dialog_add_filter (chooser, csv);
  par_file_dialog_set_default_filter (chooser, xlsx);
  par_file_dialog_set_initial_folder (chooser, folder);
  par_file_dialog_set_initial_name (chooser, suggested);
  par_file_dialog_save (chooser, par_books_io_window_of (parent), NULL, export_chosen,
                        par_books_io_request_new (parent, context, assessment_id, register_id, done, user_data));
}
