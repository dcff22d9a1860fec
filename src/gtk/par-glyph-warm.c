/* par-glyph-warm.c — the glyphs a window's frame is about to draw, rasterized font by font.
 *
 * A glyph is hinted and rasterized by FreeType the first time a frame draws it (its metrics
 * when its text node is made, its image when the renderer draws it), in the order the frame
 * meets it. A TrueType face has one size set at a time, and each change of size runs the
 * font's size program again: a frame that goes label by label through body text, captions,
 * headings and titles of one face changes size at almost every label (the first frame of the
 * window: ~100 runs, 29.5 M instructions, for ~420 glyphs; the glyphs themselves cost 11 M).
 * Taken font by font before the frame, the same glyphs need one run per size.
 *
 * The glyphs are read from the labels' layouts as they were laid out for this frame (the
 * same fonts, so the same cairo scaled fonts and caches as the drawing), and drawn all at one
 * point of a small surface like the window's, which is then dropped: what stays is cairo's
 * and Pango's cache of each glyph.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <pango/pangocairo.h>

#include "par-glyph-warm.h"

/* The scratch surface, in logical pixels; glyphs are drawn at its centre, and cairo
 * rasterizes any glyph whose box meets the surface. */
#define SCRATCH 256

struct _ParGlyphWarm
{
  guint64     id;        /* what the labels it read name it by: never given twice */
  GHashTable *warmed;    /* PangoFont (ref) → set of glyph + 1 already made */
};

/* What a label's layout was when last read, and by which reader, kept on the label. The
 * layout is held, so a layout made later (the label's text changed) can never be at the same
 * address: a freed one's memory is what malloc hands out next, serial and all. The reader
 * likewise is named by its id, not its address: the label can outlive it, and a reader made
 * later where the freed one was would take the label as read, its glyphs made, when its own
 * caches have none of them. */
typedef struct
{
  guint64      reader;
  PangoLayout *layout;
  guint        serial;
} LayoutRead;

static GQuark layout_read_quark;
static guint64 last_reader_id;   /* the main thread's, as the widgets read */

static void
layout_read_free (gpointer data)
{
  LayoutRead *read = data;

  g_object_unref (read->layout);
  g_free (read);
}

ParGlyphWarm *
par_glyph_warm_new (void)
{
  ParGlyphWarm *self = g_new0 (ParGlyphWarm, 1);

  self->id = ++last_reader_id;
  self->warmed = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                        (GDestroyNotify) g_hash_table_unref);
  if (layout_read_quark == 0)
    layout_read_quark = g_quark_from_static_string ("par-glyph-warm-layout-read");
  return self;
}

void
par_glyph_warm_free (ParGlyphWarm *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->warmed);
  g_free (self);
}

/* Adds the glyphs of @label's layout not made before to @todo (PangoFont → GArray of
 * PangoGlyph), unless that layout was read as it is now. */
static void
collect_label (ParGlyphWarm *self,
               GtkLabel     *label,
               GHashTable   *todo)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  guint serial = pango_layout_get_serial (layout);
  LayoutRead *read = g_object_get_qdata (G_OBJECT (label), layout_read_quark);
  PangoLayoutIter *iter;

  if (read != NULL && read->reader == self->id && read->layout == layout && read->serial == serial)
    return;
  read = g_new (LayoutRead, 1);
  read->reader = self->id;
  read->layout = g_object_ref (layout);
  read->serial = serial;
  g_object_set_qdata_full (G_OBJECT (label), layout_read_quark, read, layout_read_free);

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoFont *font;
      GHashTable *made;
      GArray *glyphs = NULL;

      if (run == NULL || run->item->analysis.font == NULL)
        continue;
      font = run->item->analysis.font;
      made = g_hash_table_lookup (self->warmed, font);
      if (made == NULL)
        {
          made = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (self->warmed, g_object_ref (font), made);
        }
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          PangoGlyph glyph = run->glyphs->glyphs[i].glyph;

          /* Not a glyph of the font: a missing character's box, or nothing to draw. */
          if ((glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 || glyph == PANGO_GLYPH_EMPTY)
            continue;
          if (!g_hash_table_add (made, GUINT_TO_POINTER (glyph + 1)))
            continue;
          if (glyphs == NULL)
            {
              glyphs = g_hash_table_lookup (todo, font);
              if (glyphs == NULL)
                {
                  glyphs = g_array_new (FALSE, FALSE, sizeof (PangoGlyph));
                  g_hash_table_insert (todo, font, glyphs);
                }
            }
          g_array_append_val (glyphs, glyph);
        }
    }
  while (pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);
}

static void
collect (ParGlyphWarm *self,
         GtkWidget    *widget,
         GHashTable   *todo)
{
  if (GTK_IS_LABEL (widget))
    collect_label (self, GTK_LABEL (widget), todo);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_mapped (child))
      collect (self, child, todo);
}

/* The metrics (what a text node's bounds are made of) and the images (what the renderer
 * draws) of one font's new glyphs, in one go: one size for the face while they are made. */
static void
make_font (cairo_t   *cr,
           PangoFont *font,
           GArray    *glyphs)
{
  PangoGlyphString *string = pango_glyph_string_new ();

  pango_glyph_string_set_size (string, glyphs->len);
  for (guint i = 0; i < glyphs->len; i++)
    {
      PangoGlyphInfo *info = &string->glyphs[i];
      PangoRectangle ink;

      memset (info, 0, sizeof *info);
      info->glyph = g_array_index (glyphs, PangoGlyph, i);
      info->attr.is_cluster_start = TRUE;
      pango_font_get_glyph_extents (font, info->glyph, &ink, NULL);
    }
  cairo_move_to (cr, SCRATCH / 2, SCRATCH / 2);
  pango_cairo_show_glyph_string (cr, font, string);
  pango_glyph_string_free (string);
}

guint
par_glyph_warm_widget (ParGlyphWarm *self,
                       GtkWidget    *root)
{
  g_autoptr(GHashTable) todo = NULL;
  GdkSurface *like;
  cairo_surface_t *surface;
  GHashTableIter iter;
  gpointer font, glyphs;
  cairo_t *cr;
  guint made = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);

  like = gtk_widget_get_native (root) != NULL
         ? gtk_native_get_surface (gtk_widget_get_native (root)) : NULL;
  if (like == NULL)
    return 0;
  todo = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  collect (self, root, todo);
  if (g_hash_table_size (todo) == 0)
    return 0;

  /* Like the window's surface: the same font options, so the same cairo scaled fonts. */
  surface = gdk_surface_create_similar_surface (like, CAIRO_CONTENT_COLOR_ALPHA, SCRATCH, SCRATCH);
  cr = cairo_create (surface);
  g_hash_table_iter_init (&iter, todo);
  while (g_hash_table_iter_next (&iter, &font, &glyphs))
    {
      make_font (cr, font, glyphs);
      made += ((GArray *) glyphs)->len;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return made;
}
