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
 * par_deadline_countdown:
 * @deadline: (nullable): the last day (ISO date, inclusive)
 * @today: (nullable): the day counted from (ISO date); the local day when %NULL
 * @days: (out) (optional): the days left, as par_deadline_days_left() counts them
 *
 * The countdown the app shows beside a deadline, translated: "3 days left", "the last day is
 * today", "overdue by 2 days" ("còn 3 ngày", "quá hạn 2 ngày"). The council's table and the
 * unit's appraisal page both show it.
 *
 * Returns: (transfer full) (nullable): the text, %NULL when @deadline is %NULL or not a date.
 */
char       *par_deadline_countdown     (const char     *deadline,
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

/**
 * par_store_round_of_assessment:
 * @assessment_id: a unit's year
 *
 * The round whose units the year belongs to: the round of its criteria set, its year and its
 * unit's level.
 *
 * Returns: (transfer full) (nullable): the round; %NULL with @error unset when no round holds
 *   the year (a unit's own database), %NULL with @error set when the store cannot be read.
 */
ParRound   *par_store_round_of_assessment (ParStore       *self,
                                           gint64          assessment_id,
                                           GError        **error);

/**
 * par_store_save_council_in_round:
 * @assessment_id: a unit's year
 * @entry: the council's appraised and survey scores and comment of one sub-criterion
 *
 * Where the council's scores of a year go: through par_store_round_score() when a round holds
 * the year (the audit log names the round; a round closed for good refuses with
 * %PAR_ERROR_LOCKED), else through par_store_save_council_scores(). The app's editor saves
 * the council's column with it, so a council's database keeps its rounds' rules.
 */
gboolean    par_store_save_council_in_round (ParStore       *self,
                                             gint64          assessment_id,
                                             const ParEntry *entry,
                                             GError        **error);

G_END_DECLS
