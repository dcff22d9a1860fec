/* test-xlsx-lib.c — libxlsxwriter and libzip are opened when a spreadsheet is first written or
 * read, not when a program starts (issue 11); a library that is missing, or lacks a function,
 * gives an error naming it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "par-core.h"
#include "par-xlsx-lib.h"

static gboolean
mapped (const char *soname)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, soname) != NULL;
}

/* Registered first: nothing before it has written or read a spreadsheet. */
static void
test_not_at_start (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (mapped (PAR_XLSXWRITER_SONAME));
  g_assert_false (mapped (PAR_LIBZIP_SONAME));
  g_assert_false (mapped ("libcrypto"));

  g_assert_true (par_xlsxwriter_load (&error));
  g_assert_no_error (error);
  g_assert_true (mapped (PAR_XLSXWRITER_SONAME));
  g_assert_false (mapped (PAR_LIBZIP_SONAME));
  g_assert_true (par_libzip_load (&error));
  g_assert_no_error (error);
  g_assert_true (mapped (PAR_LIBZIP_SONAME));
}

/* Through the pointers: a workbook written with libxlsxwriter, opened again with libzip. */
static void
test_write_and_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parscore-xlsx-lib-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bảng.xlsx", NULL);
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  zip_t *zip;
  zip_stat_t st;
  int zerr = 0;

  g_assert_true (par_xlsxwriter_load (&error));
  g_assert_true (par_libzip_load (&error));
  workbook = workbook_new (path);
  g_assert_nonnull (workbook);
  sheet = workbook_add_worksheet (workbook, "Sổ");
  g_assert_cmpint (worksheet_write_string (sheet, 0, 0, "Kế hoạch", NULL), ==, LXW_NO_ERROR);
  g_assert_cmpint (worksheet_write_number (sheet, 1, 0, 4.25, NULL), ==, LXW_NO_ERROR);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  g_assert_nonnull (zip);
  zip_stat_init (&st);
  g_assert_cmpint (zip_stat (zip, "xl/worksheets/sheet1.xml", 0, &st), ==, 0);
  g_assert_cmpuint (st.size, >, 0);
  zip_discard (zip);
  g_assert_cmpstr (lxw_strerror (LXW_NO_ERROR), !=, NULL);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_missing_library (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_xlsx_lib_check ("libparscore-no-such-library.so.0", "workbook_new", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "libparscore-no-such-library.so.0"));
  g_assert_nonnull (strstr (error->message, "XLSX"));
}

static void
test_missing_function (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_xlsx_lib_check (PAR_XLSXWRITER_SONAME, "workbook_new", &error));
  g_assert_no_error (error);
  g_assert_true (par_xlsx_lib_check (PAR_LIBZIP_SONAME, "zip_open", &error));
  g_assert_no_error (error);

  g_assert_false (par_xlsx_lib_check (PAR_LIBZIP_SONAME, "zip_no_such_function", &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, PAR_LIBZIP_SONAME));
  g_assert_nonnull (strstr (error->message, "zip_no_such_function"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xlsx-lib/not-at-start", test_not_at_start);
  g_test_add_func ("/xlsx-lib/write-and-read", test_write_and_read);
  g_test_add_func ("/xlsx-lib/missing-library", test_missing_library);
  g_test_add_func ("/xlsx-lib/missing-function", test_missing_function);
  return g_test_run ();
}
