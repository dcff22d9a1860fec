/* par-register-due.c — which rows of a register are due (see par-register-due.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "par-input.h"
#include "par-register-due.h"

gboolean
par_register_due_columns (const ParRegister *reg,
                          guint             *deadline,
                          guint             *done)
{
  g_return_val_if_fail (reg != NULL, FALSE);

  for (guint c = 0; c < reg->columns->len; c++)
    {
      const ParRegisterColumn *due = reg->columns->pdata[c];

      if (due->type != PAR_COLUMN_DATE || !due->required)
        continue;
      for (guint d = c + 1; d < reg->columns->len; d++)
        {
          const ParRegisterColumn *when = reg->columns->pdata[d];

          if (when->type == PAR_COLUMN_DATE && !when->required)
            {
              if (deadline != NULL)
                *deadline = c;
              if (done != NULL)
                *done = d;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static gboolean
read_date (const char *iso,
           GDate      *out)
{
  int y, m, d;

  if (iso == NULL || !par_input_is_iso_date (iso) || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3)
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return g_date_valid (out);
}

ParDueState
par_register_row_due (const ParRegister  *reg,
                      const char * const *cells,
                      const char         *today,
                      guint               soon_days,
                      int                *days)
{
  guint deadline_col, done_col;
  GDate now, deadline;
  int until;

  g_return_val_if_fail (reg != NULL && cells != NULL, PAR_DUE_NONE);

  if (days != NULL)
    *days = 0;
  if (!par_register_due_columns (reg, &deadline_col, &done_col) ||
      (cells[done_col] != NULL && cells[done_col][0] != '\0') ||
      !read_date (cells[deadline_col], &deadline) || !read_date (today, &now))
    return PAR_DUE_NONE;
  until = g_date_days_between (&now, &deadline);
  if (days != NULL)
    *days = until;
  if (until < 0)
    return PAR_DUE_OVERDUE;
  return until <= (int) soon_days ? PAR_DUE_SOON : PAR_DUE_NONE;
}
