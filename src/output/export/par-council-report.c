/* par-council-report.c — the council's report of a round as one PDF (par-council-report.h):
 * the data is read (par-council-report-data.c), the pages drawn on the pack's canvas into a
 * temporary PDF (par-council-report-pages.c), then the pack's PDF writer adds page numbers, the
 * outline and the document's information while it writes the file.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-council-report-private.h"
#include "par-pdf-writer.h"

void
par_council_report_options_init (ParCouncilReportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->top_lost = PAR_COUNCIL_REPORT_TOP_LOST;
}

/* "vi" when the report's words are Vietnamese, else "en" (the PDF's /Lang). */
static const char *
report_language (void)
{
  const char *const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "vi"))
      return g_strcmp0 (_("Rank"), "Rank") != 0 ? "vi" : "en";
  return "en";
}

static void
add_outline (Report       *r,
             ParPdfWriter *w)
{
  guint units = 0;

  par_pdf_writer_add_outline_item (w, 0, _("Cover"), 0, -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, _("Ranking"), r->page_ranking, -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, _("Fields across the units"), r->page_fields, -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, _("Where most points were lost"), r->page_lost, -1, FALSE);
  for (guint i = 0; i < r->units->len; i++)
    {
      ReportUnit *u = g_ptr_array_index (r->units, i);

      if (u->row->result == NULL)   /* no page of its own */
        continue;
      if (units == 0)
        units = par_pdf_writer_add_outline_item (w, 0, _("Units"), u->page, -1, TRUE);
      par_pdf_writer_add_outline_item (w, units, u->row->unit_name, u->page, -1, FALSE);
    }
}

static void
set_info (Report       *r,
          ParPdfWriter *w)
{
  /* TRANSLATORS: the PDF's title: the council, then the year */
  g_autofree char *title = g_strdup_printf (_("%s — appraisal of the PAR Index %d"), r->council,
                                            r->round->year);
  g_autofree char *keywords = g_strdup_printf ("CCHC; PAR Index; %d; %s", r->round->year,
                                               r->round->set_id);

  par_pdf_writer_set_info (w, "Title", title);
  par_pdf_writer_set_info (w, "Author", r->council);
  par_pdf_writer_set_info (w, "Keywords", keywords);
  par_pdf_writer_set_info (w, "Creator", "Parscore");
  par_pdf_writer_set_dates (w, r->date, r->date);
  par_pdf_writer_set_language (w, report_language ());
}

gboolean
par_council_report_write (ParStore                      *store,
                          gint64                         round_id,
                          const char                    *path,
                          const ParCouncilReportOptions *options,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  Report report = { 0 };
  Report *r = &report;
  g_autoptr(ParPdfWriter) w = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *body = NULL;
  PackCanvas *c = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  r->store = store;
  r->cancellable = cancellable;
  if (options != NULL)
    r->opts = *options;
  else
    par_council_report_options_init (&r->opts);
  if (r->opts.font_family == NULL)
    r->opts.font_family = "DejaVu Sans";
  r->date = r->opts.date != NULL ? g_date_time_ref (r->opts.date) : g_date_time_new_now_local ();
  r->council = g_strdup (r->opts.council != NULL && *r->opts.council != '\0'
                           ? r->opts.council : _("Appraisal council"));

  if (!report_load (r, round_id, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  pack_fonts_init (&r->fonts, r->opts.font_family);
  if ((tmpdir = g_dir_make_tmp ("parscore-report-XXXXXX", error)) == NULL)
    goto out;
  body = g_build_filename (tmpdir, "pages.pdf", NULL);
  if ((c = pack_canvas_new (body, &r->fonts, 0, error)) == NULL)
    goto out;
  if (!report_draw (r, c, error))
    goto out;
  if (!pack_canvas_finish (g_steal_pointer (&c), error))
    goto out;

  if ((w = par_pdf_writer_new (path, error)) == NULL)
    goto out;
  /* TRANSLATORS: at the foot of every page; keep {page} and {pages} */
  par_pdf_writer_set_page_numbers (w, _("Page {page}/{pages}"), "DejaVu Sans 8");
  if (!par_pdf_writer_add_document (w, body, NULL, NULL, cancellable, error))
    goto out;
  add_outline (r, w);
  set_info (r, w);
  if (!par_pdf_writer_finish (w, cancellable, error))
    goto out;
  ok = TRUE;

out:
  if (c != NULL)
    pack_canvas_free (c);
  g_clear_pointer (&w, par_pdf_writer_free);   /* unfinished: its temporary output goes */
  if (body != NULL)
    g_unlink (body);
  if (tmpdir != NULL)
    g_rmdir (tmpdir);
  report_clear (r);
  return ok;
}

gboolean
par_council_report_write_score_table (ParStore    *store,
                                      gint64       round_id,
                                      const char  *path,
                                      GError     **error)
{
  g_autoptr(ParRound) round = NULL;
  g_autoptr(ParRanking) ranking = NULL;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((round = par_store_get_round (store, round_id, error)) == NULL ||
      (ranking = report_round_ranking (store, round, error)) == NULL)
    return FALSE;
  return par_score_table_write_xlsx (ranking, path, error);
}
