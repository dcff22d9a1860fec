/* par-store-private.h — what the store's files share: the connection object, cached
 * statements, transactions, and the checks several tables need. Not a public API: only
 * src/core/store/ and the tests include it (the public par-store.h has no SQLite type).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per concern, like epiphany's history service is split per table:
 *   par-store.c              connection, opening, migrations, statements, transactions
 *   par-store-types.c        the plain value types, status and level names, search folding
 *   par-store-units.c        units and the criteria sets stored verbatim
 *   par-store-assessments.c  assessments (a unit × a year) and their status
 *   par-store-entries.c      entries (inputs as JSON through SQLite's JSON functions)
 *   par-store-documents.c    evidence documents and their links to criteria
 *   par-store-attachments.c  attached files: content-addressed blobs beside the database
 *   par-store-audit.c        the audit log
 *   par-store-locks.c        SQLite's file locks as open-file-description locks
 *   par-store-connect.c      getting the connection: read-only databases, empty files
 *   par-store-integrity.c    checking a stored file; sweeping what killed work left behind
 *   par-store-verify.c       `verify`: everything the store holds, checked
 *   par-store-backup.c       backups in one file, automatic snapshots, restore
 *   par-store-seal.c         seals of submitted and appraised years (data/SEAL.md)
 *   par-store-figures.c      figure values per period (format 2), scoring and submitting with them
 *   par-store-score.c        many years scored at once, on two threads
 */
#pragma once

#include <sqlite3.h>

#include "par-store.h"

G_BEGIN_DECLS

/* How long a connection waits for another one's write lock by default. */
#define PAR_STORE_DEFAULT_BUSY_TIMEOUT_MS 5000

struct _ParStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *display_path;
  char       *attachments_dir;
  int         schema_version;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt* */
  GHashTable *statements_at;  /* the same by the text's address (borrowed statements) */
  GHashTable *frameworks;     /* gint64 *row → ParFramework* */
  gboolean    in_transaction;
  char       *tx_now;         /* ISO UTC time of the current write transaction */
  gboolean    read_only;      /* nothing of the database may be written (par-store-connect.c) */
  gboolean    refuse_writes;  /* read_only, once opened (a private copy may be migrated first) */
  char       *private_copy_dir;  /* a read-only database read from a private copy: its folder */
  gboolean    opened;         /* store_open() is done: commits may take the daily snapshot */
  gint64      next_snapshot_check;  /* monotonic µs: when to look for the daily snapshot again */
  char       *actor;          /* who the audit log names for this connection's changes */
  gboolean    batch;          /* par_store_batch_begin(): writes are savepoints of one transaction */
  gboolean    batch_failed;   /* a write of the batch failed: the batch rolls back */
  GPtrArray  *batch_prune;    /* blobs to prune once the batch is committed (char* sha256) */
  char       *audit_context;  /* the reason audited when a change gives none ("round 1") */
};

/* ------------------------------------------------------------------------------------------ */
/* For tests and tools                                                                        */

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

/* A second, read-only connection to the same database, for reading on another thread
 * (par-store-score.c): not migrated, nothing swept, the sets loaded so far shared. */
ParStore *par_store_open_reader      (ParStore    *self,
                                      GError     **error);

/* Changes how long this connection waits for a busy database (tests use a short wait). */
void      par_store_set_busy_timeout (ParStore    *self,
                                      int          milliseconds);

/* Number of distinct prepared statements cached on the connection. */
guint     par_store_get_cached_statement_count (ParStore *self);
/* Finalizes every cached statement: before self->db is closed for another connection, so
 * that none goes on running on the closed one (sqlite3_close_v2 () keeps it alive for them). */
void      par_store_forget_statements (ParStore *self);

/* ------------------------------------------------------------------------------------------ */
/* Locks (par-store-locks.c)                                                                  */

/* Once per process, before the first connection: SQLite's locks become OFD locks, which no
 * close() of another descriptor on the file can drop. Returns whether they are. */
gboolean  par_store_locks_init       (void);

/* ------------------------------------------------------------------------------------------ */
/* The connection (par-store-connect.c)                                                       */

/* Opens self->db for self->path, read-write where the file, its folder and its disk can be
 * written, else read-only (self->read_only). */
gboolean  par_store_connect          (ParStore           *self,
                                      ParStoreOpenFlags   flags,
                                      GError            **error);
/* A read-only database of an older schema: reconnects to a private copy migrations may update. */
gboolean  par_store_connect_private_copy (ParStore  *self,
                                          GError   **error);
void      par_store_remove_private_copy  (ParStore  *self);
/* A file: URI of @path (relative or not), for SQLite's URI parameters. */
char     *par_store_path_to_uri      (const char         *path);
/* %PAR_ERROR_READ_ONLY, saying why and what to do, when the store may not write. */
gboolean  par_store_check_writable   (ParStore           *self,
                                      GError            **error);

/* ------------------------------------------------------------------------------------------ */
/* Automatic snapshots (par-store-backup.c)                                                   */

/* Before a migration: a snapshot of the database as the older version left it. */
gboolean  par_store_snapshot_before_migration (ParStore  *self,
                                               GError   **error);
/* After a commit: the day's snapshot when due (never in the way: failures are logged). */
void      par_store_snapshot_if_due  (ParStore           *self);

/* ------------------------------------------------------------------------------------------ */
/* Seals (par-store-seal.c), inside a write transaction                                       */

/* The schema version that adds the `seals` table. */
#define PAR_STORE_SEALS_VERSION 4

/* Records a seal of the year as it is now, in the form of @status (not draft). */
gboolean  par_store_seal_in_tx       (ParStore           *self,
                                      gint64              assessment_id,
                                      ParStatus           status,
                                      const char         *reason,
                                      GError            **error);
/* A document's description changed: seals again every locked year citing it. */
gboolean  par_store_reseal_citing_in_tx (ParStore        *self,
                                         gint64           document_id,
                                         const char      *reason,
                                         GError         **error);
/* The migration adding seals: a first seal for every year already locked. */
gboolean  par_store_seal_unsealed_in_tx (ParStore        *self,
                                         GError         **error);

/* ------------------------------------------------------------------------------------------ */
/* Statements and transactions (par-store.c)                                                  */

/* A cached statement borrowed for one use: the cleanup resets it, it is never finalized. */
typedef sqlite3_stmt ParStmt;

void      par_stmt_release           (ParStmt     *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParStmt, par_stmt_release)

/* Whether an SQLite failure (@rc and sqlite3_system_errno()) means the disk is full. */
gboolean  par_store_errno_is_full    (int          rc,
                                      int          system_errno);
/* Sets @error from an SQLite result code, in words for the user (busy, full, damaged…). */
void      par_store_set_error_rc     (ParStore    *self,
                                      int          rc,
                                      GError     **error);
/* Prepares @sql once per connection and caches it under the pointer's text: @sql must outlive
 * the connection (a string literal, or g_intern_string() for SQL built at run time). */
ParStmt  *par_store_prepare          (ParStore    *self,
                                      const char  *sql,
                                      GError     **error);
/* Returns SQLITE_ROW, SQLITE_DONE, or 0 with @error set. */
int       par_store_step             (ParStore    *self,
                                      ParStmt     *stmt,
                                      GError     **error);
/* Runs a statement that returns no row the caller needs. */
gboolean  par_store_run              (ParStore    *self,
                                      ParStmt     *stmt,
                                      GError     **error);
/* Reads one integer from a statement without parameters (PRAGMAs, counts). */
gboolean  par_store_query_int        (ParStore    *self,
                                      const char  *sql,
                                      gint64      *out,
                                      GError     **error);

/* PRAGMA application_id of a Parscore database, and of its backups and packages: 'PARS'. */
#define PAR_STORE_APPLICATION_ID 0x50415253

/* The application_id in an SQLite file's header (big-endian at byte 68), or -1 for a file
 * that is not SQLite or is cut short before it. */
gint64    par_store_file_application_id (const char *path);

/* BEGIN IMMEDIATE: every write is one transaction; self->tx_now is its time. */
gboolean  par_store_begin            (ParStore    *self,
                                      GError     **error);
void      par_store_rollback         (ParStore    *self);
gboolean  par_store_commit           (ParStore    *self,
                                      GError     **error);
/* Several writes through the store's functions as one transaction (importing a package):
 * between begin and end each write is a savepoint; if any fails, or @ok is FALSE, the end
 * rolls everything back. Returns whether it all went through. */
gboolean  par_store_batch_begin      (ParStore    *self,
                                      GError     **error);
gboolean  par_store_batch_end        (ParStore    *self,
                                      gboolean     ok,
                                      GError     **error);
/* Ends a write: commits when @ok, else rolls back. Returns whether it all went through. */
gboolean  par_store_finish           (ParStore    *self,
                                      gboolean     ok,
                                      GError     **error);
/* A write that can be a dry run (an import's --dry-run): the same checks in the same
 * transaction, nothing kept. Begin refuses a read-only store unless it is a dry run; end
 * rolls a dry run back, returning whether every check passed, and finishes any other. */
gboolean  par_store_begin_write      (ParStore    *self,
                                      gboolean     dry_run,
                                      GError     **error);
gboolean  par_store_end_write        (ParStore    *self,
                                      gboolean     ok,
                                      gboolean     dry_run,
                                      GError     **error);

/* Steps a query of one assessment's row (its id bound): TRUE on the row, else FALSE with
 * @error set, %PAR_ERROR_NOT_FOUND when there is no such assessment. */
gboolean  par_store_step_assessment  (ParStore    *self,
                                      ParStmt     *stmt,
                                      gint64       assessment_id,
                                      GError     **error);

/* A copy of @text without surrounding spaces, or %NULL when nothing is left (or @text is NULL). */
char     *par_store_clean_text       (const char  *text);

static inline const char *
par_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static inline void
par_stmt_bind_text (ParStmt    *stmt,
                    int         index,
                    const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static inline void
par_stmt_bind_points (ParStmt   *stmt,
                      int        index,
                      gboolean   has,
                      ParPoints  points)
{
  if (has)
    sqlite3_bind_int64 (stmt, index, points);
  else
    sqlite3_bind_null (stmt, index);
}

static inline char *
par_stmt_column_text (ParStmt *stmt,
                      int      column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* FALSE (and 0) for NULL: "not entered". The column is taken once as a value: its type and
 * its integer from that, not two column calls (each enters the connection; issue 11). SQLite
 * calls reading a column's value this way "not threadsafe": it is not guarded by the
 * connection's mutex, which a store's connection does not have (one thread at a time). */
static inline gboolean
par_stmt_column_points (ParStmt   *stmt,
                        int        column,
                        ParPoints *out)
{
  sqlite3_value *value = sqlite3_column_value (stmt, column);

  if (sqlite3_value_type (value) == SQLITE_NULL)
    {
      *out = 0;
      return FALSE;
    }
  *out = sqlite3_value_int64 (value);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Audit log (par-store-audit.c)                                                              */

/* Inside a write transaction: records one change, by the connection's actor. */
gboolean  par_store_audit            (ParStore    *self,
                                      const char  *what,
                                      const char  *old_value,
                                      const char  *new_value,
                                      GError     **error);
/* The same with the reason the user gave (status changes). */
gboolean  par_store_audit_with_reason (ParStore   *self,
                                       const char *what,
                                       const char *old_value,
                                       const char *new_value,
                                       const char *reason,
                                       GError    **error);

/* ------------------------------------------------------------------------------------------ */
/* Units, criteria sets, assessments (par-store-units.c, par-store-assessments.c)             */

/* The unit, or %NULL with %PAR_ERROR_NOT_FOUND. */
ParUnit  *par_store_read_unit        (ParStore    *self,
                                      gint64       unit_id,
                                      GError     **error);

/* Inside a transaction or a read: the scored leaf @code of a stored set, and optionally the set
 * (a new reference in *@framework). The connection caches every set it loads, so the node lives
 * as long as the store. %NULL with %PAR_ERROR_INVALID when the set has no such leaf. */
const ParNode *par_store_lookup_leaf (ParStore      *self,
                                      gint64         framework_row,
                                      const char    *code,
                                      ParFramework **framework,
                                      GError       **error);

/* Inside a write transaction: removes an assessment as par_store_remove_assessment() does
 * (@reason already cleaned, audited with the removal); the blobs of the documents deleted with
 * it are added to @blobs, to prune after the commit. */
gboolean  par_store_remove_assessment_in_tx (ParStore   *self,
                                             gint64      assessment_id,
                                             gboolean    force,
                                             const char *reason,
                                             GPtrArray  *blobs,
                                             GError    **error);

typedef struct {
  ParStatus  status;
  int        year;
  char      *unit_name;
  gint64     framework_row;
} ParAssessmentState;

void      par_assessment_state_clear (ParAssessmentState *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParAssessmentState, par_assessment_state_clear)

/* Reads an assessment's status, year, unit name and set; %PAR_ERROR_NOT_FOUND if missing. */
gboolean  par_store_assessment_state (ParStore           *self,
                                      gint64              assessment_id,
                                      ParAssessmentState *state,
                                      GError            **error);
/* Reads only an assessment's year and set, what scoring it needs (one row, no text);
 * %PAR_ERROR_NOT_FOUND if missing. */
gboolean  par_store_assessment_year_set (ParStore    *self,
                                         gint64       assessment_id,
                                         int         *year,
                                         gint64      *framework_row,
                                         GError     **error);
/* Inside a write transaction: fails unless the assessment exists and is a draft. */
gboolean  par_store_check_draft      (ParStore           *self,
                                      gint64              assessment_id,
                                      ParAssessmentState *state,
                                      GError            **error);
/* %PAR_ERROR_LOCKED: "The 2020 self-assessment of … is submitted and locked…". */
void      par_store_set_locked_error (GError            **error,
                                      ParStatus           status,
                                      int                 year,
                                      const char         *unit_name);

/* ------------------------------------------------------------------------------------------ */
/* Register rows (par-store-registers.c)                                                      */

/* Inside a transaction or a read: every register's rows (id → ParRegisterRows*). */
GHashTable *par_store_read_all_register_rows (ParStore     *self,
                                              gint64        assessment_id,
                                              ParFramework *framework,
                                              GError      **error);
/* Inside the transaction creating @to_id from @from_id: copies the rows that carry. */
gboolean  par_store_carry_register_rows (ParStore  *self,
                                         gint64     from_id,
                                         gint64     from_framework_row,
                                         gint64     to_id,
                                         gint64     to_framework_row,
                                         GError   **error);

/* ------------------------------------------------------------------------------------------ */
/* Figures (par-store-figures.c)                                                              */

/* Inside a write transaction, before submitting: %PAR_ERROR_INVALID listing the failed checks
 * of severity error, when there are any. */
gboolean  par_store_check_figures_for_submit (ParStore  *self,
                                              gint64     assessment_id,
                                              gint64     framework_row,
                                              GError   **error);

/* ------------------------------------------------------------------------------------------ */
/* Documents and attachments (par-store-documents.c, par-store-attachments.c)                 */

/* The document, or %NULL with %PAR_ERROR_NOT_FOUND. */
ParDocument *par_store_read_document (ParStore    *self,
                                      gint64       document_id,
                                      GError     **error);
/* Inside a transaction: fails with %PAR_ERROR_LOCKED while a submitted or appraised
 * assessment cites the document. */
gboolean  par_store_check_document_unlocked (ParStore  *self,
                                             gint64     document_id,
                                             GError   **error);
/* Inside a write transaction: cites again in @to_id (scored with @to_framework_row) what
 * @from_id cites, for the sub-criteria that set scores; each new link is audited. */
gboolean  par_store_copy_evidence    (ParStore    *self,
                                      gint64       from_id,
                                      gint64       to_id,
                                      gint64       to_framework_row,
                                      GError     **error);
/* Inside a write transaction: deletes (audited) the documents @assessment_id cites and no
 * other assessment does, and adds their attachments' blob hashes to @blobs. */
gboolean  par_store_delete_documents_cited_only_by (ParStore  *self,
                                                    gint64     assessment_id,
                                                    GPtrArray *blobs,
                                                    GError   **error);
typedef enum {
  PAR_IO_READ,
  PAR_IO_MKDIR,
  PAR_IO_WRITE,
} ParIoFailure;

/* Sets @error for a failed file operation on the attachments folder (or a file to attach),
 * saying "the disk is full" for ENOSPC and EDQUOT whatever the operation. */
void      par_store_set_io_error     (GError       **error,
                                      int            saved_errno,
                                      ParIoFailure   failure,
                                      const char    *filename);
/* write(2) until all is written or it fails (errno set). */
gboolean  par_store_write_all        (int            fd,
                                      const char    *data,
                                      gsize          len);
/* Makes a rename or an unlink in @dir durable. */
void      par_store_sync_dir         (const char    *dir);

/* Attaching holds a flock() of the attachments folder, shared, from its temporary copy to its
 * rename; the sweep takes it exclusively (without waiting). Returns a descriptor, or -1. */
int       par_store_attachments_lock   (ParStore    *self,
                                        gboolean     exclusive);
void      par_store_attachments_unlock (int          fd);
typedef int ParAttachmentsLock;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ParAttachmentsLock, par_store_attachments_unlock, -1)
/* Removes the temporary files of killed attaches, snapshots and restores (at open). */
void      par_store_sweep_leftovers    (ParStore    *self);
/* Whether @name, in the database's folder, is a restore's temporary copy or list. */
gboolean  par_store_is_restoring_leftover (const char *db_base,
                                           const char *name);
/* Deletes the attachments folder's files no attachment row names (of @only, when given). */
guint     par_store_prune_unused_files    (sqlite3     *db,
                                           const char  *attachments_dir,
                                           GHashTable  *only);
/* Works through a killed restore's list of files it may have left unused, then deletes it. */
gboolean  par_store_prune_listed_files    (sqlite3     *db,
                                           const char  *attachments_dir,
                                           const char  *list_path);

/* The evidence links a query lists, as rows of (document_id, assessment_id, code, section,
 * pages): the unit's links and the replies' evidence read the same columns. Steps @stmt to
 * its end; NULL + @error when a step fails. */
GPtrArray *par_store_read_links (ParStore  *self,
                                 ParStmt   *stmt,
                                 GError   **error);
/* Cites a document for a sub-criterion of a year, or sets the section and pages of its
 * citation there; in the caller's transaction, unaudited. */
gboolean   par_store_write_link (ParStore    *self,
                                 gint64       document_id,
                                 gint64       assessment_id,
                                 const char  *code,
                                 const char  *section,
                                 const char  *pages,
                                 GError     **error);

/* The attachments folder (par-store-attachments.c): a blob's name is the SHA-256 of its
 * content, 64 lowercase hex digits, and it lives at `attachments_dir/<sha256[0:2]>/<sha256>`. */
gboolean  par_store_is_blob_name     (const char  *text);
char     *par_store_blob_path        (const char  *attachments_dir,
                                      const char  *sha256);

/* Deletes the blob of @sha256 if no attachment row names it any more (its own transaction;
 * best effort). */
void      par_store_prune_blob       (ParStore    *self,
                                      const char  *sha256);

G_END_DECLS
