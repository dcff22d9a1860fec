/* bench-pack-merge.c — merging the documents of an evidence pack: 300 PDFs, 3,000 A4 pages
 * (text pages in Vietnamese and JPEG scans), with ParPdfWriter next to `pdfunite` of the same
 * files in the same run.
 *
 * Targets: time ≤ 2× pdfunite, output size ≤ 1.25× pdfunite's, peak memory < 300 MB and flat
 * from 100 to 300 files. Each merge runs in a child process (this program with --merge) so its
 * peak RSS is its own (wait4's ru_maxrss).
 *
 * The inputs are generated (not committed) by bench-pack-merge-gen.sh (the JPEG scans, with
 * ImageMagick) and by this program (the PDFs, with cairo + pango), into
 * $PARSCORE_BENCH_DIR or $TMPDIR/parscore-bench-pack, and reused by later runs.
 *
 *   bench-pack-merge [--files N]            the benchmark (N defaults to 300)
 *   bench-pack-merge --merge LIST OUT [--numbers]   one merge, for the benchmark's children
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "bench-measure.h"
#include "bench-util.h"
#include "par-pdf-writer.h"

extern char **environ;

#define N_SCANS 16
#define GEN_VERSION "3"   /* bump when the generated inputs change */

static const char *const paragraph =
  "Kế hoạch cải cách hành chính năm 2020 của Ban Quản lý các khu công nghiệp tỉnh được ban "
  "hành kịp thời, xác định rõ nhiệm vụ, sản phẩm, thời hạn hoàn thành và trách nhiệm của từng "
  "phòng, đơn vị trực thuộc. Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn đạt 99,86 %, "
  "không có hồ sơ trễ hạn do lỗi của cán bộ, công chức. Việc tiếp nhận và trả kết quả qua bộ "
  "phận một cửa được thực hiện nghiêm túc; các phản ánh, kiến nghị của tổ chức, cá nhân về quy "
  "định hành chính được xử lý đúng quy định. ";

/* ---------------------------------------------------------------- generating the inputs */

static guint
pages_of_file (guint i)
{
  /* 1…19 pages, 10 on average: pairs (10 + d, 10 − d) so 300 files hold exactly 3,000 pages */
  guint d = (i / 2 * 7) % 10;

  return i % 2 == 0 ? 10 + d : 10 - d;
}

static gboolean
page_is_scan (guint global_page)
{
  return (global_page * 37) % 100 < 30;  /* about 30 % of the pages */
}

static void
draw_text_page (cairo_t    *cr,
                PangoLayout *layout,
                guint        file,
                guint        page)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "Văn bản số %u/KH-BQL — trang %u\n\n", file + 1, page + 1);
  for (guint k = 0; k < 6; k++)
    g_string_append (text, paragraph);
  pango_layout_set_text (layout, text->str, -1);
  cairo_move_to (cr, 70, 60);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_scan_page (cairo_t *cr,
                GBytes  *jpeg)
{
  /* a new image per page, as a scanner would produce: cairo embeds the JPEG data unchanged */
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1240, 1754);

  cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, g_bytes_get_data (jpeg, NULL),
                               g_bytes_get_size (jpeg), (cairo_destroy_func_t) g_bytes_unref,
                               g_bytes_ref (jpeg));
  cairo_save (cr);
  cairo_scale (cr, 595.28 / 1240, 841.89 / 1754);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static gboolean
generate (const char *dir,
          guint       n_files)
{
  g_autofree char *stamp = g_build_filename (dir, "stamp", NULL);
  g_autofree char *want = g_strdup_printf ("%s %u", GEN_VERSION, n_files);
  g_autofree char *have = NULL;
  g_autofree char *script = NULL;
  GBytes *scans[N_SCANS];
  PangoFontDescription *font;
  guint global_page = 0;
  gint64 t0 = g_get_monotonic_time ();

  if (g_file_get_contents (stamp, &have, NULL, NULL) && g_strcmp0 (have, want) == 0)
    return TRUE;

  g_mkdir_with_parents (dir, 0755);
  script = g_build_filename (g_getenv ("BENCH_SRCDIR") != NULL ? g_getenv ("BENCH_SRCDIR") : ".",
                             "bench-pack-merge-gen.sh", NULL);
  {
    g_autofree char *n = g_strdup_printf ("%d", N_SCANS);
    char *argv[] = { "sh", script, (char *) dir, n, NULL };
    int status = 0;

    g_printerr ("generating %d scan images with ImageMagick...\n", N_SCANS);
    if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                       NULL) || !g_spawn_check_wait_status (status, NULL))
      {
        g_printerr ("%s failed\n", script);
        return FALSE;
      }
  }
  for (guint k = 0; k < N_SCANS; k++)
    {
      g_autofree char *path = g_strdup_printf ("%s/scan-%02u.jpg", dir, k);
      char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (path, &data, &len, NULL))
        {
          g_printerr ("missing %s\n", path);
          return FALSE;
        }
      scans[k] = g_bytes_new_take (data, len);
    }

  g_printerr ("generating %u PDFs...\n", n_files);
  font = pango_font_description_from_string ("DejaVu Sans 11");
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/doc-%03u.pdf", dir, i);
      cairo_surface_t *surface = cairo_pdf_surface_create (path, 595.28, 841.89);
      cairo_t *cr = cairo_create (surface);
      PangoLayout *layout = pango_cairo_create_layout (cr);
      guint n = pages_of_file (i);

      pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
      pango_layout_context_changed (layout);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (595 - 140) * PANGO_SCALE);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      for (guint p = 0; p < n; p++, global_page++)
        {
          if (page_is_scan (global_page))
            draw_scan_page (cr, scans[global_page % N_SCANS]);
          else
            draw_text_page (cr, layout, i, p);
          cairo_show_page (cr);
        }
      g_object_unref (layout);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
        {
          g_printerr ("cairo failed on %s\n", path);
          return FALSE;
        }
      cairo_surface_destroy (surface);
    }
  pango_font_description_free (font);
  for (guint k = 0; k < N_SCANS; k++)
    g_bytes_unref (scans[k]);

  g_file_set_contents (stamp, want, -1, NULL);
  g_printerr ("generated %u pages in %.1f s\n", global_page,
              (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}

/* ---------------------------------------------------------------- one merge (child) */

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
merge_main (const char *list_path,
            const char *out_path,
            gboolean    numbers)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *list = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(ParPdfWriter) w = NULL;
  struct rusage ru;
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
  /* VmHWM is this process's own peak; ru_maxrss could include the parent's, via the
   * address space a spawned child starts from */
  getrusage (RUSAGE_SELF, &ru);
  printf ("docs=%u pages=%u peak_kb=%ld\n", n_ok, par_pdf_writer_get_n_pages (w),
          vm_hwm_kb (ru.ru_maxrss));
  return 0;
}

/* ---------------------------------------------------------------- the benchmark (parent) */





int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *self = NULL;
  g_autofree char *log_path = NULL;
  guint n_files = 300;
  const guint steps[] = { 100, 200, 300 };
  long peak_ours[3] = { 0 }, peak_numbered[3] = { 0 }, peak_unite[3] = { 0 };
  double ms_ours[3] = { 0 }, ms_numbered[3] = { 0 }, ms_unite[3] = { 0 };
  guint64 size_ours = 0, size_numbered = 0, size_unite = 0;
  guint64 input_bytes = 0;
  int pages_ours = 0, pages_unite = 0;
  gboolean pass;

  if (argc >= 4 && strcmp (argv[1], "--merge") == 0)
    return merge_main (argv[2], argv[3], argc >= 5 && strcmp (argv[4], "--numbers") == 0);
  if (argc >= 4 && strcmp (argv[1], "--generate") == 0)
    return generate (argv[2], (guint) atoi (argv[3])) ? 0 : 1;
  if (argc >= 3 && strcmp (argv[1], "--files") == 0)
    n_files = (guint) MAX (atoi (argv[2]), 3);

  if (g_getenv ("PARSCORE_BENCH_DIR") != NULL)
    dir = g_strdup (g_getenv ("PARSCORE_BENCH_DIR"));
  else
    dir = g_build_filename (g_get_tmp_dir (), "parscore-bench-pack", NULL);
  self = g_canonicalize_filename (argv[0], NULL);
  /* generated in a child, so that this process stays small: a spawned child's ru_maxrss can
   * include the address space it was spawned from */
  {
    g_autofree char *n = g_strdup_printf ("%u", n_files);
    char *gen_argv[] = { self, "--generate", dir, n, NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, gen_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL,
                       NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
      return 1;
  }
  log_path = g_build_filename (dir, "child-output.txt", NULL);

  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      guint n = steps[s] * n_files / 300;
      g_autofree char *list_path = g_strdup_printf ("%s/list-%u.txt", dir, n);
      g_autofree char *out_ours = g_strdup_printf ("%s/out-ours-%u.pdf", dir, n);
      g_autofree char *out_numbered = g_strdup_printf ("%s/out-numbered-%u.pdf", dir, n);
      g_autofree char *out_unite = g_strdup_printf ("%s/out-pdfunite-%u.pdf", dir, n);
      g_autoptr(GString) list = g_string_new (NULL);
      g_autoptr(GPtrArray) unite = g_ptr_array_new_with_free_func (g_free);
      /* the largest step is timed three times, interleaved; the median counts */
      guint runs = s == G_N_ELEMENTS (steps) - 1 ? 3 : 1;
      double t_ours[3], t_numbered[3], t_unite[3];

      g_ptr_array_add (unite, g_strdup ("pdfunite"));
      input_bytes = 0;
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *p = g_strdup_printf ("%s/doc-%03u.pdf", dir, i);

          input_bytes += bench_file_size (p);
          g_string_append_printf (list, "%s\n", p);
          g_ptr_array_add (unite, g_steal_pointer (&p));
        }
      g_ptr_array_add (unite, g_strdup (out_unite));
      g_ptr_array_add (unite, NULL);
      g_file_set_contents (list_path, list->str, list->len, NULL);

      for (guint r = 0; r < runs; r++)
        {
          char *ours_argv[] = { self, "--merge", list_path, out_ours, NULL };
          char *numbered_argv[] = { self, "--merge", list_path, out_numbered, "--numbers", NULL };
          BenchRun a, b, c;

          if (!bench_run_measured ((char **) unite->pdata, log_path, &c))
            {
              g_printerr ("pdfunite failed (is poppler-utils installed?)\n");
              return 1;
            }
          if (!bench_run_measured (ours_argv, log_path, &a)
              || !bench_run_measured (numbered_argv, log_path, &b))
            {
              g_printerr ("the merge failed\n");
              return 1;
            }
          t_ours[r] = a.ms;
          t_numbered[r] = b.ms;
          t_unite[r] = c.ms;
          peak_ours[s] = MAX (peak_ours[s], a.peak_kb);
          peak_numbered[s] = MAX (peak_numbered[s], b.peak_kb);
          peak_unite[s] = MAX (peak_unite[s], c.peak_kb);
        }
      ms_ours[s] = bench_median (t_ours, runs);
      ms_numbered[s] = bench_median (t_numbered, runs);
      ms_unite[s] = bench_median (t_unite, runs);

      if (s == G_N_ELEMENTS (steps) - 1)
        {
          size_ours = bench_file_size (out_ours);
          size_numbered = bench_file_size (out_numbered);
          size_unite = bench_file_size (out_unite);
          pages_ours = bench_count_pages (out_numbered);
          pages_unite = bench_count_pages (out_unite);
        }
      g_unlink (out_ours);
      g_unlink (out_numbered);
      g_unlink (out_unite);
      g_unlink (list_path);
      printf ("%3u files: pdfunite %8.0f ms %4ld MB | ParPdfWriter %7.0f ms %4ld MB | "
              "+ page numbers & bookmarks %7.0f ms %4ld MB\n", n, ms_unite[s],
              peak_unite[s] / 1024, ms_ours[s], peak_ours[s] / 1024, ms_numbered[s],
              peak_numbered[s] / 1024);
      fflush (stdout);
    }

  printf ("\n%u PDFs, %d pages, %.0f MB of input\n", n_files, pages_unite,
          input_bytes / 1048576.0);
  printf ("time        pdfunite %.2f s | ParPdfWriter %.2f s (%.2f×) | with page numbers %.2f s "
          "(%.2f×)   target ≤ 2×\n", ms_unite[2] / 1000, ms_ours[2] / 1000,
          ms_ours[2] / ms_unite[2], ms_numbered[2] / 1000, ms_numbered[2] / ms_unite[2]);
  printf ("size        pdfunite %.1f MB | ParPdfWriter %.1f MB (%.3f×) | with page numbers "
          "%.1f MB (%.3f×)   target ≤ 1.25×\n", size_unite / 1048576.0, size_ours / 1048576.0,
          (double) size_ours / size_unite, size_numbered / 1048576.0,
          (double) size_numbered / size_unite);
  printf ("peak RSS    ParPdfWriter with page numbers at 100/200/300 files: %ld / %ld / %ld MB "
          "(pdfunite %ld / %ld / %ld MB)   target < 300 MB and flat\n",
          peak_numbered[0] / 1024, peak_numbered[1] / 1024, peak_numbered[2] / 1024,
          peak_unite[0] / 1024, peak_unite[1] / 1024, peak_unite[2] / 1024);

  pass = pages_ours == pages_unite
         && ms_numbered[2] <= 2 * ms_unite[2]
         && size_numbered <= 1.25 * size_unite
         && peak_numbered[2] < 300 * 1024
         && peak_numbered[2] < peak_numbered[0] * 1.25 + 8 * 1024;
  printf ("pages       %d in both outputs\n", pages_ours);
  printf ("%s\n", pass ? "all targets met" : "TARGET MISSED");
  return pass ? 0 : 1;
}
