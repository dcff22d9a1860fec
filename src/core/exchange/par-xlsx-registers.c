/* par-xlsx-registers.c — a register's rows as XLSX: written with libxlsxwriter, read with
 * libzip and libxml2.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why libzip for the container: it is a small C library kept in Debian (libzip-dev), made for
 * exactly this — open an archive, look an entry up by name, know its sizes before reading,
 * read it in pieces — so the zip-bomb limits are enforced while reading, and it brings no
 * object system with it (libgsf would bring GObject-based I/O classes for a job of three calls).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "par-csv-registers.h"
#include "par-error.h"
#include "par-register-import-private.h"
#include "par-xlsx-file.h"
#include "par-xlsx-registers.h"

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                    */

static const char *
option_label (const ParRegisterColumn *column,
              const char              *value)
{
  for (guint i = 0; i < column->as_input->options->len; i++)
    {
      const ParOption *o = column->as_input->options->pdata[i];
      if (g_str_equal (o->value, value))
        return o->label;
    }
  return value;
}

/* A canonical number ("4891", "99.50") as a double for the sheet: exact for every value a
 * register holds (at most 12 digits and 2 decimals). */
static double
number_of (const char *canonical)
{
  return g_ascii_strtod (canonical, NULL);
}

gboolean
par_xlsx_register_write (const ParRegister     *reg,
                         const ParRegisterRows *rows,
                         const char            *path,
                         GError               **error)
{
  return par_xlsx_register_write_linked (reg, rows, NULL, path, error);
}

gboolean
par_xlsx_register_write_linked (const ParRegister     *reg,
                                const ParRegisterRows *rows,
                                GPtrArray             *numbers,
                                const char            *path,
                                GError               **error)
{
  gboolean linked = par_register_document_numbers_any (numbers);

  g_autofree char *tmp = NULL;
  g_autofree char *sheet_name = NULL;
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold, *date, *decimal;

  g_return_val_if_fail (reg != NULL && rows != NULL && path != NULL, FALSE);

  if (!par_xlsxwriter_load (error))
    return FALSE;
  if ((workbook = par_xlsx_file_begin (path, &tmp, error)) == NULL)
    return FALSE;
  /* A sheet name: at most 31 characters, none of []:*?/\ — the id is letters, digits and _. */
  sheet_name = g_strndup (reg->id, 31);
  sheet = workbook_add_worksheet (workbook, sheet_name);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  date = workbook_add_format (workbook);
  format_set_num_format (date, "dd/mm/yyyy");
  decimal = workbook_add_format (workbook);
  format_set_num_format (decimal, "#,##0.00");

  for (guint c = 0; c < reg->columns->len; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c,
                            ((ParRegisterColumn *) reg->columns->pdata[c])->label, bold);
  if (linked)
    {
      worksheet_write_string (sheet, 0, (lxw_col_t) reg->columns->len, PAR_REGISTER_DOCUMENT_LABEL, bold);
      for (guint r = 0; r < par_register_rows_count (rows) && r < numbers->len; r++)
        if (numbers->pdata[r] != NULL)
          worksheet_write_string (sheet, (lxw_row_t) r + 1, (lxw_col_t) reg->columns->len,
                                  numbers->pdata[r], NULL);
    }
  for (guint r = 0; r < par_register_rows_count (rows); r++)
    for (guint c = 0; c < reg->columns->len; c++)
      {
        const ParRegisterColumn *column = reg->columns->pdata[c];
        const char *value = par_register_rows_get (rows, r, c);
        lxw_row_t row = (lxw_row_t) r + 1;

        if (value == NULL)
          continue;
        switch (column->type)
          {
          case PAR_COLUMN_INTEGER:
            worksheet_write_number (sheet, row, (lxw_col_t) c, number_of (value), NULL);
            break;
          case PAR_COLUMN_DECIMAL:
            worksheet_write_number (sheet, row, (lxw_col_t) c, number_of (value), decimal);
            break;
          case PAR_COLUMN_DATE:
            {
              lxw_datetime when = { atoi (value), atoi (value + 5), atoi (value + 8), 0, 0, 0 };
              worksheet_write_datetime (sheet, row, (lxw_col_t) c, &when, date);
              break;
            }
          case PAR_COLUMN_YES_NO:
            worksheet_write_boolean (sheet, row, (lxw_col_t) c, g_str_equal (value, "true"), NULL);
            break;
          case PAR_COLUMN_CHOICE:
            worksheet_write_string (sheet, row, (lxw_col_t) c, option_label (column, value), NULL);
            break;
          case PAR_COLUMN_TEXT:
          default:
            worksheet_write_string (sheet, row, (lxw_col_t) c, value, NULL);
            break;
          }
      }
  return par_xlsx_file_finish (workbook, tmp, path, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                    */

static gboolean G_GNUC_PRINTF (3, 4)
refuse (GError     **error,
        const char  *name,
        const char  *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: "plan.xlsx: this is not a spreadsheet this program can read: …" */
  g_set_error (error, PAR_ERROR, PAR_ERROR_FORMAT, _("%s: %s"), name, msg);
  return FALSE;
}

/* One part of the archive, whole, within the limits; %NULL (and no error) when @optional and
 * absent. */
static GBytes *
read_part (zip_t       *zip,
           const char  *part,
           gboolean     optional,
           const char  *name,
           GError     **error)
{
  zip_stat_t st;
  zip_file_t *file;
  g_autofree char *data = NULL;
  zip_int64_t got = 0, n;

  zip_stat_init (&st);
  if (zip_stat (zip, part, 0, &st) != 0)
    {
      if (!optional)
        refuse (error, name, _("the spreadsheet has no part “%s”"), part);
      return NULL;
    }
  if ((st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0 ||
      st.size > PAR_XLSX_MAX_PART)
    {
      refuse (error, name, _("the part “%s” is too large (more than %d MB unpacked)"), part,
              PAR_XLSX_MAX_PART / (1024 * 1024));
      return NULL;
    }
  if (st.size > 1024 * 1024 && st.size / MAX (st.comp_size, 1) > PAR_XLSX_MAX_RATIO)
    {
      refuse (error, name, _("the part “%s” unpacks to %" G_GUINT64_FORMAT " times its packed size: "
                             "refused as a zip bomb"), part, (guint64) (st.size / MAX (st.comp_size, 1)));
      return NULL;
    }
  file = zip_fopen (zip, part, 0);
  if (file == NULL)
    {
      refuse (error, name, _("the part “%s” cannot be read: %s"), part, zip_strerror (zip));
      return NULL;
    }
  /* Read at most what the directory says, plus one byte: a part that is longer than it
   * claims is refused, never read on. */
  data = g_malloc (st.size + 1);
  while ((zip_uint64_t) got <= st.size &&
         (n = zip_fread (file, data + got, st.size + 1 - (zip_uint64_t) got)) > 0)
    got += n;
  if (n < 0 || (zip_uint64_t) got != st.size)
    {
      refuse (error, name, _("the part “%s” is damaged (%s)"), part,
              n < 0 ? zip_file_strerror (file) : _("its size is not the one the archive gives"));
      zip_fclose (file);
      return NULL;
    }
  zip_fclose (file);
  return g_bytes_new_take (g_steal_pointer (&data), st.size);
}

static xmlDoc *
parse_part (GBytes      *bytes,
            const char  *part,
            const char  *name,
            GError     **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  /* No network, no entity expansion, no DTD loading: the XML is data from a stranger. */
  xmlDoc *doc = xmlReadMemory (data, (int) len, part, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      refuse (error, name, _("the part “%s” is not well-formed XML"), part);
      if (doc != NULL)
        xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

static gboolean
is_el (xmlNode    *node,
       const char *local)
{
  return node->type == XML_ELEMENT_NODE && xmlStrcmp (node->name, (const xmlChar *) local) == 0;
}

/* The text of a <si> or <is>: its <t>, or its runs' <t>s joined. */
static void
append_text (xmlNode *node,
             GString *out)
{
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_el (c, "t"))
        {
          xmlChar *t = xmlNodeGetContent (c);
          if (t != NULL)
            g_string_append (out, (const char *) t);
          xmlFree (t);
        }
      else if (is_el (c, "r"))
        append_text (c, out);
    }
}

static GPtrArray *
read_shared_strings (zip_t       *zip,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;
  xmlDoc *doc;

  bytes = read_part (zip, "xl/sharedStrings.xml", TRUE, name, &local);
  if (bytes == NULL)
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      return g_steal_pointer (&strings);   /* a sheet of numbers only has none */
    }
  if ((doc = parse_part (bytes, "xl/sharedStrings.xml", name, error)) == NULL)
    return NULL;
  for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
    if (is_el (si, "si"))
      {
        GString *text = g_string_new (NULL);
        append_text (si, text);
        g_ptr_array_add (strings, g_string_free (text, FALSE));
      }
  xmlFreeDoc (doc);
  return g_steal_pointer (&strings);
}

/* The first sheet's part: workbook.xml's first <sheet>, its r:id through the relationships;
 * xl/worksheets/sheet1.xml when they say nothing. */
static char *
first_sheet_part (zip_t       *zip,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GBytes) workbook = read_part (zip, "xl/workbook.xml", FALSE, name, error);
  g_autoptr(GBytes) rels = NULL;
  g_autofree char *rid = NULL;
  char *target = NULL;
  xmlDoc *doc;

  if (workbook == NULL || (doc = parse_part (workbook, "xl/workbook.xml", name, error)) == NULL)
    return NULL;
  for (xmlNode *c = xmlDocGetRootElement (doc)->children; c != NULL && rid == NULL; c = c->next)
    if (is_el (c, "sheets"))
      for (xmlNode *s = c->children; s != NULL && rid == NULL; s = s->next)
        if (is_el (s, "sheet"))
          for (xmlAttr *a = s->properties; a != NULL; a = a->next)
            if (xmlStrcmp (a->name, (const xmlChar *) "id") == 0 && a->ns != NULL)
              {
                xmlChar *v = xmlNodeGetContent ((xmlNode *) a);
                rid = g_strdup ((const char *) v);
                xmlFree (v);
              }
  xmlFreeDoc (doc);
  if (rid == NULL)
    return refuse (error, name, _("the spreadsheet has no sheet")), NULL;

  rels = read_part (zip, "xl/_rels/workbook.xml.rels", TRUE, name, NULL);
  if (rels != NULL && (doc = parse_part (rels, "xl/_rels/workbook.xml.rels", name, NULL)) != NULL)
    {
      for (xmlNode *r = xmlDocGetRootElement (doc)->children; r != NULL && target == NULL; r = r->next)
        if (is_el (r, "Relationship"))
          {
            xmlChar *id = xmlGetProp (r, (const xmlChar *) "Id");
            xmlChar *t = xmlGetProp (r, (const xmlChar *) "Target");
            if (id != NULL && t != NULL && g_str_equal ((const char *) id, rid))
              {
                const char *tt = (const char *) t;
                /* "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml"; never outside xl/. */
                if (tt[0] == '/')
                  target = g_strdup (tt + 1);
                else
                  target = g_strconcat ("xl/", tt, NULL);
                if (strstr (target, "..") != NULL)
                  g_clear_pointer (&target, g_free);
              }
            xmlFree (id);
            xmlFree (t);
          }
      xmlFreeDoc (doc);
    }
  return target != NULL ? target : g_strdup ("xl/worksheets/sheet1.xml");
}

/* "C12" → column 2 (0-based); -1 when it is no cell reference. */
static int
column_of_ref (const char *ref)
{
  int col = 0, letters = 0;

  for (; g_ascii_isalpha (*ref); ref++, letters++)
    {
      if (letters >= 3)
        return -1;
      col = col * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
    }
  return letters == 0 ? -1 : col - 1;
}

/* An XLSX number ("4891", "99.5", "1234.56") as exact text for the one reading: digits and at
 * most one point, the point kept only with decimals; %NULL for anything else ("1E-3"). */
static char *
exact_number (const char *v)
{
  const char *p = v;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean point = FALSE;

  if (*p == '-')
    g_string_append_c (out, *p++);
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (out, *p);
      else if (*p == '.' && !point)
        {
          point = TRUE;
          g_string_append_c (out, '.');
        }
      else
        return NULL;
    }
  /* "12.0" → "12", "99.50" stays; 4.891 (three decimals) stays as written and is refused as
   * a number with too many decimals, never read as 4891. */
  if (point)
    {
      while (out->str[out->len - 1] == '0')
        g_string_truncate (out, out->len - 1);
      if (out->str[out->len - 1] == '.')
        g_string_truncate (out, out->len - 1);
      else
        {
          const char *dot = strchr (out->str, '.');
          if (strlen (dot + 1) > 2)
            return g_strdup_printf ("%s (%s)", out->str, _("more than two decimals"));
          /* A decimal point the one reading cannot take for a thousands separator. */
          if (strlen (dot + 1) == 1)
            g_string_append_c (out, '0');
          {
            g_autofree char *with_comma = g_strdup (out->str);
            with_comma[dot - out->str] = ',';
            return g_steal_pointer (&with_comma);
          }
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* An Excel serial day (1900 system: 1 is 1900-01-01, with its phantom 29 February 1900) as
 * dd/mm/yyyy; %NULL when it is no whole day in range. */
static char *
date_of_serial (const char *v)
{
  char *end = NULL;
  gint64 serial = g_ascii_strtoll (v, &end, 10);
  GDate d;

  if (end == v || (*end != '\0' && *end != '.') || serial < 61 || serial > 2958465)
    return NULL;
  if (*end == '.')
    for (const char *p = end + 1; *p != '\0'; p++)
      if (*p != '0')
        return NULL;   /* a time of day: not a date column's value */
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 30, 12, 1899);
  g_date_add_days (&d, (guint) serial);
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (&d), g_date_get_month (&d),
                          g_date_get_year (&d));
}

/* A number cell of the table ("\x1F" and the sheet's raw text) read for @column: a day serial
 * for a date column, the exact digits otherwise; any other cell as it is. */
char *
par_xlsx_cell_for_column (const ParRegisterColumn *column,
                          const char              *cell)
{
  char *resolved = NULL;

  if (cell == NULL || cell[0] != '\x1F')
    return g_strdup (cell);
  if (column != NULL && column->type == PAR_COLUMN_DATE)
    resolved = date_of_serial (cell + 1);
  else
    resolved = exact_number (cell + 1);
  return resolved != NULL ? resolved : g_strdup (cell + 1);
}

ParRegisterTable *
par_xlsx_read_table (const char    *path,
                     const char    *display_name,
                     GCancellable  *cancellable,
                     GError       **error)
{
  const char *name = display_name != NULL ? display_name : path;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GBytes) sheet = NULL;
  g_autofree char *sheet_part = NULL;
  g_autoptr(GPtrArray) header = NULL;
  ParRegisterTable *out;
  GStatBuf st;
  zip_t *zip;
  int zerr = 0;
  xmlDoc *doc;
  xmlNode *data = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!par_libzip_load (error))
    return NULL;
  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, PAR_ERROR, PAR_ERROR_IO, _("%s: %s"), name, g_strerror (saved));
      return NULL;
    }
  if (st.st_size > PAR_XLSX_MAX_FILE)
    {
      refuse (error, name, _("the file is larger than %d MB"), PAR_XLSX_MAX_FILE / (1024 * 1024));
      return NULL;
    }
  zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (zip == NULL)
    {
      zip_error_t ze;
      zip_error_init_with_code (&ze, zerr);
      refuse (error, name, _("this is not an XLSX spreadsheet (not a readable zip archive: %s)"),
              zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }
  if ((strings = read_shared_strings (zip, name, error)) == NULL ||
      (sheet_part = first_sheet_part (zip, name, error)) == NULL ||
      (sheet = read_part (zip, sheet_part, FALSE, name, error)) == NULL)
    {
      zip_discard (zip);
      return NULL;
    }
  zip_discard (zip);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (doc = parse_part (sheet, sheet_part, name, error)) == NULL)
    return NULL;

  for (xmlNode *c = xmlDocGetRootElement (doc)->children; c != NULL; c = c->next)
    if (is_el (c, "sheetData"))
      data = c;
  for (xmlNode *r = data != NULL ? data->children : NULL; r != NULL; r = r->next)
    {
      GPtrArray *cells;
      xmlChar *rattr;
      int line, next_col = 0;

      if (!is_el (r, "row"))
        continue;
      if (table->len % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (table->len > PAR_REGISTER_MAX_ROWS)
        {
          refuse (error, name, _("the sheet has more than %u rows"), PAR_REGISTER_MAX_ROWS);
          goto fail;
        }
      rattr = xmlGetProp (r, (const xmlChar *) "r");
      line = rattr != NULL ? atoi ((const char *) rattr) : (int) table->len + 1;
      xmlFree (rattr);
      cells = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (table, cells);
      g_array_append_val (lines, line);
      for (xmlNode *c = r->children; c != NULL; c = c->next)
        {
          xmlChar *ref, *type;
          g_autofree char *value = NULL;
          char *text = NULL;
          int col;

          if (!is_el (c, "c"))
            continue;
          ref = xmlGetProp (c, (const xmlChar *) "r");
          col = ref != NULL ? column_of_ref ((const char *) ref) : next_col;
          xmlFree (ref);
          if (col < 0 || col >= PAR_XLSX_MAX_COLUMNS)
            {
              refuse (error, name, _("row %d has a cell beyond the %d columns a register can have"),
                      line, PAR_XLSX_MAX_COLUMNS);
              goto fail;
            }
          next_col = col + 1;
          type = xmlGetProp (c, (const xmlChar *) "t");
          for (xmlNode *v = c->children; v != NULL; v = v->next)
            if (is_el (v, "v"))
              {
                xmlChar *content = xmlNodeGetContent (v);
                value = g_strdup ((const char *) content);
                xmlFree (content);
              }
            else if (is_el (v, "is"))
              {
                GString *s = g_string_new (NULL);
                append_text (v, s);
                g_free (value);
                value = g_string_free (s, FALSE);
              }
          if (value == NULL)
            text = g_strdup ("");
          else if (type != NULL && xmlStrcmp (type, (const xmlChar *) "s") == 0)
            {
              char *end = NULL;
              guint64 index = g_ascii_strtoull (value, &end, 10);
              if (end == value || *end != '\0' || index >= strings->len)
                {
                  xmlFree (type);
                  refuse (error, name, _("row %d refers to a shared string that is not there"), line);
                  goto fail;
                }
              text = g_strdup (strings->pdata[index]);
            }
          else if (type != NULL && xmlStrcmp (type, (const xmlChar *) "b") == 0)
            text = g_strdup (g_str_equal (value, "1") ? "true" : "false");
          else if (type != NULL && (xmlStrcmp (type, (const xmlChar *) "str") == 0 ||
                                    xmlStrcmp (type, (const xmlChar *) "inlineStr") == 0 ||
                                    xmlStrcmp (type, (const xmlChar *) "e") == 0))
            text = g_steal_pointer (&value);
          else
            text = g_strdup_printf ("\x1F%s", value);   /* a number: resolved below by its column */
          xmlFree (type);
          while (cells->len < (guint) col)
            g_ptr_array_add (cells, g_strdup (""));
          if (cells->len == (guint) col)
            g_ptr_array_add (cells, text);
          else
            {
              g_free (text);   /* a cell given twice: the first counts */
            }
        }
    }
  xmlFreeDoc (doc);
  doc = NULL;

  /* The header: the first row with any text. */
  while (table->len > 0)
    {
      GPtrArray *first = table->pdata[0];
      gboolean empty = TRUE;
      for (guint i = 0; i < first->len && empty; i++)
        empty = ((char *) first->pdata[i])[0] == '\0';
      if (!empty)
        break;
      g_ptr_array_remove_index (table, 0);
      g_array_remove_index (lines, 0);
    }
  if (table->len == 0)
    {
      refuse (error, name, _("the first sheet is empty"));
      return NULL;
    }
  header = g_ptr_array_ref (table->pdata[0]);
  for (guint i = 0; i < header->len; i++)
    if (((char *) header->pdata[i])[0] == '\x1F')
      memmove (header->pdata[i], (char *) header->pdata[i] + 1, strlen ((char *) header->pdata[i]));
  g_ptr_array_remove_index (table, 0);

  out = g_new0 (ParRegisterTable, 1);
  out->display_name = g_strdup (name);
  out->header = g_steal_pointer (&header);
  out->rows = g_steal_pointer (&table);
  out->lines = g_steal_pointer (&lines);
  out->numbers_marked = TRUE;
  return out;

fail:
  if (doc != NULL)
    xmlFreeDoc (doc);
  return NULL;
}

ParRegisterRows *
par_xlsx_register_read (const ParRegister  *reg,
                        const char         *path,
                        const char         *display_name,
                        GError            **error)
{
  g_autoptr(ParRegisterTable) table = NULL;

  g_return_val_if_fail (reg != NULL && path != NULL, NULL);

  if ((table = par_xlsx_read_table (path, display_name, NULL, error)) == NULL)
    return NULL;
  return par_register_rows_from_marked_table (reg, table, NULL, error);
}
