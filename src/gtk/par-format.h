/* par-format.h — how points, percentages and dates look on screen.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

/* The decimal separator of the UI language: ',' on a Vietnamese screen, '.' in English. */
char   par_format_decimal_sep    (void);
/* "1,50" (transfer full). */
char  *par_format_points         (ParPoints    points);
/* "1,50 / 2,00" (transfer full). */
char  *par_format_score_of       (gboolean     has_score,
                                  ParPoints    score,
                                  ParPoints    max);
/* "98,69 %" from hundredths of a percent; "—" for a negative index (transfer full). */
char  *par_format_percent        (gint64       hundredths);
/* "14/01/2020" from "2020-01-14"; the input itself when it is not an ISO date (transfer full). */
char  *par_format_date           (const char  *iso);
/* Parse what a user typed as points ("1,5", "1.50"); FALSE if it is not a number. */
gboolean par_format_parse_points (const char  *text,
                                  ParPoints   *out);
/* A canonical input value as the user should see it in an entry (transfer full). */
char  *par_format_input_value    (const ParInput *input,
                                  const char     *canonical);

G_END_DECLS

G_BEGIN_DECLS
/* Rows whose title and subtitle are plain text: criteria titles, document numbers and the
 * scorer's explanations may hold '<' or '&', never markup. */
GtkWidget *par_plain_action_row_new   (void);
GtkWidget *par_plain_expander_row_new (void);
G_END_DECLS
