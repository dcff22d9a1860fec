/* par-package.c — sealed packages: writing, checking, importing (data/PACKAGE.md).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A package is a Parscore database (the store's own schema, so the store's seal of the year is
 * computed by the store's own code) holding one unit's one year, plus three tables of its own:
 * `parscore_package` (what it is), `package_blobs` (the attached files) and `package_audit` (the
 * year's audit trail). It is written through the store's public API, like any database, and
 * imported the same way, so every entry crosses the one validation. Only the package's own
 * tables and a few checks read it with SQL of their own, through the store's private header.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-council.h"
#include "par-package.h"
#include "par-store-private.h"

#define PARS_APPLICATION_ID 0x50415253

struct _ParPackage
{
  ParPackageInfo  info;
  ParStore       *store;          /* the package, read-only */
  gint64          assessment_id;  /* its one year */
  char           *display;        /* the file's name for messages */
  char           *year_canonical; /* the year's canonical text, as the seal checked it */
  guint           seal_version;   /* the form of its year seal: 1 in format 1, 2 in format 2 */
};

static const char *kind_names[] = { "submission", "appraisal", "reply" };

const char *
par_package_kind_to_string (ParPackageKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
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

static gboolean
exec_sql (sqlite3     *db,
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

static gboolean
prepare (sqlite3       *db,
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

/* Quotes @text as SEAL.md does (\" \\ and \u00XX for controls); NULL is "-". */
static void
append_quoted (GString    *out,
               const char *text)
{
  if (text == NULL)
    {
      g_string_append_c (out, '-');
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The package's canonical form (PACKAGE.md): the year's canonical text, then the package's own
 * lines and its audit trail, sorted. Its SHA-256 is the package's seal. */
static char *
package_canonical (sqlite3     *db,
                   const char  *year_canonical,
                   const char  *display,
                   GError     **error)
{
  static const char *keys[] = { "format", "kind", "unit", "level", "year", "status", "round",
                                "created-at", "created-by", "year-seal", NULL };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  GString *out;
  int rc;

  if (!prepare (db, "SELECT key, value FROM parscore_package", &stmt, display, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      GString *line;

      if (!g_strv_contains (keys, key))
        continue;
      line = g_string_new ("package ");
      g_string_append_printf (line, "%s\t", key);
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || !prepare (db, "SELECT id, at, what, old_value, new_value, actor, "
                                         "reason FROM package_audit", &stmt, display, error))
    {
      if (rc != SQLITE_DONE)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package “%s” cannot be read (%s). Nothing was imported."), display,
                     sqlite3_errmsg (db));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "audit %08" G_GINT64_FORMAT "\t",
                              (gint64) sqlite3_column_int64 (stmt, 0));
      for (int c = 1; c <= 6; c++)
        {
          if (c > 1)
            g_string_append_c (line, ' ');
          append_quoted (line, (const char *) sqlite3_column_text (stmt, c));
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” cannot be read (%s). Nothing was imported."), display,
                   sqlite3_errmsg (db));
      return NULL;
    }
  /* The unit's replies (a reply package; none in the others). */
  if (!prepare (db, "SELECT code, text, actor FROM replies", &stmt, display, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "reply %s\t", sqlite3_column_text (stmt, 0));
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append_c (line, ' ');
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (lines, compare_strings);
  out = g_string_new (year_canonical);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

/* A name beside @path that does not exist yet. */
static char *
temporary_beside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (;;)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", base, g_random_int ());
      char *tmp = g_build_filename (dir, name, NULL);
      g_autofree char *attachments = g_strconcat (tmp, ".attachments", NULL);

      if (!g_file_test (tmp, G_FILE_TEST_EXISTS) && !g_file_test (attachments, G_FILE_TEST_EXISTS))
        return tmp;
      g_free (tmp);
    }
}

static void
remove_store_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *attachments = g_strconcat (path, ".attachments", NULL);
  GDir *dir;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  /* <sha[0:2]>/<sha>: two levels. */
  if ((dir = g_dir_open (attachments, 0, NULL)) != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *sub = g_build_filename (attachments, name, NULL);
          GDir *inner = g_dir_open (sub, 0, NULL);
          const char *leaf;

          while (inner != NULL && (leaf = g_dir_read_name (inner)) != NULL)
            {
              g_autofree char *file = g_build_filename (sub, leaf, NULL);
              g_unlink (file);
            }
          if (inner != NULL)
            g_dir_close (inner);
          g_rmdir (sub);
          g_unlink (sub);
        }
      g_dir_close (dir);
    }
  g_rmdir (attachments);
}

/* The year's audit trail from @store: its rows, its seals', and those of the documents it
 * cites, oldest first. */
static gboolean
copy_audit (ParStore    *store,
            sqlite3     *package,
            gint64       assessment_id,
            const char  *display,
            GError     **error)
{
  g_autofree char *prefix = g_strdup_printf ("assessment %" G_GINT64_FORMAT " ", assessment_id);
  g_autofree char *created = g_strdup_printf ("assessment %" G_GINT64_FORMAT " created",
                                              assessment_id);
  g_autofree char *sealed = g_strdup_printf ("seal of assessment %" G_GINT64_FORMAT " ",
                                             assessment_id);
  g_autoptr(ParStmt) read = NULL;
  sqlite3_stmt *write = NULL;
  int rc;

  read = par_store_prepare (store,
                            "SELECT at, what, old_value, new_value, actor, reason FROM audit_log "
                            "WHERE substr (what, 1, length (?1)) = ?1 OR what = ?2 "
                            "OR substr (what, 1, length (?3)) = ?3 "
                            "OR what IN (SELECT 'document ' || document_id || ' added' "
                            "FROM evidence_links WHERE assessment_id = ?4) "
                            "OR substr (what, 1, instr (substr (what, 10), ' ') + 9) IN "
                            "(SELECT 'document ' || document_id || ' ' FROM evidence_links "
                            "WHERE assessment_id = ?4) ORDER BY id", error);
  if (read == NULL)
    return FALSE;
  par_stmt_bind_text (read, 1, prefix);
  par_stmt_bind_text (read, 2, created);
  par_stmt_bind_text (read, 3, sealed);
  sqlite3_bind_int64 (read, 4, assessment_id);
  if (sqlite3_prepare_v2 (package, "INSERT INTO package_audit (at, what, old_value, new_value, "
                                   "actor, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &write,
                          NULL) != SQLITE_OK)
    return exec_sql (package, "SELECT raise (ABORT, 'package_audit')", display, error);
  while ((rc = par_store_step (store, read, error)) == SQLITE_ROW)
    {
      for (int c = 0; c < 6; c++)
        sqlite3_bind_value (write, c + 1, sqlite3_column_value (read, c));
      if (sqlite3_step (write) != SQLITE_DONE)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
                       display, sqlite3_errmsg (package));
          sqlite3_finalize (write);
          return FALSE;
        }
      sqlite3_reset (write);
    }
  sqlite3_finalize (write);
  return rc != 0;
}

static gboolean
put_key (sqlite3     *db,
         const char  *key,
         const char  *value,
         const char  *display,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO parscore_package (key, value) "
                              "VALUES (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    return exec_sql (db, "SELECT raise (ABORT, 'parscore_package')", display, error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
               display, sqlite3_errmsg (db));
  return FALSE;
}

/* Every attachment of the package's store, read from its blob, checked, and kept as a blob. */
static gboolean
store_blobs (ParStore    *package,
             const char  *display,
             GError     **error)
{
  g_autoptr(GPtrArray) attachments = par_store_list_attachments (package, 0, error);
  sqlite3_stmt *stmt = NULL;

  if (attachments == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (package->db, "INSERT OR IGNORE INTO package_blobs (sha256, size, data) "
                                       "VALUES (?1, ?2, ?3)", -1, &stmt, NULL) != SQLITE_OK)
    return exec_sql (package->db, "SELECT raise (ABORT, 'package_blobs')", display, error);
  for (guint i = 0; i < attachments->len; i++)
    {
      ParAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *blob = par_store_attachment_path (package, attachment);
      g_autofree char *data = NULL;
      g_autofree char *sha256 = NULL;
      gsize length = 0;

      if (!g_file_get_contents (blob, &data, &length, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
      if (g_strcmp0 (sha256, attachment->sha256) != 0)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                       _("The file “%s” changed while it was packed. Try again."),
                       attachment->original_name);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, attachment->sha256, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, (gint64) length);
      sqlite3_bind_blob64 (stmt, 3, data, length, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, _("Could not write the package “%s”: %s."),
                       display, sqlite3_errmsg (package->db));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

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
static gint64
copy_document (ParStore    *from,
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

/* Copies the documents @from_id cites, with their files and links, into @to (year @to_id). */
static gboolean
copy_evidence (ParStore    *from,
               gint64       from_id,
               ParStore    *to,
               gint64       to_id,
               const char  *blob_dir,
               GError     **error)
{
  g_autoptr(GPtrArray) links = par_store_list_evidence (from, from_id, NULL, error);
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           g_free);

  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (links, i);
      gint64 *to_document = g_hash_table_lookup (documents, &link->document_id);
      ParEvidenceLink copy = *link;

      if (to_document == NULL)
        {
          gint64 id = copy_document (from, link->document_id, to, blob_dir, error);

          if (id <= 0)
            return FALSE;
          to_document = g_memdup2 (&id, sizeof id);
          g_hash_table_insert (documents, g_memdup2 (&link->document_id, sizeof (gint64)),
                               to_document);
        }
      copy.document_id = *to_document;
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

/* Copies a unit's year from @from into @to (a new year there), locked with @status. */
static gint64
copy_year (ParStore       *from,
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
      !copy_evidence (from, year->id, to, id, blob_dir, error) ||
      !par_store_set_status_with_reason (to, id, status, reason, error))
    return 0;
  return id;
}

/* The unit's replies of one year, into another store's year. */
static gboolean
copy_replies (ParStore  *from,
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

static ParUnit *
unit_by_id (ParStore  *store,
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

static gboolean
write_package_tables (ParStore       *store,
                      ParAssessment  *year,
                      ParUnit        *unit,
                      ParStore       *package,
                      ParPackageKind  kind,
                      int             round,
                      const char     *year_canonical,
                      const char     *display,
                      GError        **error)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year->year);
  g_autofree char *round_text = g_strdup_printf ("%d", round);
  g_autofree char *year_seal = par_seal_hash (year_canonical);
  g_autofree char *canonical = NULL;
  g_autofree char *seal = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3 *db = package->db;

  if (!exec_sql (db,
                 "BEGIN;"
                 "CREATE TABLE parscore_package (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                 "CREATE TABLE package_blobs (sha256 TEXT PRIMARY KEY CHECK (length (sha256) = 64),"
                 " size INTEGER NOT NULL CHECK (size >= 0), data BLOB NOT NULL);"
                 "CREATE TABLE package_audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
                 " what TEXT NOT NULL, old_value TEXT, new_value TEXT, actor TEXT, reason TEXT);"
                 /* The package's own log (its making) is no part of the year's trail. */
                 "DELETE FROM audit_log;", display, error))
    return FALSE;
  if (!store_blobs (package, display, error) ||
      !copy_audit (store, db, year->id, display, error) ||
      !put_key (db, "format", PAR_PACKAGE_FORMAT, display, error) ||
      !put_key (db, "kind", par_package_kind_to_string (kind), display, error) ||
      !put_key (db, "unit", unit->name, display, error) ||
      !put_key (db, "level", par_level_to_string (unit->level), display, error) ||
      !put_key (db, "year", year_text, display, error) ||
      !put_key (db, "status", par_status_to_string (year->status), display, error) ||
      !put_key (db, "round", round_text, display, error) ||
      !put_key (db, "created-at", created, display, error) ||
      !put_key (db, "created-by", par_store_get_actor (store), display, error) ||
      !put_key (db, "year-seal", year_seal, display, error) ||
      (canonical = package_canonical (db, year_canonical, display, error)) == NULL ||
      !put_key (db, "seal", (seal = par_seal_hash (canonical)), display, error))
    {
      exec_sql (db, "ROLLBACK", display, NULL);
      return FALSE;
    }
  /* One self-contained file to send: no write-ahead log beside it. */
  return exec_sql (db, "COMMIT; PRAGMA journal_mode = DELETE;", display, error);
}

gboolean
par_package_write (ParStore        *store,
                   gint64           assessment_id,
                   ParPackageKind   kind,
                   int              round,
                   const char      *path,
                   GError         **error)
{
  g_autoptr(ParAssessment) year = NULL;
  g_autoptr(ParUnit) unit = NULL;
  g_autoptr(ParStore) package = NULL;
  g_autofree char *display = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *year_canonical = NULL;
  g_autofree char *packed_canonical = NULL;
  gint64 packed;
  gboolean ok = FALSE;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if ((year = par_store_get_assessment (store, assessment_id, error)) == NULL ||
      (unit = unit_by_id (store, year->unit_id, error)) == NULL)
    return FALSE;
  if (year->status == PAR_STATUS_DRAFT)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("The %d self-assessment of %s is a draft: submit it before packing it."),
                   year->year, unit->name);
      return FALSE;
    }
  if ((year_canonical = par_store_canonical_year (store, assessment_id, year->status,
                                                  error)) == NULL)
    return FALSE;

  tmp = temporary_beside (path);
  if ((package = par_store_open (tmp, error)) == NULL)
    goto out;
  par_store_set_actor (package, par_store_get_actor (store));
  if ((packed = copy_year (store, year, unit, package, year->status,
                           par_package_kind_to_string (kind), NULL, error)) <= 0)
    goto out;
  if (kind == PAR_PACKAGE_REPLY && !copy_replies (store, assessment_id, package, packed, error))
    goto out;
  /* The package holds the year exactly as it is: the same canonical text, the same seal. */
  if ((packed_canonical = par_store_canonical_year (package, packed, year->status,
                                                    error)) == NULL)
    goto out;
  if (!g_str_equal (packed_canonical, year_canonical))
    {
      g_autoptr(GPtrArray) changes = par_seal_diff (year_canonical, packed_canonical);

      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
                   _("The package “%s” would not hold the year as it is (%s); it was not "
                     "written."), display,
                   changes->len > 0 ? ((ParSealChange *) changes->pdata[0])->description : "?");
      goto out;
    }
  if (!write_package_tables (store, year, unit, package, kind, round, year_canonical, display,
                             error))
    goto out;
  g_clear_object (&package);
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Could not write the package “%s”: %s."),
                   display, g_strerror (saved));
      goto out;
    }
  ok = TRUE;

out:
  g_clear_object (&package);
  remove_store_files (tmp);
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Opening and checking                                                                       */

static gint64
file_application_id (const char *path)
{
  guint8 header[72];
  gssize n = 0;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      n = read (fd, header, sizeof header);
      g_close (fd, NULL);
    }
  if (n != (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return -1;
  return ((gint64) header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
}

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
  gint64 application_id = file_application_id (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (application_id != PARS_APPLICATION_ID)
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
  if (!g_str_equal (format, PAR_PACKAGE_FORMAT) && !g_str_equal (format, PAR_PACKAGE_FORMAT_1))
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

  if (!prepare (db, "SELECT d.number, a.original_name, a.sha256, a.size, b.data, b.size "
                    "FROM attachments a JOIN documents d ON d.id = a.document_id "
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
  if ((canonical = package_canonical (package->store->db, package->year_canonical,
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
  package->seal_version = g_strcmp0 (info->format, PAR_PACKAGE_FORMAT_1) == 0 ? 1 : 2;
  info->unit_name = g_strdup (g_hash_table_lookup (keys, "unit"));
  info->year = atoi (g_hash_table_lookup (keys, "year") ?: "0");
  info->round = atoi (g_hash_table_lookup (keys, "round") ?: "0");
  info->created_at = g_strdup (g_hash_table_lookup (keys, "created-at"));
  info->created_by = g_strdup (g_hash_table_lookup (keys, "created-by"));
  info->seal = g_strdup (g_hash_table_lookup (keys, "seal"));
  info->year_seal = g_strdup (g_hash_table_lookup (keys, "year-seal"));
  level = g_hash_table_lookup (keys, "level");
  status = g_hash_table_lookup (keys, "status");
  kind = g_hash_table_lookup (keys, "kind");
  if (info->unit_name == NULL || info->seal == NULL || info->year_seal == NULL ||
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

/* ------------------------------------------------------------------------------------------ */
/* Importing                                                                                  */

static void
remove_blob_dir (const char *dir)
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

static gboolean
find_year (ParStore    *store,
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

  if (!find_year (store, package->info.unit_name, package->info.year, &unit_id, &held, error))
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

  if (!find_year (store, info->unit_name, info->year, &unit_id, &held, error))
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
  if (!find_year (store, info->unit_name, info->year, &unit_id, &held, error))
    return 0;
  if (held > 0 && !(flags & PAR_PACKAGE_IMPORT_REPLACE))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("%d of “%s” is here already. Look at what the package changes, then replace "
                     "it. Nothing was imported."), info->year, info->unit_name);
      return 0;
    }
  if ((years = par_store_list_assessments (package->store, 0, error)) == NULL ||
      (unit = unit_by_id (package->store, ((ParAssessment *) years->pdata[0])->unit_id,
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
      remove_blob_dir (blob_dir);
      return 0;
    }
  ok = held == 0 || par_store_remove_assessment (store, held, TRUE, reason, error);
  ok = ok && (id = copy_year (package->store, years->pdata[0], unit, store, info->status, reason,
                              blob_dir, error)) > 0;
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
  remove_blob_dir (blob_dir);
  if (!par_store_batch_end (store, ok, ok ? error : NULL))
    {
      /* The files the batch attached and no row names any more. */
      for (guint i = 0; i < files->len; i++)
        par_store_prune_blob (store, ((ParAttachment *) files->pdata[i])->sha256);
      return 0;
    }
  return id;
}

/* ------------------------------------------------------------------------------------------ */
/* Receiving into a round                                                                     */

/* Keeps the package as received, whatever happens to it next (late, replaced, refused by the
 * round's stage): never lost. */
static gboolean
keep_package (ParStore        *store,
              ParRound        *round,
              ParPackage      *package,
              gboolean         late,
              const char      *received_at,
              GError         **error)
{
  const ParPackageInfo *info = &package->info;
  g_autofree char *bytes = NULL;
  g_autofree char *base = g_filename_display_basename (info->path);
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  gsize length = 0;
  gboolean ok;

  if (!g_file_get_contents (info->path, &bytes, &length, error) || !par_store_begin (store, error))
    return FALSE;
  stmt = par_store_prepare (store,
                            "INSERT INTO round_packages (round_id, unit_name, kind, stage, "
                            "received_at, late, seal, file_name, data) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, round->id);
      par_stmt_bind_text (stmt, 2, info->unit_name);
      par_stmt_bind_text (stmt, 3, par_package_kind_to_string (info->kind));
      sqlite3_bind_int (stmt, 4, round->stage);
      par_stmt_bind_text (stmt, 5, received_at != NULL ? received_at : store->tx_now);
      sqlite3_bind_int (stmt, 6, late ? 1 : 0);
      par_stmt_bind_text (stmt, 7, info->seal);
      par_stmt_bind_text (stmt, 8, base);
      sqlite3_bind_blob64 (stmt, 9, bytes, length, SQLITE_STATIC);
      ok = par_store_run (store, stmt, error);
    }
  what = g_strdup_printf ("round %" G_GINT64_FORMAT " %s of %s", round->id,
                          par_package_kind_to_string (info->kind), info->unit_name);
  ok = ok && par_store_audit_with_reason (store, what, NULL, info->seal, late ? "late" : NULL,
                                          error);
  return par_store_finish (store, ok, error);
}

/* Whether @received_on (an ISO date or time) is after @deadline (the last day, inclusive). */
static gboolean
is_late (const char *received_on,
         const char *deadline)
{
  return deadline != NULL && received_on != NULL && strncmp (received_on, deadline, 10) > 0;
}

/* A council's field of an entry ("entry 1.4.2 appraised"): the council may have changed it in
 * round 2 before the reply came; the reply does not carry the council's latest. */
static gboolean
is_council_field (const char *key)
{
  return g_str_has_prefix (key, "entry ") &&
         (g_str_has_suffix (key, " appraised") || g_str_has_suffix (key, " survey") ||
          g_str_has_suffix (key, " comment"));
}

static gboolean
has_reply (GPtrArray  *replies,
           const char *code)
{
  for (guint i = 0; i < replies->len; i++)
    if (g_str_equal (((ParReply *) replies->pdata[i])->code, code))
      return TRUE;
  return FALSE;
}

/* The evidence the unit added to its replies: the documents the package's year cites for a
 * replied sub-criterion that the council's year @held does not, copied with their files and
 * cited through par_store_add_reply_evidence(). Afterwards the council's year must be the
 * package's year, but for the council's own fields: a reply changes nothing else. */
static gboolean
import_reply_evidence (ParStore    *store,
                       gint64       held,
                       ParPackage  *package,
                       const char  *blob_dir,
                       GError     **error)
{
  g_autoptr(GPtrArray) theirs = par_store_list_evidence (package->store, package->assessment_id,
                                                         NULL, error);
  g_autoptr(GPtrArray) ours = theirs != NULL ? par_store_list_evidence (store, held, NULL, error)
                                             : NULL;
  g_autoptr(GPtrArray) replies = ours != NULL ? par_store_list_replies (package->store,
                                                                        package->assessment_id,
                                                                        error) : NULL;
  g_autoptr(GHashTable) cited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *canonical = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  if (replies == NULL)
    return FALSE;
  /* What the council's year cites: code + number, and each number's document. */
  for (guint i = 0; i < ours->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (ours, i);
      g_autoptr(ParDocument) document = par_store_get_document (store, link->document_id, error);

      if (document == NULL)
        return FALSE;
      g_hash_table_add (cited, g_strconcat (link->code, "\t", document->number, NULL));
      g_hash_table_insert (by_number, g_strdup (document->number),
                           g_memdup2 (&link->document_id, sizeof (gint64)));
    }
  for (guint i = 0; i < theirs->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (theirs, i);
      g_autoptr(ParDocument) document = par_store_get_document (package->store, link->document_id,
                                                                error);
      g_autofree char *key = NULL;
      ParEvidenceLink copy = *link;
      gint64 *known;

      if (document == NULL)
        return FALSE;
      key = g_strconcat (link->code, "\t", document->number, NULL);
      /* Cited already, or for no reply: left to the comparison below. */
      if (g_hash_table_contains (cited, key) || !has_reply (replies, link->code))
        continue;
      known = g_hash_table_lookup (by_number, document->number);
      copy.document_id = known != NULL ? *known
                                       : copy_document (package->store, link->document_id, store,
                                                        blob_dir, error);
      if (copy.document_id <= 0)
        return FALSE;
      if (known == NULL)
        g_hash_table_insert (by_number, g_strdup (document->number),
                             g_memdup2 (&copy.document_id, sizeof (gint64)));
      copy.assessment_id = held;
      if (!par_store_add_reply_evidence (store, &copy, error))
        return FALSE;
      g_hash_table_add (cited, g_steal_pointer (&key));
    }

  canonical = par_store_canonical_year_version (store, held, PAR_STATUS_APPRAISED,
                                                package->seal_version, error);
  if (canonical == NULL)
    return FALSE;
  changes = par_seal_diff (canonical, package->year_canonical);
  for (guint i = 0; i < changes->len; i++)
    {
      ParSealChange *change = g_ptr_array_index (changes, i);

      if (is_council_field (change->key))
        continue;
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("The reply “%s” changes %d of “%s” beyond the replies and their evidence "
                     "(%s). The reply is kept with the round; nothing of it was imported."),
                   package->display, package->info.year, package->info.unit_name,
                   change->description);
      return FALSE;
    }
  return TRUE;
}

/* A reply into round 2: the unit's replies beside the council's round-1 scores, and the evidence
 * it added to them, in one batch; audited with the round. */
static gint64
receive_reply (ParStore    *store,
               ParRound    *round,
               ParPackage  *package,
               gint64       held,
               GError     **error)
{
  g_autoptr(GPtrArray) files = par_store_list_attachments (package->store, 0, error);
  g_autofree char *blob_dir = NULL;
  g_autofree char *saved_context = NULL;
  gboolean ok;

  if (files == NULL || (blob_dir = g_dir_make_tmp ("parscore-package-XXXXXX", error)) == NULL)
    return 0;
  if (!par_store_batch_begin (store, error))
    {
      remove_blob_dir (blob_dir);
      return 0;
    }
  saved_context = g_steal_pointer (&store->audit_context);
  store->audit_context = g_strdup_printf ("round %d", (int) round->stage);
  ok = copy_replies (package->store, package->assessment_id, store, held, error) &&
       import_reply_evidence (store, held, package, blob_dir, error);
  g_free (store->audit_context);
  store->audit_context = g_steal_pointer (&saved_context);
  remove_blob_dir (blob_dir);
  if (!par_store_batch_end (store, ok, ok ? error : NULL))
    {
      /* The files the batch attached and no row names any more. */
      for (guint i = 0; i < files->len; i++)
        par_store_prune_blob (store, ((ParAttachment *) files->pdata[i])->sha256);
      return 0;
    }
  return held;
}

gint64
par_package_receive (ParStore               *store,
                     gint64                  round_id,
                     ParPackage             *package,
                     ParPackageImportFlags   flags,
                     const char             *received_on,
                     gboolean               *late,
                     GError                **error)
{
  const ParPackageInfo *info;
  g_autoptr(ParRound) round = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *received_at = NULL;
  gboolean is_reply;
  gint64 unit_id = 0, held = 0;

  g_return_val_if_fail (PAR_IS_STORE (store), 0);
  g_return_val_if_fail (package != NULL, 0);

  info = &package->info;
  if (late != NULL)
    *late = FALSE;
  if ((round = par_store_get_round (store, round_id, error)) == NULL)
    return 0;
  if (info->year != round->year || g_strcmp0 (info->set_id, round->set_id) != 0 ||
      info->level != round->level)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” holds %d of “%s” scored with %s: it is not for round %" PRId64
                     " (%d, %s, %s). Nothing was imported."),
                   package->display, info->year, info->unit_name, info->set_id, round->id,
                   round->year, round->set_id, par_level_to_string (round->level));
      return 0;
    }
  if (info->kind == PAR_PACKAGE_APPRAISAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is an appraisal: it goes to the unit, not into the council's round. "
                     "Nothing was imported."), package->display);
      return 0;
    }
  is_reply = info->kind == PAR_PACKAGE_REPLY;
  if (received_on == NULL)
    received_on = today;
  else
    received_at = g_strdup (received_on);
  if (late != NULL)
    *late = is_late (received_on, is_reply ? round->reply_deadline : round->submission_deadline);

  /* Kept first: whatever follows, the package is not lost. */
  if (!keep_package (store, round, package,
                     is_late (received_on, is_reply ? round->reply_deadline
                                                    : round->submission_deadline),
                     received_at, error))
    return 0;
  if (!is_reply && round->stage != PAR_ROUND_STAGE_APPRAISAL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                   _("Round 1 of %d is closed: the submission of “%s” is kept with the round, "
                     "not imported."), round->year, info->unit_name);
      return 0;
    }
  if (is_reply && round->stage != PAR_ROUND_STAGE_REPLIES)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_LOCKED,
                   round->stage == PAR_ROUND_STAGE_APPRAISAL
                   ? _("Round 2 of %d is not open yet: the reply of “%s” is kept with the round, "
                       "not imported.")
                   : _("Round 2 of %d is closed: the reply of “%s” is kept with the round, not "
                       "imported."), round->year, info->unit_name);
      return 0;
    }
  if (!is_reply)
    return par_package_import (store, package, flags, error);

  if (!find_year (store, info->unit_name, info->year, &unit_id, &held, error))
    return 0;
  if (held == 0)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("The round has no %d of “%s” to reply to. The reply is kept with the round."),
                   info->year, info->unit_name);
      return 0;
    }
  return receive_reply (store, round, package, held, error);
}
