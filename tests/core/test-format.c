/* test-format.c — the one formatter: points, percentages, thousands, dd/mm/yyyy.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "par-format.h"
#include "par-points.h"
#include "par-scorer.h"

#define MINUS "\xE2\x88\x92"

/* Each case formats into a fresh string; a macro keeps the failing line in the message. */
#define assert_text(expr, expected) \
  G_STMT_START { \
    g_autofree char *text_ = (expr); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

static void
test_points (void)
{
  assert_text (par_format_points_sep (1450, '.'), "14.50");
  assert_text (par_format_points_sep (1450, ','), "14,50");
  assert_text (par_format_points_sep (0, '.'), "0.00");
  assert_text (par_format_points_sep (0, ','), "0,00");
  assert_text (par_format_points_sep (5, ','), "0,05");
  assert_text (par_format_points_sep (50, '.'), "0.50");
  assert_text (par_format_points_sep (-1, '.'), "-0.01");
  assert_text (par_format_points_sep (-25, ','), "-0,25");
  assert_text (par_format_points_sep (-100, '.'), "-1.00");
  /* Points are never grouped: "1234,50" reads the same in both languages' CSV and screens. */
  assert_text (par_format_points_sep (123450, ','), "1234,50");
  assert_text (par_format_points_sep (G_MAXINT64, '.'), "92233720368547758.07");
  assert_text (par_format_points_sep (G_MININT64, ','), "-92233720368547758,08");
}

static void
test_points_buffer (void)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  /* The buffer form of par-points.h writes through the same digit writer. */
  g_assert_cmpstr (par_points_format_sep (G_MININT64, ',', buf), ==, "-92233720368547758,08");
  g_assert_cmpstr (par_points_format_sep (-5, '.', buf), ==, "-0.05");
  g_assert_cmpstr (par_points_format (99, buf), ==, "0.99");
}

static void
test_fixed (void)
{
  char buf[PAR_FORMAT_BUF_SIZE];

  assert_text (par_format_fixed (7, 0, '.', PAR_FORMAT_PLAIN), "7");
  assert_text (par_format_fixed (-7, 0, '.', PAR_FORMAT_PLAIN), "-7");
  assert_text (par_format_fixed (7, 3, ',', PAR_FORMAT_PLAIN), "0,007");
  assert_text (par_format_fixed (-7, 3, ',', PAR_FORMAT_MINUS), MINUS "0,007");
  assert_text (par_format_fixed (0, 0, '.', PAR_FORMAT_MINUS), "0");
  assert_text (par_format_fixed (1234567891, 4, ',', PAR_FORMAT_GROUP), "123.456,7891");
  assert_text (par_format_fixed (1234567891, 4, '.', PAR_FORMAT_GROUP), "123,456.7891");
  assert_text (par_format_fixed (998600, 4, '.', PAR_FORMAT_PERCENT), "99.8600 %");
  assert_text (par_format_fixed (998600, 4, ',', PAR_FORMAT_PERCENT_TIGHT), "99,8600%");
  /* TIGHT wins when both are asked for. */
  assert_text (par_format_fixed (5, 0, '.', PAR_FORMAT_PERCENT | PAR_FORMAT_PERCENT_TIGHT), "5%");
  /* 18 decimals: the whole range still exact. */
  assert_text (par_format_fixed (G_MAXINT64, 18, '.', PAR_FORMAT_PLAIN), "9.223372036854775807");
  assert_text (par_format_fixed (G_MININT64, 18, ',', PAR_FORMAT_PLAIN), "-9,223372036854775808");
  /* The longest text there is fits the buffer: every flag, the most negative value. */
  g_assert_cmpstr (par_format_fixed_buf (G_MININT64, 0, ',',
                                         PAR_FORMAT_GROUP | PAR_FORMAT_MINUS | PAR_FORMAT_PERCENT,
                                         buf),
                   ==, MINUS "9.223.372.036.854.775.808 %");
}

static void
test_fixed_refuses (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *bad_sep = par_format_fixed (1, 2, ';', PAR_FORMAT_PLAIN);
      g_autofree char *too_many = par_format_fixed (1, 19, '.', PAR_FORMAT_PLAIN);
      g_assert_null (bad_sep);
      g_assert_null (too_many);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*decimal_sep*");
}

static void
test_percent (void)
{
  /* Two decimals, as the scorer computes them. */
  assert_text (par_format_percent_sep (9869, 2, '.', PAR_FORMAT_PLAIN), "98.69");
  assert_text (par_format_percent_sep (9869, 2, ',', PAR_FORMAT_PERCENT), "98,69 %");
  assert_text (par_format_percent_sep (9869, 2, ',', PAR_FORMAT_PERCENT_TIGHT), "98,69%");
  assert_text (par_format_percent_sep (0, 2, '.', PAR_FORMAT_PERCENT), "0.00 %");
  assert_text (par_format_percent_sep (10000, 2, '.', PAR_FORMAT_PLAIN), "100.00");
  assert_text (par_format_percent_sep (10100, 2, '.', PAR_FORMAT_PLAIN), "101.00");
  assert_text (par_format_percent_sep (5, 2, '.', PAR_FORMAT_PLAIN), "0.05");
  assert_text (par_format_percent_sep (-1, 2, '.', PAR_FORMAT_PLAIN), "-0.01");
  assert_text (par_format_percent_sep (-250, 2, ',', PAR_FORMAT_PLAIN), "-2,50");
  assert_text (par_format_percent_sep (-250, 2, ',', PAR_FORMAT_MINUS | PAR_FORMAT_PERCENT),
               MINUS "2,50 %");

  /* Fewer decimals round by the one rule: halves away from zero, on both sides of zero. */
  assert_text (par_format_percent_sep (9865, 1, '.', PAR_FORMAT_PLAIN), "98.7");
  assert_text (par_format_percent_sep (9864, 1, '.', PAR_FORMAT_PLAIN), "98.6");
  assert_text (par_format_percent_sep (-9865, 1, ',', PAR_FORMAT_PLAIN), "-98,7");
  assert_text (par_format_percent_sep (9950, 0, '.', PAR_FORMAT_PERCENT_TIGHT), "100%");
  assert_text (par_format_percent_sep (9949, 0, '.', PAR_FORMAT_PERCENT_TIGHT), "99%");
  assert_text (par_format_percent_sep (-50, 0, '.', PAR_FORMAT_PLAIN), "-1");
  /* What rounds to zero has no sign. */
  assert_text (par_format_percent_sep (-49, 0, '.', PAR_FORMAT_PLAIN), "0");
  assert_text (par_format_percent_sep (-4, 1, ',', PAR_FORMAT_MINUS), "0,0");
  assert_text (par_format_percent_sep (-5, 1, ',', PAR_FORMAT_MINUS), MINUS "0,1");

  /* The extremes. */
  assert_text (par_format_percent_sep (G_MININT64, 2, '.', PAR_FORMAT_PLAIN), "-92233720368547758.08");
  assert_text (par_format_percent_sep (G_MAXINT64, 0, '.', PAR_FORMAT_PLAIN), "92233720368547758");
}

static void
test_thousands (void)
{
  assert_text (par_format_thousands (0, ','), "0");
  assert_text (par_format_thousands (7, ','), "7");
  assert_text (par_format_thousands (999, ','), "999");
  assert_text (par_format_thousands (1000, ','), "1.000");
  assert_text (par_format_thousands (1000, '.'), "1,000");
  assert_text (par_format_thousands (4891, ','), "4.891");
  assert_text (par_format_thousands (4891, '.'), "4,891");
  assert_text (par_format_thousands (99999, ','), "99.999");
  assert_text (par_format_thousands (100000, ','), "100.000");
  assert_text (par_format_thousands (1234567, ','), "1.234.567");
  assert_text (par_format_thousands (-1, ','), "-1");
  assert_text (par_format_thousands (-999, ','), "-999");
  assert_text (par_format_thousands (-1000, ','), "-1.000");
  assert_text (par_format_thousands (-1234567, '.'), "-1,234,567");
  assert_text (par_format_thousands (G_MAXINT64, ','), "9.223.372.036.854.775.807");
  assert_text (par_format_thousands (G_MININT64, '.'), "-9,223,372,036,854,775,808");
}

static void
test_decimal_text (void)
{
  assert_text (par_format_decimal_text ("1234.50", ',', PAR_FORMAT_GROUP), "1.234,50");
  assert_text (par_format_decimal_text ("1234.50", '.', PAR_FORMAT_GROUP), "1,234.50");
  assert_text (par_format_decimal_text ("1234.50", ',', PAR_FORMAT_PLAIN), "1234,50");
  assert_text (par_format_decimal_text ("99.5", ',', PAR_FORMAT_GROUP), "99,5");
  assert_text (par_format_decimal_text ("4891", ',', PAR_FORMAT_GROUP), "4.891");
  assert_text (par_format_decimal_text ("0", ',', PAR_FORMAT_GROUP), "0");
  assert_text (par_format_decimal_text ("0.05", ',', PAR_FORMAT_GROUP), "0,05");
  assert_text (par_format_decimal_text ("-3", '.', PAR_FORMAT_GROUP), "-3");
  assert_text (par_format_decimal_text ("-1234567.25", ',', PAR_FORMAT_GROUP), "-1.234.567,25");
  assert_text (par_format_decimal_text ("-1234567.25", ',', PAR_FORMAT_GROUP | PAR_FORMAT_MINUS),
               MINUS "1.234.567,25");
  /* Digits beyond what a gint64 holds are shown as they are, not overflowed. */
  assert_text (par_format_decimal_text ("123456789012345678901234", ',', PAR_FORMAT_GROUP),
               "123.456.789.012.345.678.901.234");

  /* Not canonical: shown unchanged, never half-converted. */
  assert_text (par_format_decimal_text (NULL, ',', PAR_FORMAT_GROUP), "");
  assert_text (par_format_decimal_text ("", ',', PAR_FORMAT_GROUP), "");
  assert_text (par_format_decimal_text ("abc", ',', PAR_FORMAT_GROUP), "abc");
  assert_text (par_format_decimal_text ("1.2.3", ',', PAR_FORMAT_GROUP), "1.2.3");
  assert_text (par_format_decimal_text ("1.", ',', PAR_FORMAT_GROUP), "1.");
  assert_text (par_format_decimal_text (".5", ',', PAR_FORMAT_GROUP), ".5");
  assert_text (par_format_decimal_text ("-", ',', PAR_FORMAT_GROUP), "-");
  assert_text (par_format_decimal_text ("1,5", '.', PAR_FORMAT_GROUP), "1,5");
  assert_text (par_format_decimal_text ("2020-01-14", ',', PAR_FORMAT_GROUP), "2020-01-14");
}

static void
test_date (void)
{
  assert_text (par_format_date_dmy ("2020-01-14"), "14/01/2020");
  assert_text (par_format_date_dmy ("1999-12-31"), "31/12/1999");
  assert_text (par_format_date_dmy ("2024-02-29"), "29/02/2024");
  /* The date part of a timestamp (audit log, "created"). */
  assert_text (par_format_date_dmy ("2026-03-05T08:30:00Z"), "05/03/2026");
  assert_text (par_format_date_dmy ("2026-03-05 08:30"), "05/03/2026");

  /* Nothing: nothing. */
  assert_text (par_format_date_dmy (NULL), "");
  assert_text (par_format_date_dmy (""), "");
  /* Not a real ISO date: shown as it is, never turned into a plausible other day. */
  assert_text (par_format_date_dmy ("2023-02-29"), "2023-02-29");
  assert_text (par_format_date_dmy ("2020-13-01"), "2020-13-01");
  assert_text (par_format_date_dmy ("2020-00-10"), "2020-00-10");
  assert_text (par_format_date_dmy ("2020-1-4"), "2020-1-4");
  assert_text (par_format_date_dmy ("14/01/2020"), "14/01/2020");
  assert_text (par_format_date_dmy ("2020-01-14x"), "2020-01-14x");
  assert_text (par_format_date_dmy ("2020-01-1"), "2020-01-1");
  assert_text (par_format_date_dmy ("abcd-ef-gh"), "abcd-ef-gh");
}

/* A ranking's place and its change, as the CLI, the council page and the council report
 * show them. */
static void
test_rank (void)
{
  assert_text (par_format_rank (1, FALSE), "1");
  assert_text (par_format_rank (12, TRUE), "12=");
  assert_text (par_format_rank_change (TRUE, 2), "▲2");
  assert_text (par_format_rank_change (TRUE, -1), "▼1");
  assert_text (par_format_rank_change (TRUE, -13), "▼13");
  assert_text (par_format_rank_change (TRUE, 0), "=");
  assert_text (par_format_rank_change (FALSE, 0), "—");
  assert_text (par_format_rank_change (FALSE, 3), "—");
}

/* A date as it is stored: ten characters, a real day; the store's writers refuse anything else. */
static void
test_is_iso_date (void)
{
  g_assert_true (par_format_is_iso_date ("2024-12-10"));
  g_assert_true (par_format_is_iso_date ("2024-02-29"));
  g_assert_true (par_format_is_iso_date ("0001-01-01"));
  g_assert_false (par_format_is_iso_date (NULL));
  g_assert_false (par_format_is_iso_date (""));
  g_assert_false (par_format_is_iso_date ("2023-02-29"));
  g_assert_false (par_format_is_iso_date ("0000-01-01"));
  g_assert_false (par_format_is_iso_date ("2024-12-1"));
  g_assert_false (par_format_is_iso_date ("2024-12-10T08:30:00Z"));
  /* Ten characters, and ISO 8601 all the same, but not how a date is stored. */
  g_assert_false (par_format_is_iso_date ("2024-W50-2"));
  g_assert_false (par_format_is_iso_date ("+024-12-10"));
  g_assert_false (par_format_is_iso_date ("2024-1a-10"));
  g_assert_false (par_format_is_iso_date ("10/12/2024"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/points", test_points);
  g_test_add_func ("/format/points-buffer", test_points_buffer);
  g_test_add_func ("/format/fixed", test_fixed);
  g_test_add_func ("/format/fixed-refuses", test_fixed_refuses);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/thousands", test_thousands);
  g_test_add_func ("/format/decimal-text", test_decimal_text);
  g_test_add_func ("/format/date", test_date);
  g_test_add_func ("/format/is-iso-date", test_is_iso_date);
  g_test_add_func ("/format/rank", test_rank);

  return g_test_run ();
}
