#!/bin/sh
# test-serve-child.sh: killing `juggler-bench net` by any signal also stops its server child
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-serve-child.sh PATH/TO/juggler-bench
# TAP on stdout. Every wait is bounded, so a leftover server fails its case instead of
# hanging the suite; whatever this script started is killed on exit.

bench=${1:?usage: test-serve-child.sh PATH/TO/juggler-bench}
net_pid=
child=
trap 'for p in $net_pid $child; do kill -KILL "$p" 2>/dev/null; done' EXIT

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export GIO_USE_PROXY_RESOLVER=dummy

signals="INT TERM HUP KILL"
echo "1..$(echo $signals | wc -w)"
n=0

# wait_until CONDITION: up to 30 s, for a shell condition to hold.
wait_until ()
{
  i=0
  while [ $i -lt 300 ]; do
    if eval "$1"; then
      return 0
    fi
    sleep 0.1
    i=$((i + 1))
  done
  return 1
}

for sig in $signals; do
  n=$((n + 1))
  # Ten-minute answers: the run is still going when the signal comes. A non-interactive
  # shell starts background jobs with SIGINT ignored, and under nohup SIGHUP is ignored
  # too; a terminal's Ctrl+C or hang-up would not be.
  env --default-signal=INT,HUP "$bench" net --strategy async --requests 4 --latency-ms 600000 \
    --timeout-s 3600 >/dev/null 2>&1 &
  net_pid=$!
  child=
  if ! wait_until 'child=$(pgrep -P "$net_pid" -f "juggler-bench serve" | head -n 1); [ -n "$child" ]'; then
    echo "not ok $n - SIG$sig: net started no server child"
    continue
  fi
  kill -"$sig" "$net_pid"
  if ! wait_until '! kill -0 "$net_pid" 2>/dev/null || grep -q "^State:.*zombie" "/proc/$net_pid/status" 2>/dev/null'; then
    echo "not ok $n - SIG$sig did not end net"
    continue
  fi
  wait "$net_pid" 2>/dev/null
  if wait_until '! kill -0 "$child" 2>/dev/null'; then
    echo "ok $n - SIG$sig to net stops its server child"
  else
    echo "not ok $n - SIG$sig to net: server child $child still runs"
    kill -KILL "$child" 2>/dev/null
  fi
  net_pid=
  child=
done
