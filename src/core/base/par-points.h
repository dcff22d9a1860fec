/* par-points.h — fixed-point points (hundredths) and the one rounding rule.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ParPoints:
 *
 * An amount of points in hundredths: 14.50 points is 1450. Never a float.
 */
typedef gint64 ParPoints;

#define PAR_POINTS(whole, hundredths) ((ParPoints) (whole) * 100 + (hundredths))
#define PAR_POINTS_FORMAT_SIZE 32

/**
 * par_points_parse:
 * @text: the text to read
 * @out: (out): the points in hundredths; left alone on failure
 * @error: %PAR_ERROR_PARSE, a translated message quoting @text
 *
 * Reads an amount of points written as
 *
 *     points = [ space ] [ "-" ] digits [ ( "." | "," ) digit [ digit ] ] [ space ]
 *     digits = digit { digit }     (at most 100 000 000 points)
 *
 * so "1", "0.5", "14.50", "-0.25" and "1,25" are read; "1.", ".5", "1.234" (three decimals),
 * "+1", "1 000", "1e3", "" and anything else are refused. Space is ASCII white space around the
 * number. There is no thousands separator: a comma is the decimal separator, the way a
 * Vietnamese spreadsheet writes it. (Criteria files may only use the dot: their schema says so.)
 *
 * Returns: %TRUE when @text is a number of points.
 */
gboolean  par_points_parse        (const char  *text,
                                   ParPoints   *out,
                                   GError     **error);
/* Canonical form with a dot and two decimals: "14.50", "-0.25". Returns @buf. */
char     *par_points_format       (ParPoints    points,
                                   char         buf[PAR_POINTS_FORMAT_SIZE]);
/* The decimal separator numbers are shown with in the current language: ',' in Vietnamese,
 * '.' otherwise. Canonical values (files, JSON, CSV) always use '.'. */
char      par_points_decimal_separator (void);
/* Same with the given decimal separator (',' for Vietnamese screens). */
char     *par_points_format_sep   (ParPoints    points,
                                   char         decimal_sep,
                                   char         buf[PAR_POINTS_FORMAT_SIZE]);

/**
 * par_round_div:
 * @num: numerator
 * @den: denominator, > 0
 *
 * The rounding rule of Parscore: @num / @den rounded to the nearest integer, halves away
 * from zero. Every computed fraction of points or percent goes through this function.
 * Computations are done in 128 bits, so any gint64 inputs are exact.
 */
gint64    par_round_div           (gint64       num,
                                   gint64       den);
/* a * b / den with the rounding rule, exact in 128 bits. */
gint64    par_mul_div_round       (gint64       a,
                                   gint64       b,
                                   gint64       den);
/* The same rule on 128-bit values (a rule's ratio of two figures): the one implementation the
 * others call. */
__int128  par_round_div128        (__int128     num,
                                   __int128     den);

/**
 * par_percent_of:
 * @part: achieved points (hundredths)
 * @whole: maximum points (hundredths), > 0
 *
 * Returns: the percentage in hundredths of a percent (98.69 % is 9869), rounded by the rule.
 */
gint64    par_percent_of          (ParPoints    part,
                                   ParPoints    whole);

G_END_DECLS
