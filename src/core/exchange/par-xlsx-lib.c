/* par-xlsx-lib.c — opening libxlsxwriter and libzip on first use (see par-xlsx-lib.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#define PAR_XLSX_LIB_COMPILATION
#include "par-error.h"
#include "par-library.h"
#include "par-xlsx-lib.h"

ParXlsxWriterFuncs par_xlsxwriter;
ParLibzipFuncs par_libzip;

/* What needs the libraries, when one cannot be opened. */
static void
missing (const char  *soname,
         const char  *reason,
         GError     **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND,
               /* TRANSLATORS: a library's file name (libxlsxwriter.so.4), then the system's
                * reason, in English */
               _("Spreadsheets (XLSX) need the library %s, which could not be loaded: %s. "
                 "Install it with Parscore’s other packages."), soname, reason);
}

gboolean
par_xlsx_lib_check (const char  *soname,
                    const char  *symbol,
                    GError     **error)
{
  return par_library_check (soname, symbol, missing, error);
}

#define RESOLVE(table, name) \
  && par_library_resolve (handle, soname, #name, (void **) &table.name, error)
#define RESOLVE_XLSXWRITER(name) RESOLVE (par_xlsxwriter, name)
#define RESOLVE_LIBZIP(name) RESOLVE (par_libzip, name)

static gboolean
resolve_xlsxwriter (void        *handle,
                    const char  *soname,
                    GError     **error)
{
  return TRUE PAR_XLSXWRITER_FUNCS (RESOLVE_XLSXWRITER);
}

static gboolean
resolve_libzip (void        *handle,
                const char  *soname,
                GError     **error)
{
  return TRUE PAR_LIBZIP_FUNCS (RESOLVE_LIBZIP);
}

static ParLibrary xlsxwriter = { PAR_XLSXWRITER_SONAME, missing, resolve_xlsxwriter, FALSE };
static ParLibrary libzip = { PAR_LIBZIP_SONAME, missing, resolve_libzip, FALSE };

gboolean
par_xlsxwriter_load (GError **error)
{
  return par_library_load (&xlsxwriter, error);
}

gboolean
par_libzip_load (GError **error)
{
  return par_library_load (&libzip, error);
}
