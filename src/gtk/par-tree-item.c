/* par-tree-item.c — one row of the sidebar.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-display.h"
#include "par-tree-item.h"

struct _ParTreeItem
{
  GObject          parent_instance;

  ParTreeItemKind  kind;
  const ParNode   *node;     /* NODE only; owned by the framework the model holds */
  char            *code;
  char            *title;
  /* What a search looks in, folded on the first search: folding every item's text costs
   * more than the rest of the tree at start-up, and most starts never search. */
  char            *folded;   /* code, titles and description (NULL until asked) */
  char            *context;  /* the same of its ancestors (NULL until asked) */
  ParTreeItem     *parent;   /* the item whose children we are (NULL for a root, or once it
                              * is gone: it clears this when finalized) */
  char            *score;
  const char      *status_icon;
  const char      *status_text;
  GListStore      *children;
};

G_DEFINE_FINAL_TYPE (ParTreeItem, par_tree_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_TITLE,
  PROP_SCORE,
  PROP_STATUS_ICON,
  PROP_STATUS_TEXT,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

const char *
par_leaf_status_icon_name (ParLeafStatus status)
{
  switch (status)
    {
    case PAR_LEAF_IN_PROGRESS:      return "radio-mixed-symbolic";
    case PAR_LEAF_SCORED:           return "emblem-ok-symbolic";
    case PAR_LEAF_MISSING_EVIDENCE: return "dialog-warning-symbolic";
    case PAR_LEAF_NOT_APPLICABLE:   return "action-unavailable-symbolic";
    case PAR_LEAF_SURVEY:           return "system-users-symbolic";
    case PAR_LEAF_SURVEY_PENDING:   return "system-users-symbolic";
    case PAR_LEAF_INVALID:          return "dialog-error-symbolic";
    case PAR_LEAF_NOT_STARTED:
    default:                        return "radio-symbolic";
    }
}

const char *
par_leaf_status_describe (ParLeafStatus status)
{
  switch (status)
    {
    case PAR_LEAF_IN_PROGRESS:      return _("In progress");
    case PAR_LEAF_SCORED:           return _("Scored");
    case PAR_LEAF_MISSING_EVIDENCE: return _("Missing evidence");
    case PAR_LEAF_NOT_APPLICABLE:   return _("Not applicable");
    case PAR_LEAF_SURVEY:           return _("Scored by the survey");
    case PAR_LEAF_SURVEY_PENDING:   return _("Waiting for the survey");
    case PAR_LEAF_INVALID:          return _("Invalid figures");
    case PAR_LEAF_NOT_STARTED:
    default:                        return _("Not started");
    }
}

static void
par_tree_item_finalize (GObject *object)
{
  ParTreeItem *self = PAR_TREE_ITEM (object);

  if (self->children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      /* A child kept by someone else must not look up a parent that is gone. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ParTreeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          child->parent = NULL;
        }
    }
  g_free (self->code);
  g_free (self->title);
  g_free (self->folded);
  g_free (self->context);
  g_free (self->score);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (par_tree_item_parent_class)->finalize (object);
}

static void
par_tree_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ParTreeItem *self = PAR_TREE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SCORE:
      g_value_set_string (value, self->score);
      break;
    case PROP_STATUS_ICON:
      g_value_set_string (value, self->status_icon);
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_tree_item_class_init (ParTreeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = par_tree_item_finalize;
  object_class->get_property = par_tree_item_get_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_string ("score", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_ICON] =
    g_param_spec_string ("status-icon", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
par_tree_item_init (ParTreeItem *self)
{
}

/* What a search looks in: the code, the titles (Vietnamese and English) and the description
 * of the rule, folded (no diacritics, lower case). */
static const char *
get_folded (ParTreeItem *self)
{
  g_autoptr(GString) text = NULL;

  if (self->folded != NULL)
    return self->folded;
  text = g_string_new (self->code);
  g_string_append_printf (text, " %s", self->title);
  if (self->node != NULL && self->node->title_en != NULL)
    g_string_append_printf (text, " %s", self->node->title_en);
  if (self->node != NULL && self->node->description != NULL)
    g_string_append_printf (text, " %s", self->node->description);
  self->folded = par_fold_for_search (text->str);
  return self->folded;
}

/* An item is found by words of its own and of its ancestors' ("kế hoạch" of a criterion and
 * "tuyên truyền" of one of its sub-criteria): the folded text of all that is above it, or
 * NULL for a root. */
static const char *
get_context (ParTreeItem *self)
{
  const char *above;

  if (self->context != NULL || self->parent == NULL)
    return self->context;
  above = get_context (self->parent);
  self->context = above != NULL ? g_strdup_printf ("%s %s", above, get_folded (self->parent))
                                : g_strdup (get_folded (self->parent));
  return self->context;
}

static void
add_child (ParTreeItem *self,
           ParTreeItem *child)
{
  child->parent = self;
  g_list_store_append (self->children, child);
}

ParTreeItem *
par_tree_item_new_overview (void)
{
  ParTreeItem *self = g_object_new (PAR_TYPE_TREE_ITEM, NULL);

  self->kind = PAR_TREE_ITEM_OVERVIEW;
  self->title = g_strdup (_("Overview"));
  self->status_icon = "view-grid-symbolic";
  return self;
}

ParTreeItem *
par_tree_item_new_group (const char *title,
                         GPtrArray  *leaves)
{
  ParTreeItem *self = g_object_new (PAR_TYPE_TREE_ITEM, NULL);

  self->kind = PAR_TREE_ITEM_GROUP;
  self->title = g_strdup (title);
  self->children = g_list_store_new (PAR_TYPE_TREE_ITEM);
  for (guint i = 0; i < leaves->len; i++)
    {
      g_autoptr(ParTreeItem) child = par_tree_item_new_node (g_ptr_array_index (leaves, i));
      add_child (self, child);
    }
  return self;
}

ParTreeItem *
par_tree_item_new_node (const ParNode *node)
{
  ParTreeItem *self = g_object_new (PAR_TYPE_TREE_ITEM, NULL);

  self->kind = PAR_TREE_ITEM_NODE;
  self->node = node;
  self->code = g_strdup (node->code);
  self->title = g_strdup (node->title);
  if (!par_node_is_leaf (node))
    {
      self->children = g_list_store_new (PAR_TYPE_TREE_ITEM);
      for (guint i = 0; node->children != NULL && i < node->children->len; i++)
        {
          g_autoptr(ParTreeItem) child = par_tree_item_new_node (g_ptr_array_index (node->children, i));
          add_child (self, child);
        }
    }
  return self;
}

ParTreeItemKind
par_tree_item_get_kind (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), PAR_TREE_ITEM_NODE);
  return self->kind;
}

const ParNode *
par_tree_item_get_node (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->node;
}

const char *
par_tree_item_get_code (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->code;
}

const char *
par_tree_item_get_title (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->title;
}

const char *
par_tree_item_get_score (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->score;
}

const char *
par_tree_item_get_status_icon (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->status_icon;
}

const char *
par_tree_item_get_status_text (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->status_text;
}

gboolean
par_tree_item_is_leaf (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), FALSE);
  return self->kind == PAR_TREE_ITEM_NODE && par_node_is_leaf (self->node);
}

GListModel *
par_tree_item_get_children (ParTreeItem *self)
{
  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), NULL);
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

/* Every word of the query is in the item's text or its ancestors', in any order. */
static gboolean
matches_words (ParTreeItem        *self,
               const char * const *words)
{
  /* Empty words are what splitting on runs of spaces leaves: they match anything. */
  const char *folded = get_folded (self);
  const char *context = get_context (self);

  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (folded, words[i]) == NULL && (context == NULL || strstr (context, words[i]) == NULL))
      return FALSE;
  return TRUE;
}

static gboolean
matches_deep (ParTreeItem        *self,
              const char * const *words)
{
  guint n;

  if (matches_words (self, words))
    return TRUE;
  if (self->children == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ParTreeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
      if (matches_deep (child, words))
        return TRUE;
    }
  return FALSE;
}

gboolean
par_tree_item_matches (ParTreeItem *self,
                       const char  *folded_query)
{
  g_auto(GStrv) words = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (PAR_IS_TREE_ITEM (self), FALSE);

  if (folded_query == NULL)
    return TRUE;
  words = g_strsplit_set (folded_query, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    any = any || *words[i] != '\0';
  if (!any)
    return TRUE;
  if (self->kind == PAR_TREE_ITEM_OVERVIEW)
    return FALSE;
  return matches_deep (self, (const char * const *) words);
}

static void
set_score (ParTreeItem *self,
           char        *score)
{
  if (g_strcmp0 (self->score, score) == 0)
    {
      g_free (score);
      return;
    }
  g_free (self->score);
  self->score = score;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

static void
set_status (ParTreeItem *self,
            const char  *icon,
            const char  *text)
{
  if (g_strcmp0 (self->status_icon, icon) != 0)
    {
      self->status_icon = icon;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_ICON]);
    }
  if (g_strcmp0 (self->status_text, text) != 0)
    {
      self->status_text = text;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_TEXT]);
    }
}

/* A total in the column shown, out of the applicable maximum; "—" where the column has
 * nothing yet (a year the council has not appraised is not 0 in the appraised column). */
static char *
total_score (const ParNodeTotal *total,
             ParScoreColumn      column)
{
  gboolean has = column != PAR_COLUMN_APPRAISED || par_node_total_has_scores (total, column);

  return par_display_score_of (has, par_node_total_points (total, column), total->applicable_max);
}

void
par_tree_item_update (ParTreeItem        *self,
                      ParAssessmentModel *model)
{
  ParResult *result;
  ParScoreColumn column;

  g_return_if_fail (PAR_IS_TREE_ITEM (self));

  result = par_assessment_model_get_result (model);
  column = par_assessment_model_get_column (model);
  /* One notification per item, whatever changed in it. */
  g_object_freeze_notify (G_OBJECT (self));

  if (self->kind == PAR_TREE_ITEM_OVERVIEW)
    {
      const ParNodeTotal *total = par_result_get_total (result, NULL);
      if (total != NULL)
        set_score (self, total_score (total, column));
    }
  else if (self->kind == PAR_TREE_ITEM_GROUP)
    set_score (self, NULL);
  else if (par_node_is_leaf (self->node))
    {
      const ParLeafScore *score = par_result_get_leaf (result, self->code);
      ParLeafStatus status = par_assessment_model_get_status (model, self->code);
      ParPoints points = 0;

      if (score == NULL)
        set_score (self, NULL);
      else if (score->state == PAR_SCORE_NOT_APPLICABLE)
        /* Translators: short for "not applicable", in the sidebar's score column. */
        set_score (self, g_strdup (C_("score", "N/A")));
      else
        {
          gboolean has = par_leaf_score_get (score, column, &points);
          set_score (self, par_display_score_of (has, points, score->max));
        }
      set_status (self, par_leaf_status_icon_name (status), par_leaf_status_describe (status));
    }
  else
    {
      const ParNodeTotal *total = par_result_get_total (result, self->code);

      if (total != NULL)
        {
          set_score (self, total_score (total, column));
          /* Done is the office's part (the scorer's par_leaf_score_is_done()): survey items
           * are not counted, and a criterion of survey items only is never marked. */
          if (total->leaves > 0 && total->done == total->leaves)
            set_status (self, "emblem-ok-symbolic", _("All done"));
          else
            set_status (self, NULL, NULL);
        }
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
par_tree_item_update_deep (ParTreeItem        *self,
                           ParAssessmentModel *model)
{
  g_return_if_fail (PAR_IS_TREE_ITEM (self));

  par_tree_item_update (self, model);
  if (self->children != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->children));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ParTreeItem) child = g_list_model_get_item (G_LIST_MODEL (self->children), i);
          par_tree_item_update_deep (child, model);
        }
    }
}
