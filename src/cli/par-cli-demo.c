/* par-cli-demo.c — parscore-cli demo: the demo database (par_demo_create) at --db.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-demo.h"

int
par_cli_cmd_demo (ParCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;

  if (!par_cli_parse_described (cli, NULL, "demo", "",
                                N_("Creates a new database at --db: an industrial-zone board with "
                                   "three years of entries, evidence documents and attachments, "
                                   "and four peer departments for the ranking. The path must not "
                                   "exist; it appears only once the demo is complete."),
                                &argc, &argv))
    return 2;
  if (!par_demo_create (cli->db_path, NULL, NULL, NULL, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Demo database ready: %s\n"), cli->db_path);
  g_print (_("Try: parscore-cli --db %s score --unit 1 --all-years\n"), cli->db_path);
  return 0;
}
