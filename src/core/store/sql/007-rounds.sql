-- Parscore store, schema version 7: the council's appraisal rounds (issue 14). A round gathers
-- the units of one criteria set, year and level; its stage says which round is open (1: the
-- council appraises the submissions, 2: it hears the units' replies and fixes the final
-- scores, 3: closed, final). Every package received is kept whole, late or replaced: never
-- lost. Replies are the unit's, one per disputed sub-criterion of a year.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE rounds (
  id                   INTEGER PRIMARY KEY,
  set_id               TEXT NOT NULL CHECK (length (set_id) > 0),
  year                 INTEGER NOT NULL,
  level                TEXT NOT NULL CHECK (level IN ('department', 'district', 'commune')),
  submission_deadline  TEXT,
  reply_deadline       TEXT,
  stage                INTEGER NOT NULL DEFAULT 1 CHECK (stage IN (1, 2, 3)),
  created_at           TEXT NOT NULL,
  UNIQUE (set_id, year, level)
);

CREATE TABLE round_packages (
  id           INTEGER PRIMARY KEY,
  round_id     INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  unit_name    TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('submission', 'appraisal', 'reply')),
  stage        INTEGER NOT NULL,
  received_at  TEXT NOT NULL,
  late         INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  seal         TEXT NOT NULL CHECK (length (seal) = 64),
  file_name    TEXT NOT NULL,
  data         BLOB NOT NULL
);
CREATE INDEX round_packages_round ON round_packages (round_id, unit_name);

CREATE TABLE replies (
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  code           TEXT NOT NULL,
  text           TEXT NOT NULL CHECK (length (text) > 0),
  written_at     TEXT NOT NULL,
  actor          TEXT,
  PRIMARY KEY (assessment_id, code)
) WITHOUT ROWID;

PRAGMA user_version = 7;
