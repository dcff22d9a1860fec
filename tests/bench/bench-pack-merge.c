/* bench-pack-merge.c — benchmark "pdf-writer-merge-vs-pdfunite": merging the documents of an
 * evidence pack alone (300 PDFs, 3,000 A4 pages, text pages in Vietnamese and JPEG scans) with
 * ParPdfWriter, with and without page numbers and bookmarks, next to `pdfunite` of the same
 * files. A part of `parscore-cli export-pack` (which bench-pack-export-cli times whole), kept
 * to tell the merge's share from the drawn pages'.
 *
 * Each merge is a child process (this program with --merge) timed from outside, its peak
 * memory read by the parent (wait4); pdfunite and the merges run interleaved, the order
 * alternating; median and min–max are printed, with the pack's targets (≤ 0.5× pdfunite's
 * time, ≤ 1.02× its size, < 120 MB). The inputs are made once (bench-pack-inputs.c); each run
 * writes in a folder of its own, removed at the end.
 *
 *   bench-pack-merge [--files N] [--runs R]          the benchmark (300 files, 5 runs)
 *   bench-pack-merge --merge LIST OUT [--numbers]    one merge, for the benchmark's children
 *   bench-pack-merge --generate-inputs DIR N         the inputs, for bench_pack_inputs()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "bench-measure.h"
#include "bench-pack-inputs.h"
#include "par-pdf-writer.h"

#define TARGET_TIME 0.5
#define TARGET_SIZE 1.02
#define TARGET_PEAK_MB 120

/* ---------------------------------------------------------------- one merge (child) */

static int
merge_main (const char *list_path,
            const char *out_path,
            gboolean    numbers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(ParPdfWriter) w = NULL;
  guint n_ok = 0;

  if (!g_file_get_contents (list_path, &list, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  paths = g_strsplit (g_strstrip (list), "\n", -1);
  w = par_pdf_writer_new (out_path, &error);
  if (w == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (numbers)
    par_pdf_writer_set_page_numbers (w, "Trang {page}/{pages}", NULL);
  par_pdf_writer_set_info (w, "Title", "Hồ sơ minh chứng");

  for (guint i = 0; paths[i] != NULL; i++)
    {
      ParPdfDocInfo info = { 0 };

      if (!par_pdf_writer_add_document (w, paths[i], NULL, &info, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (info.status == PAR_PDF_DOC_OK)
        {
          n_ok++;
          if (numbers)  /* a bookmark per document, as the pack has */
            par_pdf_writer_add_outline_item (w, 0, paths[i], info.first_page, -1, FALSE);
        }
      else
        {
          g_printerr ("%s: %s\n", paths[i], info.message);
        }
      par_pdf_doc_info_clear (&info);
    }
  if (!par_pdf_writer_finish (w, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("docs=%u pages=%u\n", n_ok, par_pdf_writer_get_n_pages (w));
  return 0;
}

/* ---------------------------------------------------------------- the benchmark (parent) */

typedef struct {
  const char *name;
  double      ms[32];
  long        peak_kb;
  guint64     size;
  int         pages;
} Side;

static gboolean
run_side (Side        *side,
          char       **argv,
          const char  *log_path,
          guint        r)
{
  BenchRun run;

  if (!bench_run_measured (argv, log_path, &run))
    {
      g_printerr ("%s failed (see %s.err)\n", side->name, log_path);
      return FALSE;
    }
  side->ms[r] = run.ms;
  side->peak_kb = MAX (side->peak_kb, run.peak_kb);
  return TRUE;
}

static void
print_side (const Side *side,
            const Side *peer,
            guint       runs)
{
  BenchStats t = bench_stats (side->ms, runs);
  BenchStats p = bench_stats (peer->ms, runs);

  printf ("  %-34s %7.2f s [%.2f–%.2f]  %6.3f× time  %6.1f MB %6.3f× size  peak %4ld MB\n",
          side->name, t.median / 1000, t.min / 1000, t.max / 1000, t.median / p.median,
          side->size / 1048576.0, (double) side->size / peer->size, side->peak_kb / 1024);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *inputs = NULL;
  g_autofree char *run_dir = NULL;
  g_autofree char *self = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *list_path = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GPtrArray) unite = g_ptr_array_new_with_free_func (g_free);
  guint n_files = 300, runs = 5;
  Side sides[3] = { { "pdfunite" }, { "ParPdfWriter" }, { "ParPdfWriter + numbers, bookmarks" } };
  char *outs[3];
  guint64 input_bytes = 0;
  long self_kb;
  gboolean met;

  if (argc >= 4 && strcmp (argv[1], "--merge") == 0)
    return merge_main (argv[2], argv[3], argc >= 5 && strcmp (argv[4], "--numbers") == 0);
  if (argc >= 4 && strcmp (argv[1], "--generate-inputs") == 0)
    return bench_pack_inputs_generate (argv[2], (guint) atoi (argv[3]));
  for (int i = 1; i + 1 < argc; i += 2)
    {
      if (strcmp (argv[i], "--files") == 0)
        n_files = (guint) MAX (atoi (argv[i + 1]), 3);
      else if (strcmp (argv[i], "--runs") == 0)
        runs = (guint) CLAMP (atoi (argv[i + 1]), 1, 31);
    }

  self = g_canonicalize_filename (argv[0], NULL);
  if ((inputs = bench_pack_inputs (self, n_files)) == NULL ||
      (run_dir = bench_make_run_dir ("parscore-bench-merge")) == NULL)
    return 1;
  log_path = g_build_filename (run_dir, "child-output.txt", NULL);
  list_path = g_build_filename (run_dir, "list.txt", NULL);
  outs[0] = g_build_filename (run_dir, "pdfunite.pdf", NULL);
  outs[1] = g_build_filename (run_dir, "writer.pdf", NULL);
  outs[2] = g_build_filename (run_dir, "writer-numbered.pdf", NULL);

  g_ptr_array_add (unite, g_strdup ("pdfunite"));
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *p = bench_pack_input_path (inputs, i);

      input_bytes += bench_file_size (p);
      g_string_append_printf (list, "%s\n", p);
      g_ptr_array_add (unite, g_steal_pointer (&p));
    }
  g_ptr_array_add (unite, g_strdup (outs[0]));
  g_ptr_array_add (unite, NULL);
  g_file_set_contents (list_path, list->str, list->len, NULL);

  printf ("pdf-writer-merge-vs-pdfunite: %u PDFs, %.0f MB, %u interleaved runs (folder %s)\n",
          n_files, input_bytes / 1048576.0, runs, run_dir);
  fflush (stdout);
  for (guint r = 0; r < runs; r++)
    {
      char *plain_argv[] = { self, "--merge", list_path, outs[1], NULL };
      char *numbered_argv[] = { self, "--merge", list_path, outs[2], "--numbers", NULL };
      char **argvs[3] = { (char **) unite->pdata, plain_argv, numbered_argv };

      /* the order alternates, so that a drift of the machine falls on both sides */
      for (guint k = 0; k < 3; k++)
        {
          guint side = r % 2 == 0 ? k : 2 - k;

          if (!run_side (&sides[side], argvs[side], log_path, r))
            {
              bench_remove_tree (run_dir);
              return 1;
            }
        }
    }
  for (guint k = 0; k < 3; k++)
    sides[k].size = bench_file_size (outs[k]);
  self_kb = bench_self_peak_kb ();   /* before counting pages, which reads the PDFs here */
  sides[0].pages = bench_count_pages (outs[0]);
  sides[2].pages = bench_count_pages (outs[2]);

  print_side (&sides[0], &sides[0], runs);
  print_side (&sides[1], &sides[0], runs);
  print_side (&sides[2], &sides[0], runs);
  {
    BenchStats t = bench_stats (sides[2].ms, runs), u = bench_stats (sides[0].ms, runs);
    double time_ratio = t.median / u.median, size_ratio = (double) sides[2].size / sides[0].size;
    gboolean time_met = time_ratio <= TARGET_TIME, size_met = size_ratio <= TARGET_SIZE;
    gboolean peak_met = sides[2].peak_kb < TARGET_PEAK_MB * 1024;

    printf ("pages       %d in pdfunite's output, %d in ParPdfWriter's\n", sides[0].pages, sides[2].pages);
    printf ("time        %.3f× pdfunite   target ≤ %.1f×: %s\n", time_ratio, TARGET_TIME, bench_verdict (time_met));
    printf ("size        %.3f× pdfunite   target ≤ %.2f×: %s\n", size_ratio, TARGET_SIZE, bench_verdict (size_met));
    printf ("peak RSS    %ld MB (pdfunite %ld MB; this program %ld MB)   target < %d MB: %s\n",
            sides[2].peak_kb / 1024, sides[0].peak_kb / 1024, self_kb / 1024,
            TARGET_PEAK_MB, bench_verdict (peak_met));
    met = time_met && size_met && peak_met && sides[0].pages == sides[2].pages;
  }
  for (guint k = 0; k < 3; k++)
    g_free (outs[k]);
  bench_remove_tree (run_dir);
  return met ? 0 : 1;
}
