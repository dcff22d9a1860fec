/* par-preferences-window.c — the app's preferences.
 *
 * One setting today: the user's name, which the audit log records with the login name for
 * every change made from this computer ("Nguyễn Văn An (an)"). It is applied when the user
 * presses the row's apply button or Enter, not at each key, so a half-typed name never
 * reaches the log.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <glib/gi18n-lib.h>

#include "par-a11y.h"
#include "par-context.h"
#include "par-preferences-window.h"

struct _ParPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template */
  AdwEntryRow          *name_row;
  AdwActionRow         *login_row;
  AdwActionRow         *recorded_row;

  GSettings            *settings;
  gulong                changed_id;
};

G_DEFINE_FINAL_TYPE (ParPreferencesWindow, par_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_recorded (ParPreferencesWindow *self)
{
  g_autofree char *name = self->settings != NULL ? g_settings_get_string (self->settings, "user-name") : NULL;
  g_autofree char *actor = par_context_actor_for (name);

  adw_action_row_set_subtitle (self->recorded_row, actor);
}

static void
on_apply (AdwEntryRow          *row,
          ParPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "user-name", name);
}

static void
on_settings_changed (GSettings            *settings,
                     const char           *key,
                     ParPreferencesWindow *self)
{
  show_recorded (self);
}

static void
par_preferences_window_dispose (GObject *object)
{
  ParPreferencesWindow *self = PAR_PREFERENCES_WINDOW (object);

  if (self->settings != NULL)
    g_clear_signal_handler (&self->changed_id, self->settings);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), PAR_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (par_preferences_window_parent_class)->dispose (object);
}

static void
par_preferences_window_class_init (ParPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/vn/parscore/Parscore/par-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ParPreferencesWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, ParPreferencesWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, ParPreferencesWindow, recorded_row);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
par_preferences_window_init (ParPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  par_accessible_tidy (GTK_WIDGET (self));
  adw_action_row_set_subtitle (self->login_row, g_get_user_name ());
  g_signal_connect (self->name_row, "apply", G_CALLBACK (on_apply), self);
}

GtkWidget *
par_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  ParPreferencesWindow *self;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PAR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  if (settings != NULL)
    {
      g_autofree char *name = g_settings_get_string (settings, "user-name");

      self->settings = g_object_ref (settings);
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      self->changed_id = g_signal_connect (settings, "changed::user-name",
                                           G_CALLBACK (on_settings_changed), self);
    }
  else
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Parscore's settings are not installed: the name cannot be kept.")));
    }
  show_recorded (self);
  return GTK_WIDGET (self);
}
