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

/* Whether the file may hold a character par_text refuses: a look at the bytes, so that the
 * common file is not walked twice. It runs on a document libxml2 has parsed, so the bytes are
 * valid UTF-8, and every character par_text_classify_char () refuses (line breaks and tabs
 * allowed) starts with one of a few lead bytes: C0 controls and DEL; C2 (U+0080–U+009F); D8
 * (U+061C); E1 (U+180E); E2 (U+200B–U+200F, U+2028–U+202E, U+2060–U+206F but U+2065); EF
 * (U+FEFF, U+FFF9–U+FFFB); F3 (U+E0000–U+E007F). Every other byte is skipped without decoding
 * (Vietnamese is mostly E1 BA/BB sequences); those are looked at closer. A character
 * reference (&#…;) could be anything. test-loader's /loader/unsafe-scan checks this against
 * par_text_classify_char () for every character. */
gboolean
par_loader_may_hold_unsafe_text (const char *data,
                                 gsize       len)
{
  static gboolean lead[256];
  static gsize once = 0;
  const guchar *p = (const guchar *) data, *end = p + len;

  if (g_once_init_enter (&once))
    {
      for (guint b = 0; b < 0x20; b++)
        lead[b] = b != '\n' && b != '\r' && b != '\t';
      lead[0x7F] = lead['&'] = TRUE;
      lead[0xC2] = lead[0xD8] = lead[0xE1] = lead[0xE2] = lead[0xEF] = lead[0xF3] = TRUE;
      g_once_init_leave (&once, 1);
    }

  for (;;)
    {
      gsize left;

      while (p < end && !lead[*p])
        p++;
      if (p == end)
        return FALSE;
      left = end - p;
      switch (*p)
        {
        case '&':
          if (left > 1 && p[1] == '#')
            return TRUE;
          break;
        case 0xC2:
          if (left > 1 && p[1] <= 0x9F)   /* U+0080–U+009F */
            return TRUE;
          break;
        case 0xD8:
          if (left > 1 && p[1] == 0x9C)   /* U+061C */
            return TRUE;
          break;
        case 0xE1:
          if (left > 2 && p[1] == 0xA0 && p[2] == 0x8E)   /* U+180E */
            return TRUE;
          break;
        case 0xE2:
          if (left > 2 && ((p[1] == 0x80 && ((p[2] >= 0x8B && p[2] <= 0x8F) ||    /* U+200B–200F */
                                             (p[2] >= 0xA8 && p[2] <= 0xAE))) ||   /* U+2028–202E */
                           (p[1] == 0x81 && p[2] >= 0xA0 && p[2] <= 0xAF && p[2] != 0xA5)))
            /* U+2060–2064, U+2066–206F */
            return TRUE;
          break;
        case 0xEF:
          if (left > 2 && ((p[1] == 0xBB && p[2] == 0xBF) ||                      /* U+FEFF */
                           (p[1] == 0xBF && p[2] >= 0xB9 && p[2] <= 0xBB)))        /* U+FFF9–FFFB */
            return TRUE;
          break;
        case 0xF3:
          if (left > 2 && p[1] == 0xA0 && (p[2] == 0x80 || p[2] == 0x81))   /* U+E0000–E007F */
            return TRUE;
          break;
        default:
          return TRUE;   /* a C0 control or DEL */
        }
      p++;
    }
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
