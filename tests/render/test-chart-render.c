/* test-chart-render.c — charts as a reader sees them: pixels on image surfaces, elements in
 * SVG, text in PDF (poppler), hit testing against what was drawn, edge cases, export errors.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <signal.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "chart-fixtures.h"
#include "par-core.h"
#include "par-chart-private.h"

/* poppler-glib 22.12 has no autoptr for its types. */
#ifndef POPPLER_AUTOPTR_DEFINED
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
#endif

typedef struct {
  guint8 r, g, b;
} Rgb;

/* The palette's colours the tests look for (Okabe–Ito, see par-chart-canvas.c). */
static const Rgb blue = { 0x00, 0x72, 0xB2 };        /* light: latest year, appraised */
static const Rgb orange = { 0xE6, 0x9F, 0x00 };      /* second latest, self-assessed */
static const Rgb green = { 0x00, 0x9E, 0x73 };       /* third latest */
static const Rgb vermillion = { 0xD5, 0x5E, 0x00 };  /* points lost */
static const Rgb white = { 0xFF, 0xFF, 0xFF };
static const Rgb dark_bg = { 0x1E, 0x1E, 0x1E };

#define W 800
#define H 500

static ParChartStyle
style_for (ParChartPalette palette)
{
  ParChartStyle style;

  par_chart_style_init (&style, palette);
  style.scale = 1.0;
  style.decimal_separator = '.';
  return style;
}

static cairo_surface_t *
render_png (const ParChartModel *m,
            ParChartType         type,
            const ParChartStyle *style,
            int                  width,
            int                  height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  par_chart_render (m, type, cr, width, height, style);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static Rgb
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  memcpy (&argb, data + y * stride + x * 4, 4);
  return (Rgb) { argb >> 16 & 0xff, argb >> 8 & 0xff, argb & 0xff };
}

static gboolean
same_color (Rgb a,
            Rgb b,
            int tolerance)
{
  return ABS (a.r - b.r) <= tolerance && ABS (a.g - b.g) <= tolerance
         && ABS (a.b - b.b) <= tolerance;
}

/* Height of the run of @color in column @x that contains row @y. */
static int
run_height (cairo_surface_t *surface,
            int              x,
            int              y,
            Rgb              color)
{
  int top = y, bottom = y;

  g_assert_true (same_color (pixel (surface, x, y), color, 2));
  while (top > 0 && same_color (pixel (surface, x, top - 1), color, 2))
    top--;
  while (bottom + 1 < cairo_image_surface_get_height (surface)
         && same_color (pixel (surface, x, bottom + 1), color, 2))
    bottom++;
  return bottom - top + 1;
}

/* Rows from the first to the last pixel of @color in column @x (lines drawn over a bar do
 * not cut it short). */
static int
extent_height (cairo_surface_t *surface,
               int              x,
               Rgb              color)
{
  int top = -1, bottom = -1;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    if (same_color (pixel (surface, x, y), color, 2))
      {
        if (top < 0)
          top = y;
        bottom = y;
      }
  return top < 0 ? 0 : bottom - top + 1;
}

static GArray *
value_regions (const ParChartModel *m,
               ParChartType         type,
               const ParChartStyle *style,
               int                  series)
{
  GArray *all = par_chart_get_regions (m, type, style, W, H);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (ParChartHit));

  for (guint i = 0; i < all->len; i++)
    {
      ParChartHit *r = &g_array_index (all, ParChartHit, i);

      if (r->kind == PAR_CHART_HIT_VALUE && (series < 0 || r->series == series))
        g_array_append_val (values, *r);
    }
  g_array_unref (all);
  return values;
}

static char *
temp_path (const char *name)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      dir = g_dir_make_tmp ("parscore-render-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return g_build_filename (dir, name, NULL);
}

static char *
export_and_read (const ParChartModel *m,
                 ParChartType         type,
                 const ParChartStyle *style,
                 const char          *name,
                 gsize               *length)
{
  g_autofree char *path = temp_path (name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (par_chart_export (m, type, style, path, W, H, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Text of the first page of a PDF export. */
static char *
pdf_text (const ParChartModel *m,
          ParChartType         type,
          const char          *name)
{
  g_autofree char *path = temp_path (name);
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) page = NULL;
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  double pw, ph;

  g_assert_true (par_chart_export (m, type, &style, path, W, H, &error));
  g_assert_no_error (error);
  uri = g_filename_to_uri (path, NULL, &error);
  g_assert_no_error (error);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (doc), ==, 1);
  page = poppler_document_get_page (doc, 0);
  poppler_page_get_size (page, &pw, &ph);
  g_assert_cmpfloat_with_epsilon (pw, W, 0.01);
  g_assert_cmpfloat_with_epsilon (ph, H, 0.01);
  return poppler_page_get_text (page);
}

/* Occurrences of `fill:rgb(…)` in SVG <path> elements matching @color (cairo writes each
 * channel as a percentage). */
static guint
svg_count_fill (const char *svg,
                Rgb         color)
{
  guint n = 0;

  for (const char *p = strstr (svg, "<path"); p != NULL; p = strstr (p + 1, "<path"))
    {
      const char *end = strchr (p, '>');
      const char *fill = strstr (p, "fill:rgb(");
      double r, g, b;

      if (fill == NULL || end == NULL || fill > end)
        continue;
      if (sscanf (fill, "fill:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) != 3)
        continue;
      if (fabs (r * 2.55 - color.r) < 1 && fabs (g * 2.55 - color.g) < 1
          && fabs (b * 2.55 - color.b) < 1 && strncmp (strstr (fill, ")"), ");fill-opacity:1;", 17) == 0)
        n++;
    }
  return n;
}

/* --- bars ----------------------------------------------------------------------------------- */

static void
test_bar_heights_proportional (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_FIELDS, "Tỷ lệ");
  static const gint64 values[] = { 2500, 5000, 7500, 10000, 3333 };
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;
  int heights[G_N_ELEMENTS (values)];
  int runs = 0;
  int baseline = 0;

  par_chart_model_add_series (m, NULL, 2023);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *code = g_strdup_printf ("%u", i + 1);

      par_chart_model_add_category (m, code, fixture_field_names[i], NULL);
      par_chart_model_set_value (m, 0, i, values[i], values[i] / 10, 1000);
    }
  surface = render_png (m, PAR_CHART_FIELDS, &style, W, H);
  bars = value_regions (m, PAR_CHART_FIELDS, &style, -1);
  g_assert_cmpuint (bars->len, ==, G_N_ELEMENTS (values));

  for (guint i = 0; i < bars->len; i++)
    {
      ParChartHit *bar = &g_array_index (bars, ParChartHit, i);
      int x = (int) (bar->x + bar->width / 2);
      int y = (int) (bar->y + bar->height - 2);

      g_assert_cmpint (bar->category, ==, i);
      /* One colour from the region's bottom up: the bar the hit test knows is painted. */
      heights[i] = run_height (surface, x, y, blue);
      g_assert_cmpfloat (fabs (heights[i] - bar->height), <=, 1.5);
      if (i == 0)
        baseline = (int) (bar->y + bar->height);
      g_assert_cmpfloat (fabs (bar->y + bar->height - baseline), <=, 0.5);
    }
  /* Heights measured in pixels are proportional to the values. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (fabs (heights[i] - heights[3] * values[i] / 10000.0), <=, 1.5);

  /* Counted independently of the hit regions: runs of the bar colour just above the axis. */
  for (int x = 0, inside = 0; x < W; x++)
    {
      gboolean on = same_color (pixel (surface, x, baseline - 3), blue, 2);

      if (on && !inside)
        runs++;
      inside = on;
    }
  g_assert_cmpint (runs, ==, G_N_ELEMENTS (values));
  cairo_surface_destroy (surface);
}

static void
test_zero_and_full (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_FIELDS, NULL);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  cairo_surface_t *surface;
  g_autoptr(GArray) bars = NULL;
  ParChartHit *zero, *full;

  par_chart_model_add_series (m, NULL, 2023);
  par_chart_model_add_category (m, "1", "Không", NULL);
  par_chart_model_add_category (m, "2", "Trọn vẹn", NULL);
  par_chart_model_set_value (m, 0, 0, 0, 0, 1000);
  par_chart_model_set_value (m, 0, 1, 10000, 1000, 1000);
  surface = render_png (m, PAR_CHART_FIELDS, &style, W, H);
  bars = value_regions (m, PAR_CHART_FIELDS, &style, 0);
  g_assert_cmpuint (bars->len, ==, 2);
  zero = &g_array_index (bars, ParChartHit, 0);
  full = &g_array_index (bars, ParChartHit, 1);

  /* 0 % is a visible sliver on the axis (a value, not a gap), still hoverable. */
  g_assert_true (same_color (pixel (surface, (int) (zero->x + zero->width / 2),
                                    (int) (zero->y + zero->height - 1)), blue, 2));
  g_assert_false (same_color (pixel (surface, (int) (zero->x + zero->width / 2),
                                     (int) (zero->y + zero->height - 6)), blue, 2));
  g_assert_cmpfloat (zero->height, >=, 5);
  /* 100 % reaches the top of the axis and no further. */
  g_assert_cmpint (run_height (surface, (int) (full->x + full->width / 2),
                               (int) (full->y + full->height - 2), blue),
                   >=, (int) full->height - 1);
  g_assert_false (same_color (pixel (surface, (int) (full->x + full->width / 2),
                                     (int) full->y - 2), blue, 2));
  cairo_surface_destroy (surface);
}

static void
test_svg_counts_bars (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (3, 5);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autofree char *svg = NULL;
  gsize length;

  /* Three years → green, orange, blue (oldest to latest); 5 bars each + 1 legend swatch. */
  svg = export_and_read (m, PAR_CHART_FIELDS, &style, "bars.svg", &length);
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_cmpuint (svg_count_fill (svg, green), ==, 5 + 1);
  g_assert_cmpuint (svg_count_fill (svg, orange), ==, 5 + 1);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 5 + 1);

  /* A missing year and an N/A field take their bars away. */
  for (guint k = 0; k < 5; k++)
    par_chart_model_set_state (m, 1, k, PAR_CHART_VALUE_MISSING);
  for (guint s = 0; s < 3; s++)
    par_chart_model_set_state (m, s, 4, PAR_CHART_VALUE_NOT_APPLICABLE);
  g_free (svg);
  svg = export_and_read (m, PAR_CHART_FIELDS, &style, "bars-gaps.svg", &length);
  g_assert_cmpuint (svg_count_fill (svg, green), ==, 4 + 1);
  g_assert_cmpuint (svg_count_fill (svg, orange), ==, 0 + 1);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 4 + 1);
}

static void
test_svg_counts_points (void)
{
  g_autoptr(ParChartModel) m = fixture_total (7, TRUE);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autofree char *svg = NULL;
  g_autoptr(GArray) points = NULL;
  gsize length;

  /* Self-assessed points in orange, appraised in blue; each legend entry has one dot. */
  par_chart_model_set_state (m, 1, 3, PAR_CHART_VALUE_MISSING);
  svg = export_and_read (m, PAR_CHART_TOTAL, &style, "total.svg", &length);
  g_assert_cmpuint (svg_count_fill (svg, orange), ==, 7 + 1);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 6 + 1);
  points = value_regions (m, PAR_CHART_TOTAL, &style, -1);
  g_assert_cmpuint (points->len, ==, 13);
}

static void
test_svg_counts_lost (void)
{
  g_autoptr(ParChartModel) m = fixture_lost ();
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autofree char *svg = export_and_read (m, PAR_CHART_LOST, &style, "lost.svg", NULL);

  g_assert_cmpuint (svg_count_fill (svg, vermillion), ==, 10 + 1);
}

static void
test_lost_bars_proportional (void)
{
  g_autoptr(ParChartModel) m = fixture_lost ();
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  cairo_surface_t *surface = render_png (m, PAR_CHART_LOST, &style, W, H);
  g_autoptr(GArray) bars = value_regions (m, PAR_CHART_LOST, &style, 0);
  g_autoptr(GArray) line = value_regions (m, PAR_CHART_LOST, &style, 1);
  int first = 0;

  g_assert_cmpuint (bars->len, ==, 10);
  g_assert_cmpuint (line->len, ==, 10);
  for (guint i = 0; i < bars->len; i++)
    {
      ParChartHit *bar = &g_array_index (bars, ParChartHit, i);
      const ParChartValue *v = par_chart_model_get_value (m, 0, bar->category);
      int h = extent_height (surface, (int) (bar->x + 3), vermillion);

      if (i == 0)
        first = h;
      /* 2.50 points lost is the tallest; 0.25 a tenth of it. */
      g_assert_cmpfloat (fabs (h - first * v->points / 250.0), <=, 1.5);
    }
  /* The cumulative line only rises. */
  for (guint i = 1; i < line->len; i++)
    g_assert_cmpfloat (g_array_index (line, ParChartHit, i).y, <=,
                       g_array_index (line, ParChartHit, i - 1).y);
  cairo_surface_destroy (surface);
}

/* --- bands ---------------------------------------------------------------------------------- */

static void
test_band_zones (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_TOTAL, NULL);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  cairo_surface_t *surface;
  g_autoptr(GArray) points = NULL;
  ParChartHit *p0, *p1;
  double a, b;
  int x;
  Rgb above, below, inside_a, inside_b;

  par_chart_model_add_series (m, "Self-assessed", 0);
  par_chart_model_add_category (m, "2022", "2022", "2022");
  par_chart_model_add_category (m, "2023", "2023", "2023");
  par_chart_model_set_value (m, 0, 0, 6000, 6000, 10000);
  par_chart_model_set_value (m, 0, 1, 9600, 9600, 10000);
  par_chart_model_add_band (m, "Trung bình", 5000, TRUE);
  par_chart_model_add_band (m, "Khá", 6500, TRUE);
  par_chart_model_add_band (m, "Tốt", 8000, TRUE);
  surface = render_png (m, PAR_CHART_TOTAL, &style, W, H);

  /* The two points map percent to rows: y = a + b × percent. */
  points = value_regions (m, PAR_CHART_TOTAL, &style, 0);
  g_assert_cmpuint (points->len, ==, 2);
  p0 = &g_array_index (points, ParChartHit, 0);
  p1 = &g_array_index (points, ParChartHit, 1);
  b = ((p1->y + p1->height / 2) - (p0->y + p0->height / 2)) / (96.0 - 60.0);
  a = (p0->y + p0->height / 2) - b * 60.0;
  g_assert_cmpfloat (b, <, 0);
  /* The point is drawn where the hit test says, in the self-assessment's colour. */
  g_assert_true (same_color (pixel (surface, (int) (p0->x + p0->width / 2),
                                    (int) (p0->y + p0->height / 2)), orange, 3));

  /* A column right of the last point, away from lines and labels. */
  x = (int) (p1->x + p1->width / 2 + (p1->x - p0->x) / 4);
  for (guint i = 0; i < 2; i++)
    {
      double bound = i == 0 ? 65.0 : 80.0;
      int y = (int) lround (a + b * bound);

      above = pixel (surface, x, y - 3);
      below = pixel (surface, x, y + 3);
      /* The zone changes at the band's bound, to a deeper tint for the better band. */
      g_assert_false (same_color (above, below, 2));
      g_assert_cmpint (above.r, <, below.r);
    }
  /* Inside one zone the tint is the same (72 % and 77 % are both Khá). */
  inside_a = pixel (surface, x, (int) lround (a + b * 72.0));
  inside_b = pixel (surface, x, (int) lround (a + b * 77.0));
  g_assert_true (same_color (inside_a, inside_b, 1));
  g_assert_false (same_color (inside_a, white, 2));
  cairo_surface_destroy (surface);
}

/* --- radar, dumbbell, ranking ---------------------------------------------------------------- */

static void
test_radar_geometry (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_RADAR, NULL);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) outer = NULL;
  g_autoptr(GArray) inner = NULL;
  double cx = 0, cy = 0;

  par_chart_model_add_series (m, NULL, 2022);
  par_chart_model_add_series (m, NULL, 2023);
  for (guint k = 0; k < 6; k++)
    {
      g_autofree char *code = g_strdup_printf ("%u", k + 1);

      par_chart_model_add_category (m, code, fixture_field_names[k], NULL);
      par_chart_model_set_value (m, 0, k, 5000, 500, 1000);
      par_chart_model_set_value (m, 1, k, 10000, 1000, 1000);
    }
  inner = value_regions (m, PAR_CHART_RADAR, &style, 0);
  outer = value_regions (m, PAR_CHART_RADAR, &style, 1);
  g_assert_cmpuint (inner->len, ==, 6);
  g_assert_cmpuint (outer->len, ==, 6);
  for (guint k = 0; k < 6; k++)
    {
      cx += g_array_index (outer, ParChartHit, k).x / 6 + g_array_index (outer, ParChartHit, k).width / 12;
      cy += g_array_index (outer, ParChartHit, k).y / 6 + g_array_index (outer, ParChartHit, k).height / 12;
    }
  for (guint k = 0; k < 6; k++)
    {
      ParChartHit *o = &g_array_index (outer, ParChartHit, k);
      ParChartHit *i = &g_array_index (inner, ParChartHit, k);
      double ro = hypot (o->x + o->width / 2 - cx, o->y + o->height / 2 - cy);
      double ri = hypot (i->x + i->width / 2 - cx, i->y + i->height / 2 - cy);

      /* 50 % lies halfway out along the same spoke as 100 %. */
      g_assert_cmpfloat (fabs (ri / ro - 0.5), <, 0.01);
      g_assert_cmpint (o->category, ==, k);
    }
  /* The first field points straight up. */
  g_assert_cmpfloat (fabs (g_array_index (outer, ParChartHit, 0).x
                           + g_array_index (outer, ParChartHit, 0).width / 2 - cx), <, 0.5);
}

static void
test_dumbbell (void)
{
  g_autoptr(ParChartModel) m = fixture_dumbbell ();
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) self = value_regions (m, PAR_CHART_SELF_VS_APPRAISED, &style, 0);
  g_autoptr(GArray) appraised = value_regions (m, PAR_CHART_SELF_VS_APPRAISED, &style, 1);
  g_autofree char *svg = NULL;
  g_autofree char *text = NULL;

  /* 8 fields: one N/A, one not appraised. */
  g_assert_cmpuint (self->len, ==, 7);
  g_assert_cmpuint (appraised->len, ==, 6);
  for (guint i = 0; i < appraised->len; i++)
    {
      ParChartHit *a = &g_array_index (appraised, ParChartHit, i);

      for (guint j = 0; j < self->len; j++)
        {
          ParChartHit *s = &g_array_index (self, ParChartHit, j);
          const ParChartValue *sv, *av;

          if (s->category != a->category)
            continue;
          /* Same row; the appraised dot is left of the self one where the council cut. */
          g_assert_cmpfloat (fabs (s->y - a->y), <, 0.01);
          sv = par_chart_model_get_value (m, 0, s->category);
          av = par_chart_model_get_value (m, 1, a->category);
          if (av->percent < sv->percent)
            g_assert_cmpfloat (a->x, <, s->x);
          else if (av->percent > sv->percent)
            g_assert_cmpfloat (a->x, >, s->x);
        }
    }
  svg = export_and_read (m, PAR_CHART_SELF_VS_APPRAISED, &style, "dumbbell.svg", NULL);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 6 + 1);

  text = pdf_text (m, PAR_CHART_SELF_VS_APPRAISED, "dumbbell.pdf");
  g_assert_nonnull (strstr (text, "−1.50"));   /* field 7: 13.50 → 12.00 */
  g_assert_nonnull (strstr (text, "+0.50"));   /* field 8: 21.00 → 21.50 */
  g_assert_nonnull (strstr (text, "not appraised"));
  g_assert_nonnull (strstr (text, "N/A"));
}

static void
test_ranking_order (void)
{
  g_autoptr(ParChartModel) m = fixture_ranking ();
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) dots = value_regions (m, PAR_CHART_RANKING, &style, 0);
  g_autofree char *text = NULL;

  /* 18 units with a result, drawn top to bottom from best to worst. */
  g_assert_cmpuint (dots->len, ==, 18);
  for (guint i = 1; i < dots->len; i++)
    {
      ParChartHit *prev = &g_array_index (dots, ParChartHit, i - 1);
      ParChartHit *cur = &g_array_index (dots, ParChartHit, i);

      g_assert_cmpfloat (cur->y, >, prev->y);
      g_assert_cmpfloat (cur->x, <=, prev->x + 0.01);
    }
  text = pdf_text (m, PAR_CHART_RANKING, "ranking.pdf");
  g_assert_nonnull (strstr (text, "Văn phòng UBND tỉnh"));
  g_assert_nonnull (strstr (text, "98.7%"));
  g_assert_nonnull (strstr (text, "Xuất sắc"));
  /* The unit without a result is a footnote, not an empty row. */
  g_assert_null (strstr (text, "No data"));
  g_assert_nonnull (strstr (text, "No result for 2018: Ban Dân tộc."));
}

/* A write that fails half-way (here the file-size limit, as a full disk would) is an error
 * naming the file; the file that was there is as it was, and no temporary file is left. */
static void
test_export_failure_keeps_file (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (10, 8);
  g_autofree char *dir = temp_path ("failing");
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  struct rlimit old, small;
  gsize before_len, after_len;
  const char *name;
  guint files = 0;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "an earlier chart", -1, NULL));
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old), ==, 0);
  small = old;
  small.rlim_cur = 20000;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (par_chart_export (m, PAR_CHART_FIELDS, NULL, path, 1600, 900, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old), ==, 0);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);

  /* The same export with room to write replaces it, and leaves nothing else either. */
  g_clear_error (&error);
  g_assert_true (par_chart_export (m, PAR_CHART_FIELDS, NULL, path, 1600, 900, &error));
  g_assert_no_error (error);
  g_clear_pointer (&listing, g_dir_close);
  listing = g_dir_open (dir, 0, NULL);
  files = 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    files++;
  g_assert_cmpuint (files, ==, 1);
  g_free (after);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpuint (after_len, >, 20000);
  g_assert_true (memcmp (after, "\x89PNG", 4) == 0);
}

/* --- score columns and appraisal ------------------------------------------------------------ */

/* Every chart names the score column it shows, after its title, in PDF, SVG and PNG alike. */
static void
test_column_in_title (void)
{
  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_autoptr(ParChartModel) m = fixture_for_type (t);
      g_autoptr(ParChartModel) bare = fixture_for_type (t);
      g_autofree char *name = g_strdup_printf ("column-%u.pdf", t);
      g_autofree char *expected = g_strdup_printf ("%s — Appraised", m->title);
      g_autofree char *text = NULL;
      g_autofree char *full = NULL;
      ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
      cairo_surface_t *with, *without;
      guint changed = 0;

      par_chart_model_set_column (m, "Appraised");
      full = par_chart_model_get_full_title (m);
      g_assert_cmpstr (full, ==, expected);
      text = pdf_text (m, t, name);
      g_assert_nonnull (strstr (text, expected));

      /* The title line is where the pixels differ: the column is drawn, not only stored. */
      with = render_png (m, t, &style, W, H);
      without = render_png (bare, t, &style, W, H);
      for (int y = 0; y < 40; y++)
        for (int x = 0; x < W; x++)
          changed += !same_color (pixel (with, x, y), pixel (without, x, y), 0);
      g_assert_cmpuint (changed, >, 100);
      cairo_surface_destroy (with);
      cairo_surface_destroy (without);
    }
}

/* Final scores of a year the council has not appraised are the self-assessed ones: hatched
 * bars, never solid ones, and the legend says why. */
static void
test_not_appraised_hatched (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (3, 5);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autofree char *svg = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) bars = NULL;
  cairo_surface_t *surface;
  guint blue_px = 0, light_px = 0;
  ParChartHit *bar;

  par_chart_model_set_column (m, "Final");
  for (guint k = 0; k < 5; k++)
    par_chart_model_set_not_appraised (m, 2, k, TRUE);

  /* The latest year (blue) has no solid fill left, not even its legend swatch. */
  svg = export_and_read (m, PAR_CHART_FIELDS, &style, "hatched.svg", NULL);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 0);
  g_assert_cmpuint (svg_count_fill (svg, orange), ==, 5 + 1);

  /* Its bars are still there, hit-testable, at their height … */
  bars = value_regions (m, PAR_CHART_FIELDS, &style, 2);
  g_assert_cmpuint (bars->len, ==, 5);
  bar = &g_array_index (bars, ParChartHit, 0);
  g_assert_cmpfloat (bar->height, >, 100);

  /* … and striped: inside the bar both the colour and a pale tint of it. */
  surface = render_png (m, PAR_CHART_FIELDS, &style, W, H);
  for (int y = (int) bar->y + 4; y < (int) (bar->y + bar->height) - 4; y++)
    {
      Rgb p = pixel (surface, (int) (bar->x + bar->width / 2), y);

      blue_px += same_color (p, blue, 40);
      light_px += p.r > 180 && p.g > 200;
    }
  g_assert_cmpuint (blue_px, >, 10);
  g_assert_cmpuint (light_px, >, 10);
  cairo_surface_destroy (surface);

  text = pdf_text (m, PAR_CHART_FIELDS, "hatched.pdf");
  g_assert_nonnull (strstr (text, "2024 (not appraised)"));
  g_assert_nonnull (strstr (text, "Not appraised: self-assessed score"));
  g_assert_nonnull (strstr (text, "Fields across years — Final"));
}

/* Appraised scores of a year that has none: no bar at all, and the year is named. */
static void
test_not_appraised_missing (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (3, 5);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) bars = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *text = NULL;

  par_chart_model_set_column (m, "Appraised");
  for (guint k = 0; k < 5; k++)
    par_chart_model_set_state (m, 2, k, PAR_CHART_VALUE_NOT_APPRAISED);
  bars = value_regions (m, PAR_CHART_FIELDS, &style, 2);
  g_assert_cmpuint (bars->len, ==, 0);
  svg = export_and_read (m, PAR_CHART_FIELDS, &style, "unappraised.svg", NULL);
  g_assert_cmpuint (svg_count_fill (svg, blue), ==, 0 + 1);
  text = pdf_text (m, PAR_CHART_FIELDS, "unappraised.pdf");
  g_assert_nonnull (strstr (text, "2024 (not appraised)"));
  /* No hatch here, so no legend for it. */
  g_assert_null (strstr (text, "self-assessed score"));

  /* A field no year has an appraised score for says so once. */
  for (guint s = 0; s < 2; s++)
    par_chart_model_set_state (m, s, 0, PAR_CHART_VALUE_NOT_APPRAISED);
  g_free (text);
  text = pdf_text (m, PAR_CHART_FIELDS, "unappraised-field.pdf");
  g_assert_nonnull (strstr (text, "Not appraised"));
}

/* The line chart: a year not appraised is a hollow point and says so under the year. */
static void
test_not_appraised_total (void)
{
  g_autoptr(ParChartModel) m = fixture_total (4, TRUE);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) points = NULL;
  g_autofree char *text = NULL;
  cairo_surface_t *surface;
  ParChartHit *last, *first;

  par_chart_model_set_not_appraised (m, 1, 3, TRUE);
  points = value_regions (m, PAR_CHART_TOTAL, &style, 1);
  g_assert_cmpuint (points->len, ==, 4);
  first = &g_array_index (points, ParChartHit, 0);
  last = &g_array_index (points, ParChartHit, 3);
  surface = render_png (m, PAR_CHART_TOTAL, &style, W, H);
  /* An appraised point is solid blue at its centre, the one not appraised is not. */
  g_assert_true (same_color (pixel (surface, (int) (first->x + first->width / 2),
                                    (int) (first->y + first->height / 2)), blue, 30));
  g_assert_false (same_color (pixel (surface, (int) (last->x + last->width / 2),
                                     (int) (last->y + last->height / 2)), blue, 60));
  cairo_surface_destroy (surface);
  text = pdf_text (m, PAR_CHART_TOTAL, "total-unappraised.pdf");
  g_assert_nonnull (strstr (text, "not appraised"));
  g_assert_nonnull (strstr (text, "Not appraised: self-assessed score"));
}

/* --- hit test ------------------------------------------------------------------------------- */

static void
test_hit_test (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (3, 8);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) regions = par_chart_get_regions (m, PAR_CHART_FIELDS, &style, W, H);
  cairo_surface_t *surface = render_png (m, PAR_CHART_FIELDS, &style, W, H);
  guint values = 0, categories = 0, series = 0;
  ParChartHit hit;

  for (guint i = 0; i < regions->len; i++)
    {
      ParChartHit *r = &g_array_index (regions, ParChartHit, i);
      double x = r->x + r->width / 2, y = r->y + r->height / 2;

      g_assert_true (par_chart_hit_test (m, PAR_CHART_FIELDS, &style, W, H, x, y, &hit));
      g_assert_cmpint (hit.kind, ==, r->kind);
      g_assert_cmpint (hit.category, ==, r->category);
      g_assert_cmpint (hit.series, ==, r->series);
      values += r->kind == PAR_CHART_HIT_VALUE;
      categories += r->kind == PAR_CHART_HIT_CATEGORY;
      series += r->kind == PAR_CHART_HIT_SERIES;
      if (r->kind == PAR_CHART_HIT_VALUE)
        {
          g_autofree char *tip = par_chart_describe_hit (m, PAR_CHART_FIELDS, &hit, '.');
          const ParChartValue *v = par_chart_model_get_value (m, r->series, r->category);
          char points[PAR_POINTS_FORMAT_SIZE];
          /* Under the pointer is the bar of the series' colour: latest blue, then orange,
           * then green. */
          Rgb expected = r->series == 2 ? blue : r->series == 1 ? orange : green;

          g_assert_true (same_color (pixel (surface, (int) x, (int) y), expected, 2));
          g_assert_nonnull (strstr (tip, par_points_format (v->points, points)));
          g_assert_nonnull (strstr (tip, par_chart_model_get_series (m, r->series)->name));
          g_assert_nonnull (strstr (tip, par_chart_model_get_category (m, r->category)->name));
          g_assert_nonnull (strstr (tip, "points"));
        }
    }
  g_assert_cmpuint (values, ==, 3 * 8);
  g_assert_cmpuint (series, ==, 3);
  /* 8 axis labels + the legend lines of the abbreviated names. */
  g_assert_cmpuint (categories, >=, 8);

  /* The top-left corner (title) and the gap between groups hold nothing to hit. */
  g_assert_false (par_chart_hit_test (m, PAR_CHART_FIELDS, &style, W, H, 2, 2, &hit));
  g_assert_cmpint (hit.kind, ==, PAR_CHART_HIT_NONE);
  g_assert_null (par_chart_describe_hit (m, PAR_CHART_FIELDS, &hit, '.'));
  cairo_surface_destroy (surface);
}

static void
test_hit_test_points_slack (void)
{
  g_autoptr(ParChartModel) m = fixture_total (5, TRUE);
  ParChartStyle style = style_for (PAR_CHART_PALETTE_LIGHT);
  g_autoptr(GArray) points = value_regions (m, PAR_CHART_TOTAL, &style, 1);
  ParChartHit *p = &g_array_index (points, ParChartHit, 2);
  ParChartHit hit;
  g_autofree char *tip = NULL;

  /* A few pixels beside a small dot still finds it. */
  g_assert_true (par_chart_hit_test (m, PAR_CHART_TOTAL, &style, W, H, p->x + p->width + 4,
                                     p->y + p->height / 2, &hit));
  g_assert_cmpint (hit.kind, ==, PAR_CHART_HIT_VALUE);
  g_assert_cmpint (hit.category, ==, 2);
  g_assert_cmpint (hit.series, ==, 1);
  tip = par_chart_describe_hit (m, PAR_CHART_TOTAL, &hit, ',');
  g_assert_cmpstr (tip, ==, "Final · 2022: 83,00 / 100,00 points (83,00%)");
}

/* --- text, palettes, edge cases ------------------------------------------------------------- */

static void
test_pdf_labels (void)
{
  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_autoptr(ParChartModel) m = fixture_for_type (t);
      g_autofree char *name = g_strdup_printf ("labels-%u.pdf", t);
      g_autofree char *text = pdf_text (m, t, name);

      g_assert_nonnull (strstr (text, m->title));
      g_assert_nonnull (strstr (text, "Ban Quản lý các Khu công nghiệp"));
      switch (t)
        {
        case PAR_CHART_FIELDS:
        case PAR_CHART_RADAR:
          /* Vietnamese names survive, abbreviated on the axis (where they may wrap) and in
           * full in the legend. */
          g_assert_nonnull (strstr (text, "Cải cách thể"));
          g_assert_nonnull (strstr (text, "1. Chỉ đạo,"));
          g_assert_nonnull (strstr (text, "CCHC"));
          g_assert_nonnull (strstr (text, "Công tác chỉ đạo, điều hành cải cách hành chính"));
          g_assert_nonnull (strstr (text, "2024"));
          break;
        case PAR_CHART_TOTAL:
          g_assert_nonnull (strstr (text, "Tốt"));
          g_assert_nonnull (strstr (text, "Self-assessed"));
          g_assert_nonnull (strstr (text, "2019"));
          /* Each point is labelled. */
          g_assert_nonnull (strstr (text, "91.2%"));
          break;
        case PAR_CHART_LOST:
          g_assert_nonnull (strstr (text, "8.2.1"));
          g_assert_nonnull (strstr (text, "2.50"));
          g_assert_nonnull (strstr (text, "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết đúng hạn"));
          break;
        default:
          break;
        }
    }
}

static void
test_palettes (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (2, 3);
  ParChartStyle light = style_for (PAR_CHART_PALETTE_LIGHT);
  ParChartStyle dark = style_for (PAR_CHART_PALETTE_DARK);
  ParChartStyle clear = style_for (PAR_CHART_PALETTE_DARK);
  cairo_surface_t *a = render_png (m, PAR_CHART_FIELDS, &light, W, H);
  cairo_surface_t *b = render_png (m, PAR_CHART_FIELDS, &dark, W, H);
  cairo_surface_t *c;
  g_autoptr(GArray) bars = value_regions (m, PAR_CHART_FIELDS, &dark, 1);
  g_autoptr(GArray) light_bars = value_regions (m, PAR_CHART_FIELDS, &light, 1);
  ParChartHit *bar = &g_array_index (bars, ParChartHit, 0);
  static const Rgb sky = { 0x56, 0xB4, 0xE9 };

  g_assert_true (same_color (pixel (a, 1, 1), white, 0));
  g_assert_true (same_color (pixel (b, 1, 1), dark_bg, 0));
  /* The latest year is sky blue on dark, where the light palette's blue would be dim. */
  g_assert_true (same_color (pixel (b, (int) (bar->x + bar->width / 2),
                                    (int) (bar->y + bar->height - 2)), sky, 2));
  /* Both palettes lay out the same chart. */
  g_assert_cmpfloat (bar->height, ==, g_array_index (light_bars, ParChartHit, 0).height);

  clear.transparent = TRUE;
  c = render_png (m, PAR_CHART_FIELDS, &clear, W, H);
  g_assert_cmpint (cairo_image_surface_get_data (c)[3], ==, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

static void
test_edge_cases (void)
{
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) par_chart_model_unref);
  ParChartModel *gaps;
  ParChartModel *zero;

  g_ptr_array_add (models, par_chart_model_new (PAR_CHART_FIELDS, NULL));      /* empty */
  g_ptr_array_add (models, fixture_fields (1, 8));                            /* one year */
  g_ptr_array_add (models, fixture_fields (10, 8));                           /* ten years */
  g_ptr_array_add (models, fixture_total (1, TRUE));
  g_ptr_array_add (models, fixture_total (10, FALSE));
  gaps = fixture_fields (4, 8);                                               /* N/A, missing */
  for (guint s = 0; s < 4; s++)
    par_chart_model_set_state (gaps, s, 2, PAR_CHART_VALUE_NOT_APPLICABLE);
  for (guint k = 0; k < 8; k++)
    par_chart_model_set_state (gaps, 1, k, PAR_CHART_VALUE_MISSING);
  g_ptr_array_add (models, gaps);
  zero = fixture_fields (2, 2);                                               /* 0 % and 100 % */
  par_chart_model_set_value (zero, 0, 0, 0, 0, 100);
  par_chart_model_set_value (zero, 0, 1, 0, 0, 100);
  par_chart_model_set_value (zero, 1, 0, 10000, 100, 100);
  par_chart_model_set_value (zero, 1, 1, 10000, 100, 100);
  g_ptr_array_add (models, zero);

  /* Every model as every chart type, at sizes from a thumbnail to a poster, in both
   * palettes: nothing crashes, asserts or leaves cairo in an error state. */
  for (guint i = 0; i < models->len; i++)
    for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
      for (guint p = 0; p < 2; p++)
        {
          static const int sizes[][2] = { { 120, 80 }, { 400, 300 }, { 1600, 900 } };
          ParChartStyle style = style_for (p);

          style.scale = 0;
          for (guint z = 0; z < G_N_ELEMENTS (sizes); z++)
            {
              cairo_surface_t *s = render_png (g_ptr_array_index (models, i), t, &style,
                                               sizes[z][0], sizes[z][1]);
              g_autoptr(GArray) regions = par_chart_get_regions (g_ptr_array_index (models, i),
                                                                 t, &style, sizes[z][0],
                                                                 sizes[z][1]);

              cairo_surface_destroy (s);
            }
        }

  /* Empty says so, in words; zero size draws nothing and does not fail. */
  {
    g_autofree char *text = pdf_text (g_ptr_array_index (models, 0), PAR_CHART_FIELDS,
                                      "empty.pdf");
    cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
    cairo_t *cr = cairo_create (s);

    g_assert_nonnull (strstr (text, "No data"));
    par_chart_render (g_ptr_array_index (models, 0), PAR_CHART_FIELDS, cr, 0, 0, NULL);
    g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
    cairo_destroy (cr);
    cairo_surface_destroy (s);
  }
  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_autoptr(ParChartModel) empty = par_chart_model_new (t, NULL);
      g_autofree char *name = g_strdup_printf ("empty-%u.pdf", t);
      g_autofree char *text = pdf_text (empty, t, name);

      g_assert_nonnull (strstr (text, "No data"));
    }
  /* The N/A field and the missing year are named, not silently blank. */
  {
    g_autofree char *text = pdf_text (gaps, PAR_CHART_FIELDS, "gaps.pdf");

    g_assert_nonnull (strstr (text, "N/A"));
    g_assert_nonnull (strstr (text, "(no data)"));
  }
  /* A lost-points chart of a perfect year says that, not "No data". */
  {
    g_autoptr(ParChartModel) perfect = par_chart_model_new (PAR_CHART_LOST, NULL);
    g_autofree char *text = NULL;

    par_chart_model_set_empty_message (perfect, "No points were lost");
    text = pdf_text (perfect, PAR_CHART_LOST, "perfect.pdf");
    g_assert_nonnull (strstr (text, "No points were lost"));
    g_assert_null (strstr (text, "No data"));
  }
  /* A missing year in the line chart is named on the axis. */
  {
    g_autoptr(ParChartModel) total = fixture_total (5, TRUE);
    g_autofree char *text = NULL;

    par_chart_model_set_state (total, 0, 2, PAR_CHART_VALUE_MISSING);
    par_chart_model_set_state (total, 1, 2, PAR_CHART_VALUE_MISSING);
    text = pdf_text (total, PAR_CHART_TOTAL, "total-gap.pdf");
    g_assert_nonnull (strstr (text, "No data"));
  }
}

/* --- export --------------------------------------------------------------------------------- */

static void
test_export_formats (void)
{
  g_autoptr(ParChartModel) m = fixture_fields (2, 4);
  g_autofree char *png = temp_path ("chart.PNG");
  g_autofree char *pdf = temp_path ("chart.pdf");
  g_autofree char *bad = temp_path ("chart.jpg");
  g_autofree char *missing_dir = temp_path ("no-such-folder/chart.png");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  cairo_surface_t *read;

  /* PNG at the requested size, by extension in any case; style NULL = light. */
  g_assert_true (par_chart_export (m, PAR_CHART_FIELDS, NULL, png, 640, 360, &error));
  g_assert_no_error (error);
  read = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (read), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (read), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (read), ==, 360);
  cairo_surface_destroy (read);

  /* The PNG holds exactly the pixels drawn: opaque (RGB) and transparent (RGBA). */
  for (guint t = 0; t < 2; t++)
    {
      ParChartStyle style = style_for (t == 0 ? PAR_CHART_PALETTE_LIGHT : PAR_CHART_PALETTE_DARK);
      g_autofree char *path = temp_path (t == 0 ? "opaque.png" : "clear.png");
      cairo_surface_t *drawn, *back;
      const guint8 *a, *b;
      int stride_a, stride_b, worst = 0;

      style.transparent = t == 1;
      g_assert_true (par_chart_export (m, PAR_CHART_TOTAL, &style, path, 300, 200, &error));
      g_assert_no_error (error);
      drawn = render_png (m, PAR_CHART_TOTAL, &style, 300, 200);
      back = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
      a = cairo_image_surface_get_data (drawn);
      b = cairo_image_surface_get_data (back);
      stride_a = cairo_image_surface_get_stride (drawn);
      stride_b = cairo_image_surface_get_stride (back);
      for (int y = 0; y < 200; y++)
        for (int x = 0; x < 300 * 4; x++)
          worst = MAX (worst, ABS (a[y * stride_a + x] - b[y * stride_b + x]));
      /* Straight alpha in the file, premultiplied in cairo: ±1 from rounding at most. */
      g_assert_cmpint (worst, <=, t == 0 ? 0 : 1);
      cairo_surface_destroy (drawn);
      cairo_surface_destroy (back);
    }

  g_assert_false (par_chart_export (m, PAR_CHART_FIELDS, NULL, bad, 640, 360, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, ".png, .svg or .pdf"));
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));

  g_assert_false (par_chart_export (m, PAR_CHART_FIELDS, NULL, missing_dir, 640, 360, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
  g_clear_error (&error);

  g_assert_false (par_chart_export (m, PAR_CHART_FIELDS, NULL, pdf, 0, 360, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (par_chart_export (m, PAR_CHART_FIELDS, NULL, pdf, 1e6, 360, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_INVALID);
  g_clear_error (&error);

  /* Replacing an existing file works (atomically, through a temporary file). */
  g_assert_true (par_chart_export (m, PAR_CHART_FIELDS, NULL, pdf, 640, 360, &error));
  g_assert_true (g_file_get_contents (pdf, &before, NULL, NULL));
  g_assert_true (g_str_has_prefix (before, "%PDF-"));
  g_assert_true (par_chart_export (m, PAR_CHART_TOTAL, NULL, pdf, 640, 360, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &after, NULL, NULL));
  g_assert_true (g_str_has_prefix (after, "%PDF-"));
  g_assert_cmpstr (before, !=, after);
}

/* par_chart_write_png: an opaque image is written in two halves at once (two deflate streams
 * joined, their checksums combined); a pixel that is not opaque, in either half, makes it
 * RGBA. Rows like the one above are written without converting them (4: runs of ten, one row
 * in a run differing only in its last pixel; 5: the same with a half-transparent pixel at the
 * start of a run in the second half), and runs of 8 or more as deflate blocks of their own
 * (4 and 6: a run that ends the first half; 6: at a chart's width, a run that starts the
 * second half and one that ends the image). Every pixel comes back as drawn. */
static void
test_png_halves (void)
{
  for (int case_ = 0; case_ < 7; case_++)
    {
      const int w = case_ == 6 ? 1600 : 333, h = case_ == 3 ? 7 : case_ == 6 ? 120 : 201;
      const gboolean runs = case_ >= 4;
      const gboolean clear = case_ == 1 || case_ == 2 || case_ == 5;
      g_autofree char *path = temp_path ("halves.png");
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_surface_t *back;
      guint8 *a, *b;
      ParExportFile *out;
      g_autoptr(GError) error = NULL;
      int worst = 0;

      cairo_surface_flush (image);
      a = cairo_image_surface_get_data (image);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            int v = runs ? y / (case_ == 6 ? 40 : 10) : y;

            ((guint32 *) (a + y * cairo_image_surface_get_stride (image)))[x] =
              0xff000000u | (guint32) ((x * 7 + v * 3) & 0xff) << 16 | (guint32) (v & 0xff) << 8 |
              (guint32) ((x / 16 + v / 8) % 3 ? 0x40 : 0xc0);
          }
      /* 1 and 5: one pixel half-transparent in the second half; 2: in the first. */
      if (clear)
        ((guint32 *) (a + (case_ == 2 ? 3 : 150) * cairo_image_surface_get_stride (image)))[10] = 0x80402010u;
      if (runs)
        ((guint32 *) (a + 55 * cairo_image_surface_get_stride (image)))[w - 1] = 0xff123456u;
      cairo_surface_mark_dirty (image);

      out = par_export_file_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (par_chart_write_png (image, out, &error));
      g_assert_true (par_export_file_commit (out, NULL, &error));
      g_assert_no_error (error);

      back = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (back), ==, w);
      g_assert_cmpint (cairo_image_surface_get_height (back), ==, h);
      g_assert_cmpint (cairo_image_surface_get_format (back), ==,
                       clear ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24);
      b = cairo_image_surface_get_data (back);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          {
            guint32 pa = ((guint32 *) (a + y * cairo_image_surface_get_stride (image)))[x];
            guint32 pb = ((guint32 *) (b + y * cairo_image_surface_get_stride (back)))[x];

            if (cairo_image_surface_get_format (back) == CAIRO_FORMAT_RGB24)
              pb |= 0xff000000u;
            for (int shift = 0; shift < 32; shift += 8)
              worst = MAX (worst, ABS ((int) ((pa >> shift) & 0xff) - (int) ((pb >> shift) & 0xff)));
          }
      g_assert_cmpint (worst, <=, clear ? 1 : 0);
      cairo_surface_destroy (back);
      cairo_surface_destroy (image);
      g_unlink (path);
    }
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/bars/heights-proportional", test_bar_heights_proportional);
  g_test_add_func ("/render/bars/zero-and-full", test_zero_and_full);
  g_test_add_func ("/render/bars/svg-counts", test_svg_counts_bars);
  g_test_add_func ("/render/total/svg-counts", test_svg_counts_points);
  g_test_add_func ("/render/total/band-zones", test_band_zones);
  g_test_add_func ("/render/lost/svg-counts", test_svg_counts_lost);
  g_test_add_func ("/render/lost/bars-proportional", test_lost_bars_proportional);
  g_test_add_func ("/render/radar/geometry", test_radar_geometry);
  g_test_add_func ("/render/dumbbell", test_dumbbell);
  g_test_add_func ("/render/ranking/order", test_ranking_order);
  g_test_add_func ("/render/hit-test/regions", test_hit_test);
  g_test_add_func ("/render/hit-test/points-slack", test_hit_test_points_slack);
  g_test_add_func ("/render/pdf-labels", test_pdf_labels);
  g_test_add_func ("/render/palettes", test_palettes);
  g_test_add_func ("/render/edge-cases", test_edge_cases);
  g_test_add_func ("/render/export", test_export_formats);
  g_test_add_func ("/render/export/failure-keeps-file", test_export_failure_keeps_file);
  g_test_add_func ("/render/export/png-halves", test_png_halves);
  g_test_add_func ("/render/column/title", test_column_in_title);
  g_test_add_func ("/render/not-appraised/hatched", test_not_appraised_hatched);
  g_test_add_func ("/render/not-appraised/missing", test_not_appraised_missing);
  g_test_add_func ("/render/not-appraised/total", test_not_appraised_total);
  return g_test_run ();
}
