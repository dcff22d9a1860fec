#!/bin/sh
# bench-pack-merge-gen.sh DIR N — writes N scan-like A4 pages at 150 dpi (1240×1754) as JPEG:
# slightly off-white paper with sensor noise, grey bars where lines of text would be, a red
# stamp. Used by bench-pack-merge to build its scanned pages; nothing here is committed output.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
dir=${1:?usage: bench-pack-merge-gen.sh DIR N}
n=${2:-16}
mkdir -p "$dir"
i=0
while [ "$i" -lt "$n" ]; do
  out=$(printf '%s/scan-%02d.jpg' "$dir" "$i")
  draw=""
  y=180
  line=0
  while [ "$y" -lt 1500 ]; do
    # line lengths vary with the page and the line, like paragraphs
    w=$(( 700 + (line * 97 + i * 131) % 330 ))
    draw="$draw rectangle 150,$y $((150 + w)),$((y + 14))"
    y=$((y + 34))
    line=$((line + 1))
  done
  convert -size 1240x1754 xc:'#f3f0e8' -seed "$((i + 1))" -attenuate 0.45 +noise Gaussian \
    -fill '#3a3a3a' -draw "$draw" \
    -fill none -stroke '#c0392b' -strokewidth 6 -draw "circle 930,1560 930,1450" \
    -rotate "0.$((i % 7))" -gravity center -extent 1240x1754 \
    -quality 80 "$out"
  i=$((i + 1))
done
