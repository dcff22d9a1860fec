/* bench-measure.c — timing a command a user runs, as a whole process, from outside.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE   /* pipe2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
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

/* The launcher.
 *
 * A child's ru_maxrss is not only its own: when a process execs, Linux folds the high-water
 * mark of the address space it leaves into the process's maxrss (exec_mmap ->
 * setmax_mm_hiwater_rss), and a posix_spawn'd (vfork'd) child leaves its parent's address
 * space. So every child of a parent that once held 200 MB reported at least 200 MB. The
 * figure is the larger of the two, so a spawner smaller than every child measured gives the
 * child's own. Children are therefore started by a launcher forked before main() runs, while
 * this program is small (its own peak, bench_launcher_peak_kb(), is a few MB), which never
 * grows: it reads a request (argv, environment, output files) from a pipe, spawns, waits with
 * wait4() and writes back the times and the rusage. Proved by tests/bench/test-bench-measure.c
 * (a child of known size measured from a parent that holds 256 MB). */

typedef struct {
  gint32 spawned;
  gint32 status;
  gint64 start_us;     /* CLOCK_MONOTONIC, as g_get_monotonic_time() */
  gint64 end_us;
  gint64 peak_kb;
  gint64 cpu_us;       /* user + system */
} LaunchReply;

static int launcher_request = -1;
static int launcher_reply = -1;

static gboolean
io_full (int      fd,
         void    *buffer,
         gsize    size,
         gboolean writing)
{
  char *p = buffer;

  while (size > 0)
    {
      ssize_t n = writing ? write (fd, p, size) : read (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static gint64
monotonic_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* The launcher's loop; plain libc only (it runs in a fork of the program before main()). A
 * request: guint32 size, then guint32 argc, guint32 envc and argc + envc + 2 NUL-terminated
 * strings: the arguments, the environment, the output path, the error path. */
static void G_GNUC_NORETURN
launcher_main (int request,
               int reply)
{
  for (;;)
    {
      guint32 size, argc, envc;
      char *buffer, *p;
      char **argv, **envp;
      posix_spawn_file_actions_t actions;
      LaunchReply answer = { 0 };
      struct rusage ru;
      pid_t pid;
      int status = 0;

      if (!io_full (request, &size, sizeof size, FALSE) || size < 8)
        _exit (0);
      buffer = malloc (size);
      if (buffer == NULL || !io_full (request, buffer, size, FALSE))
        _exit (1);
      memcpy (&argc, buffer, 4);
      memcpy (&envc, buffer + 4, 4);
      argv = calloc (argc + 1, sizeof *argv);
      envp = calloc (envc + 1, sizeof *envp);
      p = buffer + 8;
      for (guint32 i = 0; i < argc; i++, p += strlen (p) + 1)
        argv[i] = p;
      for (guint32 i = 0; i < envc; i++, p += strlen (p) + 1)
        envp[i] = p;

      posix_spawn_file_actions_init (&actions);
      posix_spawn_file_actions_addopen (&actions, 1, p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      p += strlen (p) + 1;
      posix_spawn_file_actions_addopen (&actions, 2, p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
      answer.start_us = monotonic_us ();
      if (posix_spawnp (&pid, argv[0], &actions, NULL, argv, envp) == 0 &&
          wait4 (pid, &status, 0, &ru) == pid)
        {
          answer.end_us = monotonic_us ();
          answer.spawned = 1;
          answer.status = status;
          answer.peak_kb = ru.ru_maxrss;
          answer.cpu_us = (gint64) (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 +
                          ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
        }
      posix_spawn_file_actions_destroy (&actions);
      free (argv);
      free (envp);
      free (buffer);
      if (!io_full (reply, &answer, sizeof answer, TRUE))
        _exit (1);
    }
}

__attribute__((constructor)) static void
launcher_start (void)
{
  int request[2], reply[2];
  pid_t pid;

  if (pipe2 (request, O_CLOEXEC) != 0 || pipe2 (reply, O_CLOEXEC) != 0)
    return;
  pid = fork ();
  if (pid == 0)
    {
      int null = open ("/dev/null", O_RDWR);

      /* Never holds the benchmark's standard output open (meson reads it to its end). */
      if (null >= 0)
        {
          dup2 (null, 0);
          dup2 (null, 1);
        }
      close (request[1]);
      close (reply[0]);
      launcher_main (request[0], reply[1]);
    }
  close (request[0]);
  close (reply[1]);
  if (pid < 0)
    {
      close (request[1]);
      close (reply[0]);
      return;
    }
  launcher_request = request[1];
  launcher_reply = reply[0];
}

static void
append_string (GByteArray *message,
               const char *text)
{
  g_byte_array_append (message, (const guint8 *) text, strlen (text) + 1);
}

gboolean
bench_run_measured_env (char       **argv,
                        char       **envp,
                        const char  *out_path,
                        BenchRun    *result)
{
  g_autoptr(GByteArray) message = g_byte_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err_path = g_strdup_printf ("%s.err", out_path);
  guint32 size = 0, argc = g_strv_length (argv), envc;
  LaunchReply answer;

  if (envp == NULL)
    envp = environ;
  envc = g_strv_length (envp);
  memset (result, 0, sizeof *result);
  if (launcher_request < 0)
    return FALSE;

  sync ();
  g_byte_array_append (message, (const guint8 *) &size, 4);
  g_byte_array_append (message, (const guint8 *) &argc, 4);
  g_byte_array_append (message, (const guint8 *) &envc, 4);
  for (guint32 i = 0; i < argc; i++)
    append_string (message, argv[i]);
  for (guint32 i = 0; i < envc; i++)
    append_string (message, envp[i]);
  append_string (message, out_path);
  append_string (message, err_path);
  size = message->len - 4;
  memcpy (message->data, &size, 4);
  if (!io_full (launcher_request, message->data, message->len, TRUE) ||
      !io_full (launcher_reply, &answer, sizeof answer, FALSE) || !answer.spawned)
    return FALSE;

  result->start_us = answer.start_us;
  result->ms = (answer.end_us - answer.start_us) / 1000.0;
  result->peak_kb = answer.peak_kb;
  result->cpu_ms = answer.cpu_us / 1000.0;
  if (g_file_get_contents (out_path, &out, NULL, NULL))
    {
      result->pages = (guint) read_number (out, "pages=");
      result->generated = (guint) read_number (out, "generated=");
    }
  return WIFEXITED (answer.status) && WEXITSTATUS (answer.status) == 0;
}

gboolean
bench_run_measured (char       **argv,
                    const char  *out_path,
                    BenchRun    *result)
{
  return bench_run_measured_env (argv, NULL, out_path, result);
}

long
bench_launcher_peak_kb (void)
{
  char *argv[] = { (char *) "/bin/true", NULL };
  g_autofree char *dir = g_dir_make_tmp ("bench-launcher-XXXXXX", NULL);
  g_autofree char *out = dir != NULL ? g_build_filename (dir, "out", NULL) : NULL;
  g_autofree char *err = dir != NULL ? g_build_filename (dir, "out.err", NULL) : NULL;
  BenchRun run;

  if (dir == NULL || !bench_run_measured (argv, out, &run))
    run.peak_kb = -1;
  if (dir != NULL)
    {
      g_unlink (out);
      g_unlink (err);
      g_rmdir (dir);
    }
  return run.peak_kb;
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
