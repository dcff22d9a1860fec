/* par-books-page.c — a year's books (issue 13): the registers of the year's criteria set in a
 * sidebar with their row counts, the register chosen as an editable table (par-books-table.c),
 * and beside it the figures it feeds with the points of the sub-criteria that read them,
 * evaluated from the rows as they are typed (par_figures_evaluate_with_rows). Edits are written
 * through the app's writer shortly after typing (or on Enter, or when the page is left), a
 * register at a time, by the store's one write (par_store_set_register_rows: the core's check of
 * every row, audited, all or nothing). A row the core refuses is shown with its message and not
 * written: the store keeps its last good cells.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "par-books-io.h"
#include "par-books-link.h"
#include "par-books-page.h"
#include "par-display.h"
#include "par-document-dialog.h"
#include "par-writer.h"

/* How long after the last key the typed rows are written (as the Figures page). */
#define SAVE_DELAY_MS 600

struct _ParBooksPage
{
  GtkWidget           parent_instance;

  AdwWindowTitle     *window_title;
  GtkLabel           *intro_label;
  GtkListBox         *registers_list;
  GtkStack           *tables_stack;
  GtkListBox         *figures_list;
  GtkSearchEntry     *search_entry;
  GtkBox             *books_io_box;
  GtkBox             *tools_box;
  GtkToggleButton    *due_toggle;

  ParAssessmentModel *model;
  ParContext         *context;
  ParFramework       *framework;
  gint64              assessment_id;
  int                 year;
  char               *refusal;     /* why edits are refused, NULL when they are not */
  ParFigureValues    *values;      /* the year's entered figures (the registers' are computed) */
  GHashTable         *evidence;    /* code → GUINT_TO_POINTER (documents linked) */
  GHashTable         *tables;      /* register id → ParBooksTable* (owned by the stack) */
  GHashTable         *counts;      /* register id → GtkLabel* of the sidebar */
  GHashTable         *figure_rows; /* figure id → GtkWidget* (a box of labels) */
  ParFigureResult    *result;
  char               *current;     /* the register shown */
  char               *today;       /* ISO: the mid-year view's today (the clock's unless set) */
  GHashTable         *dirty;       /* register ids edited since the last write */
  guint               save_id;
  guint               saving;      /* writes handed to the writer and not yet done */
  guint               generation;  /* bumped by every present: an old toast's Undo is void */
};

static guint saved_signal;

G_DEFINE_FINAL_TYPE (ParBooksPage, par_books_page, GTK_TYPE_WIDGET)

static char
decimal_separator (void)
{
  return par_points_decimal_separator ();
}

/* --- the rows as the core reads them ----------------------------------------------------- */

/* The register's rows as they would be written: each row's good cells (par_books_row_get_savable),
 * the stored row it is and the document it links. */
static ParRegisterRows *
collect_rows (const ParRegister *reg,
              GListStore        *store)
{
  ParRegisterRows *rows = par_register_rows_new (reg->id, reg->columns->len);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    {
      g_autoptr(ParBooksRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);
      const char * const *cells = par_books_row_get_savable (row);
      guint r = par_register_rows_count (rows);

      if (cells == NULL)
        continue;
      par_register_rows_append (rows, cells);
      par_register_rows_set_row_id (rows, r, par_books_row_get_row_id (row));
      par_register_rows_set_document (rows, r, par_books_row_get_document (row));
    }
  return rows;
}

static GHashTable *
collect_all_rows (ParBooksPage *self)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) par_register_rows_unref);
  GPtrArray *registers = par_framework_get_registers (self->framework);

  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *reg = registers->pdata[i];
      ParBooksTable *table = g_hash_table_lookup (self->tables, reg->id);

      if (table != NULL)
        g_hash_table_insert (all, g_strdup (reg->id),
                             collect_rows (reg, par_books_table_get_rows (table)));
    }
  return all;
}

/* --- saving -------------------------------------------------------------------------------- */

typedef struct {
  gint64           assessment_id;
  ParRegisterRows *rows;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  par_register_rows_unref (job->rows);
  g_free (job);
}

/* On the writer's thread, with its connection: the core's check of every row, the audit log. */
static gboolean
save_job_run (ParStore  *store,
              gpointer   data,
              GError   **error)
{
  SaveJob *job = data;

  return par_store_set_register_rows (store, job->assessment_id,
                                      par_register_rows_get_id (job->rows), job->rows, FALSE,
                                      NULL, error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ParBooksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      if (self->intro_label == NULL)   /* disposed meanwhile (the window closed) */
        return;
      /* The rows passed the same check: a refusal here is the database's (locked, read-only,
       * full). Say so where the user looks. */
      gtk_label_set_label (self->intro_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->intro_label), "error");
      return;
    }
  /* The last rows of a closing window are written after it is gone: nobody to tell. */
  if (self->intro_label != NULL)
    g_signal_emit (self, saved_signal, 0);
}

/* Hands every edited register's rows to the app's one write queue. */
static void
flush (ParBooksPage *self)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->context == NULL || self->refusal != NULL)
    {
      g_hash_table_remove_all (self->dirty);
      return;
    }
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      ParBooksTable *table = g_hash_table_lookup (self->tables, key);
      GListStore *store;
      SaveJob *job;

      if (table == NULL)
        continue;
      store = par_books_table_get_rows (table);
      job = g_new0 (SaveJob, 1);
      job->assessment_id = self->assessment_id;
      job->rows = collect_rows (par_books_table_get_register (table), store);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
        {
          g_autoptr(ParBooksRow) row = g_list_model_get_item (G_LIST_MODEL (store), i);
          par_books_row_mark_saved (row);
        }
      self->saving++;
      par_writer_run (par_context_get_writer (self->context), save_job_run, job, save_job_free,
                      NULL, on_saved, g_object_ref (self));
    }
  g_hash_table_remove_all (self->dirty);
}

static gboolean
save_timeout (gpointer data)
{
  ParBooksPage *self = data;

  self->save_id = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (ParBooksPage *self,
               const char   *register_id)
{
  g_hash_table_add (self->dirty, g_strdup (register_id));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

/* --- the figures each register feeds ------------------------------------------------------- */

static GtkWidget *
small_label (const char *text,
             const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static gboolean
leaf_reads (const ParNode   *leaf,
            const ParFigure *figure)
{
  for (guint i = 0; leaf->figures != NULL && i < leaf->figures->len; i++)
    if (leaf->figures->pdata[i] == figure)
      return TRUE;
  return FALSE;
}

/* "1.1.3 Mức độ hoàn thành Kế hoạch CCHC năm: 1.50 / 1.50", the points the leaf gets now. */
static char *
leaf_text (ParBooksPage  *self,
           const ParNode *leaf,
           char         **explanation)
{
  ParScoreContext context = { 0 };
  ParLeafScore score = { 0 };
  g_autofree char *points = NULL;
  char *text;

  context.year = self->year;
  context.figures = self->result;
  context.evidence = self->evidence;
  par_rule_evaluate_with (leaf, par_assessment_model_get_entry (self->model, leaf->code),
                          &context, TRUE, &score);
  if (score.state == PAR_SCORE_NOT_APPLICABLE)
    points = g_strdup (_("not applicable"));
  else
    points = par_display_score_of (score.has_self, score.self, score.max);
  /* TRANSLATORS: a sub-criterion a figure feeds: code, title, its points now */
  text = g_strdup_printf (_("%s %s: %s"), leaf->code, leaf->title, points);
  if (explanation != NULL)
    *explanation = g_strdup (score.explanation);
  par_leaf_score_clear (&score);
  return text;
}

static void
refresh_figures (ParBooksPage *self)
{
  const ParRegister *reg;
  g_autoptr(GHashTable) rows = NULL;
  GtkWidget *child;
  GPtrArray *leaves;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_list))) != NULL)
    gtk_list_box_remove (self->figures_list, child);
  g_hash_table_remove_all (self->figure_rows);
  if (self->framework == NULL || self->current == NULL ||
      (reg = par_framework_lookup_register (self->framework, self->current)) == NULL)
    return;

  rows = collect_all_rows (self);
  g_clear_pointer (&self->result, par_figure_result_unref);
  self->result = par_figures_evaluate_with_rows (self->framework, self->values, rows);
  leaves = par_framework_get_leaves (self->framework);
  for (guint i = 0; i < reg->figures->len; i++)
    {
      const ParFigure *figure = reg->figures->pdata[i];
      ParExprValue value = par_figure_result_get_value (self->result, figure);
      g_autofree char *shown = par_expr_value_is_value (&value)
                               ? par_expr_value_format (&value, decimal_separator ())
                               : g_strdup (_("not yet: the book has no rows"));
      g_autofree char *explain = par_figure_result_explain (self->result, figure,
                                                            decimal_separator ());
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *title = small_label (figure->label, NULL);
      GtkWidget *value_label = small_label (shown, "title-4");

      gtk_widget_set_hexpand (title, TRUE);
      gtk_label_set_xalign (GTK_LABEL (value_label), 1);
      gtk_widget_add_css_class (value_label, "numeric");
      gtk_label_set_wrap (GTK_LABEL (value_label), FALSE);
      gtk_widget_set_name (value_label, "value");
      gtk_box_append (GTK_BOX (head), title);
      gtk_box_append (GTK_BOX (head), value_label);
      gtk_box_append (GTK_BOX (box), head);
      {
        GtkWidget *how = small_label (explain, "dim-label");
        gtk_widget_add_css_class (how, "caption");
        gtk_widget_set_name (how, "explanation");
        gtk_box_append (GTK_BOX (box), how);
      }
      for (guint l = 0; l < leaves->len; l++)
        {
          const ParNode *leaf = leaves->pdata[l];
          g_autofree char *why = NULL;
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (!leaf_reads (leaf, figure))
            continue;
          text = leaf_text (self, leaf, &why);
          label = small_label (text, NULL);
          gtk_widget_set_name (label, leaf->code);
          gtk_widget_set_tooltip_text (label, why);
          gtk_widget_set_margin_start (label, 12);
          gtk_box_append (GTK_BOX (box), label);
        }
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_widget_set_name (box, figure->id);
      if (figure->label_en != NULL)
        gtk_widget_set_tooltip_text (title, figure->label_en);
      gtk_list_box_append (self->figures_list, box);
      g_hash_table_insert (self->figure_rows, figure->id, box);
    }
  /* The set's checks over this book's figures (each period adds up, enough survey forms). */
  for (guint i = 0; i < par_figure_result_n_checks (self->result); i++)
    {
      const ParCheckResult *c = par_figure_result_get_check (self->result, i);
      gboolean ours = FALSE;
      GtkWidget *box, *label;
      const char *state;

      for (guint j = 0; j < c->check->figures->len && !ours; j++)
        ours = ((const ParFigure *) c->check->figures->pdata[j])->reg == reg;
      if (!ours)
        continue;
      if (c->state == PAR_CHECK_PASSED)
        state = _("Holds");
      else if (c->state == PAR_CHECK_FAILED)
        state = c->check->severity == PAR_CHECK_ERROR ? _("Fails — blocks submitting")
                                                      : _("Fails (warning)");
      else
        state = _("Not checked yet: a figure it needs is not entered");
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      label = small_label (c->check->message, NULL);
      gtk_box_append (GTK_BOX (box), label);
      label = small_label (state, c->state == PAR_CHECK_FAILED
                                  ? (c->check->severity == PAR_CHECK_ERROR ? "error" : "warning")
                                  : "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_name (label, "state");
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 10);
      gtk_widget_set_margin_end (box, 10);
      gtk_widget_set_name (box, c->check->id != NULL ? c->check->id : "check");
      gtk_list_box_append (self->figures_list, box);
      if (c->check->id != NULL)
        g_hash_table_insert (self->figure_rows, c->check->id, box);
    }
  if (reg->figures->len == 0)
    gtk_list_box_append (self->figures_list,
                         small_label (_("The criteria set computes no figure from this book."),
                                      "dim-label"));
}

static void
update_count (ParBooksPage      *self,
              const ParRegister *reg)
{
  GtkLabel *label = g_hash_table_lookup (self->counts, reg->id);
  ParBooksTable *table = g_hash_table_lookup (self->tables, reg->id);
  guint n;
  g_autofree char *text = NULL;

  if (label == NULL || table == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (par_books_table_get_rows (table)));
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n), n);
  gtk_label_set_label (label, text);
}

/* --- editing --------------------------------------------------------------------------------- */

static void
on_row_edited (ParBooksTable *table,
               ParBooksRow   *row,
               ParBooksPage  *self)
{
  const ParRegister *reg = par_books_table_get_register (table);

  if (self->refusal != NULL)
    return;
  refresh_figures (self);
  schedule_save (self, reg->id);
}

static void
on_commit (ParBooksTable *table,
           ParBooksPage  *self)
{
  flush (self);
}

static void
on_remove_row (ParBooksTable *table,
               ParBooksRow   *row,
               ParBooksPage  *self)
{
  par_books_page_remove_row (self, row);
}

static void
add_toast (ParBooksPage *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);   /* not in a window (never in the app) */
}

/* --- a row's evidence document ------------------------------------------------------------- */

/* The row @row of the register shown now links @document_id (0: none): shown, written through
 * the writer at once. */
static void
set_row_document (ParBooksPage *self,
                  const char   *register_id,
                  ParBooksRow  *row,
                  gint64        document_id,
                  const char   *label,
                  const char   *text)
{
  ParBooksTable *table = g_hash_table_lookup (self->tables, register_id);

  if (table == NULL)
    return;
  par_books_row_set_document (row, document_id, label, text);
  par_books_table_row_changed (table, row);
  schedule_save (self, register_id);
  flush (self);
}

typedef struct {
  ParBooksPage *page;
  ParBooksRow  *row;
  char         *register_id;
  guint         generation;
  gint64        document;   /* what the row linked before (for Undo) */
  char         *label;
  char         *text;
} LinkChange;

static void
link_change_free (gpointer data)
{
  LinkChange *change = data;

  g_object_unref (change->page);
  g_object_unref (change->row);
  g_free (change->register_id);
  g_free (change->label);
  g_free (change->text);
  g_free (change);
}

static LinkChange *
link_change_new (ParBooksPage *self,
                 ParBooksRow  *row)
{
  LinkChange *change = g_new0 (LinkChange, 1);

  change->page = g_object_ref (self);
  change->row = g_object_ref (row);
  change->register_id = g_strdup (self->current);
  change->generation = self->generation;
  change->document = par_books_row_get_document (row);
  change->label = g_strdup (par_books_row_get_document_label (row));
  change->text = g_strdup (par_books_row_get_document_text (row));
  return change;
}

static void
on_link_undo (AdwToast   *toast,
              LinkChange *change)
{
  ParBooksPage *self = change->page;

  if (change->generation != self->generation || self->refusal != NULL)
    return;
  set_row_document (self, change->register_id, change->row, change->document, change->label,
                    change->text);
}

static guint
row_number (ParBooksPage *self,
            const char   *register_id,
            ParBooksRow  *row)
{
  ParBooksTable *table = g_hash_table_lookup (self->tables, register_id);
  guint position = 0;

  if (table != NULL)
    g_list_store_find (par_books_table_get_rows (table), row, &position);
  return position + 1;
}

static void
on_document_chosen (ParBooksLinkDialog *dialog,
                    gint64              document_id,
                    LinkChange         *change)
{
  ParBooksPage *self = change->page;
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  LinkChange *undo;
  AdwToast *toast;
  guint number;

  if (change->generation != self->generation || self->refusal != NULL || self->context == NULL ||
      document_id == par_books_row_get_document (change->row))
    return;
  if (document_id > 0)
    {
      document = par_store_get_document (par_context_get_store (self->context), document_id, &error);
      if (document == NULL)
        {
          add_toast (self, adw_toast_new (error->message));
          return;
        }
      text = par_books_link_describe (document);
    }
  undo = link_change_new (self, change->row);
  number = row_number (self, change->register_id, change->row);
  set_row_document (self, change->register_id, change->row, document_id,
                    document != NULL ? document->number : NULL, text);
  if (document != NULL)
    /* TRANSLATORS: a toast: a register's row now links a document ("Row 3 linked to 45/BC-KCNĐN") */
    title = g_strdup_printf (_("Row %u linked to %s"), number, document->number);
  else
    /* TRANSLATORS: a toast: a register's row links no document any more */
    title = g_strdup_printf (_("Row %u unlinked from %s"), number, undo->label);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_link_undo), undo,
                         (GClosureNotify) (void (*) (void)) link_change_free, 0);
  add_toast (self, toast);
}

/* The documents the year already cites: its sub-criteria's evidence, its books' links. */
static GArray *
year_documents (ParBooksPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) links = par_store_list_evidence (par_context_get_store (self->context),
                                                        self->assessment_id, NULL, NULL);
  GHashTableIter iter;
  gpointer table;

  for (guint i = 0; links != NULL && i < links->len; i++)
    g_array_append_val (ids, ((ParEvidenceLink *) links->pdata[i])->document_id);
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    {
      GListModel *rows = G_LIST_MODEL (par_books_table_get_rows (table));

      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(ParBooksRow) row = g_list_model_get_item (rows, i);
          gint64 id = par_books_row_get_document (row);

          if (id > 0)
            g_array_append_val (ids, id);
        }
    }
  return ids;
}

ParBooksLinkDialog *
par_books_page_link_row (ParBooksPage *self,
                         ParBooksRow  *row)
{
  ParBooksTable *table;
  ParBooksLinkDialog *dialog;
  g_autoptr(GArray) year = NULL;
  g_autofree char *subtitle = NULL;
  GtkRoot *root;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (row), NULL);

  if (self->context == NULL || self->current == NULL ||
      (table = g_hash_table_lookup (self->tables, self->current)) == NULL)
    return NULL;
  if (self->refusal != NULL)
    {
      /* Read-only: the link stays as it is, and the page says why. */
      add_toast (self, adw_toast_new (self->refusal));
      return NULL;
    }
  year = year_documents (self);
  /* TRANSLATORS: the document chooser's subtitle: the row and its register ("Row 3 of Báo cáo
   * định kỳ") */
  subtitle = g_strdup_printf (_("Row %u of %s"), row_number (self, self->current, row),
                              par_books_table_get_register (table)->label);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = par_books_link_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      par_context_get_store (self->context), subtitle,
                                      par_books_row_get_document (row), year);
  g_signal_connect_data (dialog, "chosen", G_CALLBACK (on_document_chosen), link_change_new (self, row),
                         (GClosureNotify) (void (*) (void)) link_change_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_link_row (ParBooksTable *table,
             ParBooksRow   *row,
             ParBooksPage  *self)
{
  par_books_page_link_row (self, row);
}

/* The document's details corrected in the document dialog: written through the writer, then
 * the rows that link it show them. */
static gboolean
update_document_run (ParStore  *store,
                     gpointer   data,
                     GError   **error)
{
  return par_store_update_document (store, data, error);
}

static void
on_document_updated (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ParBooksPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->intro_label == NULL)   /* disposed meanwhile */
    return;
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      add_toast (self, adw_toast_new (error->message));
      return;
    }
  par_books_page_reload (self);
}

static void
on_document_saved (ParDocumentDialog *dialog,
                   ParBooksPage      *self)
{
  const ParDocument *edited = par_document_dialog_get_document (dialog);
  ParDocument *copy;

  if (self->context == NULL || edited == NULL)
    return;
  copy = g_new0 (ParDocument, 1);
  copy->id = edited->id;
  copy->kind = g_strdup (edited->kind);
  copy->number = g_strdup (edited->number);
  copy->issue_date = g_strdup (edited->issue_date);
  copy->issuer = g_strdup (edited->issuer);
  copy->summary = g_strdup (edited->summary);
  par_writer_run (par_context_get_writer (self->context), update_document_run, copy,
                  (GDestroyNotify) par_document_free, NULL, on_document_updated, g_object_ref (self));
}

ParDocumentDialog *
par_books_page_open_document (ParBooksPage *self,
                              ParBooksRow  *row)
{
  g_autoptr(ParDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  ParDocumentDialog *dialog;
  GtkRoot *root;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  g_return_val_if_fail (PAR_IS_BOOKS_ROW (row), NULL);

  if (self->context == NULL || par_books_row_get_document (row) <= 0)
    return NULL;
  document = par_store_get_document (par_context_get_store (self->context),
                                     par_books_row_get_document (row), &error);
  if (document == NULL)
    {
      add_toast (self, adw_toast_new (error->message));
      return NULL;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = par_document_dialog_new_edit (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         document, NULL, NULL, NULL);
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_document_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_open_document (ParBooksTable *table,
                  ParBooksRow   *row,
                  ParBooksPage  *self)
{
  par_books_page_open_document (self, row);
}

typedef struct {
  ParBooksPage *page;
  ParBooksRow  *row;
  char         *register_id;
  guint         position;
  guint         generation;
} Undo;

static void
undo_free (gpointer data,
           GClosure *closure)
{
  Undo *undo = data;

  g_object_unref (undo->page);
  g_object_unref (undo->row);
  g_free (undo->register_id);
  g_free (undo);
}

static void
on_undo (AdwToast *toast,
         Undo     *undo)
{
  ParBooksPage *self = undo->page;
  ParBooksTable *table;
  GListStore *store;

  if (undo->generation != self->generation ||
      (table = g_hash_table_lookup (self->tables, undo->register_id)) == NULL)
    return;
  store = par_books_table_get_rows (table);
  g_list_store_insert (store, MIN (undo->position, g_list_model_get_n_items (G_LIST_MODEL (store))),
                       undo->row);
  update_count (self, par_books_table_get_register (table));
  refresh_figures (self);
  schedule_save (self, undo->register_id);
}

void
par_books_page_remove_row (ParBooksPage *self,
                           ParBooksRow  *row)
{
  ParBooksTable *table;
  GListStore *store;
  guint position;
  AdwToast *toast;
  Undo *undo;

  g_return_if_fail (PAR_IS_BOOKS_PAGE (self));
  g_return_if_fail (PAR_IS_BOOKS_ROW (row));

  if (self->refusal != NULL || self->current == NULL ||
      (table = g_hash_table_lookup (self->tables, self->current)) == NULL)
    return;
  store = par_books_table_get_rows (table);
  if (!g_list_store_find (store, row, &position))
    return;
  undo = g_new0 (Undo, 1);
  undo->page = g_object_ref (self);
  undo->row = g_object_ref (row);
  undo->register_id = g_strdup (self->current);
  undo->position = position;
  undo->generation = self->generation;
  g_list_store_remove (store, position);
  update_count (self, par_books_table_get_register (table));
  par_books_table_row_changed (table, row);
  refresh_figures (self);
  schedule_save (self, self->current);

  /* TRANSLATORS: a toast after a register's row was removed: its position */
  toast = adw_toast_new_format (_("Row %u removed"), position + 1);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo), undo, undo_free, 0);
  add_toast (self, toast);
}

ParBooksRow *
par_books_page_add_row (ParBooksPage *self)
{
  ParBooksTable *table;
  g_autoptr(ParBooksRow) row = NULL;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);

  if (self->refusal != NULL || self->current == NULL ||
      (table = g_hash_table_lookup (self->tables, self->current)) == NULL)
    return NULL;
  /* A search would hide the new empty row. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  row = par_books_row_new (par_books_table_get_register (table), NULL, FALSE);
  g_list_store_append (par_books_table_get_rows (table), row);
  update_count (self, par_books_table_get_register (table));
  par_books_table_row_changed (table, row);
  par_books_table_focus_row (table, row);
  return row;   /* borrowed: the table's store holds it */
}

static void
add_row_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  par_books_page_add_row (PAR_BOOKS_PAGE (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (PAR_BOOKS_PAGE (widget)->search_entry));
}

static void
on_search_changed (GtkSearchEntry *entry,
                   ParBooksPage   *self)
{
  GHashTableIter iter;
  gpointer table;

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    par_books_table_set_search (table, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_due_toggled (GtkToggleButton *button,
                ParBooksPage    *self)
{
  GHashTableIter iter;
  gpointer table;

  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    par_books_table_set_due_only (table, gtk_toggle_button_get_active (button));
}

void
par_books_page_set_today (ParBooksPage *self,
                          const char   *today)
{
  GHashTableIter iter;
  gpointer table;

  g_return_if_fail (PAR_IS_BOOKS_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  g_hash_table_iter_init (&iter, self->tables);
  while (g_hash_table_iter_next (&iter, NULL, &table))
    par_books_table_set_today (table, self->refusal == NULL ? today : NULL);
}

/* --- building ------------------------------------------------------------------------------ */

static void
on_register_selected (GtkListBox    *list,
                      GtkListBoxRow *row,
                      ParBooksPage  *self)
{
  if (row != NULL)
    par_books_page_show_register (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
add_register (ParBooksPage      *self,
              const ParRegister *reg,
              GListStore        *store)
{
  GtkWidget *table = par_books_table_new (reg, store, self->refusal == NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = small_label (reg->label, NULL);
  GtkWidget *count = small_label ("", "dim-label");

  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, reg->id);
  if (reg->label_en != NULL)
    gtk_widget_set_tooltip_text (row, reg->label_en);
  gtk_list_box_append (self->registers_list, row);
  g_hash_table_insert (self->counts, g_strdup (reg->id), count);

  /* A submitted or locked year is over: nothing in it can still be done, so nothing is due. */
  par_books_table_set_today (PAR_BOOKS_TABLE (table), self->refusal == NULL ? self->today : NULL);
  par_books_table_set_due_only (PAR_BOOKS_TABLE (table), gtk_toggle_button_get_active (self->due_toggle));
  g_signal_connect (table, "row-edited", G_CALLBACK (on_row_edited), self);
  g_signal_connect (table, "commit", G_CALLBACK (on_commit), self);
  g_signal_connect (table, "remove-row", G_CALLBACK (on_remove_row), self);
  g_signal_connect (table, "link-row", G_CALLBACK (on_link_row), self);
  g_signal_connect (table, "open-document", G_CALLBACK (on_open_document), self);
  gtk_stack_add_named (self->tables_stack, table, reg->id);
  g_hash_table_insert (self->tables, g_strdup (reg->id), table);
  update_count (self, reg);
}

static void
clear (ParBooksPage *self)
{
  GtkWidget *child;

  flush (self);
  /* What was just handed to the writer is on disk before the rows are read again (Esc then
   * Ctrl+B at once, or a reload after an import): never show rows older than what was typed. */
  if (self->saving > 0 && self->context != NULL)
    par_writer_flush (par_context_get_writer (self->context));
  self->generation++;
  g_hash_table_remove_all (self->tables);
  g_hash_table_remove_all (self->counts);
  g_hash_table_remove_all (self->figure_rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tables_stack))) != NULL)
    gtk_stack_remove (self->tables_stack, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->registers_list))) != NULL)
    gtk_list_box_remove (self->registers_list, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_list))) != NULL)
    gtk_list_box_remove (self->figures_list, child);
  g_clear_pointer (&self->result, par_figure_result_unref);
  g_clear_pointer (&self->values, par_figure_values_unref);
  g_clear_pointer (&self->evidence, g_hash_table_unref);
  g_clear_pointer (&self->framework, par_framework_unref);
  g_clear_pointer (&self->refusal, g_free);
  g_clear_pointer (&self->current, g_free);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
}

static GHashTable *
count_evidence (ParStore *store,
                gint64    assessment_id)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) links = par_store_list_evidence (store, assessment_id, NULL, NULL);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const ParEvidenceLink *link = links->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, link->code));
      g_hash_table_insert (counts, g_strdup (link->code), GUINT_TO_POINTER (n + 1));
    }
  return counts;
}

/* Every evidence document by id (the rows' links name them by their number). */
static GHashTable *
documents_by_id (ParStore *store)
{
  GHashTable *documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                 (GDestroyNotify) par_document_free);
  GPtrArray *list = par_store_list_documents (store, NULL, NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      ParDocument *document = list->pdata[i];
      g_hash_table_replace (documents, &document->id, document);
    }
  if (list != NULL)
    {
      g_ptr_array_set_free_func (list, NULL);
      g_ptr_array_unref (list);
    }
  return documents;
}

void
par_books_page_present (ParBooksPage       *self,
                        ParAssessmentModel *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) documents = NULL;
  ParStore *store;
  GPtrArray *registers;
  const ParAssessment *assessment;

  g_return_if_fail (PAR_IS_BOOKS_PAGE (self));
  g_return_if_fail (PAR_IS_ASSESSMENT_MODEL (model));

  clear (self);
  self->model = g_object_ref (model);
  self->context = g_object_ref (par_assessment_model_get_context (model));
  self->framework = par_framework_ref (par_assessment_model_get_framework (model));
  self->assessment_id = par_assessment_model_get_id (model);
  assessment = par_assessment_model_get_assessment (model);
  self->year = assessment->year;
  store = par_context_get_store (self->context);
  gtk_widget_remove_css_class (GTK_WIDGET (self->intro_label), "error");

  if (par_assessment_model_is_read_only (model))
    self->refusal = g_strdup (_("This database is open read-only: the books are shown as they "
                                "are, nothing can be changed."));
  else if (par_assessment_model_is_locked (model))
    self->refusal = g_strdup (assessment->status == PAR_STATUS_DRAFT
                              ? _("This year is locked: its books are shown as they were kept.")
                              : _("This year is submitted and locked: its books are shown as "
                                  "they were submitted, nothing can be changed."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "books.add-row", self->refusal == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "books.import-rows", self->refusal == NULL);
  {
    /* TRANSLATORS: the Books page's subtitle: the year */
    g_autofree char *subtitle = g_strdup_printf (_("Year %d"), self->year);
    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  gtk_label_set_label (self->intro_label,
                       self->refusal != NULL ? self->refusal
                       : _("Keep each book through the year: every change is checked as you "
                           "type and saved, and the figures beside it, with the points of the "
                           "sub-criteria they feed, follow at once."));

  self->values = par_store_get_figure_values (store, self->assessment_id, &error);
  if (self->values == NULL)
    {
      gtk_label_set_label (self->intro_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->intro_label), "error");
      return;
    }
  self->evidence = count_evidence (store, self->assessment_id);
  documents = documents_by_id (store);
  registers = par_framework_get_registers (self->framework);
  for (guint i = 0; i < registers->len; i++)
    {
      const ParRegister *reg = registers->pdata[i];
      g_autoptr(ParRegisterRows) rows = par_store_get_register_rows (store, self->assessment_id,
                                                                     reg->id, &error);
      g_autoptr(GListStore) list = g_list_store_new (PAR_TYPE_BOOKS_ROW);

      if (rows == NULL)
        {
          gtk_label_set_label (self->intro_label, error->message);
          gtk_widget_add_css_class (GTK_WIDGET (self->intro_label), "error");
          return;
        }
      for (guint r = 0; r < par_register_rows_count (rows); r++)
        {
          g_autoptr(ParBooksRow) row = par_books_row_new (reg, par_register_rows_get_row (rows, r),
                                                          TRUE);
          gint64 document_id = par_register_rows_get_document (rows, r);
          const ParDocument *document = document_id > 0 ? g_hash_table_lookup (documents, &document_id)
                                                        : NULL;

          par_books_row_set_row_id (row, par_register_rows_get_row_id (rows, r));
          if (document != NULL)
            {
              g_autofree char *text = par_books_link_describe (document);
              par_books_row_set_document (row, document->id, document->number, text);
            }
          g_list_store_append (list, row);
        }
      add_register (self, reg, list);
    }
  if (registers->len > 0)
    par_books_page_show_register (self, ((ParRegister *) registers->pdata[0])->id);
}

void
par_books_page_reload (ParBooksPage *self)
{
  g_autoptr(ParAssessmentModel) model = NULL;
  g_autofree char *current = NULL;

  g_return_if_fail (PAR_IS_BOOKS_PAGE (self));

  if (self->model == NULL)
    return;
  model = g_object_ref (self->model);
  current = g_strdup (self->current);
  par_books_page_present (self, model);
  if (current != NULL)
    par_books_page_show_register (self, current);
}

ParAssessmentModel *
par_books_page_get_model (ParBooksPage *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  return self->model;
}

gboolean
par_books_page_show_register (ParBooksPage *self,
                              const char   *register_id)
{
  ParBooksTable *table;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), FALSE);

  table = g_hash_table_lookup (self->tables, register_id);
  if (table == NULL)
    return FALSE;
  if (g_strcmp0 (self->current, register_id) != 0)
    {
      g_free (self->current);
      self->current = g_strdup (register_id);
    }
  gtk_stack_set_visible_child (self->tables_stack, GTK_WIDGET (table));
  gtk_widget_set_visible (GTK_WIDGET (self->due_toggle),
                          self->refusal == NULL && par_books_table_follows_due_dates (table));
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->registers_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), register_id) == 0 &&
        gtk_list_box_get_selected_row (self->registers_list) != GTK_LIST_BOX_ROW (row))
      gtk_list_box_select_row (self->registers_list, GTK_LIST_BOX_ROW (row));
  refresh_figures (self);
  return TRUE;
}

ParBooksTable *
par_books_page_get_table (ParBooksPage *self,
                          const char   *register_id)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  return g_hash_table_lookup (self->tables, register_id);
}

const char *
par_books_page_get_register_id (ParBooksPage *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  return self->current;
}

GtkBox *
par_books_page_get_io_box (ParBooksPage *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  return self->books_io_box;
}

void
par_books_page_save (ParBooksPage *self)
{
  g_return_if_fail (PAR_IS_BOOKS_PAGE (self));
  flush (self);
}

gboolean
par_books_page_is_saving (ParBooksPage *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), FALSE);
  return self->saving > 0 || g_hash_table_size (self->dirty) > 0;
}

const char *
par_books_page_get_refusal (ParBooksPage *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);
  return self->refusal;
}

static void
append_labels (GtkWidget *widget,
               GString   *out)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_LABEL (c))
        g_string_append_printf (out, "%s%s", out->len > 0 ? "\n" : "", gtk_label_get_label (GTK_LABEL (c)));
      else
        append_labels (c, out);
    }
}

char *
par_books_page_get_figure_text (ParBooksPage *self,
                                const char   *figure_id)
{
  GtkWidget *box;
  GString *out;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);

  box = g_hash_table_lookup (self->figure_rows, figure_id);
  if (box == NULL)
    return NULL;
  out = g_string_new (NULL);
  append_labels (box, out);
  return g_string_free (out, FALSE);
}

char *
par_books_page_get_leaf_text (ParBooksPage *self,
                              const char   *figure_id,
                              const char   *code)
{
  GtkWidget *box;

  g_return_val_if_fail (PAR_IS_BOOKS_PAGE (self), NULL);

  box = g_hash_table_lookup (self->figure_rows, figure_id);
  for (GtkWidget *c = box != NULL ? gtk_widget_get_first_child (box) : NULL; c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LABEL (c) && g_strcmp0 (gtk_widget_get_name (c), code) == 0)
      return g_strdup (gtk_label_get_label (GTK_LABEL (c)));
  return NULL;
}

static void
par_books_page_unmap (GtkWidget *widget)
{
  flush (PAR_BOOKS_PAGE (widget));
  GTK_WIDGET_CLASS (par_books_page_parent_class)->unmap (widget);
}

static void
par_books_page_dispose (GObject *object)
{
  ParBooksPage *self = PAR_BOOKS_PAGE (object);

  if (self->tables != NULL)
    clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_BOOKS_PAGE);
  {
    GtkWidget *child;

    /* The outer box is not a bound child: dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  self->intro_label = NULL;
  G_OBJECT_CLASS (par_books_page_parent_class)->dispose (object);
}

static void
par_books_page_finalize (GObject *object)
{
  ParBooksPage *self = PAR_BOOKS_PAGE (object);

  g_hash_table_unref (self->tables);
  g_hash_table_unref (self->counts);
  g_hash_table_unref (self->figure_rows);
  g_hash_table_unref (self->dirty);
  g_free (self->today);
  G_OBJECT_CLASS (par_books_page_parent_class)->finalize (object);
}

/* --- Import…/Export… (books-io's dialog, src/gtk/par-books-io.c) ------------------------------- */

static void
on_rows_imported (gboolean changed,
                  gpointer data)
{
  g_autoptr(ParBooksPage) self = data;

  if (!changed || self->model == NULL)
    return;
  /* The rows the writer just wrote are read again, with the figures they feed. */
  par_books_page_reload (self);
  g_signal_emit (self, saved_signal, 0);
}

static void
on_rows_exported (gboolean changed,
                  gpointer data)
{
  g_object_unref (data);
}

static void
import_rows_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ParBooksPage *self = PAR_BOOKS_PAGE (widget);

  if (self->context == NULL || self->current == NULL || self->refusal != NULL)
    return;
  flush (self);   /* what was typed is written first; the import replaces it or follows it */
  par_books_io_import (widget, self->context, self->assessment_id, self->current,
                       on_rows_imported, g_object_ref (self));
}

static void
export_rows_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ParBooksPage *self = PAR_BOOKS_PAGE (widget);

  if (self->context == NULL || self->current == NULL)
    return;
  flush (self);   /* the file holds what was typed */
  par_books_io_export (widget, self->context, self->assessment_id, self->current,
                       on_rows_exported, g_object_ref (self));
}

static void
par_books_page_class_init (ParBooksPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_books_page_dispose;
  object_class->finalize = par_books_page_finalize;
  widget_class->unmap = par_books_page_unmap;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/parscore/Parscore/par-books-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, registers_list);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, tables_stack);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, figures_list);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, books_io_box);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, tools_box);
  gtk_widget_class_bind_template_callback (widget_class, on_register_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_due_toggled);
  gtk_widget_class_bind_template_child (widget_class, ParBooksPage, due_toggle);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "books.add-row", NULL, add_row_action);
  gtk_widget_class_install_action (widget_class, "books.search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "books.import-rows", NULL, import_rows_action);
  gtk_widget_class_install_action (widget_class, "books.export-rows", NULL, export_rows_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "books.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "books.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "books.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "books.add-row", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "books.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-books", NULL);

  /* Rows were written (the year's scores may have changed). */
  saved_signal = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                               NULL, NULL, G_TYPE_NONE, 0);
}

static void
par_books_page_init (ParBooksPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  par_books_io_add_buttons (self->books_io_box);
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->figure_rows = g_hash_table_new (g_str_hash, g_str_equal);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    self->today = g_date_time_format (now, "%Y-%m-%d");
  }
}
