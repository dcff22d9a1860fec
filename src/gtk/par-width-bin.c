/* par-width-bin.c — a bin whose width does not depend on the height it is offered.
 *
 * A horizontal GtkBox allocating its children asks each for its width at the row's height.
 * A wrapping GtkLabel answers that by a binary search over widths, laying its text out
 * (itemized and shaped again) at each width tried: the overview's header (the unit's name and
 * the set's line beside the buttons) and its three score cards cost about 20 M instructions
 * of the first frame that way. In such a row the answer does not change the allocation: the
 * row's height was measured for the widths the box gives at no height (-1), so the text fits
 * those widths at that height; the buttons beside it take their natural width, and the
 * expanding text box takes the rest (a homogeneous row divides it evenly whatever the
 * children ask). This bin answers the width question as it is answered at no height, once
 * per layout (GTK caches it), and passes every other question through.
 *
 * Use it only around a child whose final width in its row is set as above; the tests
 * (test-width-bin) check the same allocation as without it at many widths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "par-width-bin.h"

struct _ParWidthBin
{
  GtkWidget  parent_instance;
  GtkWidget *child;
};

G_DEFINE_FINAL_TYPE (ParWidthBin, par_width_bin, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHILD,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GtkSizeRequestMode
par_width_bin_get_request_mode (GtkWidget *widget)
{
  ParWidthBin *self = PAR_WIDTH_BIN (widget);

  return self->child != NULL ? gtk_widget_get_request_mode (self->child) : GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
par_width_bin_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  ParWidthBin *self = PAR_WIDTH_BIN (widget);

  if (self->child == NULL || !gtk_widget_get_visible (self->child))
    return;
  gtk_widget_measure (self->child, orientation, orientation == GTK_ORIENTATION_HORIZONTAL ? -1 : for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* It expands as its child does (a GtkWidget does not look at its children for that). */
static void
par_width_bin_compute_expand (GtkWidget *widget,
                              gboolean  *hexpand,
                              gboolean  *vexpand)
{
  ParWidthBin *self = PAR_WIDTH_BIN (widget);

  *hexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_HORIZONTAL);
  *vexpand = self->child != NULL && gtk_widget_compute_expand (self->child, GTK_ORIENTATION_VERTICAL);
}

static void
par_width_bin_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  ParWidthBin *self = PAR_WIDTH_BIN (widget);

  if (self->child != NULL && gtk_widget_get_visible (self->child))
    gtk_widget_allocate (self->child, width, height, baseline, NULL);
}

static void
par_width_bin_dispose (GObject *object)
{
  ParWidthBin *self = PAR_WIDTH_BIN (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  G_OBJECT_CLASS (par_width_bin_parent_class)->dispose (object);
}

static void
par_width_bin_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ParWidthBin *self = PAR_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_width_bin_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ParWidthBin *self = PAR_WIDTH_BIN (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      par_width_bin_set_child (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
par_width_bin_class_init (ParWidthBinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = par_width_bin_dispose;
  object_class->get_property = par_width_bin_get_property;
  object_class->set_property = par_width_bin_set_property;
  widget_class->get_request_mode = par_width_bin_get_request_mode;
  widget_class->measure = par_width_bin_measure;
  widget_class->size_allocate = par_width_bin_size_allocate;
  widget_class->compute_expand = par_width_bin_compute_expand;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "parwidthbin");
  /* Nothing of its own to say: as a GtkBox, a generic container in the accessibility tree. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
par_width_bin_init (ParWidthBin *self)
{
}

GtkWidget *
par_width_bin_new (void)
{
  return g_object_new (PAR_TYPE_WIDTH_BIN, NULL);
}

GtkWidget *
par_width_bin_get_child (ParWidthBin *self)
{
  g_return_val_if_fail (PAR_IS_WIDTH_BIN (self), NULL);
  return self->child;
}

void
par_width_bin_set_child (ParWidthBin *self,
                         GtkWidget   *child)
{
  g_return_if_fail (PAR_IS_WIDTH_BIN (self));
  g_return_if_fail (child == NULL || GTK_IS_WIDGET (child));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}
