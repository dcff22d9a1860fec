/* par-gl-driver.h — Mesa's GL driver loaded on a worker while GTK starts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Loads Mesa's DRI driver (and LLVM with it) in the calling thread, when GTK will load that
 * same file at display open; does nothing otherwise. Call it off the main thread, early. */
void par_gl_driver_preload (void);

G_END_DECLS
