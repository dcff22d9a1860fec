/* par-store-rank.c — a ranking of the store's units for one year (par-council.h), through the
 * store's public API and the one ranking function, par_rank().
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include "par-council.h"
#include "par-error.h"

/* Ranks @year of the selected units; @set_id NULL takes every set. */
static ParRanking *
rank_year (ParStore        *self,
           GPtrArray       *units,
           GPtrArray       *assessments,
           int              year,
           const char      *set_id,
           ParLevel         levels,
           ParScoreColumn   column,
           GError         **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (ParUnit *));
  ParRanking *ranking;

  for (guint u = 0; u < units->len; u++)
    {
      ParUnit *unit = g_ptr_array_index (units, u);
      ParAssessment *found = NULL;
      ParResult *result = NULL;

      if (levels != 0 && (unit->level & levels) == 0)
        continue;
      for (guint a = 0; a < assessments->len && found == NULL; a++)
        {
          ParAssessment *assessment = g_ptr_array_index (assessments, a);

          if (assessment->unit_id == unit->id && assessment->year == year)
            found = assessment;
        }
      if (found != NULL && set_id != NULL && g_strcmp0 (found->framework_id, set_id) != 0)
        continue;
      if (found != NULL && (result = par_store_score_assessment (self, found->id, error)) == NULL)
        return NULL;
      g_ptr_array_add (names, unit->name);
      g_ptr_array_add (results, result);
      g_array_append_val (chosen, unit);
    }

  ranking = par_rank (names, results, year, column);
  for (guint i = 0; i < ranking->rows->len; i++)
    {
      ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      ParUnit *unit = g_array_index (chosen, ParUnit *, row->input_index);

      row->unit_id = unit->id;
      row->level = unit->level;
    }
  return ranking;
}

ParRanking *
par_store_rank (ParStore             *self,
                const ParRankFilter  *filter,
                GError              **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(ParRanking) ranking = NULL;
  g_autoptr(ParRanking) previous = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL && filter->year > 0, NULL);

  if ((units = par_store_list_units (self, error)) == NULL
      || (assessments = par_store_list_assessments (self, 0, error)) == NULL)
    return NULL;

  ranking = rank_year (self, units, assessments, filter->year, filter->set_id, filter->levels,
                       filter->column, error);
  if (ranking == NULL)
    return NULL;
  previous = rank_year (self, units, assessments, filter->year - 1, NULL, filter->levels,
                        filter->column, error);
  if (previous == NULL)
    return NULL;
  if (previous->n_ranked > 0)
    par_ranking_set_previous (ranking, previous);
  return g_steal_pointer (&ranking);
}
