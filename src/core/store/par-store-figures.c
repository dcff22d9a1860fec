/* par-store-figures.c — figure values (criteria-set format 2): what a unit entered for each
 * figure of its year's set, per period; and what the year's figures mean for scoring and for
 * submitting.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per (assessment, figure, period part) in `figure_values` (sql/006-figures.sql), the
 * value the canonical text of the figure's type. The store decides nothing about a value: the
 * core's one check, par_figure_check_value(), does, inside the write transaction; the store
 * only adds what the core cannot know (the year is a draft, the figure is one of the year's
 * set). Derived figures and checks are computed from these rows on reading
 * (par_figures_evaluate()), never stored.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figures.h"
#include "par-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Changes                                                                                    */

/**
 * par_figure_change_new:
 * @figure_id: the figure's id in the year's set
 * @part_key: the period part: "year", "h1", "q3", "m07"
 * @value: (nullable): a canonical value (par_figure_normalize()); %NULL or "" removes it
 *
 * Returns: (transfer full): one value to write with par_store_set_figure_values().
 */
ParFigureChange *
par_figure_change_new (const char *figure_id,
                       const char *part_key,
                       const char *value)
{
  ParFigureChange *change = g_new0 (ParFigureChange, 1);

  change->figure_id = g_strdup (figure_id);
  change->part_key = g_strdup (part_key);
  change->value = g_strdup (value);
  return change;
}

void
par_figure_change_free (ParFigureChange *change)
{
  if (change == NULL)
    return;
  g_free (change->figure_id);
  g_free (change->part_key);
  g_free (change->value);
  g_free (change->old_value);
  g_free (change);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

/* Inside a transaction or a read: the stored value of one figure part (transfer full), or
 * %NULL (and TRUE) when none is stored. */
static gboolean
read_value (ParStore    *self,
            gint64       assessment_id,
            const char  *figure_id,
            const char  *part_key,
            char       **out,
            GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  *out = NULL;
  stmt = par_store_prepare (self,
                            "SELECT value FROM figure_values "
                            "WHERE assessment_id = ?1 AND figure = ?2 AND period = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, figure_id);
  par_stmt_bind_text (stmt, 3, part_key);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *out = par_stmt_column_text (stmt, 0);
  return TRUE;
}

/* Reads every stored value of the assessment (which must exist). */
static ParFigureValues *
read_values (ParStore    *self,
             gint64       assessment_id,
             GError     **error)
{
  g_autoptr(ParFigureValues) values = par_figure_values_new ();
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT figure, period, value FROM figure_values "
                            "WHERE assessment_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    par_figure_values_set (values, (const char *) sqlite3_column_text (stmt, 0),
                           (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&values);
}

/**
 * par_store_get_figure_values:
 * @assessment_id: the unit × year
 *
 * Everything entered for the year's figures, by figure id and period part ("q1", "year").
 * Values the set no longer declares (none should be: writes are checked) are read as stored;
 * par_figures_evaluate() ignores them.
 *
 * Returns: (transfer full): the values (empty for a format-1 year), or %NULL with
 *   %PAR_ERROR_NOT_FOUND for an unknown assessment.
 */
ParFigureValues *
par_store_get_figure_values (ParStore    *self,
                             gint64       assessment_id,
                             GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  return read_values (self, assessment_id, error);
}

/**
 * par_store_evaluate_figures:
 *
 * The year's figures evaluated under its stored set: every figure's year value with where it
 * came from, the derived figures and the checks (par_figures_evaluate()).
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
ParFigureResult *
par_store_evaluate_figures (ParStore    *self,
                            gint64       assessment_id,
                            GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(GHashTable) rows = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  framework = par_store_load_framework (self, state.framework_row, error);
  if (framework == NULL)
    return NULL;
  values = read_values (self, assessment_id, error);
  if (values == NULL)
    return NULL;
  rows = par_store_read_all_register_rows (self, assessment_id, framework, error);
  if (rows == NULL)
    return NULL;
  return par_figures_evaluate_with_rows (framework, values, rows);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/* The one check for one change, with what only the store knows: the figure must be one of the
 * year's set. Removing a value needs only a figure the set has and a part of its period. */
static gboolean
check_change (ParFramework           *framework,
              const ParFigureChange  *change,
              GError                **error)
{
  const ParFigure *figure = par_framework_lookup_figure (framework, change->figure_id);
  guint part;

  if (figure == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("The criteria set of this year has no figure “%s”."), change->figure_id);
      return FALSE;
    }
  if (change->value == NULL || change->value[0] == '\0')
    {
      if (!par_figure_is_derived (figure) &&
          par_period_parse_part (figure->period, change->part_key, &part))
        return TRUE;
    }
  return par_figure_check_value (figure, change->part_key,
                                 change->value != NULL ? change->value : "", error);
}

/* Inside a write transaction: writes one change when it changes something (then sets
 * @change->changed and @change->old_value) and audits it. */
static gboolean
write_change (ParStore         *self,
              gint64            assessment_id,
              ParFigureChange  *change,
              GError          **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *what = NULL;
  const char *new_value = par_nonempty (change->value);

  if (!read_value (self, assessment_id, change->figure_id, change->part_key, &old_value, error))
    return FALSE;
  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;

  if (new_value == NULL)
    stmt = par_store_prepare (self,
                              "DELETE FROM figure_values "
                              "WHERE assessment_id = ?1 AND figure = ?2 AND period = ?3", error);
  else
    stmt = par_store_prepare (self,
                              "INSERT INTO figure_values (assessment_id, figure, period, value) "
                              "VALUES (?1, ?2, ?3, ?4) "
                              "ON CONFLICT (assessment_id, figure, period) DO UPDATE SET value = ?4",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, change->figure_id);
  par_stmt_bind_text (stmt, 3, change->part_key);
  if (new_value != NULL)
    par_stmt_bind_text (stmt, 4, new_value);
  if (!par_store_run (self, stmt, error))
    return FALSE;

  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " figure %s %s", assessment_id,
                          change->figure_id, change->part_key);
  if (!par_store_audit (self, what, old_value, new_value, error))
    return FALSE;
  change->changed = TRUE;
  change->old_value = g_steal_pointer (&old_value);
  return TRUE;
}

/**
 * par_store_set_figure_values:
 * @assessment_id: a draft year
 * @changes: (element-type ParFigureChange): the values to write; each one's @changed and
 *   @old_value say afterwards whether (and from what) it changed
 * @dry_run: check every change and report what would change, write nothing
 *
 * Writes the values, all or none, in one transaction: each must name a figure of the year's
 * set and pass par_figure_check_value() (a part of the figure's period, a value of its type
 * and range; %PAR_ERROR_INVALID with its message). A derived figure is never written. Values
 * equal to the stored ones are not written; each changed one is audited (old → new). Fails
 * with %PAR_ERROR_LOCKED unless the year is a draft. The set's checks are not applied here —
 * a check holds between several figures, which are typed one at a time — but a failed check
 * of severity error blocks submitting the year.
 */
gboolean
par_store_set_figure_values (ParStore    *self,
                             gint64       assessment_id,
                             GPtrArray   *changes,
                             gboolean     dry_run,
                             GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParFramework) framework = NULL;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  for (guint i = 0; i < changes->len; i++)
    {
      ParFigureChange *change = changes->pdata[i];

      g_return_val_if_fail (change != NULL && change->figure_id != NULL &&
                            change->part_key != NULL, FALSE);
      change->changed = FALSE;
      g_clear_pointer (&change->old_value, g_free);
    }

  if (!par_store_begin_write (self, dry_run, error))
    return FALSE;
  ok = par_store_check_draft (self, assessment_id, &state, error);
  if (ok)
    ok = (framework = par_store_load_framework (self, state.framework_row, error)) != NULL;
  for (guint i = 0; ok && i < changes->len; i++)
    ok = check_change (framework, changes->pdata[i], error) &&
         write_change (self, assessment_id, changes->pdata[i], error);
  return par_store_end_write (self, ok, dry_run, error);
}

/**
 * par_store_set_figure_value:
 * @value: (nullable): a canonical value; %NULL or "" removes it
 *
 * par_store_set_figure_values() for one value.
 */
gboolean
par_store_set_figure_value (ParStore    *self,
                            gint64       assessment_id,
                            const char  *figure_id,
                            const char  *part_key,
                            const char  *value,
                            GError     **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);

  g_return_val_if_fail (figure_id != NULL && part_key != NULL, FALSE);

  g_ptr_array_add (changes, par_figure_change_new (figure_id, part_key, value));
  return par_store_set_figure_values (self, assessment_id, changes, FALSE, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Checking what is stored (verify)                                                           */

typedef struct {
  ParFramework *framework;
  GPtrArray    *problems;
  guint         n_checked;
} StoredCheck;

/* One stored value against its figure: what check_change () would refuse if it were written
 * now, worded for a value found stored (written behind the store's back, or by an older
 * version). The value and the period are the core's one check, par_figure_check_value (). */
static void
check_stored_value (const char *figure_id,
                    const char *part_key,
                    const char *value,
                    gpointer    user_data)
{
  StoredCheck *c = user_data;
  const ParFigure *figure = par_framework_lookup_figure (c->framework, figure_id);
  g_autoptr(GError) error = NULL;

  c->n_checked++;
  if (figure == NULL)
    g_ptr_array_add (c->problems,
                     /* TRANSLATORS: "figure “bogus”, h1: “12” is stored, but the criteria set
                      * of this year has no such figure" */
                     g_strdup_printf (_("figure “%s”, %s: “%s” is stored, but the criteria set "
                                        "of this year has no such figure"),
                                      figure_id, part_key, value));
  else if (par_figure_is_derived (figure))
    g_ptr_array_add (c->problems,
                     /* TRANSLATORS: "figure “Tỷ lệ…” (on_time_share), year: “99.00” is stored,
                      * but this figure is computed from other figures and never entered" */
                     g_strdup_printf (_("figure “%s” (%s), %s: “%s” is stored, but this figure "
                                        "is computed from other figures and never entered"),
                                      figure->label, figure->id, part_key, value));
  else if (!par_figure_check_value (figure, part_key, value, &error))
    g_ptr_array_add (c->problems, g_strdup (error->message));
}

/**
 * par_store_check_figure_values:
 * @assessment_id: the unit × year
 * @n_checked: (out) (optional): how many stored values were checked
 *
 * Every value stored for the year's figures, checked again as a write checks it: the figure
 * must be one of the year's set and entered (not derived), and par_figure_check_value() must
 * accept its period part and its value. For `verify`: a value written behind the store's back
 * (or before a check existed) is named with the figure's id and the period. Changes nothing.
 *
 * Returns: (transfer full) (element-type utf8): the translated message of each value refused
 *   (empty when all hold, and for a format-1 year), or %NULL with @error set.
 */
GPtrArray *
par_store_check_figure_values (ParStore    *self,
                               gint64       assessment_id,
                               guint       *n_checked,
                               GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  StoredCheck check = { NULL, NULL, 0 };

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (n_checked != NULL)
    *n_checked = 0;
  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  values = read_values (self, assessment_id, error);
  if (values == NULL)
    return NULL;
  if (par_figure_values_count (values) == 0)
    return g_steal_pointer (&problems);
  framework = par_store_load_framework (self, state.framework_row, error);
  if (framework == NULL)
    return NULL;
  check.framework = framework;
  check.problems = problems;
  par_figure_values_foreach (values, check_stored_value, &check);
  if (n_checked != NULL)
    *n_checked = check.n_checked;
  return g_steal_pointer (&problems);
}

/* ------------------------------------------------------------------------------------------ */
/* Scoring and submitting                                                                     */

/* Inside a transaction or a read: the number of evidence documents linked to each code of the
 * assessment (char *code → GUINT_TO_POINTER (n)). */
static GHashTable *
count_evidence (ParStore    *self,
                gint64       assessment_id,
                GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT code, count(*) FROM evidence_links "
                            "WHERE assessment_id = ?1 GROUP BY code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (counts, par_stmt_column_text (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&counts);
}

/**
 * par_store_score_entries:
 * @assessment_id: the year @entries belong to
 * @year: its year (tiers may hold for some years only)
 * @framework: its criteria set
 * @entries: (element-type ParEntry): the entries to score (those on screen, say)
 *
 * Scores @entries with what a format-2 rule may need besides them: the year, the year's
 * figures as stored and the number of evidence documents linked to each sub-criterion
 * (par_score_with()). A format-1 set needs none of it: par_score().
 *
 * Returns: (transfer full): the result, or %NULL with @error set.
 */
ParResult *
par_store_score_entries (ParStore      *self,
                              gint64         assessment_id,
                              int            year,
                              ParFramework  *framework,
                              GPtrArray     *entries,
                              GError       **error)
{
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(GHashTable) evidence = NULL;
  g_autoptr(GHashTable) rows = NULL;
  ParScoreContext context = { 0 };

  if (par_framework_get_format_version (framework) < 2)
    return par_score (framework, entries);

  values = read_values (self, assessment_id, error);
  if (values == NULL)
    return NULL;
  evidence = count_evidence (self, assessment_id, error);
  if (evidence == NULL)
    return NULL;
  rows = par_store_read_all_register_rows (self, assessment_id, framework, error);
  if (rows == NULL)
    return NULL;
  figures = par_figures_evaluate_with_rows (framework, values, rows);
  context.year = year;
  context.figures = figures;
  context.evidence = evidence;
  return par_score_with (framework, entries, &context);
}

/* Inside a write transaction, before a year is submitted: refuses (%PAR_ERROR_INVALID, the
 * failed checks' messages) when a check of severity error fails. */
gboolean
par_store_check_figures_for_submit (ParStore    *self,
                                    gint64       assessment_id,
                                    gint64       framework_row,
                                    GError     **error)
{
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParFigureValues) values = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(GHashTable) rows = NULL;

  framework = par_store_load_framework (self, framework_row, error);
  if (framework == NULL)
    return FALSE;
  if (par_framework_get_format_version (framework) < 2)
    return TRUE;
  values = read_values (self, assessment_id, error);
  if (values == NULL)
    return FALSE;
  rows = par_store_read_all_register_rows (self, assessment_id, framework, error);
  if (rows == NULL)
    return FALSE;
  figures = par_figures_evaluate_with_rows (framework, values, rows);
  return !par_figure_result_blocks_submission (figures, error);
}
