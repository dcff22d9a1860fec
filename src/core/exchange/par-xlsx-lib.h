/* par-xlsx-lib.h — libxlsxwriter and libzip, opened when a spreadsheet is first written or
 * read, not when a program starts (private to exchange/).
 *
 * Linked the ordinary way, both were loaded, relocated and initialised at every start of every
 * Parscore program — libcrypto, minizip and bzip2 with them: 4,350 of parscore-cli's 10,564
 * symbol relocations and 17,374 of its 32,021 relative ones — for the few commands that write
 * or read XLSX. A file that uses them includes this header instead of <xlsxwriter.h> and
 * <zip.h>, calls par_xlsxwriter_load () or par_libzip_load () first (a clear error when the
 * library is missing), and then calls the libraries' functions by their usual names: each name
 * below stands for a pointer into the library opened by its SONAME (found at build time by
 * build-aux/soname.py). Adding a function: one line in the list and one #define.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "par-xlsx-sonames.h"

G_BEGIN_DECLS

#define PAR_XLSXWRITER_FUNCS(F) \
  F (workbook_new) F (workbook_add_worksheet) F (workbook_add_format) F (workbook_close) \
  F (worksheet_write_string) F (worksheet_write_number) F (worksheet_write_datetime) \
  F (worksheet_write_boolean) F (worksheet_set_column) F (worksheet_freeze_panes) \
  F (worksheet_autofilter) F (format_set_bold) F (format_set_num_format) \
  F (format_set_text_wrap) F (lxw_strerror)

#define PAR_LIBZIP_FUNCS(F) \
  F (zip_open) F (zip_discard) F (zip_stat_init) F (zip_stat) F (zip_fopen) F (zip_fread) \
  F (zip_fclose) F (zip_strerror) F (zip_file_strerror) F (zip_error_init_with_code) \
  F (zip_error_strerror) F (zip_error_fini)

#define PAR_XLSX_LIB_POINTER(name) __typeof__ (name) *name;
typedef struct { PAR_XLSXWRITER_FUNCS (PAR_XLSX_LIB_POINTER) } ParXlsxWriterFuncs;
typedef struct { PAR_LIBZIP_FUNCS (PAR_XLSX_LIB_POINTER) } ParLibzipFuncs;
#undef PAR_XLSX_LIB_POINTER

extern ParXlsxWriterFuncs par_xlsxwriter;
extern ParLibzipFuncs par_libzip;

/* Open the library once per process (thread-safe); FALSE with %PAR_ERROR_NOT_FOUND naming the
 * library (or the function it lacks) when it cannot be used. */
gboolean par_xlsxwriter_load (GError **error);
gboolean par_libzip_load     (GError **error);

/* What the two above do for one function of one library, for the tests: opens @soname and
 * looks @symbol up; FALSE with the same errors. */
gboolean par_xlsx_lib_check  (const char  *soname,
                              const char  *symbol,
                              GError     **error);

#ifndef PAR_XLSX_LIB_COMPILATION
#define workbook_new             (par_xlsxwriter.workbook_new)
#define workbook_add_worksheet   (par_xlsxwriter.workbook_add_worksheet)
#define workbook_add_format      (par_xlsxwriter.workbook_add_format)
#define workbook_close           (par_xlsxwriter.workbook_close)
#define worksheet_write_string   (par_xlsxwriter.worksheet_write_string)
#define worksheet_write_number   (par_xlsxwriter.worksheet_write_number)
#define worksheet_write_datetime (par_xlsxwriter.worksheet_write_datetime)
#define worksheet_write_boolean  (par_xlsxwriter.worksheet_write_boolean)
#define worksheet_set_column     (par_xlsxwriter.worksheet_set_column)
#define worksheet_freeze_panes   (par_xlsxwriter.worksheet_freeze_panes)
#define worksheet_autofilter     (par_xlsxwriter.worksheet_autofilter)
#define format_set_bold          (par_xlsxwriter.format_set_bold)
#define format_set_num_format    (par_xlsxwriter.format_set_num_format)
#define format_set_text_wrap     (par_xlsxwriter.format_set_text_wrap)
#define lxw_strerror             (par_xlsxwriter.lxw_strerror)
#define zip_open                 (par_libzip.zip_open)
#define zip_discard              (par_libzip.zip_discard)
#define zip_stat_init            (par_libzip.zip_stat_init)
#define zip_stat                 (par_libzip.zip_stat)
#define zip_fopen                (par_libzip.zip_fopen)
#define zip_fread                (par_libzip.zip_fread)
#define zip_fclose               (par_libzip.zip_fclose)
#define zip_strerror             (par_libzip.zip_strerror)
#define zip_file_strerror        (par_libzip.zip_file_strerror)
#define zip_error_init_with_code (par_libzip.zip_error_init_with_code)
#define zip_error_strerror       (par_libzip.zip_error_strerror)
#define zip_error_fini           (par_libzip.zip_error_fini)
#endif

G_END_DECLS
