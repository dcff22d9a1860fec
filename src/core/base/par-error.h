/* par-error.h — the core's error domain.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PAR_ERROR (par_error_quark ())

/**
 * ParError:
 * @PAR_ERROR_IO: a file could not be read or written
 * @PAR_ERROR_TOO_LARGE: a file is larger than Parscore accepts
 * @PAR_ERROR_PARSE: a file is not well-formed (XML, CSV, number, date)
 * @PAR_ERROR_UNSAFE: a file uses a feature refused for safety (DOCTYPE, entities)
 * @PAR_ERROR_FORMAT: a file is well-formed but not in the expected format or version
 * @PAR_ERROR_INVALID: a value breaks a rule of the criteria set (maxima, tiers, codes…)
 * @PAR_ERROR_NOT_FOUND: a unit, year, criterion or file does not exist
 * @PAR_ERROR_EXISTS: the thing to create exists already
 * @PAR_ERROR_LOCKED: the assessment is submitted and locked against edits
 * @PAR_ERROR_BUSY: the database stayed busy (another program holds a write lock)
 * @PAR_ERROR_STORE: the database failed (corrupt, full disk, newer version…)
 * @PAR_ERROR_INTEGRITY: a stored attachment does not match its hash
 * @PAR_ERROR_CANCELLED: the operation was cancelled
 * @PAR_ERROR_READ_ONLY: the database is open read-only (its file, folder or disk cannot be
 *   written): reading works, writing does not
 *
 * Error codes in the %PAR_ERROR domain. Messages are translated and meant for the user.
 */
typedef enum {
  PAR_ERROR_IO,
  PAR_ERROR_TOO_LARGE,
  PAR_ERROR_PARSE,
  PAR_ERROR_UNSAFE,
  PAR_ERROR_FORMAT,
  PAR_ERROR_INVALID,
  PAR_ERROR_NOT_FOUND,
  PAR_ERROR_EXISTS,
  PAR_ERROR_LOCKED,
  PAR_ERROR_BUSY,
  PAR_ERROR_STORE,
  PAR_ERROR_INTEGRITY,
  PAR_ERROR_CANCELLED,
  PAR_ERROR_READ_ONLY,
} ParError;

GQuark par_error_quark (void);

/* Call once at program start (CLI, app, tests) so core messages are translated. */
void par_core_init_i18n (void);

G_END_DECLS
