/* bench-pack-export-cli.c — benchmark "export-pack-cli-vs-pdfunite": what a user runs,
 *
 *   parscore-cli --db DB export-pack --unit 1 --year 2022 -o pack.pdf
 *
 * for a year citing 300 PDFs (3,000 A4 pages, text pages in Vietnamese and JPEG scans), timed
 * as a whole process from outside, next to `pdfunite` of the same 300 files in the same run.
 * The pack does more than pdfunite: it re-hashes every attachment against the store, counts
 * each PDF's pages, draws the cover, contents, summary table, charts, explanations, a
 * separator page per document and the manifest, and adds page numbers, outline and links.
 *
 * Both commands run interleaved (the order alternating), each as a child whose wall time and
 * peak memory (wait4's ru_maxrss) the parent reads; median and min–max are printed beside the
 * targets of issue 11 — time ≤ 0.5× pdfunite's, size ≤ 1.02× its output, peak RSS < 120 MB —
 * with met / not met.
 *
 * The PDFs are made once and shared read-only (bench-pack-inputs.c); each run has a folder of
 * its own (database, attachments, outputs), removed at the end, so two runs never collide.
 *
 *   bench-pack-export-cli PARSCORE-CLI [--files N] [--runs R]   the benchmark (300, 5)
 *   bench-pack-export-cli --make-db DB INPUTS N                  the fixture database (a child)
 *   bench-pack-export-cli --generate-inputs DIR N                the inputs (a child)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-measure.h"
#include "bench-pack-inputs.h"
#include "par-core.h"

#define TARGET_TIME 0.5
#define TARGET_SIZE 1.02
#define TARGET_PEAK_MB 120
#define UNIT_NAME "Ban Quản lý các Khu công nghiệp tỉnh Đồng Nai"

/* ---------------------------------------------------------------- the fixture database (child) */

static gboolean
save_year (ParStore      *store,
           gint64         assessment,
           GPtrArray     *leaves,
           int            year,
           GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      ParEntry *e = par_entry_new (leaf->code);

      if (leaf->rule->type == PAR_RULE_MANUAL)
        {
          e->has_self = TRUE;
          /* a different score each year, on the rule's step */
          e->self = (leaf->max * (year % 2 ? 3 : 2) / 4) / leaf->rule->step * leaf->rule->step;
        }
      e->explanation = g_strdup ("Đơn vị đã triển khai đầy đủ, đúng tiến độ; kết quả được báo "
                                 "cáo định kỳ theo quy định.");
      g_ptr_array_add (entries, e);
    }
  return par_store_save_entries (store, assessment, entries, error);
}

static int
make_db_main (const char *db_path,
              const char *inputs,
              guint       n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  GPtrArray *leaves;
  gint64 fw_row, unit, older, year;

  par_core_init_i18n ();
  if (fw_path == NULL)
    {
      g_printerr ("the sample criteria set was not found (PARSCORE_DATADIR)\n");
      return 1;
    }
  if ((store = par_store_open (db_path, &error)) == NULL ||
      (fw = par_framework_load_file (fw_path, &error)) == NULL ||
      (fw_row = par_store_import_framework (store, fw, &error)) <= 0 ||
      (unit = par_store_add_unit (store, UNIT_NAME, PAR_LEVEL_DEPARTMENT, &error)) <= 0 ||
      (older = par_store_create_assessment (store, unit, 2021, fw_row, &error)) <= 0 ||
      (year = par_store_create_assessment (store, unit, 2022, fw_row, &error)) <= 0)
    goto fail;
  leaves = par_framework_get_leaves (fw);
  if (!save_year (store, older, leaves, 2021, &error) || !save_year (store, year, leaves, 2022, &error))
    goto fail;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u/KH-BQL", i + 1);
      g_autofree char *summary = g_strdup_printf ("Kế hoạch thực hiện nhiệm vụ cải cách hành chính "
                                                  "số %u năm 2022", i + 1);
      g_autofree char *path = bench_pack_input_path (inputs, i);
      ParDocument doc = { 0, "KH", number, "2022-03-15", UNIT_NAME, summary };
      const ParNode *leaf = g_ptr_array_index (leaves, i % leaves->len);
      ParEvidenceLink link = { 0, year, leaf->code, "Mục II", "1-3" };

      if ((link.document_id = par_store_add_document (store, &doc, &error)) <= 0 ||
          par_store_attach_file (store, link.document_id, path, NULL, &error) <= 0 ||
          !par_store_link_evidence (store, &link, &error))
        goto fail;
    }
  return 0;

fail:
  g_printerr ("fixture database: %s\n", error->message);
  return 1;
}

/* ---------------------------------------------------------------- the benchmark (parent) */

typedef struct {
  const char *name;
  double      ms[32];
  long        peak_kb;
} Side;

/* "Wrote …: 3368 pages (368 generated), …" */
static void
read_summary (const char *log_path,
              int        *pages,
              int        *generated)
{
  g_autofree char *out = NULL;
  const char *p;

  *pages = *generated = -1;
  if (!g_file_get_contents (log_path, &out, NULL, NULL) || (p = strstr (out, "pdf: ")) == NULL)
    return;
  sscanf (p, "pdf: %d pages (%d generated)", pages, generated);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self = NULL;
  g_autofree char *inputs = NULL;
  g_autofree char *run_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *out_pack = NULL;
  g_autofree char *out_unite = NULL;
  g_autoptr(GPtrArray) unite = g_ptr_array_new_with_free_func (g_free);
  const char *cli;
  guint n_files = 300, runs = 5;
  Side pack = { "parscore-cli export-pack" }, peer = { "pdfunite" };
  int pack_pages = -1, generated = -1, unite_pages;
  guint64 input_bytes = 0, size_pack, size_unite;
  long self_kb;
  gboolean met;

  if (argc >= 5 && strcmp (argv[1], "--make-db") == 0)
    return make_db_main (argv[2], argv[3], (guint) atoi (argv[4]));
  if (argc >= 4 && strcmp (argv[1], "--generate-inputs") == 0)
    return bench_pack_inputs_generate (argv[2], (guint) atoi (argv[3]));
  if (argc < 2)
    {
      g_printerr ("usage: bench-pack-export-cli PARSCORE-CLI [--files N] [--runs R]\n");
      return 2;
    }
  cli = argv[1];
  for (int i = 2; i + 1 < argc; i += 2)
    {
      if (strcmp (argv[i], "--files") == 0)
        n_files = (guint) MAX (atoi (argv[i + 1]), 3);
      else if (strcmp (argv[i], "--runs") == 0)
        runs = (guint) CLAMP (atoi (argv[i + 1]), 1, 31);
    }

  self = g_canonicalize_filename (argv[0], NULL);
  if ((inputs = bench_pack_inputs (self, n_files)) == NULL ||
      (run_dir = bench_make_run_dir ("parscore-bench-export-pack")) == NULL)
    return 1;
  db_path = g_build_filename (run_dir, "parscore.db", NULL);
  log_path = g_build_filename (run_dir, "child-output.txt", NULL);
  out_pack = g_build_filename (run_dir, "pack.pdf", NULL);
  out_unite = g_build_filename (run_dir, "pdfunite.pdf", NULL);
  {
    g_autofree char *n = g_strdup_printf ("%u", n_files);
    char *make_argv[] = { self, "--make-db", db_path, inputs, n, NULL };
    BenchRun made;

    if (!bench_run_measured (make_argv, log_path, &made))
      {
        g_printerr ("the fixture database could not be made (see %s.err)\n", log_path);
        return 1;
      }
  }

  g_ptr_array_add (unite, g_strdup ("pdfunite"));
  for (guint i = 0; i < n_files; i++)
    {
      char *p = bench_pack_input_path (inputs, i);

      input_bytes += bench_file_size (p);
      g_ptr_array_add (unite, p);
    }
  g_ptr_array_add (unite, g_strdup (out_unite));
  g_ptr_array_add (unite, NULL);

  printf ("export-pack-cli-vs-pdfunite: %u PDFs, %.0f MB, %u interleaved runs (folder %s)\n",
          n_files, input_bytes / 1048576.0, runs, run_dir);
  fflush (stdout);
  for (guint r = 0; r < runs; r++)
    {
      char *pack_argv[] = { (char *) cli, "--db", db_path, "export-pack", "--unit", "1",
                            "--year", "2022", "-o", out_pack, "--quiet", NULL };

      /* the order alternates, so that a drift of the machine falls on both sides */
      for (guint k = 0; k < 2; k++)
        {
          gboolean ours = (r + k) % 2 == 1;
          Side *side = ours ? &pack : &peer;
          BenchRun run;

          if (!bench_run_measured (ours ? pack_argv : (char **) unite->pdata, log_path, &run))
            {
              g_printerr ("%s failed (see %s.err)\n", side->name, log_path);
              bench_remove_tree (run_dir);
              return 1;
            }
          side->ms[r] = run.ms;
          side->peak_kb = MAX (side->peak_kb, run.peak_kb);
          if (ours)
            read_summary (log_path, &pack_pages, &generated);
        }
    }

  size_pack = bench_file_size (out_pack);
  size_unite = bench_file_size (out_unite);
  self_kb = bench_self_peak_kb ();   /* before counting pages, which reads a PDF here */
  unite_pages = bench_count_pages (out_unite);
  {
    BenchStats t = bench_stats (pack.ms, runs), u = bench_stats (peer.ms, runs);
    double time_ratio = t.median / u.median, size_ratio = (double) size_pack / size_unite;
    gboolean time_met = time_ratio <= TARGET_TIME, size_met = size_ratio <= TARGET_SIZE;
    gboolean peak_met = pack.peak_kb < TARGET_PEAK_MB * 1024;

    printf ("  pdfunite                  %7.2f s [%.2f–%.2f]   %7.1f MB   peak %4ld MB\n",
            u.median / 1000, u.min / 1000, u.max / 1000, size_unite / 1048576.0, peer.peak_kb / 1024);
    printf ("  parscore-cli export-pack  %7.2f s [%.2f–%.2f]   %7.1f MB   peak %4ld MB\n",
            t.median / 1000, t.min / 1000, t.max / 1000, size_pack / 1048576.0, pack.peak_kb / 1024);
    printf ("pages       %d = %d of the documents + %d drawn by Parscore\n", pack_pages, unite_pages,
            generated);
    printf ("time        %.3f× pdfunite   target ≤ %.1f×: %s\n", time_ratio, TARGET_TIME,
            bench_verdict (time_met));
    printf ("size        %.3f× pdfunite   target ≤ %.2f×: %s\n", size_ratio, TARGET_SIZE,
            bench_verdict (size_met));
    printf ("peak RSS    %ld MB (pdfunite %ld MB; this program %ld MB)   target < %d MB: %s\n",
            pack.peak_kb / 1024, peer.peak_kb / 1024, self_kb / 1024, TARGET_PEAK_MB,
            bench_verdict (peak_met));
    met = time_met && size_met && peak_met && pack_pages == unite_pages + generated;
  }
  bench_remove_tree (run_dir);
  return met ? 0 : 1;
}
