/* par-cli-common.c — what every parscore-cli command shares (also linked into the pack helper).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/stat.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <stdio.h>

#include "par-cli.h"
#include "par-text.h"

/* Everything parscore-cli prints through g_print() and g_printerr() — names, titles, file
 * names, the core's messages quoting them — reaches a terminal: a right-to-left override or
 * an escape sequence in a unit's name must show as "[U+202E]", never act. Line breaks and
 * tabs stay. Data written as data (CSV, a file) does not go through here; JSON escapes. */
static void
print_safe (const char *text,
            FILE       *to)
{
  g_autofree char *safe = par_text_neutralise (text, -1, PAR_TEXT_MULTI_LINE);

  fputs (safe, to);
}

static void
print_stdout (const char *text)
{
  print_safe (text, stdout);
}

static void
print_stderr (const char *text)
{
  print_safe (text, stderr);
}

void
par_cli_init_output (void)
{
  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);
}

void
par_cli_error (const char *format,
               ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("parscore-cli: %s\n", msg);
}

int
par_cli_write_output (const char   *text,
                      const GError *error,
                      const char   *output)
{
  g_autoptr(GError) write_error = NULL;

  if (text == NULL)
    {
      par_cli_error ("%s", error != NULL ? error->message : "?");
      return 1;
    }
  if (output == NULL)
    {
      fputs (text, stdout);
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &write_error))
    {
      par_cli_error ("%s", write_error->message);
      return 1;
    }
  return 0;
}

ParStore *
par_cli_open_store (ParCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;
  cli->store = par_store_open_full (cli->db_path,
                                    cli->create ? PAR_STORE_OPEN_CREATE : PAR_STORE_OPEN_DEFAULT,
                                    &error);
  if (cli->store == NULL)
    {
      GStatBuf st;

      par_cli_error ("%s", error->message);
      /* An empty file is refused, not silently made a database: say how to make one. */
      if (!cli->create && g_stat (cli->db_path, &st) == 0 && S_ISREG (st.st_mode) &&
          st.st_size == 0)
        g_printerr (_("Use --create to make a new database in it.\n"));
    }
  else
    par_store_set_actor (cli->store, cli->actor);
  return cli->store;
}

gboolean
par_cli_parse (ParCli        *cli,
               GOptionEntry  *entries,
               const char    *command,
               const char    *synopsis,
               int           *argc,
               char        ***argv)
{
  return par_cli_parse_described (cli, entries, command, synopsis, NULL, argc, argv);
}

gboolean
par_cli_parse_described (ParCli        *cli,
                          GOptionEntry  *entries,
                          const char    *command,
                          const char    *synopsis,
                          const char    *description,
                          int           *argc,
                          char        ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  /* An empty msgid would translate to the catalog's header. */
  g_autofree char *param = g_strdup_printf ("%s %s", command,
                                            synopsis != NULL && synopsis[0] != '\0' ? _(synopsis) : "");

  context = g_option_context_new (param);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (description != NULL)
    g_option_context_set_description (context, _(description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      par_cli_error ("%s: %s", command, error->message);
      g_printerr (_("Try “parscore-cli %s --help”.\n"), command);
      return FALSE;
    }
  return TRUE;
}

int
par_cli_dispatch (ParCli                 *cli,
                  const char             *command,
                  const ParCliSubcommand *subcommands,
                  guint                   n,
                  int                     argc,
                  char                  **argv)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (argc >= 2)
    for (guint i = 0; i < n; i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (cli, argc - 1, argv + 1);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", subcommands[i].name);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage:"));
      for (guint i = 0; i < n; i++)
        g_print ("  parscore-cli %s %s %s\n", command, subcommands[i].name,
                 subcommands[i].synopsis[0] != '\0' ? _(subcommands[i].synopsis) : "");
      g_print ("%s\n", _("Each shows its options with --help."));
      return 0;
    }
  if (argc >= 2)
    /* TRANSLATORS: command, what the user typed, the subcommands ("add, rename, remove") */
    par_cli_error (_("%s: “%s” is not one of %s"), command, argv[1], names->str);
  else
    par_cli_error (_("%s: give one of %s"), command, names->str);
  g_printerr (_("Try “parscore-cli %s --help”.\n"), command);
  return 2;
}

/* Finds the assessment of --unit/--year. */
ParAssessment *
par_cli_find_assessment (ParCli     *cli,
                         const char *unit_name,
                         int         year,
                         ParUnit   **unit_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = NULL;
  ParAssessment *assessment;

  if (unit_name == NULL || year == 0)
    {
      par_cli_error (_("give the unit and the year: --unit NAME-OR-ID --year YYYY"));
      return NULL;
    }
  if (par_cli_open_store (cli) == NULL)
    return NULL;
  unit = par_store_find_unit (cli->store, unit_name, &error);
  if (unit == NULL)
    {
      par_cli_error ("%s", error->message);
      return NULL;
    }
  assessment = par_store_find_assessment (cli->store, unit->id, year, &error);
  if (assessment == NULL)
    {
      par_cli_error ("%s", error != NULL ? error->message : _("no assessment for that year"));
      return NULL;
    }
  if (unit_out != NULL)
    *unit_out = g_steal_pointer (&unit);
  return assessment;
}

void
par_cli_year_clear (ParCliYear *year)
{
  g_clear_pointer (&year->unit_name, g_free);
}

ParAssessment *
par_cli_year_find (ParCli           *cli,
                   const ParCliYear *year,
                   ParUnit         **unit_out,
                   int              *status)
{
  ParAssessment *assessment = par_cli_find_assessment (cli, year->unit_name, year->year, unit_out);

  if (assessment == NULL)
    *status = year->unit_name == NULL || year->year == 0 ? 2 : 1;
  return assessment;
}

int
par_cli_removal_failed (const GError *error)
{
  par_cli_error ("%s", error->message);
  if (g_error_matches (error, PAR_ERROR, PAR_ERROR_LOCKED))
    g_printerr ("%s\n", _("Nothing was removed. Give --force --reason TEXT to remove it "
                          "anyway."));
  else if (g_error_matches (error, PAR_ERROR, PAR_ERROR_INVALID))
    g_printerr ("%s\n", _("Nothing was removed. Give --reason TEXT."));
  return 1;
}

char *
par_cli_points (ParPoints p)
{
  char buf[PAR_POINTS_FORMAT_SIZE];
  return g_strdup (par_points_format (p, buf));
}

/* A JSON string. Control, bidirectional and invisible characters are written as \\u escapes,
 * so the value is exact for a program and inert on a terminal. */
void
par_cli_json_string (GString    *out,
                     const char *s)
{
  g_autofree char *valid = g_utf8_make_valid (s != NULL ? s : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch == '"' || ch == '\\')
        g_string_append_printf (out, "\\%c", (char) ch);
      else if (ch < 0x20 || par_text_classify_char (ch, PAR_TEXT_SINGLE_LINE) != PAR_TEXT_SAFE)
        {
          if (ch > 0xFFFF)
            g_string_append_printf (out, "\\u%04x\\u%04x", 0xD800 + ((ch - 0x10000) >> 10),
                                    0xDC00 + ((ch - 0x10000) & 0x3FF));
          else
            g_string_append_printf (out, "\\u%04x", ch);
        }
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  g_string_append_c (out, '"');
}

/* The round commands' options: --round N first, then @entries (NULL for none). */
gboolean
par_cli_parse_round (ParCli             *cli,
                     const GOptionEntry *entries,
                     gint64             *round_id,
                     const char         *command,
                     const char         *synopsis,
                     const char         *description,
                     int                *argc,
                     char             ***argv)
{
  const GOptionEntry round = {
    "round", 0, 0, G_OPTION_ARG_INT64, round_id, N_("The round (when there are several)"), N_("N")
  };
  g_autoptr(GArray) all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  g_array_append_val (all, round);
  for (; entries != NULL && entries->long_name != NULL; entries++)
    g_array_append_vals (all, entries, 1);
  return par_cli_parse_described (cli, (GOptionEntry *) all->data, command, synopsis, description,
                                  argc, argv);
}

/* Parses a round command's options and finds its round, for the commands with nothing to
 * check in between; NULL with *@status set (2: the options are wrong, 1: no such round). */
ParRound *
par_cli_round_from_args (ParCli             *cli,
                         const GOptionEntry *entries,
                         const char         *command,
                         const char         *synopsis,
                         int                *argc,
                         char             ***argv,
                         int                *status)
{
  gint64 round_id = 0;
  ParRound *round;

  *status = 2;
  if (!par_cli_parse_round (cli, entries, &round_id, command, synopsis, NULL, argc, argv))
    return NULL;
  *status = 1;
  if ((round = par_cli_find_round (cli, round_id)) != NULL)
    *status = 0;
  return round;
}

/* --round N, or the one round of the database. */
ParRound *
par_cli_find_round (ParCli  *cli,
                    gint64   round_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = NULL;

  if (par_cli_open_store (cli) == NULL)
    return NULL;
  if (round_id > 0)
    {
      ParRound *round = par_store_get_round (cli->store, round_id, &error);

      if (round == NULL)
        par_cli_error ("%s", error->message);
      return round;
    }
  if ((rounds = par_store_list_rounds (cli->store, &error)) == NULL)
    {
      par_cli_error ("%s", error->message);
      return NULL;
    }
  if (rounds->len != 1)
    {
      par_cli_error (rounds->len == 0 ? _("there is no round in this database: start one with "
                                          "“round new”")
                                      : _("there are several rounds: give one with --round N"));
      return NULL;
    }
  return g_steal_pointer (&rounds->pdata[0]);
}

/* Pads @text to @width characters (not bytes: names and titles are Vietnamese), cutting it
 * with "…" when longer: the columns of the CLI's text tables. */
char *
par_cli_fit (const char *text,
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
