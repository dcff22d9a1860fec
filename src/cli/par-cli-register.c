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
#define SHOW_SYNOPSIS N_("--unit U --year Y --register ID [--json]")
#define LINK_SYNOPSIS N_("--unit U --year Y --register ID --row N (DOCUMENT | --clear)")

/* What every subcommand takes: the unit and the year, and the register for most. */
typedef struct {
  ParCliYear  year;
  char       *register_id;
} Target;

static void
target_clear (Target *t)
{
  par_cli_year_clear (&t->year);
  g_clear_pointer (&t->register_id, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

#define TARGET_ENTRIES(t) PAR_CLI_YEAR_ENTRIES ((t).year)
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
  int rc;

  if (need_register && t->register_id == NULL)
    {
      par_cli_error (_("Give the register with --register ID (see register list)."));
      return 2;
    }
  if ((*a = par_cli_year_find (cli, &t->year, NULL, &rc)) == NULL)
    return rc;
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
                                   "FILE ending in .xlsx, a spreadsheet with typed cells. When a row "
                                   "links an evidence document, a last column “document” holds its "
                                   "number/symbol. register import reads either back."),
                                &argc, &argv))
    return 2;
  if ((rc = find (cli, &t, TRUE, &a, &framework, &reg)) != 0)
    return rc;
  if (output != NULL && par_register_file_is_xlsx (output))
    {
      g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (cli->store, a->id, reg->id, &error);
      g_autoptr(GPtrArray) numbers = rows != NULL ? par_register_document_numbers (cli->store, rows, &error) : NULL;

      if (numbers == NULL || !par_xlsx_register_write_linked (reg, rows, numbers, output, &error))
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
    PAR_CLI_DRY_RUN_ENTRY (dry_run),
    { "append", 'a', 0, G_OPTION_ARG_NONE, &append,
      N_("Add the file’s rows after the rows already kept instead of replacing them"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *display = NULL;
  const ParRegister *reg = NULL;
  guint changed = 0;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register import", IMPORT_SYNOPSIS,
                                N_("Replaces a register’s rows with those of a CSV or XLSX file "
                                   "(the first sheet), or with --append adds them after. The header names the columns by id or label, "
                                   "in any order; cells are read as typed (14/01/2020, 1.234,5, "
                                   "có/không, a choice’s label). A column “document” (or “Văn bản”) "
                                   "links each row to the evidence document with that number/symbol; "
                                   "without it, rows keep their links. Every row is checked first: one "
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
  if ((documents = par_store_list_documents (cli->store, NULL, &error)) == NULL ||
      (rows = par_register_read_file_linked (reg, argv[1], display, documents, &error)) == NULL ||
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

static char *
show_json (const ParRegister     *reg,
           const ParRegisterRows *rows,
           GPtrArray             *numbers)
{
  GString *out = g_string_new ("{\"register\":");

  par_cli_json_string (out, reg->id);
  g_string_append (out, ",\"rows\":[");
  for (guint r = 0; r < par_register_rows_count (rows); r++)
    {
      gint64 document = par_register_rows_get_document (rows, r);

      g_string_append_printf (out, "%s{\"row\":%u,\"cells\":{", r > 0 ? "," : "", r + 1);
      for (guint c = 0; c < reg->columns->len; c++)
        {
          const ParRegisterColumn *column = reg->columns->pdata[c];
          const char *value = par_register_rows_get (rows, r, c);

          g_string_append (out, c > 0 ? "," : "");
          par_cli_json_string (out, column->id);
          g_string_append_c (out, ':');
          if (value == NULL)
            g_string_append (out, "null");
          else
            par_cli_json_string (out, value);
        }
      g_string_append (out, "},\"document\":");
      if (document > 0)
        {
          g_string_append_printf (out, "{\"id\":%" G_GINT64_FORMAT ",\"number\":", document);
          par_cli_json_string (out, numbers->pdata[r]);
          g_string_append_c (out, '}');
        }
      else
        g_string_append (out, "null");
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}

static int
register_show (ParCli  *cli,
               int      argc,
               char   **argv)
{
  g_auto(Target) t = { 0 };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    TARGET_ENTRIES (t), REGISTER_ENTRY (t),
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Write JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  const ParRegister *reg = NULL;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register show", SHOW_SYNOPSIS,
                                N_("Shows a register’s rows, values as stored and numbered as register "
                                   "link counts them, each with the evidence document it links (its "
                                   "number/symbol and id)."),
                                &argc, &argv))
    return 2;
  if ((rc = find (cli, &t, TRUE, &a, &framework, &reg)) != 0)
    return rc;
  if ((rows = par_store_get_register_rows (cli->store, a->id, reg->id, &error)) == NULL ||
      (numbers = par_register_document_numbers (cli->store, rows, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (json)
    {
      g_autofree char *text = show_json (reg, rows, numbers);
      g_print ("%s", text);
      return 0;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s — %s: %u row\n", "%s — %s: %u rows\n",
                        par_register_rows_count (rows)),
           reg->id, reg->label, par_register_rows_count (rows));
  for (guint r = 0; r < par_register_rows_count (rows); r++)
    {
      gint64 document = par_register_rows_get_document (rows, r);

      g_print ("%4u.", r + 1);
      for (guint c = 0; c < reg->columns->len; c++)
        {
          const char *value = par_register_rows_get (rows, r, c);
          g_print ("%s%s", c > 0 ? " | " : " ", value != NULL ? value : "");
        }
      if (document > 0)
        /* TRANSLATORS: after a register row: the evidence document it links, its number and id */
        g_print (_("  → document %s (id %lld)"), (char *) numbers->pdata[r],
                 (long long) document);
      g_print ("\n");
    }
  return 0;
}

/* The document @text names: a number/symbol (exactly, else case and diacritics ignored), or an
 * id when no document has that number. 0 after printing why. */
static gint64
find_document (ParCli     *cli,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = par_store_list_documents (cli->store, NULL, &error);
  g_autofree char *folded = NULL;
  gint64 exact = 0, loose = 0, by_id = 0;
  guint n_exact = 0, n_loose = 0;
  char *end = NULL;
  gint64 id;

  if (documents == NULL)
    {
      par_cli_error ("%s", error->message);
      return 0;
    }
  folded = par_register_fold_header (text);
  id = g_ascii_strtoll (text, &end, 10);
  for (guint i = 0; i < documents->len; i++)
    {
      const ParDocument *document = documents->pdata[i];
      g_autofree char *other = par_register_fold_header (document->number);

      if (g_str_equal (document->number, text))
        exact = document->id, n_exact++;
      else if (g_str_equal (other, folded))
        loose = document->id, n_loose++;
      if (end != NULL && *end == '\0' && end != text && document->id == id)
        by_id = id;
    }
  if (n_exact == 1)
    return exact;
  if (n_exact == 0 && n_loose == 1)
    return loose;
  if (n_exact + n_loose > 1)
    {
      par_cli_error (_("%u evidence documents are numbered “%s”: give the document’s id instead "
                       "(see register show or the app)."), n_exact > 0 ? n_exact : n_loose, text);
      return 0;
    }
  if (by_id > 0)
    return by_id;
  par_cli_error (_("There is no evidence document numbered “%s” (nor with that id)."), text);
  return 0;
}

static int
register_link (ParCli  *cli,
               int      argc,
               char   **argv)
{
  g_auto(Target) t = { 0 };
  gboolean clear = FALSE;
  int row = 0;
  GOptionEntry entries[] = {
    TARGET_ENTRIES (t), REGISTER_ENTRY (t),
    { "row", 0, 0, G_OPTION_ARG_INT, &row, N_("The row, counted from 1 (see register show)"), N_("N") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Unlink the row’s document"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) rows = NULL;
  const ParRegister *reg = NULL;
  gint64 document = 0;
  guint changed = 0;
  int rc;

  if (!par_cli_parse_described (cli, entries, "register link", LINK_SYNOPSIS,
                                N_("Links a register’s row to an evidence document — the plan a task "
                                   "row answers to, the report a “reports sent” row records — named by "
                                   "its number/symbol or its id; --clear unlinks it. Audited."),
                                &argc, &argv))
    return 2;
  if ((clear && argc != 1) || (!clear && argc != 2))
    {
      par_cli_error (_("register link: give one document (its number/symbol or id), or --clear"));
      return 2;
    }
  if (row < 1)
    {
      par_cli_error (_("Give the row with --row N, counted from 1 (see register show)."));
      return 2;
    }
  if ((rc = find (cli, &t, TRUE, &a, &framework, &reg)) != 0)
    return rc;
  if ((rows = par_store_get_register_rows (cli->store, a->id, reg->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if ((guint) row > par_register_rows_count (rows))
    {
      par_cli_error (g_dngettext (GETTEXT_PACKAGE, "Register “%s” has %u row: there is no row %d.",
                                  "Register “%s” has %u rows: there is no row %d.",
                                  par_register_rows_count (rows)),
                     reg->id, par_register_rows_count (rows), row);
      return 1;
    }
  if (!clear && (document = find_document (cli, argv[1])) == 0)
    return 1;
  par_register_rows_set_document (rows, (guint) row - 1, document);
  if (!par_store_set_register_rows (cli->store, a->id, reg->id, rows, FALSE, &changed, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (changed == 0)
    g_print (_("Nothing changed: row %d of %s already links that.\n"), row, reg->id);
  else if (clear)
    g_print (_("Row %d of %s unlinked.\n"), row, reg->id);
  else
    g_print (_("Row %d of %s linked to document %s (id %lld).\n"), row, reg->id,
             argv[1], (long long) document);
  return 0;
}

static const ParCliSubcommand subcommands[] = {
  { "list", LIST_SYNOPSIS, register_list },
  { "show", SHOW_SYNOPSIS, register_show },
  { "link", LINK_SYNOPSIS, register_link },
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
