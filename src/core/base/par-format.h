/* par-format.h — how numbers and dates look to people: points, percentages, thousands, dd/mm/yyyy.
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one formatter of the core, GTK-free. It never reads the locale: the caller passes the
 * decimal separator ('.' or ','), which par_points_decimal_separator() picks for the UI
 * language. The thousands mark is always the other one: "1.234,50" with ',', "1,234.50" with '.'.
 * Canonical values (files, JSON, CSV) are written by par_points_format() instead, always with '.'.
 */
#pragma once

#include <glib.h>

#include "par-points.h"

G_BEGIN_DECLS

/**
 * ParFormatFlags:
 * @PAR_FORMAT_PLAIN: digits, an ASCII '-' for negatives, no grouping
 * @PAR_FORMAT_GROUP: group the whole part in thousands with the mark that is not the decimal
 *   separator ("4.891" with ',', "4,891" with '.')
 * @PAR_FORMAT_MINUS: write negatives with the typographic minus U+2212 "−" (charts, print)
 * @PAR_FORMAT_PERCENT: append " %" (a space, then the sign)
 * @PAR_FORMAT_PERCENT_TIGHT: append "%" with no space (axis labels); wins over @PAR_FORMAT_PERCENT
 */
typedef enum {
  PAR_FORMAT_PLAIN         = 0,
  PAR_FORMAT_GROUP         = 1 << 0,
  PAR_FORMAT_MINUS         = 1 << 1,
  PAR_FORMAT_PERCENT       = 1 << 2,
  PAR_FORMAT_PERCENT_TIGHT = 1 << 3,
} ParFormatFlags;

/* Large enough for any gint64 with 18 decimals, grouping, a minus sign and " %". */
#define PAR_FORMAT_BUF_SIZE 64

/**
 * par_format_fixed_buf:
 * @value: a fixed-point number in units of 10^-@decimals (1450 with 2 decimals is 14.50)
 * @decimals: 0 … 18
 * @decimal_sep: '.' or ','
 * @flags: #ParFormatFlags
 * @buf: where to write
 *
 * The digit writer every other function here uses. Exact for every gint64, G_MININT64 included.
 *
 * Returns: @buf
 */
char     *par_format_fixed_buf      (gint64          value,
                                     guint           decimals,
                                     char            decimal_sep,
                                     ParFormatFlags  flags,
                                     char            buf[PAR_FORMAT_BUF_SIZE]);

/* Same, newly allocated (transfer full). */
char     *par_format_fixed          (gint64          value,
                                     guint           decimals,
                                     char            decimal_sep,
                                     ParFormatFlags  flags);

/**
 * par_format_points_sep:
 * @points: hundredths
 * @decimal_sep: '.' or ','
 *
 * Returns: (transfer full): "14,50", "-0,25", "0,00" — always two decimals.
 */
char     *par_format_points_sep     (ParPoints       points,
                                     char            decimal_sep);

/**
 * par_format_percent_sep:
 * @hundredths: a percentage in hundredths of a percent (98.69 % is 9869)
 * @decimals: how many decimals to show, 0 … 2; fewer than 2 round by the one rounding rule
 *   (halves away from zero: 98.65 % with one decimal is "98.7")
 * @decimal_sep: '.' or ','
 * @flags: add %PAR_FORMAT_PERCENT for "98,69 %", %PAR_FORMAT_PERCENT_TIGHT for "98,69%"
 *
 * A value that rounds to zero is written without a sign ("0", never "-0").
 *
 * Returns: (transfer full): "98,69" (no sign unless asked for).
 */
char     *par_format_percent_sep    (gint64          hundredths,
                                     guint           decimals,
                                     char            decimal_sep,
                                     ParFormatFlags  flags);

/**
 * par_format_thousands:
 * @value: a whole number
 * @decimal_sep: the decimal separator of the language: the thousands mark is the other one
 *
 * Returns: (transfer full): "4.891" with ',', "4,891" with '.', "-1.234.567", "999".
 */
char     *par_format_thousands      (gint64          value,
                                     char            decimal_sep);

/**
 * par_format_decimal_text:
 * @canonical: a canonical input value: an optional '-', digits, optionally '.' and digits
 *   ("1234.50", "4891", "-3")
 * @decimal_sep: '.' or ','
 * @flags: %PAR_FORMAT_GROUP to group the whole part
 *
 * Shows a stored figure the way it is read: "1234.50" → "1.234,50" (',' and grouping).
 * The decimals are kept as they are ("99.5" stays with one).
 *
 * Returns: (transfer full): the text; "" for %NULL; a copy of @canonical when it is not
 *   in the canonical form, so nothing is hidden or made up.
 */
char     *par_format_decimal_text   (const char     *canonical,
                                     char            decimal_sep,
                                     ParFormatFlags  flags);

/**
 * par_format_date_dmy:
 * @iso: an ISO date "2020-01-14", or the start of an ISO timestamp "2020-01-14T08:30:00Z"
 *
 * Dates are ISO inside and dd/mm/yyyy on screen and paper, in every language.
 *
 * Returns: (transfer full): "14/01/2020"; "" for %NULL or ""; a copy of @iso when it is not
 *   a real ISO date (so a broken value shows as it is, never as a plausible wrong date).
 */
char     *par_format_date_dmy       (const char     *iso);

/**
 * par_format_rank:
 * @rank: a place in a ranking, from 1
 * @tied: whether another unit shares it
 *
 * Returns: (transfer full): "2", or "2=" for a shared place.
 */
char     *par_format_rank           (guint           rank,
                                     gboolean        tied);

/**
 * par_format_rank_change:
 * @known: whether the change is known (the unit was ranked both years)
 * @change: places gained (more than 0) or lost (less than 0) since the year before
 *
 * Returns: (transfer full): "▲2" gained, "▼1" lost, "=" the same place, "—" not known.
 */
char     *par_format_rank_change    (gboolean        known,
                                     int             change);

/**
 * par_format_is_iso_date:
 * @text: (nullable): what was written for a date
 *
 * Whether @text is a real date written the way dates are stored: "2024-12-10", ten
 * characters, nothing before or after (no week or ordinal date, no time).
 */
gboolean  par_format_is_iso_date    (const char     *text);

G_END_DECLS
