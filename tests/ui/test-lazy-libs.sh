#!/bin/sh
# tests/ui/test-lazy-libs.sh: the juggler binary maps libsoup and json-glib at its first network run, not at exec
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Where the binary links stubs for them (src/gui/gen-lazy-stubs.py, x86-64): it does not list
# them as needed, its idle window has not mapped them (nor libsoup's Kerberos and SQLite), and
# runs that call into them from the UI thread (async) and from worker threads at once
# (threads) still succeed, their requests answered by the embedded server.
set -u

libraries="libsoup-3.0 libjson-glib-1.0 libsqlite3 libkrb5"

if [ "${JUGGLER_LAZY_LIBS:-}" != yes ]; then
  echo "1..0 # SKIP the binary links libsoup and json-glib as usual on this machine"
  exit 0
fi
if ! command -v xdotool >/dev/null 2>&1 || [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP needs xdotool and an X display"
  exit 0
fi

echo "1..4"

needed=$(objdump -p "$JUGGLER_BINARY" | awk '$1 == "NEEDED" { print $2 }')
if echo "$needed" | grep -q -E 'libsoup|libjson-glib'; then
  echo "not ok 1 - the binary needs libsoup or json-glib at exec: $(echo $needed)"
else
  echo "ok 1 - the binary needs neither libsoup nor json-glib at exec"
fi

"$JUGGLER_BINARY" >/dev/null 2>&1 &
pid=$!
window=$(timeout 60 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -n 1)
if [ -z "$window" ]; then
  echo "not ok 2 - no window appeared within 60 s"
else
  # Past its first frames, at rest.
  sleep 1
  mapped=""
  for lib in $libraries; do
    if grep -q "/$lib\.so" "/proc/$pid/maps"; then
      mapped="$mapped $lib"
    fi
  done
  if [ -n "$mapped" ]; then
    echo "not ok 2 - the idle window has mapped$mapped"
  else
    echo "ok 2 - the idle window has mapped none of $libraries"
  fi
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

n=2
for strategy in async threads; do
  n=$((n + 1))
  if timeout 120 "$JUGGLER_BINARY" --run-scenario=net --strategy=$strategy --workers=4 \
       --requests=40 --concurrency=20 --quit-when-done >/dev/null 2>&1; then
    echo "ok $n - a network run with the $strategy strategy finishes"
  else
    echo "not ok $n - a network run with the $strategy strategy failed ($?)"
  fi
done
