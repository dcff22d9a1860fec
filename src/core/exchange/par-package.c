/* par-package.c — sealed packages: what they are, the package object (data/PACKAGE.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A package is a Parscore database (the store's own schema, so the store's seal of the year is
 * computed by the store's own code) holding one unit's one year, plus three tables of its own:
 * `parscore_package` (what it is), `package_blobs` (the attached files) and `package_audit` (the
 * year's audit trail). It is written through the store's public API, like any database, and
 * imported the same way, so every entry crosses the one validation. Only the package's own
 * tables and a few checks read it with SQL of their own, through the store's private header.
 * par-package-private.h lists which file does what.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-package-private.h"

static const char *kind_names[] = { "submission", "appraisal", "reply" };

const char *
par_package_kind_to_string (ParPackageKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

/**
 * par_package_kind_label:
 * @kind: a kind of package
 *
 * Returns: (transfer none): the kind as a person reads it, translated ("submission", "nộp"…);
 *   par_package_kind_to_string() is the identifier the package's table keeps.
 */
const char *
par_package_kind_label (ParPackageKind kind)
{
  switch (kind)
    {
    case PAR_PACKAGE_SUBMISSION:
      return C_("package kind", "submission");
    case PAR_PACKAGE_APPRAISAL:
      return C_("package kind", "appraisal");
    case PAR_PACKAGE_REPLY:
      return C_("package kind", "reply");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
par_package_kind_from_string (const char     *text,
                              ParPackageKind *kind)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (text, kind_names[i]))
      {
        *kind = (ParPackageKind) i;
        return TRUE;
      }
  return FALSE;
}

static void
package_info_clear (ParPackageInfo *info)
{
  g_free (info->path);
  g_free (info->format);
  g_free (info->unit_name);
  g_free (info->set_id);
  g_free (info->set_sha256);
  g_free (info->created_at);
  g_free (info->created_by);
  g_free (info->seal);
  g_free (info->year_seal);
  g_free (info->reply_deadline);
}

void
par_package_free (ParPackage *package)
{
  if (package == NULL)
    return;
  package_info_clear (&package->info);
  g_clear_object (&package->store);
  g_free (package->display);
  g_free (package->year_canonical);
  g_free (package);
}

const ParPackageInfo *
par_package_get_info (ParPackage *package)
{
  g_return_val_if_fail (package != NULL, NULL);
  return &package->info;
}

/* ------------------------------------------------------------------------------------------ */
/* Raw SQL on a package's own tables                                                          */

gboolean
par_package_exec_sql (sqlite3     *db,
                      const char  *sql,
                      const char  *display,
                      GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
               display, message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  return FALSE;
}

gboolean
par_package_prepare (sqlite3       *db,
                     const char    *sql,
                     sqlite3_stmt **stmt,
                     const char    *display,
                     GError       **error)
{
  if (sqlite3_prepare_v2 (db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
               _("The package “%s” cannot be read (%s). Nothing was imported."), display,
               sqlite3_errmsg (db));
  return FALSE;
}
