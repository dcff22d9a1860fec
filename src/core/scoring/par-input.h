/* par-input.h — the figures a rule needs: reading what the user typed, reading what is stored.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-framework.h"

G_BEGIN_DECLS

/* Whole-number figures are 0 … 999,999,999,999: enough for any count of files, meetings or
 * đồng, and small enough that every product a rule computes stays exact in 64 bits. */
#define PAR_INPUT_INTEGER_MAX G_GINT64_CONSTANT (999999999999)
/* Decimal figures are 0 … 100,000,000.00 (in hundredths here), the range of points. */
#define PAR_INPUT_DECIMAL_MAX G_GINT64_CONSTANT (10000000000)

/**
 * par_input_normalize:
 * @input: the input's declaration
 * @text: what the user typed ("4.891" or "4,891" for integers in either locale convention,
 *        "99,5" or "99.5" for decimals, "14/01/2023" or "2023-01-14" for dates, "có"/"yes"…)
 * @error: a translated message naming the input's label
 *
 * Returns: (transfer full): the canonical value, "" for empty text, or %NULL on error.
 */
char       *par_input_normalize      (const ParInput *input,
                                      const char     *text,
                                      GError        **error);

/**
 * ParInputValue:
 * @number: integers as they are; decimals and percentages in hundredths
 * @scale: 1 for integers, 100 for hundredths
 *
 * A stored figure read back. Dates, yes/no and choices keep their canonical text.
 */
typedef struct {
  gint64 number;
  int    scale;
} ParInputValue;

/**
 * par_input_read:
 * @input: the input's declaration
 * @value: a stored, canonical value: integer "4891" (0 … %PAR_INPUT_INTEGER_MAX), decimal
 *   "99.50" (0 or more, one or two decimals, up to 100,000,000), percent "99.50" (0 … 100),
 *   date "2023-01-14" (a real day, years 1900 … 2200), boolean "true"/"false", choice one of
 *   the option values
 * @out: (nullable): the number, for numeric inputs
 *
 * The one reading of a stored figure: the scorer and the entry check both use it, so what the
 * check lets through the scorer can always read.
 *
 * Returns: whether @value is a valid value of @input's type and range.
 */
gboolean    par_input_read           (const ParInput *input,
                                      const char     *value,
                                      ParInputValue  *out);

/* A canonical date: "2023-01-14", a real day of the years 1900 … 2200. */
gboolean    par_input_is_iso_date    (const char     *text);

G_END_DECLS
