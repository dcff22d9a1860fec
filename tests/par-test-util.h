/* par-test-util.h — small helpers every test suite shares (GLib only).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes a file, or a folder and everything below it (symbolic links are removed, never
 * followed). Missing paths are fine. */
void par_test_remove_tree (const char *path);

/* Writes the gzip-compressed file @source uncompressed to @destination (test data made by an
 * earlier version, kept compressed in the source tree). Fails the test on error. */
void par_test_gunzip      (const char *source,
                           const char *destination);

G_END_DECLS
