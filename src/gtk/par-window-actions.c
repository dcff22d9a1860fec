/* par-window-actions.c — what the main window does: its actions and their key bindings,
 * creating units and years, importing criteria sets, databases, submitting and
 * unlocking a year, and the one place that decides which actions are enabled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-audit-window.h"
#include "par-application.h"
#include "par-gtk-compat.h"
#include "par-open-database.h"
#include "par-pack-export.h"
#include "par-unit-dialog.h"
#include "par-window-private.h"

/* Creating units and years: one writer job each, then the window reloads. */

typedef struct {
  ParWindow *self;
  char      *name;
  ParLevel   level;
  gint64     unit_id;
  int        year;
  gint64     framework_row;
  gboolean   from_previous;  /* the unit has a year before: start from it */
  gboolean   carry_evidence; /* and cite its documents again */
  gint64     assessment_id;  /* out */
} CreateYear;

static void
create_year_free (CreateYear *job)
{
  g_object_unref (job->self);
  g_free (job->name);
  g_free (job);
}

/* A new unit is added first; a next year is started from the previous one by the store, in
 * one transaction (the one place that carries a year forward). */
static gboolean
create_year_run (ParStore  *store,
                 gpointer   data,
                 GError   **error)
{
  CreateYear *job = data;

  if (job->name != NULL)
    {
      job->unit_id = par_store_add_unit (store, job->name, job->level, error);
      if (job->unit_id <= 0)
        return FALSE;
    }

  if (job->from_previous)
    job->assessment_id = par_store_create_assessment_from_previous (
        store, job->unit_id, job->year, job->framework_row,
        (job->carry_evidence ? PAR_CARRY_EVIDENCE : PAR_CARRY_NOTHING) |
        PAR_CARRY_REGISTER_ROWS, error);   /* the rows the registers carry (issue 13) */
  else
    job->assessment_id = par_store_create_assessment (store, job->unit_id, job->year,
                                                      job->framework_row, error);
  return job->assessment_id > 0;
}

static void
create_year_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  CreateYear *job = user_data;
  ParWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    _par_window_show_error_dialog (self, _("The Year Cannot Be Started"), error->message);
  if (job->unit_id > 0)
    _par_window_reload_units (self, job->unit_id, job->assessment_id);
  create_year_free (job);
}

static void
on_unit_dialog_create (ParUnitDialog *dialog,
                       ParWindow     *self)
{
  CreateYear *job = g_new0 (CreateYear, 1);
  const char *name = par_unit_dialog_get_name (dialog);

  job->self = g_object_ref (self);
  job->name = name != NULL ? g_strdup (name) : NULL;
  job->level = par_unit_dialog_get_level (dialog);
  job->unit_id = name != NULL ? 0 : self->unit_id;
  job->year = par_unit_dialog_get_year (dialog);
  job->framework_row = par_unit_dialog_get_framework_row (dialog);
  if (name == NULL && self->assessments != NULL)
    for (guint i = 0; i < self->assessments->len; i++)
      if (((ParAssessment *) g_ptr_array_index (self->assessments, i))->year < job->year)
        job->from_previous = TRUE;
  job->carry_evidence = job->from_previous && par_unit_dialog_get_copy_links (dialog);

  /* The job frees itself in the callback (which can read what it wrote). */
  par_writer_run (par_context_get_writer (self->context), create_year_run, job, NULL, NULL,
                  create_year_done, job);
}

static void
open_unit_dialog (ParWindow         *self,
                  ParUnitDialogMode  mode,
                  gint64             framework_row)
{
  ParUnitDialog *dialog;
  GDateTime *now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  int previous = 0;

  g_date_time_unref (now);

  if (mode == PAR_UNIT_DIALOG_START_YEAR && self->assessments != NULL && self->assessments->len > 0)
    {
      ParAssessment *last = g_ptr_array_index (self->assessments, self->assessments->len - 1);
      previous = last->year;
      year = last->year + 1;
      if (framework_row == 0)
        framework_row = self->model != NULL
                        ? par_assessment_model_get_assessment (self->model)->framework_row
                        : last->framework_row;
    }

  dialog = par_unit_dialog_new (GTK_WINDOW (self), mode, self->context, framework_row, year,
                                previous);
  g_signal_connect (dialog, "create", G_CALLBACK (on_unit_dialog_create), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Importing a criteria set: parse and validate off the main thread, store via the writer. */

typedef struct {
  ParWindow    *self;
  ParFramework *framework;
  gint64        row;
} ImportJob;

static gboolean
import_run (ParStore  *store,
            gpointer   data,
            GError   **error)
{
  ImportJob *job = data;

  job->row = par_store_import_framework (store, job->framework, error);
  return job->row > 0;
}

static void
import_stored (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ImportJob *job = user_data;
  ParWindow *self = job->self;
  g_autoptr(GError) error = NULL;

  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    _par_window_show_error_dialog (self, _("The Criteria Set Cannot Be Stored"), error->message);
  else
    {
      g_autofree char *message = g_strdup_printf (_("Criteria set “%s” imported"),
                                                  par_framework_get_title (job->framework));
      par_window_add_toast (self, adw_toast_new (message));

      if (self->units == NULL || self->units->len == 0)
        open_unit_dialog (self, PAR_UNIT_DIALOG_NEW_UNIT, job->row);
      else if (self->model == NULL)
        open_unit_dialog (self, PAR_UNIT_DIALOG_START_YEAR, job->row);
    }

  g_object_unref (job->self);
  par_framework_unref (job->framework);
  g_free (job);
}

static void
load_framework_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  ParFramework *framework;

  if (path == NULL)
    {
      g_task_return_new_error (task, PAR_ERROR, PAR_ERROR_IO, _("Only local files can be imported."));
      return;
    }
  framework = par_framework_load_file (path, &error);
  if (framework == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, framework, (GDestroyNotify) par_framework_unref);
}

static void
framework_loaded (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ParWindow *self = PAR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  ParFramework *framework;
  ImportJob *job;

  framework = g_task_propagate_pointer (G_TASK (result), &error);
  if (framework == NULL)
    {
      _par_window_show_error_dialog (self, _("This File Cannot Be Used as a Criteria Set"), error->message);
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->self = g_object_ref (self);
  job->framework = framework;
  par_writer_run (par_context_get_writer (self->context), import_run, job, NULL, NULL,
                  import_stored, job);
}

void
par_window_import_framework (ParWindow *self,
                             GFile     *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, framework_loaded, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_framework_thread);
}

static void
on_import_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    par_window_import_framework (self, file);
}

static void
import_framework_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  gtk_file_filter_set_name (xml, _("Criteria sets (XML)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  par_file_dialog_set_title (dialog, _("Import Criteria Set"));
  par_file_dialog_set_accept_label (dialog, _("_Import"));
  par_file_dialog_add_filter (dialog, xml);
  par_file_dialog_open (dialog, GTK_WINDOW (widget), NULL, on_import_chosen, g_object_ref (widget));
}

static void
use_sample_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autofree char *path = par_context_find_data_file ("frameworks/sample-department.xml");
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    {
      _par_window_show_error_dialog (self, _("The Sample Criteria Set Is Missing"),
                                     _("Parscore was installed without its sample criteria set. Import your province's file instead."));
      return;
    }
  file = g_file_new_for_path (path);
  par_window_import_framework (self, file);
}

/* The audit log of the open year, in a window of its own (one per main window). */
static void
show_audit_log_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  const ParAssessment *assessment;
  g_autofree char *title = NULL;
  ParAuditWindow *audit;

  if (self->model == NULL)
    return;
  if (self->audit_window != NULL)
    gtk_window_destroy (self->audit_window);
  assessment = par_assessment_model_get_assessment (self->model);
  title = g_strdup_printf ("%s · %d", _par_window_unit_name (self), assessment->year);
  audit = par_audit_window_new (GTK_WINDOW (self), self->context, assessment->id, title);
  self->audit_window = GTK_WINDOW (audit);
  g_object_add_weak_pointer (G_OBJECT (audit), (gpointer *) &self->audit_window);
  gtk_window_present (GTK_WINDOW (audit));
}

/* Databases: the work is in par-open-database.c, shared with the start-up dialog. */

static void
database_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));

  if (!PAR_IS_APPLICATION (app))
    return;
  if (g_str_equal (action_name, "win.open-database"))
    par_open_database_choose (PAR_APPLICATION (app), GTK_WINDOW (widget), PAR_WINDOW (widget));
  else if (g_str_equal (action_name, "win.new-database"))
    par_open_database_create (PAR_APPLICATION (app), GTK_WINDOW (widget), PAR_WINDOW (widget));
  else
    par_open_database_demo (PAR_APPLICATION (app), GTK_WINDOW (widget), PAR_WINDOW (widget));
}

/* Other actions */

static gboolean
have_stored_frameworks (ParWindow *self)
{
  g_autoptr(GPtrArray) rows = par_store_list_frameworks (par_context_get_store (self->context), NULL);

  return rows != NULL && rows->len > 0;
}

static void
on_need_framework_response (AdwMessageDialog *dialog,
                            const char       *response,
                            ParWindow        *self)
{
  if (g_strcmp0 (response, "import") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.import-framework", NULL);
  else if (g_strcmp0 (response, "sample") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.use-sample", NULL);
}

static void
unit_or_year_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  ParUnitDialogMode mode = g_str_equal (action_name, "win.new-unit")
                           ? PAR_UNIT_DIALOG_NEW_UNIT : PAR_UNIT_DIALOG_START_YEAR;

  if (!have_stored_frameworks (self))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                  _("Import a Criteria Set First"),
                                                  _("A year is scored against a criteria set. Import your province's file, or use the sample set to try Parscore."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "sample", _("Use _Sample"),
                                        "import", _("_Import…"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                                  ADW_RESPONSE_SUGGESTED);
      g_signal_connect (dialog, "response", G_CALLBACK (on_need_framework_response), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  open_unit_dialog (self, mode, 0);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->model == NULL)
    return;
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
  gtk_toggle_button_set_active (self->search_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
next_incomplete_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  const ParNode *node;

  if (self->model == NULL)
    return;
  node = par_assessment_model_next_incomplete (self->model, self->current_code);
  if (node == NULL)
    {
      par_window_add_toast (self, adw_toast_new (_("Every sub-criterion is scored and backed by evidence")));
      return;
    }
  par_window_show_code (self, node->code);
}

static void
step_leaf_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  GPtrArray *leaves;
  const ParNode *current = NULL;
  int step = g_str_equal (action_name, "win.next-leaf") ? 1 : -1;
  int index;

  if (self->model == NULL)
    return;
  leaves = par_framework_get_leaves (par_assessment_model_get_framework (self->model));
  if (leaves->len == 0)
    return;
  if (self->current_code != NULL)
    current = par_framework_lookup (par_assessment_model_get_framework (self->model),
                                    self->current_code);
  if (current == NULL)
    index = step > 0 ? 0 : (int) leaves->len - 1;
  else
    index = CLAMP ((int) current->leaf_index + step, 0, (int) leaves->len - 1);
  par_window_show_code (self, ((ParNode *) g_ptr_array_index (leaves, index))->code);
}

static void
show_overview_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  par_window_show_code (PAR_WINDOW (widget), NULL);
}

static void
open_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  par_window_show_code (PAR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar_box);
}

static void
on_submit_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ParWindow        *self)
{
  if (self->model == NULL)
    return;
  if (g_strcmp0 (response, "submit") == 0)
    par_assessment_model_set_status (self->model, PAR_STATUS_SUBMITTED);
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autoptr(GPtrArray) blockers = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->model == NULL)
    return;
  blockers = par_assessment_model_get_blockers (self->model);
  if (blockers->len == 0)
    body = g_strdup (_("Submitting locks the year against edits. You can unlock it later; unlocking is recorded in the audit log."));
  else
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u sub-criterion is not ready: it is not scored or lacks evidence. Submitting locks the year against edits; you can unlock it later.",
                                         "%u sub-criteria are not ready: they are not scored or lack evidence. Submitting locks the year against edits; you can unlock it later.",
                                         blockers->len),
                            blockers->len);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Submit This Year?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "submit", blockers->len == 0 ? _("_Submit") : _("_Submit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit",
                                              blockers->len == 0 ? ADW_RESPONSE_SUGGESTED
                                                                 : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_submit_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_unlock_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ParWindow        *self)
{
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  if (self->model == NULL || g_strcmp0 (response, "unlock") != 0 || *text == '\0')
    return;
  par_assessment_model_set_status_with_reason (self->model, PAR_STATUS_DRAFT, text);
}

static void
on_reason_changed (GtkEditable      *reason,
                   AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (reason)));

  adw_message_dialog_set_response_enabled (dialog, "unlock", *text != '\0');
}

/* Enter in the reason unlocks, once there is one. */
static void
on_reason_activate (GtkEditable      *reason,
                    AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "unlock"))
    {
      adw_message_dialog_response (dialog, "unlock");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

/* Unlocking asks why: the reason goes to the audit log with the user's name. */
static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  GSettings *settings;
  g_autofree char *name = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list, *reason;

  if (self->model == NULL)
    return;
  settings = par_context_get_settings (self->context);
  name = settings != NULL ? g_settings_get_string (settings, "user-name") : NULL;
  actor = par_context_actor_for (name);
  /* Translators: %s is who unlocks, "Nguyễn Văn An (an)". */
  body = g_strdup_printf (_("Its scores and evidence can then be changed again. The audit log keeps the unlock with the date and time, your name (%s) and the reason you give."),
                          actor);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Unlock This Year?"), body);
  gtk_widget_set_name (dialog, "unlock-dialog");

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  reason = adw_entry_row_new ();
  gtk_widget_set_name (reason, "unlock-reason");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (reason), _("Reason"));
  par_accessible_set_name (reason, _("Reason for unlocking"));
  gtk_list_box_append (GTK_LIST_BOX (list), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed), dialog);
  g_signal_connect (reason, "entry-activated", G_CALLBACK (on_reason_activate), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_unlock_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (reason);
}

/* --- the pages shown in place of the editor ------------------------------------------------
 * The dashboard, the Figures and Books pages, the Council and the appraisal each take the main
 * stack's place of the editor and go back with Esc. They are made on first use, like the
 * sub-criterion page: start-up does not pay for them. */

/* Makes the page in *PAGE_SLOT (of TYPE) on first use and adds it to the main stack as NAME.
 * Returns TRUE when it was just made, for the caller to connect the page's signals. */
static gboolean
ensure_page (ParWindow  *self,
             gpointer    page_slot,
             GType       type,
             const char *name)
{
  GtkWidget **slot = page_slot;

  if (*slot != NULL)
    return FALSE;
  *slot = g_object_new (type, NULL);
  gtk_stack_add_named (self->main_stack, *slot, name);
  par_accessible_tidy (*slot);
  return TRUE;
}

static void
show_page (ParWindow  *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
  _par_window_actions_update (self);
}

/* Back from page NAME (if it is the one shown) to the editor, or to the empty page when no
 * year is open. A page holding edits saves them first: leaving never loses a typed value. */
static void
leave_page (ParWindow  *self,
            const char *name)
{
  GtkWidget *page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), name) != 0)
    return;
  page = gtk_stack_get_visible_child (self->main_stack);
  if (PAR_IS_FIGURES_PAGE (page))
    par_figures_page_save (PAR_FIGURES_PAGE (page));
  else if (PAR_IS_BOOKS_PAGE (page))
    par_books_page_save (PAR_BOOKS_PAGE (page));
  if (self->model != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "main");
  else
    _par_window_show_empty_page (self, self->units != NULL && self->units->len > 0 ? "no-year" : "welcome");
  _par_window_actions_update (self);
}

/* win.close-dashboard, -figures, -books, -appraisal: each action is named after its page. */
static void
close_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_assert (g_str_has_prefix (action_name, "win.close-"));
  leave_page (PAR_WINDOW (widget), action_name + strlen ("win.close-"));
}

/* The leadership dashboard: the unit's charts. */
static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->context == NULL || self->units == NULL || self->units->len == 0)
    return;
  ensure_page (self, &self->dashboard_page, PAR_TYPE_DASHBOARD_PAGE, "dashboard");
  par_dashboard_page_present (self->dashboard_page, self->context, self->unit_id, self->model);
  show_page (self, "dashboard");
}

static void
on_figures_saved (ParFiguresPage *page,
                  ParWindow      *self)
{
  if (self->model == NULL)
    return;
  par_assessment_model_figures_changed (self->model);
  /* The sub-criterion page lists the figures its rule uses: show their new values. */
  if (self->criterion_page != NULL && self->current_code != NULL &&
      par_framework_lookup (par_assessment_model_get_framework (self->model), self->current_code) != NULL &&
      par_node_is_leaf (par_framework_lookup (par_assessment_model_get_framework (self->model),
                                              self->current_code)))
    par_criterion_page_show (self->criterion_page, self->current_code);
}

/* The year's figures (format 2); the parameter is a figure to go to ("" for none), as the
 * sub-criterion page's figure buttons give it. */
static void
show_figures_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  const char *figure_id = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  gboolean editable;

  if (self->model == NULL)
    return;
  if (ensure_page (self, &self->figures_page, PAR_TYPE_FIGURES_PAGE, "figures"))
    g_signal_connect (self->figures_page, "saved", G_CALLBACK (on_figures_saved), self);
  editable = !par_assessment_model_is_locked (self->model) &&
             !par_assessment_model_is_read_only (self->model);
  par_figures_page_present (self->figures_page, self->context,
                            par_assessment_model_get_id (self->model), editable);
  gtk_stack_set_visible_child_name (self->main_stack, "figures");
  if (figure_id[0] == '\0' || !par_figures_page_focus_figure (self->figures_page, figure_id))
    par_figures_page_focus_first (self->figures_page);
  _par_window_actions_update (self);
}

/* --- the Books page (issue 13) -------------------------------------------------------------- */

static void
on_books_saved (ParBooksPage *page,
                ParWindow    *self)
{
  /* Register rows feed figures, and figures the sub-criteria: rescore as the Figures page does. */
  on_figures_saved (NULL, self);
}

/* The year's books (the registers of its set). */
static void
show_books_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->model == NULL)
    return;
  /* The page's last write may end after the window is gone (the writer holds the page). */
  if (ensure_page (self, &self->books_page, PAR_TYPE_BOOKS_PAGE, "books"))
    g_signal_connect_object (self->books_page, "saved", G_CALLBACK (on_books_saved), self, 0);
  par_books_page_present (self->books_page, self->model);
  show_page (self, "books");
}

/* --- the Council mode (issue 14) ---------------------------------------------------------- */

static void
on_council_open_unit (ParCouncilPage *page,
                      gint64          assessment_id,
                      ParWindow      *self)
{
  g_autoptr(GError) error = NULL;

  if (assessment_id == 0)
    {
      par_window_add_toast (self, adw_toast_new (_("This unit has not submitted: there is "
                                                   "nothing to appraise yet.")));
      return;
    }
  /* Packages imported since the database was opened brought units the window's list does
   * not hold yet: read them again, then open the year. */
  {
    g_autoptr(ParAssessment) year = par_store_get_assessment (par_context_get_store (self->context),
                                                             assessment_id, &error);

    if (year == NULL)
      {
        _par_window_show_error_dialog (self, _("This Year Cannot Be Opened"), error->message);
        return;
      }
    _par_window_reload_units (self, year->unit_id, assessment_id);
  }
  _par_window_actions_update (self);
}

void
_par_window_show_council (ParWindow *self)
{
  if (self->context == NULL)
    return;
  if (ensure_page (self, &self->council_page, PAR_TYPE_COUNCIL_PAGE, "council"))
    {
      g_signal_connect (self->council_page, "open-unit", G_CALLBACK (on_council_open_unit), self);
      g_signal_connect_swapped (self->council_page, "reloaded",
                                G_CALLBACK (_par_window_actions_update), self);
    }
  if (par_council_page_get_round_id (self->council_page) == 0)
    par_council_page_present (self->council_page, self->context, 0);
  else
    par_council_page_reload (self->council_page);
  show_page (self, "council");
}

static void
show_council_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->context != NULL && par_council_page_has_round (self->context))
    _par_window_show_council (self);
}

/* The unit selected in the Council table, in the editor. */
static void
close_council_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->council_page == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "council") != 0)
    return;
  on_council_open_unit (self->council_page,
                        par_council_page_get_selected_assessment (self->council_page), self);
}

/* The Council's header-menu actions: each shows the Council, then runs on its page. */
static void
council_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  static const struct { const char *action; void (*run) (ParCouncilPage *page); } runs[] = {
    { "win.council-import",      par_council_page_choose_files },
    { "win.council-return",      par_council_page_return_appraisal },
    { "win.council-report",      par_council_page_export_report },
    { "win.council-close-round", par_council_page_close_round },
  };
  ParWindow *self = PAR_WINDOW (widget);

  if (self->council_page == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    if (g_strcmp0 (action_name, runs[i].action) == 0)
      {
        _par_window_show_council (self);
        runs[i].run (self->council_page);
      }
}

/* --- the unit's side: the council's appraisal and the replies ---------------------------- */

static void
show_appraisal_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->model == NULL)
    return;
  ensure_page (self, &self->reply_page, PAR_TYPE_COUNCIL_REPLY_PAGE, "appraisal");
  par_council_reply_page_present (self->reply_page, self->context,
                                  par_assessment_model_get_id (self->model),
                                  _par_window_unit_name (self));
  show_page (self, "appraisal");
}

static void
save_reply_package_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->reply_page != NULL)
    par_council_reply_page_save_package (self->reply_page);
}

static void
on_appraisal_imported (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) year = NULL;
  gint64 id = par_council_import_appraisal_finish (result, &error);

  if (id == 0 ||
      (year = par_store_get_assessment (par_context_get_store (self->context), id, &error)) == NULL)
    {
      _par_window_show_error_dialog (self, _("The Appraisal Was Not Imported"), error->message);
      return;
    }
  _par_window_reload_units (self, year->unit_id, id);
  show_appraisal_action (GTK_WIDGET (self), "win.show-appraisal", NULL);
}

void
par_window_import_appraisal (ParWindow *self,
                             GFile     *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->context == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  par_council_import_appraisal (self->context, path, on_appraisal_imported, g_object_ref (self));
}

static void
on_appraisal_chosen (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, NULL);

  if (file != NULL)
    par_window_import_appraisal (self, file);
}

static void
import_appraisal_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) packages = gtk_file_filter_new ();

  gtk_file_filter_set_name (packages, _("Parscore packages"));
  gtk_file_filter_add_pattern (packages, "*" PAR_PACKAGE_EXTENSION);
  par_file_dialog_set_title (dialog, _("Import the Council’s Appraisal"));
  par_file_dialog_set_accept_label (dialog, _("_Import"));
  par_file_dialog_add_filter (dialog, packages);
  par_file_dialog_open (dialog, GTK_WINDOW (widget), NULL, on_appraisal_chosen,
                        g_object_ref (widget));
}

/* Year ID (0: the one open) at sub-criterion CODE ("": its overview): what the dashboard's
 * charts open when a bar, a label or a unit is clicked. The dashboard closes. */
static void
show_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *code;
  gint64 assessment_id;

  g_variant_get (parameter, "(x&s)", &assessment_id, &code);
  if (assessment_id > 0
      && (self->model == NULL || par_assessment_model_get_id (self->model) != assessment_id)
      && !par_window_open_assessment (self, assessment_id, &error))
    {
      if (error != NULL)
        par_window_add_toast (self, adw_toast_new (error->message));
      return;
    }
  if (par_window_show_code (self, code[0] != '\0' ? code : NULL))
    leave_page (self, "dashboard");
}

/* The one place that decides which actions make sense now. */
void
_par_window_actions_update (ParWindow *self)
{
  gboolean has_year = self->model != NULL;
  gboolean has_db = self->context != NULL;
  gboolean read_only = has_db && par_context_is_read_only (self->context);
  gboolean locked = has_year && par_assessment_model_is_locked (self->model);
  gboolean has_unit = self->units != NULL && self->units->len > 0;

  /* A read-only database can be read, charted and exported, never changed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-framework", has_db && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.use-sample", has_db && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-unit", has_db && !read_only);
  /* While a restore has let go of the database, the window waits for it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-database", !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-database", !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", has_db && !self->backup_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore", has_db && !read_only && !self->backup_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-year", has_unit && !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-dashboard", has_unit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-figures",
                                 has_year && par_framework_get_format_version (
                                   par_assessment_model_get_framework (self->model)) >= 2);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-books",
                                 has_year && par_framework_get_registers (
                                   par_assessment_model_get_framework (self->model))->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pack", has_year);
  {
    gboolean council = self->council_page != NULL &&
                       par_council_page_get_round_id (self->council_page) > 0;
    gboolean in_council = council &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                     "council") == 0;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-council", council && !in_council);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-council", in_council);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.council-import", council && !read_only);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.council-report", council);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.council-return",
                                   council && par_council_page_get_stage (self->council_page) != PAR_ROUND_STAGE_APPRAISAL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.council-close-round",
                                   council && !read_only &&
                                   par_council_page_get_stage (self->council_page) != PAR_ROUND_STAGE_FINAL);
    gtk_widget_set_visible (self->council_button, council);
    /* The unit's side: a unit's own database (no round in it). */
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-appraisal",
                                   has_db && !read_only && self->council_page == NULL);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-appraisal",
                                   has_year && self->council_page == NULL &&
                                   par_assessment_model_get_assessment (self->model)->status ==
                                   PAR_STATUS_APPRAISED);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-appraisal",
                                   g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                                              "appraisal") == 0);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-reply-package",
                                   self->reply_page != NULL && !read_only);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-audit-log", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-incomplete", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-leaf", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-leaf", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-code", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.submit", has_year && !locked);
  /* A council's database holds the units' sealed years: the council never unlocks them (it
   * never edits a unit's self scores). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock",
                                 locked && !read_only && self->council_page == NULL);
}

void
_par_window_class_actions_init (ParWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.import-framework", NULL, import_framework_action);
  gtk_widget_class_install_action (widget_class, "win.use-sample", NULL, use_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, database_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, _par_window_backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, _par_window_restore_action);
  gtk_widget_class_install_action (widget_class, "win.new-unit", NULL, unit_or_year_action);
  gtk_widget_class_install_action (widget_class, "win.start-year", NULL, unit_or_year_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.next-incomplete", NULL, next_incomplete_action);
  gtk_widget_class_install_action (widget_class, "win.next-leaf", NULL, step_leaf_action);
  gtk_widget_class_install_action (widget_class, "win.previous-leaf", NULL, step_leaf_action);
  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.open-code", "s", open_code_action);
  gtk_widget_class_install_action (widget_class, "win.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "win.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "win.show-dashboard", NULL, show_dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.show-audit-log", NULL, show_audit_log_action);
  gtk_widget_class_install_action (widget_class, "win.export-pack", NULL, par_pack_export_action);
  gtk_widget_class_install_action (widget_class, "win.close-dashboard", NULL, close_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-figures", "s", show_figures_action);
  gtk_widget_class_install_action (widget_class, "win.close-figures", NULL, close_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-books", NULL, show_books_action);
  gtk_widget_class_install_action (widget_class, "win.close-books", NULL, close_page_action);
  gtk_widget_class_install_action (widget_class, "win.show-code", "(xs)", show_code_action);
  gtk_widget_class_install_action (widget_class, "win.show-council", NULL, show_council_action);
  gtk_widget_class_install_action (widget_class, "win.close-council", NULL, close_council_action);
  gtk_widget_class_install_action (widget_class, "win.council-import", NULL, council_action);
  gtk_widget_class_install_action (widget_class, "win.council-close-round", NULL, council_action);
  gtk_widget_class_install_action (widget_class, "win.council-return", NULL, council_action);
  gtk_widget_class_install_action (widget_class, "win.council-report", NULL, council_action);
  gtk_widget_class_install_action (widget_class, "win.import-appraisal", NULL, import_appraisal_action);
  gtk_widget_class_install_action (widget_class, "win.show-appraisal", NULL, show_appraisal_action);
  gtk_widget_class_install_action (widget_class, "win.close-appraisal", NULL, close_page_action);
  gtk_widget_class_install_action (widget_class, "win.save-reply-package", NULL, save_reply_package_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-framework", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.new-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-unit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.next-incomplete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.next-incomplete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-leaf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-leaf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "win.show-overview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.show-dashboard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.show-figures", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-pack", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, GDK_CONTROL_MASK, "win.show-books", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.show-council", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-appraisal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.council-import", NULL);
}
