/* par-display.h — values as the app shows and reads them in its widgets.
 *
 * Numbers and dates are formatted by the core (base/par-format.h) with the UI language's
 * decimal separator (par_points_decimal_separator()); this adds the phrases the editor puts
 * around them, what a user types as points, and rows whose text is never markup.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-core.h"

G_BEGIN_DECLS

/* "1,50" in the UI language (transfer full). */
char      *par_display_points         (ParPoints       points);
/* "1,50 / 2,00"; "— / 2,00" when there is no score (transfer full). */
char      *par_display_score_of       (gboolean        has_score,
                                       ParPoints       score,
                                       ParPoints       max);
/* "98,69 %" from hundredths of a percent; "—" when there is none (negative) (transfer full). */
char      *par_display_percent        (gint64          hundredths);
/* What a user typed as points ("1,5", "1.50", " 2 "); FALSE if it is not a number. */
gboolean   par_display_parse_points   (const char     *text,
                                       ParPoints      *out);
/* A canonical input value as the user should see it in an entry: "99,5", "14/01/2023"
 * (transfer full). */
char      *par_display_input_value    (const ParInput *input,
                                       const char     *canonical);

/* Rows whose title and subtitle are plain text: criteria titles, document numbers and the
 * scorer's explanations may hold '<' or '&', never markup. */
GtkWidget *par_plain_action_row_new   (void);
GtkWidget *par_plain_expander_row_new (void);
/* An action row whose title and subtitle each take one line, ellipsized, the whole title in
 * the row's tooltip: measured once, not again for every width a layout pass tries. */
void       par_action_row_set_one_line (GtkWidget     *row);

G_END_DECLS
