/* par-cli-framework.c — parscore-cli validate and import-framework: criteria-set files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

static char *
summary_line (ParFramework *fw)
{
  g_autofree char *max = par_cli_points (par_framework_get_max (fw));
  guint fields = par_framework_count_kind (fw, PAR_NODE_FIELD);
  guint criteria = par_framework_count_kind (fw, PAR_NODE_CRITERION);
  guint subs = par_framework_count_kind (fw, PAR_NODE_SUB);
  guint adjustments = par_framework_get_adjustments (fw)->len;

  /* TRANSLATORS: one-line summary of a criteria set */
  return g_strdup_printf (_("%s: %u fields, %u criteria, %u sub-criteria, %u deductions/bonuses, "
                            "%u scored items, maximum %s points"),
                          par_framework_get_id (fw), fields, criteria, subs, adjustments,
                          par_framework_get_leaves (fw)->len, max);
}

/* `used`: kept even though nothing reads it, so the store below is never optimised away. */
static ParFramework *validate_last __attribute__ ((used));

int
par_cli_cmd_validate (ParCli  *cli,
                      int      argc,
                      char   **argv)
{
  int status = 0;

  if (!par_cli_parse (cli, NULL, "validate", par_cli_synopsis ("validate"), &argc, &argv))
    return 2;
  if (argc < 2)
    {
      par_cli_error (_("validate: give at least one criteria-set file"));
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ParFramework) fw = par_framework_load_file (argv[i], &error);
      g_autofree char *line = NULL;

      if (fw == NULL)
        {
          /* Loader messages already start with FILE:LINE. */
          g_printerr ("%s\n", error->message);
          status = 1;
          continue;
        }
      line = summary_line (fw);
      g_print ("%s\n", line);
      /* The last set read is left to the process's exit, still reachable (no leak to a leak
       * checker): freeing 2,000 sub-criteria node by node costs more than printing them. */
      if (i == argc - 1)
        validate_last = g_steal_pointer (&fw);
    }
  return status;
}

int
par_cli_cmd_import_framework (ParCli  *cli,
                              int      argc,
                              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autofree char *line = NULL;
  gint64 row;

  if (!par_cli_parse (cli, NULL, "import-framework", "FILE", &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("import-framework: give one criteria-set file"));
      return 2;
    }
  fw = par_framework_load_file (argv[1], &error);
  if (fw == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  row = par_store_import_framework (cli->store, fw, &error);
  if (row <= 0)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  line = summary_line (fw);
  g_print (_("Stored as criteria set #%" PRId64 " — %s\n"), row, line);
  return 0;
}
