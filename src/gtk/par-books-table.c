/* par-books-table.c — one register as an editable table: a GtkColumnView whose cells are
 * editors of the column's type (an entry for text, numbers and dd/mm/yyyy dates, a check box
 * for yes-no, a drop-down of the options for a choice). What is typed goes through the core's
 * reading (par_register_normalize_cell) at once: a cell it cannot read is marked with the
 * core's message and keeps its last good value; the row's check (par_register_check_row) is
 * shown on the row. Saving is the page's (par-books-page.c).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "par-books-table.h"
#include "par-register-due.h"

struct _ParBooksTable
{
  GtkWidget          parent_instance;

  const ParRegister *reg;
  gboolean           editable;
  GListStore        *rows;
  GtkCustomFilter   *search_filter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkSingleSelection *selection;
  GtkColumnView     *view;
  GtkWidget         *box;
  GtkLabel          *message_label;
  GtkLabel          *totals_label;
  char              *search;     /* folded, "" for none */
  char              *today;      /* ISO, for the due dates; NULL: none shown */
  gboolean           due_only;   /* show only the rows overdue or due soon */
  gboolean           followed;   /* the register has a deadline and a done date */
  guint              deadline_col;
  guint              syncing;    /* > 0 while a bind writes into an editor */
};

enum { SIGNAL_ROW_EDITED, SIGNAL_COMMIT, SIGNAL_REMOVE_ROW, SIGNAL_LINK_ROW, SIGNAL_OPEN_DOCUMENT,
       N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ParBooksTable, par_books_table, GTK_TYPE_WIDGET)

#define ROW_KEY "par-books-row"
#define LINK_KEY "par-books-link"
#define STATUS_KEY "par-books-status"

typedef struct {
  ParBooksTable           *table;   /* not a reference: the factory dies with the view */
  const ParRegisterColumn *column;
} CellInfo;

static char *
cell_key (guint column)
{
  return g_strdup_printf ("par-books-cell-%u", column);
}

static ParBooksRow *
row_of (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), ROW_KEY);
}

/* A cell's widget shows @row (a list item was bound): the widget holds the row (row_of()), and
 * the row finds the widget under @key (NULL: no need). */
static void
attach_row (GtkWidget   *widget,
            ParBooksRow *row,
            const char  *key)
{
  g_object_set_data_full (G_OBJECT (widget), ROW_KEY, g_object_ref (row), g_object_unref);
  if (key != NULL)
    g_object_set_data (G_OBJECT (row), key, widget);
}

/* Undoes attach_row(); the row keeps what it finds under @key when that is another widget
 * now (a newer one shows the row). */
static void
detach_row (GtkWidget  *widget,
            const char *key)
{
  ParBooksRow *row = row_of (widget);

  if (key != NULL && row != NULL && g_object_get_data (G_OBJECT (row), key) == widget)
    g_object_set_data (G_OBJECT (row), key, NULL);
  g_object_set_data (G_OBJECT (widget), ROW_KEY, NULL);
}

/* --- the row's problem ------------------------------------------------------------------- */

static ParDueState
due_state (ParBooksTable *self,
           ParBooksRow   *row,
           int           *days)
{
  if (!self->followed || self->today == NULL)
    return PAR_DUE_NONE;
  return par_register_row_due (self->reg, par_books_row_get_cells (row), self->today,
                               PAR_DUE_SOON_DAYS, days);
}

static char *
due_text (ParDueState state,
          int         days)
{
  switch (state)
    {
    case PAR_DUE_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Overdue by %d day",
                                           "Overdue by %d days", -days), -days);
    case PAR_DUE_SOON:
      if (days == 0)
        return g_strdup (_("Due today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days",
                                           days), days);
    case PAR_DUE_NONE:
    default:
      return NULL;
    }
}

/* The row's marks: its problem (the core's message) first, else how due it is; the deadline
 * cell red when overdue, amber when due within 30 days. */
static void
show_row_state (ParBooksTable *self,
                ParBooksRow   *row)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (row), STATUS_KEY);
  g_autofree char *deadline_key = cell_key (self->deadline_col);
  GtkWidget *deadline = self->followed ? g_object_get_data (G_OBJECT (row), deadline_key) : NULL;
  g_autofree char *message = NULL;
  g_autofree char *due = NULL;
  gboolean ok = par_books_row_check (row, NULL, &message);
  int days = 0;
  ParDueState state = due_state (self, row, &days);

  due = due_text (state, days);
  if (status != NULL)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status),
                                    !ok ? "dialog-warning-symbolic"
                                    : state != PAR_DUE_NONE ? "alarm-symbolic" : NULL);
      gtk_widget_set_tooltip_text (status, !ok ? message : due);
      gtk_widget_remove_css_class (status, "error");
      gtk_widget_remove_css_class (status, "books-overdue");
      gtk_widget_remove_css_class (status, "books-due-soon");
      if (!ok)
        gtk_widget_add_css_class (status, "error");
      else if (state == PAR_DUE_OVERDUE)
        gtk_widget_add_css_class (status, "books-overdue");
      else if (state == PAR_DUE_SOON)
        gtk_widget_add_css_class (status, "books-due-soon");
    }
  if (deadline != NULL)
    {
      gtk_widget_remove_css_class (deadline, "books-overdue");
      gtk_widget_remove_css_class (deadline, "books-due-soon");
      if (state == PAR_DUE_OVERDUE)
        gtk_widget_add_css_class (deadline, "books-overdue");
      else if (state == PAR_DUE_SOON)
        gtk_widget_add_css_class (deadline, "books-due-soon");
      if (!gtk_widget_has_css_class (deadline, "error"))
        gtk_widget_set_tooltip_text (deadline, due);
    }
}

static void
show_cell_state (GtkWidget   *editor,
                 const char  *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (editor, "error");
      gtk_widget_set_tooltip_text (editor, message);
    }
  else
    {
      gtk_widget_remove_css_class (editor, "error");
      gtk_widget_set_tooltip_text (editor, NULL);
    }
}

/* A row's link button: the linked document's number/symbol, else a link icon. */
static void
show_link (ParBooksTable *self,
           ParBooksRow   *row,
           GtkWidget     *button,
           guint          shown_position)
{
  const char *label = par_books_row_get_document_label (row);
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;

  if (button == NULL)
    return;
  if (label != NULL)
    {
      GtkWidget *text = gtk_label_new (label);

      gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_button_set_child (GTK_BUTTON (button), text);
      /* TRANSLATORS: accessible name of a row's link button: the row shown, the document */
      name = g_strdup_printf (_("Row %u links %s"), shown_position + 1, label);
      /* TRANSLATORS: tooltip of a row's link button: the document, then what the button does */
      tooltip = g_strdup_printf (_("%s\nChoose another document or unlink (Enter); open it: "
                                   "right-click or Alt+Enter"),
                                 par_books_row_get_document_text (row));
    }
  else
    {
      gtk_button_set_icon_name (GTK_BUTTON (button), "mail-attachment-symbolic");
      /* TRANSLATORS: accessible name of the link button of a row linking no document */
      name = g_strdup_printf (_("Link a document to row %u"), shown_position + 1);
      tooltip = g_strdup (_("Link a Document…"));
    }
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
par_books_table_row_changed (ParBooksTable *self,
                             ParBooksRow   *row)
{
  g_autofree char *message = NULL;
  guint position;

  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));

  show_row_state (self, row);
  {
    GtkWidget *button = g_object_get_data (G_OBJECT (row), LINK_KEY);

    if (button != NULL)
      show_link (self, row, button,
                 GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "par-books-position")));
  }
  if (!par_books_row_check (row, NULL, &message) &&
      g_list_store_find (self->rows, row, &position))
    {
      /* TRANSLATORS: "Row 3: column “Thời hạn” (deadline) must not be empty — not saved until
       * it is right" */
      g_autofree char *text = g_strdup_printf (_("Row %u: %s — not saved until it is right"),
                                               position + 1, message);
      gtk_label_set_label (self->message_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), TRUE);
    }
  else
    {
      gtk_label_set_label (self->message_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
    }
  par_books_table_update_totals (self);
}

static void
edited (ParBooksTable *self,
        ParBooksRow   *row)
{
  par_books_table_row_changed (self, row);
  g_signal_emit (self, signals[SIGNAL_ROW_EDITED], 0, row);
}

/* --- editors ------------------------------------------------------------------------------- */

static void
on_entry_changed (GtkEditable *editable,
                  CellInfo    *info)
{
  ParBooksRow *row = row_of (GTK_WIDGET (editable));
  const char *text = gtk_editable_get_text (editable);
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;

  if (row == NULL || info->table->syncing > 0)
    return;
  canonical = par_register_normalize_cell (info->column, text, &error);
  if (canonical == NULL)
    {
      par_books_row_set_refused (row, info->column->index, text, error->message);
      show_cell_state (GTK_WIDGET (editable), error->message);
    }
  else
    {
      par_books_row_set_cell (row, info->column->index, canonical);
      show_cell_state (GTK_WIDGET (editable), NULL);
    }
  edited (info->table, row);
}

static void
on_entry_activate (GtkEntry *entry,
                   CellInfo *info)
{
  g_signal_emit (info->table, signals[SIGNAL_COMMIT], 0);
}

static void
on_check_toggled (GtkCheckButton *check,
                  CellInfo       *info)
{
  ParBooksRow *row = row_of (GTK_WIDGET (check));

  if (row == NULL || info->table->syncing > 0)
    return;
  par_books_row_set_cell (row, info->column->index,
                          gtk_check_button_get_active (check) ? "true" : "false");
  edited (info->table, row);
}

static void
on_drop_down_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       CellInfo    *info)
{
  ParBooksRow *row = row_of (GTK_WIDGET (drop_down));
  guint selected = gtk_drop_down_get_selected (drop_down);
  GPtrArray *options = info->column->as_input->options;

  if (row == NULL || info->table->syncing > 0)
    return;
  /* Item 0 is "—", no value. */
  par_books_row_set_cell (row, info->column->index,
                          selected >= 1 && selected <= options->len
                          ? ((ParOption *) options->pdata[selected - 1])->value : NULL);
  edited (info->table, row);
}

/* The calendar of a date cell: the day picked is typed into the cell as dd/mm/yyyy, so it goes
 * through the same reading as what is typed by hand. */
static void
on_day_selected (GtkCalendar *calendar,
                 GtkEntry    *entry)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%d/%m/%Y");

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER)));
  gtk_widget_grab_focus (GTK_WIDGET (entry));
}

/* The entry does not know the popover is its child: let go of it before the entry goes. */
static void
on_date_entry_destroy (GtkWidget *entry)
{
  GtkWidget *popover = g_object_steal_data (G_OBJECT (entry), "par-calendar");

  if (popover != NULL)
    gtk_widget_unparent (popover);
}

static void
on_date_icon (GtkEntry             *entry,
              GtkEntryIconPosition  position,
              CellInfo             *info)
{
  ParBooksRow *row = row_of (GTK_WIDGET (entry));
  GtkWidget *popover = g_object_get_data (G_OBJECT (entry), "par-calendar");
  GtkWidget *calendar;
  const char *cell;

  if (row == NULL)
    return;
  if (popover == NULL)
    {
      popover = gtk_popover_new ();
      calendar = gtk_calendar_new ();
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_widget_set_parent (popover, GTK_WIDGET (entry));
      g_object_set_data (G_OBJECT (entry), "par-calendar", popover);
      g_signal_connect (entry, "destroy", G_CALLBACK (on_date_entry_destroy), NULL);
      g_signal_connect (calendar, "day-selected", G_CALLBACK (on_day_selected), entry);
    }
  calendar = gtk_popover_get_child (GTK_POPOVER (popover));
  cell = par_books_row_get_cell (row, info->column->index);
  {
    int y, m, d;
    g_autoptr(GDateTime) shown = NULL;

    if (cell != NULL && sscanf (cell, "%d-%d-%d", &y, &m, &d) == 3)
      shown = g_date_time_new_local (y, m, d, 0, 0, 0);
    if (shown != NULL)
      {
        g_signal_handlers_block_by_func (calendar, on_day_selected, entry);
        gtk_calendar_select_day (GTK_CALENDAR (calendar), shown);
        g_signal_handlers_unblock_by_func (calendar, on_day_selected, entry);
      }
  }
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CellInfo                 *info)
{
  const ParRegisterColumn *column = info->column;
  GtkWidget *editor;
  switch (column->type)
    {
    case PAR_COLUMN_YES_NO:
      editor = gtk_check_button_new ();
      gtk_widget_set_halign (editor, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (editor, info->table->editable);
      g_signal_connect (editor, "toggled", G_CALLBACK (on_check_toggled), info);
      break;
    case PAR_COLUMN_CHOICE:
      {
        g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

        gtk_string_list_append (labels, "—");
        for (guint i = 0; i < column->as_input->options->len; i++)
          gtk_string_list_append (labels, ((ParOption *) column->as_input->options->pdata[i])->label);
        editor = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
        gtk_widget_set_sensitive (editor, info->table->editable);
        gtk_widget_add_css_class (editor, "flat");
        g_signal_connect (editor, "notify::selected", G_CALLBACK (on_drop_down_selected), info);
      }
      break;
    case PAR_COLUMN_TEXT:
    case PAR_COLUMN_INTEGER:
    case PAR_COLUMN_DECIMAL:
    case PAR_COLUMN_DATE:
    default:
      editor = gtk_entry_new ();
      gtk_entry_set_has_frame (GTK_ENTRY (editor), FALSE);
      gtk_editable_set_editable (GTK_EDITABLE (editor), info->table->editable);
      if (column->type == PAR_COLUMN_TEXT)
        gtk_editable_set_width_chars (GTK_EDITABLE (editor), 18);
      else if (column->type == PAR_COLUMN_DATE)
        {
          gtk_editable_set_width_chars (GTK_EDITABLE (editor), 10);
          /* TRANSLATORS: the placeholder of a date cell */
          gtk_entry_set_placeholder_text (GTK_ENTRY (editor), _("dd/mm/yyyy"));
          if (info->table->editable)
            {
              gtk_entry_set_icon_from_icon_name (GTK_ENTRY (editor), GTK_ENTRY_ICON_SECONDARY,
                                                 "x-office-calendar-symbolic");
              gtk_entry_set_icon_tooltip_text (GTK_ENTRY (editor), GTK_ENTRY_ICON_SECONDARY,
                                               _("Pick the Day"));
              g_signal_connect (editor, "icon-press", G_CALLBACK (on_date_icon), info);
            }
        }
      else
        {
          gtk_editable_set_width_chars (GTK_EDITABLE (editor), 7);
          gtk_entry_set_alignment (GTK_ENTRY (editor), 1.0);
          gtk_widget_add_css_class (editor, "numeric");
        }
      g_signal_connect (editor, "changed", G_CALLBACK (on_entry_changed), info);
      g_signal_connect (editor, "activate", G_CALLBACK (on_entry_activate), info);
      break;
    }
  if (!info->table->editable)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_READ_ONLY,
                                    TRUE, -1);
  gtk_list_item_set_child (item, editor);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CellInfo                 *info)
{
  GtkWidget *editor = gtk_list_item_get_child (item);
  ParBooksRow *row = gtk_list_item_get_item (item);
  const ParRegisterColumn *column = info->column;
  const char *cell = par_books_row_get_cell (row, column->index);
  g_autofree char *key = cell_key (column->index);

  attach_row (editor, row, key);
  {
    /* TRANSLATORS: accessible name of a cell of a book: its column, the row shown ("Thời hạn,
     * row 3") */
    g_autofree char *name = g_strdup_printf (_("%s, row %u"), column->label,
                                             gtk_list_item_get_position (item) + 1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  info->table->syncing++;
  switch (column->type)
    {
    case PAR_COLUMN_YES_NO:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (editor), g_strcmp0 (cell, "true") == 0);
      break;
    case PAR_COLUMN_CHOICE:
      {
        guint selected = 0;

        for (guint i = 0; cell != NULL && i < column->as_input->options->len; i++)
          if (g_str_equal (((ParOption *) column->as_input->options->pdata[i])->value, cell))
            selected = i + 1;
        gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), selected);
      }
      break;
    default:
      {
        const char *message = NULL;
        const char *refused = par_books_row_get_refused (row, column->index, &message);
        g_autofree char *shown = refused != NULL ? g_strdup (refused)
                                                 : par_register_cell_display (column, cell,
                                                                              par_points_decimal_separator ());

        gtk_editable_set_text (GTK_EDITABLE (editor), shown);
        show_cell_state (editor, message);
      }
      break;
    }
  info->table->syncing--;
  if (info->table->followed && column->index == info->table->deadline_col)
    show_row_state (info->table, row);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CellInfo                 *info)
{
  g_autofree char *key = cell_key (info->column->index);

  detach_row (gtk_list_item_get_child (item), key);
}

/* --- the status and remove columns --------------------------------------------------------- */

static void
setup_status (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ParBooksTable            *self)
{
  GtkWidget *image = gtk_image_new ();

  gtk_widget_set_size_request (image, 16, -1);
  /* The row's handle: focusable (a click there), Delete removes the row (in a cell's text Delete
   * deletes text: Ctrl+− removes the row from there). */
  gtk_widget_set_focusable (image, TRUE);
  gtk_widget_add_css_class (image, "books-row-handle");
  gtk_list_item_set_child (item, image);
}

static void
bind_status (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ParBooksTable            *self)
{
  GtkWidget *image = gtk_list_item_get_child (item);
  ParBooksRow *row = gtk_list_item_get_item (item);

  attach_row (image, row, STATUS_KEY);
  {
    /* TRANSLATORS: accessible name of a row's first cell, where Delete removes the row */
    g_autofree char *name = g_strdup_printf (_("Row %u (Delete removes it)"),
                                             gtk_list_item_get_position (item) + 1);
    gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  show_row_state (self, row);
}

static void
unbind_status (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ParBooksTable            *self)
{
  detach_row (gtk_list_item_get_child (item), STATUS_KEY);
}

static void
on_remove_clicked (GtkButton     *button,
                   ParBooksTable *self)
{
  ParBooksRow *row = row_of (GTK_WIDGET (button));

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_REMOVE_ROW], 0, row);
}

static void
setup_remove (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ParBooksTable            *self)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, self->editable);
  gtk_widget_set_tooltip_text (button, _("Remove This Row (Ctrl+−)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this row"), -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_list_item_set_child (item, button);
}

static void
bind_remove (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ParBooksTable            *self)
{
  attach_row (gtk_list_item_get_child (item), gtk_list_item_get_item (item), NULL);
}

static void
unbind_remove (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ParBooksTable            *self)
{
  detach_row (gtk_list_item_get_child (item), NULL);
}

/* --- the link column: the evidence document a row links ---------------------------------- */

static void
on_link_clicked (GtkButton     *button,
                 ParBooksTable *self)
{
  ParBooksRow *row = row_of (GTK_WIDGET (button));

  if (row != NULL)
    g_signal_emit (self, signals[SIGNAL_LINK_ROW], 0, row);
}

static void
open_linked (ParBooksTable *self,
             GtkWidget     *button)
{
  ParBooksRow *row = row_of (button);

  if (row != NULL && par_books_row_get_document (row) > 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_DOCUMENT], 0, row);
}

static void
on_link_secondary (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   ParBooksTable   *self)
{
  open_linked (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static gboolean
on_link_open_shortcut (GtkWidget *button,
                       GVariant  *args,
                       gpointer   data)
{
  open_linked (PAR_BOOKS_TABLE (data), button);
  return TRUE;
}

static void
setup_link (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ParBooksTable            *self)
{
  GtkWidget *button = gtk_button_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "books-link");
  g_signal_connect (button, "clicked", G_CALLBACK (on_link_clicked), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_link_secondary), self);
  gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (secondary));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_link_open_shortcut, self, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_link_open_shortcut, self, NULL)));
  gtk_widget_add_controller (button, shortcuts);
  gtk_list_item_set_child (item, button);
}

static void
bind_link (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ParBooksTable            *self)
{
  GtkWidget *button = gtk_list_item_get_child (item);
  ParBooksRow *row = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);

  attach_row (button, row, LINK_KEY);
  g_object_set_data (G_OBJECT (button), "par-books-position", GUINT_TO_POINTER (position));
  show_link (self, row, button, position);
}

static void
unbind_link (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ParBooksTable            *self)
{
  detach_row (gtk_list_item_get_child (item), LINK_KEY);
}

/* --- sorting and filtering --------------------------------------------------------------- */

static gint64
number_of (const ParRegisterColumn *column,
           const char              *cell)
{
  ParInputValue value = { 0, 1 };

  par_input_read (column->as_input, cell, &value);
  return value.number;
}

static guint
option_index (const ParRegisterColumn *column,
              const char              *cell)
{
  for (guint i = 0; i < column->as_input->options->len; i++)
    if (g_str_equal (((ParOption *) column->as_input->options->pdata[i])->value, cell))
      return i;
  return G_MAXUINT;
}

/* Empty cells last; numbers as numbers, ISO dates as text, choices in the set's order. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const ParRegisterColumn *column = data;
  const char *x = par_books_row_get_cell ((ParBooksRow *) a, column->index);
  const char *y = par_books_row_get_cell ((ParBooksRow *) b, column->index);

  if (x == NULL || y == NULL)
    return (x == NULL) - (y == NULL);
  switch (column->type)
    {
    case PAR_COLUMN_INTEGER:
    case PAR_COLUMN_DECIMAL:
      {
        gint64 m = number_of (column, x), n = number_of (column, y);
        return m < n ? -1 : m > n;
      }
    case PAR_COLUMN_CHOICE:
      {
        guint m = option_index (column, x), n = option_index (column, y);
        return m < n ? -1 : m > n;
      }
    case PAR_COLUMN_TEXT:
      return g_utf8_collate (x, y);
    case PAR_COLUMN_DATE:
    case PAR_COLUMN_YES_NO:   /* "false" < "true" */
    default:
      return strcmp (x, y);
    }
}

static gboolean
search_matches (gpointer item,
                gpointer data)
{
  ParBooksTable *self = data;

  if (self->due_only && due_state (self, PAR_BOOKS_ROW (item), NULL) == PAR_DUE_NONE)
    return FALSE;
  if (self->search == NULL || self->search[0] == '\0')
    return TRUE;
  return strstr (par_books_row_get_folded (PAR_BOOKS_ROW (item)), self->search) != NULL;
}

void
par_books_table_set_today (ParBooksTable *self,
                           const char    *today)
{
  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->rows)); i++)
    {
      g_autoptr(ParBooksRow) row = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
      show_row_state (self, row);
    }
  if (self->due_only)
    gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
par_books_table_set_due_only (ParBooksTable *self,
                              gboolean       due_only)
{
  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));

  due_only = due_only && self->followed;
  if (due_only == self->due_only)
    return;
  self->due_only = due_only;
  gtk_filter_changed (GTK_FILTER (self->search_filter),
                      due_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  par_books_table_update_totals (self);
}

gboolean
par_books_table_follows_due_dates (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), FALSE);
  return self->followed;
}

ParDueState
par_books_table_get_due (ParBooksTable *self,
                         ParBooksRow   *row)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), PAR_DUE_NONE);
  return due_state (self, row, NULL);
}

void
par_books_table_set_search (ParBooksTable *self,
                            const char    *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));

  folded = par_fold_for_search (text);
  g_strstrip (folded);
  if (g_strcmp0 (folded, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  par_books_table_update_totals (self);
}

GListModel *
par_books_table_get_shown (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

void
par_books_table_sort_by (ParBooksTable *self,
                         const char    *column_id,
                         GtkSortType    order)
{
  GListModel *columns;

  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));

  columns = gtk_column_view_get_columns (self->view);
  for (guint i = 0; column_id != NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ParRegisterColumn *rc = g_object_get_data (G_OBJECT (column), "par-column");

      if (rc != NULL && g_str_equal (rc->id, column_id))
        {
          gtk_column_view_sort_by_column (self->view, column, order);
          return;
        }
    }
  gtk_column_view_sort_by_column (self->view, NULL, order);
}

/* --- totals -------------------------------------------------------------------------------- */

void
par_books_table_update_totals (ParBooksTable *self)
{
  GListModel *shown = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (shown);
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autoptr(GString) text = g_string_new (NULL);
  char sep = par_points_decimal_separator ();

  if (total == 0)
    {
      gtk_label_set_label (self->totals_label,
                           self->editable ? _("No rows yet: add the first with + (Ctrl++).")
                                          : _("No rows."));
      return;
    }
  if (n == total)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
  else
    /* TRANSLATORS: "3 of 14 rows shown" (after a search or a filter) */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u of %u row shown",
                                               "%u of %u rows shown", total), n, total);
  for (guint c = 0; c < self->reg->columns->len; c++)
    {
      const ParRegisterColumn *column = self->reg->columns->pdata[c];
      gint64 sum = 0;
      g_autofree char *shown_sum = NULL;

      if (column->type != PAR_COLUMN_INTEGER && column->type != PAR_COLUMN_DECIMAL)
        continue;
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ParBooksRow) row = g_list_model_get_item (shown, i);
          const char *cell = par_books_row_get_cell (row, c);

          if (cell != NULL)
            sum += number_of (column, cell);
        }
      shown_sum = column->type == PAR_COLUMN_INTEGER ? par_format_thousands (sum, sep)
                                                    : par_format_fixed (sum, 2, sep, PAR_FORMAT_GROUP);
      /* TRANSLATORS: one sum of the totals row: "Received in the period 5,112" */
      g_string_append_printf (text, " · %s %s", column->label, shown_sum);
    }
  gtk_label_set_label (self->totals_label, text->str);
}

/* --- focus --------------------------------------------------------------------------------- */

typedef struct {
  ParBooksTable *table;
  ParBooksRow   *row;
  guint          frames;
} FocusLater;

static gboolean
focus_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       data)
{
  FocusLater *later = data;
  ParBooksTable *self = later->table;
  g_autofree char *key = cell_key (0);
  GtkWidget *cell = g_object_get_data (G_OBJECT (later->row), key);

  if (cell != NULL)
    {
      gtk_widget_grab_focus (cell);
      return G_SOURCE_REMOVE;
    }
  /* Not on screen yet: bring the end of the list (where a new row is) into view. */
  {
    GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (self->view));
    GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

    if (adj != NULL && GTK_IS_SCROLLED_WINDOW (scroller))
      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj));
  }
  return ++later->frames < 120 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
focus_later_free (gpointer data)
{
  FocusLater *later = data;

  g_object_unref (later->row);
  g_free (later);
}

void
par_books_table_focus_row (ParBooksTable *self,
                           ParBooksRow   *row)
{
  FocusLater *later;

  g_return_if_fail (PAR_IS_BOOKS_TABLE (self));
  g_return_if_fail (PAR_IS_BOOKS_ROW (row));

  later = g_new0 (FocusLater, 1);
  later->table = self;
  later->row = g_object_ref (row);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick, later, focus_later_free);
}

ParBooksRow *
par_books_table_get_current (ParBooksTable *self)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    if (row_of (w) != NULL)
      return row_of (w);
  return gtk_single_selection_get_selected_item (self->selection);
}

/* --- building ------------------------------------------------------------------------------ */

static GtkColumnViewColumn *
data_column (ParBooksTable           *self,
             const ParRegisterColumn *column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CellInfo *info = g_new0 (CellInfo, 1);
  GtkColumnViewColumn *view_column;
  g_autoptr(GtkSorter) sorter = NULL;

  info->table = self;
  info->column = column;
  g_object_set_data_full (G_OBJECT (factory), "par-cell-info", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), info);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), info);
  view_column = gtk_column_view_column_new (column->label, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, (gpointer) column, NULL));
  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column->type == PAR_COLUMN_TEXT);
  /* Numbers, dates and choices take the room their values need, not their (long) headings':
   * the whole of a wide book fits better, the heading is cut with "…". */
  if (column->type != PAR_COLUMN_TEXT)
    gtk_column_view_column_set_fixed_width (view_column,
                                            column->type == PAR_COLUMN_CHOICE ? 150
                                            : column->type == PAR_COLUMN_YES_NO ? 90 : 136);
  g_object_set_data (G_OBJECT (view_column), "par-column", (gpointer) column);
  return view_column;
}

static GtkColumnViewColumn *
side_column (ParBooksTable *self,
             const char    *title,
             GCallback      setup,
             GCallback      bind,
             GCallback      unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", bind, self);
  g_signal_connect (factory, "unbind", unbind, self);
  return gtk_column_view_column_new (title, factory);
}

static void
on_rows_changed (GListModel    *model,
                 guint          position,
                 guint          removed,
                 guint          added,
                 ParBooksTable *self)
{
  par_books_table_update_totals (self);
}

GtkWidget *
par_books_table_new (const ParRegister *reg,
                     GListStore        *rows,
                     gboolean           editable)
{
  ParBooksTable *self;
  GtkWidget *scroller;
  g_autoptr(GtkColumnViewColumn) status = NULL;
  g_autoptr(GtkColumnViewColumn) remove = NULL;
  g_autoptr(GtkColumnViewColumn) link = NULL;

  g_return_val_if_fail (reg != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (rows), NULL);

  self = g_object_new (PAR_TYPE_BOOKS_TABLE, NULL);
  self->reg = reg;
  self->editable = editable;
  self->rows = g_object_ref (rows);
  self->search = g_strdup ("");
  self->followed = par_register_due_columns (reg, &self->deadline_col, NULL);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_column_view_set_reorderable (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "books-table");
  gtk_widget_set_name (GTK_WIDGET (self->view), reg->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  reg->label, -1);

  self->search_filter = gtk_custom_filter_new (search_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (rows)),
                                              GTK_FILTER (g_object_ref (self->search_filter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->sorted, "items-changed", G_CALLBACK (on_rows_changed), self, 0);

  status = side_column (self, "", G_CALLBACK (setup_status), G_CALLBACK (bind_status),
                        G_CALLBACK (unbind_status));
  gtk_column_view_append_column (self->view, status);
  /* The row's evidence document first: a wide book scrolls sideways, and the link (the report
   * sent, the plan issued) is what the row is about. */
  /* TRANSLATORS: heading of the Books table's column of each row's evidence document */
  link = side_column (self, C_("register column", "Document"), G_CALLBACK (setup_link),
                      G_CALLBACK (bind_link), G_CALLBACK (unbind_link));
  gtk_column_view_column_set_fixed_width (link, 150);
  gtk_column_view_append_column (self->view, link);
  for (guint c = 0; c < reg->columns->len; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = data_column (self, reg->columns->pdata[c]);
      gtk_column_view_append_column (self->view, column);
    }
  remove = side_column (self, "", G_CALLBACK (setup_remove), G_CALLBACK (bind_remove),
                        G_CALLBACK (unbind_remove));
  gtk_column_view_append_column (self->view, remove);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_overflow (scroller, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (self->box), scroller);

  self->message_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_set_name (GTK_WIDGET (self->message_label), "message");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message_label));

  self->totals_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->totals_label, 0);
  gtk_label_set_wrap (self->totals_label, TRUE);
  gtk_label_set_selectable (self->totals_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->totals_label), "numeric");
  gtk_widget_set_name (GTK_WIDGET (self->totals_label), "totals");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->totals_label));

  par_books_table_update_totals (self);
  return GTK_WIDGET (self);
}

const ParRegister *
par_books_table_get_register (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  return self->reg;
}

GListStore *
par_books_table_get_rows (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  return self->rows;
}

GtkWidget *
par_books_table_get_cell (ParBooksTable *self,
                          ParBooksRow   *row,
                          const char    *column_id)
{
  const ParRegisterColumn *column;
  g_autofree char *key = NULL;

  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);

  column = par_register_lookup_column (self->reg, column_id);
  if (column == NULL)
    return NULL;
  key = cell_key (column->index);
  return g_object_get_data (G_OBJECT (row), key);
}

GtkWidget *
par_books_table_get_link_button (ParBooksTable *self,
                                 ParBooksRow   *row)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (row), NULL);
  return g_object_get_data (G_OBJECT (row), LINK_KEY);
}

const char *
par_books_table_get_totals_text (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  return gtk_label_get_label (self->totals_label);
}

const char *
par_books_table_get_message (ParBooksTable *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_TABLE (self), NULL);
  return gtk_label_get_label (self->message_label);
}

/* Delete (on a row, not in a cell's text) and Ctrl+−: the page removes the row and offers Undo. */
static gboolean
remove_current (GtkWidget *widget,
                GVariant  *args,
                gpointer   data)
{
  ParBooksTable *self = PAR_BOOKS_TABLE (widget);
  ParBooksRow *row = par_books_table_get_current (self);

  if (row == NULL || !self->editable)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_REMOVE_ROW], 0, row);
  return TRUE;
}

static void
par_books_table_dispose (GObject *object)
{
  ParBooksTable *self = PAR_BOOKS_TABLE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (par_books_table_parent_class)->dispose (object);
}

static void
par_books_table_finalize (GObject *object)
{
  g_free (PAR_BOOKS_TABLE (object)->search);
  g_free (PAR_BOOKS_TABLE (object)->today);
  G_OBJECT_CLASS (par_books_table_parent_class)->finalize (object);
}

static void
par_books_table_class_init (ParBooksTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_books_table_dispose;
  object_class->finalize = par_books_table_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, remove_current, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, remove_current, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, remove_current, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, remove_current, NULL);

  /* A cell was edited (the row's cells changed, or a refused text was typed). */
  signals[SIGNAL_ROW_EDITED] = g_signal_new ("row-edited", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, PAR_TYPE_BOOKS_ROW);
  /* Enter in a cell: write now. */
  signals[SIGNAL_COMMIT] = g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* A row's remove button. */
  signals[SIGNAL_REMOVE_ROW] = g_signal_new ("remove-row", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1, PAR_TYPE_BOOKS_ROW);
  /* A row's link button activated: the page offers the documents to link. */
  signals[SIGNAL_LINK_ROW] = g_signal_new ("link-row", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, PAR_TYPE_BOOKS_ROW);
  /* Its secondary action (right-click, Alt+Enter) on a linked row: the page opens the document. */
  signals[SIGNAL_OPEN_DOCUMENT] = g_signal_new ("open-document", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, PAR_TYPE_BOOKS_ROW);
}

static void
par_books_table_init (ParBooksTable *self)
{
}
