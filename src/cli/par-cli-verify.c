/* par-cli-verify.c — parscore-cli verify: the database file, the criteria sets, the attached
 * files and leftovers (par_store_verify()).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"

int
par_cli_cmd_verify (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParVerifyReport) report = NULL;

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
    }
  return report->problems->len > 0 ? 1 : 0;
}
