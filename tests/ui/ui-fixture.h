/* ui-fixture.h — databases for the UI tests.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

G_BEGIN_DECLS

/* A database with the criteria set @xml, one unit and its 2023 assessment (draft). Returns
 * the assessment's id, 0 on error. */
gint64  ui_fixture_create      (const char  *db_path,
                                const char  *xml_path,
                                GError     **error);
/* One line per stored fact of an entry: "input done=9", "self 0.75", "na 1",
 * "explanation …", "links 1" — sorted (transfer full). */
char   *ui_fixture_dump_entry  (const char  *db_path,
                                gint64       assessment_id,
                                const char  *code,
                                GError     **error);

/* Saves an entry or fails the test: @inputs as "id=value;…" (or NULL), @self a manual score
 * such as "0.75" (or NULL). */
void    ui_fixture_save_entry  (ParStore    *store,
                                gint64       assessment_id,
                                const char  *code,
                                const char  *inputs,
                                const char  *self);

G_END_DECLS
