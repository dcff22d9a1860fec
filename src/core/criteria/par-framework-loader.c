/* par-framework-loader.c — criteria sets from XML: safe parse, RelaxNG, semantic checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order of work, cheapest refusal first: size limit → UTF-8 → no DOCTYPE (so no entity can ever
 * be declared, let alone expanded) → well-formed XML (XML_PARSE_NONET, never NOENT/DTDLOAD) →
 * namespace and version → RelaxNG schema → walk into structs → semantic checks. Every refusal is
 * a PAR_ERROR naming the file, the line and, where there is one, the criterion code.
 *
 * This file reads the bytes and keeps that order; each step past the parse is in its own file
 * (par-framework-loader-private.h): -text.c, -schema.c, -read.c, -check.c, and -v2.c for
 * format 2.
 */
#include "config.h"

#include <inttypes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-framework-private.h"
#include "par-text.h"

#define NS PAR_FRAMEWORK_NAMESPACE
#define NS_PREFIX "urn:x-parscore:criteria-set:"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* The loader's state (par-framework-loader-private.h): the format-2 reading shares it. */
typedef ParLoader Loader;

/* --- errors ---------------------------------------------------------------------------------- */

void
par_loader_fail_at (Loader     *ld,
                    int         code,
                    int         line,
                    const char *criterion,
                    const char *format,
                    ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  if (ld->error == NULL || *ld->error != NULL)
    return;
  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (criterion != NULL && line > 0)
    {
      /* A code refused for an invisible character is shown with it written out. */
      g_autofree char *shown = par_text_neutralise (criterion, -1, PAR_TEXT_SINGLE_LINE);
      /* Fields have one-part numeric codes, adjustments free ones (T1, C1). */
      gboolean dotted = strchr (shown, '.') != NULL;
      gboolean numeric = shown[strspn (shown, "0123456789")] == '\0';
      if (dotted)
        /* TRANSLATORS: file:line: criterion CODE: message */
        g_set_error (ld->error, PAR_ERROR, code, _("%s:%d: criterion %s: %s"), ld->name, line,
                     shown, msg);
      else if (numeric)
        /* TRANSLATORS: file:line: field CODE: message */
        g_set_error (ld->error, PAR_ERROR, code, _("%s:%d: field %s: %s"), ld->name, line,
                     shown, msg);
      else
        /* TRANSLATORS: file:line: deduction or bonus item CODE: message */
        g_set_error (ld->error, PAR_ERROR, code, _("%s:%d: item %s: %s"), ld->name, line,
                     shown, msg);
    }
  else if (line > 0)
    g_set_error (ld->error, PAR_ERROR, code, "%s:%d: %s", ld->name, line, msg);
  else
    g_set_error (ld->error, PAR_ERROR, code, "%s: %s", ld->name, msg);
}

const char *
par_loader_nearest_code (xmlNode *node)
{
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    {
      xmlChar *code = xmlGetProp (node, (const xmlChar *) "code");
      if (code != NULL)
        {
          /* Interned in a quark so the string outlives the document. */
          const char *interned = g_intern_string ((const char *) code);
          xmlFree (code);
          return interned;
        }
    }
  return NULL;
}

/* --- pre-parse checks ------------------------------------------------------------------------ */

static int
line_of_offset (const char *data,
                gsize       offset)
{
  int line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static gboolean
check_utf8 (Loader     *ld,
            const char *data,
            gsize       len)
{
  const char *end = NULL;

  if (g_utf8_validate_len (data, len, &end))
    return TRUE;
  par_loader_fail_at (ld, PAR_ERROR_PARSE, line_of_offset (data, end - data), NULL,
                      _("the file is not valid UTF-8 text; save it as UTF-8 and try again"));
  return FALSE;
}

/* Refuses a DOCTYPE in the prolog: criteria sets need none, and without one no entity can be
 * declared, so neither external entities nor expansion bombs can reach the parser. */
static gboolean
check_prolog (Loader     *ld,
              const char *data,
              gsize       len)
{
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len)
    {
      if (g_ascii_isspace (data[i]))
        i++;
      else if (len - i >= 2 && memcmp (data + i, "<?", 2) == 0)
        {
          const char *end = g_strstr_len (data + i, len - i, "?>");
          if (end == NULL)
            break;
          i = end - data + 2;
        }
      else if (len - i >= 4 && memcmp (data + i, "<!--", 4) == 0)
        {
          const char *end = g_strstr_len (data + i, len - i, "-->");
          if (end == NULL)
            break;
          i = end - data + 3;
        }
      else if (len - i >= 2 && memcmp (data + i, "<!", 2) == 0)
        {
          par_loader_fail_at (ld, PAR_ERROR_UNSAFE, line_of_offset (data, i), NULL,
                              _("the file declares a DOCTYPE or entities, which criteria sets must not use "
                                "(they can read other files or exhaust memory); remove the declaration"));
          return FALSE;
        }
      else
        break;
    }
  return TRUE;
}

/* --- where an attribute is ---------------------------------------------------------------- */

/* libxml2 keeps no line for attributes, and an element's line is where its start tag ends. An
 * attribute's own line is found in the source: the start tag is the last "<name" before the
 * end of the element's line, read attribute by attribute. Only messages use it. */
static int
attribute_line (Loader     *ld,
                xmlNode    *el,
                const char *attribute)
{
  const char *data = ld->data;
  gsize len = ld->len;
  int el_line = xmlGetLineNo (el);
  g_autofree char *open = NULL;
  gsize eol = 0, open_len, i, at = G_MAXSIZE;
  int line = 1, tag_line;

  if (data == NULL || el_line <= 0)
    return el_line;
  /* The end of the element's line. */
  for (eol = 0; eol < len && line <= el_line; eol++)
    if (data[eol] == '\n')
      line++;
  if (el->ns != NULL && el->ns->prefix != NULL)
    open = g_strdup_printf ("<%s:%s", el->ns->prefix, el->name);
  else
    open = g_strdup_printf ("<%s", el->name);
  open_len = strlen (open);
  for (i = 0; i + open_len < eol; i++)
    if (memcmp (data + i, open, open_len) == 0 &&
        (g_ascii_isspace (data[i + open_len]) || data[i + open_len] == '/' ||
         data[i + open_len] == '>'))
      at = i;
  if (at == G_MAXSIZE)
    return el_line;
  tag_line = 1;
  for (i = 0; i < at; i++)
    if (data[i] == '\n')
      tag_line++;
  /* Attribute by attribute: name, '=', a quoted value. */
  i = at + open_len;
  for (;;)
    {
      gsize name_start, name_end;
      int name_line;
      char quote;

      while (i < len && g_ascii_isspace (data[i]))
        tag_line += data[i++] == '\n';
      if (i >= len || data[i] == '>' || data[i] == '/')
        return el_line;
      name_start = i;
      name_line = tag_line;
      while (i < len && data[i] != '=' && !g_ascii_isspace (data[i]) && data[i] != '>')
        i++;
      name_end = i;
      while (i < len && g_ascii_isspace (data[i]))
        tag_line += data[i++] == '\n';
      if (i >= len || data[i] != '=')
        return el_line;
      i++;
      while (i < len && g_ascii_isspace (data[i]))
        tag_line += data[i++] == '\n';
      if (i >= len || (data[i] != '"' && data[i] != '\''))
        return el_line;
      if (name_end - name_start == strlen (attribute) &&
          memcmp (data + name_start, attribute, name_end - name_start) == 0)
        return name_line;
      quote = data[i++];
      while (i < len && data[i] != quote)
        tag_line += data[i++] == '\n';
      i++;
    }
}

/* --- small readers --------------------------------------------------------------------------- */

/* Elements are matched by name only after the root's namespace was checked: the schema has
 * already refused any element of another namespace. Names are compared as interned dictionary
 * pointers when the document has a dictionary, which keeps the walk cheap on large files. */
static gboolean
is_el (xmlNode    *node,
       const char *name)
{
  return node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, (const xmlChar *) name);
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlAttr *attr = xmlHasNsProp (node, (const xmlChar *) name, NULL);

  if (attr == NULL)
    return NULL;
  /* An attribute value without entities is one text child: read it without a copy. */
  if (attr->children != NULL && attr->children->next == NULL && attr->children->type == XML_TEXT_NODE)
    return g_strstrip (g_strdup ((const char *) attr->children->content));
  {
    xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);
    char *copy = g_strstrip (g_strdup (value != NULL ? (const char *) value : ""));
    xmlFree (value);
    return copy;
  }
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *copy;

  /* A title, description or hint is one text node: read it without libxml2's own copy. */
  if (node->children != NULL && node->children->next == NULL &&
      node->children->type == XML_TEXT_NODE && node->children->content != NULL)
    return g_strstrip (g_strdup ((const char *) node->children->content));
  content = xmlNodeGetContent (node);
  copy = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  return copy;
}

static char *
lang_of (xmlNode *node)
{
  xmlChar *lang = xmlGetNsProp (node, (const xmlChar *) "lang", (const xmlChar *) XML_NS);
  char *copy = lang != NULL ? g_strdup ((const char *) lang) : NULL;

  xmlFree (lang);
  return copy;
}

/* --- entry points ---------------------------------------------------------------------------- */

/* Whole MB rounded up, so that a file just over the limit never reads "16 MB; limited to 16 MB". */
static gsize
size_in_mb (gsize bytes)
{
  return bytes / (1024 * 1024) + (bytes % (1024 * 1024) != 0 ? 1 : 0);
}

static void
ignore_generic_error (void *ctx, const char *msg, ...)
{
}

typedef struct {
  const char *data;
  gsize       len;
  gsize       at;
} MemoryReader;

static int
read_memory (void *context,
             char *buffer,
             int   size)
{
  MemoryReader *reader = context;
  gsize n = MIN ((gsize) size, reader->len - reader->at);

  memcpy (buffer, reader->data + reader->at, n);
  reader->at += n;
  return (int) n;
}

/* @error is never NULL here: every check below tests *error to know whether it failed. */
static ParFramework *
load_bytes (GBytes      *bytes,
            const char  *display_name,
            GError     **error)
{
  Loader ld = { display_name != NULL ? display_name : "criteria-set.xml", error, NULL, 0, 1 };
  g_autoptr(ParFramework) fw = NULL;
  xmlParserCtxtPtr pctxt;
  xmlDoc *doc;
  xmlNode *root;
  gsize len;
  const char *data;

  data = g_bytes_get_data (bytes, &len);
  ld.data = data;
  ld.len = len;
  if (len > PAR_FRAMEWORK_MAX_BYTES)
    {
      par_loader_fail_at (&ld, PAR_ERROR_TOO_LARGE, 0, NULL,
                          _("the file is %zu MB; criteria sets are limited to %d MB"),
                          size_in_mb (len), PAR_FRAMEWORK_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (len == 0)
    {
      par_loader_fail_at (&ld, PAR_ERROR_PARSE, 0, NULL, _("the file is empty"));
      return NULL;
    }
  if (len > G_MAXINT || !check_prolog (&ld, data, len))
    return NULL;

  pctxt = xmlNewParserCtxt ();
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  /* BIG_LINES: without it libxml2 stops counting element lines at 65 535, and messages
   * about a large file would all point there. COMPACT (xmllint's default): short texts live
   * inside their node, one allocation fewer each; the tree is only read, never changed. */
  {
    /* Read through a callback, 4 KB at a time: xmlCtxtReadMemory () would first copy the
     * whole file into a buffer of its own (a second 1.2 MB for 2,000 sub-criteria, every page
     * of it faulted in). The forced "UTF-8" decoder does not skip a byte order mark in this
     * path: the reader starts after it. */
    MemoryReader reader = { data, len, 0 };

    if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
      reader.at = 3;
    doc = xmlCtxtReadIO (pctxt, read_memory, NULL, &reader, NULL, "UTF-8",
                         XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                         XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
  }
  if (doc == NULL)
    {
      const xmlError *err = xmlCtxtGetLastError (pctxt);

      /* libxml2 checks UTF-8 as it parses; on failure, say so in plain words when that was
       * the cause (checking only here keeps valid files fast). */
      if (!check_utf8 (&ld, data, len))
        {
          xmlFreeParserCtxt (pctxt);
          return NULL;
        }
      g_autofree char *detail = g_strstrip (g_strdup (err != NULL && err->message != NULL
                                                      ? err->message : "?"));
      par_loader_fail_at (&ld, PAR_ERROR_PARSE, err != NULL ? err->line : 0, NULL,
                          _("the file is not well-formed XML (%s)"), detail);
      xmlFreeParserCtxt (pctxt);
      return NULL;
    }
  xmlFreeParserCtxt (pctxt);

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      par_loader_fail_at (&ld, PAR_ERROR_UNSAFE, 1, NULL, _("the file declares a DOCTYPE, which criteria sets must not use"));
      goto out;
    }
  if (root == NULL || root->ns == NULL ||
      !xmlStrEqual (root->name, (const xmlChar *) "criteria-set") ||
      !g_str_has_prefix ((const char *) root->ns->href, NS_PREFIX))
    {
      par_loader_fail_at (&ld, PAR_ERROR_FORMAT, root != NULL ? xmlGetLineNo (root) : 1, NULL,
                          _("this is not a Parscore criteria set (the root element must be <criteria-set> "
                            "in the namespace %s)"), NS);
      goto out;
    }
  if (xmlStrEqual (root->ns->href, (const xmlChar *) PAR_FRAMEWORK_NAMESPACE_2))
    ld.version = 2;
  else if (!xmlStrEqual (root->ns->href, (const xmlChar *) NS))
    {
      par_loader_fail_at (&ld, PAR_ERROR_FORMAT, xmlGetLineNo (root), NULL,
                          _("the file is in format version “%s”, but this Parscore reads versions 1 and 2; "
                            "update Parscore"), (const char *) root->ns->href + strlen (NS_PREFIX));
      goto out;
    }
  if (par_loader_may_hold_unsafe_text (data, len) && !par_loader_check_text_safe (&ld, root))
    goto out;
  if (!par_loader_validate (&ld, doc))
    goto out;

  fw = par_framework_new_empty ();
  fw->format_version = ld.version;
  par_loader_read_metadata (&ld, fw, root);
  if (*error != NULL)
    goto out;
  /* Format 2: figures, their expressions, checks and conditions, before the checks of the
   * rules (which may name figures). */
  if (ld.version >= 2 && !par_loader_v2_read (&ld, fw, root))
    goto out;
  if (!par_loader_check_semantics (&ld, fw))
    goto out;

  par_framework_index (fw);
  fw->source = g_bytes_ref (bytes);
  xmlFreeDoc (doc);
  return g_steal_pointer (&fw);

out:
  xmlFreeDoc (doc);
  return NULL;
}

ParFramework *
par_framework_load_bytes (GBytes      *bytes,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(GError) local = NULL;
  ParFramework *fw;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fw = load_bytes (bytes, display_name, &local);
  if (fw == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return fw;
}

ParFramework *
par_framework_load_file (const char  *path,
                         GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GByteArray) data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  /* Refuse oversized files before reading a byte of them. O_NONBLOCK: opening a named pipe
   * must not wait for a writer; it is refused below as not a regular file. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, PAR_ERROR, saved == ENOENT ? PAR_ERROR_NOT_FOUND : PAR_ERROR_IO,
                   _("%s: cannot open the file: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: not a regular file"), display);
      return NULL;
    }
  if (st.st_size > PAR_FRAMEWORK_MAX_BYTES)
    {
      close (fd);
      g_set_error (error, PAR_ERROR, PAR_ERROR_TOO_LARGE,
                   _("%s: the file is %" PRId64 " MB; criteria sets are limited to %d MB"),
                   display, (gint64) size_in_mb ((gsize) st.st_size),
                   PAR_FRAMEWORK_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* Read the descriptor that was checked, never the path again: the file could have been
   * swapped for a pipe or a larger file in between. Reading stops one byte past the limit,
   * which load_bytes then refuses. */
  data = g_byte_array_sized_new ((guint) st.st_size + 1);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;
          close (fd);
          g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: cannot read the file: %s"), display,
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, (guint) MIN ((gsize) n, PAR_FRAMEWORK_MAX_BYTES + 1 - data->len));
      if (data->len > PAR_FRAMEWORK_MAX_BYTES)
        break;
    }
  close (fd);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return par_framework_load_bytes (bytes, display, error);
}

/* --- what the format-2 reading shares (par-framework-loader-private.h) ---------------------- */

void
par_loader_fail (ParLoader  *ld,
                 int         code,
                 int         line,
                 const char *criterion,
                 const char *message)
{
  par_loader_fail_at (ld, code, line, criterion, "%s", message);
}

int
par_loader_attribute_line (ParLoader  *ld,
                           xmlNode    *el,
                           const char *attribute)
{
  return attribute_line (ld, el, attribute);
}

char *
par_loader_prop (xmlNode    *node,
                 const char *name)
{
  return prop (node, name);
}

gboolean
par_loader_is_el (xmlNode    *node,
                  const char *name)
{
  return is_el (node, name);
}

char *
par_loader_text_of (xmlNode *node)
{
  return text_of (node);
}

char *
par_loader_lang_of (xmlNode *node)
{
  return lang_of (node);
}
