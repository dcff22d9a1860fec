#!/usr/bin/env bash
# parscore-cli figures set|get|export-csv|import-csv and score --json with figures (criteria-set
# format 2, issue 12): values per period, checked by the core, audited; CSV round trips
# byte-identically; errors name FILE:LINE; failed error checks block submit. TAP output.
#   test-cli-figures.sh PATH-TO-parscore-cli TESTDATADIR
set -u
cli=$1
testdata=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli figures XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/số liệu.db"
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
sql() { sqlite3 "$db" "$1"; }
U=(--unit "Ban Quản lý các KCN" --year 2020)

run 0 --db "$db" unit add "Ban Quản lý các KCN" || not_ok "unit add" "$err"
run 0 --db "$db" assessment new "${U[@]}" --set "$testdata/figures-set.xml" || not_ok "assessment new" "$err"

run 0 figures --help && grep -q "parscore-cli figures set --unit U --year Y FIGURE PERIOD VALUE…" <<<"$out" \
  && grep -q "parscore-cli figures import-csv" <<<"$out" \
  && ok "figures --help lists set, get, export-csv and import-csv" || not_ok "figures help" "$out"

# --- set ---------------------------------------------------------------------------------------------
run 0 --db "$db" figures set "${U[@]}" on_time q1 2.445 on_time q2 "2,446" plan_issued year 14/01/2020 \
  && [ "$(sql "select figure || ' ' || period || ' ' || value from figure_values order by figure, period")" = "on_time q1 2445
on_time q2 2446
plan_issued year 2020-01-14" ] && grep -q "3 values changed" <<<"$out" \
  && ok "figures set stores typed values (4.891, 14/01/2020) as canonical text" || not_ok "figures set" "$out" "$err" "$(sql "select * from figure_values")"
[ "$(sql "select count(*) from audit_log where what like 'assessment 1 figure on_time q1' and new_value = '2445'")" = 1 ] \
  && ok "each value is in the audit log" || not_ok "audited" "$(sql "select what, old_value, new_value from audit_log")"
run 1 --db "$db" figures set "${U[@]}" on_time q5 1 && grep -q "on_time" <<<"$err" \
  && ok "a period the figure does not have is refused" || not_ok "bad period" "$status" "$err"
run 1 --db "$db" figures set "${U[@]}" nothing year 1 && grep -q "no figure “nothing”" <<<"$err" \
  && ok "an unknown figure is refused" || not_ok "unknown figure" "$status" "$err"
run 1 --db "$db" figures set "${U[@]}" received q1 10 pending year abc \
  && [ "$(sql "select count(*) from figure_values where figure = 'received'")" = 0 ] \
  && ok "one bad value and nothing of the command is saved" || not_ok "all or none" "$status" "$err"
run 1 --db "$db" figures set "${U[@]}" on_time_share year 50 \
  && ok "a derived figure cannot be entered" || not_ok "derived" "$status" "$err"

# --- CSV ---------------------------------------------------------------------------------------------
run 0 --db "$db" figures export-csv "${U[@]}" -o "$tmp/a.csv" || not_ok "export" "$err"
head -c 3 "$tmp/a.csv" | od -An -tx1 | grep -q "ef bb bf" && sed -n 1p "$tmp/a.csv" | grep -q "figure,period,value,label,unit" \
  && grep -q "^on_time,q1,2445,Số hồ sơ giải quyết đúng hạn,hồ sơ" "$tmp/a.csv" && grep -q "^on_time,q3,," "$tmp/a.csv" \
  && ! grep -q "^on_time_share," "$tmp/a.csv" \
  && ok "export-csv: a row per figure and period, empty where not entered, no derived figure" || not_ok "export content" "$(cat "$tmp/a.csv")"
sed -e 's/^received,q1,,/received,q1,2556,/' -e 's/^received,q2,,/received,q2,2556,/' -e 's/^pending,year,,/pending,year,214,/' "$tmp/a.csv" > "$tmp/b.csv"
run 0 --db "$db" figures import-csv "${U[@]}" --dry-run "$tmp/b.csv" && grep -q "3 values would change" <<<"$out" \
  && [ "$(sql "select count(*) from figure_values where figure = 'received'")" = 0 ] \
  && ok "import-csv --dry-run says what would change and saves nothing" || not_ok "dry run" "$out" "$err"
run 0 --db "$db" figures import-csv "${U[@]}" "$tmp/b.csv" && grep -q "3 values changed" <<<"$out" \
  && run 0 --db "$db" figures export-csv "${U[@]}" -o "$tmp/c.csv" && cmp -s "$tmp/b.csv" "$tmp/c.csv" \
  && ok "import then export gives the file back byte for byte" || not_ok "round trip" "$out" "$err" "$(diff "$tmp/b.csv" "$tmp/c.csv")"
run 0 --db "$db" figures import-csv "${U[@]}" "$tmp/c.csv" && grep -q "0 values changed" <<<"$out" \
  && ok "importing the export again changes nothing" || not_ok "idempotent" "$out" "$err"
printf 'figure;period;value\nreceived;q3;10\nresolved;q9;1\n' > "$tmp/bad.csv"
run 1 --db "$db" figures import-csv "${U[@]}" "$tmp/bad.csv" && grep -q "bad.csv:3: " <<<"$err" \
  && [ "$(sql "select count(*) from figure_values where period = 'q3'")" = 0 ] \
  && ok "a bad row is refused with FILE:LINE (semicolons read) and nothing is saved" || not_ok "bad csv" "$status" "$err"
printf 'figure,period,value\nreceived,q3,10\nreceived,q3,11\n' > "$tmp/twice.csv"
run 1 --db "$db" figures import-csv "${U[@]}" "$tmp/twice.csv" && grep -q "twice.csv:3: .*twice" <<<"$err" \
  && ok "a row given twice is refused with its line" || not_ok "twice" "$status" "$err"
printf 'figure,period,value\n=cmd,year,1\n' > "$tmp/formula.csv"
run 1 --db "$db" figures import-csv "${U[@]}" "$tmp/formula.csv" && grep -q "formula.csv:2: " <<<"$err" \
  && ok "an unknown figure in a CSV names its line" || not_ok "unknown in csv" "$status" "$err"

# --- get, score --json, submit ----------------------------------------------------------------------
run 0 --db "$db" figures get "${U[@]}" on_time && grep -q "^on_time — Số hồ sơ giải quyết đúng hạn (hồ sơ)" <<<"$out" \
  && grep -q "2,445" <<<"$out" && grep -q "2,446" <<<"$out" \
  && ok "figures get shows the periods of a figure" || not_ok "get" "$out" "$err"
run 0 --db "$db" figures set "${U[@]}" resolved q1 2449 resolved q2 2449 resolved q3 0 resolved q4 0 \
  on_time q3 0 on_time q4 0 received q3 0 received q4 0 || not_ok "set rest" "$err"
run 0 --db "$db" score "${U[@]}" --json \
  && python3 - "$out" <<'PY' && ok "score --json has each figure's value and provenance, and the checks" || not_ok "score json" "$out"
import json, sys
d = json.loads(sys.argv[1])[0]
figs = {f["id"]: f for f in d["figures"]}
assert figs["on_time"]["value"] == "4891", figs["on_time"]
assert figs["on_time"]["periods"]["q1"] == "2,445", figs["on_time"]
assert "2,445" in figs["on_time"]["provenance"] and "4,891" in figs["on_time"]["provenance"], figs["on_time"]
assert figs["on_time_share"]["derived"] is True
assert figs["pending"]["value"] == "214"
checks = {c["id"]: c for c in d["checks"]}
assert checks["balance"]["state"] == "passed", checks
assert checks["balance"]["figures"] == ["received", "resolved", "pending"], checks
item = [i for i in d["items"] if i["code"] == "1.1.1"][0]
assert item["score"] == "2.00" or item["score"] == 2.0, item
assert item["figures"] == ["on_time", "resolved"], item
PY
run 0 --db "$db" figures set "${U[@]}" pending year 200 || not_ok "pending 200" "$err"
run 1 --db "$db" submit "${U[@]}" && grep -q "Số tiếp nhận phải bằng" <<<"$err" \
  && [ "$(sql "select status from assessments")" = draft ] \
  && ok "a failed error check blocks submit, giving its message" || not_ok "submit blocked" "$status" "$out" "$err"
run 0 --db "$db" figures set "${U[@]}" pending year 214 && run 0 --db "$db" submit "${U[@]}" \
  && run 1 --db "$db" figures set "${U[@]}" pending year 1 && [ "$(sql "select value from figure_values where figure = 'pending'")" = 214 ] \
  && ok "once the check holds the year submits, and its figures are locked" || not_ok "submit" "$status" "$out" "$err"

# --- verify: stored values against their figures ---------------------------------------------------------
V=(--unit "Sở Nội vụ" --year 2020)
run 0 --db "$db" unit add "Sở Nội vụ" && run 0 --db "$db" assessment new "${V[@]}" --set "$testdata/figures-set.xml" \
  && run 0 --db "$db" figures set "${V[@]}" on_time q1 2445 received q1 2500 || not_ok "second year" "$err"
total=$(sql "select count(*) from figure_values")
run 0 --db "$db" verify && grep -q "^$total figure values checked against their figures, 0 refused$" <<<"$out" \
  && ok "verify checks every stored figure value ($total) and finds none refused" || not_ok "verify clean" "$status" "$out" "$err"
# Written behind the store's back: a value that is no number, a period the figure does not have,
# a derived figure, a figure the set does not have, a negative count.
a2=$(sql "select a.id from assessments a join units u on u.id = a.unit_id where u.name = 'Sở Nội vụ'")
sql "update figure_values set value = 'abc' where assessment_id = $a2 and figure = 'on_time' and period = 'q1'"
sql "insert into figure_values (assessment_id, figure, period, value) values ($a2, 'on_time', 'h1', '5'),
     ($a2, 'on_time_share', 'year', '99.00'), ($a2, 'bogus', 'q1', '1'), ($a2, 'received', 'q2', '-4')"
run 1 --db "$db" verify \
  && grep -qF "Sở Nội vụ, 2020: Figure “Số hồ sơ giải quyết đúng hạn” (on_time), q1: “abc” is not a whole number from 0 to 999,999,999,999." <<<"$err" \
  && grep -qF "Sở Nội vụ, 2020: Figure “Số hồ sơ giải quyết đúng hạn” (on_time) is entered for q1 … q4, not for “h1”." <<<"$err" \
  && grep -qF "Sở Nội vụ, 2020: figure “Tỷ lệ đúng hạn” (on_time_share), year: “99.00” is stored, but this figure is computed from other figures and never entered" <<<"$err" \
  && grep -qF "Sở Nội vụ, 2020: figure “bogus”, q1: “1” is stored, but the criteria set of this year has no such figure" <<<"$err" \
  && grep -qF "Sở Nội vụ, 2020: Figure “Số hồ sơ tiếp nhận” (received), q2: “-4” is not a whole number from 0 to 999,999,999,999." <<<"$err" \
  && [ "$(grep -c "Ban Quản lý các KCN, 2020: .igure" <<<"$err")" = 0 ] \
  && grep -q "^$((total + 4)) figure values checked against their figures, 5 refused$" <<<"$out" \
  && ok "verify names each stored figure value the check refuses by unit, year, figure and period, and exits 1" \
  || not_ok "verify figure values" "$status" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
