/* par-cli-chart.c — `parscore-cli chart`: any chart to PNG, SVG or PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "par-chart.h"
#include "par-chart-model.h"
#include "par-cli.h"

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* "2019-2023", "2019,2021,2023", "2020" → sorted unique years. */
static GArray *
parse_years (const char *text)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 from, to;
      g_auto(GStrv) range = g_strsplit (g_strstrip (parts[i]), "-", 2);

      if (!g_ascii_string_to_signed (range[0], 10, 1990, 2200, &from, NULL))
        return NULL;
      to = from;
      if (range[1] != NULL && !g_ascii_string_to_signed (range[1], 10, 1990, 2200, &to, NULL))
        return NULL;
      if (to < from || to - from > 50)
        return NULL;
      for (gint64 y = from; y <= to; y++)
        {
          int year = (int) y;
          gboolean seen = FALSE;
          for (guint j = 0; j < years->len; j++)
            seen |= g_array_index (years, int, j) == year;
          if (!seen)
            g_array_append_val (years, year);
        }
    }
  g_array_sort (years, compare_ints);
  return g_steal_pointer (&years);
}

/* "self", "appraised" or "final" (the score column). */
static gboolean
parse_column (const char     *text,
              ParScoreColumn *out)
{
  static const char *const names[PAR_N_SCORE_COLUMNS] = {
    [PAR_COLUMN_SELF] = "self",
    [PAR_COLUMN_APPRAISED] = "appraised",
    [PAR_COLUMN_FINAL] = "final",
  };

  for (guint i = 0; i < PAR_N_SCORE_COLUMNS; i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *out = (ParScoreColumn) i;
        return TRUE;
      }
  return FALSE;
}

/* The entry point of the chart module (see par_cli_run_chart()), and a command of
 * parscore-cli-render. */
G_MODULE_EXPORT int
par_cli_cmd_chart (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *type_name = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *years_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *column_name = NULL;
  gboolean dark = FALSE;
  int width = 1600, height = 900;
  GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name,
      N_("fields, total, radar, lost, self-vs-appraised or ranking"), N_("TYPE") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "years", 'y', 0, G_OPTION_ARG_STRING, &years_text, N_("Years: 2019-2023 or 2019,2021"), N_("YEARS") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &column_name,
      N_("Scores shown: self (self-assessed), appraised or final (appraised where given, else self-assessed); default final"),
      N_("COLUMN") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Output file: .png, .svg or .pdf"), N_("FILE") },
    { "width", 'W', 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (points for PDF), default 1600"), N_("W") },
    { "height", 'H', 0, G_OPTION_ARG_INT, &height, N_("Height, default 900"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Dark palette"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParChartModel) model = NULL;
  ParChartType type;
  ParScoreColumn column = PAR_COLUMN_FINAL;
  ParChartStyle style;
  ParChartWarmUp *warm = NULL;

  if (!par_cli_parse (cli, entries, "chart",
                      N_("--type TYPE --unit U --years 2019-2023 [--column self|appraised|final] -o FILE.{png,svg,pdf} [--width W --height H]"),
                      &argc, &argv))
    return 2;
  /* `chart fields …`: the type given without its option. */
  if (type_name == NULL && argc > 1 && par_chart_type_from_string (argv[1], &type))
    {
      par_cli_error (_("chart: give the type with --type: parscore-cli chart --type %s …"),
                     argv[1]);
      return 2;
    }
  if (type_name == NULL || !par_chart_type_from_string (type_name, &type))
    {
      par_cli_error (_("chart: --type must be fields, total, radar, lost, self-vs-appraised or ranking"));
      return 2;
    }
  if (column_name != NULL && !parse_column (column_name, &column))
    {
      par_cli_error (_("chart: --column must be self, appraised or final"));
      return 2;
    }
  if (output == NULL)
    {
      par_cli_error (_("chart: give the output file with -o FILE.png, .svg or .pdf"));
      return 2;
    }
  if (years_text == NULL || (years = parse_years (years_text)) == NULL || years->len == 0)
    {
      par_cli_error (_("chart: give the years as --years 2019-2023 or --years 2019,2021"));
      return 2;
    }
  if (width < 200 || height < 150 || width > 10000 || height > 10000)
    {
      par_cli_error (_("chart: the size must be between 200×150 and 10000×10000"));
      return 2;
    }
  if (type != PAR_CHART_RANKING && unit_name == NULL)
    {
      par_cli_error (_("chart: give the unit with --unit"));
      return 2;
    }
  /* Fonts are made ready in a thread while the years are read and scored. */
  par_chart_style_init (&style, dark ? PAR_CHART_PALETTE_DARK : PAR_CHART_PALETTE_LIGHT);
  warm = par_chart_warm_up_start (&style, width, height);

  if (par_cli_open_store (cli) == NULL)
    {
      par_chart_warm_up_finish (warm);
      return 1;
    }

  if (type == PAR_CHART_RANKING)
    {
      /* Every unit of the database, for the last year asked for. */
      int year = g_array_index (years, int, years->len - 1);
      g_autoptr(GPtrArray) units = par_store_list_units (cli->store, &error);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);

      if (units == NULL)
        goto fail;
      for (guint i = 0; i < units->len; i++)
        {
          ParUnit *u = g_ptr_array_index (units, i);
          g_autoptr(ParAssessment) a = par_store_find_assessment (cli->store, u->id, year, NULL);
          g_ptr_array_add (names, g_strdup (u->name));
          g_ptr_array_add (results, a != NULL ? par_store_score_assessment (cli->store, a->id, NULL) : NULL);
        }
      model = par_chart_model_new_units_ranked (names, results, year, column);
    }
  else
    {
      g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
      guint found = 0;

      if ((unit = par_store_find_unit (cli->store, unit_name, &error)) == NULL)
        goto fail;
      for (guint i = 0; i < years->len; i++)
        {
          g_autoptr(ParAssessment) a = par_store_find_assessment (cli->store, unit->id,
                                                                  g_array_index (years, int, i), NULL);
          ParResult *r = NULL;
          if (a != NULL && (r = par_store_score_assessment (cli->store, a->id, &error)) == NULL)
            goto fail;
          found += r != NULL;
          g_ptr_array_add (results, r);
        }
      if (found == 0)
        g_printerr (_("parscore-cli: warning: %s has no assessment in %s; the chart says so\n"),
                    unit->name, years_text);
      model = par_chart_model_new_for_unit (type, unit->name, results, (const int *) years->data,
                                            column);
    }

  par_chart_warm_up_finish (g_steal_pointer (&warm));
  if (!par_chart_export (model, type, &style, output, width, height, &error))
    goto fail;
  return 0;

fail:
  par_chart_warm_up_finish (warm);
  par_cli_error ("%s", error->message);
  return 1;
}
