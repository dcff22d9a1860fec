-- Parscore store, schema version 1: the base tables.
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Applied in one transaction by par-store.c; the last statement stamps the version.
-- Never edit a released step: add a new one instead.

PRAGMA application_id = 1346458195;  -- 'PARS'

CREATE TABLE units (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  level       TEXT NOT NULL CHECK (level IN ('department', 'district', 'commune')),
  created_at  TEXT NOT NULL
);

-- Criteria sets stored verbatim: a year keeps the bytes it was scored with.
CREATE TABLE frameworks (
  id           INTEGER PRIMARY KEY,
  set_id       TEXT NOT NULL,
  title        TEXT NOT NULL,
  sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  source       BLOB NOT NULL,
  imported_at  TEXT NOT NULL
);

CREATE TABLE assessments (
  id             INTEGER PRIMARY KEY,
  unit_id        INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
  year           INTEGER NOT NULL,
  framework_row  INTEGER NOT NULL REFERENCES frameworks (id) ON DELETE RESTRICT,
  status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'submitted', 'appraised')),
  created_at     TEXT NOT NULL,
  UNIQUE (unit_id, year)
);
CREATE INDEX assessments_framework ON assessments (framework_row);

-- One row per scored leaf; points are INTEGER hundredths, NULL when not entered. Input values
-- are one canonical JSON object of strings ({"done":"19","planned":"20"}, keys sorted, compact):
-- a whole entry is one row, and WITHOUT ROWID keeps an assessment's rows together on disk,
-- so reading a year is one short range scan, however the edits were spread over time.
CREATE TABLE entries (
  assessment_id    INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  code             TEXT NOT NULL,
  inputs           TEXT NOT NULL DEFAULT '{}'
                     CHECK (json_valid (inputs) AND json_type (inputs) = 'object'),
  self_score       INTEGER,
  not_applicable   INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
  explanation      TEXT,
  appraised_score  INTEGER,
  PRIMARY KEY (assessment_id, code)
) WITHOUT ROWID;

-- Evidence documents (tài liệu kiểm chứng).
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  number      TEXT NOT NULL,
  issue_date  TEXT,
  issuer      TEXT,
  summary     TEXT
);

CREATE TABLE evidence_links (
  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  code           TEXT NOT NULL,
  PRIMARY KEY (assessment_id, code, document_id)
) WITHOUT ROWID;

-- Files of a document; the bytes live in <db>.attachments/<sha[0:2]>/<sha>.
CREATE TABLE attachments (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  size           INTEGER NOT NULL CHECK (size >= 0),
  original_name  TEXT NOT NULL,
  added_at       TEXT NOT NULL,
  UNIQUE (document_id, sha256)
);

CREATE TABLE audit_log (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  what       TEXT NOT NULL,
  old_value  TEXT,
  new_value  TEXT
);

PRAGMA user_version = 1;
