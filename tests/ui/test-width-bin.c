/* test-width-bin.c — ParWidthBin leaves a row's allocation as it was: the overview's header
 * (wrapping text beside buttons) and its score cards (a homogeneous row of wrapping text) are
 * laid out the same with and without it, at every width, while the text's width is no longer
 * searched for at each height (issue 11, the first frame).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "par-width-bin.h"

static const char *unit = "Sở Nông nghiệp và Phát triển nông thôn tỉnh Cà Mau";
static const char *set = "2023 · Bộ chỉ số đo hiệu năng (100 tiêu chí thành phần) · Draft";

static GtkWidget *
label (const char *text,
       gboolean    wrap,
       const char *css_class)
{
  GtkWidget *widget = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_wrap (GTK_LABEL (widget), wrap);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
  return widget;
}

static GtkWidget *
maybe_bin (GtkWidget *child,
           gboolean   binned)
{
  GtkWidget *bin;

  if (!binned)
    return child;
  bin = par_width_bin_new ();
  par_width_bin_set_child (PAR_WIDTH_BIN (bin), child);
  g_assert_true (par_width_bin_get_child (PAR_WIDTH_BIN (bin)) == child);
  return bin;
}

/* The overview's header: the unit and the set's line, wrapping, beside two pill buttons. */
static GtkWidget *
header_row (gboolean binned)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (titles), label (unit, TRUE, "title-2"));
  gtk_box_append (GTK_BOX (titles), label (set, TRUE, "dim-label"));
  gtk_box_append (GTK_BOX (row), maybe_bin (titles, binned));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = gtk_button_new_with_label (i == 0 ? "Export Pack…" : "Submit…");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_box_append (GTK_BOX (row), button);
    }
  return row;
}

/* The score cards: three cards of a homogeneous row, a caption that wraps in each. */
static GtkWidget *
cards_row (gboolean binned)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  const char *details[] = { "of 8.00 self-assessed; 10.00 with the survey", "",
                            "0 of 6 sub-criteria done · 1 scored by the survey" };

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (details); i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_widget_add_css_class (card, "card");
      gtk_box_append (GTK_BOX (card), label ("Total · Final", FALSE, "caption-heading"));
      gtk_box_append (GTK_BOX (card), label ("22.50", FALSE, "title-1"));
      gtk_box_append (GTK_BOX (card), label (details[i], TRUE, "caption"));
      gtk_box_append (GTK_BOX (row), maybe_bin (card, binned));
    }
  return row;
}

/* Each label's bounds in @row, one "x y w h" a line. */
static void
label_bounds (GtkWidget *row,
              GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (widget, row, &bounds));
      g_string_append_printf (out, "%s: %g %g %g %g\n", gtk_label_get_text (GTK_LABEL (widget)),
                              bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    label_bounds (row, child, out);
}

/* Lays @row out @width wide, as tall as it asks for that width (and @extra more), and
 * returns where its labels are. */
static char *
layout (GtkWidget *row,
        int        width,
        int        extra)
{
  GString *out = g_string_new (NULL);
  int minimum, natural;

  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  gtk_widget_allocate (row, width, natural + extra, -1, NULL);
  g_string_append_printf (out, "row %d × %d\n", width, natural + extra);
  label_bounds (row, row, out);
  return g_string_free (out, FALSE);
}

static void
check_rows (GtkWidget *(*make) (gboolean binned))
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *plain = make (FALSE);
  GtkWidget *binned = make (TRUE);
  int min_plain, min_binned;
  guint checked = 0;

  /* In a window, for the style sheet's fonts and sizes. */
  gtk_box_append (GTK_BOX (column), plain);
  gtk_box_append (GTK_BOX (column), binned);
  gtk_window_set_child (GTK_WINDOW (window), column);

  /* The same smallest width (measured at no height, as the window measures it). */
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &min_plain, NULL, NULL, NULL);
  gtk_widget_measure (binned, GTK_ORIENTATION_HORIZONTAL, -1, &min_binned, NULL, NULL, NULL);
  g_assert_cmpint (min_plain, ==, min_binned);
  g_assert_cmpint (min_plain, >, 0);

  for (int width = min_plain; width <= 1400; width += 7)
    for (int extra = 0; extra <= 40; extra += 40)
      {
        g_autofree char *expected = layout (plain, width, extra);
        g_autofree char *got = layout (binned, width, extra);

        g_assert_cmpstr (got, ==, expected);
        checked++;
      }
  g_test_message ("%u layouts from %d px wide", checked, min_plain);
  g_assert_cmpuint (checked, >, 100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_header (void)
{
  check_rows (header_row);
}

static void
test_cards (void)
{
  check_rows (cards_row);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/width-bin/header", test_header);
  g_test_add_func ("/width-bin/cards", test_cards);
  return g_test_run ();
}
