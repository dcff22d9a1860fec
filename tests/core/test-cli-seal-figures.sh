#!/usr/bin/env bash
# A submitted year's figure values are sealed (data/SEAL.md, version 2) and travel in its
# package (data/PACKAGE.md, version 2), through parscore-cli as an office uses it: verify names a
# figure changed behind Parscore's back by unit, year, figure and period; the council's import
# holds the same figures; a tampered figure in a package is refused and nothing is imported.
# TAP output.
#   test-cli-seal-figures.sh PATH-TO-parscore-cli TESTDATADIR
set -u
cli=$1
testdata=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore seal figures XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/ban quản lý.db"
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
U=(--unit "Ban Quản lý các KCN" --year 2020)

# A format-2 year: the seeds' H1 2020 per quarter (4,891 of 4,898 files on time), submitted.
run 0 --db "$db" unit add "Ban Quản lý các KCN" && run 0 --db "$db" assessment new "${U[@]}" --set "$testdata/figures-set.xml" \
  && run 0 --db "$db" figures set "${U[@]}" received q1 2556 received q2 2556 received q3 0 received q4 0 \
       resolved q1 2449 resolved q2 2449 resolved q3 0 resolved q4 0 on_time q1 2445 on_time q2 2446 on_time q3 0 on_time q4 0 \
       pending year 214 online h1 97.5 \
  && run 0 --db "$db" submit "${U[@]}" \
  && ok "a year with figures per quarter, submitted" || not_ok "setup" "$out" "$err"

# --- the seal covers the figures ------------------------------------------------------------------
run 0 --db "$db" verify && grep -q "^1 submitted or appraised year checked against its seal, 0 changed$" <<<"$out" \
  && [ "$(sqlite3 "$db" "select count(*) from seals where canonical like '%figure on_time q1	\"2445\"%'")" = 1 ] \
  && ok "the seal's text holds the figures, and verify finds the year as sealed" || not_ok "verify intact" "$status" "$out" "$err"
run 1 --db "$db" figures set "${U[@]}" on_time q1 2000 && grep -q "locked" <<<"$err" \
  && [ "$(sqlite3 "$db" "select value from figure_values where figure = 'on_time' and period = 'q1'")" = 2445 ] \
  && ok "the store refuses to change a figure of the submitted year" || not_ok "locked" "$status" "$err"
cp "$db" "$tmp/changed.db"
sqlite3 "$tmp/changed.db" "UPDATE figure_values SET value = '2440' WHERE figure = 'on_time' AND period = 'q2'"
run 1 --db "$tmp/changed.db" verify \
  && grep -q "The 2020 self-assessment of Ban Quản lý các KCN changed after it was sealed on .*: 1 difference." <<<"$err" \
  && grep -qF 'figure “on_time”, Q2: "2446" when sealed, "2440" now.' <<<"$err" \
  && grep -q ", 1 changed$" <<<"$out" \
  && ok "verify names a figure changed by plain SQL: unit, year, figure and period" || not_ok "verify changed figure" "$status" "$out" "$err"

# --- the package carries the figures --------------------------------------------------------------
council=(--db "$tmp/hội đồng.db")
run 0 --db "$db" package export "${U[@]}" -o "$tmp/ban 2020.parscore" \
  && run 0 package show "$tmp/ban 2020.parscore" && grep -q "^  14 figure values$" <<<"$out" && grep -q "^  format parscore-package 4$" <<<"$out" \
  && ok "package export: the package holds the year's 14 figure values, format 3" || not_ok "export" "$status" "$out" "$err"
run 0 "${council[@]}" package import "$tmp/ban 2020.parscore" \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select group_concat (figure || ' ' || period || ' ' || value, ', ') from (select * from figure_values where figure = 'on_time' order by period)")" \
       = "on_time q1 2445, on_time q2 2446, on_time q3 0, on_time q4 0" ] \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select count(*) from audit_log where what like 'assessment % figure %'")" = 14 ] \
  && run 0 "${council[@]}" verify && grep -q "^1 submitted or appraised year checked against its seal, 0 changed$" <<<"$out" \
  && ok "the council's import holds the same figures, each written by the store's checked write, sealed as the unit sealed them" \
  || not_ok "import" "$status" "$out" "$err"
cp "$tmp/ban 2020.parscore" "$tmp/tampered.parscore"
sqlite3 "$tmp/tampered.parscore" "UPDATE figure_values SET value = '2449' WHERE figure = 'on_time' AND period = 'q2'"
run 1 "${council[@]}" package import --yes "$tmp/tampered.parscore" && grep -q "changed after it was sealed. Nothing was imported." <<<"$err" \
  && grep -qF 'figure “on_time”, Q2: "2446" when sealed, "2449" now. (table figure_values)' <<<"$err" \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select value from figure_values where figure = 'on_time' and period = 'q2'")" = 2446 ] \
  && ok "a figure changed in the package on the way is refused, naming it; nothing is imported" || not_ok "tampered" "$status" "$out" "$err"
run 0 --db "$db" unlock "${U[@]}" --reason "sửa số liệu quý II" && run 0 --db "$db" figures set "${U[@]}" on_time q2 2440 \
  && run 0 --db "$db" submit "${U[@]}" --package "$tmp/ban 2020 (2).parscore" \
  && run 1 "${council[@]}" package import "$tmp/ban 2020 (2).parscore" && grep -q "The package changes 1 thing in 2020 of “Ban Quản lý các KCN”:" <<<"$out" \
  && grep -qF 'figure “on_time”, Q2: "2446" when sealed, "2440" now.' <<<"$out" \
  && run 0 "${council[@]}" package import --yes "$tmp/ban 2020 (2).parscore" \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select value from figure_values where figure = 'on_time' and period = 'q2'")" = 2440 ] \
  && ok "a later package lists the figure it changes, and replaces the year with --yes" || not_ok "later" "$status" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
