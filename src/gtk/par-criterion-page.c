/* par-criterion-page.c — scoring one sub-criterion.
 *
 * Every control edits a copy of the leaf's entry and hands it to the assessment model,
 * which rescores in memory and queues the write: the score and its explanation follow
 * each keystroke and nothing here waits on the disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-council-reply.h"
#include "par-criterion-page.h"
#include "par-evidence-list.h"
#include "par-display.h"

struct _ParCriterionPage
{
  GtkWidget            parent_instance;

  /* template */
  GtkScrolledWindow   *scrolled;
  GtkLabel            *code_label;
  GtkLabel            *title_label;
  GtkLabel            *title_en_label;
  AdwPreferencesGroup *rule_group;
  GtkLabel            *description_label;
  GtkBox              *hints_box;
  AdwPreferencesGroup *inputs_group;
  AdwPreferencesGroup *figures_group;  /* format 2: the year's figures the rule uses */
  GPtrArray           *figure_rows;
  AdwPreferencesGroup *score_group;
  AdwActionRow        *computed_row;
  GtkLabel            *score_label;
  AdwActionRow        *manual_row;
  GtkSpinButton       *manual_spin;
  AdwActionRow        *na_row;
  GtkSwitch           *na_switch;
  AdwPreferencesGroup *explanation_group;
  GtkLabel            *explanation_hint;
  GtkTextView         *explanation_view;
  ParEvidenceList     *evidence_list;
  AdwPreferencesGroup *results_group;
  AdwEntryRow         *appraised_row;
  AdwEntryRow         *comment_row;
  AdwActionRow        *reply_row;
  char                *results_description;
  AdwEntryRow         *survey_row;

  ParAssessmentModel  *model;
  char                *code;
  const ParNode       *node;
  GPtrArray           *input_rows;     /* rows made for this sub-criterion */
  GPtrArray           *text_rows;      /* entry rows kept for reuse (some hidden) */
  GPtrArray           *hint_labels;
  guint                loading;        /* > 0 while controls are filled from the entry */
  guint                typing;         /* > 0 while the manual score's value follows its text */
  gboolean             manual_empty;   /* the manual score is not entered */
  char                *manual_range;   /* "From 0 to 1,00 in steps of 0,25" */
};

G_DEFINE_FINAL_TYPE (ParCriterionPage, par_criterion_page, GTK_TYPE_WIDGET)

static void update_score (ParCriterionPage *self);

static ParEntry *
entry_copy (ParCriterionPage *self)
{
  const ParEntry *entry = par_assessment_model_get_entry (self->model, self->code);

  return entry != NULL ? par_entry_copy (entry) : par_entry_new (self->code);
}

/* Inputs */

typedef struct {
  ParCriterionPage *self;
  const ParInput   *input;
  GtkWidget        *yes;    /* boolean inputs */
  GtkWidget        *no;
} InputBinding;

static void
set_input (ParCriterionPage *self,
           const char       *id,
           const char       *value)
{
  ParEntry *entry;

  if (self->loading > 0)
    return;
  entry = entry_copy (self);
  par_entry_set_input (entry, id, value);
  par_assessment_model_set_entry (self->model, entry);
}

/* What on_text_input_changed () marks on a figure it cannot read, taken back: only when it
 * is there, since each of these calls is work for every key typed (the tooltip asks the
 * display for the pointer, the accessible state is sent to screen readers). */
static void
clear_row_error (GtkWidget *row)
{
  if (!gtk_widget_has_css_class (row, "error"))
    return;
  gtk_widget_remove_css_class (row, "error");
  par_widget_set_tooltip (row, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
on_text_input_changed (GtkEditable  *editable,
                       InputBinding *binding)
{
  ParCriterionPage *self = binding->self;
  GtkWidget *row = GTK_WIDGET (editable);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->loading > 0)
    return;

  value = par_input_normalize (binding->input, gtk_editable_get_text (editable), &error);
  if (value == NULL)
    {
      /* What does not parse does not count: the score shows the rule without it. */
      gtk_widget_add_css_class (row, "error");
      par_widget_set_tooltip (row, error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      set_input (self, binding->input->id, "");
      return;
    }

  clear_row_error (row);
  set_input (self, binding->input->id, value);
}

static void
on_choice_selected (AdwComboRow  *row,
                    GParamSpec   *pspec,
                    InputBinding *binding)
{
  guint selected = adw_combo_row_get_selected (row);
  const ParOption *option = NULL;

  /* Item 0 is "not entered". */
  if (selected > 0 && selected <= binding->input->options->len)
    option = g_ptr_array_index (binding->input->options, selected - 1);
  set_input (binding->self, binding->input->id, option != NULL ? option->value : "");
}

static void
on_boolean_toggled (GtkToggleButton *button,
                    InputBinding    *binding)
{
  ParCriterionPage *self = binding->self;
  gboolean active = gtk_toggle_button_get_active (button);
  GtkWidget *other = GTK_WIDGET (button) == binding->yes ? binding->no : binding->yes;
  const char *value;

  if (self->loading > 0)
    return;
  /* Two buttons, at most one pressed: yes, no, or not answered. */
  if (active)
    {
      self->loading++;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (other), FALSE);
      self->loading--;
      value = GTK_WIDGET (button) == binding->yes ? "true" : "false";
    }
  else
    value = "";
  set_input (self, binding->input->id, value);
}

static const char *
input_title (const ParInput *input)
{
  return input->label != NULL ? input->label : input->id;
}

static gboolean
is_text_input (const ParInput *input)
{
  return input->type != PAR_INPUT_CHOICE && input->type != PAR_INPUT_BOOLEAN;
}

/* An entry row for a typed figure. Rows are reused from one sub-criterion to the next:
 * set_text_row() points one at another input. */
static GtkWidget *
new_text_row (ParCriterionPage *self)
{
  GtkWidget *row = adw_entry_row_new ();
  InputBinding *binding = g_new0 (InputBinding, 1);

  binding->self = self;
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "binding", binding);
  g_signal_connect_data (row, "changed", G_CALLBACK (on_text_input_changed),
                         binding, (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_DEFAULT);
  return row;
}

static void
set_text_row (GtkWidget      *row,
              const ParInput *input,
              const char     *value)
{
  InputBinding *binding = g_object_get_data (G_OBJECT (row), "binding");
  g_autofree char *shown = par_display_input_value (input, value);
  g_autofree char *title = NULL;
  const char *unit = input->type == PAR_INPUT_PERCENT ? "%" : input->unit;

  binding->input = input;
  if (input->type == PAR_INPUT_DATE)
    /* Translators: the title of a date field; the format users type. */
    title = g_strdup_printf (_("%s (dd/mm/yyyy)"), input_title (input));
  else if (unit != NULL && *unit != '\0')
    title = g_strdup_printf ("%s (%s)", input_title (input), unit);
  else
    title = g_strdup (input_title (input));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row),
                                   input->type == PAR_INPUT_INTEGER ? GTK_INPUT_PURPOSE_DIGITS
                                                                    : GTK_INPUT_PURPOSE_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (row), shown);
  clear_row_error (row);
  gtk_widget_set_name (row, input->id);
  par_accessible_set_name (row, input_title (input));
  /* The entry inside gets the name too: it is what has focus and the text. */
  if (gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL)
    par_accessible_set_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), input_title (input));
}

static GtkWidget *
make_input_row (ParCriterionPage *self,
                const ParInput   *input,
                const char       *value)
{
  InputBinding *binding = g_new0 (InputBinding, 1);
  GtkWidget *row;

  binding->self = self;
  binding->input = input;

  switch (input->type)
    {
    case PAR_INPUT_CHOICE:
      {
        GtkStringList *labels = gtk_string_list_new (NULL);
        guint selected = 0;

        gtk_string_list_append (labels, _("Not entered"));
        for (guint i = 0; i < input->options->len; i++)
          {
            const ParOption *option = g_ptr_array_index (input->options, i);
            gtk_string_list_append (labels, option->label != NULL ? option->label : option->value);
            if (g_strcmp0 (option->value, value) == 0)
              selected = i + 1;
          }
        row = adw_combo_row_new ();
        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), input_title (input));
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
        g_object_unref (labels);
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        g_signal_connect_data (row, "notify::selected", G_CALLBACK (on_choice_selected),
                               binding, (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_DEFAULT);
        break;
      }

    case PAR_INPUT_BOOLEAN:
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
        g_autofree char *yes_name = g_strdup_printf (_("%s: yes"), input_title (input));
        g_autofree char *no_name = g_strdup_printf (_("%s: no"), input_title (input));

        row = par_plain_action_row_new ();
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), input_title (input));
        gtk_widget_add_css_class (box, "linked");
        gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
        binding->yes = gtk_toggle_button_new_with_label (_("Yes"));
        binding->no = gtk_toggle_button_new_with_label (_("No"));
        par_accessible_set_name (binding->yes, yes_name);
        par_accessible_set_name (binding->no, no_name);
        gtk_box_append (GTK_BOX (box), binding->yes);
        gtk_box_append (GTK_BOX (box), binding->no);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (binding->yes), g_strcmp0 (value, "true") == 0);
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (binding->no), g_strcmp0 (value, "false") == 0);
        g_signal_connect (binding->yes, "toggled", G_CALLBACK (on_boolean_toggled), binding);
        g_signal_connect_data (binding->no, "toggled", G_CALLBACK (on_boolean_toggled),
                               binding, (GClosureNotify) (void (*) (void)) g_free, G_CONNECT_DEFAULT);
        break;
      }

    case PAR_INPUT_INTEGER:
    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
    case PAR_INPUT_DATE:
    default:
      g_free (binding);
      row = new_text_row (self);
      set_text_row (row, input, value);
      return row;
    }

  gtk_widget_set_name (row, input->id);
  par_accessible_set_name (row, input_title (input));
  return row;
}

static void
rebuild_inputs (ParCriterionPage *self,
                const ParEntry   *entry)
{
  GPtrArray *inputs = self->node->inputs;
  gboolean all_text = TRUE;
  guint used = 0;

  for (guint i = 0; i < self->input_rows->len; i++)
    adw_preferences_group_remove (self->inputs_group, g_ptr_array_index (self->input_rows, i));
  g_ptr_array_set_size (self->input_rows, 0);

  for (guint i = 0; inputs != NULL && i < inputs->len; i++)
    all_text = all_text && is_text_input (g_ptr_array_index (inputs, i));

  for (guint i = 0; inputs != NULL && i < inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (inputs, i);
      const char *value = entry != NULL ? par_entry_get_input (entry, input->id) : NULL;
      GtkWidget *row;

      /* Typed figures only (most rules) reuse the entry rows in place; a mix with choices
       * is built afresh so the rows keep the order of the criteria set. */
      if (all_text)
        {
          if (used == self->text_rows->len)
            {
              row = new_text_row (self);
              adw_preferences_group_add (self->inputs_group, row);
              g_ptr_array_add (self->text_rows, row);
            }
          row = g_ptr_array_index (self->text_rows, used++);
          set_text_row (row, input, value);
          gtk_widget_set_visible (row, TRUE);
          continue;
        }
      row = make_input_row (self, input, value);
      adw_preferences_group_add (self->inputs_group, row);
      g_ptr_array_add (self->input_rows, row);
    }
  for (guint i = used; i < self->text_rows->len; i++)
    {
      gtk_widget_set_visible (g_ptr_array_index (self->text_rows, i), FALSE);
      gtk_widget_set_name (g_ptr_array_index (self->text_rows, i), "");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->inputs_group), inputs != NULL && inputs->len > 0);
}

/* Format 2: the figures the rule uses, each with its period values and year value; a row
 * opens the Figures page at it (win.show-figures). Figures are entered there, once for
 * every sub-criterion that uses them. */
static void
rebuild_figures (ParCriterionPage *self)
{
  GPtrArray *figures = self->node->figures;
  g_autoptr(ParFigureResult) result = NULL;

  for (guint i = 0; i < self->figure_rows->len; i++)
    adw_preferences_group_remove (self->figures_group, g_ptr_array_index (self->figure_rows, i));
  g_ptr_array_set_size (self->figure_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->figures_group), figures != NULL && figures->len > 0);
  if (figures == NULL || figures->len == 0)
    return;
  result = par_store_evaluate_figures (par_context_get_store (par_assessment_model_get_context (self->model)),
                                       par_assessment_model_get_id (self->model), NULL);
  for (guint i = 0; result != NULL && i < figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (figures, i);
      g_autofree char *explain = par_figure_result_explain (result, figure,
                                                            par_points_decimal_separator ());
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), figure->label);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), explain);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-figures");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", figure->id);
      gtk_widget_set_name (row, figure->id);
      adw_preferences_group_add (self->figures_group, row);
      g_ptr_array_add (self->figure_rows, row);
    }
}

/* The manual score: a spin button counting hundredths, shown as points. */

/* The spin button shows its value when it is loaded, stepped (+/-) or updated (Enter, focus
 * leaving, being realized). What the user typed stays as typed when it already says that
 * value: an update must never put a stale value back over the text being typed. */
static gboolean
on_manual_output (GtkSpinButton    *spin,
                  ParCriterionPage *self)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *text = NULL;
  ParPoints typed;

  if (self->typing > 0)
    return TRUE;
  if (self->loading == 0 && *shown != '\0')
    {
      if (!par_display_parse_points (shown, &typed))
        return TRUE;
      if ((double) CLAMP (typed, (ParPoints) gtk_adjustment_get_lower (adjustment),
                          (ParPoints) gtk_adjustment_get_upper (adjustment))
          == gtk_adjustment_get_value (adjustment))
        return TRUE;
    }
  if (self->manual_empty)
    text = g_strdup ("");
  else
    text = par_display_points ((ParPoints) gtk_adjustment_get_value (adjustment));
  if (g_strcmp0 (text, shown) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_manual_input (GtkSpinButton    *spin,
                 double           *new_value,
                 ParCriterionPage *self)
{
  ParPoints points;

  if (!par_display_parse_points (gtk_editable_get_text (GTK_EDITABLE (spin)), &points))
    return GTK_INPUT_ERROR;
  *new_value = (double) points;
  return TRUE;
}

/* What the core's check (par_entry_check, the one rule of what may be stored) says of
 * @entry's @field: the first problem's message, or NULL when it may be stored. */
static char *
refusal (const ParNode  *node,
         const ParEntry *entry,
         ParEntryField   field)
{
  g_autoptr(GPtrArray) problems = par_entry_check_all (node, entry);

  for (guint i = 0; i < problems->len; i++)
    {
      ParEntryProblem *problem = g_ptr_array_index (problems, i);

      if (problem->field == field)
        return g_strdup (problem->message);
    }
  return NULL;
}

/* The manual score's row says its range, or why what was typed cannot be stored. */
static void
show_manual_refusal (ParCriterionPage *self,
                     const char       *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->manual_spin), "error");
      adw_action_row_set_subtitle (self->manual_row, message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->manual_spin), "error");
      adw_action_row_set_subtitle (self->manual_row, self->manual_range);
    }
}

/* Stores the manual score when the core's check accepts it; else shows its message and
 * leaves what is stored alone. */
static void
set_manual (ParCriterionPage *self,
            gboolean          has_self,
            ParPoints         points)
{
  const ParEntry *stored;
  g_autofree char *message = NULL;
  ParEntry *entry;

  if (self->loading > 0)
    return;
  stored = par_assessment_model_get_entry (self->model, self->code);
  entry = entry_copy (self);
  entry->has_self = has_self;
  entry->self = has_self ? points : 0;
  message = has_self ? refusal (self->node, entry, PAR_ENTRY_FIELD_SELF) : NULL;
  show_manual_refusal (self, message);
  if (message != NULL
      || (stored != NULL ? stored->has_self == has_self && (!has_self || stored->self == points) : !has_self))
    {
      par_entry_free (entry);
      return;
    }
  par_assessment_model_set_entry (self->model, entry);
}

/* As typed: what parses counts at once (clamped and stepped); the text is tidied when the
 * spin button updates itself (Enter, focus leaving, the +/- buttons). */
static void
on_manual_text_changed (GtkEditable      *editable,
                        ParCriterionPage *self)
{
  const char *text = gtk_editable_get_text (editable);
  ParPoints points;

  if (self->loading > 0)
    return;
  if (*text == '\0')
    {
      self->manual_empty = TRUE;
      set_manual (self, FALSE, 0);
      return;
    }
  if (!par_display_parse_points (text, &points))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->manual_spin), "error");
      return;
    }
  self->manual_empty = FALSE;
  /* The spin button's value follows the text, so that its next update shows the same. */
  self->typing++;
  gtk_adjustment_set_value (gtk_spin_button_get_adjustment (self->manual_spin), (double) points);
  self->typing--;
  set_manual (self, TRUE, points);
}

static void
on_manual_value_changed (GtkSpinButton    *spin,
                         ParCriterionPage *self)
{
  if (self->loading > 0 || self->typing > 0)
    return;
  self->manual_empty = FALSE;
  set_manual (self, TRUE, (ParPoints) gtk_spin_button_get_value (spin));
}

static void
load_manual (ParCriterionPage *self,
             const ParEntry   *entry)
{
  ParPoints step = self->node->rule->step > 0 ? self->node->rule->step : 25;
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->manual_spin);
  g_autofree char *max = par_display_points (self->node->max);
  g_autofree char *step_text = par_display_points (step);

  gtk_adjustment_configure (adjustment,
                            entry != NULL && entry->has_self ? (double) entry->self : 0,
                            0, (double) self->node->max, (double) step, (double) step * 4, 0);
  self->manual_empty = entry == NULL || !entry->has_self;
  gtk_spin_button_update (self->manual_spin);
  on_manual_output (self->manual_spin, self);

  g_free (self->manual_range);
  /* Translators: the range of a manual score, "From 0 to 2,00 in steps of 0,25". */
  self->manual_range = g_strdup_printf (_("From 0 to %s in steps of %s"), max, step_text);
  show_manual_refusal (self, NULL);
}

/* Not applicable, explanation */

static void
on_na_active (GtkSwitch        *sw,
              GParamSpec       *pspec,
              ParCriterionPage *self)
{
  ParEntry *entry;

  if (self->loading > 0)
    return;
  entry = entry_copy (self);
  entry->not_applicable = gtk_switch_get_active (sw);
  par_assessment_model_set_entry (self->model, entry);
}

static void
on_explanation_changed (GtkTextBuffer    *buffer,
                        ParCriterionPage *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  ParEntry *entry;

  if (self->loading > 0)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  entry = entry_copy (self);
  g_free (entry->explanation);
  entry->explanation = *text != '\0' ? g_steal_pointer (&text) : NULL;
  par_assessment_model_set_entry (self->model, entry);
}

/* Council's scores */

static void
on_council_changed (GtkEditable      *editable,
                    ParCriterionPage *self)
{
  const char *appraised_text = gtk_editable_get_text (GTK_EDITABLE (self->appraised_row));
  const char *survey_text = gtk_editable_get_text (GTK_EDITABLE (self->survey_row));
  g_autoptr(ParEntry) entry = NULL;
  g_autofree char *appraised_refused = NULL;
  g_autofree char *survey_refused = NULL;
  gboolean appraised_bad = FALSE, survey_bad = FALSE;

  if (self->loading > 0)
    return;

  /* What does not read as points is marked; what does is the core check's to accept. */
  entry = entry_copy (self);
  entry->has_appraised = *appraised_text != '\0';
  entry->has_survey = *survey_text != '\0';
  if (entry->has_appraised && !par_display_parse_points (appraised_text, &entry->appraised))
    appraised_bad = TRUE;
  if (entry->has_survey && !par_display_parse_points (survey_text, &entry->survey))
    survey_bad = TRUE;
  if (entry->has_appraised && !appraised_bad)
    appraised_refused = refusal (self->node, entry, PAR_ENTRY_FIELD_APPRAISED);
  if (entry->has_survey && !survey_bad)
    survey_refused = refusal (self->node, entry, PAR_ENTRY_FIELD_SURVEY);
  appraised_bad = appraised_bad || appraised_refused != NULL;
  survey_bad = survey_bad || survey_refused != NULL;

  if (appraised_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->appraised_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->appraised_row), "error");
  if (survey_bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->survey_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->survey_row), "error");
  adw_preferences_group_set_description (self->results_group,
                                         appraised_refused != NULL ? appraised_refused
                                         : survey_refused != NULL ? survey_refused
                                         : self->results_description);

  if (!appraised_bad && !survey_bad)
    par_assessment_model_set_council (self->model, self->code, entry->has_appraised, entry->appraised,
                                      entry->has_survey, entry->survey);
}

static void
on_comment_changed (GtkEditable      *editable,
                    ParCriterionPage *self)
{
  if (self->loading > 0)
    return;
  par_assessment_model_set_council_comment (self->model, self->code,
                                            gtk_editable_get_text (editable));
}

/* In a council's database (issue 14) the council's column belongs to a round: its comment, the
 * unit's reply beside it in round 2, and no edit once round 2 is closed — the core refuses it
 * too (par_store_save_council_in_round). */
static void
show_council_round (ParCriterionPage *self,
                    const ParEntry   *entry)
{
  ParStore *store = par_context_get_store (par_assessment_model_get_context (self->model));
  gint64 id = par_assessment_model_get_id (self->model);
  g_autoptr(ParRound) round = par_store_round_of_assessment (store, id, NULL);
  g_autoptr(GPtrArray) replies = NULL;
  const ParReply *reply = NULL;
  gboolean editable = !par_assessment_model_is_read_only (self->model);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->comment_row), round != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reply_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row),
                         entry != NULL && entry->comment != NULL ? entry->comment : "");
  if (round == NULL)
    {
      g_free (self->results_description);
      self->results_description = g_strdup (_("The council's scores, once the province publishes them."));
      adw_preferences_group_set_description (self->results_group, self->results_description);
      gtk_widget_set_sensitive (GTK_WIDGET (self->appraised_row), editable);
      gtk_widget_set_sensitive (GTK_WIDGET (self->survey_row), editable);
      return;
    }
  replies = par_store_list_replies (store, id, NULL);
  for (guint i = 0; replies != NULL && i < replies->len; i++)
    if (g_strcmp0 (((ParReply *) replies->pdata[i])->code, self->code) == 0)
      reply = replies->pdata[i];
  if (reply != NULL)
    {
      /* The evidence the unit added with its reply, under it (council2's hook). */
      g_autoptr(GPtrArray) evidence = par_store_list_reply_evidence (store, id, self->code, NULL);
      g_autoptr(GString) text = g_string_new (reply->text);

      for (guint i = 0; evidence != NULL && i < evidence->len; i++)
        {
          g_autofree char *line = par_council_evidence_line (store, evidence->pdata[i]);

          /* Translators: a document the unit added with its reply, on its own line */
          g_string_append_printf (text, _("\nEvidence: %s"), line);
        }
      adw_action_row_set_subtitle (self->reply_row, text->str);
      gtk_widget_set_visible (GTK_WIDGET (self->reply_row), TRUE);
    }
  if (round->stage == PAR_ROUND_STAGE_FINAL)
    {
      editable = FALSE;
      description = g_strdup_printf (_("Round 2 of %d is closed: the final scores are locked."),
                                     round->year);
    }
  else
    description = g_strdup_printf (round->stage == PAR_ROUND_STAGE_APPRAISAL
                                   ? _("Round 1 of %d: the council’s appraised score and comment.")
                                   : _("Round 2 of %d: the final score, beside the unit’s reply."),
                                   round->year);
  g_free (self->results_description);
  self->results_description = g_steal_pointer (&description);
  adw_preferences_group_set_description (self->results_group, self->results_description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->appraised_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->survey_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_row), editable);
}

/* Score */

static void
update_score (ParCriterionPage *self)
{
  const ParLeafScore *score;
  g_autofree char *score_text = NULL;
  const char *subtitle = NULL;
  g_autofree char *owned_subtitle = NULL;
  GPtrArray *links;
  gboolean manual, survey;

  if (self->node == NULL)
    return;

  score = par_result_get_leaf (par_assessment_model_get_result (self->model), self->code);
  manual = self->node->rule != NULL && self->node->rule->type == PAR_RULE_MANUAL;
  survey = self->node->rule != NULL && self->node->rule->type == PAR_RULE_SURVEY;

  gtk_widget_remove_css_class (GTK_WIDGET (self->computed_row), "error");
  switch (score != NULL ? score->state : PAR_SCORE_NOT_STARTED)
    {
    case PAR_SCORE_NOT_APPLICABLE:
      score_text = g_strdup (C_("score", "N/A"));
      {
        g_autofree char *max = par_display_points (self->node->max);
        owned_subtitle = g_strdup_printf (_("Not applicable: its %s points are left out of the total."), max);
      }
      break;
    case PAR_SCORE_SURVEY:
      score_text = par_display_score_of (score->has_survey, score->survey, score->max);
      subtitle = _("Scored by the sociological survey, not self-assessed. Enter the survey score under Published Results.");
      break;
    case PAR_SCORE_INVALID:
      score_text = par_display_score_of (FALSE, 0, score->max);
      subtitle = score->explanation;
      gtk_widget_add_css_class (GTK_WIDGET (self->computed_row), "error");
      break;
    case PAR_SCORE_INCOMPLETE:
      score_text = par_display_score_of (FALSE, 0, score->max);
      subtitle = _("Enter every figure to compute the score.");
      break;
    case PAR_SCORE_SCORED:
      score_text = par_display_score_of (score->has_self, score->self, score->max);
      subtitle = score->explanation;
      break;
    case PAR_SCORE_NOT_STARTED:
    default:
      score_text = par_display_score_of (FALSE, 0, self->node->max);
      subtitle = manual ? _("Not scored yet.") : _("Enter the figures to compute the score.");
      break;
    }

  gtk_label_set_label (self->score_label, score_text);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->computed_row),
                                 survey ? _("Survey Score")
                                        : manual ? _("Self Score") : _("Computed Score"));
  if (owned_subtitle == NULL)
    owned_subtitle = g_strdup (subtitle != NULL ? subtitle : "");
  adw_action_row_set_subtitle (self->computed_row, owned_subtitle);
  {
    /* Translators: what a screen reader says for the score, "Score: 1,00 / 2,00". */
    g_autofree char *name = g_strdup_printf (_("Score: %s"), score_text);
    par_accessible_set_name (self->score_label, name);
  }

  /* The explanation is asked for when nothing backs the score. */
  links = par_assessment_model_get_links (self->model, self->code);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_hint),
                          links->len == 0 && !survey
                          && (score == NULL || score->state != PAR_SCORE_NOT_APPLICABLE));
}

/* Evidence: its own widget; a drop of files anywhere on the page starts a document. */

static gboolean
on_page_drop (GtkDropTarget    *target,
              const GValue     *value,
              double            x,
              double            y,
              ParCriterionPage *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = gdk_file_list_get_files (list);

  if (self->model == NULL || par_assessment_model_is_locked (self->model))
    return FALSE;
  par_evidence_list_add_files (self->evidence_list, files);
  return TRUE;
}

/* Model signals */

static void
on_model_changed (ParAssessmentModel *model,
                  const char         *code,
                  ParCriterionPage   *self)
{
  if (g_strcmp0 (code, self->code) == 0)
    update_score (self);
}

static void
on_model_evidence_changed (ParAssessmentModel *model,
                           const char         *code,
                           ParCriterionPage   *self)
{
  /* The explanation is asked for when no document backs the score. */
  if (code == NULL || g_strcmp0 (code, self->code) == 0)
    update_score (self);
}

void
par_criterion_page_set_model (ParCriterionPage   *self,
                              ParAssessmentModel *model)
{
  g_return_if_fail (PAR_IS_CRITERION_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  /* Rows point into the old year's criteria set: they go with it. */
  for (guint i = 0; i < self->input_rows->len; i++)
    adw_preferences_group_remove (self->inputs_group, g_ptr_array_index (self->input_rows, i));
  g_ptr_array_set_size (self->input_rows, 0);
  for (guint i = 0; i < self->text_rows->len; i++)
    adw_preferences_group_remove (self->inputs_group, g_ptr_array_index (self->text_rows, i));
  g_ptr_array_set_size (self->text_rows, 0);
  par_evidence_list_set_model (self->evidence_list, model);

  g_set_object (&self->model, model);
  g_clear_pointer (&self->code, g_free);
  self->node = NULL;
  if (model == NULL)
    return;
  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect (model, "evidence-changed", G_CALLBACK (on_model_evidence_changed), self);
}

void
par_criterion_page_show (ParCriterionPage *self,
                         const char       *code)
{
  const ParEntry *entry;
  const ParNode *node;
  gboolean locked, manual, survey;
  g_autofree char *max = NULL;
  g_autofree char *caption = NULL;
  GtkTextBuffer *buffer;
  GPtrArray *hints;

  g_return_if_fail (PAR_IS_CRITERION_PAGE (self));
  g_return_if_fail (self->model != NULL);

  node = par_framework_lookup (par_assessment_model_get_framework (self->model), code);
  g_return_if_fail (node != NULL && par_node_is_leaf (node));

  if (g_strcmp0 (self->code, code) != 0)
    {
      g_free (self->code);
      self->code = g_strdup (code);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
    }
  self->node = node;
  entry = par_assessment_model_get_entry (self->model, code);
  locked = par_assessment_model_is_locked (self->model);
  manual = node->rule != NULL && node->rule->type == PAR_RULE_MANUAL;
  survey = node->rule != NULL && node->rule->type == PAR_RULE_SURVEY;

  self->loading++;

  max = par_display_points (node->max);
  switch (node->kind)
    {
    case PAR_NODE_DEDUCTION:
      /* Translators: "Deduction T1 · at most 2,00 points". */
      caption = g_strdup_printf (_("Deduction %s · at most %s points"), node->code, max);
      break;
    case PAR_NODE_BONUS:
      caption = g_strdup_printf (_("Bonus %s · at most %s points"), node->code, max);
      break;
    case PAR_NODE_ROOT:
    case PAR_NODE_FIELD:
    case PAR_NODE_CRITERION:
    case PAR_NODE_SUB:
    default:
      /* Translators: "1.1.4 · maximum 2,00 points". */
      caption = g_strdup_printf (_("%s · maximum %s points"), node->code, max);
      break;
    }
  gtk_label_set_label (self->code_label, caption);
  gtk_label_set_label (self->title_label, node->title);
  gtk_label_set_label (self->title_en_label, node->title_en != NULL ? node->title_en : "");
  gtk_widget_set_visible (GTK_WIDGET (self->title_en_label), FALSE);

  gtk_label_set_label (self->description_label, node->description != NULL ? node->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), node->description != NULL);
  for (guint i = 0; i < self->hint_labels->len; i++)
    gtk_box_remove (self->hints_box, g_ptr_array_index (self->hint_labels, i));
  g_ptr_array_set_size (self->hint_labels, 0);
  hints = node->evidence_hints;
  for (guint i = 0; hints != NULL && i < hints->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("•  %s", (const char *) g_ptr_array_index (hints, i));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->hints_box, label);
      g_ptr_array_add (self->hint_labels, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hints_box), self->hint_labels->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rule_group),
                          node->description != NULL || self->hint_labels->len > 0);

  rebuild_inputs (self, entry);
  rebuild_figures (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->inputs_group), !locked && !(entry && entry->not_applicable));
  /* Insensitive is not enough for a screen reader: a locked figure is read-only text. */
  for (guint i = 0; i < self->text_rows->len; i++)
    par_accessible_set_editable (g_ptr_array_index (self->text_rows, i), !locked);
  for (guint i = 0; i < self->input_rows->len; i++)
    if (GTK_IS_EDITABLE (g_ptr_array_index (self->input_rows, i)))
      par_accessible_set_editable (g_ptr_array_index (self->input_rows, i), !locked);

  gtk_widget_set_visible (GTK_WIDGET (self->manual_row), manual);
  gtk_widget_set_visible (GTK_WIDGET (self->computed_row), !manual);
  if (manual)
    load_manual (self, entry);
  gtk_widget_set_sensitive (GTK_WIDGET (self->manual_row), !locked);
  par_accessible_set_editable (self->manual_spin, !locked);

  gtk_widget_set_visible (GTK_WIDGET (self->na_row), node->na_allowed);
  gtk_switch_set_active (self->na_switch, entry != NULL && entry->not_applicable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->na_row), !locked);

  buffer = gtk_text_view_get_buffer (self->explanation_view);
  gtk_text_buffer_set_text (buffer, entry != NULL && entry->explanation != NULL ? entry->explanation : "", -1);
  par_accessible_set_editable (self->explanation_view, !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_group), !survey);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_list), !survey);

  {
    g_autofree char *appraised = entry != NULL && entry->has_appraised ? par_display_points (entry->appraised) : g_strdup ("");
    g_autofree char *survey_score = entry != NULL && entry->has_survey ? par_display_points (entry->survey) : g_strdup ("");
    gtk_editable_set_text (GTK_EDITABLE (self->appraised_row), appraised);
    gtk_editable_set_text (GTK_EDITABLE (self->survey_row), survey_score);
    gtk_widget_remove_css_class (GTK_WIDGET (self->appraised_row), "error");
    gtk_widget_remove_css_class (GTK_WIDGET (self->survey_row), "error");
    adw_preferences_group_set_description (self->results_group, self->results_description);
    /* A locked year still takes the council's scores; a read-only database takes nothing; a
     * closed round neither. */
    show_council_round (self, entry);
  }

  self->loading--;

  par_evidence_list_show (self->evidence_list, code);
  update_score (self);
}

static void
on_na_changed_sensitivity (GtkSwitch        *sw,
                           GParamSpec       *pspec,
                           ParCriterionPage *self)
{
  if (self->model != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->inputs_group),
                              !gtk_switch_get_active (sw) && !par_assessment_model_is_locked (self->model));
}

const char *
par_criterion_page_get_code (ParCriterionPage *self)
{
  g_return_val_if_fail (PAR_IS_CRITERION_PAGE (self), NULL);
  return self->code;
}

static void
par_criterion_page_dispose (GObject *object)
{
  ParCriterionPage *self = PAR_CRITERION_PAGE (object);

  par_criterion_page_set_model (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_CRITERION_PAGE);
  /* The scrolled window at the top of the template has no id: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_criterion_page_parent_class)->dispose (object);
}

static void
par_criterion_page_finalize (GObject *object)
{
  ParCriterionPage *self = PAR_CRITERION_PAGE (object);

  g_ptr_array_unref (self->input_rows);
  g_ptr_array_unref (self->text_rows);
  g_ptr_array_unref (self->hint_labels);
  g_ptr_array_unref (self->figure_rows);
  g_free (self->code);
  g_free (self->manual_range);
  g_free (self->results_description);

  G_OBJECT_CLASS (par_criterion_page_parent_class)->finalize (object);
}

static void
par_criterion_page_class_init (ParCriterionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_criterion_page_dispose;
  object_class->finalize = par_criterion_page_finalize;

  g_type_ensure (PAR_TYPE_EVIDENCE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-criterion-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, code_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, title_en_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, rule_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, hints_box);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, inputs_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, score_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, computed_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, score_label);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, manual_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, manual_spin);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, na_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, na_switch);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, explanation_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, explanation_hint);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, explanation_view);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, results_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, appraised_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, comment_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, reply_row);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, survey_row);

  gtk_widget_class_set_css_name (widget_class, "parcriterionpage");
}

static void
par_criterion_page_init (ParCriterionPage *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  self->input_rows = g_ptr_array_new ();
  self->text_rows = g_ptr_array_new ();
  self->hint_labels = g_ptr_array_new ();
  self->figure_rows = g_ptr_array_new ();
  self->figures_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->figures_group, _("Figures"));
  adw_preferences_group_set_description (self->figures_group,
                                         _("This rule reads the year's figures, entered once on the "
                                           "Figures page for every sub-criterion that uses them."));
  gtk_widget_set_name (GTK_WIDGET (self->figures_group), "figures");
  gtk_widget_set_visible (GTK_WIDGET (self->figures_group), FALSE);
  gtk_widget_insert_after (GTK_WIDGET (self->figures_group),
                           gtk_widget_get_parent (GTK_WIDGET (self->inputs_group)),
                           GTK_WIDGET (self->inputs_group));

  g_signal_connect (self->manual_spin, "output", G_CALLBACK (on_manual_output), self);
  g_signal_connect (self->manual_spin, "input", G_CALLBACK (on_manual_input), self);
  g_signal_connect (self->manual_spin, "value-changed", G_CALLBACK (on_manual_value_changed), self);
  g_signal_connect (self->manual_spin, "changed", G_CALLBACK (on_manual_text_changed), self);
  g_signal_connect (self->na_switch, "notify::active", G_CALLBACK (on_na_active), self);
  g_signal_connect (self->na_switch, "notify::active", G_CALLBACK (on_na_changed_sensitivity), self);
  g_signal_connect (gtk_text_view_get_buffer (self->explanation_view), "changed",
                    G_CALLBACK (on_explanation_changed), self);
  self->results_description = g_strdup (adw_preferences_group_get_description (self->results_group));
  g_signal_connect (self->appraised_row, "changed", G_CALLBACK (on_council_changed), self);
  g_signal_connect (self->survey_row, "changed", G_CALLBACK (on_council_changed), self);
  g_signal_connect (self->comment_row, "changed", G_CALLBACK (on_comment_changed), self);

  par_accessible_set_name (self->appraised_row, _("Appraised score"));
  par_accessible_set_name (self->survey_row, _("Survey score"));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_page_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
