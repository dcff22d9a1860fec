/* par-figures-page.c — a year's figures (criteria-set format 2), laid out the way the units'
 * quarterly reports are: one row per figure, one column per period, the year's value at the
 * end; then the derived figures and the set's checks. Typing a value updates the year's
 * values, the derived figures and the checks at once; what was typed is saved shortly after
 * (or on Enter, or when the page is left), all of it through the store's one check.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "par-core.h"
#include "par-figures.h"
#include "par-figures-page.h"
#include "par-writer.h"

/* How long after the last key the typed values are saved. */
#define SAVE_DELAY_MS 600

struct _ParFiguresPage
{
  GtkWidget        parent_instance;

  AdwWindowTitle  *window_title;
  GtkScrolledWindow *scroller;
  GtkLabel        *intro_label;
  GtkBox          *sections_box;
  GtkListBox      *checks_list;

  ParContext      *context;
  gint64           assessment_id;
  gboolean         editable;
  ParFramework    *framework;
  ParFigureValues *values;      /* what is entered, typed values included */
  ParFigureValues *stored;      /* what the store holds (as far as this page wrote it) */
  ParFigureResult *result;
  GHashTable      *rows;        /* register id → ParRegisterRows: the office's books (read only) */
  GHashTable      *entries;     /* "id\npart" → GtkEntry* (owned by the grids) */
  GHashTable      *year_labels; /* id → GtkLabel* */
  GHashTable      *heads;       /* id → GtkWidget* (the row's first cell) */
  GtkSizeGroup    *column_sizes[3]; /* the computed sections' columns (figure, year, how):
                                       one width each, so their two tables line up */
  GHashTable      *pending;     /* "id\npart" → canonical value to save ("" clears) */
  guint            save_id;
  guint            saving;      /* writes handed to the writer and not yet done */
  guint            syncing;
};

static guint saved_signal;

G_DEFINE_FINAL_TYPE (ParFiguresPage, par_figures_page, GTK_TYPE_WIDGET)

static char *
entry_key (const char *figure_id,
           const char *part_key)
{
  return g_strconcat (figure_id, "\n", part_key, NULL);
}

static char
decimal_separator (void)
{
  return par_points_decimal_separator ();
}

/* --- saving ---------------------------------------------------------------------------------- */

static void
show_entry_error (GtkWidget  *entry,
                  const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, message);
    }
  else
    {
      gtk_widget_remove_css_class (entry, "error");
      gtk_widget_set_tooltip_text (entry, NULL);
    }
}

typedef struct {
  gint64     assessment_id;
  GPtrArray *changes;   /* of ParFigureChange* */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_ptr_array_unref (job->changes);
  g_free (job);
}

/* On the writer's thread, with its connection: the store's one check and the audit log. */
static gboolean
save_job_run (ParStore  *store,
              gpointer   data,
              GError   **error)
{
  SaveJob *job = data;

  return par_store_set_figure_values (store, job->assessment_id, job->changes, FALSE, error);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ParFiguresPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving--;
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      if (self->intro_label == NULL)   /* disposed meanwhile */
        return;
      /* The typed values passed the same check; a refusal here is the database's (locked,
       * read-only, full): say so where the user looks. */
      gtk_label_set_label (self->intro_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->intro_label), "error");
      return;
    }
  g_signal_emit (self, saved_signal, 0);
}

/* Hands what was typed since the last save to the app's one write queue, in one transaction. */
static void
flush (ParFiguresPage *self)
{
  SaveJob *job;
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->context == NULL || g_hash_table_size (self->pending) == 0)
    return;
  job = g_new0 (SaveJob, 1);
  job->assessment_id = self->assessment_id;
  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) par_figure_change_free);
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_auto(GStrv) parts = g_strsplit (key, "\n", 2);
      g_ptr_array_add (job->changes, par_figure_change_new (parts[0], parts[1], value));
      par_figure_values_set (self->stored, parts[0], parts[1], value);
    }
  g_hash_table_remove_all (self->pending);
  self->saving++;
  par_writer_run (par_context_get_writer (self->context), save_job_run, job, save_job_free,
                  NULL, on_saved, g_object_ref (self));
}

static gboolean
save_timeout (gpointer data)
{
  ParFiguresPage *self = data;

  self->save_id = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

/* --- showing values ------------------------------------------------------------------------- */

static char *
format_value (ParExprValue value)
{
  return par_expr_value_format (&value, decimal_separator ());
}

static void
refresh_checks (ParFiguresPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);

  for (guint i = 0; i < par_figure_result_n_checks (self->result); i++)
    {
      const ParCheckResult *c = par_figure_result_get_check (self->result, i);
      gboolean failed = c->state == PAR_CHECK_FAILED;
      gboolean error = c->check->severity == PAR_CHECK_ERROR;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon;
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *state;

      if (c->state == PAR_CHECK_PASSED)
        state = _("Holds");
      else if (failed && error)
        state = _("Fails — blocks submitting");
      else if (failed)
        state = _("Fails (warning)");
      else
        state = _("Not checked yet: a figure it needs is not entered");
      g_string_append_printf (subtitle, "%s · %s", state, c->explanation);
      if (failed)
        {
          g_string_append (subtitle, "\n");
          /* TRANSLATORS: followed by the ids of the figures a failed check involves */
          g_string_append (subtitle, _("Figures involved:"));
          for (guint j = 0; j < c->check->figures->len; j++)
            {
              const ParFigure *f = c->check->figures->pdata[j];
              g_string_append_printf (subtitle, "%s %s (%s)", j > 0 ? "," : "", f->label, f->id);
            }
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->check->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      icon = gtk_image_new_from_icon_name (c->state == PAR_CHECK_PASSED ? "emblem-ok-symbolic"
                                           : failed ? (error ? "dialog-error-symbolic"
                                                             : "dialog-warning-symbolic")
                                           : "content-loading-symbolic");
      if (failed)
        gtk_widget_add_css_class (icon, error ? "error" : "warning");
      else if (c->state == PAR_CHECK_PASSED)
        gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_name (row, c->check->id != NULL ? c->check->id : "check");
      gtk_list_box_append (self->checks_list, row);
    }
  if (par_figure_result_n_checks (self->result) == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The criteria set declares no checks."));
      gtk_list_box_append (self->checks_list, row);
    }
}

/* The year's values (entered and derived) and the checks, from self->values. */
static void
refresh_results (ParFiguresPage *self)
{
  GPtrArray *figures = par_framework_get_figures (self->framework);

  g_clear_pointer (&self->result, par_figure_result_unref);
  self->result = par_figures_evaluate_with_rows (self->framework, self->values, self->rows);
  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = figures->pdata[i];
      GtkLabel *label = g_hash_table_lookup (self->year_labels, figure->id);
      g_autofree char *text = NULL;
      g_autofree char *explain = NULL;

      if (label == NULL)
        continue;
      text = format_value (par_figure_result_get_value (self->result, figure));
      explain = par_figure_result_explain (self->result, figure, decimal_separator ());
      gtk_label_set_label (label, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), explain);
      /* Derived figures show where they came from beside them. */
      if (par_figure_is_derived (figure))
        {
          GtkWidget *how = g_object_get_data (G_OBJECT (label), "par-how");
          if (how != NULL)
            gtk_label_set_label (GTK_LABEL (how), explain);
        }
    }
  refresh_checks (self);
}

static void
on_entry_changed (GtkEditable    *editable,
                  ParFiguresPage *self)
{
  const ParFigure *figure = g_object_get_data (G_OBJECT (editable), "par-figure");
  const char *part_key = g_object_get_data (G_OBJECT (editable), "par-part");
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  if (self->syncing > 0)
    return;
  value = par_figure_normalize (figure, gtk_editable_get_text (editable), &error);
  if (value != NULL && value[0] != '\0' &&
      !par_figure_check_value (figure, part_key, value, &error))
    g_clear_pointer (&value, g_free);
  if (value == NULL)
    {
      /* Nothing of a wrong value is saved, not even the emptied text before it: the figure
       * counts with its stored value until the entry holds a good one again. */
      g_autofree char *key = entry_key (figure->id, part_key);

      show_entry_error (GTK_WIDGET (editable), error->message);
      g_hash_table_remove (self->pending, key);
      par_figure_values_set (self->values, figure->id, part_key,
                             par_figure_values_get (self->stored, figure->id, part_key));
      refresh_results (self);
      return;
    }
  show_entry_error (GTK_WIDGET (editable), NULL);
  par_figure_values_set (self->values, figure->id, part_key, value);
  g_hash_table_insert (self->pending, entry_key (figure->id, part_key), g_strdup (value));
  refresh_results (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout, self);
}

static void
on_entry_activate (GtkEntry       *entry,
                   ParFiguresPage *self)
{
  flush (self);
}

/* --- building ------------------------------------------------------------------------------- */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
column_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption-heading");
  return label;
}

/* The header of a column of values shown right-aligned (year_label ()): aligned as they are. */
static GtkWidget *
value_column_label (const char *text)
{
  GtkWidget *label = column_label (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  return label;
}

static GtkWidget *
figure_column_label (void)
{
  GtkWidget *label = column_label (_("Figure"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

/* The first cell of a figure's row: its label, unit and id. */
static GtkWidget *
figure_head (const ParFigure *figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (figure->label);
  g_autofree char *sub = figure->unit != NULL ? g_strdup_printf ("%s · %s", figure->id, figure->unit)
                                              : g_strdup (figure->id);
  GtkWidget *id = gtk_label_new (sub);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), id);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_focusable (box, FALSE);
  if (figure->label_en != NULL)
    gtk_widget_set_tooltip_text (box, figure->label_en);
  return box;
}

static GtkWidget *
year_label (ParFiguresPage  *self,
            const ParFigure *figure)
{
  GtkWidget *label = gtk_label_new ("");

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 10);
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  g_hash_table_insert (self->year_labels, figure->id, label);
  return label;
}

static GtkWidget *
part_entry (ParFiguresPage  *self,
            const ParFigure *figure,
            guint            part)
{
  const char *key = par_period_part_key (figure->period, part);
  ParExprValue value = par_figure_result_get_part (self->result, figure, part);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = par_expr_value_is_value (&value) ? format_value (value) : g_strdup ("");
  /* TRANSLATORS: accessible name of an entry: figure label, period ("Q1") */
  g_autofree char *name = g_strdup_printf (_("%s, %s"), figure->label,
                                           par_period_part_label (figure->period, part));

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0);
  gtk_editable_set_editable (GTK_EDITABLE (entry), self->editable);
  gtk_widget_set_can_focus (entry, TRUE);
  gtk_widget_set_name (entry, key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (entry), "par-figure", (gpointer) figure);
  g_object_set_data (G_OBJECT (entry), "par-part", (gpointer) key);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), self);
  g_signal_connect (entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_hash_table_insert (self->entries, entry_key (figure->id, key), entry);
  return entry;
}

static const char *
period_heading (ParPeriod period)
{
  switch (period)
    {
    case PAR_PERIOD_QUARTER:
      return _("Entered per quarter");
    case PAR_PERIOD_HALF:
      return _("Entered per half-year");
    case PAR_PERIOD_MONTH:
      return _("Entered per month");
    case PAR_PERIOD_YEAR:
    default:
      return _("Entered for the year");
    }
}

/* One grid per period: the figures entered for it as rows, its parts as columns, then the
 * year's value (rolled up as the set says). */
static void
add_period_section (ParFiguresPage *self,
                    ParPeriod       period)
{
  GPtrArray *figures = par_framework_get_figures (self->framework);
  guint n_parts = par_period_n_parts (period);
  GtkWidget *grid = NULL;
  int row = 0;

  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = figures->pdata[i];
      GtkWidget *head;

      if (par_figure_is_derived (figure) || figure->period != period)
        continue;
      if (grid == NULL)
        {
          grid = gtk_grid_new ();
          gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
          gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
          gtk_widget_set_name (grid, par_period_to_string (period));
          gtk_box_append (self->sections_box, heading (period_heading (period)));
          gtk_grid_attach (GTK_GRID (grid), figure_column_label (), 0, 0, 1, 1);
          for (guint part = 0; part < n_parts && period != PAR_PERIOD_YEAR; part++)
            gtk_grid_attach (GTK_GRID (grid), column_label (par_period_part_label (period, part)),
                             1 + part, 0, 1, 1);
          /* A yearly figure's column holds its entry; the others' holds the rolled-up value. */
          gtk_grid_attach (GTK_GRID (grid),
                           period == PAR_PERIOD_YEAR ? column_label (_("Year"))
                                                     : value_column_label (_("Year")),
                           1 + n_parts, 0, 1, 1);
          row = 1;
        }
      head = figure_head (figure);
      g_hash_table_insert (self->heads, figure->id, head);
      gtk_grid_attach (GTK_GRID (grid), head, 0, row, 1, 1);
      if (period == PAR_PERIOD_YEAR)
        {
          /* A yearly figure: the entry is the year's value. */
          gtk_grid_attach (GTK_GRID (grid), part_entry (self, figure, 0), 2, row, 1, 1);
        }
      else
        {
          for (guint part = 0; part < n_parts; part++)
            gtk_grid_attach (GTK_GRID (grid), part_entry (self, figure, part), 1 + part, row, 1, 1);
          gtk_grid_attach (GTK_GRID (grid), year_label (self, figure), 1 + n_parts, row, 1, 1);
        }
      row++;
    }
  if (grid != NULL)
    gtk_box_append (self->sections_box, grid);
}

static void
attach_sized (ParFiguresPage *self,
              GtkWidget      *grid,
              GtkWidget      *child,
              int             column,
              int             row)
{
  gtk_grid_attach (GTK_GRID (grid), child, column, row, 1, 1);
  gtk_size_group_add_widget (self->column_sizes[column], child);
}

/* The computed figures: those counted from a register's rows (@from_books), or those derived
 * from other figures — which are always above them: entered, or counted from the books. */
static void
add_derived_section (ParFiguresPage *self,
                     gboolean        from_books)
{
  GPtrArray *figures = par_framework_get_figures (self->framework);
  GtkWidget *grid = NULL;
  int row = 1;

  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = figures->pdata[i];
      GtkWidget *head, *value, *how;

      if (!par_figure_is_derived (figure) || (figure->reg != NULL) != from_books)
        continue;
      if (grid == NULL)
        {
          GtkWidget *how_label = column_label (_("How"));

          grid = gtk_grid_new ();
          gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
          gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
          gtk_widget_set_name (grid, from_books ? "books" : "derived");
          /* TRANSLATORS: heading of the Figures page's section of the figures counted from the
           * registers' rows (the Books page) */
          gtk_box_append (self->sections_box,
                          heading (from_books ? _("Computed from the books")
                                              : _("Derived from the figures above")));
          gtk_label_set_xalign (GTK_LABEL (how_label), 0);
          attach_sized (self, grid, figure_column_label (), 0, 0);
          attach_sized (self, grid, value_column_label (_("Year")), 1, 0);
          attach_sized (self, grid, how_label, 2, 0);
        }
      head = figure_head (figure);
      g_hash_table_insert (self->heads, figure->id, head);
      value = year_label (self, figure);
      how = gtk_label_new ("");
      gtk_label_set_xalign (GTK_LABEL (how), 0);
      gtk_label_set_wrap (GTK_LABEL (how), TRUE);
      gtk_label_set_selectable (GTK_LABEL (how), TRUE);
      gtk_widget_add_css_class (how, "dim-label");
      g_object_set_data (G_OBJECT (value), "par-how", how);
      attach_sized (self, grid, head, 0, row);
      attach_sized (self, grid, value, 1, row);
      attach_sized (self, grid, how, 2, row);
      row++;
    }
  if (grid != NULL)
    gtk_box_append (self->sections_box, grid);
}

static void
clear (ParFiguresPage *self)
{
  GtkWidget *child;

  flush (self);
  g_hash_table_remove_all (self->entries);
  g_hash_table_remove_all (self->year_labels);
  g_hash_table_remove_all (self->heads);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
  g_clear_pointer (&self->result, par_figure_result_unref);
  g_clear_pointer (&self->values, par_figure_values_unref);
  g_clear_pointer (&self->stored, par_figure_values_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->framework, par_framework_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->column_sizes); i++)
    g_clear_object (&self->column_sizes[i]);
}

void
par_figures_page_present (ParFiguresPage *self,
                          ParContext     *context,
                          gint64          assessment_id,
                          gboolean        editable)
{
  static const ParPeriod order[] = { PAR_PERIOD_QUARTER, PAR_PERIOD_HALF, PAR_PERIOD_MONTH,
                                     PAR_PERIOD_YEAR };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParAssessment) assessment = NULL;
  ParStore *store;

  g_return_if_fail (PAR_IS_FIGURES_PAGE (self));
  g_return_if_fail (PAR_IS_CONTEXT (context));

  clear (self);
  g_set_object (&self->context, context);
  self->assessment_id = assessment_id;
  self->editable = editable;
  store = par_context_get_store (context);
  if ((assessment = par_store_get_assessment (store, assessment_id, &error)) == NULL ||
      (self->framework = par_store_load_framework (store, assessment->framework_row, &error)) == NULL ||
      (self->values = par_store_get_figure_values (store, assessment_id, &error)) == NULL ||
      (self->stored = par_store_get_figure_values (store, assessment_id, &error)) == NULL)
    {
      gtk_label_set_label (self->intro_label, error->message);
      return;
    }
  /* The registers' figures are computed from the year's rows (kept on the Books page). */
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) par_register_rows_unref);
  for (guint i = 0; i < par_framework_get_registers (self->framework)->len; i++)
    {
      const ParRegister *reg = g_ptr_array_index (par_framework_get_registers (self->framework), i);
      ParRegisterRows *rows = par_store_get_register_rows (store, assessment_id, reg->id, &error);

      if (rows == NULL)
        {
          gtk_label_set_label (self->intro_label, error->message);
          return;
        }
      g_hash_table_insert (self->rows, g_strdup (reg->id), rows);
    }

  {
    /* TRANSLATORS: the Figures page's subtitle: the year */
    g_autofree char *subtitle = g_strdup_printf (_("Year %d"), assessment->year);
    adw_window_title_set_subtitle (self->window_title, subtitle);
  }
  gtk_label_set_label (self->intro_label,
                       editable ? _("Type each figure once, for the periods the criteria set asks "
                                    "for; the year's values, the derived figures and the checks "
                                    "follow as you type, and every sub-criterion that uses a "
                                    "figure is scored from it.")
                                : _("This year is locked: its figures are shown as they were "
                                    "submitted."));
  self->result = par_figures_evaluate_with_rows (self->framework, self->values, self->rows);
  self->syncing++;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    add_period_section (self, order[i]);
  for (guint i = 0; i < G_N_ELEMENTS (self->column_sizes); i++)
    self->column_sizes[i] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  add_derived_section (self, TRUE);
  add_derived_section (self, FALSE);
  self->syncing--;
  refresh_results (self);
}

gboolean
par_figures_page_focus_figure (ParFiguresPage *self,
                               const char     *figure_id)
{
  GtkWidget *head;
  const ParFigure *figure;
  GtkWidget *target;

  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), FALSE);

  if (self->framework == NULL ||
      (figure = par_framework_lookup_figure (self->framework, figure_id)) == NULL ||
      (head = g_hash_table_lookup (self->heads, figure_id)) == NULL)
    return FALSE;
  target = par_figure_is_derived (figure) ? NULL
           : GTK_WIDGET (par_figures_page_get_entry (self, figure_id,
                                                     par_period_part_key (figure->period, 0)));
  if (target == NULL)
    target = g_hash_table_lookup (self->year_labels, figure_id);
  gtk_widget_add_css_class (head, "accent");
  if (target != NULL)
    gtk_widget_grab_focus (target);
  return TRUE;
}

/* The first period of the first entered figure, so that a keyboard user who opened the page
 * with Ctrl+I types there at once; else the first thing that takes the focus. */
gboolean
par_figures_page_focus_first (ParFiguresPage *self)
{
  GPtrArray *figures;

  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), FALSE);

  if (self->framework == NULL)
    return FALSE;
  figures = par_framework_get_figures (self->framework);
  for (guint i = 0; i < figures->len; i++)
    {
      const ParFigure *figure = figures->pdata[i];
      GtkEditable *entry;

      if (par_figure_is_derived (figure))
        continue;
      entry = par_figures_page_get_entry (self, figure->id, par_period_part_key (figure->period, 0));
      if (entry != NULL && gtk_widget_grab_focus (GTK_WIDGET (entry)))
        return TRUE;
    }
  if (!gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD))
    return FALSE;
  {
    /* A selectable value taking the focus selects all its text: nothing was chosen yet. */
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

    if (GTK_IS_LABEL (focus))
      gtk_label_select_region (GTK_LABEL (focus), 0, 0);
  }
  return TRUE;
}

GtkEditable *
par_figures_page_get_entry (ParFiguresPage *self,
                            const char     *figure_id,
                            const char     *part_key)
{
  g_autofree char *key = entry_key (figure_id, part_key);

  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), NULL);
  return g_hash_table_lookup (self->entries, key);
}

const char *
par_figures_page_get_year_text (ParFiguresPage *self,
                                const char     *figure_id)
{
  GtkLabel *label;

  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), NULL);
  label = g_hash_table_lookup (self->year_labels, figure_id);
  return label != NULL ? gtk_label_get_label (label) : NULL;
}

char *
par_figures_page_get_check_text (ParFiguresPage *self,
                                 guint           index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), NULL);
  row = gtk_list_box_get_row_at_index (self->checks_list, (int) index);
  if (row == NULL)
    return NULL;
  return g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
}

gboolean
par_figures_page_is_saving (ParFiguresPage *self)
{
  g_return_val_if_fail (PAR_IS_FIGURES_PAGE (self), FALSE);
  return self->saving > 0 || g_hash_table_size (self->pending) > 0;
}

static void
par_figures_page_unmap (GtkWidget *widget)
{
  flush (PAR_FIGURES_PAGE (widget));
  GTK_WIDGET_CLASS (par_figures_page_parent_class)->unmap (widget);
}

static void
par_figures_page_dispose (GObject *object)
{
  ParFiguresPage *self = PAR_FIGURES_PAGE (object);

  flush (self);
  clear (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_FIGURES_PAGE);
  {
    GtkWidget *child;

    /* The outer box is not a bound child: dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->context);
  G_OBJECT_CLASS (par_figures_page_parent_class)->dispose (object);
}

static void
par_figures_page_finalize (GObject *object)
{
  ParFiguresPage *self = PAR_FIGURES_PAGE (object);

  g_hash_table_unref (self->entries);
  g_hash_table_unref (self->year_labels);
  g_hash_table_unref (self->heads);
  g_hash_table_unref (self->pending);
  G_OBJECT_CLASS (par_figures_page_parent_class)->finalize (object);
}

static void
par_figures_page_class_init (ParFiguresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_figures_page_dispose;
  object_class->finalize = par_figures_page_finalize;
  widget_class->unmap = par_figures_page_unmap;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/parscore/Parscore/par-figures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParFiguresPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, ParFiguresPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ParFiguresPage, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ParFiguresPage, sections_box);
  gtk_widget_class_bind_template_child (widget_class, ParFiguresPage, checks_list);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.close-figures", NULL);

  /* Typed figures were written (the year's scores may have changed). */
  saved_signal = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                               NULL, NULL, G_TYPE_NONE, 0);
}

static void
par_figures_page_init (ParFiguresPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->year_labels = g_hash_table_new (g_str_hash, g_str_equal);
  self->heads = g_hash_table_new (g_str_hash, g_str_equal);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

void
par_figures_page_save (ParFiguresPage *self)
{
  g_return_if_fail (PAR_IS_FIGURES_PAGE (self));
  flush (self);
}
