/* par-csv-private.h — what CSV export and import share: the columns and the cell escaping.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  PAR_CSV_CODE,
  PAR_CSV_TITLE,
  PAR_CSV_MAX,
  PAR_CSV_RULE,
  PAR_CSV_INPUTS,
  PAR_CSV_SELF,
  PAR_CSV_COMPUTED,
  PAR_CSV_NA,
  PAR_CSV_EXPLANATION,
  PAR_CSV_APPRAISED,
  PAR_CSV_SURVEY,
  PAR_CSV_COMMENT,
  PAR_CSV_N_COLUMNS
} ParCsvColumn;

/* Header names, in export order. */
extern const char *const par_csv_column_names[PAR_CSV_N_COLUMNS];

/* Columns an import reads (the others — title, max, rule, computed_score — are for reading). */
gboolean par_csv_column_is_editable (ParCsvColumn column);
/* Columns holding a canonical number: never neutralised, since a number is never a formula. */
gboolean par_csv_column_is_number   (ParCsvColumn column);

/* Formula injection (OWASP "CSV injection"): a text cell that starts with = + - @ tab or CR
 * is a formula to a spreadsheet. Export writes it behind a ' (and doubles a leading ' so the
 * true text comes back); import takes that ' off again. */
char    *par_csv_neutralise         (const char *text);
char    *par_csv_unneutralise       (const char *cell);

/* One record of a CSV file: its cells and the line it starts on. */
typedef struct {
  GPtrArray *cells;   /* char* */
  int        line;
} ParCsvRow;

void       par_csv_row_free  (ParCsvRow   *row);
/* A CSV file's rows (header first), for readers of other tables (par-csv-import.c). */
GPtrArray *par_csv_read_rows (const char  *csv,
                              gsize        len,
                              const char  *key,
                              const char  *name,
                              char        *separator,
                              GError     **error);
/* How well a header row fits what the reader expects (higher is better). */
typedef guint (*ParCsvHeaderScore) (GPtrArray *header, gpointer data);
/* As par_csv_read_rows(), for a file whose header names no one known cell: the separator is the
 * one whose header row @score rates highest (a tie: the earlier of , ; tab). @cancellable
 * (nullable) stops the reading: %NULL and G_IO_ERROR_CANCELLED. */
GPtrArray *par_csv_read_rows_scored (const char         *csv,
                                     gsize               len,
                                     ParCsvHeaderScore   score,
                                     gpointer            score_data,
                                     const char         *name,
                                     char               *separator,
                                     GCancellable       *cancellable,
                                     GError            **error);

G_END_DECLS
