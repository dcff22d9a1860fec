/* export-test-util.c — reading PDFs back with poppler, for the export tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "export-test-util.h"

#include <string.h>

#include <cairo.h>

PopplerDocument *
export_test_open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

char *
export_test_page_text (PopplerDocument *doc,
                       int              index)
{
  PopplerPage *page = poppler_document_get_page (doc, index);
  char *text;

  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  g_object_unref (page);
  return text;
}

void
export_test_write_bare_page_pdf (const char *path)
{
  static const char content[] = "0 0 1 rg 100 100 200 200 re f";
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[4], xref;

  offsets[0] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[1] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Contents 4 0 R >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                          strlen (content), content);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (int i = 0; i < 4; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
  g_assert_true (g_file_set_contents (path, pdf->str, pdf->len, NULL));
  g_string_free (pdf, TRUE);
}

void
export_test_page_pixel (PopplerDocument *doc,
                        int              index,
                        int              x,
                        int              y,
                        guint8          *r,
                        guint8          *g,
                        guint8          *b)
{
  PopplerPage *page = poppler_document_get_page (doc, index);
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint32 pixel;

  g_assert_nonnull (page);
  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  pixel = *(guint32 *) (cairo_image_surface_get_data (surface) +
                        y * cairo_image_surface_get_stride (surface) + x * 4);
  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
  cairo_surface_destroy (surface);
  g_object_unref (page);
}
