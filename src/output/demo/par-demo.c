/* par-demo.c — a demo database built from the real figures in the PAR primer.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo unit is an industrial-zone management board scored with the shipped sample set for
 * 2020–2022. Year 2020 carries the figures the Đồng Nai board published for H1 2020 (5,112
 * procedure files received with 252 carried over, 4,898 resolved of which 4,891 on time and 7
 * late, 214 pending; 09/09 units inspected, 35 legal and 15 PAR news items, 55 hotline calls
 * handled) and its real plans (01, 05, 06, 07/KH-KCNĐN); every other figure is generated
 * deterministically, improving year by year. Four peer departments get a 2020 assessment so the
 * ranking has company. Everything here goes through the public store API, like the app.
 *
 * The set is format 2 with the office's books: what a rule reads from a register's figures (the
 * plan's tasks of 1.1.1 and 1.1.3, the reports of 1.2.1, the procedure statistics of 3.3.1–3.3.3,
 * the survey forms of 8.3.2) is written as register rows that give the drawn values
 * (par-demo-books.c), an entered figure as values per half-year, the rest as the entries' inputs.
 * The values drawn are the same either way (one draw per rule, in the same order), so a format-1
 * copy of the set (tests/core/data/sample-department-1.xml) gives the same scores for every
 * stored year — but where the books cannot disagree with themselves: the late files of 3.3.2
 * are the files resolved less those on time (3.3.1), its apologies are drawn over them.
 */
#define _GNU_SOURCE 1   /* renameat2 (RENAME_NOREPLACE) */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "par-core.h"
#include "par-demo.h"
#include "par-demo-private.h"

#define DEMO_BOARD "Ban Quản lý các Khu công nghiệp Đồng Nai"
/* Unlocking needs a reason in the audit log: the demo links evidence after appraisal. */
#define DEMO_UNLOCK_REASON "Bổ sung tài liệu kiểm chứng"

typedef struct {
  const char *code;
  const char *inputs;   /* "id=value;id=value" canonical values */
} Figure;

/* The real 2020 figures (H1 2020 report of the Đồng Nai board, plans of January 2020). */
static const Figure figures_2020[] = {
  { "1.1.1", "issued=2020-01-14;deadline=2020-01-31" },  /* KH 01/KH-KCNĐN, 14/01/2020 */
  { "1.3.2", "checked=9;planned=9" },                     /* 09/09 units inspected */
  { "1.4.2", "items=15" },                                /* 15 PAR news items */
  { "2.4.2", "items=35" },                                /* 35 legal news items */
  { "3.3.1", "on_time=9836;resolved=9848" },              /* the year: H1 4,891 of 4,898 on time */
  { "3.3.2", "apologised=12;late=12" },                   /* every late file apologised for */
  { "3.5.2", "handled=55;received=55" },                  /* 55 calls through the 1022 hotline */
};

/* Later years: the plans' real issue dates of the demo documents below, and procedure counts of
 * the same order as 2020 (generated, not published figures). */
static const Figure figures_2021[] = {
  { "1.1.1", "issued=2021-01-12;deadline=2021-01-31" },
  { "3.3.1", "on_time=5206;resolved=5223" },
};
static const Figure figures_2022[] = {
  { "1.1.1", "issued=2022-01-10;deadline=2022-01-31" },
  { "3.3.1", "on_time=5388;resolved=5405" },
};

/* The procedure files per half-year, when they are figures of the set (format 2; the entries'
 * values above then name no input of the leaf and are left out). H1 2020 is the board's 6-month report:
 * 5,112 received (252 carried over from 2019), 4,898 resolved, 4,891 on time (99.9 %), 7 late,
 * 214 pending. H2 2020 and the later years are generated, of the same order: the 214 pending at
 * mid-year are not received again in H2, so the year's received = resolved + pending. */
typedef struct {
  int         year;
  const char *figure;
  const char *h1;
  const char *h2;
} HalfYears;

static const HalfYears real_half_years[] = {
  { 2020, "files_resolved", "4898", "4950" },
  { 2020, "files_on_time",  "4891", "4945" },
  { 2020, "files_late",     "7",    "5" },
  { 2021, "files_on_time",  "2603", "2603" },   /* 5,206 of 5,223 on time, 17 late */
  { 2021, "files_resolved", "2611", "2612" },
  { 2022, "files_on_time",  "2694", "2694" },   /* 5,388 of 5,405 on time, 17 late */
  { 2022, "files_resolved", "2702", "2703" },
};

typedef struct {
  const char *kind;
  const char *number;
  const char *date;
  const char *issuer;
  const char *summary;
  const char *codes;      /* "1.1.1,1.1.2" */
  const char *section;
  const char *pages;
  int         attach;     /* 0 none, 1 text PDF, 2 scanned image */
} DemoDoc;

static const DemoDoc docs_2020[] = {
  { "KH", "01/KH-KCNĐN", "2020-01-14", DEMO_BOARD, "Kế hoạch cải cách hành chính năm 2020",
    "1.1.1,1.1.2,1.1.3", NULL, NULL, 1 },
  { "KH", "05/KH-KCNĐN", "2020-01-21", DEMO_BOARD,
    "Kế hoạch kiểm tra CCHC, kiểm soát TTHC, đánh giá ISO, phòng chống tham nhũng năm 2020",
    "1.3.1,1.3.2", "Mục II", "2", 1 },
  { "KH", "06/KH-KCNĐN", "2020-01-21", DEMO_BOARD,
    "Kế hoạch thông tin, tuyên truyền cải cách hành chính năm 2020", "1.4.1,1.4.2", NULL, NULL, 1 },
  { "KH", "07/KH-KCNĐN", "2020-02-03", DEMO_BOARD,
    "Kế hoạch theo dõi tình hình thi hành pháp luật năm 2020", "2.3.1,2.3.2", NULL, NULL, 2 },
  { "KH", "436/KH-UBND", "2020-01-14", "Ủy ban nhân dân tỉnh Đồng Nai",
    "Kế hoạch theo dõi tình hình thi hành pháp luật năm 2020 trên địa bàn tỉnh", "2.3.1",
    "Mục III.2", "4-5", 0 },
  { "BC", "BC 6 tháng/KCNĐN", "2020-06-15", DEMO_BOARD,
    "Báo cáo kết quả thực hiện CCHC, kiểm soát TTHC 6 tháng đầu năm 2020",
    "1.2.1,1.2.2,3.3.1,3.3.2,3.5.2,1.4.2,2.4.2", "Phần I", "1-3", 1 },
};

/* --- attachments: small PDFs and a "scan", drawn here so the demo ships no binaries ---------- */

static gboolean
draw_document_pdf (const char    *path,
                   const DemoDoc *doc,
                   int            year,
                   gboolean       scanned,
                   GError       **error)
{
  const double w = 595.28, h = 841.89;  /* A4 in points */
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoLayout *layout;
  PangoFontDescription *font;
  g_autofree char *header = NULL;
  g_autofree char *body = NULL;
  cairo_status_t status;

  header = g_strdup_printf ("<b>%s</b>\nSố: %s\n\n<b><big>%s</big></b>", doc->issuer, doc->number,
                            doc->summary);
  body = g_strdup_printf ("Căn cứ kế hoạch cải cách hành chính của tỉnh năm %d, đơn vị xây dựng "
                          "văn bản này để triển khai các nhiệm vụ được giao, phân công rõ trách "
                          "nhiệm của từng phòng, đơn vị và thời hạn hoàn thành.\n\n"
                          "I. MỤC ĐÍCH, YÊU CẦU\n1. Tổ chức thực hiện đầy đủ, đúng tiến độ.\n"
                          "2. Có sản phẩm cụ thể, đo lường được.\n\nII. NỘI DUNG\n"
                          "(Tài liệu minh họa do Parscore tạo cho cơ sở dữ liệu mẫu.)", year);

  if (scanned)
    {
      /* A "scan": the page drawn to a greyish raster, then placed as an image. */
      cairo_surface_t *img = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 827, 1169);
      cairo_t *icr = cairo_create (img);
      cairo_set_source_rgb (icr, 0.96, 0.95, 0.92);
      cairo_paint (icr);
      cairo_scale (icr, 827 / w, 1169 / h);
      cairo_set_source_rgb (icr, 0.15, 0.15, 0.2);
      layout = pango_cairo_create_layout (icr);
      font = pango_font_description_from_string ("DejaVu Serif 11");
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) ((w - 144) * PANGO_SCALE));
      pango_layout_set_markup (layout, header, -1);
      cairo_move_to (icr, 72, 72);
      pango_cairo_show_layout (icr, layout);
      pango_layout_set_attributes (layout, NULL);  /* the header's markup must not leak into the body */
      pango_layout_set_text (layout, body, -1);
      cairo_move_to (icr, 72, 260);
      pango_cairo_show_layout (icr, layout);
      g_object_unref (layout);
      pango_font_description_free (font);
      cairo_destroy (icr);

      surface = cairo_pdf_surface_create (path, w, h);
      cr = cairo_create (surface);
      cairo_scale (cr, w / 827, h / 1169);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (img);
    }
  else
    {
      surface = cairo_pdf_surface_create (path, w, h);
      cr = cairo_create (surface);
      for (int page = 0; page < 2; page++)
        {
          layout = pango_cairo_create_layout (cr);
          font = pango_font_description_from_string ("DejaVu Serif 11");
          pango_layout_set_font_description (layout, font);
          pango_layout_set_width (layout, (int) ((w - 144) * PANGO_SCALE));
          cairo_set_source_rgb (cr, 0, 0, 0);
          if (page == 0)
            {
              pango_layout_set_markup (layout, header, -1);
              cairo_move_to (cr, 72, 72);
              pango_cairo_show_layout (cr, layout);
            }
          pango_layout_set_attributes (layout, NULL);  /* the header's markup must not leak into the body */
          pango_layout_set_text (layout, body, -1);
          cairo_move_to (cr, 72, page == 0 ? 260 : 72);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
          pango_font_description_free (font);
          cairo_show_page (cr);
        }
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, "%s: %s", path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* --- generated entries ----------------------------------------------------------------------- */

/* The year's figure values as they are drawn: per half-year, and each figure's year total. A
 * figure is written once: the first rule to draw it (or the real figures) sets it. */
typedef struct {
  ParFramework    *fw;
  ParFigureValues *values;
  GHashTable      *totals;   /* figure id → gint64 *, the year's sum */
  ParDemoBooks     books;    /* what the register rows must give */
  GHashTable      *rows;     /* register id → ParRegisterRows, from books */
  ParFigureResult *result;   /* the figures with the rows so far */
} DemoFigures;

static void
demo_figures_clear (DemoFigures *figs)
{
  g_clear_pointer (&figs->values, par_figure_values_unref);
  g_clear_pointer (&figs->totals, g_hash_table_unref);
  g_clear_pointer (&figs->rows, g_hash_table_unref);
  g_clear_pointer (&figs->result, par_figure_result_unref);
}

/* The figures after a leaf's draw: the registers' rows rebuilt from what was drawn so far. */
static ParFigureResult *
demo_figures_update (DemoFigures *figs)
{
  g_clear_pointer (&figs->result, par_figure_result_unref);
  if (par_framework_get_format_version (figs->fw) < 2)
    return NULL;
  if (par_framework_get_registers (figs->fw)->len > 0)
    {
      g_clear_pointer (&figs->rows, g_hash_table_unref);
      figs->books.totals = figs->totals;
      figs->rows = par_demo_books_rows (figs->fw, &figs->books);
    }
  figs->result = par_figures_evaluate_with_rows (figs->fw, figs->values, figs->rows);
  return figs->result;
}

static const ParFigure *
register_figure (DemoFigures *figs,
                 const char  *id)
{
  const ParFigure *figure = par_framework_lookup_figure (figs->fw, id);
  return figure != NULL && figure->reg != NULL ? figure : NULL;
}

static gboolean
demo_figure_total (DemoFigures *figs,
                   const char  *id,
                   gint64      *total)
{
  gint64 *v = g_hash_table_lookup (figs->totals, id);

  if (v != NULL)
    *total = *v;
  return v != NULL;
}

static void
demo_figure_set (DemoFigures *figs,
                 const char  *id,
                 gint64       h1,
                 gint64       h2)
{
  g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT, h1);
  g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT, h2);
  gint64 *total = g_new (gint64, 1);

  if (g_hash_table_contains (figs->totals, id))
    {
      g_free (total);
      return;
    }
  *total = h1 + h2;
  g_hash_table_insert (figs->totals, g_strdup (id), total);
  if (register_figure (figs, id) != NULL)
    return;   /* computed from the register's rows, which are made to give the total */
  par_figure_values_set (figs->values, id, "h1", a);
  par_figure_values_set (figs->values, id, "h2", b);
}

/* Whether @id is an input of the leaf itself, not a figure of the set its rule reads
 * (par_node_find_input() finds both). */
static gboolean
own_input (const ParNode *leaf,
           const char    *id)
{
  for (guint i = 0; i < leaf->inputs->len; i++)
    if (g_str_equal (((const ParInput *) g_ptr_array_index (leaf->inputs, i))->id, id))
      return TRUE;
  return FALSE;
}

/* Whether the leaf's rule reads the set's figure @id. */
static gboolean
leaf_reads (const ParNode *leaf,
            const char    *id)
{
  for (guint i = 0; leaf->figures != NULL && i < leaf->figures->len; i++)
    if (g_str_equal (((const ParFigure *) g_ptr_array_index (leaf->figures, i))->id, id))
      return TRUE;
  return FALSE;
}

/* A register figure's value with the rows made so far, when they give one. */
static gboolean
demo_rows_give (DemoFigures *figs,
                const char  *id,
                gint64      *value)
{
  const ParFigure *figure = register_figure (figs, id);
  const char *text;

  if (figure == NULL || figs->result == NULL ||
      (text = par_figure_result_get_canonical (figs->result, figure)) == NULL)
    return FALSE;
  *value = g_ascii_strtoll (text, NULL, 10);
  return TRUE;
}

/* A rule's value: the leaf's own input, or a figure of the set split over the half-years. */
static void
demo_set_value (const ParNode *leaf,
                ParEntry      *entry,
                DemoFigures   *figs,
                const char    *id,
                gint64         value)
{
  if (own_input (leaf, id))
    {
      g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);
      par_entry_set_input (entry, id, v);
    }
  else
    demo_figure_set (figs, id, value / 2, value - value / 2);
}

static char *
fmt_hundredths (gint64 v)
{
  char buf[PAR_POINTS_FORMAT_SIZE];
  return g_strdup (par_points_format (v, buf));
}

static void
generate_inputs (const ParNode *leaf,
                 ParEntry      *entry,
                 DemoFigures   *figs,
                 double         q,
                 int            year,
                 GRand         *rand)
{
  const ParRule *rule = leaf->rule;
  double r = g_rand_double (rand);

  switch (rule->type)
    {
    case PAR_RULE_MANUAL:
      {
        gint64 steps = leaf->max / rule->step;
        gint64 n = (gint64) floor (steps * MIN (1.0, q + 0.15 * (r - 0.3)) + 0.5);
        entry->has_self = TRUE;
        entry->self = CLAMP (n, 0, steps) * rule->step;
        break;
      }
    case PAR_RULE_YES_NO:
      par_entry_set_input (entry, rule->input, r < 0.55 + 0.45 * q ? "true" : "false");
      break;
    case PAR_RULE_CONDITIONAL:
      /* 1.1.1 from the plan's tasks: issued by the deadline as the timeliness rule drew it. */
      if (register_figure (figs, "plan_issued_on_time") != NULL &&
          leaf_reads (leaf, "plan_issued_on_time"))
        figs->books.plan_on_time = r < q + 0.1 ? 1 : 0;
      break;
    case PAR_RULE_TIMELINESS:
      if (rule->status != NULL)
        par_entry_set_input (entry, rule->status, r < q + 0.1 ? "on-time" : r < 0.97 ? "late" : "not-done");
      else
        {
          g_autofree char *deadline = g_strdup_printf ("%d-01-31", year);
          g_autofree char *done = g_strdup_printf ("%d-%s", year, r < q + 0.1 ? "01-20" : "02-12");
          par_entry_set_input (entry, rule->deadline, deadline);
          par_entry_set_input (entry, rule->date, done);
        }
      break;
    case PAR_RULE_RATIO_TIERS:
    case PAR_RULE_PROPORTIONAL:
      if (rule->percent != NULL)
        {
          gint64 pct = (gint64) (100 * (68 + 32 * MIN (1.0, q + 0.1 * (r - 0.4))));
          g_autofree char *v = fmt_hundredths (CLAMP (pct, 0, 10000));
          if (own_input (leaf, rule->percent))
            par_entry_set_input (entry, rule->percent, v);
          else
            demo_figure_set (figs, rule->percent, CLAMP (pct, 0, 10000), 0);
        }
      else
        {
          gint64 den = 8 + g_rand_int_range (rand, 0, 120);
          gint64 num = (gint64) floor (den * MIN (1.0, 0.62 + 0.38 * q + 0.08 * (r - 0.3)));
          const ParInput *in = par_node_find_input (leaf, rule->numerator);
          gint64 known;

          num = CLAMP (num, 0, den);
          if (in != NULL && in->type == PAR_INPUT_DECIMAL)
            {
              g_autofree char *a = g_strdup_printf ("%" G_GINT64_FORMAT ".00", num);
              g_autofree char *b = g_strdup_printf ("%" G_GINT64_FORMAT ".00", den);
              par_entry_set_input (entry, rule->numerator, a);
              par_entry_set_input (entry, rule->denominator, b);
              break;
            }
          /* A denominator figure another rule has set already (3.3.3's files resolved, after
           * 3.3.1), or that a register's rows give already for a count of the leaf's own
           * (3.3.2's apologies over the late files: the files resolved less those on time):
           * the drawn share is kept, over that figure. */
          if (!own_input (leaf, rule->denominator) &&
              demo_figure_total (figs, rule->denominator, &known) && known > 0)
            num = num * known / den, den = known;
          else if (own_input (leaf, rule->numerator) && !own_input (leaf, rule->denominator) &&
                   demo_rows_give (figs, rule->denominator, &known))
            {
              /* Rounded, but on the same side of nothing and of all as the draw, so the
               * leaf stays scored below or at its maximum as drawn (and what is drawn after
               * it stays the same). */
              gint64 share = known > 0 ? (num * known + den / 2) / den : 0;
              if (num > 0 && known > 0)
                share = MAX (share, 1);
              if (num < den && known > 0)
                share = MIN (share, known - 1);
              num = num >= den ? known : share, den = known;
            }
          demo_set_value (leaf, entry, figs, rule->numerator, num);
          demo_set_value (leaf, entry, figs, rule->denominator, den);
        }
      break;
    case PAR_RULE_COUNT_TIERS:
      {
        const ParTier *top = &g_array_index (rule->tiers, ParTier, 0);
        gint64 count = (gint64) floor ((top->bound + (top->inclusive ? 0 : 1)) *
                                       MIN (1.2, q + 0.25 * r));
        demo_set_value (leaf, entry, figs, rule->input, MAX (count, 0));
        break;
      }
    case PAR_RULE_CHOICE:
      {
        const ParInput *in = par_node_find_input (leaf, rule->input);
        guint n = in->options->len;
        guint pick = MIN (n - 1, (guint) floor ((1.0 - MIN (1.0, q + 0.2 * r)) * n));
        par_entry_set_input (entry, rule->input, ((ParOption *) g_ptr_array_index (in->options, pick))->value);
        break;
      }
    case PAR_RULE_PER_COUNT:
      par_entry_set_input (entry, rule->input, r < 0.8 * (1 - q) ? "1" : "0");
      break;
    case PAR_RULE_SURVEY:
    default:
      break;
    }
}

/* The real values of the leaf's own inputs (a value of a set's figure is in real_half_years). */
static void
apply_figures (const ParNode *leaf,
               ParEntry      *entry,
               const char    *inputs)
{
  g_auto(GStrv) pairs = g_strsplit (inputs, ";", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      if (own_input (leaf, kv[0]))
        par_entry_set_input (entry, kv[0], kv[1]);
    }
}

/* Entries for one unit × year; the council's columns when @council is set. @figures_out, when
 * given, receives the year's figure values (format 2), @rows_out its register rows (register id
 * → ParRegisterRows). */
static GPtrArray *
make_entries (ParFramework     *fw,
              double            q,
              int               year,
              guint32           seed,
              gboolean          real_figures,
              gboolean          council,
              ParFigureValues **figures_out,
              GHashTable      **rows_out)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  GPtrArray *leaves = par_framework_get_leaves (fw);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  DemoFigures figs = { fw, par_figure_values_new (),
                       g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
                       { year, real_figures, -1, NULL }, NULL, NULL };

  for (guint f = 0; real_figures && f < G_N_ELEMENTS (real_half_years); f++)
    if (real_half_years[f].year == year &&
        par_framework_lookup_figure (fw, real_half_years[f].figure) != NULL)
      demo_figure_set (&figs, real_half_years[f].figure,
                       g_ascii_strtoll (real_half_years[f].h1, NULL, 10),
                       g_ascii_strtoll (real_half_years[f].h2, NULL, 10));

  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      ParEntry *entry = par_entry_new (leaf->code);
      ParScoreContext context = { year, NULL, NULL };
      ParLeafScore s;

      generate_inputs (leaf, entry, &figs, q, year, rand);
      for (guint f = 0; real_figures && year == 2020 && f < G_N_ELEMENTS (figures_2020); f++)
        if (g_str_equal (figures_2020[f].code, leaf->code))
          apply_figures (leaf, entry, figures_2020[f].inputs);
      for (guint f = 0; real_figures && year == 2021 && f < G_N_ELEMENTS (figures_2021); f++)
        if (g_str_equal (figures_2021[f].code, leaf->code))
          apply_figures (leaf, entry, figures_2021[f].inputs);
      for (guint f = 0; real_figures && year == 2022 && f < G_N_ELEMENTS (figures_2022); f++)
        if (g_str_equal (figures_2022[f].code, leaf->code))
          apply_figures (leaf, entry, figures_2022[f].inputs);

      context.figures = demo_figures_update (&figs);
      par_rule_evaluate_with (leaf, entry, &context, FALSE, &s);
      if (s.state == PAR_SCORE_SCORED && s.self < leaf->max && g_rand_double (rand) < 0.5)
        entry->explanation = g_strdup ("Một số nhiệm vụ chưa hoàn thành đúng tiến độ do "
                                       "thay đổi nhân sự; đã bổ sung trong quý IV.");
      if (council)
        {
          if (leaf->rule->type == PAR_RULE_SURVEY)
            {
              entry->has_survey = TRUE;
              entry->survey = (ParPoints) floor (leaf->max * MIN (1.0, 0.62 + 0.3 * q +
                                                 0.1 * g_rand_double (rand)) / 5) * 5;
            }
          else if (s.state == PAR_SCORE_SCORED && s.self > 0 && g_rand_double (rand) < 0.12)
            {
              /* The council took a quarter of a point off where evidence was thin. */
              entry->has_appraised = TRUE;
              entry->appraised = MAX (0, s.self - MIN (25, s.self));
              entry->comment = g_strdup ("Tài liệu kiểm chứng chưa đầy đủ.");
            }
        }
      par_leaf_score_clear (&s);
      g_ptr_array_add (entries, entry);
    }
  if (figures_out != NULL)
    *figures_out = par_figure_values_ref (figs.values);
  if (rows_out != NULL)
    *rows_out = figs.rows != NULL ? g_hash_table_ref (figs.rows) : NULL;
  demo_figures_clear (&figs);
  return entries;
}

static void
add_change (const char *figure_id,
            const char *part_key,
            const char *value,
            gpointer    changes)
{
  g_ptr_array_add (changes, par_figure_change_new (figure_id, part_key, value));
}

static gboolean
save_figures (ParStore         *store,
              gint64            assessment_id,
              ParFigureValues  *values,
              GError          **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);

  par_figure_values_foreach (values, add_change, changes);
  return changes->len == 0 ||
         par_store_set_figure_values (store, assessment_id, changes, FALSE, error);
}

/* The register rows, in the set's order of registers. */
static gboolean
save_rows (ParStore      *store,
           gint64         assessment_id,
           ParFramework  *fw,
           GHashTable    *rows,
           GError       **error)
{
  GPtrArray *registers = par_framework_get_registers (fw);

  for (guint i = 0; rows != NULL && i < registers->len; i++)
    {
      const ParRegister *reg = g_ptr_array_index (registers, i);
      ParRegisterRows *r = g_hash_table_lookup (rows, reg->id);

      if (r != NULL &&
          !par_store_set_register_rows (store, assessment_id, reg->id, r, FALSE, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_documents (ParStore       *store,
               gint64          assessment_id,
               int             year,
               const DemoDoc  *docs,
               guint           n_docs,
               const char     *tmpdir,
               GError        **error)
{
  for (guint i = 0; i < n_docs; i++)
    {
      const DemoDoc *d = &docs[i];
      ParDocument doc = { 0, (char *) d->kind, (char *) d->number, (char *) d->date,
                          (char *) d->issuer, (char *) d->summary };
      g_auto(GStrv) codes = g_strsplit (d->codes, ",", -1);
      gint64 doc_id = par_store_add_document (store, &doc, error);

      if (doc_id <= 0)
        return FALSE;
      for (guint c = 0; codes[c] != NULL; c++)
        {
          ParEvidenceLink link = { doc_id, assessment_id, codes[c], (char *) d->section,
                                   (char *) d->pages };
          if (!par_store_link_evidence (store, &link, error))
            return FALSE;
        }
      if (d->attach != 0)
        {
          g_autofree char *safe = g_strdelimit (g_strdup (d->number), "/ ", '-');
          g_autofree char *name = g_strdup_printf ("%s-%d.pdf", safe, year);
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);
          if (!draw_document_pdf (path, d, year, d->attach == 2, error) ||
              par_store_attach_file (store, doc_id, path, NULL, error) <= 0)
            return FALSE;
        }
    }
  return TRUE;
}

/* The annual PAR report backs whatever no specific document backs yet: that is how real
 * dossiers read. With @gaps, every eleventh such item is left without evidence, so a draft year
 * shows what still blocks its submission. */
static gboolean
add_annual_report (ParStore      *store,
                   gint64         assessment_id,
                   int            year,
                   ParFramework  *fw,
                   gboolean       gaps,
                   GError       **error)
{
  g_autofree char *number = g_strdup_printf ("%d/BC-KCNĐN", 180 + (year - 2020) * 7);
  g_autofree char *date = g_strdup_printf ("%d-12-05", year);
  g_autofree char *summary = g_strdup_printf ("Báo cáo kết quả thực hiện công tác cải cách "
                                              "hành chính năm %d", year);
  ParDocument doc = { 0, (char *) "BC", number, date, (char *) DEMO_BOARD, summary };
  g_autoptr(GPtrArray) links = par_store_list_evidence (store, assessment_id, NULL, error);
  g_autoptr(GHashTable) linked = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *leaves = par_framework_get_leaves (fw);
  gint64 doc_id;
  guint unbacked = 0;

  if (links == NULL || (doc_id = par_store_add_document (store, &doc, error)) <= 0)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    g_hash_table_add (linked, ((ParEvidenceLink *) g_ptr_array_index (links, i))->code);
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      g_autofree char *section = NULL;
      ParEvidenceLink link = { doc_id, assessment_id, leaf->code, NULL, NULL };

      if (leaf->rule->type == PAR_RULE_SURVEY || g_hash_table_contains (linked, leaf->code))
        continue;
      if (gaps && unbacked++ % 11 == 5)
        continue;
      section = g_strdup_printf ("Mục %s", leaf->parent != NULL && leaf->parent->code != NULL
                                           ? leaf->parent->code : leaf->code);
      link.section = section;
      if (!par_store_link_evidence (store, &link, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
add_year (ParStore      *store,
          gint64         unit_id,
          gint64         fw_row,
          ParFramework  *fw,
          int            year,
          double         q,
          guint32        seed,
          gboolean       real,
          ParStatus      status,
          GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) council = NULL;
  g_autoptr(ParFigureValues) figures = NULL;
  g_autoptr(GHashTable) rows = NULL;
  gint64 id = par_store_create_assessment (store, unit_id, year, fw_row, error);

  if (id <= 0)
    return -1;
  /* Self-assessment first (draft), then the council's columns after submission — the order a
   * real year goes through, so the audit log reads right. */
  entries = make_entries (fw, q, year, seed, real, FALSE, &figures, &rows);
  /* A draft year is the one being kept: its books look as they do at mid-year (about half the
   * plan done, some tasks overdue or due soon, the later reports not sent yet). */
  if (status == PAR_STATUS_DRAFT && rows != NULL)
    {
      g_autofree char *today = par_demo_books_mid_year (year);
      par_demo_books_at (fw, rows, today);
    }
  if (!par_store_save_entries (store, id, entries, error) ||
      !save_figures (store, id, figures, error) ||
      !save_rows (store, id, fw, rows, error))
    return -1;
  if (status == PAR_STATUS_DRAFT)
    return id;
  if (!par_store_set_status (store, id, PAR_STATUS_SUBMITTED, error))
    return -1;
  council = make_entries (fw, q, year, seed, real, TRUE, NULL, NULL);
  for (guint i = 0; i < council->len; i++)
    {
      ParEntry *e = g_ptr_array_index (council, i);
      if ((e->has_appraised || e->has_survey) &&
          !par_store_save_council_scores (store, id, e, error))
        return -1;
    }
  if (status == PAR_STATUS_APPRAISED && !par_store_set_status (store, id, PAR_STATUS_APPRAISED, error))
    return -1;
  return id;
}

/* --- filling the staged database --------------------------------------------------------------- */

typedef struct {
  ParStore         *store;
  ParFramework     *fw;
  gint64            fw_row;
  const char       *files;        /* where the attachments are drawn before they are stored */
  GCancellable     *cancellable;
  ParDemoProgress   progress;
  gpointer          user_data;
  guint             step;
} Demo;

#define DEMO_STEPS 14

/* After each step: progress, and a chance to stop. */
static gboolean
step_done (Demo    *d,
           GError **error)
{
  d->step++;
  if (d->progress != NULL)
    d->progress (MIN (1.0, (double) d->step / DEMO_STEPS), d->user_data);
  if (g_cancellable_is_cancelled (d->cancellable))
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_CANCELLED,
                           _("The demo database was not created: cancelled."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fill (Demo    *d,
      GError **error)
{
  static const struct { const char *name; double q; } peers[] = {
    { "Văn phòng Ủy ban nhân dân tỉnh", 0.93 },
    { "Sở Nội vụ", 0.88 },
    { "Sở Tài chính", 0.80 },
    { "Thanh tra tỉnh", 0.66 },
  };
  static const DemoDoc docs_later[] = {
    { "KH", "03/KH-KCNĐN", "2021-01-12", DEMO_BOARD, "Kế hoạch cải cách hành chính năm 2021",
      "1.1.1,1.1.2,1.1.3", NULL, NULL, 1 },
    { "BC", "BC năm/KCNĐN", "2021-12-08", DEMO_BOARD,
      "Báo cáo kết quả thực hiện cải cách hành chính năm 2021", "1.2.1,1.2.2,3.3.1", "Phần I",
      "1-4", 1 },
  };
  static const DemoDoc docs_2022[] = {
    { "KH", "02/KH-KCNĐN", "2022-01-10", DEMO_BOARD, "Kế hoạch cải cách hành chính năm 2022",
      "1.1.1,1.1.2,1.1.3", NULL, NULL, 1 },
  };
  ParStore *store = d->store;
  ParFramework *fw = d->fw;
  gint64 board, y2020, y2021, y2022;

  if ((d->fw_row = par_store_import_framework (store, fw, error)) <= 0 ||
      (board = par_store_add_unit (store, DEMO_BOARD, PAR_LEVEL_DEPARTMENT, error)) <= 0 ||
      !step_done (d, error))
    return FALSE;
  if ((y2020 = add_year (store, board, d->fw_row, fw, 2020, 0.74, 2020, TRUE,
                         PAR_STATUS_APPRAISED, error)) <= 0 || !step_done (d, error) ||
      (y2021 = add_year (store, board, d->fw_row, fw, 2021, 0.84, 2021, TRUE,
                         PAR_STATUS_APPRAISED, error)) <= 0 || !step_done (d, error) ||
      (y2022 = add_year (store, board, d->fw_row, fw, 2022, 0.92, 2022, TRUE,
                         PAR_STATUS_DRAFT, error)) <= 0 || !step_done (d, error))
    return FALSE;
  /* Evidence is linked while each year is a draft in real life; the store locks submitted
   * years, so the demo unlocks, links and re-locks through the audited status changes. */
  if (!par_store_set_status_with_reason (store, y2020, PAR_STATUS_DRAFT, DEMO_UNLOCK_REASON,
                                         error) ||
      !add_documents (store, y2020, 2020, docs_2020, G_N_ELEMENTS (docs_2020), d->files, error) ||
      !add_annual_report (store, y2020, 2020, fw, FALSE, error) ||
      !par_demo_books_link (store, y2020, fw, error) ||
      !par_store_set_status (store, y2020, PAR_STATUS_APPRAISED, error) || !step_done (d, error) ||
      !par_store_set_status_with_reason (store, y2021, PAR_STATUS_DRAFT, DEMO_UNLOCK_REASON,
                                         error) ||
      !add_documents (store, y2021, 2021, docs_later, G_N_ELEMENTS (docs_later), d->files, error) ||
      !add_annual_report (store, y2021, 2021, fw, FALSE, error) ||
      !par_demo_books_link (store, y2021, fw, error) ||
      !par_store_set_status (store, y2021, PAR_STATUS_APPRAISED, error) || !step_done (d, error) ||
      !add_documents (store, y2022, 2022, docs_2022, G_N_ELEMENTS (docs_2022), d->files, error) ||
      !add_annual_report (store, y2022, 2022, fw, TRUE, error) ||
      !par_demo_books_link (store, y2022, fw, error) || !step_done (d, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (peers); i++)
    {
      gint64 unit = par_store_add_unit (store, peers[i].name, PAR_LEVEL_DEPARTMENT, error);
      if (unit <= 0 ||
          add_year (store, unit, d->fw_row, fw, 2020, peers[i].q, 100 + i, FALSE,
                    PAR_STATUS_APPRAISED, error) <= 0 || !step_done (d, error))
        return FALSE;
    }
  return TRUE;
}

/* --- staging beside the target, and the move into place ------------------------------------------ */

/* The database is built in DIR/.NAME.demo-PID/demo.db (attachments in demo.db.attachments,
 * the files to attach in files/), so the target never exists half made and nothing lands in
 * the temporary folder. `ready` is written once the database is complete and closed; from
 * then on, a run that finds the folder of a dead process finishes the move. */
#define STAGE_DB    "demo.db"
#define STAGE_READY "ready"

static char *
stage_prefix (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  return g_strdup_printf (".%s.demo-", base);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

/* rename(2) that never replaces what is at @to (two demos finishing at once, a file made
 * meanwhile). */
static gboolean
rename_no_replace (const char  *from,
                   const char  *to,
                   GError     **error)
{
  int saved;

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  saved = errno;
  if (saved == EINVAL || saved == ENOSYS)
    {
      /* A file system without RENAME_NOREPLACE: link() refuses to replace for files; a
       * folder is checked first. */
      if (!g_file_test (from, G_FILE_TEST_IS_DIR) && link (from, to) == 0)
        {
          g_unlink (from);
          return TRUE;
        }
      if (g_file_test (from, G_FILE_TEST_IS_DIR) && !g_file_test (to, G_FILE_TEST_EXISTS) &&
          g_rename (from, to) == 0)
        return TRUE;
      saved = errno;
    }
  if (saved == EEXIST || saved == ENOTEMPTY)
    g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                 _("%s exists already; the demo makes a new database: give a path that does "
                   "not exist"), to);
  else
    g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s cannot be moved to %s: %s"), from, to,
                 g_strerror (saved));
  return FALSE;
}

/* Moves what the stage still holds into place: attachments, the write-ahead log when one was
 * kept, the database last. */
static gboolean
move_into_place (const char  *stage,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *db = g_build_filename (stage, STAGE_DB, NULL);
  g_autofree char *att = g_strconcat (db, ".attachments", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *path_att = g_strconcat (path, ".attachments", NULL);
  g_autofree char *path_wal = g_strconcat (path, "-wal", NULL);

  g_unlink (shm);   /* a cache of the log, rebuilt on open */
  return (!g_file_test (att, G_FILE_TEST_EXISTS) || rename_no_replace (att, path_att, error)) &&
         (!g_file_test (wal, G_FILE_TEST_EXISTS) || rename_no_replace (wal, path_wal, error)) &&
         rename_no_replace (db, path, error);
}

static gboolean
pid_alive (const char *digits)
{
  char *end = NULL;
  gint64 pid = g_ascii_strtoll (digits, &end, 10);

  if (end == digits || *end != '\0' || pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (pid == getpid ())
    return FALSE;   /* an earlier run of this same process id, dead long ago */
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* Stages of runs that were killed: finished when they were moving, else removed. Returns
 * whether @path was finished so. */
static gboolean
sweep_stages (const char *dir,
              const char *path)
{
  gboolean finished = FALSE;
  g_autofree char *prefix = stage_prefix (path);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *stage = NULL;
      g_autofree char *ready = NULL;

      if (!g_str_has_prefix (name, prefix) || pid_alive (name + strlen (prefix)))
        continue;
      stage = g_build_filename (dir, name, NULL);
      ready = g_build_filename (stage, STAGE_READY, NULL);
      if (g_file_test (ready, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = NULL;
          if (move_into_place (stage, path, &error))
            finished = TRUE;
          else
            g_debug ("demo: the move of a killed run was not finished: %s", error->message);
        }
      remove_tree (stage);
    }
  return finished;
}

gboolean
par_demo_create (const char       *path,
                 GCancellable     *cancellable,
                 ParDemoProgress   progress,
                 gpointer          user_data,
                 GError          **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *stage_db = NULL;
  g_autofree char *files = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *path_att = NULL;
  g_autofree char *fw_path = NULL;
  g_autoptr(ParFramework) fw = NULL;
  Demo d = { NULL, NULL, 0, NULL, cancellable, progress, user_data, 0 };
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("The folder %s cannot be created: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  if (sweep_stages (dir, path))
    return TRUE;   /* a killed run had built it whole and was moving it into place */
  path_att = g_strconcat (path, ".attachments", NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path_att, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_EXISTS,
                   _("%s exists already; the demo makes a new database: give a path that does "
                     "not exist"), g_file_test (path, G_FILE_TEST_EXISTS) ? path : path_att);
      return FALSE;
    }
  fw_path = par_data_find ("frameworks/sample-department.xml");
  if (fw_path == NULL)
    {
      g_set_error_literal (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                           _("The sample criteria set is not installed "
                             "(frameworks/sample-department.xml)."));
      return FALSE;
    }
  if ((fw = par_framework_load_file (fw_path, error)) == NULL)
    return FALSE;

  prefix = stage_prefix (path);
  stage = g_strdup_printf ("%s/%s%d", dir, prefix, (int) getpid ());
  remove_tree (stage);
  files = g_build_filename (stage, "files", NULL);
  if (g_mkdir_with_parents (files, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("The folder %s cannot be created: %s"), files,
                   g_strerror (saved));
      remove_tree (stage);
      return FALSE;
    }
  stage_db = g_build_filename (stage, STAGE_DB, NULL);
  d.fw = fw;
  d.files = files;
  ok = (d.store = par_store_open (stage_db, error)) != NULL && fill (&d, error);
  g_clear_object (&d.store);   /* closes the connection: the log is checkpointed */
  ready = g_build_filename (stage, STAGE_READY, NULL);
  ok = ok && g_file_set_contents (ready, "", 0, error) && move_into_place (stage, path, error);
  remove_tree (stage);
  return ok;
}
