/* par-store-units.c — units, the criteria sets stored verbatim, and assessments (a unit × a
 * year scored with one stored set) with their status.
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
/* Units                                                                                      */

static ParUnit *
unit_from_row (ParStmt *stmt)
{
  ParUnit *unit = g_new0 (ParUnit, 1);

  unit->id = sqlite3_column_int64 (stmt, 0);
  unit->name = par_stmt_column_text (stmt, 1);
  if (!par_level_from_string ((const char *) sqlite3_column_text (stmt, 2), &unit->level))
    unit->level = PAR_LEVEL_DEPARTMENT;
  return unit;
}

ParUnit *
par_store_read_unit (ParStore    *self,
                     gint64       unit_id,
                     GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT id, name, level FROM units WHERE id = ?1",
                                               error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, unit_id);
  rc = par_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return unit_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no unit number %" PRId64 "."), unit_id);
  return NULL;
}

/**
 * par_store_add_unit:
 * @name: the unit's name; surrounding spaces are dropped
 * @level: the kind of unit
 *
 * Returns: the new unit's id (> 0), or 0 with @error set (%PAR_ERROR_EXISTS for a name in use).
 */
gint64
par_store_add_unit (ParStore    *self,
                    const char  *name,
                    ParLevel     level,
                    GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  clean = par_store_clean_text (name);
  if (clean == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("A unit needs a name."));
      return 0;
    }
  if (par_level_to_string (level) == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” needs one level: department, district or commune."), clean);
      return 0;
    }

  if (!par_store_begin (self, error))
    return 0;
  stmt = par_store_prepare (self,
                            "INSERT INTO units (name, level, created_at) VALUES (?1, ?2, "
                            "?3)", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  par_stmt_bind_text (stmt, 1, clean);
  par_stmt_bind_text (stmt, 2, par_level_to_string (level));
  par_stmt_bind_text (stmt, 3, self->tx_now);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("A unit named “%s” exists already."), clean);
      return par_store_finish (self, FALSE, NULL);
    }
  if (rc != SQLITE_DONE)
    {
      par_store_set_error_rc (self, rc, error);
      return par_store_finish (self, FALSE, NULL);
    }
  id = sqlite3_last_insert_rowid (self->db);

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " added", id);
  if (!par_store_finish (self, par_store_audit (self, what, NULL, clean, error), error))
    return 0;
  return id;
}

/**
 * par_store_list_units:
 *
 * Returns: (transfer full) (element-type ParUnit): every unit, by name ignoring diacritics.
 */
GPtrArray *
par_store_list_units (ParStore  *self,
                      GError   **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func ((GDestroyNotify) par_unit_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            "SELECT id, name, level FROM units ORDER BY par_fold (name), "
                            "name", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (units, unit_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&units);
}

static gboolean
is_all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/**
 * par_store_find_unit:
 * @name_or_id: the exact name, the id in digits, or a name that matches one unit when
 *   diacritics and case are ignored ("ban quan ly cac khu cong nghiep")
 *
 * Returns: (transfer full): the unit, or %NULL with %PAR_ERROR_NOT_FOUND (also when the
 *   loose match is ambiguous).
 */
ParUnit *
par_store_find_unit (ParStore    *self,
                     const char  *name_or_id,
                     GError     **error)
{
  g_autofree char *clean = NULL;
  g_autofree char *folded = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (name_or_id != NULL, NULL);

  clean = g_strstrip (g_strdup (name_or_id));
  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT id, name, level FROM units WHERE name = "
                                                 "?1",
                                                 error);
    if (stmt == NULL)
      return NULL;
    par_stmt_bind_text (stmt, 1, clean);
    rc = par_store_step (self, stmt, error);
    if (rc == SQLITE_ROW)
      return unit_from_row (stmt);
    if (rc == 0)
      return NULL;
  }

  if (is_all_digits (clean))
    {
      g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                   "SELECT id, name, level FROM units WHERE id = "
                                                   "?1",
                                                   error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (clean, NULL, 10));
      rc = par_store_step (self, stmt, error);
      if (rc == SQLITE_ROW)
        return unit_from_row (stmt);
      if (rc == 0)
        return NULL;
    }

  folded = par_fold_for_search (clean);
  if (*folded != '\0')
    {
      g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                   "SELECT id, name, level FROM units "
                                                   "WHERE par_fold (name) = ?1 LIMIT 2", error);
      g_autoptr(ParUnit) found = NULL;

      if (stmt == NULL)
        return NULL;
      par_stmt_bind_text (stmt, 1, folded);
      while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
        {
          if (found != NULL)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                           _("Several units match “%s”; give the exact name or the number."),
                           clean);
              return NULL;
            }
          found = unit_from_row (stmt);
        }
      if (rc == 0)
        return NULL;
      if (found != NULL)
        return g_steal_pointer (&found);
    }

  g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("There is no unit “%s”."), clean);
  return NULL;
}

gboolean
par_store_rename_unit (ParStore    *self,
                       gint64       unit_id,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(ParUnit) old = NULL;
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  clean = par_store_clean_text (name);
  if (clean == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID, _("A unit needs a name."));
      return FALSE;
    }

  if (!par_store_begin (self, error))
    return FALSE;
  old = par_store_read_unit (self, unit_id, error);
  if (old == NULL)
    return par_store_finish (self, FALSE, error);
  if (g_strcmp0 (old->name, clean) == 0)
    return par_store_commit (self, error);

  stmt = par_store_prepare (self, "UPDATE units SET name = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, unit_id);
  par_stmt_bind_text (stmt, 2, clean);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("A unit named “%s” exists already."), clean);
      return par_store_finish (self, FALSE, NULL);
    }
  if (rc != SQLITE_DONE)
    {
      par_store_set_error_rc (self, rc, error);
      return par_store_finish (self, FALSE, NULL);
    }

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " name", unit_id);
  return par_store_finish (self, par_store_audit (self, what, old->name, clean, error), error);
}

/**
 * par_store_remove_unit:
 * @unit_id: the unit
 * @force: remove it even when one of its years is submitted or appraised
 * @reason: (nullable): why, kept in the audit log with the removal of the unit and of each
 *   year; needed when @force removes a submitted or appraised year
 *
 * Removes a unit with all its self-assessments, as par_store_remove_assessment() removes
 * each, in one audited transaction.
 *
 * Returns: %TRUE, or %FALSE with @error set (%PAR_ERROR_LOCKED unless @force when a year is
 *   submitted or appraised, %PAR_ERROR_INVALID when forcing without a reason,
 *   %PAR_ERROR_NOT_FOUND for an unknown unit).
 */
gboolean
par_store_remove_unit (ParStore    *self,
                       gint64       unit_id,
                       gboolean     force,
                       const char  *reason,
                       GError     **error)
{
  g_autofree char *clean_reason = par_store_clean_text (reason);
  g_autoptr(GPtrArray) blobs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ParUnit) unit = NULL;
  g_autofree char *what = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);

  if (!par_store_begin (self, error))
    return FALSE;
  unit = par_store_read_unit (self, unit_id, error);
  if (unit == NULL)
    return par_store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT id FROM assessments WHERE unit_id = ?1 "
                                                 "ORDER BY year", error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, unit_id);
    while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (years, id);
      }
    if (rc == 0)
      return par_store_finish (self, FALSE, error);
  }
  for (guint i = 0; i < years->len; i++)
    if (!par_store_remove_assessment_in_tx (self, g_array_index (years, gint64, i), force,
                                            clean_reason, blobs, error))
      return par_store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self, "DELETE FROM units WHERE id = ?1", error);

    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, unit_id);
    if (!par_store_run (self, stmt, error))
      return par_store_finish (self, FALSE, error);
  }

  what = g_strdup_printf ("unit %" G_GINT64_FORMAT " removed", unit_id);
  ok = par_store_finish (self,
                         par_store_audit_with_reason (self, what, unit->name, NULL, clean_reason,
                                                      error),
                         error);
  if (!ok)
    return FALSE;
  for (guint i = 0; i < blobs->len; i++)
    par_store_prune_blob (self, blobs->pdata[i]);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Criteria sets                                                                              */

/**
 * par_store_import_framework:
 * @framework: a loaded criteria set; its source bytes are stored verbatim
 *
 * Returns: the row of the stored set (an existing row when the same bytes were imported
 *   before), or 0 with @error set.
 */
gint64
par_store_import_framework (ParStore      *self,
                            ParFramework  *framework,
                            GError       **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  GBytes *source;
  gint64 row = 0;
  gboolean ok;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (framework != NULL, 0);

  source = par_framework_get_source (framework);
  g_return_val_if_fail (source != NULL && g_bytes_get_size (source) > 0, 0);

  /* Hash what is stored, not what the loader says it read. */
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, source);

  if (!par_store_begin (self, error))
    return 0;
  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT id FROM frameworks WHERE sha256 = ?1",
                                                 error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    par_stmt_bind_text (stmt, 1, sha256);
    rc = par_store_step (self, stmt, error);
    if (rc == 0)
      return par_store_finish (self, FALSE, error);
    if (rc == SQLITE_ROW)
      row = sqlite3_column_int64 (stmt, 0);
  }
  if (row > 0)
    return par_store_commit (self, error) ? row : 0;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "INSERT INTO frameworks "
                                                 "(set_id, title, sha256, source, imported_at) "
                                                 "VALUES (?1, ?2, ?3, ?4, ?5)", error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    par_stmt_bind_text (stmt, 1, par_framework_get_id (framework));
    par_stmt_bind_text (stmt, 2, par_framework_get_title (framework));
    par_stmt_bind_text (stmt, 3, sha256);
    sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (source, NULL), g_bytes_get_size (source),
                         SQLITE_STATIC);
    par_stmt_bind_text (stmt, 5, self->tx_now);
    if (!par_store_run (self, stmt, error))
      return par_store_finish (self, FALSE, error);
    row = sqlite3_last_insert_rowid (self->db);
  }

  what = g_strdup_printf ("framework %" G_GINT64_FORMAT " imported", row);
  description = g_strdup_printf ("%s sha256:%s", par_framework_get_id (framework), sha256);
  ok = par_store_finish (self, par_store_audit (self, what, NULL, description, error), error);
  if (!ok)
    return 0;

  /* The object was loaded from exactly these bytes: keep it instead of parsing them again. */
  g_hash_table_replace (self->frameworks, g_memdup2 (&row, sizeof row),
                        par_framework_ref (framework));
  return row;
}

/**
 * par_store_load_framework:
 * @framework_row: a row of the frameworks table
 *
 * Parses the stored bytes once per connection and keeps the result.
 *
 * Returns: (transfer full): the criteria set, or %NULL with @error set
 *   (%PAR_ERROR_INTEGRITY when the stored bytes no longer match their hash).
 */
ParFramework *
par_store_load_framework (ParStore    *self,
                          gint64       framework_row,
                          GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *actual = NULL;
  g_autofree char *display_name = NULL;
  ParFramework *framework;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  framework = g_hash_table_lookup (self->frameworks, &framework_row);
  if (framework != NULL)
    return par_framework_ref (framework);

  stmt = par_store_prepare (self, "SELECT set_id, sha256, source FROM frameworks WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, framework_row);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("There is no stored criteria set number %" PRId64 "."),
                   framework_row);
      return NULL;
    }
  set_id = par_stmt_column_text (stmt, 0);
  sha256 = par_stmt_column_text (stmt, 1);
  bytes = g_bytes_new (sqlite3_column_blob (stmt, 2), sqlite3_column_bytes (stmt, 2));

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (actual, sha256) != 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The stored criteria set “%s” no longer matches its SHA-256 hash; the "
                     "database “%s” is damaged. Restore it from a backup."),
                   set_id, self->display_path);
      return NULL;
    }

  display_name = g_strdup_printf (_("stored criteria set “%s”"), set_id);
  framework = par_framework_load_bytes (bytes, display_name, error);
  if (framework == NULL)
    return NULL;
  g_hash_table_replace (self->frameworks, g_memdup2 (&framework_row, sizeof framework_row),
                        par_framework_ref (framework));
  return framework;
}

/**
 * par_store_list_frameworks:
 *
 * Returns: (transfer full) (element-type GVariant): a `(xsss)` per stored set: row, id,
 *   title, sha256; in import order.
 */
GPtrArray *
par_store_list_frameworks (ParStore  *self,
                           GError   **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self, "SELECT id, set_id, title, sha256 FROM frameworks ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *set_id = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1),
                                                   -1);
      g_autofree char *title = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 2),
                                                  -1);

      g_ptr_array_add (rows, g_variant_ref_sink (g_variant_new ("(xsss)",
                                                                sqlite3_column_int64 (stmt, 0),
                                                                set_id, title,
                                                                sqlite3_column_text (stmt, 3))));
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&rows);
}

const ParNode *
par_store_lookup_leaf (ParStore      *self,
                       gint64         framework_row,
                       const char    *code,
                       ParFramework **framework,
                       GError       **error)
{
  g_autoptr(ParFramework) loaded = par_store_load_framework (self, framework_row, error);
  const ParNode *node;

  if (loaded == NULL)
    return NULL;
  node = par_framework_lookup (loaded, code);
  if (node == NULL || !par_node_is_leaf (node))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is not a scored criterion of the criteria set “%s”."),
                   code, par_framework_get_id (loaded));
      return NULL;
    }
  if (framework != NULL)
    *framework = g_steal_pointer (&loaded);
  return node;
}
