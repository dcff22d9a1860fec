/* par-window.c — the main window.
 *
 * Left: the year's criteria as a tree (fields → criteria → sub-criteria) with scores and
 * status marks, filtered by a search that ignores diacritics. Right: the overview or the
 * sub-criterion being scored. The unit and year are chosen in the sidebar's header bar.
 * There is no Save button: the assessment model queues every edit on the writer thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-application.h"
#include "par-criterion-page.h"
#include "par-dashboard-page.h"
#include "par-file-chooser.h"
#include "par-format.h"
#include "par-overview-page.h"
#include "par-pack-export.h"
#include "par-tree-item.h"
#include "par-tree-row.h"
#include "par-unit-dialog.h"
#include "par-window.h"

struct _ParWindow
{
  AdwApplicationWindow  parent_instance;

  /* template */
  GMenuModel           *primary_menu;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar_box;
  GtkWidget            *content_box;
  GtkDropDown          *unit_dropdown;
  GtkDropDown          *no_year_unit_dropdown;   /* NULL until the empty pages are built */
  GtkDropDown          *year_dropdown;
  GtkToggleButton      *search_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *sidebar_stack;
  GtkListView          *tree_view;
  AdwWindowTitle       *content_title;
  GtkLabel             *save_label;
  GtkRevealer          *lock_revealer;
  GtkLabel             *lock_label;
  GtkStack             *content_stack;
  ParOverviewPage      *overview_page;
  ParCriterionPage     *criterion_page;   /* NULL until a sub-criterion is opened */
  ParDashboardPage     *dashboard_page;   /* NULL until the dashboard is first shown */

  ParContext           *context;
  ParAssessmentModel   *model;
  GPtrArray            *units;         /* of ParUnit* */
  GPtrArray            *assessments;   /* of ParAssessment*, of the selected unit */
  GtkStringList        *unit_names;
  GtkStringList        *year_names;
  gint64                unit_id;

  GListStore           *root_store;
  GtkTreeListModel     *tree_model;
  GtkSingleSelection   *selection;
  GtkCustomFilter      *filter;
  GHashTable           *items;         /* code → ParTreeItem* (refs held by the stores) */
  ParTreeItem          *overview_item;
  char                 *query;         /* folded search text */
  char                 *current_code;

  guint                 syncing;       /* > 0 while the window moves a selection itself */
  guint                 warm_up_id;
  gulong                writer_failed_id;
  gulong                writer_saved_id;
};

G_DEFINE_FINAL_TYPE (ParWindow, par_window, ADW_TYPE_APPLICATION_WINDOW)

static void update_actions (ParWindow *self);
static void set_unit_factories (GtkDropDown *dropdown);
static void on_unit_selected (GtkDropDown *dropdown, GParamSpec *pspec, ParWindow *self);
static void select_unit    (ParWindow *self, gint64 unit_id, gint64 assessment_id);

/* Toasts and error reports */

void
par_window_add_toast (ParWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (PAR_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
toast_error (ParWindow    *self,
             const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  par_window_add_toast (self, toast);
}

static void
show_error_dialog (ParWindow  *self,
                   const char *heading,
                   const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The tree */

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  ParWindow *self = user_data;

  return par_tree_item_matches (PAR_TREE_ITEM (item), self->query);
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  ParWindow *self = user_data;
  GListModel *children = par_tree_item_get_children (PAR_TREE_ITEM (item));

  if (children == NULL)
    return NULL;
  return G_LIST_MODEL (gtk_filter_list_model_new (g_object_ref (children),
                                                  GTK_FILTER (g_object_ref (self->filter))));
}

static void
index_items (ParWindow   *self,
             ParTreeItem *item)
{
  GListModel *children = par_tree_item_get_children (item);
  const char *code = par_tree_item_get_code (item);

  if (code != NULL)
    g_hash_table_replace (self->items, (gpointer) code, item);
  if (children == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(ParTreeItem) child = g_list_model_get_item (children, i);
      index_items (self, child);
    }
}

static void
build_tree (ParWindow *self)
{
  ParFramework *framework = par_assessment_model_get_framework (self->model);
  GPtrArray *fields = par_framework_get_fields (framework);
  GPtrArray *adjustments = par_framework_get_adjustments (framework);
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);

  g_hash_table_remove_all (self->items);

  g_clear_object (&self->overview_item);
  self->overview_item = par_tree_item_new_overview ();
  g_ptr_array_add (roots, g_object_ref (self->overview_item));
  for (guint i = 0; i < fields->len; i++)
    g_ptr_array_add (roots, par_tree_item_new_node (g_ptr_array_index (fields, i)));
  if (adjustments != NULL && adjustments->len > 0)
    g_ptr_array_add (roots, par_tree_item_new_group (_("Deductions and bonuses"), adjustments));

  /* Scores first, then one change for the list: rows are made once, already right. */
  for (guint i = 0; i < roots->len; i++)
    {
      index_items (self, g_ptr_array_index (roots, i));
      par_tree_item_update_deep (g_ptr_array_index (roots, i), self->model);
    }
  g_list_store_splice (self->root_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->root_store)),
                       roots->pdata, roots->len);
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), par_tree_row_new ());
  gtk_list_item_set_child (list_item, expander);
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(ParTreeItem) item = gtk_tree_list_row_get_item (row);
  GtkWidget *tree_row = gtk_tree_expander_get_child (expander);

  gtk_tree_expander_set_list_row (expander, row);
  par_tree_row_set_item (PAR_TREE_ROW (tree_row), item, GTK_WIDGET (expander));
}

static void
on_factory_unbind (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   gpointer                  user_data)
{
  GtkTreeExpander *expander = GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item));

  par_tree_row_set_item (PAR_TREE_ROW (gtk_tree_expander_get_child (expander)), NULL, NULL);
  gtk_tree_expander_set_list_row (expander, NULL);
}

static gboolean
item_contains_node (ParTreeItem   *item,
                    const ParNode *target)
{
  const ParNode *node = par_tree_item_get_node (item);

  if (par_tree_item_get_kind (item) == PAR_TREE_ITEM_GROUP)
    return target->kind == PAR_NODE_DEDUCTION || target->kind == PAR_NODE_BONUS;
  if (node == NULL)
    return FALSE;
  for (const ParNode *n = target->parent; n != NULL; n = n->parent)
    if (n == node)
      return TRUE;
  return FALSE;
}

/* Select the row of @code (NULL: the overview), expanding its ancestors; FALSE if absent. */
static gboolean
select_in_tree (ParWindow  *self,
                const char *code)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  const ParNode *target = NULL;
  ParTreeItem *wanted;

  if (code != NULL)
    {
      wanted = g_hash_table_lookup (self->items, code);
      if (wanted == NULL)
        return FALSE;
      target = par_tree_item_get_node (wanted);
    }
  else
    wanted = self->overview_item;

  /* A search that hides the row would make it unreachable: drop the search. */
  if (self->query != NULL && *self->query != '\0' && !par_tree_item_matches (wanted, self->query))
    gtk_toggle_button_set_active (self->search_button, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ParTreeItem) item = gtk_tree_list_row_get_item (row);

      if (item == wanted)
        {
          self->syncing++;
          gtk_single_selection_set_selected (self->selection, i);
          self->syncing--;
          gtk_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", i);
          return TRUE;
        }
      if (target != NULL && item_contains_node (item, target))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}

static void
update_title (ParWindow *self)
{
  const ParNode *node = NULL;
  g_autofree char *subtitle = NULL;

  if (self->current_code != NULL && self->model != NULL)
    node = par_framework_lookup (par_assessment_model_get_framework (self->model),
                                 self->current_code);

  if (node != NULL)
    {
      /* Translators: the header of a sub-criterion's page, "Sub-criterion 1.1.4". */
      g_autofree char *title = g_strdup_printf (_("Sub-criterion %s"), node->code);
      adw_window_title_set_title (self->content_title, title);
      adw_window_title_set_subtitle (self->content_title,
                                     node->parent != NULL && node->parent->title != NULL
                                     ? node->parent->title : "");
    }
  else
    {
      const ParUnit *unit = NULL;

      for (guint i = 0; self->units != NULL && i < self->units->len; i++)
        if (((ParUnit *) g_ptr_array_index (self->units, i))->id == self->unit_id)
          unit = g_ptr_array_index (self->units, i);
      if (unit != NULL && self->model != NULL)
        subtitle = g_strdup_printf ("%s · %d", unit->name,
                                    par_assessment_model_get_year (self->model));
      adw_window_title_set_title (self->content_title, _("Overview"));
      adw_window_title_set_subtitle (self->content_title, subtitle != NULL ? subtitle : "");
    }
}

/* The sub-criterion page is made when first needed: the window opens on the overview, and
 * a page nobody looks at yet should not cost start-up time. */
static ParCriterionPage *
ensure_criterion_page (ParWindow *self)
{
  if (self->criterion_page == NULL)
    {
      self->criterion_page = g_object_new (PAR_TYPE_CRITERION_PAGE, NULL);
      gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->criterion_page), "criterion");
      /* Button contents name their button when they join a window: tidy once rooted. */
      par_accessible_tidy (GTK_WIDGET (self->criterion_page));
      par_criterion_page_set_model (self->criterion_page, self->model);
    }
  return self->criterion_page;
}

/* Once the window is up and idle, the sub-criterion page is made, filled and measured out
 * of sight, so the first click on a sub-criterion is as quick as the others. */
static gboolean
warm_up (gpointer user_data)
{
  ParWindow *self = user_data;
  GPtrArray *leaves;
  int min, nat;

  self->warm_up_id = 0;
  if (self->model == NULL || self->criterion_page != NULL)
    return G_SOURCE_REMOVE;
  leaves = par_framework_get_leaves (par_assessment_model_get_framework (self->model));
  if (leaves->len == 0)
    return G_SOURCE_REMOVE;
  par_criterion_page_show (ensure_criterion_page (self), ((ParNode *) g_ptr_array_index (leaves, 0))->code);
  gtk_widget_measure (GTK_WIDGET (self->criterion_page), GTK_ORIENTATION_VERTICAL,
                      MAX (gtk_widget_get_width (GTK_WIDGET (self->content_stack)), 360),
                      &min, &nat, NULL, NULL);
  return G_SOURCE_REMOVE;
}

static void
on_map (ParWindow *self)
{
  if (self->warm_up_id == 0)
    self->warm_up_id = g_timeout_add_full (G_PRIORITY_LOW, 300, warm_up, self, NULL);
}

static void
show_page (ParWindow  *self,
           const char *code)
{
  g_free (self->current_code);
  self->current_code = g_strdup (code);

  if (code != NULL)
    {
      par_criterion_page_show (ensure_criterion_page (self), code);
      gtk_stack_set_visible_child_name (self->content_stack, "criterion");
    }
  else
    {
      par_overview_page_refresh (self->overview_page);
      gtk_stack_set_visible_child_name (self->content_stack, "overview");
    }
  update_title (self);
  update_actions (self);
}

gboolean
par_window_show_code (ParWindow  *self,
                      const char *code)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);

  if (self->model == NULL)
    return FALSE;
  if (code != NULL)
    {
      const ParNode *node = par_framework_lookup (par_assessment_model_get_framework (self->model),
                                                  code);
      if (node == NULL)
        return FALSE;
      /* A field or criterion opens its first sub-criterion. */
      while (!par_node_is_leaf (node) && node->children != NULL && node->children->len > 0)
        node = g_ptr_array_index (node->children, 0);
      code = par_node_is_leaf (node) ? node->code : NULL;
    }
  select_in_tree (self, code);
  show_page (self, code);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  return TRUE;
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      ParWindow          *self)
{
  GtkTreeListRow *row;
  g_autoptr(ParTreeItem) item = NULL;

  if (self->syncing > 0)
    return;
  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);

  switch (par_tree_item_get_kind (item))
    {
    case PAR_TREE_ITEM_GROUP:
      gtk_tree_list_row_set_expanded (row, TRUE);
      return;
    case PAR_TREE_ITEM_OVERVIEW:
      show_page (self, NULL);
      break;
    case PAR_TREE_ITEM_NODE:
    default:
      if (par_tree_item_is_leaf (item))
        show_page (self, par_tree_item_get_code (item));
      else
        {
          /* A field or criterion opens to show what is in it; its totals are on the
           * overview. */
          gtk_tree_list_row_set_expanded (row, TRUE);
          show_page (self, NULL);
        }
      break;
    }
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

/* Select the row showing @code (NULL: the overview) if the tree shows it now. */
static gboolean
select_visible_row (ParWindow  *self,
                    const char *code)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);
  ParTreeItem *wanted = code != NULL ? g_hash_table_lookup (self->items, code) : self->overview_item;

  for (guint i = 0; wanted != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ParTreeItem) item = gtk_tree_list_row_get_item (row);

      if (item == wanted)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Search */

static void
on_search_changed (GtkSearchEntry *entry,
                   ParWindow      *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *folded = par_fold_for_search (text);

  g_strstrip (folded);
  if (g_strcmp0 (folded, self->query) == 0)
    return;
  g_free (self->query);
  self->query = g_steal_pointer (&folded);

  self->syncing++;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  /* Every field and criterion left holds a match: open them all to show it. */
  if (*self->query != '\0')
    {
      GListModel *rows = G_LIST_MODEL (self->tree_model);
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
          if (gtk_tree_list_row_is_expandable (row))
            gtk_tree_list_row_set_expanded (row, TRUE);
        }
    }
  /* The filter may have moved the selection onto another row: only the page on screen may
   * be selected, or picking that row would do nothing. */
  if (!select_visible_row (self, self->current_code))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing--;

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)) > 0
                                    ? "tree" : "no-match");
}

/* Enter in the search box opens the first matching sub-criterion. */
static void
on_search_activate (GtkSearchEntry *entry,
                    ParWindow      *self)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, i);
      g_autoptr(ParTreeItem) item = gtk_tree_list_row_get_item (row);

      if (par_tree_item_is_leaf (item))
        {
          par_window_show_code (self, par_tree_item_get_code (item));
          return;
        }
    }
}

static void
on_search_stop (GtkSearchEntry *entry,
                ParWindow      *self)
{
  gtk_toggle_button_set_active (self->search_button, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
on_search_mode_changed (GtkSearchBar *bar,
                        GParamSpec   *pspec,
                        ParWindow    *self)
{
  if (!gtk_search_bar_get_search_mode (bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The open year */

static void
update_lock (ParWindow *self)
{
  const ParAssessment *assessment;

  if (self->model == NULL || !par_assessment_model_is_locked (self->model))
    {
      gtk_revealer_set_reveal_child (self->lock_revealer, FALSE);
      return;
    }
  assessment = par_assessment_model_get_assessment (self->model);
  gtk_label_set_label (self->lock_label,
                       assessment->status == PAR_STATUS_APPRAISED
                       ? _("This year has been appraised and is locked against edits. The council's scores can still be entered.")
                       : _("This year is submitted and locked against edits. The council's scores can still be entered."));
  gtk_revealer_set_reveal_child (self->lock_revealer, TRUE);
}

static void
update_items_for (ParWindow  *self,
                  const char *code)
{
  ParTreeItem *item = code != NULL ? g_hash_table_lookup (self->items, code) : NULL;

  if (item == NULL)
    {
      /* Possibly everything changed. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->root_store)); i++)
        {
          g_autoptr(ParTreeItem) root = g_list_model_get_item (G_LIST_MODEL (self->root_store), i);
          par_tree_item_update_deep (root, self->model);
        }
      return;
    }

  par_tree_item_update (item, self->model);
  for (const ParNode *n = par_tree_item_get_node (item)->parent; n != NULL; n = n->parent)
    {
      ParTreeItem *ancestor = n->code != NULL ? g_hash_table_lookup (self->items, n->code) : NULL;
      if (ancestor != NULL)
        par_tree_item_update (ancestor, self->model);
    }
  par_tree_item_update (self->overview_item, self->model);
}

static void
on_model_changed (ParAssessmentModel *model,
                  const char         *code,
                  ParWindow          *self)
{
  update_items_for (self, code);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "overview") == 0)
    par_overview_page_refresh (self->overview_page);
  gtk_label_set_label (self->save_label, _("Saving…"));
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), TRUE);
  update_actions (self);
}

static void
on_model_evidence_changed (ParAssessmentModel *model,
                           const char         *code,
                           ParWindow          *self)
{
  update_items_for (self, code);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "overview") == 0)
    par_overview_page_refresh (self->overview_page);
  update_actions (self);
}

static void
on_model_status_changed (ParAssessmentModel *model,
                         ParWindow          *self)
{
  update_lock (self);
  par_overview_page_refresh (self->overview_page);
  if (self->current_code != NULL)
    par_criterion_page_show (ensure_criterion_page (self), self->current_code);
  update_actions (self);
}

static void
on_model_failed (ParAssessmentModel *model,
                 const GError       *error,
                 ParWindow          *self)
{
  toast_error (self, error);
}

static void
on_writer_failed (ParWriter    *writer,
                  const GError *error,
                  ParWindow    *self)
{
  gtk_label_set_label (self->save_label, _("Not saved"));
  toast_error (self, error);
}

static void
on_writer_saved (ParWriter *writer,
                 ParWindow *self)
{
  if (par_writer_get_pending (writer) == 0)
    gtk_label_set_label (self->save_label, _("Saved"));
}

static void
set_model (ParWindow          *self,
           ParAssessmentModel *model)
{
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  if (self->criterion_page != NULL)
    par_criterion_page_set_model (self->criterion_page, model);
  g_clear_pointer (&self->current_code, g_free);

  if (model == NULL)
    {
      g_hash_table_remove_all (self->items);
      g_list_store_remove_all (self->root_store);
      update_actions (self);
      return;
    }

  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect (model, "evidence-changed", G_CALLBACK (on_model_evidence_changed), self);
  g_signal_connect (model, "status-changed", G_CALLBACK (on_model_status_changed), self);
  g_signal_connect (model, "failed", G_CALLBACK (on_model_failed), self);

  self->syncing++;
  build_tree (self);
  self->syncing--;
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), FALSE);
  update_lock (self);
}

static const char *
unit_name (ParWindow *self)
{
  for (guint i = 0; self->units != NULL && i < self->units->len; i++)
    {
      ParUnit *unit = g_ptr_array_index (self->units, i);
      if (unit->id == self->unit_id)
        return unit->name;
    }
  return "";
}

gboolean
par_window_open_assessment (ParWindow  *self,
                            gint64      assessment_id,
                            GError    **error)
{
  g_autoptr(ParAssessmentModel) model = NULL;
  GSettings *settings;

  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);

  model = par_assessment_model_new (self->context, assessment_id, error);
  if (model == NULL)
    return FALSE;

  if (par_assessment_model_get_assessment (model)->unit_id != self->unit_id)
    {
      select_unit (self, par_assessment_model_get_assessment (model)->unit_id, assessment_id);
      return self->model != NULL
             && par_assessment_model_get_id (self->model) == assessment_id;
    }

  set_model (self, model);
  par_overview_page_set_model (self->overview_page, model, unit_name (self));

  /* The year dropdown follows. */
  for (guint i = 0; self->assessments != NULL && i < self->assessments->len; i++)
    if (((ParAssessment *) g_ptr_array_index (self->assessments, i))->id == assessment_id)
      {
        self->syncing++;
        gtk_drop_down_set_selected (self->year_dropdown, i);
        self->syncing--;
      }

  settings = par_context_get_settings (self->context);
  if (settings != NULL)
    g_settings_set_int64 (settings, "last-assessment", assessment_id);

  gtk_stack_set_visible_child_name (self->main_stack, "main");
  par_window_show_code (self, NULL);
  return TRUE;
}

static void
open_assessment_or_toast (ParWindow *self,
                          gint64     assessment_id)
{
  g_autoptr(GError) error = NULL;

  if (!par_window_open_assessment (self, assessment_id, &error))
    show_error_dialog (self, _("This Year Cannot Be Opened"), error->message);
}

/* The welcome page and the page of a unit without a year are built when first shown: a
 * window opening on a year never needs them. */
static void
show_empty_page (ParWindow  *self,
                 const char *name)
{
  if (self->no_year_unit_dropdown == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new ();
      g_autoptr(GError) error = NULL;
      GtkWidget *welcome, *no_year;

      gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
      gtk_builder_expose_object (builder, "primary_menu", G_OBJECT (self->primary_menu));
      if (!gtk_builder_add_from_resource (builder, "/vn/parscore/Parscore/par-window-empty.ui", &error))
        g_error ("par-window-empty.ui: %s", error->message);
      welcome = GTK_WIDGET (gtk_builder_get_object (builder, "welcome_box"));
      no_year = GTK_WIDGET (gtk_builder_get_object (builder, "no_year_box"));
      gtk_stack_add_named (self->main_stack, welcome, "welcome");
      gtk_stack_add_named (self->main_stack, no_year, "no-year");

      self->no_year_unit_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "no_year_unit_dropdown"));
      set_unit_factories (self->no_year_unit_dropdown);
      self->syncing++;
      gtk_drop_down_set_model (self->no_year_unit_dropdown, G_LIST_MODEL (self->unit_names));
      gtk_drop_down_set_selected (self->no_year_unit_dropdown, gtk_drop_down_get_selected (self->unit_dropdown));
      self->syncing--;
      g_signal_connect (self->no_year_unit_dropdown, "notify::selected", G_CALLBACK (on_unit_selected), self);
      par_accessible_tidy (welcome);
      par_accessible_tidy (no_year);
    }
  gtk_stack_set_visible_child_name (self->main_stack, name);
}

static void
select_unit (ParWindow *self,
             gint64     unit_id,
             gint64     assessment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) years = NULL;
  gint64 open_id = 0;

  assessments = par_store_list_assessments (par_context_get_store (self->context), unit_id, &error);
  if (assessments == NULL)
    {
      toast_error (self, error);
      return;
    }

  self->unit_id = unit_id;
  for (guint i = 0; i < self->units->len; i++)
    if (((ParUnit *) g_ptr_array_index (self->units, i))->id == unit_id)
      {
        self->syncing++;
        gtk_drop_down_set_selected (self->unit_dropdown, i);
        if (self->no_year_unit_dropdown != NULL)
          gtk_drop_down_set_selected (self->no_year_unit_dropdown, i);
        self->syncing--;
      }

  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  self->assessments = g_steal_pointer (&assessments);
  for (guint i = 0; i < self->assessments->len; i++)
    {
      ParAssessment *a = g_ptr_array_index (self->assessments, i);
      g_autofree char *year = g_strdup_printf ("%d", a->year);

      g_strv_builder_add (builder, year);
      if (a->id == assessment_id)
        open_id = a->id;
    }
  years = g_strv_builder_end (builder);
  self->syncing++;
  gtk_string_list_splice (self->year_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->year_names)),
                          (const char * const *) years);
  self->syncing--;

  if (self->assessments->len == 0)
    {
      set_model (self, NULL);
      show_empty_page (self, "no-year");
      update_actions (self);
      return;
    }

  /* The latest year unless asked for another. */
  if (open_id == 0)
    open_id = ((ParAssessment *) g_ptr_array_index (self->assessments,
                                                    self->assessments->len - 1))->id;
  open_assessment_or_toast (self, open_id);
}

/* Reload units from the store and show @unit_id (0: the remembered one, else the first). */
static void
reload_units (ParWindow *self,
              gint64     unit_id,
              gint64     assessment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  GPtrArray *units;

  units = par_store_list_units (par_context_get_store (self->context), &error);
  if (units == NULL)
    {
      show_error_dialog (self, _("The Database Cannot Be Read"), error->message);
      return;
    }
  g_clear_pointer (&self->units, g_ptr_array_unref);
  self->units = units;

  for (guint i = 0; i < units->len; i++)
    g_strv_builder_add (builder, ((ParUnit *) g_ptr_array_index (units, i))->name);
  names = g_strv_builder_end (builder);
  self->syncing++;
  gtk_string_list_splice (self->unit_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)),
                          (const char * const *) names);
  self->syncing--;

  if (units->len == 0)
    {
      set_model (self, NULL);
      self->unit_id = 0;
      show_empty_page (self, "welcome");
      update_actions (self);
      return;
    }

  if (unit_id == 0 && assessment_id == 0)
    {
      GSettings *settings = par_context_get_settings (self->context);
      gint64 remembered = settings != NULL ? g_settings_get_int64 (settings, "last-assessment") : 0;
      g_autoptr(ParAssessment) last = NULL;

      if (remembered > 0)
        last = par_store_get_assessment (par_context_get_store (self->context), remembered, NULL);
      if (last != NULL)
        {
          unit_id = last->unit_id;
          assessment_id = last->id;
        }
    }
  if (unit_id == 0)
    unit_id = ((ParUnit *) g_ptr_array_index (units, 0))->id;

  select_unit (self, unit_id, assessment_id);
}

static void
on_unit_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  ParWindow   *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing > 0 || self->units == NULL || i >= self->units->len)
    return;
  select_unit (self, ((ParUnit *) g_ptr_array_index (self->units, i))->id, 0);
}

static void
on_year_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  ParWindow   *self)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (self->syncing > 0 || self->assessments == NULL || i >= self->assessments->len)
    return;
  open_assessment_or_toast (self, ((ParAssessment *) g_ptr_array_index (self->assessments, i))->id);
}

void
par_window_set_context (ParWindow  *self,
                        ParContext *context)
{
  g_return_if_fail (PAR_IS_WINDOW (self));
  g_return_if_fail (PAR_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      ParWriter *writer = par_context_get_writer (self->context);

      par_writer_flush (writer);
      g_clear_signal_handler (&self->writer_failed_id, writer);
      g_clear_signal_handler (&self->writer_saved_id, writer);
    }
  set_model (self, NULL);
  g_set_object (&self->context, context);
  self->writer_failed_id = g_signal_connect (par_context_get_writer (context), "failed",
                                             G_CALLBACK (on_writer_failed), self);
  self->writer_saved_id = g_signal_connect (par_context_get_writer (context), "saved",
                                            G_CALLBACK (on_writer_saved), self);
  reload_units (self, 0, 0);
}

ParContext *
par_window_get_context (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return self->context;
}

ParAssessmentModel *
par_window_get_model (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return self->model;
}

const char *
par_window_get_current_code (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);
  return self->current_code;
}

const char *
par_window_get_page_name (ParWindow *self)
{
  const char *name;

  g_return_val_if_fail (PAR_IS_WINDOW (self), NULL);

  name = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (name, "main") == 0)
    return gtk_stack_get_visible_child_name (self->content_stack);
  return name;
}

/* Creating units and years: one writer job each, then the window reloads. */

typedef struct {
  ParWindow *self;
  char      *name;
  ParLevel   level;
  gint64     unit_id;
  int        year;
  gint64     framework_row;
  gint64     copy_from;      /* assessment whose links to carry over, 0 for none */
  gint64     assessment_id;  /* out */
} CreateYear;

static void
create_year_free (CreateYear *job)
{
  g_object_unref (job->self);
  g_free (job->name);
  g_free (job);
}

static gboolean
create_year_run (ParStore  *store,
                 gpointer   data,
                 GError   **error)
{
  CreateYear *job = data;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) links = NULL;

  if (job->name != NULL)
    {
      job->unit_id = par_store_add_unit (store, job->name, job->level, error);
      if (job->unit_id <= 0)
        return FALSE;
    }

  job->assessment_id = par_store_create_assessment (store, job->unit_id, job->year,
                                                    job->framework_row, error);
  if (job->assessment_id <= 0)
    return FALSE;
  if (job->copy_from <= 0)
    return TRUE;

  /* Carry over the evidence links whose sub-criterion exists in the new year's set. */
  framework = par_store_load_framework (store, job->framework_row, error);
  if (framework == NULL)
    return FALSE;
  links = par_store_list_evidence (store, job->copy_from, NULL, error);
  if (links == NULL)
    return FALSE;
  for (guint i = 0; i < links->len; i++)
    {
      ParEvidenceLink copy = *(ParEvidenceLink *) g_ptr_array_index (links, i);

      if (par_framework_lookup (framework, copy.code) == NULL)
        continue;
      copy.assessment_id = job->assessment_id;
      if (!par_store_link_evidence (store, &copy, error))
        return FALSE;
    }
  return TRUE;
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
    show_error_dialog (self, _("The Year Cannot Be Started"), error->message);
  if (job->unit_id > 0)
    reload_units (self, job->unit_id, job->assessment_id);
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
  if (name == NULL && self->model != NULL && par_unit_dialog_get_copy_links (dialog))
    job->copy_from = par_assessment_model_get_id (self->model);

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
    show_error_dialog (self, _("The Criteria Set Cannot Be Stored"), error->message);
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
      show_error_dialog (self, _("This File Cannot Be Used as a Criteria Set"), error->message);
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
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    ParWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      par_window_import_framework (self, file);
    }
}

static void
import_framework_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) xml = gtk_file_filter_new ();

  gtk_file_filter_set_name (xml, _("Criteria sets (XML)"));
  gtk_file_filter_add_pattern (xml, "*.xml");
  gtk_file_filter_add_mime_type (xml, "application/xml");
  par_file_chooser_open (GTK_WINDOW (widget), _("Import Criteria Set"), _("_Import"), FALSE, xml,
                         G_CALLBACK (on_import_response), widget);
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
      show_error_dialog (self, _("The Sample Criteria Set Is Missing"),
                         _("Parscore was installed without its sample criteria set. Import your province's file instead."));
      return;
    }
  file = g_file_new_for_path (path);
  par_window_import_framework (self, file);
}

/* The demo database is made by parscore-cli, from the real figures in its sources. */

static char *
find_cli (void)
{
  const char *env = g_getenv ("PARSCORE_CLI");
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  if (env != NULL && g_file_test (env, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (env);
  if (exe != NULL && g_str_has_prefix (exe, PARSCORE_BUILD_ROOT "/"))
    return g_strdup (PARSCORE_BUILD_ROOT "/src/cli/parscore-cli");
  if (exe != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (exe);
      g_autofree char *beside = g_build_filename (dir, "parscore-cli", NULL);
      if (g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&beside);
    }
  return g_find_program_in_path ("parscore-cli");
}

static void
open_database_or_report (ParWindow  *self,
                         const char *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;

  if (!PAR_IS_APPLICATION (app))
    return;
  if (!par_application_open_database (PAR_APPLICATION (app), path, &error))
    show_error_dialog (self, _("The Demo Database Cannot Be Opened"), error->message);
}

static void
demo_created (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ParWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *err_text = NULL;
  char *path = g_object_get_data (source, "parscore-db");

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, NULL, &err_text, &error))
    show_error_dialog (self, _("The Demo Database Cannot Be Created"), error->message);
  else if (!g_subprocess_get_successful (G_SUBPROCESS (source)))
    show_error_dialog (self, _("The Demo Database Cannot Be Created"),
                       err_text != NULL && *err_text ? err_text : _("parscore-cli failed."));
  else
    open_database_or_report (self, path);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "parscore", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *cli = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (path, par_context_get_db_path (self->context)) == 0)
    return;
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      open_database_or_report (self, path);
      return;
    }

  cli = find_cli ();
  if (cli == NULL)
    {
      show_error_dialog (self, _("The Demo Database Cannot Be Created"),
                         _("The parscore-cli program was not found."));
      return;
    }
  g_mkdir_with_parents (dir, 0700);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, cli, "--db", path, "demo", NULL);
  if (process == NULL)
    {
      show_error_dialog (self, _("The Demo Database Cannot Be Created"), error->message);
      return;
    }
  g_object_set_data_full (G_OBJECT (process), "parscore-db", g_steal_pointer (&path), g_free);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, demo_created, g_object_ref (self));
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
  else if (g_strcmp0 (response, "unlock") == 0)
    par_assessment_model_set_status (self->model, PAR_STATUS_DRAFT);
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
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);
  GtkWidget *dialog;

  if (self->model == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Unlock This Year?"),
                                   _("Its scores and evidence can then be changed again. The unlock is recorded in the audit log with the date and time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_submit_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The leadership dashboard: the unit's charts in place of the editor, back with Esc. */
static void
show_dashboard_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->context == NULL || self->units == NULL || self->units->len == 0)
    return;
  /* Made on first use, like the sub-criterion page: start-up does not pay for it. */
  if (self->dashboard_page == NULL)
    {
      self->dashboard_page = g_object_new (PAR_TYPE_DASHBOARD_PAGE, NULL);
      gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->dashboard_page), "dashboard");
      par_accessible_tidy (GTK_WIDGET (self->dashboard_page));
    }
  par_dashboard_page_present (self->dashboard_page, self->context, self->unit_id, self->model);
  gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
  update_actions (self);
}

static void
close_dashboard_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "dashboard") != 0)
    return;
  if (self->model != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "main");
  else
    show_empty_page (self, self->units != NULL && self->units->len > 0 ? "no-year" : "welcome");
  update_actions (self);
}

/* The one place that decides which actions make sense now. */
static void
update_actions (ParWindow *self)
{
  gboolean has_year = self->model != NULL;
  gboolean locked = has_year && par_assessment_model_is_locked (self->model);
  gboolean has_unit = self->units != NULL && self->units->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-year", has_unit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-dashboard", has_unit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-pack", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-incomplete", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.next-leaf", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.previous-leaf", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-code", has_year);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.submit", has_year && !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.unlock", locked);
}

/* Window state */

static gboolean
par_window_close_request (GtkWindow *window)
{
  ParWindow *self = PAR_WINDOW (window);
  GSettings *settings = self->context != NULL ? par_context_get_settings (self->context) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  /* Never lose work: what is queued is on disk before the window goes. */
  if (self->context != NULL)
    par_writer_flush (par_context_get_writer (self->context));

  return GTK_WINDOW_CLASS (par_window_parent_class)->close_request (window);
}

static void
par_window_dispose (GObject *object)
{
  ParWindow *self = PAR_WINDOW (object);

  if (self->context != NULL)
    {
      ParWriter *writer = par_context_get_writer (self->context);
      g_clear_signal_handler (&self->writer_failed_id, writer);
      g_clear_signal_handler (&self->writer_saved_id, writer);
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_handle_id (&self->warm_up_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_WINDOW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_object (&self->overview_item);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->root_store);
  g_clear_object (&self->unit_names);
  g_clear_object (&self->year_names);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->current_code, g_free);

  G_OBJECT_CLASS (par_window_parent_class)->dispose (object);
}

static void
par_window_class_init (ParWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_window_dispose;
  window_class->close_request = par_window_close_request;

  g_type_ensure (PAR_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, sidebar_box);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, save_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, lock_revealer);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, lock_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, overview_page);

  gtk_widget_class_install_action (widget_class, "win.import-framework", NULL, import_framework_action);
  gtk_widget_class_install_action (widget_class, "win.use-sample", NULL, use_sample_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
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
  gtk_widget_class_install_action (widget_class, "win.export-pack", NULL, par_pack_export_action);
  gtk_widget_class_install_action (widget_class, "win.close-dashboard", NULL, close_dashboard_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-framework", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-unit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "win.next-incomplete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.next-incomplete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "win.next-leaf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-leaf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "win.show-overview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.show-dashboard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-pack", NULL);
}

static void
on_unit_label_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (max_chars) > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (max_chars));
    }
  gtk_list_item_set_child (item, label);
}

static void
on_unit_label_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  max_chars)
{
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), name);
}

/* Long unit names ("Ban Quản lý các Khu công nghiệp Đồng Nai") are cut in the header bar,
 * which would otherwise widen the sidebar, and shown whole in the list. */
static void
set_unit_factories (GtkDropDown *dropdown)
{
  g_autoptr(GtkListItemFactory) button = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (on_unit_label_setup), GINT_TO_POINTER (20));
  g_signal_connect (button, "bind", G_CALLBACK (on_unit_label_bind), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (on_unit_label_setup), GINT_TO_POINTER (0));
  g_signal_connect (list, "bind", G_CALLBACK (on_unit_label_bind), NULL);
  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
}

static void
par_window_init (ParWindow *self)
{
  GtkListItemFactory *factory;
  GtkFilterListModel *root_filter;

  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));

  self->items = g_hash_table_new (g_str_hash, g_str_equal);
  self->root_store = g_list_store_new (PAR_TYPE_TREE_ITEM);
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  root_filter = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->root_store)),
                                           GTK_FILTER (g_object_ref (self->filter)));
  /* Fields start closed: a table of contents with subtotals, and 11 rows to build instead
   * of 150 (GTK 4.8's list view makes a widget for every row it has). Opening a
   * sub-criterion, by search or the keyboard, opens the way to it. */
  self->tree_model = gtk_tree_list_model_new (G_LIST_MODEL (root_filter), FALSE, FALSE,
                                              create_children, self, NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind), self);
  gtk_list_view_set_factory (self->tree_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  self->unit_names = gtk_string_list_new (NULL);
  self->year_names = gtk_string_list_new (NULL);
  set_unit_factories (self->unit_dropdown);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (self->unit_names));
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->year_names));
  g_signal_connect (self->unit_dropdown, "notify::selected", G_CALLBACK (on_unit_selected), self);
  g_signal_connect (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_search_stop), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

GtkWidget *
par_window_new (GtkApplication *application,
                ParContext     *context)
{
  ParWindow *self;
  GSettings *settings;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), NULL);

  self = g_object_new (PAR_TYPE_WINDOW, "application", application, NULL);

  settings = par_context_get_settings (context);
  if (settings != NULL)
    {
      int width, height;

      g_settings_get (settings, "window-size", "(ii)", &width, &height);
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  par_window_set_context (self, context);
  return GTK_WIDGET (self);
}
