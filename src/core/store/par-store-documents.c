/* par-store-documents.c — evidence documents (tài liệu kiểm chứng) and the links that cite
 * them for a criterion of an assessment.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-format.h"
#include "par-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Evidence documents                                                                         */

#define DOCUMENT_COLUMNS "SELECT id, kind, number, issue_date, issuer, summary FROM documents "

static ParDocument *
document_from_row (ParStmt *stmt)
{
  ParDocument *document = g_new0 (ParDocument, 1);

  document->id = sqlite3_column_int64 (stmt, 0);
  document->kind = par_stmt_column_text (stmt, 1);
  document->number = par_stmt_column_text (stmt, 2);
  document->issue_date = par_stmt_column_text (stmt, 3);
  document->issuer = par_stmt_column_text (stmt, 4);
  document->summary = par_stmt_column_text (stmt, 5);
  return document;
}

/* The trimmed, normalized copy of a document the caller handed in; NULL + error if invalid. */
static ParDocument *
document_clean (const ParDocument  *document,
                GError            **error)
{
  g_autoptr(ParDocument) clean = g_new0 (ParDocument, 1);

  clean->id = document->id;
  clean->kind = par_store_clean_text (document->kind);
  clean->number = par_store_clean_text (document->number);
  clean->issue_date = par_store_clean_text (document->issue_date);
  clean->issuer = par_store_clean_text (document->issuer);
  clean->summary = par_store_clean_text (document->summary);

  if (clean->kind == NULL || clean->number == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                           _("An evidence document needs a kind (KH, BC, QĐ…) and a "
                             "number/symbol."));
      return NULL;
    }
  if (clean->issue_date != NULL && !par_format_is_iso_date (clean->issue_date))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("The issue date “%s” of document %s is not a date like 2020-01-21."),
                   clean->issue_date, clean->number);
      return NULL;
    }
  return g_steal_pointer (&clean);
}

/**
 * par_store_add_document:
 * @document: the document; its id is ignored
 *
 * Returns: the new document's id, or 0 with @error set.
 */
gint64
par_store_add_document (ParStore           *self,
                        const ParDocument  *document,
                        GError            **error)
{
  g_autoptr(ParDocument) clean = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;
  gint64 id;

  g_return_val_if_fail (PAR_IS_STORE (self), 0);
  g_return_val_if_fail (document != NULL, 0);

  clean = document_clean (document, error);
  if (clean == NULL)
    return 0;

  if (!par_store_begin (self, error))
    return 0;
  stmt = par_store_prepare (self,
                            "INSERT INTO documents (kind, number, issue_date, issuer, summary) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  par_stmt_bind_text (stmt, 1, clean->kind);
  par_stmt_bind_text (stmt, 2, clean->number);
  par_stmt_bind_text (stmt, 3, clean->issue_date);
  par_stmt_bind_text (stmt, 4, clean->issuer);
  par_stmt_bind_text (stmt, 5, clean->summary);
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);
  id = sqlite3_last_insert_rowid (self->db);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " added", id);
  description = g_strdup_printf ("%s %s", clean->kind, clean->number);
  if (!par_store_finish (self, par_store_audit (self, what, NULL, description, error), error))
    return 0;
  return id;
}

ParDocument *
par_store_read_document (ParStore    *self,
                         gint64       document_id,
                         GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, DOCUMENT_COLUMNS "WHERE id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = par_store_step (self, stmt, error);
  if (rc == SQLITE_ROW)
    return document_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 _("There is no evidence document number %" PRId64 "."), document_id);
  return NULL;
}

/**
 * par_store_update_document:
 * @document: the document with its id and new values
 *
 * Corrects a document's description (allowed even when a submitted assessment cites it, as
 * it changes no score); each changed field is audited.
 */
gboolean
par_store_update_document (ParStore           *self,
                           const ParDocument  *document,
                           GError            **error)
{
  g_autoptr(ParDocument) clean = NULL;
  g_autoptr(ParDocument) old = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  const char *fields[] = { "kind", "number", "issue date", "issuer", "summary" };
  const char *old_values[5], *new_values[5];
  gboolean ok = TRUE, changed = FALSE;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (document != NULL, FALSE);

  clean = document_clean (document, error);
  if (clean == NULL)
    return FALSE;

  if (!par_store_begin (self, error))
    return FALSE;
  old = par_store_read_document (self, document->id, error);
  if (old == NULL)
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self,
                            "UPDATE documents SET kind = ?2, number = ?3, issue_date = ?4, "
                            "issuer = ?5, summary = ?6 WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, document->id);
  par_stmt_bind_text (stmt, 2, clean->kind);
  par_stmt_bind_text (stmt, 3, clean->number);
  par_stmt_bind_text (stmt, 4, clean->issue_date);
  par_stmt_bind_text (stmt, 5, clean->issuer);
  par_stmt_bind_text (stmt, 6, clean->summary);
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  old_values[0] = old->kind, new_values[0] = clean->kind;
  old_values[1] = old->number, new_values[1] = clean->number;
  old_values[2] = old->issue_date, new_values[2] = clean->issue_date;
  old_values[3] = old->issuer, new_values[3] = clean->issuer;
  old_values[4] = old->summary, new_values[4] = clean->summary;
  for (guint i = 0; ok && i < G_N_ELEMENTS (fields); i++)
    if (g_strcmp0 (old_values[i], new_values[i]) != 0)
      {
        g_autofree char *what = g_strdup_printf ("document %" G_GINT64_FORMAT " %s",
                                                 document->id, fields[i]);
        ok = par_store_audit (self, what, old_values[i], new_values[i], error);
        changed = TRUE;
      }
  /* Locked years citing it are sealed again with the corrected description. */
  if (ok && changed)
    ok = par_store_reseal_citing_in_tx (self, document->id, "document corrected", error);
  return par_store_finish (self, ok, error);
}

ParDocument *
par_store_get_document (ParStore    *self,
                        gint64       document_id,
                        GError     **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  return par_store_read_document (self, document_id, error);
}

/**
 * par_store_list_documents:
 * @filter: (nullable): text to look for in the number, issuer or summary, ignoring case
 *   and Vietnamese diacritics; %NULL or "" for every document
 *
 * Returns: (transfer full) (element-type ParDocument): by issue date (undated last), then id.
 */
GPtrArray *
par_store_list_documents (ParStore    *self,
                          const char  *filter,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) par_document_free);
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *folded = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (filter != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (filter));

      folded = par_fold_for_search (trimmed);
    }
  stmt = par_store_prepare (self,
                            DOCUMENT_COLUMNS
                            "WHERE ?1 IS NULL OR instr (par_fold (number), ?1) > 0 "
                            "OR instr (par_fold (issuer), ?1) > 0 "
                            "OR instr (par_fold (summary), ?1) > 0 "
                            "ORDER BY issue_date IS NULL, issue_date, id", error);
  if (stmt == NULL)
    return NULL;
  par_stmt_bind_text (stmt, 1, par_nonempty (folded));
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, document_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Inside a transaction: a document cited by a submitted or appraised assessment — by a
 * sub-criterion or by a register row (schema 9) — is part of that dossier; its files and its
 * existence are locked with it. */
gboolean
par_store_check_document_unlocked (ParStore     *self,
                                   gint64        document_id,
                                   GError      **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT a.status, a.year, u.name "
                                               "FROM assessments a "
                                               "JOIN units u ON u.id = a.unit_id "
                                               "WHERE a.status <> 'draft' AND a.id IN "
                                               "(SELECT assessment_id FROM evidence_links "
                                               "WHERE document_id = ?1 UNION "
                                               "SELECT assessment_id FROM register_rows "
                                               "WHERE document_id = ?1) "
                                               "ORDER BY a.year LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      ParStatus status = PAR_STATUS_SUBMITTED;

      par_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &status);
      par_store_set_locked_error (error, status, sqlite3_column_int (stmt, 1),
                                  (const char *) sqlite3_column_text (stmt, 2));
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
store_document_blobs (ParStore    *self,
                      gint64       document_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "SELECT DISTINCT sha256 FROM attachments "
                                               "WHERE document_id = ?1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (shas, par_stmt_column_text (stmt, 0));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&shas);
}

gboolean
par_store_delete_documents_cited_only_by (ParStore    *self,
                                          gint64       assessment_id,
                                          GPtrArray   *blobs,
                                          GError     **error)
{
  g_autoptr(GPtrArray) documents =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_document_free);
  int rc;

  g_assert (self->in_transaction);

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 DOCUMENT_COLUMNS
                                                 "WHERE id IN (SELECT document_id "
                                                 "FROM evidence_links WHERE assessment_id = ?1) "
                                                 "AND NOT EXISTS (SELECT 1 FROM evidence_links o "
                                                 "WHERE o.document_id = documents.id "
                                                 "AND o.assessment_id <> ?1) ORDER BY id", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, assessment_id);
    while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
      g_ptr_array_add (documents, document_from_row (stmt));
    if (rc == 0)
      return FALSE;
  }

  for (guint i = 0; i < documents->len; i++)
    {
      ParDocument *document = documents->pdata[i];
      g_autoptr(GPtrArray) shas = store_document_blobs (self, document->id, error);
      g_autoptr(ParStmt) stmt = NULL;
      g_autofree char *what = NULL;
      g_autofree char *description = NULL;

      if (shas == NULL)
        return FALSE;
      for (guint j = 0; j < shas->len; j++)
        g_ptr_array_add (blobs, g_strdup (shas->pdata[j]));
      stmt = par_store_prepare (self, "DELETE FROM documents WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document->id);
      if (!par_store_run (self, stmt, error))
        return FALSE;
      what = g_strdup_printf ("document %" G_GINT64_FORMAT " deleted", document->id);
      description = g_strdup_printf ("%s %s", document->kind, document->number);
      if (!par_store_audit (self, what, description, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * par_store_delete_document:
 *
 * Deletes a document with its links and attachments; blobs no other attachment uses are
 * removed. Fails with %PAR_ERROR_LOCKED while a submitted or appraised assessment cites it.
 */
gboolean
par_store_delete_document (ParStore    *self,
                           gint64       document_id,
                           GError     **error)
{
  g_autoptr(ParDocument) old = NULL;
  g_autoptr(GPtrArray) shas = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *what = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);

  if (!par_store_begin (self, error))
    return FALSE;
  old = par_store_read_document (self, document_id, error);
  if (old == NULL || !par_store_check_document_unlocked (self, document_id, error))
    return par_store_finish (self, FALSE, error);
  shas = store_document_blobs (self, document_id, error);
  if (shas == NULL)
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self, "DELETE FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  what = g_strdup_printf ("document %" G_GINT64_FORMAT " deleted", document_id);
  description = g_strdup_printf ("%s %s", old->kind, old->number);
  if (!par_store_finish (self, par_store_audit (self, what, description, NULL, error), error))
    return FALSE;

  for (guint i = 0; i < shas->len; i++)
    par_store_prune_blob (self, shas->pdata[i]);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence links                                                                             */

/* Columns: document_id, assessment_id, code, section, pages. */
GPtrArray *
par_store_read_links (ParStore  *self,
                      ParStmt   *stmt,
                      GError   **error)
{
  g_autoptr(GPtrArray) links =
    g_ptr_array_new_with_free_func ((GDestroyNotify) par_evidence_link_free);
  int rc;

  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      ParEvidenceLink *link = g_new0 (ParEvidenceLink, 1);

      link->document_id = sqlite3_column_int64 (stmt, 0);
      link->assessment_id = sqlite3_column_int64 (stmt, 1);
      link->code = par_stmt_column_text (stmt, 2);
      link->section = par_stmt_column_text (stmt, 3);
      link->pages = par_stmt_column_text (stmt, 4);
      g_ptr_array_add (links, link);
    }
  return rc == SQLITE_DONE ? g_steal_pointer (&links) : NULL;
}

static char *
describe_link (const char *number,
               const char *section,
               const char *pages)
{
  GString *text = g_string_new (number);

  if (section != NULL || pages != NULL)
    {
      g_string_append (text, " (");
      if (section != NULL)
        g_string_append (text, section);
      if (section != NULL && pages != NULL)
        g_string_append (text, "; ");
      if (pages != NULL)
        g_string_append_printf (text, "p. %s", pages);
      g_string_append_c (text, ')');
    }
  return g_string_free (text, FALSE);
}

/* The audit log's key of a link: "assessment 3 entry 1.1.2 evidence 7". */
static char *
link_what (gint64      assessment_id,
           const char *code,
           gint64      document_id)
{
  return g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry %s evidence %" G_GINT64_FORMAT,
                          assessment_id, code, document_id);
}

/* Columns: document_id, assessment_id, code, section, pages; the section and pages of a link
 * that exists already are replaced. */
gboolean
par_store_write_link (ParStore    *self,
                      gint64       document_id,
                      gint64       assessment_id,
                      const char  *code,
                      const char  *section,
                      const char  *pages,
                      GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                               "INSERT INTO evidence_links "
                                               "(document_id, assessment_id, code, section, "
                                               "pages) "
                                               "VALUES (?1, ?2, ?3, ?4, ?5) "
                                               "ON CONFLICT (assessment_id, code, document_id) "
                                               "DO UPDATE SET section = ?4, pages = ?5", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, assessment_id);
  par_stmt_bind_text (stmt, 3, code);
  par_stmt_bind_text (stmt, 4, section);
  par_stmt_bind_text (stmt, 5, pages);
  return par_store_run (self, stmt, error);
}


/**
 * par_store_link_evidence:
 * @link: document, assessment, code and the part that applies
 *
 * Cites a document for a criterion; linking it again updates the section and pages.
 * Fails with %PAR_ERROR_LOCKED unless the assessment is a draft.
 */
gboolean
par_store_link_evidence (ParStore               *self,
                         const ParEvidenceLink  *link,
                         GError                **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *section = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (link != NULL && link->code != NULL, FALSE);

  section = par_store_clean_text (link->section);
  pages = par_store_clean_text (link->pages);

  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_check_draft (self, link->assessment_id, &state, error) ||
      par_store_lookup_leaf (self, state.framework_row, link->code, NULL, error) == NULL)
    return par_store_finish (self, FALSE, error);
  document = par_store_read_document (self, link->document_id, error);
  if (document == NULL)
    return par_store_finish (self, FALSE, error);

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT section, pages FROM evidence_links "
                                                 "WHERE assessment_id = ?1 AND code = ?2 "
                                                 "AND document_id = ?3", error);
    if (stmt == NULL)
      return par_store_finish (self, FALSE, error);
    sqlite3_bind_int64 (stmt, 1, link->assessment_id);
    par_stmt_bind_text (stmt, 2, link->code);
    sqlite3_bind_int64 (stmt, 3, link->document_id);
    rc = par_store_step (self, stmt, error);
    if (rc == 0)
      return par_store_finish (self, FALSE, error);
    if (rc == SQLITE_ROW)
      old_text = describe_link (document->number, (const char *) sqlite3_column_text (stmt, 0),
                                (const char *) sqlite3_column_text (stmt, 1));
  }
  new_text = describe_link (document->number, section, pages);
  if (g_strcmp0 (old_text, new_text) == 0)
    return par_store_commit (self, error);

  if (!par_store_write_link (self, link->document_id, link->assessment_id, link->code, section,
                             pages, error))
    return par_store_finish (self, FALSE, error);

  what = link_what (link->assessment_id, link->code, link->document_id);
  return par_store_finish (self, par_store_audit (self, what, old_text, new_text, error), error);
}

gboolean
par_store_unlink_evidence (ParStore    *self,
                           gint64       assessment_id,
                           const char  *code,
                           gint64       document_id,
                           GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(ParDocument) document = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *what = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (!par_store_begin (self, error))
    return FALSE;
  if (!par_store_check_draft (self, assessment_id, &state, error))
    return par_store_finish (self, FALSE, error);

  stmt = par_store_prepare (self,
                            "DELETE FROM evidence_links WHERE assessment_id = ?1 AND code = ?2 "
                            "AND document_id = ?3 RETURNING section, pages", error);
  if (stmt == NULL)
    return par_store_finish (self, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, document_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return par_store_finish (self, FALSE, error);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("Document %" PRId64 " is not cited for criterion %s."),
                   document_id, code);
      return par_store_finish (self, FALSE, error);
    }
  document = par_store_read_document (self, document_id, NULL);
  old_text = describe_link (document != NULL ? document->number : "?",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  if (!par_store_run (self, stmt, error))
    return par_store_finish (self, FALSE, error);

  what = link_what (assessment_id, code, document_id);
  return par_store_finish (self, par_store_audit (self, what, old_text, NULL, error), error);
}

/* A link to copy: the previous year's document, code and part. */
typedef struct {
  gint64  document_id;
  char   *code;
  char   *section;
  char   *pages;
  char   *number;
} LinkCopy;

static void
link_copy_free (LinkCopy *copy)
{
  g_free (copy->code);
  g_free (copy->section);
  g_free (copy->pages);
  g_free (copy->number);
  g_free (copy);
}

gboolean
par_store_copy_evidence (ParStore    *self,
                         gint64       from_id,
                         gint64       to_id,
                         gint64       to_framework_row,
                         GError     **error)
{
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) link_copy_free);
  int rc;

  g_assert (self->in_transaction);

  framework = par_store_load_framework (self, to_framework_row, error);
  if (framework == NULL)
    return FALSE;

  {
    g_autoptr(ParStmt) stmt = par_store_prepare (self,
                                                 "SELECT l.document_id, l.code, l.section, "
                                                 "l.pages, d.number FROM evidence_links l "
                                                 "JOIN documents d ON d.id = l.document_id "
                                                 "WHERE l.assessment_id = ?1 "
                                                 "ORDER BY l.code, l.document_id", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, from_id);
    while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
      {
        LinkCopy *copy = g_new0 (LinkCopy, 1);

        copy->document_id = sqlite3_column_int64 (stmt, 0);
        copy->code = par_stmt_column_text (stmt, 1);
        copy->section = par_stmt_column_text (stmt, 2);
        copy->pages = par_stmt_column_text (stmt, 3);
        copy->number = par_stmt_column_text (stmt, 4);
        g_ptr_array_add (copies, copy);
      }
    if (rc == 0)
      return FALSE;
  }

  for (guint i = 0; i < copies->len; i++)
    {
      LinkCopy *copy = copies->pdata[i];
      const ParNode *node = par_framework_lookup (framework, copy->code);
      g_autofree char *what = NULL;
      g_autofree char *text = NULL;

      /* A sub-criterion the new set no longer scores has nothing to cite for. */
      if (node == NULL || !par_node_is_leaf (node))
        continue;
      if (!par_store_write_link (self, copy->document_id, to_id, copy->code, copy->section,
                                 copy->pages, error))
        return FALSE;
      what = link_what (to_id, copy->code, copy->document_id);
      text = describe_link (copy->number, copy->section, copy->pages);
      if (!par_store_audit (self, what, NULL, text, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * par_store_list_evidence:
 * @code: (nullable): one criterion, or %NULL for all
 *
 * Returns: (transfer full) (element-type ParEvidenceLink): by code, then document.
 */
GPtrArray *
par_store_list_evidence (ParStore    *self,
                         gint64       assessment_id,
                         const char  *code,
                         GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            "SELECT document_id, assessment_id, code, section, pages "
                            "FROM evidence_links WHERE assessment_id = ?1 "
                            "AND (?2 IS NULL OR code = ?2) ORDER BY code, document_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, code);
  return par_store_read_links (self, stmt, error);
}
