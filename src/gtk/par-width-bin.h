/* par-width-bin.h — a bin whose width does not depend on the height it is offered.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PAR_TYPE_WIDTH_BIN (par_width_bin_get_type ())
G_DECLARE_FINAL_TYPE (ParWidthBin, par_width_bin, PAR, WIDTH_BIN, GtkWidget)

GtkWidget *par_width_bin_new       (void);
GtkWidget *par_width_bin_get_child (ParWidthBin *self);
void       par_width_bin_set_child (ParWidthBin *self,
                                    GtkWidget   *child);

G_END_DECLS
