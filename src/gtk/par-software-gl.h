/* par-software-gl.h — no GL at all where GL could only be drawn in software.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the choice depends on: the environment as the user started us, the device folder and
 * GTK's minor version at run time. */
typedef struct
{
  const char *gsk_renderer;     /* GSK_RENDERER */
  const char *gdk_debug;        /* GDK_DEBUG */
  const char *gdk_disable;      /* GDK_DISABLE (read by GTK 4.16 and later only) */
  const char *gdk_backend;      /* GDK_BACKEND */
  const char *always_software;  /* LIBGL_ALWAYS_SOFTWARE */
  const char *dev_dir;          /* "/dev" */
  guint       gtk_minor;
} ParSoftwareGlProbe;

gboolean par_software_gl_only (const ParSoftwareGlProbe *probe);

/* Whether @probe's environment already has GTK 4.@gtk_minor open no GL display: GDK_DEBUG's
 * gl-disable up to GTK 4.15, GDK_DISABLE's gl from 4.16 (each only where that GTK reads it),
 * or the broadway backend. The GL driver preload's test too (par-gl-driver.c). */
gboolean par_software_gl_env_gl_off (const ParSoftwareGlProbe *probe);

/* The variables to set ("NAME=VALUE", transfer full) so that GTK opens no GL (nor Vulkan)
 * display and draws with cairo, when @probe says GL would be software and the user chose no
 * renderer; FALSE (and NULL) when nothing is to change. */
gboolean par_software_gl_choose (const ParSoftwareGlProbe *probe,
                                 GStrv                    *changes);

/* main (), before GTK and before any thread: reads the environment and sets the variables
 * par_software_gl_choose () names. */
void par_software_gl_apply (void);

/* Whether par_software_gl_apply () changed this process's environment. */
gboolean par_software_gl_changed (void);

/* Gives @context the variables as the user had them, so the programs we start (a document's
 * viewer) are not bound by Parscore's choice. */
void par_software_gl_restore_for (GAppLaunchContext *context);

G_END_DECLS
