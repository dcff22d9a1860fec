/* par-cli-unit.c — parscore-cli unit add|rename|remove: the units a database scores.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

#define ADD_SYNOPSIS    N_("NAME [--level LEVEL]")
#define RENAME_SYNOPSIS N_("U NEW-NAME")
#define REMOVE_SYNOPSIS N_("U [--force --reason TEXT]")

static int
unit_add (ParCli  *cli,
          int      argc,
          char   **argv)
{
  g_autofree char *level_text = NULL;
  GOptionEntry entries[] = {
    { "level", 'l', 0, G_OPTION_ARG_STRING, &level_text,
      N_("department (the default), district or commune"), N_("LEVEL") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  ParLevel level = PAR_LEVEL_DEPARTMENT;
  gint64 id;

  if (!par_cli_parse (cli, entries, "unit add", ADD_SYNOPSIS, &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("unit add: give the unit’s name (in quotes when it has spaces)"));
      return 2;
    }
  if (level_text != NULL && !par_level_from_string (level_text, &level))
    {
      par_cli_error (_("unit add: “%s” is not a level; write department, district or commune"),
                     level_text);
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((id = par_store_add_unit (cli->store, argv[1], level, &error)) <= 0)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  /* TRANSLATORS: unit number, name, level */
  g_print (_("Unit #%" PRId64 " “%s” added (%s)\n"), id, argv[1], par_level_to_string (level));
  return 0;
}

static ParUnit *
find_unit (ParCli     *cli,
           const char *name_or_id)
{
  g_autoptr(GError) error = NULL;
  ParUnit *unit;

  if (par_cli_open_store (cli) == NULL)
    return NULL;
  if ((unit = par_store_find_unit (cli->store, name_or_id, &error)) == NULL)
    par_cli_error ("%s", error->message);
  return unit;
}

static int
unit_rename (ParCli  *cli,
             int      argc,
             char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;

  if (!par_cli_parse (cli, NULL, "unit rename", RENAME_SYNOPSIS, &argc, &argv))
    return 2;
  if (argc != 3)
    {
      par_cli_error (_("unit rename: give the unit (name or number) and its new name"));
      return 2;
    }
  if ((unit = find_unit (cli, argv[1])) == NULL)
    return 1;
  if (!par_store_rename_unit (cli->store, unit->id, argv[2], &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Unit #%" PRId64 " “%s” renamed “%s”\n"), unit->id, unit->name, argv[2]);
  return 0;
}

static int
unit_remove (ParCli  *cli,
             int      argc,
             char   **argv)
{
  gboolean force = FALSE;
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Remove it even when one of its years is submitted or appraised"), NULL },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
      N_("Why, kept in the audit log (needed with --force for a submitted or appraised year)"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(GPtrArray) years = NULL;

  if (!par_cli_parse_described (cli, entries, "unit remove", REMOVE_SYNOPSIS,
                                N_("Removes the unit with every year it has: entries, evidence "
                                   "links, and the documents only those years cite. A submitted "
                                   "or appraised year is removed only with --force and a reason. "
                                   "The removal is kept in the audit log with who made it "
                                   "(--actor) and why."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("unit remove: give the unit (name or number)"));
      return 2;
    }
  if ((unit = find_unit (cli, argv[1])) == NULL)
    return 1;
  if ((years = par_store_list_assessments (cli->store, unit->id, &error)) == NULL ||
      !par_store_remove_unit (cli->store, unit->id, force, reason, &error))
    return par_cli_removal_failed (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Unit #%" PRId64 " “%s” removed with its %u year\n",
                        "Unit #%" PRId64 " “%s” removed with its %u years\n", years->len),
           unit->id, unit->name, years->len);
  return 0;
}

static const ParCliSubcommand subcommands[] = {
  { "add", ADD_SYNOPSIS, unit_add },
  { "rename", RENAME_SYNOPSIS, unit_rename },
  { "remove", REMOVE_SYNOPSIS, unit_remove },
};

int
par_cli_cmd_unit (ParCli  *cli,
                  int      argc,
                  char   **argv)
{
  return par_cli_dispatch (cli, "unit", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
