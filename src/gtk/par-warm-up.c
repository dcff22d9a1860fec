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

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#include <cairo-xlib.h>
#endif

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

/* How cairo 1.16 puts a frame on an X11 window (GTK's cairo renderer): the frame's area is
 * copied into a buffer in a MIT-SHM segment, which the server reads. The segments are pools
 * cairo keeps only while one of their buffers is in use; a pool left empty is released, and a
 * frame larger than any free block of the pools left makes a new segment of 8× its size inside
 * that frame: shmget, an attach with a round trip to the server, and a page fault for each
 * 4 KB touched (the first switch to a sub-criterion: ~830 faults, a third of its frame). */
cairo_surface_t *
par_warm_up_paint_buffers (GtkNative *native)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface;
  GdkDisplay *display;
  cairo_surface_t *window, *first, *second, *keeper;
  Display *xdisplay;
  int scale, width, height;

  g_return_val_if_fail (GTK_IS_NATIVE (native), NULL);

  surface = gtk_native_get_surface (native);
  display = gdk_surface_get_display (surface);
  if (!GDK_IS_X11_DISPLAY (display) || !GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native)))
    return NULL;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  scale = gdk_surface_get_scale_factor (surface);
  width = MAX (gdk_surface_get_width (surface) * scale, 1);
  height = MAX (gdk_surface_get_height (surface) * scale, 1);
  window = cairo_xlib_surface_create (xdisplay, gdk_x11_surface_get_xid (surface),
                                      DefaultVisual (xdisplay, DefaultScreen (xdisplay)),
                                      width, height);
  /* Two buffers as large as the window (the largest area a frame copies), cleared so every
   * page of them is touched: the pool's blocks a frame's buffer is then cut from. The
   * second's block is split for the small buffer kept, whose parts serve the smaller frames
   * (a row, a field); the first's serves the frames of a page's size. */
  first = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, width, height);
  second = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_destroy (second);
  keeper = cairo_surface_create_similar_image (window, CAIRO_FORMAT_ARGB32, 64, 64);
  cairo_surface_destroy (first);
  cairo_surface_destroy (window);
  return keeper;
#else
  return NULL;
#endif
}
