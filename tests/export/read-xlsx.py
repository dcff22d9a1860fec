#!/usr/bin/env python3
# Prints every cell of an .xlsx file as "SHEET!A1<TAB>value", shared strings resolved, numbers
# as stored; then "SHEET!frozen<TAB>A3" for a sheet with frozen panes and
# "SHEET!autofilter<TAB>A2:J5". Standard library only (zipfile): tests read back what
# libxlsxwriter wrote.
#   read-xlsx.py FILE.xlsx
# SPDX-License-Identifier: GPL-3.0-or-later
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}

z = zipfile.ZipFile(sys.argv[1])
strings = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
rels = {r.get("Id"): r.get("Target")
        for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("p:Relationship", NS)}
workbook = ET.fromstring(z.read("xl/workbook.xml"))
out = []
for sheet in workbook.find("m:sheets", NS).findall("m:sheet", NS):
    name = sheet.get("name")
    target = rels[sheet.get("{%s}id" % NS["r"])]
    xml = ET.fromstring(z.read("xl/" + target.lstrip("/").removeprefix("xl/")))
    pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is not None and pane.get("state") == "frozen":
        out.append("%s!frozen\t%s" % (name, pane.get("topLeftCell")))
    autofilter = xml.find("m:autoFilter", NS)
    if autofilter is not None:
        out.append("%s!autofilter\t%s" % (name, autofilter.get("ref")))
    for c in xml.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        if v is None:
            inline = c.find("m:is", NS)
            if inline is None:
                continue
            value = "".join(t.text or "" for t in inline.iter("{%s}t" % NS["m"]))
        elif c.get("t") == "s":
            value = strings[int(v.text)]
        else:
            value = v.text
        out.append("%s!%s\t%s" % (name, c.get("r"), value))
print("\n".join(out))
