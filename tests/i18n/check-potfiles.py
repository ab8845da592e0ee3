#!/usr/bin/python3
# check-potfiles.py: POTFILES.in lists every source that marks strings, and nothing missing
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.py SOURCE_ROOT
# Prints TAP. A file under src/ or ui/ that uses _(), N_(), C_(), NC_(), ngettext or
# translatable="yes" must be in po/POTFILES.in, or xgettext never sees its strings.
import os
import re
import sys

root = sys.argv[1]
MARKS = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_)\s*\(|ngettext\s*\(|translatable="yes"')

with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
    listed = [l.strip() for l in f if l.strip() and not l.lstrip().startswith('#')]

marking = []
for top in ('src', 'ui'):
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(('.c', '.h', '.ui', '.blp')):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                if MARKS.search(f.read()):
                    marking.append(os.path.relpath(path, root))

missing = [p for p in marking if p not in listed]
absent = [p for p in listed if not os.path.exists(os.path.join(root, p))]
duplicates = sorted({p for p in listed if listed.count(p) > 1})

print('1..3')
print('%s 1 - every marking source is listed (%d files)' % ('not ok' if missing else 'ok', len(marking)))
for p in missing:
    print('# missing from po/POTFILES.in: ' + p)
print('%s 2 - every listed file exists' % ('not ok' if absent else 'ok'))
for p in absent:
    print('# listed but not found: ' + p)
print('%s 3 - no file is listed twice' % ('not ok' if duplicates else 'ok'))
for p in duplicates:
    print('# listed twice: ' + p)
sys.exit(1 if missing or absent or duplicates else 0)
