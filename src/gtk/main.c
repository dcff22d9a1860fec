/* main.c — Parscore's entry point.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include "par-application.h"
#include "par-heap.h"
#include "par-software-gl.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ParApplication) app = NULL;

  par_heap_prepare_for_app ();
  /* Before GTK reads its variables, and before any thread. */
  par_software_gl_apply ();
  par_application_init_i18n ();
  app = par_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
