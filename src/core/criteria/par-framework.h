/* par-framework.h — an immutable criteria set (Bộ Chỉ số) loaded from XML.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-expr.h"
#include "par-points.h"

G_BEGIN_DECLS

#define PAR_FRAMEWORK_NAMESPACE "urn:x-parscore:criteria-set:1"
/* Format 2 (figures, expressions, checks, conditional rules): data/criteria-set-2.rng. */
#define PAR_FRAMEWORK_NAMESPACE_2 "urn:x-parscore:criteria-set:2"
/* Files larger than this are refused before parsing. */
#define PAR_FRAMEWORK_MAX_BYTES (16 * 1024 * 1024)

typedef enum {
  PAR_NODE_ROOT,
  PAR_NODE_FIELD,
  PAR_NODE_CRITERION,
  PAR_NODE_SUB,
  PAR_NODE_DEDUCTION,
  PAR_NODE_BONUS,
} ParNodeKind;

typedef enum {
  PAR_INPUT_INTEGER,
  PAR_INPUT_DECIMAL,
  PAR_INPUT_PERCENT,
  PAR_INPUT_DATE,
  PAR_INPUT_CHOICE,
  PAR_INPUT_BOOLEAN,
} ParInputType;

typedef enum {
  PAR_RULE_MANUAL,
  PAR_RULE_YES_NO,
  PAR_RULE_TIMELINESS,
  PAR_RULE_RATIO_TIERS,
  PAR_RULE_PROPORTIONAL,
  PAR_RULE_COUNT_TIERS,
  PAR_RULE_CHOICE,
  PAR_RULE_PER_COUNT,
  PAR_RULE_SURVEY,
  PAR_RULE_CONDITIONAL,   /* format 2: ordered "when expr → points", then otherwise */
} ParRuleType;

typedef enum {
  PAR_ZERO_DEN_ZERO,            /* a/0 scores 0 (default) */
  PAR_ZERO_DEN_MAX,             /* a/0 scores the maximum (nothing to do, nothing failed) */
  PAR_ZERO_DEN_NOT_APPLICABLE,  /* a/0 makes the sub-criterion not applicable */
} ParZeroDenominator;

typedef enum {
  PAR_AGGREGATE_SUM,     /* children's maxima add up to the node's maximum */
  PAR_AGGREGATE_CAPPED,  /* children may add up to more; the score is capped at the maximum */
} ParAggregate;

typedef struct {
  char *value;
  char *label;
  char *label_en;  /* nullable */
} ParOption;

typedef struct {
  char         *id;
  ParInputType  type;
  char         *label;
  char         *label_en;  /* nullable */
  char         *unit;      /* nullable */
  GPtrArray    *options;   /* of ParOption*, for PAR_INPUT_CHOICE; else empty */
} ParInput;

/* A threshold: value ≥ bound (inclusive) or value > bound. For ratio rules the bound is in
 * hundredths of a percent (90 % → 9000); for count rules it is a plain count. Format 2: a tier
 * may hold for some years only (years="2023-2024": @year_from … @year_to; 0 … 0 is every year). */
typedef struct {
  gint64    bound;
  gboolean  inclusive;
  ParPoints points;
  int       year_from;
  int       year_to;
} ParTier;

/**
 * ParCondition:
 * @test: a yes/no expression over the set's figures and the leaf's inputs (par-expr.h)
 * @points: what the rule gives when @test is the first condition that holds
 * @year_from: with @year_to, the years it holds for; 0 … 0 is every year
 * @line: its line in the file
 *
 * One "when" of a conditional rule (format 2).
 */
typedef struct {
  ParExpr   *test;
  char      *test_text;
  ParPoints  points;
  int        year_from;
  int        year_to;
  int        line;
} ParCondition;

typedef struct {
  char     *value;
  ParPoints points;
} ParGrade;

typedef struct {
  ParRuleType type;
  ParPoints   step;             /* manual */
  char       *input;            /* yes-no, count-tiers, choice, per-count */
  ParPoints   yes, no;          /* yes-no */
  char       *status;           /* timeliness by choice */
  char       *date, *deadline;  /* timeliness by dates */
  ParPoints   on_time, late, not_done;
  char       *numerator, *denominator, *percent;  /* ratio-tiers, proportional */
  /* The inputs those name, par_node_find_input () of the leaf, found once when the set is
   * loaded (par_framework_index ()), not for each entry scored (issue 11); NULL when unnamed. */
  const ParInput *numerator_input, *denominator_input, *percent_input;
  ParZeroDenominator zero_denominator;
  GArray     *tiers;            /* of ParTier, highest first; ratio-tiers, count-tiers */
  ParPoints   otherwise;
  gboolean    has_floor;        /* proportional */
  ParTier     floor;            /* bound in hundredths of %; points unused */
  GPtrArray  *grades;           /* of ParGrade*, choice */
  ParPoints   per_count;        /* per-count */
  GPtrArray  *conditions;       /* of ParCondition*, conditional (format 2); else empty */
  gboolean    has_year_tiers;   /* some tier or condition holds for some years only */
} ParRule;

typedef struct _ParNode ParNode;

/**
 * ParNode:
 *
 * One node of the tree: the root, a field, a criterion, a sub-criterion, or an adjustment
 * (deduction/bonus). Leaves (sub-criteria, leaf criteria, adjustments) have a rule.
 * All fields are owned by the framework and read-only.
 */
struct _ParNode {
  ParNodeKind   kind;
  char         *code;
  char         *title;
  char         *title_en;       /* nullable */
  ParPoints     max;
  ParAggregate  aggregate;
  int           line;           /* line in the source file */
  ParNode      *parent;         /* NULL for the root */
  GPtrArray    *children;       /* of ParNode*, in file order */
  /* leaves only */
  char         *description;    /* the rule in plain words, nullable */
  GPtrArray    *evidence_hints; /* of char* */
  GPtrArray    *inputs;         /* of ParInput* */
  ParRule      *rule;           /* NULL for inner nodes */
  gboolean      na_allowed;
  guint         leaf_index;     /* position among the framework's leaves */
  guint         node_index;     /* position among all nodes (root first), for per-node arrays */
  /* format 2 */
  gboolean      evidence_required; /* no linked evidence document → 0 points */
  GPtrArray    *figures;        /* of const ParFigure* (par-figure.h): the set's figures its rule
                                 * uses, in order of first use; empty in format 1 */
};

typedef struct {
  char     *name;
  char     *name_en;   /* nullable */
  gint64    bound;     /* hundredths of a percent */
  gboolean  inclusive;
} ParBand;

typedef enum {
  PAR_LEVEL_DEPARTMENT = 1 << 0,
  PAR_LEVEL_DISTRICT   = 1 << 1,
  PAR_LEVEL_COMMUNE    = 1 << 2,
} ParLevel;

typedef struct _ParFramework ParFramework;

GType          par_framework_get_type        (void) G_GNUC_CONST;
#define PAR_TYPE_FRAMEWORK (par_framework_get_type ())

ParFramework  *par_framework_load_file       (const char    *path,
                                              GError       **error);
/* @display_name names the source in messages ("file:line"); the bytes need not be
 * NUL-terminated. */
ParFramework  *par_framework_load_bytes      (GBytes        *bytes,
                                              const char    *display_name,
                                              GError       **error);
ParFramework  *par_framework_ref             (ParFramework  *self);
void           par_framework_unref           (ParFramework  *self);

const char    *par_framework_get_id          (const ParFramework *self);
const char    *par_framework_get_title       (const ParFramework *self);
const char    *par_framework_get_title_en    (const ParFramework *self);
gboolean       par_framework_is_sample       (const ParFramework *self);
const char    *par_framework_get_decision_number (const ParFramework *self);
const char    *par_framework_get_decision_date   (const ParFramework *self);  /* ISO, nullable */
const char    *par_framework_get_decision_issuer (const ParFramework *self);
const char    *par_framework_get_decision_summary (const ParFramework *self);
void           par_framework_get_years       (const ParFramework *self,
                                              int                *from,
                                              int                *to);
ParLevel       par_framework_get_levels      (const ParFramework *self);
const char    *par_framework_get_language    (const ParFramework *self);
ParPoints      par_framework_get_max         (const ParFramework *self);
/* The SHA-256 (hex) of the exact bytes the framework was loaded from. */
const char    *par_framework_get_sha256      (const ParFramework *self);
/* The exact bytes it was loaded from (for storing verbatim). */
GBytes        *par_framework_get_source      (const ParFramework *self);

const ParNode *par_framework_get_root        (const ParFramework *self);
/* Fields in order (ParNode*), not including adjustments. */
GPtrArray     *par_framework_get_fields      (const ParFramework *self);
/* Deductions and bonuses in file order. */
GPtrArray     *par_framework_get_adjustments (const ParFramework *self);
/* Every scored leaf (sub-criteria, leaf criteria, then adjustments), in file order. */
GPtrArray     *par_framework_get_leaves      (const ParFramework *self);
GPtrArray     *par_framework_get_bands       (const ParFramework *self);  /* of ParBand* */
const ParNode *par_framework_lookup          (const ParFramework *self,
                                              const char         *code);
guint          par_framework_count_kind      (const ParFramework *self,
                                              ParNodeKind         kind);
/* Number of nodes, root and adjustments included: the size of arrays indexed by node_index. */
guint          par_framework_get_n_nodes     (const ParFramework *self);

gboolean       par_node_is_leaf              (const ParNode      *node);
const ParInput *par_node_find_input          (const ParNode      *node,
                                              const char         *id);
const char    *par_node_kind_to_string       (ParNodeKind         kind);
const char    *par_rule_type_to_string       (ParRuleType         type);
const char    *par_input_type_to_string      (ParInputType        type);
/**
 * par_input_display_words:
 * @input: the input (a sub-criterion's, or a register column's #ParRegisterColumn.as_input)
 * @canonical: (nullable): the stored value, %NULL or "" for empty
 * @decimal_sep: '.' or ',' (the thousands mark is the other one)
 * @yes: how "true" reads ("Có" in the evidence pack, whatever the app's language)
 * @no: how "false" reads
 *
 * A stored input value as people read it, wherever a document shows it: grouped numbers
 * ("4.891", "1.234,5"), a percentage with its sign ("95,5 %"), dd/mm/yyyy dates, @yes / @no, a
 * choice's label. A value that is not canonical is returned as it is, never as a plausible
 * wrong one (not "Không" for a value that is not "false").
 *
 * Returns: (transfer full): the text, "" when empty.
 */
char          *par_input_display_words       (const ParInput     *input,
                                              const char         *canonical,
                                              char                decimal_sep,
                                              const char         *yes,
                                              const char         *no);
/* The band for an index in hundredths of a percent; NULL if none matches. */
const ParBand *par_framework_band_for        (const ParFramework *self,
                                              gint64              index_hundredths);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ParFramework, par_framework_unref)

G_END_DECLS
