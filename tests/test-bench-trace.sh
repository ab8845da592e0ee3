#!/bin/sh
# test-bench-trace.sh: `juggler-bench cpu|net --trace FILE` writes Chrome Trace Event JSON
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-bench-trace.sh PATH/TO/juggler-bench PATH/TO/python3
# TAP on stdout. Every command runs under timeout(1), so a hang fails its case.

bench=${1:?usage: test-bench-trace.sh PATH/TO/juggler-bench PATH/TO/python3}
python=${2:-python3}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export GIO_USE_PROXY_RESOLVER=dummy

n=0
failed=0
echo "1..5"

result ()
{
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    failed=$((failed + 1))
    echo "not ok $n - $2"
    sed 's/^/# /' "$tmp/log"
  fi
}

# check FILE PYTHON: runs the assertions with `events`, the file's traceEvents.
check ()
{
  "$python" - "$1" >>"$tmp/log" 2>&1 <<PY
import collections, json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
names = {e["tid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
kinds = collections.Counter((e["ph"], e.get("cat")) for e in events)
$2
PY
}

: >"$tmp/log"
timeout 120 "$bench" cpu --strategy global-lock --workers 2 --size 256x128 --tile 32 \
  --iterations 300 --json --trace "$tmp/cpu.json" >"$tmp/cpu.out" 2>>"$tmp/log"
result $? "cpu --trace runs"

: >"$tmp/log"
check "$tmp/cpu.json" '
assert names[1] == "UI thread", names
assert sorted(names.values())[-1].startswith("worker"), names
assert kinds[("X", "global-lock")] >= 32, kinds
assert kinds[("X", "lock")] >= 2 * kinds[("X", "global-lock")], kinds
assert kinds[("X", "run")] == 1, kinds
assert all("dur" in e for e in events if e["ph"] == "X")
'
result $? "cpu trace: thread names, a job span per step, lock waits and holds"

: >"$tmp/log"
timeout 120 "$bench" net --strategy async --requests 30 --latency-ms 20 --in-process-server \
  --json --trace "$tmp/net.json" >"$tmp/net.out" 2>>"$tmp/log"
result $? "net --trace runs"

: >"$tmp/log"
check "$tmp/net.json" '
b = collections.Counter(e["id"] for e in events if e["ph"] == "b")
e = collections.Counter(e["id"] for e in events if e["ph"] == "e")
assert len(b) == 30 and b == e, (b, e)
assert any(e["ph"] == "C" and e["name"] == "in flight" for e in events)
'
result $? "net trace: a b/e pair per request and an in-flight counter"

: >"$tmp/log"
timeout 60 "$bench" cpu --strategy threads --size 64x64 --trace "$tmp/no/such/dir/t.json" \
  >/dev/null 2>"$tmp/err"
status=$?
if [ $status -eq 1 ] && grep -q -- "--trace" "$tmp/err"; then
  result 0 "an unwritable --trace file fails the command"
else
  echo "exit $status: $(cat "$tmp/err")" >"$tmp/log"
  result 1 "an unwritable --trace file fails the command"
fi

[ $failed -eq 0 ]
