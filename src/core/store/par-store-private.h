/* par-store-private.h — store internals exported for tests and tools; not a public API.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/* How long a connection waits for another one's write lock by default. */
#define PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS 5000

/**
 * par_store_open_at_version:
 * @path: database file
 * @version: 1 … %PAR_STORE_SCHEMA_VERSION: migrate no further than this
 *
 * Like par_store_open(), but stops migrating at @version, so tests can build a database as an
 * older release left it. A store opened below the current version is only good for closing:
 * the public API expects the current schema.
 */
ParStore *par_store_open_at_version  (const char  *path,
                                      int          version,
                                      GError     **error);

/* Changes how long this connection waits for a busy database (tests use a short wait). */
void      par_store_set_busy_timeout (ParStore    *self,
                                      int          milliseconds);

/* Number of distinct prepared statements cached on the connection. */
guint     par_store_get_cached_statement_count (ParStore *self);

G_END_DECLS
