/* par-register.h — registers of a criteria set (format 2): the books an office keeps through the
 * year (plan tasks, reports sent, survey forms, procedure statistics), with typed columns and
 * figures computed from their rows.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A register (sổ theo dõi) is declared in the set with its columns; the office fills it per unit
 * and year. Its figures are ordinary figures of the set (rules, derived figures and checks read
 * them by id) whose expression aggregates the rows: count (done ≠ null), sum (on_time),
 * average (answer), share (done ≤ deadline) — see par-expr.h. Rows themselves, their one check
 * and the evaluation are in scoring/par-registers.h.
 */
#pragma once

#include "par-expr.h"
#include "par-framework.h"

G_BEGIN_DECLS

/**
 * ParColumnType:
 *
 * What a column holds. Canonical cell values: text as written (one line, at most
 * %PAR_REGISTER_MAX_TEXT characters), integer "4891", decimal "99.50", date "2023-01-14", yes-no
 * "true"/"false", choice an option's value ("done"). In expressions an integer or decimal is a
 * number, a date a date, a yes-no a yes/no value, a choice the number its option declares
 * (value="100" for "very satisfied"; its position 1, 2, … when it declares none), and a text can
 * only be tested for being empty.
 */
typedef enum {
  PAR_COLUMN_TEXT,
  PAR_COLUMN_INTEGER,
  PAR_COLUMN_DECIMAL,
  PAR_COLUMN_DATE,
  PAR_COLUMN_YES_NO,
  PAR_COLUMN_CHOICE,
} ParColumnType;

#define PAR_REGISTER_MAX_TEXT    2000
#define PAR_REGISTER_MAX_COLUMNS 64
/* What one unit's register may hold in one year. */
#define PAR_REGISTER_MAX_ROWS    100000

/* Expression slot of a register's column i. */
#define PAR_REGISTER_COLUMN_SLOT_BASE 0x200000u
#define PAR_REGISTER_COLUMN_SLOT(i) (PAR_REGISTER_COLUMN_SLOT_BASE + (guint) (i))

/**
 * ParRegisterColumn:
 * @id: letters, digits and "_" ("deadline")
 * @required: a row without a value here is refused
 * @as_input: for every type but text, the column seen as a format-1 input of its type (its
 *   options for a choice), so that reading and normalizing a cell is the inputs' one reading
 * @option_values: (element-type ParExprValue): for a choice, the number of each option, in the
 *   order of @as_input's options
 * @index: its position in the register, 0 …
 */
typedef struct {
  char          *id;
  char          *label;
  char          *label_en;
  ParColumnType  type;
  gboolean       required;
  int            line;
  guint          index;
  ParInput      *as_input;
  GArray        *option_values;
} ParRegisterColumn;

/**
 * ParRegister:
 * @id: letters, digits and "_" ("plan_tasks")
 * @columns: (element-type ParRegisterColumn): in file order
 * @carry: (nullable): a yes/no expression over a row; the rows for which it holds are carried
 *   forward to the next year (a task not done yet: `done = null`); %NULL carries nothing
 * @figures: (element-type ParFigure): the set's figures computed from it (borrowed)
 */
typedef struct _ParRegister {
  char       *id;
  char       *label;
  char       *label_en;
  int         line;
  guint       index;
  GPtrArray  *columns;
  ParExpr    *carry;
  GPtrArray  *figures;
} ParRegister;

/* The set's registers in file order (ParRegister*), empty when it declares none. */
GPtrArray               *par_framework_get_registers   (const ParFramework *self);
const ParRegister       *par_framework_lookup_register (const ParFramework *self,
                                                        const char         *id);
const ParRegisterColumn *par_register_lookup_column    (const ParRegister  *reg,
                                                        const char         *id);
/* "text", "integer", "decimal", "date", "yes-no", "choice". */
const char              *par_column_type_to_string     (ParColumnType       type);
ParExprType              par_column_expr_type          (ParColumnType       type);

G_END_DECLS
