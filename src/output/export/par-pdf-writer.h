/* par-pdf-writer.h — a streaming PDF merger for the evidence pack.
 *
 * Copies the pages of existing PDFs into one output by object copying: text stays text,
 * JPEG scans and other image streams pass through byte-identical, and memory does not grow
 * with the number of documents (each input is opened, copied and closed before the next).
 * Page numbers, outline, links, embedded files and metadata are added by the writer.
 *
 * Typical use (in a worker thread):
 *
 *   w = par_pdf_writer_new ("/…/pack.pdf", &error);
 *   par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", NULL);  // before any page
 *   par_pdf_writer_add_document (w, "generated.pdf", NULL, &gen, c, &error);  // cairo-drawn
 *   for each attachment:
 *     par_pdf_writer_add_document (w, path, label, &info, c, &error);  // FALSE = stop
 *     info.status != PAR_PDF_DOC_OK → list info.message on the manifest
 *     par_pdf_writer_add_outline_item (w, parent, label, info.first_page, -1, FALSE);
 *   par_pdf_writer_add_link (w, gen.first_page + k, x, y, width, height, info.first_page, -1,
 *                            NULL);  // a contents line → the document
 *   par_pdf_writer_add_embedded_file (w, "báo cáo.docx", NULL, mime, NULL, c, &error);
 *   par_pdf_writer_set_info (w, "Title", …);
 *   par_pdf_writer_finish (w, c, &error);   // renames the temporary file into place
 *   par_pdf_writer_free (w);                // without finish: nothing is left behind
 *
 * Pages are addressed by their 0-based index in the output; positions on a page are in points
 * from its top-left corner, as cairo draws them. par_pdf_inspect() counts a document's pages
 * before the merge, for a table of contents that names page numbers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ParPdfDocStatus:
 * @PAR_PDF_DOC_OK: the document was read (and, for the writer, included)
 * @PAR_PDF_DOC_MISSING: there is no file at the path
 * @PAR_PDF_DOC_UNREADABLE: the file exists but cannot be read (permissions, a folder, I/O error)
 * @PAR_PDF_DOC_CORRUPT: the file is not a PDF, or is damaged beyond repair, or has no pages
 * @PAR_PDF_DOC_ENCRYPTED: the PDF is encrypted (with or without a password to open it);
 *   Parscore does not decrypt documents
 *
 * What happened to one input document. Anything but %PAR_PDF_DOC_OK means the document was
 * left out and the merge went on without it.
 */
typedef enum {
  PAR_PDF_DOC_OK,
  PAR_PDF_DOC_MISSING,
  PAR_PDF_DOC_UNREADABLE,
  PAR_PDF_DOC_CORRUPT,
  PAR_PDF_DOC_ENCRYPTED,
} ParPdfDocStatus;

/**
 * ParPdfDocInfo:
 * @status: the outcome
 * @first_page: 0-based index in the output of the document's first page (when included)
 * @n_pages: number of pages of the document; 0 when it was left out
 * @message: (nullable): a translated sentence for the user when @status is not OK
 *
 * Filled by par_pdf_writer_add_document() and par_pdf_inspect(). Free @message with
 * par_pdf_doc_info_clear().
 */
typedef struct {
  ParPdfDocStatus status;
  guint           first_page;
  guint           n_pages;
  char           *message;
} ParPdfDocInfo;

void        par_pdf_doc_info_clear      (ParPdfDocInfo *info);
const char *par_pdf_doc_status_to_string (ParPdfDocStatus status);

/**
 * par_pdf_inspect:
 * @path: a file
 * @label: (nullable): its name in messages; the file name if %NULL
 * @info: (out caller-allocates): status and page count
 *
 * Opens @path as a PDF without merging it, to count its pages (for a table of contents drawn
 * before the merge) or to classify it for a manifest.
 *
 * Returns: %TRUE if @info->status is %PAR_PDF_DOC_OK
 */
gboolean par_pdf_inspect (const char    *path,
                          const char    *label,
                          ParPdfDocInfo *info);

/**
 * ParPdfProgress:
 * @doc_index: 0-based index of the document being copied (the n-th call of add_document);
 *   G_MAXUINT while par_pdf_writer_finish() draws the page overlays
 * @label: (nullable): the document's label
 * @page: pages of this document copied so far
 * @n_pages: pages in this document
 * @pages_written: pages in the output so far
 */
typedef struct {
  guint       doc_index;
  const char *label;
  guint       page;
  guint       n_pages;
  guint       pages_written;
} ParPdfProgress;

typedef void (*ParPdfProgressFunc) (const ParPdfProgress *progress,
                                    gpointer              user_data);

/**
 * ParPdfOverlayFunc:
 * @cr: a cairo context on a page of the page's visible size, origin top-left, in points
 * @page_index: 0-based index of the page in the output
 * @n_pages: number of pages in the output
 * @width: visible width of the page as displayed (rotation applied), in points
 * @height: visible height, in points
 * @user_data: data given with the function
 *
 * Draws something over every page once the total is known, e.g. "Trang 3/120". What is drawn
 * is placed on top of the page's own content, which cannot change its graphics state.
 */
typedef void (*ParPdfOverlayFunc) (cairo_t  *cr,
                                   guint     page_index,
                                   guint     n_pages,
                                   double    width,
                                   double    height,
                                   gpointer  user_data);

typedef struct _ParPdfWriter ParPdfWriter;

ParPdfWriter *par_pdf_writer_new               (const char         *dest_path,
                                                GError            **error);
void          par_pdf_writer_free              (ParPdfWriter       *writer);
void          par_pdf_writer_abort             (ParPdfWriter       *writer);

void          par_pdf_writer_set_progress_func (ParPdfWriter       *writer,
                                                ParPdfProgressFunc  func,
                                                gpointer            user_data,
                                                GDestroyNotify      destroy);
void          par_pdf_writer_set_overlay_func  (ParPdfWriter       *writer,
                                                ParPdfOverlayFunc   func,
                                                gpointer            user_data,
                                                GDestroyNotify      destroy);
void          par_pdf_writer_set_page_numbers  (ParPdfWriter       *writer,
                                                const char         *format,
                                                const char         *font);

gboolean      par_pdf_writer_add_document      (ParPdfWriter       *writer,
                                                const char         *path,
                                                const char         *label,
                                                ParPdfDocInfo      *out_info,
                                                GCancellable       *cancellable,
                                                GError            **error);
guint         par_pdf_writer_get_n_pages       (ParPdfWriter       *writer);

/* Pages of one PDF added in pieces between other documents, their shared objects written once
 * (the pages Parscore draws: a cover, then a separator before each document…). */
typedef struct _ParPdfSource ParPdfSource;

ParPdfSource *par_pdf_writer_open_source       (ParPdfWriter       *writer,
                                                const char         *path,
                                                const char         *label,
                                                GError            **error);
guint         par_pdf_source_get_n_pages       (ParPdfSource       *src);
gboolean      par_pdf_writer_add_source_pages  (ParPdfWriter       *writer,
                                                ParPdfSource       *src,
                                                guint               first,
                                                guint               n,
                                                GError            **error);
void          par_pdf_source_free              (ParPdfSource       *src);

guint         par_pdf_writer_add_outline_item  (ParPdfWriter       *writer,
                                                guint               parent,
                                                const char         *title,
                                                guint               page,
                                                double              top,
                                                gboolean            open);
gboolean      par_pdf_writer_add_link          (ParPdfWriter       *writer,
                                                guint               from_page,
                                                double              x,
                                                double              y,
                                                double              width,
                                                double              height,
                                                guint               to_page,
                                                double              to_top,
                                                GError            **error);
gboolean      par_pdf_writer_add_embedded_file (ParPdfWriter       *writer,
                                                const char         *path,
                                                const char         *name,
                                                const char         *mime_type,
                                                const char         *description,
                                                GCancellable       *cancellable,
                                                GError            **error);

void          par_pdf_writer_set_info          (ParPdfWriter       *writer,
                                                const char         *key,
                                                const char         *value);
void          par_pdf_writer_set_dates         (ParPdfWriter       *writer,
                                                GDateTime          *created,
                                                GDateTime          *modified);
void          par_pdf_writer_set_language      (ParPdfWriter       *writer,
                                                const char         *language);

gboolean      par_pdf_writer_finish            (ParPdfWriter       *writer,
                                                GCancellable       *cancellable,
                                                GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPdfWriter, par_pdf_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParPdfSource, par_pdf_source_free)

G_END_DECLS
