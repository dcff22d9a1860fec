/* fuzz-pdf.c — a PDF attachment of arbitrary bytes, inspected and merged into a pack with
 * page numbers drawn on it: it is merged or listed as damaged with a message; the writer
 * never crashes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "par-pdf-writer.h"
#include "par-test-util.h"
#include "fuzz-target.h"

static char *tmpdir;
static char *in_path;
static char *out_path;

static void
tear_down (void)
{
  if (tmpdir != NULL)
    par_test_remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;

  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  /* In memory where there is a tmpfs: the writer syncs its output to disk. */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    {
      tmpdir = g_build_filename ("/dev/shm", "parscore-fuzz-pdf-XXXXXX", NULL);
      g_assert (g_mkdtemp (tmpdir) != NULL);
    }
  else
    tmpdir = g_dir_make_tmp ("parscore-fuzz-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (tear_down);
  in_path = g_build_filename (tmpdir, "attachment.pdf", NULL);
  out_path = g_build_filename (tmpdir, "pack.pdf", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPdfWriter) writer = NULL;
  ParPdfDocInfo info = { 0 };

  g_assert (g_file_set_contents (in_path, (const char *) data, size, NULL));

  par_pdf_inspect (in_path, "attachment.pdf", &info);
  g_assert (info.status == PAR_PDF_DOC_OK || (info.message != NULL && info.message[0] != '\0'));
  par_pdf_doc_info_clear (&info);

  writer = par_pdf_writer_new (out_path, &error);
  g_assert_no_error (error);
  par_pdf_writer_set_page_numbers (writer, "Trang {page}/{pages}", "DejaVu Sans 8");
  if (par_pdf_writer_add_document (writer, in_path, "attachment.pdf", &info, NULL, &error))
    {
      g_assert (info.status == PAR_PDF_DOC_OK || (info.message != NULL && info.message[0] != '\0'));
      if (info.status == PAR_PDF_DOC_OK)
        par_pdf_writer_add_outline_item (writer, 0, "attachment.pdf", info.first_page, -1, FALSE);
      /* A pack needs a page; a damaged attachment alone gives none. */
      if (par_pdf_writer_get_n_pages (writer) > 0)
        g_assert (par_pdf_writer_finish (writer, NULL, &error));
    }
  par_pdf_doc_info_clear (&info);
  return 0;
}
