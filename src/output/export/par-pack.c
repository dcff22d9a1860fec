/* par-pack.c — the evidence pack (hồ sơ tài liệu kiểm chứng) of one unit × year.
 *
 * Order of work:
 *   1. read the assessment, score it (and the unit's other years, for the charts);
 *   2. order the evidence documents by the first sub-criterion citing them, each once;
 *   3. check every attachment: re-hash the stored copy against the store, open PDFs to count
 *      their pages, read image headers;
 *   4. lay the generated pages out once without keeping them (separator pages, then the front
 *      matter), so that every page number is known;
 *   5. draw the front matter for real, then merge: front matter, each document (separator,
 *      images, its PDFs page by page), the manifest; then outline, links, metadata.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-pack-private.h"
#include "par-pdf-writer.h"

/* --- progress -------------------------------------------------------------------------------- */

void
pack_report_progress (Pack         *p,
                      ParPackStage  stage,
                      guint         current,
                      guint         total,
                      const char   *label)
{
  ParPackProgress pr;
  double f = p->work_total > 0 ? (double) p->work_done / p->work_total : 0;

  /* never backwards: the layout passes' share is an estimate */
  p->fraction = MAX (p->fraction, MIN (f, 1.0));
  if (p->progress == NULL)
    return;
  pr.stage = stage;
  pr.current = current;
  pr.total = total;
  pr.label = label;
  pr.fraction = p->fraction;
  p->progress (&pr, p->progress_data);
}

static void
writer_progress (const ParPdfProgress *wp,
                 gpointer              data)
{
  Pack *p = data;

  if (wp->doc_index == G_MAXUINT)
    {
      /* the writer is numbering pages: the last stage */
      p->work_done = p->work_total - p->work_finish
                     + (wp->n_pages > 0 ? p->work_finish * wp->page / wp->n_pages : 0);
      pack_report_progress (p, PAR_PACK_STAGE_FINISHING, wp->page, wp->n_pages, NULL);
      return;
    }
  if (p->file_work_size > 0 && wp->n_pages > 0)
    {
      p->work_done = p->file_work_base + (guint64) p->file_work_size * wp->page / wp->n_pages;
      pack_report_progress (p, PAR_PACK_STAGE_DOCUMENTS, p->doc_index, p->docs->len, p->file_label);
    }
}

gboolean
pack_check_cancel (Pack    *p,
                   GError **error)
{
  return g_cancellable_set_error_if_cancelled (p->cancellable, error);
}

void
par_pack_options_init (ParPackOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->charts = TRUE;
  opts->documents = TRUE;
}

static void
pack_clear (Pack *p)
{
  g_clear_pointer (&p->assessment, par_assessment_free);
  g_clear_pointer (&p->unit, par_unit_free);
  g_clear_pointer (&p->result, par_result_unref);
  g_clear_pointer (&p->figures, par_figure_result_unref);
  g_clear_pointer (&p->books, g_ptr_array_unref);
  g_clear_pointer (&p->fw, par_framework_unref);
  g_clear_pointer (&p->entry_by_code, g_hash_table_unref);
  g_clear_pointer (&p->entries, g_ptr_array_unref);
  g_clear_pointer (&p->chart_results, g_ptr_array_unref);
  g_clear_pointer (&p->chart_years, g_array_unref);
  g_clear_pointer (&p->cites_by_code, g_hash_table_unref);
  g_clear_pointer (&p->cites, g_ptr_array_unref);
  g_clear_pointer (&p->evidence, g_ptr_array_unref);
  g_clear_pointer (&p->docs, g_ptr_array_unref);
  g_clear_pointer (&p->files, g_ptr_array_unref);
  pack_fonts_clear (&p->fonts);
  g_clear_pointer (&p->font_family, g_free);
  g_clear_pointer (&p->now, g_date_time_unref);
  g_clear_pointer (&p->nodes, g_free);
  g_clear_pointer (&p->links, g_array_unref);
  g_clear_pointer (&p->report, par_pack_report_free);
  if (p->tmpdir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (p->tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (p->tmpdir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (p->tmpdir);
      g_clear_pointer (&p->tmpdir, g_free);
    }
}

/* --- merging --------------------------------------------------------------------------------- */

static gboolean
finish_canvas (Pack        *p,
               PackCanvas **canvas,
               GError     **error)
{
  PackCanvas *c = g_steal_pointer (canvas);

  if (c->links != NULL)
    g_array_append_vals (p->links, c->links->data, c->links->len);
  return pack_canvas_finish (c, error);
}

/* Adds a generated PDF to the writer and checks it landed where the layout said. */
static gboolean
add_generated (Pack          *p,
               ParPdfWriter  *w,
               const char    *path,
               guint          expected_first,
               guint          expected_pages,
               GError       **error)
{
  ParPdfDocInfo info = { 0 };
  gboolean ok;

  ok = par_pdf_writer_add_document (w, path, NULL, &info, p->cancellable, error);
  if (ok && (info.status != PAR_PDF_DOC_OK || info.first_page != expected_first ||
             info.n_pages != expected_pages))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("A generated part of the pack could not be merged (%s)."),
                   info.message != NULL ? info.message : par_pdf_doc_status_to_string (info.status));
      ok = FALSE;
    }
  par_pdf_doc_info_clear (&info);
  g_unlink (path);
  p->report->n_generated_pages += expected_pages;
  return ok;
}

/* When a PDF that was read fine a moment ago fails during the merge, its pages are replaced by
 * as many pages saying so: every page number printed before stays right. */
static gboolean
add_placeholder (Pack          *p,
                 ParPdfWriter  *w,
                 PackFile      *f,
                 guint          first,
                 guint          n,
                 GError       **error)
{
  g_autofree char *path = g_build_filename (p->tmpdir, "placeholder.pdf", NULL);
  PackCanvas *c = pack_canvas_new (path, &p->fonts, first, error);

  if (c == NULL)
    return FALSE;
  c->on_page = pack_running_header;
  c->on_page_data = p;
  pack_draw_placeholder (p, c, f, n);
  if (!finish_canvas (p, &c, error))
    return FALSE;
  return add_generated (p, w, path, first, n, error);
}

/* The pages drawn before the merge — the front matter, each document's separator and its
 * images — are one PDF (one set of fonts); the merge takes them from it in pieces. A piece is
 * added when the output reaches it. */
typedef struct {
  ParPdfSource *src;
  guint         first;   /* pages of @src waiting to be added */
  guint         n;
} Body;

static gboolean body_flush (Pack *p, ParPdfWriter *w, Body *b, GError **error);

/* The next page of the output is page @page of the body. */
static gboolean
body_take (Pack          *p,
           ParPdfWriter  *w,
           Body          *b,
           guint          page,
           GError       **error)
{
  /* pieces are taken in the order they were drawn: a gap would be a bug, yet costs nothing */
  if (b->n > 0 && b->first + b->n != page && !body_flush (p, w, b, error))
    return FALSE;
  if (b->n == 0)
    b->first = page;
  b->n++;
  return TRUE;
}

static gboolean
body_flush (Pack          *p,
            ParPdfWriter  *w,
            Body          *b,
            GError       **error)
{
  if (b->n == 0)
    return TRUE;
  if (!par_pdf_writer_add_source_pages (w, b->src, b->first, b->n, error))
    return FALSE;
  p->report->n_generated_pages += b->n;
  b->first += b->n;
  b->n = 0;
  return TRUE;
}

/* Draws the pages of the body: the front matter, then each document's separator and images
 * where the layout put them (the canvas numbers them by their place in the pack). */
static gboolean
draw_body (Pack        *p,
           PackCanvas  *c,
           GError     **error)
{
  pack_draw_front (p, c);
  if (pack_canvas_n_pages (c) != p->front_pages)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("The pack's first pages did not lay out the same way twice."));
      return FALSE;
    }
  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);

      pack_canvas_next_page_is (c, d->first_page);
      d->body_first = pack_canvas_n_pages (c);
      pack_draw_separator (p, c, d);
      if (pack_canvas_n_pages (c) - d->body_first != d->sep_pages)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("The pack's page numbering went wrong at document %u."), d->index + 1);
          return FALSE;
        }
      for (guint k = 0; k < d->files->len; k++)
        {
          PackFile *f = g_ptr_array_index (d->files, k);
          char *message = NULL;

          if (!pack_file_has_pages (p, f) || f->file->kind != PAR_PACK_FILE_IMAGE)
            continue;
          pack_canvas_next_page_is (c, f->file->first_page);
          f->body_page = pack_canvas_n_pages (c);
          c->on_page = NULL;   /* a picture page carries its own caption */
          if (!pack_draw_image_page (p, c, f, &message))
            {
              pack_file_set_status (f, PAR_PACK_FILE_CORRUPT, message);
              p->report->n_problems++;
            }
          c->on_page = pack_running_header;
        }
    }
  return TRUE;
}

static gboolean
merge_document (Pack          *p,
                ParPdfWriter  *w,
                Body          *body,
                PackDoc       *d,
                GError       **error)
{
  p->doc_index = d->index;
  pack_report_progress (p, PAR_PACK_STAGE_DOCUMENTS, d->index, p->docs->len, d->doc->number);

  if (par_pdf_writer_get_n_pages (w) + body->n != d->first_page)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("The pack's page numbering went wrong at document %u."), d->index + 1);
      return FALSE;
    }
  for (guint k = 0; k < d->sep_pages; k++)
    if (!body_take (p, w, body, d->body_first + k, error))
      return FALSE;

  for (guint i = 0; i < d->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (d->files, i);

      if (pack_check_cancel (p, error))
        return FALSE;
      if (f->file->status != PAR_PACK_FILE_OK || !p->opts.documents)
        {
          /* an image that could not be decoded still has its page, saying so */
          if (f->body_page != G_MAXUINT && !body_take (p, w, body, f->body_page, error))
            return FALSE;
          p->work_done += MAX (f->att->size, 0);
          continue;
        }
      if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
        {
          g_autoptr(GError) local = NULL;
          g_autofree char *desc = g_strdup_printf ("TL%02u %s — %s", d->index + 1,
                                                   d->doc->number != NULL ? d->doc->number : "",
                                                   d->doc->summary != NULL ? d->doc->summary : "");

          if (!par_pdf_writer_add_embedded_file (w, f->path, f->att->original_name,
                                                 f->att->content_type, desc, p->cancellable, &local))
            {
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              pack_file_set_status (f, PAR_PACK_FILE_UNREADABLE, pack_file_message (f, local->message));
              p->report->n_problems++;
            }
          p->work_done += MAX (f->att->size, 0);
          continue;
        }
      if (f->file->kind == PAR_PACK_FILE_IMAGE)
        {
          if (!body_take (p, w, body, f->body_page, error))
            return FALSE;
          p->work_done += MAX (f->att->size, 0);
          continue;
        }

      /* a PDF: the drawn pages before it go in first, then its own pages */
      if (!body_flush (p, w, body, error))
        return FALSE;
      {
        ParPdfDocInfo info = { 0 };
        guint first = par_pdf_writer_get_n_pages (w);

        p->file_work_base = p->work_done;
        p->file_work_size = MAX (f->att->size, 0);
        p->file_label = d->doc->number;
        if (!par_pdf_writer_add_document (w, f->path, f->att->original_name, &info,
                                          p->cancellable, error))
          {
            par_pdf_doc_info_clear (&info);
            return FALSE;
          }
        p->file_work_size = 0;
        p->work_done = p->file_work_base + MAX (f->att->size, 0);
        if (info.status != PAR_PDF_DOC_OK)
          {
            pack_file_set_status (f, pack_status_from_pdf (info.status),
                                  pack_file_message (f, info.message));
            p->report->n_problems++;
            if (!add_placeholder (p, w, f, first, f->file->n_pages, error))
              {
                par_pdf_doc_info_clear (&info);
                return FALSE;
              }
          }
        else if (info.n_pages != f->file->n_pages || first != f->file->first_page)
          {
            g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                         _("Document %s: “%s” changed while the pack was being made; export "
                           "again."), d->ref, f->att->original_name);
            par_pdf_doc_info_clear (&info);
            return FALSE;
          }
        par_pdf_doc_info_clear (&info);
      }
    }
  return TRUE;
}

static void
add_outline (Pack         *p,
             ParPdfWriter *w)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);
  guint details, docs;

#define SECTION_PAGE(s) (p->sections[s].page)
  par_pdf_writer_add_outline_item (w, 0, "Bìa", SECTION_PAGE (SECTION_COVER), -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, "Mục lục", SECTION_PAGE (SECTION_CONTENTS), -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, "Bảng tổng hợp kết quả tự đánh giá",
                                   SECTION_PAGE (SECTION_SUMMARY), -1, FALSE);
  if (p->opts.charts)
    par_pdf_writer_add_outline_item (w, 0, "Biểu đồ kết quả qua các năm",
                                     SECTION_PAGE (SECTION_CHARTS), -1, FALSE);
  details = par_pdf_writer_add_outline_item (w, 0, "Giải trình chi tiết theo tiêu chí",
                                             SECTION_PAGE (SECTION_DETAILS), -1, TRUE);
  for (guint i = 0; i < fields->len + adjustments->len; i++)
    {
      gboolean adj = i >= fields->len;
      const ParNode *field = adj ? g_ptr_array_index (adjustments, i - fields->len)
                                 : g_ptr_array_index (fields, i);
      g_autofree char *ft = adj ? g_strdup_printf ("%s. %s", field->code, field->title)
                                : g_strdup_printf ("Lĩnh vực %s. %s", field->code, field->title);
      PackTarget *tf = &p->nodes[field->node_index];
      guint fid = par_pdf_writer_add_outline_item (w, details, ft, tf->page, MAX (tf->top - 6, 0), FALSE);
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();
      g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (guint));

      /* depth first below the field: criteria, sub-criteria, then the documents they cite */
      if (adj)
        {
          GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, field->code);
          for (guint k = 0; cites != NULL && k < cites->len; k++)
            {
              Cite *cite = g_ptr_array_index (cites, k);
              g_autofree char *label = g_strdup_printf ("TL%02u. %s", cite->doc->index + 1,
                                                        cite->doc->doc->number != NULL ? cite->doc->doc->number : "");
              par_pdf_writer_add_outline_item (w, fid, label, cite->doc->first_page, -1, FALSE);
            }
          continue;
        }
      for (guint k = field->children->len; k > 0; k--)
        {
          guint parent = fid;
          g_ptr_array_add (stack, g_ptr_array_index (field->children, k - 1));
          g_array_append_val (parents, parent);
        }
      while (stack->len > 0)
        {
          const ParNode *node = g_ptr_array_steal_index (stack, stack->len - 1);
          guint parent = g_array_index (parents, guint, parents->len - 1);
          PackTarget *tn = &p->nodes[node->node_index];
          g_autofree char *label = g_strdup_printf ("%s. %s", node->code, node->title);
          guint id;

          g_array_set_size (parents, parents->len - 1);
          id = par_pdf_writer_add_outline_item (w, parent, label, tn->page, MAX (tn->top - 6, 0), FALSE);
          if (par_node_is_leaf (node))
            {
              GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, node->code);
              for (guint k = 0; cites != NULL && k < cites->len; k++)
                {
                  Cite *cite = g_ptr_array_index (cites, k);
                  g_autofree char *dl = g_strdup_printf ("TL%02u. %s", cite->doc->index + 1,
                                                         cite->doc->doc->number != NULL ? cite->doc->doc->number : "");
                  par_pdf_writer_add_outline_item (w, id, dl, cite->doc->first_page, -1, FALSE);
                }
              continue;
            }
          for (guint k = node->children->len; k > 0; k--)
            {
              g_ptr_array_add (stack, g_ptr_array_index (node->children, k - 1));
              g_array_append_val (parents, id);
            }
        }
    }
  if (p->books->len > 0)
    {
      guint books = par_pdf_writer_add_outline_item (w, 0, "Sổ theo dõi", SECTION_PAGE (SECTION_BOOKS),
                                                     -1, TRUE);
      for (guint i = 0; i < p->books->len; i++)
        {
          PackBook *b = g_ptr_array_index (p->books, i);
          par_pdf_writer_add_outline_item (w, books, b->reg->label, b->target.page,
                                           MAX (b->target.top - 6, 0), FALSE);
        }
    }
  if (p->docs->len > 0)
    {
      docs = par_pdf_writer_add_outline_item (w, 0, "Tài liệu kiểm chứng", SECTION_PAGE (SECTION_DOCUMENTS),
                                              -1, TRUE);
      for (guint i = 0; i < p->docs->len; i++)
        {
          PackDoc *d = g_ptr_array_index (p->docs, i);
          g_autofree char *markup = pack_doc_label (d);
          g_autofree char *label = NULL;
          guint id;

          pango_parse_markup (markup, -1, 0, NULL, &label, NULL, NULL);
          id = par_pdf_writer_add_outline_item (w, docs, label != NULL ? label : markup, d->first_page, -1, FALSE);
          for (guint k = 0; k < d->files->len; k++)
            {
              PackFile *f = g_ptr_array_index (d->files, k);
              if (f->file->n_pages > 0 && f->file->status == PAR_PACK_FILE_OK)
                par_pdf_writer_add_outline_item (w, id, f->att->original_name, f->file->first_page, -1, FALSE);
            }
        }
    }
  par_pdf_writer_add_outline_item (w, 0, "Danh mục tệp đính kèm", SECTION_PAGE (SECTION_MANIFEST), -1, FALSE);
#undef SECTION_PAGE
}

/* --- the export ------------------------------------------------------------------------------ */

static void
assign_pages (Pack *p)
{
  guint page = p->front_pages;

  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);

      d->first_page = page;
      page += d->sep_pages;
      for (guint k = 0; k < d->files->len; k++)
        {
          PackFile *f = g_ptr_array_index (d->files, k);

          if (!pack_file_has_pages (p, f))
            {
              f->file->n_pages = 0;
              continue;
            }
          if (f->file->kind == PAR_PACK_FILE_IMAGE)
            f->file->n_pages = 1;
          f->file->first_page = page;
          page += f->file->n_pages;
        }
      d->n_pages = page - d->first_page;
    }
  p->manifest_first = page;
  p->sections[SECTION_DOCUMENTS] = (PackTarget) {
    TRUE, p->docs->len > 0 ? ((PackDoc *) g_ptr_array_index (p->docs, 0))->first_page : page, -1
  };
  p->sections[SECTION_MANIFEST] = (PackTarget) { TRUE, page, -1 };
}

static gboolean
layout_pass (Pack     *p,
             GError  **error)
{
  PackCanvas *c;
  guint front = 0;

  /* the separators first: their length moves every later page */
  if ((c = pack_canvas_new (NULL, &p->fonts, 0, error)) == NULL)
    return FALSE;
  c->on_page = pack_running_header;
  c->on_page_data = p;
  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);
      guint before = pack_canvas_n_pages (c);

      pack_draw_separator (p, c, d);
      d->sep_pages = pack_canvas_n_pages (c) - before;
    }
  pack_canvas_free (c);

  /* then the front matter, until its length no longer changes (the numbers it prints do not
   * move its lines, so this settles at once) */
  for (guint round = 0; round < 3; round++)
    {
      if ((c = pack_canvas_new (NULL, &p->fonts, 0, error)) == NULL)
        return FALSE;
      pack_draw_front (p, c);
      front = pack_canvas_n_pages (c);
      pack_canvas_free (c);
      if (front == p->front_pages)
        break;
      p->front_pages = front;
      assign_pages (p);
    }
  return TRUE;
}

gboolean
par_pack_export (ParStore              *store,
                 gint64                 assessment_id,
                 const char            *dest_path,
                 const ParPackOptions  *opts,
                 ParPackProgressFunc    progress,
                 gpointer               data,
                 GCancellable          *cancellable,
                 ParPackReport        **report,
                 GError               **error)
{
  Pack pack = { 0 };
  Pack *p = &pack;
  g_autoptr(ParPdfWriter) w = NULL;
  Body body = { NULL, 0, 0 };
  g_autofree char *body_path = NULL;
  g_autofree char *manifest_path = NULL;
  PackCanvas *c = NULL;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time (), t1;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report != NULL)
    *report = NULL;
  p->store = store;
  if (opts != NULL)
    p->opts = *opts;
  else
    par_pack_options_init (&p->opts);
  p->cancellable = cancellable;
  p->progress = progress;
  p->progress_data = data;
  p->font_family = g_strdup (p->opts.font_family != NULL ? p->opts.font_family : "DejaVu Sans");
  p->now = p->opts.export_date != NULL ? g_date_time_ref (p->opts.export_date)
                                       : g_date_time_new_now_local ();
  p->links = g_array_new (FALSE, FALSE, sizeof (PackLink));

  pack_report_progress (p, PAR_PACK_STAGE_PREPARING, 0, 1, NULL);
  if (!pack_load_assessment (p, assessment_id, error) || !pack_collect_documents (p, error))
    goto out;
  p->work_layout = MAX (p->work_bytes / 20, 1024 * 1024);
  p->work_finish = MAX (p->work_bytes / 40, 256 * 1024);
  p->work_total = 2 * p->work_bytes + p->work_layout + p->work_finish;
  if (pack_check_cancel (p, error) || !pack_check_files (p, error))
    goto out;
  if ((p->tmpdir = g_dir_make_tmp ("parscore-pack-XXXXXX", error)) == NULL)
    goto out;
  t1 = g_get_monotonic_time ();
  g_debug ("pack: read and scored, %u files (%" G_GUINT64_FORMAT " bytes) checked in %.0f ms",
           p->files->len, p->work_bytes, (t1 - t0) / 1000.0);

  pack_make_fonts (p);
  p->work_done = p->work_bytes;
  pack_report_progress (p, PAR_PACK_STAGE_LAYOUT, 0, 2, NULL);
  if (!layout_pass (p, error) || pack_check_cancel (p, error))
    goto out;
  p->work_done = p->work_bytes + p->work_layout / 2;

  body_path = g_build_filename (p->tmpdir, "body.pdf", NULL);
  pack_report_progress (p, PAR_PACK_STAGE_LAYOUT, 1, 2, NULL);
  if ((c = pack_canvas_new (body_path, &p->fonts, 0, error)) == NULL ||
      !draw_body (p, c, error) || !finish_canvas (p, &c, error))
    goto out;
  p->work_done = p->work_bytes + p->work_layout;
  g_debug ("pack: %u front pages and the separators laid out, then drawn, in %.0f ms",
           p->front_pages, (g_get_monotonic_time () - t1) / 1000.0);
  t1 = g_get_monotonic_time ();

  if ((w = par_pdf_writer_new (dest_path, error)) == NULL)
    goto out;
  par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", "DejaVu Sans 8");
  par_pdf_writer_set_progress_func (w, writer_progress, p, NULL);
  if ((body.src = par_pdf_writer_open_source (w, body_path, NULL, error)) == NULL)
    goto out;
  for (guint k = 0; k < p->front_pages; k++)
    if (!body_take (p, w, &body, k, error))
      goto out;

  for (guint i = 0; i < p->docs->len; i++)
    if (pack_check_cancel (p, error) ||
        !merge_document (p, w, &body, g_ptr_array_index (p->docs, i), error))
      goto out;
  if (!body_flush (p, w, &body, error))
    goto out;
  g_clear_pointer (&body.src, par_pdf_source_free);
  g_unlink (body_path);

  g_debug ("pack: %u documents merged in %.0f ms", p->docs->len, (g_get_monotonic_time () - t1) / 1000.0);
  t1 = g_get_monotonic_time ();
  if (par_pdf_writer_get_n_pages (w) != p->manifest_first)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("The pack's page numbering went wrong."));
      goto out;
    }
  manifest_path = g_build_filename (p->tmpdir, "manifest.pdf", NULL);
  if ((c = pack_canvas_new (manifest_path, &p->fonts, p->manifest_first, error)) == NULL)
    goto out;
  c->on_page = pack_running_header;
  c->on_page_data = p;
  pack_draw_manifest (p, c);
  {
    guint n = pack_canvas_n_pages (c);
    if (!finish_canvas (p, &c, error) ||
        !add_generated (p, w, manifest_path, p->manifest_first, n, error))
      goto out;
  }

  p->work_done = p->work_total - p->work_finish;
  add_outline (p, w);
  for (guint i = 0; i < p->links->len; i++)
    {
      PackLink *l = &g_array_index (p->links, PackLink, i);
      guint page;
      double top;

      if (pack_resolve (p, l->target, &page, &top))
        par_pdf_writer_add_link (w, l->from_page, l->x, l->y, l->width, l->height, page, top, NULL);
    }
  {
    g_autofree char *title = g_strdup_printf ("Hồ sơ tự đánh giá Chỉ số cải cách hành chính năm %d — %s",
                                              p->assessment->year, p->unit->name);
    g_autofree char *subject = g_strdup_printf ("Chỉ số cải cách hành chính (PAR Index) năm %d: bảng "
                                                "tổng hợp, giải trình và tài liệu kiểm chứng%s",
                                                p->assessment->year,
                                                par_framework_is_sample (p->fw) ? " (MẪU)" : "");
    g_autofree char *keywords = g_strdup_printf ("CCHC; PAR Index; %d; %s", p->assessment->year,
                                                 par_framework_get_id (p->fw));

    par_pdf_writer_set_info (w, "Title", title);
    par_pdf_writer_set_info (w, "Author", p->unit->name);
    par_pdf_writer_set_info (w, "Subject", subject);
    par_pdf_writer_set_info (w, "Keywords", keywords);
    par_pdf_writer_set_info (w, "Creator", "Parscore");
    par_pdf_writer_set_dates (w, p->now, p->now);
    par_pdf_writer_set_language (w, "vi");
  }
  pack_report_progress (p, PAR_PACK_STAGE_FINISHING, 0, 1, NULL);
  if (pack_check_cancel (p, error) || !par_pdf_writer_finish (w, p->cancellable, error))
    goto out;

  p->work_done = p->work_total;
  pack_report_progress (p, PAR_PACK_STAGE_FINISHING, 1, 1, NULL);
  g_debug ("pack: manifest, outline, links and page numbers in %.0f ms; %.0f ms in all",
           (g_get_monotonic_time () - t1) / 1000.0, (g_get_monotonic_time () - t0) / 1000.0);
  p->report->n_pages = par_pdf_writer_get_n_pages (w);
  p->report->n_documents = p->docs->len;
  if (report != NULL)
    *report = g_steal_pointer (&p->report);
  ok = TRUE;

out:
  if (c != NULL)
    pack_canvas_free (c);
  g_clear_pointer (&body.src, par_pdf_source_free);   /* before the writer it reads for */
  g_clear_pointer (&w, par_pdf_writer_free);   /* unfinished: the temporary output goes */
  pack_clear (p);
  return ok;
}

