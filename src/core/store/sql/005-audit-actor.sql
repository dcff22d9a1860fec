-- Parscore store, schema version 5: who made each change (the actor: the login name, or the
-- name the user gave in the app's preferences) and, for status changes, why. Rows from before
-- this step have no actor (NULL: not recorded).
-- SPDX-License-Identifier: GPL-3.0-or-later

ALTER TABLE audit_log ADD COLUMN actor TEXT;
ALTER TABLE audit_log ADD COLUMN reason TEXT;

PRAGMA user_version = 5;
