/* par-rank.h — the one ranking of units: by index %, ties sharing a rank.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-scorer.h"

G_BEGIN_DECLS

/**
 * ParRankState:
 * @PAR_RANK_RANKED: the unit has an index in the ranked column and a rank
 * @PAR_RANK_NOT_APPRAISED: the appraised column is ranked and the council has scored nothing of
 *   the unit's year yet (it is not ranked, and is never ranked on its self scores)
 * @PAR_RANK_NO_RESULT: no result for the year, or nothing scored in the column
 *
 * Whether a unit of a ranking has a rank, and if not, why.
 */
typedef enum {
  PAR_RANK_RANKED,
  PAR_RANK_NOT_APPRAISED,
  PAR_RANK_NO_RESULT,
} ParRankState;

/**
 * ParRankRow:
 * @unit_name: the unit's name
 * @input_index: the unit's position in the arrays given to par_rank(), so a caller can find
 *   what it knows of the unit (its id, its level) again
 * @result: (nullable): the unit's result for the year (a reference)
 * @state: see #ParRankState
 * @rank: 1 for the best; units with the same index share a rank and the next rank skips
 *   (93.00, 93.00, 91.00 rank 1, 1, 3); 0 when not ranked
 * @tied: another unit shares @rank
 * @index: the index of the ranked column in hundredths of a percent (9870 is 98.70 %), as the
 *   scorer gives it (par_node_total_index()); -1 when not ranked
 * @points: the column's points (hundredths)
 * @max: the maximum @index is measured on (par_node_total_measured_max())
 * @band: (nullable): the band of @index in the unit's own criteria set
 * @final_not_appraised: the final column is ranked and the council has not appraised the
 *   year: the self scores stand in it (the chart draws such a dot hollow)
 * @previous_rank: the unit's rank in the previous year's ranking; 0 when not known (see
 *   par_ranking_set_previous())
 * @unit_id: the unit's row in the store, when the ranking came from one (par_store_rank()),
 *   else 0
 * @level: the unit's level, when known (par_store_rank()), else 0
 *
 * One unit of a #ParRanking.
 */
typedef struct {
  char          *unit_name;
  guint          input_index;
  ParResult     *result;
  ParRankState   state;
  guint          rank;
  gboolean       tied;
  gint64         index;
  ParPoints      points;
  ParPoints      max;
  const ParBand *band;
  gboolean       final_not_appraised;
  guint          previous_rank;
  gint64         unit_id;
  ParLevel       level;
} ParRankRow;

/**
 * ParRanking:
 * @year: the year ranked (0 when not given)
 * @column: the score column ranked
 * @rows: (element-type ParRankRow): the ranked units by rank (then by name, in the collation
 *   of the locale), then the units not appraised, then those without a result, each by name
 * @n_ranked: how many rows are ranked
 * @previous_year: the year of the ranking par_ranking_set_previous() compared with, or 0
 *
 * Build it with par_rank(); every list, chart, export and report of a ranking reads it, and
 * none orders units by itself.
 */
typedef struct {
  int             year;
  ParScoreColumn  column;
  GPtrArray      *rows;
  guint           n_ranked;
  int             previous_year;
} ParRanking;

ParRanking *par_rank                  (GPtrArray        *unit_names,
                                       GPtrArray        *results,
                                       int               year,
                                       ParScoreColumn    column);
void        par_ranking_set_previous  (ParRanking       *self,
                                       const ParRanking *previous);
gboolean    par_rank_row_change       (const ParRankRow *row,
                                       int              *change);
const ParRankRow *par_ranking_find    (const ParRanking *self,
                                       const char       *unit_name);
void        par_ranking_free          (ParRanking       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRanking, par_ranking_free)

G_END_DECLS
