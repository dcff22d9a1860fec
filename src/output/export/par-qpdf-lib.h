/* par-qpdf-lib.h — libqpdf, opened when a PDF is first read for a pack, not when a program
 * starts (private to export/).
 *
 * Linked the ordinary way, libqpdf (C++: libstdc++ and thousands of relocations with it) was
 * loaded, relocated and initialised at every start of the app and of parscore-cli-render, for
 * the pack export and the council report only. A file that uses it includes this header
 * instead of <qpdf/qpdf-c.h>, calls par_qpdf_load () first (a clear error when the library is
 * missing), and then calls qpdf's functions by their usual names: each name below stands for
 * a pointer into the library opened by its SONAME (found at build time by
 * build-aux/soname.py). The same scheme as exchange/par-xlsx-lib.h. Adding a function: one
 * line in the list and one #define.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

#include "par-qpdf-soname.h"

G_BEGIN_DECLS

#define PAR_QPDF_FUNCS(F) \
  F (qpdf_init) F (qpdf_cleanup) F (qpdf_read) F (qpdf_read_memory) \
  F (qpdf_silence_errors) F (qpdf_set_suppress_warnings) F (qpdf_has_error) \
  F (qpdf_get_error) F (qpdf_get_error_code) F (qpdf_get_error_message_detail) \
  F (qpdf_is_encrypted) F (qpdf_get_num_pages) F (qpdf_get_page_n) F (qpdf_get_pdf_version) \
  F (qpdf_get_root) F (qpdf_get_object_by_id) F (qpdf_push_inherited_attributes_to_page) \
  F (qpdf_oh_begin_dict_key_iter) F (qpdf_oh_dict_more_keys) F (qpdf_oh_dict_next_key) \
  F (qpdf_oh_get_array_item) F (qpdf_oh_get_array_n_items) \
  F (qpdf_oh_get_binary_string_value) F (qpdf_oh_get_bool_value) F (qpdf_oh_get_dict) \
  F (qpdf_oh_get_generation) F (qpdf_oh_get_int_value) F (qpdf_oh_get_key) \
  F (qpdf_oh_get_name) F (qpdf_oh_get_numeric_value) F (qpdf_oh_get_object_id) \
  F (qpdf_oh_get_page_content_data) F (qpdf_oh_get_real_value) F (qpdf_oh_get_stream_data) \
  F (qpdf_oh_get_type_code) F (qpdf_oh_has_key) F (qpdf_oh_is_array) \
  F (qpdf_oh_is_dictionary) F (qpdf_oh_is_dictionary_of_type) F (qpdf_oh_is_indirect) \
  F (qpdf_oh_is_name) F (qpdf_oh_is_name_and_equals) F (qpdf_oh_is_number) \
  F (qpdf_oh_is_stream) F (qpdf_oh_is_string) F (qpdf_oh_release) F (qpdf_oh_release_all)

#define PAR_QPDF_LIB_POINTER(name) __typeof__ (name) *name;
typedef struct { PAR_QPDF_FUNCS (PAR_QPDF_LIB_POINTER) } ParQpdfFuncs;
#undef PAR_QPDF_LIB_POINTER

extern ParQpdfFuncs par_qpdf;

/* Open the library once per process (thread-safe: packs are made on worker threads); FALSE
 * with %PAR_ERROR_NOT_FOUND naming the library (or the function it lacks) when it cannot be
 * used. */
gboolean par_qpdf_load      (GError **error);

/* What par_qpdf_load () does for one function, for the tests: opens @soname and looks
 * @symbol up; FALSE with the same errors. */
gboolean par_qpdf_lib_check (const char  *soname,
                             const char  *symbol,
                             GError     **error);

#ifndef PAR_QPDF_LIB_COMPILATION
#define qpdf_init                              (par_qpdf.qpdf_init)
#define qpdf_cleanup                           (par_qpdf.qpdf_cleanup)
#define qpdf_read                              (par_qpdf.qpdf_read)
#define qpdf_read_memory                       (par_qpdf.qpdf_read_memory)
#define qpdf_silence_errors                    (par_qpdf.qpdf_silence_errors)
#define qpdf_set_suppress_warnings             (par_qpdf.qpdf_set_suppress_warnings)
#define qpdf_has_error                         (par_qpdf.qpdf_has_error)
#define qpdf_get_error                         (par_qpdf.qpdf_get_error)
#define qpdf_get_error_code                    (par_qpdf.qpdf_get_error_code)
#define qpdf_get_error_message_detail          (par_qpdf.qpdf_get_error_message_detail)
#define qpdf_is_encrypted                      (par_qpdf.qpdf_is_encrypted)
#define qpdf_get_num_pages                     (par_qpdf.qpdf_get_num_pages)
#define qpdf_get_page_n                        (par_qpdf.qpdf_get_page_n)
#define qpdf_get_pdf_version                   (par_qpdf.qpdf_get_pdf_version)
#define qpdf_get_root                          (par_qpdf.qpdf_get_root)
#define qpdf_get_object_by_id                  (par_qpdf.qpdf_get_object_by_id)
#define qpdf_push_inherited_attributes_to_page (par_qpdf.qpdf_push_inherited_attributes_to_page)
#define qpdf_oh_begin_dict_key_iter            (par_qpdf.qpdf_oh_begin_dict_key_iter)
#define qpdf_oh_dict_more_keys                 (par_qpdf.qpdf_oh_dict_more_keys)
#define qpdf_oh_dict_next_key                  (par_qpdf.qpdf_oh_dict_next_key)
#define qpdf_oh_get_array_item                 (par_qpdf.qpdf_oh_get_array_item)
#define qpdf_oh_get_array_n_items              (par_qpdf.qpdf_oh_get_array_n_items)
#define qpdf_oh_get_binary_string_value        (par_qpdf.qpdf_oh_get_binary_string_value)
#define qpdf_oh_get_bool_value                 (par_qpdf.qpdf_oh_get_bool_value)
#define qpdf_oh_get_dict                       (par_qpdf.qpdf_oh_get_dict)
#define qpdf_oh_get_generation                 (par_qpdf.qpdf_oh_get_generation)
#define qpdf_oh_get_int_value                  (par_qpdf.qpdf_oh_get_int_value)
#define qpdf_oh_get_key                        (par_qpdf.qpdf_oh_get_key)
#define qpdf_oh_get_name                       (par_qpdf.qpdf_oh_get_name)
#define qpdf_oh_get_numeric_value              (par_qpdf.qpdf_oh_get_numeric_value)
#define qpdf_oh_get_object_id                  (par_qpdf.qpdf_oh_get_object_id)
#define qpdf_oh_get_page_content_data          (par_qpdf.qpdf_oh_get_page_content_data)
#define qpdf_oh_get_real_value                 (par_qpdf.qpdf_oh_get_real_value)
#define qpdf_oh_get_stream_data                (par_qpdf.qpdf_oh_get_stream_data)
#define qpdf_oh_get_type_code                  (par_qpdf.qpdf_oh_get_type_code)
#define qpdf_oh_has_key                        (par_qpdf.qpdf_oh_has_key)
#define qpdf_oh_is_array                       (par_qpdf.qpdf_oh_is_array)
#define qpdf_oh_is_dictionary                  (par_qpdf.qpdf_oh_is_dictionary)
#define qpdf_oh_is_dictionary_of_type          (par_qpdf.qpdf_oh_is_dictionary_of_type)
#define qpdf_oh_is_indirect                    (par_qpdf.qpdf_oh_is_indirect)
#define qpdf_oh_is_name                        (par_qpdf.qpdf_oh_is_name)
#define qpdf_oh_is_name_and_equals             (par_qpdf.qpdf_oh_is_name_and_equals)
#define qpdf_oh_is_number                      (par_qpdf.qpdf_oh_is_number)
#define qpdf_oh_is_stream                      (par_qpdf.qpdf_oh_is_stream)
#define qpdf_oh_is_string                      (par_qpdf.qpdf_oh_is_string)
#define qpdf_oh_release                        (par_qpdf.qpdf_oh_release)
#define qpdf_oh_release_all                    (par_qpdf.qpdf_oh_release_all)
#endif

G_END_DECLS
