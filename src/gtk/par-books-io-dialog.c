/* par-books-io-dialog.c — "Import…" of a register's rows (issue 13).
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import is a dialog of steps: the file is read on a worker (par_register_table_read()), its
 * columns are mapped — guessed from the headers, or as remembered for this set and register in
 * GSettings (register-column-maps) — then every row is checked on a worker
 * (par_register_preview_new(): the core's one reading and one check) and shown with its verdict.
 * Import stays disabled while any row is refused; the rows go to the store through the app's
 * writer thread (par_register_import_rows(): one transaction, all or none), and the mapping is
 * remembered once they are written.
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "Parscore-Books"

#include <glib/gi18n.h>

#include "par-books-io-private.h"
#include "par-gtk-compat.h"
#include "par-register-import.h"
#include "par-writer.h"

#define MAPS_KEY "register-column-maps"

/* --- one preview row, as the column view's item ------------------------------------------------ */

#define PAR_TYPE_BOOKS_IO_ITEM (par_books_io_item_get_type ())
G_DECLARE_FINAL_TYPE (ParBooksIoItem, par_books_io_item, PAR, BOOKS_IO_ITEM, GObject)

struct _ParBooksIoItem {
  GObject parent_instance;
  guint   index;   /* in the dialog's preview */
};

G_DEFINE_FINAL_TYPE (ParBooksIoItem, par_books_io_item, G_TYPE_OBJECT)

static void par_books_io_item_class_init (ParBooksIoItemClass *klass) { }
static void par_books_io_item_init (ParBooksIoItem *self) { }

/* --- the dialog -------------------------------------------------------------------------------- */

struct _ParBooksIoDialog {
  AdwWindow           parent_instance;

  AdwWindowTitle     *title_widget;
  GtkButton          *back_button;
  GtkButton          *next_button;
  GtkStack           *stack;
  GtkLabel           *reading_label;
  GtkProgressBar     *progress_bar;
  GtkButton          *cancel_button;
  GtkLabel           *mapping_intro;
  GtkLabel           *remembered_label;
  GtkListBox         *mapping_list;
  GtkLabel           *summary_label;
  GtkLabel           *first_problem_label;
  GtkCheckButton     *refused_only_check;
  GtkCustomFilter    *refused_filter;
  GtkBox             *mode_box;
  GtkLabel           *mode_label;
  GtkDropDown        *mode_dropdown;
  GtkColumnView      *preview_view;
  AdwStatusPage      *failed_page;

  ParContext         *context;
  gint64              assessment_id;
  char               *register_id;
  ParFramework       *framework;
  const ParRegister  *reg;
  char               *path;
  char               *display_name;
  char               *failure;
  /* Read by the workers: freed only in finalize (a running task holds the dialog). */
  ParRegisterTable   *table;
  ParRegisterMapping *mapping;
  ParRegisterPreview *preview;
  GPtrArray          *dropdowns;
  guint               n_kept;
  gboolean            remembered;
  gboolean            disposed;
  ParBooksIoStep      step;
  GCancellable       *work;            /* the reading or check running now: Cancel, or the dialog gone */
  gboolean            checking;        /* the work is the check of the rows, not the reading */
  ParBooksIoDone      done;
  gpointer            done_data;
  gboolean            changed;

  /* The worker's latest progress, shown by one queued update at a time. */
  guint               progress_done;
  guint               progress_total;
  gint                progress_queued;
  guint               pulse_id;        /* the bar moves while the writer writes */
};

G_DEFINE_FINAL_TYPE (ParBooksIoDialog, par_books_io_dialog, ADW_TYPE_WINDOW)

static void show_preview_page (ParBooksIoDialog *self);

static void
set_step (ParBooksIoDialog *self,
          ParBooksIoStep    step)
{
  static const char *const pages[] = {
    [PAR_BOOKS_IO_READING] = "reading", [PAR_BOOKS_IO_MAPPING] = "mapping",
    [PAR_BOOKS_IO_PREVIEW] = "preview", [PAR_BOOKS_IO_WRITING] = "reading",
    [PAR_BOOKS_IO_FAILED] = "failed", [PAR_BOOKS_IO_DONE] = "reading",
  };

  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, pages[step]);
  /* While the rows are being written the dialog stays: it closes itself once they are. */
  gtk_window_set_deletable (GTK_WINDOW (self), step != PAR_BOOKS_IO_WRITING);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), step == PAR_BOOKS_IO_PREVIEW);
  /* Reading and checking can be stopped; the write is one transaction and cannot. */
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), step == PAR_BOOKS_IO_READING);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button),
                          step == PAR_BOOKS_IO_MAPPING || step == PAR_BOOKS_IO_PREVIEW);
  if (step == PAR_BOOKS_IO_MAPPING)
    {
      gtk_button_set_label (self->next_button, _("_Preview"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Preview the rows"), -1);
      gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
    }
  else if (step == PAR_BOOKS_IO_PREVIEW)
    {
      gtk_button_set_label (self->next_button, _("_Import"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import the rows"), -1);
    }
}

static void
fail (ParBooksIoDialog *self,
      const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_free (self->failure);
  self->failure = g_strdup (message);
  adw_status_page_set_description (self->failed_page, escaped);
  set_step (self, PAR_BOOKS_IO_FAILED);
}

/* --- progress from a worker ------------------------------------------------------------------- */

static gboolean
deliver_progress (gpointer data)
{
  ParBooksIoDialog *self = data;
  guint done, total;

  g_atomic_int_set (&self->progress_queued, 0);
  done = g_atomic_int_get (&self->progress_done);
  total = g_atomic_int_get (&self->progress_total);
  if (!self->disposed && total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
  return G_SOURCE_REMOVE;
}

static void
on_worker_progress (guint    done,
                    guint    total,
                    gpointer data)
{
  GTask *task = data;
  ParBooksIoDialog *self = g_task_get_source_object (task);

  /* A check cancelled a moment ago must not move the bar of the next one. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  g_atomic_int_set (&self->progress_done, done);
  g_atomic_int_set (&self->progress_total, total);
  if (g_atomic_int_compare_and_exchange (&self->progress_queued, 0, 1))
    par_main_context_defer (g_main_context_default (), deliver_progress, g_object_ref (self),
                            g_object_unref);
}

/* --- remembering the mapping ------------------------------------------------------------------ */

static char *
maps_key (ParBooksIoDialog *self)
{
  return g_strdup_printf ("%s/%s", par_framework_get_id (self->framework), self->reg->id);
}

static GVariant *
remembered_mapping (ParBooksIoDialog *self)
{
  GSettings *settings = par_context_get_settings (self->context);
  g_autoptr(GVariant) maps = NULL;
  g_autofree char *key = maps_key (self);

  if (settings == NULL)
    return NULL;
  maps = g_settings_get_value (settings, MAPS_KEY);
  return g_variant_lookup_value (maps, key, G_VARIANT_TYPE ("a{ss}"));
}

static void
remember_mapping (ParBooksIoDialog *self)
{
  GSettings *settings = par_context_get_settings (self->context);
  g_autoptr(GVariant) maps = NULL;
  g_autofree char *key = maps_key (self);
  GVariantBuilder builder;
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (settings == NULL)
    return;
  maps = g_settings_get_value (settings, MAPS_KEY);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{ss}}"));
  g_variant_iter_init (&iter, maps);
  while (g_variant_iter_next (&iter, "{&s@a{ss}}", &name, &value))
    {
      if (!g_str_equal (name, key))
        g_variant_builder_add (&builder, "{s@a{ss}}", name, value);
      g_variant_unref (value);
    }
  g_variant_builder_add (&builder, "{s@a{ss}}", key,
                         par_register_mapping_serialize (self->mapping, self->reg, self->table));
  g_settings_set_value (settings, MAPS_KEY, g_variant_builder_end (&builder));
}

/* --- the mapping step ------------------------------------------------------------------------- */

static void
update_mapping_intro (ParBooksIoDialog *self)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autofree char *intro = NULL;

  for (guint c = 0; c < self->reg->columns->len; c++)
    {
      const ParRegisterColumn *column = self->reg->columns->pdata[c];
      if (column->required && par_register_mapping_source (self->mapping, c) < 0)
        g_string_append_printf (missing, "%s“%s”", missing->len > 0 ? ", " : "", column->label);
    }
  intro = g_strdup_printf (_("Choose which column of “%s” each column of the file fills, or "
                             "ignore it. Cells are read as typed: 14/01/2020, 4.891, có."),
                           self->reg->label);
  if (missing->len > 0)
    {
      /* TRANSLATORS: a list of register columns: "“Nhiệm vụ”, “Thời hạn”" */
      g_autofree char *note = g_strdup_printf (_("No column of the file fills %s: every row needs it."),
                                               missing->str);
      g_autofree char *both = g_strdup_printf ("%s\n\n%s", intro, note);
      g_free (intro);
      intro = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->mapping_intro, intro);
}

/* The drop-downs' items: "Ignored", the register's columns, then the row's evidence document. */
static guint
document_item (ParBooksIoDialog *self)
{
  return self->reg->columns->len + 1;
}

static guint
item_of (ParBooksIoDialog *self,
         guint             file_column)
{
  int target = par_register_mapping_get (self->mapping, file_column);

  if (par_register_mapping_get_document (self->mapping) == (int) file_column)
    return document_item (self);
  return target < 0 ? 0 : (guint) target + 1;
}

static void on_mapping_selected (GtkDropDown      *dropdown,
                                 GParamSpec       *pspec,
                                 ParBooksIoDialog *self);

/* Each drop-down as the mapping has it: one file column names the document, so choosing it
 * for a column sets the one that had it back to "Ignored". */
static void
show_mapping (ParBooksIoDialog *self)
{
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      GtkDropDown *dropdown = self->dropdowns->pdata[i];

      g_signal_handlers_block_by_func (dropdown, on_mapping_selected, self);
      gtk_drop_down_set_selected (dropdown, item_of (self, i));
      g_signal_handlers_unblock_by_func (dropdown, on_mapping_selected, self);
    }
}

static void
on_mapping_selected (GtkDropDown      *dropdown,
                     GParamSpec       *pspec,
                     ParBooksIoDialog *self)
{
  guint file_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "file-column"));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == document_item (self))
    par_register_mapping_set_document (self->mapping, (int) file_column);
  else
    {
      if (par_register_mapping_get_document (self->mapping) == (int) file_column)
        par_register_mapping_set_document (self->mapping, -1);
      par_register_mapping_set (self->mapping, file_column,
                                selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1);
    }
  show_mapping (self);
  update_mapping_intro (self);
}

/* "e.g. 2.310, 2.550, 1.020": what the file has in a column, for telling columns apart. */
static char *
column_sample (ParBooksIoDialog *self,
               guint             file_column)
{
  g_autoptr(GString) sample = g_string_new (NULL);
  guint shown = 0;

  for (guint r = 0; r < self->table->rows->len && shown < 3; r++)
    {
      GPtrArray *row = self->table->rows->pdata[r];
      const char *cell = file_column < row->len ? row->pdata[file_column] : NULL;
      g_autofree char *one_line = NULL;

      if (cell == NULL || cell[0] == '\0')
        continue;
      if (cell[0] == '\x1F')
        cell++;
      one_line = g_strdelimit (g_utf8_substring (cell, 0, MIN (g_utf8_strlen (cell, -1), 40)),
                               "\r\n\t", ' ');
      g_string_append_printf (sample, "%s%s", shown++ > 0 ? ", " : "", one_line);
    }
  if (sample->len == 0)
    return g_strdup (_("empty in every row"));
  /* TRANSLATORS: examples of a column's cells: "e.g. 2.310, 2.550, 1.020" */
  return g_strdup_printf (_("e.g. %s"), sample->str);
}

static void
build_mapping_rows (ParBooksIoDialog *self)
{
  g_autoptr(GtkStringList) targets = gtk_string_list_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list))) != NULL)
    gtk_list_box_remove (self->mapping_list, child);
  g_ptr_array_set_size (self->dropdowns, 0);

  gtk_string_list_append (targets, _("Ignored"));
  for (guint c = 0; c < self->reg->columns->len; c++)
    gtk_string_list_append (targets, ((ParRegisterColumn *) self->reg->columns->pdata[c])->label);
  /* a column of document numbers links each row to its evidence document (as on the Books page) */
  gtk_string_list_append (targets, C_("register column", "Document"));

  for (guint i = 0; i < self->table->header->len; i++)
    {
      const char *header = self->table->header->pdata[i];
      g_autofree char *title = header != NULL && header[0] != '\0'
                               ? g_markup_escape_text (header, -1)
                               : g_strdup_printf (_("Column %u (no header)"), i + 1);
      g_autofree char *sample = column_sample (self, i);
      g_autofree char *sample_escaped = g_markup_escape_text (sample, -1);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (targets)), NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sample_escaped);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), item_of (self, i));
      g_object_set_data (G_OBJECT (dropdown), "file-column", GUINT_TO_POINTER (i));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_mapping_selected), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      header != NULL && header[0] != '\0' ? header : title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), dropdown);
      gtk_list_box_append (self->mapping_list, row);
      g_ptr_array_add (self->dropdowns, dropdown);
    }
  update_mapping_intro (self);
  gtk_widget_set_visible (GTK_WIDGET (self->remembered_label), self->remembered);
}

/* --- the work on a worker: reading the file, checking its rows; Cancel ---------------------- */

/* For tests (par_books_io_set_test_hold ()): a worker waits for Cancel before it starts, so a
 * test sees the reading or checking step and stops it without racing the worker. */
static gint test_hold;
static GMutex test_hold_mutex;
static GCond test_hold_cond;

static void
test_hold_released (GCancellable *cancellable,
                    gpointer      data)
{
  g_mutex_lock (&test_hold_mutex);
  g_cond_broadcast (&test_hold_cond);
  g_mutex_unlock (&test_hold_mutex);
}

static void
wait_if_held (GCancellable *cancellable)
{
  gulong id;

  if (!g_atomic_int_get (&test_hold) || cancellable == NULL)
    return;
  id = g_cancellable_connect (cancellable, G_CALLBACK (test_hold_released), NULL, NULL);
  g_mutex_lock (&test_hold_mutex);
  while (!g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&test_hold_cond, &test_hold_mutex);
  g_mutex_unlock (&test_hold_mutex);
  g_cancellable_disconnect (cancellable, id);
}

void
par_books_io_set_test_hold (gboolean hold)
{
  g_atomic_int_set (&test_hold, hold);
}

/* A new piece of work: its own cancellable, so a cancelled check never stops the next one. */
static GCancellable *
start_work (ParBooksIoDialog *self,
            gboolean          checking)
{
  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  self->work = g_cancellable_new ();
  self->checking = checking;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  return self->work;
}

/* Runs @thread on a worker as the dialog's work now (Cancel stops it); @done gets the result
 * on the main thread through work_finish (). */
static void
run_work (ParBooksIoDialog    *self,
          gboolean             checking,
          const char          *name,
          GTaskThreadFunc      thread,
          GAsyncReadyCallback  done,
          gpointer             data,
          GDestroyNotify       data_free)
{
  g_autoptr(GTask) task = g_task_new (self, start_work (self, checking), done, NULL);

  g_task_set_name (task, name);
  g_task_set_task_data (task, data, data_free);
  g_task_run_in_thread (task, thread);
}

/* On the worker, once the test hold (if any) let it start and the work ran: its result, or
 * its error when @result is %NULL. */
static void
return_work (GTask          *task,
             gpointer        result,
             GDestroyNotify  result_free,
             GError         *error)
{
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, result_free);
}

/* The work's result, or %NULL: with @error set when it failed, unset when Cancel, a newer piece
 * of work or the dialog closing stopped it — nothing to do then (the task frees what it made). */
static gpointer
work_finish (ParBooksIoDialog  *self,
             GAsyncResult      *result,
             GError           **error)
{
  if (self->disposed || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return NULL;
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cancel_clicked (ParBooksIoDialog *self)
{
  if (self->step != PAR_BOOKS_IO_READING || self->work == NULL)
    return;
  g_cancellable_cancel (self->work);
  if (!self->checking)
    {
      /* Stopped before there was anything to map: nothing read, nothing imported. */
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  /* Back to the columns as they were: the mapping is kept, nothing was imported. */
  self->checking = FALSE;
  update_mapping_intro (self);
  set_step (self, PAR_BOOKS_IO_MAPPING);
  if (self->dropdowns->len > 0)
    gtk_widget_grab_focus (self->dropdowns->pdata[0]);
}

/* --- reading the file ------------------------------------------------------------------------- */

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ParBooksIoDialog *self = source;
  GError *error = NULL;
  ParRegisterTable *table;

  wait_if_held (cancellable);
  table = par_register_table_read (self->reg, self->path, self->display_name, cancellable, &error);
  return_work (task, table, (GDestroyNotify) par_register_table_free, error);
}

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ParBooksIoDialog *self = PAR_BOOKS_IO_DIALOG (source);
  g_autoptr(GError) error = NULL;
  ParRegisterTable *table = work_finish (self, result, &error);
  g_autoptr(GVariant) remembered = NULL;

  if (table == NULL)
    {
      if (error != NULL)
        fail (self, error->message);
      return;
    }
  self->table = table;
  self->mapping = par_register_mapping_guess (self->reg, table);
  remembered = remembered_mapping (self);
  self->remembered = remembered != NULL &&
                     par_register_mapping_apply (self->mapping, self->reg, table, remembered) > 0;
  build_mapping_rows (self);
  set_step (self, PAR_BOOKS_IO_MAPPING);
  if (self->dropdowns->len > 0)
    gtk_widget_grab_focus (self->dropdowns->pdata[0]);
}

/* --- the preview ------------------------------------------------------------------------------ */

static void
preview_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ParBooksIoDialog *self = source;
  const ParRegisterMapping *mapping = task_data;
  GError *error = NULL;
  ParRegisterPreview *preview;

  wait_if_held (cancellable);
  preview = par_register_preview_new (self->reg, self->table, mapping, on_worker_progress, task,
                                      cancellable, &error);
  return_work (task, preview, (GDestroyNotify) par_register_preview_free, error);
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  ParBooksIoDialog *self = PAR_BOOKS_IO_DIALOG (source);
  g_autoptr(GError) error = NULL;
  ParRegisterPreview *preview = work_finish (self, result, &error);

  if (preview == NULL && error == NULL)
    return;
  self->checking = FALSE;
  if (preview == NULL)
    {
      /* A column filled twice: back to the columns, the reason shown above them. */
      set_step (self, PAR_BOOKS_IO_MAPPING);
      gtk_label_set_text (self->mapping_intro, error->message);
      return;
    }
  /* A column of document numbers (schema 9) names the evidence documents kept here. */
  if (par_register_preview_has_documents (preview))
    {
      g_autoptr(GPtrArray) documents = par_store_list_documents (par_context_get_store (self->context),
                                                                 NULL, NULL);
      if (documents != NULL)
        par_register_preview_link_documents (preview, documents);
    }
  g_clear_pointer (&self->preview, par_register_preview_free);
  self->preview = preview;
  show_preview_page (self);
}

static void
start_preview (ParBooksIoDialog *self)
{
  g_autofree char *reading = g_strdup_printf (_("Checking the rows of “%s”…"), self->display_name);

  gtk_label_set_text (self->reading_label, reading);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop checking the rows"), -1);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_step (self, PAR_BOOKS_IO_READING);
  run_work (self, TRUE, "[parscore] register preview", preview_thread, preview_done,
            par_register_mapping_copy (self->mapping), (GDestroyNotify) par_register_mapping_free);
}

enum { CELL_TEXT, CELL_NUMBER, CELL_VERDICT };

static void
setup_label (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  int kind = GPOINTER_TO_INT (data);

  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_NUMBER ? 1.0 : 0.0);
  if (kind == CELL_VERDICT)
    {
      /* The reason is read in full: it wraps rather than being cut. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
    }
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_list_item_set_child (item, label);
}

/* Column -1: the row's number; -2: its verdict; 0…: the register's columns. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ParBooksIoDialog         *self)
{
  int c = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  ParBooksIoItem *it = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const ParRegisterPreviewRow *row = par_register_preview_get_row (self->preview, it->index);
  g_autofree char *text = NULL;
  gboolean wrong;

  if (c == -1)
    {
      text = g_strdup_printf ("%u", row->number);
      wrong = row->problem != NULL;
    }
  else if (c == -2)
    {
      text = g_strdup (row->problem != NULL ? row->problem : _("OK"));
      wrong = row->problem != NULL;
      gtk_widget_set_tooltip_text (label, row->problem);
    }
  else
    {
      text = par_register_cell_display (self->reg->columns->pdata[c], row->cells[c],
                                          par_points_decimal_separator ());
      wrong = row->bad_column == c;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  if (wrong)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static GtkColumnViewColumn *
preview_column (ParBooksIoDialog *self,
                const char       *title,
                int               column,
                int               kind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

static void
build_preview_columns (ParBooksIoDialog *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview_view);
  GtkColumnViewColumn *column;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) first = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview_view, first);
    }
  column = preview_column (self, _("Row"), -1, CELL_NUMBER);
  gtk_column_view_append_column (self->preview_view, column);
  g_object_unref (column);
  for (guint c = 0; c < self->reg->columns->len; c++)
    {
      const ParRegisterColumn *rc = self->reg->columns->pdata[c];

      column = preview_column (self, rc->label, (int) c,
                               rc->type == PAR_COLUMN_INTEGER || rc->type == PAR_COLUMN_DECIMAL
                               ? CELL_NUMBER : CELL_TEXT);
      gtk_column_view_append_column (self->preview_view, column);
      g_object_unref (column);
    }
  column = preview_column (self, _("Check"), -2, CELL_VERDICT);
  gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (self->preview_view, column);
  g_object_unref (column);
}

static void
update_summary (ParBooksIoDialog *self)
{
  guint n = par_register_preview_get_n_rows (self->preview);
  guint refused = par_register_preview_get_n_refused (self->preview);
  guint ok = n - refused;
  gboolean append = gtk_drop_down_get_selected (self->mode_dropdown) == 1;
  g_autofree char *summary = NULL;

  if (n == 0)
    summary = g_strdup (_("The file has no rows to import."));
  else if (refused > 0)
    {
      g_autofree char *will = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row will be imported",
                                                            "%u rows will be imported", ok), ok);
      g_autofree char *not = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u refused", "%u refused",
                                                           refused), refused);
      /* TRANSLATORS: "12 rows will be imported, 2 refused — nothing is imported until they are fixed" */
      summary = g_strdup_printf (_("%s, %s — nothing is imported until they are fixed in the file"),
                                 will, not);
    }
  else if (self->n_kept == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row will be imported.",
                                            "%u rows will be imported.", ok), ok);
  else if (append)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u row will be added after the %u kept.",
                                            "%u rows will be added after the %u kept.", ok),
                               ok, self->n_kept);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u row will replace the %u kept.",
                                            "%u rows will replace the %u kept.", ok),
                               ok, self->n_kept);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), n > 0 && refused == 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button),
                               refused > 0 ? _("Fix the refused rows in the file and import it again")
                                           : NULL);
}

static void
on_mode_changed (ParBooksIoDialog *self)
{
  if (self->preview != NULL)
    update_summary (self);
}

static gboolean
is_refused (gpointer item,
            gpointer data)
{
  ParBooksIoDialog *self = data;
  return par_register_preview_get_row (self->preview, PAR_BOOKS_IO_ITEM (item)->index)->problem != NULL;
}

static void
on_refused_only_toggled (ParBooksIoDialog *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->preview_view);
  GtkFilterListModel *filtered;

  if (selection == NULL)
    return;
  filtered = GTK_FILTER_LIST_MODEL (gtk_no_selection_get_model (GTK_NO_SELECTION (selection)));
  gtk_filter_list_model_set_filter (filtered, gtk_check_button_get_active (self->refused_only_check)
                                              ? GTK_FILTER (self->refused_filter) : NULL);
}

static void
show_preview_page (ParBooksIoDialog *self)
{
  g_autoptr(GListStore) items = g_list_store_new (PAR_TYPE_BOOKS_IO_ITEM);
  g_autoptr(GtkNoSelection) selection = NULL;
  const ParRegisterPreviewRow *first = par_register_preview_get_first_refused (self->preview);
  g_autoptr(ParRegisterRows) kept = NULL;
  g_autoptr(GError) error = NULL;
  guint n = par_register_preview_get_n_rows (self->preview);
  g_autofree ParBooksIoItem **array = g_new (ParBooksIoItem *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      array[i] = g_object_new (PAR_TYPE_BOOKS_IO_ITEM, NULL);
      array[i]->index = i;
    }
  g_list_store_splice (items, 0, 0, (gpointer *) array, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (array[i]);
  build_preview_columns (self);
  /* A big file's few refused rows are found by showing only them. */
  g_clear_object (&self->refused_filter);
  self->refused_filter = gtk_custom_filter_new (is_refused, self, NULL);
  gtk_check_button_set_active (self->refused_only_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_only_check), first != NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&items)),
                                                                             NULL)));
  gtk_column_view_set_model (self->preview_view, GTK_SELECTION_MODEL (selection));

  kept = par_store_get_register_rows (par_context_get_store (self->context), self->assessment_id,
                                      self->reg->id, &error);
  self->n_kept = kept != NULL ? par_register_rows_count (kept) : 0;
  gtk_widget_set_visible (GTK_WIDGET (self->mode_box), self->n_kept > 0);
  if (self->n_kept > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "The register already keeps %u row this year:",
                                                            "The register already keeps %u rows this year:",
                                                            self->n_kept), self->n_kept);
      gtk_label_set_text (self->mode_label, text);
    }
  if (first != NULL)
    {
      /* TRANSLATORS: "First refused: plan.csv:8: row 7, column “Ngày hoàn thành” (done): …" */
      g_autofree char *text = g_strdup_printf (_("First refused: %s:%d: %s"), self->display_name,
                                               first->line, first->problem);
      gtk_label_set_text (self->first_problem_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->first_problem_label), first != NULL);
  set_step (self, PAR_BOOKS_IO_PREVIEW);
  update_summary (self);
  gtk_widget_grab_focus (GTK_WIDGET (first != NULL ? GTK_WIDGET (self->back_button)
                                                   : GTK_WIDGET (self->next_button)));
}

/* --- writing ---------------------------------------------------------------------------------- */

typedef struct {
  gint64                 assessment_id;
  char                  *register_id;
  ParRegisterRows       *rows;
  ParRegisterImportMode  mode;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->register_id);
  g_clear_pointer (&job->rows, par_register_rows_unref);
  g_free (job);
}

static gboolean
write_rows (ParStore  *store,
            gpointer   data,
            GError   **error)
{
  WriteJob *job = data;

  return par_register_import_rows (store, job->assessment_id, job->register_id, job->rows,
                                   job->mode, FALSE, NULL, error);
}

static gboolean
pulse (gpointer data)
{
  ParBooksIoDialog *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(ParBooksIoDialog) self = data;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      if (!self->disposed)
        fail (self, error->message);
      return;
    }
  self->changed = TRUE;
  remember_mapping (self);
  if (self->disposed)
    return;
  set_step (self, PAR_BOOKS_IO_DONE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
start_write (ParBooksIoDialog *self)
{
  WriteJob *job = g_new0 (WriteJob, 1);
  g_autofree char *text = NULL;

  job->rows = par_register_preview_get_rows (self->preview);
  g_return_if_fail (job->rows != NULL);
  job->assessment_id = self->assessment_id;
  job->register_id = g_strdup (self->reg->id);
  job->mode = gtk_drop_down_get_selected (self->mode_dropdown) == 1 && self->n_kept > 0
              ? PAR_REGISTER_IMPORT_APPEND : PAR_REGISTER_IMPORT_REPLACE;
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Importing %u row…", "Importing %u rows…",
                                       par_register_rows_count (job->rows)),
                          par_register_rows_count (job->rows));
  gtk_label_set_text (self->reading_label, text);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.05);
  gtk_progress_bar_pulse (self->progress_bar);
  self->pulse_id = g_timeout_add (100, pulse, self);
  set_step (self, PAR_BOOKS_IO_WRITING);
  par_writer_run (par_context_get_writer (self->context), write_rows, job,
                  (GDestroyNotify) write_job_free, NULL, write_done, g_object_ref (self));
}

static void
on_next_clicked (ParBooksIoDialog *self)
{
  if (self->step == PAR_BOOKS_IO_MAPPING)
    start_preview (self);
  else if (self->step == PAR_BOOKS_IO_PREVIEW && self->preview != NULL &&
           par_register_preview_get_n_refused (self->preview) == 0)
    start_write (self);
}

static void
on_back_clicked (ParBooksIoDialog *self)
{
  set_step (self, PAR_BOOKS_IO_MAPPING);
  if (self->dropdowns->len > 0)
    gtk_widget_grab_focus (self->dropdowns->pdata[0]);
}

/* --- the type --------------------------------------------------------------------------------- */

static gboolean
par_books_io_dialog_close_request (GtkWindow *window)
{
  ParBooksIoDialog *self = PAR_BOOKS_IO_DIALOG (window);

  GtkWindowClass *parent = GTK_WINDOW_CLASS (par_books_io_dialog_parent_class);

  if (self->step == PAR_BOOKS_IO_WRITING)
    return TRUE;
  return parent->close_request != NULL ? parent->close_request (window) : FALSE;
}

static void
par_books_io_dialog_dispose (GObject *object)
{
  ParBooksIoDialog *self = PAR_BOOKS_IO_DIALOG (object);

  if (!self->disposed)
    {
      self->disposed = TRUE;
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      if (self->work != NULL)
        g_cancellable_cancel (self->work);
      if (self->done != NULL)
        {
          ParBooksIoDone done = self->done;
          self->done = NULL;
          done (self->changed, self->done_data);
        }
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_BOOKS_IO_DIALOG);
  G_OBJECT_CLASS (par_books_io_dialog_parent_class)->dispose (object);
}

static void
par_books_io_dialog_finalize (GObject *object)
{
  ParBooksIoDialog *self = PAR_BOOKS_IO_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->work);
  g_clear_object (&self->refused_filter);
  g_clear_pointer (&self->framework, par_framework_unref);
  g_clear_pointer (&self->preview, par_register_preview_free);
  g_clear_pointer (&self->mapping, par_register_mapping_free);
  g_clear_pointer (&self->table, par_register_table_free);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_free (self->register_id);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->failure);
  G_OBJECT_CLASS (par_books_io_dialog_parent_class)->finalize (object);
}

static void
par_books_io_dialog_class_init (ParBooksIoDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_books_io_dialog_dispose;
  object_class->finalize = par_books_io_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = par_books_io_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-books-io.ui");
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, title_widget);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, mapping_intro);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, remembered_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, first_problem_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, refused_only_check);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, mode_box);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, mode_label);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, ParBooksIoDialog, failed_page);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_refused_only_toggled);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_books_io_dialog_init (ParBooksIoDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dropdowns = g_ptr_array_new ();
}

/* --- entry points ----------------------------------------------------------------------------- */

ParBooksIoDialog *
par_books_io_import_file (GtkWidget      *parent,
                          ParContext     *context,
                          gint64          assessment_id,
                          const char     *register_id,
                          GFile          *file,
                          ParBooksIoDone  done,
                          gpointer        user_data)
{
  ParBooksIoDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *reading = NULL;
  ParFramework *framework = NULL;
  const ParRegister *reg;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (register_id != NULL && G_IS_FILE (file), NULL);

  reg = par_books_io_find_register (context, assessment_id, register_id, &framework, NULL, &error);
  self = g_object_new (PAR_TYPE_BOOKS_IO_DIALOG, "transient-for", par_books_io_window_of (parent),
                       NULL);
  self->context = g_object_ref (context);
  self->assessment_id = assessment_id;
  self->register_id = g_strdup (register_id);
  self->framework = framework;
  self->reg = reg;
  self->path = g_file_get_path (file);
  self->display_name = self->path != NULL ? g_filename_display_basename (self->path)
                                          : g_file_get_parse_name (file);
  self->done = done;
  self->done_data = user_data;
  if (reg != NULL)
    {
      g_autofree char *subtitle = g_strdup_printf ("%s — %s", reg->label, self->display_name);
      adw_window_title_set_subtitle (self->title_widget, subtitle);
    }
  gtk_window_present (GTK_WINDOW (self));
  if (reg == NULL)
    {
      fail (self, error->message);
      return self;
    }
  if (self->path == NULL)
    {
      fail (self, _("Only files on this computer can be imported."));
      return self;
    }
  reading = g_strdup_printf (_("Reading “%s”…"), self->display_name);
  gtk_label_set_text (self->reading_label, reading);
  gtk_progress_bar_pulse (self->progress_bar);
  set_step (self, PAR_BOOKS_IO_READING);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stop reading the file"), -1);
  run_work (self, FALSE, "[parscore] register file", read_thread, read_done, NULL, NULL);
  return self;
}

static void
import_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  ParBooksIoRequest *request = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = par_file_dialog_open_finish (PAR_FILE_DIALOG (source), result, &error);

  if (file == NULL)
    {
      if (!par_file_dialog_error_is_cancel (error))
        par_books_io_show_error (request->parent, _("The File Cannot Be Opened"),
                                 error->message);
      par_books_io_request_finish (request, FALSE);
      return;
    }
  par_books_io_import_file (request->parent, request->context, request->assessment_id,
                            request->register_id, file, request->done, request->done_data);
  request->done = NULL;   /* the dialog tells */
  par_books_io_request_free (request);
}

void
par_books_io_import (GtkWidget      *parent,
                     ParContext     *context,
                     gint64          assessment_id,
                     const char     *register_id,
                     ParBooksIoDone  done,
                     gpointer        user_data)
{
  g_autoptr(ParFileDialog) chooser = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) both = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = par_books_io_csv_filter ();
  g_autoptr(GtkFileFilter) xlsx = par_books_io_xlsx_filter ();
  g_autoptr(GFile) folder = par_documents_folder ();

  g_return_if_fail (PAR_IS_CONTEXT (context) && register_id != NULL);

  if (par_books_io_get_test_file () != NULL)
    {
      par_books_io_import_file (parent, context, assessment_id, register_id,
                                par_books_io_get_test_file (), done, user_data);
      return;
    }
  gtk_file_filter_set_name (both, _("CSV files and spreadsheets"));
  gtk_file_filter_add_pattern (both, "*.csv");
  gtk_file_filter_add_pattern (both, "*.xlsx");
  gtk_file_filter_add_mime_type (both, "text/csv");
  gtk_file_filter_add_mime_type (both, PAR_BOOKS_IO_XLSX_MIME);
  par_file_dialog_set_title (chooser, _("Import Rows"));
  par_file_dialog_set_accept_label (chooser, _("_Open"));
  par_file_dialog_add_filter (chooser, both);
  par_file_dialog_add_filter (chooser, csv);
  par_file_dialog_add_filter (chooser, xlsx);
  par_file_dialog_set_default_filter (chooser, both);
  par_file_dialog_set_initial_folder (chooser, folder);
  par_file_dialog_open (chooser, par_books_io_window_of (parent), NULL, import_chosen,
                        par_books_io_request_new (parent, context, assessment_id, register_id, done, user_data));
}

/* --- for tests -------------------------------------------------------------------------------- */

ParBooksIoStep
par_books_io_dialog_get_step (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), PAR_BOOKS_IO_FAILED);
  return self->step;
}

GtkDropDown *
par_books_io_dialog_get_mapping_dropdown (ParBooksIoDialog *self,
                                          guint             file_column)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return file_column < self->dropdowns->len ? self->dropdowns->pdata[file_column] : NULL;
}

gboolean
par_books_io_dialog_is_remembered (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), FALSE);
  return self->remembered;
}

GtkWidget *
par_books_io_dialog_get_next_button (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return GTK_WIDGET (self->next_button);
}

GtkWidget *
par_books_io_dialog_get_cancel_button (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return GTK_WIDGET (self->cancel_button);
}

GtkDropDown *
par_books_io_dialog_get_mode_dropdown (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return self->mode_dropdown;
}

const char *
par_books_io_dialog_get_summary (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

const char *
par_books_io_dialog_get_problem (ParBooksIoDialog *self,
                                 guint             row)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  if (self->preview == NULL || row >= par_register_preview_get_n_rows (self->preview))
    return NULL;
  return par_register_preview_get_row (self->preview, row)->problem;
}

const char *
par_books_io_dialog_get_message (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return self->failure;
}

GtkCheckButton *
par_books_io_dialog_get_refused_only_check (ParBooksIoDialog *self)
{
  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), NULL);
  return self->refused_only_check;
}

guint
par_books_io_dialog_get_n_shown (ParBooksIoDialog *self)
{
  GtkSelectionModel *selection;

  g_return_val_if_fail (PAR_IS_BOOKS_IO_DIALOG (self), 0);
  selection = gtk_column_view_get_model (self->preview_view);
  return selection != NULL ? g_list_model_get_n_items (G_LIST_MODEL (selection)) : 0;
}
