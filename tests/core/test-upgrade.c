/* test-upgrade.c — format-1 sets written in format 2 (parscore-cli upgrade-set): the format-1
 * sets (the shipped Cà Mau set, and the sample set as it was shipped in format 1,
 * tests/core/data/sample-department-1.xml), byte for byte apart from the namespace, and every
 * stored year of a demo database built with the format-1 sample set scored identically with
 * the upgraded set. The shipped sample set is in format 2 itself now.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "par-core.h"
#include "par-register-due.h"

static char *
shipped (const char *name)
{
  return g_build_filename (g_getenv ("PARSCORE_DATADIR"), "frameworks", name, NULL);
}

/* The sample set as shipped in format 1. */
static char *
sample_v1 (void)
{
  return g_test_build_filename (G_TEST_DIST, "core", "data", "sample-department-1.xml", NULL);
}

static GBytes *
upgrade_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) fw = par_framework_load_file (path, &error);
  GBytes *out;

  g_assert_no_error (error);
  out = par_framework_upgrade_bytes (par_framework_get_source (fw), path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
test_shipped (void)
{
  g_autofree char *v1 = sample_v1 ();
  g_autofree char *camau = shipped ("camau-2013-field1.xml");
  const char *names[] = { v1, camau };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_strdup (names[i]);
      g_autofree char *original = NULL;
      g_autoptr(GBytes) upgraded = upgrade_file (path);
      g_autoptr(GString) expected = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ParFramework) fw = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (path, &original, &len, NULL));
      /* The same bytes, the namespace aside. */
      expected = g_string_new_len (original, (gssize) len);
      g_assert_cmpuint (g_string_replace (expected, "\"urn:x-parscore:criteria-set:1\"",
                                          "\"urn:x-parscore:criteria-set:2\"", 1), ==, 1);
      g_assert_cmpmem (g_bytes_get_data (upgraded, NULL), g_bytes_get_size (upgraded),
                       expected->str, expected->len);
      fw = par_framework_load_bytes (upgraded, names[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (par_framework_get_format_version (fw), ==, 2);
    }
}

static void
test_refused (void)
{
  g_autofree char *path = sample_v1 ();
  g_autofree char *v2_path = shipped ("sample-department.xml");
  g_autoptr(GBytes) upgraded = upgrade_file (path);
  g_autoptr(ParFramework) shipped_v2 = par_framework_load_file (v2_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) again = par_framework_upgrade_bytes (upgraded, "v2.xml", &error);
  g_autoptr(GBytes) broken = g_bytes_new_static ("<criteria-set/>", 15);
  g_autoptr(GBytes) none = NULL;

  g_assert_null (again);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_assert_cmpstr (error->message, ==, "v2.xml: the criteria set is in format 2 already");
  g_clear_error (&error);
  /* The shipped sample set is format 2 already. */
  g_assert_nonnull (shipped_v2);
  g_assert_cmpuint (par_framework_get_format_version (shipped_v2), ==, 2);
  g_assert_null (par_framework_upgrade_bytes (par_framework_get_source (shipped_v2), v2_path, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
  g_clear_error (&error);
  none = par_framework_upgrade_bytes (broken, "b.xml", &error);
  g_assert_null (none);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_FORMAT);
}

static void
assert_same_result (ParResult  *a,
                    ParResult  *b,
                    const char *where)
{
  GPtrArray *leaves = par_framework_get_leaves (par_result_get_framework (a));

  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *node = g_ptr_array_index (leaves, i);
      const ParLeafScore *x = par_result_get_leaf (a, node->code);
      const ParLeafScore *y = par_result_get_leaf (b, node->code);

      g_assert_nonnull (y);
      if (x->state != y->state || x->has_self != y->has_self || x->self != y->self ||
          x->has_final != y->has_final || x->final != y->final ||
          x->applicable_max != y->applicable_max || g_strcmp0 (x->explanation, y->explanation) != 0)
        g_error ("%s %s: format 1 gives state %d, %" G_GINT64_FORMAT " (%s); format 2 state %d, %"
                 G_GINT64_FORMAT " (%s)", where, node->code, x->state, x->self, x->explanation,
                 y->state, y->self, y->explanation);
    }
  for (guint c = 0; c < PAR_N_SCORE_COLUMNS; c++)
    {
      const ParNodeTotal *ta = par_result_get_total (a, NULL);
      const ParNodeTotal *tb = par_result_get_total (b, NULL);
      g_assert_cmpint (par_node_total_points (ta, c), ==, par_node_total_points (tb, c));
      g_assert_cmpint (par_node_total_index (ta, c), ==, par_node_total_index (tb, c));
    }
}

/* Every stored year of a demo built with the format-1 sample set (a data folder of its own
 * holding it), scored with its stored set and with that set upgraded. */
static void
test_demo_database (void)
{
  /* The build's parscore-cli: G_TEST_BUILDDIR is <build>/tests. */
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "parscore-cli", NULL);
  g_autofree char *dir = g_dir_make_tmp ("parscore-upgrade-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autofree char *datadir = g_build_filename (dir, "data", NULL);
  g_autofree char *frameworks = g_build_filename (datadir, "frameworks", NULL);
  g_autofree char *v1_path = sample_v1 ();
  g_autofree char *v1_copy = g_build_filename (frameworks, "sample-department.xml", NULL);
  g_autofree char *v1_text = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PARSCORE_DATADIR", datadir, TRUE);
  char *argv[] = { cli, (char *) "--db", db, (char *) "demo", NULL };
  int status = -1;
  guint years = 0, scored = 0;
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (frameworks, 0700), ==, 0);
  g_assert_true (g_file_get_contents (v1_path, &v1_text, &len, NULL));
  g_assert_true (g_file_set_contents (v1_copy, v1_text, (gssize) len, NULL));
  g_assert_true (g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("demo failed: %s", err);

  store = par_store_open (db, &error);
  g_assert_no_error (error);
  units = par_store_list_units (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units->len, >, 0);
  for (guint u = 0; u < units->len; u++)
    {
      const ParUnit *unit = g_ptr_array_index (units, u);
      g_autoptr(GPtrArray) assessments = par_store_list_assessments (store, unit->id, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < assessments->len; k++)
        {
          const ParAssessment *as = g_ptr_array_index (assessments, k);
          g_autoptr(ParFramework) v1 = par_store_load_framework (store, as->framework_row, &error);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(ParFramework) v2 = NULL;
          g_autoptr(GPtrArray) entries = NULL;
          g_autoptr(ParResult) r1 = NULL;
          g_autoptr(ParResult) r2 = NULL;
          g_autoptr(ParResult) r2_context = NULL;
          g_autoptr(ParFigureResult) figures = NULL;
          g_autofree char *where = g_strdup_printf ("unit %" G_GINT64_FORMAT " year %d", unit->id, as->year);
          ParScoreContext ctx = { as->year, NULL, NULL };

          g_assert_no_error (error);
          g_assert_cmpuint (par_framework_get_format_version (v1), ==, 1);
          bytes = par_framework_upgrade_bytes (par_framework_get_source (v1), "stored", &error);
          g_assert_no_error (error);
          v2 = par_framework_load_bytes (bytes, "upgraded", &error);
          g_assert_no_error (error);
          entries = par_store_get_entries (store, as->id, &error);
          g_assert_no_error (error);
          r1 = par_score (v1, entries);
          r2 = par_score (v2, entries);
          assert_same_result (r1, r2, where);
          /* With a context (the year, no figures): the same again. */
          figures = par_figures_evaluate (v2, NULL);
          ctx.figures = figures;
          r2_context = par_score_with (v2, entries, &ctx);
          assert_same_result (r1, r2_context, where);
          years++;
          scored += entries->len;
        }
    }
  g_assert_cmpuint (years, >=, 3);
  g_assert_cmpuint (scored, >, 0);
  g_test_message ("%u stored years, %u entries scored identically", years, scored);
  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

static void
spawn_demo (const char *db,
            GStrv       env)
{
  g_autofree char *cli = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "parscore-cli", NULL);
  char *argv[] = { cli, (char *) "--db", (char *) db, (char *) "demo", NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, argv, env, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("demo failed: %s", err);
}

/* The format-1 year's 3.3.1 / 3.3.2 inputs: whether its late files are its files resolved less
 * those on time, as the format-2 set's procedure statistics make them. */
static gboolean
late_files_add_up (ParStore *store,
                   gint64    assessment_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = par_store_get_entries (store, assessment_id, &error);
  const char *on_time = NULL, *resolved = NULL, *late = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const ParEntry *e = g_ptr_array_index (entries, i);
      if (g_str_equal (e->code, "3.3.1"))
        on_time = par_entry_get_input (e, "on_time"), resolved = par_entry_get_input (e, "resolved");
      else if (g_str_equal (e->code, "3.3.2"))
        late = par_entry_get_input (e, "late");
    }
  g_assert_nonnull (on_time);
  g_assert_nonnull (resolved);
  g_assert_nonnull (late);
  return g_ascii_strtoll (resolved, NULL, 10) - g_ascii_strtoll (on_time, NULL, 10) ==
         g_ascii_strtoll (late, NULL, 10);
}

/* The demo moved to the format-2 sample set with the office's books: what 1.1.1, 1.1.3, 1.2.1,
 * 3.3.1–3.3.3 and 8.3.2 read is written as register rows (plan tasks, reports sent, procedure
 * statistics, survey forms) instead of inputs, from the same draws. Every stored year of every
 * unit scores as the demo built with the format-1 set does — every leaf's state, self, final and
 * applicable maximum, and the totals per column; the explanations too, but for the leaves that
 * now name the figures they read. One exception, by design: the books cannot disagree with
 * themselves, so 3.3.2's late files are the files resolved less those on time. Where the
 * format-1 draw of them did not add up (a generated year), 3.3.2 scores over the books' late
 * files; then only the self-assessed column of the other leaves is compared (the council's
 * draws follow 3.3.2's score). */
static void
test_demo_format2_same_scores (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-upgrade-XXXXXX", NULL);
  g_autofree char *db1 = g_build_filename (dir, "v1.db", NULL);
  g_autofree char *db2 = g_build_filename (dir, "v2.db", NULL);
  g_autofree char *datadir = g_build_filename (dir, "data", NULL);
  g_autofree char *frameworks = g_build_filename (datadir, "frameworks", NULL);
  g_autofree char *v1 = sample_v1 ();
  g_autofree char *v1_copy = g_build_filename (frameworks, "sample-department.xml", NULL);
  g_autofree char *v1_text = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "PARSCORE_DATADIR", datadir, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) s1 = NULL;
  g_autoptr(ParStore) s2 = NULL;
  g_autoptr(GPtrArray) units1 = NULL;
  g_autoptr(GPtrArray) units2 = NULL;
  guint years = 0, leaves_compared = 0, years_alike = 0;
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (frameworks, 0700), ==, 0);
  g_assert_true (g_file_get_contents (v1, &v1_text, &len, NULL));
  g_assert_true (g_file_set_contents (v1_copy, v1_text, (gssize) len, NULL));
  spawn_demo (db1, env);
  spawn_demo (db2, NULL);

  s1 = par_store_open (db1, &error);
  g_assert_no_error (error);
  s2 = par_store_open (db2, &error);
  g_assert_no_error (error);
  units1 = par_store_list_units (s1, &error);
  g_assert_no_error (error);
  units2 = par_store_list_units (s2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (units1->len, ==, units2->len);
  for (guint u = 0; u < units1->len; u++)
    {
      const ParUnit *u1 = g_ptr_array_index (units1, u);
      const ParUnit *u2 = g_ptr_array_index (units2, u);
      g_autoptr(GPtrArray) as1 = par_store_list_assessments (s1, u1->id, &error);
      g_autoptr(GPtrArray) as2 = par_store_list_assessments (s2, u2->id, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (u1->name, ==, u2->name);
      g_assert_cmpuint (as1->len, ==, as2->len);
      for (guint k = 0; k < as1->len; k++)
        {
          const ParAssessment *a1 = g_ptr_array_index (as1, k);
          const ParAssessment *a2 = g_ptr_array_index (as2, k);
          g_autoptr(ParResult) r1 = par_store_score_assessment (s1, a1->id, &error);
          g_autoptr(ParResult) r2 = NULL;
          g_autoptr(ParFigureResult) figures = NULL;
          GPtrArray *leaves;
          gboolean alike;

          g_assert_no_error (error);
          r2 = par_store_score_assessment (s2, a2->id, &error);
          g_assert_no_error (error);
          g_assert_cmpint (a1->year, ==, a2->year);
          g_assert_cmpint (a1->status, ==, a2->status);
          g_assert_cmpuint (par_framework_get_format_version (par_result_get_framework (r1)), ==, 1);
          g_assert_cmpuint (par_framework_get_format_version (par_result_get_framework (r2)), ==, 2);
          leaves = par_framework_get_leaves (par_result_get_framework (r1));
          alike = late_files_add_up (s1, a1->id);
          years_alike += alike;
          for (guint i = 0; i < leaves->len; i++)
            {
              const ParNode *node = g_ptr_array_index (leaves, i);
              const ParLeafScore *x = par_result_get_leaf (r1, node->code);
              const ParLeafScore *y = par_result_get_leaf (r2, node->code);
              static const char *const from_books[] = { "1.1.1", "1.1.3", "1.2.1", "3.3.1",
                                                         "3.3.2", "3.3.3", "8.3.2", NULL };
              gboolean reads_figures = g_strv_contains (from_books, node->code);

              g_assert_nonnull (y);
              if (!alike && g_str_equal (node->code, "3.3.2"))
                {
                  g_assert_cmpint (y->state, ==, PAR_SCORE_SCORED);
                  continue;
                }
              /* The draft year's books are those of mid-year (half the plan done, two reports
               * sent): its plan and reports leaves read them, not the year's draws. */
              if (a2->status == PAR_STATUS_DRAFT &&
                  (g_str_equal (node->code, "1.1.3") || g_str_equal (node->code, "1.2.1")))
                {
                  g_assert_cmpint (y->state, ==, PAR_SCORE_SCORED);
                  continue;
                }
              if (x->state != y->state || x->has_self != y->has_self || x->self != y->self ||
                  (alike && (x->has_final != y->has_final || x->final != y->final)) ||
                  x->applicable_max != y->applicable_max ||
                  (!reads_figures && g_strcmp0 (x->explanation, y->explanation) != 0))
                g_error ("%s %d %s: format 1 %d, %" G_GINT64_FORMAT " (%s); format 2 %d, %"
                         G_GINT64_FORMAT " (%s)", u1->name, a1->year, node->code, x->state,
                         x->self, x->explanation, y->state, y->self, y->explanation);
              leaves_compared++;
            }
          for (guint c = 0; alike && a2->status != PAR_STATUS_DRAFT && c < PAR_N_SCORE_COLUMNS; c++)
            {
              g_assert_cmpint (par_node_total_points (par_result_get_total (r1, NULL), c), ==,
                               par_node_total_points (par_result_get_total (r2, NULL), c));
              g_assert_cmpint (par_node_total_index (par_result_get_total (r1, NULL), c), ==,
                               par_node_total_index (par_result_get_total (r2, NULL), c));
            }
          /* …and the format-2 year's checks hold (a failed error check would block submitting). */
          figures = par_store_evaluate_figures (s2, a2->id, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < par_figure_result_n_checks (figures); i++)
            g_assert_cmpint (par_figure_result_get_check (figures, i)->state, ==, PAR_CHECK_PASSED);
          /* …and its late files are the files resolved less those on time. */
          {
            ParFramework *fw2 = par_result_get_framework (r2);
            const char *late = par_figure_result_get_canonical (
              figures, par_framework_lookup_figure (fw2, "files_late"));
            const char *resolved = par_figure_result_get_canonical (
              figures, par_framework_lookup_figure (fw2, "files_resolved"));
            const char *on_time = par_figure_result_get_canonical (
              figures, par_framework_lookup_figure (fw2, "files_on_time"));

            g_assert_nonnull (late);
            g_assert_cmpint (g_ascii_strtoll (late, NULL, 10), ==,
                             g_ascii_strtoll (resolved, NULL, 10) - g_ascii_strtoll (on_time, NULL, 10));
          }
          years++;
        }
    }
  g_assert_cmpuint (years, ==, 7);
  /* The board's real 2020 adds up (9,836 on time + 12 late = 9,848 resolved): compared whole. */
  g_assert_cmpuint (years_alike, >=, 1);
  g_test_message ("%u years, %u leaves scored alike", years, leaves_compared);
  g_clear_object (&s1);
  g_clear_object (&s2);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

static char *
figure_text (ParFigureResult *result,
             ParFramework    *fw,
             const char      *id)
{
  const ParFigure *figure = par_framework_lookup_figure (fw, id);
  ParExprValue v;

  g_assert_nonnull (figure);
  v = par_figure_result_get_value (result, figure);
  return par_expr_value_format (&v, '.');
}

/* The board's draft year (2022) looks as an office's books do at mid-year (31/07/2022): about
 * half the plan done, some tasks overdue and some due within 30 days (the Books page's mid-year
 * view), the first two periodic reports sent and the later two not yet; its plan and reports
 * sub-criteria score what those books say. */
static void
assert_draft_at_mid_year (ParStore  *store,
                          GPtrArray *years)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRegisterRows) plan = NULL;
  g_autoptr(ParRegisterRows) reports = NULL;
  g_autoptr(ParResult) result = NULL;
  const ParAssessment *draft = NULL;
  const ParRegister *reg;
  guint done = 0, overdue = 0, soon = 0, later = 0, deadline, done_column;

  for (guint i = 0; i < years->len; i++)
    if (((ParAssessment *) g_ptr_array_index (years, i))->status == PAR_STATUS_DRAFT)
      draft = g_ptr_array_index (years, i);
  g_assert_nonnull (draft);
  g_assert_cmpint (draft->year, ==, 2022);
  result = par_store_score_assessment (store, draft->id, &error);
  g_assert_no_error (error);
  reg = par_framework_lookup_register (par_result_get_framework (result), "plan_tasks");
  g_assert_true (par_register_due_columns (reg, &deadline, &done_column));
  plan = par_store_get_register_rows (store, draft->id, "plan_tasks", &error);
  g_assert_no_error (error);
  for (guint r = 0; r < par_register_rows_count (plan); r++)
    {
      const char * const *cells = par_register_rows_get_row (plan, r);

      switch (par_register_row_due (reg, cells, "2022-07-31", PAR_DUE_SOON_DAYS, NULL))
        {
        case PAR_DUE_OVERDUE: overdue++; break;
        case PAR_DUE_SOON: soon++; break;
        default:
          if (cells[done_column] != NULL && cells[done_column][0] != '\0')
            done++;
          else
            later++;
          break;
        }
    }
  g_assert_cmpuint (par_register_rows_count (plan), ==, 112);
  g_assert_cmpuint (done, ==, 50);       /* the plan's issue (10/01/2022) and 49 tasks */
  g_assert_cmpuint (overdue, ==, 12);
  g_assert_cmpuint (soon, ==, 10);       /* due in August */
  g_assert_cmpuint (later, ==, 40);
  g_assert_cmpstr (par_register_rows_get (plan, 0, done_column), ==, "2022-01-10");

  reports = par_store_get_register_rows (store, draft->id, "reports_sent", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (reports), ==, 4);
  g_assert_cmpstr (par_register_rows_get (reports, 0, 3), ==, "2022-03-13");   /* Q1 */
  g_assert_cmpstr (par_register_rows_get (reports, 1, 3), ==, "2022-06-13");   /* 6 months */
  /* Not sent yet (an empty cell): Q3's and the year's, without a number. */
  g_assert_cmpstr (par_register_rows_get (reports, 2, 0), ==, "Báo cáo cải cách hành chính quý III năm 2022");
  g_assert_null (par_register_rows_get (reports, 2, 3));
  g_assert_null (par_register_rows_get (reports, 3, 3));
  g_assert_null (par_register_rows_get (reports, 3, 4));

  /* 50 of 112 tasks done (44.64 %) is under 1.1.3's lowest tier; 2 reports on time, 1.2.1's 0. */
  g_assert_cmpint (par_result_get_leaf (result, "1.1.3")->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (par_result_get_leaf (result, "1.1.3")->self, ==, 0);
  g_assert_cmpint (par_result_get_leaf (result, "1.2.1")->self, ==, 0);
  g_assert_cmpint (par_result_get_leaf (result, "1.1.1")->self, ==, 100);
}

/* The demo keeps the board's books: its 2020 reads 4,891 of 4,898 on time from four quarters of
 * procedure statistics (H1 the seed's), 3.3.1 scores 2.00 from them, and every register has rows
 * that look like an office's (the plan issued by KH 01/KH-KCNĐN on 14/01/2020, the four periodic
 * reports with their numbers, 40 survey forms). */
static void
test_demo_books (void)
{
  g_autofree char *dir = g_dir_make_tmp ("parscore-demo-books-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(ParRegisterRows) stats = NULL;
  g_autoptr(ParRegisterRows) plan = NULL;
  g_autoptr(ParRegisterRows) reports = NULL;
  g_autoptr(ParRegisterRows) forms = NULL;
  g_autoptr(ParFigureResult) figures = NULL;
  g_autoptr(ParResult) result = NULL;
  g_autofree char *on_time = NULL, *resolved = NULL, *late = NULL;
  const ParAssessment *y2020 = NULL;
  const ParLeafScore *leaf;

  spawn_demo (db, NULL);
  store = par_store_open (db, &error);
  g_assert_no_error (error);
  units = par_store_list_units (store, &error);
  g_assert_no_error (error);
  years = par_store_list_assessments (store, ((ParUnit *) g_ptr_array_index (units, 0))->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < years->len; i++)
    if (((ParAssessment *) g_ptr_array_index (years, i))->year == 2020)
      y2020 = g_ptr_array_index (years, i);
  g_assert_nonnull (y2020);

  stats = par_store_get_register_rows (store, y2020->id, "procedure_stats", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (stats), ==, 4);
  /* Q1: 2,430 new + 252 carried over from 2019 = 2,440 on time + 3 late + 239 pending. */
  g_assert_cmpstr (par_register_rows_get (stats, 0, 0), ==, "q1");
  g_assert_cmpstr (par_register_rows_get (stats, 0, 1), ==, "2430");
  g_assert_cmpstr (par_register_rows_get (stats, 0, 2), ==, "252");
  g_assert_cmpstr (par_register_rows_get (stats, 0, 4), ==, "2440");

  figures = par_store_evaluate_figures (store, y2020->id, &error);
  g_assert_no_error (error);
  result = par_store_score_assessment (store, y2020->id, &error);
  g_assert_no_error (error);
  on_time = figure_text (figures, par_result_get_framework (result), "files_on_time");
  resolved = figure_text (figures, par_result_get_framework (result), "files_resolved");
  late = figure_text (figures, par_result_get_framework (result), "files_late");
  g_assert_cmpstr (on_time, ==, "9,836");    /* H1 4,891 + H2 4,945 */
  g_assert_cmpstr (resolved, ==, "9,848");
  g_assert_cmpstr (late, ==, "12");
  leaf = par_result_get_leaf (result, "3.3.1");
  g_assert_cmpint (leaf->state, ==, PAR_SCORE_SCORED);
  g_assert_cmpint (leaf->self, ==, 200);
  {
    g_autofree char *how = par_figure_result_explain (
      figures, par_framework_lookup_figure (par_result_get_framework (result), "files_on_time"), '.');
    g_assert_cmpstr (how, ==, "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 9,836 over 4 rows = 9,836");
  }
  leaf = par_result_get_leaf (result, "1.1.1");
  g_assert_cmpint (leaf->self, ==, 100);
  for (guint i = 0; i < par_figure_result_n_checks (figures); i++)
    g_assert_cmpint (par_figure_result_get_check (figures, i)->state, ==, PAR_CHECK_PASSED);

  plan = par_store_get_register_rows (store, y2020->id, "plan_tasks", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (plan), >=, 8);
  g_assert_cmpstr (par_register_rows_get (plan, 0, 3), ==, "2020-01-14");   /* done */
  g_assert_cmpstr (par_register_rows_get (plan, 0, 5), ==, "Kế hoạch số 01/KH-KCNĐN");
  reports = par_store_get_register_rows (store, y2020->id, "reports_sent", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (reports), ==, 4);
  g_assert_cmpstr (par_register_rows_get (reports, 0, 4), ==, "45/BC-KCNĐN");
  forms = par_store_get_register_rows (store, y2020->id, "survey_forms", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (par_register_rows_count (forms), ==, 40);
  assert_draft_at_mid_year (store, years);

  g_clear_object (&store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);
    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/upgrade/shipped", test_shipped);
  g_test_add_func ("/upgrade/refused", test_refused);
  g_test_add_func ("/upgrade/demo-database", test_demo_database);
  g_test_add_func ("/upgrade/demo-format2-same-scores", test_demo_format2_same_scores);
  g_test_add_func ("/upgrade/demo-books", test_demo_books);
  return g_test_run ();
}
