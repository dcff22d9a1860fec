#!/usr/bin/env python3
# soname.py LIBDIR NAME CC… — prints the SONAME of libNAME.so (found in LIBDIR, else where the C
# compiler's linker finds it), for a library the program opens itself (dlopen) when it needs it.
# SPDX-License-Identifier: GPL-3.0-or-later
import os
import subprocess
import sys

libdir, name, cc = sys.argv[1], sys.argv[2], sys.argv[3:]
file = os.path.join(libdir, f'lib{name}.so')
if not os.path.exists(file):
    file = subprocess.run(cc + [f'-print-file-name=lib{name}.so'], capture_output=True,
                          text=True, check=True).stdout.strip()
out = subprocess.run(['readelf', '-d', file], capture_output=True, text=True, check=True).stdout
for line in out.splitlines():
    if '(SONAME)' in line:
        print(line.split('[', 1)[1].split(']', 1)[0])
        sys.exit(0)
sys.exit(f'soname.py: {file} has no SONAME')
