/* par-software-gl.c — no GL at all where GL could only be drawn in software.
 *
 * With no GPU device to open (no render node under /dev/dri, no NVIDIA device: a virtual machine,
 * a remote desktop, an office PC without its graphics driver, a sandbox without the device),
 * Mesa can only draw GL with llvmpipe, on the CPU. GTK 4.8 still opens an EGL display when it
 * opens the display, whichever renderer then draws: the driver and LLVM are loaded and
 * relocated, every new shader state is compiled by LLVM on the main thread, and the window's
 * pixels are then drawn by the CPU anyway. Measured under Xvfb (bench-startup, 11 interleaved
 * runs each, same session): start to first frame 384–388 ms with GL, 168–176 ms without;
 * CPU 409–412 ms against 156–172 ms; peak memory 188 MB against 53 MB. GTK itself stopped
 * using its newer GPU renderers on llvmpipe in 4.13.8.
 *
 * So where GL could only be software, and the user chose no renderer (GSK_RENDERER;
 * GDK_DEBUG's gl-disable up to GTK 4.15; GDK_DISABLE naming GL from 4.16, the only GTK that
 * reads it), Parscore asks GTK for no GL display: GDK_DEBUG's gl-disable and vulkan-disable up
 * to GTK 4.15, GDK_DISABLE's gl and vulkan (added to the user's) from 4.16, and
 * GSK_RENDERER=cairo. The programs Parscore starts get the user's variables back.
 * GSK_RENDERER=gl (or ngl) keeps GL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <gtk/gtk.h>

#include "par-software-gl.h"

/* What apply () changed, for the programs we start: each variable's name followed by the
 * user's own value (NULL when it was not set). Written once in main (), before any thread;
 * kept for the process. */
static GPtrArray *user_values;

static gboolean
set (const char *value)
{
  return value != NULL && *value != '\0';
}

/* Mesa's reading of a boolean variable: "0", "n", "no", "false" (any case) are false. */
static gboolean
env_true (const char *value)
{
  static const char *const no[] = { "0", "n", "no", "false" };

  if (!set (value))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (value, no[i]) == 0)
      return FALSE;
  return TRUE;
}

/* Whether @dev_dir holds a device a GL driver could draw on: a DRM render node (dri/renderD*),
 * NVIDIA's control device, or WSL's GPU (dxg, which Mesa's d3d12 driver draws on). A card node
 * alone is not one: every DRM driver Mesa draws with registers a render node beside it, while
 * the display-only ones register none (simpledrm on a PC without its graphics driver; bochs,
 * cirrus and Hyper-V's in a virtual machine; a server's BMC), and there GL is llvmpipe's. */
static gboolean
has_gpu_device (const char *dev_dir)
{
  static const char *const devices[] = { "nvidiactl", "dxg" };
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    {
      g_autofree char *path = g_build_filename (dev_dir, devices[i], NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  dir = g_dir_open (dri, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

gboolean
par_software_gl_only (const ParSoftwareGlProbe *probe)
{
  g_return_val_if_fail (probe != NULL, FALSE);

  return env_true (probe->always_software) || !has_gpu_device (probe->dev_dir);
}

/* GTK reads GDK_DISABLE from 4.16 on, where GDK_DEBUG lost gl-disable and vulkan-disable;
 * GTK 4.8 to 4.15 read only GDK_DEBUG's. */
#define DISABLE_MINOR 16

/* Whether @list (a GDK_DEBUG or GDK_DISABLE value, split as GTK splits it) names one of
 * @keys; *@all set when it holds "all". */
static gboolean
names_key (const char        *list,
           const char *const *keys,
           gboolean          *all)
{
  g_auto(GStrv) words = NULL;
  gboolean found = FALSE;

  *all = FALSE;
  if (!set (list))
    return FALSE;
  words = g_strsplit_set (list, ":;, \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (words[i], "all") == 0)
        *all = TRUE;
      for (guint k = 0; keys[k] != NULL; k++)
        if (g_ascii_strcasecmp (words[i], keys[k]) == 0)
          found = TRUE;
    }
  return found;
}

/* The key that turns GL off in the variable this GTK reads. */
static const char *const debug_gl_off[] = { "gl-disable", NULL };
static const char *const disable_gl_off[] = { "gl", NULL };
/* GDK_DISABLE's keys about GL (GTK 4.16): naming one is choosing how GL is opened. */
static const char *const disable_gl_keys[] = { "gl", "gl-api", "gles-api", "egl", "glx", "wgl", NULL };

gboolean
par_software_gl_env_gl_off (const ParSoftwareGlProbe *probe)
{
  gboolean all, named;

  g_return_val_if_fail (probe != NULL, FALSE);

  if (set (probe->gdk_backend) && g_str_has_prefix (probe->gdk_backend, "broadway"))
    return TRUE;
  /* "all" turns every key on but those named beside it. */
  if (probe->gtk_minor >= DISABLE_MINOR)
    named = names_key (probe->gdk_disable, disable_gl_off, &all);
  else
    named = names_key (probe->gdk_debug, debug_gl_off, &all);
  return named != all;
}

/* Whether the user chose how GTK draws: a renderer, or GL turned off or configured in the
 * variable this GTK reads (a variable it does not read is no choice); broadway has no GL. */
static gboolean
user_chose (const ParSoftwareGlProbe *probe)
{
  gboolean all;

  if (set (probe->gsk_renderer) || (set (probe->gdk_backend) && g_str_has_prefix (probe->gdk_backend, "broadway")))
    return TRUE;
  if (probe->gtk_minor >= DISABLE_MINOR)
    return names_key (probe->gdk_disable, disable_gl_keys, &all) || all;
  return names_key (probe->gdk_debug, debug_gl_off, &all) || all;
}

gboolean
par_software_gl_choose (const ParSoftwareGlProbe  *probe,
                        GStrv                     *changes)
{
  GPtrArray *out;

  g_return_val_if_fail (probe != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  *changes = NULL;
  if (user_chose (probe) || !par_software_gl_only (probe))
    return FALSE;
  out = g_ptr_array_new ();
  if (probe->gtk_minor >= DISABLE_MINOR && set (probe->gdk_disable))
    {
      static const char *const vulkan[] = { "vulkan", NULL };
      gboolean all;

      /* The user's, with GL (user_chose () saw it does not name it) and Vulkan added. */
      g_ptr_array_add (out, g_strconcat ("GDK_DISABLE=", probe->gdk_disable, ",gl",
                                         names_key (probe->gdk_disable, vulkan, &all) ? "" : ",vulkan",
                                         NULL));
    }
  else if (probe->gtk_minor >= DISABLE_MINOR)
    g_ptr_array_add (out, g_strdup ("GDK_DISABLE=gl,vulkan"));
  else if (set (probe->gdk_debug))
    g_ptr_array_add (out, g_strconcat ("GDK_DEBUG=", probe->gdk_debug, ":gl-disable:vulkan-disable", NULL));
  else
    g_ptr_array_add (out, g_strdup ("GDK_DEBUG=gl-disable:vulkan-disable"));
  /* Named, so that GSK goes to cairo without first trying GL and saying it could not. */
  g_ptr_array_add (out, g_strdup ("GSK_RENDERER=cairo"));
  g_ptr_array_add (out, NULL);
  *changes = (GStrv) g_ptr_array_free (out, FALSE);
  return TRUE;
}

void
par_software_gl_apply (void)
{
  ParSoftwareGlProbe probe = {
    .gsk_renderer = g_getenv ("GSK_RENDERER"),
    .gdk_debug = g_getenv ("GDK_DEBUG"),
    .gdk_disable = g_getenv ("GDK_DISABLE"),
    .gdk_backend = g_getenv ("GDK_BACKEND"),
    .always_software = g_getenv ("LIBGL_ALWAYS_SOFTWARE"),
    .dev_dir = "/dev",
    .gtk_minor = gtk_get_minor_version (),
  };
  g_auto(GStrv) changes = NULL;

  if (user_values != NULL || !par_software_gl_choose (&probe, &changes))
    return;
  user_values = g_ptr_array_new ();
  for (guint i = 0; changes[i] != NULL; i++)
    {
      char *equals = strchr (changes[i], '=');
      char *name = g_strndup (changes[i], equals - changes[i]);

      /* Pairs: the name, then the user's value or NULL. */
      g_ptr_array_add (user_values, name);
      g_ptr_array_add (user_values, g_strdup (g_getenv (name)));
      g_setenv (name, equals + 1, TRUE);
    }
}

gboolean
par_software_gl_changed (void)
{
  return user_values != NULL;
}

void
par_software_gl_restore_for (GAppLaunchContext *context)
{
  g_return_if_fail (G_IS_APP_LAUNCH_CONTEXT (context));

  for (guint i = 0; user_values != NULL && i + 1 < user_values->len; i += 2)
    {
      const char *name = g_ptr_array_index (user_values, i);
      const char *value = g_ptr_array_index (user_values, i + 1);

      if (value != NULL)
        g_app_launch_context_setenv (context, name, value);
      else
        g_app_launch_context_unsetenv (context, name);
    }
}
