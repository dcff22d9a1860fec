/* par-heap.h — how the process's heap is set up: for a CLI command, and for the app.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * par_heap_prepare_for_command:
 *
 * Call first thing in a command-line program's main(). Reserves 32 MB of brk heap, asks for
 * transparent huge pages on it and gives it back to malloc, with thresholds that keep large
 * buffers in that heap and freed memory in the process, and one arena for all threads (a
 * command's few helper threads allocate from the same heap). Address space, not memory: pages
 * become memory when used. A command's heap is used at once and the process is gone within a
 * second: 2 MB pages save it most of its page faults (~4,800 → ~860 for validate).
 * Does nothing where malloc is not glibc's (e.g. under ASan).
 */
void par_heap_prepare_for_command (void);

/**
 * par_heap_prepare_for_app:
 *
 * Call first thing in the app's main(). Keeps large buffers (a frame's image, ~4 MB) in the
 * heap and freed memory in the process, so a frame reuses the pages the last one touched
 * instead of faulting in new ones. No huge pages: on a virtual machine, a 2 MB page the host
 * has not backed yet costs 12–22 ms to clear, and a window touches new heap while the user
 * works, so one such page fault was a visibly late frame (a longest frame of 26–40 ms against
 * 8–10 ms with 4 KB pages) and doubled the start-up time of some launches.
 * Does nothing where malloc is not glibc's (e.g. under ASan).
 */
void par_heap_prepare_for_app (void);

G_END_DECLS
