/* export-test-util.h — reading PDFs back with poppler, for the export tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* Opens @path or fails the test. */
PopplerDocument *export_test_open_pdf  (const char      *path);
/* The text of page @index (0-based), which must exist. */
char            *export_test_page_text (PopplerDocument *doc,
                                        int              index);

/* Writes a valid one-page PDF (A4) whose page has no /Resources at all: its content only
 * fills a blue square (0 0 1 rg, 100 100 200 200 re f) from (100, 100) to (300, 300) in PDF user
 * space. */
void             export_test_write_bare_page_pdf (const char *path);
/* The colour of the pixel at (@x, @y) points from the top-left of page @index, rendered at
 * 72 dpi on white. */
void             export_test_page_pixel (PopplerDocument *doc,
                                         int              index,
                                         int              x,
                                         int              y,
                                         guint8          *r,
                                         guint8          *g,
                                         guint8          *b);

G_END_DECLS
