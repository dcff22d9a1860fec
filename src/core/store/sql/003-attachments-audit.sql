-- Parscore store, schema version 3: attachments get a content type; lookups by blob hash,
-- by document and by time in the audit log get indexes.
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE attachments ADD COLUMN content_type TEXT NOT NULL DEFAULT 'application/octet-stream';

CREATE INDEX attachments_sha256 ON attachments (sha256);
CREATE INDEX evidence_links_document ON evidence_links (document_id);
CREATE INDEX audit_log_at ON audit_log (at);

PRAGMA user_version = 3;
