-- Parscore store, schema version 9: a register row can link an evidence document (issue 13: the
-- plan a task row names, the report a "reports sent" row records). One document per row at most;
-- documents are kept across years, so a row carried to the next year keeps its link. Deleting
-- the document leaves the row unlinked, never gone (the row is the office's record, the document
-- only its evidence); the store opens every connection with PRAGMA foreign_keys = ON.
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE register_rows ADD COLUMN
  document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL;

CREATE INDEX register_rows_document ON register_rows (document_id);

PRAGMA user_version = 9;
