/* par-dashboard-page.c — the leadership dashboard.
 *
 * Left: the unit, the years (a toggle per assessed year) and the six charts, each with the
 * question it answers. Right: the chart, redrawn at once on any change. Scores come from the
 * scorer through the store, one ParResult per assessment, cached until the writer reports a
 * save; the year open in the editor is taken live from its model. Clicking a field,
 * sub-criterion, year or unit opens it in the editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-dashboard-page.h"
#include "par-gtk-compat.h"
#include "par-unit-dropdown.h"

/* Years ticked when a unit is first shown: more make the grouped bars unreadable. */
#define DEFAULT_YEARS 10

typedef struct {
  int         width, height;
  const char *name;   /* N_() */
} ParExportSize;

static const ParExportSize export_sizes[] = {
  { 1600, 900, N_("Slide 16:9 — 1600 × 900") },
  { 1920, 1080, N_("Full HD — 1920 × 1080") },
  { 1280, 720, N_("Small 16:9 — 1280 × 720") },
  { 842, 595, N_("A4 landscape — 842 × 595") },
  { 0, 0, N_("Custom size") },
};
#define CUSTOM_SIZE (G_N_ELEMENTS (export_sizes) - 1)

/* What each chart answers, shown under its name in the list. */
static const char *const chart_questions[PAR_CHART_N_TYPES] = {
  [PAR_CHART_FIELDS] = N_("Are we improving in each field?"),
  [PAR_CHART_TOTAL] = N_("Is our overall index rising, and in which band?"),
  [PAR_CHART_RADAR] = N_("Which fields are strong, which are weak?"),
  [PAR_CHART_LOST] = N_("Where did we lose points?"),
  [PAR_CHART_SELF_VS_APPRAISED] = N_("Where did the council score us differently?"),
  [PAR_CHART_RANKING] = N_("How do we compare with the other units?"),
};

struct _ParDashboardPage
{
  GtkWidget           parent_instance;

  /* template */
  AdwWindowTitle     *window_title;
  GtkMenuButton      *export_button;
  GtkPopover         *export_popover;
  GtkToggleButton    *png_toggle;
  GtkToggleButton    *svg_toggle;
  GtkToggleButton    *pdf_toggle;
  GtkDropDown        *size_dropdown;
  GtkStringList      *size_names;
  GtkWidget          *custom_box;
  GtkSpinButton      *width_spin;
  GtkSpinButton      *height_spin;
  GtkLabel           *size_unit_label;
  GtkButton          *export_confirm;
  GtkDropDown        *unit_dropdown;
  GtkFlowBox         *years_box;
  GtkLabel           *years_hint;
  GtkListBox         *chart_list;
  GtkCheckButton     *column_final;
  GtkCheckButton     *column_appraised;
  GtkCheckButton     *column_self;
  GtkLabel           *column_hint;
  ParChartView       *chart_view;

  ParContext         *context;
  gulong              saved_id;
  ParAssessmentModel *live;
  GPtrArray          *units;        /* of ParUnit* */
  GtkStringList      *unit_names;
  gint64              unit_id;
  GPtrArray          *assessments;  /* of ParAssessment*, the unit's, ascending by year */
  GPtrArray          *year_toggles; /* of GtkCheckButton*, same order */
  GHashTable         *results;      /* assessment id (gint64*) → ParResult* */
  ParChartType        type;
  ParScoreColumn      column;
  gboolean            stale;        /* the data changed while the page was not shown */
  guint               syncing;
};

G_DEFINE_FINAL_TYPE (ParDashboardPage, par_dashboard_page, GTK_TYPE_WIDGET)

static void refresh (ParDashboardPage *self);

/* GTK 4.8 joins an explicit accessible label with the text of the widgets that label the
 * control ("PNG image PNG"): keep the explicit one only. */
static void
set_accessible_name (gpointer    widget,
                     const char *name)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Scores */

static const ParUnit *
find_unit (ParDashboardPage *self,
           gint64            unit_id)
{
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    if (((ParUnit *) g_ptr_array_index (self->units, i))->id == unit_id)
      return g_ptr_array_index (self->units, i);
  return NULL;
}

/* The scores of an assessment (transfer full), NULL if it cannot be scored. */
static ParResult *
get_result (ParDashboardPage *self,
            gint64            assessment_id)
{
  g_autoptr(GError) error = NULL;
  ParResult *result;

  if (self->live != NULL && par_assessment_model_get_id (self->live) == assessment_id
      && par_assessment_model_get_result (self->live) != NULL)
    return par_result_ref (par_assessment_model_get_result (self->live));

  result = g_hash_table_lookup (self->results, &assessment_id);
  if (result != NULL)
    return par_result_ref (result);

  result = par_store_score_assessment (par_context_get_store (self->context), assessment_id,
                                       &error);
  if (result == NULL)
    {
      g_warning ("Cannot score assessment %" G_GINT64_FORMAT ": %s", assessment_id,
                 error->message);
      return NULL;
    }
  g_hash_table_insert (self->results, g_memdup2 (&assessment_id, sizeof assessment_id),
                       par_result_ref (result));
  return result;
}

static void
on_writer_saved (ParWriter        *writer,
                 ParDashboardPage *self)
{
  g_hash_table_remove_all (self->results);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    self->stale = TRUE;
}

/* The chart */

static GArray *
selected_assessments (ParDashboardPage *self)
{
  GArray *indices = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; self->year_toggles != NULL && i < self->year_toggles->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->year_toggles, i)))
      g_array_append_val (indices, i);
  return indices;
}

static int
last_selected_year (ParDashboardPage *self)
{
  g_autoptr(GArray) selected = selected_assessments (self);
  const ParAssessment *a;

  if (selected->len > 0)
    a = g_ptr_array_index (self->assessments, g_array_index (selected, guint, selected->len - 1));
  else if (self->assessments != NULL && self->assessments->len > 0)
    a = g_ptr_array_index (self->assessments, self->assessments->len - 1);
  else
    return 0;
  return a->year;
}

static ParChartModel *
build_ranking (ParDashboardPage *self)
{
  ParStore *store = par_context_get_store (self->context);
  int year = last_selected_year (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  const ParUnit *unit = find_unit (self, self->unit_id);
  ParChartModel *model;

  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      const ParUnit *u = g_ptr_array_index (self->units, i);
      g_autoptr(ParAssessment) a = year > 0 ? par_store_find_assessment (store, u->id, year, NULL)
                                            : NULL;

      g_ptr_array_add (names, g_strdup (u->name));
      g_ptr_array_add (results, a != NULL ? get_result (self, a->id) : NULL);
    }
  model = par_chart_model_new_units_ranked (names, results, year, self->column);
  if (unit != NULL)
    par_chart_model_set_highlight (model, unit->name);
  return model;
}

static ParChartModel *
build_model (ParDashboardPage *self)
{
  g_autoptr(GArray) selected = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  const ParUnit *unit;

  if (self->context == NULL)
    return par_chart_model_new (self->type, NULL);
  if (self->type == PAR_CHART_RANKING)
    return build_ranking (self);

  unit = find_unit (self, self->unit_id);
  selected = selected_assessments (self);
  for (guint i = 0; i < selected->len; i++)
    {
      const ParAssessment *a = g_ptr_array_index (self->assessments, g_array_index (selected, guint, i));

      g_array_append_val (years, a->year);
      g_ptr_array_add (results, get_result (self, a->id));
    }
  return par_chart_model_new_for_unit (self->type, unit != NULL ? unit->name : NULL, results,
                                       (const int *) years->data, self->column);
}

/* Units of the ranking that have a score: with only ours, there is nothing to compare. */
static guint
ranked_units (ParChartModel *model)
{
  guint n = 0;

  for (guint k = 0; model->series->len > 0 && k < model->categories->len; k++)
    n += par_chart_model_get_value (model, 0, k)->state == PAR_CHART_VALUE_OK;
  return n;
}

static void
update_hint (ParDashboardPage *self,
             ParChartModel    *model)
{
  g_autofree char *text = NULL;
  const ParChartSeries *series = model->series->len > 0 ? par_chart_model_get_series (model, 0) : NULL;
  int last = last_selected_year (self);

  switch (self->type)
    {
    case PAR_CHART_RADAR:
      text = g_strdup (_("The profile compares the last three years ticked."));
      break;
    case PAR_CHART_LOST:
    case PAR_CHART_SELF_VS_APPRAISED:
      if (series == NULL || series->year <= 0 || par_chart_model_is_empty (model))
        break;
      if (series->year == last)
        /* Translators: under the year toggles for one-year charts; %d is a year. */
        text = g_strdup_printf (_("Showing %d, the latest year ticked."), series->year);
      else
        /* Translators: under the year toggles for one-year charts; %d is a year. */
        text = g_strdup_printf (_("Showing %d, the latest year ticked that was appraised."),
                                series->year);
      break;
    case PAR_CHART_RANKING:
      if (ranked_units (model) <= 1)
        /* Translators: the ranking chart's note; %d is a year. */
        text = g_strdup_printf (_("No other unit has a result in %d. Untick the later years to rank an earlier one."),
                                last);
      else
        /* Translators: the ranking chart's note; %d is a year. */
        text = g_strdup_printf (_("Every unit in %d, the last year ticked."), last);
      break;
    case PAR_CHART_FIELDS:
    case PAR_CHART_TOTAL:
    default:
      break;
    }
  gtk_label_set_label (self->years_hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->years_hint), text != NULL);
}

static void
refresh (ParDashboardPage *self)
{
  g_autoptr(ParChartModel) model = build_model (self);
  const ParUnit *unit = find_unit (self, self->unit_id);

  /* The self-against-appraised chart compares two columns itself. */
  gboolean compares = self->type == PAR_CHART_SELF_VS_APPRAISED;

  self->stale = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_final), !compares);
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_appraised), !compares);
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_self), !compares);
  gtk_widget_set_visible (GTK_WIDGET (self->column_hint), compares);
  par_chart_view_set_model (self->chart_view, model, self->type);
  adw_window_title_set_subtitle (self->window_title, unit != NULL ? unit->name : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !par_chart_model_is_empty (model));
  update_hint (self, model);
}

/* Unit and years */

static void
on_year_toggled (GtkCheckButton   *toggle,
                 ParDashboardPage *self)
{
  if (self->syncing == 0)
    refresh (self);
}

/* The year toggles of the unit; those of @keep (years, or NULL) stay as they were. */
static void
load_years (ParDashboardPage *self,
            GHashTable       *keep)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *assessments;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->years_box))) != NULL)
    gtk_flow_box_remove (self->years_box, child);
  g_clear_pointer (&self->year_toggles, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);

  self->year_toggles = g_ptr_array_new ();
  assessments = par_store_list_assessments (par_context_get_store (self->context), self->unit_id,
                                            &error);
  if (assessments == NULL)
    {
      g_warning ("Cannot list the years of unit %" G_GINT64_FORMAT ": %s", self->unit_id,
                 error->message);
      assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);
    }
  self->assessments = assessments;

  for (guint i = 0; i < assessments->len; i++)
    {
      const ParAssessment *a = g_ptr_array_index (assessments, i);
      g_autofree char *label = g_strdup_printf ("%d", a->year);
      /* Translators: the accessible name of a year's toggle on the dashboard. */
      g_autofree char *name = g_strdup_printf (_("Year %d"), a->year);
      GtkWidget *toggle = gtk_check_button_new_with_label (label);
      gboolean active;

      if (keep != NULL && g_hash_table_contains (keep, GINT_TO_POINTER (a->year)))
        active = GPOINTER_TO_INT (g_hash_table_lookup (keep, GINT_TO_POINTER (a->year))) != 0;
      else
        active = i + DEFAULT_YEARS >= assessments->len;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (toggle), active);
      gtk_widget_set_name (toggle, label);
      gtk_widget_add_css_class (toggle, "numeric");
      set_accessible_name (toggle, name);
      gtk_widget_set_tooltip_text (toggle, _("Show or hide this year"));
      g_signal_connect (toggle, "toggled", G_CALLBACK (on_year_toggled), self);
      gtk_flow_box_append (self->years_box, toggle);
      /* The flow box's own child must not take the focus from the toggle. */
      gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
      g_ptr_array_add (self->year_toggles, toggle);
    }
  if (assessments->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("No year assessed yet"));

      gtk_label_set_xalign (GTK_LABEL (none), 0);
      gtk_widget_add_css_class (none, "dim-label");
      gtk_flow_box_append (self->years_box, none);
    }
}

static GHashTable *
ticked_years (ParDashboardPage *self)
{
  GHashTable *years = g_hash_table_new (NULL, NULL);

  for (guint i = 0; self->year_toggles != NULL && i < self->year_toggles->len; i++)
    g_hash_table_insert (years,
                         GINT_TO_POINTER (((ParAssessment *) g_ptr_array_index (self->assessments, i))->year),
                         GINT_TO_POINTER (gtk_check_button_get_active (g_ptr_array_index (self->year_toggles, i))));
  return years;
}

static void
show_unit (ParDashboardPage *self,
           gint64            unit_id)
{
  g_autoptr(GHashTable) keep = NULL;

  if (unit_id == self->unit_id)
    keep = ticked_years (self);
  self->unit_id = unit_id;

  self->syncing++;
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    if (((ParUnit *) g_ptr_array_index (self->units, i))->id == unit_id)
      gtk_drop_down_set_selected (self->unit_dropdown, i);
  load_years (self, keep);
  self->syncing--;
  refresh (self);
}

static void
on_unit_selected (GtkDropDown      *dropdown,
                  GParamSpec       *pspec,
                  ParDashboardPage *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing > 0 || self->units == NULL || i >= self->units->len)
    return;
  show_unit (self, ((ParUnit *) g_ptr_array_index (self->units, i))->id);
}

static void
reload_units (ParDashboardPage *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *units;

  units = par_store_list_units (par_context_get_store (self->context), &error);
  if (units == NULL)
    {
      g_warning ("Cannot list the units: %s", error->message);
      units = g_ptr_array_new_with_free_func ((GDestroyNotify) par_unit_free);
    }
  g_clear_pointer (&self->units, g_ptr_array_unref);
  self->units = units;

  self->syncing++;
  par_unit_dropdown_set_units (self->unit_names, units);
  self->syncing--;
}

/* Opening what was clicked in the editor */

static gint64
assessment_of (ParDashboardPage *self,
               gint64            unit_id,
               int               year)
{
  g_autoptr(ParAssessment) a = NULL;

  if (unit_id == self->unit_id)
    {
      for (guint i = 0; self->assessments != NULL && i < self->assessments->len; i++)
        if (((ParAssessment *) g_ptr_array_index (self->assessments, i))->year == year)
          return ((ParAssessment *) g_ptr_array_index (self->assessments, i))->id;
      return 0;
    }
  a = par_store_find_assessment (par_context_get_store (self->context), unit_id, year, NULL);
  return a != NULL ? a->id : 0;
}

/* The year a click on a field's label means: the year open in the editor when it is ticked,
 * else the latest year ticked. */
static int
year_for_label (ParDashboardPage *self)
{
  g_autoptr(GArray) selected = selected_assessments (self);

  if (self->live != NULL)
    for (guint i = 0; i < selected->len; i++)
      {
        const ParAssessment *a = g_ptr_array_index (self->assessments, g_array_index (selected, guint, i));
        if (a->id == par_assessment_model_get_id (self->live))
          return a->year;
      }
  return last_selected_year (self);
}

static void
on_activate_code (ParChartView     *view,
                  const char       *code,
                  int               category,
                  int               series,
                  ParDashboardPage *self)
{
  ParChartModel *model = par_chart_view_get_model (view);
  const ParChartSeries *s = series >= 0 ? par_chart_model_get_series (model, (guint) series) : NULL;
  g_autofree char *show = NULL;
  gint64 unit_id = self->unit_id;
  gint64 assessment_id;
  int year;

  switch (self->type)
    {
    case PAR_CHART_TOTAL:
      /* The categories are years: open that year's overview. */
      year = atoi (code);
      break;
    case PAR_CHART_RANKING:
      /* The categories are units: open the unit's year. */
      year = last_selected_year (self);
      unit_id = 0;
      for (guint i = 0; i < self->units->len; i++)
        if (g_strcmp0 (((ParUnit *) g_ptr_array_index (self->units, i))->name, code) == 0)
          unit_id = ((ParUnit *) g_ptr_array_index (self->units, i))->id;
      break;
    case PAR_CHART_LOST:
    case PAR_CHART_SELF_VS_APPRAISED:
      /* One year's chart: every series carries it. */
      show = g_strdup (code);
      s = model->series->len > 0 ? par_chart_model_get_series (model, 0) : NULL;
      year = s != NULL && s->year > 0 ? s->year : year_for_label (self);
      break;
    case PAR_CHART_FIELDS:
    case PAR_CHART_RADAR:
    default:
      show = g_strdup (code);
      year = s != NULL && s->year > 0 ? s->year : year_for_label (self);
      break;
    }

  assessment_id = unit_id > 0 && year > 0 ? assessment_of (self, unit_id, year) : 0;
  g_debug ("dashboard: open %s of assessment %" G_GINT64_FORMAT, show != NULL ? show : "overview",
           assessment_id);
  if (assessment_id == 0)
    return;
  /* The window opens the year and the code, and closes the dashboard (win.show-code). */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-code", "(xs)", assessment_id,
                              show != NULL ? show : "");
}

/* Chart list */

static GtkWidget *
chart_row_new (ParChartType type)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (par_chart_type_get_title (type));
  GtkWidget *question = gtk_label_new (_(chart_questions[type]));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_widget_add_css_class (question, "caption");
  gtk_widget_add_css_class (question, "dim-label");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), question);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, par_chart_type_to_string (type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, par_chart_type_get_title (type),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(chart_questions[type]),
                                  -1);
  return row;
}

static void
on_chart_selected (GtkListBox       *list,
                   GtkListBoxRow    *row,
                   ParDashboardPage *self)
{
  if (row == NULL || self->syncing > 0)
    return;
  self->type = (ParChartType) gtk_list_box_row_get_index (row);
  refresh (self);
}

/* Score column */

static GtkCheckButton *
column_button (ParDashboardPage *self,
               ParScoreColumn    column)
{
  switch (column)
    {
    case PAR_COLUMN_SELF:
      return self->column_self;
    case PAR_COLUMN_APPRAISED:
      return self->column_appraised;
    case PAR_COLUMN_FINAL:
    default:
      return self->column_final;
    }
}

static void
on_column_toggled (GtkCheckButton   *button,
                   ParDashboardPage *self)
{
  if (!gtk_check_button_get_active (button) || self->syncing > 0)
    return;
  self->column = (ParScoreColumn) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button),
                                                                      "par-column"));
  if (self->context != NULL)
    refresh (self);
}

/* Export */

static gboolean
is_pdf (ParDashboardPage *self)
{
  return gtk_toggle_button_get_active (self->pdf_toggle);
}

static const char *
chosen_extension (ParDashboardPage *self)
{
  if (gtk_toggle_button_get_active (self->svg_toggle))
    return ".svg";
  if (is_pdf (self))
    return ".pdf";
  return ".png";
}

static void
on_export_options_changed (ParDashboardPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->size_dropdown) == CUSTOM_SIZE;

  gtk_widget_set_visible (self->custom_box, custom);
  /* Translators: the unit of a custom export size: pixels, or points for PDF. */
  gtk_label_set_label (self->size_unit_label, is_pdf (self) ? _("pt") : _("px"));
}

void
par_dashboard_page_get_export_size (ParDashboardPage *self,
                                    int              *width,
                                    int              *height)
{
  guint i;

  g_return_if_fail (PAR_IS_DASHBOARD_PAGE (self));

  i = gtk_drop_down_get_selected (self->size_dropdown);
  if (i >= CUSTOM_SIZE)
    {
      *width = gtk_spin_button_get_value_as_int (self->width_spin);
      *height = gtk_spin_button_get_value_as_int (self->height_spin);
    }
  else
    {
      *width = export_sizes[i].width;
      *height = export_sizes[i].height;
    }
}

static void
on_open_exported (AdwToast *toast,
                  GFile    *file)
{
  par_launch_file (NULL, file, NULL, NULL, NULL);
}

static void
add_toast (ParDashboardPage *self,
           AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

char *
par_dashboard_page_export_file (ParDashboardPage  *self,
                                const char        *path,
                                GError           **error)
{
  g_autofree char *target = NULL;
  ParChartModel *model;
  ParChartStyle style;
  const char *dot, *slash;
  int width, height;
  AdwToast *toast;

  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  model = par_chart_view_get_model (self->chart_view);
  g_return_val_if_fail (model != NULL, NULL);

  dot = strrchr (path, '.');
  slash = strrchr (path, G_DIR_SEPARATOR);
  if (dot != NULL && (slash == NULL || dot > slash)
      && (g_ascii_strcasecmp (dot, ".png") == 0 || g_ascii_strcasecmp (dot, ".svg") == 0
          || g_ascii_strcasecmp (dot, ".pdf") == 0))
    target = g_strdup (path);
  else
    target = g_strconcat (path, chosen_extension (self), NULL);

  par_dashboard_page_get_export_size (self, &width, &height);
  /* Exports go on paper and slides: always the light palette, scaled to their size. */
  par_chart_style_init (&style, PAR_CHART_PALETTE_LIGHT);
  style.decimal_separator = par_points_decimal_separator ();
  if (!par_chart_export (model, par_chart_view_get_chart_type (self->chart_view), &style,
                         target, width, height, error))
    return NULL;

  toast = adw_toast_new (_("Chart exported"));
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_exported),
                         g_file_new_for_path (target), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  add_toast (self, toast);
  return g_steal_pointer (&target);
}

static void
on_export_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParDashboardPage) self = user_data;
  ParFileDialog *dialog = PAR_FILE_DIALOG (source);
  g_autoptr(GFile) file = par_file_dialog_save_finish (dialog, result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  GtkFileFilter *filter;

  if (path == NULL)
    return;
  /* The filter picked in the dialog names the format when the name has no extension. */
  filter = par_file_dialog_get_chosen_filter (dialog);
  if (filter != NULL)
    {
      const char *format = g_object_get_data (G_OBJECT (filter), "par-format");
      gtk_toggle_button_set_active (g_str_equal (format, ".svg") ? self->svg_toggle
                                    : g_str_equal (format, ".pdf") ? self->pdf_toggle
                                    : self->png_toggle, TRUE);
    }
  if ((written = par_dashboard_page_export_file (self, path, &error)) == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 8);
      add_toast (self, toast);
    }
}

static GtkFileFilter *
export_filter (const char *name,
               const char *mime_type,
               const char *extension)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*%s", extension);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data (G_OBJECT (filter), "par-format", (gpointer) extension);
  return filter;
}

char *
par_dashboard_page_get_export_suggestion (ParDashboardPage  *self,
                                          char             **folder)
{
  g_autoptr(GArray) selected = NULL;
  g_autofree char *title = NULL;
  g_autofree char *years = NULL;
  g_autofree char *name = NULL;
  ParChartModel *model;

  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), NULL);

  /* The user's documents folder, where a slide or a report is made; the home folder when
   * the desktop names none (or it is gone). */
  if (folder != NULL)
    {
      g_autoptr(GFile) documents = par_documents_folder ();

      *folder = g_file_get_path (documents);
    }

  model = par_chart_view_get_model (self->chart_view);
  title = model != NULL ? par_chart_model_get_full_title (model)
                        : g_strdup (par_chart_type_get_title (self->type));
  selected = selected_assessments (self);
  if (selected->len > 0)
    {
      int first = ((ParAssessment *) g_ptr_array_index (self->assessments,
                                                        g_array_index (selected, guint, 0)))->year;
      int last = last_selected_year (self);

      years = self->type == PAR_CHART_RANKING || first == last
              ? g_strdup_printf ("%d", last) : g_strdup_printf ("%d–%d", first, last);
    }
  if (years != NULL)
    /* TRANSLATORS: the file name proposed when a chart is exported, without its extension:
     * %1$s is the chart's title with the scores it shows ("Fields across years — Final"),
     * %2$s its years ("2020–2022"). No slashes. */
    name = g_strdup_printf (_("%1$s %2$s"), title, years);
  else
    name = g_steal_pointer (&title);
  /* A title may hold what a file name cannot. */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_strconcat (name, chosen_extension (self), NULL);
}

static void
on_export_confirm (GtkButton        *button,
                   ParDashboardPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autofree char *folder = NULL;
  g_autofree char *name = par_dashboard_page_get_export_suggestion (self, &folder);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  GtkFileFilter *filters[3];
  const char *extension = chosen_extension (self);

  gtk_popover_popdown (self->export_popover);
  par_file_dialog_set_title (dialog, _("Export Chart"));
  par_file_dialog_set_accept_label (dialog, _("_Export"));
  filters[0] = export_filter (_("PNG image"), "image/png", ".png");
  filters[1] = export_filter (_("SVG drawing"), "image/svg+xml", ".svg");
  filters[2] = export_filter (_("PDF document"), "application/pdf", ".pdf");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      par_file_dialog_add_filter (dialog, filters[i]);
      if (g_str_equal (g_object_get_data (G_OBJECT (filters[i]), "par-format"), extension))
        par_file_dialog_set_default_filter (dialog, filters[i]);
      g_object_unref (filters[i]);
    }
  par_file_dialog_set_initial_folder (dialog, folder_file);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_export_chosen, g_object_ref (self));
}

/* Public API */

GtkWidget *
par_dashboard_page_new (void)
{
  return g_object_new (PAR_TYPE_DASHBOARD_PAGE, NULL);
}

void
par_dashboard_page_present (ParDashboardPage   *self,
                            ParContext         *context,
                            gint64              unit_id,
                            ParAssessmentModel *live)
{
  g_return_if_fail (PAR_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (PAR_IS_CONTEXT (context));
  g_return_if_fail (live == NULL || PAR_IS_ASSESSMENT_MODEL (live));

  if (self->context != context)
    {
      if (self->context != NULL)
        g_clear_signal_handler (&self->saved_id, par_context_get_writer (self->context));
      g_set_object (&self->context, context);
      self->saved_id = g_signal_connect (par_context_get_writer (context), "saved",
                                         G_CALLBACK (on_writer_saved), self);
      g_hash_table_remove_all (self->results);
      self->unit_id = 0;
    }
  g_set_object (&self->live, live);

  reload_units (self);
  if (find_unit (self, unit_id) == NULL)
    unit_id = self->units->len > 0 ? ((ParUnit *) g_ptr_array_index (self->units, 0))->id : 0;
  show_unit (self, unit_id);
}

gint64
par_dashboard_page_get_unit_id (ParDashboardPage *self)
{
  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), 0);
  return self->unit_id;
}

ParChartView *
par_dashboard_page_get_chart_view (ParDashboardPage *self)
{
  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), NULL);
  return self->chart_view;
}

ParChartType
par_dashboard_page_get_chart_type (ParDashboardPage *self)
{
  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), PAR_CHART_FIELDS);
  return self->type;
}

void
par_dashboard_page_set_chart_type (ParDashboardPage *self,
                                   ParChartType      type)
{
  g_return_if_fail (PAR_IS_DASHBOARD_PAGE (self));
  g_return_if_fail ((guint) type < PAR_CHART_N_TYPES);

  gtk_list_box_select_row (self->chart_list, gtk_list_box_get_row_at_index (self->chart_list, type));
}

ParScoreColumn
par_dashboard_page_get_column (ParDashboardPage *self)
{
  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), PAR_COLUMN_FINAL);
  return self->column;
}

void
par_dashboard_page_set_column (ParDashboardPage *self,
                               ParScoreColumn    column)
{
  g_return_if_fail (PAR_IS_DASHBOARD_PAGE (self));
  g_return_if_fail ((guint) column < PAR_N_SCORE_COLUMNS);

  gtk_check_button_set_active (column_button (self, column), TRUE);
}

GArray *
par_dashboard_page_get_years (ParDashboardPage *self)
{
  g_autoptr(GArray) selected = NULL;
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));

  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), years);

  selected = selected_assessments (self);
  for (guint i = 0; i < selected->len; i++)
    g_array_append_val (years, ((ParAssessment *) g_ptr_array_index (self->assessments,
                                                                     g_array_index (selected, guint, i)))->year);
  return years;
}

gboolean
par_dashboard_page_set_year_active (ParDashboardPage *self,
                                    int               year,
                                    gboolean          active)
{
  g_return_val_if_fail (PAR_IS_DASHBOARD_PAGE (self), FALSE);

  for (guint i = 0; self->assessments != NULL && i < self->assessments->len; i++)
    if (((ParAssessment *) g_ptr_array_index (self->assessments, i))->year == year)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->year_toggles, i), active);
        return TRUE;
      }
  return FALSE;
}

/* Type */

static void
par_dashboard_page_map (GtkWidget *widget)
{
  ParDashboardPage *self = PAR_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (par_dashboard_page_parent_class)->map (widget);
  if (self->stale && self->context != NULL)
    refresh (self);
}

static void
par_dashboard_page_dispose (GObject *object)
{
  ParDashboardPage *self = PAR_DASHBOARD_PAGE (object);
  GtkWidget *child;

  if (self->context != NULL)
    g_clear_signal_handler (&self->saved_id, par_context_get_writer (self->context));
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_DASHBOARD_PAGE);
  /* The template's outer box has no id: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  g_clear_object (&self->live);
  g_clear_object (&self->unit_names);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->year_toggles, g_ptr_array_unref);
  g_clear_pointer (&self->results, g_hash_table_unref);

  G_OBJECT_CLASS (par_dashboard_page_parent_class)->dispose (object);
}

static void
par_dashboard_page_class_init (ParDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_dashboard_page_dispose;
  widget_class->map = par_dashboard_page_map;

  g_type_ensure (PAR_TYPE_CHART_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/parscore/Parscore/par-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, export_popover);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, png_toggle);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, svg_toggle);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, pdf_toggle);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, size_names);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, height_spin);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, size_unit_label);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, export_confirm);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, years_box);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, years_hint);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, chart_list);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, column_final);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, column_appraised);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, column_self);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, column_hint);
  gtk_widget_class_bind_template_child (widget_class, ParDashboardPage, chart_view);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-dashboard", NULL);
  gtk_widget_class_set_css_name (widget_class, "pardashboardpage");
}

static void
par_dashboard_page_init (ParDashboardPage *self)
{

  gtk_widget_init_template (GTK_WIDGET (self));

  {
    GtkWidget *named[] = {
      GTK_WIDGET (self->png_toggle), GTK_WIDGET (self->svg_toggle), GTK_WIDGET (self->pdf_toggle),
      GTK_WIDGET (self->export_button), GTK_WIDGET (self->export_confirm),
      GTK_WIDGET (self->unit_dropdown), GTK_WIDGET (self->size_dropdown),
      GTK_WIDGET (self->width_spin), GTK_WIDGET (self->height_spin),
    };
    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      set_accessible_name (named[i], NULL);
  }

  self->type = PAR_CHART_FIELDS;
  /* Final scores by default: what counts, with what the council has not appraised hatched. */
  self->column = PAR_COLUMN_FINAL;
  for (guint c = 0; c < PAR_N_SCORE_COLUMNS; c++)
    {
      GtkCheckButton *button = column_button (self, (ParScoreColumn) c);

      gtk_check_button_set_label (button, par_score_column_label ((ParScoreColumn) c));
      g_object_set_data (G_OBJECT (button), "par-column", GINT_TO_POINTER (c));
      g_signal_connect (button, "toggled", G_CALLBACK (on_column_toggled), self);
    }
  self->results = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) par_result_unref);
  self->unit_names = gtk_string_list_new (NULL);
  par_unit_dropdown_init (self->unit_dropdown, G_LIST_MODEL (self->unit_names), 0);
  g_signal_connect (self->unit_dropdown, "notify::selected", G_CALLBACK (on_unit_selected), self);

  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++)
    gtk_string_list_append (self->size_names, _(export_sizes[i].name));
  g_signal_connect_swapped (self->size_dropdown, "notify::selected",
                            G_CALLBACK (on_export_options_changed), self);
  g_signal_connect_swapped (self->pdf_toggle, "toggled", G_CALLBACK (on_export_options_changed), self);
  g_signal_connect (self->export_confirm, "clicked", G_CALLBACK (on_export_confirm), self);
  on_export_options_changed (self);

  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    gtk_list_box_append (self->chart_list, chart_row_new ((ParChartType) t));
  self->syncing++;
  gtk_list_box_select_row (self->chart_list, gtk_list_box_get_row_at_index (self->chart_list, self->type));
  self->syncing--;
  g_signal_connect (self->chart_list, "row-selected", G_CALLBACK (on_chart_selected), self);

  g_signal_connect (self->chart_view, "activate-code", G_CALLBACK (on_activate_code), self);
}
