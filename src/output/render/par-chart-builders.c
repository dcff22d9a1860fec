/* par-chart-builders.c — chart models from the scorer's results.
 *
 * The only place where charts read scores: every number drawn comes from a ParNodeTotal or a
 * ParLeafScore, never recomputed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-chart-model.h"
#include "par-rank.h"
#include "par-scorer.h"

static void
add_bands (ParChartModel *model,
           ParResult     *result)
{
  GPtrArray *bands;

  if (result == NULL)
    return;
  bands = par_framework_get_bands (par_result_get_framework (result));
  for (guint i = 0; bands != NULL && i < bands->len; i++)
    {
      const ParBand *band = g_ptr_array_index (bands, i);

      par_chart_model_add_band (model, band->name, band->bound, band->inclusive);
    }
}

/* The last non-NULL result, or NULL. */
static ParResult *
latest_result (GPtrArray *results,
               guint     *index)
{
  for (guint i = results->len; i-- > 0;)
    if (g_ptr_array_index (results, i) != NULL)
      {
        if (index != NULL)
          *index = i;
        return g_ptr_array_index (results, i);
      }
  return NULL;
}

static int
category_find (ParChartModel *model,
               const char    *code)
{
  for (guint i = 0; i < model->categories->len; i++)
    if (g_strcmp0 (par_chart_model_get_category (model, i)->code, code) == 0)
      return (int) i;
  return -1;
}

/* Fields of every result, in the order of the latest set, then fields only older sets have. */
static void
add_field_categories (ParChartModel *model,
                      GPtrArray     *results)
{
  for (guint r = results->len; r-- > 0;)
    {
      ParResult *result = g_ptr_array_index (results, r);
      GPtrArray *fields;

      if (result == NULL)
        continue;
      fields = par_framework_get_fields (par_result_get_framework (result));
      for (guint i = 0; i < fields->len; i++)
        {
          const ParNode *field = g_ptr_array_index (fields, i);

          if (category_find (model, field->code) < 0)
            par_chart_model_add_category (model, field->code, field->title, NULL);
        }
    }
}

/* The council has scored nothing below this node that it should have scored: appraised
 * scores are awaited, and self scores must not stand in for them. */
static gboolean
awaits_appraisal (const ParNodeTotal *total)
{
  return total->appraised_leaves == 0 && total->unappraised_leaves > 0;
}

/* A year is appraised once the council has scored anything in it: it records the scores it
 * changes, and a self score it left alone is its result too. So the final scores of an
 * appraised year are the council's; those of a year it has not appraised are the unit's own. */
static gboolean
year_awaits_appraisal (ParResult *result)
{
  return result != NULL && awaits_appraisal (par_result_get_total (result, NULL));
}

/* Sets one value of @column from a node total of @result, as the scorer gives it: N/A when
 * the node's applicable maximum is 0, "not appraised" for appraised scores the council has
 * not given below it, missing when the column has nothing below the node. The points and
 * index are the scorer's, with the maximum the index is measured on (survey items still
 * pending are left out). A final value of a year the council has not appraised is marked: it
 * is the self-assessment. */
static void
set_from_total (ParChartModel      *model,
                guint               series,
                guint               category,
                ParResult          *result,
                const ParNodeTotal *total,
                ParScoreColumn      column)
{
  ParPoints measured;
  gint64 index;

  if (total == NULL)
    {
      par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_MISSING);
      return;
    }
  if (total->applicable_max <= 0 && total->done > 0)
    {
      par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_NOT_APPLICABLE);
      return;
    }
  if (column == PAR_COLUMN_APPRAISED && total->done > 0 && awaits_appraisal (total))
    {
      par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_NOT_APPRAISED);
      return;
    }
  measured = par_node_total_measured_max (total, column);
  index = par_node_total_index (total, column);
  if (!par_node_total_has_scores (total, column) || measured <= 0 || index < 0)
    {
      par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_MISSING);
      return;
    }
  par_chart_model_set_value (model, series, category, index,
                             par_node_total_points (total, column), measured);
  if (column == PAR_COLUMN_FINAL && year_awaits_appraisal (result))
    par_chart_model_set_not_appraised (model, series, category, TRUE);
}

static void
set_column (ParChartModel  *model,
            ParScoreColumn  column)
{
  par_chart_model_set_column (model, par_score_column_label (column));
}

static char *
years_text (const int *years,
            guint      n)
{
  if (n == 0)
    return NULL;
  if (n == 1 || years[0] == years[n - 1])
    return g_strdup_printf ("%d", years[0]);
  return g_strdup_printf ("%d–%d", years[0], years[n - 1]);
}

static void
set_subtitle (ParChartModel *model,
              const char    *unit_name,
              const char    *years)
{
  g_autofree char *text = NULL;

  if (unit_name != NULL && years != NULL)
    text = g_strdup_printf ("%s · %s", unit_name, years);
  else
    text = g_strdup (unit_name != NULL ? unit_name : years);
  par_chart_model_set_subtitle (model, text);
}

ParChartModel *
par_chart_model_new_fields_across_years (GPtrArray      *results,
                                         const int      *years,
                                         ParScoreColumn  column)
{
  ParChartModel *model;
  g_autofree char *span = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  model = par_chart_model_new (PAR_CHART_FIELDS, NULL);
  set_column (model, column);
  add_field_categories (model, results);
  for (guint y = 0; y < results->len; y++)
    {
      ParResult *result = g_ptr_array_index (results, y);
      guint series = par_chart_model_add_series (model, NULL, years[y]);

      for (guint c = 0; c < model->categories->len && result != NULL; c++)
        {
          const ParChartCategory *category = par_chart_model_get_category (model, c);

          set_from_total (model, series, c, result,
                          par_result_get_total (result, category->code), column);
        }
    }
  span = years_text (years, results->len);
  set_subtitle (model, NULL, span);
  return model;
}

ParChartModel *
par_chart_model_new_total_over_years (GPtrArray      *results,
                                      const int      *years,
                                      ParScoreColumn  column)
{
  ParChartModel *model;
  g_autofree char *span = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  /* The self-assessment, and beside it the column asked for: how far the council moved it. */
  model = par_chart_model_new (PAR_CHART_TOTAL, NULL);
  set_column (model, column);
  par_chart_model_add_series (model, par_score_column_label (PAR_COLUMN_SELF), 0);
  if (column != PAR_COLUMN_SELF)
    par_chart_model_add_series (model, par_score_column_label (column), 0);
  for (guint y = 0; y < results->len; y++)
    {
      ParResult *result = g_ptr_array_index (results, y);
      const ParNodeTotal *root = result != NULL ? par_result_get_total (result, NULL) : NULL;
      g_autofree char *code = g_strdup_printf ("%d", years[y]);
      guint c = par_chart_model_add_category (model, code, code, code);

      set_from_total (model, 0, c, result, root, PAR_COLUMN_SELF);
      if (column != PAR_COLUMN_SELF)
        set_from_total (model, 1, c, result, root, column);
    }

  add_bands (model, latest_result (results, NULL));
  span = years_text (years, results->len);
  set_subtitle (model, NULL, span);
  return model;
}

ParChartModel *
par_chart_model_new_field_profile (GPtrArray      *results,
                                   const int      *years,
                                   ParScoreColumn  column)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree guint *with_result = NULL;
  g_autoptr(GString) list = NULL;
  int chosen_years[3];
  ParChartModel *model;
  guint n = 0;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  with_result = g_new (guint, results->len + 1);
  /* The last three years that have a result, oldest first. */
  for (guint i = 0; i < results->len; i++)
    if (g_ptr_array_index (results, i) != NULL)
      with_result[n++] = i;
  for (guint k = n > 3 ? n - 3 : 0; k < n; k++)
    {
      chosen_years[chosen->len] = years[with_result[k]];
      g_ptr_array_add (chosen, g_ptr_array_index (results, with_result[k]));
    }

  model = par_chart_model_new_fields_across_years (chosen, chosen_years, column);
  model->type = PAR_CHART_RADAR;
  g_free (model->title);
  model->title = g_strdup (par_chart_type_get_title (PAR_CHART_RADAR));
  /* The radar picks years: name them all rather than a span. */
  list = g_string_new (NULL);
  for (guint i = 0; i < chosen->len; i++)
    g_string_append_printf (list, "%s%d", i > 0 ? ", " : "", chosen_years[i]);
  par_chart_model_set_subtitle (model, list->len > 0 ? list->str : NULL);
  return model;
}

typedef struct {
  const ParNode *node;
  ParPoints      lost;
  ParPoints      max;
  gboolean       not_appraised;
} Lost;

static gint
lost_compare (gconstpointer a,
              gconstpointer b)
{
  const Lost *x = a, *y = b;

  if (x->lost != y->lost)
    return x->lost > y->lost ? -1 : 1;
  return (x->node->leaf_index > y->node->leaf_index) - (x->node->leaf_index < y->node->leaf_index);
}

ParChartModel *
par_chart_model_new_lost_points (ParResult      *result,
                                 int             year,
                                 guint           top_n,
                                 ParScoreColumn  column)
{
  g_autoptr(GArray) lost = g_array_new (FALSE, FALSE, sizeof (Lost));
  g_autofree char *span = NULL;
  ParChartModel *model;
  GPtrArray *leaves;
  guint scored = 0, appraised = 0;
  guint n;
  ParPoints cumulative = 0;

  model = par_chart_model_new (PAR_CHART_LOST, NULL);
  set_column (model, column);
  if (year > 0)
    span = g_strdup_printf ("%d", year);
  set_subtitle (model, NULL, span);
  par_chart_model_add_series (model, _("Points lost"), year);
  par_chart_model_add_series (model, _("Cumulative share"), year);
  if (result == NULL)
    return model;

  leaves = par_framework_get_leaves (par_result_get_framework (result));
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *node = g_ptr_array_index (leaves, i);
      const ParLeafScore *score;
      ParPoints value;

      /* Deductions and bonuses lie outside the maximum: nothing to lose there. */
      if (node->kind != PAR_NODE_SUB && node->kind != PAR_NODE_CRITERION)
        continue;
      score = par_result_get_leaf (result, node->code);
      if (score == NULL || score->applicable_max <= 0 || !par_leaf_score_get (score, column, &value))
        continue;
      scored++;
      appraised += score->has_appraised;
      if (value < score->applicable_max)
        {
          /* Final scores of a year the council has not appraised are the unit's own: drawn
           * hatched. */
          Lost item = { node, score->applicable_max - value, score->applicable_max,
                        column == PAR_COLUMN_FINAL && year_awaits_appraisal (result) };

          g_array_append_val (lost, item);
          model->total_lost += item.lost;
        }
    }
  g_array_sort (lost, lost_compare);

  if (column == PAR_COLUMN_APPRAISED && appraised == 0)
    {
      g_autofree char *message = NULL;

      /* TRANSLATORS: the lost-points chart of appraised scores; %d is a year */
      message = g_strdup_printf (_("%d has not been appraised yet"), year);
      par_chart_model_set_empty_message (model, message);
    }
  else if (scored > 0 && lost->len == 0)
    par_chart_model_set_empty_message (model, _("No points were lost"));

  n = top_n == 0 ? lost->len : MIN (top_n, lost->len);
  for (guint i = 0; i < n; i++)
    {
      const Lost *item = &g_array_index (lost, Lost, i);
      guint c = par_chart_model_add_category (model, item->node->code, item->node->title,
                                              item->node->code);

      cumulative += item->lost;
      par_chart_model_set_value (model, 0, c, par_percent_of (item->lost, model->total_lost),
                                 item->lost, item->max);
      par_chart_model_set_not_appraised (model, 0, c, item->not_appraised);
      par_chart_model_set_value (model, 1, c, par_percent_of (cumulative, model->total_lost),
                                 cumulative, model->total_lost);
    }
  return model;
}

ParChartModel *
par_chart_model_new_self_vs_appraised (ParResult *result,
                                       int        year)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  g_autofree char *span = NULL;
  ParChartModel *model;

  model = par_chart_model_new (PAR_CHART_SELF_VS_APPRAISED, NULL);
  if (year > 0)
    span = g_strdup_printf ("%d", year);
  set_subtitle (model, NULL, span);
  par_chart_model_add_series (model, par_score_column_label (PAR_COLUMN_SELF), year);
  par_chart_model_add_series (model, par_score_column_label (PAR_COLUMN_FINAL), year);
  if (result == NULL)
    return model;

  g_ptr_array_add (results, result);
  add_field_categories (model, results);
  for (guint c = 0; c < model->categories->len; c++)
    {
      const ParChartCategory *category = par_chart_model_get_category (model, c);
      const ParNodeTotal *total = par_result_get_total (result, category->code);

      set_from_total (model, 0, c, result, total, PAR_COLUMN_SELF);
      /* The final score against the self-assessed one, on the same maximum: their difference
       * is what the council changed. A field it has not appraised has no final dot. */
      if (total != NULL && total->done > 0 && year_awaits_appraisal (result))
        par_chart_model_set_state (model, 1, c, PAR_CHART_VALUE_NOT_APPRAISED);
      else
        set_from_total (model, 1, c, result, total, PAR_COLUMN_FINAL);
    }
  return model;
}

/* "A, B, C": the names of the units of @ranking in @state, NULL when there are none. */
static char *
unit_list (const ParRanking *ranking,
           ParRankState      state)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);

      if (row->state == state)
        g_ptr_array_add (names, row->unit_name);
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

ParChartModel *
par_chart_model_new_units_ranked (GPtrArray      *unit_names,
                                  GPtrArray      *results,
                                  int             year,
                                  ParScoreColumn  column)
{
  g_autoptr(ParRanking) ranking = NULL;
  g_autofree char *span = NULL;
  g_autofree char *no_result = NULL;
  g_autofree char *not_appraised = NULL;
  ParChartModel *model;
  ParResult *any = NULL;

  g_return_val_if_fail (unit_names != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (unit_names->len == results->len, NULL);

  model = par_chart_model_new (PAR_CHART_RANKING, NULL);
  set_column (model, column);
  if (year > 0)
    span = g_strdup_printf ("%d", year);
  set_subtitle (model, NULL, span);
  par_chart_model_add_series (model, span, year);

  for (guint i = 0; i < results->len && any == NULL; i++)
    any = g_ptr_array_index (results, i);

  /* The order and the ranks are par_rank()'s, the one ranking (ties share a rank). Units
   * without a score in the column for the year are no rows of a ranking: footnotes name them. */
  ranking = par_rank (unit_names, results, year, column);
  for (guint i = 0; i < ranking->n_ranked; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      guint c = par_chart_model_add_category (model, row->unit_name, row->unit_name, NULL);

      ((ParChartCategory *) g_ptr_array_index (model->categories, c))->rank = row->rank;
      set_from_total (model, 0, c, row->result, par_result_get_total (row->result, NULL),
                      column);
    }
  not_appraised = unit_list (ranking, PAR_RANK_NOT_APPRAISED);
  no_result = unit_list (ranking, PAR_RANK_NO_RESULT);
  if (not_appraised != NULL)
    {
      /* TRANSLATORS: the ranking chart's footnote; %d is a year, %s a list of unit names */
      g_autofree char *note = g_strdup_printf (_("Not appraised in %d: %s."), year, not_appraised);

      par_chart_model_add_note (model, note);
    }
  if (no_result != NULL)
    {
      /* TRANSLATORS: the ranking chart's footnote; %d is a year, %s a list of unit names */
      g_autofree char *note = g_strdup_printf (_("No result for %d: %s."), year, no_result);

      par_chart_model_add_note (model, note);
    }
  add_bands (model, any);
  return model;
}

/* The last result whose root has an appraised score, else the last result. */
static ParResult *
latest_appraised_result (GPtrArray *results,
                         guint     *index)
{
  for (guint i = results->len; i-- > 0;)
    {
      ParResult *result = g_ptr_array_index (results, i);
      const ParNodeTotal *root = result != NULL ? par_result_get_total (result, NULL) : NULL;

      if (root != NULL && root->appraised_leaves > 0)
        {
          *index = i;
          return result;
        }
    }
  return latest_result (results, index);
}

ParChartModel *
par_chart_model_new_for_unit (ParChartType    type,
                              const char     *unit_name,
                              GPtrArray      *results,
                              const int      *years,
                              ParScoreColumn  column)
{
  ParChartModel *model = NULL;
  g_autofree char *span = NULL;
  ParResult *latest;
  guint latest_index = 0;

  g_return_val_if_fail (type != PAR_CHART_RANKING, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  /* Where the council disagreed, and where points were lost by its scores, are read once the
   * results are out: the latest appraised year, or the latest year when none is appraised
   * yet. Points lost by the self-assessment are those of the latest year. */
  if (type == PAR_CHART_SELF_VS_APPRAISED
      || (type == PAR_CHART_LOST && column != PAR_COLUMN_SELF))
    latest = latest_appraised_result (results, &latest_index);
  else
    latest = latest_result (results, &latest_index);
  switch (type)
    {
    case PAR_CHART_FIELDS:
      model = par_chart_model_new_fields_across_years (results, years, column);
      span = years_text (years, results->len);
      break;
    case PAR_CHART_TOTAL:
      model = par_chart_model_new_total_over_years (results, years, column);
      span = years_text (years, results->len);
      break;
    case PAR_CHART_RADAR:
      model = par_chart_model_new_field_profile (results, years, column);
      span = g_strdup (model->subtitle);
      break;
    case PAR_CHART_LOST:
      model = par_chart_model_new_lost_points (latest, latest != NULL ? years[latest_index] : 0,
                                               PAR_CHART_LOST_TOP_N, column);
      span = g_strdup (model->subtitle);
      break;
    case PAR_CHART_SELF_VS_APPRAISED:
      model = par_chart_model_new_self_vs_appraised (latest,
                                                     latest != NULL ? years[latest_index] : 0);
      span = g_strdup (model->subtitle);
      break;
    case PAR_CHART_RANKING:
    default:
      g_return_val_if_reached (NULL);
    }
  set_subtitle (model, unit_name, span);
  return model;
}
