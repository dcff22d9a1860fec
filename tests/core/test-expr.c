/* test-expr.c — the format-2 expression language: parsing, types, exact evaluation, defined
 * results (missing, division by zero, overflow), explanations, and hostile expressions.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib.h>

#include "par-error.h"
#include "par-expr.h"

/* Slots: a b c (numbers), p (percent), yes no (booleans), d1 d2 (dates), m (missing),
 * big (10^18), z (0). */
enum { A, B, C, P, YES, NO, D1, D2, M, BIG, Z, N_SLOTS };

static ParExprScope *
scope (void)
{
  ParExprScope *s = par_expr_scope_new ();
  par_expr_scope_add (s, "a", PAR_EXPR_TYPE_NUMBER, FALSE, A);
  par_expr_scope_add (s, "b", PAR_EXPR_TYPE_NUMBER, FALSE, B);
  par_expr_scope_add (s, "c", PAR_EXPR_TYPE_NUMBER, FALSE, C);
  par_expr_scope_add (s, "p", PAR_EXPR_TYPE_NUMBER, TRUE, P);
  par_expr_scope_add (s, "yes", PAR_EXPR_TYPE_BOOLEAN, FALSE, YES);
  par_expr_scope_add (s, "no", PAR_EXPR_TYPE_BOOLEAN, FALSE, NO);
  par_expr_scope_add (s, "d1", PAR_EXPR_TYPE_DATE, FALSE, D1);
  par_expr_scope_add (s, "d2", PAR_EXPR_TYPE_DATE, FALSE, D2);
  par_expr_scope_add (s, "m", PAR_EXPR_TYPE_NUMBER, FALSE, M);
  par_expr_scope_add (s, "big", PAR_EXPR_TYPE_NUMBER, FALSE, BIG);
  par_expr_scope_add (s, "z", PAR_EXPR_TYPE_NUMBER, FALSE, Z);
  return s;
}

static ParExprValue
lookup (guint    slot,
        gpointer data)
{
  ParExprValue v;

  switch (slot)
    {
    case A: return par_expr_value_number (4891, 1);
    case B: return par_expr_value_number (4898, 1);
    case C: return par_expr_value_number (7, 1);
    case P:
      v = par_expr_value_number (9950, 10000);   /* 99.50 % */
      v.percent = TRUE;
      return v;
    case YES: return par_expr_value_boolean (TRUE);
    case NO: return par_expr_value_boolean (FALSE);
    case D1: return par_expr_value_date (738000);
    case D2: return par_expr_value_date (738010);
    case BIG: return par_expr_value_number (G_GINT64_CONSTANT (1000000000000000000), 1);
    case Z: return par_expr_value_number (0, 1);
    default: return par_expr_value_missing ();
    }
}

static char *
describe (guint    slot,
          gpointer data)
{
  static const char *names[] = { "a", "b", "c", "p", "yes", "no", "d1", "d2", "m", "big", "z" };
  return g_strdup (slot < G_N_ELEMENTS (names) ? names[slot] : "?");
}

static ParExprValue
eval (const char *text)
{
  g_autoptr(ParExprScope) s = scope ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ParExpr) expr = par_expr_parse (text, s, &error);

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  return par_expr_evaluate (expr, lookup, NULL);
}

static void
assert_number (const char *text,
               gint64      num,
               gint64      den)
{
  ParExprValue v = eval (text);

  if (v.kind != PAR_EXPR_NUMBER || v.num != num || v.den != den)
    g_error ("%s: expected %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", got kind %d %" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT, text, num, den, v.kind, v.num, v.den);
}

static void
assert_bool (const char *text,
             gboolean    expected)
{
  ParExprValue v = eval (text);

  if (v.kind != PAR_EXPR_BOOLEAN || (v.num != 0) != expected)
    g_error ("%s: expected %s, got kind %d value %" G_GINT64_FORMAT, text,
             expected ? "true" : "false", v.kind, v.num);
}

static void
assert_kind (const char  *text,
             ParExprKind  kind)
{
  ParExprValue v = eval (text);

  if (v.kind != kind)
    g_error ("%s: expected kind %d, got %d", text, kind, v.kind);
}

static void
assert_refused (const char *text,
                int         code,
                const char *fragment)
{
  g_autoptr(ParExprScope) s = scope ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ParExpr) expr = par_expr_parse (text, s, &error);

  g_assert_null (expr);
  g_assert_error (error, PAR_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("%s: message “%s” lacks “%s”", text, error->message, fragment);
}

static void
test_arithmetic (void)
{
  assert_number ("1 + 2 * 3", 7, 1);
  assert_number ("(1 + 2) * 3", 9, 1);
  assert_number ("10 - 4 - 3", 3, 1);          /* left to right */
  assert_number ("12 / 4 / 3", 1, 1);
  assert_number ("1 / 3 + 1 / 6", 1, 2);       /* exact: 0.5, no float drift */
  assert_number ("0.1 + 0.2", 3, 10);          /* exactly 0.3 */
  assert_number ("-a + b", 7, 1);
  assert_number ("a / b", 4891, 4898);
  assert_number ("(b - c) / b", 4891, 4898);   /* (total − dissatisfied) / total */
  assert_number ("90%", 9, 10);
  assert_number ("p", 199, 200);               /* 99.50 % is 0.995 */
  assert_number ("min (a, b, c)", 7, 1);
  assert_number ("max (a, b, c)", 4898, 1);
  assert_number ("if (a < b, 1, 2)", 1, 1);
  assert_number ("d2 - d1", 10, 1);            /* days between two dates */
  assert_number ("2 × 3 ÷ 4 − 1", 1, 2);       /* the typographic signs */
  assert_number ("1.5 * 2", 3, 1);
}

static void
test_comparisons (void)
{
  assert_bool ("a / b > 90%", TRUE);
  assert_bool ("a / b >= 99.86%", FALSE);      /* 99.857… % is below 99.86 % */
  assert_bool ("a / b > 99.85%", TRUE);
  assert_bool ("2 / 3 = 4 / 6", TRUE);
  assert_bool ("1 / 3 != 0.333333", TRUE);
  assert_bool ("a ≤ b and b ≥ a", TRUE);
  assert_bool ("a <> b", TRUE);
  assert_bool ("yes and not no", TRUE);
  assert_bool ("no or yes", TRUE);
  assert_bool ("yes = no", FALSE);
  assert_bool ("d1 < d2", TRUE);
  assert_bool ("p >= 99.5%", TRUE);
  assert_bool ("a + 7 = b", TRUE);             /* received = resolved + pending */
  assert_bool ("not (a > b) and (c < 10 or no)", TRUE);
}

static void
test_missing_and_zero (void)
{
  /* Missing propagates: never a silent 0. */
  assert_kind ("m", PAR_EXPR_MISSING);
  assert_kind ("m + 1", PAR_EXPR_MISSING);
  assert_kind ("m * 0", PAR_EXPR_MISSING);
  assert_kind ("m > 0", PAR_EXPR_MISSING);
  assert_kind ("min (m, 1)", PAR_EXPR_MISSING);
  assert_kind ("not (m > 0)", PAR_EXPR_MISSING);
  /* …but a decisive side of and/or decides. */
  assert_bool ("no and m > 0", FALSE);
  assert_bool ("m > 0 and no", FALSE);
  assert_bool ("yes or m > 0", TRUE);
  assert_kind ("yes and m > 0", PAR_EXPR_MISSING);
  /* Division by zero is its own result, and wins over missing. */
  assert_kind ("a / z", PAR_EXPR_DIV_ZERO);
  assert_kind ("a / (b - b)", PAR_EXPR_DIV_ZERO);
  assert_kind ("m + a / z", PAR_EXPR_DIV_ZERO);
  assert_kind ("a / z > 90%", PAR_EXPR_DIV_ZERO);
  /* if evaluates the branch it picks only. */
  assert_number ("if (z = 0, 1, a / z)", 1, 1);
  assert_number ("if (yes, 5, m)", 5, 1);
  assert_kind ("if (m > 1, 5, 6)", PAR_EXPR_MISSING);
}

static void
test_overflow (void)
{
  /* 10^18 × 10^18 does not fit: overflow, never a wrapped number. */
  assert_kind ("big * big", PAR_EXPR_OVERFLOW);
  assert_kind ("big * 10", PAR_EXPR_OVERFLOW);
  assert_number ("big * 9", G_GINT64_CONSTANT (9000000000000000000), 1);
  assert_kind ("big * 9 + big", PAR_EXPR_OVERFLOW);
  assert_kind ("-big * 10", PAR_EXPR_OVERFLOW);
  assert_kind ("1 / big / big", PAR_EXPR_OVERFLOW);
  /* Overflow wins over division by zero and missing. */
  assert_kind ("m + a / z + big * big", PAR_EXPR_OVERFLOW);
  /* Comparisons of the largest values are exact (128-bit cross products). */
  assert_bool ("big * 9 > big * 9 - 1", TRUE);
  assert_bool ("(big * 9 - 1) / (big * 9) < 1", TRUE);
  assert_kind ("999999999999999 * 999999999999999", PAR_EXPR_OVERFLOW);
}

static void
test_refused (void)
{
  assert_refused ("", PAR_ERROR_PARSE, "empty");
  assert_refused ("a +", PAR_ERROR_PARSE, "ends where a value was expected");
  assert_refused ("(a + b", PAR_ERROR_PARSE, "“)” was expected");
  assert_refused ("a + b)", PAR_ERROR_PARSE, "closes nothing");
  assert_refused ("a b", PAR_ERROR_PARSE, "“b” was not expected");
  assert_refused ("unknown_id + 1", PAR_ERROR_INVALID, "unknown figure “unknown_id”");
  assert_refused ("sqrt (a)", PAR_ERROR_INVALID, "there is no function “sqrt”");
  assert_refused ("system (a)", PAR_ERROR_INVALID, "no function");
  assert_refused ("a + yes", PAR_ERROR_INVALID, "needs a number, not a yes/no value");
  assert_refused ("a and b", PAR_ERROR_INVALID, "needs a yes/no value");
  assert_refused ("a < d1", PAR_ERROR_INVALID, "only two numbers or two dates");
  assert_refused ("d1 + d2", PAR_ERROR_INVALID, "needs a number");
  assert_refused ("yes < no", PAR_ERROR_INVALID, "only two numbers or two dates");
  assert_refused ("if (a, 1, 2)", PAR_ERROR_INVALID, "the condition of if");
  assert_refused ("if (yes, 1, no)", PAR_ERROR_INVALID, "one type");
  assert_refused ("if (yes, 1)", PAR_ERROR_PARSE, "three parts");
  assert_refused ("min (a)", PAR_ERROR_PARSE, "two values or more");
  assert_refused ("a < b < c", PAR_ERROR_PARSE, "do not chain");
  assert_refused ("1.", PAR_ERROR_PARSE, "is not a number");
  assert_refused ("1.2.3", PAR_ERROR_PARSE, "is not a number");
  assert_refused ("0.1234567", PAR_ERROR_PARSE, "more than 6 decimals");
  assert_refused ("1000000000000001", PAR_ERROR_PARSE, "too large");
  assert_refused ("9999999999999999999999999", PAR_ERROR_PARSE, "too large");
  /* 15 digits and 6 decimals are 21 digits: read without overflow (UBSan found it), refused
   * when past gint64; 18 digits are exact. */
  assert_refused ("999999999999999.999999", PAR_ERROR_PARSE, "too large");
  assert_number ("999999999999.999999", G_GINT64_CONSTANT (999999999999999999), 1000000);
  assert_refused ("a ; b", PAR_ERROR_PARSE, "“;” is not allowed");
  assert_refused ("a\xe2\x80\xae + b", PAR_ERROR_PARSE, "is not allowed");
  assert_refused ("and", PAR_ERROR_PARSE, "a value was expected before “and”");
  assert_refused ("p >= 95", PAR_ERROR_INVALID, "compared with the plain number 95; write it with %");
  assert_refused ("a / b > 90%%", PAR_ERROR_PARSE, "“%” was not expected");
  /* The position is counted in characters: "≤" is one. */
  assert_refused ("a ≤ $", PAR_ERROR_PARSE, "at character 5");
}

static void
test_hostile (void)
{
  g_autoptr(ParExprScope) s = scope ();
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) long_text = g_string_new ("a");
  g_autoptr(GString) wide = g_string_new ("a");
  g_autoptr(GString) nots = g_string_new (NULL);
  g_autoptr(GString) negs = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ParExpr *expr;

  /* 10,000 nested parentheses: refused at the depth bound, no stack overflow. */
  for (int i = 0; i < 10000; i++)
    g_string_append_c (deep, '(');
  expr = par_expr_parse (deep->str, s, &error);
  g_assert_null (expr);
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_clear_error (&error);
  for (int i = 0; i < 400; i++)
    g_string_append (nots, "not ");
  g_string_append (nots, "yes");
  g_assert_null (par_expr_parse (nots->str, s, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
  g_clear_error (&error);
  for (int i = 0; i < 1000; i++)
    g_string_append (negs, "-");
  g_string_append (negs, "a");
  g_assert_null (par_expr_parse (negs->str, s, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_clear_error (&error);
  /* Within the bound it parses. */
  g_string_truncate (deep, 0);
  for (int i = 0; i < 20; i++)
    g_string_append_c (deep, '(');
  g_string_append_c (deep, 'a');
  for (int i = 0; i < 20; i++)
    g_string_append_c (deep, ')');
  expr = par_expr_parse (deep->str, s, &error);
  g_assert_no_error (error);
  par_expr_free (expr);
  /* Too long. */
  while (long_text->len <= PAR_EXPR_MAX_LENGTH)
    g_string_append (long_text, " + a");
  g_assert_null (par_expr_parse (long_text->str, s, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  /* Too many parts, within the length: "a+a+a…" of 1,999 bytes has 1,000 parts. */
  while (wide->len + 2 <= PAR_EXPR_MAX_LENGTH)
    g_string_append (wide, "+a");
  g_assert_null (par_expr_parse (wide->str, s, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);
  /* Not UTF-8. */
  g_assert_null (par_expr_parse ("a + \xff", s, &error));
  g_assert_error (error, PAR_ERROR, PAR_ERROR_PARSE);
}

static void
test_slots_and_types (void)
{
  g_autoptr(ParExprScope) s = scope ();
  g_autoptr(ParExprScope) nested = par_expr_scope_new_nested (s);
  g_autoptr(GError) error = NULL;
  g_autoptr(ParExpr) expr = NULL;
  const GArray *slots;

  g_assert_false (par_expr_scope_add (s, "a", PAR_EXPR_TYPE_NUMBER, FALSE, 99));
  g_assert_false (par_expr_scope_add (nested, "a", PAR_EXPR_TYPE_NUMBER, FALSE, 99));
  g_assert_true (par_expr_scope_add (nested, "local", PAR_EXPR_TYPE_NUMBER, FALSE, 42));
  expr = par_expr_parse ("b + a * b > local", nested, &error);
  g_assert_no_error (error);
  g_assert_cmpint (par_expr_get_type (expr), ==, PAR_EXPR_TYPE_BOOLEAN);
  slots = par_expr_get_slots (expr);
  g_assert_cmpuint (slots->len, ==, 3);
  g_assert_cmpuint (g_array_index (slots, guint, 0), ==, B);
  g_assert_cmpuint (g_array_index (slots, guint, 1), ==, A);
  g_assert_cmpuint (g_array_index (slots, guint, 2), ==, 42);
  g_assert_cmpstr (par_expr_get_text (expr), ==, "b + a * b > local");
}

static void
test_rounding (void)
{
  ParExprValue v = par_expr_value_number (1, 8);   /* 0.125 */
  gint64 out = 0;

  g_assert_true (par_expr_value_round (&v, 100, &out));
  g_assert_cmpint (out, ==, 13);                    /* halves away from zero */
  v = par_expr_value_number (-1, 8);
  g_assert_true (par_expr_value_round (&v, 100, &out));
  g_assert_cmpint (out, ==, -13);
  v = par_expr_value_number (4891, 4898);
  g_assert_true (par_expr_value_round (&v, 10000, &out));
  g_assert_cmpint (out, ==, 9986);
}

static char *
explain (const char *text)
{
  g_autoptr(ParExprScope) s = scope ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ParExpr) expr = par_expr_parse (text, s, &error);

  g_assert_no_error (error);
  return par_expr_explain (expr, lookup, describe, NULL, '.');
}

static void
test_explain (void)
{
  struct { const char *expr, *text; } cases[] = {
    { "a / b > 90%", "a 4,891 / b 4,898 = 99.86 % > 90.00 %" },
    /* Never shown equal to a bound it does not reach. */
    { "a / b >= 99.86%", "a 4,891 / b 4,898 = 99.857 % ≥ 99.86 %" },
    { "(b - c) / b >= 99%", "(b 4,898 − c 7) / b 4,898 = 99.86 % ≥ 99.00 %" },
    { "a + c = b", "a 4,891 + c 7 = 4,898 = b 4,898" },
    { "yes and no", "yes yes and no no" },
    { "m > 0", "m not entered > 0" },
    { "a / z > 1", "a 4,891 / z 0 = division by zero > 1" },
    { "d1 < d2", "d1 29/07/2021 < d2 08/08/2021" },
    { "1 / 3 < 0.5", "1 / 3 = 0.33 < 0.50" },
    /* A right operand of − at the same level keeps its parentheses; a function its arguments. */
    { "b - (a - c) > 0", "b 4,898 − (a 4,891 − c 7) = 14 > 0" },
    { "max (a, c) > 0", "max (a 4,891, c 7) = 4,891 > 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = explain (cases[i].expr);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Token soup with a fixed seed: whatever parses evaluates and explains; nothing crashes, and a
 * refusal always says why. */
static void
test_random (void)
{
  static const char *tokens[] = {
    "a", "b", "m", "z", "big", "p", "yes", "no", "d1", "d2", "1", "0", "0.5", "90%", "999999999999999",
    "+", "-", "*", "/", "−", "×", "÷", "(", ")", ",", "<", "<=", "≥", "=", "!=", "and", "or", "not",
    "if", "min", "max", "true", "false", "%", "$", " ",
  };
  g_autoptr(ParExprScope) s = scope ();
  GRand *rand = g_rand_new_with_seed (12);
  guint parsed = 0;

  for (guint i = 0; i < 20000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(ParExpr) expr = NULL;
      guint n = g_rand_int_range (rand, 1, 14);

      for (guint k = 0; k < n; k++)
        {
          g_string_append (text, tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))]);
          g_string_append_c (text, ' ');
        }
      expr = par_expr_parse (text->str, s, &error);
      if (expr == NULL)
        {
          g_assert_nonnull (error);
          g_assert_cmpuint (strlen (error->message), >, 0);
          continue;
        }
      parsed++;
      {
        ParExprValue v = par_expr_evaluate (expr, lookup, NULL);
        g_autofree char *explained = par_expr_explain (expr, lookup, describe, NULL, ',');
        g_autofree char *shown = par_expr_value_format (&v, '.');
        g_assert_nonnull (explained);
        g_assert_nonnull (shown);
        if (v.kind == PAR_EXPR_NUMBER)
          g_assert_cmpint (v.den, >, 0);
      }
    }
  g_rand_free (rand);
  g_assert_cmpuint (parsed, >, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/expr/arithmetic", test_arithmetic);
  g_test_add_func ("/expr/comparisons", test_comparisons);
  g_test_add_func ("/expr/missing-and-zero", test_missing_and_zero);
  g_test_add_func ("/expr/overflow", test_overflow);
  g_test_add_func ("/expr/refused", test_refused);
  g_test_add_func ("/expr/hostile", test_hostile);
  g_test_add_func ("/expr/slots-and-types", test_slots_and_types);
  g_test_add_func ("/expr/rounding", test_rounding);
  g_test_add_func ("/expr/explain", test_explain);
  g_test_add_func ("/expr/random", test_random);
  return g_test_run ();
}
