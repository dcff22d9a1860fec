/* par-heap.h — the process's heap in 2 MB pages, for the CLI's commands and the app.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * par_heap_prepare:
 * @one_arena: %TRUE to make threads allocate from the main heap too (a CLI command's few
 *   helper threads), %FALSE to leave glibc's per-thread arenas (the app)
 *
 * Call first thing in main(). Reserves 32 MB of brk heap, asks for transparent huge pages on
 * it and gives it back to malloc, with thresholds that keep large buffers in that heap and
 * freed memory in the process. Address space, not memory: pages become memory when used.
 * Does nothing where the kernel has THP off or malloc is not glibc's (e.g. under ASan).
 */
void par_heap_prepare (gboolean one_arena);

G_END_DECLS
