/* par-cli-csv.c — parscore-cli export-csv and import-csv.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-csv.h"

int
par_cli_cmd_export_csv (ParCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autofree char *unit_name = NULL;
  g_autofree char *output = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *csv = NULL;

  if (!par_cli_parse (cli, entries, "export-csv", par_cli_synopsis ("export-csv"), &argc, &argv))
    return 2;
  if ((a = par_cli_find_assessment (cli, unit_name, year, NULL)) == NULL)
    return unit_name == NULL || year == 0 ? 2 : 1;
  if ((csv = par_csv_export (cli->store, a->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (output == NULL)
    {
      fputs (csv, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, csv, -1, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}

int
par_cli_cmd_import_csv (ParCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autofree char *unit_name = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;
  guint changed = 0;

  if (!par_cli_parse (cli, entries, "import-csv", par_cli_synopsis ("import-csv"), &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("import-csv: give one CSV file"));
      return 2;
    }
  if ((a = par_cli_find_assessment (cli, unit_name, year, NULL)) == NULL)
    return unit_name == NULL || year == 0 ? 2 : 1;
  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (!par_csv_import (cli->store, a->id, contents, len, display, &changed, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry changed\n", "%u entries changed\n", changed),
           changed);
  return 0;
}
