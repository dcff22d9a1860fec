/* par-entry-check.c — whether an entry is valid for its node: the one check every write crosses.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-entry-check.h"
#include "par-error.h"
#include "par-format.h"
#include "par-input.h"

void
par_entry_problem_free (ParEntryProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->code);
  g_free (problem->input);
  g_free (problem->message);
  g_free (problem);
}

typedef struct {
  const ParNode *leaf;
  GPtrArray     *problems;   /* of ParEntryProblem*; NULL: stop at the first */
  gboolean       failed;
} Check;

static void G_GNUC_PRINTF (4, 5)
report (Check         *check,
        ParEntryField  field,
        const char    *input,
        const char    *format,
        ...)
{
  ParEntryProblem *problem;
  va_list args;

  check->failed = TRUE;
  if (check->problems == NULL)
    return;
  problem = g_new0 (ParEntryProblem, 1);
  problem->code = g_strdup (check->leaf->code);
  problem->field = field;
  problem->input = g_strdup (input);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (check->problems, problem);
}

static char *
points_text (ParPoints points)
{
  return par_format_points_sep (points, par_points_decimal_separator ());
}

static char *
count_text (gint64 value)
{
  return par_format_thousands (value, par_points_decimal_separator ());
}

static const char *
score_name (ParEntryField field)
{
  switch (field)
    {
    case PAR_ENTRY_FIELD_SELF:
      return _("self-assessed score");
    case PAR_ENTRY_FIELD_APPRAISED:
      return _("appraised score");
    case PAR_ENTRY_FIELD_SURVEY:
      return _("survey score");
    default:
      g_return_val_if_reached ("");
    }
}

/* A score within 0 … the node's maximum (an adjustment's cap). */
static void
check_score (Check         *check,
             ParEntryField  field,
             gboolean       has,
             ParPoints      value)
{
  const ParNode *leaf = check->leaf;
  g_autofree char *value_text = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *max = NULL;

  if (!has || (value >= 0 && value <= leaf->max))
    return;
  value_text = points_text (value);
  zero = points_text (0);
  max = points_text (leaf->max);
  if (value < 0 && (leaf->kind == PAR_NODE_DEDUCTION || leaf->kind == PAR_NODE_BONUS))
    report (check, field, NULL,
            leaf->kind == PAR_NODE_DEDUCTION
            /* TRANSLATORS: "T1, self-assessed score: -0.50 is below zero; …" */
            ? _("%s, %s: %s is below zero; a deduction is entered as the points taken off, from %s to %s")
            : _("%s, %s: %s is below zero; a bonus is entered as the points added, from %s to %s"),
            leaf->code, score_name (field), value_text, zero, max);
  else
    report (check, field, NULL,
            value < 0
            /* TRANSLATORS: "1.1.1, survey score: -1.00 is below zero; enter a score from 0.00 to 1.00" */
            ? _("%s, %s: %s is below zero; enter a score from %s to %s")
            /* TRANSLATORS: "1.1.1, appraised score: 99.00 is more than the maximum; enter a score from 0.00 to 1.00" */
            : _("%s, %s: %s is more than the maximum; enter a score from %s to %s"),
            leaf->code, score_name (field), value_text, zero, max);
}

static void
check_step (Check          *check,
            const ParEntry *entry)
{
  const ParNode *leaf = check->leaf;
  const ParRule *rule = leaf->rule;
  g_autofree char *value = NULL;
  g_autofree char *step = NULL;
  g_autofree char *two = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *max = NULL;

  if (rule->type != PAR_RULE_MANUAL || !entry->has_self || rule->step <= 0 ||
      entry->self < 0 || entry->self > leaf->max || entry->self % rule->step == 0)
    return;
  value = points_text (entry->self);
  step = points_text (rule->step);
  zero = points_text (0);
  two = points_text (2 * rule->step);
  max = points_text (leaf->max);
  report (check, PAR_ENTRY_FIELD_SELF, NULL,
          /* TRANSLATORS: "1.1.1, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00" */
          _("%s, %s: %s is not in steps of %s; enter %s, %s, %s … up to %s"),
          leaf->code, score_name (PAR_ENTRY_FIELD_SELF), value, step, zero, step, two, max);
}

/* "“Ngày ban hành” (issued)": the set's label and the id files use. */
static char *
input_name (const ParInput *input)
{
  return g_strdup_printf ("“%s” (%s)", input->label, input->id);
}

static char *
choices_text (const ParInput *input)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < input->options->len; i++)
    {
      const ParOption *o = g_ptr_array_index (input->options, i);
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append_printf (text, "“%s”", o->label);
    }
  return g_string_free (text, FALSE);
}

/* Counts feed count rules, whose tiers and products are computed in 32-bit counts. */
static gboolean
is_count_input (const ParNode *leaf,
                const char    *id)
{
  const ParRule *rule = leaf->rule;

  return (rule->type == PAR_RULE_COUNT_TIERS || rule->type == PAR_RULE_PER_COUNT) &&
         g_strcmp0 (rule->input, id) == 0;
}

static void
check_input_value (Check          *check,
                   const ParInput *input,
                   const char     *value)
{
  const ParNode *leaf = check->leaf;
  g_autofree char *name = input_name (input);
  ParInputValue read;

  if (par_input_read (input, value, &read))
    {
      if (input->type == PAR_INPUT_INTEGER && is_count_input (leaf, input->id) &&
          read.number > G_MAXINT32)
        {
          g_autofree char *max = count_text (G_MAXINT32);
          report (check, PAR_ENTRY_FIELD_INPUT, input->id,
                  /* TRANSLATORS: "1.1.1, figure “Số lần” (times): “3000000000” is more than 2,147,483,647, the largest count this rule takes" */
                  _("%s, figure %s: “%s” is more than %s, the largest count this rule takes"),
                  leaf->code, name, value, max);
        }
      return;
    }

  switch (input->type)
    {
    case PAR_INPUT_INTEGER:
      {
        g_autofree char *max = count_text (PAR_INPUT_INTEGER_MAX);
        report (check, PAR_ENTRY_FIELD_INPUT, input->id,
                /* TRANSLATORS: "1.1.4, figure “Số hồ sơ” (files): “-3” is not a whole number from 0 to 999,999,999,999" */
                _("%s, figure %s: “%s” is not a whole number from 0 to %s"),
                leaf->code, name, value, max);
        break;
      }
    case PAR_INPUT_DECIMAL:
      {
        g_autofree char *max = par_format_fixed (G_GINT64_CONSTANT (100000000), 0,
                                                 par_points_decimal_separator (), PAR_FORMAT_GROUP);
        report (check, PAR_ENTRY_FIELD_INPUT, input->id,
                _("%s, figure %s: “%s” is not a number from 0 to %s with at most two decimals"),
                leaf->code, name, value, max);
        break;
      }
    case PAR_INPUT_PERCENT:
      report (check, PAR_ENTRY_FIELD_INPUT, input->id,
              _("%s, figure %s: “%s” is not a percentage from 0 to 100 with at most two decimals"),
              leaf->code, name, value);
      break;
    case PAR_INPUT_DATE:
      report (check, PAR_ENTRY_FIELD_INPUT, input->id,
              _("%s, figure %s: “%s” is not a real date (a day of 1900 to 2200, stored as yyyy-mm-dd)"),
              leaf->code, name, value);
      break;
    case PAR_INPUT_BOOLEAN:
      report (check, PAR_ENTRY_FIELD_INPUT, input->id,
              _("%s, figure %s: “%s” is not yes or no"), leaf->code, name, value);
      break;
    case PAR_INPUT_CHOICE:
      {
        g_autofree char *choices = choices_text (input);
        report (check, PAR_ENTRY_FIELD_INPUT, input->id,
                _("%s, figure %s: “%s” is not one of the choices: %s"),
                leaf->code, name, value, choices);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* An input of the leaf itself: a format-2 figure its rule reads (par_node_find_input() finds
 * those too) is entered on the figures, never in a leaf's entry. */
static gboolean
own_input (const ParNode *leaf,
           const char    *id)
{
  for (guint i = 0; i < leaf->inputs->len; i++)
    if (g_str_equal (((const ParInput *) g_ptr_array_index (leaf->inputs, i))->id, id))
      return TRUE;
  return FALSE;
}

static void
check_inputs (Check          *check,
              const ParEntry *entry)
{
  const ParNode *leaf = check->leaf;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

  /* In the node's order, so the messages come in the order of the form. */
  for (guint i = 0; i < leaf->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (leaf->inputs, i);
      const char *value = par_entry_get_input (entry, input->id);

      if (value != NULL && value[0] != '\0')
        check_input_value (check, input, value);
    }

  for (guint i = 0; i < entry->n_inputs; i++)
    if (!own_input (leaf, entry->inputs[i].id))
      g_ptr_array_add (unknown, entry->inputs[i].id);
  g_ptr_array_sort (unknown, compare_ids);
  for (guint i = 0; i < unknown->len; i++)
    {
      const char *id = g_ptr_array_index (unknown, i);

      if (leaf->inputs->len == 0)
        report (check, PAR_ENTRY_FIELD_INPUT, id,
                /* TRANSLATORS: "1.1.3: there is no figure “done” here; this item has no figures" */
                _("%s: there is no figure “%s” here; this item has no figures"), leaf->code, id);
      else
        {
          GString *ids = g_string_new (NULL);
          g_autofree char *list = NULL;

          for (guint k = 0; k < leaf->inputs->len; k++)
            {
              const ParInput *input = g_ptr_array_index (leaf->inputs, k);
              g_string_append_printf (ids, k > 0 ? ", %s" : "%s", input->id);
            }
          list = g_string_free (ids, FALSE);
          report (check, PAR_ENTRY_FIELD_INPUT, id,
                  /* TRANSLATORS: "1.1.4: there is no figure “dnoe” here; its figures are done, planned" */
                  _("%s: there is no figure “%s” here; its figures are %s"), leaf->code, id, list);
        }
    }
}

/* A ratio's numerator cannot be above its denominator: the rules of format 1 measure shares of
 * a whole, 0 … 100 %. */
static void
check_ratio (Check          *check,
             const ParEntry *entry)
{
  const ParNode *leaf = check->leaf;
  const ParRule *rule = leaf->rule;
  const ParInput *in_a, *in_b;
  const char *va, *vb;
  ParInputValue a, b;

  if ((rule->type != PAR_RULE_RATIO_TIERS && rule->type != PAR_RULE_PROPORTIONAL) ||
      rule->numerator == NULL || rule->denominator == NULL)
    return;
  in_a = par_node_find_input (leaf, rule->numerator);
  in_b = par_node_find_input (leaf, rule->denominator);
  va = par_entry_get_input (entry, rule->numerator);
  vb = par_entry_get_input (entry, rule->denominator);
  if (in_a == NULL || in_b == NULL || va == NULL || vb == NULL ||
      !par_input_read (in_a, va, &a) || !par_input_read (in_b, vb, &b))
    return;
  /* Both in hundredths before comparing. */
  if ((__int128) a.number * (100 / a.scale) > (__int128) b.number * (100 / b.scale))
    {
      g_autofree char *name_a = input_name (in_a);
      g_autofree char *name_b = input_name (in_b);
      report (check, PAR_ENTRY_FIELD_INPUT, in_a->id,
              /* TRANSLATORS: "1.1.4, figure “Số nhiệm vụ hoàn thành” (done): 120 is more than “Số nhiệm vụ kế hoạch” (planned), 112; this share cannot be over 100 %" */
              _("%s, figure %s: %s is more than %s, %s; this share cannot be over 100 %%"),
              leaf->code, name_a, va, name_b, vb);
    }
}

static void
check_entry (Check          *check,
             const ParEntry *entry)
{
  const ParNode *leaf = check->leaf;

  check_score (check, PAR_ENTRY_FIELD_SELF, entry->has_self, entry->self);
  check_step (check, entry);
  if (check->failed && check->problems == NULL)
    return;
  check_score (check, PAR_ENTRY_FIELD_APPRAISED, entry->has_appraised, entry->appraised);
  check_score (check, PAR_ENTRY_FIELD_SURVEY, entry->has_survey, entry->survey);
  if (check->failed && check->problems == NULL)
    return;
  if (entry->not_applicable && !leaf->na_allowed)
    report (check, PAR_ENTRY_FIELD_NOT_APPLICABLE, NULL,
            /* TRANSLATORS: "1.1.1: the criteria set does not allow marking this item not applicable" */
            _("%s: the criteria set does not allow marking this item not applicable"), leaf->code);
  /* An entry without a table of figures (the council's scores alone) has none to check. */
  if ((check->failed && check->problems == NULL) || entry->n_inputs == 0)
    return;
  check_inputs (check, entry);
  if (check->failed && check->problems == NULL)
    return;
  check_ratio (check, entry);
}

GPtrArray *
par_entry_check_all (const ParNode  *leaf,
                     const ParEntry *entry)
{
  Check check = { leaf, g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_problem_free), FALSE };

  g_return_val_if_fail (leaf != NULL && leaf->rule != NULL, check.problems);
  if (entry != NULL)
    check_entry (&check, entry);
  return check.problems;
}

gboolean
par_entry_check (const ParNode   *leaf,
                 const ParEntry  *entry,
                 GError         **error)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (leaf != NULL && leaf->rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (entry == NULL)
    return TRUE;
  /* The fast path (every write of the store crosses it): no text unless something is wrong. */
  {
    Check quick = { leaf, NULL, FALSE };
    check_entry (&quick, entry);
    if (!quick.failed)
      return TRUE;
  }
  problems = par_entry_check_all (leaf, entry);
  g_assert (problems->len > 0);
  g_set_error_literal (error, PAR_ERROR, PAR_ERROR_INVALID,
                       ((ParEntryProblem *) g_ptr_array_index (problems, 0))->message);
  return FALSE;
}

GPtrArray *
par_assessment_check (ParFramework *framework,
                      GPtrArray    *entries)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_problem_free);
  g_autoptr(GPtrArray) strays = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_problem_free);
  GPtrArray *leaves;
  g_autofree const ParEntry **by_leaf = NULL;

  g_return_val_if_fail (framework != NULL, problems);

  leaves = par_framework_get_leaves (framework);
  by_leaf = g_new0 (const ParEntry *, leaves->len);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ParEntry *entry = g_ptr_array_index (entries, i);
      const ParNode *node = par_framework_lookup (framework, entry->code);
      ParEntryProblem *problem;

      if (node != NULL && node->rule != NULL)
        {
          by_leaf[node->leaf_index] = entry;
          continue;
        }
      problem = g_new0 (ParEntryProblem, 1);
      problem->code = g_strdup (entry->code);
      problem->field = PAR_ENTRY_FIELD_CODE;
      problem->message = node != NULL
        /* TRANSLATORS: "1.1: this criterion is scored through its sub-criteria; it takes no entry of its own" */
        ? g_strdup_printf (_("%s: this criterion is scored through its sub-criteria; it takes no entry of its own"),
                           entry->code)
        /* TRANSLATORS: "9.9.9: there is no such code in the criteria set “…”" */
        : g_strdup_printf (_("%s: there is no such code in the criteria set “%s”"), entry->code,
                           par_framework_get_title (framework));
      g_ptr_array_add (strays, problem);
    }
  /* In the set's order (the order of the form and of the report), then codes it does not have. */
  for (guint i = 0; i < leaves->len; i++)
    if (by_leaf[i] != NULL)
      {
        Check check = { g_ptr_array_index (leaves, i), problems, FALSE };
        check_entry (&check, by_leaf[i]);
      }
  g_ptr_array_extend_and_steal (problems, g_steal_pointer (&strays));
  return problems;
}
