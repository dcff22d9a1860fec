/* par-framework.c — the immutable criteria-set model.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-figure.h"
#include "par-format.h"
#include "par-framework-private.h"

G_DEFINE_BOXED_TYPE (ParFramework, par_framework, par_framework_ref, par_framework_unref)

static void
par_option_free (ParOption *option)
{
  g_free (option->value);
  g_free (option->label);
  g_free (option->label_en);
  g_free (option);
}

static void
par_grade_free (ParGrade *grade)
{
  g_free (grade->value);
  g_free (grade);
}

ParInput *
par_input_new (void)
{
  ParInput *input = g_new0 (ParInput, 1);

  input->options = g_ptr_array_new_with_free_func ((GDestroyNotify) par_option_free);
  return input;
}

void
par_input_free (ParInput *input)
{
  if (input == NULL)
    return;
  g_free (input->id);
  g_free (input->label);
  g_free (input->label_en);
  g_free (input->unit);
  g_ptr_array_unref (input->options);
  g_free (input);
}

ParRule *
par_rule_new (ParRuleType type)
{
  ParRule *rule = g_new0 (ParRule, 1);

  rule->type = type;
  rule->tiers = g_array_new (FALSE, TRUE, sizeof (ParTier));
  rule->grades = g_ptr_array_new_with_free_func ((GDestroyNotify) par_grade_free);
  rule->conditions = g_ptr_array_new_with_free_func (par_condition_free);
  return rule;
}

void
par_rule_free (ParRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->input);
  g_free (rule->status);
  g_free (rule->date);
  g_free (rule->deadline);
  g_free (rule->numerator);
  g_free (rule->denominator);
  g_free (rule->percent);
  g_array_unref (rule->tiers);
  g_ptr_array_unref (rule->grades);
  g_ptr_array_unref (rule->conditions);
  g_free (rule);
}

ParNode *
par_node_new (ParNodeKind kind)
{
  ParNode *node = g_new0 (ParNode, 1);

  node->kind = kind;
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) par_node_free);
  node->evidence_hints = g_ptr_array_new_with_free_func (g_free);
  node->inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) par_input_free);
  node->figures = g_ptr_array_new ();
  return node;
}

void
par_node_free (ParNode *node)
{
  if (node == NULL)
    return;
  g_free (node->code);
  g_free (node->title);
  g_free (node->title_en);
  g_free (node->description);
  g_ptr_array_unref (node->children);
  g_ptr_array_unref (node->evidence_hints);
  g_ptr_array_unref (node->inputs);
  g_ptr_array_unref (node->figures);
  par_rule_free (node->rule);
  g_free (node);
}

void
par_band_free (ParBand *band)
{
  g_free (band->name);
  g_free (band->name_en);
  g_free (band);
}

ParFramework *
par_framework_new_empty (void)
{
  ParFramework *self = g_new0 (ParFramework, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->root = par_node_new (PAR_NODE_ROOT);
  self->adjustments = g_ptr_array_new_with_free_func ((GDestroyNotify) par_node_free);
  self->leaves = g_ptr_array_new ();
  self->bands = g_ptr_array_new_with_free_func ((GDestroyNotify) par_band_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->format_version = 1;
  self->figures = g_ptr_array_new_with_free_func (par_figure_free);
  self->figures_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->checks = g_ptr_array_new_with_free_func (par_check_free);
  self->registers = g_ptr_array_new_with_free_func (par_register_free);
  return self;
}

ParFramework *
par_framework_ref (ParFramework *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
par_framework_unref (ParFramework *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->id);
  g_free (self->title);
  g_free (self->title_en);
  g_free (self->decision_number);
  g_free (self->decision_date);
  g_free (self->decision_issuer);
  g_free (self->decision_summary);
  g_free (self->language);
  g_free (self->sha256);
  g_clear_pointer (&self->source, g_bytes_unref);
  g_hash_table_unref (self->by_code);
  g_ptr_array_unref (self->leaves);
  g_ptr_array_unref (self->adjustments);
  g_ptr_array_unref (self->bands);
  par_node_free (self->root);
  g_hash_table_unref (self->figures_by_id);
  g_ptr_array_unref (self->checks);
  g_ptr_array_unref (self->registers);
  g_ptr_array_unref (self->figures);
  g_free (self);
}

static void
collect_leaves (ParFramework *self,
                ParNode      *node)
{
  node->node_index = self->n_nodes++;
  if (node->code != NULL)
    g_hash_table_insert (self->by_code, node->code, node);
  if (node->rule != NULL)
    {
      node->leaf_index = self->leaves->len;
      g_ptr_array_add (self->leaves, node);
      node->rule->numerator_input = par_node_find_input (node, node->rule->numerator);
      node->rule->denominator_input = par_node_find_input (node, node->rule->denominator);
      node->rule->percent_input = par_node_find_input (node, node->rule->percent);
    }
  for (guint i = 0; i < node->children->len; i++)
    collect_leaves (self, g_ptr_array_index (node->children, i));
}

void
par_framework_index (ParFramework *self)
{
  g_ptr_array_set_size (self->leaves, 0);
  self->n_nodes = 0;
  g_hash_table_remove_all (self->by_code);
  collect_leaves (self, self->root);
  for (guint i = 0; i < self->adjustments->len; i++)
    collect_leaves (self, g_ptr_array_index (self->adjustments, i));
}

const char *par_framework_get_id (const ParFramework *self) { return self->id; }
const char *par_framework_get_title (const ParFramework *self) { return self->title; }
const char *par_framework_get_title_en (const ParFramework *self) { return self->title_en; }
gboolean par_framework_is_sample (const ParFramework *self) { return self->sample; }
const char *par_framework_get_decision_number (const ParFramework *self) { return self->decision_number; }
const char *par_framework_get_decision_date (const ParFramework *self) { return self->decision_date; }
const char *par_framework_get_decision_issuer (const ParFramework *self) { return self->decision_issuer; }
const char *par_framework_get_decision_summary (const ParFramework *self) { return self->decision_summary; }
ParLevel par_framework_get_levels (const ParFramework *self) { return self->levels; }
const char *par_framework_get_language (const ParFramework *self) { return self->language; }
ParPoints par_framework_get_max (const ParFramework *self) { return self->max; }
/* Hashed on first use: validating a file does not need it, storing one does. */
const char *
par_framework_get_sha256 (const ParFramework *self)
{
  ParFramework *mutable_self = (ParFramework *) self;
  char *sha = g_atomic_pointer_get (&mutable_self->sha256);

  if (sha == NULL)
    {
      sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->source);
      if (!g_atomic_pointer_compare_and_exchange (&mutable_self->sha256, NULL, sha))
        {
          g_free (sha);
          sha = g_atomic_pointer_get (&mutable_self->sha256);
        }
    }
  return sha;
}
GBytes *par_framework_get_source (const ParFramework *self) { return self->source; }
const ParNode *par_framework_get_root (const ParFramework *self) { return self->root; }
GPtrArray *par_framework_get_fields (const ParFramework *self) { return self->root->children; }
GPtrArray *par_framework_get_adjustments (const ParFramework *self) { return self->adjustments; }
GPtrArray *par_framework_get_leaves (const ParFramework *self) { return self->leaves; }
GPtrArray *par_framework_get_bands (const ParFramework *self) { return self->bands; }

void
par_framework_get_years (const ParFramework *self,
                         int                *from,
                         int                *to)
{
  if (from != NULL)
    *from = self->year_from;
  if (to != NULL)
    *to = self->year_to;
}

const ParNode *
par_framework_lookup (const ParFramework *self,
                      const char         *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (code == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_code, code);
}

static guint
count_kind (const ParNode *node,
            ParNodeKind    kind)
{
  guint n = node->kind == kind ? 1 : 0;

  for (guint i = 0; i < node->children->len; i++)
    n += count_kind (g_ptr_array_index (node->children, i), kind);
  return n;
}

guint
par_framework_count_kind (const ParFramework *self,
                          ParNodeKind         kind)
{
  guint n = count_kind (self->root, kind);

  for (guint i = 0; i < self->adjustments->len; i++)
    n += count_kind (g_ptr_array_index (self->adjustments, i), kind);
  return n;
}

guint
par_framework_get_n_nodes (const ParFramework *self)
{
  return self->n_nodes;
}

gboolean
par_node_is_leaf (const ParNode *node)
{
  return node->rule != NULL;
}

const ParInput *
par_node_find_input (const ParNode *node,
                     const char    *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < node->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (node->inputs, i);
      if (g_str_equal (input->id, id))
        return input;
    }
  /* Format 2: a figure of the set the rule uses, seen as an input of the same type. */
  for (guint i = 0; i < node->figures->len; i++)
    {
      const ParFigure *figure = g_ptr_array_index (node->figures, i);
      const ParInput *input = figure->as_input;
      if (g_str_equal (input->id, id))
        return input;
    }
  return NULL;
}

const ParBand *
par_framework_band_for (const ParFramework *self,
                        gint64              index_hundredths)
{
  for (guint i = 0; i < self->bands->len; i++)
    {
      const ParBand *band = g_ptr_array_index (self->bands, i);
      if (band->inclusive ? index_hundredths >= band->bound : index_hundredths > band->bound)
        return band;
    }
  return NULL;
}

const char *
par_node_kind_to_string (ParNodeKind kind)
{
  static const char *names[] = { "root", "field", "criterion", "sub", "deduction", "bonus" };
  g_return_val_if_fail (kind <= PAR_NODE_BONUS, "?");
  return names[kind];
}

const char *
par_rule_type_to_string (ParRuleType type)
{
  static const char *names[] = { "manual", "yes-no", "timeliness", "ratio-tiers", "proportional",
                                  "count-tiers", "choice", "per-count", "survey", "conditional" };
  g_return_val_if_fail (type <= PAR_RULE_CONDITIONAL, "?");
  return names[type];
}

const char *
par_input_type_to_string (ParInputType type)
{
  static const char *names[] = { "integer", "decimal", "percent", "date", "choice", "boolean" };
  g_return_val_if_fail (type <= PAR_INPUT_BOOLEAN, "?");
  return names[type];
}

char *
par_input_display_words (const ParInput *input,
                         const char     *canonical,
                         char            decimal_sep,
                         const char     *yes,
                         const char     *no)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (decimal_sep == '.' || decimal_sep == ',', NULL);
  g_return_val_if_fail (yes != NULL && no != NULL, NULL);

  if (canonical == NULL || canonical[0] == '\0')
    return g_strdup ("");
  switch (input->type)
    {
    case PAR_INPUT_INTEGER:
    case PAR_INPUT_DECIMAL:
      return par_format_decimal_text (canonical, decimal_sep, PAR_FORMAT_GROUP);
    case PAR_INPUT_PERCENT:
      {
        g_autofree char *number = par_format_decimal_text (canonical, decimal_sep, PAR_FORMAT_GROUP);
        return g_strdup_printf ("%s %%", number);
      }
    case PAR_INPUT_DATE:
      return par_format_date_dmy (canonical);
    case PAR_INPUT_BOOLEAN:
      if (g_str_equal (canonical, "true"))
        return g_strdup (yes);
      if (g_str_equal (canonical, "false"))
        return g_strdup (no);
      return g_strdup (canonical);
    case PAR_INPUT_CHOICE:
      for (guint i = 0; input->options != NULL && i < input->options->len; i++)
        {
          const ParOption *option = g_ptr_array_index (input->options, i);
          if (g_str_equal (option->value, canonical))
            return g_strdup (option->label);
        }
      return g_strdup (canonical);
    default:
      return g_strdup (canonical);
    }
}
