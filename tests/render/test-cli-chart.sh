#!/usr/bin/env bash
# `parscore-cli chart` as a user runs it: which scores a chart shows (issue 10), on the demo
# database (2020 and 2021 appraised, 2022 a draft). TAP output.
#   test-cli-chart.sh PATH-TO-parscore-cli
set -u
cli=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore-cli-chart-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.db"
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
text() { pdftotext -layout "$1" - 2>/dev/null; }

run 0 --db "$db" demo || { echo "Bail out! demo: $err"; exit 1; }

# Every chart names its column after its title; final scores are the default.
for t in fields total radar lost ranking; do
  run 0 --db "$db" chart --type $t --unit 1 --years 2020-2022 -o "$tmp/$t.pdf" \
    && text "$tmp/$t.pdf" | grep -q " — Final" \
    && ok "chart --type $t says it shows final scores" \
    || not_ok "chart $t column" "$err" "$(text "$tmp/$t.pdf" | head -3)"
done

# Final: 2022, not appraised, is marked, not passed off as an appraised year.
run 0 --db "$db" chart --type fields --unit 1 --years 2020-2022 -o "$tmp/final.pdf"
t=$(text "$tmp/final.pdf")
grep -q "2022 (not appraised)" <<<"$t" && grep -q "Not appraised: self-assessed score" <<<"$t" \
  && ! grep -q "2020 (not appraised)" <<<"$t" \
  && ok "final scores: the year not appraised is marked in the legend" || not_ok "final marks" "$t"

# Appraised: 2022 has no bars; its self scores do not stand in.
run 0 --db "$db" chart --type fields --unit 1 --years 2020-2022 --column appraised -o "$tmp/appr.pdf" \
  && t=$(text "$tmp/appr.pdf") && grep -q "Fields across years — Appraised" <<<"$t" \
  && grep -q "2022 (not appraised)" <<<"$t" \
  && ok "--column appraised: named, and 2022 is not appraised" || not_ok "appraised" "$err" "$t"
run 0 --db "$db" chart --type total --unit 1 --years 2020-2022 --column appraised -o "$tmp/appr-total.pdf" \
  && t=$(text "$tmp/appr-total.pdf") && grep -q "not appraised" <<<"$t" \
  && grep -q "87.1%" <<<"$t" && [ "$(grep -o "87.1%" <<<"$t" | wc -l)" -eq 1 ] \
  && ok "--column appraised, total: 2022 has the self point only, marked not appraised" \
  || not_ok "appraised total" "$err" "$t"

# Self-assessed: no year marked, and its own title.
run 0 --db "$db" chart --type fields --unit 1 --years 2020-2022 --column self -o "$tmp/self.pdf" \
  && t=$(text "$tmp/self.pdf") && grep -q "Fields across years — Self-assessed" <<<"$t" \
  && ! grep -q "not appraised" <<<"$t" \
  && ok "--column self: named, nothing marked" || not_ok "self" "$err" "$t"

# The overview's 2020 total (81.16, final) is the final line's 2020 point.
run 0 --db "$db" chart --type total --unit 1 --years 2020-2022 -o "$tmp/total.pdf" \
  && t=$(text "$tmp/total.pdf") && grep -q "81.2%" <<<"$t" && grep -q "84.4%" <<<"$t" \
  && grep -q "Self-assessed" <<<"$t" && grep -q "Final" <<<"$t" \
  && ok "total: the final line agrees with the overview, the self line is named" || not_ok "total" "$err" "$t"

# The ranking of 2022: units without a result are a footnote, not empty rows.
run 0 --db "$db" chart --type ranking --years 2022 -o "$tmp/rank.pdf" \
  && t=$(text "$tmp/rank.pdf") && grep -q "No result for 2022: Sở Nội vụ, Sở Tài chính" <<<"$t" \
  && ! grep -q "No data" <<<"$t" \
  && ok "ranking: units without a result for the year are a footnote" || not_ok "ranking footnote" "$err" "$t"

# chart draws in parscore-cli's own process (its module): no helper program is started.
PARSCORE_CLI_RENDER=/bin/false run 0 --db "$db" chart --type fields --unit 1 --years 2020-2022 -o "$tmp/inproc.png" \
  && [ "$(head -c 8 "$tmp/inproc.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] \
  && ok "chart runs in parscore-cli's process, not in parscore-cli-render" || not_ok "in-process chart" "$status" "$err"

run 2 --db "$db" chart --type fields --unit 1 --years 2020 --column council -o "$tmp/x.png" \
  && grep -q -- "--column must be self, appraised or final" <<<"$err" \
  && ok "an unknown --column is a usage error that lists the columns" || not_ok "bad column" "$status" "$err"
run 0 --help && grep -E -q "^  chart +Draw a chart to PNG, SVG or PDF: --type fields, total, radar, lost, self-vs-appraised or ranking$" <<<"$out" \
  && ok "--help lists chart with --type" || not_ok "help lists chart --type" "$out"
run 2 --db "$db" chart fields --unit 1 --years 2020 -o "$tmp/x.png" \
  && grep -q -- "give the type with --type: parscore-cli chart --type fields" <<<"$err" \
  && ok "chart fields (no --type) says how to write it" || not_ok "chart fields" "$status" "$err"
run 0 chart --help && grep -q -- "--column" <<<"$out" && grep -q "self|appraised|final" <<<"$out" \
  && ok "chart --help shows --column" || not_ok "chart help" "$out"

# A database from elsewhere can hold a stored criteria set whose hash matches bytes that never
# passed the schema (the hash is no secret): the set is validated again on every read, and such
# a set is refused with the schema's message — never read past it (an option whose "value"
# attribute is misspelt made the reader past the schema crash, when chart skipped the schema).
cp "$db" "$tmp/odd.db"
python3 - "$tmp/odd.db" <<'PY'
import hashlib, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for i, src in c.execute("SELECT id, source FROM frameworks").fetchall():
    new = bytes(src).replace(b"<option value=", b"<option valu:e=", 1)
    assert new != bytes(src)
    c.execute("UPDATE frameworks SET source = ?, sha256 = ? WHERE id = ?",
              (new, hashlib.sha256(new).hexdigest(), i))
c.commit()
PY
run 1 --db "$tmp/odd.db" chart --type total --unit 1 --years 2020-2022 -o "$tmp/odd.pdf" \
  && grep -q "stored criteria set" <<<"$err" && [ ! -e "$tmp/odd.pdf" ] \
  && ok "a stored set with a matching hash that breaks the schema is refused, not read" \
  || not_ok "stored set past the schema" "status $status" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
