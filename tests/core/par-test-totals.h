/* par-test-totals.h — one node's totals compared field by field, for the core tests that check
 * a result against another made a different way (test-scoring, test-entries-read).
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "par-core.h"

static inline void
par_test_assert_totals_equal (const ParNodeTotal *a,
                              const ParNodeTotal *b)
{
  g_assert_true (a->node == b->node);
  g_assert_cmpint (a->max, ==, b->max);
  g_assert_cmpint (a->applicable_max, ==, b->applicable_max);
  g_assert_cmpint (a->pending_max, ==, b->pending_max);
  g_assert_cmpint (a->self_total, ==, b->self_total);
  g_assert_cmpint (a->final_total, ==, b->final_total);
  g_assert_cmpint (a->has_appraised, ==, b->has_appraised);
  g_assert_cmpint (a->self_index, ==, b->self_index);
  g_assert_cmpint (a->index, ==, b->index);
  g_assert_cmpuint (a->leaves, ==, b->leaves);
  g_assert_cmpuint (a->done, ==, b->done);
  g_assert_cmpint (a->appraised_total, ==, b->appraised_total);
  g_assert_cmpint (a->appraised_max, ==, b->appraised_max);
  g_assert_cmpint (a->appraised_index, ==, b->appraised_index);
  g_assert_cmpuint (a->appraised_leaves, ==, b->appraised_leaves);
  g_assert_cmpuint (a->unappraised_leaves, ==, b->unappraised_leaves);
  g_assert_cmpuint (a->survey_leaves, ==, b->survey_leaves);
  g_assert_cmpuint (a->surveyed_leaves, ==, b->surveyed_leaves);
}
