/* par-books-link.c — the chooser of a register row's evidence document: "No Document", the
 * year's documents, then the others, searched through the store (case and diacritics ignored)
 * as the evidence list's link dialog does: par-document-rows.c lists them for both.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-books-link.h"
#include "par-display.h"
#include "par-document-rows.h"

struct _ParBooksLinkDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;
  GtkLabel       *empty_label;

  ParStore       *store;
  gint64          current;
  GHashTable     *year;        /* gint64* of the year's documents */
  gboolean        chosen;
};

G_DEFINE_FINAL_TYPE (ParBooksLinkDialog, par_books_link_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

char *
par_books_link_describe (const ParDocument *document)
{
  g_autofree char *date = NULL;
  GString *text;

  g_return_val_if_fail (document != NULL, NULL);

  date = par_format_date_dmy (document->issue_date);
  text = g_string_new (document->number);
  if (*date != '\0')
    g_string_append_printf (text, " · %s", date);
  if (document->summary != NULL && *document->summary != '\0')
    g_string_append_printf (text, " — %s", document->summary);
  if (document->issuer != NULL && *document->issuer != '\0')
    g_string_append_printf (text, " — %s", document->issuer);
  return g_string_free (text, FALSE);
}

/* The document linked now carries a check mark and says so to a screen reader. */
static void
mark_current (ParBooksLinkDialog *self,
              AdwActionRow       *row,
              gint64              id)
{
  g_autofree char *name = NULL;

  if (id != self->current)
    return;
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("object-select-symbolic"));
  /* TRANSLATORS: accessible name of the chooser's row of the document linked now */
  name = g_strdup_printf (_("%s (linked now)"),
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  par_accessible_set_name (row, name);
}

static void
mark_document (AdwActionRow      *row,
               const ParDocument *document,
               gboolean           in_year,
               gpointer           data)
{
  mark_current (data, row, document->id);
}

/* "No Document", first of all: choosing it unlinks. */
static GtkWidget *
no_document_row (ParBooksLinkDialog *self)
{
  GtkWidget *row = par_plain_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Document"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               self->current > 0 ? _("Unlink the document from this row")
                                                 : _("The row links no document"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  par_accessible_set_name (row, _("No Document"));
  mark_current (self, ADW_ACTION_ROW (row), 0);
  return row;
}

static void
fill (ParBooksLinkDialog *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  int shown;

  shown = par_document_rows_fill (self->list_box, self->store, search, self->year, mark_document,
                                  self, &error);
  gtk_list_box_prepend (self->list_box, no_document_row (self));
  if (shown < 0)
    gtk_label_set_label (self->empty_label, error->message);
  else if (shown == 0)
    gtk_label_set_label (self->empty_label, *search != '\0' ? _("No document matches the search.")
                                                            : _("No evidence document is stored yet: "
                                                                "add documents to a sub-criterion "
                                                                "first."));
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), shown <= 0);
}

/* Headings between the groups: the year's documents, the others. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       data)
{
  gint64 id = par_document_row_get_id (row);
  gboolean in_year = par_document_row_is_first (row);
  gboolean before_year = before != NULL && par_document_row_is_first (before);
  const char *text = NULL;

  if (id > 0 && before != NULL && par_document_row_get_id (before) == 0)
    text = in_year ? _("This Year's Documents") : _("Other Documents");
  else if (id > 0 && !in_year && before_year)
    text = _("Other Documents");
  if (text == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  {
    GtkWidget *label = gtk_label_new (text);

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_widget_set_margin_top (label, 12);
    gtk_widget_set_margin_bottom (label, 6);
    gtk_widget_set_margin_start (label, 12);
    gtk_list_box_row_set_header (row, label);
  }
}

static void
choose (ParBooksLinkDialog *self,
        GtkListBoxRow      *row)
{
  if (row == NULL || self->chosen)
    return;
  self->chosen = TRUE;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, par_document_row_get_id (row));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_row_activated (GtkListBox         *box,
                  GtkListBoxRow      *row,
                  ParBooksLinkDialog *self)
{
  choose (self, row);
}

/* Enter in the search: the row selected, else the first document found. */
static void
on_search_activate (ParBooksLinkDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);

  if (row == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    row = gtk_list_box_get_row_at_index (self->list_box, 1);
  choose (self, row);
}

/* Down from the search goes to the list: the first document, or "No Document" when none. */
static gboolean
on_search_key (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               ParBooksLinkDialog    *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_row_at_index (self->list_box, 1);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list_box, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

GtkEditable *
par_books_link_dialog_get_search (ParBooksLinkDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_LINK_DIALOG (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

guint
par_books_link_dialog_get_n_rows (ParBooksLinkDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (PAR_IS_BOOKS_LINK_DIALOG (self), 0);
  while (gtk_list_box_get_row_at_index (self->list_box, (int) n) != NULL)
    n++;
  return n;
}

GtkListBoxRow *
par_books_link_dialog_get_row (ParBooksLinkDialog *self,
                               guint               index)
{
  g_return_val_if_fail (PAR_IS_BOOKS_LINK_DIALOG (self), NULL);
  return gtk_list_box_get_row_at_index (self->list_box, (int) index);
}

static void
par_books_link_dialog_dispose (GObject *object)
{
  ParBooksLinkDialog *self = PAR_BOOKS_LINK_DIALOG (object);

  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_data (self->list_box, self);
  self->list_box = NULL;
  G_OBJECT_CLASS (par_books_link_dialog_parent_class)->dispose (object);
}

static void
par_books_link_dialog_finalize (GObject *object)
{
  ParBooksLinkDialog *self = PAR_BOOKS_LINK_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->year, g_hash_table_unref);
  G_OBJECT_CLASS (par_books_link_dialog_parent_class)->finalize (object);
}

static void
par_books_link_dialog_class_init (ParBooksLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_books_link_dialog_dispose;
  object_class->finalize = par_books_link_dialog_finalize;

  signals[SIGNAL_CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_books_link_dialog_init (ParBooksLinkDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);
  gtk_window_set_title (GTK_WINDOW (self), _("Link a Document"));

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Link a Document"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  par_accessible_set_name (cancel, _("Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  gtk_box_append (GTK_BOX (box), header);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search by number, issuer or summary"), NULL);
  par_accessible_set_name (self->search_entry, C_("evidence", "Search documents"));
  gtk_widget_set_margin_top (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->search_entry), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->search_entry), 12);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (fill), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_SINGLE);
  gtk_list_box_set_header_func (self->list_box, update_header, NULL, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  gtk_widget_set_valign (GTK_WIDGET (self->list_box), GTK_ALIGN_START);
  par_accessible_set_name (self->list_box, C_("evidence", "Documents"));
  g_signal_connect (self->list_box, "row-activated", G_CALLBACK (on_row_activated), self);
  self->empty_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->empty_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->empty_label), 18);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list_box));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->empty_label));
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  adw_window_set_content (ADW_WINDOW (self), box);
}

ParBooksLinkDialog *
par_books_link_dialog_new (GtkWindow  *parent,
                           ParStore   *store,
                           const char *subtitle,
                           gint64      current,
                           GArray     *year_documents)
{
  ParBooksLinkDialog *self;

  g_return_val_if_fail (PAR_IS_STORE (store), NULL);

  self = g_object_new (PAR_TYPE_BOOKS_LINK_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->current = current;
  self->year = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; year_documents != NULL && i < year_documents->len; i++)
    g_hash_table_add (self->year, g_memdup2 (&g_array_index (year_documents, gint64, i), sizeof (gint64)));
  adw_window_title_set_subtitle (self->title, subtitle);
  fill (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return self;
}
