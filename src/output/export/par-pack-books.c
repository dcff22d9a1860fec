/* par-pack-books.c — the evidence pack's section of the office's books (issue 13): for each
 * register of the year's set, its table (every row, the columns by their labels, dates
 * dd/mm/yyyy, Vietnamese numbers; a long table flows across pages under its repeated header),
 * then the figures computed from it with where each came from ("from register procedure_stats:
 * sum (early + on_time) 4,891 over 4 rows = 4,891") and the sub-criteria each feeds with their
 * points — so the province sees where each number of the self-assessment came from.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "par-pack-private.h"

/* A column's width in points by its type (a date, a number, a choice fit on one line at the
 * table's font); 0 for text, which shares what is left. */
static double
fixed_width (const ParRegisterColumn *col)
{
  switch (col->type)
    {
    case PAR_COLUMN_DATE:    return 52;
    case PAR_COLUMN_INTEGER: return 44;
    case PAR_COLUMN_DECIMAL: return 48;
    case PAR_COLUMN_YES_NO:  return 56;
    case PAR_COLUMN_CHOICE:  return 66;
    case PAR_COLUMN_TEXT:
    default:                 return 0;
    }
}

static PangoAlignment
column_align (const ParRegisterColumn *col)
{
  switch (col->type)
    {
    case PAR_COLUMN_INTEGER:
    case PAR_COLUMN_DECIMAL:
      return PANGO_ALIGN_RIGHT;
    case PAR_COLUMN_DATE:
    case PAR_COLUMN_YES_NO:
      return PANGO_ALIGN_CENTER;
    default:
      return PANGO_ALIGN_LEFT;
    }
}

/* A stored cell as the pack shows it (markup): the core's reading of a cell (14/01/2020, 4.891,
 * 99,5, a choice's label) with the pack's Vietnamese "Có" / "Không"; NULL for an empty cell. */
static char *
cell_markup (const ParRegisterColumn *col,
             const char              *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || *value == '\0')
    return NULL;
  text = par_register_cell_display_words (col, value, PACK_DECIMAL, "Có", "Không");
  return pack_esc (text);
}

/* Whether the leaf's rule reads @figure. */
static gboolean
leaf_reads (const ParNode   *leaf,
            const ParFigure *figure)
{
  for (guint i = 0; leaf->figures != NULL && i < leaf->figures->len; i++)
    if (g_ptr_array_index (leaf->figures, i) == figure)
      return TRUE;
  return FALSE;
}

static void
draw_rows (Pack       *p,
           PackCanvas *c,
           PackBook   *b)
{
  const ParRegister *reg = b->reg;
  guint n_cols = reg->columns->len + 1 + (b->linked ? 1 : 0);
  g_autofree PackColumn *columns = g_new0 (PackColumn, n_cols);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  const double number_w = 24;
  /* the linked document: its number/symbol and the page where it starts in the pack */
  const double doc_w = b->linked ? 84 : 0;
  double fixed = doc_w, scale = 1, text_w = 0;
  guint n_text = 0;
  PackTable t;

  /* Dates and numbers keep their width; text columns share the rest (a wide register is scaled
   * down as a whole when even that does not fit). */
  for (guint i = 0; i < reg->columns->len; i++)
    {
      double w = fixed_width (g_ptr_array_index (reg->columns, i));
      fixed += w;
      n_text += w == 0;
    }
  if (fixed + n_text * 60 > PACK_WIDTH - number_w)
    scale = (PACK_WIDTH - number_w) / (fixed + n_text * 60);
  if (n_text > 0)
    text_w = (PACK_WIDTH - number_w - fixed * scale) / n_text;
  columns[0] = (PackColumn) { number_w, PANGO_ALIGN_RIGHT };
  g_ptr_array_add (headers, g_strdup ("TT"));
  for (guint i = 0; i < reg->columns->len; i++)
    {
      const ParRegisterColumn *col = g_ptr_array_index (reg->columns, i);
      double w = fixed_width (col);

      /* no text column: the numbers share the page's width */
      if (n_text == 0)
        w = w * (PACK_WIDTH - number_w) / fixed;
      else
        w = w > 0 ? w * scale : text_w;
      columns[i + 1] = (PackColumn) { w, column_align (col) };
      g_ptr_array_add (headers, pack_esc (col->label));
    }
  if (b->linked)
    {
      columns[n_cols - 1] = (PackColumn) { n_text == 0 ? doc_w * (PACK_WIDTH - number_w) / fixed
                                                       : doc_w * scale, PANGO_ALIGN_LEFT };
      g_ptr_array_add (headers, g_strdup ("Văn bản"));
    }
  pack_table_init (&t, c, columns, n_cols, (const char *const *) headers->pdata);
  for (guint r = 0; r < par_register_rows_count (b->rows); r++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      PackDoc *d = b->linked ? g_ptr_array_index (b->docs, r) : NULL;
      PackCellLink link = { n_cols - 1, NULL, pack_no_target };

      g_ptr_array_add (cells, g_strdup_printf ("%u", r + 1));
      for (guint i = 0; i < reg->columns->len; i++)
        g_ptr_array_add (cells, cell_markup (g_ptr_array_index (reg->columns, i),
                                             par_register_rows_get (b->rows, r, i)));
      if (d != NULL)
        {
          g_autofree char *ref = pack_esc (d->ref);
          g_autofree char *page = pack_page_label (p, pack_target (PACK_TARGET_DOCUMENT, d->index));

          g_ptr_array_add (cells, g_strdup_printf ("%s%s%s", ref, *page != '\0' ? "\ntr. " : "", page));
          link.text = d->ref;
          link.target = pack_target (PACK_TARGET_DOCUMENT, d->index);
        }
      else if (b->linked)
        g_ptr_array_add (cells, NULL);
      /* the number links to the document's first page */
      pack_table_row (c, &t, (const char *const *) cells->pdata, PACK_ROW_PLAIN, &link,
                      d != NULL ? 1 : 0, pack_no_target);
    }
}

static const PackColumn figure_columns[] = {
  { 130, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_RIGHT },
  { 187, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 130 - 56 - 187, PANGO_ALIGN_LEFT },
};

static const char *const figure_headers[] = {
  "Số liệu", "Giá trị", "Cách tính từ sổ", "Tiêu chí thành phần sử dụng, điểm",
};

/* The figures the register gives: value, provenance, and the sub-criteria that read each with
 * their points (linked to their pages). */
static void
draw_figures (Pack       *p,
              PackCanvas *c,
              PackBook   *b)
{
  GPtrArray *leaves = par_framework_get_leaves (p->fw);
  PackTable t;

  pack_table_init (&t, c, figure_columns, G_N_ELEMENTS (figure_columns), figure_headers);
  for (guint i = 0; i < b->reg->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (b->reg->figures, i);
      ParExprValue v = par_figure_result_get_value (p->figures, figure);
      g_autofree char *label = pack_esc (figure->label);
      g_autofree char *id = pack_esc (figure->id);
      g_autofree char *name = g_strdup_printf ("%s <span size=\"smaller\" foreground=\"#555\">(%s)</span>",
                                               label, id);
      g_autofree char *value = par_expr_value_is_value (&v) ? par_expr_value_format (&v, PACK_DECIMAL)
                                                            : g_strdup ("chưa có");
      g_autofree char *value_e = pack_esc (value);
      g_autofree char *how_text = par_figure_result_explain (p->figures, figure, PACK_DECIMAL);
      g_autofree char *how = pack_esc (how_text);
      g_autoptr(GString) feeds = g_string_new (NULL);
      g_autoptr(GArray) links = g_array_new (FALSE, TRUE, sizeof (PackCellLink));
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      const char *cells[4];

      for (guint k = 0; k < leaves->len; k++)
        {
          const ParNode *leaf = g_ptr_array_index (leaves, k);
          const ParLeafScore *s;
          g_autofree char *code = NULL;
          g_autofree char *max = NULL;

          if (!leaf_reads (leaf, figure))
            continue;
          s = par_result_get_leaf (p->result, leaf->code);
          code = pack_esc (leaf->code);
          max = par_format_points_sep (leaf->max, PACK_DECIMAL);
          if (feeds->len > 0)
            g_string_append_c (feeds, '\n');
          if (s != NULL && s->state == PAR_SCORE_SCORED)
            {
              g_autofree char *self = par_format_points_sep (s->self, PACK_DECIMAL);
              g_string_append_printf (feeds, "%s: <b>%s</b> / %s điểm", code, self, max);
            }
          else if (s != NULL && s->state == PAR_SCORE_NOT_APPLICABLE)
            g_string_append_printf (feeds, "%s: không áp dụng", code);
          else
            g_string_append_printf (feeds, "%s: chưa chấm (tối đa %s điểm)", code, max);
          g_ptr_array_add (codes, leaf->code);
          {
            PackCellLink link = { 3, leaf->code, pack_target (PACK_TARGET_NODE, leaf->node_index) };
            g_array_append_val (links, link);
          }
        }
      cells[0] = name;
      cells[1] = value_e;
      cells[2] = how;
      cells[3] = feeds->len > 0 ? feeds->str : "—";
      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, (const PackCellLink *) (gpointer) links->data,
                      links->len, pack_no_target);
    }
}

static void
book_heading (Pack       *p,
              PackCanvas *c,
              PackBook   *b,
              guint       index)
{
  g_autofree char *label = pack_esc (b->reg->label);
  guint n = par_register_rows_count (b->rows);
  g_autofree char *count = par_format_thousands (n, PACK_DECIMAL);
  g_autofree char *markup = g_strdup_printf ("SỔ %u. %s  <span weight=\"normal\">(%s dòng)</span>",
                                             index + 1, label, count);
  PangoLayout *l = pack_layout (c, c->fonts->heading, PACK_WIDTH - 8, PANGO_ALIGN_LEFT, markup);
  double h = pack_layout_height (l);

  /* a heading never ends a page alone: it keeps the table's header and a row or two */
  pack_canvas_ensure (c, h + 80);
  pack_canvas_skip (c, 10);
  pack_mark (p, c, &b->target);
  cairo_rectangle (c->cr, PACK_LEFT, c->y - 3, PACK_WIDTH, h + 6);
  cairo_set_source_rgb (c->cr, 0.91, 0.93, 0.96);
  cairo_fill (c->cr);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  pack_canvas_draw_layout (c, l, PACK_LEFT + 4, c->y);
  c->y += h + 8;
  g_object_unref (l);
}

void
pack_draw_books (Pack       *p,
                 PackCanvas *c)
{
  g_autofree char *unit = pack_esc (p->unit->name);
  g_autofree char *sub = g_strdup_printf ("%s — năm %d", unit, p->assessment->year);

  pack_section_title (p, c, SECTION_BOOKS, "SỔ THEO DÕI", sub);
  pack_paragraph (c, c->fonts->body,
                  "Các sổ đơn vị ghi chép trong năm, đủ từng dòng; dưới mỗi sổ là các số liệu tính "
                  "từ sổ, cách tính và các tiêu chí thành phần sử dụng số liệu đó.", 0, 6);
  for (guint i = 0; i < p->books->len; i++)
    {
      PackBook *b = g_ptr_array_index (p->books, i);

      book_heading (p, c, b, i);
      if (par_register_rows_count (b->rows) == 0)
        pack_paragraph (c, c->fonts->italic,
                        "Sổ chưa có dòng nào: các số liệu tính từ sổ chưa có.", 0, 4);
      else
        draw_rows (p, c, b);
      if (b->reg->figures->len > 0)
        {
          pack_canvas_skip (c, 6);
          /* the caption stays with the table's header and first row */
          pack_canvas_ensure (c, 70);
          pack_paragraph (c, c->fonts->bold, "Số liệu tính từ sổ", 0, 2);
          draw_figures (p, c, b);
        }
    }
}

char *
pack_leaf_books (Pack          *p,
                 const ParNode *leaf)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; p->books != NULL && i < p->books->len; i++)
    {
      PackBook *b = g_ptr_array_index (p->books, i);
      gboolean reads = FALSE;

      for (guint k = 0; k < b->reg->figures->len && !reads; k++)
        reads = leaf_reads (leaf, g_ptr_array_index (b->reg->figures, k));
      if (!reads)
        continue;
      {
        g_autofree char *label = pack_esc (b->reg->label);
        g_autofree char *page = pack_page_label (p, pack_target (PACK_TARGET_REGISTER, i));

        g_string_append_printf (out, "%s%s%s%s%s", out->len > 0 ? "; " : "", label,
                                *page != '\0' ? " (tr. " : "", page, *page != '\0' ? ")" : "");
      }
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}
