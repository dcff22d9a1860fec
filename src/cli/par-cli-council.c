/* par-cli-council.c — parscore-cli rank: the province's ranking of units for a year.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

/* "self", "appraised" or "final". */
static gboolean
column_from_string (const char     *text,
                    ParScoreColumn *column)
{
  if (g_str_equal (text, "self"))
    *column = PAR_COLUMN_SELF;
  else if (g_str_equal (text, "appraised"))
    *column = PAR_COLUMN_APPRAISED;
  else if (g_str_equal (text, "final"))
    *column = PAR_COLUMN_FINAL;
  else
    return FALSE;
  return TRUE;
}

static void
print_text (const ParRanking *ranking)
{
  g_autofree char *unit = par_cli_fit (_("Unit"), 44);

  /* TRANSLATORS: "Ranking 2024 — Final"; the column's label (Self-assessed, Appraised, Final) */
  g_print (_("Ranking %d — %s\n"), ranking->year, par_score_column_label (ranking->column));
  g_autofree char *band = par_cli_fit (_("Band"), 12);

  g_print ("%5s  %s %8s %8s %8s  %s %s\n", _("Rank"), unit, _("Points"), _("Max"),
           _("Index %"), band, _("Change"));
  for (guint i = 0; i < ranking->n_ranked; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      g_autofree char *name = par_cli_fit (row->unit_name, 44);
      g_autofree char *points = par_cli_points (row->points);
      g_autofree char *max = par_cli_points (row->max);
      g_autofree char *index = par_format_percent_sep (row->index, 2, '.', PAR_FORMAT_PLAIN);
      int places = 0;
      gboolean known = par_rank_row_change (row, &places);
      g_autofree char *change = par_format_rank_change (known, places);
      g_autofree char *rank = par_format_rank (row->rank, row->tied);
      g_autofree char *band_name = par_cli_fit (row->band != NULL ? row->band->name : "—", 12);

      g_print ("%5s  %s %8s %8s %8s  %s %s\n", rank, name, points, max, index, band_name,
               change);
    }
  for (guint i = ranking->n_ranked; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);

      if (row->state == PAR_RANK_NOT_APPRAISED)
        /* TRANSLATORS: a unit left out of the ranking; %s is its name */
        g_print (_("  not appraised: %s\n"), row->unit_name);
      else
        /* TRANSLATORS: a unit left out of the ranking; %s is its name */
        g_print (_("  no result: %s\n"), row->unit_name);
    }
  if (ranking->previous_year > 0)
    /* TRANSLATORS: %d is the year the change in rank is counted from */
    g_print (_("Change: places gained (▲) or lost (▼) since %d; = unchanged, — not ranked "
               "then.\n"), ranking->previous_year);
}

static char *
ranking_json (const ParRanking *ranking)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"year\":%d,\"column\":\"%s\",\"previous_year\":", ranking->year,
                          ranking->column == PAR_COLUMN_SELF ? "self"
                          : ranking->column == PAR_COLUMN_APPRAISED ? "appraised" : "final");
  if (ranking->previous_year > 0)
    g_string_append_printf (out, "%d", ranking->previous_year);
  else
    g_string_append (out, "null");
  g_string_append (out, ",\"units\":[");
  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      static const char *states[] = { "ranked", "not-appraised", "no-result" };
      int change;

      g_string_append (out, i > 0 ? ",{\"unit\":" : "{\"unit\":");
      par_cli_json_string (out, row->unit_name);
      g_string_append_printf (out, ",\"level\":\"%s\",\"state\":\"%s\",\"criteria_set\":",
                              par_level_to_string (row->level), states[row->state]);
      if (row->result != NULL)
        par_cli_json_string (out, par_framework_get_id (par_result_get_framework (row->result)));
      else
        g_string_append (out, "null");
      if (row->state == PAR_RANK_RANKED)
        {
          g_autofree char *points = par_cli_points (row->points);
          g_autofree char *max = par_cli_points (row->max);
          g_autofree char *index = par_format_percent_sep (row->index, 2, '.', PAR_FORMAT_PLAIN);

          g_string_append_printf (out, ",\"rank\":%u,\"tied\":%s,\"points\":%s,\"max\":%s,"
                                  "\"index\":%s,\"band\":", row->rank,
                                  row->tied ? "true" : "false", points, max, index);
          if (row->band != NULL)
            par_cli_json_string (out, row->band->name);
          else
            g_string_append (out, "null");
        }
      else
        g_string_append (out, ",\"rank\":null,\"tied\":false,\"points\":null,\"max\":null,"
                              "\"index\":null,\"band\":null");
      if (row->previous_rank > 0)
        g_string_append_printf (out, ",\"previous_rank\":%u", row->previous_rank);
      else
        g_string_append (out, ",\"previous_rank\":null");
      if (par_rank_row_change (row, &change))
        g_string_append_printf (out, ",\"change\":%d}", change);
      else
        g_string_append (out, ",\"change\":null}");
    }
  g_string_append (out, "]}\n");
  return g_string_free (out, FALSE);
}

int
par_cli_cmd_rank (ParCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autofree char *set_id = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *column_name = NULL;
  g_autofree char *output = NULL;
  gboolean json = FALSE, csv = FALSE, xlsx = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year to rank"), N_("Y") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_id,
      N_("Only years scored with this criteria set (its id)"), N_("ID") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_name,
      N_("Only units of this level: department, district or commune"), N_("L") },
    { "column", 'c', 0, G_OPTION_ARG_STRING, &column_name,
      N_("Rank these scores: self, appraised or final (default)"), N_("COLUMN") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Write CSV"), NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_NONE, &xlsx, N_("Write a spreadsheet (XLSX); needs -o"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of the terminal"),
      N_("FILE") },
    { NULL }
  };
  ParRankFilter filter = { 0, NULL, 0, PAR_COLUMN_FINAL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) ranking = NULL;
  g_autofree char *text = NULL;

  if (!par_cli_parse_described (cli, entries, "rank", par_cli_synopsis ("rank"),
                                /* xgettext:no-c-format */
                                N_("Units ranked by index % (achieved ÷ applicable maximum); units "
                                   "with the same index share a rank and the next rank skips. "
                                   "Bands come from each unit's criteria set; the change is "
                                   "from the year before, where the unit was ranked then."),
                                &argc, &argv))
    return 2;
  if (year <= 0)
    {
      par_cli_error (_("rank: give the year: --year YYYY"));
      return 2;
    }
  if ((json ? 1 : 0) + (csv ? 1 : 0) + (xlsx ? 1 : 0) > 1)
    {
      par_cli_error (_("rank: give one of --json, --csv and --xlsx"));
      return 2;
    }
  if (xlsx && output == NULL)
    {
      par_cli_error (_("rank: --xlsx writes a file: give it with -o FILE.xlsx"));
      return 2;
    }
  if (level_name != NULL && !par_level_from_string (level_name, &filter.levels))
    {
      par_cli_error (_("rank: --level must be department, district or commune, not “%s”"),
                     level_name);
      return 2;
    }
  if (column_name != NULL && !column_from_string (column_name, &filter.column))
    {
      par_cli_error (_("rank: --column must be self, appraised or final, not “%s”"), column_name);
      return 2;
    }
  filter.year = year;
  filter.set_id = set_id;
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((ranking = par_store_rank (cli->store, &filter, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (ranking->rows->len == 0)
    {
      par_cli_error (_("rank: no unit to rank for %d with these filters"), year);
      return 1;
    }

  if (xlsx)
    {
      if (!par_ranking_write_xlsx (ranking, output, &error))
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      return 0;
    }
  if (json)
    text = ranking_json (ranking);
  else if (csv)
    text = par_ranking_to_csv (ranking);
  if (text == NULL)
    {
      if (output != NULL)
        {
          par_cli_error (_("rank: -o writes --json, --csv or --xlsx; the table is printed"));
          return 2;
        }
      print_text (ranking);
      return 0;
    }
  return par_cli_write_output (text, NULL, output);
}

/* --- packages ---------------------------------------------------------------------------------- */

int
par_cli_write_package (ParCli         *cli,
                       gint64          assessment_id,
                       ParPackageKind  kind,
                       const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autofree char *shown = g_filename_display_name (path);

  if (!par_package_write (cli->store, assessment_id, kind, 0, path, &error) ||
      (package = par_package_open (path, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  /* TRANSLATORS: a file name, then the first characters of its seal (a SHA-256) */
  g_print (_("Sealed package written to %s (seal %.16s…)\n"), shown,
           par_package_get_info (package)->seal);
  return 0;
}

static void
print_package (const ParPackageInfo *info)
{
  g_autofree char *size = g_format_size (info->files_size);
  g_autofree char *when = par_format_date_dmy (info->created_at);

  /* TRANSLATORS: "submission package: 2024 of “Sở Nội vụ” (department), submitted" */
  g_print (_("%s package: %d of “%s” (%s), %s\n"), par_package_kind_label (info->kind),
           info->year, info->unit_name, par_level_to_string (info->level),
           par_status_to_string (info->status));
  g_print (_("  criteria set %s (sha256 %.12s…)\n"), info->set_id, info->set_sha256);
  g_print (_("  %u entries, %u documents, %u files (%s)\n"), info->n_entries, info->n_documents,
           info->n_files, size);
  if (info->n_figure_values > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u figure value\n", "  %u figure values\n",
                          info->n_figure_values), info->n_figure_values);
  if (info->n_register_rows > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "  %u register row\n", "  %u register rows\n",
                          info->n_register_rows), info->n_register_rows);
  if (info->reply_deadline != NULL)
    {
      g_autofree char *due = par_format_date_dmy (info->reply_deadline);

      /* TRANSLATORS: an appraisal package's reply deadline, dd/mm/yyyy */
      g_print (_("  replies due by %s (round %d)\n"), due, info->round);
    }
  g_print (_("  format %s\n"), info->format);
  g_print (_("  sealed on %s by %s\n"), when != NULL ? when : info->created_at,
           info->created_by != NULL ? info->created_by : "—");
  g_print (_("  seal %s\n  year's seal %s\n"), info->seal, info->year_seal);
}

static int
package_export (ParCli  *cli,
                int      argc,
                char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *output = NULL;
  g_autofree char *kind_name = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("submission (default), appraisal or reply"), N_("KIND") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The package file to write"),
      N_("FILE.parscore") },
    { NULL }
  };
  g_autoptr(ParAssessment) a = NULL;
  ParPackageKind kind = PAR_PACKAGE_SUBMISSION;
  int rc;

  if (!par_cli_parse (cli, entries, "package export",
                      N_("--unit U --year Y -o FILE.parscore [--kind submission|appraisal|reply]"),
                      &argc, &argv))
    return 2;
  if (output == NULL)
    {
      par_cli_error (_("package export: give the file to write: -o FILE.parscore"));
      return 2;
    }
  if (kind_name != NULL && !par_package_kind_from_string (kind_name, &kind))
    {
      par_cli_error (_("package export: --kind must be submission, appraisal or reply, not “%s”"),
                     kind_name);
      return 2;
    }
  if ((a = par_cli_year_find (cli, &y, NULL, &rc)) == NULL)
    return rc;
  return par_cli_write_package (cli, a->id, kind, output);
}

static int
package_show (ParCli  *cli,
              int      argc,
              char   **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;

  if (!par_cli_parse (cli, entries, "package show", N_("FILE.parscore"), &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("package show: give one package file"));
      return 2;
    }
  if ((package = par_package_open (argv[1], &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  print_package (par_package_get_info (package));
  g_print (_("  every check passed: format, contents, files, seals\n"));
  return 0;
}

static int
package_import (ParCli  *cli,
                int      argc,
                char   **argv)
{
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Replace the year held already with the package's (after listing what changes)"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  const ParPackageInfo *info;
  gint64 held = 0, id;

  if (!par_cli_parse_described (cli, entries, "package import", N_("[--yes] FILE.parscore"),
                                N_("Checks the whole package first — its format, that it reads "
                                   "whole, every file against its SHA-256, the year against its "
                                   "seal — and imports nothing when a check fails. A later "
                                   "package for a year held already lists what it changes; "
                                   "--yes replaces the year."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("package import: give one package file"));
      return 2;
    }
  if ((package = par_package_open (argv[1], &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  info = par_package_get_info (package);
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((changes = par_package_compare (cli->store, package, &held, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (held > 0)
    {
      if (changes->len == 0)
        g_print (_("%d of “%s” is here already and the package holds the same year.\n"),
                 info->year, info->unit_name);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "The package changes %u thing in %d of “%s”:\n",
                              "The package changes %u things in %d of “%s”:\n", changes->len),
                 changes->len, info->year, info->unit_name);
      for (guint i = 0; i < changes->len; i++)
        g_print ("  %s\n", ((ParSealChange *) changes->pdata[i])->description);
      /* An appraisal brings the council's scores onto the unit's own year: nothing of the
       * unit's is replaced. */
      if (!yes && info->kind != PAR_PACKAGE_APPRAISAL)
        {
          par_cli_error (_("package import: %d of “%s” is held already; run again with --yes to "
                           "replace it. Nothing was imported."), info->year, info->unit_name);
          return 1;
        }
    }
  if ((id = par_package_import (cli->store, package,
                                held > 0 ? PAR_PACKAGE_IMPORT_REPLACE : PAR_PACKAGE_IMPORT_DEFAULT,
                                &error)) == 0)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (info->kind == PAR_PACKAGE_APPRAISAL)
    g_print (_("The council's appraisal of %d of “%s” imported (seal %.16s…)\n"), info->year,
             info->unit_name, info->seal);
  else
    g_print (held > 0 ? _("%d of “%s” replaced from the package (%s, seal %.16s…)\n")
                      : _("%d of “%s” imported from the package (%s, seal %.16s…)\n"),
             info->year, info->unit_name, par_status_to_string (info->status), info->seal);
  return 0;
}

int
par_cli_cmd_package (ParCli  *cli,
                     int      argc,
                     char   **argv)
{
  static const ParCliSubcommand subcommands[] = {
    { "export", N_("--unit U --year Y -o FILE.parscore"), package_export },
    { "show", N_("FILE.parscore"), package_show },
    { "import", N_("[--yes] FILE.parscore"), package_import },
  };

  return par_cli_dispatch (cli, "package", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

/* --- appraisal rounds ---------------------------------------------------------------------------- */

static int
round_new (ParCli  *cli,
           int      argc,
           char   **argv)
{
  g_autofree char *set_id = NULL;
  g_autofree char *level_name = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *reply_deadline = NULL;
  int year = 0;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &set_id, N_("The criteria set's id"), N_("ID") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_name,
      N_("department (default), district or commune"), N_("L") },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline,
      N_("The last day a submission is on time"), N_("YYYY-MM-DD") },
    { "reply-deadline", 0, 0, G_OPTION_ARG_STRING, &reply_deadline,
      N_("The last day a reply is on time"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  ParLevel level = PAR_LEVEL_DEPARTMENT;
  gint64 id;

  if (!par_cli_parse (cli, entries, "round new",
                      N_("--set ID --year Y [--level L] [--deadline D] [--reply-deadline D]"),
                      &argc, &argv))
    return 2;
  if (set_id == NULL || year <= 0)
    {
      par_cli_error (_("round new: give the criteria set and the year: --set ID --year Y"));
      return 2;
    }
  if (level_name != NULL && !par_level_from_string (level_name, &level))
    {
      par_cli_error (_("round new: --level must be department, district or commune, not “%s”"),
                     level_name);
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  if ((id = par_store_create_round (cli->store, set_id, year, level, deadline, reply_deadline,
                                    &error)) == 0)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Round %" PRId64 " started: %d, %s, %s\n"), id, year, set_id,
           par_level_to_string (level));
  return 0;
}

static int
round_show (ParCli  *cli,
            int      argc,
            char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  int status;
  g_autoptr(GPtrArray) units = NULL;

  if ((round = par_cli_round_from_args (cli, NULL, "round show", N_("[--round N]"), &argc, &argv,
                                       &status)) == NULL)
    return status;
  if ((units = par_store_round_units (cli->store, round->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Round %" PRId64 ": %d, %s, %s — %s\n"), round->id, round->year,
           round->set_id, par_level_to_string (round->level), par_round_stage_label (round->stage));
  if (round->submission_deadline != NULL || round->reply_deadline != NULL)
    {
      g_autofree char *d1 = par_format_date_dmy (round->submission_deadline);
      g_autofree char *d2 = par_format_date_dmy (round->reply_deadline);

      g_print (_("  deadlines: submissions %s, replies %s\n"), d1 != NULL ? d1 : "—",
               d2 != NULL ? d2 : "—");
    }
  for (guint i = 0; i < units->len; i++)
    {
      ParRoundUnit *unit = g_ptr_array_index (units, i);
      g_autofree char *name = par_cli_fit (unit->unit_name, 44);
      g_autoptr(GString) marks = g_string_new (NULL);

      if (unit->late)
        g_string_append (marks, _(", submitted late"));
      if (unit->reply_late)
        g_string_append (marks, _(", replied late"));
      if (unit->n_replies > 0)
        g_string_append_printf (marks, g_dngettext (GETTEXT_PACKAGE, ", %u reply",
                                                    ", %u replies", unit->n_replies),
                                unit->n_replies);
      g_print ("  %s %s%s\n", name, par_round_unit_state_label (unit->state), marks->str);
    }
  return 0;
}

static int
round_receive (ParCli  *cli,
               int      argc,
               char   **argv)
{
  gint64 round_id = 0;
  gboolean yes = FALSE;
  g_autofree char *received_on = NULL;
  GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("A later submission replaces the year received before"), NULL },
    { "received-on", 0, 0, G_OPTION_ARG_STRING, &received_on,
      N_("The day the packages came in (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  g_autoptr(ParRound) round = NULL;
  int status = 0;

  if (!par_cli_parse_round (cli, entries, &round_id, "round receive", N_("[--round N] FILE.parscore…"),
                            N_("Checks each package whole, keeps it with the round (late ones "
                               "are marked, never lost), then imports a submission while round "
                               "1 is open, or a reply's answers while round 2 is."),
                            &argc, &argv))
    return 2;
  if (argc < 2)
    {
      par_cli_error (_("round receive: give the package files"));
      return 2;
    }
  if ((round = par_cli_find_round (cli, round_id)) == NULL)
    return 1;
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ParPackage) package = par_package_open (argv[i], &error);
      gboolean late = FALSE;
      gint64 held = 0;

      if (package != NULL && !yes)
        {
          g_autoptr(GPtrArray) changes = par_package_compare (cli->store, package, &held, &error);

          if (changes == NULL)
            g_clear_pointer (&package, par_package_free);
          else if (held > 0 && par_package_get_info (package)->kind == PAR_PACKAGE_SUBMISSION)
            {
              for (guint c = 0; c < changes->len; c++)
                g_print ("  %s\n", ((ParSealChange *) changes->pdata[c])->description);
              par_cli_error (_("%s: %d of “%s” is here already; run again with --yes to "
                               "replace it. Nothing was imported."), argv[i],
                             par_package_get_info (package)->year,
                             par_package_get_info (package)->unit_name);
              status = 1;
              continue;
            }
        }
      if (package == NULL ||
          par_package_receive (cli->store, round->id, package,
                               yes ? PAR_PACKAGE_IMPORT_REPLACE : PAR_PACKAGE_IMPORT_DEFAULT,
                               received_on, &late, &error) == 0)
        {
          par_cli_error ("%s", error->message);
          status = 1;
          continue;
        }
      /* TRANSLATORS: "reply of “Sở Nội vụ” received (late)" */
      g_print (late ? _("%s of “%s” received (late)\n") : _("%s of “%s” received\n"),
               par_package_kind_label (par_package_get_info (package)->kind),
               par_package_get_info (package)->unit_name);
    }
  return status;
}

static int
round_score (ParCli  *cli,
             int      argc,
             char   **argv)
{
  gint64 round_id = 0;
  g_autofree char *unit_name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *appraised = NULL;
  g_autofree char *comment = NULL;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The sub-criterion"), N_("CODE") },
    { "appraised", 0, 0, G_OPTION_ARG_STRING, &appraised, N_("The appraised score"), N_("POINTS") },
    { "comment", 0, 0, G_OPTION_ARG_STRING, &comment, N_("The council's comment"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autoptr(ParEntry) entry = NULL;

  if (!par_cli_parse_round (cli, entries, &round_id, "round score",
                            N_("--unit U --code CODE [--appraised POINTS] [--comment TEXT]"), NULL,
                            &argc, &argv))
    return 2;
  if (code == NULL || (appraised == NULL && comment == NULL))
    {
      par_cli_error (_("round score: give --code and --appraised or --comment"));
      return 2;
    }
  if ((round = par_cli_find_round (cli, round_id)) == NULL ||
      (a = par_cli_find_assessment (cli, unit_name, round->year, NULL)) == NULL)
    return 1;
  if ((entry = par_store_get_entry (cli->store, a->id, code, &error)) == NULL)
    {
      if (error != NULL)
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      entry = par_entry_new (code);
    }
  if (appraised != NULL && !(entry->has_appraised = par_points_parse (appraised, &entry->appraised, NULL)))
    {
      par_cli_error (_("round score: “%s” is not a number of points"), appraised);
      return 2;
    }
  if (comment != NULL)
    {
      g_free (entry->comment);
      entry->comment = g_strdup (comment);
    }
  if (!par_store_round_score (cli->store, round->id, a->id, entry, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  return 0;
}

static int
round_close (ParCli  *cli,
             int      argc,
             char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  int status;
  g_autoptr(ParRound) after = NULL;

  if ((round = par_cli_round_from_args (cli, NULL, "round close", N_("[--round N]"), &argc, &argv,
                                       &status)) == NULL)
    return status;
  if (!par_store_close_round (cli->store, round->id, &error) ||
      (after = par_store_get_round (cli->store, round->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  g_print (_("Round %" PRId64 ": %s\n"), round->id, par_round_stage_label (after->stage));
  return 0;
}

static int
round_return (ParCli  *cli,
              int      argc,
              char   **argv)
{
  gint64 round_id = 0;
  g_autofree char *unit_name = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The appraisal package to write"),
      N_("FILE.parscore") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(ParAssessment) a = NULL;
  g_autofree char *shown = NULL;

  if (!par_cli_parse_round (cli, entries, &round_id, "round return", N_("--unit U -o FILE.parscore"),
                            NULL, &argc, &argv))
    return 2;
  if (output == NULL)
    {
      par_cli_error (_("round return: give the file to write: -o FILE.parscore"));
      return 2;
    }
  if ((round = par_cli_find_round (cli, round_id)) == NULL ||
      (a = par_cli_find_assessment (cli, unit_name, round->year, NULL)) == NULL)
    return 1;
  if (round->stage == PAR_ROUND_STAGE_APPRAISAL)
    {
      par_cli_error (_("round return: close round 1 first; its scores go back to the units"));
      return 1;
    }
  if (!par_package_write (cli->store, a->id, PAR_PACKAGE_APPRAISAL, (int) round->stage - 1,
                          output, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  shown = g_filename_display_name (output);
  g_print (_("Appraisal package written to %s\n"), shown);
  return 0;
}

/* The report draws (cairo, Pango, the PDF writer): it runs in parscore-cli-render. */
static int
round_report (ParCli  *cli,
              int      argc,
              char   **argv)
{
  g_autofree char **args = g_new0 (char *, argc + 1);

  memcpy (args, argv, argc * sizeof (char *));
  args[0] = (char *) "round-report";
  return par_cli_exec_render (cli, argc, args);
}

/* The replies of the round's units, each with the evidence the unit added to it (files with
 * their size and SHA-256), next to the council's score. */
static int
round_replies (ParCli  *cli,
               int      argc,
               char   **argv)
{
  g_autofree char *unit_name = NULL;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Only this unit"), N_("U") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(GPtrArray) units = NULL;
  guint shown = 0;
  int status;

  if ((round = par_cli_round_from_args (cli, entries, "round replies",
                                       N_("[--round N] [--unit U]"), &argc, &argv,
                                       &status)) == NULL)
    return status;
  if ((units = par_store_round_units (cli->store, round->id, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; i < units->len; i++)
    {
      ParRoundUnit *unit = g_ptr_array_index (units, i);
      g_autoptr(GPtrArray) replies = NULL;
      g_autoptr(GPtrArray) evidence = NULL;

      if (unit->assessment_id == 0 || (unit_name != NULL && !g_str_equal (unit_name, unit->unit_name)))
        continue;
      if ((replies = par_store_list_replies (cli->store, unit->assessment_id, &error)) == NULL ||
          (evidence = par_store_list_reply_evidence (cli->store, unit->assessment_id, NULL,
                                                     &error)) == NULL)
        {
          par_cli_error ("%s", error->message);
          return 1;
        }
      if (replies->len == 0)
        continue;
      shown++;
      g_print ("%s\n", unit->unit_name);
      for (guint r = 0; r < replies->len; r++)
        {
          ParReply *reply = g_ptr_array_index (replies, r);
          g_autoptr(ParEntry) entry = par_store_get_entry (cli->store, unit->assessment_id,
                                                           reply->code, NULL);
          g_autofree char *appraised = entry != NULL && entry->has_appraised
                                       ? par_format_points_sep (entry->appraised, '.') : NULL;

          /* TRANSLATORS: "  1.4.2 (appraised 0.50): the unit's reply" */
          g_print (_("  %s (appraised %s): %s\n"), reply->code, appraised != NULL ? appraised : "—",
                   reply->text);
          for (guint e = 0; e < evidence->len; e++)
            {
              ParEvidenceLink *link = g_ptr_array_index (evidence, e);
              g_autoptr(ParDocument) document = NULL;
              g_autoptr(GPtrArray) files = NULL;

              if (!g_str_equal (link->code, reply->code) ||
                  (document = par_store_get_document (cli->store, link->document_id, &error)) == NULL ||
                  (files = par_store_list_attachments (cli->store, link->document_id, &error)) == NULL)
                {
                  if (error != NULL)
                    {
                      par_cli_error ("%s", error->message);
                      return 1;
                    }
                  continue;
                }
              /* TRANSLATORS: evidence added with the reply: kind, number, summary */
              g_print (_("    evidence added: %s %s%s%s\n"), document->kind, document->number,
                       document->summary != NULL ? " — " : "",
                       document->summary != NULL ? document->summary : "");
              for (guint f = 0; f < files->len; f++)
                {
                  ParAttachment *file = g_ptr_array_index (files, f);

                  /* TRANSLATORS: a file: its name, size in bytes, SHA-256 */
                  g_print (_("      file “%s”, %" PRId64 " bytes, SHA-256 %s\n"),
                           file->original_name, file->size, file->sha256);
                }
            }
        }
    }
  if (shown == 0)
    g_print (_("No replies yet.\n"));
  return 0;
}

int
par_cli_cmd_round (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  static const ParCliSubcommand subcommands[] = {
    { "new", N_("--set ID --year Y [--level L] [--deadline D] [--reply-deadline D]"), round_new },
    { "show", N_("[--round N]"), round_show },
    { "receive", N_("[--round N] [--yes] [--received-on D] FILE.parscore…"), round_receive },
    { "score", N_("--unit U --code CODE [--appraised POINTS] [--comment TEXT]"), round_score },
    { "close", N_("[--round N]"), round_close },
    { "return", N_("--unit U -o FILE.parscore"), round_return },
    { "report", N_("[--round N] [--xlsx] -o FILE"), round_report },
    { "replies", N_("[--round N] [--unit U]"), round_replies },
  };

  return par_cli_dispatch (cli, "round", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

/* The unit's reply to the council's appraisal of one sub-criterion, with the evidence it adds. */
int
par_cli_cmd_reply (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_auto(ParCliYear) y = { 0 };
  g_autofree char *code = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *date = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *section = NULL;
  g_autofree char *pages = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    PAR_CLI_YEAR_ENTRIES (y),
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The disputed sub-criterion"), N_("CODE") },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The reply"), N_("TEXT") },
    { "document", 0, 0, G_OPTION_ARG_STRING, &number,
      N_("Add an evidence document to the reply: its number/symbol"), N_("NUMBER") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The document's kind (KH, BC, QĐ…)"),
      N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Its date of issue"), N_("YYYY-MM-DD") },
    { "issuer", 0, 0, G_OPTION_ARG_STRING, &issuer, N_("Who issued it"), N_("I") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &summary, N_("Its summary (trích yếu)"), N_("S") },
    { "section", 0, 0, G_OPTION_ARG_STRING, &section, N_("The section that applies"), N_("S") },
    { "pages", 0, 0, G_OPTION_ARG_STRING, &pages, N_("The pages that apply"), N_("P") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files,
      N_("A file of the document (again for more)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) a = NULL;
  int rc;

  if (!par_cli_parse (cli, entries, "reply", par_cli_synopsis ("reply"), &argc, &argv))
    return 2;
  if (code == NULL || text == NULL)
    {
      par_cli_error (_("reply: give --code and --text"));
      return 2;
    }
  if (number == NULL && (kind != NULL || files != NULL || date != NULL || issuer != NULL ||
                         summary != NULL || section != NULL || pages != NULL))
    {
      par_cli_error (_("reply: --kind, --file and the other document options describe a document: "
                       "give its number with --document"));
      return 2;
    }
  if (number != NULL && kind == NULL)
    {
      par_cli_error (_("reply: give the document's --kind (KH, BC, QĐ…)"));
      return 2;
    }
  if ((a = par_cli_year_find (cli, &y, NULL, &rc)) == NULL)
    return rc;
  if (!par_store_save_reply (cli->store, a->id, code, text, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (number != NULL)
    {
      ParDocument document = { 0, .kind = kind, .number = number, .issue_date = date,
                               .issuer = issuer, .summary = summary };

      if (par_store_add_reply_document (cli->store, a->id, code, &document,
                                        (const char * const *) files, section, pages,
                                        &error) <= 0)
        {
          /* TRANSLATORS: the reply was saved, the document could not be added to it */
          par_cli_error (_("reply: the reply to %s is saved, but its document is not: %s"), code,
                         error->message);
          return 1;
        }
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "Reply to %s saved, with document %s and %u file\n",
                            "Reply to %s saved, with document %s and %u files\n",
                            files != NULL ? g_strv_length (files) : 0),
               code, number, files != NULL ? g_strv_length (files) : 0);
    }
  return 0;
}
