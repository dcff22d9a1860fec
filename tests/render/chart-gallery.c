/* chart-gallery.c — every chart type and edge case as PNG, in both palettes, to look at.
 *
 *   chart-gallery OUTDIR [WIDTH HEIGHT]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "chart-fixtures.h"
#include "par-core.h"

static void
export (ParChartModel *m,
        ParChartType   type,
        const char    *dir,
        const char    *name,
        double         width,
        double         height)
{
  static const char *const palettes[] = { "light", "dark" };

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, palettes[p]);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      ParChartStyle style;

      par_chart_style_init (&style, p == 0 ? PAR_CHART_PALETTE_LIGHT : PAR_CHART_PALETTE_DARK);
      if (!par_chart_export (m, type, &style, path, width, height, &error))
        g_printerr ("%s: %s\n", path, error->message);
    }
}

int
main (int argc, char **argv)
{
  const char *dir;
  double width = 1000, height = 600;

  if (argc < 2)
    {
      g_printerr ("usage: %s OUTDIR [WIDTH HEIGHT]\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  if (argc >= 4)
    {
      width = g_ascii_strtod (argv[2], NULL);
      height = g_ascii_strtod (argv[3], NULL);
    }
  g_mkdir_with_parents (dir, 0755);

  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_autoptr(ParChartModel) m = fixture_for_type ((ParChartType) t);

      export (m, (ParChartType) t, dir, par_chart_type_to_string ((ParChartType) t), width,
              height);
    }

  /* Edge cases. */
  {
    g_autoptr(ParChartModel) ten = fixture_fields (10, 8);
    g_autoptr(ParChartModel) one = fixture_fields (1, 8);
    g_autoptr(ParChartModel) total1 = fixture_total (1, TRUE);
    g_autoptr(ParChartModel) total10 = fixture_total (10, FALSE);
    g_autoptr(ParChartModel) gaps = fixture_fields (4, 8);
    g_autoptr(ParChartModel) total_gaps = fixture_total (6, TRUE);
    g_autoptr(ParChartModel) empty = par_chart_model_new (PAR_CHART_FIELDS, NULL);
    g_autoptr(ParChartModel) bench = fixture_fields (10, 8);

    export (ten, PAR_CHART_FIELDS, dir, "fields-10y", width, height);
    export (one, PAR_CHART_FIELDS, dir, "fields-1y", width, height);
    export (one, PAR_CHART_RADAR, dir, "radar-1y", width, height);
    export (total1, PAR_CHART_TOTAL, dir, "total-1y", width, height);
    export (total10, PAR_CHART_TOTAL, dir, "total-10y", width, height);

    /* 0 % and 100 %, an N/A field, a missing year. */
    par_chart_model_set_value (gaps, 0, 0, 0, 0, 1000);
    par_chart_model_set_value (gaps, 1, 0, 10000, 1000, 1000);
    for (guint s = 0; s < 4; s++)
      par_chart_model_set_state (gaps, s, 2, PAR_CHART_VALUE_NOT_APPLICABLE);
    for (guint k = 0; k < 8; k++)
      par_chart_model_set_state (gaps, 2, k, PAR_CHART_VALUE_MISSING);
    export (gaps, PAR_CHART_FIELDS, dir, "fields-gaps", width, height);
    export (gaps, PAR_CHART_RADAR, dir, "radar-gaps", width, height);
    par_chart_model_set_state (total_gaps, 0, 2, PAR_CHART_VALUE_MISSING);
    par_chart_model_set_state (total_gaps, 1, 2, PAR_CHART_VALUE_MISSING);
    par_chart_model_set_state (total_gaps, 1, 5, PAR_CHART_VALUE_MISSING);
    export (total_gaps, PAR_CHART_TOTAL, dir, "total-gaps", width, height);
    export (empty, PAR_CHART_FIELDS, dir, "empty", width, height);

    /* The latest year not appraised: final scores hatched; appraised scores absent. */
    {
      g_autoptr(ParChartModel) final = fixture_fields (3, 8);
      g_autoptr(ParChartModel) appraised = fixture_fields (3, 8);
      g_autoptr(ParChartModel) total = fixture_total (5, TRUE);

      par_chart_model_set_column (final, "Final");
      par_chart_model_set_column (appraised, "Appraised");
      for (guint k = 0; k < 8; k++)
        {
          par_chart_model_set_not_appraised (final, 2, k, TRUE);
          par_chart_model_set_state (appraised, 2, k, PAR_CHART_VALUE_NOT_APPRAISED);
        }
      par_chart_model_set_column (total, "Final");
      par_chart_model_set_not_appraised (total, 1, 4, TRUE);
      export (final, PAR_CHART_FIELDS, dir, "fields-final-not-appraised", width, height);
      export (final, PAR_CHART_RADAR, dir, "radar-final-not-appraised", width, height);
      export (appraised, PAR_CHART_FIELDS, dir, "fields-appraised-not-appraised", width, height);
      export (total, PAR_CHART_TOTAL, dir, "total-final-not-appraised", width, height);
    }
    export (bench, PAR_CHART_FIELDS, dir, "bench-1600x900", 1600, 900);
  }
  return 0;
}
