#!/usr/bin/env bash
# parscore-cli for the province's council: rank (issue 14). TAP output.
#   test-cli-council.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli council XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/hội đồng.db"
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
py() { /usr/bin/python3 - "$@"; }

# --- four units, 2021 and 2022, entered through the command line -------------------------------------
setup_ok=1
run 0 --db "$db" import-framework "$data/frameworks/sample-department.xml" || setup_ok=0
for u in "Sở Nội vụ" "Sở Tài chính" "Sở Y tế" "Thanh tra tỉnh"; do run 0 --db "$db" unit add "$u" || setup_ok=0; done
run 0 --db "$db" unit add "Phòng Nội vụ huyện Nhơn Trạch" --level district || setup_ok=0
for u in 1 2 3; do
  for y in 2021 2022; do run 0 --db "$db" assessment new --unit "$u" --year "$y" --set 1 || setup_ok=0; done
done
printf 'code,inputs\n1.4.2,items=15\n' >"$tmp/high.csv"   # 1.00 point
printf 'code,inputs\n1.4.2,items=3\n' >"$tmp/low.csv"     # 0.50 point
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/high.csv" || setup_ok=0
run 0 --db "$db" import-csv --unit 2 --year 2022 "$tmp/low.csv" || setup_ok=0
run 0 --db "$db" import-csv --unit 3 --year 2022 "$tmp/low.csv" || setup_ok=0
run 0 --db "$db" import-csv --unit 3 --year 2021 "$tmp/high.csv" || setup_ok=0
run 0 --db "$db" import-csv --unit 2 --year 2021 "$tmp/low.csv" || setup_ok=0
[ "$setup_ok" = 1 ] && ok "four units with 2021 and 2022 made through the command line" || not_ok "setup" "$out" "$err"

# --- rank ---------------------------------------------------------------------------------------------
run 0 --db "$db" rank --year 2022
if grep -qE "^ +1  Sở Nội vụ +1\.00 +73\.00 +1\.37  Yếu +—$" <<<"$out" \
   && grep -qE "^ +2=  Sở Tài chính +0\.50 +73\.00 +0\.68  Yếu +=$" <<<"$out" \
   && grep -qE "^ +2=  Sở Y tế +0\.50 +73\.00 +0\.68  Yếu +▼1$" <<<"$out" \
   && grep -q "^  no result: Thanh tra tỉnh$" <<<"$out" && grep -q "^  no result: Phòng Nội vụ huyện Nhơn Trạch$" <<<"$out" \
   && grep -q "since 2021" <<<"$out"; then
  ok "rank --year 2022: by index %, the tie shares the 2nd rank, the change since 2021, units without a year named"
else not_ok "rank text" "$out" "$err"; fi

run 0 --db "$db" rank --year 2022 --json
if py "$out" <<'EOF'
import json, sys
r = json.loads(sys.argv[1])
assert r["year"] == 2022 and r["column"] == "final" and r["previous_year"] == 2021, r
u = r["units"]
assert [x["unit"] for x in u] == ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Phòng Nội vụ huyện Nhơn Trạch", "Thanh tra tỉnh"], u
assert [x["rank"] for x in u] == [1, 2, 2, None, None], u
assert [x["tied"] for x in u] == [False, True, True, False, False], u
assert u[0]["index"] == 1.37 and u[0]["points"] == 1.0 and u[0]["max"] == 73.0 and u[0]["band"] == "Yếu", u[0]
assert [x["previous_rank"] for x in u] == [None, 2, 1, None, None], u
assert [x["change"] for x in u] == [None, 0, -1, None, None], u
assert u[3]["state"] == "no-result" and u[3]["level"] == "district", u[3]
EOF
then ok "rank --json: ranks 1, 2, 2, the ties marked, previous ranks and changes"; else not_ok "rank json" "${out:0:600}" "$err"; fi

run 0 --db "$db" rank --year 2022 --level district && grep -q "no result: Phòng Nội vụ huyện Nhơn Trạch" <<<"$out" && ! grep -q "Sở Nội vụ" <<<"$out" \
  && ok "rank --level district keeps only the district" || not_ok "rank level" "$out" "$err"
run 0 --db "$db" rank --year 2022 --set nothing-like-it && ! grep -q "Sở Y tế" <<<"$out" && grep -q "no result: Thanh tra tỉnh" <<<"$out" \
  && ok "rank --set leaves out years scored with another set" || not_ok "rank set" "$out" "$err"

run 0 --db "$db" rank --year 2022 --csv -o "$tmp/rank.csv" \
  && [ "$(sed -n 3p "$tmp/rank.csv")" = $'2,Sở Tài chính,department,vn-sample-department-876,0.50,73.00,0.68,Yếu,2,0,ranked\r' ] \
  && [ "$(sed -n 6p "$tmp/rank.csv")" = $',Thanh tra tỉnh,department,,,,,,,,no-result\r' ] \
  && ok "rank --csv -o FILE writes the rows" || not_ok "rank csv" "$(cat "$tmp/rank.csv")" "$err"
run 0 --db "$db" rank --year 2022 --xlsx -o "$tmp/xếp hạng.xlsx" && [ "$(head -c 2 "$tmp/xếp hạng.xlsx")" = PK ] \
  && /usr/bin/python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); s=z.read('xl/sharedStrings.xml').decode(); assert 'Sở Y tế' in s and 'Thanh tra tỉnh' in s, s" "$tmp/xếp hạng.xlsx" \
  && ok "rank --xlsx -o FILE writes a spreadsheet holding the units" || not_ok "rank xlsx" "$err"

run 2 --db "$db" rank && grep -q -- "--year" <<<"$err" && ok "rank without --year is a usage error" || not_ok "rank no year" "$status" "$err"
run 2 --db "$db" rank --year 2022 --xlsx && grep -q -- "-o FILE.xlsx" <<<"$err" && ok "rank --xlsx without -o says to give the file" || not_ok "rank xlsx no o" "$status" "$err"
run 2 --db "$db" rank --year 2022 --level province && grep -q "“province”" <<<"$err" && ok "rank --level province is refused, naming it" || not_ok "rank bad level" "$status" "$err"
run 1 --db "$db" rank --year 2022 --xlsx -o "$tmp/không có/x.xlsx" && grep -q "x.xlsx" <<<"$err" \
  && ok "rank --xlsx into a missing folder fails naming the file" || not_ok "rank xlsx bad dir" "$status" "$err"

# --- sealed submission packages ------------------------------------------------------------------------
council="$tmp/sở nội vụ tỉnh.db"
pkg="$tmp/Sở Nội vụ 2022.parscore"
run 0 --db "$db" submit --unit "Sở Nội vụ" --year 2022 --package "$pkg" \
  && grep -q "^2022 of “Sở Nội vụ” submitted" <<<"$out" && grep -qE "^Sealed package written to .*Sở Nội vụ 2022.parscore \(seal [0-9a-f]{16}…\)$" <<<"$out" \
  && [ -f "$pkg" ] && [ ! -e "$pkg-wal" ] && [ ! -e "$pkg.attachments" ] \
  && ok "submit --package writes the sealed package, one file" || not_ok "submit --package" "$out" "$err"
run 0 package show "$pkg" && grep -q "^submission package: 2022 of “Sở Nội vụ” (department), submitted$" <<<"$out" \
  && grep -q "1 entries, 0 documents, 0 files" <<<"$out" && grep -q "every check passed" <<<"$out" \
  && ok "package show checks it and says what it holds" || not_ok "package show" "$out" "$err"
run 0 --db "$council" package import "$pkg" && grep -q "^2022 of “Sở Nội vụ” imported from the package (submitted, seal" <<<"$out" \
  && run 0 --db "$council" rank --year 2022 && grep -qE "^ +1  Sở Nội vụ +1\.00" <<<"$out" \
  && run 0 --db "$council" verify && grep -q "1 submitted or appraised year checked against its seal, 0 changed" <<<"$out" \
  && ok "the council imports it: the year is there, sealed as the unit sealed it, and ranked" || not_ok "package import" "$out" "$err"

cp "$pkg" "$tmp/changed.parscore"
sqlite3 "$tmp/changed.parscore" "UPDATE entries SET inputs = '{\"items\":\"30\"}' WHERE code = '1.4.2'"
run 1 --db "$council" package import "$tmp/changed.parscore" && grep -q "changed.parscore” was changed after it was sealed. Nothing was imported." <<<"$err" \
  && grep -qF '1.4.2, figure “items”: "15" when sealed, "30" now. (table entries)' <<<"$err" \
  && ok "a package with a changed figure is refused, naming the figure and its table" || not_ok "tampered score" "$err"
head -c 3000 "$pkg" >"$tmp/cut.parscore"
run 1 --db "$council" package import "$tmp/cut.parscore" && grep -q "is damaged" <<<"$err" && grep -q "Nothing was imported" <<<"$err" \
  && ok "a package cut short is refused as damaged" || not_ok "truncated" "$err"
run 1 --db "$council" package import "$db" && grep -q "not a" <<<"$err" \
  && ok "a database is no package" || not_ok "db as package" "$err"

run 0 --db "$db" unlock --unit "Sở Nội vụ" --year 2022 --reason "sửa 1.4.2" \
  && run 0 --db "$db" import-csv --unit "Sở Nội vụ" --year 2022 "$tmp/low.csv" \
  && run 0 --db "$db" submit --unit "Sở Nội vụ" --year 2022 --package "$tmp/later.parscore" || not_ok "later package" "$err"
run 1 --db "$council" package import "$tmp/later.parscore" && grep -qF '1.4.2, figure “items”: "15" when sealed, "3" now.' <<<"$out" \
  && grep -q "run again with --yes" <<<"$err" \
  && ok "a later package lists what it changes and replaces nothing without --yes" || not_ok "later without yes" "$out" "$err"
run 0 --db "$council" package import --yes "$tmp/later.parscore" && grep -q "replaced from the package" <<<"$out" \
  && run 0 --db "$council" score --unit "Sở Nội vụ" --year 2022 --json && grep -q '"score":0.50' <<<"$out" \
  && ok "package import --yes replaces the year" || not_ok "later with yes" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
