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
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *csv = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "export-csv", par_cli_synopsis ("export-csv"),
                                N_("One row per scored item, UTF-8 with a byte-order mark, cells "
                                   "separated by commas. A text that a spreadsheet would take "
                                   "for a formula (starting with = + - @, a tab or a line break) "
                                   "is written behind a ' ; import-csv reads it back as it was."),
                                &argc, &argv))
    return 2;
  if ((a = par_cli_year_find (cli, &y, NULL, &rc)) == NULL)
    return rc;
  csv = par_csv_export (cli->store, a->id, &error);
  return par_cli_write_output (csv, error, output);
}

static const char *
separator_name (char separator)
{
  switch (separator)
    {
    case ';':
      return _("semicolons");
    case '\t':
      return _("tabs");
    default:
      return _("commas");
    }
}

static char *
join (GPtrArray *names)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", (const char *) names->pdata[i]);
  return g_string_free (s, FALSE);
}

/* What the file holds and what it changes, so a partial file says what it leaves alone. */
static void
print_report (const char   *display,
              ParCsvReport *report,
              gboolean      dry_run)
{
  guint n = report->changes->len;

  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: %u row, cells separated by %s\n",
                        "%s: %u rows, cells separated by %s\n", report->n_rows),
           display, report->n_rows, separator_name (report->separator));
  if (report->columns_read->len > 0)
    {
      g_autofree char *names = join (report->columns_read);
      g_print (_("  Columns read (an empty cell clears its value): %s\n"), names);
    }
  if (report->columns_kept->len > 0)
    {
      g_autofree char *names = join (report->columns_kept);
      g_print (_("  Not in the file, left unchanged: %s\n"), names);
    }
  if (report->columns_ignored->len > 0)
    {
      g_autofree char *names = join (report->columns_ignored);
      g_print (_("  Not columns of Parscore’s, ignored: %s\n"), names);
    }
  for (guint i = 0; i < n; i++)
    {
      ParCsvChange *c = report->changes->pdata[i];
      /* TRANSLATORS: criterion code, line in the CSV file, the columns that change */
      g_print (_("  %s (line %d): %s\n"), c->code, c->line, c->columns);
    }
  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry would change; nothing saved (--dry-run)\n",
                          "%u entries would change; nothing saved (--dry-run)\n", n), n);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry changed\n", "%u entries changed\n", n), n);
}

int
par_cli_cmd_import_csv (ParCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    PAR_CLI_DRY_RUN_ENTRY (dry_run),
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParCsvReport) report = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;
  int rc;

  if (!par_cli_parse_described (cli, entries, "import-csv", par_cli_synopsis ("import-csv"),
                                N_("The first row names the columns, as export-csv writes them; "
                                   "only “code” is required. A column the file does not have "
                                   "is left unchanged for every row; an empty cell in a column "
                                   "the file has clears that value. Cells may be separated by "
                                   "commas, semicolons or tabs. Every row is checked first: "
                                   "one bad row and nothing is saved."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("import-csv: give one CSV file"));
      return 2;
    }
  if ((a = par_cli_year_find (cli, &y, NULL, &rc)) == NULL)
    return rc;
  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (!par_csv_import_full (cli->store, a->id, contents, len, display,
                            dry_run ? PAR_CSV_IMPORT_DRY_RUN : PAR_CSV_IMPORT_DEFAULT, &report,
                            &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_report (display, report, dry_run);
  return 0;
}
