#!/usr/bin/env bash
# parscore-cli demo: the database appears whole or not at all — after a failure (a full disk),
# after SIGKILL at random moments, with a killed run's folder swept or finished by the next
# run — and nothing is left in the temporary folder. TAP output.
#   test-cli-demo.sh PATH-TO-parscore-cli [KILLS]
set -u
cli=$1
kills=${2:-8}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli demo XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# The demo's own temporary folder must stay empty: the old demo staged its PDFs there.
export TMPDIR="$tmp/tmpdir"
mkdir "$TMPDIR"
dir="$tmp/dữ liệu"
db="$dir/demo.db"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
run() { # run EXPECTED-STATUS ARGS… ; sets $out $err $status
  local expected=$1; shift
  out=$("$cli" "$@" 2>"$tmp/stderr"); status=$?
  err=$(cat "$tmp/stderr")
  [ "$status" -eq "$expected" ]
}
stages() { find "$dir" -maxdepth 1 -name '.demo.db.demo-*' 2>/dev/null | wc -l; }
tmp_left() { find "$TMPDIR" -mindepth 1 | wc -l; }
# The whole demo: five units, the board's three years, every attachment intact.
complete() {
  "$cli" --db "$1" list 2>/dev/null | grep -c '^  #[0-9]' | grep -qx 6 \
    && [ "$(sqlite3 "$1" "select count(*) from units")" = 5 ] \
    && [ "$(sqlite3 "$1" "select count(*) from assessments where unit_id = 1")" = 3 ] \
    && [ "$(sqlite3 "$1" "pragma integrity_check")" = ok ] \
    && "$cli" --db "$1" verify 2>/dev/null | grep -qE '^[1-9][0-9]* attachments checked, 0 bad$'
}
dead_pid() { local p=4000000; while kill -0 "$p" 2>/dev/null; do p=$((p + 1)); done; echo "$p"; }

# --- a complete run ---------------------------------------------------------------------------------
run 0 --db "$db" demo && complete "$db" && [ "$(stages)" = 0 ] && [ "$(tmp_left)" = 0 ] \
  && ok "demo builds the whole database and leaves no folder beside it nor in TMPDIR" \
  || not_ok "demo" "$out" "$err" "stages $(stages), tmp $(tmp_left)"
run 1 --db "$db" demo && grep -q "exists already" <<<"$err" && complete "$db" \
  && ok "demo refuses a path that exists and leaves it as it was" || not_ok "demo twice" "$status" "$err"
rm -rf "$db" "$db.attachments"

# --- a failure: the disk fills up (issue 9 #9) --------------------------------------------------------
# A file-size limit of 128 KiB fails the first write past it (SIGXFSZ ignored, so the write
# returns EFBIG as on a full disk).
(trap '' XFSZ; ulimit -f 128; exec "$cli" --db "$db" demo) >"$tmp/out" 2>"$tmp/stderr"; status=$?
[ "$status" = 1 ] && [ ! -e "$db" ] && [ ! -e "$db.attachments" ] && [ ! -e "$db-wal" ] && [ "$(stages)" = 0 ] \
  && [ "$(tmp_left)" = 0 ] && [ -s "$tmp/stderr" ] \
  && ok "a demo that fails on a full disk leaves no database file, no attachments, no folder" \
  || not_ok "failed demo leaves nothing" "status $status" "$(cat "$tmp/stderr")" "$(ls -la "$dir")"

# --- SIGKILL at random moments (issue 9 #10) ----------------------------------------------------------
start=$(date +%s%N)
run 0 --db "$tmp/timing.db" demo || not_ok "timing run" "$err"
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -rf "$tmp/timing.db" "$tmp/timing.db.attachments"
bad=""
for i in $(seq "$kills"); do
  "$cli" --db "$db" demo >/dev/null 2>&1 &
  pid=$!
  # A moment anywhere in a run, the last bit included (where the files are moved).
  delay_ms=$(( RANDOM % (took_ms + 50) ))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e "$db" ] && ! complete "$db"; then bad="$bad; kill $i at ${delay_ms} ms: a partial database"; fi
  if [ ! -e "$db" ] && [ -e "$db.attachments" ] && [ "$(stages)" = 0 ]; then bad="$bad; kill $i: attachments without database or folder"; fi
  [ "$(tmp_left)" = 0 ] || bad="$bad; kill $i: $(ls "$TMPDIR") in TMPDIR"
  [ "$(stages)" -le 1 ] || bad="$bad; kill $i: $(stages) staging folders"
  # The next run sweeps (or finishes) what this one left.
  if [ -e "$db" ]; then rm -rf "$db" "$db.attachments"; fi
done
[ -z "$bad" ] && ok "$kills SIGKILLs during demo: the database is whole or absent, never partial; TMPDIR stays empty" \
  || not_ok "kills" "$bad"
rm -rf "$db" "$db.attachments"
run 0 --db "$db" demo && complete "$db" && [ "$(stages)" = 0 ] \
  && ok "the run after the kills sweeps every folder they left and builds the demo" || not_ok "after kills" "$err" "stages $(stages)"

# --- a killed run's folder: removed, or its move finished ---------------------------------------------
mv "$db" "$tmp/whole.db"; mv "$db.attachments" "$tmp/whole.db.attachments"
dead=$(dead_pid)
mkdir -p "$dir/.demo.db.demo-$dead/files" && echo x >"$dir/.demo.db.demo-$dead/demo.db"
mkdir -p "$dir/.demo.db.demo-$$" && echo x >"$dir/.demo.db.demo-$$/demo.db"
run 0 --db "$db" demo && complete "$db" && [ ! -e "$dir/.demo.db.demo-$dead" ] && [ -e "$dir/.demo.db.demo-$$/demo.db" ] \
  && ok "a dead run's unfinished folder is removed; a live run's folder is left alone" \
  || not_ok "sweep" "$err" "$(ls -la "$dir")"
rm -rf "$db" "$db.attachments" "$dir/.demo.db.demo-$$"

# Killed while moving: the attachments were in place, the database still in its folder.
dead=$(dead_pid)
mkdir -p "$dir/.demo.db.demo-$dead"
mv "$tmp/whole.db" "$dir/.demo.db.demo-$dead/demo.db"; mv "$tmp/whole.db.attachments" "$db.attachments"
touch "$dir/.demo.db.demo-$dead/ready"
run 0 --db "$db" demo && complete "$db" && [ "$(stages)" = 0 ] \
  && ok "a run killed while moving the database into place is finished by the next run" \
  || not_ok "roll forward" "$status" "$err" "$(ls -la "$dir")"

echo "1..$n"
[ "$failed" -eq 0 ]
