/* par-council-reply.c — the unit's side of a council round (issue 14): after importing the
 * council's appraisal package, the coordinator sees the council's scores beside the unit's own
 * (the self-against-appraised chart and the list of differences with the council's comments,
 * from par_appraisal_differences()), writes a reply per disputed sub-criterion (saved through
 * the writer, par_store_save_reply()) and saves the reply package (par_package_write()).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "par-core.h"
#include "par-chart-view.h"
#include "par-council-reply.h"
#include "par-display.h"
#include "par-gtk-compat.h"
#include "par-window.h"

struct _ParCouncilReplyPage
{
  GtkWidget        parent_instance;

  AdwWindowTitle  *window_title;
  GtkLabel        *intro_label;
  GtkLabel        *deadline_label;
  GtkLabel        *late_label;
  ParChartView    *chart_view;
  GtkListBox      *diffs_list;

  ParContext      *context;
  gint64           assessment_id;
  int              year;
  char            *unit_name;
  GPtrArray       *codes;      /* of char*, the differences in order */
  GHashTable      *entries;    /* code → AdwEntryRow* (owned by the list) */
  GHashTable      *lines;      /* code → char*: the difference's line */
  GHashTable      *saved;      /* code → char*: the reply as stored */
  guint            busy;
  char            *package_path;
  char            *reply_deadline;  /* the appraisal's, ISO; NULL when it named none */
  gboolean         late;
};

G_DEFINE_FINAL_TYPE (ParCouncilReplyPage, par_council_reply_page, GTK_TYPE_WIDGET)

/* --- importing the appraisal ------------------------------------------------------------- */

static gboolean
import_run (ParStore  *store,
            gpointer   data,
            GError   **error)
{
  GTask *task = data;
  const char *path = g_task_get_task_data (task);
  g_autoptr(ParPackage) package = par_package_open (path, error);
  g_autoptr(GPtrArray) changes = NULL;
  gint64 held = 0, id;

  if (package == NULL)
    return FALSE;
  if (par_package_get_info (package)->kind != PAR_PACKAGE_APPRAISAL)
    {
      g_autofree char *base = g_path_get_basename (path);

      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("“%s” is a %s package, not the council’s appraisal. Nothing was imported."),
                   base, par_package_kind_label (par_package_get_info (package)->kind));
      return FALSE;
    }
  if ((changes = par_package_compare (store, package, &held, error)) == NULL)
    return FALSE;
  /* The council's scores come onto the unit's own year: nothing of the unit's is replaced. */
  id = par_package_import (store, package,
                           held > 0 ? PAR_PACKAGE_IMPORT_REPLACE : PAR_PACKAGE_IMPORT_DEFAULT,
                           error);
  if (id == 0)
    return FALSE;
  g_object_set_data_full (G_OBJECT (task), "assessment-id", g_memdup2 (&id, sizeof id), g_free);
  return TRUE;
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, *(gint64 *) g_object_get_data (G_OBJECT (task), "assessment-id"));
}

void
par_council_import_appraisal (ParContext          *context,
                              const char          *path,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PAR_IS_CONTEXT (context));
  g_return_if_fail (path != NULL);

  task = g_task_new (context, NULL, callback, user_data);
  g_task_set_task_data (task, g_strdup (path), g_free);
  par_writer_run (par_context_get_writer (context), import_run, task, NULL, NULL, on_imported,
                  task);
}

gint64
par_council_import_appraisal_finish (GAsyncResult  *result,
                                     GError       **error)
{
  gssize id = g_task_propagate_int (G_TASK (result), error);

  /* A failed GTask gives -1. */
  return id > 0 ? id : 0;
}

gboolean
par_council_reply_has_appraisal (ParContext *context,
                                 gint64      assessment_id)
{
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), FALSE);

  entries = par_store_get_entries (par_context_get_store (context), assessment_id, NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    if (((ParEntry *) entries->pdata[i])->has_appraised)
      return TRUE;
  return FALSE;
}

/* --- replies ------------------------------------------------------------------------------- */

typedef struct {
  ParCouncilReplyPage *page;
  gint64               assessment_id;
  char                *code;
  char                *text;
} ReplyJob;

static void
reply_job_free (gpointer data)
{
  ReplyJob *job = data;

  g_free (job->code);
  g_free (job->text);
  g_free (job);
}

static gboolean
reply_run (ParStore  *store,
           gpointer   data,
           GError   **error)
{
  ReplyJob *job = data;

  return par_store_save_reply (store, job->assessment_id, job->code, job->text, error);
}

static void
on_reply_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ParCouncilReplyPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (PAR_IS_WINDOW (root))
        par_window_add_toast (PAR_WINDOW (root), adw_toast_new (error->message));
    }
}

static void
save_reply (ParCouncilReplyPage *self,
            const char          *code)
{
  AdwEntryRow *row = g_hash_table_lookup (self->entries, code);
  g_autofree char *text = NULL;
  const char *saved;
  ReplyJob *job;

  if (row == NULL || self->context == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  saved = g_hash_table_lookup (self->saved, code);
  /* A reply is a text: an empty row is no reply (and nothing to take back). */
  if (text[0] == '\0' || g_strcmp0 (text, saved) == 0)
    return;
  g_hash_table_replace (self->saved, g_strdup (code), g_strdup (text));
  job = g_new0 (ReplyJob, 1);
  job->assessment_id = self->assessment_id;
  job->code = g_strdup (code);
  job->text = g_steal_pointer (&text);
  self->busy++;
  par_writer_run (par_context_get_writer (self->context), reply_run, job, reply_job_free, NULL,
                  on_reply_saved, g_object_ref (self));
}

static void
on_reply_apply (AdwEntryRow         *row,
                ParCouncilReplyPage *self)
{
  save_reply (self, g_object_get_data (G_OBJECT (row), "code"));
}

void
par_council_reply_page_save_all (ParCouncilReplyPage *self)
{
  g_return_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self));

  for (guint i = 0; self->codes != NULL && i < self->codes->len; i++)
    save_reply (self, g_ptr_array_index (self->codes, i));
}

gboolean
par_council_reply_page_is_busy (ParCouncilReplyPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), FALSE);
  return self->busy > 0;
}

/* --- evidence added to a reply ------------------------------------------------------------ */

char *
par_council_evidence_line (ParStore              *store,
                           const ParEvidenceLink *link)
{
  g_autoptr(ParDocument) document = par_store_get_document (store, link->document_id, NULL);
  g_autoptr(GPtrArray) files = par_store_list_attachments (store, link->document_id, NULL);
  GString *line = g_string_new (NULL);

  if (document == NULL)
    return g_string_free (line, FALSE);
  g_string_append_printf (line, "%s %s", document->kind, document->number);
  if (document->summary != NULL && document->summary[0] != '\0')
    g_string_append_printf (line, " — %s", document->summary);
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      ParAttachment *file = g_ptr_array_index (files, i);
      g_autofree char *name = par_text_file_name (file->original_name);
      g_autofree char *size = g_format_size (file->size);

      g_string_append_printf (line, i == 0 ? " · %s (%s)" : ", %s (%s)", name, size);
    }
  return g_string_free (line, FALSE);
}

typedef struct {
  ParCouncilReplyPage *page;
  gint64               assessment_id;
  char                *code;
  ParDocument          document;
  GStrv                files;
} EvidenceJob;

static void
evidence_job_free (gpointer data)
{
  EvidenceJob *job = data;

  g_free (job->code);
  g_free (job->document.kind);
  g_free (job->document.number);
  g_free (job->document.summary);
  g_strfreev (job->files);
  g_free (job);
}

static gboolean
evidence_run (ParStore  *store,
              gpointer   data,
              GError   **error)
{
  EvidenceJob *job = data;

  return par_store_add_reply_document (store, job->assessment_id, job->code, &job->document,
                                       (const char * const *) job->files, NULL, NULL, error) > 0;
}

static void
on_evidence_added (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ParCouncilReplyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean ok = par_writer_run_finish (PAR_WRITER (source), result, &error);

  self->busy--;
  /* Added: the document's row under the reply says so; refused: the core's reason. */
  if (!ok && PAR_IS_WINDOW (root))
    par_window_add_toast (PAR_WINDOW (root), adw_toast_new (error->message));
  /* The rows again, with the document under its reply. */
  if (ok && self->context != NULL)
    {
      g_autofree char *unit_name = g_strdup (self->unit_name);
      g_autoptr(ParContext) context = g_object_ref (self->context);

      par_council_reply_page_present (self, context, self->assessment_id, unit_name);
    }
}

gboolean
par_council_reply_page_add_evidence (ParCouncilReplyPage *self,
                                     const char          *code,
                                     const ParDocument   *document,
                                     const char * const  *files)
{
  EvidenceJob *job;

  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), FALSE);
  g_return_val_if_fail (code != NULL && document != NULL, FALSE);

  if (self->context == NULL || self->assessment_id == 0)
    return FALSE;
  /* The reply first (evidence goes with a reply): the writer runs its jobs in order. */
  save_reply (self, code);
  job = g_new0 (EvidenceJob, 1);
  job->assessment_id = self->assessment_id;
  job->code = g_strdup (code);
  job->document.kind = g_strdup (document->kind);
  job->document.number = g_strdup (document->number);
  job->document.summary = g_strdup (document->summary);
  job->files = g_strdupv ((char **) files);
  self->busy++;
  par_writer_run (par_context_get_writer (self->context), evidence_run, job, evidence_job_free,
                  NULL, on_evidence_added, g_object_ref (self));
  return TRUE;
}

/* The dialog: the document's number, kind and summary, and its files. */
static const char *
dialog_text (GtkWidget  *dialog,
             const char *name)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (dialog), name);

  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
update_evidence_dialog (GtkWidget *dialog)
{
  GPtrArray *files = g_object_get_data (G_OBJECT (dialog), "files");
  AdwActionRow *files_row = g_object_get_data (G_OBJECT (dialog), "evidence-files");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *number = g_strstrip (g_strdup (dialog_text (dialog, "evidence-number")));
  g_autofree char *kind = g_strstrip (g_strdup (dialog_text (dialog, "evidence-kind")));

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *base = g_path_get_basename (files->pdata[i]);
      g_autofree char *shown = par_text_file_name (base);

      g_string_append_printf (names, i > 0 ? ", %s" : "%s", shown);
    }
  adw_action_row_set_subtitle (files_row, files->len > 0 ? names->str : _("No file chosen"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add",
                                           number[0] != '\0' && kind[0] != '\0');
}

void
par_council_reply_evidence_dialog_add_file (GtkWidget  *dialog,
                                            const char *path)
{
  GPtrArray *files;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  files = g_object_get_data (G_OBJECT (dialog), "files");
  g_return_if_fail (files != NULL && path != NULL);
  g_ptr_array_add (files, g_strdup (path));
  update_evidence_dialog (dialog);
}

static void
on_evidence_files_chosen (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GtkWidget) dialog = user_data;
  g_autoptr(GListModel) chosen = par_file_dialog_open_multiple_finish (PAR_FILE_DIALOG (source),
                                                                      result, NULL);

  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (chosen, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        par_council_reply_evidence_dialog_add_file (dialog, path);
    }
}

static void
on_choose_evidence_files (GtkButton *button,
                          GtkWidget *dialog)
{
  g_autoptr(ParFileDialog) chooser = par_file_dialog_new ();

  par_file_dialog_set_title (chooser, _("Choose the Document’s Files"));
  par_file_dialog_open_multiple (chooser, GTK_WINDOW (dialog), NULL, on_evidence_files_chosen,
                                 g_object_ref (dialog));
}

static void
on_evidence_response (AdwMessageDialog    *dialog,
                      const char          *response,
                      ParCouncilReplyPage *self)
{
  GPtrArray *files = g_object_get_data (G_OBJECT (dialog), "files");
  g_autofree char *number = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *summary = NULL;
  ParDocument document = { 0, };

  if (g_strcmp0 (response, "add") != 0)
    return;
  number = g_strstrip (g_strdup (dialog_text (GTK_WIDGET (dialog), "evidence-number")));
  kind = g_strstrip (g_strdup (dialog_text (GTK_WIDGET (dialog), "evidence-kind")));
  summary = g_strstrip (g_strdup (dialog_text (GTK_WIDGET (dialog), "evidence-summary")));
  document.number = number;
  document.kind = kind;
  document.summary = summary[0] != '\0' ? summary : NULL;
  g_ptr_array_add (files, NULL);
  par_council_reply_page_add_evidence (self, g_object_get_data (G_OBJECT (dialog), "code"),
                                       &document, (const char * const *) files->pdata);
  g_ptr_array_remove_index (files, files->len - 1);
}

static GtkWidget *
evidence_entry (GtkWidget  *dialog,
                GtkWidget  *list,
                const char *name,
                const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_evidence_dialog), dialog);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  g_object_set_data (G_OBJECT (dialog), name, row);
  return row;
}

GtkWidget *
par_council_reply_page_open_evidence_dialog (ParCouncilReplyPage *self,
                                             const char          *code)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list, *files_row, *choose;

  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), NULL);

  /* Translators: %s is a sub-criterion's code */
  body = g_strdup_printf (_("A document that backs your reply on %s, with its files. It goes to "
                            "the council in the reply package."), code);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Add Evidence to the Reply"), body);
  gtk_widget_set_name (dialog, "reply-evidence");
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "files", g_ptr_array_new_with_free_func (g_free),
                          (GDestroyNotify) g_ptr_array_unref);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  evidence_entry (dialog, list, "evidence-number", _("Number and symbol (12/BC-SNV)"));
  evidence_entry (dialog, list, "evidence-kind", _("Kind (KH, BC, QĐ…)"));
  evidence_entry (dialog, list, "evidence-summary", _("Summary"));
  files_row = par_plain_action_row_new ();
  gtk_widget_set_name (files_row, "evidence-files");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (files_row), _("Files"));
  choose = gtk_button_new_with_mnemonic (_("_Choose…"));
  gtk_widget_set_name (choose, "evidence-choose");
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  g_signal_connect (choose, "clicked", G_CALLBACK (on_choose_evidence_files), dialog);
  adw_action_row_add_suffix (ADW_ACTION_ROW (files_row), choose);
  gtk_list_box_append (GTK_LIST_BOX (list), files_row);
  g_object_set_data (G_OBJECT (dialog), "evidence-files", files_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add Evidence"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_evidence_response), self, 0);
  update_evidence_dialog (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_add_evidence_clicked (GtkButton           *button,
                         ParCouncilReplyPage *self)
{
  par_council_reply_page_open_evidence_dialog (self, g_object_get_data (G_OBJECT (button), "code"));
}

/* --- the reply package ------------------------------------------------------------------- */

typedef struct {
  gint64  assessment_id;
  char   *path;
} PackageJob;

static void
package_job_free (gpointer data)
{
  PackageJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
package_run (ParStore  *store,
             gpointer   data,
             GError   **error)
{
  PackageJob *job = data;

  return par_package_write (store, job->assessment_id, PAR_PACKAGE_REPLY, 0, job->path, error);
}

static void
on_package_written (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ParCouncilReplyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  self->busy--;
  if (par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      g_autofree char *base = g_path_get_basename (self->package_path);
      g_autofree char *shown = par_text_file_name (base);

      /* Translators: a toast; %s is the package's file name */
      text = g_strdup_printf (_("Reply package saved as “%s”: send it to the council"), shown);
    }
  else
    text = g_strdup (error->message);
  if (PAR_IS_WINDOW (root))
    par_window_add_toast (PAR_WINDOW (root), adw_toast_new (text));
}

gboolean
par_council_reply_page_save_package_to (ParCouncilReplyPage *self,
                                        const char          *path)
{
  PackageJob *job;

  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->context == NULL || self->assessment_id == 0)
    return FALSE;
  /* What is typed goes first: the writer runs its jobs in order. */
  par_council_reply_page_save_all (self);
  job = g_new0 (PackageJob, 1);
  job->assessment_id = self->assessment_id;
  job->path = g_strdup (path);
  g_free (self->package_path);
  self->package_path = g_strdup (path);
  self->busy++;
  par_writer_run (par_context_get_writer (self->context), package_run, job, package_job_free, NULL,
                  on_package_written, g_object_ref (self));
  return TRUE;
}

static void
on_package_chosen (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ParCouncilReplyPage) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, PAR_PACKAGE_EXTENSION))
    {
      char *with = g_strconcat (path, PAR_PACKAGE_EXTENSION, NULL);

      g_free (path);
      path = with;
    }
  par_council_reply_page_save_package_to (self, path);
}

static void
choose_package_file (ParCouncilReplyPage *self)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GFile) folder = par_documents_folder ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Translators: the file a reply is saved to: "Sở Nội vụ — reply 2024.parscore" */
  name = g_strdup_printf (_("%s — reply %d%s"), self->unit_name != NULL ? self->unit_name : "",
                          self->year, PAR_PACKAGE_EXTENSION);
  par_file_dialog_set_title (dialog, _("Save Reply Package"));
  par_file_dialog_set_accept_label (dialog, _("_Save"));
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_package_chosen, g_object_ref (self));
}

static void
on_late_response (AdwMessageDialog    *dialog,
                  const char          *response,
                  ParCouncilReplyPage *self)
{
  if (g_strcmp0 (response, "save") == 0)
    choose_package_file (self);
}

void
par_council_reply_page_save_package (ParCouncilReplyPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self));

  if (self->assessment_id == 0)
    return;
  if (!self->late)
    {
      choose_package_file (self);
      return;
    }
  /* Past the deadline the reply still goes (late packages are marked, not lost): say so
   * before it is saved. */
  date = par_format_date_dmy (self->reply_deadline);
  /* Translators: %s is the reply deadline, dd/mm/yyyy */
  body = g_strdup_printf (_("The council took replies until %s. It still receives this reply, "
                            "and marks it late."), date);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Reply Deadline Has Passed"), body);
  gtk_widget_set_name (dialog, "late-reply");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save the Late Reply…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_late_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The appraisal's reply deadline as a countdown, like the council's ("Replies due 15/01/2027:
 * 3 days left"); past it, the page says the reply will be marked late. */
static void
show_deadline (ParCouncilReplyPage *self,
               const char          *deadline)
{
  g_autofree char *date = NULL;
  g_autofree char *left = NULL;
  g_autofree char *text = NULL;
  int days = 0;

  g_free (self->reply_deadline);
  self->reply_deadline = g_strdup (deadline);
  left = par_deadline_countdown (deadline, NULL, &days);
  self->late = left != NULL && days < 0;
  gtk_widget_set_visible (GTK_WIDGET (self->deadline_label), left != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->late_label), self->late);
  if (self->late)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "error");
  if (left == NULL)
    return;
  date = par_format_date_dmy (deadline);
  text = g_strdup_printf (_("Replies due %s: %s"), date, left);
  gtk_label_set_label (self->deadline_label, text);
}

const char *
par_council_reply_page_get_deadline_text (ParCouncilReplyPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->deadline_label))
         ? gtk_label_get_label (self->deadline_label) : NULL;
}

gboolean
par_council_reply_page_is_late (ParCouncilReplyPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), FALSE);
  return self->late;
}

/* --- showing a year ---------------------------------------------------------------------- */

static void
clear (ParCouncilReplyPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diffs_list))) != NULL)
    gtk_list_box_remove (self->diffs_list, child);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->lines);
  g_hash_table_remove_all (self->saved);
  g_ptr_array_set_size (self->codes, 0);
}

static char *
difference_line (const ParAppraisalDiff *diff)
{
  g_autofree char *self_text = diff->has_self ? par_display_points (diff->self) : g_strdup ("—");
  g_autofree char *appraised = par_display_points (diff->appraised);
  g_autofree char *max = par_display_points (diff->max);

  if (diff->comment != NULL)
    /* Translators: "Yours 1.00 · council 0.50 of 1.00 — the council's comment" */
    return g_strdup_printf (_("Yours %s · council %s of %s — %s"), self_text, appraised, max,
                            diff->comment);
  return g_strdup_printf (_("Yours %s · council %s of %s"), self_text, appraised, max);
}

static void
add_difference (ParCouncilReplyPage    *self,
                const ParAppraisalDiff *diff,
                const char             *reply,
                GPtrArray              *evidence)
{
  GtkWidget *row = par_plain_action_row_new ();
  GtkWidget *entry = adw_entry_row_new ();
  g_autofree char *title = g_strdup_printf ("%s  %s", diff->node->code, diff->node->title);
  g_autofree char *entry_title = g_strdup_printf (_("Your reply on %s"), diff->node->code);
  g_autofree char *name = g_strconcat ("reply-", diff->node->code, NULL);
  char *line = difference_line (diff);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (!diff->has_self || diff->self != diff->appraised)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("The council’s score differs"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  gtk_list_box_append (self->diffs_list, row);

  gtk_widget_set_name (entry, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), entry_title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), reply != NULL ? reply : "");
  g_object_set_data_full (G_OBJECT (entry), "code", g_strdup (diff->node->code), g_free);
  g_signal_connect (entry, "apply", G_CALLBACK (on_reply_apply), self);
  g_signal_connect (entry, "entry-activated", G_CALLBACK (on_reply_apply), self);
  {
    GtkWidget *button = gtk_button_new_from_icon_name ("mail-attachment-symbolic");
    g_autofree char *button_name = g_strconcat ("evidence-", diff->node->code, NULL);

    gtk_widget_set_name (button, button_name);
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_set_tooltip_text (button, _("Add Evidence to This Reply…"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Add evidence to this reply"), -1);
    g_object_set_data_full (G_OBJECT (button), "code", g_strdup (diff->node->code), g_free);
    g_signal_connect (button, "clicked", G_CALLBACK (on_add_evidence_clicked), self);
    adw_entry_row_add_suffix (ADW_ENTRY_ROW (entry), button);
  }
  gtk_list_box_append (self->diffs_list, entry);
  /* The documents added with this reply, under it. */
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      ParEvidenceLink *link = g_ptr_array_index (evidence, i);
      GtkWidget *evidence_row;
      g_autofree char *text = NULL;
      g_autofree char *row_name = NULL;

      if (g_strcmp0 (link->code, diff->node->code) != 0)
        continue;
      evidence_row = par_plain_action_row_new ();
      text = par_council_evidence_line (par_context_get_store (self->context), link);
      row_name = g_strdup_printf ("evidence-row-%s", diff->node->code);
      gtk_widget_set_name (evidence_row, row_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (evidence_row),
                                     _("Evidence with your reply"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (evidence_row), text);
      adw_action_row_add_prefix (ADW_ACTION_ROW (evidence_row),
                                 gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_list_box_append (self->diffs_list, evidence_row);
    }

  g_ptr_array_add (self->codes, g_strdup (diff->node->code));
  g_hash_table_replace (self->entries, g_strdup (diff->node->code), entry);
  g_hash_table_replace (self->lines, g_strdup (diff->node->code), line);
  if (reply != NULL)
    g_hash_table_replace (self->saved, g_strdup (diff->node->code), g_strdup (reply));
}

void
par_council_reply_page_present (ParCouncilReplyPage *self,
                                ParContext          *context,
                                gint64               assessment_id,
                                const char          *unit_name)
{
  ParStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) year = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GPtrArray) evidence = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(ParChartModel) model = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *intro = NULL;

  g_return_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self));
  g_return_if_fail (PAR_IS_CONTEXT (context));

  par_council_reply_page_save_all (self);
  clear (self);
  g_set_object (&self->context, context);
  self->assessment_id = assessment_id;
  g_free (self->unit_name);
  self->unit_name = g_strdup (unit_name);
  store = par_context_get_store (context);
  if ((year = par_store_get_assessment (store, assessment_id, &error)) == NULL ||
      (framework = par_context_get_framework (context, year->framework_row, &error)) == NULL ||
      (entries = par_store_get_entries (store, assessment_id, &error)) == NULL ||
      (replies = par_store_list_replies (store, assessment_id, &error)) == NULL ||
      (evidence = par_store_list_reply_evidence (store, assessment_id, NULL, &error)) == NULL)
    {
      gtk_label_set_label (self->intro_label, error->message);
      par_chart_view_set_model (self->chart_view, NULL, PAR_CHART_SELF_VS_APPRAISED);
      return;
    }
  self->year = year->year;
  {
    g_autofree char *deadline = par_package_reply_deadline (store, assessment_id, NULL, NULL);

    show_deadline (self, deadline);
  }
  /* Translators: the page's subtitle: "Sở Nội vụ · 2024" */
  subtitle = g_strdup_printf (_("%s · %d"), unit_name != NULL ? unit_name : "", year->year);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  result = par_score (framework, entries);
  diffs = par_appraisal_differences (result, entries);
  for (guint i = 0; i < diffs->len; i++)
    {
      const ParAppraisalDiff *diff = g_ptr_array_index (diffs, i);
      const char *reply = NULL;

      for (guint r = 0; r < replies->len; r++)
        if (g_strcmp0 (((ParReply *) replies->pdata[r])->code, diff->node->code) == 0)
          reply = ((ParReply *) replies->pdata[r])->text;
      add_difference (self, diff, reply, evidence);
    }
  if (diffs->len == 0)
    intro = g_strdup (par_council_reply_has_appraisal (context, assessment_id)
                      ? _("The council appraised every sub-criterion as you scored it and left "
                          "no comment: there is nothing to reply to.")
                      : _("This year holds no appraisal from the council yet: import the "
                          "council’s appraisal package first."));
  else
    intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The council scored %u sub-criterion differently from "
                                          "you or commented on it. Reply to what you dispute, then "
                                          "save the reply package and send it to the council "
                                          "(its reply deadline is shown below).",
                                          "The council scored %u sub-criteria differently from "
                                          "you or commented on them. Reply to what you dispute, "
                                          "then save the reply package and send it to the council "
                                          "(its reply deadline is shown below).", diffs->len),
                                    diffs->len);
  gtk_label_set_label (self->intro_label, intro);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  g_ptr_array_add (results, par_result_ref (result));
  /* The chart sets the unit's own scores against the Final ones (the council's where it
   * appraised, else the unit's): asked for, and labelled, as what it shows. */
  model = par_chart_model_new_for_unit (PAR_CHART_SELF_VS_APPRAISED, unit_name, results,
                                        &year->year, PAR_COLUMN_FINAL);
  par_chart_view_set_model (self->chart_view, model, PAR_CHART_SELF_VS_APPRAISED);
}

gint64
par_council_reply_page_get_assessment (ParCouncilReplyPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), 0);
  return self->assessment_id;
}

GtkEditable *
par_council_reply_page_get_reply_entry (ParCouncilReplyPage *self,
                                        const char          *code)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), NULL);
  return g_hash_table_lookup (self->entries, code);
}

GPtrArray *
par_council_reply_page_get_codes (ParCouncilReplyPage *self)
{
  GPtrArray *codes = g_ptr_array_new ();

  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), codes);
  for (guint i = 0; i < self->codes->len; i++)
    g_ptr_array_add (codes, self->codes->pdata[i]);
  return codes;
}

const char *
par_council_reply_page_get_line (ParCouncilReplyPage *self,
                                 const char          *code)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_REPLY_PAGE (self), NULL);
  return g_hash_table_lookup (self->lines, code);
}

static void
par_council_reply_page_unmap (GtkWidget *widget)
{
  /* Leaving the page keeps what was typed. */
  par_council_reply_page_save_all (PAR_COUNCIL_REPLY_PAGE (widget));
  GTK_WIDGET_CLASS (par_council_reply_page_parent_class)->unmap (widget);
}

static void
par_council_reply_page_dispose (GObject *object)
{
  ParCouncilReplyPage *self = PAR_COUNCIL_REPLY_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_COUNCIL_REPLY_PAGE);
  /* The outer box is not a bound child: dispose_template leaves it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (par_council_reply_page_parent_class)->dispose (object);
}

static void
par_council_reply_page_finalize (GObject *object)
{
  ParCouncilReplyPage *self = PAR_COUNCIL_REPLY_PAGE (object);

  g_ptr_array_unref (self->codes);
  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->lines);
  g_hash_table_unref (self->saved);
  g_free (self->unit_name);
  g_free (self->package_path);
  g_free (self->reply_deadline);
  G_OBJECT_CLASS (par_council_reply_page_parent_class)->finalize (object);
}

static void
par_council_reply_page_class_init (ParCouncilReplyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_council_reply_page_dispose;
  object_class->finalize = par_council_reply_page_finalize;
  widget_class->unmap = par_council_reply_page_unmap;
  g_type_ensure (PAR_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/parscore/Parscore/par-council-reply.ui");
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, late_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilReplyPage, diffs_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-appraisal", NULL);
}

static void
par_council_reply_page_init (ParCouncilReplyPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->codes = g_ptr_array_new_with_free_func (g_free);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
