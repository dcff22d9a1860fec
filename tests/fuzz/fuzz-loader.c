/* fuzz-loader.c — the criteria-set loader on arbitrary bytes: it refuses with an error or
 * returns a criteria set whose tree can be walked; it never crashes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-core.h"
#include "fuzz-target.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  return 0;
}

static void
walk (const ParFramework *framework,
      const ParNode      *node)
{
  g_assert_cmpuint (node->node_index, <, par_framework_get_n_nodes (framework));
  if (node->kind != PAR_NODE_ROOT)
    g_assert (par_framework_lookup (framework, node->code) != NULL);
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    walk (framework, node->children->pdata[i]);
}

/* Every leaf scores with nothing entered, and with every number entered as 0 (the
 * zero-denominator paths of the rules). */
static void
score_leaves (const ParFramework *framework)
{
  GPtrArray *leaves = par_framework_get_leaves (framework);

  for (guint i = 0; i < leaves->len; i++)
    {
      const ParNode *leaf = leaves->pdata[i];
      g_autoptr(ParEntry) entry = par_entry_new (leaf->code);
      ParLeafScore score = { 0 };

      par_rule_evaluate (leaf, NULL, &score);
      par_leaf_score_clear (&score);
      for (guint k = 0; leaf->inputs != NULL && k < leaf->inputs->len; k++)
        {
          const ParInput *input = leaf->inputs->pdata[k];

          if (input->type == PAR_INPUT_INTEGER || input->type == PAR_INPUT_DECIMAL
              || input->type == PAR_INPUT_PERCENT)
            par_entry_set_input (entry, input->id, "0");
        }
      par_rule_evaluate (leaf, entry, &score);
      par_leaf_score_clear (&score);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParFramework) framework = par_framework_load_bytes (bytes, "fuzz.xml", &error);

  if (framework == NULL)
    {
      /* A refusal always says why. */
      g_assert (error != NULL && error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  g_assert (error == NULL);
  walk (framework, par_framework_get_root (framework));
  score_leaves (framework);
  return 0;
}
