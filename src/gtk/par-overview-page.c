/* par-overview-page.c — the year at a glance.
 *
 * Totals, index % and band come from the core's scorer (never recomputed here); the list of
 * what blocks submission comes from the assessment model. Each row opens its sub-criterion
 * through the window's win.open-code action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-context.h"
#include "par-display.h"
#include "par-overview-page.h"
#include "par-width-bin.h"

/* The checklist shows this many until asked for all: a short list reads faster, and the
 * page opens faster. */
#define FIRST_BLOCKER_ROWS 8

/* The field rows built before the page's first frame when the page opens at its top: at the
 * window's default size the first five are in sight and the sixth just below. The others,
 * and the deductions and bonuses below them, are built right after that frame is on screen
 * (build_rest); a taller page builds what it shows before its frame (build_rest_in_sight). */
#define FIRST_FIELD_ROWS 6

struct _ParOverviewPage
{
  GtkWidget            parent_instance;

  GtkLabel            *unit_label;
  GtkLabel            *set_label;
  GtkWidget           *submit_button;
  GtkWidget           *unlock_button;
  GtkToggleButton     *self_button;
  GtkToggleButton     *appraised_button;
  GtkToggleButton     *final_button;
  GtkLabel            *column_note;
  GtkLabel            *total_title;
  GtkLabel            *index_title;
  GtkLabel            *band_title;
  GtkLabel            *total_label;
  GtkLabel            *total_detail_label;
  GtkLabel            *index_label;
  GtkLevelBar         *index_bar;
  GtkLabel            *band_label;
  GtkLabel            *progress_label;
  AdwPreferencesGroup *blockers_group;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *adjustments_group;

  ParAssessmentModel  *model;
  char                *unit_name;
  GPtrArray           *rows;    /* (widget, group) pairs added by refresh */
  GtkWidget           *last_field_row;
  guint                next_field;      /* the first field whose row is not built yet */
  gboolean             rest_pending;    /* rows out of sight left for after the first frame */
  guint                rest_checks;     /* in-sight checks since the refresh */
  guint                rest_idle;
  gulong               paint_id;
  gboolean             dirty;
  gboolean             all_blockers;
  guint                syncing;   /* > 0 while the column buttons follow the model */
};

G_DEFINE_FINAL_TYPE (ParOverviewPage, par_overview_page, GTK_TYPE_WIDGET)

static void
clear_rows (ParOverviewPage *self)
{
  self->rest_pending = FALSE;
  self->last_field_row = NULL;
  g_clear_handle_id (&self->rest_idle, g_source_remove);
  for (guint i = 0; i + 1 < self->rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->rows, i + 1),
                                  g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (ParOverviewPage     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  /* Rows that open something end with a chevron, after their other suffixes (a field row
   * brings its own). */
  if (ADW_IS_ACTION_ROW (row)
      && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row))
      && gtk_actionable_get_action_name (GTK_ACTIONABLE (row)) != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->rows, group);
}

static GtkWidget *
code_row (const char *code,
          const char *title,
          const char *subtitle)
{
  GtkWidget *row = par_plain_action_row_new ();
  g_autofree char *full = g_strdup_printf ("%s  %s", code, title);
  g_autofree char *name = g_strdup_printf ("%s, %s", full, subtitle != NULL ? subtitle : "");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-code");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", code);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  par_accessible_set_name (row, name);
  return row;
}

static const char *
blocker_reason (ParBlockerKind kind)
{
  switch (kind)
    {
    case PAR_BLOCKER_INVALID:
    case PAR_BLOCKER_REFUSED:
      return _("Its figures are not valid");
    case PAR_BLOCKER_NO_EVIDENCE:
      return _("No evidence linked and no explanation");
    case PAR_BLOCKER_NOT_SCORED:
    default:
      return _("Not scored yet");
    }
}

static void
show_all_blockers (ParOverviewPage *self)
{
  self->all_blockers = TRUE;
  par_overview_page_refresh (self);
}

/* A submitted or appraised year: what changed behind Parscore's back since it was sealed, as the
 * store's seal check names it (par_store_check_seal). FALSE when the year is as sealed. */
static gboolean
fill_seal (ParOverviewPage *self)
{
  ParStore *store = par_context_get_store (par_assessment_model_get_context (self->model));
  g_autoptr(GError) error = NULL;
  g_autoptr(ParSealCheck) check = par_store_check_seal (store, par_assessment_model_get_id (self->model),
                                                        &error);
  GtkWidget *row;
  GtkWidget *icon;

  if (check == NULL)
    {
      g_warning ("Could not check the year's seal: %s", error->message);
      return FALSE;
    }
  if (check->state != PAR_SEAL_BROKEN && check->state != PAR_SEAL_MISSING)
    return FALSE;

  adw_preferences_group_set_description (self->blockers_group, check->summary);
  for (guint i = 0; check->changes != NULL && i < check->changes->len; i++)
    {
      const ParSealChange *change = g_ptr_array_index (check->changes, i);

      row = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), change->description);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->blockers_group, row);
    }
  if (check->changes == NULL || check->changes->len == 0)
    {
      row = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check->summary);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->blockers_group, row);
    }
  return TRUE;
}

static void
fill_blockers (ParOverviewPage *self)
{
  g_autoptr(GPtrArray) blockers = par_assessment_model_get_blockers (self->model);
  gboolean locked = par_assessment_model_is_locked (self->model);

  if (locked && fill_seal (self))
    return;
  if (blockers->len == 0 || locked)
    {
      GtkWidget *row = par_plain_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (icon, "success");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     locked ? _("Submitted: this year is locked against edits")
                                            : _("Everything is scored and backed by evidence"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      par_action_row_set_one_line (row);
      add_row (self, self->blockers_group, row);
      adw_preferences_group_set_description (self->blockers_group, NULL);
      return;
    }

  {
    g_autofree char *description =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "%u sub-criterion needs attention. Select it to open it.",
                                    "%u sub-criteria need attention. Select one to open it.",
                                    blockers->len),
                       blockers->len);
    adw_preferences_group_set_description (self->blockers_group, description);
  }

  for (guint i = 0; i < blockers->len && (self->all_blockers || i < FIRST_BLOCKER_ROWS); i++)
    {
      const ParBlocker *blocker = g_ptr_array_index (blockers, i);
      const char *reason = blocker->message != NULL ? blocker->message : blocker_reason (blocker->kind);
      GtkWidget *row;

      if (blocker->node != NULL)
        row = code_row (blocker->node->code, blocker->node->title, reason);
      else
        {
          /* A code the set does not have: nothing to open. */
          row = par_plain_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reason);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
        }
      if (blocker->kind == PAR_BLOCKER_REFUSED)
        adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      GtkWidget *icon = gtk_image_new_from_icon_name (blocker->kind == PAR_BLOCKER_NOT_SCORED
                                                      ? "radio-symbolic" : "dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, blocker->kind == PAR_BLOCKER_NOT_SCORED ? "dim-label" : "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      add_row (self, self->blockers_group, row);
    }
  if (!self->all_blockers && blockers->len > FIRST_BLOCKER_ROWS)
    {
      GtkWidget *row = par_plain_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More",
                                                            blockers->len - FIRST_BLOCKER_ROWS),
                                               blockers->len - FIRST_BLOCKER_ROWS);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("pan-down-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_signal_connect_swapped (row, "activated", G_CALLBACK (show_all_blockers), self);
      add_row (self, self->blockers_group, row);
    }
}

/* "Done" is the scorer's: the office's part, survey items apart. */
static char *
progress_text (const ParNodeTotal *total)
{
  g_autofree char *done = g_strdup_printf (_("%u of %u sub-criteria done"), total->done, total->leaves);
  g_autofree char *survey = NULL;

  if (total->survey_leaves == 0)
    return g_steal_pointer (&done);
  survey = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u scored by the survey",
                                         "%u scored by the survey", total->survey_leaves),
                            total->survey_leaves);
  /* Translators: "0 of 70 sub-criteria done · 21 scored by the survey". */
  return g_strdup_printf (_("%s · %s"), done, survey);
}

/* A field's total in the column shown: "8,50 / 10,00 · 85,00 %", or that the council has
 * not appraised it. */
static char *
total_text (const ParNodeTotal *total,
            ParScoreColumn      column)
{
  g_autofree char *score = NULL;
  g_autofree char *percent = NULL;

  if (column == PAR_COLUMN_APPRAISED && !par_node_total_has_scores (total, column))
    return g_strdup (_("Not appraised"));
  score = par_display_score_of (TRUE, par_node_total_points (total, column), total->applicable_max);
  percent = par_display_percent (par_node_total_index (total, column));
  /* Translators: a field's total and index, "8,50 / 10,00 · 85,00 %". */
  return g_strdup_printf (_("%s · %s"), score, percent);
}

/* A field's row: "code  title" over "n of m sub-criteria done", its total over its index's bar,
 * and a chevron; activating it opens the field (win.open-code). It looks as an AdwActionRow
 * does (the same style classes in the same nesting under the row: header, title box, title,
 * subtitle) but is built from the widgets it shows, not from AdwActionRow's template with its
 * hidden prefix, icon and suffix boxes and its bindings: ten of them are on the first frame.
 * Title and subtitle take one line, ellipsized at the end (a label that does not wrap is laid
 * out once per pass), the whole title in the row's tooltip. */
static GtkWidget *
field_row (const ParNode *field,
           const char    *done,
           const char    *value,
           gint64         index,
           const char    *name)
{
  g_autofree char *full = g_strdup_printf ("%s  %s", field->code, field->title);
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *figures = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (full);
  GtkWidget *subtitle = gtk_label_new (done);
  GtkWidget *score = gtk_label_new (value);
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 10000);

  gtk_widget_set_valign (header, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (header, "header");
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_add_css_class (titles, "title");
  for (GtkWidget *label = title; label != NULL; label = label == title ? subtitle : NULL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, label == title ? "title" : "subtitle");
      gtk_box_append (GTK_BOX (titles), label);
    }

  gtk_widget_set_valign (figures, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (score), 1);
  gtk_widget_add_css_class (score, "numeric");
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), index);
  gtk_widget_set_size_request (bar, 160, -1);
  par_accessible_set_name (bar, field->title);
  gtk_box_append (GTK_BOX (figures), score);
  gtk_box_append (GTK_BOX (figures), bar);

  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), figures);
  gtk_box_append (GTK_BOX (header), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);

  /* A preferences row, as the group puts only those in its boxed list; its title is not shown. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), full);
  gtk_widget_set_tooltip_text (row, full);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-code");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", field->code);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  par_accessible_set_name (row, name);
  return row;
}

/* Field @i's row, unless the scorer has no total for it. */
static void
add_field_row (ParOverviewPage *self,
               guint            i)
{
  ParFramework *framework = par_assessment_model_get_framework (self->model);
  ParResult *result = par_assessment_model_get_result (self->model);
  ParScoreColumn column = par_assessment_model_get_column (self->model);
  const ParNode *field = g_ptr_array_index (par_framework_get_fields (framework), i);
  const ParNodeTotal *total = par_result_get_total (result, field->code);
  g_autofree char *done = NULL;
  g_autofree char *value = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row;

  if (total == NULL)
    return;
  done = g_strdup_printf (_("%u of %u sub-criteria done"), total->done, total->leaves);
  value = total_text (total, column);
  name = g_strdup_printf ("%s %s, %s, %s", field->code, field->title, value, done);
  row = field_row (field, done, value, MAX (par_node_total_index (total, column), 0), name);
  add_row (self, self->fields_group, row);
  self->last_field_row = row;
}

/* Field rows up to (not including) field @end. */
static void
fill_fields_to (ParOverviewPage *self,
                guint            end)
{
  GPtrArray *fields = par_framework_get_fields (par_assessment_model_get_framework (self->model));

  for (end = MIN (end, fields->len); self->next_field < end; self->next_field++)
    add_field_row (self, self->next_field);
}

static void
fill_adjustments (ParOverviewPage *self)
{
  ParFramework *framework = par_assessment_model_get_framework (self->model);
  ParResult *result = par_assessment_model_get_result (self->model);
  ParScoreColumn column = par_assessment_model_get_column (self->model);
  GPtrArray *adjustments = par_framework_get_adjustments (framework);

  gtk_widget_set_visible (GTK_WIDGET (self->adjustments_group), adjustments != NULL && adjustments->len > 0);
  for (guint i = 0; adjustments != NULL && i < adjustments->len; i++)
    {
      const ParNode *node = g_ptr_array_index (adjustments, i);
      const ParLeafScore *score = par_result_get_leaf (result, node->code);
      g_autofree char *points = NULL;
      ParPoints value = 0;
      gboolean has;
      GtkWidget *row, *label;

      has = score != NULL && par_leaf_score_get (score, column, &value);
      points = has ? par_display_points (value) : g_strdup ("—");
      row = code_row (node->code, node->title,
                      node->kind == PAR_NODE_DEDUCTION ? _("Deduction") : _("Bonus"));
      label = gtk_label_new (node->kind == PAR_NODE_DEDUCTION && has && value > 0 ? NULL : points);
      if (node->kind == PAR_NODE_DEDUCTION && has && value > 0)
        {
          g_autofree char *minus = g_strdup_printf ("−%s", points);
          gtk_label_set_label (GTK_LABEL (label), minus);
        }
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      add_row (self, self->adjustments_group, row);
    }
}

/* The rows left for after the first frame: the remaining fields', then the deductions and
 * bonuses. */
static void
build_rest (ParOverviewPage *self)
{
  if (!self->rest_pending)
    return;
  self->rest_pending = FALSE;
  g_clear_handle_id (&self->rest_idle, g_source_remove);
  fill_fields_to (self, G_MAXUINT);
  fill_adjustments (self);
}

static gboolean
build_rest_cb (gpointer data)
{
  ParOverviewPage *self = data;

  self->rest_idle = 0;
  build_rest (self);
  return G_SOURCE_REMOVE;
}

/* Allocated @height tall, with its rows allocated: if the last row built is in sight, what
 * the frame would show is not all built yet. Builds the rows that fill the page, estimated
 * from that row's height, or everything once a first estimate fell short; TRUE when it built
 * any (the page is then allocated again). A row just below the page is built too, so that
 * no row in sight is styled as the list's last. */
static gboolean
build_rest_in_sight (ParOverviewPage *self,
                     int              height)
{
  GPtrArray *fields;
  graphene_rect_t bounds;
  guint more;

  if (!self->rest_pending)
    return FALSE;
  if (self->last_field_row == NULL
      || !gtk_widget_compute_bounds (self->last_field_row, GTK_WIDGET (self), &bounds))
    {
      /* No field row, or none laid out: nothing to measure the rest by. */
      build_rest (self);
      return TRUE;
    }
  if (bounds.origin.y >= height)
    return FALSE;
  fields = par_framework_get_fields (par_assessment_model_get_framework (self->model));
  more = (guint) ceilf ((height - bounds.origin.y) / MAX (bounds.size.height, 1.f));
  if (self->rest_checks++ > 0 || self->next_field + more >= fields->len)
    build_rest (self);
  else
    fill_fields_to (self, self->next_field + more);
  return TRUE;
}

/* The first frame is on screen (flushed to the display server, not left in a buffer while
 * the rest is built): build the rest before anything else the main loop has, input and
 * accessibility requests included, so nothing reaches a page that is not whole. */
static void
on_after_paint (GdkFrameClock   *clock,
                ParOverviewPage *self)
{
  if (!self->rest_pending || self->rest_idle != 0)
    return;
  gdk_display_flush (gtk_widget_get_display (GTK_WIDGET (self)));
  self->rest_idle = g_idle_add_full (G_PRIORITY_HIGH, build_rest_cb, self, NULL);
}

/* Rows out of sight may be built after the first frame only if that frame looks the same
 * without them: the page is at its top (a refresh does not move what is in sight), and its
 * scrollbar is an overlay one, hidden until the pointer moves (a classic scrollbar's slider
 * would show the page's length). */
static gboolean
can_build_rest_later (ParOverviewPage *self)
{
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_first_child (GTK_WIDGET (self)));
  gboolean overlay = FALSE;

  if (self->paint_id == 0 || !gtk_scrolled_window_get_overlay_scrolling (scroller))
    return FALSE;
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-overlay-scrolling", &overlay, NULL);
  return overlay && gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (scroller)) == 0;
}

static void
fill_fields (ParOverviewPage *self,
             gboolean         later)
{
  self->next_field = 0;
  self->last_field_row = NULL;
  self->rest_checks = 0;
  self->rest_pending = TRUE;
  if (later)
    fill_fields_to (self, FIRST_FIELD_ROWS);
  else
    build_rest (self);
}

/* What the column shown holds: said beside the switch, so a total is never read as another
 * column's, and a year the council has not appraised is never shown as if it were. */
static char *
column_note (ParScoreColumn      column,
             const ParNodeTotal *total)
{
  guint should = total->appraised_leaves + total->unappraised_leaves;

  switch (par_node_total_appraisal (total))
    {
    case PAR_APPRAISAL_NONE:
      if (column == PAR_COLUMN_APPRAISED)
        return g_strdup (_("Not appraised yet: the council's scores are entered under Published Results on each sub-criterion."));
      if (column == PAR_COLUMN_FINAL)
        return g_strdup (_("Not appraised yet: the final scores are the self-assessed ones."));
      return g_strdup (_("The scores the unit gave itself."));
    case PAR_APPRAISAL_PARTIAL:
      if (column == PAR_COLUMN_APPRAISED)
        /* Translators: "Appraised: 12 of 70 sub-criteria; the others are not counted here." */
        return g_strdup_printf (_("Appraised: %u of %u sub-criteria; the others are not counted here."),
                                total->appraised_leaves, should);
      if (column == PAR_COLUMN_FINAL)
        return g_strdup_printf (_("Appraised: %u of %u sub-criteria; the others count as self-assessed."),
                                total->appraised_leaves, should);
      return g_strdup (_("The scores the unit gave itself."));
    case PAR_APPRAISAL_COMPLETE:
    default:
      if (column == PAR_COLUMN_SELF)
        return g_strdup (_("The scores the unit gave itself, before the appraisal."));
      return g_strdup (_("Every sub-criterion is appraised."));
    }
}

static void
fill_totals (ParOverviewPage    *self,
             ParResult          *result,
             const ParNodeTotal *total)
{
  ParScoreColumn column = par_assessment_model_get_column (self->model);
  const char *label = par_score_column_label (column);
  const ParBand *band = par_result_get_column_band (result, column);
  gint64 index = par_node_total_index (total, column);
  g_autofree char *score = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *percent = par_display_percent (index);
  g_autofree char *note = column_note (column, total);
  g_autofree char *progress = progress_text (total);
  g_autofree char *title = NULL;

  self->syncing++;
  gtk_toggle_button_set_active (column == PAR_COLUMN_SELF ? self->self_button
                                : column == PAR_COLUMN_APPRAISED ? self->appraised_button
                                : self->final_button, TRUE);
  self->syncing--;
  gtk_label_set_label (self->column_note, note);

  /* Translators: a card's title: the total of a score column, "Total · Self-assessed". */
  title = g_strdup_printf (_("Total · %s"), label);
  gtk_label_set_label (self->total_title, title);
  g_free (title);
  /* Translators: "Index · Appraised". */
  title = g_strdup_printf (_("Index · %s"), label);
  gtk_label_set_label (self->index_title, title);
  g_free (title);
  /* Translators: "Band · Final". */
  title = g_strdup_printf (_("Band · %s"), label);
  gtk_label_set_label (self->band_title, title);

  if (column == PAR_COLUMN_APPRAISED && !par_node_total_has_scores (total, column))
    {
      score = g_strdup ("—");
      detail = g_strdup (_("not appraised"));
    }
  else
    {
      g_autofree char *max = par_display_points (total->max);
      g_autofree char *applicable = par_display_points (total->applicable_max);
      g_autofree char *measured = par_display_points (par_node_total_measured_max (total, column));

      score = par_display_points (par_node_total_points (total, column));
      if (column == PAR_COLUMN_APPRAISED)
        /* Translators: the appraised total is measured on what the council scored: "of 62,50 appraised". */
        detail = g_strdup_printf (_("of %s appraised"), measured);
      else if (total->pending_max > 0)
        /* Translators: the index is measured on what can be self-scored until the survey
         * results are entered: "of 68,00 self-assessed; 100,00 with the survey". */
        detail = g_strdup_printf (_("of %s self-assessed; %s with the survey"), measured, applicable);
      else if (total->applicable_max != total->max)
        /* Translators: "of 95,00 applicable (maximum 100,00)". */
        detail = g_strdup_printf (_("of %s applicable (maximum %s)"), applicable, max);
      else
        detail = g_strdup_printf (_("of %s"), max);
    }
  gtk_label_set_label (self->total_label, score);
  gtk_label_set_label (self->total_detail_label, detail);
  gtk_label_set_label (self->index_label, percent);
  gtk_level_bar_set_value (self->index_bar, MAX (index, 0));
  gtk_label_set_label (self->band_label, band != NULL ? band->name : "—");
  gtk_label_set_label (self->progress_label, progress);
}

static void
on_column_toggled (GtkToggleButton *button,
                   ParOverviewPage *self)
{
  if (self->syncing > 0 || self->model == NULL || !gtk_toggle_button_get_active (button))
    return;
  par_assessment_model_set_column (self->model,
                                   button == self->self_button ? PAR_COLUMN_SELF
                                   : button == self->appraised_button ? PAR_COLUMN_APPRAISED
                                   : PAR_COLUMN_FINAL);
}

void
par_overview_page_refresh (ParOverviewPage *self)
{
  ParResult *result;
  const ParNodeTotal *total;
  const ParAssessment *assessment;
  ParFramework *framework;
  gboolean locked;
  g_autofree char *set = NULL;
  const char *status;
  gboolean later;

  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));

  if (self->model == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      /* Rebuilt when shown: typing on another page must not pay for this one. */
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  later = can_build_rest_later (self);
  clear_rows (self);
  result = par_assessment_model_get_result (self->model);
  framework = par_assessment_model_get_framework (self->model);
  assessment = par_assessment_model_get_assessment (self->model);
  total = par_result_get_total (result, NULL);
  locked = par_assessment_model_is_locked (self->model);

  switch (assessment->status)
    {
    case PAR_STATUS_SUBMITTED: status = _("Submitted"); break;
    case PAR_STATUS_APPRAISED: status = _("Appraised"); break;
    case PAR_STATUS_DRAFT:
    default:                   status = _("Draft"); break;
    }
  gtk_label_set_label (self->unit_label, self->unit_name != NULL ? self->unit_name : "");
  /* Translators: "2023 · Bộ Chỉ số CCHC … · Draft". */
  set = g_strdup_printf (_("%d · %s · %s"), assessment->year, par_framework_get_title (framework), status);
  gtk_label_set_label (self->set_label, set);
  gtk_widget_set_visible (self->submit_button, !locked);
  gtk_widget_set_visible (self->unlock_button, locked);

  if (total != NULL)
    fill_totals (self, result, total);
  else
    gtk_label_set_label (self->band_label, "—");

  fill_blockers (self);
  fill_fields (self, later);
}

gboolean
par_overview_page_is_complete (ParOverviewPage *self)
{
  g_return_val_if_fail (PAR_IS_OVERVIEW_PAGE (self), FALSE);
  return !self->rest_pending;
}

void
par_overview_page_set_model (ParOverviewPage    *self,
                             ParAssessmentModel *model,
                             const char         *unit_name)
{
  g_return_if_fail (PAR_IS_OVERVIEW_PAGE (self));

  clear_rows (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_swapped (model, "notify::column", G_CALLBACK (par_overview_page_refresh), self);
  self->all_blockers = FALSE;
  g_free (self->unit_name);
  self->unit_name = g_strdup (unit_name);
  self->dirty = TRUE;
  par_overview_page_refresh (self);
}

static GtkSizeRequestMode
par_overview_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (gtk_widget_get_first_child (widget));
}

static void
par_overview_page_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* The scrolled window fills the page. Rows found missing in sight are built and laid out here,
 * in the same allocation: a resize queued while the window is allocated is dropped, and the
 * first frame is laid out once, when the window is shown, without a layout phase of its own. */
static void
par_overview_page_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (widget);
  GtkWidget *child = gtk_widget_get_first_child (widget);

  gtk_widget_allocate (child, width, height, baseline, NULL);
  for (guint i = 0; i < 2 && build_rest_in_sight (self, height); i++)
    {
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
      gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

static void
par_overview_page_map (GtkWidget *widget)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (widget);
  GdkFrameClock *clock;

  GTK_WIDGET_CLASS (par_overview_page_parent_class)->map (widget);
  clock = gtk_widget_get_frame_clock (widget);
  if (clock != NULL)
    self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), self);
  if (self->dirty)
    par_overview_page_refresh (self);
}

static void
par_overview_page_unmap (GtkWidget *widget)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (widget);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  /* Hidden before its rows out of sight were built (or the window closes): built again, with
   * the rest, when it is shown next. */
  if (self->rest_pending)
    {
      self->rest_pending = FALSE;
      g_clear_handle_id (&self->rest_idle, g_source_remove);
      self->dirty = TRUE;
    }
  if (clock != NULL)
    g_clear_signal_handler (&self->paint_id, clock);
  self->paint_id = 0;
  GTK_WIDGET_CLASS (par_overview_page_parent_class)->unmap (widget);
}

static void
par_overview_page_dispose (GObject *object)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (object);

  clear_rows (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_OVERVIEW_PAGE);
  /* The scrolled window at the top of the template has no id: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_overview_page_parent_class)->dispose (object);
}

static void
par_overview_page_finalize (GObject *object)
{
  ParOverviewPage *self = PAR_OVERVIEW_PAGE (object);

  g_ptr_array_unref (self->rows);
  g_free (self->unit_name);

  G_OBJECT_CLASS (par_overview_page_parent_class)->finalize (object);
}

static void
par_overview_page_class_init (ParOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_overview_page_dispose;
  object_class->finalize = par_overview_page_finalize;
  widget_class->map = par_overview_page_map;
  widget_class->unmap = par_overview_page_unmap;
  widget_class->get_request_mode = par_overview_page_get_request_mode;
  widget_class->measure = par_overview_page_measure;
  widget_class->size_allocate = par_overview_page_size_allocate;

  g_type_ensure (PAR_TYPE_WIDTH_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, set_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, self_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, appraised_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, final_button);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, column_note);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, total_title);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, index_title);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, band_title);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, total_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, total_detail_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, index_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, index_bar);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, band_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, blockers_group);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, ParOverviewPage, adjustments_group);
  gtk_widget_class_set_css_name (widget_class, "paroverviewpage");
}

static void
par_overview_page_init (ParOverviewPage *self)
{
  GtkToggleButton *buttons[PAR_N_SCORE_COLUMNS];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();

  /* The columns' names are the scorer's, the same on the dashboard and in the pack. */
  buttons[PAR_COLUMN_SELF] = self->self_button;
  buttons[PAR_COLUMN_APPRAISED] = self->appraised_button;
  buttons[PAR_COLUMN_FINAL] = self->final_button;
  for (ParScoreColumn column = PAR_COLUMN_SELF; column <= PAR_COLUMN_FINAL; column++)
    {
      gtk_button_set_label (GTK_BUTTON (buttons[column]), par_score_column_label (column));
      g_signal_connect (buttons[column], "toggled", G_CALLBACK (on_column_toggled), self);
    }
  par_accessible_tidy (GTK_WIDGET (self));
}
