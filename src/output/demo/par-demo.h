/* par-demo.h — the demo database: an industrial-zone board with three years of entries,
 * evidence documents and drawn attachments, built in-process by the CLI and the app.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ParDemoProgress:
 * @fraction: how much is done, 0 … 1
 * @user_data: what was given to par_demo_create()
 *
 * Called in the thread that runs par_demo_create(), after each step.
 */
typedef void (*ParDemoProgress) (double fraction, gpointer user_data);

/**
 * par_demo_create:
 * @path: the database file to create; it must not exist
 * @cancellable: (nullable): cancels between steps
 * @progress: (nullable) (scope call): told after each step
 * @user_data: for @progress
 * @error: %PAR_ERROR_EXISTS when @path (or its attachments folder) exists,
 *   %PAR_ERROR_NOT_FOUND when the sample criteria set is not installed,
 *   %PAR_ERROR_CANCELLED, or the store's error
 *
 * Builds the demo in a folder of its own beside @path (`.NAME.demo-PID`), then moves the
 * database and its attachments folder into place: @path either does not exist or holds the
 * whole demo, whatever happens — an error, a cancellation, a full disk or the process being
 * killed. Nothing is written to the temporary folder. A folder left by a killed run is
 * removed by the next run (or, when the kill came while moving, the move is finished).
 * Use from any thread; it opens its own store.
 *
 * Returns: %TRUE when @path holds the demo
 */
gboolean par_demo_create (const char       *path,
                          GCancellable     *cancellable,
                          ParDemoProgress   progress,
                          gpointer          user_data,
                          GError          **error);

G_END_DECLS
