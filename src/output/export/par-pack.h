/* par-pack.h — the evidence pack: one PDF per unit × year with the cover, contents, summary
 * table, charts, the explanation of every sub-criterion, every evidence document and a
 * manifest of the files, for the province's appraisal council.
 *
 * The generated pages are drawn with cairo + Pango (A4, fonts embedded, Vietnamese text) into
 * temporary PDFs and merged with the attached documents by #ParPdfWriter, page by page and by
 * object copying: attached PDFs stay searchable and their scans pass through unchanged.
 * Memory stays flat with the number of documents: attachments are streamed, never held.
 *
 * par_pack_export() is made to run on a worker thread (a GTask) with its own #ParStore
 * connection: it touches no global state, and its progress callback is called on that thread.
 * Typical use from the app:
 *
 *   thread:  store = par_store_open (db_path, &error);
 *            ok = par_pack_export (store, assessment_id, dest, NULL, on_progress, task_data,
 *                                  cancellable, &report, &error);
 *   on_progress: copy the label and fraction, g_main_context_invoke() them to the window
 *   cancel:  g_cancellable_cancel() — the call returns G_IO_ERROR_CANCELLED, dest untouched
 *
 * The pack's own text is Vietnamese whatever the locale, as the province's forms are; the
 * report's messages (for the person exporting) are translated like the rest of the program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-store.h"

G_BEGIN_DECLS

/**
 * ParPackFileStatus:
 * @PAR_PACK_FILE_OK: the file was read, matches the store, and is in the pack
 * @PAR_PACK_FILE_MISSING: the stored copy is not in the attachments folder
 * @PAR_PACK_FILE_CORRUPT: a PDF or image that cannot be read (damaged, not what its type says,
 *   no pages)
 * @PAR_PACK_FILE_ENCRYPTED: an encrypted PDF (Parscore does not decrypt documents)
 * @PAR_PACK_FILE_UNREADABLE: the stored copy exists but cannot be read (permissions, I/O)
 * @PAR_PACK_FILE_HASH_MISMATCH: the stored copy's size or SHA-256 differs from what was
 *   recorded when it was attached: it is not the file that was attached, and is left out
 *
 * Anything but %PAR_PACK_FILE_OK leaves the file out of the pack; it is still listed on its
 * document's separator page and on the manifest, and the pack is made all the same.
 */
typedef enum {
  PAR_PACK_FILE_OK,
  PAR_PACK_FILE_MISSING,
  PAR_PACK_FILE_CORRUPT,
  PAR_PACK_FILE_ENCRYPTED,
  PAR_PACK_FILE_UNREADABLE,
  PAR_PACK_FILE_HASH_MISMATCH,
} ParPackFileStatus;

/**
 * ParPackFileKind:
 * @PAR_PACK_FILE_PDF: a PDF, merged page by page
 * @PAR_PACK_FILE_IMAGE: a JPEG or PNG image, drawn on its own A4 page
 * @PAR_PACK_FILE_EMBEDDED: any other file (DOCX, XLSX…), carried inside the PDF as an
 *   embedded file attachment and listed on its document's separator page
 */
typedef enum {
  PAR_PACK_FILE_PDF,
  PAR_PACK_FILE_IMAGE,
  PAR_PACK_FILE_EMBEDDED,
} ParPackFileKind;

/**
 * ParPackFile:
 * @attachment_id: the attachment's row
 * @document_id: its evidence document
 * @document_number: (nullable): the document's number/symbol, "06/KH-KCNĐN"
 * @name: the file's name as shown everywhere in the pack: its original base name, without any
 *   folder, with characters that would reorder or hide it written out ("[U+202E]"; see
 *   par_text_file_name()). @document_number is neutralised the same way.
 * @size: its size as recorded by the store
 * @sha256: its SHA-256 as recorded by the store (hex)
 * @actual_sha256: (nullable): the SHA-256 of the stored copy read at export time; %NULL when it
 *   could not be read
 * @kind: how it is carried
 * @status: the outcome
 * @message: (nullable): a translated sentence when @status is not OK, naming the document
 *   (number/symbol, or "TL03", its place in the pack) and the file; never a hash or a path
 * @first_page: 0-based index in the pack of its first page (PDFs and images that are in)
 * @n_pages: its pages in the pack; 0 for embedded files and files left out
 */
typedef struct {
  gint64             attachment_id;
  gint64             document_id;
  char              *document_number;
  char              *name;
  gint64             size;
  char              *sha256;
  char              *actual_sha256;
  ParPackFileKind    kind;
  ParPackFileStatus  status;
  char              *message;
  guint              first_page;
  guint              n_pages;
} ParPackFile;

/**
 * ParPackReport:
 * @n_pages: pages in the pack
 * @n_generated_pages: pages drawn by Parscore (cover, tables, charts, separators, manifest)
 * @n_documents: evidence documents in the pack (each once, however many sub-criteria cite it)
 * @n_problems: files whose status is not OK
 * @files: (element-type ParPackFile): every attachment of those documents, in pack order
 */
typedef struct {
  guint      n_pages;
  guint      n_generated_pages;
  guint      n_documents;
  guint      n_problems;
  GPtrArray *files;
} ParPackReport;

void        par_pack_report_free            (ParPackReport     *report);
const char *par_pack_file_status_to_string  (ParPackFileStatus  status);  /* "ok", "missing"… */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPackReport, par_pack_report_free)

/**
 * ParPackOptions:
 * @export_date: (nullable): the date printed as the date of export and written as the PDF's
 *   dates; now when %NULL (tests pass a fixed one)
 * @charts: draw the charts page (fields across years, total over years)
 * @documents: include the documents' files (when %FALSE, the documents are still listed with
 *   their separator pages and the manifest, without their pages)
 * @font_family: (nullable): a Pango family for the generated pages; "DejaVu Sans" when %NULL.
 *   It must cover Vietnamese.
 *
 * Initialize with par_pack_options_init(); a %NULL options pointer means the defaults.
 */
typedef struct {
  GDateTime  *export_date;
  gboolean    charts;
  gboolean    documents;
  const char *font_family;
} ParPackOptions;

void par_pack_options_init (ParPackOptions *opts);

/**
 * ParPackStage:
 * @PAR_PACK_STAGE_PREPARING: reading the assessment and scoring
 * @PAR_PACK_STAGE_CHECKING: hashing and opening every attachment
 * @PAR_PACK_STAGE_LAYOUT: drawing the generated pages
 * @PAR_PACK_STAGE_DOCUMENTS: merging the documents
 * @PAR_PACK_STAGE_FINISHING: numbering the pages, writing the outline and links
 */
typedef enum {
  PAR_PACK_STAGE_PREPARING,
  PAR_PACK_STAGE_CHECKING,
  PAR_PACK_STAGE_LAYOUT,
  PAR_PACK_STAGE_DOCUMENTS,
  PAR_PACK_STAGE_FINISHING,
} ParPackStage;

/**
 * ParPackProgress:
 * @stage: what is being done
 * @current: 0-based index of the item of the stage (attachment or document)
 * @total: items in the stage
 * @label: (nullable): the current document or file, for "Đang ghép: 06/KH-KCNĐN"
 * @fraction: overall progress from 0 to 1, by the bytes to read and write
 */
typedef struct {
  ParPackStage  stage;
  guint         current;
  guint         total;
  const char   *label;
  double        fraction;
} ParPackProgress;

/* Called on the exporting thread; a GUI marshals it to its main loop itself. */
typedef void (*ParPackProgressFunc) (const ParPackProgress *progress,
                                     gpointer               user_data);

/**
 * par_pack_export:
 * @store: a store connection used by this thread only
 * @assessment_id: the unit × year to export
 * @dest_path: the PDF to write; replaced atomically when the pack is complete
 * @opts: (nullable): options, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback
 * @data: data for @progress
 * @cancellable: (nullable): cancelling stops the export and leaves no file at @dest_path
 * @report: (out) (optional) (transfer full): what went into the pack, file by file; set when the
 *   pack was written
 * @error: the reason the pack could not be made (%G_IO_ERROR_CANCELLED when cancelled)
 *
 * Builds the evidence pack. Problems with single attachments are not errors: they are listed
 * in @report, on the separator pages and on the manifest.
 *
 * Returns: %TRUE when the pack was written
 */
gboolean par_pack_export (ParStore             *store,
                          gint64                assessment_id,
                          const char           *dest_path,
                          const ParPackOptions *opts,
                          ParPackProgressFunc   progress,
                          gpointer              data,
                          GCancellable         *cancellable,
                          ParPackReport       **report,
                          GError              **error);

G_END_DECLS
