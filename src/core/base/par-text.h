/* par-text.h — display-safe text: finding the characters that make text show differently from
 * what it is, and a neutralised copy of a file name to show or embed.
 *
 * Some characters change how the text around them is displayed without being seen
 * themselves: a right-to-left override (U+202E) in "invoice[U+202E]fdp.exe" makes it read as
 * "invoiceexe.pdf", zero-width characters make two different codes look the same, control
 * characters move a terminal's cursor. Criteria sets refuse them (the loader reports where);
 * file names and other text shown from the database are neutralised: every such character
 * becomes a visible "[U+202E]".
 *
 *   ParTextIssue issue;
 *   if (par_text_find_unsafe (title, -1, PAR_TEXT_SINGLE_LINE, &issue))
 *     → issue.ch, issue.char_offset, issue.line, issue.column say what and where
 *   par_text_check (description, PAR_TEXT_MULTI_LINE, &error)   → PAR_ERROR_UNSAFE, a sentence
 *   name = par_text_file_name (attachment->original_name)        → "invoice[U+202E]fdp.exe"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ParTextFlags:
 * @PAR_TEXT_SINGLE_LINE: a name, code, title or file name: every control character is
 *   unsafe, line breaks and tabs included
 * @PAR_TEXT_MULTI_LINE: a description or explanation: line feed, carriage return and tab are
 *   allowed; every other control character is unsafe
 */
typedef enum {
  PAR_TEXT_SINGLE_LINE = 0,
  PAR_TEXT_MULTI_LINE  = 1 << 0,
} ParTextFlags;

/**
 * ParTextProblem:
 * @PAR_TEXT_SAFE: nothing wrong
 * @PAR_TEXT_CONTROL: a C0 or C1 control character, DEL, or a Unicode line or paragraph
 *   separator (U+2028, U+2029)
 * @PAR_TEXT_BIDI: a bidirectional override, embedding, isolate or mark (U+202A–202E,
 *   U+2066–2069, U+200E, U+200F, U+061C)
 * @PAR_TEXT_INVISIBLE: a zero-width or other invisible formatting character (U+200B–200D,
 *   U+2060–2064, U+FEFF, U+180E, U+206A–206F, U+FFF9–FFFB, tags U+E0000–E007F)
 * @PAR_TEXT_INVALID_UTF8: bytes that are not UTF-8
 */
typedef enum {
  PAR_TEXT_SAFE,
  PAR_TEXT_CONTROL,
  PAR_TEXT_BIDI,
  PAR_TEXT_INVISIBLE,
  PAR_TEXT_INVALID_UTF8,
} ParTextProblem;

/**
 * ParTextIssue:
 * @problem: what is wrong
 * @ch: the offending character; 0 for %PAR_TEXT_INVALID_UTF8
 * @byte_offset: where it starts, in bytes from the start of the text
 * @char_offset: characters before it (0-based)
 * @line: 1-based line of the text it is on (lines end at '\n')
 * @column: 1-based position on that line, in characters
 */
typedef struct {
  ParTextProblem problem;
  gunichar       ch;
  gsize          byte_offset;
  glong          char_offset;
  guint          line;
  guint          column;
} ParTextIssue;

ParTextProblem par_text_classify_char (gunichar      ch,
                                       ParTextFlags  flags);

gboolean       par_text_find_unsafe   (const char   *text,
                                       gssize        length,
                                       ParTextFlags  flags,
                                       ParTextIssue *issue);

gboolean       par_text_check         (const char   *text,
                                       ParTextFlags  flags,
                                       GError      **error);

char          *par_text_describe_char (gunichar      ch);

char          *par_text_neutralise    (const char   *text,
                                       gssize        length,
                                       ParTextFlags  flags);

char          *par_text_file_name     (const char   *name);

G_END_DECLS
