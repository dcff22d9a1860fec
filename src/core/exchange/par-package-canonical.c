/* par-package-canonical.c — a package's canonical form, which its seal hashes (data/PACKAGE.md).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Exchange"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-package-private.h"

/* Quotes @text as SEAL.md does (\" \\ and \u00XX for controls); NULL is "-". */
static void
append_quoted (GString    *out,
               const char *text)
{
  if (text == NULL)
    {
      g_string_append_c (out, '-');
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p < 0x20 || *p == 0x7f)
        g_string_append_printf (out, "\\u%04x", *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The package's canonical form (PACKAGE.md): the year's canonical text, then the package's own
 * lines and its audit trail, sorted. Its SHA-256 is the package's seal. */
char *
par_package_canonical (sqlite3     *db,
                   const char  *year_canonical,
                   const char  *display,
                   GError     **error)
{
  static const char *keys[] = { "format", "kind", "unit", "level", "year", "status", "round",
                                "created-at", "created-by", "year-seal", "reply-deadline",
                                NULL };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  GString *out;
  int rc;

  if (!par_package_prepare (db, "SELECT key, value FROM parscore_package", &stmt, display, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      GString *line;

      if (!g_strv_contains (keys, key))
        continue;
      line = g_string_new ("package ");
      g_string_append_printf (line, "%s\t", key);
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE ||
      !par_package_prepare (db, "SELECT id, at, what, old_value, new_value, actor, "
                                "reason FROM package_audit", &stmt, display, error))
    {
      if (rc != SQLITE_DONE)
        g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                     _("The package “%s” cannot be read (%s). Nothing was imported."), display,
                     sqlite3_errmsg (db));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "audit %08" G_GINT64_FORMAT "\t",
                              (gint64) sqlite3_column_int64 (stmt, 0));
      for (int c = 1; c <= 6; c++)
        {
          if (c > 1)
            g_string_append_c (line, ' ');
          append_quoted (line, (const char *) sqlite3_column_text (stmt, c));
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, PAR_ERROR, PAR_ERROR_INTEGRITY,
                   _("The package “%s” cannot be read (%s). Nothing was imported."), display,
                   sqlite3_errmsg (db));
      return NULL;
    }
  /* The unit's replies (a reply package; none in the others). */
  if (!par_package_prepare (db, "SELECT code, text, actor FROM replies", &stmt, display, error))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *line = g_string_new (NULL);

      g_string_append_printf (line, "reply %s\t", sqlite3_column_text (stmt, 0));
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append_c (line, ' ');
      append_quoted (line, (const char *) sqlite3_column_text (stmt, 2));
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  sqlite3_finalize (stmt);
  g_ptr_array_sort (lines, compare_strings);
  out = g_string_new (year_canonical);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, lines->pdata[i]);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
