/* par-expr-private.h — what the expression language's parser, evaluator and explainer share:
 * the scope's entries and the typed tree.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-expr.h"

G_BEGIN_DECLS

typedef struct {
  ParExprType type;
  gboolean    percent;
  guint       slot;
  char       *label;    /* nullable: how explanations name it (a column's title) */
} ScopeEntry;

struct _ParExprScope {
  GHashTable         *names;   /* char* → ScopeEntry* */
  const ParExprScope *parent;  /* nullable: names not found here are looked up there */
  gboolean            rows;    /* a register's columns: read per row, inside aggregates */
};

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
  char        *label;     /* OP_REF to a column: how explanations name it (its title, else its id) */
  guint        n_kids;
  Node       **kids;
};

struct _ParExpr {
  char        *text;
  Node        *root;
  GArray      *slots;
  gboolean     aggregates;
};


/* The evaluator's state (par-expr-eval.c); the explainer evaluates a node's parts too. */
typedef struct {
  ParExprLookup lookup;
  gpointer      user_data;
  ParExprCell   cell;       /* nullable: no rows */
  gpointer      row_data;
  guint         n_rows;
  guint         row;        /* the row aggregates are at */
} Eval;

/* par-expr.c */
ParExprValue          par_expr_value_special      (ParExprKind kind);
ParExprValue          par_expr_value_rational     (__int128 n, __int128 d);
const ScopeEntry     *par_expr_scope_lookup_full  (const ParExprScope *scope, const char *name,
                                                   gboolean *is_column);
const ScopeEntry     *par_expr_scope_lookup       (const ParExprScope *scope, const char *name);
gboolean              par_expr_scope_has_rows     (const ParExprScope *scope);
void                  par_expr_node_free          (Node *node);

/* par-expr-eval.c */
ParExprValue          par_expr_eval_node          (const Eval *ev, const Node *node);
/* An aggregate over the rows; @counted: rows whose condition holds, or rows with a value. */
ParExprValue          par_expr_eval_aggregate     (const Eval *ev, const Node *node,
                                                   guint *counted);

G_END_DECLS
