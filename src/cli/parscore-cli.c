/* parscore-cli.c — Parscore on the command line: the table of commands and the options every
 * command shares. Each command lives in its own par-cli-<topic>.c. No GTK.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdint.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-heap.h"

typedef struct {
  const char *name;
  const char *synopsis;   /* N_() */
  const char *summary;    /* N_() */
  int (*run) (ParCli *cli, int argc, char **argv);
} Command;

/* demo and export-pack run in parscore-cli-render (par_cli_exec_render), chart in its module
 * (par_cli_run_chart): their synopses live with them. */
static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check criteria-set files and print a one-line summary of each"),
    par_cli_cmd_validate },
  { "upgrade-set", N_("IN -o OUT [--force]"),
    N_("Write a format-1 criteria set in format 2 (the same rules, the same scores)"),
    par_cli_cmd_upgrade_set },
  { "import-framework", N_("FILE"), N_("Store a criteria set in the database"),
    par_cli_cmd_import_framework },
  { "list", "", N_("List units, their assessed years and the stored criteria sets"),
    par_cli_cmd_list },
  { "unit", N_("add|rename|remove …"), N_("Add, rename or remove a unit"), par_cli_cmd_unit },
  { "assessment", N_("new|remove …"),
    N_("Start a unit’s year (from a criteria set or the year before), or remove one"),
    par_cli_cmd_assessment },
  { "submit", N_("--unit U --year Y [--package FILE.parscore]"), N_("Submit a year: it is locked against edits"),
    par_cli_cmd_submit },
  { "unlock", N_("--unit U --year Y --reason TEXT"),
    N_("Unlock a submitted or appraised year for edits; the reason is kept in the audit log"),
    par_cli_cmd_unlock },
  { "package", N_("export|show|import …"),
    N_("Write a year as a sealed package, check one, or import one (the council's exchange)"),
    par_cli_cmd_package },
  { "round", N_("new|show|receive|score|close|return …"),
    N_("The council's appraisal round: receive packages, appraise, close round 1 and 2"),
    par_cli_cmd_round },
  { "reply", N_("--unit U --year Y --code CODE --text TEXT [--document NUMBER --kind KIND "
                "[--date D] [--issuer I] [--summary S] [--file FILE…]]"),
    N_("Reply to the council's appraisal of a sub-criterion (sent in a reply package)"),
    par_cli_cmd_reply },
  { "rank", N_("--year Y [--set ID] [--level L] [--json|--csv|--xlsx -o FILE]"),
    /* xgettext:no-c-format */
    N_("Rank the units of a year by index %: ties share a rank; bands, change since the year "
       "before"), par_cli_cmd_rank },
  { "score", N_("(--unit U | --all-units) (--year Y | --all-years) [--json]"),
    /* xgettext:no-c-format */
    N_("Score a unit’s year: totals per field, index % and band"), par_cli_cmd_score },
  { "export-csv", N_("--unit U --year Y [-o FILE]"), N_("Write a year’s entries as CSV"),
    par_cli_cmd_export_csv },
  { "import-csv", N_("--unit U --year Y [--dry-run] FILE"), N_("Read entries from CSV (all rows or none)"),
    par_cli_cmd_import_csv },
  { "figures", N_("set|get|export-csv|import-csv …"),
    N_("Enter or show a year's figures per period (criteria-set format 2), or move them as CSV"),
    par_cli_cmd_figures },
  { "register", N_("list|show|link|export|import …"),
    N_("The office’s books: list the registers of a year, show a register’s rows, link a row to "
       "an evidence document, move a register’s rows as CSV or XLSX"),
    par_cli_cmd_register },
  { "verify", "", N_("Check the database file, the criteria sets and every attached file; report "
         "leftovers of interrupted work"), par_cli_cmd_verify },
  { "backup", N_("-o FILE [--force] | --list"),
    N_("Write the database and every attached file into one backup file"), par_cli_cmd_backup },
  { "restore", N_("[--yes] FILE"),
    N_("Show what a backup holds, then replace the database with it (the current one is kept)"),
    par_cli_cmd_restore },
  { "demo", NULL, N_("Create a demo database: an industrial-zone board with three years of "
                     "entries, evidence documents and attachments"), par_cli_exec_render },
  { "export-pack", NULL, N_("Write a unit’s year as one PDF evidence pack: summary, "
                            "explanations, documents, manifest"), par_cli_exec_render },
  { "chart", NULL, N_("Draw a chart to PNG, SVG or PDF: --type fields, total, radar, lost, "
                      "self-vs-appraised or ranking"), par_cli_run_chart },
};

const char *
par_cli_synopsis (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return commands[i].synopsis;
  g_assert_not_reached ();
}

/* --- main ------------------------------------------------------------------------------------ */

/* $PARSCORE_DB, else $XDG_DATA_HOME/parscore/parscore.db: what --help shows is what is used. */
static char *
default_db_path (void)
{
  const char *env = g_getenv ("PARSCORE_DB");

  return env != NULL && env[0] != '\0' ? g_strdup (env) : par_store_default_path ();
}

static void
usage (FILE *to)
{
  g_autofree char *path = default_db_path ();
  g_autofree char *shown = g_filename_display_name (path);
  g_autofree char *db_line = g_strdup_printf (_("Database file (default: %s)"), shown);

  fprintf (to, "%s\n", _("Usage: parscore-cli [--db PATH] COMMAND [OPTIONS…]"));
  fprintf (to, "\n%s\n", _("Parscore scores administrative reform (the PAR Index) from the command line."));
  fprintf (to, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (to, "\n%s\n", _("Options:"));
  fprintf (to, "  --db PATH          %s\n", db_line);
  fprintf (to, "  --create           %s\n", _("Make a new database in an empty (0-byte) --db file"));
  fprintf (to, "  --actor NAME       %s\n",
           _("Who the audit log names for the changes made (default: your login name)"));
  fprintf (to, "  -h, --help         %s\n", _("Show this help; COMMAND --help shows a command’s options"));
  fprintf (to, "  --version          %s\n", _("Show the version"));
}

int
main (int    argc,
      char **argv)
{
  ParCli cli = { 0, };
  int i = 1;
  int status;

  par_heap_prepare_for_command ();
  setlocale (LC_ALL, "");
  /* Usage lines read "parscore-cli [OPTION…] score …", not the command's name twice. */
  g_set_prgname ("parscore-cli");
  par_core_init_i18n ();
  par_cli_init_output ();

  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        cli.db_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--db="))
        cli.db_path = g_strdup (argv[i] + 5);
      else if (g_str_equal (argv[i], "--create"))
        cli.create = TRUE;
      else if (g_str_equal (argv[i], "--actor") && i + 1 < argc)
        cli.actor = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--actor="))
        cli.actor = g_strdup (argv[i] + 8);
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          usage (stdout);
          return 0;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("parscore-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (argv[i][0] == '-')
        {
          par_cli_error (_("unknown option “%s”"), argv[i]);
          usage (stderr);
          return 2;
        }
      else
        break;
    }
  if (i >= argc)
    {
      usage (stderr);
      return 2;
    }
  if (cli.db_path == NULL)
    cli.db_path = default_db_path ();

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      status = commands[c].run (&cli, argc - i, argv + i);
  if (status == -1)
    {
      par_cli_error (_("unknown command “%s”"), argv[i]);
      usage (stderr);
      status = 2;
    }
  g_clear_object (&cli.store);
  g_free (cli.db_path);
  g_free (cli.actor);
  return status;
}
