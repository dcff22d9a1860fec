/* par-store-types.c — the store's plain value types, status and level names, and folding
 * text for search.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "par-store.h"

/* ------------------------------------------------------------------------------------------ */
/* Plain value types                                                                          */

void
par_unit_free (ParUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->name);
  g_free (unit);
}

void
par_assessment_free (ParAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->framework_id);
  g_free (assessment->framework_sha256);
  g_free (assessment);
}

void
par_document_free (ParDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->kind);
  g_free (document->number);
  g_free (document->issue_date);
  g_free (document->issuer);
  g_free (document->summary);
  g_free (document);
}

void
par_evidence_link_free (ParEvidenceLink *link)
{
  if (link == NULL)
    return;
  g_free (link->code);
  g_free (link->section);
  g_free (link->pages);
  g_free (link);
}

void
par_attachment_free (ParAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->sha256);
  g_free (attachment->content_type);
  g_free (attachment->original_name);
  g_free (attachment);
}

void
par_audit_entry_free (ParAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->when);
  g_free (entry->what);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->actor);
  g_free (entry->reason);
  g_free (entry);
}

const char *
par_status_to_string (ParStatus status)
{
  switch (status)
    {
    case PAR_STATUS_DRAFT:
      return "draft";
    case PAR_STATUS_SUBMITTED:
      return "submitted";
    case PAR_STATUS_APPRAISED:
      return "appraised";
    default:
      return NULL;
    }
}

gboolean
par_status_from_string (const char *text,
                        ParStatus  *out)
{
  static const ParStatus all[] = { PAR_STATUS_DRAFT, PAR_STATUS_SUBMITTED, PAR_STATUS_APPRAISED };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, par_status_to_string (all[i])) == 0)
      {
        if (out != NULL)
          *out = all[i];
        return TRUE;
      }
  return FALSE;
}

const char *
par_level_to_string (ParLevel level)
{
  switch (level)
    {
    case PAR_LEVEL_DEPARTMENT:
      return "department";
    case PAR_LEVEL_DISTRICT:
      return "district";
    case PAR_LEVEL_COMMUNE:
      return "commune";
    default:
      return NULL;
    }
}

gboolean
par_level_from_string (const char *text,
                       ParLevel   *out)
{
  static const ParLevel all[] = { PAR_LEVEL_DEPARTMENT, PAR_LEVEL_DISTRICT, PAR_LEVEL_COMMUNE };

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, par_level_to_string (all[i])) == 0)
      {
        if (out != NULL)
          *out = all[i];
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Search folding                                                                             */

/**
 * par_fold_for_search:
 * @text: (nullable): UTF-8 text
 *
 * Decomposes @text (NFD), drops the combining marks, maps đ/Đ (which do not decompose) to
 * "d" and folds case, so "Cải cách ĐỀ ÁN" and "cai cach de an" compare equal.
 *
 * Returns: (transfer full): the folded text; "" for %NULL.
 */
char *
par_fold_for_search (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_type (c))
        {
        case G_UNICODE_NON_SPACING_MARK:
        case G_UNICODE_SPACING_MARK:
        case G_UNICODE_ENCLOSING_MARK:
          continue;
        default:
          break;
        }
      if (c == 0x0110 || c == 0x0111)  /* Đ, đ */
        c = 'd';
      g_string_append_unichar (stripped, c);
    }

  {
    g_autofree char *joined = g_string_free (stripped, FALSE);
    return g_utf8_casefold (joined, -1);
  }
}
