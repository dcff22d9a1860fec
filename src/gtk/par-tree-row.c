/* par-tree-row.c — how a ParTreeItem looks in the sidebar: status mark, code, title, score.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-tree-row.h"

struct _ParTreeRow
{
  GtkWidget    parent_instance;

  GtkImage    *status_image;
  GtkLabel    *code_label;
  GtkLabel    *title_label;
  GtkLabel    *score_label;

  ParTreeItem *item;
  GtkWidget   *accessible;   /* weak: the expander that holds us */
  char        *spoken;       /* the name last given to it */
  gulong       notify_id;
};

G_DEFINE_FINAL_TYPE (ParTreeRow, par_tree_row, GTK_TYPE_WIDGET)

static void
sync_row (ParTreeRow *self)
{
  ParTreeItem *item = self->item;
  const char *icon, *status, *score, *code;
  g_autofree char *name = NULL;

  if (item == NULL)
    return;

  icon = par_tree_item_get_status_icon (item);
  status = par_tree_item_get_status_text (item);
  score = par_tree_item_get_score (item);
  code = par_tree_item_get_code (item);

  gtk_image_set_from_icon_name (self->status_image, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->status_image), icon != NULL);
  par_widget_set_tooltip (GTK_WIDGET (self->status_image), status);
  gtk_label_set_label (self->code_label, code != NULL ? code : "");
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), code != NULL);
  gtk_label_set_label (self->title_label, par_tree_item_get_title (item));
  par_widget_set_tooltip (GTK_WIDGET (self->title_label), par_tree_item_get_title (item));
  gtk_label_set_label (self->score_label, score != NULL ? score : "");
  gtk_widget_set_visible (GTK_WIDGET (self->score_label), score != NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_image), "dim-label");
  if (g_strcmp0 (icon, "emblem-ok-symbolic") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_image), "success");
  else if (g_strcmp0 (icon, "dialog-warning-symbolic") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_image), "warning");
  else if (g_strcmp0 (icon, "dialog-error-symbolic") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_image), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->status_image), "dim-label");

  if (par_tree_item_get_kind (item) == PAR_TREE_ITEM_NODE
      && par_tree_item_get_node (item)->kind == PAR_NODE_FIELD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "field");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "field");
  if (par_tree_item_is_leaf (item))
    gtk_widget_add_css_class (GTK_WIDGET (self), "leaf");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "leaf");

  if (self->accessible == NULL)
    return;
  /* One sentence for screen readers: "1.1.4 Plan completion, 1,00 / 2,00, Scored". */
  name = g_strjoin (", ",
                    code != NULL ? code : par_tree_item_get_title (item),
                    code != NULL ? par_tree_item_get_title (item) : "",
                    score != NULL ? score : "",
                    status != NULL ? status : "",
                    NULL);
  /* Each change of name is a message on the accessibility bus: only real changes go. */
  if (g_strcmp0 (name, self->spoken) != 0)
    {
      par_accessible_set_name (self->accessible, name);
      g_free (self->spoken);
      self->spoken = g_steal_pointer (&name);
    }
}

static void
on_item_notify (ParTreeRow *self)
{
  sync_row (self);
}

void
par_tree_row_set_item (ParTreeRow  *self,
                       ParTreeItem *item,
                       GtkWidget   *accessible)
{
  g_return_if_fail (PAR_IS_TREE_ROW (self));

  /* GTK 4.8 binds a row again when its selection changes: nothing to redo then. */
  if (item != NULL && item == self->item && accessible == self->accessible)
    return;

  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->item);
      g_clear_object (&self->item);
    }
  if (self->accessible != NULL)
    {
      /* A recycled row must not keep announcing the item it showed before. */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->accessible), GTK_ACCESSIBLE_PROPERTY_LABEL);
      g_clear_pointer (&self->spoken, g_free);
      g_object_remove_weak_pointer (G_OBJECT (self->accessible), (gpointer *) &self->accessible);
    }
  self->accessible = accessible;
  if (accessible != NULL)
    g_object_add_weak_pointer (G_OBJECT (accessible), (gpointer *) &self->accessible);

  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->notify_id = g_signal_connect_swapped (item, "notify", G_CALLBACK (on_item_notify), self);
      sync_row (self);
    }
}

ParTreeItem *
par_tree_row_get_item (ParTreeRow *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ROW (self), NULL);
  return self->item;
}

static void
par_tree_row_dispose (GObject *object)
{
  ParTreeRow *self = PAR_TREE_ROW (object);

  par_tree_row_set_item (self, NULL, NULL);
  g_clear_pointer (&self->spoken, g_free);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (par_tree_row_parent_class)->dispose (object);
}

static void
par_tree_row_class_init (ParTreeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_tree_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "partreerow");
}

/* Built in code, not from a template: GTK 4.8's list view keeps a widget for every row of
 * the tree (up to 200), so each row's cost counts at start-up. */
static GtkWidget *
add_label (ParTreeRow *self,
           float       xalign,
           const char *class1,
           const char *class2)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (class1 != NULL)
    gtk_widget_add_css_class (label, class1);
  if (class2 != NULL)
    gtk_widget_add_css_class (label, class2);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

static void
par_tree_row_init (ParTreeRow *self)
{
  GtkBoxLayout *layout = GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_box_layout_set_spacing (layout, 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  self->code_label = GTK_LABEL (add_label (self, 0, "code", "numeric"));
  self->title_label = GTK_LABEL (add_label (self, 0, NULL, NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_label_set_ellipsize (self->title_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->title_label, 8);
  gtk_label_set_max_width_chars (self->title_label, 26);
  self->score_label = GTK_LABEL (add_label (self, 1, "score", "numeric"));
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label), "dim-label");
  self->status_image = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->status_image, 16);
  gtk_widget_set_parent (GTK_WIDGET (self->status_image), GTK_WIDGET (self));
}

GtkWidget *
par_tree_row_new (void)
{
  return g_object_new (PAR_TYPE_TREE_ROW, NULL);
}
