#!/usr/bin/env bash
# The council's round end to end through parscore-cli (issue 14): three units made through the
# command line, each in its own database; two submit on time, one late; the council appraises,
# closes round 1 and returns the appraisals; a unit replies; the council fixes the final scores
# and closes round 2; the ranking and its tie are right; the audit log names the rounds. TAP.
#   test-cli-round.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore cli round XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
run() { local expected=$1; shift; out=$("$cli" "$@" 2>"$tmp/stderr"); status=$?; err=$(cat "$tmp/stderr"); [ "$status" -eq "$expected" ]; }
council=(--db "$tmp/hội đồng thẩm định.db")
cd "$tmp" || exit 1

printf 'code,inputs\n1.4.2,items=15\n' >high.csv   # 1.00 point
printf 'code,inputs\n1.4.2,items=3\n' >low.csv     # 0.50 point
made=1
make_unit() { # make_unit FILE-STEM NAME CSV
  run 0 --db "$1.db" import-framework "$data/frameworks/sample-department.xml" && run 0 --db "$1.db" unit add "$2" \
    && run 0 --db "$1.db" assessment new --unit 1 --year 2024 --set 1 && run 0 --db "$1.db" import-csv --unit 1 --year 2024 "$3" \
    && run 0 --db "$1.db" submit --unit 1 --year 2024 --package "$1.parscore" || made=0
}
make_unit noi-vu "Sở Nội vụ" high.csv
make_unit tai-chinh "Sở Tài chính" high.csv
make_unit y-te "Sở Y tế" low.csv
[ "$made" = 1 ] && ok "three units, each in its own database, submit with a sealed package" || not_ok "units" "$out" "$err"

run 0 "${council[@]}" round new --set vn-sample-department-876 --year 2024 --deadline 2024-12-10 --reply-deadline 2025-01-15 \
  && grep -q "^Round 1 started: 2024, vn-sample-department-876, department$" <<<"$out" && ok "round new" || not_ok "round new" "$out" "$err"
run 1 "${council[@]}" round new --set vn-sample-department-876 --year 2024 && grep -q "already" <<<"$err" \
  && ok "a second round for the same set, year and level is refused" || not_ok "round twice" "$err"
run 1 "${council[@]}" round new --set x --year 2024 --deadline 10/12/2024 && grep -q "2024-12-10" <<<"$err" \
  && ok "a deadline not written as an ISO date is refused" || not_ok "bad deadline" "$err"

run 0 "${council[@]}" round receive --received-on 2024-12-09 noi-vu.parscore tai-chinh.parscore \
  && [ "$(grep -c "received$" <<<"$out")" = 2 ] \
  && run 0 "${council[@]}" round receive --received-on 2024-12-12 y-te.parscore && grep -q "^submission of “Sở Y tế” received (late)$" <<<"$out" \
  && ok "two submissions on time, one late: received, the late one marked" || not_ok "receive" "$out" "$err"
run 0 "${council[@]}" round show && grep -qE "^  Sở Y tế +submitted, submitted late$" <<<"$out" && grep -qE "^  Sở Nội vụ +submitted$" <<<"$out" \
  && grep -q "deadlines: submissions 10/12/2024, replies 15/01/2025" <<<"$out" \
  && ok "round show: every unit's status and late mark" || not_ok "round show 1" "$out"

run 0 "${council[@]}" round score --unit "Sở Nội vụ" --code 1.4.2 --appraised 0.5 --comment "Thiếu báo cáo quý III" \
  && run 0 "${council[@]}" round score --unit "Sở Tài chính" --code 1.4.2 --appraised 1 \
  && run 0 "${council[@]}" round score --unit "Sở Y tế" --code 1.4.2 --appraised 0.5 \
  && ok "round 1: the council appraises" || not_ok "score round 1" "$err"
run 1 "${council[@]}" round score --unit "Sở Y tế" --code 1.4.2 --appraised 7 && grep -q "1.4.2" <<<"$err" \
  && ok "an appraised score above the maximum is refused by the one check" || not_ok "score check" "$err"
run 1 "${council[@]}" round return --unit "Sở Nội vụ" -o early.parscore && grep -q "close round 1 first" <<<"$err" \
  && ok "nothing goes back before round 1 is closed" || not_ok "return early" "$err"
run 0 "${council[@]}" round close && grep -q "round 2 open" <<<"$out" || not_ok "close 1" "$err"
ret=1
for u in noi-vu:"Sở Nội vụ" tai-chinh:"Sở Tài chính" y-te:"Sở Y tế"; do
  run 0 "${council[@]}" round return --unit "${u#*:}" -o "${u%%:*}-appraisal.parscore" \
    && run 0 --db "${u%%:*}.db" package import "${u%%:*}-appraisal.parscore" && grep -q "appraisal of 2024 .* imported" <<<"$out" || ret=0
done
[ "$ret" = 1 ] && run 0 --db noi-vu.db list && grep -q "2024  vn-sample-department-876  appraised" <<<"$out" \
  && run 0 --db noi-vu.db verify && grep -q "1 submitted or appraised year checked against its seal, 0 changed" <<<"$out" \
  && ok "round 1 closed; each unit imports its appraisal: its year is appraised and sealed as the council sealed it" || not_ok "return" "$out" "$err"

printf '%%PDF-1.4\n%% Báo cáo CCHC quý III năm 2024, số 12/BC-SNV\n' >"bc quý 3.pdf"
run 1 --db noi-vu.db reply --unit 1 --year 2024 --code 1.4.2 --text "Đã gửi đủ báo cáo" --document "12/BC-SNV" --kind BC \
  --file "bc quý 3.pdf" --file "không có.pdf" && grep -q "is saved, but its document is not" <<<"$err" && grep -q "không có.pdf" <<<"$err" \
  && [ "$(sqlite3 noi-vu.db "select count(*) from documents where number = '12/BC-SNV'")" = 0 ] \
  && [ "$(sqlite3 noi-vu.db "select count(*) from attachments")" = 0 ] && [ -z "$(ls -A noi-vu.db.attachments 2>/dev/null)" ] \
  && ok "a reply's document whose file cannot be read is not kept, nor any of its files" || not_ok "no half reply evidence" "$out" "$err"
run 0 --db noi-vu.db reply --unit 1 --year 2024 --code 1.4.2 --text "Đã gửi đủ báo cáo quý III, số 12/BC-SNV" \
  --document "12/BC-SNV" --kind BC --date 2024-10-05 --issuer "Sở Nội vụ" --summary "Báo cáo CCHC quý III năm 2024" \
  --pages 1-3 --file "bc quý 3.pdf" && grep -q "^Reply to 1.4.2 saved, with document 12/BC-SNV and 1 file$" <<<"$out" \
  && run 0 --db noi-vu.db verify && grep -q "^1 submitted or appraised year checked against its seal, 0 changed$" <<<"$out" \
  && ok "the unit replies with an evidence document and its file; its appraised year is sealed again" || not_ok "reply with evidence" "$out" "$err"
run 0 --db noi-vu.db package export --kind reply --unit 1 --year 2024 -o noi-vu-reply.parscore \
  && run 0 "${council[@]}" round receive --received-on 2025-01-10 noi-vu-reply.parscore && grep -q "^reply of “Sở Nội vụ” received$" <<<"$out" \
  && run 0 "${council[@]}" round show && grep -qE "^  Sở Nội vụ +replied, 1 reply$" <<<"$out" && grep -qE "^  Sở Tài chính +round 1 done$" <<<"$out" \
  && ok "a unit replies; the council sees the reply next to its round-1 scores" || not_ok "reply" "$out" "$err"
[ "$(sqlite3 "$tmp/hội đồng thẩm định.db" "select r.text from replies r join assessments a on a.id = r.assessment_id join units u on u.id = a.unit_id where u.name = 'Sở Nội vụ' and r.code = '1.4.2'")" = "Đã gửi đủ báo cáo quý III, số 12/BC-SNV" ] \
  && ok "the reply is stored for the unit's year and sub-criterion" || not_ok "reply stored"
sha=$(sha256sum "bc quý 3.pdf" | cut -d" " -f1); size=$(stat -c %s "bc quý 3.pdf")
run 0 "${council[@]}" round replies && grep -q "^Sở Nội vụ$" <<<"$out" \
  && grep -q "^  1.4.2 (appraised 0.50): Đã gửi đủ báo cáo quý III, số 12/BC-SNV$" <<<"$out" \
  && grep -q "^    evidence added: BC 12/BC-SNV — Báo cáo CCHC quý III năm 2024$" <<<"$out" \
  && grep -q "^      file “bc quý 3.pdf”, $size bytes, SHA-256 $sha$" <<<"$out" \
  && [ "$(sha256sum "$tmp/hội đồng thẩm định.db.attachments/${sha:0:2}/$sha" | cut -d" " -f1)" = "$sha" ] \
  && [ "$(sqlite3 "$tmp/hội đồng thẩm định.db" "select l.pages from evidence_links l join documents d on d.id = l.document_id where d.number = '12/BC-SNV' and l.code = '1.4.2'")" = 1-3 ] \
  && [ "$(sqlite3 "$tmp/hội đồng thẩm định.db" "select reason from audit_log where what like 'assessment % reply 1.4.2 evidence %'")" = "round 2" ] \
  && run 0 "${council[@]}" verify && grep -q "^3 submitted or appraised years checked against their seals, 0 changed$" <<<"$out" \
  && ok "the council sees the evidence next to the reply: the document, its file stored whole (SHA-256 checked), audited in round 2, the year sealed again" \
  || not_ok "reply evidence at the council" "$out" "$err" "$sha"
run 1 "${council[@]}" round receive --yes y-te.parscore && grep -q "kept with the round, not imported" <<<"$err" \
  && [ "$(sqlite3 "$tmp/hội đồng thẩm định.db" "select count(*) from round_packages where unit_name = 'Sở Y tế'")" = 2 ] \
  && ok "a submission after round 1 closed is kept with the round, never lost, and not imported" || not_ok "kept" "$err"

run 0 "${council[@]}" round score --unit "Sở Nội vụ" --code 1.4.2 --appraised 1 \
  && run 0 "${council[@]}" round close && grep -q "closed: the scores are final" <<<"$out" \
  && ok "round 2: the council fixes the final score and closes" || not_ok "round 2" "$out" "$err"
run 1 "${council[@]}" round score --unit "Sở Nội vụ" --code 1.4.2 --appraised 0.5 && grep -q "locked" <<<"$err" \
  && ok "a closed round is locked" || not_ok "locked" "$err"
run 0 "${council[@]}" round show && [ "$(grep -cE "^  .* final" <<<"$out")" = 3 ] && ok "every unit is final" || not_ok "final" "$out"

run 0 "${council[@]}" rank --year 2024
if grep -qE "^ +1=  Sở Nội vụ +1\.00 +73\.00 +1\.37" <<<"$out" && grep -qE "^ +1=  Sở Tài chính +1\.00" <<<"$out" \
   && grep -qE "^ +3  Sở Y tế +0\.50 +73\.00 +0\.68" <<<"$out"; then
  ok "the ranking: two share the 1st rank, the next is 3rd"
else not_ok "rank" "$out" "$err"; fi
# A name longer than the ranking's column is cut with "…" (par_cli_fit), the figures stay aligned.
long="Sở Y tế tỉnh Đồng Nai — Trung tâm Kiểm soát bệnh tật và Phòng chống dịch bệnh"
cut="${long:0:43}…"
run 0 "${council[@]}" unit rename "Sở Y tế" "$long" && run 0 "${council[@]}" rank --year 2024 \
  && grep -qE "^ +3  $cut +0\.50 +73\.00 +0\.68" <<<"$out" \
  && [ "$(grep -E "^ +3  " <<<"$out" | wc -m)" = "$(grep -E "^ +1=  Sở Tài chính" <<<"$out" | wc -m)" ] \
  && ok "a unit name longer than its column is cut to 44 characters with …, the columns stay aligned" \
  || not_ok "long name" "$out" "$err"
run 0 "${council[@]}" unit rename "$long" "Sở Y tế" || not_ok "rename back" "$err"
audit=$(sqlite3 "$tmp/hội đồng thẩm định.db" "select coalesce (old_value, '') || '>' || new_value || '|' || reason from audit_log where what like 'assessment % entry 1.4.2 appraised score' order by id")
[ "$(head -1 <<<"$audit")" = ">0.50|round 1" ] && [ "$(tail -1 <<<"$audit")" = "0.50>1.00|round 2" ] \
  && [ "$(sqlite3 "$tmp/hội đồng thẩm định.db" "select reason from audit_log where what = 'round 1 submission of Sở Y tế' order by id limit 1")" = late ] \
  && ok "the audit log keeps who changed what in which round, and the late package" || not_ok "audit" "$audit"

# --round N, one option shared by every round command (par_cli_parse_round).
run 0 "${council[@]}" round show --round 1 && [ "$(grep -cE "^  .* final" <<<"$out")" = 3 ] \
  && run 1 "${council[@]}" round show --round 9 && [ -n "$err" ] && [ -z "$out" ] \
  && run 1 "${council[@]}" round close --round 9 && [ -n "$err" ] \
  && run 1 "${council[@]}" round replies --round 9 --unit "Sở Nội vụ" && [ -n "$err" ] \
  && run 2 "${council[@]}" round show --round x && grep -q "round show" <<<"$err" \
  && run 2 "${council[@]}" round close --no-such-option && grep -q "round close" <<<"$err" \
  && ok "--round N picks the round; a round that does not exist is refused (1), bad options are a usage error (2)" \
  || not_ok "--round" "$out" "$err"
helps=1
for c in show receive score close return replies; do
  run 0 round "$c" --help && grep -qE "^  --round=N +The round \(when there are several\)$" <<<"$out" || { helps=0; echo "# round $c: $out"; }
done
run 0 round score --help && grep -qE "^  -u, --unit=U +Unit name or number$" <<<"$out" && grep -qE "^  --appraised=POINTS +The appraised score$" <<<"$out" || helps=0
[ "$helps" = 1 ] && ok "every round command lists --round N" || not_ok "round --help"

echo "1..$n"
[ "$failed" -eq 0 ]
