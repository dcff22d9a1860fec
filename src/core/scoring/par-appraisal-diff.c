/* par-appraisal-diff.c — the sub-criteria the council's appraisal changed or commented on
 * (par-appraisal-diff.h).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-appraisal-diff.h"

GPtrArray *
par_appraisal_differences (ParResult *result,
                           GPtrArray *entries)
{
  g_autoptr(GHashTable) comments = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *diffs = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *leaves;

  g_return_val_if_fail (result != NULL, diffs);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const ParEntry *entry = g_ptr_array_index (entries, i);

      if (entry->comment != NULL && entry->comment[0] != '\0')
        g_hash_table_insert (comments, entry->code, entry->comment);
    }
  leaves = par_framework_get_leaves (par_result_get_framework (result));
  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *node = g_ptr_array_index (leaves, i);
      const ParLeafScore *score = par_result_get_leaf (result, node->code);
      const char *comment = g_hash_table_lookup (comments, node->code);
      ParAppraisalDiff *diff;

      if (score == NULL || !score->has_appraised)
        continue;
      if (score->has_self && score->self == score->appraised && comment == NULL)
        continue;
      diff = g_new0 (ParAppraisalDiff, 1);
      diff->node = node;
      diff->has_self = score->has_self;
      diff->self = score->self;
      diff->appraised = score->appraised;
      diff->max = score->max;
      diff->comment = comment;
      g_ptr_array_add (diffs, diff);
    }
  return diffs;
}
