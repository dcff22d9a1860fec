/* par-cli-verify.c — parscore-cli verify: the database file, the criteria sets, the attached
 * files and leftovers (par_store_verify()), and stored entries against par_entry_check()
 * (par_store_check_assessment()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"

/* Entries stored before every write crossed the check: each one the check refuses, named by
 * unit and year. Returns: how many, or -1 with the error printed. */
static int
verify_entries (ParCli *cli,
                guint  *n_years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = par_store_list_units (cli->store, &error);
  g_autoptr(GPtrArray) years = units != NULL ? par_store_list_assessments (cli->store, 0, &error)
                                             : NULL;
  int n_bad = 0;

  if (years == NULL)
    {
      par_cli_error ("%s", error->message);
      return -1;
    }
  *n_years = years->len;
  for (guint i = 0; i < years->len; i++)
    {
      const ParAssessment *year = g_ptr_array_index (years, i);
      g_autoptr(GPtrArray) problems = par_store_check_assessment (cli->store, year->id, &error);
      const char *unit_name = "";

      if (problems == NULL)
        {
          par_cli_error ("%s", error->message);
          return -1;
        }
      for (guint u = 0; u < units->len; u++)
        if (((ParUnit *) g_ptr_array_index (units, u))->id == year->unit_id)
          unit_name = ((ParUnit *) g_ptr_array_index (units, u))->name;
      for (guint k = 0; k < problems->len; k++)
        /* TRANSLATORS: "Sở Nội vụ, 2022: 1.1.1, appraised score: 99.00 is more than the maximum; …" */
        g_printerr (_("%s, %d: %s\n"), unit_name, year->year,
                    ((ParEntryProblem *) g_ptr_array_index (problems, k))->message);
      n_bad += problems->len;
    }
  return n_bad;
}

int
par_cli_cmd_verify (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParVerifyReport) report = NULL;
  guint n_years = 0;
  int n_bad_entries;

  if (!par_cli_parse (cli, NULL, "verify", "", &argc, &argv) || par_cli_open_store (cli) == NULL)
    return 2;
  report = par_store_verify (cli->store, NULL, &error);
  if (report == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }

  for (guint i = 0; i < report->problems->len; i++)
    par_cli_error ("%s", (const char *) report->problems->pdata[i]);

  g_print ("%s\n", report->database_ok ? _("The database file is intact.")
                                       : _("The database file is damaged."));
  if (report->database_ok)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u criteria set checked against its SHA-256.\n",
                            "%u criteria sets checked against their SHA-256.\n",
                            report->frameworks_checked), report->frameworks_checked);
      /* Worded as before: scripts read this line. */
      g_print (_("%u attachments checked, %u bad\n"), report->files_checked,
               report->bad_files->len);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u submitted or appraised year checked against its seal, %u changed\n",
                            "%u submitted or appraised years checked against their seals, %u "
                            "changed\n", report->years_sealed),
               report->years_sealed, report->years_changed);
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "%u figure value checked against its figure, %u refused\n",
                            "%u figure values checked against their figures, %u refused\n",
                            report->figure_values_checked),
               report->figure_values_checked, report->figure_values_refused);
    }
  if (!report->database_ok)
    return 1;
  n_bad_entries = verify_entries (cli, &n_years);
  if (n_bad_entries < 0)
    return 1;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "%u year’s entries checked, %d stored values the check refuses\n",
                        "%u years’ entries checked, %d stored values the check refuses\n", n_years),
           n_years, n_bad_entries);
  return report->problems->len > 0 || n_bad_entries > 0 ? 1 : 0;
}
