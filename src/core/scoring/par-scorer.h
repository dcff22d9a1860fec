/* par-scorer.h — rule evaluation, totals, index % and bands.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"
#include "par-input.h"

G_BEGIN_DECLS

/**
 * ParEntryInput:
 * @id: the figure's id
 * @value: its entered value, never empty
 *
 * One entered figure of a #ParEntry. @id and @value are one allocation (the value follows the
 * id's nul): set them with par_entry_set_input(), never by hand.
 */
typedef struct {
  char *id;
  char *value;
} ParEntryInput;

/**
 * ParEntry:
 *
 * What a unit entered for one leaf in one year. Input values are canonical strings:
 * integer "4891", decimal/percent "99.50" (dot, up to two decimals), date "2023-01-14",
 * boolean "true"/"false", choice the option's value. An empty or missing value is "not
 * entered". Self score (@has_self/@self) is only read for manual rules; the others compute.
 *
 * The entered figures are a flat array, @inputs[0 … @n_inputs − 1], ids unique, in the order
 * they were set: a leaf has a handful, so a look-up is a short scan (and reading 100,000
 * entries builds no hash table per entry). Read them with par_entry_get_input() or by index;
 * change them with par_entry_set_input() and par_entry_clear_inputs(). @code is stored in the
 * entry's own block by par_entry_new(): never replace or free it. An entry made with
 * par_entry_new_with_room() keeps its figures' text in that block too, while it fits.
 */
typedef struct {
  char          *code;
  ParEntryInput *inputs;          /* @n_inputs figures; NULL when there are none */
  guint          n_inputs;
  gboolean       has_self;
  ParPoints      self;
  gboolean       not_applicable;
  char          *explanation;     /* nullable */
  gboolean       has_appraised;
  ParPoints      appraised;
  gboolean       has_survey;
  ParPoints      survey;
  char          *comment;         /* council's comment, nullable */
  /*< private >*/
  char          *room;            /* the unused rest of the block's text room */
  char          *room_end;        /* its end; NULL when the block has none */
  gpointer       block;           /* the shared block it lies in (ParEntryArena), or NULL */
} ParEntry;

ParEntry   *par_entry_new          (const char *code);
/* The same with @text_room bytes in the block for the figures' "id\0value\0" texts: a reader
 * that knows how long they are (the store) makes one allocation per entry, not one more per
 * figure. */
ParEntry   *par_entry_new_with_room (const char *code,
                                     gsize       text_room);
ParEntry   *par_entry_copy         (const ParEntry *entry);

/**
 * ParEntryArena:
 *
 * Entries read together (a year's, by the store) made in shared blocks: one allocation for
 * many entries instead of one each, and one free when the last entry of a block is freed
 * (issue 11). Each entry is freed with par_entry_free() as any other, in any order; the arena
 * itself can be freed before or after them. The entries of one block must not be freed from
 * two threads at the same time (a GPtrArray of them is freed by one).
 */
typedef struct _ParEntryArena ParEntryArena;

ParEntryArena *par_entry_arena_new  (gsize          block_size);
/* As par_entry_new_with_room() with a code of @code_len bytes (no nul needed), in @arena. */
ParEntry      *par_entry_arena_add  (ParEntryArena *arena,
                                     const char    *code,
                                     gsize          code_len,
                                     gsize          text_room);
void           par_entry_arena_free (ParEntryArena *arena);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEntryArena, par_entry_arena_free)
void        par_entry_free         (ParEntry *entry);
/* Sets figure @id to @value; NULL or "" removes it (not entered). */
void        par_entry_set_input    (ParEntry *entry, const char *id, const char *value);
/* The same from lengths, for readers: @id and @value need no nul (a value of 0 bytes removes). */
void        par_entry_set_input_len (ParEntry *entry, const char *id, gsize id_len,
                                     const char *value, gsize value_len);
void        par_entry_clear_inputs (ParEntry *entry);
const char *par_entry_get_input    (const ParEntry *entry, const char *id);
gboolean    par_entry_equal        (const ParEntry *a, const ParEntry *b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParEntry, par_entry_free)

typedef enum {
  PAR_SCORE_NOT_STARTED,     /* nothing entered */
  PAR_SCORE_INCOMPLETE,      /* some inputs entered, not all the rule needs */
  PAR_SCORE_SCORED,
  PAR_SCORE_NOT_APPLICABLE,
  PAR_SCORE_SURVEY,          /* survey-only: no self score; the survey column scores it */
  PAR_SCORE_INVALID,         /* an input value is out of range (e.g. 5 of 3) */
} ParScoreState;

/**
 * ParLeafScore:
 * @state: see #ParScoreState
 * @self: self score when @has_self (computed by the rule, or entered for manual rules)
 * @final: the score that counts: appraised if entered, else self; survey score for survey leaves
 * @max: the leaf's maximum; @applicable_max is 0 when not applicable
 * @explanation: how the score was reached, e.g. "4891/4898 = 99.86 % ≥ 90 % → 2.00"
 */
typedef struct {
  const ParNode *node;
  ParScoreState  state;
  gboolean       has_self;
  ParPoints      self;
  gboolean       has_appraised;
  ParPoints      appraised;
  gboolean       has_survey;
  ParPoints      survey;
  gboolean       has_final;
  ParPoints      final;
  ParPoints      max;
  ParPoints      applicable_max;
  char          *explanation;
} ParLeafScore;

/* Evaluate one leaf's rule. @entry may be NULL (nothing entered). */
void        par_rule_evaluate      (const ParNode  *leaf,
                                    const ParEntry *entry,
                                    ParLeafScore   *out);
/* Same, without formatting the explanation when @explain is FALSE (bulk scoring). */
void        par_rule_evaluate_full (const ParNode  *leaf,
                                    const ParEntry *entry,
                                    gboolean        explain,
                                    ParLeafScore   *out);
void        par_leaf_score_clear   (ParLeafScore   *score);

/**
 * ParScoreColumn:
 * @PAR_COLUMN_SELF: the unit's self-assessment: self scores, plus survey scores where entered
 * @PAR_COLUMN_APPRAISED: the appraisal council's scores, plus survey scores where entered; only
 *   what the council scored counts — a leaf without an appraised score is never filled in with
 *   its self score (see #ParAppraisal for how complete the column is)
 * @PAR_COLUMN_FINAL: what counts: the appraised score where entered, else the self score, plus
 *   survey scores
 *
 * The three columns of the scoring form, side by side. Every chart and page names the column it
 * shows with par_score_column_label() and reads it from #ParNodeTotal; none recomputes it.
 */
typedef enum {
  PAR_COLUMN_SELF,
  PAR_COLUMN_APPRAISED,
  PAR_COLUMN_FINAL,
} ParScoreColumn;

#define PAR_N_SCORE_COLUMNS 3

/* "Self-assessed", "Appraised", "Final", translated. */
const char *par_score_column_label (ParScoreColumn column);

/* Reads one column of a leaf: FALSE when that column has no score for it (not entered,
 * not scored yet, not appraised, a survey item before the survey). */
gboolean    par_leaf_score_get     (const ParLeafScore *score,
                                    ParScoreColumn      column,
                                    ParPoints          *out);

/**
 * par_leaf_score_is_done:
 *
 * "Done" means the office has done its part for this leaf: its figures give a valid score
 * (%PAR_SCORE_SCORED, a manual score included), or it is marked not applicable where the set
 * allows that (%PAR_SCORE_NOT_APPLICABLE). Not done: nothing or only some of the figures
 * entered, a value out of range, and survey-only items, which are not the office's to do (they
 * are never done, and are counted apart in #ParNodeTotal). An appraised or survey score does not
 * make a leaf done: those are the council's part.
 */
gboolean    par_leaf_score_is_done (const ParLeafScore *score);

/**
 * ParAppraisal:
 * @PAR_APPRAISAL_NONE: no appraised score below: the year is not appraised
 * @PAR_APPRAISAL_PARTIAL: some leaves are appraised, others the council should score are not
 * @PAR_APPRAISAL_COMPLETE: every leaf the council should score has an appraised score
 *
 * The council should score every leaf but survey-only ones and those the unit marked not
 * applicable (an appraised score on those counts all the same).
 */
typedef enum {
  PAR_APPRAISAL_NONE,
  PAR_APPRAISAL_PARTIAL,
  PAR_APPRAISAL_COMPLETE,
} ParAppraisal;

/**
 * ParNodeTotal:
 *
 * Totals for an inner node (root, field, criterion) or a leaf, one per #ParScoreColumn; read
 * them with par_node_total_points(), par_node_total_index() and par_node_total_measured_max().
 *
 * @self_total counts self scores (and survey scores where entered); @appraised_total counts
 * appraised scores (and survey scores where entered) and nothing else; @final_total counts
 * appraised-or-self plus survey. @pending_max is the maximum of survey-only items whose survey
 * score is not entered yet. @index is @final_total ÷ (@applicable_max − @pending_max) in
 * hundredths of a percent, so a self-assessment is measured on what it can score until the
 * survey results come in (-1 when that maximum is 0); @self_index likewise for @self_total.
 * @appraised_index is @appraised_total ÷ @appraised_max, the maximum of what the appraised
 * column holds, and -1 when no leaf below is appraised.
 *
 * @leaves counts the leaves below that are the office's to do (all but survey-only ones),
 * @done those it has done (par_leaf_score_is_done()), @survey_leaves the survey-only ones and
 * @surveyed_leaves those of them with a survey score.
 * @appraised_leaves counts leaves with an appraised score, @unappraised_leaves those the
 * council should score that have none yet (see #ParAppraisal).
 */
typedef struct {
  const ParNode *node;
  ParPoints      max;
  ParPoints      applicable_max;
  ParPoints      pending_max;
  ParPoints      self_total;
  ParPoints      final_total;
  gboolean       has_appraised;   /* at least one appraised score below */
  gint64         self_index;
  gint64         index;
  guint          leaves;
  guint          done;
  /* the appraised column and its coverage */
  ParPoints      appraised_total;
  ParPoints      appraised_max;
  gint64         appraised_index;
  guint          appraised_leaves;
  guint          unappraised_leaves;
  guint          survey_leaves;
  guint          surveyed_leaves;
} ParNodeTotal;

/* The column's points, its index (hundredths of a percent, -1 when there is none) and the
 * maximum the index is measured on (what a "12.50 / 14.00" beside it must show). */
ParPoints    par_node_total_points       (const ParNodeTotal *total,
                                          ParScoreColumn      column);
gint64       par_node_total_index        (const ParNodeTotal *total,
                                          ParScoreColumn      column);
ParPoints    par_node_total_measured_max (const ParNodeTotal *total,
                                          ParScoreColumn      column);
ParAppraisal par_node_total_appraisal    (const ParNodeTotal *total);
/* Whether the column has anything below this node yet: a score of the office's (or an item it
 * marked not applicable) for the self-assessed column, an appraised score for the appraised one,
 * either for the final one — or a survey score, for each. FALSE is "no data", not 0 %. */
gboolean     par_node_total_has_scores   (const ParNodeTotal *total,
                                          ParScoreColumn      column);

typedef struct _ParResult ParResult;

/**
 * par_score:
 * @framework: the criteria set
 * @entries: (element-type ParEntry): the unit's entries for a year; unknown codes are ignored
 *
 * The result keeps a reference to @entries (do not change them afterwards): explanations are
 * formatted only when par_result_get_leaf() is first asked for a leaf, so scoring many
 * assessments for charts and rankings does not pay for text nobody reads.
 *
 * Returns: (transfer full): scores of every leaf and totals of every node.
 */
ParResult          *par_score                    (ParFramework    *framework,
                                                  GPtrArray       *entries);
ParResult          *par_result_ref               (ParResult       *result);
void                par_result_unref             (ParResult       *result);
ParFramework       *par_result_get_framework     (ParResult       *result);
const ParLeafScore *par_result_get_leaf          (ParResult       *result,
                                                  const char      *code);
const ParNodeTotal *par_result_get_total         (ParResult       *result,
                                                  const char      *code);  /* NULL = root */
/* Sum of deductions (positive number, subtracted) and bonuses. Included in the root's
 * totals: root final = Σ fields + bonuses − deductions. */
ParPoints           par_result_get_deductions    (ParResult       *result);
ParPoints           par_result_get_bonuses       (ParResult       *result);
/* Band of the root's final index, or NULL. */
const ParBand      *par_result_get_band          (ParResult       *result);
/* Band of the root's index in @column, or NULL (none when the column has no index). */
const ParBand      *par_result_get_column_band   (ParResult       *result,
                                                  ParScoreColumn   column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParResult, par_result_unref)

G_END_DECLS
