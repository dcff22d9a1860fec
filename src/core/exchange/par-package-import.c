/* par-package-import.c — importing a package into a store, and what a later one would change.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-package-private.h"

void
par_package_remove_blob_dir (const char *dir)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  if (handle != NULL)
    g_dir_close (handle);
  g_rmdir (dir);
}

gboolean
par_package_find_year (ParStore    *store,
                       const char  *unit_name,
                       int          year,
                       gint64      *unit_id,
                       gint64      *assessment_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) units = par_store_list_units (store, error);
  g_autoptr(GError) local_error = NULL;

  *unit_id = *assessment_id = 0;
  if (units == NULL)
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    if (g_str_equal (((ParUnit *) units->pdata[i])->name, unit_name))
      *unit_id = ((ParUnit *) units->pdata[i])->id;
  if (*unit_id > 0)
    {
      g_autoptr(ParAssessment) held = par_store_find_assessment (store, *unit_id, year,
                                                                 &local_error);

      if (held != NULL)
        *assessment_id = held->id;
      else if (!g_error_matches (local_error, PAR_ERROR, PAR_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
par_package_compare (ParStore    *store,
                     ParPackage  *package,
                     gint64      *existing,
                     GError     **error)
{
  gint64 unit_id, held;
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);
  g_return_val_if_fail (package != NULL, NULL);

  if (!par_package_find_year (store, package->info.unit_name, package->info.year, &unit_id,
                              &held, error))
    return NULL;
  if (existing != NULL)
    *existing = held;
  if (held == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) par_seal_change_free);
  /* In the package's form: an earlier package does not name figures that it never carried. */
  canonical = par_store_canonical_year_version (store, held, package->info.status,
                                                package->seal_version, error);
  if (canonical == NULL)
    return NULL;
  return par_seal_diff (canonical, package->year_canonical);
}

/* An appraisal: the council's scores and comments onto the unit's own year, which must be the
 * year the council appraised (the same canonical text, in the appraised form). */
static gint64
import_appraisal (ParStore    *store,
                  ParPackage  *package,
                  GError     **error)
{
  const ParPackageInfo *info = &package->info;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ParAssessment) year = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *base = g_filename_display_basename (info->path);
  gint64 unit_id, held;
  gboolean ok = TRUE;

  if (!par_package_find_year (store, info->unit_name, info->year, &unit_id, &held, error))
    return 0;
  if (held == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("This database has no %d of “%s”: an appraisal goes into the unit's own "
                     "database. Nothing was imported."), info->year, info->unit_name);
      return 0;
    }
  if ((entries = par_store_get_entries (package->store, package->assessment_id, error)) == NULL ||
      (year = par_store_get_assessment (store, held, error)) == NULL)
    return 0;
  /* TRANSLATORS: the audit log's reason; a file name, then the round */
  reason = g_strdup_printf (_("appraisal %s, round %d"), base, info->round);
  if (!par_store_batch_begin (store, error))
    return 0;
  for (guint i = 0; ok && i < entries->len; i++)
    ok = par_store_save_council_scores (store, held, entries->pdata[i], error);
  if (ok && year->status != PAR_STATUS_APPRAISED)
    ok = par_store_set_status_with_reason (store, held, PAR_STATUS_APPRAISED, reason, error);
  /* The round and its reply deadline, for the unit's appraisal page: the audit log is where a
   * unit's database keeps them (no table of its own holds an appraisal's round). */
  if (ok && (ok = par_store_begin (store, error)))
    {
      g_autofree char *what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " reply deadline "
                                               "round %d", held, info->round);

      ok = par_store_audit_with_reason (store, what, NULL, info->reply_deadline, reason, error);
      ok = par_store_finish (store, ok, error);
    }
  if (ok)
    {
      g_autofree char *canonical = par_store_canonical_year_version (store, held,
                                                                     PAR_STATUS_APPRAISED,
                                                                     package->seal_version, error);
      g_autofree char *seal = canonical != NULL ? par_seal_hash (canonical) : NULL;

      ok = canonical != NULL;
      if (ok && !g_str_equal (seal, info->year_seal))
        {
          g_autoptr(GPtrArray) changes = par_seal_diff (package->year_canonical, canonical);

          g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                       _("The appraisal “%s” was made from another version of %d of “%s” (%s). "
                         "Nothing was imported."), package->display, info->year, info->unit_name,
                       changes->len > 0 ? ((ParSealChange *) changes->pdata[0])->description
                                        : "?");
          ok = FALSE;
        }
    }
  if (!par_store_batch_end (store, ok, ok ? error : NULL))
    return 0;
  return held;
}

/**
 * par_package_reply_deadline:
 * @store: a unit's database
 * @assessment_id: its year
 * @round: (out) (optional): the round of the latest appraisal imported, 0 when none was
 *
 * What the latest appraisal imported into the unit's year said of the reply: its round and its
 * reply deadline (format-3 appraisals carry it).
 *
 * Returns: (transfer full) (nullable): the reply deadline, an ISO date (the last day); %NULL
 *   when no appraisal named one, or with @error set when the store cannot be read.
 */
char *
par_package_reply_deadline (ParStore    *store,
                            gint64       assessment_id,
                            int         *round,
                            GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " reply deadline "
                                             "round ", assessment_id);
  char *deadline = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  if (round != NULL)
    *round = 0;
  stmt = par_store_prepare (store, "SELECT substr (what, length (?1) + 1), new_value "
                                   "FROM audit_log WHERE substr (what, 1, length (?1)) = ?1 "
                                   "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  par_stmt_bind_text (stmt, 1, prefix);
  rc = par_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      if (round != NULL)
        *round = sqlite3_column_int (stmt, 0);
      deadline = par_stmt_column_text (stmt, 1);
    }
  return deadline;
}

gint64
par_package_import (ParStore               *store,
                    ParPackage             *package,
                    ParPackageImportFlags   flags,
                    GError                **error)
{
  const ParPackageInfo *info;
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *seal = NULL;
  g_autofree char *blob_dir = NULL;
  gint64 unit_id, held, id = 0;
  gboolean ok;

  g_return_val_if_fail (PAR_IS_STORE (store), 0);
  g_return_val_if_fail (package != NULL, 0);

  info = &package->info;
  if (info->kind == PAR_PACKAGE_APPRAISAL)
    return import_appraisal (store, package, error);
  if (info->kind == PAR_PACKAGE_REPLY)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is a reply: the council receives it into its round. Nothing was "
                     "imported."), package->display);
      return 0;
    }
  if (!par_package_find_year (store, info->unit_name, info->year, &unit_id, &held, error))
    return 0;
  if (held > 0 && !(flags & PAR_PACKAGE_IMPORT_REPLACE))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("%d of “%s” is here already. Look at what the package changes, then replace "
                     "it. Nothing was imported."), info->year, info->unit_name);
      return 0;
    }
  if ((years = par_store_list_assessments (package->store, 0, error)) == NULL ||
      (unit = par_package_unit_by_id (package->store, ((ParAssessment *) years->pdata[0])->unit_id,
                                      error)) == NULL ||
      (files = par_store_list_attachments (package->store, 0, error)) == NULL)
    return 0;
  /* TRANSLATORS: the audit log's reason; %s is a package file's name, then its seal */
  {
    g_autofree char *base = g_filename_display_basename (info->path);

    reason = g_strdup_printf (_("imported from the package %s (seal %.12s…)"), base, info->seal);
  }

  if ((blob_dir = g_dir_make_tmp ("parscore-package-XXXXXX", error)) == NULL)
    return 0;
  if (!par_store_batch_begin (store, error))
    {
      par_package_remove_blob_dir (blob_dir);
      return 0;
    }
  ok = held == 0 || par_store_remove_assessment (store, held, TRUE, reason, error);
  ok = ok && (id = par_package_copy_year (package->store, years->pdata[0], unit, store,
                                          info->status, reason, blob_dir, error)) > 0;
  /* The council's copy is sealed with the seal the unit sealed: the same year, exactly. */
  if (ok)
    {
      g_autofree char *canonical = par_store_canonical_year_version (store, id, info->status,
                                                                     package->seal_version, error);

      ok = canonical != NULL;
      if (ok && !g_str_equal ((seal = par_seal_hash (canonical)), info->year_seal))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("The year imported from “%s” does not match its seal. Nothing was "
                         "imported."), package->display);
          ok = FALSE;
        }
    }
  par_package_remove_blob_dir (blob_dir);
  if (!par_store_batch_end (store, ok, ok ? error : NULL))
    {
      /* The files the batch attached and no row names any more. */
      for (guint i = 0; i < files->len; i++)
        par_store_prune_blob (store, ((ParAttachment *) files->pdata[i])->sha256);
      return 0;
    }
  return id;
}
