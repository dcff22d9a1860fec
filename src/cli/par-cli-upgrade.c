/* par-cli-upgrade.c — parscore-cli upgrade-set: a format-1 criteria set written in format 2.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-cli.h"
#include "par-framework-upgrade.h"

int
par_cli_cmd_upgrade_set (ParCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the format-2 set to FILE"),
      N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autofree char *display = NULL;
  g_autofree char *out_display = NULL;

  if (!par_cli_parse_described (cli, entries, "upgrade-set", par_cli_synopsis ("upgrade-set"),
                                N_("Writes the same criteria set in format 2: only the namespace "
                                   "changes, so every stored year scores identically. Figures, "
                                   "checks and conditional rules can then be added by hand "
                                   "(FORMAT.md)."),
                                &argc, &argv))
    return 2;
  if (argc != 2 || output == NULL)
    {
      par_cli_error (_("upgrade-set: give one format-1 criteria-set file and -o OUT"));
      return 2;
    }
  display = g_filename_display_name (argv[1]);
  out_display = g_filename_display_name (output);
  if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      par_cli_error (_("upgrade-set: %s exists; give --force to replace it"), out_display);
      return 1;
    }
  fw = par_framework_load_file (argv[1], &error);
  if (fw == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  in = g_bytes_ref (par_framework_get_source (fw));
  out = par_framework_upgrade_bytes (in, display, &error);
  if (out == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!g_file_set_contents (output, g_bytes_get_data (out, NULL), (gssize) g_bytes_get_size (out),
                            &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("%s: written in format 2 to %s (%u scored items, the same rules)\n"),
           par_framework_get_id (fw), out_display, par_framework_get_leaves (fw)->len);
  return 0;
}
