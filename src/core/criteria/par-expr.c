/* par-expr.c — parsing, type-checking, exact evaluation and explanation of format-2 expressions.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recursive-descent parser over the grammar in par-expr.h, bounded in length, depth and node
 * count; a tree of typed nodes; an evaluator on reduced fractions of gint64 computed in __int128
 * (every product of two gint64 fits, so nothing wraps before the overflow check).
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-expr.h"
#include "par-format.h"
#include "par-points.h"

/* --- values ---------------------------------------------------------------------------------- */

static ParExprValue
special (ParExprKind kind)
{
  ParExprValue v = { kind, 0, 1, FALSE };
  return v;
}

ParExprValue
par_expr_value_missing (void)
{
  return special (PAR_EXPR_MISSING);
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
static ParExprValue
rational (__int128 n,
          __int128 d)
{
  ParExprValue v = { PAR_EXPR_NUMBER, 0, 1, FALSE };
  __int128 g;

  if (d == 0)
    return special (PAR_EXPR_DIV_ZERO);
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
    return special (PAR_EXPR_OVERFLOW);
  v.num = (gint64) n;
  v.den = (gint64) d;
  return v;
}

ParExprValue
par_expr_value_number (gint64 num,
                       gint64 den)
{
  return rational (num, den);
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

typedef struct {
  ParExprType type;
  gboolean    percent;
  guint       slot;
} ScopeEntry;

struct _ParExprScope {
  GHashTable         *names;   /* char* → ScopeEntry* */
  const ParExprScope *parent;  /* nullable: names not found here are looked up there */
  gboolean            rows;    /* a register's columns: read per row, inside aggregates */
};

static const ScopeEntry *
scope_lookup_full (const ParExprScope *scope,
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

static const ScopeEntry *
scope_lookup (const ParExprScope *scope,
              const char         *name)
{
  return scope_lookup_full (scope, name, NULL);
}

static gboolean
scope_has_rows (const ParExprScope *scope)
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

ParExprScope *
par_expr_scope_new (void)
{
  ParExprScope *scope = g_new0 (ParExprScope, 1);

  scope->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  if (scope_lookup (scope, name) != NULL)
    return FALSE;
  e = g_new0 (ScopeEntry, 1);
  e->type = type;
  e->percent = percent;
  e->slot = slot;
  g_hash_table_insert (scope->names, g_strdup (name), e);
  return TRUE;
}

gboolean
par_expr_scope_has (const ParExprScope *scope,
                    const char         *name)
{
  return scope_lookup (scope, name) != NULL;
}

/* --- the tree -------------------------------------------------------------------------------- */

typedef enum {
  OP_LITERAL, OP_REF,
  OP_NEG, OP_NOT,
  OP_ADD, OP_SUB, OP_MUL, OP_DIV,
  OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
  OP_AND, OP_OR,
  OP_IF, OP_MIN, OP_MAX,
  OP_NULL,                                   /* the literal null: only in x = null, x ≠ null */
  OP_IS_NULL, OP_NOT_NULL,                   /* x = null, x ≠ null */
  OP_COUNT, OP_SUM, OP_AVERAGE, OP_SHARE,    /* aggregates over a register's rows */
} Op;

typedef struct _Node Node;
struct _Node {
  Op           op;
  ParExprType  type;
  gboolean     percent;
  ParExprValue literal;   /* OP_LITERAL */
  guint        slot;      /* OP_REF */
  gboolean     column;    /* OP_REF: a register's column, read from the current row */
  char        *text;      /* aggregates: as written, for explanations */
  guint        n_kids;
  Node       **kids;
};

struct _ParExpr {
  char        *text;
  Node        *root;
  GArray      *slots;
  gboolean     aggregates;
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;
  for (guint i = 0; i < node->n_kids; i++)
    node_free (node->kids[i]);
  g_free (node->kids);
  g_free (node->text);
  g_free (node);
}

void
par_expr_free (ParExpr *expr)
{
  if (expr == NULL)
    return;
  node_free (expr->root);
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

/* --- lexer ----------------------------------------------------------------------------------- */

typedef enum {
  T_END, T_NUMBER, T_NAME, T_LPAREN, T_RPAREN, T_COMMA, T_PERCENT,
  T_PLUS, T_MINUS, T_TIMES, T_DIVIDE,
  T_LT, T_LE, T_GT, T_GE, T_EQ, T_NE,
  T_BAD,
} Tok;

typedef struct {
  const char          *text;
  gsize                len;
  gsize                pos;      /* start of the current token */
  Tok                  tok;
  gsize                tok_len;
  int                  depth;
  int                  nodes;
  const ParExprScope  *scope;
  GArray              *slots;
  int                  in_aggregate;
  gboolean             aggregates;
  GError             **error;
} Parser;

/* Characters, not bytes, from the start: what a person counts in the file. */
static int
char_pos (Parser *p,
          gsize   byte)
{
  return (int) g_utf8_strlen (p->text, (gssize) byte) + 1;
}

static void G_GNUC_PRINTF (4, 5)
fail (Parser     *p,
      int         code,
      gsize       at,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (p->error == NULL || *p->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "at character 12 of the expression: unknown figure “x”" */
  g_set_error (p->error, PAR_ERROR, code, _("at character %d of the expression: %s"),
               char_pos (p, at), msg);
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

static void
lex (Parser *p)
{
  const char *s;
  gsize rest;

  while (p->pos < p->len && g_ascii_isspace (p->text[p->pos]))
    p->pos++;
  s = p->text + p->pos;
  rest = p->len - p->pos;
  p->tok_len = 1;
  if (rest == 0)
    {
      p->tok = T_END;
      p->tok_len = 0;
      return;
    }
  if (g_ascii_isdigit (*s))
    {
      gsize n = 0;
      while (n < rest && (g_ascii_isdigit (s[n]) || s[n] == '.'))
        n++;
      p->tok = T_NUMBER;
      p->tok_len = n;
      return;
    }
  if (is_name_start (*s))
    {
      gsize n = 0;
      while (n < rest && is_name_char (s[n]))
        n++;
      p->tok = T_NAME;
      p->tok_len = n;
      return;
    }
#define UTF8_IS(lit) (rest >= sizeof (lit) - 1 && memcmp (s, lit, sizeof (lit) - 1) == 0 && \
                      (p->tok_len = sizeof (lit) - 1, TRUE))
  if (UTF8_IS ("≤") || UTF8_IS ("<="))
    p->tok = T_LE;
  else if (UTF8_IS ("≥") || UTF8_IS (">="))
    p->tok = T_GE;
  else if (UTF8_IS ("≠") || UTF8_IS ("!=") || UTF8_IS ("<>"))
    p->tok = T_NE;
  else if (UTF8_IS ("=="))
    p->tok = T_EQ;
  else if (UTF8_IS ("−"))
    p->tok = T_MINUS;
  else if (UTF8_IS ("×"))
    p->tok = T_TIMES;
  else if (UTF8_IS ("÷"))
    p->tok = T_DIVIDE;
#undef UTF8_IS
  else
    {
      p->tok_len = 1;
      switch (*s)
        {
        case '(': p->tok = T_LPAREN; break;
        case ')': p->tok = T_RPAREN; break;
        case ',': p->tok = T_COMMA; break;
        case '%': p->tok = T_PERCENT; break;
        case '+': p->tok = T_PLUS; break;
        case '-': p->tok = T_MINUS; break;
        case '*': p->tok = T_TIMES; break;
        case '/': p->tok = T_DIVIDE; break;
        case '<': p->tok = T_LT; break;
        case '>': p->tok = T_GT; break;
        case '=': p->tok = T_EQ; break;
        default:
          p->tok = T_BAD;
          p->tok_len = g_utf8_skip[(guchar) *s];
          break;
        }
    }
}

static void
advance (Parser *p)
{
  p->pos += p->tok_len;
  lex (p);
}

static gboolean
tok_is_word (Parser     *p,
             const char *word)
{
  return p->tok == T_NAME && p->tok_len == strlen (word) &&
         memcmp (p->text + p->pos, word, p->tok_len) == 0;
}

/* --- parser ---------------------------------------------------------------------------------- */

static Node *parse_or (Parser *p);

static Node *
new_node (Parser     *p,
          Op          op,
          ParExprType type,
          guint       n_kids)
{
  Node *node;

  if (++p->nodes > PAR_EXPR_MAX_NODES)
    {
      fail (p, PAR_ERROR_PARSE, p->pos,
            _("the expression is too large (more than %d parts)"), PAR_EXPR_MAX_NODES);
      return NULL;
    }
  node = g_new0 (Node, 1);
  node->op = op;
  node->type = type;
  node->n_kids = n_kids;
  node->kids = n_kids > 0 ? g_new0 (Node *, n_kids) : NULL;
  return node;
}

static const char *
type_name (ParExprType type)
{
  switch (type)
    {
    case PAR_EXPR_TYPE_NUMBER:
      /* TRANSLATORS: a type of value in a criteria-set expression */
      return _("a number");
    case PAR_EXPR_TYPE_BOOLEAN:
      /* TRANSLATORS: a type of value in a criteria-set expression */
      return _("a yes/no value");
    case PAR_EXPR_TYPE_DATE:
      /* TRANSLATORS: a type of value in a criteria-set expression */
      return _("a date");
    case PAR_EXPR_TYPE_TEXT:
      /* TRANSLATORS: a type of value in a criteria-set expression (a register's text column) */
      return _("a text");
    default:
      return "?";
    }
}

static gboolean
expect_type (Parser     *p,
             Node       *node,
             ParExprType type,
             gsize       at,
             const char *what)
{
  if (node->type == type)
    return TRUE;
  /* TRANSLATORS: "“and” needs a yes/no value, not a number" */
  fail (p, PAR_ERROR_INVALID, at, _("%s needs %s, not %s"), what, type_name (type),
        type_name (node->type));
  return FALSE;
}

static Node *
parse_number (Parser *p)
{
  const char *s = p->text + p->pos;
  gsize n = p->tok_len, i = 0;
  __int128 num = 0;   /* 15 digits and 6 decimals do not fit a gint64 while read */
  gint64 den = 1;
  guint whole = 0, frac = 0;
  gsize at = p->pos;
  Node *node;

  for (; i < n && g_ascii_isdigit (s[i]); i++)
    {
      if (++whole > 15)
        goto too_large;
      num = num * 10 + (s[i] - '0');
    }
  if (i < n && s[i] == '.')
    {
      i++;
      for (; i < n && g_ascii_isdigit (s[i]); i++)
        {
          if (++frac > 6)
            {
              fail (p, PAR_ERROR_PARSE, at,
                    _("the number “%.*s” has more than 6 decimals"), (int) n, s);
              return NULL;
            }
          num = num * 10 + (s[i] - '0');
          den *= 10;
        }
      if (frac == 0)
        i = n + 1;   /* "1." */
    }
  if (i != n)
    {
      fail (p, PAR_ERROR_PARSE, at,
            _("“%.*s” is not a number (write numbers with a dot and digits on both sides: 0.5)"),
            (int) n, s);
      return NULL;
    }
  if (num > (__int128) PAR_EXPR_MAX_LITERAL * den || num > G_MAXINT64)
    goto too_large;
  advance (p);
  node = new_node (p, OP_LITERAL, PAR_EXPR_TYPE_NUMBER, 0);
  if (node == NULL)
    return NULL;
  if (p->tok == T_PERCENT)
    {
      den *= 100;
      node->percent = TRUE;
      advance (p);
    }
  node->literal = rational ((gint64) num, den);
  node->literal.percent = node->percent;
  return node;

too_large:
  fail (p, PAR_ERROR_PARSE, at, _("the number “%.*s” is too large (at most 10^15)"), (int) n, s);
  return NULL;
}

/* null and a text column can only be tested with = null / ≠ null. */
static gboolean
plain_value (Parser     *p,
             const Node *node,
             gsize       at)
{
  if (node->op == OP_NULL)
    {
      fail (p, PAR_ERROR_INVALID, at,
            _("null can only be compared with = or ≠ (done = null, done ≠ null)"));
      return FALSE;
    }
  if (node->type == PAR_EXPR_TYPE_TEXT)
    {
      fail (p, PAR_ERROR_INVALID, at,
            _("a text column can only be tested for being empty (name = null, name ≠ null)"));
      return FALSE;
    }
  return TRUE;
}

/* count (condition), count (), share (condition), sum (number), average (number): over the rows
 * of a register, in the figures of that register only, and never one inside another. */
static Node *
parse_aggregate (Parser     *p,
                 Op          op,
                 const char *name,
                 gsize       at)
{
  Node *arg = NULL, *node;
  gsize start;

  if (!scope_has_rows (p->scope))
    {
      fail (p, PAR_ERROR_INVALID, at,
            _("%s (…) counts the rows of a register: it can only be used in a figure of a register"),
            name);
      return NULL;
    }
  if (p->in_aggregate > 0)
    {
      fail (p, PAR_ERROR_INVALID, at, _("%s (…) cannot be used inside another count, sum, average or share"),
            name);
      return NULL;
    }
  advance (p);   /* the name */
  if (p->tok != T_LPAREN)
    {
      fail (p, PAR_ERROR_PARSE, p->pos, _("“%s” must be followed by “(”"), name);
      return NULL;
    }
  advance (p);
  start = p->pos;
  if (!(op == OP_COUNT && p->tok == T_RPAREN))
    {
      p->in_aggregate++;
      arg = parse_or (p);
      p->in_aggregate--;
      if (arg == NULL)
        return NULL;
      if (!plain_value (p, arg, at))
        {
          node_free (arg);
          return NULL;
        }
      if ((op == OP_COUNT || op == OP_SHARE) &&
          !expect_type (p, arg, PAR_EXPR_TYPE_BOOLEAN, at, op == OP_COUNT ? "count" : "share"))
        {
          node_free (arg);
          return NULL;
        }
      if ((op == OP_SUM || op == OP_AVERAGE) &&
          !expect_type (p, arg, PAR_EXPR_TYPE_NUMBER, at, op == OP_SUM ? "sum" : "average"))
        {
          node_free (arg);
          return NULL;
        }
    }
  if (p->tok != T_RPAREN)
    {
      fail (p, PAR_ERROR_PARSE, p->pos, _("“)” was expected to close %s (…)"), name);
      node_free (arg);
      return NULL;
    }
  node = new_node (p, op, PAR_EXPR_TYPE_NUMBER, arg != NULL ? 1 : 0);
  if (node == NULL)
    {
      node_free (arg);
      return NULL;
    }
  if (arg != NULL)
    node->kids[0] = arg;
  node->percent = op == OP_SHARE || ((op == OP_SUM || op == OP_AVERAGE) && arg->percent);
  p->aggregates = TRUE;
  node->text = g_strdup_printf ("%s (%.*s)", name, (int) (p->pos - start), p->text + start);
  g_strstrip (node->text + strlen (name) + 2);
  advance (p);
  return node;
}

static Node *
parse_call (Parser     *p,
            Op          op,
            const char *name,
            gsize       at)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  Node *node;

  advance (p);   /* the name */
  if (p->tok != T_LPAREN)
    {
      fail (p, PAR_ERROR_PARSE, p->pos, _("“%s” must be followed by “(”"), name);
      return NULL;
    }
  advance (p);
  for (;;)
    {
      Node *arg = parse_or (p);
      if (arg == NULL)
        return NULL;
      g_ptr_array_add (args, arg);
      if (p->tok == T_COMMA)
        {
          advance (p);
          continue;
        }
      if (p->tok == T_RPAREN)
        {
          advance (p);
          break;
        }
      fail (p, PAR_ERROR_PARSE, p->pos, _("“,” or “)” was expected in %s (…)"), name);
      return NULL;
    }
  if (op == OP_IF && args->len != 3)
    {
      fail (p, PAR_ERROR_PARSE, at,
            _("if takes three parts: if (condition, value when yes, value when no)"));
      return NULL;
    }
  if (op != OP_IF && args->len < 2)
    {
      fail (p, PAR_ERROR_PARSE, at, _("%s takes two values or more"), name);
      return NULL;
    }
  for (guint i = 0; i < args->len; i++)
    if (!plain_value (p, args->pdata[i], at))
      return NULL;
  node = new_node (p, op, PAR_EXPR_TYPE_NUMBER, args->len);
  if (node == NULL)
    return NULL;
  for (guint i = 0; i < args->len; i++)
    node->kids[i] = args->pdata[i];
  g_ptr_array_set_free_func (args, NULL);

  if (op == OP_IF)
    {
      if (!expect_type (p, node->kids[0], PAR_EXPR_TYPE_BOOLEAN, at, _("the condition of if")))
        goto bad;
      if (node->kids[1]->type != node->kids[2]->type)
        {
          fail (p, PAR_ERROR_INVALID, at,
                _("both values of if must be of one type (here %s and %s)"),
                type_name (node->kids[1]->type), type_name (node->kids[2]->type));
          goto bad;
        }
      node->type = node->kids[1]->type;
      node->percent = node->kids[1]->percent || node->kids[2]->percent;
    }
  else
    {
      ParExprType type = node->kids[0]->type;
      if (type == PAR_EXPR_TYPE_BOOLEAN)
        {
          fail (p, PAR_ERROR_INVALID, at, _("%s takes numbers or dates, not yes/no values"), name);
          goto bad;
        }
      for (guint i = 0; i < node->n_kids; i++)
        {
          if (node->kids[i]->type != type)
            {
              fail (p, PAR_ERROR_INVALID, at, _("the values of %s must be of one type"), name);
              goto bad;
            }
          node->percent |= node->kids[i]->percent;
        }
      node->type = type;
    }
  return node;

bad:
  node_free (node);
  return NULL;
}

static Node *
parse_primary (Parser *p)
{
  gsize at = p->pos;

  switch (p->tok)
    {
    case T_NUMBER:
      return parse_number (p);
    case T_LPAREN:
      {
        Node *inner;
        advance (p);
        inner = parse_or (p);
        if (inner == NULL)
          return NULL;
        if (p->tok != T_RPAREN)
          {
            fail (p, PAR_ERROR_PARSE, p->pos, _("“)” was expected"));
            node_free (inner);
            return NULL;
          }
        advance (p);
        return inner;
      }
    case T_NAME:
      {
        g_autofree char *name = g_strndup (p->text + p->pos, p->tok_len);
        const ScopeEntry *e;
        gboolean column = FALSE;
        Node *node;

        if (g_str_equal (name, "null"))
          {
            node = new_node (p, OP_NULL, PAR_EXPR_TYPE_NUMBER, 0);
            advance (p);
            return node;
          }
        if (g_str_equal (name, "count"))
          return parse_aggregate (p, OP_COUNT, name, at);
        if (g_str_equal (name, "sum"))
          return parse_aggregate (p, OP_SUM, name, at);
        if (g_str_equal (name, "average"))
          return parse_aggregate (p, OP_AVERAGE, name, at);
        if (g_str_equal (name, "share"))
          return parse_aggregate (p, OP_SHARE, name, at);
        if (g_str_equal (name, "true") || g_str_equal (name, "false"))
          {
            node = new_node (p, OP_LITERAL, PAR_EXPR_TYPE_BOOLEAN, 0);
            if (node != NULL)
              node->literal = par_expr_value_boolean (name[0] == 't');
            advance (p);
            return node;
          }
        if (g_str_equal (name, "if"))
          return parse_call (p, OP_IF, name, at);
        if (g_str_equal (name, "min"))
          return parse_call (p, OP_MIN, name, at);
        if (g_str_equal (name, "max"))
          return parse_call (p, OP_MAX, name, at);
        if (g_str_equal (name, "and") || g_str_equal (name, "or") || g_str_equal (name, "not"))
          {
            fail (p, PAR_ERROR_PARSE, at, _("a value was expected before “%s”"), name);
            return NULL;
          }
        e = scope_lookup_full (p->scope, name, &column);
        if (e == NULL)
          {
            advance (p);
            if (p->tok == T_LPAREN)
              fail (p, PAR_ERROR_INVALID, at,
                    scope_has_rows (p->scope)
                    ? _("there is no function “%s” (the functions are min, max, if, count, sum, average and share)")
                    : _("there is no function “%s” (the functions are min, max and if)"), name);
            else if (scope_has_rows (p->scope))
              fail (p, PAR_ERROR_INVALID, at, _("unknown column or figure “%s”"), name);
            else
              fail (p, PAR_ERROR_INVALID, at, _("unknown figure “%s”"), name);
            return NULL;
          }
        if (column && p->in_aggregate == 0)
          {
            fail (p, PAR_ERROR_INVALID, at,
                  _("the column “%s” has a value per row: use it inside count, sum, average or share"),
                  name);
            return NULL;
          }
        node = new_node (p, OP_REF, e->type, 0);
        if (node == NULL)
          return NULL;
        node->slot = e->slot;
        node->column = column;
        node->percent = e->percent;
        {
          gboolean seen = FALSE;
          for (guint i = 0; i < p->slots->len && !seen; i++)
            seen = g_array_index (p->slots, guint, i) == e->slot;
          if (!seen)
            g_array_append_val (p->slots, e->slot);
        }
        advance (p);
        return node;
      }
    case T_END:
      fail (p, PAR_ERROR_PARSE, at, _("the expression ends where a value was expected"));
      return NULL;
    case T_BAD:
      fail (p, PAR_ERROR_PARSE, at, _("“%.*s” is not allowed in an expression"),
            (int) p->tok_len, p->text + p->pos);
      return NULL;
    default:
      fail (p, PAR_ERROR_PARSE, at, _("a value was expected, not “%.*s”"),
            (int) p->tok_len, p->text + p->pos);
      return NULL;
    }
}

/* A chain of signs ("- - - a") is nesting too: each one counts. */
static Node *
parse_unary (Parser *p)
{
  Node *node = NULL, *operand;
  gsize at = p->pos;

  if (p->tok != T_MINUS)
    return parse_primary (p);
  if (++p->depth > PAR_EXPR_MAX_DEPTH)
    {
      fail (p, PAR_ERROR_PARSE, at, _("the expression is nested too deeply (more than %d levels)"),
            PAR_EXPR_MAX_DEPTH);
      p->depth--;
      return NULL;
    }
  advance (p);
  operand = parse_unary (p);
  p->depth--;
  if (operand == NULL)
    return NULL;
  if (!plain_value (p, operand, at) || !expect_type (p, operand, PAR_EXPR_TYPE_NUMBER, at, _("“−”")) ||
      (node = new_node (p, OP_NEG, PAR_EXPR_TYPE_NUMBER, 1)) == NULL)
    {
      node_free (operand);
      return NULL;
    }
  node->kids[0] = operand;
  node->percent = operand->percent;
  return node;
}

static Node *
binary (Parser *p,
        Op      op,
        Node   *a,
        Node   *b,
        gsize   at)
{
  Node *node;
  ParExprType type = PAR_EXPR_TYPE_NUMBER;

  if (a == NULL || b == NULL)
    goto bad;
  if ((op == OP_EQ || op == OP_NE) && (a->op == OP_NULL || b->op == OP_NULL))
    {
      Node *tested = a->op == OP_NULL ? b : a;
      if (tested->op == OP_NULL)
        {
          fail (p, PAR_ERROR_INVALID, at, _("null compared with null says nothing"));
          goto bad;
        }
      node = new_node (p, op == OP_EQ ? OP_IS_NULL : OP_NOT_NULL, PAR_EXPR_TYPE_BOOLEAN, 1);
      if (node == NULL)
        goto bad;
      node->kids[0] = tested;
      node_free (tested == a ? b : a);
      return node;
    }
  if (!plain_value (p, a, at) || !plain_value (p, b, at))
    goto bad;
  switch (op)
    {
    case OP_ADD:
    case OP_MUL:
    case OP_DIV:
      if (!expect_type (p, a, PAR_EXPR_TYPE_NUMBER, at, op == OP_ADD ? "“+”" : op == OP_MUL ? "“×”" : "“÷”") ||
          !expect_type (p, b, PAR_EXPR_TYPE_NUMBER, at, op == OP_ADD ? "“+”" : op == OP_MUL ? "“×”" : "“÷”"))
        goto bad;
      break;
    case OP_SUB:
      if (a->type == PAR_EXPR_TYPE_DATE && b->type == PAR_EXPR_TYPE_DATE)
        break;   /* days between */
      if (!expect_type (p, a, PAR_EXPR_TYPE_NUMBER, at, "“−”") ||
          !expect_type (p, b, PAR_EXPR_TYPE_NUMBER, at, "“−”"))
        goto bad;
      break;
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
      if (a->type != b->type || a->type == PAR_EXPR_TYPE_BOOLEAN)
        {
          fail (p, PAR_ERROR_INVALID, at,
                _("only two numbers or two dates can be compared (here %s and %s)"),
                type_name (a->type), type_name (b->type));
          goto bad;
        }
      type = PAR_EXPR_TYPE_BOOLEAN;
      break;
    case OP_EQ:
    case OP_NE:
      if (a->type != b->type)
        {
          fail (p, PAR_ERROR_INVALID, at, _("%s cannot be compared with %s"),
                type_name (a->type), type_name (b->type));
          goto bad;
        }
      type = PAR_EXPR_TYPE_BOOLEAN;
      break;
    case OP_AND:
    case OP_OR:
      if (!expect_type (p, a, PAR_EXPR_TYPE_BOOLEAN, at, op == OP_AND ? "“and”" : "“or”") ||
          !expect_type (p, b, PAR_EXPR_TYPE_BOOLEAN, at, op == OP_AND ? "“and”" : "“or”"))
        goto bad;
      type = PAR_EXPR_TYPE_BOOLEAN;
      break;
    default:
      g_assert_not_reached ();
    }
  node = new_node (p, op, type, 2);
  if (node == NULL)
    goto bad;
  node->kids[0] = a;
  node->kids[1] = b;
  if (op == OP_ADD || op == OP_SUB)
    node->percent = a->percent && b->percent;
  /* A percentage compared with a plain number above 1 is a slip ("share ≥ 95" for 95 %): it
   * could never hold. */
  if (type == PAR_EXPR_TYPE_BOOLEAN && op != OP_AND && op != OP_OR && a->type == PAR_EXPR_TYPE_NUMBER)
    {
      for (int i = 0; i < 2; i++)
        {
          const Node *lit = i == 0 ? b : a, *other = i == 0 ? a : b;
          if (other->percent && lit->op == OP_LITERAL && !lit->percent &&
              (lit->literal.num > lit->literal.den || lit->literal.num < -lit->literal.den))
            {
              fail (p, PAR_ERROR_INVALID, at,
                    _("a percentage is compared with the plain number %" PRId64
                      "; write it with %% (90%% is 0.9)"), lit->literal.num / lit->literal.den);
              node_free (node);
              return NULL;
            }
        }
    }
  /* A share compared with a percentage reads as one: "on_time / resolved = 99.86 % > 90 %". */
  if (type == PAR_EXPR_TYPE_BOOLEAN && a->type == PAR_EXPR_TYPE_NUMBER && op != OP_AND && op != OP_OR)
    {
      if (a->percent)
        b->percent = TRUE;
      if (b->percent)
        a->percent = TRUE;
    }
  return node;

bad:
  node_free (a);
  node_free (b);
  return NULL;
}

static Node *
parse_product (Parser *p)
{
  Node *node = parse_unary (p);

  while (node != NULL && (p->tok == T_TIMES || p->tok == T_DIVIDE))
    {
      Op op = p->tok == T_TIMES ? OP_MUL : OP_DIV;
      gsize at = p->pos;
      advance (p);
      node = binary (p, op, node, parse_unary (p), at);
    }
  return node;
}

static Node *
parse_sum (Parser *p)
{
  Node *node = parse_product (p);

  while (node != NULL && (p->tok == T_PLUS || p->tok == T_MINUS))
    {
      Op op = p->tok == T_PLUS ? OP_ADD : OP_SUB;
      gsize at = p->pos;
      advance (p);
      node = binary (p, op, node, parse_product (p), at);
    }
  return node;
}

static gboolean
comparison_op (Tok  tok,
               Op  *op)
{
  switch (tok)
    {
    case T_LT: *op = OP_LT; return TRUE;
    case T_LE: *op = OP_LE; return TRUE;
    case T_GT: *op = OP_GT; return TRUE;
    case T_GE: *op = OP_GE; return TRUE;
    case T_EQ: *op = OP_EQ; return TRUE;
    case T_NE: *op = OP_NE; return TRUE;
    default: return FALSE;
    }
}

static Node *
parse_comparison (Parser *p)
{
  Node *node = parse_sum (p);
  Op op;

  if (node != NULL && comparison_op (p->tok, &op))
    {
      gsize at = p->pos;
      advance (p);
      node = binary (p, op, node, parse_sum (p), at);
      if (node != NULL && comparison_op (p->tok, &op))
        {
          fail (p, PAR_ERROR_PARSE, p->pos,
                _("comparisons do not chain: write “a < b and b < c”"));
          node_free (node);
          return NULL;
        }
    }
  return node;
}

static Node *
parse_not (Parser *p)
{
  gsize at = p->pos;

  if (tok_is_word (p, "not"))
    {
      Node *operand, *node = NULL;

      if (++p->depth > PAR_EXPR_MAX_DEPTH)
        {
          fail (p, PAR_ERROR_PARSE, at,
                _("the expression is nested too deeply (more than %d levels)"), PAR_EXPR_MAX_DEPTH);
          p->depth--;
          return NULL;
        }
      advance (p);
      operand = parse_not (p);
      p->depth--;
      if (operand == NULL)
        return NULL;
      if (!expect_type (p, operand, PAR_EXPR_TYPE_BOOLEAN, at, "“not”") ||
          (node = new_node (p, OP_NOT, PAR_EXPR_TYPE_BOOLEAN, 1)) == NULL)
        {
          node_free (operand);
          return NULL;
        }
      node->kids[0] = operand;
      return node;
    }
  return parse_comparison (p);
}

static Node *
parse_and (Parser *p)
{
  Node *node = parse_not (p);

  while (node != NULL && tok_is_word (p, "and"))
    {
      gsize at = p->pos;
      advance (p);
      node = binary (p, OP_AND, node, parse_not (p), at);
    }
  return node;
}

static Node *
parse_or (Parser *p)
{
  Node *node;

  /* Parentheses and function arguments come back here: count them as nesting too. */
  if (++p->depth > PAR_EXPR_MAX_DEPTH)
    {
      fail (p, PAR_ERROR_PARSE, p->pos,
            _("the expression is nested too deeply (more than %d levels)"), PAR_EXPR_MAX_DEPTH);
      p->depth--;
      return NULL;
    }
  node = parse_and (p);
  while (node != NULL && tok_is_word (p, "or"))
    {
      gsize at = p->pos;
      advance (p);
      node = binary (p, OP_OR, node, parse_and (p), at);
    }
  p->depth--;
  return node;
}

ParExpr *
par_expr_parse (const char          *text,
                const ParExprScope  *scope,
                GError             **error)
{
  Parser p = { 0, };
  g_autoptr(GError) local = NULL;
  Node *root;
  ParExpr *expr;

  g_return_val_if_fail (text != NULL && scope != NULL, NULL);

  p.text = text;
  p.len = strlen (text);
  p.scope = scope;
  p.error = &local;
  if (p.len > PAR_EXPR_MAX_LENGTH)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("the expression is too long (%zu bytes; at most %d)"), p.len,
                   PAR_EXPR_MAX_LENGTH);
      return NULL;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("the expression is not valid UTF-8"));
      return NULL;
    }
  p.slots = g_array_new (FALSE, FALSE, sizeof (guint));
  lex (&p);
  if (p.tok == T_END)
    {
      g_array_unref (p.slots);
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE, _("the expression is empty"));
      return NULL;
    }
  root = parse_or (&p);
  if (root != NULL && !plain_value (&p, root, 0))
    {
      node_free (root);
      root = NULL;
    }
  if (root != NULL && p.tok != T_END)
    {
      if (p.tok == T_RPAREN)
        fail (&p, PAR_ERROR_PARSE, p.pos, _("this “)” closes nothing"));
      else if (p.tok == T_BAD)
        fail (&p, PAR_ERROR_PARSE, p.pos, _("“%.*s” is not allowed in an expression"),
              (int) p.tok_len, p.text + p.pos);
      else
        fail (&p, PAR_ERROR_PARSE, p.pos, _("“%.*s” was not expected here"),
              (int) p.tok_len, p.text + p.pos);
      node_free (root);
      root = NULL;
    }
  if (root == NULL)
    {
      g_array_unref (p.slots);
      if (local == NULL)
        g_set_error (&local, PAR_ERROR, PAR_ERROR_PARSE, _("the expression cannot be read"));
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  expr = g_new0 (ParExpr, 1);
  expr->text = g_strdup (text);
  expr->root = root;
  expr->slots = p.slots;
  expr->aggregates = p.aggregates;
  return expr;
}

/* --- evaluation ------------------------------------------------------------------------------ */

typedef struct {
  ParExprLookup lookup;
  gpointer      user_data;
  ParExprCell   cell;       /* nullable: no rows */
  gpointer      row_data;
  guint         n_rows;
  guint         row;        /* the row aggregates are at */
} Eval;

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
  return severity (a.kind) >= severity (b.kind) ? special (a.kind) : special (b.kind);
}

static ParExprValue eval_node (const Eval *ev, const Node *node);
static ParExprValue eval_arith (Op op, ParExprValue a, ParExprValue b);

/* An aggregate over the rows: @counted (rows whose condition holds, or rows with a value) and
 * the exact result. A row's empty cell makes its condition missing: the row is not counted (an
 * empty "done" is a task not done), and sum / average skip it; overflow and division by zero
 * in any row make the whole result that. */
static ParExprValue
eval_aggregate (const Eval *ev,
                const Node *node,
                guint      *counted)
{
  Eval row_ev = *ev;
  ParExprValue acc = rational (0, 1);
  ParExprValue failed = special (PAR_EXPR_MISSING);
  gboolean has_failed = FALSE;
  guint n = 0;

  if (ev->cell == NULL)
    return special (PAR_EXPR_MISSING);
  for (guint r = 0; r < ev->n_rows; r++)
    {
      ParExprValue v;

      if (node->n_kids == 0)
        {
          n++;
          continue;
        }
      row_ev.row = r;
      v = eval_node (&row_ev, node->kids[0]);
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
          acc = rational (0, 1);
        }
    }
  if (counted != NULL)
    *counted = n;
  if (has_failed)
    return special (failed.kind);
  switch (node->op)
    {
    case OP_COUNT:
      return rational (n, 1);
    case OP_SHARE:
      if (ev->n_rows == 0)
        return special (PAR_EXPR_MISSING);
      acc = rational (n, ev->n_rows);
      acc.percent = TRUE;
      return acc;
    case OP_SUM:
      return acc;
    case OP_AVERAGE:
      if (n == 0)
        return special (PAR_EXPR_MISSING);
      return eval_arith (OP_DIV, acc, rational (n, 1));
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
    return rational ((__int128) a.num - b.num, 1);
  switch (op)
    {
    case OP_ADD:
      return rational (an * bd + bn * ad, ad * bd);
    case OP_SUB:
      return rational (an * bd - bn * ad, ad * bd);
    case OP_MUL:
      return rational (an * bn, ad * bd);
    case OP_DIV:
      if (bn == 0)
        return special (PAR_EXPR_DIV_ZERO);
      return rational (an * bd, ad * bn);
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
    return special (PAR_EXPR_MISSING);
  switch (op)
    {
    case '+': return eval_arith (OP_ADD, *a, *b);
    case '-': return eval_arith (OP_SUB, *a, *b);
    case '*': return eval_arith (OP_MUL, *a, *b);
    case '/': return eval_arith (OP_DIV, *a, *b);
    default: g_return_val_if_reached (special (PAR_EXPR_MISSING));
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

static ParExprValue
eval_node (const Eval *ev,
           const Node *node)
{
  ParExprValue a, b, r;

  switch (node->op)
    {
    case OP_LITERAL:
      return node->literal;
    case OP_NULL:
      return special (PAR_EXPR_MISSING);
    case OP_IS_NULL:
    case OP_NOT_NULL:
      a = eval_node (ev, node->kids[0]);
      if (a.kind == PAR_EXPR_OVERFLOW || a.kind == PAR_EXPR_DIV_ZERO)
        return a;
      return par_expr_value_boolean ((a.kind == PAR_EXPR_MISSING) == (node->op == OP_IS_NULL));
    case OP_COUNT:
    case OP_SUM:
    case OP_AVERAGE:
    case OP_SHARE:
      r = eval_aggregate (ev, node, NULL);
      if (r.kind == PAR_EXPR_NUMBER)
        r.percent = node->percent;
      return r;
    case OP_REF:
      if (node->column)
        {
          if (ev->cell == NULL || ev->row >= ev->n_rows)
            return special (PAR_EXPR_MISSING);
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
        return special (PAR_EXPR_MISSING);
      return r;
    case OP_NEG:
      a = eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return rational (-(__int128) a.num, a.den);
    case OP_NOT:
      a = eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return par_expr_value_boolean (!a.num);
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
      a = eval_node (ev, node->kids[0]);
      b = eval_node (ev, node->kids[1]);
      if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
        return worse (a, b);
      return eval_arith (node->op, a, b);
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
    case OP_EQ:
    case OP_NE:
      a = eval_node (ev, node->kids[0]);
      b = eval_node (ev, node->kids[1]);
      if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
        return worse (a, b);
      return par_expr_value_boolean (compare (node->op, &a, &b));
    case OP_AND:
    case OP_OR:
      {
        /* Three-valued: a decisive side decides, whatever the other is. */
        gboolean decisive = node->op == OP_OR;
        a = eval_node (ev, node->kids[0]);
        if (a.kind == PAR_EXPR_BOOLEAN && (a.num != 0) == decisive)
          return par_expr_value_boolean (decisive);
        b = eval_node (ev, node->kids[1]);
        if (b.kind == PAR_EXPR_BOOLEAN && (b.num != 0) == decisive)
          return par_expr_value_boolean (decisive);
        if (!par_expr_value_is_value (&a) || !par_expr_value_is_value (&b))
          return worse (a, b);
        return par_expr_value_boolean (!decisive);
      }
    case OP_IF:
      a = eval_node (ev, node->kids[0]);
      if (!par_expr_value_is_value (&a))
        return a;
      return eval_node (ev, node->kids[a.num ? 1 : 2]);
    case OP_MIN:
    case OP_MAX:
      {
        ParExprValue best = special (PAR_EXPR_MISSING);
        ParExprValue bad = { PAR_EXPR_NUMBER, 0, 1, FALSE };
        gboolean failed = FALSE;

        for (guint i = 0; i < node->n_kids; i++)
          {
            r = eval_node (ev, node->kids[i]);
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
        return failed ? special (bad.kind) : best;
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

  g_return_val_if_fail (expr != NULL && lookup != NULL, special (PAR_EXPR_MISSING));
  v = eval_node (&ev, expr->root);
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

static void
explain_kid (const Explain *ex,
             const Node    *parent,
             const Node    *kid,
             gboolean       right,
             GString       *out)
{
  int pp = precedence (parent->op), kp = precedence (kid->op);
  gboolean parens = kp < pp || (right && kp == pp && (parent->op == OP_SUB || parent->op == OP_DIV));

  if (parens)
    g_string_append_c (out, '(');
  explain_node (ex, kid, out);
  if (parens)
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
  return eval_node (&ev, node);
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
      explain_kid (ex, node, node->kids[0], FALSE, out);
      return;
    case OP_NULL:
      g_string_append (out, "null");
      return;
    case OP_IS_NULL:
    case OP_NOT_NULL:
      explain_kid (ex, node, node->kids[0], FALSE, out);
      g_string_append (out, node->op == OP_IS_NULL ? " = null" : " ≠ null");
      return;
    case OP_COUNT:
    case OP_SUM:
    case OP_AVERAGE:
    case OP_SHARE:
      {
        Eval ev = { ex->lookup, ex->user_data, ex->cell, ex->row_data, ex->n_rows, 0 };
        guint counted = 0;
        ParExprValue v = eval_aggregate (&ev, node, &counted);
        g_autofree char *text = NULL;

        if (v.kind == PAR_EXPR_NUMBER)
          v.percent = node->percent;
        text = format_value (&v, node->percent, 2, ex->sep);
        if (node->op == OP_COUNT)
          /* TRANSLATORS: "count (done ≠ null) 12 of 14 rows" */
          g_string_append_printf (out, _("%s %s of %u rows"), node->text, text, ex->n_rows);
        else if (node->op == OP_SHARE)
          /* TRANSLATORS: "share (done ≠ null) 12 of 14 rows = 85.71 %" */
          g_string_append_printf (out, _("%s %u of %u rows = %s"), node->text, counted, ex->n_rows, text);
        else
          /* TRANSLATORS: "sum (on_time) 4,891 over 4 rows" */
          g_string_append_printf (out, _("%s %s over %u rows"), node->text, text, counted);
        return;
      }
    case OP_NOT:
      /* TRANSLATORS: "not" before a condition of a rule, in an explanation */
      g_string_append (out, C_("expression", "not "));
      explain_kid (ex, node, node->kids[0], FALSE, out);
      return;
    case OP_ADD:
    case OP_SUB:
    case OP_MUL:
    case OP_DIV:
    case OP_AND:
    case OP_OR:
      explain_kid (ex, node, node->kids[0], FALSE, out);
      g_string_append (out, op_text (node->op));
      explain_kid (ex, node, node->kids[1], TRUE, out);
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
                explain_kid (ex, node, sides[i], i == 1, out);
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
      g_string_append (out, node->op == OP_IF ? "if (" : node->op == OP_MIN ? "min (" : "max (");
      for (guint i = 0; i < node->n_kids; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          explain_node (ex, node->kids[i], out);
        }
      g_string_append_c (out, ')');
      return;
    default:
      g_assert_not_reached ();
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
