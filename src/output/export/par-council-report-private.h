/* par-council-report-private.h — what the council report's files share: the data of one report
 * and the functions each part offers the others.
 *
 *   par-council-report-data.c   reading the round: the ranking, each unit's entries and replies,
 *                               the fields' statistics and the points lost per sub-criterion
 *   par-council-report-pages.c  drawing the pages on the pack's canvas (par-pack-canvas.h)
 *   par-council-report.c        putting the PDF together: page numbers, outline, PDF info
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"
#include "par-council-report.h"
#include "par-pack-canvas.h"

G_BEGIN_DECLS

/* Points and percentages in the report are written the Vietnamese way: "1,50", "73,50 %". */
#define REPORT_DECIMAL ','

/* A sub-criterion of a unit whose appraised score differs from its self-assessed one. */
typedef struct {
  const ParNode  *leaf;
  gboolean        has_self;
  ParPoints       self;
  ParPoints       appraised;
  const char     *comment;   /* borrowed from the unit's entries; nullable */
  const char     *reply;     /* borrowed from the unit's replies; nullable */
} ReportChange;

typedef struct {
  const ParRankRow *row;         /* borrowed from the ranking */
  gint64            assessment_id;
  GPtrArray        *entries;     /* ParEntry*: the council's comments */
  GPtrArray        *replies;     /* ParReply* */
  GArray           *changes;     /* ReportChange, in the set's order */
  guint             n_appraised; /* sub-criteria with an appraised score */
  ParRoundUnitState state;       /* in the round */
  gboolean          late;        /* its submission came after the deadline */
  gboolean          reply_late;
  guint             page;        /* its page in the report, 0-based */
} ReportUnit;

/* A field's final points across the ranked units. */
typedef struct {
  const ParNode *node;
  guint          n;            /* units with a score in the field */
  ParPoints      average, min, max, sd;
  gint64         average_index;  /* hundredths of %; -1 when none */
} ReportField;

/* Points lost on a sub-criterion, summed over the units. */
typedef struct {
  const ParNode *leaf;
  ParPoints      lost;
  guint          n_units;     /* units that lost points on it */
} ReportLost;

typedef struct {
  ParStore                 *store;
  ParCouncilReportOptions   opts;
  GCancellable             *cancellable;
  GDateTime                *date;
  char                     *council;

  ParRound                 *round;
  ParRanking               *ranking;
  ParFramework             *fw;          /* the set of the first unit with a result; borrowed */
  GPtrArray                *units;       /* ReportUnit*, in rank order */
  GArray                   *fields;      /* ReportField, in the set's order */
  GArray                   *lost;        /* ReportLost, most first, top N */
  ParPoints                 lost_total;  /* over every sub-criterion, not only the top N */
  guint                     n_lost_leaves;

  PackFonts                 fonts;
  guint                     page_ranking, page_fields, page_lost;
} Report;

/* par-council-report-data.c */
/* The round's units ranked on their final scores: its set, year and level. */
ParRanking *report_round_ranking (ParStore       *store,
                                  const ParRound *round,
                                  GError        **error);
gboolean  report_load         (Report      *r,
                               gint64       round_id,
                               GError     **error);
void      report_clear        (Report      *r);
/* "1,50" */
char     *report_points       (ParPoints    points);
/* "73,50 %" */
char     *report_percent      (gint64       hundredths);
/* "departments and boards", translated */
const char *report_level_label (ParLevel    level);

/* par-council-report-pages.c */
gboolean  report_draw         (Report      *r,
                               PackCanvas  *c,
                               GError     **error);

G_END_DECLS
