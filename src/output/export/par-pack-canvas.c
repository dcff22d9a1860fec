/* par-pack-canvas.c — flowing text and tables over cairo PDF pages for the evidence pack.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-pack-canvas.h"
#include "par-text.h"

#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5

static cairo_status_t
sink_write (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

PackCanvas *
pack_canvas_new (const char       *path,
                 const PackFonts  *fonts,
                 guint             page_offset,
                 GError          **error)
{
  PackCanvas *c = g_new0 (PackCanvas, 1);
  cairo_font_options_t *options;

  c->fonts = fonts;
  c->measuring = path == NULL;
  c->page_offset = page_offset;
  c->page_w = c->flow_w = PACK_PAGE_W;
  c->page_h = c->flow_h = PACK_PAGE_H;
  if (path != NULL)
    c->surface = cairo_pdf_surface_create (path, PACK_PAGE_W, PACK_PAGE_H);
  else
    c->surface = cairo_pdf_surface_create_for_stream (sink_write, NULL, PACK_PAGE_W, PACK_PAGE_H);
  if (cairo_surface_status (c->surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Cannot create the temporary PDF “%s”: %s"),
                   path != NULL ? path : "", cairo_status_to_string (cairo_surface_status (c->surface)));
      cairo_surface_destroy (c->surface);
      g_free (c);
      return NULL;
    }
  cairo_pdf_surface_restrict_to_version (c->surface, CAIRO_PDF_VERSION_1_5);
  c->cr = cairo_create (c->surface);
  c->pango = pango_cairo_create_context (c->cr);
  /* Points, and no hinting: the measuring pass and the drawing pass must break lines alike. */
  pango_cairo_context_set_resolution (c->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (c->pango, options);
  cairo_font_options_destroy (options);
  /* A PDF's unit is the point: glyph positions rounded to whole points would space small type
   * unevenly (a 6.5 pt digit is 3.9 pt wide, not 4) and widen a line by up to a tenth. */
  pango_context_set_round_glyph_positions (c->pango, FALSE);
  if (!c->measuring)
    c->links = g_array_new (FALSE, FALSE, sizeof (PackLink));
  return c;
}

void
pack_canvas_free (PackCanvas *c)
{
  if (c == NULL)
    return;
  g_clear_object (&c->pango);
  g_clear_pointer (&c->cr, cairo_destroy);
  g_clear_pointer (&c->surface, cairo_surface_destroy);
  g_clear_pointer (&c->links, g_array_unref);
  g_free (c);
}

gboolean
pack_canvas_finish (PackCanvas  *c,
                    GError     **error)
{
  cairo_status_t status;

  cairo_destroy (g_steal_pointer (&c->cr));
  cairo_surface_finish (c->surface);
  status = cairo_surface_status (c->surface);
  pack_canvas_free (c);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Cannot write a temporary PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

guint
pack_canvas_n_pages (PackCanvas *c)
{
  return c->started ? c->page + 1 : 0;
}

guint
pack_canvas_global_page (PackCanvas *c)
{
  return c->page_offset + c->page;
}

void
pack_canvas_next_page_is (PackCanvas *c,
                          guint       global)
{
  guint next_local = c->started ? c->page + 1 : 0;

  g_assert (global >= next_local);
  c->page_offset = global - next_local;
}

void
pack_canvas_new_page (PackCanvas *c,
                      double      width,
                      double      height)
{
  if (width <= 0 || height <= 0)
    width = c->flow_w, height = c->flow_h;
  if (c->started)
    {
      cairo_show_page (c->cr);
      c->page++;
    }
  if (width != c->page_w || height != c->page_h)
    {
      cairo_pdf_surface_set_size (c->surface, width, height);
      c->page_w = width;
      c->page_h = height;
    }
  c->started = TRUE;
  c->y = PACK_TOP;
  c->bottom = height - PACK_FOOT;
  if (c->on_page != NULL)
    c->on_page (c, c->on_page_data);
}

void
pack_canvas_set_flow_size (PackCanvas *c,
                           double      width,
                           double      height)
{
  if (width <= 0 || height <= 0)
    width = PACK_PAGE_W, height = PACK_PAGE_H;
  c->flow_w = width;
  c->flow_h = height;
}

double
pack_canvas_text_width (PackCanvas *c)
{
  return (c->started ? c->page_w : c->flow_w) - PACK_LEFT - PACK_RIGHT;
}

void
pack_canvas_ensure (PackCanvas *c,
                    double      height)
{
  if (!c->started || c->y + height > c->bottom)
    pack_canvas_new_page (c, 0, 0);
}

void
pack_canvas_skip (PackCanvas *c,
                  double      height)
{
  if (c->started)
    c->y = MIN (c->y + height, c->bottom);
}

void
pack_canvas_add_link (PackCanvas    *c,
                      double         x,
                      double         y,
                      double         width,
                      double         height,
                      PackTargetRef  target)
{
  PackLink link = { pack_canvas_global_page (c), x, y, width, height, target };

  if (c->links == NULL || target.kind == PACK_TARGET_NONE || width <= 0 || height <= 0)
    return;
  g_array_append_val (c->links, link);
}

void
pack_canvas_link_range (PackCanvas    *c,
                        PangoLayout   *layout,
                        double         x,
                        double         y,
                        int            start,
                        int            end,
                        PackTargetRef  target)
{
  PangoLayoutIter *it;

  if (c->links == NULL || target.kind == PACK_TARGET_NONE)
    return;
  if (end < 0)
    end = (int) strlen (pango_layout_get_text (layout));
  it = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (it);
      int ls = line->start_index, le = line->start_index + line->length;
      int a = MAX (ls, start), b = MIN (le, end);
      PangoRectangle logical;
      int xa, xb;

      if (a >= b)
        continue;
      pango_layout_iter_get_line_extents (it, NULL, &logical);
      pango_layout_line_index_to_x (line, a, FALSE, &xa);
      pango_layout_line_index_to_x (line, b, FALSE, &xb);
      if (b == le)  /* the x at the line's end, not the start of its last character */
        xb = logical.width;
      pack_canvas_add_link (c, x + (logical.x + MIN (xa, xb)) / (double) PANGO_SCALE,
                            y + logical.y / (double) PANGO_SCALE,
                            ABS (xb - xa) / (double) PANGO_SCALE,
                            logical.height / (double) PANGO_SCALE, target);
    }
  while (pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
}

PangoLayout *
pack_layout (PackCanvas                 *c,
             const PangoFontDescription *font,
             double                      width,
             PangoAlignment              align,
             const char                 *markup)
{
  PangoLayout *layout = pango_layout_new (c->pango);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup != NULL ? markup : "", -1);
  return layout;
}

double
pack_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.height / (double) PANGO_SCALE;
}

double
pack_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

void
pack_canvas_draw_layout (PackCanvas  *c,
                         PangoLayout *layout,
                         double       x,
                         double       y)
{
  cairo_move_to (c->cr, x, y);
  pango_cairo_show_layout (c->cr, layout);
}

double
pack_canvas_flow (PackCanvas  *c,
                  PangoLayout *layout,
                  double       x)
{
  PangoLayoutIter *it;
  double origin, first = -1, end = 0;

  if (!c->started)
    pack_canvas_new_page (c, 0, 0);
  if (c->y + pack_layout_height (layout) <= c->bottom)
    {
      first = c->y;
      pack_canvas_draw_layout (c, layout, x, c->y);
      c->y += pack_layout_height (layout);
      return first;
    }

  /* line by line: origin is where the layout's top would be on the current page */
  origin = c->y;
  it = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      double top, height, baseline;

      pango_layout_iter_get_line_extents (it, NULL, &logical);
      top = logical.y / (double) PANGO_SCALE;
      height = logical.height / (double) PANGO_SCALE;
      baseline = pango_layout_iter_get_baseline (it) / (double) PANGO_SCALE;
      if (origin + top + height > c->bottom)
        {
          pack_canvas_new_page (c, 0, 0);
          origin = c->y - top;
        }
      if (first < 0)
        first = origin + top;
      cairo_move_to (c->cr, x + logical.x / (double) PANGO_SCALE, origin + baseline);
      pango_cairo_show_layout_line (c->cr, pango_layout_iter_get_line_readonly (it));
      end = origin + top + height;
    }
  while (pango_layout_iter_next_line (it));
  pango_layout_iter_free (it);
  c->y = end;
  return first;
}

/* --- tables ---------------------------------------------------------------------------------- */

void
pack_table_init (PackTable         *t,
                 PackCanvas        *c,
                 const PackColumn  *columns,
                 guint              n_columns,
                 const char *const *headers)
{
  memset (t, 0, sizeof *t);
  t->columns = columns;
  t->n_columns = n_columns;
  t->headers = headers;
  t->x = PACK_LEFT;
  t->font = c->fonts->table;
  t->font_bold = c->fonts->table_bold;
  t->font_header = c->fonts->table_bold;
}

double
pack_table_cell_width (PackCanvas                 *c,
                       const PangoFontDescription *font,
                       const char                 *markup)
{
  PangoLayout *l;
  double w;

  if (markup == NULL || *markup == '\0')
    return 2 * CELL_PAD_X;
  l = pack_layout (c, font, -1, PANGO_ALIGN_LEFT, markup);
  /* a hair more than measured: the layout's width is set in whole Pango units */
  w = pack_layout_width (l) + 2 * CELL_PAD_X + 0.5;
  g_object_unref (l);
  return w;
}

double
pack_table_word_width (PackCanvas                 *c,
                       const PangoFontDescription *font,
                       const char                 *markup)
{
  PangoLayout *l;
  GSList *lines;
  double widest = 0;

  if (markup == NULL || *markup == '\0')
    return 2 * CELL_PAD_X;
  /* at the narrowest width, wrapping only between words, each line holds one word */
  l = pack_layout (c, font, -1, PANGO_ALIGN_LEFT, markup);
  pango_layout_set_width (l, 1);
  pango_layout_set_wrap (l, PANGO_WRAP_WORD);
  lines = pango_layout_get_lines_readonly (l);
  for (GSList *it = lines; it != NULL; it = it->next)
    {
      PangoRectangle logical;

      pango_layout_line_get_extents (it->data, NULL, &logical);
      widest = MAX (widest, logical.width / (double) PANGO_SCALE);
    }
  g_object_unref (l);
  return widest + 2 * CELL_PAD_X + 0.5;
}

static double
row_layouts (PackCanvas                 *c,
             PackTable                  *t,
             const char *const          *cells,
             const PangoFontDescription *font,
             double                      max_height,
             PangoLayout               **out)
{
  double h = 0;

  for (guint i = 0; i < t->n_columns; i++)
    {
      out[i] = pack_layout (c, font, t->columns[i].width - 2 * CELL_PAD_X, t->columns[i].align,
                            cells[i]);
      if (max_height > 0 && pack_layout_height (out[i]) > max_height)
        {
          pango_layout_set_height (out[i], (int) (max_height * PANGO_SCALE));
          pango_layout_set_ellipsize (out[i], PANGO_ELLIPSIZE_END);
        }
      h = MAX (h, pack_layout_height (out[i]));
    }
  return h + 2 * CELL_PAD_Y;
}

static void
free_layouts (PangoLayout **layouts,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&layouts[i]);
}

static void
row_background (PackCanvas   *c,
                PackRowStyle  style,
                gboolean      header,
                double       *rgb)
{
  rgb[0] = rgb[1] = rgb[2] = -1;
  if (header)
    rgb[0] = 0.86, rgb[1] = 0.89, rgb[2] = 0.93;
  else if (style == PACK_ROW_FIELD)
    rgb[0] = 0.91, rgb[1] = 0.93, rgb[2] = 0.96;
  else if (style == PACK_ROW_CRITERION)
    rgb[0] = 0.965, rgb[1] = 0.97, rgb[2] = 0.98;
  else if (style == PACK_ROW_TOTAL)
    rgb[0] = 0.84, rgb[1] = 0.87, rgb[2] = 0.92;
  else if (style == PACK_ROW_PROBLEM)
    rgb[0] = 0.99, rgb[1] = 0.92, rgb[2] = 0.90;
}

static void
draw_row (PackCanvas   *c,
          PackTable    *t,
          PangoLayout **layouts,
          double        height,
          PackRowStyle  style,
          gboolean      header)
{
  cairo_t *cr = c->cr;
  double x = t->x, rgb[3];
  double width = 0;

  for (guint i = 0; i < t->n_columns; i++)
    width += t->columns[i].width;
  row_background (c, style, header, rgb);
  if (rgb[0] >= 0)
    {
      cairo_rectangle (cr, t->x, c->y, width, height);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_set_source_rgb (cr, 0.55, 0.58, 0.62);
  for (guint i = 0; i < t->n_columns; i++)
    {
      cairo_rectangle (cr, x, c->y, t->columns[i].width, height);
      x += t->columns[i].width;
    }
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
  x = t->x;
  for (guint i = 0; i < t->n_columns; i++)
    {
      /* header cells are centred vertically; body cells start at the top */
      double dy = header ? (height - 2 * CELL_PAD_Y - pack_layout_height (layouts[i])) / 2 : 0;
      pack_canvas_draw_layout (c, layouts[i], x + CELL_PAD_X, c->y + CELL_PAD_Y + dy);
      x += t->columns[i].width;
    }
}

static double
header_height (PackCanvas  *c,
               PackTable   *t)
{
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, t->n_columns);
  double h;

  h = row_layouts (c, t, t->headers, t->font_header, -1, layouts);
  free_layouts (layouts, t->n_columns);
  return h;
}

static void
draw_header (PackCanvas *c,
             PackTable  *t)
{
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, t->n_columns);
  g_autofree PackColumn *centred = g_new (PackColumn, t->n_columns);
  const PackColumn *columns = t->columns;
  double h;

  for (guint i = 0; i < t->n_columns; i++)
    {
      centred[i] = t->columns[i];
      centred[i].align = PANGO_ALIGN_CENTER;
    }
  t->columns = centred;
  h = row_layouts (c, t, t->headers, t->font_header, -1, layouts);
  draw_row (c, t, layouts, h, PACK_ROW_PLAIN, TRUE);
  free_layouts (layouts, t->n_columns);
  t->columns = columns;
  c->y += h;
  t->header_page = pack_canvas_global_page (c) + 1;
}

void
pack_table_row (PackCanvas         *c,
                PackTable          *t,
                const char *const  *cells,
                PackRowStyle        style,
                const PackCellLink *links,
                guint               n_links,
                PackTargetRef       row_target)
{
  /* as many cells as the table has columns: a register may have up to PAR_REGISTER_MAX_COLUMNS */
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, t->n_columns);
  g_autofree int *from = g_new0 (int, t->n_columns);
  const PangoFontDescription *font;
  double h, hh, width = 0, max_h;
  gboolean need_header;

  font = style == PACK_ROW_PLAIN || style == PACK_ROW_PROBLEM ? t->font : t->font_bold;
  hh = t->headers != NULL ? header_height (c, t) : 0;
  /* a row taller than a page is cut with an ellipsis rather than overflow */
  max_h = (c->flow_h - PACK_FOOT - PACK_TOP) - hh - 2 * CELL_PAD_Y - 4;
  h = row_layouts (c, t, cells, font, max_h, layouts);

  if (!c->started)
    pack_canvas_new_page (c, 0, 0);
  need_header = t->headers != NULL && t->header_page != pack_canvas_global_page (c) + 1;
  if (c->y + h + (need_header ? hh : 0) > c->bottom)
    {
      pack_canvas_new_page (c, 0, 0);
      need_header = t->headers != NULL;
    }
  if (need_header)
    draw_header (c, t);

  draw_row (c, t, layouts, h, style, FALSE);
  for (guint i = 0; i < t->n_columns; i++)
    width += t->columns[i].width;
  if (row_target.kind != PACK_TARGET_NONE)
    pack_canvas_add_link (c, t->x, c->y, width, h, row_target);
  for (guint k = 0; k < n_links; k++)
    {
      guint cell = links[k].cell;
      const char *text, *hit;
      double x = t->x;

      g_assert (cell < t->n_columns);
      for (guint i = 0; i < cell; i++)
        x += t->columns[i].width;
      /* the link covers the next occurrence of its text in the cell's (unmarked) text */
      text = pango_layout_get_text (layouts[cell]);
      hit = strstr (text + from[cell], links[k].text);
      if (hit == NULL)
        continue;
      pack_canvas_link_range (c, layouts[cell], x + CELL_PAD_X, c->y + CELL_PAD_Y,
                              (int) (hit - text), (int) (hit - text + strlen (links[k].text)),
                              links[k].target);
      from[cell] = (int) (hit - text + strlen (links[k].text));
    }
  c->y += h;
  free_layouts (layouts, t->n_columns);
}

/* --- fonts and text pieces (shared with the council report) -------------------------------- */

/* Markup for text from the database, shown as what it is: characters that would reorder or
 * hide it are written out ("[U+202E]", par-text.h), then it is escaped. */
char *
pack_esc (const char *text)
{
  g_autofree char *safe = par_text_neutralise (text != NULL ? text : "", -1, PAR_TEXT_MULTI_LINE);

  return g_markup_escape_text (safe, -1);
}

static PangoFontDescription *
make_font (const char *family,
           double      size,
           PangoWeight weight,
           PangoStyle  style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  return font;
}

void
pack_fonts_init (PackFonts  *fonts,
                 const char *f)
{
  g_autofree char *condensed = g_strdup_printf ("%s Condensed,%s", f, f);

  fonts->body = make_font (f, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  fonts->bold = make_font (f, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  fonts->italic = make_font (f, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
  fonts->small = make_font (f, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  fonts->small_bold = make_font (f, 8, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  fonts->table = make_font (condensed, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  fonts->table_bold = make_font (condensed, 8, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  fonts->heading = make_font (f, 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  fonts->title = make_font (f, 15, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  fonts->mono = make_font ("DejaVu Sans Mono,Noto Sans Mono,Monospace", 6.5,
                             PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
}

void
pack_fonts_clear (PackFonts *fonts)
{
  g_clear_pointer (&fonts->body, pango_font_description_free);
  g_clear_pointer (&fonts->bold, pango_font_description_free);
  g_clear_pointer (&fonts->italic, pango_font_description_free);
  g_clear_pointer (&fonts->small, pango_font_description_free);
  g_clear_pointer (&fonts->small_bold, pango_font_description_free);
  g_clear_pointer (&fonts->table, pango_font_description_free);
  g_clear_pointer (&fonts->table_bold, pango_font_description_free);
  g_clear_pointer (&fonts->heading, pango_font_description_free);
  g_clear_pointer (&fonts->title, pango_font_description_free);
  g_clear_pointer (&fonts->mono, pango_font_description_free);
}

void
pack_paragraph (PackCanvas                 *c,
                const PangoFontDescription *font,
                const char                 *markup,
                double                      indent,
                double                      space_after)
{
  PangoLayout *l = pack_layout (c, font, PACK_WIDTH - indent, PANGO_ALIGN_LEFT, markup);

  pack_canvas_flow (c, l, PACK_LEFT + indent);
  g_object_unref (l);
  pack_canvas_skip (c, space_after);
}

#define KV_LABEL 112.0

/* "Label:  value" with the value flowing across pages; the label stays with its first line. */
void
pack_key_value (PackCanvas *c,
                const char *label,
                const char *value_markup)
{
  PangoLayout *lab = pack_layout (c, c->fonts->bold, KV_LABEL - 6, PANGO_ALIGN_LEFT, label);
  PangoLayout *val = pack_layout (c, c->fonts->body, PACK_WIDTH - KV_LABEL, PANGO_ALIGN_LEFT,
                                  value_markup);
  PangoLayoutIter *it = pango_layout_get_iter (val);
  PangoRectangle first;
  guint page;
  double y;

  pango_layout_iter_get_line_extents (it, NULL, &first);
  pango_layout_iter_free (it);
  pack_canvas_ensure (c, MAX (first.height / (double) PANGO_SCALE, pack_layout_height (lab)));
  y = c->y;
  page = pack_canvas_global_page (c);
  pack_canvas_draw_layout (c, lab, PACK_LEFT, y);
  pack_canvas_flow (c, val, PACK_LEFT + KV_LABEL);
  if (pack_canvas_global_page (c) == page)
    c->y = MAX (c->y, y + pack_layout_height (lab));
  c->y += 3;
  g_object_unref (lab);
  g_object_unref (val);
}

