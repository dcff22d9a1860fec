/* par-unit-dialog.c — create a unit with its first year, or start another year of a unit.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-unit-dialog.h"

struct _ParUnitDialog
{
  AdwWindow            parent_instance;

  GtkWidget           *cancel_button;
  GtkWidget           *create_button;
  GtkWidget           *unit_group;
  AdwEntryRow         *name_row;
  AdwComboRow         *level_row;
  GtkSpinButton       *year_spin;
  AdwComboRow         *framework_row;
  AdwActionRow        *copy_row;
  GtkSwitch           *copy_switch;

  ParUnitDialogMode    mode;
  ParContext          *context;
  GArray              *framework_rows;   /* gint64, in the combo's order */
  char                *name;
};

G_DEFINE_FINAL_TYPE (ParUnitDialog, par_unit_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATE,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
update_create (ParUnitDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  gboolean ok = self->framework_rows->len > 0;

  if (self->mode == PAR_UNIT_DIALOG_NEW_UNIT)
    ok = ok && *name != '\0';
  gtk_widget_set_sensitive (self->create_button, ok);
}

static void
on_create (ParUnitDialog *self)
{
  if (!gtk_widget_get_sensitive (self->create_button))
    return;
  gtk_spin_button_update (self->year_spin);
  if (self->mode == PAR_UNIT_DIALOG_NEW_UNIT)
    self->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_signal_emit (self, signals[SIGNAL_CREATE], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

const char *
par_unit_dialog_get_name (ParUnitDialog *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), NULL);
  return self->name;
}

ParLevel
par_unit_dialog_get_level (ParUnitDialog *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), PAR_LEVEL_DEPARTMENT);

  switch (adw_combo_row_get_selected (self->level_row))
    {
    case 1:  return PAR_LEVEL_DISTRICT;
    case 2:  return PAR_LEVEL_COMMUNE;
    default: return PAR_LEVEL_DEPARTMENT;
    }
}

int
par_unit_dialog_get_year (ParUnitDialog *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), 0);
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

gint64
par_unit_dialog_get_framework_row (ParUnitDialog *self)
{
  guint i;

  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), 0);

  i = adw_combo_row_get_selected (self->framework_row);
  return i < self->framework_rows->len ? g_array_index (self->framework_rows, gint64, i) : 0;
}

gboolean
par_unit_dialog_get_copy_links (ParUnitDialog *self)
{
  g_return_val_if_fail (PAR_IS_UNIT_DIALOG (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->copy_row)) && gtk_switch_get_active (self->copy_switch);
}

static void
par_unit_dialog_dispose (GObject *object)
{
  g_clear_object (&PAR_UNIT_DIALOG (object)->context);
  gtk_widget_dispose_template (GTK_WIDGET (object), PAR_TYPE_UNIT_DIALOG);
  G_OBJECT_CLASS (par_unit_dialog_parent_class)->dispose (object);
}

static void
par_unit_dialog_finalize (GObject *object)
{
  ParUnitDialog *self = PAR_UNIT_DIALOG (object);

  g_array_unref (self->framework_rows);
  g_free (self->name);

  G_OBJECT_CLASS (par_unit_dialog_parent_class)->finalize (object);
}

static void
par_unit_dialog_class_init (ParUnitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_unit_dialog_dispose;
  object_class->finalize = par_unit_dialog_finalize;

  signals[SIGNAL_CREATE] =
    g_signal_new ("create", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-unit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, unit_group);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, level_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, framework_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, copy_row);
  gtk_widget_class_bind_template_child (widget_class, ParUnitDialog, copy_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
par_unit_dialog_init (ParUnitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));
  self->framework_rows = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (gtk_window_destroy), self);
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (update_create), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (on_create), self);
  par_accessible_set_name (self->name_row, _("Unit name"));
  par_accessible_set_name (self->level_row, _("Level"));
  par_accessible_set_name (self->framework_row, _("Criteria set"));
}

/* The year spin button offers the years of the chosen criteria set, and keeps its year
 * within them. */
static void
on_framework_selected (ParUnitDialog *self)
{
  g_autoptr(ParFramework) framework = NULL;
  gint64 row = par_unit_dialog_get_framework_row (self);
  int from = 0, to = 0;

  if (row > 0)
    framework = par_context_get_framework (self->context, row, NULL);
  if (framework != NULL)
    par_framework_get_years (framework, &from, &to);
  if (from <= 0 || to < from)
    {
      from = 2000;
      to = 2100;
    }
  gtk_spin_button_set_range (self->year_spin, from, to);
}

/* Units assess a year once it is over: the first year of a unit is the previous one. */
static int
first_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now) - 1;
}

ParUnitDialog *
par_unit_dialog_new (GtkWindow         *parent,
                     ParUnitDialogMode  mode,
                     ParContext        *context,
                     gint64             framework_row,
                     int                year,
                     int                previous_year)
{
  ParUnitDialog *self;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  guint selected = 0;

  self = g_object_new (PAR_TYPE_UNIT_DIALOG, "transient-for", parent, NULL);
  self->mode = mode;
  self->context = g_object_ref (context);

  gtk_window_set_title (GTK_WINDOW (self), mode == PAR_UNIT_DIALOG_NEW_UNIT ? _("New Unit") : _("Start Year"));
  gtk_widget_set_visible (self->unit_group, mode == PAR_UNIT_DIALOG_NEW_UNIT);

  rows = par_store_list_frameworks (par_context_get_store (context), NULL);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      GVariant *row = g_ptr_array_index (rows, i);
      gint64 id;
      const char *set_id, *title, *sha256;

      g_variant_get (row, "(x&s&s&s)", &id, &set_id, &title, &sha256);
      g_array_append_val (self->framework_rows, id);
      gtk_string_list_append (titles, title);
      /* The newest set unless one was asked for. */
      if (framework_row == id || (framework_row == 0))
        selected = i;
    }
  adw_combo_row_set_model (self->framework_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->framework_row, selected);
  on_framework_selected (self);
  g_signal_connect_swapped (self->framework_row, "notify::selected", G_CALLBACK (on_framework_selected), self);
  gtk_spin_button_set_value (self->year_spin, previous_year > 0 && year > 0 ? year : first_year ());

  gtk_widget_set_visible (GTK_WIDGET (self->copy_row), mode == PAR_UNIT_DIALOG_START_YEAR && previous_year > 0);
  if (previous_year > 0)
    {
      g_autofree char *subtitle = g_strdup_printf (_("Documents cited in %d that still apply are linked again in the new year"),
                                                   previous_year);
      adw_action_row_set_subtitle (self->copy_row, subtitle);
      gtk_switch_set_active (self->copy_switch, TRUE);
    }

  update_create (self);
  return self;
}
