/* par-rank.c — the one ranking of units: by index %, ties sharing a rank.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranking is by index % (achieved ÷ applicable maximum), never by raw points: units with fewer
 * applicable items have smaller maxima (PAR-PRIMER, "Not applicable changes the maximum").
 * Units with the same index, to the hundredth of a percent the scorer gives, share a rank and
 * the next rank skips ("standard competition ranking": 1, 1, 3), as published rankings do.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-rank.h"

static void
rank_row_free (ParRankRow *row)
{
  if (row == NULL)
    return;
  g_free (row->unit_name);
  g_clear_pointer (&row->result, par_result_unref);
  g_free (row);
}

/**
 * par_ranking_free:
 *
 * Frees a ranking and its rows.
 */
void
par_ranking_free (ParRanking *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

/* The council has scored nothing below, though there is something for it to score. */
static gboolean
awaits_appraisal (const ParNodeTotal *total)
{
  return total->appraised_leaves == 0 && total->unappraised_leaves > 0;
}

static gint
row_compare (gconstpointer a,
             gconstpointer b)
{
  const ParRankRow *x = *(const ParRankRow * const *) a;
  const ParRankRow *y = *(const ParRankRow * const *) b;
  int by_name;

  if (x->state != y->state)
    return x->state < y->state ? -1 : 1;
  if (x->state == PAR_RANK_RANKED && x->index != y->index)
    return x->index > y->index ? -1 : 1;
  by_name = g_utf8_collate (x->unit_name, y->unit_name);
  if (by_name != 0)
    return by_name;
  return x->input_index < y->input_index ? -1 : x->input_index > y->input_index;
}

/**
 * par_rank:
 * @unit_names: (element-type utf8): the units, each once
 * @results: (element-type ParResult) (nullable elements): each unit's result for the year, in
 *   the order of @unit_names; %NULL for a unit without one
 * @year: the year ranked, kept in the ranking (0 when not known)
 * @column: the score column to rank: %PAR_COLUMN_FINAL for the published ranking
 *
 * Ranks the units by the index of @column at the root (par_node_total_index()), best first.
 * A unit whose column has nothing scored is not ranked (%PAR_RANK_NO_RESULT); ranking the
 * appraised column, a unit the council has not scored at all is %PAR_RANK_NOT_APPRAISED — its
 * self scores never stand in for the council's. Bands come from each unit's own criteria set.
 *
 * The ranking holds a reference to each result; @unit_names are copied.
 *
 * Returns: (transfer full): the ranking.
 */
ParRanking *
par_rank (GPtrArray      *unit_names,
          GPtrArray      *results,
          int             year,
          ParScoreColumn  column)
{
  ParRanking *ranking;

  g_return_val_if_fail (unit_names != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (unit_names->len == results->len, NULL);

  ranking = g_new0 (ParRanking, 1);
  ranking->year = year;
  ranking->column = column;
  ranking->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) rank_row_free);

  for (guint i = 0; i < unit_names->len; i++)
    {
      ParResult *result = g_ptr_array_index (results, i);
      const ParNodeTotal *root = result != NULL ? par_result_get_total (result, NULL) : NULL;
      ParRankRow *row = g_new0 (ParRankRow, 1);

      row->unit_name = g_strdup (g_ptr_array_index (unit_names, i));
      row->input_index = i;
      row->result = result != NULL ? par_result_ref (result) : NULL;
      row->state = PAR_RANK_NO_RESULT;
      row->index = -1;

      if (root != NULL && column == PAR_COLUMN_APPRAISED && root->done > 0
          && awaits_appraisal (root))
        row->state = PAR_RANK_NOT_APPRAISED;
      else if (root != NULL && root->applicable_max > 0
               && par_node_total_has_scores (root, column)
               && par_node_total_measured_max (root, column) > 0
               && par_node_total_index (root, column) >= 0)
        {
          row->state = PAR_RANK_RANKED;
          row->index = par_node_total_index (root, column);
          row->points = par_node_total_points (root, column);
          row->max = par_node_total_measured_max (root, column);
          row->band = par_result_get_column_band (result, column);
          row->final_not_appraised = column == PAR_COLUMN_FINAL && awaits_appraisal (root);
        }
      g_ptr_array_add (ranking->rows, row);
    }
  g_ptr_array_sort (ranking->rows, row_compare);

  for (guint i = 0; i < ranking->rows->len; i++)
    {
      ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      ParRankRow *before = i > 0 ? g_ptr_array_index (ranking->rows, i - 1) : NULL;

      if (row->state != PAR_RANK_RANKED)
        break;
      ranking->n_ranked++;
      if (before != NULL && before->index == row->index)
        {
          row->rank = before->rank;
          row->tied = before->tied = TRUE;
        }
      else
        row->rank = i + 1;
    }
  return ranking;
}

/**
 * par_ranking_find:
 * @unit_name: a unit's name
 *
 * Returns: (nullable): the unit's row, or %NULL when it is not in the ranking.
 */
const ParRankRow *
par_ranking_find (const ParRanking *self,
                  const char       *unit_name)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (unit_name != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (row->unit_name, unit_name))
        return row;
    }
  return NULL;
}

/**
 * par_ranking_set_previous:
 * @previous: the previous year's ranking, of the same column
 *
 * Sets each row's @previous_rank from @previous, matching units by name (a unit's name is
 * unique in a database). Units not ranked in @previous keep 0: their change is not known.
 */
void
par_ranking_set_previous (ParRanking       *self,
                          const ParRanking *previous)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (previous != NULL);

  self->previous_year = previous->year;
  for (guint i = 0; i < self->rows->len; i++)
    {
      ParRankRow *row = g_ptr_array_index (self->rows, i);
      const ParRankRow *before = par_ranking_find (previous, row->unit_name);

      row->previous_rank = before != NULL ? before->rank : 0;
    }
}

/**
 * par_rank_row_change:
 * @change: (out): places gained since the previous year: positive when the unit went up
 *   (from 5th to 2nd is +3), negative when it went down
 *
 * Returns: whether the change is known: the unit is ranked this year and was the year before.
 */
gboolean
par_rank_row_change (const ParRankRow *row,
                     int              *change)
{
  g_return_val_if_fail (row != NULL, FALSE);

  *change = 0;
  if (row->rank == 0 || row->previous_rank == 0)
    return FALSE;
  *change = (int) row->previous_rank - (int) row->rank;
  return TRUE;
}
