/* par-package-receive.c — receiving packages into a council's round: kept first, never lost.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-package-private.h"

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
                                       : par_package_copy_document (package->store,
                                                                    link->document_id, store,
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
      par_package_remove_blob_dir (blob_dir);
      return 0;
    }
  saved_context = g_steal_pointer (&store->audit_context);
  store->audit_context = g_strdup_printf ("round %d", (int) round->stage);
  ok = par_package_copy_replies (package->store, package->assessment_id, store, held, error) &&
       import_reply_evidence (store, held, package, blob_dir, error);
  g_free (store->audit_context);
  store->audit_context = g_steal_pointer (&saved_context);
  par_package_remove_blob_dir (blob_dir);
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

  if (!par_package_find_year (store, info->unit_name, info->year, &unit_id, &held, error))
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
