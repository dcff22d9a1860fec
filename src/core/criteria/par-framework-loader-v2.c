/* par-framework-loader-v2.c — what format 2 adds to a criteria set: figures (entered per period
 * or derived by an expression), checks, conditional rules and the figures rules refer to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs after the schema has validated the file and the tree was read, before the semantic checks
 * of format 1: figures are read, every expression is parsed and type-checked against the set's
 * figures (and a leaf's own inputs), cycles between derived figures are refused, and each rule's
 * references to figures are resolved. Every refusal names the file, the line and the figure,
 * check or criterion.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figure.h"
#include "par-framework-loader-private.h"
#include "par-register.h"

/* --- years ----------------------------------------------------------------------------------- */

gboolean
par_loader_v2_years (ParLoader *ld,
                     xmlNode   *el,
                     int       *from,
                     int       *to)
{
  g_autofree char *years = par_loader_prop (el, "years");

  *from = *to = 0;
  if (years == NULL)
    return TRUE;
  /* The schema admits "YYYY" and "YYYY-YYYY" only. */
  *from = atoi (years);
  *to = strlen (years) > 4 ? atoi (years + 5) : *from;
  if (*to < *from || *from < 1900)
    {
      g_autofree char *msg = g_strdup_printf (_("the years “%s” run backwards or are not real years"),
                                              years);
      par_loader_fail (ld, PAR_ERROR_INVALID, par_loader_attribute_line (ld, el, "years"),
                       NULL, msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
par_loader_v2_years_overlap (const ParTier *a,
                             const ParTier *b)
{
  if (a->year_from == 0 || b->year_from == 0)
    return TRUE;
  return a->year_from <= b->year_to && b->year_from <= a->year_to;
}

/* --- errors ---------------------------------------------------------------------------------- */

static void G_GNUC_PRINTF (5, 6)
fail_figure (ParLoader  *ld,
             int         code,
             int         line,
             const char *figure,
             const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *full = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "figure on_time: the expression …" */
  full = g_strdup_printf (_("figure %s: %s"), figure, msg);
  par_loader_fail (ld, code, line, NULL, full);
}

/* --- figures --------------------------------------------------------------------------------- */

static const struct { const char *name; ParFigureType type; ParInputType input; } figure_types[] = {
  { "integer", PAR_FIGURE_INTEGER, PAR_INPUT_INTEGER },
  { "decimal", PAR_FIGURE_DECIMAL, PAR_INPUT_DECIMAL },
  { "percent", PAR_FIGURE_PERCENT, PAR_INPUT_PERCENT },
  { "date", PAR_FIGURE_DATE, PAR_INPUT_DATE },
  { "yes-no", PAR_FIGURE_YES_NO, PAR_INPUT_BOOLEAN },
};

static const char *const period_names[] = { "year", "half", "quarter", "month" };
static const char *const rollup_names[] = { "sum", "last", "max", "min", "average" };

static gboolean
is_reserved (const char *id)
{
  static const char *const words[] = {
    "and", "or", "not", "true", "false", "null", "if", "min", "max",
    "count", "sum", "average", "share",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_strcmp0 (id, words[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
read_figure (ParLoader    *ld,
             ParFramework *fw,
             xmlNode      *el,
             GPtrArray    *expr_texts)
{
  ParFigure *figure = g_new0 (ParFigure, 1);
  g_autofree char *type = par_loader_prop (el, "type");
  g_autofree char *period = par_loader_prop (el, "period");
  g_autofree char *rollup = par_loader_prop (el, "rollup");
  ParInputType input_type = PAR_INPUT_INTEGER;
  int line = xmlGetLineNo (el);

  figure->id = par_loader_prop (el, "id");
  figure->label = par_loader_prop (el, "label");
  figure->label_en = par_loader_prop (el, "label-en");
  figure->unit = par_loader_prop (el, "unit");
  figure->line = line;
  figure->index = fw->figures->len;
  for (guint i = 0; i < G_N_ELEMENTS (figure_types); i++)
    if (g_strcmp0 (type, figure_types[i].name) == 0)
      {
        figure->type = figure_types[i].type;
        input_type = figure_types[i].input;
      }
  figure->period = PAR_PERIOD_YEAR;
  for (guint i = 0; i < G_N_ELEMENTS (period_names); i++)
    if (g_strcmp0 (period, period_names[i]) == 0)
      figure->period = (ParPeriod) i;
  /* A count adds up over the year; a date or a yes/no is what it is at the end of it. */
  figure->rollup = figure->type == PAR_FIGURE_DATE || figure->type == PAR_FIGURE_YES_NO ||
                   figure->type == PAR_FIGURE_PERCENT ? PAR_ROLLUP_LAST : PAR_ROLLUP_SUM;
  for (guint i = 0; i < G_N_ELEMENTS (rollup_names); i++)
    if (g_strcmp0 (rollup, rollup_names[i]) == 0)
      figure->rollup = (ParRollup) i;

  figure->as_input = par_input_new ();
  figure->as_input->id = g_strdup (figure->id);
  figure->as_input->type = input_type;
  figure->as_input->label = g_strdup (figure->label);
  figure->as_input->label_en = g_strdup (figure->label_en);
  figure->as_input->unit = g_strdup (figure->unit);

  g_ptr_array_add (fw->figures, figure);
  g_ptr_array_add (expr_texts, par_loader_prop (el, "expr"));
  if (g_ptr_array_index (expr_texts, expr_texts->len - 1) != NULL)
    figure->line = par_loader_attribute_line (ld, el, "expr");

  if (is_reserved (figure->id))
    {
      fail_figure (ld, PAR_ERROR_INVALID, line, figure->id,
                   _("“%s” is a word of the expression language and cannot be an id"), figure->id);
      return FALSE;
    }
  if (!g_hash_table_insert (fw->figures_by_id, figure->id, figure))
    {
      fail_figure (ld, PAR_ERROR_INVALID, line, figure->id, _("the id is declared twice"));
      return FALSE;
    }
  if (rollup != NULL && figure->period == PAR_PERIOD_YEAR)
    {
      fail_figure (ld, PAR_ERROR_INVALID, line, figure->id,
                   _("rollup=\"%s\" needs a period (half, quarter or month): a yearly figure has "
                     "one value"), rollup);
      return FALSE;
    }
  if ((figure->rollup == PAR_ROLLUP_SUM || figure->rollup == PAR_ROLLUP_AVERAGE) &&
      (figure->type == PAR_FIGURE_DATE || figure->type == PAR_FIGURE_YES_NO ||
       (figure->type == PAR_FIGURE_PERCENT && figure->rollup == PAR_ROLLUP_SUM)))
    {
      fail_figure (ld, PAR_ERROR_INVALID, line, figure->id,
                   _("a %s figure’s year cannot be the %s of its periods (use last, max or min%s)"),
                   type, rollup_names[figure->rollup],
                   figure->type == PAR_FIGURE_PERCENT ? _(", or average") : "");
      return FALSE;
    }
  return TRUE;
}

/* Slots of the derived figures an expression uses, depth first: a cycle is refused with its
 * path ("a → b → a"). */
static gboolean
find_cycle (ParFramework *fw,
            guint         index,
            guint8       *state,     /* 0 new, 1 on the path, 2 done */
            GArray       *path)
{
  const ParFigure *figure = g_ptr_array_index (fw->figures, index);
  const GArray *slots;

  if (state[index] == 2 || figure->expr == NULL)
    return FALSE;
  g_array_append_val (path, index);
  if (state[index] == 1)
    return TRUE;
  state[index] = 1;
  slots = par_expr_get_slots (figure->expr);
  for (guint i = 0; i < slots->len; i++)
    {
      guint slot = g_array_index (slots, guint, i);
      if (slot < fw->figures->len && find_cycle (fw, slot, state, path))
        return TRUE;
    }
  state[index] = 2;
  g_array_set_size (path, path->len - 1);
  return FALSE;
}

static gboolean
check_cycles (ParLoader    *ld,
              ParFramework *fw)
{
  g_autofree guint8 *state = g_new0 (guint8, fw->figures->len + 1);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < fw->figures->len; i++)
    {
      if (!find_cycle (fw, i, state, path))
        continue;
      {
        guint last = g_array_index (path, guint, path->len - 1);
        const ParFigure *start = g_ptr_array_index (fw->figures, last);
        g_autoptr(GString) text = g_string_new (NULL);
        gboolean in_cycle = FALSE;

        /* The path may begin before the cycle: show only the cycle itself. */
        for (guint k = 0; k < path->len; k++)
          {
            guint idx = g_array_index (path, guint, k);
            if (idx == last)
              in_cycle = TRUE;
            if (!in_cycle)
              continue;
            if (text->len > 0)
              g_string_append (text, " → ");
            g_string_append (text, ((ParFigure *) g_ptr_array_index (fw->figures, idx))->id);
          }
        fail_figure (ld, PAR_ERROR_INVALID, start->line, start->id,
                     _("derived figures depend on each other in a circle (%s)"), text->str);
        return FALSE;
      }
    }
  return TRUE;
}

static ParExprScope *
figure_scope (ParFramework *fw)
{
  ParExprScope *scope = par_expr_scope_new ();

  for (guint i = 0; i < fw->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (fw->figures, i);
      par_expr_scope_add (scope, figure->id, par_figure_expr_type (figure->type),
                          figure->type == PAR_FIGURE_PERCENT, i);
    }
  return scope;
}

static const char *
expr_type_word (ParExprType type)
{
  switch (type)
    {
    case PAR_EXPR_TYPE_BOOLEAN: return _("a yes/no value");
    case PAR_EXPR_TYPE_DATE: return _("a date");
    default: return _("a number");
    }
}

static gboolean
parse_figures (ParLoader          *ld,
               ParFramework       *fw,
               const ParExprScope *scope,
               GPtrArray          *row_scopes,
               GPtrArray          *expr_texts)
{
  for (guint i = 0; i < fw->figures->len; i++)
    {
      ParFigure *figure = g_ptr_array_index (fw->figures, i);
      const char *text = g_ptr_array_index (expr_texts, i);
      g_autoptr(GError) local = NULL;
      ParExprType want = par_figure_expr_type (figure->type);

      if (text == NULL)
        continue;
      figure->expr = par_expr_parse (text, figure->reg != NULL
                                           ? g_ptr_array_index (row_scopes, figure->reg->index)
                                           : scope, &local);
      if (figure->expr == NULL)
        {
          fail_figure (ld, local->code, figure->line, figure->id, "%s", local->message);
          return FALSE;
        }
      if (par_expr_get_type (figure->expr) != want)
        {
          fail_figure (ld, PAR_ERROR_INVALID, figure->line, figure->id,
                       _("the expression gives %s, but the figure is of type %s"),
                       expr_type_word (par_expr_get_type (figure->expr)),
                       par_figure_type_to_string (figure->type));
          return FALSE;
        }
    }
  return check_cycles (ld, fw);
}

/* --- registers ------------------------------------------------------------------------------- */

static void G_GNUC_PRINTF (5, 6)
fail_register (ParLoader  *ld,
               int         code,
               int         line,
               const char *reg,
               const char *format,
               ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *full = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "register plan_tasks: column done is declared twice" */
  full = g_strdup_printf (_("register %s: %s"), reg, msg);
  par_loader_fail (ld, code, line, NULL, full);
}

static const struct { const char *name; ParColumnType type; ParInputType input; } column_types[] = {
  { "text", PAR_COLUMN_TEXT, PAR_INPUT_INTEGER },
  { "integer", PAR_COLUMN_INTEGER, PAR_INPUT_INTEGER },
  { "decimal", PAR_COLUMN_DECIMAL, PAR_INPUT_DECIMAL },
  { "date", PAR_COLUMN_DATE, PAR_INPUT_DATE },
  { "yes-no", PAR_COLUMN_YES_NO, PAR_INPUT_BOOLEAN },
  { "choice", PAR_COLUMN_CHOICE, PAR_INPUT_CHOICE },
};

static ParExprValue
no_figures (guint    slot,
            gpointer data)
{
  return par_expr_value_missing ();
}

/* An option's weight="100" (a decimal of the schema) as an exact number. */
static gboolean
read_weight (const char   *text,
             ParExprValue *out)
{
  g_autoptr(ParExprScope) none = par_expr_scope_new ();
  g_autoptr(ParExpr) expr = NULL;
  const char *digits = text;
  gboolean negative = FALSE;

  if (text[0] == '-' || text[0] == '+')
    {
      negative = text[0] == '-';
      digits++;
    }
  for (const char *c = digits; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c) && *c != '.')
      return FALSE;
  expr = par_expr_parse (digits, none, NULL);
  if (expr == NULL)
    return FALSE;
  *out = par_expr_evaluate (expr, no_figures, NULL);
  if (out->kind != PAR_EXPR_NUMBER)
    return FALSE;
  if (negative)
    out->num = -out->num;
  return TRUE;
}

static gboolean
read_column (ParLoader   *ld,
             ParRegister *reg,
             xmlNode     *el)
{
  ParRegisterColumn *column = g_new0 (ParRegisterColumn, 1);
  g_autofree char *type = par_loader_prop (el, "type");
  g_autofree char *required = par_loader_prop (el, "required");
  ParInputType input_type = PAR_INPUT_INTEGER;

  column->id = par_loader_prop (el, "id");
  column->label = par_loader_prop (el, "label");
  column->label_en = par_loader_prop (el, "label-en");
  column->line = xmlGetLineNo (el);
  column->index = reg->columns->len;
  column->required = g_strcmp0 (required, "true") == 0 || g_strcmp0 (required, "1") == 0;
  for (guint i = 0; i < G_N_ELEMENTS (column_types); i++)
    if (g_strcmp0 (type, column_types[i].name) == 0)
      {
        column->type = column_types[i].type;
        input_type = column_types[i].input;
      }
  g_ptr_array_add (reg->columns, column);

  if (reg->columns->len > PAR_REGISTER_MAX_COLUMNS)
    {
      fail_register (ld, PAR_ERROR_INVALID, column->line, reg->id,
                     _("more than %d columns"), PAR_REGISTER_MAX_COLUMNS);
      return FALSE;
    }
  if (is_reserved (column->id))
    {
      fail_register (ld, PAR_ERROR_INVALID, column->line, reg->id,
                     _("column “%s”: a word of the expression language cannot be an id"), column->id);
      return FALSE;
    }
  for (guint i = 0; i + 1 < reg->columns->len; i++)
    if (g_str_equal (((ParRegisterColumn *) g_ptr_array_index (reg->columns, i))->id, column->id))
      {
        fail_register (ld, PAR_ERROR_INVALID, column->line, reg->id,
                       _("the column “%s” is declared twice"), column->id);
        return FALSE;
      }
  if (column->type == PAR_COLUMN_TEXT)
    return TRUE;

  column->as_input = par_input_new ();
  column->as_input->id = g_strdup (column->id);
  column->as_input->type = input_type;
  column->as_input->label = g_strdup (column->label);
  column->as_input->label_en = g_strdup (column->label_en);
  if (column->type != PAR_COLUMN_CHOICE)
    return TRUE;

  column->option_values = g_array_new (FALSE, FALSE, sizeof (ParExprValue));
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      ParOption *option;
      g_autofree char *weight = NULL;
      ParExprValue number;

      if (!par_loader_is_el (c, "option"))
        continue;
      option = g_new0 (ParOption, 1);
      option->value = par_loader_prop (c, "value");
      option->label = par_loader_prop (c, "label");
      option->label_en = par_loader_prop (c, "label-en");
      g_ptr_array_add (column->as_input->options, option);
      for (guint i = 0; i + 1 < column->as_input->options->len; i++)
        if (g_str_equal (((ParOption *) g_ptr_array_index (column->as_input->options, i))->value,
                         option->value))
          {
            fail_register (ld, PAR_ERROR_INVALID, xmlGetLineNo (c), reg->id,
                           _("column “%s”: the option “%s” is declared twice"), column->id,
                           option->value);
            return FALSE;
          }
      weight = par_loader_prop (c, "weight");
      number = par_expr_value_number (column->as_input->options->len, 1);
      if (weight != NULL && !read_weight (weight, &number))
        {
          fail_register (ld, PAR_ERROR_INVALID, par_loader_attribute_line (ld, c, "weight"), reg->id,
                         _("column “%s”: the weight “%s” is not a number (at most 15 digits and 6 decimals)"),
                         column->id, weight);
          return FALSE;
        }
      g_array_append_val (column->option_values, number);
    }
  return TRUE;
}

static gboolean
read_register (ParLoader    *ld,
               ParFramework *fw,
               xmlNode      *el,
               GPtrArray    *expr_texts,
               GPtrArray    *carry_texts)
{
  ParRegister *reg = par_register_new_empty ();

  reg->id = par_loader_prop (el, "id");
  reg->label = par_loader_prop (el, "label");
  reg->label_en = par_loader_prop (el, "label-en");
  reg->line = xmlGetLineNo (el);
  reg->index = fw->registers->len;
  g_ptr_array_add (fw->registers, reg);
  g_ptr_array_add (carry_texts, par_loader_prop (el, "carry"));

  for (guint i = 0; i + 1 < fw->registers->len; i++)
    if (g_str_equal (((ParRegister *) g_ptr_array_index (fw->registers, i))->id, reg->id))
      {
        fail_register (ld, PAR_ERROR_INVALID, reg->line, reg->id, _("the id is declared twice"));
        return FALSE;
      }
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "column") && !read_column (ld, reg, c))
      return FALSE;
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "figure"))
      {
        ParFigure *figure;

        if (!read_figure (ld, fw, c, expr_texts))
          return FALSE;
        figure = g_ptr_array_index (fw->figures, fw->figures->len - 1);
        figure->reg = reg;
        g_ptr_array_add (reg->figures, figure);
      }
  return TRUE;
}

/* A register's columns over the set's figures: in a row scope (read inside aggregates) for its
 * figures, or plain for its carry condition (one row at a time). */
static ParExprScope *
register_scope (ParLoader          *ld,
                const ParRegister  *reg,
                const ParExprScope *figures,
                gboolean            rows)
{
  ParExprScope *scope = rows ? par_expr_scope_new_rows (figures) : par_expr_scope_new ();

  for (guint i = 0; i < reg->columns->len; i++)
    {
      const ParRegisterColumn *column = g_ptr_array_index (reg->columns, i);
      if (!par_expr_scope_add (scope, column->id, par_column_expr_type (column->type), FALSE,
                               PAR_REGISTER_COLUMN_SLOT (i)))
        {
          fail_register (ld, PAR_ERROR_INVALID, column->line, reg->id,
                         _("the column “%s” has the id of a figure of the set"), column->id);
          par_expr_scope_free (scope);
          return NULL;
        }
      par_expr_scope_set_label (scope, column->id, column->label);
    }
  return scope;
}

static gboolean
parse_carry (ParLoader    *ld,
             ParFramework *fw,
             xmlNode      *root,
             GPtrArray    *carry_texts)
{
  for (guint i = 0; i < fw->registers->len; i++)
    {
      ParRegister *reg = g_ptr_array_index (fw->registers, i);
      const char *text = g_ptr_array_index (carry_texts, i);
      g_autoptr(ParExprScope) scope = NULL;
      g_autoptr(GError) local = NULL;

      if (text == NULL)
        continue;
      scope = register_scope (ld, reg, NULL, FALSE);
      if (scope == NULL)
        return FALSE;
      reg->carry = par_expr_parse (text, scope, &local);
      if (reg->carry == NULL || par_expr_get_type (reg->carry) != PAR_EXPR_TYPE_BOOLEAN)
        {
          int line = reg->line;
          for (xmlNode *c = root->children; c != NULL; c = c->next)
            if (par_loader_is_el (c, "registers"))
              for (xmlNode *r = c->children; r != NULL; r = r->next)
                if (par_loader_is_el (r, "register") && xmlGetLineNo (r) == reg->line)
                  line = par_loader_attribute_line (ld, r, "carry");
          if (reg->carry == NULL)
            fail_register (ld, local->code, line, reg->id, _("carry: %s"), local->message);
          else
            fail_register (ld, PAR_ERROR_INVALID, line, reg->id,
                           _("carry must be a yes/no condition over a row (done = null), not %s"),
                           expr_type_word (par_expr_get_type (reg->carry)));
          return FALSE;
        }
    }
  return TRUE;
}

/* --- checks ---------------------------------------------------------------------------------- */

static gboolean
read_check (ParLoader          *ld,
            ParFramework       *fw,
            const ParExprScope *scope,
            xmlNode            *el)
{
  ParCheck *check = g_new0 (ParCheck, 1);
  g_autofree char *severity = par_loader_prop (el, "severity");
  g_autofree char *test = par_loader_prop (el, "test");
  g_autoptr(GError) local = NULL;
  const GArray *slots;

  check->id = par_loader_prop (el, "id");
  check->severity = g_strcmp0 (severity, "warning") == 0 ? PAR_CHECK_WARNING : PAR_CHECK_ERROR;
  check->line = par_loader_attribute_line (ld, el, "test");
  check->figures = g_ptr_array_new ();
  g_ptr_array_add (fw->checks, check);
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      g_autofree char *lang = NULL;

      if (!par_loader_is_el (c, "message"))
        continue;
      lang = par_loader_lang_of (c);
      if (lang != NULL && g_str_has_prefix (lang, "en"))
        {
          if (check->message_en == NULL)
            check->message_en = par_loader_text_of (c);
        }
      else if (check->message == NULL)
        check->message = par_loader_text_of (c);
    }
  if (check->message == NULL)
    check->message = g_strdup (check->message_en);

  check->expr = par_expr_parse (test, scope, &local);
  if (check->expr == NULL || par_expr_get_type (check->expr) != PAR_EXPR_TYPE_BOOLEAN)
    {
      g_autofree char *msg = NULL;
      if (check->expr == NULL)
        /* TRANSLATORS: "check received_total: at character 3 of the expression: …" */
        msg = g_strdup_printf (_("check %s: %s"), check->id != NULL ? check->id : test,
                               local->message);
      else
        msg = g_strdup_printf (_("check %s: the test must be a yes/no condition "
                                 "(a comparison), not %s"),
                               check->id != NULL ? check->id : test,
                               expr_type_word (par_expr_get_type (check->expr)));
      par_loader_fail (ld, local != NULL ? local->code : PAR_ERROR_INVALID, check->line, NULL, msg);
      return FALSE;
    }
  slots = par_expr_get_slots (check->expr);
  for (guint i = 0; i < slots->len; i++)
    g_ptr_array_add (check->figures, g_ptr_array_index (fw->figures, g_array_index (slots, guint, i)));
  return TRUE;
}

/* --- rules ----------------------------------------------------------------------------------- */

static void
use_figure (ParNode         *leaf,
            const ParFigure *figure)
{
  for (guint i = 0; i < leaf->figures->len; i++)
    if (g_ptr_array_index (leaf->figures, i) == figure)
      return;
  g_ptr_array_add (leaf->figures, (gpointer) figure);
}

static gboolean
fail_leaf (ParLoader     *ld,
           const ParNode *leaf,
           int            line,
           const char    *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_leaf (ParLoader     *ld,
           const ParNode *leaf,
           int            line,
           const char    *format,
           ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  par_loader_fail (ld, PAR_ERROR_INVALID, line > 0 ? line : leaf->line, leaf->code, msg);
  return FALSE;
}

/* A format-1 rule attribute naming a figure instead of an input of the leaf. */
static gboolean
resolve_ref (ParLoader    *ld,
             ParFramework *fw,
             ParNode      *leaf,
             const char   *attribute,
             const char   *id)
{
  const ParFigure *figure;

  if (id == NULL)
    return TRUE;
  for (guint i = 0; i < leaf->inputs->len; i++)
    if (g_str_equal (((ParInput *) g_ptr_array_index (leaf->inputs, i))->id, id))
      return TRUE;
  figure = par_framework_lookup_figure (fw, id);
  if (figure == NULL)
    return TRUE;   /* check_leaf says "not declared" */
  /* A register's figure is a count or a sum of the rows: read as entered (a decimal one that is
   * not exact in hundredths reads as not entered). */
  if (figure->expr != NULL && figure->reg == NULL)
    return fail_leaf (ld, leaf, 0,
                      _("the rule’s %s refers to the derived figure “%s”; a %s rule reads entered "
                        "figures only — write a conditional rule to use a derived one"),
                      attribute, id, par_rule_type_to_string (leaf->rule->type));
  use_figure (leaf, figure);
  return TRUE;
}

static ParExprType
input_expr_type (ParInputType type,
                 gboolean    *ok)
{
  *ok = TRUE;
  switch (type)
    {
    case PAR_INPUT_INTEGER:
    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
      return PAR_EXPR_TYPE_NUMBER;
    case PAR_INPUT_DATE:
      return PAR_EXPR_TYPE_DATE;
    case PAR_INPUT_BOOLEAN:
      return PAR_EXPR_TYPE_BOOLEAN;
    default:
      *ok = FALSE;   /* a choice has no value an expression can use */
      return PAR_EXPR_TYPE_NUMBER;
    }
}

/* Thresholds by year name years of the set. */
static gboolean
check_years (ParLoader    *ld,
             ParFramework *fw,
             ParNode      *leaf,
             int           from,
             int           to,
             int           line)
{
  if (from == 0 || (from >= fw->year_from && to <= fw->year_to))
    return TRUE;
  return fail_leaf (ld, leaf, line,
                    _("the years %d–%d are not all years of the set (%d–%d)"), from, to,
                    fw->year_from, fw->year_to);
}

static gboolean
resolve_leaf (ParLoader          *ld,
              ParFramework       *fw,
              const ParExprScope *figures,
              ParNode            *leaf)
{
  ParRule *rule = leaf->rule;

  for (guint i = 0; i < rule->tiers->len; i++)
    {
      const ParTier *t = &g_array_index (rule->tiers, ParTier, i);
      if (!check_years (ld, fw, leaf, t->year_from, t->year_to, 0))
        return FALSE;
    }
  for (guint i = 0; i < rule->conditions->len; i++)
    {
      const ParCondition *c = g_ptr_array_index (rule->conditions, i);
      if (!check_years (ld, fw, leaf, c->year_from, c->year_to, c->line))
        return FALSE;
    }

  for (guint i = 0; i < leaf->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (leaf->inputs, i);
      if (par_framework_lookup_figure (fw, input->id) != NULL)
        return fail_leaf (ld, leaf, 0,
                          _("input “%s” has the id of a figure of the set; rename one of them"),
                          input->id);
    }
  if (rule->type == PAR_RULE_CONDITIONAL)
    {
      g_autoptr(ParExprScope) scope = par_expr_scope_new_nested (figures);

      for (guint i = 0; i < leaf->inputs->len; i++)
        {
          const ParInput *input = g_ptr_array_index (leaf->inputs, i);
          gboolean ok;
          ParExprType type = input_expr_type (input->type, &ok);
          if (ok)
            par_expr_scope_add (scope, input->id, type, input->type == PAR_INPUT_PERCENT,
                                PAR_FIGURE_LOCAL_SLOT (i));
        }
      for (guint i = 0; i < rule->conditions->len; i++)
        {
          ParCondition *condition = g_ptr_array_index (rule->conditions, i);
          g_autoptr(GError) local = NULL;
          const GArray *slots;

          condition->test = par_expr_parse (condition->test_text, scope, &local);
          if (condition->test == NULL)
            {
              par_loader_fail (ld, local->code, condition->line, leaf->code, local->message);
              return FALSE;
            }
          if (par_expr_get_type (condition->test) != PAR_EXPR_TYPE_BOOLEAN)
            return fail_leaf (ld, leaf, condition->line,
                              _("the condition must be yes or no (a comparison), not %s"),
                              expr_type_word (par_expr_get_type (condition->test)));
          slots = par_expr_get_slots (condition->test);
          for (guint k = 0; k < slots->len; k++)
            {
              guint slot = g_array_index (slots, guint, k);
              if (slot < fw->figures->len)
                use_figure (leaf, g_ptr_array_index (fw->figures, slot));
            }
        }
      return TRUE;
    }
  return resolve_ref (ld, fw, leaf, "input", rule->input) &&
         resolve_ref (ld, fw, leaf, "status", rule->status) &&
         resolve_ref (ld, fw, leaf, "date", rule->date) &&
         resolve_ref (ld, fw, leaf, "deadline", rule->deadline) &&
         resolve_ref (ld, fw, leaf, "numerator", rule->numerator) &&
         resolve_ref (ld, fw, leaf, "denominator", rule->denominator) &&
         resolve_ref (ld, fw, leaf, "percent", rule->percent);
}

static gboolean
resolve_tree (ParLoader          *ld,
              ParFramework       *fw,
              const ParExprScope *figures,
              ParNode            *node)
{
  if (node->rule != NULL && !resolve_leaf (ld, fw, figures, node))
    return FALSE;
  for (guint i = 0; i < node->children->len; i++)
    if (!resolve_tree (ld, fw, figures, g_ptr_array_index (node->children, i)))
      return FALSE;
  return TRUE;
}

gboolean
par_loader_v2_read (ParLoader    *ld,
                    ParFramework *fw,
                    xmlNode      *root)
{
  g_autoptr(GPtrArray) expr_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) carry_texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) row_scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_expr_scope_free);
  g_autoptr(ParExprScope) scope = NULL;

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "figures"))
      for (xmlNode *f = c->children; f != NULL; f = f->next)
        if (par_loader_is_el (f, "figure") && !read_figure (ld, fw, f, expr_texts))
          return FALSE;
  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "registers"))
      for (xmlNode *r = c->children; r != NULL; r = r->next)
        if (par_loader_is_el (r, "register") && !read_register (ld, fw, r, expr_texts, carry_texts))
          return FALSE;

  scope = figure_scope (fw);
  for (guint i = 0; i < fw->registers->len; i++)
    {
      ParExprScope *rows = register_scope (ld, g_ptr_array_index (fw->registers, i), scope, TRUE);
      if (rows == NULL)
        return FALSE;
      g_ptr_array_add (row_scopes, rows);
    }
  if (!parse_figures (ld, fw, scope, row_scopes, expr_texts) ||
      !parse_carry (ld, fw, root, carry_texts))
    return FALSE;

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "checks"))
      for (xmlNode *k = c->children; k != NULL; k = k->next)
        if (par_loader_is_el (k, "check") && !read_check (ld, fw, scope, k))
          return FALSE;

  if (!resolve_tree (ld, fw, scope, fw->root))
    return FALSE;
  for (guint i = 0; i < fw->adjustments->len; i++)
    if (!resolve_tree (ld, fw, scope, g_ptr_array_index (fw->adjustments, i)))
      return FALSE;
  return TRUE;
}
