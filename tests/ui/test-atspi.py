#!/usr/bin/python3
# test-atspi.py — a user's session, from outside the app, through AT-SPI: find controls by
# their accessible names, click, type, read back; close, reopen, find everything saved.
#   test-atspi.py PARSCORE PAR-UI-FIXTURE FIXTURE-SET.xml
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atspi_helpers as ui  # noqa: E402

app_bin, fixture_bin, fixture_xml = sys.argv[1:4]
tap = ui.Tap(14)

work = tempfile.mkdtemp(prefix='parscore-atspi-')
db = os.path.join(work, 'atspi.db')
assessment = os.popen('%s create %s %s' % (fixture_bin, db, fixture_xml)).read().strip()
if not assessment.isdigit():
    tap.bail('could not make the fixture database')


def open_code(root, code):
    """Search for a code, then pick its row in the filtered tree (the list's Selection)."""
    toggle = ui.find(root, role='push button', name='Search sub-criteria')
    entry = ui.find(root, name='Search sub-criteria', role='entry', timeout=3)
    if toggle is None or entry is None:
        tap.note('toggle %r entry %r' % (toggle, entry))
        return False
    if not toggle.get_state_set().contains(ui.Atspi.StateType.PRESSED):
        ui.click(toggle)
    ui.set_text(entry, code)
    # The tree keeps only the matches (and their field and criterion).
    if not ui.wait_until(lambda: len(ui.find_all(root, prefix=code + ', ')) == 1
                         and len(ui.find_all(root, prefix='Overview, ')) == 0):
        tap.note('rows: %s' % [n.get_name() for n in ui.find_all(root, role='panel') if ', ' in (n.get_name() or '')])
        tap.note('search: %r' % ui.text_of(entry))
        return False
    row = ui.find(root, prefix=code + ', ').get_parent()
    row.get_parent().select_child(row.get_index_in_parent())
    ok = ui.wait_until(lambda: ui.find(root, role='label', name='Sub-criterion %s' % code, timeout=0) is not None)
    if not ok:
        lst = row.get_parent()
        tap.note('list %s: %s' % (row.get_index_in_parent(), [lst.get_child_at_index(i).get_child_at_index(0).get_name() for i in range(lst.get_child_count())]))
        tap.note('titles %s' % [n.get_name() for n in ui.find_all(root, role='label', prefix='Sub-criterion')])
    return ok


process = ui.start_app(app_bin, db)
app = ui.find_app()
tap.ok(app is not None, 'Parscore is on the accessibility bus')
if app is None:
    process.kill()
    tap.bail('no application named parscore')
# Look things up inside the main window: GTK 4.8 crashes answering a walk of the
# application's windows while a dialog is being destroyed (a toolkit bug, not the app's).
window = ui.find(app, role='frame', name=ui.window_name(db), timeout=10)

tap.ok(open_code(window, '1.1.1'), 'searching "1.1.1" filters the tree; selecting its row opens it')

done = ui.find(window, role='text', name='Số nhiệm vụ đã hoàn thành')
planned = ui.find(window, role='text', name='Tổng số nhiệm vụ trong kế hoạch')
ui.set_text(done, '9')
ui.set_text(planned, '10')
tap.ok(ui.wait_until(lambda: ui.score_label(window) == '1.00 / 2.00'),
       'typing 9 of 10 shows the computed score 1.00 / 2.00', ui.score_label(window))
ui.set_text(done, '95')
ui.set_text(planned, '100')
tap.ok(ui.wait_until(lambda: ui.score_label(window) == '2.00 / 2.00'),
       'typing 95 of 100 shows 2.00 / 2.00', ui.score_label(window))

# A document, through the dialog, as a user fills it.
ui.click(ui.find(window, role='push button', name='Add a document'))
dialog = ui.find(app, role='dialog', prefix='Add Document', timeout=3) or ui.find(app, role='frame', prefix='Add Document')
ok = dialog is not None
if ok:
    ui.set_text(ui.find(dialog, role='text', name='Number/symbol'), '06/KH-KCN')
    ui.set_text(ui.find(dialog, role='text', name='Date of issue'), '14/01/2023')
    ui.set_text(ui.find(dialog, role='text', name='Issuer'), 'Ban Quản lý các Khu công nghiệp')
    ui.set_text(ui.find(dialog, role='text', name='Summary'), 'Kế hoạch CCHC năm 2023')
    ui.click(ui.find(dialog, role='push button', name='Add'))
    ok = ui.wait_until(lambda: ui.find(window, name='06/KH-KCN · 14/01/2023', timeout=0) is not None)
tap.ok(ok, 'a document added through its dialog is listed as "06/KH-KCN · 14/01/2023"')

# Not applicable lowers the maximum: the overview row shows the new total maximum.
tap.ok(open_code(window, '1.1.4'), 'searching "1.1.4" opens it')
ui.click(ui.find(window, role='check box', name='Not applicable'))
tap.ok(ui.wait_until(lambda: ui.score_label(window) == 'N/A'), 'marking it not applicable shows N/A',
       ui.score_label(window))
# Back to the whole tree: the overview row says the total's maximum.
ui.set_text(ui.find(window, role='entry', name='Search sub-criteria'), '')
tap.ok(ui.wait_until(lambda: ui.find(window, prefix='Overview, ', timeout=0) is not None
                     and '/ 9.00' in ui.find(window, prefix='Overview, ', timeout=0).get_name()),
       'the applicable maximum falls from 10.00 to 9.00',
       [n.get_name() for n in ui.find_all(window, prefix='Overview')])

# Close with the window's own button, then reopen.
# (Each page of the window has its header bar; only the shown page's Close button works.)
for button in ui.find_all(window, role='push button', name='Close'):
    try:
        ui.click(button)
    except Exception:
        pass
    if ui.wait_until(lambda: process.poll() is not None, timeout=2):
        break
ui.wait_until(lambda: process.poll() is not None)
code = process.poll()
if code is None:
    process.kill()
tap.ok(code == 0, 'the window closes and the app exits cleanly', 'exit status %r' % code)

process = ui.start_app(app_bin, db)
app = ui.find_app()
window = ui.find(app, role='frame', name=ui.window_name(db), timeout=10) if app else None
ok = window is not None and open_code(window, '1.1.1')
tap.ok(ok, 'reopened, 1.1.1 can be found again')
if ok:
    done = ui.find(window, role='text', name='Số nhiệm vụ đã hoàn thành')
    planned = ui.find(window, role='text', name='Tổng số nhiệm vụ trong kế hoạch')
    values = (ui.text_of(done), ui.text_of(planned), ui.score_label(window),
              ui.find(window, name='06/KH-KCN · 14/01/2023', timeout=2) is not None)
else:
    values = None
tap.ok(values == ('95', '100', '2.00 / 2.00', True),
       'the figures, the score and the document are all there after reopening', values)
ok = window is not None and open_code(window, '1.1.4')
tap.ok(ok and ui.score_label(window) == 'N/A', '1.1.4 is still not applicable',
       ui.score_label(window) if ok else None)

process.terminate()
process.wait(timeout=30)

# Submitted, the year is locked: a screen reader must not hear its figures as editable text,
# while the council's scores stay open.
if os.system('%s submit %s %s' % (fixture_bin, db, assessment)) != 0:
    tap.bail('could not submit the fixture year')
process = ui.start_app(app_bin, db)
app = ui.find_app()
window = ui.find(app, role='frame', name=ui.window_name(db), timeout=10) if app else None
ok = window is not None and open_code(window, '1.1.1')
tap.ok(ok, 'submitted, 1.1.1 opens')


def editable(node):
    return node is not None and node.get_state_set().contains(ui.Atspi.StateType.EDITABLE)


done = ui.find(window, role='text', name='Số nhiệm vụ đã hoàn thành') if ok else None
appraised = ui.find(window, role='text', name='Appraised score') if ok else None
states = (done is not None and not editable(done), editable(appraised))
tap.ok(states == (True, True),
       'a locked figure is not editable to a screen reader; the appraised score is', states)

process.terminate()
process.wait(timeout=30)
sys.exit(1 if tap.failed else 0)
