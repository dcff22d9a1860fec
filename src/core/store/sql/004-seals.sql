-- Parscore store, schema version 4: seals of submitted and appraised years (data/SEAL.md).
-- Each seal is the SHA-256 of the year's canonical text when it was locked (or changed by
-- Parscore while locked); the latest seal of a year keeps its text, to name what changed.
-- SPDX-License-Identifier: GPL-3.0-or-later

CREATE TABLE seals (
  id             INTEGER PRIMARY KEY,
  assessment_id  INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  status         TEXT NOT NULL CHECK (status IN ('submitted', 'appraised')),
  sha256         TEXT NOT NULL CHECK (length (sha256) = 64),
  canonical      TEXT,
  sealed_at      TEXT NOT NULL,
  reason         TEXT
);
CREATE INDEX seals_assessment ON seals (assessment_id, id);

PRAGMA user_version = 4;
