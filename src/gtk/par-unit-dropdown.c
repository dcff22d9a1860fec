/* par-unit-dropdown.c — the drop-down of units the window's header bar and the dashboard show.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include "par-unit-dropdown.h"

/* @max_chars: on the button, how wide a name may be before it is cut (0: as wide as the button
 * is given, cut when it is given less); -1 in the list, where names are shown whole. */
static void
on_label_setup (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  max_chars)
{
  GtkWidget *label = gtk_label_new (NULL);
  int max = GPOINTER_TO_INT (max_chars);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (max >= 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      if (max > 0)
        gtk_label_set_max_width_chars (GTK_LABEL (label), max);
    }
  gtk_list_item_set_child (item, label);
}

/* On the button the name may be cut: its tooltip says it whole. */
static void
on_label_bind (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  max_chars)
{
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), name);
  gtk_widget_set_tooltip_text (label, GPOINTER_TO_INT (max_chars) >= 0 ? name : NULL);
}

static GtkListItemFactory *
factory_new (int max_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_label_setup), GINT_TO_POINTER (max_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (on_label_bind), GINT_TO_POINTER (max_chars));
  return factory;
}

/**
 * par_unit_dropdown_init:
 * @names: the unit names it lists (GtkStringObjects: a GtkStringList filled by
 *   par_unit_dropdown_set_units(), or a model over one)
 * @max_chars: how wide a name may be on the button before it is cut; 0 for as wide as the
 *   button is given
 *
 * Unit names are long ("Ban Quản lý các Khu công nghiệp Đồng Nai"): the button cuts them and
 * says them whole in its tooltip, the list shows them whole.
 */
void
par_unit_dropdown_init (GtkDropDown *dropdown,
                        GListModel  *names,
                        int          max_chars)
{
  g_autoptr(GtkListItemFactory) button = factory_new (MAX (max_chars, 0));
  g_autoptr(GtkListItemFactory) list = factory_new (-1);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (G_IS_LIST_MODEL (names));

  gtk_drop_down_set_factory (dropdown, button);
  gtk_drop_down_set_list_factory (dropdown, list);
  gtk_drop_down_set_model (dropdown, names);
}

/* @units: (element-type ParUnit): their names replace @names', in their order. */
void
par_unit_dropdown_set_units (GtkStringList *names,
                             GPtrArray     *units)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  g_return_if_fail (GTK_IS_STRING_LIST (names));

  for (guint i = 0; units != NULL && i < units->len; i++)
    g_strv_builder_add (builder, ((ParUnit *) g_ptr_array_index (units, i))->name);
  strv = g_strv_builder_end (builder);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)),
                          (const char * const *) strv);
}
