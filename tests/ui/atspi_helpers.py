# atspi_helpers.py — drive Parscore from outside through the accessibility bus, as a screen
# reader or a user's assistive tool would. Runs with Debian's /usr/bin/python3 (gi, Atspi).
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import time

import gi

gi.require_version('Atspi', '2.0')
from gi.repository import Atspi  # noqa: E402


class Tap:
    """Minimal TAP producer."""

    def __init__(self, planned):
        self.n = 0
        self.failed = 0
        print('1..%d' % planned, flush=True)

    def ok(self, condition, description, detail=None):
        self.n += 1
        if condition:
            print('ok %d %s' % (self.n, description), flush=True)
        else:
            self.failed += 1
            print('not ok %d %s' % (self.n, description), flush=True)
            if detail:
                for line in str(detail).splitlines():
                    print('# ' + line, flush=True)
        return condition

    def note(self, text):
        print('# ' + text, flush=True)

    def bail(self, text):
        print('Bail out! ' + text, flush=True)
        sys.exit(1)


def window_name(db):
    """The main window's title: the database's file name, then the app's ("kill.db — Parscore")."""
    return '%s \u2014 Parscore' % os.path.basename(db)


def start_app(app_bin, db, *extra):
    env = dict(os.environ)
    # GTK 4.8's own AT-SPI code logs criticals when a dialog goes while the bus asks about
    # it; they are not the app's, so they must not abort it here.
    if not os.environ.get('PARSCORE_TEST_WRAP'):
        env.pop('G_DEBUG', None)
    wrap = os.environ.get('PARSCORE_TEST_WRAP', '').split()
    # Now and then (about one start in five here, only while a Python AT-SPI client is
    # connected) the X server of xvfb-run turns a new client away and GTK says "cannot open
    # display"; the same binary starts fine at once after. Start again in that case only.
    for attempt in range(3):
        log = tempfile.TemporaryFile(mode='w+')
        process = subprocess.Popen(wrap + [app_bin, '--db', db] + list(extra), env=env,
                                   stderr=log)
        try:
            process.wait(timeout=1.5)
        except subprocess.TimeoutExpired:
            return process
        log.seek(0)
        text = log.read()
        sys.stderr.write(text)
        if 'cannot open display' not in text:
            return process
        print('# the app could not open the display (attempt %d); starting it again' % (attempt + 1),
              flush=True)
    return process


def find_app(name='parscore', timeout=15.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_name() == name:
                    return app
            except gi.repository.GLib.Error:
                pass
        time.sleep(0.1)
    return None


def _showing(node):
    # GTK 4.8 reports VISIBLE but never SHOWING; widgets of a stack's other pages count as
    # visible too, so names must be unique enough to find the one on screen.
    try:
        states = node.get_state_set()
        return states.contains(Atspi.StateType.VISIBLE)
    except Exception:
        return False


def _walk(node, out, role, name, prefix, showing):
    try:
        node_role = node.get_role_name()
        node_name = node.get_name() or ''
    except Exception:
        return
    if ((role is None or node_role == role)
            and (name is None or node_name == name)
            and (prefix is None or node_name.startswith(prefix))
            and (not showing or _showing(node))):
        out.append(node)
    try:
        count = node.get_child_count()
    except Exception:
        return
    for i in range(count):
        child = node.get_child_at_index(i)
        if child is not None:
            _walk(child, out, role, name, prefix, showing)


def find_all(root, role=None, name=None, prefix=None, showing=True):
    out = []
    _walk(root, out, role, name, prefix, showing)
    return out


def find(root, role=None, name=None, prefix=None, showing=True, timeout=5.0):
    """The first accessible that matches, waiting for it to appear; None if it never does."""
    end = time.monotonic() + timeout
    while True:
        found = find_all(root, role, name, prefix, showing)
        if found:
            return found[0]
        if time.monotonic() > end:
            return None
        time.sleep(0.1)


def click(node):
    """The accessible's first action: click, toggle or activate."""
    return node.do_action(0)


def act(node, name):
    """Run the action called @name ("activate" on an entry is pressing Enter)."""
    for i in range(node.get_n_actions()):
        if node.get_action_name(i) == name:
            return node.do_action(i)
    raise LookupError('%s has no action %r' % (node.get_name(), name))


def text_of(node):
    # An end offset of -1 returns "": ask for the exact count.
    return node.get_text(0, node.get_character_count())


def set_text(node, value):
    return node.set_text_contents(value)


def press(keysym):
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)


def focus(node):
    return node.get_component_iface().grab_focus()


# Waits are for a state; the bound only ends a test that hangs (a loaded machine answers
# AT-SPI slowly, so it is generous).
WAIT = 30.0


def wait_until(predicate, timeout=WAIT):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except Exception:
            pass
        time.sleep(0.05)
    return False


def score_label(app):
    label = find(app, role='label', prefix='Score: ')
    return label.get_name()[len('Score: '):] if label is not None else None


RETURN = 0xff0d
