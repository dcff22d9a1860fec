/* par-gl-driver.h — Mesa's GL driver loaded on a worker while GTK starts.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the preload needs from the environment (Mesa's and libglvnd's variables, GDK_DEBUG,
 * GDK_DISABLE, GDK_BACKEND), read on the main thread: GTK sets and unsets variables while it starts, and
 * glibc's getenv () is not safe beside a setenv () or unsetenv () on another thread. */
typedef struct _ParGlDriverEnv ParGlDriverEnv;

ParGlDriverEnv *par_gl_driver_env_read (void);
void            par_gl_driver_env_free (ParGlDriverEnv *env);

/* Loads Mesa's DRI driver (and LLVM with it) in the calling thread, when GTK will load that
 * same file at display open (as @env says); does nothing otherwise. Call it off the main
 * thread, early; it reads no environment variable itself. */
void par_gl_driver_preload (const ParGlDriverEnv *env);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParGlDriverEnv, par_gl_driver_env_free)

G_END_DECLS
