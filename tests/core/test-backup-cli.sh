#!/usr/bin/env bash
# parscore-cli backup and restore, as a user runs them. TAP output.
#   test-backup-cli.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore backup test XXXXXX")   # spaces, on purpose
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
sum() { sha256sum "$1" | cut -d' ' -f1; }

# The demo database: units, years in every status, documents and their files.
run 0 --db "$db" demo && ok "a demo database to work on" || not_ok "demo" "$err"

# --- backup -------------------------------------------------------------------------------------
backup="$tmp/bản sao.parscore-backup"
run 0 --db "$db" backup -o "$backup" \
  && grep -q "attached files" <<<"$out" && grep -q " 2020: appraised" <<<"$out" && [ -s "$backup" ] \
  && ok "backup -o writes one file and says what it holds" || not_ok "backup" "$status" "$out" "$err"
run 1 --db "$db" backup -o "$backup" && grep -q "already exists" <<<"$err" && grep -q -- "--force" <<<"$err" \
  && ok "backup refuses to replace a file without --force" || not_ok "backup exists" "$status" "$err"
[ ! -e "$backup-wal" ] && ! ls "$tmp" | grep -q partial \
  && ok "no -wal and no temporary file beside the backup" || not_ok "backup leftovers" "$(ls "$tmp")"

# --- restore ------------------------------------------------------------------------------------
before=$(sum "$db")
out=$(echo n | "$cli" --db "$db" restore "$backup" 2>"$tmp/stderr"); status=$?
[ "$status" -eq 1 ] && grep -q "Replace the database" <<<"$out" && grep -q "Nothing was changed" <<<"$out" \
  && grep -q " 2022: draft" <<<"$out" && grep -Eq "last change: [0-9]{2}/[0-9]{2}/[0-9]{4}" <<<"$out" && [ "$(sum "$db")" = "$before" ] \
  && ok "restore shows what the backup holds and changes nothing when the answer is no" \
  || not_ok "restore no" "$status" "$out"

run 0 --db "$db" import-framework "$data/frameworks/camau-2013-field1.xml"
frameworks_before=$("$cli" --db "$db" list 2>/dev/null | grep -c "camau")
run 0 --db "$db" restore --yes "$backup" && grep -q "Restored" <<<"$out" && grep -q "before-restore" <<<"$out" \
  && ok "restore --yes replaces the database and says where the old one is kept" \
  || not_ok "restore yes" "$status" "$out" "$err"
[ "$frameworks_before" -ge 1 ] && ! "$cli" --db "$db" list 2>/dev/null | grep -q "camau" \
  && ok "after restore the database is the backup's (the set imported later is gone)" \
  || not_ok "restore content" "$("$cli" --db "$db" list 2>&1)"
run 0 --db "$db" backup --list && grep -q "snapshot before a restore" <<<"$out" \
  && ok "backup --list shows the snapshot kept before the restore" || not_ok "backup --list" "$out" "$err"

# A damaged backup is refused before anything is touched.
cp "$backup" "$tmp/damaged.parscore-backup"
size=$(stat -c %s "$tmp/damaged.parscore-backup")
head -c 65536 /dev/zero | tr '\0' '\377' \
  | dd of="$tmp/damaged.parscore-backup" bs=1 seek=$((size / 2)) conv=notrunc status=none
before=$(sum "$db")
run 1 --db "$db" restore --yes "$tmp/damaged.parscore-backup" && grep -q "damaged" <<<"$err" \
  && grep -q "Nothing was changed" <<<"$err" && [ "$(sum "$db")" = "$before" ] \
  && ok "a damaged backup is refused and the database is untouched" || not_ok "damaged" "$status" "$err"
run 1 --db "$db" restore --yes "$data/frameworks/camau-2013-field1.xml" && grep -q "is not a Parscore backup" <<<"$err" \
  && ok "a file that is no backup is refused" || not_ok "not a backup" "$status" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
