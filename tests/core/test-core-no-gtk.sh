#!/usr/bin/env bash
# The core library must never depend on GTK: none of its objects may refer to a GTK, GDK or
# libadwaita symbol. TAP output.
set -u
lib=$1
echo "1..2"
[ -f "$lib" ] && echo "ok 1 - core library built: $(basename "$lib")" || { echo "not ok 1 - $lib missing"; exit 1; }
bad=$(nm -u "$lib" 2>/dev/null | grep -E ' U (gtk|gdk|gsk|adw)_' | sort -u)
if [ -z "$bad" ] && nm -u "$lib" | grep -q ' U g_object_new'; then
  echo "ok 2 - no GTK, GDK, GSK or libadwaita symbol is used by the core"
else
  echo "not ok 2 - the core uses GTK symbols"; echo "$bad" | sed 's/^/# /'; exit 1
fi
