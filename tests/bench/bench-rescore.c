/* bench-rescore.c — re-score 100 units × 10 years × 100 sub-criteria from the store (issue 11).
 *
 * What a user waits for: `parscore-cli score --all-units --all-years` on that database, timed as a
 * whole process by the parent (bench-measure: wall time and peak RSS from wait4), next to its
 * peer doing the same reading job as a whole process — `sqlite3 -readonly DB "SELECT * FROM
 * entries"`, the same rows printed, nothing scored. Interleaved, median and min–max.
 * Target: < 50 ms. The same in-process (par_store_score_assessment () over every year, against
 * a bare prepared query reading every column of the same rows) says how much of it is the
 * per-entry work beyond reading the rows.
 *   bench-rescore PATH-TO-parscore-cli [PATH-TO-sqlite3]
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-measure.h"
#include "bench-util.h"
#include "par-core.h"

#define UNITS 100
#define YEARS 10
#define RUNS 7
#define TARGET_MS 50.0

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

static void
fill (ParStore     *store,
      ParFramework *fw,
      GArray       *ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  gint64 fw_row = par_store_import_framework (store, fw, &error);
  GPtrArray *leaves = par_framework_get_leaves (fw);

  g_assert_no_error (error);
  for (int u = 0; u < UNITS; u++)
    {
      g_autofree char *name = g_strdup_printf ("Đơn vị %03d", u);
      gint64 unit = par_store_add_unit (store, name, PAR_LEVEL_DEPARTMENT, &error);
      g_assert_no_error (error);
      for (int y = 0; y < YEARS; y++)
        {
          g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
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
}

/* In process: every year scored from the store; the checksum keeps the work honest. */
static double
rescore_in_process (ParStore *store,
                    GArray   *ids,
                    ParPoints *checksum)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();

  *checksum = 0;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(ParResult) result = par_store_score_assessment (store, g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
      *checksum += par_result_get_total (result, NULL)->final_total;
    }
  return (g_get_monotonic_time () - t0) / 1000.0;
}

/* In process, the peer: the same rows read with a bare query per assessment (every column
 * read in the type it is stored in, as the store reads it — asking an integer column for its
 * bytes would convert it to text, work the store never does), on a connection opened as the
 * store opens its own (no mutex), nothing parsed or scored. */
static double
read_in_process (const char *path,
                 GArray     *ids)
{
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 rows = 0;
  gint64 t0;
  double ms;

  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
            == SQLITE_OK);
  t0 = g_get_monotonic_time ();
  g_assert (sqlite3_prepare_v2 (db, "SELECT * FROM entries WHERE assessment_id = ?1",
                                -1, &stmt, NULL) == SQLITE_OK);
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 touched = 0;

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            switch (sqlite3_column_type (stmt, c))
              {
              case SQLITE_INTEGER:
                touched += sqlite3_column_int64 (stmt, c);
                break;
              case SQLITE_FLOAT:
                touched += (gint64) sqlite3_column_double (stmt, c);
                break;
              case SQLITE_TEXT:
                touched += sqlite3_column_text (stmt, c)[0];
                break;
              case SQLITE_BLOB:
                touched += sqlite3_column_bytes (stmt, c);
                break;
              default:
                break;
              }
          rows += touched != G_MININT64;
        }
      sqlite3_reset (stmt);
    }
  ms = (g_get_monotonic_time () - t0) / 1000.0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (rows, >=, UNITS * YEARS * 100);
  return ms;
}

static void
print_line (const char *what,
            double     *values,
            guint       n,
            long        peak_kb)
{
  BenchStats st = bench_stats (values, n);

  if (peak_kb > 0)
    printf ("  %-58s %7.1f ms  (%.1f–%.1f)  peak %ld KB\n", what, st.median, st.min, st.max, peak_kb);
  else
    printf ("  %-58s %7.1f ms  (%.1f–%.1f)\n", what, st.median, st.min, st.max);
}

/* The modes the parent runs this program in, so that the parent itself stays small (a child's
 * peak RSS starts from its parent's): "--fill DB" makes the database, "--in-process DB" times
 * the in-process pair once and prints "ours=MS peer=MS checksum=N". */
static int
child_main (const char *mode,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (path, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  if (g_str_equal (mode, "--fill"))
    {
      g_autoptr(GBytes) bytes = make_set ();
      g_autoptr(ParFramework) fw = par_framework_load_bytes (bytes, "bench-100.xml", &error);
      g_assert_no_error (error);
      fill (store, fw, ids);
      return 0;
    }
  else
    {
      g_autoptr(GPtrArray) years = par_store_list_assessments (store, 0, &error);
      ParPoints checksum = 0;
      double ours, peer;

      g_assert_no_error (error);
      for (guint i = 0; i < years->len; i++)
        g_array_append_val (ids, ((ParAssessment *) g_ptr_array_index (years, i))->id);
      g_assert_cmpuint (ids->len, ==, UNITS * YEARS);
      ours = rescore_in_process (store, ids, &checksum);
      peer = read_in_process (path, ids);
      printf ("ours=%.3f peer=%.3f checksum=%" G_GINT64_FORMAT "\n", ours, peer, checksum);
      return 0;
    }
}

static void
read_in_process_line (const char *out_path,
                      double     *ours,
                      double     *peer,
                      gint64     *checksum)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (out_path, &text, NULL, NULL));
  g_assert_cmpint (sscanf (text, "ours=%lf peer=%lf checksum=%" G_GINT64_FORMAT, ours, peer,
                           checksum), ==, 3);
}

int
main (int argc, char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out_ours = NULL;
  g_autofree char *out_peer = NULL;
  g_autofree char *out_in = NULL;
  g_autofree char *self = NULL;
  const char *cli = argc > 1 ? argv[1] : "parscore-cli";
  const char *sqlite = argc > 2 ? argv[2] : "sqlite3";
  double ours[RUNS], peer[RUNS], ours_in[RUNS], peer_in[RUNS];
  long ours_kb = 0, peer_kb = 0;
  gint64 first_checksum = -1;
  BenchRun run;

  if (argc == 3 && g_str_has_prefix (argv[1], "--"))
    return child_main (argv[1], argv[2]);

  dir = bench_make_run_dir ("parscore-bench-rescore");
  path = g_build_filename (dir, "bench.db", NULL);
  out_ours = g_build_filename (dir, "score.txt", NULL);
  out_peer = g_build_filename (dir, "rows.txt", NULL);
  out_in = g_build_filename (dir, "in-process.txt", NULL);
  self = g_file_read_link ("/proc/self/exe", NULL);
  {
    char *fill_argv[] = { self, (char *) "--fill", path, NULL };
    char *ours_argv[] = { (char *) cli, (char *) "--db", path, (char *) "score", (char *) "--all-units",
                          (char *) "--all-years", NULL };
    char *peer_argv[] = { (char *) sqlite, (char *) "-readonly", path,
                          (char *) "SELECT * FROM entries", NULL };
    char *in_argv[] = { self, (char *) "--in-process", path, NULL };

    if (!bench_run_measured (fill_argv, out_in, &run))
      g_error ("filling %s failed", path);
    printf ("filled %d assessments × 100 sub-criteria in %.1f s\n", UNITS * YEARS, run.ms / 1000);

    /* One unmeasured run of each: the database in the page cache for both. */
    if (!bench_run_measured (ours_argv, out_ours, &run) || !bench_run_measured (peer_argv, out_peer, &run))
      g_error ("%s or %s failed on %s", cli, sqlite, path);
    g_assert_cmpuint (bench_file_size (out_peer), >, 0);

    for (int r = 0; r < RUNS; r++)
      {
        gint64 checksum;

        g_assert_true (bench_run_measured (ours_argv, out_ours, &run));
        ours[r] = run.ms;
        ours_kb = MAX (ours_kb, run.peak_kb);
        g_assert_true (bench_run_measured (peer_argv, out_peer, &run));
        peer[r] = run.ms;
        peer_kb = MAX (peer_kb, run.peak_kb);
        g_assert_true (bench_run_measured (in_argv, out_in, &run));
        read_in_process_line (out_in, &ours_in[r], &peer_in[r], &checksum);
        if (first_checksum < 0)
          first_checksum = checksum;
        g_assert_cmpint (checksum, ==, first_checksum);
      }
  }

  printf ("re-score %d units × %d years × 100 sub-criteria (median of %d interleaved runs, min–max):\n",
          UNITS, YEARS, RUNS);
  print_line ("parscore-cli score --all-units --all-years (whole process)", ours, RUNS, ours_kb);
  print_line ("peer: sqlite3 -readonly DB 'SELECT * FROM entries'", peer, RUNS, peer_kb);
  print_line ("in process: par_store_score_assessment × 1000", ours_in, RUNS, 0);
  print_line ("in process peer: bare query, the same rows", peer_in, RUNS, 0);
  {
    BenchStats o = bench_stats (ours, RUNS), p = bench_stats (peer, RUNS);
    BenchStats oi = bench_stats (ours_in, RUNS), pi = bench_stats (peer_in, RUNS);

    printf ("whole process: %.1f ms, %.2f× the peer; target < %.0f ms: %s\n", o.median,
            o.median / p.median, TARGET_MS, bench_verdict (o.median < TARGET_MS));
    printf ("in process: %.1f ms, %.2f× the bare read; target < %.0f ms: %s\n", oi.median,
            oi.median / pi.median, TARGET_MS, bench_verdict (oi.median < TARGET_MS));
    /* The rows bench-table.py puts in issue 11's table. */
    printf ("table|re-score %d units × %d years × 100 sub-criteria: parscore-cli score, whole "
            "process|sqlite3 reading the same rows, whole process (%.1f ms)|%.1f ms (%.2f×)|"
            "< %.0f ms|%s\n", UNITS, YEARS, p.median, o.median, o.median / p.median, TARGET_MS,
            o.median < TARGET_MS ? "met" : "not met");
    printf ("table|re-score %d units × %d years × 100 sub-criteria: in process|the bare query of "
            "the same rows, in process (%.1f ms)|%.1f ms (%.2f×)|< %.0f ms|%s\n", UNITS, YEARS,
            pi.median, oi.median, oi.median / pi.median, TARGET_MS,
            oi.median < TARGET_MS ? "met" : "not met");
  }
  printf ("(this process's own peak, the floor of a child's: %ld KB)\n", bench_self_peak_kb ());
  bench_remove_tree (dir);
  return 0;
}
