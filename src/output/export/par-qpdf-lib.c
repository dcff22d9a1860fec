/* par-qpdf-lib.c — opening libqpdf on first use (see par-qpdf-lib.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <dlfcn.h>

#include <glib/gi18n-lib.h>

#define PAR_QPDF_LIB_COMPILATION
#include "par-error.h"
#include "par-qpdf-lib.h"

ParQpdfFuncs par_qpdf;

static GMutex lock;

static void *
open_library (const char  *soname,
              GError     **error)
{
  /* Local: the library's symbols serve only the pointers filled from it. */
  void *handle = dlopen (soname, RTLD_NOW | RTLD_LOCAL);

  if (handle == NULL)
    g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
                 /* TRANSLATORS: a library's file name (libqpdf.so.29), then the system's
                  * reason, in English */
                 _("Evidence packs (PDF) need the library %s, which could not be loaded: %s. "
                   "Install it with Parscore’s other packages."), soname, dlerror ());
  return handle;
}

static gboolean
resolve (void        *handle,
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
par_qpdf_lib_check (const char  *soname,
                    const char  *symbol,
                    GError     **error)
{
  void *handle, *address;
  gboolean ok;

  g_return_val_if_fail (soname != NULL && symbol != NULL, FALSE);

  handle = open_library (soname, error);
  if (handle == NULL)
    return FALSE;
  ok = resolve (handle, soname, symbol, &address, error);
  dlclose (handle);
  return ok;
}

/* The pointers are written once under the lock and read after a par_qpdf_load () that
 * returned TRUE in the same thread (the lock orders them); a library that failed is tried
 * again on the next call. */
#define RESOLVE_QPDF(name) \
  && resolve (handle, soname, #name, (void **) &par_qpdf.name, error)

gboolean
par_qpdf_load (GError **error)
{
  static gboolean loaded;
  const char *soname = PAR_QPDF_SONAME;
  gboolean ok = TRUE;

  g_mutex_lock (&lock);
  if (!loaded)
    {
      void *handle = open_library (soname, error);

      ok = handle != NULL PAR_QPDF_FUNCS (RESOLVE_QPDF);
      if (ok)
        loaded = TRUE;   /* kept open until the process ends */
      else if (handle != NULL)
        dlclose (handle);
    }
  g_mutex_unlock (&lock);
  return ok;
}
