#!/usr/bin/python3
# test-kill-cli.py — SIGKILL the command-line writers at random moments; after every kill the
# database is intact (integrity and foreign keys), holds every change the program reported,
# holds each import or restore whole or not at all, and no temporary file is left once the
# database was opened again (or, for a backup's DEST.partial-*, the next backup to DEST ran).
#   test-kill-cli.py PARSCORE-CLI KILLS [SCENARIO,…]
# Scenarios (default import,demo):
#   import    `import-csv` of a whole year, alternating between two versions of it
#   demo      `demo` building a new database
#   backup    `backup -o DEST --force` over an older backup, the database changing in between
#   restore   `restore --yes` alternating between two backups that differ in entries and in
#             attached files (files are added and pruned)
#   snapshot  `import-csv` on a database a day old: its commit writes the daily snapshot
# The kills are split by the weights below. A kill point is drawn uniformly over how long the
# command takes on this machine (measured first, so a busy machine moves the kill points with
# it); what is checked holds at any kill point.
# PARSCORE_KILL_SEED=N replays a run (the seed is printed first).
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import glob
import io
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import killcheck  # noqa: E402

WEIGHTS = {'import': 7, 'demo': 3, 'backup': 3, 'restore': 5, 'snapshot': 2}
cli = sys.argv[1]
kills = int(sys.argv[2])
scenarios = (sys.argv[3] if len(sys.argv) > 3 else 'import,demo').split(',')
if not scenarios or any(name not in WEIGHTS for name in scenarios):
    sys.exit('scenarios: a comma-separated list of ' + ', '.join(WEIGHTS))
total_weight = sum(WEIGHTS[name] for name in scenarios)
count = {name: kills * WEIGHTS[name] // total_weight for name in scenarios}
count[scenarios[0]] += kills - sum(count.values())
n_demo = count.get('demo', 0)
n_import = count.get('import', 0)
every = 5   # a demo runs through after every 5th kill, which sweeps what killed runs left
seed = int(os.environ.get('PARSCORE_KILL_SEED') or random.SystemRandom().randrange(1 << 30))
rng = random.Random(seed)

# A SIGKILL tests what the process leaves, not the disk: tmpfs (no fsync cost) when there is one.
base = '/dev/shm' if os.access('/dev/shm', os.W_OK) else None
work = tempfile.mkdtemp(prefix='parscore-kill-cli-', dir=base)
tmp = os.path.join(work, 'tmp')
os.mkdir(tmp)
env = dict(os.environ, TMPDIR=tmp, LC_ALL='C.UTF-8')

# The 2 reference lines (demo, import there and back), then a line per kill; a reference line
# per backup scenario; demo: a line per run-through too (kills // every + 1).
planned = 2 + sum(count[name] + (name not in ('import', 'demo')) for name in scenarios)
if 'demo' in scenarios:
    planned += n_demo // every + 1
tap = killcheck.Tap(planned)
tap.note('seed %d (PARSCORE_KILL_SEED=%d replays it); %d kills: %s; in %s'
         % (seed, seed, kills, ', '.join('%d %s' % (count[name], name) for name in scenarios),
            work))


def run(db, *args, **kw):
    return subprocess.run([cli, '--db', db] + list(args), capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, **kw)


def kill_at(db, delay, *args):
    """Starts the command, SIGKILLs it after delay seconds (if it still runs). Returns
    (finished normally, exit code, stdout, stderr)."""
    process = subprocess.Popen([cli, '--db', db] + list(args), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                               env=env)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    out, err = process.communicate()
    return process.returncode != -signal.SIGKILL, process.returncode, out, err


def timed(fn):
    start = time.monotonic()
    result = fn()
    return result, time.monotonic() - start


def list_text(db):
    # What `list` shows, without the database's path.
    return run(db, 'list').stdout.replace(db, 'DB')


def copy_database(src, dst):
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy(src, dst)
    shutil.copytree(src + '.attachments', dst + '.attachments')


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
def scenario_import():
    states = {'A': state_a, 'B': state_b}
    files = {'A': csv_a, 'B': csv_b}
    current = 'A'
    counts = {'killed': 0, 'finished': 0, 'whole': 0, 'none': 0}
    for i in range(n_import):
        target = 'B' if current == 'A' else 'A'
        delay = rng.uniform(0, import_time * 1.2)
        finished, code, out, _ = kill_at(db, delay, 'import-csv', '--unit', '1', '--year',
                                         '2022', files[target])
        problems = killcheck.database_problems(db)
        now = run(db, 'export-csv', '--unit', '1', '--year', '2022').stdout
        got = [name for name, text in states.items() if text == now]
        if finished:
            counts['finished'] += 1
            # It reported its commit: the new state must be there.
            if code != 0 or 'changed' not in out:
                problems.append('finished with exit %s: %s' % (code, out))
            elif got != [target]:
                problems.append('reported "%s" but the year is not %s'
                                % (out.strip().splitlines()[-1], target))
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
def scenario_demo():
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
        finished, code, out, _ = kill_at(path, delay, 'demo')
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


# --- backups, restores and snapshots: helpers -------------------------------------------------
def describes(backup):
    """`restore BACKUP` answered no (stdin closed): the backup is checked whole (integrity, every
    file's hash) and described; nothing is changed. True when it was described."""
    shown = run(os.path.join(work, 'nowhere.db'), 'restore', backup)
    return shown.stdout.startswith('“%s”:' % backup) and not shown.stderr.startswith('parscore')


def snapshots_problems(db):
    """Every automatic snapshot of db reads whole (`backup --list` names each one it cannot)."""
    listed = run(db, 'backup', '--list')
    return [] if listed.returncode == 0 and not listed.stderr else \
        ['backup --list: exit %d %s' % (listed.returncode, listed.stderr)]


def folder_problems(db, opened=True):
    """No temporary in the database's folder (its attachments and snapshots included), nothing
    strange beside it, nothing in TMPDIR."""
    when = ' after the next open' if opened else ''
    problems = ['temporary left%s: %s' % (when, t)
                for t in killcheck.temporaries(os.path.dirname(db))]
    problems += ['stranger beside the database: %s' % s for s in killcheck.strangers_beside(db)]
    problems += ['left in TMPDIR: %s' % t for t in os.listdir(tmp)]
    return problems


def year_state(db):
    now = run(db, 'export-csv', '--unit', '1', '--year', '2022').stdout
    return ([name for name, text in (('A', state_a), ('B', state_b)) if text == now]
            or ['?'])[0]


def import_year(db, name):
    done = run(db, 'import-csv', '--unit', '1', '--year', '2022', csv_a if name == 'A' else csv_b)
    if done.returncode != 0:
        tap.bail('import-csv %s into %s failed: %s' % (name, db, done.stderr))


# --- backup -o DEST --force, killed -----------------------------------------------------------
def scenario_backup():
    db = os.path.join(work, 'backup', 'kill.db')
    copy_database(ref, db)
    out_dir = os.path.join(work, 'backup-out')
    os.mkdir(out_dir)
    dest = os.path.join(out_dir, 'kill.parscore-backup')
    made, backup_time = timed(lambda: run(db, 'backup', '-o', dest))
    tap.ok(made.returncode == 0 and describes(dest)
           and killcheck.fingerprint(dest) == killcheck.fingerprint(db),
           'backup -o DEST writes a backup that reads whole and holds the database (%.2f s)'
           % backup_time, made.stdout + made.stderr)
    outcomes = {'killed': 0, 'finished': 0, 'old': 0, 'new': 0, 'partials': 0}
    state = 'A'
    for i in range(count['backup']):
        # The database changes between two backups: the old DEST and the new one differ.
        old = killcheck.fingerprint(dest)
        state = 'B' if state == 'A' else 'A'
        import_year(db, state)
        now = killcheck.fingerprint(db)
        delay = rng.uniform(0, backup_time * 1.2)
        finished, code, out, err = kill_at(db, delay, 'backup', '-o', dest, '--force')
        problems = killcheck.database_problems(db)
        if killcheck.fingerprint(db) != now:
            problems.append('the backup changed the database')
        got = killcheck.fingerprint(dest) if os.path.exists(dest) else None
        if finished:
            outcomes['finished'] += 1
            if code != 0:
                problems.append('finished with exit %d: %s' % (code, out + err))
            elif got != now:
                problems.append('reported a backup, but DEST does not hold the database')
        else:
            outcomes['killed'] += 1
        if got not in (old, now):
            problems.append('DEST is neither the old backup nor the new one')
        else:
            outcomes['new' if got == now else 'old'] += 1
        if not describes(dest):
            problems.append('DEST does not read whole')
        # The next backup to DEST sweeps what a killed one left beside it.
        left = killcheck.temporaries(out_dir)
        outcomes['partials'] += bool(left)
        again = run(db, 'backup', '-o', dest, '--force')
        if again.returncode != 0 or killcheck.fingerprint(dest) != now:
            problems.append('the next backup failed: exit %d %s' % (again.returncode,
                                                                      again.stderr))
        problems += ['left beside DEST after the next backup: %s (killed run left %s)'
                     % (name, ' '.join(left)) for name in sorted(os.listdir(out_dir))
                     if name != os.path.basename(dest)]
        problems += folder_problems(db, opened=False)
        tap.ok(not problems, 'backup %s at %.3f s: DEST is the %s backup, whole' %
               ('finished' if finished else 'killed', delay,
                'new' if got == now else 'old' if got == old else '?'), '\n'.join(problems))
    tap.note('backup: %(killed)d killed, %(finished)d finished before the kill; DEST left the '
             'old backup %(old)d times, the new one %(new)d; %(partials)d kills left a '
             'DEST.partial-* for the next backup to sweep' % outcomes)


# --- restore --yes, killed ----------------------------------------------------------------------
def scenario_restore():
    # X: the demo. Y: the demo with year B imported and one attached file (the 2022 draft's
    # document) removed — restoring Y prunes that file, restoring X puts it back.
    ydb = os.path.join(work, 'restore-y', 'y.db')
    copy_database(ref, ydb)
    import_year(ydb, 'B')
    connection = sqlite3.connect(ydb)
    with connection:
        sha256, = connection.execute('SELECT sha256 FROM attachments ORDER BY id DESC').fetchone()
        connection.execute('DELETE FROM attachments WHERE sha256 = ?', (sha256,))
    connection.close()
    os.unlink(os.path.join(ydb + '.attachments', sha256[:2], sha256))
    backups = {name: os.path.join(work, 'restore-backups', name + '.parscore-backup')
               for name in ('X', 'Y')}
    os.mkdir(os.path.dirname(backups['X']))
    made_x = run(ref, 'backup', '-o', backups['X'])
    made_y = run(ydb, 'backup', '-o', backups['Y'])
    prints = {name: killcheck.fingerprint(path) for name, path in backups.items()}

    db = os.path.join(work, 'restore', 'kill.db')
    copy_database(ref, db)
    to_y, restore_time = timed(lambda: run(db, 'restore', '--yes', backups['Y']))
    at_y = killcheck.fingerprint(db)
    y_verify = run(db, 'verify')
    to_x = run(db, 'restore', '--yes', backups['X'])
    tap.ok(made_x.returncode == 0 and made_y.returncode == 0 and prints['X'] != prints['Y']
           and to_y.returncode == 0 and at_y == prints['Y'] and y_verify.returncode == 0
           and to_x.returncode == 0 and killcheck.fingerprint(db) == prints['X']
           and run(db, 'verify').returncode == 0,
           'restore of Y then X goes there and back, files pruned and put back (%.2f s)'
           % restore_time,
           made_x.stderr + made_y.stderr + to_y.stderr + y_verify.stdout + y_verify.stderr
           + to_x.stderr)
    outcomes = {'killed': 0, 'finished': 0, 'old': 0, 'new': 0}
    current = 'X'
    for i in range(count['restore']):
        target = 'Y' if current == 'X' else 'X'
        delay = rng.uniform(0, restore_time * 1.2)
        finished, code, out, err = kill_at(db, delay, 'restore', '--yes', backups[target])
        opened = run(db, 'list')   # the next open
        problems = [] if opened.returncode == 0 else \
            ['the next open failed: exit %d %s' % (opened.returncode, opened.stderr)]
        problems += killcheck.database_problems(db)
        now = killcheck.fingerprint(db)
        got = [name for name, value in prints.items() if value == now]
        if finished:
            outcomes['finished'] += 1
            aside = out.split('kept in “')[-1].split('”')[0] if 'kept in “' in out else None
            if code != 0 or not out.startswith('“') or 'Restored' not in out:
                problems.append('finished with exit %d: %s' % (code, out + err))
            elif got != [target]:
                problems.append('reported the restore, but the database is not %s' % target)
            elif aside is None or not describes(aside) \
                    or killcheck.fingerprint(aside) != prints[current]:
                problems.append('the database kept aside (%s) is not %s whole' % (aside, current))
        else:
            outcomes['killed'] += 1
            if not got:
                problems.append('the database is neither the old one nor the new one whole')
        if got:
            outcomes['new' if got[0] == target else 'old'] += 1
        verify = run(db, 'verify')
        if verify.returncode != 0:
            problems.append('verify: exit %d\n%s%s' % (verify.returncode, verify.stdout,
                                                       verify.stderr))
        problems += snapshots_problems(db)
        problems += folder_problems(db)
        tap.ok(not problems, 'restore %s → %s, %s at %.3f s: the database is %s' %
               (current, target, 'finished' if finished else 'killed', delay,
                got[0] + ' whole' if got else '?'), '\n'.join(problems))
        if got:
            current = got[0]
    tap.note('restore: %(killed)d killed, %(finished)d finished before the kill; the database '
             'was the new one %(new)d times, the old one %(old)d' % outcomes)


# --- import-csv writing the daily snapshot, killed ---------------------------------------------
def scenario_snapshot():
    db = os.path.join(work, 'snapshot', 'kill.db')
    copy_database(ref, db)
    snapshots = db + '.backups'
    # A database a day old gets its daily snapshot after its first commit of the day.
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("UPDATE units SET created_at = '2020-01-02T03:04:05Z'")
    connection.close()

    def daily():
        return sorted(glob.glob(os.path.join(snapshots, '*-daily.parscore-backup')))

    made, snapshot_time = timed(lambda: run(db, 'import-csv', '--unit', '1', '--year', '2022',
                                            csv_b))
    tap.ok(made.returncode == 0 and len(daily()) == 1 and describes(daily()[0])
           and killcheck.fingerprint(daily()[0]) == killcheck.fingerprint(db),
           'import-csv on a day-old database writes its daily snapshot (%.2f s)' % snapshot_time,
           made.stderr + ' '.join(os.listdir(snapshots) if os.path.isdir(snapshots) else []))
    shutil.rmtree(snapshots, ignore_errors=True)
    outcomes = {'killed': 0, 'finished': 0, 'snapshot': 0}
    current = 'B'
    for i in range(count['snapshot']):
        target = 'B' if current == 'A' else 'A'
        delay = rng.uniform(0, snapshot_time * 1.2)
        finished, code, out, err = kill_at(db, delay, 'import-csv', '--unit', '1', '--year',
                                           '2022', csv_a if target == 'A' else csv_b)
        opened = run(db, 'list')   # the next open
        problems = [] if opened.returncode == 0 else \
            ['the next open failed: exit %d %s' % (opened.returncode, opened.stderr)]
        problems += killcheck.database_problems(db)
        got = year_state(db)
        made = daily()
        if finished:
            outcomes['finished'] += 1
            if code != 0 or got != target:
                problems.append('finished with exit %d, the year is %s: %s' % (code, got, out + err))
            elif len(made) != 1:
                problems.append('finished, but %d daily snapshots' % len(made))
        else:
            outcomes['killed'] += 1
            if got not in (current, target):
                problems.append('the year is neither A nor B: a partial import')
        outcomes['snapshot'] += bool(made)
        # A snapshot is written after the commit: one that exists holds the new year whole.
        for path in made:
            if not describes(path) or killcheck.fingerprint(path) != killcheck.fingerprint(db):
                problems.append('the snapshot %s is not the database whole' % path)
        problems += snapshots_problems(db)
        problems += folder_problems(db)
        tap.ok(not problems, 'import-csv with its daily snapshot %s at %.3f s: the year is %s, '
               '%d snapshot' % ('finished' if finished else 'killed', delay, got, len(made)),
               '\n'.join(problems))
        if got in ('A', 'B'):
            current = got
        shutil.rmtree(snapshots, ignore_errors=True)
    tap.note('snapshot: %(killed)d killed, %(finished)d finished before the kill; %(snapshot)d '
             'left a daily snapshot' % outcomes)

for name in scenarios:
    globals()['scenario_' + name]()
shutil.rmtree(work)
sys.exit(1 if tap.failed else 0)
