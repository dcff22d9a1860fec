/* bench-measure.c — running a child to completion and reading what it measured of itself.
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
  struct rusage ru;
  gint64 t0;
  pid_t pid;
  int status = 0;

  sync ();
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
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
      if (strstr (out, "peak_kb=") != NULL)
        result->peak_kb = (long) read_number (out, "peak_kb=");
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
