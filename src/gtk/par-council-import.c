/* par-council-import.c — packages into a round from the app (issue 14): a drop of many
 * `.parscore` files or a multiple selection in the file chooser.
 *
 * Each package goes through the core as the CLI's `round receive` does (par_package_open()
 * checks it whole, par_package_compare() says whether the year is held already,
 * par_package_receive() keeps it and imports it in one transaction), on the writer's thread so
 * the window stays live; one at a time so Cancel stops between two packages and never halfway.
 * A later submission for a year the council holds is refused, listing what it changes; the
 * summary's Replace then receives those again with PAR_PACKAGE_IMPORT_REPLACE (the earlier year
 * removed in the same transaction, audited with the package's name and seal).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "par-council-import.h"
#include "par-display.h"

typedef struct {
  gint64   round_id;
  char    *path;
  char    *display;      /* the file's name, display-safe */
  gboolean replace;      /* receive it replacing the year held (the summary's Replace) */
  /* results, written on the writer's thread, read after its callback */
  gboolean received;
  gboolean late;
  char    *unit_name;
  char    *kind;
  char    *message;      /* why it was refused (the core's message) */
  gboolean replaceable;  /* refused only because the year is held: Replace may take it */
} Item;

typedef struct {
  ParContext           *context;
  GtkWindow            *parent;
  GPtrArray            *items;      /* of Item* */
  guint                 next;
  gboolean              cancelled;
  AdwMessageDialog     *progress;
  GtkProgressBar       *bar;
  ParCouncilImportDone  done;
  gpointer              user_data;
  guint                 counts[3];  /* a Replace offered: the first run's, for done */
} Import;

static void
item_free (Item *item)
{
  g_free (item->path);
  g_free (item->display);
  g_free (item->unit_name);
  g_free (item->kind);
  g_free (item->message);
  g_free (item);
}

static void
import_free (Import *import)
{
  g_clear_object (&import->context);
  g_clear_object (&import->parent);
  g_ptr_array_unref (import->items);
  g_free (import);
}

/* On the writer's thread, with its connection. */
static gboolean
receive_run (ParStore  *store,
             gpointer   data,
             GError   **error)
{
  Item *item = data;
  g_autoptr(ParPackage) package = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) local = NULL;
  const ParPackageInfo *info;
  gint64 held = 0;

  if ((package = par_package_open (item->path, &local)) == NULL)
    {
      item->message = g_strdup (local->message);
      return TRUE;
    }
  info = par_package_get_info (package);
  item->unit_name = g_strdup (info->unit_name);
  item->kind = g_strdup (par_package_kind_label (info->kind));
  if ((changes = par_package_compare (store, package, &held, &local)) == NULL)
    {
      item->message = g_strdup (local->message);
      return TRUE;
    }
  if (held > 0 && info->kind == PAR_PACKAGE_SUBMISSION && !item->replace)
    {
      GString *text = g_string_new (NULL);

      /* Translators: a package of a year the council holds already */
      g_string_append_printf (text, _("%d of “%s” is here already; nothing was imported."),
                              info->year, info->unit_name);
      if (changes->len > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "This package changes %u thing:",
                                                     "This package changes %u things:",
                                                     changes->len), changes->len);
          for (guint i = 0; i < changes->len; i++)
            g_string_append_printf (text, "\n• %s",
                                    ((ParSealChange *) changes->pdata[i])->description);
        }
      item->message = g_string_free (text, FALSE);
      item->replaceable = TRUE;
      return TRUE;
    }
  if (par_package_receive (store, item->round_id, package,
                           item->replace ? PAR_PACKAGE_IMPORT_REPLACE : PAR_PACKAGE_IMPORT_DEFAULT,
                           NULL, &item->late, &local) == 0)
    {
      item->message = g_strdup (local->message);
      return TRUE;
    }
  item->received = TRUE;
  return TRUE;
}

static GtkWidget *
summary_row (const char *title,
             const char *subtitle,
             gboolean    refused)
{
  GtkWidget *row = par_plain_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (refused ? "dialog-error-symbolic"
                                                          : "emblem-ok-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, refused ? "error" : "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  refused ? _("Refused") : _("Received"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void start (Import *import);

/* Replace: the packages refused because their year is held, received again replacing it; its
 * own summary then reports to the caller. */
static void
on_summary_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  Import *again;

  if (g_strcmp0 (response, "replace") != 0)
    return;
  again = g_object_steal_data (G_OBJECT (dialog), "replace");
  if (again != NULL)
    start (again);
}

/* The summary closed without Replace: the first run is done. */
static void
replace_declined (Import *again)
{
  if (again->done != NULL)
    again->done (again->counts[0], again->counts[1], again->counts[2], again->user_data);
  import_free (again);
}

/* A new import of @import's replaceable packages, to receive replacing the years held. */
static Import *
replace_import (Import *import)
{
  Import *again = g_new0 (Import, 1);

  again->context = g_object_ref (import->context);
  again->parent = g_object_ref (import->parent);
  again->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  again->done = import->done;
  again->user_data = import->user_data;
  for (guint i = 0; i < import->items->len && i < import->next; i++)
    {
      Item *item = g_ptr_array_index (import->items, i);
      Item *copy;

      if (!item->replaceable)
        continue;
      copy = g_new0 (Item, 1);
      copy->round_id = item->round_id;
      copy->path = g_strdup (item->path);
      copy->display = g_strdup (item->display);
      copy->replace = TRUE;
      g_ptr_array_add (again->items, copy);
    }
  return again;
}

static void
show_summary (Import *import)
{
  GtkWidget *dialog, *list, *scroller;
  guint received = 0, refused = 0, cancelled = 0, replaceable = 0;
  g_autofree char *heading = NULL;

  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "council-import-results");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Packages"), -1);
  for (guint i = 0; i < import->items->len; i++)
    {
      Item *item = g_ptr_array_index (import->items, i);
      g_autofree char *subtitle = NULL;

      if (i >= import->next)
        {
          cancelled++;
          gtk_list_box_append (GTK_LIST_BOX (list),
                               summary_row (item->display, _("Not imported: cancelled"), TRUE));
          continue;
        }
      if (item->received)
        {
          received++;
          /* Translators: "submission of “Sở Nội vụ”, received late" */
          subtitle = g_strdup_printf (item->late ? _("%s of “%s”, received late")
                                                 : _("%s of “%s”, received"),
                                      item->kind, item->unit_name);
        }
      else
        {
          refused++;
          replaceable += item->replaceable ? 1 : 0;
          subtitle = g_strdup (item->message);
        }
      gtk_list_box_append (GTK_LIST_BOX (list), summary_row (item->display, subtitle, !item->received));
    }

  if (refused + cancelled == 0)
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Package Received",
                                            "%u Packages Received", received), received);
  else
    /* Translators: "3 Packages Received, 1 Refused" */
    heading = g_strdup_printf (_("%u Received, %u Refused, %u Cancelled"), received, refused,
                               cancelled);
  if (cancelled == 0 && refused > 0)
    {
      g_free (heading);
      heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Received, %u Refused",
                                              "%u Received, %u Refused", refused),
                                 received, refused);
    }
  dialog = adw_message_dialog_new (import->parent, heading,
                                   refused > 0 ? _("A refused package left nothing behind: "
                                                   "fix it or ask the unit for a new one, then "
                                                   "import it again.")
                                               : NULL);
  gtk_widget_set_name (dialog, "council-import-summary");
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 420);
  /* The rows' wrapped reasons are taller than the natural height measured before wrapping:
   * without a floor the last row (and a later package's list of changes) was cut off. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                              MIN (360, 100 * (int) import->items->len));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (replaceable > 0)
    {
      g_autofree char *label = NULL;

      /* A later submission replaces the earlier one only when asked, after its changes were
       * shown (listed in its row). */
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "A later package lists what it would change in "
                                                "the year the council holds. Replace takes it "
                                                "instead of the earlier one, which stays kept "
                                                "with the round.",
                                                "Later packages list what they would change in "
                                                "the years the council holds. Replace takes them "
                                                "instead of the earlier ones, which stay kept "
                                                "with the round.", replaceable));
      /* Translators: the button taking later packages instead of the years held */
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Replace %u Year",
                                            "_Replace %u Years", replaceable), replaceable);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "replace", label);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      Import *again = replace_import (import);

      again->counts[0] = received;
      again->counts[1] = refused;
      again->counts[2] = cancelled;
      /* The caller hears once: after the Replace run, or when the summary goes without it. */
      g_object_set_data_full (G_OBJECT (dialog), "replace", again,
                              (GDestroyNotify) replace_declined);
      g_signal_connect (dialog, "response", G_CALLBACK (on_summary_response), NULL);
    }
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  gtk_window_present (GTK_WINDOW (dialog));
  if (replaceable == 0 && import->done != NULL)
    import->done (received, refused, cancelled, import->user_data);
}

static void receive_next (Import *import);

static void
on_received (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Import *import = user_data;
  g_autoptr(GError) error = NULL;

  if (!par_writer_run_finish (PAR_WRITER (source), result, &error))
    {
      Item *item = g_ptr_array_index (import->items, import->next);

      item->message = g_strdup (error->message);
    }
  import->next++;
  receive_next (import);
}

static void
receive_next (Import *import)
{
  Item *item;
  g_autofree char *text = NULL;

  if (import->cancelled || import->next >= import->items->len)
    {
      gtk_window_destroy (GTK_WINDOW (import->progress));
      show_summary (import);
      import_free (import);
      return;
    }
  item = g_ptr_array_index (import->items, import->next);
  /* Translators: "2 of 5: noi-vu.parscore" */
  text = g_strdup_printf (_("%u of %u: %s"), import->next + 1, import->items->len, item->display);
  adw_message_dialog_set_body (import->progress, text);
  gtk_progress_bar_set_fraction (import->bar, (double) import->next / import->items->len);
  par_writer_run (par_context_get_writer (import->context), receive_run, item, NULL, NULL,
                  on_received, import);
}

static void
on_progress_response (AdwMessageDialog *dialog,
                      const char       *response,
                      Import           *import)
{
  /* The package being received finishes (it is one transaction); no other is started. */
  import->cancelled = TRUE;
  adw_message_dialog_set_response_enabled (dialog, "cancel", FALSE);
}

static gboolean
keep_dialog (AdwMessageDialog *dialog)
{
  /* Closed only when the last package is done. */
  return TRUE;
}

/* The progress dialog, then the packages one after the other. */
static void
start (Import *import)
{
  GtkWidget *bar;

  import->progress = ADW_MESSAGE_DIALOG (adw_message_dialog_new (import->parent,
                                                                 _("Importing Packages"), NULL));
  gtk_widget_set_name (GTK_WIDGET (import->progress), "council-import-progress");
  bar = gtk_progress_bar_new ();
  import->bar = GTK_PROGRESS_BAR (bar);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Packages imported"), -1);
  adw_message_dialog_set_extra_child (import->progress, bar);
  adw_message_dialog_add_response (import->progress, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (import->progress, "cancel");
  g_signal_connect (import->progress, "response", G_CALLBACK (on_progress_response), import);
  g_signal_connect (import->progress, "close-request", G_CALLBACK (keep_dialog), NULL);
  gtk_window_present (GTK_WINDOW (import->progress));
  receive_next (import);
}

void
par_council_import (GtkWindow            *parent,
                    ParContext           *context,
                    gint64                round_id,
                    GPtrArray            *files,
                    ParCouncilImportDone  done,
                    gpointer              user_data)
{
  Import *import;

  g_return_if_fail (PAR_IS_CONTEXT (context));
  g_return_if_fail (files != NULL && files->len > 0);

  import = g_new0 (Import, 1);
  import->context = g_object_ref (context);
  import->parent = g_object_ref (parent);
  import->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  import->done = done;
  import->user_data = user_data;
  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      Item *item = g_new0 (Item, 1);
      g_autofree char *base = g_file_get_basename (file);
      g_autofree char *shown = g_filename_display_name (base);

      item->round_id = round_id;
      item->path = g_file_get_path (file);
      item->display = par_text_file_name (shown);
      if (item->path == NULL)
        item->path = g_strdup ("");
      g_ptr_array_add (import->items, item);
    }
  start (import);
}
