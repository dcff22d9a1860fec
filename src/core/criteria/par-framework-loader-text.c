/* par-framework-loader-text.c — text that shows differently from what it is: every text and
 * attribute value of a criteria set checked with base/par-text before anything else reads it.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-framework-private.h"
#include "par-text.h"

/* The loader's state (par-framework-loader-private.h). */
typedef ParLoader Loader;

/* --- text that shows differently from what it is -------------------------------------------- */

/* Whether the file may hold a character par_text refuses: a quick look at the bytes, so that
 * the common file is not walked twice. Printable ASCII and the letters up to U+05FF (Latin,
 * Vietnamese, Greek, Cyrillic… two-byte sequences led by C3–D7) are skipped; every other
 * character is decoded and classified by par_text; a character reference (&#…;) could be
 * anything. */
gboolean
par_loader_may_hold_unsafe_text (const char *data,
                                 gsize       len)
{
  const guchar *p = (const guchar *) data, *end = p + len;

  while (p < end)
    {
      guchar b = *p;

      if (b >= 0x20 && b < 0x7F)
        {
          if (b == '&' && p + 1 < end && p[1] == '#')
            return TRUE;
          p++;
        }
      else if (b >= 0xC3 && b <= 0xD7)
        p += 2;
      else if (b < 0x80 || b >= 0xC0)
        {
          gunichar ch = g_utf8_get_char_validated ((const char *) p, end - p);
          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            return TRUE;   /* libxml2 has refused it already; be safe */
          if (par_text_classify_char (ch, PAR_TEXT_MULTI_LINE) != PAR_TEXT_SAFE)
            return TRUE;
          p = (const guchar *) g_utf8_next_char (p);
        }
      else
        p++;   /* a continuation byte */
    }
  return FALSE;
}

/* Titles, descriptions, hints, labels, codes, ids, names: every text and attribute value of
 * the document, since each can be shown. Attribute values are single lines; element text may
 * span lines. The first offending character is reported with the file's line, the element and
 * the character (U+202E RIGHT-TO-LEFT OVERRIDE). */
gboolean
par_loader_check_text_safe (Loader  *ld,
                            xmlNode *el)
{
  for (xmlAttr *a = el->properties; a != NULL; a = a->next)
    for (xmlNode *t = a->children; t != NULL; t = t->next)
      {
        g_autoptr(GError) local = NULL;

        if (t->content == NULL ||
            par_text_check ((const char *) t->content, PAR_TEXT_SINGLE_LINE, &local))
          continue;
        /* TRANSLATORS: the attribute “label” of <input>: what is wrong with its text */
        par_loader_fail_at (ld, PAR_ERROR_UNSAFE, par_loader_attribute_line (ld, el, (const char *) a->name),
                            par_loader_nearest_code (el), _("the attribute “%s” of <%s> is refused: %s"),
                            (const char *) a->name, (const char *) el->name, local->message);
        return FALSE;
      }
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (!par_loader_check_text_safe (ld, c))
            return FALSE;
        }
      else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
               c->content != NULL)
        {
          const char *text = (const char *) c->content;
          ParTextIssue issue;
          g_autoptr(GError) local = NULL;
          int line;

          if (!par_text_find_unsafe (text, -1, PAR_TEXT_MULTI_LINE, &issue))
            continue;
          par_text_check (text, PAR_TEXT_MULTI_LINE, &local);
          /* An element's line is where its start tag ends, where its text begins; a text
           * node's own line is where libxml2 happened to deliver its first piece. */
          if (c == el->children)
            line = (int) xmlGetLineNo (el) + (int) issue.line - 1;
          else
            line = (int) xmlGetLineNo (c);
          /* TRANSLATORS: the text of <title>: what is wrong with it */
          par_loader_fail_at (ld, PAR_ERROR_UNSAFE, line, par_loader_nearest_code (el),
                              _("the text of <%s> is refused: %s"), (const char *) el->name, local->message);
          return FALSE;
        }
    }
  return TRUE;
}
