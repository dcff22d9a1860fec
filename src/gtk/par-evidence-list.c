/* par-evidence-list.c — the evidence of one sub-criterion.
 *
 * One expander row per document linked to the sub-criterion: number and date as its title,
 * summary, issuer and the count of files below; opened, the part cited, each file (open,
 * remove with Undo) and "Attach Files…". Rows are kept and reused from one sub-criterion to
 * the next. Every change goes through the assessment model, which writes on the writer
 * thread and says ::evidence-changed when it is stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-document-dialog.h"
#include "par-evidence-list.h"
#include "par-gtk-compat.h"
#include "par-display.h"
#include "par-link-dialog.h"

struct _ParEvidenceList
{
  GtkWidget            parent_instance;

  /* template */
  AdwPreferencesGroup *evidence_group;
  GtkButton           *link_button;
  GtkButton           *add_document_button;
  AdwActionRow        *evidence_placeholder;

  ParAssessmentModel  *model;
  char                *code;
  GPtrArray           *evidence_rows;       /* document rows added to evidence_group */
  GHashTable          *hidden_attachments;  /* ids removed, waiting for their toast */
};

G_DEFINE_FINAL_TYPE (ParEvidenceList, par_evidence_list, GTK_TYPE_WIDGET)

static void update_evidence (ParEvidenceList *self);

static void
toast (ParEvidenceList *self,
       AdwToast        *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static GtkWindow *
parent_window (ParEvidenceList *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

typedef struct {
  ParEvidenceList *self;
  gint64            document_id;
  gint64            attachment_id;
  char             *section;
  char             *pages;
  char             *name;
  gboolean          undone;
  /* document rows only */
  GtkWidget        *edit_button;
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
  ParEvidenceList *self = data->self;

  if (self->model != NULL && self->code != NULL)
    par_assessment_model_link_document (self->model, data->document_id, self->code,
                                        data->section, data->pages);
}

static void
on_unlink_clicked (GtkButton *button,
                   RowData   *data)
{
  ParEvidenceList *self = data->self;
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
  ParEvidenceList *self = data->self;

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
  ParEvidenceList *self = data->self;
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

/* An attachment being opened: who to tell if no application opens it. */
typedef struct {
  ParEvidenceList *self;
  char            *name;
} Launch;

static Launch *
launch_new (ParEvidenceList *self,
            const char      *name)
{
  Launch *launch = g_new0 (Launch, 1);

  launch->self = g_object_ref (self);
  launch->name = g_strdup (name);
  return launch;
}

static void
on_attachment_launched (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;

  if (!par_launch_file_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("%s cannot be opened: %s"), launch->name, error->message);
      toast (launch->self, adw_toast_new (message));
    }
  g_object_unref (launch->self);
  g_free (launch->name);
  g_free (launch);
}

/* Open a stored attachment with the desktop's default app, under its original name. */
static void
open_attachment (ParEvidenceList     *self,
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

  /* The blob is named by its hash; a link named like the original tells apps its type. */
  if (g_mkdir_with_parents (dir, 0700) == 0 && !g_file_test (link, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GFile) link_file = g_file_new_for_path (link);
      if (!g_file_make_symbolic_link (link_file, blob, NULL, NULL))
        g_clear_pointer (&link, g_free);
    }
  file = g_file_new_for_path (link != NULL ? link : blob);

  par_launch_file (parent_window (self), file, NULL, on_attachment_launched,
                   launch_new (self, base));
}

static void
on_attachment_activated (AdwActionRow *row,
                         RowData      *data)
{
  ParEvidenceList *self = data->self;
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
attach_files (ParEvidenceList  *self,
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

/* Where chosen files go: the row may be rebuilt while the chooser is open. */
typedef struct {
  ParEvidenceList *self;
  gint64           document_id;
} AttachTarget;

static void
on_attach_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AttachTarget *target = user_data;
  g_autoptr(GListModel) chosen = par_file_dialog_open_multiple_finish (PAR_FILE_DIALOG (source), result, NULL);
  GSList *files = NULL;

  for (guint i = chosen != NULL ? g_list_model_get_n_items (chosen) : 0; i > 0; i--)
    files = g_slist_prepend (files, g_list_model_get_item (chosen, i - 1));
  if (files != NULL && target->self->model != NULL)
    attach_files (target->self, target->document_id, files);
  g_slist_free_full (files, g_object_unref);
  g_object_unref (target->self);
  g_free (target);
}

static void
on_attach_activated (AdwActionRow *row,
                     RowData      *data)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  AttachTarget *target = g_new0 (AttachTarget, 1);

  target->self = g_object_ref (data->self);
  target->document_id = data->document_id;
  par_file_dialog_set_title (dialog, _("Attach Files"));
  par_file_dialog_set_accept_label (dialog, _("_Attach"));
  par_file_dialog_open_multiple (dialog, parent_window (data->self), NULL, on_attach_chosen, target);
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
  ParEvidenceList *self = data->self;
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

/* Correcting a document's details: the dialog, then an Undo toast that puts the details
 * (and the part cited) back as they were. */

typedef struct {
  ParEvidenceList *self;
  char            *code;
  ParDocument     *document;
  char            *section;
  char            *pages;
} Details;

static void
details_free (Details *details)
{
  g_free (details->code);
  g_clear_pointer (&details->document, par_document_free);
  g_free (details->section);
  g_free (details->pages);
  g_free (details);
}

static ParDocument *
document_dup (const ParDocument *document)
{
  ParDocument *copy = g_new0 (ParDocument, 1);

  copy->id = document->id;
  copy->kind = g_strdup (document->kind);
  copy->number = g_strdup (document->number);
  copy->issue_date = g_strdup (document->issue_date);
  copy->issuer = g_strdup (document->issuer);
  copy->summary = g_strdup (document->summary);
  return copy;
}

static void
on_details_undo (AdwToast *toast,
                 Details  *old)
{
  ParEvidenceList *self = old->self;

  if (self->model != NULL)
    par_assessment_model_update_document (self->model, old->document, old->code,
                                          old->section, old->pages);
}

static void
on_document_dialog_save (ParDocumentDialog *dialog,
                         Details           *old)
{
  ParEvidenceList *self = old->self;
  Details *undo;
  g_autofree char *title = NULL;
  AdwToast *t;

  if (self->model == NULL)
    return;
  par_assessment_model_update_document (self->model, par_document_dialog_get_document (dialog),
                                        old->code,
                                        par_document_dialog_get_section (dialog),
                                        par_document_dialog_get_pages (dialog));

  undo = g_new0 (Details, 1);
  undo->self = self;
  undo->code = g_strdup (old->code);
  undo->document = document_dup (old->document);
  undo->section = g_strdup (old->section);
  undo->pages = g_strdup (old->pages);
  /* Translators: a toast; %s is a document's number, "06/KH-KCNĐN". */
  title = g_strdup_printf (_("%s corrected"), par_document_dialog_get_document (dialog)->number);
  t = adw_toast_new (title);
  adw_toast_set_button_label (t, _("_Undo"));
  g_signal_connect_data (t, "button-clicked", G_CALLBACK (on_details_undo), undo,
                         (GClosureNotify) (void (*) (void)) details_free, G_CONNECT_DEFAULT);
  toast (self, t);
}

static void
on_edit_clicked (GtkButton *button,
                 RowData   *data)
{
  ParEvidenceList *self = data->self;
  const ParDocument *document;
  ParDocumentDialog *dialog;
  Details *old;

  if (self->model == NULL || self->code == NULL || par_assessment_model_is_locked (self->model))
    return;
  document = par_assessment_model_get_document (self->model, data->document_id);
  if (document == NULL)
    return;

  /* The row may be reused while the dialog is open: the dialog's answer keeps its own copy. */
  old = g_new0 (Details, 1);
  old->self = self;
  old->code = g_strdup (self->code);
  old->document = document_dup (document);
  old->section = g_strdup (data->section);
  old->pages = g_strdup (data->pages);

  dialog = par_document_dialog_new_edit (parent_window (self), document, self->code,
                                         data->section, data->pages);
  g_signal_connect_data (dialog, "save", G_CALLBACK (on_document_dialog_save), old,
                         (GClosureNotify) (void (*) (void)) details_free, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Document rows are kept and reused from one sub-criterion to the next: making and styling
 * new rows is most of what switching costs. */
static GtkWidget *
new_document_row (ParEvidenceList *self)
{
  GtkWidget *row = par_plain_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("x-office-document-symbolic");
  GtkDropTarget *target;
  RowData *data = g_new0 (RowData, 1);

  data->self = self;
  data->children = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (row), "row-data", data, (GDestroyNotify) row_data_free);

  gtk_widget_add_css_class (row, "document-row");
  par_accessible_set_name (icon, C_("evidence", "Document"));
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  data->remove_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (data->remove_button, "flat");
  gtk_widget_set_valign (data->remove_button, GTK_ALIGN_CENTER);
  g_signal_connect (data->remove_button, "clicked", G_CALLBACK (on_unlink_clicked), data);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), data->remove_button);

  /* An action added goes before those added earlier: correct, then remove. */
  data->edit_button = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_name (data->edit_button, "edit-document");
  gtk_widget_add_css_class (data->edit_button, "flat");
  gtk_widget_set_valign (data->edit_button, GTK_ALIGN_CENTER);
  g_signal_connect (data->edit_button, "clicked", G_CALLBACK (on_edit_clicked), data);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), data->edit_button);

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_document_drop), data);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (on_document_expanded), NULL);
  return row;
}

/* Show @link's document in @row; FALSE if the document cannot be read. */
static gboolean
set_document_row (ParEvidenceList       *self,
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
  g_autofree char *edit_tip = NULL;
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

  date = par_format_date_dmy (document->issue_date);
  title = *date != '\0'
          /* Translators: a document's number and date of issue, "06/KH-KCNĐN · 14/01/2020". */
          ? g_strdup_printf (_("%s · %s"), document->number, date)
          : g_strdup (document->number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  par_accessible_set_name (row, title);

  /* Translators: a button's tooltip, %s is a document's number, "06/KH-KCNĐN". */
  edit_tip = g_strdup_printf (_("Correct the details of %s"), document->number);
  par_widget_set_tooltip (data->edit_button, edit_tip);
  par_accessible_set_name (data->edit_button, edit_tip);
  gtk_widget_set_sensitive (data->edit_button, !locked);

  tip = g_strdup_printf (_("Remove %s from this sub-criterion"), document->number);
  par_widget_set_tooltip (data->remove_button, tip);
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
update_evidence (ParEvidenceList *self)
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
                        ParEvidenceList   *self)
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
par_evidence_list_add_files (ParEvidenceList  *self,
                              GSList           *files)
{
  ParDocumentDialog *dialog;

  g_return_if_fail (PAR_IS_EVIDENCE_LIST (self));

  if (self->model == NULL || self->code == NULL || par_assessment_model_is_locked (self->model))
    return;
  dialog = par_document_dialog_new (parent_window (self), self->code, files);
  g_signal_connect_object (dialog, "add", G_CALLBACK (on_document_dialog_add), self, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_add_document_clicked (GtkButton        *button,
                         ParEvidenceList  *self)
{
  par_evidence_list_add_files (self, NULL);
}

static void
on_link_dialog_link (ParLinkDialog    *dialog,
                     ParEvidenceList  *self)
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
                 ParEvidenceList  *self)
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

/* Model signals */

static void
on_model_evidence_changed (ParAssessmentModel *model,
                           const char         *code,
                           ParEvidenceList    *self)
{
  if (code == NULL || g_strcmp0 (code, self->code) == 0)
    update_evidence (self);
}

static void
clear_rows (ParEvidenceList *self)
{
  for (guint i = 0; i < self->evidence_rows->len; i++)
    adw_preferences_group_remove (self->evidence_group, g_ptr_array_index (self->evidence_rows, i));
  g_ptr_array_set_size (self->evidence_rows, 0);
}

void
par_evidence_list_set_model (ParEvidenceList    *self,
                             ParAssessmentModel *model)
{
  g_return_if_fail (PAR_IS_EVIDENCE_LIST (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  clear_rows (self);
  g_set_object (&self->model, model);
  g_clear_pointer (&self->code, g_free);
  g_hash_table_remove_all (self->hidden_attachments);
  if (model != NULL)
    g_signal_connect (model, "evidence-changed", G_CALLBACK (on_model_evidence_changed), self);
  update_evidence (self);
}

void
par_evidence_list_show (ParEvidenceList *self,
                        const char      *code)
{
  g_return_if_fail (PAR_IS_EVIDENCE_LIST (self));

  if (g_strcmp0 (self->code, code) != 0)
    {
      g_free (self->code);
      self->code = g_strdup (code);
    }
  update_evidence (self);
}

static void
par_evidence_list_dispose (GObject *object)
{
  ParEvidenceList *self = PAR_EVIDENCE_LIST (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_EVIDENCE_LIST);

  G_OBJECT_CLASS (par_evidence_list_parent_class)->dispose (object);
}

static void
par_evidence_list_finalize (GObject *object)
{
  ParEvidenceList *self = PAR_EVIDENCE_LIST (object);

  g_ptr_array_unref (self->evidence_rows);
  g_hash_table_unref (self->hidden_attachments);
  g_free (self->code);

  G_OBJECT_CLASS (par_evidence_list_parent_class)->finalize (object);
}

static void
par_evidence_list_class_init (ParEvidenceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_evidence_list_dispose;
  object_class->finalize = par_evidence_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-evidence-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ParEvidenceList, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, ParEvidenceList, link_button);
  gtk_widget_class_bind_template_child (widget_class, ParEvidenceList, add_document_button);
  gtk_widget_class_bind_template_child (widget_class, ParEvidenceList, evidence_placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_link_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_document_clicked);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "parevidencelist");
}

static void
par_evidence_list_init (ParEvidenceList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  self->evidence_rows = g_ptr_array_new ();
  self->hidden_attachments = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}
