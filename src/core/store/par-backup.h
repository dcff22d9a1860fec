/* par-backup.h — backups of a database with its attachments, in one file; restore.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/* A unit's year as a backup holds it. */
typedef struct {
  char      *unit_name;
  int        year;
  ParStatus  status;
  guint      n_entries;
} ParBackupYear;

/**
 * ParBackupInfo:
 *
 * What a backup file holds, read back from it after checking it whole.
 */
typedef struct {
  char      *path;
  char      *kind;             /* "manual", "daily", "before-migration", "before-restore" */
  char      *created_at;       /* ISO 8601 UTC */
  char      *source;           /* the database it was taken from, for display */
  char      *last_change;      /* ISO 8601 UTC: the newest change recorded in it (audit log,
                                * units, years, imports, files); NULL when it holds nothing */
  int        schema_version;
  guint      n_units;
  guint      n_documents;
  guint      n_attachments;    /* attachment rows */
  guint      n_files;          /* distinct files stored in the backup */
  gint64     file_bytes;       /* their total size */
  GPtrArray *years;            /* of ParBackupYear*, by unit then year */
  GPtrArray *missing_files;    /* of char* (SHA-256): attachments whose file could not be
                                * included (missing or damaged when the backup was made) */
} ParBackupInfo;

void par_backup_info_free (ParBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParBackupInfo, par_backup_info_free)

/* Writes a backup of @self to @destination (replacing it only when @replace). */
ParBackupInfo *par_store_backup          (ParStore      *self,
                                          const char    *destination,
                                          gboolean       replace,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Checks a backup file whole and says what it holds. */
ParBackupInfo *par_backup_describe       (const char    *backup_path,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Replaces the database at @db_path by the backup, keeping the current one aside first. */
gboolean       par_store_restore         (const char    *db_path,
                                          const char    *backup_path,
                                          char         **kept_aside,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* `<database>.backups/`: the automatic snapshots' folder. */
char          *par_store_snapshots_dir   (const char    *db_path);
/* The automatic snapshots of a database, newest first (of char* paths). */
GPtrArray     *par_store_list_snapshots  (const char    *db_path);

G_END_DECLS
