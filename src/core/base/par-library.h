/* par-library.h — an optional shared library opened on first use (libxlsxwriter and libzip
 * for spreadsheets, libqpdf for evidence packs), not when a program starts: the lock, the
 * dlopen, the look-up of each function and the errors, in one place for each of them.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ParLibrary ParLibrary;

struct _ParLibrary
{
  const char *soname;
  /* Sets @error (%PAR_ERROR_NOT_FOUND) for a library that cannot be opened, saying what needs
   * it; @reason is the system's, in English. */
  void      (*missing)     (const char  *soname,
                            const char  *reason,
                            GError     **error);
  /* Fills the program's pointers from @handle: par_library_resolve() for each function. */
  gboolean  (*resolve_all) (void        *handle,
                            const char  *soname,
                            GError     **error);
  gboolean    loaded;      /* kept open until the process ends once every function is found */
};

/* Opens @library once per process (thread-safe; a library that failed is tried again on the
 * next call). The pointers are written once under the lock and read after a load that
 * returned TRUE in the same thread (the lock orders them). */
gboolean par_library_load    (ParLibrary  *library,
                              GError     **error);
/* Looks @symbol up in @handle into *@slot; FALSE with %PAR_ERROR_NOT_FOUND naming the
 * function when the library lacks it (not the version Parscore was built with). */
gboolean par_library_resolve (void        *handle,
                              const char  *soname,
                              const char  *symbol,
                              void       **slot,
                              GError     **error);
/* What a load does for one function of one library, for the tests: opens @soname (@missing
 * says why it cannot) and looks @symbol up. */
gboolean par_library_check   (const char  *soname,
                              const char  *symbol,
                              void       (*missing) (const char *, const char *, GError **),
                              GError     **error);

G_END_DECLS
