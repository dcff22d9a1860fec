/* par-pack-canvas.h — the page layout of the PDFs Parscore draws (private to export/; the
 * evidence pack and the council report): a flowing canvas over A4 cairo PDF
 * pages, paragraphs that break between lines, tables that break between rows and repeat their
 * header, and links recorded for the writer to add once every page number is known.
 *
 * The same drawing code runs twice: once on a canvas that measures (its PDF goes nowhere) to
 * learn where everything lands, then on the real one. Pango's font options are fixed (no
 * hinting) so both passes lay out identically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* A4 portrait in points, and the margins of the generated pages (25 mm left, 15 mm right,
 * 20 mm top; the bottom leaves room for the writer's "Trang x/y"). */
#define PACK_PAGE_W   595.28
#define PACK_PAGE_H   841.89
#define PACK_LEFT     70.87
#define PACK_RIGHT    42.52
#define PACK_TOP      62.0
#define PACK_BOTTOM   (PACK_PAGE_H - 52.0)
#define PACK_WIDTH    (PACK_PAGE_W - PACK_LEFT - PACK_RIGHT)
/* The room a flowing page keeps below its text for the page number. */
#define PACK_FOOT     (PACK_PAGE_H - PACK_BOTTOM)

/* Where a link goes: resolved to a page and a height once both passes are done. */
typedef enum {
  PACK_TARGET_NONE,
  PACK_TARGET_SECTION,   /* index: PackSection */
  PACK_TARGET_NODE,      /* index: the node's node_index, its heading in the details */
  PACK_TARGET_DOCUMENT,  /* index: the document's position in the pack */
  PACK_TARGET_FILE,      /* index: the file's position in the report */
  PACK_TARGET_REGISTER,  /* index: the register's position in the set (the books section) */
} PackTargetKind;

typedef struct {
  PackTargetKind kind;
  guint          index;
} PackTargetRef;

typedef struct {
  gboolean set;
  guint    page;   /* global, 0-based */
  double   top;    /* from the page's top, points */
} PackTarget;

typedef struct {
  guint         from_page;  /* global */
  double        x, y, width, height;
  PackTargetRef target;
} PackLink;

typedef struct {
  PangoFontDescription *body;
  PangoFontDescription *bold;
  PangoFontDescription *italic;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *table;
  PangoFontDescription *table_bold;
  PangoFontDescription *heading;
  PangoFontDescription *title;
  PangoFontDescription *mono;
} PackFonts;

typedef struct _PackCanvas PackCanvas;

/* Draws the running header of a new page (nullable). */
typedef void (*PackPageFunc) (PackCanvas *canvas,
                              gpointer    user_data);

struct _PackCanvas {
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *pango;
  const PackFonts *fonts;
  gboolean         measuring;   /* nothing is kept: the PDF goes to a sink */
  guint            page_offset; /* global index of this canvas's first page */
  guint            page;        /* local index of the current page */
  gboolean         started;     /* a page is open */
  double           page_w, page_h;
  double           flow_w, flow_h;  /* the size of the pages the flow opens (A4 portrait) */
  double           y;           /* the flow's cursor on the current page */
  double           bottom;      /* where the flow stops on this page */
  GArray          *links;       /* of PackLink; NULL while measuring */
  PackPageFunc     on_page;
  gpointer         on_page_data;
};

PackCanvas  *pack_canvas_new          (const char      *path,   /* NULL: measure only */
                                       const PackFonts *fonts,
                                       guint            page_offset,
                                       GError         **error);
/* Finishes the PDF; FALSE with @error when cairo could not write it. Frees the canvas. */
gboolean     pack_canvas_finish       (PackCanvas      *canvas,
                                       GError         **error);
void         pack_canvas_free         (PackCanvas      *canvas);
/* Pages drawn so far (the open one included). */
guint        pack_canvas_n_pages      (PackCanvas      *canvas);
guint        pack_canvas_global_page  (PackCanvas      *canvas);

/* The next page opened is page @global of the pack (pages drawn here need not be contiguous
 * there: a canvas can hold the separators of documents that come between). */
void         pack_canvas_next_page_is (PackCanvas      *canvas,
                                       guint            global);
/* Opens a new page of the given size (0, 0: the flow's size, A4 portrait unless set), runs
 * on_page. */
void         pack_canvas_new_page     (PackCanvas      *canvas,
                                       double           width,
                                       double           height);
/* The size of the pages the flow opens from now on (0, 0: A4 portrait): a table too wide for a
 * portrait page is drawn on landscape ones. Pages already open keep theirs. */
void         pack_canvas_set_flow_size (PackCanvas     *canvas,
                                       double           width,
                                       double           height);
/* The width between the margins of the current page (of the flow's page when none is open). */
double       pack_canvas_text_width   (PackCanvas      *canvas);
/* Makes room for @height points: a new page if they do not fit (or none is open). */
void         pack_canvas_ensure       (PackCanvas      *canvas,
                                       double           height);
void         pack_canvas_skip         (PackCanvas      *canvas,
                                       double           height);

void         pack_canvas_add_link     (PackCanvas      *canvas,
                                       double           x,
                                       double           y,
                                       double           width,
                                       double           height,
                                       PackTargetRef    target);
/* Links for the bytes [@start, @end) of @layout drawn with its top-left at (@x, @y) on the
 * current page, one rectangle per line the range covers. */
void         pack_canvas_link_range   (PackCanvas      *canvas,
                                       PangoLayout     *layout,
                                       double           x,
                                       double           y,
                                       int              start,
                                       int              end,
                                       PackTargetRef    target);

PangoLayout *pack_layout              (PackCanvas                 *canvas,
                                       const PangoFontDescription *font,
                                       double                      width,   /* ≤ 0: no wrap */
                                       PangoAlignment              align,
                                       const char                 *markup);
double       pack_layout_height       (PangoLayout     *layout);
double       pack_layout_width        (PangoLayout     *layout);
void         pack_canvas_draw_layout  (PackCanvas      *canvas,
                                       PangoLayout     *layout,
                                       double           x,
                                       double           y);
/* Draws @layout at the cursor, breaking between its lines where a page ends; the cursor moves
 * below it. Returns the page-local y of its first line. */
double       pack_canvas_flow         (PackCanvas      *canvas,
                                       PangoLayout     *layout,
                                       double           x);

/* Tables */
typedef struct {
  double         width;
  PangoAlignment align;
} PackColumn;

typedef enum {
  PACK_ROW_PLAIN,
  PACK_ROW_FIELD,       /* shaded, bold */
  PACK_ROW_CRITERION,   /* light shade, bold */
  PACK_ROW_TOTAL,       /* strong shade, bold */
  PACK_ROW_PROBLEM,     /* a file left out: tinted */
} PackRowStyle;

/* Links the next occurrence of @text (plain, as shown) in a cell. */
typedef struct {
  guint         cell;
  const char   *text;
  PackTargetRef target;
} PackCellLink;

typedef struct {
  const PackColumn   *columns;
  guint               n_columns;
  const char *const  *headers;    /* markup, one per column */
  double              x;
  const PangoFontDescription *font;
  const PangoFontDescription *font_bold;
  const PangoFontDescription *font_header;
  guint               header_page;  /* global page the header was last drawn on, +1 */
} PackTable;

/* The width a column needs to show @markup in @font on one line, its padding included: a number
 * or a date is measured, never guessed, so that a column never breaks it. */
double       pack_table_cell_width    (PackCanvas                 *canvas,
                                       const PangoFontDescription *font,
                                       const char                 *markup);
/* …the widest word of @markup (a header may wrap between its words, not inside one). */
double       pack_table_word_width    (PackCanvas                 *canvas,
                                       const PangoFontDescription *font,
                                       const char                 *markup);

void         pack_table_init          (PackTable         *table,
                                       PackCanvas        *canvas,
                                       const PackColumn  *columns,
                                       guint              n_columns,
                                       const char *const *headers);
/* Draws one row (cells are markup, NULL = empty); a row that does not fit goes to the next
 * page under a repeated header. @row_target links the whole row. */
void         pack_table_row           (PackCanvas         *canvas,
                                       PackTable          *table,
                                       const char *const  *cells,
                                       PackRowStyle        style,
                                       const PackCellLink *links,
                                       guint               n_links,
                                       PackTargetRef       row_target);

/* Fonts and pieces of text (also used by the council report) */
/* The fonts of the generated pages in @family (its condensed face for tables). */
void         pack_fonts_init          (PackFonts         *fonts,
                                       const char        *family);
void         pack_fonts_clear         (PackFonts         *fonts);
/* Markup for text from the database, shown as what it is (par-text.h), escaped. */
char        *pack_esc                 (const char        *text);
void         pack_paragraph           (PackCanvas        *c,
                                       const PangoFontDescription *font,
                                       const char        *markup,
                                       double             indent,
                                       double             space_after);
/* "Label:  value" with the value flowing across pages; the label stays with its first line. */
void         pack_key_value           (PackCanvas        *c,
                                       const char        *label,
                                       const char        *value_markup);

G_END_DECLS
