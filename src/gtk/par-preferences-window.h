/* par-preferences-window.h — the app's preferences: the name the audit log records.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PAR_TYPE_PREFERENCES_WINDOW (par_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ParPreferencesWindow, par_preferences_window, PAR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Over @parent, editing @settings (the app's GSettings; NULL when the schema is missing,
 * then nothing can be kept and the window says so). */
GtkWidget *par_preferences_window_new (GtkWindow *parent,
                                       GSettings *settings);

G_END_DECLS
