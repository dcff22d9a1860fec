/* par-round-view.c — the running deadline of a round, the days left to it, when packages came
 * in (par-round-view.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "par-round-view.h"
#include "par-store-private.h"

const char *
par_round_current_deadline (const ParRound *round)
{
  g_return_val_if_fail (round != NULL, NULL);

  switch (round->stage)
    {
    case PAR_ROUND_STAGE_APPRAISAL:
      return round->submission_deadline;
    case PAR_ROUND_STAGE_REPLIES:
      return round->reply_deadline;
    case PAR_ROUND_STAGE_FINAL:
    default:
      return NULL;
    }
}

/* "2024-12-10" (or the start of a timestamp) as a day; FALSE if it is none. */
static gboolean
parse_day (const char *iso,
           GDate      *date)
{
  guint y, m, d;
  char tail;

  g_date_clear (date, 1);
  if (iso == NULL || strlen (iso) < 10 || sscanf (iso, "%4u-%2u-%2u%c", &y, &m, &d, &tail) < 3 ||
      iso[4] != '-' || iso[7] != '-' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
par_deadline_days_left (const char *deadline,
                        const char *today,
                        int        *days)
{
  GDate last, now;

  g_return_val_if_fail (days != NULL, FALSE);

  if (!parse_day (deadline, &last))
    return FALSE;
  if (today != NULL)
    {
      if (!parse_day (today, &now))
        return FALSE;
    }
  else
    {
      g_date_clear (&now, 1);
      g_date_set_time_t (&now, time (NULL));
    }
  *days = g_date_days_between (&now, &last);
  return TRUE;
}

char *
par_deadline_countdown (const char *deadline,
                        const char *today,
                        int        *days)
{
  int left;

  if (!par_deadline_days_left (deadline, today, &left))
    return NULL;
  if (days != NULL)
    *days = left;
  if (left > 0)
    /* Translators: the time left before a deadline */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left", left),
                            left);
  if (left == 0)
    return g_strdup (_("the last day is today"));
  /* Translators: how long ago a deadline passed */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "overdue by %d day", "overdue by %d days",
                                       -left), -left);
}

GHashTable *
par_store_round_received (ParStore    *self,
                          gint64       round_id,
                          const char  *kind,
                          GError     **error)
{
  g_autoptr(GHashTable) received = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  /* Ascending: a later package overwrites an earlier one's day. */
  stmt = par_store_prepare (self, "SELECT unit_name, received_at FROM round_packages "
                                  "WHERE round_id = ?1 AND kind = ?2 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round_id);
  par_stmt_bind_text (stmt, 2, kind);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_hash_table_replace (received, par_stmt_column_text (stmt, 0), par_stmt_column_text (stmt, 1));
  return rc == SQLITE_DONE ? g_steal_pointer (&received) : NULL;
}

ParRound *
par_store_round_of_assessment (ParStore    *self,
                               gint64       assessment_id,
                               GError     **error)
{
  g_autoptr(ParAssessment) year = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gint64 round_id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if ((year = par_store_get_assessment (self, assessment_id, error)) == NULL ||
      (unit = par_store_read_unit (self, year->unit_id, error)) == NULL)
    return NULL;
  stmt = par_store_prepare (self, "SELECT id FROM rounds WHERE set_id = ?1 AND year = ?2 "
                                  "AND level = ?3", error);
  if (stmt == NULL)
    return NULL;
  par_stmt_bind_text (stmt, 1, year->framework_id);
  sqlite3_bind_int (stmt, 2, year->year);
  par_stmt_bind_text (stmt, 3, par_level_to_string (unit->level));
  rc = par_store_step (self, stmt, error);
  if (rc != SQLITE_ROW)
    return NULL;   /* SQLITE_DONE: no round, no error */
  round_id = sqlite3_column_int64 (stmt, 0);
  par_stmt_release (g_steal_pointer (&stmt));
  return par_store_get_round (self, round_id, error);
}

gboolean
par_store_save_council_in_round (ParStore        *self,
                                 gint64           assessment_id,
                                 const ParEntry  *entry,
                                 GError         **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(ParRound) round = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);

  round = par_store_round_of_assessment (self, assessment_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (round != NULL)
    return par_store_round_score (self, round->id, assessment_id, entry, error);
  return par_store_save_council_scores (self, assessment_id, entry, error);
}
