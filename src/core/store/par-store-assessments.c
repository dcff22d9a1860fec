/* par-store-assessments.c — assessments: a unit × a year scored with one stored criteria set,
 * and their status (draft, submitted, appraised).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Assessments                                                                                */

#define ASSESSMENT_COLUMNS \
  "SELECT a.id, a.unit_id, a.year, a.framework_row, f.set_id, f.sha256, a.status " \
  "FROM assessments a JOIN frameworks f ON f.id = a.framework_row "

static ParAssessment *
assessment_from_row (ParStmt *stmt)
{
  ParAssessment *assessment = g_new0 (ParAssessment, 1);

  assessment->id = sqlite3_column_int64 (stmt, 0);
  assessment->unit_id = sqlite3_column_int64 (stmt, 1);
  assessment->year = sqlite3_column_int (stmt, 2);
  assessment->framework_row = sqlite3_column_int64 (stmt, 3);
  assessment->framework_id = par_stmt_column_text (stmt, 4);
  assessment->framework_sha256 = par_stmt_column_text (stmt, 5);
  if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 6), &assessment->status))
    assessment->status = PAR_STATUS_DRAFT;
  return assessment;
}

/**
 * par_store_create_assessment:
 * @unit_id: the unit
 * @year: the reporting year
 * @framework_row: the stored criteria set the year is scored with
 *
 * Returns: the new assessment's id, or 0 with @error set (%PAR_ERROR_EXISTS when the unit
 *   already has that year, %PAR_ERROR_NOT_FOUND for an unknown unit or set).
 */
gint64
par_store_create_assessment (ParStore    *self,
                             gint64       unit_id,
                             int          year,
                             gint64       framework_row,
                             GError     **error)
{
  g_autoptr(ParUnit) unit = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);

  if (year < 1900 || year > 9999)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%d is not a valid year."), year);
      return 0;
    }

  if (!par_store_begin (self, error))
    return 0;

  unit = par_store_read_unit (self, unit_id, error);
  if (unit == NULL)
    return par_store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT set_id FROM frameworks WHERE id = ?1",
                                                 error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, framework_row);
    rc = par_store_step (self, stmt, error);
    if (rc == 0)
      return par_store_finish (self, FALSE, error);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                     _("There is no stored criteria set number %" PRId64 "."),
                     framework_row);
        return par_store_finish (self, FALSE, error);
      }
    set_id = par_stmt_column_text (stmt, 0);
  }

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "INSERT INTO assessments "
                                                 "(unit_id, year, framework_row, status, "
                                                 "created_at) "
                                                 "VALUES (?1, ?2, ?3, 'draft', ?4)", error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, unit_id);
    sqlite3_bind_int (stmt, 2, year);
    sqlite3_bind_int64 (stmt, 3, framework_row);
    par_stmt_bind_text (stmt, 4, self->tx_now);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                     _("“%s” already has a self-assessment for %d."), unit->name, year);
        return par_store_finish (self, FALSE, NULL);
      }
    if (rc != SQLITE_DONE)
      {
        par_store_set_error_rc (self, rc, error);
        return par_store_finish (self, FALSE, NULL);
      }
    id = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created", id);
  description = g_strdup_printf ("%s %d %s", unit->name, year, set_id);
  if (!par_store_finish (self, par_store_audit (self, what, NULL, description, error), error))
    return 0;
  return id;
}

ParAssessment *
par_store_get_assessment (ParStore    *self,
                          gint64       assessment_id,
                          GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, ASSESSMENT_COLUMNS "WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = par_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return assessment_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no self-assessment number %" PRId64 "."), assessment_id);
  return NULL;
}

/* Returns: (transfer full): the assessment, or %NULL with %PAR_ERROR_NOT_FOUND. */
ParAssessment *
par_store_find_assessment (ParStore    *self,
                           gint64       unit_id,
                           int          year,
                           GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, ASSESSMENT_COLUMNS "WHERE a.unit_id = ?1 AND a.year = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int (stmt, 2, year);
  rc = par_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return assessment_from_row (stmt);
  if (rc == SQLITE_DONE)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ParUnit) unit = par_store_read_unit (self, unit_id, &local_error);

      if (unit == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                     _("“%s” has no self-assessment for %d."), unit->name, year);
    }
  return NULL;
}

/**
 * par_store_list_assessments:
 * @unit_id: a unit, or 0 for every unit's
 *
 * Returns: (transfer full) (element-type ParAssessment): by unit, then year.
 */
GPtrArray *
par_store_list_assessments (ParStore    *self,
                            gint64       unit_id,
                            GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            ASSESSMENT_COLUMNS "WHERE ?1 <= 0 OR a.unit_id = ?1 "
                            "ORDER BY a.unit_id, a.year", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, assessment_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

void
par_assessment_state_clear (ParAssessmentState *state)
{
  g_clear_pointer (&state->unit_name, g_free);
}

gboolean
par_store_assessment_state (ParStore         *self,
                            gint64            assessment_id,
                            ParAssessmentState  *state,
                            GError          **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT a.status, a.year, u.name, a.framework_row "
                                               "FROM assessments a JOIN units u ON u.id = "
                                               "a.unit_id "
                                               "WHERE a.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no self-assessment number %" PRId64 "."), assessment_id);
      return FALSE;
    }
  if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &state->status))
    state->status = PAR_STATUS_DRAFT;
  state->year = sqlite3_column_int (stmt, 1);
  state->unit_name = par_stmt_column_text (stmt, 2);
  state->framework_row = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

void
par_store_set_locked_error (GError     **error,
                            ParStatus    status,
                            int          year,
                            const char  *unit_name)
{
  if (status == PAR_STATUS_APPRAISED)
    g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                 _("The %d self-assessment of %s is appraised and locked; unlock it to edit."),
                 year, unit_name);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                 _("The %d self-assessment of %s is submitted and locked; unlock it to edit."),
                 year, unit_name);
}

gboolean
par_store_check_draft (ParStore         *self,
                       gint64            assessment_id,
                       ParAssessmentState  *state,
                       GError          **error)
{
  if (!par_store_assessment_state (self, assessment_id, state, error))
    return FALSE;
  if (state->status != PAR_STATUS_DRAFT)
    {
      par_store_set_locked_error (error, state->status, state->year, state->unit_name);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_store_set_status:
 *
 * Moves an assessment between draft, submitted and appraised (back to draft unlocks it).
 * The change is audited.
 */
gboolean
par_store_set_status (ParStore    *self,
                      gint64       assessment_id,
                      ParStatus    status,
                      GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (par_status_to_string (status) != NULL, FALSE);

  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return par_store_finish (self, FALSE, error);
  if (state.status == status)
    return par_store_commit (self, error);

  stmt = par_store_prepare (self, "UPDATE assessments SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, par_status_to_string (status));
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " status", assessment_id);
  return par_store_finish (self,
                           par_store_audit (self, what, par_status_to_string (state.status),
                                            par_status_to_string (status), error),
                           error);
}
