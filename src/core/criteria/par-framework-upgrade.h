/* par-framework-upgrade.h — a format-1 criteria set written in format 2.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"

G_BEGIN_DECLS

/**
 * par_framework_upgrade_bytes:
 * @format1: the bytes of a format-1 criteria set
 * @display_name: names the source in messages ("file:line")
 * @error: the loader's error when @format1 is not a valid format-1 set; %PAR_ERROR_FORMAT when it
 *   is in format 2 already
 *
 * The same set in format 2: format 2 reads every element of format 1 with the same meaning, so
 * the upgrade changes the namespace of the root element and nothing else — comments, layout,
 * titles, inputs and rules are kept byte for byte, and every stored year scores identically
 * (each leaf keeps its own inputs; figures shared between sub-criteria are added by hand
 * afterwards, see FORMAT.md). The result is loaded before it is returned, so what comes back
 * always loads.
 *
 * Returns: (transfer full): the format-2 bytes, or %NULL.
 */
GBytes *par_framework_upgrade_bytes (GBytes      *format1,
                                     const char  *display_name,
                                     GError     **error);

G_END_DECLS
