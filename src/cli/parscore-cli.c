/* parscore-cli.c — Parscore on the command line: batch work, tests and benchmarks. No GTK.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-core.h"
#include "par-csv.h"

typedef struct {
  const char *name;
  const char *synopsis;
  const char *summary;
  int (*run) (ParCli *cli, int argc, char **argv);
} Command;

static int cmd_validate (ParCli *cli, int argc, char **argv);
static int cmd_import_framework (ParCli *cli, int argc, char **argv);
static int cmd_list (ParCli *cli, int argc, char **argv);
static int cmd_score (ParCli *cli, int argc, char **argv);
static int cmd_export_csv (ParCli *cli, int argc, char **argv);
static int cmd_import_csv (ParCli *cli, int argc, char **argv);
static int cmd_verify (ParCli *cli, int argc, char **argv);

static const Command commands[] = {
  { "validate", N_("FILE…"), N_("Check criteria-set files and print a one-line summary of each"),
    cmd_validate },
  { "import-framework", N_("FILE"), N_("Store a criteria set in the database"), cmd_import_framework },
  { "list", "", N_("List units, their assessed years and the stored criteria sets"), cmd_list },
  { "score", N_("--unit U (--year Y | --all-years) [--json]"),
    /* xgettext:no-c-format */
    N_("Score a unit’s year: totals per field, index % and band"), cmd_score },
  { "export-csv", N_("--unit U --year Y [-o FILE]"), N_("Write a year’s entries as CSV"),
    cmd_export_csv },
  { "import-csv", N_("--unit U --year Y FILE"), N_("Read entries from CSV (all rows or none)"),
    cmd_import_csv },
  { "verify", "", N_("Check every stored attachment against its SHA-256"), cmd_verify },
};

/* --- shared helpers -------------------------------------------------------------------------- */

static const char *
synopsis_of (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return commands[i].synopsis;
  g_assert_not_reached ();
}

/* --- validate / import ----------------------------------------------------------------------- */

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

static int
cmd_validate (ParCli  *cli,
              int      argc,
              char   **argv)
{
  int status = 0;

  if (!par_cli_parse (cli, NULL, "validate", synopsis_of ("validate"), &argc, &argv))
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
    }
  return status;
}

static int
cmd_import_framework (ParCli  *cli,
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

/* --- list ------------------------------------------------------------------------------------ */

static int
cmd_list (ParCli  *cli,
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

/* --- score ----------------------------------------------------------------------------------- */

static const char *
band_name (ParResult *result)
{
  const ParBand *band = par_result_get_band (result);
  return band != NULL ? band->name : "—";
}

static char *
percent_text (gint64 index)
{
  return index < 0 ? g_strdup ("—") : par_percent_format (index, '.');
}

/* Pads or cuts @text to @width characters (not bytes: titles are Vietnamese). */
static char *
fit (const char *text,
     glong       width)
{
  glong len = g_utf8_strlen (text, -1);
  g_autofree char *cut = len > width ? g_utf8_substring (text, 0, width - 1) : g_strdup (text);
  GString *s = g_string_new (cut);

  if (len > width)
    g_string_append (s, "…");
  for (glong i = MIN (len, width); i < width; i++)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}

static void
print_score_text (ParUnit       *unit,
                  ParAssessment *a,
                  ParResult     *result)
{
  ParFramework *fw = par_result_get_framework (result);
  GPtrArray *fields = par_framework_get_fields (fw);
  const ParNodeTotal *root = par_result_get_total (result, NULL);
  g_autofree char *total = par_cli_points (root->final_total);
  g_autofree char *amax = par_cli_points (root->applicable_max);
  g_autofree char *pct = percent_text (root->index);
  g_autofree char *ded = par_cli_points (par_result_get_deductions (result));
  g_autofree char *bon = par_cli_points (par_result_get_bonuses (result));

  g_print (_("%s — %d (%s, %s)\n"), unit->name, a->year, par_framework_get_id (fw),
           par_status_to_string (a->status));
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      const ParNodeTotal *t = par_result_get_total (result, field->code);
      g_autofree char *got = par_cli_points (t->final_total);
      g_autofree char *max = par_cli_points (t->applicable_max);
      g_autofree char *p = percent_text (t->index);
      g_autofree char *title = fit (field->title, 56);
      g_print ("  %-3s %s %7s / %6s  %6s %%\n", field->code, title, got, max, p);
    }
  g_print (_("  Deductions −%s, bonuses +%s\n"), ded, bon);
  g_print (_("  Total %s / %s points, index %s %%, band %s (%u of %u items done)\n"), total, amax,
           pct, band_name (result), root->done, root->leaves);
}

typedef struct {
  GString *out;
  guint    count;
} ScoreJson;

static void json_score (ScoreJson *b, ParUnit *unit, ParAssessment *a, ParResult *result);

static int
cmd_score (ParCli  *cli,
           int      argc,
           char   **argv)
{
  g_autofree char *unit_name = NULL;
  int year = 0;
  gboolean all_years = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "all-years", 0, 0, G_OPTION_ARG_NONE, &all_years, N_("Every year of the unit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  ScoreJson b = { g_string_new (NULL), 0 };
  int status = 0;

  if (!par_cli_parse (cli, entries, "score", synopsis_of ("score"), &argc, &argv))
    return 2;
  if (unit_name == NULL || (year == 0 && !all_years))
    {
      par_cli_error (_("score: give --unit and --year (or --all-years)"));
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((unit = par_store_find_unit (cli->store, unit_name, &error)) == NULL ||
      (assessments = par_store_list_assessments (cli->store, unit->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }

  if (json)
    g_string_append (b.out, "[");
  for (guint i = 0; i < assessments->len; i++)
    {
      ParAssessment *a = g_ptr_array_index (assessments, i);
      g_autoptr(ParResult) result = NULL;

      if (!all_years && a->year != year)
        continue;
      result = par_store_score_assessment (cli->store, a->id, &error);
      if (result == NULL)
        {
          par_cli_error ("%s", error->message);
          status = 1;
          break;
        }
      if (json)
        {
          if (b.count++ > 0)
            g_string_append (b.out, ",");
          json_score (&b, unit, a, result);
        }
      else
        print_score_text (unit, a, result);
    }
  if (json)
    {
      g_string_append (b.out, "]\n");
      if (status == 0)
        g_print ("%s", b.out->str);
    }
  if (status == 0 && !all_years && (json ? b.count : 1) == 0)
    {
      par_cli_error (_("%s has no assessment for %d"), unit->name, year);
      status = 1;
    }
  else if (status == 0 && !all_years && !json)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < assessments->len; i++)
        found |= ((ParAssessment *) g_ptr_array_index (assessments, i))->year == year;
      if (!found)
        {
          par_cli_error (_("%s has no assessment for %d"), unit->name, year);
          status = 1;
        }
    }
  g_string_free (b.out, TRUE);
  return status;
}

static void
json_string (GString    *out,
             const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s != NULL ? s : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
json_total (GString            *out,
            const ParNodeTotal *t)
{
  g_autofree char *got = par_cli_points (t->final_total);
  g_autofree char *self = par_cli_points (t->self_total);
  g_autofree char *max = par_cli_points (t->max);
  g_autofree char *amax = par_cli_points (t->applicable_max);
  g_autofree char *idx = t->index >= 0 ? par_percent_format (t->index, '.') : g_strdup ("null");

  g_string_append_printf (out, "\"max\":%s,\"applicable_max\":%s,\"self\":%s,\"score\":%s,"
                          "\"index\":%s,\"done\":%u,\"items\":%u", max, amax, self, got, idx,
                          t->done, t->leaves);
}

static void
json_score (ScoreJson     *b,
            ParUnit       *unit,
            ParAssessment *a,
            ParResult     *result)
{
  ParFramework *fw = par_result_get_framework (result);
  GPtrArray *fields = par_framework_get_fields (fw);
  GPtrArray *leaves = par_framework_get_leaves (fw);
  const ParBand *band = par_result_get_band (result);
  g_autofree char *ded = par_cli_points (par_result_get_deductions (result));
  g_autofree char *bon = par_cli_points (par_result_get_bonuses (result));
  GString *out = b->out;

  g_string_append (out, "{\"unit\":");
  json_string (out, unit->name);
  g_string_append_printf (out, ",\"year\":%d,\"status\":\"%s\",\"framework\":", a->year,
                          par_status_to_string (a->status));
  json_string (out, par_framework_get_id (fw));
  g_string_append (out, ",");
  json_total (out, par_result_get_total (result, NULL));
  g_string_append (out, ",\"band\":");
  if (band != NULL)
    json_string (out, band->name);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"deductions\":%s,\"bonuses\":%s,\"fields\":[", ded, bon);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      g_string_append (out, i > 0 ? ",{\"code\":" : "{\"code\":");
      json_string (out, field->code);
      g_string_append (out, ",\"title\":");
      json_string (out, field->title);
      g_string_append (out, ",");
      json_total (out, par_result_get_total (result, field->code));
      g_string_append (out, "}");
    }
  g_string_append (out, "],\"items\":[");
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      const ParLeafScore *s = par_result_get_leaf (result, leaf->code);
      static const char *states[] = { "not-started", "incomplete", "scored", "not-applicable",
                                      "survey", "invalid" };
      g_autofree char *max = par_cli_points (s->max);
      g_autofree char *self = s->has_self ? par_cli_points (s->self) : g_strdup ("null");
      g_autofree char *fin = s->has_final ? par_cli_points (s->final) : g_strdup ("null");

      g_string_append (out, i > 0 ? ",{\"code\":" : "{\"code\":");
      json_string (out, leaf->code);
      g_string_append_printf (out, ",\"state\":\"%s\",\"max\":%s,\"self\":%s,\"score\":%s,"
                              "\"explanation\":", states[s->state], max, self, fin);
      json_string (out, s->explanation);
      g_string_append (out, "}");
    }
  g_string_append (out, "]}");
}

/* --- CSV ------------------------------------------------------------------------------------- */

static int
cmd_export_csv (ParCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *unit_name = NULL;
  g_autofree char *output = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *csv = NULL;

  if (!par_cli_parse (cli, entries, "export-csv", synopsis_of ("export-csv"), &argc, &argv))
    return 2;
  if ((a = par_cli_find_assessment (cli, unit_name, year, NULL)) == NULL)
    return unit_name == NULL || year == 0 ? 2 : 1;
  if ((csv = par_csv_export (cli->store, a->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (output == NULL)
    {
      fputs (csv, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, csv, -1, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}

static int
cmd_import_csv (ParCli  *cli,
                int      argc,
                char   **argv)
{
  g_autofree char *unit_name = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  gsize len;
  guint changed = 0;

  if (!par_cli_parse (cli, entries, "import-csv", synopsis_of ("import-csv"), &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("import-csv: give one CSV file"));
      return 2;
    }
  if ((a = par_cli_find_assessment (cli, unit_name, year, NULL)) == NULL)
    return unit_name == NULL || year == 0 ? 2 : 1;
  display = g_filename_display_name (argv[1]);
  if (!g_file_get_contents (argv[1], &contents, &len, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (!par_csv_import (cli->store, a->id, contents, len, display, &changed, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u entry changed\n", "%u entries changed\n", changed),
           changed);
  return 0;
}

/* --- verify ---------------------------------------------------------------------------------- */

static int
cmd_verify (ParCli  *cli,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  guint checked;

  if (!par_cli_parse (cli, NULL, "verify", "", &argc, &argv) || par_cli_open_store (cli) == NULL)
    return 2;
  checked = par_store_verify_attachments (cli->store, &bad, NULL, &error);
  if (error != NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; bad != NULL && i < bad->len; i++)
    {
      ParAttachment *att = g_ptr_array_index (bad, i);
      g_autofree char *path = par_store_attachment_path (cli->store, att);
      g_printerr (_("%s: attachment “%s” (document #%" PRId64 ") is missing or does not "
                    "match its SHA-256 %s\n"), path, att->original_name, att->document_id,
                  att->sha256);
    }
  g_print (_("%u attachments checked, %u bad\n"), checked, bad != NULL ? bad->len : 0);
  return bad != NULL && bad->len > 0 ? 1 : 0;
}

/* --- main ------------------------------------------------------------------------------------ */

static void
usage (FILE *to)
{
  fprintf (to, "%s\n", _("Usage: parscore-cli [--db PATH] COMMAND [OPTIONS…]"));
  fprintf (to, "\n%s\n", _("Parscore scores administrative reform (the PAR Index) from the command line."));
  fprintf (to, "\n%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (to, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  for (guint i = 0; i < par_cli_extra_commands_len; i++)
    fprintf (to, "  %-18s %s\n", par_cli_extra_commands[i].name, _(par_cli_extra_commands[i].summary));
  fprintf (to, "\n%s\n", _("Options:"));
  fprintf (to, "  --db PATH          %s\n", _("Database file (default: ~/.local/share/parscore/parscore.db)"));
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

  setlocale (LC_ALL, "");
  /* Usage lines read "parscore-cli [OPTION…] score …", not the command's name twice. */
  g_set_prgname ("parscore-cli");
  par_core_init_i18n ();

  for (; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        cli.db_path = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--db="))
        cli.db_path = g_strdup (argv[i] + 5);
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
    cli.db_path = g_strdup (g_getenv ("PARSCORE_DB"));
  if (cli.db_path == NULL)
    cli.db_path = par_store_default_path ();

  status = -1;
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      status = commands[c].run (&cli, argc - i, argv + i);
  for (guint c = 0; status == -1 && c < par_cli_extra_commands_len; c++)
    if (g_str_equal (argv[i], par_cli_extra_commands[c].name))
      status = par_cli_extra_commands[c].run (&cli, argc - i, argv + i);
  if (status == -1)
    {
      par_cli_error (_("unknown command “%s”"), argv[i]);
      usage (stderr);
      status = 2;
    }
  g_clear_object (&cli.store);
  g_free (cli.db_path);
  return status;
}
