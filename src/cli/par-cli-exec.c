/* par-cli-exec.c — parscore-cli demo|chart|export-pack: handing over to parscore-cli-render,
 * and `chart` in this process through its module.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gmodule.h>

#include "par-cli.h"

/* demo, chart and export-pack run in parscore-cli-render (see par-cli-render-main.c): beside
 * this program when it runs from a build folder, else in the package's libexec folder. */
int
par_cli_exec_render (ParCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *here = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *helper = NULL;
  const char *candidates[] = { g_getenv ("PARSCORE_CLI_RENDER"), NULL, LIBEXECDIR "/parscore-cli-render" };
  g_autofree char *beside = here != NULL ? g_build_filename (here, "parscore-cli-render", NULL) : NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  candidates[1] = beside;
  for (guint i = 0; i < G_N_ELEMENTS (candidates) && helper == NULL; i++)
    if (candidates[i] != NULL && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
      helper = g_strdup (candidates[i]);
  if (helper == NULL)
    {
      par_cli_error (_("%s: the program parscore-cli-render is not installed"), argv[0]);
      return 1;
    }
  g_ptr_array_add (args, helper);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, cli->db_path);
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);
  execv (helper, (char **) args->pdata);
  par_cli_error (_("%s: cannot run %s: %s"), argv[0], helper, g_strerror (errno));
  return 1;
}

/* `chart` draws in this process: the module brings cairo and Pango, and takes the core, the
 * store and these helpers from this program. Starting parscore-cli-render instead cost a
 * second program's start — mapping and relocating GLib, SQLite and libxml2 again, qpdf and
 * the C++ runtime with them — more than drawing the chart. Found beside this program in a
 * build folder, else in the package's module folder; without it, parscore-cli-render runs
 * the command as before. */
typedef int (*ParCliCommandFunc) (ParCli *cli, int argc, char **argv);

int
par_cli_run_chart (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *here = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = here != NULL ? g_module_build_path (here, "parscore-cli-chart") : NULL;
  g_autofree char *installed = g_module_build_path (PARSCORE_CLI_MODULEDIR, "parscore-cli-chart");
  const char *candidates[] = { g_getenv ("PARSCORE_CLI_CHART_MODULE"), beside, installed };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      ParCliCommandFunc run = NULL;
      GModule *module;

      if (candidates[i] == NULL || !g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
        continue;
      /* Lazy: of the functions cairo, Pango, HarfBuzz and fontconfig import, only those a
       * chart calls are looked up (GModule's default binds every one of them now). The
       * module and this program are built together, so none is missing. */
      module = g_module_open (candidates[i], G_MODULE_BIND_LOCAL | G_MODULE_BIND_LAZY);
      if (module == NULL)
        {
          g_debug ("chart module %s: %s", candidates[i], g_module_error ());
          continue;
        }
      if (g_module_symbol (module, "par_cli_cmd_chart", (gpointer *) &run) && run != NULL)
        return run (cli, argc, argv);   /* the module stays loaded until the process ends */
      g_module_close (module);
    }
  return par_cli_exec_render (cli, argc, argv);
}
