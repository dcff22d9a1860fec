/* par-framework-loader-read.c — walking a valid criteria set's document into the model: the
 * set's metadata, fields, criteria, sub-criteria, inputs and rules.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-framework-private.h"

/* The loader's state (par-framework-loader-private.h). */
typedef ParLoader Loader;

static gboolean
points_prop (Loader     *ld,
             xmlNode    *node,
             const char *name,
             ParPoints   fallback,
             ParPoints  *out)
{
  g_autofree char *value = par_loader_prop (node, name);
  g_autoptr(GError) local = NULL;

  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!par_points_parse (value, out, &local))
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (node), par_loader_nearest_code (node), "%s",
                          local->message);
      return FALSE;
    }
  return TRUE;
}

/* A percent or count threshold: `from` (≥) or `above` (>). Percent bounds are in hundredths. */
static gboolean
threshold_props (Loader     *ld,
                 xmlNode    *node,
                 const char *from_name,
                 const char *above_name,
                 gboolean    percent,
                 ParTier    *out)
{
  g_autofree char *from = par_loader_prop (node, from_name);
  g_autofree char *above = par_loader_prop (node, above_name);
  const char *value = from != NULL ? from : above;
  ParPoints parsed;

  if (value == NULL)
    return FALSE;
  out->inclusive = from != NULL;
  if (!par_points_parse (value, &parsed, NULL))
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (node), par_loader_nearest_code (node),
                          _("“%s” is not a threshold"), value);
      return FALSE;
    }
  out->bound = percent ? parsed : parsed / 100;
  return TRUE;
}

static void
read_titles (xmlNode  *node,
             char    **title,
             char    **title_en)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *lang = NULL;

      if (!par_loader_is_el (c, "title"))
        continue;
      lang = par_loader_lang_of (c);
      if (lang != NULL && g_str_has_prefix (lang, "en"))
        {
          if (*title_en == NULL)
            *title_en = par_loader_text_of (c);
        }
      else if (*title == NULL)
        *title = par_loader_text_of (c);
    }
}


/* --- walking the tree ------------------------------------------------------------------------ */

static const struct { const char *name; ParInputType type; } input_types[] = {
  { "integer", PAR_INPUT_INTEGER }, { "decimal", PAR_INPUT_DECIMAL },
  { "percent", PAR_INPUT_PERCENT }, { "date", PAR_INPUT_DATE },
  { "choice", PAR_INPUT_CHOICE }, { "boolean", PAR_INPUT_BOOLEAN },
};

static const struct { const char *name; ParRuleType type; } rule_types[] = {
  { "manual", PAR_RULE_MANUAL }, { "yes-no", PAR_RULE_YES_NO },
  { "timeliness", PAR_RULE_TIMELINESS }, { "ratio-tiers", PAR_RULE_RATIO_TIERS },
  { "proportional", PAR_RULE_PROPORTIONAL }, { "count-tiers", PAR_RULE_COUNT_TIERS },
  { "choice", PAR_RULE_CHOICE }, { "per-count", PAR_RULE_PER_COUNT }, { "survey", PAR_RULE_SURVEY },
  { "conditional", PAR_RULE_CONDITIONAL },
};

static ParInput *
read_input (xmlNode *node)
{
  ParInput *input = par_input_new ();
  g_autofree char *type = par_loader_prop (node, "type");

  input->id = par_loader_prop (node, "id");
  input->label = par_loader_prop (node, "label");
  input->label_en = par_loader_prop (node, "label-en");
  input->unit = par_loader_prop (node, "unit");
  for (guint i = 0; i < G_N_ELEMENTS (input_types); i++)
    if (g_strcmp0 (type, input_types[i].name) == 0)
      input->type = input_types[i].type;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (par_loader_is_el (c, "option"))
      {
        ParOption *option = g_new0 (ParOption, 1);
        option->value = par_loader_prop (c, "value");
        option->label = par_loader_prop (c, "label");
        option->label_en = par_loader_prop (c, "label-en");
        g_ptr_array_add (input->options, option);
      }
  return input;
}

static ParRule *
read_rule (Loader  *ld,
           xmlNode *node,
           ParNode *leaf)
{
  g_autofree char *type = par_loader_prop (node, "type");
  g_autofree char *zero = NULL;
  ParRule *rule = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rule_types); i++)
    if (g_strcmp0 (type, rule_types[i].name) == 0)
      rule = par_rule_new (rule_types[i].type);
  g_assert (rule != NULL);  /* the schema admits no other type */

  rule->input = par_loader_prop (node, "input");
  rule->status = par_loader_prop (node, "status");
  rule->date = par_loader_prop (node, "date");
  rule->deadline = par_loader_prop (node, "deadline");
  rule->numerator = par_loader_prop (node, "numerator");
  rule->denominator = par_loader_prop (node, "denominator");
  rule->percent = par_loader_prop (node, "percent");

  if (!points_prop (ld, node, "step", 25, &rule->step) ||
      !points_prop (ld, node, "yes", leaf->max, &rule->yes) ||
      !points_prop (ld, node, "no", 0, &rule->no) ||
      !points_prop (ld, node, "on-time", leaf->max, &rule->on_time) ||
      !points_prop (ld, node, "late", 0, &rule->late) ||
      !points_prop (ld, node, "not-done", 0, &rule->not_done) ||
      !points_prop (ld, node, "otherwise", 0, &rule->otherwise) ||
      !points_prop (ld, node, "points", 0, &rule->per_count))
    return rule;

  zero = par_loader_prop (node, "zero-denominator");
  if (g_strcmp0 (zero, "max") == 0)
    rule->zero_denominator = PAR_ZERO_DEN_MAX;
  else if (g_strcmp0 (zero, "not-applicable") == 0)
    rule->zero_denominator = PAR_ZERO_DEN_NOT_APPLICABLE;
  else
    rule->zero_denominator = PAR_ZERO_DEN_ZERO;

  if (rule->type == PAR_RULE_PROPORTIONAL)
    rule->has_floor = threshold_props (ld, node, "floor-from", "floor-above", TRUE, &rule->floor);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (par_loader_is_el (c, "tier"))
        {
          ParTier tier = { 0, };
          threshold_props (ld, c, "from", "above", rule->type == PAR_RULE_RATIO_TIERS, &tier);
          points_prop (ld, c, "points", 0, &tier.points);
          if (ld->version >= 2 && !par_loader_v2_years (ld, c, &tier.year_from, &tier.year_to))
            return rule;
          rule->has_year_tiers |= tier.year_from != 0;
          g_array_append_val (rule->tiers, tier);
        }
      else if (par_loader_is_el (c, "grade"))
        {
          ParGrade *grade = g_new0 (ParGrade, 1);
          grade->value = par_loader_prop (c, "value");
          points_prop (ld, c, "points", 0, &grade->points);
          g_ptr_array_add (rule->grades, grade);
        }
      else if (par_loader_is_el (c, "when"))
        {
          ParCondition *condition = g_new0 (ParCondition, 1);
          condition->test_text = par_loader_prop (c, "test");
          condition->line = par_loader_attribute_line (ld, c, "test");
          g_ptr_array_add (rule->conditions, condition);
          if (!points_prop (ld, c, "points", 0, &condition->points) ||
              !par_loader_v2_years (ld, c, &condition->year_from, &condition->year_to))
            return rule;
          rule->has_year_tiers |= condition->year_from != 0;
        }
    }
  return rule;
}

static ParNode *
read_node (Loader      *ld,
           xmlNode     *el,
           ParNodeKind  kind,
           ParNode     *parent)
{
  ParNode *node = par_node_new (kind);
  g_autofree char *aggregate = par_loader_prop (el, "aggregate");
  g_autofree char *na = par_loader_prop (el, "not-applicable");

  node->parent = parent;
  node->line = xmlGetLineNo (el);
  node->code = par_loader_prop (el, "code");
  points_prop (ld, el, "max", 0, &node->max);
  node->aggregate = g_strcmp0 (aggregate, "capped") == 0 ? PAR_AGGREGATE_CAPPED : PAR_AGGREGATE_SUM;
  node->na_allowed = g_strcmp0 (na, "allowed") == 0;
  {
    g_autofree char *evidence = par_loader_prop (el, "evidence");
    node->evidence_required = g_strcmp0 (evidence, "required") == 0;
  }
  read_titles (el, &node->title, &node->title_en);

  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (par_loader_is_el (c, "criterion"))
        g_ptr_array_add (node->children, read_node (ld, c, PAR_NODE_CRITERION, node));
      else if (par_loader_is_el (c, "sub"))
        g_ptr_array_add (node->children, read_node (ld, c, PAR_NODE_SUB, node));
      else if (par_loader_is_el (c, "description"))
        node->description = par_loader_text_of (c);
      else if (par_loader_is_el (c, "evidence"))
        {
          for (xmlNode *h = c->children; h != NULL; h = h->next)
            if (par_loader_is_el (h, "hint"))
              g_ptr_array_add (node->evidence_hints, par_loader_text_of (h));
        }
      else if (par_loader_is_el (c, "inputs"))
        {
          for (xmlNode *i = c->children; i != NULL; i = i->next)
            if (par_loader_is_el (i, "input"))
              g_ptr_array_add (node->inputs, read_input (i));
        }
      else if (par_loader_is_el (c, "rule"))
        node->rule = read_rule (ld, c, node);
    }
  return node;
}

void
par_loader_read_metadata (Loader       *ld,
                          ParFramework *fw,
                          xmlNode      *root)
{
  g_autofree char *sample = par_loader_prop (root, "sample");

  fw->id = par_loader_prop (root, "id");
  fw->sample = g_strcmp0 (sample, "true") == 0 || g_strcmp0 (sample, "1") == 0;
  fw->language = par_loader_lang_of (root);
  if (fw->language == NULL)
    fw->language = g_strdup ("vi");
  points_prop (ld, root, "max", 0, &fw->max);
  fw->root->max = fw->max;
  fw->root->line = xmlGetLineNo (root);
  read_titles (root, &fw->title, &fw->title_en);
  fw->root->title = g_strdup (fw->title);
  fw->root->title_en = g_strdup (fw->title_en);

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (par_loader_is_el (c, "decision"))
        {
          fw->decision_number = par_loader_prop (c, "number");
          fw->decision_date = par_loader_prop (c, "date");
          fw->decision_issuer = par_loader_prop (c, "issuer");
          fw->decision_summary = par_loader_text_of (c);
        }
      else if (par_loader_is_el (c, "years"))
        {
          g_autofree char *from = par_loader_prop (c, "from");
          g_autofree char *to = par_loader_prop (c, "to");
          fw->year_from = atoi (from);
          fw->year_to = atoi (to);
          if (fw->year_to < fw->year_from)
            par_loader_fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (c), NULL,
                                _("the years run backwards (from %d to %d)"), fw->year_from, fw->year_to);
        }
      else if (par_loader_is_el (c, "level"))
        {
          g_autofree char *level = par_loader_text_of (c);
          if (g_str_equal (level, "department"))
            fw->levels |= PAR_LEVEL_DEPARTMENT;
          else if (g_str_equal (level, "district"))
            fw->levels |= PAR_LEVEL_DISTRICT;
          else if (g_str_equal (level, "commune"))
            fw->levels |= PAR_LEVEL_COMMUNE;
        }
      else if (par_loader_is_el (c, "bands"))
        {
          for (xmlNode *b = c->children; b != NULL; b = b->next)
            {
              ParBand *band;
              ParTier t = { 0, };

              if (!par_loader_is_el (b, "band"))
                continue;
              band = g_new0 (ParBand, 1);
              band->name = par_loader_prop (b, "name");
              band->name_en = par_loader_prop (b, "name-en");
              threshold_props (ld, b, "from", "above", TRUE, &t);
              band->bound = t.bound;
              band->inclusive = t.inclusive;
              g_ptr_array_add (fw->bands, band);
              if (band->bound > 10000)
                par_loader_fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (b), NULL,
                                    _("band “%s” starts above 100 %%"), band->name);
              else if (fw->bands->len > 1)
                {
                  ParBand *prev = g_ptr_array_index (fw->bands, fw->bands->len - 2);
                  if (band->bound > prev->bound ||
                      (band->bound == prev->bound && !(band->inclusive && !prev->inclusive)))
                    par_loader_fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (b), NULL,
                                        _("bands must be listed from the highest down: “%s” does not start "
                                          "below “%s”"), band->name, prev->name);
                }
            }
        }
      else if (par_loader_is_el (c, "field"))
        g_ptr_array_add (fw->root->children, read_node (ld, c, PAR_NODE_FIELD, fw->root));
      else if (par_loader_is_el (c, "adjustments"))
        {
          for (xmlNode *a = c->children; a != NULL; a = a->next)
            {
              if (par_loader_is_el (a, "deduction"))
                g_ptr_array_add (fw->adjustments, read_node (ld, a, PAR_NODE_DEDUCTION, fw->root));
              else if (par_loader_is_el (a, "bonus"))
                g_ptr_array_add (fw->adjustments, read_node (ld, a, PAR_NODE_BONUS, fw->root));
            }
        }
    }
}
