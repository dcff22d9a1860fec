/* par-glyph-warm.h — the glyphs a window's frame is about to draw, rasterized font by font.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _ParGlyphWarm ParGlyphWarm;

ParGlyphWarm *par_glyph_warm_new  (void);
void          par_glyph_warm_free (ParGlyphWarm *self);

/* Call when @root's frame is laid out and about to be drawn (at the start of its snapshot).
 * Reads the text of @root's mapped labels as laid out and, for each font, the glyphs not
 * seen before: their metrics and their images are made now, one font after another, and
 * kept in Pango's and cairo's caches, where the frame's drawing finds them. Returns how
 * many glyphs were new. */
guint par_glyph_warm_widget (ParGlyphWarm *self,
                             GtkWidget    *root);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParGlyphWarm, par_glyph_warm_free)

G_END_DECLS
