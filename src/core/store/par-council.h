/* par-council.h — what the province's appraisal council reads from a store: the ranking of a
 * round's units.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-rank.h"
#include "par-store.h"

G_BEGIN_DECLS

/**
 * ParRankFilter:
 * @year: the year to rank (required)
 * @set_id: (nullable): only years scored with this criteria set (its id attribute)
 * @levels: only units of these levels (a mask of #ParLevel); 0 for every level
 * @column: the score column ranked; %PAR_COLUMN_FINAL for the published ranking
 *
 * Which years par_store_rank() ranks.
 */
typedef struct {
  int             year;
  const char     *set_id;
  ParLevel        levels;
  ParScoreColumn  column;
} ParRankFilter;

/**
 * par_store_rank:
 * @filter: what to rank
 *
 * Scores the @filter's year of every unit it selects and ranks them with par_rank() — the one
 * ordering. Units of the selected levels without a year are rows without a result (“no result
 * for 2024”); a year scored with another set than @filter's @set_id leaves the unit out.
 *
 * The change in rank is from the previous year's ranking of the same levels and column, with
 * whatever set each unit used then (sets are re-issued every year or two): a unit ranked in
 * both years has a known change (par_rank_row_change()).
 *
 * Returns: (transfer full): the ranking, each row with its unit's id and level; %NULL with
 *   @error set when the store cannot be read or a year cannot be scored.
 */
ParRanking *par_store_rank (ParStore             *self,
                            const ParRankFilter  *filter,
                            GError              **error);

/* ------------------------------------------------------------------------------------------ */
/* Appraisal rounds (par-store-rounds.c, schema version 7)                                    */

/**
 * ParRoundStage:
 * @PAR_ROUND_STAGE_APPRAISAL: round 1 is open: units submit, the council appraises
 * @PAR_ROUND_STAGE_REPLIES: round 1 is closed (its scores locked into appraised years); round 2
 *   is open: units reply, the council fixes the final scores
 * @PAR_ROUND_STAGE_FINAL: round 2 is closed: the scores are final
 */
typedef enum {
  PAR_ROUND_STAGE_APPRAISAL = 1,
  PAR_ROUND_STAGE_REPLIES   = 2,
  PAR_ROUND_STAGE_FINAL     = 3,
} ParRoundStage;

/* "round 1 open: submissions and the council's appraisal", "round 2 open: …", "closed: the
 * scores are final", translated (the CLI's `round show`, the council report's cover). */
const char *par_round_stage_label (ParRoundStage stage);

/**
 * ParRound:
 * @id: its row
 * @set_id: the criteria set's id; @year the year; @level the units' level
 * @submission_deadline: (nullable): the last day (ISO date) a submission is on time
 * @reply_deadline: (nullable): the last day a reply is on time
 * @stage: see #ParRoundStage
 *
 * A round of the council: the units of one criteria set, year and level.
 */
typedef struct {
  gint64         id;
  char          *set_id;
  int            year;
  ParLevel       level;
  char          *submission_deadline;
  char          *reply_deadline;
  ParRoundStage  stage;
} ParRound;

void par_round_free (ParRound *round);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRound, par_round_free)

/**
 * ParRoundUnitState:
 * @PAR_ROUND_UNIT_NOT_SUBMITTED: no submission received
 * @PAR_ROUND_UNIT_SUBMITTED: submitted; round 1 is still open
 * @PAR_ROUND_UNIT_APPRAISED: round 1 closed: the appraisal can go back to the unit
 * @PAR_ROUND_UNIT_REPLIED: the unit's reply is in
 * @PAR_ROUND_UNIT_FINAL: round 2 closed
 */
typedef enum {
  PAR_ROUND_UNIT_NOT_SUBMITTED,
  PAR_ROUND_UNIT_SUBMITTED,
  PAR_ROUND_UNIT_APPRAISED,
  PAR_ROUND_UNIT_REPLIED,
  PAR_ROUND_UNIT_FINAL,
} ParRoundUnitState;

/* "not submitted", "submitted", "round 1 done", "replied", "final", translated. */
const char *par_round_unit_state_label (ParRoundUnitState state);

/**
 * ParRoundUnit:
 * @unit_id: the unit; @unit_name its name
 * @assessment_id: its year in the round, 0 when not submitted
 * @state: see #ParRoundUnitState
 * @late: its submission came after the submission deadline
 * @reply_late: its reply came after the reply deadline
 * @n_replies: replies received
 * @n_packages: packages received from it, kept whole (late and replaced ones too)
 */
typedef struct {
  gint64             unit_id;
  char              *unit_name;
  gint64             assessment_id;
  ParRoundUnitState  state;
  gboolean           late;
  gboolean           reply_late;
  guint              n_replies;
  guint              n_packages;
} ParRoundUnit;

void par_round_unit_free (ParRoundUnit *unit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParRoundUnit, par_round_unit_free)

/**
 * ParReply:
 * @code: the disputed sub-criterion
 * @text: the unit's reply
 * @written_at: when (ISO 8601 UTC); @actor who
 */
typedef struct {
  char *code;
  char *text;
  char *written_at;
  char *actor;
} ParReply;

void par_reply_free (ParReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParReply, par_reply_free)

gint64      par_store_create_round      (ParStore     *self,
                                         const char   *set_id,
                                         int           year,
                                         ParLevel      level,
                                         const char   *submission_deadline,
                                         const char   *reply_deadline,
                                         GError      **error);
ParRound   *par_store_get_round         (ParStore     *self,
                                         gint64        round_id,
                                         GError      **error);
GPtrArray  *par_store_list_rounds       (ParStore     *self,
                                         GError      **error);   /* of ParRound* */
GPtrArray  *par_store_round_units       (ParStore     *self,
                                         gint64        round_id,
                                         GError      **error);   /* of ParRoundUnit* */
gboolean    par_store_round_score       (ParStore        *self,
                                         gint64           round_id,
                                         gint64           assessment_id,
                                         const ParEntry  *entry,
                                         GError         **error);
gboolean    par_store_close_round       (ParStore     *self,
                                         gint64        round_id,
                                         GError      **error);

/* Replies: the unit writes them on its own year (a submitted or appraised one: they are no
 * part of its scores); the council receives them in reply packages. */
gboolean    par_store_save_reply        (ParStore     *self,
                                         gint64        assessment_id,
                                         const char   *code,
                                         const char   *text,
                                         GError      **error);
GPtrArray  *par_store_list_replies      (ParStore     *self,
                                         gint64        assessment_id,
                                         GError      **error);   /* of ParReply*, by code */

/* Evidence added with a reply: a document the unit cites for a sub-criterion it replied on,
 * while its year is appraised; the council imports it from the reply package. The year is sealed
 * again (audited); the link is audited as "assessment N reply CODE evidence D". */
gboolean    par_store_add_reply_evidence  (ParStore               *self,
                                           const ParEvidenceLink  *link,
                                           GError                **error);
/* A new document with its files (@files: paths, %NULL-terminated; may be %NULL), cited for a
 * reply with par_store_add_reply_evidence(): all of it or nothing. Returns the document's id,
 * 0 with @error set. */
gint64      par_store_add_reply_document  (ParStore           *self,
                                           gint64              assessment_id,
                                           const char         *code,
                                           const ParDocument  *document,
                                           const char * const *files,
                                           const char         *section,
                                           const char         *pages,
                                           GError            **error);
/* The evidence added with the replies of a year (@code %NULL: every reply's), by code, then
 * document number: of ParEvidenceLink*. */
GPtrArray  *par_store_list_reply_evidence (ParStore     *self,
                                           gint64        assessment_id,
                                           const char   *code,
                                           GError      **error);

G_END_DECLS
