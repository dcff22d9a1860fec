/* par-input.c — the figures a rule needs: what the user typed made canonical, what is stored read.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-format.h"
#include "par-input.h"

/* --- what the user typed ---------------------------------------------------------------------- */


static char *
strip_spaces (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x202F && c != 0x00A0)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* Digits with optional thousands separators ("4.891", "4,891", "1.234.567") and, for decimals,
 * one decimal separator followed by one or two digits ("99,5", "1.234,50", "1,234.5").
 * A separator counts as a thousands separator only where the digits are grouped like thousands:
 * a first group of 1–3 digits not starting with 0, then groups of exactly three. So "4.891" is
 * 4891, while "0,125", "4." and "1,5,0" are refused rather than read as 125, 4 or 150. */
static gboolean
valid_groups (const char *start,
              const char *end,
              char        thousands)
{
  int group = 0;
  gboolean first = TRUE;

  if (start < end && *start == '0' && memchr (start, thousands, end - start) != NULL)
    return FALSE;
  for (const char *q = start; q < end; q++)
    {
      if (*q == thousands)
        {
          if ((first && (group < 1 || group > 3)) || (!first && group != 3))
            return FALSE;
          first = FALSE;
          group = 0;
        }
      else
        group++;
    }
  return first || group == 3;
}

static gboolean
parse_localized (const char *text,
                 gboolean    allow_decimals,
                 gint64     *out_hundredths)
{
  const char *p = text;
  const char *end;
  const char *decimal = NULL;
  char thousands = 0;
  gint64 whole = 0;
  int frac = 0, frac_digits = 0;
  gboolean negative = FALSE;
  int n_dot = 0, n_comma = 0;

  if (*p == '-')
    negative = TRUE, p++;
  if (*p == '\0')
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    {
      if (*q == '.')
        n_dot++;
      else if (*q == ',')
        n_comma++;
      else if (!g_ascii_isdigit (*q))
        return FALSE;
    }
  end = p + strlen (p);

  if (n_dot > 0 && n_comma > 0)
    {
      /* Both kinds: the last one is the decimal separator and occurs once. */
      decimal = MAX (strrchr (p, '.'), strrchr (p, ','));
      thousands = *decimal == '.' ? ',' : '.';
      if ((*decimal == '.' ? n_dot : n_comma) != 1)
        return FALSE;
    }
  else if (n_dot + n_comma == 1)
    {
      const char *sep = strchr (p, n_dot == 1 ? '.' : ',');
      if (valid_groups (p, end, *sep) && sep > p)
        thousands = *sep;
      else
        decimal = sep;
    }
  else if (n_dot + n_comma > 1)
    thousands = n_dot > 0 ? '.' : ',';

  if (decimal != NULL)
    {
      gsize after = end - (decimal + 1);
      if (!allow_decimals || after < 1 || after > 2)
        return FALSE;
    }
  if (thousands != 0 && !valid_groups (p, decimal != NULL ? decimal : end, thousands))
    return FALSE;

  for (const char *q = p; q < end; q++)
    {
      if (q == decimal || *q == thousands)
        continue;
      if (decimal != NULL && q > decimal)
        frac = frac * 10 + (*q - '0'), frac_digits++;
      else
        {
          whole = whole * 10 + (*q - '0');
          if (whole > G_MAXINT64 / 1000)
            return FALSE;
        }
    }
  if (frac_digits == 1)
    frac *= 10;
  *out_hundredths = (whole * 100 + frac) * (negative ? -1 : 1);
  return TRUE;
}

static gboolean
parse_date (const char *text,
            char      **iso)
{
  int d = 0, m = 0, y = 0;
  char tail;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 ||
      sscanf (text, "%2d/%2d/%4d%c", &d, &m, &y, &tail) == 3 ||
      sscanf (text, "%2d.%2d.%4d%c", &d, &m, &y, &tail) == 3 ||
      sscanf (text, "%2d-%2d-%4d%c", &d, &m, &y, &tail) == 3)
    {
      if (y >= 1900 && y <= 2200 && g_date_valid_dmy (d, m, y))
        {
          *iso = g_strdup_printf ("%04d-%02d-%02d", y, m, d);
          return TRUE;
        }
    }
  return FALSE;
}

/* Labels compare case-blind and in one Unicode form: Vietnamese typed on some systems (or
 * pasted from PDFs) arrives decomposed, "ậ" as "a" + two combining marks. */
static char *
fold_label (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);
}

char *
par_input_normalize (const ParInput *input,
                     const char     *text,
                     GError        **error)
{
  g_autofree char *compact = NULL;
  g_autofree char *folded = NULL;
  gint64 value;

  g_return_val_if_fail (input != NULL, NULL);

  if (text == NULL)
    return g_strdup ("");
  compact = strip_spaces (text);
  if (compact[0] == '\0')
    return g_strdup ("");

  switch (input->type)
    {
    case PAR_INPUT_INTEGER:
      if (parse_localized (compact, FALSE, &value) && value >= 0)
        {
          if (value / 100 <= PAR_INPUT_INTEGER_MAX)
            return g_strdup_printf ("%" G_GINT64_FORMAT, value / 100);
          {
            g_autofree char *max = par_format_thousands (PAR_INPUT_INTEGER_MAX,
                                                         par_points_decimal_separator ());
            g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                         /* TRANSLATORS: "Số hồ sơ: “1.000.000.000.000” is more than 999.999.999.999, the largest figure accepted" */
                         _("%s: “%s” is more than %s, the largest figure accepted"), input->label, text, max);
            return NULL;
          }
        }
      g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                   _("%s: “%s” is not a whole number of 0 or more"), input->label, text);
      return NULL;

    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
      {
        char buf[PAR_POINTS_FORMAT_SIZE];
        if (input->type == PAR_INPUT_PERCENT && g_str_has_suffix (compact, "%"))
          compact[strlen (compact) - 1] = '\0';
        if (parse_localized (compact, TRUE, &value) && value >= 0 &&
            (input->type != PAR_INPUT_PERCENT || value <= 10000))
          {
            g_autofree char *max = NULL;

            if (value <= PAR_INPUT_DECIMAL_MAX)
              return g_strdup (par_points_format (value, buf));
            max = par_format_fixed (PAR_INPUT_DECIMAL_MAX / 100, 0, par_points_decimal_separator (),
                                    PAR_FORMAT_GROUP);
            g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                         _("%s: “%s” is more than %s, the largest figure accepted"), input->label,
                         text, max);
            return NULL;
          }
        g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                     input->type == PAR_INPUT_PERCENT
                     ? _("%s: “%s” is not a percentage between 0 and 100 with at most two decimals")
                     : _("%s: “%s” is not a number of 0 or more with at most two decimals"),
                     input->label, text);
        return NULL;
      }

    case PAR_INPUT_DATE:
      {
        char *iso = NULL;
        if (parse_date (compact, &iso))
          return iso;
        g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                     _("%s: “%s” is not a date; write it as dd/mm/yyyy"), input->label, text);
        return NULL;
      }

    case PAR_INPUT_BOOLEAN:
      {
        static const char *yes[] = { "true", "yes", "y", "1", "co", "dat", "x" };
        static const char *no[] = { "false", "no", "n", "0", "khong", "khong dat" };
        folded = g_utf8_casefold (text, -1);
        g_strstrip (folded);
        {
          /* g_str_to_ascii() has no transliteration for "đ" (it gives "?"): map it first, or
           * "đạt" / "không đạt" would never match. */
          g_autoptr(GString) d = g_string_new (folded);
          g_autofree char *plain = NULL;

          g_string_replace (d, "đ", "d", 0);
          plain = g_str_to_ascii (d->str, "C");
          for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
            if (g_str_equal (plain, yes[i]))
              return g_strdup ("true");
          for (guint i = 0; i < G_N_ELEMENTS (no); i++)
            if (g_str_equal (plain, no[i]))
              return g_strdup ("false");
        }
        g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                     _("%s: answer yes or no (có / không), not “%s”"), input->label, text);
        return NULL;
      }

    case PAR_INPUT_CHOICE:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        g_autofree char *wanted = fold_label (trimmed);
        for (guint i = 0; i < input->options->len; i++)
          {
            const ParOption *o = g_ptr_array_index (input->options, i);
            g_autofree char *label = fold_label (o->label);
            if (g_str_equal (o->value, trimmed) || g_str_equal (label, wanted))
              return g_strdup (o->value);
          }
        g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                     _("%s: “%s” is not one of the choices"), input->label, text);
        return NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

/* --- what is stored ---------------------------------------------------------------------------- */

/* Digits only, no sign: "4891". */
static gboolean
read_whole (const char *text,
            gint64      max,
            gint64     *out)
{
  gint64 v = 0;

  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p < '0' || *p > '9')
        return FALSE;
      v = v * 10 + (*p - '0');
      if (v > max)
        return FALSE;
    }
  *out = v;
  return TRUE;
}

/* "99.5", "99.50", "4891": digits, optionally a dot and one or two digits; in hundredths. */
static gboolean
read_hundredths (const char *text,
                 gint64      max,
                 gint64     *out)
{
  const char *dot = strchr (text, '.');
  gint64 whole, frac = 0;
  gsize n_frac;

  if (dot == NULL)
    {
      if (!read_whole (text, max / 100, &whole))
        return FALSE;
      *out = whole * 100;
      return *out <= max;
    }
  n_frac = strlen (dot + 1);
  if (dot == text || n_frac < 1 || n_frac > 2)
    return FALSE;
  {
    g_autofree char *whole_text = g_strndup (text, dot - text);
    if (!read_whole (whole_text, max / 100, &whole) || !read_whole (dot + 1, 99, &frac))
      return FALSE;
  }
  *out = whole * 100 + (n_frac == 1 ? frac * 10 : frac);
  return *out <= max;
}

gboolean
par_input_is_iso_date (const char *text)
{
  int y, m, d;
  char tail;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[8]) &&
         sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
         y >= 1900 && y <= 2200 && g_date_valid_dmy (d, m, y);
}

gboolean
par_input_read (const ParInput *input,
                const char     *value,
                ParInputValue  *out)
{
  ParInputValue local = { 0, 1 };

  g_return_val_if_fail (input != NULL, FALSE);

  if (value == NULL)
    return FALSE;
  switch (input->type)
    {
    case PAR_INPUT_INTEGER:
      if (!read_whole (value, PAR_INPUT_INTEGER_MAX, &local.number))
        return FALSE;
      break;
    case PAR_INPUT_DECIMAL:
    case PAR_INPUT_PERCENT:
      local.scale = 100;
      if (!read_hundredths (value, input->type == PAR_INPUT_PERCENT ? 10000 : PAR_INPUT_DECIMAL_MAX,
                            &local.number))
        return FALSE;
      break;
    case PAR_INPUT_DATE:
      if (!par_input_is_iso_date (value))
        return FALSE;
      break;
    case PAR_INPUT_BOOLEAN:
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return FALSE;
      break;
    case PAR_INPUT_CHOICE:
      {
        gboolean found = FALSE;
        for (guint i = 0; i < input->options->len && !found; i++)
          found = g_str_equal (((const ParOption *) g_ptr_array_index (input->options, i))->value, value);
        if (!found)
          return FALSE;
        break;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
  if (out != NULL)
    *out = local;
  return TRUE;
}
