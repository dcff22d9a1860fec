# killcheck.py — what must hold after a writer was killed with SIGKILL, shared by the kill
# tests (tests/kill/test-kill-cli.py, tests/ui/test-kill.py).
# SPDX-License-Identifier: GPL-3.0-or-later

import fnmatch
import hashlib
import os
import sqlite3
import sys

# What a database folder may hold besides the database itself: SQLite's write-ahead log and
# its index (a killed writer leaves them; the next open replays the log), the attachments and
# the automatic snapshots.
ALLOWED_BESIDE_DB = ('%s', '%s-wal', '%s-shm', '%s-journal', '%s.attachments', '%s.backups')
# Temporary files Parscore's writers make: attachments being copied in, demo stages, backups
# and snapshots being written (DEST.partial-XXXXXX), a restore's copy (DB.restoring-XXXXXX).
TEMPORARIES = ('.incoming-*', '.*.demo-*', '*.tmp', '.*.tmp-*', '.goutputstream-*',
               '*.partial-*', '*.restoring-*')


class Tap:
    """TAP with a plan known up front; every failure prints its detail as comments."""

    def __init__(self, planned):
        self.n = 0
        self.failed = 0
        print('1..%d' % planned, flush=True)

    def ok(self, condition, description, detail=None):
        self.n += 1
        print('%s %d %s' % ('ok' if condition else 'not ok', self.n, description), flush=True)
        if not condition:
            self.failed += 1
            for line in str(detail or '').splitlines():
                print('# ' + line, flush=True)
        return condition

    def note(self, text):
        print('# ' + text, flush=True)

    def bail(self, text):
        print('Bail out! ' + text, flush=True)
        sys.exit(1)


def database_problems(db):
    """PRAGMA integrity_check and foreign_key_check, on a connection as the next program would
    open it (the log a killed writer left is replayed). Returns a list of problems."""
    problems = []
    try:
        connection = sqlite3.connect(db)
        try:
            check = connection.execute('PRAGMA integrity_check').fetchall()
            if check != [('ok',)]:
                problems.append('integrity_check: %r' % (check,))
            fk = connection.execute('PRAGMA foreign_key_check').fetchall()
            if fk:
                problems.append('foreign_key_check: %r' % (fk[:10],))
        finally:
            connection.close()
    except sqlite3.Error as e:
        problems.append('sqlite: %s' % e)
    return problems


def temporaries(folder, recursive=True):
    """Temporary files of Parscore's writers under folder."""
    found = []
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            if any(fnmatch.fnmatch(name, pattern) for pattern in TEMPORARIES):
                found.append(os.path.relpath(os.path.join(root, name), folder))
        if not recursive:
            break
    return sorted(found)


def strangers_beside(db):
    """Files in the database's folder that are neither the database's own nor expected."""
    folder, base = os.path.split(db)
    allowed = {pattern % base for pattern in ALLOWED_BESIDE_DB}
    return sorted(name for name in os.listdir(folder or '.') if name not in allowed)


def fingerprint(db, skip=('parscore_backup', 'parscore_backup_blobs')):
    """Every row of every table (sorted, so a VACUUM's new rowids do not matter), the schema
    and user_version: equal fingerprints mean the same database whole. A backup's own tables
    are left out, so a backup and the database it was made of compare equal."""
    connection = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            if name not in skip]
        parts = [('user_version', connection.execute('PRAGMA user_version').fetchone())]
        for table in tables:
            rows = connection.execute('SELECT * FROM "%s"' % table.replace('"', '""')).fetchall()
            parts.append((table, sorted(repr(row) for row in rows)))
        return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    finally:
        connection.close()
