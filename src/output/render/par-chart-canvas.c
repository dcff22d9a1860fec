/* par-chart-canvas.c — palettes, text, axes and legends shared by every chart.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-chart-private.h"
#include "par-format.h"

#define HEX(rgb) { ((rgb) >> 16 & 0xff) / 255.0, ((rgb) >> 8 & 0xff) / 255.0, \
                   ((rgb) & 0xff) / 255.0, 1.0 }
#define HEXA(rgb, alpha) { ((rgb) >> 16 & 0xff) / 255.0, ((rgb) >> 8 & 0xff) / 255.0, \
                           ((rgb) & 0xff) / 255.0, (alpha) }

/* Okabe & Ito's colour-blind-safe set, ordered and trimmed per background so that every
 * colour keeps its contrast: on white the yellow is dropped, on #1e1e1e the black. */
static const ParRgba categorical_light[] = {
  HEX (0x0072B2), HEX (0xE69F00), HEX (0x009E73), HEX (0xD55E00),
  HEX (0xCC79A7), HEX (0x56B4E9), HEX (0x3D3D3D),
};

static const ParRgba categorical_dark[] = {
  HEX (0x56B4E9), HEX (0xE69F00), HEX (0x009E73), HEX (0xD55E00),
  HEX (0xCC79A7), HEX (0xF0E442), HEX (0x0072B2),
};

static const ParPalette palette_light = {
  .background  = HEX (0xFFFFFF),
  .text        = HEX (0x241F31),
  .muted       = HEX (0x5E5C64),
  .grid        = HEXA (0x000000, 0.09),
  .axis        = HEXA (0x000000, 0.45),
  .band        = HEX (0x009E73),
  .band_alpha_lo = 0.04,
  .band_alpha_hi = 0.20,
  .self        = HEX (0xE69F00),
  .appraised   = HEX (0x0072B2),
  .loss        = HEX (0xD55E00),
  .cumulative  = HEX (0x241F31),
  .bar         = HEX (0x0072B2),
  .categorical = categorical_light,
  .n_categorical = G_N_ELEMENTS (categorical_light),
  .ramp_from   = 0.80,
  .ramp_to     = 0.0,
};

static const ParPalette palette_dark = {
  .background  = HEX (0x1E1E1E),
  .text        = HEX (0xFFFFFF),
  .muted       = HEX (0xC0BFBC),
  .grid        = HEXA (0xFFFFFF, 0.10),
  .axis        = HEXA (0xFFFFFF, 0.50),
  .band        = HEX (0x009E73),
  .band_alpha_lo = 0.05,
  .band_alpha_hi = 0.22,
  .self        = HEX (0xE69F00),
  .appraised   = HEX (0x56B4E9),
  .loss        = HEX (0xD55E00),
  .cumulative  = HEX (0xFFFFFF),
  .bar         = HEX (0x56B4E9),
  .categorical = categorical_dark,
  .n_categorical = G_N_ELEMENTS (categorical_dark),
  .ramp_from   = 0.30,
  .ramp_to     = 1.0,
};

/* viridis at nine even stops: perceptually even and readable with any colour vision. */
static const guint32 viridis[] = {
  0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xFDE725,
};

void
par_chart_style_init (ParChartStyle   *style,
                      ParChartPalette  palette)
{
  const char *radix;

  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  style->palette = palette;
  style->font_family = NULL;
  style->font_size = 13.0;
  style->scale = 0.0;
  radix = nl_langinfo (RADIXCHAR);
  style->decimal_separator = radix != NULL && radix[0] == ',' ? ',' : '.';
  style->transparent = FALSE;
}

double
par_chart_nice_step (double range,
                     int    max_ticks)
{
  double raw, magnitude, norm;

  if (!(range > 0.0) || !isfinite (range))
    return 1.0;
  if (max_ticks < 1)
    max_ticks = 1;

  raw = range / max_ticks;
  magnitude = pow (10.0, floor (log10 (raw)));
  norm = raw / magnitude;
  /* A small tolerance so that 100 in 5 gives 20, not 50, despite rounding in the division. */
  if (norm <= 1.0 + 1e-9)
    return magnitude;
  if (norm <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (norm <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

void
par_axis_fit (ParAxis *axis,
              double   lo,
              double   hi,
              int      max_ticks)
{
  if (!(hi > lo))
    hi = lo + 1.0;
  axis->step = par_chart_nice_step (hi - lo, max_ticks);
  axis->lo = floor (lo / axis->step + 1e-9) * axis->step;
  axis->hi = ceil (hi / axis->step - 1e-9) * axis->step;
  /* Rounding outwards can add a step; widen the step if that broke the tick budget. */
  while ((axis->hi - axis->lo) / axis->step > max_ticks + 1e-9)
    {
      axis->step = par_chart_nice_step (axis->step * (max_ticks + 1), max_ticks);
      axis->lo = floor (lo / axis->step + 1e-9) * axis->step;
      axis->hi = ceil (hi / axis->step - 1e-9) * axis->step;
    }
}

double
par_axis_map (const ParAxis *axis,
              double         v,
              double         p0,
              double         p1)
{
  return p0 + (v - axis->lo) / (axis->hi - axis->lo) * (p1 - p0);
}

/* The style with its defaults filled in, and the scale it is drawn at. */
static double
resolve_style (ParChartStyle       *resolved,
               const ParChartStyle *style,
               double               width,
               double               height)
{
  if (style != NULL)
    *resolved = *style;
  else
    par_chart_style_init (resolved, PAR_CHART_PALETTE_LIGHT);
  if (resolved->font_size <= 0)
    resolved->font_size = 13.0;
  if (resolved->decimal_separator == '\0')
    resolved->decimal_separator = '.';
  return resolved->scale > 0 ? resolved->scale : CLAMP (MIN (width / 800.0, height / 500.0), 0.8, 3.0);
}

/* Metrics must not depend on the target (screen, PNG, PDF, the hit test's scratch surface):
 * unhinted metrics and unrounded glyph positions make every layout identical. */
static void
configure_context (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
}

static PangoContext *
create_context (cairo_t *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);

  configure_context (context);
  return context;
}

static PangoFontDescription *
font_description (const ParChartStyle *style,
                  double               scale,
                  ParFont              font)
{
  static const double font_factor[PAR_FONT_N] = { 0.85, 1.0, 1.3 };
  PangoFontDescription *desc;

  desc = pango_font_description_from_string (style->font_family != NULL ? style->font_family
                                                                         : "Sans");
  pango_font_description_set_absolute_size (desc, style->font_size * scale * font_factor[font]
                                            * PANGO_SCALE);
  if (font == PAR_FONT_BOLD || font == PAR_FONT_TITLE)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  return desc;
}

void
par_canvas_init (ParCanvas           *c,
                 const ParChartModel *model,
                 cairo_t             *cr,
                 double               width,
                 double               height,
                 const ParChartStyle *style,
                 gboolean             paint,
                 GArray              *regions)
{
  memset (c, 0, sizeof *c);
  c->s = resolve_style (&c->style, style, width, height);
  c->cr = cr;
  c->paint = paint;
  c->model = model;
  c->width = width;
  c->height = height;
  c->regions = regions;
  c->pal = c->style.palette == PAR_CHART_PALETTE_DARK ? &palette_dark : &palette_light;
  c->context = create_context (cr);
  c->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (int i = 0; i < PAR_FONT_N; i++)
    c->fonts[i] = font_description (&c->style, c->s, (ParFont) i);

  /* A line's height from a layout of the font, as every label is laid out: the primary
   * font's ascent and descent. (pango_context_load_font() and pango_font_get_metrics() would
   * each build a fontset of their own — two more fontconfig sorts per font, which pango 1.50
   * runs in threads of their own and the first draw waits for.) */
  par_canvas_measure (c, PAR_FONT_SMALL, "Ag", -1, 1, NULL, &c->line_height[PAR_FONT_SMALL]);
}

const char *
par_canvas_tr (ParCanvas  *c,
               const char *msgid)
{
  const char *text = c->style.text != NULL ? c->style.text (msgid) : NULL;

  return text != NULL ? text : _(msgid);
}

/* Warming up: what a process's first chart waits for, done in a thread of its own while the
 * caller reads and scores the years. The thread uses the caller's default font map (pango's
 * cairo font maps are per thread) with a context set up as the chart's, so that what it
 * prepares is what the chart finds: fontconfig's initialisation, the fontsets of the chart's
 * fonts (sorted in pango's threads), the fonts, their metrics and shaping, and the glyphs of
 * digits and Vietnamese letters rasterized in cairo's cache. The caller must not use pango
 * until par_chart_warm_up_finish() has joined it. */
struct _ParChartWarmUp {
  GThread       *thread;
  PangoFontMap  *fontmap;
  ParChartStyle  style;
  double         scale;
};

static const char warm_text[] =
  "0123456789%.,:;–—…·()/+−× ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz "
  "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ "
  "ÂĂĐÊÔƠƯ";

static gpointer
warm_up_thread (gpointer data)
{
  ParChartWarmUp *warm = data;
  static const ParFont fonts[] = { PAR_FONT_SMALL, PAR_FONT_TITLE };
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_t *cr = cairo_create (scratch);
  PangoContext *context = pango_font_map_create_context (warm->fontmap);

  pango_cairo_update_context (cr, context);
  configure_context (context);
  for (guint i = 0; i < G_N_ELEMENTS (fonts); i++)
    {
      g_autoptr(PangoFontDescription) desc = font_description (&warm->style, warm->scale,
                                                               fonts[i]);
      PangoLayout *layout = pango_layout_new (context);

      pango_layout_set_font_description (layout, desc);
      pango_layout_set_text (layout, warm_text, -1);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  g_object_unref (context);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  return NULL;
}

ParChartWarmUp *
par_chart_warm_up_start (const ParChartStyle *style,
                         double               width,
                         double               height)
{
  ParChartWarmUp *warm = g_new0 (ParChartWarmUp, 1);

  warm->scale = resolve_style (&warm->style, style, width, height);
  /* Made here, in the caller's thread, so that it is the caller's default; making it starts
   * fontconfig's initialisation in a thread of pango's. */
  warm->fontmap = g_object_ref (pango_cairo_font_map_get_default ());
  warm->thread = g_thread_new ("par-chart-warm-up", warm_up_thread, warm);
  return warm;
}

void
par_chart_warm_up_finish (ParChartWarmUp *warm)
{
  if (warm == NULL)
    return;
  g_thread_join (warm->thread);
  g_object_unref (warm->fontmap);
  g_free (warm);
}

void
par_canvas_clear (ParCanvas *c)
{
  for (int i = 0; i < PAR_FONT_N; i++)
    g_clear_pointer (&c->fonts[i], pango_font_description_free);
  g_clear_pointer (&c->layouts, g_hash_table_unref);
  g_clear_object (&c->context);
}

/* Layouts are cached per frame by font, width, lines, alignment and text: a label is shaped
 * once even when it is measured before it is drawn. */
static PangoLayout *
get_layout (ParCanvas  *c,
            ParFont     font,
            const char *text,
            double      max_width,
            int         max_lines,
            double      xalign)
{
  PangoAlignment align = xalign < 0.25 ? PANGO_ALIGN_LEFT
                         : xalign > 0.75 ? PANGO_ALIGN_RIGHT
                         : PANGO_ALIGN_CENTER;
  int width = max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  /* Alignment moves nothing in an unbounded line. */
  if (width < 0)
    {
      align = PANGO_ALIGN_LEFT;
      max_lines = 1;
    }
  key = g_strdup_printf ("%d|%d|%d|%d|%s", font, width, max_lines, align, text);
  layout = g_hash_table_lookup (c->layouts, key);
  if (layout != NULL)
    return layout;

  layout = pango_layout_new (c->context);
  pango_layout_set_font_description (layout, c->fonts[font]);
  if (width > 0)
    {
      pango_layout_set_width (layout, width);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      /* A negative height limits the number of lines. */
      pango_layout_set_height (layout, -MAX (max_lines, 1));
    }
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  g_hash_table_insert (c->layouts, g_steal_pointer (&key), layout);
  return layout;
}

void
par_canvas_measure (ParCanvas  *c,
                    ParFont     font,
                    const char *text,
                    double      max_width,
                    int         max_lines,
                    double     *width,
                    double     *height)
{
  par_canvas_measure_aligned (c, font, text, max_width, max_lines, 0.0, width, height);
}

void
par_canvas_measure_aligned (ParCanvas  *c,
                            ParFont     font,
                            const char *text,
                            double      max_width,
                            int         max_lines,
                            double      xalign,
                            double     *width,
                            double     *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (get_layout (c, font, text, max_width, max_lines, xalign), NULL,
                            &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}

ParRect
par_canvas_text (ParCanvas     *c,
                 ParFont        font,
                 const char    *text,
                 double         x,
                 double         y,
                 double         max_width,
                 int            max_lines,
                 double         xalign,
                 double         yalign,
                 const ParRgba *color)
{
  PangoLayout *layout = get_layout (c, font, text, max_width, max_lines, xalign);
  PangoRectangle logical;
  ParRect box;

  pango_layout_get_extents (layout, NULL, &logical);
  box.w = (double) logical.width / PANGO_SCALE;
  box.h = (double) logical.height / PANGO_SCALE;
  box.x = x - xalign * box.w;
  box.y = y - yalign * box.h;

  if (c->paint)
    {
      par_canvas_set_color (c, color, 1.0);
      cairo_move_to (c->cr, box.x - (double) logical.x / PANGO_SCALE,
                     box.y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout (c->cr, layout);
    }
  return box;
}

ParRect
par_canvas_text_halo (ParCanvas     *c,
                      ParFont        font,
                      const char    *text,
                      double         x,
                      double         y,
                      double         xalign,
                      double         yalign,
                      const ParRgba *color)
{
  double w, h, pad = 2.0 * c->s;
  ParRect box;

  par_canvas_measure (c, font, text, -1, 1, &w, &h);
  box = (ParRect) { x - xalign * w, y - yalign * h, w, h };
  if (c->paint)
    {
      double r = MIN (h / 2, 4.0 * c->s);
      double x0 = box.x - pad, y0 = box.y, x1 = box.x + w + pad, y1 = box.y + h;

      cairo_new_sub_path (c->cr);
      cairo_arc (c->cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
      cairo_arc (c->cr, x1 - r, y1 - r, r, 0, G_PI / 2);
      cairo_arc (c->cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
      cairo_arc (c->cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (c->cr);
      par_canvas_set_color (c, &c->pal->background, 0.85);
      cairo_fill (c->cr);
    }
  return par_canvas_text (c, font, text, x, y, -1, 1, xalign, yalign, color);
}

void
par_canvas_set_color (ParCanvas     *c,
                      const ParRgba *color,
                      double         alpha_mul)
{
  cairo_set_source_rgba (c->cr, color->r, color->g, color->b, color->a * alpha_mul);
}

void
par_canvas_snapped_rectangle (ParCanvas *c,
                              ParRect    r)
{
  cairo_matrix_t m;
  double x0 = r.x, y0 = r.y, x1 = r.x + r.w, y1 = r.y + r.h;

  /* Edges on whole device pixels are crisp, and cairo fills such boxes on a fast path
   * (several times faster than antialiased edges). Only without rotation or skew. */
  cairo_get_matrix (c->cr, &m);
  if (m.xy != 0 || m.yx != 0)
    {
      cairo_rectangle (c->cr, r.x, r.y, r.w, r.h);
      return;
    }
  cairo_user_to_device (c->cr, &x0, &y0);
  cairo_user_to_device (c->cr, &x1, &y1);
  x0 = round (x0);
  y0 = round (y0);
  x1 = round (x1);
  y1 = round (y1);
  /* A sliver keeps at least one pixel rather than vanish. */
  if (x1 == x0)
    x1 = x0 + 1;
  if (y1 == y0)
    y0 = y1 - 1;
  cairo_device_to_user (c->cr, &x0, &y0);
  cairo_device_to_user (c->cr, &x1, &y1);
  cairo_rectangle (c->cr, x0, y0, x1 - x0, y1 - y0);
}

void
par_canvas_fill_rect (ParCanvas     *c,
                      ParRect        r,
                      const ParRgba *color,
                      double         alpha_mul)
{
  if (!c->paint || r.w <= 0 || r.h <= 0)
    return;
  par_canvas_set_color (c, color, alpha_mul);
  par_canvas_snapped_rectangle (c, r);
  cairo_fill (c->cr);
}

void
par_canvas_line (ParCanvas     *c,
                 double         x0,
                 double         y0,
                 double         x1,
                 double         y1,
                 double         width,
                 const ParRgba *color)
{
  if (!c->paint)
    return;
  par_canvas_set_color (c, color, 1.0);
  cairo_set_line_width (c->cr, width);
  cairo_move_to (c->cr, x0, y0);
  cairo_line_to (c->cr, x1, y1);
  cairo_stroke (c->cr);
}

void
par_canvas_dot (ParCanvas     *c,
                double         x,
                double         y,
                double         radius,
                const ParRgba *fill,
                const ParRgba *stroke)
{
  if (!c->paint)
    return;
  cairo_new_sub_path (c->cr);
  cairo_arc (c->cr, x, y, radius, 0, 2 * G_PI);
  if (fill != NULL)
    {
      par_canvas_set_color (c, fill, 1.0);
      if (stroke != NULL)
        cairo_fill_preserve (c->cr);
      else
        cairo_fill (c->cr);
    }
  if (stroke != NULL)
    {
      par_canvas_set_color (c, stroke, 1.0);
      cairo_set_line_width (c->cr, 2.0 * c->s);
      cairo_stroke (c->cr);
    }
}

void
par_canvas_region (ParCanvas       *c,
                   ParChartHitKind  kind,
                   int              category,
                   int              series,
                   ParRect          r)
{
  ParChartHit hit = { kind, category, series, r.x, r.y, r.w, r.h };

  if (c->regions != NULL)
    g_array_append_val (c->regions, hit);
}

const ParRgba *
par_canvas_year_color (ParCanvas *c,
                       guint      i,
                       guint      n,
                       ParRgba   *scratch)
{
  const ParPalette *pal = c->pal;
  double t, pos, frac;
  guint k;

  /* Few series: distinct hues, the latest year first in the palette (its strongest colour);
   * many: an even viridis ramp from the oldest to the latest. */
  if (n <= pal->n_categorical)
    return &pal->categorical[n - 1 - i];

  t = pal->ramp_from + (pal->ramp_to - pal->ramp_from) * i / (double) (n - 1);
  pos = t * (G_N_ELEMENTS (viridis) - 1);
  k = MIN ((guint) floor (pos), G_N_ELEMENTS (viridis) - 2);
  frac = pos - k;
  scratch->r = ((viridis[k] >> 16 & 0xff) * (1 - frac) + (viridis[k + 1] >> 16 & 0xff) * frac) / 255.0;
  scratch->g = ((viridis[k] >> 8 & 0xff) * (1 - frac) + (viridis[k + 1] >> 8 & 0xff) * frac) / 255.0;
  scratch->b = ((viridis[k] & 0xff) * (1 - frac) + (viridis[k + 1] & 0xff) * frac) / 255.0;
  scratch->a = 1.0;
  return scratch;
}

double
par_canvas_band_alpha (ParCanvas *c,
                       guint      i,
                       guint      n)
{
  if (n <= 1)
    return c->pal->band_alpha_hi;
  return c->pal->band_alpha_lo + (c->pal->band_alpha_hi - c->pal->band_alpha_lo) * i / (n - 1);
}

char *
par_canvas_format_percent (ParCanvas *c,
                           gint64     hundredths,
                           int        decimals)
{
  return par_format_percent_sep (hundredths, (guint) CLAMP (decimals, 0, 2),
                                 c->style.decimal_separator,
                                 PAR_FORMAT_MINUS | PAR_FORMAT_PERCENT_TIGHT);
}

char *
par_canvas_format_points (ParCanvas *c,
                          ParPoints  points)
{
  return par_format_points_sep (points, c->style.decimal_separator);
}

ParRect
par_canvas_frame (ParCanvas *c)
{
  const ParChartModel *m = c->model;
  double pad = 16.0 * c->s;
  double y = pad;
  ParRect rest;

  if (c->paint && !c->style.transparent)
    {
      par_canvas_set_color (c, &c->pal->background, 1.0);
      cairo_rectangle (c->cr, 0, 0, c->width, c->height);
      cairo_fill (c->cr);
    }

  if ((m->title != NULL && m->title[0] != '\0') || m->column != NULL)
    {
      g_autofree char *title = par_chart_model_get_full_title (m);
      ParRect r = par_canvas_text (c, PAR_FONT_TITLE, title, pad, y, c->width - 2 * pad, 1,
                                   0, 0, &c->pal->text);
      y += r.h;
    }
  if (m->subtitle != NULL && m->subtitle[0] != '\0')
    {
      ParRect r = par_canvas_text (c, PAR_FONT_SMALL, m->subtitle, pad, y + 2 * c->s,
                                   c->width - 2 * pad, 1, 0, 0, &c->pal->muted);
      y += r.h + 2 * c->s;
    }
  y += 10.0 * c->s;

  rest.x = pad;
  rest.y = y;
  rest.w = MAX (c->width - 2 * pad, 1.0);
  rest.h = MAX (c->height - pad - y, 1.0);

  /* Footnotes sit at the bottom, the last one lowest; each wraps to at most three lines. */
  for (guint i = m->notes->len; i-- > 0;)
    {
      const char *note = g_ptr_array_index (m->notes, i);
      double h;

      par_canvas_measure (c, PAR_FONT_SMALL, note, rest.w, 3, NULL, &h);
      if (h > rest.h / 3)
        break;
      par_canvas_text (c, PAR_FONT_SMALL, note, rest.x, rest.y + rest.h - h, rest.w, 3, 0, 0,
                       &c->pal->muted);
      rest.h -= h + (i == m->notes->len - 1 ? 0 : 2 * c->s);
      if (i == 0)
        rest.h -= 10 * c->s;
    }
  rest.h = MAX (rest.h, 1.0);
  return rest;
}

void
par_canvas_hatch_rect (ParCanvas     *c,
                       ParRect        r,
                       const ParRgba *color)
{
  double step = 5.0 * c->s;

  if (!c->paint || r.w <= 0 || r.h <= 0)
    return;
  cairo_save (c->cr);
  par_canvas_snapped_rectangle (c, r);
  cairo_clip_preserve (c->cr);
  par_canvas_set_color (c, color, 0.16);
  cairo_fill (c->cr);
  /* Stripes rising to the right, whatever the box's size; the outline keeps a thin box
   * visible when the stripes miss it. */
  for (double x = r.x - r.h; x < r.x + r.w; x += step)
    {
      cairo_move_to (c->cr, x, r.y + r.h);
      cairo_line_to (c->cr, x + r.h, r.y);
    }
  par_canvas_set_color (c, color, 0.9);
  cairo_set_line_width (c->cr, 1.2 * c->s);
  cairo_stroke (c->cr);
  par_canvas_snapped_rectangle (c, r);
  cairo_set_line_width (c->cr, 2.0 * c->s);
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* What a model says of appraisal: values standing in for a missing appraisal (hatched or
 * hollow), and values the council has not appraised (no value). */
static void
appraisal_marks (const ParChartModel *m,
                 int                  series,
                 gboolean            *provisional,
                 gboolean            *not_appraised,
                 gboolean            *appraised)
{
  *provisional = *not_appraised = *appraised = FALSE;
  for (guint s = 0; s < m->series->len; s++)
    for (guint k = 0; (series < 0 || (int) s == series) && k < m->categories->len; k++)
      {
        const ParChartValue *v = par_chart_model_get_value (m, s, k);

        if (v->state == PAR_CHART_VALUE_OK && v->not_appraised)
          *provisional = TRUE;
        else if (v->state == PAR_CHART_VALUE_OK)
          *appraised = TRUE;
        else if (v->state == PAR_CHART_VALUE_NOT_APPRAISED)
          *not_appraised = TRUE;
      }
}

const char *
par_canvas_not_appraised_label (ParCanvas *c)
{
  gboolean provisional, not_appraised, appraised;

  appraisal_marks (c->model, -1, &provisional, &not_appraised, &appraised);
  if (provisional)
    /* TRANSLATORS: legend of a hatched bar or hollow point: no appraised score yet, the
     * self-assessed score is shown */
    return par_canvas_tr (c, N_("Not appraised: self-assessed score"));
  return NULL;
}

void
par_canvas_legend (ParCanvas           *c,
                   ParRect             *area,
                   const ParLegendItem *items,
                   guint                n_items)
{
  double lh = c->line_height[PAR_FONT_SMALL];
  double marker = lh * 0.7;
  double gap = 6.0 * c->s;
  double spacing = 18.0 * c->s;
  double x = area->x;
  double y = area->y;

  if (n_items == 0)
    return;

  for (guint i = 0; i < n_items; i++)
    {
      double tw, item_w;
      double cy;
      ParRect box;

      par_canvas_measure (c, PAR_FONT_SMALL, items[i].label, -1, 1, &tw, NULL);
      item_w = marker + gap + tw;
      if (x > area->x && x + item_w > area->x + area->w)
        {
          x = area->x;
          y += lh + 4.0 * c->s;
        }
      cy = y + lh / 2;
      switch (items[i].marker)
        {
        case PAR_MARKER_SWATCH:
          par_canvas_fill_rect (c, (ParRect) { x, cy - marker / 2, marker, marker },
                                items[i].color, 1.0);
          break;
        case PAR_MARKER_DOT:
          par_canvas_dot (c, x + marker / 2, cy, marker / 2, items[i].color, NULL);
          break;
        case PAR_MARKER_RING:
          par_canvas_dot (c, x + marker / 2, cy, marker / 2 - c->s, &c->pal->background,
                          items[i].color);
          break;
        case PAR_MARKER_HATCH:
          par_canvas_hatch_rect (c, (ParRect) { x, cy - marker / 2, marker, marker },
                                 items[i].color);
          break;
        case PAR_MARKER_LINE:
          par_canvas_line (c, x - marker * 0.3, cy, x + marker * 1.3, cy, 2.5 * c->s,
                           items[i].color);
          par_canvas_dot (c, x + marker / 2, cy, marker * 0.32, items[i].color, NULL);
          break;
        default:
          g_assert_not_reached ();
        }
      box = par_canvas_text (c, PAR_FONT_SMALL, items[i].label, x + marker + gap, cy, -1, 1,
                             0, 0.5, &c->pal->text);
      if (items[i].series >= 0)
        par_canvas_region (c, PAR_CHART_HIT_SERIES, -1, items[i].series,
                           (ParRect) { x, y, box.x + box.w - x, lh });
      x += item_w + spacing;
    }
  y += lh + 10.0 * c->s;
  area->h -= y - area->y;
  area->y = y;
}

gboolean
par_canvas_needs_category_legend (ParCanvas *c)
{
  for (guint i = 0; i < c->model->categories->len; i++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (c->model, i);

      if (g_strcmp0 (cat->short_name, cat->name) != 0)
        return TRUE;
    }
  return FALSE;
}

void
par_canvas_category_legend (ParCanvas *c,
                            ParRect   *area,
                            gboolean   all)
{
  const ParChartModel *m = c->model;
  double lh = c->line_height[PAR_FONT_SMALL] * 1.15;
  double col_min = 300.0 * c->s;
  double col_gap = 20.0 * c->s;
  double code_w = 0;
  guint n = 0, cols, rows, max_rows;
  g_autofree guint *listed = NULL;
  double top, col_w;

  if (!all && !par_canvas_needs_category_legend (c))
    return;

  listed = g_new (guint, m->categories->len + 1);
  for (guint i = 0; i < m->categories->len; i++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (m, i);
      double w;

      if (!all && g_strcmp0 (cat->short_name, cat->name) == 0)
        continue;
      listed[n++] = i;
      par_canvas_measure (c, PAR_FONT_SMALL, cat->code, -1, 1, &w, NULL);
      code_w = MAX (code_w, w);
    }
  if (n == 0)
    return;

  /* Clamped as doubles: on a tiny chart the area can be negative, and a negative double
   * converted to guint is undefined behaviour (UBSan). */
  cols = (guint) MAX (1.0, (area->w + col_gap) / (col_min + col_gap));
  cols = MIN (cols, n);
  rows = (n + cols - 1) / cols;
  /* The legend may take at most a third of the height; beyond that the lines are dropped
   * (the tooltip still names every category). */
  max_rows = (guint) MAX (1.0, area->h / 3 / lh);
  rows = MIN (rows, max_rows);
  col_w = (area->w - (cols - 1) * col_gap) / cols;
  top = area->y + area->h - rows * lh;

  for (guint k = 0; k < n; k++)
    {
      const ParChartCategory *cat = par_chart_model_get_category (m, listed[k]);
      guint col = k / rows, row = k % rows;
      double x = area->x + col * (col_w + col_gap);
      double y = top + row * lh;
      ParRect name;

      if (col >= cols)
        break;
      par_canvas_text (c, PAR_FONT_SMALL, cat->code, x, y, -1, 1, 0, 0, &c->pal->text);
      name = par_canvas_text (c, PAR_FONT_SMALL, cat->name, x + code_w + 8 * c->s, y,
                              col_w - code_w - 8 * c->s, 1, 0, 0, &c->pal->muted);
      par_canvas_region (c, PAR_CHART_HIT_CATEGORY, (int) listed[k], -1,
                         (ParRect) { x, y, name.x + name.w - x, lh });
    }
  area->h = MAX (top - 12.0 * c->s - area->y, 1.0);
}

void
par_canvas_empty (ParCanvas *c,
                  ParRect    area)
{
  const char *message = c->model->empty_message != NULL ? c->model->empty_message
                                                         : par_canvas_tr (c, N_("No data"));

  if (c->paint)
    {
      /* A faint dashed frame shows where the chart would be: empty on purpose, not broken. */
      cairo_save (c->cr);
      cairo_set_dash (c->cr, (double[]) { 6 * c->s, 4 * c->s }, 2, 0);
      cairo_set_line_width (c->cr, MAX (1.0, c->s));
      par_canvas_set_color (c, &c->pal->axis, 0.5);
      cairo_rectangle (c->cr, area.x + 0.5, area.y + 0.5, area.w - 1, area.h - 1);
      cairo_stroke (c->cr);
      cairo_restore (c->cr);
    }
  par_canvas_text (c, PAR_FONT_BOLD, message, area.x + area.w / 2, area.y + area.h / 2,
                   area.w, 3, 0.5, 0.5, &c->pal->muted);
}

char *
par_canvas_series_label (ParCanvas *c,
                         guint      series)
{
  const ParChartSeries *ser = par_chart_model_get_series (c->model, series);

  gboolean provisional, not_appraised, appraised;

  appraisal_marks (c->model, (int) series, &provisional, &not_appraised, &appraised);
  if (appraised)
    return g_strdup (ser->name);
  if (provisional || not_appraised)
    /* TRANSLATORS: a legend entry of a year the council has not appraised, "2023 (not
     * appraised)" */
    return g_strdup_printf (par_canvas_tr (c, N_("%s (not appraised)")), ser->name);
  /* TRANSLATORS: a legend entry of a year without any value, "2023 (no data)" */
  return g_strdup_printf (par_canvas_tr (c, N_("%s (no data)")), ser->name);
}

char *
par_canvas_category_label (ParCanvas *c,
                           guint      category)
{
  const ParChartCategory *cat = par_chart_model_get_category (c->model, category);

  if (g_strcmp0 (cat->short_name, cat->code) == 0)
    return g_strdup (cat->code);
  return g_strdup_printf ("%s. %s", cat->code, cat->short_name);
}

char *
par_canvas_tick_label (ParCanvas     *c,
                       const ParAxis *axis,
                       double         v,
                       gboolean       percent)
{
  int decimals = axis->step >= 1.0 - 1e-9 ? 0 : axis->step >= 0.1 - 1e-9 ? 1 : 2;
  gint64 hundredths = (gint64) llround (v * 100.0);

  if (percent)
    return par_canvas_format_percent (c, hundredths, decimals);
  if (decimals == 0)
    return par_format_fixed ((gint64) llround (v), 0, c->style.decimal_separator,
                             PAR_FORMAT_MINUS);
  if (decimals == 1)
    return par_format_fixed ((gint64) llround (v * 10.0), 1, c->style.decimal_separator,
                             PAR_FORMAT_MINUS);
  return par_format_fixed (hundredths, 2, c->style.decimal_separator, PAR_FORMAT_MINUS);
}

double
par_canvas_tick_width (ParCanvas     *c,
                       const ParAxis *axis,
                       gboolean       percent)
{
  double widest = 0;

  for (double v = axis->lo; v <= axis->hi + axis->step * 1e-6; v += axis->step)
    {
      g_autofree char *label = par_canvas_tick_label (c, axis, v, percent);
      double w;

      par_canvas_measure (c, PAR_FONT_SMALL, label, -1, 1, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

int
par_canvas_tick_budget (ParCanvas *c,
                        double     length,
                        double     spacing)
{
  return CLAMP ((int) (length / (spacing * c->s)), 2, 10);
}

void
par_canvas_grid_y (ParCanvas     *c,
                   const ParAxis *axis,
                   ParRect        plot,
                   gboolean       percent,
                   gboolean       right)
{
  guint n = (guint) llround ((axis->hi - axis->lo) / axis->step);

  for (guint i = 0; i <= n; i++)
    {
      double v = axis->lo + i * axis->step;
      double y = par_axis_map (axis, v, plot.y + plot.h, plot.y);
      g_autofree char *label = par_canvas_tick_label (c, axis, v, percent);

      if (right)
        par_canvas_text (c, PAR_FONT_SMALL, label, plot.x + plot.w + 6 * c->s, y, -1, 1, 0,
                         0.5, &c->pal->muted);
      else
        {
          /* Crisp one-pixel lines on image surfaces. */
          double yy = c->s <= 1.0 ? floor (y) + 0.5 : y;

          par_canvas_line (c, plot.x, yy, plot.x + plot.w, yy, MAX (1.0, c->s * 0.8),
                           i == 0 && axis->lo == 0 ? &c->pal->axis : &c->pal->grid);
          par_canvas_text (c, PAR_FONT_SMALL, label, plot.x - 6 * c->s, y, -1, 1, 1, 0.5,
                           &c->pal->muted);
        }
    }
}

void
par_canvas_grid_x (ParCanvas     *c,
                   const ParAxis *axis,
                   ParRect        plot,
                   gboolean       percent)
{
  guint n = (guint) llround ((axis->hi - axis->lo) / axis->step);

  for (guint i = 0; i <= n; i++)
    {
      double v = axis->lo + i * axis->step;
      double x = par_axis_map (axis, v, plot.x, plot.x + plot.w);
      double xx = c->s <= 1.0 ? floor (x) + 0.5 : x;
      g_autofree char *label = par_canvas_tick_label (c, axis, v, percent);

      par_canvas_line (c, xx, plot.y, xx, plot.y + plot.h, MAX (1.0, c->s * 0.8),
                       i == 0 && axis->lo == 0 ? &c->pal->axis : &c->pal->grid);
      par_canvas_text (c, PAR_FONT_SMALL, label, x, plot.y + plot.h + 4 * c->s, -1, 1, 0.5, 0,
                       &c->pal->muted);
    }
}

/* The zoomed percent range that keeps every value, 100 % and some room below the lowest. */
void
par_canvas_fit_zoomed_axis (ParCanvas *c,
                            ParAxis   *axis,
                            double     length,
                            double     spacing)
{
  const ParChartModel *m = c->model;
  double lo = 100.0, hi = 100.0;

  for (guint s = 0; s < m->series->len; s++)
    for (guint k = 0; k < m->categories->len; k++)
      {
        const ParChartValue *v = par_chart_model_get_value (m, s, k);

        if (v->state != PAR_CHART_VALUE_OK)
          continue;
        lo = MIN (lo, par_percent_value (v->percent));
        hi = MAX (hi, par_percent_value (v->percent));
      }
  lo = MAX (0.0, lo - 0.15 * (hi - lo) - 2.0);
  /* Never zoom in so far that a point of difference looks like a collapse. */
  if (hi - lo < 20.0)
    lo = MAX (0.0, hi - 20.0);
  par_axis_fit (axis, lo, hi, par_canvas_tick_budget (c, length, spacing));
}

ParRgba *
par_canvas_year_legends (ParCanvas *c,
                         ParRect   *area,
                         ParMarker  not_appraised_marker)
{
  guint n_ser = c->model->series->len;
  ParRgba *colors = g_new (ParRgba, MAX (n_ser, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  const char *not_appraised = par_canvas_not_appraised_label (c);
  g_autofree ParLegendItem *items = g_new (ParLegendItem, n_ser + 1);
  guint n = n_ser;

  for (guint s = 0; s < n_ser; s++)
    {
      ParRgba scratch;

      gboolean provisional, unappraised, appraised;

      colors[s] = *par_canvas_year_color (c, s, n_ser, &scratch);
      g_ptr_array_add (labels, par_canvas_series_label (c, s));
      /* A year drawn only hatched (or hollow) has that marker in the legend too. */
      appraisal_marks (c->model, (int) s, &provisional, &unappraised, &appraised);
      items[s] = (ParLegendItem) { g_ptr_array_index (labels, s), &colors[s],
                                   provisional && !appraised ? not_appraised_marker
                                                             : PAR_MARKER_SWATCH, (int) s };
    }
  if (not_appraised != NULL)
    items[n++] = (ParLegendItem) { not_appraised, &c->pal->muted, not_appraised_marker, -1 };
  par_canvas_legend (c, area, items, n);
  par_canvas_category_legend (c, area, FALSE);
  return colors;
}

double
par_canvas_max_percent (ParCanvas *c,
                        double     floor)
{
  const ParChartModel *m = c->model;
  double hi = floor;

  for (guint s = 0; s < m->series->len; s++)
    for (guint k = 0; k < m->categories->len; k++)
      {
        const ParChartValue *v = par_chart_model_get_value (m, s, k);

        if (v->state == PAR_CHART_VALUE_OK)
          hi = MAX (hi, par_percent_value (v->percent));
      }
  return hi;
}
