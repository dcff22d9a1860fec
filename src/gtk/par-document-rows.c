/* par-document-rows.c — the list of stored documents that the document choosers show.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-display.h"
#include "par-document-rows.h"

#define ID_KEY    "par-document-row-id"
#define FIRST_KEY "par-document-row-first"

/* "45/BC-KCNĐN · 14/01/2020" over "Báo cáo 6 tháng — Ban Quản lý". */
static GtkWidget *
document_row (const ParDocument *document,
              gboolean           first)
{
  GtkWidget *row = par_plain_action_row_new ();
  g_autofree char *date = par_format_date_dmy (document->issue_date);
  g_autofree char *title = *date != '\0' ? g_strdup_printf (_("%s · %s"), document->number, date)
                                         : g_strdup (document->number);
  g_autoptr(GString) subtitle = g_string_new (document->summary);

  if (document->issuer != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " — " : "", document->issuer);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  par_accessible_set_name (row, title);
  g_object_set_data_full (G_OBJECT (row), ID_KEY, g_memdup2 (&document->id, sizeof (gint64)), g_free);
  g_object_set_data (G_OBJECT (row), FIRST_KEY, GINT_TO_POINTER (first));
  return row;
}

/**
 * par_document_rows_fill:
 * @box: the list to fill; its rows are removed first
 * @search: (nullable): text to look for in the number, issuer or summary, ignoring case and
 *   Vietnamese diacritics (the store's search); %NULL or "" for every document
 * @first: (nullable) (element-type gint64 gint64): ids of the documents listed before the
 *   others (the year's documents)
 * @decorate: (nullable) (scope call): called on each document's row before it is appended
 *
 * Appends a row for each document found: those in @first, then the others, each group in the
 * store's order (by issue date, undated last), at most %PAR_DOCUMENT_ROWS_MAX in all.
 *
 * Returns: how many documents are shown, or -1 with @error set when the store could not list
 *   them (@box is then empty).
 */
int
par_document_rows_fill (GtkListBox          *box,
                        ParStore            *store,
                        const char          *search,
                        GHashTable          *first,
                        ParDocumentRowFunc   decorate,
                        gpointer             data,
                        GError             **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  GtkWidget *child;
  int shown = 0;

  g_return_val_if_fail (GTK_IS_LIST_BOX (box), -1);
  g_return_val_if_fail (PAR_IS_STORE (store), -1);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
  documents = par_store_list_documents (store, search != NULL && *search != '\0' ? search : NULL, error);
  if (documents == NULL)
    return -1;
  for (guint pass = first != NULL ? 0 : 1; pass < 2; pass++)
    for (guint i = 0; i < documents->len && shown < PAR_DOCUMENT_ROWS_MAX; i++)
      {
        const ParDocument *document = documents->pdata[i];
        gboolean in_first = first != NULL && g_hash_table_contains (first, &document->id);
        GtkWidget *row;

        if (first != NULL && in_first != (pass == 0))
          continue;
        row = document_row (document, in_first);
        if (decorate != NULL)
          decorate (ADW_ACTION_ROW (row), document, in_first, data);
        gtk_list_box_append (box, row);
        shown++;
      }
  return shown;
}

/* The document a row of par_document_rows_fill() stands for; 0 for any other row. */
gint64
par_document_row_get_id (GtkListBoxRow *row)
{
  gint64 *id;

  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), 0);
  id = g_object_get_data (G_OBJECT (row), ID_KEY);
  return id != NULL ? *id : 0;
}

/* Whether a row's document is one of the fill's @first. */
gboolean
par_document_row_is_first (GtkListBoxRow *row)
{
  g_return_val_if_fail (GTK_IS_LIST_BOX_ROW (row), FALSE);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), FIRST_KEY));
}
