/* par-round-view.h — what the council's table shows of a round beyond par-council.h: the
 * deadline that runs now, the days left to it, the day each unit's package came in.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-council.h"

G_BEGIN_DECLS

/**
 * par_round_current_deadline:
 * @round: a round
 *
 * The deadline that runs at the round's stage: the submission deadline while round 1 is open,
 * the reply deadline while round 2 is; none once both rounds are closed.
 *
 * Returns: (nullable) (transfer none): an ISO date, or %NULL when none runs (no deadline set,
 *   or the round is closed).
 */
const char *par_round_current_deadline (const ParRound *round);

/**
 * par_deadline_days_left:
 * @deadline: (nullable): the last day (ISO date, inclusive)
 * @today: (nullable): the day counted from (ISO date); the local day when %NULL
 * @days: (out): the days left: 3 when three days remain, 0 on the last day itself, -2 when it
 *   passed two days ago
 *
 * Returns: %FALSE (and @days untouched) when @deadline is %NULL or not a date.
 */
gboolean    par_deadline_days_left     (const char     *deadline,
                                        const char     *today,
                                        int            *days);

/**
 * par_store_round_received:
 * @round_id: a round
 * @kind: "submission" or "reply"
 *
 * When each unit's latest package of @kind came into the round (every one is kept, late or
 * replaced; the latest counts).
 *
 * Returns: (transfer full) (element-type utf8 utf8): unit name → received at (an ISO date or
 *   timestamp); %NULL with @error set when the store cannot be read.
 */
GHashTable *par_store_round_received   (ParStore       *self,
                                        gint64          round_id,
                                        const char     *kind,
                                        GError        **error);

G_END_DECLS
