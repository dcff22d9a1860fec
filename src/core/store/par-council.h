/* par-council.h — what the province's appraisal council reads from a store: the ranking of a
 * round's units.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-rank.h"
#include "par-store.h"

G_BEGIN_DECLS

/**
 * ParRankFilter:
 * @year: the year to rank (required)
 * @set_id: (nullable): only years scored with this criteria set (its id attribute)
 * @levels: only units of these levels (a mask of #ParLevel); 0 for every level
 * @column: the score column ranked; %PAR_COLUMN_FINAL for the published ranking
 *
 * Which years par_store_rank() ranks.
 */
typedef struct {
  int             year;
  const char     *set_id;
  ParLevel        levels;
  ParScoreColumn  column;
} ParRankFilter;

/**
 * par_store_rank:
 * @filter: what to rank
 *
 * Scores the @filter's year of every unit it selects and ranks them with par_rank() — the one
 * ordering. Units of the selected levels without a year are rows without a result (“no result
 * for 2024”); a year scored with another set than @filter's @set_id leaves the unit out.
 *
 * The change in rank is from the previous year's ranking of the same levels and column, with
 * whatever set each unit used then (sets are re-issued every year or two): a unit ranked in
 * both years has a known change (par_rank_row_change()).
 *
 * Returns: (transfer full): the ranking, each row with its unit's id and level; %NULL with
 *   @error set when the store cannot be read or a year cannot be scored.
 */
ParRanking *par_store_rank (ParStore             *self,
                            const ParRankFilter  *filter,
                            GError              **error);

G_END_DECLS
