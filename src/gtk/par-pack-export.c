/* par-pack-export.c — "Export Evidence Pack…" (win.export-pack, Ctrl+E).
 *
 * A save dialog proposes "Ho-so-CCHC-<year>-<unit>.pdf"; then a modal dialog shows the
 * export's progress (a bar, the step, the document being merged) with a Cancel button while
 * par_pack_export() runs in a GTask thread on its own store connection. The worker keeps only
 * the latest progress under a mutex and queues one update at a time on the main context, so a
 * flood of page-by-page progress never floods the main loop. Success: a toast with the page
 * count and "Open"; files left out: a dialog that lists them; failure: a dialog with the
 * reason; cancel: nothing at the destination and nothing to say.
 *
 * Debugging aid: PARSCORE_PACK_EXPORT_DELAY_MS=N makes the worker wait N ms at each new step,
 * so the progress dialog can be watched on a small database. Tests use the step gate instead
 * (par_pack_export_set_stepwise()): the worker stops at each new step until the test lets it
 * go on, so a test sees every step and cancels mid-export without depending on timing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-a11y.h"
#include "par-display.h"
#include "par-gtk-compat.h"
#include "par-pack.h"
#include "par-pack-export.h"
#include "par-writer.h"

/* The running export's dialog, on its window (no reference: the dialog clears it). */
#define DIALOG_KEY "par-pack-export-dialog"

/* Exports started while this is set stop at each new step (tests only). */
static gboolean stepwise_exports;

/* What the worker and the main loop share. Reference-counted: the task, each queued update
 * and the dialog each hold one. */
typedef struct {
  /* set before the worker starts, read-only after */
  char         *db_path;
  gint64        assessment_id;
  char         *dest_path;
  guint         delay_ms;
  GMainContext *context;         /* where the dialog lives */
  GWeakRef      dialog;

  GMutex        lock;            /* guards the latest progress */
  ParPackStage  stage;
  guint         current;
  guint         total;
  char         *label;
  double        fraction;
  gboolean      queued;          /* an update is on its way to the main context */

  /* the step gate (stepwise exports only), guarded by lock */
  gboolean      stepwise;
  GCond         gate;
  gboolean      waiting;         /* the worker is stopped at a step */
  gboolean      go;              /* let it take the next step */
  gboolean      released;        /* cancelled or abandoned: never stop again */

  /* the worker's own */
  gboolean      started;
  ParPackStage  last_stage;
  guint         last_current;
} ExportJob;

static void
export_job_clear (gpointer data)
{
  ExportJob *job = data;

  g_free (job->db_path);
  g_free (job->dest_path);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->dialog);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->gate);
  g_free (job->label);
}

/* Opens the step gate for good: a cancelled export must not wait for a test. */
static void
export_job_release (ExportJob *job)
{
  if (job == NULL)
    return;
  g_mutex_lock (&job->lock);
  job->released = TRUE;
  g_cond_broadcast (&job->gate);
  g_mutex_unlock (&job->lock);
}

static ExportJob *
export_job_ref (ExportJob *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
export_job_unref (gpointer job)
{
  g_atomic_rc_box_release_full (job, export_job_clear);
}

struct _ParPackExportDialog
{
  AdwWindow       parent_instance;

  /* template */
  GtkLabel       *heading_label;
  GtkLabel       *unit_label;
  GtkLabel       *file_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *step_label;
  GtkLabel       *percent_label;
  GtkButton      *cancel_button;

  GWeakRef        window;        /* the ParWindow to report to */
  GApplication   *app;           /* held while the worker runs */
  GCancellable   *cancellable;
  GFile          *dest;
  ExportJob      *job;
  gboolean        running;
  gboolean        cancelling;
  gboolean        destroyed;
};

G_DEFINE_FINAL_TYPE (ParPackExportDialog, par_pack_export_dialog, ADW_TYPE_WINDOW)

/* The file name */

char *
par_pack_export_suggest_name (const char *unit_name,
                              int         year)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autofree char *ascii = NULL;
  GString *out = g_string_new (NULL);
  gsize limit;
  const char *p;

  /* đ and Đ have no decomposition: g_str_to_ascii() alone would make them "?". */
  for (p = unit_name != NULL ? unit_name : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0110)
        g_string_append_c (plain, 'D');
      else if (c == 0x0111)
        g_string_append_c (plain, 'd');
      else
        g_string_append_unichar (plain, c);
    }
  ascii = g_str_to_ascii (plain->str, "C");

  g_string_append_printf (out, "Ho-so-CCHC-%d", year);
  /* Whole words of the unit's name, up to about 60 characters. */
  limit = out->len + 61;
  for (p = ascii; *p != '\0';)
    {
      const char *word;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      word = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p == word || out->len + 1 + (gsize) (p - word) > limit)
        break;
      g_string_append_c (out, '-');
      g_string_append_len (out, word, p - word);
    }
  g_string_append (out, ".pdf");
  return g_string_free (out, FALSE);
}

static char *
find_unit_name (ParContext *context,
                gint64      unit_id)
{
  g_autoptr(GPtrArray) units = par_store_list_units (par_context_get_store (context), NULL);

  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      ParUnit *unit = g_ptr_array_index (units, i);
      if (unit->id == unit_id)
        return g_strdup (unit->name);
    }
  return g_strdup ("");
}

/* Opening the pack */

static void
on_pack_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  if (!par_launch_file_finish (result, &error) && PAR_IS_WINDOW (source))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("%s cannot be opened: %s"), name, error->message);
      AdwToast *toast = adw_toast_new (NULL);

      /* The title is markup; the message is not. */
      g_autofree char *escaped = g_markup_escape_text (message, -1);
      adw_toast_set_title (toast, escaped);
      par_window_add_toast (PAR_WINDOW (source), toast);
    }
}

static void
open_pack (ParWindow *window,
           GFile     *file)
{
  par_launch_file (GTK_WINDOW (window), file, NULL, on_pack_launched, g_object_ref (file));
}

static void
on_toast_open (AdwToast  *toast,
               ParWindow *window)
{
  open_pack (window, g_object_get_data (G_OBJECT (toast), "par-file"));
}

static void
on_problems_response (AdwMessageDialog *dialog,
                      const char       *response,
                      ParWindow        *window)
{
  if (g_strcmp0 (response, "open") == 0)
    open_pack (window, g_object_get_data (G_OBJECT (dialog), "par-file"));
}

/* The outcome */

static const char *
status_text (ParPackFileStatus status)
{
  switch (status)
    {
    case PAR_PACK_FILE_MISSING: return _("Missing");
    case PAR_PACK_FILE_CORRUPT: return _("Damaged");
    case PAR_PACK_FILE_ENCRYPTED: return _("Encrypted");
    case PAR_PACK_FILE_UNREADABLE: return _("Unreadable");
    case PAR_PACK_FILE_HASH_MISMATCH: return _("Changed since it was attached");
    case PAR_PACK_FILE_OK:
    default: return "";
    }
}

/* Files left out are never passed over in silence: a dialog names each with its reason. */
static void
show_problems (ParWindow           *window,
               GFile               *dest,
               const ParPackReport *report)
{
  GtkWidget *dialog, *list;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u File Left Out",
                                          "%u Files Left Out",
                                          report->n_problems), report->n_problems);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The pack was written (%u page) without the files below; its manifest lists them too. Attach a readable copy of each and export again.",
                                       "The pack was written (%u pages) without the files below; its manifest lists them too. Attach a readable copy of each and export again.",
                                       report->n_pages), report->n_pages);
  dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, body);
  gtk_widget_set_name (dialog, "pack-problems");

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "problem-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Files left out of the pack"), -1);
  for (guint i = 0; i < report->files->len; i++)
    {
      ParPackFile *f = g_ptr_array_index (report->files, i);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (f->status == PAR_PACK_FILE_OK)
        continue;
      row = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->name);
      /* "Missing · Document 05/KH-KCNĐN: the stored copy of … is missing from …"; the
       * message names the document and the file (both display-safe) */
      subtitle = g_strdup_printf ("%s · %s", status_text (f->status),
                                  f->message != NULL ? f->message : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* A few rows are shown whole; a long list scrolls in a fixed height (a scrolled window's
   * natural height would be measured before its rows wrap, and cut them). */
  if (report->n_problems <= 3)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
    }

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "open", _("_Open Pack"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_object_set_data_full (G_OBJECT (dialog), "par-file", g_object_ref (dest), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_problems_response), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
announce_success (ParWindow           *window,
                  GFile               *dest,
                  const ParPackReport *report)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Evidence pack exported — %u page",
                                        "Evidence pack exported — %u pages",
                                        report->n_pages), report->n_pages);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "par-file", g_object_ref (dest), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_open), window, 0);
  par_window_add_toast (window, toast);

  if (report->n_problems > 0)
    show_problems (window, dest, report);
}

static void
show_failure (ParWindow  *window,
              const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window),
                                              _("The Evidence Pack Was Not Exported"), message);

  gtk_widget_set_name (dialog, "pack-failed");
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Progress, on the main loop */

static char *
step_text (ParPackStage  stage,
           guint         current,
           guint         total,
           const char   *label)
{
  guint n = MIN (current + 1, MAX (total, 1));

  switch (stage)
    {
    case PAR_PACK_STAGE_PREPARING:
      return g_strdup (_("Reading the assessment…"));
    case PAR_PACK_STAGE_CHECKING:
      /* TRANSLATORS: "Checking file 2 of 7: KH-06-2020.pdf" */
      return label != NULL ? g_strdup_printf (_("Checking file %u of %u: %s"), n, total, label)
                           : g_strdup_printf (_("Checking file %u of %u"), n, total);
    case PAR_PACK_STAGE_LAYOUT:
      return g_strdup (_("Drawing the summary table and charts…"));
    case PAR_PACK_STAGE_DOCUMENTS:
      /* TRANSLATORS: "Merging document 3 of 7: 05/KH-KCNĐN" */
      return label != NULL ? g_strdup_printf (_("Merging document %u of %u: %s"), n, total, label)
                           : g_strdup_printf (_("Merging document %u of %u"), n, total);
    case PAR_PACK_STAGE_FINISHING:
    default:
      return g_strdup (_("Numbering the pages and writing the links…"));
    }
}

static gboolean
deliver_progress (gpointer data)
{
  ExportJob *job = data;
  g_autoptr(ParPackExportDialog) self = g_weak_ref_get (&job->dialog);
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  g_autofree char *percent = NULL;
  ParPackStage stage;
  guint current, total;
  double fraction;

  g_mutex_lock (&job->lock);
  stage = job->stage;
  current = job->current;
  total = job->total;
  label = g_strdup (job->label);
  fraction = job->fraction;
  job->queued = FALSE;
  g_mutex_unlock (&job->lock);

  if (self == NULL || self->destroyed || !self->running || self->cancelling)
    return G_SOURCE_REMOVE;

  text = step_text (stage, current, total, label);
  gtk_label_set_text (self->step_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  percent = g_strdup_printf ("%d %%", (int) (CLAMP (fraction, 0.0, 1.0) * 100));
  gtk_label_set_text (self->percent_label, percent);
  return G_SOURCE_REMOVE;
}

/* The worker */

static void
on_progress (const ParPackProgress *pr,
             gpointer               data)
{
  ExportJob *job = data;
  gboolean new_step = !job->started || pr->stage != job->last_stage || pr->current != job->last_current;
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->stage = pr->stage;
  job->current = pr->current;
  job->total = pr->total;
  if (g_strcmp0 (job->label, pr->label) != 0)
    {
      g_free (job->label);
      job->label = g_strdup (pr->label);
    }
  job->fraction = pr->fraction;
  queue = !job->queued;
  job->queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    par_main_context_defer (job->context, deliver_progress, export_job_ref (job),
                            (GDestroyNotify) export_job_unref);

  job->started = TRUE;
  job->last_stage = pr->stage;
  job->last_current = pr->current;
  if (new_step && job->delay_ms > 0)
    g_usleep ((gulong) job->delay_ms * 1000);
  if (new_step && job->stepwise)
    {
      g_mutex_lock (&job->lock);
      job->waiting = TRUE;
      while (!job->go && !job->released)
        g_cond_wait (&job->gate, &job->lock);
      job->go = FALSE;
      job->waiting = FALSE;   /* released: next_step did not clear it */
      g_mutex_unlock (&job->lock);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParPackReport) report = NULL;
  GError *error = NULL;

  store = par_store_open (job->db_path, &error);
  if (store == NULL ||
      !par_pack_export (store, job->assessment_id, job->dest_path, NULL, on_progress, job,
                        cancellable, &report, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* Cancelled after the pack's last check: the person asked for no file, so none is left. */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_unlink (job->dest_path);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&report), (GDestroyNotify) par_pack_report_free);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ParPackExportDialog *self = PAR_PACK_EXPORT_DIALOG (source);
  g_autoptr(ParWindow) window = g_weak_ref_get (&self->window);
  g_autoptr(ParPackReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  self->running = FALSE;
  if (self->app != NULL)
    {
      g_application_release (self->app);
      g_clear_object (&self->app);
    }
  if (window != NULL && g_object_get_data (G_OBJECT (window), DIALOG_KEY) == self)
    g_object_set_data (G_OBJECT (window), DIALOG_KEY, NULL);
  if (!self->destroyed)
    gtk_window_destroy (GTK_WINDOW (self));

  if (report != NULL)
    g_debug ("evidence pack: %u pages, %u problem files", report->n_pages, report->n_problems);
  else
    g_debug ("evidence pack not written: %s", error->message);
  /* A window that was closed meanwhile is unrealized: there is nobody left to tell. */
  if (window == NULL || gtk_widget_in_destruction (GTK_WIDGET (window)) ||
      !gtk_widget_get_realized (GTK_WIDGET (window)))
    return;
  if (report != NULL)
    announce_success (window, self->dest, report);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_failure (window, error->message);
}

/* The dialog */

void
par_pack_export_dialog_cancel (ParPackExportDialog *self)
{
  g_return_if_fail (PAR_IS_PACK_EXPORT_DIALOG (self));

  if (!self->running || self->cancelling)
    return;
  self->cancelling = TRUE;
  g_cancellable_cancel (self->cancellable);
  export_job_release (self->job);
  if (!self->destroyed)
    {
      gtk_label_set_text (self->step_label, _("Cancelling…"));
      gtk_label_set_text (self->percent_label, "");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", FALSE);
    }
}

gboolean
par_pack_export_dialog_is_running (ParPackExportDialog *self)
{
  g_return_val_if_fail (PAR_IS_PACK_EXPORT_DIALOG (self), FALSE);
  return self->running;
}

void
par_pack_export_set_stepwise (gboolean stepwise)
{
  stepwise_exports = stepwise;
}

gboolean
par_pack_export_dialog_is_waiting (ParPackExportDialog *self)
{
  gboolean waiting;

  g_return_val_if_fail (PAR_IS_PACK_EXPORT_DIALOG (self), FALSE);

  if (self->job == NULL || !self->running)
    return FALSE;
  g_mutex_lock (&self->job->lock);
  /* stopped, and what it reported on the way there is on screen */
  waiting = self->job->waiting && !self->job->queued;
  g_mutex_unlock (&self->job->lock);
  return waiting;
}

void
par_pack_export_dialog_next_step (ParPackExportDialog *self)
{
  g_return_if_fail (PAR_IS_PACK_EXPORT_DIALOG (self));

  if (self->job == NULL)
    return;
  g_mutex_lock (&self->job->lock);
  /* no longer waiting from now on, so the next stop is told apart from this one */
  if (self->job->waiting)
    {
      self->job->waiting = FALSE;
      self->job->go = TRUE;
      g_cond_broadcast (&self->job->gate);
    }
  g_mutex_unlock (&self->job->lock);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  par_pack_export_dialog_cancel (PAR_PACK_EXPORT_DIALOG (widget));
}

/* Closing the dialog while the worker runs cancels it; the dialog goes when the worker has
 * stopped, so a new export can never race an old one for the same file. */
static gboolean
par_pack_export_dialog_close_request (GtkWindow *window)
{
  ParPackExportDialog *self = PAR_PACK_EXPORT_DIALOG (window);

  if (self->running)
    {
      par_pack_export_dialog_cancel (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (par_pack_export_dialog_parent_class)->close_request (window);
}

/* Destroyed with its window (destroy-with-parent): the task keeps the object alive, so
 * dispose has not run yet; the unrealize is what tells the export has nobody to report to. */
static void
par_pack_export_dialog_unrealize (GtkWidget *widget)
{
  ParPackExportDialog *self = PAR_PACK_EXPORT_DIALOG (widget);

  if (self->running)
    {
      self->destroyed = TRUE;
      g_cancellable_cancel (self->cancellable);
      export_job_release (self->job);
    }
  GTK_WIDGET_CLASS (par_pack_export_dialog_parent_class)->unrealize (widget);
  /* The dialog may outlive its window (until the worker stops): GTK 4.8 would reach for the
   * freed parent when the dialog goes. */
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
}

static void
par_pack_export_dialog_dispose (GObject *object)
{
  ParPackExportDialog *self = PAR_PACK_EXPORT_DIALOG (object);

  /* Destroyed with its window: the export has nobody to report to. */
  self->destroyed = TRUE;
  if (self->running && self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  export_job_release (self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_PACK_EXPORT_DIALOG);

  G_OBJECT_CLASS (par_pack_export_dialog_parent_class)->dispose (object);
}

static void
par_pack_export_dialog_finalize (GObject *object)
{
  ParPackExportDialog *self = PAR_PACK_EXPORT_DIALOG (object);

  g_weak_ref_clear (&self->window);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->dest);
  g_clear_object (&self->app);
  g_clear_pointer (&self->job, export_job_unref);

  G_OBJECT_CLASS (par_pack_export_dialog_parent_class)->finalize (object);
}

static void
par_pack_export_dialog_class_init (ParPackExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_pack_export_dialog_dispose;
  object_class->finalize = par_pack_export_dialog_finalize;
  widget_class->unrealize = par_pack_export_dialog_unrealize;
  window_class->close_request = par_pack_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-pack-export.ui");
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, unit_label);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, step_label);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, percent_label);
  gtk_widget_class_bind_template_child (widget_class, ParPackExportDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
par_pack_export_dialog_init (ParPackExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_weak_ref_init (&self->window, NULL);
  /* One name, said once (GTK 4.8 would add the button's text to it). */
  par_accessible_set_name (self->cancel_button, _("Cancel the export"));
  gtk_label_set_text (self->step_label, _("Starting…"));
  gtk_label_set_text (self->percent_label, "0 %");
}

/* The flow */

ParPackExportDialog *
par_pack_export_start (ParWindow *window,
                       GFile     *dest)
{
  ParAssessmentModel *model;
  ParContext *context;
  ParPackExportDialog *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *unit_text = NULL;
  g_autofree char *base = NULL;
  g_autofree char *file_text = NULL;
  const char *delay;
  ExportJob *job;

  g_return_val_if_fail (PAR_IS_WINDOW (window), NULL);
  g_return_val_if_fail (G_IS_FILE (dest), NULL);

  if ((model = par_window_get_model (window)) == NULL)
    return NULL;
  if ((self = g_object_get_data (G_OBJECT (window), DIALOG_KEY)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (self));
      return self;
    }
  if ((path = g_file_get_path (dest)) == NULL)
    {
      g_autofree char *uri = g_file_get_uri (dest);
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a folder on this computer. Choose a local folder, then copy the pack where it is needed."),
                         uri);
      show_failure (window, message);
      return NULL;
    }

  context = par_assessment_model_get_context (model);
  /* The worker reads through its own connection: the edits still queued must be on disk. */
  par_writer_flush (par_context_get_writer (context));

  self = g_object_new (PAR_TYPE_PACK_EXPORT_DIALOG, "transient-for", window, NULL);
  g_weak_ref_set (&self->window, window);
  self->dest = g_object_ref (dest);
  self->cancellable = g_cancellable_new ();

  unit = find_unit_name (context, par_assessment_model_get_assessment (model)->unit_id);
  /* TRANSLATORS: "Ban Quản lý các Khu công nghiệp, year 2023" */
  unit_text = g_strdup_printf (_("%s, year %d"), unit, par_assessment_model_get_year (model));
  gtk_label_set_text (self->unit_label, unit_text);
  base = g_file_get_basename (dest);
  /* TRANSLATORS: the file being written */
  file_text = g_strdup_printf (_("Saving as %s"), base);
  gtk_label_set_text (self->file_label, file_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_label), path);

  job = g_atomic_rc_box_new0 (ExportJob);
  job->db_path = g_strdup (par_context_get_db_path (context));
  job->assessment_id = par_assessment_model_get_id (model);
  job->dest_path = g_strdup (path);
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->dialog, self);
  g_mutex_init (&job->lock);
  g_cond_init (&job->gate);
  job->stepwise = stepwise_exports;
  if ((delay = g_getenv ("PARSCORE_PACK_EXPORT_DELAY_MS")) != NULL)
    job->delay_ms = (guint) MIN (g_ascii_strtoull (delay, NULL, 10), 10000);
  self->job = job;

  self->running = TRUE;
  if ((self->app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window)))) != NULL)
    {
      g_object_ref (self->app);
      g_application_hold (self->app);
    }
  g_object_set_data (G_OBJECT (window), DIALOG_KEY, self);

  task = g_task_new (self, self->cancellable, export_done, NULL);
  g_task_set_source_tag (task, par_pack_export_start);
  g_task_set_name (task, "[parscore] evidence pack");
  /* The worker's own outcome decides: a pack it finished before the cancel stays. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, export_job_ref (job), export_job_unref);
  g_task_run_in_thread (task, export_thread);

  gtk_window_present (GTK_WINDOW (self));
  return self;
}

static void
on_save_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ParWindow) window = g_weak_ref_get (user_data);
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);

  g_weak_ref_clear (user_data);
  g_free (user_data);
  if (window != NULL && file != NULL)
    par_pack_export_start (window, file);
}

void
par_pack_export_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *window = PAR_WINDOW (widget);
  ParAssessmentModel *model = par_window_get_model (window);
  ParPackExportDialog *running;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GFile) folder = par_documents_folder ();
  g_autofree char *unit = NULL;
  g_autofree char *name = NULL;
  g_autoptr(ParFileDialog) dialog = NULL;
  GWeakRef *ref;

  if (model == NULL)
    return;
  if ((running = g_object_get_data (G_OBJECT (window), DIALOG_KEY)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (running));
      return;
    }

  unit = find_unit_name (par_assessment_model_get_context (model),
                         par_assessment_model_get_assessment (model)->unit_id);
  name = par_pack_export_suggest_name (unit, par_assessment_model_get_year (model));
  gtk_file_filter_set_name (pdf, _("PDF documents"));
  gtk_file_filter_add_mime_type (pdf, "application/pdf");
  gtk_file_filter_add_pattern (pdf, "*.pdf");

  ref = g_new0 (GWeakRef, 1);
  dialog = par_file_dialog_new ();
  par_file_dialog_set_title (dialog, _("Export Evidence Pack"));
  par_file_dialog_set_accept_label (dialog, _("_Export"));
  par_file_dialog_add_filter (dialog, pdf);
  par_file_dialog_set_default_filter (dialog, pdf);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  g_weak_ref_init (ref, window);
  par_file_dialog_save (dialog, GTK_WINDOW (window), NULL, on_save_chosen, ref);
}
