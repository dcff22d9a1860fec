/* test-pdf-writer.c — the streaming PDF merger, read back with poppler and checked by qpdf.
 *
 * Every input is made here: text PDFs drawn with cairo + pango (Vietnamese text), a scan page
 * carrying a JPEG made by ImageMagick, a hand-written PDF with inherited attributes and a
 * content stream that leaves its graphics state changed, an encrypted PDF made by qpdf, a
 * damaged file and a missing path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "par-error.h"
#include "par-pdf-writer.h"
#include "par-test-util.h"
#include "export-test-util.h"

#define VI_TEXT "Kế hoạch cải cách hành chính năm 2020"

typedef struct {
  char   *dir;
  char   *text_a;     /* 3 pages, "ALPHADOC" */
  char   *cover;      /* 2 pages, "COVERPAGE" */
  char   *scan;       /* 2 pages: a JPEG scan, then a text page "BRAVODOC" */
  char   *jpeg;
  char   *handmade;   /* 1 page, inherited MediaBox/Resources, unbalanced graphics state */
  char   *links;      /* 2 pages, links between them */
  char   *encrypted;
  char   *corrupt;
  char   *missing;
  char   *attachment;
  GBytes *jpeg_bytes;
  GBytes *attachment_bytes;
} Fixture;

static char *
spawn_ok (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s%s", argv[0], out, err);
  return g_steal_pointer (&out);
}

static void
make_text_pdf (const char *path,
               const char *tag,
               guint       n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 14");

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s page %u", VI_TEXT, tag, i + 1);

      pango_layout_set_text (layout, text, -1);
      cairo_move_to (cr, 72, 72);
      pango_cairo_show_layout (cr, layout);
      cairo_show_page (cr);
    }
  pango_font_description_free (font);
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
make_scan_pdf (const char *path,
               GBytes     *jpeg)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, 120);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout;

  /* cairo embeds the JPEG data as given (DCTDecode) when the image carries it */
  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (jpeg, NULL),
                               g_bytes_get_size (jpeg), (cairo_destroy_func_t) g_bytes_unref,
                               g_bytes_ref (jpeg));
  cairo_save (cr);
  cairo_scale (cr, 595.28 / 160, 841.89 / 120);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_show_page (cr);

  layout = pango_cairo_create_layout (cr);
  pango_layout_set_text (layout, "BRAVODOC after the scan", -1);
  cairo_move_to (cr, 72, 72);
  pango_cairo_show_layout (cr, layout);
  cairo_show_page (cr);

  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  cairo_surface_destroy (image);
}

/* Writes a PDF whose object i + 1 is objs[i], object 1 being the catalog. */
static void
write_raw_pdf (const char        *path,
               const char *const *objs,
               int                n)
{
  GString *pdf = g_string_new ("%PDF-1.4\n");
  g_autofree gsize *offsets = g_new0 (gsize, n + 1);
  gsize xref;

  for (int i = 0; i < n; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %d\n0000000000 65535 f \n", n + 1);
  for (int i = 0; i < n; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          n + 1, xref);
  g_assert_true (g_file_set_contents (path, pdf->str, pdf->len, NULL));
  g_string_free (pdf, TRUE);
}

/* A PDF written by hand: MediaBox and Resources inherited from the page-tree node (a merger
 * must copy them onto the page), and content that scales the CTM and never restores it. */
static void
make_handmade_pdf (const char *path)
{
  static const char content[] =
    "2 0 0 2 0 0 cm 1 0 0 rg BT /F1 12 Tf 20 100 Td (HANDMADE inherited) Tj ET";
  g_autofree char *stream = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream",
                                             strlen (content), content);
  const char *const objs[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 400 300]"
    " /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
    stream,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };

  write_raw_pdf (path, objs, G_N_ELEMENTS (objs));
}

/* Two pages; page 1 has four links: a named destination (in the /Names /Dests tree) and an
 * explicit GoTo, both to page 2, which must keep working in the pack; a /Launch action and a
 * name that is not defined, which must be dropped. */
static void
make_links_pdf (const char *path)
{
  static const char content[] = "BT /F1 12 Tf 20 250 Td (LINKSDOC) Tj ET";
  g_autofree char *stream = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream",
                                             strlen (content), content);
  const char *const objs[] = {
    "<< /Type /Catalog /Pages 2 0 R /Names << /Dests 6 0 R >> >>",
    "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 400 300]"
    " /Resources << /Font << /F1 5 0 R >> >> >>",
    "<< /Type /Page /Parent 2 0 R /Contents 7 0 R /Annots [8 0 R 9 0 R 10 0 R 11 0 R] >>",
    "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    "<< /Kids [12 0 R] >>",
    stream,
    "<< /Type /Annot /Subtype /Link /Rect [10 10 50 30] /Dest (chapter-2) >>",
    "<< /Type /Annot /Subtype /Link /Rect [60 10 100 30] /A << /S /GoTo /D [4 0 R /Fit] >> >>",
    "<< /Type /Annot /Subtype /Link /Rect [110 10 150 30] /A << /S /Launch /F (calc.exe) >> >>",
    "<< /Type /Annot /Subtype /Link /Rect [160 10 200 30] /Dest (nowhere) >>",
    "<< /Limits [(a) (d)] /Names [(a-first) [3 0 R /Fit] (chapter-2) [4 0 R /XYZ 0 300 null]] >>",
  };

  write_raw_pdf (path, objs, G_N_ELEMENTS (objs));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GByteArray *bytes;
  char *contents = NULL;
  gsize len = 0;

  f->dir = g_dir_make_tmp ("parscore-pdf-XXXXXX", &error);
  g_assert_no_error (error);
  f->text_a = g_build_filename (f->dir, "a.pdf", NULL);
  f->cover = g_build_filename (f->dir, "cover.pdf", NULL);
  f->scan = g_build_filename (f->dir, "scan.pdf", NULL);
  f->jpeg = g_build_filename (f->dir, "scan.jpg", NULL);
  f->handmade = g_build_filename (f->dir, "handmade.pdf", NULL);
  f->links = g_build_filename (f->dir, "links.pdf", NULL);
  f->encrypted = g_build_filename (f->dir, "encrypted.pdf", NULL);
  f->corrupt = g_build_filename (f->dir, "corrupt.pdf", NULL);
  f->missing = g_build_filename (f->dir, "no-such-file.pdf", NULL);
  f->attachment = g_build_filename (f->dir, "Báo cáo.docx", NULL);

  make_text_pdf (f->text_a, "ALPHADOC", 3);
  make_text_pdf (f->cover, "COVERPAGE", 2);
  make_handmade_pdf (f->handmade);
  make_links_pdf (f->links);

  {
    const char *argv[] = { "convert", "-size", "160x120", "plasma:fractal", "-seed", "7",
                           "-quality", "85", f->jpeg, NULL };
    g_free (spawn_ok (argv));
  }
  g_assert_true (g_file_get_contents (f->jpeg, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 100);
  f->jpeg_bytes = g_bytes_new_take (contents, len);
  make_scan_pdf (f->scan, f->jpeg_bytes);

  {
    const char *argv[] = { "qpdf", "--encrypt", "u", "o", "256", "--", f->text_a, f->encrypted,
                           NULL };
    g_free (spawn_ok (argv));
  }
  g_assert_true (g_file_set_contents (f->corrupt, "%PDF-1.4\n1 0 obj\n<< /Type /Cat", -1, NULL));

  /* an office file: arbitrary bytes, zeros and high bytes included */
  bytes = g_byte_array_new ();
  for (guint i = 0; i < 70000; i++)
    {
      guint8 b = (guint8) ((i * 7919u) ^ (i >> 5));
      g_byte_array_append (bytes, &b, 1);
    }
  f->attachment_bytes = g_byte_array_free_to_bytes (bytes);
  g_assert_true (g_file_set_contents (f->attachment, g_bytes_get_data (f->attachment_bytes, NULL),
                                      g_bytes_get_size (f->attachment_bytes), NULL));
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (g_getenv ("PAR_TEST_KEEP") == NULL)
    par_test_remove_tree (f->dir);
  else
    g_printerr ("kept %s\n", f->dir);
  g_free (f->dir);
  g_free (f->text_a);
  g_free (f->cover);
  g_free (f->scan);
  g_free (f->jpeg);
  g_free (f->handmade);
  g_free (f->links);
  g_free (f->encrypted);
  g_free (f->corrupt);
  g_free (f->missing);
  g_free (f->attachment);
  g_bytes_unref (f->jpeg_bytes);
  g_bytes_unref (f->attachment_bytes);
}



static gboolean
contains_bytes (const char *hay,
                gsize       hay_len,
                GBytes     *needle)
{
  gsize n;
  const char *data = g_bytes_get_data (needle, &n);

  for (gsize i = 0; n > 0 && i + n <= hay_len; i++)
    if (hay[i] == data[0] && memcmp (hay + i, data, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_qpdf_check (const char *path)
{
  const char *argv[] = { "qpdf", "--check", path, NULL };
  g_autofree char *out = spawn_ok (argv);

  g_assert_nonnull (strstr (out, "No syntax or stream encoding errors found"));
}

static int
dest_page (PopplerDocument *doc,
           PopplerAction   *action)
{
  PopplerDest *dest;
  int page;

  g_assert_nonnull (action);
  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  dest = action->goto_dest.dest;
  g_assert_nonnull (dest);
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (doc, dest->named_dest);

      page = named->page_num;
      poppler_dest_free (named);
      return page - 1;
    }
  return dest->page_num - 1;
}

typedef struct {
  guint calls;
  guint last_written;
} ProgressLog;

static void
log_progress (const ParPdfProgress *p,
              gpointer              user_data)
{
  ProgressLog *log = user_data;

  log->calls++;
  g_assert_cmpuint (p->pages_written, >=, log->last_written);
  log->last_written = p->pages_written;
}

/* The whole pack: cover, three documents with three broken ones between them, page numbers,
 * bookmarks, a link added after the fact, metadata and an attachment. */
static void
test_merge_pack (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "pack.pdf", NULL);
  g_autoptr(ParPdfWriter) w = NULL;
  ParPdfDocInfo cover = { 0 }, a = { 0 }, bad = { 0 }, scan = { 0 }, enc = { 0 }, miss = { 0 },
                hand = { 0 };
  g_autoptr(GDateTime) created = g_date_time_new_local (2021, 1, 15, 9, 30, 0);
  ProgressLog log = { 0 };
  PopplerDocument *doc;
  PopplerIndexIter *iter, *child;
  PopplerPage *page;
  GList *links, *attachments;
  char *contents = NULL;
  gsize len = 0;
  guint top, item_a, item_scan;

  w = par_pdf_writer_new (dest, &error);
  g_assert_no_error (error);
  par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", NULL);
  par_pdf_writer_set_progress_func (w, log_progress, &log, NULL);
  par_pdf_writer_set_info (w, "Title", "Hồ sơ minh chứng CCHC năm 2020");
  par_pdf_writer_set_info (w, "Author", "Ban Quản lý các khu công nghiệp");
  par_pdf_writer_set_info (w, "Subject", VI_TEXT);
  par_pdf_writer_set_info (w, "Creator", "Parscore");
  par_pdf_writer_set_dates (w, created, NULL);
  par_pdf_writer_set_language (w, "vi");

  g_assert_true (par_pdf_writer_add_document (w, f->cover, "Bìa", &cover, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (par_pdf_writer_add_document (w, f->text_a, "Kế hoạch 01", &a, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->corrupt, NULL, &bad, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->scan, "Bản scan", &scan, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->encrypted, NULL, &enc, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->missing, NULL, &miss, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->handmade, NULL, &hand, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (cover.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (cover.first_page, ==, 0);
  g_assert_cmpuint (cover.n_pages, ==, 2);
  g_assert_cmpint (a.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (a.first_page, ==, 2);
  g_assert_cmpuint (a.n_pages, ==, 3);
  g_assert_cmpint (bad.status, ==, PAR_PDF_DOC_CORRUPT);
  g_assert_nonnull (bad.message);
  g_assert_nonnull (strstr (bad.message, "corrupt.pdf"));
  g_assert_cmpint (scan.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (scan.first_page, ==, 5);
  g_assert_cmpuint (scan.n_pages, ==, 2);
  g_assert_cmpint (enc.status, ==, PAR_PDF_DOC_ENCRYPTED);
  g_assert_nonnull (enc.message);
  g_assert_cmpint (miss.status, ==, PAR_PDF_DOC_MISSING);
  g_assert_nonnull (miss.message);
  g_assert_cmpint (hand.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (hand.first_page, ==, 7);
  g_assert_cmpuint (par_pdf_writer_get_n_pages (w), ==, 8);
  g_assert_cmpuint (log.calls, >=, 8);

  top = par_pdf_writer_add_outline_item (w, 0, "Hồ sơ minh chứng", 0, -1, TRUE);
  item_a = par_pdf_writer_add_outline_item (w, top, "Kế hoạch 01/KH-UBND", a.first_page, -1, TRUE);
  par_pdf_writer_add_outline_item (w, item_a, "Trang 2 của kế hoạch", a.first_page + 1, 100,
                                   FALSE);
  item_scan = par_pdf_writer_add_outline_item (w, top, "Bản scan", scan.first_page, -1, FALSE);
  g_assert_cmpuint (item_scan, >, item_a);
  g_assert_true (par_pdf_writer_add_link (w, 0, 72, 200, 300, 20, a.first_page, -1, &error));
  g_assert_true (par_pdf_writer_add_link (w, 1, 72, 400, 300, 20, scan.first_page, 50, &error));
  g_assert_no_error (error);
  g_assert_false (par_pdf_writer_add_link (w, 1, 72, 400, 0, 20, 0, -1, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (par_pdf_writer_add_embedded_file (
      w, f->attachment, NULL,
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Báo cáo kết quả", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (par_pdf_writer_add_embedded_file (w, f->missing, NULL, NULL, NULL, NULL,
                                                    &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dest, G_FILE_TEST_IS_REGULAR));
  assert_qpdf_check (dest);

  /* The scan's JPEG is in the output byte for byte */
  g_assert_true (g_file_get_contents (dest, &contents, &len, NULL));
  g_assert_true (contains_bytes (contents, len, f->jpeg_bytes));
  g_free (contents);

  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 8);

  /* each document's own text, on its own pages, and a number on every page */
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *text = export_test_page_text (doc, i);
      g_autofree char *number = g_strdup_printf ("Trang %d/8", i + 1);

      g_assert_nonnull (strstr (text, number));
      if (i < 2)
        g_assert_nonnull (strstr (text, "COVERPAGE"));
      else if (i < 5)
        {
          g_autofree char *tag = g_strdup_printf ("ALPHADOC page %d", i - 1);
          g_assert_nonnull (strstr (text, tag));
          g_assert_nonnull (strstr (text, VI_TEXT));
        }
      else if (i == 6)
        g_assert_nonnull (strstr (text, "BRAVODOC"));
      else if (i == 7)
        g_assert_nonnull (strstr (text, "HANDMADE inherited"));
    }

  /* the hand-made page kept its inherited 400×300 box */
  page = poppler_document_get_page (doc, 7);
  {
    double pw, ph;
    GList *hits;
    PopplerRectangle *r;

    poppler_page_get_size (page, &pw, &ph);
    g_assert_cmpfloat_with_epsilon (pw, 400, 0.01);
    g_assert_cmpfloat_with_epsilon (ph, 300, 0.01);
    /* its "2 0 0 2 cm" must not move or scale the page number: still near the bottom centre */
    hits = poppler_page_find_text (page, "Trang 8/8");
    g_assert_nonnull (hits);
    r = hits->data;
    g_assert_cmpfloat (r->x1, >, 150);
    g_assert_cmpfloat (r->x2, <, 250);
    g_assert_cmpfloat (MIN (r->y1, r->y2), <, 40);
    g_assert_cmpfloat (r->x2 - r->x1, <, 50);  /* 9 pt, not 9 pt at 96 dpi */
    g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
  }
  g_object_unref (page);

  /* document information */
  {
    g_autofree char *title = poppler_document_get_title (doc);
    g_autofree char *author = poppler_document_get_author (doc);
    g_autofree char *subject = poppler_document_get_subject (doc);
    g_autofree char *creator = poppler_document_get_creator (doc);
    g_autofree char *producer = poppler_document_get_producer (doc);

    g_assert_cmpstr (title, ==, "Hồ sơ minh chứng CCHC năm 2020");
    g_assert_cmpstr (author, ==, "Ban Quản lý các khu công nghiệp");
    g_assert_cmpstr (subject, ==, VI_TEXT);
    g_assert_cmpstr (creator, ==, "Parscore");
    g_assert_true (g_str_has_prefix (producer, "Parscore"));
    g_assert_cmpint (poppler_document_get_creation_date (doc), ==,
                     g_date_time_to_unix (created));
    g_assert_cmpint (poppler_document_get_modification_date (doc), ==,
                     g_date_time_to_unix (created));
  }

  /* outline: Hồ sơ minh chứng → (Kế hoạch 01/KH-UBND → Trang 2…), Bản scan */
  iter = poppler_index_iter_new (doc);
  g_assert_nonnull (iter);
  {
    PopplerAction *action = poppler_index_iter_get_action (iter);

    g_assert_cmpstr (action->any.title, ==, "Hồ sơ minh chứng");
    g_assert_cmpint (dest_page (doc, action), ==, 0);
    poppler_action_free (action);
  }
  child = poppler_index_iter_get_child (iter);
  g_assert_nonnull (child);
  {
    PopplerAction *action = poppler_index_iter_get_action (child);
    PopplerIndexIter *grandchild;

    g_assert_cmpstr (action->any.title, ==, "Kế hoạch 01/KH-UBND");
    g_assert_cmpint (dest_page (doc, action), ==, (int) a.first_page);
    poppler_action_free (action);

    grandchild = poppler_index_iter_get_child (child);
    g_assert_nonnull (grandchild);
    action = poppler_index_iter_get_action (grandchild);
    g_assert_cmpstr (action->any.title, ==, "Trang 2 của kế hoạch");
    g_assert_cmpint (dest_page (doc, action), ==, (int) a.first_page + 1);
    g_assert_cmpfloat_with_epsilon (action->goto_dest.dest->top, 841.89 - 100, 0.01);
    poppler_action_free (action);
    poppler_index_iter_free (grandchild);

    g_assert_true (poppler_index_iter_next (child));
    action = poppler_index_iter_get_action (child);
    g_assert_cmpstr (action->any.title, ==, "Bản scan");
    g_assert_cmpint (dest_page (doc, action), ==, (int) scan.first_page);
    g_assert_false (poppler_index_iter_is_open (child));
    poppler_action_free (action);
    g_assert_false (poppler_index_iter_next (child));
  }
  poppler_index_iter_free (child);
  g_assert_false (poppler_index_iter_next (iter));  /* one top-level bookmark */
  poppler_index_iter_free (iter);

  /* links added after the fact onto the cover's pages */
  for (int p = 0; p < 2; p++)
    {
      PopplerLinkMapping *m;

      page = poppler_document_get_page (doc, p);
      links = poppler_page_get_link_mapping (page);
      g_assert_cmpuint (g_list_length (links), ==, 1);
      m = links->data;
      g_assert_cmpint (dest_page (doc, m->action), ==,
                       p == 0 ? (int) a.first_page : (int) scan.first_page);
      /* the area, in PDF user space (origin bottom-left) */
      g_assert_cmpfloat_with_epsilon (m->area.x1, 72, 0.01);
      g_assert_cmpfloat_with_epsilon (m->area.x2, 372, 0.01);
      g_assert_cmpfloat_with_epsilon (MAX (m->area.y1, m->area.y2),
                                      841.89 - (p == 0 ? 200 : 400), 0.01);
      poppler_page_free_link_mapping (links);
      g_object_unref (page);
    }

  /* the attachment, byte for byte */
  g_assert_true (poppler_document_has_attachments (doc));
  attachments = poppler_document_get_attachments (doc);
  g_assert_cmpuint (g_list_length (attachments), ==, 1);
  {
    PopplerAttachment *att = attachments->data;
    g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
    g_autofree char *saved = g_build_filename (f->dir, "saved.docx", NULL);
    const GString *checksum = poppler_attachment_get_checksum (att);
    guint8 digest[16];
    gsize digest_len = sizeof digest;

    g_assert_cmpstr (poppler_attachment_get_name (att), ==, "Báo cáo.docx");
    g_assert_cmpstr (poppler_attachment_get_description (att), ==, "Báo cáo kết quả");
    g_assert_cmpuint (poppler_attachment_get_size (att), ==, g_bytes_get_size (f->attachment_bytes));
    g_assert_true (poppler_attachment_save (att, saved, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (saved, &contents, &len, NULL));
    g_assert_cmpmem (contents, len, g_bytes_get_data (f->attachment_bytes, NULL),
                     g_bytes_get_size (f->attachment_bytes));
    g_free (contents);

    g_checksum_update (md5, g_bytes_get_data (f->attachment_bytes, NULL),
                       g_bytes_get_size (f->attachment_bytes));
    g_checksum_get_digest (md5, digest, &digest_len);
    g_assert_nonnull (checksum);
    g_assert_cmpmem (checksum->str, checksum->len, digest, digest_len);
  }
  g_list_free_full (attachments, g_object_unref);
  g_object_unref (doc);

  par_pdf_doc_info_clear (&cover);
  par_pdf_doc_info_clear (&a);
  par_pdf_doc_info_clear (&bad);
  par_pdf_doc_info_clear (&scan);
  par_pdf_doc_info_clear (&enc);
  par_pdf_doc_info_clear (&miss);
  par_pdf_doc_info_clear (&hand);
}

/* Without an overlay the pages are copied as they are: no page numbers, same text. */
static void
test_merge_plain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "plain.pdf", NULL);
  g_autoptr(ParPdfWriter) w = par_pdf_writer_new (dest, &error);
  PopplerDocument *doc;

  g_assert_no_error (error);
  g_assert_true (par_pdf_writer_add_document (w, f->text_a, NULL, NULL, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->text_a, NULL, NULL, NULL, &error));
  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (dest);

  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 6);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *text = export_test_page_text (doc, i);
      g_autofree char *tag = g_strdup_printf ("ALPHADOC page %d", i % 3 + 1);

      g_assert_nonnull (strstr (text, tag));
      g_assert_nonnull (strstr (text, VI_TEXT));
      g_assert_null (strstr (text, "Trang"));
    }
  g_object_unref (doc);
}

/* A rotated page gets its number at the bottom of the page as displayed. */
static void
test_rotated_page (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rotated = g_build_filename (f->dir, "rotated.pdf", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "rotated-pack.pdf", NULL);
  const char *argv[] = { "qpdf", f->text_a, "--rotate=+90:1", "--", rotated, NULL };
  g_autoptr(ParPdfWriter) w = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  GList *hits;
  PopplerRectangle *r;
  double pw, ph;

  g_free (spawn_ok (argv));
  w = par_pdf_writer_new (dest, &error);
  g_assert_no_error (error);
  par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", NULL);
  g_assert_true (par_pdf_writer_add_document (w, rotated, NULL, NULL, NULL, &error));
  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (dest);

  doc = export_test_open_pdf (dest);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &pw, &ph);  /* as displayed: landscape */
  g_assert_cmpfloat (pw, >, ph);
  hits = poppler_page_find_text (page, "Trang 1/3");
  g_assert_nonnull (hits);
  r = hits->data;
  /* find_text works in the displayed orientation: centred, near the bottom */
  g_assert_cmpfloat (fabs ((r->x1 + r->x2) / 2 - pw / 2), <, 10);
  g_assert_cmpfloat (MIN (r->y1, r->y2), <, 40);
  g_list_free_full (hits, (GDestroyNotify) poppler_rectangle_free);
  g_object_unref (page);
  g_object_unref (doc);
}

/* Links inside an included document still lead to its own pages in the pack. */
static void
test_internal_links (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "links-pack.pdf", NULL);
  g_autoptr(ParPdfWriter) w = par_pdf_writer_new (dest, &error);
  ParPdfDocInfo info = { 0 };
  PopplerDocument *doc;
  PopplerPage *page;
  GList *links;
  int to_second = 0;

  g_assert_no_error (error);
  g_assert_true (par_pdf_writer_add_document (w, f->cover, NULL, NULL, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, f->links, NULL, &info, NULL, &error));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_OK);
  g_assert_cmpuint (info.first_page, ==, 2);
  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (dest);

  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
  page = poppler_document_get_page (doc, 2);
  links = poppler_page_get_link_mapping (page);
  /* the named and the explicit link remain; the launcher and the dangling name are gone */
  g_assert_cmpuint (g_list_length (links), ==, 2);
  for (GList *l = links; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;

      g_assert_cmpint (dest_page (doc, m->action), ==, 3);
      to_second++;
    }
  g_assert_cmpint (to_second, ==, 2);
  poppler_page_free_link_mapping (links);
  g_object_unref (page);
  g_object_unref (doc);
  par_pdf_doc_info_clear (&info);
}

static void
assert_dir_holds_no (const char *dir,
                     const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_error ("left behind: %s", name);
}

static void
cancel_after_first_page (const ParPdfProgress *p,
                         gpointer              user_data)
{
  if (p->page == 1)
    g_cancellable_cancel (user_data);
}

/* Cancel leaves nothing at the destination, not even the temporary file. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ParPdfWriter *w;

  /* cancelled in the middle of a document */
  w = par_pdf_writer_new (dest, &error);
  g_assert_no_error (error);
  par_pdf_writer_set_progress_func (w, cancel_after_first_page, cancellable, NULL);
  g_assert_true (par_pdf_writer_add_document (w, f->cover, NULL, NULL, NULL, &error));
  g_assert_false (par_pdf_writer_add_document (w, f->text_a, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* the writer refuses to go on, and finishing fails */
  g_assert_false (par_pdf_writer_add_document (w, f->cover, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (par_pdf_writer_finish (w, NULL, &error));
  g_clear_error (&error);
  par_pdf_writer_free (w);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  assert_dir_holds_no (f->dir, ".cancelled.pdf");

  /* cancelled while finishing */
  g_cancellable_reset (cancellable);
  w = par_pdf_writer_new (dest, &error);
  par_pdf_writer_set_page_numbers (w, "{page}", NULL);
  g_assert_true (par_pdf_writer_add_document (w, f->cover, NULL, NULL, NULL, &error));
  g_cancellable_cancel (cancellable);
  g_assert_false (par_pdf_writer_finish (w, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  par_pdf_writer_free (w);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  assert_dir_holds_no (f->dir, ".cancelled.pdf");

  /* freed without finishing: same */
  w = par_pdf_writer_new (dest, NULL);
  g_assert_true (par_pdf_writer_add_document (w, f->cover, NULL, NULL, NULL, NULL));
  par_pdf_writer_free (w);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  assert_dir_holds_no (f->dir, ".cancelled.pdf");
}

static void
test_inspect (Fixture       *f,
              gconstpointer  data)
{
  ParPdfDocInfo info = { 0 };
  g_autofree char *folder = g_build_filename (f->dir, "folder.pdf", NULL);

  g_assert_true (par_pdf_inspect (f->text_a, NULL, &info));
  g_assert_cmpuint (info.n_pages, ==, 3);
  g_assert_null (info.message);

  g_assert_false (par_pdf_inspect (f->encrypted, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_ENCRYPTED);
  g_assert_false (par_pdf_inspect (f->corrupt, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_CORRUPT);
  g_assert_false (par_pdf_inspect (f->missing, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_MISSING);
  /* named by its file name, never by where it is stored */
  g_assert_cmpstr (info.message, ==, "“no-such-file.pdf” was not found.");
  g_assert_false (par_pdf_inspect (f->attachment, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_CORRUPT);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (par_pdf_inspect (folder, NULL, &info));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_UNREADABLE);
  g_assert_cmpstr (par_pdf_doc_status_to_string (info.status), ==, "unreadable");
  par_pdf_doc_info_clear (&info);
  g_rmdir (folder);
}

/* A valid PDF whose page has no /Resources (its content needs none) is merged, numbered and
 * drawn like any other (issue 9 #13: it was refused as damaged when page numbers were on). */
static void
test_page_without_resources (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bare = g_build_filename (f->dir, "bare.pdf", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "bare-pack.pdf", NULL);
  g_autoptr(ParPdfWriter) w = NULL;
  ParPdfDocInfo info = { 0 };
  PopplerDocument *doc;
  g_autofree char *text = NULL;
  guint8 r, g, b;

  export_test_write_bare_page_pdf (bare);
  g_assert_true (par_pdf_inspect (bare, NULL, &info));
  g_assert_cmpuint (info.n_pages, ==, 1);

  w = par_pdf_writer_new (dest, &error);
  g_assert_no_error (error);
  par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", NULL);
  g_assert_true (par_pdf_writer_add_document (w, f->text_a, NULL, NULL, NULL, &error));
  g_assert_true (par_pdf_writer_add_document (w, bare, "bare.pdf", &info, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_OK);
  g_assert_null (info.message);
  g_assert_cmpuint (info.first_page, ==, 3);
  g_assert_cmpuint (info.n_pages, ==, 1);
  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);
  assert_qpdf_check (dest);

  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 4);
  text = export_test_page_text (doc, 3);
  g_assert_nonnull (strstr (text, "Trang 4/4"));
  /* its own drawing is there: blue inside the square (200, 842 - 200), white outside */
  export_test_page_pixel (doc, 3, 200, 842 - 200, &r, &g, &b);
  g_assert_cmpuint (r, <, 40);
  g_assert_cmpuint (g, <, 40);
  g_assert_cmpuint (b, >, 200);
  export_test_page_pixel (doc, 3, 400, 842 - 200, &r, &g, &b);
  g_assert_cmpuint (r, >, 240);
  g_assert_cmpuint (b, >, 240);
  g_object_unref (doc);
  par_pdf_doc_info_clear (&info);
}

/* An embedded file keeps its base name only, shown as what it is (issue 9 #6, #7): no folders,
 * Windows ones neither, and no character that reorders or hides the name. */
static void
test_embedded_names (Fixture       *f,
                     gconstpointer  data)
{
  static const struct { const char *given, *want; } names[] = {
    { "../../../etc/cron.d/evil.docx", "evil.docx" },
    { "C:\\Users\\Lan\\Desktop\\báo cáo.xlsx", "báo cáo.xlsx" },
    { "invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "names.pdf", NULL);
  g_autoptr(ParPdfWriter) w = par_pdf_writer_new (dest, &error);
  PopplerDocument *doc;
  GList *attachments;
  guint found = 0;

  g_assert_no_error (error);
  g_assert_true (par_pdf_writer_add_document (w, f->text_a, NULL, NULL, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_true (par_pdf_writer_add_embedded_file (w, f->attachment, names[i].given, NULL,
                                                       "Mô tả\u202Eđảo", NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (par_pdf_writer_finish (w, NULL, &error));
  g_assert_no_error (error);

  doc = export_test_open_pdf (dest);
  attachments = poppler_document_get_attachments (doc);
  g_assert_cmpuint (g_list_length (attachments), ==, G_N_ELEMENTS (names));
  for (GList *l = attachments; l != NULL; l = l->next)
    {
      PopplerAttachment *att = l->data;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        found += g_strcmp0 (poppler_attachment_get_name (att), names[i].want) == 0;
      g_assert_cmpstr (poppler_attachment_get_description (att), ==, "Mô tả[U+202E]đảo");
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (names));
  g_list_free_full (attachments, g_object_unref);
  g_object_unref (doc);
}

/* Only broken documents: the writer says there is nothing to write, and leaves nothing. */
static void
test_nothing_to_write (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autoptr(ParPdfWriter) w = par_pdf_writer_new (dest, &error);
  ParPdfDocInfo info = { 0 };

  g_assert_true (par_pdf_writer_add_document (w, f->missing, NULL, &info, NULL, &error));
  g_assert_cmpint (info.status, ==, PAR_PDF_DOC_MISSING);
  g_assert_false (par_pdf_writer_finish (w, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  par_pdf_doc_info_clear (&info);
  g_clear_error (&error);

  /* a folder that does not exist: an error at once */
  {
    g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "pack.pdf", NULL);

    g_assert_null (par_pdf_writer_new (nowhere, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/pdf-writer/merge-pack", test_merge_pack);
  ADD ("/pdf-writer/merge-plain", test_merge_plain);
  ADD ("/pdf-writer/rotated-page", test_rotated_page);
  ADD ("/pdf-writer/internal-links", test_internal_links);
  ADD ("/pdf-writer/cancel", test_cancel);
  ADD ("/pdf-writer/inspect", test_inspect);
  ADD ("/pdf-writer/nothing-to-write", test_nothing_to_write);
  ADD ("/pdf-writer/page-without-resources", test_page_without_resources);
  ADD ("/pdf-writer/embedded-names", test_embedded_names);
#undef ADD

  return g_test_run ();
}
