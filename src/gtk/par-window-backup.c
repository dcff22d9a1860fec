/* par-window-backup.c — Back Up… and Restore… of the window's database.
 *
 * Both run on the store's backup (SQLite's online backup API, the attachments inside the
 * one file) in a worker thread with a connection of its own. A restore is shown what the
 * backup holds before anything is replaced; then the window lets go of the database (a
 * restore needs every connection closed), the store keeps the current database aside and
 * puts the backup in its place, and the window opens it again — whatever the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-application.h"
#include "par-backup.h"
#include "par-gtk-compat.h"
#include "par-text.h"
#include "par-window-private.h"

/* The database's file name, safe to show. */
static char *
display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *utf8 = g_filename_display_name (base);

  return par_text_file_name (utf8);
}

static char *
display_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%d/%m/%Y %H:%M") : g_strdup (iso != NULL ? iso : "");
}

static GtkFileFilter *
backup_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Parscore backups"));
  gtk_file_filter_add_pattern (filter, "*.parscore-backup");
  return filter;
}

/* "3 units, 41 documents, 58 attached files (12.4 MB)" */
static char *
holds_text (const ParBackupInfo *info)
{
  g_autofree char *size = g_format_size (info->file_bytes);
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units", info->n_units),
                                            info->n_units);
  g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                                             info->n_documents), info->n_documents);
  g_autofree char *files = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attached file", "%u attached files",
                                                         info->n_files), info->n_files);

  /* Translators: "3 units, 41 documents, 58 attached files (12.4 MB)". */
  return g_strdup_printf (_("%s, %s, %s (%s)"), units, documents, files, size);
}

static void
show_error (ParWindow  *self,
            const char *heading,
            const char *body)
{
  _par_window_show_error_dialog (self, heading, body);
}

/* Back Up… */

typedef struct {
  char *db_path;
  char *dest;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->db_path);
  g_free (job->dest);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(ParStore) store = NULL;
  GError *error = NULL;
  ParBackupInfo *info;

  store = par_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* GTK's save dialog has asked before a file is replaced. */
  info = par_store_backup (store, job->dest, TRUE, cancellable, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) par_backup_info_free);
}

static void
backup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ParWindow *self = PAR_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  BackupJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *name = display_name (job->dest);
  g_autofree char *holds = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  self->backup_running = FALSE;
  _par_window_actions_update (self);
  if (info == NULL)
    {
      show_error (self, _("The Backup Was Not Made"), error->message);
      return;
    }
  holds = holds_text (info);
  /* Translators: "Backed up to “dong-nai-2024.parscore-backup”: 3 units, …". */
  message = g_strdup_printf (_("Backed up to “%s”: %s"), name, holds);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 8);
  par_window_add_toast (self, toast);
  if (info->missing_files != NULL && info->missing_files->len > 0)
    {
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u attached file was missing or damaged and is not in the backup. Run “parscore-cli verify” to see which.",
                                                            "%u attached files were missing or damaged and are not in the backup. Run “parscore-cli verify” to see which.",
                                                            info->missing_files->len),
                                               info->missing_files->len);
      show_error (self, _("The Backup Is Incomplete"), body);
    }
}

void
_par_window_back_up_to (ParWindow  *self,
                        const char *dest)
{
  BackupJob *job = g_new0 (BackupJob, 1);
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->context != NULL);

  /* What was typed is in the backup. */
  par_writer_flush (par_context_get_writer (self->context));
  job->db_path = g_strdup (par_context_get_db_path (self->context));
  job->dest = g_strdup (dest);
  self->backup_running = TRUE;
  _par_window_actions_update (self);
  task = g_task_new (self, NULL, backup_done, NULL);
  g_task_set_name (task, "[parscore] backup");
  g_task_set_task_data (task, job, (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
on_backup_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL || self->context == NULL)
    return;
  if (!g_str_has_suffix (path, ".parscore-backup"))
    {
      char *with = g_strconcat (path, ".parscore-backup", NULL);
      g_free (path);
      path = with;
    }
  _par_window_back_up_to (self, path);
}

void
_par_window_backup_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) backups = backup_filter ();
  g_autoptr(GFile) folder = par_documents_folder ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *base = NULL;
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;
  char *dot;

  if (self->context == NULL)
    return;
  base = g_path_get_basename (par_context_get_db_path (self->context));
  if ((dot = strrchr (base, '.')) != NULL)
    *dot = '\0';
  name = g_strdup_printf ("%s-%s.parscore-backup", base, date);

  par_file_dialog_set_title (dialog, _("Back Up Database"));
  par_file_dialog_set_accept_label (dialog, _("_Back Up"));
  par_file_dialog_add_filter (dialog, backups);
  par_file_dialog_set_default_filter (dialog, backups);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_backup_chosen, g_object_ref (self));
}

/* Restore… */

typedef struct {
  ParWindow     *self;
  char          *db_path;
  char          *backup_path;
  ParBackupInfo *info;
  char          *kept_aside;   /* out */
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_object_unref (job->self);
  g_free (job->db_path);
  g_free (job->backup_path);
  g_clear_pointer (&job->info, par_backup_info_free);
  g_free (job->kept_aside);
  g_free (job);
}

/* The window's database again (the restored one, or the one kept when nothing changed). */
static gboolean
reopen (RestoreJob *job)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (job->self));
  g_autoptr(GError) error = NULL;

  if (PAR_IS_APPLICATION (app)
      && par_application_open_database (PAR_APPLICATION (app), job->db_path, job->self, &error) != NULL)
    return TRUE;
  show_error (job->self, _("The Database Cannot Be Opened"), error != NULL ? error->message : "");
  return FALSE;
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  GError *error = NULL;

  if (par_store_restore (job->db_path, job->backup_path, &job->kept_aside, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
restore_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean restored = g_task_propagate_boolean (G_TASK (result), &error);

  job->self->restoring = FALSE;
  if (!reopen (job))
    return;
  if (!restored)
    {
      show_error (job->self, _("The Backup Was Not Restored"), error->message);
      return;
    }
  {
    g_autofree char *when = display_time (job->info->created_at);
    g_autofree char *aside = job->kept_aside != NULL ? display_name (job->kept_aside) : NULL;
    g_autofree char *message = aside != NULL
      /* Translators: "Restored the backup of 05/12/2026 10:04; the database as it was is kept in “…”". */
      ? g_strdup_printf (_("Restored the backup of %s; the database as it was is kept in “%s”"), when, aside)
      : g_strdup_printf (_("Restored the backup of %s"), when);
    g_autofree char *escaped = g_markup_escape_text (message, -1);
    AdwToast *toast = adw_toast_new (escaped);

    adw_toast_set_timeout (toast, 10);
    par_window_add_toast (job->self, toast);
  }
}

/* A restore needs every connection to the database closed. The window and the application
 * let go of it; what else held it (an edit's answer still queued) lets go once the main loop
 * has run, which a low-priority idle waits for. */
typedef struct {
  RestoreJob *job;
  ParContext *context;   /* weak: NULL once every holder let go */
  guint       tries;
} Release;

static gboolean
try_restore (gpointer user_data)
{
  Release *release = user_data;
  RestoreJob *job = release->job;
  g_autoptr(GTask) task = NULL;

  if (release->context != NULL && ++release->tries < 20)
    return G_SOURCE_CONTINUE;

  if (release->context != NULL)
    {
      /* Something still holds the database open (an export running?): nothing changes. */
      g_object_remove_weak_pointer (G_OBJECT (release->context), (gpointer *) &release->context);
      job->self->restoring = FALSE;
      if (reopen (job))
        show_error (job->self, _("The Backup Was Not Restored"),
                    _("The database is still in use in Parscore (an evidence pack being exported, for example). Wait until it is done, then restore again. Nothing was changed."));
      restore_job_free (job);
    }
  else
    {
      task = g_task_new (NULL, NULL, restore_done, NULL);
      g_task_set_name (task, "[parscore] restore");
      g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
      g_task_run_in_thread (task, restore_thread);
    }
  g_free (release);
  return G_SOURCE_REMOVE;
}

static void
start_restore (RestoreJob *job)
{
  ParWindow *self = job->self;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = display_name (job->db_path);
  g_autofree char *message = g_strdup_printf (_("Restoring “%s”…"), name);
  Release *release = g_new0 (Release, 1);

  release->job = job;
  release->context = self->context;
  g_object_add_weak_pointer (G_OBJECT (release->context), (gpointer *) &release->context);
  self->restoring = TRUE;
  if (PAR_IS_APPLICATION (app))
    par_application_forget_context (PAR_APPLICATION (app), self->context);
  _par_window_release_context (self, message);
  g_idle_add_full (G_PRIORITY_LOW, try_restore, release, NULL);
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     RestoreJob       *job)
{
  /* The first answer only: a dialog closed after a button's answer answers again with its
   * close response, and the job is the restore's by then. */
  g_signal_handlers_disconnect_by_func (dialog, on_restore_response, job);
  if (g_strcmp0 (response, "restore") == 0 && job->self->context != NULL
      && g_strcmp0 (par_context_get_db_path (job->self->context), job->db_path) == 0)
    start_restore (job);
  else
    restore_job_free (job);
}

/* What the backup holds, before anything is replaced. */
static void
confirm_restore (RestoreJob *job)
{
  const ParBackupInfo *info = job->info;
  g_autofree char *db_name = display_name (job->db_path);
  g_autofree char *source = info->source != NULL ? par_text_file_name (info->source) : g_strdup ("?");
  g_autofree char *when = display_time (info->created_at);
  g_autofree char *holds = holds_text (info);
  g_autofree char *heading = g_strdup_printf (_("Replace “%s” With This Backup?"), db_name);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  /* Translators: "A backup of “demo.db”, made 05/12/2026 10:04. It holds 3 units, …". */
  g_string_append_printf (body, _("A backup of “%s”, made %s. It holds %s."), source, when, holds);
  for (guint i = 0; info->years != NULL && i < info->years->len; i++)
    {
      const ParBackupYear *year = g_ptr_array_index (info->years, i);
      g_autofree char *unit = par_text_file_name (year->unit_name);
      const char *status = year->status == PAR_STATUS_APPRAISED ? _("appraised")
                           : year->status == PAR_STATUS_SUBMITTED ? _("submitted") : _("draft");

      /* Translators: one line per year in a backup: "• Sở Nội vụ 2023: appraised, 94 entries". */
      g_string_append_printf (body, "%s• %s %d: %s, ", i == 0 ? "\n\n" : "\n", unit, year->year, status);
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", year->n_entries),
                              year->n_entries);
    }
  if (info->missing_files != NULL && info->missing_files->len > 0)
    g_string_append_printf (body, "\n\n%s",
                            _("Some attached files could not be included when this backup was made."));
  g_string_append_printf (body, "\n\n%s",
                          _("The database as it is now is kept aside first: nothing is lost."));

  dialog = adw_message_dialog_new (GTK_WINDOW (job->self), heading, body->str);
  gtk_widget_set_name (dialog, "restore-confirm");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
describe_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  GError *error = NULL;
  ParBackupInfo *info = par_backup_describe (job->backup_path, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) par_backup_info_free);
}

static void
described (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RestoreJob *job = user_data;
  g_autoptr(GError) error = NULL;

  job->info = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->info == NULL)
    {
      show_error (job->self, _("This File Cannot Be Restored"), error->message);
      restore_job_free (job);
      return;
    }
  confirm_restore (job);
}

void
_par_window_restore_from (ParWindow  *self,
                          const char *backup_path)
{
  RestoreJob *job;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (self->context != NULL);

  job = g_new0 (RestoreJob, 1);
  job->self = g_object_ref (self);
  job->db_path = g_strdup (par_context_get_db_path (self->context));
  job->backup_path = g_strdup (backup_path);
  task = g_task_new (NULL, NULL, described, job);
  g_task_set_name (task, "[parscore] describe backup");
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, describe_thread);
}

static void
on_restore_chosen (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL && self->context != NULL)
    _par_window_restore_from (self, path);
}

void
_par_window_restore_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) backups = backup_filter ();
  g_autoptr(GFile) folder = par_documents_folder ();

  if (self->context == NULL)
    return;
  par_file_dialog_set_title (dialog, _("Restore From Backup"));
  par_file_dialog_set_accept_label (dialog, _("_Choose"));
  par_file_dialog_add_filter (dialog, backups);
  par_file_dialog_set_default_filter (dialog, backups);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_restore_chosen, g_object_ref (self));
}
