/* par-integrity.h — checking what the store holds: one blob, or the whole database.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/**
 * ParBlobStatus:
 * @PAR_BLOB_INTACT: the file has the size and SHA-256 it was stored with
 * @PAR_BLOB_MISSING: there is no such file
 * @PAR_BLOB_UNREADABLE: the file could not be read to the end (see error_number)
 * @PAR_BLOB_CHANGED: the file's size or SHA-256 differs from what was stored
 */
typedef enum {
  PAR_BLOB_INTACT,
  PAR_BLOB_MISSING,
  PAR_BLOB_UNREADABLE,
  PAR_BLOB_CHANGED,
} ParBlobStatus;

typedef struct {
  ParBlobStatus status;
  gint64        size;           /* bytes read */
  char          sha256[65];     /* of the bytes read; "" unless read to the end */
  int           error_number;   /* errno for MISSING and UNREADABLE */
} ParBlobCheck;

/* Called as the bytes are read, with the number read so far. */
typedef void (*ParBlobProgressFunc) (gint64   bytes_done,
                                     gpointer user_data);

/* The one check of a stored file against its hash (attach, verify, backups, the pack). */
gboolean par_store_check_blob (const char          *path,
                               const char          *sha256,
                               gint64               size,
                               ParBlobCheck        *result,
                               ParBlobProgressFunc  progress,
                               gpointer             user_data,
                               GCancellable        *cancellable,
                               GError             **error);

/**
 * ParVerifyReport:
 *
 * What par_store_verify() found. Every problem is also a translated sentence in @problems,
 * in the order found (database, criteria sets, files, leftovers, seals of locked years: the
 * year's verdict, then one sentence per difference).
 */
typedef struct {
  gboolean   database_ok;       /* SQLite's integrity and foreign-key checks passed */
  guint      frameworks_checked;
  guint      files_checked;
  GPtrArray *bad_files;         /* of ParAttachment*: missing or changed blobs, one per blob */
  GPtrArray *stray_files;       /* of char*: paths in the attachments folder nothing uses */
  gint64     stray_bytes;
  guint      years_sealed;      /* submitted and appraised years whose seal was checked */
  guint      years_changed;     /* of those, changed since sealed or without a seal */
  guint      figure_values_checked;  /* stored figure values (format 2), each against its figure */
  guint      figure_values_refused;  /* of those, what par_figure_check_value() refuses */
  GPtrArray *problems;          /* of char*: translated, one sentence each */
} ParVerifyReport;

void par_verify_report_free (ParVerifyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParVerifyReport, par_verify_report_free)

ParVerifyReport *par_store_verify (ParStore      *self,
                                   GCancellable  *cancellable,
                                   GError       **error);

G_END_DECLS
