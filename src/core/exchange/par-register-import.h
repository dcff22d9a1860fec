/* par-register-import.h — bringing a register's rows in from a file (issue 13): the file's table
 * as it is, a column mapping (file column → register column, or ignored) guessed from the
 * headers and remembered by the app, and a preview of every row with the core's verdict.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One path for every importer: the CLI (par_register_read_file() + par_register_import_rows())
 * and the app's Import dialog (the table, a mapping the user may change, the preview, then the
 * same write) read, map and check a file the same way; the row check is par_register_check_row()
 * after par_register_normalize_cell(), and the store runs it again inside its transaction.
 */
#pragma once

#include "par-store.h"

G_BEGIN_DECLS

/**
 * ParRegisterTable:
 * @display_name: names the file in messages
 * @header: (element-type utf8): the file's columns, as its header row names them
 * @rows: (element-type GPtrArray): each row's cells (char*), possibly fewer than @header's
 * @lines: (element-type int): the line (CSV) or sheet row (XLSX) of the header, then of each row
 * @numbers_marked: XLSX: a number cell is "\x1F" and its raw text, read by the column it goes
 *   to (a date column reads a day serial; other columns the exact digits)
 *
 * A file's cells before any mapping: what CSV and XLSX have in common.
 */
typedef struct {
  char      *display_name;
  GPtrArray *header;
  GPtrArray *rows;
  GArray    *lines;
  gboolean   numbers_marked;
} ParRegisterTable;

void              par_register_table_free      (ParRegisterTable  *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRegisterTable, par_register_table_free)

/* Whether @path names an XLSX spreadsheet (by its extension); anything else is read as CSV. */
gboolean          par_register_file_is_xlsx    (const char        *path);

/**
 * par_register_table_read:
 * @reg: (nullable): the register the file is for: a CSV's separator (, ; or tab) is the one
 *   whose header names most of its columns
 * @display_name: (nullable): names the file in messages; the path's display name when %NULL
 * @cancellable: (nullable): stops the reading (the app's Cancel): checked between rows
 *
 * Reads a CSV or XLSX file (by its extension) into its table: the encoding, quoting and size
 * checks of the readers, no mapping and no row check yet.
 *
 * Returns: (transfer full): the table, or %NULL with @error naming the file (and the line),
 *   or G_IO_ERROR_CANCELLED.
 */
ParRegisterTable *par_register_table_read      (const ParRegister *reg,
                                                const char        *path,
                                                const char        *display_name,
                                                GCancellable      *cancellable,
                                                GError           **error);
ParRegisterTable *par_register_table_read_csv  (const ParRegister *reg,
                                                const char        *csv,
                                                gsize              len,
                                                const char        *display_name,
                                                GError           **error);

/**
 * PAR_REGISTER_DOCUMENT_HEADER:
 *
 * The header of the column an export adds after the register's columns when a row links an
 * evidence document (schema 9): the document's number/symbol ("01/KH-KCNĐN"). An import reads
 * a column headed "document", "Văn bản", "Văn bản kiểm chứng" or "Evidence document" (case and
 * diacritics ignored) as that column, unless the register has a column of that name.
 */
#define PAR_REGISTER_DOCUMENT_HEADER "document"
/* The label of that column in a spreadsheet, beside the columns' (Vietnamese) labels. */
#define PAR_REGISTER_DOCUMENT_LABEL "Văn bản"
/* How par_register_mapping_serialize() remembers the document column. */
#define PAR_REGISTER_MAPPING_DOCUMENT_KEY "@document"

/* Whether a header names the document column (see %PAR_REGISTER_DOCUMENT_HEADER). */
gboolean          par_register_header_is_document (const ParRegister *reg,
                                                   const char        *header);

/**
 * ParRegisterMapping:
 *
 * For each column of a file, the register column it fills (its index) or -1: ignored.
 */
typedef struct _ParRegisterMapping ParRegisterMapping;

ParRegisterMapping *par_register_mapping_copy      (const ParRegisterMapping *mapping);
void                par_register_mapping_free      (ParRegisterMapping       *mapping);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRegisterMapping, par_register_mapping_free)
/* Each file column whose header names a register column (par_register_column_for_header(): id,
 * label or English label, case and diacritics ignored) goes to it; a register column named twice
 * takes the first; the others are ignored. */
ParRegisterMapping *par_register_mapping_guess     (const ParRegister        *reg,
                                                    const ParRegisterTable   *table);
guint               par_register_mapping_get_n_columns (const ParRegisterMapping *mapping);
int                 par_register_mapping_get       (const ParRegisterMapping *mapping,
                                                    guint                     file_column);
/* @register_column -1 ignores the file column. */
void                par_register_mapping_set       (ParRegisterMapping       *mapping,
                                                    guint                     file_column,
                                                    int                       register_column);
/* The file column naming each row's evidence document by its number, -1 for none (guessed
 * from the header: par_register_header_is_document()). Setting it makes the file column no
 * register column's; par_register_mapping_set() of that column to a register column undoes it. */
int                 par_register_mapping_get_document (const ParRegisterMapping *mapping);
void                par_register_mapping_set_document (ParRegisterMapping       *mapping,
                                                       int                       file_column);
/* The file column that fills @register_column, -1 when none does. */
int                 par_register_mapping_source    (const ParRegisterMapping *mapping,
                                                    guint                     register_column);
/**
 * par_register_mapping_serialize:
 *
 * The mapping as a value to remember (the app keeps it per set and register): an `a{ss}` from
 * each file header (folded: case and diacritics ignored) to the register column's id, or to ""
 * for a column ignored.
 *
 * Returns: (transfer floating): the `a{ss}` value
 */
GVariant           *par_register_mapping_serialize (const ParRegisterMapping *mapping,
                                                    const ParRegister        *reg,
                                                    const ParRegisterTable   *table);
/* Applies a remembered `a{ss}` to the file columns whose headers it knows; column ids the
 * register no longer has are left as guessed. Returns how many file columns it decided. */
guint               par_register_mapping_apply     (ParRegisterMapping       *mapping,
                                                    const ParRegister        *reg,
                                                    const ParRegisterTable   *table,
                                                    GVariant                 *remembered);

/**
 * ParRegisterPreviewRow:
 * @line: the line (CSV) or sheet row (XLSX) in the file
 * @number: the row's number among the file's rows (blank lines skipped), 1 …
 * @cells: the register's columns: the canonical cell where it was read, else the text as the
 *   file has it ("" for none)
 * @problem: (nullable): %NULL when the row will be imported; else why it is refused, translated
 *   and naming the row and the column ("row 7, column “Ngày hoàn thành” (done): …")
 * @bad_column: the register column refused, -1 for none
 * @document: (nullable): the document column's text (a number/symbol, "" for none); %NULL when
 *   the file has no document column
 * @document_id: the document it names once par_register_preview_link_documents() ran (0 for
 *   none), else %PAR_REGISTER_DOCUMENT_UNSET
 */
typedef struct {
  int     line;
  guint   number;
  char  **cells;
  char   *problem;
  int     bad_column;
  char   *document;
  gint64  document_id;
} ParRegisterPreviewRow;

typedef struct _ParRegisterPreview ParRegisterPreview;

/* Called now and then while rows are read: @done of @total. */
typedef void (*ParRegisterProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

/**
 * par_register_preview_new:
 * @progress: (nullable) (scope call): told how far the reading is
 * @cancellable: (nullable): stops the reading (%G_IO_ERROR_CANCELLED)
 *
 * Every non-blank row of @table mapped by @mapping and checked as the store will check it:
 * par_register_normalize_cell() then par_register_check_row(). A row refused keeps its reason;
 * the others their canonical cells. Fails only for what no row can fix: a register column
 * filled from two file columns, more rows than a register holds.
 *
 * Returns: (transfer full): the preview, or %NULL with @error set.
 */
ParRegisterPreview *par_register_preview_new        (const ParRegister         *reg,
                                                     const ParRegisterTable    *table,
                                                     const ParRegisterMapping  *mapping,
                                                     ParRegisterProgress        progress,
                                                     gpointer                   progress_data,
                                                     GCancellable              *cancellable,
                                                     GError                   **error);
void                par_register_preview_free       (ParRegisterPreview        *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRegisterPreview, par_register_preview_free)
guint               par_register_preview_get_n_rows (const ParRegisterPreview  *preview);
const ParRegisterPreviewRow *par_register_preview_get_row (const ParRegisterPreview *preview,
                                                           guint                     i);
guint               par_register_preview_get_n_refused (const ParRegisterPreview *preview);
/* The first refused row, %NULL when none is. */
const ParRegisterPreviewRow *par_register_preview_get_first_refused (const ParRegisterPreview *preview);
/**
 * par_register_preview_link_documents:
 * @documents: (element-type ParDocument): the documents a row may name (par_store_list_documents())
 *
 * Resolves each row's document column against @documents: a number matches exactly, else with
 * case and diacritics ignored; a number no document has (or several have) refuses the row
 * ("row 3, column “document”: no evidence document numbered “45/BC”: …"). Rows whose document
 * cell is empty will be unlinked. Without a document column, or called twice, does nothing.
 *
 * Returns: how many rows it refused.
 */
guint               par_register_preview_link_documents (ParRegisterPreview *preview,
                                                         GPtrArray          *documents);
gboolean            par_register_preview_has_documents  (const ParRegisterPreview *preview);
/* The rows to write, all of them checked; %NULL while any row is refused (all or nothing).
 * Each row's document is the one the file names once par_register_preview_link_documents()
 * ran, else %PAR_REGISTER_DOCUMENT_UNSET (links kept as stored). */
ParRegisterRows    *par_register_preview_get_rows   (const ParRegisterPreview  *preview);

/**
 * par_register_read_file:
 *
 * A file's rows the way `register import` reads them: the table, the mapping guessed from the
 * header — where every header cell must name a column (a column the register has not, or one
 * named twice, refuses the file) — and the first refused row as the error
 * ("plan.csv:8: row 7, column “Ngày hoàn thành” (done): …").
 *
 * Returns: (transfer full): the rows, or %NULL with @error set.
 */
ParRegisterRows    *par_register_read_file          (const ParRegister         *reg,
                                                     const char                *path,
                                                     const char                *display_name,
                                                     GError                   **error);
/* The same, a document column resolved against @documents (of ParDocument*): an unknown number
 * refuses the file, naming the line and the row. */
ParRegisterRows    *par_register_read_file_linked   (const ParRegister         *reg,
                                                     const char                *path,
                                                     const char                *display_name,
                                                     GPtrArray                 *documents,
                                                     GError                   **error);

/**
 * par_register_document_numbers:
 *
 * The number/symbol of the document each row links, for an export's document column.
 *
 * Returns: (transfer full) (element-type utf8): one string per row, %NULL where the row links
 *   no document; %NULL with @error set when the documents cannot be read.
 */
GPtrArray          *par_register_document_numbers   (ParStore                  *store,
                                                     const ParRegisterRows     *rows,
                                                     GError                   **error);
/* Whether any row of @numbers links a document (an export writes the column only then). */
gboolean            par_register_document_numbers_any (GPtrArray               *numbers);

/**
 * ParRegisterImportMode:
 * @PAR_REGISTER_IMPORT_REPLACE: the file's rows replace the register's rows of the year
 * @PAR_REGISTER_IMPORT_APPEND: the file's rows go after the rows already there
 */
typedef enum {
  PAR_REGISTER_IMPORT_REPLACE,
  PAR_REGISTER_IMPORT_APPEND,
} ParRegisterImportMode;

/**
 * par_register_import_rows:
 * @n_changed: (out) (optional): rows added, changed or removed
 *
 * Writes @rows into the register, replacing its rows or after them, through
 * par_store_set_register_rows(): one transaction, every row checked again, all or none.
 */
gboolean            par_register_import_rows        (ParStore                  *store,
                                                     gint64                     assessment_id,
                                                     const char                *register_id,
                                                     ParRegisterRows           *rows,
                                                     ParRegisterImportMode      mode,
                                                     gboolean                   dry_run,
                                                     guint                     *n_changed,
                                                     GError                   **error);

G_END_DECLS
