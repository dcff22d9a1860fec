/* par-chart-file.c — where an export is written: the file, and the image it is drawn on.
 *
 * The file is written under a temporary name beside the target and renamed over it once
 * complete, so a failed export leaves an existing file as it was. It is not fsynced: a chart
 * is drawn again in a moment, and waiting for the disk (3–12 ms here, more than drawing the
 * chart) bought nothing a user would miss. Writes are buffered: cairo's PDF surface hands
 * over a few bytes at a time (726 writes for one chart before).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-chart-private.h"
#include "par-error.h"

#define BUFFER_SIZE (64 * 1024)

struct _ParExportFile {
  char   *path;
  char   *tmp_path;
  int     fd;
  guint8 *buffer;
  gsize   length;
  int     errsv;    /* the first write error, 0 while none */
};

static void
export_file_free (ParExportFile *f)
{
  if (f->fd >= 0)
    close (f->fd);
  g_free (f->buffer);
  g_free (f->tmp_path);
  g_free (f->path);
  g_free (f);
}

ParExportFile *
par_export_file_open (const char  *path,
                      GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  ParExportFile *f = g_new0 (ParExportFile, 1);

  f->path = g_strdup (path);
  f->fd = -1;
  /* O_EXCL on a name of our own making; the mode is the usual one (0666 less the umask). */
  for (int attempt = 0; attempt < 100 && f->fd < 0; attempt++)
    {
      g_free (f->tmp_path);
      f->tmp_path = g_strdup_printf ("%s%c.%s.%08x.tmp", dir, G_DIR_SEPARATOR, base,
                                     g_random_int ());
      f->fd = g_open (f->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (f->fd < 0 && errno != EEXIST)
        break;
    }
  if (f->fd < 0)
    {
      int errsv = errno;

      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Cannot write the chart to “%s”: %s"),
                   path, g_strerror (errsv));
      export_file_free (f);
      return NULL;
    }
  f->buffer = g_malloc (BUFFER_SIZE);
  return f;
}

static gboolean
write_all (ParExportFile *f,
           const guint8  *data,
           gsize          length)
{
  while (length > 0 && f->errsv == 0)
    {
      gssize n = write (f->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          f->errsv = errno;
          break;
        }
      data += n;
      length -= (gsize) n;
    }
  return f->errsv == 0;
}

gboolean
par_export_file_write (ParExportFile *f,
                       const void    *data,
                       gsize          length)
{
  if (f->errsv != 0)
    return FALSE;
  if (f->length + length > BUFFER_SIZE)
    {
      if (!write_all (f, f->buffer, f->length))
        return FALSE;
      f->length = 0;
    }
  if (length >= BUFFER_SIZE)
    return write_all (f, data, length);
  memcpy (f->buffer + f->length, data, length);
  f->length += length;
  return TRUE;
}

cairo_status_t
par_export_file_cairo_write (void                *closure,
                             const unsigned char *data,
                             unsigned int         length)
{
  return par_export_file_write (closure, data, length) ? CAIRO_STATUS_SUCCESS
                                                       : CAIRO_STATUS_WRITE_ERROR;
}

void
par_export_file_abort (ParExportFile *f)
{
  if (f == NULL)
    return;
  if (f->fd >= 0)
    close (f->fd);
  f->fd = -1;
  g_unlink (f->tmp_path);
  export_file_free (f);
}

gboolean
par_export_file_commit (ParExportFile  *f,
                        const char     *failure,
                        GError        **error)
{
  gboolean ok = write_all (f, f->buffer, f->length);

  if (ok && close (f->fd) != 0 && errno != EINTR)
    {
      f->errsv = errno;
      ok = FALSE;
    }
  f->fd = -1;
  if (ok && g_rename (f->tmp_path, f->path) != 0)
    {
      f->errsv = errno;
      ok = FALSE;
    }
  if (!ok)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("Cannot write the chart to “%s”: %s"),
                   f->path, failure != NULL ? failure : g_strerror (f->errsv));
      par_export_file_abort (f);
      return FALSE;
    }
  export_file_free (f);
  return TRUE;
}

int
par_export_file_get_errno (ParExportFile *f)
{
  return f->errsv;
}

/* The image a PNG is drawn on: a 1600×900 chart is 5.6 MB that the kernel would hand over one
 * 4 KB page fault at a time (some 1,400 faults, each dear in a virtual machine). Memory
 * aligned to 2 MB and marked for transparent huge pages comes in three. */
#define HUGE_PAGE (2u << 20)

typedef struct {
  void  *map;
  gsize  length;
} ParImageMemory;

static void
image_memory_free (gpointer data)
{
  ParImageMemory *m = data;

  munmap (m->map, m->length);
  g_free (m);
}

static const cairo_user_data_key_t image_memory_key;

cairo_surface_t *
par_export_image_new (int width,
                      int height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  gsize size = (gsize) stride * (gsize) height;
  gsize length;
  ParImageMemory *memory;
  cairo_surface_t *surface;
  guint8 *aligned;
  void *map;

  if (stride <= 0 || size < HUGE_PAGE)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  length = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE + HUGE_PAGE;
  map = mmap (NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  aligned = (guint8 *) (((uintptr_t) map + HUGE_PAGE - 1) & ~(uintptr_t) (HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
  /* A hint: without huge pages this is plain (zeroed) anonymous memory, as calloc's. */
  madvise (aligned, length - (gsize) (aligned - (guint8 *) map), MADV_HUGEPAGE);
#endif
  surface = cairo_image_surface_create_for_data (aligned, CAIRO_FORMAT_ARGB32, width, height,
                                                 stride);
  memory = g_new (ParImageMemory, 1);
  memory->map = map;
  memory->length = length;
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS
      || cairo_surface_set_user_data (surface, &image_memory_key, memory,
                                      image_memory_free) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      image_memory_free (memory);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  return surface;
}
