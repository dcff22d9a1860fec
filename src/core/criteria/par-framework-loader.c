/* par-framework-loader.c — criteria sets from XML: safe parse, RelaxNG, semantic checks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Order of work, cheapest refusal first: size limit → UTF-8 → no DOCTYPE (so no entity can ever
 * be declared, let alone expanded) → well-formed XML (XML_PARSE_NONET, never NOENT/DTDLOAD) →
 * namespace and version → RelaxNG schema → walk into structs → semantic checks. Every refusal is
 * a PAR_ERROR naming the file, the line and, where there is one, the criterion code.
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

static void G_GNUC_PRINTF (5, 6)
fail_at (Loader     *ld,
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

static const char *
nearest_code (xmlNode *node)
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
  fail_at (ld, PAR_ERROR_PARSE, line_of_offset (data, end - data), NULL,
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
          fail_at (ld, PAR_ERROR_UNSAFE, line_of_offset (data, i), NULL,
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

/* --- text that shows differently from what it is -------------------------------------------- */

/* Whether the file may hold a character par_text refuses: a quick look at the bytes, so that
 * the common file is not walked twice. Printable ASCII and the letters up to U+05FF (Latin,
 * Vietnamese, Greek, Cyrillic… two-byte sequences led by C3–D7) are skipped; every other
 * character is decoded and classified by par_text; a character reference (&#…;) could be
 * anything. */
static gboolean
may_hold_unsafe_text (const char *data,
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
static gboolean
check_text_safe (Loader  *ld,
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
        fail_at (ld, PAR_ERROR_UNSAFE, attribute_line (ld, el, (const char *) a->name),
                 nearest_code (el), _("the attribute “%s” of <%s> is refused: %s"),
                 (const char *) a->name, (const char *) el->name, local->message);
        return FALSE;
      }
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      if (c->type == XML_ELEMENT_NODE)
        {
          if (!check_text_safe (ld, c))
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
          fail_at (ld, PAR_ERROR_UNSAFE, line, nearest_code (el),
                   _("the text of <%s> is refused: %s"), (const char *) el->name, local->message);
          return FALSE;
        }
    }
  return TRUE;
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

/* --- numbers the schema refuses ----------------------------------------------------------- */

typedef enum { NUMBER_POINTS, NUMBER_PERCENT, NUMBER_COUNT } NumberKind;

/* Which kind of number an attribute holds, or -1: the schema's points, percent and
 * count-threshold types. */
static int
number_kind (xmlNode    *el,
             const char *attribute)
{
  static const char *const points[] = {
    "max", "step", "yes", "no", "on-time", "late", "not-done", "otherwise", "points",
  };

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    if (g_str_equal (attribute, points[i]))
      return NUMBER_POINTS;
  if (g_str_equal (attribute, "floor-from") || g_str_equal (attribute, "floor-above"))
    return NUMBER_PERCENT;
  if (g_str_equal (attribute, "from") || g_str_equal (attribute, "above"))
    {
      if (is_el (el, "band"))
        return NUMBER_PERCENT;
      if (is_el (el, "tier") && el->parent != NULL)
        {
          xmlChar *type = xmlGetProp (el->parent, (const xmlChar *) "type");
          int kind = -1;
          if (type != NULL && xmlStrEqual (type, (const xmlChar *) "count-tiers"))
            kind = NUMBER_COUNT;
          else if (type != NULL)
            kind = NUMBER_PERCENT;
          xmlFree (type);
          return kind;
        }
    }
  return -1;
}

/* Reads an xsd:decimal: sign, digits, an optional dot and digits. */
static gboolean
read_decimal (const char *value,
              gboolean   *negative,
              gsize      *whole_digits,
              gsize      *frac_digits,
              gboolean   *dot,
              double     *number)
{
  const char *p = value;
  gboolean any = FALSE;

  *negative = FALSE;
  *whole_digits = *frac_digits = 0;
  *dot = FALSE;
  if (*p == '+' || *p == '-')
    *negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, any = TRUE)
    (*whole_digits)++;
  if (*p == '.')
    {
      *dot = TRUE;
      for (p++; g_ascii_isdigit (*p); p++, any = TRUE)
        (*frac_digits)++;
    }
  if (!any || *p != '\0')
    return FALSE;
  *number = g_ascii_strtod (value, NULL);
  return TRUE;
}

/* What is wrong with a number as the schema reads it, said for a coordinator; NULL if it is
 * fine. A decimal comma, as Vietnamese writes it, gets the value to write instead. */
static char *
number_problem (const char *attribute,
                const char *raw,
                NumberKind  kind)
{
  g_autofree char *value = g_strstrip (g_strdup (raw));
  gboolean negative, dot;
  gsize whole, frac;
  double number;

  if (!read_decimal (value, &negative, &whole, &frac, &dot, &number))
    {
      g_autofree char *dotted = g_strdup (value);
      char *comma = strchr (dotted, ',');

      if (comma != NULL && kind != NUMBER_COUNT && strchr (comma + 1, ',') == NULL)
        {
          *comma = '.';
          if (read_decimal (dotted, &negative, &whole, &frac, &dot, &number) && whole > 0)
            /* TRANSLATORS: max="1,5": write 1.5 … */
            return g_strdup_printf (_("%s=\"%s\" is not a number here: write %s, with a dot "
                                      "before the decimals, not a comma"),
                                    attribute, raw, dotted);
        }
      switch (kind)
        {
        case NUMBER_POINTS:
          return g_strdup_printf (_("%s=\"%s\" is not a number of points: write it like 2 "
                                    "or 1.5"), attribute, raw);
        case NUMBER_PERCENT:
          return g_strdup_printf (_("%s=\"%s\" is not a percentage: write it like 80 or 72.5, "
                                    "without %%"), attribute, raw);
        case NUMBER_COUNT:
        default:
          return g_strdup_printf (_("%s=\"%s\" is not a whole number: write it like 3"),
                                  attribute, raw);
        }
    }
  if (negative && number != 0)
    return g_strdup_printf (_("%s=\"%s\" is below 0"), attribute, raw);
  if (kind == NUMBER_COUNT && dot)
    return g_strdup_printf (_("%s=\"%s\" is not a whole number: write it like 3"),
                            attribute, raw);
  if (frac > 2)
    return g_strdup_printf (_("%s=\"%s\" has more than two decimals: points and percentages "
                              "are counted in hundredths, like 1.25"), attribute, raw);
  if (kind == NUMBER_PERCENT && number > 100)
    return g_strdup_printf (_("%s=\"%s\" is above 100 %%"), attribute, raw);
  if (kind == NUMBER_POINTS && number > 999999.99)
    return g_strdup_printf (_("%s=\"%s\" is above the largest number of points, 999999.99"),
                            attribute, raw);
  return NULL;
}

/* When the schema refuses a file, a number it cannot read is said first, on the attribute's
 * own line: libxml2 reports a refused value as a missing element somewhere further on. */
static gboolean
check_numbers (Loader  *ld,
               xmlNode *el)
{
  for (xmlAttr *a = el->properties; a != NULL; a = a->next)
    {
      int kind;
      g_autofree char *problem = NULL;

      if (a->ns != NULL || a->children == NULL || a->children->content == NULL)
        continue;
      kind = number_kind (el, (const char *) a->name);
      if (kind < 0)
        continue;
      problem = number_problem ((const char *) a->name, (const char *) a->children->content,
                                (NumberKind) kind);
      if (problem != NULL)
        {
          fail_at (ld, PAR_ERROR_FORMAT, attribute_line (ld, el, (const char *) a->name),
                   nearest_code (el), "%s", problem);
          return FALSE;
        }
    }
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !check_numbers (ld, c))
      return FALSE;
  return TRUE;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup ((const char *) content));

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

static gboolean
points_prop (Loader     *ld,
             xmlNode    *node,
             const char *name,
             ParPoints   fallback,
             ParPoints  *out)
{
  g_autofree char *value = prop (node, name);
  g_autoptr(GError) local = NULL;

  if (value == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!par_points_parse (value, out, &local))
    {
      fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (node), nearest_code (node), "%s",
               local->message);
      return FALSE;
    }
  return TRUE;
}

/* A percent or count threshold: `from` (≥) or `above` (>). Percent bounds are in hundredths. */
static gboolean
threshold_props (Loader     *ld,
                 xmlNode    *node,
                 const char *from_name,
                 const char *above_name,
                 gboolean    percent,
                 ParTier    *out)
{
  g_autofree char *from = prop (node, from_name);
  g_autofree char *above = prop (node, above_name);
  const char *value = from != NULL ? from : above;
  ParPoints parsed;

  if (value == NULL)
    return FALSE;
  out->inclusive = from != NULL;
  if (!par_points_parse (value, &parsed, NULL))
    {
      fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (node), nearest_code (node),
               _("“%s” is not a threshold"), value);
      return FALSE;
    }
  out->bound = percent ? parsed : parsed / 100;
  return TRUE;
}

static void
read_titles (xmlNode  *node,
             char    **title,
             char    **title_en)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      g_autofree char *lang = NULL;

      if (!is_el (c, "title"))
        continue;
      lang = lang_of (c);
      if (lang != NULL && g_str_has_prefix (lang, "en"))
        {
          if (*title_en == NULL)
            *title_en = text_of (c);
        }
      else if (*title == NULL)
        *title = text_of (c);
    }
}

/* --- walking the tree ------------------------------------------------------------------------ */

static const struct { const char *name; ParInputType type; } input_types[] = {
  { "integer", PAR_INPUT_INTEGER }, { "decimal", PAR_INPUT_DECIMAL },
  { "percent", PAR_INPUT_PERCENT }, { "date", PAR_INPUT_DATE },
  { "choice", PAR_INPUT_CHOICE }, { "boolean", PAR_INPUT_BOOLEAN },
};

static const struct { const char *name; ParRuleType type; } rule_types[] = {
  { "manual", PAR_RULE_MANUAL }, { "yes-no", PAR_RULE_YES_NO },
  { "timeliness", PAR_RULE_TIMELINESS }, { "ratio-tiers", PAR_RULE_RATIO_TIERS },
  { "proportional", PAR_RULE_PROPORTIONAL }, { "count-tiers", PAR_RULE_COUNT_TIERS },
  { "choice", PAR_RULE_CHOICE }, { "per-count", PAR_RULE_PER_COUNT }, { "survey", PAR_RULE_SURVEY },
  { "conditional", PAR_RULE_CONDITIONAL },
};

static ParInput *
read_input (xmlNode *node)
{
  ParInput *input = par_input_new ();
  g_autofree char *type = prop (node, "type");

  input->id = prop (node, "id");
  input->label = prop (node, "label");
  input->label_en = prop (node, "label-en");
  input->unit = prop (node, "unit");
  for (guint i = 0; i < G_N_ELEMENTS (input_types); i++)
    if (g_strcmp0 (type, input_types[i].name) == 0)
      input->type = input_types[i].type;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_el (c, "option"))
      {
        ParOption *option = g_new0 (ParOption, 1);
        option->value = prop (c, "value");
        option->label = prop (c, "label");
        option->label_en = prop (c, "label-en");
        g_ptr_array_add (input->options, option);
      }
  return input;
}

static ParRule *
read_rule (Loader  *ld,
           xmlNode *node,
           ParNode *leaf)
{
  g_autofree char *type = prop (node, "type");
  g_autofree char *zero = NULL;
  ParRule *rule = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rule_types); i++)
    if (g_strcmp0 (type, rule_types[i].name) == 0)
      rule = par_rule_new (rule_types[i].type);
  g_assert (rule != NULL);  /* the schema admits no other type */

  rule->input = prop (node, "input");
  rule->status = prop (node, "status");
  rule->date = prop (node, "date");
  rule->deadline = prop (node, "deadline");
  rule->numerator = prop (node, "numerator");
  rule->denominator = prop (node, "denominator");
  rule->percent = prop (node, "percent");

  if (!points_prop (ld, node, "step", 25, &rule->step) ||
      !points_prop (ld, node, "yes", leaf->max, &rule->yes) ||
      !points_prop (ld, node, "no", 0, &rule->no) ||
      !points_prop (ld, node, "on-time", leaf->max, &rule->on_time) ||
      !points_prop (ld, node, "late", 0, &rule->late) ||
      !points_prop (ld, node, "not-done", 0, &rule->not_done) ||
      !points_prop (ld, node, "otherwise", 0, &rule->otherwise) ||
      !points_prop (ld, node, "points", 0, &rule->per_count))
    return rule;

  zero = prop (node, "zero-denominator");
  if (g_strcmp0 (zero, "max") == 0)
    rule->zero_denominator = PAR_ZERO_DEN_MAX;
  else if (g_strcmp0 (zero, "not-applicable") == 0)
    rule->zero_denominator = PAR_ZERO_DEN_NOT_APPLICABLE;
  else
    rule->zero_denominator = PAR_ZERO_DEN_ZERO;

  if (rule->type == PAR_RULE_PROPORTIONAL)
    rule->has_floor = threshold_props (ld, node, "floor-from", "floor-above", TRUE, &rule->floor);

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_el (c, "tier"))
        {
          ParTier tier = { 0, };
          threshold_props (ld, c, "from", "above", rule->type == PAR_RULE_RATIO_TIERS, &tier);
          points_prop (ld, c, "points", 0, &tier.points);
          if (ld->version >= 2 && !par_loader_v2_years (ld, c, &tier.year_from, &tier.year_to))
            return rule;
          rule->has_year_tiers |= tier.year_from != 0;
          g_array_append_val (rule->tiers, tier);
        }
      else if (is_el (c, "grade"))
        {
          ParGrade *grade = g_new0 (ParGrade, 1);
          grade->value = prop (c, "value");
          points_prop (ld, c, "points", 0, &grade->points);
          g_ptr_array_add (rule->grades, grade);
        }
      else if (is_el (c, "when"))
        {
          ParCondition *condition = g_new0 (ParCondition, 1);
          condition->test_text = prop (c, "test");
          condition->line = attribute_line (ld, c, "test");
          g_ptr_array_add (rule->conditions, condition);
          if (!points_prop (ld, c, "points", 0, &condition->points) ||
              !par_loader_v2_years (ld, c, &condition->year_from, &condition->year_to))
            return rule;
          rule->has_year_tiers |= condition->year_from != 0;
        }
    }
  return rule;
}

static ParNode *
read_node (Loader      *ld,
           xmlNode     *el,
           ParNodeKind  kind,
           ParNode     *parent)
{
  ParNode *node = par_node_new (kind);
  g_autofree char *aggregate = prop (el, "aggregate");
  g_autofree char *na = prop (el, "not-applicable");

  node->parent = parent;
  node->line = xmlGetLineNo (el);
  node->code = prop (el, "code");
  points_prop (ld, el, "max", 0, &node->max);
  node->aggregate = g_strcmp0 (aggregate, "capped") == 0 ? PAR_AGGREGATE_CAPPED : PAR_AGGREGATE_SUM;
  node->na_allowed = g_strcmp0 (na, "allowed") == 0;
  {
    g_autofree char *evidence = prop (el, "evidence");
    node->evidence_required = g_strcmp0 (evidence, "required") == 0;
  }
  read_titles (el, &node->title, &node->title_en);

  for (xmlNode *c = el->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_el (c, "criterion"))
        g_ptr_array_add (node->children, read_node (ld, c, PAR_NODE_CRITERION, node));
      else if (is_el (c, "sub"))
        g_ptr_array_add (node->children, read_node (ld, c, PAR_NODE_SUB, node));
      else if (is_el (c, "description"))
        node->description = text_of (c);
      else if (is_el (c, "evidence"))
        {
          for (xmlNode *h = c->children; h != NULL; h = h->next)
            if (is_el (h, "hint"))
              g_ptr_array_add (node->evidence_hints, text_of (h));
        }
      else if (is_el (c, "inputs"))
        {
          for (xmlNode *i = c->children; i != NULL; i = i->next)
            if (is_el (i, "input"))
              g_ptr_array_add (node->inputs, read_input (i));
        }
      else if (is_el (c, "rule"))
        node->rule = read_rule (ld, c, node);
    }
  return node;
}

static void
read_metadata (Loader       *ld,
               ParFramework *fw,
               xmlNode      *root)
{
  g_autofree char *max = NULL;
  g_autofree char *sample = prop (root, "sample");

  fw->id = prop (root, "id");
  fw->sample = g_strcmp0 (sample, "true") == 0 || g_strcmp0 (sample, "1") == 0;
  fw->language = lang_of (root);
  if (fw->language == NULL)
    fw->language = g_strdup ("vi");
  points_prop (ld, root, "max", 0, &fw->max);
  fw->root->max = fw->max;
  fw->root->line = xmlGetLineNo (root);
  read_titles (root, &fw->title, &fw->title_en);
  fw->root->title = g_strdup (fw->title);
  fw->root->title_en = g_strdup (fw->title_en);

  for (xmlNode *c = root->children; c != NULL; c = c->next)
    {
      if (is_el (c, "decision"))
        {
          fw->decision_number = prop (c, "number");
          fw->decision_date = prop (c, "date");
          fw->decision_issuer = prop (c, "issuer");
          fw->decision_summary = text_of (c);
        }
      else if (is_el (c, "years"))
        {
          g_autofree char *from = prop (c, "from");
          g_autofree char *to = prop (c, "to");
          fw->year_from = atoi (from);
          fw->year_to = atoi (to);
          if (fw->year_to < fw->year_from)
            fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (c), NULL,
                     _("the years run backwards (from %d to %d)"), fw->year_from, fw->year_to);
        }
      else if (is_el (c, "level"))
        {
          g_autofree char *level = text_of (c);
          if (g_str_equal (level, "department"))
            fw->levels |= PAR_LEVEL_DEPARTMENT;
          else if (g_str_equal (level, "district"))
            fw->levels |= PAR_LEVEL_DISTRICT;
          else if (g_str_equal (level, "commune"))
            fw->levels |= PAR_LEVEL_COMMUNE;
        }
      else if (is_el (c, "bands"))
        {
          for (xmlNode *b = c->children; b != NULL; b = b->next)
            {
              ParBand *band;
              ParTier t = { 0, };

              if (!is_el (b, "band"))
                continue;
              band = g_new0 (ParBand, 1);
              band->name = prop (b, "name");
              band->name_en = prop (b, "name-en");
              threshold_props (ld, b, "from", "above", TRUE, &t);
              band->bound = t.bound;
              band->inclusive = t.inclusive;
              g_ptr_array_add (fw->bands, band);
              if (band->bound > 10000)
                fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (b), NULL,
                         _("band “%s” starts above 100 %%"), band->name);
              else if (fw->bands->len > 1)
                {
                  ParBand *prev = g_ptr_array_index (fw->bands, fw->bands->len - 2);
                  if (band->bound > prev->bound ||
                      (band->bound == prev->bound && !(band->inclusive && !prev->inclusive)))
                    fail_at (ld, PAR_ERROR_INVALID, xmlGetLineNo (b), NULL,
                             _("bands must be listed from the highest down: “%s” does not start "
                               "below “%s”"), band->name, prev->name);
                }
            }
        }
      else if (is_el (c, "field"))
        g_ptr_array_add (fw->root->children, read_node (ld, c, PAR_NODE_FIELD, fw->root));
      else if (is_el (c, "adjustments"))
        {
          for (xmlNode *a = c->children; a != NULL; a = a->next)
            {
              if (is_el (a, "deduction"))
                g_ptr_array_add (fw->adjustments, read_node (ld, a, PAR_NODE_DEDUCTION, fw->root));
              else if (is_el (a, "bonus"))
                g_ptr_array_add (fw->adjustments, read_node (ld, a, PAR_NODE_BONUS, fw->root));
            }
        }
    }
}

/* --- semantic checks ------------------------------------------------------------------------- */

static char *
points_str (ParPoints p)
{
  char buf[PAR_POINTS_FORMAT_SIZE];
  return g_strdup (par_points_format (p, buf));
}

static gboolean
check_input_ref (Loader        *ld,
                 const ParNode *leaf,
                 const char    *attribute,
                 const char    *id,
                 const ParInputType *allowed,
                 guint          n_allowed)
{
  const ParInput *input;
  int line = leaf->line;

  if (id == NULL)
    return TRUE;
  input = par_node_find_input (leaf, id);
  if (input == NULL)
    {
      fail_at (ld, PAR_ERROR_INVALID, line, leaf->code,
               _("the rule’s %s refers to an input “%s” that is not declared in <inputs>"),
               attribute, id);
      return FALSE;
    }
  for (guint i = 0; i < n_allowed; i++)
    if (input->type == allowed[i])
      return TRUE;
  fail_at (ld, PAR_ERROR_INVALID, line, leaf->code,
           _("input “%s” is of type %s, which the rule’s %s cannot use"), id,
           par_input_type_to_string (input->type), attribute);
  return FALSE;
}

static gboolean
check_points_in_range (Loader        *ld,
                       const ParNode *leaf,
                       ParPoints      points,
                       const char    *what)
{
  g_autofree char *p = NULL;
  g_autofree char *m = NULL;

  if (points >= 0 && points <= leaf->max)
    return TRUE;
  p = points_str (points);
  m = points_str (leaf->max);
  /* @what is marked N_() by the callers and translated only here, on failure: a lookup for
   * every tier of a large file would cost more than the checks themselves. */
  fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
           _("%s gives %s points, more than the maximum of %s"), _(what), p, m);
  return FALSE;
}

static gboolean
check_tiers (Loader        *ld,
             const ParNode *leaf)
{
  const GArray *tiers = leaf->rule->tiers;

  for (guint i = 0; i < tiers->len; i++)
    {
      const ParTier *t = &g_array_index (tiers, ParTier, i);
      if (!check_points_in_range (ld, leaf, t->points, N_("a tier")))
        return FALSE;
      if (i > 0)
        {
          const ParTier *prev = &g_array_index (tiers, ParTier, i - 1);
          /* Format 2: tiers of other years are another list; compare with the last tier that
           * holds in a year this one holds in. */
          if (leaf->rule->has_year_tiers)
            {
              prev = NULL;
              for (guint j = i; j-- > 0 && prev == NULL;)
                if (par_loader_v2_years_overlap (&g_array_index (tiers, ParTier, j), t))
                  prev = &g_array_index (tiers, ParTier, j);
              if (prev == NULL)
                continue;
            }
          /* Strictly descending; an equal bound is fine only as "> x" followed by "≥ x". */
          if (t->bound > prev->bound ||
              (t->bound == prev->bound && !(!prev->inclusive && t->inclusive)))
            {
              fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                       _("tiers must be listed from the highest threshold down (tier %u is not "
                         "below tier %u)"), i + 1, i);
              return FALSE;
            }
        }
    }
  return check_points_in_range (ld, leaf, leaf->rule->otherwise, N_("“otherwise”"));
}

static gboolean
check_leaf (Loader        *ld,
            const ParNode *leaf)
{
  static const ParInputType numeric[] = { PAR_INPUT_INTEGER, PAR_INPUT_DECIMAL };
  static const ParInputType percent[] = { PAR_INPUT_PERCENT };
  static const ParInputType integer[] = { PAR_INPUT_INTEGER };
  static const ParInputType boolean[] = { PAR_INPUT_BOOLEAN };
  static const ParInputType choice[] = { PAR_INPUT_CHOICE };
  static const ParInputType date[] = { PAR_INPUT_DATE };
  const ParRule *rule = leaf->rule;

  if (leaf->max <= 0 && rule->type != PAR_RULE_SURVEY)
    {
      fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code, _("the maximum must be above 0"));
      return FALSE;
    }
  for (guint i = 0; i < leaf->inputs->len; i++)
    {
      const ParInput *input = g_ptr_array_index (leaf->inputs, i);
      if (par_node_find_input (leaf, input->id) != input)
        {
          fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                   _("input “%s” is declared twice"), input->id);
          return FALSE;
        }
    }

  switch (rule->type)
    {
    case PAR_RULE_MANUAL:
      if (rule->step <= 0 || rule->step > leaf->max)
        {
          fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                   _("the manual step must be above 0 and at most the maximum"));
          return FALSE;
        }
      return TRUE;
    case PAR_RULE_YES_NO:
      return check_input_ref (ld, leaf, "input", rule->input, boolean, 1) &&
             check_points_in_range (ld, leaf, rule->yes, N_("“yes”")) &&
             check_points_in_range (ld, leaf, rule->no, N_("“no”"));
    case PAR_RULE_TIMELINESS:
      if (rule->status != NULL)
        {
          static const char *required[] = { "on-time", "late", "not-done" };
          const ParInput *input;

          if (!check_input_ref (ld, leaf, "status", rule->status, choice, 1))
            return FALSE;
          input = par_node_find_input (leaf, rule->status);
          for (guint i = 0; i < G_N_ELEMENTS (required); i++)
            {
              gboolean found = FALSE;
              for (guint j = 0; j < input->options->len; j++)
                found |= g_str_equal (((ParOption *) g_ptr_array_index (input->options, j))->value,
                                      required[i]);
              if (!found)
                {
                  fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                           _("the status input “%s” needs an option with value “%s”"),
                           rule->status, required[i]);
                  return FALSE;
                }
            }
        }
      else if (!check_input_ref (ld, leaf, "date", rule->date, date, 1) ||
               !check_input_ref (ld, leaf, "deadline", rule->deadline, date, 1))
        return FALSE;
      return check_points_in_range (ld, leaf, rule->on_time, N_("“on time”")) &&
             check_points_in_range (ld, leaf, rule->late, N_("“late”")) &&
             check_points_in_range (ld, leaf, rule->not_done, N_("“not done”"));
    case PAR_RULE_RATIO_TIERS:
    case PAR_RULE_PROPORTIONAL:
      if (!check_input_ref (ld, leaf, "numerator", rule->numerator, numeric, 2) ||
          !check_input_ref (ld, leaf, "denominator", rule->denominator, numeric, 2) ||
          !check_input_ref (ld, leaf, "percent", rule->percent, percent, 1))
        return FALSE;
      if (rule->zero_denominator == PAR_ZERO_DEN_NOT_APPLICABLE && !leaf->na_allowed)
        {
          fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                   _("zero-denominator=\"not-applicable\" needs not-applicable=\"allowed\""));
          return FALSE;
        }
      return rule->type == PAR_RULE_PROPORTIONAL || check_tiers (ld, leaf);
    case PAR_RULE_COUNT_TIERS:
      return check_input_ref (ld, leaf, "input", rule->input, integer, 1) &&
             check_tiers (ld, leaf);
    case PAR_RULE_CHOICE:
      {
        const ParInput *input;

        if (!check_input_ref (ld, leaf, "input", rule->input, choice, 1))
          return FALSE;
        input = par_node_find_input (leaf, rule->input);
        for (guint i = 0; i < input->options->len; i++)
          {
            const ParOption *option = g_ptr_array_index (input->options, i);
            gboolean graded = FALSE;
            for (guint j = 0; j < rule->grades->len; j++)
              graded |= g_str_equal (((ParGrade *) g_ptr_array_index (rule->grades, j))->value,
                                     option->value);
            if (!graded)
              {
                fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                         _("option “%s” of input “%s” has no grade in the rule"), option->value,
                         input->id);
                return FALSE;
              }
          }
        for (guint j = 0; j < rule->grades->len; j++)
          {
            const ParGrade *grade = g_ptr_array_index (rule->grades, j);
            gboolean known = FALSE;
            for (guint i = 0; i < input->options->len; i++)
              known |= g_str_equal (((ParOption *) g_ptr_array_index (input->options, i))->value,
                                    grade->value);
            if (!known)
              {
                fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                         _("the rule grades “%s”, which is not an option of input “%s”"),
                         grade->value, input->id);
                return FALSE;
              }
            if (!check_points_in_range (ld, leaf, grade->points, N_("a grade")))
              return FALSE;
          }
        return TRUE;
      }
    case PAR_RULE_PER_COUNT:
      if (rule->per_count <= 0)
        {
          fail_at (ld, PAR_ERROR_INVALID, leaf->line, leaf->code,
                   _("points per count must be above 0"));
          return FALSE;
        }
      return check_input_ref (ld, leaf, "input", rule->input, integer, 1) &&
             check_points_in_range (ld, leaf, rule->per_count, N_("one count"));
    case PAR_RULE_SURVEY:
      return TRUE;
    case PAR_RULE_CONDITIONAL:
      /* The conditions were parsed and checked with the set's figures (loader-v2). */
      for (guint i = 0; i < rule->conditions->len; i++)
        if (!check_points_in_range (ld, leaf, ((ParCondition *) g_ptr_array_index (rule->conditions, i))->points,
                                    N_("a condition")))
          return FALSE;
      return check_points_in_range (ld, leaf, rule->otherwise, N_("“otherwise”"));
    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_node (Loader        *ld,
            const ParNode *node,
            GHashTable    *codes)
{
  ParPoints sum = 0;

  if (node->kind != PAR_NODE_ROOT)
    {
      if (!g_hash_table_add (codes, node->code))
        {
          fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                   _("the code %s is used twice"), node->code);
          return FALSE;
        }
      if (node->title == NULL)
        {
          fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                   _("a Vietnamese title is missing (only an English one is given)"));
          return FALSE;
        }
    }
  if (node->kind == PAR_NODE_CRITERION || node->kind == PAR_NODE_SUB)
    {
      const char *parent_code = node->parent->code;
      if (!g_str_has_prefix (node->code, parent_code) ||
          node->code[strlen (parent_code)] != '.' ||
          node->code[strlen (parent_code) + 1] == '\0' ||
          strchr (node->code + strlen (parent_code) + 1, '.') != NULL)
        {
          fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                   _("the code must be its parent’s code %s followed by one more part, like %s.1"),
                   parent_code, parent_code);
          return FALSE;
        }
    }
  else if (node->kind == PAR_NODE_FIELD && strchr (node->code, '.') != NULL)
    {
      fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
               _("a field’s code has a single part, like 1 or 2"));
      return FALSE;
    }

  if (node->rule != NULL)
    return check_leaf (ld, node);

  for (guint i = 0; i < node->children->len; i++)
    {
      const ParNode *child = g_ptr_array_index (node->children, i);
      if (!check_node (ld, child, codes))
        return FALSE;
      sum += child->max;
    }

  if ((node->aggregate == PAR_AGGREGATE_SUM && sum != node->max) ||
      (node->aggregate == PAR_AGGREGATE_CAPPED && sum < node->max))
    {
      g_autofree char *s = points_str (sum);
      g_autofree char *m = points_str (node->max);
      if (node->kind == PAR_NODE_ROOT)
        fail_at (ld, PAR_ERROR_INVALID, node->line, NULL,
                 _("the fields’ maxima add up to %s, but the set’s maximum is %s"), s, m);
      else if (node->aggregate == PAR_AGGREGATE_SUM)
        fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                 _("the maxima below it add up to %s, but its maximum is %s (write "
                   "aggregate=\"capped\" if that is intended)"), s, m);
      else
        fail_at (ld, PAR_ERROR_INVALID, node->line, node->code,
                 _("the maxima below it add up to %s, less than its capped maximum %s"), s, m);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_semantics (Loader       *ld,
                 ParFramework *fw)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

  /* check_node skips the root; the set's own title is shown everywhere and may not be NULL. */
  if (fw->title == NULL)
    {
      fail_at (ld, PAR_ERROR_INVALID, fw->root->line, NULL,
               _("a Vietnamese title is missing (only an English one is given)"));
      return FALSE;
    }
  if (!check_node (ld, fw->root, codes))
    return FALSE;
  for (guint i = 0; i < fw->adjustments->len; i++)
    if (!check_node (ld, g_ptr_array_index (fw->adjustments, i), codes))
      return FALSE;
  if (fw->bands->len == 0)
    {
      fail_at (ld, PAR_ERROR_INVALID, fw->root->line, NULL, _("no classification bands are given"));
      return FALSE;
    }
  return TRUE;
}

/* --- schema ---------------------------------------------------------------------------------- */

static xmlRelaxNGPtr
compile_schema (const char *text,
                gsize       len)
{
  xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt (text, (int) len);
  xmlRelaxNGPtr schema = xmlRelaxNGParse (pctxt);

  xmlRelaxNGFreeParserCtxt (pctxt);
  g_assert (schema != NULL);  /* the schema is ours and compiled in */
  return schema;
}

static const char *
schema_text (guint version)
{
  return version >= 2 ? (const char *) par_criteria_schema2_rng : (const char *) par_criteria_schema_rng;
}

static xmlRelaxNGPtr
get_schema (guint version)
{
  static gsize once[2] = { 0, 0 };
  static xmlRelaxNGPtr schema[2] = { NULL, NULL };
  guint v = version >= 2 ? 1 : 0;

  if (g_once_init_enter (&once[v]))
    {
      schema[v] = compile_schema (schema_text (version),
                                  v ? par_criteria_schema2_rng_len : par_criteria_schema_rng_len);
      g_once_init_leave (&once[v], 1);
    }
  return schema[v];
}

/* The same grammar started at one <sub>. libxml2 reports a broken sub-criterion as "Element
 * criterion has extra content: sub" at the first sub of its criterion, because a criterion may
 * hold sub-criteria or be a leaf itself; validating each sub alone finds the real fault. */
static xmlRelaxNGPtr
get_sub_schema (guint version)
{
  static gsize once[2] = { 0, 0 };
  static xmlRelaxNGPtr schemas[2] = { NULL, NULL };
  guint v = version >= 2 ? 1 : 0;

  if (g_once_init_enter (&once[v]))
    {
      const char *text = schema_text (version);
      xmlRelaxNGPtr schema;
      const char *a = strstr (text, "<start>");
      const char *b = strstr (text, "</start>");
      g_autoptr(GString) s = g_string_new_len (text, a - text);

      g_assert (a != NULL && b != NULL);
      g_string_append (s, "<start><ref name=\"sub\"/></start>");
      g_string_append (s, b + strlen ("</start>"));
      schema = compile_schema (s->str, s->len);
      schemas[v] = schema;
      g_once_init_leave (&once[v], 1);
    }
  return schemas[v];
}

typedef struct {
  int       rank;      /* how specific the best message is */
  xmlNode  *node;      /* valid only while its document lives */
  int       line;
  char     *code;
  char     *detail;
} SchemaErrors;

static void
schema_errors_clear (SchemaErrors *se)
{
  g_clear_pointer (&se->code, g_free);
  g_clear_pointer (&se->detail, g_free);
  se->rank = 0;
}

/* libxml2's messages name the problem precisely but in its own terms; these say it for a
 * coordinator. Anything not recognised is kept as it is. */
static char *
humanize (const char *detail,
          int        *rank)
{
  char a[128] = "", b[128] = "";

  *rank = 3;
  if (sscanf (detail, "Invalid attribute %127s for element %127s", a, b) == 2)
    return g_strdup_printf (_("the attribute “%s” is not allowed on <%s>, or its value is wrong"), a, b);
  if (sscanf (detail, "Type %127s doesn't allow value '%127[^']'", a, b) == 2)
    return g_strdup_printf (_("“%s” is not an allowed value here (points and percentages take "
                              "at most two decimals, codes only letters, digits and dots)"), b);
  /* What was expected says more than what was found. */
  *rank = 4;
  if (sscanf (detail, "Expecting element %127[^,], got %127s", a, b) == 2)
    return g_strdup_printf (_("<%s> was expected here, not <%s>"), a, b);
  if (sscanf (detail, "Expecting an element %127[^,], got nothing", a) == 1)
    return g_strdup_printf (_("<%s> is missing here"), a);
  *rank = 3;
  if (sscanf (detail, "Did not expect element %127s there", a) == 1)
    return g_strdup_printf (_("<%s> is not allowed here"), a);
  if (sscanf (detail, "Element %127s failed to validate attributes", a) == 1)
    {
      *rank = 2;
      return g_strdup_printf (_("an attribute of <%s> is missing, unknown or has a wrong value"), a);
    }
  if (sscanf (detail, "Element %127s has extra content: %127s", a, b) == 2)
    {
      *rank = 1;
      return g_strdup_printf (_("<%s> does not fit inside <%s> here"), b, a);
    }
  *rank = 1;
  return g_strdup (detail);
}

static void
on_schema_error (void           *user_data,
                 const xmlError *err)
{
  SchemaErrors *se = user_data;
  xmlNode *node = err->node;
  g_autofree char *raw = g_strstrip (g_strdup (err->message != NULL ? err->message : ""));
  int rank;
  g_autofree char *detail = humanize (raw, &rank);
  const char *code;

  /* Keep the first of the most specific messages. */
  if (rank <= se->rank)
    return;
  code = node != NULL ? nearest_code (node) : NULL;
  schema_errors_clear (se);
  se->rank = rank;
  se->node = node;
  se->line = node != NULL ? xmlGetLineNo (node) : err->line;
  se->code = g_strdup (code);
  se->detail = g_steal_pointer (&detail);
}

static gboolean
validate_with (xmlRelaxNGPtr  schema,
               xmlDoc        *doc,
               SchemaErrors  *se)
{
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (schema);
  int rc;

  xmlRelaxNGSetValidStructuredErrors (vctxt, (xmlStructuredErrorFunc) on_schema_error, se);
  rc = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  return rc == 0;
}

/* Validates each <sub> alone, stopping at the first that fails with a specific message. */
static gboolean
find_faulty_sub (guint         version,
                 xmlNode      *node,
                 SchemaErrors *se)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      if (is_el (c, "sub"))
        {
          xmlDoc *alone = xmlNewDoc ((const xmlChar *) "1.0");
          xmlNode *copy = xmlDocCopyNode (c, alone, 1);
          SchemaErrors local = { 0, };
          gboolean ok;

          xmlDocSetRootElement (alone, copy);
          ok = validate_with (get_sub_schema (version), alone, &local);
          if (!ok && local.rank >= 2)
            {
              /* Name the line and code in the real document: follow the same child positions
               * from the copy's root down to the faulty node. */
              xmlNode *original = c;
              if (local.node != NULL)
                {
                  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (int));
                  for (xmlNode *n = local.node; n != NULL && n != copy; n = n->parent)
                    {
                      int pos = 0;
                      for (xmlNode *p = n->prev; p != NULL; p = p->prev)
                        pos++;
                      g_array_prepend_val (path, pos);
                    }
                  for (guint i = 0; i < path->len && original != NULL; i++)
                    {
                      original = original->children;
                      for (int k = 0; k < g_array_index (path, int, i) && original != NULL; k++)
                        original = original->next;
                    }
                  if (original == NULL)
                    original = c;
                }
              local.line = xmlGetLineNo (original);
              g_free (local.code);
              local.code = g_strdup (nearest_code (original));
              local.node = NULL;
              xmlFreeDoc (alone);
              schema_errors_clear (se);
              *se = local;
              return TRUE;
            }
          xmlFreeDoc (alone);
          schema_errors_clear (&local);
        }
      else if (find_faulty_sub (version, c, se))
        return TRUE;
    }
  return FALSE;
}

static gboolean
validate (Loader *ld,
          xmlDoc *doc)
{
  SchemaErrors se = { 0, };

  if (validate_with (get_schema (ld->version), doc, &se))
    return TRUE;
  if (!check_numbers (ld, xmlDocGetRootElement (doc)))
    {
      schema_errors_clear (&se);
      return FALSE;
    }
  if (se.rank < 3 || se.line <= 0)
    find_faulty_sub (ld->version, xmlDocGetRootElement (doc), &se);
  if (se.detail != NULL)
    fail_at (ld, PAR_ERROR_FORMAT, se.line, se.code,
             _("this part does not follow the criteria-set format: %s"), se.detail);
  else
    fail_at (ld, PAR_ERROR_FORMAT, 0, NULL, _("the file does not follow the criteria-set format"));
  schema_errors_clear (&se);
  return FALSE;
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
      fail_at (&ld, PAR_ERROR_TOO_LARGE, 0, NULL,
               _("the file is %zu MB; criteria sets are limited to %d MB"),
               size_in_mb (len), PAR_FRAMEWORK_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (len == 0)
    {
      fail_at (&ld, PAR_ERROR_PARSE, 0, NULL, _("the file is empty"));
      return NULL;
    }
  if (len > G_MAXINT || !check_prolog (&ld, data, len))
    return NULL;

  pctxt = xmlNewParserCtxt ();
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  /* BIG_LINES: without it libxml2 stops counting element lines at 65 535, and messages
   * about a large file would all point there. */
  doc = xmlCtxtReadMemory (pctxt, data, (int) len, NULL, "UTF-8",
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_BIG_LINES);
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
      fail_at (&ld, PAR_ERROR_PARSE, err != NULL ? err->line : 0, NULL,
               _("the file is not well-formed XML (%s)"), detail);
      xmlFreeParserCtxt (pctxt);
      return NULL;
    }
  xmlFreeParserCtxt (pctxt);

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      fail_at (&ld, PAR_ERROR_UNSAFE, 1, NULL, _("the file declares a DOCTYPE, which criteria sets must not use"));
      goto out;
    }
  if (root == NULL || root->ns == NULL ||
      !xmlStrEqual (root->name, (const xmlChar *) "criteria-set") ||
      !g_str_has_prefix ((const char *) root->ns->href, NS_PREFIX))
    {
      fail_at (&ld, PAR_ERROR_FORMAT, root != NULL ? xmlGetLineNo (root) : 1, NULL,
               _("this is not a Parscore criteria set (the root element must be <criteria-set> "
                 "in the namespace %s)"), NS);
      goto out;
    }
  if (xmlStrEqual (root->ns->href, (const xmlChar *) PAR_FRAMEWORK_NAMESPACE_2))
    ld.version = 2;
  else if (!xmlStrEqual (root->ns->href, (const xmlChar *) NS))
    {
      fail_at (&ld, PAR_ERROR_FORMAT, xmlGetLineNo (root), NULL,
               _("the file is in format version “%s”, but this Parscore reads versions 1 and 2; "
                 "update Parscore"), (const char *) root->ns->href + strlen (NS_PREFIX));
      goto out;
    }
  if (may_hold_unsafe_text (data, len) && !check_text_safe (&ld, root))
    goto out;
  if (!validate (&ld, doc))
    goto out;

  fw = par_framework_new_empty ();
  fw->format_version = ld.version;
  read_metadata (&ld, fw, root);
  if (*error != NULL)
    goto out;
  /* Format 2: figures, their expressions, checks and conditions, before the checks of the
   * rules (which may name figures). */
  if (ld.version >= 2 && !par_loader_v2_read (&ld, fw, root))
    goto out;
  if (!check_semantics (&ld, fw))
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
  fail_at (ld, code, line, criterion, "%s", message);
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
