#!/usr/bin/python3
# check-po.py: msgfmt --check on each .po, and every message translated (no fuzzy, none empty)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py MSGFMT FILE.po...
# Prints TAP. msgfmt --check catches broken format specifiers and headers; its --statistics
# line tells fuzzy and untranslated messages apart from translated ones.
import re
import subprocess
import sys

msgfmt, po_files = sys.argv[1], sys.argv[2:]
print('1..%d' % len(po_files))
failed = 0
for n, path in enumerate(po_files, 1):
    proc = subprocess.run([msgfmt, '--check', '--statistics', '-o', '/dev/null', path],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True,
                          env={'LC_ALL': 'C', 'PATH': '/usr/bin:/bin'})
    out = proc.stdout.strip()
    translated = re.search(r'(\d+) translated message', out)
    problems = []
    if proc.returncode != 0:
        problems.append('msgfmt --check exited with %d' % proc.returncode)
    if not translated or int(translated.group(1)) == 0:
        problems.append('no translated messages')
    if re.search(r'\d+ fuzzy translation', out):
        problems.append('fuzzy translations')
    if re.search(r'\d+ untranslated message', out):
        problems.append('untranslated messages')
    if problems:
        failed += 1
        print('not ok %d - %s: %s' % (n, path, '; '.join(problems)))
        for line in out.splitlines():
            print('# ' + line)
    else:
        print('ok %d - %s: %s' % (n, path, out))
sys.exit(1 if failed else 0)
