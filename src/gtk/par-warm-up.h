/* par-warm-up.h — a page's text and icons drawn out of sight before it is first shown.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Draws the text and icons of @page's shown labels, images and text fields, laid out at
 * their allocated sizes, one over another at the top of a new surface like @like's (same
 * font options, so the page's first real paint finds its glyphs rasterized and hinted and its
 * icons loaded). @page itself may be hidden: a stack's page that is not the visible child is
 * not child-visible, and that is the page this is for. Returns the surface drawn on
 * (transfer full), for a caller to look at or drop. */
cairo_surface_t *par_warm_up_draw (GtkWidget  *page,
                                   GdkSurface *like);

/* Makes the buffers @native's frames are copied through on their way to an X11 server (GTK's
 * cairo renderer) before the frames need them, and returns a small one of them for the window
 * to hold while it lives (transfer full): holding it keeps them all. NULL when the window is
 * not drawn that way (another renderer, not X11), with nothing to hold. */
cairo_surface_t *par_warm_up_paint_buffers (GtkNative *native);

G_END_DECLS
