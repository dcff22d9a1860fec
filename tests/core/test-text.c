/* test-text.c — display-safe text: which characters are refused, where they are reported,
 * and the neutralised copies of file names shown or embedded (issue 9 #6, #7).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "par-error.h"
#include "par-text.h"

/* Every character the issue names, and the neighbours that must stay allowed. */
static void
test_classify (void)
{
  static const struct { gunichar ch; ParTextProblem want; } cases[] = {
    /* bidi overrides, embeddings, isolates, marks */
    { 0x202A, PAR_TEXT_BIDI }, { 0x202B, PAR_TEXT_BIDI }, { 0x202C, PAR_TEXT_BIDI },
    { 0x202D, PAR_TEXT_BIDI }, { 0x202E, PAR_TEXT_BIDI },
    { 0x2066, PAR_TEXT_BIDI }, { 0x2067, PAR_TEXT_BIDI }, { 0x2068, PAR_TEXT_BIDI },
    { 0x2069, PAR_TEXT_BIDI },
    { 0x200E, PAR_TEXT_BIDI }, { 0x200F, PAR_TEXT_BIDI }, { 0x061C, PAR_TEXT_BIDI },
    /* zero-width */
    { 0x200B, PAR_TEXT_INVISIBLE }, { 0x200C, PAR_TEXT_INVISIBLE }, { 0x200D, PAR_TEXT_INVISIBLE },
    { 0x2060, PAR_TEXT_INVISIBLE }, { 0xFEFF, PAR_TEXT_INVISIBLE }, { 0xE0041, PAR_TEXT_INVISIBLE },
    /* C0, DEL, C1 */
    { 0x0000, PAR_TEXT_CONTROL }, { 0x0007, PAR_TEXT_CONTROL }, { 0x001B, PAR_TEXT_CONTROL },
    { 0x001F, PAR_TEXT_CONTROL }, { 0x007F, PAR_TEXT_CONTROL }, { 0x0080, PAR_TEXT_CONTROL },
    { 0x0085, PAR_TEXT_CONTROL }, { 0x009B, PAR_TEXT_CONTROL }, { 0x009F, PAR_TEXT_CONTROL },
    { '\n', PAR_TEXT_CONTROL }, { '\t', PAR_TEXT_CONTROL }, { 0x2028, PAR_TEXT_CONTROL },
    /* the neighbours */
    { ' ', PAR_TEXT_SAFE }, { '~', PAR_TEXT_SAFE }, { 0x00A0, PAR_TEXT_SAFE },
    { 0x00E0, PAR_TEXT_SAFE }, { 0x1EA1, PAR_TEXT_SAFE } /* ạ */, { 0x0110, PAR_TEXT_SAFE } /* Đ */,
    { 0x2010, PAR_TEXT_SAFE }, { 0x2014, PAR_TEXT_SAFE } /* — */, { 0x2029 + 0x0A, PAR_TEXT_SAFE },
    { 0x2065, PAR_TEXT_SAFE }, { 0x05D0, PAR_TEXT_SAFE } /* א: right-to-left letters are text */,
    { 0x0627, PAR_TEXT_SAFE } /* ا */, { 0xFFFD, PAR_TEXT_SAFE }, { 0x1F600, PAR_TEXT_SAFE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (par_text_classify_char (cases[i].ch, PAR_TEXT_SINGLE_LINE) != cases[i].want)
      g_error ("U+%04X classified %d, expected %d", (unsigned) cases[i].ch,
               par_text_classify_char (cases[i].ch, PAR_TEXT_SINGLE_LINE), cases[i].want);

  /* a description may have lines and tabs; nothing else changes */
  g_assert_cmpint (par_text_classify_char ('\n', PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_SAFE);
  g_assert_cmpint (par_text_classify_char ('\r', PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_SAFE);
  g_assert_cmpint (par_text_classify_char ('\t', PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_SAFE);
  g_assert_cmpint (par_text_classify_char (0x000B, PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_CONTROL);
  g_assert_cmpint (par_text_classify_char (0x202E, PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_BIDI);
  g_assert_cmpint (par_text_classify_char (0x2029, PAR_TEXT_MULTI_LINE), ==, PAR_TEXT_CONTROL);
}

static void
test_find_position (void)
{
  ParTextIssue issue;

  /* Vietnamese text is safe: multi-byte characters are counted as characters */
  g_assert_false (par_text_find_unsafe ("Cải cách hành chính — Đồng Tháp", -1, 0, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_SAFE);
  g_assert_false (par_text_find_unsafe ("", -1, 0, NULL));

  /* "invoice" RLO "fdp.exe": the override is the 8th character, after 7 */
  g_assert_true (par_text_find_unsafe ("invoice\u202Efdp.exe", -1, 0, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_BIDI);
  g_assert_cmpuint (issue.ch, ==, 0x202E);
  g_assert_cmpuint (issue.byte_offset, ==, 7);
  g_assert_cmpint (issue.char_offset, ==, 7);
  g_assert_cmpuint (issue.line, ==, 1);
  g_assert_cmpuint (issue.column, ==, 8);

  /* the first one counts; offsets after multi-byte letters */
  g_assert_true (par_text_find_unsafe ("Sở\u200BNội\u202Evụ", -1, 0, &issue));
  g_assert_cmpuint (issue.ch, ==, 0x200B);
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_INVISIBLE);
  g_assert_cmpuint (issue.byte_offset, ==, strlen ("Sở"));
  g_assert_cmpint (issue.char_offset, ==, 2);
  g_assert_cmpuint (issue.column, ==, 3);

  /* lines in a description: line and column of the character */
  g_assert_true (par_text_find_unsafe ("Dòng một\nDòng hai\x1b[2J", -1, PAR_TEXT_MULTI_LINE, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_CONTROL);
  g_assert_cmpuint (issue.ch, ==, 0x1B);
  g_assert_cmpuint (issue.line, ==, 2);
  g_assert_cmpuint (issue.column, ==, 9);
  g_assert_cmpint (issue.char_offset, ==, 17);
  /* … and a single-line text refuses the line feed itself */
  g_assert_true (par_text_find_unsafe ("Dòng một\nDòng hai", -1, PAR_TEXT_SINGLE_LINE, &issue));
  g_assert_cmpuint (issue.ch, ==, '\n');
  g_assert_cmpuint (issue.column, ==, 9);

  /* C1 in UTF-8 (U+009B, the 8-bit CSI) */
  g_assert_true (par_text_find_unsafe ("a\xc2\x9b" "31m", -1, 0, &issue));
  g_assert_cmpuint (issue.ch, ==, 0x9B);
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_CONTROL);

  /* a length stops the search; bytes that are not UTF-8 are reported where they start */
  g_assert_false (par_text_find_unsafe ("abc\u202E", 3, 0, &issue));
  g_assert_true (par_text_find_unsafe ("ab\xff" "cd", -1, 0, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_INVALID_UTF8);
  g_assert_cmpuint (issue.byte_offset, ==, 2);
  g_assert_cmpuint (issue.column, ==, 3);
  /* a nul byte inside a length is a control character, not bad bytes */
  g_assert_true (par_text_find_unsafe ("a\0b", 3, 0, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_CONTROL);
  g_assert_cmpuint (issue.ch, ==, 0);
  g_assert_cmpuint (issue.byte_offset, ==, 1);
  /* an unsafe character before the bad bytes is reported first */
  g_assert_true (par_text_find_unsafe ("a\u200Db\xff", -1, 0, &issue));
  g_assert_cmpint (issue.problem, ==, PAR_TEXT_INVISIBLE);
}

static void
assert_refused (const char   *text,
                ParTextFlags  flags,
                const char   *message)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (par_text_check (text, flags, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_UNSAFE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_check_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (par_text_check ("Tiêu chí 1.1.1 — Kế hoạch CCHC", 0, &error));
  g_assert_no_error (error);
  g_assert_true (par_text_check ("Dòng một\nDòng hai\tcột", PAR_TEXT_MULTI_LINE, &error));
  g_assert_no_error (error);

  assert_refused ("invoice\u202Efdp.exe", 0,
                  "The text has a character that changes the direction of the text around it "
                  "(U+202E RIGHT-TO-LEFT OVERRIDE) at character 8, so it would read differently "
                  "from what it is. Remove it.");
  assert_refused ("1.1.\u200B1", 0,
                  "The text has an invisible character (U+200B ZERO WIDTH SPACE) at character 5, "
                  "which can make different texts look the same. Remove it.");
  assert_refused ("Một\nhai\x1b[31m", PAR_TEXT_MULTI_LINE,
                  "The text has a control character (U+001B ESCAPE) at line 2, character 4, "
                  "which cannot be shown. Remove it.");
  assert_refused ("x\x03y", 0,
                  "The text has a control character (U+0003) at character 2, which cannot be "
                  "shown. Remove it.");
  assert_refused ("Đ\xc3", 0, "The text is not valid UTF-8 from character 2 on. Save it as UTF-8.");
}

static void
test_describe (void)
{
  g_autofree char *rlo = par_text_describe_char (0x202E);
  g_autofree char *fsi = par_text_describe_char (0x2068);
  g_autofree char *bom = par_text_describe_char (0xFEFF);
  g_autofree char *tag = par_text_describe_char (0xE0041);

  g_assert_cmpstr (rlo, ==, "U+202E RIGHT-TO-LEFT OVERRIDE");
  g_assert_cmpstr (fsi, ==, "U+2068 FIRST STRONG ISOLATE");
  g_assert_cmpstr (bom, ==, "U+FEFF ZERO WIDTH NO-BREAK SPACE");
  g_assert_cmpstr (tag, ==, "U+E0041");
}

static void
assert_neutral (const char   *text,
                gssize        length,
                ParTextFlags  flags,
                const char   *want)
{
  g_autofree char *got = par_text_neutralise (text, length, flags);

  g_assert_cmpstr (got, ==, want);
  g_assert_true (g_utf8_validate (got, -1, NULL));
  g_assert_false (par_text_find_unsafe (got, -1, flags, NULL));
}

static void
test_neutralise (void)
{
  assert_neutral ("Báo cáo số 12/BC-SKHCN", -1, 0, "Báo cáo số 12/BC-SKHCN");
  assert_neutral ("invoice\u202Efdp.exe", -1, 0, "invoice[U+202E]fdp.exe");
  assert_neutral ("\u2066a\u2069\u200Bb\uFEFF", -1, 0, "[U+2066]a[U+2069][U+200B]b[U+FEFF]");
  assert_neutral ("red\x1b[31m!\x07", -1, 0, "red[U+001B][31m![U+0007]");
  assert_neutral ("a\nb\tc", -1, 0, "a[U+000A]b[U+0009]c");
  assert_neutral ("a\nb\tc", -1, PAR_TEXT_MULTI_LINE, "a\nb\tc");
  assert_neutral ("ab\xff\xfe" "c", -1, 0, "ab\uFFFD\uFFFDc");
  /* a length: an embedded nul is a control character too */
  assert_neutral ("a\0b", 3, 0, "a[U+0000]b");
}

static void
assert_file_name (const char *name,
                  const char *want)
{
  g_autofree char *got = par_text_file_name (name);

  g_assert_cmpstr (got, ==, want);
}

static void
test_file_name (void)
{
  assert_file_name ("KH-01-2022.pdf", "KH-01-2022.pdf");
  assert_file_name ("báo cáo số liệu.docx", "báo cáo số liệu.docx");
  /* the spoof shows as what it is: the real extension is .exe */
  assert_file_name ("invoice\u202Efdp.exe", "invoice[U+202E]fdp.exe");
  /* folders never travel with the name, Windows ones neither */
  assert_file_name ("../../../home/user/.bashrc", ".bashrc");
  assert_file_name ("/etc/passwd", "passwd");
  assert_file_name ("C:\\Users\\Lan\\Desktop\\báo cáo.xlsx", "báo cáo.xlsx");
  assert_file_name ("..\\..\\Windows\\System32\\evil.dll", "evil.dll");
  assert_file_name ("D:evil.docx", "evil.docx");
  assert_file_name ("a/b\\c\u200Bd.pdf", "c[U+200B]d.pdf");
  /* nothing left of a name: never empty, never a folder */
  assert_file_name ("", "_");
  assert_file_name ("../", "_");
  assert_file_name ("..", "_");
  assert_file_name ("x/.", "_");
  assert_file_name ("C:", "_");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/classify", test_classify);
  g_test_add_func ("/text/find-position", test_find_position);
  g_test_add_func ("/text/check-messages", test_check_messages);
  g_test_add_func ("/text/describe", test_describe);
  g_test_add_func ("/text/neutralise", test_neutralise);
  g_test_add_func ("/text/file-name", test_file_name);
  return g_test_run ();
}
