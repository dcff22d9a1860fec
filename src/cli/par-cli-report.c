/* par-cli-report.c — parscore-cli round report: the council's report of a round as PDF, or its
 * full score table as XLSX. Runs in parscore-cli-render (the PDF needs cairo and Pango).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-council-report.h"

static GDateTime *
parse_date (const char *text)
{
  int y, m, d;
  char end;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

int
par_cli_cmd_round_report (ParCli  *cli,
                          int      argc,
                          char   **argv)
{
  gint64 round_id = 0;
  gboolean xlsx = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *council = NULL;
  g_autofree char *date_text = NULL;
  int top = 0;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_NONE, &xlsx,
      N_("Write the full score table (units × sub-criteria) as a spreadsheet instead of the PDF"),
      NULL },
    { "council", 0, 0, G_OPTION_ARG_STRING, &council, N_("The council's name on the report"),
      N_("NAME") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text, N_("The report's date (default: today)"),
      N_("YYYY-MM-DD") },
    { "top", 0, 0, G_OPTION_ARG_INT, &top,
      N_("How many sub-criteria the table of points lost lists (default: 10)"), N_("N") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *shown = NULL;

  if (!par_cli_parse_round (cli, entries, &round_id, "round report", N_("[--round N] [--xlsx] -o FILE"),
                            N_("Writes the council's report of a round as PDF: the ranking, "
                               "each field's average and spread, the sub-criteria where most "
                               "points were lost and a page per unit. With --xlsx, the full "
                               "score table instead: a sheet per score column, a row per "
                               "unit, a column per sub-criterion."),
                            &argc, &argv))
    return 2;
  if (output == NULL)
    {
      par_cli_error (_("round report: give the file to write with -o FILE"));
      return 2;
    }
  if (top < 0)
    {
      par_cli_error (_("round report: --top must be a positive number"));
      return 2;
    }
  if (date_text != NULL && (date = parse_date (date_text)) == NULL)
    {
      par_cli_error (_("round report: the date must be written as 2024-12-10, not “%s”"), date_text);
      return 2;
    }
  if ((round = par_cli_find_round (cli, round_id)) == NULL)
    return 1;
  shown = g_filename_display_name (output);
  if (xlsx)
    {
      if (!par_council_report_write_score_table (cli->store, round->id, output, &error))
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      g_print (_("Score table of round %" PRId64 " written to %s\n"), round->id, shown);
      return 0;
    }
  {
    ParCouncilReportOptions options;

    par_council_report_options_init (&options);
    options.council = council;
    options.date = date;
    if (top > 0)
      options.top_lost = top;
    if (!par_council_report_write (cli->store, round->id, output, &options, NULL, &error))
      {
        par_cli_error ("%s", error->message);
        return 1;
      }
  }
  g_print (_("Report of round %" PRId64 " written to %s\n"), round->id, shown);
  return 0;
}
