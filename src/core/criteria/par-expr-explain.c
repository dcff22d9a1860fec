/* par-expr-explain.c — an expression written out with the values it used, for the
 * explanations users read.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-expr-private.h"
#include "par-format.h"
#include "par-points.h"


/* --- explanations ---------------------------------------------------------------------------- */

/* A number with @decimals decimals (by the rounding rule), as a percentage when @percent. */
static char *
format_number (const ParExprValue *v,
               gboolean            percent,
               guint               decimals,
               char                sep)
{
  __int128 scale = 1, r;

  if (v->den == 1 && !percent)
    return par_format_thousands (v->num, sep);
  for (guint i = 0; i < decimals + (percent ? 2 : 0); i++)
    scale *= 10;
  r = par_round_div128 ((__int128) v->num * scale, v->den);
  if (r > G_MAXINT64 || r < -G_MAXINT64)
    /* TRANSLATORS: a number too large to show */
    return g_strdup (_("too large to compute"));
  return par_format_fixed ((gint64) r, decimals, sep,
                           PAR_FORMAT_GROUP | (percent ? PAR_FORMAT_PERCENT : 0));
}

static char *
format_value (const ParExprValue *v,
              gboolean            percent,
              guint               decimals,
              char                sep)
{
  switch (v->kind)
    {
    case PAR_EXPR_NUMBER:
      return format_number (v, percent, decimals, sep);
    case PAR_EXPR_BOOLEAN:
      /* TRANSLATORS: the value of a yes/no figure in an explanation */
      return g_strdup (v->num ? C_("figure value", "yes") : C_("figure value", "no"));
    case PAR_EXPR_DATE:
      if (v->num >= 1 && v->num <= G_MAXUINT32 && g_date_valid_julian ((guint32) v->num))
        {
          GDate d;
          char iso[16];
          g_date_clear (&d, 1);
          g_date_set_julian (&d, (guint32) v->num);
          g_snprintf (iso, sizeof iso, "%04d-%02d-%02d", g_date_get_year (&d),
                      g_date_get_month (&d), g_date_get_day (&d));
          return par_format_date_dmy (iso);
        }
      return g_strdup ("?");
    case PAR_EXPR_MISSING:
      /* TRANSLATORS: a figure's value in an explanation, when it is not entered yet */
      return g_strdup (_("not entered"));
    case PAR_EXPR_DIV_ZERO:
      return g_strdup (_("division by zero"));
    case PAR_EXPR_OVERFLOW:
      return g_strdup (_("too large to compute"));
    default:
      return g_strdup ("?");
    }
}

char *
par_expr_value_format (const ParExprValue *value,
                       char                decimal_sep)
{
  g_return_val_if_fail (value != NULL, NULL);
  return format_value (value, value->percent, 2, decimal_sep);
}

typedef struct {
  ParExprLookup   lookup;
  ParExprDescribe describe;
  gpointer        user_data;
  char            sep;
  ParExprCell     cell;
  gpointer        row_data;
  guint           n_rows;
} Explain;

static int
precedence (Op op)
{
  switch (op)
    {
    case OP_OR: return 1;
    case OP_AND: return 2;
    case OP_NOT: return 3;
    case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE: return 4;
    case OP_ADD: case OP_SUB: return 5;
    case OP_MUL: case OP_DIV: return 6;
    case OP_NEG: return 7;
    default: return 8;
    }
}

static const char *
op_text (Op op)
{
  switch (op)
    {
    case OP_ADD: return " + ";
    case OP_SUB: return " − ";
    case OP_MUL: return " × ";
    case OP_DIV: return " / ";
    case OP_LT: return " < ";
    case OP_LE: return " ≤ ";
    case OP_GT: return " > ";
    case OP_GE: return " ≥ ";
    case OP_EQ: return " = ";
    case OP_NE: return " ≠ ";
    /* TRANSLATORS: "and" between two conditions of a rule, in an explanation */
    case OP_AND: return C_("expression", " and ");
    /* TRANSLATORS: "or" between two conditions of a rule, in an explanation */
    case OP_OR: return C_("expression", " or ");
    default: return " ? ";
    }
}

static void explain_node (const Explain *ex, const Node *node, GString *out);
static void explain_aggregate (const Explain *ex, const Node *node, GString *out);

typedef void (*WriteNode) (const Explain *ex, const Node *node, GString *out);

/* @kid of @parent written by @write, in parentheses when precedence needs them (a right
 * operand of - or / at the same level too): the one rule for the formula and for the words. */
static void
write_kid (WriteNode      write,
           const Explain *ex,
           const Node    *parent,
           const Node    *kid,
           gboolean       right,
           GString       *out)
{
  int pp = precedence (parent->op), kp = precedence (kid->op);
  gboolean parens = kp < pp || (right && kp == pp && (parent->op == OP_SUB || parent->op == OP_DIV));

  if (parens)
    g_string_append_c (out, '(');
  write (ex, kid, out);
  if (parens)
    g_string_append_c (out, ')');
}

/* if (…), min (…), max (…): the function's name and its arguments, each written by @write. */
static void
write_call (WriteNode      write,
            const Explain *ex,
            const Node    *node,
            GString       *out)
{
  g_string_append (out, node->op == OP_IF ? "if (" : node->op == OP_MIN ? "min (" : "max (");
  for (guint i = 0; i < node->n_kids; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      write (ex, node->kids[i], out);
    }
  g_string_append_c (out, ')');
}

/* A constant is shown as written: two decimals, more only when it has them (99.855 %). */
static guint
literal_decimals (const ParExprValue *v,
                  gboolean            percent)
{
  __int128 scale = percent ? 10000 : 100;

  if (v->kind != PAR_EXPR_NUMBER)
    return 2;
  for (guint d = 2; d < 8; d++, scale *= 10)
    if (((__int128) v->num * scale) % v->den == 0)
      return d;
  return 8;
}

static ParExprValue
eval_for_explain (const Explain *ex,
                  const Node    *node)
{
  Eval ev = { ex->lookup, ex->user_data, ex->cell, ex->row_data, ex->n_rows, 0 };
  return par_expr_eval_node (&ev, node);
}

static void
explain_node (const Explain *ex,
              const Node    *node,
              GString       *out)
{
  switch (node->op)
    {
    case OP_LITERAL:
      {
        g_autofree char *text = format_value (&node->literal, node->percent,
                                              literal_decimals (&node->literal, node->percent), ex->sep);
        g_string_append (out, text);
        return;
      }
    case OP_REF:
      {
        ParExprValue v = eval_for_explain (ex, node);
        g_autofree char *name = ex->describe (node->slot, ex->user_data);
        g_autofree char *text = format_value (&v, node->percent, 2, ex->sep);
        g_string_append_printf (out, "%s %s", name, text);
        return;
      }
    case OP_NEG:
      g_string_append (out, "−");
      write_kid (explain_node, ex, node, node->kids[0], FALSE, out);
      return;
    case OP_NULL:
      g_string_append (out, "null");
      return;
    case OP_IS_NULL:
    case OP_NOT_NULL:
      write_kid (explain_node, ex, node, node->kids[0], FALSE, out);
      g_string_append (out, node->op == OP_IS_NULL ? " = null" : " ≠ null");
      return;
    case OP_COUNT:
    case OP_SUM:
    case OP_AVERAGE:
    case OP_SHARE:
      explain_aggregate (ex, node, out);
      return;
    case OP_NOT:
      /* TRANSLATORS: "not" before a condition of a rule, in an explanation */
      g_string_append (out, C_("expression", "not "));
      write_kid (explain_node, ex, node, node->kids[0], FALSE, out);
      return;
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
    case OP_AND:
    case OP_OR:
      write_kid (explain_node, ex, node, node->kids[0], FALSE, out);
      g_string_append (out, op_text (node->op));
      write_kid (explain_node, ex, node, node->kids[1], TRUE, out);
      return;
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_EQ:
    case OP_NE:
      {
        const Node *sides[2] = { node->kids[0], node->kids[1] };
        ParExprValue v[2] = { eval_for_explain (ex, sides[0]), eval_for_explain (ex, sides[1]) };
        char *text[2] = { NULL, NULL };   /* g_autofree on an array frees only text[0] */
        guint decimals = 2;

        /* Exact comparisons: never show a value as equal to what it is compared with when it
         * is not (89.995 % is not "90.00 %"). */
        for (;;)
          {
            for (int i = 0; i < 2; i++)
              {
                g_free (text[i]);
                text[i] = format_value (&v[i], sides[i]->percent,
                                        sides[i]->op == OP_LITERAL ? literal_decimals (&v[i], sides[i]->percent)
                                                                   : decimals, ex->sep);
              }
            if (decimals >= 8 || v[0].kind != PAR_EXPR_NUMBER || v[1].kind != PAR_EXPR_NUMBER ||
                strcmp (text[0], text[1]) != 0 || par_expr_value_compare (&v[0], &v[1]) == 0)
              break;
            decimals++;
          }
        for (int i = 0; i < 2; i++)
          {
            if (i == 1)
              g_string_append (out, op_text (node->op));
            if (sides[i]->op == OP_LITERAL)
              g_string_append (out, text[i]);
            else if (sides[i]->op == OP_REF)
              {
                g_autofree char *name = ex->describe (sides[i]->slot, ex->user_data);
                g_string_append_printf (out, "%s %s", name, text[i]);
              }
            else
              {
                write_kid (explain_node, ex, node, sides[i], i == 1, out);
                g_string_append_printf (out, " = %s", text[i]);
              }
          }
        g_free (text[0]);
        g_free (text[1]);
        return;
      }
    case OP_IF:
    case OP_MIN:
    case OP_MAX:
      write_call (explain_node, ex, node, out);
      return;
    default:
      g_assert_not_reached ();
    }
}

/* --- a register's rows, in words ------------------------------------------------------------- */

/* What an aggregate counts or adds up, as a coordinator reads it: the columns by their titles,
 * "Ngày gửi entered and Ngày gửi ≤ Hạn gửi", never "sent ≠ null and sent ≤ deadline". */
static void words_node (const Explain *ex, const Node *node, GString *out);

static gboolean
is_boolean_literal (const Node *node,
                    gboolean    value)
{
  return node->op == OP_LITERAL && node->literal.kind == PAR_EXPR_BOOLEAN &&
         (node->literal.num != 0) == value;
}

static void
words_node (const Explain *ex,
            const Node    *node,
            GString       *out)
{
  switch (node->op)
    {
    case OP_REF:
      if (node->column)
        g_string_append (out, node->label);
      else
        explain_node (ex, node, out);   /* a figure: its name and its value */
      return;
    case OP_IS_NULL:
    case OP_NOT_NULL:
      {
        GString *kid = g_string_new (NULL);

        write_kid (words_node, ex, node, node->kids[0], FALSE, kid);
        if (node->op == OP_NOT_NULL)
          /* TRANSLATORS: a condition on a register's rows, the column's title: "Sent on entered" */
          g_string_append_printf (out, C_("condition", "%s entered"), kid->str);
        else
          /* TRANSLATORS: a condition on a register's rows, the column's title: "Sent on empty" */
          g_string_append_printf (out, C_("condition", "%s empty"), kid->str);
        g_string_free (kid, TRUE);
        return;
      }
    case OP_EQ:
    case OP_NE:
      /* a yes/no column: "Issues the plan", "not Issues the plan", not "= yes" */
      if (node->kids[0]->op == OP_REF && node->kids[0]->column &&
          (is_boolean_literal (node->kids[1], TRUE) || is_boolean_literal (node->kids[1], FALSE)))
        {
          gboolean holds = is_boolean_literal (node->kids[1], TRUE) == (node->op == OP_EQ);

          if (!holds)
            g_string_append (out, C_("expression", "not "));
          g_string_append (out, node->kids[0]->label);
          return;
        }
      G_GNUC_FALLTHROUGH;
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
    case OP_AND:
    case OP_OR:
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      write_kid (words_node, ex, node, node->kids[0], FALSE, out);
      g_string_append (out, op_text (node->op));
      write_kid (words_node, ex, node, node->kids[1], TRUE, out);
      return;
    case OP_NOT:
      g_string_append (out, C_("expression", "not "));
      write_kid (words_node, ex, node, node->kids[0], FALSE, out);
      return;
    case OP_NEG:
      g_string_append (out, "−");
      write_kid (words_node, ex, node, node->kids[0], FALSE, out);
      return;
    case OP_IF:
    case OP_MIN:
    case OP_MAX:
      write_call (words_node, ex, node, out);
      return;
    case OP_LITERAL:
    case OP_NULL:
    default:
      explain_node (ex, node, out);
      return;
    }
}

/* "Sent on entered and Sent on ≤ Due: 1 of 3 rows", "sum (Resolved early + Resolved on time)
 * 4,891 over 4 rows" */
static void
explain_aggregate (const Explain *ex,
                   const Node    *node,
                   GString       *out)
{
  Eval ev = { ex->lookup, ex->user_data, ex->cell, ex->row_data, ex->n_rows, 0 };
  guint counted = 0;
  ParExprValue v = par_expr_eval_aggregate (&ev, node, &counted);
  g_autofree char *text = NULL;
  g_autoptr(GString) what = g_string_new (NULL);

  if (v.kind == PAR_EXPR_NUMBER)
    v.percent = node->percent;
  text = format_value (&v, node->percent, 2, ex->sep);
  if (node->n_kids > 0)
    words_node (ex, node->kids[0], what);
  switch (node->op)
    {
    case OP_COUNT:
      if (node->n_kids == 0)
        /* TRANSLATORS: a register's figure that counts its rows: "3 rows" */
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", ex->n_rows),
                                ex->n_rows);
      else
        /* TRANSLATORS: the rows of a register a condition holds for, the condition in words
         * (the columns by their titles): "Sent on entered and Sent on ≤ Due: 1 of 3 rows" */
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u row", "%s: %u of %u rows",
                                                  ex->n_rows),
                                what->str, counted, ex->n_rows);
      return;
    case OP_SHARE:
      /* TRANSLATORS: "Result ≥ 60: 12 of 14 rows = 85.71 %", the condition in words */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%s: %u of %u row = %s",
                                                "%s: %u of %u rows = %s", ex->n_rows),
                              what->str, counted, ex->n_rows, text);
      return;
    case OP_SUM:
      /* TRANSLATORS: "sum (Resolved early + Resolved on time) 4,891 over 4 rows": the rows with
       * a value, the columns by their titles */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "sum (%s) %s over %u row",
                                                "sum (%s) %s over %u rows", counted),
                              what->str, text, counted);
      return;
    case OP_AVERAGE:
    default:
      /* TRANSLATORS: "average (Attitude of the officials) 80 over 12 rows" */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "average (%s) %s over %u row",
                                                "average (%s) %s over %u rows", counted),
                              what->str, text, counted);
      return;
    }
}

char *
par_expr_explain (const ParExpr   *expr,
                  ParExprLookup    lookup,
                  ParExprDescribe  describe,
                  gpointer         user_data,
                  char             decimal_sep)
{
  return par_expr_explain_rows (expr, lookup, describe, user_data, NULL, NULL, 0, decimal_sep);
}

char *
par_expr_explain_rows (const ParExpr   *expr,
                       ParExprLookup    lookup,
                       ParExprDescribe  describe,
                       gpointer         user_data,
                       ParExprCell      cell,
                       gpointer         row_data,
                       guint            n_rows,
                       char             decimal_sep)
{
  Explain ex = { lookup, describe, user_data, decimal_sep, cell, row_data, n_rows };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (expr != NULL && lookup != NULL && describe != NULL, NULL);
  explain_node (&ex, expr->root, out);
  return g_string_free (out, FALSE);
}

