/* par-expr-eval.c — exact evaluation of a parsed expression, with aggregates over a
 * register's rows.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-expr-private.h"
#include "par-format.h"
#include "par-points.h"


/* --- evaluation ------------------------------------------------------------------------------ */

static int
severity (ParExprKind kind)
{
  switch (kind)
    {
    case PAR_EXPR_OVERFLOW: return 3;
    case PAR_EXPR_DIV_ZERO: return 2;
    case PAR_EXPR_MISSING: return 1;
    default: return 0;
    }
}

/* The worse of two results that are not both values. */
static ParExprValue
worse (ParExprValue a,
       ParExprValue b)
{
  return severity (a.kind) >= severity (b.kind) ? par_expr_value_special (a.kind) : par_expr_value_special (b.kind);
}

static ParExprValue eval_arith (Op op, ParExprValue a, ParExprValue b);

/* An aggregate over the rows: @counted (rows whose condition holds, or rows with a value) and
 * the exact result. A row's empty cell makes its condition missing: the row is not counted (an
 * empty "done" is a task not done), and sum / average skip it; overflow and division by zero
 * in any row make the whole result that. */
ParExprValue
par_expr_eval_aggregate (const Eval *ev,
                const Node *node,
                guint      *counted)
{
  Eval row_ev = *ev;
  ParExprValue acc = par_expr_value_rational (0, 1);
  ParExprValue failed = par_expr_value_special (PAR_EXPR_MISSING);
  gboolean has_failed = FALSE;
  guint n = 0;

  if (ev->cell == NULL)
    return par_expr_value_special (PAR_EXPR_MISSING);
  for (guint r = 0; r < ev->n_rows; r++)
    {
      ParExprValue v;

      if (node->n_kids == 0)
        {
          n++;
          continue;
        }
      row_ev.row = r;
      v = par_expr_eval_node (&row_ev, node->kids[0]);
      if (v.kind == PAR_EXPR_OVERFLOW || v.kind == PAR_EXPR_DIV_ZERO)
        {
          failed = has_failed ? worse (failed, v) : v;
          has_failed = TRUE;
          continue;
        }
      if (v.kind == PAR_EXPR_MISSING)
        continue;
      if (node->op == OP_COUNT || node->op == OP_SHARE)
        {
          if (v.num != 0)
            n++;
          continue;
        }
      n++;
      acc = eval_arith (OP_ADD, acc, v);
      if (!par_expr_value_is_value (&acc))
        {
          failed = has_failed ? worse (failed, acc) : acc;
          has_failed = TRUE;
          acc = par_expr_value_rational (0, 1);
        }
    }
  if (counted != NULL)
    *counted = n;
  if (has_failed)
    return par_expr_value_special (failed.kind);
  switch (node->op)
    {
    case OP_COUNT:
      return par_expr_value_rational (n, 1);
    case OP_SHARE:
      if (ev->n_rows == 0)
        return par_expr_value_special (PAR_EXPR_MISSING);
      acc = par_expr_value_rational (n, ev->n_rows);
      acc.percent = TRUE;
      return acc;
    case OP_SUM:
      return acc;
    case OP_AVERAGE:
      if (n == 0)
        return par_expr_value_special (PAR_EXPR_MISSING);
      return eval_arith (OP_DIV, acc, par_expr_value_rational (n, 1));
    default:
      g_assert_not_reached ();
    }
}

static ParExprValue
eval_arith (Op           op,
            ParExprValue a,
            ParExprValue b)
{
  __int128 an = a.num, ad = a.den, bn = b.num, bd = b.den;

  if (a.kind == PAR_EXPR_DATE)   /* date − date */
    return par_expr_value_rational ((__int128) a.num - b.num, 1);
  switch (op)
    {
    case OP_ADD:
      return par_expr_value_rational (an * bd + bn * ad, ad * bd);
    case OP_SUB:
      return par_expr_value_rational (an * bd - bn * ad, ad * bd);
    case OP_MUL:
      return par_expr_value_rational (an * bn, ad * bd);
    case OP_DIV:
      if (bn == 0)
        return par_expr_value_special (PAR_EXPR_DIV_ZERO);
      return par_expr_value_rational (an * bd, ad * bn);
    default:
      g_assert_not_reached ();
    }
}

ParExprValue
par_expr_value_arith (char                op,
                      const ParExprValue *a,
                      const ParExprValue *b)
{
  if (!par_expr_value_is_value (a) || !par_expr_value_is_value (b))
    return worse (*a, *b);
  if (a->kind != PAR_EXPR_NUMBER || b->kind != PAR_EXPR_NUMBER)
    return par_expr_value_special (PAR_EXPR_MISSING);
  switch (op)
    {
    case '+': return eval_arith (OP_ADD, *a, *b);
    case '-': return eval_arith (OP_SUB, *a, *b);
    case '*': return eval_arith (OP_MUL, *a, *b);
    case '/': return eval_arith (OP_DIV, *a, *b);
    default: g_return_val_if_reached (par_expr_value_special (PAR_EXPR_MISSING));
    }
}

static gboolean
compare (Op                  op,
         const ParExprValue *a,
         const ParExprValue *b)
{
  int c = par_expr_value_compare (a, b);

  switch (op)
    {
    case OP_LT: return c < 0;
    case OP_LE: return c <= 0;
    case OP_GT: return c > 0;
    case OP_GE: return c >= 0;
    case OP_EQ: return c == 0;
    case OP_NE: return c != 0;
    default: g_assert_not_reached ();
    }
}

ParExprValue
par_expr_eval_node (const Eval *ev,
           const Node *node)
{
  ParExprValue a, b, r;

  switch (node->op)
    {
    case OP_LITERAL:
      return node->literal;
    case OP_NULL:
      return par_expr_value_special (PAR_EXPR_MISSING);
    case OP_IS_NULL:
    case OP_NOT_NULL:
      a = par_expr_eval_node (ev, node->kids[0]);
      if (a.kind == PAR_EXPR_OVERFLOW || a.kind == PAR_EXPR_DIV_ZERO)
        return a;
      return par_expr_value_boolean ((a.kind == PAR_EXPR_MISSING) == (node->op == OP_IS_NULL));
    case OP_COUNT:
    case OP_SUM:
    case OP_AVERAGE:
    case OP_SHARE:
      r = par_expr_eval_aggregate (ev, node, NULL);
      if (r.kind == PAR_EXPR_NUMBER)
        r.percent = node->percent;
      return r;
    case OP_REF:
      if (node->column)
        {
          if (ev->cell == NULL || ev->row >= ev->n_rows)
            return par_expr_value_special (PAR_EXPR_MISSING);
          r = ev->cell (ev->row, node->slot, ev->row_data);
          if (node->type == PAR_EXPR_TYPE_TEXT)
            return r.kind == PAR_EXPR_MISSING ? r : par_expr_value_boolean (TRUE);
        }
      else
        r = ev->lookup (node->slot, ev->user_data);
      /* A caller's value of another type would break every rule below: treat it as missing. */
      if (par_expr_value_is_value (&r) &&
          ((node->type == PAR_EXPR_TYPE_NUMBER && r.kind != PAR_EXPR_NUMBER) ||
           (node->type == PAR_EXPR_TYPE_BOOLEAN && r.kind != PAR_EXPR_BOOLEAN) ||
           (node->type == PAR_EXPR_TYPE_DATE && r.kind != PAR_EXPR_DATE) ||
           (r.kind == PAR_EXPR_NUMBER && (r.den <= 0 || r.num == G_MININT64))))
        return par_expr_value_special (PAR_EXPR_MISSING);
      return r;
    case OP_NEG:
      a = par_expr_eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return par_expr_value_rational (-(__int128) a.num, a.den);
    case OP_NOT:
      a = par_expr_eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return par_expr_value_boolean (!a.num);
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
      a = par_expr_eval_node (ev, node->kids[0]);
      b = par_expr_eval_node (ev, node->kids[1]);
      if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
        return worse (a, b);
      return eval_arith (node->op, a, b);
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_EQ:
    case OP_NE:
      a = par_expr_eval_node (ev, node->kids[0]);
      b = par_expr_eval_node (ev, node->kids[1]);
      if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
        return worse (a, b);
      return par_expr_value_boolean (compare (node->op, &a, &b));
    case OP_AND:
    case OP_OR:
      {
        /* Three-valued: a decisive side decides, whatever the other is. */
        gboolean decisive = node->op == OP_OR;
        a = par_expr_eval_node (ev, node->kids[0]);
        if (a.kind == PAR_EXPR_BOOLEAN && (a.num != 0) == decisive)
          return par_expr_value_boolean (decisive);
        b = par_expr_eval_node (ev, node->kids[1]);
        if (b.kind == PAR_EXPR_BOOLEAN && (b.num != 0) == decisive)
          return par_expr_value_boolean (decisive);
        if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
          return worse (a, b);
        return par_expr_value_boolean (!decisive);
      }
    case OP_IF:
      a = par_expr_eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return par_expr_eval_node (ev, node->kids[a.num ? 1 : 2]);
    case OP_MIN:
    case OP_MAX:
      {
        ParExprValue best = par_expr_value_special (PAR_EXPR_MISSING);
        ParExprValue bad = { PAR_EXPR_NUMBER, 0, 1, FALSE };
        gboolean failed = FALSE;

        for (guint i = 0; i < node->n_kids; i++)
          {
            r = par_expr_eval_node (ev, node->kids[i]);
            if (!par_expr_value_is_value (&r))
              {
                bad = failed ? worse (bad, r) : r;
                failed = TRUE;
              }
            else if (i == 0 || best.kind == PAR_EXPR_MISSING ||
                     (node->op == OP_MIN ? par_expr_value_compare (&r, &best) < 0
                                         : par_expr_value_compare (&r, &best) > 0))
              best = r;
          }
        return failed ? par_expr_value_special (bad.kind) : best;
      }
    default:
      g_assert_not_reached ();
    }
}

ParExprValue
par_expr_evaluate (const ParExpr *expr,
                   ParExprLookup  lookup,
                   gpointer       user_data)
{
  return par_expr_evaluate_rows (expr, lookup, user_data, NULL, NULL, 0);
}

ParExprValue
par_expr_evaluate_rows (const ParExpr *expr,
                        ParExprLookup  lookup,
                        gpointer       user_data,
                        ParExprCell    cell,
                        gpointer       row_data,
                        guint          n_rows)
{
  Eval ev = { lookup, user_data, cell, row_data, n_rows, 0 };
  ParExprValue v;

  g_return_val_if_fail (expr != NULL && lookup != NULL, par_expr_value_special (PAR_EXPR_MISSING));
  v = par_expr_eval_node (&ev, expr->root);
  if (v.kind == PAR_EXPR_NUMBER)
    v.percent = expr->root->percent;
  return v;
}

gboolean
par_expr_uses_rows (const ParExpr *expr)
{
  g_return_val_if_fail (expr != NULL, FALSE);
  return expr->aggregates;
}

