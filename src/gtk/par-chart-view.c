/* par-chart-view.c — a leadership chart as a widget.
 *
 * The snapshot hands a cairo node to the core's par_chart_render(), the same renderer as the
 * PNG/SVG/PDF export, and keeps the node until the model, size or style changes: hovering and
 * moving the keyboard focus only redraw the focus ring on top. Tooltips, clicks and arrow keys
 * use the regions the renderer's own layout code reports for the current size, so what the
 * pointer finds is what was drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"


#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "par-chart-view.h"

struct _ParChartView
{
  GtkWidget       parent_instance;

  ParChartModel  *model;
  ParChartType    type;
  ParChartStyle   style;
  char           *font_family;

  GskRenderNode  *chart_node;   /* the chart at node_width × node_height */
  int             node_width, node_height;
  GArray         *regions;      /* every region for regions_width × regions_height */
  GArray         *navigable;    /* indices into regions: values and categories, in order */
  int             regions_width, regions_height;

  int             focus_index;  /* into navigable, -1 for none */
  int             hover_index;  /* into regions, -1 for none */
  gboolean        has_focus;
};

G_DEFINE_FINAL_TYPE (ParChartView, par_chart_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ACTIVATE_CODE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_accessible (ParChartView *self);

/* Drawing state */

static void
drop_regions (ParChartView *self)
{
  g_clear_pointer (&self->regions, g_array_unref);
  g_clear_pointer (&self->navigable, g_array_unref);
  self->hover_index = -1;
}

void
par_chart_view_invalidate (ParChartView *self)
{
  g_return_if_fail (PAR_IS_CHART_VIEW (self));

  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  drop_regions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_style (ParChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double dpi = pango_cairo_context_get_resolution (context);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  par_chart_style_init (&self->style, dark ? PAR_CHART_PALETTE_DARK : PAR_CHART_PALETTE_LIGHT);
  g_free (self->font_family);
  self->font_family = g_strdup (font != NULL ? pango_font_description_get_family (font) : NULL);
  self->style.font_family = self->font_family;
  /* The chart's designed text size, grown with the desktop's text scaling. */
  if (dpi > 0)
    self->style.font_size *= dpi / 96.0;
  /* The app shows the chart at its natural size; only exports scale up. */
  self->style.scale = 1.0;
  self->style.decimal_separator = par_points_decimal_separator ();
  /* The page behind is the view colour the palettes are drawn on. */
  self->style.transparent = TRUE;
}

static void
on_dark_changed (AdwStyleManager *manager,
                 GParamSpec      *pspec,
                 ParChartView    *self)
{
  update_style (self);
  par_chart_view_invalidate (self);
}

static int
compare_navigable (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  GArray *regions = user_data;
  const ParChartHit *x = &g_array_index (regions, ParChartHit, *(const guint *) a);
  const ParChartHit *y = &g_array_index (regions, ParChartHit, *(const guint *) b);

  /* Category by category; its label first, then its values by series. */
  if (x->category != y->category)
    return x->category < y->category ? -1 : 1;
  if (x->series != y->series)
    return x->series < y->series ? -1 : 1;
  return 0;
}

static void
ensure_regions (ParChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  g_autoptr(GHashTable) labelled = NULL;

  if (self->regions != NULL && self->regions_width == width && self->regions_height == height)
    return;
  drop_regions (self);
  self->regions_width = width;
  self->regions_height = height;
  if (self->model != NULL && width > 0 && height > 0)
    self->regions = par_chart_get_regions (self->model, self->type, &self->style, width, height);
  else
    self->regions = g_array_new (FALSE, FALSE, sizeof (ParChartHit));

  /* Keyboard order: values and categories (a category once, though it may be labelled on
   * the axis and in a legend), legend entries of series are not stops. */
  self->navigable = g_array_new (FALSE, FALSE, sizeof (guint));
  labelled = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < self->regions->len; i++)
    {
      const ParChartHit *r = &g_array_index (self->regions, ParChartHit, i);

      if (r->kind == PAR_CHART_HIT_CATEGORY)
        {
          if (g_hash_table_contains (labelled, GINT_TO_POINTER (r->category + 1)))
            continue;
          g_hash_table_add (labelled, GINT_TO_POINTER (r->category + 1));
        }
      else if (r->kind != PAR_CHART_HIT_VALUE)
        continue;
      g_array_append_val (self->navigable, i);
    }
  g_array_sort_with_data (self->navigable, compare_navigable, self->regions);

  if (self->focus_index >= (int) self->navigable->len)
    self->focus_index = (int) self->navigable->len - 1;
}

static const ParChartHit *
focused_region (ParChartView *self)
{
  ensure_regions (self);
  if (self->focus_index < 0 || self->focus_index >= (int) self->navigable->len)
    return NULL;
  return &g_array_index (self->regions, ParChartHit,
                         g_array_index (self->navigable, guint, self->focus_index));
}

/* Index into regions of what is under (x, y), -1 for nothing: par_chart_hit_test()'s rule over
 * the regions kept for the current size. */
static int
region_at (ParChartView *self,
           double        x,
           double        y)
{
  ensure_regions (self);
  return par_chart_regions_find (self->regions, x, y);
}

/* Public API */

GtkWidget *
par_chart_view_new (void)
{
  return g_object_new (PAR_TYPE_CHART_VIEW, NULL);
}

void
par_chart_view_set_model (ParChartView  *self,
                          ParChartModel *model,
                          ParChartType   type)
{
  g_return_if_fail (PAR_IS_CHART_VIEW (self));
  g_return_if_fail ((guint) type < PAR_CHART_N_TYPES);

  if (model != NULL)
    par_chart_model_ref (model);
  g_clear_pointer (&self->model, par_chart_model_unref);
  self->model = model;
  if (type != self->type)
    self->focus_index = -1;
  self->type = type;
  par_chart_view_invalidate (self);
  update_accessible (self);
}

ParChartModel *
par_chart_view_get_model (ParChartView *self)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), NULL);
  return self->model;
}

ParChartType
par_chart_view_get_chart_type (ParChartView *self)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), PAR_CHART_FIELDS);
  return self->type;
}

const ParChartStyle *
par_chart_view_get_style (ParChartView *self)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), NULL);
  return &self->style;
}

gboolean
par_chart_view_hit_at (ParChartView *self,
                       double        x,
                       double        y,
                       ParChartHit  *hit)
{
  int i;

  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  i = region_at (self, x, y);
  if (i < 0)
    {
      *hit = (ParChartHit) { PAR_CHART_HIT_NONE, -1, -1, 0, 0, 0, 0 };
      return FALSE;
    }
  *hit = g_array_index (self->regions, ParChartHit, i);
  return TRUE;
}

char *
par_chart_view_describe_at (ParChartView *self,
                            double        x,
                            double        y)
{
  ParChartHit hit;

  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), NULL);

  if (self->model == NULL || !par_chart_view_hit_at (self, x, y, &hit))
    return NULL;
  return par_chart_describe_hit (self->model, self->type, &hit, self->style.decimal_separator);
}

static gboolean
activate_hit (ParChartView      *self,
              const ParChartHit *hit)
{
  const ParChartCategory *category;

  if (self->model == NULL || hit == NULL || hit->category < 0
      || (hit->kind != PAR_CHART_HIT_VALUE && hit->kind != PAR_CHART_HIT_CATEGORY))
    return FALSE;
  category = par_chart_model_get_category (self->model, (guint) hit->category);
  if (category == NULL || category->code == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_ACTIVATE_CODE], 0, category->code, hit->category,
                 hit->series);
  return TRUE;
}

gboolean
par_chart_view_activate_at (ParChartView *self,
                            double        x,
                            double        y)
{
  ParChartHit hit;

  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), FALSE);

  if (!par_chart_view_hit_at (self, x, y, &hit))
    return FALSE;
  return activate_hit (self, &hit);
}

int
par_chart_view_get_focus_index (ParChartView *self)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), -1);
  return self->focus_index;
}

void
par_chart_view_set_focus_index (ParChartView *self,
                                int           index)
{
  g_return_if_fail (PAR_IS_CHART_VIEW (self));

  ensure_regions (self);
  index = self->navigable->len == 0 ? -1 : CLAMP (index, -1, (int) self->navigable->len - 1);
  if (index == self->focus_index)
    return;
  self->focus_index = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
par_chart_view_get_n_regions (ParChartView *self)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), 0);
  ensure_regions (self);
  return self->navigable->len;
}

gboolean
par_chart_view_get_region (ParChartView *self,
                           guint         index,
                           ParChartHit  *hit)
{
  g_return_val_if_fail (PAR_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  ensure_regions (self);
  if (index >= self->navigable->len)
    return FALSE;
  *hit = g_array_index (self->regions, ParChartHit, g_array_index (self->navigable, guint, index));
  return TRUE;
}

/* Accessibility: the chart is an image named by its title; the element with the keyboard
 * focus is its description, so a screen reader reads "2021 · 1. Chỉ đạo…: 8,50 / 10,00 points
 * (85,00 %)" as the arrows move. */
static void
update_accessible (ParChartView *self)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;
  const ParChartHit *hit = NULL;

  if (self->model == NULL)
    label = g_strdup (_("Chart"));
  else
    {
      /* The title names the score column: a screen reader hears it too. */
      g_autofree char *title = par_chart_model_get_full_title (self->model);

      if (self->model->subtitle != NULL)
        label = g_strdup_printf ("%s — %s", title, self->model->subtitle);
      else
        label = g_steal_pointer (&title);
    }

  if (self->model != NULL && self->focus_index >= 0 && gtk_widget_get_width (GTK_WIDGET (self)) > 0)
    hit = focused_region (self);
  if (hit != NULL)
    description = par_chart_describe_hit (self->model, self->type, hit,
                                          self->style.decimal_separator);
  else if (self->model != NULL && par_chart_model_is_empty (self->model))
    description = g_strdup (self->model->empty_message != NULL ? self->model->empty_message
                                                                : _("No data"));
  else if (self->model != NULL)
    description = g_strdup (_("Use the arrow keys to read the values; Enter opens the field or sub-criterion"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

/* Snapshot */

static void
append_ring (GtkSnapshot       *snapshot,
             const ParChartHit *r,
             double             grow,
             double             line,
             const GdkRGBA     *color)
{
  GskRoundedRect outline;
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  const float widths[4] = { line, line, line, line };

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (r->x - grow, r->y - grow,
                                                        r->width + 2 * grow,
                                                        r->height + 2 * grow),
                                   3 + grow);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
par_chart_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  ParChartView *self = PAR_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (self->model == NULL || width <= 0 || height <= 0)
    return;

  if (self->chart_node == NULL || self->node_width != width || self->node_height != height)
    {
      GtkSnapshot *chart = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (chart, &GRAPHENE_RECT_INIT (0, 0, width, height));

      par_chart_render (self->model, self->type, cr, width, height, &self->style);
      cairo_destroy (cr);
      g_clear_pointer (&self->chart_node, gsk_render_node_unref);
      self->chart_node = gtk_snapshot_free_to_node (chart);
      self->node_width = width;
      self->node_height = height;
    }
  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  if (self->hover_index >= 0 && self->regions != NULL
      && self->hover_index < (int) self->regions->len)
    {
      const ParChartHit *r = &g_array_index (self->regions, ParChartHit, self->hover_index);
      GdkRGBA hover = self->style.palette == PAR_CHART_PALETTE_DARK
                      ? (GdkRGBA) { 1, 1, 1, 0.45 } : (GdkRGBA) { 0, 0, 0, 0.35 };

      if (r->kind == PAR_CHART_HIT_VALUE || r->kind == PAR_CHART_HIT_CATEGORY)
        append_ring (snapshot, r, 2, 1, &hover);
    }

  if (self->has_focus)
    {
      const ParChartHit *r = focused_region (self);
      GtkStyleContext *context = gtk_widget_get_style_context (widget);
      GdkRGBA accent = { 0.21, 0.52, 0.89, 1 };

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_lookup_color (context, "accent_color", &accent);
      G_GNUC_END_IGNORE_DEPRECATIONS
      accent.alpha = 0.9;
      if (r != NULL)
        {
          /* A gap in the background colour keeps the ring visible on a bar of the accent's hue. */
          GdkRGBA gap = self->style.palette == PAR_CHART_PALETTE_DARK
                        ? (GdkRGBA) { 0.12, 0.12, 0.12, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
          append_ring (snapshot, r, 1.5, 1.5, &gap);
          append_ring (snapshot, r, 3.5, 2, &accent);
        }
      else
        {
          ParChartHit all = { PAR_CHART_HIT_NONE, -1, -1, 3, 3, width - 6, height - 6 };
          append_ring (snapshot, &all, 0, 2, &accent);
        }
    }
}

static void
par_chart_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  ParChartView *self = PAR_CHART_VIEW (widget);

  if (self->regions != NULL && (self->regions_width != width || self->regions_height != height))
    {
      drop_regions (self);
      update_accessible (self);
    }
}

static void
par_chart_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* Small enough for a narrow window; the page gives it the room there is. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 220;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 500;
}

/* Input */

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  ParChartView *self = PAR_CHART_VIEW (widget);
  const ParChartHit *hit = NULL;
  g_autofree char *text = NULL;
  int i;

  if (self->model == NULL)
    return FALSE;
  if (keyboard_mode)
    hit = focused_region (self);
  else if ((i = region_at (self, x, y)) >= 0)
    hit = &g_array_index (self->regions, ParChartHit, i);
  if (hit == NULL)
    return FALSE;
  text = par_chart_describe_hit (self->model, self->type, hit, self->style.decimal_separator);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit->x, (int) hit->y,
                                                       MAX ((int) hit->width, 1),
                                                       MAX ((int) hit->height, 1) });
  return TRUE;
}

static gboolean
clickable (const ParChartHit *r)
{
  return r->category >= 0
         && (r->kind == PAR_CHART_HIT_VALUE || r->kind == PAR_CHART_HIT_CATEGORY);
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ParChartView             *self)
{
  int i = self->model != NULL ? region_at (self, x, y) : -1;

  if (i == self->hover_index)
    return;
  self->hover_index = i;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   i >= 0 && clickable (&g_array_index (self->regions, ParChartHit, i))
                                   ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller,
          ParChartView             *self)
{
  if (self->hover_index < 0)
    return;
  self->hover_index = -1;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_released (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             ParChartView    *self)
{
  int i;

  if (n_press != 1 || self->model == NULL)
    return;
  /* A click anywhere on the chart gives it the keyboard, as for any focusable widget. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  i = region_at (self, x, y);
  if (i < 0)
    return;
  /* The clicked element becomes the keyboard's too. */
  for (guint k = 0; k < self->navigable->len; k++)
    if (g_array_index (self->navigable, guint, k) == (guint) i)
      par_chart_view_set_focus_index (self, (int) k);
  activate_hit (self, &g_array_index (self->regions, ParChartHit, i));
}

static void
on_focus_enter (GtkEventControllerFocus *controller,
                ParChartView            *self)
{
  self->has_focus = TRUE;
  if (self->focus_index < 0 && par_chart_view_get_n_regions (self) > 0)
    par_chart_view_set_focus_index (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *controller,
                ParChartView            *self)
{
  self->has_focus = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* PageUp/PageDown: the first element of the previous or next category. */
static int
step_category (ParChartView *self,
               int           direction)
{
  const ParChartHit *current = focused_region (self);
  int n = (int) self->navigable->len;

  if (current == NULL)
    return direction > 0 ? 0 : n - 1;
  for (int k = self->focus_index + direction; k >= 0 && k < n; k += direction)
    {
      const ParChartHit *r = &g_array_index (self->regions, ParChartHit,
                                             g_array_index (self->navigable, guint, k));
      if (r->category != current->category)
        {
          /* Backwards, walk on to that category's first element. */
          if (direction < 0)
            while (k > 0
                   && g_array_index (self->regions, ParChartHit,
                                     g_array_index (self->navigable, guint, k - 1)).category == r->category)
              k--;
          return k;
        }
    }
  return self->focus_index;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ParChartView          *self)
{
  int n, target;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || self->model == NULL)
    return FALSE;
  n = (int) par_chart_view_get_n_regions (self);
  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      target = MIN (self->focus_index + 1, n - 1);
      break;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      target = MAX (self->focus_index - 1, 0);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      target = step_category (self, 1);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      target = step_category (self, -1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      target = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      target = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return activate_hit (self, focused_region (self));
    default:
      return FALSE;
    }
  par_chart_view_set_focus_index (self, target);
  return TRUE;
}

/* Type */

static void
par_chart_view_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (par_chart_view_parent_class)->realize (widget);
  /* The font and resolution are known once the widget is on a display. */
  update_style (PAR_CHART_VIEW (widget));
  par_chart_view_invalidate (PAR_CHART_VIEW (widget));
}

static void
par_chart_view_dispose (GObject *object)
{
  ParChartView *self = PAR_CHART_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  drop_regions (self);
  g_clear_pointer (&self->model, par_chart_model_unref);

  G_OBJECT_CLASS (par_chart_view_parent_class)->dispose (object);
}

static void
par_chart_view_finalize (GObject *object)
{
  ParChartView *self = PAR_CHART_VIEW (object);

  g_free (self->font_family);
  G_OBJECT_CLASS (par_chart_view_parent_class)->finalize (object);
}

static void
par_chart_view_class_init (ParChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_chart_view_dispose;
  object_class->finalize = par_chart_view_finalize;
  widget_class->snapshot = par_chart_view_snapshot;
  widget_class->size_allocate = par_chart_view_size_allocate;
  widget_class->measure = par_chart_view_measure;
  widget_class->realize = par_chart_view_realize;

  /**
   * ParChartView::activate-code:
   * @code: the category's code: a field or sub-criterion ("1", "1.1.4"), a year ("2021") on
   *   the total chart, a unit's name on the ranking
   * @category: the category's index in the model
   * @series: the series clicked (a year's bar), or -1 for a label
   *
   * A field, sub-criterion, year or unit was clicked, or Enter was pressed on it.
   */
  signals[SIGNAL_ACTIVATE_CODE] =
    g_signal_new ("activate-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "parchartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
par_chart_view_init (ParChartView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *click;

  self->focus_index = -1;
  self->hover_index = -1;
  update_style (self);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_dark_changed), self);
  update_accessible (self);
}
