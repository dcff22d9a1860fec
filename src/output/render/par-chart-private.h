/* par-chart-private.h — the drawing canvas shared by the chart renderers and the hit test.
 *
 * Every chart is one function `par_chart_draw_<type> (ParCanvas *)` that computes its layout
 * and paints it through the helpers below. With `paint` off the same function only measures
 * and records regions: that is the hit test, so hit geometry can never drift from drawing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "par-chart.h"

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} ParRgba;

typedef struct {
  double x, y, w, h;
} ParRect;

/* Each font is a fontset pango builds on first use (two fontconfig sorts, each in a thread
 * of pango 1.50's): keep them few. */
typedef enum {
  PAR_FONT_SMALL,
  PAR_FONT_BOLD,
  PAR_FONT_TITLE,
  PAR_FONT_N,
} ParFont;

/* Semantic colours of one palette. */
typedef struct {
  ParRgba background;
  ParRgba text;
  ParRgba muted;
  ParRgba grid;
  ParRgba axis;
  ParRgba band;          /* band zones: this colour at growing alpha */
  double  band_alpha_lo, band_alpha_hi;
  ParRgba self;          /* self-assessed */
  ParRgba appraised;     /* appraised / final */
  ParRgba loss;          /* points lost */
  ParRgba cumulative;    /* the Pareto line */
  ParRgba bar;           /* single-series bars */
  const ParRgba *categorical;
  guint          n_categorical;
  double         ramp_from, ramp_to;  /* viridis span for many series, oldest → latest */
} ParPalette;

typedef struct {
  cairo_t              *cr;
  gboolean              paint;
  ParChartStyle         style;
  const ParChartModel  *model;
  const ParPalette     *pal;
  double                width, height;
  double                s;           /* scale */
  PangoContext         *context;
  GHashTable           *layouts;     /* key → PangoLayout*, this frame's */
  PangoFontDescription *fonts[PAR_FONT_N];
  double                line_height[PAR_FONT_N];   /* PAR_FONT_SMALL's only */
  GArray               *regions;     /* of ParChartHit, or NULL */
} ParCanvas;

void   par_canvas_init         (ParCanvas           *c,
                                const ParChartModel *model,
                                cairo_t             *cr,
                                double               width,
                                double               height,
                                const ParChartStyle *style,
                                gboolean             paint,
                                GArray              *regions);
void   par_canvas_clear        (ParCanvas           *c);

/* The chart's own words, translated: the style's text function when it has one, else gettext.
 * Mark @msgid with N_() at the call so that it is extracted. */
const char *par_canvas_tr      (ParCanvas           *c,
                                const char          *msgid) G_GNUC_FORMAT (2);

/* Text. @max_width ≤ 0: one unbounded line. @max_lines ≥ 1: wrap at words and ellipsize the
 * last line. (@x, @y) is the anchor; @xalign/@yalign (0, 0.5, 1) place the text's box on it.
 * Returns the box drawn (or that would be drawn). */
ParRect par_canvas_text        (ParCanvas     *c,
                                ParFont        font,
                                const char    *text,
                                double         x,
                                double         y,
                                double         max_width,
                                int            max_lines,
                                double         xalign,
                                double         yalign,
                                const ParRgba *color);
/* Same on a rounded background-coloured pill, for values printed over lines and bars. */
ParRect par_canvas_text_halo   (ParCanvas     *c,
                                ParFont        font,
                                const char    *text,
                                double         x,
                                double         y,
                                double         xalign,
                                double         yalign,
                                const ParRgba *color);
void   par_canvas_measure      (ParCanvas     *c,
                                ParFont        font,
                                const char    *text,
                                double         max_width,
                                int            max_lines,
                                double        *width,
                                double        *height);

/* The same, for wrapped text drawn with @xalign: measuring with the alignment used to draw
 * lets the drawing reuse the shaped layout. */
void   par_canvas_measure_aligned (ParCanvas  *c,
                                   ParFont     font,
                                   const char *text,
                                   double      max_width,
                                   int         max_lines,
                                   double      xalign,
                                   double     *width,
                                   double     *height);

/* A rectangle path with its edges on whole device pixels. */
void   par_canvas_snapped_rectangle (ParCanvas *c, ParRect r);
void   par_canvas_set_color    (ParCanvas *c, const ParRgba *color, double alpha_mul);
void   par_canvas_fill_rect    (ParCanvas *c, ParRect r, const ParRgba *color, double alpha_mul);
void   par_canvas_line         (ParCanvas *c, double x0, double y0, double x1, double y1,
                                double width, const ParRgba *color);
void   par_canvas_dot          (ParCanvas *c, double x, double y, double radius,
                                const ParRgba *fill, const ParRgba *stroke);
void   par_canvas_region       (ParCanvas *c, ParChartHitKind kind, int category, int series,
                                ParRect r);

/* Colour of series @i of @n where series are years: the latest is the strongest colour. */
const ParRgba *par_canvas_year_color (ParCanvas *c, guint i, guint n, ParRgba *scratch);

/* Alpha of band @i of @n (the best band is the most opaque). */
double par_canvas_band_alpha   (ParCanvas *c, guint i, guint n);

/* Numbers as printed on charts, with the style's decimal separator. */
char  *par_canvas_format_percent (ParCanvas *c, gint64 hundredths, int decimals);
char  *par_canvas_format_points  (ParCanvas *c, ParPoints points);

/* The chart's frame: paints the background, the title (with the score column) and subtitle,
 * the footnotes at the bottom, and returns the rest. */
ParRect par_canvas_frame       (ParCanvas *c);
/* A box filled with diagonal stripes of @color: a value that is not appraised. */
void   par_canvas_hatch_rect   (ParCanvas *c, ParRect r, const ParRgba *color);
/* The legend text for hatched or hollow values, or NULL when the model has none. */
const char *par_canvas_not_appraised_label (ParCanvas *c);
/* A row of legend entries for the series (swatch or dot + name), wrapped; returns the height
 * used at the top of @area, which it shrinks. */
typedef enum {
  PAR_MARKER_SWATCH,
  PAR_MARKER_DOT,
  PAR_MARKER_RING,
  PAR_MARKER_LINE,
  PAR_MARKER_HATCH,
} ParMarker;
typedef struct {
  const char    *label;
  const ParRgba *color;
  ParMarker      marker;
  int            series;  /* recorded as a SERIES region, or -1 */
} ParLegendItem;
void   par_canvas_legend       (ParCanvas *c, ParRect *area, const ParLegendItem *items,
                                guint n_items);
/* Legend of categories whose short name differs from the name ("1 — full name"), laid out in
 * columns at the bottom of @area, which it shrinks. With @all every category is listed. */
void   par_canvas_category_legend (ParCanvas *c, ParRect *area, gboolean all);
/* True when par_canvas_category_legend() would list something. */
gboolean par_canvas_needs_category_legend (ParCanvas *c);
/* Says "No data" (or the model's empty message) in the middle of @area. */
void   par_canvas_empty        (ParCanvas *c, ParRect area);
/* Charts whose series are years: picks each year's colour into @colors (n_series of them,
 * returned, to be freed) and lays out their swatch legend (with @not_appraised_marker for
 * values not appraised, when there are any), then the category legend, at the edges of
 * @area, which it shrinks. */
ParRgba *par_canvas_year_legends (ParCanvas *c, ParRect *area, ParMarker not_appraised_marker);
/* The highest value drawn (in %, never below @floor), so an index above 100 % still fits. */
double   par_canvas_max_percent  (ParCanvas *c, double floor);
/* The series' name for a legend: "2023 (no data)" when it has no value at all, "2023 (not
 * appraised)" when it has no appraised value. */
char  *par_canvas_series_label (ParCanvas *c, guint series);
/* "1. Chỉ đạo điều hành" — code and short name, for axis labels. */
char  *par_canvas_category_label (ParCanvas *c, guint category);

/* An export's file (par-chart-file.c): written under a temporary name beside @path, buffered,
 * renamed over @path by _commit (which reports any failure, naming @path; @failure, when not
 * NULL, says why instead of the write error); _abort removes it. */
typedef struct _ParExportFile ParExportFile;
ParExportFile  *par_export_file_open        (const char *path, GError **error);
gboolean        par_export_file_write       (ParExportFile *f, const void *data, gsize length);
cairo_status_t  par_export_file_cairo_write (void *closure, const unsigned char *data,
                                             unsigned int length);
int             par_export_file_get_errno   (ParExportFile *f);
gboolean        par_export_file_commit      (ParExportFile *f, const char *failure,
                                             GError **error);
void            par_export_file_abort       (ParExportFile *f);
/* An ARGB32 image surface for a PNG export, on memory that comes in huge pages. */
cairo_surface_t *par_export_image_new       (int width, int height);

/* Writes an ARGB32/RGB24 image surface as PNG (Up filter, zlib level 3), a row at a time. */
gboolean par_chart_write_png   (cairo_surface_t *image, ParExportFile *out, GError **error);

/* A value axis with nice steps. */
typedef struct {
  double lo, hi, step;
} ParAxis;

void   par_axis_fit            (ParAxis *axis, double lo, double hi, int max_ticks);
/* Maps @v from the axis to [@p0, @p1] (p1 may be < p0 for a vertical axis). */
double par_axis_map            (const ParAxis *axis, double v, double p0, double p1);

/* Tick labels: "80%" for percent axes (value in percent), "1.5" for points axes (value in
 * points). */
char  *par_canvas_tick_label   (ParCanvas *c, const ParAxis *axis, double v, gboolean percent);
/* The widest tick label of @axis. */
double par_canvas_tick_width   (ParCanvas *c, const ParAxis *axis, gboolean percent);
/* Grid lines across @plot at every tick of a vertical @axis, labelled on the left (or on the
 * right with @right; then no lines are drawn). */
void   par_canvas_grid_y       (ParCanvas *c, const ParAxis *axis, ParRect plot,
                                gboolean percent, gboolean right);
/* Grid lines across @plot at every tick of a horizontal @axis, labelled below. */
void   par_canvas_grid_x       (ParCanvas *c, const ParAxis *axis, ParRect plot,
                                gboolean percent);
/* A percent axis zoomed on the model's values: up to 100 % (or the highest value), down to
 * a little below the lowest value, spanning at least 20 points of percent. */
void   par_canvas_fit_zoomed_axis (ParCanvas *c, ParAxis *axis, double length, double spacing);
/* The number of ticks that fits along @length with labels @spacing apart. */
int    par_canvas_tick_budget  (ParCanvas *c, double length, double spacing);

/* Band zones shaded from each band's lower bound up to the next one's, darker for better
 * bands, and named: along a vertical axis (named at the right edge) or a horizontal one
 * (named above the plot). */
void   par_chart_draw_bands_y  (ParCanvas *c, const ParAxis *axis, ParRect plot);
void   par_chart_draw_bands_x  (ParCanvas *c, const ParAxis *axis, ParRect plot);

void   par_chart_draw_fields            (ParCanvas *c);
void   par_chart_draw_total             (ParCanvas *c);
void   par_chart_draw_radar             (ParCanvas *c);
void   par_chart_draw_lost              (ParCanvas *c);
void   par_chart_draw_self_vs_appraised (ParCanvas *c);
void   par_chart_draw_ranking           (ParCanvas *c);

static inline double
par_percent_value (gint64 hundredths)
{
  return (double) hundredths / 100.0;
}

G_END_DECLS
