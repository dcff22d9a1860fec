#!/usr/bin/env bash
# The one check of what may be stored (par_entry_check), through parscore-cli: a CSV import is
# refused with FILE:LINE and the check's message, and nothing is stored. TAP output.
#   test-entry-check-cli.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore entry check XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/kiểm tra.db"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
run() { # run EXPECTED-STATUS ARGS… ; sets $out $err $status
  local expected=$1; shift
  out=$(LC_ALL=C.UTF-8 LANGUAGE=en "$cli" "$@" 2>"$tmp/stderr"); status=$?
  err=$(cat "$tmp/stderr")
  [ "$status" -eq "$expected" ]
}
sql() { sqlite3 "$db" "$1"; }

run 0 --db "$db" import-framework "$data/frameworks/sample-department.xml" || not_ok "import-framework" "$err"
run 0 --db "$db" unit add "Sở Nội vụ" || not_ok "unit add" "$err"
run 0 --db "$db" assessment new --unit 1 --year 2022 --set 1 || not_ok "assessment new" "$err"

# Each bad row after a good one: the whole file is refused, line and message named, nothing stored.
check_refused() { # check_refused NAME CSV-BODY EXPECTED-MESSAGE
  local name=$1 body=$2 expected=$3
  printf 'code,inputs,self_score,appraised_score,survey_score,not_applicable\n5.5.2,,0.75,,,\n%s\n' "$body" >"$tmp/$name.csv"
  if run 1 --db "$db" import-csv --unit 1 --year 2022 "$tmp/$name.csv" \
     && grep -qF "$name.csv:3: $expected" <<<"$err" \
     && [ "$(sql "select count(*) from entries")" = 0 ]; then
    ok "import-csv refuses $name: line 3 and the check's message, nothing stored"
  else
    not_ok "import-csv $name" "status $status" "$err" "$(sql "select count(*) from entries")"
  fi
}
check_refused above-max '5.5.1,,,99,,' \
  "5.5.1, appraised score: 99.00 is more than the maximum; enter a score from 0.00 to 0.50"
check_refused off-step '5.5.2,,0.3,,,' \
  "5.5.2, self-assessed score: 0.30 is not in steps of 0.25; enter 0.00, 0.25, 0.50 … up to 1.00"
check_refused negative-survey '5.5.2,,,,-1,' \
  "5.5.2, survey score: -1.00 is below zero; enter a score from 0.00 to 1.00"
check_refused ratio-over '3.5.2,handled=120;received=112,,,,' \
  "3.5.2, figure “Số phản ánh, kiến nghị xử lý đúng hạn” (handled): 120 is more than “Số phản ánh, kiến nghị tiếp nhận” (received), 112; this share cannot be over 100 %"
# 3.3.1's files are figures of the set's procedure statistics (a register), not in an entry.
check_refused figure-in-entry '3.3.1,files_on_time=120,,,,' \
  "3.3.1: there is no figure “files_on_time” here; this item has no figures"
check_refused not-applicable '1.1.1,,,,,1' \
  "1.1.1: the criteria set does not allow marking this item not applicable"

# The same rows within the rules go in.
printf 'code,inputs,self_score,not_applicable\n5.5.2,,0.75,\n3.5.2,handled=112;received=112,,\n1.3.2,,,1\n' >"$tmp/good.csv"
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/good.csv" && grep -q "^3 entries changed$" <<<"$out" \
  && [ "$(sql "select count(*) from entries")" = 3 ] \
  && ok "the rows within the rules are stored" || not_ok "good import" "$status" "$out" "$err"

# A database written before the check: verify lists what it would refuse, by unit and year.
run 0 --db "$db" verify && grep -q "^1 year’s entries checked, 0 stored values the check refuses$" <<<"$out" \
  && ok "verify: the entries stored through the check pass it" || not_ok "verify clean" "$status" "$out" "$err"
sql "update entries set appraised_score = 9900 where code = '5.5.2'"
sql "insert into entries (assessment_id, code, inputs) values (1, '3.3.1x', '{}')"
sql "update entries set inputs = '{\"handled\":\"120\",\"received\":\"112\"}' where code = '3.5.2'"
run 1 --db "$db" verify \
  && grep -qF "Sở Nội vụ, 2022: 3.5.2, figure “Số phản ánh, kiến nghị xử lý đúng hạn” (handled): 120 is more than “Số phản ánh, kiến nghị tiếp nhận” (received), 112; this share cannot be over 100 %" <<<"$err" \
  && grep -qF "Sở Nội vụ, 2022: 5.5.2, appraised score: 99.00 is more than the maximum; enter a score from 0.00 to 1.00" <<<"$err" \
  && grep -qF "Sở Nội vụ, 2022: 3.3.1x: there is no such code in the criteria set" <<<"$err" \
  && grep -q "^1 year’s entries checked, 3 stored values the check refuses$" <<<"$out" \
  && ok "verify lists the stored values the check refuses, by unit and year, and exits 1" || not_ok "verify refuses" "$status" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
