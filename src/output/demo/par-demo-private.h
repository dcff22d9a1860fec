/* par-demo-private.h — inside the demo builder: the office books' rows (par-demo-books.c).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

G_BEGIN_DECLS

/**
 * ParDemoBooks:
 * @year: the assessment's year
 * @real: the board's real figures (its plans' dates, the 2020 reports)
 * @plan_on_time: 1.1.1's draw: 1 the plan issued by its deadline, 0 after it, -1 not drawn yet
 * @totals: figure id → gint64 *, the year's value each register figure must come to (a percent
 *   in hundredths)
 */
typedef struct {
  int         year;
  gboolean    real;
  int         plan_on_time;
  GHashTable *totals;
} ParDemoBooks;

/* Rows of each of the set's registers the demo knows (register id → ParRegisterRows) that give
 * the drawn totals; a register whose figures were not drawn yet has none. */
GHashTable *par_demo_books_rows (ParFramework       *fw,
                                 const ParDemoBooks *books);
/* Links each register row to the document it names when the demo keeps one (the plan row to the
 * year's plan, a report row to the report sent), on a draft year. */
gboolean    par_demo_books_link (ParStore      *store,
                                 gint64         assessment_id,
                                 ParFramework  *fw,
                                 GError       **error);

/* The day the demo's draft year is seen at: 31 July of @year, half-way through it. */
char       *par_demo_books_mid_year (int year);
/* @rows (as par_demo_books_rows () made them) as the office has them on @today (ISO): plan
 * tasks and reports due after it not done yet, every fifth plan task due before it behind.
 * Only the rows change: the year's draws and entries stay as they were. */
void        par_demo_books_at       (ParFramework       *fw,
                                     GHashTable         *rows,
                                     const char         *today);

G_END_DECLS
