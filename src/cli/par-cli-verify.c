/* par-cli-verify.c — parscore-cli verify: stored attachments against their hashes.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "par-cli.h"

int
par_cli_cmd_verify (ParCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  guint checked;

  if (!par_cli_parse (cli, NULL, "verify", "", &argc, &argv) || par_cli_open_store (cli) == NULL)
    return 2;
  checked = par_store_verify_attachments (cli->store, &bad, NULL, &error);
  if (error != NULL)
    {
      par_cli_error ("%s", error->message);
      return 1;
    }
  for (guint i = 0; bad != NULL && i < bad->len; i++)
    {
      ParAttachment *att = g_ptr_array_index (bad, i);
      g_autofree char *path = par_store_attachment_path (cli->store, att);
      g_printerr (_("%s: attachment “%s” (document #%" PRId64 ") is missing or does not "
                    "match its SHA-256 %s\n"), path, att->original_name, att->document_id,
                  att->sha256);
    }
  g_print (_("%u attachments checked, %u bad\n"), checked, bad != NULL ? bad->len : 0);
  return bad != NULL && bad->len > 0 ? 1 : 0;
}
