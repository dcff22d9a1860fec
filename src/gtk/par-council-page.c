/* par-council-page.c — the Council mode (issue 14): the units of an appraisal round with their
 * status, the day their package came in, late marks and their index % self-assessed and
 * appraised; the deadline that runs as a countdown; a closed round shown as locked; and the
 * ranking (par_store_rank(), the one ordering) with its chart, filtered by level.
 *
 * Everything shown comes from the core (par-council.h, par-round-view.h, par-rank.h): this
 * page formats and lays it out, it decides nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "par-core.h"
#include "par-council-import.h"
#include "par-council-report.h"
#include "par-council-page.h"
#include "par-display.h"
#include "par-gtk-compat.h"
#include "par-window.h"

/* --- a row of either table: its cells' texts ---------------------------------------------- */

#define PAR_TYPE_COUNCIL_ROW (par_council_row_get_type ())
G_DECLARE_FINAL_TYPE (ParCouncilRow, par_council_row, PAR, COUNCIL_ROW, GObject)

struct _ParCouncilRow
{
  GObject   parent_instance;
  GStrv     texts;
  gint64    assessment_id;
  gboolean  marked;          /* late (units) or tied (ranking): drawn as a warning */
};

G_DEFINE_FINAL_TYPE (ParCouncilRow, par_council_row, G_TYPE_OBJECT)

static void
par_council_row_finalize (GObject *object)
{
  g_strfreev (PAR_COUNCIL_ROW (object)->texts);
  G_OBJECT_CLASS (par_council_row_parent_class)->finalize (object);
}

static void
par_council_row_class_init (ParCouncilRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = par_council_row_finalize;
}

static void
par_council_row_init (ParCouncilRow *self)
{
}

/* Takes @texts (NULL-terminated, @n of them). */
static ParCouncilRow *
row_new (char  **texts,
         gint64  assessment_id)
{
  ParCouncilRow *row = g_object_new (PAR_TYPE_COUNCIL_ROW, NULL);

  row->texts = texts;
  row->assessment_id = assessment_id;
  return row;
}

/* --- the page ----------------------------------------------------------------------------- */

struct _ParCouncilPage
{
  GtkWidget             parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  GtkImage             *lock_icon;
  GtkLabel             *stage_label;
  GtkLabel             *round_label;
  GtkLabel             *deadline_label;
  GtkColumnView        *units_view;
  GtkColumnView        *ranking_view;
  GtkDropDown          *level_dropdown;
  GtkDropDown          *column_dropdown;
  GtkLabel             *ranking_note;
  ParChartView         *chart_view;

  ParContext           *context;
  ParRound             *round;
  GListStore           *units;      /* of ParCouncilRow */
  GListStore           *ranked;     /* of ParCouncilRow */
  GtkSingleSelection   *units_selection;
  guint                 syncing;
  gboolean              importing;
  gboolean              closing;
  gboolean              returning;
  gboolean              reporting;
  char                 *report_path;
  char                 *returned_path;
};

G_DEFINE_FINAL_TYPE (ParCouncilPage, par_council_page, GTK_TYPE_WIDGET)

static guint open_unit_signal;
static guint reloaded_signal;

/* The levels the ranking filter offers, in the dropdown's order. */
static const ParLevel level_masks[] = {
  0, PAR_LEVEL_DEPARTMENT, PAR_LEVEL_DISTRICT, PAR_LEVEL_COMMUNE,
};
static const ParScoreColumn rank_columns[] = {
  PAR_COLUMN_FINAL, PAR_COLUMN_APPRAISED, PAR_COLUMN_SELF,
};

gboolean
par_council_page_has_round (ParContext *context)
{
  g_autoptr(GPtrArray) rounds = NULL;

  g_return_val_if_fail (PAR_IS_CONTEXT (context), FALSE);

  rounds = par_store_list_rounds (par_context_get_store (context), NULL);
  return rounds != NULL && rounds->len > 0;
}

static const char *
level_plural (ParLevel level)
{
  switch (level)
    {
    case PAR_LEVEL_DEPARTMENT:
      return _("departments");
    case PAR_LEVEL_DISTRICT:
      return _("districts");
    case PAR_LEVEL_COMMUNE:
      return _("communes");
    default:
      return "";
    }
}

/* "còn 3 ngày" / "quá hạn 2 ngày": the deadline that runs at the round's stage. */
static char *
deadline_text (const ParRound *round)
{
  const char *deadline = par_round_current_deadline (round);
  g_autofree char *date = NULL;
  g_autofree char *left = NULL;
  int days;

  if (round->stage == PAR_ROUND_STAGE_FINAL)
    return g_strdup (_("Both rounds are closed: the scores are final and locked."));
  if (deadline == NULL || !par_deadline_days_left (deadline, NULL, &days))
    return g_strdup (round->stage == PAR_ROUND_STAGE_APPRAISAL ? _("No submission deadline set.")
                                                               : _("No reply deadline set."));
  date = par_format_date_dmy (deadline);
  left = par_deadline_countdown (deadline, NULL, &days);
  return g_strdup_printf (round->stage == PAR_ROUND_STAGE_APPRAISAL
                          /* Translators: "Submissions due 10/12/2024: 3 days left" */
                          ? _("Submissions due %s: %s") : _("Replies due %s: %s"), date, left);
}

static const char *
stage_text (ParRoundStage stage)
{
  switch (stage)
    {
    case PAR_ROUND_STAGE_APPRAISAL:
      return _("Round 1: submissions and the council’s appraisal");
    case PAR_ROUND_STAGE_REPLIES:
      return _("Round 2: the units’ replies and the final scores");
    case PAR_ROUND_STAGE_FINAL:
    default:
      return _("Round closed: the scores are final");
    }
}

/* unit id → index in hundredths of a percent, of the ranked units of @column. A year the
 * council has not appraised at all has no Final index: it is not appraised, never filled with
 * the unit's own scores. */
static GHashTable *
index_by_unit (ParCouncilPage  *self,
               ParScoreColumn   column,
               GError         **error)
{
  ParRankFilter filter = { self->round->year, self->round->set_id, self->round->level, column };
  g_autoptr(ParRanking) ranking = par_store_rank (par_context_get_store (self->context), &filter,
                                                  error);
  GHashTable *index;

  if (ranking == NULL)
    return NULL;
  index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < ranking->n_ranked; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);

      if (row->final_not_appraised)
        continue;
      g_hash_table_insert (index, g_memdup2 (&row->unit_id, sizeof row->unit_id),
                           g_memdup2 (&row->index, sizeof row->index));
    }
  return index;
}

static char *
index_text (GHashTable *index,
            gint64      unit_id)
{
  gint64 *value = index != NULL ? g_hash_table_lookup (index, &unit_id) : NULL;

  return par_display_percent (value != NULL ? *value : -1);
}

static void
load_units (ParCouncilPage *self)
{
  ParStore *store = par_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) units = par_store_round_units (store, self->round->id, &error);
  g_autoptr(GHashTable) received = NULL;
  g_autoptr(GHashTable) self_index = NULL;
  g_autoptr(GHashTable) final_index = NULL;
  g_autofree char *selected = NULL;
  ParCouncilRow *was = gtk_single_selection_get_selected_item (self->units_selection);

  if (was != NULL)
    selected = g_strdup (was->texts[PAR_COUNCIL_COL_UNIT]);
  self->syncing++;
  g_list_store_remove_all (self->units);
  if (units == NULL ||
      (received = par_store_round_received (store, self->round->id, "submission", &error)) == NULL ||
      (self_index = index_by_unit (self, PAR_COLUMN_SELF, &error)) == NULL ||
      (final_index = index_by_unit (self, PAR_COLUMN_FINAL, &error)) == NULL)
    {
      gtk_label_set_label (self->deadline_label, error->message);
      self->syncing--;
      return;
    }
  for (guint i = 0; i < units->len; i++)
    {
      ParRoundUnit *unit = g_ptr_array_index (units, i);
      char **texts = g_new0 (char *, PAR_COUNCIL_N_COLS + 1);
      g_autoptr(ParCouncilRow) row = NULL;
      GString *late = g_string_new (NULL);

      texts[PAR_COUNCIL_COL_UNIT] = g_strdup (unit->unit_name);
      texts[PAR_COUNCIL_COL_STATUS] = g_strdup (par_round_unit_state_label (unit->state));
      texts[PAR_COUNCIL_COL_RECEIVED] = par_format_date_dmy (g_hash_table_lookup (received, unit->unit_name));
      if (unit->late)
        g_string_append (late, _("submitted late"));
      if (unit->reply_late)
        g_string_append_printf (late, "%s%s", late->len > 0 ? ", " : "", _("replied late"));
      texts[PAR_COUNCIL_COL_LATE] = g_string_free (late, FALSE);
      texts[PAR_COUNCIL_COL_SELF] = unit->assessment_id > 0 ? index_text (self_index, unit->unit_id)
                                                            : g_strdup ("");
      texts[PAR_COUNCIL_COL_FINAL] = unit->assessment_id > 0
                                         ? index_text (final_index, unit->unit_id)
                                         : g_strdup ("");
      row = row_new (texts, unit->assessment_id);
      row->marked = unit->late || unit->reply_late;
      g_list_store_append (self->units, row);
    }
  self->syncing--;
  if (selected != NULL)
    par_council_page_select_unit (self, selected);
}

static void
load_ranking (ParCouncilPage *self)
{
  guint level_pos = gtk_drop_down_get_selected (self->level_dropdown);
  guint column_pos = gtk_drop_down_get_selected (self->column_dropdown);
  ParRankFilter filter = {
    self->round->year, self->round->set_id,
    level_masks[MIN (level_pos, G_N_ELEMENTS (level_masks) - 1)],
    rank_columns[MIN (column_pos, G_N_ELEMENTS (rank_columns) - 1)],
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ParRanking) ranking = par_store_rank (par_context_get_store (self->context), &filter,
                                                  &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) par_result_unref);
  g_autoptr(ParChartModel) model = NULL;
  guint left_out = 0;

  g_list_store_remove_all (self->ranked);
  if (ranking == NULL)
    {
      gtk_label_set_label (self->ranking_note, error->message);
      par_chart_view_set_model (self->chart_view, NULL, PAR_CHART_RANKING);
      return;
    }
  for (guint i = 0; i < ranking->rows->len; i++)
    {
      const ParRankRow *row = g_ptr_array_index (ranking->rows, i);

      g_ptr_array_add (names, g_strdup (row->unit_name));
      g_ptr_array_add (results, row->result != NULL ? par_result_ref (row->result) : NULL);
      if (row->state != PAR_RANK_RANKED)
        {
          left_out++;
          continue;
        }
      {
        char **texts = g_new0 (char *, PAR_RANKING_N_COLS + 1);
        g_autofree char *points = par_display_points (row->points);
        g_autofree char *max = par_display_points (row->max);
        g_autoptr(ParCouncilRow) item = NULL;
        int places = 0;
        gboolean known = par_rank_row_change (row, &places);

        /* A shared rank says so: "2=". */
        texts[PAR_RANKING_COL_RANK] = par_format_rank (row->rank, row->tied);
        texts[PAR_RANKING_COL_UNIT] = g_strdup (row->unit_name);
        texts[PAR_RANKING_COL_POINTS] = g_strdup_printf ("%s / %s", points, max);
        texts[PAR_RANKING_COL_INDEX] = par_display_percent (row->index);
        texts[PAR_RANKING_COL_BAND] = g_strdup (row->band != NULL ? row->band->name : "—");
        texts[PAR_RANKING_COL_CHANGE] = par_format_rank_change (known, places);
        item = row_new (texts, 0);
        item->marked = row->tied;
        g_list_store_append (self->ranked, item);
      }
    }
  if (left_out > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u unit not ranked: no %s scores",
                                                            "%u units not ranked: no %s scores",
                                                            left_out), left_out,
                                               par_score_column_label (filter.column));
      gtk_label_set_label (self->ranking_note, text);
    }
  else
    gtk_label_set_label (self->ranking_note, "");
  model = par_chart_model_new_units_ranked (names, results, self->round->year, filter.column);
  par_chart_view_set_model (self->chart_view, model, PAR_CHART_RANKING);
}

static void
update_status (ParCouncilPage *self)
{
  g_autofree char *deadline = deadline_text (self->round);
  g_autofree char *subtitle = g_strdup_printf ("%d · %s · %s", self->round->year,
                                               self->round->set_id,
                                               level_plural (self->round->level));
  gboolean closed = self->round->stage == PAR_ROUND_STAGE_FINAL;
  int days = 0;

  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_label_set_label (self->round_label, subtitle);
  gtk_label_set_label (self->stage_label, stage_text (self->round->stage));
  gtk_label_set_label (self->deadline_label, deadline);
  gtk_widget_set_visible (GTK_WIDGET (self->lock_icon), closed);
  if (!closed && par_deadline_days_left (par_round_current_deadline (self->round), NULL, &days) &&
      days < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "error");
}

void
par_council_page_reload (ParCouncilPage *self)
{
  g_autoptr(GError) error = NULL;
  ParRound *round;

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  if (self->context == NULL || self->round == NULL)
    return;
  round = par_store_get_round (par_context_get_store (self->context), self->round->id, &error);
  if (round == NULL)
    {
      gtk_label_set_label (self->deadline_label, error->message);
      return;
    }
  g_clear_pointer (&self->round, par_round_free);
  self->round = round;
  update_status (self);
  load_units (self);
  load_ranking (self);
  g_signal_emit (self, reloaded_signal, 0);
}

void
par_council_page_present (ParCouncilPage *self,
                          ParContext     *context,
                          gint64          round_id)
{
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));
  g_return_if_fail (PAR_IS_CONTEXT (context));

  g_set_object (&self->context, context);
  g_clear_pointer (&self->round, par_round_free);
  rounds = par_store_list_rounds (par_context_get_store (context), &error);
  for (guint i = 0; rounds != NULL && i < rounds->len; i++)
    {
      ParRound *round = g_ptr_array_index (rounds, i);

      /* The latest round by default: list_rounds is by year. */
      if (round->id == round_id || (round_id == 0 && i == rounds->len - 1))
        self->round = g_steal_pointer (&rounds->pdata[i]);
    }
  if (self->round == NULL)
    {
      g_list_store_remove_all (self->units);
      g_list_store_remove_all (self->ranked);
      gtk_label_set_label (self->stage_label, "");
      gtk_label_set_label (self->deadline_label, error != NULL ? error->message
                                                               : _("This database holds no round."));
      return;
    }
  /* The ranking starts at the round's own level. */
  self->syncing++;
  for (guint i = 0; i < G_N_ELEMENTS (level_masks); i++)
    if (level_masks[i] == self->round->level)
      gtk_drop_down_set_selected (self->level_dropdown, i);
  self->syncing--;
  update_status (self);
  load_units (self);
  load_ranking (self);
  g_signal_emit (self, reloaded_signal, 0);
}

gint64
par_council_page_get_round_id (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), 0);
  return self->round != NULL ? self->round->id : 0;
}

int
par_council_page_get_stage (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), 0);
  return self->round != NULL ? (int) self->round->stage : 0;
}

gint64
par_council_page_get_selected_assessment (ParCouncilPage *self)
{
  ParCouncilRow *row;

  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), 0);
  row = gtk_single_selection_get_selected_item (self->units_selection);
  return row != NULL ? row->assessment_id : 0;
}

gboolean
par_council_page_select_unit (ParCouncilPage *self,
                              const char     *unit_name)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->units)); i++)
    {
      g_autoptr(ParCouncilRow) row = g_list_model_get_item (G_LIST_MODEL (self->units), i);

      if (g_strcmp0 (row->texts[PAR_COUNCIL_COL_UNIT], unit_name) == 0)
        {
          gtk_single_selection_set_selected (self->units_selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

void
par_council_page_set_view (ParCouncilPage *self,
                           const char     *name)
{
  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

void
par_council_page_set_ranking_levels (ParCouncilPage *self,
                                     ParLevel        levels)
{
  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (level_masks); i++)
    if (level_masks[i] == levels)
      gtk_drop_down_set_selected (self->level_dropdown, i);
}

static const char *
row_text (GListModel *model,
          guint       position,
          guint       column)
{
  g_autoptr(ParCouncilRow) row = g_list_model_get_item (model, position);

  /* The row's texts live as long as the store holds the row. */
  return row != NULL ? row->texts[column] : NULL;
}

guint
par_council_page_get_n_units (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->units));
}

const char *
par_council_page_get_unit_text (ParCouncilPage   *self,
                                guint             row,
                                ParCouncilColumn  column)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), NULL);
  g_return_val_if_fail (column < PAR_COUNCIL_N_COLS, NULL);
  return row_text (G_LIST_MODEL (self->units), row, column);
}

guint
par_council_page_get_n_ranked (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->ranked));
}

const char *
par_council_page_get_ranking_text (ParCouncilPage   *self,
                                   guint             row,
                                   ParRankingColumn  column)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), NULL);
  g_return_val_if_fail (column < PAR_RANKING_N_COLS, NULL);
  return row_text (G_LIST_MODEL (self->ranked), row, column);
}

const char *
par_council_page_get_deadline_text (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), NULL);
  return gtk_label_get_label (self->deadline_label);
}

const char *
par_council_page_get_stage_text (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), NULL);
  return gtk_label_get_label (self->stage_label);
}

ParChartView *
par_council_page_get_chart_view (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), NULL);
  return self->chart_view;
}

/* --- importing packages ------------------------------------------------------------------ */

static void
on_import_done (guint     n_received,
                guint     n_refused,
                guint     n_cancelled,
                gpointer  user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;

  self->importing = FALSE;
  if (self->context != NULL)
    par_council_page_reload (self);
}

gboolean
par_council_page_import_files (ParCouncilPage *self,
                               GPtrArray      *files)
{
  GtkRoot *root;

  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->context == NULL || self->round == NULL || self->importing || files->len == 0 ||
      !GTK_IS_WINDOW (root))
    return FALSE;
  self->importing = TRUE;
  par_council_import (GTK_WINDOW (root), self->context, self->round->id, files, on_import_done,
                      g_object_ref (self));
  return TRUE;
}

gboolean
par_council_page_is_importing (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);
  return self->importing;
}

static void
on_files_chosen (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) chosen = par_file_dialog_open_multiple_finish (PAR_FILE_DIALOG (source),
                                                                      result, &error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (chosen == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));
  par_council_page_import_files (self, files);
}

void
par_council_page_choose_files (ParCouncilPage *self)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) packages = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) folder = par_documents_folder ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  gtk_file_filter_set_name (packages, _("Parscore packages"));
  gtk_file_filter_add_pattern (packages, "*" PAR_PACKAGE_EXTENSION);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  par_file_dialog_set_title (dialog, _("Import Packages"));
  par_file_dialog_set_accept_label (dialog, _("_Import"));
  par_file_dialog_add_filter (dialog, packages);
  par_file_dialog_add_filter (dialog, all);
  par_file_dialog_set_default_filter (dialog, packages);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_open_multiple (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                 on_files_chosen, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         ParCouncilPage *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSList) dropped = NULL;   /* (transfer container): the list is ours to free */

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  dropped = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = dropped; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  return par_council_page_import_files (self, files);
}

/* --- closing a round ----------------------------------------------------------------------- */

typedef struct {
  gint64 round_id;
} CloseJob;

static gboolean
close_run (ParStore  *store,
           gpointer   data,
           GError   **error)
{
  return par_store_close_round (store, ((CloseJob *) data)->round_id, error);
}

static void
on_closed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->closing = FALSE;
  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The Round Was Not Closed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  if (self->context != NULL)
    par_council_page_reload (self);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char       *response,
                   ParCouncilPage   *self)
{
  if (g_strcmp0 (response, "close-round") == 0)
    par_council_page_close_round_now (self);
}

void
par_council_page_close_round_now (ParCouncilPage *self)
{
  CloseJob *job;

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  if (self->context == NULL || self->round == NULL || self->closing ||
      self->round->stage == PAR_ROUND_STAGE_FINAL)
    return;
  self->closing = TRUE;
  job = g_new0 (CloseJob, 1);
  job->round_id = self->round->id;
  par_writer_run (par_context_get_writer (self->context), close_run, job, g_free, NULL, on_closed,
                  g_object_ref (self));
}

gboolean
par_council_page_is_busy (ParCouncilPage *self)
{
  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);
  return self->closing || self->importing || self->returning || self->reporting;
}

void
par_council_page_close_round (ParCouncilPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  gboolean first;

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  if (self->round == NULL || self->round->stage == PAR_ROUND_STAGE_FINAL)
    return;
  first = self->round->stage == PAR_ROUND_STAGE_APPRAISAL;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   first ? _("Close Round 1?") : _("Close Round 2?"),
                                   first ? _("The council’s round-1 scores are locked into every "
                                             "submitted year and can go back to the units; "
                                             "submissions received after this are kept, not "
                                             "imported. Round 2 opens for the units’ replies.")
                                         : _("The scores become final and locked: nothing in "
                                             "this round can be changed after this."));
  gtk_widget_set_name (dialog, "council-close-round");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close-round", _("C_lose the Round"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-round",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- returning an appraisal --------------------------------------------------------------- */

typedef struct {
  gint64  assessment_id;
  int     round;
  char   *path;
} ReturnJob;

static void
return_job_free (gpointer data)
{
  ReturnJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
return_run (ParStore  *store,
            gpointer   data,
            GError   **error)
{
  ReturnJob *job = data;

  return par_package_write (store, job->assessment_id, PAR_PACKAGE_APPRAISAL, job->round,
                            job->path, error);
}

static void
on_returned (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  self->returning = FALSE;
  if (par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      g_autofree char *base = g_path_get_basename (self->returned_path);
      g_autofree char *shown = par_text_file_name (base);
      /* Translators: a toast; %s is the package's file name */
      g_autofree char *text = g_strdup_printf (_("Appraisal package saved as “%s”"), shown);

      if (PAR_IS_WINDOW (root))
        par_window_add_toast (PAR_WINDOW (root), adw_toast_new (text));
      return;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Appraisal Package Was Not Written"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
par_council_page_return_to (ParCouncilPage *self,
                            const char     *path)
{
  ReturnJob *job;
  gint64 id;

  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  id = par_council_page_get_selected_assessment (self);
  if (self->round == NULL || id == 0 || self->returning ||
      self->round->stage == PAR_ROUND_STAGE_APPRAISAL)
    return FALSE;
  self->returning = TRUE;
  job = g_new0 (ReturnJob, 1);
  job->assessment_id = id;
  /* Round 1's scores go back once it is closed, round 2's (the final ones) after that. */
  job->round = (int) self->round->stage - 1;
  job->path = g_strdup (path);
  g_free (self->returned_path);
  self->returned_path = g_strdup (path);
  par_writer_run (par_context_get_writer (self->context), return_run, job, return_job_free, NULL,
                  on_returned, g_object_ref (self));
  return TRUE;
}

static void
on_return_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, &error);
  g_autofree char *path = NULL;

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  if (!g_str_has_suffix (path, PAR_PACKAGE_EXTENSION))
    {
      char *with = g_strconcat (path, PAR_PACKAGE_EXTENSION, NULL);

      g_free (path);
      path = with;
    }
  par_council_page_return_to (self, path);
}

void
par_council_page_return_appraisal (ParCouncilPage *self)
{
  g_autoptr(ParFileDialog) dialog = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  ParCouncilRow *row;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  row = gtk_single_selection_get_selected_item (self->units_selection);
  if (self->round == NULL || row == NULL || row->assessment_id == 0)
    return;
  if (self->round->stage == PAR_ROUND_STAGE_APPRAISAL)
    {
      GtkWidget *refusal = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   _("Round 1 Is Still Open"),
                                                   _("Close round 1 first: its scores go back to "
                                                     "the units once they are locked."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (refusal), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (refusal));
      return;
    }
  dialog = par_file_dialog_new ();
  folder = par_documents_folder ();
  /* Translators: the file an appraisal is saved to: "Sở Nội vụ — appraisal 2024.parscore" */
  name = g_strdup_printf (_("%s — appraisal %d%s"), row->texts[PAR_COUNCIL_COL_UNIT],
                          self->round->year, PAR_PACKAGE_EXTENSION);
  par_file_dialog_set_title (dialog, _("Return the Appraisal"));
  par_file_dialog_set_accept_label (dialog, _("_Save"));
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_return_chosen, g_object_ref (self));
}

/* --- the council's report ---------------------------------------------------------------- */

typedef struct {
  gint64  round_id;
  char   *path;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  g_free (job->path);
  g_free (job);
}

/* On the writer's thread with its own connection (the report reads the store only). */
static gboolean
report_run (ParStore  *store,
            gpointer   data,
            GError   **error)
{
  ReportJob *job = data;

  if (g_str_has_suffix (job->path, ".xlsx"))
    return par_council_report_write_score_table (store, job->round_id, job->path, error);
  return par_council_report_write (store, job->round_id, job->path, NULL, NULL, error);
}

static void
on_report_written (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  self->reporting = FALSE;
  if (par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      g_autofree char *base = g_path_get_basename (self->report_path);
      g_autofree char *shown = par_text_file_name (base);

      /* Translators: a toast; %s is the report's file name */
      text = g_strdup_printf (_("Report saved as “%s”"), shown);
    }
  else
    text = g_strdup (error->message);
  if (PAR_IS_WINDOW (root))
    par_window_add_toast (PAR_WINDOW (root), adw_toast_new (text));
}

gboolean
par_council_page_export_report_to (ParCouncilPage *self,
                                   const char     *path)
{
  ReportJob *job;

  g_return_val_if_fail (PAR_IS_COUNCIL_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->context == NULL || self->round == NULL || self->reporting)
    return FALSE;
  self->reporting = TRUE;
  job = g_new0 (ReportJob, 1);
  job->round_id = self->round->id;
  job->path = g_strdup (path);
  g_free (self->report_path);
  self->report_path = g_strdup (path);
  par_writer_run (par_context_get_writer (self->context), report_run, job, report_job_free, NULL,
                  on_report_written, g_object_ref (self));
  return TRUE;
}

static void
on_report_chosen (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ParCouncilPage) self = user_data;
  g_autoptr(GFile) file = par_file_dialog_save_finish (PAR_FILE_DIALOG (source), result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL)
    return;
  if (!g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".xlsx"))
    {
      /* The filter chosen says which: the spreadsheet or, by default, the PDF. */
      GtkFileFilter *chosen = par_file_dialog_get_chosen_filter (PAR_FILE_DIALOG (source));
      gboolean xlsx = chosen != NULL &&
                      g_strcmp0 (g_object_get_data (G_OBJECT (chosen), "extension"), ".xlsx") == 0;
      char *with = g_strconcat (path, xlsx ? ".xlsx" : ".pdf", NULL);

      g_free (path);
      path = with;
    }
  par_council_page_export_report_to (self, path);
}

void
par_council_page_export_report (ParCouncilPage *self)
{
  g_autoptr(ParFileDialog) dialog = par_file_dialog_new ();
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx = gtk_file_filter_new ();
  g_autoptr(GFile) folder = par_documents_folder ();
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_return_if_fail (PAR_IS_COUNCIL_PAGE (self));

  if (self->round == NULL)
    return;
  gtk_file_filter_set_name (pdf, _("Report (PDF)"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  g_object_set_data (G_OBJECT (pdf), "extension", (gpointer) ".pdf");
  gtk_file_filter_set_name (xlsx, _("Score table (XLSX)"));
  gtk_file_filter_add_pattern (xlsx, "*.xlsx");
  g_object_set_data (G_OBJECT (xlsx), "extension", (gpointer) ".xlsx");
  /* Translators: the report's proposed file name: "Council report 2024.pdf" */
  name = g_strdup_printf (_("Council report %d.pdf"), self->round->year);
  par_file_dialog_set_title (dialog, _("Export the Council’s Report"));
  par_file_dialog_set_accept_label (dialog, _("_Export"));
  par_file_dialog_add_filter (dialog, pdf);
  par_file_dialog_add_filter (dialog, xlsx);
  par_file_dialog_set_default_filter (dialog, pdf);
  par_file_dialog_set_initial_folder (dialog, folder);
  par_file_dialog_set_initial_name (dialog, name);
  par_file_dialog_save (dialog, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                        on_report_chosen, g_object_ref (self));
}

/* --- the tables' cells ------------------------------------------------------------------- */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_UINT (data) & 0x100 ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  ParCouncilRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint column = GPOINTER_TO_UINT (data) & 0xff;
  gboolean warn = (GPOINTER_TO_UINT (data) & 0x200) != 0 && row->marked;

  gtk_label_set_label (GTK_LABEL (label), row->texts[column]);
  gtk_widget_set_tooltip_text (label, row->texts[column][0] != '\0' ? row->texts[column] : NULL);
  if (warn)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

/* @flags: 0x100 right-aligned (numbers), 0x200 drawn as a warning when the row is marked. */
static void
add_column (GtkColumnView *view,
            const char    *title,
            guint          column,
            guint          flags,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GUINT_TO_POINTER (column | flags));
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GUINT_TO_POINTER (column | flags));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (view, col);
  g_object_unref (col);
}

static void
on_unit_activate (GtkColumnView  *view,
                  guint           position,
                  ParCouncilPage *self)
{
  g_autoptr(ParCouncilRow) row = g_list_model_get_item (G_LIST_MODEL (self->units), position);

  if (row != NULL)
    g_signal_emit (self, open_unit_signal, 0, row->assessment_id);
}

static void
on_ranking_filter_changed (ParCouncilPage *self)
{
  if (self->syncing == 0 && self->round != NULL)
    load_ranking (self);
}

static void
par_council_page_dispose (GObject *object)
{
  ParCouncilPage *self = PAR_COUNCIL_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_COUNCIL_PAGE);
  {
    GtkWidget *child;

    /* The outer box is not a bound child: dispose_template leaves it. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->context);
  g_clear_object (&self->units_selection);
  g_clear_object (&self->units);
  g_clear_object (&self->ranked);
  g_clear_pointer (&self->round, par_round_free);
  g_clear_pointer (&self->returned_path, g_free);
  g_clear_pointer (&self->report_path, g_free);
  G_OBJECT_CLASS (par_council_page_parent_class)->dispose (object);
}

static void
par_council_page_class_init (ParCouncilPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_council_page_dispose;

  /* ::open-unit (assessment id, 0 when the unit has not submitted): a row was activated. */
  open_unit_signal = g_signal_new ("open-unit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /* ::reloaded: the round was read again (its stage may have changed). */
  reloaded_signal = g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  g_type_ensure (PAR_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/vn/parscore/Parscore/par-council-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, lock_icon);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, stage_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, round_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, units_view);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, ranking_view);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, column_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, ranking_note);
  gtk_widget_class_bind_template_child (widget_class, ParCouncilPage, chart_view);
}

static void
par_council_page_init (ParCouncilPage *self)
{
  const char *levels[] = { _("All levels"), _("Departments"), _("Districts"), _("Communes"), NULL };
  const char *columns[] = { par_score_column_label (PAR_COLUMN_FINAL),
                            par_score_column_label (PAR_COLUMN_APPRAISED),
                            par_score_column_label (PAR_COLUMN_SELF), NULL };
  g_autoptr(GtkStringList) level_list = gtk_string_list_new (levels);
  g_autoptr(GtkStringList) column_list = gtk_string_list_new (columns);
  GtkNoSelection *ranked_selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->units = g_list_store_new (PAR_TYPE_COUNCIL_ROW);
  self->ranked = g_list_store_new (PAR_TYPE_COUNCIL_ROW);
  self->units_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->units)));
  gtk_column_view_set_model (self->units_view, GTK_SELECTION_MODEL (self->units_selection));
  ranked_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->ranked)));
  gtk_column_view_set_model (self->ranking_view, GTK_SELECTION_MODEL (ranked_selection));
  g_object_unref (ranked_selection);

  add_column (self->units_view, _("Unit"), PAR_COUNCIL_COL_UNIT, 0, TRUE);
  add_column (self->units_view, _("Status"), PAR_COUNCIL_COL_STATUS, 0, FALSE);
  add_column (self->units_view, _("Received"), PAR_COUNCIL_COL_RECEIVED, 0, FALSE);
  add_column (self->units_view, _("Late"), PAR_COUNCIL_COL_LATE, 0x200, FALSE);
  /* xgettext:no-c-format */
  add_column (self->units_view, _("Index % self-assessed"), PAR_COUNCIL_COL_SELF, 0x100, FALSE);
  /* The index that counts: the appraised score where the council entered one, else the
   * unit's own (par_score_column FINAL). The appraised column alone measures only what was
   * appraised (one sub-criterion appraised reads 50 % beside a 1.37 % self index). */
  /* xgettext:no-c-format */
  add_column (self->units_view, _("Index % final (appraised, else self)"), PAR_COUNCIL_COL_FINAL,
              0x100, FALSE);
  gtk_column_view_set_single_click_activate (self->units_view, FALSE);
  g_signal_connect (self->units_view, "activate", G_CALLBACK (on_unit_activate), self);

  add_column (self->ranking_view, _("Rank"), PAR_RANKING_COL_RANK, 0x100, FALSE);
  add_column (self->ranking_view, _("Unit"), PAR_RANKING_COL_UNIT, 0, TRUE);
  add_column (self->ranking_view, _("Points"), PAR_RANKING_COL_POINTS, 0x100, FALSE);
  add_column (self->ranking_view, _("Index %"), PAR_RANKING_COL_INDEX, 0x100, FALSE);
  add_column (self->ranking_view, _("Band"), PAR_RANKING_COL_BAND, 0, FALSE);
  add_column (self->ranking_view, _("Change"), PAR_RANKING_COL_CHANGE, 0, FALSE);

  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (level_list));
  gtk_drop_down_set_model (self->column_dropdown, G_LIST_MODEL (column_list));
  {
    /* Many packages at once, from the file manager. */
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  g_signal_connect_swapped (self->level_dropdown, "notify::selected",
                            G_CALLBACK (on_ranking_filter_changed), self);
  g_signal_connect_swapped (self->column_dropdown, "notify::selected",
                            G_CALLBACK (on_ranking_filter_changed), self);
}
