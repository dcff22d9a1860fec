/* bench-startup-db.h — the large database of the window benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

/* Make @path (or keep it when it is already complete). */
gboolean bench_startup_db (const char  *path,
                           GError     **error);
