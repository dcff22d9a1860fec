/* par-data.c
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-data.h"

char *
par_data_find (const char *relative)
{
  const char *dirs[] = { g_getenv ("PARSCORE_DATADIR"), SOURCE_DATADIR, PKGDATADIR };

  g_return_val_if_fail (relative != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      if (dirs[i] == NULL || dirs[i][0] == '\0')
        continue;
      path = g_build_filename (dirs[i], relative, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}
