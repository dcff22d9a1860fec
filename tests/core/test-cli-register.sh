#!/usr/bin/env bash
# parscore-cli register list|export|import (issue 13): a register's rows to and from CSV and XLSX;
# CSV round trips byte-identically; dd/mm/yyyy and 1.234,5 understood; all or nothing with the
# line, row and column named; XLSX written typed and read back; hostile XLSX refused. TAP output.
#   test-cli-register.sh PATH-TO-parscore-cli TESTDATADIR
set -u
cli=$1
testdata=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli register XXXXXX")
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

run 0 --db "$db" unit add "Ban Quản lý các KCN" || not_ok "unit add" "$err"
run 0 --db "$db" assessment new "${U[@]}" --set "$testdata/registers/books.xml" || not_ok "assessment new" "$err"

run 0 register --help && grep -q "register import" <<<"$out" && grep -q "register export" <<<"$out" \
  && ok "register --help lists list, export and import" || not_ok "register help" "$out"

# --- CSV import: what a person types ------------------------------------------------------------
printf 'Nhiệm vụ;Thời hạn;Ngày hoàn thành;Đơn vị chủ trì\nBan hành kế hoạch CCHC;15/01/2020;14/01/2020;Văn phòng\nKiểm tra CCHC đợt 1;30/06/2020;25/06/2020;Thanh tra\nRà soát TTHC;30/09/2020;;Văn phòng\n=1+1;30/11/2020;;\n' > "$tmp/plan.csv"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/plan.csv" && grep -q "4 rows read, 4 changed" <<<"$out" \
  && [ "$(sql "select count(*) from register_rows where register = 'plan_tasks'")" = 4 ] \
  && [ "$(sql "select value from register_cells c join register_rows r on r.id = c.row_id where r.position = 1 and c.col = 'done'")" = 2020-01-14 ] \
  && ok "import reads labels as headers, ; as separator, dd/mm/yyyy dates, empty cells" || not_ok "import plan" "$out" "$err"
[ "$(sql "select count(*) from audit_log where what like 'assessment 1 register plan_tasks row %'")" = 4 ] \
  && ok "each row is in the audit log" || not_ok "audited" "$(sql "select what from audit_log")"

printf 'period,received,carried,early,on_time,late,pending_in,pending_late,online,post\n6 tháng,4.860,252,0,"4.891",7,214,0,"2.700,00",15\n' > "$tmp/stats.csv"
run 1 --db "$db" register import "${U[@]}" --register procedure_stats "$tmp/stats.csv" \
  && grep -q "stats.csv:2: row 1, column “Tiếp nhận trực tuyến” (online): " <<<"$err" \
  && ok "a decimal in a count column is refused with line, row and column" || not_ok "decimal in integer" "$status" "$err"
printf 'period,received,carried,early,on_time,late,pending_in,pending_late,online,post\n6 tháng,4.860,252,0,"4.891",7,214,0,"2.700",15\n' > "$tmp/stats.csv"
run 0 --db "$db" register import "${U[@]}" --register procedure_stats "$tmp/stats.csv" \
  && [ "$(sql "select value from register_cells where col = 'on_time'")" = 4891 ] \
  && [ "$(sql "select typeof (value) from register_cells where col = 'on_time'")" = integer ] \
  && ok "numbers with Vietnamese separators (4.891) are stored as integers" || not_ok "stats import" "$out" "$err"

# --- all or nothing --------------------------------------------------------------------------------
printf 'task,deadline,done\nMột,15/01/2020,\nHai,31/02/2020,\nBa,15/03/2020,\n' > "$tmp/bad.csv"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/bad.csv" \
  && grep -q "bad.csv:3: row 2, column “Thời hạn” (deadline): " <<<"$err" && grep -q "31/02/2020" <<<"$err" \
  && [ "$(sql "select count(*) from register_rows where register = 'plan_tasks'")" = 4 ] \
  && ok "a bad date refuses the file, names line 3, row 2 and the column; nothing is lost" || not_ok "bad date" "$status" "$err"
printf 'task,deadline\nMột,15/01/2020\n,15/02/2020\n' > "$tmp/bad2.csv"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/bad2.csv" \
  && grep -q "bad2.csv:3: row 2: column “Nhiệm vụ” (task) must not be empty" <<<"$err" \
  && ok "a required cell left empty is refused with its row and column" || not_ok "required" "$status" "$err"
printf 'task,deadline,ghi chú\nMột,15/01/2020,x\n' > "$tmp/bad3.csv"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/bad3.csv" \
  && grep -q "bad3.csv:1: register plan_tasks has no column “ghi chú”" <<<"$err" \
  && ok "an unknown column in the header is refused" || not_ok "unknown column" "$status" "$err"
run 1 --db "$db" register import "${U[@]}" --register nope "$tmp/plan.csv" && grep -q "no register “nope”" <<<"$err" \
  && ok "an unknown register is refused" || not_ok "unknown register" "$status" "$err"

# --- CSV export round trip ---------------------------------------------------------------------------
run 0 --db "$db" register export "${U[@]}" --register plan_tasks -o "$tmp/a.csv" || not_ok "export" "$err"
head -c 3 "$tmp/a.csv" | od -An -tx1 | grep -q "ef bb bf" && sed -n 1p "$tmp/a.csv" | grep -q "task,owner,deadline,done,result" \
  && grep -q "^Ban hành kế hoạch CCHC,Văn phòng,2020-01-15,2020-01-14," "$tmp/a.csv" \
  && grep -q "^'=1+1,,2020-11-30,," "$tmp/a.csv" \
  && ok "export: ids as header, canonical cells, a formula neutralised" || not_ok "export content" "$(cat "$tmp/a.csv")"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/a.csv" && grep -q "4 rows read, 0 changed" <<<"$out" \
  && run 0 --db "$db" register export "${U[@]}" --register plan_tasks -o "$tmp/b.csv" && cmp -s "$tmp/a.csv" "$tmp/b.csv" \
  && ok "CSV round trip is byte-identical" || not_ok "round trip" "$out" "$err"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks --dry-run "$tmp/bad.csv.none" 2>/dev/null; true
sed -e 's/^Rà soát TTHC,Văn phòng,2020-09-30,,/Rà soát TTHC,Văn phòng,2020-09-30,2020-09-28,/' "$tmp/a.csv" > "$tmp/c.csv"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks --dry-run "$tmp/c.csv" && grep -q "1 would change" <<<"$out" \
  && [ "$(sql "select count(*) from register_cells where value = '2020-09-28'")" = 0 ] \
  && ok "--dry-run says what would change and saves nothing" || not_ok "dry run" "$out" "$err"

# --- list and score ------------------------------------------------------------------------------------
run 0 --db "$db" register list "${U[@]}" && grep -q "plan_tasks — Kế hoạch CCHC: 4 rows" <<<"$out" \
  && grep -q "plan_tasks_done: from the register “Kế hoạch CCHC”: Ngày hoàn thành entered: 2 of 4 rows = 2" <<<"$out" \
  && grep -q "files_on_time: from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 4,891 over 1 row = 4,891" <<<"$out" \
  && ok "list: rows kept and each figure with where it came from" || not_ok "list" "$out" "$err"
run 0 --db "$db" score "${U[@]}" --json \
  && python3 -c '
import json, sys
d = json.loads(sys.argv[1])[0]
f = {x["id"]: x for x in d["figures"]}
assert f["files_resolved"]["value"] == "4898", f["files_resolved"]
assert f["files_resolved"]["register"] == "procedure_stats"
assert f["files_on_time"]["provenance"] == "from the register “Thống kê giải quyết TTHC theo kỳ”: sum (Giải quyết trước hạn + Giải quyết đúng hạn) 4,891 over 1 row = 4,891"
items = {x["code"]: x for x in d["items"]}
assert items["1.1.5"]["self"] == 2.0 and items["1.1.5"]["state"] == "scored", items["1.1.5"]
assert "4891/4898 = 99.86 %" in items["1.1.5"]["explanation"], items["1.1.5"]
assert items["1.1.2"]["self"] == 0.0 and items["1.1.3"]["state"] == "not-started"
' "$out" && ok "score --json: register figures with value, register and provenance; 4,891 of 4,898 scores 2.00" \
  || not_ok "score json" "$(head -c 3000 <<<"$out")"

# --- carried to the next year ----------------------------------------------------------------------
run 0 --db "$db" assessment new --unit "Ban Quản lý các KCN" --year 2021 --from-previous \
  && grep -q "2 rows of register plan_tasks carried over" <<<"$out" \
  && run 0 --db "$db" register export --unit "Ban Quản lý các KCN" --year 2021 --register plan_tasks \
  && [ "$(tail -n +2 <<<"$out" | tr -d '\r')" = "Rà soát TTHC,Văn phòng,2020-09-30,,
'=1+1,,2020-11-30,," ] \
  && [ "$(sql "select count(*) from register_rows where register = 'procedure_stats' and assessment_id = 2")" = 0 ] \
  && ok "a new year from the previous carries the tasks not done, nothing else" || not_ok "carry" "$out" "$err"

# --- XLSX ----------------------------------------------------------------------------------------------
run 0 --db "$db" register export "${U[@]}" --register plan_tasks -o "$tmp/p.xlsx" \
  && python3 -c 'import zipfile,sys; z = zipfile.ZipFile(sys.argv[1]); s = z.read("xl/worksheets/sheet1.xml").decode(); assert "<c r=\"C2\" s=" in s and "t=\"s\"" in s' "$tmp/p.xlsx" \
  && ok "export to .xlsx writes a spreadsheet (dates typed)" || not_ok "xlsx export" "$err"
run 0 --db "$db" register export "${U[@]}" --register procedure_stats -o "$tmp/s.xlsx" \
  && python3 -c 'import zipfile,sys; s = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode(); assert "<v>4891</v>" in s, s' "$tmp/s.xlsx" \
  && ok "counts are numbers in the sheet" || not_ok "xlsx numbers" "$err"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/p.xlsx" && grep -q "4 rows read, 0 changed" <<<"$out" \
  && run 0 --db "$db" register import "${U[@]}" --register procedure_stats "$tmp/s.xlsx" && grep -q "1 rows read, 0 changed" <<<"$out" \
  && run 0 --db "$db" register export "${U[@]}" --register plan_tasks -o "$tmp/d.csv" && cmp -s "$tmp/a.csv" "$tmp/d.csv" \
  && ok "XLSX round trip changes nothing" || not_ok "xlsx round trip" "$out" "$err"

# A spreadsheet as a colleague makes it: shared strings, a date as a serial number, an inline
# string, a header by label in another order.
python3 - "$tmp/hand.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KH" sheetId="1" r:id="rId7"/></sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="x" Target="worksheets/kh.xml"/></Relationships>')
z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Thời hạn</t></si><si><t>Nhiệm vụ</t></si><si><r><t>Tổ chức </t></r><r><t>đối thoại</t></r></si></sst>')
z.writestr("xl/worksheets/kh.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  '<row r="3"><c r="B3" t="s"><v>0</v></c><c r="C3" t="s"><v>1</v></c></row>'
  '<row r="4"><c r="B4"><v>43921</v></c><c r="C4" t="s"><v>2</v></c></row>'
  '<row r="5"><c r="B5" t="inlineStr"><is><t>15/12/2020</t></is></c><c r="C5" t="inlineStr"><is><t>Báo cáo năm</t></is></c></row>'
  '</sheetData></worksheet>')
z.close()
PY
run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/hand.xlsx" \
  && [ "$(sql "select group_concat (value, '|') from (select c.value from register_cells c join register_rows r on r.id = c.row_id where r.register = 'plan_tasks' and r.assessment_id = 1 order by r.position, c.col)")" = "2020-03-31|Tổ chức đối thoại|2020-12-15|Báo cáo năm" ] \
  && ok "XLSX import: shared strings with runs, a serial date, inline strings, labels as header" || not_ok "hand xlsx" "$out" "$err" "$(sql "select * from register_cells")"

python3 - "$tmp/bad-date.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>')
z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>task</t></is></c><c r="B1" t="inlineStr"><is><t>deadline</t></is></c></row>'
  '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="B2" t="inlineStr"><is><t>hôm qua</t></is></c></row></sheetData></worksheet>')
z.close()
PY
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/bad-date.xlsx" \
  && grep -q "bad-date.xlsx:2: row 1, column “Thời hạn” (deadline): " <<<"$err" \
  && [ "$(sql "select count(*) from register_rows where register = 'plan_tasks' and assessment_id = 1")" = 2 ] \
  && ok "a bad cell in XLSX names the sheet row and the column; nothing changes" || not_ok "xlsx bad cell" "$status" "$err"

# --- hostile XLSX ----------------------------------------------------------------------------------------
head -c 2000 "$tmp/p.xlsx" > "$tmp/broken.xlsx"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/broken.xlsx" \
  && grep -q "broken.xlsx: this is not an XLSX spreadsheet" <<<"$err" \
  && ok "a broken zip is refused with a clear error" || not_ok "broken zip" "$status" "$err"
echo "task,deadline" > "$tmp/text.xlsx"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/text.xlsx" && grep -q "not a readable zip archive" <<<"$err" \
  && ok "a text file named .xlsx is refused" || not_ok "not zip" "$status" "$err"
python3 - "$tmp/bomb.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9)
z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>')
z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData>' + ' ' * (60 * 1024 * 1024) + '</sheetData></worksheet>')
z.close()
PY
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/bomb.xlsx" && grep -q "refused as a zip bomb" <<<"$err" \
  && ok "a zip bomb (60 MB of spaces in a few KB) is refused before it is unpacked" || not_ok "zip bomb" "$status" "$err"
python3 - "$tmp/huge.xlsx" <<'PY'
import sys, zipfile
rows = ''.join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>t</t></is></c><c r="B%d"><v>43921</v></c></row>' % (i, i, i) for i in range(1, 100003))
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>')
z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData>' + rows + '</sheetData></worksheet>')
z.close()
PY
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/huge.xlsx" && grep -q "more than 100000 rows" <<<"$err" \
  && ok "a sheet of more than 100,000 rows is refused" || not_ok "huge sheet" "$status" "$err"
python3 - "$tmp/wide.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>')
z.writestr("xl/worksheets/sheet1.xml", '<worksheet><sheetData><row r="1"><c r="ZZZ1"><v>1</v></c></row></sheetData></worksheet>')
z.close()
PY
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/wide.xlsx" && grep -q "beyond the 256 columns" <<<"$err" \
  && ok "a cell beyond 256 columns is refused" || not_ok "wide" "$status" "$err"
python3 - "$tmp/entity.xlsx" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet r:id="a"/></sheets></workbook>')
z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>task</t></is></c><c r="B1" t="inlineStr"><is><t>deadline</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>&x;</t></is></c><c r="B2"><v>43921</v></c></row></sheetData></worksheet>')
z.close()
PY
"$cli" --db "$db" register import "${U[@]}" --register plan_tasks --dry-run "$tmp/entity.xlsx" > "$tmp/out" 2>&1
! grep -q "root:" "$tmp/out" && ! sql "select value from register_cells" | grep -q "root:" \
  && ok "an external entity is never read" || not_ok "entity" "$(cat "$tmp/out")"

before=$(sql "select count(*) from register_rows where register = 'plan_tasks' and assessment_id = 1")
printf 'task;deadline\nThêm một việc;15/12/2020\n' > "$tmp/more.csv"
run 0 --db "$db" register import "${U[@]}" --register plan_tasks --append "$tmp/more.csv" \
  && [ "$(sql "select count(*) from register_rows where register = 'plan_tasks' and assessment_id = 1")" = $((before + 1)) ] \
  && [ "$(sql "select c.value from register_cells c join register_rows r on r.id = c.row_id where r.assessment_id = 1 and r.register = 'plan_tasks' and r.position = $((before + 1)) and c.col = 'task'")" = "Thêm một việc" ] \
  && ok "--append adds the file's rows after those kept" || not_ok "append" "$status" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
