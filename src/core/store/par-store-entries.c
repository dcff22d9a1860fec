/* par-store-entries.c — what a unit entered for each scored leaf, and the council's scores.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An entry is one row; its input values are one canonical JSON object of strings, written with
 * json_object() (see inputs_to_json()) and read by entry_read_plain_inputs() (json_each() for
 * any other form).
 */
#include "config.h"

#include <inttypes.h>

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-entry-check.h"
#include "par-error.h"
#include "par-store-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Entries                                                                                    */

typedef enum {
  SAVE_ALL,       /* the whole entry: the unit's fields and the council's */
  SAVE_COUNCIL,   /* appraised score, survey score and comment only */
} SaveMode;

/* An entry's columns and its inputs text, one row per entry. The table's CHECK keeps the inputs
 * a valid JSON object; entry_read_plain_inputs () reads it (entry_read_inputs_json () any
 * other form). */
#define ENTRY_SELECT \
  "SELECT e.code, e.self_score, e.not_applicable, e.explanation, e.appraised_score, " \
  "e.survey_score, e.comment, e.inputs " \
  "FROM entries e "

/* The same columns for scoring, which reads neither text (issue 11): the row carries two NULLs,
 * not an explanation of any length. */
#define SCORE_SELECT \
  "SELECT e.code, e.self_score, e.not_applicable, NULL, e.appraised_score, " \
  "e.survey_score, NULL, e.inputs " \
  "FROM entries e "

enum {
  COL_CODE, COL_SELF, COL_NA, COL_EXPLANATION, COL_APPRAISED, COL_SURVEY, COL_COMMENT,
  COL_INPUTS,
};

static int
compare_strings_indirect (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static int
compare_inputs_by_id (gconstpointer a,
                      gconstpointer b)
{
  return strcmp ((*(const ParEntryInput *const *) a)->id, (*(const ParEntryInput *const *) b)->id);
}

/* The entered inputs of @entry (may be NULL), ParEntryInput pointers by id in byte order. */
static GPtrArray *
entered_inputs (const ParEntry *entry)
{
  GPtrArray *inputs = g_ptr_array_new ();

  for (guint i = 0; entry != NULL && i < entry->n_inputs; i++)
    g_ptr_array_add (inputs, &entry->inputs[i]);
  g_ptr_array_sort (inputs, compare_inputs_by_id);
  return inputs;
}

/* Canonical inputs: a compact JSON object of strings with keys in byte order, so equal inputs
 * are equal text. Empty values are "not entered" and left out. SQLite's json_object() writes
 * it (one cached statement per number of inputs), so the store holds no JSON writer of its own.
 * Since it replaced a hand-written one, tab, newline, CR, FF and BS are written \t \n \r \f \b
 * instead of \u0009 …: the same JSON values, read back identically. */
static char *
inputs_to_json (ParStore        *self,
                const ParEntry  *entry,
                GError         **error)
{
  g_autoptr(GPtrArray) ids = entered_inputs (entry);
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GString) sql = NULL;

  if (ids->len == 0)
    return g_strdup ("{}");

  sql = g_string_new ("SELECT json_object (");
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s?%u, ?%u", i > 0 ? ", " : "", 2 * i + 1, 2 * i + 2);
  g_string_append_c (sql, ')');
  stmt = par_store_prepare (self, g_intern_string (sql->str), error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      const ParEntryInput *input = ids->pdata[i];

      sqlite3_bind_text (stmt, 2 * i + 1, g_utf8_make_valid (input->id, -1), -1, g_free);
      sqlite3_bind_text (stmt, 2 * i + 2, g_utf8_make_valid (input->value, -1), -1, g_free);
    }
  if (par_store_step (self, stmt, error) != SQLITE_ROW)
    return NULL;
  return par_stmt_column_text (stmt, 0);
}

/* Two texts equal as stored (invalid UTF-8 is stored repaired). */
static gboolean
stored_text_equal (const char *a,
                   const char *b)
{
  g_autofree char *valid_a = NULL;
  g_autofree char *valid_b = NULL;

  if (strcmp (a, b) == 0)
    return TRUE;
  if (g_utf8_validate (a, -1, NULL) && g_utf8_validate (b, -1, NULL))
    return FALSE;
  valid_a = g_utf8_make_valid (a, -1);
  valid_b = g_utf8_make_valid (b, -1);
  return strcmp (valid_a, valid_b) == 0;
}

/* Whether two sets of inputs store the same canonical JSON. */
static gboolean
inputs_equal (const ParEntry *a,
              const ParEntry *b)
{
  g_autoptr(GPtrArray) ids_a = entered_inputs (a);
  g_autoptr(GPtrArray) ids_b = entered_inputs (b);

  if (ids_a->len != ids_b->len)
    return FALSE;
  for (guint i = 0; i < ids_a->len; i++)
    {
      const ParEntryInput *input_a = ids_a->pdata[i];
      const ParEntryInput *input_b = ids_b->pdata[i];

      if (!stored_text_equal (input_a->id, input_b->id) ||
          !stored_text_equal (input_a->value, input_b->value))
        return FALSE;
    }
  return TRUE;
}

static void
set_damaged_error (ParStore    *self,
                   const char  *code,
                   GError     **error)
{
  g_set_error (error, PAR_ERROR, PAR_ERROR_STORE,
               _("The stored inputs of criterion %s are damaged in the database “%s”. "
                 "Restore it from a backup."),
               code, self->display_path);
}

/* Builds an entry from the entry columns of an ENTRY_SELECT or SCORE_SELECT row, with room in
 * its block for figures whose inputs text is @inputs_len bytes: the stored form
 * {"id":"value",…} spends 5 bytes on each pair's quotes, colon and comma where the entry needs
 * 2 nuls, so the figures read by entry_read_plain_inputs () always fit (issue 11: no
 * allocation per figure). In @arena when given (scoring: one allocation for many entries),
 * else on its own; the texts are read only without an arena (SCORE_SELECT has none). */
static ParEntry *
entry_from_row (ParStmt       *stmt,
                gsize          inputs_len,
                ParEntryArena *arena)
{
  const char *code = (const char *) sqlite3_value_text (sqlite3_column_value (stmt, COL_CODE));
  ParEntry *entry;

  if (arena != NULL)
    entry = par_entry_arena_add (arena, code, code != NULL ? strlen (code) : 0, inputs_len);
  else
    entry = par_entry_new_with_room (code, inputs_len);
  entry->has_self = par_stmt_column_points (stmt, COL_SELF, &entry->self);
  entry->not_applicable = sqlite3_value_int (sqlite3_column_value (stmt, COL_NA)) != 0;
  entry->has_appraised = par_stmt_column_points (stmt, COL_APPRAISED, &entry->appraised);
  entry->has_survey = par_stmt_column_points (stmt, COL_SURVEY, &entry->survey);
  if (arena == NULL)
    {
      entry->explanation = par_stmt_column_text (stmt, COL_EXPLANATION);
      entry->comment = par_stmt_column_text (stmt, COL_COMMENT);
    }
  return entry;
}

/* One JSON string of the canonical form at *@p: no escape, no control character. Sets its
 * bytes and moves *@p past it; FALSE for anything else. */
static inline gboolean
read_plain_string (const char **p,
                   const char  *end,
                   const char **start,
                   gsize       *len)
{
  const char *s = *p;

  if (s >= end || *s != '"')
    return FALSE;
  *start = ++s;
  while (s < end && *s != '"')
    {
      if (*s == '\\' || (guchar) *s < 0x20)
        return FALSE;
      s++;
    }
  if (s >= end)
    return FALSE;
  *len = s - *start;
  *p = s + 1;
  return TRUE;
}

/* The inputs as the store writes them (json_object (): {"id":"value",…}, no space, no
 * escape), read without SQLite's JSON functions — the fast path of every read, ~2× cheaper
 * than a json_each () row per input (issue 11). FALSE, with @entry's inputs untouched, for
 * any other form; entry_read_inputs_json () reads that. */
static gboolean
entry_read_plain_inputs (ParEntry   *entry,
                         const char *text,
                         gsize       len)
{
  const char *p = text, *end = text + len;
  struct { const char *id, *value; gsize id_len, value_len; } found[32];
  guint n = 0;

  if (len < 2 || *p++ != '{')
    return FALSE;
  if (*p == '}')
    return p + 1 == end;
  for (;;)
    {
      if (n == G_N_ELEMENTS (found) ||
          !read_plain_string (&p, end, &found[n].id, &found[n].id_len) ||
          p >= end || *p++ != ':' ||
          !read_plain_string (&p, end, &found[n].value, &found[n].value_len) ||
          p >= end)
        return FALSE;
      n++;
      if (*p == '}')
        break;
      if (*p++ != ',')
        return FALSE;
    }
  if (p + 1 != end)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (found[i].value_len > 0)
      par_entry_set_input_len (entry, found[i].id, found[i].id_len, found[i].value,
                               found[i].value_len);
  return TRUE;
}

/* Any other JSON object, read with json_each (): values written by other tools are taken as
 * their text (numbers as SQLite writes them, true and false as words); null and "" mean not
 * entered. Fails, naming the criterion, when the text is not a JSON object of such values. */
static gboolean
entry_read_inputs_json (ParStore    *self,
                        ParEntry    *entry,
                        const char  *text,
                        gsize        len,
                        GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  int rc;

  stmt = par_store_prepare (self, "SELECT key, type, value FROM json_each (?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, len, SQLITE_STATIC);
  while ((rc = par_store_step (self, stmt, &local_error)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      const char *value;

      /* A top-level array has numbered keys, a scalar none: only an object's keys are texts. */
      if (sqlite3_column_type (stmt, 0) != SQLITE_TEXT ||
          strcmp (type, "array") == 0 || strcmp (type, "object") == 0)
        break;
      if (strcmp (type, "null") == 0)
        continue;
      if (strcmp (type, "true") == 0 || strcmp (type, "false") == 0)
        value = type;
      else
        value = (const char *) sqlite3_column_text (stmt, 2);
      if (value != NULL && *value != '\0')
        par_entry_set_input (entry, (const char *) sqlite3_column_text (stmt, 0), value);
    }
  if (rc == SQLITE_DONE)
    return TRUE;
  set_damaged_error (self, entry->code, error);
  return FALSE;
}

/* Steps through an ENTRY_SELECT (or, with @arena, SCORE_SELECT) statement, one entry per row;
 * NULL with @error on failure. */
static GPtrArray *
entries_from_statement (ParStore       *self,
                        ParStmt        *stmt,
                        ParEntryArena  *arena,
                        guint           expected,
                        GError        **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_full (expected,
                                                       (GDestroyNotify) par_entry_free);
  int rc;

  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      /* Each column taken once as a value (a column call enters the connection each time). */
      sqlite3_value *inputs = sqlite3_column_value (stmt, COL_INPUTS);
      const char *text = (const char *) sqlite3_value_text (inputs);
      gsize len = sqlite3_value_bytes (inputs);
      ParEntry *entry = entry_from_row (stmt, len, arena);

      g_ptr_array_add (entries, entry);
      if (text != NULL && !entry_read_plain_inputs (entry, text, len) &&
          !entry_read_inputs_json (self, entry, text, len, error))
        return NULL;
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&entries);
}

/* Every entry of an assessment known to exist, by code. */
static GPtrArray *
store_read_entries (ParStore    *self,
                    gint64       assessment_id,
                    GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  stmt = par_store_prepare (self,
                            ENTRY_SELECT "WHERE e.assessment_id = ?1 ORDER BY e.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  return entries_from_statement (self, stmt, NULL, 0, error);
}

/* What scoring reads of every entry of an assessment known to exist, by code: no explanation,
 * no comment; the entries in shared blocks, about one allocation for a year of @n_leaves. */
static GPtrArray *
store_read_entries_for_scoring (ParStore    *self,
                                gint64       assessment_id,
                                guint        n_leaves,
                                GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(ParEntryArena) arena = par_entry_arena_new ((gsize) MAX (n_leaves, 8) * 192);

  stmt = par_store_prepare (self,
                            SCORE_SELECT "WHERE e.assessment_id = ?1 ORDER BY e.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  return entries_from_statement (self, stmt, arena, n_leaves, error);
}

/**
 * par_store_get_entries:
 * @assessment_id: the assessment
 *
 * Reads every entry of the assessment, inputs included, with one range scan.
 *
 * Returns: (transfer full) (element-type ParEntry): the entries, by code; %NULL with @error
 *   set if the assessment does not exist.
 */
GPtrArray *
par_store_get_entries (ParStore    *self,
                       gint64       assessment_id,
                       GError     **error)
{
  g_autoptr(ParStmt) exists = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  exists = par_store_prepare (self, "SELECT 1 FROM assessments WHERE id = ?1", error);
  if (exists == NULL)
    return NULL;
  sqlite3_bind_int64 (exists, 1, assessment_id);
  if (!par_store_step_assessment (self, exists, assessment_id, error))
    return NULL;
  return store_read_entries (self, assessment_id, error);
}

/* Reads one stored entry; *@out is NULL (and TRUE returned) when there is none. */
static gboolean
store_read_entry (ParStore    *self,
                  gint64       assessment_id,
                  const char  *code,
                  ParEntry   **out,
                  GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GPtrArray) found = NULL;

  *out = NULL;
  stmt = par_store_prepare (self,
                            ENTRY_SELECT "WHERE e.assessment_id = ?1 AND e.code = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, code);
  found = entries_from_statement (self, stmt, NULL, 1, error);
  if (found == NULL)
    return FALSE;
  if (found->len > 0)
    *out = g_ptr_array_steal_index (found, 0);
  return TRUE;
}

/**
 * par_store_get_entry:
 *
 * Returns: (transfer full) (nullable): the stored entry; %NULL without an error when nothing
 *   was saved for @code, %NULL with %PAR_ERROR_NOT_FOUND for an unknown assessment.
 */
ParEntry *
par_store_get_entry (ParStore    *self,
                     gint64       assessment_id,
                     const char  *code,
                     GError     **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  ParEntry *entry = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  if (!store_read_entry (self, assessment_id, code, &entry, error))
    return NULL;
  return entry;
}

static char *
format_points_or_null (gboolean  has,
                       ParPoints points)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  return has ? g_strdup (par_points_format (points, buf)) : NULL;
}

/* The values of one entry row, normalized for storing and comparing. */
typedef struct {
  const ParEntry *inputs;  /* the entry whose inputs these are; borrowed, may be NULL */
  gboolean    has_self;
  ParPoints   self;
  gboolean    not_applicable;
  const char *explanation;
  gboolean    has_appraised;
  ParPoints   appraised;
  gboolean    has_survey;
  ParPoints   survey;
  const char *comment;
} EntryRow;

static void
entry_row_from_entry (EntryRow       *row,
                      const ParEntry *entry)
{
  row->inputs = entry;
  row->has_self = entry != NULL && entry->has_self;
  row->self = row->has_self ? entry->self : 0;
  row->not_applicable = entry != NULL && entry->not_applicable;
  row->explanation = entry != NULL ? par_nonempty (entry->explanation) : NULL;
  row->has_appraised = entry != NULL && entry->has_appraised;
  row->appraised = row->has_appraised ? entry->appraised : 0;
  row->has_survey = entry != NULL && entry->has_survey;
  row->survey = row->has_survey ? entry->survey : 0;
  row->comment = entry != NULL ? par_nonempty (entry->comment) : NULL;
}

static gboolean
entry_row_is_empty (const EntryRow *row)
{
  return (row->inputs == NULL || row->inputs->n_inputs == 0) && !row->has_self && !row->not_applicable &&
         row->explanation == NULL && !row->has_appraised && !row->has_survey &&
         row->comment == NULL;
}

static gboolean
audit_field (ParStore    *self,
             gint64       assessment_id,
             const char  *code,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             GError     **error)
{
  g_autofree char *what = NULL;

  if (g_strcmp0 (old_value, new_value) == 0)
    return TRUE;
  what = g_strdup_printf ("assessment %" G_GINT64_FORMAT " entry %s %s",
                          assessment_id, code, field);
  return par_store_audit (self, what, old_value, new_value, error);
}

static gboolean
audit_points (ParStore    *self,
              gint64       assessment_id,
              const char  *code,
              const char  *field,
              gboolean     old_has,
              ParPoints    old_points,
              gboolean     new_has,
              ParPoints    new_points,
              GError     **error)
{
  g_autofree char *old_text = format_points_or_null (old_has, old_points);
  g_autofree char *new_text = format_points_or_null (new_has, new_points);

  return audit_field (self, assessment_id, code, field, old_text, new_text, error);
}

static const char *
input_value (const ParEntry *inputs,
             const char     *id)
{
  return inputs != NULL ? par_entry_get_input (inputs, id) : NULL;
}

/* Audits each input whose value differs between @old_inputs and @new_inputs, by id. */
static gboolean
audit_inputs (ParStore        *self,
              gint64           assessment_id,
              const char      *code,
              const ParEntry  *old_inputs,
              const ParEntry  *new_inputs,
              GError         **error)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  const ParEntry *entries[] = { old_inputs, new_inputs };

  for (guint t = 0; t < G_N_ELEMENTS (entries); t++)
    for (guint i = 0; entries[t] != NULL && i < entries[t]->n_inputs; i++)
      {
        const char *id = entries[t]->inputs[i].id;

        if (t == 0 || old_inputs == NULL || par_entry_get_input (old_inputs, id) == NULL)
          g_ptr_array_add (ids, (gpointer) id);
      }
  g_ptr_array_sort (ids, compare_strings_indirect);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *input_id = ids->pdata[i];
      g_autofree char *field = g_strconcat ("input ", input_id, NULL);

      if (!audit_field (self, assessment_id, code, field, input_value (old_inputs, input_id),
                        input_value (new_inputs, input_id), error))
        return FALSE;
    }
  return TRUE;
}

/* What may be stored is decided by the one check, par_entry_check() (scoring's
 * par-entry-check.c), on what this write stores: the whole entry, or for SAVE_COUNCIL the
 * council's scores alone (the unit's values are not this writer's to refuse). */
static gboolean
store_check_entry_values (const ParNode    *leaf,
                          const ParEntry   *entry,
                          SaveMode          mode,
                          GError          **error)
{
  ParEntry council = { 0 };

  if (mode == SAVE_ALL)
    return par_entry_check (leaf, entry, error);
  council.code = entry->code;
  council.has_appraised = entry->has_appraised;
  council.appraised = entry->appraised;
  council.has_survey = entry->has_survey;
  council.survey = entry->survey;
  return par_entry_check (leaf, &council, error);
}

/* Inside a write transaction: stores @entry (or, for SAVE_COUNCIL, its council fields) for
 * @leaf and audits each value that changed. */
static gboolean
store_save_entry_in_tx (ParStore         *self,
                        gint64            assessment_id,
                        const ParNode    *leaf,
                        const ParEntry   *entry,
                        SaveMode          mode,
                        GError          **error)
{
  g_autoptr(ParEntry) old_entry = NULL;
  g_autofree char *new_json = NULL;
  EntryRow old_row, new_row;
  const char *code = entry->code;
  gboolean changed;

  if (!store_read_entry (self, assessment_id, code, &old_entry, error))
    return FALSE;

  entry_row_from_entry (&old_row, old_entry);
  entry_row_from_entry (&new_row, entry);
  if (mode == SAVE_COUNCIL)
    {
      /* The unit's own values stay as stored. */
      new_row.inputs = old_row.inputs;
      new_row.has_self = old_row.has_self;
      new_row.self = old_row.self;
      new_row.not_applicable = old_row.not_applicable;
      new_row.explanation = old_row.explanation;
    }

  changed = old_entry == NULL || !inputs_equal (old_row.inputs, new_row.inputs) ||
            old_row.has_self != new_row.has_self || old_row.self != new_row.self ||
            old_row.not_applicable != new_row.not_applicable ||
            g_strcmp0 (old_row.explanation, new_row.explanation) != 0 ||
            old_row.has_appraised != new_row.has_appraised ||
            old_row.appraised != new_row.appraised ||
            old_row.has_survey != new_row.has_survey || old_row.survey != new_row.survey ||
            g_strcmp0 (old_row.comment, new_row.comment) != 0;
  if (!changed)
    return TRUE;
  /* Whatever is written crosses the one check (an unchanged row is not written). */
  if (!store_check_entry_values (leaf, entry, mode, error))
    return FALSE;

  if (entry_row_is_empty (&new_row))
    {
      /* An entry emptied of every value is the same as no entry. */
      g_autoptr(ParStmt) stmt = NULL;

      if (old_entry == NULL)
        return TRUE;
      stmt = par_store_prepare (self, "DELETE FROM entries WHERE assessment_id = ?1 AND code = ?2",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessment_id);
      par_stmt_bind_text (stmt, 2, code);
      if (!par_store_run (self, stmt, error))
        return FALSE;
    }
  else
    {
      g_autoptr(ParStmt) stmt = NULL;

      new_json = inputs_to_json (self, new_row.inputs, error);
      if (new_json == NULL)
        return FALSE;
      stmt = par_store_prepare (self,
                                "INSERT INTO entries (assessment_id, code, inputs, "
                                "self_score, not_applicable, explanation, "
                                "appraised_score, survey_score, comment) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                                "ON CONFLICT (assessment_id, code) DO UPDATE SET "
                                "inputs = ?3, self_score = ?4, "
                                "not_applicable = ?5, explanation = ?6, "
                                "appraised_score = ?7, survey_score = ?8, "
                                "comment = ?9", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, assessment_id);
      par_stmt_bind_text (stmt, 2, code);
      par_stmt_bind_text (stmt, 3, new_json);
      par_stmt_bind_points (stmt, 4, new_row.has_self, new_row.self);
      sqlite3_bind_int (stmt, 5, new_row.not_applicable ? 1 : 0);
      par_stmt_bind_text (stmt, 6, new_row.explanation);
      par_stmt_bind_points (stmt, 7, new_row.has_appraised, new_row.appraised);
      par_stmt_bind_points (stmt, 8, new_row.has_survey, new_row.survey);
      par_stmt_bind_text (stmt, 9, new_row.comment);
      if (!par_store_run (self, stmt, error))
        return FALSE;
    }

  return audit_inputs (self, assessment_id, code, old_row.inputs, new_row.inputs, error) &&
         audit_points (self, assessment_id, code, "self score", old_row.has_self, old_row.self,
                       new_row.has_self, new_row.self, error) &&
         audit_field (self, assessment_id, code, "not applicable",
                      old_row.not_applicable ? "true" : "false",
                      new_row.not_applicable ? "true" : "false", error) &&
         audit_field (self, assessment_id, code, "explanation", old_row.explanation,
                      new_row.explanation, error) &&
         audit_points (self, assessment_id, code, "appraised score", old_row.has_appraised,
                       old_row.appraised, new_row.has_appraised, new_row.appraised, error) &&
         audit_points (self, assessment_id, code, "survey score", old_row.has_survey,
                       old_row.survey, new_row.has_survey, new_row.survey, error) &&
         audit_field (self, assessment_id, code, "comment", old_row.comment, new_row.comment,
                      error);
}

static gboolean
store_save_entries (ParStore         *self,
                    gint64            assessment_id,
                    const ParEntry  **entries,
                    guint             n_entries,
                    SaveMode          mode,
                    GError          **error)
{
  g_auto(ParAssessmentState) state = { 0 };
  gboolean ok;

  if (!par_store_begin (self, error))
    return FALSE;

  if (mode == SAVE_ALL)
    ok = par_store_check_draft (self, assessment_id, &state, error);
  else
    ok = par_store_assessment_state (self, assessment_id, &state, error);

  for (guint i = 0; ok && i < n_entries; i++)
    {
      /* The code must name a scored leaf of the set, so a typo in a CSV never lands silently. */
      const ParNode *leaf = par_store_lookup_leaf (self, state.framework_row, entries[i]->code,
                                                   NULL, error);

      ok = leaf != NULL && store_save_entry_in_tx (self, assessment_id, leaf, entries[i], mode,
                                                   error);
    }
  /* The council's scores are part of an appraised year's seal: sealed again, as changed. */
  if (ok && mode == SAVE_COUNCIL && state.status == PAR_STATUS_APPRAISED)
    ok = par_store_seal_in_tx (self, assessment_id, state.status, "council scores", error);

  return par_store_finish (self, ok, error);
}

/**
 * par_store_save_entry:
 * @entry: the whole entry: inputs, self score, N/A, explanation, and the council's fields
 *
 * Stores @entry as the assessment's entry for `entry->code`, writing only what changed and
 * auditing each changed value (old → new). Empty input values and empty texts are stored as
 * "not entered". Fails with %PAR_ERROR_LOCKED unless the assessment is a draft, and with
 * %PAR_ERROR_INVALID when the code is not a sub-criterion of the assessment's criteria set or
 * when par_entry_check() refuses a value (its message).
 */
gboolean
par_store_save_entry (ParStore         *self,
                      gint64            assessment_id,
                      const ParEntry   *entry,
                      GError          **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, &entry, 1, SAVE_ALL, error);
}

/**
 * par_store_save_entries:
 * @entries: (element-type ParEntry): entries to save
 *
 * Like par_store_save_entry() for several entries, all or none, in one transaction.
 */
gboolean
par_store_save_entries (ParStore    *self,
                        gint64       assessment_id,
                        GPtrArray   *entries,
                        GError     **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entries != NULL, FALSE);
  for (guint i = 0; i < entries->len; i++)
    g_return_val_if_fail (entries->pdata[i] != NULL &&
                          ((ParEntry *) entries->pdata[i])->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, (const ParEntry **) entries->pdata,
                             entries->len, SAVE_ALL, error);
}

/**
 * par_store_save_council_scores:
 * @entry: an entry whose appraised score, survey score and comment are stored; its other
 *   fields are ignored
 *
 * Allowed in every status: the council scores submitted self-assessments. The scores are
 * checked by par_entry_check() (within 0 … the maximum).
 */
gboolean
par_store_save_council_scores (ParStore         *self,
                               gint64            assessment_id,
                               const ParEntry   *entry,
                               GError          **error)
{
  g_return_val_if_fail (PAR_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->code != NULL, FALSE);

  return store_save_entries (self, assessment_id, &entry, 1, SAVE_COUNCIL, error);
}

/**
 * par_store_score_assessment:
 *
 * Returns: (transfer full): the scores of the assessment's entries under its stored criteria
 *   set, or %NULL with @error set.
 */
/* The assessment's stored set and entries, read as one snapshot under one lock; for
 * @scoring, only what scoring reads of them. */
static gboolean
store_read_assessment (ParStore      *self,
                       gint64         assessment_id,
                       gboolean       scoring,
                       int           *year,
                       ParFramework **framework,
                       GPtrArray    **entries,
                       GError       **error)
{
  gboolean began = par_store_begin_read (self);
  gint64 framework_row = 0;
  int assessment_year = 0;

  /* Its year and set only: not the whole row with the set's id and hash as texts (issue 11). */
  if (par_store_assessment_year_set (self, assessment_id, &assessment_year, &framework_row,
                                     error))
    {
      if (year != NULL)
        *year = assessment_year;
      *framework = par_store_load_framework (self, framework_row, error);
    }
  if (*framework != NULL)
    *entries = scoring ? store_read_entries_for_scoring (self, assessment_id,
                                                         par_framework_get_leaves (*framework)->len,
                                                         error)
                       : store_read_entries (self, assessment_id, error);
  par_store_end_read (self, began);
  if (*entries == NULL)
    g_clear_pointer (framework, par_framework_unref);
  return *entries != NULL;
}

ParResult *
par_store_score_assessment (ParStore    *self,
                            gint64       assessment_id,
                            GError     **error)
{
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int year = 0;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (!store_read_assessment (self, assessment_id, TRUE, &year, &framework, &entries, error))
    return NULL;
  return par_store_score_entries (self, assessment_id, year, framework, entries, error);
}

/**
 * par_store_check_assessment:
 *
 * Every stored entry of the assessment that par_entry_check() would refuse today — rows a
 * database got before every write crossed the check — with codes the set does not have, in
 * the set's order (par_assessment_check()).
 *
 * Returns: (transfer full) (element-type ParEntryProblem): empty when every entry is valid,
 *   or %NULL with @error set.
 */
GPtrArray *
par_store_check_assessment (ParStore    *self,
                            gint64       assessment_id,
                            GError     **error)
{
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (!store_read_assessment (self, assessment_id, FALSE, NULL, &framework, &entries, error))
    return NULL;
  return par_assessment_check (framework, entries);
}
