/* test-rank.c — the one ranking (par_rank(), par_store_rank()): by index %, ties share a rank and
 * the next rank skips, bands, the change since the year before, the CSV and XLSX of it (issue 14).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-core.h"
#include "par-test-util.h"
#include "store-fixture.h"

/* The fixture's set (Cà Mau field 1, 7 points): yes/no items 1.1.2, 1.1.3 and 1.2.2 score 1
 * each; the others are left empty (0 of their maximum). */
static gint64 district_set_row;

static ParUnit *
read_unit (Fixture *f,
                              gint64   unit_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, unit_id);
  ParUnit *unit = par_store_find_unit (f->store, id, &error);

  g_assert_no_error (error);
  return unit;
}


/* The same set for districts, under an id of its own. */
static gint64
import_district_set (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = framework_bytes ();
  g_autoptr(GString) text = g_string_new_len (g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes));
  g_autoptr(GBytes) district = NULL;
  g_autoptr(ParFramework) framework = NULL;
  gint64 row;

  g_assert_cmpuint (g_string_replace (text, "<level>department</level>",
                                      "<level>district</level>", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "id=\"camau-2013-department-field1\"",
                                      "id=\"camau-test-district\"", 1), ==, 1);
  district = g_string_free_to_bytes (g_steal_pointer (&text));
  framework = par_framework_load_bytes (district, "district.xml", &error);
  g_assert_no_error (error);
  row = par_store_import_framework (f->store, framework, &error);
  g_assert_no_error (error);
  return row;
}

static gint64
add_year (Fixture    *f,
          gint64      unit_id,
          int         year,
          const char *met)    /* "110": 1.1.2 met, 1.1.3 met, 1.2.2 not */
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParUnit) unit = read_unit (f, unit_id);
  const char *codes[] = { "1.1.2", "1.1.3", "1.2.2" };
  gint64 id = par_store_create_assessment (f->store, unit_id, year,
                                           unit->level == PAR_LEVEL_DISTRICT ? district_set_row
                                                                             : f->framework_row,
                                           &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(ParEntry) entry = par_entry_new (codes[i]);

      par_entry_set_input (entry, "met", met[i] == '1' ? "true" : "false");
      g_assert_true (par_store_save_entry (f->store, id, entry, &error));
      g_assert_no_error (error);
    }
  return id;
}

static gint64
add_unit (Fixture    *f,
          const char *name,
          ParLevel    level)
{
  g_autoptr(GError) error = NULL;
  gint64 id = par_store_add_unit (f->store, name, level, &error);

  g_assert_no_error (error);
  return id;
}

static void
appraise (Fixture    *f,
          gint64      assessment_id,
          const char *code,
          ParPoints   points)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParEntry) entry = par_entry_new (code);

  entry->has_appraised = TRUE;
  entry->appraised = points;
  g_assert_true (par_store_save_council_scores (f->store, assessment_id, entry, &error));
  g_assert_no_error (error);
}

static const ParRankRow *
row_at (const ParRanking *ranking,
        guint             i)
{
  g_assert_cmpuint (i, <, ranking->rows->len);
  return g_ptr_array_index (ranking->rows, i);
}

static void
assert_row (const ParRanking *ranking,
            guint             i,
            const char       *name,
            guint             rank,
            gint64            index)
{
  const ParRankRow *row = row_at (ranking, i);

  g_assert_cmpstr (row->unit_name, ==, name);
  g_assert_cmpuint (row->rank, ==, rank);
  g_assert_cmpint (row->index, ==, index);
}

/* Four units of the fixture's kind: A (3 of 7), B and C (2 of 7 each), D (1 of 7), E without a
 * 2020; in 2019 D was best, then A, then B. */
typedef struct {
  gint64 a, b, c, d, e;
  gint64 a2020;
} Units;

static void
make_units (Fixture *f,
            Units   *u,
            ParLevel d_level)
{
  district_set_row = import_district_set (f);
  u->a = f->unit_id;   /* "Ban Quản lý các Khu công nghiệp", with the fixture's empty 2020 */
  u->b = add_unit (f, "Sở Tài chính", PAR_LEVEL_DEPARTMENT);
  u->c = add_unit (f, "Sở Nội vụ", PAR_LEVEL_DEPARTMENT);
  u->d = add_unit (f, "Huyện Nhơn Trạch", d_level);
  u->e = add_unit (f, "Thanh tra tỉnh", PAR_LEVEL_DEPARTMENT);

  {
    g_autoptr(GError) error = NULL;
    g_assert_true (par_store_remove_assessment (f->store, f->assessment_id, FALSE, NULL, &error));
    g_assert_no_error (error);
  }
  u->a2020 = add_year (f, u->a, 2020, "111");
  add_year (f, u->b, 2020, "110");
  add_year (f, u->c, 2020, "110");
  add_year (f, u->d, 2020, "100");

  add_year (f, u->d, 2019, "111");
  add_year (f, u->a, 2019, "110");
  add_year (f, u->b, 2019, "100");
}

static void
test_rank_ties (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) ranking = NULL;
  ParRankFilter filter = { 2020, NULL, 0, PAR_COLUMN_FINAL };
  Units u;
  int change;

  make_units (f, &u, PAR_LEVEL_DEPARTMENT);
  ranking = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);

  g_assert_cmpint (ranking->year, ==, 2020);
  g_assert_cmpint (ranking->previous_year, ==, 2019);
  g_assert_cmpuint (ranking->rows->len, ==, 5);
  g_assert_cmpuint (ranking->n_ranked, ==, 4);
  /* 3/7 = 42.86 %, 2/7 = 28.57 % twice (a shared 2nd: the next is 4th), 1/7 = 14.29 %. */
  assert_row (ranking, 0, "Ban Quản lý các Khu công nghiệp", 1, 4286);
  assert_row (ranking, 1, "Sở Nội vụ", 2, 2857);
  assert_row (ranking, 2, "Sở Tài chính", 2, 2857);
  assert_row (ranking, 3, "Huyện Nhơn Trạch", 4, 1429);
  assert_row (ranking, 4, "Thanh tra tỉnh", 0, -1);
  g_assert_false (row_at (ranking, 0)->tied);
  g_assert_true (row_at (ranking, 1)->tied);
  g_assert_true (row_at (ranking, 2)->tied);
  g_assert_false (row_at (ranking, 3)->tied);
  g_assert_cmpint (row_at (ranking, 4)->state, ==, PAR_RANK_NO_RESULT);
  g_assert_cmpint (row_at (ranking, 0)->points, ==, 300);
  g_assert_cmpint (row_at (ranking, 0)->max, ==, 700);
  g_assert_cmpint (row_at (ranking, 0)->unit_id, ==, u.a);
  g_assert_cmpint (row_at (ranking, 3)->level, ==, PAR_LEVEL_DEPARTMENT);
  /* Bands from the set: Yếu below 50 %. */
  g_assert_cmpstr (row_at (ranking, 0)->band->name, ==, "Yếu");
  /* No appraisal yet: the final index is the self-assessment's. */
  g_assert_true (row_at (ranking, 0)->final_not_appraised);

  /* 2019: D 1st, A 2nd, B 3rd; C had no year. */
  g_assert_true (par_rank_row_change (row_at (ranking, 0), &change));
  g_assert_cmpint (change, ==, 1);
  g_assert_cmpuint (row_at (ranking, 0)->previous_rank, ==, 2);
  g_assert_false (par_rank_row_change (row_at (ranking, 1), &change));   /* Sở Nội vụ */
  g_assert_true (par_rank_row_change (row_at (ranking, 2), &change));    /* Sở Tài chính */
  g_assert_cmpint (change, ==, 1);
  g_assert_true (par_rank_row_change (row_at (ranking, 3), &change));    /* 1st → 4th */
  g_assert_cmpint (change, ==, -3);
  g_assert_false (par_rank_row_change (row_at (ranking, 4), &change));
}

static void
test_rank_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) departments = NULL;
  g_autoptr(ParRanking) other_set = NULL;
  ParRankFilter filter = { 2020, NULL, PAR_LEVEL_DEPARTMENT, PAR_COLUMN_FINAL };
  Units u;

  make_units (f, &u, PAR_LEVEL_DISTRICT);
  departments = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);
  /* The district is left out, in 2020 and in 2019 (where it was first): B moves up from 3rd
   * to 2nd, not from 3rd. */
  g_assert_cmpuint (departments->rows->len, ==, 4);
  g_assert_null (par_ranking_find (departments, "Huyện Nhơn Trạch"));
  assert_row (departments, 2, "Sở Tài chính", 2, 2857);
  g_assert_cmpuint (row_at (departments, 2)->previous_rank, ==, 2);
  g_assert_cmpuint (row_at (departments, 0)->previous_rank, ==, 1);

  filter.set_id = "no-such-set";
  filter.levels = 0;
  other_set = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);
  /* Years scored with another set leave their units out; Thanh tra tỉnh has no year at all. */
  g_assert_cmpuint (other_set->n_ranked, ==, 0);
  g_assert_cmpuint (other_set->rows->len, ==, 1);
  g_assert_cmpstr (row_at (other_set, 0)->unit_name, ==, "Thanh tra tỉnh");
}

static void
test_rank_appraised (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) appraised = NULL;
  g_autoptr(ParRanking) final = NULL;
  ParRankFilter filter = { 2020, NULL, 0, PAR_COLUMN_APPRAISED };
  Units u;

  make_units (f, &u, PAR_LEVEL_DEPARTMENT);
  /* The council takes 1.1.2 of A away: A's final is 2 of 7, like B and C. */
  appraise (f, u.a2020, "1.1.2", 0);
  appraise (f, u.a2020, "1.1.3", 100);
  appraise (f, u.a2020, "1.2.2", 100);

  appraised = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);
  /* Only A has appraised scores; the others are not appraised, never ranked on self scores. */
  g_assert_cmpuint (appraised->n_ranked, ==, 1);
  assert_row (appraised, 0, "Ban Quản lý các Khu công nghiệp", 1, 6667);   /* 2 of 3 appraised */
  g_assert_cmpint (row_at (appraised, 1)->state, ==, PAR_RANK_NOT_APPRAISED);
  g_assert_cmpint (row_at (appraised, 4)->state, ==, PAR_RANK_NO_RESULT);

  filter.column = PAR_COLUMN_FINAL;
  final = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);
  /* Three units share the 1st rank; the next is 4th. Within a rank, by name. */
  assert_row (final, 0, "Ban Quản lý các Khu công nghiệp", 1, 2857);
  assert_row (final, 1, "Sở Nội vụ", 1, 2857);
  assert_row (final, 2, "Sở Tài chính", 1, 2857);
  assert_row (final, 3, "Huyện Nhơn Trạch", 4, 1429);
  g_assert_false (row_at (final, 0)->final_not_appraised);
  g_assert_true (row_at (final, 1)->final_not_appraised);
}

/* par_rank() on results alone, as the ranking chart calls it. */
static void
test_rank_results (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  g_autoptr(ParRanking) ranking = NULL;
  g_autoptr(ParRanking) empty = NULL;
  Units u;

  make_units (f, &u, PAR_LEVEL_DEPARTMENT);
  g_ptr_array_add (names, (gpointer) "Z without a year");
  g_ptr_array_add (results, NULL);
  g_ptr_array_add (names, (gpointer) "A's twin");
  g_ptr_array_add (results, par_store_score_assessment (f->store, u.a2020, &error));
  g_ptr_array_add (names, (gpointer) "A");
  g_ptr_array_add (results, par_store_score_assessment (f->store, u.a2020, &error));
  g_assert_no_error (error);

  ranking = par_rank (names, results, 2020, PAR_COLUMN_SELF);
  assert_row (ranking, 0, "A", 1, 4286);
  assert_row (ranking, 1, "A's twin", 1, 4286);
  assert_row (ranking, 2, "Z without a year", 0, -1);
  g_assert_cmpuint (row_at (ranking, 0)->input_index, ==, 2);
  g_assert_cmpuint (row_at (ranking, 2)->input_index, ==, 0);
  g_assert_cmpint (row_at (ranking, 0)->unit_id, ==, 0);
  g_assert_cmpint (ranking->previous_year, ==, 0);

  g_ptr_array_set_size (names, 0);
  g_ptr_array_set_size (results, 0);
  empty = par_rank (names, results, 2020, PAR_COLUMN_FINAL);
  g_assert_cmpuint (empty->rows->len, ==, 0);
  g_assert_cmpuint (empty->n_ranked, ==, 0);
}

static void
test_rank_csv (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) ranking = NULL;
  ParRankFilter filter = { 2020, NULL, 0, PAR_COLUMN_FINAL };
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;
  Units u;

  make_units (f, &u, PAR_LEVEL_DISTRICT);
  ranking = par_store_rank (f->store, &filter, &error);
  g_assert_no_error (error);
  csv = par_ranking_to_csv (ranking);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "\xEF\xBB\xBFrank,unit,level,criteria_set,points,max,index,band,"
                                 "previous_rank,change,state");
  g_assert_cmpstr (lines[1], ==, "1,Ban Quản lý các Khu công nghiệp,department,"
                                 "camau-2013-department-field1,3.00,7.00,42.86,Yếu,2,1,ranked");
  g_assert_cmpstr (lines[2], ==, "2,Sở Nội vụ,department,camau-2013-department-field1,2.00,7.00,"
                                 "28.57,Yếu,,,ranked");
  g_assert_cmpstr (lines[3], ==, "2,Sở Tài chính,department,camau-2013-department-field1,2.00,"
                                 "7.00,28.57,Yếu,3,1,ranked");
  g_assert_cmpstr (lines[4], ==, "4,Huyện Nhơn Trạch,district,camau-test-district,1.00,"
                                 "7.00,14.29,Yếu,1,-3,ranked");
  g_assert_cmpstr (lines[5], ==, ",Thanh tra tỉnh,department,,,,,,,,no-result");
  g_assert_cmpstr (lines[6], ==, "");

  /* The spreadsheet: a zip (PK) whose shared strings hold the names, written whole. */
  xlsx = g_build_filename (f->tmpdir, "xếp hạng.xlsx", NULL);
  g_assert_true (par_ranking_write_xlsx (ranking, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx, &bytes, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (bytes, 2, "PK", 2);
  {
    /* Nothing but the database's folder and the spreadsheet: no temporary file left. */
    g_autoptr(GDir) dir = g_dir_open (f->tmpdir, 0, &error);
    const char *name;
    guint n = 0;

    g_assert_no_error (error);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_true (g_str_equal (name, "xếp hạng.xlsx") || g_str_equal (name, "Dữ liệu CCHC"));
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }

  /* A folder that does not exist: an error naming the file, nothing left behind. */
  {
    g_autofree char *bad = g_build_filename (f->tmpdir, "không có", "x.xlsx", NULL);

    g_assert_false (par_ranking_write_xlsx (ranking, bad, &error));
    g_assert_error (error, PAR_ERROR, PAR_ERROR_IO);
    g_assert_nonnull (strstr (error->message, "x.xlsx"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/rank/ties", Fixture, NULL, fixture_set_up, test_rank_ties, fixture_tear_down);
  g_test_add ("/rank/filters", Fixture, NULL, fixture_set_up, test_rank_filters,
              fixture_tear_down);
  g_test_add ("/rank/appraised", Fixture, NULL, fixture_set_up, test_rank_appraised,
              fixture_tear_down);
  g_test_add ("/rank/results", Fixture, NULL, fixture_set_up, test_rank_results,
              fixture_tear_down);
  g_test_add ("/rank/csv-xlsx", Fixture, NULL, fixture_set_up, test_rank_csv, fixture_tear_down);
  return g_test_run ();
}
