/* par-test-util.h — small helpers every test suite shares (GLib only).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Removes a file, or a folder and everything below it (symbolic links are removed, never
 * followed). Missing paths are fine. */
void par_test_remove_tree (const char *path);

G_END_DECLS
