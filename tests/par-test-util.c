/* par-test-util.c — small helpers every test suite shares.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "par-test-util.h"

void
par_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        par_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
par_test_gunzip (const char *source,
                 const char *destination)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[65536];
  gssize n;

  /* Memory streams, not GFile: GFile loads GIO's modules, which LeakSanitizer counts. */
  g_assert_true (g_file_get_contents (source, &bytes, &length, &error));
  g_assert_no_error (error);
  in = g_memory_input_stream_new_from_data (bytes, (gssize) length, NULL);
  plain = g_converter_input_stream_new (in, G_CONVERTER (decompressor));
  while ((n = g_input_stream_read (plain, buffer, sizeof buffer, NULL, &error)) > 0)
    g_byte_array_append (out, buffer, (guint) n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_true (g_file_set_contents (destination, (const char *) out->data, out->len, &error));
  g_assert_no_error (error);
}

char *
par_test_find_open_under (const char *path)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *prefix = g_str_has_suffix (path, "/") ? g_strdup (path)
                                                          : g_strconcat (path, "/", NULL);
  const char *name;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && (g_str_equal (target, path) || g_str_has_prefix (target, prefix)))
        return g_strdup_printf ("descriptor %s on %s", name, target);
    }
  return NULL;
}

void
par_test_assert_nothing_open_under (const char *path)
{
  g_autofree char *open = par_test_find_open_under (path);

  if (open != NULL)
    g_error ("still open after the window closed: %s", open);
}
