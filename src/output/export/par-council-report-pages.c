/* par-council-report-pages.c — the council report's pages, drawn on the pack's canvas: the
 * cover, the ranking, the fields' averages and spread, the sub-criteria where most points were
 * lost, and a page per unit with the self-assessed against final chart and what changed.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "par-chart.h"
#include "par-council-report-private.h"

/* --- pieces ---------------------------------------------------------------------------------- */

/* The report has no links inside. */
static const PackTargetRef no_target = { PACK_TARGET_NONE, 0 };

static void
running_header (PackCanvas *c,
                gpointer    data)
{
  Report *r = data;
  g_autofree char *left = pack_esc (r->council);
  /* TRANSLATORS: the header of every page of the council's report: year, round */
  g_autofree char *right = g_strdup_printf (_("PAR Index %d · report of round %" PRId64),
                                            r->round->year, r->round->id);
  g_autofree char *right_markup = g_markup_escape_text (right, -1);
  PangoLayout *l;
  double w;

  cairo_set_source_rgb (c->cr, 0.38, 0.4, 0.44);
  l = pack_layout (c, c->fonts->small, -1, PANGO_ALIGN_RIGHT, right_markup);
  w = pack_layout_width (l);
  pack_canvas_draw_layout (c, l, c->page_w - PACK_RIGHT - w, 30);
  g_object_unref (l);
  l = pack_layout (c, c->fonts->small, c->page_w - PACK_LEFT - PACK_RIGHT - w - 16,
                   PANGO_ALIGN_LEFT, left);
  pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
  pack_canvas_draw_layout (c, l, PACK_LEFT, 30);
  g_object_unref (l);
  cairo_set_line_width (c->cr, 0.4);
  cairo_move_to (c->cr, PACK_LEFT, 43);
  cairo_line_to (c->cr, c->page_w - PACK_RIGHT, 43);
  cairo_stroke (c->cr);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
}

/* A new page with a centred title (plain text) and an optional subtitle (plain text). */
static void
section_title (PackCanvas *c,
               const char *title,
               const char *subtitle)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  PangoLayout *l;

  pack_canvas_new_page (c, 0, 0);
  cairo_set_source_rgb (c->cr, 0.08, 0.08, 0.1);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, t);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  if (subtitle != NULL)
    {
      g_autofree char *s = g_markup_escape_text (subtitle, -1);

      pack_canvas_skip (c, 3);
      l = pack_layout (c, c->fonts->italic, PACK_WIDTH, PANGO_ALIGN_CENTER, s);
      pack_canvas_flow (c, l, PACK_LEFT);
      g_object_unref (l);
    }
  pack_canvas_skip (c, 14);
}

/* Table headers are markup: escape the translated words. */
static char **
escaped_headers (const char *const *headers,
                 guint              n)
{
  char **out = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    out[i] = g_markup_escape_text (_(headers[i]), -1);
  return out;
}

/* "2=" for a tie, "2" else; "—" when not ranked */
static char *
rank_text (const ParRankRow *row)
{
  if (row->state != PAR_RANK_RANKED)
    return g_strdup ("—");
  return par_format_rank (row->rank, row->tied);
}

/* As `rank` prints it and the council page shows it (par_format_rank_change()). */
static char *
change_text (const ParRankRow *row)
{
  int change = 0;
  gboolean known = par_rank_row_change (row, &change);

  return par_format_rank_change (known, change);
}

static char *
node_label (const ParNode *node)
{
  g_autofree char *code = pack_esc (node->code);
  g_autofree char *title = pack_esc (node->title);

  return g_strdup_printf ("%s %s", code, title);
}

/* --- cover ----------------------------------------------------------------------------------- */

static void
draw_cover (Report     *r,
            PackCanvas *c)
{
  g_autofree char *council = pack_esc (r->council);
  g_autofree char *title = NULL;
  g_autofree char *set = NULL;
  g_autofree char *round = NULL;
  g_autofree char *iso = g_date_time_format (r->date, "%Y-%m-%d");
  g_autofree char *date = par_format_date_dmy (iso);
  g_autofree char *year = g_strdup_printf ("%d", r->round->year);
  g_autofree char *units = NULL;
  g_autofree char *heading = NULL;
  PangoLayout *l;

  pack_canvas_new_page (c, 0, 0);
  c->y = 150;
  l = pack_layout (c, c->fonts->heading, PACK_WIDTH, PANGO_ALIGN_CENTER, council);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  pack_canvas_skip (c, 60);

  title = g_markup_escape_text (_("Appraisal of the PAR Index"), -1);
  heading = g_strdup_printf ("<span size=\"x-large\">%s</span>", title);
  l = pack_layout (c, c->fonts->title, PACK_WIDTH, PANGO_ALIGN_CENTER, heading);
  pack_canvas_flow (c, l, PACK_LEFT);
  g_object_unref (l);
  pack_canvas_skip (c, 8);
  {
    /* TRANSLATORS: under the cover's title; %d is the year appraised */
    g_autofree char *sub = g_strdup_printf (_("The council’s report on %d"), r->round->year);
    g_autofree char *sub_m = g_markup_escape_text (sub, -1);

    l = pack_layout (c, c->fonts->heading, PACK_WIDTH, PANGO_ALIGN_CENTER, sub_m);
    pack_canvas_flow (c, l, PACK_LEFT);
    g_object_unref (l);
  }
  pack_canvas_skip (c, 70);

  if (r->fw != NULL)
    {
      g_autofree char *t = pack_esc (par_framework_get_title (r->fw));
      g_autofree char *id = pack_esc (par_framework_get_id (r->fw));

      /* TRANSLATORS: beside a criteria set's name on the report's cover: it is only a sample */
      g_autofree char *sample = g_markup_escape_text (_("SAMPLE"), -1);

      set = g_strdup_printf ("%s (%s)%s%s%s", t, id,
                             par_framework_is_sample (r->fw)
                               ? " <span foreground=\"#b3261e\" weight=\"bold\">" : "",
                             par_framework_is_sample (r->fw) ? sample : "",
                             par_framework_is_sample (r->fw) ? "</span>" : "");
    }
  else
    set = pack_esc (r->round->set_id);
  {
    g_autofree char *stage = g_markup_escape_text (par_round_stage_label (r->round->stage), -1);

    round = g_strdup_printf ("%" PRId64 " — %s", r->round->id, stage);
  }
  units = g_strdup_printf (_("%u (%u ranked)"), r->ranking->rows->len, r->ranking->n_ranked);

  pack_key_value (c, _("Criteria set"), set);
  if (r->fw != NULL && par_framework_get_decision_number (r->fw) != NULL)
    {
      g_autofree char *number = pack_esc (par_framework_get_decision_number (r->fw));
      g_autofree char *when = par_format_date_dmy (par_framework_get_decision_date (r->fw));
      g_autofree char *decision = when != NULL && *when != '\0'
                                    ? g_strdup_printf ("%s, %s", number, when) : g_strdup (number);

      pack_key_value (c, _("Decision"), decision);
    }
  pack_key_value (c, _("Year"), year);
  pack_key_value (c, _("Level"), report_level_label (r->round->level));
  pack_key_value (c, _("Round"), round);
  if (r->round->submission_deadline != NULL || r->round->reply_deadline != NULL)
    {
      g_autofree char *d1 = par_format_date_dmy (r->round->submission_deadline);
      g_autofree char *d2 = par_format_date_dmy (r->round->reply_deadline);
      /* TRANSLATORS: the round's deadlines on the report's cover, dates dd/mm/yyyy */
      g_autofree char *text = g_strdup_printf (_("submissions %s, replies %s"),
                                               *d1 != '\0' ? d1 : "—", *d2 != '\0' ? d2 : "—");
      g_autofree char *m = g_markup_escape_text (text, -1);

      pack_key_value (c, _("Deadlines"), m);
    }
  pack_key_value (c, _("Units"), units);
  pack_key_value (c, _("Date"), date);
}

/* --- ranking --------------------------------------------------------------------------------- */

static const PackColumn ranking_columns[] = {
  { 34, PANGO_ALIGN_CENTER },
  { PACK_WIDTH - 34 - 56 - 56 - 60 - 62 - 46, PANGO_ALIGN_LEFT },
  { 56, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 60, PANGO_ALIGN_RIGHT },
  { 62, PANGO_ALIGN_LEFT },
  { 46, PANGO_ALIGN_CENTER },
};
static const char *const ranking_headers[] = {
  N_("Rank"), N_("Unit"), N_("Points"), N_("Max"), N_("Index %"), N_("Band"), N_("Change"),
};

static void
draw_ranking (Report     *r,
              PackCanvas *c)
{
  g_auto(GStrv) headers = escaped_headers (ranking_headers, G_N_ELEMENTS (ranking_headers));
  g_autoptr(GString) unranked = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  gboolean any_not_appraised = FALSE;
  PackTable t;

  subtitle = r->ranking->previous_year > 0
    /* TRANSLATORS: %d is the year before */
    ? g_strdup_printf (_("Final scores by index %%; tied units share a rank; change since %d"),
                       r->ranking->previous_year)
    : g_strdup (_("Final scores by index %; tied units share a rank"));
  section_title (c, _("Ranking"), subtitle);
  r->page_ranking = pack_canvas_global_page (c);
  pack_table_init (&t, c, ranking_columns, G_N_ELEMENTS (ranking_columns),
                   (const char *const *) headers);
  for (guint i = 0; i < r->units->len; i++)
    {
      ReportUnit *u = g_ptr_array_index (r->units, i);
      const ParRankRow *row = u->row;
      g_autofree char *rank = rank_text (row);
      g_autofree char *name = pack_esc (row->unit_name);
      g_autofree char *points = NULL, *max = NULL, *index = NULL, *band = NULL;
      g_autofree char *change = change_text (row);
      const char *cells[7];

      if (row->state == PAR_RANK_RANKED)
        {
          g_autofree char *pct = report_percent (row->index);

          points = report_points (row->points);
          max = report_points (row->max);
          /* a final score the council has not appraised is the unit's own: marked, never
           * passed off as appraised */
          index = g_strdup_printf ("%s%s", pct, row->final_not_appraised ? " †" : "");
          any_not_appraised |= row->final_not_appraised;
        }
      else
        {
          index = g_markup_escape_text (row->state == PAR_RANK_NOT_APPRAISED ? _("not appraised")
                                                                             : _("no result"), -1);
          g_string_append_printf (unranked, "%s%s", unranked->len > 0 ? ", " : "", name);
        }
      if (row->band != NULL)
        band = pack_esc (row->band->name);
      cells[0] = rank, cells[1] = name, cells[2] = points, cells[3] = max;
      cells[4] = index, cells[5] = band, cells[6] = change;
      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0, no_target);
    }
  pack_canvas_skip (c, 8);
  if (any_not_appraised)
    {
      g_autofree char *label = g_markup_escape_text (_("Not appraised: self-assessed score"), -1);
      g_autofree char *text = g_strdup_printf ("† %s", label);

      pack_paragraph (c, c->fonts->small, text, 0, 4);
    }
  if (unranked->len > 0)
    {
      g_autofree char *label = g_markup_escape_text (_("Not ranked (no final result):"), -1);
      g_autofree char *text = g_strdup_printf ("<b>%s</b> %s", label, unranked->str);

      pack_paragraph (c, c->fonts->small, text, 0, 4);
    }
  {
    g_autofree char *note = g_markup_escape_text (
      _("Index % = points ÷ the unit’s applicable maximum: sub-criteria that do not apply to a "
        "unit lower its maximum, so units are ranked by index %, never by raw points."), -1);

    pack_paragraph (c, c->fonts->small, note, 0, 0);
  }
}

/* --- fields ---------------------------------------------------------------------------------- */

static const PackColumn field_columns[] = {
  { PACK_WIDTH - 46 - 52 - 78 - 52 - 60, PANGO_ALIGN_LEFT },
  { 46, PANGO_ALIGN_RIGHT },
  { 52, PANGO_ALIGN_RIGHT },
  { 78, PANGO_ALIGN_CENTER },
  { 52, PANGO_ALIGN_RIGHT },
  { 60, PANGO_ALIGN_RIGHT },
};
static const char *const field_headers[] = {
  N_("Field"), N_("Max"), N_("Average"), N_("Min – max"), N_("Std. dev."), N_("Average index"),
};

static void
draw_fields (Report     *r,
             PackCanvas *c)
{
  g_auto(GStrv) headers = escaped_headers (field_headers, G_N_ELEMENTS (field_headers));
  g_autofree char *subtitle = g_strdup_printf (
    /* TRANSLATORS: %u is the number of units */
    g_dngettext (GETTEXT_PACKAGE, "Final points of each field across %u ranked unit",
                 "Final points of each field across %u ranked units", r->ranking->n_ranked),
    r->ranking->n_ranked);
  PackTable t;

  section_title (c, _("Fields across the units"), subtitle);
  r->page_fields = pack_canvas_global_page (c);
  pack_table_init (&t, c, field_columns, G_N_ELEMENTS (field_columns),
                   (const char *const *) headers);
  for (guint i = 0; i < r->fields->len; i++)
    {
      ReportField *f = &g_array_index (r->fields, ReportField, i);
      g_autofree char *name = node_label (f->node);
      g_autofree char *max = report_points (f->node->max);
      g_autofree char *average = NULL, *range = NULL, *sd = NULL, *index = NULL;
      const char *cells[6];

      if (f->n > 0)
        {
          g_autofree char *lo = report_points (f->min);
          g_autofree char *hi = report_points (f->max);

          average = report_points (f->average);
          range = g_strdup_printf ("%s – %s", lo, hi);
          sd = report_points (f->sd);
        }
      if (f->average_index >= 0)
        index = report_percent (f->average_index);
      cells[0] = name, cells[1] = max, cells[2] = average, cells[3] = range;
      cells[4] = sd, cells[5] = index;
      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0, no_target);
    }
  pack_canvas_skip (c, 8);
  {
    g_autofree char *note = g_markup_escape_text (
      /* xgettext:no-c-format */
      _("Points after appraisal; the standard deviation is the population’s, over the ranked "
        "units. Average index: the mean of each unit’s index % in the field."), -1);

    pack_paragraph (c, c->fonts->small, note, 0, 0);
  }
}

/* --- points lost ----------------------------------------------------------------------------- */

static const PackColumn lost_columns[] = {
  { 22, PANGO_ALIGN_RIGHT },
  { PACK_WIDTH - 22 - 40 - 46 - 58 - 52, PANGO_ALIGN_LEFT },
  { 40, PANGO_ALIGN_RIGHT },
  { 46, PANGO_ALIGN_RIGHT },
  { 58, PANGO_ALIGN_RIGHT },
  { 52, PANGO_ALIGN_RIGHT },
};
static const char *const lost_headers[] = {
  N_("No."), N_("Sub-criterion"), N_("Max"), N_("Units"), N_("Points lost"), N_("Share"),
};

static void
draw_lost (Report     *r,
           PackCanvas *c)
{
  g_auto(GStrv) headers = escaped_headers (lost_headers, G_N_ELEMENTS (lost_headers));
  g_autofree char *total = report_points (r->lost_total);
  g_autofree char *subtitle = g_strdup_printf (
    /* TRANSLATORS: %s is points ("12,50"), %u a number of sub-criteria */
    g_dngettext (GETTEXT_PACKAGE, "%s points lost province-wide on %u sub-criterion",
                 "%s points lost province-wide on %u sub-criteria", r->n_lost_leaves),
    total, r->n_lost_leaves);
  PackTable t;

  section_title (c, _("Where most points were lost"), subtitle);
  r->page_lost = pack_canvas_global_page (c);
  if (r->lost->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (_("No unit lost any point."), -1);

      pack_paragraph (c, c->fonts->body, none, 0, 0);
      return;
    }
  pack_table_init (&t, c, lost_columns, G_N_ELEMENTS (lost_columns),
                   (const char *const *) headers);
  for (guint i = 0; i < r->lost->len; i++)
    {
      ReportLost *l = &g_array_index (r->lost, ReportLost, i);
      g_autofree char *no = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = node_label (l->leaf);
      g_autofree char *max = report_points (l->leaf->max);
      g_autofree char *units = g_strdup_printf ("%u", l->n_units);
      g_autofree char *lost = report_points (l->lost);
      g_autofree char *share = report_percent (par_percent_of (l->lost, r->lost_total));
      const char *cells[] = { no, name, max, units, lost, share };

      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0, no_target);
    }
  pack_canvas_skip (c, 8);
  {
    g_autofree char *note = g_markup_escape_text (
      _("Points lost = the sub-criterion’s applicable maximum − the final score (the appraised "
        "one wherever the council gave one), summed over the ranked units. Share: of all points "
        "lost."), -1);

    pack_paragraph (c, c->fonts->small, note, 0, 0);
  }
}

/* --- a page per unit ------------------------------------------------------------------------- */

static const PackColumn change_columns[] = {
  { 150, PANGO_ALIGN_LEFT },
  { 32, PANGO_ALIGN_RIGHT },
  { 56, PANGO_ALIGN_RIGHT },
  { 52, PANGO_ALIGN_RIGHT },
  { 54, PANGO_ALIGN_RIGHT },
  { PACK_WIDTH - 150 - 32 - 56 - 52 - 54, PANGO_ALIGN_LEFT },
};
static const char *const change_headers[] = {
  N_("Sub-criterion"), N_("Max"), N_("Self-assessed"), N_("Appraised"), N_("Difference"),
  N_("Council’s comment"),
};

static void
draw_unit_chart (Report     *r,
                 ReportUnit *u,
                 PackCanvas *c)
{
  g_autoptr(ParChartModel) model = par_chart_model_new_self_vs_appraised (u->row->result,
                                                                          r->round->year);
  ParChartStyle style;
  /* room for the title, legend and axis, and two lines of a field's name per row */
  double h = 120 + 30.0 * MAX (r->fields->len, 3);

  par_chart_style_init (&style, PAR_CHART_PALETTE_LIGHT);
  style.font_family = r->opts.font_family;
  style.font_size = 9;
  style.scale = 1;
  style.decimal_separator = REPORT_DECIMAL;
  pack_canvas_ensure (c, h);
  cairo_save (c->cr);
  cairo_translate (c->cr, PACK_LEFT, c->y);
  par_chart_render_self_vs_appraised (model, c->cr, PACK_WIDTH, h, &style);
  cairo_restore (c->cr);
  c->y += h + 12;
}

static void
draw_changes (ReportUnit *u,
              PackCanvas *c)
{
  g_auto(GStrv) headers = escaped_headers (change_headers, G_N_ELEMENTS (change_headers));
  g_autofree char *heading = NULL;
  PackTable t;

  heading = g_markup_escape_text (_("Sub-criteria the council changed"), -1);
  pack_canvas_ensure (c, 60);
  pack_paragraph (c, c->fonts->heading, heading, 0, 6);
  if (u->changes->len == 0)
    {
      g_autofree char *none = g_markup_escape_text (
        u->n_appraised > 0 ? _("The council kept every self-assessed score it appraised.")
                           : _("The council has not appraised this unit."), -1);

      pack_paragraph (c, c->fonts->body, none, 0, 0);
      return;
    }
  pack_table_init (&t, c, change_columns, G_N_ELEMENTS (change_columns),
                   (const char *const *) headers);
  for (guint i = 0; i < u->changes->len; i++)
    {
      ReportChange *ch = &g_array_index (u->changes, ReportChange, i);
      g_autofree char *name = node_label (ch->leaf);
      g_autofree char *max = report_points (ch->leaf->max);
      g_autofree char *self = ch->has_self ? report_points (ch->self) : g_strdup ("—");
      g_autofree char *appraised = report_points (ch->appraised);
      g_autofree char *diff = NULL;
      g_autoptr(GString) comment = g_string_new (NULL);
      const char *cells[6];

      if (ch->has_self)
        {
          g_autofree char *d = report_points (ABS (ch->appraised - ch->self));

          diff = g_strdup_printf ("%s%s", ch->appraised < ch->self ? "−" : "+", d);
        }
      if (ch->comment != NULL)
        {
          g_autofree char *text = pack_esc (ch->comment);
          g_string_append (comment, text);
        }
      if (ch->reply != NULL)
        {
          g_autofree char *label = g_markup_escape_text (_("Unit’s reply:"), -1);
          g_autofree char *text = pack_esc (ch->reply);

          g_string_append_printf (comment, "%s<i>%s %s</i>", comment->len > 0 ? "\n" : "",
                                  label, text);
        }
      cells[0] = name, cells[1] = max, cells[2] = self, cells[3] = appraised;
      cells[4] = diff, cells[5] = comment->str;
      pack_table_row (c, &t, cells, PACK_ROW_PLAIN, NULL, 0, no_target);
    }
}

static void
draw_unit (Report     *r,
           ReportUnit *u,
           PackCanvas *c)
{
  const ParRankRow *row = u->row;
  g_autofree char *summary = NULL;

  section_title (c, row->unit_name, NULL);
  u->page = pack_canvas_global_page (c);
  g_assert (row->result != NULL);
  {
    const ParNodeTotal *root = par_result_get_total (row->result, NULL);
    ParScoreColumn columns[] = { PAR_COLUMN_SELF, PAR_COLUMN_FINAL };

    if (row->state == PAR_RANK_RANKED)
      {
        g_autofree char *rank = rank_text (row);
        g_autofree char *change = change_text (row);
        g_autofree char *of = g_strdup_printf (_("%s of %u · change %s"), rank,
                                               r->ranking->n_ranked, change);
        g_autofree char *m = g_markup_escape_text (of, -1);

        pack_key_value (c, _("Rank"), m);
      }
    for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
      {
        g_autofree char *points = report_points (par_node_total_points (root, columns[k]));
        g_autofree char *max = report_points (par_node_total_measured_max (root, columns[k]));
        gint64 index = par_node_total_index (root, columns[k]);
        g_autofree char *pct = index >= 0 ? report_percent (index) : g_strdup ("—");
        const ParBand *band = par_result_get_column_band (row->result, columns[k]);
        g_autofree char *band_name = band != NULL ? pack_esc (band->name) : NULL;
        g_autofree char *value = g_strdup_printf ("%s / %s · %s%s%s", points, max, pct,
                                                  band_name != NULL ? " · " : "",
                                                  band_name != NULL ? band_name : "");

        pack_key_value (c, par_score_column_label (columns[k]), value);
      }
    {
      g_autoptr(GString) status = g_string_new (par_round_unit_state_label (u->state));
      g_autofree char *m = NULL;

      /* late packages are marked, never lost */
      if (u->late)
        g_string_append_printf (status, ", %s", _("submitted late"));
      if (u->reply_late)
        g_string_append_printf (status, ", %s", _("replied late"));
      m = g_markup_escape_text (status->str, -1);
      pack_key_value (c, _("Status"), m);
    }
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u sub-criterion appraised, %u changed",
                                            "%u sub-criteria appraised, %u changed", u->n_appraised),
                               u->n_appraised, u->changes->len);
    pack_key_value (c, _("Appraisal"), summary);
  }
  pack_canvas_skip (c, 8);
  draw_unit_chart (r, u, c);
  draw_changes (u, c);
}

gboolean
report_draw (Report      *r,
             PackCanvas  *c,
             GError     **error)
{
  draw_cover (r, c);
  c->on_page = running_header;
  c->on_page_data = r;
  draw_ranking (r, c);
  draw_fields (r, c);
  draw_lost (r, c);
  for (guint i = 0; i < r->units->len; i++)
    {
      ReportUnit *u = g_ptr_array_index (r->units, i);

      if (g_cancellable_set_error_if_cancelled (r->cancellable, error))
        return FALSE;
      /* a unit without the year is named under the ranking, with no page of its own */
      if (u->row->result != NULL)
        draw_unit (r, u, c);
    }
  return TRUE;
}
