/* par-package-private.h — what the package's files share (data/PACKAGE.md): the open package,
 * raw SQL on its own tables, its canonical form, and copying a year between stores.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * par-package.c          kinds, the package object, raw SQL helpers
 * par-package-canonical.c the package's canonical form (its seal)
 * par-package-copy.c     a unit's year from one store into another (packing and importing)
 * par-package-write.c    writing a package
 * par-package-read.c     opening and checking one, before anything is imported
 * par-package-import.c   importing into a store, comparing with the year held
 * par-package-receive.c  receiving into a council's round
 */
#pragma once

#include "par-council.h"
#include "par-package.h"
#include "par-store-private.h"

G_BEGIN_DECLS

struct _ParPackage
{
  ParPackageInfo  info;
  ParStore       *store;          /* the package, read-only */
  gint64          assessment_id;  /* its one year */
  char           *display;        /* the file's name for messages */
  char           *year_canonical; /* the year's canonical text, as the seal checked it */
  guint           seal_version;   /* the form of its year seal: the format's number (1 to 4) */
};

/* par-package.c */
gboolean  par_package_exec_sql        (sqlite3        *db,
                                       const char     *sql,
                                       const char     *display,
                                       GError        **error);
gboolean  par_package_prepare         (sqlite3        *db,
                                       const char     *sql,
                                       sqlite3_stmt  **stmt,
                                       const char     *display,
                                       GError        **error);

/* par-package-canonical.c */
char     *par_package_canonical       (sqlite3        *db,
                                       const char     *year_canonical,
                                       const char     *display,
                                       GError        **error);

/* par-package-copy.c */
gint64    par_package_copy_document   (ParStore       *from,
                                       gint64          document_id,
                                       ParStore       *to,
                                       const char     *blob_dir,
                                       GError        **error);
gint64    par_package_copy_year       (ParStore       *from,
                                       ParAssessment  *year,
                                       ParUnit        *unit,
                                       ParStore       *to,
                                       ParStatus       status,
                                       const char     *reason,
                                       const char     *blob_dir,
                                       GError        **error);
gboolean  par_package_copy_replies    (ParStore       *from,
                                       gint64          from_id,
                                       ParStore       *to,
                                       gint64          to_id,
                                       GError        **error);
ParUnit  *par_package_unit_by_id      (ParStore       *store,
                                       gint64          unit_id,
                                       GError        **error);

/* par-package-import.c */
void      par_package_remove_blob_dir (const char     *dir);
gboolean  par_package_find_year       (ParStore       *store,
                                       const char     *unit_name,
                                       int             year,
                                       gint64         *unit_id,
                                       gint64         *assessment_id,
                                       GError        **error);

G_END_DECLS
