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
#include "par-criterion-page.h"
#include "par-document-dialog.h"
#include "par-file-chooser.h"
#include "par-format.h"
#include "par-link-dialog.h"

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
  AdwPreferencesGroup *evidence_group;
  GtkButton           *link_button;
  GtkButton           *add_document_button;
  AdwActionRow        *evidence_placeholder;
  AdwPreferencesGroup *results_group;
  AdwEntryRow         *appraised_row;
  AdwEntryRow         *survey_row;

  ParAssessmentModel  *model;
  char                *code;
  const ParNode       *node;
  GPtrArray           *input_rows;     /* rows made for this sub-criterion */
  GPtrArray           *text_rows;      /* entry rows kept for reuse (some hidden) */
  GPtrArray           *evidence_rows;  /* widgets added to evidence_group */
  GPtrArray           *hint_labels;
  GHashTable          *hidden_attachments;  /* ids removed, waiting for their toast */
  guint                loading;        /* > 0 while controls are filled from the entry */
  gboolean             manual_empty;   /* the manual score is not entered */
};

G_DEFINE_FINAL_TYPE (ParCriterionPage, par_criterion_page, GTK_TYPE_WIDGET)

static void update_score    (ParCriterionPage *self);
static void update_evidence (ParCriterionPage *self);

static ParEntry *
entry_copy (ParCriterionPage *self)
{
  const ParEntry *entry = par_assessment_model_get_entry (self->model, self->code);

  return entry != NULL ? par_entry_copy (entry) : par_entry_new (self->code);
}

static void
toast (ParCriterionPage *self,
       AdwToast         *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWindow *
parent_window (ParCriterionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
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
      gtk_widget_set_tooltip_text (row, error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      set_input (self, binding->input->id, "");
      return;
    }

  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
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
  g_autofree char *shown = par_format_input_value (input, value);
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
  gtk_widget_remove_css_class (row, "error");
  gtk_widget_set_tooltip_text (row, NULL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
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

/* The manual score: a spin button counting hundredths, shown as points. */

static gboolean
on_manual_output (GtkSpinButton    *spin,
                  ParCriterionPage *self)
{
  g_autofree char *text = NULL;

  if (self->manual_empty)
    text = g_strdup ("");
  else
    text = par_format_points ((ParPoints) gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_manual_input (GtkSpinButton    *spin,
                 double           *new_value,
                 ParCriterionPage *self)
{
  ParPoints points;

  if (!par_format_parse_points (gtk_editable_get_text (GTK_EDITABLE (spin)), &points))
    return GTK_INPUT_ERROR;
  *new_value = (double) points;
  return TRUE;
}

/* Clamp to 0…max and round down to the rule's step. */
static ParPoints
clamp_manual (const ParNode *node,
              ParPoints      points)
{
  ParPoints step = node->rule != NULL && node->rule->step > 0 ? node->rule->step : 1;

  points = CLAMP (points, 0, node->max);
  return points - points % step;
}

static void
set_manual (ParCriterionPage *self,
            gboolean          has_self,
            ParPoints         points)
{
  ParEntry *entry;

  if (self->loading > 0)
    return;
  entry = entry_copy (self);
  if (entry->has_self == has_self && (!has_self || entry->self == points))
    {
      par_entry_free (entry);
      return;
    }
  entry->has_self = has_self;
  entry->self = has_self ? points : 0;
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
  if (!par_format_parse_points (text, &points))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->manual_spin), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->manual_spin), "error");
  self->manual_empty = FALSE;
  set_manual (self, TRUE, clamp_manual (self->node, points));
}

static void
on_manual_value_changed (GtkSpinButton    *spin,
                         ParCriterionPage *self)
{
  if (self->loading > 0)
    return;
  self->manual_empty = FALSE;
  set_manual (self, TRUE, clamp_manual (self->node, (ParPoints) gtk_spin_button_get_value (spin)));
}

static void
load_manual (ParCriterionPage *self,
             const ParEntry   *entry)
{
  ParPoints step = self->node->rule->step > 0 ? self->node->rule->step : 25;
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->manual_spin);
  g_autofree char *max = par_format_points (self->node->max);
  g_autofree char *step_text = par_format_points (step);
  g_autofree char *subtitle = NULL;

  gtk_adjustment_configure (adjustment,
                            entry != NULL && entry->has_self ? (double) entry->self : 0,
                            0, (double) self->node->max, (double) step, (double) step * 4, 0);
  self->manual_empty = entry == NULL || !entry->has_self;
  gtk_spin_button_update (self->manual_spin);
  on_manual_output (self->manual_spin, self);

  /* Translators: the range of a manual score, "From 0 to 2,00 in steps of 0,25". */
  subtitle = g_strdup_printf (_("From 0 to %s in steps of %s"), max, step_text);
  adw_action_row_set_subtitle (self->manual_row, subtitle);
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
  ParPoints appraised = 0, survey = 0;
  gboolean has_appraised = *appraised_text != '\0';
  gboolean has_survey = *survey_text != '\0';
  gboolean ok = TRUE;

  if (self->loading > 0)
    return;

  if (has_appraised && (!par_format_parse_points (appraised_text, &appraised)
                        || appraised < 0 || appraised > self->node->max))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->appraised_row), "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->appraised_row), "error");

  if (has_survey && (!par_format_parse_points (survey_text, &survey)
                     || survey < 0 || survey > self->node->max))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->survey_row), "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->survey_row), "error");

  if (ok)
    par_assessment_model_set_council (self->model, self->code, has_appraised, appraised,
                                      has_survey, survey);
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
        g_autofree char *max = par_format_points (self->node->max);
        owned_subtitle = g_strdup_printf (_("Not applicable: its %s points are left out of the total."), max);
      }
      break;
    case PAR_SCORE_SURVEY:
      score_text = par_format_score_of (score->has_survey, score->survey, score->max);
      subtitle = _("Scored by the sociological survey, not self-assessed. Enter the survey score under Published Results.");
      break;
    case PAR_SCORE_INVALID:
      score_text = par_format_score_of (FALSE, 0, score->max);
      subtitle = score->explanation;
      gtk_widget_add_css_class (GTK_WIDGET (self->computed_row), "error");
      break;
    case PAR_SCORE_INCOMPLETE:
      score_text = par_format_score_of (FALSE, 0, score->max);
      subtitle = _("Enter every figure to compute the score.");
      break;
    case PAR_SCORE_SCORED:
      score_text = par_format_score_of (score->has_self, score->self, score->max);
      subtitle = score->explanation;
      break;
    case PAR_SCORE_NOT_STARTED:
    default:
      score_text = par_format_score_of (FALSE, 0, self->node->max);
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

/* Evidence */

typedef struct {
  ParCriterionPage *self;
  gint64            document_id;
  gint64            attachment_id;
  char             *section;
  char             *pages;
  char             *name;
  gboolean          undone;
  /* document rows only */
  GtkWidget        *remove_button;
  GPtrArray        *children;    /* rows added when opened */
} RowData;

static void
row_data_free (RowData *data)
{
  g_clear_pointer (&data->children, g_ptr_array_unref);
  g_free (data->section);
  g_free (data->pages);
  g_free (data->name);
  g_free (data);
}

static void
on_unlink_undo (AdwToast *toast,
                RowData  *data)
{
  ParCriterionPage *self = data->self;

  if (self->model != NULL && self->code != NULL)
    par_assessment_model_link_document (self->model, data->document_id, self->code,
                                        data->section, data->pages);
}

static void
on_unlink_clicked (GtkButton *button,
                   RowData   *data)
{
  ParCriterionPage *self = data->self;
  g_autofree char *title = NULL;
  RowData *undo;
  AdwToast *t;

  par_assessment_model_unlink_document (self->model, self->code, data->document_id);

  undo = g_new0 (RowData, 1);
  undo->self = self;
  undo->document_id = data->document_id;
  undo->section = g_strdup (data->section);
  undo->pages = g_strdup (data->pages);
  /* Translators: a toast; %s is a document's number, "06/KH-KCNĐN". */
  title = g_strdup_printf (_("%s removed from this sub-criterion"), data->name);
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_unlink_undo), undo,
                         (GClosureNotify) (void (*) (void)) row_data_free, G_CONNECT_DEFAULT);
  toast (self, t);
}

static void
on_remove_attachment_undo (AdwToast *toast,
                           RowData  *data)
{
  data->undone = TRUE;
  g_hash_table_remove (data->self->hidden_attachments, &data->attachment_id);
  update_evidence (data->self);
}

/* The removal happens only once its toast is gone without Undo: a removed blob could not
 * be brought back otherwise. */
static void
on_remove_attachment_dismissed (AdwToast *toast,
                                RowData  *data)
{
  ParCriterionPage *self = data->self;

  if (data->undone)
    return;
  if (self->model != NULL)
    par_assessment_model_remove_attachment (self->model, data->attachment_id, data->document_id);
  g_hash_table_remove (self->hidden_attachments, &data->attachment_id);
}

static void
on_remove_attachment_clicked (GtkButton *button,
                              RowData   *data)
{
  ParCriterionPage *self = data->self;
  g_autofree char *title = NULL;
  RowData *pending;
  AdwToast *t;

  pending = g_new0 (RowData, 1);
  pending->self = self;
  pending->document_id = data->document_id;
  pending->attachment_id = data->attachment_id;
  g_hash_table_add (self->hidden_attachments, g_memdup2 (&data->attachment_id, sizeof (gint64)));
  update_evidence (self);

  title = g_strdup_printf (_("%s removed"), data->name);
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect (t, "button-clicked", G_CALLBACK (on_remove_attachment_undo), pending);
  g_signal_connect_data (t, "dismissed", G_CALLBACK (on_remove_attachment_dismissed), pending,
                         (GClosureNotify) (void (*) (void)) row_data_free, G_CONNECT_DEFAULT);
  toast (self, t);
}

/* Open a stored attachment with the desktop's default app, under its original name. */
static void
open_attachment (ParCriterionPage    *self,
                 const ParAttachment *attachment)
{
  ParStore *store = par_context_get_store (par_assessment_model_get_context (self->model));
  g_autofree char *blob = par_store_attachment_path (store, attachment);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "parscore", "open",
                                           attachment->sha256, NULL);
  g_autofree char *base = g_path_get_basename (attachment->original_name != NULL
                                               ? attachment->original_name : attachment->sha256);
  g_autofree char *link = g_build_filename (dir, base, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  /* The blob is named by its hash; a link named like the original tells apps its type. */
  if (g_mkdir_with_parents (dir, 0700) == 0 && !g_file_test (link, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) link_file = g_file_new_for_path (link);
      if (!g_file_make_symbolic_link (link_file, blob, NULL, NULL))
        g_clear_pointer (&link, g_free);
    }
  file = g_file_new_for_path (link != NULL ? link : blob);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);
    gtk_file_launcher_launch (launcher, parent_window (self), NULL, NULL, NULL);
  }
#else
  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autoptr(GdkAppLaunchContext) context =
      gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));

    if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
      {
        g_autofree char *message = g_strdup_printf (_("%s cannot be opened: %s"), base, error->message);
        toast (self, adw_toast_new (message));
      }
  }
#endif
}

static void
on_attachment_activated (AdwActionRow *row,
                         RowData      *data)
{
  ParCriterionPage *self = data->self;
  GPtrArray *attachments = par_assessment_model_get_attachments (self->model, data->document_id);

  for (guint i = 0; i < attachments->len; i++)
    {
      const ParAttachment *attachment = g_ptr_array_index (attachments, i);
      if (attachment->id == data->attachment_id)
        open_attachment (self, attachment);
    }
}

static void
on_open_clicked (GtkButton *button,
                 RowData   *data)
{
  on_attachment_activated (NULL, data);
}

static GStrv
paths_of_files (GSList *files)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  return g_strv_builder_end (builder);
}

static void
attach_files (ParCriterionPage *self,
              gint64            document_id,
              GSList           *files)
{
  g_auto(GStrv) paths = paths_of_files (files);

  if (paths[0] == NULL)
    {
      toast (self, adw_toast_new (_("Only local files can be attached")));
      return;
    }
  par_assessment_model_attach_files (self->model, document_id, (const char * const *) paths);
}

static void
on_attach_response (GtkNativeDialog *chooser,
                    int              response,
                    RowData         *target)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GSList *files = par_file_chooser_get_files (chooser);

      attach_files (target->self, target->document_id, files);
      g_slist_free_full (files, g_object_unref);
    }
  row_data_free (target);
}

static void
on_attach_activated (AdwActionRow *row,
                     RowData      *data)
{
  /* The row may be rebuilt while the chooser is open: the answer gets its own copy. */
  RowData *target = g_new0 (RowData, 1);

  target->self = data->self;
  target->document_id = data->document_id;
  par_file_chooser_open (parent_window (data->self), _("Attach Files"), _("_Attach"), TRUE, NULL,
                         G_CALLBACK (on_attach_response), target);
}

static gboolean
on_document_drop (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  RowData       *data)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = gdk_file_list_get_files (list);

  if (par_assessment_model_is_locked (data->self->model))
    return FALSE;
  attach_files (data->self, data->document_id, files);
  return TRUE;
}

static char *
format_size (gint64 size)
{
  return g_format_size ((guint64) MAX (size, 0));
}

static GtkWidget *
make_flat_button (const char *icon,
                  const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  par_accessible_set_name (button, tooltip);
  return button;
}

/* A document's rows (issuer, part cited, files, "Attach Files…") are made when it is first
 * opened: switching sub-criteria must not build rows nobody looks at. */
static void
fill_document_row (GtkWidget *row)
{
  RowData *data = g_object_get_data (G_OBJECT (row), "row-data");
  ParCriterionPage *self = data->self;
  const ParDocument *document;
  GPtrArray *attachments;
  gboolean locked;

  if (data->children->len > 0 || self->model == NULL)
    return;
  document = par_assessment_model_get_document (self->model, data->document_id);
  attachments = par_assessment_model_get_attachments (self->model, data->document_id);
  locked = par_assessment_model_is_locked (self->model);
  if (document == NULL)
    return;

  /* The issuer is in the row's subtitle already. */
  if (data->section != NULL || data->pages != NULL)
    {
      GtkWidget *sub = par_plain_action_row_new ();
      g_autofree char *part = NULL;

      if (data->section != NULL && data->pages != NULL)
        part = g_strdup_printf (_("%s, page %s"), data->section, data->pages);
      else if (data->pages != NULL)
        part = g_strdup_printf (_("Page %s"), data->pages);
      else
        part = g_strdup (data->section);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sub), _("Cited Part"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (sub), part);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), sub);
      g_ptr_array_add (data->children, sub);
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      const ParAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *sub, *open, *remove;
      RowData *att;
      g_autofree char *size = NULL;
      g_autofree char *sub_title = NULL;
      g_autofree char *open_tip = NULL;
      g_autofree char *remove_tip = NULL;
      const char *name = attachment->original_name != NULL ? attachment->original_name
                                                           : attachment->sha256;

      if (g_hash_table_contains (self->hidden_attachments, &attachment->id))
        continue;

      att = g_new0 (RowData, 1);
      att->self = self;
      att->document_id = data->document_id;
      att->attachment_id = attachment->id;
      att->name = g_strdup (name);

      size = format_size (attachment->size);
      sub = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sub), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (sub), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (sub), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (sub),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (sub), TRUE);
      g_object_set_data_full (G_OBJECT (sub), "row-data", att, (GDestroyNotify) row_data_free);
      g_signal_connect (sub, "activated", G_CALLBACK (on_attachment_activated), att);

      open_tip = g_strdup_printf (_("Open %s"), name);
      open = make_flat_button ("document-open-symbolic", open_tip);
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked), att);
      adw_action_row_add_suffix (ADW_ACTION_ROW (sub), open);

      remove_tip = g_strdup_printf (_("Remove %s"), name);
      remove = make_flat_button ("edit-delete-symbolic", remove_tip);
      gtk_widget_set_sensitive (remove, !locked);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_attachment_clicked), att);
      adw_action_row_add_suffix (ADW_ACTION_ROW (sub), remove);

      sub_title = g_strdup_printf ("%s, %s", name, size);
      par_accessible_set_name (sub, sub_title);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), sub);
      g_ptr_array_add (data->children, sub);
    }

  if (!locked)
    {
      GtkWidget *attach = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attach), _("_Attach Files…"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (attach), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (attach), _("Or drop files on this document"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (attach),
                                 gtk_image_new_from_icon_name ("list-add-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (attach), TRUE);
      par_accessible_set_name (attach, _("Attach files"));
      g_signal_connect (attach, "activated", G_CALLBACK (on_attach_activated), data);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), attach);
      g_ptr_array_add (data->children, attach);
    }
}

static void
on_document_expanded (GtkWidget *row)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    fill_document_row (row);
}

/* Document rows are kept and reused from one sub-criterion to the next: making and styling
 * new rows is most of what switching costs. */
static GtkWidget *
new_document_row (ParCriterionPage *self)
{
  GtkWidget *row = par_plain_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  GtkDropTarget *target;
  RowData *data = g_new0 (RowData, 1);

  data->self = self;
  data->children = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (row), "row-data", data, (GDestroyNotify) row_data_free);

  gtk_widget_add_css_class (row, "document-row");
  par_accessible_set_name (icon, _("Document"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  data->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (data->remove_button, "flat");
  gtk_widget_set_valign (data->remove_button, GTK_ALIGN_CENTER);
  g_signal_connect (data->remove_button, "clicked", G_CALLBACK (on_unlink_clicked), data);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), data->remove_button);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_document_drop), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_document_expanded), NULL);
  return row;
}

/* Show @link's document in @row; FALSE if the document cannot be read. */
static gboolean
set_document_row (ParCriterionPage      *self,
                  GtkWidget             *row,
                  const ParEvidenceLink *link,
                  gboolean               locked)
{
  RowData *data = g_object_get_data (G_OBJECT (row), "row-data");
  const ParDocument *document = par_assessment_model_get_document (self->model, link->document_id);
  GPtrArray *attachments = par_assessment_model_get_attachments (self->model, link->document_id);
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *tip = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint shown = 0;
  gboolean same;

  if (document == NULL)
    return FALSE;

  /* The rows inside go; they are made again when the row is open. A row that shows another
   * document closes; one showing the same document (a file was attached) stays open. */
  same = data->document_id == link->document_id;
  if (!same)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  for (guint i = 0; i < data->children->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (row), g_ptr_array_index (data->children, i));
  g_ptr_array_set_size (data->children, 0);

  data->document_id = link->document_id;
  g_free (data->section);
  data->section = g_strdup (link->section);
  g_free (data->pages);
  data->pages = g_strdup (link->pages);
  g_free (data->name);
  data->name = g_strdup (document->number);

  date = par_format_date (document->issue_date);
  title = *date != '\0'
          /* Translators: a document's number and date of issue, "06/KH-KCNĐN · 14/01/2020". */
          ? g_strdup_printf (_("%s · %s"), document->number, date)
          : g_strdup (document->number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  par_accessible_set_name (row, title);

  tip = g_strdup_printf (_("Remove %s from this sub-criterion"), document->number);
  gtk_widget_set_tooltip_text (data->remove_button, tip);
  par_accessible_set_name (data->remove_button, tip);
  gtk_widget_set_sensitive (data->remove_button, !locked);

  for (guint i = 0; i < attachments->len; i++)
    if (!g_hash_table_contains (self->hidden_attachments,
                                &((ParAttachment *) g_ptr_array_index (attachments, i))->id))
      shown++;
  if (document->summary != NULL)
    g_string_append (subtitle, document->summary);
  if (subtitle->len > 0)
    g_string_append (subtitle, "\n");
  if (document->issuer != NULL)
    g_string_append (subtitle, document->issuer);
  if (shown > 0)
    {
      if (document->issuer != NULL)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle,
                              g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", shown), shown);
    }
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  if (same && adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    fill_document_row (row);
  return TRUE;
}

static void
update_evidence (ParCriterionPage *self)
{
  GPtrArray *links;
  gboolean locked;
  guint used = 0;

  if (self->model != NULL && self->code != NULL)
    {
      locked = par_assessment_model_is_locked (self->model);
      links = par_assessment_model_get_links (self->model, self->code);
      for (guint i = 0; i < links->len; i++)
        {
          GtkWidget *row;

          if (used == self->evidence_rows->len)
            {
              row = new_document_row (self);
              adw_preferences_group_add (self->evidence_group, row);
              g_ptr_array_add (self->evidence_rows, row);
            }
          row = g_ptr_array_index (self->evidence_rows, used);
          if (set_document_row (self, row, g_ptr_array_index (links, i), locked))
            {
              gtk_widget_set_visible (row, TRUE);
              used++;
            }
        }
      gtk_widget_set_sensitive (GTK_WIDGET (self->link_button), !locked);
      gtk_widget_set_sensitive (GTK_WIDGET (self->add_document_button), !locked);
    }

  /* Rows not needed now wait, hidden, for a sub-criterion with more documents. */
  for (guint i = used; i < self->evidence_rows->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->evidence_rows, i), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_placeholder), used == 0);
}

static void
on_document_dialog_add (ParDocumentDialog *dialog,
                        ParCriterionPage  *self)
{
  if (self->model == NULL || self->code == NULL)
    return;
  par_assessment_model_add_document (self->model,
                                     par_document_dialog_get_document (dialog),
                                     self->code,
                                     par_document_dialog_get_section (dialog),
                                     par_document_dialog_get_pages (dialog),
                                     par_document_dialog_get_files (dialog));
}

void
par_criterion_page_add_files (ParCriterionPage *self,
                              GSList           *files)
{
  ParDocumentDialog *dialog;

  g_return_if_fail (PAR_IS_CRITERION_PAGE (self));

  if (self->model == NULL || self->code == NULL || par_assessment_model_is_locked (self->model))
    return;
  dialog = par_document_dialog_new (parent_window (self), self->code, files);
  g_signal_connect_object (dialog, "add", G_CALLBACK (on_document_dialog_add), self, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_document_clicked (GtkButton        *button,
                         ParCriterionPage *self)
{
  par_criterion_page_add_files (self, NULL);
}

static void
on_link_dialog_link (ParLinkDialog    *dialog,
                     ParCriterionPage *self)
{
  if (self->model == NULL || self->code == NULL)
    return;
  par_assessment_model_link_document (self->model,
                                      par_link_dialog_get_document_id (dialog),
                                      self->code,
                                      par_link_dialog_get_section (dialog),
                                      par_link_dialog_get_pages (dialog));
}

static void
on_link_clicked (GtkButton        *button,
                 ParCriterionPage *self)
{
  GPtrArray *links = par_assessment_model_get_links (self->model, self->code);
  g_autoptr(GArray) linked = g_array_new (FALSE, FALSE, sizeof (gint64));
  ParLinkDialog *dialog;

  for (guint i = 0; i < links->len; i++)
    g_array_append_val (linked, ((ParEvidenceLink *) g_ptr_array_index (links, i))->document_id);

  dialog = par_link_dialog_new (parent_window (self),
                                par_context_get_store (par_assessment_model_get_context (self->model)),
                                self->code, linked);
  g_signal_connect_object (dialog, "link", G_CALLBACK (on_link_dialog_link), self, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  par_criterion_page_add_files (self, files);
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
  if (code == NULL || g_strcmp0 (code, self->code) == 0)
    {
      update_evidence (self);
      update_score (self);
    }
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
  for (guint i = 0; i < self->evidence_rows->len; i++)
    adw_preferences_group_remove (self->evidence_group, g_ptr_array_index (self->evidence_rows, i));
  g_ptr_array_set_size (self->evidence_rows, 0);

  g_set_object (&self->model, model);
  g_clear_pointer (&self->code, g_free);
  self->node = NULL;
  g_hash_table_remove_all (self->hidden_attachments);
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

  max = par_format_points (node->max);
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
  gtk_widget_set_sensitive (GTK_WIDGET (self->inputs_group), !locked && !(entry && entry->not_applicable));

  gtk_widget_set_visible (GTK_WIDGET (self->manual_row), manual);
  gtk_widget_set_visible (GTK_WIDGET (self->computed_row), !manual);
  if (manual)
    load_manual (self, entry);
  gtk_widget_set_sensitive (GTK_WIDGET (self->manual_row), !locked);

  gtk_widget_set_visible (GTK_WIDGET (self->na_row), node->na_allowed);
  gtk_switch_set_active (self->na_switch, entry != NULL && entry->not_applicable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->na_row), !locked);

  buffer = gtk_text_view_get_buffer (self->explanation_view);
  gtk_text_buffer_set_text (buffer, entry != NULL && entry->explanation != NULL ? entry->explanation : "", -1);
  gtk_text_view_set_editable (self->explanation_view, !locked);
  gtk_widget_set_visible (GTK_WIDGET (self->explanation_group), !survey);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_group), !survey);

  {
    g_autofree char *appraised = entry != NULL && entry->has_appraised ? par_format_points (entry->appraised) : g_strdup ("");
    g_autofree char *survey_score = entry != NULL && entry->has_survey ? par_format_points (entry->survey) : g_strdup ("");
    gtk_editable_set_text (GTK_EDITABLE (self->appraised_row), appraised);
    gtk_editable_set_text (GTK_EDITABLE (self->survey_row), survey_score);
    gtk_widget_remove_css_class (GTK_WIDGET (self->appraised_row), "error");
    gtk_widget_remove_css_class (GTK_WIDGET (self->survey_row), "error");
  }

  self->loading--;

  update_evidence (self);
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
  g_ptr_array_unref (self->evidence_rows);
  g_ptr_array_unref (self->hint_labels);
  g_hash_table_unref (self->hidden_attachments);
  g_free (self->code);

  G_OBJECT_CLASS (par_criterion_page_parent_class)->finalize (object);
}

static void
par_criterion_page_class_init (ParCriterionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_criterion_page_dispose;
  object_class->finalize = par_criterion_page_finalize;

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
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, link_button);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, add_document_button);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, evidence_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, results_group);
  gtk_widget_class_bind_template_child (widget_class, ParCriterionPage, appraised_row);
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
  self->evidence_rows = g_ptr_array_new ();
  self->hint_labels = g_ptr_array_new ();
  self->hidden_attachments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_signal_connect (self->manual_spin, "output", G_CALLBACK (on_manual_output), self);
  g_signal_connect (self->manual_spin, "input", G_CALLBACK (on_manual_input), self);
  g_signal_connect (self->manual_spin, "value-changed", G_CALLBACK (on_manual_value_changed), self);
  g_signal_connect (self->manual_spin, "changed", G_CALLBACK (on_manual_text_changed), self);
  g_signal_connect (self->na_switch, "notify::active", G_CALLBACK (on_na_active), self);
  g_signal_connect (self->na_switch, "notify::active", G_CALLBACK (on_na_changed_sensitivity), self);
  g_signal_connect (gtk_text_view_get_buffer (self->explanation_view), "changed",
                    G_CALLBACK (on_explanation_changed), self);
  g_signal_connect (self->appraised_row, "changed", G_CALLBACK (on_council_changed), self);
  g_signal_connect (self->survey_row, "changed", G_CALLBACK (on_council_changed), self);
  g_signal_connect (self->link_button, "clicked", G_CALLBACK (on_link_clicked), self);
  g_signal_connect (self->add_document_button, "clicked", G_CALLBACK (on_add_document_clicked), self);

  par_accessible_set_name (self->appraised_row, _("Appraised score"));
  par_accessible_set_name (self->survey_row, _("Survey score"));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_page_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
