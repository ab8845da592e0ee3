#!/usr/bin/python3
# check-po.py: msgfmt --check on each .po, every message translated, none missing from the sources
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-po.py MSGFMT [--sources ROOT XGETTEXT MSGCMP] FILE.po...
# Prints TAP. msgfmt --check catches broken format specifiers and headers; its --statistics
# line tells fuzzy and untranslated messages apart from translated ones. With --sources, the
# messages are also extracted afresh from the files po/POTFILES.in lists, and msgcmp checks
# that each .po translates every one of them: a string added to the code without running
# update-po and translating it fails here, not only once someone regenerates the catalogues.
import os
import re
import subprocess
import sys
import tempfile

# The keywords of meson's i18n.gettext 'glib' preset (po/meson.build), besides xgettext's own.
XGETTEXT_KEYWORDS = ['_', 'N_', 'C_:1c,2', 'NC_:1c,2', 'g_dcgettext:2', 'g_dngettext:2,3',
                     'g_dpgettext2:2c,3']
ENV = {'LC_ALL': 'C', 'PATH': '/usr/bin:/bin'}

args = sys.argv[1:]
msgfmt = args.pop(0)
sources = None
if args and args[0] == '--sources':
    sources = args[1:4]
    args = args[4:]
po_files = args


def run(argv):
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, env=ENV)
    return proc.returncode, proc.stdout.strip()


def check_msgfmt(path):
    rc, out = run([msgfmt, '--check', '--statistics', '-o', '/dev/null', path])
    translated = re.search(r'(\d+) translated message', out)
    problems = []
    if rc != 0:
        problems.append('msgfmt --check exited with %d' % rc)
    if not translated or int(translated.group(1)) == 0:
        problems.append('no translated messages')
    if re.search(r'\d+ fuzzy translation', out):
        problems.append('fuzzy translations')
    if re.search(r'\d+ untranslated message', out):
        problems.append('untranslated messages')
    return problems, out


n_tests = len(po_files) * (2 if sources else 1)
print('1..%d' % n_tests)
failed = 0
n = 0
with tempfile.TemporaryDirectory() as tmp:
    pot = None
    if sources:
        root, xgettext, msgcmp = sources
        pot = os.path.join(tmp, 'fresh.pot')
        rc, out = run([xgettext, '--from-code=UTF-8', '--directory=' + root,
                       '--files-from=' + os.path.join(root, 'po', 'POTFILES.in'), '-o', pot] +
                      ['--keyword=' + k for k in XGETTEXT_KEYWORDS])
        if rc != 0:
            print('Bail out! xgettext failed: ' + out)
            sys.exit(1)

    for path in po_files:
        n += 1
        problems, out = check_msgfmt(path)
        if problems:
            failed += 1
            print('not ok %d - %s: %s' % (n, path, '; '.join(problems)))
            for line in out.splitlines():
                print('# ' + line)
        else:
            print('ok %d - %s: %s' % (n, path, out))

        if pot is None:
            continue
        n += 1
        # Without --use-fuzzy and --use-untranslated, msgcmp counts a fuzzy or empty entry as
        # missing. Its "not used" warnings (entries the sources dropped) are not failures.
        rc, out = run([msgcmp, path, pot])
        errors = [l for l in out.splitlines() if 'warning: this message is not used' not in l]
        if rc != 0:
            failed += 1
            print('not ok %d - %s translates every message of the current sources' % (n, path))
            print('# run ninja -C <build> juggler-update-po, then translate what it adds')
            with open(pot, encoding='utf-8') as f:
                pot_lines = f.read().splitlines()
            for line in errors[:40]:
                where = re.match(r'.*fresh\.pot:(\d+): this message is used but not defined', line)
                if where:
                    i = min(int(where.group(1)), len(pot_lines)) - 1
                    while i > 0 and not pot_lines[i].startswith('msgid '):
                        i -= 1
                    line = 'missing: ' + ' '.join(pot_lines[i:i + 2])
                print('# ' + line)
        else:
            print('ok %d - %s translates every message of the current sources' % (n, path))
sys.exit(1 if failed else 0)
