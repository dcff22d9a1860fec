/* par-cli-assessment.c — parscore-cli assessment new|remove, submit and unlock: a unit's years
 * and their status.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

#define NEW_SYNOPSIS    N_("--unit U --year Y (--set ID | --from-previous [--set ID] [--carry-evidence])")
#define REMOVE_SYNOPSIS N_("--unit U --year Y [--force --reason TEXT]")

/* The stored criteria set that @text names: its number ("3", "#3"), its id, or a criteria-set
 * file, which is then stored. Returns its row, or 0 after printing why. */
static gint64
resolve_set (ParCli     *cli,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GString) matches = g_string_new (NULL);
  const char *number = text[0] == '#' ? text + 1 : text;
  gint64 found = 0;
  guint n_found = 0;

  if (g_str_has_suffix (text, ".xml") && g_file_test (text, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(ParFramework) fw = par_framework_load_file (text, &error);
      gint64 row;

      if (fw == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 0;
        }
      if ((row = par_store_import_framework (cli->store, fw, &error)) <= 0)
        par_cli_error ("%s", error->message);
      return MAX (row, 0);
    }
  if ((sets = par_store_list_frameworks (cli->store, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 0;
    }
  for (guint i = 0; i < sets->len; i++)
    {
      gint64 row;
      const char *id, *title, *sha;
      char *end = NULL;

      g_variant_get (g_ptr_array_index (sets, i), "(x&s&s&s)", &row, &id, &title, &sha);
      if (g_str_equal (id, text) ||
          (g_ascii_isdigit (number[0]) && g_ascii_strtoll (number, &end, 10) == row && *end == '\0'))
        {
          found = row;
          n_found++;
          g_string_append_printf (matches, " #%" PRId64, row);
        }
    }
  if (n_found == 1)
    return found;
  if (n_found > 1)
    par_cli_error (_("several stored criteria sets have the id “%s” (%s); give the number of "
                     "one (parscore-cli list shows them)"), text, matches->str + 1);
  else
    par_cli_error (_("no stored criteria set is “%s”; give its number or id from "
                     "parscore-cli list, or a criteria-set file (.xml)"), text);
  return 0;
}

static int
assessment_new (ParCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *unit_name = NULL;
  g_autofree char *set = NULL;
  int year = 0;
  gboolean from_previous = FALSE, carry_evidence = FALSE;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "set", 's', 0, G_OPTION_ARG_FILENAME, &set,
      N_("Criteria set: its number or id (parscore-cli list), or a criteria-set file"), N_("ID") },
    { "from-previous", 'p', 0, G_OPTION_ARG_NONE, &from_previous,
      N_("Start from the unit’s latest earlier year (its criteria set unless --set)"), NULL },
    { "carry-evidence", 'e', 0, G_OPTION_ARG_NONE, &carry_evidence,
      N_("With --from-previous: cite the earlier year’s documents again"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gint64 row = 0, id;

  if (!par_cli_parse (cli, entries, "assessment new", NEW_SYNOPSIS, &argc, &argv))
    return 2;
  if (unit_name == NULL || year == 0 || (set == NULL && !from_previous) || argc != 1)
    {
      par_cli_error (_("assessment new: give --unit, --year and --set (or --from-previous)"));
      return 2;
    }
  if (carry_evidence && !from_previous)
    {
      par_cli_error (_("assessment new: --carry-evidence goes with --from-previous"));
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((unit = par_store_find_unit (cli->store, unit_name, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (set != NULL && (row = resolve_set (cli, set)) <= 0)
    return 1;
  if (from_previous)
    /* The register rows the set says go on (tasks not done) always do (issue 13). */
    id = par_store_create_assessment_from_previous (cli->store, unit->id, year, row,
                                                    (carry_evidence ? PAR_CARRY_EVIDENCE
                                                                    : PAR_CARRY_NOTHING) |
                                                    PAR_CARRY_REGISTER_ROWS, &error);
  else
    id = par_store_create_assessment (cli->store, unit->id, year, row, &error);
  if (id <= 0 || (a = par_store_get_assessment (cli->store, id, &error)) == NULL ||
      (links = par_store_list_evidence (cli->store, id, NULL, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  /* TRANSLATORS: year, unit, criteria set id, its number */
  g_print (_("%d started for “%s” with the criteria set %s (#%" PRId64 "), as a draft\n"),
           a->year, unit->name, a->framework_id, a->framework_row);
  if (carry_evidence)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u evidence link carried over\n",
                          "  %u evidence links carried over\n", links->len), links->len);
  if (from_previous)
    {
      g_autoptr(ParFramework) framework = par_store_load_framework (cli->store, a->framework_row, NULL);
      GPtrArray *registers = framework != NULL ? par_framework_get_registers (framework) : NULL;

      for (guint i = 0; registers != NULL && i < registers->len; i++)
        {
          const ParRegister *reg = registers->pdata[i];
          g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (cli->store, id, reg->id, NULL);
          guint n = par_register_rows_count (rows);

          if (n > 0)
            /* TRANSLATORS: "  7 rows of register plan_tasks carried over" */
            g_print (g_dngettext (GETTEXT_PACKAGE, "  %u row of register %s carried over\n",
                                  "  %u rows of register %s carried over\n", n), n, reg->id);
        }
    }
  return 0;
}

static int
assessment_remove (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *reason = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Remove it even when it is submitted or appraised"), NULL },
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason,
      N_("Why, kept in the audit log (needed with --force for a submitted or appraised year)"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParAssessment) a = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "assessment remove", REMOVE_SYNOPSIS,
                                N_("Removes the year with its entries, its evidence links and "
                                   "the documents only it cites. A submitted or appraised year "
                                   "is removed only with --force and a reason. The removal is "
                                   "kept in the audit log with who made it (--actor) and why."),
                                &argc, &argv))
    return 2;
  if ((a = par_cli_year_find (cli, &y, &unit, &rc)) == NULL)
    return rc;
  if (!par_store_remove_assessment (cli->store, a->id, force, reason, &error))
    return par_cli_removal_failed (error);
  g_print (_("%d of “%s” removed (it was %s)\n"), a->year, unit->name,
           par_status_to_string (a->status));
  return 0;
}

static const ParCliSubcommand subcommands[] = {
  { "new", NEW_SYNOPSIS, assessment_new },
  { "remove", REMOVE_SYNOPSIS, assessment_remove },
};

int
par_cli_cmd_assessment (ParCli  *cli,
                        int      argc,
                        char   **argv)
{
  return par_cli_dispatch (cli, "assessment", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

int
par_cli_cmd_submit (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *package = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "package", 'p', 0, G_OPTION_ARG_FILENAME, &package,
      N_("Also write the sealed submission package to send to the council"), N_("FILE.parscore") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParResult) result = NULL;
  const ParNodeTotal *root;
  int rc;

  if (!par_cli_parse (cli, entries, "submit", par_cli_synopsis ("submit"), &argc, &argv))
    return 2;
  if ((a = par_cli_year_find (cli, &y, &unit, &rc)) == NULL)
    return rc;
  if (a->status != PAR_STATUS_DRAFT)
    {
      par_cli_error (_("%d of “%s” is %s already"), a->year, unit->name,
                     par_status_to_string (a->status));
      return 1;
    }
  if ((result = par_store_score_assessment (cli->store, a->id, &error)) == NULL ||
      !par_store_set_status (cli->store, a->id, PAR_STATUS_SUBMITTED, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  root = par_result_get_total (result, NULL);
  g_print (_("%d of “%s” submitted and locked against edits (%u of %u items done)\n"), a->year,
           unit->name, root->done, root->leaves);
  /* The package (par-cli-council.c): the year stays submitted if it cannot be written. */
  if (package != NULL)
    return par_cli_write_package (cli, a->id, PAR_PACKAGE_SUBMISSION, package);
  return 0;
}

int
par_cli_cmd_unlock (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *reason = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &reason, N_("Why it is unlocked"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *clean = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "unlock", par_cli_synopsis ("unlock"),
                                N_("Puts a submitted or appraised year back to draft so its "
                                   "scores and evidence can be changed again. The audit log "
                                   "keeps the unlock with who made it (--actor, else your login "
                                   "name) and the reason."),
                                &argc, &argv))
    return 2;
  clean = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (y.unit_name != NULL && y.year != 0 && *clean == '\0')
    {
      par_cli_error (_("unlock: give --reason: why the year is unlocked is kept in the audit "
                       "log"));
      return 2;
    }
  if ((a = par_cli_year_find (cli, &y, &unit, &rc)) == NULL)
    return rc;
  if (a->status == PAR_STATUS_DRAFT)
    {
      par_cli_error (_("%d of “%s” is a draft: there is nothing to unlock"), a->year, unit->name);
      return 1;
    }
  if (!par_store_set_status_with_reason (cli->store, a->id, PAR_STATUS_DRAFT, clean, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  /* TRANSLATORS: year, unit, its former status ("submitted"), who */
  g_print (_("%d of “%s” unlocked (it was %s); the audit log names %s and the reason\n"),
           a->year, unit->name, par_status_to_string (a->status),
           par_store_get_actor (cli->store));
  return 0;
}
