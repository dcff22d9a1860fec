#!/usr/bin/env bash
# End-to-end test of `parscore-cli export-pack` on the demo database, as a user runs it. TAP.
#   test-pack-cli.sh PATH-TO-parscore-cli
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/parscore pack test XXXXXX")   # spaces in the path, on purpose
trap 'rm -rf "$tmp"' EXIT
db="$tmp/dữ liệu.db"
pack="$tmp/hồ sơ 2020.pdf"
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
pages() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

# A missing tool is a failure, never a skip: build-aux/dev installs poppler-utils.
if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "Bail out! poppler-utils (pdfinfo, pdftotext) is not installed; run build-aux/dev test"
  exit 1
fi

run 0 --db "$db" demo || { echo "Bail out! demo failed: $err"; exit 1; }

# --- usage errors -------------------------------------------------------------------------------
run 2 --db "$db" export-pack --unit 1 --year 2020 && grep -q -- "-o FILE" <<<"$err" \
  && ok "export-pack without -o is a usage error" || not_ok "no -o" "status $status" "$err"
run 2 --db "$db" export-pack -o "$pack" && grep -q -- "--unit" <<<"$err" \
  && ok "export-pack without --unit/--year is a usage error" || not_ok "no unit" "status $status" "$err"
run 1 --db "$db" export-pack --unit "Không có đơn vị này" --year 2020 -o "$pack" && [ ! -e "$pack" ] \
  && ok "an unknown unit fails with exit 1 and writes nothing" || not_ok "unknown unit" "status $status" "$err"
run 1 --db "$db" export-pack --unit 1 --year 1999 -o "$pack" && [ ! -e "$pack" ] \
  && ok "a year without an assessment fails with exit 1" || not_ok "unknown year" "status $status" "$err"
run 1 --db "$db" export-pack --unit 1 --year 2020 -o "$tmp/no such folder/pack.pdf" \
  && grep -q "export-pack:" <<<"$err" && ok "an unwritable destination fails with exit 1" \
  || not_ok "unwritable destination" "status $status" "$err"

# --- the pack -----------------------------------------------------------------------------------
run 0 --db "$db" export-pack --unit 1 --year 2020 -o "$pack"
if [ "$status" -eq 0 ] && [ -s "$pack" ]; then ok "export-pack writes the pack"; else not_ok "export-pack" "status $status" "$out" "$err"; fi
total=$(sed -n 's/^Wrote .*: \([0-9]*\) pages.*/\1/p' <<<"$out")
[ -n "$total" ] && [ "$(pages "$pack")" = "$total" ] \
  && ok "the summary line gives the page count ($total)" || not_ok "page count" "$out" "pdfinfo: $(pages "$pack")"
grep -q "Warning" <<<"$out" && not_ok "the demo's files are all fine: no warning" "$out" || ok "no warning for a complete pack"

pdftotext -enc UTF-8 "$pack" "$tmp/pack.txt"
grep -q "HỒ SƠ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM" "$tmp/pack.txt" && grep -q "Ban Quản lý các Khu công nghiệp Đồng Nai" "$tmp/pack.txt" \
  && ok "the cover's Vietnamese text is searchable" || not_ok "cover text" "$(head -20 "$tmp/pack.txt")"
grep -q "Trang 1/$total" "$tmp/pack.txt" && grep -q "Trang $total/$total" "$tmp/pack.txt" \
  && ok "pages are numbered Trang x/$total" || not_ok "page numbers"
grep -q "01/KH-KCNĐN" "$tmp/pack.txt" && grep -q "DANH MỤC TỆP ĐÍNH KÈM" "$tmp/pack.txt" \
  && ok "documents and the manifest are in" || not_ok "documents/manifest"
# each file's SHA-256 on the manifest is on one line, as pdftotext reads it (issue 10)
shas=$(sqlite3 "$db" "SELECT DISTINCT a.sha256 FROM attachments a JOIN evidence_links l ON l.document_id = a.document_id
                      JOIN assessments s ON s.id = l.assessment_id WHERE s.unit_id = 1 AND s.year = 2020")
broken=""
for h in $shas; do grep -qF "$h" "$tmp/pack.txt" || broken="$broken $h"; done
[ -n "$shas" ] && [ -z "$broken" ] && ok "every SHA-256 on the manifest reads on one line ($(wc -w <<<"$shas") files)" \
  || not_ok "hashes broken across lines" "$broken"
pdfinfo "$pack" | grep -q "^Author: *Ban Quản lý các Khu công nghiệp Đồng Nai" && pdfinfo "$pack" | grep -q "^Creator: *Parscore" \
  && ok "metadata: author is the unit, creator Parscore" || not_ok "metadata" "$(pdfinfo "$pack")"
pdffonts "$pack" 2>/dev/null | awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' \
  && ok "every font is embedded" || not_ok "fonts" "$(pdffonts "$pack")"

# --- progress: plain lines in a log, one rewritten line on a terminal ------------------------------
grep -q "Merging documents" <<<"$err" && ! grep -q $'\r' <<<"$err" \
  && ok "progress on a pipe: plain lines, no carriage returns" || not_ok "plain progress" "$err"
if command -v script >/dev/null; then
  script -qec "$(printf '%q ' "$cli" --db "$db" export-pack --unit 1 --year 2021 -o "$tmp/tty.pdf")" /dev/null >"$tmp/tty.txt" 2>&1
  grep -q $'\r' "$tmp/tty.txt" && grep -q "Wrote" "$tmp/tty.txt" \
    && ok "progress on a terminal rewrites one line" || not_ok "tty progress" "$(cat -v "$tmp/tty.txt" | head -5)"
else
  not_ok "progress on a terminal: script(1) from bsdutils is not installed"
fi
run 0 --db "$db" export-pack --unit 1 --year 2020 -o "$tmp/quiet.pdf" --quiet && [ -z "$err" ] \
  && ok "--quiet prints no progress" || not_ok "--quiet" "$err"

# --- a missing attachment: warned, listed, the pack still made -----------------------------------
# A blob of a document the 2020 pack includes (the demo's other years have files of their own).
sha=$(sqlite3 "$db" "SELECT a.sha256 FROM attachments a JOIN evidence_links l ON l.document_id = a.document_id
                     JOIN assessments s ON s.id = l.assessment_id WHERE s.unit_id = 1 AND s.year = 2020
                     ORDER BY a.id LIMIT 1")
blob="$db.attachments/${sha:0:2}/$sha"
[ -n "$sha" ] && [ -f "$blob" ] || not_ok "found a 2020 attachment blob to remove" "$sha"
rm -f "$blob"
run 0 --db "$db" export-pack --unit 1 --year 2020 -o "$tmp/warn.pdf"
if [ "$status" -eq 0 ] && grep -q "Warning: 1 file was left out" <<<"$out" && grep -q "missing" <<<"$out"; then
  ok "a missing file: exit 0 with a warning naming it"
else
  not_ok "missing file" "status $status" "$out" "$err"
fi
# the warning names the document and the file as the person knows them; no hash, no store path
number=$(sqlite3 "$db" "SELECT d.number FROM attachments a JOIN documents d ON d.id = a.document_id
                        WHERE a.sha256 = '$sha' ORDER BY a.id LIMIT 1")
fname=$(sqlite3 "$db" "SELECT original_name FROM attachments WHERE sha256 = '$sha' ORDER BY id LIMIT 1")
line=$(grep "missing" <<<"$out")
if grep -qF "Document $number: the stored copy of “$fname” is missing" <<<"$line" \
   && ! grep -q "$sha" <<<"$out" && ! grep -q "attachments/" <<<"$out"; then
  ok "the warning names the document ($number) and the file, never the hash or the store's path"
else
  not_ok "warning wording" "$line"
fi
pdftotext -enc UTF-8 "$tmp/warn.pdf" - | grep -q "Thiếu tệp" \
  && ok "the missing file is on the manifest" || not_ok "manifest lists the missing file"
[ "$(pages "$tmp/warn.pdf")" -lt "$total" ] && ok "the pack is made without it" || not_ok "pages without it"

run 0 --db "$db" export-pack --unit 1 --year 2020 -o "$tmp/short.pdf" --no-documents --no-charts \
  && [ "$(pages "$tmp/short.pdf")" -lt "$total" ] \
  && ! pdftotext "$tmp/short.pdf" - | grep -q "BIỂU ĐỒ KẾT QUẢ" \
  && ok "--no-documents --no-charts make a shorter pack" || not_ok "--no-documents" "$out" "$err"

echo "1..$n"
[ "$failed" -eq 0 ]
