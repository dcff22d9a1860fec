/* par-link-dialog.c — pick an existing document from a searchable list.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-document-rows.h"
#include "par-link-dialog.h"

struct _ParLinkDialog
{
  AdwWindow       parent_instance;

  GtkWidget      *cancel_button;
  GtkWidget      *link_button;
  GtkSearchEntry *search_entry;
  GtkStack       *stack;
  GtkListBox     *list_box;
  GtkEntry       *section_entry;
  GtkEntry       *pages_entry;

  ParStore       *store;
  GArray         *linked;
  gint64          document_id;
  char           *section;
  char           *pages;
};

G_DEFINE_FINAL_TYPE (ParLinkDialog, par_link_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_LINK,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static gboolean
is_linked (ParLinkDialog *self,
           gint64         id)
{
  for (guint i = 0; i < self->linked->len; i++)
    if (g_array_index (self->linked, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* A document already linked is shown as such, not offered again. */
static void
mark_linked (AdwActionRow      *row,
             const ParDocument *document,
             gboolean           first,
             gpointer           data)
{
  GtkWidget *mark;

  if (!is_linked (data, document->id))
    return;
  mark = gtk_label_new (_("Already linked"));
  gtk_widget_add_css_class (mark, "dim-label");
  adw_action_row_add_suffix (row, mark);
  gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
}

static void
fill (ParLinkDialog *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  int shown;

  gtk_widget_set_sensitive (self->link_button, FALSE);
  shown = par_document_rows_fill (self->list_box, self->store, search, NULL, mark_linked, self, &error);
  if (shown < 0)
    g_warning ("Listing documents: %s", error->message);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "list" : "empty");
}

static void
on_row_selected (GtkListBox    *box,
                 GtkListBoxRow *row,
                 ParLinkDialog *self)
{
  self->document_id = row != NULL ? par_document_row_get_id (row) : 0;
  gtk_widget_set_sensitive (self->link_button, self->document_id > 0);
}

static void
on_link (ParLinkDialog *self)
{
  if (self->document_id <= 0)
    return;
  self->section = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->section_entry))));
  self->pages = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->pages_entry))));
  g_signal_emit (self, signals[SIGNAL_LINK], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_row_activated (GtkListBox    *box,
                  GtkListBoxRow *row,
                  ParLinkDialog *self)
{
  on_row_selected (box, row, self);
  on_link (self);
}

gint64
par_link_dialog_get_document_id (ParLinkDialog *self)
{
  g_return_val_if_fail (PAR_IS_LINK_DIALOG (self), 0);
  return self->document_id;
}

const char *
par_link_dialog_get_section (ParLinkDialog *self)
{
  g_return_val_if_fail (PAR_IS_LINK_DIALOG (self), NULL);
  return self->section;
}

const char *
par_link_dialog_get_pages (ParLinkDialog *self)
{
  g_return_val_if_fail (PAR_IS_LINK_DIALOG (self), NULL);
  return self->pages;
}

static void
par_link_dialog_dispose (GObject *object)
{
  ParLinkDialog *self = PAR_LINK_DIALOG (object);

  /* Rows going away unselect themselves: nothing must answer that any more. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_data (self->list_box, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), PAR_TYPE_LINK_DIALOG);
  G_OBJECT_CLASS (par_link_dialog_parent_class)->dispose (object);
}

static void
par_link_dialog_finalize (GObject *object)
{
  ParLinkDialog *self = PAR_LINK_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->linked, g_array_unref);
  g_free (self->section);
  g_free (self->pages);

  G_OBJECT_CLASS (par_link_dialog_parent_class)->finalize (object);
}

static void
par_link_dialog_class_init (ParLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_link_dialog_dispose;
  object_class->finalize = par_link_dialog_finalize;

  signals[SIGNAL_LINK] =
    g_signal_new ("link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, link_button);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, section_entry);
  gtk_widget_class_bind_template_child (widget_class, ParLinkDialog, pages_entry);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_link_dialog_init (ParLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (self->link_button, "clicked", G_CALLBACK (on_link), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (fill), self);
  g_signal_connect (self->list_box, "row-selected", G_CALLBACK (on_row_selected), self);
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (on_row_activated), self);
}

ParLinkDialog *
par_link_dialog_new (GtkWindow  *parent,
                     ParStore   *store,
                     const char *code,
                     GArray     *linked)
{
  ParLinkDialog *self = g_object_new (PAR_TYPE_LINK_DIALOG, "transient-for", parent, NULL);
  g_autofree char *title = g_strdup_printf (C_("evidence", "Link a Document to %s"), code);

  gtk_window_set_title (GTK_WINDOW (self), title);
  self->store = g_object_ref (store);
  self->linked = g_array_ref (linked);
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
