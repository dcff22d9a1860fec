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

/* "a district", for "“Huyện A” is a district, but …". */
static const char *
level_with_article (ParLevel level)
{
  switch (level)
    {
    case PAR_LEVEL_DISTRICT:
      return _("a district");
    case PAR_LEVEL_COMMUNE:
      return _("a commune");
    case PAR_LEVEL_DEPARTMENT:
    default:
      return _("a department or board");
    }
}

/* "departments and boards, districts", the levels a criteria set is for. */
static char *
levels_plural (ParLevel levels)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const struct { ParLevel level; const char *name; } all[] = {
    { PAR_LEVEL_DEPARTMENT, N_("departments and boards") },
    { PAR_LEVEL_DISTRICT, N_("districts") },
    { PAR_LEVEL_COMMUNE, N_("communes") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (levels & all[i].level)
      {
        if (text->len > 0)
          g_string_append (text, _(", "));
        g_string_append (text, _(all[i].name));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Whether a stored criteria set can score @unit's @year: the year within its years and the
 * unit's level among its levels. */
static gboolean
check_set_fits (ParFramework   *framework,
                const ParUnit  *unit,
                int             year,
                GError        **error)
{
  const char *set_id = par_framework_get_id (framework);
  ParLevel levels = par_framework_get_levels (framework);
  int from = 0, to = 0;

  par_framework_get_years (framework, &from, &to);
  if (year < from || year > to)
    {
      if (from == to)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("The criteria set “%s” is for %d; it cannot score %d. Choose a criteria "
                       "set for %d."),
                     set_id, from, year, year);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("The criteria set “%s” is for the years %d to %d; it cannot score %d. "
                       "Choose a criteria set for %d."),
                     set_id, from, to, year, year);
      return FALSE;
    }
  if ((levels & unit->level) == 0)
    {
      g_autofree char *for_levels = levels_plural (levels);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is %s, but the criteria set “%s” is for %s. Choose a criteria set "
                     "for its level."),
                   unit->name, level_with_article (unit->level), set_id, for_levels);
      return FALSE;
    }
  return TRUE;
}

/* Inside a write transaction: adds the draft assessment, checked against its set, and audits
 * it (@note, when given, is added to the audit text). */
static gint64
store_create_assessment_in_tx (ParStore    *self,
                               gint64       unit_id,
                               int          year,
                               gint64       framework_row,
                               const char  *note,
                               GError     **error)
{
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  int rc;

  unit = par_store_read_unit (self, unit_id, error);
  if (unit == NULL)
    return 0;
  framework = par_store_load_framework (self, framework_row, error);
  if (framework == NULL || !check_set_fits (framework, unit, year, error))
    return 0;

  stmt = par_store_prepare (self,
                            "INSERT INTO assessments "
                            "(unit_id, year, framework_row, status, created_at) "
                            "VALUES (?1, ?2, ?3, 'draft', ?4)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, framework_row);
  par_stmt_bind_text (stmt, 4, self->tx_now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("“%s” already has a self-assessment for %d."), unit->name, year);
      return 0;
    }
  if (rc != SQLITE_DONE)
    {
      par_store_set_error_rc (self, rc, error);
      return 0;
    }
  id = sqlite3_last_insert_rowid (self->db);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created", id);
  description = g_strdup_printf ("%s %d %s%s%s", unit->name, year,
                                 par_framework_get_id (framework),
                                 note != NULL ? " " : "", note != NULL ? note : "");
  if (!par_store_audit (self, what, NULL, description, error))
    return 0;
  return id;
}

static gboolean
check_year (int       year,
            GError  **error)
{
  if (year < 1900 || year > 9999)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%d is not a valid year."), year);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_store_create_assessment:
 * @unit_id: the unit
 * @year: the reporting year
 * @framework_row: the stored criteria set the year is scored with
 *
 * Starts a draft self-assessment. The criteria set must be made for @year (its years) and
 * for the unit's level.
 *
 * Returns: the new assessment's id, or 0 with @error set (%PAR_ERROR_EXISTS when the unit
 *   already has that year, %PAR_ERROR_NOT_FOUND for an unknown unit or set,
 *   %PAR_ERROR_INVALID when the set does not cover the year or the unit's level).
 */
gint64
par_store_create_assessment (ParStore    *self,
                             gint64       unit_id,
                             int          year,
                             gint64       framework_row,
                             GError     **error)
{
  gint64 id;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);

  if (!check_year (year, error) || !par_store_begin (self, error))
    return 0;
  id = store_create_assessment_in_tx (self, unit_id, year, framework_row, NULL, error);
  if (!par_store_finish (self, id > 0, error))
    return 0;
  return id;
}

/**
 * par_store_create_assessment_from_previous:
 * @unit_id: the unit
 * @year: the new reporting year
 * @framework_row: the stored criteria set for @year, or 0 for the previous year's set
 * @carry: what to carry over from the previous year
 *
 * Starts a draft self-assessment from the unit's latest year before @year, in one
 * transaction: with %PAR_CARRY_EVIDENCE, every document the previous year cites for a
 * sub-criterion that the new year's set also scores is cited again, with the same section
 * and pages (each link audited). Scores and figures are never carried: a new year is entered
 * anew.
 *
 * Returns: the new assessment's id, or 0 with @error set: %PAR_ERROR_NOT_FOUND when the unit
 *   has no year before @year, and the errors of par_store_create_assessment().
 */
gint64
par_store_create_assessment_from_previous (ParStore       *self,
                                           gint64          unit_id,
                                           int             year,
                                           gint64          framework_row,
                                           ParCarryFlags   carry,
                                           GError        **error)
{
  g_autofree char *note = NULL;
  gint64 previous_id, previous_framework_row, id;
  int previous_year, rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail ((carry & ~(PAR_CARRY_EVIDENCE | PAR_CARRY_REGISTER_ROWS)) == 0, 0);

  if (!check_year (year, error) || !par_store_begin (self, error))
    return 0;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT id, year, framework_row "
                                                 "FROM assessments "
                                                 "WHERE unit_id = ?1 AND year < ?2 "
                                                 "ORDER BY year DESC LIMIT 1", error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, unit_id);
    sqlite3_bind_int (stmt, 2, year);
    rc = par_store_step (self, stmt, error);
    if (rc == 0)
      return par_store_finish (self, FALSE, error);
    if (rc == SQLITE_DONE)
      {
        g_autoptr(ParUnit) unit = par_store_read_unit (self, unit_id, error);

        if (unit != NULL)
          g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                       _("“%s” has no self-assessment before %d to start from."),
                       unit->name, year);
        return par_store_finish (self, FALSE, error);
      }
    previous_id = sqlite3_column_int64 (stmt, 0);
    previous_year = sqlite3_column_int (stmt, 1);
    previous_framework_row = sqlite3_column_int64 (stmt, 2);
    if (framework_row <= 0)
      framework_row = previous_framework_row;
  }

  note = g_strdup_printf ("from %d", previous_year);
  id = store_create_assessment_in_tx (self, unit_id, year, framework_row, note, error);
  if (id <= 0)
    return par_store_finish (self, FALSE, error);
  if ((carry & PAR_CARRY_EVIDENCE) != 0 &&
      !par_store_copy_evidence (self, previous_id, id, framework_row, error))
    return par_store_finish (self, FALSE, error);
  /* Hook of the books engineer (issue 13): rows the registers carry go on to the new year. */
  if ((carry & PAR_CARRY_REGISTER_ROWS) != 0 &&
      !par_store_carry_register_rows (self, previous_id, previous_framework_row, id, framework_row,
                                      error))
    return par_store_finish (self, FALSE, error);
  if (!par_store_finish (self, TRUE, error))
    return 0;
  return id;
}

/* Steps @stmt, a query of one assessment's row with its id bound: TRUE on the row; FALSE with
 * @error set otherwise, %PAR_ERROR_NOT_FOUND when there is no assessment @assessment_id. */
gboolean
par_store_step_assessment (ParStore  *self,
                           ParStmt   *stmt,
                           gint64     assessment_id,
                           GError   **error)
{
  int rc = par_store_step (self, stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no self-assessment number %" PRId64 "."), assessment_id);
  return rc == SQLITE_ROW;
}

ParAssessment *
par_store_get_assessment (ParStore    *self,
                          gint64       assessment_id,
                          GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, ASSESSMENT_COLUMNS "WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  if (!par_store_step_assessment (self, stmt, assessment_id, error))
    return NULL;
  return assessment_from_row (stmt);
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

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  if (!par_store_step_assessment (self, stmt, assessment_id, error))
    return FALSE;
  if (!par_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &state->status))
    state->status = PAR_STATUS_DRAFT;
  state->year = sqlite3_column_int (stmt, 1);
  state->unit_name = par_stmt_column_text (stmt, 2);
  state->framework_row = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

gboolean
par_store_assessment_year_set (ParStore    *self,
                               gint64       assessment_id,
                               int         *year,
                               gint64      *framework_row,
                               GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT year, framework_row FROM assessments "
                                               "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  if (!par_store_step_assessment (self, stmt, assessment_id, error))
    return FALSE;
  *year = sqlite3_value_int (sqlite3_column_value (stmt, 0));
  *framework_row = sqlite3_value_int64 (sqlite3_column_value (stmt, 1));
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
 * par_store_set_status_with_reason:
 * @status: the new status
 * @reason: (nullable): why, in the user's words; kept in the audit log with the change
 *
 * Moves an assessment between draft, submitted and appraised (back to draft unlocks it).
 * The change is audited with the connection's actor and @reason; setting the status it has
 * already changes nothing. Going back (unlocking a submitted or appraised year, reopening an
 * appraisal) needs a reason.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PAR_ERROR_NOT_FOUND; %PAR_ERROR_INVALID when
 *   going back without a reason).
 */
gboolean
par_store_set_status_with_reason (ParStore    *self,
                                  gint64       assessment_id,
                                  ParStatus    status,
                                  const char  *reason,
                                  GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autofree char *what = NULL;
  g_autofree char *clean_reason = NULL;
  g_autoptr(ParStmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (par_status_to_string (status) != NULL, FALSE);

  clean_reason = par_store_clean_text (reason);
  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return par_store_finish (self, FALSE, error);
  if (state.status == status)
    return par_store_commit (self, error);
  /* The statuses are in order: draft < submitted < appraised. */
  if (status < state.status && clean_reason == NULL)
    {
      if (status == PAR_STATUS_DRAFT)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("Unlocking the %d self-assessment of %s needs a reason; it is kept in "
                       "the audit log."),
                     state.year, state.unit_name);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                     _("Reopening the appraisal of the %d self-assessment of %s needs a "
                       "reason; it is kept in the audit log."),
                     state.year, state.unit_name);
      return par_store_finish (self, FALSE, error);
    }
  /* A failed figure check of severity error blocks submitting (format 2). */
  if (state.status == PAR_STATUS_DRAFT &&
      !par_store_check_figures_for_submit (self, assessment_id, state.framework_row, error))
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self, "UPDATE assessments SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, par_status_to_string (status));
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " status", assessment_id);
  if (!par_store_audit_with_reason (self, what, par_status_to_string (state.status),
                                    par_status_to_string (status), clean_reason, error))
    return par_store_finish (self, FALSE, error);
  /* Locking seals the year as it is now (par-store-seal.c, data/SEAL.md). */
  if (status != PAR_STATUS_DRAFT &&
      !par_store_seal_in_tx (self, assessment_id, status, par_status_to_string (status), error))
    return par_store_finish (self, FALSE, error);
  return par_store_commit (self, error);
}

/**
 * par_store_set_status:
 *
 * par_store_set_status_with_reason() without a reason: submitting and appraising.
 */
gboolean
par_store_set_status (ParStore    *self,
                      gint64       assessment_id,
                      ParStatus    status,
                      GError     **error)
{
  return par_store_set_status_with_reason (self, assessment_id, status, NULL, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Removing                                                                                   */

gboolean
par_store_remove_assessment_in_tx (ParStore    *self,
                                   gint64       assessment_id,
                                   gboolean     force,
                                   const char  *reason,
                                   GPtrArray   *blobs,
                                   GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;

  g_assert (self->in_transaction);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return FALSE;
  if (state.status != PAR_STATUS_DRAFT && !force)
    {
      if (state.status == PAR_STATUS_APPRAISED)
        g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                     _("The %d self-assessment of %s is appraised and locked; it is removed "
                       "only when the removal is forced."),
                     state.year, state.unit_name);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                     _("The %d self-assessment of %s is submitted and locked; it is removed "
                       "only when the removal is forced."),
                     state.year, state.unit_name);
      return FALSE;
    }
  /* Forcing past a lock is like unlocking: the audit log keeps why. */
  if (state.status != PAR_STATUS_DRAFT && reason == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Removing the %d self-assessment of %s, which is %s, needs a reason; it "
                     "is kept in the audit log."),
                   state.year, state.unit_name,
                   state.status == PAR_STATUS_APPRAISED ? _("appraised") : _("submitted"));
      return FALSE;
    }

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT f.set_id, (SELECT count(*) FROM entries "
                                                 "WHERE assessment_id = ?1) "
                                                 "FROM assessments a "
                                                 "JOIN frameworks f ON f.id = a.framework_row "
                                                 "WHERE a.id = ?1", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, assessment_id);
    if (par_store_step (self, stmt, error) != SQLITE_ROW)
      return FALSE;
    description = g_strdup_printf ("%s %d %s %s, %" G_GINT64_FORMAT " entries", state.unit_name,
                                   state.year, sqlite3_column_text (stmt, 0),
                                   par_status_to_string (state.status),
                                   (gint64) sqlite3_column_int64 (stmt, 1));
  }

  /* The year's own evidence goes with it; documents other years cite stay. */
  if (!par_store_delete_documents_cited_only_by (self, assessment_id, blobs, error))
    return FALSE;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self, "DELETE FROM assessments WHERE id = ?1",
                                                 error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, assessment_id);
    if (!par_store_run (self, stmt, error))
      return FALSE;
  }

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " removed", assessment_id);
  return par_store_audit_with_reason (self, what, description, NULL, reason, error);
}

/**
 * par_store_remove_assessment:
 * @assessment_id: the assessment
 * @force: remove it even when it is submitted or appraised
 * @reason: (nullable): why, in the user's words; needed to force the removal of a submitted or
 *   appraised year
 *
 * Removes a self-assessment with its entries and evidence links, in one transaction audited
 * with the connection's actor and @reason. The documents it alone cites go with it (with their
 * attached files: a blob no other attachment uses is deleted); documents that another year
 * cites, or that no year cites, stay.
 *
 * Returns: %TRUE, or %FALSE with @error set: %PAR_ERROR_LOCKED for a submitted or appraised
 *   year unless @force, %PAR_ERROR_INVALID when forcing without a reason,
 *   %PAR_ERROR_NOT_FOUND for an unknown assessment.
 */
gboolean
par_store_remove_assessment (ParStore    *self,
                             gint64       assessment_id,
                             gboolean     force,
                             const char  *reason,
                             GError     **error)
{
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clean_reason = par_store_clean_text (reason);

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);

  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_finish (self,
                         par_store_remove_assessment_in_tx (self, assessment_id, force,
                                                            clean_reason, blobs, error),
                         error))
    return FALSE;
  for (guint i = 0; i < blobs->len; i++)
    par_store_prune_blob (self, blobs->pdata[i]);
  return TRUE;
}
