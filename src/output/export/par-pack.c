/* par-pack.c — the evidence pack (hồ sơ tài liệu kiểm chứng) of one unit × year.
 *
 * Order of work:
 *   1. read the assessment, score it (and the unit's other years, for the charts);
 *   2. order the evidence documents by the first sub-criterion citing them, each once;
 *   3. check every attachment: re-hash the stored copy against the store, open PDFs to count
 *      their pages, read image headers;
 *   4. lay the generated pages out once without keeping them (separator pages, then the front
 *      matter), so that every page number is known;
 *   5. draw the front matter for real, then merge: front matter, each document (separator,
 *      images, its PDFs page by page), the manifest; then outline, links, metadata.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-chart.h"
#include "par-error.h"
#include "par-pack-private.h"
#include "par-pack.h"
#include "par-pdf-writer.h"

#define HASH_BUFFER (256 * 1024)

typedef enum {
  SECTION_COVER,
  SECTION_CONTENTS,
  SECTION_SUMMARY,
  SECTION_CHARTS,
  SECTION_DETAILS,
  SECTION_DOCUMENTS,
  SECTION_MANIFEST,
  N_SECTIONS
} PackSection;

typedef struct _PackDoc PackDoc;

typedef struct {
  ParAttachment *att;
  ParPackFile   *file;        /* owned by the report */
  guint          index;       /* in the report */
  PackDoc       *doc;
  char          *path;
  gboolean       jpeg;
  int            width, height;
} PackFile;

struct _PackDoc {
  ParDocument *doc;
  guint        index;
  GPtrArray   *cites;       /* of Cite*, borrowed */
  GPtrArray   *files;       /* of PackFile*, borrowed */
  guint        sep_pages;
  guint        first_page;
  guint        n_pages;
};

typedef struct {
  const ParEvidenceLink *link;
  const ParNode         *node;   /* NULL when the code is not in the set */
  PackDoc               *doc;
} Cite;

typedef struct {
  ParStore             *store;
  ParPackOptions        opts;
  GCancellable         *cancellable;
  ParPackProgressFunc   progress;
  gpointer              progress_data;
  double                fraction;

  ParAssessment        *assessment;
  ParUnit              *unit;
  ParFramework         *fw;
  GPtrArray            *entries;
  GHashTable           *entry_by_code;   /* code → ParEntry*, borrowed */
  ParResult            *result;
  GPtrArray            *chart_results;   /* ParResult* per year of the unit */
  GArray               *chart_years;

  GPtrArray            *evidence;        /* ParEvidenceLink* */
  GPtrArray            *cites;           /* Cite* */
  GHashTable           *cites_by_code;   /* code → GPtrArray of Cite*, borrowed */
  GPtrArray            *docs;            /* PackDoc* */
  GPtrArray            *files;           /* PackFile*, in pack order */

  PackFonts             fonts;
  char                 *font_family;
  GDateTime            *now;
  char                 *tmpdir;
  ParPackReport        *report;

  PackTarget            sections[N_SECTIONS];
  PackTarget           *nodes;           /* by node_index */
  guint                 n_nodes;
  guint                 front_pages;
  guint                 manifest_first;
  GArray               *links;           /* PackLink, from every drawn canvas */

  /* progress, in bytes: checking reads every file, merging reads them again; the layout and
   * the final pass weigh a share of that */
  guint64               work_bytes;
  guint64               work_layout;
  guint64               work_finish;
  guint64               work_total;
  guint64               work_done;
  guint64               file_work_base;  /* during a PDF's merge */
  gint64                file_work_size;
  const char           *file_label;
  guint                 doc_index;
} Pack;

/* --- formatting ------------------------------------------------------------------------------ */

static char *
fmt_points (ParPoints points)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  return g_strdup (par_points_format_sep (points, ',', buf));
}

/* "4891" → "4.891", "-1234567" → "-1.234.567" */
static char *
group_thousands (const char *digits)
{
  GString *s = g_string_new (NULL);
  gboolean negative = digits[0] == '-';
  const char *d = negative ? digits + 1 : digits;
  size_t n = strlen (d);

  if (negative)
    g_string_append_c (s, '-');
  for (size_t i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, '.');
      g_string_append_c (s, d[i]);
    }
  return g_string_free (s, FALSE);
}

static char *
fmt_int (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return group_thousands (digits);
}

/* A canonical decimal "1234.50" → "1.234,50". */
static char *
fmt_decimal (const char *canonical)
{
  g_auto(GStrv) parts = g_strsplit (canonical, ".", 2);
  g_autofree char *whole = NULL;

  for (const char *p = parts[0][0] == '-' ? parts[0] + 1 : parts[0]; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return g_strdup (canonical);
  whole = group_thousands (parts[0]);
  if (parts[1] == NULL)
    return g_steal_pointer (&whole);
  return g_strdup_printf ("%s,%s", whole, parts[1]);
}

/* "2020-01-14" → "14/01/2020"; anything else as it is. */
static char *
fmt_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("");
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
    return g_strdup_printf ("%02d/%02d/%04d", d, m, y);
  return g_strdup (iso);
}

static char *
fmt_percent (gint64 hundredths)
{
  g_autofree char *p = par_percent_format (hundredths, ',');

  return g_strdup_printf ("%s %%", p);
}

static char *
fmt_size_short (gint64 bytes)
{
  if (bytes < 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " byte", bytes);
  if (bytes < 1024 * 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " KB", (bytes + 512) / 1024);
  {
    gint64 tenths = (bytes * 10 + 512 * 1024) / (1024 * 1024);
    return g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT " MB", tenths / 10,
                            tenths % 10);
  }
}

static char *
esc (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static const char *
doc_kind_name (const char *kind)
{
  static const struct { const char *abbr, *name; } kinds[] = {
    { "KH", "Kế hoạch" }, { "BC", "Báo cáo" }, { "QĐ", "Quyết định" }, { "TB", "Thông báo" },
    { "TTr", "Tờ trình" }, { "CV", "Công văn" }, { "NQ", "Nghị quyết" }, { "CT", "Chỉ thị" },
  };

  if (kind == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kind, kinds[i].abbr))
      return kinds[i].name;
  return kind;
}

static const char *
status_vi (ParPackFileStatus status)
{
  switch (status)
    {
    case PAR_PACK_FILE_OK: return "Đầy đủ, đúng mã";
    case PAR_PACK_FILE_MISSING: return "Thiếu tệp";
    case PAR_PACK_FILE_CORRUPT: return "Tệp hỏng";
    case PAR_PACK_FILE_ENCRYPTED: return "Tệp bị mã hóa";
    case PAR_PACK_FILE_UNREADABLE: return "Không đọc được";
    case PAR_PACK_FILE_HASH_MISMATCH: return "Sai mã SHA-256";
    default: return "";
    }
}

static const char *
assessment_status_vi (ParStatus status)
{
  switch (status)
    {
    case PAR_STATUS_DRAFT: return "Đang tự đánh giá";
    case PAR_STATUS_SUBMITTED: return "Đã gửi thẩm định";
    case PAR_STATUS_APPRAISED: return "Đã thẩm định";
    default: return "";
    }
}

static const char *
rule_fallback_vi (ParRuleType type)
{
  switch (type)
    {
    case PAR_RULE_MANUAL: return "Đơn vị tự chấm điểm theo mức độ thực hiện.";
    case PAR_RULE_YES_NO: return "Có thực hiện: đạt điểm; không thực hiện: không đạt điểm.";
    case PAR_RULE_TIMELINESS: return "Chấm theo thời hạn: đúng hạn, chậm hoặc không thực hiện.";
    case PAR_RULE_RATIO_TIERS: return "Chấm theo mức tỷ lệ đạt được.";
    case PAR_RULE_PROPORTIONAL: return "Điểm tỷ lệ thuận với tỷ lệ đạt được.";
    case PAR_RULE_COUNT_TIERS: return "Chấm theo số lượng đạt được.";
    case PAR_RULE_CHOICE: return "Chấm theo mức đánh giá.";
    case PAR_RULE_PER_COUNT: return "Điểm tính theo từng trường hợp.";
    case PAR_RULE_SURVEY: return "Chấm qua điều tra xã hội học.";
    default: return "";
    }
}

static char *
fmt_input_value (const ParInput *input,
                 const char     *value)
{
  g_autofree char *text = NULL;

  if (value == NULL || *value == '\0')
    return g_strdup ("<i>chưa nhập</i>");
  switch (input->type)
    {
    case PAR_INPUT_INTEGER:
    case PAR_INPUT_DECIMAL:
      text = fmt_decimal (value);
      break;
    case PAR_INPUT_PERCENT:
      {
        g_autofree char *d = fmt_decimal (value);
        text = g_strdup_printf ("%s %%", d);
        break;
      }
    case PAR_INPUT_DATE:
      text = fmt_date (value);
      break;
    case PAR_INPUT_BOOLEAN:
      text = g_strdup (g_str_equal (value, "true") ? "Có" : "Không");
      break;
    case PAR_INPUT_CHOICE:
      text = g_strdup (value);
      for (guint i = 0; i < input->options->len; i++)
        {
          const ParOption *o = g_ptr_array_index (input->options, i);
          if (g_str_equal (o->value, value))
            {
              g_free (text);
              text = g_strdup (o->label);
            }
        }
      break;
    default:
      text = g_strdup (value);
    }
  {
    g_autofree char *e = esc (text);
    g_autofree char *u = esc (input->unit);

    if (input->unit != NULL && input->type != PAR_INPUT_PERCENT && input->type != PAR_INPUT_DATE)
      return g_strdup_printf ("<b>%s</b> %s", e, u);
    return g_strdup_printf ("<b>%s</b>", e);
  }
}

/* --- progress -------------------------------------------------------------------------------- */

static void
report_progress (Pack         *p,
                 ParPackStage  stage,
                 guint         current,
                 guint         total,
                 const char   *label)
{
  ParPackProgress pr;
  double f = p->work_total > 0 ? (double) p->work_done / p->work_total : 0;

  /* never backwards: the layout passes' share is an estimate */
  p->fraction = MAX (p->fraction, MIN (f, 1.0));
  if (p->progress == NULL)
    return;
  pr.stage = stage;
  pr.current = current;
  pr.total = total;
  pr.label = label;
  pr.fraction = p->fraction;
  p->progress (&pr, p->progress_data);
}

static void
writer_progress (const ParPdfProgress *wp,
                 gpointer              data)
{
  Pack *p = data;

  if (wp->doc_index == G_MAXUINT)
    {
      /* the writer is numbering pages: the last stage */
      p->work_done = p->work_total - p->work_finish
                     + (wp->n_pages > 0 ? p->work_finish * wp->page / wp->n_pages : 0);
      report_progress (p, PAR_PACK_STAGE_FINISHING, wp->page, wp->n_pages, NULL);
      return;
    }
  if (p->file_work_size > 0 && wp->n_pages > 0)
    {
      p->work_done = p->file_work_base + (guint64) p->file_work_size * wp->page / wp->n_pages;
      report_progress (p, PAR_PACK_STAGE_DOCUMENTS, p->doc_index, p->docs->len, p->file_label);
    }
}

static gboolean
check_cancel (Pack    *p,
              GError **error)
{
  return g_cancellable_set_error_if_cancelled (p->cancellable, error);
}

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

void
par_pack_options_init (ParPackOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->charts = TRUE;
  opts->documents = TRUE;
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
  g_ptr_array_unref (d->cites);
  g_ptr_array_unref (d->files);
  g_free (d);
}

static void
pack_clear (Pack *p)
{
  g_clear_pointer (&p->assessment, par_assessment_free);
  g_clear_pointer (&p->unit, par_unit_free);
  g_clear_pointer (&p->result, par_result_unref);
  g_clear_pointer (&p->fw, par_framework_unref);
  g_clear_pointer (&p->entry_by_code, g_hash_table_unref);
  g_clear_pointer (&p->entries, g_ptr_array_unref);
  g_clear_pointer (&p->chart_results, g_ptr_array_unref);
  g_clear_pointer (&p->chart_years, g_array_unref);
  g_clear_pointer (&p->cites_by_code, g_hash_table_unref);
  g_clear_pointer (&p->cites, g_ptr_array_unref);
  g_clear_pointer (&p->evidence, g_ptr_array_unref);
  g_clear_pointer (&p->docs, g_ptr_array_unref);
  g_clear_pointer (&p->files, g_ptr_array_unref);
  g_clear_pointer (&p->fonts.body, pango_font_description_free);
  g_clear_pointer (&p->fonts.bold, pango_font_description_free);
  g_clear_pointer (&p->fonts.italic, pango_font_description_free);
  g_clear_pointer (&p->fonts.small, pango_font_description_free);
  g_clear_pointer (&p->fonts.small_bold, pango_font_description_free);
  g_clear_pointer (&p->fonts.table, pango_font_description_free);
  g_clear_pointer (&p->fonts.table_bold, pango_font_description_free);
  g_clear_pointer (&p->fonts.heading, pango_font_description_free);
  g_clear_pointer (&p->fonts.title, pango_font_description_free);
  g_clear_pointer (&p->fonts.mono, pango_font_description_free);
  g_clear_pointer (&p->font_family, g_free);
  g_clear_pointer (&p->now, g_date_time_unref);
  g_clear_pointer (&p->nodes, g_free);
  g_clear_pointer (&p->links, g_array_unref);
  g_clear_pointer (&p->report, par_pack_report_free);
  if (p->tmpdir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (p->tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (p->tmpdir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (p->tmpdir);
      g_clear_pointer (&p->tmpdir, g_free);
    }
}

static PangoFontDescription *
make_font (const char *family,
           double      size,
           PangoWeight weight,
           PangoStyle  style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, family);
  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_font_description_set_style (font, style);
  return font;
}

static void
make_fonts (Pack *p)
{
  const char *f = p->font_family;
  g_autofree char *condensed = g_strdup_printf ("%s Condensed,%s", f, f);

  p->fonts.body = make_font (f, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  p->fonts.bold = make_font (f, 10, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  p->fonts.italic = make_font (f, 10, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC);
  p->fonts.small = make_font (f, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  p->fonts.small_bold = make_font (f, 8, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  p->fonts.table = make_font (condensed, 8, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
  p->fonts.table_bold = make_font (condensed, 8, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  p->fonts.heading = make_font (f, 11.5, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  p->fonts.title = make_font (f, 15, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
  p->fonts.mono = make_font ("DejaVu Sans Mono,Noto Sans Mono,Monospace", 6.5,
                             PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
}

static gboolean
load_assessment (Pack     *p,
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
  p->result = par_score (p->fw, p->entries);

  /* every year of the unit, for the charts */
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
  d = g_new0 (PackDoc, 1);
  d->doc = doc;
  d->index = p->docs->len;
  d->cites = g_ptr_array_new ();
  d->files = g_ptr_array_new ();
  g_ptr_array_add (p->docs, d);
  g_hash_table_insert (by_id, &d->doc->id, d);
  return d;
}

static gboolean
collect_documents (Pack    *p,
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

static void
set_status (PackFile          *f,
            ParPackFileStatus  status,
            char              *message)
{
  f->file->status = status;
  g_free (f->file->message);
  f->file->message = message;
}

static gboolean
check_file (Pack      *p,
            PackFile  *f,
            GError   **error)
{
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (HASH_BUFFER);
  guint8 head[1024];
  gsize head_len = 0;
  guint64 size = 0, base = p->work_done;
  const char *name = f->att->original_name;
  const char *type = f->att->content_type != NULL ? f->att->content_type : "";
  gboolean magic_pdf = FALSE, magic_jpeg, magic_png, read_error = FALSE;
  FILE *in;
  size_t n;

  in = fopen (f->path, "rb");
  if (in == NULL)
    {
      int saved = errno;

      if (saved == ENOENT)
        set_status (f, PAR_PACK_FILE_MISSING,
                    g_strdup_printf (_("The stored copy of “%s” is missing from the attachments "
                                       "folder."), name));
      else
        set_status (f, PAR_PACK_FILE_UNREADABLE,
                    g_strdup_printf (_("The stored copy of “%s” cannot be read: %s"), name,
                                     g_strerror (saved)));
      p->work_done = base + MAX (f->att->size, 0);
      return TRUE;
    }
  while ((n = fread (buf, 1, HASH_BUFFER, in)) > 0)
    {
      if (head_len < sizeof head)
        {
          gsize k = MIN (n, sizeof head - head_len);
          memcpy (head + head_len, buf, k);
          head_len += k;
        }
      g_checksum_update (sha, buf, n);
      size += n;
      p->work_done = base + MIN (size, (guint64) MAX (f->att->size, 0));
      if (check_cancel (p, error))
        {
          fclose (in);
          return FALSE;
        }
    }
  if (ferror (in))
    read_error = TRUE;
  if (read_error)
    {
      int saved = errno;
      fclose (in);
      set_status (f, PAR_PACK_FILE_UNREADABLE,
                  g_strdup_printf (_("The stored copy of “%s” cannot be read: %s"), name,
                                   g_strerror (saved)));
      p->work_done = base + MAX (f->att->size, 0);
      return TRUE;
    }
  f->file->actual_sha256 = g_strdup (g_checksum_get_string (sha));
  p->work_done = base + MAX (f->att->size, 0);

  /* what it is: the bytes say more than the name */
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

  if ((gint64) size != f->att->size || g_ascii_strcasecmp (f->file->actual_sha256, f->att->sha256) != 0)
    {
      fclose (in);
      set_status (f, PAR_PACK_FILE_HASH_MISMATCH,
                  g_strdup_printf (_("The stored copy of “%s” is not the file that was attached "
                                     "(its size or SHA-256 changed); it was left out."), name));
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
        set_status (f, PAR_PACK_FILE_CORRUPT,
                    g_strdup_printf (_("The image “%s” is damaged or not in a format Parscore "
                                       "reads (JPEG, PNG)."), name));
    }
  fclose (in);

  if (f->file->kind == PAR_PACK_FILE_PDF)
    {
      ParPdfDocInfo info = { 0 };

      par_pdf_inspect (f->path, &info);
      switch (info.status)
        {
        case PAR_PDF_DOC_OK:
          f->file->n_pages = info.n_pages;
          break;
        case PAR_PDF_DOC_MISSING:
          set_status (f, PAR_PACK_FILE_MISSING, g_steal_pointer (&info.message));
          break;
        case PAR_PDF_DOC_UNREADABLE:
          set_status (f, PAR_PACK_FILE_UNREADABLE, g_steal_pointer (&info.message));
          break;
        case PAR_PDF_DOC_ENCRYPTED:
          set_status (f, PAR_PACK_FILE_ENCRYPTED,
                      g_strdup_printf (_("“%s” is an encrypted PDF: Parscore does not decrypt "
                                         "documents. Attach an unprotected copy."), name));
          break;
        case PAR_PDF_DOC_CORRUPT:
        default:
          set_status (f, PAR_PACK_FILE_CORRUPT,
                      g_strdup_printf (_("“%s” is not a readable PDF: %s"), name,
                                       info.message != NULL ? info.message : ""));
          break;
        }
      par_pdf_doc_info_clear (&info);
    }
  return TRUE;
}

static gboolean
check_files (Pack    *p,
             GError **error)
{
  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);

      report_progress (p, PAR_PACK_STAGE_CHECKING, i, p->files->len, f->att->original_name);
      if (check_cancel (p, error) || !check_file (p, f, error))
        return FALSE;
      if (f->file->status != PAR_PACK_FILE_OK)
        p->report->n_problems++;
    }
  return TRUE;
}

/* Whether the file's pages are in the pack. */
static gboolean
file_has_pages (Pack     *p,
                PackFile *f)
{
  return p->opts.documents && f->file->status == PAR_PACK_FILE_OK &&
         f->file->kind != PAR_PACK_FILE_EMBEDDED;
}

/* --- targets --------------------------------------------------------------------------------- */

static PackTargetRef
target (PackTargetKind kind,
        guint          index)
{
  PackTargetRef t = { kind, index };
  return t;
}

static const PackTargetRef no_target = { PACK_TARGET_NONE, 0 };

static gboolean
resolve (Pack          *p,
         PackTargetRef  ref,
         guint         *page,
         double        *top)
{
  *top = -1;
  switch (ref.kind)
    {
    case PACK_TARGET_SECTION:
      *page = p->sections[ref.index].page;
      return p->sections[ref.index].set;
    case PACK_TARGET_NODE:
      if (ref.index >= p->n_nodes || !p->nodes[ref.index].set)
        return FALSE;
      *page = p->nodes[ref.index].page;
      *top = MAX (p->nodes[ref.index].top - 6, 0);
      return TRUE;
    case PACK_TARGET_DOCUMENT:
      if (ref.index >= p->docs->len)
        return FALSE;
      *page = ((PackDoc *) g_ptr_array_index (p->docs, ref.index))->first_page;
      return TRUE;
    case PACK_TARGET_FILE:
      {
        PackFile *f;
        if (ref.index >= p->files->len)
          return FALSE;
        f = g_ptr_array_index (p->files, ref.index);
        *page = f->file->n_pages > 0 ? f->file->first_page : f->doc->first_page;
        return TRUE;
      }
    case PACK_TARGET_NONE:
    default:
      return FALSE;
    }
}

/* "5" (1-based) for a target, or "" when not known yet */
static char *
page_label (Pack          *p,
            PackTargetRef  ref)
{
  guint page;
  double top;

  if (!resolve (p, ref, &page, &top))
    return g_strdup ("");
  return g_strdup_printf ("%u", page + 1);
}

static void
mark (Pack       *p,
      PackCanvas *c,
      PackTarget *t)
{
  t->set = TRUE;
  t->page = pack_canvas_global_page (c);
  t->top = c->y;
}

/* --- common pieces of the generated pages ---------------------------------------------------- */

static void
running_header (PackCanvas *c,
                gpointer    data)
{
  Pack *p = data;
  g_autofree char *left = esc (p->unit->name);
  g_autofree char *right = g_strdup_printf ("%sHồ sơ tự đánh giá Chỉ số CCHC năm %d",
                                            par_framework_is_sample (p->fw)
                                              ? "<span foreground=\"#b3261e\" weight=\"bold\">MẪU</span>  ·  "
                                              : "",
                                            p->assessment->year);
  PangoLayout *l;
  double w;

  cairo_set_source_rgb (c->cr, 0.38, 0.4, 0.44);
  l = pack_layout (c, c->fonts->small, -1, PANGO_ALIGN_RIGHT, right);
  w = pack_layout_width (l);
  pack_canvas_draw_layout (c, l, c->page_w - PACK_RIGHT - w, 30);
  g_object_unref (l);
  l = pack_layout (c, c->fonts->small, c->page_w - PACK_LEFT - PACK_RIGHT - w - 16, PANGO_ALIGN_LEFT,
                   left);
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  pack_canvas_draw_layout (c, l, PACK_LEFT, 30);
  g_object_unref (l);
  cairo_set_line_width (c->cr, 0.4);
  cairo_move_to (c->cr, PACK_LEFT, 43);
  cairo_line_to (c->cr, c->page_w - PACK_RIGHT, 43);
  cairo_stroke (c->cr);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
}

static void
section_title (Pack        *p,
               PackCanvas  *c,
               PackSection  section,
               const char  *title,
               const char  *subtitle)
{
  PangoLayout *l;

  pack_canvas_new_page (c, 0, 0);
  if (section < N_SECTIONS)
    mark (p, c, &p->sections[section]);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, title);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  if (subtitle != NULL)
    {
      pack_canvas_skip (c, 3);
      l = pack_layout (c, c->fonts->italic, PACK_WIDTH, PANGO_ALIGN_CENTER, subtitle);
      pack_canvas_flow (c, l, PACK_LEFT);
      g_object_unref (l);
    }
  pack_canvas_skip (c, 14);
}

static void
paragraph (PackCanvas                 *c,
           const PangoFontDescription *font,
           const char                 *markup,
           double                      indent,
           double                      space_after)
{
  PangoLayout *l = pack_layout (c, font, PACK_WIDTH - indent, PANGO_ALIGN_LEFT, markup);

  pack_canvas_flow (c, l, PACK_LEFT + indent);
  g_object_unref (l);
  pack_canvas_skip (c, space_after);
}

#define KV_LABEL 112.0

/* "Label:  value" with the value flowing across pages; the label stays with its first line. */
static void
key_value (PackCanvas *c,
           const char *label,
           const char *value_markup)
{
  PangoLayout *lab = pack_layout (c, c->fonts->bold, KV_LABEL - 6, PANGO_ALIGN_LEFT, label);
  PangoLayout *val = pack_layout (c, c->fonts->body, PACK_WIDTH - KV_LABEL, PANGO_ALIGN_LEFT,
                                  value_markup);
  PangoLayoutIter *it = pango_layout_get_iter (val);
  PangoRectangle first;
  guint page;
  double y;

  pango_layout_iter_get_line_extents (it, NULL, &first);
  pango_layout_iter_free (it);
  pack_canvas_ensure (c, MAX (first.height / (double) PANGO_SCALE, pack_layout_height (lab)));
  y = c->y;
  page = pack_canvas_global_page (c);
  pack_canvas_draw_layout (c, lab, PACK_LEFT, y);
  pack_canvas_flow (c, val, PACK_LEFT + KV_LABEL);
  if (pack_canvas_global_page (c) == page)
    c->y = MAX (c->y, y + pack_layout_height (lab));
  c->y += 3;
  g_object_unref (lab);
  g_object_unref (val);
}

/* --- cover ----------------------------------------------------------------------------------- */

static void
cover_row (PackCanvas *c,
           double      x,
           double      width,
           const char *label,
           const char *value)
{
  PangoLayout *lab = pack_layout (c, c->fonts->body, 150, PANGO_ALIGN_LEFT, label);
  PangoLayout *val = pack_layout (c, c->fonts->bold, width - 156, PANGO_ALIGN_LEFT, value);

  pack_canvas_draw_layout (c, lab, x, c->y);
  pack_canvas_draw_layout (c, val, x + 156, c->y);
  c->y += MAX (pack_layout_height (lab), pack_layout_height (val)) + 5;
  g_object_unref (lab);
  g_object_unref (val);
}

static void
draw_cover (Pack       *p,
            PackCanvas *c)
{
  const ParNodeTotal *root = par_result_get_total (p->result, NULL);
  const char *decision = par_framework_get_decision_number (p->fw);
  const char *issuer = par_framework_get_decision_issuer (p->fw);
  g_autofree char *decision_date = fmt_date (par_framework_get_decision_date (p->fw));
  g_autofree char *unit_upper = g_utf8_strup (p->unit->name, -1);
  g_autofree char *unit_e = esc (unit_upper);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fw_title = esc (par_framework_get_title (p->fw));
  g_autofree char *self = fmt_points (root->self_total);
  g_autofree char *max = fmt_points (root->applicable_max - root->pending_max);
  gboolean scored = root->done > 0 && root->self_index >= 0;
  g_autofree char *index = scored ? fmt_percent (root->self_index) : g_strdup ("— (chưa chấm)");
  g_autofree char *today = g_date_time_format (p->now, "%d/%m/%Y");
  const ParBand *band = scored ? par_framework_band_for (p->fw, root->self_index) : NULL;
  PangoLayout *l;
  double y0, col = PACK_WIDTH / 2 - 6;
  cairo_t *cr = c->cr;

  c->on_page = NULL;
  pack_canvas_new_page (c, 0, 0);
  mark (p, c, &p->sections[SECTION_COVER]);
  cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);

  /* the national heading of an administrative document: the unit on the left, the motto on
   * the right, each with a short rule under it */
  y0 = c->y;
  l = pack_layout (c, c->fonts->bold, col, PANGO_ALIGN_CENTER, unit_e);
  pack_canvas_draw_layout (c, l, PACK_LEFT, y0);
  c->y = y0 + pack_layout_height (l);
  g_object_unref (l);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, PACK_LEFT + col / 2 - 40, c->y + 4);
  cairo_line_to (cr, PACK_LEFT + col / 2 + 40, c->y + 4);
  cairo_stroke (cr);
  l = pack_layout (c, c->fonts->bold, col + 12, PANGO_ALIGN_CENTER,
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "<span weight=\"bold\">Độc lập - Tự do - Hạnh phúc</span>");
  pango_layout_set_font_description (l, c->fonts->small_bold);
  pack_canvas_draw_layout (c, l, PACK_LEFT + col, y0);
  {
    double bottom = y0 + pack_layout_height (l);
    cairo_move_to (cr, PACK_LEFT + col + (col + 12) / 2 - 62, bottom + 3);
    cairo_line_to (cr, PACK_LEFT + col + (col + 12) / 2 + 62, bottom + 3);
    cairo_stroke (cr);
    c->y = MAX (c->y, bottom);
  }
  g_object_unref (l);

  if (par_framework_is_sample (p->fw))
    {
      /* a sample set must never pass for the province's decision: a red mark on the cover,
       * and "MẪU" in every page's header */
      cairo_save (cr);
      cairo_translate (cr, PACK_PAGE_W / 2, PACK_PAGE_H / 2 + 40);
      cairo_rotate (cr, -0.6);
      l = pack_layout (c, c->fonts->title, -1, PANGO_ALIGN_CENTER,
                       "<span size=\"96pt\" foreground=\"#b3261e\" alpha=\"18%\">MẪU</span>");
      pack_canvas_draw_layout (c, l, -pack_layout_width (l) / 2, -pack_layout_height (l) / 2);
      g_object_unref (l);
      cairo_restore (cr);
    }

  c->y = 190;
  title = g_strdup_printf ("<span size=\"17pt\">HỒ SƠ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM\n"
                           "CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM %d</span>", p->assessment->year);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, title);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  c->y += 12;
  {
    g_autofree char *name = esc (p->unit->name);
    l = pack_layout (c, c->fonts->heading, PACK_WIDTH, PANGO_ALIGN_CENTER, name);
    pack_canvas_flow (c, l, PACK_LEFT);
    g_object_unref (l);
  }

  if (par_framework_is_sample (p->fw))
    {
      c->y += 16;
      l = pack_layout (c, c->fonts->bold, PACK_WIDTH - 40, PANGO_ALIGN_CENTER,
                       "<span foreground=\"#b3261e\">MẪU — chấm theo Bộ Chỉ số mẫu để minh họa, "
                       "không phải Bộ Chỉ số chính thức của tỉnh</span>");
      cairo_set_source_rgb (cr, 0.70, 0.15, 0.12);
      cairo_set_line_width (cr, 1.2);
      cairo_rectangle (cr, PACK_LEFT + 10, c->y - 6, PACK_WIDTH - 20, pack_layout_height (l) + 12);
      cairo_stroke (cr);
      pack_canvas_draw_layout (c, l, PACK_LEFT + 20, c->y);
      c->y += pack_layout_height (l) + 6;
      g_object_unref (l);
      cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
    }

  c->y = MAX (c->y + 36, 340);
  {
    double x = PACK_LEFT + 30, w = PACK_WIDTH - 60;
    g_autofree char *unit = esc (p->unit->name);
    g_autofree char *year = g_strdup_printf ("%d", p->assessment->year);
    g_autofree char *dec = NULL;
    g_autofree char *dec_e = NULL;
    double top = c->y - 12;

    if (decision != NULL)
      {
        GString *s = g_string_new ("Quyết định số ");
        g_string_append (s, decision);
        if (*decision_date != '\0')
          g_string_append_printf (s, " ngày %s", decision_date);
        if (issuer != NULL)
          g_string_append_printf (s, " của %s", issuer);
        dec = g_string_free (s, FALSE);
        dec_e = esc (dec);
      }
    cover_row (c, x, w, "Đơn vị", unit);
    cover_row (c, x, w, "Năm đánh giá", year);
    cover_row (c, x, w, "Bộ Chỉ số", fw_title);
    if (dec_e != NULL)
      cover_row (c, x, w, "Ban hành kèm theo", dec_e);
    cover_row (c, x, w, "Tổng điểm tự đánh giá", self);
    cover_row (c, x, w, "Điểm tối đa áp dụng", max);
    if (root->pending_max > 0)
      {
        g_autofree char *pending = fmt_points (root->pending_max);
        g_autofree char *v = g_strdup_printf ("%s điểm (chấm qua điều tra xã hội học, chưa có kết quả)",
                                              pending);
        cover_row (c, x, w, "Chưa tính", v);
      }
    cover_row (c, x, w, "Chỉ số tự đánh giá", index);
    if (band != NULL)
      {
        g_autofree char *b = esc (band->name);
        cover_row (c, x, w, "Xếp loại", b);
      }
    if (root->has_appraised)
      {
        g_autofree char *fin = fmt_points (root->final_total);
        g_autofree char *idx = root->index >= 0 ? fmt_percent (root->index) : g_strdup ("—");
        g_autofree char *v = g_strdup_printf ("%s điểm (%s)", fin, idx);
        cover_row (c, x, w, "Sau thẩm định", v);
      }
    cover_row (c, x, w, "Trạng thái", assessment_status_vi (p->assessment->status));
    cover_row (c, x, w, "Ngày xuất hồ sơ", today);
    cairo_set_source_rgb (cr, 0.55, 0.58, 0.62);
    cairo_set_line_width (cr, 0.6);
    cairo_rectangle (cr, PACK_LEFT + 16, top, PACK_WIDTH - 32, c->y - top + 6);
    cairo_stroke (cr);
    cairo_set_source_rgb (cr, 0.08, 0.08, 0.1);
  }

  /* signature block, bottom right */
  {
    g_autofree char *day = g_date_time_format (p->now, "……………, ngày %d tháng %m năm %Y");
    double x = PACK_LEFT + PACK_WIDTH / 2, w = PACK_WIDTH / 2;

    c->y = MAX (c->y + 40, 610);
    text = g_strdup_printf ("<i>%s</i>\n<b>THỦ TRƯỞNG ĐƠN VỊ</b>\n<i>(Ký, ghi rõ họ tên, đóng dấu)</i>",
                            day);
    l = pack_layout (c, c->fonts->body, w, PANGO_ALIGN_CENTER, text);
    pack_canvas_draw_layout (c, l, x, c->y);
    g_object_unref (l);
  }
  c->on_page = running_header;
  c->on_page_data = p;
}

/* --- contents -------------------------------------------------------------------------------- */

typedef struct {
  int            level;
  char          *markup;
  PackTargetRef  target;
} ContentsEntry;

static void
contents_entry_free (gpointer data)
{
  ContentsEntry *e = data;
  g_free (e->markup);
  g_free (e);
}

static void
add_entry (GPtrArray     *entries,
           int            level,
           char          *markup,
           PackTargetRef  t)
{
  ContentsEntry *e = g_new0 (ContentsEntry, 1);

  e->level = level;
  e->markup = markup;
  e->target = t;
  g_ptr_array_add (entries, e);
}

static char *
doc_label (PackDoc *d)
{
  g_autofree char *number = esc (d->doc->number != NULL && *d->doc->number != '\0'
                                   ? d->doc->number : "(không số)");
  g_autofree char *summary = esc (d->doc->summary);

  return g_strdup_printf ("TL%02u. %s%s%s", d->index + 1, number,
                          *summary != '\0' ? " — " : "", summary);
}

static GPtrArray *
contents_entries (Pack *p)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func (contents_entry_free);
  GPtrArray *fields = par_framework_get_fields (p->fw);
  guint n = 1;

  add_entry (entries, 0, g_strdup_printf ("%u. Bảng tổng hợp kết quả tự đánh giá, chấm điểm", n++),
             target (PACK_TARGET_SECTION, SECTION_SUMMARY));
  if (p->opts.charts)
    add_entry (entries, 0, g_strdup_printf ("%u. Biểu đồ kết quả qua các năm", n++),
               target (PACK_TARGET_SECTION, SECTION_CHARTS));
  add_entry (entries, 0, g_strdup_printf ("%u. Giải trình chi tiết theo tiêu chí", n++),
             target (PACK_TARGET_SECTION, SECTION_DETAILS));
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      g_autofree char *t = esc (field->title);

      add_entry (entries, 1, g_strdup_printf ("Lĩnh vực %s. %s", field->code, t),
                 target (PACK_TARGET_NODE, field->node_index));
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);
          g_autofree char *ct = esc (crit->title);
          add_entry (entries, 2, g_strdup_printf ("%s. %s", crit->code, ct),
                     target (PACK_TARGET_NODE, crit->node_index));
        }
    }
  if (par_framework_get_adjustments (p->fw)->len > 0)
    {
      const ParNode *first = g_ptr_array_index (par_framework_get_adjustments (p->fw), 0);
      add_entry (entries, 1, g_strdup ("Điểm trừ, điểm cộng"),
                 target (PACK_TARGET_NODE, first->node_index));
    }
  if (p->docs->len > 0)
    {
      add_entry (entries, 0, g_strdup_printf ("%u. Tài liệu kiểm chứng", n++),
                 target (PACK_TARGET_SECTION, SECTION_DOCUMENTS));
      for (guint i = 0; i < p->docs->len; i++)
        add_entry (entries, 1, doc_label (g_ptr_array_index (p->docs, i)),
                   target (PACK_TARGET_DOCUMENT, i));
    }
  add_entry (entries, 0, g_strdup_printf ("%u. Danh mục tệp đính kèm", n++),
             target (PACK_TARGET_SECTION, SECTION_MANIFEST));
  return entries;
}

static void
draw_contents (Pack       *p,
               PackCanvas *c)
{
  g_autoptr(GPtrArray) entries = contents_entries (p);
  const double number_w = 34;

  section_title (p, c, SECTION_CONTENTS, "MỤC LỤC", NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      ContentsEntry *e = g_ptr_array_index (entries, i);
      double indent = e->level * 16;
      const PangoFontDescription *font = e->level == 0 ? c->fonts->bold : c->fonts->body;
      double text_w = PACK_WIDTH - indent - number_w - 10;
      PangoLayout *l = pack_layout (c, font, text_w, PANGO_ALIGN_LEFT, e->markup);
      /* a long entry continues under its text, not under its number */
      if (e->level > 0)
        pango_layout_set_indent (l, -(e->level == 1 ? 30 : 24) * PANGO_SCALE);
      g_autofree char *num = page_label (p, e->target);
      PangoLayout *nl = pack_layout (c, font, number_w, PANGO_ALIGN_RIGHT, num);
      PangoLayoutIter *it;
      PangoRectangle last;
      double h = pack_layout_height (l), baseline;
      int last_baseline = 0;

      if (e->level == 0 && i > 0)
        pack_canvas_skip (c, 6);
      pack_canvas_ensure (c, h + 3);
      pack_canvas_draw_layout (c, l, PACK_LEFT + indent, c->y);
      /* the page number sits on the last line, dotted leaders lead to it */
      it = pango_layout_get_iter (l);
      do
        {
          pango_layout_iter_get_line_extents (it, NULL, &last);
          last_baseline = pango_layout_iter_get_baseline (it);
        }
      while (pango_layout_iter_next_line (it));
      pango_layout_iter_free (it);
      baseline = c->y + last_baseline / (double) PANGO_SCALE;
      pack_canvas_draw_layout (c, nl, PACK_LEFT + PACK_WIDTH - number_w,
                               c->y + last.y / (double) PANGO_SCALE);
      {
        double x0 = PACK_LEFT + indent + (last.x + last.width) / (double) PANGO_SCALE + 4;
        double x1 = PACK_LEFT + PACK_WIDTH - pack_layout_width (nl) - 4;
        static const double dots[] = { 0.6, 2.4 };

        if (x1 > x0)
          {
            cairo_save (c->cr);
            cairo_set_source_rgb (c->cr, 0.45, 0.45, 0.5);
            cairo_set_line_width (c->cr, 0.8);
            cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_ROUND);
            cairo_set_dash (c->cr, dots, 2, 0);
            cairo_move_to (c->cr, x0, baseline);
            cairo_line_to (c->cr, x1, baseline);
            cairo_stroke (c->cr);
            cairo_restore (c->cr);
          }
      }
      pack_canvas_add_link (c, PACK_LEFT + indent, c->y, PACK_WIDTH - indent, h, e->target);
      c->y += h + 3;
      g_object_unref (l);
      g_object_unref (nl);
    }
}

/* --- summary table --------------------------------------------------------------------------- */

static const PackColumn summary_columns[] = {
  { 34, PANGO_ALIGN_LEFT },
  { 166, PANGO_ALIGN_LEFT },
  { 38, PANGO_ALIGN_RIGHT },
  { 38, PANGO_ALIGN_RIGHT },
  { 42, PANGO_ALIGN_RIGHT },
  { 92, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 34 - 166 - 38 - 38 - 42 - 92, PANGO_ALIGN_LEFT },
};

static const char *const summary_headers[] = {
  "Mã", "Lĩnh vực, tiêu chí, tiêu chí thành phần", "Điểm tối đa", "Điểm tự chấm",
  "Điểm thẩm định", "Tài liệu kiểm chứng", "Ghi chú",
};

static const char *
doc_short (PackDoc *d)
{
  return d->doc->number != NULL && *d->doc->number != '\0' ? d->doc->number : NULL;
}

static void
summary_leaf_row (Pack          *p,
                  PackCanvas    *c,
                  PackTable     *t,
                  const ParNode *node,
                  PackRowStyle   style)
{
  const ParLeafScore *s = par_result_get_leaf (p->result, node->code);
  ParEntry *entry = g_hash_table_lookup (p->entry_by_code, node->code);
  GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, node->code);
  g_autofree char *code = esc (node->code);
  g_autofree char *title = esc (node->title);
  g_autofree char *max = fmt_points (node->max);
  g_autofree char *self = NULL;
  g_autofree char *appraised = NULL;
  g_autoptr(GString) refs = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (PackCellLink));
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  const char *cells[7];

  switch (s != NULL ? s->state : PAR_SCORE_NOT_STARTED)
    {
    case PAR_SCORE_SCORED:
      self = s->has_self ? fmt_points (s->self) : g_strdup ("");
      break;
    case PAR_SCORE_NOT_APPLICABLE:
      self = g_strdup ("K/A");
      g_string_append (note, "Không áp dụng");
      break;
    case PAR_SCORE_SURVEY:
      self = g_strdup ("—");
      g_string_append (note, "Chấm qua điều tra XHH");
      break;
    case PAR_SCORE_INCOMPLETE:
      self = g_strdup ("");
      g_string_append (note, "Chưa nhập đủ số liệu");
      break;
    case PAR_SCORE_INVALID:
      self = g_strdup ("");
      g_string_append (note, "Số liệu không hợp lệ");
      break;
    case PAR_SCORE_NOT_STARTED:
    default:
      self = g_strdup ("");
      g_string_append (note, "Chưa chấm");
      break;
    }
  if (s != NULL && s->has_appraised)
    appraised = fmt_points (s->appraised);
  else if (s != NULL && s->has_survey)
    appraised = fmt_points (s->survey);
  if (node->kind == PAR_NODE_DEDUCTION || node->kind == PAR_NODE_BONUS)
    {
      if (note->len > 0)
        g_string_prepend (note, "; ");
      g_string_prepend (note, node->kind == PAR_NODE_DEDUCTION ? "Điểm trừ" : "Điểm cộng");
    }
  if (entry != NULL && entry->comment != NULL)
    {
      g_autofree char *cm = esc (entry->comment);
      g_string_append_printf (note, "%s%s", note->len > 0 ? "; " : "", cm);
    }

  for (guint i = 0; cites != NULL && i < cites->len; i++)
    {
      Cite *cite = g_ptr_array_index (cites, i);
      const char *number = doc_short (cite->doc);
      char *ref = number != NULL ? g_strdup (number) : g_strdup_printf ("TL%02u", cite->doc->index + 1);
      g_autofree char *ref_e = esc (ref);
      PackCellLink link = { 5, ref, target (PACK_TARGET_DOCUMENT, cite->doc->index) };

      g_string_append_printf (refs, "%s%s", refs->len > 0 ? "\n" : "", ref_e);
      g_array_append_val (links, link);
      g_ptr_array_add (keep, ref);
    }

  cells[0] = code;
  cells[1] = title;
  cells[2] = max;
  cells[3] = self;
  cells[4] = appraised;
  cells[5] = refs->str;
  cells[6] = note->str;
  pack_table_row (c, t, cells, style, (PackCellLink *) links->data, links->len, no_target);
}

static void
summary_total_row (Pack          *p,
                   PackCanvas    *c,
                   PackTable     *t,
                   const ParNode *node,
                   const char    *code,
                   const char    *title,
                   PackRowStyle   style)
{
  const ParNodeTotal *tot = par_result_get_total (p->result, node->kind == PAR_NODE_ROOT ? NULL : node->code);
  g_autofree char *code_e = esc (code);
  g_autofree char *title_e = esc (title);
  g_autofree char *max = fmt_points (tot->max);
  g_autofree char *self = fmt_points (tot->self_total);
  g_autofree char *appraised = tot->has_appraised ? fmt_points (tot->final_total) : NULL;
  g_autofree char *note = NULL;
  const char *cells[7];

  if (tot->applicable_max != tot->max)
    {
      g_autofree char *am = fmt_points (tot->applicable_max);
      note = g_strdup_printf ("Tối đa áp dụng %s", am);
    }
  if (node->kind == PAR_NODE_ROOT && tot->self_index >= 0)
    {
      g_autofree char *idx = fmt_percent (tot->self_index);
      g_autofree char *prev = note;
      note = g_strdup_printf ("%s%sChỉ số %s", prev != NULL ? prev : "", prev != NULL ? "; " : "", idx);
    }
  cells[0] = code_e;
  cells[1] = title_e;
  cells[2] = max;
  cells[3] = self;
  cells[4] = appraised;
  cells[5] = NULL;
  cells[6] = note;
  pack_table_row (c, t, cells, style, NULL, 0,
                  node->kind == PAR_NODE_ROOT ? no_target : target (PACK_TARGET_NODE, node->node_index));
}

static void
draw_summary (Pack       *p,
              PackCanvas *c)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);
  const ParNodeTotal *root = par_result_get_total (p->result, NULL);
  g_autofree char *sub = NULL;
  g_autofree char *unit = esc (p->unit->name);
  PackTable t;

  sub = g_strdup_printf ("%s — năm %d", unit, p->assessment->year);
  section_title (p, c, SECTION_SUMMARY, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM", sub);
  pack_table_init (&t, c, summary_columns, G_N_ELEMENTS (summary_columns), summary_headers);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);

      summary_total_row (p, c, &t, field, field->code, field->title, PACK_ROW_FIELD);
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);

          if (par_node_is_leaf (crit))
            {
              summary_leaf_row (p, c, &t, crit, PACK_ROW_CRITERION);
              continue;
            }
          summary_total_row (p, c, &t, crit, crit->code, crit->title, PACK_ROW_CRITERION);
          for (guint j = 0; j < crit->children->len; j++)
            summary_leaf_row (p, c, &t, g_ptr_array_index (crit->children, j), PACK_ROW_PLAIN);
        }
    }
  for (guint i = 0; i < adjustments->len; i++)
    summary_leaf_row (p, c, &t, g_ptr_array_index (adjustments, i), PACK_ROW_PLAIN);
  summary_total_row (p, c, &t, par_framework_get_root (p->fw), "", "TỔNG CỘNG", PACK_ROW_TOTAL);

  pack_canvas_skip (c, 10);
  {
    g_autofree char *self = fmt_points (root->self_total);
    g_autofree char *max = fmt_points (root->applicable_max - root->pending_max);
    gboolean scored = root->done > 0 && root->self_index >= 0;
    g_autofree char *idx = scored ? fmt_percent (root->self_index) : g_strdup ("—");
    const ParBand *band = scored ? par_framework_band_for (p->fw, root->self_index) : NULL;
    g_autofree char *band_e = esc (band != NULL ? band->name : "—");
    g_autofree char *text = g_strdup_printf ("Tổng điểm tự đánh giá <b>%s</b> trên <b>%s</b> điểm tối đa "
                                             "áp dụng; Chỉ số tự đánh giá <b>%s</b>, xếp loại <b>%s</b>. "
                                             "Điểm tối đa áp dụng không tính các tiêu chí không áp dụng "
                                             "(K/A)%s.", self, max, idx, band_e,
                                             root->pending_max > 0
                                               ? " và các tiêu chí chấm qua điều tra xã hội học chưa có kết quả"
                                               : "");
    paragraph (c, c->fonts->body, text, 0, 0);
  }
}

/* --- charts ---------------------------------------------------------------------------------- */

static void
draw_charts (Pack       *p,
             PackCanvas *c)
{
  ParChartStyle style;
  g_autoptr(ParChartModel) fields = NULL;
  g_autoptr(ParChartModel) total = NULL;
  g_autofree char *sub = NULL;
  g_autofree char *unit = esc (p->unit->name);
  double h1 = 330, h2 = 290;

  sub = g_strdup_printf ("%s — các năm đã đánh giá", unit);
  section_title (p, c, SECTION_CHARTS, "BIỂU ĐỒ KẾT QUẢ QUA CÁC NĂM", sub);
  par_chart_style_init (&style, PAR_CHART_PALETTE_LIGHT);
  style.font_family = p->font_family;
  style.font_size = 9;
  style.scale = 1;
  style.decimal_separator = ',';

  fields = par_chart_model_new_for_unit (PAR_CHART_FIELDS, p->unit->name, p->chart_results,
                                         (const int *) p->chart_years->data);
  total = par_chart_model_new_for_unit (PAR_CHART_TOTAL, p->unit->name, p->chart_results,
                                        (const int *) p->chart_years->data);
  /* the renderers' titles follow the program's language; the pack is in Vietnamese */
  g_free (fields->title);
  fields->title = g_strdup ("Chỉ số từng lĩnh vực qua các năm (% điểm tối đa áp dụng)");
  g_free (total->title);
  total->title = g_strdup ("Chỉ số cải cách hành chính qua các năm");
  par_chart_model_set_empty_message (fields, "Chưa có số liệu");
  par_chart_model_set_empty_message (total, "Chưa có số liệu");
  for (guint i = 0; i < total->series->len && i < 2; i++)
    {
      ParChartSeries *series = g_ptr_array_index (total->series, i);
      g_free (series->name);
      series->name = g_strdup (i == 0 ? "Tự đánh giá" : "Sau thẩm định");
    }
  cairo_save (c->cr);
  cairo_translate (c->cr, PACK_LEFT, c->y);
  par_chart_render_fields (fields, c->cr, PACK_WIDTH, h1, &style);
  cairo_restore (c->cr);
  c->y += h1 + 18;
  cairo_save (c->cr);
  cairo_translate (c->cr, PACK_LEFT, c->y);
  par_chart_render_total (total, c->cr, PACK_WIDTH, h2, &style);
  cairo_restore (c->cr);
  c->y += h2;
}

/* --- details --------------------------------------------------------------------------------- */

static const PackColumn evidence_columns[] = {
  { 30, PANGO_ALIGN_LEFT },
  { 96, PANGO_ALIGN_LEFT },
  { 92, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 30 - 96 - 92 - 56 - 34, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_LEFT },
  { 34, PANGO_ALIGN_RIGHT },
};

static const char *const evidence_headers[] = {
  "TL", "Số, ký hiệu; ngày", "Cơ quan ban hành", "Trích yếu", "Phần, trang", "Trang",
};

static void
draw_leaf (Pack          *p,
           PackCanvas    *c,
           const ParNode *leaf)
{
  const ParLeafScore *s = par_result_get_leaf (p->result, leaf->code);
  ParEntry *entry = g_hash_table_lookup (p->entry_by_code, leaf->code);
  GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, leaf->code);
  g_autofree char *code = esc (leaf->code);
  g_autofree char *title = esc (leaf->title);
  g_autofree char *max = fmt_points (leaf->max);
  g_autofree char *heading = g_strdup_printf ("%s. %s <span weight=\"normal\" size=\"smaller\">"
                                              "(tối đa %s điểm)</span>", code, title, max);
  PangoLayout *l = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT, heading);

  /* a heading never ends a page alone */
  pack_canvas_ensure (c, pack_layout_height (l) + 40);
  pack_canvas_skip (c, 6);
  mark (p, c, &p->nodes[leaf->node_index]);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  pack_canvas_skip (c, 4);

  {
    g_autofree char *desc = esc (leaf->description != NULL ? leaf->description
                                                           : rule_fallback_vi (leaf->rule->type));
    key_value (c, "Cách chấm", desc);
  }
  if (leaf->inputs->len > 0)
    {
      g_autoptr(GString) figures = g_string_new (NULL);

      for (guint i = 0; i < leaf->inputs->len; i++)
        {
          const ParInput *in = g_ptr_array_index (leaf->inputs, i);
          g_autofree char *label = esc (in->label);
          g_autofree char *value = fmt_input_value (in, entry != NULL ? par_entry_get_input (entry, in->id) : NULL);

          g_string_append_printf (figures, "%s%s: %s", i > 0 ? "\n" : "", label, value);
        }
      key_value (c, "Số liệu", figures->str);
    }
  /* how the score was computed; a survey item or an N/A one has nothing to compute */
  if (s != NULL && s->explanation != NULL && *s->explanation != '\0' &&
      s->state != PAR_SCORE_SURVEY && s->state != PAR_SCORE_NOT_APPLICABLE)
    {
      g_autofree char *ex = esc (s->explanation);
      key_value (c, "Cách tính", ex);
    }
  {
    g_autofree char *score = NULL;

    switch (s != NULL ? s->state : PAR_SCORE_NOT_STARTED)
      {
      case PAR_SCORE_SCORED:
        {
          g_autofree char *v = fmt_points (s->self);
          score = g_strdup_printf ("<b>%s</b> / %s", v, max);
          break;
        }
      case PAR_SCORE_NOT_APPLICABLE:
        score = g_strdup ("<b>Không áp dụng</b> (không tính vào điểm tối đa)");
        break;
      case PAR_SCORE_SURVEY:
        score = g_strdup ("Chấm qua điều tra xã hội học");
        break;
      case PAR_SCORE_INCOMPLETE:
        score = g_strdup ("<i>Chưa nhập đủ số liệu</i>");
        break;
      case PAR_SCORE_INVALID:
        score = g_strdup ("<i>Số liệu không hợp lệ</i>");
        break;
      default:
        score = g_strdup ("<i>Chưa chấm</i>");
      }
    key_value (c, "Điểm tự chấm", score);
  }
  if (s != NULL && (s->has_appraised || s->has_survey))
    {
      g_autofree char *v = fmt_points (s->has_appraised ? s->appraised : s->survey);
      g_autofree char *text = g_strdup_printf ("<b>%s</b> / %s%s", v, max,
                                               s->has_appraised ? "" : " (điều tra xã hội học)");
      key_value (c, "Điểm thẩm định", text);
    }
  if (entry != NULL && entry->comment != NULL && *entry->comment != '\0')
    {
      g_autofree char *cm = esc (entry->comment);
      key_value (c, "Ý kiến thẩm định", cm);
    }
  if (entry != NULL && entry->explanation != NULL && *entry->explanation != '\0')
    {
      g_autofree char *ex = esc (entry->explanation);
      key_value (c, "Giải trình", ex);
    }
  if (cites == NULL || cites->len == 0)
    {
      key_value (c, "Tài liệu kiểm chứng", "<i>Chưa có tài liệu kiểm chứng</i>");
      return;
    }
  {
    PackTable t;
    PangoLayout *lab = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT,
                                    "Tài liệu kiểm chứng:");

    pack_canvas_ensure (c, pack_layout_height (lab) + 40);
    pack_canvas_flow (c, lab, PACK_LEFT);
    g_object_unref (lab);
    pack_canvas_skip (c, 2);
    pack_table_init (&t, c, evidence_columns, G_N_ELEMENTS (evidence_columns), evidence_headers);
    for (guint i = 0; i < cites->len; i++)
      {
        Cite *cite = g_ptr_array_index (cites, i);
        const ParDocument *d = cite->doc->doc;
        g_autofree char *tl = g_strdup_printf ("TL%02u", cite->doc->index + 1);
        g_autofree char *number = esc (d->number);
        g_autofree char *date = fmt_date (d->issue_date);
        g_autofree char *num_date = g_strdup_printf ("%s%s%s", number, *date != '\0' ? "\nngày " : "", date);
        g_autofree char *issuer = esc (d->issuer);
        g_autofree char *summary = esc (d->summary);
        g_autofree char *where = NULL;
        g_autofree char *page = page_label (p, target (PACK_TARGET_DOCUMENT, cite->doc->index));
        const char *cells[6];

        {
          g_autofree char *sec = esc (cite->link->section);
          g_autofree char *pages = esc (cite->link->pages);
          where = g_strdup_printf ("%s%s%s%s", sec, cite->link->section != NULL && cite->link->pages != NULL ? ", " : "",
                                   cite->link->pages != NULL ? "tr. " : "", pages);
        }
        cells[0] = tl;
        cells[1] = num_date;
        cells[2] = issuer;
        cells[3] = summary;
        cells[4] = where;
        cells[5] = page;
        pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0,
                        target (PACK_TARGET_DOCUMENT, cite->doc->index));
      }
    pack_canvas_skip (c, 4);
  }
}

static void
node_heading (Pack          *p,
              PackCanvas    *c,
              const ParNode *node,
              const char    *markup,
              const PangoFontDescription *font,
              gboolean       band)
{
  PangoLayout *l = pack_layout (c, font, PACK_WIDTH - 8, PANGO_ALIGN_LEFT, markup);
  double h = pack_layout_height (l);

  pack_canvas_ensure (c, h + 90);
  pack_canvas_skip (c, band ? 10 : 6);
  mark (p, c, &p->nodes[node->node_index]);
  if (band)
    {
      cairo_rectangle (c->cr, PACK_LEFT, c->y - 3, PACK_WIDTH, h + 6);
      cairo_set_source_rgb (c->cr, 0.91, 0.93, 0.96);
      cairo_fill (c->cr);
      cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
    }
  pack_canvas_draw_layout (c, l, PACK_LEFT + (band ? 4 : 0), c->y);
  c->y += h + (band ? 8 : 4);
  g_object_unref (l);
}

static void
draw_details (Pack       *p,
              PackCanvas *c)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);

  section_title (p, c, SECTION_DETAILS, "GIẢI TRÌNH CHI TIẾT THEO TIÊU CHÍ", NULL);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      const ParNodeTotal *ft = par_result_get_total (p->result, field->code);
      g_autofree char *title = esc (field->title);
      g_autofree char *self = fmt_points (ft->self_total);
      g_autofree char *max = fmt_points (ft->max);
      g_autofree char *h = g_strdup_printf ("LĨNH VỰC %s. %s  <span weight=\"normal\">(%s / %s điểm)</span>",
                                            field->code, title, self, max);

      node_heading (p, c, field, h, c->fonts->heading, TRUE);
      for (guint k = 0; k < field->children->len; k++)
        {
          const ParNode *crit = g_ptr_array_index (field->children, k);

          if (par_node_is_leaf (crit))
            {
              draw_leaf (p, c, crit);
              continue;
            }
          {
            g_autofree char *ct = esc (crit->title);
            g_autofree char *cmax = fmt_points (crit->max);
            g_autofree char *ch = g_strdup_printf ("Tiêu chí %s. %s <span weight=\"normal\">(tối đa %s điểm)</span>",
                                                   crit->code, ct, cmax);
            node_heading (p, c, crit, ch, c->fonts->bold, FALSE);
          }
          for (guint j = 0; j < crit->children->len; j++)
            draw_leaf (p, c, g_ptr_array_index (crit->children, j));
        }
    }
  if (adjustments->len > 0)
    {
      const ParNode *first = g_ptr_array_index (adjustments, 0);
      /* the adjustments share one heading; it is the first one's anchor too */
      node_heading (p, c, first, "ĐIỂM TRỪ, ĐIỂM CỘNG", c->fonts->heading, TRUE);
      for (guint i = 0; i < adjustments->len; i++)
        {
          PackTarget keep = p->nodes[first->node_index];
          draw_leaf (p, c, g_ptr_array_index (adjustments, i));
          if (i == 0)
            p->nodes[first->node_index] = keep;
        }
    }
}

static void
draw_front (Pack       *p,
            PackCanvas *c)
{
  draw_cover (p, c);
  draw_contents (p, c);
  draw_summary (p, c);
  if (p->opts.charts)
    draw_charts (p, c);
  draw_details (p, c);
}

/* --- document separators, images, manifest --------------------------------------------------- */

static const PackColumn cites_columns[] = {
  { 40, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 40 - 90, PANGO_ALIGN_LEFT },
  { 90, PANGO_ALIGN_LEFT },
};
static const char *const cites_headers[] = { "Mã", "Tiêu chí", "Phần, trang" };

static const PackColumn files_columns[] = {
  { 26, PANGO_ALIGN_RIGHT },
  { PACK_WIDTH - 26 - 70 - 56 - 110, PANGO_ALIGN_LEFT },
  { 70, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_RIGHT },
  { 110, PANGO_ALIGN_LEFT },
};
static const char *const files_headers[] = { "STT", "Tên tệp", "Loại", "Dung lượng", "Trong hồ sơ" };

static char *
file_type_label (PackFile *f)
{
  const char *dot;

  if (f->file->kind == PAR_PACK_FILE_PDF)
    return g_strdup ("PDF");
  if (f->file->kind == PAR_PACK_FILE_IMAGE)
    return g_strdup (f->jpeg ? "Ảnh JPEG" : "Ảnh PNG");
  dot = strrchr (f->att->original_name != NULL ? f->att->original_name : "", '.');
  if (dot != NULL && dot[1] != '\0' && strlen (dot) <= 6)
    {
      g_autofree char *ext = g_utf8_strup (dot + 1, -1);
      return g_strdup_printf ("Tệp %s", ext);
    }
  return g_strdup ("Tệp khác");
}

static char *
file_place (Pack     *p,
            PackFile *f)
{
  if (f->file->status != PAR_PACK_FILE_OK)
    return g_strdup_printf ("<b>%s</b> — không đưa vào hồ sơ", status_vi (f->file->status));
  if (!p->opts.documents)
    return g_strdup ("Không kèm theo bản này");
  if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
    return g_strdup ("Đính kèm nguyên tệp trong PDF");
  if (f->file->n_pages == 1)
    return g_strdup_printf ("Trang %u", f->file->first_page + 1);
  return g_strdup_printf ("Trang %u–%u", f->file->first_page + 1,
                          f->file->first_page + f->file->n_pages);
}

static void
draw_separator (Pack       *p,
                PackCanvas *c,
                PackDoc    *d)
{
  const ParDocument *doc = d->doc;
  g_autofree char *title = g_strdup_printf ("TÀI LIỆU KIỂM CHỨNG SỐ %02u", d->index + 1);
  g_autofree char *number = esc (doc->number != NULL && *doc->number != '\0' ? doc->number : "(không số)");
  gboolean has_embedded = FALSE;
  PangoLayout *l;
  PackTable t;
  double top;

  pack_canvas_new_page (c, 0, 0);
  top = c->y;
  /* a band across the page marks where one document ends and the next starts */
  cairo_rectangle (c->cr, 0, top - 8, c->page_w, 76);
  cairo_set_source_rgb (c->cr, 0.16, 0.29, 0.47);
  cairo_fill (c->cr);
  cairo_set_source_rgb (c->cr, 1, 1, 1);
  l = pack_layout (c, c->fonts->bold, PACK_WIDTH, PANGO_ALIGN_LEFT, title);
  pack_canvas_draw_layout (c, l, PACK_LEFT, top + 2);
  {
    double h = pack_layout_height (l);
    g_object_unref (l);
    l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_LEFT, number);
    pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
    pango_layout_set_height (l, -1);
    pack_canvas_draw_layout (c, l, PACK_LEFT, top + 6 + h);
    g_object_unref (l);
  }
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  c->y = top + 84;

  {
    g_autofree char *kind = esc (doc_kind_name (doc->kind));
    g_autofree char *date = fmt_date (doc->issue_date);
    g_autofree char *issuer = esc (doc->issuer);
    g_autofree char *summary = esc (doc->summary);

    if (*kind != '\0')
      key_value (c, "Loại văn bản", kind);
    key_value (c, "Số, ký hiệu", number);
    if (*date != '\0')
      key_value (c, "Ngày ban hành", date);
    if (*issuer != '\0')
      key_value (c, "Cơ quan ban hành", issuer);
    if (*summary != '\0')
      key_value (c, "Trích yếu", summary);
  }

  pack_canvas_skip (c, 8);
  paragraph (c, c->fonts->bold, "Dùng làm tài liệu kiểm chứng cho:", 0, 3);
  pack_table_init (&t, c, cites_columns, G_N_ELEMENTS (cites_columns), cites_headers);
  for (guint i = 0; i < d->cites->len; i++)
    {
      Cite *cite = g_ptr_array_index (d->cites, i);
      g_autofree char *code = esc (cite->link->code);
      g_autofree char *ctitle = esc (cite->node != NULL ? cite->node->title : "");
      g_autofree char *sec = esc (cite->link->section);
      g_autofree char *pages = esc (cite->link->pages);
      g_autofree char *where = g_strdup_printf ("%s%s%s%s", sec,
                                                cite->link->section != NULL && cite->link->pages != NULL ? ", " : "",
                                                cite->link->pages != NULL ? "tr. " : "", pages);
      const char *cells[3] = { code, ctitle, where };

      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0,
                      cite->node != NULL ? target (PACK_TARGET_NODE, cite->node->node_index) : no_target);
    }

  pack_canvas_skip (c, 10);
  if (d->files->len == 0)
    {
      paragraph (c, c->fonts->italic, "Tài liệu này không có tệp đính kèm trong cơ sở dữ liệu.", 0, 0);
      return;
    }
  paragraph (c, c->fonts->bold, "Tệp kèm theo:", 0, 3);
  pack_table_init (&t, c, files_columns, G_N_ELEMENTS (files_columns), files_headers);
  for (guint i = 0; i < d->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (d->files, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = esc (f->att->original_name);
      g_autofree char *type = file_type_label (f);
      g_autofree char *size = fmt_size_short (f->att->size);
      g_autofree char *place = file_place (p, f);
      const char *cells[5] = { num, name, type, size, place };

      has_embedded |= f->file->kind == PAR_PACK_FILE_EMBEDDED && f->file->status == PAR_PACK_FILE_OK &&
                      p->opts.documents;
      pack_table_row (c, &t, cells, f->file->status == PAR_PACK_FILE_OK ? PACK_ROW_PLAIN : PACK_ROW_PROBLEM,
                      NULL, 0, file_has_pages (p, f) ? target (PACK_TARGET_FILE, f->index) : no_target);
    }
  if (has_embedded)
    {
      pack_canvas_skip (c, 8);
      paragraph (c, c->fonts->small,
                 "Các tệp không phải PDF hay ảnh (văn bản Word, bảng tính…) được đính kèm nguyên "
                 "bản bên trong tệp PDF này: mở bảng “Tệp đính kèm” (biểu tượng kẹp giấy) của "
                 "trình đọc PDF để xem hoặc lưu ra máy.", 0, 0);
    }
}

/* An image on its own page, A4 in the image's orientation, scaled to fit (a small picture is
 * enlarged at most three times, so that it does not turn into a blur). Returns FALSE if it
 * could not be drawn (the page then says so). */
static gboolean
draw_image_page (Pack        *p,
                 PackCanvas  *c,
                 PackFile    *f,
                 char       **message)
{
  gboolean landscape = f->width > f->height;
  double pw = landscape ? PACK_PAGE_H : PACK_PAGE_W, ph = landscape ? PACK_PAGE_W : PACK_PAGE_H;
  double area_x = 28, area_y = 46, area_w = pw - 56, area_h = ph - 46 - 40;
  cairo_surface_t *image = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *name = esc (f->att->original_name);
  gboolean ok = FALSE;
  PangoLayout *l;

  pack_canvas_new_page (c, pw, ph);
  caption = g_strdup_printf ("TL%02u · %s", f->doc->index + 1, name);
  cairo_set_source_rgb (c->cr, 0.38, 0.4, 0.44);
  l = pack_layout (c, c->fonts->small, pw - 56, PANGO_ALIGN_LEFT, caption);
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_MIDDLE);
  pack_canvas_draw_layout (c, l, 28, 22);
  g_object_unref (l);

  if (f->jpeg)
    {
      char *data = NULL;
      gsize len = 0;

      if (g_file_get_contents (f->path, &data, &len, NULL))
        {
          /* cairo writes the JPEG bytes unchanged (DCTDecode) when they are attached as mime
           * data; the pixel buffer is never touched, so its pages are never even mapped */
          image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, f->width, f->height);
          if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
            {
              cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, (const guchar *) data, len,
                                           g_free, data);
              cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_UNIQUE_ID,
                                           (const guchar *) f->att->sha256, strlen (f->att->sha256),
                                           NULL, NULL);
              data = NULL;
            }
        }
      g_free (data);
    }
  else
    {
      image = cairo_image_surface_create_from_png (f->path);
    }

  if (image != NULL && cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
    {
      int w = f->jpeg ? f->width : cairo_image_surface_get_width (image);
      int h = f->jpeg ? f->height : cairo_image_surface_get_height (image);
      double scale = MIN (3.0, MIN (area_w / w, area_h / h));
      double dw = w * scale, dh = h * scale;

      cairo_save (c->cr);
      cairo_translate (c->cr, area_x + (area_w - dw) / 2, area_y + (area_h - dh) / 2);
      cairo_scale (c->cr, scale, scale);
      cairo_set_source_surface (c->cr, image, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (c->cr), CAIRO_FILTER_GOOD);
      cairo_paint (c->cr);
      cairo_restore (c->cr);
      ok = TRUE;
    }
  else
    {
      *message = g_strdup_printf (_("The image “%s” could not be decoded; it was left out."),
                                  f->att->original_name);
      cairo_set_source_rgb (c->cr, 0.7, 0.15, 0.12);
      l = pack_layout (c, c->fonts->bold, area_w, PANGO_ALIGN_CENTER,
                       "Không đọc được ảnh này: tệp bị hỏng.");
      pack_canvas_draw_layout (c, l, area_x, area_y + area_h / 2);
      g_object_unref (l);
    }
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  if (image != NULL)
    cairo_surface_destroy (image);
  return ok;
}

static const PackColumn manifest_columns[] = {
  { 22, PANGO_ALIGN_RIGHT },
  { 30, PANGO_ALIGN_LEFT },
  { PACK_WIDTH - 22 - 30 - 50 - 132 - 78 - 40, PANGO_ALIGN_LEFT },
  { 50, PANGO_ALIGN_RIGHT },
  { 132, PANGO_ALIGN_LEFT },
  { 78, PANGO_ALIGN_LEFT },
  { 40, PANGO_ALIGN_RIGHT },
};
static const char *const manifest_headers[] = {
  "STT", "TL", "Tên tệp", "Dung lượng (byte)", "Mã SHA-256", "Kiểm tra", "Trang",
};

static void
draw_manifest (Pack       *p,
               PackCanvas *c)
{
  g_autofree char *when = g_date_time_format (p->now, "%H:%M ngày %d/%m/%Y");
  g_autofree char *intro = NULL;
  guint ok = 0, embedded = 0;
  PackTable t;

  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);
      ok += f->file->status == PAR_PACK_FILE_OK;
      embedded += f->file->status == PAR_PACK_FILE_OK && f->file->kind == PAR_PACK_FILE_EMBEDDED;
    }
  section_title (p, c, SECTION_MANIFEST, "DANH MỤC TỆP ĐÍNH KÈM", NULL);
  intro = g_strdup_printf ("Mỗi tệp được đọc lại từ kho lưu trữ lúc xuất hồ sơ (%s), đối chiếu "
                           "dung lượng và mã SHA-256 với giá trị ghi nhận khi đính kèm. "
                           "Tổng số <b>%u</b> tệp của <b>%u</b> tài liệu: <b>%u</b> tệp đầy đủ, "
                           "đúng mã (trong đó %u tệp đính kèm nguyên bản trong PDF); "
                           "<b>%u</b> tệp có vấn đề, không đưa vào hồ sơ.",
                           when, p->files->len, p->docs->len, ok, embedded, p->files->len - ok);
  paragraph (c, c->fonts->body, intro, 0, 10);
  if (p->files->len == 0)
    return;
  pack_table_init (&t, c, manifest_columns, G_N_ELEMENTS (manifest_columns), manifest_headers);
  for (guint i = 0; i < p->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (p->files, i);
      g_autofree char *num = g_strdup_printf ("%u", i + 1);
      g_autofree char *tl = g_strdup_printf ("TL%02u", f->doc->index + 1);
      g_autofree char *name = esc (f->att->original_name);
      g_autofree char *size = fmt_int (f->att->size);
      g_autofree char *hash = NULL;
      g_autofree char *status = NULL;
      g_autofree char *pages = NULL;
      const char *cells[7];

      /* the stored hash, in two halves, in a monospaced face so a reader can compare it */
      hash = g_strdup_printf ("<span font_family=\"DejaVu Sans Mono\" size=\"6pt\">%.32s\n%s</span>",
                              f->att->sha256, strlen (f->att->sha256) > 32 ? f->att->sha256 + 32 : "");
      if (f->file->status == PAR_PACK_FILE_HASH_MISMATCH && f->file->actual_sha256 != NULL)
        status = g_strdup_printf ("<b>%s</b>\n<span size=\"6pt\">tệp hiện có: %.12s…</span>",
                                  status_vi (f->file->status), f->file->actual_sha256);
      else if (f->file->status != PAR_PACK_FILE_OK)
        status = g_strdup_printf ("<b>%s</b>", status_vi (f->file->status));
      else
        status = g_strdup (status_vi (f->file->status));
      if (f->file->status != PAR_PACK_FILE_OK)
        pages = g_strdup ("—");
      else if (!p->opts.documents)
        pages = g_strdup ("");
      else if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
        pages = g_strdup ("đính kèm");
      else if (f->file->n_pages == 0)
        pages = g_strdup ("");
      else if (f->file->n_pages == 1)
        pages = g_strdup_printf ("%u", f->file->first_page + 1);
      else
        pages = g_strdup_printf ("%u–%u", f->file->first_page + 1, f->file->first_page + f->file->n_pages);
      cells[0] = num;
      cells[1] = tl;
      cells[2] = name;
      cells[3] = size;
      cells[4] = hash;
      cells[5] = status;
      cells[6] = pages;
      pack_table_row (c, &t, cells, f->file->status == PAR_PACK_FILE_OK ? PACK_ROW_PLAIN : PACK_ROW_PROBLEM,
                      NULL, 0, target (PACK_TARGET_FILE, f->index));
    }
}

/* --- merging --------------------------------------------------------------------------------- */

static gboolean
finish_canvas (Pack        *p,
               PackCanvas **canvas,
               GError     **error)
{
  PackCanvas *c = g_steal_pointer (canvas);

  if (c->links != NULL)
    g_array_append_vals (p->links, c->links->data, c->links->len);
  return pack_canvas_finish (c, error);
}

/* Adds a generated PDF to the writer and checks it landed where the layout said. */
static gboolean
add_generated (Pack          *p,
               ParPdfWriter  *w,
               const char    *path,
               guint          expected_first,
               guint          expected_pages,
               GError       **error)
{
  ParPdfDocInfo info = { 0 };
  gboolean ok;

  ok = par_pdf_writer_add_document (w, path, NULL, &info, p->cancellable, error);
  if (ok && (info.status != PAR_PDF_DOC_OK || info.first_page != expected_first ||
             info.n_pages != expected_pages))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("A generated part of the pack could not be merged (%s)."),
                   info.message != NULL ? info.message : par_pdf_doc_status_to_string (info.status));
      ok = FALSE;
    }
  par_pdf_doc_info_clear (&info);
  g_unlink (path);
  p->report->n_generated_pages += expected_pages;
  return ok;
}

/* When a PDF that was read fine a moment ago fails during the merge, its pages are replaced by
 * as many pages saying so: every page number printed before stays right. */
static gboolean
add_placeholder (Pack          *p,
                 ParPdfWriter  *w,
                 PackFile      *f,
                 guint          first,
                 guint          n,
                 GError       **error)
{
  g_autofree char *path = g_build_filename (p->tmpdir, "placeholder.pdf", NULL);
  PackCanvas *c = pack_canvas_new (path, &p->fonts, first, error);
  g_autofree char *name = esc (f->att->original_name);
  g_autofree char *text = g_strdup_printf ("Không thể đưa tệp “%s” vào hồ sơ: %s.", name,
                                           status_vi (f->file->status));

  if (c == NULL)
    return FALSE;
  c->on_page = running_header;
  c->on_page_data = p;
  for (guint i = 0; i < n; i++)
    {
      pack_canvas_new_page (c, 0, 0);
      c->y = 300;
      paragraph (c, c->fonts->bold, i == 0 ? text : "(trang để trống)", 0, 0);
    }
  if (!finish_canvas (p, &c, error))
    return FALSE;
  return add_generated (p, w, path, first, n, error);
}

static ParPackFileStatus
from_pdf_status (ParPdfDocStatus s)
{
  switch (s)
    {
    case PAR_PDF_DOC_OK: return PAR_PACK_FILE_OK;
    case PAR_PDF_DOC_MISSING: return PAR_PACK_FILE_MISSING;
    case PAR_PDF_DOC_UNREADABLE: return PAR_PACK_FILE_UNREADABLE;
    case PAR_PDF_DOC_ENCRYPTED: return PAR_PACK_FILE_ENCRYPTED;
    case PAR_PDF_DOC_CORRUPT:
    default: return PAR_PACK_FILE_CORRUPT;
    }
}

static gboolean
merge_document (Pack          *p,
                ParPdfWriter  *w,
                PackDoc       *d,
                GError       **error)
{
  PackCanvas *chunk = NULL;
  g_autofree char *chunk_path = g_build_filename (p->tmpdir, "part.pdf", NULL);
  guint chunk_first = 0;

  p->doc_index = d->index;
  report_progress (p, PAR_PACK_STAGE_DOCUMENTS, d->index, p->docs->len, d->doc->number);

  /* the separator and the images that follow it go into one generated part */
  chunk_first = par_pdf_writer_get_n_pages (w);
  if (chunk_first != d->first_page)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("The pack's page numbering went wrong at document %u."), d->index + 1);
      return FALSE;
    }
  if ((chunk = pack_canvas_new (chunk_path, &p->fonts, chunk_first, error)) == NULL)
    return FALSE;
  chunk->on_page = running_header;
  chunk->on_page_data = p;
  draw_separator (p, chunk, d);

  for (guint i = 0; i < d->files->len; i++)
    {
      PackFile *f = g_ptr_array_index (d->files, i);

      if (check_cancel (p, error))
        {
          pack_canvas_free (chunk);
          return FALSE;
        }
      if (f->file->status != PAR_PACK_FILE_OK || !p->opts.documents)
        {
          p->work_done += MAX (f->att->size, 0);
          continue;
        }
      if (f->file->kind == PAR_PACK_FILE_EMBEDDED)
        {
          g_autoptr(GError) local = NULL;
          g_autofree char *desc = g_strdup_printf ("TL%02u %s — %s", d->index + 1,
                                                   d->doc->number != NULL ? d->doc->number : "",
                                                   d->doc->summary != NULL ? d->doc->summary : "");

          if (!par_pdf_writer_add_embedded_file (w, f->path, f->att->original_name,
                                                 f->att->content_type, desc, p->cancellable, &local))
            {
              if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  pack_canvas_free (chunk);
                  return FALSE;
                }
              set_status (f, PAR_PACK_FILE_UNREADABLE, g_strdup (local->message));
              p->report->n_problems++;
            }
          p->work_done += MAX (f->att->size, 0);
          continue;
        }
      if (f->file->kind == PAR_PACK_FILE_IMAGE)
        {
          char *message = NULL;

          if (chunk == NULL)
            {
              chunk_first = par_pdf_writer_get_n_pages (w);
              if ((chunk = pack_canvas_new (chunk_path, &p->fonts, chunk_first, error)) == NULL)
                return FALSE;
              chunk->on_page = running_header;
              chunk->on_page_data = p;
            }
          chunk->on_page = NULL;   /* a picture page carries its own caption */
          if (!draw_image_page (p, chunk, f, &message))
            {
              set_status (f, PAR_PACK_FILE_CORRUPT, message);
              p->report->n_problems++;
            }
          chunk->on_page = running_header;
          p->work_done += MAX (f->att->size, 0);
          continue;
        }

      /* a PDF: flush what was drawn so far, then copy its pages */
      if (chunk != NULL)
        {
          guint n = pack_canvas_n_pages (chunk);
          if (!finish_canvas (p, &chunk, error) ||
              !add_generated (p, w, chunk_path, chunk_first, n, error))
            return FALSE;
        }
      {
        ParPdfDocInfo info = { 0 };
        guint first = par_pdf_writer_get_n_pages (w);

        p->file_work_base = p->work_done;
        p->file_work_size = MAX (f->att->size, 0);
        p->file_label = d->doc->number;
        if (!par_pdf_writer_add_document (w, f->path, f->att->original_name, &info,
                                          p->cancellable, error))
          {
            par_pdf_doc_info_clear (&info);
            return FALSE;
          }
        p->file_work_size = 0;
        p->work_done = p->file_work_base + MAX (f->att->size, 0);
        if (info.status != PAR_PDF_DOC_OK)
          {
            set_status (f, from_pdf_status (info.status), g_steal_pointer (&info.message));
            p->report->n_problems++;
            if (!add_placeholder (p, w, f, first, f->file->n_pages, error))
              {
                par_pdf_doc_info_clear (&info);
                return FALSE;
              }
          }
        else if (info.n_pages != f->file->n_pages || first != f->file->first_page)
          {
            g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                         _("“%s” changed while the pack was being made; export again."),
                         f->att->original_name);
            par_pdf_doc_info_clear (&info);
            return FALSE;
          }
        par_pdf_doc_info_clear (&info);
      }
    }
  if (chunk != NULL)
    {
      guint n = pack_canvas_n_pages (chunk);
      if (!finish_canvas (p, &chunk, error) ||
          !add_generated (p, w, chunk_path, chunk_first, n, error))
        return FALSE;
    }
  return TRUE;
}

static void
add_outline (Pack         *p,
             ParPdfWriter *w)
{
  GPtrArray *fields = par_framework_get_fields (p->fw);
  GPtrArray *adjustments = par_framework_get_adjustments (p->fw);
  guint details, docs;

#define SECTION_PAGE(s) (p->sections[s].page)
  par_pdf_writer_add_outline_item (w, 0, "Bìa", SECTION_PAGE (SECTION_COVER), -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, "Mục lục", SECTION_PAGE (SECTION_CONTENTS), -1, FALSE);
  par_pdf_writer_add_outline_item (w, 0, "Bảng tổng hợp kết quả tự đánh giá",
                                   SECTION_PAGE (SECTION_SUMMARY), -1, FALSE);
  if (p->opts.charts)
    par_pdf_writer_add_outline_item (w, 0, "Biểu đồ kết quả qua các năm",
                                     SECTION_PAGE (SECTION_CHARTS), -1, FALSE);
  details = par_pdf_writer_add_outline_item (w, 0, "Giải trình chi tiết theo tiêu chí",
                                             SECTION_PAGE (SECTION_DETAILS), -1, TRUE);
  for (guint i = 0; i < fields->len + adjustments->len; i++)
    {
      gboolean adj = i >= fields->len;
      const ParNode *field = adj ? g_ptr_array_index (adjustments, i - fields->len)
                                 : g_ptr_array_index (fields, i);
      g_autofree char *ft = adj ? g_strdup_printf ("%s. %s", field->code, field->title)
                                : g_strdup_printf ("Lĩnh vực %s. %s", field->code, field->title);
      PackTarget *tf = &p->nodes[field->node_index];
      guint fid = par_pdf_writer_add_outline_item (w, details, ft, tf->page, MAX (tf->top - 6, 0), FALSE);
      g_autoptr(GPtrArray) stack = g_ptr_array_new ();
      g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (guint));

      /* depth first below the field: criteria, sub-criteria, then the documents they cite */
      if (adj)
        {
          GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, field->code);
          for (guint k = 0; cites != NULL && k < cites->len; k++)
            {
              Cite *cite = g_ptr_array_index (cites, k);
              g_autofree char *label = g_strdup_printf ("TL%02u. %s", cite->doc->index + 1,
                                                        cite->doc->doc->number != NULL ? cite->doc->doc->number : "");
              par_pdf_writer_add_outline_item (w, fid, label, cite->doc->first_page, -1, FALSE);
            }
          continue;
        }
      for (guint k = field->children->len; k > 0; k--)
        {
          guint parent = fid;
          g_ptr_array_add (stack, g_ptr_array_index (field->children, k - 1));
          g_array_append_val (parents, parent);
        }
      while (stack->len > 0)
        {
          const ParNode *node = g_ptr_array_steal_index (stack, stack->len - 1);
          guint parent = g_array_index (parents, guint, parents->len - 1);
          PackTarget *tn = &p->nodes[node->node_index];
          g_autofree char *label = g_strdup_printf ("%s. %s", node->code, node->title);
          guint id;

          g_array_set_size (parents, parents->len - 1);
          id = par_pdf_writer_add_outline_item (w, parent, label, tn->page, MAX (tn->top - 6, 0), FALSE);
          if (par_node_is_leaf (node))
            {
              GPtrArray *cites = g_hash_table_lookup (p->cites_by_code, node->code);
              for (guint k = 0; cites != NULL && k < cites->len; k++)
                {
                  Cite *cite = g_ptr_array_index (cites, k);
                  g_autofree char *dl = g_strdup_printf ("TL%02u. %s", cite->doc->index + 1,
                                                         cite->doc->doc->number != NULL ? cite->doc->doc->number : "");
                  par_pdf_writer_add_outline_item (w, id, dl, cite->doc->first_page, -1, FALSE);
                }
              continue;
            }
          for (guint k = node->children->len; k > 0; k--)
            {
              g_ptr_array_add (stack, g_ptr_array_index (node->children, k - 1));
              g_array_append_val (parents, id);
            }
        }
    }
  if (p->docs->len > 0)
    {
      docs = par_pdf_writer_add_outline_item (w, 0, "Tài liệu kiểm chứng", SECTION_PAGE (SECTION_DOCUMENTS),
                                              -1, TRUE);
      for (guint i = 0; i < p->docs->len; i++)
        {
          PackDoc *d = g_ptr_array_index (p->docs, i);
          g_autofree char *markup = doc_label (d);
          g_autofree char *label = NULL;
          guint id;

          pango_parse_markup (markup, -1, 0, NULL, &label, NULL, NULL);
          id = par_pdf_writer_add_outline_item (w, docs, label != NULL ? label : markup, d->first_page, -1, FALSE);
          for (guint k = 0; k < d->files->len; k++)
            {
              PackFile *f = g_ptr_array_index (d->files, k);
              if (f->file->n_pages > 0 && f->file->status == PAR_PACK_FILE_OK)
                par_pdf_writer_add_outline_item (w, id, f->att->original_name, f->file->first_page, -1, FALSE);
            }
        }
    }
  par_pdf_writer_add_outline_item (w, 0, "Danh mục tệp đính kèm", SECTION_PAGE (SECTION_MANIFEST), -1, FALSE);
#undef SECTION_PAGE
}

/* --- the export ------------------------------------------------------------------------------ */

static void
assign_pages (Pack *p)
{
  guint page = p->front_pages;

  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);

      d->first_page = page;
      page += d->sep_pages;
      for (guint k = 0; k < d->files->len; k++)
        {
          PackFile *f = g_ptr_array_index (d->files, k);

          if (!file_has_pages (p, f))
            {
              f->file->n_pages = 0;
              continue;
            }
          if (f->file->kind == PAR_PACK_FILE_IMAGE)
            f->file->n_pages = 1;
          f->file->first_page = page;
          page += f->file->n_pages;
        }
      d->n_pages = page - d->first_page;
    }
  p->manifest_first = page;
  p->sections[SECTION_DOCUMENTS] = (PackTarget) {
    TRUE, p->docs->len > 0 ? ((PackDoc *) g_ptr_array_index (p->docs, 0))->first_page : page, -1
  };
  p->sections[SECTION_MANIFEST] = (PackTarget) { TRUE, page, -1 };
}

static gboolean
layout_pass (Pack     *p,
             GError  **error)
{
  PackCanvas *c;
  guint front = 0;

  /* the separators first: their length moves every later page */
  if ((c = pack_canvas_new (NULL, &p->fonts, 0, error)) == NULL)
    return FALSE;
  c->on_page = running_header;
  c->on_page_data = p;
  for (guint i = 0; i < p->docs->len; i++)
    {
      PackDoc *d = g_ptr_array_index (p->docs, i);
      guint before = pack_canvas_n_pages (c);

      draw_separator (p, c, d);
      d->sep_pages = pack_canvas_n_pages (c) - before;
    }
  pack_canvas_free (c);

  /* then the front matter, until its length no longer changes (the numbers it prints do not
   * move its lines, so this settles at once) */
  for (guint round = 0; round < 3; round++)
    {
      if ((c = pack_canvas_new (NULL, &p->fonts, 0, error)) == NULL)
        return FALSE;
      draw_front (p, c);
      front = pack_canvas_n_pages (c);
      pack_canvas_free (c);
      if (front == p->front_pages)
        break;
      p->front_pages = front;
      assign_pages (p);
    }
  return TRUE;
}

gboolean
par_pack_export (ParStore              *store,
                 gint64                 assessment_id,
                 const char            *dest_path,
                 const ParPackOptions  *opts,
                 ParPackProgressFunc    progress,
                 gpointer               data,
                 GCancellable          *cancellable,
                 ParPackReport        **report,
                 GError               **error)
{
  Pack pack = { 0 };
  Pack *p = &pack;
  g_autoptr(ParPdfWriter) w = NULL;
  g_autofree char *front_path = NULL;
  g_autofree char *manifest_path = NULL;
  PackCanvas *c = NULL;
  gboolean ok = FALSE;
  gint64 t0 = g_get_monotonic_time (), t1;

  g_return_val_if_fail (PAR_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (report != NULL)
    *report = NULL;
  p->store = store;
  if (opts != NULL)
    p->opts = *opts;
  else
    par_pack_options_init (&p->opts);
  p->cancellable = cancellable;
  p->progress = progress;
  p->progress_data = data;
  p->font_family = g_strdup (p->opts.font_family != NULL ? p->opts.font_family : "DejaVu Sans");
  p->now = p->opts.export_date != NULL ? g_date_time_ref (p->opts.export_date)
                                       : g_date_time_new_now_local ();
  p->links = g_array_new (FALSE, FALSE, sizeof (PackLink));

  report_progress (p, PAR_PACK_STAGE_PREPARING, 0, 1, NULL);
  if (!load_assessment (p, assessment_id, error) || !collect_documents (p, error))
    goto out;
  p->work_layout = MAX (p->work_bytes / 20, 1024 * 1024);
  p->work_finish = MAX (p->work_bytes / 40, 256 * 1024);
  p->work_total = 2 * p->work_bytes + p->work_layout + p->work_finish;
  if (check_cancel (p, error) || !check_files (p, error))
    goto out;
  if ((p->tmpdir = g_dir_make_tmp ("parscore-pack-XXXXXX", error)) == NULL)
    goto out;
  t1 = g_get_monotonic_time ();
  g_debug ("pack: read and scored, %u files (%" G_GUINT64_FORMAT " bytes) checked in %.0f ms",
           p->files->len, p->work_bytes, (t1 - t0) / 1000.0);

  make_fonts (p);
  p->work_done = p->work_bytes;
  report_progress (p, PAR_PACK_STAGE_LAYOUT, 0, 2, NULL);
  if (!layout_pass (p, error) || check_cancel (p, error))
    goto out;
  p->work_done = p->work_bytes + p->work_layout / 2;

  front_path = g_build_filename (p->tmpdir, "front.pdf", NULL);
  report_progress (p, PAR_PACK_STAGE_LAYOUT, 1, 2, NULL);
  if ((c = pack_canvas_new (front_path, &p->fonts, 0, error)) == NULL)
    goto out;
  draw_front (p, c);
  if (pack_canvas_n_pages (c) != p->front_pages)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
                   _("The pack's first pages did not lay out the same way twice."));
      goto out;
    }
  if (!finish_canvas (p, &c, error))
    goto out;
  p->work_done = p->work_bytes + p->work_layout;
  g_debug ("pack: %u front pages laid out twice and drawn, separators laid out, in %.0f ms",
           p->front_pages, (g_get_monotonic_time () - t1) / 1000.0);
  t1 = g_get_monotonic_time ();

  if ((w = par_pdf_writer_new (dest_path, error)) == NULL)
    goto out;
  par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", "DejaVu Sans 8");
  par_pdf_writer_set_progress_func (w, writer_progress, p, NULL);
  if (!add_generated (p, w, front_path, 0, p->front_pages, error))
    goto out;

  for (guint i = 0; i < p->docs->len; i++)
    if (check_cancel (p, error) || !merge_document (p, w, g_ptr_array_index (p->docs, i), error))
      goto out;

  g_debug ("pack: %u documents merged in %.0f ms", p->docs->len, (g_get_monotonic_time () - t1) / 1000.0);
  t1 = g_get_monotonic_time ();
  if (par_pdf_writer_get_n_pages (w) != p->manifest_first)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("The pack's page numbering went wrong."));
      goto out;
    }
  manifest_path = g_build_filename (p->tmpdir, "manifest.pdf", NULL);
  if ((c = pack_canvas_new (manifest_path, &p->fonts, p->manifest_first, error)) == NULL)
    goto out;
  c->on_page = running_header;
  c->on_page_data = p;
  draw_manifest (p, c);
  {
    guint n = pack_canvas_n_pages (c);
    if (!finish_canvas (p, &c, error) ||
        !add_generated (p, w, manifest_path, p->manifest_first, n, error))
      goto out;
  }

  p->work_done = p->work_total - p->work_finish;
  add_outline (p, w);
  for (guint i = 0; i < p->links->len; i++)
    {
      PackLink *l = &g_array_index (p->links, PackLink, i);
      guint page;
      double top;

      if (resolve (p, l->target, &page, &top))
        par_pdf_writer_add_link (w, l->from_page, l->x, l->y, l->width, l->height, page, top, NULL);
    }
  {
    g_autofree char *title = g_strdup_printf ("Hồ sơ tự đánh giá Chỉ số cải cách hành chính năm %d — %s",
                                              p->assessment->year, p->unit->name);
    g_autofree char *subject = g_strdup_printf ("Chỉ số cải cách hành chính (PAR Index) năm %d: bảng "
                                                "tổng hợp, giải trình và tài liệu kiểm chứng%s",
                                                p->assessment->year,
                                                par_framework_is_sample (p->fw) ? " (MẪU)" : "");
    g_autofree char *keywords = g_strdup_printf ("CCHC; PAR Index; %d; %s", p->assessment->year,
                                                 par_framework_get_id (p->fw));

    par_pdf_writer_set_info (w, "Title", title);
    par_pdf_writer_set_info (w, "Author", p->unit->name);
    par_pdf_writer_set_info (w, "Subject", subject);
    par_pdf_writer_set_info (w, "Keywords", keywords);
    par_pdf_writer_set_info (w, "Creator", "Parscore");
    par_pdf_writer_set_dates (w, p->now, p->now);
    par_pdf_writer_set_language (w, "vi");
  }
  report_progress (p, PAR_PACK_STAGE_FINISHING, 0, 1, NULL);
  if (check_cancel (p, error) || !par_pdf_writer_finish (w, p->cancellable, error))
    goto out;

  p->work_done = p->work_total;
  report_progress (p, PAR_PACK_STAGE_FINISHING, 1, 1, NULL);
  g_debug ("pack: manifest, outline, links and page numbers in %.0f ms; %.0f ms in all",
           (g_get_monotonic_time () - t1) / 1000.0, (g_get_monotonic_time () - t0) / 1000.0);
  p->report->n_pages = par_pdf_writer_get_n_pages (w);
  p->report->n_documents = p->docs->len;
  if (report != NULL)
    *report = g_steal_pointer (&p->report);
  ok = TRUE;

out:
  if (c != NULL)
    pack_canvas_free (c);
  g_clear_pointer (&w, par_pdf_writer_free);   /* unfinished: the temporary output goes */
  pack_clear (p);
  return ok;
}
