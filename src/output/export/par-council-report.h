/* par-council-report.h — the appraisal council's report of a round as one PDF: a cover, the
 * ranking, each field's average and spread across the units, the sub-criteria where the
 * province lost most points, and a page per unit with its self-assessed against its appraised
 * scores and what the council changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-store.h"

G_BEGIN_DECLS

/**
 * PAR_COUNCIL_REPORT_TOP_LOST:
 *
 * How many sub-criteria the report lists where most points were lost, unless told otherwise.
 */
#define PAR_COUNCIL_REPORT_TOP_LOST 10

/**
 * ParCouncilReportOptions:
 * @council: (nullable): the council's name on the cover and in every page's header; %NULL for
 *   “Appraisal council”, translated
 * @date: (nullable): the report's date (cover, PDF dates); %NULL for now
 * @top_lost: how many sub-criteria the table of points lost lists (0 for
 *   %PAR_COUNCIL_REPORT_TOP_LOST)
 * @font_family: (nullable): the font of the text; %NULL for DejaVu Sans (it has every
 *   Vietnamese letter)
 *
 * Initialise with par_council_report_options_init(), then change what you need.
 */
typedef struct {
  const char *council;
  GDateTime  *date;
  guint       top_lost;
  const char *font_family;
} ParCouncilReportOptions;

/**
 * par_council_report_options_init:
 * @options: (out caller-allocates): options to fill with the defaults
 */
void     par_council_report_options_init (ParCouncilReportOptions       *options);

/**
 * par_council_report_write:
 * @store: the council's database
 * @round_id: the round (par_store_list_rounds())
 * @path: the PDF file to write (replaced when it exists)
 * @options: (nullable): %NULL for the defaults
 * @cancellable: (nullable): checked between pages
 * @error: return location for a #GError
 *
 * Writes the council's report of a round: the units of its criteria set, year and level,
 * ranked by par_store_rank() on their final scores — the one ordering —, in the program's
 * language (labels through gettext), with points as fixed-point decimals written the
 * Vietnamese way (“1,50”, “73,50 %”) and dates as dd/mm/yyyy.
 *
 * The pages: a cover (council, criteria set, year, level, round and its stage, date); the
 * ranking (rank with ties shared — “2=” —, unit, points, maximum, index %, band, change since
 * the year before where known; a final score the council has not appraised marked “†”, never
 * passed off as appraised; units without a final result named under it); each field's
 * average, minimum–maximum and standard deviation across the ranked units; the sub-criteria
 * where most points were lost province-wide (applicable maximum − final score, summed over the
 * units; the final score is the appraised one wherever the council gave one); then one page per
 * unit with a result (one without the year is only named under the ranking): its totals, the self-assessed against final chart per field (the renderer of
 * `chart --type self-vs-appraised`) and every sub-criterion whose appraised score differs from
 * the self-assessed one, with the council's comment and the unit's reply.
 *
 * Page numbers (“Page 3/12”), an outline (one entry per section and per unit) and the PDF's
 * title are added; the file is written under a temporary name and renamed, so a failure leaves
 * nothing half-written. Reads the store only; runs off the main thread with the store's own
 * connection (open a second #ParStore in the worker).
 *
 * Returns: whether the report was written; %FALSE with @error set (%PAR_ERROR_NOT_FOUND for a
 *   round that does not exist, %PAR_ERROR_IO when the file cannot be written,
 *   %G_IO_ERROR_CANCELLED when cancelled).
 */
gboolean par_council_report_write       (ParStore                      *store,
                                         gint64                         round_id,
                                         const char                    *path,
                                         const ParCouncilReportOptions *options,
                                         GCancellable                  *cancellable,
                                         GError                       **error);

/**
 * par_council_report_write_score_table:
 * @store: the council's database
 * @round_id: the round
 * @path: the .xlsx file to write (replaced when it exists)
 * @error: return location for a #GError
 *
 * Writes the round's full score table as a spreadsheet: par_score_table_write_xlsx() over the
 * round's units, ranked as the report ranks them (final scores, the round's set, year and
 * level).
 *
 * Returns: whether the file was written; %FALSE with @error set (%PAR_ERROR_NOT_FOUND,
 *   %PAR_ERROR_IO).
 */
gboolean par_council_report_write_score_table (ParStore    *store,
                                               gint64       round_id,
                                               const char  *path,
                                               GError     **error);

G_END_DECLS
