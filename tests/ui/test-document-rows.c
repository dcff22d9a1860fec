/* test-document-rows.c — the document list both document choosers show (the evidence list's
 * link dialog, a register row's link chooser): the store's search with diacritics folded, the
 * year's documents first, the cut, and how a document reads as a row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "par-core.h"
#include "par-document-rows.h"
#include "par-test-util.h"

typedef struct {
  char       *dir;
  ParStore   *store;
  GtkListBox *box;
  gint64      decision;   /* 15/QĐ-UBND, 10/01/2023 */
  gint64      report;     /* 12/BC-KCN, 30/06/2023 */
  gint64      plan;       /* 7/KH-SNV, undated */
} Fixture;

static gint64
add (Fixture    *f,
     const char *number,
     const char *date,
     const char *issuer,
     const char *summary)
{
  ParDocument document = { 0, (char *) "BC", (char *) number, (char *) date, (char *) issuer,
                           (char *) summary };
  g_autoptr(GError) error = NULL;
  gint64 id = par_store_add_document (f->store, &document, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("parscore-document-rows-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = par_store_open (path, &error);
  g_assert_no_error (error);
  f->plan = add (f, "7/KH-SNV", NULL, NULL, "Kế hoạch cải cách hành chính");
  f->report = add (f, "12/BC-KCN", "2023-06-30", NULL, "Báo cáo sơ kết 6 tháng");
  f->decision = add (f, "15/QĐ-UBND", "2023-01-10", "UBND tỉnh", "Quyết định ban hành kế hoạch");
  f->box = GTK_LIST_BOX (g_object_ref_sink (gtk_list_box_new ()));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->box);
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
n_rows (Fixture *f)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (f->box, (int) n) != NULL)
    n++;
  return n;
}

static gint64
id_at (Fixture *f,
       int      index)
{
  return par_document_row_get_id (gtk_list_box_get_row_at_index (f->box, index));
}

static int
fill (Fixture    *f,
      const char *search,
      GHashTable *first)
{
  g_autoptr(GError) error = NULL;
  int shown = par_document_rows_fill (f->box, f->store, search, first, NULL, NULL, &error);

  g_assert_no_error (error);
  return shown;
}

static GHashTable *
id_set (gint64 a,
        gint64 b)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_hash_table_add (set, g_memdup2 (&a, sizeof a));
  if (b > 0)
    g_hash_table_add (set, g_memdup2 (&b, sizeof b));
  return set;
}

/* The search finds a document by its number typed without diacritics or capitals; a row reads
 * "number · date" over "summary — issuer"; no search lists them all, by issue date, undated
 * last; a search that finds nothing empties the list. */
static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  AdwActionRow *row;

  g_assert_cmpint (fill (f, "qd-ubnd", NULL), ==, 1);
  g_assert_cmpuint (n_rows (f), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (f->box, 0));
  g_assert_cmpint (par_document_row_get_id (GTK_LIST_BOX_ROW (row)), ==, f->decision);
  g_assert_false (par_document_row_is_first (GTK_LIST_BOX_ROW (row)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "15/QĐ-UBND · 10/01/2023");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "Quyết định ban hành kế hoạch — UBND tỉnh");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

  /* The summary is searched too, folded the same way. */
  g_assert_cmpint (fill (f, "KE HOACH", NULL), ==, 2);
  g_assert_cmpint (id_at (f, 0), ==, f->decision);
  g_assert_cmpint (id_at (f, 1), ==, f->plan);

  g_assert_cmpint (fill (f, "", NULL), ==, 3);
  g_assert_cmpint (id_at (f, 0), ==, f->decision);
  g_assert_cmpint (id_at (f, 1), ==, f->report);
  g_assert_cmpint (id_at (f, 2), ==, f->plan);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (f->box, 2));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "7/KH-SNV");

  g_assert_cmpint (fill (f, "không có", NULL), ==, 0);
  g_assert_cmpuint (n_rows (f), ==, 0);
}

static void
count_first (AdwActionRow      *row,
             const ParDocument *document,
             gboolean           first,
             gpointer           data)
{
  guint *counts = data;

  g_assert_cmpint (par_document_row_get_id (GTK_LIST_BOX_ROW (row)), ==, document->id);
  counts[first ? 0 : 1]++;
  if (first)
    adw_action_row_add_suffix (row, gtk_label_new ("this year"));
}

/* The year's documents come first, each group in the store's order, and say so; the search
 * narrows both groups. */
static void
test_first (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GHashTable) year = id_set (f->plan, f->report);
  g_autoptr(GError) error = NULL;
  guint counts[2] = { 0, 0 };

  g_assert_cmpint (par_document_rows_fill (f->box, f->store, NULL, year, count_first, counts, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[1], ==, 1);
  g_assert_cmpint (id_at (f, 0), ==, f->report);
  g_assert_cmpint (id_at (f, 1), ==, f->plan);
  g_assert_cmpint (id_at (f, 2), ==, f->decision);
  g_assert_true (par_document_row_is_first (gtk_list_box_get_row_at_index (f->box, 0)));
  g_assert_true (par_document_row_is_first (gtk_list_box_get_row_at_index (f->box, 1)));
  g_assert_false (par_document_row_is_first (gtk_list_box_get_row_at_index (f->box, 2)));

  g_assert_cmpint (fill (f, "hanh", year), ==, 2);
  g_assert_cmpint (id_at (f, 0), ==, f->plan);
  g_assert_cmpint (id_at (f, 1), ==, f->decision);
}

/* A long list is cut at PAR_DOCUMENT_ROWS_MAX, and the year's documents are never the ones cut. */
static void
test_cut (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GHashTable) year = NULL;
  gint64 last = 0;

  for (guint i = 0; i < PAR_DOCUMENT_ROWS_MAX + 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u/CV-VP", i + 1);

      last = add (f, number, "2024-12-31", NULL, NULL);
    }
  g_assert_cmpint (fill (f, NULL, NULL), ==, PAR_DOCUMENT_ROWS_MAX);
  g_assert_cmpuint (n_rows (f), ==, PAR_DOCUMENT_ROWS_MAX);
  g_assert_cmpint (id_at (f, 0), ==, f->decision);

  year = id_set (last, 0);
  g_assert_cmpint (fill (f, NULL, year), ==, PAR_DOCUMENT_ROWS_MAX);
  g_assert_cmpint (id_at (f, 0), ==, last);
  g_assert_cmpint (id_at (f, 1), ==, f->decision);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/document-rows/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/document-rows/first", Fixture, NULL, fixture_setup, test_first, fixture_teardown);
  g_test_add ("/document-rows/cut", Fixture, NULL, fixture_setup, test_cut, fixture_teardown);
  return g_test_run ();
}
