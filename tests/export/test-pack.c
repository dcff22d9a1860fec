/* test-pack.c — the evidence pack, built from a fixture database made through the public store
 * API and read back with poppler-glib.
 *
 * The fixture's documents: a 3-page and a 2-page text PDF (one of them backing several
 * sub-criteria), a JPEG photo in landscape and a PNG, a DOCX-like file, a damaged PDF, an
 * encrypted PDF (qpdf), a PDF whose stored copy was deleted, one whose stored copy was
 * replaced by other bytes, one whose stored copy cannot be read, and a document with no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <poppler.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-pack.h"
#include "par-test-util.h"
#include "export-test-util.h"

#define UNIT_NAME   "Sở Khoa học và Công nghệ tỉnh Đồng Tháp"
#define EXPLANATION "Đã hoàn thành đúng hạn, vượt chỉ tiêu được giao"
#define DOCX_BYTES  "PK\003\004 not really a word document, but named like one"

typedef struct {
  char          *dir;
  char          *db_path;
  ParStore      *store;
  gint64         assessment;
  gint64         empty_assessment;
  GHashTable    *sha;        /* file name → SHA-256 of the file as attached */
  guint          attached_pdf_pages;
  char          *unit_name;
} Fixture;

/* --- making the inputs ----------------------------------------------------------------------- */

static void
spawn_ok (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
make_text_pdf (const char *path,
               const char *tag,
               guint       n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.28, 841.89);
  cairo_t *cr = cairo_create (surface);
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("DejaVu Serif 14");

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *text = g_strdup_printf ("Kế hoạch cải cách hành chính\n%s trang %u", tag, i + 1);

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
make_png (const char *path)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 240, 320);
  cairo_t *cr = cairo_create (s);

  cairo_set_source_rgb (cr, 0.2, 0.5, 0.3);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (s, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (s);
}

static char *
sha256_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

static gint64
add_doc (Fixture    *f,
         const char *kind,
         const char *number,
         const char *summary,
         const char *codes,
         const char *section,
         const char *pages)
{
  g_autoptr(GError) error = NULL;
  ParDocument doc = { 0, (char *) kind, (char *) number, "2022-01-14", "Sở Khoa học và Công nghệ",
                      (char *) summary };
  g_auto(GStrv) list = g_strsplit (codes, ",", -1);
  gint64 id = par_store_add_document (f->store, &doc, &error);

  g_assert_no_error (error);
  for (guint i = 0; list[i] != NULL; i++)
    {
      ParEvidenceLink link = { id, f->assessment, list[i], (char *) section, (char *) pages };
      g_assert_true (par_store_link_evidence (f->store, &link, &error));
      g_assert_no_error (error);
    }
  return id;
}

static ParAttachment *
attach (Fixture    *f,
        gint64      doc,
        const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gint64 id = par_store_attach_file (f->store, doc, path, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_hash_table_insert (f->sha, g_strdup (base), sha256_of (path));
  list = par_store_list_attachments (f->store, doc, &error);
  for (guint i = 0; i < list->len; i++)
    {
      ParAttachment *a = g_ptr_array_index (list, i);
      if (a->id == id)
        return g_steal_pointer (&list->pdata[i]);
    }
  g_assert_not_reached ();
}

static void
save_entry (Fixture    *f,
            gint64      assessment,
            const char *code,
            const char *inputs,
            const char *explanation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) e = par_entry_new (code);
  g_auto(GStrv) pairs = g_strsplit (inputs, ";", -1);

  for (guint i = 0; pairs[i] != NULL && *pairs[i] != '\0'; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      par_entry_set_input (e, kv[0], kv[1]);
    }
  e->explanation = g_strdup (explanation);
  g_assert_true (par_store_save_entry (f->store, assessment, e, &error));
  g_assert_no_error (error);
}

/* A register's rows (canonical cells, @n_columns each, NULL-terminated list of rows): 3.3.1
 * reads files_on_time / files_resolved from the procedure statistics, 1.1.1 the plan's tasks. */
static void
set_rows (Fixture           *f,
          gint64             assessment,
          const char        *register_id,
          guint              n_columns,
          const char *const *cells,
          guint              n_rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = par_register_rows_new (register_id, n_columns);

  for (guint r = 0; r < n_rows; r++)
    par_register_rows_append (rows, cells + r * n_columns);
  g_assert_true (par_store_set_register_rows (f->store, assessment, register_id, rows, FALSE, NULL,
                                              &error));
  g_assert_no_error (error);
}

/* procedure_stats: period, received, carried, early, on time, late, pending within / past the
 * deadline, online, by post. */
static void
set_stats (Fixture    *f,
           gint64      assessment,
           const char *received,
           const char *carried,
           const char *on_time,
           const char *late,
           const char *pending)
{
  const char *cells[] = { "h1", received, carried, "0", on_time, late, pending, "0", "", "" };
  set_rows (f, assessment, "procedure_stats", G_N_ELEMENTS (cells), cells, 1);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  g_autofree char *alpha = NULL, *bravo = NULL, *secret = NULL, *secret_plain = NULL;
  g_autofree char *ghost = NULL, *tamper = NULL, *folder = NULL, *evil = NULL, *corrupt = NULL, *docx = NULL;
  g_autofree char *jpeg = NULL, *png = NULL;
  g_autoptr(ParAttachment) ghost_att = NULL;
  g_autoptr(ParAttachment) tamper_att = NULL;
  g_autoptr(ParAttachment) folder_att = NULL;
  gint64 fw_row, unit, older, d;

  f->dir = g_dir_make_tmp ("test-pack-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "parscore.db", NULL);
  f->sha = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->store = par_store_open (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fw_path);
  fw = par_framework_load_file (fw_path, &error);
  g_assert_no_error (error);
  fw_row = par_store_import_framework (f->store, fw, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, UNIT_NAME, PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  f->unit_name = g_strdup (UNIT_NAME);

  /* an earlier year, for the charts */
  older = par_store_create_assessment (f->store, unit, 2021, fw_row, &error);
  g_assert_no_error (error);
  set_stats (f, older, "1000", "0", "900", "100", "0");       /* 900 of 1,000 */
  f->assessment = par_store_create_assessment (f->store, unit, 2022, fw_row, &error);
  g_assert_no_error (error);
  {
    /* The plan's task that issues it: 14/01, by the deadline of 31/01. */
    const char *plan[] = { "Ban hành Kế hoạch cải cách hành chính năm 2022", "Văn phòng",
                           "2022-01-31", "2022-01-14", "true", "Kế hoạch số 01/KH-SKHCN" };
    set_rows (f, f->assessment, "plan_tasks", G_N_ELEMENTS (plan), plan, 1);
  }
  set_stats (f, f->assessment, "4860", "252", "4891", "7", "214");   /* the seeds' H1 2020 */
  save_entry (f, f->assessment, "3.3.1", "", EXPLANATION);
  {
    g_autoptr(ParEntry) e = par_entry_new ("2.1.2");
    e->not_applicable = TRUE;
    g_assert_true (par_store_save_entry (f->store, f->assessment, e, &error));
    g_assert_no_error (error);
  }
  f->empty_assessment = par_store_create_assessment (f->store, unit, 2023, fw_row, &error);
  g_assert_no_error (error);

#define PATH(name) g_build_filename (f->dir, name, NULL)
  alpha = PATH ("KH-01-2022.pdf");
  bravo = PATH ("BC-12-2022.pdf");
  secret_plain = PATH ("plain.pdf");
  secret = PATH ("mat.pdf");
  ghost = PATH ("ghost.pdf");
  tamper = PATH ("tamper.pdf");
  folder = PATH ("thư mục.pdf");
  evil = PATH ("evil.pdf");
  corrupt = PATH ("hong.pdf");
  docx = PATH ("báo cáo số liệu.docx");
  jpeg = PATH ("ảnh hội nghị.jpg");
  png = PATH ("sơ đồ.png");
#undef PATH
  make_text_pdf (alpha, "ALPHADOC", 3);
  make_text_pdf (bravo, "BRAVODOC", 2);
  make_text_pdf (secret_plain, "SECRETDOC", 1);
  make_text_pdf (ghost, "GHOSTDOC", 1);
  make_text_pdf (tamper, "TAMPERDOC", 1);
  make_text_pdf (folder, "FOLDERDOC", 1);
  make_text_pdf (evil, "EVILDOC", 1);
  f->attached_pdf_pages = 3 + 2;
  {
    const char *const qpdf[] = { "qpdf", "--encrypt", "u", "o", "256", "--", secret_plain, secret, NULL };
    const char *const convert[] = { "convert", "-size", "400x240", "gradient:navy-orange", "-quality", "85",
                                    jpeg, NULL };
    spawn_ok (qpdf);
    spawn_ok (convert);
  }
  make_png (png);
  g_assert_true (g_file_set_contents (corrupt, "%PDF-1.4\nthis is not a PDF at all\n", -1, NULL));
  g_assert_true (g_file_set_contents (docx, DOCX_BYTES, -1, NULL));

  /* TL01: backs three sub-criteria, included once */
  d = add_doc (f, "KH", "01/KH-SKHCN", "Kế hoạch cải cách hành chính năm 2022", "1.1.1,1.1.2,3.3.1",
               "Mục II", "2-3");
  par_attachment_free (attach (f, d, alpha));
  /* TL02: two pictures and a Word file */
  d = add_doc (f, "BC", "12/BC-SKHCN", "Báo cáo kết quả hội nghị", "1.1.1", NULL, NULL);
  par_attachment_free (attach (f, d, jpeg));
  par_attachment_free (attach (f, d, png));
  par_attachment_free (attach (f, d, docx));
  /* TL03: a PDF, a damaged PDF and an encrypted one */
  d = add_doc (f, "BC", "15/BC-SKHCN", "Báo cáo thủ tục hành chính", "3.3.1", NULL, "5");
  par_attachment_free (attach (f, d, bravo));
  par_attachment_free (attach (f, d, corrupt));
  par_attachment_free (attach (f, d, secret));
  /* TL04: its stored copy is deleted; TL05: its stored copy replaced */
  d = add_doc (f, "QĐ", "20/QĐ-SKHCN", "Quyết định kiện toàn", "1.3.1", NULL, NULL);
  ghost_att = attach (f, d, ghost);
  d = add_doc (f, "TB", "7/TB-SKHCN", "Thông báo kết luận", "1.3.1", NULL, NULL);
  tamper_att = attach (f, d, tamper);
  folder_att = attach (f, d, folder);
  /* TL06: no file */
  add_doc (f, "CV", "99/CV-SKHCN", "Công văn không có tệp", "2.3.1", NULL, NULL);

  {
    g_autofree char *blob = par_store_attachment_path (f->store, ghost_att);
    g_autofree char *blob2 = par_store_attachment_path (f->store, tamper_att);
    g_autofree char *evil_data = NULL;
    gsize len;

    g_assert_cmpint (g_unlink (blob), ==, 0);
    g_assert_true (g_file_get_contents (evil, &evil_data, &len, NULL));
    g_chmod (blob2, 0644);
    g_assert_true (g_file_set_contents (blob2, evil_data, len, NULL));
  }
  {
    /* a stored copy that cannot be read: a folder in its place (permissions would not stop
     * root, who runs CI) */
    g_autofree char *blob = par_store_attachment_path (f->store, folder_att);

    g_assert_cmpint (g_unlink (blob), ==, 0);
    g_assert_cmpint (g_mkdir (blob, 0755), ==, 0);
  }
}


static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->unit_name);
  g_hash_table_unref (f->sha);
}

/* --- reading the pack back ------------------------------------------------------------------- */



/* The 0-based index of the first page whose text holds @needle, from @from; -1 if none. */
static int
find_page (PopplerDocument *doc,
           const char      *needle,
           int              from)
{
  for (int i = from; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = export_test_page_text (doc, i);
      if (strstr (text, needle) != NULL)
        return i;
    }
  return -1;
}

static char *
strip_spaces (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, *p);
  return g_string_free (s, FALSE);
}

/* The first page from @from whose text, spaces and line breaks left out, holds @needle (given
 * without spaces): a table cell's text wraps wherever its column ends. */
static int
find_page_flat (PopplerDocument *doc,
                const char      *needle,
                int              from)
{
  for (int i = from; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *text = export_test_page_text (doc, i);
      g_autofree char *flat = strip_spaces (text);
      if (strstr (flat, needle) != NULL)
        return i;
    }
  return -1;
}

static const ParPackFile *
report_file (ParPackReport *report,
             const char    *name)
{
  for (guint i = 0; i < report->files->len; i++)
    {
      const ParPackFile *f = g_ptr_array_index (report->files, i);
      if (g_str_equal (f->name, name))
        return f;
    }
  g_error ("no %s in the report", name);
  return NULL;
}

static ParPackReport *
export (Fixture      *f,
        gint64        assessment,
        const char   *dest,
        gboolean      documents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2023, 3, 9, 14, 30, 0);
  ParPackReport *report = NULL;
  ParPackOptions opts;

  par_pack_options_init (&opts);
  opts.export_date = when;
  opts.documents = documents;
  g_assert_true (par_pack_export (f->store, assessment, dest, &opts, NULL, NULL, NULL, &report,
                                  &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  /* to look at the pages: PARSCORE_TEST_PACK_KEEP=/some/folder keeps a copy of each pack */
  if (g_getenv ("PARSCORE_TEST_PACK_KEEP") != NULL)
    {
      g_autofree char *base = g_path_get_basename (dest);
      g_autofree char *copy = g_build_filename (g_getenv ("PARSCORE_TEST_PACK_KEEP"), base, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (dest);
      g_autoptr(GFile) to = g_file_new_for_path (copy);
      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }
  return report;
}

static int
dest_page (PopplerDocument *doc,
           PopplerAction   *action)
{
  PopplerDest *dest;
  int page;

  g_assert_cmpint (action->type, ==, POPPLER_ACTION_GOTO_DEST);
  dest = action->goto_dest.dest;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      PopplerDest *named = poppler_document_find_dest (doc, dest->named_dest);
      g_assert_nonnull (named);
      page = named->page_num;
      poppler_dest_free (named);
    }
  else
    page = dest->page_num;
  return page - 1;
}

/* --- tests ----------------------------------------------------------------------------------- */

static void
test_pack_complete (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "hồ sơ 2022.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->assessment, dest, TRUE);
  PopplerDocument *doc = export_test_open_pdf (dest);
  int n = poppler_document_get_n_pages (doc);
  int manifest;

  /* pages: what Parscore drew + every page of the PDFs that are in */
  g_assert_cmpint (n, ==, (int) report->n_pages);
  g_assert_cmpint (n, ==, (int) (report->n_generated_pages + f->attached_pdf_pages));
  g_assert_cmpuint (report->n_documents, ==, 6);
  g_assert_cmpuint (report->files->len, ==, 10);
  g_assert_cmpuint (report->n_problems, ==, 5);

  /* every file's outcome */
  {
    static const struct { const char *name; ParPackFileStatus status; ParPackFileKind kind; guint pages; } want[] = {
      { "KH-01-2022.pdf", PAR_PACK_FILE_OK, PAR_PACK_FILE_PDF, 3 },
      { "ảnh hội nghị.jpg", PAR_PACK_FILE_OK, PAR_PACK_FILE_IMAGE, 1 },
      { "sơ đồ.png", PAR_PACK_FILE_OK, PAR_PACK_FILE_IMAGE, 1 },
      { "báo cáo số liệu.docx", PAR_PACK_FILE_OK, PAR_PACK_FILE_EMBEDDED, 0 },
      { "BC-12-2022.pdf", PAR_PACK_FILE_OK, PAR_PACK_FILE_PDF, 2 },
      { "hong.pdf", PAR_PACK_FILE_CORRUPT, PAR_PACK_FILE_PDF, 0 },
      { "mat.pdf", PAR_PACK_FILE_ENCRYPTED, PAR_PACK_FILE_PDF, 0 },
      { "ghost.pdf", PAR_PACK_FILE_MISSING, PAR_PACK_FILE_PDF, 0 },
      { "tamper.pdf", PAR_PACK_FILE_HASH_MISMATCH, PAR_PACK_FILE_PDF, 0 },
      { "thư mục.pdf", PAR_PACK_FILE_UNREADABLE, PAR_PACK_FILE_PDF, 0 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        const ParPackFile *pf = report_file (report, want[i].name);

        g_assert_cmpint (pf->status, ==, want[i].status);
        if (want[i].status != PAR_PACK_FILE_MISSING && want[i].status != PAR_PACK_FILE_UNREADABLE)
          g_assert_cmpint (pf->kind, ==, want[i].kind);
        g_assert_cmpuint (pf->n_pages, ==, want[i].pages);
        g_assert_cmpstr (pf->sha256, ==, g_hash_table_lookup (f->sha, want[i].name));
        if (want[i].status == PAR_PACK_FILE_OK)
          {
            g_assert_null (pf->message);
            g_assert_cmpstr (pf->actual_sha256, ==, pf->sha256);
          }
        else
          g_assert_nonnull (pf->message);
      }
  }

  /* each attached document's own text is where the report says, the left-out ones nowhere */
  {
    const ParPackFile *alpha = report_file (report, "KH-01-2022.pdf");
    const ParPackFile *bravo = report_file (report, "BC-12-2022.pdf");

    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *text = export_test_page_text (doc, alpha->first_page + k);
        g_autofree char *want = g_strdup_printf ("ALPHADOC trang %u", k + 1);
        g_assert_nonnull (strstr (text, want));
      }
    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *text = export_test_page_text (doc, bravo->first_page + k);
        g_autofree char *want = g_strdup_printf ("BRAVODOC trang %u", k + 1);
        g_assert_nonnull (strstr (text, want));
      }
    g_assert_cmpint (find_page (doc, "ALPHADOC", 0), ==, (int) alpha->first_page);
    g_assert_cmpint (find_page (doc, "SECRETDOC", 0), ==, -1);
    g_assert_cmpint (find_page (doc, "GHOSTDOC", 0), ==, -1);
    g_assert_cmpint (find_page (doc, "TAMPERDOC", 0), ==, -1);
    g_assert_cmpint (find_page (doc, "EVILDOC", 0), ==, -1);
    g_assert_cmpint (find_page (doc, "FOLDERDOC", 0), ==, -1);
  }

  /* the document that backs three sub-criteria is in once, after its separator page */
  {
    int sep = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 01", 0);
    g_autofree char *text = NULL;

    g_assert_cmpint (sep, >, 0);
    g_assert_cmpint (find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 01", sep + 1), ==, -1);
    g_assert_cmpint (sep + 1, ==, (int) report_file (report, "KH-01-2022.pdf")->first_page);
    text = export_test_page_text (doc, sep);
    g_assert_nonnull (strstr (text, "01/KH-SKHCN"));
    g_assert_nonnull (strstr (text, "1.1.1"));
    g_assert_nonnull (strstr (text, "1.1.2"));
    g_assert_nonnull (strstr (text, "3.3.1"));
  }

  /* the pictures are pages; the Word file travels inside the PDF and is listed */
  {
    const ParPackFile *jpg = report_file (report, "ảnh hội nghị.jpg");
    const ParPackFile *png = report_file (report, "sơ đồ.png");
    PopplerPage *page = poppler_document_get_page (doc, jpg->first_page);
    g_autoptr(GList) images = NULL;
    double w, h;
    int sep = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 02", 0);
    g_autofree char *sep_text = export_test_page_text (doc, sep);
    GList *attachments;
    gboolean found = FALSE;

    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (fabs (w - 841.89), <, 1);   /* a landscape photo on a landscape A4 */
    g_assert_cmpfloat (fabs (h - 595.28), <, 1);
    images = poppler_page_get_image_mapping (page);
    g_assert_cmpuint (g_list_length (images), ==, 1);
    poppler_page_free_image_mapping (g_steal_pointer (&images));
    g_object_unref (page);
    g_assert_cmpuint (png->first_page, ==, jpg->first_page + 1);
    g_assert_cmpint (sep, ==, (int) jpg->first_page - 1);
    g_assert_nonnull (strstr (sep_text, "báo cáo số liệu.docx"));
    g_assert_nonnull (strstr (sep_text, "Đính kèm nguyên tệp"));

    attachments = poppler_document_get_attachments (doc);
    for (GList *l = attachments; l != NULL; l = l->next)
      {
        PopplerAttachment *a = l->data;
        if (g_strcmp0 (a->name, "báo cáo số liệu.docx") == 0)
          {
            g_assert_cmpuint (a->size, ==, strlen (DOCX_BYTES));
            found = TRUE;
          }
      }
    g_list_free_full (attachments, g_object_unref);
    g_assert_true (found);
  }

  /* the manifest: every file with its stored hash, the problems named, on the last page(s) */
  manifest = find_page (doc, "DANH MỤC TỆP ĐÍNH KÈM", 4);
  g_assert_cmpint (manifest, >, (int) report_file (report, "BC-12-2022.pdf")->first_page);
  {
    g_autoptr(GString) all = g_string_new (NULL);
    g_autofree char *flat = NULL;
    GHashTableIter iter;
    gpointer name, sha;

    for (int i = manifest; i < n; i++)
      {
        g_autofree char *t = export_test_page_text (doc, i);
        g_string_append (all, t);
      }
    flat = strip_spaces (all->str);
    g_hash_table_iter_init (&iter, f->sha);
    while (g_hash_table_iter_next (&iter, &name, &sha))
      {
        g_autofree char *flat_name = strip_spaces (name);
        g_assert_nonnull (strstr (flat, sha));          /* as attached = as listed */
        g_assert_nonnull (strstr (flat, flat_name));
        /* each hash on one line, to be read and compared whole (issue 10) */
        if (strstr (all->str, sha) == NULL)
          g_error ("the SHA-256 of %s is broken across lines on the manifest", (char *) name);
      }
    g_assert_nonnull (strstr (flat, "Thiếutệp"));
    g_assert_nonnull (strstr (flat, "Tệphỏng"));
    g_assert_nonnull (strstr (flat, "Tệpbịmãhóa"));
    g_assert_nonnull (strstr (flat, "SaimãSHA-256"));
    g_assert_nonnull (strstr (flat, "Khôngđọcđược"));
  }

  /* Vietnamese text round-trips through the text layer; figures in Vietnamese notation */
  {
    int details = find_page (doc, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", 0);
    int at = find_page (doc, EXPLANATION, details);
    g_autofree char *text = NULL;
    g_autofree char *cover = export_test_page_text (doc, 0);

    g_assert_cmpint (details, >, 0);
    g_assert_cmpint (at, >=, details);
    text = export_test_page_text (doc, at);
    g_assert_nonnull (strstr (text, "4.891"));
    g_assert_nonnull (strstr (text, "4.898"));
    g_assert_cmpint (find_page (doc, "14/01/2022", details), >=, details);
    g_assert_nonnull (strstr (cover, UNIT_NAME));
    g_assert_nonnull (strstr (cover, "THỦ TRƯỞNG ĐƠN VỊ"));
    g_assert_nonnull (strstr (cover, "(Ký, ghi rõ họ tên, đóng dấu)"));
    g_assert_nonnull (strstr (cover, "MẪU"));
    g_assert_nonnull (strstr (cover, "09/03/2023"));
    g_assert_nonnull (strstr (cover, "876/QĐ-BNV"));
  }

  /* a sub-criterion marked not applicable lowers the applicable maximum, and says so */
  {
    int summary = find_page (doc, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", 1);
    g_autofree char *text = export_test_page_text (doc, summary);

    g_assert_nonnull (strstr (text, "K/A"));
    g_assert_nonnull (strstr (text, "Không áp dụng"));
    g_autoptr(GString) all = g_string_new (NULL);
    g_autofree char *flat = NULL;

    for (int i = summary; i < find_page (doc, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", 0); i++)
      {
        g_autofree char *t = export_test_page_text (doc, i);
        g_string_append (all, t);
      }
    flat = strip_spaces (all->str);
    g_assert_nonnull (strstr (flat, "Tốiđaápdụng99,00"));   /* on the total row */
  }

  /* every page is numbered; A4 for all pages Parscore drew in portrait */
  for (int i = 0; i < n; i++)
    {
      g_autofree char *want = g_strdup_printf ("Trang %d/%d", i + 1, n);
      g_autofree char *text = export_test_page_text (doc, i);
      g_assert_nonnull (strstr (text, want));
    }

  /* metadata */
  {
    g_autofree char *title = poppler_document_get_title (doc);
    g_autofree char *author = poppler_document_get_author (doc);
    g_autofree char *subject = poppler_document_get_subject (doc);
    g_autofree char *creator = poppler_document_get_creator (doc);

    g_assert_nonnull (strstr (title, "2022"));
    g_assert_cmpstr (author, ==, UNIT_NAME);
    g_assert_nonnull (strstr (subject, "Chỉ số cải cách hành chính"));
    g_assert_cmpstr (creator, ==, "Parscore");
  }

  /* fonts: all embedded */
  {
    PopplerFontInfo *info = poppler_font_info_new (doc);
    PopplerFontsIter *it = NULL;
    guint fonts = 0;

    while (poppler_font_info_scan (info, 20, &it))
      {
        if (it == NULL)
          continue;
        do
          {
            fonts++;
            g_assert_true (poppler_fonts_iter_is_embedded (it));
          }
        while (poppler_fonts_iter_next (it));
        poppler_fonts_iter_free (it);
        it = NULL;
      }
    g_assert_cmpuint (fonts, >, 0);
    poppler_font_info_free (info);
  }

  g_object_unref (doc);
}

static void
test_pack_outline_and_links (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "pack.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->assessment, dest, TRUE);
  PopplerDocument *doc = export_test_open_pdf (dest);
  int n = poppler_document_get_n_pages (doc);
  int tl01 = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 01", 0);
  int details = find_page (doc, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", 0);
  int summary = find_page (doc, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", 1);
  gboolean field1 = FALSE, sub111 = FALSE, doc_under_sub = FALSE, docs_section = FALSE;
  PopplerIndexIter *iter = poppler_index_iter_new (doc);
  GPtrArray *stack = g_ptr_array_new ();
  guint links_to_tl01 = 0, contents_links = 0;

  /* outline: fields → criteria → sub-criteria → documents, every target a real page */
  g_assert_nonnull (iter);
  g_ptr_array_add (stack, iter);
  while (stack->len > 0)
    {
      PopplerIndexIter *it = g_ptr_array_steal_index (stack, stack->len - 1);

      do
        {
          PopplerAction *action = poppler_index_iter_get_action (it);
          PopplerIndexIter *child;
          const char *title = action->any.title;
          int page = dest_page (doc, action);

          g_assert_cmpint (page, >=, 0);
          g_assert_cmpint (page, <, n);
          if (g_str_has_prefix (title, "Lĩnh vực 1. "))
            field1 = TRUE;
          if (g_str_has_prefix (title, "1.1.1. "))
            {
              PopplerIndexIter *docs = poppler_index_iter_get_child (it);

              sub111 = TRUE;
              g_assert_cmpint (page, >=, details);
              g_assert_nonnull (docs);
              do
                {
                  PopplerAction *a = poppler_index_iter_get_action (docs);
                  if (g_str_has_prefix (a->any.title, "TL01"))
                    {
                      g_assert_cmpint (dest_page (doc, a), ==, tl01);
                      doc_under_sub = TRUE;
                    }
                  poppler_action_free (a);
                }
              while (poppler_index_iter_next (docs));
              poppler_index_iter_free (docs);
            }
          if (g_str_equal (title, "Tài liệu kiểm chứng"))
            docs_section = TRUE;
          child = poppler_index_iter_get_child (it);
          if (child != NULL)
            g_ptr_array_add (stack, child);
          poppler_action_free (action);
        }
      while (poppler_index_iter_next (it));
      poppler_index_iter_free (it);
    }
  g_ptr_array_free (stack, TRUE);
  g_assert_true (field1);
  g_assert_true (sub111);
  g_assert_true (doc_under_sub);
  g_assert_true (docs_section);

  /* links: the contents lead to the summary; the summary and the details lead to TL01 */
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      GList *mapping = poppler_page_get_link_mapping (page);

      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerLinkMapping *m = l->data;
          int to = dest_page (doc, m->action);

          g_assert_cmpint (to, >=, 0);
          g_assert_cmpint (to, <, n);
          if (i == 1 && to == summary)
            contents_links++;
          if (to == tl01 && i < tl01)
            links_to_tl01++;
        }
      poppler_page_free_link_mapping (mapping);
      g_object_unref (page);
    }
  g_assert_cmpuint (contents_links, ==, 1);
  /* TL01 is cited by three sub-criteria: three rows in the summary, three in the details,
   * one line in the contents */
  g_assert_cmpuint (links_to_tl01, >=, 7);

  g_object_unref (doc);
}

static void
test_pack_without_documents (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "short.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->assessment, dest, FALSE);
  PopplerDocument *doc = export_test_open_pdf (dest);

  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_generated_pages);
  g_assert_cmpint (find_page (doc, "ALPHADOC", 0), ==, -1);
  g_assert_cmpint (find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 06", 0), >, 0);
  g_assert_cmpint (find_page (doc, "Thiếu tệp", 0), >, 0);
  {
    GList *attachments = poppler_document_get_attachments (doc);
    g_assert_null (attachments);   /* nothing carried, the Word file neither */
  }
  g_object_unref (doc);
}

/* The charts' own words are in the pack's Vietnamese, not the program's language (the suite runs
 * in English), and a year's pack shows the years up to its own: 2021 and 2022, never 2023. */
static void
test_pack_chart_words (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const english[] = { "No data", "no data", "not appraised", "Not appraised", "N/A" };
  g_autofree char *dest = g_build_filename (f->dir, "charts.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->assessment, dest, FALSE);
  PopplerDocument *doc = export_test_open_pdf (dest);
  int page = find_page (doc, "BIỂU ĐỒ KẾT QUẢ QUA CÁC NĂM", 2);
  g_autofree char *text = NULL;

  g_assert_cmpint (page, >, 0);
  text = export_test_page_text (doc, page);
  g_test_message ("%s", text);
  for (guint i = 0; i < G_N_ELEMENTS (english); i++)
    g_assert_null (strstr (text, english[i]));
  /* fields 4 to 8 have no figure in either year: each says so, in Vietnamese (wrapped) */
  {
    g_autofree char *flat = strip_spaces (text);
    guint n = 0;

    for (const char *at = flat; (at = strstr (at, "Chưacósốliệu")) != NULL; at++)
      n++;
    g_assert_cmpuint (n, >=, 5);
  }
  g_assert_nonnull (strstr (text, "2021–2022"));
  g_assert_null (strstr (text, "2023"));
  /* the titles with the column they show, whole (not ellipsized) */
  g_assert_nonnull (strstr (text, "Chỉ số từng lĩnh vực qua các năm — Sau thẩm định"));
  g_assert_nonnull (strstr (text, "Chỉ số cải cách hành chính qua các năm — Sau thẩm định"));
  g_assert_nonnull (strstr (text, "% điểm tối đa áp dụng"));
  g_object_unref (doc);
}

static void
test_pack_empty_year (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->empty_assessment, dest, TRUE);
  PopplerDocument *doc = export_test_open_pdf (dest);

  g_assert_cmpuint (report->files->len, ==, 0);
  g_assert_cmpuint (report->n_documents, ==, 0);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_pages);
  g_assert_cmpint (find_page (doc, "DANH MỤC TỆP ĐÍNH KÈM", 0), ==, (int) report->n_pages - 1);
  g_assert_cmpint (find_page (doc, "Chưa chấm", 0), >, 0);
  g_object_unref (doc);
}

/* Every message about a file left out names its document and the file as the person knows
 * them: never the stored copy's hash or path, never qpdf's internals (issue 9 #13). */
static void
test_pack_problem_messages (Fixture       *f,
                            gconstpointer  data)
{
  static const struct { const char *name, *message; } want[] = {
    { "ghost.pdf", "Document 20/QĐ-SKHCN: the stored copy of “ghost.pdf” is missing from the "
                   "attachments folder." },
    { "tamper.pdf", "Document 7/TB-SKHCN: the stored copy of “tamper.pdf” is not the file that "
                    "was attached (its size or SHA-256 changed); it was left out." },
    { "thư mục.pdf", "Document 7/TB-SKHCN: the stored copy of “thư mục.pdf” cannot be read: "
                     "Is a directory" },
    { "mat.pdf", "Document 15/BC-SKHCN: “mat.pdf” is an encrypted PDF: Parscore does not decrypt "
                 "documents. Attach an unprotected copy." },
    { "hong.pdf", "Document 15/BC-SKHCN: “hong.pdf” is damaged or is not a PDF (" },
  };
  g_autofree char *dest = g_build_filename (f->dir, "messages.pdf", NULL);
  g_autoptr(ParPackReport) report = export (f, f->assessment, dest, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const ParPackFile *pf = report_file (report, want[i].name);

      g_test_message ("%s: %s", pf->name, pf->message);
      g_assert_nonnull (pf->message);
      g_assert_true (g_str_has_prefix (pf->message, want[i].message));
    }
  for (guint i = 0; i < report->files->len; i++)
    {
      const ParPackFile *pf = g_ptr_array_index (report->files, i);

      if (pf->message == NULL)
        continue;
      g_assert_null (strstr (pf->message, pf->sha256));
      g_assert_null (strstr (pf->message, f->dir));
      g_assert_null (strstr (pf->message, "attachments/"));
      g_assert_null (strstr (pf->message, "handle"));
      if (pf->actual_sha256 != NULL)
        g_assert_null (strstr (pf->message, pf->actual_sha256));
    }
}

static void
set_original_name (Fixture    *f,
                   gint64      attachment_id,
                   const char *name)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* as a database written elsewhere (an imported package, an older version) could hold it */
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE attachments SET original_name = ?1 WHERE id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, attachment_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
pack_text (PopplerDocument *doc)
{
  GString *all = g_string_new (NULL);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *t = export_test_page_text (doc, i);
      g_string_append (all, t);
    }
  return g_string_free (all, FALSE);
}

/* File names and document numbers that would show reordered or hidden (a right-to-left
 * override, a zero-width space) are written out; a name with folders, Linux or Windows, is
 * its base name: on the separator page, the manifest, the outline and the embedded files
 * (issue 9 #6, #7). */
static void
test_pack_hostile_names (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *spoof = g_build_filename (f->dir, "invoice\u202Efdp.exe", NULL);
  g_autofree char *windows = g_build_filename (f->dir, "C:\\Users\\Lan\\Desktop\\báo cáo.xlsx", NULL);
  g_autofree char *hidden = g_build_filename (f->dir, "KH\u200B-07.pdf", NULL);
  g_autofree char *climber = g_build_filename (f->dir, "climber.docx", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "names.pdf", NULL);
  g_autoptr(ParAttachment) climber_att = NULL;
  g_autoptr(ParPackReport) report = NULL;
  PopplerDocument *doc;
  g_autofree char *all = NULL;
  g_autofree char *flat = NULL;
  GList *attachments;
  gint64 d;
  int sep;

  g_assert_true (g_file_set_contents (spoof, "MZ not really a program", -1, NULL));
  g_assert_true (g_file_set_contents (windows, "PK\003\004 a spreadsheet", -1, NULL));
  g_assert_true (g_file_set_contents (climber, "PK\003\004 climbs out of the folder", -1, NULL));
  make_text_pdf (hidden, "HIDDENDOC", 1);
  d = add_doc (f, "KH", "08/KH\u202E-SKHCN", "Tên tệp đáng ngờ", "1.2.1", NULL, NULL);
  par_attachment_free (attach (f, d, spoof));
  par_attachment_free (attach (f, d, windows));
  par_attachment_free (attach (f, d, hidden));
  climber_att = attach (f, d, climber);
  set_original_name (f, climber_att->id, "../../../etc/cron.d/evil.docx");

  report = export (f, f->assessment, dest, TRUE);
  report_file (report, "invoice[U+202E]fdp.exe");
  report_file (report, "báo cáo.xlsx");
  g_assert_cmpuint (report_file (report, "KH[U+200B]-07.pdf")->n_pages, ==, 1);
  g_assert_cmpint (report_file (report, "evil.docx")->status, ==, PAR_PACK_FILE_OK);
  for (guint i = 0; i < report->files->len; i++)
    {
      const ParPackFile *pf = g_ptr_array_index (report->files, i);
      g_assert_false (par_text_find_unsafe (pf->name, -1, PAR_TEXT_SINGLE_LINE, NULL));
      g_assert_null (strchr (pf->name, '/'));
      g_assert_null (strchr (pf->name, '\\'));
    }

  doc = export_test_open_pdf (dest);
  all = pack_text (doc);
  flat = strip_spaces (all);
  /* shown as what they are, on the separator page and the manifest */
  /* its separator page: after the contents, the one that names it */
  for (sep = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ", 0); sep >= 0;
       sep = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ", sep + 1))
    {
      g_autofree char *t = export_test_page_text (doc, sep);
      if (strstr (t, "08/KH[U+202E]-SKHCN") != NULL)
        break;
    }
  g_assert_cmpint (sep, >, 0);
  {
    g_autofree char *sep_text = export_test_page_text (doc, sep);
    g_autofree char *sep_flat = strip_spaces (sep_text);

    g_assert_nonnull (strstr (sep_flat, "invoice[U+202E]fdp.exe"));
    g_assert_nonnull (strstr (sep_flat, "báocáo.xlsx"));
    g_assert_nonnull (strstr (sep_flat, "evil.docx"));
    g_assert_nonnull (strstr (sep_flat, "KH[U+200B]-07.pdf"));
  }
  g_assert_cmpint (find_page (doc, "HIDDENDOC", 0), >, sep);
  g_assert_null (strstr (all, "\u202E"));
  g_assert_null (strstr (all, "\u200B"));
  g_assert_null (strstr (flat, "C:\\"));
  g_assert_null (strstr (flat, "../"));
  g_assert_null (strstr (flat, "cron.d"));

  /* the embedded files: base names, written out */
  attachments = poppler_document_get_attachments (doc);
  {
    const char *want[] = { "invoice[U+202E]fdp.exe", "báo cáo.xlsx", "evil.docx" };
    guint found = 0;

    for (GList *l = attachments; l != NULL; l = l->next)
      {
        const char *name = poppler_attachment_get_name (l->data);

        g_assert_false (par_text_find_unsafe (name, -1, PAR_TEXT_SINGLE_LINE, NULL));
        g_assert_null (strchr (name, '/'));
        g_assert_null (strchr (name, '\\'));
        for (guint i = 0; i < G_N_ELEMENTS (want); i++)
          found += g_str_equal (name, want[i]);
      }
    g_assert_cmpuint (found, ==, G_N_ELEMENTS (want));
  }
  g_list_free_full (attachments, g_object_unref);

  /* the outline names the PDF as shown */
  {
    PopplerIndexIter *iter = poppler_index_iter_new (doc);
    GPtrArray *stack = g_ptr_array_new ();
    gboolean found = FALSE;

    g_ptr_array_add (stack, iter);
    while (stack->len > 0)
      {
        PopplerIndexIter *it = g_ptr_array_steal_index (stack, stack->len - 1);

        do
          {
            PopplerAction *action = poppler_index_iter_get_action (it);
            PopplerIndexIter *child = poppler_index_iter_get_child (it);

            g_assert_false (par_text_find_unsafe (action->any.title, -1, PAR_TEXT_SINGLE_LINE, NULL));
            found |= g_str_equal (action->any.title, "KH[U+200B]-07.pdf");
            if (child != NULL)
              g_ptr_array_add (stack, child);
            poppler_action_free (action);
          }
        while (poppler_index_iter_next (it));
        poppler_index_iter_free (it);
      }
    g_ptr_array_free (stack, TRUE);
    g_assert_true (found);
  }
  g_object_unref (doc);
}

/* A valid PDF whose page has no /Resources goes in, numbered, with its own drawing (issue 9
 * #13: it was left out as "damaged", with a message about "C API object handle 0"). */
static void
test_pack_page_without_resources (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *bare = g_build_filename (f->dir, "KH-09-bare.pdf", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "bare.pdf", NULL);
  g_autoptr(ParPackReport) report = NULL;
  const ParPackFile *pf;
  PopplerDocument *doc;
  g_autofree char *text = NULL;
  g_autofree char *want = NULL;
  guint8 r, g, b;
  gint64 d;

  export_test_write_bare_page_pdf (bare);
  d = add_doc (f, "KH", "09/KH-SKHCN", "Kế hoạch một trang", "1.2.2", NULL, NULL);
  par_attachment_free (attach (f, d, bare));
  report = export (f, f->assessment, dest, TRUE);
  pf = report_file (report, "KH-09-bare.pdf");
  g_assert_null (pf->message);
  g_assert_cmpint (pf->status, ==, PAR_PACK_FILE_OK);
  g_assert_cmpuint (pf->n_pages, ==, 1);

  doc = export_test_open_pdf (dest);
  text = export_test_page_text (doc, pf->first_page);
  want = g_strdup_printf ("Trang %u/%u", pf->first_page + 1, report->n_pages);
  g_assert_nonnull (strstr (text, want));
  export_test_page_pixel (doc, pf->first_page, 200, 842 - 200, &r, &g, &b);
  g_assert_cmpuint (b, >, 200);
  g_assert_cmpuint (r, <, 40);
  g_object_unref (doc);
}

/* The office's books (issue 13): a section per register after the sub-criterion pages, in the
 * contents and the outline — every row (dates dd/mm/yyyy, Vietnamese numbers), a long register
 * flowing across pages under its repeated header, a register without rows said so in one line,
 * then the figures each gives with where they came from and the sub-criteria they feed with their
 * points; each sub-criterion that reads a register names it. */
static void
test_pack_books (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "books.pdf", NULL);
  g_autoptr(GPtrArray) plan = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParPackReport) report = NULL;
  PopplerDocument *doc;
  int books, details, first, last, page;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *last_text = NULL;
  guint empty = 0;

  /* 60 plan tasks, with long names that wrap; the first issues the plan (on time). */
  for (guint i = 0; i < 60; i++)
    {
      g_ptr_array_add (plan, i == 0 ? g_strdup ("Ban hành Kế hoạch cải cách hành chính năm 2022")
                                    : g_strdup_printf ("Nhiệm vụ số %u: rà soát, đánh giá và công khai "
                                                       "thủ tục hành chính thuộc thẩm quyền giải quyết", i + 1));
      g_ptr_array_add (plan, g_strdup (i % 2 ? "Phòng Quản lý doanh nghiệp" : "Văn phòng"));
      g_ptr_array_add (plan, g_strdup (i == 0 ? "2022-01-31" : "2022-11-30"));
      g_ptr_array_add (plan, g_strdup (i == 0 ? "2022-01-14" : i < 45 ? "2022-11-25" : ""));
      g_ptr_array_add (plan, g_strdup (i == 0 ? "true" : "false"));
      g_ptr_array_add (plan, g_strdup (i == 0 ? "Kế hoạch số 01/KH-SKHCN" : ""));
    }
  set_rows (f, f->assessment, "plan_tasks", 6, (const char *const *) plan->pdata, 60);
  report = export (f, f->assessment, dest, FALSE);
  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_pages);

  details = find_page (doc, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", 2);
  books = find_page (doc, "SỔ THEO DÕI", details + 1);
  g_assert_cmpint (details, >, 0);
  g_assert_cmpint (books, >, details);
  g_assert_cmpint (find_page (doc, "DANH MỤC TỆP ĐÍNH KÈM", 0), >, books);
  /* in the contents, with each register */
  page = find_page (doc, "Sổ 1. Kế hoạch CCHC", 1);
  g_assert_cmpint (page, >, 0);
  g_assert_cmpint (page, <, details);
  text = export_test_page_text (doc, page);
  g_assert_nonnull (strstr (text, "Sổ theo dõi"));
  g_assert_nonnull (strstr (text, "Sổ 1. Kế hoạch CCHC"));
  g_assert_nonnull (strstr (text, "Sổ 4. Phiếu khảo sát sự hài lòng"));
  g_clear_pointer (&text, g_free);

  /* the plan: its heading with the row count, the columns' labels, the first row's cells */
  first = find_page (doc, "SỔ 1. Kế hoạch CCHC", books);
  g_assert_cmpint (first, ==, books);
  text = export_test_page_text (doc, first);
  g_assert_nonnull (strstr (text, "(60 dòng)"));
  flat = strip_spaces (text);
  g_assert_nonnull (strstr (flat, "Đơnvịchủtrì"));
  g_assert_nonnull (strstr (flat, "Ngàyhoànthành"));
  g_assert_nonnull (strstr (flat, "BanhànhKếhoạchcảicáchhànhchínhnăm2022"));
  g_clear_pointer (&flat, g_free);
  g_assert_nonnull (strstr (text, "14/01/2022"));
  g_assert_nonnull (strstr (text, "31/01/2022"));
  g_assert_null (strstr (text, "2022-01-14"));
  /* the 60th task is on a later page, under the header again, its long name whole */
  last = find_page (doc, "Nhiệm vụ số 60", first);
  g_assert_cmpint (last, >, first);
  last_text = export_test_page_text (doc, last);
  flat = strip_spaces (last_text);
  g_assert_nonnull (strstr (flat, "Đơnvịchủtrì"));
  g_assert_nonnull (strstr (flat, "Ngàyhoànthành"));
  g_assert_nonnull (strstr (flat, "Nhiệmvụsố60:ràsoát,đánhgiávàcôngkhaithủtụchànhchínhthuộcthẩmquyềngiảiquyết"));
  g_clear_pointer (&flat, g_free);
  /* its figures: 45 of 60 done (75 %) → 1.1.3 0,50; the plan issued on time → 1.1.1 1,00 */
  page = find_page_flat (doc, "45fromtheregister“KếhoạchCCHC”:Ngàyhoànthànhentered:45of60rows=451.1.3:0,50/1,50điểm", last);
  g_assert_cmpint (page, >=, last);
  g_assert_cmpint (find_page_flat (doc, "1.1.1:1,00/1,00điểm", page), ==, page);
  g_clear_pointer (&text, g_free);

  /* the procedure statistics: the seed's row in Vietnamese numbers, 4.891 of 4.898 → 3.3.1 2,00 */
  page = find_page (doc, "SỔ 3. Thống kê giải quyết TTHC theo kỳ", books);
  g_assert_cmpint (page, >, first);
  g_assert_cmpint (find_page_flat (doc, "6thángđầunăm", page), ==, page);
  g_assert_cmpint (find_page_flat (doc, "4.860", page), ==, page);
  g_assert_cmpint (find_page_flat (doc, "4.891fromtheregister“ThốngkêgiảiquyếtTTHCtheokỳ”:sum(Giảiquyếttrướchạn+Giảiquyếtđúnghạn)4.891over1row=4.8913.3.1:2,00/2,00điểm", page), ==, page);

  /* the two registers without rows say so, in one line each */
  for (int i = books; i < poppler_document_get_n_pages (doc); i++)
    {
      g_autofree char *t = export_test_page_text (doc, i);
      for (const char *at = t; (at = strstr (at, "Sổ chưa có dòng nào")) != NULL; at++)
        empty++;
    }
  g_assert_cmpuint (empty, ==, 2);

  /* the sub-criterion's page names the register it reads, with its page */
  page = find_page (doc, "3.3.1. Tỷ lệ hồ sơ TTHC được giải quyết đúng hạn", details);
  g_assert_cmpint (page, >, 0);
  text = export_test_page_text (doc, page);
  flat = strip_spaces (text);
  {
    int stats = find_page (doc, "SỔ 3. Thống kê giải quyết TTHC theo kỳ", books);
    g_autofree char *want = g_strdup_printf ("LấytừsổThốngkêgiảiquyếtTTHCtheokỳ(tr.%d)", stats + 1);
    g_assert_nonnull (strstr (flat, want));
  }

  /* in the outline */
  {
    PopplerIndexIter *iter = poppler_index_iter_new (doc);
    gboolean found = FALSE;

    g_assert_nonnull (iter);
    do
      {
        PopplerAction *action = poppler_index_iter_get_action (iter);
        if (action->type == POPPLER_ACTION_GOTO_DEST && g_strcmp0 (action->any.title, "Sổ theo dõi") == 0)
          {
            found = TRUE;
            g_assert_cmpint (dest_page (doc, action), ==, books);
          }
        poppler_action_free (action);
      }
    while (poppler_index_iter_next (iter));
    poppler_index_iter_free (iter);
    g_assert_true (found);
  }
  g_object_unref (doc);
}

/* How many links on page @index go to page @target with @text (spaces left out) under them. */
static int
links_to (PopplerDocument *doc,
          int              index,
          int              target,
          const char      *text)
{
  PopplerPage *page = poppler_document_get_page (doc, index);
  GList *mapping = poppler_page_get_link_mapping (page);
  int links = 0;

  for (GList *l = mapping; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;

      if (m->action->type == POPPLER_ACTION_GOTO_DEST && dest_page (doc, m->action) == target)
        {
          double w, h;
          PopplerRectangle area;
          g_autofree char *under = NULL;
          g_autofree char *under_flat = NULL;

          /* the mapping's area is in PDF space (origin below), text areas from the top */
          poppler_page_get_size (page, &w, &h);
          area = (PopplerRectangle) { m->area.x1, h - m->area.y2, m->area.x2, h - m->area.y1 };
          under = poppler_page_get_text_for_area (page, &area);
          under_flat = strip_spaces (under);
          g_assert_nonnull (strstr (under_flat, text));
          links++;
        }
    }
  poppler_page_free_link_mapping (mapping);
  g_object_unref (page);
  return links;
}

/* A register row's evidence document (schema 9): the register's table gains a "Văn bản" column
 * with the document's number/symbol and the page where it starts, linked there; a document only a
 * row links is still in the pack, and its separator page names the register and the row. */
static void
test_pack_books_links (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "books-links.pdf", NULL);
  g_autoptr(ParPackReport) report = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *want = NULL;
  const char *plan[] = {
    "Ban hành Kế hoạch cải cách hành chính năm 2022", "Văn phòng", "2022-01-31", "2022-01-14", "true", NULL,
    "Kiểm tra công tác CCHC đợt 1", "Thanh tra", "2022-06-30", "2022-06-20", "false", NULL,
    "Rà soát thủ tục hành chính", "Văn phòng", "2022-09-30", NULL, "false", NULL,
  };
  ParDocument kh = { 0, (char *) "KH", (char *) "01/KH-SKHCN", (char *) "2022-01-14",
                     (char *) "Sở Khoa học và Công nghệ", (char *) "Kế hoạch CCHC năm 2022" };
  PopplerDocument *doc;
  int books, doc_page, links = 0;
  gint64 kh_id;

  set_rows (f, f->assessment, "plan_tasks", 6, plan, 3);
  kh_id = par_store_add_document (f->store, &kh, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (f->store, f->assessment, "plan_tasks", &error);
  g_assert_no_error (error);
  par_register_rows_set_document (rows, 0, kh_id);
  g_assert_true (par_store_set_register_rows (f->store, f->assessment, "plan_tasks", rows, FALSE, NULL,
                                              &error));
  g_assert_no_error (error);

  report = export (f, f->assessment, dest, FALSE);
  /* after the six the fixture's sub-criteria cite */
  g_assert_cmpuint (report->n_documents, ==, 7);
  doc = export_test_open_pdf (dest);

  /* the document only a row links is in the pack, its page naming the register and the row */
  doc_page = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 07", 2);
  g_assert_cmpint (doc_page, >, 0);
  text = export_test_page_text (doc, doc_page);
  flat = strip_spaces (text);
  g_assert_nonnull (strstr (flat, "01/KH-SKHCN"));
  g_assert_nonnull (strstr (flat, "Sổ1"));
  g_assert_nonnull (strstr (flat, "KếhoạchCCHC,dòng1:BanhànhKếhoạchcảicáchhànhchínhnăm2022"));
  g_clear_pointer (&flat, g_free);
  g_clear_pointer (&text, g_free);

  /* the plan's table: the column, the number and the page it starts on */
  books = find_page (doc, "SỔ 1. Kế hoạch CCHC", 2);
  g_assert_cmpint (books, >, 0);
  g_assert_cmpint (books, <, doc_page);
  text = export_test_page_text (doc, books);
  flat = strip_spaces (text);
  g_assert_nonnull (strstr (text, "Văn bản"));
  want = g_strdup_printf ("01/KH-SKHCNtr.%d", doc_page + 1);
  g_assert_nonnull (strstr (flat, want));

  /* the number is a link to that page */
  links = links_to (doc, books, doc_page, "01/KH-SKHCN");
  g_assert_cmpint (links, ==, 1);
  g_object_unref (doc);
}

/* Fails naming the page's text when @flat (spaces left out) does not hold @want. */
static void
assert_flat_has (const char *flat,
                 const char *want)
{
  if (strstr (flat, want) == NULL)
    g_error ("“%s” is not in: %s", want, flat);
}

/* The register table's cells read as the core reads them (par_register_cell_display_words (), the
 * one place that decides how a cell reads), the yes/no words in the pack's Vietnamese: dates
 * dd/mm/yyyy, "Có" / "Không", an option's label — never "Yes" or an option's value (grouped
 * numbers: /pack/books). */
static void
test_pack_books_cells (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "books-cells.pdf", NULL);
  g_autoptr(ParPackReport) report = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autoptr(ParAssessment) assessment = NULL;
  const char *plan[] = {
    "T1", "VP", "2022-01-31", "2022-01-14", "true", "KQ1",
    "T2", "TT", "2022-06-30", "2022-06-20", "false", "KQ2",
  };
  const char *forms[] = { "P1", "2022-07-15", "very", "partly", "no" };
  const ParRegister *reg;
  PopplerDocument *doc;
  int page;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  set_rows (f, f->assessment, "plan_tasks", 6, plan, 2);
  set_rows (f, f->assessment, "survey_forms", G_N_ELEMENTS (forms), forms, 1);
  assessment = par_store_get_assessment (f->store, f->assessment, &error);
  g_assert_no_error (error);
  fw = par_store_load_framework (f->store, assessment->framework_row, &error);
  g_assert_no_error (error);
  report = export (f, f->assessment, dest, FALSE);
  doc = export_test_open_pdf (dest);

  /* the plan: each row's cells, one line each, as the core reads them */
  reg = par_framework_lookup_register (fw, "plan_tasks");
  page = find_page (doc, "SỔ 1. Kế hoạch CCHC", 2);
  g_assert_cmpint (page, >, 0);
  text = export_test_page_text (doc, page);
  flat = strip_spaces (text);
  for (guint r = 0; r < 2; r++)
    {
      g_autoptr(GString) want = g_string_new (NULL);

      g_string_append_printf (want, "%u", r + 1);
      for (guint c = 0; c < reg->columns->len; c++)
        {
          g_autofree char *cell = par_register_cell_display_words (reg->columns->pdata[c], plan[r * 6 + c],
                                                                   ',', "Có", "Không");
          g_string_append (want, cell);
        }
      if (strstr (flat, want->str) == NULL)
        g_error ("the plan's row %u “%s” is not on page %d: %s", r + 1, want->str, page + 1, flat);
    }
  assert_flat_has (flat, "VP31/01/202214/01/2022CóKQ1");
  assert_flat_has (flat, "TT30/06/202220/06/2022KhôngKQ2");
  g_assert_null (strstr (flat, "Yes"));
  g_clear_pointer (&flat, g_free);
  g_clear_pointer (&text, g_free);

  /* the survey: options by their labels, not their values */
  page = find_page (doc, "SỔ 4. Phiếu khảo sát sự hài lòng", page);
  g_assert_cmpint (page, >, 0);
  text = export_test_page_text (doc, page);
  flat = strip_spaces (text);
  /* (the long headers wrap, so poppler reads the row between their lines) */
  assert_flat_has (flat, "1P1");
  assert_flat_has (flat, "15/07/2022");
  assert_flat_has (flat, "Rấthàilòng");
  assert_flat_has (flat, "Chưahàilòng");
  assert_flat_has (flat, "Khônghàilòng");
  g_assert_null (strstr (flat, "partly"));
  g_object_unref (doc);
}

/* A set whose one register "wide" has @n_columns columns (a text "Việc", then integers "K2"…),
 * and a unit's assessment of 2024 with it. */
static gint64
wide_assessment (Fixture *f,
                 guint    n_columns)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_path = g_build_filename (f->dir, "wide-set.xml", NULL);
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(ParFramework) fw = NULL;
  gint64 fw_row, unit, id;

  g_string_append_printf (xml,
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:2\" xml:lang=\"vi\" id=\"test-wide\" max=\"1\">\n"
    "  <title>Bộ chỉ số thử nghiệm sổ rộng</title>\n"
    "  <decision number=\"02/QĐ-TEST\" issuer=\"Test\">Bộ chỉ số thử nghiệm</decision>\n"
    "  <years from=\"2019\" to=\"2030\"/>\n"
    "  <level>department</level>\n"
    "  <bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n"
    "  <registers>\n"
    "    <register id=\"wide\" label=\"%s\">\n"
    "      <column id=\"task\" type=\"text\" required=\"true\" label=\"Việc\"/>\n",
    n_columns == 20 ? "Sổ hai mươi cột" : "Sổ nhiều cột");
  for (guint c = 2; c <= n_columns; c++)
    g_string_append_printf (xml, "      <column id=\"k%u\" type=\"integer\" label=\"K%u\"/>\n", c, c);
  g_string_append (xml,
    "    </register>\n"
    "  </registers>\n"
    "  <field code=\"1\" max=\"1\"><title>Lĩnh vực</title>\n"
    "    <criterion code=\"1.1\" max=\"1\"><title>Tiêu chí</title>\n"
    "      <sub code=\"1.1.1\" max=\"1\"><title>Tiêu chí thành phần</title><rule type=\"manual\"/></sub>\n"
    "    </criterion>\n"
    "  </field>\n"
    "</criteria-set>\n");
  g_assert_true (g_file_set_contents (xml_path, xml->str, -1, &error));
  fw = par_framework_load_file (xml_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_framework_lookup_register (fw, "wide")->columns->len, ==, n_columns);
  fw_row = par_store_import_framework (f->store, fw, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, "Ban thử nghiệm", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  id = par_store_create_assessment (f->store, unit, 2024, fw_row, &error);
  g_assert_no_error (error);
  return id;
}

/* A register of 20 columns (a register may have up to PAR_REGISTER_MAX_COLUMNS): its table lays
 * out every column, its document column included, and the document's number still links to the
 * document's page (the table's cells were fixed arrays of 16: 22 cells aborted, and the link was
 * left out above 16). Too wide for a portrait page, it goes on a landscape one, numbered in turn,
 * where a long number stays on one line (on a portrait page its column was 22 pt wide and
 * "1.234.567.890" wrapped in the middle). */
static void
test_pack_books_wide (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "wide.pdf", NULL);
  g_autoptr(ParPackReport) report = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *want = NULL;
  ParDocument bc = { 0, (char *) "BC", (char *) "77/BC", (char *) "2024-03-01",
                     (char *) "Sở Khoa học và Công nghệ", (char *) "Báo cáo số liệu" };
  PopplerDocument *doc;
  int books, doc_page;
  gint64 id, bc_id;

  id = wide_assessment (f, 20);
  {
    const char *cells[20 * 2];

    for (guint r = 0; r < 2; r++)
      {
        cells[r * 20] = r == 0 ? "V1" : "V2";
        for (guint c = 1; c < 20; c++)
          cells[r * 20 + c] = r == 0 ? "7" : "8";
      }
    cells[19] = "123";   /* the last column of the first row */
    cells[20 + 10] = "1234567890";
    set_rows (f, id, "wide", 20, cells, 2);
  }
  bc_id = par_store_add_document (f->store, &bc, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (f->store, id, "wide", &error);
  g_assert_no_error (error);
  par_register_rows_set_document (rows, 0, bc_id);
  g_assert_true (par_store_set_register_rows (f->store, id, "wide", rows, FALSE, NULL, &error));
  g_assert_no_error (error);

  report = export (f, id, dest, FALSE);
  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_pages);
  books = find_page (doc, "SỔ 1. Sổ hai mươi cột", 2);
  g_assert_cmpint (books, >, 0);
  doc_page = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 01", books + 1);
  g_assert_cmpint (doc_page, >, books);
  text = export_test_page_text (doc, books);
  flat = strip_spaces (text);
  /* every column's header, the first and the last, then the document's */
  g_assert_nonnull (strstr (flat, "Việc"));
  g_assert_nonnull (strstr (flat, "K2"));
  g_assert_nonnull (strstr (flat, "K20"));
  g_assert_nonnull (strstr (text, "Văn bản"));
  /* the first row: its 20 cells, then the document and the page it starts on (poppler reads the
   * last cells of the row apart from the others on a landscape page) */
  assert_flat_has (flat, "1V1777777777777777777");
  assert_flat_has (flat, "12377/BC");
  want = g_strdup_printf ("tr.%d", doc_page + 1);
  assert_flat_has (flat, want);
  assert_flat_has (flat, "2V2888888888" "1.234.567.890" "88888888");
  g_assert_cmpint (links_to (doc, books, doc_page, "77/BC"), ==, 1);

  /* the register's page is landscape, the pack's first page still portrait */
  {
    PopplerPage *page = poppler_document_get_page (doc, books);
    double w, h;
    g_autofree char *number = g_strdup_printf ("Trang %d/%d", books + 1,
                                               poppler_document_get_n_pages (doc));

    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (w, >, h);
    g_assert_cmpfloat_with_epsilon (w, 841.89, 0.5);
    g_object_unref (page);
    page = poppler_document_get_page (doc, 0);
    poppler_page_get_size (page, &w, &h);
    g_assert_cmpfloat (w, <, h);
    g_object_unref (page);
    /* numbered in turn, the number in the page's corner */
    g_assert_nonnull (strstr (text, number));
  }
  /* the long number's cell reads back whole, on one line: not "1.234.567.\n890" */
  if (strstr (text, "1.234.567.890") == NULL)
    g_error ("the number is not on one line: %s", text);
  g_object_unref (doc);
}

/* A register too wide even for a landscape page (40 columns of seven-digit numbers) is drawn in
 * parts of as many columns as fit, each under the row numbers: every number whole, on landscape
 * pages, the parts named; a row's document in the last part, linked to its page. */
static void
test_pack_books_parts (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "parts.pdf", NULL);
  g_autoptr(ParPackReport) report = NULL;
  const guint n_columns = 40, n_rows = 3;
  g_autofree const char **cells = g_new0 (const char *, n_columns * n_rows);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  ParDocument bc = { 0, (char *) "BC", (char *) "88/BC", (char *) "2024-03-01",
                     (char *) "Sở Khoa học và Công nghệ", (char *) "Báo cáo số liệu" };
  PopplerDocument *doc;
  int first, last, doc_page;
  guint numbers = 0;
  gint64 id, bc_id;

  id = wide_assessment (f, n_columns);
  for (guint r = 0; r < n_rows; r++)
    {
      cells[r * n_columns] = "Việc";
      for (guint c = 1; c < n_columns; c++)
        cells[r * n_columns + c] = "1234567";
    }
  set_rows (f, id, "wide", n_columns, cells, n_rows);
  /* the second row links a report: its column comes with the last part */
  bc_id = par_store_add_document (f->store, &bc, &error);
  g_assert_no_error (error);
  rows = par_store_get_register_rows (f->store, id, "wide", &error);
  g_assert_no_error (error);
  par_register_rows_set_document (rows, 1, bc_id);
  g_assert_true (par_store_set_register_rows (f->store, id, "wide", rows, FALSE, NULL, &error));
  g_assert_no_error (error);
  report = export (f, id, dest, FALSE);
  doc = export_test_open_pdf (dest);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_pages);
  first = find_page (doc, "SỔ 1. Sổ nhiều cột", 2);
  g_assert_cmpint (first, >, 0);
  g_assert_cmpint (find_page (doc, "Phần 1/3 của bảng: cột 1–14 trên 40", first), ==, first);
  last = find_page (doc, "Phần 3/3 của bảng: cột 29–40 trên 40", first);
  g_assert_cmpint (last, >=, first);
  for (int i = first; i <= last; i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *text = export_test_page_text (doc, i);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (w, >, h);
      g_object_unref (page);
      for (const char *at = text; (at = strstr (at, "1.234.567")) != NULL; at++)
        numbers++;
    }
  /* each number whole, on one line: none is split "1.234.\n567" */
  g_assert_cmpuint (numbers, ==, (n_columns - 1) * n_rows);
  /* the document's number, with the last part, links to its page */
  doc_page = find_page (doc, "TÀI LIỆU KIỂM CHỨNG SỐ 01", last + 1);
  g_assert_cmpint (doc_page, >, last);
  g_assert_cmpint (links_to (doc, last, doc_page, "88/BC"), ==, 1);
  g_object_unref (doc);
}

/* A province's own set (not a sample): no "MẪU" anywhere, its decision on the cover. */
static void
test_pack_official_set (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = par_data_find ("frameworks/camau-2013-field1.xml");
  g_autofree char *dest = g_build_filename (f->dir, "camau.pdf", NULL);
  g_autoptr(ParFramework) fw = par_framework_load_file (path, &error);
  g_autoptr(ParPackReport) report = NULL;
  gint64 row, unit, id;
  PopplerDocument *doc;
  g_autofree char *cover = NULL;

  g_assert_no_error (error);
  row = par_store_import_framework (f->store, fw, &error);
  g_assert_no_error (error);
  unit = par_store_add_unit (f->store, "Sở Tư pháp tỉnh Cà Mau", PAR_LEVEL_DEPARTMENT, &error);
  g_assert_no_error (error);
  id = par_store_create_assessment (f->store, unit, 2013, row, &error);
  g_assert_no_error (error);
  report = export (f, id, dest, TRUE);
  doc = export_test_open_pdf (dest);
  cover = export_test_page_text (doc, 0);
  g_assert_nonnull (strstr (cover, "1880/QĐ-UBND"));
  g_assert_nonnull (strstr (cover, "Sở Tư pháp tỉnh Cà Mau"));
  g_assert_cmpint (find_page (doc, "MẪU", 0), ==, -1);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, (int) report->n_pages);
  g_object_unref (doc);
}

typedef struct {
  GCancellable *cancellable;
  ParPackStage  cancel_at;
  guint         calls;
  double        last_fraction;
  gboolean      backwards;
} CancelData;

static void
cancel_progress (const ParPackProgress *pr,
                 gpointer               data)
{
  CancelData *cd = data;

  cd->calls++;
  if (pr->fraction < cd->last_fraction)
    cd->backwards = TRUE;
  cd->last_fraction = pr->fraction;
  g_assert_cmpfloat (pr->fraction, >=, 0);
  g_assert_cmpfloat (pr->fraction, <=, 1);
  if (pr->stage == cd->cancel_at && cd->cancellable != NULL)
    g_cancellable_cancel (cd->cancellable);
}

static guint
count_entries (const char *dir,
               const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static void
test_pack_cancel (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *dest = g_build_filename (out_dir, "pack.pdf", NULL);
  const ParPackStage stages[] = { PAR_PACK_STAGE_CHECKING, PAR_PACK_STAGE_LAYOUT,
                                  PAR_PACK_STAGE_DOCUMENTS, PAR_PACK_STAGE_FINISHING };

  g_mkdir (out_dir, 0755);
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      ParPackReport *report = NULL;
      CancelData cd = { cancellable, stages[i] };

      g_assert_false (par_pack_export (f->store, f->assessment, dest, NULL, cancel_progress, &cd,
                                       cancellable, &report, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (report);
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
      /* nothing half-written beside the destination, no temporary folder left behind */
      g_assert_cmpuint (count_entries (out_dir, ""), ==, 0);
      g_assert_cmpuint (count_entries (g_get_tmp_dir (), "parscore-pack-"), ==, 0);
    }

  /* a pack that completes replaces an older file at the destination; progress only grows */
  {
    g_autoptr(GError) error = NULL;
    ParPackReport *report = NULL;
    CancelData cd = { NULL, PAR_PACK_STAGE_PREPARING };

    g_assert_true (g_file_set_contents (dest, "old", -1, NULL));
    g_assert_true (par_pack_export (f->store, f->assessment, dest, NULL, cancel_progress, &cd,
                                    NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_false (cd.backwards);
    g_assert_cmpfloat (cd.last_fraction, ==, 1.0);
    g_assert_cmpuint (cd.calls, >, 5);
    g_assert_cmpuint (count_entries (out_dir, ""), ==, 1);
    par_pack_report_free (report);
  }
}

/* The app exports on a worker thread with its own connection, while the window keeps its own. */
typedef struct {
  const char *db_path;
  gint64      assessment;
  const char *dest;
  guint       n_pages;
} ThreadJob;

static gpointer
export_thread (gpointer data)
{
  ThreadJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (job->db_path, &error);
  g_autoptr(ParPackReport) report = NULL;

  g_assert_no_error (error);
  g_assert_true (par_pack_export (store, job->assessment, job->dest, NULL, NULL, NULL, NULL,
                                  &report, &error));
  g_assert_no_error (error);
  job->n_pages = report->n_pages;
  return NULL;
}

static void
test_pack_threads (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a.pdf", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b.pdf", NULL);
  ThreadJob ja = { f->db_path, f->assessment, a, 0 };
  ThreadJob jb = { f->db_path, f->assessment, b, 0 };
  GThread *ta = g_thread_new ("pack-a", export_thread, &ja);
  GThread *tb = g_thread_new ("pack-b", export_thread, &jb);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;

  /* the main thread's connection stays usable meanwhile */
  units = par_store_list_units (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, ==, 1);
  g_thread_join (ta);
  g_thread_join (tb);
  g_assert_cmpuint (ja.n_pages, >, 10);
  g_assert_cmpuint (ja.n_pages, ==, jb.n_pages);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  /* the pack's temporary folders go here, so the cancel test can see none is left */
  /* g_get_tmp_dir() caches its answer: the folder is made without asking it */
  tmp = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                          "test-pack-tmp-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

#define ADD(name, fn) g_test_add (name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/pack/complete", test_pack_complete);
  ADD ("/pack/outline-and-links", test_pack_outline_and_links);
  ADD ("/pack/without-documents", test_pack_without_documents);
  ADD ("/pack/chart-words", test_pack_chart_words);
  ADD ("/pack/empty-year", test_pack_empty_year);
  ADD ("/pack/books", test_pack_books);
  ADD ("/pack/books-links", test_pack_books_links);
  ADD ("/pack/books-cells", test_pack_books_cells);
  ADD ("/pack/books-wide", test_pack_books_wide);
  ADD ("/pack/books-parts", test_pack_books_parts);
  ADD ("/pack/official-set", test_pack_official_set);
  ADD ("/pack/problem-messages", test_pack_problem_messages);
  ADD ("/pack/hostile-names", test_pack_hostile_names);
  ADD ("/pack/page-without-resources", test_pack_page_without_resources);
  ADD ("/pack/cancel", test_pack_cancel);
  ADD ("/pack/threads", test_pack_threads);
#undef ADD
  {
    int status = g_test_run ();
    g_rmdir (tmp);
    return status;
  }
}
