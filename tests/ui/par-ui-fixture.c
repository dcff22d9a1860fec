/* par-ui-fixture.c — the out-of-process UI tests' helper.
 *   par-ui-fixture create DB SET.xml     → prints the assessment id
 *   par-ui-fixture dump DB ASSESSMENT CODE → prints the stored entry (see ui-fixture.h)
 *   par-ui-fixture submit DB ASSESSMENT   → submits the year (it is locked against edits)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "ui-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  if (argc == 4 && g_str_equal (argv[1], "create"))
    {
      gint64 id = ui_fixture_create (argv[2], argv[3], &error);
      if (id <= 0)
        {
          fprintf (stderr, "par-ui-fixture: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GINT64_FORMAT "\n", id);
      return 0;
    }
  if (argc == 5 && g_str_equal (argv[1], "dump"))
    {
      g_autofree char *text = ui_fixture_dump_entry (argv[2], g_ascii_strtoll (argv[3], NULL, 10),
                                                     argv[4], &error);
      if (text == NULL)
        {
          fprintf (stderr, "par-ui-fixture: %s\n", error->message);
          return 1;
        }
      fputs (text, stdout);
      return 0;
    }
  if (argc == 4 && g_str_equal (argv[1], "submit"))
    {
      g_autoptr(ParStore) store = par_store_open (argv[2], &error);

      if (store == NULL
          || !par_store_set_status (store, g_ascii_strtoll (argv[3], NULL, 10), PAR_STATUS_SUBMITTED, &error))
        {
          fprintf (stderr, "par-ui-fixture: %s\n", error->message);
          return 1;
        }
      return 0;
    }
  fprintf (stderr, "usage: par-ui-fixture create DB SET.xml | dump DB ASSESSMENT CODE | submit DB ASSESSMENT\n");
  return 2;
}
