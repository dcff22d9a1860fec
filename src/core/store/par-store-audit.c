/* par-store-audit.c — the audit log: every change to the database, old value → new value.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-store-private.h"

gboolean
par_store_audit (ParStore    *self,
                 const char  *what,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_assert (self->in_transaction);

  stmt = par_store_prepare (self,
                            "INSERT INTO audit_log (at, what, old_value, new_value) "
                            "VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  par_stmt_bind_text (stmt, 1, self->tx_now);
  par_stmt_bind_text (stmt, 2, what);
  par_stmt_bind_text (stmt, 3, old_value);
  par_stmt_bind_text (stmt, 4, new_value);
  return par_store_run (self, stmt, error);
}

/**
 * par_store_list_audit:
 * @limit: at most this many rows; 0 for all
 *
 * Returns: (transfer full) (element-type ParAuditEntry): newest first.
 */
GPtrArray *
par_store_list_audit (ParStore    *self,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_audit_entry_free);
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            "SELECT id, at, what, old_value, new_value FROM audit_log "
                            "ORDER BY id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit == 0 ? -1 : (gint64) limit);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParAuditEntry *entry = g_new0 (ParAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->when = par_stmt_column_text (stmt, 1);
      entry->what = par_stmt_column_text (stmt, 2);
      entry->old_value = par_stmt_column_text (stmt, 3);
      entry->new_value = par_stmt_column_text (stmt, 4);
      g_ptr_array_add (list, entry);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}
