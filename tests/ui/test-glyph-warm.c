/* test-glyph-warm.c — ParGlyphWarm reads the glyphs a window's labels are laid out with and
 * makes each new one once, font by font: a font's glyphs are counted once however often they
 * occur, another weight is another font, glyphs made before are not made again, and only the
 * new glyphs of a changed label are, however often it changes; a label that is not shown is
 * not read; a reader made after another was freed reads every label afresh (issue 11, the
 * first frame).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "par-glyph-warm.h"

static GtkWidget *
label (GtkWidget  *box,
       const char *text,
       const char *css_class)
{
  GtkWidget *widget = gtk_label_new (text);

  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  gtk_box_append (GTK_BOX (box), widget);
  return widget;
}

static void
wait_mapped (GtkWidget *widget)
{
  while (!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_font_by_font (void)
{
  g_autoptr(ParGlyphWarm) warm = par_glyph_warm_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *plain, *bold, *hidden;

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  plain = label (box, "aabba", NULL);
  bold = label (box, "ab", "heading");
  hidden = label (box, "xyz", NULL);
  gtk_widget_set_visible (hidden, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (bold);

  /* "a" and "b" in the regular face, "a" and "b" in the bold one; "xyz" is not shown. */
  g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 4);
  /* All made: nothing to do for the next frame. */
  g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 0);

  /* A label's new text: only its new glyph. */
  gtk_label_set_text (GTK_LABEL (plain), "abc");
  g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 1);
  /* The same glyphs in a label made bold: the bold face's "c" is new, nothing else. */
  gtk_label_set_text (GTK_LABEL (bold), "cab");
  g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 1);

  /* Text changed again and again: each time a new layout, and its one new glyph is read (the
   * new layout is often made where the old one was freed: being at a known address with a
   * known serial must not make it look read). */
  for (char c = 'd'; c <= 'p'; c++)
    {
      char text[] = { c, '\0' };

      gtk_label_set_text (GTK_LABEL (bold), text);
      g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 1);
    }

  /* Shown, the hidden label's glyphs are read: "x", "y", "z". */
  gtk_widget_set_visible (hidden, TRUE);
  wait_mapped (hidden);
  g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 3);

  /* A window not on screen has no surface to draw like: nothing is made. */
  {
    g_autoptr(ParGlyphWarm) other = par_glyph_warm_new ();
    GtkWidget *offscreen = gtk_window_new ();

    gtk_window_set_child (GTK_WINDOW (offscreen), gtk_label_new ("never shown"));
    g_assert_cmpuint (par_glyph_warm_widget (other, offscreen), ==, 0);
    gtk_window_destroy (GTK_WINDOW (offscreen));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Each window's reader goes with the window, and the next one is often made where the freed
 * one was: a label the freed one read must not look read to the new one, whose caches have
 * none of its glyphs. */
static void
test_new_reader (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text;

  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  text = label (box, "abc", NULL);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (text);

  for (int i = 0; i < 4; i++)
    {
      ParGlyphWarm *warm = par_glyph_warm_new ();

      g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 3);
      g_assert_cmpuint (par_glyph_warm_widget (warm, window), ==, 0);
      par_glyph_warm_free (warm);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/glyph-warm/font-by-font", test_font_by_font);
  g_test_add_func ("/glyph-warm/new-reader", test_new_reader);
  return g_test_run ();
}
