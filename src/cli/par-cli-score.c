/* par-cli-score.c — parscore-cli score: a unit’s years as text or JSON.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"
#include "par-figures.h"

static const char *
band_name (ParResult *result)
{
  const ParBand *band = par_result_get_band (result);
  return band != NULL ? band->name : "—";
}

/* The index as text: "98.69" (base/par-format.h, the one formatter), "—" when not scored. */
static char *
percent_text (gint64 index)
{
  return index < 0 ? g_strdup ("—") : par_format_percent_sep (index, 2, '.', PAR_FORMAT_PLAIN);
}

static void
print_score_text (ParUnit       *unit,
                  ParAssessment *a,
                  ParResult     *result)
{
  ParFramework *fw = par_result_get_framework (result);
  GPtrArray *fields = par_framework_get_fields (fw);
  const ParNodeTotal *root = par_result_get_total (result, NULL);
  g_autofree char *total = par_cli_points (root->final_total);
  g_autofree char *amax = par_cli_points (root->applicable_max);
  g_autofree char *pct = percent_text (root->index);
  g_autofree char *ded = par_cli_points (par_result_get_deductions (result));
  g_autofree char *bon = par_cli_points (par_result_get_bonuses (result));

  g_print (_("%s — %d (%s, %s)\n"), unit->name, a->year, par_framework_get_id (fw),
           par_status_to_string (a->status));
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      const ParNodeTotal *t = par_result_get_total (result, field->code);
      g_autofree char *got = par_cli_points (t->final_total);
      g_autofree char *max = par_cli_points (t->applicable_max);
      g_autofree char *p = percent_text (t->index);
      g_autofree char *title = par_cli_fit (field->title, 56);
      g_print ("  %-3s %s %7s / %6s  %6s %%\n", field->code, title, got, max, p);
    }
  g_print (_("  Deductions −%s, bonuses +%s\n"), ded, bon);
  g_print (_("  Total %s / %s points, index %s %%, band %s (%u of %u items done)\n"), total, amax,
           pct, band_name (result), root->done, root->leaves);
}

typedef struct {
  GString    *out;
  guint       count;
  ParCli     *cli;
  GHashTable *units;     /* unit id → ParUnit */
  gboolean    json;
  GError     *error;     /* the figures of a year could not be read */
} ScoreJson;

static void json_score (ScoreJson *b, ParUnit *unit, ParAssessment *a, ParResult *result,
                        ParFigureResult *figures);

/* One year scored (par_store_score_each ()), printed or added to the JSON; FALSE stops. */
static gboolean
print_scored (ParAssessment *a,
              ParResult     *result,
              gpointer       user_data)
{
  ScoreJson *b = user_data;
  ParUnit *unit = g_hash_table_lookup (b->units, &a->unit_id);
  g_autoptr(ParFigureResult) figures = NULL;

  if (!b->json)
    {
      print_score_text (unit, a, result);
      return TRUE;
    }
  if (par_framework_get_format_version (par_result_get_framework (result)) >= 2 &&
      (figures = par_store_evaluate_figures (b->cli->store, a->id, &b->error)) == NULL)
    return FALSE;
  if (b->count++ > 0)
    g_string_append (b->out, ",");
  json_score (b, unit, a, result, figures);
  return TRUE;
}

/* The assessments to score: one unit's or every unit's, one year or all, by unit then year. */
static GPtrArray *
select_assessments (ParCli      *cli,
                    const char  *unit_name,
                    gboolean     all_units,
                    int          year,
                    GHashTable  *units,
                    gint64      *unit_id,
                    GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) all_unit_rows = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);

  if ((all_unit_rows = par_store_list_units (cli->store, error)) == NULL)
    return NULL;
  for (guint i = 0; i < all_unit_rows->len; i++)
    {
      ParUnit *u = g_ptr_array_index (all_unit_rows, i);
      g_hash_table_insert (units, &u->id, g_steal_pointer (&all_unit_rows->pdata[i]));
    }
  if (!all_units)
    {
      g_autoptr(ParUnit) unit = par_store_find_unit (cli->store, unit_name, error);
      if (unit == NULL)
        return NULL;
      *unit_id = unit->id;
    }
  if ((list = par_store_list_assessments (cli->store, *unit_id, error)) == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      ParAssessment *a = g_ptr_array_index (list, i);
      if (year == 0 || a->year == year)
        g_ptr_array_add (chosen, g_steal_pointer (&list->pdata[i]));
    }
  return g_steal_pointer (&chosen);
}

int
par_cli_cmd_score (ParCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autofree char *unit_name = NULL;
  int year = 0;
  gboolean all_years = FALSE, all_units = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit name or number"), N_("U") },
    { "all-units", 0, 0, G_OPTION_ARG_NONE, &all_units, N_("Every unit"), NULL },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("Year"), N_("Y") },
    { "all-years", 0, 0, G_OPTION_ARG_NONE, &all_years, N_("Every year of the unit"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  /* unit id → ParUnit */
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) par_unit_free);
  g_autoptr(GString) out = g_string_new (NULL);
  ScoreJson b = { out, 0, NULL, NULL, FALSE, NULL };
  gint64 unit_id = 0;
  gboolean reading;
  int status = 0;

  if (!par_cli_parse (cli, entries, "score", par_cli_synopsis ("score"), &argc, &argv))
    return 2;
  if ((unit_name == NULL) == !all_units || (year == 0) == !all_years)
    {
      par_cli_error (_("score: give --unit or --all-units, and --year or --all-years"));
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    {
      return 1;
    }
  /* The list and the years read here in one snapshot, under one lock instead of one per year
   * (issue 11); a second thread reads its years in a snapshot of its own. */
  reading = par_store_begin_read (cli->store);
  if ((assessments = select_assessments (cli, unit_name, all_units, year, units, &unit_id,
                                            &error)) == NULL)
    {
      par_store_end_read (cli->store, reading);
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (assessments->len == 0 && !all_years)
    {
      par_store_end_read (cli->store, reading);
      if (all_units)
        par_cli_error (_("no unit has an assessment for %d"), year);
      else
        par_cli_error (_("%s has no assessment for %d"),
                       ((ParUnit *) g_hash_table_lookup (units, &unit_id))->name, year);
      return 1;
    }

  if (json)
    g_string_append (b.out, "[");
  /* Read and scored on two threads where there are two cores, printed here in order
   * (issue 11: the user waits on the wall clock). */
  b.cli = cli;
  b.units = units;
  b.json = json;
  if (!par_store_score_each (cli->store, assessments, MIN (g_get_num_processors (), 2),
                             print_scored, &b, &error))
    {
      par_cli_error ("%s", error->message);
      status = 1;
    }
  else if (b.error != NULL)
    {
      par_cli_error ("%s", b.error->message);
      status = 1;
    }
  par_store_end_read (cli->store, reading);
  if (json)
    {
      g_string_append (b.out, "]\n");
      if (status == 0)
        g_print ("%s", b.out->str);
    }
  g_clear_error (&b.error);
  return status;
}

static void
json_total (GString            *out,
            const ParNodeTotal *t)
{
  g_autofree char *got = par_cli_points (t->final_total);
  g_autofree char *self = par_cli_points (t->self_total);
  g_autofree char *max = par_cli_points (t->max);
  g_autofree char *amax = par_cli_points (t->applicable_max);
  g_autofree char *idx = t->index >= 0 ? par_format_percent_sep (t->index, 2, '.', PAR_FORMAT_PLAIN)
                                        : g_strdup ("null");

  g_string_append_printf (out, "\"max\":%s,\"applicable_max\":%s,\"self\":%s,\"score\":%s,"
                          "\"index\":%s,\"done\":%u,\"items\":%u", max, amax, self, got, idx,
                          t->done, t->leaves);
}

/* A value as JSON: a string of its canonical text when the figure's type writes it exactly,
 * else the exact fraction as text ("7/2"), or null when there is none. */
static void
json_value (GString      *out,
            ParExprValue  v,
            const char   *canonical)
{
  if (canonical != NULL)
    par_cli_json_string (out, canonical);
  else if (v.kind == PAR_EXPR_NUMBER)
    g_string_append_printf (out, "\"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\"", v.num, v.den);
  else
    g_string_append (out, "null");
}

/* Format 2: every figure's year value with where it came from, its entered periods, and the
 * set's checks with the figures each names. */
static void
json_figures (GString         *out,
              ParFramework    *fw,
              ParFigureResult *figures)
{
  GPtrArray *list = par_framework_get_figures (fw);
  static const char *kinds[] = { "number", "yes-no", "date", "missing", "division-by-zero",
                                 "overflow" };
  static const char *states[] = { "passed", "failed", "not-checked" };

  g_string_append (out, ",\"figures\":[");
  for (guint i = 0; i < list->len; i++)
    {
      const ParFigure *figure = list->pdata[i];
      ParExprValue v = par_figure_result_get_value (figures, figure);
      g_autofree char *display = par_expr_value_format (&v, '.');
      g_autofree char *described = par_figure_result_describe (figures, figure);
      g_autofree char *provenance = par_figure_result_explain (figures, figure, '.');

      g_string_append (out, i > 0 ? ",{\"id\":" : "{\"id\":");
      par_cli_json_string (out, figure->id);
      g_string_append (out, ",\"label\":");
      par_cli_json_string (out, figure->label);
      g_string_append_printf (out, ",\"type\":\"%s\",\"period\":\"%s\",\"derived\":%s",
                              par_figure_type_to_string (figure->type),
                              par_period_to_string (figure->period),
                              par_figure_is_derived (figure) ? "true" : "false");
      if (figure->reg != NULL)   /* issue 13: computed from a register's rows */
        {
          g_string_append (out, ",\"register\":");
          par_cli_json_string (out, figure->reg->id);
        }
      g_string_append_printf (out, ",\"state\":\"%s\",\"value\":", kinds[v.kind]);
      json_value (out, v, par_figure_result_get_canonical (figures, figure));
      g_string_append (out, ",\"display\":");
      par_cli_json_string (out, display);
      g_string_append (out, ",\"source\":");
      par_cli_json_string (out, described);
      g_string_append (out, ",\"provenance\":");
      par_cli_json_string (out, provenance);
      g_string_append (out, ",\"periods\":{");
      if (!par_figure_is_derived (figure))
        for (guint part = 0, n = 0; part < par_period_n_parts (figure->period); part++)
          {
            ParExprValue p = par_figure_result_get_part (figures, figure, part);
            g_autofree char *text = NULL;

            if (!par_expr_value_is_value (&p))
              continue;
            text = par_expr_value_format (&p, '.');
            g_string_append (out, n++ > 0 ? "," : "");
            par_cli_json_string (out, par_period_part_key (figure->period, part));
            g_string_append_c (out, ':');
            par_cli_json_string (out, text);
          }
      g_string_append (out, "}}");
    }
  g_string_append (out, "],\"checks\":[");
  for (guint i = 0; i < par_figure_result_n_checks (figures); i++)
    {
      const ParCheckResult *c = par_figure_result_get_check (figures, i);

      g_string_append (out, i > 0 ? ",{\"id\":" : "{\"id\":");
      if (c->check->id != NULL)
        par_cli_json_string (out, c->check->id);
      else
        g_string_append (out, "null");
      g_string_append_printf (out, ",\"severity\":\"%s\",\"state\":\"%s\",\"message\":",
                              c->check->severity == PAR_CHECK_ERROR ? "error" : "warning",
                              states[c->state]);
      par_cli_json_string (out, c->check->message);
      g_string_append (out, ",\"explanation\":");
      par_cli_json_string (out, c->explanation);
      g_string_append (out, ",\"figures\":[");
      for (guint j = 0; j < c->check->figures->len; j++)
        {
          g_string_append (out, j > 0 ? "," : "");
          par_cli_json_string (out, ((const ParFigure *) c->check->figures->pdata[j])->id);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]");
}

static void
json_score (ScoreJson       *b,
            ParUnit         *unit,
            ParAssessment   *a,
            ParResult       *result,
            ParFigureResult *figures)
{
  ParFramework *fw = par_result_get_framework (result);
  GPtrArray *fields = par_framework_get_fields (fw);
  GPtrArray *leaves = par_framework_get_leaves (fw);
  const ParBand *band = par_result_get_band (result);
  g_autofree char *ded = par_cli_points (par_result_get_deductions (result));
  g_autofree char *bon = par_cli_points (par_result_get_bonuses (result));
  GString *out = b->out;

  g_string_append (out, "{\"unit\":");
  par_cli_json_string (out, unit->name);
  g_string_append_printf (out, ",\"year\":%d,\"status\":\"%s\",\"framework\":", a->year,
                          par_status_to_string (a->status));
  par_cli_json_string (out, par_framework_get_id (fw));
  g_string_append (out, ",");
  json_total (out, par_result_get_total (result, NULL));
  g_string_append (out, ",\"band\":");
  if (band != NULL)
    par_cli_json_string (out, band->name);
  else
    g_string_append (out, "null");
  g_string_append_printf (out, ",\"deductions\":%s,\"bonuses\":%s,\"fields\":[", ded, bon);
  for (guint i = 0; i < fields->len; i++)
    {
      const ParNode *field = g_ptr_array_index (fields, i);
      g_string_append (out, i > 0 ? ",{\"code\":" : "{\"code\":");
      par_cli_json_string (out, field->code);
      g_string_append (out, ",\"title\":");
      par_cli_json_string (out, field->title);
      g_string_append (out, ",");
      json_total (out, par_result_get_total (result, field->code));
      g_string_append (out, "}");
    }
  g_string_append (out, "],\"items\":[");
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = g_ptr_array_index (leaves, i);
      const ParLeafScore *s = par_result_get_leaf (result, leaf->code);
      static const char *states[] = { "not-started", "incomplete", "scored", "not-applicable",
                                      "survey", "invalid" };
      g_autofree char *max = par_cli_points (s->max);
      g_autofree char *self = s->has_self ? par_cli_points (s->self) : g_strdup ("null");
      g_autofree char *fin = s->has_final ? par_cli_points (s->final) : g_strdup ("null");

      g_string_append (out, i > 0 ? ",{\"code\":" : "{\"code\":");
      par_cli_json_string (out, leaf->code);
      g_string_append_printf (out, ",\"state\":\"%s\",\"max\":%s,\"self\":%s,\"score\":%s,"
                              "\"explanation\":", states[s->state], max, self, fin);
      par_cli_json_string (out, s->explanation);
      if (figures != NULL)
        {
          g_string_append (out, ",\"figures\":[");
          for (guint j = 0; j < leaf->figures->len; j++)
            {
              g_string_append (out, j > 0 ? "," : "");
              par_cli_json_string (out, ((const ParFigure *) leaf->figures->pdata[j])->id);
            }
          g_string_append (out, "]");
        }
      g_string_append (out, "}");
    }
  g_string_append (out, "]");
  if (figures != NULL)
    json_figures (out, fw, figures);
  g_string_append (out, "}");
}
