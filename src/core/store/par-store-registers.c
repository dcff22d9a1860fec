/* par-store-registers.c — register rows (issue 13, criteria-set format 2): what a unit keeps
 * through the year in the registers its year's set declares (plan tasks, reports sent, survey
 * forms, procedure statistics), and how the figures computed from them reach scoring.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per record in `register_rows`, one typed cell per filled column in `register_cells`
 * (sql/008-registers.sql). The store decides nothing about a row: the core's one check,
 * par_register_check_row(), does, inside the write transaction; the store adds what only it
 * knows (the year is a draft, the register is one of the year's set). Figures computed from the
 * rows are never stored: par_figures_evaluate_with_rows() computes them on reading.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figures.h"
#include "par-registers.h"
#include "par-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Cells                                                                                      */

static const char *
kind_of (const ParRegisterColumn *column)
{
  return par_column_type_to_string (column->type);
}

/* A canonical cell bound as its kind stores it: integers and yes/no as integers. */
static void
bind_cell (ParStmt                 *stmt,
           int                      index,
           const ParRegisterColumn *column,
           const char              *value)
{
  if (column->type == PAR_COLUMN_INTEGER)
    sqlite3_bind_int64 (stmt, index, g_ascii_strtoll (value, NULL, 10));
  else if (column->type == PAR_COLUMN_YES_NO)
    sqlite3_bind_int (stmt, index, g_str_equal (value, "true") ? 1 : 0);
  else
    par_stmt_bind_text (stmt, index, value);
}

/* A stored cell back to its canonical text (transfer full). */
static char *
column_cell (ParStmt                 *stmt,
             int                      index,
             const ParRegisterColumn *column)
{
  if (column->type == PAR_COLUMN_YES_NO)
    return g_strdup (sqlite3_column_int (stmt, index) ? "true" : "false");
  if (column->type == PAR_COLUMN_INTEGER && sqlite3_column_type (stmt, index) == SQLITE_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, index));
  return par_stmt_column_text (stmt, index);
}

/* One row as the audit log shows it: "Nhiệm vụ 1 | 2020-03-31 | " (transfer full). */
static char *
row_text (guint               n_columns,
          const char * const *cells)
{
  GString *out = g_string_new (NULL);

  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (out, " | ");
      if (cells[c] != NULL)
        g_string_append (out, cells[c]);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

/* Inside a transaction or a read: the rows of one register, in their order. Cells of columns
 * the register no longer declares are left out. */
static ParRegisterRows *
read_rows (ParStore           *self,
           gint64              assessment_id,
           const ParRegister  *reg,
           GPtrArray          *row_ids,   /* nullable: gint64 ids, as GINT64 pointers… */
           GError            **error)
{
  g_autoptr(ParRegisterRows) rows = par_register_rows_new (reg->id, reg->columns->len);
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char **cells = g_new0 (char *, reg->columns->len + 1);
  gint64 current = -1;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT r.id, c.col, c.value FROM register_rows r "
                            "LEFT JOIN register_cells c ON c.row_id = r.id "
                            "WHERE r.assessment_id = ?1 AND r.register = ?2 "
                            "ORDER BY r.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, reg->id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const ParRegisterColumn *column;

      if (id != current)
        {
          if (current != -1)
            {
              par_register_rows_append (rows, (const char * const *) cells);
              for (guint c = 0; c < reg->columns->len; c++)
                g_clear_pointer (&cells[c], g_free);
            }
          current = id;
          if (row_ids != NULL)
            g_ptr_array_add (row_ids, g_memdup2 (&id, sizeof id));
        }
      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      column = par_register_lookup_column (reg, (const char *) sqlite3_column_text (stmt, 1));
      if (column != NULL)
        {
          g_free (cells[column->index]);
          cells[column->index] = column_cell (stmt, 2, column);
        }
    }
  if (current != -1)
    par_register_rows_append (rows, (const char * const *) cells);
  for (guint c = 0; c < reg->columns->len; c++)
    g_free (cells[c]);
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&rows);
}

static const ParRegister *
lookup_register (ParFramework  *framework,
                 const char    *register_id,
                 GError       **error)
{
  const ParRegister *reg = par_framework_lookup_register (framework, register_id);

  if (reg == NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("The criteria set of this year has no register “%s”."), register_id);
  return reg;
}

/**
 * par_store_get_register_rows:
 * @assessment_id: the unit × year
 * @register_id: a register of the year's set
 *
 * Returns: (transfer full): the rows in their order (none kept: no rows), or %NULL with
 *   %PAR_ERROR_NOT_FOUND for an unknown assessment or a register the year's set does not have.
 */
ParRegisterRows *
par_store_get_register_rows (ParStore    *self,
                             gint64       assessment_id,
                             const char  *register_id,
                             GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParFramework) framework = NULL;
  const ParRegister *reg;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (register_id != NULL, NULL);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  framework = par_store_load_framework (self, state.framework_row, error);
  if (framework == NULL || (reg = lookup_register (framework, register_id, error)) == NULL)
    return NULL;
  return read_rows (self, assessment_id, reg, NULL, error);
}

/**
 * par_store_read_all_register_rows:
 *
 * Inside a transaction or a read: every register's rows of the year (register id →
 * #ParRegisterRows), for par_figures_evaluate_with_rows().
 *
 * Returns: (transfer full): the table, or %NULL with @error set.
 */
GHashTable *
par_store_read_all_register_rows (ParStore      *self,
                                  gint64         assessment_id,
                                  ParFramework  *framework,
                                  GError       **error)
{
  g_autoptr(GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                     (GDestroyNotify) par_register_rows_unref);
  GPtrArray *registers = par_framework_get_registers (framework);

  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *reg = g_ptr_array_index (registers, i);
      ParRegisterRows *rows = read_rows (self, assessment_id, reg, NULL, error);

      if (rows == NULL)
        return NULL;
      g_hash_table_insert (all, g_strdup (reg->id), rows);
    }
  return g_steal_pointer (&all);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/* Inside a write transaction: inserts one row at @position with its cells. */
static gboolean
insert_row (ParStore           *self,
            gint64              assessment_id,
            const ParRegister  *reg,
            guint               position,
            const char * const *cells,
            gint64              carried_from,
            GError            **error)
{
  g_autoptr(ParStmt) row = NULL;
  gint64 row_id;

  row = par_store_prepare (self,
                           "INSERT INTO register_rows (assessment_id, register, position, carried_from) "
                           "VALUES (?1, ?2, ?3, ?4)", error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, assessment_id);
  par_stmt_bind_text (row, 2, reg->id);
  sqlite3_bind_int64 (row, 3, position);
  if (carried_from > 0)
    sqlite3_bind_int64 (row, 4, carried_from);
  else
    sqlite3_bind_null (row, 4);
  if (!par_store_run (self, row, error))
    return FALSE;
  row_id = sqlite3_last_insert_rowid (self->db);
  for (guint c = 0; c < reg->columns->len; c++)
    {
      const ParRegisterColumn *column = g_ptr_array_index (reg->columns, c);
      g_autoptr(ParStmt) cell = NULL;

      if (cells[c] == NULL || cells[c][0] == '\0')
        continue;
      cell = par_store_prepare (self,
                                "INSERT INTO register_cells (row_id, col, kind, value) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
      if (cell == NULL)
        return FALSE;
      sqlite3_bind_int64 (cell, 1, row_id);
      par_stmt_bind_text (cell, 2, column->id);
      par_stmt_bind_text (cell, 3, kind_of (column));
      bind_cell (cell, 4, column, cells[c]);
      if (!par_store_run (self, cell, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_rows (ParStore    *self,
             gint64       assessment_id,
             const char  *register_id,
             GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "DELETE FROM register_rows "
                                               "WHERE assessment_id = ?1 AND register = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, register_id);
  return par_store_run (self, stmt, error);
}

/* The one check of every row, with the row and the column named. */
static gboolean
check_rows (const ParRegister      *reg,
            const ParRegisterRows  *rows,
            GError                **error)
{
  guint n = par_register_rows_count (rows);

  if (par_register_rows_n_columns (rows) != reg->columns->len)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Register “%s” (%s) has %u columns, not %u."), reg->label, reg->id,
                   reg->columns->len, par_register_rows_n_columns (rows));
      return FALSE;
    }
  if (n > PAR_REGISTER_MAX_ROWS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Register “%s” (%s): %u rows are more than the %u a year may hold."),
                   reg->label, reg->id, n, PAR_REGISTER_MAX_ROWS);
      return FALSE;
    }
  for (guint r = 0; r < n; r++)
    {
      g_autoptr(GError) local = NULL;

      if (!par_register_check_row (reg, par_register_rows_get_row (rows, r), NULL, &local))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       /* TRANSLATORS: "Register “Kế hoạch CCHC” (plan_tasks), row 3: column …" */
                       _("Register “%s” (%s), row %u: %s"), reg->label, reg->id, r + 1, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * par_store_set_register_rows:
 * @assessment_id: a draft year
 * @register_id: a register of the year's set
 * @rows: the register's rows, in order: they replace every row kept so far
 * @dry_run: check every row and count what would change, write nothing
 * @n_changed: (out) (optional): rows added, changed or removed
 *
 * Writes a register's rows, all or none, in one transaction: each row must pass
 * par_register_check_row() (%PAR_ERROR_INVALID naming the register, the row and the column).
 * Each row that changes is audited ("assessment 3 register plan_tasks row 2", old → new). Fails
 * with %PAR_ERROR_LOCKED unless the year is a draft.
 */
gboolean
par_store_set_register_rows (ParStore         *self,
                             gint64            assessment_id,
                             const char       *register_id,
                             ParRegisterRows  *rows,
                             gboolean          dry_run,
                             guint            *n_changed,
                             GError          **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(ParRegisterRows) old = NULL;
  const ParRegister *reg = NULL;
  guint changed = 0;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (register_id != NULL && rows != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (!dry_run && !par_store_check_writable (self, error))
    return FALSE;
  if (!par_store_begin (self, error))
    return FALSE;
  ok = par_store_check_draft (self, assessment_id, &state, error);
  if (ok)
    ok = (framework = par_store_load_framework (self, state.framework_row, error)) != NULL &&
         (reg = lookup_register (framework, register_id, error)) != NULL &&
         check_rows (reg, rows, error) &&
         (old = read_rows (self, assessment_id, reg, NULL, error)) != NULL;
  if (ok)
    {
      guint n_old = par_register_rows_count (old), n_new = par_register_rows_count (rows);

      for (guint r = 0; ok && r < MAX (n_old, n_new); r++)
        {
          g_autofree char *before = r < n_old ? row_text (reg->columns->len, par_register_rows_get_row (old, r)) : NULL;
          g_autofree char *after = r < n_new ? row_text (reg->columns->len, par_register_rows_get_row (rows, r)) : NULL;
          g_autofree char *what = NULL;

          if (g_strcmp0 (before, after) == 0)
            continue;
          changed++;
          what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u",
                                  assessment_id, reg->id, r + 1);
          ok = par_store_audit (self, what, before, after, error);
        }
      if (ok && changed > 0)
        {
          ok = delete_rows (self, assessment_id, reg->id, error);
          for (guint r = 0; ok && r < n_new; r++)
            ok = insert_row (self, assessment_id, reg, r + 1, par_register_rows_get_row (rows, r), 0, error);
        }
    }
  if (ok && n_changed != NULL)
    *n_changed = changed;
  if (dry_run)
    {
      par_store_rollback (self);
      return ok;
    }
  return par_store_finish (self, ok, error);
}

/**
 * par_store_carry_register_rows:
 *
 * Inside the write transaction that creates @to_id from the previous year @from_id: the rows
 * of each register for which the register's carry condition holds (a task not done yet) are
 * copied to the new year, after its rows, when the new year's set declares the register; cells
 * go by column id. Each copied row passes the one check of the new set (else the whole creation
 * fails, naming the row) and is audited.
 */
gboolean
par_store_carry_register_rows (ParStore      *self,
                               gint64         from_id,
                               gint64         from_framework_row,
                               gint64         to_id,
                               gint64         to_framework_row,
                               GError       **error)
{
  g_autoptr(ParFramework) from = par_store_load_framework (self, from_framework_row, error);
  g_autoptr(ParFramework) to = NULL;
  GPtrArray *registers;

  if (from == NULL)
    return FALSE;
  to = par_store_load_framework (self, to_framework_row, error);
  if (to == NULL)
    return FALSE;
  registers = par_framework_get_registers (from);
  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *old_reg = g_ptr_array_index (registers, i);
      const ParRegister *new_reg = par_framework_lookup_register (to, old_reg->id);
      g_autoptr(ParRegisterRows) rows = NULL;
      g_autoptr(ParRegisterRows) existing = NULL;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      guint position;

      if (old_reg->carry == NULL || new_reg == NULL)
        continue;
      rows = read_rows (self, from_id, old_reg, ids, error);
      existing = rows != NULL ? read_rows (self, to_id, new_reg, NULL, error) : NULL;
      if (existing == NULL)
        return FALSE;
      position = par_register_rows_count (existing);
      for (guint r = 0; r < par_register_rows_count (rows); r++)
        {
          const char * const *cells = par_register_rows_get_row (rows, r);
          g_autofree const char **mapped = NULL;
          g_autoptr(GError) local = NULL;
          g_autofree char *what = NULL;
          g_autofree char *text = NULL;

          if (!par_register_row_carries (old_reg, cells))
            continue;
          mapped = g_new0 (const char *, new_reg->columns->len + 1);
          for (guint c = 0; c < new_reg->columns->len; c++)
            {
              const ParRegisterColumn *column = g_ptr_array_index (new_reg->columns, c);
              const ParRegisterColumn *was = par_register_lookup_column (old_reg, column->id);
              mapped[c] = was != NULL ? cells[was->index] : NULL;
            }
          if (!par_register_check_row (new_reg, mapped, NULL, &local))
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("Register “%s” (%s), row %u cannot be carried to the next year: %s"),
                           old_reg->label, old_reg->id, r + 1, local->message);
              return FALSE;
            }
          position++;
          if (!insert_row (self, to_id, new_reg, position, mapped,
                           *(gint64 *) g_ptr_array_index (ids, r), error))
            return FALSE;
          text = row_text (new_reg->columns->len, mapped);
          what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u",
                                  to_id, new_reg->id, position);
          if (!par_store_audit (self, what, NULL, text, error))
            return FALSE;
        }
    }
  return TRUE;
}
