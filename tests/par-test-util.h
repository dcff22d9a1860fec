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

/* A file at or below @path on which this process still has a descriptor open (Linux:
 * /proc/self/fd), as "descriptor N on FILE"; NULL when there is none. */
char *par_test_find_open_under (const char *path);

/* Fails the test, naming the descriptor, when par_test_find_open_under() finds one: a
 * database left open after its window closed. */
void par_test_assert_nothing_open_under (const char *path);

G_END_DECLS
