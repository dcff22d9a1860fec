/* bench-rescore.c — re-score 100 units × 10 years × 100 sub-criteria from the store.
 * Target: under 100 ms on the 2-core machine. Peer: reading the same rows with a bare
 * sqlite3 query (no scoring at all), in the same run — the floor any store-backed scorer pays.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-util.h"
#include "par-core.h"

#define UNITS 100
#define YEARS 10
#define RUNS 7

static GBytes *
make_set (void)
{
  GString *x = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" id=\"bench-100\" max=\"100\">\n"
    "<title>Đo hiệu năng chấm điểm</title>\n"
    "<decision number=\"1/QĐ-UBND\" issuer=\"UBND tỉnh\">x</decision><years from=\"2015\" to=\"2030\"/>\n"
    "<level>department</level><bands><band name=\"Tốt\" from=\"80\"/><band name=\"Yếu\" from=\"0\"/></bands>\n");

  /* 4 fields × 5 criteria × 5 subs = 100 sub-criteria, a mix of computing rules. */
  for (int f = 1; f <= 4; f++)
    {
      g_string_append_printf (x, "<field code=\"%d\" max=\"25\"><title>Lĩnh vực %d</title>\n", f, f);
      for (int c = 1; c <= 5; c++)
        {
          g_string_append_printf (x, "<criterion code=\"%d.%d\" max=\"5\"><title>Tiêu chí</title>\n", f, c);
          for (int s = 1; s <= 5; s++)
            {
              g_string_append_printf (x, "<sub code=\"%d.%d.%d\" max=\"1\"><title>TCTP</title>", f, c, s);
              if (s % 3 == 0)
                g_string_append (x, "<inputs><input id=\"a\" type=\"integer\" label=\"a\"/><input id=\"b\" type=\"integer\" label=\"b\"/></inputs>"
                                    "<rule type=\"proportional\" numerator=\"a\" denominator=\"b\" floor-from=\"50\"/>");
              else if (s % 3 == 1)
                g_string_append (x, "<inputs><input id=\"a\" type=\"integer\" label=\"a\"/><input id=\"b\" type=\"integer\" label=\"b\"/></inputs>"
                                    "<rule type=\"ratio-tiers\" numerator=\"a\" denominator=\"b\"><tier above=\"90\" points=\"1\"/><tier from=\"70\" points=\"0.5\"/></rule>");
              else
                g_string_append (x, "<inputs><input id=\"n\" type=\"integer\" label=\"n\"/></inputs>"
                                    "<rule type=\"count-tiers\" input=\"n\"><tier from=\"4\" points=\"1\"/><tier from=\"2\" points=\"0.5\"/></rule>");
              g_string_append (x, "</sub>\n");
            }
          g_string_append (x, "</criterion>\n");
        }
      g_string_append (x, "</field>\n");
    }
  g_string_append (x, "</criteria-set>\n");
  return g_string_free_to_bytes (x);
}

int
main (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_set ();
  g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "bench-100.xml", &error);
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  double ours[RUNS], peer[RUNS];
  gint64 fw_row, t_fill;
  ParPoints checksum = 0, first_checksum = -1;

  g_assert_no_error (error);
  store = par_store_open (path, &error);
  g_assert_no_error (error);
  fw_row = par_store_import_framework (store, fw, &error);
  g_assert_no_error (error);

  t_fill = g_get_monotonic_time ();
  for (int u = 0; u < UNITS; u++)
    {
      g_autofree char *name = g_strdup_printf ("Đơn vị %03d", u);
      gint64 unit = par_store_add_unit (store, name, PAR_LEVEL_DEPARTMENT, &error);
      g_assert_no_error (error);
      for (int y = 0; y < YEARS; y++)
        {
          g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
          GPtrArray *leaves = par_framework_get_leaves (fw);
          gint64 a = par_store_create_assessment (store, unit, 2015 + y, fw_row, &error);
          g_assert_no_error (error);
          g_array_append_val (ids, a);
          for (guint i = 0; i < leaves->len; i++)
            {
              const ParNode *leaf = g_ptr_array_index (leaves, i);
              ParEntry *e = par_entry_new (leaf->code);
              int b = g_rand_int_range (rand, 10, 5000);
              g_autofree char *sa = g_strdup_printf ("%d", g_rand_int_range (rand, b / 2, b + 1));
              g_autofree char *sb = g_strdup_printf ("%d", b);
              g_autofree char *sn = g_strdup_printf ("%d", g_rand_int_range (rand, 0, 6));
              if (par_node_find_input (leaf, "n") != NULL)
                par_entry_set_input (e, "n", sn);
              else
                {
                  par_entry_set_input (e, "a", sa);
                  par_entry_set_input (e, "b", sb);
                }
              g_ptr_array_add (entries, e);
            }
          par_store_save_entries (store, a, entries, &error);
          g_assert_no_error (error);
        }
    }
  printf ("filled %d assessments × 100 sub-criteria in %.1f s\n", UNITS * YEARS,
          (g_get_monotonic_time () - t_fill) / 1e6);

  for (int r = 0; r < RUNS; r++)
    {
      gint64 t0 = g_get_monotonic_time ();
      sqlite3 *db;
      sqlite3_stmt *stmt;
      gint64 rows = 0;

      checksum = 0;
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(ParResult) result = par_store_score_assessment (store, g_array_index (ids, gint64, i), &error);
          g_assert_no_error (error);
          checksum += par_result_get_total (result, NULL)->final_total;
        }
      ours[r] = (g_get_monotonic_time () - t0) / 1000.0;
      if (first_checksum < 0)
        first_checksum = checksum;
      g_assert_cmpint (checksum, ==, first_checksum);

      /* Peer: the same rows read with a bare query per assessment (every column touched),
       nothing parsed or scored. */
      g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
      t0 = g_get_monotonic_time ();
      g_assert (sqlite3_prepare_v2 (db, "SELECT * FROM entries WHERE assessment_id = ?1",
                                    -1, &stmt, NULL) == SQLITE_OK);
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          while (sqlite3_step (stmt) == SQLITE_ROW)
            for (int c = 0; c < sqlite3_column_count (stmt); c++)
              rows += sqlite3_column_bytes (stmt, c) >= 0 && c == 0;
          sqlite3_reset (stmt);
        }
      peer[r] = (g_get_monotonic_time () - t0) / 1000.0;
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpint (rows, >=, UNITS * YEARS * 100);
    }

  {
    double o = bench_median (ours, RUNS), p = bench_median (peer, RUNS);
    printf ("re-score %d units × %d years × 100 sub-criteria from the store: %.1f ms (median of %d; target < 100 ms)\n",
            UNITS, YEARS, o, RUNS);
    printf ("peer, bare sqlite3 read of the same rows: %.1f ms\n", p);
    printf ("ratio: %.2fx the bare read\n", o / p);
  }
  g_clear_object (&store);
  {
    const char *suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
        g_unlink (f);
      }
    g_autofree char *att = g_strconcat (path, ".attachments", NULL);
    g_rmdir (att);
    g_rmdir (dir);
  }
  return 0;
}
