/* par-package-read.c — opening a package and checking all of it before anything is imported
 * (data/PACKAGE.md, "Importing: every check before anything is written").
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-package-private.h"
#include "par-round-view.h"

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gboolean
set_damaged (GError     **error,
             const char  *display,
             const char  *detail)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
               _("The package “%s” is damaged (%s): it may have been cut short or changed on the "
                 "way. Ask for it again. Nothing was imported."), display, detail);
  return FALSE;
}

/* Opens the file with SQLite alone, read-only and immutable, and reads its `parscore_package`
 * table: whether it is a package at all, of this format, whole. */
static GHashTable *
read_package_table (const char  *path,
                    const char  *display,
                    GError     **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *uri = par_store_path_to_uri (path);
  g_autofree char *with_query = g_strconcat (uri != NULL ? uri : "", "?mode=ro&immutable=1", NULL);
  g_autofree char *format = NULL;
  g_autofree char *check = NULL;
  gint64 application_id = par_store_file_application_id (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (application_id != PAR_STORE_APPLICATION_ID)
    {
      if (application_id < 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          GStatBuf st;

          /* Cut short before SQLite's header ends, or not SQLite at all. */
          if (g_stat (path, &st) == 0 && st.st_size < 100 && st.st_size > 0)
            {
              set_damaged (error, display, _("the file is too short"));
              return NULL;
            }
        }
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("“%s” is not a Parscore package. Nothing was imported."), display);
      return NULL;
    }
  rc = sqlite3_open_v2 (with_query, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                                         SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_damaged (error, display, sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  format = query_text (db, "SELECT value FROM parscore_package WHERE key = 'format'");
  check = query_text (db, "PRAGMA integrity_check");
  if (g_strcmp0 (check, "ok") != 0)
    {
      set_damaged (error, display, check != NULL ? check : sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  if (format == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                   _("“%s” is a Parscore database or backup, not a package. Nothing was "
                     "imported."), display);
      sqlite3_close (db);
      return NULL;
    }
  if (!g_str_equal (format, PAR_PACKAGE_FORMAT) && !g_str_equal (format, PAR_PACKAGE_FORMAT_3) &&
      !g_str_equal (format, PAR_PACKAGE_FORMAT_2) && !g_str_equal (format, PAR_PACKAGE_FORMAT_1))
    {
      if (g_str_has_prefix (format, "parscore-package "))
        g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                     _("The package “%s” was made by a newer version of Parscore (%s; this "
                       "version reads %s). Nothing was imported."), display, format,
                     PAR_PACKAGE_FORMAT);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT,
                     _("“%s” is not a Parscore package. Nothing was imported."), display);
      sqlite3_close (db);
      return NULL;
    }
  if (sqlite3_prepare_v2 (db, "SELECT key, value FROM parscore_package", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_insert (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_steal_pointer (&keys);
}

/* Which table of the package a seal change is in, for the message. */
static const char *
change_table (const ParSealChange *change)
{
  if (g_str_has_prefix (change->key, "entry "))
    return "entries";
  if (g_str_has_prefix (change->key, "evidence "))
    return "evidence_links";
  if (g_str_has_prefix (change->key, "figure "))
    return "figure_values";
  if (g_str_has_prefix (change->key, "register "))
    return "register_rows";
  if (g_str_has_prefix (change->key, "document ") && strstr (change->key, "\" file ") != NULL)
    return "attachments";
  if (g_str_has_prefix (change->key, "document "))
    return "documents";
  if (g_str_equal (change->key, "seal"))
    return "seals";
  return "assessments";
}

static gboolean
check_seal (ParPackage  *package,
            GError     **error)
{
  g_autoptr(ParSealCheck) check = par_store_check_seal (package->store, package->assessment_id,
                                                        error);
  g_autoptr(GString) changes = NULL;

  if (check == NULL)
    return FALSE;
  if (check->state == PAR_SEAL_INTACT && check->version == package->seal_version)
    return TRUE;
  if (check->state == PAR_SEAL_INTACT)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” holds a seal of another form than its format's (table "
                     "seals). Nothing was imported."), package->display);
      return FALSE;
    }
  if (check->state != PAR_SEAL_BROKEN)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” holds no seal of its year (table seals). Nothing was "
                     "imported."), package->display);
      return FALSE;
    }
  changes = g_string_new (NULL);
  for (guint i = 0; i < check->changes->len && i < 5; i++)
    {
      ParSealChange *change = g_ptr_array_index (check->changes, i);

      /* TRANSLATORS: one difference, then the package's table it is in */
      g_string_append_printf (changes, _("\n  %s (table %s)"), change->description,
                              change_table (change));
    }
  if (check->changes->len > 5)
    g_string_append_printf (changes, _("\n  … and %u more"), check->changes->len - 5);
  g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
               _("The package “%s” was changed after it was sealed. Nothing was imported.%s"),
               package->display, changes->str);
  return FALSE;
}

/* Every attached file: its blob is there, of its size, and hashes to its name. */
static gboolean
check_blobs (ParPackage  *package,
             GError     **error)
{
  sqlite3 *db = package->store->db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (!par_package_prepare (db, "SELECT d.number, a.original_name, a.sha256, a.size, b.data, "
                                "b.size FROM attachments a "
                                "JOIN documents d ON d.id = a.document_id "
                                "LEFT JOIN package_blobs b ON b.sha256 = a.sha256 ORDER BY a.id",
                            &stmt, package->display, error))
    return FALSE;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sha256 = (const char *) sqlite3_column_text (stmt, 2);
      gint64 size = sqlite3_column_int64 (stmt, 3);
      const void *data = sqlite3_column_blob (stmt, 4);
      gint64 length = sqlite3_column_bytes (stmt, 4);
      g_autofree char *actual = NULL;

      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("In the package “%s”, the file “%s” of document %s is missing (table "
                         "package_blobs). Nothing was imported."), package->display, name, number);
          ok = FALSE;
          break;
        }
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data != NULL ? data : (const void *) "",
                                            (gsize) length);
      package->info.n_files++;
      package->info.files_size += length;
      if (length != size || sqlite3_column_int64 (stmt, 5) != length || !g_str_equal (actual, sha256))
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("In the package “%s”, the file “%s” of document %s does not match its "
                         "SHA-256 (table package_blobs): it was swapped or damaged after the "
                         "package was sealed. Nothing was imported."),
                       package->display, name, number);
          ok = FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
check_contents (ParPackage  *package,
                GHashTable  *keys,
                GError     **error)
{
  ParPackageInfo *info = &package->info;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *year_seal = NULL;
  ParAssessment *year;
  ParUnit *unit;

  if ((units = par_store_list_units (package->store, error)) == NULL ||
      (years = par_store_list_assessments (package->store, 0, error)) == NULL)
    return FALSE;
  if (units->len != 1 || years->len != 1)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” holds %u units and %u years (tables units, assessments); "
                     "a package holds one unit's one year. Nothing was imported."),
                   package->display, units->len, years->len);
      return FALSE;
    }
  unit = g_ptr_array_index (units, 0);
  year = g_ptr_array_index (years, 0);
  package->assessment_id = year->id;
  if (!g_str_equal (unit->name, info->unit_name) || unit->level != info->level ||
      year->year != info->year || year->status != info->status)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” says it holds %d of “%s” but holds %d of “%s” (tables "
                     "parscore_package, units, assessments). Nothing was imported."),
                   package->display, info->year, info->unit_name, year->year, unit->name);
      return FALSE;
    }
  info->set_id = g_strdup (year->framework_id);
  info->set_sha256 = g_strdup (year->framework_sha256);

  framework = par_store_load_framework (package->store, year->framework_row, &local_error);
  if (framework == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("In the package “%s”, the criteria set (table frameworks) cannot be used: %s "
                     "Nothing was imported."), package->display, local_error->message);
      return FALSE;
    }
  if (!check_blobs (package, error) || !check_seal (package, error))
    return FALSE;
  {
    g_autoptr(ParFigureValues) values = par_store_get_figure_values (package->store, year->id,
                                                                     error);

    if (values == NULL)
      return FALSE;
    info->n_figure_values = par_figure_values_count (values);
    /* Format 1 neither carried nor sealed figure values: any there came later. */
    if (package->seal_version < 2 && info->n_figure_values > 0)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package “%s” is of format %s, which carries no figure values, but "
                       "holds %u (table figure_values): they were added after it was sealed. "
                       "Nothing was imported."), package->display, info->format,
                     info->n_figure_values);
        return FALSE;
      }
  }
  {
    g_autofree char *rows = NULL;
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM register_rows "
                                            "WHERE assessment_id = %" G_GINT64_FORMAT, year->id);

    rows = query_text (package->store->db, sql);
    info->n_register_rows = rows != NULL ? (guint) atoi (rows) : 0;
    /* Formats 1 and 2 neither carried nor sealed register rows: any there came later. */
    if (package->seal_version < 3 && info->n_register_rows > 0)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package “%s” is of format %s, which carries no register rows, but "
                       "holds %u (table register_rows): they were added after it was sealed. "
                       "Nothing was imported."), package->display, info->format,
                     info->n_register_rows);
        return FALSE;
      }
  }
  if (package->seal_version < 4)
    {
      g_autofree char *linked = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM register_rows WHERE assessment_id = "
                                              "%" G_GINT64_FORMAT " AND document_id IS NOT NULL", year->id);

      /* Format 3 neither carried nor sealed a row's document (schema 9): any link came later. */
      linked = query_text (package->store->db, sql);
      if (linked != NULL && atoi (linked) > 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("The package “%s” is of format %s, which carries no register row's "
                         "document, but links %d (table register_rows): they were added after it "
                         "was sealed. Nothing was imported."), package->display, info->format,
                       atoi (linked));
          return FALSE;
        }
    }

  /* The year as the seal checked it, with the package's own lines and audit trail. */
  if ((package->year_canonical = par_store_canonical_year_version (package->store, year->id,
                                                                   year->status,
                                                                   package->seal_version,
                                                                   error)) == NULL)
    return FALSE;
  g_free (year_seal);
  year_seal = par_seal_hash (package->year_canonical);
  if (g_strcmp0 (year_seal, info->year_seal) != 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("In the package “%s”, the year does not match the seal the package names "
                     "(table parscore_package, year-seal). Nothing was imported."),
                   package->display);
      return FALSE;
    }
  if ((canonical = par_package_canonical (package->store->db, package->year_canonical,
                                      package->display, error)) == NULL)
    return FALSE;
  {
    g_autofree char *seal = par_seal_hash (canonical);

    if (g_strcmp0 (seal, info->seal) != 0)
      {
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package “%s” was changed after it was sealed: its description or "
                       "the year's audit trail differ (tables parscore_package, package_audit). "
                       "Nothing was imported."), package->display);
        return FALSE;
      }
  }

  if ((entries = par_store_get_entries (package->store, year->id, error)) == NULL ||
      (links = par_store_list_evidence (package->store, year->id, NULL, error)) == NULL)
    return FALSE;
  info->n_entries = entries->len;
  for (guint i = 0; i < links->len; i++)
    g_hash_table_add (documents, &((ParEvidenceLink *) links->pdata[i])->document_id);
  info->n_documents = g_hash_table_size (documents);
  return TRUE;
}

ParPackage *
par_package_open (const char  *path,
                  GError     **error)
{
  g_autoptr(ParPackage) package = g_new0 (ParPackage, 1);
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GError) local_error = NULL;
  ParPackageInfo *info = &package->info;
  const char *level, *status, *kind;

  g_return_val_if_fail (path != NULL, NULL);

  package->display = g_filename_display_name (path);
  info->path = g_strdup (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("There is no package file “%s”."),
                   package->display);
      return NULL;
    }
  if ((keys = read_package_table (path, package->display, error)) == NULL)
    return NULL;

  info->format = g_strdup (g_hash_table_lookup (keys, "format"));
  package->seal_version = g_str_equal (info->format, PAR_PACKAGE_FORMAT_1) ? 1
                          : g_str_equal (info->format, PAR_PACKAGE_FORMAT_2) ? 2
                          : g_str_equal (info->format, PAR_PACKAGE_FORMAT_3) ? 3 : 4;
  info->unit_name = g_strdup (g_hash_table_lookup (keys, "unit"));
  info->year = atoi (g_hash_table_lookup (keys, "year") ?: "0");
  info->round = atoi (g_hash_table_lookup (keys, "round") ?: "0");
  info->created_at = g_strdup (g_hash_table_lookup (keys, "created-at"));
  info->created_by = g_strdup (g_hash_table_lookup (keys, "created-by"));
  info->seal = g_strdup (g_hash_table_lookup (keys, "seal"));
  info->year_seal = g_strdup (g_hash_table_lookup (keys, "year-seal"));
  info->reply_deadline = g_strdup (g_hash_table_lookup (keys, "reply-deadline"));
  level = g_hash_table_lookup (keys, "level");
  status = g_hash_table_lookup (keys, "status");
  kind = g_hash_table_lookup (keys, "kind");
  if (info->unit_name == NULL || info->seal == NULL || info->year_seal == NULL ||
      (info->reply_deadline != NULL &&
       !par_deadline_days_left (info->reply_deadline, info->reply_deadline, &(int) { 0 })) ||
      !par_level_from_string (level, &info->level) ||
      !par_status_from_string (status, &info->status) || info->status == PAR_STATUS_DRAFT ||
      !par_package_kind_from_string (kind, &info->kind))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” does not say what it holds (table parscore_package). "
                     "Nothing was imported."), package->display);
      return NULL;
    }

  package->store = par_store_open_full (path, PAR_STORE_OPEN_READ_ONLY, &local_error);
  if (package->store == NULL)
    {
      set_damaged (error, package->display, local_error->message);
      return NULL;
    }
  if (!check_contents (package, keys, error))
    return NULL;
  return g_steal_pointer (&package);
}
