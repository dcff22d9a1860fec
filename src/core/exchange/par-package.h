/* par-package.h — sealed packages between a unit and the council: one file (`.parscore`), itself
 * an SQLite database holding one unit's year (data/PACKAGE.md describes the format).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-seal.h"
#include "par-store.h"

G_BEGIN_DECLS

/* The format this version writes; a package names it in its `parscore_package` table.
 * Version 4 carries the evidence document each register row links, with the document, and
 * seals the links (seal version 4, data/SEAL.md). */
#define PAR_PACKAGE_FORMAT "parscore-package 4"
/* The earlier formats, still read: 3 carries register rows without links (seal version 3; an
 * appraisal names the round's reply deadline since 3); 2 figure values but no register rows
 * (seal version 2); 1 neither (seal version 1). */
#define PAR_PACKAGE_FORMAT_3 "parscore-package 3"
#define PAR_PACKAGE_FORMAT_2 "parscore-package 2"
#define PAR_PACKAGE_FORMAT_1 "parscore-package 1"
/* The file name extension of packages. */
#define PAR_PACKAGE_EXTENSION ".parscore"

/**
 * ParPackageKind:
 * @PAR_PACKAGE_SUBMISSION: a unit's submitted year, sent to the council
 * @PAR_PACKAGE_APPRAISAL: the council's appraised scores and comments, sent back to the unit
 * @PAR_PACKAGE_REPLY: the unit's replies to the appraisal, sent to the council
 *
 * What a package carries.
 */
typedef enum {
  PAR_PACKAGE_SUBMISSION,
  PAR_PACKAGE_APPRAISAL,
  PAR_PACKAGE_REPLY,
} ParPackageKind;

/* "submission", "appraisal", "reply": the identifier a package keeps */
const char *par_package_kind_to_string   (ParPackageKind  kind);
/* The same, translated, for people to read */
const char *par_package_kind_label       (ParPackageKind  kind);
gboolean    par_package_kind_from_string (const char     *text,
                                          ParPackageKind *kind);

/**
 * ParPackageInfo:
 * @path: the package file
 * @format: its format, %PAR_PACKAGE_FORMAT
 * @kind: see #ParPackageKind
 * @unit_name: the unit whose year it holds
 * @level: the unit's level
 * @year: the year
 * @status: the year's status when it was packed (submitted or appraised)
 * @set_id: the criteria set's id; @set_sha256 the SHA-256 of its stored bytes
 * @created_at: when it was written (ISO 8601 UTC); @created_by: who (the actor)
 * @round: the appraisal round it belongs to; 0 for a submission
 * @seal: SHA-256 of the package's canonical form (PACKAGE.md): the year, the package's own
 *   lines and the year's audit trail
 * @year_seal: the year's seal, as the store seals it (data/SEAL.md): the same as the unit's
 *   database holds for the year, and the same the council's database holds once imported
 * @n_entries, @n_documents, @n_files: what it holds; @files_size the attachments' bytes
 * @n_figure_values: the year's figure values it holds (criteria-set format 2; none in format 1
 *   packages)
 * @n_register_rows: the year's register rows it holds, all registers together (criteria-set
 *   format 2; none in packages of format 1 or 2)
 * @reply_deadline: an appraisal's reply deadline (ISO date, the last day), %NULL when the round
 *   set none or the package is not an appraisal of format 3
 *
 * What a package says it holds. Only par_package_open() makes one, after every check passed.
 */
typedef struct {
  char           *path;
  char           *format;
  ParPackageKind  kind;
  char           *unit_name;
  ParLevel        level;
  int             year;
  ParStatus       status;
  char           *set_id;
  char           *set_sha256;
  char           *created_at;
  char           *created_by;
  int             round;
  char           *seal;
  char           *year_seal;
  guint           n_entries;
  guint           n_documents;
  guint           n_files;
  gint64          files_size;
  guint           n_figure_values;
  guint           n_register_rows;
  char           *reply_deadline;
} ParPackageInfo;

typedef struct _ParPackage ParPackage;

/**
 * par_package_write:
 * @store: the database holding the year
 * @assessment_id: the year: submitted or appraised (a draft is refused: submit it first)
 * @kind: what the package is for
 * @round: the appraisal round (0 for a submission)
 * @path: the file to write; replaced when it exists
 *
 * Writes the year into a new package: the criteria set verbatim, the unit, the entries (inputs,
 * scores, explanations, the council's scores and comments), the year's figure values, the
 * documents it cites with their
 * links, every attached file as a blob, the year's audit trail, and the seals. The file is
 * written under a temporary name beside @path and renamed, so a failure leaves no half package.
 * The package's year seal is checked to be the year's seal in @store before it is renamed.
 *
 * Returns: whether the package was written; %FALSE with @error set.
 */
gboolean        par_package_write      (ParStore        *store,
                                        gint64           assessment_id,
                                        ParPackageKind   kind,
                                        int              round,
                                        const char      *path,
                                        GError         **error);

/**
 * par_package_open:
 * @path: a package file
 *
 * Opens a package read-only and checks all of it before anything may be imported: that it is a
 * package of a format this version reads, that the database reads whole (a file cut short is
 * refused), that it holds one unit's one year, the criteria set's bytes against their SHA-256,
 * every attached file against its SHA-256 and size, the year against its seal (naming every
 * difference: "1.1.4, self-assessed score: 0.75 when sealed, 1.00 now."), and the package's own
 * seal. The package file is never changed.
 *
 * Returns: (transfer full): the open package, or %NULL with @error set: %PAR_ERROR_FORMAT (not
 *   a package, a newer format), %PAR_ERROR_INTEGRITY (damaged, changed after sealing, a file
 *   swapped), %PAR_ERROR_NOT_FOUND (no such file). The message says what failed and where (which
 *   table, which document, which file) and that nothing was imported.
 */
ParPackage           *par_package_open      (const char  *path,
                                             GError     **error);
const ParPackageInfo *par_package_get_info  (ParPackage  *package);
void                  par_package_free      (ParPackage  *package);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackage, par_package_free)

/**
 * par_package_compare:
 * @store: the database it would be imported into
 * @package: an open package
 * @existing: (out) (optional): the id of the year @store holds for the package's unit and year,
 *   0 when none
 *
 * What importing @package would change in a year @store holds already: scores, figures,
 * explanations, comments, documents and files, as the seal's differences name them.
 *
 * Returns: (transfer full) (element-type ParSealChange): the differences, empty when the year is
 *   the same or @store has no such year; %NULL with @error set when @store cannot be read.
 */
GPtrArray            *par_package_compare   (ParStore    *store,
                                             ParPackage  *package,
                                             gint64      *existing,
                                             GError     **error);

/**
 * ParPackageImportFlags:
 * @PAR_PACKAGE_IMPORT_DEFAULT: refuse when the year is there already (%PAR_ERROR_EXISTS)
 * @PAR_PACKAGE_IMPORT_REPLACE: a later package replaces the year held (audited with why)
 */
typedef enum {
  PAR_PACKAGE_IMPORT_DEFAULT = 0,
  PAR_PACKAGE_IMPORT_REPLACE = 1 << 0,
} ParPackageImportFlags;

/**
 * par_package_import:
 * @store: the council's database (or the unit's, for an appraisal)
 * @package: an open package (par_package_open() has checked it)
 * @flags: see #ParPackageImportFlags
 *
 * Imports a submission into @store in one transaction, through the store's own validated writes
 * (every entry crosses par_entry_check(), every figure value par_figure_check_value()): the unit
 * (added when new; its level must match), the criteria set, the year with its entries, figure
 * values, documents, links and files, locked with the status it was packed with and sealed. The seal @store computes must be the package's year seal, or
 * nothing is imported. Replacing removes the earlier year in the same transaction.
 *
 * Returns: the imported year's id, or 0 with @error set; on failure @store is as it was.
 */
char                 *par_package_reply_deadline (ParStore       *store,
                                                  gint64          assessment_id,
                                                  int            *round,
                                                  GError        **error);
gint64                par_package_import    (ParStore              *store,
                                             ParPackage            *package,
                                             ParPackageImportFlags  flags,
                                             GError               **error);

/**
 * par_package_receive:
 * @store: the council's database
 * @round_id: the round (par_store_create_round())
 * @package: an open package: a submission (while round 1 is open) or a reply (while round 2 is)
 * @flags: for a submission, as for par_package_import()
 * @received_on: (nullable): the day it came in (ISO date); today when %NULL
 * @late: (out) (optional): whether it came after the round's deadline for it
 *
 * Receives a package into a round. It is kept whole in the round first — late, replacing an
 * earlier one, or refused by the round's stage, it is never lost — then a submission is
 * imported (par_package_import()) and a reply's answers are stored next to the council's
 * round-1 scores (par_store_list_replies()).
 *
 * Returns: the unit's year in @store, or 0 with @error set.
 */
gint64                par_package_receive   (ParStore              *store,
                                             gint64                 round_id,
                                             ParPackage            *package,
                                             ParPackageImportFlags  flags,
                                             const char            *received_on,
                                             gboolean              *late,
                                             GError               **error);

G_END_DECLS
