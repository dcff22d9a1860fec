/* par-store-rounds.c — the council's appraisal rounds, and the units' replies (par-council.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A round is one criteria set, one year, one level. Its units' years are the assessments of
 * that year, scored with that set, of units of that level: the round keeps no second list of
 * them. The council's scores go through par_store_save_council_scores() (the one check), with
 * the round named in the audit log.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-council.h"
#include "par-error.h"
#include "par-format.h"
#include "par-store-private.h"

void
par_round_free (ParRound *round)
{
  if (round == NULL)
    return;
  g_free (round->set_id);
  g_free (round->submission_deadline);
  g_free (round->reply_deadline);
  g_free (round);
}

void
par_round_unit_free (ParRoundUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->unit_name);
  g_free (unit);
}

void
par_reply_free (ParReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->code);
  g_free (reply->text);
  g_free (reply->written_at);
  g_free (reply->actor);
  g_free (reply);
}

const char *
par_round_unit_state_label (ParRoundUnitState state)
{
  switch (state)
    {
    case PAR_ROUND_UNIT_NOT_SUBMITTED:
      return _("not submitted");
    case PAR_ROUND_UNIT_SUBMITTED:
      return _("submitted");
    case PAR_ROUND_UNIT_APPRAISED:
      return _("round 1 done");
    case PAR_ROUND_UNIT_REPLIED:
      return _("replied");
    case PAR_ROUND_UNIT_FINAL:
    default:
      return _("final");
    }
}

const char *
par_round_stage_label (ParRoundStage stage)
{
  switch (stage)
    {
    case PAR_ROUND_STAGE_APPRAISAL:
      return _("round 1 open: submissions and the council's appraisal");
    case PAR_ROUND_STAGE_REPLIES:
      return _("round 2 open: the units' replies and the final scores");
    case PAR_ROUND_STAGE_FINAL:
    default:
      return _("closed: the scores are final");
    }
}

gint64
par_store_create_round (ParStore    *self,
                        const char  *set_id,
                        int          year,
                        ParLevel     level,
                        const char  *submission_deadline,
                        const char  *reply_deadline,
                        GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  gint64 id;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (set_id != NULL && year > 0, 0);

  if ((submission_deadline != NULL && !par_format_is_iso_date (submission_deadline)) ||
      (reply_deadline != NULL && !par_format_is_iso_date (reply_deadline)))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("A deadline is a date written 2024-12-10, not “%s”."),
                   submission_deadline != NULL && !par_format_is_iso_date (submission_deadline)
                   ? submission_deadline : reply_deadline);
      return 0;
    }
  if (!par_store_begin (self, error))
    return 0;
  stmt = par_store_prepare (self, "SELECT 1 FROM rounds WHERE set_id = ?1 AND year = ?2 "
                                  "AND level = ?3", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  par_stmt_bind_text (stmt, 1, set_id);
  sqlite3_bind_int (stmt, 2, year);
  par_stmt_bind_text (stmt, 3, par_level_to_string (level));
  switch (par_store_step (self, stmt, error))
    {
    case SQLITE_ROW:
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("There is a round for %d, %s and %s already."), year, set_id,
                   par_level_to_string (level));
      G_GNUC_FALLTHROUGH;
    case 0:
      return par_store_finish (self, FALSE, NULL);
    default:
      break;
    }
  par_stmt_release (g_steal_pointer (&stmt));
  stmt = par_store_prepare (self,
                            "INSERT INTO rounds (set_id, year, level, submission_deadline, "
                            "reply_deadline, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  par_stmt_bind_text (stmt, 1, set_id);
  sqlite3_bind_int (stmt, 2, year);
  par_stmt_bind_text (stmt, 3, par_level_to_string (level));
  par_stmt_bind_text (stmt, 4, submission_deadline);
  par_stmt_bind_text (stmt, 5, reply_deadline);
  par_stmt_bind_text (stmt, 6, self->tx_now);
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);
  id = sqlite3_last_insert_rowid (self->db);
  what = g_strdup_printf ("round %" G_GINT64_FORMAT " created", id);
  {
    g_autofree char *value = g_strdup_printf ("%s %d %s", set_id, year, par_level_to_string (level));

    if (!par_store_audit (self, what, NULL, value, error))
      return par_store_finish (self, FALSE, error);
  }
  return par_store_commit (self, error) ? id : 0;
}

static ParRound *
round_from_row (ParStmt *stmt)
{
  ParRound *round = g_new0 (ParRound, 1);

  round->id = sqlite3_column_int64 (stmt, 0);
  round->set_id = par_stmt_column_text (stmt, 1);
  round->year = sqlite3_column_int (stmt, 2);
  par_level_from_string ((const char *) sqlite3_column_text (stmt, 3), &round->level);
  round->submission_deadline = par_stmt_column_text (stmt, 4);
  round->reply_deadline = par_stmt_column_text (stmt, 5);
  round->stage = sqlite3_column_int (stmt, 6);
  return round;
}

#define ROUND_COLUMNS \
  "SELECT id, set_id, year, level, submission_deadline, reply_deadline, stage FROM rounds "

ParRound *
par_store_get_round (ParStore    *self,
                     gint64       round_id,
                     GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, ROUND_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round_id);
  rc = par_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return round_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no round number %" PRId64 "."), round_id);
  return NULL;
}

GPtrArray *
par_store_list_rounds (ParStore  *self,
                       GError   **error)
{
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) par_round_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, ROUND_COLUMNS "ORDER BY year, set_id, level", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rounds, round_from_row (stmt));
  return rc == SQLITE_DONE ? g_steal_pointer (&rounds) : NULL;
}

/* The year of @round of every unit of its level (0 when it has none): by unit name. */
GPtrArray *
par_store_round_units (ParStore  *self,
                       gint64     round_id,
                       GError   **error)
{
  g_autoptr(ParRound) round = par_store_get_round (self, round_id, error);
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) par_round_unit_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  if (round == NULL)
    return NULL;
  stmt = par_store_prepare (self,
                            "SELECT u.id, u.name, a.id, "
                            " (SELECT count (*) FROM replies r WHERE r.assessment_id = a.id), "
                            " (SELECT count (*) FROM round_packages p WHERE p.round_id = ?1 "
                            "  AND p.unit_name = u.name), "
                            " (SELECT late FROM round_packages p WHERE p.round_id = ?1 "
                            "  AND p.unit_name = u.name AND p.kind = 'submission' "
                            "  ORDER BY p.id DESC LIMIT 1), "
                            " (SELECT late FROM round_packages p WHERE p.round_id = ?1 "
                            "  AND p.unit_name = u.name AND p.kind = 'reply' "
                            "  ORDER BY p.id DESC LIMIT 1) "
                            "FROM units u LEFT JOIN (assessments a JOIN frameworks f "
                            " ON f.id = a.framework_row AND f.set_id = ?2) "
                            " ON a.unit_id = u.id AND a.year = ?3 "
                            "WHERE u.level = ?4 ORDER BY u.name", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round_id);
  par_stmt_bind_text (stmt, 2, round->set_id);
  sqlite3_bind_int (stmt, 3, round->year);
  par_stmt_bind_text (stmt, 4, par_level_to_string (round->level));
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParRoundUnit *unit = g_new0 (ParRoundUnit, 1);

      unit->unit_id = sqlite3_column_int64 (stmt, 0);
      unit->unit_name = par_stmt_column_text (stmt, 1);
      unit->assessment_id = sqlite3_column_int64 (stmt, 2);
      unit->n_replies = sqlite3_column_int (stmt, 3);
      unit->n_packages = sqlite3_column_int (stmt, 4);
      unit->late = sqlite3_column_int (stmt, 5) != 0;
      unit->reply_late = sqlite3_column_int (stmt, 6) != 0;
      if (unit->assessment_id == 0)
        unit->state = PAR_ROUND_UNIT_NOT_SUBMITTED;
      else if (round->stage == PAR_ROUND_STAGE_APPRAISAL)
        unit->state = PAR_ROUND_UNIT_SUBMITTED;
      else if (round->stage == PAR_ROUND_STAGE_FINAL)
        unit->state = PAR_ROUND_UNIT_FINAL;
      else if (sqlite3_column_type (stmt, 6) != SQLITE_NULL || unit->n_replies > 0)
        unit->state = PAR_ROUND_UNIT_REPLIED;
      else
        unit->state = PAR_ROUND_UNIT_APPRAISED;
      g_ptr_array_add (units, unit);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&units) : NULL;
}

/* Whether @assessment_id is a year of @round: its set, its year, a unit of its level. */
static gboolean
check_in_round (ParStore    *self,
                ParRound    *round,
                gint64       assessment_id,
                GError     **error)
{
  g_autoptr(ParAssessment) year = par_store_get_assessment (self, assessment_id, error);
  g_autoptr(ParUnit) unit = NULL;

  if (year == NULL || (unit = par_store_read_unit (self, year->unit_id, error)) == NULL)
    return FALSE;
  if (year->year != round->year || g_strcmp0 (year->framework_id, round->set_id) != 0 ||
      unit->level != round->level)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%d of “%s” (%s) is not in round %" PRId64 " (%d, %s)."),
                   year->year, unit->name, year->framework_id, round->id, round->year,
                   round->set_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * par_store_round_score:
 * @round_id: an open round
 * @assessment_id: a unit's year in it
 * @entry: the council's appraised and survey scores and comment for one sub-criterion
 *
 * Saves the council's scores as par_store_save_council_scores() does (the one check), while
 * round 1 or round 2 is open; the audit log names the round ("round 1"). A closed round is
 * locked (%PAR_ERROR_LOCKED).
 */
gboolean
par_store_round_score (ParStore        *self,
                       gint64           round_id,
                       gint64           assessment_id,
                       const ParEntry  *entry,
                       GError         **error)
{
  g_autoptr(ParRound) round = par_store_get_round (self, round_id, error);
  gboolean ok;

  g_return_val_if_fail (entry != NULL, FALSE);

  if (round == NULL || !check_in_round (self, round, assessment_id, error))
    return FALSE;
  if (round->stage == PAR_ROUND_STAGE_FINAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                   _("Round 2 of %d (%s) is closed: the final scores are locked."), round->year,
                   round->set_id);
      return FALSE;
    }
  g_free (self->audit_context);
  self->audit_context = g_strdup_printf ("round %d", (int) round->stage);
  ok = par_store_save_council_scores (self, assessment_id, entry, error);
  g_clear_pointer (&self->audit_context, g_free);
  return ok;
}

/**
 * par_store_close_round:
 *
 * Closes the open round: closing round 1 locks every submitted year of the round as appraised
 * (sealed in that form) and opens round 2; closing round 2 makes the scores final. One
 * transaction; audited.
 */
gboolean
par_store_close_round (ParStore    *self,
                       gint64       round_id,
                       GError     **error)
{
  g_autoptr(ParRound) round = par_store_get_round (self, round_id, error);
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *what = NULL;
  g_autofree char *reason = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gboolean ok = TRUE;

  if (round == NULL)
    return FALSE;
  if (round->stage == PAR_ROUND_STAGE_FINAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                   _("Both rounds of %d (%s) are closed already."), round->year, round->set_id);
      return FALSE;
    }
  if ((units = par_store_round_units (self, round_id, error)) == NULL)
    return FALSE;
  reason = g_strdup_printf ("round %d closed", (int) round->stage);
  if (!par_store_batch_begin (self, error))
    return FALSE;
  if (round->stage == PAR_ROUND_STAGE_APPRAISAL)
    for (guint i = 0; ok && i < units->len; i++)
      {
        ParRoundUnit *unit = g_ptr_array_index (units, i);
        g_autoptr(ParAssessment) year = NULL;

        if (unit->assessment_id == 0)
          continue;
        ok = (year = par_store_get_assessment (self, unit->assessment_id, error)) != NULL;
        if (ok && year->status == PAR_STATUS_SUBMITTED)
          ok = par_store_set_status_with_reason (self, year->id, PAR_STATUS_APPRAISED, reason,
                                                 error);
      }
  if (ok && (ok = par_store_begin (self, error)))
    {
      ok = (stmt = par_store_prepare (self, "UPDATE rounds SET stage = stage + 1 WHERE id = ?1",
                                      error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, round_id);
          ok = par_store_run (self, stmt, error);
        }
      what = g_strdup_printf ("round %" G_GINT64_FORMAT " stage", round_id);
      if (ok)
        {
          g_autofree char *before = g_strdup_printf ("%d", (int) round->stage);
          g_autofree char *after = g_strdup_printf ("%d", (int) round->stage + 1);

          ok = par_store_audit_with_reason (self, what, before, after, reason, error);
        }
      ok = par_store_finish (self, ok, error);
    }
  return par_store_batch_end (self, ok, ok ? error : NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Replies                                                                                    */

gboolean
par_store_save_reply (ParStore    *self,
                      gint64       assessment_id,
                      const char  *code,
                      const char  *text,
                      GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autofree char *clean = par_store_clean_text (text);
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (clean == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID, _("%s: a reply needs a text."), code);
      return FALSE;
    }
  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_assessment_state (self, assessment_id, &state, error) ||
      par_store_lookup_leaf (self, state.framework_row, code, NULL, error) == NULL)
    return par_store_finish (self, FALSE, error);
  stmt = par_store_prepare (self,
                            "INSERT OR REPLACE INTO replies (assessment_id, code, text, "
                            "written_at, actor) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, assessment_id);
      par_stmt_bind_text (stmt, 2, code);
      par_stmt_bind_text (stmt, 3, clean);
      par_stmt_bind_text (stmt, 4, self->tx_now);
      par_stmt_bind_text (stmt, 5, self->actor);
      ok = par_store_run (self, stmt, error);
    }
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " reply %s", assessment_id, code);
  ok = ok && par_store_audit (self, what, NULL, clean, error);
  return par_store_finish (self, ok, error);
}

GPtrArray *
par_store_list_replies (ParStore    *self,
                        gint64       assessment_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) par_reply_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, "SELECT code, text, written_at, actor FROM replies "
                                  "WHERE assessment_id = ?1 ORDER BY code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParReply *reply = g_new0 (ParReply, 1);

      reply->code = par_stmt_column_text (stmt, 0);
      reply->text = par_stmt_column_text (stmt, 1);
      reply->written_at = par_stmt_column_text (stmt, 2);
      reply->actor = par_stmt_column_text (stmt, 3);
      g_ptr_array_add (replies, reply);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&replies) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence added with a reply                                                                */

/* The audit row marking a link as added with a reply: the year's own links carry no mark (no
 * column for it in schema 7), the audit log keeps which came with a reply and when. */
static char *
reply_evidence_what (gint64      assessment_id,
                     const char *code,
                     gint64      document_id)
{
  return g_strdup_printf ("assessment %" G_GINT64_FORMAT " reply %s evidence %" G_GINT64_FORMAT,
                          assessment_id, code, document_id);
}

/**
 * par_store_add_reply_evidence:
 * @link: the document to cite (its files attached already), the year and the sub-criterion
 *   replied on, the section and pages that apply
 *
 * Cites a document for a sub-criterion the unit replied on (par_store_save_reply() first), while
 * the year is appraised: the evidence the unit adds to its reply. The year stays appraised and
 * is sealed again in the same transaction (reason "reply evidence"); the link is audited.
 * Fails with %PAR_ERROR_LOCKED unless the year is appraised, %PAR_ERROR_INVALID when there is no
 * reply for the code, %PAR_ERROR_EXISTS when the document is cited there already.
 */
gboolean
par_store_add_reply_evidence (ParStore               *self,
                              const ParEvidenceLink  *link,
                              GError                **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *section = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *what = NULL;
  gint64 n = 0;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (link != NULL && link->code != NULL, FALSE);

  section = par_store_clean_text (link->section);
  pages = par_store_clean_text (link->pages);
  if (!par_store_check_writable (self, error) || !par_store_begin (self, error))
    return FALSE;
  if (!par_store_assessment_state (self, link->assessment_id, &state, error) ||
      par_store_lookup_leaf (self, state.framework_row, link->code, NULL, error) == NULL)
    return par_store_finish (self, FALSE, error);
  if (state.status != PAR_STATUS_APPRAISED)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                   _("Evidence is added to a reply once the council's appraisal of the %d "
                     "self-assessment of %s is in; it is %s."), state.year, state.unit_name,
                   par_status_to_string (state.status));
      return par_store_finish (self, FALSE, error);
    }
  if ((document = par_store_read_document (self, link->document_id, error)) == NULL)
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self, "SELECT (SELECT count(*) FROM replies WHERE assessment_id = ?1 "
                                  "AND code = ?2), (SELECT count(*) FROM evidence_links WHERE "
                                  "assessment_id = ?1 AND code = ?2 AND document_id = ?3)", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, link->assessment_id);
  par_stmt_bind_text (stmt, 2, link->code);
  sqlite3_bind_int64 (stmt, 3, link->document_id);
  if ((rc = par_store_step (self, stmt, error)) != SQLITE_ROW)
    return par_store_finish (self, FALSE, error);
  n = sqlite3_column_int64 (stmt, 0);
  if (n == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("%s: write the reply before adding evidence to it."), link->code);
      return par_store_finish (self, FALSE, error);
    }
  if (sqlite3_column_int64 (stmt, 1) > 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("%s: document %s is cited there already."), link->code, document->number);
      return par_store_finish (self, FALSE, error);
    }
  par_stmt_release (g_steal_pointer (&stmt));

  /* Not cited there yet (above): the write only adds. */
  if (!par_store_write_link (self, link->document_id, link->assessment_id, link->code, section,
                             pages, error))
    return par_store_finish (self, FALSE, error);

  what = reply_evidence_what (link->assessment_id, link->code, link->document_id);
  if (!par_store_audit (self, what, NULL, document->number, error) ||
      !par_store_seal_in_tx (self, link->assessment_id, PAR_STATUS_APPRAISED, "reply evidence",
                             error))
    return par_store_finish (self, FALSE, error);
  return par_store_finish (self, TRUE, error);
}

gint64
par_store_add_reply_document (ParStore           *self,
                              gint64              assessment_id,
                              const char         *code,
                              const ParDocument  *document,
                              const char * const *files,
                              const char         *section,
                              const char         *pages,
                              GError            **error)
{
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func (g_free);
  ParEvidenceLink link = { 0, };
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (code != NULL && document != NULL, 0);

  if (!par_store_batch_begin (self, error))
    return 0;
  ok = (id = par_store_add_document (self, document, error)) > 0;
  for (guint i = 0; ok && files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) attached = NULL;

      ok = par_store_attach_file (self, id, files[i], NULL, error) > 0 &&
           (attached = par_store_list_attachments (self, id, error)) != NULL;
      for (guint j = 0; ok && j < attached->len; j++)
        g_ptr_array_add (blobs, g_strdup (((ParAttachment *) attached->pdata[j])->sha256));
    }
  if (ok)
    {
      link.document_id = id;
      link.assessment_id = assessment_id;
      link.code = (char *) code;
      link.section = (char *) section;
      link.pages = (char *) pages;
      ok = par_store_add_reply_evidence (self, &link, error);
    }
  if (!par_store_batch_end (self, ok, ok ? error : NULL))
    {
      /* Files the rolled-back batch had stored and no row names. */
      for (guint i = 0; i < blobs->len; i++)
        par_store_prune_blob (self, blobs->pdata[i]);
      return 0;
    }
  return id;
}

GPtrArray *
par_store_list_reply_evidence (ParStore    *self,
                               gint64       assessment_id,
                               const char  *code,
                               GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " reply ",
                                             assessment_id);

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            "SELECT l.document_id, l.assessment_id, l.code, l.section, l.pages "
                            "FROM evidence_links l "
                            "JOIN documents d ON d.id = l.document_id "
                            "WHERE l.assessment_id = ?1 AND (?2 IS NULL OR l.code = ?2) "
                            "AND EXISTS (SELECT 1 FROM audit_log WHERE what = ?3 || l.code || "
                            "' evidence ' || l.document_id) ORDER BY l.code, d.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, code);
  par_stmt_bind_text (stmt, 3, prefix);
  return par_store_read_links (self, stmt, error);
}
