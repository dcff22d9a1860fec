/* par-chart-builders.c — chart models from the scorer's results.
 *
 * The only place where charts read scores: every number drawn comes from a ParNodeTotal or a
 * ParLeafScore, never recomputed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-chart-model.h"
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

/* Sets one value from a node total: missing when nothing was entered below it, N/A when its
 * applicable maximum is 0. @appraised picks the final index, else the self index. */
static void
set_from_total (ParChartModel      *model,
                guint               series,
                guint               category,
                const ParNodeTotal *total,
                gboolean            appraised)
{
  /* The index is measured on what can be scored so far (survey items still pending are
   * left out); the maximum shown beside it must be the same. */
  ParPoints measured = total != NULL ? total->applicable_max - total->pending_max : 0;
  gint64 index = total == NULL ? -1 : appraised ? total->index : total->self_index;

  if (total == NULL || total->done == 0)
    par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_MISSING);
  else if (total->applicable_max <= 0)
    par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_NOT_APPLICABLE);
  else if (measured <= 0 || index < 0)
    par_chart_model_set_state (model, series, category, PAR_CHART_VALUE_MISSING);
  else
    par_chart_model_set_value (model, series, category, index,
                               appraised ? total->final_total : total->self_total, measured);
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
par_chart_model_new_fields_across_years (GPtrArray *results,
                                         const int *years)
{
  ParChartModel *model;
  g_autofree char *span = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  model = par_chart_model_new (PAR_CHART_FIELDS, NULL);
  add_field_categories (model, results);
  for (guint y = 0; y < results->len; y++)
    {
      ParResult *result = g_ptr_array_index (results, y);
      guint series = par_chart_model_add_series (model, NULL, years[y]);

      for (guint c = 0; c < model->categories->len && result != NULL; c++)
        {
          const ParChartCategory *category = par_chart_model_get_category (model, c);

          set_from_total (model, series, c, par_result_get_total (result, category->code), TRUE);
        }
    }
  span = years_text (years, results->len);
  set_subtitle (model, NULL, span);
  return model;
}

ParChartModel *
par_chart_model_new_total_over_years (GPtrArray *results,
                                      const int *years)
{
  ParChartModel *model;
  gboolean any_appraised = FALSE;
  g_autofree char *span = NULL;

  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  model = par_chart_model_new (PAR_CHART_TOTAL, NULL);
  par_chart_model_add_series (model, _("Self-assessment"), 0);
  for (guint y = 0; y < results->len; y++)
    {
      ParResult *result = g_ptr_array_index (results, y);
      const ParNodeTotal *root = result != NULL ? par_result_get_total (result, NULL) : NULL;
      g_autofree char *code = g_strdup_printf ("%d", years[y]);

      par_chart_model_add_category (model, code, code, code);
      if (root != NULL && root->has_appraised)
        any_appraised = TRUE;
    }

  if (any_appraised)
    par_chart_model_add_series (model, _("Appraised"), 0);

  for (guint y = 0; y < results->len; y++)
    {
      ParResult *result = g_ptr_array_index (results, y);
      const ParNodeTotal *root;

      if (result == NULL)
        continue;
      root = par_result_get_total (result, NULL);
      set_from_total (model, 0, y, root, FALSE);
      if (any_appraised && root != NULL && root->has_appraised)
        set_from_total (model, 1, y, root, TRUE);
    }

  add_bands (model, latest_result (results, NULL));
  span = years_text (years, results->len);
  set_subtitle (model, NULL, span);
  return model;
}

ParChartModel *
par_chart_model_new_field_profile (GPtrArray *results,
                                   const int *years)
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

  model = par_chart_model_new_fields_across_years (chosen, chosen_years);
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
par_chart_model_new_lost_points (ParResult *result,
                                 int        year,
                                 guint      top_n)
{
  g_autoptr(GArray) lost = g_array_new (FALSE, FALSE, sizeof (Lost));
  g_autofree char *span = NULL;
  ParChartModel *model;
  GPtrArray *leaves;
  guint scored = 0;
  guint n;
  ParPoints cumulative = 0;

  model = par_chart_model_new (PAR_CHART_LOST, NULL);
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

      /* Deductions and bonuses lie outside the maximum: nothing to lose there. */
      if (node->kind != PAR_NODE_SUB && node->kind != PAR_NODE_CRITERION)
        continue;
      score = par_result_get_leaf (result, node->code);
      if (score == NULL || !score->has_final || score->applicable_max <= 0
          || (score->state != PAR_SCORE_SCORED && score->state != PAR_SCORE_SURVEY))
        continue;
      scored++;
      if (score->final < score->applicable_max)
        {
          Lost item = { node, score->applicable_max - score->final, score->applicable_max };

          g_array_append_val (lost, item);
          model->total_lost += item.lost;
        }
    }
  g_array_sort (lost, lost_compare);

  if (scored > 0 && lost->len == 0)
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
  par_chart_model_add_series (model, _("Self-assessment"), year);
  par_chart_model_add_series (model, _("Appraised"), year);
  if (result == NULL)
    return model;

  g_ptr_array_add (results, result);
  add_field_categories (model, results);
  for (guint c = 0; c < model->categories->len; c++)
    {
      const ParChartCategory *category = par_chart_model_get_category (model, c);
      const ParNodeTotal *total = par_result_get_total (result, category->code);

      set_from_total (model, 0, c, total, FALSE);
      if (total != NULL && total->has_appraised)
        set_from_total (model, 1, c, total, TRUE);
      else if (total != NULL && total->applicable_max <= 0 && total->done > 0)
        par_chart_model_set_state (model, 1, c, PAR_CHART_VALUE_NOT_APPLICABLE);
    }
  return model;
}

typedef struct {
  const char         *name;
  ParResult          *result;
  const ParNodeTotal *root;
} Ranked;

static gboolean
ranked_has_value (const Ranked *r)
{
  return r->root != NULL && r->root->done > 0 && r->root->applicable_max > 0;
}

static gint
ranked_compare (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;
  gboolean hx = ranked_has_value (x), hy = ranked_has_value (y);

  if (hx != hy)
    return hx ? -1 : 1;
  if (hx && x->root->index != y->root->index)
    return x->root->index > y->root->index ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

ParChartModel *
par_chart_model_new_units_ranked (GPtrArray *unit_names,
                                  GPtrArray *results,
                                  int        year)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GPtrArray) unranked = g_ptr_array_new ();
  g_autofree char *span = NULL;
  ParChartModel *model;
  ParResult *any = NULL;

  g_return_val_if_fail (unit_names != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (unit_names->len == results->len, NULL);

  model = par_chart_model_new (PAR_CHART_RANKING, NULL);
  if (year > 0)
    span = g_strdup_printf ("%d", year);
  set_subtitle (model, NULL, span);
  par_chart_model_add_series (model, span, year);

  for (guint i = 0; i < unit_names->len; i++)
    {
      Ranked row = { g_ptr_array_index (unit_names, i), g_ptr_array_index (results, i), NULL };

      if (row.result != NULL)
        {
          row.root = par_result_get_total (row.result, NULL);
          if (any == NULL)
            any = row.result;
        }
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, ranked_compare);

  /* Units without a result for the year are no rows of a ranking: a footnote names them. */
  for (guint i = 0; i < rows->len; i++)
    {
      const Ranked *row = &g_array_index (rows, Ranked, i);
      guint c;

      if (!ranked_has_value (row))
        {
          g_ptr_array_add (unranked, (gpointer) row->name);
          continue;
        }
      c = par_chart_model_add_category (model, row->name, row->name, NULL);
      set_from_total (model, 0, c, row->root, TRUE);
    }
  if (unranked->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *note = NULL;

      g_ptr_array_add (unranked, NULL);
      names = g_strjoinv (", ", (char **) unranked->pdata);
      /* TRANSLATORS: the ranking chart's footnote; %d is a year, %s a list of unit names */
      note = g_strdup_printf (_("No result for %d: %s."), year, names);
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

      if (root != NULL && root->has_appraised)
        {
          *index = i;
          return result;
        }
    }
  return latest_result (results, index);
}

ParChartModel *
par_chart_model_new_for_unit (ParChartType  type,
                              const char   *unit_name,
                              GPtrArray    *results,
                              const int    *years)
{
  ParChartModel *model = NULL;
  g_autofree char *span = NULL;
  ParResult *latest;
  guint latest_index = 0;

  g_return_val_if_fail (type != PAR_CHART_RANKING, NULL);
  g_return_val_if_fail (results != NULL, NULL);
  g_return_val_if_fail (years != NULL || results->len == 0, NULL);

  /* Where points were lost and where the council disagreed are read once the results are
   * out: the latest appraised year, or the latest year when none is appraised yet. */
  if (type == PAR_CHART_LOST || type == PAR_CHART_SELF_VS_APPRAISED)
    latest = latest_appraised_result (results, &latest_index);
  else
    latest = latest_result (results, &latest_index);
  switch (type)
    {
    case PAR_CHART_FIELDS:
      model = par_chart_model_new_fields_across_years (results, years);
      span = years_text (years, results->len);
      break;
    case PAR_CHART_TOTAL:
      model = par_chart_model_new_total_over_years (results, years);
      span = years_text (years, results->len);
      break;
    case PAR_CHART_RADAR:
      model = par_chart_model_new_field_profile (results, years);
      span = g_strdup (model->subtitle);
      break;
    case PAR_CHART_LOST:
      model = par_chart_model_new_lost_points (latest, latest != NULL ? years[latest_index] : 0,
                                               PAR_CHART_LOST_TOP_N);
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
