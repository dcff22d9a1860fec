/* par-text.c — display-safe text.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-text.h"

/**
 * par_text_classify_char:
 * @ch: a character
 * @flags: whether line breaks and tabs are allowed
 *
 * Returns: %PAR_TEXT_SAFE, or why @ch would make text show differently from what it is
 */
ParTextProblem
par_text_classify_char (gunichar     ch,
                        ParTextFlags flags)
{
  if (ch < 0x20 || (ch >= 0x7F && ch <= 0x9F))
    {
      if ((flags & PAR_TEXT_MULTI_LINE) && (ch == '\n' || ch == '\r' || ch == '\t'))
        return PAR_TEXT_SAFE;
      return PAR_TEXT_CONTROL;
    }
  if (ch < 0x061C)
    return PAR_TEXT_SAFE;   /* the common case: Latin and Vietnamese letters */
  switch (ch)
    {
    case 0x061C:                  /* arabic letter mark */
    case 0x200E: case 0x200F:     /* left-to-right, right-to-left mark */
      return PAR_TEXT_BIDI;
    case 0x180E:                  /* mongolian vowel separator (zero width) */
    case 0x200B: case 0x200C: case 0x200D:
    case 0xFEFF:
      return PAR_TEXT_INVISIBLE;
    case 0x2028: case 0x2029:
      return PAR_TEXT_CONTROL;
    default:
      break;
    }
  if ((ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069))
    return PAR_TEXT_BIDI;
  if ((ch >= 0x2060 && ch <= 0x2064) || (ch >= 0x206A && ch <= 0x206F) ||
      (ch >= 0xFFF9 && ch <= 0xFFFB) || (ch >= 0xE0000 && ch <= 0xE007F))
    return PAR_TEXT_INVISIBLE;
  return PAR_TEXT_SAFE;
}

/**
 * par_text_find_unsafe:
 * @text: the text
 * @length: its length in bytes, or -1 when nul-terminated
 * @flags: whether line breaks and tabs are allowed
 * @issue: (out caller-allocates) (optional): what the first offending character is, and where
 *
 * Looks for the first character that would make @text show differently from what it is:
 * control characters, bidirectional controls, invisible characters, or bytes that are not
 * UTF-8.
 *
 * Returns: %TRUE if one was found (@issue says which and where); %FALSE if @text is safe to show
 */
gboolean
par_text_find_unsafe (const char   *text,
                      gssize        length,
                      ParTextFlags  flags,
                      ParTextIssue *issue)
{
  const char *end, *valid_end, *p;
  ParTextIssue found = { PAR_TEXT_SAFE, 0, 0, 0, 1, 1 };

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;
  g_utf8_validate_len (text, (gsize) length, &valid_end);

  for (p = text; p < valid_end; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      ParTextProblem problem = par_text_classify_char (ch, flags);

      if (problem != PAR_TEXT_SAFE)
        {
          found.problem = problem;
          found.ch = ch;
          break;
        }
      found.char_offset++;
      if (ch == '\n')
        {
          found.line++;
          found.column = 1;
        }
      else
        found.column++;
    }
  if (found.problem == PAR_TEXT_SAFE && valid_end < end)
    /* GLib's validation stops at a nul byte inside @length: that one is a control character */
    found.problem = *valid_end == '\0' ? PAR_TEXT_CONTROL : PAR_TEXT_INVALID_UTF8;
  found.byte_offset = (gsize) (p - text);

  if (issue != NULL)
    *issue = found;
  return found.problem != PAR_TEXT_SAFE;
}

static const struct {
  gunichar    ch;
  const char *name;
} char_names[] = {
  { 0x0000, "NULL" },
  { 0x0007, "BELL" },
  { 0x0008, "BACKSPACE" },
  { 0x0009, "CHARACTER TABULATION" },
  { 0x000A, "LINE FEED" },
  { 0x000D, "CARRIAGE RETURN" },
  { 0x001B, "ESCAPE" },
  { 0x007F, "DELETE" },
  { 0x0085, "NEXT LINE" },
  { 0x009B, "CONTROL SEQUENCE INTRODUCER" },
  { 0x061C, "ARABIC LETTER MARK" },
  { 0x180E, "MONGOLIAN VOWEL SEPARATOR" },
  { 0x200B, "ZERO WIDTH SPACE" },
  { 0x200C, "ZERO WIDTH NON-JOINER" },
  { 0x200D, "ZERO WIDTH JOINER" },
  { 0x200E, "LEFT-TO-RIGHT MARK" },
  { 0x200F, "RIGHT-TO-LEFT MARK" },
  { 0x2028, "LINE SEPARATOR" },
  { 0x2029, "PARAGRAPH SEPARATOR" },
  { 0x202A, "LEFT-TO-RIGHT EMBEDDING" },
  { 0x202B, "RIGHT-TO-LEFT EMBEDDING" },
  { 0x202C, "POP DIRECTIONAL FORMATTING" },
  { 0x202D, "LEFT-TO-RIGHT OVERRIDE" },
  { 0x202E, "RIGHT-TO-LEFT OVERRIDE" },
  { 0x2060, "WORD JOINER" },
  { 0x2061, "FUNCTION APPLICATION" },
  { 0x2062, "INVISIBLE TIMES" },
  { 0x2063, "INVISIBLE SEPARATOR" },
  { 0x2064, "INVISIBLE PLUS" },
  { 0x2066, "LEFT-TO-RIGHT ISOLATE" },
  { 0x2067, "RIGHT-TO-LEFT ISOLATE" },
  { 0x2068, "FIRST STRONG ISOLATE" },
  { 0x2069, "POP DIRECTIONAL ISOLATE" },
  { 0xFEFF, "ZERO WIDTH NO-BREAK SPACE" },
};

/**
 * par_text_describe_char:
 * @ch: a character
 *
 * Names a character for a message: "U+202E RIGHT-TO-LEFT OVERRIDE", or "U+0003" when it has
 * no name worth showing. Unicode's names are identifiers and are not translated.
 *
 * Returns: (transfer full): the description
 */
char *
par_text_describe_char (gunichar ch)
{
  for (guint i = 0; i < G_N_ELEMENTS (char_names); i++)
    if (char_names[i].ch == ch)
      return g_strdup_printf ("U+%04X %s", (unsigned) ch, char_names[i].name);
  return g_strdup_printf ("U+%04X", (unsigned) ch);
}

/**
 * par_text_check:
 * @text: UTF-8 text
 * @flags: whether line breaks and tabs are allowed
 * @error: return location for a #GError
 *
 * Refuses text with a character that would make it show differently from what it is. The
 * message says which character and where (line and character when @text has several lines);
 * a caller adds the file, line and field it came from, e.g. with g_prefix_error().
 *
 * Returns: %TRUE if @text is safe to show; %FALSE with %PAR_ERROR_UNSAFE otherwise
 */
gboolean
par_text_check (const char    *text,
                ParTextFlags   flags,
                GError       **error)
{
  ParTextIssue issue;
  g_autofree char *where = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!par_text_find_unsafe (text, -1, flags, &issue))
    return TRUE;

  if (issue.line > 1)
    /* Translators: where an unsafe character is in a text of several lines */
    where = g_strdup_printf (_("line %u, character %u"), issue.line, issue.column);
  else
    /* Translators: where an unsafe character is in a text */
    where = g_strdup_printf (_("character %u"), issue.column);
  what = par_text_describe_char (issue.ch);

  switch (issue.problem)
    {
    case PAR_TEXT_CONTROL:
      g_set_error (error, PAR_ERROR, PAR_ERROR_UNSAFE,
                   _("The text has a control character (%s) at %s, which cannot be shown. "
                     "Remove it."), what, where);
      break;
    case PAR_TEXT_BIDI:
      g_set_error (error, PAR_ERROR, PAR_ERROR_UNSAFE,
                   _("The text has a character that changes the direction of the text around it "
                     "(%s) at %s, so it would read differently from what it is. Remove it."),
                   what, where);
      break;
    case PAR_TEXT_INVISIBLE:
      g_set_error (error, PAR_ERROR, PAR_ERROR_UNSAFE,
                   _("The text has an invisible character (%s) at %s, which can make different "
                     "texts look the same. Remove it."), what, where);
      break;
    case PAR_TEXT_INVALID_UTF8:
    case PAR_TEXT_SAFE:
    default:
      g_set_error (error, PAR_ERROR, PAR_ERROR_UNSAFE,
                   _("The text is not valid UTF-8 from %s on. Save it as UTF-8."), where);
      break;
    }
  return FALSE;
}

/**
 * par_text_neutralise:
 * @text: the text
 * @length: its length in bytes, or -1 when nul-terminated
 * @flags: whether line breaks and tabs are kept
 *
 * A copy of @text that shows as what it is: every unsafe character is written out as a visible
 * "[U+202E]", and bytes that are not UTF-8 become U+FFFD (�). Safe text is copied unchanged.
 *
 * Returns: (transfer full): valid UTF-8 safe to show or embed
 */
char *
par_text_neutralise (const char   *text,
                     gssize        length,
                     ParTextFlags  flags)
{
  GString *out;
  const char *end, *p;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  end = text + length;
  out = g_string_sized_new ((gsize) length + 1);
  p = text;
  while (p < end)
    {
      const char *valid_end;

      const char *safe = p;   /* safe characters since here are copied as one run */

      g_utf8_validate_len (p, (gsize) (end - p), &valid_end);
      while (p < valid_end)
        {
          const char *next;
          gunichar ch;

          if ((guchar) *p >= 0x20 && (guchar) *p < 0x7F)   /* printable ASCII: always safe */
            {
              p++;
              continue;
            }
          next = g_utf8_next_char (p);
          ch = g_utf8_get_char (p);
          if (par_text_classify_char (ch, flags) != PAR_TEXT_SAFE)
            {
              g_string_append_len (out, safe, p - safe);
              g_string_append_printf (out, "[U+%04X]", (unsigned) ch);
              safe = next;
            }
          p = next;
        }
      g_string_append_len (out, safe, p - safe);
      if (p < end)
        {
          if (*p == '\0')
            g_string_append (out, "[U+0000]");
          else
            g_string_append_unichar (out, 0xFFFD);
          p++;
        }
    }
  return g_string_free (out, FALSE);
}

/**
 * par_text_file_name:
 * @name: a file name as recorded, perhaps with folders ("../../x.pdf", "C:\Users\…\x.pdf")
 *
 * The name to show for a file, or to give it inside a PDF or an archive: its base name after the
 * last '/' or '\' (and a drive letter), neutralised like par_text_neutralise(). It is never
 * empty, "." or "..": those become "_".
 *
 * Returns: (transfer full): the base name, safe to show and to embed
 */
char *
par_text_file_name (const char *name)
{
  const char *base;
  char *safe;

  g_return_val_if_fail (name != NULL, NULL);

  base = name;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || *p == '\\')
      base = p + 1;
  if (g_ascii_isalpha (base[0]) && base[1] == ':')
    base += 2;
  safe = par_text_neutralise (base, -1, PAR_TEXT_SINGLE_LINE);
  if (*safe == '\0' || strcmp (safe, ".") == 0 || strcmp (safe, "..") == 0)
    {
      g_free (safe);
      return g_strdup ("_");
    }
  return safe;
}
