/* par-cli-exec.c — parscore-cli demo|chart|export-pack: handing over to parscore-cli-render.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

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
