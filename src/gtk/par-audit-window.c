/* par-audit-window.c — the audit log of one year.
 *
 * A table of the year's changes, newest first: when, who, the sub-criterion, what changed,
 * before and after, and why when a reason was given. Typing a code keeps that sub-criterion
 * (or that criterion's) changes; Export… writes what is shown as CSV. The list reloads
 * each time the writer has saved, so it stays current while the year is being edited.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-audit-log.h"
#include "par-audit-window.h"
#include "par-gtk-compat.h"

struct _ParAuditWindow
{
  AdwWindow          parent_instance;

  /* template */
  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkSearchEntry    *filter_entry;
  GtkLabel          *count_label;
  GtkStack          *stack;
  GtkColumnView     *view;

  ParContext        *context;
  gint64             assessment_id;
  int                year;
  ParFramework      *framework;  /* the year's criteria set, to name figures; may be NULL */
  GListStore        *rows;       /* every change of the year */
  GtkFilterListModel *shown;
  GtkCustomFilter   *filter;
  char              *code;       /* the filter, stripped; "" for all */
  gulong             saved_id;
};

G_DEFINE_FINAL_TYPE (ParAuditWindow, par_audit_window, ADW_TYPE_WINDOW)

typedef const char *(*RowText) (ParAuditRow *row);

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  ParAuditWindow *self = user_data;

  return par_audit_row_matches (PAR_AUDIT_ROW (item), self->code);
}

static void
update_state (ParAuditWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *count = NULL;

  if (all == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (shown == 0)
    gtk_stack_set_visible_child_name (self->stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change", "%u changes", shown), shown);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", shown > 0);
}

static void
reload (ParAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  rows = par_audit_log_load (par_context_get_store (self->context), self->assessment_id,
                             self->framework, &error);
  if (rows == NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    g_ptr_array_add (items, g_list_model_get_item (rows, i));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items->pdata, items->len);
  update_state (self);
}

static void
on_saved (ParWriter      *writer,
          ParAuditWindow *self)
{
  if (par_writer_get_pending (writer) == 0)
    reload (self);
}

void
par_audit_window_set_filter (ParAuditWindow *self,
                             const char     *code)
{
  g_autofree char *stripped = g_strstrip (g_strdup (code != NULL ? code : ""));

  g_return_if_fail (PAR_IS_AUDIT_WINDOW (self));

  /* A code typed with a trailing dot ("1.1.") means the same criterion. */
  while (g_str_has_suffix (stripped, "."))
    stripped[strlen (stripped) - 1] = '\0';
  if (g_strcmp0 (stripped, self->code) == 0)
    return;
  g_free (self->code);
  self->code = g_steal_pointer (&stripped);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
on_filter_changed (GtkSearchEntry *entry,
                   ParAuditWindow *self)
{
  par_audit_window_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

GListModel *
par_audit_window_get_rows (ParAuditWindow *self)
{
  g_return_val_if_fail (PAR_IS_AUDIT_WINDOW (self), NULL);
  return G_LIST_MODEL (self->shown);
}

gboolean
par_audit_window_export (ParAuditWindow  *self,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (PAR_IS_AUDIT_WINDOW (self), FALSE);
  return par_audit_log_write_csv (G_LIST_MODEL (self->shown), path, error);
}

static void
on_export_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParAuditWindow) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (path == NULL)
    return;
  if (!par_audit_window_export (self, path, &error))
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 8);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

      toast = adw_toast_new (NULL);
      /* The title is markup; a file name is not. */
      {
        g_autofree char *escaped = g_markup_escape_text (message, -1);
        adw_toast_set_title (toast, escaped);
      }
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ParAuditWindow *self = PAR_AUDIT_WINDOW (widget);
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GFile) folder = par_documents_folder ();
  /* Translators: the file name proposed for an exported audit log, without ".csv"; no "/". */
  g_autofree char *name = g_strdup_printf ("%s-%d%s%s.csv", _("audit-log"), self->year,
                                           *self->code != '\0' ? "-" : "", self->code);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  par_file_dialog_set_title (dialog, _("Export Audit Log"));
  par_file_dialog_set_accept_label (dialog, _("_Export"));
  par_file_dialog_add_filter (dialog, csv);
  par_file_dialog_set_default_filter (dialog, csv);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_export_chosen, g_object_ref (self));
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (PAR_AUDIT_WINDOW (widget)->filter_entry));
}

/* The table's columns: one label per cell. */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "max-chars")));
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  RowText text = (RowText) user_data;
  const char *value = text (PAR_AUDIT_ROW (gtk_list_item_get_item (item)));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), value);
}

static void
add_column (ParAuditWindow *self,
            const char     *title,
            RowText         text,
            int             max_chars,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_object_set_data (G_OBJECT (factory), "max-chars", GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), (gpointer) text);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->view, column);
}

static void
par_audit_window_dispose (GObject *object)
{
  ParAuditWindow *self = PAR_AUDIT_WINDOW (object);

  if (self->context != NULL)
    g_clear_signal_handler (&self->saved_id, par_context_get_writer (self->context));
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->context);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->framework, par_framework_unref);

  G_OBJECT_CLASS (par_audit_window_parent_class)->dispose (object);
}

static void
par_audit_window_class_init (ParAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_audit_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ParAuditWindow, view);

  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "audit.focus-filter", NULL, focus_filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "audit.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "audit.focus-filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
par_audit_window_init (ParAuditWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  self->code = g_strdup ("");
  self->rows = g_list_store_new (PAR_TYPE_AUDIT_ROW);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                           GTK_FILTER (g_object_ref (self->filter)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->shown)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));

  add_column (self, _("When"), par_audit_row_get_when_text, 16, FALSE);
  add_column (self, _("Who"), par_audit_row_get_who, 16, FALSE);
  add_column (self, _("Sub-criterion"), par_audit_row_get_code, 8, FALSE);
  add_column (self, _("Change"), par_audit_row_get_change, 24, FALSE);
  add_column (self, _("Before"), par_audit_row_get_before, 30, TRUE);
  add_column (self, _("After"), par_audit_row_get_after, 30, TRUE);
  add_column (self, _("Reason"), par_audit_row_get_reason, 30, TRUE);

  g_signal_connect (self->filter_entry, "search-changed", G_CALLBACK (on_filter_changed), self);
}

ParAuditWindow *
par_audit_window_new (GtkWindow  *parent,
                      ParContext *context,
                      gint64      assessment_id,
                      const char *title)
{
  ParAuditWindow *self;
  g_autoptr(ParAssessment) assessment = NULL;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), NULL);

  self = g_object_new (PAR_TYPE_AUDIT_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->context = g_object_ref (context);
  self->assessment_id = assessment_id;
  assessment = par_store_get_assessment (par_context_get_store (context), assessment_id, NULL);
  self->year = assessment != NULL ? assessment->year : 0;
  if (assessment != NULL)
    self->framework = par_context_get_framework (context, assessment->framework_row, NULL);
  adw_window_title_set_subtitle (self->window_title, title != NULL ? title : "");
  self->saved_id = g_signal_connect (par_context_get_writer (context), "saved",
                                     G_CALLBACK (on_saved), self);
  reload (self);
  return self;
}
