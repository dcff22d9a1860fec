/* par-tree-item.h — one row of the sidebar: the overview, a field, a criterion or a leaf.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "par-assessment-model.h"

G_BEGIN_DECLS

typedef enum {
  PAR_TREE_ITEM_OVERVIEW,
  PAR_TREE_ITEM_GROUP,   /* deductions and bonuses */
  PAR_TREE_ITEM_NODE,
} ParTreeItemKind;

#define PAR_TYPE_TREE_ITEM (par_tree_item_get_type ())
G_DECLARE_FINAL_TYPE (ParTreeItem, par_tree_item, PAR, TREE_ITEM, GObject)

ParTreeItem     *par_tree_item_new_overview   (void);
ParTreeItem     *par_tree_item_new_group      (const char  *title,
                                               GPtrArray   *leaves);
ParTreeItem     *par_tree_item_new_node       (const ParNode *node);

ParTreeItemKind  par_tree_item_get_kind       (ParTreeItem *self);
const ParNode   *par_tree_item_get_node       (ParTreeItem *self);
const char      *par_tree_item_get_code       (ParTreeItem *self);
const char      *par_tree_item_get_title      (ParTreeItem *self);
const char      *par_tree_item_get_score      (ParTreeItem *self);
const char      *par_tree_item_get_status_icon (ParTreeItem *self);
/* What the status icon says, in words (tooltip and accessible name). */
const char      *par_tree_item_get_status_text (ParTreeItem *self);
gboolean         par_tree_item_is_leaf        (ParTreeItem *self);
/* Children as a GListStore of ParTreeItem, NULL for leaves and the overview. */
GListModel      *par_tree_item_get_children   (ParTreeItem *self);
/* Does this item, or one below it, match the folded query (par_fold_for_search)? Each word
 * of the query must be in the item's code, titles or description or in its ancestors', in
 * any order. An empty query matches all. The one search of the sidebar. */
gboolean         par_tree_item_matches        (ParTreeItem *self,
                                               const char  *folded_query);
/* Recompute score and status from the model (notifies only what changed); _deep also
 * does every item below. */
void             par_tree_item_update         (ParTreeItem        *self,
                                               ParAssessmentModel *model);
void             par_tree_item_update_deep    (ParTreeItem        *self,
                                               ParAssessmentModel *model);

const char      *par_leaf_status_icon_name    (ParLeafStatus status);
const char      *par_leaf_status_describe     (ParLeafStatus status);

G_END_DECLS
