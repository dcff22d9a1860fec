#!/usr/bin/env bash
# A submitted year's register rows (the office's books) are sealed (data/SEAL.md, version 3) and
# travel in its package (data/PACKAGE.md, format 3), through parscore-cli as an office uses it,
# with the shipped sample set's registers (data/frameworks/sample-books.xml, or
# sample-department.xml once the registers moved there): verify names a row
# changed behind Parscore's back by register and row; the council's import holds the same rows
# and scores the register-fed sub-criteria as the unit did; a tampered row in a package is
# refused, naming the register and the row, and nothing is imported. TAP output.
#   test-cli-seal-registers.sh PATH-TO-parscore-cli DATADIR
set -u
cli=$1
data=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore seal registers XXXXXX")
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
council=(--db "$tmp/hội đồng.db")
set_xml="$data/frameworks/sample-books.xml"
[ -e "$set_xml" ] || set_xml="$data/frameworks/sample-department.xml"
score_of() { # score_of DB CODE → the self score the CLI computes for CODE
  "$cli" --db "$1" score "${U[@]}" --json 2>/dev/null | python3 -c '
import json, sys
doc = json.load(sys.stdin)
def walk(node):
    if isinstance(node, dict):
        if node.get("code") == sys.argv[1]:
            v = node.get("self"); print("none" if v is None else "%.2f" % float(v)); sys.exit(0)
        for v in node.values(): walk(v)
    elif isinstance(node, list):
        for v in node: walk(v)
walk(doc)
print("none")' "$2"
}

# The plan register of the Đồng Nai board's 2020 (seed 000): the annual plan issued on 14/01
# (deadline 31/01), 2 of 3 tasks done; two periodic reports, one late.
printf 'task,owner,deadline,done,issues_plan,result\nBan hành Kế hoạch CCHC năm 2020,Văn phòng,31/01/2020,14/01/2020,có,01/KH-KCNĐN\nKiểm tra CCHC đợt 1,Thanh tra,30/06/2020,25/06/2020,,\nRà soát TTHC,Văn phòng,30/09/2020,,,\n' > "$tmp/plan.csv"
run 0 --db "$db" unit add "Ban Quản lý các KCN" && run 0 --db "$db" assessment new "${U[@]}" --set "$set_xml" \
  && run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/plan.csv" \
  && run 0 --db "$db" submit "${U[@]}" \
  && ok "a year of the sample set with the books, its plan register kept, submitted" || not_ok "setup" "$out" "$err"

# --- the seal covers the rows -----------------------------------------------------------------------
run 0 --db "$db" verify && grep -q "^1 submitted or appraised year checked against its seal, 0 changed$" <<<"$out" \
  && [ "$(sqlite3 "$db" "select count(*) from seals where canonical like '%register plan_tasks 000002	deadline \"2020-06-30\" done \"2020-06-25\" owner \"Thanh tra\" task \"Kiểm tra CCHC đợt 1\"%'")" = 1 ] \
  && ok "the seal's text holds the register rows (version 3), and verify finds the year as sealed" || not_ok "verify intact" "$status" "$out" "$err"
run 1 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/plan.csv" && grep -qi "locked\|submitted" <<<"$err" \
  && ok "the store refuses to change the rows of the submitted year" || not_ok "locked" "$status" "$err"
cp "$db" "$tmp/changed.db"
sqlite3 "$tmp/changed.db" "UPDATE register_cells SET value = '2020-02-14' WHERE col = 'done' AND row_id = (SELECT id FROM register_rows WHERE position = 1)"
run 1 --db "$tmp/changed.db" verify \
  && grep -q "The 2020 self-assessment of Ban Quản lý các KCN changed after it was sealed on .*: 1 difference." <<<"$err" \
  && grep -qF 'register “plan_tasks”, row 1: deadline "2020-01-31" done "2020-01-14" ' <<<"$err" \
  && grep -qF 'when sealed, deadline "2020-01-31" done "2020-02-14" ' <<<"$err" \
  && grep -q ", 1 changed$" <<<"$out" \
  && ok "verify names a register row changed by plain SQL: unit, year, register and row" || not_ok "verify changed row" "$status" "$out" "$err"

# --- the package carries the rows -----------------------------------------------------------------
run 0 --db "$db" package export "${U[@]}" -o "$tmp/ban 2020.parscore" \
  && run 0 package show "$tmp/ban 2020.parscore" && grep -q "^  3 register rows$" <<<"$out" && grep -q "^  format parscore-package 4$" <<<"$out" \
  && ok "package export: the package holds the year's 3 register rows, format 3" || not_ok "export" "$status" "$out" "$err"
run 0 "${council[@]}" package import "$tmp/ban 2020.parscore" \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select group_concat (v, '; ') from (select r.position || ' ' || c.col || '=' || c.value as v from register_rows r join register_cells c on c.row_id = r.id where c.col in ('task', 'done') order by r.position, c.col)")" \
       = "1 done=2020-01-14; 1 task=Ban hành Kế hoạch CCHC năm 2020; 2 done=2020-06-25; 2 task=Kiểm tra CCHC đợt 1; 3 task=Rà soát TTHC" ] \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select count(*) from audit_log where what like 'assessment % register plan_tasks row %'")" = 3 ] \
  && run 0 "${council[@]}" verify && grep -q "^1 submitted or appraised year checked against its seal, 0 changed$" <<<"$out" \
  && ok "the council's import holds the same rows, each written by the store's checked write, sealed as the unit sealed them" \
  || not_ok "import" "$status" "$out" "$err"
unit_111=$(score_of "$db" 1.1.1); council_111=$(score_of "$tmp/hội đồng.db" 1.1.1)
unit_113=$(score_of "$db" 1.1.3); council_113=$(score_of "$tmp/hội đồng.db" 1.1.3)
[ "$council_111" = "$unit_111" ] && [ "$council_111" = 1.00 ] \
  && [ "$council_113" = "$unit_113" ] && [ "$council_113" = 0.00 ] \
  && ok "the council scores the register-fed 1.1.1 ($council_111) and 1.1.3 ($council_113) as the unit did, not 'not yet scored'" \
  || not_ok "council scores" "unit 1.1.1=$unit_111 1.1.3=$unit_113" "council 1.1.1=$council_111 1.1.3=$council_113"

cp "$tmp/ban 2020.parscore" "$tmp/tampered.parscore"
sqlite3 "$tmp/tampered.parscore" "UPDATE register_cells SET value = '2020-06-29' WHERE col = 'done' AND row_id = (SELECT id FROM register_rows WHERE position = 2)"
rm -f "$tmp/hội đồng 2.db"
run 1 --db "$tmp/hội đồng 2.db" package import --yes "$tmp/tampered.parscore" && grep -q "changed after it was sealed. Nothing was imported." <<<"$err" \
  && grep -qF 'register “plan_tasks”, row 2: deadline "2020-06-30" done "2020-06-25" owner "Thanh tra" task "Kiểm tra CCHC đợt 1" when sealed, deadline "2020-06-30" done "2020-06-29" owner "Thanh tra" task "Kiểm tra CCHC đợt 1" now. (table register_rows)' <<<"$err" \
  && { [ ! -e "$tmp/hội đồng 2.db" ] || [ "$(sqlite3 "$tmp/hội đồng 2.db" "select count(*) from assessments")" = 0 ]; } \
  && ok "a register row changed in the package on the way is refused, naming the register and the row; nothing is imported" \
  || not_ok "tampered" "$status" "$out" "$err"
run 0 --db "$db" unlock "${U[@]}" --reason "hoàn thành nhiệm vụ 3" \
  && printf 'task,owner,deadline,done\nBan hành Kế hoạch CCHC năm 2020,Văn phòng,31/01/2020,14/01/2020\nKiểm tra CCHC đợt 1,Thanh tra,30/06/2020,25/06/2020\nRà soát TTHC,Văn phòng,30/09/2020,28/09/2020\n' > "$tmp/plan2.csv" \
  && run 0 --db "$db" register import "${U[@]}" --register plan_tasks "$tmp/plan2.csv" \
  && run 0 --db "$db" submit "${U[@]}" --package "$tmp/ban 2020 (2).parscore" \
  && run 1 "${council[@]}" package import "$tmp/ban 2020 (2).parscore" && grep -q "The package changes 2 things in 2020 of “Ban Quản lý các KCN”:" <<<"$out" \
  && grep -qF 'register “plan_tasks”, row 3: deadline "2020-09-30" owner "Văn phòng" task "Rà soát TTHC" when sealed, deadline "2020-09-30" done "2020-09-28" owner "Văn phòng" task "Rà soát TTHC" now.' <<<"$out" \
  && run 0 "${council[@]}" package import --yes "$tmp/ban 2020 (2).parscore" \
  && [ "$(sqlite3 "$tmp/hội đồng.db" "select count(*) from register_cells where col = 'done'")" = 3 ] \
  && ok "a later package lists the row it changes, and replaces the year with --yes" || not_ok "later" "$status" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
