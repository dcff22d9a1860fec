/* par-format.c — how numbers and dates look to people.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "par-format.h"

#define MINUS_SIGN "\xE2\x88\x92"  /* U+2212 */

char *
par_format_fixed_buf (gint64          value,
                      guint           decimals,
                      char            decimal_sep,
                      ParFormatFlags  flags,
                      char            buf[PAR_FORMAT_BUF_SIZE])
{
  /* Negated as unsigned: -G_MININT64 does not fit in a gint64. */
  guint64 magnitude = value < 0 ? 0 - (guint64) value : (guint64) value;
  guint64 scale = 1;
  guint64 whole, frac;
  char digits[24];
  int n_digits = 0;
  char group_mark = decimal_sep == ',' ? '.' : ',';
  char *out = buf;

  g_return_val_if_fail (decimals <= 18, NULL);
  g_return_val_if_fail (decimal_sep == '.' || decimal_sep == ',', NULL);

  for (guint i = 0; i < decimals; i++)
    scale *= 10;
  whole = magnitude / scale;
  frac = magnitude % scale;

  if (value < 0)
    {
      if (flags & PAR_FORMAT_MINUS)
        {
          memcpy (out, MINUS_SIGN, strlen (MINUS_SIGN));
          out += strlen (MINUS_SIGN);
        }
      else
        *out++ = '-';
    }

  do
    {
      digits[n_digits++] = (char) ('0' + whole % 10);
      whole /= 10;
    }
  while (whole > 0);
  for (int i = n_digits - 1; i >= 0; i--)
    {
      *out++ = digits[i];
      if ((flags & PAR_FORMAT_GROUP) && i > 0 && i % 3 == 0)
        *out++ = group_mark;
    }

  if (decimals > 0)
    {
      *out++ = decimal_sep;
      for (guint64 unit = scale / 10; unit > 0; unit /= 10)
        {
          *out++ = (char) ('0' + frac / unit);
          frac %= unit;
        }
    }

  if (flags & PAR_FORMAT_PERCENT_TIGHT)
    *out++ = '%';
  else if (flags & PAR_FORMAT_PERCENT)
    {
      *out++ = ' ';
      *out++ = '%';
    }
  *out = '\0';
  g_assert (out < buf + PAR_FORMAT_BUF_SIZE);
  return buf;
}

char *
par_format_fixed (gint64          value,
                  guint           decimals,
                  char            decimal_sep,
                  ParFormatFlags  flags)
{
  char buf[PAR_FORMAT_BUF_SIZE];

  if (par_format_fixed_buf (value, decimals, decimal_sep, flags, buf) == NULL)
    return NULL;
  return g_strdup (buf);
}

char *
par_format_points_sep (ParPoints points,
                       char      decimal_sep)
{
  return par_format_fixed (points, 2, decimal_sep, PAR_FORMAT_PLAIN);
}

char *
par_format_percent_sep (gint64          hundredths,
                        guint           decimals,
                        char            decimal_sep,
                        ParFormatFlags  flags)
{
  gint64 value = hundredths;

  g_return_val_if_fail (decimals <= 2, NULL);

  if (decimals < 2)
    value = par_round_div (hundredths, decimals == 1 ? 10 : 100);
  return par_format_fixed (value, decimals, decimal_sep, flags);
}

char *
par_format_thousands (gint64 value,
                      char   decimal_sep)
{
  return par_format_fixed (value, 0, decimal_sep, PAR_FORMAT_GROUP);
}

char *
par_format_decimal_text (const char     *canonical,
                         char            decimal_sep,
                         ParFormatFlags  flags)
{
  const char *p;
  const char *dot = NULL;
  GString *out;

  g_return_val_if_fail (decimal_sep == '.' || decimal_sep == ',', NULL);

  if (canonical == NULL)
    return g_strdup ("");
  p = canonical[0] == '-' ? canonical + 1 : canonical;
  if (!g_ascii_isdigit (*p))
    return g_strdup (canonical);
  for (const char *q = p; *q != '\0'; q++)
    {
      if (*q == '.' && dot == NULL && q[1] != '\0')
        dot = q;
      else if (!g_ascii_isdigit (*q))
        return g_strdup (canonical);
    }

  out = g_string_new (NULL);
  if (p != canonical)
    g_string_append (out, (flags & PAR_FORMAT_MINUS) ? MINUS_SIGN : "-");
  {
    gsize n = dot != NULL ? (gsize) (dot - p) : strlen (p);
    char group_mark = decimal_sep == ',' ? '.' : ',';

    for (gsize i = 0; i < n; i++)
      {
        if ((flags & PAR_FORMAT_GROUP) && i > 0 && (n - i) % 3 == 0)
          g_string_append_c (out, group_mark);
        g_string_append_c (out, p[i]);
      }
  }
  if (dot != NULL)
    {
      g_string_append_c (out, decimal_sep);
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

static gboolean
digits_at (const char *text,
           int         count,
           int        *out)
{
  int v = 0;

  for (int i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (text[i] - '0');
    }
  *out = v;
  return TRUE;
}

/* A real date written "YYYY-MM-DD" in the first ten bytes of @text. */
static gboolean
starts_with_iso_date (const char *text)
{
  int y, m, d;

  return strlen (text) >= 10 && text[4] == '-' && text[7] == '-' &&
         digits_at (text, 4, &y) && digits_at (text + 5, 2, &m) && digits_at (text + 8, 2, &d) &&
         y >= 1 && g_date_valid_dmy (d, m, y);
}

char *
par_format_rank (guint    rank,
                 gboolean tied)
{
  return g_strdup_printf ("%u%s", rank, tied ? "=" : "");
}

char *
par_format_rank_change (gboolean known,
                        int      change)
{
  if (!known)
    return g_strdup ("—");
  if (change == 0)
    return g_strdup ("=");
  return g_strdup_printf ("%s%d", change > 0 ? "▲" : "▼", ABS (change));
}

gboolean
par_format_is_iso_date (const char *text)
{
  return text != NULL && strlen (text) == 10 && starts_with_iso_date (text);
}

char *
par_format_date_dmy (const char *iso)
{
  if (iso == NULL)
    return g_strdup ("");
  /* "YYYY-MM-DD", alone or as the start of a timestamp ("…T08:30:00Z"). */
  if (starts_with_iso_date (iso) && (iso[10] == '\0' || iso[10] == 'T' || iso[10] == ' '))
    return g_strdup_printf ("%c%c/%c%c/%c%c%c%c", iso[8], iso[9], iso[5], iso[6],
                            iso[0], iso[1], iso[2], iso[3]);
  return g_strdup (iso);
}
