/* bench-measure.c — timing a command a user runs, as a whole process, from outside.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-measure.h"
#include "par-pdf-writer.h"

extern char **environ;

static guint64
read_number (const char *text,
             const char *key)
{
  const char *p = strstr (text, key);

  return p != NULL ? g_ascii_strtoull (p + strlen (key), NULL, 10) : 0;
}

gboolean
bench_run_measured (char       **argv,
                    const char  *out_path,
                    BenchRun    *result)
{
  posix_spawn_file_actions_t actions;
  g_autofree char *out = NULL;
  g_autofree char *err_path = g_strdup_printf ("%s.err", out_path);
  struct rusage ru;
  gint64 t0;
  pid_t pid;
  int status = 0;

  sync ();
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen (&actions, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  t0 = g_get_monotonic_time ();
  if (posix_spawnp (&pid, argv[0], &actions, NULL, argv, environ) != 0)
    {
      posix_spawn_file_actions_destroy (&actions);
      return FALSE;
    }
  posix_spawn_file_actions_destroy (&actions);
  if (wait4 (pid, &status, 0, &ru) < 0)
    return FALSE;
  result->ms = (g_get_monotonic_time () - t0) / 1000.0;
  result->peak_kb = ru.ru_maxrss;
  result->pages = result->generated = 0;
  if (g_file_get_contents (out_path, &out, NULL, NULL))
    {
      result->pages = (guint) read_number (out, "pages=");
      result->generated = (guint) read_number (out, "generated=");
    }
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

guint64
bench_file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

int
bench_count_pages (const char *path)
{
  ParPdfDocInfo info = { 0 };
  int n = par_pdf_inspect (path, NULL, &info) ? (int) info.n_pages : -1;

  par_pdf_doc_info_clear (&info);
  return n;
}

long
bench_self_peak_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

BenchStats
bench_stats (const double *values,
             guint         n)
{
  BenchStats s = { 0, 0, 0 };
  g_autofree double *v = NULL;

  if (n == 0)
    return s;
  v = g_memdup2 (values, n * sizeof *v);
  qsort (v, n, sizeof *v, compare_doubles);
  s.min = v[0];
  s.max = v[n - 1];
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  return s;
}

const char *
bench_verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

char *
bench_make_run_dir (const char *prefix)
{
  const char *base = g_getenv ("PARSCORE_BENCH_DIR");
  g_autofree char *name = g_strdup_printf ("%s-XXXXXX", prefix);
  char *dir;

  if (base == NULL)
    base = g_get_tmp_dir ();
  g_mkdir_with_parents (base, 0755);
  dir = g_build_filename (base, name, NULL);
  if (g_mkdtemp (dir) == NULL)
    {
      g_free (dir);
      return NULL;
    }
  return dir;
}

void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;
  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      bench_remove_tree (child);
    }
  g_rmdir (path);
}
