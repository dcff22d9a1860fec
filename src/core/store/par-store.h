/* par-store.h — the SQLite store behind a backend-neutral API (no SQLite types here).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-figures.h"
#include "par-registers.h"
#include "par-framework.h"
#include "par-scorer.h"

G_BEGIN_DECLS

/* Current schema version (PRAGMA user_version). */
#define PAR_STORE_SCHEMA_VERSION 9

typedef enum {
  PAR_STATUS_DRAFT,
  PAR_STATUS_SUBMITTED,
  PAR_STATUS_APPRAISED,
} ParStatus;

typedef struct {
  gint64    id;
  char     *name;
  ParLevel  level;
} ParUnit;

typedef struct {
  gint64     id;
  gint64     unit_id;
  int        year;
  gint64     framework_row;   /* frameworks.id */
  char      *framework_id;    /* the set's own id attribute */
  char      *framework_sha256;
  ParStatus  status;
} ParAssessment;

/* An evidence document (tài liệu kiểm chứng). */
typedef struct {
  gint64  id;
  char   *kind;        /* "KH", "BC", "QĐ", "TB", "TTr", "CV", "NQ", or free text */
  char   *number;      /* number/symbol, "06/KH-KCNĐN" */
  char   *issue_date;  /* ISO "2020-01-21", nullable */
  char   *issuer;      /* nullable */
  char   *summary;     /* trích yếu, nullable */
} ParDocument;

/* A document cited for a leaf in an assessment, with the part that applies. */
typedef struct {
  gint64  document_id;
  gint64  assessment_id;
  char   *code;
  char   *section;     /* nullable, "Mục II.3" */
  char   *pages;       /* nullable, "5-7" */
} ParEvidenceLink;

typedef struct {
  gint64  id;
  gint64  document_id;
  char   *sha256;         /* hex; names the blob in the attachments folder */
  gint64  size;
  char   *content_type;   /* "application/pdf" */
  char   *original_name;  /* "KH-06-2020.pdf" */
} ParAttachment;

typedef struct {
  gint64  id;
  char   *when;       /* ISO 8601 UTC, "2026-11-22T03:04:05Z" */
  char   *what;       /* "entry 1.1.4 input done", "assessment 3 status" … */
  char   *old_value;  /* nullable */
  char   *new_value;  /* nullable */
  char   *actor;      /* who: a login name or the name set in the app; NULL before schema 5 */
  char   *reason;     /* why, for status changes; nullable */
} ParAuditEntry;

void par_unit_free            (ParUnit *unit);
void par_assessment_free      (ParAssessment *assessment);
void par_document_free        (ParDocument *document);
void par_evidence_link_free   (ParEvidenceLink *link);
void par_attachment_free      (ParAttachment *attachment);
void par_audit_entry_free     (ParAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParUnit, par_unit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAssessment, par_assessment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParDocument, par_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEvidenceLink, par_evidence_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAttachment, par_attachment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParAuditEntry, par_audit_entry_free)

const char *par_status_to_string   (ParStatus status);   /* "draft", "submitted", "appraised" */
gboolean    par_status_from_string (const char *text, ParStatus *out);
const char *par_level_to_string    (ParLevel level);     /* "department", "district", "commune" */
gboolean    par_level_from_string  (const char *text, ParLevel *out);

#define PAR_TYPE_STORE (par_store_get_type ())
G_DECLARE_FINAL_TYPE (ParStore, par_store, PAR, STORE, GObject)

/**
 * par_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/parscore/parscore.db`.
 */
char          *par_store_default_path        (void);

/**
 * par_store_open:
 * @path: database file; created (with its folder) when missing
 *
 * Opens the database, applies pending migrations in one transaction each, turns on foreign
 * keys and WAL, and waits up to a few seconds when another connection holds the write lock.
 * One #ParStore is one connection: use it from one thread at a time; open a second store on
 * the same path for worker threads.
 */
ParStore      *par_store_open                (const char   *path,
                                              GError      **error);

/**
 * ParStoreOpenFlags:
 * @PAR_STORE_OPEN_DEFAULT: read-write when the file, its folder and its disk allow it,
 *   else read-only
 * @PAR_STORE_OPEN_READ_ONLY: never write, even where writing is possible
 * @PAR_STORE_OPEN_CREATE: make a new database in an existing empty (0-byte) file
 */
typedef enum {
  PAR_STORE_OPEN_DEFAULT   = 0,
  PAR_STORE_OPEN_READ_ONLY = 1 << 0,
  PAR_STORE_OPEN_CREATE    = 1 << 1,
} ParStoreOpenFlags;

ParStore      *par_store_open_full           (const char          *path,
                                              ParStoreOpenFlags    flags,
                                              GError             **error);
/* Whether the database is open read-only (asked for, or nothing there can be written):
 * reading works, every write fails with PAR_ERROR_READ_ONLY. For the app's banner. */
gboolean       par_store_is_read_only        (ParStore     *self);
const char    *par_store_get_path            (ParStore     *self);
/* `<database>.attachments/` beside the database file. */
const char    *par_store_get_attachments_dir (ParStore     *self);
int            par_store_get_schema_version  (ParStore     *self);

/* Units */
gint64         par_store_add_unit            (ParStore *self, const char *name, ParLevel level,
                                              GError **error);
GPtrArray     *par_store_list_units          (ParStore *self, GError **error);  /* of ParUnit* */
ParUnit       *par_store_find_unit           (ParStore *self, const char *name_or_id,
                                              GError **error);
gboolean       par_store_rename_unit         (ParStore *self, gint64 unit_id, const char *name,
                                              GError **error);
/* Removes a unit and its years (see par_store_remove_assessment()); a submitted or appraised
 * year makes it fail with PAR_ERROR_LOCKED unless @force (which then needs a @reason).
 * Audited with @reason (nullable otherwise). */
gboolean       par_store_remove_unit         (ParStore *self, gint64 unit_id, gboolean force,
                                              const char *reason, GError **error);

/* Criteria sets, stored verbatim. Importing the same bytes twice returns the same row. */
gint64         par_store_import_framework    (ParStore *self, ParFramework *framework,
                                              GError **error);
/* Loads (and caches per connection) the framework stored in a row, from its stored bytes,
 * after checking them against their SHA-256 (PAR_ERROR_INTEGRITY). Transfer full. */
ParFramework  *par_store_load_framework      (ParStore *self, gint64 framework_row,
                                              GError **error);
/* Rows of stored sets: each a GVariant (xsss): row, id, title, sha256. */
GPtrArray     *par_store_list_frameworks     (ParStore *self, GError **error);

/* Assessments: a unit × year scored with one stored criteria set. Creating one checks that
 * the set is made for the year and for the unit's level (PAR_ERROR_INVALID). */
gint64         par_store_create_assessment   (ParStore *self, gint64 unit_id, int year,
                                              gint64 framework_row, GError **error);

/**
 * ParCarryFlags:
 * @PAR_CARRY_NOTHING: start the new year empty
 * @PAR_CARRY_EVIDENCE: cite again the documents the previous year cites, for the
 *   sub-criteria the new year's set also scores
 * @PAR_CARRY_REGISTER_ROWS: copy the register rows the registers say go on (a plan's task not
 *   done yet: the register's carry condition)
 *
 * What par_store_create_assessment_from_previous() carries over.
 */
typedef enum {
  PAR_CARRY_NOTHING  = 0,
  PAR_CARRY_EVIDENCE = 1 << 0,
  PAR_CARRY_REGISTER_ROWS = 1 << 1,
} ParCarryFlags;

/* A new year from the unit's latest year before @year, in one transaction; @framework_row 0
 * keeps the previous year's set. PAR_ERROR_NOT_FOUND when there is no earlier year. */
gint64         par_store_create_assessment_from_previous (ParStore *self, gint64 unit_id,
                                                          int year, gint64 framework_row,
                                                          ParCarryFlags carry, GError **error);
/* Removes an assessment with its entries, links and the documents only it cites (their blobs
 * are pruned); PAR_ERROR_LOCKED for a submitted or appraised year unless @force, and forcing
 * needs a @reason (PAR_ERROR_INVALID). Audited with the actor and @reason (nullable for a
 * draft). */
gboolean       par_store_remove_assessment   (ParStore *self, gint64 assessment_id,
                                              gboolean force, const char *reason,
                                              GError **error);
ParAssessment *par_store_get_assessment      (ParStore *self, gint64 assessment_id,
                                              GError **error);
ParAssessment *par_store_find_assessment     (ParStore *self, gint64 unit_id, int year,
                                              GError **error);
/* @unit_id 0 lists every unit's assessments (by unit, then year). */
GPtrArray     *par_store_list_assessments    (ParStore *self, gint64 unit_id,
                                              GError **error);   /* of ParAssessment*, by year */
/* Changing status is audited; edits to a non-draft assessment fail with PAR_ERROR_LOCKED. */
gboolean       par_store_set_status          (ParStore *self, gint64 assessment_id,
                                              ParStatus status, GError **error);
/* The same, with the user's reason kept in the audit log beside the change; going back
 * (unlocking, reopening an appraisal) needs a reason (PAR_ERROR_INVALID without one). */
gboolean       par_store_set_status_with_reason (ParStore *self, gint64 assessment_id,
                                                 ParStatus status, const char *reason,
                                                 GError **error);

/* Entries. Saving compares with the stored entry and audits every changed value.
 * par_store_save_entry stores the whole entry (the unit's fields and the council's) on a
 * draft; the code must be a sub-criterion of the assessment's criteria set and what is
 * written must pass par_entry_check() (PAR_ERROR_INVALID, its message). Empty input values and empty texts are stored as "not entered"; an
 * entry left with nothing entered is removed. */
GPtrArray     *par_store_get_entries         (ParStore *self, gint64 assessment_id,
                                              GError **error);   /* of ParEntry* */
ParEntry      *par_store_get_entry           (ParStore *self, gint64 assessment_id,
                                              const char *code, GError **error); /* NULL if none */
gboolean       par_store_save_entry          (ParStore *self, gint64 assessment_id,
                                              const ParEntry *entry, GError **error);
/* Several entries in one transaction (CSV import, the app's batched autosave). */
gboolean       par_store_save_entries        (ParStore *self, gint64 assessment_id,
                                              GPtrArray *entries, GError **error);
/* Appraised/survey scores and the comment are the council's: they may be set in any status;
 * the entry's other fields are ignored and stay as stored. */
gboolean       par_store_save_council_scores (ParStore *self, gint64 assessment_id,
                                              const ParEntry *entry, GError **error);
/* Every stored entry of the assessment that par_entry_check() would refuse (a database
 * written before the check): for `verify` and the overview. Empty when all are valid. */
GPtrArray     *par_store_check_assessment    (ParStore *self, gint64 assessment_id,
                                              GError **error);   /* of ParEntryProblem* */

/* Several reads as one snapshot under one lock (BEGIN … COMMIT) instead of a lock each — for
 * a command that reads many years (score --all-years). TRUE when it began one: pass that to
 * par_store_end_read (); FALSE inside a transaction already open, whose snapshot the reads
 * share. Nothing may be written in between. */
gboolean       par_store_begin_read          (ParStore *self);
void           par_store_end_read            (ParStore *self, gboolean began);

/* Convenience: load the assessment's framework and entries and score them. */
ParResult     *par_store_score_assessment    (ParStore *self, gint64 assessment_id,
                                              GError **error);

/* Many years scored, each as par_store_score_assessment() scores it, handed to @func on the
 * calling thread in the order of @assessments; with @n_threads 2, a second thread scores some
 * of them on its own read connection (par-store-score.c). */
typedef gboolean (*ParStoreScoreFunc) (ParAssessment *assessment, ParResult *result,
                                       gpointer user_data);
gboolean       par_store_score_each          (ParStore *self, GPtrArray *assessments,
                                              guint n_threads, ParStoreScoreFunc func,
                                              gpointer user_data, GError **error);

/* Figure values (criteria-set format 2; par-store-figures.c): what a unit entered for each
 * figure of its year's set, per period part ("year", "h1", "q3", "m07"), as the canonical text
 * of the figure's type ("4891", "99.50", "2020-01-14", "true") — never floating point. */

/**
 * ParFigureChange:
 * @figure_id: the figure's id in the year's set
 * @part_key: the period part
 * @value: (nullable): the canonical value to store; %NULL or "" removes it
 * @changed: set by the write: whether it changed the stored value
 * @old_value: set by the write when @changed: the value it replaced (%NULL: none)
 */
typedef struct {
  char     *figure_id;
  char     *part_key;
  char     *value;
  gboolean  changed;
  char     *old_value;
} ParFigureChange;

ParFigureChange *par_figure_change_new       (const char *figure_id, const char *part_key,
                                              const char *value);
void           par_figure_change_free        (ParFigureChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParFigureChange, par_figure_change_free)

/* Every value entered for the year (empty for a format-1 year). */
ParFigureValues *par_store_get_figure_values (ParStore *self, gint64 assessment_id,
                                              GError **error);
/* Writes values on a draft, all or none, each checked by par_figure_check_value() inside the
 * transaction and audited; @dry_run checks and reports without writing. */
gboolean       par_store_set_figure_values   (ParStore *self, gint64 assessment_id,
                                              GPtrArray *changes, gboolean dry_run,
                                              GError **error);   /* of ParFigureChange* */
gboolean       par_store_set_figure_value    (ParStore *self, gint64 assessment_id,
                                              const char *figure_id, const char *part_key,
                                              const char *value, GError **error);
/* Every value stored for the year's figures, checked again as a write checks it (the figure is
 * one of the year's set, entered, and par_figure_check_value() accepts the part and the value):
 * the translated messages of those refused (each names the figure's id and the period), for
 * `verify`. @n_checked: how many values were read. */
GPtrArray     *par_store_check_figure_values (ParStore *self, gint64 assessment_id,
                                              guint *n_checked, GError **error);   /* of char* */
/* Scores @entries of the year with its figures and evidence counts (format 2). */
ParResult     *par_store_score_entries       (ParStore *self, gint64 assessment_id, int year,
                                              ParFramework *framework, GPtrArray *entries,
                                              GError **error);
/* The year's figures evaluated: year values with provenance, derived figures, checks. */
ParFigureResult *par_store_evaluate_figures  (ParStore *self, gint64 assessment_id,
                                              GError **error);

/* Register rows (issue 13; par-store-registers.c): the rows a unit keeps in each register of
 * its year's set, typed cells in canonical form (par-registers.h). Each row read says which
 * stored row it is (par_register_rows_get_row_id()) and the evidence document it links
 * (par_register_rows_get_document(): a document's id, 0 for none; schema 9). */
ParRegisterRows *par_store_get_register_rows (ParStore *self, gint64 assessment_id,
                                              const char *register_id, GError **error);
/* Replaces the register's rows on a draft, all or none, each checked by
 * par_register_check_row() inside the transaction (the error names the row and the column),
 * each linked document checked to exist (%PAR_ERROR_NOT_FOUND naming the register and row);
 * rows keep their identity (by row id, else by cells, else by place), so what a row was
 * carried from and its link stay; a row's document is linked, unlinked (0) or kept
 * (%PAR_REGISTER_DOCUMENT_UNSET); each row added, changed or removed and each link made or
 * undone is audited; @dry_run checks and counts without writing. */
gboolean       par_store_set_register_rows   (ParStore *self, gint64 assessment_id,
                                              const char *register_id, ParRegisterRows *rows,
                                              gboolean dry_run, guint *n_changed,
                                              GError **error);

/* Evidence documents */
gint64         par_store_add_document        (ParStore *self, const ParDocument *document,
                                              GError **error);
gboolean       par_store_update_document     (ParStore *self, const ParDocument *document,
                                              GError **error);
ParDocument   *par_store_get_document        (ParStore *self, gint64 document_id,
                                              GError **error);
/* Every document, optionally filtered by a case- and diacritics-insensitive substring of
 * number, issuer or summary. */
GPtrArray     *par_store_list_documents      (ParStore *self, const char *filter,
                                              GError **error);   /* of ParDocument* */
gboolean       par_store_delete_document     (ParStore *self, gint64 document_id,
                                              GError **error);
gboolean       par_store_link_evidence       (ParStore *self, const ParEvidenceLink *link,
                                              GError **error);
gboolean       par_store_unlink_evidence     (ParStore *self, gint64 assessment_id,
                                              const char *code, gint64 document_id,
                                              GError **error);
/* Links of an assessment, for one code or all (code NULL). */
GPtrArray     *par_store_list_evidence       (ParStore *self, gint64 assessment_id,
                                              const char *code,
                                              GError **error);   /* of ParEvidenceLink* */

/* Attachments: the file is copied to attachments_dir/<sha256[0:2]>/<sha256> once. The same
 * bytes attached again to the same document return the existing attachment; attached to
 * another document they get a second row sharing the blob. Removing the last row that uses
 * a blob deletes the blob. A document cited by a submitted or appraised assessment cannot
 * get or lose files, nor be deleted (PAR_ERROR_LOCKED). */
gint64         par_store_attach_file         (ParStore *self, gint64 document_id,
                                              const char *path, GCancellable *cancellable,
                                              GError **error);
GPtrArray     *par_store_list_attachments    (ParStore *self, gint64 document_id,
                                              GError **error);   /* of ParAttachment*; 0 = all */
gboolean       par_store_remove_attachment   (ParStore *self, gint64 attachment_id,
                                              GError **error);
/* Path of the stored blob (transfer full). */
char          *par_store_attachment_path     (ParStore *self, const ParAttachment *attachment);
/* Re-hash every blob. Returns the number checked; @bad gets a ParAttachment* per blob that
 * is missing or does not match. */
guint          par_store_verify_attachments  (ParStore *self, GPtrArray **bad,
                                              GCancellable *cancellable, GError **error);

/* Who the audit log names for this connection's changes: the login name unless set (the app
 * passes the name from its preferences; NULL or blank goes back to the login name). */
void           par_store_set_actor           (ParStore *self, const char *actor);
const char    *par_store_get_actor           (ParStore *self);

/* Audit log, newest first; @limit 0 = all. */
GPtrArray     *par_store_list_audit          (ParStore *self, guint limit,
                                              GError **error);   /* of ParAuditEntry* */

/* Strip Vietnamese diacritics and fold case ("Cải cách" → "cai cach"), for search. */
char          *par_fold_for_search           (const char *text);

G_END_DECLS
