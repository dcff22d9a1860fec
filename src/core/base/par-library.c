/* par-library.c — an optional shared library opened on first use (see par-library.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dlfcn.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-library.h"

static GMutex lock;

static void *
open_library (const char  *soname,
              void       (*missing) (const char *, const char *, GError **),
              GError     **error)
{
  /* Local: the library's symbols serve only the pointers filled from it. */
  void *handle = dlopen (soname, RTLD_NOW | RTLD_LOCAL);

  if (handle == NULL)
    missing (soname, dlerror (), error);
  return handle;
}

gboolean
par_library_resolve (void        *handle,
                     const char  *soname,
                     const char  *symbol,
                     void       **slot,
                     GError     **error)
{
  dlerror ();
  *slot = dlsym (handle, symbol);
  if (*slot != NULL)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
               /* TRANSLATORS: a library's file name, then a function's name */
               _("The library %s has no function %s: it is not the version Parscore was built "
                 "with."), soname, symbol);
  return FALSE;
}

gboolean
par_library_check (const char  *soname,
                   const char  *symbol,
                   void       (*missing) (const char *, const char *, GError **),
                   GError     **error)
{
  void *handle, *address;
  gboolean ok;

  g_return_val_if_fail (soname != NULL && symbol != NULL && missing != NULL, FALSE);

  handle = open_library (soname, missing, error);
  if (handle == NULL)
    return FALSE;
  ok = par_library_resolve (handle, soname, symbol, &address, error);
  dlclose (handle);
  return ok;
}

gboolean
par_library_load (ParLibrary  *library,
                  GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (library != NULL, FALSE);

  g_mutex_lock (&lock);
  if (!library->loaded)
    {
      void *handle = open_library (library->soname, library->missing, error);

      ok = handle != NULL && library->resolve_all (handle, library->soname, error);
      if (ok)
        library->loaded = TRUE;   /* kept open until the process ends */
      else if (handle != NULL)
        dlclose (handle);
    }
  g_mutex_unlock (&lock);
  return ok;
}
