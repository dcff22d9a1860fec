/* test-gl-driver.c — Mesa's driver is loaded ahead of GTK only where GTK will load that same
 * file (par-gl-driver.c): a folder whose *_dri.so are links of one file, Mesa's EGL the
 * vendor tried first, GL not turned off.
 * A stand-in library (a copy of zlib, which has no constructor) plays the driver.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define _GNU_SOURCE
#include <dlfcn.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <zlib.h>

#include "par-gl-driver.h"
#include "par-test-util.h"

static gboolean
mapped (const char *path)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, path) != NULL;
}

/* A driver folder: swrast_dri.so, a copy of zlib, and iris_dri.so, a link to it or (when
 * @separate) a copy of its own. */
static char *
driver_folder (gboolean separate)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-dri-XXXXXX", &error);
  g_autofree char *swrast = g_build_filename (dir, "swrast_dri.so", NULL);
  g_autofree char *iris = g_build_filename (dir, "iris_dri.so", NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  Dl_info info;

  g_assert_no_error (error);
  g_assert_true (dladdr ((void *) zlibVersion, &info) != 0);
  g_assert_true (g_file_get_contents (info.dli_fname, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (swrast, bytes, len, NULL));
  if (separate)
    g_assert_true (g_file_set_contents (iris, bytes, len, NULL));
  else
    g_assert_cmpint (link (swrast, iris), ==, 0);
  return g_steal_pointer (&dir);
}

/* An EGL vendor folder with Mesa's file, and NVIDIA's before it when @nvidia_first. */
static char *
vendor_folder (gboolean nvidia_first)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-egl-XXXXXX", NULL);
  g_autofree char *mesa = g_build_filename (dir, "50_mesa.json", NULL);
  g_autofree char *nvidia = g_build_filename (dir, "10_nvidia.json", NULL);

  g_assert_nonnull (dir);
  g_assert_true (g_file_set_contents (mesa, "{ \"file_format_version\" : \"1.0.0\", \"ICD\" : "
                                      "{ \"library_path\" : \"libEGL_mesa.so.0\" } }\n", -1, NULL));
  if (nvidia_first)
    g_assert_true (g_file_set_contents (nvidia, "{ \"file_format_version\" : \"1.0.0\", \"ICD\" : "
                                        "{ \"library_path\" : \"libEGL_nvidia.so.0\" } }\n", -1,
                                        NULL));
  g_setenv ("__EGL_VENDOR_LIBRARY_DIRS", dir, TRUE);
  g_unsetenv ("__EGL_VENDOR_LIBRARY_FILENAMES");
  return g_steal_pointer (&dir);
}

/* What the worker would do: the environment read first (on the main thread), then used. */
static void
preload (void)
{
  g_autoptr(ParGlDriverEnv) env = par_gl_driver_env_read ();

  par_gl_driver_preload (env);
}

/* NVIDIA's EGL first: Mesa's driver would not be loaded by GTK, so it is not loaded here. */
static void
test_other_vendor_first (void)
{
  g_autofree char *vendors = vendor_folder (TRUE);
  g_autofree char *dir = driver_folder (FALSE);

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_unsetenv ("GDK_DEBUG");
  preload ();
  g_assert_false (mapped (dir));
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
}

static void
test_megadriver (void)
{
  g_autofree char *vendors = vendor_folder (FALSE);
  g_autofree char *dir = driver_folder (FALSE);
  g_autofree char *swrast = g_build_filename (dir, "swrast_dri.so", NULL);

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_unsetenv ("GDK_DEBUG");
  g_assert_false (mapped (swrast));
  preload ();
  g_assert_true (mapped (swrast));
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
}

static void
test_separate_drivers (void)
{
  g_autofree char *vendors = vendor_folder (FALSE);
  g_autofree char *dir = driver_folder (TRUE);
  g_autofree char *swrast = g_build_filename (dir, "swrast_dri.so", NULL);

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_unsetenv ("GDK_DEBUG");
  preload ();
  g_assert_false (mapped (dir));
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
}

static void
test_gl_disabled (void)
{
  g_autofree char *vendors = vendor_folder (FALSE);
  g_autofree char *dir = driver_folder (FALSE);

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_setenv ("GDK_DEBUG", "misc,gl-disable", TRUE);
  preload ();
  g_assert_false (mapped (dir));
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
}

/* With @name set to @value (GDK_DEBUG and GDK_DISABLE otherwise unset), whether the preload
 * loads the driver. */
static gboolean
loads_with (const char *name,
            const char *value)
{
  g_autofree char *vendors = vendor_folder (FALSE);
  g_autofree char *dir = driver_folder (FALSE);
  g_autofree char *swrast = g_build_filename (dir, "swrast_dri.so", NULL);
  gboolean loaded;

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GDK_DISABLE");
  g_setenv (name, value, TRUE);
  preload ();
  loaded = mapped (swrast);
  g_unsetenv (name);
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
  return loaded;
}

/* GL off or on as the GTK in use reads its variables: GTK 4.14's gl-disable-gles keeps GL
 * (without GLES), so the driver is loaded; GDK_DISABLE=gl turns GL off from GTK 4.16 only
 * (earlier GTK does not read it). */
static void
test_gl_off_as_gtk_reads (void)
{
  g_assert_true (loads_with ("GDK_DEBUG", "gl-disable-gles"));
  g_assert_cmpint (loads_with ("GDK_DISABLE", "gl"), ==, gtk_get_minor_version () < 16);
}

/* The environment is read when par_gl_driver_env_read () is called, never by the preload
 * itself (it runs on a worker while GTK sets and unsets variables on the main thread): what
 * changes after the read changes nothing. */
static void
test_environment_read_once (void)
{
  g_autofree char *vendors = vendor_folder (FALSE);
  g_autofree char *dir = driver_folder (FALSE);
  g_autofree char *swrast = g_build_filename (dir, "swrast_dri.so", NULL);
  g_autoptr(ParGlDriverEnv) env = NULL;

  g_setenv ("LIBGL_DRIVERS_PATH", dir, TRUE);
  g_unsetenv ("GDK_DEBUG");
  env = par_gl_driver_env_read ();
  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  g_unsetenv ("LIBGL_DRIVERS_PATH");
  g_unsetenv ("__EGL_VENDOR_LIBRARY_DIRS");
  g_assert_false (mapped (swrast));
  par_gl_driver_preload (env);
  g_assert_true (mapped (swrast));
  g_unsetenv ("GDK_DEBUG");
  par_test_remove_tree (dir);
  par_test_remove_tree (vendors);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/gl-driver/separate-drivers", test_separate_drivers);
  g_test_add_func ("/gl-driver/gl-off-as-gtk-reads", test_gl_off_as_gtk_reads);
  g_test_add_func ("/gl-driver/gl-disabled", test_gl_disabled);
  g_test_add_func ("/gl-driver/other-vendor-first", test_other_vendor_first);
  g_test_add_func ("/gl-driver/megadriver", test_megadriver);
  g_test_add_func ("/gl-driver/environment-read-once", test_environment_read_once);
  return g_test_run ();
}
