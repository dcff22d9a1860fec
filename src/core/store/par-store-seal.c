/* par-store-seal.c — seals of submitted and appraised years.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A locked year is written in a canonical text (data/SEAL.md: one fact per line, sorted) and
 * the text and its SHA-256 are kept in the `seals` table. Checking recomputes the text; when
 * the hash differs, the two texts are compared line by line to name what changed. The text
 * holds no row ids, so a submission package holding the same year gets the same seal.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Store"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-figure.h"
#include "par-seal.h"
#include "par-store-private.h"

/* The versions of the canonical form (data/SEAL.md): 1 before figure values were sealed, 2 with
 * them, 3 with the register rows too, 4 with the evidence document each row links (and that
 * document's description and files). A seal is always checked in the form it was made in, so a
 * seal made by an older version verifies as it did; sealing writes the newest form
 * (PAR_SEAL_VERSION). */
static const char *const seal_formats[] = { NULL, "parscore-seal 1", "parscore-seal 2",
                                            "parscore-seal 3", "parscore-seal 4" };
G_STATIC_ASSERT (G_N_ELEMENTS (seal_formats) == PAR_SEAL_VERSION + 1);

void
par_seal_change_free (ParSealChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_free (change->sealed);
  g_free (change->now);
  g_free (change->description);
  g_free (change);
}

void
par_seal_check_free (ParSealCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->unit_name);
  g_free (check->sealed_at);
  g_free (check->sealed_sha256);
  g_free (check->actual_sha256);
  g_clear_pointer (&check->changes, g_ptr_array_unref);
  g_free (check->summary);
  g_free (check);
}

/* ------------------------------------------------------------------------------------------ */
/* The canonical text                                                                         */

/* Quotes @text as SEAL.md says: \" \\ and \u00XX for the C0 controls and DEL. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static char *
quoted (const char *text)
{
  GString *out = g_string_new (NULL);

  append_quoted (out, text);
  return g_string_free (out, FALSE);
}

/* Stored hundredths as "150.00", "-0.25": exact, never localised. */
static char *
points_text (gint64 hundredths)
{
  guint64 magnitude = hundredths < 0 ? -(guint64) hundredths : (guint64) hundredths;

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", hundredths < 0 ? "-" : "",
                          magnitude / 100, (guint) (magnitude % 100));
}

static void
add_line (GPtrArray  *lines,
          const char *key,
          const char *value)
{
  g_ptr_array_add (lines, g_strconcat (key, "\t", value, NULL));
}

/* One line per row of @sql (its ?1 the year): the first column is the key, the second the
 * value, quoted. The key is made in SQL, so each fact's collector is its query. */
static gboolean
collect_quoted (ParStore    *self,
                const char  *sql,
                gint64       assessment_id,
                GPtrArray   *lines,
                GError     **error)
{
  g_autoptr(ParStmt) stmt = par_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *value = quoted ((const char *) sqlite3_column_text (stmt, 1));

      add_line (lines, (const char *) sqlite3_column_text (stmt, 0), value);
    }
  return rc != 0;
}

static void
add_entry_points (GPtrArray     *lines,
                  ParStmt       *stmt,
                  int            column,
                  const char    *code,
                  const char    *field)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;
  key = g_strdup_printf ("entry %s %s", code, field);
  value = points_text (sqlite3_column_int64 (stmt, column));
  add_line (lines, key, value);
}

static void
add_entry_text (GPtrArray     *lines,
                ParStmt       *stmt,
                int            column,
                const char    *code,
                const char    *field)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (text == NULL)
    return;
  key = g_strdup_printf ("entry %s %s", code, field);
  value = quoted (text);
  add_line (lines, key, value);
}

static gboolean
collect_entries (ParStore   *self,
                 gint64      assessment_id,
                 gboolean    with_council,
                 GPtrArray  *lines,
                 GError    **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT code, self_score, not_applicable, explanation, "
                            "appraised_score, survey_score, comment "
                            "FROM entries WHERE assessment_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);

      add_entry_points (lines, stmt, 1, code, "self");
      if (sqlite3_column_int (stmt, 2) != 0)
        {
          g_autofree char *key = g_strdup_printf ("entry %s not-applicable", code);
          add_line (lines, key, "yes");
        }
      add_entry_text (lines, stmt, 3, code, "explanation");
      if (with_council)
        {
          add_entry_points (lines, stmt, 4, code, "appraised");
          add_entry_points (lines, stmt, 5, code, "survey");
          add_entry_text (lines, stmt, 6, code, "comment");
        }
    }
  if (rc == 0)
    return FALSE;
  par_stmt_release (g_steal_pointer (&stmt));

  /* Figures one per line, so a change names the figure. */
  return collect_quoted (self,
                         "SELECT 'entry ' || e.code || ' input ' || j.key, coalesce (j.value, '') "
                         "FROM entries e, json_each (e.inputs) j WHERE e.assessment_id = ?1",
                         assessment_id, lines, error);
}

/* Version 4 cites a document by a register row too (schema 9); earlier versions by evidence
 * links only. */
#define CITED_DOCUMENTS_4 \
  "(SELECT document_id FROM evidence_links WHERE assessment_id = ?1 UNION " \
  "SELECT document_id FROM register_rows WHERE assessment_id = ?1)"
#define CITED_DOCUMENTS_1 "(SELECT document_id FROM evidence_links WHERE assessment_id = ?1)"

static gboolean
collect_evidence (ParStore   *self,
                  gint64      assessment_id,
                  guint       version,
                  GPtrArray  *lines,
                  GError    **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  stmt = par_store_prepare (self,
                            "SELECT l.code, d.number, l.section, l.pages FROM evidence_links l "
                            "JOIN documents d ON d.id = l.document_id WHERE l.assessment_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *number = quoted ((const char *) sqlite3_column_text (stmt, 1));
      g_autofree char *key = g_strdup_printf ("evidence %s %s", sqlite3_column_text (stmt, 0),
                                              number);
      g_autoptr(GString) value = g_string_new (NULL);
      const char *section = (const char *) sqlite3_column_text (stmt, 2);
      const char *pages = (const char *) sqlite3_column_text (stmt, 3);

      if (section != NULL)
        {
          g_string_append (value, "section ");
          append_quoted (value, section);
        }
      if (pages != NULL)
        {
          g_string_append (value, value->len > 0 ? " pages " : "pages ");
          append_quoted (value, pages);
        }
      add_line (lines, key, value->str);
    }
  if (rc == 0)
    return FALSE;
  par_stmt_release (g_steal_pointer (&stmt));

  stmt = par_store_prepare (self,
                            version >= 4
                            ? "SELECT kind, number, issue_date, issuer, summary FROM documents "
                              "WHERE id IN " CITED_DOCUMENTS_4
                            : "SELECT kind, number, issue_date, issuer, summary FROM documents "
                              "WHERE id IN " CITED_DOCUMENTS_1, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *number = quoted ((const char *) sqlite3_column_text (stmt, 1));
      const char *fields[] = { "kind", NULL, "date", "issuer", "summary" };

      for (int column = 0; column < 5; column++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, column);
          g_autofree char *key = NULL;
          g_autofree char *value = NULL;

          if (fields[column] == NULL || text == NULL)
            continue;
          key = g_strdup_printf ("document %s %s", number, fields[column]);
          value = column == 2 ? g_strdup (text) : quoted (text);
          add_line (lines, key, value);
        }
    }
  if (rc == 0)
    return FALSE;
  par_stmt_release (g_steal_pointer (&stmt));

  stmt = par_store_prepare (self,
                            version >= 4
                            ? "SELECT d.number, a.sha256, a.size, a.original_name FROM attachments a "
                              "JOIN documents d ON d.id = a.document_id "
                              "WHERE a.document_id IN " CITED_DOCUMENTS_4
                            : "SELECT d.number, a.sha256, a.size, a.original_name FROM attachments a "
                              "JOIN documents d ON d.id = a.document_id "
                              "WHERE a.document_id IN " CITED_DOCUMENTS_1, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *number = quoted ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *name = quoted ((const char *) sqlite3_column_text (stmt, 3));
      g_autofree char *key = g_strdup_printf ("document %s file %s", number,
                                              sqlite3_column_text (stmt, 1));
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                                (gint64) sqlite3_column_int64 (stmt, 2), name);

      add_line (lines, key, value);
    }
  return rc != 0;
}

/* Version 2: the year's figure values (criteria-set format 2), one per figure and period part,
 * so a change names the figure and the period. */
static gboolean
collect_figures (ParStore   *self,
                 gint64      assessment_id,
                 GPtrArray  *lines,
                 GError    **error)
{
  return collect_quoted (self,
                         "SELECT 'figure ' || figure || ' ' || period, value FROM figure_values "
                         "WHERE assessment_id = ?1",
                         assessment_id, lines, error);
}

/* Version 4: the evidence document each row links (schema 9), "register ID NNNNNN document"
 * with the document's quoted number/symbol, as evidence lines name documents. */
static gboolean
collect_register_links (ParStore   *self,
                        gint64      assessment_id,
                        GPtrArray  *lines,
                        GError    **error)
{
  return collect_quoted (self,
                         "SELECT printf ('register %s %06d document', r.register, r.position), d.number "
                         "FROM register_rows r JOIN documents d ON d.id = r.document_id "
                         "WHERE r.assessment_id = ?1",
                         assessment_id, lines, error);
}

/* Version 3: the year's register rows (criteria-set format 2, schema 8), one line per row,
 * "register ID NNNNNN" (its position, six digits so the lines keep the rows' order) with its
 * filled cells by column id: a change names the register and the row. */
static gboolean
collect_registers (ParStore   *self,
                   gint64      assessment_id,
                   GPtrArray  *lines,
                   GError    **error)
{
  g_autoptr(ParStmt) stmt = NULL;
  g_autoptr(GString) cells = g_string_new (NULL);
  g_autofree char *key = NULL;
  gint64 current = -1;
  int rc;

  /* Cells in column-id order: BINARY collation is strcmp's byte order. */
  stmt = par_store_prepare (self,
                            "SELECT r.id, r.register, r.position, c.col, c.kind, c.value "
                            "FROM register_rows r LEFT JOIN register_cells c ON c.row_id = r.id "
                            "WHERE r.assessment_id = ?1 ORDER BY r.register, r.position, c.col",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *value = NULL;

      if (sqlite3_column_int64 (stmt, 0) != current)
        {
          if (key != NULL)
            add_line (lines, key, cells->str);
          g_free (key);
          key = g_strdup_printf ("register %s %06d", sqlite3_column_text (stmt, 1),
                                 sqlite3_column_int (stmt, 2));
          g_string_truncate (cells, 0);
          current = sqlite3_column_int64 (stmt, 0);
        }
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        continue;
      /* Yes/no is kept as 1 or 0; its canonical text (par-registers.h) is true or false. */
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "yes-no") == 0 &&
          sqlite3_column_type (stmt, 5) == SQLITE_INTEGER)
        value = quoted (sqlite3_column_int64 (stmt, 5) != 0 ? "true" : "false");
      else
        value = quoted ((const char *) sqlite3_column_text (stmt, 5));
      if (cells->len > 0)
        g_string_append_c (cells, ' ');
      g_string_append_printf (cells, "%s %s", sqlite3_column_text (stmt, 3), value);
    }
  if (rc == 0)
    return FALSE;
  if (key != NULL)
    add_line (lines, key, cells->str);
  return TRUE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * par_seal_text_version:
 * @canonical: (nullable): a canonical text, as a seal keeps it
 *
 * Returns: the version of the canonical form @canonical is written in (its `format` line), or
 *   0 when it names none this version of Parscore knows.
 */
guint
par_seal_text_version (const char *canonical)
{
  const char *line;

  if (canonical == NULL)
    return 0;
  /* Lines are sorted: "format\t…" is found by its key wherever it is. */
  line = g_str_has_prefix (canonical, "format\t") ? canonical : strstr (canonical, "\nformat\t");
  if (line == NULL)
    return 0;
  line += line[0] == '\n' ? strlen ("\nformat\t") : strlen ("format\t");
  for (guint version = 1; version <= PAR_SEAL_VERSION; version++)
    {
      gsize n = strlen (seal_formats[version]);

      if (strncmp (line, seal_formats[version], n) == 0 && (line[n] == '\n' || line[n] == '\0'))
        return version;
    }
  return 0;
}

/**
 * par_store_canonical_year_version:
 * @assessment_id: the year (a unit's assessment)
 * @status: %PAR_STATUS_SUBMITTED or %PAR_STATUS_APPRAISED: which form (the council's fields
 *   are only in the appraised one)
 * @version: the version of the form, 1 to %PAR_SEAL_VERSION (version 1 has no figure values,
 *   version 2 no register rows)
 *
 * Writes the year in the canonical form of data/SEAL.md, in the given version: what a seal of
 * that version is the SHA-256 of.
 *
 * Returns: (transfer full): the text, or %NULL with @error set.
 */
char *
par_store_canonical_year_version (ParStore   *self,
                                  gint64      assessment_id,
                                  ParStatus   status,
                                  guint       version,
                                  GError    **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ParStmt) stmt = NULL;
  GString *out;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);
  g_return_val_if_fail (status == PAR_STATUS_SUBMITTED || status == PAR_STATUS_APPRAISED, NULL);
  g_return_val_if_fail (version >= 1 && version <= PAR_SEAL_VERSION, NULL);

  stmt = par_store_prepare (self,
                            "SELECT a.year, f.sha256 FROM assessments a "
                            "JOIN frameworks f ON f.id = a.framework_row WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  if (!par_store_step_assessment (self, stmt, assessment_id, error))
    return NULL;
  add_line (lines, "format", seal_formats[version]);
  {
    g_autofree char *year = g_strdup_printf ("%d", sqlite3_column_int (stmt, 0));
    add_line (lines, "year", year);
  }
  add_line (lines, "status", par_status_to_string (status));
  add_line (lines, "criteria-set", (const char *) sqlite3_column_text (stmt, 1));
  par_stmt_release (g_steal_pointer (&stmt));

  if (!collect_entries (self, assessment_id, status == PAR_STATUS_APPRAISED, lines, error) ||
      !collect_evidence (self, assessment_id, version, lines, error) ||
      (version >= 2 && !collect_figures (self, assessment_id, lines, error)) ||
      (version >= 3 && !collect_registers (self, assessment_id, lines, error)) ||
      (version >= 4 && !collect_register_links (self, assessment_id, lines, error)))
    return NULL;

  g_ptr_array_sort (lines, compare_lines);
  out = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/**
 * par_store_canonical_year:
 * @assessment_id: the year (a unit's assessment)
 * @status: %PAR_STATUS_SUBMITTED or %PAR_STATUS_APPRAISED: which form (the council's fields
 *   are only in the appraised one)
 *
 * Writes the year in the canonical form of data/SEAL.md, the text its seal is the SHA-256 of,
 * in the version this Parscore seals with (%PAR_SEAL_VERSION).
 *
 * Returns: (transfer full): the text, or %NULL with @error set.
 */
char *
par_store_canonical_year (ParStore   *self,
                          gint64      assessment_id,
                          ParStatus   status,
                          GError    **error)
{
  return par_store_canonical_year_version (self, assessment_id, status, PAR_SEAL_VERSION, error);
}

/**
 * par_seal_hash:
 * @canonical: a text from par_store_canonical_year()
 *
 * Returns: (transfer full): its SHA-256, lower-case hex.
 */
char *
par_seal_hash (const char *canonical)
{
  g_return_val_if_fail (canonical != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Sealing, inside the store's write transactions                                             */

/* Records a seal of the year as it is now, in the form of @status. The latest seal of a year
 * keeps its text (to name changes later); earlier ones keep their hash, as history. */
static gboolean seal_year (ParStore    *self,
                           gint64       assessment_id,
                           ParStatus    status,
                           guint        version,
                           const char  *reason,
                           gboolean     audited,
                           GError     **error);

gboolean
par_store_seal_in_tx (ParStore    *self,
                      gint64       assessment_id,
                      ParStatus    status,
                      const char  *reason,
                      GError     **error)
{
  return seal_year (self, assessment_id, status, PAR_SEAL_VERSION, reason, TRUE, error);
}

/* @version: of the canonical form; older only inside a migration, where the tables a newer
 * form reads may not exist yet. @audited: FALSE inside a migration, where the audit log may
 * not have today's columns yet (the seal row keeps its time and reason). */
static gboolean
seal_year (ParStore    *self,
           gint64       assessment_id,
           ParStatus    status,
           guint        version,
           const char  *reason,
           gboolean     audited,
           GError     **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *what = NULL;
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_assert (self->in_transaction);
  g_assert (status != PAR_STATUS_DRAFT);

  canonical = par_store_canonical_year_version (self, assessment_id, status, version, error);
  if (canonical == NULL)
    return FALSE;
  sha256 = par_seal_hash (canonical);

  stmt = par_store_prepare (self, "SELECT sha256 FROM seals WHERE assessment_id = ?1 "
                                  "ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    previous = par_stmt_column_text (stmt, 0);
  par_stmt_release (g_steal_pointer (&stmt));

  stmt = par_store_prepare (self, "UPDATE seals SET canonical = NULL WHERE assessment_id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  if (!par_store_run (self, stmt, error))
    return FALSE;
  par_stmt_release (g_steal_pointer (&stmt));

  stmt = par_store_prepare (self,
                            "INSERT INTO seals (assessment_id, status, sha256, canonical, "
                            "sealed_at, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  par_stmt_bind_text (stmt, 2, par_status_to_string (status));
  par_stmt_bind_text (stmt, 3, sha256);
  par_stmt_bind_text (stmt, 4, canonical);
  par_stmt_bind_text (stmt, 5, self->tx_now);
  par_stmt_bind_text (stmt, 6, reason);
  if (!par_store_run (self, stmt, error))
    return FALSE;

  if (!audited)
    return TRUE;
  /* Not "assessment N …": the year's audit view lists changes to the year, not its seals. */
  what = g_strdup_printf ("seal of assessment %" G_GINT64_FORMAT " (%s)", assessment_id, reason);
  return par_store_audit (self, what, previous, sha256, error);
}

/* A document's description changed: every locked year citing it (by an evidence link or a
 * register row) is sealed again. */
/* Seals each year @stmt lists (columns: id, status; a status it cannot read is passed over),
 * once the query is done: sealing writes to the tables the query reads.
 * Takes @stmt. */
static gboolean
seal_years (ParStore    *self,
            ParStmt     *stmt,
            guint        version,
            const char  *reason,
            gboolean     audited,
            GError     **error)
{
  g_autoptr(ParStmt) query = stmt;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (ParStatus));
  int rc;

  while ((rc = par_store_step (self, query, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (query, 0);
      ParStatus status;

      if (!par_status_from_string ((const char *) sqlite3_column_text (query, 1), &status))
        continue;
      g_array_append_val (ids, id);
      g_array_append_val (statuses, status);
    }
  if (rc == 0)
    return FALSE;
  par_stmt_release (g_steal_pointer (&query));

  for (guint i = 0; i < ids->len; i++)
    if (!seal_year (self, g_array_index (ids, gint64, i), g_array_index (statuses, ParStatus, i),
                    version, reason, audited, error))
      return FALSE;
  return TRUE;
}

gboolean
par_store_reseal_citing_in_tx (ParStore    *self,
                               gint64       document_id,
                               const char  *reason,
                               GError     **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  stmt = par_store_prepare (self,
                            "SELECT DISTINCT a.id, a.status FROM assessments a "
                            "WHERE a.status <> 'draft' AND a.id IN "
                            "(SELECT assessment_id FROM evidence_links WHERE document_id = ?1 "
                            "UNION SELECT assessment_id FROM register_rows WHERE document_id = ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  return seal_years (self, g_steal_pointer (&stmt), PAR_SEAL_VERSION, reason, TRUE, error);
}

/* In the migration that adds seals: years locked before seals existed get their first one. */
gboolean
par_store_seal_unsealed_in_tx (ParStore  *self,
                               GError   **error)
{
  g_autoptr(ParStmt) stmt = NULL;

  g_assert (self->in_transaction);

  stmt = par_store_prepare (self,
                            "SELECT id, status FROM assessments WHERE status <> 'draft' AND "
                            "id NOT IN (SELECT assessment_id FROM seals)", error);
  if (stmt == NULL)
    return FALSE;
  /* Version 1: the step adding seals (schema 4) comes before figure values (schema 6). */
  return seal_years (self, g_steal_pointer (&stmt), 1, "locked before seals existed", FALSE, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Checking                                                                                   */

/* Splits "KEY\tVALUE" lines into key → values (in order). */
static GHashTable *
parse_lines (const char *text,
             GPtrArray  *keys_in_order)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      GPtrArray *values;

      if (tab == NULL)
        continue;
      *tab = '\0';
      values = g_hash_table_lookup (map, lines[i]);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (map, g_strdup (lines[i]), values);
          if (keys_in_order != NULL)
            g_ptr_array_add (keys_in_order, g_strdup (lines[i]));
        }
      g_ptr_array_add (values, g_strdup (tab + 1));
    }
  return map;
}

/* "q1" → "Q1", "year" → "Year", "m07" → "Month 7" (translated); a key of no period as it is. */
static const char *
period_part_label (const char *key)
{
  static const ParPeriod periods[] = { PAR_PERIOD_YEAR, PAR_PERIOD_HALF, PAR_PERIOD_QUARTER,
                                       PAR_PERIOD_MONTH };
  guint part;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (par_period_parse_part (periods[i], key, &part))
      return par_period_part_label (periods[i], part);
  return key;
}

/* "entry 1.1.4 appraised" → subject "1.1.4", field "appraised score" (translated). */
static void
describe_key (const char  *key,
              char       **subject,
              char       **field)
{
  g_auto(GStrv) words = g_strsplit (key, " ", 4);
  guint n = g_strv_length (words);

  *subject = NULL;
  if (n == 3 && g_str_equal (words[0], "figure"))
    {
      /* TRANSLATORS: a figure of the year (criteria-set format 2), by its id */
      *subject = g_strdup_printf (_("figure “%s”"), words[1]);
      *field = g_strdup (period_part_label (words[2]));
      return;
    }
  if (n == 3 && g_str_equal (words[0], "register"))
    {
      /* TRANSLATORS: a register (the office's books: criteria-set format 2), by its id */
      *subject = g_strdup_printf (_("register “%s”"), words[1]);
      /* TRANSLATORS: a row of a register, counted from 1 */
      *field = g_strdup_printf (_("row %d"), atoi (words[2]));
      return;
    }
  if (n == 4 && g_str_equal (words[0], "register") && g_str_equal (words[3], "document"))
    {
      *subject = g_strdup_printf (_("register “%s”"), words[1]);
      /* TRANSLATORS: the evidence document a register's row links (seal version 4) */
      *field = g_strdup_printf (_("row %d, evidence document"), atoi (words[2]));
      return;
    }
  if (n >= 3 && g_str_equal (words[0], "entry"))
    {
      const char *name = words[2];

      *subject = g_strdup (words[1]);
      if (g_str_equal (name, "input") && n == 4)
        *field = g_strdup_printf (_("figure “%s”"), words[3]);
      else if (g_str_equal (name, "self"))
        *field = g_strdup (_("self-assessed score"));
      else if (g_str_equal (name, "appraised"))
        *field = g_strdup (_("appraised score"));
      else if (g_str_equal (name, "survey"))
        *field = g_strdup (_("survey score"));
      else if (g_str_equal (name, "not-applicable"))
        *field = g_strdup (_("not applicable"));
      else if (g_str_equal (name, "explanation"))
        *field = g_strdup (_("explanation"));
      else if (g_str_equal (name, "comment"))
        *field = g_strdup (_("council comment"));
      else
        *field = g_strdup (name);
      return;
    }
  if (n >= 3 && g_str_equal (words[0], "evidence"))
    {
      /* The document's number is quoted and may hold spaces: everything after the code. */
      const char *rest = key + strlen ("evidence ") + strlen (words[1]) + 1;

      *subject = g_strdup (words[1]);
      *field = g_strdup_printf (_("evidence %s"), rest);
      return;
    }
  if (g_str_has_prefix (key, "document \""))
    {
      /* document "NUMBER" FIELD [SHA]: find the end of the quoted number. */
      const char *p = key + strlen ("document \"");

      while (*p != '\0' && *p != '"')
        p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
      if (*p == '"')
        {
          const char *rest = p + 1;

          *subject = g_strdup_printf (_("document %.*s"), (int) (rest - key - strlen ("document ")),
                                      key + strlen ("document "));
          rest += *rest == ' ' ? 1 : 0;
          if (g_str_has_prefix (rest, "file "))
            *field = g_strdup_printf (_("file %.12s…"), rest + strlen ("file "));
          else if (g_str_equal (rest, "kind"))
            *field = g_strdup (_("kind"));
          else if (g_str_equal (rest, "date"))
            *field = g_strdup (_("date"));
          else if (g_str_equal (rest, "issuer"))
            *field = g_strdup (_("issuer"));
          else if (g_str_equal (rest, "summary"))
            *field = g_strdup (_("summary"));
          else
            *field = g_strdup (rest);
          return;
        }
    }
  if (g_str_equal (key, "status"))
    *field = g_strdup (_("status"));
  else if (g_str_equal (key, "year"))
    *field = g_strdup (_("year"));
  else if (g_str_equal (key, "criteria-set"))
    *field = g_strdup (_("criteria set"));
  else
    *field = g_strdup (key);
}

static ParSealChange *
change_new (const char *key,
            const char *sealed,
            const char *now)
{
  ParSealChange *change = g_new0 (ParSealChange, 1);
  g_autofree char *subject = NULL;
  g_autofree char *field = NULL;
  g_autofree char *what = NULL;

  change->key = g_strdup (key);
  change->sealed = g_strdup (sealed);
  change->now = g_strdup (now);

  describe_key (key, &subject, &field);
  /* TRANSLATORS: "1.1.4, appraised score" or "document "06/KH", issuer". */
  what = subject != NULL ? g_strdup_printf (C_("seal change", "%s, %s"), subject, field)
                         : g_strdup (field);
  if (sealed != NULL && now != NULL)
    /* TRANSLATORS: "1.1.4, appraised score: 1.50 when sealed, 150.00 now." */
    change->description = g_strdup_printf (_("%s: %s when sealed, %s now."), what, sealed, now);
  else if (now != NULL)
    change->description = g_strdup_printf (_("%s: %s added after the seal."), what, now);
  else
    change->description = g_strdup_printf (_("%s: %s when sealed, gone now."), what, sealed);
  return change;
}

static GPtrArray *
diff_canonical (const char *sealed_text,
                const char *now_text)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) sealed = parse_lines (sealed_text, keys);
  g_autoptr(GHashTable) now = parse_lines (now_text, keys);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_seal_change_free);

  g_ptr_array_sort (keys, compare_lines);
  for (guint k = 0; k < keys->len; k++)
    {
      const char *key = keys->pdata[k];
      GPtrArray *before = g_hash_table_lookup (sealed, key);
      GPtrArray *after = g_hash_table_lookup (now, key);
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();
      g_autoptr(GPtrArray) added = g_ptr_array_new ();
      g_autofree gboolean *matched = g_new0 (gboolean, after != NULL ? after->len + 1 : 1);

      if (!g_hash_table_add (seen, (gpointer) key))
        continue;
      /* The values of one key as multisets: what is only on one side changed. */
      for (guint i = 0; before != NULL && i < before->len; i++)
        {
          gboolean found = FALSE;

          for (guint j = 0; after != NULL && j < after->len && !found; j++)
            if (!matched[j] && g_str_equal (before->pdata[i], after->pdata[j]))
              found = matched[j] = TRUE;
          if (!found)
            g_ptr_array_add (gone, before->pdata[i]);
        }
      for (guint j = 0; after != NULL && j < after->len; j++)
        if (!matched[j])
          g_ptr_array_add (added, after->pdata[j]);

      for (guint i = 0; i < MAX (gone->len, added->len); i++)
        g_ptr_array_add (changes,
                         change_new (key, i < gone->len ? gone->pdata[i] : NULL,
                                     i < added->len ? added->pdata[i] : NULL));
    }
  return changes;
}

/**
 * par_seal_diff:
 * @before: a canonical text (par_store_canonical_year())
 * @after: another
 *
 * Names what differs between two canonical texts of a year, as a broken seal names it (a
 * package replacing an earlier one shows what it changes).
 *
 * Returns: (transfer full) (element-type ParSealChange): the differences, by key.
 */
GPtrArray *
par_seal_diff (const char *before,
               const char *after)
{
  g_return_val_if_fail (before != NULL && after != NULL, NULL);
  return diff_canonical (before, after);
}

static char *
display_date (const char *iso)
{
  g_autoptr(GDateTime) when = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return when != NULL ? g_date_time_format (when, "%d/%m/%Y") : g_strdup (iso);
}

/**
 * par_store_check_seal:
 * @assessment_id: a year
 *
 * Recomputes the year's canonical form and compares it with its latest seal.
 *
 * Returns: (transfer full): the verdict, with every difference named; %NULL with @error set
 *   when the year cannot be read.
 */
ParSealCheck *
par_store_check_seal (ParStore    *self,
                      gint64       assessment_id,
                      GError     **error)
{
  g_autoptr(ParSealCheck) check = g_new0 (ParSealCheck, 1);
  g_auto(ParAssessmentState) state = { 0 };
  g_autoptr(ParStmt) stmt = NULL;
  g_autofree char *sealed_text = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *sealed_text_sha256 = NULL;
  g_autofree char *when = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  if (!par_store_assessment_state (self, assessment_id, &state, error))
    return NULL;
  check->assessment_id = assessment_id;
  check->year = state.year;
  check->unit_name = g_strdup (state.unit_name);
  check->status = state.status;
  check->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_seal_change_free);

  stmt = par_store_prepare (self,
                            "SELECT sha256, canonical, sealed_at FROM seals "
                            "WHERE assessment_id = ?1 ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, assessment_id);
  rc = par_store_step (self, stmt, error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      check->sealed_sha256 = par_stmt_column_text (stmt, 0);
      sealed_text = par_stmt_column_text (stmt, 1);
      check->sealed_at = par_stmt_column_text (stmt, 2);
    }
  par_stmt_release (g_steal_pointer (&stmt));

  if (state.status == PAR_STATUS_DRAFT)
    {
      check->state = PAR_SEAL_NOT_LOCKED;
      check->summary = g_strdup_printf (_("The %d self-assessment of %s is a draft: nothing is "
                                          "sealed."), state.year, state.unit_name);
      return g_steal_pointer (&check);
    }

  /* In the form the seal was made in: a seal made before figure values were sealed still
   * verifies as it did. */
  check->version = par_seal_text_version (sealed_text);
  if (check->version == 0)
    check->version = PAR_SEAL_VERSION;
  if (sealed_text != NULL)
    sealed_text_sha256 = par_seal_hash (sealed_text);
  if (check->sealed_sha256 != NULL && g_strcmp0 (sealed_text_sha256, check->sealed_sha256) != 0)
    /* The seal's own text was altered (its version with it, maybe): the form whose hash is the
     * sealed one, if any is. */
    for (guint version = PAR_SEAL_VERSION; version >= 1; version--)
      {
        g_autofree char *text = par_store_canonical_year_version (self, assessment_id,
                                                                  state.status, version, error);
        g_autofree char *hash = NULL;

        if (text == NULL)
          return NULL;
        hash = par_seal_hash (text);
        if (g_str_equal (hash, check->sealed_sha256))
          {
            check->version = version;
            break;
          }
      }
  now_text = par_store_canonical_year_version (self, assessment_id, state.status, check->version,
                                               error);
  if (now_text == NULL)
    return NULL;
  check->actual_sha256 = par_seal_hash (now_text);

  if (check->sealed_sha256 == NULL)
    {
      check->state = PAR_SEAL_MISSING;
      check->summary = g_strdup_printf (_("The %d self-assessment of %s is locked but has no "
                                          "seal: it cannot be checked for changes."),
                                        state.year, state.unit_name);
      return g_steal_pointer (&check);
    }

  when = display_date (check->sealed_at);
  if (g_str_equal (check->sealed_sha256, check->actual_sha256))
    {
      check->state = PAR_SEAL_INTACT;
      check->summary = g_strdup_printf (_("The %d self-assessment of %s is unchanged since it "
                                          "was sealed on %s."), state.year, state.unit_name, when);
      return g_steal_pointer (&check);
    }

  check->state = PAR_SEAL_BROKEN;
  if (g_strcmp0 (sealed_text_sha256, check->sealed_sha256) == 0)
    {
      g_ptr_array_unref (check->changes);
      check->changes = diff_canonical (sealed_text, now_text);
    }
  else
    /* The seal's own text was altered too: the hash alone says the year changed. */
    g_ptr_array_add (check->changes,
                     change_new ("seal", check->sealed_sha256, check->actual_sha256));
  check->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The %d self-assessment of %s changed after it "
                                                 "was sealed on %s: %u difference.",
                                                 "The %d self-assessment of %s changed after it "
                                                 "was sealed on %s: %u differences.",
                                                 check->changes->len),
                                    state.year, state.unit_name, when, check->changes->len);
  return g_steal_pointer (&check);
}

/**
 * par_store_check_seals:
 *
 * Checks the seal of every submitted or appraised year.
 *
 * Returns: (transfer full) (element-type ParSealCheck): by unit, then year; %NULL with @error
 *   set on failure.
 */
GPtrArray *
par_store_check_seals (ParStore  *self,
                       GError   **error)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) par_seal_check_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(ParStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PAR_IS_STORE (self), NULL);

  stmt = par_store_prepare (self,
                            "SELECT id FROM assessments WHERE status <> 'draft' "
                            "ORDER BY unit_id, year", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = par_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc == 0)
    return NULL;
  par_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < ids->len; i++)
    {
      ParSealCheck *check = par_store_check_seal (self, g_array_index (ids, gint64, i), error);

      if (check == NULL)
        return NULL;
      g_ptr_array_add (checks, check);
    }
  return g_steal_pointer (&checks);
}
