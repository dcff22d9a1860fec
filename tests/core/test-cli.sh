#!/usr/bin/env bash
# End-to-end tests of parscore-cli, as a user runs it. TAP output.
#   test-cli.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli test XXXXXX")   # a path with spaces, on purpose
trap 'rm -rf "$tmp"' EXIT
db="$tmp/cơ sở dữ liệu.db"                                      # and Vietnamese letters
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { # check DESCRIPTION COMMAND… — passes when the command succeeds
  local d=$1; shift
  if "$@"; then ok "$d"; else not_ok "$d"; fi
}
run() { # run EXPECTED-STATUS ARGS… ; sets $out $err $status
  local expected=$1; shift
  out=$("$cli" "$@" 2>"$tmp/stderr"); status=$?
  err=$(cat "$tmp/stderr")
  [ "$status" -eq "$expected" ]
}

# --- help and usage errors ------------------------------------------------------------------------
run 0 --help && grep -q "validate" <<<"$out" && grep -q "export-csv" <<<"$out" \
  && ok "--help lists the commands" || not_ok "--help lists the commands" "$out"
run 0 score --help && grep -qF "parscore-cli [OPTION…] score (--unit U | --all-units) (--year Y | --all-years)" <<<"$out" \
  && run 0 import-csv --help && grep -q "import-csv --unit U --year Y \[--dry-run\] FILE" <<<"$out" \
  && ok "each command's --help shows its own synopsis once" || not_ok "command help" "$out"
XDG_DATA_HOME="$tmp/xdg dữ liệu" run 0 --help && grep -qF -- "--db PATH          Database file (default: $tmp/xdg dữ liệu/parscore/parscore.db)" <<<"$out" \
  && PARSCORE_DB="$tmp/env.db" run 0 --help && grep -qF "(default: $tmp/env.db)" <<<"$out" \
  && ok "--help shows the real default database, under \$XDG_DATA_HOME or \$PARSCORE_DB" || not_ok "--db default in help" "$out"
run 2 && grep -q "Usage" <<<"$err" && ok "no command: usage on stderr, exit 2" || not_ok "no command" "status $status" "$err"
run 2 frobnicate && grep -q "frobnicate" <<<"$err" && ok "unknown command named, exit 2" || not_ok "unknown command" "$err"
run 2 --db "$db" score && grep -q -- "--unit" <<<"$err" && ok "score without --unit is a usage error" || not_ok "score usage" "$status $err"
run 2 --db "$db" score --unit 1 --year abc && ok "score --year abc is a usage error" || not_ok "score bad year" "$status $err"

# --- validate ---------------------------------------------------------------------------------------
run 0 validate "$data/frameworks/sample-department.xml" "$data/frameworks/camau-2013-field1.xml" \
  && grep -q "^vn-sample-department-876: 8 fields, 37 criteria, 91 sub-criteria, 3 deductions/bonuses, 94 scored items, maximum 100.00 points$" <<<"$out" \
  && grep -q "^camau-2013-department-field1: 1 fields, 2 criteria, 6 sub-criteria, 0 deductions/bonuses, 6 scored items, maximum 7.00 points$" <<<"$out" \
  && ok "validate accepts both shipped sets with a one-line summary" || not_ok "validate shipped sets" "$out" "$err"

cat >"$tmp/xxe.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE criteria-set [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<criteria-set xmlns="urn:x-parscore:criteria-set:1" id="x" max="1"><title>&x;</title></criteria-set>
EOF
run 1 validate "$tmp/xxe.xml" && grep -q "xxe.xml:2: " <<<"$err" && ! grep -q "root:" <<<"$err$out" \
  && ok "validate rejects an external entity with FILE:LINE, never reading it" || not_ok "validate xxe" "$status" "$err"

sed 's/<field code="1" max="7">/<field code="1" max="8">/' "$data/frameworks/camau-2013-field1.xml" >"$tmp/sum.xml"
run 1 validate "$tmp/sum.xml" && grep -qE "sum.xml:[0-9]+: field 1: the maxima below it add up to 7.00, but its maximum is 8.00" <<<"$err" \
  && ok "validate names file, line and criterion for a wrong maximum" || not_ok "validate sum" "$err"

run 1 validate "$tmp/missing.xml" && grep -q "missing.xml" <<<"$err" && ok "validate a missing file: exit 1" || not_ok "validate missing" "$err"
run 1 validate "$data/frameworks/camau-2013-field1.xml" "$tmp/sum.xml" && grep -q "camau-2013" <<<"$out" \
  && ok "validate: one bad file fails the run, the good one is still summarised" || not_ok "validate mixed" "$out" "$err"

# --- demo and score ---------------------------------------------------------------------------------
run 0 --db "$db" demo && [ -f "$db" ] && ok "demo creates the database" || not_ok "demo" "$err"
texts=0
while IFS= read -r -d '' f; do
  pdftotext "$f" - 2>/dev/null | grep -q "I. MỤC ĐÍCH, YÊU CẦU" && [ "$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')" = 2 ] && texts=$((texts + 1))
done < <(find "$db.attachments" -type f -print0)
[ "$texts" -ge 5 ] && ok "demo attachments are whole two-page documents with their body text ($texts)" || not_ok "demo attachments" "$texts text PDFs with a body"
run 1 --db "$db" demo && grep -q "exists already" <<<"$err" && ok "demo refuses to fill a database twice" || not_ok "demo twice" "$err"
run 0 --db "$db" list && grep -q "Ban Quản lý các Khu công nghiệp Đồng Nai" <<<"$out" \
  && [ "$(grep -cE '^      20(20|21|22) ' <<<"$out")" -ge 3 ] && ok "list shows the board and its three years" || not_ok "list" "$out"

run 0 --db "$db" score --unit 1 --all-years
years=$(grep -cE "^Ban Quản lý các Khu công nghiệp Đồng Nai — 20(20|21|22) " <<<"$out")
totals=$(grep -cE "^  Total [0-9]+\.[0-9]{2} / [0-9]+\.[0-9]{2} points, index [0-9]+\.[0-9]{2} %, band " <<<"$out")
[ "$years" -eq 3 ] && [ "$totals" -eq 3 ] && ok "score prints three years with totals, index and band" \
  || not_ok "score all years" "$out" "$err"

run 0 --db "$db" score --unit "Ban Quản lý các Khu công nghiệp Đồng Nai" --year 2020 --json
if /usr/bin/python3 - "$out" <<'EOF'
import json, sys
data = json.loads(sys.argv[1])
y = data[0]
assert y["year"] == 2020 and y["status"] == "appraised", y
items = {i["code"]: i for i in y["items"]}
figs = {f["id"]: f for f in y["figures"]}
# The real figures of the primer, kept in the board's procedure statistics per quarter (H1 the
# 6-month report: 4,860 new + 252 carried over, 4,891 on time, 7 late, 214 pending; H2 completes
# the year): 9,836 of 9,848 on time.
assert figs["files_on_time"]["register"] == "procedure_stats" and figs["files_on_time"]["value"] == "9836", figs["files_on_time"]
assert figs["files_on_time"]["provenance"] == "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 9,836 over 4 rows = 9,836", figs["files_on_time"]
assert figs["files_resolved"]["value"] == "9848" and figs["files_late"]["value"] == "12", figs
assert figs["plan_issued_on_time"]["value"] == "1" and figs["reports_on_time"]["register"] == "reports_sent", figs
checks = {c["id"]: c for c in y["checks"]}
assert checks["stats_balance"]["state"] == "passed" and checks["forms_enough"]["state"] == "passed", checks
assert items["1.1.1"]["explanation"] == "plan_issued_on_time 1 ≥ 1 → 1.00", items["1.1.1"]
assert items["3.3.1"]["explanation"] == "files_on_time 9,836, files_resolved 9,848: 9836/9848 = 99.88 % > 90.00 % → 2.00", items["3.3.1"]
assert items["3.3.1"]["self"] == 2.0 and items["3.3.1"]["figures"] == ["files_on_time", "files_resolved"], items["3.3.1"]
assert items["3.3.2"]["self"] == 0.5 and "files_late 12: 12/12" in items["3.3.2"]["explanation"], items["3.3.2"]
assert abs(sum(f["score"] for f in y["fields"]) - y["deductions"] * 0 + y["bonuses"] - y["deductions"] - y["score"]) < 0.005, y
assert y["band"] in ("Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu")
EOF
then ok "score --json: valid JSON, the primer's 4891/4898 explained, totals add up"; else not_ok "score --json" "$out"; fi
run 1 --db "$db" score --unit 1 --year 1999 && grep -q "1999" <<<"$err" && ok "score for a year not assessed: exit 1" || not_ok "score missing year" "$status" "$err"
run 1 --db "$db" score --unit "Không có" --year 2020 && ok "score for an unknown unit: exit 1" || not_ok "score unknown unit" "$status $err"

# --- CSV round trip ---------------------------------------------------------------------------------
run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/a.csv" && head -c 3 "$tmp/a.csv" | od -An -tx1 | grep -q "ef bb bf" \
  && ok "export-csv writes UTF-8 with a BOM" || not_ok "export-csv" "$err"
rows=$(($(wc -l <"$tmp/a.csv") - 1))
[ "$rows" -eq 94 ] && ok "export-csv: one row per scored item (94)" || not_ok "export-csv rows" "$rows"
audit_before=$(sqlite3 "$db" "select count(*) from audit_log")
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/a.csv" && grep -q "^0 entries changed" <<<"$out" \
  && ok "import-csv of an unchanged export changes nothing" || not_ok "import unchanged" "$out" "$err"
run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/b.csv" && cmp -s "$tmp/a.csv" "$tmp/b.csv" \
  && [ "$(sqlite3 "$db" "select count(*) from audit_log")" = "$audit_before" ] \
  && ok "round trip: the second export is byte-identical and the audit log did not grow" || not_ok "round trip" "$(diff "$tmp/a.csv" "$tmp/b.csv" | head)"

/usr/bin/python3 - "$tmp/a.csv" "$tmp/c.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
for r in rows[1:]:
    if r[0] == "3.5.2":
        r[4] = "handled=1.078;received=1.100"          # Vietnamese thousands separators
        r[8] = "Giải thích: 1.078 phản ánh xử lý đúng hạn, chưa đạt 100%"  # explanation with a comma
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
EOF
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/c.csv" && grep -q "^1 entry changed" <<<"$out" \
  && run 0 --db "$db" score --unit 1 --year 2022 --json && grep -q '"code":"3.5.2","state":"scored","max":1.50,"self":0.75' <<<"$out" \
  && grep -qF '1078/1100 = 98.00 % > 80.00 % → 0.75' <<<"$out" \
  && ok "import-csv reads 1.078 as 1078 and saves the one changed row (1,078 of 1,100 handled on time: 0.75)" || not_ok "import changed" "$out" "$err"

sed 's/^1.1.1,/9.9.9,/' "$tmp/c.csv" >"$tmp/bad.csv"
run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/before.csv"
run 1 --db "$db" import-csv --unit 1 --year 2022 "$tmp/bad.csv" && grep -qE "bad.csv:[0-9]+: there is no sub-criterion 9.9.9" <<<"$err" \
  && ok "import-csv names the file, line and the unknown code" || not_ok "import bad code" "$err"
/usr/bin/python3 - "$tmp/c.csv" "$tmp/bad2.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
rows[1][8] = "changed before the bad row"
for r in rows[1:]:
    if r[0] == "3.5.2":
        r[4] = "handled=abc;received=1"
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\r\n").writerows(rows)
EOF
run 1 --db "$db" import-csv --unit 1 --year 2022 "$tmp/bad2.csv"; grep -q "criterion 3.5.2" <<<"$err" && ok "import-csv: an invalid figure is named with its criterion" || not_ok "import invalid figure" "$err"
run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/after.csv" && cmp -s "$tmp/before.csv" "$tmp/after.csv" \
  && ok "a failed import saves nothing, not even the valid rows before the bad one" || not_ok "failed import changed data"

run 1 --db "$db" import-csv --unit 1 --year 2020 "$tmp/c.csv" && grep -qi "locked" <<<"$err" \
  && ok "import-csv into a submitted year is refused as locked" || not_ok "import locked" "$out" "$err"

# --- CSV: partial files, dry run, spreadsheet separators, formulas (issues 9 and 10) ----------------
run 0 import-csv --help && grep -q "left unchanged" <<<"$out" && grep -q "empty cell" <<<"$out" && grep -q "semicolons" <<<"$out" \
  && ok "import-csv --help says a missing column is left unchanged and an empty cell clears" || not_ok "import-csv help" "$out"
run 0 export-csv --help && grep -q "formula" <<<"$out" && ok "export-csv --help tells about formula neutralisation" || not_ok "export-csv help" "$out"

row_of() { grep "^$1," "$2"; }   # row_of CODE FILE
run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/p0.csv"
printf 'code,comment\r\n1.4.2,hi\r\n' >"$tmp/partial.csv"
run 0 --db "$db" import-csv --unit 1 --year 2022 --dry-run "$tmp/partial.csv" \
  && grep -q "^  Not in the file, left unchanged: inputs, self_score, not_applicable, explanation, appraised_score, survey_score$" <<<"$out" \
  && grep -q "^  1.4.2 (line 2): comment$" <<<"$out" && grep -q "^1 entry would change; nothing saved (--dry-run)$" <<<"$out" \
  && run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/p1.csv" && cmp -s "$tmp/p0.csv" "$tmp/p1.csv" \
  && ok "import-csv --dry-run names what it leaves alone and what would change, and saves nothing" || not_ok "dry run" "$out" "$err"
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/partial.csv" && grep -q "^1 entry changed$" <<<"$out" \
  && run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/p2.csv" \
  && [ "$(row_of 1.4.2 "$tmp/p0.csv" | sed 's/,[^,]*$//')" = "$(row_of 1.4.2 "$tmp/p2.csv" | sed 's/,[^,]*$//')" ] \
  && row_of 1.4.2 "$tmp/p2.csv" | grep -q $',hi\r$' && row_of 1.4.2 "$tmp/p0.csv" | grep -q ',count-tiers,items=[0-9]' \
  && [ "$(diff "$tmp/p0.csv" "$tmp/p2.csv" | grep -c '^>')" -eq 1 ] \
  && ok "a code,comment file sets the comment and keeps 1.4.2's inputs and score" || not_ok "partial import" "$(diff "$tmp/p0.csv" "$tmp/p2.csv")"

/usr/bin/python3 - "$tmp/p2.csv" "$tmp/semi.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
for r in rows[1:]:
    if r[0] == "1.4.2":
        r[11] = "Ghi chú; có dấu chấm phẩy, và phẩy"
# What a spreadsheet writes under a Vietnamese locale: semicolons, a BOM.
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(rows)
EOF
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/semi.csv" && grep -q "rows, cells separated by semicolons" <<<"$out" \
  && grep -q "^1 entry changed$" <<<"$out" \
  && ok "a semicolon-separated file from a spreadsheet is read" || not_ok "semicolon csv" "$out" "$err"

printf 'code,explanation\r\n1.4.2,"=HYPERLINK(""http://x.example"",""Xem"")"\r\n' >"$tmp/formula.csv"
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/formula.csv" \
  && run 0 --db "$db" export-csv --unit 1 --year 2022 -o "$tmp/f1.csv" \
  && row_of 1.4.2 "$tmp/f1.csv" | grep -qF ",\"'=HYPERLINK(\"\"http://x.example\"\",\"\"Xem\"\")\"," \
  && ok "export-csv writes a formula-like explanation behind a quote" || not_ok "formula export" "$(row_of 1.4.2 "$tmp/f1.csv")" "$err"
audit_before=$(sqlite3 "$db" "select count(*) from audit_log")
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/f1.csv" && grep -q "^0 entries changed" <<<"$out" \
  && [ "$(sqlite3 "$db" "select count(*) from audit_log")" = "$audit_before" ] \
  && [ "$(sqlite3 "$db" "select explanation from entries e join assessments a on a.id = e.assessment_id where a.year = 2022 and a.unit_id = 1 and e.code = '1.4.2'")" = '=HYPERLINK("http://x.example","Xem")' ] \
  && ok "the neutralised export reads back unchanged: true text kept, no audit row" || not_ok "formula round trip" "$out" "$err"

# --- verify -----------------------------------------------------------------------------------------
run 0 --db "$db" verify && grep -qE "^[1-9][0-9]* attachments checked, 0 bad" <<<"$out" && ok "verify: every demo attachment matches its hash" || not_ok "verify" "$out" "$err"
blob=$(find "$db.attachments" -type f | head -n 1)
printf 'x' >>"$blob"
run 1 --db "$db" verify && grep -q "1 bad" <<<"$out" && grep -q "does not match" <<<"$err" \
  && ok "verify finds a corrupted attachment" || not_ok "verify corrupt" "$out" "$err"

# --- chart -------------------------------------------------------------------------------------------
for t in fields total radar lost self-vs-appraised; do
  run 0 --db "$db" chart --type $t --unit 1 --years 2020-2022 -o "$tmp/$t.png" --width 800 --height 450 \
    && [ "$(head -c 8 "$tmp/$t.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] \
    && ok "chart --type $t writes a PNG" || not_ok "chart $t" "$err"
done
run 0 --db "$db" chart --type ranking --years 2020 -o "$tmp/rank.svg" \
  && grep -q "<svg" "$tmp/rank.svg" && ok "chart --type ranking writes an SVG of every unit of the year" || not_ok "chart ranking" "$err"
run 0 --db "$db" chart --type fields --unit 1 --years 2020,2022 -o "$tmp/f.pdf" \
  && pdftotext "$tmp/f.pdf" - | grep -q "2022" && ! pdftotext "$tmp/f.pdf" - | grep -q "2021" \
  && ok "chart --years 2020,2022 draws exactly those years (PDF text)" || not_ok "chart years set" "$err"
run 2 --db "$db" chart --type pie --unit 1 --years 2020 -o "$tmp/x.png" && ok "chart --type pie is a usage error" || not_ok "chart bad type" "$err"
run 2 --db "$db" chart --type fields --unit 1 --years 2022-2020 -o "$tmp/x.png" && ok "chart with a backwards year range is a usage error" || not_ok "chart bad years" "$err"
run 1 --db "$db" chart --type fields --unit 1 --years 2020 -o "$tmp/x.gif" && grep -qi "png" <<<"$err" && ok "chart to .gif is refused with the formats it knows" || not_ok "chart gif" "$err"

# --- the next year from the demo's 2022, its evidence cited again ------------------------------------------
links_2022=$(sqlite3 "$db" "select count(*) from evidence_links l join assessments a on a.id = l.assessment_id where a.unit_id = 1 and a.year = 2022")
run 0 --db "$db" assessment new --unit 1 --year 2023 --from-previous --carry-evidence \
  && grep -q "^  $links_2022 evidence links carried over$" <<<"$out" && [ "$links_2022" -gt 50 ] \
  && [ "$(sqlite3 "$db" "select count(*) from evidence_links l join assessments a on a.id = l.assessment_id where a.unit_id = 1 and a.year = 2023")" = "$links_2022" ] \
  && ok "assessment new --from-previous --carry-evidence cites 2022's $links_2022 documents again in 2023" || not_ok "carry evidence" "$out" "$err"

# --- import-framework ---------------------------------------------------------------------------------
run 0 --db "$db" import-framework "$data/frameworks/camau-2013-field1.xml" && grep -q "camau-2013-department-field1" <<<"$out" \
  && ok "import-framework stores a set" || not_ok "import-framework" "$err"
run 1 --db "$db" import-framework "$tmp/sum.xml" && grep -q "sum.xml:" <<<"$err" && ok "import-framework refuses an invalid set" || not_ok "import-framework invalid" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
