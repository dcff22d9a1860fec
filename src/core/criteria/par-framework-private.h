/* par-framework-private.h — construction of a framework, shared by the loader.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"

G_BEGIN_DECLS

struct _ParFramework {
  gatomicrefcount ref_count;
  char       *id;
  char       *title;
  char       *title_en;
  gboolean    sample;
  char       *decision_number;
  char       *decision_date;
  char       *decision_issuer;
  char       *decision_summary;
  int         year_from;
  int         year_to;
  ParLevel    levels;
  char       *language;
  ParPoints   max;
  char       *sha256;
  GBytes     *source;
  ParNode    *root;          /* children: the fields */
  GPtrArray  *adjustments;   /* owned ParNode*, parent = root */
  GPtrArray  *leaves;        /* borrowed */
  GPtrArray  *bands;         /* owned ParBand* */
  GHashTable *by_code;       /* borrowed code → ParNode* */
  guint       n_nodes;
  /* format 2 (par-figure.h) */
  guint       format_version;
  GPtrArray  *figures;       /* owned ParFigure* */
  GHashTable *figures_by_id; /* borrowed id → ParFigure* */
  GPtrArray  *checks;        /* owned ParCheck* */
  GPtrArray  *registers;     /* owned ParRegister* */
};

ParFramework *par_framework_new_empty (void);
ParNode      *par_node_new            (ParNodeKind kind);
void          par_node_free           (ParNode    *node);
ParRule      *par_rule_new            (ParRuleType type);
void          par_rule_free           (ParRule    *rule);
ParInput     *par_input_new           (void);
void          par_input_free          (ParInput   *input);
void          par_band_free           (ParBand    *band);
/* par-figure.c */
void          par_figure_free         (gpointer    figure);
void          par_check_free          (gpointer    check);
void          par_condition_free      (gpointer    condition);
/* par-register.c */
void          par_register_free       (gpointer    reg);
struct _ParRegister *par_register_new_empty (void);
/* Collects leaves in order and fills the code index. Called once the tree is complete. */
void          par_framework_index     (ParFramework *self);

extern const unsigned char par_criteria_schema_rng[];
extern const size_t par_criteria_schema_rng_len;
extern const unsigned char par_criteria_schema2_rng[];
extern const size_t par_criteria_schema2_rng_len;

G_END_DECLS
