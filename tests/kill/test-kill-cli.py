#!/usr/bin/python3
# test-kill-cli.py — SIGKILL the command-line writers at random moments; after every kill the
# database is intact (integrity and foreign keys), holds every change the program reported,
# holds each import whole or not at all, and no temporary file is left once the next run of
# the same command has gone through.
#   test-kill-cli.py PARSCORE-CLI KILLS
# The kills are split between `import-csv` (about 70 %) and `demo` (the rest). A kill point is
# drawn uniformly over how long the command takes on this machine (measured first, so a busy
# machine moves the kill points with it); what is checked holds at any kill point.
# PARSCORE_KILL_SEED=N replays a run (the seed is printed first).
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import killcheck  # noqa: E402

cli = sys.argv[1]
kills = int(sys.argv[2])
n_demo = max(1, kills * 3 // 10)
n_import = kills - n_demo
every = 5   # a demo runs through after every 5th kill, which sweeps what killed runs left
seed = int(os.environ.get('PARSCORE_KILL_SEED') or random.SystemRandom().randrange(1 << 30))
rng = random.Random(seed)

# A SIGKILL tests what the process leaves, not the disk: tmpfs (no fsync cost) when there is one.
base = '/dev/shm' if os.access('/dev/shm', os.W_OK) else None
work = tempfile.mkdtemp(prefix='parscore-kill-cli-', dir=base)
tmp = os.path.join(work, 'tmp')
os.mkdir(tmp)
env = dict(os.environ, TMPDIR=tmp, LC_ALL='C.UTF-8')

# import-csv: a plan line per kill plus 2 reference checks; demo: a line per kill, one per
# run-through (kills // every + 1) and the reference.
planned = 2 + n_import + n_demo + n_demo // every + 1
tap = killcheck.Tap(planned)
tap.note('seed %d (PARSCORE_KILL_SEED=%d replays it); %d kills: %d import-csv, %d demo; in %s'
         % (seed, seed, kills, n_import, n_demo, work))


def run(db, *args, **kw):
    return subprocess.run([cli, '--db', db] + list(args), capture_output=True, text=True,
                          env=env, **kw)


def kill_at(db, delay, *args):
    """Starts the command, SIGKILLs it after delay seconds (if it still runs). Returns
    (finished normally, exit code, stdout)."""
    process = subprocess.Popen([cli, '--db', db] + list(args), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=env)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    out, _ = process.communicate()
    return process.returncode != -signal.SIGKILL, process.returncode, out


def timed(fn):
    start = time.monotonic()
    result = fn()
    return result, time.monotonic() - start


def list_text(db):
    # What `list` shows, without the database's path.
    return run(db, 'list').stdout.replace(db, 'DB')


# --- the reference: a demo database run through, its 2022 year (a draft) as CSV -------------
ref = os.path.join(work, 'ref', 'demo.db')
os.mkdir(os.path.dirname(ref))
made, demo_time = timed(lambda: run(ref, 'demo'))
if made.returncode != 0:
    tap.bail('the reference demo failed: ' + made.stderr)
ref_list = list_text(ref)
tap.ok(not killcheck.database_problems(ref) and run(ref, 'verify').returncode == 0,
       'the reference demo database is intact and its attachments verify (%.2f s)' % demo_time,
       killcheck.database_problems(ref))

state_a = run(ref, 'export-csv', '--unit', '1', '--year', '2022').stdout
csv_a = os.path.join(work, 'a.csv')
csv_b = os.path.join(work, 'b.csv')
with open(csv_a, 'w') as f:
    f.write(state_a)
# B: every row's council comment changed — one import changes all 94 entries.
rows = list(csv.reader(io.StringIO(state_a)))
with open(csv_b, 'w', newline='') as f:
    writer = csv.writer(f)
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow(row[:-1] + ['Kiểm tra khi bị ngắt B'])

db = os.path.join(work, 'import', 'kill.db')
os.mkdir(os.path.dirname(db))
shutil.copy(ref, db)
shutil.copytree(ref + '.attachments', db + '.attachments')
imported, import_time = timed(lambda: run(db, 'import-csv', '--unit', '1', '--year', '2022',
                                          csv_b))
state_b = run(db, 'export-csv', '--unit', '1', '--year', '2022').stdout
back = run(db, 'import-csv', '--unit', '1', '--year', '2022', csv_a)
tap.ok(imported.returncode == 0 and back.returncode == 0 and state_b != state_a
       and run(db, 'export-csv', '--unit', '1', '--year', '2022').stdout == state_a,
       'import-csv of B then A goes there and back (%.2f s)' % import_time,
       imported.stderr + back.stderr)

# --- import-csv, killed -----------------------------------------------------------------------
states = {'A': state_a, 'B': state_b}
files = {'A': csv_a, 'B': csv_b}
current = 'A'
counts = {'killed': 0, 'finished': 0, 'whole': 0, 'none': 0}
for i in range(n_import):
    target = 'B' if current == 'A' else 'A'
    delay = rng.uniform(0, import_time * 1.2)
    finished, code, out = kill_at(db, delay, 'import-csv', '--unit', '1', '--year', '2022',
                                  files[target])
    problems = killcheck.database_problems(db)
    now = run(db, 'export-csv', '--unit', '1', '--year', '2022').stdout
    got = [name for name, text in states.items() if text == now]
    if finished:
        counts['finished'] += 1
        # It reported its commit: the new state must be there.
        if code != 0 or 'changed' not in out:
            problems.append('finished with exit %s: %s' % (code, out))
        elif got != [target]:
            problems.append('reported "%s" but the year is not %s' % (out.strip().splitlines()[-1],
                                                                      target))
    else:
        counts['killed'] += 1
        if not got:
            problems.append('the year is neither A nor B: a partial import')
    if got:
        counts['whole' if got[0] == target else 'none'] += 1
    problems += ['temporary left: %s' % t for t in killcheck.temporaries(os.path.dirname(db))]
    problems += ['stranger beside the database: %s' % s for s in killcheck.strangers_beside(db)]
    problems += ['left in TMPDIR: %s' % t for t in os.listdir(tmp)]
    tap.ok(not problems, 'import-csv %s → %s, %s at %.3f s: %s' %
           (current, target, 'finished' if finished else 'killed', delay,
            'intact, the year is ' + (got[0] if got else '?')), '\n'.join(problems))
    if got:
        current = got[0]
tap.note('import-csv: %(killed)d killed, %(finished)d finished before the kill; '
         '%(whole)d left the new year whole, %(none)d the old one' % counts)

# --- demo, killed -----------------------------------------------------------------------------
demo_dir = os.path.join(work, 'demo')
os.mkdir(demo_dir)
path = os.path.join(demo_dir, 'demo.db')
outcomes = {'absent': 0, 'complete': 0, 'moving': 0, 'finished': 0}


def clear_demo():
    for name in os.listdir(demo_dir):
        full = os.path.join(demo_dir, name)
        shutil.rmtree(full) if os.path.isdir(full) else os.unlink(full)


def run_through(label):
    """A demo run to its end: it sweeps what killed runs left, finishes a move a killed run
    had started, or says the database exists."""
    existed = os.path.exists(path)
    result = run(path, 'demo')
    problems = []
    if existed and (result.returncode == 0 or 'exists already' not in result.stderr):
        problems.append('over a complete database: exit %d %s' % (result.returncode,
                                                                  result.stderr))
    if not existed and result.returncode != 0:
        problems.append('exit %d: %s' % (result.returncode, result.stderr))
    if not os.path.exists(path):
        problems.append('no database after the run')
    else:
        problems += killcheck.database_problems(path)
        if list_text(path) != ref_list:
            problems.append('`list` differs from the reference:\n' + list_text(path))
        verify = run(path, 'verify')
        if verify.returncode != 0:
            problems.append('verify: ' + verify.stdout + verify.stderr)
    problems += ['temporary left: %s' % t for t in killcheck.temporaries(demo_dir)]
    problems += ['stranger beside the database: %s' % s for s in killcheck.strangers_beside(path)]
    problems += ['left in TMPDIR: %s' % t for t in os.listdir(tmp)]
    tap.ok(not problems, 'demo run through %s: one complete database, nothing else left' % label,
           '\n'.join(problems))
    clear_demo()


for i in range(n_demo):
    delay = rng.uniform(0, demo_time * 1.1)
    finished, code, out = kill_at(path, delay, 'demo')
    problems = []
    if finished:
        outcomes['finished'] += 1
        if code != 0 or not os.path.exists(path):
            problems.append('finished with exit %d and no database' % code)
    if os.path.exists(path):
        # The database is moved into place last: once it is there it is whole.
        outcomes['complete'] += not finished
        problems += killcheck.database_problems(path)
        if not problems and list_text(path) != ref_list:
            problems.append('`list` differs from the reference')
    elif os.path.exists(path + '.attachments'):
        outcomes['moving'] += 1   # killed between the attachments' move and the database's
    else:
        outcomes['absent'] += 1
    tap.ok(not problems, 'demo %s at %.3f s: %s' %
           ('finished' if finished else 'killed', delay,
            'a complete database' if os.path.exists(path) else 'no database yet'),
           '\n'.join(problems))
    if os.path.exists(path):
        # The next demo makes a new one; what killed runs left stays for it to sweep.
        for name in (path, path + '-wal', path + '-shm', path + '.attachments'):
            if os.path.isdir(name):
                shutil.rmtree(name)
            elif os.path.exists(name):
                os.unlink(name)
    if (i + 1) % every == 0:
        run_through('after kill %d' % (i + 1))
run_through('at the end')
tap.note('demo: %(absent)d kills left no database, %(moving)d were moving it into place, '
         '%(complete)d left it complete, %(finished)d finished first' % outcomes)

shutil.rmtree(work)
sys.exit(1 if tap.failed else 0)
