#!/usr/bin/env bash
# parscore-cli from an empty database, without the demo: units, years, entries by CSV, submit,
# scores of every unit. TAP output.
#   test-cli-units.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli units XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/tỉnh.db"
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

# --- units -------------------------------------------------------------------------------------------
run 0 unit --help && grep -q "parscore-cli unit add NAME \[--level LEVEL\]" <<<"$out" && grep -q "parscore-cli unit rename U NEW-NAME" <<<"$out" && grep -q "parscore-cli unit remove U \[--force --reason TEXT\]" <<<"$out" \
  && ok "unit --help lists its subcommands with their synopses" || not_ok "unit help" "$out"
run 2 --db "$db" unit frobnicate && grep -q "“frobnicate” is not one of add, rename, remove" <<<"$err" \
  && ok "an unknown subcommand is a usage error naming the known ones" || not_ok "unit frobnicate" "$status" "$err"
run 2 --db "$db" unit add && ok "unit add without a name is a usage error" || not_ok "unit add no name" "$status" "$err"
run 2 --db "$db" unit add "Sở X" --level province && grep -q "“province” is not a level" <<<"$err" \
  && ok "unit add --level province is refused, naming the levels" || not_ok "unit add bad level" "$status" "$err"

run 0 --db "$db" unit add "Sở Nội vụ" && grep -q "^Unit #1 “Sở Nội vụ” added (department)$" <<<"$out" \
  && [ "$(sql "select name || '|' || level from units")" = "Sở Nội vụ|department" ] \
  && ok "unit add creates a department unit in an empty database" || not_ok "unit add" "$out" "$err"
run 0 --db "$db" unit add "Phòng Nội vụ huyện Nhơn Trạch" --level district \
  && [ "$(sql "select level from units where name = 'Phòng Nội vụ huyện Nhơn Trạch'")" = district ] \
  && ok "unit add --level district" || not_ok "unit add district" "$out" "$err"
run 0 --db "$db" unit add "Sở Tài chính" || not_ok "third unit" "$err"
run 1 --db "$db" unit add "Sở Nội vụ" && grep -q "exists already" <<<"$err" && [ "$(sql "select count(*) from units")" = 3 ] \
  && ok "a second unit with the same name is refused" || not_ok "unit add twice" "$status" "$err"
run 0 --db "$db" unit rename "Sở Nội vụ" "Sở Nội vụ tỉnh Đồng Nai" && grep -q "renamed “Sở Nội vụ tỉnh Đồng Nai”" <<<"$out" \
  && [ "$(sql "select name from units where id = 1")" = "Sở Nội vụ tỉnh Đồng Nai" ] \
  && ok "unit rename by name" || not_ok "unit rename" "$out" "$err"
run 1 --db "$db" unit rename 1 "Sở Tài chính" && grep -q "exists already" <<<"$err" \
  && [ "$(sql "select name from units where id = 1")" = "Sở Nội vụ tỉnh Đồng Nai" ] \
  && ok "unit rename to another unit's name is refused" || not_ok "unit rename clash" "$status" "$err"
run 1 --db "$db" unit rename "Không có" "X" && ok "unit rename of an unknown unit: exit 1" || not_ok "unit rename unknown" "$status" "$err"

# --- names that would act on a terminal (issue 9 #6) ----------------------------------------------------
rlo=$'\u202e'; esc=$'\e'
run 0 --db "$db" unit add "Hóa đơn${rlo}fdp.exe" && run 0 --db "$db" unit add "Đỏ${esc}[31m${esc}[2J" \
  && run 0 --db "$db" list && grep -qF "Hóa đơn[U+202E]fdp.exe" <<<"$out" && grep -qF "Đỏ[U+001B][31m[U+001B][2J" <<<"$out" \
  && ! grep -q "$rlo" <<<"$out" && ! grep -q "$esc" <<<"$out" \
  && ok "list shows a bidi override and an escape sequence in unit names as [U+…], never raw" || not_ok "list neutralises" "$(od -c <<<"$out" | head -20)"
run 1 --db "$db" unit add "Hóa đơn${rlo}fdp.exe" && grep -qF "[U+202E]" <<<"$err" && ! grep -q "$rlo" <<<"$err" \
  && ok "an error message quoting such a name is neutralised too" || not_ok "error neutralised" "$err"

# --- years -------------------------------------------------------------------------------------------
run 0 --db "$db" import-framework "$data/frameworks/sample-department.xml" || not_ok "import-framework" "$err"
run 2 --db "$db" assessment new --unit 1 --year 2022 && grep -q -- "--set" <<<"$err" \
  && ok "assessment new without --set is a usage error" || not_ok "assessment new no set" "$status" "$err"
run 1 --db "$db" assessment new --unit 1 --year 2022 --set nothing-like-it && grep -q "no stored criteria set is “nothing-like-it”" <<<"$err" \
  && [ "$(sql "select count(*) from assessments")" = 0 ] \
  && ok "assessment new with an unknown set says so and creates nothing" || not_ok "assessment new bad set" "$status" "$err"
run 0 --db "$db" assessment new --unit "Sở Nội vụ tỉnh Đồng Nai" --year 2022 --set vn-sample-department-876 \
  && grep -q "^2022 started for “Sở Nội vụ tỉnh Đồng Nai” with the criteria set vn-sample-department-876 (#1), as a draft$" <<<"$out" \
  && [ "$(sql "select unit_id || '|' || year || '|' || status from assessments")" = "1|2022|draft" ] \
  && ok "assessment new by the set's id" || not_ok "assessment new" "$out" "$err"
run 0 --db "$db" assessment new --unit "Sở Tài chính" --year 2022 --set '#1' \
  && ok "assessment new by the set's number" || not_ok "assessment new by number" "$out" "$err"
run 1 --db "$db" assessment new --unit 1 --year 2022 --set 1 && [ "$(sql "select count(*) from assessments")" = 2 ] \
  && ok "a second 2022 for the same unit is refused" || not_ok "assessment twice" "$status" "$out" "$err"
run 0 --db "$db" assessment new --unit 1 --year 2013 --set "$data/frameworks/camau-2013-field1.xml" \
  && grep -q "camau-2013-department-field1 (#2)" <<<"$out" \
  && ok "assessment new --set FILE stores the criteria set and uses it" || not_ok "assessment new set file" "$out" "$err"
run 0 --db "$db" list && grep -qE "^      2022  vn-sample-department-876  draft  0 entries" <<<"$out" \
  && ok "list shows the new year as an empty draft" || not_ok "list" "$out"

# --- entries, submit -----------------------------------------------------------------------------------
printf 'code,inputs,self_score\n1.4.2,items=15,\n5.5.2,,0.75\n' >"$tmp/noi-vu.csv"
printf 'code,inputs\n1.4.2,items=3\n' >"$tmp/tai-chinh.csv"
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/noi-vu.csv" && grep -q "^2 entries changed$" <<<"$out" \
  && run 0 --db "$db" import-csv --unit "Sở Tài chính" --year 2022 "$tmp/tai-chinh.csv" \
  && ok "entries go in by CSV" || not_ok "import-csv" "$out" "$err"
# 3.3.1 reads the set's procedure statistics (a register): the seeds' H1 2020 report, 4,860 new
# files + 252 carried over, 4,891 of 4,898 on time, 214 pending.
printf 'period,received,carried,early,on_time,late,pending_in,pending_late,online,post\n6 tháng đầu năm,4.860,252,0,4.891,7,214,0,,\n' > "$tmp/stats.csv"
run 0 --db "$db" register import --unit 1 --year 2022 --register procedure_stats "$tmp/stats.csv" \
  && ok "3.3.1's procedure statistics go in as a register row" || not_ok "register import" "$out" "$err"

run 0 --db "$db" assessment new --unit "Hóa đơn${rlo}fdp.exe" --year 2022 --set 1 || not_ok "bidi unit year" "$err"
run 0 --db "$db" score --all-units --year 2022 --json
if grep -qF '"unit":"Hóa đơn\u202efdp.exe"' <<<"$out" && ! grep -q "$rlo" <<<"$out" && /usr/bin/python3 - "$out" <<'EOF'
import json, sys
data = json.loads(sys.argv[1])
assert [y["unit"] for y in data] == ["Sở Nội vụ tỉnh Đồng Nai", "Sở Tài chính", "Hóa đơn\u202efdp.exe"], data
noi_vu, tai_chinh, _ = ({i["code"]: i for i in y["items"]} for y in data)
assert noi_vu["1.4.2"]["self"] == 1.0 and noi_vu["5.5.2"]["self"] == 0.75, noi_vu["1.4.2"]
assert noi_vu["3.3.1"]["explanation"] == "files_on_time 4,891, files_resolved 4,898: 4891/4898 = 99.86 % > 90.00 % → 2.00", noi_vu["3.3.1"]
assert noi_vu["3.3.1"]["self"] == 2.0, noi_vu["3.3.1"]
assert data[0]["score"] == 1.0 + 0.75 + noi_vu["3.3.1"]["self"], data[0]["score"]
assert tai_chinh["1.4.2"]["self"] == 0.5 and data[1]["score"] == 0.5, tai_chinh["1.4.2"]
assert all(y["year"] == 2022 and y["status"] == "draft" for y in data)
EOF
then ok "score --all-units --year 2022 --json: every unit of the year, their scores, names escaped exactly"; else not_ok "score --all-units" "${out:0:400}" "$err"; fi
run 0 --db "$db" score --all-units --year 2022 && [ "$(grep -c "^  Total " <<<"$out")" = 3 ] \
  && ok "score --all-units as text: a total per unit" || not_ok "score --all-units text" "$out"
run 1 --db "$db" score --all-units --year 1999 && grep -q "no unit has an assessment for 1999" <<<"$err" \
  && ok "score --all-units for a year nobody has: exit 1" || not_ok "score --all-units 1999" "$status" "$err"
run 2 --db "$db" score --unit 1 --all-units --year 2022 && ok "score with both --unit and --all-units is a usage error" || not_ok "score both" "$status"

run 0 --db "$db" submit --unit 1 --year 2022 && grep -qE "^2022 of “Sở Nội vụ tỉnh Đồng Nai” submitted and locked against edits \([0-9]+ of 70 items done\)$" <<<"$out" \
  && [ "$(sql "select status from assessments where unit_id = 1 and year = 2022")" = submitted ] \
  && ok "submit locks the year and says how much is done" || not_ok "submit" "$out" "$err"
run 1 --db "$db" submit --unit 1 --year 2022 && grep -q "is submitted already" <<<"$err" \
  && ok "submitting twice is refused" || not_ok "submit twice" "$status" "$err"
run 1 --db "$db" import-csv --unit 1 --year 2022 "$tmp/tai-chinh.csv" && grep -qi "locked" <<<"$err" \
  && ok "a submitted year refuses CSV edits" || not_ok "import into submitted" "$status" "$err"
[ "$(sql "select actor from audit_log where what like 'assessment % status' and new_value = 'submitted'")" = "$(id -un)" ] \
  && ok "the audit log names the login name as who submitted" || not_ok "submit actor" "$(sql "select * from audit_log where what like '%status'")"

# --- unlock: a reason is needed, kept in the audit log with who -----------------------------------------
run 0 unlock --help && grep -qF "parscore-cli [OPTION…] unlock --unit U --year Y --reason TEXT" <<<"$out" && grep -q "audit log" <<<"$out" \
  && run 0 --help && grep -qE "^  unlock +Unlock a submitted or appraised year" <<<"$out" && grep -qE "^  --actor NAME +Who the audit log names" <<<"$out" \
  && ok "unlock and --actor are in the help" || not_ok "unlock help" "$out"
run 2 --db "$db" unlock --unit 1 --year 2022 && grep -q "give --reason" <<<"$err" \
  && run 2 --db "$db" unlock --unit 1 --year 2022 --reason "  " \
  && [ "$(sql "select status from assessments where unit_id = 1 and year = 2022")" = submitted ] \
  && ok "unlock without a reason (or a blank one) is a usage error and changes nothing" || not_ok "unlock no reason" "$status" "$err"
run 0 --db "$db" --actor "Nguyễn Thị Lan" unlock --unit "Sở Nội vụ tỉnh Đồng Nai" --year 2022 --reason " Bổ sung minh chứng 1.4.2 " \
  && grep -q "^2022 of “Sở Nội vụ tỉnh Đồng Nai” unlocked (it was submitted); the audit log names Nguyễn Thị Lan and the reason$" <<<"$out" \
  && [ "$(sql "select status from assessments where unit_id = 1 and year = 2022")" = draft ] \
  && [ "$(sql "select old_value || '>' || new_value || '|' || actor || '|' || reason from audit_log where what like 'assessment % status' order by id desc limit 1")" = "submitted>draft|Nguyễn Thị Lan|Bổ sung minh chứng 1.4.2" ] \
  && ok "unlock --reason puts the year back to draft; the audit log keeps --actor and the reason" || not_ok "unlock" "$out" "$err" "$(sql "select * from audit_log order by id desc limit 2")"
run 0 --db "$db" import-csv --unit 1 --year 2022 "$tmp/tai-chinh.csv" && grep -q "^1 entry changed$" <<<"$out" \
  && ok "an unlocked year takes edits again" || not_ok "edit after unlock" "$status" "$out" "$err"
run 1 --db "$db" unlock --unit 1 --year 2022 --reason "lại" && grep -q "is a draft: there is nothing to unlock" <<<"$err" \
  && ok "unlocking a draft is refused" || not_ok "unlock draft" "$status" "$err"
run 0 --db "$db" submit --unit 1 --year 2022 || not_ok "submit again" "$err"

# --- years from the year before, removals ------------------------------------------------------------
# The command line has no evidence commands yet: 2022's documents are cited through SQL.
year_id() { sql "select a.id from assessments a join units u on u.id = a.unit_id where u.name = '$1' and a.year = $2"; }
noi_vu_2022=$(year_id "Sở Nội vụ tỉnh Đồng Nai" 2022)
tai_chinh_2022=$(year_id "Sở Tài chính" 2022)
sql "insert into documents (id, kind, number) values (101, 'KH', '06/KH-SNV'), (102, 'BC', '12/BC-SNV'), (103, 'KH', '3/KH-STC');
     insert into evidence_links (document_id, assessment_id, code) values (101, $noi_vu_2022, '1.4.2'), (102, $noi_vu_2022, '3.3.1'),
       (101, $noi_vu_2022, '5.5.2'), (103, $tai_chinh_2022, '1.4.2');"
run 0 --db "$db" assessment new --unit 1 --year 2023 --from-previous --carry-evidence \
  && grep -q "^2023 started for “Sở Nội vụ tỉnh Đồng Nai” with the criteria set vn-sample-department-876 (#1), as a draft$" <<<"$out" \
  && grep -q "^  3 evidence links carried over$" <<<"$out" \
  && [ "$(sql "select status from assessments where unit_id = 1 and year = 2023")" = draft ] \
  && [ "$(sql "select group_concat(code || ':' || document_id, ' ') from (select code, document_id from evidence_links where assessment_id = $(year_id "Sở Nội vụ tỉnh Đồng Nai" 2023) order by code)")" = "1.4.2:101 3.3.1:102 5.5.2:101" ] \
  && ok "assessment new --from-previous --carry-evidence keeps the set and cites 2022's documents again" || not_ok "from previous" "$out" "$err"
run 0 --db "$db" assessment new --unit "Sở Tài chính" --year 2023 --from-previous && ! grep -q "carried" <<<"$out" \
  && [ "$(sql "select count(*) from evidence_links where assessment_id = $(year_id "Sở Tài chính" 2023)")" = 0 ] \
  && ok "assessment new --from-previous without --carry-evidence cites nothing" || not_ok "from previous, no carry" "$out" "$err"
run 0 --db "$db" assessment remove --unit "Sở Tài chính" --year 2023 || not_ok "remove Tài chính 2023" "$err"
run 1 --db "$db" assessment new --unit "Sở Tài chính" --year 2021 --from-previous && grep -q "no self-assessment before 2021" <<<"$err" \
  && ok "--from-previous without an earlier year is refused" || not_ok "from previous none" "$status" "$err"
run 2 --db "$db" assessment new --unit 1 --year 2024 --set 1 --carry-evidence && grep -q -- "--from-previous" <<<"$err" \
  && ok "--carry-evidence without --from-previous is a usage error" || not_ok "carry without previous" "$status" "$err"
run 1 --db "$db" assessment new --unit "Phòng Nội vụ huyện Nhơn Trạch" --year 2022 --set 1 && grep -q "is a district" <<<"$err" \
  && [ "$(sql "select count(*) from assessments a join units u on u.id = a.unit_id where u.level = 'district'")" = 0 ] \
  && ok "a department set for a district unit is refused, nothing created" || not_ok "level check" "$status" "$err"
run 1 --db "$db" assessment new --unit 1 --year 2012 --set 2 && grep -q "2013" <<<"$err" && grep -q "2012" <<<"$err" \
  && ok "a year outside the set's years is refused, naming both" || not_ok "year check" "$status" "$err"

years_before=$(sql "select count(*) from assessments")
run 1 --db "$db" assessment remove --unit 1 --year 2022 && grep -q "submitted and locked" <<<"$err" && grep -q -- "--force" <<<"$err" \
  && [ "$(sql "select count(*) from assessments")" = "$years_before" ] \
  && ok "assessment remove refuses a submitted year and says --force" || not_ok "remove submitted" "$status" "$err"
run 1 --db "$db" assessment remove --unit 1 --year 2022 --force && grep -q "needs a reason" <<<"$err" && grep -q -- "--reason" <<<"$err" \
  && [ "$(sql "select count(*) from assessments")" = "$years_before" ] \
  && ok "assessment remove --force of a submitted year needs a reason; nothing removed" || not_ok "remove forced no reason" "$status" "$err"
run 0 --db "$db" --actor "Trần Văn Bình" assessment remove --unit 1 --year 2022 --force --reason "Nhập nhầm năm" \
  && grep -q "^2022 of “Sở Nội vụ tỉnh Đồng Nai” removed (it was submitted)$" <<<"$out" \
  && [ "$(sql "select count(*) from assessments where unit_id = 1 and year = 2022")" = 0 ] \
  && [ "$(sql "select count(*) from entries e where not exists (select 1 from assessments a where a.id = e.assessment_id)")" = 0 ] \
  && [ "$(sql "select actor || '|' || reason from audit_log where what like 'assessment % removed' and old_value like 'Sở Nội vụ tỉnh Đồng Nai 2022 %submitted%'")" = "Trần Văn Bình|Nhập nhầm năm" ] \
  && [ "$(sql "select group_concat(id) from documents where id > 100")" = "101,102,103" ] \
  && ok "assessment remove --force --reason removes the year and its entries, audited with who and why; documents 2023 cites stay" || not_ok "remove forced" "$out" "$err" "$(sql "select * from documents")"
run 0 --db "$db" assessment remove --unit "Sở Tài chính" --year 2022 && [ "$(sql "select count(*) from assessments a join units u on u.id = a.unit_id where u.name = 'Sở Tài chính'")" = 0 ] \
  && ok "assessment remove of a draft needs no --force" || not_ok "remove draft" "$status" "$err"

run 0 --db "$db" submit --unit 1 --year 2023 || not_ok "submit 2023" "$err"
run 1 --db "$db" unit remove 1 && grep -q -- "--force" <<<"$err" && [ "$(sql "select count(*) from units where id = 1")" = 1 ] \
  && ok "unit remove refuses a unit with a submitted year" || not_ok "unit remove locked" "$status" "$err"
run 1 --db "$db" unit remove 1 --force && grep -q "needs a reason" <<<"$err" && [ "$(sql "select count(*) from units where id = 1")" = 1 ] \
  && ok "unit remove --force with a submitted year needs a reason" || not_ok "unit remove forced no reason" "$status" "$err"
run 0 --db "$db" unit remove 1 --force --reason "Sáp nhập" && grep -q "^Unit #1 “Sở Nội vụ tỉnh Đồng Nai” removed with its 2 years$" <<<"$out" \
  && [ "$(sql "select count(*) from units where id = 1")" = 0 ] && [ "$(sql "select count(*) from assessments where unit_id = 1")" = 0 ] \
  && [ "$(sql "select actor || '|' || reason from audit_log where what = 'unit 1 removed'")" = "$(id -un)|Sáp nhập" ] \
  && [ "$(sql "select count(*) from documents where id > 100")" = 0 ] \
  && ok "unit remove --force removes the unit and its years, audited" || not_ok "unit remove forced" "$out" "$err"
run 0 --db "$db" unit remove "Sở Tài chính" && grep -q "removed with its 0 years" <<<"$out" \
  && ok "unit remove of a unit without years" || not_ok "unit remove plain" "$out" "$err"
run 1 --db "$db" unit remove "Sở Tài chính" && ok "unit remove of a unit that is gone: exit 1" || not_ok "unit remove gone" "$status"

echo "1..$n"
[ "$failed" -eq 0 ]
