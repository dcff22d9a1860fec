/* par-data.h — where Parscore's shipped data (criteria sets, schema) is found.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * par_data_find:
 * @relative: a path under data/, e.g. "frameworks/sample-department.xml"
 *
 * Looks in $PARSCORE_DATADIR, then the source tree (when running from a build folder), then
 * the installed package data folder.
 *
 * Returns: (transfer full) (nullable): the first existing path, or %NULL.
 */
char *par_data_find (const char *relative);

G_END_DECLS
