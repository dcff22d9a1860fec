/* bench-startup-frames.c — frame times of the real window on the large database while a user
 * moves between sub-criteria and types figures.
 *
 * For every frame the window paints, the time from the frame clock's "before-paint" to its
 * "after-paint" (update, layout and paint of that frame) is recorded. For every action — a
 * row picked in the tree, a character typed — the time from the action to the end of the
 * frame that shows it is recorded too (the handler's work plus that frame). Needs a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-startup-db.h"
#include "bench-util.h"
#include "par-application.h"
#include "par-window.h"

static GArray *frames;        /* double ms */
static double  last_frame;
static gint64  frame_begin;
static guint   painted;

static void
on_before_paint (GdkFrameClock *clock)
{
  frame_begin = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock)
{
  double ms = (g_get_monotonic_time () - frame_begin) / 1000.0;

  if (frame_begin > 0)
    g_array_append_val (frames, ms);
  last_frame = ms;
  painted++;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Run the loop until the next frame is painted; the time from @start to then, in ms. */
static double
until_painted (gint64 start)
{
  guint seen = painted;
  gint64 give_up = g_get_monotonic_time () + 500 * 1000;

  while (painted == seen && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row of @code, opening its field and criterion on the way (as clicks on their arrows
 * do); G_MAXUINT if absent. */
static guint
reveal (GtkWidget  *window,
        const char *code)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (find_named (window, "tree")));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);
      g_autofree char *item_code = NULL;

      g_object_get (item, "code", &item_code, NULL);
      if (item_code != NULL && g_str_has_prefix (code, item_code) && code[strlen (item_code)] == '.')
        gtk_tree_list_row_set_expanded (row, TRUE);
      if (g_strcmp0 (item_code, code) == 0)
        {
          gtk_widget_activate_action (find_named (window, "tree"), "list.scroll-to-item", "u", i);
          return i;
        }
    }
  return G_MAXUINT;
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT") : ".";
  g_autofree char *db = g_build_filename (builddir, "bench-startup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParApplication) app = NULL;
  g_autoptr(GArray) switching = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) typing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));  /* handlers, ms */
  g_autoptr(GArray) switch_work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switch_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) key_frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) open_frames = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *window;
  double longest_frame = 0, longest_switch = 0, longest_key = 0, longest_work = 0;

  par_application_init_i18n ();
  gtk_init ();
  frames = g_array_new (FALSE, FALSE, sizeof (double));

  if (!bench_startup_db (db, &error))
    {
      fprintf (stderr, "bench: %s\n", error->message);
      return 1;
    }

  app = par_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  par_application_set_db_path (app, db);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      fprintf (stderr, "bench: %s\n", error->message);
      return 1;
    }
  g_application_activate (G_APPLICATION (app));
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  spin (500);

  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), NULL);

  for (guint i = 0; i < 60; i++)
    {
      int leaf = (i * 37) % 100;
      g_autofree char *code = g_strdup_printf ("%d.%d.%d", leaf / 10 + 1, (leaf % 10) / 5 + 1, leaf % 5 + 1);
      const char *digits = "1234567890";
      GtkWidget *done;
      gint64 start;
      guint row;
      double ms;

      row = reveal (window, code);
      if (row == G_MAXUINT)
        {
          fprintf (stderr, "bench: %s is not in the tree\n", code);
          return 1;
        }
      until_painted (g_get_monotonic_time ());
      g_array_append_val (open_frames, last_frame);

      /* The click on the row. */
      start = g_get_monotonic_time ();
      gtk_selection_model_select_item (gtk_list_view_get_model (GTK_LIST_VIEW (find_named (window, "tree"))),
                                       row, TRUE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (g_getenv ("BENCH_VERBOSE"))
        fprintf (stderr, "switch %u to %s: handler %.1f ms\n", i, code, ms);
      g_array_append_val (work, ms);
      g_array_append_val (switch_work, ms);
      ms = until_painted (start);
      g_array_append_val (switching, ms);
      g_array_append_val (switch_frames, last_frame);
      if (g_getenv ("BENCH_VERBOSE"))
        fprintf (stderr, "  frame %.1f ms\n", last_frame);

      done = find_named (window, "done");
      gtk_editable_set_text (GTK_EDITABLE (done), "");
      until_painted (g_get_monotonic_time ());
      for (guint k = 0; k < 3; k++)
        {
          int position = -1;

          start = g_get_monotonic_time ();
          gtk_editable_insert_text (GTK_EDITABLE (done), digits + (i + k) % 10, 1, &position);
          ms = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (work, ms);
          ms = until_painted (start);
          g_array_append_val (typing, ms);
          g_array_append_val (key_frames, last_frame);
        }
      spin (20);
    }

  for (guint i = 0; i < frames->len; i++)
    longest_frame = MAX (longest_frame, g_array_index (frames, double, i));
  for (guint i = 0; i < switching->len; i++)
    longest_switch = MAX (longest_switch, g_array_index (switching, double, i));
  for (guint i = 0; i < typing->len; i++)
    longest_key = MAX (longest_key, g_array_index (typing, double, i));
  for (guint i = 0; i < work->len; i++)
    longest_work = MAX (longest_work, g_array_index (work, double, i));

  printf ("frames while switching sub-criteria and typing (GSK_RENDERER=%s), %u frames\n",
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default", frames->len);
  printf ("  longest frame (before-paint → after-paint): %.1f ms; median %.1f ms (target < 16 ms)\n",
          longest_frame, bench_median ((double *) frames->data, frames->len));
  {
    g_autoptr(GArray) sorted = g_array_copy (frames);
    g_array_sort (sorted, (GCompareFunc) bench_cmp_double);
    printf ("  slowest frames: %.1f, %.1f, %.1f ms; 95th percentile %.1f ms\n",
            g_array_index (sorted, double, sorted->len - 1), g_array_index (sorted, double, sorted->len - 2),
            g_array_index (sorted, double, sorted->len - 3), g_array_index (sorted, double, sorted->len * 95 / 100));
  }
  printf ("  frame after a switch: median %.1f ms; after a key: median %.1f ms; after opening a field: median %.1f ms\n",
          bench_median ((double *) switch_frames->data, switch_frames->len),
          bench_median ((double *) key_frames->data, key_frames->len),
          bench_median ((double *) open_frames->data, open_frames->len));
  printf ("  the action's own work (selection handler, key handler): longest %.1f ms, median %.1f ms\n",
          longest_work, bench_median ((double *) work->data, work->len));
  printf ("  of which switching: median %.1f ms\n", bench_median ((double *) switch_work->data, switch_work->len));
  printf ("  switch to another sub-criterion, until painted: longest %.1f ms, median %.1f ms (%u switches)\n",
          longest_switch, bench_median ((double *) switching->data, switching->len), switching->len);
  printf ("  a key typed into a figure, until painted: longest %.1f ms, median %.1f ms (%u keys)\n",
          longest_key, bench_median ((double *) typing->data, typing->len), typing->len);

  par_writer_flush (par_context_get_writer (par_application_get_context (app)));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
