/* par-figure.h — figures and checks of a criteria set (format 2): declared once for the set,
 * entered per period, derived by expressions, asserted by checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A figure is what an office reports (the number of files received, resolved, resolved on
 * time…). It is declared once in the set with an id, a label, a unit, a type, a period and how
 * the year's value follows from the periods; rules and checks refer to it by id. A derived
 * figure has an expression (par-expr.h) over other figures instead of entered values.
 * Evaluation (values, year roll-ups, checks, provenance) is in scoring/par-figures.h.
 */
#pragma once

#include "par-expr.h"
#include "par-framework.h"

G_BEGIN_DECLS

/**
 * ParFigureType:
 *
 * What a figure holds. Canonical stored values are those of the format-1 inputs of the same
 * type (par_input_read()): integer "4891", decimal "99.50", percent "99.50" (0 … 100), date
 * "2023-01-14", yes-no "true"/"false". In expressions an integer or decimal is a number, a
 * percent is a fraction (99.50 % is 0.995), a date a date and a yes-no a yes/no value.
 */
typedef enum {
  PAR_FIGURE_INTEGER,
  PAR_FIGURE_DECIMAL,
  PAR_FIGURE_PERCENT,
  PAR_FIGURE_DATE,
  PAR_FIGURE_YES_NO,
} ParFigureType;

/**
 * ParPeriod:
 *
 * The periods a figure is entered for: one value for the year, two halves (h1, h2), four
 * quarters (q1 … q4) or twelve months (m01 … m12). The reporting year is the set's (the PAR
 * year runs 15 December to 14 December); periods are its parts in order.
 */
typedef enum {
  PAR_PERIOD_YEAR,
  PAR_PERIOD_HALF,
  PAR_PERIOD_QUARTER,
  PAR_PERIOD_MONTH,
} ParPeriod;

/**
 * ParRollup:
 *
 * How the year's value follows from the periods' values: their sum, the last period's value
 * (a running total or a state at the end of the year), the largest, the smallest, or the
 * average (exact: 7 / 2 is 3.5, never rounded until a rule rounds points). The year's value is
 * missing until every period it needs is entered (for last: the last period).
 */
typedef enum {
  PAR_ROLLUP_SUM,
  PAR_ROLLUP_LAST,
  PAR_ROLLUP_MAX,
  PAR_ROLLUP_MIN,
  PAR_ROLLUP_AVERAGE,
} ParRollup;

#define PAR_PERIOD_MAX_PARTS 12

/* Expression slots: a set's figure is its index; a leaf's own input i (in a conditional rule)
 * is PAR_FIGURE_LOCAL_SLOT (i). */
#define PAR_FIGURE_LOCAL_SLOT_BASE 0x100000u
#define PAR_FIGURE_LOCAL_SLOT(i) (PAR_FIGURE_LOCAL_SLOT_BASE + (guint) (i))

/**
 * ParFigure:
 * @id: letters, digits and "_", starting with a letter ("on_time")
 * @label: the Vietnamese label; @label_en the English one (nullable)
 * @unit: nullable ("hồ sơ")
 * @expr: the expression of a derived figure, %NULL for an entered one
 * @line: the line of its declaration
 * @index: its position among the set's figures, the slot expressions use for it
 * @as_input: the figure seen as a format-1 input of the same type, id and label, so that the
 *   rule types of format 1 (ratio-tiers, count-tiers…) read a figure as they read an input
 * @reg: (nullable): the register whose rows it is computed from (par-register.h); its @expr
 *   then aggregates the rows, and it is never entered
 *
 * All fields are owned by the framework and read-only.
 */
typedef struct {
  char          *id;
  char          *label;
  char          *label_en;
  char          *unit;
  ParFigureType  type;
  ParPeriod      period;
  ParRollup      rollup;
  ParExpr       *expr;
  int            line;
  guint          index;
  ParInput      *as_input;
  const struct _ParRegister *reg;
} ParFigure;

typedef enum {
  PAR_CHECK_ERROR,    /* blocks submission */
  PAR_CHECK_WARNING,  /* shown, does not block */
} ParCheckSeverity;

/**
 * ParCheck:
 * @id: nullable; a short name for the check
 * @expr: a yes/no expression over figures that must hold (`received = resolved + pending`)
 * @message: what is wrong when it does not hold (Vietnamese); @message_en nullable
 * @figures: (element-type ParFigure): the figures it involves, in order of first use
 */
typedef struct {
  char             *id;
  ParCheckSeverity  severity;
  ParExpr          *expr;
  char             *message;
  char             *message_en;
  int               line;
  GPtrArray        *figures;
} ParCheck;

/* The version of the format the set was written in: 1 or 2. */
guint            par_framework_get_format_version (const ParFramework *self);
/* Figures in file order (ParFigure*), empty for format 1. */
GPtrArray       *par_framework_get_figures        (const ParFramework *self);
const ParFigure *par_framework_lookup_figure      (const ParFramework *self,
                                                   const char         *id);
/* Checks in file order (ParCheck*), empty for format 1. */
GPtrArray       *par_framework_get_checks         (const ParFramework *self);

gboolean         par_figure_is_derived            (const ParFigure    *figure);
ParExprType      par_figure_expr_type             (ParFigureType       type);

/* "integer", "decimal", "percent", "date", "yes-no" (file names); and back. */
const char      *par_figure_type_to_string        (ParFigureType       type);
const char      *par_period_to_string             (ParPeriod           period);   /* "year", "half"… */
const char      *par_rollup_to_string             (ParRollup           rollup);   /* "sum", "last"… */

/* How many parts a period has: 1, 2, 4 or 12. */
guint            par_period_n_parts               (ParPeriod           period);
/* The stable key of a part: "year", "h1", "h2", "q1" … "q4", "m01" … "m12" (stored, CSV). */
const char      *par_period_part_key              (ParPeriod           period,
                                                   guint               part);
/* The part of @period a key names; FALSE when the key is not one of @period's. */
gboolean         par_period_parse_part            (ParPeriod           period,
                                                   const char         *key,
                                                   guint              *part);
/* "Q1", "H1", "Month 1", "Year" — translated, for column headers. */
const char      *par_period_part_label            (ParPeriod           period,
                                                   guint               part);

G_END_DECLS
