/* par-entry.c — what a unit entered for one leaf in one year (ParEntry): made, copied,
 * compared, its figures set and read.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-scorer.h"

ParEntry *
par_entry_new (const char *code)
{
  ParEntry *entry = g_new0 (ParEntry, 1);

  entry->code = g_strdup (code);
  entry->inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return entry;
}

ParEntry *
par_entry_copy (const ParEntry *entry)
{
  ParEntry *copy = par_entry_new (entry->code);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, entry->inputs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->inputs, g_strdup (key), g_strdup (value));
  copy->has_self = entry->has_self;
  copy->self = entry->self;
  copy->not_applicable = entry->not_applicable;
  copy->explanation = g_strdup (entry->explanation);
  copy->has_appraised = entry->has_appraised;
  copy->appraised = entry->appraised;
  copy->has_survey = entry->has_survey;
  copy->survey = entry->survey;
  copy->comment = g_strdup (entry->comment);
  return copy;
}

void
par_entry_free (ParEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->code);
  g_hash_table_unref (entry->inputs);
  g_free (entry->explanation);
  g_free (entry->comment);
  g_free (entry);
}

void
par_entry_set_input (ParEntry   *entry,
                     const char *id,
                     const char *value)
{
  g_return_if_fail (entry != NULL && id != NULL);
  if (value == NULL || value[0] == '\0')
    g_hash_table_remove (entry->inputs, id);
  else
    g_hash_table_insert (entry->inputs, g_strdup (id), g_strdup (value));
}

const char *
par_entry_get_input (const ParEntry *entry,
                     const char     *id)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return id != NULL ? g_hash_table_lookup (entry->inputs, id) : NULL;
}

static gboolean
str_equal_empty (const char *a,
                 const char *b)
{
  return g_strcmp0 (a != NULL && a[0] != '\0' ? a : NULL, b != NULL && b[0] != '\0' ? b : NULL) == 0;
}

gboolean
par_entry_equal (const ParEntry *a,
                 const ParEntry *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_strcmp0 (a->code, b->code) != 0 ||
      g_hash_table_size (a->inputs) != g_hash_table_size (b->inputs) ||
      a->has_self != b->has_self || (a->has_self && a->self != b->self) ||
      a->not_applicable != b->not_applicable ||
      a->has_appraised != b->has_appraised || (a->has_appraised && a->appraised != b->appraised) ||
      a->has_survey != b->has_survey || (a->has_survey && a->survey != b->survey) ||
      !str_equal_empty (a->explanation, b->explanation) || !str_equal_empty (a->comment, b->comment))
    return FALSE;
  g_hash_table_iter_init (&iter, a->inputs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b->inputs, key)) != 0)
      return FALSE;
  return TRUE;
}
