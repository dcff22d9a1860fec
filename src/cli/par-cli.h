/* par-cli.h — what the parscore-cli commands share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

G_BEGIN_DECLS

typedef struct {
  char     *db_path;
  ParStore *store;   /* opened on first use */
} ParCli;

typedef struct {
  const char *name;
  const char *summary;   /* N_() */
  int       (*run) (ParCli *cli, int argc, char **argv);
} ParCliCommand;

/* Commands that live in their own files (demo, chart, export-pack…): par-cli-commands.c. */
extern const ParCliCommand par_cli_extra_commands[];
extern const guint par_cli_extra_commands_len;

void           par_cli_error           (const char *format, ...) G_GNUC_PRINTF (1, 2);
ParStore      *par_cli_open_store      (ParCli *cli);
gboolean       par_cli_parse           (ParCli *cli, GOptionEntry *entries, const char *command,
                                        const char *synopsis, int *argc, char ***argv);
ParAssessment *par_cli_find_assessment (ParCli *cli, const char *unit_name, int year,
                                        ParUnit **unit_out);
char          *par_cli_points          (ParPoints p);

int par_cli_cmd_demo (ParCli *cli, int argc, char **argv);
int par_cli_cmd_export_pack (ParCli *cli, int argc, char **argv);
int par_cli_cmd_chart (ParCli *cli, int argc, char **argv);

G_END_DECLS
