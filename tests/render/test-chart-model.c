/* test-chart-model.c — chart models: nice steps, abbreviations, the model API and the
 * builders from real scorer results.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "chart-fixtures.h"
#include "par-core.h"

/* A small criteria set: field 1 (4 points), field 2 (4 points), field 3 (2 points, may be
 * not applicable); manual rules so that tests choose every score. */
static const char test_set[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" xml:lang=\"vi\" id=\"test-charts\""
  " max=\"10\" sample=\"true\">\n"
  "  <title>Bộ chỉ số thử cho biểu đồ</title>\n"
  "  <decision number=\"1/QĐ-THU\" issuer=\"Thử\">Thử</decision>\n"
  "  <years from=\"2015\" to=\"2030\"/>\n"
  "  <level>department</level>\n"
  "  <bands>\n"
  "    <band name=\"Tốt\" from=\"80\"/>\n"
  "    <band name=\"Khá\" above=\"65\"/>\n"
  "    <band name=\"Yếu\" from=\"0\"/>\n"
  "  </bands>\n"
  "  <field code=\"1\" max=\"4\">\n"
  "    <title>Công tác chỉ đạo, điều hành cải cách hành chính</title>\n"
  "    <criterion code=\"1.1\" max=\"4\"><title>Kế hoạch CCHC</title>\n"
  "      <sub code=\"1.1.1\" max=\"2\"><title>Ban hành kế hoạch</title>"
  "<rule type=\"manual\"/></sub>\n"
  "      <sub code=\"1.1.2\" max=\"2\"><title>Thực hiện kế hoạch</title>"
  "<rule type=\"manual\"/></sub>\n"
  "    </criterion>\n"
  "  </field>\n"
  "  <field code=\"2\" max=\"4\">\n"
  "    <title>Cải cách thủ tục hành chính</title>\n"
  "    <criterion code=\"2.1\" max=\"4\"><title>Giải quyết TTHC</title>\n"
  "      <sub code=\"2.1.1\" max=\"3\"><title>Hồ sơ đúng hạn</title>"
  "<rule type=\"manual\"/></sub>\n"
  "      <sub code=\"2.1.2\" max=\"1\"><title>Công khai TTHC</title>"
  "<rule type=\"manual\"/></sub>\n"
  "    </criterion>\n"
  "  </field>\n"
  "  <field code=\"3\" max=\"2\">\n"
  "    <title>Cải cách tài chính công</title>\n"
  "    <criterion code=\"3.1\" max=\"2\"><title>Tự chủ tài chính</title>\n"
  "      <sub code=\"3.1.1\" max=\"2\" not-applicable=\"allowed\"><title>Cơ chế tự chủ</title>"
  "<rule type=\"manual\"/></sub>\n"
  "    </criterion>\n"
  "  </field>\n"
  "</criteria-set>\n";

static ParFramework *
load_test_set (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (test_set, sizeof test_set - 1);
  g_autoptr(GError) error = NULL;
  ParFramework *framework = par_framework_load_bytes (bytes, "test-charts.xml", &error);

  g_assert_no_error (error);
  g_assert_nonnull (framework);
  return framework;
}

/* An entry: self score, and an appraised one when @appraised ≥ 0; N/A when @self < 0. */
static void
add_entry (GPtrArray  *entries,
           const char *code,
           ParPoints   self,
           ParPoints   appraised)
{
  ParEntry *entry = par_entry_new (code);

  if (self < 0)
    entry->not_applicable = TRUE;
  else
    {
      entry->has_self = TRUE;
      entry->self = self;
    }
  if (appraised >= 0)
    {
      entry->has_appraised = TRUE;
      entry->appraised = appraised;
    }
  g_ptr_array_add (entries, entry);
}

/* Field 1: 1.50 + 2.00 of 4 (self), appraised 1.00 for 1.1.1 → 3.00; field 2: 3.00 + 0.50
 * of 4, nothing appraised; field 3 not applicable (unless @field3 ≥ 0). */
static ParResult *
score_year (ParFramework *framework,
            ParPoints     field1_first,
            ParPoints     field3)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

  add_entry (entries, "1.1.1", field1_first, 100);
  add_entry (entries, "1.1.2", 200, -1);
  add_entry (entries, "2.1.1", 300, -1);
  add_entry (entries, "2.1.2", 50, -1);
  add_entry (entries, "3.1.1", field3, -1);
  return par_score (framework, entries);
}

/* Result arrays hold NULL for years without an assessment. */
static void
result_unref0 (gpointer result)
{
  if (result != NULL)
    par_result_unref (result);
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (100, 5), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (100, 10), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (100, 4), 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (7, 5), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (0.3, 3), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (12, 4), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (2.5, 5), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (25, 5), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (1, 1), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (1234, 6), 500, 1e-9);
  /* Degenerate input never divides by zero. */
  g_assert_cmpfloat (par_chart_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (par_chart_nice_step (-3, 5), ==, 1);
  g_assert_cmpfloat_with_epsilon (par_chart_nice_step (10, 0), 10, 1e-9);

  /* Every step is 1, 2 or 5 × 10ⁿ and covers the range within the budget. */
  for (double range = 0.013; range < 5000; range *= 1.37)
    for (int ticks = 1; ticks <= 10; ticks++)
      {
        double step = par_chart_nice_step (range, ticks);
        double mantissa = step / pow (10, floor (log10 (step) + 1e-9));

        g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6
                       || fabs (mantissa - 5) < 1e-6);
        g_assert_cmpfloat (range / step, <=, ticks + 1e-6);
        /* The next smaller nice step would not fit. */
        g_assert_cmpfloat (range / (step / (mantissa == 1 ? 2 : mantissa == 2 ? 2 : 2.5)), >,
                           ticks - 1e-6);
      }
}

static void
test_abbreviate (void)
{
  struct {
    const char *name;
    guint max;
    const char *expected;
  } cases[] = {
    { "Cải cách thể chế", 31, "Cải cách thể chế" },
    { "Công tác chỉ đạo, điều hành cải cách hành chính", 31, "Chỉ đạo, điều hành CCHC" },
    { "Tác động của cải cách hành chính", 31, "Tác động của CCHC" },
    { "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", 31,
      "Chính phủ điện tử, Chính phủ số" },
    { "Cải cách thủ tục hành chính trong giải quyết công việc", 31,
      "Cải cách TTHC trong giải quyết…" },
    { "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", 40,
      "Xây dựng và nâng cao chất lượng đội ngũ…" },
    { "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", 50,
      "Xây dựng và nâng cao chất lượng đội ngũ CBCCVC" },
    { "  CẢI CÁCH HÀNH CHÍNH  ", 10, "CCHC" },
    { "Mộttừrấtdàikhôngcókhoảngtrắng", 10, "Mộttừrấtd…" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = par_chart_abbreviate (cases[i].name, cases[i].max);

      g_assert_cmpstr (got, ==, cases[i].expected);
      g_assert_cmpint (g_utf8_strlen (got, -1), <=, cases[i].max);
    }
}

static void
test_type_strings (void)
{
  ParChartType type;

  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_assert_true (par_chart_type_from_string (par_chart_type_to_string (t), &type));
      g_assert_cmpint (type, ==, t);
      g_assert_nonnull (par_chart_type_get_title (t));
    }
  g_assert_true (par_chart_type_from_string ("Self-vs-Appraised", &type));
  g_assert_cmpint (type, ==, PAR_CHART_SELF_VS_APPRAISED);
  g_assert_false (par_chart_type_from_string ("pie", &type));
  g_assert_false (par_chart_type_from_string (NULL, &type));
}

static void
test_model_api (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_FIELDS, "Tiêu đề");
  ParChartModel *ref;
  const ParChartValue *v;
  guint s0, s1, c0, c1;

  g_assert_true (par_chart_model_is_empty (m));
  s0 = par_chart_model_add_series (m, NULL, 2022);
  c0 = par_chart_model_add_category (m, "1", "Công tác chỉ đạo, điều hành cải cách hành chính",
                                     NULL);
  s1 = par_chart_model_add_series (m, "Năm 2023", 2023);
  c1 = par_chart_model_add_category (m, "2", "Cải cách thể chế", "Thể chế");
  g_assert_cmpuint (s1, ==, 1);
  g_assert_cmpuint (c1, ==, 1);
  g_assert_cmpstr (par_chart_model_get_series (m, s0)->name, ==, "2022");
  g_assert_cmpstr (par_chart_model_get_category (m, c0)->short_name, ==,
                   "Chỉ đạo, điều hành CCHC");
  g_assert_cmpstr (par_chart_model_get_category (m, c1)->short_name, ==, "Thể chế");

  /* Values added in any order start missing, in both directions of growth. */
  for (guint s = 0; s < 2; s++)
    for (guint c = 0; c < 2; c++)
      g_assert_cmpint (par_chart_model_get_value (m, s, c)->state, ==, PAR_CHART_VALUE_MISSING);
  g_assert_true (par_chart_model_is_empty (m));

  par_chart_model_set_value (m, s1, c0, 8750, 350, 400);
  v = par_chart_model_get_value (m, s1, c0);
  g_assert_cmpint (v->state, ==, PAR_CHART_VALUE_OK);
  g_assert_cmpint (v->percent, ==, 8750);
  g_assert_cmpint (v->points, ==, 350);
  g_assert_cmpint (v->max, ==, 400);
  g_assert_false (par_chart_model_is_empty (m));
  par_chart_model_set_state (m, s1, c0, PAR_CHART_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (v->state, ==, PAR_CHART_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (v->percent, ==, 0);
  g_assert_null (par_chart_model_get_value (m, 2, 0));
  g_assert_null (par_chart_model_get_category (m, 2));

  /* Bands sort ascending; inclusive and exclusive bounds are honoured. */
  par_chart_model_add_band (m, "Tốt", 8000, TRUE);
  par_chart_model_add_band (m, "Yếu", 0, TRUE);
  par_chart_model_add_band (m, "Khá", 6500, FALSE);
  g_assert_cmpstr (g_array_index (m->bands, ParChartBand, 0).name, ==, "Yếu");
  g_assert_cmpstr (g_array_index (m->bands, ParChartBand, 2).name, ==, "Tốt");
  g_assert_cmpstr (par_chart_model_band_for (m, 8000)->name, ==, "Tốt");
  g_assert_cmpstr (par_chart_model_band_for (m, 7999)->name, ==, "Khá");
  g_assert_cmpstr (par_chart_model_band_for (m, 6501)->name, ==, "Khá");
  g_assert_cmpstr (par_chart_model_band_for (m, 6500)->name, ==, "Yếu");
  g_assert_cmpstr (par_chart_model_band_for (m, 0)->name, ==, "Yếu");
  g_assert_null (par_chart_model_band_for (m, -1));

  ref = par_chart_model_ref (m);
  g_assert_true (ref == m);
  par_chart_model_unref (ref);
}

static void
test_fields_across_years (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(ParChartModel) m = NULL;
  const int years[] = { 2021, 2022, 2023 };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  const ParChartValue *v;

  g_ptr_array_add (results, score_year (framework, 150, -1));
  g_ptr_array_add (results, NULL);  /* 2022 not assessed */
  /* 2023: only field 1 entered, field 3 scored. */
  add_entry (entries, "1.1.1", 200, -1);
  add_entry (entries, "1.1.2", 200, -1);
  add_entry (entries, "3.1.1", 100, -1);
  g_ptr_array_add (results, par_score (framework, entries));

  m = par_chart_model_new_fields_across_years (results, years, PAR_COLUMN_FINAL);
  g_assert_cmpint (m->type, ==, PAR_CHART_FIELDS);
  g_assert_cmpstr (m->column, ==, "Final");
  g_assert_cmpuint (m->categories->len, ==, 3);
  g_assert_cmpuint (m->series->len, ==, 3);
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->code, ==, "1");
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->name, ==,
                   "Công tác chỉ đạo, điều hành cải cách hành chính");
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->short_name, ==,
                   "Chỉ đạo, điều hành CCHC");
  g_assert_cmpint (par_chart_model_get_series (m, 2)->year, ==, 2023);
  g_assert_cmpstr (par_chart_model_get_series (m, 1)->name, ==, "2022");
  g_assert_cmpstr (m->subtitle, ==, "2021–2023");

  /* 2021, field 1: appraised 1.00 replaces self 1.50, + 2.00 → 3.00 of 4 = 75 %. */
  v = par_chart_model_get_value (m, 0, 0);
  g_assert_cmpint (v->state, ==, PAR_CHART_VALUE_OK);
  g_assert_cmpint (v->percent, ==, 7500);
  g_assert_cmpint (v->points, ==, 300);
  g_assert_cmpint (v->max, ==, 400);
  /* Field 2: 3.50 of 4 = 87.5 %; field 3 N/A. */
  g_assert_cmpint (par_chart_model_get_value (m, 0, 1)->percent, ==, 8750);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 2)->state, ==,
                   PAR_CHART_VALUE_NOT_APPLICABLE);
  /* 2022 missing everywhere. */
  for (guint c = 0; c < 3; c++)
    g_assert_cmpint (par_chart_model_get_value (m, 1, c)->state, ==, PAR_CHART_VALUE_MISSING);
  /* 2023: field 2 not entered → missing, not 0 %; field 3 = 1.00 of 2. */
  g_assert_cmpint (par_chart_model_get_value (m, 2, 0)->percent, ==, 10000);
  g_assert_cmpint (par_chart_model_get_value (m, 2, 1)->state, ==, PAR_CHART_VALUE_MISSING);
  g_assert_cmpint (par_chart_model_get_value (m, 2, 2)->percent, ==, 5000);
  /* The final scores of 2023, a year the council has not appraised, are the self-assessment,
   * and marked so. 2021 was appraised: the council changed 1.1.1 and left the rest, field 2
   * included, as the unit scored it — its result, not marked. */
  g_assert_true (par_chart_model_get_value (m, 2, 0)->not_appraised);
  g_assert_true (par_chart_model_get_value (m, 2, 2)->not_appraised);
  g_assert_false (par_chart_model_get_value (m, 0, 0)->not_appraised);
  g_assert_false (par_chart_model_get_value (m, 0, 1)->not_appraised);
}

/* The leader's question of issue 10: which scores does a chart show? Each column alone,
 * never one silently standing in for another. */
static void
test_fields_by_column (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(ParChartModel) self = NULL;
  g_autoptr(ParChartModel) appraised = NULL;
  const int years[] = { 2021, 2022 };
  const ParChartValue *v;

  /* 2021: 1.1.1 self 1.50, appraised 1.00; 2022: nothing appraised. */
  g_ptr_array_add (results, score_year (framework, 150, -1));
  add_entry (entries, "1.1.1", 200, -1);
  add_entry (entries, "1.1.2", 200, -1);
  g_ptr_array_add (results, par_score (framework, entries));

  self = par_chart_model_new_fields_across_years (results, years, PAR_COLUMN_SELF);
  g_assert_cmpstr (self->column, ==, "Self-assessed");
  /* 2021 field 1 self-assessed: 1.50 + 2.00 of 4 = 87.5 %, whatever the council said. */
  v = par_chart_model_get_value (self, 0, 0);
  g_assert_cmpint (v->state, ==, PAR_CHART_VALUE_OK);
  g_assert_cmpint (v->percent, ==, 8750);
  g_assert_cmpint (v->points, ==, 350);
  g_assert_false (v->not_appraised);
  g_assert_cmpint (par_chart_model_get_value (self, 1, 0)->percent, ==, 10000);

  appraised = par_chart_model_new_fields_across_years (results, years, PAR_COLUMN_APPRAISED);
  g_assert_cmpstr (appraised->column, ==, "Appraised");
  /* 2021 field 1: only 1.1.1 was appraised, 1.00 of its 2.00 — the scorer's index of what the
   * council scored, never filled in with 1.1.2's self score. */
  v = par_chart_model_get_value (appraised, 0, 0);
  g_assert_cmpint (v->state, ==, PAR_CHART_VALUE_OK);
  g_assert_cmpint (v->percent, ==, 5000);
  g_assert_cmpint (v->points, ==, 100);
  g_assert_cmpint (v->max, ==, 200);
  /* Field 2 of 2021 and all of 2022: entered, not appraised. */
  g_assert_cmpint (par_chart_model_get_value (appraised, 0, 1)->state, ==,
                   PAR_CHART_VALUE_NOT_APPRAISED);
  g_assert_cmpint (par_chart_model_get_value (appraised, 1, 0)->state, ==,
                   PAR_CHART_VALUE_NOT_APPRAISED);
  /* Field 3 of 2021 is N/A in every column; 2022's field 2, never entered, has no data. */
  g_assert_cmpint (par_chart_model_get_value (appraised, 0, 2)->state, ==,
                   PAR_CHART_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (par_chart_model_get_value (appraised, 1, 1)->state, ==,
                   PAR_CHART_VALUE_MISSING);
}

static void
test_total_over_years (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(GPtrArray) self_only = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(ParChartModel) m = NULL;
  g_autoptr(ParChartModel) single = NULL;
  const int years[] = { 2022, 2023 };
  const ParNodeTotal *root;

  g_ptr_array_add (results, score_year (framework, 150, -1));
  g_ptr_array_add (results, score_year (framework, 200, 200));
  m = par_chart_model_new_total_over_years (results, years, PAR_COLUMN_FINAL);
  g_assert_cmpint (m->type, ==, PAR_CHART_TOTAL);
  g_assert_cmpuint (m->categories->len, ==, 2);
  g_assert_cmpstr (par_chart_model_get_category (m, 1)->code, ==, "2023");
  g_assert_cmpuint (m->series->len, ==, 2);
  /* Each line says which scores it is. */
  g_assert_cmpstr (par_chart_model_get_series (m, 0)->name, ==, "Self-assessed");
  g_assert_cmpstr (par_chart_model_get_series (m, 1)->name, ==, "Final");
  g_assert_cmpstr (m->column, ==, "Final");

  /* Values are the scorer's own: self index and final index of the root. */
  root = par_result_get_total (g_ptr_array_index (results, 0), NULL);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->percent, ==, root->self_index);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->percent, ==, root->index);
  /* 2022: self 1.50+2+3+0.5 = 7.00 of 8 = 87.5 %; appraised 6.50 of 8 = 81.25 %. */
  g_assert_cmpint (root->self_index, ==, 8750);
  g_assert_cmpint (root->index, ==, 8125);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->points, ==, 650);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->max, ==, 800);
  /* 2023 with field 3: self 2+2+3+0.5+2 = 9.50 of 10. */
  g_assert_cmpint (par_chart_model_get_value (m, 0, 1)->percent, ==, 9500);

  /* Bands from the set, ascending. */
  g_assert_cmpuint (m->bands->len, ==, 3);
  g_assert_cmpstr (g_array_index (m->bands, ParChartBand, 0).name, ==, "Yếu");
  g_assert_cmpint (g_array_index (m->bands, ParChartBand, 1).lower, ==, 6500);
  g_assert_false (g_array_index (m->bands, ParChartBand, 1).inclusive);
  g_assert_cmpint (g_array_index (m->bands, ParChartBand, 2).lower, ==, 8000);

  /* The self-assessed column alone: one line. */
  add_entry (entries, "1.1.1", 200, -1);
  g_ptr_array_add (self_only, par_score (framework, entries));
  single = par_chart_model_new_total_over_years (self_only, years, PAR_COLUMN_SELF);
  g_assert_cmpuint (single->series->len, ==, 1);
  g_assert_cmpstr (single->column, ==, "Self-assessed");

  /* Nothing appraised, final column: the final line is the self-assessment, marked. */
  g_clear_pointer (&single, par_chart_model_unref);
  single = par_chart_model_new_total_over_years (self_only, years, PAR_COLUMN_FINAL);
  g_assert_cmpuint (single->series->len, ==, 2);
  g_assert_true (par_chart_model_get_value (single, 1, 0)->not_appraised);
  g_assert_cmpint (par_chart_model_get_value (single, 1, 0)->percent, ==,
                   par_chart_model_get_value (single, 0, 0)->percent);

  /* Appraised column: the year is not appraised, not the self index under another name. */
  g_clear_pointer (&single, par_chart_model_unref);
  single = par_chart_model_new_total_over_years (self_only, years, PAR_COLUMN_APPRAISED);
  g_assert_cmpint (par_chart_model_get_value (single, 1, 0)->state, ==,
                   PAR_CHART_VALUE_NOT_APPRAISED);
  g_assert_cmpint (par_chart_model_get_value (single, 0, 0)->state, ==, PAR_CHART_VALUE_OK);
}

static void
test_field_profile (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(ParChartModel) m = NULL;
  const int years[] = { 2019, 2020, 2021, 2022, 2023 };

  g_ptr_array_add (results, score_year (framework, 0, -1));
  g_ptr_array_add (results, score_year (framework, 25, -1));
  g_ptr_array_add (results, score_year (framework, 50, -1));
  g_ptr_array_add (results, NULL);
  g_ptr_array_add (results, score_year (framework, 100, -1));
  m = par_chart_model_new_field_profile (results, years, PAR_COLUMN_FINAL);
  g_assert_cmpint (m->type, ==, PAR_CHART_RADAR);
  g_assert_cmpuint (m->series->len, ==, 3);
  g_assert_cmpint (par_chart_model_get_series (m, 0)->year, ==, 2020);
  g_assert_cmpint (par_chart_model_get_series (m, 2)->year, ==, 2023);
  g_assert_cmpstr (m->subtitle, ==, "2020, 2021, 2023");
}

static void
test_lost_points (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(ParResult) result = score_year (framework, 150, -1);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  g_autoptr(ParResult) perfect = NULL;
  g_autoptr(ParChartModel) m = NULL;
  g_autoptr(ParChartModel) top = NULL;
  g_autoptr(ParChartModel) none = NULL;
  g_autoptr(ParChartModel) nothing = NULL;

  /* Lost: 1.1.1 2 − 1.00 (appraised) = 1.00; 2.1.2 1 − 0.50 = 0.50; others nothing;
   * 3.1.1 is N/A. */
  m = par_chart_model_new_lost_points (result, 2023, 0, PAR_COLUMN_FINAL);
  g_assert_cmpint (m->type, ==, PAR_CHART_LOST);
  g_assert_cmpuint (m->categories->len, ==, 2);
  g_assert_cmpint (m->total_lost, ==, 150);
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->code, ==, "1.1.1");
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->name, ==, "Ban hành kế hoạch");
  g_assert_cmpstr (par_chart_model_get_category (m, 1)->code, ==, "2.1.2");
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->points, ==, 100);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->max, ==, 200);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->percent, ==, 6667);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 1)->points, ==, 50);
  /* Cumulative share ends at 100 % when every leaf is shown. */
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->percent, ==, 6667);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 1)->percent, ==, 10000);
  /* The year was appraised: both losses are its result, neither hatched. */
  g_assert_false (par_chart_model_get_value (m, 0, 0)->not_appraised);
  g_assert_false (par_chart_model_get_value (m, 0, 1)->not_appraised);

  /* Appraised column: only what the council scored lost points there. */
  {
    g_autoptr(ParChartModel) appr = par_chart_model_new_lost_points (result, 2023, 0,
                                                                     PAR_COLUMN_APPRAISED);

    g_assert_cmpuint (appr->categories->len, ==, 1);
    g_assert_cmpstr (par_chart_model_get_category (appr, 0)->code, ==, "1.1.1");
    g_assert_cmpint (appr->total_lost, ==, 100);
  }
  /* Self-assessed column: 1.1.1 lost 0.50 by the unit's own score. */
  {
    g_autoptr(ParChartModel) self = par_chart_model_new_lost_points (result, 2023, 0,
                                                                     PAR_COLUMN_SELF);

    g_assert_cmpint (self->total_lost, ==, 100);
    g_assert_cmpint (par_chart_model_get_value (self, 0, 0)->points, ==, 50);
  }

  /* Top 1: the cumulative share says how much of all the loss it explains. */
  top = par_chart_model_new_lost_points (result, 2023, 1, PAR_COLUMN_FINAL);
  g_assert_cmpuint (top->categories->len, ==, 1);
  g_assert_cmpint (top->total_lost, ==, 150);
  g_assert_cmpint (par_chart_model_get_value (top, 1, 0)->percent, ==, 6667);

  /* Nothing lost: a message rather than "No data". */
  add_entry (entries, "1.1.1", 200, -1);
  add_entry (entries, "1.1.2", 200, -1);
  perfect = par_score (framework, entries);
  none = par_chart_model_new_lost_points (perfect, 2023, 10, PAR_COLUMN_FINAL);
  g_assert_cmpuint (none->categories->len, ==, 0);
  g_assert_cmpstr (none->empty_message, ==, "No points were lost");
  g_assert_true (par_chart_model_is_empty (none));
  /* … but its appraised scores are not in yet: the chart says that, not "nothing lost". */
  g_clear_pointer (&none, par_chart_model_unref);
  none = par_chart_model_new_lost_points (perfect, 2023, 10, PAR_COLUMN_APPRAISED);
  g_assert_cmpstr (none->empty_message, ==, "2023 has not been appraised yet");

  nothing = par_chart_model_new_lost_points (NULL, 0, 10, PAR_COLUMN_FINAL);
  g_assert_true (par_chart_model_is_empty (nothing));
  g_assert_null (nothing->empty_message);
}

static void
test_self_vs_appraised (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(ParResult) result = score_year (framework, 150, -1);
  g_autoptr(ParChartModel) m = par_chart_model_new_self_vs_appraised (result, 2023);

  g_assert_cmpint (m->type, ==, PAR_CHART_SELF_VS_APPRAISED);
  g_assert_cmpuint (m->series->len, ==, 2);
  g_assert_cmpuint (m->categories->len, ==, 3);
  g_assert_null (m->column);
  g_assert_cmpstr (par_chart_model_get_series (m, 0)->name, ==, "Self-assessed");
  g_assert_cmpstr (par_chart_model_get_series (m, 1)->name, ==, "Final");
  /* Field 1: self 3.50 of 4 = 87.5 %; after the council's 1.00 for 1.1.1, 3.00 of the same
   * 4 = 75 %: the council took 0.50. */
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->percent, ==, 8750);
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->points, ==, 350);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->percent, ==, 7500);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->points, ==, 300);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 0)->max, ==,
                   par_chart_model_get_value (m, 0, 0)->max);
  /* The council left field 2 as the unit scored it: the same index on both sides. */
  g_assert_cmpint (par_chart_model_get_value (m, 0, 1)->percent, ==, 8750);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 1)->percent, ==, 8750);
  /* Field 3 is N/A in both. */
  g_assert_cmpint (par_chart_model_get_value (m, 0, 2)->state, ==,
                   PAR_CHART_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (par_chart_model_get_value (m, 1, 2)->state, ==,
                   PAR_CHART_VALUE_NOT_APPLICABLE);

  /* A year the council has not appraised: no final dot repeats a self one. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
    g_autoptr(ParResult) draft = NULL;
    g_autoptr(ParChartModel) d = NULL;

    add_entry (entries, "1.1.1", 150, -1);
    add_entry (entries, "2.1.1", 300, -1);
    draft = par_score (framework, entries);
    d = par_chart_model_new_self_vs_appraised (draft, 2024);
    g_assert_cmpint (par_chart_model_get_value (d, 0, 0)->state, ==, PAR_CHART_VALUE_OK);
    g_assert_cmpint (par_chart_model_get_value (d, 1, 0)->state, ==,
                     PAR_CHART_VALUE_NOT_APPRAISED);
    g_assert_cmpint (par_chart_model_get_value (d, 1, 1)->state, ==,
                     PAR_CHART_VALUE_NOT_APPRAISED);
  }
}

static void
test_units_ranked (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(ParChartModel) m = NULL;

  g_ptr_array_add (names, (char *) "Sở Nội vụ");
  g_ptr_array_add (results, score_year (framework, 150, 200));            /* 9.50 − 1 = 8.50/10 */
  g_ptr_array_add (names, (char *) "Ban Dân tộc");
  g_ptr_array_add (results, NULL);
  g_ptr_array_add (names, (char *) "Văn phòng UBND");
  g_ptr_array_add (results, score_year (framework, 150, -1));             /* 6.50 of 8 */
  g_ptr_array_add (names, (char *) "Ban Quản lý các KCN");
  g_ptr_array_add (results, score_year (framework, 150, -1));             /* same index */

  m = par_chart_model_new_units_ranked (names, results, 2018, PAR_COLUMN_FINAL);
  g_assert_cmpint (m->type, ==, PAR_CHART_RANKING);
  g_assert_cmpuint (m->categories->len, ==, 3);
  g_assert_cmpuint (m->series->len, ==, 1);
  /* By index: 85 % first, then the two at 81.25 % by name. */
  g_assert_cmpstr (par_chart_model_get_category (m, 0)->code, ==, "Sở Nội vụ");
  g_assert_cmpint (par_chart_model_get_value (m, 0, 0)->percent, ==, 8500);
  g_assert_cmpstr (par_chart_model_get_category (m, 1)->code, ==, "Ban Quản lý các KCN");
  g_assert_cmpstr (par_chart_model_get_category (m, 2)->code, ==, "Văn phòng UBND");
  g_assert_cmpint (par_chart_model_get_value (m, 0, 2)->percent, ==, 8125);
  /* The ranks are par_rank()'s: the two at 81.25 % share the 2nd (issue 14). */
  g_assert_cmpuint (par_chart_model_get_category (m, 0)->rank, ==, 1);
  g_assert_cmpuint (par_chart_model_get_category (m, 1)->rank, ==, 2);
  g_assert_cmpuint (par_chart_model_get_category (m, 2)->rank, ==, 2);
  /* The unit without a result for the year is a footnote, not an empty row. */
  g_assert_cmpuint (m->notes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (m->notes, 0), ==, "No result for 2018: Ban Dân tộc.");
  g_assert_cmpuint (m->bands->len, ==, 3);

  /* Several without a result: one note names them all, by name. */
  g_ptr_array_add (names, (char *) "Ban Tôn giáo");
  g_ptr_array_add (results, NULL);
  g_clear_pointer (&m, par_chart_model_unref);
  m = par_chart_model_new_units_ranked (names, results, 2018, PAR_COLUMN_FINAL);
  g_assert_cmpuint (m->categories->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (m->notes, 0), ==,
                   "No result for 2018: Ban Dân tộc, Ban Tôn giáo.");

  /* Appraised column: a unit the council has not appraised is named, not ranked on its own
   * scores. */
  {
    g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

    add_entry (entries, "1.1.1", 200, -1);
    g_ptr_array_add (names, (char *) "Thanh tra tỉnh");
    g_ptr_array_add (results, par_score (framework, entries));
  }
  g_clear_pointer (&m, par_chart_model_unref);
  m = par_chart_model_new_units_ranked (names, results, 2018, PAR_COLUMN_APPRAISED);
  g_assert_cmpstr (m->column, ==, "Appraised");
  g_assert_cmpuint (m->categories->len, ==, 3);
  g_assert_cmpuint (m->notes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (m->notes, 0), ==, "Not appraised in 2018: Thanh tra tỉnh.");
  /* Final column: ranked on its self-assessment, marked as such. */
  g_clear_pointer (&m, par_chart_model_unref);
  m = par_chart_model_new_units_ranked (names, results, 2018, PAR_COLUMN_FINAL);
  g_assert_cmpuint (m->categories->len, ==, 4);
  for (guint k = 0; k < m->categories->len; k++)
    g_assert_cmpint (par_chart_model_get_value (m, 0, k)->not_appraised, ==,
                     g_str_equal (par_chart_model_get_category (m, k)->code, "Thanh tra tỉnh"));
}

static void
test_for_unit (void)
{
  g_autoptr(ParFramework) framework = load_test_set ();
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func (result_unref0);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  const int years[] = { 2022, 2023, 2024 };
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

  /* 2022 and 2023 appraised, 2024 a draft without any appraised score. */
  g_ptr_array_add (results, score_year (framework, 0, -1));
  g_ptr_array_add (results, score_year (framework, 150, -1));
  add_entry (entries, "1.1.1", 100, -1);
  g_ptr_array_add (results, par_score (framework, entries));

  for (guint t = 0; t < PAR_CHART_N_TYPES; t++)
    {
      g_autoptr(ParChartModel) m = NULL;
      g_autoptr(ParChartModel) empty = NULL;

      if (t == PAR_CHART_RANKING)
        continue;
      m = par_chart_model_new_for_unit (t, "Ban Quản lý các KCN", results, years,
                                        PAR_COLUMN_FINAL);
      g_assert_cmpint (m->type, ==, t);
      g_assert_false (par_chart_model_is_empty (m));
      g_assert_true (g_str_has_prefix (m->subtitle, "Ban Quản lý các KCN · "));
      /* Single-year charts take the latest appraised year, not the draft after it. */
      if (t == PAR_CHART_LOST || t == PAR_CHART_SELF_VS_APPRAISED)
        g_assert_cmpstr (m->subtitle, ==, "Ban Quản lý các KCN · 2023");
      if (t == PAR_CHART_FIELDS || t == PAR_CHART_TOTAL)
        g_assert_cmpstr (m->subtitle, ==, "Ban Quản lý các KCN · 2022–2024");

      empty = par_chart_model_new_for_unit (t, NULL, none, NULL, PAR_COLUMN_FINAL);
      g_assert_true (par_chart_model_is_empty (empty));
    }
}

/* Why a category has no value, said once for all its series (the fields chart under its
 * bars, the radar beside its spoke): any value wins; else not applicable, else not appraised,
 * else missing. */
static void
test_category_state (void)
{
  g_autoptr(ParChartModel) m = par_chart_model_new (PAR_CHART_FIELDS, NULL);
  guint years[3], c;

  for (guint s = 0; s < 3; s++)
    years[s] = par_chart_model_add_series (m, NULL, 2021 + (int) s);
  c = par_chart_model_add_category (m, "1", "Chỉ đạo, điều hành", NULL);
  g_assert_cmpint (par_chart_model_category_state (m, c), ==, PAR_CHART_VALUE_MISSING);
  par_chart_model_set_state (m, years[2], c, PAR_CHART_VALUE_NOT_APPRAISED);
  g_assert_cmpint (par_chart_model_category_state (m, c), ==, PAR_CHART_VALUE_NOT_APPRAISED);
  par_chart_model_set_state (m, years[0], c, PAR_CHART_VALUE_NOT_APPLICABLE);
  g_assert_cmpint (par_chart_model_category_state (m, c), ==, PAR_CHART_VALUE_NOT_APPLICABLE);
  par_chart_model_set_value (m, years[1], c, 5000, 100, 200);
  g_assert_cmpint (par_chart_model_category_state (m, c), ==, PAR_CHART_VALUE_OK);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/nice-step", test_nice_step);
  g_test_add_func ("/chart/category-state", test_category_state);
  g_test_add_func ("/chart/abbreviate", test_abbreviate);
  g_test_add_func ("/chart/type-strings", test_type_strings);
  g_test_add_func ("/chart/model-api", test_model_api);
  g_test_add_func ("/chart/builder/fields-across-years", test_fields_across_years);
  g_test_add_func ("/chart/builder/fields-by-column", test_fields_by_column);
  g_test_add_func ("/chart/builder/total-over-years", test_total_over_years);
  g_test_add_func ("/chart/builder/field-profile", test_field_profile);
  g_test_add_func ("/chart/builder/lost-points", test_lost_points);
  g_test_add_func ("/chart/builder/self-vs-appraised", test_self_vs_appraised);
  g_test_add_func ("/chart/builder/units-ranked", test_units_ranked);
  g_test_add_func ("/chart/builder/for-unit", test_for_unit);
  return g_test_run ();
}
