/* par-chart-model.h — what a chart shows: categories × series of values, band zones, titles.
 *
 * Plain data, built either directly (tests, other callers) or from the scorer's results by
 * the builders below (which is why the scorer's header is included: its results and score
 * columns). The renderers in par-chart.h draw a model; they never look at a framework or a
 * result themselves, so a chart can never disagree with the scorer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-points.h"
#include "par-scorer.h"

G_BEGIN_DECLS


/**
 * ParChartType:
 * @PAR_CHART_FIELDS: grouped bars, one group per field, one bar per year (index % of the
 *   field's applicable maximum)
 * @PAR_CHART_TOTAL: the total index % over the years as lines (self-assessed and appraised)
 *   with the band zones shaded behind
 * @PAR_CHART_RADAR: field profile, a radar of field index % for up to three years
 * @PAR_CHART_LOST: where points were lost: sub-criteria sorted by points lost (Pareto), with
 *   the cumulative share of all points lost
 * @PAR_CHART_SELF_VS_APPRAISED: per field, the self-assessed against the final index %, after
 *   the appraisal (dumbbell)
 * @PAR_CHART_RANKING: units ranked by index % for one year, with the band zones
 */
typedef enum {
  PAR_CHART_FIELDS,
  PAR_CHART_TOTAL,
  PAR_CHART_RADAR,
  PAR_CHART_LOST,
  PAR_CHART_SELF_VS_APPRAISED,
  PAR_CHART_RANKING,
} ParChartType;

#define PAR_CHART_N_TYPES 6

/* "fields", "total", "radar", "lost", "self-vs-appraised", "ranking" (the CLI's --type). */
const char *par_chart_type_to_string   (ParChartType  type);
gboolean    par_chart_type_from_string (const char   *text,
                                        ParChartType *out);
/* A translated human title, e.g. "Fields across years". */
const char *par_chart_type_get_title   (ParChartType  type);

/**
 * ParChartValueState:
 * @PAR_CHART_VALUE_MISSING: no data (the year was not assessed, nothing was entered)
 * @PAR_CHART_VALUE_NOT_APPLICABLE: not applicable (the applicable maximum is 0)
 * @PAR_CHART_VALUE_OK: @percent, @points and @max hold a value
 * @PAR_CHART_VALUE_NOT_APPRAISED: the chart shows appraised scores and the council has not
 *   appraised this one: no value, drawn as a hatched stub and named in the legend
 */
typedef enum {
  PAR_CHART_VALUE_MISSING,
  PAR_CHART_VALUE_NOT_APPLICABLE,
  PAR_CHART_VALUE_OK,
  PAR_CHART_VALUE_NOT_APPRAISED,
} ParChartValueState;

/**
 * ParChartValue:
 * @percent: hundredths of a percent (98.70 % is 9870)
 * @points: achieved points in hundredths; for #PAR_CHART_LOST the points lost
 * @max: the applicable maximum in hundredths (0 when not known)
 * @not_appraised: with #PAR_CHART_VALUE_OK: a final score that has no appraised score in it
 *   yet (the self-assessed one stands): drawn hatched or hollow, never like an appraised one
 */
typedef struct {
  ParChartValueState state;
  gint64             percent;
  ParPoints          points;
  ParPoints          max;
  gboolean           not_appraised;
} ParChartValue;

/**
 * ParChartCategory:
 * @code: what the app opens when the category is clicked: a field or sub-criterion code
 *   ("1", "1.1.4"), a year ("2021") or a unit's name
 * @name: the full name (Vietnamese titles come from the criteria set)
 * @short_name: the name for axes, abbreviated when @name is long
 * @rank: a ranking's rank of the unit (par_rank(): ties share one), 0 for other charts
 */
typedef struct {
  char *code;
  char *name;
  char *short_name;
  guint rank;
} ParChartCategory;

/**
 * ParChartSeries:
 * @name: shown in the legend: "2021", "Self-assessed"…
 * @year: the year, or 0 when the series is not a year
 * @values: (element-type ParChartValue): one per category
 */
typedef struct {
  char   *name;
  int     year;
  GArray *values;
} ParChartSeries;

/* A band zone (Tốt, Khá…): from @lower (hundredths of a percent) up to the next band. */
typedef struct {
  char     *name;
  gint64    lower;
  gboolean  inclusive;
} ParChartBand;

/**
 * ParChartModel:
 * @type: the chart the model was built for (a model can be drawn as any type; this is the
 *   natural one)
 * @title: the chart's title
 * @column: (nullable): the score column the values come from, as a reader names it
 *   ("Self-assessed", "Appraised", "Final"): drawn after the title, so that no chart can be
 *   read without knowing which scores it shows
 * @subtitle: (nullable): unit and years, e.g. "Ban Quản lý các KCN · 2019–2023"
 * @empty_message: (nullable): said instead of "No data" when there is nothing to draw
 * @highlight: (nullable): the code of a category to emphasise (the user's own unit in a
 *   ranking)
 * @categories: (element-type ParChartCategory): along the main axis
 * @series: (element-type ParChartSeries): compared within each category
 * @bands: (element-type ParChartBand): ascending by lower bound
 * @total_lost: #PAR_CHART_LOST only: points lost over all leaves, not only the top ones
 * @notes: (element-type utf8): footnotes under the chart, e.g. the units of a ranking that
 *   have no result for its year
 *
 * Reference-counted; all fields are read-only once built.
 */
typedef struct {
  ParChartType  type;
  char         *title;
  char         *column;
  char         *subtitle;
  char         *empty_message;
  char         *highlight;
  GPtrArray    *categories;
  GPtrArray    *series;
  GArray       *bands;
  ParPoints     total_lost;
  GPtrArray    *notes;
} ParChartModel;

ParChartModel       *par_chart_model_new            (ParChartType         type,
                                                     const char          *title);
ParChartModel       *par_chart_model_ref            (ParChartModel       *model);
void                 par_chart_model_unref          (ParChartModel       *model);
void                 par_chart_model_set_subtitle   (ParChartModel       *model,
                                                     const char          *subtitle);
void                 par_chart_model_set_empty_message (ParChartModel    *model,
                                                     const char          *message);
/* The score column's name, e.g. "Appraised" (nullable: the chart compares columns itself). */
void                 par_chart_model_set_column     (ParChartModel       *model,
                                                     const char          *column);
/* The title as drawn: "Fields across years — Appraised" (transfer full). */
char                *par_chart_model_get_full_title (const ParChartModel *model);
void                 par_chart_model_add_note       (ParChartModel       *model,
                                                     const char          *note);
void                 par_chart_model_set_highlight  (ParChartModel       *model,
                                                     const char          *code);
/* @short_name may be NULL: par_chart_abbreviate() makes one. Returns the new index. */
guint                par_chart_model_add_category   (ParChartModel       *model,
                                                     const char          *code,
                                                     const char          *name,
                                                     const char          *short_name);
/* Adds a series whose values are all missing. Returns the new index. */
guint                par_chart_model_add_series     (ParChartModel       *model,
                                                     const char          *name,
                                                     int                  year);
void                 par_chart_model_set_value      (ParChartModel       *model,
                                                     guint                series,
                                                     guint                category,
                                                     gint64               percent,
                                                     ParPoints            points,
                                                     ParPoints            max);
void                 par_chart_model_set_state      (ParChartModel       *model,
                                                     guint                series,
                                                     guint                category,
                                                     ParChartValueState   state);
/* Marks a value set with par_chart_model_set_value() as not appraised yet. */
void                 par_chart_model_set_not_appraised (ParChartModel    *model,
                                                     guint                series,
                                                     guint                category,
                                                     gboolean             not_appraised);
void                 par_chart_model_add_band       (ParChartModel       *model,
                                                     const char          *name,
                                                     gint64               lower,
                                                     gboolean             inclusive);
const ParChartValue *par_chart_model_get_value      (const ParChartModel *model,
                                                     guint                series,
                                                     guint                category);
const ParChartCategory *par_chart_model_get_category (const ParChartModel *model,
                                                     guint                category);
const ParChartSeries *par_chart_model_get_series    (const ParChartModel *model,
                                                     guint                series);
/* What a category's values amount to across the series: %PAR_CHART_VALUE_OK when any holds a
 * value; else why none does, for the chart to say once — not applicable when any is, else
 * not appraised when any is, else missing. */
ParChartValueState   par_chart_model_category_state (const ParChartModel *model,
                                                     guint                category);
/* TRUE when no value is PAR_CHART_VALUE_OK: the chart says "No data". */
gboolean             par_chart_model_is_empty       (const ParChartModel *model);
/* The band an index falls in (by the bands' bounds and inclusiveness), or NULL. */
const ParChartBand  *par_chart_model_band_for       (const ParChartModel *model,
                                                     gint64               percent);

/**
 * par_chart_abbreviate:
 * @name: a Vietnamese title, e.g. "Cải cách thủ tục hành chính"
 * @max_chars: the longest result wanted, in characters
 *
 * Only while the name is longer than @max_chars characters, step by step: drops an opening
 * that adds little ("Công tác chỉ đạo…" → "Chỉ đạo…"), shortens the usual phrases of PAR
 * titles to the acronyms readers know ("cải cách hành chính" → "CCHC", "thủ tục hành chính"
 * → "TTHC", "cán bộ, công chức, viên chức" → "CBCCVC"…), and at last cuts at a word boundary
 * and adds "…".
 *
 * Returns: (transfer full): the short name.
 */
char                *par_chart_abbreviate           (const char          *name,
                                                     guint                max_chars);

/* Builders from the scorer's results. @results holds one ParResult* per year, or NULL for a
 * year without an assessment (drawn as "no data"); @years has @results->len entries. Fields
 * are matched by code across years (a criteria set may be re-issued); names come from the
 * latest year's set.
 *
 * Values are the scorer's totals of one score column (ParNodeTotal, read through
 * par_node_total_index() and its siblings), index % of the maximum the column is measured on;
 * the model names the column (model->column). A node with applicable maximum 0 is N/A; one
 * where the column has nothing is missing. Appraised scores the council has not given yet are
 * PAR_CHART_VALUE_NOT_APPRAISED, never filled in with self scores; a final value with no
 * appraised score in it is marked not_appraised. */
ParChartModel *par_chart_model_new_fields_across_years (GPtrArray      *results,
                                                        const int      *years,
                                                        ParScoreColumn  column);
/* Categories are the years; series 0 the self-assessed index, series 1 (unless @column is
 * the self-assessment) the index of @column: how far the council moved it. Bands from the
 * latest set. */
ParChartModel *par_chart_model_new_total_over_years    (GPtrArray      *results,
                                                        const int      *years,
                                                        ParScoreColumn  column);
/* Uses the last three (non-NULL) years given. */
ParChartModel *par_chart_model_new_field_profile       (GPtrArray      *results,
                                                        const int      *years,
                                                        ParScoreColumn  column);
/* Leaves of @result that lost points in @column (applicable_max − the leaf's score there;
 * leaves without a score in the column are left out), sorted most first, the first @top_n of
 * them (0 = all), with a second series holding the cumulative share of all points lost. */
ParChartModel *par_chart_model_new_lost_points         (ParResult      *result,
                                                        int             year,
                                                        guint           top_n,
                                                        ParScoreColumn  column);
/* Per field: series 0 self-assessed, series 1 final (the chart compares the two columns:
 * model->column is NULL). Both are measured on the same maximum, so their difference is what
 * the council changed; a field the council has not appraised is NOT_APPRAISED in series 1
 * (the final score would only repeat the self-assessed one). */
ParChartModel *par_chart_model_new_self_vs_appraised   (ParResult      *result,
                                                        int             year);
/* @unit_names (char*) and @results (ParResult* or NULL) in the same order; sorted by the
 * index of @column, best first. Units without a score there are not rows: footnotes name
 * them ("No result for 2022: …", "Not appraised in 2022: …"). Category codes are the unit
 * names. */
ParChartModel *par_chart_model_new_units_ranked        (GPtrArray      *unit_names,
                                                        GPtrArray      *results,
                                                        int             year,
                                                        ParScoreColumn  column);

/**
 * par_chart_model_new_for_unit:
 * @type: any type but #PAR_CHART_RANKING
 * @unit_name: (nullable): put in the subtitle
 * @results: (element-type ParResult) (nullable elements): one per year, ascending
 * @years: the years of @results
 * @column: the score column to show (the self-against-appraised chart shows both)
 *
 * One call for the app's dashboard, `parscore-cli chart` and the pack: builds the model of
 * @type for one unit. The self-against-appraised chart uses the latest appraised year (the
 * latest year with a result when none is appraised), and so does the lost-points chart of
 * appraised or final scores; lost self-assessed points are the latest year's. The radar uses
 * the last three years with a result.
 *
 * Returns: (transfer full): the model; with no result at all, an empty model that says so.
 */
ParChartModel *par_chart_model_new_for_unit            (ParChartType    type,
                                                        const char     *unit_name,
                                                        GPtrArray      *results,
                                                        const int      *years,
                                                        ParScoreColumn  column);

/* Default number of sub-criteria in the lost-points chart. */
#define PAR_CHART_LOST_TOP_N 10

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParChartModel, par_chart_model_unref)

G_END_DECLS
