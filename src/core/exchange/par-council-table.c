/* par-council-table.c — a ranking as CSV and XLSX, and the council's full score table as XLSX
 * (libxlsxwriter).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"


#include <glib/gi18n-lib.h>

#include "base/par-format.h"
#include "par-council-table.h"
#include "par-csv.h"
#include "par-error.h"
#include "par-xlsx-file.h"

static const char *
state_key (ParRankState state)
{
  switch (state)
    {
    case PAR_RANK_RANKED:
      return "ranked";
    case PAR_RANK_NOT_APPRAISED:
      return "not-appraised";
    case PAR_RANK_NO_RESULT:
    default:
      return "no-result";
    }
}

static const char *
row_set_id (const ParRankRow *row)
{
  return row->result != NULL ? par_framework_get_id (par_result_get_framework (row->result))
                             : NULL;
}

static void
append_points (GString   *out,
               ParPoints  points)
{
  g_autofree char *text = par_format_points_sep (points, '.');

  g_string_append (out, text);
}

char *
par_ranking_to_csv (const ParRanking *ranking)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (ranking != NULL, NULL);

  g_string_append (out, "rank,unit,level,criteria_set,points,max,index,band,previous_rank,"
                        "change,state\r\n");
  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      gboolean ranked = row->state == PAR_RANK_RANKED;
      int change;

      if (ranked)
        g_string_append_printf (out, "%u", row->rank);
      g_string_append_c (out, ',');
      par_csv_append_text_cell (out, row->unit_name);
      g_string_append_c (out, ',');
      if (row->level != 0)
        g_string_append (out, par_level_to_string (row->level));
      g_string_append_c (out, ',');
      par_csv_append_text_cell (out, row_set_id (row));
      g_string_append_c (out, ',');
      if (ranked)
        {
          g_autofree char *index = par_format_percent_sep (row->index, 2, '.', PAR_FORMAT_PLAIN);

          append_points (out, row->points);
          g_string_append_c (out, ',');
          append_points (out, row->max);
          g_string_append_printf (out, ",%s", index);
        }
      else
        g_string_append (out, ",,");
      g_string_append_c (out, ',');
      par_csv_append_text_cell (out, row->band != NULL ? row->band->name : NULL);
      g_string_append_c (out, ',');
      if (row->previous_rank > 0)
        g_string_append_printf (out, "%u", row->previous_rank);
      g_string_append_c (out, ',');
      if (par_rank_row_change (row, &change))
        g_string_append_printf (out, "%d", change);
      g_string_append_printf (out, ",%s\r\n", state_key (row->state));
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* XLSX                                                                                       */

static double
hundredths (gint64 value)
{
  return (double) value / 100.0;
}

gboolean
par_ranking_write_xlsx (const ParRanking  *ranking,
                        const char        *path,
                        GError           **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold, *number;
  const char *headers[] = {
    N_("Rank"), N_("Unit"), N_("Level"), N_("Criteria set"), N_("Points"), N_("Maximum"),
    N_("Index %"), N_("Band"), N_("Rank the year before"), N_("Change"),
  };

  g_return_val_if_fail (ranking != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  if (!par_xlsxwriter_load (error))
    return FALSE;

  if ((workbook = par_xlsx_file_begin (path, &tmp, error)) == NULL)
    return FALSE;
  sheet = workbook_add_worksheet (workbook, NULL);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  number = workbook_add_format (workbook);
  format_set_num_format (number, "0.00");

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet, 0, c, _(headers[c]), bold);
  worksheet_set_column (sheet, 1, 1, 40, NULL);
  worksheet_set_column (sheet, 3, 3, 24, NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      lxw_row_t r = i + 1;
      int change;

      if (row->state == PAR_RANK_RANKED)
        {
          worksheet_write_number (sheet, r, 0, row->rank, NULL);
          worksheet_write_number (sheet, r, 4, hundredths (row->points), number);
          worksheet_write_number (sheet, r, 5, hundredths (row->max), number);
          worksheet_write_number (sheet, r, 6, hundredths (row->index), number);
        }
      else
        worksheet_write_string (sheet, r, 6, row->state == PAR_RANK_NOT_APPRAISED
                                             ? _("not appraised") : _("no result"), NULL);
      worksheet_write_string (sheet, r, 1, row->unit_name, NULL);
      if (row->level != 0)
        worksheet_write_string (sheet, r, 2, par_level_to_string (row->level), NULL);
      if (row_set_id (row) != NULL)
        worksheet_write_string (sheet, r, 3, row_set_id (row), NULL);
      if (row->band != NULL)
        worksheet_write_string (sheet, r, 7, row->band->name, NULL);
      if (row->previous_rank > 0)
        worksheet_write_number (sheet, r, 8, row->previous_rank, NULL);
      if (par_rank_row_change (row, &change))
        worksheet_write_number (sheet, r, 9, change, NULL);
    }
  return par_xlsx_file_finish (workbook, tmp, path, error);
}

/* ------------------------------------------------------------------------------------------ */
/* The full score table                                                                       */

typedef struct {
  lxw_format *bold;
  lxw_format *bold_number;
  lxw_format *number;
  lxw_format *wrap;
} TableFormats;

/* A sub-criterion's cell in @column: a number, "N/A", or nothing when the column has no score. */
static void
write_leaf_cell (lxw_worksheet      *sheet,
                 lxw_row_t           r,
                 lxw_col_t           c,
                 ParResult          *result,
                 const ParNode      *leaf,
                 ParScoreColumn      column,
                 const TableFormats *f,
                 ParPoints          *sum,
                 guint              *n)
{
  const ParLeafScore *score = result != NULL ? par_result_get_leaf (result, leaf->code) : NULL;
  ParPoints points;

  if (score == NULL)
    return;
  if (score->state == PAR_SCORE_NOT_APPLICABLE)
    {
      worksheet_write_string (sheet, r, c, _("N/A"), NULL);
      return;
    }
  if (!par_leaf_score_get (score, column, &points))
    return;
  worksheet_write_number (sheet, r, c, hundredths (points), f->number);
  *sum += points;
  (*n)++;
}

static void
write_column_sheet (lxw_workbook       *workbook,
                    const ParRanking   *ranking,
                    GPtrArray          *leaves,
                    ParScoreColumn      column,
                    const TableFormats *f)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, par_score_column_label (column));
  guint n_leaves = leaves->len;
  lxw_col_t c_total = 2 + n_leaves, c_max = c_total + 1, c_index = c_total + 2;
  /* per column: the sum over units and how many units have a value */
  g_autofree ParPoints *sums = g_new0 (ParPoints, n_leaves + 3);
  g_autofree guint *counts = g_new0 (guint, n_leaves + 3);
  lxw_row_t last = 1;

  worksheet_write_string (sheet, 0, 0, _("Rank"), f->bold);
  worksheet_write_string (sheet, 0, 1, _("Unit"), f->bold);
  worksheet_write_string (sheet, 1, 1, _("Maximum"), f->bold);
  for (guint l = 0; l < n_leaves; l++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, l);

      worksheet_write_string (sheet, 0, 2 + l, leaf->code, f->bold);
      worksheet_write_number (sheet, 1, 2 + l, hundredths (leaf->max), f->bold_number);
    }
  worksheet_write_string (sheet, 0, c_total, _("Total"), f->bold);
  worksheet_write_string (sheet, 0, c_max, _("Applicable maximum"), f->bold);
  worksheet_write_string (sheet, 0, c_index, _("Index %"), f->bold);

  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);
      const ParNodeTotal *root = row->result != NULL ? par_result_get_total (row->result, NULL) : NULL;
      lxw_row_t r = 2 + i;

      last = r;
      if (row->state == PAR_RANK_RANKED)
        worksheet_write_number (sheet, r, 0, row->rank, NULL);
      worksheet_write_string (sheet, r, 1, row->unit_name, NULL);
      for (guint l = 0; l < n_leaves; l++)
        write_leaf_cell (sheet, r, 2 + l, row->result, g_ptr_array_index (leaves, l), column, f,
                         &sums[l], &counts[l]);
      if (root != NULL && par_node_total_has_scores (root, column))
        {
          ParPoints points = par_node_total_points (root, column);
          ParPoints max = par_node_total_measured_max (root, column);
          gint64 index = par_node_total_index (root, column);

          worksheet_write_number (sheet, r, c_total, hundredths (points), f->number);
          worksheet_write_number (sheet, r, c_max, hundredths (max), f->number);
          sums[n_leaves] += points, counts[n_leaves]++;
          sums[n_leaves + 1] += max, counts[n_leaves + 1]++;
          if (index >= 0)
            {
              worksheet_write_number (sheet, r, c_index, hundredths (index), f->number);
              sums[n_leaves + 2] += index, counts[n_leaves + 2]++;
            }
        }
    }

  /* the province's rows, after an empty one so that sorting the units leaves them alone */
  worksheet_write_string (sheet, last + 2, 1, _("Total"), f->bold);
  worksheet_write_string (sheet, last + 3, 1, _("Average"), f->bold);
  for (guint k = 0; k < n_leaves + 3; k++)
    {
      if (counts[k] == 0)
        continue;
      if (k != n_leaves + 2)   /* a sum of index % means nothing */
        worksheet_write_number (sheet, last + 2, 2 + k, hundredths (sums[k]), f->bold_number);
      worksheet_write_number (sheet, last + 3, 2 + k,
                              hundredths (par_round_div (sums[k], counts[k])), f->bold_number);
    }

  worksheet_set_column (sheet, 0, 0, 6, NULL);
  worksheet_set_column (sheet, 1, 1, 36, NULL);
  if (n_leaves > 0)
    worksheet_set_column (sheet, 2, 1 + n_leaves, 7, NULL);
  worksheet_set_column (sheet, c_total, c_index, 11, NULL);
  worksheet_freeze_panes (sheet, 2, 2);
  if (ranking->rows->len > 0)
    worksheet_autofilter (sheet, 1, 0, last, c_index);
}

static void
write_leaves_sheet (lxw_workbook       *workbook,
                    GPtrArray          *leaves,
                    const TableFormats *f)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, _("Sub-criteria"));
  const char *headers[] = { N_("Code"), N_("Field"), N_("Sub-criterion"), N_("Maximum") };

  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    worksheet_write_string (sheet, 0, c, _(headers[c]), f->bold);
  for (guint l = 0; l < leaves->len; l++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, l);
      const ParNode *field = leaf;

      while (field->parent != NULL && field->kind != PAR_NODE_FIELD)
        field = field->parent;
      worksheet_write_string (sheet, 1 + l, 0, leaf->code, NULL);
      if (field->kind == PAR_NODE_FIELD)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", field->code, field->title);
          worksheet_write_string (sheet, 1 + l, 1, name, NULL);
        }
      else if (leaf->kind == PAR_NODE_DEDUCTION || leaf->kind == PAR_NODE_BONUS)
        /* its points are taken off (or added) outside the fields */
        worksheet_write_string (sheet, 1 + l, 1, leaf->kind == PAR_NODE_DEDUCTION ? _("Deduction")
                                                                               : _("Bonus"), NULL);
      worksheet_write_string (sheet, 1 + l, 2, leaf->title, f->wrap);
      worksheet_write_number (sheet, 1 + l, 3, hundredths (leaf->max), f->number);
    }
  worksheet_set_column (sheet, 0, 0, 8, NULL);
  worksheet_set_column (sheet, 1, 1, 30, NULL);
  worksheet_set_column (sheet, 2, 2, 70, NULL);
  worksheet_set_column (sheet, 3, 3, 9, NULL);
  worksheet_freeze_panes (sheet, 1, 0);
}

gboolean
par_score_table_write_xlsx (const ParRanking  *ranking,
                            const char        *path,
                            GError           **error)
{
  static const ParScoreColumn columns[] = { PAR_COLUMN_FINAL, PAR_COLUMN_APPRAISED, PAR_COLUMN_SELF };
  g_autofree char *tmp = NULL;
  g_autoptr(GPtrArray) leaves = NULL;
  lxw_workbook *workbook;
  TableFormats f;

  g_return_val_if_fail (ranking != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  if (!par_xlsxwriter_load (error))
    return FALSE;

  for (guint i = 0; i < ranking->rows->len && leaves == NULL; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);

      if (row->result != NULL)
        leaves = g_ptr_array_ref (par_framework_get_leaves (par_result_get_framework (row->result)));
    }
  if (leaves == NULL)
    leaves = g_ptr_array_new ();

  if ((workbook = par_xlsx_file_begin (path, &tmp, error)) == NULL)
    return FALSE;
  f.bold = workbook_add_format (workbook);
  format_set_bold (f.bold);
  f.bold_number = workbook_add_format (workbook);
  format_set_bold (f.bold_number);
  format_set_num_format (f.bold_number, "0.00");
  f.number = workbook_add_format (workbook);
  format_set_num_format (f.number, "0.00");
  f.wrap = workbook_add_format (workbook);
  format_set_text_wrap (f.wrap);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    write_column_sheet (workbook, ranking, leaves, columns[c], &f);
  write_leaves_sheet (workbook, leaves, &f);
  return par_xlsx_file_finish (workbook, tmp, path, error);
}
