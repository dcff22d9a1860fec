/* par-framework-loader-check.c — the semantic checks of a criteria set the schema accepted:
 * codes, inputs a rule names, points within the maximum, tiers in order, maxima that add up.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-framework-private.h"

/* The loader's state (par-framework-loader-private.h). */
typedef ParLoader Loader;

/* --- semantic checks ------------------------------------------------------------------------- */

static char *
points_str (ParPoints p)
{
  char buf[PAR_POINTS_FORMAT_SIZE];
  return g_strdup (par_points_format (p, buf));
}

static gboolean
check_input_ref (Loader        *ld,
                 const ParNode *leaf,
                 const char    *attribute,
                 const char    *id,
                 const ParInputType *allowed,
                 guint          n_allowed)
{
  const ParInput *input;
  int line = leaf->line;

  if (id == NULL)
    return TRUE;
  input = par_node_find_input (leaf, id);
  if (input == NULL)
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, line, leaf->code,
                          _("the rule’s %s refers to an input “%s” that is not declared in <inputs>"),
                          attribute, id);
      return FALSE;
    }
  for (guint i = 0; i < n_allowed; i++)
    if (input->type == allowed[i])
      return TRUE;
  par_loader_fail_at (ld, PAR_ERROR_INVALID, line, leaf->code,
                      _("input “%s” is of type %s, which the rule’s %s cannot use"), id,
                      par_input_type_to_string (input->type), attribute);
  return FALSE;
}

static gboolean
check_points_in_range (Loader        *ld,
                       const ParNode *leaf,
                       ParPoints      points,
                       const char    *what)
{
  g_autofree char *p = NULL;
  g_autofree char *m = NULL;

  if (points >= 0 && points <= leaf->max)
    return TRUE;
  p = points_str (points);
  m = points_str (leaf->max);
  /* @what is marked N_() by the callers and translated only here, on failure: a lookup for
   * every tier of a large file would cost more than the checks themselves. */
  par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                      _("%s gives %s points, more than the maximum of %s"), _(what), p, m);
  return FALSE;
}

static gboolean
check_tiers (Loader        *ld,
             const ParNode *leaf)
{
  const GArray *tiers = leaf->rule->tiers;

  for (guint i = 0; i < tiers->len; i++)
    {
      const ParTier *t = &g_array_index (tiers, ParTier, i);
      if (!check_points_in_range (ld, leaf, t->points, N_("a tier")))
        return FALSE;
      if (i > 0)
        {
          const ParTier *prev = &g_array_index (tiers, ParTier, i - 1);
          /* Format 2: tiers of other years are another list; compare with the last tier that
           * holds in a year this one holds in. */
          if (leaf->rule->has_year_tiers)
            {
              prev = NULL;
              for (guint j = i; j-- > 0 && prev == NULL;)
                if (par_loader_v2_years_overlap (&g_array_index (tiers, ParTier, j), t))
                  prev = &g_array_index (tiers, ParTier, j);
              if (prev == NULL)
                continue;
            }
          /* Strictly descending; an equal bound is fine only as "> x" followed by "≥ x". */
          if (t->bound > prev->bound ||
              (t->bound == prev->bound && !(!prev->inclusive && t->inclusive)))
            {
              par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                                  _("tiers must be listed from the highest threshold down (tier %u is not "
                                    "below tier %u)"), i + 1, i);
              return FALSE;
            }
        }
    }
  return check_points_in_range (ld, leaf, leaf->rule->otherwise, N_("“otherwise”"));
}

static gboolean
check_leaf (Loader        *ld,
            const ParNode *leaf)
{
  static const ParInputType numeric[] = { PAR_INPUT_INTEGER, PAR_INPUT_DECIMAL };
  static const ParInputType percent[] = { PAR_INPUT_PERCENT };
  static const ParInputType integer[] = { PAR_INPUT_INTEGER };
  static const ParInputType boolean[] = { PAR_INPUT_BOOLEAN };
  static const ParInputType choice[] = { PAR_INPUT_CHOICE };
  static const ParInputType date[] = { PAR_INPUT_DATE };
  const ParRule *rule = leaf->rule;

  if (leaf->max <= 0 && rule->type != PAR_RULE_SURVEY)
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code, _("the maximum must be above 0"));
      return FALSE;
    }
  for (guint i = 0; i < leaf->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (leaf->inputs, i);
      if (par_node_find_input (leaf, input->id) != input)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                              _("input “%s” is declared twice"), input->id);
          return FALSE;
        }
    }

  switch (rule->type)
    {
    case PAR_RULE_MANUAL:
      if (rule->step <= 0 || rule->step > leaf->max)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                              _("the manual step must be above 0 and at most the maximum"));
          return FALSE;
        }
      return TRUE;
    case PAR_RULE_YES_NO:
      return check_input_ref (ld, leaf, "input", rule->input, boolean, 1) &&
             check_points_in_range (ld, leaf, rule->yes, N_("“yes”")) &&
             check_points_in_range (ld, leaf, rule->no, N_("“no”"));
    case PAR_RULE_TIMELINESS:
      if (rule->status != NULL)
        {
          static const char *required[] = { "on-time", "late", "not-done" };
          const ParInput *input;

          if (!check_input_ref (ld, leaf, "status", rule->status, choice, 1))
            return FALSE;
          input = par_node_find_input (leaf, rule->status);
          for (guint i = 0; i < G_N_ELEMENTS (required); i++)
            {
              gboolean found = FALSE;
              for (guint j = 0; j < input->options->len; j++)
                found |= g_str_equal (((ParOption *) g_ptr_array_index (input->options, j))->value,
                                      required[i]);
              if (!found)
                {
                  par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                                      _("the status input “%s” needs an option with value “%s”"),
                                      rule->status, required[i]);
                  return FALSE;
                }
            }
        }
      else if (!check_input_ref (ld, leaf, "date", rule->date, date, 1) ||
               !check_input_ref (ld, leaf, "deadline", rule->deadline, date, 1))
        return FALSE;
      return check_points_in_range (ld, leaf, rule->on_time, N_("“on time”")) &&
             check_points_in_range (ld, leaf, rule->late, N_("“late”")) &&
             check_points_in_range (ld, leaf, rule->not_done, N_("“not done”"));
    case PAR_RULE_RATIO_TIERS:
    case PAR_RULE_PROPORTIONAL:
      if (!check_input_ref (ld, leaf, "numerator", rule->numerator, numeric, 2) ||
          !check_input_ref (ld, leaf, "denominator", rule->denominator, numeric, 2) ||
          !check_input_ref (ld, leaf, "percent", rule->percent, percent, 1))
        return FALSE;
      if (rule->zero_denominator == PAR_ZERO_DEN_NOT_APPLICABLE && !leaf->na_allowed)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                              _("zero-denominator=\"not-applicable\" needs not-applicable=\"allowed\""));
          return FALSE;
        }
      return rule->type == PAR_RULE_PROPORTIONAL || check_tiers (ld, leaf);
    case PAR_RULE_COUNT_TIERS:
      return check_input_ref (ld, leaf, "input", rule->input, integer, 1) &&
             check_tiers (ld, leaf);
    case PAR_RULE_CHOICE:
      {
        const ParInput *input;

        if (!check_input_ref (ld, leaf, "input", rule->input, choice, 1))
          return FALSE;
        input = par_node_find_input (leaf, rule->input);
        for (guint i = 0; i < input->options->len; i++)
          {
            const ParOption *option = g_ptr_array_index (input->options, i);
            gboolean graded = FALSE;
            for (guint j = 0; j < rule->grades->len; j++)
              graded |= g_str_equal (((ParGrade *) g_ptr_array_index (rule->grades, j))->value,
                                     option->value);
            if (!graded)
              {
                par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                                    _("option “%s” of input “%s” has no grade in the rule"), option->value,
                                    input->id);
                return FALSE;
              }
          }
        for (guint j = 0; j < rule->grades->len; j++)
          {
            const ParGrade *grade = g_ptr_array_index (rule->grades, j);
            gboolean known = FALSE;
            for (guint i = 0; i < input->options->len; i++)
              known |= g_str_equal (((ParOption *) g_ptr_array_index (input->options, i))->value,
                                    grade->value);
            if (!known)
              {
                par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                                    _("the rule grades “%s”, which is not an option of input “%s”"),
                                    grade->value, input->id);
                return FALSE;
              }
            if (!check_points_in_range (ld, leaf, grade->points, N_("a grade")))
              return FALSE;
          }
        return TRUE;
      }
    case PAR_RULE_PER_COUNT:
      if (rule->per_count <= 0)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                              _("points per count must be above 0"));
          return FALSE;
        }
      return check_input_ref (ld, leaf, "input", rule->input, integer, 1) &&
             check_points_in_range (ld, leaf, rule->per_count, N_("one count"));
    case PAR_RULE_SURVEY:
      return TRUE;
    case PAR_RULE_CONDITIONAL:
      /* The conditions were parsed and checked with the set's figures (loader-v2). */
      for (guint i = 0; i < rule->conditions->len; i++)
        if (!check_points_in_range (ld, leaf, ((ParCondition *) g_ptr_array_index (rule->conditions, i))->points,
                                    N_("a condition")))
          return FALSE;
      return check_points_in_range (ld, leaf, rule->otherwise, N_("“otherwise”"));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_node (Loader        *ld,
            const ParNode *node,
            GHashTable    *codes)
{
  ParPoints sum = 0;

  if (node->kind != PAR_NODE_ROOT)
    {
      if (!g_hash_table_add (codes, node->code))
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                              _("the code %s is used twice"), node->code);
          return FALSE;
        }
      if (node->title == NULL)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                              _("a Vietnamese title is missing (only an English one is given)"));
          return FALSE;
        }
    }
  if (node->kind == PAR_NODE_CRITERION || node->kind == PAR_NODE_SUB)
    {
      const char *parent_code = node->parent->code;
      if (!g_str_has_prefix (node->code, parent_code) ||
          node->code[strlen (parent_code)] != '.' ||
          node->code[strlen (parent_code) + 1] == '\0' ||
          strchr (node->code + strlen (parent_code) + 1, '.') != NULL)
        {
          par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                              _("the code must be its parent’s code %s followed by one more part, like %s.1"),
                              parent_code, parent_code);
          return FALSE;
        }
    }
  else if (node->kind == PAR_NODE_FIELD && strchr (node->code, '.') != NULL)
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                          _("a field’s code has a single part, like 1 or 2"));
      return FALSE;
    }

  if (node->rule != NULL)
    return check_leaf (ld, node);

  for (guint i = 0; i < node->children->len; i++)
    {
      const ParNode *child = g_ptr_array_index (node->children, i);
      if (!check_node (ld, child, codes))
        return FALSE;
      sum += child->max;
    }

  if ((node->aggregate == PAR_AGGREGATE_SUM && sum != node->max) ||
      (node->aggregate == PAR_AGGREGATE_CAPPED && sum < node->max))
    {
      g_autofree char *s = points_str (sum);
      g_autofree char *m = points_str (node->max);
      if (node->kind == PAR_NODE_ROOT)
        par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, NULL,
                            _("the fields’ maxima add up to %s, but the set’s maximum is %s"), s, m);
      else if (node->aggregate == PAR_AGGREGATE_SUM)
        par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                            _("the maxima below it add up to %s, but its maximum is %s (write "
                              "aggregate=\"capped\" if that is intended)"), s, m);
      else
        par_loader_fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                            _("the maxima below it add up to %s, less than its capped maximum %s"), s, m);
      return FALSE;
    }
  return TRUE;
}

gboolean
par_loader_check_semantics (Loader       *ld,
                            ParFramework *fw)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  /* check_node skips the root; the set's own title is shown everywhere and may not be NULL. */
  if (fw->title == NULL)
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, fw->root->line, NULL,
                          _("a Vietnamese title is missing (only an English one is given)"));
      return FALSE;
    }
  if (!check_node (ld, fw->root, codes))
    return FALSE;
  for (guint i = 0; i < fw->adjustments->len; i++)
    if (!check_node (ld, g_ptr_array_index (fw->adjustments, i), codes))
      return FALSE;
  if (fw->bands->len == 0)
    {
      par_loader_fail_at (ld, PAR_ERROR_INVALID, fw->root->line, NULL, _("no classification bands are given"));
      return FALSE;
    }
  return TRUE;
}
