#!/usr/bin/env python3
# bench-table.py — issue 11's whole table in one run: each benchmark as it stands, then one row
# per figure: what a user runs, the peer, our figure (a ratio to the peer, or a time), the
# target, met / not met.
#
#   bench-table.py BUILDDIR SRCDIR [NAME…]     NAME: chart pack validate startup frames rescore
#
# BENCH_TABLE_RUNS=N runs each benchmark N times in turn (default 1): one row per run, so a
# figure on a loaded machine can be told from its noise. The machine's load average (1, 5, 15
# minutes) is printed before and after each benchmark and beside each row: on a machine shared
# with other work the wall times are mostly waiting for a CPU.
#
# Each benchmark is run as meson runs it (the GTK ones under tests/ui/run-ui-test). A benchmark
# that prints "table|what|peer|figure|target|met" lines is read from those; the others' own
# output is read by the patterns below, and a row it cannot read says so (never a guess).
# Benchmarks print their full output too, so the table can be checked against it.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import re
import subprocess
import sys
import time

MISSING = "not read"


def load():
    return "load %.1f %.1f %.1f" % os.getloadavg()


def run(name, argv, env):
    full_env = dict(os.environ)
    full_env.update(env)
    started = time.monotonic()
    print(f"== {name}: {' '.join(argv)} ({load()})", flush=True)
    proc = subprocess.run(argv, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors="replace")
    print(proc.stdout, end="", flush=True)
    print(f"== {name}: exit {proc.returncode}, {time.monotonic() - started:.0f} s ({load()})",
          flush=True)
    return proc.stdout


def table_lines(out):
    rows = []
    for line in out.splitlines():
        if line.startswith("table|"):
            parts = line.split("|")[1:]
            if len(parts) == 5:
                rows.append(parts)
    return rows


def chart_rows(out):
    rows = table_lines(out)
    if rows:
        return rows
    # "  png  61.8 ms (…), 24 MB   613 ms (…), 72 MB   0.100  NOT met"
    for fmt in ("png", "svg", "pdf"):
        m = re.search(rf"^\s+{fmt}\s.*?\s(\d+\.\d+)\s+(met|NOT met)\s*$", out, re.M)
        what = f"parscore-cli chart --type fields -o x.{fmt} (10 years × 8 fields, from a database)"
        peer = f"python3-matplotlib, {fmt.upper()}, whole process"
        if m:
            rows.append([what, peer, m.group(1), "≤ 0.067", "met" if m.group(2) == "met" else "not met"])
        else:
            rows.append([what, peer, MISSING, "≤ 0.067", MISSING])
    return rows


def pack_rows(out):
    rows = table_lines(out)
    if rows:
        return rows
    # bench-pack-export-cli: "time        0.830× pdfunite   target ≤ 0.5×: not met"
    what = "parscore-cli export-pack (300 PDFs, 3,000 pages)"
    for key, label, target in (("time", "time", "≤ 0.5"), ("size", "size", "≤ 1.02")):
        m = re.search(rf"^{key}\s+(\d+\.\d+)× pdfunite\s+target [^:]*: (.*)$", out, re.M)
        rows.append([f"{what}: {label}", "pdfunite of the same PDFs",
                     m.group(1) if m else MISSING, target,
                     ("not met" if m and "not" in m.group(2).lower() else "met") if m else MISSING])
    m = re.search(r"^peak RSS\s+(\d+) MB .*target < (\d+) MB: (.*)$", out, re.M)
    rows.append([f"{what}: peak memory", "—", f"{m.group(1)} MB" if m else MISSING, "< 120 MB",
                 ("not met" if m and "not" in m.group(3).lower() else "met") if m else MISSING])
    return rows


def rescore_rows(out):
    rows = table_lines(out)
    if rows:
        return rows
    what = "re-score 100 units × 10 years × 100 sub-criteria"
    return [[what, "sqlite3 reading the same rows", MISSING, "< 50 ms", MISSING]]


def main():
    if len(sys.argv) < 3:
        print("usage: bench-table.py BUILDDIR SRCDIR [chart|pack|validate|startup|frames|rescore…]",
              file=sys.stderr)
        return 2
    build, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    wanted = sys.argv[3:] or ["chart", "pack", "validate", "startup", "frames", "rescore"]
    bench = os.path.join(build, "tests", "bench")
    cli = os.path.join(build, "src", "cli", "parscore-cli")
    run_ui = os.path.join(src, "tests", "ui", "run-ui-test")
    common = {"PARSCORE_DATADIR": os.path.join(src, "data"), "LC_ALL": "C.UTF-8",
              "MESON_BUILD_ROOT": build}
    gtk = dict(common, GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
    rows = []
    runs = max(1, int(os.environ.get("BENCH_TABLE_RUNS", "1")))
    print(f"bench-table: {', '.join(wanted)}, {runs} run(s) each; {load()}; "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)

    for name in [n for _ in range(runs) for n in wanted]:
        first = len(rows)
        if name == "chart":
            out = run(name, [os.path.join(bench, "bench-chart"), cli,
                             os.path.join(src, "tests", "bench", "bench-chart.py"), "/usr/bin/python3"], common)
            rows += chart_rows(out)
        elif name == "pack":
            out = run(name, [os.path.join(bench, "bench-pack-export-cli"), cli],
                      dict(common, BENCH_SRCDIR=os.path.join(src, "tests", "bench")))
            rows += pack_rows(out)
        elif name == "validate":
            out = run(name, [os.path.join(bench, "bench-validate"), cli], common)
            rows += table_lines(out) or [["parscore-cli validate (2,000 sub-criteria)",
                                          "xmllint --noout --relaxng", MISSING, "≤ 1.2", MISSING]]
        elif name == "startup":
            # The renderer is the environment's, as a user's start.
            out = run(name, [run_ui, os.path.join(bench, "bench-startup"),
                             os.path.join(build, "src", "gtk", "parscore"),
                             os.path.join(bench, "bench-startup-peer")], gtk)
            rows += table_lines(out) or [["parscore start to first frame, 50 units × 10 years",
                                          "empty AdwApplicationWindow", MISSING, "≤ 1.3", MISSING]]
        elif name == "frames":
            out = run(name, [run_ui, os.path.join(bench, "bench-frames")], dict(gtk, GSK_RENDERER="cairo"))
            rows += table_lines(out) or [["longest frame while switching sub-criteria and typing (cairo)",
                                          "16 ms", MISSING, "< 16 ms", MISSING]]
        elif name == "rescore":
            out = run(name, [os.path.join(bench, "bench-rescore"), cli, "sqlite3"], common)
            rows += rescore_rows(out)
        else:
            print(f"bench-table: no benchmark called {name}", file=sys.stderr)
            return 2
        for row in rows[first:]:
            row.append(load())

    print()
    print("| what a user runs | peer | ours | target | | machine after it |")
    print("|---|---|---|---|---|---|")
    for what, peer, figure, target, met, machine in rows:
        print(f"| {what} | {peer} | {figure} | {target} | {met} | {machine} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
