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

static void
append_row (ParRegisterRows   *rows,
            const ParRegister *reg,
            char             **cells,
            gint64             row_id,
            gint64             document_id)
{
  guint r = par_register_rows_count (rows);

  par_register_rows_append (rows, (const char * const *) cells);
  par_register_rows_set_row_id (rows, r, row_id);
  par_register_rows_set_document (rows, r, document_id);
}

/* Inside a transaction or a read: the rows of one register, in their order, each with its
 * stored id and its document (0 for none). Cells of columns the register no longer declares
 * are left out. */
static ParRegisterRows *
read_rows (ParStore           *self,
           gint64              assessment_id,
           const ParRegister  *reg,
           GError            **error)
{
  g_autoptr(ParRegisterRows) rows = par_register_rows_new (reg->id, reg->columns->len);
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char **cells = g_new0 (char *, reg->columns->len + 1);
  gint64 current = -1, document = 0;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT r.id, r.document_id, c.col, c.value FROM register_rows r "
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
              append_row (rows, reg, cells, current, document);
              for (guint c = 0; c < reg->columns->len; c++)
                g_clear_pointer (&cells[c], g_free);
            }
          current = id;
          document = sqlite3_column_int64 (stmt, 1);   /* NULL reads 0 */
        }
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        continue;
      column = par_register_lookup_column (reg, (const char *) sqlite3_column_text (stmt, 2));
      if (column != NULL)
        {
          g_free (cells[column->index]);
          cells[column->index] = column_cell (stmt, 3, column);
        }
    }
  if (current != -1)
    append_row (rows, reg, cells, current, document);
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
  return read_rows (self, assessment_id, reg, error);
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
      ParRegisterRows *rows = read_rows (self, assessment_id, reg, error);

      if (rows == NULL)
        return NULL;
      g_hash_table_insert (all, g_strdup (reg->id), rows);
    }
  return g_steal_pointer (&all);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/* Inside a write transaction: writes a row's cells (none are there yet). */
static gboolean
insert_cells (ParStore           *self,
              gint64              row_id,
              const ParRegister  *reg,
              const char * const *cells,
              GError            **error)
{
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

static void
bind_id_or_null (ParStmt *stmt,
                 int      index,
                 gint64   id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Inside a write transaction: inserts one row at @position with its cells. */
static gboolean
insert_row (ParStore           *self,
            gint64              assessment_id,
            const ParRegister  *reg,
            guint               position,
            const char * const *cells,
            gint64              carried_from,
            gint64              document_id,
            GError            **error)
{
  g_autoptr(ParStmt) row = NULL;

  row = par_store_prepare (self,
                           "INSERT INTO register_rows (assessment_id, register, position, "
                           "carried_from, document_id) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (row == NULL)
    return FALSE;
  sqlite3_bind_int64 (row, 1, assessment_id);
  par_stmt_bind_text (row, 2, reg->id);
  sqlite3_bind_int64 (row, 3, position);
  bind_id_or_null (row, 4, carried_from);
  bind_id_or_null (row, 5, document_id);
  if (!par_store_run (self, row, error))
    return FALSE;
  return insert_cells (self, sqlite3_last_insert_rowid (self->db), reg, cells, error);
}

/* Inside a write transaction: a kept row's new cells (they replace its cells). */
static gboolean
update_cells (ParStore           *self,
              gint64              row_id,
              const ParRegister  *reg,
              const char * const *cells,
              GError            **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, "DELETE FROM register_cells WHERE row_id = ?1",
                                               error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  return par_store_run (self, stmt, error) && insert_cells (self, row_id, reg, cells, error);
}

static gboolean
update_row (ParStore    *self,
            gint64       row_id,
            const char  *sql,   /* "UPDATE register_rows SET x = ?2 WHERE id = ?1" */
            gint64       value,
            GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  bind_id_or_null (stmt, 2, value);
  return par_store_run (self, stmt, error);
}

static gboolean
delete_row (ParStore    *self,
            gint64       row_id,
            GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, "DELETE FROM register_rows WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row_id);
  return par_store_run (self, stmt, error);
}

/* Inside a transaction: stored row id → its position, for one register of a year. */
static GHashTable *
read_positions (ParStore     *self,
                gint64        assessment_id,
                const char   *register_id,
                gint64       *max_position,
                GError      **error)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT id, position FROM register_rows "
                                               "WHERE assessment_id = ?1 AND register = ?2", error);
  int rc;

  *max_position = 0;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, register_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0), position = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (positions, g_memdup2 (&id, sizeof id), GSIZE_TO_POINTER ((gsize) position));
      *max_position = MAX (*max_position, position);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&positions);
}

/* Inside a transaction: a document as the audit log names it ("KH 01/KH-KCNĐN"), or %NULL with
 * @error set when there is no such document. */
static char *
document_label (ParStore     *self,
                gint64        document_id,
                GError      **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, "SELECT kind, number FROM documents WHERE id = ?1",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, "no document %" G_GINT64_FORMAT, document_id);
      return NULL;
    }
  return g_strdup_printf ("%s %s", (const char *) sqlite3_column_text (stmt, 0),
                          (const char *) sqlite3_column_text (stmt, 1));
}

/* Audits a row's link changing from @before to @after (document ids, 0 for none). */
static gboolean
audit_link (ParStore           *self,
            gint64              assessment_id,
            const ParRegister  *reg,
            guint               position,
            gint64              before,
            gint64              after,
            GError            **error)
{
  g_autofree char *what = NULL;
  g_autofree char *old_label = NULL;
  g_autofree char *new_label = NULL;

  if (before > 0 && (old_label = document_label (self, before, error)) == NULL)
    return FALSE;
  if (after > 0 && (new_label = document_label (self, after, error)) == NULL)
    return FALSE;
  if (after == 0)
    what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u unlinked from document %"
                            G_GINT64_FORMAT, assessment_id, reg->id, position, before);
  else if (before == 0)
    what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u linked to document %"
                            G_GINT64_FORMAT, assessment_id, reg->id, position, after);
  else
    what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u linked to document %"
                            G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                            assessment_id, reg->id, position, after, before);
  return par_store_audit (self, what, old_label, new_label, error);
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

static gboolean
same_cells (const ParRegister  *reg,
            const char * const *a,
            const char * const *b)
{
  for (guint c = 0; c < reg->columns->len; c++)
    if (g_strcmp0 (a[c], b[c]) != 0)
      return FALSE;
  return TRUE;
}

/* Which stored row each new row is (its index in @old, -1 for a row new to the store): the row
 * it names by id first (par_register_rows_get_row_id()); else an unclaimed stored row with the
 * same cells, at the same place first; else the unclaimed stored row at its place (an edit
 * without ids: the row typed over). So a row keeps its identity — what it was carried from,
 * its document — through edits, and only rows really added or removed are. */
static gint *
match_rows (const ParRegister     *reg,
            const ParRegisterRows *old,
            const ParRegisterRows *rows)
{
  guint n_old = par_register_rows_count (old), n_new = par_register_rows_count (rows);
  gint *match = g_new (gint, MAX (n_new, 1));
  g_autofree gboolean *claimed = g_new0 (gboolean, MAX (n_old, 1));
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_queue_free);
  g_autoptr(GPtrArray) old_text = g_ptr_array_new_with_free_func (g_free);
  guint n_cols = reg->columns->len;

  for (guint o = 0; o < n_old; o++)
    {
      gint64 id = par_register_rows_get_row_id (old, o);
      char *text = row_text (n_cols, par_register_rows_get_row (old, o));
      GQueue *same = g_hash_table_lookup (by_text, text);

      g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (o + 1));
      g_ptr_array_add (old_text, text);
      if (same == NULL)
        g_hash_table_insert (by_text, g_strdup (text), (same = g_queue_new ()));
      g_queue_push_tail (same, GUINT_TO_POINTER (o));
    }
  for (guint r = 0; r < n_new; r++)
    {
      gint64 id = par_register_rows_get_row_id (rows, r);
      guint o = id > 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (by_id, &id)) : 0;

      match[r] = o > 0 && !claimed[o - 1] ? (gint) o - 1 : -1;
      if (match[r] >= 0)
        claimed[match[r]] = TRUE;
    }
  for (guint r = 0; r < n_new; r++)
    {
      g_autofree char *text = NULL;
      GQueue *same;

      if (match[r] >= 0)
        continue;
      text = row_text (n_cols, par_register_rows_get_row (rows, r));
      if (r < n_old && !claimed[r] && g_str_equal (text, old_text->pdata[r]))
        match[r] = r;
      else if ((same = g_hash_table_lookup (by_text, text)) != NULL)
        for (GList *l = same->head; l != NULL && match[r] < 0; l = l->next)
          if (!claimed[GPOINTER_TO_UINT (l->data)])
            match[r] = GPOINTER_TO_UINT (l->data);
      if (match[r] >= 0)
        claimed[match[r]] = TRUE;
    }
  for (guint r = 0; r < n_new && r < n_old; r++)
    if (match[r] < 0 && !claimed[r])
      claimed[match[r] = r] = TRUE;
  return match;
}

/* The document row @r of @rows will link: what it says, else what its stored row links. */
static gint64
final_document (const ParRegisterRows *old,
                const ParRegisterRows *rows,
                const gint            *match,
                guint                  r)
{
  gint64 document = par_register_rows_get_document (rows, r);

  if (document != PAR_REGISTER_DOCUMENT_UNSET)
    return document;
  return match[r] >= 0 ? par_register_rows_get_document (old, match[r]) : 0;
}

/* Inside the write transaction: checks each new link names a document, audits every row added,
 * changed or removed and every link made or undone, and counts the rows. */
static gboolean
audit_rows (ParStore               *self,
            gint64                  assessment_id,
            const ParRegister      *reg,
            const ParRegisterRows  *old,
            const ParRegisterRows  *rows,
            const gint             *match,
            guint                  *n_changed,
            GError                **error)
{
  guint n_old = par_register_rows_count (old), n_new = par_register_rows_count (rows);
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (n_old, 1));
  guint changed = 0;

  for (guint r = 0; r < n_new; r++)
    {
      gint o = match[r];
      gint64 before_doc = o >= 0 ? par_register_rows_get_document (old, o) : 0;
      gint64 after_doc = final_document (old, rows, match, r);
      g_autofree char *before = o >= 0 ? row_text (reg->columns->len, par_register_rows_get_row (old, o)) : NULL;
      g_autofree char *after = row_text (reg->columns->len, par_register_rows_get_row (rows, r));
      g_autofree char *what = NULL;
      gboolean same;

      if (o >= 0)
        kept[o] = TRUE;
      if (after_doc != before_doc && after_doc > 0)
        {
          g_autoptr(GError) local = NULL;
          g_autofree char *label = document_label (self, after_doc, &local);

          if (label == NULL)
            {
              if (g_error_matches (local, PAR_ERROR, PAR_ERROR_NOT_FOUND))
                g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                             /* TRANSLATORS: "Register “Báo cáo định kỳ” (reports), row 2: …" */
                             _("Register “%s” (%s), row %u: there is no evidence document %lld "
                               "to link (it may have been deleted)."),
                             reg->label, reg->id, r + 1, (long long) after_doc);
              else
                g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
        }
      same = o >= 0 && same_cells (reg, par_register_rows_get_row (old, o),
                                   par_register_rows_get_row (rows, r));
      if (same && before_doc == after_doc)
        continue;
      changed++;
      if (!same)
        {
          what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u",
                                  assessment_id, reg->id, r + 1);
          if (!par_store_audit (self, what, before, after, error))
            return FALSE;
        }
      if (before_doc != after_doc &&
          !audit_link (self, assessment_id, reg, r + 1, before_doc, after_doc, error))
        return FALSE;
    }
  for (guint o = 0; o < n_old; o++)
    {
      g_autofree char *before = NULL;
      g_autofree char *what = NULL;

      if (kept[o])
        continue;
      changed++;
      before = row_text (reg->columns->len, par_register_rows_get_row (old, o));
      what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " register %s row %u",
                              assessment_id, reg->id, o + 1);
      if (!par_store_audit (self, what, before, NULL, error))
        return FALSE;
    }
  *n_changed = changed;
  return TRUE;
}

/* Inside the write transaction: removes the rows no new row claimed, moves the kept ones to
 * their new places (through free positions above all used ones: a position is unique), updates
 * those whose cells or document changed, and inserts the new ones. */
static gboolean
write_rows (ParStore               *self,
            gint64                  assessment_id,
            const ParRegister      *reg,
            const ParRegisterRows  *old,
            const ParRegisterRows  *rows,
            const gint             *match,
            GError                **error)
{
  guint n_old = par_register_rows_count (old), n_new = par_register_rows_count (rows);
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (n_old, 1));
  g_autoptr(GHashTable) positions = NULL;
  gint64 top = 0;

  for (guint r = 0; r < n_new; r++)
    if (match[r] >= 0)
      kept[match[r]] = TRUE;
  for (guint o = 0; o < n_old; o++)
    if (!kept[o] && !delete_row (self, par_register_rows_get_row_id (old, o), error))
      return FALSE;
  if ((positions = read_positions (self, assessment_id, reg->id, &top, error)) == NULL)
    return FALSE;
  for (int pass = 0; pass < 2; pass++)
    for (guint r = 0; r < n_new; r++)
      {
        gint64 id = match[r] >= 0 ? par_register_rows_get_row_id (old, match[r]) : 0;

        if (id == 0 || GPOINTER_TO_SIZE (g_hash_table_lookup (positions, &id)) == r + 1)
          continue;
        if (!update_row (self, id, "UPDATE register_rows SET position = ?2 WHERE id = ?1",
                         pass == 0 ? top + r + 1 : r + 1, error))
          return FALSE;
      }
  for (guint r = 0; r < n_new; r++)
    {
      const char * const *cells = par_register_rows_get_row (rows, r);
      gint64 document = final_document (old, rows, match, r);
      gint o = match[r];
      gint64 id;

      if (o < 0)
        {
          if (!insert_row (self, assessment_id, reg, r + 1, cells, 0, document, error))
            return FALSE;
          continue;
        }
      id = par_register_rows_get_row_id (old, o);
      if (document != par_register_rows_get_document (old, o) &&
          !update_row (self, id, "UPDATE register_rows SET document_id = ?2 WHERE id = ?1", document,
                       error))
        return FALSE;
      if (!same_cells (reg, cells, par_register_rows_get_row (old, o)) &&
          !update_cells (self, id, reg, cells, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * par_store_set_register_rows:
 * @assessment_id: a draft year
 * @register_id: a register of the year's set
 * @rows: the register's rows, in order: they replace every row kept so far; a row keeps its
 *   stored identity by its row id (par_register_rows_get_row_id()) or, without one, by its
 *   cells or its place; its document (par_register_rows_get_document()) is linked, unlinked
 *   (0) or left as stored (%PAR_REGISTER_DOCUMENT_UNSET)
 * @dry_run: check every row and count what would change, write nothing
 * @n_changed: (out) (optional): rows added, changed (cells or document) or removed
 *
 * Writes a register's rows, all or none, in one transaction: each row must pass
 * par_register_check_row() (%PAR_ERROR_INVALID naming the register, the row and the column),
 * and each document linked must exist (%PAR_ERROR_NOT_FOUND naming the register and the row).
 * Rows that did not change stay as stored (what they were carried from, their link). Each row
 * added, changed or removed is audited ("assessment 3 register plan_tasks row 2", old → new),
 * and each link made or undone ("… row 2 linked to document 7"). Fails with %PAR_ERROR_LOCKED
 * unless the year is a draft.
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
  g_autofree gint *match = NULL;
  const ParRegister *reg = NULL;
  guint changed = 0;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (register_id != NULL && rows != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (!par_store_begin_write (self, dry_run, error))
    return FALSE;
  ok = par_store_check_draft (self, assessment_id, &state, error);
  if (ok)
    ok = (framework = par_store_load_framework (self, state.framework_row, error)) != NULL &&
         (reg = lookup_register (framework, register_id, error)) != NULL &&
         check_rows (reg, rows, error) &&
         (old = read_rows (self, assessment_id, reg, error)) != NULL;
  if (ok)
    {
      match = match_rows (reg, old, rows);
      ok = audit_rows (self, assessment_id, reg, old, rows, match, &changed, error);
    }
  if (ok && !dry_run)
    ok = write_rows (self, assessment_id, reg, old, rows, match, error);
  if (ok && n_changed != NULL)
    *n_changed = changed;
  return par_store_end_write (self, ok, dry_run, error);
}

/**
 * par_store_carry_register_rows:
 *
 * Inside the write transaction that creates @to_id from the previous year @from_id: the rows
 * of each register for which the register's carry condition holds (a task not done yet) are
 * copied to the new year, after its rows, when the new year's set declares the register; cells
 * go by column id. Each copied row passes the one check of the new set (else the whole creation
 * fails, naming the row) and is audited. A carried row keeps its evidence document: documents
 * are kept across years (the plan of last year is still the plan a task left open answers to).
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
      guint position;

      if (old_reg->carry == NULL || new_reg == NULL)
        continue;
      rows = read_rows (self, from_id, old_reg, error);
      existing = rows != NULL ? read_rows (self, to_id, new_reg, error) : NULL;
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
                           par_register_rows_get_row_id (rows, r),
                           par_register_rows_get_document (rows, r), error))
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
