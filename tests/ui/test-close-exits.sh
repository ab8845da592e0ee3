#!/bin/sh
# tests/ui/test-close-exits.sh: closing the window in the middle of a run ends the process
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The built binary runs a CPU run of about a minute under the suite's Xvfb; Ctrl+W goes to its
# window through XTEST, as a user's key press would. The process must then exit by itself.
# The 10 s bound is a liveness check (a process computing invisibly never exits), not a
# performance figure: the "within 1 s" is what the printed time shows.
set -u

if ! command -v xdotool >/dev/null 2>&1 || [ -z "${DISPLAY:-}" ]; then
  echo "1..0 # SKIP needs xdotool and an X display"
  exit 0
fi

echo "1..2"
n=0
for mode in interactive scenario; do
  n=$((n + 1))
  if [ "$mode" = scenario ]; then
    extra="--quit-when-done"
  else
    extra=""
  fi
  "$JUGGLER_BINARY" --run-scenario=cpu --strategy=threads --workers=2 --size=2048x2048 \
    --iterations=50000 $extra >/dev/null 2>&1 &
  pid=$!

  window=$(timeout 60 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -n 1)
  if [ -z "$window" ]; then
    kill -9 "$pid" 2>/dev/null
    echo "not ok $n - $mode: no window appeared within 60 s"
    continue
  fi
  # Let the run get going: the window has painted and the workers are computing.
  sleep 1
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "not ok $n - $mode: the run ended before the window could be closed"
    continue
  fi

  xdotool windowfocus --sync "$window" key --clearmodifiers ctrl+w
  start=$(date +%s%N)
  exited=no
  for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null; then
      exited=yes
      break
    fi
    sleep 0.1
  done
  elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))

  if [ "$exited" = yes ]; then
    wait "$pid"
    echo "ok $n - $mode: the process exited ${elapsed_ms} ms after Ctrl+W"
  else
    kill -9 "$pid" 2>/dev/null
    echo "not ok $n - $mode: the process still ran 10 s after Ctrl+W closed its window"
  fi
done
