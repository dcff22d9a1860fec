/* bench-pack.c — a whole evidence pack for 300 attached PDFs (3,000 pages, text pages in
 * Vietnamese and JPEG scans), next to `pdfunite` of the same 300 files in the same run.
 *
 * The pack does more than pdfunite: it re-hashes every attachment against the store, opens
 * each PDF to count its pages, draws the cover, contents, summary table, charts, explanations,
 * a separator page per document and the manifest, and adds page numbers, outline and links.
 *
 * Targets: time ≤ 2× pdfunite, size ≤ 1.25× pdfunite's output, peak RSS < 300 MB and flat from
 * 100 to 300 documents. Each pack runs in a child process (this program with --pack) so its
 * peak RSS is its own.
 *
 * The PDFs are those of bench-pack-merge (its generator is run, and its files reused, from
 * $PARSCORE_BENCH_DIR or $TMPDIR/parscore-bench-pack); the fixture database beside them is
 * made here through the public store API, once, and reused by later runs.
 *
 *   bench-pack BENCH-PACK-MERGE [--files N]     the benchmark (N defaults to 300)
 *   bench-pack --pack DB UNIT OUT                one pack, for the benchmark's children
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-measure.h"
#include "bench-util.h"
#include "par-core.h"
#include "par-pack.h"
#include "par-pdf-writer.h"

extern char **environ;

#define DB_VERSION "1"   /* bump when the fixture database changes */

static const guint steps[] = { 100, 200, 300 };

/* ---------------------------------------------------------------- the fixture database */

static gboolean
make_database (const char *dir,
               const char *db_path,
               guint       n_files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) fw = NULL;
  g_autofree char *fw_path = par_data_find ("frameworks/sample-department.xml");
  g_autofree char *stamp = g_strdup_printf ("%s.stamp", db_path);
  g_autofree char *want = g_strdup_printf ("%s %u", DB_VERSION, n_files);
  g_autofree char *have = NULL;
  g_autofree char *attachments = g_strdup_printf ("%s.attachments", db_path);
  GPtrArray *leaves;
  gint64 fw_row, assessments[G_N_ELEMENTS (steps)];
  gint64 t0 = g_get_monotonic_time ();

  if (g_file_get_contents (stamp, &have, NULL, NULL) && g_strcmp0 (have, want) == 0)
    return TRUE;
  g_printerr ("making the fixture database (%u documents)...\n", n_files);
  {
    /* start afresh: the database and its attachments folder */
    char *argv[] = { "rm", "-rf", (char *) db_path, attachments, NULL };
    g_autofree char *wal = g_strdup_printf ("%s-wal", db_path);
    g_autofree char *shm = g_strdup_printf ("%s-shm", db_path);

    g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  if ((store = par_store_open (db_path, &error)) == NULL ||
      fw_path == NULL ||
      (fw = par_framework_load_file (fw_path, &error)) == NULL ||
      (fw_row = par_store_import_framework (store, fw, &error)) <= 0)
    goto fail;
  leaves = par_framework_get_leaves (fw);

  /* one unit per step, each citing the first N documents */
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      g_autofree char *name = g_strdup_printf ("Ban Quản lý các Khu công nghiệp — %u tài liệu",
                                               steps[s] * n_files / 300);
      gint64 unit = par_store_add_unit (store, name, PAR_LEVEL_DEPARTMENT, &error);
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

      if (unit <= 0 ||
          (assessments[s] = par_store_create_assessment (store, unit, 2022, fw_row, &error)) <= 0)
        goto fail;
      for (guint i = 0; i < leaves->len; i++)
        {
          const ParNode *leaf = g_ptr_array_index (leaves, i);
          ParEntry *e = par_entry_new (leaf->code);

          if (leaf->rule->type == PAR_RULE_MANUAL)
            {
              e->has_self = TRUE;
              e->self = leaf->max / 2 / leaf->rule->step * leaf->rule->step;
            }
          e->explanation = g_strdup ("Đơn vị đã triển khai đầy đủ, đúng tiến độ; kết quả được "
                                     "báo cáo định kỳ theo quy định.");
          g_ptr_array_add (entries, e);
        }
      if (!par_store_save_entries (store, assessments[s], entries, &error))
        goto fail;
    }

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u/KH-BQL", i + 1);
      g_autofree char *summary = g_strdup_printf ("Kế hoạch thực hiện nhiệm vụ cải cách hành "
                                                  "chính số %u năm 2022", i + 1);
      g_autofree char *path = g_strdup_printf ("%s/doc-%03u.pdf", dir, i);
      ParDocument doc = { 0, "KH", number, "2022-03-15", "Ban Quản lý các Khu công nghiệp",
                          summary };
      const ParNode *leaf = g_ptr_array_index (leaves, i % leaves->len);
      gint64 id = par_store_add_document (store, &doc, &error);

      if (id <= 0 || par_store_attach_file (store, id, path, NULL, &error) <= 0)
        goto fail;
      for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
        {
          ParEvidenceLink link = { id, assessments[s], leaf->code, "Mục II", "1-3" };

          if (i < steps[s] * n_files / 300 && !par_store_link_evidence (store, &link, &error))
            goto fail;
        }
    }
  g_file_set_contents (stamp, want, -1, NULL);
  g_printerr ("made in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;

fail:
  g_printerr ("fixture database: %s\n", error != NULL ? error->message : "sample set not found");
  return FALSE;
}

/* ---------------------------------------------------------------- one pack (child) */

static long
vm_hwm_kb (long fallback)
{
  g_autofree char *status = NULL;
  const char *p;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL)
      && (p = strstr (status, "VmHWM:")) != NULL)
    return atol (p + strlen ("VmHWM:"));
  return fallback;
}

static int
pack_main (const char *db_path,
           guint       step,
           const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (db_path, &error);
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(ParPackReport) report = NULL;
  ParAssessment *a;
  struct rusage ru;

  if (store == NULL || (assessments = par_store_list_assessments (store, 0, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* the unit whose name ends with the step's number of documents */
  {
    gint64 want_unit = -1;
    g_autoptr(GPtrArray) units = par_store_list_units (store, &error);
    g_autofree char *suffix = g_strdup_printf ("— %u tài liệu", step);

    for (guint i = 0; units != NULL && i < units->len; i++)
      {
        ParUnit *u = g_ptr_array_index (units, i);
        if (g_str_has_suffix (u->name, suffix))
          want_unit = u->id;
      }
    a = NULL;
    for (guint i = 0; i < assessments->len; i++)
      if (((ParAssessment *) g_ptr_array_index (assessments, i))->unit_id == want_unit)
        a = g_ptr_array_index (assessments, i);
    if (a == NULL)
      {
        g_printerr ("no unit with %u documents\n", step);
        return 1;
      }
  }
  if (!par_pack_export (store, a->id, out_path, NULL, NULL, NULL, NULL, &report, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  getrusage (RUSAGE_SELF, &ru);
  printf ("docs=%u pages=%u generated=%u problems=%u peak_kb=%ld\n", report->n_documents,
          report->n_pages, report->n_generated_pages, report->n_problems, vm_hwm_kb (ru.ru_maxrss));
  return report->n_problems == 0 ? 0 : 1;
}

/* ---------------------------------------------------------------- the benchmark (parent) */





int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *self = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *log_path = NULL;
  const char *generator;
  guint n_files = 300;
  long peak_pack[3] = { 0 }, peak_unite[3] = { 0 };
  double ms_pack[3] = { 0 }, ms_unite[3] = { 0 };
  guint64 size_pack = 0, size_unite = 0;
  int pages_pack = 0, pages_unite = 0;
  guint generated = 0;
  gboolean pass;

  if (argc >= 5 && strcmp (argv[1], "--pack") == 0)
    return pack_main (argv[2], (guint) atoi (argv[3]), argv[4]);
  if (argc < 2)
    {
      g_printerr ("usage: bench-pack BENCH-PACK-MERGE [--files N]\n");
      return 2;
    }
  generator = argv[1];
  if (argc >= 4 && strcmp (argv[2], "--files") == 0)
    n_files = (guint) MAX (atoi (argv[3]), 3);

  if (g_getenv ("PARSCORE_BENCH_DIR") != NULL)
    dir = g_strdup (g_getenv ("PARSCORE_BENCH_DIR"));
  else
    dir = g_build_filename (g_get_tmp_dir (), "parscore-bench-pack", NULL);
  self = g_canonicalize_filename (argv[0], NULL);
  db_path = g_build_filename (dir, "pack-fixture.db", NULL);
  log_path = g_build_filename (dir, "child-output-pack.txt", NULL);
  {
    /* the same inputs as bench-pack-merge, made by its generator (reused when present) */
    g_autofree char *n = g_strdup_printf ("%u", n_files);
    char *gen_argv[] = { (char *) generator, "--generate", dir, n, NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, gen_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                       NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
      return 1;
  }
  if (!make_database (dir, db_path, n_files))
    return 1;

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint n = steps[s] * n_files / 300;
      g_autofree char *step = g_strdup_printf ("%u", n);
      g_autofree char *out_pack = g_strdup_printf ("%s/out-pack-%u.pdf", dir, n);
      g_autofree char *out_unite = g_strdup_printf ("%s/out-pdfunite-pack-%u.pdf", dir, n);
      g_autoptr(GPtrArray) unite = g_ptr_array_new_with_free_func (g_free);
      guint runs = s == G_N_ELEMENTS (steps) - 1 ? 3 : 1;
      double t_pack[3], t_unite[3];

      g_ptr_array_add (unite, g_strdup ("pdfunite"));
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (unite, g_strdup_printf ("%s/doc-%03u.pdf", dir, i));
      g_ptr_array_add (unite, g_strdup (out_unite));
      g_ptr_array_add (unite, NULL);

      for (guint r = 0; r < runs; r++)
        {
          char *pack_argv[] = { self, "--pack", db_path, step, out_pack, NULL };
          BenchRun a, c;

          if (!bench_run_measured ((char **) unite->pdata, log_path, &c))
            {
              g_printerr ("pdfunite failed (is poppler-utils installed?)\n");
              return 1;
            }
          if (!bench_run_measured (pack_argv, log_path, &a))
            {
              g_autofree char *out = NULL;
              g_file_get_contents (log_path, &out, NULL, NULL);
              g_printerr ("the pack failed: %s\n", out != NULL ? out : "");
              return 1;
            }
          t_pack[r] = a.ms;
          t_unite[r] = c.ms;
          peak_pack[s] = MAX (peak_pack[s], a.peak_kb);
          peak_unite[s] = MAX (peak_unite[s], c.peak_kb);
          generated = a.generated;
        }
      ms_pack[s] = bench_median (t_pack, runs);
      ms_unite[s] = bench_median (t_unite, runs);

      if (s == G_N_ELEMENTS (steps) - 1)
        {
          size_pack = bench_file_size (out_pack);
          size_unite = bench_file_size (out_unite);
          pages_pack = bench_count_pages (out_pack);
          pages_unite = bench_count_pages (out_unite);
        }
      g_unlink (out_pack);
      g_unlink (out_unite);
      printf ("%3u documents: pdfunite %8.0f ms %4ld MB | evidence pack %8.0f ms %4ld MB\n", n,
              ms_unite[s], peak_unite[s] / 1024, ms_pack[s], peak_pack[s] / 1024);
      fflush (stdout);
    }

  printf ("\n%u PDFs; pack: %d pages = %d of the documents + %u drawn by Parscore\n", n_files,
          pages_pack, pages_unite, generated);
  printf ("time        pdfunite %.2f s | evidence pack %.2f s (%.2f×)   target ≤ 2×\n",
          ms_unite[2] / 1000, ms_pack[2] / 1000, ms_pack[2] / ms_unite[2]);
  printf ("size        pdfunite %.1f MB | evidence pack %.1f MB (%.3f×)   target ≤ 1.25×\n",
          size_unite / 1048576.0, size_pack / 1048576.0, (double) size_pack / size_unite);
  printf ("peak RSS    evidence pack at 100/200/300 documents: %ld / %ld / %ld MB "
          "(pdfunite %ld / %ld / %ld MB)   target < 300 MB and flat\n",
          peak_pack[0] / 1024, peak_pack[1] / 1024, peak_pack[2] / 1024,
          peak_unite[0] / 1024, peak_unite[1] / 1024, peak_unite[2] / 1024);

  pass = pages_pack == pages_unite + (int) generated
         && ms_pack[2] <= 2 * ms_unite[2]
         && size_pack <= 1.25 * size_unite
         && peak_pack[2] < 300 * 1024
         && peak_pack[2] < peak_pack[0] * 1.25 + 8 * 1024;
  printf ("%s\n", pass ? "all targets met" : "TARGET MISSED");
  return pass ? 0 : 1;
}
