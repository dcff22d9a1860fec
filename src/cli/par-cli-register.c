/* par-cli-register.c — parscore-cli register list|export|import: the office's books (issue 13),
 * a register's rows for a unit and year, to and from CSV (and XLSX).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-csv-registers.h"
#include "par-figures.h"
#include "par-register-import.h"
#include "par-registers.h"
#include "par-xlsx-registers.h"

#define LIST_SYNOPSIS N_("--unit U --year Y")
#define EXPORT_SYNOPSIS N_("--unit U --year Y --register ID [-o FILE.csv|FILE.xlsx]")
#define IMPORT_SYNOPSIS N_("--unit U --year Y --register ID [--append] [--dry-run] FILE.csv|FILE.xlsx")

typedef struct {
  char *unit_name;
  int   year;
  char *register_id;
} Target;

static void
target_clear (Target *t)
{
  g_clear_pointer (&t->unit_name, g_free);
  g_clear_pointer (&t->register_id, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

#define TARGET_ENTRIES(t) \
  { "unit", 'u', 0, G_OPTION_ARG_STRING, &(t).unit_name, N_("Unit name or number"), N_("U") }, \
  { "year", 'y', 0, G_OPTION_ARG_INT, &(t).year, N_("Year"), N_("Y") }
#define REGISTER_ENTRY(t) \
  { "register", 'r', 0, G_OPTION_ARG_STRING, &(t).register_id, N_("The register’s id (see register list)"), N_("ID") }

/* The year's assessment and set, and the register (when @need_register). */
static int
find (ParCli             *cli,
      Target             *t,
      gboolean            need_register,
      ParAssessment     **a,
      ParFramework      **framework,
      const ParRegister **reg)
{
  g_autoptr(GError) error = NULL;

  if (need_register && t->register_id == NULL)
    {
      par_cli_error (_("Give the register with --register ID (see register list)."));
      return 2;
    }
  if ((*a = par_cli_find_assessment (cli, t->unit_name, t->year, NULL)) == NULL)
    return t->unit_name == NULL || t->year == 0 ? 2 : 1;
  if ((*framework = par_store_load_framework (cli->store, (*a)->framework_row, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (!need_register)
    return 0;
  *reg = par_framework_lookup_register (*framework, t->register_id);
  if (*reg == NULL)
    {
      par_cli_error (_("The criteria set of this year has no register “%s”."), t->register_id);
      return 1;
    }
  return 0;
}

static int
register_list (ParCli  *cli,
               int      argc,
               char   **argv)
{
  g_auto(Target) t = { 0 };
  GOptionEntry entries[] = { TARGET_ENTRIES (t), { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  const ParRegister *unused = NULL;
  GPtrArray *registers;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register list", LIST_SYNOPSIS,
                                N_("Lists the registers of the year’s criteria set — the books the "
                                   "office keeps through the year — with their columns, how many "
                                   "rows are kept, and the figures computed from them with where "
                                   "each came from."),
                                &argc, &argv))
    return 2;
  if ((rc = find (cli, &t, FALSE, &a, &framework, &unused)) != 0)
    return rc;
  registers = par_framework_get_registers (framework);
  if (registers->len == 0)
    {
      g_print ("%s\n", _("The criteria set of this year declares no registers."));
      return 0;
    }
  if ((figures = par_store_evaluate_figures (cli->store, a->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *reg = registers->pdata[i];
      g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (cli->store, a->id, reg->id, &error);

      if (rows == NULL)
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE, "%s — %s: %u row\n", "%s — %s: %u rows\n",
                            par_register_rows_count (rows)),
               reg->id, reg->label, par_register_rows_count (rows));
      g_print ("  ");
      for (guint c = 0; c < reg->columns->len; c++)
        {
          const ParRegisterColumn *column = reg->columns->pdata[c];
          g_print ("%s%s (%s%s)", c > 0 ? ", " : "", column->id,
                   par_column_type_to_string (column->type), column->required ? ", *" : "");
        }
      g_print ("\n");
      for (guint f = 0; f < reg->figures->len; f++)
        {
          const ParFigure *figure = reg->figures->pdata[f];
          g_autofree char *explain = par_figure_result_explain (figures, figure, '.');
          g_print ("  %s: %s\n", figure->id, explain);
        }
    }
  return 0;
}

static int
register_export (ParCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_auto(Target) t = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    TARGET_ENTRIES (t), REGISTER_ENTRY (t),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE (.csv or .xlsx) instead of the terminal (CSV)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  const ParRegister *reg = NULL;
  g_autofree char *csv = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register export", EXPORT_SYNOPSIS,
                                N_("Writes a register’s rows: CSV (a header of column ids, one line "
                                   "per row, values as stored: 4891, 2020-01-14, true) or, for a "
                                   "FILE ending in .xlsx, a spreadsheet with typed cells. "
                                   "register import reads either back."),
                                &argc, &argv))
    return 2;
  if ((rc = find (cli, &t, TRUE, &a, &framework, &reg)) != 0)
    return rc;
  if (output != NULL && par_register_file_is_xlsx (output))
    {
      g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (cli->store, a->id, reg->id, &error);
      if (rows == NULL || !par_xlsx_register_write (reg, rows, output, &error))
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      return 0;
    }
  csv = par_csv_register_export (cli->store, a->id, reg->id, &error);
  return par_cli_write_output (csv, error, output);
}

static int
register_import (ParCli  *cli,
                 int      argc,
                 char   **argv)
{
  g_auto(Target) t = { 0 };
  gboolean dry_run = FALSE, append = FALSE;
  GOptionEntry entries[] = {
    TARGET_ENTRIES (t), REGISTER_ENTRY (t),
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check every row and show what would change; save nothing"), NULL },
    { "append", 'a', 0, G_OPTION_ARG_NONE, &append,
      N_("Add the file’s rows after the rows already kept instead of replacing them"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autofree char *display = NULL;
  const ParRegister *reg = NULL;
  guint changed = 0;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register import", IMPORT_SYNOPSIS,
                                N_("Replaces a register’s rows with those of a CSV or XLSX file "
                                   "(the first sheet), or with --append adds them after. The header names the columns by id or label, "
                                   "in any order; cells are read as typed (14/01/2020, 1.234,5, "
                                   "có/không, a choice’s label). Every row is checked first: one "
                                   "bad row and nothing is saved, the line, row and column named."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("register import: give one CSV or XLSX file"));
      return 2;
    }
  if ((rc = find (cli, &t, TRUE, &a, &framework, &reg)) != 0)
    return rc;
  display = g_filename_display_name (argv[1]);
  if ((rows = par_register_read_file (reg, argv[1], display, &error)) == NULL ||
      !par_register_import_rows (cli->store, a->id, reg->id, rows,
                                 append ? PAR_REGISTER_IMPORT_APPEND : PAR_REGISTER_IMPORT_REPLACE,
                                 dry_run, &changed, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (dry_run)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u rows read, %u would change; nothing saved (--dry-run)\n",
                          "%u rows read, %u would change; nothing saved (--dry-run)\n", changed),
             par_register_rows_count (rows), changed);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u rows read, %u changed\n", "%u rows read, %u changed\n",
                          changed),
             par_register_rows_count (rows), changed);
  return 0;
}

static const ParCliSubcommand subcommands[] = {
  { "list", LIST_SYNOPSIS, register_list },
  { "export", EXPORT_SYNOPSIS, register_export },
  { "import", IMPORT_SYNOPSIS, register_import },
};

int
par_cli_cmd_register (ParCli  *cli,
                      int      argc,
                      char   **argv)
{
  return par_cli_dispatch (cli, "register", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}
