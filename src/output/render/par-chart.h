/* par-chart.h — cairo renderers of the leadership charts, hit testing and export.
 *
 * One renderer per chart type; the app's widget, `parscore-cli chart`, the PNG/SVG/PDF export
 * and the evidence pack all call the same function with their own cairo_t. Hit testing runs
 * the very same layout code without painting, so what the pointer finds is what was drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "par-chart-model.h"

G_BEGIN_DECLS

typedef enum {
  PAR_CHART_PALETTE_LIGHT,   /* drawn on #ffffff */
  PAR_CHART_PALETTE_DARK,    /* drawn on #1e1e1e */
} ParChartPalette;

/**
 * ParChartStyle:
 * @palette: light or dark; both use colour-blind-safe colours (Okabe–Ito, viridis past seven
 *   series)
 * @font_family: (nullable): a Pango family list, "Sans" when %NULL (not owned)
 * @font_size: base text size in user-space units (pixels for PNG, points for PDF) at scale 1
 * @scale: multiplies every size (text, lines, margins); 0 picks one from the chart's size so
 *   that an export at 1600×900 reads like the app at 800×500
 * @decimal_separator: '.' or ',' for numbers printed on the chart
 * @transparent: when %TRUE the background is not painted (a widget over its own background)
 * @text: (nullable): the chart's own words ("No data", "%s (not appraised)", "N/A"…) in a
 *   language other than the program's — a document written in one language whatever the
 *   program's, such as the evidence pack: called with the English text, returns the text to
 *   draw (not freed; the same printf conversions). %NULL: gettext, the program's language.
 *
 * A plain value; initialize with par_chart_style_init().
 */
typedef const char *(*ParChartTextFunc) (const char *msgid);

typedef struct {
  ParChartPalette  palette;
  const char      *font_family;
  double           font_size;
  double           scale;
  char             decimal_separator;
  gboolean         transparent;
  ParChartTextFunc text;
} ParChartStyle;

/* Defaults: the palette given, "Sans" 13, automatic scale, the locale's decimal separator. */
void     par_chart_style_init   (ParChartStyle       *style,
                                 ParChartPalette      palette);

/**
 * par_chart_nice_step:
 * @range: the span the axis covers (> 0)
 * @max_ticks: how many steps at most the axis may have (≥ 1)
 *
 * Returns: the smallest step of the form 1, 2 or 5 × 10ⁿ that covers @range in at most
 * @max_ticks steps (100 in 5 → 20; 100 in 10 → 10; 7 in 5 → 2; 0.3 in 3 → 0.1). 1 when
 * @range is not positive.
 */
double   par_chart_nice_step    (double               range,
                                 int                  max_ticks);

/**
 * par_chart_warm_up_start:
 * @style: (nullable): the style the chart will be drawn with
 * @width: its width, @height its height (the scale of the fonts follows them)
 *
 * Prepares in a thread what a process's first chart waits for — fontconfig's initialisation,
 * the fontsets, fonts and glyphs of the chart's fonts — and returns at once. A short-lived
 * process (parscore-cli chart) starts it before it opens the database and scores the years;
 * with a second core that work is done by the time it draws. Until
 * par_chart_warm_up_finish(), the calling thread must not use Pango.
 *
 * Returns: (transfer full): the warm-up, for par_chart_warm_up_finish()
 */
typedef struct _ParChartWarmUp ParChartWarmUp;
ParChartWarmUp *par_chart_warm_up_start  (const ParChartStyle *style,
                                          double               width,
                                          double               height);
/* Waits for the warm-up and frees it; NULL is ignored. */
void            par_chart_warm_up_finish (ParChartWarmUp      *warm);

/* The renderers. Each paints the whole chart into the rectangle (0, 0, @width, @height) of
 * the current user space of @cr (translate first to place it); @style may be NULL for the
 * light defaults. The cairo_t's state is saved and restored. */
void     par_chart_render_fields            (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
void     par_chart_render_total             (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
void     par_chart_render_radar             (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
void     par_chart_render_lost              (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
void     par_chart_render_self_vs_appraised (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
void     par_chart_render_ranking           (const ParChartModel *model, cairo_t *cr,
                                             double width, double height,
                                             const ParChartStyle *style);
/* Dispatches on @type. */
void     par_chart_render                   (const ParChartModel *model, ParChartType type,
                                             cairo_t *cr, double width, double height,
                                             const ParChartStyle *style);

/**
 * ParChartHitKind:
 * @PAR_CHART_HIT_NONE: nothing there
 * @PAR_CHART_HIT_VALUE: a bar or a point: @category and @series are set
 * @PAR_CHART_HIT_CATEGORY: a category's label or legend line (a field, a sub-criterion, a
 *   unit, a year): @category is set
 * @PAR_CHART_HIT_SERIES: a series' legend entry: @series is set
 */
typedef enum {
  PAR_CHART_HIT_NONE,
  PAR_CHART_HIT_VALUE,
  PAR_CHART_HIT_CATEGORY,
  PAR_CHART_HIT_SERIES,
} ParChartHitKind;

/**
 * ParChartHit:
 * @category: index into the model's categories, or -1
 * @series: index into the model's series, or -1
 * @x: left of the element's box, in chart coordinates (with @y, @width, @height: where to
 *   point a tooltip or draw a focus ring)
 */
typedef struct {
  ParChartHitKind kind;
  int             category;
  int             series;
  double          x, y, width, height;
} ParChartHit;

/**
 * par_chart_hit_test:
 * @style: (nullable): the style the chart is drawn with (text sizes move the layout)
 * @hit: (out caller-allocates): what is under (@x, @y)
 *
 * Finds the element under a point of a chart drawn with the same arguments. Bars and labels
 * are hit inside their box, points within a few pixels. It runs the chart's own layout code
 * without painting (about as long as a redraw); a widget that tests on every motion event
 * may keep par_chart_get_regions() for the current size instead.
 *
 * Returns: %TRUE when something is there (@hit->kind is not %PAR_CHART_HIT_NONE).
 */
gboolean par_chart_hit_test                 (const ParChartModel *model, ParChartType type,
                                             const ParChartStyle *style,
                                             double width, double height,
                                             double x, double y, ParChartHit *hit);
/**
 * par_chart_get_regions:
 *
 * Every interactive element of the chart in drawing order, as the hit test sees them: for
 * keyboard navigation and accessibility (one region per bar or point, label, legend entry).
 *
 * Returns: (transfer full) (element-type ParChartHit): the regions.
 */
GArray  *par_chart_get_regions              (const ParChartModel *model, ParChartType type,
                                             const ParChartStyle *style,
                                             double width, double height);
/**
 * par_chart_regions_find:
 * @regions: (element-type ParChartHit): par_chart_get_regions() for the chart as drawn
 *
 * The hit test's rule over regions kept by the caller: the nearest wins (bars and labels
 * inside their box, points within a few pixels); on a tie a value beats a label, and the later
 * (drawn on top) wins.
 *
 * Returns: the index in @regions of what is under (@x, @y), or -1 for nothing.
 */
int      par_chart_regions_find             (GArray *regions, double x, double y);
/**
 * par_chart_describe_hit:
 * @decimal_separator: '.' or ','
 *
 * A one-line tooltip, e.g. "2021 · 1. Chỉ đạo điều hành CCHC: 8.50 / 10.00 points (85.00%)";
 * for the lost-points chart "1.1.4. Title: 1.50 of 2.00 points lost (18.75% of all points lost)".
 *
 * Returns: (transfer full) (nullable): the text, %NULL for %PAR_CHART_HIT_NONE.
 */
char    *par_chart_describe_hit             (const ParChartModel *model, ParChartType type,
                                             const ParChartHit *hit, char decimal_separator);

/**
 * par_chart_export:
 * @style: (nullable): light defaults when %NULL
 * @path: ends in .png, .svg or .pdf (any case); the file is replaced atomically
 * @width: in pixels (PNG, SVG) or points (PDF)
 * @error: %PAR_ERROR_FORMAT for another extension, %PAR_ERROR_IO when writing fails
 */
gboolean par_chart_export                   (const ParChartModel *model, ParChartType type,
                                             const ParChartStyle *style, const char *path,
                                             double width, double height, GError **error);

G_END_DECLS
