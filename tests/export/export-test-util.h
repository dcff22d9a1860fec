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

G_END_DECLS
