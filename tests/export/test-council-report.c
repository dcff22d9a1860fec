/* test-council-report.c — the council's report of a round (PDF, read back with poppler-glib)
 * and its full score table (XLSX, read back by read-xlsx.py), from a council database built
 * through parscore-cli by council-fixture.sh: three units, a tie at 90,00 %, the council's
 * comments and a unit's reply.
 *   test-council-report --tap PATH-TO-parscore-cli
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <libintl.h>
#include <locale.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "par-core.h"
#include "par-council-report.h"
#include "par-test-util.h"
#include "export-test-util.h"

#define COUNCIL "Hội đồng thẩm định Chỉ số CCHC tỉnh Bình Thuận"

static char *cli_path;
static char *dir;
static char *db_path;

static void
spawn_ok (const char *const *argv,
          char             **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
}

static void
make_fixture (void)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "export", "council-fixture.sh", NULL);
  g_autofree char *set = g_test_build_filename (G_TEST_DIST, "export", "data", "council-set.xml", NULL);
  const char *argv[] = { script, cli_path, set, NULL, NULL };
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("parscore-council-report-XXXXXX", &error);
  g_assert_no_error (error);
  argv[3] = dir;
  spawn_ok (argv, NULL);
  db_path = g_build_filename (dir, "council.db", NULL);
}

/* The text of every page. */
static GPtrArray *
pages_of (const char *path)
{
  PopplerDocument *doc = export_test_open_pdf (path);   /* poppler 22.12: no g_autoptr */
  GPtrArray *pages = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    g_ptr_array_add (pages, export_test_page_text (doc, i));
  g_object_unref (doc);
  return pages;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
assert_has (const char *text,
            const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not in:\n%s", needle, text);
}

/* PARSCORE_TEST_KEEP=DIR keeps a copy of each report written, to look at. */
static void
keep (const char *path,
      const char *name)
{
  const char *to = g_getenv ("PARSCORE_TEST_KEEP");
  g_autofree char *dest = NULL;
  g_autofree char *bytes = NULL;
  gsize len;

  if (to == NULL)
    return;
  dest = g_build_filename (to, name, NULL);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (dest, bytes, len, NULL));
}

static char *
write_report (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (db_path, &error);
  g_autoptr(GDateTime) date = g_date_time_new_local (2025, 1, 20, 9, 0, 0);
  g_autofree char *path = g_build_filename (dir, "báo cáo hội đồng.pdf", NULL);
  ParCouncilReportOptions options;

  g_assert_no_error (error);
  par_council_report_options_init (&options);
  options.council = COUNCIL;
  options.date = date;
  g_assert_true (par_council_report_write (store, 1, path, &options, NULL, &error));
  g_assert_no_error (error);
  keep (path, g_getenv ("LANGUAGE") != NULL ? "report-vi.pdf" : "report.pdf");
  return g_steal_pointer (&path);
}

static void
test_pages (void)
{
  g_autofree char *path = write_report ();
  g_autoptr(GPtrArray) pages = pages_of (path);
  const char *cover, *ranking, *fields, *lost;
  const char *noi_vu = NULL, *tai_chinh = NULL, *y_te = NULL;

  /* cover, ranking, fields, points lost, then exactly one page per unit */
  g_assert_cmpuint (pages->len, ==, 7);
  cover = pages->pdata[0], ranking = pages->pdata[1], fields = pages->pdata[2], lost = pages->pdata[3];

  assert_has (cover, COUNCIL);
  assert_has (cover, "20/01/2025");
  assert_has (cover, "Bộ chỉ số thử nghiệm báo cáo hội đồng");
  assert_has (cover, "parscore-council-test");
  assert_has (cover, "02/QĐ-TEST, 15/01/2024");
  assert_has (cover, "departments and boards");
  assert_has (cover, "closed: the scores are final");
  assert_has (cover, "3 (3 ranked)");
  assert_has (cover, "submissions 10/12/2024, replies 15/01/2025");
  assert_has (cover, "Page 1/7");

  /* the tie shares the first rank, the next unit is 3rd; index % with a decimal comma */
  g_assert_cmpuint (count (ranking, "1="), ==, 2);
  g_assert_cmpuint (count (ranking, "90,00 %"), ==, 2);
  assert_has (ranking, "61,11 %");
  g_assert_nonnull (strstr (ranking, "Sở Nội vụ"));
  g_assert_true (strstr (ranking, "Sở Y tế") > strstr (ranking, "Sở Nội vụ"));
  g_assert_true (strstr (ranking, "Sở Y tế") > strstr (ranking, "Sở Tài chính"));
  g_assert_true (strstr (ranking, "61,11 %") > strstr (ranking, "Sở Y tế"));
  assert_has (ranking, "Tốt");
  assert_has (ranking, "Khá");

  /* field 1: 3,50, 3,50 and 2,50 → average 3,17, spread 2,50 – 3,50, deviation 0,47 */
  assert_has (fields, "3,17");
  assert_has (fields, "2,50 – 3,50");
  assert_has (fields, "0,47");
  /* field 2: 3, 3 and 1 (2.1.2 does not apply to Sở Y tế) → 2,33; 1,00 – 3,00; 0,94 */
  assert_has (fields, "2,33");
  assert_has (fields, "1,00 – 3,00");
  assert_has (fields, "0,94");

  /* 1.1.2 lost most: 0,5 + 0,5 + 1 = 2,00 of 5,50 points lost on 5 sub-criteria */
  assert_has (lost, "5,50 points lost province-wide on 5 sub-criteria");
  g_assert_true (strstr (lost, "1.1.2") < strstr (lost, "3.1.2"));
  g_assert_true (strstr (lost, "3.1.2") < strstr (lost, "2.1.1"));
  assert_has (lost, "2,00");
  assert_has (lost, "36,36 %");
  g_assert_null (strstr (lost, "2.1.2"));

  for (guint i = 4; i < pages->len; i++)
    {
      const char *page = pages->pdata[i];

      if (strstr (page, "Sở Nội vụ") != NULL)
        noi_vu = page;
      if (strstr (page, "Sở Tài chính") != NULL)
        tai_chinh = page;
      if (strstr (page, "Sở Y tế") != NULL)
        y_te = page;
    }
  g_assert_nonnull (noi_vu);
  g_assert_nonnull (tai_chinh);
  g_assert_nonnull (y_te);
  g_assert_true (noi_vu != tai_chinh && tai_chinh != y_te && noi_vu != y_te);
  /* each unit's page: totals, the chart per field, the sub-criteria the council changed */
  assert_has (noi_vu, "10,00 / 10,00");
  assert_has (noi_vu, "9,00 / 10,00");
  assert_has (noi_vu, "Báo cáo quý III gửi chậm 12 ngày");
  assert_has (noi_vu, "Unit’s reply: Đã gửi ngày 10/10");
  assert_has (noi_vu, "Chưa kết nối cổng dịch vụ công");
  assert_has (noi_vu, "−0,50");
  assert_has (noi_vu, "2 sub-criteria appraised, 2 changed");
  assert_has (noi_vu, "Self-assessed");
  assert_has (tai_chinh, "The council kept every self-assessed score it appraised.");
  assert_has (y_te, "Tỷ lệ đúng hạn 85 %");
  assert_has (y_te, "3 of 3");
  assert_has (y_te, "final, submitted late");   /* late packages are marked */
  g_assert_null (strstr (noi_vu, "late"));
  assert_has (y_te, "5,50 / 9,00");
  assert_has (pages->pdata[6], "Page 7/7");
}

static void
test_cli_pdf (void)
{
  g_autofree char *out = NULL;
  g_autofree char *path = g_build_filename (dir, "cli.pdf", NULL);
  const char *argv[] = { cli_path, "--db", db_path, "round", "report", "--round", "1", "--date", "2025-02-03",
                         "--council", COUNCIL, "-o", path, NULL };
  g_autoptr(GPtrArray) pages = NULL;

  spawn_ok (argv, &out);
  assert_has (out, "Report of round 1 written to");
  pages = pages_of (path);
  g_assert_cmpuint (pages->len, ==, 7);
  assert_has (pages->pdata[0], "03/02/2025");
  assert_has (pages->pdata[0], COUNCIL);
}

static void
test_cli_refusals (void)
{
  g_autofree char *path = g_build_filename (dir, "never.pdf", NULL);
  const char *no_output[] = { cli_path, "--db", db_path, "round", "report", "--round", "1", NULL };
  const char *which[] = { cli_path, "--db", db_path, "round", "report", "-o", path, NULL };
  const char *bad_date[] = { cli_path, "--db", db_path, "round", "report", "--date", "20/01/2025",
                             "-o", path, NULL };
  const char *no_round[] = { cli_path, "--db", db_path, "round", "report", "--round", "9",
                             "-o", path, NULL };
  const char *const *cases[] = { no_output, which, bad_date, no_round };
  const char *says[] = { "-o FILE", "--round N", "2024-12-10", "9" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;
      int status = 0;
      g_autoptr(GError) error = NULL;

      g_spawn_sync (dir, (char **) cases[i], NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                    &err, &status, &error);
      g_assert_no_error (error);
      g_assert_false (g_spawn_check_wait_status (status, NULL));
      assert_has (err, says[i]);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* With LANGUAGE=vi the labels are the catalog's (the build tree's): words translated already. */
static void
test_vietnamese (void)
{
  g_autofree char *po = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) pages = NULL;

  bindtextdomain (GETTEXT_PACKAGE, po);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");   /* C.UTF-8 from the test's environment: LANGUAGE is read */
  path = write_report ();
  pages = pages_of (path);
  g_unsetenv ("LANGUAGE");
  g_assert_cmpuint (pages->len, ==, 7);
  assert_has (pages->pdata[1], "Hạng");
  assert_has (pages->pdata[1], "Đơn vị");
  assert_has (pages->pdata[1], "Xếp loại");
  assert_has (pages->pdata[1], "90,00 %");
  assert_has (pages->pdata[4], "Tự đánh giá");
  /* Plural messages too come from Parscore's catalog, not the program's default domain (the
   * CLI never calls textdomain ()). */
  assert_has (pages->pdata[4], "Đã thẩm định 2 tiêu chí thành phần, điều chỉnh 2");
  assert_has (pages->pdata[4], "Tiêu chí thành phần");
}

static void
test_no_round (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (db_path, &error);
  g_autofree char *pdf = g_build_filename (dir, "none.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "none.xlsx", NULL);

  g_assert_no_error (error);
  g_assert_false (par_council_report_write (store, 42, pdf, NULL, NULL, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (par_council_report_write_score_table (store, 42, xlsx, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (xlsx, G_FILE_TEST_EXISTS));
}

/* Round 2 (2025): Sở Y tế alone, not appraised yet — ranked on its own scores, marked so; its
 * change since 2024 is known; the units without 2025 are named, with no page. */
static void
test_not_appraised (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = par_store_open (db_path, &error);
  g_autofree char *path = g_build_filename (dir, "round 2.pdf", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  const char *ranking;

  g_assert_no_error (error);
  g_assert_true (par_council_report_write (store, 2, path, NULL, NULL, &error));
  g_assert_no_error (error);
  keep (path, "round-2.pdf");
  pages = pages_of (path);
  g_assert_cmpuint (pages->len, ==, 5);
  ranking = pages->pdata[1];
  assert_has (ranking, "change since 2024");
  assert_has (ranking, "90,00 % †");
  assert_has (ranking, "▲2");
  assert_has (ranking, "† Not appraised: self-assessed score");
  assert_has (ranking, "Not ranked (no final result): Sở Nội vụ, Sở Tài chính");
  assert_has (pages->pdata[4], "Sở Y tế");
  assert_has (pages->pdata[4], "The council has not appraised this unit.");
}

/* --- the score table ------------------------------------------------------------------------- */

static GHashTable *
read_xlsx (const char *path)
{
  g_autofree char *reader = g_test_build_filename (G_TEST_DIST, "export", "read-xlsx.py", NULL);
  g_autofree char *python = g_find_program_in_path ("python3");
  const char *argv[] = { python, reader, path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GHashTable *cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (python);
  spawn_ok (argv, &out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        g_hash_table_insert (cells, g_strndup (lines[i], tab - lines[i]), g_strdup (tab + 1));
    }
  return cells;
}

static void
assert_cell (GHashTable *cells,
             const char *ref,
             const char *text)
{
  const char *value = g_hash_table_lookup (cells, ref);

  if (g_strcmp0 (value, text) != 0)
    g_error ("%s is “%s”, not “%s”", ref, value != NULL ? value : "(empty)", text);
}

static void
assert_number (GHashTable *cells,
               const char *ref,
               double      expected)
{
  const char *value = g_hash_table_lookup (cells, ref);

  if (value == NULL)
    g_error ("%s is empty, not %.2f", ref, expected);
  g_assert_cmpfloat_with_epsilon (g_ascii_strtod (value, NULL), expected, 0.0001);
}

static void
test_xlsx (void)
{
  g_autofree char *path = g_build_filename (dir, "bảng điểm.xlsx", NULL);
  const char *argv[] = { cli_path, "--db", db_path, "round", "report", "--round", "1", "--xlsx", "-o",
                         path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GHashTable) cells = NULL;

  spawn_ok (argv, &out);
  assert_has (out, "Score table of round 1 written to");
  cells = read_xlsx (path);

  /* a sheet per score column: units as rows (by rank), sub-criteria as columns C…H */
  assert_cell (cells, "Final!A1", "Rank");
  assert_cell (cells, "Final!B1", "Unit");
  assert_cell (cells, "Final!C1", "1.1.1");
  assert_cell (cells, "Final!H1", "3.1.2");
  assert_cell (cells, "Final!I1", "Total");
  assert_cell (cells, "Final!K1", "Index %");
  assert_cell (cells, "Final!B2", "Maximum");
  assert_number (cells, "Final!G2", 1.5);
  assert_cell (cells, "Final!frozen", "C3");
  assert_cell (cells, "Final!autofilter", "A2:K5");
  /* the tie first, both 1st; then Sở Y tế, 3rd */
  assert_number (cells, "Final!A3", 1);
  assert_number (cells, "Final!A4", 1);
  assert_number (cells, "Final!A5", 3);
  assert_cell (cells, "Final!B5", "Sở Y tế");
  assert_number (cells, "Final!E5", 1);         /* 2.1.1 appraised 1 over 1,5 self */
  assert_cell (cells, "Final!F5", "N/A");       /* 2.1.2 does not apply */
  assert_number (cells, "Final!I5", 5.5);
  assert_number (cells, "Final!J5", 9);
  assert_number (cells, "Final!K5", 61.11);
  assert_number (cells, "Final!K3", 90);
  /* the province's rows after an empty one: 1.1.2 final 1,5 + 1,5 + 1 */
  g_assert_null (g_hash_table_lookup (cells, "Final!B6"));
  assert_cell (cells, "Final!B7", "Total");
  assert_number (cells, "Final!D7", 4);
  assert_number (cells, "Final!I7", 23.5);
  g_assert_null (g_hash_table_lookup (cells, "Final!K7"));
  assert_cell (cells, "Final!B8", "Average");
  assert_number (cells, "Final!D8", 1.33);
  assert_number (cells, "Final!K8", 80.37);
  /* appraised: only what the council scored; self-assessed: the units' own */
  assert_number (cells, "Appraised!E5", 1);
  g_assert_null (g_hash_table_lookup (cells, "Appraised!C5"));
  assert_number (cells, "Self-assessed!E5", 1.5);
  assert_number (cells, "Self-assessed!I5", 6);
  /* the sub-criteria's titles */
  assert_cell (cells, "Sub-criteria!A2", "1.1.1");
  assert_cell (cells, "Sub-criteria!C7", "Phần mềm một cửa điện tử kết nối với cổng dịch vụ công của tỉnh");
  assert_number (cells, "Sub-criteria!D7", 1.5);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: test-council-report [--tap] PATH-TO-parscore-cli");
  cli_path = argv[1];
  make_fixture ();
  g_test_add_func ("/council-report/pages", test_pages);
  g_test_add_func ("/council-report/cli-pdf", test_cli_pdf);
  g_test_add_func ("/council-report/cli-refusals", test_cli_refusals);
  g_test_add_func ("/council-report/no-round", test_no_round);
  g_test_add_func ("/council-report/not-appraised", test_not_appraised);
  g_test_add_func ("/council-report/xlsx", test_xlsx);
  g_test_add_func ("/council-report/vietnamese", test_vietnamese);   /* last: it binds the catalog */
  status = g_test_run ();
  par_test_remove_tree (dir);
  g_free (dir);
  g_free (db_path);
  return status;
}
