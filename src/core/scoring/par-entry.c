/* par-entry.c — what a unit entered for one leaf in one year (ParEntry): made, copied,
 * compared, its figures set and read.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-scorer.h"

/* The entry's block: the entry, room for its first two figures (a leaf has one or two, mostly)
 * and its code. Re-scoring reads 100,000 entries: one allocation each, not three. The code is
 * set here only and freed with the entry; @inputs points to the room in the block until a third
 * figure needs a larger array. */
#define INLINE_INPUTS 2

static inline ParEntryInput *
inline_inputs (const ParEntry *entry)
{
  return (ParEntryInput *) (entry + 1);
}

ParEntry *
par_entry_new (const char *code)
{
  return par_entry_new_with_room (code, 0);
}

/* The size of an entry's block: [entry][2 inputs][code\0][room], rounded up so that the next
 * entry of an arena is aligned. */
static inline gsize
entry_size (gsize code_size,
            gsize text_room)
{
  gsize size = sizeof (ParEntry) + INLINE_INPUTS * sizeof (ParEntryInput) + code_size + text_room;

  return (size + 15) & ~(gsize) 15;
}

/* Makes an entry in @mem (entry_size () bytes). The text room follows the code. A figure's
 * text taken from it is never freed on its own (it lies between the entry and @room_end); one
 * replaced or removed leaves its bytes unused until the entry is freed. */
static ParEntry *
entry_init (void       *mem,
            const char *code,
            gsize       code_size,
            gsize       text_room)
{
  ParEntry *entry = mem;
  char *code_copy = (char *) (inline_inputs (entry) + INLINE_INPUTS);
  char *after_code = code_copy + code_size;

  memset (entry, 0, sizeof (ParEntry));
  if (code != NULL)
    {
      memcpy (code_copy, code, code_size - 1);
      code_copy[code_size - 1] = '\0';
      entry->code = code_copy;
    }
  if (text_room > 0)
    {
      entry->room = after_code;
      entry->room_end = after_code + text_room;
    }
  return entry;
}

ParEntry *
par_entry_new_with_room (const char *code,
                         gsize       text_room)
{
  gsize code_size = code != NULL ? strlen (code) + 1 : 0;

  return entry_init (g_malloc (entry_size (code_size, text_room)), code, code_size, text_room);
}

/* --- arenas ---------------------------------------------------------------------------------- */

/* A block's header; its entries follow. @refs counts its live entries, plus one while it is
 * the arena's current block. */
typedef struct {
  guint refs;
} EntryBlock;

#define BLOCK_HEADER ((sizeof (EntryBlock) + 15) & ~(gsize) 15)

struct _ParEntryArena {
  EntryBlock *block;       /* where entries are made now, or NULL */
  char       *next;
  char       *end;
  gsize       block_size;
};

static void
entry_block_release (EntryBlock *block)
{
  if (--block->refs == 0)
    g_free (block);
}

ParEntryArena *
par_entry_arena_new (gsize block_size)
{
  ParEntryArena *arena = g_new0 (ParEntryArena, 1);

  arena->block_size = MAX (block_size, 1024);
  return arena;
}

ParEntry *
par_entry_arena_add (ParEntryArena *arena,
                     const char    *code,
                     gsize          code_len,
                     gsize          text_room)
{
  gsize code_size = code != NULL ? code_len + 1 : 0;
  gsize size = entry_size (code_size, text_room);
  ParEntry *entry;

  g_return_val_if_fail (arena != NULL, NULL);

  if (arena->block == NULL || size > (gsize) (arena->end - arena->next))
    {
      gsize block_size = MAX (arena->block_size, BLOCK_HEADER + size);

      if (arena->block != NULL)
        entry_block_release (arena->block);
      arena->block = g_malloc (block_size);
      arena->block->refs = 1;
      arena->next = (char *) arena->block + BLOCK_HEADER;
      arena->end = (char *) arena->block + block_size;
    }
  entry = entry_init (arena->next, code, code_size, text_room);
  entry->block = arena->block;
  arena->block->refs++;
  arena->next += size;
  return entry;
}

void
par_entry_arena_free (ParEntryArena *arena)
{
  if (arena == NULL)
    return;
  if (arena->block != NULL)
    entry_block_release (arena->block);
  g_free (arena);
}

/* Whether a figure's text was allocated on its own (not in the entry's room). */
static inline gboolean
input_owns_text (const ParEntry      *entry,
                 const ParEntryInput *input)
{
  return !(input->id > (char *) entry && input->id < entry->room_end);
}

static inline void
input_free (const ParEntry      *entry,
            const ParEntryInput *input)
{
  if (input_owns_text (entry, input))
    g_free (input->id);
}

/* The index of figure @id (@id_len bytes), or -1. */
static int
find_input (const ParEntry *entry,
            const char     *id,
            gsize           id_len)
{
  for (guint i = 0; i < entry->n_inputs; i++)
    {
      /* Compared here rather than by strncmp (): ids are a few bytes, and every figure read
       * from the store comes here once (issue 11). */
      const char *s = entry->inputs[i].id;
      gsize j = 0;

      while (j < id_len && s[j] != '\0' && s[j] == id[j])
        j++;
      if (j == id_len && s[j] == '\0')
        return (int) i;
    }
  return -1;
}

/* One block "ID\0VALUE\0", in @entry's room while it fits, else allocated: the input owns it
 * through its id (input_owns_text ()). */
static ParEntryInput
input_new (ParEntry   *entry,
           const char *id,
           gsize       id_len,
           const char *value,
           gsize       value_len)
{
  gsize size = id_len + value_len + 2;
  ParEntryInput input;

  if (entry->room != NULL && size <= (gsize) (entry->room_end - entry->room))
    {
      input.id = entry->room;
      entry->room += size;
    }
  else
    input.id = g_malloc (size);
  memcpy (input.id, id, id_len);
  input.id[id_len] = '\0';
  input.value = input.id + id_len + 1;
  memcpy (input.value, value, value_len);
  input.value[value_len] = '\0';
  return input;
}

void
par_entry_set_input_len (ParEntry   *entry,
                         const char *id,
                         gsize       id_len,
                         const char *value,
                         gsize       value_len)
{
  int i;

  g_return_if_fail (entry != NULL && id != NULL);
  i = find_input (entry, id, id_len);
  if (value == NULL || value_len == 0)
    {
      if (i < 0)
        return;
      input_free (entry, &entry->inputs[i]);
      entry->n_inputs--;
      memmove (entry->inputs + i, entry->inputs + i + 1,
               (entry->n_inputs - i) * sizeof (ParEntryInput));
      return;
    }
  if (i >= 0)
    {
      input_free (entry, &entry->inputs[i]);
      entry->inputs[i] = input_new (entry, id, id_len, value, value_len);
      return;
    }
  /* Room for 2 in the entry's block at 0 figures, then an array that doubles at 2, 4, 8 …
   * (whatever was removed since, it is at least that). */
  if (entry->n_inputs == 0)
    {
      if (entry->inputs != NULL && entry->inputs != inline_inputs (entry))
        g_free (entry->inputs);
      entry->inputs = inline_inputs (entry);
    }
  else if (entry->n_inputs >= INLINE_INPUTS && (entry->n_inputs & (entry->n_inputs - 1)) == 0)
    {
      if (entry->inputs == inline_inputs (entry))
        {
          entry->inputs = g_new (ParEntryInput, entry->n_inputs * 2);
          memcpy (entry->inputs, inline_inputs (entry), entry->n_inputs * sizeof (ParEntryInput));
        }
      else
        entry->inputs = g_renew (ParEntryInput, entry->inputs, entry->n_inputs * 2);
    }
  entry->inputs[entry->n_inputs++] = input_new (entry, id, id_len, value, value_len);
}

void
par_entry_set_input (ParEntry   *entry,
                     const char *id,
                     const char *value)
{
  g_return_if_fail (entry != NULL && id != NULL);
  par_entry_set_input_len (entry, id, strlen (id), value, value != NULL ? strlen (value) : 0);
}

void
par_entry_clear_inputs (ParEntry *entry)
{
  g_return_if_fail (entry != NULL);
  for (guint i = 0; i < entry->n_inputs; i++)
    input_free (entry, &entry->inputs[i]);
  if (entry->inputs != inline_inputs (entry))
    g_free (entry->inputs);
  entry->inputs = NULL;
  entry->n_inputs = 0;
}

const char *
par_entry_get_input (const ParEntry *entry,
                     const char     *id)
{
  g_return_val_if_fail (entry != NULL, NULL);
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < entry->n_inputs; i++)
    {
      /* Ids are a few bytes ("a", "on_time"): compared here, not through a call to strcmp ()
       * for each of a re-score's 160,000 look-ups (issue 11). */
      const char *a = entry->inputs[i].id, *b = id;

      while (*a != '\0' && *a == *b)
        a++, b++;
      if (*a == *b)
        return entry->inputs[i].value;
    }
  return NULL;
}

ParEntry *
par_entry_copy (const ParEntry *entry)
{
  ParEntry *copy = par_entry_new (entry->code);

  for (guint i = 0; i < entry->n_inputs; i++)
    par_entry_set_input (copy, entry->inputs[i].id, entry->inputs[i].value);
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
  /* A scored year frees 100 entries with neither figures of their own nor texts (issue 11):
   * nothing to free but their share of the block. */
  if (entry->n_inputs > 0 || (entry->inputs != NULL && entry->inputs != inline_inputs (entry)))
    par_entry_clear_inputs (entry);
  if (entry->explanation != NULL)
    g_free (entry->explanation);
  if (entry->comment != NULL)
    g_free (entry->comment);
  if (entry->block != NULL)
    entry_block_release (entry->block);
  else
    g_free (entry);
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
  if (g_strcmp0 (a->code, b->code) != 0 ||
      a->n_inputs != b->n_inputs ||
      a->has_self != b->has_self || (a->has_self && a->self != b->self) ||
      a->not_applicable != b->not_applicable ||
      a->has_appraised != b->has_appraised || (a->has_appraised && a->appraised != b->appraised) ||
      a->has_survey != b->has_survey || (a->has_survey && a->survey != b->survey) ||
      !str_equal_empty (a->explanation, b->explanation) || !str_equal_empty (a->comment, b->comment))
    return FALSE;
  for (guint i = 0; i < a->n_inputs; i++)
    if (g_strcmp0 (a->inputs[i].value, par_entry_get_input (b, a->inputs[i].id)) != 0)
      return FALSE;
  return TRUE;
}
