/* par-expr.c — format-2 expressions: exact values, the scopes names are looked up in, and the
 * typed tree. Parsing is in par-expr-parse.c, evaluation in par-expr-eval.c, explanations in
 * par-expr-explain.c (what they share: par-expr-private.h).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values are reduced fractions of gint64 computed in __int128 (every product of two gint64 fits,
 * so nothing wraps before the overflow check).
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-expr-private.h"
#include "par-format.h"
#include "par-points.h"


/* --- values ---------------------------------------------------------------------------------- */

ParExprValue
par_expr_value_special (ParExprKind kind)
{
  ParExprValue v = { kind, 0, 1, FALSE };
  return v;
}

ParExprValue
par_expr_value_missing (void)
{
  return par_expr_value_special (PAR_EXPR_MISSING);
}

ParExprValue
par_expr_value_boolean (gboolean b)
{
  ParExprValue v = { PAR_EXPR_BOOLEAN, b ? 1 : 0, 1, FALSE };
  return v;
}

ParExprValue
par_expr_value_date (gint64 julian_day)
{
  ParExprValue v = { PAR_EXPR_DATE, julian_day, 1, FALSE };
  return v;
}

static __int128
abs128 (__int128 x)
{
  return x < 0 ? -x : x;
}

static __int128
gcd128 (__int128 a,
        __int128 b)
{
  a = abs128 (a);
  b = abs128 (b);
  while (b != 0)
    {
      __int128 t = a % b;
      a = b;
      b = t;
    }
  return a;
}

/* n / d reduced; overflow when either part does not fit a gint64 (G_MININT64 excluded, so
 * negation is always safe). */
ParExprValue
par_expr_value_rational (__int128 n,
          __int128 d)
{
  ParExprValue v = { PAR_EXPR_NUMBER, 0, 1, FALSE };
  __int128 g;

  if (d == 0)
    return par_expr_value_special (PAR_EXPR_DIV_ZERO);
  if (d < 0)
    {
      n = -n;
      d = -d;
    }
  g = gcd128 (n, d);
  if (g > 1)
    {
      n /= g;
      d /= g;
    }
  if (n > G_MAXINT64 || n < -G_MAXINT64 || d > G_MAXINT64)
    return par_expr_value_special (PAR_EXPR_OVERFLOW);
  v.num = (gint64) n;
  v.den = (gint64) d;
  return v;
}

ParExprValue
par_expr_value_number (gint64 num,
                       gint64 den)
{
  return par_expr_value_rational (num, den);
}

gboolean
par_expr_value_is_value (const ParExprValue *value)
{
  return value->kind == PAR_EXPR_NUMBER || value->kind == PAR_EXPR_BOOLEAN ||
         value->kind == PAR_EXPR_DATE;
}

int
par_expr_value_compare (const ParExprValue *a,
                        const ParExprValue *b)
{
  /* Both denominators are positive; each product fits in 127 bits. */
  __int128 l = (__int128) a->num * b->den;
  __int128 r = (__int128) b->num * a->den;

  return l < r ? -1 : l > r ? 1 : 0;
}

gboolean
par_expr_value_round (const ParExprValue *value,
                      gint64              scale,
                      gint64             *out)
{
  __int128 r;

  if (value->kind != PAR_EXPR_NUMBER || scale <= 0)
    return FALSE;
  r = par_round_div128 ((__int128) value->num * scale, value->den);
  if (r > G_MAXINT64 || r < -G_MAXINT64)
    return FALSE;
  *out = (gint64) r;
  return TRUE;
}

/* --- scope ----------------------------------------------------------------------------------- */

const ScopeEntry *
par_expr_scope_lookup_full (const ParExprScope *scope,
                   const char         *name,
                   gboolean           *is_column)
{
  for (; scope != NULL; scope = scope->parent)
    {
      const ScopeEntry *e = g_hash_table_lookup (scope->names, name);
      if (e != NULL)
        {
          if (is_column != NULL)
            *is_column = scope->rows;
          return e;
        }
    }
  return NULL;
}

const ScopeEntry *
par_expr_scope_lookup (const ParExprScope *scope,
              const char         *name)
{
  return par_expr_scope_lookup_full (scope, name, NULL);
}

gboolean
par_expr_scope_has_rows (const ParExprScope *scope)
{
  for (; scope != NULL; scope = scope->parent)
    if (scope->rows)
      return TRUE;
  return FALSE;
}

ParExprScope *
par_expr_scope_new_rows (const ParExprScope *parent)
{
  ParExprScope *scope = par_expr_scope_new_nested (parent);

  scope->rows = TRUE;
  return scope;
}

ParExprScope *
par_expr_scope_new_nested (const ParExprScope *parent)
{
  ParExprScope *scope = par_expr_scope_new ();

  scope->parent = parent;
  return scope;
}

static void
scope_entry_free (gpointer data)
{
  ScopeEntry *e = data;

  g_free (e->label);
  g_free (e);
}

ParExprScope *
par_expr_scope_new (void)
{
  ParExprScope *scope = g_new0 (ParExprScope, 1);

  scope->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, scope_entry_free);
  return scope;
}

void
par_expr_scope_free (ParExprScope *scope)
{
  if (scope == NULL)
    return;
  g_hash_table_unref (scope->names);
  g_free (scope);
}

gboolean
par_expr_scope_add (ParExprScope *scope,
                    const char   *name,
                    ParExprType   type,
                    gboolean      percent,
                    guint         slot)
{
  ScopeEntry *e;

  g_return_val_if_fail (scope != NULL && name != NULL, FALSE);
  if (par_expr_scope_lookup (scope, name) != NULL)
    return FALSE;
  e = g_new0 (ScopeEntry, 1);
  e->type = type;
  e->percent = percent;
  e->slot = slot;
  g_hash_table_insert (scope->names, g_strdup (name), e);
  return TRUE;
}

gboolean
par_expr_scope_set_label (ParExprScope *scope,
                          const char   *name,
                          const char   *label)
{
  ScopeEntry *e;

  g_return_val_if_fail (scope != NULL && name != NULL, FALSE);
  e = g_hash_table_lookup (scope->names, name);
  if (e == NULL)
    return FALSE;
  g_free (e->label);
  e->label = g_strdup (label);
  return TRUE;
}

gboolean
par_expr_scope_has (const ParExprScope *scope,
                    const char         *name)
{
  return par_expr_scope_lookup (scope, name) != NULL;
}

/* --- the tree -------------------------------------------------------------------------------- */

void
par_expr_node_free (Node *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_kids; i++)
    par_expr_node_free (node->kids[i]);
  g_free (node->kids);
  g_free (node->text);
  g_free (node->label);
  g_free (node);
}

void
par_expr_free (ParExpr *expr)
{
  if (expr == NULL)
    return;
  par_expr_node_free (expr->root);
  g_free (expr->text);
  if (expr->slots != NULL)
    g_array_unref (expr->slots);
  g_free (expr);
}

ParExprType
par_expr_get_type (const ParExpr *expr)
{
  return expr->root->type;
}

const char *
par_expr_get_text (const ParExpr *expr)
{
  return expr->text;
}

const GArray *
par_expr_get_slots (const ParExpr *expr)
{
  return expr->slots;
}

gboolean
par_expr_is_percent (const ParExpr *expr)
{
  return expr->root->percent;
}

