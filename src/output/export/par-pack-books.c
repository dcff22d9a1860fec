/* par-pack-books.c — the evidence pack's section of the office's books (issue 13): for each
 * register of the year's set, its table (every row, the columns by their labels, dates
 * dd/mm/yyyy, Vietnamese numbers; a long table flows across pages under its repeated header; each
 * column as wide as what it shows needs, a table too wide for a portrait page on landscape ones,
 * one too wide for those in parts of as many columns as fit),
 * then the figures computed from it with where each came from ("from the register “Thống kê giải quyết TTHC theo kỳ”:
 * sum (early + on_time) 4,891 over 4 rows = 4,891") and the sub-criteria each feeds with their
 * points — so the province sees where each number of the self-assessment came from.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "par-pack-private.h"

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

/* A text column wraps anywhere; below this it would read a word a line. */
#define TEXT_MIN_W 60.0
/* The document column: its number/symbol wraps only when longer than this. */
#define DOC_MAX_W  120.0
#define LANDSCAPE_W (PACK_PAGE_H - PACK_LEFT - PACK_RIGHT)
#define CHOICE_WANT_W 80.0

/* A comfortable width for a column of this type when the page has room (what a date, a number,
 * a yes/no needs is measured: this only spares their headers a word a line). */
static double
want_width (const ParRegisterColumn *col)
{
  switch (col->type)
    {
    case PAR_COLUMN_DATE:    return 52;
    case PAR_COLUMN_INTEGER: return 44;
    case PAR_COLUMN_DECIMAL: return 48;
    case PAR_COLUMN_YES_NO:  return 56;
    case PAR_COLUMN_CHOICE:  return 66;
    case PAR_COLUMN_TEXT:
    default:                 return TEXT_MIN_W;
    }
}

/* How a register's table is laid out: each column's width measured from what it shows (a
 * number, a date, a yes/no never wraps; a choice wraps between its words; text anywhere), on a
 * portrait page when it fits, else on landscape pages, else in parts of as many columns as fit,
 * each under the row numbers (and the document column with the last part). */
typedef struct {
  guint    n_rows, n_cols;
  char   **cells;        /* n_rows × n_cols markup, NULL for an empty cell */
  char   **docs;         /* per row: the document's number and page, NULL for none */
  double  *need;         /* per column: its width, at least */
  double  *want;         /* per column: a comfortable width (≥ need), when the page has room */
  gboolean *wraps;       /* per column: text, which takes the width left over */
  double   number_w;     /* the row numbers */
  double   doc_w;        /* 0: no row links a document */
  gboolean landscape;
  double   width;        /* of the page's text */
  GArray  *bands;        /* of guint: the first column of each part, then n_cols */
} TablePlan;

static void
table_plan_free (TablePlan *plan)
{
  for (guint i = 0; i < plan->n_rows * plan->n_cols; i++)
    g_free (plan->cells[i]);
  for (guint r = 0; plan->docs != NULL && r < plan->n_rows; r++)
    g_free (plan->docs[r]);
  g_free (plan->cells);
  g_free (plan->docs);
  g_free (plan->need);
  g_free (plan->want);
  g_free (plan->wraps);
  g_clear_pointer (&plan->bands, g_array_unref);
}

static double
band_need (const TablePlan *plan,
           guint            first,
           guint            end)
{
  double w = plan->number_w + (end == plan->n_cols ? plan->doc_w : 0);

  for (guint i = first; i < end; i++)
    w += plan->need[i];
  return w;
}

/* The first column of each part: as many columns as fit the page's width, at most @most. */
static void
split_bands (const TablePlan *plan,
             guint            most,
             GArray          *bands)
{
  guint first = 0;

  g_array_append_val (bands, first);
  for (guint i = 1; i < plan->n_cols; i++)
    if (i - first >= most || band_need (plan, first, i + 1) > plan->width)
      {
        first = i;
        g_array_append_val (bands, first);
      }
}

static void
table_plan (Pack       *p,
            PackCanvas *c,
            PackBook   *b,
            TablePlan  *plan)
{
  const ParRegister *reg = b->reg;
  const PangoFontDescription *font = c->fonts->table, *bold = c->fonts->table_bold;
  g_autofree char *last_number = NULL;
  memset (plan, 0, sizeof *plan);
  plan->n_rows = par_register_rows_count (b->rows);
  plan->n_cols = reg->columns->len;
  plan->cells = g_new0 (char *, MAX (1, plan->n_rows * plan->n_cols));
  plan->need = g_new0 (double, plan->n_cols);
  plan->want = g_new0 (double, plan->n_cols);
  plan->wraps = g_new0 (gboolean, plan->n_cols);
  last_number = g_strdup_printf ("%u", plan->n_rows);
  plan->number_w = MAX (pack_table_cell_width (c, font, last_number),
                        pack_table_word_width (c, bold, "TT"));
  for (guint i = 0; i < plan->n_cols; i++)
    {
      const ParRegisterColumn *col = g_ptr_array_index (reg->columns, i);
      g_autofree char *header = pack_esc (col->label);

      plan->wraps[i] = col->type == PAR_COLUMN_TEXT;
      plan->need[i] = pack_table_word_width (c, bold, header);
      if (plan->wraps[i])
        plan->need[i] = MAX (plan->need[i], TEXT_MIN_W);
      for (guint r = 0; r < plan->n_rows; r++)
        {
          char *cell = cell_markup (col, par_register_rows_get (b->rows, r, i));

          plan->cells[r * plan->n_cols + i] = cell;
          if (cell == NULL || plan->wraps[i])
            continue;
          /* a choice's label may wrap between its words; a number, a date, a yes/no never */
          plan->need[i] = MAX (plan->need[i], col->type == PAR_COLUMN_CHOICE
                                                ? pack_table_word_width (c, font, cell)
                                                : pack_table_cell_width (c, font, cell));
          if (col->type == PAR_COLUMN_CHOICE)
            plan->want[i] = MAX (plan->want[i], MIN (CHOICE_WANT_W, pack_table_cell_width (c, font, cell)));
        }
      /* room for the header's words on two or three lines, a choice's label on one */
      plan->want[i] = MAX (plan->need[i], MAX (plan->want[i], want_width (col)));
    }
  if (b->linked)
    {
      plan->docs = g_new0 (char *, MAX (1, plan->n_rows));
      plan->doc_w = pack_table_cell_width (c, bold, "Văn bản");
      for (guint r = 0; r < plan->n_rows; r++)
        {
          PackDoc *d = g_ptr_array_index (b->docs, r);
          g_autofree char *ref = NULL;
          g_autofree char *page = NULL;

          if (d == NULL)
            continue;
          ref = pack_esc (d->ref);
          page = pack_page_label (p, pack_target (PACK_TARGET_DOCUMENT, d->index));
          plan->docs[r] = g_strdup_printf ("%s%s%s", ref, *page != '\0' ? "\ntr. " : "", page);
          /* the page number is not known while measuring: room for four digits */
          plan->doc_w = MAX (plan->doc_w, MIN (DOC_MAX_W, MAX (pack_table_cell_width (c, font, ref),
                                                               pack_table_cell_width (c, font, "tr. 8888"))));
        }
    }

  plan->landscape = band_need (plan, 0, plan->n_cols) > PACK_WIDTH;
  plan->width = plan->landscape ? LANDSCAPE_W : PACK_WIDTH;
  /* parts of as many columns as fit (at least one each), then as even as that many parts allow:
   * not two full parts and a third of a few columns stretched across the page */
  plan->bands = g_array_new (FALSE, FALSE, sizeof (guint));
  split_bands (plan, plan->n_cols, plan->bands);
  if (plan->bands->len > 1)
    {
      guint n_parts = plan->bands->len;
      g_autoptr(GArray) even = g_array_new (FALSE, FALSE, sizeof (guint));

      split_bands (plan, (plan->n_cols + n_parts - 1) / n_parts, even);
      if (even->len == n_parts)
        {
          g_array_unref (plan->bands);
          plan->bands = g_steal_pointer (&even);
        }
    }
  g_array_append_val (plan->bands, plan->n_cols);
}

/* One part of the table: the row numbers, columns [first, end), the document column with the
 * last part; the width left over goes to the text columns, or to all when none wraps. */
static void
draw_band (Pack            *p,
           PackCanvas      *c,
           PackBook        *b,
           const TablePlan *plan,
           guint            first,
           guint            end)
{
  const ParRegister *reg = b->reg;
  gboolean with_doc = plan->doc_w > 0 && end == plan->n_cols;
  guint n = 1 + (end - first) + (with_doc ? 1 : 0);
  g_autofree PackColumn *columns = g_new0 (PackColumn, n);
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  double spare = plan->width - band_need (plan, first, end), grow = 0, wanted = 0, to_want;
  guint n_wraps = 0;
  PackTable t;

  for (guint i = first; i < end; i++)
    {
      n_wraps += plan->wraps[i];
      grow += plan->need[i];
      wanted += plan->want[i] - plan->need[i];
    }
  /* the room left goes first towards each column's comfortable width, then to the text */
  to_want = wanted > 0 ? MIN (1, MAX (0, spare) / wanted) : 0;
  spare = MAX (0, spare - wanted * to_want);
  columns[0] = (PackColumn) { plan->number_w, PANGO_ALIGN_RIGHT };
  g_ptr_array_add (headers, g_strdup ("TT"));
  for (guint i = first; i < end; i++)
    {
      const ParRegisterColumn *col = g_ptr_array_index (reg->columns, i);
      double w = plan->need[i] + (plan->want[i] - plan->need[i]) * to_want;

      if (spare > 0 && n_wraps > 0)
        w += plan->wraps[i] ? spare / n_wraps : 0;
      else if (spare > 0 && grow > 0)
        w += spare * plan->need[i] / grow;
      columns[1 + i - first] = (PackColumn) { w, column_align (col) };
      g_ptr_array_add (headers, pack_esc (col->label));
    }
  if (with_doc)
    {
      columns[n - 1] = (PackColumn) { plan->doc_w, PANGO_ALIGN_LEFT };
      g_ptr_array_add (headers, g_strdup ("Văn bản"));
    }
  pack_table_init (&t, c, columns, n, (const char *const *) headers->pdata);
  for (guint r = 0; r < plan->n_rows; r++)
    {
      g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
      PackDoc *d = with_doc ? g_ptr_array_index (b->docs, r) : NULL;
      PackCellLink link = { n - 1, NULL, pack_no_target };

      g_ptr_array_add (cells, g_strdup_printf ("%u", r + 1));
      for (guint i = first; i < end; i++)
        g_ptr_array_add (cells, g_strdup (plan->cells[r * plan->n_cols + i]));
      if (with_doc)
        g_ptr_array_add (cells, g_strdup (plan->docs[r]));
      if (d != NULL)
        {
          link.text = d->ref;
          link.target = pack_target (PACK_TARGET_DOCUMENT, d->index);
        }
      /* the number links to the document's first page */
      pack_table_row (c, &t, (const char *const *) cells->pdata, PACK_ROW_PLAIN, &link,
                      d != NULL ? 1 : 0, pack_no_target);
    }
}

static void
draw_rows (Pack            *p,
           PackCanvas      *c,
           PackBook        *b,
           const TablePlan *plan)
{
  guint n_bands = plan->bands->len - 1;

  for (guint k = 0; k < n_bands; k++)
    {
      guint first = g_array_index (plan->bands, guint, k);
      guint end = g_array_index (plan->bands, guint, k + 1);

      if (n_bands > 1)
        {
          g_autofree char *caption = g_strdup_printf ("Phần %u/%u của bảng: cột %u–%u trên %u",
                                                      k + 1, n_bands, first + 1, end, plan->n_cols);

          pack_canvas_skip (c, k > 0 ? 8 : 0);
          pack_canvas_ensure (c, 60);
          pack_paragraph (c, c->fonts->italic, caption, 0, 2);
        }
      draw_band (p, c, b, plan, first, end);
    }
}

static const PackColumn figure_columns[] = {
  { 130, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_RIGHT },
  { 187, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 130 - 56 - 187, PANGO_ALIGN_LEFT },   /* the rest of the page's width */
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
  PackColumn columns[G_N_ELEMENTS (figure_columns)];
  PackTable t;

  memcpy (columns, figure_columns, sizeof columns);
  columns[3].width = pack_canvas_text_width (c) - 130 - 56 - 187;
  pack_table_init (&t, c, columns, G_N_ELEMENTS (columns), figure_headers);
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
  double width = pack_canvas_text_width (c);
  PangoLayout *l = pack_layout (c, c->fonts->heading, width - 8, PANGO_ALIGN_LEFT, markup);
  double h = pack_layout_height (l);

  /* a heading never ends a page alone: it keeps the table's header and a row or two */
  pack_canvas_ensure (c, h + 80);
  pack_canvas_skip (c, 10);
  pack_mark (p, c, &b->target);
  cairo_rectangle (c->cr, PACK_LEFT, c->y - 3, width, h + 6);
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
      TablePlan plan;
      double w, h;

      table_plan (p, c, b, &plan);
      /* a table too wide for a portrait page goes on landscape pages, from its heading on */
      w = plan.landscape ? PACK_PAGE_H : PACK_PAGE_W;
      h = plan.landscape ? PACK_PAGE_W : PACK_PAGE_H;
      pack_canvas_set_flow_size (c, w, h);
      if (c->started && (c->page_w != w || c->page_h != h))
        pack_canvas_new_page (c, w, h);
      book_heading (p, c, b, i);
      if (plan.n_rows == 0)
        pack_paragraph (c, c->fonts->italic,
                        "Sổ chưa có dòng nào: các số liệu tính từ sổ chưa có.", 0, 4);
      else
        draw_rows (p, c, b, &plan);
      if (b->reg->figures->len > 0)
        {
          pack_canvas_skip (c, 6);
          /* the caption stays with the table's header and first row */
          pack_canvas_ensure (c, 70);
          pack_paragraph (c, c->fonts->bold, "Số liệu tính từ sổ", 0, 2);
          draw_figures (p, c, b);
        }
      table_plan_free (&plan);
    }
  pack_canvas_set_flow_size (c, 0, 0);
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
