/* par-store-audit.c — the audit log: every change to the database, old value → new value, who
 * made it (the connection's actor) and, for status changes, why.
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
par_store_audit_with_reason (ParStore   *self,
                             const char *what,
                             const char *old_value,
                             const char *new_value,
                             const char *reason,
                             GError    **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_assert (self->in_transaction);

  /* A file kept at an older version (par_store_open_at_version(), for tests and tools) has
   * no actor and reason columns: its rows record neither, as rows written before v5. */
  if (self->schema_version < 5)
    stmt = par_store_prepare (self,
                              "INSERT INTO audit_log (at, what, old_value, new_value) "
                              "VALUES (?1, ?2, ?3, ?4)", error);
  else
    stmt = par_store_prepare (self,
                              "INSERT INTO audit_log (at, what, old_value, new_value, actor, "
                              "reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  par_stmt_bind_text (stmt, 1, self->tx_now);
  par_stmt_bind_text (stmt, 2, what);
  par_stmt_bind_text (stmt, 3, old_value);
  par_stmt_bind_text (stmt, 4, new_value);
  if (self->schema_version >= 5)
    {
      par_stmt_bind_text (stmt, 5, self->actor);
      /* The council's round, when a change gives no reason of its own (par-store-rounds.c). */
      par_stmt_bind_text (stmt, 6, reason != NULL ? reason : self->audit_context);
    }
  return par_store_run (self, stmt, error);
}

gboolean
par_store_audit (ParStore    *self,
                 const char  *what,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  return par_store_audit_with_reason (self, what, old_value, new_value, NULL, error);
}

/**
 * par_store_set_actor:
 * @actor: (nullable): the name the audit log records for this connection's changes; %NULL or
 *   blank for the login name
 *
 * The app passes the name set in its preferences; the command line keeps the login name.
 */
void
par_store_set_actor (ParStore   *self,
                     const char *actor)
{
  g_autofree char *clean = NULL;

  g_return_if_fail (PAR_IS_STORE (self));

  clean = par_store_clean_text (actor);
  g_free (self->actor);
  self->actor = clean != NULL ? g_steal_pointer (&clean) : g_strdup (g_get_user_name ());
}

/**
 * par_store_get_actor:
 *
 * Returns: the name the audit log records for this connection's changes.
 */
const char *
par_store_get_actor (ParStore *self)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  return self->actor;
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
                            self->schema_version < 5
                            ? "SELECT id, at, what, old_value, new_value, NULL, NULL "
                              "FROM audit_log ORDER BY id DESC LIMIT ?1"
                            : "SELECT id, at, what, old_value, new_value, actor, reason "
                              "FROM audit_log ORDER BY id DESC LIMIT ?1", error);
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
      entry->actor = par_stmt_column_text (stmt, 5);
      entry->reason = par_stmt_column_text (stmt, 6);
      g_ptr_array_add (list, entry);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}
