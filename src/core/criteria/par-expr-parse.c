/* par-expr-parse.c — the lexer and recursive-descent parser of format-2 expressions,
 * type-checking as it builds the tree; bounded in length, depth and node count.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-expr-private.h"
#include "par-format.h"
#include "par-points.h"


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
  node->literal = par_expr_value_rational ((gint64) num, den);
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

  if (!par_expr_scope_has_rows (p->scope))
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
          par_expr_node_free (arg);
          return NULL;
        }
      if ((op == OP_COUNT || op == OP_SHARE) &&
          !expect_type (p, arg, PAR_EXPR_TYPE_BOOLEAN, at, op == OP_COUNT ? "count" : "share"))
        {
          par_expr_node_free (arg);
          return NULL;
        }
      if ((op == OP_SUM || op == OP_AVERAGE) &&
          !expect_type (p, arg, PAR_EXPR_TYPE_NUMBER, at, op == OP_SUM ? "sum" : "average"))
        {
          par_expr_node_free (arg);
          return NULL;
        }
    }
  if (p->tok != T_RPAREN)
    {
      fail (p, PAR_ERROR_PARSE, p->pos, _("“)” was expected to close %s (…)"), name);
      par_expr_node_free (arg);
      return NULL;
    }
  node = new_node (p, op, PAR_EXPR_TYPE_NUMBER, arg != NULL ? 1 : 0);
  if (node == NULL)
    {
      par_expr_node_free (arg);
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
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) par_expr_node_free);
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
  par_expr_node_free (node);
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
            par_expr_node_free (inner);
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
        e = par_expr_scope_lookup_full (p->scope, name, &column);
        if (e == NULL)
          {
            advance (p);
            if (p->tok == T_LPAREN)
              fail (p, PAR_ERROR_INVALID, at,
                    par_expr_scope_has_rows (p->scope)
                    ? _("there is no function “%s” (the functions are min, max, if, count, sum, average and share)")
                    : _("there is no function “%s” (the functions are min, max and if)"), name);
            else if (par_expr_scope_has_rows (p->scope))
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
        if (column)
          node->label = g_strdup (e->label != NULL ? e->label : name);
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
      par_expr_node_free (operand);
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
      par_expr_node_free (tested == a ? b : a);
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
              par_expr_node_free (node);
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
  par_expr_node_free (a);
  par_expr_node_free (b);
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
          par_expr_node_free (node);
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
          par_expr_node_free (operand);
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
      par_expr_node_free (root);
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
      par_expr_node_free (root);
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

