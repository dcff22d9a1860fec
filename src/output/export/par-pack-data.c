/* par-pack-data.c — the evidence pack's data: the assessment and its scores, the evidence
 * documents in the order of the first sub-criterion citing them (each once), their attachments,
 * and the check of every stored copy (size and SHA-256 against the store, what the bytes are,
 * PDF page counts, image sizes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-integrity.h"
#include "par-pack-private.h"
#include "par-pdf-writer.h"


/* --- report ---------------------------------------------------------------------------------- */

static void
pack_file_free (ParPackFile *f)
{
  g_free (f->document_number);
  g_free (f->name);
  g_free (f->sha256);
  g_free (f->actual_sha256);
  g_free (f->message);
  g_free (f);
}

void
par_pack_report_free (ParPackReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->files, g_ptr_array_unref);
  g_free (report);
}

const char *
par_pack_file_status_to_string (ParPackFileStatus status)
{
  switch (status)
    {
    case PAR_PACK_FILE_OK: return "ok";
    case PAR_PACK_FILE_MISSING: return "missing";
    case PAR_PACK_FILE_CORRUPT: return "corrupt";
    case PAR_PACK_FILE_ENCRYPTED: return "encrypted";
    case PAR_PACK_FILE_UNREADABLE: return "unreadable";
    case PAR_PACK_FILE_HASH_MISMATCH: return "hash-mismatch";
    default: return "unknown";
    }
}

/* --- the pack's data ------------------------------------------------------------------------- */

static void
pack_file_clear (PackFile *f)
{
  par_attachment_free (f->att);
  g_free (f->path);
  g_free (f);
}

static void
pack_doc_free (PackDoc *d)
{
  par_document_free (d->doc);
  g_free (d->ref);
  g_ptr_array_unref (d->cites);
  g_ptr_array_unref (d->files);
  g_array_unref (d->rows);
  g_free (d);
}

static void
pack_book_free (gpointer data)
{
  PackBook *b = data;

  g_clear_pointer (&b->rows, par_register_rows_unref);
  g_clear_pointer (&b->docs, g_ptr_array_unref);
  g_free (b);
}

gboolean
pack_load_assessment (Pack     *p,
                      gint64    assessment_id,
                      GError  **error)
{
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) assessments = NULL;

  if ((p->assessment = par_store_get_assessment (p->store, assessment_id, error)) == NULL)
    return FALSE;
  if ((units = par_store_list_units (p->store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      ParUnit *u = g_ptr_array_index (units, i);
      if (u->id == p->assessment->unit_id)
        p->unit = g_steal_pointer (&units->pdata[i]);
    }
  if (p->unit == NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                   _("The unit of assessment %" PRId64 " does not exist."), assessment_id);
      return FALSE;
    }
  if ((p->fw = par_store_load_framework (p->store, p->assessment->framework_row, error)) == NULL)
    return FALSE;
  if ((p->entries = par_store_get_entries (p->store, assessment_id, error)) == NULL)
    return FALSE;
  p->entry_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < p->entries->len; i++)
    {
      ParEntry *e = g_ptr_array_index (p->entries, i);
      g_hash_table_insert (p->entry_by_code, e->code, e);
    }
  /* Scored as the store scores the year: with its figures and its registers' rows (a rule that
   * reads a figure is not scored without them). */
  if ((p->result = par_store_score_assessment (p->store, assessment_id, error)) == NULL ||
      (p->figures = par_store_evaluate_figures (p->store, assessment_id, error)) == NULL)
    return FALSE;
  p->books = g_ptr_array_new_with_free_func (pack_book_free);
  for (guint i = 0; i < par_framework_get_registers (p->fw)->len; i++)
    {
      PackBook *b = g_new0 (PackBook, 1);

      b->reg = g_ptr_array_index (par_framework_get_registers (p->fw), i);
      g_ptr_array_add (p->books, b);
      if ((b->rows = par_store_get_register_rows (p->store, assessment_id, b->reg->id, error)) == NULL)
        return FALSE;
    }

  /* the unit's years up to the pack's, for the charts: a year's pack reads the same whenever it
   * is exported, and never shows a later year that did not exist when it was submitted */
  p->chart_results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  p->chart_years = g_array_new (FALSE, FALSE, sizeof (int));
  if (p->opts.charts)
    {
      if ((assessments = par_store_list_assessments (p->store, p->unit->id, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < assessments->len; i++)
        {
          ParAssessment *a = g_ptr_array_index (assessments, i);
          ParResult *r;

          if (a->year > p->assessment->year)
            continue;
          if (a->id == assessment_id)
            r = par_result_ref (p->result);
          else if ((r = par_store_score_assessment (p->store, a->id, error)) == NULL)
            return FALSE;
          g_ptr_array_add (p->chart_results, r);
          g_array_append_val (p->chart_years, a->year);
        }
    }
  p->n_nodes = par_framework_get_n_nodes (p->fw);
  p->nodes = g_new0 (PackTarget, p->n_nodes);
  return TRUE;
}

/* Replaces *@text by a copy that shows as what it is (see par-text.h). */
static void
neutralise (char         **text,
            ParTextFlags   flags)
{
  char *safe;

  if (*text == NULL)
    return;
  safe = par_text_neutralise (*text, -1, flags);
  g_free (*text);
  *text = safe;
}

static PackDoc *
doc_for (Pack       *p,
         GHashTable *by_id,
         gint64      document_id,
         GError    **error)
{
  PackDoc *d = g_hash_table_lookup (by_id, &document_id);
  ParDocument *doc;

  if (d != NULL)
    return d;
  if ((doc = par_store_get_document (p->store, document_id, error)) == NULL)
    return NULL;
  /* Every later use — pages, outline, progress, messages — shows these as they are. */
  neutralise (&doc->number, PAR_TEXT_SINGLE_LINE);
  neutralise (&doc->kind, PAR_TEXT_SINGLE_LINE);
  neutralise (&doc->issuer, PAR_TEXT_SINGLE_LINE);
  neutralise (&doc->summary, PAR_TEXT_MULTI_LINE);
  d = g_new0 (PackDoc, 1);
  d->doc = doc;
  d->index = p->docs->len;
  d->ref = doc->number != NULL && *doc->number != '\0' ? g_strdup (doc->number)
                                                        : g_strdup_printf ("TL%02u", d->index + 1);
  d->cites = g_ptr_array_new ();
  d->files = g_ptr_array_new ();
  d->rows = g_array_new (FALSE, FALSE, sizeof (PackRowCite));
  g_ptr_array_add (p->docs, d);
  g_hash_table_insert (by_id, &d->doc->id, d);
  return d;
}

gboolean
pack_collect_documents (Pack    *p,
                        GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *leaves = par_framework_get_leaves (p->fw);

  if ((p->evidence = par_store_list_evidence (p->store, p->assessment->id, NULL, error)) == NULL)
    return FALSE;
  p->cites = g_ptr_array_new_with_free_func (g_free);
  p->cites_by_code = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) g_ptr_array_unref);
  p->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_doc_free);
  p->files = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_file_clear);

  for (guint i = 0; i < p->evidence->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (p->evidence, i);
      GPtrArray *list = g_hash_table_lookup (by_code, link->code);

      if (list == NULL)
        g_hash_table_insert (by_code, link->code, list = g_ptr_array_new ());
      g_ptr_array_add (list, link);
    }

  /* documents in the order of the first sub-criterion citing them; codes the set does not
   * know (there should be none) come last, so that nothing cited is left out */
  for (guint pass = 0; pass < 2; pass++)
    {
      GHashTableIter iter;
      gpointer key, value;
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();

      if (pass == 0)
        for (guint i = 0; i < leaves->len; i++)
          g_ptr_array_add (codes, ((ParNode *) g_ptr_array_index (leaves, i))->code);
      else
        {
          g_hash_table_iter_init (&iter, by_code);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (par_framework_lookup (p->fw, key) == NULL)
              g_ptr_array_add (codes, key);
          g_ptr_array_sort (codes, (GCompareFunc) g_strcmp0);
        }
      for (guint i = 0; i < codes->len; i++)
        {
          const char *code = g_ptr_array_index (codes, i);
          GPtrArray *links = g_hash_table_lookup (by_code, code);

          for (guint k = 0; links != NULL && k < links->len; k++)
            {
              ParEvidenceLink *link = g_ptr_array_index (links, k);
              Cite *cite = g_new0 (Cite, 1);
              GPtrArray *list;

              cite->link = link;
              cite->node = par_framework_lookup (p->fw, code);
              if ((cite->doc = doc_for (p, by_id, link->document_id, error)) == NULL)
                {
                  g_free (cite);
                  return FALSE;
                }
              g_ptr_array_add (p->cites, cite);
              g_ptr_array_add (cite->doc->cites, cite);
              list = g_hash_table_lookup (p->cites_by_code, link->code);
              if (list == NULL)
                g_hash_table_insert (p->cites_by_code, link->code, list = g_ptr_array_new ());
              g_ptr_array_add (list, cite);
            }
        }
    }

  /* then the documents register rows link (schema 9): a plan or a report kept in the books is
   * in the pack even when no sub-criterion cites it */
  for (guint i = 0; i < p->books->len; i++)
    {
      PackBook *b = g_ptr_array_index (p->books, i);
      guint n = par_register_rows_count (b->rows);

      b->docs = g_ptr_array_new ();
      for (guint r = 0; r < n; r++)
        {
          gint64 id = par_register_rows_get_document (b->rows, r);
          PackDoc *d = NULL;

          if (id > 0)
            {
              PackRowCite cite = { i, r };

              if ((d = doc_for (p, by_id, id, error)) == NULL)
                return FALSE;
              g_array_append_val (d->rows, cite);
              b->linked = TRUE;
            }
          g_ptr_array_add (b->docs, d);
        }
    }

  p->report = g_new0 (ParPackReport, 1);
  p->report->files = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_file_free);
  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);
      g_autoptr(GPtrArray) atts = par_store_list_attachments (p->store, d->doc->id, error);

      if (atts == NULL)
        return FALSE;
      for (guint k = 0; k < atts->len; k++)
        {
          PackFile *f = g_new0 (PackFile, 1);

          f->att = g_steal_pointer (&atts->pdata[k]);
          f->doc = d;
          f->body_page = G_MAXUINT;
          /* the name as shown and embedded: its base name, never a path, never reordered */
          {
            char *safe = par_text_file_name (f->att->original_name != NULL ? f->att->original_name : "");
            g_free (f->att->original_name);
            f->att->original_name = safe;
          }
          f->path = par_store_attachment_path (p->store, f->att);
          f->file = g_new0 (ParPackFile, 1);
          f->file->attachment_id = f->att->id;
          f->file->document_id = d->doc->id;
          f->file->document_number = g_strdup (d->doc->number);
          f->file->name = g_strdup (f->att->original_name);
          f->file->size = f->att->size;
          f->file->sha256 = g_strdup (f->att->sha256);
          f->index = p->report->files->len;
          g_ptr_array_add (p->report->files, f->file);
          g_ptr_array_add (p->files, f);
          g_ptr_array_add (d->files, f);
          p->work_bytes += (guint64) MAX (f->att->size, 0);
        }
    }
  return TRUE;
}

/* --- checking the attachments ---------------------------------------------------------------- */

static gboolean
has_ext (const char *name,
         const char *ext)
{
  g_autofree char *lower = g_ascii_strdown (name != NULL ? name : "", -1);

  return g_str_has_suffix (lower, ext);
}

static gboolean
jpeg_size (FILE *in,
           int  *width,
           int  *height)
{
  int c;

  if (fseek (in, 0, SEEK_SET) != 0 || fgetc (in) != 0xFF || fgetc (in) != 0xD8)
    return FALSE;
  for (;;)
    {
      int marker, len;

      while ((c = fgetc (in)) != EOF && c != 0xFF)
        ;
      while (c == 0xFF)
        c = fgetc (in);
      if (c == EOF)
        return FALSE;
      marker = c;
      if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        continue;
      if (marker == 0xD9 || marker == 0xDA)
        return FALSE;   /* image data before any frame header */
      len = fgetc (in) << 8;
      len |= fgetc (in);
      if (len < 2)
        return FALSE;
      if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
        {
          guint8 sof[5];
          if (fread (sof, 1, 5, in) != 5)
            return FALSE;
          *height = (sof[1] << 8) | sof[2];
          *width = (sof[3] << 8) | sof[4];
          return *width > 0 && *height > 0;
        }
      if (fseek (in, len - 2, SEEK_CUR) != 0)
        return FALSE;
    }
}

static gboolean
png_size (const guint8 *head,
          gsize         n,
          int          *width,
          int          *height)
{
  static const guint8 sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  if (n < 24 || memcmp (head, sig, 8) != 0 || memcmp (head + 12, "IHDR", 4) != 0)
    return FALSE;
  *width = (int) ((guint32) head[16] << 24 | head[17] << 16 | head[18] << 8 | head[19]);
  *height = (int) ((guint32) head[20] << 24 | head[21] << 16 | head[22] << 8 | head[23]);
  return *width > 0 && *height > 0;
}

void
pack_file_set_status (PackFile          *f,
                      ParPackFileStatus  status,
                      char              *message)
{
  f->file->status = status;
  g_free (f->file->message);
  f->file->message = message;
}

/* "Document 06/KH-KCNĐN: <reason>": what a message about a file says first. */
char *
pack_file_message (PackFile   *f,
                   const char *reason)
{
  /* TRANSLATORS: a document's number/symbol (or TL03, its place in the pack), then what went
   * wrong with one of its files */
  return g_strdup_printf (_("Document %s: %s"), f->doc->ref, reason != NULL ? reason : "");
}

ParPackFileStatus
pack_status_from_pdf (ParPdfDocStatus status)
{
  switch (status)
    {
    case PAR_PDF_DOC_OK: return PAR_PACK_FILE_OK;
    case PAR_PDF_DOC_MISSING: return PAR_PACK_FILE_MISSING;
    case PAR_PDF_DOC_UNREADABLE: return PAR_PACK_FILE_UNREADABLE;
    case PAR_PDF_DOC_ENCRYPTED: return PAR_PACK_FILE_ENCRYPTED;
    case PAR_PDF_DOC_CORRUPT:
    default: return PAR_PACK_FILE_CORRUPT;
    }
}

/* The store's check reads the file to the end: the pack's progress moves with it. */
typedef struct {
  Pack    *p;
  guint64  base;
  guint64  size;
} CheckProgress;

static void
check_progress (gint64   bytes_done,
                gpointer user_data)
{
  CheckProgress *cp = user_data;

  cp->p->work_done = cp->base + MIN ((guint64) bytes_done, cp->size);
}

static gboolean
check_file (Pack      *p,
            PackFile  *f,
            GError   **error)
{
  ParBlobCheck check;
  guint8 head[1024];
  gsize head_len = 0;
  guint64 base = p->work_done;
  CheckProgress cp = { p, base, (guint64) MAX (f->att->size, 0) };
  const char *name = f->att->original_name;
  const char *doc = f->doc->ref;
  const char *type = f->att->content_type != NULL ? f->att->content_type : "";
  gboolean magic_pdf = FALSE, magic_jpeg, magic_png;
  FILE *in;

  /* size and SHA-256 against the store: the store's one check of a blob */
  if (!par_store_check_blob (f->path, f->att->sha256, f->att->size, &check, check_progress, &cp,
                             p->cancellable, error))
    return FALSE;
  p->work_done = base + MAX (f->att->size, 0);
  switch (check.status)
    {
    case PAR_BLOB_MISSING:
      pack_file_set_status (f, PAR_PACK_FILE_MISSING,
                            g_strdup_printf (_("Document %s: the stored copy of “%s” is missing from "
                                               "the attachments folder."), doc, name));
      return TRUE;
    case PAR_BLOB_UNREADABLE:
      pack_file_set_status (f, PAR_PACK_FILE_UNREADABLE,
                            g_strdup_printf (_("Document %s: the stored copy of “%s” cannot be "
                                               "read: %s"), doc, name, g_strerror (check.error_number)));
      return TRUE;
    case PAR_BLOB_CHANGED:
    case PAR_BLOB_INTACT:
    default:
      f->file->actual_sha256 = g_strdup (check.sha256);
      break;
    }

  /* what it is: the bytes say more than the name */
  in = fopen (f->path, "rb");
  if (in == NULL)
    {
      int saved = errno;

      pack_file_set_status (f, saved == ENOENT ? PAR_PACK_FILE_MISSING : PAR_PACK_FILE_UNREADABLE,
                            g_strdup_printf (_("Document %s: the stored copy of “%s” cannot be "
                                               "read: %s"), doc, name, g_strerror (saved)));
      return TRUE;
    }
  head_len = fread (head, 1, sizeof head, in);
  magic_jpeg = head_len >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF;
  magic_png = head_len >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0;
  for (gsize i = 0; i + 5 <= head_len && !magic_pdf; i++)
    magic_pdf = memcmp (head + i, "%PDF-", 5) == 0;
  if (magic_jpeg || magic_png)
    f->file->kind = PAR_PACK_FILE_IMAGE;
  else if (magic_pdf || g_str_equal (type, "application/pdf") || has_ext (name, ".pdf"))
    f->file->kind = PAR_PACK_FILE_PDF;
  else if (g_str_equal (type, "image/jpeg") || g_str_equal (type, "image/png") ||
           has_ext (name, ".jpg") || has_ext (name, ".jpeg") || has_ext (name, ".png"))
    f->file->kind = PAR_PACK_FILE_IMAGE;
  else
    f->file->kind = PAR_PACK_FILE_EMBEDDED;

  if (check.status != PAR_BLOB_INTACT)
    {
      fclose (in);
      pack_file_set_status (f, PAR_PACK_FILE_HASH_MISMATCH,
                            g_strdup_printf (_("Document %s: the stored copy of “%s” is not the file that "
                                               "was attached (its size or SHA-256 changed); it was left "
                                               "out."), doc, name));
      return TRUE;
    }

  if (f->file->kind == PAR_PACK_FILE_IMAGE)
    {
      gboolean ok;

      f->jpeg = magic_jpeg;
      if (magic_jpeg)
        ok = jpeg_size (in, &f->width, &f->height);
      else
        ok = png_size (head, head_len, &f->width, &f->height);
      if (!ok)
        pack_file_set_status (f, PAR_PACK_FILE_CORRUPT,
                              g_strdup_printf (_("Document %s: the image “%s” is damaged or not in a "
                                                 "format Parscore reads (JPEG, PNG)."), doc, name));
    }
  fclose (in);

  if (f->file->kind == PAR_PACK_FILE_PDF)
    {
      ParPdfDocInfo info = { 0 };

      /* the writer's messages name the file by the label given: never the blob's path */
      par_pdf_inspect (f->path, name, &info);
      switch (info.status)
        {
        case PAR_PDF_DOC_OK:
          f->file->n_pages = info.n_pages;
          break;
        case PAR_PDF_DOC_ENCRYPTED:
          pack_file_set_status (f, PAR_PACK_FILE_ENCRYPTED,
                                g_strdup_printf (_("Document %s: “%s” is an encrypted PDF: Parscore "
                                                   "does not decrypt documents. Attach an unprotected "
                                                   "copy."), doc, name));
          break;
        case PAR_PDF_DOC_MISSING:
        case PAR_PDF_DOC_UNREADABLE:
        case PAR_PDF_DOC_CORRUPT:
        default:
          pack_file_set_status (f, pack_status_from_pdf (info.status),
                                pack_file_message (f, info.message));
          break;
        }
      par_pdf_doc_info_clear (&info);
    }
  return TRUE;
}

gboolean
pack_check_files (Pack    *p,
                  GError **error)
{
  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);

      pack_report_progress (p, PAR_PACK_STAGE_CHECKING, i, p->files->len, f->att->original_name);
      if (pack_check_cancel (p, error) || !check_file (p, f, error))
        return FALSE;
      if (f->file->status != PAR_PACK_FILE_OK)
        p->report->n_problems++;
    }
  return TRUE;
}

/* Whether the file's pages are in the pack. */
gboolean
pack_file_has_pages (Pack     *p,
                     PackFile *f)
{
  return p->opts.documents && f->file->status == PAR_PACK_FILE_OK &&
         f->file->kind != PAR_PACK_FILE_EMBEDDED;
}
