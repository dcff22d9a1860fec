/* par-council-report-data.c — what the council report shows, read from the store: the round's
 * ranking (par_store_rank(), the one ordering), each unit's comments, replies and changed
 * sub-criteria, each field's statistics across the units and the points lost per sub-criterion.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-council-report-private.h"

char *
report_points (ParPoints points)
{
  return par_format_points_sep (points, REPORT_DECIMAL);
}

char *
report_percent (gint64 hundredths)
{
  return par_format_percent_sep (hundredths, 2, REPORT_DECIMAL, PAR_FORMAT_PERCENT);
}

const char *
report_level_label (ParLevel level)
{
  switch (level)
    {
    case PAR_LEVEL_DISTRICT:
      return _("districts");
    case PAR_LEVEL_COMMUNE:
      return _("communes");
    case PAR_LEVEL_DEPARTMENT:
    default:
      return _("departments and boards");
    }
}

static void
report_unit_free (ReportUnit *u)
{
  g_clear_pointer (&u->entries, g_ptr_array_unref);
  g_clear_pointer (&u->replies, g_ptr_array_unref);
  g_clear_pointer (&u->changes, g_array_unref);
  g_free (u);
}

void
report_clear (Report *r)
{
  g_clear_pointer (&r->units, g_ptr_array_unref);
  g_clear_pointer (&r->fields, g_array_unref);
  g_clear_pointer (&r->lost, g_array_unref);
  g_clear_pointer (&r->ranking, par_ranking_free);
  g_clear_pointer (&r->round, par_round_free);
  g_clear_pointer (&r->date, g_date_time_unref);
  g_clear_pointer (&r->council, g_free);
  pack_fonts_clear (&r->fonts);
}

static const char *
find_comment (GPtrArray  *entries,
              const char *code)
{
  for (guint i = 0; i < entries->len; i++)
    {
      const ParEntry *e = g_ptr_array_index (entries, i);

      if (g_str_equal (e->code, code))
        return e->comment != NULL && *e->comment != '\0' ? e->comment : NULL;
    }
  return NULL;
}

static const char *
find_reply (GPtrArray  *replies,
            const char *code)
{
  for (guint i = 0; i < replies->len; i++)
    {
      const ParReply *reply = g_ptr_array_index (replies, i);

      if (g_str_equal (reply->code, code))
        return reply->text;
    }
  return NULL;
}

/* The unit's sub-criteria whose appraised score is not its self-assessed one. */
static void
collect_changes (ReportUnit *u)
{
  ParResult *result = u->row->result;
  GPtrArray *leaves = par_framework_get_leaves (par_result_get_framework (result));

  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      const ParLeafScore *score = par_result_get_leaf (result, leaf->code);
      ReportChange change = { leaf, FALSE, 0, 0, NULL, NULL };

      if (score == NULL || !score->has_appraised)
        continue;
      u->n_appraised++;
      if (score->has_self && score->self == score->appraised)
        continue;
      change.has_self = score->has_self;
      change.self = score->self;
      change.appraised = score->appraised;
      change.comment = find_comment (u->entries, leaf->code);
      change.reply = find_reply (u->replies, leaf->code);
      g_array_append_val (u->changes, change);
    }
}

/* Average, minimum, maximum and standard deviation of each field's final points, and the
 * average of its index %, over the ranked units. */
static void
collect_fields (Report *r)
{
  GPtrArray *fields = par_framework_get_fields (r->fw);

  r->fields = g_array_new (FALSE, TRUE, sizeof (ReportField));
  for (guint f = 0; f < fields->len; f++)
    {
      ReportField field = { g_ptr_array_index (fields, f), 0, 0, 0, 0, 0, -1 };
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (ParPoints));
      ParPoints sum = 0;
      gint64 index_sum = 0;
      guint n_index = 0;
      double squares = 0;

      for (guint i = 0; i < r->units->len; i++)
        {
          ReportUnit *u = g_ptr_array_index (r->units, i);
          const ParNodeTotal *total;
          ParPoints points;
          gint64 index;

          if (u->row->state != PAR_RANK_RANKED || u->row->result == NULL ||
              (total = par_result_get_total (u->row->result, field.node->code)) == NULL ||
              !par_node_total_has_scores (total, PAR_COLUMN_FINAL))
            continue;
          points = par_node_total_points (total, PAR_COLUMN_FINAL);
          g_array_append_val (values, points);
          sum += points;
          field.min = values->len == 1 ? points : MIN (field.min, points);
          field.max = values->len == 1 ? points : MAX (field.max, points);
          if ((index = par_node_total_index (total, PAR_COLUMN_FINAL)) >= 0)
            index_sum += index, n_index++;
        }
      field.n = values->len;
      if (field.n > 0)
        {
          double mean = (double) sum / field.n;

          field.average = par_round_div (sum, field.n);
          for (guint i = 0; i < values->len; i++)
            {
              double d = g_array_index (values, ParPoints, i) - mean;
              squares += d * d;
            }
          /* the population's deviation, in hundredths of a point, rounded half away from 0 */
          field.sd = (ParPoints) llround (sqrt (squares / field.n));
        }
      if (n_index > 0)
        field.average_index = par_round_div (index_sum, n_index);
      g_array_append_val (r->fields, field);
    }
}

static int
compare_lost (gconstpointer a,
              gconstpointer b)
{
  const ReportLost *x = a, *y = b;

  if (x->lost != y->lost)
    return x->lost > y->lost ? -1 : 1;
  return x->leaf->leaf_index < y->leaf->leaf_index ? -1 : x->leaf->leaf_index > y->leaf->leaf_index;
}

/* Points lost per sub-criterion over the ranked units: applicable maximum − final score. A
 * sub-criterion with no score lost its whole maximum; survey-only items not surveyed yet and
 * items that do not apply lose nothing; deductions and bonuses are no sub-criteria. */
static void
collect_lost (Report *r)
{
  GPtrArray *leaves = par_framework_get_leaves (r->fw);
  guint top = r->opts.top_lost > 0 ? r->opts.top_lost : PAR_COUNCIL_REPORT_TOP_LOST;

  r->lost = g_array_new (FALSE, TRUE, sizeof (ReportLost));
  for (guint l = 0; l < leaves->len; l++)
    {
      ReportLost lost = { g_ptr_array_index (leaves, l), 0, 0 };

      if (lost.leaf->kind == PAR_NODE_DEDUCTION || lost.leaf->kind == PAR_NODE_BONUS)
        continue;
      for (guint i = 0; i < r->units->len; i++)
        {
          ReportUnit *u = g_ptr_array_index (r->units, i);
          const ParLeafScore *score;
          ParPoints points, lost_here;

          if (u->row->state != PAR_RANK_RANKED || u->row->result == NULL ||
              (score = par_result_get_leaf (u->row->result, lost.leaf->code)) == NULL ||
              score->state == PAR_SCORE_NOT_APPLICABLE)
            continue;
          if (par_leaf_score_get (score, PAR_COLUMN_FINAL, &points))
            lost_here = score->applicable_max - points;
          else if (score->state == PAR_SCORE_SURVEY)
            continue;
          else
            lost_here = score->applicable_max;
          if (lost_here > 0)
            lost.lost += lost_here, lost.n_units++;
        }
      if (lost.lost > 0)
        {
          g_array_append_val (r->lost, lost);
          r->lost_total += lost.lost;
        }
    }
  r->n_lost_leaves = r->lost->len;
  g_array_sort (r->lost, compare_lost);
  if (r->lost->len > top)
    g_array_set_size (r->lost, top);
}

ParRanking *
report_round_ranking (ParStore        *store,
                      const ParRound  *round,
                      GError         **error)
{
  ParRankFilter filter = { round->year, round->set_id, round->level, PAR_COLUMN_FINAL };

  return par_store_rank (store, &filter, error);
}

gboolean
report_load (Report  *r,
             gint64   round_id,
             GError **error)
{
  g_autoptr(GPtrArray) round_units = NULL;

  if ((r->round = par_store_get_round (r->store, round_id, error)) == NULL)
    return FALSE;
  if ((r->ranking = report_round_ranking (r->store, r->round, error)) == NULL ||
      (round_units = par_store_round_units (r->store, round_id, error)) == NULL)
    return FALSE;

  r->units = g_ptr_array_new_with_free_func ((GDestroyNotify) report_unit_free);
  for (guint i = 0; i < r->ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (r->ranking->rows, i);
      ReportUnit *u = g_new0 (ReportUnit, 1);

      u->row = row;
      u->changes = g_array_new (FALSE, TRUE, sizeof (ReportChange));
      g_ptr_array_add (r->units, u);
      for (guint k = 0; k < round_units->len; k++)
        {
          const ParRoundUnit *ru = g_ptr_array_index (round_units, k);

          if (ru->unit_id == row->unit_id)
            {
              u->assessment_id = ru->assessment_id;
              u->state = ru->state;
              u->late = ru->late;
              u->reply_late = ru->reply_late;
            }
        }
      if (row->result == NULL || u->assessment_id == 0)
        continue;
      if (r->fw == NULL)
        r->fw = par_result_get_framework (row->result);
      if ((u->entries = par_store_get_entries (r->store, u->assessment_id, error)) == NULL ||
          (u->replies = par_store_list_replies (r->store, u->assessment_id, error)) == NULL)
        return FALSE;
      collect_changes (u);
    }
  if (r->fw != NULL)
    {
      collect_fields (r);
      collect_lost (r);
    }
  else
    {
      r->fields = g_array_new (FALSE, TRUE, sizeof (ReportField));
      r->lost = g_array_new (FALSE, TRUE, sizeof (ReportLost));
    }
  return TRUE;
}
