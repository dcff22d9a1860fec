/* par-points.c — fixed-point points and the rounding rule.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "par-error.h"
#include "par-format.h"
#include "par-points.h"

/* Points never exceed this in a criteria set; guards every parse against overflow. */
#define PAR_POINTS_LIMIT ((ParPoints) 100000000 * 100)

gboolean
par_points_parse (const char  *text,
                  ParPoints   *out,
                  GError     **error)
{
  const char *p;
  gboolean negative = FALSE;
  gint64 whole = 0;
  int frac = 0;
  int frac_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  /* The grammar is in par-points.h; each step below is one part of it. */
  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    goto bad;
  for (; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole * 100 > PAR_POINTS_LIMIT)
        goto bad;
    }
  if (*p == '.' || *p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        goto bad;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (frac_digits == 2)
            {
              g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
                           _("“%s” has more than two decimals; points are counted in hundredths"),
                           text);
              return FALSE;
            }
          frac = frac * 10 + (*p - '0');
          frac_digits++;
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    goto bad;

  if (frac_digits == 1)
    frac *= 10;
  *out = (whole * 100 + frac) * (negative ? -1 : 1);
  return TRUE;

bad:
  g_set_error (error, PAR_ERROR, PAR_ERROR_PARSE,
               _("“%s” is not a number of points (write it like 1.25)"), text);
  return FALSE;
}

char
par_points_decimal_separator (void)
{
  /* TRANSLATORS: the decimal separator in numbers shown to users: "," in Vietnamese. */
  const char *sep = C_("decimal separator", ".");

  return sep[0] == ',' ? ',' : '.';
}

char *
par_points_format_sep (ParPoints points,
                       char      decimal_sep,
                       char      buf[PAR_POINTS_FORMAT_SIZE])
{
  char wide[PAR_FORMAT_BUF_SIZE];

  /* Two decimals and no grouping: at most 21 characters, which fits the caller's buffer. */
  par_format_fixed_buf (points, 2, decimal_sep, PAR_FORMAT_PLAIN, wide);
  g_strlcpy (buf, wide, PAR_POINTS_FORMAT_SIZE);
  return buf;
}

char *
par_points_format (ParPoints points,
                   char      buf[PAR_POINTS_FORMAT_SIZE])
{
  return par_points_format_sep (points, '.', buf);
}

gint64
par_round_div (gint64 num,
               gint64 den)
{
  return par_mul_div_round (num, 1, den);
}

/* The rule on magnitudes that fit 64 bits: @n / @d, a remainder of half @d or more rounding
 * up (away from zero, once the caller puts the sign back). The 64-bit paths below share it. */
static inline guint64
round_div_magnitudes (guint64 n,
                      guint64 d)
{
  guint64 q = n / d;
  guint64 r = n % d;

  return r >= d - r ? q + 1 : q;
}

gint64
par_mul_div_round (gint64 a,
                   gint64 b,
                   gint64 den)
{
  g_return_val_if_fail (den != 0, 0);

  /* Points and percentages are small: 64 bits are exact there, and much cheaper than the
   * 128-bit division below, which every index of every node of every year goes through. */
  if (a > -G_MAXINT32 && a < G_MAXINT32 && b > -G_MAXINT32 && b < G_MAXINT32 &&
      den > -G_MAXINT32 && den < G_MAXINT32)
    {
      gint64 n64 = a * b;
      gint64 d64 = den;
      gboolean neg64 = (n64 < 0) != (d64 < 0);
      gint64 q64;

      if (n64 < 0)
        n64 = -n64;
      if (d64 < 0)
        d64 = -d64;
      q64 = (gint64) round_div_magnitudes ((guint64) n64, (guint64) d64);
      return neg64 ? -q64 : q64;
    }

  /* In 128 bits, so that neither the product nor the negation of G_MININT64 overflows. */
  return (gint64) par_round_div128 ((__int128) a * b, den);
}

__int128
par_round_div128 (__int128 num,
                  __int128 den)
{
  gboolean negative;
  __int128 q, r;

  g_return_val_if_fail (den != 0, 0);

  negative = (num < 0) != (den < 0);
  if (num < 0)
    num = -num;
  if (den < 0)
    den = -den;
  /* Most quotients are of points and shares that fit 64 bits: the same division, several
   * times cheaper than the 128-bit one (issue 11: a proportional rule of every re-scored
   * entry comes here). */
  if (num >= 0 && num <= G_MAXINT64 && den <= G_MAXINT64)
    {
      __int128 q64 = round_div_magnitudes ((guint64) num, (guint64) den);

      return negative ? -q64 : q64;
    }
  q = num / den;
  r = num % den;
  /* Halves away from zero: round up when the remainder is at least half the divisor. */
  if (r * 2 >= den)
    q++;
  return negative ? -q : q;
}

gint64
par_percent_of (ParPoints part,
                ParPoints whole)
{
  g_return_val_if_fail (whole > 0, 0);
  return par_mul_div_round (part, 10000, whole);
}
