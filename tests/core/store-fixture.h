/* store-fixture.h — the store tests' shared database: a unit, a criteria set and a 2020
 * self-assessment in a folder with spaces and Vietnamese letters, and helpers to read it back.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

G_BEGIN_DECLS

typedef struct {
  char         *tmpdir;
  char         *db_path;      /* under a folder with spaces and Vietnamese letters */
  ParStore     *store;
  ParFramework *framework;
  gint64        framework_row;
  gint64        unit_id;
  gint64        assessment_id;
} Fixture;

/* camau-2013-field1.xml, the set the fixture scores with. */
char                *framework_path     (void);
/* Its bytes with the years widened to 2013–2030, as the fixture stores it. */
GBytes              *framework_bytes    (void);
void                 write_file         (const char    *path,
                                         const char    *contents,
                                         gssize         length);
guint                count_files        (const char    *dir_path);
void                 fixture_set_up     (Fixture       *f,
                                         gconstpointer  data);
void                 fixture_tear_down  (Fixture       *f,
                                         gconstpointer  data);
/* The audit rows whose "what" starts with @prefix, oldest first. */
GPtrArray           *audit_rows         (ParStore      *store,
                                         const char    *prefix);
const ParAuditEntry *find_audit         (GPtrArray     *rows,
                                         const char    *what);
/* The same, failing the test (naming @what) when there is no such row. */
const ParAuditEntry *expect_audit       (GPtrArray     *rows,
                                         const char    *what);
/* The stored inputs text of @code, read with a connection of its own. */
char                *raw_inputs         (Fixture       *f,
                                         const char    *code);
/* Runs SQL on the database with a connection of its own (to write what the API refuses). */
void                 exec_raw           (Fixture       *f,
                                         const char    *sql);
gint64               add_document       (Fixture       *f,
                                         const char    *kind,
                                         const char    *number,
                                         const char    *date,
                                         const char    *issuer,
                                         const char    *summary);

G_END_DECLS
