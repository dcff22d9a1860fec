/* par-cli-commands.c — the table of commands that live in their own files.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-cli.h"

const ParCliCommand par_cli_extra_commands[] = {
  { "demo", N_("Create a demo database: an industrial-zone board with three years of entries, "
               "evidence documents and attachments"), par_cli_cmd_demo },
  { "export-pack", N_("Write a unit’s year as one PDF evidence pack: summary, explanations, documents, manifest"), par_cli_cmd_export_pack },
  { "chart", N_("Draw a chart (fields, total, radar, lost, self-vs-appraised, ranking) to PNG, "
                "SVG or PDF"), par_cli_cmd_chart },
};
const guint par_cli_extra_commands_len = G_N_ELEMENTS (par_cli_extra_commands);
