/* par-unit-dropdown.h — the drop-down of units the window's header bar and the dashboard
 * show: its names from the store's units, long names cut on the button (the full name in its
 * tooltip) and shown whole in the list.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "par-core.h"

G_BEGIN_DECLS

void par_unit_dropdown_init      (GtkDropDown   *dropdown,
                                  GListModel    *names,
                                  int            max_chars);
void par_unit_dropdown_set_units (GtkStringList *names,
                                  GPtrArray     *units);

G_END_DECLS
