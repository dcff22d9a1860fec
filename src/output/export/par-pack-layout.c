/* par-pack-layout.c — the pieces every generated page of the evidence pack is made of:
 * fonts, Vietnamese number and date formats, link targets and page labels, the running header,
 * titles, paragraphs, label–value rows; and the pages that go with the documents: each
 * document's separator page, an image on its own page, the placeholder of a file that failed
 * during the merge, and the manifest of every file with its SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "par-pack-private.h"

/* --- formatting ------------------------------------------------------------------------------ */

/* Numbers and dates come from par-format.h with PACK_DECIMAL; only a file's size is the pack's
 * own: "940 byte", "12 KB", "3,4 MB". */
char *
pack_fmt_size (gint64 bytes)
{
  char tenths[PAR_FORMAT_BUF_SIZE];

  if (bytes < 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " byte", bytes);
  if (bytes < 1024 * 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " KB", (bytes + 512) / 1024);
  par_format_fixed_buf ((bytes * 10 + 512 * 1024) / (1024 * 1024), 1, PACK_DECIMAL, PAR_FORMAT_PLAIN,
                        tenths);
  return g_strdup_printf ("%s MB", tenths);
}

static const char *
doc_kind_name (const char *kind)
{
  static const struct { const char *abbr, *name; } kinds[] = {
    { "KH", "Kế hoạch" }, { "BC", "Báo cáo" }, { "QĐ", "Quyết định" }, { "TB", "Thông báo" },
    { "TTr", "Tờ trình" }, { "CV", "Công văn" }, { "NQ", "Nghị quyết" }, { "CT", "Chỉ thị" },
  };

  if (kind == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].abbr))
      return kinds[i].name;
  return kind;
}

static const char *
status_vi (ParPackFileStatus status)
{
  switch (status)
    {
    case PAR_PACK_FILE_OK: return "Đầy đủ, đúng mã";
    case PAR_PACK_FILE_MISSING: return "Thiếu tệp";
    case PAR_PACK_FILE_CORRUPT: return "Tệp hỏng";
    case PAR_PACK_FILE_ENCRYPTED: return "Tệp bị mã hóa";
    case PAR_PACK_FILE_UNREADABLE: return "Không đọc được";
    case PAR_PACK_FILE_HASH_MISMATCH: return "Sai mã SHA-256";
    default: return "";
    }
}

void
pack_make_fonts (Pack *p)
{
  pack_fonts_init (&p->fonts, p->font_family);
}

/* --- targets --------------------------------------------------------------------------------- */

PackTargetRef
pack_target (PackTargetKind kind,
             guint          index)
{
  PackTargetRef t = { kind, index };
  return t;
}

const PackTargetRef pack_no_target = { PACK_TARGET_NONE, 0 };

gboolean
pack_resolve (Pack          *p,
              PackTargetRef  ref,
              guint         *page,
              double        *top)
{
  *top = -1;
  switch (ref.kind)
    {
    case PACK_TARGET_SECTION:
      *page = p->sections[ref.index].page;
      return p->sections[ref.index].set;
    case PACK_TARGET_NODE:
      if (ref.index >= p->n_nodes || !p->nodes[ref.index].set)
        return FALSE;
      *page = p->nodes[ref.index].page;
      *top = MAX (p->nodes[ref.index].top - 6, 0);
      return TRUE;
    case PACK_TARGET_DOCUMENT:
      if (ref.index >= p->docs->len)
        return FALSE;
      *page = ((PackDoc *) g_ptr_array_index (p->docs, ref.index))->first_page;
      return TRUE;
    case PACK_TARGET_FILE:
      {
        PackFile *f;
        if (ref.index >= p->files->len)
          return FALSE;
        f = g_ptr_array_index (p->files, ref.index);
        *page = f->file->n_pages > 0 ? f->file->first_page : f->doc->first_page;
        return TRUE;
      }
    case PACK_TARGET_REGISTER:
      {
        PackBook *b;
        if (p->books == NULL || ref.index >= p->books->len)
          return FALSE;
        b = g_ptr_array_index (p->books, ref.index);
        *page = b->target.page;
        *top = MAX (b->target.top - 6, 0);
        return b->target.set;
      }
    case PACK_TARGET_NONE:
    default:
      return FALSE;
    }
}

/* "5" (1-based) for a target, or "" when not known yet */
char *
pack_page_label (Pack          *p,
                 PackTargetRef  ref)
{
  guint page;
  double top;

  if (!pack_resolve (p, ref, &page, &top))
    return g_strdup ("");
  return g_strdup_printf ("%u", page + 1);
}

void
pack_mark (Pack       *p,
           PackCanvas *c,
           PackTarget *t)
{
  t->set = TRUE;
  t->page = pack_canvas_global_page (c);
  t->top = c->y;
}

/* --- common pieces of the generated pages ---------------------------------------------------- */

void
pack_running_header (PackCanvas *c,
                     gpointer    data)
{
  Pack *p = data;
  g_autofree char *left = pack_esc (p->unit->name);
  g_autofree char *right = g_strdup_printf ("%sHồ sơ tự đánh giá Chỉ số CCHC năm %d",
                                            par_framework_is_sample (p->fw)
                                              ? "<span foreground=\"#b3261e\" weight=\"bold\">MẪU</span>  ·  "
                                              : "",
                                            p->assessment->year);
  PangoLayout *l;
  double w;

  cairo_set_source_rgb (c->cr, 0.38, 0.4, 0.44);
  l = pack_layout (c, c->fonts->small, -1, PANGO_ALIGN_RIGHT, right);
  w = pack_layout_width (l);
  pack_canvas_draw_layout (c, l, c->page_w - PACK_RIGHT - w, 30);
  g_object_unref (l);
  l = pack_layout (c, c->fonts->small, c->page_w - PACK_LEFT - PACK_RIGHT - w - 16, PANGO_ALIGN_LEFT,
                   left);
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  pack_canvas_draw_layout (c, l, PACK_LEFT, 30);
  g_object_unref (l);
  cairo_set_line_width (c->cr, 0.4);
  cairo_move_to (c->cr, PACK_LEFT, 43);
  cairo_line_to (c->cr, c->page_w - PACK_RIGHT, 43);
  cairo_stroke (c->cr);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
}

void
pack_section_title (Pack        *p,
                    PackCanvas  *c,
                    PackSection  section,
                    const char  *title,
                    const char  *subtitle)
{
  PangoLayout *l;

  pack_canvas_new_page (c, 0, 0);
  if (section < N_SECTIONS)
    pack_mark (p, c, &p->sections[section]);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, title);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  if (subtitle != NULL)
    {
      pack_canvas_skip (c, 3);
      l = pack_layout (c, c->fonts->italic, PACK_WIDTH, PANGO_ALIGN_CENTER, subtitle);
      pack_canvas_flow (c, l, PACK_LEFT);
      g_object_unref (l);
    }
  pack_canvas_skip (c, 14);
}

char *
pack_doc_label (PackDoc *d)
{
  g_autofree char *number = pack_esc (d->doc->number != NULL && *d->doc->number != '\0'
                                        ? d->doc->number : "(không số)");
  g_autofree char *summary = pack_esc (d->doc->summary);

  return g_strdup_printf ("TL%02u. %s%s%s", d->index + 1, number,
                          *summary != '\0' ? " — " : "", summary);
}

/* --- document separators, images, manifest --------------------------------------------------- */

static const PackColumn cites_columns[] = {
  { 40, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 40 - 90, PANGO_ALIGN_LEFT },
  { 90, PANGO_ALIGN_LEFT },
};
static const char *const cites_headers[] = { "Mã", "Tiêu chí", "Phần, trang" };

static const PackColumn files_columns[] = {
  { 26, PANGO_ALIGN_RIGHT },
  { PACK_WIDTH - 26 - 70 - 56 - 110, PANGO_ALIGN_LEFT },
  { 70, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_RIGHT },
  { 110, PANGO_ALIGN_LEFT },
};
static const char *const files_headers[] = { "STT", "Tên tệp", "Loại", "Dung lượng", "Trong hồ sơ" };

static char *
file_type_label (PackFile *f)
{
  const char *dot;

  if (f->file->kind == PAR_PACK_FILE_PDF)
    return g_strdup ("PDF");
  if (f->file->kind == PAR_PACK_FILE_IMAGE)
    return g_strdup (f->jpeg ? "Ảnh JPEG" : "Ảnh PNG");
  dot = strrchr (f->att->original_name != NULL ? f->att->original_name : "", '.');
  if (dot != NULL && dot[1] != '\0' && strlen (dot) <= 6)
    {
      g_autofree char *ext = g_utf8_strup (dot + 1, -1);
      return g_strdup_printf ("Tệp %s", ext);
    }
  return g_strdup ("Tệp khác");
}

static char *
file_place (Pack     *p,
            PackFile *f)
{
  if (f->file->status != PAR_PACK_FILE_OK)
    return g_strdup_printf ("<b>%s</b> — không đưa vào hồ sơ", status_vi (f->file->status));
  if (!p->opts.documents)
    return g_strdup ("Không kèm theo bản này");
  if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
    return g_strdup ("Đính kèm nguyên tệp trong PDF");
  if (f->file->n_pages == 1)
    return g_strdup_printf ("Trang %u", f->file->first_page + 1);
  return g_strdup_printf ("Trang %u–%u", f->file->first_page + 1,
                          f->file->first_page + f->file->n_pages);
}

void
pack_draw_separator (Pack       *p,
                     PackCanvas *c,
                     PackDoc    *d)
{
  const ParDocument *doc = d->doc;
  g_autofree char *title = g_strdup_printf ("TÀI LIỆU KIỂM CHỨNG SỐ %02u", d->index + 1);
  g_autofree char *number = pack_esc (doc->number != NULL && *doc->number != '\0' ? doc->number : "(không số)");
  gboolean has_embedded = FALSE;
  PangoLayout *l;
  PackTable t;
  double top;

  pack_canvas_new_page (c, 0, 0);
  top = c->y;
  /* a band across the page marks where one document ends and the next starts */
  cairo_rectangle (c->cr, 0, top - 8, c->page_w, 76);
  cairo_set_source_rgb (c->cr, 0.16, 0.29, 0.47);
  cairo_fill (c->cr);
  cairo_set_source_rgb (c->cr, 1, 1, 1);
  l = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT, title);
  pack_canvas_draw_layout (c, l, PACK_LEFT, top + 2);
  {
    double h = pack_layout_height (l);
    g_object_unref (l);
    l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_LEFT, number);
    pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
    pango_layout_set_height (l, -1);
    pack_canvas_draw_layout (c, l, PACK_LEFT, top + 6 + h);
    g_object_unref (l);
  }
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  c->y = top + 84;

  {
    g_autofree char *kind = pack_esc (doc_kind_name (doc->kind));
    g_autofree char *date = par_format_date_dmy (doc->issue_date);
    g_autofree char *issuer = pack_esc (doc->issuer);
    g_autofree char *summary = pack_esc (doc->summary);

    if (*kind != '\0')
      pack_key_value (c, "Loại văn bản", kind);
    pack_key_value (c, "Số, ký hiệu", number);
    if (*date != '\0')
      pack_key_value (c, "Ngày ban hành", date);
    if (*issuer != '\0')
      pack_key_value (c, "Cơ quan ban hành", issuer);
    if (*summary != '\0')
      pack_key_value (c, "Trích yếu", summary);
  }

  pack_canvas_skip (c, 8);
  pack_paragraph (c, c->fonts->bold, "Dùng làm tài liệu kiểm chứng cho:", 0, 3);
  pack_table_init (&t, c, cites_columns, G_N_ELEMENTS (cites_columns), cites_headers);
  for (guint i = 0; i < d->cites->len; i++)
    {
      Cite *cite = g_ptr_array_index (d->cites, i);
      g_autofree char *code = pack_esc (cite->link->code);
      g_autofree char *ctitle = pack_esc (cite->node != NULL ? cite->node->title : "");
      g_autofree char *sec = pack_esc (cite->link->section);
      g_autofree char *pages = pack_esc (cite->link->pages);
      g_autofree char *where = g_strdup_printf ("%s%s%s%s", sec,
                                                cite->link->section != NULL && cite->link->pages != NULL ? ", " : "",
                                                cite->link->pages != NULL ? "tr. " : "", pages);
      const char *cells[3] = { code, ctitle, where };

      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0,
                      cite->node != NULL ? pack_target (PACK_TARGET_NODE, cite->node->node_index) : pack_no_target);
    }
  /* the register rows that link it (schema 9): the book and the row, its first text */
  for (guint i = 0; i < d->rows->len; i++)
    {
      const PackRowCite *rc = &g_array_index (d->rows, PackRowCite, i);
      PackBook *b = g_ptr_array_index (p->books, rc->book);
      g_autofree char *book = g_strdup_printf ("Sổ %u", rc->book + 1);
      g_autofree char *label = pack_esc (b->reg->label);
      const char *first = NULL;
      g_autofree char *first_e = NULL;
      g_autofree char *what = NULL;
      const char *cells[3];

      for (guint k = 0; k < b->reg->columns->len && first == NULL; k++)
        if (((ParRegisterColumn *) g_ptr_array_index (b->reg->columns, k))->type == PAR_COLUMN_TEXT)
          first = par_register_rows_get (b->rows, rc->row, k);
      first_e = pack_esc (first);
      what = g_strdup_printf ("%s, dòng %u%s%s", label, rc->row + 1, first != NULL ? ": " : "", first_e);
      cells[0] = book;
      cells[1] = what;
      cells[2] = "";
      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0, pack_target (PACK_TARGET_REGISTER, rc->book));
    }

  pack_canvas_skip (c, 10);
  if (d->files->len == 0)
    {
      pack_paragraph (c, c->fonts->italic, "Tài liệu này không có tệp đính kèm trong cơ sở dữ liệu.", 0, 0);
      return;
    }
  pack_paragraph (c, c->fonts->bold, "Tệp kèm theo:", 0, 3);
  pack_table_init (&t, c, files_columns, G_N_ELEMENTS (files_columns), files_headers);
  for (guint i = 0; i < d->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (d->files, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = pack_esc (f->att->original_name);
      g_autofree char *type = file_type_label (f);
      g_autofree char *size = pack_fmt_size (f->att->size);
      g_autofree char *place = file_place (p, f);
      const char *cells[5] = { num, name, type, size, place };

      has_embedded |= f->file->kind == PAR_PACK_FILE_EMBEDDED && f->file->status == PAR_PACK_FILE_OK &&
                      p->opts.documents;
      pack_table_row (c, &t, cells, f->file->status == PAR_PACK_FILE_OK ? PACK_ROW_PLAIN : PACK_ROW_PROBLEM,
                      NULL, 0, pack_file_has_pages (p, f) ? pack_target (PACK_TARGET_FILE, f->index) : pack_no_target);
    }
  if (has_embedded)
    {
      pack_canvas_skip (c, 8);
      pack_paragraph (c, c->fonts->small,
                      "Các tệp không phải PDF hay ảnh (văn bản Word, bảng tính…) được đính kèm nguyên "
                      "bản bên trong tệp PDF này: mở bảng “Tệp đính kèm” (biểu tượng kẹp giấy) của "
                      "trình đọc PDF để xem hoặc lưu ra máy.", 0, 0);
    }
}

/* An image on its own page, A4 in the image's orientation, scaled to fit (a small picture is
 * enlarged at most three times, so that it does not turn into a blur). Returns FALSE if it
 * could not be drawn (the page then says so). */
gboolean
pack_draw_image_page (Pack        *p,
                      PackCanvas  *c,
                      PackFile    *f,
                      char       **message)
{
  gboolean landscape = f->width > f->height;
  double pw = landscape ? PACK_PAGE_H : PACK_PAGE_W, ph = landscape ? PACK_PAGE_W : PACK_PAGE_H;
  double area_x = 28, area_y = 46, area_w = pw - 56, area_h = ph - 46 - 40;
  cairo_surface_t *image = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *name = pack_esc (f->att->original_name);
  gboolean ok = FALSE;
  PangoLayout *l;

  pack_canvas_new_page (c, pw, ph);
  caption = g_strdup_printf ("TL%02u · %s", f->doc->index + 1, name);
  cairo_set_source_rgb (c->cr, 0.38, 0.4, 0.44);
  l = pack_layout (c, c->fonts->small, pw - 56, PANGO_ALIGN_LEFT, caption);
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_MIDDLE);
  pack_canvas_draw_layout (c, l, 28, 22);
  g_object_unref (l);

  if (f->jpeg)
    {
      char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (f->path, &data, &len, NULL))
        {
          /* cairo writes the JPEG bytes unchanged (DCTDecode) when they are attached as mime
           * data; the pixel buffer is never touched, so its pages are never even mapped */
          image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, f->width, f->height);
          if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
            {
              cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, (const guchar *) data, len,
                                           g_free, data);
              cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_UNIQUE_ID,
                                           (const guchar *) f->att->sha256, strlen (f->att->sha256),
                                           NULL, NULL);
              data = NULL;
            }
        }
      g_free (data);
    }
  else
    {
      image = cairo_image_surface_create_from_png (f->path);
    }

  if (image != NULL && cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
    {
      int w = f->jpeg ? f->width : cairo_image_surface_get_width (image);
      int h = f->jpeg ? f->height : cairo_image_surface_get_height (image);
      double scale = MIN (3.0, MIN (area_w / w, area_h / h));
      double dw = w * scale, dh = h * scale;

      cairo_save (c->cr);
      cairo_translate (c->cr, area_x + (area_w - dw) / 2, area_y + (area_h - dh) / 2);
      cairo_scale (c->cr, scale, scale);
      cairo_set_source_surface (c->cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (c->cr), CAIRO_FILTER_GOOD);
      cairo_paint (c->cr);
      cairo_restore (c->cr);
      ok = TRUE;
    }
  else
    {
      g_autofree char *reason = g_strdup_printf (_("the image “%s” could not be decoded; it was "
                                                   "left out."), f->att->original_name);

      *message = pack_file_message (f, reason);
      cairo_set_source_rgb (c->cr, 0.7, 0.15, 0.12);
      l = pack_layout (c, c->fonts->bold, area_w, PANGO_ALIGN_CENTER,
                       "Không đọc được ảnh này: tệp bị hỏng.");
      pack_canvas_draw_layout (c, l, area_x, area_y + area_h / 2);
      g_object_unref (l);
    }
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  if (image != NULL)
    cairo_surface_destroy (image);
  return ok;
}

/* The pages standing for a PDF that was read fine a moment ago and failed during the merge:
 * as many as it had, so that every page number printed before stays right. */
void
pack_draw_placeholder (Pack       *p,
                       PackCanvas *c,
                       PackFile   *f,
                       guint       n_pages)
{
  g_autofree char *name = pack_esc (f->att->original_name);
  g_autofree char *text = g_strdup_printf ("Không thể đưa tệp “%s” vào hồ sơ: %s.", name,
                                           status_vi (f->file->status));

  for (guint i = 0; i < n_pages; i++)
    {
      pack_canvas_new_page (c, 0, 0);
      c->y = 300;
      pack_paragraph (c, c->fonts->bold, i == 0 ? text : "(trang để trống)", 0, 0);
    }
}

/* The file's name and, under it, its SHA-256 share one wide column: the 64 digits of a hash
 * stay on one line, to be read and compared whole. */
static const PackColumn manifest_columns[] = {
  { 22, PANGO_ALIGN_RIGHT },
  { 30, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 22 - 30 - 52 - 84 - 40, PANGO_ALIGN_LEFT },
  { 52, PANGO_ALIGN_RIGHT },
  { 84, PANGO_ALIGN_LEFT },
  { 40, PANGO_ALIGN_RIGHT },
};
static const char *const manifest_headers[] = {
  "STT", "TL", "Tên tệp, mã SHA-256", "Dung lượng (byte)", "Kiểm tra", "Trang",
};
#define MANIFEST_HASH_COLUMN 2
#define MANIFEST_HASH_FONT   "DejaVu Sans Mono"

/* The largest size, at most 6.5 pt, at which 64 hexadecimal digits fit the hash column on one
 * line, in Pango units (1024ths of a point). */
static int
manifest_hash_size (PackCanvas *c)
{
  double room = manifest_columns[MANIFEST_HASH_COLUMN].width - 8;
  int size = (int) (6.5 * PANGO_SCALE);
  g_autofree char *markup = NULL;
  PangoLayout *l;
  double width;

  markup = g_strdup_printf ("<span font_family=\"%s\" size=\"%d\">%s</span>", MANIFEST_HASH_FONT, size,
                            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
  l = pack_layout (c, c->fonts->table, -1, PANGO_ALIGN_LEFT, markup);
  width = pack_layout_width (l);
  g_object_unref (l);
  if (width > room)
    size = (int) (size * room / width) - 1;
  return size;
}

void
pack_draw_manifest (Pack       *p,
                    PackCanvas *c)
{
  g_autofree char *when = g_date_time_format (p->now, "%H:%M ngày %d/%m/%Y");
  g_autofree char *intro = NULL;
  guint ok = 0, embedded = 0;
  int hash_size;
  PackTable t;

  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);
      ok += f->file->status == PAR_PACK_FILE_OK;
      embedded += f->file->status == PAR_PACK_FILE_OK && f->file->kind == PAR_PACK_FILE_EMBEDDED;
    }
  pack_section_title (p, c, SECTION_MANIFEST, "DANH MỤC TỆP ĐÍNH KÈM", NULL);
  intro = g_strdup_printf ("Mỗi tệp được đọc lại từ kho lưu trữ lúc xuất hồ sơ (%s), đối chiếu "
                           "dung lượng và mã SHA-256 với giá trị ghi nhận khi đính kèm. "
                           "Tổng số <b>%u</b> tệp của <b>%u</b> tài liệu: <b>%u</b> tệp đầy đủ, "
                           "đúng mã (trong đó %u tệp đính kèm nguyên bản trong PDF); "
                           "<b>%u</b> tệp có vấn đề, không đưa vào hồ sơ.",
                           when, p->files->len, p->docs->len, ok, embedded, p->files->len - ok);
  pack_paragraph (c, c->fonts->body, intro, 0, 10);
  if (p->files->len == 0)
    return;
  pack_table_init (&t, c, manifest_columns, G_N_ELEMENTS (manifest_columns), manifest_headers);
  hash_size = manifest_hash_size (c);
  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *tl = g_strdup_printf ("TL%02u", f->doc->index + 1);
      g_autofree char *name = pack_esc (f->att->original_name);
      g_autofree char *size = par_format_thousands (f->att->size, PACK_DECIMAL);
      g_autofree char *sha = pack_esc (f->att->sha256);
      g_autofree char *name_hash = NULL;
      g_autofree char *status = NULL;
      g_autofree char *pages = NULL;
      const char *cells[6];

      /* the name, and under it the stored hash on one line in a monospaced face */
      name_hash = g_strdup_printf ("%s\n<span font_family=\"%s\" size=\"%d\" foreground=\"#33363b\">%s</span>",
                                   name, MANIFEST_HASH_FONT, hash_size, sha);
      if (f->file->status == PAR_PACK_FILE_HASH_MISMATCH && f->file->actual_sha256 != NULL)
        status = g_strdup_printf ("<b>%s</b>\n<span size=\"6pt\">tệp hiện có: %.12s…</span>",
                                  status_vi (f->file->status), f->file->actual_sha256);
      else if (f->file->status != PAR_PACK_FILE_OK)
        status = g_strdup_printf ("<b>%s</b>", status_vi (f->file->status));
      else
        status = g_strdup (status_vi (f->file->status));
      if (f->file->status != PAR_PACK_FILE_OK)
        pages = g_strdup ("—");
      else if (!p->opts.documents)
        pages = g_strdup ("");
      else if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
        pages = g_strdup ("đính kèm");
      else if (f->file->n_pages == 0)
        pages = g_strdup ("");
      else if (f->file->n_pages == 1)
        pages = g_strdup_printf ("%u", f->file->first_page + 1);
      else
        pages = g_strdup_printf ("%u–%u", f->file->first_page + 1, f->file->first_page + f->file->n_pages);
      cells[0] = num;
      cells[1] = tl;
      cells[2] = name_hash;
      cells[3] = size;
      cells[4] = status;
      cells[5] = pages;
      pack_table_row (c, &t, cells, f->file->status == PAR_PACK_FILE_OK ? PACK_ROW_PLAIN : PACK_ROW_PROBLEM,
                      NULL, 0, pack_target (PACK_TARGET_FILE, f->index));
    }
}
