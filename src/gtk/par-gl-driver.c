/* par-gl-driver.c — Mesa's GL driver loaded on a worker while GTK starts.
 *
 * GTK 4.8 opens an EGL display when it opens the display (gdk_display_prepare_gl), whichever
 * renderer then draws: Mesa's EGL loads its DRI driver, and the driver brings LLVM. Their
 * relocations are ~61 M instructions on the main thread, before the window (callgrind, under
 * Xvfb: as many as the rest of the display's opening). Loaded here first, on the preload's
 * worker, the same file is the same object when EGL opens it (the dynamic loader matches a
 * file already loaded by its device and inode, whatever name it is opened by), and GTK finds
 * the work done.
 *
 * Only where that holds: Mesa builds one "megadriver" file that every driver name links to
 * (swrast_dri.so, iris_dri.so, radeonsi_dri.so… hard links of one file, as Debian ships it),
 * so that the driver EGL picks for the machine's GPU is this one. Where they are separate
 * files, where another EGL vendor comes first (NVIDIA's), where GL is off (GDK_DEBUG's
 * gl-disable up to GTK 4.15, GDK_DISABLE's gl from 4.16) or the backend has no GL (broadway),
 * nothing is loaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <dlfcn.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gtk/gtk.h>

#include "par-gl-driver.h"
#include "par-software-gl.h"

struct _ParGlDriverEnv
{
  char     *drivers_path;       /* LIBGL_DRIVERS_PATH */
  char     *vendor_files;       /* __EGL_VENDOR_LIBRARY_FILENAMES */
  char     *vendor_dirs;        /* __EGL_VENDOR_LIBRARY_DIRS */
  gboolean  gl_off;             /* GTK will open no GL display (par_software_gl_env_gl_off ()) */
};

ParGlDriverEnv *
par_gl_driver_env_read (void)
{
  ParGlDriverEnv *env = g_new0 (ParGlDriverEnv, 1);
  ParSoftwareGlProbe probe = {
    .gdk_debug = g_getenv ("GDK_DEBUG"),
    .gdk_disable = g_getenv ("GDK_DISABLE"),
    .gdk_backend = g_getenv ("GDK_BACKEND"),
    .gtk_minor = gtk_get_minor_version (),
  };

  env->drivers_path = g_strdup (g_getenv ("LIBGL_DRIVERS_PATH"));
  env->vendor_files = g_strdup (g_getenv ("__EGL_VENDOR_LIBRARY_FILENAMES"));
  env->vendor_dirs = g_strdup (g_getenv ("__EGL_VENDOR_LIBRARY_DIRS"));
  env->gl_off = par_software_gl_env_gl_off (&probe);
  return env;
}

void
par_gl_driver_env_free (ParGlDriverEnv *env)
{
  if (env == NULL)
    return;
  g_free (env->drivers_path);
  g_free (env->vendor_files);
  g_free (env->vendor_dirs);
  g_free (env);
}

/* The folder Mesa looks for its drivers in: LIBGL_DRIVERS_PATH's first, else the system's. */
static char *
driver_folder (const ParGlDriverEnv *env)
{
  const char *path = env->drivers_path;

  if (path != NULL && *path != '\0')
    {
      g_auto(GStrv) dirs = g_strsplit (path, ":", 2);

      return g_strdup (dirs[0]);
    }
  return g_strdup (PAR_DRI_DRIVER_DIR);
}

/* @folder's swrast_dri.so when every *_dri.so there is that one file (transfer full), else
 * NULL. */
static char *
megadriver (const char *folder)
{
  g_autofree char *swrast = g_build_filename (folder, "swrast_dri.so", NULL);
  g_autoptr(GDir) dir = NULL;
  GStatBuf driver;
  const char *name;
  guint links = 0;

  if (g_stat (swrast, &driver) != 0 || !S_ISREG (driver.st_mode))
    return NULL;
  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_suffix (name, "_dri.so"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_stat (path, &st) != 0)
        continue;
      if (st.st_dev != driver.st_dev || st.st_ino != driver.st_ino)
        return NULL;
      links++;
    }
  return links > 1 ? g_steal_pointer (&swrast) : NULL;
}

/* Whether Mesa's EGL is the one libglvnd tries first: its vendor files (from
 * __EGL_VENDOR_LIBRARY_FILENAMES, else the folders of __EGL_VENDOR_LIBRARY_DIRS, else the
 * system's) in the order of their file names, the first naming libEGL_mesa. With another
 * vendor first (NVIDIA's driver), Mesa's driver would not be loaded: nothing to load ahead. */
static gboolean
mesa_first (const ParGlDriverEnv *env)
{
  const char *files = env->vendor_files;
  const char *dirs = env->vendor_dirs;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) folders = NULL;
  const char *first = NULL;

  if (files != NULL && *files != '\0')
    {
      g_auto(GStrv) names = g_strsplit (files, ":", 2);

      return g_file_get_contents (names[0], &contents, NULL, NULL)
             && strstr (contents, "libEGL_mesa") != NULL;
    }
  folders = g_strsplit (dirs != NULL && *dirs != '\0' ? dirs
                        : "/etc/glvnd/egl_vendor.d:/usr/share/glvnd/egl_vendor.d", ":", -1);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (folders[i], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".json"))
          {
            g_autofree char *path = g_build_filename (folders[i], name, NULL);

            if (first == NULL || strcmp (name, strrchr (first, G_DIR_SEPARATOR) + 1) < 0)
              first = path;
            g_ptr_array_add (found, g_steal_pointer (&path));
          }
    }
  return first != NULL && g_file_get_contents (first, &contents, NULL, NULL)
         && strstr (contents, "libEGL_mesa") != NULL;
}

void
par_gl_driver_preload (const ParGlDriverEnv *env)
{
  g_autofree char *folder = NULL;
  g_autofree char *driver = NULL;

  g_return_if_fail (env != NULL);
  if (env->gl_off || !mesa_first (env))
    return;
  folder = driver_folder (env);
  driver = megadriver (folder);
  if (driver == NULL)
    return;
  /* Kept open for the process: EGL's own dlopen of it finds it loaded. */
  if (dlopen (driver, RTLD_NOW | RTLD_LOCAL) == NULL)
    g_debug ("%s not preloaded: %s", driver, dlerror ());
}
