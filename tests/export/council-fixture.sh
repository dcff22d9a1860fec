#!/usr/bin/env bash
# Builds a council's database through parscore-cli, as the council would: three units, each in
# its own database, submit sealed packages; the council receives them, appraises in round 1
# (with comments), closes it and returns the appraisals; one unit replies; the council closes
# round 2 (Sở Y tế submitted late); then a second round for 2025 with one unit not appraised yet. Used by
# test-council-report.
#   council-fixture.sh PATH-TO-parscore-cli SET.xml DIR   → DIR/council.db
#
# Self scores (set max 10; 2.1.2 may not apply):
#            1.1.1 1.1.2 2.1.1 2.1.2 3.1.1 3.1.2   self   final
#   Nội vụ     2     2     2     1    1.5   1.5    10     9.00 (1.1.2 → 1.5, 3.1.2 → 1)  90.00 %
#   Tài chính  2    1.5    2     1    1.5    1      9     9.00 (3.1.1 kept at 1.5)       90.00 %
#   Y tế      1.5    1    1.5   n/a    1     1    6 of 9  5.50 (2.1.1 → 1)               61.11 %
set -eu
cli=$1
set_xml=$2
dir=$3
cd "$dir"

make_unit() { # make_unit STEM NAME ROWS…
  local stem=$1 name=$2
  shift 2
  printf 'code,self_score,not_applicable\n' >"$stem.csv"
  printf '%s\n' "$@" >>"$stem.csv"
  "$cli" --db "$stem.db" import-framework "$set_xml" >/dev/null
  "$cli" --db "$stem.db" unit add "$name" >/dev/null
  "$cli" --db "$stem.db" assessment new --unit 1 --year 2024 --set 1 >/dev/null
  "$cli" --db "$stem.db" import-csv --unit 1 --year 2024 "$stem.csv" >/dev/null
  "$cli" --db "$stem.db" submit --unit 1 --year 2024 --package "$stem.parscore" >/dev/null
}
make_unit noi-vu "Sở Nội vụ" 1.1.1,2, 1.1.2,2, 2.1.1,2, 2.1.2,1, 3.1.1,1.5, 3.1.2,1.5,
make_unit tai-chinh "Sở Tài chính" 1.1.1,2, 1.1.2,1.5, 2.1.1,2, 2.1.2,1, 3.1.1,1.5, 3.1.2,1,
make_unit y-te "Sở Y tế" 1.1.1,1.5, 1.1.2,1, 2.1.1,1.5, 2.1.2,,1 3.1.1,1, 3.1.2,1,

council=(--db council.db)
"$cli" "${council[@]}" round new --set parscore-council-test --year 2024 --deadline 2024-12-10 \
  --reply-deadline 2025-01-15 >/dev/null
"$cli" "${council[@]}" round receive --received-on 2024-12-09 noi-vu.parscore tai-chinh.parscore >/dev/null
"$cli" "${council[@]}" round receive --received-on 2024-12-12 y-te.parscore >/dev/null   # late
"$cli" "${council[@]}" round score --unit "Sở Nội vụ" --code 1.1.2 --appraised 1.5 \
  --comment "Báo cáo quý III gửi chậm 12 ngày" >/dev/null
"$cli" "${council[@]}" round score --unit "Sở Nội vụ" --code 3.1.2 --appraised 1 \
  --comment "Chưa kết nối cổng dịch vụ công" >/dev/null
"$cli" "${council[@]}" round score --unit "Sở Tài chính" --code 3.1.1 --appraised 1.5 >/dev/null
"$cli" "${council[@]}" round score --unit "Sở Y tế" --code 2.1.1 --appraised 1 \
  --comment "Tỷ lệ đúng hạn 85 %, không phải 95 %" >/dev/null
"$cli" "${council[@]}" round close >/dev/null
"$cli" "${council[@]}" round return --unit "Sở Nội vụ" -o noi-vu-appraisal.parscore >/dev/null
"$cli" --db noi-vu.db package import noi-vu-appraisal.parscore >/dev/null
"$cli" --db noi-vu.db reply --unit 1 --year 2024 --code 1.1.2 --text "Đã gửi ngày 10/10, số 12/BC-SNV" >/dev/null
"$cli" --db noi-vu.db package export --kind reply --unit 1 --year 2024 -o noi-vu-reply.parscore >/dev/null
"$cli" "${council[@]}" round receive --received-on 2025-01-10 noi-vu-reply.parscore >/dev/null
"$cli" "${council[@]}" round close >/dev/null

# Round 2, for 2025: Sở Y tế alone submits and the council has not appraised it yet; it was
# 3rd in 2024, so its change is known.
printf 'code,self_score,not_applicable\n1.1.1,2,\n1.1.2,2,\n2.1.1,2,\n2.1.2,1,\n3.1.1,1,\n3.1.2,1,\n' >y-te-2025.csv
"$cli" --db y-te.db assessment new --unit 1 --year 2025 --set 1 >/dev/null
"$cli" --db y-te.db import-csv --unit 1 --year 2025 y-te-2025.csv >/dev/null
"$cli" --db y-te.db submit --unit 1 --year 2025 --package y-te-2025.parscore >/dev/null
"$cli" "${council[@]}" round new --set parscore-council-test --year 2025 --deadline 2025-12-10 >/dev/null
"$cli" "${council[@]}" round receive --round 2 --received-on 2025-12-01 y-te-2025.parscore >/dev/null
