/* fuzz-replay.c — runs a fuzz target on files, without libFuzzer: every seed and every
 * regression input under the given files and folders, in a gcc build of the suite.
 *   fuzz-X FILE|DIR…
 * Prints TAP, one line per input; an input that crashes the target fails the test.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>
#include <stdio.h>

#include "fuzz-target.h"

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;   /* no regression input yet */
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    collect (names->pdata[i], files);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint failed = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  if (files->len == 0)
    {
      printf ("Bail out! no input found under the given paths\n");
      return 1;
    }
  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          failed++;
          continue;
        }
      /* A copy of exactly len bytes, so reading past the end is caught as under libFuzzer. */
      {
        g_autofree guint8 *copy = g_memdup2 (contents, len);
        LLVMFuzzerTestOneInput (copy, len);
      }
      printf ("ok %u - %s (%" G_GSIZE_FORMAT " bytes)\n", i + 1, path, len);
      fflush (stdout);
    }
  return failed ? 1 : 0;
}
