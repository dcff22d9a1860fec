/* bench-startup-db.c — the large database the window benchmarks open: 50 units × 10 years ×
 * 100 sub-criteria, each sub-criterion of each year backed by 5 documents (250,000 evidence
 * documents and links). Unit 1 is made through the store's API; the other 49 are copies of
 * it, renumbered, written in one transaction (see copy_unit()). Kept in the build folder
 * between runs.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-startup-db.h"

#define UNITS 50
#define YEARS 10
#define FIELDS 10
#define CRITERIA 2
#define SUBS 5          /* per criterion: 10 × 2 × 5 = 100 sub-criteria */
#define DOCUMENTS 5     /* per sub-criterion and year */

/* 100 sub-criteria of 1 point, each a ratio rule on two figures. */
static char *
framework_xml (void)
{
  GString *xml = g_string_new (NULL);

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<criteria-set xmlns=\"urn:x-parscore:criteria-set:1\" xml:lang=\"vi\" "
                   "id=\"bench-startup\" max=\"100\" sample=\"true\">\n"
                   "  <title>Bộ chỉ số đo hiệu năng (100 tiêu chí thành phần)</title>\n"
                   "  <decision number=\"01/QĐ-BENCH\" date=\"2023-01-05\" issuer=\"Ủy ban nhân dân tỉnh\">Đo hiệu năng</decision>\n"
                   "  <years from=\"2010\" to=\"2030\"/>\n"
                   "  <level>department</level>\n"
                   "  <bands><band name=\"Tốt\" from=\"80\"/><band name=\"Khá\" from=\"50\"/><band name=\"Yếu\" from=\"0\"/></bands>\n");
  for (int f = 1; f <= FIELDS; f++)
    {
      g_string_append_printf (xml, "  <field code=\"%d\" max=\"%d\">\n    <title>Lĩnh vực cải cách hành chính số %d</title>\n",
                              f, CRITERIA * SUBS, f);
      for (int c = 1; c <= CRITERIA; c++)
        {
          g_string_append_printf (xml, "    <criterion code=\"%d.%d\" max=\"%d\">\n      <title>Tiêu chí %d.%d về kế hoạch và kết quả thực hiện</title>\n",
                                  f, c, SUBS, f, c);
          for (int s = 1; s <= SUBS; s++)
            g_string_append_printf (xml,
                                    "      <sub code=\"%d.%d.%d\" max=\"1\" not-applicable=\"allowed\">\n"
                                    "        <title>Tỷ lệ nhiệm vụ %d.%d.%d hoàn thành đúng hạn trong năm</title>\n"
                                    "        <description>Trên 90%%: 1 điểm; từ 70%% đến 90%%: 0,5 điểm; dưới 70%%: 0 điểm.</description>\n"
                                    "        <evidence><hint>Báo cáo CCHC năm</hint><hint>Kế hoạch CCHC năm</hint></evidence>\n"
                                    "        <inputs>\n"
                                    "          <input id=\"done\" type=\"integer\" label=\"Số nhiệm vụ hoàn thành\" unit=\"nhiệm vụ\"/>\n"
                                    "          <input id=\"planned\" type=\"integer\" label=\"Tổng số nhiệm vụ\" unit=\"nhiệm vụ\"/>\n"
                                    "        </inputs>\n"
                                    "        <rule type=\"ratio-tiers\" numerator=\"done\" denominator=\"planned\">\n"
                                    "          <tier above=\"90\" points=\"1\"/><tier from=\"70\" points=\"0.5\"/>\n"
                                    "        </rule>\n"
                                    "      </sub>\n",
                                    f, c, s, f, c, s);
          g_string_append (xml, "    </criterion>\n");
        }
      g_string_append (xml, "  </field>\n");
    }
  g_string_append (xml, "</criteria-set>\n");
  return g_string_free (xml, FALSE);
}

static gboolean
is_complete (const char *path)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GPtrArray) last = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  store = par_store_open (path, NULL);
  if (store == NULL)
    return FALSE;
  units = par_store_list_units (store, NULL);
  if (units == NULL || units->len != UNITS)
    return FALSE;
  last = par_store_list_assessments (store, ((ParUnit *) g_ptr_array_index (units, UNITS - 1))->id, NULL);
  return last != NULL && last->len == YEARS;
}

/* One unit's ten years, through the store's API as the app writes them (one transaction per
 * call: unit, assessment, document, link, entries; each audited). */
static gboolean
build_unit (ParStore      *store,
            ParFramework  *framework,
            gint64         row,
            int            u,
            GError       **error)
{
  g_autofree char *name = g_strdup_printf ("Sở thứ %02d của tỉnh", u + 1);
  GPtrArray *leaves = par_framework_get_leaves (framework);
  gint64 unit = par_store_add_unit (store, name, PAR_LEVEL_DEPARTMENT, error);
  guint32 seed = 12345;

  if (unit <= 0)
    return FALSE;
  for (int y = 0; y < YEARS; y++)
    {
      gint64 assessment = par_store_create_assessment (store, unit, 2014 + y, row, error);
      g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) par_entry_free);

      if (assessment <= 0)
        return FALSE;
      for (guint l = 0; l < leaves->len; l++)
        {
          const ParNode *leaf = g_ptr_array_index (leaves, l);
          ParEntry *entry = par_entry_new (leaf->code);
          char done[16], planned[16];

          seed = seed * 1103515245 + 12345;
          g_snprintf (planned, sizeof planned, "%u", 20 + (seed >> 16) % 80);
          g_snprintf (done, sizeof done, "%u", (seed >> 8) % (20 + (seed >> 16) % 80 + 1));
          par_entry_set_input (entry, "done", done);
          par_entry_set_input (entry, "planned", planned);
          g_ptr_array_add (entries, entry);

          for (int d = 0; d < DOCUMENTS; d++)
            {
              ParDocument document = { 0 };
              ParEvidenceLink link = { 0 };
              g_autofree char *number = g_strdup_printf ("%d/KH-S%02d", (int) (l * DOCUMENTS + d + 1), u + 1);
              g_autofree char *date = g_strdup_printf ("%d-%02d-%02d", 2014 + y, 1 + d, 10 + d);
              g_autofree char *summary = g_strdup_printf ("Kế hoạch thực hiện nhiệm vụ %s năm %d", leaf->code, 2014 + y);

              document.kind = (char *) "KH";
              document.number = number;
              document.issue_date = date;
              document.issuer = name;
              document.summary = summary;
              link.document_id = par_store_add_document (store, &document, error);
              if (link.document_id <= 0)
                return FALSE;
              link.assessment_id = assessment;
              link.code = leaf->code;
              if (!par_store_link_evidence (store, &link, error))
                return FALSE;
            }
        }
      if (!par_store_save_entries (store, assessment, entries, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
sql_ok (sqlite3     *db,
        int          rc,
        GError     **error)
{
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, "bench database: %s", sqlite3_errmsg (db));
  return FALSE;
}

static gint64
sql_int (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

typedef struct {
  gint64 k;           /* copy number: unit 1 + k */
  gint64 units, assessments, documents;   /* id offsets of copy 1 (ids of unit 1 are 1…max) */
} Renumber;

static gboolean
renumber_cb (const GMatchInfo *match,
             GString          *out,
             gpointer          data)
{
  const Renumber *r = data;
  g_autofree char *kind = g_match_info_fetch (match, 1);
  g_autofree char *number = g_match_info_fetch (match, 2);
  gint64 id = g_ascii_strtoll (number, NULL, 10);

  if (strcmp (kind, "unit") == 0)
    id += r->k * r->units;
  else if (strcmp (kind, "assessment") == 0)
    id += r->k * r->assessments;
  else
    id += r->k * r->documents;   /* "document N", "evidence N" */
  g_string_append_printf (out, "%s %" G_GINT64_FORMAT, kind, id);
  return FALSE;
}

static char *
retext (const char *text,
        const char *name,
        const char *mark)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GString *s;

  if (text == NULL)
    return NULL;
  s = g_string_new (text);
  g_string_replace (s, "Sở thứ 01 của tỉnh", name, 0);
  g_string_replace (s, "-S01", mark, 0);
  return g_string_free (s, FALSE);
}

/* Units 2…UNITS as copies of unit 1, every row renumbered (units, assessments, documents and
 * their links, entries, and the audit log's rows for them, names and document numbers made
 * the copy's own), in one transaction straight on the file. The result is what the API
 * would have written, without half a million fsync'd transactions (743 s for 10 units on
 * this loaded machine). */
static gboolean
copy_unit (const char  *path,
           GError     **error)
{
  static const char *const tables[] = {
    "INSERT INTO units (id, name, level, created_at) "
    "SELECT id + ?1 * ?2, ?5, level, created_at FROM units WHERE id = 1",
    "INSERT INTO assessments (id, unit_id, year, framework_row, status, created_at) "
    "SELECT id + ?1 * ?3, unit_id + ?1 * ?2, year, framework_row, status, created_at "
    "FROM assessments WHERE unit_id = 1",
    "INSERT INTO documents (id, kind, number, issue_date, issuer, summary) "
    "SELECT id + ?1 * ?4, kind, replace (number, '-S01', ?6), issue_date, ?5, summary "
    "FROM documents WHERE id <= ?4",
    "INSERT INTO evidence_links (document_id, assessment_id, code, section, pages) "
    "SELECT document_id + ?1 * ?4, assessment_id + ?1 * ?3, code, section, pages "
    "FROM evidence_links WHERE assessment_id <= ?3",
    "INSERT INTO entries (assessment_id, code, inputs, self_score, not_applicable, "
    "explanation, appraised_score, survey_score, comment) "
    "SELECT assessment_id + ?1 * ?3, code, inputs, self_score, not_applicable, explanation, "
    "appraised_score, survey_score, comment FROM entries WHERE assessment_id <= ?3",
  };
  g_autoptr(GRegex) ids = g_regex_new ("\\b(unit|assessment|document|evidence) ([0-9]+)", 0, 0, NULL);
  g_autoptr(GPtrArray) audit = g_ptr_array_new_with_free_func (g_free);  /* 6 per row */
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  Renumber r = { 0 };
  gboolean ok = FALSE;

  if (!sql_ok (db, sqlite3_open (path, &db), error) ||
      !sql_ok (db, sqlite3_exec (db, "PRAGMA foreign_keys = ON; BEGIN IMMEDIATE", NULL, NULL, NULL), error))
    goto out;
  r.units = sql_int (db, "SELECT max (id) FROM units");
  r.assessments = sql_int (db, "SELECT max (id) FROM assessments");
  r.documents = sql_int (db, "SELECT max (id) FROM documents");
  if (r.units != 1 || r.assessments != YEARS)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, "bench database: unit 1 is not alone");
      goto out;
    }

  /* Unit 1's audit rows: from its "unit 1 added" on. */
  if (!sql_ok (db, sqlite3_prepare_v2 (db, "SELECT at, what, old_value, new_value, actor, reason "
                                       "FROM audit_log WHERE id >= (SELECT id FROM audit_log "
                                       "WHERE what = 'unit 1 added') ORDER BY id", -1, &stmt, NULL), error))
    goto out;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < 6; c++)
      g_ptr_array_add (audit, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
  sqlite3_finalize (stmt);
  stmt = NULL;

  for (r.k = 1; r.k < UNITS; r.k++)
    {
      g_autofree char *name = g_strdup_printf ("Sở thứ %02d của tỉnh", (int) r.k + 1);
      g_autofree char *mark = g_strdup_printf ("-S%02d", (int) r.k + 1);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        {
          if (!sql_ok (db, sqlite3_prepare_v2 (db, tables[t], -1, &stmt, NULL), error))
            goto out;
          sqlite3_bind_int64 (stmt, 1, r.k);
          sqlite3_bind_int64 (stmt, 2, r.units);
          sqlite3_bind_int64 (stmt, 3, r.assessments);
          sqlite3_bind_int64 (stmt, 4, r.documents);
          sqlite3_bind_text (stmt, 5, name, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, mark, -1, SQLITE_STATIC);
          if (!sql_ok (db, sqlite3_step (stmt), error))
            goto out;
          sqlite3_finalize (stmt);
          stmt = NULL;
        }

      if (!sql_ok (db, sqlite3_prepare_v2 (db, "INSERT INTO audit_log (at, what, old_value, "
                                           "new_value, actor, reason) VALUES (?, ?, ?, ?, ?, ?)",
                                           -1, &stmt, NULL), error))
        goto out;
      for (guint i = 0; i < audit->len; i += 6)
        {
          g_autofree char *what = g_regex_replace_eval (ids, g_ptr_array_index (audit, i + 1), -1, 0, 0,
                                                        renumber_cb, &r, NULL);
          g_autofree char *old_value = retext (g_ptr_array_index (audit, i + 2), name, mark);
          g_autofree char *new_value = retext (g_ptr_array_index (audit, i + 3), name, mark);

          sqlite3_bind_text (stmt, 1, g_ptr_array_index (audit, i), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, what, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, old_value, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, new_value, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, g_ptr_array_index (audit, i + 4), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, g_ptr_array_index (audit, i + 5), -1, SQLITE_STATIC);
          if (!sql_ok (db, sqlite3_step (stmt), error))
            goto out;
          sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }
  ok = sql_ok (db, sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), error);

out:
  sqlite3_finalize (stmt);
  if (!ok && db != NULL)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

/* Where to build: a memory-backed folder when there is one (no fsync costs there), else
 * beside @path. */
static char *
build_dir_for (const char *path)
{
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && access ("/dev/shm", W_OK) == 0)
    return g_strdup ("/dev/shm");
  return g_path_get_dirname (path);
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strdup_printf ("%s-wal", path);
  g_autofree char *shm = g_strdup_printf ("%s-shm", path);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

gboolean
bench_startup_db (const char  *path,
                  GError     **error)
{
  g_autoptr(ParStore) store = NULL;
  g_autoptr(ParFramework) framework = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *part = NULL;
  gint64 row;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = FALSE;

  if (is_complete (path))
    return TRUE;

  /* Built elsewhere, then copied beside and renamed: an interrupted build is never taken for
   * a complete one. */
  dir = build_dir_for (path);
  name = g_strdup_printf ("parscore-bench-startup-%d.db", (int) getpid ());
  tmp = g_build_filename (dir, name, NULL);
  part = g_strdup_printf ("%s.part", path);
  remove_db (tmp);
  remove_db (part);

  fprintf (stderr, "bench: building %s (%d units × %d years × %d sub-criteria × %d documents) in %s…\n",
           path, UNITS, YEARS, FIELDS * CRITERIA * SUBS, DOCUMENTS, dir);
  {
    char *xml = framework_xml ();
    bytes = g_bytes_new_take (xml, strlen (xml));
  }
  framework = par_framework_load_bytes (bytes, "bench-startup.xml", error);
  if (framework == NULL)
    goto out;
  store = par_store_open (tmp, error);
  if (store == NULL)
    goto out;
  row = par_store_import_framework (store, framework, error);
  if (row <= 0 || !build_unit (store, framework, row, 0, error))
    goto out;
  g_clear_object (&store);
  fprintf (stderr, "bench: unit 1 through the store, %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  if (!copy_unit (tmp, error))
    goto out;
  fprintf (stderr, "bench: units 2–%d copied from it, %.1f s\n", UNITS, (g_get_monotonic_time () - t0) / 1e6);

  /* The store opens it as the app does (and checks it is whole) before it is kept. */
  store = par_store_open (tmp, error);
  if (store == NULL)
    goto out;
  g_clear_object (&store);
  {
    g_autoptr(GFile) from = g_file_new_for_path (tmp);
    g_autoptr(GFile) to = g_file_new_for_path (part);

    if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
      goto out;
  }
  if (!is_complete (part))
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_STORE, "bench database %s is incomplete", part);
      goto out;
    }
  if (g_rename (part, path) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "rename %s: %s", part, g_strerror (errno));
      goto out;
    }
  fprintf (stderr, "bench: database ready in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  ok = TRUE;

out:
  g_clear_object (&store);
  remove_db (tmp);
  if (!ok)
    remove_db (part);
  return ok;
}
