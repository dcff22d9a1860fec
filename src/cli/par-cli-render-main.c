/* par-cli-render-main.c — the program behind `parscore-cli demo|chart|export-pack|round report`.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawing (cairo, Pango) and the evidence pack (qpdf, poppler) bring some forty shared
 * libraries whose loading costs more than validating or scoring a year. Those commands live in
 * this program so every other command starts in a few milliseconds; `parscore-cli demo …`
 * replaces itself with `parscore-cli-render --db PATH demo …`, so the user sees one command.
 */
#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

static const struct {
  const char *name;
  int       (*run) (ParCli *cli, int argc, char **argv);
} commands[] = {
  { "demo", par_cli_cmd_demo },
  { "chart", par_cli_cmd_chart },
  { "export-pack", par_cli_cmd_export_pack },
  { "round-report", par_cli_cmd_round_report },
};

int
main (int    argc,
      char **argv)
{
  ParCli cli = { 0, };
  int status = -1;

  setlocale (LC_ALL, "");
  g_set_prgname ("parscore-cli");
  par_core_init_i18n ();
  par_cli_init_output ();

  if (argc >= 4 && g_str_equal (argv[1], "--db"))
    {
      cli.db_path = g_strdup (argv[2]);
      for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[3], commands[i].name))
          status = commands[i].run (&cli, argc - 3, argv + 3);
    }
  if (status == -1)
    {
      par_cli_error (_("this helper is run by parscore-cli (demo, chart, export-pack, round report)"));
      status = 2;
    }
  g_clear_object (&cli.store);
  g_free (cli.db_path);
  return status;
}
