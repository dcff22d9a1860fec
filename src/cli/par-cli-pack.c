/* par-cli-pack.c — `parscore-cli export-pack`: the evidence pack of a unit × year as one PDF.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-pack.h"

typedef struct {
  gboolean     tty;
  gboolean     quiet;
  ParPackStage stage;
  guint        current;
  gboolean     started;
  gint64       last_draw;
  int          last_width;
} Progress;

static const char *
stage_text (ParPackStage stage)
{
  switch (stage)
    {
    case PAR_PACK_STAGE_PREPARING: return _("Reading the assessment");
    case PAR_PACK_STAGE_CHECKING: return _("Checking attachments");
    case PAR_PACK_STAGE_LAYOUT: return _("Drawing the summary pages");
    case PAR_PACK_STAGE_DOCUMENTS: return _("Merging documents");
    case PAR_PACK_STAGE_FINISHING: return _("Numbering pages");
    default: return "";
    }
}

static void
on_progress (const ParPackProgress *pr,
             gpointer               data)
{
  Progress *state = data;
  gboolean itemized = pr->stage == PAR_PACK_STAGE_CHECKING || pr->stage == PAR_PACK_STAGE_DOCUMENTS;
  gboolean changed = !state->started || pr->stage != state->stage ||
                     (itemized && pr->current != state->current);
  g_autofree char *line = NULL;
  gint64 now;

  if (state->quiet)
    return;
  if (itemized && pr->total > 0)
    line = g_strdup_printf ("[%3d%%] %s %u/%u%s%s", (int) (pr->fraction * 100), stage_text (pr->stage),
                            pr->current + 1, pr->total, pr->label != NULL ? ": " : "",
                            pr->label != NULL ? pr->label : "");
  else
    line = g_strdup_printf ("[%3d%%] %s", (int) (pr->fraction * 100), stage_text (pr->stage));

  if (state->tty)
    {
      /* one line, rewritten at most ten times a second (and at every new step) */
      now = g_get_monotonic_time ();
      if (!changed && now - state->last_draw < 100000)
        return;
      state->last_draw = now;
      if (g_utf8_strlen (line, -1) > 78)
        {
          g_autofree char *cut = g_utf8_substring (line, 0, 77);
          g_free (line);
          line = g_strconcat (cut, "…", NULL);
        }
      fprintf (stderr, "\r%s\033[K", line);
      fflush (stderr);
    }
  else if (changed)
    {
      /* a log or a pipe: a plain line per step, never per page */
      fprintf (stderr, "%s\n", line);
    }
  state->started = TRUE;
  state->stage = pr->stage;
  state->current = pr->current;
}

int
par_cli_cmd_export_pack (ParCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autofree char *unit_name = NULL;
  g_autofree char *output = NULL;
  gboolean no_charts = FALSE, no_documents = FALSE, quiet = FALSE;
  int year = 0;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit (name or id)"), N_("UNIT") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year"), N_("YEAR") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("FILE") },
    { "no-charts", 0, 0, G_OPTION_ARG_NONE, &no_charts, N_("Leave out the charts page"), NULL },
    { "no-documents", 0, 0, G_OPTION_ARG_NONE, &no_documents,
      N_("List the documents without including their files"), NULL },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Show no progress"), NULL },
    { NULL }
  };
  g_autoptr(ParAssessment) assessment = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParPackReport) report = NULL;
  g_autoptr(GError) error = NULL;
  ParPackOptions opts;
  Progress progress = { 0 };
  gboolean ok;
  guint embedded = 0;

  if (!par_cli_parse (cli, entries, "export-pack", N_("--unit U --year Y -o FILE"), &argc, &argv))
    return 2;
  if (output == NULL)
    {
      par_cli_error (_("export-pack: give the PDF to write with -o FILE"));
      return 2;
    }
  if (argc > 1)
    {
      par_cli_error (_("export-pack: unexpected argument “%s”"), argv[1]);
      return 2;
    }
  if ((assessment = par_cli_find_assessment (cli, unit_name, year, &unit)) == NULL)
    return unit_name == NULL || year == 0 ? 2 : 1;

  par_pack_options_init (&opts);
  opts.charts = !no_charts;
  opts.documents = !no_documents;
  progress.tty = isatty (fileno (stderr));
  progress.quiet = quiet;

  ok = par_pack_export (cli->store, assessment->id, output, &opts, on_progress, &progress, NULL,
                        &report, &error);
  if (progress.tty && progress.started)
    fprintf (stderr, "\r\033[K");
  if (!ok)
    {
      par_cli_error (_("export-pack: %s"), error->message);
      return 1;
    }

  for (guint i = 0; i < report->files->len; i++)
    {
      ParPackFile *f = g_ptr_array_index (report->files, i);
      embedded += f->status == PAR_PACK_FILE_OK && f->kind == PAR_PACK_FILE_EMBEDDED;
    }
  g_print (_("Wrote %s: %u pages (%u generated), %u documents, %u files (%u embedded as "
             "attachments)\n"), output, report->n_pages, report->n_generated_pages,
           report->n_documents, report->files->len, embedded);
  if (report->n_problems > 0)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "Warning: %u file was left out of the pack:\n",
                            "Warning: %u files were left out of the pack:\n", report->n_problems),
               report->n_problems);
      for (guint i = 0; i < report->files->len; i++)
        {
          ParPackFile *f = g_ptr_array_index (report->files, i);

          if (f->status == PAR_PACK_FILE_OK)
            continue;
          /* the message names the document and the file, display-safe */
          g_print ("  %-13s %s\n", par_pack_file_status_to_string (f->status),
                   f->message != NULL ? f->message : f->name);
        }
    }
  return 0;
}
