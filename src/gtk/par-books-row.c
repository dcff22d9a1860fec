/* par-books-row.c — one row of a register as the Books page edits it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-books-row.h"

struct _ParBooksRow
{
  GObject            parent_instance;

  const ParRegister *reg;      /* borrowed: the page keeps the set while it shows the row */
  guint              n;        /* reg's columns, kept for finalize (the set may be gone) */
  char             **cells;    /* n_columns, NULL where empty */
  char             **saved;    /* the last cells that passed the check, NULL when none */
  char             **refused;  /* n_columns: text typed and refused, NULL where none */
  char             **messages; /* n_columns: the core's message for refused[c] */
  char              *folded;   /* cached search text, NULL when stale */
  gint64             row_id;   /* the stored row it is (0: not stored yet): keeps its identity */
  gint64             document; /* the evidence document it links, 0 for none */
  char              *document_label;  /* its number/symbol, "45/BC-KCNĐN" */
  char              *document_text;   /* its number, date, summary and issuer (a tooltip) */
};

G_DEFINE_FINAL_TYPE (ParBooksRow, par_books_row, G_TYPE_OBJECT)

static guint
n_columns (ParBooksRow *self)
{
  return self->n;
}

static char **
copy_cells (const char * const *cells,
            guint               n)
{
  char **copy = g_new0 (char *, n + 1);

  for (guint c = 0; c < n && cells != NULL; c++)
    copy[c] = cells[c] != NULL && cells[c][0] != '\0' ? g_strdup (cells[c]) : NULL;
  return copy;
}

static void
free_cells (char **cells,
            guint  n)
{
  if (cells == NULL)
    return;
  for (guint c = 0; c < n; c++)
    g_free (cells[c]);
  g_free (cells);
}

ParBooksRow *
par_books_row_new (const ParRegister  *reg,
                   const char * const *cells,
                   gboolean            stored)
{
  ParBooksRow *self;

  g_return_val_if_fail (reg != NULL, NULL);

  self = g_object_new (PAR_TYPE_BOOKS_ROW, NULL);
  self->reg = reg;
  self->n = reg->columns->len;
  self->cells = copy_cells (cells, reg->columns->len);
  self->saved = stored ? copy_cells (cells, reg->columns->len) : NULL;
  self->refused = g_new0 (char *, reg->columns->len + 1);
  self->messages = g_new0 (char *, reg->columns->len + 1);
  return self;
}

const ParRegister *
par_books_row_get_register (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  return self->reg;
}

const char *
par_books_row_get_cell (ParBooksRow *self,
                        guint        column)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  g_return_val_if_fail (column < n_columns (self), NULL);
  return self->cells[column];
}

const char * const *
par_books_row_get_cells (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  return (const char * const *) self->cells;
}

void
par_books_row_set_cell (ParBooksRow *self,
                        guint        column,
                        const char  *canonical)
{
  g_return_if_fail (PAR_IS_BOOKS_ROW (self));
  g_return_if_fail (column < n_columns (self));

  g_free (self->cells[column]);
  self->cells[column] = canonical != NULL && canonical[0] != '\0' ? g_strdup (canonical) : NULL;
  par_books_row_set_refused (self, column, NULL, NULL);
  g_clear_pointer (&self->folded, g_free);
}

void
par_books_row_set_refused (ParBooksRow *self,
                           guint        column,
                           const char  *typed,
                           const char  *message)
{
  g_return_if_fail (PAR_IS_BOOKS_ROW (self));
  g_return_if_fail (column < n_columns (self));

  g_free (self->refused[column]);
  g_free (self->messages[column]);
  self->refused[column] = g_strdup (typed);
  self->messages[column] = g_strdup (message);
}

const char *
par_books_row_get_refused (ParBooksRow  *self,
                           guint         column,
                           const char  **message)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  g_return_val_if_fail (column < n_columns (self), NULL);

  if (message != NULL)
    *message = self->messages[column];
  return self->refused[column];
}

gboolean
par_books_row_check (ParBooksRow  *self,
                     guint        *bad_column,
                     char        **message)
{
  g_autoptr(GError) error = NULL;
  guint bad = 0;

  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), FALSE);

  for (guint c = 0; c < n_columns (self); c++)
    if (self->refused[c] != NULL)
      {
        if (bad_column != NULL)
          *bad_column = c;
        if (message != NULL)
          *message = g_strdup (self->messages[c]);
        return FALSE;
      }
  if (par_register_check_row (self->reg, (const char * const *) self->cells, &bad, &error))
    return TRUE;
  if (bad_column != NULL)
    *bad_column = bad;
  if (message != NULL)
    *message = g_strdup (error->message);
  return FALSE;
}

const char * const *
par_books_row_get_savable (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);

  if (par_books_row_check (self, NULL, NULL))
    return (const char * const *) self->cells;
  return (const char * const *) self->saved;
}

void
par_books_row_mark_saved (ParBooksRow *self)
{
  g_return_if_fail (PAR_IS_BOOKS_ROW (self));

  if (!par_books_row_check (self, NULL, NULL))
    return;
  free_cells (self->saved, n_columns (self));
  self->saved = copy_cells ((const char * const *) self->cells, n_columns (self));
}

const char *
par_books_row_get_folded (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);

  if (self->folded == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      char sep = par_points_decimal_separator ();

      for (guint c = 0; c < n_columns (self); c++)
        {
          g_autofree char *shown = par_register_cell_display (self->reg->columns->pdata[c],
                                                              self->cells[c], sep);
          g_string_append (text, shown);
          g_string_append (text, "\n");
        }
      /* The document it links is found by its number too ("61/BC"). */
      if (self->document_label != NULL)
        g_string_append (text, self->document_label);
      self->folded = par_fold_for_search (text->str);
    }
  return self->folded;
}

void
par_books_row_set_row_id (ParBooksRow *self,
                          gint64       row_id)
{
  g_return_if_fail (PAR_IS_BOOKS_ROW (self));
  self->row_id = row_id;
}

gint64
par_books_row_get_row_id (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), 0);
  return self->row_id;
}

void
par_books_row_set_document (ParBooksRow *self,
                            gint64       document_id,
                            const char  *label,
                            const char  *text)
{
  g_return_if_fail (PAR_IS_BOOKS_ROW (self));
  g_return_if_fail (document_id >= 0);

  self->document = document_id;
  g_clear_pointer (&self->folded, g_free);
  g_free (self->document_label);
  g_free (self->document_text);
  self->document_label = document_id > 0 ? g_strdup (label) : NULL;
  self->document_text = document_id > 0 ? g_strdup (text != NULL ? text : label) : NULL;
}

gint64
par_books_row_get_document (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), 0);
  return self->document;
}

const char *
par_books_row_get_document_label (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  return self->document_label;
}

const char *
par_books_row_get_document_text (ParBooksRow *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (self), NULL);
  return self->document_text;
}

static void
par_books_row_finalize (GObject *object)
{
  ParBooksRow *self = PAR_BOOKS_ROW (object);
  guint n = n_columns (self);

  free_cells (self->cells, n);
  free_cells (self->saved, n);
  free_cells (self->refused, n);
  free_cells (self->messages, n);
  g_free (self->folded);
  g_free (self->document_label);
  g_free (self->document_text);
  G_OBJECT_CLASS (par_books_row_parent_class)->finalize (object);
}

static void
par_books_row_class_init (ParBooksRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_books_row_finalize;
}

static void
par_books_row_init (ParBooksRow *self)
{
}
