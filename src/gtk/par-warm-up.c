/* par-warm-up.c — a page's text and icons drawn out of sight before it is first shown.
 *
 * The first paint of a page rasterizes and hints every glyph of its labels at their sizes
 * and loads its icons, inside the frame the user waits for. Drawing the same render nodes
 * once onto a surface nobody sees leaves them in cairo's and GTK's caches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include "par-warm-up.h"

static gboolean
drawn (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) || GTK_IS_IMAGE (widget) || GTK_IS_TEXT (widget);
}

static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_visible (widget) && gtk_widget_get_child_visible (widget);
}

/* The tallest of the widgets draw() draws under @widget (itself included), in pixels. */
static int
tallest (GtkWidget *widget)
{
  int height = drawn (widget) ? gtk_widget_get_height (widget) : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shown (child))
      height = MAX (height, tallest (child));
  return height;
}

static void
draw (GtkWidget *widget,
      cairo_t   *cr)
{
  if (drawn (widget))
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        {
          gsk_render_node_draw (node, cr);
          gsk_render_node_unref (node);
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shown (child))
      draw (child, cr);
}

cairo_surface_t *
par_warm_up_draw (GtkWidget  *page,
                  GdkSurface *like)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);
  g_return_val_if_fail (GDK_IS_SURFACE (like), NULL);

  /* The page's own visibility is not asked: hidden in its stack is how it comes here. A
   * surface as tall as the tallest widget drawn holds every glyph (each widget is drawn at
   * the surface's top): cairo skips glyphs outside its surface without rasterizing them. */
  surface = gdk_surface_create_similar_surface (like, CAIRO_CONTENT_COLOR_ALPHA,
                                                MAX (gtk_widget_get_width (page), 1),
                                                CLAMP (tallest (page), 1, 4096));
  cr = cairo_create (surface);
  draw (page, cr);
  cairo_destroy (cr);
  return surface;
}
