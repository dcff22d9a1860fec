-- Parscore store, schema version 6: figure values (criteria-set format 2). A figure is declared
-- once by the year's criteria set (the number of files received, resolved on time…) and entered
-- per period: "year", or a part of it ("h1", "q3", "m07"). Values are the canonical text of the
-- figure's type ("4891", "99.50", "2020-01-14", "true"), never a floating-point number; what may
-- be stored is decided by the core's one check (par_figure_check_value()) in every write.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE figure_values (
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  figure         TEXT NOT NULL CHECK (length(figure) > 0),
  period         TEXT NOT NULL CHECK (length(period) > 0),
  value          TEXT NOT NULL CHECK (typeof(value) = 'text' AND length(value) > 0),
  PRIMARY KEY (assessment_id, figure, period)
) WITHOUT ROWID;

PRAGMA user_version = 6;
