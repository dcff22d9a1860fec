/* chart-fixtures.h — chart models for the render tests, the gallery and the benchmark.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "par-chart.h"

G_BEGIN_DECLS

/* The eight field names of the sample criteria set (876/QĐ-BNV structure). */
extern const char *const fixture_field_names[8];

/* Fields × years, index % varying between about 60 and 99 %, deterministic. Years start at
 * 2024 − @n_years + 1. */
ParChartModel *fixture_fields      (guint n_years, guint n_fields);
/* Total index over @n_years, self and appraised; bands Xuất sắc/Tốt/Khá/Trung bình/Yếu. */
ParChartModel *fixture_total       (guint n_years, gboolean appraised);
/* Ten sub-criteria that lost points, as the builder makes them. */
ParChartModel *fixture_lost        (void);
/* Eight fields, self-assessed against final; field 3 not appraised, field 6 N/A. */
ParChartModel *fixture_dumbbell    (void);
/* 18 departments ranked, with bands; a 19th without result is named in a footnote. */
ParChartModel *fixture_ranking     (void);
/* The natural fixture of each chart type. */
ParChartModel *fixture_for_type    (ParChartType type);

G_END_DECLS
