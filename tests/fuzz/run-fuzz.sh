#!/bin/sh
# run-fuzz.sh NAME BINARY SECONDS WORKDIR REGRESSIONS [LIBFUZZER-OPTION…] -- SEED-DIR…
# Runs one libFuzzer target for SECONDS, growing a corpus in WORKDIR/corpus from the seeds.
# A crash fails the test; its input is kept in WORKDIR/crashes and must become a regression
# input under REGRESSIONS (the replay test of the gcc build runs every file there).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
name=$1 bin=$2 seconds=$3 work=$4 regressions=$5
shift 5
opts=
while [ $# -gt 0 ] && [ "$1" != -- ]; do opts="$opts $1"; shift; done
[ $# -gt 0 ] && shift
mkdir -p "$work/corpus" "$work/crashes"
status=0
# shellcheck disable=SC2086
"$bin" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$work/crashes/" $opts "$work/corpus" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "run-fuzz: $name found a crash (exit $status): $(ls "$work/crashes")" >&2
  echo "run-fuzz: copy the input into $regressions/ and fix the bug; the replay test keeps it found" >&2
fi
exit "$status"
