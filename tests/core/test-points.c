/* test-points.c — fixed-point points, the rounding rule and percentages.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "par-error.h"
#include "par-points.h"
#include "par-scorer.h"

static void
assert_parses (const char *text,
               ParPoints   expected)
{
  g_autoptr(GError) error = NULL;
  ParPoints value = -12345;

  if (!par_points_parse (text, &value, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_no_error (error);
  if (value != expected)
    g_error ("“%s” parsed to %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
             text, value, expected);
}

static void
assert_refused (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  ParPoints value = 0;

  g_assert_false (par_points_parse (text, &value, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse (void)
{
  assert_parses ("1", 100);
  assert_parses ("0", 0);
  assert_parses ("0.5", 50);
  assert_parses ("0.05", 5);
  assert_parses ("14.50", 1450);
  assert_parses ("14.5", 1450);
  assert_parses ("1,25", 125);
  assert_parses (" 2 ", 200);
  assert_parses ("\t2.75\n", 275);
  assert_parses ("-0.25", -25);
  assert_parses ("-3", -300);
  assert_parses ("-0", 0);
  assert_parses ("007", 700);
  assert_parses ("-1,5", -150);
  assert_parses ("100", 10000);
  /* The guard is 100 000 000 points: the largest accepted, then the first refused. */
  assert_parses ("100000000", G_GINT64_CONSTANT (10000000000));
  assert_parses ("100000000.00", G_GINT64_CONSTANT (10000000000));

  assert_refused ("1.234",
                  "“1.234” has more than two decimals; points are counted in hundredths");
  assert_refused ("0,125",
                  "“0,125” has more than two decimals; points are counted in hundredths");
  /* The forms the grammar in par-points.h leaves out. */
  assert_refused ("1.", "“1.” is not a number of points (write it like 1.25)");
  assert_refused ("1,", "“1,” is not a number of points (write it like 1.25)");
  assert_refused (".5", "“.5” is not a number of points (write it like 1.25)");
  assert_refused (",5", "“,5” is not a number of points (write it like 1.25)");
  assert_refused ("-.5", "“-.5” is not a number of points (write it like 1.25)");
  assert_refused ("+1", "“+1” is not a number of points (write it like 1.25)");
  assert_refused ("+1.5", "“+1.5” is not a number of points (write it like 1.25)");
  assert_refused ("- 1", "“- 1” is not a number of points (write it like 1.25)");
  assert_refused ("1.2.3", "“1.2.3” is not a number of points (write it like 1.25)");
  assert_refused ("1,234.5", "“1,234.5” has more than two decimals; points are counted in hundredths");
  assert_refused ("1.234,5", "“1.234,5” has more than two decimals; points are counted in hundredths");
  assert_refused ("abc", "“abc” is not a number of points (write it like 1.25)");
  assert_refused ("", "“” is not a number of points (write it like 1.25)");
  assert_refused ("   ", "“   ” is not a number of points (write it like 1.25)");
  assert_refused ("1e3", "“1e3” is not a number of points (write it like 1.25)");
  assert_refused ("-", "“-” is not a number of points (write it like 1.25)");
  assert_refused (".", "“.” is not a number of points (write it like 1.25)");
  assert_refused ("--1", "“--1” is not a number of points (write it like 1.25)");
  assert_refused ("1.5.0", "“1.5.0” is not a number of points (write it like 1.25)");
  assert_refused ("1 000", "“1 000” is not a number of points (write it like 1.25)");
  assert_refused ("0x10", "“0x10” is not a number of points (write it like 1.25)");
  assert_refused ("2 điểm", "“2 điểm” is not a number of points (write it like 1.25)");
  /* Overflow: refused, never wrapped round to a small or negative number. */
  assert_refused ("100000001", "“100000001” is not a number of points (write it like 1.25)");
  assert_refused ("99999999999999999999999999",
                  "“99999999999999999999999999” is not a number of points (write it like 1.25)");
  assert_refused ("-99999999999999999999999999",
                  "“-99999999999999999999999999” is not a number of points (write it like 1.25)");
}

static void
test_parse_no_error (void)
{
  ParPoints value = 77;

  /* A NULL GError is allowed and the value is left alone on refusal. */
  g_assert_false (par_points_parse ("x", &value, NULL));
  g_assert_cmpint (value, ==, 77);
}

static void
test_format (void)
{
  char buf[PAR_POINTS_FORMAT_SIZE];

  g_assert_cmpstr (par_points_format (1450, buf), ==, "14.50");
  g_assert_cmpstr (par_points_format (0, buf), ==, "0.00");
  g_assert_cmpstr (par_points_format (5, buf), ==, "0.05");
  g_assert_cmpstr (par_points_format (50, buf), ==, "0.50");
  g_assert_cmpstr (par_points_format (100, buf), ==, "1.00");
  g_assert_cmpstr (par_points_format (-25, buf), ==, "-0.25");
  g_assert_cmpstr (par_points_format (-100, buf), ==, "-1.00");
  g_assert_cmpstr (par_points_format (10000, buf), ==, "100.00");
  g_assert_cmpstr (par_points_format (G_MAXINT64, buf), ==, "92233720368547758.07");
  g_assert_cmpstr (par_points_format (G_MININT64, buf), ==, "-92233720368547758.08");
  g_assert_cmpstr (par_points_format_sep (1450, ',', buf), ==, "14,50");
  g_assert_cmpstr (par_points_format_sep (-5, ',', buf), ==, "-0,05");
  /* The returned pointer is the caller's buffer. */
  g_assert_true (par_points_format (1, buf) == buf);
}

static void
test_format_round_trip (void)
{
  /* Every value a criteria set can hold formats and parses back to itself. */
  for (ParPoints p = -2000; p <= 20000; p++)
    {
      char buf[PAR_POINTS_FORMAT_SIZE];
      ParPoints back = G_MININT64;

      g_assert_true (par_points_parse (par_points_format (p, buf), &back, NULL));
      g_assert_cmpint (back, ==, p);
      g_assert_true (par_points_parse (par_points_format_sep (p, ',', buf), &back, NULL));
      g_assert_cmpint (back, ==, p);
    }
}

static void
test_round_div (void)
{
  /* 0.125 points is 12.5 hundredths: halves go away from zero. */
  g_assert_cmpint (par_round_div (125, 10), ==, 13);
  g_assert_cmpint (par_round_div (-125, 10), ==, -13);
  g_assert_cmpint (par_round_div (125, -10), ==, -13);
  g_assert_cmpint (par_round_div (-125, -10), ==, 13);
  /* 0.1249… stays at 0.12; 0.12500…1 goes up. */
  g_assert_cmpint (par_round_div (1249, 100), ==, 12);
  g_assert_cmpint (par_round_div (124999, 10000), ==, 12);
  g_assert_cmpint (par_round_div (-1249, 100), ==, -12);
  g_assert_cmpint (par_round_div (125001, 10000), ==, 13);
  g_assert_cmpint (par_round_div (1251, 100), ==, 13);
  /* Small halves and thirds. */
  g_assert_cmpint (par_round_div (1, 2), ==, 1);
  g_assert_cmpint (par_round_div (-1, 2), ==, -1);
  g_assert_cmpint (par_round_div (3, 2), ==, 2);
  g_assert_cmpint (par_round_div (-3, 2), ==, -2);
  g_assert_cmpint (par_round_div (1, 3), ==, 0);
  g_assert_cmpint (par_round_div (2, 3), ==, 1);
  g_assert_cmpint (par_round_div (-2, 3), ==, -1);
  g_assert_cmpint (par_round_div (-1, 3), ==, 0);
  g_assert_cmpint (par_round_div (0, 7), ==, 0);
  g_assert_cmpint (par_round_div (14, 7), ==, 2);
  g_assert_cmpint (par_round_div (G_MAXINT64, 1), ==, G_MAXINT64);
  g_assert_cmpint (par_round_div (G_MAXINT64, G_MAXINT64), ==, 1);
  g_assert_cmpint (par_round_div (G_MININT64, 2), ==, G_MININT64 / 2);
  /* An odd extreme: (2^63 - 1) / 2 = …903.5 → …904. */
  g_assert_cmpint (par_round_div (G_MAXINT64, 2), ==, G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (par_round_div (-G_MAXINT64, 2), ==, -G_GINT64_CONSTANT (4611686018427387904));
  /* The most negative divisor is legal too (its negation does not fit in 64 bits). */
  g_assert_cmpint (par_round_div (1, G_MININT64), ==, 0);
  g_assert_cmpint (par_round_div (G_MININT64, G_MININT64), ==, 1);
  g_assert_cmpint (par_round_div (G_GINT64_CONSTANT (4611686018427387904), G_MININT64), ==, -1);
}

static void
test_round_div_by_zero (void)
{
  if (g_test_subprocess ())
    {
      par_round_div (1, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*den != 0*");
}

static void
test_mul_div_round (void)
{
  /* 0.5 × 0.25 points = 0.125 → 0.13 (hundredths: 50 × 25 / 100 = 12.5 → 13). */
  g_assert_cmpint (par_mul_div_round (50, 25, 100), ==, 13);
  g_assert_cmpint (par_mul_div_round (-50, 25, 100), ==, -13);
  g_assert_cmpint (par_mul_div_round (50, -25, 100), ==, -13);
  g_assert_cmpint (par_mul_div_round (-50, -25, 100), ==, 13);
  g_assert_cmpint (par_mul_div_round (1249, 1, 100), ==, 12);
  g_assert_cmpint (par_mul_div_round (1, 5, 10), ==, 1);
  g_assert_cmpint (par_mul_div_round (1, 4, 10), ==, 0);
  g_assert_cmpint (par_mul_div_round (1, 6, 10), ==, 1);
  /* 2 points × 4891/4898 = 1.99714… → 2.00. */
  g_assert_cmpint (par_mul_div_round (200, 4891, 4898), ==, 200);
  /* 2 points × 45/60 = 1.50 exactly. */
  g_assert_cmpint (par_mul_div_round (200, 45, 60), ==, 150);
  /* The product does not fit in 64 bits; the result does, and is exact. */
  g_assert_cmpint (par_mul_div_round (G_MAXINT64, G_MAXINT64, G_MAXINT64), ==, G_MAXINT64);
  g_assert_cmpint (par_mul_div_round (G_MAXINT64, 3, 6), ==, G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (par_mul_div_round (G_MININT64, G_MAXINT64, G_MAXINT64), ==, G_MININT64);
  g_assert_cmpint (par_mul_div_round (G_GINT64_CONSTANT (3037000500), G_GINT64_CONSTANT (3037000500),
                                      G_GINT64_CONSTANT (3037000500)),
                   ==, G_GINT64_CONSTANT (3037000500));
  /* The 128-bit form the rules use: a proportional rule's max × a·10000 over b × 10000, beyond
   * 64 bits, halves away from zero. */
  {
    __int128 big = (__int128) G_GINT64_CONSTANT (999999999999) * 100 * 10000 * 10000;

    g_assert_true (par_round_div128 (big, (__int128) G_GINT64_CONSTANT (999999999999) * 100 * 10000) == 10000);
    g_assert_true (par_round_div128 (big + 1, big * 2) == 1);       /* just above a half */
    g_assert_true (par_round_div128 (big, big * 2) == 1);           /* a half: away from zero */
    g_assert_true (par_round_div128 (-big, big * 2) == -1);
    g_assert_true (par_round_div128 (big - 1, big * 2) == 0);
  }
}

/* par_round_div128 () divides in 64 bits when both sides fit, in 128 bits otherwise: the same
 * quotients and the same rounding on each side of that line. */
static void
test_round_div128_either_width (void)
{
  __int128 max64 = G_MAXINT64;

  /* Halves away from zero, every sign. */
  g_assert_true (par_round_div128 (5, 10) == 1);
  g_assert_true (par_round_div128 (4, 10) == 0);
  g_assert_true (par_round_div128 (-5, 10) == -1);
  g_assert_true (par_round_div128 (5, -10) == -1);
  g_assert_true (par_round_div128 (-5, -10) == 1);
  g_assert_true (par_round_div128 (7, -2) == -4);
  g_assert_true (par_round_div128 (-6, 4) == -2);
  g_assert_true (par_round_div128 (0, 3) == 0);
  /* 2 points × 4891/4898, as a proportional rule computes it: 1.99714… → 2.00. */
  g_assert_true (par_round_div128 ((__int128) 200 * 4891 * 10000, (__int128) 4898 * 10000) == 200);
  /* At the line: the largest 64-bit numerator, then one more. */
  g_assert_true (par_round_div128 (max64, 2) == G_GINT64_CONSTANT (4611686018427387904));
  g_assert_true (par_round_div128 (max64 - 1, 2) == G_GINT64_CONSTANT (4611686018427387903));
  g_assert_true (par_round_div128 (max64 + 1, 2) == G_GINT64_CONSTANT (4611686018427387904));
  g_assert_true (par_round_div128 (-max64, 2) == -G_GINT64_CONSTANT (4611686018427387904));
  g_assert_true (par_round_div128 (max64 + 2, 4) == G_GINT64_CONSTANT (2305843009213693952));
  g_assert_true (par_round_div128 (max64, max64) == 1);
  g_assert_true (par_round_div128 (max64 / 2, max64) == 0);
  g_assert_true (par_round_div128 (max64 / 2 + 1, max64) == 1);
  /* A divisor beyond 64 bits. */
  g_assert_true (par_round_div128 (max64, max64 + 1) == 1);
  g_assert_true (par_round_div128 (1, max64 + 1) == 0);
}

static void
test_percent_of (void)
{
  /* Bình Thuận 2018: 93.76 of an applicable maximum of 95 → 98.69 %. */
  g_assert_cmpint (par_percent_of (9376, 9500), ==, 9869);
  /* 93.95 of 98.60 is 95.284 % → 95.28 % (the published "95.27 %" is not what it gives). */
  g_assert_cmpint (par_percent_of (9395, 9860), ==, 9528);
  /* 85.21 of 96.50 = 88.300518… % → 88.30 %. */
  g_assert_cmpint (par_percent_of (8521, 9650), ==, 8830);
  g_assert_cmpint (par_percent_of (0, 9500), ==, 0);
  g_assert_cmpint (par_percent_of (9500, 9500), ==, 10000);
  g_assert_cmpint (par_percent_of (100, 300), ==, 3333);
  g_assert_cmpint (par_percent_of (200, 300), ==, 6667);
  g_assert_cmpint (par_percent_of (1, 8), ==, 1250);
  /* 1 / 20000 = 0.005 % is a half: away from zero → 0.01 %; just below it → 0. */
  g_assert_cmpint (par_percent_of (1, 20000), ==, 1);
  g_assert_cmpint (par_percent_of (1, 20001), ==, 0);
  g_assert_cmpint (par_percent_of (-1, 20000), ==, -1);
  /* Bonuses can lift an index above 100 %, deductions below 0. */
  g_assert_cmpint (par_percent_of (10100, 10000), ==, 10100);
  g_assert_cmpint (par_percent_of (-250, 10000), ==, -250);
}

static void
test_macro (void)
{
  g_assert_cmpint (PAR_POINTS (14, 50), ==, 1450);
  g_assert_cmpint (PAR_POINTS (0, 25), ==, 25);
  g_assert_cmpint (PAR_POINTS (100, 0), ==, 10000);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/points/parse", test_parse);
  g_test_add_func ("/points/parse-no-error", test_parse_no_error);
  g_test_add_func ("/points/format", test_format);
  g_test_add_func ("/points/format-round-trip", test_format_round_trip);
  g_test_add_func ("/points/macro", test_macro);
  g_test_add_func ("/points/round-div", test_round_div);
  g_test_add_func ("/points/round-div-by-zero", test_round_div_by_zero);
  g_test_add_func ("/points/mul-div-round", test_mul_div_round);
  g_test_add_func ("/points/round-div128-either-width", test_round_div128_either_width);
  g_test_add_func ("/points/percent-of", test_percent_of);

  return g_test_run ();
}
