/* par-xlsx-file.c — a spreadsheet written whole or not at all (see par-xlsx-file.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "par-error.h"
#include "par-xlsx-file.h"

static gboolean
write_failed (GError     **error,
              const char  *path,
              const char  *reason)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, PAR_ERROR, PAR_ERROR_IO,
               /* TRANSLATORS: a file name, then the reason (libxlsxwriter's in English) */
               _("Could not write the spreadsheet %s: %s."), name, reason);
  return FALSE;
}

/* A new, empty file beside @path (the same disk, so the rename is atomic) that no other file
 * had the name of (O_EXCL), made with the modes of any new file (umask), not mkstemp's 0600. */
static char *
temporary_beside (const char  *path,
                  GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x", base, g_random_int ());
      char *tmp = g_build_filename (dir, name, NULL);
      int fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      int saved = errno;

      if (fd >= 0)
        {
          close (fd);
          return tmp;
        }
      g_free (tmp);
      if (saved != EEXIST)
        {
          write_failed (error, path, g_strerror (saved));
          return NULL;
        }
    }
  write_failed (error, path, g_strerror (EEXIST));
  return NULL;
}

lxw_workbook *
par_xlsx_file_begin (const char  *path,
                     char       **tmp,
                     GError     **error)
{
  lxw_workbook *workbook;

  g_return_val_if_fail (path != NULL && tmp != NULL, NULL);

  if ((*tmp = temporary_beside (path, error)) == NULL)
    return NULL;
  workbook = workbook_new (*tmp);
  if (workbook == NULL)
    {
      g_unlink (*tmp);
      g_clear_pointer (tmp, g_free);
      write_failed (error, path, lxw_strerror (LXW_ERROR_CREATING_XLSX_FILE));
    }
  return workbook;
}

gboolean
par_xlsx_file_finish (lxw_workbook  *workbook,
                      const char    *tmp,
                      const char    *path,
                      GError       **error)
{
  lxw_error failure = workbook_close (workbook);

  if (failure != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      return write_failed (error, path, lxw_strerror (failure));
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return write_failed (error, path, g_strerror (saved));
    }
  return TRUE;
}
