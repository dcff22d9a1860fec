/* test-entries-read.c — the store's read path for entries (issue 11): what it reads and the
 * scores it gives are those of the earlier reader, over the whole demo database.
 *
 * The reference is the store's earlier read, kept here: entries ⋈ json_each (inputs), one row
 * per input, every value taken as SQLite's JSON functions give it. Each assessment of the demo
 * is read both ways and must give equal entries (par_entry_equal), equal leaf scores (state,
 * the four scores, maxima, explanation) and equal totals at every node; then the same with every
 * stored inputs text rewritten in another JSON form of the same values (spaces, escapes,
 * numbers), which the store reads through json_each () instead of its own reader.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "par-core.h"
#include "par-demo.h"
#include "par-test-util.h"
#include "par-test-totals.h"

typedef struct {
  char     *dir;
  char     *path;
  ParStore *store;
  GArray   *ids;        /* of gint64: every assessment */
  guint     n_inputs;   /* inputs compared, so an empty comparison cannot pass */
  guint     n_scored;   /* leaves scored */
} Fixture;

/* The earlier reader: every entry of @assessment_id with its inputs from json_each (). */
static GPtrArray *
reference_entries (sqlite3 *db,
                   gint64   assessment_id)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  sqlite3_stmt *stmt = NULL;
  ParEntry *current = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT e.code, e.self_score, e.not_applicable, e.explanation, e.appraised_score, "
    "e.survey_score, e.comment, i.key, i.type, i.value "
    "FROM entries e LEFT JOIN json_each (e.inputs) i "
    "WHERE e.assessment_id = ?1 ORDER BY e.code", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 8);

      if (current == NULL || strcmp (current->code, code) != 0)
        {
          current = par_entry_new (code);
          g_ptr_array_add (entries, current);
          current->has_self = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
          current->self = sqlite3_column_int64 (stmt, 1);
          current->not_applicable = sqlite3_column_int (stmt, 2) != 0;
          current->explanation = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          current->has_appraised = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
          current->appraised = sqlite3_column_int64 (stmt, 4);
          current->has_survey = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
          current->survey = sqlite3_column_int64 (stmt, 5);
          current->comment = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
        }
      if (type == NULL || strcmp (type, "null") == 0)
        continue;
      g_assert_true (strcmp (type, "object") != 0 && strcmp (type, "array") != 0);
      par_entry_set_input (current, (const char *) sqlite3_column_text (stmt, 7),
                           strcmp (type, "true") == 0 || strcmp (type, "false") == 0
                           ? type : (const char *) sqlite3_column_text (stmt, 9));
    }
  sqlite3_finalize (stmt);
  return entries;
}

static void
assert_node_equal (ParResult     *got,
                   ParResult     *want,
                   const ParNode *node,
                   Fixture       *f)
{
  par_test_assert_totals_equal (par_result_get_total (got, node->code), par_result_get_total (want, node->code));
  if (node->rule != NULL)
    {
      const ParLeafScore *a = par_result_get_leaf (got, node->code);
      const ParLeafScore *b = par_result_get_leaf (want, node->code);

      g_assert_cmpint (a->state, ==, b->state);
      g_assert_cmpint (a->has_self, ==, b->has_self);
      g_assert_cmpint (a->self, ==, b->self);
      g_assert_cmpint (a->has_appraised, ==, b->has_appraised);
      g_assert_cmpint (a->appraised, ==, b->appraised);
      g_assert_cmpint (a->has_survey, ==, b->has_survey);
      g_assert_cmpint (a->survey, ==, b->survey);
      g_assert_cmpint (a->has_final, ==, b->has_final);
      g_assert_cmpint (a->final, ==, b->final);
      g_assert_cmpint (a->max, ==, b->max);
      g_assert_cmpint (a->applicable_max, ==, b->applicable_max);
      g_assert_cmpstr (a->explanation, ==, b->explanation);
      f->n_scored += a->state == PAR_SCORE_SCORED;
    }
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    assert_node_equal (got, want, g_ptr_array_index (node->children, i), f);
}

/* Every assessment: the store's entries and scores against the reference's. */
static void
assert_store_reads_as_reference (Fixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < f->ids->len; i++)
    {
      gint64 id = g_array_index (f->ids, gint64, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) want_entries = reference_entries (db, id);
      g_autoptr(GPtrArray) got_entries = par_store_get_entries (f->store, id, &error);
      g_autoptr(ParAssessment) assessment = par_store_get_assessment (f->store, id, &error);
      g_autoptr(ParFramework) framework = NULL;
      g_autoptr(ParResult) got = NULL;
      g_autoptr(ParResult) want = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (got_entries->len, ==, want_entries->len);
      for (guint k = 0; k < got_entries->len; k++)
        {
          const ParEntry *a = g_ptr_array_index (got_entries, k);
          const ParEntry *b = g_ptr_array_index (want_entries, k);

          g_assert_cmpstr (a->code, ==, b->code);
          g_assert_true (par_entry_equal (a, b));
          f->n_inputs += b->n_inputs;
        }

      framework = par_store_load_framework (f->store, assessment->framework_row, &error);
      g_assert_no_error (error);
      got = par_store_score_assessment (f->store, id, &error);
      g_assert_no_error (error);
      /* Scored as the store scores a year (format 2: with its figures, year and evidence). */
      want = par_store_score_entries (f->store, id, assessment->year, framework, want_entries,
                                      &error);
      g_assert_no_error (error);
      assert_node_equal (got, want, par_framework_get_root (framework), f);
      for (guint k = 0; k < par_framework_get_adjustments (framework)->len; k++)
        assert_node_equal (got, want, g_ptr_array_index (par_framework_get_adjustments (framework), k), f);
      g_assert_cmpint (par_result_get_deductions (got), ==, par_result_get_deductions (want));
      g_assert_cmpint (par_result_get_bonuses (got), ==, par_result_get_bonuses (want));
      g_assert_true (par_result_get_band (got) == par_result_get_band (want));
    }
  sqlite3_close (db);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) years = NULL;

  f->dir = g_dir_make_tmp ("parscore-entries-read-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "demo.db", NULL);
  g_assert_true (par_demo_create (f->path, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->store = par_store_open (f->path, &error);
  g_assert_no_error (error);
  years = par_store_list_assessments (f->store, 0, &error);
  g_assert_no_error (error);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < years->len; i++)
    g_array_append_val (f->ids, ((ParAssessment *) g_ptr_array_index (years, i))->id);
  g_assert_cmpuint (f->ids->len, >=, 5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  par_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
  g_array_unref (f->ids);
}

/* The demo as the store writes it: every inputs text is read by the store's own reader. */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  assert_store_reads_as_reference (f);
  g_assert_cmpuint (f->n_inputs, >, 500);
  g_assert_cmpuint (f->n_scored, >, 100);
}

typedef struct {
  Fixture   *f;
  GArray    *ids;       /* of gint64: the years delivered, in order */
  GPtrArray *results;   /* ParResult*, kept */
  guint      stop_at;   /* return FALSE after this many */
} Delivered;

static gboolean
collect_scored (ParAssessment *assessment,
                ParResult     *result,
                gpointer       user_data)
{
  Delivered *d = user_data;

  g_array_append_val (d->ids, assessment->id);
  g_ptr_array_add (d->results, par_result_ref (result));
  return d->ids->len < d->stop_at;
}

/* Many years scored at once (par_store_score_each (), as score --all-years does): on one
 * thread and on two, every year is delivered in order, scored exactly as on its own; a caller
 * that stops gets no more; a year that cannot be scored is reported after the years before it. */
static void
test_score_each (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) years = NULL;
  g_autoptr(GError) error = NULL;

  /* The demo's years, several times over, so that both threads take some. */
  years = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);
  for (int round = 0; round < 20; round++)
    for (guint i = 0; i < f->ids->len; i++)
      {
        ParAssessment *a = par_store_get_assessment (f->store, g_array_index (f->ids, gint64, i),
                                                     &error);
        g_assert_no_error (error);
        g_ptr_array_add (years, a);
      }

  for (guint threads = 1; threads <= 2; threads++)
    {
      Delivered d = { f, g_array_new (FALSE, FALSE, sizeof (gint64)),
                      g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref),
                      G_MAXUINT };

      g_assert_true (par_store_score_each (f->store, years, threads, collect_scored, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (d.ids->len, ==, years->len);
      for (guint i = 0; i < years->len; i++)
        {
          const ParAssessment *a = g_ptr_array_index (years, i);
          g_autoptr(ParResult) alone = par_store_score_assessment (f->store, a->id, &error);
          ParFramework *framework = par_result_get_framework (alone);

          g_assert_no_error (error);
          g_assert_cmpint (g_array_index (d.ids, gint64, i), ==, a->id);
          assert_node_equal (d.results->pdata[i], alone, par_framework_get_root (framework), f);
          for (guint k = 0; k < par_framework_get_adjustments (framework)->len; k++)
            assert_node_equal (d.results->pdata[i], alone,
                               g_ptr_array_index (par_framework_get_adjustments (framework), k), f);
          g_assert_true (par_result_get_band (d.results->pdata[i]) == par_result_get_band (alone));
        }

      /* Stopped by the caller after 7. */
      g_array_set_size (d.ids, 0);
      g_ptr_array_set_size (d.results, 0);
      d.stop_at = 7;
      g_assert_true (par_store_score_each (f->store, years, threads, collect_scored, &d, &error));
      g_assert_cmpuint (d.ids->len, ==, 7);

      /* A year that is not there, 30th of the list: the 29 before it, then its error. */
      {
        ParAssessment *gone = par_store_get_assessment (f->store,
                                                        ((ParAssessment *) years->pdata[29])->id,
                                                        &error);

        g_assert_no_error (error);
        gone->id = 999999;
        g_ptr_array_insert (years, 29, gone);
        g_array_set_size (d.ids, 0);
        g_ptr_array_set_size (d.results, 0);
        d.stop_at = G_MAXUINT;
        g_assert_false (par_store_score_each (f->store, years, threads, collect_scored, &d, &error));
        g_assert_error (error, PAR_ERROR, PAR_ERROR_NOT_FOUND);
        g_clear_error (&error);
        g_assert_cmpuint (d.ids->len, ==, 29);
        g_ptr_array_remove_index (years, 29);
      }
      g_array_unref (d.ids);
      g_ptr_array_unref (d.results);
    }
  g_assert_cmpuint (f->n_scored, >, 100);
}

/* Years removed by another program while score --all-years reads them (the app, in WAL):
 * the caller listed them in its snapshot, where they still are; the second thread's own
 * snapshot, taken later, no longer has them. Every year is still delivered, scored as in the
 * caller's snapshot, not an error the caller's connection would not give. */
static void
test_score_each_while_removed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func ((GDestroyNotify) par_assessment_free);
  g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  g_autoptr(GError) error = NULL;
  Delivered d = { f, g_array_new (FALSE, FALSE, sizeof (gint64)),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref), G_MAXUINT };
  gboolean began = par_store_begin_read (f->store);
  ParStore *other;

  g_assert_true (began);
  for (int round = 0; round < 20; round++)
    for (guint i = 0; i < f->ids->len; i++)
      {
        ParAssessment *a = par_store_get_assessment (f->store, g_array_index (f->ids, gint64, i),
                                                     &error);
        g_assert_no_error (error);
        g_ptr_array_add (years, a);
        if (round == 0)
          {
            g_ptr_array_add (want, par_store_score_assessment (f->store, a->id, &error));
            g_assert_no_error (error);
          }
      }

  other = par_store_open (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < f->ids->len; i++)
    {
      par_store_remove_assessment (other, g_array_index (f->ids, gint64, i), TRUE,
                                   "removed while scored", &error);
      g_assert_no_error (error);
    }
  g_object_unref (other);

  g_assert_true (par_store_score_each (f->store, years, 2, collect_scored, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (d.ids->len, ==, years->len);
  for (guint i = 0; i < years->len; i++)
    {
      const ParAssessment *a = g_ptr_array_index (years, i);
      ParResult *alone = g_ptr_array_index (want, i % f->ids->len);

      g_assert_cmpint (g_array_index (d.ids, gint64, i), ==, a->id);
      assert_node_equal (d.results->pdata[i], alone,
                         par_framework_get_root (par_result_get_framework (alone)), f);
    }
  par_store_end_read (f->store, began);
  g_array_unref (d.ids);
  g_ptr_array_unref (d.results);
  g_assert_cmpuint (f->n_scored, >, 100);
}

/* The same values in other JSON forms (as other tools may write them): a space after every
 * colon and comma, a number unquoted, a character escaped, a null and an empty value — the
 * store reads these with json_each (), to the same entries and scores. */
static void
test_demo_other_forms (Fixture       *f,
                       gconstpointer  data)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int changed;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_exec (db,
    /* integers unquoted: "4891" → 4891 (read back as the same text) */
    "UPDATE entries SET inputs = ("
    "  SELECT json_group_object (key, CASE WHEN value GLOB '[1-9]*' AND value NOT GLOB '*[^0-9]*' "
    "                                   THEN CAST (value AS INTEGER) ELSE value END) "
    "  FROM json_each (inputs)) WHERE (assessment_id + unicode (substr (code, -1))) % 3 = 0 AND inputs <> '{}';"
    /* spaces, an escaped solidus, a null and an empty value, which mean "not entered" */
    "UPDATE entries SET inputs = ' ' || replace (replace (inputs, '\":', '\" : '), ',\"', ', \"') "
    "  WHERE (assessment_id + unicode (substr (code, -1))) % 3 = 1;"
    "UPDATE entries SET inputs = json_set (inputs, '$.zz_null', json ('null'), '$.zz_empty', '') "
    "  WHERE (assessment_id + unicode (substr (code, -1))) % 3 = 2;"
    "UPDATE entries SET inputs = replace (inputs, '-', '\\u002d') WHERE (assessment_id + unicode (substr (code, -1))) % 3 = 2;",
    NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  changed = sqlite3_total_changes (db);
  sqlite3_close (db);
  g_assert_cmpint (changed, >, 100);

  assert_store_reads_as_reference (f);
  g_assert_cmpuint (f->n_inputs, >, 500);
  g_assert_cmpuint (f->n_scored, >, 100);
}

/* An entry made with room for its figures' text (as the store reads one): what fits is kept in
 * the entry's block, what does not is allocated; replacing, removing, clearing and freeing
 * either kind frees only what was allocated (an interior pointer freed aborts the test). */
static void
test_entry_inputs_room (void)
{
  ParEntry *entry = par_entry_new_with_room ("1.1.4", 16);
  const char *long_value = "123456789012345678901234567890";

  g_assert_cmpstr (entry->code, ==, "1.1.4");
  par_entry_set_input (entry, "a", "4891");           /* 7 bytes of 16 */
  par_entry_set_input (entry, "b", "20");             /* 5 more */
  g_assert_true (entry->inputs[0].id > (char *) entry && entry->inputs[0].id < entry->room_end);
  g_assert_true (entry->inputs[1].id > (char *) entry && entry->inputs[1].id < entry->room_end);
  par_entry_set_input (entry, "c", long_value);       /* does not fit: allocated */
  g_assert_false (entry->inputs[2].id > (char *) entry && entry->inputs[2].id < entry->room_end);
  g_assert_cmpstr (par_entry_get_input (entry, "a"), ==, "4891");
  g_assert_cmpstr (par_entry_get_input (entry, "b"), ==, "20");
  g_assert_cmpstr (par_entry_get_input (entry, "c"), ==, long_value);
  par_entry_set_input (entry, "a", "4");               /* replaced: 3 bytes, still room */
  par_entry_set_input (entry, "c", "7");               /* allocated one replaced */
  par_entry_set_input (entry, "b", NULL);              /* removed */
  g_assert_cmpuint (entry->n_inputs, ==, 2);
  g_assert_cmpstr (par_entry_get_input (entry, "a"), ==, "4");
  g_assert_cmpstr (par_entry_get_input (entry, "c"), ==, "7");
  g_assert_null (par_entry_get_input (entry, "b"));
  par_entry_clear_inputs (entry);
  g_assert_cmpuint (entry->n_inputs, ==, 0);
  par_entry_set_input (entry, "d", long_value);
  g_assert_cmpstr (par_entry_get_input (entry, "d"), ==, long_value);
  par_entry_free (entry);
}

/* Entries made in an arena (as the store reads a year to score it): several share a block;
 * each reads and changes as any entry; they are freed in any order, before or after the arena,
 * and a block is freed with its last entry (under valgrind or ASan, a leak or a double free
 * fails; an interior pointer freed aborts). */
static void
test_entry_arena (void)
{
  ParEntryArena *arena = par_entry_arena_new (1024);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);
  const char *long_value = "123456789012345678901234567890";
  ParEntry *kept;

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *code = g_strdup_printf ("1.%d.9-and-more", i);
      ParEntry *e = par_entry_arena_add (arena, code, strlen (code) - strlen ("-and-more"), 12);

      par_entry_set_input (e, "a", "4891");
      par_entry_set_input (e, "b", "20");
      if (i % 5 == 0)
        par_entry_set_input (e, "c", long_value);     /* past the room: allocated */
      e->has_self = TRUE;
      e->self = i;
      g_ptr_array_add (entries, e);
    }
  /* 40 entries of ~200 bytes in blocks of 1 KiB: more than one block. */
  g_assert_true (((ParEntry *) entries->pdata[0])->block != ((ParEntry *) entries->pdata[39])->block);
  g_assert_true (((ParEntry *) entries->pdata[0])->block == ((ParEntry *) entries->pdata[1])->block);
  for (int i = 0; i < 40; i++)
    {
      const ParEntry *e = entries->pdata[i];
      g_autofree char *code = g_strdup_printf ("1.%d.9", i);

      g_assert_cmpstr (e->code, ==, code);
      g_assert_cmpstr (par_entry_get_input (e, "a"), ==, "4891");
      g_assert_cmpstr (par_entry_get_input (e, "b"), ==, "20");
      g_assert_cmpstr (par_entry_get_input (e, "c"), ==, i % 5 == 0 ? long_value : NULL);
      g_assert_cmpint (e->self, ==, i);
    }
  /* One taken out of the array outlives the arena and the rest of its block. */
  kept = g_ptr_array_steal_index (entries, 7);
  par_entry_arena_free (arena);
  g_ptr_array_remove_index (entries, 20);              /* freed in the middle */
  g_ptr_array_set_size (entries, 10);                  /* the last ones first */
  par_entry_set_input (kept, "d", long_value);
  g_assert_cmpstr (par_entry_get_input (kept, "d"), ==, long_value);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_cmpstr (kept->code, ==, "1.7.9");
  g_assert_cmpstr (par_entry_get_input (kept, "a"), ==, "4891");
  par_entry_free (kept);

  /* An arena freed before it made any entry, and one whose entry is larger than its blocks. */
  par_entry_arena_free (par_entry_arena_new (0));
  arena = par_entry_arena_new (1024);
  kept = par_entry_arena_add (arena, "9.9", 3, 4000);
  par_entry_set_input (kept, "x", long_value);
  g_assert_true (kept->inputs[0].id > (char *) kept && kept->inputs[0].id < kept->room_end);
  par_entry_arena_free (arena);
  g_assert_cmpstr (par_entry_get_input (kept, "x"), ==, long_value);
  par_entry_free (kept);
}

/* The flat array of figures: set, replaced, removed (the rest keep their order), looked up,
 * copied, compared, cleared; it grows past 2, 4, 8. */
static void
test_entry_inputs (void)
{
  g_autoptr(ParEntry) entry = par_entry_new ("1.1.4");
  g_autoptr(ParEntry) copy = NULL;

  g_assert_cmpuint (entry->n_inputs, ==, 0);
  g_assert_null (par_entry_get_input (entry, "done"));
  par_entry_set_input (entry, "done", "19");
  par_entry_set_input (entry, "planned", "20");
  par_entry_set_input (entry, "note", "");           /* not entered: not kept */
  par_entry_set_input (entry, "done", "4891");       /* replaced in place */
  g_assert_cmpuint (entry->n_inputs, ==, 2);
  g_assert_cmpstr (entry->inputs[0].id, ==, "done");
  g_assert_cmpstr (entry->inputs[0].value, ==, "4891");
  g_assert_cmpstr (par_entry_get_input (entry, "planned"), ==, "20");
  g_assert_null (par_entry_get_input (entry, "plan"));
  g_assert_null (par_entry_get_input (entry, NULL));
  par_entry_set_input_len (entry, "datexyz", 4, "2023-01-14 and more", 10);
  g_assert_cmpstr (par_entry_get_input (entry, "date"), ==, "2023-01-14");
  g_assert_null (par_entry_get_input (entry, "datexyz"));

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%d", i);
      g_autofree char *value = g_strdup_printf ("%d", i * 7);
      par_entry_set_input (entry, id, value);
    }
  g_assert_cmpuint (entry->n_inputs, ==, 13);
  par_entry_set_input (entry, "planned", NULL);      /* removed; the rest keep their order */
  g_assert_cmpuint (entry->n_inputs, ==, 12);
  g_assert_cmpstr (entry->inputs[1].id, ==, "date");
  g_assert_cmpstr (entry->inputs[2].id, ==, "x0");
  g_assert_cmpstr (par_entry_get_input (entry, "x9"), ==, "63");

  copy = par_entry_copy (entry);
  g_assert_true (par_entry_equal (copy, entry));
  par_entry_set_input (copy, "x3", "22");
  g_assert_false (par_entry_equal (copy, entry));
  par_entry_set_input (copy, "x3", "21");
  g_assert_true (par_entry_equal (copy, entry));
  par_entry_set_input (copy, "x3", NULL);
  g_assert_false (par_entry_equal (copy, entry));
  par_entry_clear_inputs (copy);
  g_assert_cmpuint (copy->n_inputs, ==, 0);
  g_assert_null (par_entry_get_input (copy, "done"));
  par_entry_set_input (copy, "done", "1");
  g_assert_cmpstr (par_entry_get_input (copy, "done"), ==, "1");

  /* Removed down to one figure, then grown again past 2 and 4 (the array is kept, not re-made
   * at 1). */
  for (int i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%d", i);
      par_entry_set_input (entry, id, NULL);
    }
  par_entry_set_input (entry, "date", NULL);
  g_assert_cmpuint (entry->n_inputs, ==, 1);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("y%d", i);
      g_autofree char *value = g_strdup_printf ("%d", 100 + i);
      par_entry_set_input (entry, id, value);
    }
  g_assert_cmpuint (entry->n_inputs, ==, 7);
  g_assert_cmpstr (entry->inputs[0].value, ==, "4891");
  g_assert_cmpstr (par_entry_get_input (entry, "y0"), ==, "100");
  g_assert_cmpstr (par_entry_get_input (entry, "y5"), ==, "105");

  /* Every figure removed one by one, then set again: back to the room in the entry's block. */
  par_entry_set_input (entry, "done", NULL);
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("y%d", i);
      par_entry_set_input (entry, id, NULL);
    }
  g_assert_cmpuint (entry->n_inputs, ==, 0);
  g_assert_null (par_entry_get_input (entry, "y0"));
  par_entry_set_input (entry, "done", "7");
  par_entry_set_input (entry, "planned", "8");
  par_entry_set_input (entry, "x", "9");
  g_assert_cmpuint (entry->n_inputs, ==, 3);
  g_assert_cmpstr (par_entry_get_input (entry, "done"), ==, "7");
  g_assert_cmpstr (par_entry_get_input (entry, "x"), ==, "9");

  /* The code is the entry's own copy (stored with it), and may be absent. */
  g_assert_cmpstr (entry->code, ==, "1.1.4");
  g_assert_cmpstr (copy->code, ==, "1.1.4");
  g_assert_true (copy->code != entry->code);
  {
    g_autoptr(ParEntry) bare = par_entry_new (NULL);
    g_assert_null (bare->code);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/entries-read/entry-inputs", test_entry_inputs);
  g_test_add_func ("/entries-read/entry-inputs-room", test_entry_inputs_room);
  g_test_add_func ("/entries-read/entry-arena", test_entry_arena);
  g_test_add ("/entries-read/demo", Fixture, NULL, fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/entries-read/demo-other-forms", Fixture, NULL, fixture_setup,
              test_demo_other_forms, fixture_teardown);
  g_test_add ("/entries-read/score-each", Fixture, NULL, fixture_setup, test_score_each,
              fixture_teardown);
  g_test_add ("/entries-read/score-each-while-removed", Fixture, NULL, fixture_setup,
              test_score_each_while_removed, fixture_teardown);
  return g_test_run ();
}
