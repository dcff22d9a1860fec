/* bench-pack-inputs.c — the documents of the pack benchmarks: N PDFs of 1–19 A4 pages (10 on
 * average: 300 files hold 3,000 pages), text pages in Vietnamese drawn with cairo + pango and
 * about 30 % scanned pages carrying a JPEG made by ImageMagick (bench-pack-merge-gen.sh).
 *
 * Made once per version and number of files into a cache folder, and never written again: a
 * set is generated into a temporary folder and renamed into place, so benchmarks running at
 * the same time share it safely. Each run writes its database and outputs in a folder of its
 * own (bench_make_run_dir).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "bench-measure.h"
#include "bench-pack-inputs.h"

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

/* Writes the inputs into @dir (which exists). */
static gboolean
generate (const char *dir,
          guint       n_files)
{
  g_autofree char *script = NULL;
  GBytes *scans[N_SCANS];
  PangoFontDescription *font;
  guint global_page = 0;
  gint64 t0 = g_get_monotonic_time ();

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

  g_printerr ("generated %u pages in %.1f s\n", global_page,
              (g_get_monotonic_time () - t0) / 1e6);
  return TRUE;
}


char *
bench_pack_inputs_dir (guint n_files)
{
  const char *cache = g_getenv ("PARSCORE_BENCH_CACHE");
  g_autofree char *name = g_strdup_printf ("pack-inputs-v%s-%u", GEN_VERSION, n_files);

  if (cache != NULL)
    return g_build_filename (cache, name, NULL);
  return g_build_filename (g_get_user_cache_dir (), "parscore-bench", name, NULL);
}

char *
bench_pack_inputs (const char *self,
                   guint       n_files)
{
  g_autofree char *dir = bench_pack_inputs_dir (n_files);
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *tmp = NULL;
  g_autofree char *n = g_strdup_printf ("%u", n_files);
  int status = 0;

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&dir);
  g_mkdir_with_parents (parent, 0755);
  tmp = g_strdup_printf ("%s.tmp-XXXXXX", dir);
  if (g_mkdtemp (tmp) == NULL)
    {
      g_printerr ("cannot make %s: %s\n", tmp, g_strerror (errno));
      return NULL;
    }
  {
    /* in a child: the caller stays small (its size would count in its children's peaks) */
    char *argv[] = { (char *) self, "--generate-inputs", tmp, n, NULL };

    if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL, NULL, NULL,
                       &status, NULL) || !g_spawn_check_wait_status (status, NULL))
      {
        bench_remove_tree (tmp);
        return NULL;
      }
  }
  if (g_rename (tmp, dir) != 0)
    {
      /* another run made the same set meanwhile: theirs is as good */
      bench_remove_tree (tmp);
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        return NULL;
    }
  return g_steal_pointer (&dir);
}

int
bench_pack_inputs_generate (const char *dir,
                            guint       n_files)
{
  return generate (dir, n_files) ? 0 : 1;
}

char *
bench_pack_input_path (const char *dir,
                       guint       i)
{
  return g_strdup_printf ("%s/doc-%03u.pdf", dir, i);
}
