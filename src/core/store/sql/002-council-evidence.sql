-- Parscore store, schema version 2: the council's survey score and comment on entries,
-- and the part of a document that applies (section, pages) on evidence links.
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE entries ADD COLUMN survey_score INTEGER;
ALTER TABLE entries ADD COLUMN comment TEXT;

ALTER TABLE evidence_links ADD COLUMN section TEXT;
ALTER TABLE evidence_links ADD COLUMN pages TEXT;

PRAGMA user_version = 2;
