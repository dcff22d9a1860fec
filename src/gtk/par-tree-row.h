/* par-tree-row.h — how a ParTreeItem looks in the sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "par-tree-item.h"

G_BEGIN_DECLS

#define PAR_TYPE_TREE_ROW (par_tree_row_get_type ())
G_DECLARE_FINAL_TYPE (ParTreeRow, par_tree_row, PAR, TREE_ROW, GtkWidget)

GtkWidget   *par_tree_row_new       (void);
/* @item may be NULL to unbind. @accessible gets the row's accessible name. */
void         par_tree_row_set_item  (ParTreeRow  *self,
                                     ParTreeItem *item,
                                     GtkWidget   *accessible);
ParTreeItem *par_tree_row_get_item  (ParTreeRow  *self);

G_END_DECLS
