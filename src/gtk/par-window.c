/* par-window.c — the main window.
 *
 * Left: the year's criteria as a tree (fields → criteria → sub-criteria) with scores and
 * status marks, filtered by a search that ignores diacritics. Right: the overview or the
 * sub-criterion being scored. The unit and year are chosen in the sidebar's header bar.
 * There is no Save button: the assessment model queues every edit on the writer thread.
 * What the window does (its actions and key bindings) is in par-window-actions.c; what the
 * two files share is in par-window-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-text.h"
#include "par-tree-row.h"
#include "par-unit-dropdown.h"
#include "par-warm-up.h"
#include "par-window-private.h"

G_DEFINE_FINAL_TYPE (ParWindow, par_window, ADW_TYPE_APPLICATION_WINDOW)

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

void
_par_window_toast_error (ParWindow    *self,
                         const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  par_window_add_toast (self, toast);
}

void
_par_window_show_error_dialog (ParWindow  *self,
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

/* GTK 4.8 makes a row widget in a drop-down's list for every item of its model as soon as
 * the item is there, list open or not: 50 units and 10 years were 12.6 M instructions inside
 * the window's construction (callgrind), for lists nobody can open before the window is on
 * screen. Until then each header drop-down's model is a one-item slice of its names, the item
 * it shows; right after the first frame (the warm-up), the whole list (make_lists_whole). */
static void
show_position (ParWindow         *self,
               GtkDropDown       *dropdown,
               GtkSliceListModel *shown,
               guint              position)
{
  self->syncing++;
  if (!self->lists_whole)
    {
      gtk_slice_list_model_set_offset (shown, position);
      gtk_drop_down_set_selected (dropdown, 0);
    }
  else
    gtk_drop_down_set_selected (dropdown, position);
  self->syncing--;
}

/* The position in the names of what @dropdown shows (GTK_INVALID_LIST_POSITION: nothing). */
static guint
shown_position (ParWindow         *self,
                GtkDropDown       *dropdown,
                GtkSliceListModel *shown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  if (i == GTK_INVALID_LIST_POSITION || self->lists_whole)
    return i;
  return i + gtk_slice_list_model_get_offset (shown);
}

static void
make_lists_whole (ParWindow *self)
{
  guint unit, year;

  if (self->lists_whole)
    return;
  unit = shown_position (self, self->unit_dropdown, self->unit_shown);
  year = shown_position (self, self->year_dropdown, self->year_shown);
  self->lists_whole = TRUE;
  self->syncing++;
  gtk_slice_list_model_set_offset (self->unit_shown, 0);
  gtk_slice_list_model_set_size (self->unit_shown, G_MAXUINT);
  gtk_slice_list_model_set_offset (self->year_shown, 0);
  gtk_slice_list_model_set_size (self->year_shown, G_MAXUINT);
  self->syncing--;
  if (unit != GTK_INVALID_LIST_POSITION)
    show_position (self, self->unit_dropdown, self->unit_shown, unit);
  if (year != GTK_INVALID_LIST_POSITION)
    show_position (self, self->year_dropdown, self->year_shown, year);
}

/* Right after the first frame, the header's lists are completed, the sub-criterion page is
 * made, filled, laid out at the size it will have and its text and icons drawn out of sight,
 * and the buffers a frame is copied through to the screen are made, so the first click on a
 * sub-criterion costs what the others do (the first paint of a page shapes its labels at
 * their widths, rasterizes their glyphs and loads its icons, and a frame that size would make
 * a new shared-memory segment). */
static gboolean
warm_up (gpointer user_data)
{
  ParWindow *self = user_data;
  GtkWidget *page;
  GPtrArray *leaves;
  int width, height, min, nat;

  self->warm_up_id = 0;
  make_lists_whole (self);
  self->paint_buffers = par_warm_up_paint_buffers (GTK_NATIVE (self));
  if (self->model == NULL || self->criterion_page != NULL)
    goto done;
  leaves = par_framework_get_leaves (par_assessment_model_get_framework (self->model));
  if (leaves->len == 0)
    goto done;
  par_criterion_page_show (ensure_criterion_page (self), ((ParNode *) g_ptr_array_index (leaves, 0))->code);
  page = GTK_WIDGET (self->criterion_page);
  width = gtk_widget_get_width (GTK_WIDGET (self->content_stack));
  height = gtk_widget_get_height (GTK_WIDGET (self->content_stack));
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  width = MAX (width, min);
  gtk_widget_measure (page, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
  height = MAX (height, min);
  /* The stack allocates the page this size when it shows it: nothing is laid out again then
   * unless the page changed. */
  gtk_widget_allocate (page, width, height, -1, NULL);
  /* Drawn on a surface like the window's, so the same fonts (same font options) and glyph
   * caches serve the real paint. */
  cairo_surface_destroy (par_warm_up_draw (page, gtk_native_get_surface (GTK_NATIVE (self))));
done:
  self->warmed_up = TRUE;
  return G_SOURCE_REMOVE;
}

/* The shortcuts window (Ctrl+?) is built the first time it is asked for. Under GTK's own name
 * for it (gtk/help-overlay.ui) GtkApplication builds it for every window it adds, before the
 * window's first frame (~14 ms of start-up), for a window most users never open. */
static void
on_show_help_overlay (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkApplicationWindow *window = user_data;
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (PAR_HELP_OVERLAY_RESOURCE);

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

guint
par_window_get_glyph_passes (ParWindow *self,
                             guint     *glyphs)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), 0);

  if (glyphs != NULL)
    *glyphs = self->glyphs_warmed;
  return self->glyph_passes;
}

gboolean
par_window_is_warmed_up (ParWindow *self)
{
  g_return_val_if_fail (PAR_IS_WINDOW (self), FALSE);

  return self->warmed_up;
}

static void
on_first_paint (GdkFrameClock *clock,
                ParWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, self);
  /* Before the next frame (GDK_PRIORITY_REDRAW is G_PRIORITY_HIGH_IDLE + 20), after the
   * first: the window is on screen and nothing else waits yet. */
  if (self->warm_up_id == 0 && !self->warmed_up)
    self->warm_up_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, warm_up, self, NULL);
}

static void
on_map (ParWindow *self)
{
  if (self->warm_up_id == 0 && !self->warmed_up)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (on_first_paint), self, G_CONNECT_DEFAULT);
}

static void
show_page (ParWindow  *self,
           const char *code)
{
  g_free (self->current_code);
  self->current_code = g_strdup (code);
  self->warm_glyphs = TRUE;

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
  _par_window_actions_update (self);
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

/* The page a search without a match shows is made the first time a search has none: in the
 * window's template, out of sight, its status page (a scrolled window, a clamp, an icon and
 * two labels) was built with the window, before its first frame: 4.5 M instructions of the
 * start-up (callgrind), for a page seen only when a search finds nothing. */
static GtkWidget *
ensure_no_match_page (ParWindow *self)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->sidebar_stack, "no-match");

  if (page == NULL)
    {
      page = adw_status_page_new ();
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "edit-find-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Match"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page), _("No code or title contains these words."));
      gtk_widget_add_css_class (page, "compact");
      gtk_stack_add_named (self->sidebar_stack, page, "no-match");
      par_accessible_tidy (page);
    }
  return page;
}

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

  if (g_list_model_get_n_items (G_LIST_MODEL (self->tree_model)) > 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "tree");
  else
    gtk_stack_set_visible_child (self->sidebar_stack, ensure_no_match_page (self));
}

/* Enter in the search box opens the first matching sub-criterion. */
static void
on_search_activate (GtkSearchEntry *entry,
                    ParWindow      *self)
{
  GListModel *model = G_LIST_MODEL (self->tree_model);

  /* Enter right after typing comes before the entry's pause is over: search what it says
   * now, not what it said a moment ago. */
  on_search_changed (entry, self);
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

  /* Read-only says more than "locked" (and a draft year is not locked by its status). */
  if (self->model == NULL || !par_assessment_model_is_locked (self->model)
      || par_assessment_model_is_read_only (self->model))
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
  _par_window_actions_update (self);
}

static void
on_model_evidence_changed (ParAssessmentModel *model,
                           const char         *code,
                           ParWindow          *self)
{
  update_items_for (self, code);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "overview") == 0)
    par_overview_page_refresh (self->overview_page);
  _par_window_actions_update (self);
}

static void
on_model_status_changed (ParAssessmentModel *model,
                         ParWindow          *self)
{
  update_lock (self);
  par_overview_page_refresh (self->overview_page);
  if (self->current_code != NULL)
    par_criterion_page_show (ensure_criterion_page (self), self->current_code);
  _par_window_actions_update (self);
}

static void
on_model_column_changed (ParWindow *self)
{
  update_items_for (self, NULL);
}

static void
on_model_failed (ParAssessmentModel *model,
                 const GError       *error,
                 ParWindow          *self)
{
  _par_window_toast_error (self, error);
}

static void
on_writer_failed (ParWriter    *writer,
                  const GError *error,
                  ParWindow    *self)
{
  gtk_label_set_label (self->save_label, _("Not saved"));
  _par_window_toast_error (self, error);
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
  self->warm_glyphs = TRUE;

  if (self->criterion_page != NULL)
    par_criterion_page_set_model (self->criterion_page, model);
  g_clear_pointer (&self->current_code, g_free);

  if (model == NULL)
    {
      g_hash_table_remove_all (self->items);
      g_list_store_remove_all (self->root_store);
      _par_window_actions_update (self);
      return;
    }

  g_signal_connect (model, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect (model, "evidence-changed", G_CALLBACK (on_model_evidence_changed), self);
  g_signal_connect (model, "status-changed", G_CALLBACK (on_model_status_changed), self);
  g_signal_connect (model, "failed", G_CALLBACK (on_model_failed), self);
  /* The sidebar's scores follow the column the overview shows. */
  g_signal_connect_swapped (model, "notify::column", G_CALLBACK (on_model_column_changed), self);

  self->syncing++;
  build_tree (self);
  self->syncing--;
  /* Where "Saved" shows, a read-only database says so: it is true of everything on screen. */
  gtk_label_set_label (self->save_label, _("Read-only"));
  gtk_widget_set_visible (GTK_WIDGET (self->save_label), par_assessment_model_is_read_only (model));
  update_lock (self);
}

const char *
_par_window_unit_name (ParWindow *self)
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
  par_overview_page_set_model (self->overview_page, model, _par_window_unit_name (self));

  /* The year dropdown follows. */
  for (guint i = 0; self->assessments != NULL && i < self->assessments->len; i++)
    if (((ParAssessment *) g_ptr_array_index (self->assessments, i))->id == assessment_id)
      show_position (self, self->year_dropdown, self->year_shown, i);

  par_context_set_last_assessment (self->context, assessment_id);

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
    _par_window_show_error_dialog (self, _("This Year Cannot Be Opened"), error->message);
}

/* The database's file name as it may be shown ("demo.db"): no bidi override or control
 * character reorders it. */
static char *
database_display_name (ParWindow *self)
{
  g_autofree char *base = g_path_get_basename (par_context_get_db_path (self->context));
  g_autofree char *name = g_filename_display_name (base);

  return par_text_file_name (name);
}

/* An empty database's welcome page says which database it is: with a window per database,
 * "Parscore" alone does not tell two empty ones apart. */
static void
update_welcome_title (ParWindow *self)
{
  g_autofree char *name = NULL;

  if (self->welcome_title == NULL || self->context == NULL)
    return;
  name = database_display_name (self);
  adw_window_title_set_subtitle (self->welcome_title, name);
}

/* The welcome page and the page of a unit without a year are built when first shown: a
 * window opening on a year never needs them. */
void
_par_window_show_empty_page (ParWindow  *self,
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
      self->welcome_title = ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "welcome_title"));
      update_welcome_title (self);
      gtk_stack_add_named (self->main_stack, welcome, "welcome");
      gtk_stack_add_named (self->main_stack, no_year, "no-year");

      self->no_year_unit_dropdown = GTK_DROP_DOWN (gtk_builder_get_object (builder, "no_year_unit_dropdown"));
      par_unit_dropdown_init (self->no_year_unit_dropdown, G_LIST_MODEL (self->unit_names), 20);
      self->syncing++;
      gtk_drop_down_set_selected (self->no_year_unit_dropdown,
                                  shown_position (self, self->unit_dropdown, self->unit_shown));
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
      _par_window_toast_error (self, error);
      return;
    }

  self->unit_id = unit_id;
  for (guint i = 0; i < self->units->len; i++)
    if (((ParUnit *) g_ptr_array_index (self->units, i))->id == unit_id)
      {
        show_position (self, self->unit_dropdown, self->unit_shown, i);
        if (self->no_year_unit_dropdown != NULL)
          {
            self->syncing++;
            gtk_drop_down_set_selected (self->no_year_unit_dropdown, i);
            self->syncing--;
          }
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
      _par_window_show_empty_page (self, "no-year");
      _par_window_actions_update (self);
      return;
    }

  /* The latest year unless asked for another. */
  if (open_id == 0)
    open_id = ((ParAssessment *) g_ptr_array_index (self->assessments,
                                                    self->assessments->len - 1))->id;
  open_assessment_or_toast (self, open_id);
}

/* Reload units from the store and show @unit_id (0: the remembered one, else the first). */
void
_par_window_reload_units (ParWindow *self,
                          gint64     unit_id,
                          gint64     assessment_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *units;

  units = par_store_list_units (par_context_get_store (self->context), &error);
  if (units == NULL)
    {
      _par_window_show_error_dialog (self, _("The Database Cannot Be Read"), error->message);
      return;
    }
  g_clear_pointer (&self->units, g_ptr_array_unref);
  self->units = units;

  self->syncing++;
  par_unit_dropdown_set_units (self->unit_names, units);
  self->syncing--;

  if (units->len == 0)
    {
      set_model (self, NULL);
      self->unit_id = 0;
      _par_window_show_empty_page (self, "welcome");
      _par_window_actions_update (self);
      return;
    }

  if (unit_id == 0 && assessment_id == 0)
    {
      gint64 remembered = par_context_get_last_assessment (self->context);
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
  guint i = dropdown == self->unit_dropdown
            ? shown_position (self, dropdown, self->unit_shown)
            : gtk_drop_down_get_selected (dropdown);

  if (self->syncing > 0 || self->units == NULL || i >= self->units->len)
    return;
  select_unit (self, ((ParUnit *) g_ptr_array_index (self->units, i))->id, 0);
}

static void
on_year_selected (GtkDropDown *dropdown,
                  GParamSpec  *pspec,
                  ParWindow   *self)
{
  guint i = shown_position (self, dropdown, self->year_shown);

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
  /* The audit log shown is the other database's. */
  if (self->audit_window != NULL)
    gtk_window_destroy (self->audit_window);
  set_model (self, NULL);
  g_set_object (&self->context, context);
  {
    /* Two windows on two databases: the title tells them apart (window list, Alt+Tab). */
    g_autofree char *safe = database_display_name (self);
    /* Translators: the window's title, "demo.db — Parscore". */
    g_autofree char *title = g_strdup_printf (_("%s — Parscore"), safe);

    gtk_window_set_title (GTK_WINDOW (self), title);
    update_welcome_title (self);

    if (par_context_is_read_only (context))
      {
        /* Translators: %s is a database's file name, "demo.db". */
        g_autofree char *text = g_strdup_printf (_("“%s” is open read-only: Parscore cannot write to it (the file, its folder or its disk does not allow it). You can read it, see the charts and export the evidence pack; nothing can be changed."),
                                                 safe);
        gtk_label_set_label (self->read_only_label, text);
      }
    gtk_revealer_set_reveal_child (self->read_only_revealer, par_context_is_read_only (context));
  }
  self->writer_failed_id = g_signal_connect (par_context_get_writer (context), "failed",
                                             G_CALLBACK (on_writer_failed), self);
  self->writer_saved_id = g_signal_connect (par_context_get_writer (context), "saved",
                                            G_CALLBACK (on_writer_saved), self);
  _par_window_reload_units (self, 0, 0);
  /* A council's database opens in Council mode: its units are the round's, not one office's. */
  if (self->council_page != NULL)
    par_council_page_present (self->council_page, context, 0);
  if (par_council_page_has_round (context))
    _par_window_show_council (self);
  else if (self->council_page != NULL)
    {
      gtk_stack_remove (self->main_stack, GTK_WIDGET (self->council_page));
      self->council_page = NULL;
      _par_window_actions_update (self);
    }
}

void
_par_window_release_context (ParWindow  *self,
                             const char *message)
{
  if (self->context != NULL)
    {
      ParWriter *writer = par_context_get_writer (self->context);

      par_writer_flush (writer);
      g_clear_signal_handler (&self->writer_failed_id, writer);
      g_clear_signal_handler (&self->writer_saved_id, writer);
    }
  if (self->audit_window != NULL)
    gtk_window_destroy (self->audit_window);
  if (self->dashboard_page != NULL)
    {
      /* Made again on first use; it holds the database's context. */
      gtk_stack_remove (self->main_stack, GTK_WIDGET (self->dashboard_page));
      self->dashboard_page = NULL;
    }
  if (self->council_page != NULL)
    {
      gtk_stack_remove (self->main_stack, GTK_WIDGET (self->council_page));
      self->council_page = NULL;
    }
  if (self->reply_page != NULL)
    {
      gtk_stack_remove (self->main_stack, GTK_WIDGET (self->reply_page));
      self->reply_page = NULL;
    }
  set_model (self, NULL);
  par_overview_page_set_model (self->overview_page, NULL, NULL);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_object (&self->context);

  if (self->busy_page == NULL)
    {
      GtkWidget *header = adw_header_bar_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_widget_add_css_class (header, "flat");
      gtk_box_append (GTK_BOX (box), header);
      self->busy_page = adw_status_page_new ();
      gtk_widget_set_name (self->busy_page, "busy-page");
      gtk_widget_set_vexpand (self->busy_page, TRUE);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_size_request (spinner, 32, 32);
      adw_status_page_set_child (ADW_STATUS_PAGE (self->busy_page), spinner);
      gtk_box_append (GTK_BOX (box), self->busy_page);
      gtk_stack_add_named (self->main_stack, box, "busy");
    }
  adw_status_page_set_title (ADW_STATUS_PAGE (self->busy_page), message);
  gtk_stack_set_visible_child_name (self->main_stack, "busy");
  _par_window_actions_update (self);
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
  g_clear_pointer (&self->paint_buffers, cairo_surface_destroy);
  g_clear_pointer (&self->glyph_warm, par_glyph_warm_free);
  if (self->audit_window != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->audit_window), (gpointer *) &self->audit_window);
      gtk_window_destroy (g_steal_pointer (&self->audit_window));
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_WINDOW);

  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_object (&self->overview_item);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->root_store);
  g_clear_object (&self->unit_shown);
  g_clear_object (&self->year_shown);
  g_clear_object (&self->unit_names);
  g_clear_object (&self->year_names);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->current_code, g_free);

  G_OBJECT_CLASS (par_window_parent_class)->dispose (object);
}

/* The main menu's popover is made the first time it opens (a click, F10): a menu button
 * given its model makes the popover and a widget for every item at once, 7.6 M instructions
 * of the window's start-up (callgrind), for a menu seen later if at all. GTK calls this at
 * every opening: the model is given once, or each opening would make the popover anew. */
static void
create_primary_menu (GtkMenuButton *button,
                     gpointer       user_data)
{
  ParWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) != self->primary_menu)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* The frame is laid out: when it shows a new page (the first frame, another page, another
 * sub-criterion, unit or year), its new glyphs are made font by font before it is drawn
 * (par-glyph-warm.c); then the window draws as always. Other frames (a key typed, a row
 * opened) bring a few glyphs at most, and reading every label for them would cost more
 * than it saves (~0.3 ms a frame). */
static void
par_window_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  ParWindow *self = PAR_WINDOW (widget);

  if (self->warm_glyphs)
    {
      self->warm_glyphs = FALSE;
      if (self->glyph_warm == NULL)
        self->glyph_warm = par_glyph_warm_new ();
      self->glyphs_warmed += par_glyph_warm_widget (self->glyph_warm, widget);
      self->glyph_passes++;
    }
  GTK_WIDGET_CLASS (par_window_parent_class)->snapshot (widget, snapshot);
}

static void
on_page_changed (ParWindow *self)
{
  self->warm_glyphs = TRUE;
}

static void
par_window_class_init (ParWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = par_window_dispose;
  window_class->close_request = par_window_close_request;
  widget_class->snapshot = par_window_snapshot;

  g_type_ensure (PAR_TYPE_OVERVIEW_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, council_button);
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
  gtk_widget_class_bind_template_child (widget_class, ParWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ParWindow, overview_page);

  _par_window_class_actions_init (klass);
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
  /* Long unit names are cut in the header bar, which would otherwise widen the sidebar. */
  self->unit_shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->unit_names)), 0, 1);
  self->year_shown = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->year_names)), 0, 1);
  par_unit_dropdown_init (self->unit_dropdown, G_LIST_MODEL (self->unit_shown), 20);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (self->year_shown));
  g_signal_connect (self->unit_dropdown, "notify::selected", G_CALLBACK (on_unit_selected), self);
  g_signal_connect (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_selected), self);

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (on_search_activate), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (on_search_stop), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_changed), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_primary_menu, self, NULL);
  self->warm_glyphs = TRUE;   /* the first frame */
  g_signal_connect_swapped (self->main_stack, "notify::visible-child", G_CALLBACK (on_page_changed), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child", G_CALLBACK (on_page_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);

  {
    static const GActionEntry help_overlay[] = { { "show-help-overlay", on_show_help_overlay } };

    g_action_map_add_action_entries (G_ACTION_MAP (self), help_overlay, 1, self);
  }
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
