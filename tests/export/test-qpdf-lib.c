/* test-qpdf-lib.c — libqpdf is opened when a PDF is first read for a pack, not when a program
 * that links parscore-output (the app, parscore-cli-render) starts (issue 11); a library that
 * is missing, or lacks a function, gives an error naming it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-pdf-writer.h"
#include "par-qpdf-lib.h"

static gboolean
mapped (const char *name)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, name) != NULL;
}

static char *
make_pdf (const char *dir,
          int         n_pages)
{
  char *path = g_build_filename (dir, "tài liệu.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_rectangle (cr, 72, 72, 100 + i, 50);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return path;
}

/* Registered first: nothing before it has read a PDF. A PDF is counted through the pointers
 * once par_pdf_inspect () has opened the library. */
static void
test_not_at_start (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-qpdf-lib-XXXXXX", NULL);
  g_autofree char *path = make_pdf (dir, 3);
  ParPdfDocInfo info = { 0 };

  g_assert_false (mapped (PAR_QPDF_SONAME));
  g_assert_false (mapped ("libqpdf"));

  g_assert_true (par_pdf_inspect (path, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (info.n_pages, ==, 3);
  g_assert_true (mapped (PAR_QPDF_SONAME));
  par_pdf_doc_info_clear (&info);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_library (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_qpdf_lib_check ("libparscore-no-such-library.so.0", "qpdf_init", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "libparscore-no-such-library.so.0"));
  g_assert_nonnull (strstr (error->message, "PDF"));
}

static void
test_missing_function (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_qpdf_lib_check (PAR_QPDF_SONAME, "qpdf_init", &error));
  g_assert_no_error (error);

  g_assert_false (par_qpdf_lib_check (PAR_QPDF_SONAME, "qpdf_no_such_function", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, PAR_QPDF_SONAME));
  g_assert_nonnull (strstr (error->message, "qpdf_no_such_function"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/qpdf-lib/not-at-start", test_not_at_start);
  g_test_add_func ("/qpdf-lib/missing-library", test_missing_library);
  g_test_add_func ("/qpdf-lib/missing-function", test_missing_function);
  return g_test_run ();
}
