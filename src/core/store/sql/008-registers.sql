-- Parscore store, schema version 8: register rows (issue 13, criteria-set format 2). A register
-- (sổ theo dõi: plan tasks, reports sent, survey forms, procedure statistics) is declared by the
-- year's criteria set with typed columns; a unit keeps its rows per year. One row per record, in
-- the order kept; one cell per filled column, typed by its column's type: integers and yes/no as
-- SQLite integers, decimals, dates, choices and text as their canonical text — never a blob, never
-- floating point (the value column has no affinity: SQLite keeps each as written). What may be stored is decided by the core's one check
-- (par_register_check_row()) in every write; the CHECKs below only keep other tools honest.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE register_rows (
  id             INTEGER PRIMARY KEY,
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  register       TEXT NOT NULL CHECK (length (register) > 0),
  position       INTEGER NOT NULL CHECK (position >= 1),
  carried_from   INTEGER,   -- the row of the previous year it was carried from (its id then)
  UNIQUE (assessment_id, register, position)
);

CREATE TABLE register_cells (
  row_id   INTEGER NOT NULL REFERENCES register_rows (id) ON DELETE CASCADE,
  col      TEXT NOT NULL CHECK (length (col) > 0),
  kind     TEXT NOT NULL CHECK (kind IN ('text', 'integer', 'decimal', 'date', 'yes-no', 'choice')),
  value    NOT NULL CHECK (
             CASE kind
               WHEN 'integer' THEN typeof (value) = 'integer' AND value >= 0
               WHEN 'yes-no' THEN typeof (value) = 'integer' AND value IN (0, 1)
               WHEN 'date' THEN typeof (value) = 'text' AND
                                value GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'
               WHEN 'decimal' THEN typeof (value) = 'text' AND value GLOB '[0-9]*.[0-9][0-9]' AND
                                   value NOT GLOB '*[^0-9.]*'
               ELSE typeof (value) = 'text' AND length (value) > 0
             END),
  PRIMARY KEY (row_id, col)
) WITHOUT ROWID;

PRAGMA user_version = 8;
