#!/usr/bin/env bash
# parscore-cli verify and --create, as a user runs them. TAP output.
#   test-verify-cli.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore verify test XXXXXX")   # spaces, on purpose
trap 'rm -rf "$tmp"' EXIT
db="$tmp/cơ sở dữ liệu.db"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
run() { # run EXPECTED-STATUS ARGS… ; sets $out $err $status
  local expected=$1; shift
  out=$("$cli" "$@" 2>"$tmp/stderr" </dev/null); status=$?
  err=$(cat "$tmp/stderr")
  [ "$status" -eq "$expected" ]
}

# The demo database: units, years in every status, documents and their files.
run 0 --db "$db" demo && ok "a demo database to work on" || not_ok "demo" "$err"

# --- verify -------------------------------------------------------------------------------------
run 0 --db "$db" verify && grep -q "The database file is intact" <<<"$out" \
  && grep -qE "^1 criteria set checked against its SHA-256.$" <<<"$out" \
  && grep -qE "^[1-9][0-9]* attachments checked, 0 bad$" <<<"$out" \
  && ok "verify checks the database file, the criteria set and the files" || not_ok "verify clean" "$status" "$out" "$err"

# A blob nothing uses (an interrupted removal): named with its size, left in place.
orphan="$db.attachments/ab/ab00000000000000000000000000000000000000000000000000000000000000"
mkdir -p "$(dirname "$orphan")" && printf 'orphan' >"$orphan"
run 1 --db "$db" verify && grep -q "1 file (6.bytes) in the attachments folder" <<<"$err" && [ -f "$orphan" ] \
  && ok "verify names a file nothing uses, and leaves it" || not_ok "verify stray" "$status" "$out" "$err"
rm -f "$orphan"

# Damaged pages: the file itself is checked, not only the attachments.
cp "$db" "$tmp/damaged.db"
printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' \
  | dd of="$tmp/damaged.db" bs=1 seek=$((4096 * 3)) conv=notrunc status=none
run 1 --db "$tmp/damaged.db" verify && grep -q "damaged" <<<"$err" \
  && ok "verify finds damaged pages of the database file" || not_ok "verify damaged" "$status" "$out" "$err"

# --- seals: a locked year changed behind Parscore's back --------------------------------------
run 0 --db "$db" verify && grep -qE "^[1-9][0-9]* submitted or appraised years checked against their seals, 0 changed$" <<<"$out" \
  && ok "verify checks the seal of every locked year" || not_ok "verify seals" "$status" "$out" "$err"
cp "$db" "$tmp/sealed.db" && cp -r "$db.attachments" "$tmp/sealed.db.attachments"
code=$(sqlite3 "$tmp/sealed.db" "SELECT e.code FROM entries e JOIN assessments a ON a.id = e.assessment_id
  WHERE a.status = 'appraised' AND e.appraised_score IS NOT NULL ORDER BY a.id, e.code LIMIT 1")
sqlite3 "$tmp/sealed.db" "UPDATE entries SET appraised_score = 15000 WHERE code = '$code' AND assessment_id =
  (SELECT id FROM assessments WHERE status = 'appraised' ORDER BY id LIMIT 1)"
run 1 --db "$tmp/sealed.db" verify && [ -n "$code" ] \
  && grep -q "changed after it was sealed" <<<"$err" \
  && grep -qF "$code, appraised score: " <<<"$err" && grep -qF " when sealed, 150.00 now." <<<"$err" \
  && grep -qE ", 1 changed$" <<<"$out" \
  && ok "an UPDATE of an appraised score is reported, naming the criterion and the column" \
  || not_ok "verify broken seal" "$status" "$code" "$out" "$err"

# --- an empty file is not a database ------------------------------------------------------------
: >"$tmp/empty.db"
run 2 --db "$tmp/empty.db" list && grep -q "is empty (0 bytes)" <<<"$err" && grep -q -- "--create" <<<"$err" \
  && [ ! -s "$tmp/empty.db" ] && ok "a 0-byte --db is refused, with the way to make one" || not_ok "empty" "$status" "$err"
run 0 --db "$tmp/empty.db" --create list && [ -s "$tmp/empty.db" ] \
  && ok "--create makes a new database in the empty file" || not_ok "--create" "$status" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
