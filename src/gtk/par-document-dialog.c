/* par-document-dialog.c — describe a new evidence document and attach its files, or correct
 * the details of one.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-document-dialog.h"
#include "par-gtk-compat.h"
#include "par-display.h"

/* In the order of the kind row's items; the last is "Other" (stored as given). */
static const char * const kinds[] = { "KH", "BC", "QĐ", "TB", "TTr", "CV", "NQ", "" };

struct _ParDocumentDialog
{
  AdwWindow            parent_instance;

  GtkWidget           *cancel_button;
  GtkWidget           *add_button;
  AdwComboRow         *kind_row;
  AdwEntryRow         *number_row;
  AdwEntryRow         *date_row;
  AdwEntryRow         *issuer_row;
  AdwEntryRow         *summary_row;
  AdwEntryRow         *section_row;
  AdwEntryRow         *pages_row;
  AdwPreferencesGroup *part_group;
  AdwPreferencesGroup *files_group;
  GtkWidget           *choose_button;

  ParDocument          document;
  char                *original_kind;   /* editing: the kind as stored (may be free text) */
  gboolean             editing;
  char                *section;
  char                *pages;
  GPtrArray           *files;       /* char* paths, NULL-terminated */
  GPtrArray           *file_rows;
};

G_DEFINE_FINAL_TYPE (ParDocumentDialog, par_document_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_ADD,
  SIGNAL_SAVE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static char *
stripped (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* The date as ISO ("" when empty); NULL when it is not a date. */
static char *
parse_date (ParDocumentDialog *self,
            GError           **error)
{
  /* The core's input parser already knows dd/mm/yyyy and ISO dates. */
  ParInput input = { 0 };

  input.id = (char *) "issue-date";
  input.type = PAR_INPUT_DATE;
  input.label = (char *) _("Date of issue");
  return par_input_normalize (&input, gtk_editable_get_text (GTK_EDITABLE (self->date_row)), error);
}

static void
validate (ParDocumentDialog *self)
{
  g_autofree char *number = stripped (self->number_row);
  g_autoptr(GError) error = NULL;
  g_autofree char *date = parse_date (self, &error);

  if (date == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), error->message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), NULL);
    }
  gtk_widget_set_sensitive (self->add_button, number != NULL && date != NULL);
}

static void
on_add (ParDocumentDialog *self)
{
  guint kind;

  if (!gtk_widget_get_sensitive (self->add_button))
    return;

  kind = adw_combo_row_get_selected (self->kind_row);
  if (kind < G_N_ELEMENTS (kinds) && *kinds[kind] != '\0')
    self->document.kind = g_strdup (kinds[kind]);
  else if (self->original_kind != NULL)
    /* "Other" keeps a kind of its own ("Công văn hỏa tốc") as it was. */
    self->document.kind = g_strdup (self->original_kind);
  else
    self->document.kind = g_strdup (_("Other"));
  self->document.number = stripped (self->number_row);
  self->document.issue_date = parse_date (self, NULL);
  if (self->document.issue_date != NULL && *self->document.issue_date == '\0')
    g_clear_pointer (&self->document.issue_date, g_free);
  self->document.issuer = stripped (self->issuer_row);
  self->document.summary = stripped (self->summary_row);
  self->section = stripped (self->section_row);
  self->pages = stripped (self->pages_row);

  g_signal_emit (self, signals[self->editing ? SIGNAL_SAVE : SIGNAL_ADD], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_remove_file (GtkButton         *button,
                ParDocumentDialog *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "file-row");
  guint index;

  if (!g_ptr_array_find (self->file_rows, row, &index))
    return;
  adw_preferences_group_remove (self->files_group, row);
  g_ptr_array_remove_index (self->file_rows, index);
  g_ptr_array_remove_index (self->files, index);
}

void
par_document_dialog_add_files (ParDocumentDialog *self,
                               GSList            *files)
{
  g_return_if_fail (PAR_IS_DOCUMENT_DIALOG (self));

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);
      g_autofree char *name = NULL;
      g_autofree char *tip = NULL;
      GtkWidget *row, *button;

      if (path == NULL)
        continue;
      name = g_path_get_basename (path);
      row = par_plain_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), path);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      tip = g_strdup_printf (_("Do not attach %s"), name);
      button = gtk_button_new_from_icon_name ("window-close-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, tip);
      par_accessible_set_name (button, tip);
      g_object_set_data (G_OBJECT (button), "file-row", row);
      g_signal_connect (button, "clicked", G_CALLBACK (on_remove_file), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->files_group, row);

      /* Keep the array NULL-terminated for par_document_dialog_get_files(). */
      g_ptr_array_insert (self->files, (int) self->files->len - 1, g_steal_pointer (&path));
      g_ptr_array_add (self->file_rows, row);

      /* A file dropped first often names the document ("KH 06-2020.pdf"). */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->summary_row)) == '\0'
          && *gtk_editable_get_text (GTK_EDITABLE (self->number_row)) == '\0')
        {
          char *dot = strrchr (name, '.');
          if (dot != NULL)
            *dot = '\0';
          gtk_editable_set_text (GTK_EDITABLE (self->summary_row), name);
        }
    }
}

static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ParDocumentDialog) self = user_data;
  g_autoptr(GListModel) chosen = par_file_dialog_open_multiple_finish (PAR_FILE_DIALOG (source), result, NULL);
  GSList *files = NULL;

  for (guint i = chosen != NULL ? g_list_model_get_n_items (chosen) : 0; i > 0; i--)
    files = g_slist_prepend (files, g_list_model_get_item (chosen, i - 1));
  if (files != NULL)
    par_document_dialog_add_files (self, files);
  g_slist_free_full (files, g_object_unref);
}

static void
on_choose (ParDocumentDialog *self)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();

  par_file_dialog_set_title (dialog, _("Attach Files"));
  par_file_dialog_set_accept_label (dialog, _("_Attach"));
  par_file_dialog_open_multiple (dialog, GTK_WINDOW (self), NULL, on_files_chosen, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget     *target,
         const GValue      *value,
         double             x,
         double             y,
         ParDocumentDialog *self)
{
  g_autoptr(GSList) files = NULL;

  if (self->editing)
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  par_document_dialog_add_files (self, files);
  return TRUE;
}

const ParDocument *
par_document_dialog_get_document (ParDocumentDialog *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_DIALOG (self), NULL);
  return &self->document;
}

const char *
par_document_dialog_get_section (ParDocumentDialog *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_DIALOG (self), NULL);
  return self->section;
}

const char *
par_document_dialog_get_pages (ParDocumentDialog *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_DIALOG (self), NULL);
  return self->pages;
}

const char * const *
par_document_dialog_get_files (ParDocumentDialog *self)
{
  g_return_val_if_fail (PAR_IS_DOCUMENT_DIALOG (self), NULL);
  return (const char * const *) self->files->pdata;
}

static void
par_document_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PAR_TYPE_DOCUMENT_DIALOG);
  G_OBJECT_CLASS (par_document_dialog_parent_class)->dispose (object);
}

static void
par_document_dialog_finalize (GObject *object)
{
  ParDocumentDialog *self = PAR_DOCUMENT_DIALOG (object);

  g_free (self->document.kind);
  g_free (self->original_kind);
  g_free (self->document.number);
  g_free (self->document.issue_date);
  g_free (self->document.issuer);
  g_free (self->document.summary);
  g_free (self->section);
  g_free (self->pages);
  g_ptr_array_unref (self->files);
  g_ptr_array_unref (self->file_rows);

  G_OBJECT_CLASS (par_document_dialog_parent_class)->finalize (object);
}

static void
par_document_dialog_class_init (ParDocumentDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_document_dialog_dispose;
  object_class->finalize = par_document_dialog_finalize;

  signals[SIGNAL_ADD] =
    g_signal_new ("add", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* A document's details corrected (par_document_dialog_new_edit()). */
  signals[SIGNAL_SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-document-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, issuer_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, summary_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, section_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, pages_row);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, part_group);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, ParDocumentDialog, choose_button);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
label_row (gpointer    row,
           const char *name)
{
  par_accessible_set_name (row, name);
  if (GTK_IS_EDITABLE (row) && gtk_editable_get_delegate (GTK_EDITABLE (row)) != NULL)
    par_accessible_set_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), name);
}

static void
par_document_dialog_init (ParDocumentDialog *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  self->files = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->files, NULL);
  self->file_rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add), self);
  g_signal_connect_swapped (self->choose_button, "clicked", G_CALLBACK (on_choose), self);
  g_signal_connect_swapped (self->number_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (validate), self);

  /* Enter in any field adds (or saves) the document, once it has a number. */
  gtk_window_set_default_widget (GTK_WINDOW (self), self->add_button);
  adw_entry_row_set_activates_default (self->number_row, TRUE);
  adw_entry_row_set_activates_default (self->date_row, TRUE);
  adw_entry_row_set_activates_default (self->issuer_row, TRUE);
  adw_entry_row_set_activates_default (self->summary_row, TRUE);
  adw_entry_row_set_activates_default (self->section_row, TRUE);
  adw_entry_row_set_activates_default (self->pages_row, TRUE);

  label_row (self->kind_row, _("Kind"));
  label_row (self->number_row, _("Number/symbol"));
  label_row (self->date_row, _("Date of issue"));
  label_row (self->issuer_row, _("Issuer"));
  label_row (self->summary_row, _("Summary"));
  label_row (self->section_row, _("Section"));
  label_row (self->pages_row, _("Pages"));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  validate (self);
}

ParDocumentDialog *
par_document_dialog_new (GtkWindow  *parent,
                         const char *code,
                         GSList     *files)
{
  ParDocumentDialog *self = g_object_new (PAR_TYPE_DOCUMENT_DIALOG, "transient-for", parent, NULL);
  g_autofree char *title = g_strdup_printf (C_("evidence", "Add Document to %s"), code);

  gtk_window_set_title (GTK_WINDOW (self), title);
  par_document_dialog_add_files (self, files);
  return self;
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

ParDocumentDialog *
par_document_dialog_new_edit (GtkWindow         *parent,
                              const ParDocument *document,
                              const char        *code,
                              const char        *section,
                              const char        *pages)
{
  ParDocumentDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  guint kind = G_N_ELEMENTS (kinds) - 1;

  g_return_val_if_fail (document != NULL, NULL);

  self = g_object_new (PAR_TYPE_DOCUMENT_DIALOG, "transient-for", parent, NULL);
  self->editing = TRUE;
  self->document.id = document->id;
  self->original_kind = g_strdup (document->kind);

  /* Translators: the title of the dialog correcting a document, "Edit 06/KH-KCNĐN". */
  title = g_strdup_printf (_("Edit %s"), document->number);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_button_set_label (GTK_BUTTON (self->add_button), _("_Save"));
  gtk_widget_set_name (self->add_button, "save");
  par_accessible_set_name (self->add_button, C_("evidence", "Save document"));
  /* Files are attached and removed on the document's row, where they are listed. */
  gtk_widget_set_visible (GTK_WIDGET (self->files_group), FALSE);
  /* Opened from a register row (the Books page) there is no part cited: only the details. */
  gtk_widget_set_visible (GTK_WIDGET (self->part_group), code != NULL);
  if (code != NULL)
    {
      /* Translators: the part of a document cited for one sub-criterion, "Part cited for 1.1.4". */
      g_autofree char *part = g_strdup_printf (_("Part Cited for %s"), code);
      adw_preferences_group_set_title (self->part_group, part);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (*kinds[i] != '\0' && g_strcmp0 (kinds[i], document->kind) == 0)
      kind = i;
  adw_combo_row_set_selected (self->kind_row, kind);
  set_row_text (self->number_row, document->number);
  date = par_format_date_dmy (document->issue_date);
  set_row_text (self->date_row, date);
  set_row_text (self->issuer_row, document->issuer);
  set_row_text (self->summary_row, document->summary);
  set_row_text (self->section_row, section);
  set_row_text (self->pages_row, pages);
  validate (self);
  return self;
}
