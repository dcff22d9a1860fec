/* par-cli-list.c — parscore-cli list: units, their years and the stored criteria sets.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"

int
par_cli_cmd_list (ParCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) frameworks = NULL;

  if (!par_cli_parse (cli, NULL, "list", "", &argc, &argv) || par_cli_open_store (cli) == NULL)
    return 2;
  if ((frameworks = par_store_list_frameworks (cli->store, &error)) == NULL ||
      (units = par_store_list_units (cli->store, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Criteria sets:\n"));
  if (frameworks->len == 0)
    g_print ("  %s\n", _("(none)"));
  for (guint i = 0; i < frameworks->len; i++)
    {
      gint64 row;
      const char *id, *title, *sha;
      g_variant_get (g_ptr_array_index (frameworks, i), "(x&s&s&s)", &row, &id, &title, &sha);
      g_print ("  #%" G_GINT64_FORMAT "  %s  %s  (sha256 %.12s…)\n", row, id, title, sha);
    }
  g_print (_("Units:\n"));
  if (units->len == 0)
    g_print ("  %s\n", _("(none)"));
  for (guint i = 0; i < units->len; i++)
    {
      ParUnit *unit = g_ptr_array_index (units, i);
      g_autoptr(GPtrArray) assessments = par_store_list_assessments (cli->store, unit->id, &error);

      if (assessments == NULL)
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      g_print ("  #%" G_GINT64_FORMAT "  %s  (%s)\n", unit->id, unit->name,
               par_level_to_string (unit->level));
      for (guint j = 0; j < assessments->len; j++)
        {
          ParAssessment *a = g_ptr_array_index (assessments, j);
          g_autoptr(GPtrArray) links = par_store_list_evidence (cli->store, a->id, NULL, NULL);
          g_autoptr(GPtrArray) entries = par_store_get_entries (cli->store, a->id, NULL);
          g_print (_("      %d  %s  %s  %u entries, %u evidence links\n"), a->year,
                   a->framework_id, par_status_to_string (a->status),
                   entries != NULL ? entries->len : 0, links != NULL ? links->len : 0);
        }
    }
  return 0;
}
