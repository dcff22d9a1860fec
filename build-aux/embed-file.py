#!/usr/bin/env python3
"""Write a C source that holds a file's bytes: embed-file.py INPUT OUTPUT SYMBOL."""
import sys

src, out, symbol = sys.argv[1:4]
data = open(src, 'rb').read()
with open(out, 'w', encoding='ascii') as f:
    f.write('/* Generated from %s by build-aux/embed-file.py; do not edit. */\n' % src.split('/')[-1])
    f.write('#include <stddef.h>\n')
    f.write('const unsigned char %s[] = {\n' % symbol)
    for i in range(0, len(data), 16):
        f.write('  ' + ', '.join('0x%02x' % b for b in data[i:i + 16]) + ',\n')
    f.write('  0x00\n};\n')
    f.write('const size_t %s_len = %d;\n' % (symbol, len(data)))
