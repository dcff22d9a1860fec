/* test-durability.c — what the store promises about saved work (issue 9 #3).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-store-private.h"
#include "par-test-util.h"

typedef struct {
  char     *dir;
  char     *path;
  ParStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("parscore-durability-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "d.db", NULL);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
pragma (ParStore   *store,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (par_store_query_int (store, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

/* "Saved" must survive a power cut: in WAL mode that takes synchronous=FULL (the -wal is
 * fsynced at every commit); NORMAL only survives a crash of the program. A power cut cannot be
 * made in a test, so the test holds the setting every connection of the store gets. */
static void
test_synchronous_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) second = NULL;

  g_assert_cmpint (pragma (f->store, "PRAGMA synchronous"), ==, 2 /* FULL */);

  /* The app's writer thread opens its own connection: the same promise there. */
  second = par_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pragma (second, "PRAGMA synchronous"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  par_core_init_i18n ();

  g_test_add ("/durability/synchronous-full", Fixture, NULL, fixture_setup,
              test_synchronous_full, fixture_teardown);

  return g_test_run ();
}
