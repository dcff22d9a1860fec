#!/usr/bin/env bash
# parscore-cli register show|link and the document column of register export|import (issue 13,
# schema 9): a register row links an evidence document by its number/symbol; show and --json
# name it; export writes it as a last column; import reads it back (an unknown number refuses the
# file, naming line, row and column; nothing changes); a file without the column keeps links.
#   test-cli-register-link.sh PATH-TO-parscore-cli TESTDATADIR
set -u
cli=$1
testdata=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli register link XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/sổ theo dõi.db"
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
P=(--register plan_tasks)

run 0 --db "$db" unit add "Ban Quản lý các KCN" || not_ok "unit add" "$err"
run 0 --db "$db" assessment new "${U[@]}" --set "$testdata/registers/books.xml" || not_ok "assessment new" "$err"
printf 'task,deadline,done\nBan hành kế hoạch CCHC,15/01/2020,14/01/2020\nKiểm tra CCHC đợt 1,30/06/2020,25/06/2020\nRà soát TTHC,30/09/2020,\n' > "$tmp/plan.csv"
run 0 --db "$db" register import "${U[@]}" "${P[@]}" "$tmp/plan.csv" || not_ok "import plan" "$err"
# Documents are added in the app (or by a reply); here straight into the file.
sql "insert into documents (id, kind, number, issue_date, issuer, summary) values
     (1, 'KH', '01/KH-KCNĐN', '2020-01-14', 'Ban Quản lý các KCN', 'Kế hoạch CCHC năm 2020'),
     (2, 'BC', '45/BC-KCNĐN', '2020-06-20', 'Ban Quản lý các KCN', 'Báo cáo CCHC 6 tháng')"

run 0 register --help && grep -q "register show" <<<"$out" && grep -q "register link" <<<"$out" \
  && ok "register --help lists show and link" || not_ok "help" "$out"

run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 1 "01/KH-KCNĐN" \
  && grep -q "Row 1 of plan_tasks linked to document 01/KH-KCNĐN (id 1)." <<<"$out" \
  && [ "$(sql "select document_id from register_rows where position = 1")" = 1 ] \
  && [ "$(sql "select count(*) from register_rows where document_id is not null")" = 1 ] \
  && ok "link by number/symbol" || not_ok "link" "$status" "$out" "$err"
[ "$(sql "select what || ' | ' || new_value from audit_log order by id desc limit 1")" = "assessment 1 register plan_tasks row 1 linked to document 1 | KH 01/KH-KCNĐN" ] \
  && ok "the link is audited with the document's kind and number" || not_ok "audit" "$(sql "select what from audit_log order by id desc limit 3")"
run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 2 "45/bc-kcnđn" \
  && [ "$(sql "select document_id from register_rows where position = 2")" = 2 ] \
  && ok "a number typed in lower case still finds its document" || not_ok "folded" "$status" "$err"
run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 2 "45/BC-KCNĐN" && grep -q "Nothing changed" <<<"$out" \
  && ok "linking again changes nothing" || not_ok "again" "$out" "$err"

run 1 --db "$db" register link "${U[@]}" "${P[@]}" --row 3 "99/KH" \
  && grep -q "There is no evidence document numbered “99/KH” (nor with that id)." <<<"$err" \
  && [ "$(sql "select count(*) from register_rows where document_id is not null")" = 2 ] \
  && ok "an unknown document is refused; nothing changes" || not_ok "unknown" "$status" "$err"
run 1 --db "$db" register link "${U[@]}" "${P[@]}" --row 7 "01/KH-KCNĐN" \
  && grep -q "Register “plan_tasks” has 3 rows: there is no row 7." <<<"$err" \
  && ok "a row that is not there is refused" || not_ok "row 7" "$status" "$err"
run 2 --db "$db" register link "${U[@]}" "${P[@]}" --row 1 && grep -q "give one document" <<<"$err" \
  && ok "no document and no --clear is a usage error" || not_ok "usage" "$status" "$err"

run 0 --db "$db" register show "${U[@]}" "${P[@]}" \
  && grep -q "^   1. Ban hành kế hoạch CCHC |  | 2020-01-15 | 2020-01-14 |   → document 01/KH-KCNĐN (id 1)$" <<<"$out" \
  && grep -q "^   3. Rà soát TTHC |  | 2020-09-30 |  | $" <<<"$out" \
  && ok "show: each row with the document it links" || not_ok "show" "$out" "$err"
run 0 --db "$db" register show "${U[@]}" "${P[@]}" --json \
  && python3 -c '
import json, sys
d = json.loads(sys.argv[1])
assert d["register"] == "plan_tasks"
rows = d["rows"]
assert [r["row"] for r in rows] == [1, 2, 3]
assert rows[0]["document"] == {"id": 1, "number": "01/KH-KCNĐN"}, rows[0]
assert rows[1]["document"]["number"] == "45/BC-KCNĐN"
assert rows[2]["document"] is None and rows[2]["cells"]["done"] is None
assert rows[0]["cells"]["task"] == "Ban hành kế hoạch CCHC"
' "$out" && ok "show --json: cells and the document's id and number" || not_ok "json" "$out"

# --- export and import with the document column --------------------------------------------------
run 0 --db "$db" register export "${U[@]}" "${P[@]}" -o "$tmp/a.csv" \
  && sed -n 1p "$tmp/a.csv" | tr -d '\r' | grep -q "task,owner,deadline,done,result,document$" \
  && grep -q "^Ban hành kế hoạch CCHC,,2020-01-15,2020-01-14,,01/KH-KCNĐN" "$tmp/a.csv" \
  && grep -q "^Rà soát TTHC,,2020-09-30,,,"$'\r'"$" "$tmp/a.csv" \
  && ok "export: a last column “document” with each row's number/symbol" || not_ok "export" "$(cat "$tmp/a.csv")"
run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 1 --clear && grep -q "Row 1 of plan_tasks unlinked." <<<"$out" \
  && [ "$(sql "select count(*) from register_rows where document_id is not null")" = 1 ] \
  && [ "$(sql "select what from audit_log order by id desc limit 1")" = "assessment 1 register plan_tasks row 1 unlinked from document 1" ] \
  && ok "--clear unlinks, audited" || not_ok "clear" "$status" "$out" "$err"
run 0 --db "$db" register import "${U[@]}" "${P[@]}" "$tmp/a.csv" && grep -q "3 rows read, 1 changed" <<<"$out" \
  && [ "$(sql "select document_id from register_rows where position = 1")" = 1 ] \
  && run 0 --db "$db" register export "${U[@]}" "${P[@]}" -o "$tmp/b.csv" && cmp -s "$tmp/a.csv" "$tmp/b.csv" \
  && ok "import reads the column back: the link is restored, the round trip is byte-identical" || not_ok "import column" "$out" "$err"

sed -e 's/,45\/BC-KCNĐN/,99\/BC-XYZ/' "$tmp/a.csv" > "$tmp/bad.csv"
audits=$(sql "select count(*) from audit_log")
run 1 --db "$db" register import "${U[@]}" "${P[@]}" "$tmp/bad.csv" \
  && grep -q "bad.csv:3: row 2, column “document”: no evidence document numbered “99/BC-XYZ”: add it first, or correct the number" <<<"$err" \
  && [ "$(sql "select document_id from register_rows where position = 2")" = 2 ] \
  && [ "$(sql "select count(*) from audit_log")" = "$audits" ] \
  && ok "an unknown number refuses the file with line, row and column; nothing changes" || not_ok "bad number" "$status" "$err"

printf 'task,deadline,done\nBan hành kế hoạch CCHC,15/01/2020,14/01/2020\nKiểm tra CCHC đợt 1,30/06/2020,25/06/2020\nRà soát TTHC,30/09/2020,28/09/2020\n' > "$tmp/nodoc.csv"
run 0 --db "$db" register import "${U[@]}" "${P[@]}" "$tmp/nodoc.csv" && grep -q "3 rows read, 1 changed" <<<"$out" \
  && [ "$(sql "select group_concat (coalesce (document_id, 0)) from (select document_id from register_rows order by position)")" = "1,2,0" ] \
  && ok "a file without the document column keeps the rows' links" || not_ok "keep links" "$out" "$err"
printf 'Nhiệm vụ;Thời hạn;Văn bản\nBan hành kế hoạch CCHC;15/01/2020;\nKiểm tra CCHC đợt 1;30/06/2020;01/KH-KCNĐN\n' > "$tmp/vi.csv"
run 0 --db "$db" register import "${U[@]}" "${P[@]}" --dry-run "$tmp/vi.csv" && grep -q "2 rows read, 3 would change" <<<"$out" \
  && ok "a column headed “Văn bản” is the document column (dry run: nothing saved)" || not_ok "vi header" "$out" "$err"

# --- XLSX --------------------------------------------------------------------------------------------
run 0 --db "$db" register export "${U[@]}" "${P[@]}" -o "$tmp/p.xlsx" \
  && python3 -c '
import zipfile, sys
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
assert "Văn bản" in s and "01/KH-KCNĐN" in s and "45/BC-KCNĐN" in s, s
' "$tmp/p.xlsx" && ok "XLSX export: a “Văn bản” column with the numbers" || not_ok "xlsx export" "$err"
run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 2 --clear \
  && run 0 --db "$db" register import "${U[@]}" "${P[@]}" "$tmp/p.xlsx" && grep -q "3 rows read, 1 changed" <<<"$out" \
  && [ "$(sql "select document_id from register_rows where position = 2")" = 2 ] \
  && ok "XLSX import reads the links back" || not_ok "xlsx import" "$out" "$err"

# --- the year after, and a deleted document ----------------------------------------------------------
run 0 --db "$db" register link "${U[@]}" "${P[@]}" --row 3 "01/KH-KCNĐN" || not_ok "link row 3" "$err"
# Row 3 not done (the import above marked it done): it goes on to the next year.
sql "delete from register_cells where col = 'done' and row_id = (select id from register_rows where position = 3)"
run 0 --db "$db" assessment new --unit "Ban Quản lý các KCN" --year 2021 --from-previous \
  && run 0 --db "$db" register show --unit "Ban Quản lý các KCN" --year 2021 "${P[@]}" \
  && grep -q "Rà soát TTHC .*→ document 01/KH-KCNĐN (id 1)" <<<"$out" \
  && ok "a task carried to the next year keeps its document" || not_ok "carry" "$out" "$err"

# --- sealed: verify names a link changed behind Parscore's back -----------------------------------
run 0 --db "$db" submit "${U[@]}" || not_ok "submit" "$err"
run 1 --db "$db" register link "${U[@]}" "${P[@]}" --row 3 --clear && grep -qi "locked\|submitted" <<<"$err" \
  && ok "a submitted year's links cannot change" || not_ok "locked" "$status" "$err"
run 0 --db "$db" verify && grep -q "0 changed$" <<<"$out" \
  && [ "$(sql "select count(*) from seals where canonical like '%format	parscore-seal 4%register plan_tasks 000001 document	\"01/KH-KCNĐN\"%'")" = 1 ] \
  && ok "the seal (version 4) holds each row's document; verify finds the year as sealed" || not_ok "verify" "$status" "$out" "$err"
cp "$db" "$tmp/changed.db"
sqlite3 "$tmp/changed.db" "UPDATE register_rows SET document_id = 2 WHERE assessment_id = 1 AND position = 1"
run 1 --db "$tmp/changed.db" verify \
  && grep -qF 'register “plan_tasks”, row 1, evidence document: "01/KH-KCNĐN" when sealed, "45/BC-KCNĐN" now.' <<<"$err" \
  && ok "verify names a row's link changed by plain SQL" || not_ok "verify changed link" "$status" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
