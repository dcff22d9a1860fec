/* par-register-due.h — which rows of a register are due: plan tasks overdue or due soon, reports
 * not sent by their deadline (the Books page's mid-year view, issue 13).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A register is followed for due dates when it has a required date column (the deadline)
 * followed, later in the register, by an optional date column (when the task was done, the
 * report sent): plan tasks (deadline → done), reports sent (deadline → sent). A row is due when
 * that second date is empty; overdue when its deadline is before today, due soon when it falls
 * within the days asked for. Today is always passed in: nothing here reads the clock.
 */
#pragma once

#include "par-register.h"

G_BEGIN_DECLS

typedef enum {
  PAR_DUE_NONE,      /* done, no deadline, or a deadline further away */
  PAR_DUE_SOON,      /* not done, deadline from today to today + the days asked for */
  PAR_DUE_OVERDUE,   /* not done, deadline before today */
} ParDueState;

/* How many days ahead a deadline counts as "due soon" by default. */
#define PAR_DUE_SOON_DAYS 30

/**
 * par_register_due_columns:
 * @deadline: (out) (optional): the deadline column's index
 * @done: (out) (optional): the index of the column that says it was done
 *
 * Returns: whether @reg is followed for due dates (see above).
 */
gboolean     par_register_due_columns (const ParRegister  *reg,
                                       guint              *deadline,
                                       guint              *done);

/**
 * par_register_row_due:
 * @cells: the row's canonical cells (ISO dates)
 * @today: today's date, ISO ("2020-09-15"), given by the caller
 * @soon_days: how many days ahead count as due soon (%PAR_DUE_SOON_DAYS)
 * @days: (out) (optional): days from today to the deadline (negative when overdue)
 *
 * Returns: the row's state; %PAR_DUE_NONE for a register not followed, a row without a
 *   deadline, or a @today that is not a date.
 */
ParDueState  par_register_row_due     (const ParRegister  *reg,
                                       const char * const *cells,
                                       const char         *today,
                                       guint               soon_days,
                                       int                *days);

G_END_DECLS
