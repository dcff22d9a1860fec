#!/usr/bin/python3
# test-kill.py — kill -9 the app while a user types; the database must be intact and hold
# what was typed up to a second before the kill.
#   test-kill.py PARSCORE PAR-UI-FIXTURE FIXTURE-SET.xml
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atspi_helpers as ui  # noqa: E402

app_bin, fixture_bin, fixture_xml = sys.argv[1:4]
tap = ui.Tap(7)

work = tempfile.mkdtemp(prefix='parscore-kill-')
db = os.path.join(work, 'kill.db')
assessment = subprocess.run([fixture_bin, 'create', db, fixture_xml], capture_output=True,
                            text=True).stdout.strip()
if not assessment.isdigit():
    tap.bail('could not make the fixture database')


def stored(code):
    out = subprocess.run([fixture_bin, 'dump', db, assessment, code], capture_output=True, text=True)
    return dict(line.split(' ', 1)[1].split('=', 1) for line in out.stdout.splitlines()
                if line.startswith('input '))


process = ui.start_app(app_bin, db, '--show', '1.1.1')
app = ui.find_app()
window = ui.find(app, role='frame', name=ui.window_name(db), timeout=10) if app else None
done = ui.find(window, role='text', name='Số nhiệm vụ đã hoàn thành') if window else None
planned = ui.find(window, role='text', name='Tổng số nhiệm vụ trong kế hoạch') if window else None
if done is None or planned is None:
    process.kill()
    tap.bail('the sub-criterion page did not come up')

ui.set_text(planned, '1000')
ui.set_text(done, '9')
time.sleep(1.5)
tap.ok(stored('1.1.1') == {'done': '9', 'planned': '1000'},
       'figures typed 1.5 s ago are on disk while the app runs', stored('1.1.1'))

# Keep typing, one new figure every 60 ms, and kill the app in the middle of it.
typed = []
start = time.monotonic()
value = 10
while time.monotonic() - start < 2.5:
    ui.set_text(done, str(value))
    typed.append((str(value), time.monotonic()))
    value += 1
    time.sleep(0.06)
process.send_signal(signal.SIGKILL)
killed_at = time.monotonic()
process.wait(timeout=10)
tap.ok(process.returncode == -signal.SIGKILL, 'the app was killed with SIGKILL while typing',
       process.returncode)

connection = sqlite3.connect('file:%s?mode=ro' % db, uri=True)
check = connection.execute('PRAGMA integrity_check').fetchall()
fk = connection.execute('PRAGMA foreign_key_check').fetchall()
connection.close()
tap.ok(check == [('ok',)], 'PRAGMA integrity_check says ok', check)
tap.ok(fk == [], 'no foreign key is broken', fk)

after = stored('1.1.1')
times = dict(typed)
kept = after.get('done')
tap.ok(kept in times and after.get('planned') == '1000',
       'the stored figure is one that was typed (%s)' % kept, after)
lost = killed_at - times[kept] if kept in times else None
tap.note('typed %d values in %.1f s; the stored one was typed %.2f s before the kill'
         % (len(typed), typed[-1][1] - start, lost if lost is not None else -1))
tap.ok(lost is not None and lost <= 1.0, 'at most the last second of typing is lost', lost)

# And the app opens the database again and shows that figure.
process = ui.start_app(app_bin, db, '--show', '1.1.1')
app = ui.find_app()
window = ui.find(app, role='frame', name=ui.window_name(db), timeout=10) if app else None
done = ui.find(window, role='text', name='Số nhiệm vụ đã hoàn thành') if window else None
shown = ui.text_of(done) if done else None
tap.ok(shown == kept, 'reopened after the kill, the page shows %s' % kept, shown)
process.terminate()
process.wait(timeout=10)
sys.exit(1 if tap.failed else 0)
