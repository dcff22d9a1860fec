#!/usr/bin/python3
# bench-chart.py — the peer of bench-chart.c: the same grouped bar chart (10 years × 8 fields,
# 1600×900) drawn with Debian's python3-matplotlib from the numbers the scorer gave.
#
#   bench-chart.py --render DATA OUT.{png,svg,pdf}   one whole-process export
#   bench-chart.py --draw-only DATA RUNS             prints "first_ms median_ms": a new figure
#                                                    drawn in full, first and repeated
#
# DATA: "title;subtitle", then "year;code;name;hundredths of a percent" per bar.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    years, fields, values = [], [], {}
    with open(path, encoding="utf-8") as f:
        title, subtitle = f.readline().rstrip("\n").split(";", 1)
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            year, code, name, hundredths = line.split(";", 3)
            year = int(year)
            if year not in years:
                years.append(year)
            if (code, name) not in fields:
                fields.append((code, name))
            values[(year, code)] = int(hundredths) / 100.0
    return title, subtitle, years, fields, values


def draw(title, subtitle, years, fields, values):
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    n = len(years)
    width = 0.8 / n
    cmap = plt.get_cmap("viridis")
    for i, year in enumerate(years):
        xs = [k + (i - (n - 1) / 2) * width for k in range(len(fields))]
        ys = [values[(year, code)] for code, _ in fields]
        ax.bar(xs, ys, width * 0.92, label=str(year), color=cmap(0.8 - 0.8 * i / max(n - 1, 1)))
    ax.set_xticks(range(len(fields)))
    ax.set_xticklabels([f"{code}. {name}" for code, name in fields], wrap=True, fontsize=10)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter())
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    ax.set_title(f"{title}\n{subtitle}", loc="left")
    ax.legend(ncol=n, loc="upper left", bbox_to_anchor=(0, 1.08), frameon=False)
    fig.tight_layout()
    return fig


def main():
    mode, data = sys.argv[1], sys.argv[2]
    chart = read(data)
    if mode == "--render":
        fig = draw(*chart)
        fig.savefig(sys.argv[3])
        return
    runs = int(sys.argv[3])
    times = []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        fig = draw(*chart)
        fig.canvas.draw()
        times.append((time.perf_counter() - t0) * 1000.0)
        plt.close(fig)
    print(f"{times[0]:.3f} {statistics.median(times[1:]):.3f}")


if __name__ == "__main__":
    main()
