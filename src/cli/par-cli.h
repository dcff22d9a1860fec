/* par-cli.h — what the parscore-cli commands share.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-core.h"

G_BEGIN_DECLS

typedef struct {
  char     *db_path;
  gboolean  create;  /* --create: make a new database in an empty file */
  char     *actor;   /* --actor: who the audit log names; NULL for the login name */
  ParStore *store;   /* opened on first use */
} ParCli;

/* Call first in main(): what g_print() and g_printerr() show is neutralised (par-text.h). */
void           par_cli_init_output     (void);
void           par_cli_error           (const char *format, ...) G_GNUC_PRINTF (1, 2);
ParStore      *par_cli_open_store      (ParCli *cli);
gboolean       par_cli_parse           (ParCli *cli, GOptionEntry *entries, const char *command,
                                        const char *synopsis, int *argc, char ***argv);
/* A command with subcommands ("unit add", "unit rename"): argv[1] names the subcommand,
 * which runs with argv[0] = its name. */
typedef struct {
  const char *name;
  const char *synopsis;   /* N_() */
  int       (*run) (ParCli *cli, int argc, char **argv);
} ParCliSubcommand;

int            par_cli_dispatch        (ParCli *cli, const char *command,
                                        const ParCliSubcommand *subcommands, guint n,
                                        int argc, char **argv);

/* Same, with a paragraph (N_()) shown after the options in --help. */
gboolean       par_cli_parse_described (ParCli *cli, GOptionEntry *entries, const char *command,
                                        const char *synopsis, const char *description,
                                        int *argc, char ***argv);
ParAssessment *par_cli_find_assessment (ParCli *cli, const char *unit_name, int year,
                                        ParUnit **unit_out);

/* --unit U --year Y: the year a command works on. Its options: PAR_CLI_YEAR_ENTRIES (y) in the
 * command's GOptionEntry array (a file that uses it includes glib/gi18n-lib.h for N_()). */
typedef struct {
  char *unit_name;
  int   year;
} ParCliYear;

void           par_cli_year_clear      (ParCliYear *year);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ParCliYear, par_cli_year_clear)

#define PAR_CLI_YEAR_ENTRIES(y) \
  { "unit", 'u', 0, G_OPTION_ARG_STRING, &(y).unit_name, N_("Unit name or number"), N_("U") }, \
  { "year", 'y', 0, G_OPTION_ARG_INT, &(y).year, N_("Year"), N_("Y") }

/* --dry-run, for a command that imports rows: every row checked, what would change shown,
 * nothing saved (the store's dry-run write). */
#define PAR_CLI_DRY_RUN_ENTRY(flag) \
  { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &(flag), \
    N_("Check every row and show what would change; save nothing"), NULL }

/* The assessment of --unit and --year (par_cli_find_assessment()); NULL after printing why,
 * with *@status the exit status: 2 when an option is missing, 1 otherwise. */
ParAssessment *par_cli_year_find       (ParCli *cli, const ParCliYear *year, ParUnit **unit_out,
                                        int *status);
/* A removal (unit remove, assessment remove) the store refused: prints why and what to give
 * (--force --reason for a locked year, --reason when it is missing). Returns the exit status, 1. */
int            par_cli_removal_failed  (const GError *error);
char          *par_cli_points          (ParPoints p);
/* @text padded to @width characters, or cut with "…" (a text table's column). */
char          *par_cli_fit             (const char *text, glong width);
/* The end of a command that makes a text (CSV, JSON): @text written to @output, or to the
 * terminal when @output is NULL; @text NULL means making it failed with @error, which is
 * printed. Returns the command's exit status (0, or 1 with the error printed). */
int            par_cli_write_output    (const char *text, const GError *error,
                                        const char *output);
/* Appends a JSON string: control, bidirectional and invisible characters as \\u escapes. */
void           par_cli_json_string     (GString *out, const char *s);

/* par_cli_parse_described () for a round command: --round N into @round_id, then @entries
 * (NULL-terminated, may be NULL). */
gboolean       par_cli_parse_round     (ParCli *cli, const GOptionEntry *entries, gint64 *round_id,
                                        const char *command, const char *synopsis,
                                        const char *description, int *argc, char ***argv);
/* Parses a round command's options (--round N, then @entries) and finds the round; NULL after
 * printing why, *@status the exit status (2 for wrong options, 1 otherwise). */
ParRound      *par_cli_round_from_args (ParCli *cli, const GOptionEntry *entries,
                                        const char *command, const char *synopsis,
                                        int *argc, char ***argv, int *status);
/* --round N, or the one round of the database; NULL after printing why. */
ParRound      *par_cli_find_round      (ParCli *cli, gint64 round_id);

/* The synopsis of a parscore-cli command, from the table in parscore-cli.c (N_()). */
const char    *par_cli_synopsis        (const char *name);

/* Commands, each in its par-cli-<topic>.c. */
int par_cli_cmd_validate         (ParCli *cli, int argc, char **argv);
int par_cli_cmd_import_framework (ParCli *cli, int argc, char **argv);
int par_cli_cmd_upgrade_set      (ParCli *cli, int argc, char **argv);
int par_cli_cmd_list             (ParCli *cli, int argc, char **argv);
int par_cli_cmd_score            (ParCli *cli, int argc, char **argv);
int par_cli_cmd_export_csv       (ParCli *cli, int argc, char **argv);
int par_cli_cmd_import_csv       (ParCli *cli, int argc, char **argv);
int par_cli_cmd_verify           (ParCli *cli, int argc, char **argv);
int par_cli_cmd_backup           (ParCli *cli, int argc, char **argv);
int par_cli_cmd_restore          (ParCli *cli, int argc, char **argv);
int par_cli_cmd_unit             (ParCli *cli, int argc, char **argv);
int par_cli_cmd_assessment       (ParCli *cli, int argc, char **argv);
int par_cli_cmd_submit           (ParCli *cli, int argc, char **argv);
int par_cli_cmd_unlock           (ParCli *cli, int argc, char **argv);
int par_cli_cmd_rank             (ParCli *cli, int argc, char **argv);
int par_cli_cmd_package          (ParCli *cli, int argc, char **argv);
int par_cli_cmd_round            (ParCli *cli, int argc, char **argv);
int par_cli_cmd_reply            (ParCli *cli, int argc, char **argv);
/* Writes a year's package and says so; returns the exit status (par-cli-council.c). */
int par_cli_write_package        (ParCli *cli, gint64 assessment_id, ParPackageKind kind,
                                  const char *path);
int par_cli_cmd_figures          (ParCli *cli, int argc, char **argv);
int par_cli_cmd_register         (ParCli *cli, int argc, char **argv);

/* Replaces parscore-cli with parscore-cli-render for the drawing commands (par-cli-exec.c). */
int par_cli_exec_render          (ParCli *cli, int argc, char **argv);
/* `chart` in this process through its module (parscore-cli-render without it). */
int par_cli_run_chart            (ParCli *cli, int argc, char **argv);

/* In parscore-cli-render. */
int par_cli_cmd_demo (ParCli *cli, int argc, char **argv);
int par_cli_cmd_export_pack (ParCli *cli, int argc, char **argv);
int par_cli_cmd_chart (ParCli *cli, int argc, char **argv);
int par_cli_cmd_round_report (ParCli *cli, int argc, char **argv);

G_END_DECLS
