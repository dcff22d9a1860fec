/* par-council-table.c — a ranking as CSV and XLSX (libxlsxwriter).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "base/par-format.h"
#include "par-council-table.h"
#include "par-csv.h"
#include "par-error.h"

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

static gboolean
set_xlsx_error (GError     **error,
                lxw_error    failure,
                const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               /* TRANSLATORS: a file name, then libxlsxwriter's reason (in English) */
               _("Could not write the spreadsheet %s: %s."), name, lxw_strerror (failure));
  return FALSE;
}

/* A new, empty file beside @path (the same disk, so the rename is atomic), made with the
 * modes of any new file (umask), not mkstemp's 0600. */
static char *
temporary_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", base, g_random_int ());
      char *tmp = g_build_filename (dir, name, NULL);
      int fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          return tmp;
        }
      g_free (tmp);
      if (saved != EEXIST)
        {
          g_autofree char *shown = g_filename_display_name (path);

          g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                       _("Could not write the spreadsheet %s: %s."), shown, g_strerror (saved));
          return NULL;
        }
    }
  g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the spreadsheet %s: %s."),
               path, g_strerror (EEXIST));
  return NULL;
}

static gboolean
finish_workbook (lxw_workbook  *workbook,
                 const char    *tmp,
                 const char    *path,
                 GError       **error)
{
  lxw_error failure = workbook_close (workbook);

  if (failure != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      return set_xlsx_error (error, failure, path);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_unlink (tmp);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the spreadsheet %s: %s."),
                   name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

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

  if ((tmp = temporary_beside (path, error)) == NULL)
    return FALSE;
  workbook = workbook_new (tmp);
  if (workbook == NULL)
    {
      g_unlink (tmp);
      return set_xlsx_error (error, LXW_ERROR_CREATING_XLSX_FILE, path);
    }
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
  return finish_workbook (workbook, tmp, path, error);
}
