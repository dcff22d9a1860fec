/* par-scorer.c — a year's result: every leaf's score, totals per column, index % and bands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figures.h"
#include "par-format.h"
#include "par-scorer.h"

/* --- results --------------------------------------------------------------------------------- */

typedef struct {
  ParLeafScore    score;
  const ParEntry *entry;
  gboolean        explained;
} LeafSlot;

/* Per-node arrays indexed by ParNode.node_index / leaf_index, in the result's own block:
 * scoring a year allocates one block, whatever the size of the criteria set (issue 11). */
struct _ParResult {
  gatomicrefcount  ref_count;
  ParFramework    *framework;
  GPtrArray       *entries;     /* kept for explanations formatted on demand */
  LeafSlot        *leaves;      /* n_leaves, after the struct in its block */
  ParNodeTotal    *totals;      /* n_nodes, after the leaves */
  ParPoints        deductions;
  ParPoints        bonuses;
  ParScoreContext  context;     /* format 2: year, figures, evidence (references held) */
};

/* --- score columns --------------------------------------------------------------------------- */

const char *
par_score_column_label (ParScoreColumn column)
{
  switch (column)
    {
    case PAR_COLUMN_SELF:
      /* TRANSLATORS: the column of scores the unit gave itself. */
      return _("Self-assessed");
    case PAR_COLUMN_APPRAISED:
      /* TRANSLATORS: the column of scores the appraisal council gave. */
      return _("Appraised");
    case PAR_COLUMN_FINAL:
      /* TRANSLATORS: the column of scores that count: appraised where given, else self-assessed. */
      return _("Final");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* par_leaf_score_get ()'s body, inlined where totals are summed (three columns of every
 * leaf of every year scored, issue 11). */
static inline gboolean
leaf_score_get (const ParLeafScore *score,
                ParScoreColumn      column,
                ParPoints          *out)
{
  gboolean survey = score->state == PAR_SCORE_SURVEY;
  gboolean has = FALSE;
  ParPoints value = 0;

  switch (column)
    {
    case PAR_COLUMN_SELF:
      if (survey)
        has = score->has_survey, value = score->survey;
      else if (score->has_self && score->state == PAR_SCORE_SCORED)
        has = TRUE, value = score->self;
      break;
    case PAR_COLUMN_APPRAISED:
      if (score->has_appraised)
        has = TRUE, value = score->appraised;
      else if (survey)
        has = score->has_survey, value = score->survey;
      break;
    case PAR_COLUMN_FINAL:
      has = score->has_final, value = score->final;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (has && out != NULL)
    *out = value;
  return has;
}

gboolean
par_leaf_score_get (const ParLeafScore *score,
                    ParScoreColumn      column,
                    ParPoints          *out)
{
  return leaf_score_get (score, column, out);
}

gboolean
par_leaf_score_is_done (const ParLeafScore *score)
{
  return score->state == PAR_SCORE_SCORED || score->state == PAR_SCORE_NOT_APPLICABLE;
}

ParPoints
par_node_total_points (const ParNodeTotal *total,
                       ParScoreColumn      column)
{
  switch (column)
    {
    case PAR_COLUMN_SELF:
      return total->self_total;
    case PAR_COLUMN_APPRAISED:
      return total->appraised_total;
    case PAR_COLUMN_FINAL:
      return total->final_total;
    default:
      g_return_val_if_reached (0);
    }
}

gint64
par_node_total_index (const ParNodeTotal *total,
                      ParScoreColumn      column)
{
  switch (column)
    {
    case PAR_COLUMN_SELF:
      return total->self_index;
    case PAR_COLUMN_APPRAISED:
      return total->appraised_index;
    case PAR_COLUMN_FINAL:
      return total->index;
    default:
      g_return_val_if_reached (-1);
    }
}

ParPoints
par_node_total_measured_max (const ParNodeTotal *total,
                             ParScoreColumn      column)
{
  switch (column)
    {
    case PAR_COLUMN_SELF:
    case PAR_COLUMN_FINAL:
      return total->applicable_max - total->pending_max;
    case PAR_COLUMN_APPRAISED:
      return total->appraised_max;
    default:
      g_return_val_if_reached (0);
    }
}

ParAppraisal
par_node_total_appraisal (const ParNodeTotal *total)
{
  if (total->appraised_leaves == 0)
    return PAR_APPRAISAL_NONE;
  return total->unappraised_leaves > 0 ? PAR_APPRAISAL_PARTIAL : PAR_APPRAISAL_COMPLETE;
}

gboolean
par_node_total_has_scores (const ParNodeTotal *total,
                           ParScoreColumn      column)
{
  if (total->surveyed_leaves > 0)
    return TRUE;
  switch (column)
    {
    case PAR_COLUMN_SELF:
      return total->done > 0;
    case PAR_COLUMN_APPRAISED:
      return total->appraised_leaves > 0;
    case PAR_COLUMN_FINAL:
      return total->done > 0 || total->appraised_leaves > 0;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* --- totals ---------------------------------------------------------------------------------- */

static gint64
index_of (ParPoints part,
          ParPoints whole)
{
  return whole > 0 ? par_percent_of (part, whole) : -1;
}

static void
set_indices (ParNodeTotal *total)
{
  ParPoints measured = total->applicable_max - total->pending_max;

  total->index = index_of (total->final_total, measured);
  /* Self and final are most often the same points (nothing appraised): one division. */
  total->self_index = total->self_total == total->final_total
                      ? total->index : index_of (total->self_total, measured);
  total->appraised_index = total->appraised_leaves > 0
                           ? index_of (total->appraised_total, total->appraised_max) : -1;
}

static void
total_leaf (ParNodeTotal       *total,
            const ParLeafScore *s)
{
  gboolean survey = s->state == PAR_SCORE_SURVEY;
  ParPoints value;

  total->applicable_max = s->applicable_max;
  if (survey)
    {
      total->survey_leaves = 1;
      total->surveyed_leaves = s->has_survey;
    }
  else
    {
      total->leaves = 1;
      total->done = par_leaf_score_is_done (s);
    }
  if (leaf_score_get (s, PAR_COLUMN_SELF, &value))
    total->self_total = value;
  if (leaf_score_get (s, PAR_COLUMN_APPRAISED, &value))
    {
      total->appraised_total = value;
      total->appraised_max = s->applicable_max;
    }
  if (leaf_score_get (s, PAR_COLUMN_FINAL, &value))
    total->final_total = value;
  total->has_appraised = s->has_appraised;
  total->appraised_leaves = s->has_appraised;
  total->unappraised_leaves = !s->has_appraised && !survey && s->state != PAR_SCORE_NOT_APPLICABLE;
  if (survey && !s->has_final)
    total->pending_max = s->applicable_max;
}

static ParNodeTotal *
total_node (ParResult     *result,
            const ParNode *node)
{
  ParNodeTotal *total = &result->totals[node->node_index];

  /* Every node is totalled once, here: its total starts from zero here, not in a zeroed
   * block. */
  memset (total, 0, sizeof *total);
  total->node = node;
  total->max = node->max;

  if (node->rule != NULL)
    total_leaf (total, &result->leaves[node->leaf_index].score);
  else
    {
      for (guint i = 0; i < node->children->len; i++)
        {
          ParNodeTotal *child = total_node (result, g_ptr_array_index (node->children, i));
          total->applicable_max += child->applicable_max;
          total->pending_max += child->pending_max;
          total->self_total += child->self_total;
          total->final_total += child->final_total;
          total->appraised_total += child->appraised_total;
          total->appraised_max += child->appraised_max;
          total->has_appraised |= child->has_appraised;
          total->leaves += child->leaves;
          total->done += child->done;
          total->survey_leaves += child->survey_leaves;
          total->surveyed_leaves += child->surveyed_leaves;
          total->appraised_leaves += child->appraised_leaves;
          total->unappraised_leaves += child->unappraised_leaves;
        }
      if (node->aggregate == PAR_AGGREGATE_CAPPED)
        {
          /* The part that can be scored now is capped too; only the rest of the capped
           * maximum waits for the survey (6 + 6-pending capped at 10 is measured on 6, not 4). */
          ParPoints assessable = total->applicable_max - total->pending_max;

          total->applicable_max = MIN (total->applicable_max, node->max);
          total->pending_max = total->applicable_max - MIN (assessable, total->applicable_max);
          total->self_total = MIN (total->self_total, node->max);
          total->final_total = MIN (total->final_total, node->max);
          total->appraised_total = MIN (total->appraised_total, node->max);
          total->appraised_max = MIN (total->appraised_max, node->max);
        }
    }
  set_indices (total);
  return total;
}

ParResult *
par_score (ParFramework *framework,
           GPtrArray    *entries)
{
  return par_score_with (framework, entries, NULL);
}

ParResult *
par_score_with (ParFramework          *framework,
                GPtrArray             *entries,
                const ParScoreContext *context)
{
  ParResult *result;
  GPtrArray *leaves;
  ParNodeTotal *root;
  ParPoints self_adjust = 0;
  ParPoints appraised_adjust = 0;
  gsize leaves_at, totals_at;

  g_return_val_if_fail (framework != NULL, NULL);

  leaves = par_framework_get_leaves (framework);
  leaves_at = (sizeof (ParResult) + 15) & ~(gsize) 15;
  totals_at = (leaves_at + leaves->len * sizeof (LeafSlot) + 15) & ~(gsize) 15;
  /* Not zeroed as a whole: each leaf's score is written whole by par_rule_evaluate_with ()
   * and each node's total by total_node (); zeroing 28 KB a year first was done twice over
   * (issue 11). */
  result = g_malloc (totals_at + par_framework_get_n_nodes (framework) * sizeof (ParNodeTotal));
  memset (result, 0, sizeof *result);
  g_atomic_ref_count_init (&result->ref_count);
  result->framework = par_framework_ref (framework);
  result->entries = entries != NULL ? g_ptr_array_ref (entries) : NULL;
  result->leaves = (LeafSlot *) ((char *) result + leaves_at);
  result->totals = (ParNodeTotal *) ((char *) result + totals_at);
  if (context != NULL)
    {
      result->context.year = context->year;
      result->context.figures = context->figures != NULL ? par_figure_result_ref (context->figures) : NULL;
      result->context.evidence = context->evidence != NULL ? g_hash_table_ref (context->evidence) : NULL;
    }

  for (guint i = 0; i < leaves->len; i++)
    {
      result->leaves[i].entry = NULL;
      result->leaves[i].explained = FALSE;
    }
  /* The store reads a year's entries by code, which is the set's leaf order in most sets: the
   * leaf at the entry's position is tried before the hash table (a strcmp, not a hash and a
   * look-up, for each of a re-score's 100,000 entries; issue 11). Codes are unique in a set, so
   * either way finds the same node. */
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ParEntry *entry = g_ptr_array_index (entries, i);
      const ParNode *guess = i < leaves->len ? g_ptr_array_index (leaves, i) : NULL;
      const ParNode *node = guess != NULL && entry->code != NULL && strcmp (guess->code, entry->code) == 0
                            ? guess : par_framework_lookup (framework, entry->code);
      if (node != NULL && node->rule != NULL)
        result->leaves[node->leaf_index].entry = entry;
    }
  for (guint i = 0; i < leaves->len; i++)
    {
      LeafSlot *slot = &result->leaves[i];
      par_rule_evaluate_with (g_ptr_array_index (leaves, i), slot->entry, &result->context, FALSE,
                              &slot->score);
    }

  root = total_node (result, par_framework_get_root (framework));

  for (guint i = 0; i < par_framework_get_adjustments (framework)->len; i++)
    {
      const ParNode *adj = g_ptr_array_index (par_framework_get_adjustments (framework), i);
      ParNodeTotal *t = total_node (result, adj);
      if (adj->kind == PAR_NODE_DEDUCTION)
        {
          result->deductions += t->final_total;
          self_adjust -= t->self_total;
          appraised_adjust -= t->appraised_total;
        }
      else
        {
          result->bonuses += t->final_total;
          self_adjust += t->self_total;
          appraised_adjust += t->appraised_total;
        }
    }
  root->final_total += result->bonuses - result->deductions;
  root->self_total += self_adjust;
  root->appraised_total += appraised_adjust;
  set_indices (root);
  return result;
}

ParResult *
par_result_ref (ParResult *result)
{
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
par_result_unref (ParResult *result)
{
  /* NULL is accepted, so arrays with a hole for a year without a result can free it. */
  if (result == NULL)
    return;
  if (!g_atomic_ref_count_dec (&result->ref_count))
    return;
  for (guint i = 0; i < par_framework_get_leaves (result->framework)->len; i++)
    par_leaf_score_clear (&result->leaves[i].score);
  g_clear_pointer (&result->entries, g_ptr_array_unref);
  g_clear_pointer (&result->context.figures, par_figure_result_unref);
  g_clear_pointer (&result->context.evidence, g_hash_table_unref);
  par_framework_unref (result->framework);
  g_free (result);
}

ParFramework *
par_result_get_framework (ParResult *result)
{
  return result->framework;
}

const ParLeafScore *
par_result_get_leaf (ParResult  *result,
                     const char *code)
{
  const ParNode *node = par_framework_lookup (result->framework, code);
  LeafSlot *slot;

  if (node == NULL || node->rule == NULL)
    return NULL;
  slot = &result->leaves[node->leaf_index];
  if (!slot->explained)
    {
      /* Same rule, same entry: only the text is added. */
      ParLeafScore explained;
      par_rule_evaluate_with (slot->score.node, slot->entry, &result->context, TRUE, &explained);
      g_free (slot->score.explanation);
      slot->score.explanation = g_steal_pointer (&explained.explanation);
      slot->explained = TRUE;
    }
  return &slot->score;
}

const ParNodeTotal *
par_result_get_total (ParResult  *result,
                      const char *code)
{
  const ParNode *node = code != NULL && code[0] != '\0' ? par_framework_lookup (result->framework, code)
                                      : par_framework_get_root (result->framework);

  return node != NULL ? &result->totals[node->node_index] : NULL;
}

ParPoints
par_result_get_deductions (ParResult *result)
{
  return result->deductions;
}

ParPoints
par_result_get_bonuses (ParResult *result)
{
  return result->bonuses;
}

const ParBand *
par_result_get_column_band (ParResult      *result,
                            ParScoreColumn  column)
{
  const ParNodeTotal *root = par_result_get_total (result, NULL);

  /* No band when nothing is measurable (index -1). Deductions can push a real index below 0:
   * that unit is in the lowest band, not in none. */
  if (par_node_total_measured_max (root, column) <= 0 ||
      (column == PAR_COLUMN_APPRAISED && root->appraised_leaves == 0))
    return NULL;
  return par_framework_band_for (result->framework, MAX (par_node_total_index (root, column), 0));
}

const ParBand *
par_result_get_band (ParResult *result)
{
  return par_result_get_column_band (result, PAR_COLUMN_FINAL);
}
