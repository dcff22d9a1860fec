/* par-figures.c — a year's figures: entered values, their one check, roll-ups of periods,
 * derived figures, checks, and where every value came from.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figures.h"
#include "par-format.h"
#include "par-registers.h"

/* --- entered values -------------------------------------------------------------------------- */

struct _ParFigureValues {
  gatomicrefcount  ref_count;
  GHashTable      *values;   /* "figure\x1fpart" → value */
};

static char *
value_key (const char *figure_id,
           const char *part_key)
{
  return g_strconcat (figure_id, "\x1f", part_key, NULL);
}

ParFigureValues *
par_figure_values_new (void)
{
  ParFigureValues *values = g_new0 (ParFigureValues, 1);

  g_atomic_ref_count_init (&values->ref_count);
  values->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return values;
}

ParFigureValues *
par_figure_values_ref (ParFigureValues *values)
{
  g_atomic_ref_count_inc (&values->ref_count);
  return values;
}

void
par_figure_values_unref (ParFigureValues *values)
{
  if (values == NULL || !g_atomic_ref_count_dec (&values->ref_count))
    return;
  g_hash_table_unref (values->values);
  g_free (values);
}

void
par_figure_values_set (ParFigureValues *values,
                       const char      *figure_id,
                       const char      *part_key,
                       const char      *value)
{
  g_return_if_fail (values != NULL && figure_id != NULL && part_key != NULL);
  if (value == NULL || value[0] == '\0')
    {
      g_autofree char *key = value_key (figure_id, part_key);
      g_hash_table_remove (values->values, key);
    }
  else
    g_hash_table_replace (values->values, value_key (figure_id, part_key), g_strdup (value));
}

const char *
par_figure_values_get (const ParFigureValues *values,
                       const char            *figure_id,
                       const char            *part_key)
{
  g_autofree char *key = NULL;

  if (values == NULL)
    return NULL;
  key = value_key (figure_id, part_key);
  return g_hash_table_lookup (values->values, key);
}

guint
par_figure_values_count (const ParFigureValues *values)
{
  return values != NULL ? g_hash_table_size (values->values) : 0;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
par_figure_values_foreach (const ParFigureValues *values,
                           ParFigureValuesFunc    func,
                           gpointer               user_data)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  g_return_if_fail (func != NULL);
  if (values == NULL)
    return;
  /* "id\x1fpart" sorts by id, then part: \x1f is below every character an id may hold. */
  keys = g_hash_table_get_keys_as_array (values->values, &n);
  qsort (keys, n, sizeof *keys, compare_keys);
  for (guint i = 0; i < n; i++)
    {
      const char *key = keys[i];
      const char *sep = strchr (key, '\x1f');
      g_autofree char *id = g_strndup (key, (gsize) (sep - key));
      func (id, sep + 1, g_hash_table_lookup (values->values, key), user_data);
    }
}

/* --- one value ------------------------------------------------------------------------------- */

static const char *
expected_text (ParFigureType type)
{
  switch (type)
    {
    case PAR_FIGURE_INTEGER:
      return _("a whole number from 0 to 999,999,999,999");
    case PAR_FIGURE_DECIMAL:
      return _("a number from 0 with at most two decimals");
    case PAR_FIGURE_PERCENT:
      return _("a percentage from 0 to 100 with at most two decimals");
    case PAR_FIGURE_DATE:
      return _("a date");
    case PAR_FIGURE_YES_NO:
      return _("yes or no");
    default:
      return "?";
    }
}

gboolean
par_figure_check_value (const ParFigure  *figure,
                        const char       *part_key,
                        const char       *value,
                        GError          **error)
{
  g_return_val_if_fail (figure != NULL, FALSE);

  if (figure->reg != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Figure “%s” (%s) is computed from the rows of register “%s” and cannot be entered."),
                   figure->label, figure->id, figure->reg->id);
      return FALSE;
    }
  if (figure->expr != NULL)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   _("Figure “%s” (%s) is computed from other figures and cannot be entered."),
                   figure->label, figure->id);
      return FALSE;
    }
  if (!par_period_parse_part (figure->period, part_key, NULL))
    {
      guint n = par_period_n_parts (figure->period);
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   /* TRANSLATORS: "Figure “Hồ sơ tiếp nhận” (received) is entered for q1 … q4,
                    * not for “year”." */
                   _("Figure “%s” (%s) is entered for %s … %s, not for “%s”."),
                   figure->label, figure->id, par_period_part_key (figure->period, 0),
                   par_period_part_key (figure->period, n - 1), part_key != NULL ? part_key : "");
      return FALSE;
    }
  if (value == NULL || !par_input_read (figure->as_input, value, NULL))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
                   /* TRANSLATORS: "Figure “…” (received), q1: “-3” is not a whole number from…" */
                   _("Figure “%s” (%s), %s: “%s” is not %s."), figure->label, figure->id,
                   part_key, value != NULL ? value : "", expected_text (figure->type));
      return FALSE;
    }
  return TRUE;
}

char *
par_figure_normalize (const ParFigure  *figure,
                      const char       *text,
                      GError          **error)
{
  g_return_val_if_fail (figure != NULL, NULL);
  return par_input_normalize (figure->as_input, text, error);
}

ParExprValue
par_figure_value_parse (ParFigureType  type,
                        const char    *canonical)
{
  static const ParInputType input_types[] = {
    PAR_INPUT_INTEGER, PAR_INPUT_DECIMAL, PAR_INPUT_PERCENT, PAR_INPUT_DATE, PAR_INPUT_BOOLEAN,
  };
  ParInput input = { 0, };
  ParInputValue n = { 0, 1 };
  ParExprValue v;

  if (canonical == NULL || canonical[0] == '\0' || type > PAR_FIGURE_YES_NO)
    return par_expr_value_missing ();
  input.type = input_types[type];
  if (!par_input_read (&input, canonical, &n))
    return par_expr_value_missing ();
  switch (type)
    {
    case PAR_FIGURE_INTEGER:
      return par_expr_value_number (n.number, 1);
    case PAR_FIGURE_DECIMAL:
      return par_expr_value_number (n.number, n.scale);
    case PAR_FIGURE_PERCENT:
      v = par_expr_value_number (n.number, (gint64) n.scale * 100);
      v.percent = TRUE;
      return v;
    case PAR_FIGURE_DATE:
      {
        GDate d;
        g_date_clear (&d, 1);
        g_date_set_dmy (&d, (GDateDay) atoi (canonical + 8), (GDateMonth) atoi (canonical + 5),
                        (GDateYear) atoi (canonical));
        return par_expr_value_date (g_date_get_julian (&d));
      }
    case PAR_FIGURE_YES_NO:
      return par_expr_value_boolean (g_str_equal (canonical, "true"));
    default:
      return par_expr_value_missing ();
    }
}

/* --- evaluation ------------------------------------------------------------------------------ */

struct _ParFigureResult {
  gatomicrefcount  ref_count;
  ParFramework    *framework;
  guint            n;
  ParExprValue    *year;      /* n */
  ParExprValue    *parts;     /* n × PAR_PERIOD_MAX_PARTS */
  char           **canonical; /* n, nullable each */
  guint8          *state;     /* n: 0 not computed, 1 computing, 2 done */
  guint8          *part_state;/* n: the same for the parts of derived figures */
  ParPeriod       *part_period; /* n: the period of a figure's parts (derived: its figures') */
  gboolean        *has_parts; /* n */
  ParCheckResult  *checks;
  guint            n_checks;
  GHashTable      *rows;      /* nullable: register id → ParRegisterRows* */
};

typedef struct {
  const ParRegister     *reg;
  const ParRegisterRows *rows;
} RowsOf;

static ParExprValue
rows_cell (guint    row,
           guint    slot,
           gpointer data)
{
  RowsOf *of = data;
  guint c = slot - PAR_REGISTER_COLUMN_SLOT_BASE;

  if (slot < PAR_REGISTER_COLUMN_SLOT_BASE || c >= of->reg->columns->len ||
      c >= par_register_rows_n_columns (of->rows))
    return par_expr_value_missing ();
  return par_register_cell_value (g_ptr_array_index (of->reg->columns, c),
                                  par_register_rows_get (of->rows, row, c));
}

static const ParRegisterRows *
rows_of (const ParFigureResult *result,
         const ParRegister     *reg)
{
  return result->rows != NULL ? g_hash_table_lookup (result->rows, reg->id) : NULL;
}

static ParExprValue
rollup (const ParFigure    *figure,
        const ParExprValue *parts)
{
  guint n = par_period_n_parts (figure->period);
  ParExprValue acc;

  if (figure->period == PAR_PERIOD_YEAR || figure->rollup == PAR_ROLLUP_LAST)
    return parts[n - 1];
  for (guint i = 0; i < n; i++)
    if (!par_expr_value_is_value (&parts[i]))
      return par_expr_value_missing ();
  acc = parts[0];
  for (guint i = 1; i < n; i++)
    {
      switch (figure->rollup)
        {
        case PAR_ROLLUP_SUM:
        case PAR_ROLLUP_AVERAGE:
          acc = par_expr_value_arith ('+', &acc, &parts[i]);
          break;
        case PAR_ROLLUP_MAX:
          if (par_expr_value_compare (&parts[i], &acc) > 0)
            acc = parts[i];
          break;
        case PAR_ROLLUP_MIN:
          if (par_expr_value_compare (&parts[i], &acc) < 0)
            acc = parts[i];
          break;
        default:
          break;
        }
      if (!par_expr_value_is_value (&acc))
        return acc;
    }
  if (figure->rollup == PAR_ROLLUP_AVERAGE)
    {
      ParExprValue count = par_expr_value_number (n, 1);
      acc = par_expr_value_arith ('/', &acc, &count);
    }
  acc.percent = figure->type == PAR_FIGURE_PERCENT;
  return acc;
}

static ParExprValue compute (ParFigureResult *result, guint index);

ParExprValue
par_figure_result_lookup (guint    slot,
                          gpointer data)
{
  ParFigureResult *result = data;

  if (slot >= result->n)
    return par_expr_value_missing ();
  return compute (result, slot);
}

static ParExprValue
compute (ParFigureResult *result,
         guint            index)
{
  const ParFigure *figure = g_ptr_array_index (par_framework_get_figures (result->framework), index);

  if (result->state[index] == 2)
    return result->year[index];
  if (result->state[index] == 1)   /* a cycle: the loader refuses them; never loop */
    return par_expr_value_missing ();
  result->state[index] = 1;
  if (figure->reg != NULL)
    {
      /* A register with no rows has not been kept (yet): its figures are not entered, never 0. */
      RowsOf of = { figure->reg, rows_of (result, figure->reg) };
      guint n = par_register_rows_count (of.rows);
      result->year[index] = n == 0 ? par_expr_value_missing ()
                                   : par_expr_evaluate_rows (figure->expr, par_figure_result_lookup,
                                                             result, rows_cell, &of, n);
    }
  else if (figure->expr != NULL)
    result->year[index] = par_expr_evaluate (figure->expr, par_figure_result_lookup, result);
  else
    result->year[index] = rollup (figure, result->parts + (gsize) index * PAR_PERIOD_MAX_PARTS);
  if (result->year[index].kind == PAR_EXPR_NUMBER && figure->type == PAR_FIGURE_PERCENT)
    result->year[index].percent = TRUE;
  result->state[index] = 2;
  return result->year[index];
}

/* A derived figure has parts when every figure it uses has parts of one period: its value per
 * quarter (say) is its expression over their values of that quarter. */
typedef struct {
  ParFigureResult *result;
  guint            part;
} PartLookup;

static void compute_parts (ParFigureResult *result, guint index);

static ParExprValue
part_lookup (guint    slot,
             gpointer data)
{
  PartLookup *pl = data;

  if (slot >= pl->result->n || !pl->result->has_parts[slot])
    return par_expr_value_missing ();
  compute_parts (pl->result, slot);
  return pl->result->parts[(gsize) slot * PAR_PERIOD_MAX_PARTS + pl->part];
}

static void
compute_parts (ParFigureResult *result,
               guint            index)
{
  const ParFigure *figure = g_ptr_array_index (par_framework_get_figures (result->framework), index);
  const GArray *slots;
  gboolean first = TRUE;

  if (result->part_state[index] != 0)
    return;
  result->part_state[index] = 1;
  if (figure->expr == NULL || figure->reg != NULL)
    {
      result->has_parts[index] = figure->period != PAR_PERIOD_YEAR;
      result->part_period[index] = figure->period;
      result->part_state[index] = 2;
      return;
    }
  slots = par_expr_get_slots (figure->expr);
  result->has_parts[index] = slots->len > 0;
  for (guint i = 0; i < slots->len; i++)
    {
      guint slot = g_array_index (slots, guint, i);
      if (slot >= result->n)
        continue;
      compute_parts (result, slot);
      if (!result->has_parts[slot] || (!first && result->part_period[slot] != result->part_period[index]))
        result->has_parts[index] = FALSE;
      result->part_period[index] = result->part_period[slot];
      first = FALSE;
    }
  if (result->has_parts[index])
    for (guint k = 0; k < par_period_n_parts (result->part_period[index]); k++)
      {
        PartLookup pl = { result, k };
        ParExprValue v = par_expr_evaluate (figure->expr, part_lookup, &pl);
        if (v.kind == PAR_EXPR_NUMBER && figure->type == PAR_FIGURE_PERCENT)
          v.percent = TRUE;
        result->parts[(gsize) index * PAR_PERIOD_MAX_PARTS + k] = v;
      }
  result->part_state[index] = 2;
}

/* The canonical text of an exact value, when the figure's type can write it. */
static char *
canonical_of (const ParFigure    *figure,
              const ParExprValue *v)
{
  gint64 scaled;

  if (v->kind == PAR_EXPR_BOOLEAN)
    return g_strdup (v->num ? "true" : "false");
  if (v->kind == PAR_EXPR_DATE)
    {
      GDate d;
      if (v->num < 1 || v->num > G_MAXUINT32 || !g_date_valid_julian ((guint32) v->num))
        return NULL;
      g_date_clear (&d, 1);
      g_date_set_julian (&d, (guint32) v->num);
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d),
                              g_date_get_day (&d));
    }
  if (v->kind != PAR_EXPR_NUMBER)
    return NULL;
  switch (figure->type)
    {
    case PAR_FIGURE_INTEGER:
      return v->den == 1 ? g_strdup_printf ("%" G_GINT64_FORMAT, v->num) : NULL;
    case PAR_FIGURE_DECIMAL:
    case PAR_FIGURE_PERCENT:
      {
        ParExprValue scaled_v = *v;
        gint64 factor = figure->type == PAR_FIGURE_PERCENT ? 10000 : 100;
        char buf[PAR_POINTS_FORMAT_SIZE];

        /* Exact in hundredths (of a percent), or not written at all. */
        if ((factor % v->den) != 0 || !par_expr_value_round (&scaled_v, factor, &scaled))
          return NULL;
        return g_strdup (par_points_format (scaled, buf));
      }
    default:
      return NULL;
    }
}

ParFigureResult *
par_figures_evaluate (ParFramework          *framework,
                      const ParFigureValues *values)
{
  return par_figures_evaluate_with_rows (framework, values, NULL);
}

ParFigureResult *
par_figures_evaluate_with_rows (ParFramework          *framework,
                                const ParFigureValues *values,
                                GHashTable            *rows)
{
  GPtrArray *figures, *checks;
  ParFigureResult *result;
  char sep = par_points_decimal_separator ();

  g_return_val_if_fail (framework != NULL, NULL);

  figures = par_framework_get_figures (framework);
  checks = par_framework_get_checks (framework);
  result = g_new0 (ParFigureResult, 1);
  g_atomic_ref_count_init (&result->ref_count);
  result->framework = par_framework_ref (framework);
  result->n = figures->len;
  result->year = g_new0 (ParExprValue, result->n);
  result->parts = g_new0 (ParExprValue, (gsize) result->n * PAR_PERIOD_MAX_PARTS);
  result->canonical = g_new0 (char *, result->n + 1);
  result->state = g_new0 (guint8, result->n + 1);
  result->part_state = g_new0 (guint8, result->n + 1);
  result->part_period = g_new0 (ParPeriod, result->n + 1);
  result->has_parts = g_new0 (gboolean, result->n + 1);
  result->rows = rows != NULL ? g_hash_table_ref (rows) : NULL;

  for (guint i = 0; i < result->n; i++)
    {
      const ParFigure *figure = g_ptr_array_index (figures, i);
      ParExprValue *parts = result->parts + (gsize) i * PAR_PERIOD_MAX_PARTS;

      for (guint k = 0; k < PAR_PERIOD_MAX_PARTS; k++)
        parts[k] = par_expr_value_missing ();
      if (figure->expr != NULL)
        continue;
      for (guint k = 0; k < par_period_n_parts (figure->period); k++)
        parts[k] = par_figure_value_parse (figure->type,
                                           par_figure_values_get (values, figure->id,
                                                                  par_period_part_key (figure->period, k)));
    }
  for (guint i = 0; i < result->n; i++)
    {
      ParExprValue v = compute (result, i);
      result->canonical[i] = canonical_of (g_ptr_array_index (figures, i), &v);
    }
  for (guint i = 0; i < result->n; i++)
    compute_parts (result, i);

  result->n_checks = checks->len;
  result->checks = g_new0 (ParCheckResult, checks->len + 1);
  for (guint i = 0; i < checks->len; i++)
    {
      const ParCheck *check = g_ptr_array_index (checks, i);
      ParCheckResult *r = &result->checks[i];
      ParExprValue v = par_expr_evaluate (check->expr, par_figure_result_lookup, result);

      r->check = check;
      if (v.kind == PAR_EXPR_BOOLEAN)
        r->state = v.num ? PAR_CHECK_PASSED : PAR_CHECK_FAILED;
      else if (v.kind == PAR_EXPR_OVERFLOW)
        r->state = PAR_CHECK_FAILED;
      else
        r->state = PAR_CHECK_NOT_CHECKED;
      r->explanation = par_expr_explain (check->expr, par_figure_result_lookup,
                                         par_figure_result_describe_slot, result, sep);
    }
  return result;
}

ParFigureResult *
par_figure_result_ref (ParFigureResult *result)
{
  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
par_figure_result_unref (ParFigureResult *result)
{
  if (result == NULL || !g_atomic_ref_count_dec (&result->ref_count))
    return;
  for (guint i = 0; i < result->n; i++)
    g_free (result->canonical[i]);
  for (guint i = 0; i < result->n_checks; i++)
    g_free (result->checks[i].explanation);
  g_free (result->checks);
  g_free (result->canonical);
  g_free (result->state);
  g_free (result->part_state);
  g_free (result->part_period);
  g_free (result->has_parts);
  g_free (result->parts);
  g_free (result->year);
  if (result->rows != NULL)
    g_hash_table_unref (result->rows);
  par_framework_unref (result->framework);
  g_free (result);
}

static gboolean
figure_ok (const ParFigureResult *result,
           const ParFigure       *figure)
{
  return figure != NULL && figure->index < result->n &&
         g_ptr_array_index (par_framework_get_figures (result->framework), figure->index) == figure;
}

ParExprValue
par_figure_result_get_value (const ParFigureResult *result,
                             const ParFigure       *figure)
{
  g_return_val_if_fail (result != NULL && figure_ok (result, figure), par_expr_value_missing ());
  return result->year[figure->index];
}

ParExprValue
par_figure_result_get_part (const ParFigureResult *result,
                            const ParFigure       *figure,
                            guint                  part)
{
  g_return_val_if_fail (result != NULL && figure_ok (result, figure), par_expr_value_missing ());
  if (part >= PAR_PERIOD_MAX_PARTS)
    return par_expr_value_missing ();
  return result->parts[(gsize) figure->index * PAR_PERIOD_MAX_PARTS + part];
}

gboolean
par_figure_result_has_parts (const ParFigureResult *result,
                             const ParFigure       *figure,
                             ParPeriod             *period)
{
  g_return_val_if_fail (result != NULL && figure_ok (result, figure), FALSE);
  if (period != NULL)
    *period = result->part_period[figure->index];
  return result->has_parts[figure->index];
}

static void
missing_of (const ParFigureResult *result,
            const ParFigure       *figure,
            gboolean              *visited,
            GString               *out,
            gboolean              *entered)
{
  gsize at = (gsize) figure->index * PAR_PERIOD_MAX_PARTS;
  guint n, first;
  gboolean named = FALSE;

  if (visited[figure->index])
    return;
  visited[figure->index] = TRUE;
  if (result->year[figure->index].kind != PAR_EXPR_MISSING)
    {
      *entered = TRUE;
      return;
    }
  if (figure->expr != NULL && figure->reg == NULL)
    {
      GPtrArray *all = par_framework_get_figures (result->framework);
      const GArray *slots = par_expr_get_slots (figure->expr);

      for (guint i = 0; i < slots->len; i++)
        {
          guint slot = g_array_index (slots, guint, i);

          if (slot < all->len)
            missing_of (result, g_ptr_array_index (all, slot), visited, out, entered);
        }
      return;
    }
  if (out->len > 0)
    g_string_append (out, "; ");
  g_string_append (out, figure->id);
  if (figure->reg != NULL || figure->period == PAR_PERIOD_YEAR)
    return;
  n = par_period_n_parts (figure->period);
  /* The year of a "last" figure is its last period's value: the others are not needed. */
  first = figure->rollup == PAR_ROLLUP_LAST ? n - 1 : 0;
  for (guint k = 0; k < n; k++)
    {
      if (result->parts[at + k].kind != PAR_EXPR_MISSING)
        *entered = TRUE;
      else if (k >= first)
        {
          g_string_append (out, named ? ", " : " ");
          g_string_append (out, par_period_part_label (figure->period, k));
          named = TRUE;
        }
    }
}

char *
par_figure_result_missing (const ParFigureResult *result,
                           const GPtrArray       *figures,
                           gboolean              *entered)
{
  g_autofree gboolean *visited = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean any = FALSE;

  g_return_val_if_fail (result != NULL && figures != NULL, NULL);

  visited = g_new0 (gboolean, MAX (result->n, 1));
  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index ((GPtrArray *) figures, i);

      g_return_val_if_fail (figure_ok (result, figure), NULL);
      missing_of (result, figure, visited, out, &any);
    }
  if (entered != NULL)
    *entered = any;
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

const char *
par_figure_result_get_canonical (const ParFigureResult *result,
                                 const ParFigure       *figure)
{
  g_return_val_if_fail (result != NULL && figure_ok (result, figure), NULL);
  return result->canonical[figure->index];
}

static const char *
rollup_word (ParRollup rollup)
{
  switch (rollup)
    {
    /* TRANSLATORS: how a figure's year follows from its periods: "on_time (Q1–Q4 sum)" */
    case PAR_ROLLUP_SUM: return C_("rollup", "sum");
    /* TRANSLATORS: "on_time (Q1–Q4 average)" */
    case PAR_ROLLUP_AVERAGE: return C_("rollup", "average");
    /* TRANSLATORS: "on_time (Q1–Q4 max)": the largest of the periods */
    case PAR_ROLLUP_MAX: return C_("rollup", "max");
    /* TRANSLATORS: "on_time (Q1–Q4 min)": the smallest of the periods */
    case PAR_ROLLUP_MIN: return C_("rollup", "min");
    default: return "";
    }
}

char *
par_figure_result_describe (const ParFigureResult *result,
                            const ParFigure       *figure)
{
  guint n;

  g_return_val_if_fail (figure != NULL, NULL);
  if (figure->expr != NULL || figure->period == PAR_PERIOD_YEAR)
    return g_strdup (figure->id);
  n = par_period_n_parts (figure->period);
  if (figure->rollup == PAR_ROLLUP_LAST)
    return g_strdup_printf ("%s (%s)", figure->id, par_period_part_label (figure->period, n - 1));
  /* TRANSLATORS: a figure's year made of its periods: 1 the figure's id, 2 and 3 the first
   * and last period, 4 how they combine ("on_time (Q1–Q4 sum)"); reorder with %N$s. */
  return g_strdup_printf (_("%1$s (%2$s–%3$s %4$s)"), figure->id,
                          par_period_part_label (figure->period, 0),
                          par_period_part_label (figure->period, n - 1),
                          rollup_word (figure->rollup));
}

char *
par_figure_result_describe_slot (guint    slot,
                                 gpointer data)
{
  ParFigureResult *result = data;

  if (slot >= result->n)
    return g_strdup ("?");
  return par_figure_result_describe (result, g_ptr_array_index (par_framework_get_figures (result->framework), slot));
}

char *
par_figure_result_explain (const ParFigureResult *result,
                           const ParFigure       *figure,
                           char                   decimal_sep)
{
  ParExprValue year;
  g_autofree char *year_text = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (result != NULL && figure_ok (result, figure), NULL);
  year = result->year[figure->index];
  year_text = par_expr_value_format (&year, decimal_sep);
  if (figure->reg != NULL)
    {
      RowsOf of = { figure->reg, rows_of (result, figure->reg) };
      guint n_rows = par_register_rows_count (of.rows);
      g_autofree char *expr = NULL;

      if (n_rows == 0)
        /* TRANSLATORS: the register by its title: "from the register “Kế hoạch CCHC”: no rows
         * entered" */
        return g_strdup_printf (_("from the register “%s”: no rows entered"), figure->reg->label);
      expr = par_expr_explain_rows (figure->expr, par_figure_result_lookup,
                                    par_figure_result_describe_slot, (gpointer) result,
                                    rows_cell, &of, n_rows, decimal_sep);
      /* TRANSLATORS: the register by its title, then what was counted in words: "from the register
       * “Báo cáo định kỳ”: Ngày gửi entered and Ngày gửi ≤ Hạn gửi: 1 of 3 rows = 1" */
      return g_strdup_printf (_("from the register “%s”: %s = %s"), figure->reg->label, expr, year_text);
    }
  if (figure->expr != NULL)
    {
      g_autofree char *expr = par_expr_explain (figure->expr, par_figure_result_lookup,
                                                par_figure_result_describe_slot,
                                                (gpointer) result, decimal_sep);
      return g_strdup_printf ("%s = %s", expr, year_text);
    }
  n = par_period_n_parts (figure->period);
  if (figure->period == PAR_PERIOD_YEAR)
    return g_steal_pointer (&year_text);
  out = g_string_new (NULL);
  if (figure->rollup == PAR_ROLLUP_LAST)
    {
      g_string_append_printf (out, "%s %s", par_period_part_label (figure->period, n - 1), year_text);
      return g_string_free (out, FALSE);
    }
  if (figure->rollup == PAR_ROLLUP_MAX || figure->rollup == PAR_ROLLUP_MIN)
    g_string_append_printf (out, "%s (", figure->rollup == PAR_ROLLUP_MAX ? "max" : "min");
  else if (figure->rollup == PAR_ROLLUP_AVERAGE)
    g_string_append_c (out, '(');
  for (guint i = 0; i < n; i++)
    {
      const ParExprValue *part = &result->parts[(gsize) figure->index * PAR_PERIOD_MAX_PARTS + i];
      g_autofree char *text = par_expr_value_format (part, decimal_sep);
      if (i > 0)
        g_string_append (out, figure->rollup == PAR_ROLLUP_SUM || figure->rollup == PAR_ROLLUP_AVERAGE
                              ? " + " : ", ");
      g_string_append_printf (out, "%s %s", par_period_part_label (figure->period, i), text);
    }
  if (figure->rollup == PAR_ROLLUP_AVERAGE)
    g_string_append_printf (out, ") / %u", n);
  else if (figure->rollup != PAR_ROLLUP_SUM)
    g_string_append_c (out, ')');
  g_string_append_printf (out, " = %s", year_text);
  return g_string_free (out, FALSE);
}

guint
par_figure_result_n_checks (const ParFigureResult *result)
{
  return result->n_checks;
}

const ParCheckResult *
par_figure_result_get_check (const ParFigureResult *result,
                             guint                  i)
{
  g_return_val_if_fail (i < result->n_checks, NULL);
  return &result->checks[i];
}

gboolean
par_figure_result_blocks_submission (const ParFigureResult  *result,
                                     GError                **error)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  guint failed = 0;

  for (guint i = 0; i < result->n_checks; i++)
    {
      const ParCheckResult *r = &result->checks[i];
      if (r->state != PAR_CHECK_FAILED || r->check->severity != PAR_CHECK_ERROR)
        continue;
      failed++;
      g_string_append_printf (messages, "\n• %s (%s)", r->check->message, r->explanation);
    }
  if (failed == 0)
    return FALSE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE, "The figures fail %u check:%s",
                            "The figures fail %u checks:%s", failed),
               failed, messages->str);
  return TRUE;
}
