/* par-package-copy.c — a unit's year copied from one store into another, through the store's
 * checked writes: packing a package and importing one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-package-private.h"

/* A package's blob written to a file of its own in @dir, to attach from. */
static char *
extract_blob (ParStore    *package,
              const char  *sha256,
              const char  *dir,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, sha256, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  if (sqlite3_prepare_v2 (package->db, "SELECT data FROM package_blobs WHERE sha256 = ?1", -1,
                          &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        ok = g_file_set_contents (path, sqlite3_column_blob (stmt, 0) != NULL
                                        ? sqlite3_column_blob (stmt, 0) : "",
                                  sqlite3_column_bytes (stmt, 0), error);
      else
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package holds no file %.12s… (table package_blobs)."), sha256);
    }
  sqlite3_finalize (stmt);
  return ok ? g_steal_pointer (&path) : NULL;
}

/* Copies one document of @from, with its files, into @to: the new document's id, 0 with @error
 * set. Files are attached from the blobs @from keeps beside it, or, with @blob_dir, from the
 * package's own blobs written there. */
gint64
par_package_copy_document (ParStore    *from,
                           gint64       document_id,
                           ParStore    *to,
                           const char  *blob_dir,
                           GError     **error)
{
  g_autoptr(ParDocument) document = par_store_get_document (from, document_id, error);
  g_autoptr(GPtrArray) files = NULL;
  gint64 id;

  if (document == NULL || (id = par_store_add_document (to, document, error)) <= 0)
    return 0;
  if ((files = par_store_list_attachments (from, document_id, error)) == NULL)
    return 0;
  for (guint f = 0; f < files->len; f++)
    {
      ParAttachment *file = g_ptr_array_index (files, f);
      g_autofree char *blob = blob_dir != NULL
                              ? extract_blob (from, file->sha256, blob_dir, error)
                              : par_store_attachment_path (from, file);
      g_autoptr(ParStmt) stmt = NULL;
      gint64 attached;

      if (blob == NULL || (attached = par_store_attach_file (to, id, blob, NULL, error)) <= 0)
        return 0;
      /* The blob is named by its hash: the file keeps its own name and type. */
      if (!par_store_begin (to, error))
        return 0;
      stmt = par_store_prepare (to, "UPDATE attachments SET original_name = ?2, "
                                    "content_type = ?3 WHERE id = ?1", error);
      if (stmt == NULL)
        return par_store_finish (to, FALSE, error);
      sqlite3_bind_int64 (stmt, 1, attached);
      par_stmt_bind_text (stmt, 2, file->original_name);
      par_stmt_bind_text (stmt, 3, file->content_type);
      if (!par_store_run (to, stmt, error))
        return par_store_finish (to, FALSE, error);
      par_stmt_release (g_steal_pointer (&stmt));
      if (!par_store_commit (to, error))
        return 0;
    }
  return id;
}

/* @from's document @document_id as copied into @to: copied the first time (with its files),
 * remembered in @documents (id in @from → id in @to) after. 0 with @error set. */
static gint64
map_document (ParStore    *from,
              gint64       document_id,
              ParStore    *to,
              const char  *blob_dir,
              GHashTable  *documents,
              GError     **error)
{
  gint64 *to_document = g_hash_table_lookup (documents, &document_id);
  gint64 id;

  if (to_document != NULL)
    return *to_document;
  if ((id = par_package_copy_document (from, document_id, to, blob_dir, error)) <= 0)
    return 0;
  g_hash_table_insert (documents, g_memdup2 (&document_id, sizeof document_id),
                       g_memdup2 (&id, sizeof id));
  return id;
}

/* Copies the documents @from_id cites, with their files and links, into @to (year @to_id). */
static gboolean
copy_evidence (ParStore    *from,
               gint64       from_id,
               ParStore    *to,
               gint64       to_id,
               const char  *blob_dir,
               GHashTable  *documents,
               GError     **error)
{
  g_autoptr(GPtrArray) links = par_store_list_evidence (from, from_id, NULL, error);

  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (links, i);
      ParEvidenceLink copy = *link;

      if ((copy.document_id = map_document (from, link->document_id, to, blob_dir, documents,
                                            error)) <= 0)
        return FALSE;
      copy.assessment_id = to_id;
      if (!par_store_link_evidence (to, &copy, error))
        return FALSE;
    }
  return TRUE;
}

/* The year's figure values from @from into @to's draft @to_id, through the store's validated
 * write (par_figure_check_value() for each). */
static void
add_figure_change (const char *figure_id,
                   const char *part_key,
                   const char *value,
                   gpointer    user_data)
{
  g_ptr_array_add (user_data, par_figure_change_new (figure_id, part_key, value));
}

static gboolean
copy_figures (ParStore  *from,
              gint64     from_id,
              ParStore  *to,
              gint64     to_id,
              GError   **error)
{
  g_autoptr(ParFigureValues) values = par_store_get_figure_values (from, from_id, error);
  g_autoptr(GPtrArray) changes = NULL;

  if (values == NULL)
    return FALSE;
  if (par_figure_values_count (values) == 0)
    return TRUE;
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  par_figure_values_foreach (values, add_figure_change, changes);
  if (par_store_set_figure_values (to, to_id, changes, FALSE, error))
    return TRUE;
  /* TRANSLATORS: the reason a figure value was refused follows */
  g_prefix_error (error, _("A figure value cannot be stored (table figure_values): "));
  return FALSE;
}

/* The year's register rows from @from into @to's draft @to_id, register by register, through
 * the store's checked write (par_register_check_row() for each row, audited row by row). A row's
 * evidence document (schema 9) is copied with it — a document only a row links too — and the
 * link names the copy; the rows are new to @to (their ids in @from mean nothing there). */
static gboolean
copy_registers (ParStore      *from,
                gint64         from_id,
                ParFramework  *framework,
                ParStore      *to,
                gint64         to_id,
                const char    *blob_dir,
                GHashTable    *documents,
                GError       **error)
{
  GPtrArray *registers = par_framework_get_registers (framework);

  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *reg = g_ptr_array_index (registers, i);
      g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (from, from_id, reg->id, error);

      if (rows == NULL)
        return FALSE;
      if (par_register_rows_count (rows) == 0)
        continue;
      for (guint r = 0; r < par_register_rows_count (rows); r++)
        {
          gint64 document = par_register_rows_get_document (rows, r);

          par_register_rows_set_row_id (rows, r, 0);
          if (document > 0)
            {
              if ((document = map_document (from, document, to, blob_dir, documents, error)) <= 0)
                return FALSE;
              par_register_rows_set_document (rows, r, document);
            }
        }
      if (!par_store_set_register_rows (to, to_id, reg->id, rows, FALSE, NULL, error))
        {
          /* TRANSLATORS: the reason a register's row was refused follows */
          g_prefix_error (error, _("A register row cannot be stored (table register_rows): "));
          return FALSE;
        }
    }
  return TRUE;
}

/* Copies a unit's year from @from into @to (a new year there), locked with @status. */
gint64
par_package_copy_year (ParStore       *from,
                       ParAssessment  *year,
                       ParUnit        *unit,
                       ParStore       *to,
                       ParStatus       status,
                       const char     *reason,
                       const char     *blob_dir,
                       GError        **error)
{
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gint64 set_row, unit_id = 0, id;

  if ((framework = par_store_load_framework (from, year->framework_row, error)) == NULL ||
      (set_row = par_store_import_framework (to, framework, error)) <= 0 ||
      (units = par_store_list_units (to, error)) == NULL)
    return 0;
  for (guint i = 0; i < units->len; i++)
    {
      ParUnit *there = g_ptr_array_index (units, i);

      if (g_str_equal (there->name, unit->name))
        {
          if (there->level != unit->level)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("“%s” is a %s here but a %s in the package: correct the unit's level "
                             "first."), unit->name, par_level_to_string (there->level),
                           par_level_to_string (unit->level));
              return 0;
            }
          unit_id = there->id;
        }
    }
  if (unit_id == 0 && (unit_id = par_store_add_unit (to, unit->name, unit->level, error)) <= 0)
    return 0;
  if ((id = par_store_create_assessment (to, unit_id, year->year, set_row, error)) <= 0 ||
      (entries = par_store_get_entries (from, year->id, error)) == NULL ||
      (entries->len > 0 && !par_store_save_entries (to, id, entries, error)) ||
      !copy_figures (from, year->id, to, id, error) ||
      !copy_registers (from, year->id, framework, to, id, blob_dir, documents, error) ||
      !copy_evidence (from, year->id, to, id, blob_dir, documents, error) ||
      !par_store_set_status_with_reason (to, id, status, reason, error))
    return 0;
  return id;
}

/* The unit's replies of one year, into another store's year. */
gboolean
par_package_copy_replies (ParStore  *from,
                          gint64     from_id,
                          ParStore  *to,
                          gint64     to_id,
                          GError   **error)
{
  g_autoptr(GPtrArray) replies = par_store_list_replies (from, from_id, error);

  if (replies == NULL)
    return FALSE;
  for (guint i = 0; i < replies->len; i++)
    {
      ParReply *reply = g_ptr_array_index (replies, i);

      if (!par_store_save_reply (to, to_id, reply->code, reply->text, error))
        return FALSE;
    }
  return TRUE;
}

ParUnit *
par_package_unit_by_id (ParStore  *store,
                        gint64     unit_id,
                        GError   **error)
{
  g_autoptr(GPtrArray) units = par_store_list_units (store, error);

  for (guint i = 0; units != NULL && i < units->len; i++)
    if (((ParUnit *) g_ptr_array_index (units, i))->id == unit_id)
      return g_steal_pointer (&units->pdata[i]);
  if (units != NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND, _("There is no unit number %" PRId64 "."),
                 unit_id);
  return NULL;
}
