/* ui-gtk-util.c — main-loop and widget-tree helpers shared by the in-process UI tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "ui-gtk-util.h"
#include "par-test-util.h"

void
ui_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
ui_wait_for (UiCondition condition,
             gpointer    data,
             guint       timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

GtkWidget *
ui_find_named (GtkWidget  *root,
               const char *name)
{
  if (root == NULL)
    return NULL;
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_find_type (GtkWidget *root,
              GType      type)
{
  if (root == NULL)
    return NULL;
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A widget's paintable has no image between a change (queue_draw drops the widget's render
 * node) and the next frame: take the snapshot when there is one. */
typedef struct {
  GtkWidget     *widget;
  GdkPaintable  *paintable;
  GskRenderNode *node;
} Shot;

static gboolean
drawn (gpointer data)
{
  Shot *shot = data;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (shot->paintable, snapshot,
                          gtk_widget_get_width (shot->widget), gtk_widget_get_height (shot->widget));
  shot->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (shot->node == NULL)
    /* Ask for the frame that draws it. */
    gtk_widget_queue_draw (shot->widget);
  return shot->node != NULL;
}

void
ui_save_screenshot (GtkWidget  *widget,
                    const char *name)
{
  Shot shot = { widget, gtk_widget_paintable_new (widget), NULL };
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                           "screenshots", NULL);
  g_autofree char *file = NULL;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (ui_wait_for (drawn, &shot, 10000));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), shot.node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot: %s", file);
  gsk_render_node_unref (shot.node);
  g_object_unref (shot.paintable);
}

static gboolean
nothing_open_under (gpointer dir)
{
  g_autofree char *open = par_test_find_open_under (dir);
  return open == NULL;
}

void
ui_assert_closed_under (const char *dir)
{
  ui_wait_for (nothing_open_under, (gpointer) dir, 10000);
  par_test_assert_nothing_open_under (dir);
}

gboolean
ui_press_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  mods)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                GTK_SHORTCUT_ACTION_EXCLUSIVE, w,
                                                gtk_shortcut_get_arguments (shortcut)))
                return TRUE;
            }
        }
    }
  return FALSE;
}
