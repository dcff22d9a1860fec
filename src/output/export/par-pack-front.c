/* par-pack-front.c — the evidence pack's front matter: the cover, the contents, the summary
 * table of scores, the charts across years and the explanation of every sub-criterion with the
 * documents that back it.
 *
 * The same drawing runs on a measuring canvas first and then for real (see par-pack.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-chart.h"
#include "par-pack-private.h"

static const char *
assessment_status_vi (ParStatus status)
{
  switch (status)
    {
    case PAR_STATUS_DRAFT: return "Đang tự đánh giá";
    case PAR_STATUS_SUBMITTED: return "Đã gửi thẩm định";
    case PAR_STATUS_APPRAISED: return "Đã thẩm định";
    default: return "";
    }
}

static const char *
rule_fallback_vi (ParRuleType type)
{
  switch (type)
    {
    case PAR_RULE_MANUAL: return "Đơn vị tự chấm điểm theo mức độ thực hiện.";
    case PAR_RULE_YES_NO: return "Có thực hiện: đạt điểm; không thực hiện: không đạt điểm.";
    case PAR_RULE_TIMELINESS: return "Chấm theo thời hạn: đúng hạn, chậm hoặc không thực hiện.";
    case PAR_RULE_RATIO_TIERS: return "Chấm theo mức tỷ lệ đạt được.";
    case PAR_RULE_PROPORTIONAL: return "Điểm tỷ lệ thuận với tỷ lệ đạt được.";
    case PAR_RULE_COUNT_TIERS: return "Chấm theo số lượng đạt được.";
    case PAR_RULE_CHOICE: return "Chấm theo mức đánh giá.";
    case PAR_RULE_PER_COUNT: return "Điểm tính theo từng trường hợp.";
    case PAR_RULE_SURVEY: return "Chấm qua điều tra xã hội học.";
    default: return "";
    }
}

/* An entered value as the pack shows it (markup): the core's reading of an input's value
 * (par_input_display_words: grouped numbers, "95,5 %", dd/mm/yyyy, a choice's label) with the
 * pack's Vietnamese "Có" / "Không", in bold, then its unit. */
static char *
fmt_input_value (const ParInput *input,
                 const char     *value)
{
  g_autofree char *text = NULL;
  g_autofree char *e = NULL;
  g_autofree char *u = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("<i>chưa nhập</i>");
  text = par_input_display_words (input, value, PACK_DECIMAL, "Có", "Không");
  e = pack_esc (text);
  u = pack_esc (input->unit);
  if (input->unit != NULL && input->type != PAR_INPUT_PERCENT && input->type != PAR_INPUT_DATE)
    return g_strdup_printf ("<b>%s</b> %s", e, u);
  return g_strdup_printf ("<b>%s</b>", e);
}

/* --- cover ----------------------------------------------------------------------------------- */

static void
cover_row (PackCanvas *c,
           double      x,
           double      width,
           const char *label,
           const char *value)
{
  PangoLayout *lab = pack_layout (c, c->fonts->body, 150, PANGO_ALIGN_LEFT, label);
  PangoLayout *val = pack_layout (c, c->fonts->bold, width - 156, PANGO_ALIGN_LEFT, value);

  pack_canvas_draw_layout (c, lab, x, c->y);
  pack_canvas_draw_layout (c, val, x + 156, c->y);
  c->y += MAX (pack_layout_height (lab), pack_layout_height (val)) + 5;
  g_object_unref (lab);
  g_object_unref (val);
}

static void
draw_cover (Pack       *p,
            PackCanvas *c)
{
  const ParNodeTotal *root = par_result_get_total (p->result, NULL);
  const char *decision = par_framework_get_decision_number (p->fw);
  const char *issuer = par_framework_get_decision_issuer (p->fw);
  g_autofree char *decision_date = par_format_date_dmy (par_framework_get_decision_date (p->fw));
  g_autofree char *unit_upper = g_utf8_strup (p->unit->name, -1);
  g_autofree char *unit_e = pack_esc (unit_upper);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fw_title = pack_esc (par_framework_get_title (p->fw));
  g_autofree char *self = par_format_points_sep (root->self_total, PACK_DECIMAL);
  g_autofree char *max = par_format_points_sep (root->applicable_max - root->pending_max, PACK_DECIMAL);
  gboolean scored = root->done > 0 && root->self_index >= 0;
  g_autofree char *index = scored ? par_format_percent_sep (root->self_index, 2, PACK_DECIMAL, PAR_FORMAT_PERCENT) : g_strdup ("— (chưa chấm)");
  g_autofree char *today = g_date_time_format (p->now, "%d/%m/%Y");
  const ParBand *band = scored ? par_framework_band_for (p->fw, root->self_index) : NULL;
  PangoLayout *l;
  double y0, col = PACK_WIDTH / 2 - 6;
  cairo_t *cr = c->cr;

  c->on_page = NULL;
  pack_canvas_new_page (c, 0, 0);
  pack_mark (p, c, &p->sections[SECTION_COVER]);
  cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);

  /* the national heading of an administrative document: the unit on the left, the motto on
   * the right, each with a short rule under it */
  y0 = c->y;
  l = pack_layout (c, c->fonts->bold, col, PANGO_ALIGN_CENTER, unit_e);
  pack_canvas_draw_layout (c, l, PACK_LEFT, y0);
  c->y = y0 + pack_layout_height (l);
  g_object_unref (l);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, PACK_LEFT + col / 2 - 40, c->y + 4);
  cairo_line_to (cr, PACK_LEFT + col / 2 + 40, c->y + 4);
  cairo_stroke (cr);
  l = pack_layout (c, c->fonts->bold, col + 12, PANGO_ALIGN_CENTER,
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "<span weight=\"bold\">Độc lập - Tự do - Hạnh phúc</span>");
  pango_layout_set_font_description (l, c->fonts->small_bold);
  pack_canvas_draw_layout (c, l, PACK_LEFT + col, y0);
  {
    double bottom = y0 + pack_layout_height (l);
    cairo_move_to (cr, PACK_LEFT + col + (col + 12) / 2 - 62, bottom + 3);
    cairo_line_to (cr, PACK_LEFT + col + (col + 12) / 2 + 62, bottom + 3);
    cairo_stroke (cr);
    c->y = MAX (c->y, bottom);
  }
  g_object_unref (l);

  if (par_framework_is_sample (p->fw))
    {
      /* a sample set must never pass for the province's decision: a red mark on the cover,
       * and "MẪU" in every page's header */
      cairo_save (cr);
      cairo_translate (cr, PACK_PAGE_W / 2, PACK_PAGE_H / 2 + 40);
      cairo_rotate (cr, -0.6);
      l = pack_layout (c, c->fonts->title, -1, PANGO_ALIGN_CENTER,
                       "<span size=\"96pt\" foreground=\"#b3261e\" alpha=\"18%\">MẪU</span>");
      pack_canvas_draw_layout (c, l, -pack_layout_width (l) / 2, -pack_layout_height (l) / 2);
      g_object_unref (l);
      cairo_restore (cr);
    }

  c->y = 190;
  title = g_strdup_printf ("<span size=\"17pt\">HỒ SƠ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM\n"
                           "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d</span>", p->assessment->year);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, title);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  c->y += 12;
  {
    g_autofree char *name = pack_esc (p->unit->name);
    l = pack_layout (c, c->fonts->heading, PACK_WIDTH, PANGO_ALIGN_CENTER, name);
    pack_canvas_flow (c, l, PACK_LEFT);
    g_object_unref (l);
  }

  if (par_framework_is_sample (p->fw))
    {
      c->y += 16;
      l = pack_layout (c, c->fonts->bold, PACK_WIDTH - 40, PANGO_ALIGN_CENTER,
                       "<span foreground=\"#b3261e\">MẪU — chấm theo Bộ Chỉ số mẫu để minh họa, "
                       "không phải Bộ Chỉ số chính thức của tỉnh</span>");
      cairo_set_source_rgb (cr, 0.70, 0.15, 0.12);
      cairo_set_line_width (cr, 1.2);
      cairo_rectangle (cr, PACK_LEFT + 10, c->y - 6, PACK_WIDTH - 20, pack_layout_height (l) + 12);
      cairo_stroke (cr);
      pack_canvas_draw_layout (c, l, PACK_LEFT + 20, c->y);
      c->y += pack_layout_height (l) + 6;
      g_object_unref (l);
      cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
    }

  c->y = MAX (c->y + 36, 340);
  {
    double x = PACK_LEFT + 30, w = PACK_WIDTH - 60;
    g_autofree char *unit = pack_esc (p->unit->name);
    g_autofree char *year = g_strdup_printf ("%d", p->assessment->year);
    g_autofree char *dec = NULL;
    g_autofree char *dec_e = NULL;
    double top = c->y - 12;

    if (decision != NULL)
      {
        GString *s = g_string_new ("Quyết định số ");
        g_string_append (s, decision);
        if (*decision_date != '\0')
          g_string_append_printf (s, " ngày %s", decision_date);
        if (issuer != NULL)
          g_string_append_printf (s, " của %s", issuer);
        dec = g_string_free (s, FALSE);
        dec_e = pack_esc (dec);
      }
    cover_row (c, x, w, "Đơn vị", unit);
    cover_row (c, x, w, "Năm đánh giá", year);
    cover_row (c, x, w, "Bộ Chỉ số", fw_title);
    if (dec_e != NULL)
      cover_row (c, x, w, "Ban hành kèm theo", dec_e);
    cover_row (c, x, w, "Tổng điểm tự đánh giá", self);
    cover_row (c, x, w, "Điểm tối đa áp dụng", max);
    if (root->pending_max > 0)
      {
        g_autofree char *pending = par_format_points_sep (root->pending_max, PACK_DECIMAL);
        g_autofree char *v = g_strdup_printf ("%s điểm (chấm qua điều tra xã hội học, chưa có kết quả)",
                                              pending);
        cover_row (c, x, w, "Chưa tính", v);
      }
    cover_row (c, x, w, "Chỉ số tự đánh giá", index);
    if (band != NULL)
      {
        g_autofree char *b = pack_esc (band->name);
        cover_row (c, x, w, "Xếp loại", b);
      }
    if (root->has_appraised)
      {
        g_autofree char *fin = par_format_points_sep (root->final_total, PACK_DECIMAL);
        g_autofree char *idx = root->index >= 0 ? par_format_percent_sep (root->index, 2, PACK_DECIMAL, PAR_FORMAT_PERCENT) : g_strdup ("—");
        g_autofree char *v = g_strdup_printf ("%s điểm (%s)", fin, idx);
        cover_row (c, x, w, "Sau thẩm định", v);
      }
    cover_row (c, x, w, "Trạng thái", assessment_status_vi (p->assessment->status));
    cover_row (c, x, w, "Ngày xuất hồ sơ", today);
    cairo_set_source_rgb (cr, 0.55, 0.58, 0.62);
    cairo_set_line_width (cr, 0.6);
    cairo_rectangle (cr, PACK_LEFT + 16, top, PACK_WIDTH - 32, c->y - top + 6);
    cairo_stroke (cr);
    cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
  }

  /* signature block, bottom right */
  {
    g_autofree char *day = g_date_time_format (p->now, "……………, ngày %d tháng %m năm %Y");
    double x = PACK_LEFT + PACK_WIDTH / 2, w = PACK_WIDTH / 2;

    c->y = MAX (c->y + 40, 610);
    text = g_strdup_printf ("<i>%s</i>\n<b>THỦ TRƯỞNG ĐƠN VỊ</b>\n<i>(Ký, ghi rõ họ tên, đóng dấu)</i>",
                            day);
    l = pack_layout (c, c->fonts->body, w, PANGO_ALIGN_CENTER, text);
    pack_canvas_draw_layout (c, l, x, c->y);
    g_object_unref (l);
  }
  c->on_page = pack_running_header;
  c->on_page_data = p;
}

/* --- contents -------------------------------------------------------------------------------- */

typedef struct {
  int            level;
  char          *markup;
  PackTargetRef  target;
} ContentsEntry;

static void
contents_entry_free (gpointer data)
{
  ContentsEntry *e = data;
  g_free (e->markup);
  g_free (e);
}

static void
add_entry (GPtrArray     *entries,
           int            level,
           char          *markup,
           PackTargetRef  t)
{
  ContentsEntry *e = g_new0 (ContentsEntry, 1);

  e->level = level;
  e->markup = markup;
  e->target = t;
  g_ptr_array_add (entries, e);
}

static GPtrArray *
contents_entries (Pack *p)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (contents_entry_free);
  GPtrArray *fields = par_framework_get_fields (p->fw);
  guint n = 1;

  add_entry (entries, 0, g_strdup_printf ("%u. Bảng tổng hợp kết quả tự đánh giá, chấm điểm", n++),
             pack_target (PACK_TARGET_SECTION, SECTION_SUMMARY));
  if (p->opts.charts)
    add_entry (entries, 0, g_strdup_printf ("%u. Biểu đồ kết quả qua các năm", n++),
               pack_target (PACK_TARGET_SECTION, SECTION_CHARTS));
  add_entry (entries, 0, g_strdup_printf ("%u. Giải trình chi tiết theo tiêu chí", n++),
             pack_target (PACK_TARGET_SECTION, SECTION_DETAILS));
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      g_autofree char *t = pack_esc (field->title);

      add_entry (entries, 1, g_strdup_printf ("Lĩnh vực %s. %s", field->code, t),
                 pack_target (PACK_TARGET_NODE, field->node_index));
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);
          g_autofree char *ct = pack_esc (crit->title);
          add_entry (entries, 2, g_strdup_printf ("%s. %s", crit->code, ct),
                     pack_target (PACK_TARGET_NODE, crit->node_index));
        }
    }
  if (par_framework_get_adjustments (p->fw)->len > 0)
    {
      const ParNode *first = g_ptr_array_index (par_framework_get_adjustments (p->fw), 0);
      add_entry (entries, 1, g_strdup ("Điểm trừ, điểm cộng"),
                 pack_target (PACK_TARGET_NODE, first->node_index));
    }
  if (p->books->len > 0)
    {
      add_entry (entries, 0, g_strdup_printf ("%u. Sổ theo dõi", n++),
                 pack_target (PACK_TARGET_SECTION, SECTION_BOOKS));
      for (guint i = 0; i < p->books->len; i++)
        {
          PackBook *b = g_ptr_array_index (p->books, i);
          g_autofree char *label = pack_esc (b->reg->label);
          add_entry (entries, 1, g_strdup_printf ("Sổ %u. %s", i + 1, label),
                     pack_target (PACK_TARGET_REGISTER, i));
        }
    }
  if (p->docs->len > 0)
    {
      add_entry (entries, 0, g_strdup_printf ("%u. Tài liệu kiểm chứng", n++),
                 pack_target (PACK_TARGET_SECTION, SECTION_DOCUMENTS));
      for (guint i = 0; i < p->docs->len; i++)
        add_entry (entries, 1, pack_doc_label (g_ptr_array_index (p->docs, i)),
                   pack_target (PACK_TARGET_DOCUMENT, i));
    }
  add_entry (entries, 0, g_strdup_printf ("%u. Danh mục tệp đính kèm", n++),
             pack_target (PACK_TARGET_SECTION, SECTION_MANIFEST));
  return entries;
}

static void
draw_contents (Pack       *p,
               PackCanvas *c)
{
  g_autoptr(GPtrArray) entries = contents_entries (p);
  const double number_w = 34;

  pack_section_title (p, c, SECTION_CONTENTS, "MỤC LỤC", NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      ContentsEntry *e = g_ptr_array_index (entries, i);
      double indent = e->level * 16;
      const PangoFontDescription *font = e->level == 0 ? c->fonts->bold : c->fonts->body;
      double text_w = PACK_WIDTH - indent - number_w - 10;
      PangoLayout *l = pack_layout (c, font, text_w, PANGO_ALIGN_LEFT, e->markup);
      /* a long entry continues under its text, not under its number */
      if (e->level > 0)
        pango_layout_set_indent (l, -(e->level == 1 ? 30 : 24) * PANGO_SCALE);
      g_autofree char *num = pack_page_label (p, e->target);
      PangoLayout *nl = pack_layout (c, font, number_w, PANGO_ALIGN_RIGHT, num);
      PangoLayoutIter *it;
      PangoRectangle last;
      double h = pack_layout_height (l), baseline;
      int last_baseline = 0;

      if (e->level == 0 && i > 0)
        pack_canvas_skip (c, 6);
      pack_canvas_ensure (c, h + 3);
      pack_canvas_draw_layout (c, l, PACK_LEFT + indent, c->y);
      /* the page number sits on the last line, dotted leaders lead to it */
      it = pango_layout_get_iter (l);
      do
        {
          pango_layout_iter_get_line_extents (it, NULL, &last);
          last_baseline = pango_layout_iter_get_baseline (it);
        }
      while (pango_layout_iter_next_line (it));
      pango_layout_iter_free (it);
      baseline = c->y + last_baseline / (double) PANGO_SCALE;
      pack_canvas_draw_layout (c, nl, PACK_LEFT + PACK_WIDTH - number_w,
                               c->y + last.y / (double) PANGO_SCALE);
      {
        double x0 = PACK_LEFT + indent + (last.x + last.width) / (double) PANGO_SCALE + 4;
        double x1 = PACK_LEFT + PACK_WIDTH - pack_layout_width (nl) - 4;
        static const double dots[] = { 0.6, 2.4 };

        if (x1 > x0)
          {
            cairo_save (c->cr);
            cairo_set_source_rgb (c->cr, 0.45, 0.45, 0.5);
            cairo_set_line_width (c->cr, 0.8);
            cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_dash (c->cr, dots, 2, 0);
            cairo_move_to (c->cr, x0, baseline);
            cairo_line_to (c->cr, x1, baseline);
            cairo_stroke (c->cr);
            cairo_restore (c->cr);
          }
      }
      pack_canvas_add_link (c, PACK_LEFT + indent, c->y, PACK_WIDTH - indent, h, e->target);
      c->y += h + 3;
      g_object_unref (l);
      g_object_unref (nl);
    }
}

/* --- summary table --------------------------------------------------------------------------- */

static const PackColumn summary_columns[] = {
  { 34, PANGO_ALIGN_LEFT },
  { 166, PANGO_ALIGN_LEFT },
  { 38, PANGO_ALIGN_RIGHT },
  { 38, PANGO_ALIGN_RIGHT },
  { 42, PANGO_ALIGN_RIGHT },
  { 92, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 34 - 166 - 38 - 38 - 42 - 92, PANGO_ALIGN_LEFT },
};

static const char *const summary_headers[] = {
  "Mã", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Điểm tự chấm",
  "Điểm thẩm định", "Tài liệu kiểm chứng", "Ghi chú",
};

static const char *
doc_short (PackDoc *d)
{
  return d->doc->number != NULL && *d->doc->number != '\0' ? d->doc->number : NULL;
}

static void
summary_leaf_row (Pack          *p,
                  PackCanvas    *c,
                  PackTable     *t,
                  const ParNode *node,
                  PackRowStyle   style)
{
  const ParLeafScore *s = par_result_get_leaf (p->result, node->code);
  ParEntry *entry = g_hash_table_lookup (p->entry_by_code, node->code);
  GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, node->code);
  g_autofree char *code = pack_esc (node->code);
  g_autofree char *title = pack_esc (node->title);
  g_autofree char *max = par_format_points_sep (node->max, PACK_DECIMAL);
  g_autofree char *self = NULL;
  g_autofree char *appraised = NULL;
  g_autoptr(GString) refs = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (PackCellLink));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  const char *cells[7];

  switch (s != NULL ? s->state : PAR_SCORE_NOT_STARTED)
    {
    case PAR_SCORE_SCORED:
      self = s->has_self ? par_format_points_sep (s->self, PACK_DECIMAL) : g_strdup ("");
      break;
    case PAR_SCORE_NOT_APPLICABLE:
      self = g_strdup ("K/A");
      g_string_append (note, "Không áp dụng");
      break;
    case PAR_SCORE_SURVEY:
      self = g_strdup ("—");
      g_string_append (note, "Chấm qua điều tra XHH");
      break;
    case PAR_SCORE_INCOMPLETE:
      self = g_strdup ("");
      g_string_append (note, "Chưa nhập đủ số liệu");
      break;
    case PAR_SCORE_INVALID:
      self = g_strdup ("");
      g_string_append (note, "Số liệu không hợp lệ");
      break;
    case PAR_SCORE_NOT_STARTED:
    default:
      self = g_strdup ("");
      g_string_append (note, "Chưa chấm");
      break;
    }
  if (s != NULL && s->has_appraised)
    appraised = par_format_points_sep (s->appraised, PACK_DECIMAL);
  else if (s != NULL && s->has_survey)
    appraised = par_format_points_sep (s->survey, PACK_DECIMAL);
  if (node->kind == PAR_NODE_DEDUCTION || node->kind == PAR_NODE_BONUS)
    {
      if (note->len > 0)
        g_string_prepend (note, "; ");
      g_string_prepend (note, node->kind == PAR_NODE_DEDUCTION ? "Điểm trừ" : "Điểm cộng");
    }
  if (entry != NULL && entry->comment != NULL)
    {
      g_autofree char *cm = pack_esc (entry->comment);
      g_string_append_printf (note, "%s%s", note->len > 0 ? "; " : "", cm);
    }

  for (guint i = 0; cites != NULL && i < cites->len; i++)
    {
      Cite *cite = g_ptr_array_index (cites, i);
      const char *number = doc_short (cite->doc);
      char *ref = number != NULL ? g_strdup (number) : g_strdup_printf ("TL%02u", cite->doc->index + 1);
      g_autofree char *ref_e = pack_esc (ref);
      PackCellLink link = { 5, ref, pack_target (PACK_TARGET_DOCUMENT, cite->doc->index) };

      g_string_append_printf (refs, "%s%s", refs->len > 0 ? "\n" : "", ref_e);
      g_array_append_val (links, link);
      g_ptr_array_add (keep, ref);
    }

  cells[0] = code;
  cells[1] = title;
  cells[2] = max;
  cells[3] = self;
  cells[4] = appraised;
  cells[5] = refs->str;
  cells[6] = note->str;
  pack_table_row (c, t, cells, style, (PackCellLink *) links->data, links->len, pack_no_target);
}

static void
summary_total_row (Pack          *p,
                   PackCanvas    *c,
                   PackTable     *t,
                   const ParNode *node,
                   const char    *code,
                   const char    *title,
                   PackRowStyle   style)
{
  const ParNodeTotal *tot = par_result_get_total (p->result, node->kind == PAR_NODE_ROOT ? NULL : node->code);
  g_autofree char *code_e = pack_esc (code);
  g_autofree char *title_e = pack_esc (title);
  g_autofree char *max = par_format_points_sep (tot->max, PACK_DECIMAL);
  g_autofree char *self = par_format_points_sep (tot->self_total, PACK_DECIMAL);
  g_autofree char *appraised = tot->has_appraised ? par_format_points_sep (tot->final_total, PACK_DECIMAL) : NULL;
  g_autofree char *note = NULL;
  const char *cells[7];

  if (tot->applicable_max != tot->max)
    {
      g_autofree char *am = par_format_points_sep (tot->applicable_max, PACK_DECIMAL);
      note = g_strdup_printf ("Tối đa áp dụng %s", am);
    }
  if (node->kind == PAR_NODE_ROOT && tot->self_index >= 0)
    {
      g_autofree char *idx = par_format_percent_sep (tot->self_index, 2, PACK_DECIMAL, PAR_FORMAT_PERCENT);
      g_autofree char *prev = note;
      note = g_strdup_printf ("%s%sChỉ số %s", prev != NULL ? prev : "", prev != NULL ? "; " : "", idx);
    }
  cells[0] = code_e;
  cells[1] = title_e;
  cells[2] = max;
  cells[3] = self;
  cells[4] = appraised;
  cells[5] = NULL;
  cells[6] = note;
  pack_table_row (c, t, cells, style, NULL, 0,
                  node->kind == PAR_NODE_ROOT ? pack_no_target : pack_target (PACK_TARGET_NODE, node->node_index));
}

static void
draw_summary (Pack       *p,
              PackCanvas *c)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);
  const ParNodeTotal *root = par_result_get_total (p->result, NULL);
  g_autofree char *sub = NULL;
  g_autofree char *unit = pack_esc (p->unit->name);
  PackTable t;

  sub = g_strdup_printf ("%s — năm %d", unit, p->assessment->year);
  pack_section_title (p, c, SECTION_SUMMARY, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", sub);
  pack_table_init (&t, c, summary_columns, G_N_ELEMENTS (summary_columns), summary_headers);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);

      summary_total_row (p, c, &t, field, field->code, field->title, PACK_ROW_FIELD);
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);

          if (par_node_is_leaf (crit))
            {
              summary_leaf_row (p, c, &t, crit, PACK_ROW_CRITERION);
              continue;
            }
          summary_total_row (p, c, &t, crit, crit->code, crit->title, PACK_ROW_CRITERION);
          for (guint j = 0; j < crit->children->len; j++)
            summary_leaf_row (p, c, &t, g_ptr_array_index (crit->children, j), PACK_ROW_PLAIN);
        }
    }
  for (guint i = 0; i < adjustments->len; i++)
    summary_leaf_row (p, c, &t, g_ptr_array_index (adjustments, i), PACK_ROW_PLAIN);
  summary_total_row (p, c, &t, par_framework_get_root (p->fw), "", "TỔNG CỘNG", PACK_ROW_TOTAL);

  pack_canvas_skip (c, 10);
  {
    g_autofree char *self = par_format_points_sep (root->self_total, PACK_DECIMAL);
    g_autofree char *max = par_format_points_sep (root->applicable_max - root->pending_max, PACK_DECIMAL);
    gboolean scored = root->done > 0 && root->self_index >= 0;
    g_autofree char *idx = scored ? par_format_percent_sep (root->self_index, 2, PACK_DECIMAL, PAR_FORMAT_PERCENT) : g_strdup ("—");
    const ParBand *band = scored ? par_framework_band_for (p->fw, root->self_index) : NULL;
    g_autofree char *band_e = pack_esc (band != NULL ? band->name : "—");
    g_autofree char *text = g_strdup_printf ("Tổng điểm tự đánh giá <b>%s</b> trên <b>%s</b> điểm tối đa "
                                             "áp dụng; Chỉ số tự đánh giá <b>%s</b>, xếp loại <b>%s</b>. "
                                             "Điểm tối đa áp dụng không tính các tiêu chí không áp dụng "
                                             "(K/A)%s.", self, max, idx, band_e,
                                             root->pending_max > 0
                                               ? " và các tiêu chí chấm qua điều tra xã hội học chưa có kết quả"
                                               : "");
    pack_paragraph (c, c->fonts->body, text, 0, 0);
  }
}

/* --- charts ---------------------------------------------------------------------------------- */

/* The renderer's own words on the pack's charts, in the pack's Vietnamese whatever the program's
 * language (ParChartStyle.text); a text not listed stays the program's. */
static const char *
pack_chart_text (const char *msgid)
{
  static const struct { const char *en, *vi; } words[] = {
    { "No data", "Chưa có số liệu" },
    { "no data", "chưa có số liệu" },
    { "%s (no data)", "%s (chưa có số liệu)" },
    { "N/A", "K/A" },
    { "Not appraised", "Chưa thẩm định" },
    { "not appraised", "chưa thẩm định" },
    { "%s (not appraised)", "%s (chưa thẩm định)" },
    { "Not appraised: self-assessed score", "Chưa thẩm định: điểm tự đánh giá" },
    { "no final score", "chưa có điểm sau thẩm định" },
    { "Difference (points)", "Chênh lệch (điểm)" },
    { "points", "điểm" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (msgid, words[i].en))
      return words[i].vi;
  return NULL;
}

static void
draw_charts (Pack       *p,
             PackCanvas *c)
{
  ParChartStyle style;
  g_autoptr(ParChartModel) fields = NULL;
  g_autoptr(ParChartModel) total = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *unit = pack_esc (p->unit->name);
  double h1 = 330, h2 = 290;

  sub = g_strdup_printf ("%s — các năm đã đánh giá", unit);
  pack_section_title (p, c, SECTION_CHARTS, "BIỂU ĐỒ KẾT QUẢ QUA CÁC NĂM", sub);
  par_chart_style_init (&style, PAR_CHART_PALETTE_LIGHT);
  style.font_family = p->font_family;
  style.font_size = 9;
  style.scale = 1;
  style.decimal_separator = ',';
  style.text = pack_chart_text;

  fields = par_chart_model_new_for_unit (PAR_CHART_FIELDS, p->unit->name, p->chart_results,
                                         (const int *) p->chart_years->data, PAR_COLUMN_FINAL);
  total = par_chart_model_new_for_unit (PAR_CHART_TOTAL, p->unit->name, p->chart_results,
                                        (const int *) p->chart_years->data, PAR_COLUMN_FINAL);
  /* the charts name the score column they show, in the pack's language */
  par_chart_model_set_column (fields, "Sau thẩm định");
  par_chart_model_set_column (total, "Sau thẩm định");
  /* the renderers' titles follow the program's language; the pack is in Vietnamese */
  g_free (fields->title);
  fields->title = g_strdup ("Chỉ số từng lĩnh vực qua các năm");
  /* what the bars measure goes under the title, which the column's name lengthens */
  {
    char *subtitle = g_strdup_printf ("%s · %% điểm tối đa áp dụng",
                                      fields->subtitle != NULL ? fields->subtitle : "");
    g_free (fields->subtitle);
    fields->subtitle = subtitle;
  }
  g_free (total->title);
  total->title = g_strdup ("Chỉ số cải cách hành chính qua các năm");
  par_chart_model_set_empty_message (fields, "Chưa có số liệu");
  par_chart_model_set_empty_message (total, "Chưa có số liệu");
  for (guint i = 0; i < total->series->len && i < 2; i++)
    {
      ParChartSeries *series = g_ptr_array_index (total->series, i);
      g_free (series->name);
      series->name = g_strdup (i == 0 ? "Tự đánh giá" : "Sau thẩm định");
    }
  cairo_save (c->cr);
  cairo_translate (c->cr, PACK_LEFT, c->y);
  par_chart_render_fields (fields, c->cr, PACK_WIDTH, h1, &style);
  cairo_restore (c->cr);
  c->y += h1 + 18;
  cairo_save (c->cr);
  cairo_translate (c->cr, PACK_LEFT, c->y);
  par_chart_render_total (total, c->cr, PACK_WIDTH, h2, &style);
  cairo_restore (c->cr);
  c->y += h2;
}

/* --- details --------------------------------------------------------------------------------- */

static const PackColumn evidence_columns[] = {
  { 30, PANGO_ALIGN_LEFT },
  { 96, PANGO_ALIGN_LEFT },
  { 92, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 30 - 96 - 92 - 56 - 34, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_LEFT },
  { 34, PANGO_ALIGN_RIGHT },
};

static const char *const evidence_headers[] = {
  "TL", "Số, ký hiệu; ngày", "Cơ quan ban hành", "Trích yếu", "Phần, trang", "Trang",
};

static void
draw_leaf (Pack          *p,
           PackCanvas    *c,
           const ParNode *leaf)
{
  const ParLeafScore *s = par_result_get_leaf (p->result, leaf->code);
  ParEntry *entry = g_hash_table_lookup (p->entry_by_code, leaf->code);
  GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, leaf->code);
  g_autofree char *code = pack_esc (leaf->code);
  g_autofree char *title = pack_esc (leaf->title);
  g_autofree char *max = par_format_points_sep (leaf->max, PACK_DECIMAL);
  g_autofree char *heading = g_strdup_printf ("%s. %s <span weight=\"normal\" size=\"smaller\">"
                                              "(tối đa %s điểm)</span>", code, title, max);
  PangoLayout *l = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT, heading);

  /* a heading never ends a page alone */
  pack_canvas_ensure (c, pack_layout_height (l) + 40);
  pack_canvas_skip (c, 6);
  pack_mark (p, c, &p->nodes[leaf->node_index]);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  pack_canvas_skip (c, 4);

  {
    g_autofree char *desc = pack_esc (leaf->description != NULL ? leaf->description
                                                                : rule_fallback_vi (leaf->rule->type));
    pack_key_value (c, "Cách chấm", desc);
  }
  if (leaf->inputs->len > 0)
    {
      g_autoptr(GString) figures = g_string_new (NULL);

      for (guint i = 0; i < leaf->inputs->len; i++)
        {
          const ParInput *in = g_ptr_array_index (leaf->inputs, i);
          g_autofree char *label = pack_esc (in->label);
          g_autofree char *value = fmt_input_value (in, entry != NULL ? par_entry_get_input (entry, in->id) : NULL);

          g_string_append_printf (figures, "%s%s: %s", i > 0 ? "\n" : "", label, value);
        }
      pack_key_value (c, "Số liệu", figures->str);
    }
  {
    /* where its figures were kept: the registers, linked to their pages */
    g_autofree char *books = pack_leaf_books (p, leaf);
    if (books != NULL)
      pack_key_value (c, "Lấy từ sổ", books);
  }
  /* how the score was computed; a survey item or an N/A one has nothing to compute */
  if (s != NULL && s->explanation != NULL && *s->explanation != '\0' &&
      s->state != PAR_SCORE_SURVEY && s->state != PAR_SCORE_NOT_APPLICABLE)
    {
      g_autofree char *ex = pack_esc (s->explanation);
      pack_key_value (c, "Cách tính", ex);
    }
  {
    g_autofree char *score = NULL;

    switch (s != NULL ? s->state : PAR_SCORE_NOT_STARTED)
      {
      case PAR_SCORE_SCORED:
        {
          g_autofree char *v = par_format_points_sep (s->self, PACK_DECIMAL);
          score = g_strdup_printf ("<b>%s</b> / %s", v, max);
          break;
        }
      case PAR_SCORE_NOT_APPLICABLE:
        score = g_strdup ("<b>Không áp dụng</b> (không tính vào điểm tối đa)");
        break;
      case PAR_SCORE_SURVEY:
        score = g_strdup ("Chấm qua điều tra xã hội học");
        break;
      case PAR_SCORE_INCOMPLETE:
        score = g_strdup ("<i>Chưa nhập đủ số liệu</i>");
        break;
      case PAR_SCORE_INVALID:
        score = g_strdup ("<i>Số liệu không hợp lệ</i>");
        break;
      default:
        score = g_strdup ("<i>Chưa chấm</i>");
      }
    pack_key_value (c, "Điểm tự chấm", score);
  }
  if (s != NULL && (s->has_appraised || s->has_survey))
    {
      g_autofree char *v = par_format_points_sep (s->has_appraised ? s->appraised : s->survey, PACK_DECIMAL);
      g_autofree char *text = g_strdup_printf ("<b>%s</b> / %s%s", v, max,
                                               s->has_appraised ? "" : " (điều tra xã hội học)");
      pack_key_value (c, "Điểm thẩm định", text);
    }
  if (entry != NULL && entry->comment != NULL && *entry->comment != '\0')
    {
      g_autofree char *cm = pack_esc (entry->comment);
      pack_key_value (c, "Ý kiến thẩm định", cm);
    }
  if (entry != NULL && entry->explanation != NULL && *entry->explanation != '\0')
    {
      g_autofree char *ex = pack_esc (entry->explanation);
      pack_key_value (c, "Giải trình", ex);
    }
  if (cites == NULL || cites->len == 0)
    {
      pack_key_value (c, "Tài liệu kiểm chứng", "<i>Chưa có tài liệu kiểm chứng</i>");
      return;
    }
  {
    PackTable t;
    PangoLayout *lab = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT,
                                    "Tài liệu kiểm chứng:");

    pack_canvas_ensure (c, pack_layout_height (lab) + 40);
    pack_canvas_flow (c, lab, PACK_LEFT);
    g_object_unref (lab);
    pack_canvas_skip (c, 2);
    pack_table_init (&t, c, evidence_columns, G_N_ELEMENTS (evidence_columns), evidence_headers);
    for (guint i = 0; i < cites->len; i++)
      {
        Cite *cite = g_ptr_array_index (cites, i);
        const ParDocument *d = cite->doc->doc;
        g_autofree char *tl = g_strdup_printf ("TL%02u", cite->doc->index + 1);
        g_autofree char *number = pack_esc (d->number);
        g_autofree char *date = par_format_date_dmy (d->issue_date);
        g_autofree char *num_date = g_strdup_printf ("%s%s%s", number, *date != '\0' ? "\nngày " : "", date);
        g_autofree char *issuer = pack_esc (d->issuer);
        g_autofree char *summary = pack_esc (d->summary);
        g_autofree char *where = NULL;
        g_autofree char *page = pack_page_label (p, pack_target (PACK_TARGET_DOCUMENT, cite->doc->index));
        const char *cells[6];

        {
          g_autofree char *sec = pack_esc (cite->link->section);
          g_autofree char *pages = pack_esc (cite->link->pages);
          where = g_strdup_printf ("%s%s%s%s", sec, cite->link->section != NULL && cite->link->pages != NULL ? ", " : "",
                                   cite->link->pages != NULL ? "tr. " : "", pages);
        }
        cells[0] = tl;
        cells[1] = num_date;
        cells[2] = issuer;
        cells[3] = summary;
        cells[4] = where;
        cells[5] = page;
        pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0,
                        pack_target (PACK_TARGET_DOCUMENT, cite->doc->index));
      }
    pack_canvas_skip (c, 4);
  }
}

static void
node_heading (Pack          *p,
              PackCanvas    *c,
              const ParNode *node,
              const char    *markup,
              const PangoFontDescription *font,
              gboolean       band)
{
  PangoLayout *l = pack_layout (c, font, PACK_WIDTH - 8, PANGO_ALIGN_LEFT, markup);
  double h = pack_layout_height (l);

  pack_canvas_ensure (c, h + 90);
  pack_canvas_skip (c, band ? 10 : 6);
  pack_mark (p, c, &p->nodes[node->node_index]);
  if (band)
    {
      cairo_rectangle (c->cr, PACK_LEFT, c->y - 3, PACK_WIDTH, h + 6);
      cairo_set_source_rgb (c->cr, 0.91, 0.93, 0.96);
      cairo_fill (c->cr);
      cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
    }
  pack_canvas_draw_layout (c, l, PACK_LEFT + (band ? 4 : 0), c->y);
  c->y += h + (band ? 8 : 4);
  g_object_unref (l);
}

static void
draw_details (Pack       *p,
              PackCanvas *c)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);

  pack_section_title (p, c, SECTION_DETAILS, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", NULL);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      const ParNodeTotal *ft = par_result_get_total (p->result, field->code);
      g_autofree char *title = pack_esc (field->title);
      g_autofree char *self = par_format_points_sep (ft->self_total, PACK_DECIMAL);
      g_autofree char *max = par_format_points_sep (ft->max, PACK_DECIMAL);
      g_autofree char *h = g_strdup_printf ("LĨNH VỰC %s. %s  <span weight=\"normal\">(%s / %s điểm)</span>",
                                            field->code, title, self, max);

      node_heading (p, c, field, h, c->fonts->heading, TRUE);
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);

          if (par_node_is_leaf (crit))
            {
              draw_leaf (p, c, crit);
              continue;
            }
          {
            g_autofree char *ct = pack_esc (crit->title);
            g_autofree char *cmax = par_format_points_sep (crit->max, PACK_DECIMAL);
            g_autofree char *ch = g_strdup_printf ("Tiêu chí %s. %s <span weight=\"normal\">(tối đa %s điểm)</span>",
                                                   crit->code, ct, cmax);
            node_heading (p, c, crit, ch, c->fonts->bold, FALSE);
          }
          for (guint j = 0; j < crit->children->len; j++)
            draw_leaf (p, c, g_ptr_array_index (crit->children, j));
        }
    }
  if (adjustments->len > 0)
    {
      const ParNode *first = g_ptr_array_index (adjustments, 0);
      /* the adjustments share one heading; it is the first one's anchor too */
      node_heading (p, c, first, "ĐIỂM TRỪ, ĐIỂM CỘNG", c->fonts->heading, TRUE);
      for (guint i = 0; i < adjustments->len; i++)
        {
          PackTarget keep = p->nodes[first->node_index];
          draw_leaf (p, c, g_ptr_array_index (adjustments, i));
          if (i == 0)
            p->nodes[first->node_index] = keep;
        }
    }
}

void
pack_draw_front (Pack       *p,
                 PackCanvas *c)
{
  draw_cover (p, c);
  draw_contents (p, c);
  draw_summary (p, c);
  if (p->opts.charts)
    draw_charts (p, c);
  draw_details (p, c);
  if (p->books->len > 0)
    pack_draw_books (p, c);
}
