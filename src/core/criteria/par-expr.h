/* par-expr.h — the expression language of criteria-set format 2: parsed and type-checked once,
 * evaluated exactly (rationals of 64-bit integers, never floating point).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expression is data from a criteria file, so everything about it is bounded: its length
 * (PAR_EXPR_MAX_LENGTH bytes), its nesting (PAR_EXPR_MAX_DEPTH), its size (PAR_EXPR_MAX_NODES);
 * there are no loops, no user functions, and only the functions listed below. Arithmetic is on
 * exact fractions num/den of 64-bit integers, computed in 128 bits and reduced; a result that
 * does not fit is %PAR_EXPR_OVERFLOW (a clear state, never a wrong number).
 *
 * Grammar (whitespace between tokens is free):
 *
 *     expr       = or
 *     or         = and { "or" and }
 *     and        = not { "and" not }
 *     not        = "not" not | comparison
 *     comparison = sum [ ( "<" | "<=" | "≤" | ">" | ">=" | "≥" | "=" | "==" | "!=" | "≠" ) sum ]
 *     sum        = product { ( "+" | "-" | "−" ) product }
 *     product    = unary { ( "*" | "×" | "/" | "÷" ) unary }
 *     unary      = ( "-" | "−" ) unary | primary
 *     primary    = number [ "%" ] | "true" | "false" | "null" | name | call | "(" expr ")"
 *     call       = ( "min" | "max" ) "(" expr "," expr { "," expr } ")"
 *                | "if" "(" expr "," expr "," expr ")"
 *                | "count" "(" [ expr ] ")" | ( "share" | "sum" | "average" ) "(" expr ")"
 *     number     = digit { digit } [ "." digit { digit } ]      (at most 15 + 6 digits)
 *     name       = ( letter | "_" ) { letter | digit | "_" }     (ASCII)
 *
 * "90%" is the number 0.9; a percent figure holding 99.5 % is 0.995, so `a / b >= 90%` reads as
 * written. Comparisons do not chain ("a < b < c" is refused).
 *
 * Types: number, yes-no (boolean) and date. + − × ÷ take numbers (date − date is a number of
 * days); comparisons take two numbers or two dates (= and ≠ also two yes-no values); and, or,
 * not take yes-no values; if (c, a, b) takes a yes-no and two values of one type; min and max
 * take numbers or dates.
 *
 * Registers (a scope made by par_expr_scope_new_rows() over the figures' scope): a register's
 * columns have a value per row and are read only inside an aggregate — count (condition) the
 * rows where it holds (count () every row), share (condition) that count over all rows (a
 * percentage), sum (number) and average (number) over the rows where it has a value. An empty
 * cell is missing: the row's condition does not hold and sum / average skip it. Aggregates do
 * not nest, and outside a register's scope they are refused. `x = null` / `x ≠ null` test
 * whether a value is missing (an empty cell, a figure not entered); a text column can only be
 * tested so.
 *
 * Results that are not a value (#ParExprKind): a figure not entered is %PAR_EXPR_MISSING and
 * makes what depends on it missing too ("not yet scored", never a silent 0); dividing by zero is
 * %PAR_EXPR_DIV_ZERO; a number too large is %PAR_EXPR_OVERFLOW. When several meet, overflow wins
 * over division by zero, which wins over missing. Two exceptions make the defined results
 * useful: `if` evaluates only the branch its condition picks (`if (total = 0, 1, done / total)`
 * never divides by zero), and `and` / `or` follow three-valued logic (false and missing is
 * false, true or missing is true).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PAR_EXPR_MAX_LENGTH 2000
#define PAR_EXPR_MAX_DEPTH  32
#define PAR_EXPR_MAX_NODES  400
/* Literals are at most 10^15 (15 digits before the point, 6 after). */
#define PAR_EXPR_MAX_LITERAL G_GINT64_CONSTANT (1000000000000000)

typedef enum {
  PAR_EXPR_TYPE_NUMBER,
  PAR_EXPR_TYPE_BOOLEAN,
  PAR_EXPR_TYPE_DATE,
  PAR_EXPR_TYPE_TEXT,     /* a register's text column: only `= null` / `≠ null` */
} ParExprType;

/**
 * ParExprKind:
 * @PAR_EXPR_NUMBER: an exact number @num / @den (@den > 0, reduced)
 * @PAR_EXPR_BOOLEAN: @num is 1 (yes) or 0 (no)
 * @PAR_EXPR_DATE: @num is the day number (GDate's Julian day: 1 is 0001-01-01)
 * @PAR_EXPR_MISSING: a figure it needs is not entered
 * @PAR_EXPR_DIV_ZERO: it divides by zero
 * @PAR_EXPR_OVERFLOW: a number in it is too large to compute exactly
 */
typedef enum {
  PAR_EXPR_NUMBER,
  PAR_EXPR_BOOLEAN,
  PAR_EXPR_DATE,
  PAR_EXPR_MISSING,
  PAR_EXPR_DIV_ZERO,
  PAR_EXPR_OVERFLOW,
} ParExprKind;

/**
 * ParExprValue:
 * @percent: a display hint: the number reads as a percentage (a percent figure, "90%", or
 *   what is compared with one)
 *
 * One value, passed by value. par_expr_value_*() build them.
 */
typedef struct {
  ParExprKind kind;
  gint64      num;
  gint64      den;
  gboolean    percent;
} ParExprValue;

ParExprValue par_expr_value_missing  (void);
ParExprValue par_expr_value_boolean  (gboolean b);
ParExprValue par_expr_value_date     (gint64   julian_day);
/* num / den, reduced; %PAR_EXPR_DIV_ZERO when @den is 0. */
ParExprValue par_expr_value_number   (gint64   num,
                                      gint64   den);
gboolean     par_expr_value_is_value (const ParExprValue *value);  /* number, yes-no or date */
/* Exact comparison of two numbers: -1, 0 or 1. */
int          par_expr_value_compare  (const ParExprValue *a,
                                      const ParExprValue *b);
/* Exact a + b, a − b, a × b, a ÷ b (@op '+', '-', '*', '/') on two numbers; a result that is
 * not a number (missing, division by zero, overflow) as evaluation gives it. */
ParExprValue par_expr_value_arith    (char                op,
                                      const ParExprValue *a,
                                      const ParExprValue *b);
/* @value × @scale rounded by the one rounding rule (halves away from zero), e.g. points in
 * hundredths with @scale 100. FALSE when it is not a number or does not fit. */
gboolean     par_expr_value_round    (const ParExprValue *value,
                                      gint64              scale,
                                      gint64             *out);

/**
 * ParExprScope:
 *
 * The names an expression may use, each with its type and a slot number the caller chooses
 * (a figure's index, a leaf input's index, later a register's column): parsing resolves names
 * to slots once, and evaluation asks the caller for a slot's value.
 */
typedef struct _ParExprScope ParExprScope;

ParExprScope *par_expr_scope_new   (void);
/* A scope that also sees @parent's names (which must outlive it): a leaf's inputs over the
 * set's figures, later a register's columns. */
ParExprScope *par_expr_scope_new_nested (const ParExprScope *parent);
/* A register's columns over @parent (the figures): names added to it are read per row, inside
 * count / sum / average / share only. */
ParExprScope *par_expr_scope_new_rows   (const ParExprScope *parent);
void          par_expr_scope_free  (ParExprScope *scope);
/* Returns FALSE when @name is there already (here or in a parent). @percent: its values read
 * as percentages. */
gboolean      par_expr_scope_add   (ParExprScope *scope,
                                    const char   *name,
                                    ParExprType   type,
                                    gboolean      percent,
                                    guint         slot);
/* How explanations name @name (added to @scope itself): a register column's title, so that a
 * coordinator reads "Ngày gửi ≤ Hạn gửi", not "sent ≤ deadline". FALSE when it is not there. */
gboolean      par_expr_scope_set_label (ParExprScope *scope,
                                        const char   *name,
                                        const char   *label);
gboolean      par_expr_scope_has   (const ParExprScope *scope,
                                    const char         *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParExprScope, par_expr_scope_free)

typedef struct _ParExpr ParExpr;

/**
 * par_expr_parse:
 * @text: the expression
 * @scope: the names it may use
 * @error: %PAR_ERROR_PARSE (syntax, limits) or %PAR_ERROR_INVALID (unknown name, wrong type),
 *   a translated message that says where in @text ("at character 12"); callers add the file,
 *   line and figure
 *
 * Returns: (transfer full): the parsed, type-checked expression, or %NULL.
 */
ParExpr     *par_expr_parse        (const char          *text,
                                    const ParExprScope  *scope,
                                    GError             **error);
void         par_expr_free         (ParExpr             *expr);
ParExprType  par_expr_get_type     (const ParExpr       *expr);
const char  *par_expr_get_text     (const ParExpr       *expr);
/* The slots it refers to, each once, in order of first use (for dependencies, cycles and the
 * figures a failed check names). */
const GArray *par_expr_get_slots   (const ParExpr       *expr);   /* of guint */
/* Whether the result reads as a percentage (its display hint). */
gboolean     par_expr_is_percent   (const ParExpr       *expr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParExpr, par_expr_free)

/* The value of a slot when evaluating: a value of the slot's type, or missing. */
typedef ParExprValue (*ParExprLookup)   (guint slot, gpointer user_data);
/* How a slot is named in an explanation: "on_time (Q1–Q4 sum)"; transfer full. */
typedef char        *(*ParExprDescribe) (guint slot, gpointer user_data);

ParExprValue par_expr_evaluate     (const ParExpr       *expr,
                                    ParExprLookup        lookup,
                                    gpointer             user_data);

/* The value of a column's slot in row @row (a value of the column's type, missing when empty;
 * for a text column any value that is not missing). */
typedef ParExprValue (*ParExprCell)     (guint row, guint slot, gpointer row_data);

/* par_expr_evaluate() with a register's @n_rows rows, for its aggregates. */
ParExprValue par_expr_evaluate_rows (const ParExpr      *expr,
                                     ParExprLookup       lookup,
                                     gpointer            user_data,
                                     ParExprCell         cell,
                                     gpointer            row_data,
                                     guint               n_rows);
/* Whether it has count / sum / average / share in it. */
gboolean     par_expr_uses_rows     (const ParExpr      *expr);

/**
 * par_expr_explain:
 * @decimal_sep: '.' or ','
 *
 * The expression with every figure's value written beside its name, and the value of each
 * side of a comparison: "on_time (Q1–Q4 sum) 4,891 / resolved 4,898 = 99.86 % > 90.00 %".
 *
 * Returns: (transfer full): the text.
 */
char        *par_expr_explain      (const ParExpr       *expr,
                                    ParExprLookup        lookup,
                                    ParExprDescribe      describe,
                                    gpointer             user_data,
                                    char                 decimal_sep);
/* …with a register's rows: "count (done ≠ null) 12 of 14 rows". */
char        *par_expr_explain_rows (const ParExpr       *expr,
                                    ParExprLookup        lookup,
                                    ParExprDescribe      describe,
                                    gpointer             user_data,
                                    ParExprCell          cell,
                                    gpointer             row_data,
                                    guint                n_rows,
                                    char                 decimal_sep);

/**
 * par_expr_value_format:
 * @decimal_sep: '.' or ','
 *
 * A value as people read it: "4,891", "99.86 %" (percent hint), "0.33" (two decimals by the
 * rounding rule), "yes", "no", "14/01/2023", "not entered", "division by zero", "too large".
 *
 * Returns: (transfer full): the text.
 */
char        *par_expr_value_format (const ParExprValue  *value,
                                    char                 decimal_sep);

G_END_DECLS
