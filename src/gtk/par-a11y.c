/* par-a11y.c — accessible names that screen readers say once.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#define G_LOG_DOMAIN "Parscore"

#include <string.h>

#include <adwaita.h>

#include "par-a11y.h"

void
par_accessible_set_name (gpointer    widget,
                         const char *name)
{
  g_return_if_fail (GTK_IS_ACCESSIBLE (widget));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

void
par_widget_set_tooltip (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

void
par_accessible_set_editable (gpointer widget,
                             gboolean editable)
{
  GtkWidget *text = widget;

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
  else
    {
      g_return_if_fail (GTK_IS_EDITABLE (widget));
      gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
      /* An entry row or a spin button answers through the text inside. */
      if (gtk_editable_get_delegate (GTK_EDITABLE (widget)) != NULL)
        {
          GtkEditable *delegate = GTK_EDITABLE (widget);

          while (gtk_editable_get_delegate (delegate) != NULL)
            delegate = gtk_editable_get_delegate (delegate);
          text = GTK_WIDGET (delegate);
          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_READ_ONLY,
                                          !editable, -1);
        }
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_PROPERTY_READ_ONLY,
                                  !editable, -1);
}

/* "_Import Criteria Set…" → "Import Criteria Set" */
static char *
spoken (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  if (g_str_has_suffix (out->str, "…"))
    g_string_truncate (out, out->len - strlen ("…"));
  return g_string_free (out, FALSE);
}

void
par_accessible_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && !GTK_IS_LINK_BUTTON (root))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (root));

      /* Icon-only buttons (and those inside menu buttons and dropdowns) are named well. */
      if (label != NULL && gtk_button_get_icon_name (GTK_BUTTON (root)) == NULL)
        {
          g_autofree char *name = spoken (label);
          par_accessible_set_name (root, name);
        }
      else if (child != NULL && ADW_IS_BUTTON_CONTENT (child))
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else if (GTK_IS_SWITCH (root) || GTK_IS_SPIN_BUTTON (root) || GTK_IS_DROP_DOWN (root)
           || GTK_IS_TEXT_VIEW (root) || ADW_IS_ENTRY_ROW (root) || ADW_IS_COMBO_ROW (root))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  /* A dropdown's button inside has no name of its own: give it the dropdown's tooltip. */
  if (GTK_IS_DROP_DOWN (root) && gtk_widget_get_tooltip_text (root) != NULL)
    for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        par_accessible_set_name (child, gtk_widget_get_tooltip_text (root));

  /* Rows are named by their title already; only what they hold needs tidying. */
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    par_accessible_tidy (child);
}
