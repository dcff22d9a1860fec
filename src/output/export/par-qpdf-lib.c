/* par-qpdf-lib.c — opening libqpdf on first use (see par-qpdf-lib.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#define PAR_QPDF_LIB_COMPILATION
#include "par-error.h"
#include "par-library.h"
#include "par-qpdf-lib.h"

ParQpdfFuncs par_qpdf;

/* What needs the library, when it cannot be opened. */
static void
missing (const char  *soname,
         const char  *reason,
         GError     **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
               /* TRANSLATORS: a library's file name (libqpdf.so.29), then the system's
                * reason, in English */
               _("Evidence packs (PDF) need the library %s, which could not be loaded: %s. "
                 "Install it with Parscore’s other packages."), soname, reason);
}

gboolean
par_qpdf_lib_check (const char  *soname,
                    const char  *symbol,
                    GError     **error)
{
  return par_library_check (soname, symbol, missing, error);
}

#define RESOLVE_QPDF(name) \
  && par_library_resolve (handle, soname, #name, (void **) &par_qpdf.name, error)

static gboolean
resolve_qpdf (void        *handle,
              const char  *soname,
              GError     **error)
{
  return TRUE PAR_QPDF_FUNCS (RESOLVE_QPDF);
}

static ParLibrary qpdf = { PAR_QPDF_SONAME, missing, resolve_qpdf, FALSE };

gboolean
par_qpdf_load (GError **error)
{
  return par_library_load (&qpdf, error);
}
