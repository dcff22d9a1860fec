/* par-cli-backup.c — parscore-cli backup and restore.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "par-backup.h"
#include "par-cli.h"

static char *
display_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%d/%m/%Y %H:%M") : g_strdup (iso);
}

static const char *
status_label (ParStatus status)
{
  switch (status)
    {
    case PAR_STATUS_SUBMITTED:
      return _("submitted");
    case PAR_STATUS_APPRAISED:
      return _("appraised");
    case PAR_STATUS_DRAFT:
    default:
      return _("draft");
    }
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "daily") == 0)
    return _("daily snapshot");
  if (g_strcmp0 (kind, "before-migration") == 0)
    return _("snapshot before an update of the database");
  if (g_strcmp0 (kind, "before-restore") == 0)
    return _("snapshot before a restore");
  return _("backup");
}

/* What a backup holds, as restore shows it before asking. */
static void
print_info (const ParBackupInfo *info)
{
  g_autofree char *display = g_filename_display_name (info->path);
  g_autofree char *when = display_time (info->created_at);
  g_autofree char *size = g_format_size (info->file_bytes);

  g_print (_("“%s”: %s of “%s”, made %s\n"), display, kind_label (info->kind),
           info->source != NULL ? info->source : "?", when);
  g_print (_("  %u units, %u documents, %u attached files (%s)\n"), info->n_units,
           info->n_documents, info->n_files, size);
  if (info->last_change != NULL)
    {
      g_autofree char *changed = display_time (info->last_change);

      g_print (_("  last change: %s\n"), changed);
    }
  else
    g_print (_("  no change recorded: it holds no data\n"));
  for (guint i = 0; i < info->years->len; i++)
    {
      const ParBackupYear *year = info->years->pdata[i];

      g_print (g_dngettext (GETTEXT_PACKAGE, "  %s %d: %s, %u entry\n",
                            "  %s %d: %s, %u entries\n", year->n_entries),
               year->unit_name, year->year, status_label (year->status), year->n_entries);
    }
  if (info->missing_files->len > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "  %u attached file was missing or damaged when the backup was made "
                          "and is not in it\n",
                          "  %u attached files were missing or damaged when the backup was made "
                          "and are not in it\n", info->missing_files->len),
             info->missing_files->len);
}

int
par_cli_cmd_backup (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = NULL;
  g_autofree char *output = NULL;
  gboolean force = FALSE, list = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The backup file to write"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace FILE if it exists"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list,
      N_("List the automatic snapshots of the database instead"), NULL },
    { NULL }
  };

  if (!par_cli_parse_described (cli, entries, "backup", par_cli_synopsis ("backup"),
                                N_("Writes the database and every attached file into one file, "
                                   "which “restore” reads back. Parscore also keeps automatic "
                                   "snapshots beside the database (in DATABASE.backups/): "
                                   "before every update of its format and once a day while it "
                                   "is used."), &argc, &argv))
    return 2;

  if (list)
    {
      g_autoptr(GPtrArray) snapshots = par_store_list_snapshots (cli->db_path);

      for (guint i = 0; i < snapshots->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(ParBackupInfo) snapshot = par_backup_describe (snapshots->pdata[i], NULL,
                                                                   &local_error);
          if (snapshot != NULL)
            print_info (snapshot);
          else
            par_cli_error ("%s", local_error->message);
        }
      if (snapshots->len == 0)
        g_print (_("No automatic snapshot of “%s” yet.\n"), cli->db_path);
      return 0;
    }

  if (output == NULL || argc > 1)
    {
      par_cli_error (_("backup: give the file to write: -o FILE"));
      return 2;
    }
  if (par_cli_open_store (cli) == NULL)
    return 1;
  info = par_store_backup (cli->store, output, force, NULL, &error);
  if (info == NULL)
    {
      par_cli_error ("%s", error->message);
      if (g_error_matches (error, PAR_ERROR, PAR_ERROR_EXISTS))
        g_printerr (_("Use --force to replace it.\n"));
      return 1;
    }
  print_info (info);
  return info->missing_files->len > 0 ? 1 : 0;
}

static gboolean
confirm (const char *db_path)
{
  /* TRANSLATORS: the answers that mean yes to the restore question, lower case, split by |. */
  g_auto(GStrv) words = g_strsplit (C_("answer", "y|yes"), "|", -1);
  char answer[16] = "";

  g_print (_("Replace the database “%s” with this backup? The current database is kept as a "
             "snapshot first. [y/N] "), db_path);
  fflush (stdout);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  return g_str_equal (answer, "y") || g_str_equal (answer, "yes") ||
         g_strv_contains ((const char * const *) words, answer);
}

int
par_cli_cmd_restore (ParCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ParBackupInfo) info = NULL;
  g_autofree char *aside = NULL;
  gboolean yes = FALSE;
  GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask before replacing the database"), NULL },
    { NULL }
  };

  if (!par_cli_parse_described (cli, entries, "restore", par_cli_synopsis ("restore"),
                                N_("Checks the backup whole, shows what it holds, then replaces "
                                   "the database and its attached files with it. The current "
                                   "database is first kept as a snapshot in DATABASE.backups/. "
                                   "A damaged backup is refused and nothing is changed."),
                                &argc, &argv))
    return 2;
  if (argc != 2)
    {
      par_cli_error (_("restore: give one backup file"));
      return 2;
    }

  info = par_backup_describe (argv[1], NULL, &error);
  if (info == NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  print_info (info);
  if (!yes && !confirm (cli->db_path))
    {
      g_print (_("Nothing was changed.\n"));
      return 1;
    }
  if (!par_store_restore (cli->db_path, argv[1], &aside, NULL, &error))
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  if (aside != NULL)
    g_print (_("Restored “%s” from “%s”. The database as it was is kept in “%s”.\n"),
             cli->db_path, argv[1], aside);
  else
    g_print (_("Restored “%s” from “%s”.\n"), cli->db_path, argv[1]);
  return 0;
}
