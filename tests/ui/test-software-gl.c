/* test-software-gl.c — where GL could only be drawn in software, Parscore asks GTK for no GL
 * display and draws with cairo; the user's own renderer choice wins; the programs it starts
 * get the user's variables back (par-software-gl.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "par-gtk-compat.h"
#include "par-software-gl.h"
#include "par-test-util.h"
#include "ui-fixture.h"

/* A stand-in for /dev: with a DRM render node, NVIDIA's control device, or nothing. */
static char *
dev_folder (const char *device)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("parscore-dev-XXXXXX", &error);

  g_assert_no_error (error);
  if (device != NULL)
    {
      g_autofree char *path = g_build_filename (dir, device, NULL);
      g_autofree char *parent = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, "", 0, NULL));
    }
  return dir;
}

static void
remove_folder (const char *dir)
{
  par_test_remove_tree (dir);
}

/* What par_software_gl_choose () says for @probe: "NAME=VALUE NAME=VALUE", or "" for
 * nothing. */
static char *
choice (const ParSoftwareGlProbe *probe)
{
  g_auto(GStrv) changes = NULL;

  if (!par_software_gl_choose (probe, &changes))
    {
      g_assert_null (changes);
      return g_strdup ("");
    }
  return g_strjoinv (" ", changes);
}

static void
test_devices (void)
{
  g_autofree char *none = dev_folder (NULL);
  g_autofree char *empty_dri = dev_folder ("dri/by-path/x");
  g_autofree char *render = dev_folder ("dri/renderD128");
  g_autofree char *card = dev_folder ("dri/card0");
  g_autofree char *nvidia = dev_folder ("nvidiactl");
  g_autofree char *wsl = dev_folder ("dxg");
  g_autofree char *card_render = dev_folder ("dri/card0");
  g_autofree char *render_beside = g_build_filename (card_render, "dri", "renderD128", NULL);
  ParSoftwareGlProbe probe = { .gtk_minor = 8 };

  g_assert_true (g_file_set_contents (render_beside, "", 0, NULL));
  /* No device a driver could draw on: software only. */
  probe.dev_dir = none;
  g_assert_true (par_software_gl_only (&probe));
  probe.dev_dir = empty_dri;
  g_assert_true (par_software_gl_only (&probe));
  /* A card node alone is a display-only driver's (simpledrm, bochs in a virtual machine):
   * Mesa draws GL there with llvmpipe. */
  probe.dev_dir = card;
  g_assert_true (par_software_gl_only (&probe));
  /* A render node, NVIDIA's device, WSL's GPU: GL may be drawn by the GPU. */
  probe.dev_dir = render;
  g_assert_false (par_software_gl_only (&probe));
  probe.dev_dir = card_render;
  g_assert_false (par_software_gl_only (&probe));
  probe.dev_dir = nvidia;
  g_assert_false (par_software_gl_only (&probe));
  probe.dev_dir = wsl;
  g_assert_false (par_software_gl_only (&probe));
  /* Mesa told to draw in software, as Mesa reads the variable. */
  probe.dev_dir = render;
  probe.always_software = "1";
  g_assert_true (par_software_gl_only (&probe));
  probe.always_software = "true";
  g_assert_true (par_software_gl_only (&probe));
  probe.always_software = "0";
  g_assert_false (par_software_gl_only (&probe));
  probe.always_software = "False";
  g_assert_false (par_software_gl_only (&probe));
  probe.always_software = "";
  g_assert_false (par_software_gl_only (&probe));

  remove_folder (none);
  remove_folder (empty_dri);
  remove_folder (render);
  remove_folder (card);
  remove_folder (nvidia);
  remove_folder (wsl);
  remove_folder (card_render);
}

static void
test_choice (void)
{
  g_autofree char *none = dev_folder (NULL);
  g_autofree char *render = dev_folder ("dri/renderD128");
  ParSoftwareGlProbe probe = { .dev_dir = none, .gtk_minor = 8 };
  char *got;

  /* GTK 4.8 to 4.15: GDK_DEBUG, added to what the user had there. */
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DEBUG=gl-disable:vulkan-disable GSK_RENDERER=cairo");
  g_free (got);
  probe.gdk_debug = "interactive";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DEBUG=interactive:gl-disable:vulkan-disable GSK_RENDERER=cairo");
  g_free (got);
  /* GTK 4.16 and later: GDK_DISABLE. */
  probe.gdk_debug = NULL;
  probe.gtk_minor = 16;
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DISABLE=gl,vulkan GSK_RENDERER=cairo");
  g_free (got);
  probe.gtk_minor = 8;

  /* The user's choice wins. */
  probe.gsk_renderer = "gl";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  probe.gsk_renderer = NULL;
  probe.gdk_debug = "nograbs,gl-disable";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  probe.gdk_debug = NULL;
  /* GTK 4.8 to 4.15 do not read GDK_DISABLE (a newer GTK's, in the session): no choice. */
  probe.gdk_disable = "gl";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DEBUG=gl-disable:vulkan-disable GSK_RENDERER=cairo");
  g_free (got);
  /* From GTK 4.16: GDK_DISABLE naming GL is the user's choice; naming something else is
   * kept, with GL added. */
  probe.gtk_minor = 16;
  probe.gdk_disable = "gles-api";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  probe.gdk_disable = "vulkan";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DISABLE=vulkan,gl GSK_RENDERER=cairo");
  g_free (got);
  probe.gdk_disable = "dmabuf";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DISABLE=dmabuf,gl,vulkan GSK_RENDERER=cairo");
  g_free (got);
  /* … and GDK_DEBUG's gl-disable, which GTK 4.16 no longer knows, is none. */
  probe.gdk_disable = NULL;
  probe.gdk_debug = "gl-disable";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DISABLE=gl,vulkan GSK_RENDERER=cairo");
  g_free (got);
  probe.gdk_debug = NULL;
  probe.gtk_minor = 8;
  probe.gdk_disable = NULL;
  /* Broadway has no GL to turn off. */
  probe.gdk_backend = "broadway";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "");
  g_free (got);
  probe.gdk_backend = "x11";
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "GDK_DEBUG=gl-disable:vulkan-disable GSK_RENDERER=cairo");
  g_free (got);

  /* A GPU device: GL stays. */
  probe.dev_dir = render;
  got = choice (&probe);
  g_assert_cmpstr (got, ==, "");
  g_free (got);

  remove_folder (none);
  remove_folder (render);
}

/* Whether the environment already has GTK open no GL display, read as the GTK in use reads
 * it: the GL driver preload's test (par-gl-driver.c). */
static void
test_env_gl_off (void)
{
  ParSoftwareGlProbe probe = { .gtk_minor = 8 };

  g_assert_false (par_software_gl_env_gl_off (&probe));
  probe.gdk_debug = "misc,gl-disable";
  g_assert_true (par_software_gl_env_gl_off (&probe));
  /* GTK 4.14's keys that keep GL with one API only, and "all" but gl-disable: GL is on. */
  probe.gdk_debug = "gl-disable-gles";
  g_assert_false (par_software_gl_env_gl_off (&probe));
  probe.gdk_debug = "all:gl-disable";
  g_assert_false (par_software_gl_env_gl_off (&probe));
  probe.gdk_debug = "all";
  g_assert_true (par_software_gl_env_gl_off (&probe));
  /* GDK_DISABLE is not read before GTK 4.16. */
  probe.gdk_debug = NULL;
  probe.gdk_disable = "gl";
  g_assert_false (par_software_gl_env_gl_off (&probe));
  probe.gtk_minor = 16;
  g_assert_true (par_software_gl_env_gl_off (&probe));
  probe.gdk_disable = "vulkan,egl";
  g_assert_false (par_software_gl_env_gl_off (&probe));
  /* … nor GDK_DEBUG's gl-disable from 4.16. */
  probe.gdk_disable = NULL;
  probe.gdk_debug = "gl-disable";
  g_assert_false (par_software_gl_env_gl_off (&probe));
  probe.gdk_debug = NULL;
  probe.gdk_backend = "broadway";
  g_assert_true (par_software_gl_env_gl_off (&probe));
}

/* What a program started from a GAppLaunchContext would get for @name (NULL: not set). */
static char *
launched_value (GAppLaunchContext *context,
                const char        *name)
{
  g_auto(GStrv) env = g_app_launch_context_get_environment (context);

  return g_strdup (g_environ_getenv (env, name));
}

/* apply () in a child (it sets this process's environment), with or without a value of the
 * user's in the variable the GTK in use reads (GDK_DEBUG up to 4.15, GDK_DISABLE from 4.16):
 * it gets GL turned off; the programs we start get the user's value back, or none when there
 * was none. */
static void
apply_and_restore (gboolean with_user)
{
  if (g_test_subprocess ())
    {
      gboolean disable = gtk_get_minor_version () >= 16;
      const char *name = disable ? "GDK_DISABLE" : "GDK_DEBUG";
      const char *user = !with_user ? NULL : disable ? "dmabuf" : "nograbs";
      const char *added = disable ? "gl,vulkan" : "gl-disable:vulkan-disable";
      g_autoptr(GAppLaunchContext) context = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *launched = NULL;

      g_unsetenv ("GSK_RENDERER");
      g_unsetenv ("GDK_DEBUG");
      g_unsetenv ("GDK_DISABLE");
      g_unsetenv ("GDK_BACKEND");
      g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
      if (user != NULL)
        g_setenv (name, user, TRUE);
      expected = user != NULL ? g_strconcat (user, disable ? "," : ":", added, NULL) : g_strdup (added);

      par_software_gl_apply ();
      g_assert_cmpstr (g_getenv (name), ==, expected);
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      /* Twice is once. */
      par_software_gl_apply ();
      g_assert_cmpstr (g_getenv (name), ==, expected);

      context = g_app_launch_context_new ();
      par_software_gl_restore_for (context);
      launched = launched_value (context, name);
      g_assert_cmpstr (launched, ==, user);
      g_free (launched);
      launched = launched_value (context, "GSK_RENDERER");
      g_assert_null (launched);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
on_file_launched (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_launch_file_finish (result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_apply_no_user_value (void)
{
  apply_and_restore (FALSE);
}

static void
test_apply_user_value (void)
{
  apply_and_restore (TRUE);
}

/* The program that opens a file Parscore launches (par_launch_file (), a document's viewer)
 * gets the user's variables, not the ones Parscore set for itself: in a child, with a viewer
 * of our own (a script that writes its environment beside the file) as the desktop's
 * default for text/plain. */
static void
test_launched_program (void)
{
  if (g_test_subprocess ())
    {
      gboolean disable = gtk_get_minor_version () >= 16;
      const char *name = disable ? "GDK_DISABLE" : "GDK_DEBUG";
      const char *user = disable ? "dmabuf" : "nograbs";
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("parscore-launch-XXXXXX", &error);
      g_autofree char *apps = g_build_filename (dir, "data", "applications", NULL);
      g_autofree char *config = g_build_filename (dir, "config", NULL);
      g_autofree char *data = g_build_filename (dir, "data", NULL);
      g_autofree char *viewer = g_build_filename (dir, "viewer", NULL);
      g_autofree char *desktop = g_build_filename (apps, "parscore-test-viewer.desktop", NULL);
      g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
      g_autofree char *path = g_build_filename (dir, "document.txt", NULL);
      g_autofree char *env_path = g_strconcat (path, ".env", NULL);
      g_autofree char *entry = NULL;
      g_autofree char *env = NULL;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_auto(GStrv) lines = NULL;
      gint64 until;
      gboolean launched = FALSE;

      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (apps, 0700), ==, 0);
      g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
      g_assert_true (g_file_set_contents (viewer, "#!/bin/sh\nenv > \"$1.env.part\" && mv \"$1.env.part\" \"$1.env\"\n", -1, NULL));
      g_assert_cmpint (g_chmod (viewer, 0700), ==, 0);
      entry = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Viewer\nExec=%s %%f\n"
                               "MimeType=text/plain;\n", viewer);
      g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
      g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                          "text/plain=parscore-test-viewer.desktop\n", -1, NULL));
      g_assert_true (g_file_set_contents (path, "a document\n", -1, NULL));
      g_setenv ("XDG_DATA_HOME", data, TRUE);
      g_setenv ("XDG_CONFIG_HOME", config, TRUE);

      /* As main () does, on a machine where GL could only be software. */
      g_unsetenv ("GSK_RENDERER");
      g_unsetenv ("GDK_DEBUG");
      g_unsetenv ("GDK_DISABLE");
      g_unsetenv ("GDK_BACKEND");
      g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
      g_setenv (name, user, TRUE);
      par_software_gl_apply ();
      g_assert_true (par_software_gl_changed ());
      gtk_init ();

      par_launch_file (NULL, file, NULL, on_file_launched, &launched);
      until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
      while ((!launched || !g_file_test (env_path, G_FILE_TEST_EXISTS)) && g_get_monotonic_time () < until)
        if (!g_main_context_iteration (NULL, FALSE))
          g_usleep (10000);
      g_assert_true (launched);
      g_assert_true (g_file_get_contents (env_path, &env, NULL, NULL));
      lines = g_strsplit (env, "\n", -1);
      g_assert_cmpstr (g_environ_getenv (lines, name), ==, user);
      g_assert_null (g_environ_getenv (lines, "GSK_RENDERER"));
      /* Parscore itself keeps its own. */
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      par_test_remove_tree (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Runs the real `parscore --db @db` until its first frame (it then quits) with @env; the
 * renderer that painted it, as it says; what it printed on standard error in @err. */
static char *
first_frame_renderer (const char  *db,
                      char       **env,
                      char       **err)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *line;

  g_subprocess_launcher_set_environ (launcher, env);
  process = g_subprocess_launcher_spawn (launcher, &error, PARSCORE_EXE, "--db", db, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  line = strstr (out, "renderer ");
  g_assert_nonnull (line);
  return g_strndup (line + strlen ("renderer "), strcspn (line + strlen ("renderer "), "\n"));
}

/* The real program under this display: told that GL is software (as on a machine without a
 * GPU device), it paints its first frame with cairo; with GSK_RENDERER=gl, with GL. */
static void
test_app_renderer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-software-gl-XXXXXX", NULL);
  g_autofree char *xml = g_test_build_filename (G_TEST_DIST, "fixture-set.xml", NULL);
  g_autofree char *db = g_build_filename (dir, "units.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *software = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *asan = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (ui_fixture_create (db, xml, &error), >, 0);
  g_assert_no_error (error);

  env = g_environ_unsetenv (env, "GSK_RENDERER");
  env = g_environ_unsetenv (env, "GDK_DEBUG");
  env = g_environ_unsetenv (env, "GDK_DISABLE");
  env = g_environ_setenv (env, "LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  env = g_environ_setenv (env, "PARSCORE_BENCH_FIRST_FRAME", "1", TRUE);
  software = first_frame_renderer (db, env, &err);
  g_assert_cmpstr (software, ==, "GskCairoRenderer");
  /* Straight to cairo: GSK does not try GL first and say it could not. */
  g_assert_null (strstr (err, "GL support disabled"));
  g_clear_pointer (&err, g_free);

  /* GL's probe keeps a few bytes in Mesa's driver for the process (see ui_env in
   * meson.build): not ours to report in a sanitized build. */
  env = g_environ_setenv (env, "GSK_RENDERER", "gl", TRUE);
  asan = g_strconcat (g_environ_getenv (env, "ASAN_OPTIONS") != NULL ? g_environ_getenv (env, "ASAN_OPTIONS") : "",
                      ":detect_leaks=0", NULL);
  env = g_environ_setenv (env, "ASAN_OPTIONS", asan, TRUE);
  chosen = first_frame_renderer (db, env, &err);
  g_assert_cmpstr (chosen, ==, "GskGLRenderer");
  remove_folder (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/software-gl/devices", test_devices);
  g_test_add_func ("/software-gl/choice", test_choice);
  g_test_add_func ("/software-gl/env-gl-off", test_env_gl_off);
  g_test_add_func ("/software-gl/apply/no-user-value", test_apply_no_user_value);
  g_test_add_func ("/software-gl/apply/user-value", test_apply_user_value);
  g_test_add_func ("/software-gl/launched-program", test_launched_program);
  g_test_add_func ("/software-gl/app-renderer", test_app_renderer);
  return g_test_run ();
}
