/* par-cli-figures.c — parscore-cli figures set|get|export-csv|import-csv: a year's figures
 * (criteria-set format 2), entered per period.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-csv-figures.h"
#include "par-figures.h"

#define SET_SYNOPSIS N_("--unit U --year Y FIGURE PERIOD VALUE…")
#define GET_SYNOPSIS N_("--unit U --year Y [FIGURE…]")
#define EXPORT_SYNOPSIS N_("--unit U --year Y [-o FILE]")
#define IMPORT_SYNOPSIS N_("--unit U --year Y [--dry-run] FILE")

static void
print_changes (GPtrArray *changes,
               gboolean   dry_run)
{
  for (guint i = 0; i < changes->len; i++)
    {
      ParFigureChange *c = changes->pdata[i];
      const char *none = _("(none)");

      /* TRANSLATORS: figure id, period part, old value → new value */
      g_print (_("  %s %s: %s → %s\n"), c->figure_id, c->part_key,
               c->old_value != NULL ? c->old_value : none,
               c->value != NULL && c->value[0] != '\0' ? c->value : none);
    }
  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u value would change; nothing saved (--dry-run)\n",
                          "%u values would change; nothing saved (--dry-run)\n", changes->len),
             changes->len);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u value changed\n", "%u values changed\n",
                          changes->len), changes->len);
}

static int
figures_set (ParCli  *cli,
             int      argc,
             char   **argv)
{
  g_auto(ParCliYear) t = { 0 };
  GOptionEntry entries[] = { PAR_CLI_YEAR_ENTRIES (t), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  int rc;

  if (!par_cli_parse_described (cli, entries, "figures set", SET_SYNOPSIS,
                                N_("Enters figures of the year, each for one period: year, h1, h2, "
                                   "q1 … q4 or m01 … m12, as the criteria set declares the figure. "
                                   "A value is read as you would type it (4.891, 99,5, 14/01/2020, "
                                   "có/không); an empty value (\"\") clears it. Several "
                                   "FIGURE PERIOD VALUE triples are saved together, or none."),
                                &argc, &argv))
    return 2;
  if (argc < 4 || (argc - 1) % 3 != 0)
    {
      par_cli_error (_("figures set: give FIGURE PERIOD VALUE (one or more times)"));
      return 2;
    }
  if ((a = par_cli_year_find (cli, &t, NULL, &rc)) == NULL)
    return rc;
  if ((framework = par_store_load_framework (cli->store, a->framework_row, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (int i = 1; i + 2 < argc; i += 3)
    {
      const ParFigure *figure = par_framework_lookup_figure (framework, argv[i]);
      g_autofree char *value = NULL;

      if (figure == NULL)
        {
          par_cli_error (_("The criteria set of this year has no figure “%s”."), argv[i]);
          return 1;
        }
      if ((value = par_figure_normalize (figure, argv[i + 2], &error)) == NULL)
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      g_ptr_array_add (changes, par_figure_change_new (argv[i], argv[i + 1], value));
    }
  if (!par_store_set_figure_values (cli->store, a->id, changes, FALSE, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = changes->len; i > 0; i--)
    if (!((ParFigureChange *) changes->pdata[i - 1])->changed)
      g_ptr_array_remove_index (changes, i - 1);
  print_changes (changes, FALSE);
  return 0;
}

static const char *
check_state_text (ParCheckState state)
{
  switch (state)
    {
    case PAR_CHECK_PASSED:
      return _("holds");
    case PAR_CHECK_FAILED:
      return _("FAILS");
    case PAR_CHECK_NOT_CHECKED:
    default:
      return _("not checked yet");
    }
}

/* One figure: its entered parts (periods as columns, as the quarterly reports give them) and
 * its year value with where it came from. */
static void
print_figure (ParFigureResult *result,
              const ParFigure *figure)
{
  g_autofree char *explain = par_figure_result_explain (result, figure, '.');
  const char *label = figure->label;

  if (figure->unit != NULL)
    g_print ("%s — %s (%s)\n", figure->id, label, figure->unit);
  else
    g_print ("%s — %s\n", figure->id, label);
  if (!par_figure_is_derived (figure) && figure->period != PAR_PERIOD_YEAR)
    {
      guint n = par_period_n_parts (figure->period);

      g_print (" ");
      for (guint part = 0; part < n; part++)
        {
          ParExprValue v = par_figure_result_get_part (result, figure, part);
          g_autofree char *text = par_expr_value_is_value (&v) ? par_expr_value_format (&v, '.')
                                                               : g_strdup ("—");

          g_print ("  %s %s", par_period_part_label (figure->period, part), text);
        }
      g_print ("\n");
    }
  /* TRANSLATORS: the year's value of a figure and where it came from */
  g_print (_("  year: %s\n"), explain);
}

static int
figures_get (ParCli  *cli,
             int      argc,
             char   **argv)
{
  g_auto(ParCliYear) t = { 0 };
  GOptionEntry entries[] = { PAR_CLI_YEAR_ENTRIES (t), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureResult) result = NULL;
  GPtrArray *figures;
  int rc;

  if (!par_cli_parse_described (cli, entries, "figures get", GET_SYNOPSIS,
                                N_("Shows the year's figures — every one, or those named — with "
                                   "the value of each period, the year's value and where it came "
                                   "from, then the criteria set's checks."),
                                &argc, &argv))
    return 2;
  if ((a = par_cli_year_find (cli, &t, NULL, &rc)) == NULL)
    return rc;
  if ((framework = par_store_load_framework (cli->store, a->framework_row, &error)) == NULL ||
      (result = par_store_evaluate_figures (cli->store, a->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  figures = par_framework_get_figures (framework);
  if (figures->len == 0)
    {
      g_print ("%s\n", _("The criteria set of this year declares no figures (format 1)."));
      return 0;
    }
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          const ParFigure *figure = par_framework_lookup_figure (framework, argv[i]);

          if (figure == NULL)
            {
              par_cli_error (_("The criteria set of this year has no figure “%s”."), argv[i]);
              return 1;
            }
          print_figure (result, figure);
        }
      return 0;
    }
  for (guint i = 0; i < figures->len; i++)
    print_figure (result, figures->pdata[i]);
  for (guint i = 0; i < par_figure_result_n_checks (result); i++)
    {
      const ParCheckResult *c = par_figure_result_get_check (result, i);
      const char *severity = c->check->severity == PAR_CHECK_ERROR ? _("error") : _("warning");

      /* TRANSLATORS: check (error/warning), its state, its message, the figures' values */
      g_print (_("Check (%s) %s: %s\n  %s\n"), severity, check_state_text (c->state),
               c->check->message, c->explanation);
    }
  return 0;
}

static int
figures_export_csv (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_auto(ParCliYear) t = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (t),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *csv = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "figures export-csv", EXPORT_SYNOPSIS,
                                N_("One row per figure and period (figure, period, value, label, "
                                   "unit), with an empty value where nothing is entered, so the "
                                   "file is also the form to fill in; figures import-csv reads "
                                   "it back."),
                                &argc, &argv))
    return 2;
  if ((a = par_cli_year_find (cli, &t, NULL, &rc)) == NULL)
    return rc;
  csv = par_csv_figures_export (cli->store, a->id, &error);
  return par_cli_write_output (csv, error, output);
}

static int
figures_import_csv (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_auto(ParCliYear) t = { 0 };
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (t),
    PAR_CLI_DRY_RUN_ENTRY (dry_run),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;
  int rc;

  if (!par_cli_parse_described (cli, entries, "figures import-csv", IMPORT_SYNOPSIS,
                                N_("Reads the columns figure, period and value, as figures "
                                   "export-csv writes them; an empty value clears it, a figure "
                                   "or period the file does not name is left as it is. Every "
                                   "row is checked first: one bad row and nothing is saved."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("figures import-csv: give one CSV file"));
      return 2;
    }
  if ((a = par_cli_year_find (cli, &t, NULL, &rc)) == NULL)
    return rc;
  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &len, &error) ||
      !par_csv_figures_import (cli->store, a->id, contents, len, display, dry_run, &changes,
                               &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  print_changes (changes, dry_run);
  return 0;
}

static const ParCliSubcommand subcommands[] = {
  { "set", SET_SYNOPSIS, figures_set },
  { "get", GET_SYNOPSIS, figures_get },
  { "export-csv", EXPORT_SYNOPSIS, figures_export_csv },
  { "import-csv", IMPORT_SYNOPSIS, figures_import_csv },
};

int
par_cli_cmd_figures (ParCli  *cli,
                     int      argc,
                     char   **argv)
{
  return par_cli_dispatch (cli, "figures", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
