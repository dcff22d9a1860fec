#!/usr/bin/env bash
# The layers of the build (README, "Layout"): parscore-core uses GLib, SQLite and libxml2 only —
# no GTK, GDK, libadwaita, and no cairo, Pango, qpdf or poppler; parscore-output adds drawing and
# PDF (cairo, Pango; qpdf opened with dlopen when used) but never GTK, and never poppler, which only the tests use. Checked on
# the symbols the static libraries' objects refer to. TAP output.
set -u
core=$1 output=$2
echo "1..5"
n=0
check() { # check NUMBER DESCRIPTION COMMAND...
  local num=$1 what=$2; shift 2
  if "$@"; then echo "ok $num - $what"; else echo "not ok $num - $what"; n=$((n + 1)); fi
}
undefined() { nm -u "$1" 2>/dev/null | awk '$1 == "U" { print $2 }' | sort -u; }
forbidden() { # forbidden LIB REGEX: prints the symbols of LIB matching REGEX
  undefined "$1" | grep -E "$2"
}
for lib in "$core" "$output"; do
  [ -f "$lib" ] || { echo "Bail out! $lib is missing"; exit 1; }
done
gtk_re='^(gtk|gdk|gsk|adw)_'
draw_re='^(cairo|pango|qpdf|poppler)_'

bad=$(forbidden "$core" "$gtk_re|$draw_re")
check 1 "parscore-core uses no GTK, cairo, Pango, qpdf or poppler symbol" test -z "$bad"
[ -n "$bad" ] && echo "$bad" | sed 's/^/# core uses /'
check 2 "parscore-core does use GObject and SQLite (the check reads real symbols)" \
  bash -c "nm -u '$core' | grep -q ' U g_object_new' && nm -u '$core' | grep -q ' U sqlite3_prepare_v3'"

bad=$(forbidden "$output" "$gtk_re|^poppler_")
check 3 "parscore-output uses no GTK or poppler symbol" test -z "$bad"
[ -n "$bad" ] && echo "$bad" | sed 's/^/# output uses /'
# The dlopen itself is the core's (base/par-library.c, shared with libxlsxwriter and libzip).
check 4 "parscore-output does draw with cairo and Pango and opens qpdf itself (par_library_load, dlopen)" \
  bash -c "nm -u '$output' | grep -q ' U cairo_' && nm -u '$output' | grep -q ' U pango_' && nm -u '$output' | grep -q ' U par_library_load' && nm '$output' | grep -q ' T par_qpdf_load' && nm -u '$core' | grep -q ' U dlopen'"
# A program that links parscore-output loads libqpdf only when a pack is made (par-qpdf-lib.c).
bad=$(forbidden "$output" "^qpdf_")
check 5 "parscore-output links no qpdf function (it opens libqpdf when a pack is made)" test -z "$bad"
[ -n "$bad" ] && echo "$bad" | sed 's/^/# output links /'
exit $n
