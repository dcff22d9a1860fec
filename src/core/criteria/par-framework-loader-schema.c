/* par-framework-loader-schema.c — the RelaxNG schema of each format version and what its
 * refusals are said as: the most specific message, on the line and criterion where it is.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "par-error.h"
#include "par-framework-loader-private.h"
#include "par-framework-private.h"

/* The loader's state (par-framework-loader-private.h). */
typedef ParLoader Loader;

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
      if (par_loader_is_el (el, "band"))
        return NUMBER_PERCENT;
      if (par_loader_is_el (el, "tier") && el->parent != NULL)
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
          par_loader_fail_at (ld, PAR_ERROR_FORMAT, par_loader_attribute_line (ld, el, (const char *) a->name),
                              par_loader_nearest_code (el), "%s", problem);
          return FALSE;
        }
    }
  for (xmlNode *c = el->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !check_numbers (ld, c))
      return FALSE;
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
  code = node != NULL ? par_loader_nearest_code (node) : NULL;
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
      if (par_loader_is_el (c, "sub"))
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
              local.code = g_strdup (par_loader_nearest_code (original));
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

gboolean
par_loader_validate (Loader *ld,
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
    par_loader_fail_at (ld, PAR_ERROR_FORMAT, se.line, se.code,
                        _("this part does not follow the criteria-set format: %s"), se.detail);
  else
    par_loader_fail_at (ld, PAR_ERROR_FORMAT, 0, NULL, _("the file does not follow the criteria-set format"));
  schema_errors_clear (&se);
  return FALSE;
}
