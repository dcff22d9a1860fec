/* export-test-util.c — reading PDFs back with poppler, for the export tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "export-test-util.h"

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
