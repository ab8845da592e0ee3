#!/bin/sh
# test-bench.sh: juggler-bench end to end — JSON lines, digests, usage errors, net and serve
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-bench.sh PATH/TO/juggler-bench
# TAP on stdout; python3 reads the JSON. Every command runs under timeout(1), so a hang
# fails its case instead of the whole suite.

bench=${1:?usage: test-bench.sh PATH/TO/juggler-bench}
tmp=$(mktemp -d) || exit 1
serve_pid=
trap 'test -n "$serve_pid" && kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT

# Loopback only: a proxy from the environment must not take the requests.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export GIO_USE_PROXY_RESOLVER=dummy

n=0
failed=0

ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok ()
{
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/# /'
  done
}

# check NAME PYTHON-ASSERTIONS FILE: runs the assertions with `lines`, the parsed JSON lines.
check_json ()
{
  name=$1
  code=$2
  file=$3
  if result=$(python3 -c "
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
$code
" "$file" 2>&1); then
    ok "$name"
  else
    not_ok "$name" "$result" "output: $(head -c 2000 "$file")"
  fi
}

# cpu: every strategy completes every job with the same digest.
if timeout 120 "$bench" cpu --size 120x80 --iterations 100 --json >"$tmp/cpu.json" 2>"$tmp/cpu.err"; then
  check_json "cpu --json: every strategy completes with equal digests" '
assert len(lines) >= 4, "expected a line per strategy, got %d" % len(lines)
strategies = {l["strategy"] for l in lines}
for s in ("threads", "cooperative", "blocking", "global-lock"):
    assert s in strategies, "no %s line" % s
configs = [(l["strategy"], l["workers"]) for l in lines]
assert len(configs) == len(set(configs)), "a configuration twice: %s" % configs
for l in lines:
    assert l["workload"] == "cpu", l
    assert l["completed"] == l["jobs"] and l["jobs"] > 0, l
    assert not l["cancelled"], l
digests = {l["digest"] for l in lines}
assert len(digests) == 1, digests
' "$tmp/cpu.json"
  # The definitions the window and the README use: speedup is the wall time of threads with
  # 1 worker on the same workload over this run's, so that run itself is exactly 1; cores_busy
  # is job CPU time over wall time, a separate figure. (The old "speedup" was cores_busy.)
  check_json "cpu --json: speedup against threads with 1 worker, cores_busy apart" '
base = [l for l in lines if l["strategy"] == "threads" and l["workers"] == 1]
assert len(base) == 1, base
for l in lines:
    assert l["speedup"] is not None, l
    assert l["speedup_baseline_wall_s"] == base[0]["wall_s"], (l, base[0]["wall_s"])
    assert abs(l["speedup"] - base[0]["wall_s"] / l["wall_s"]) < 1e-9, l
    assert abs(l["cores_busy"] - l["job_cpu_s"] / l["wall_s"]) < 1e-9, l
assert base[0]["speedup"] == 1.0, base[0]
' "$tmp/cpu.json"
else
  not_ok "cpu --json: every strategy completes with equal digests" "exit $?" "$(cat "$tmp/cpu.err")"
fi

# One strategy alone has no baseline: no speed-up, and the reason, not cores busy instead.
if timeout 120 "$bench" cpu --size 120x80 --iterations 100 --strategy cooperative --json \
     >"$tmp/cpu-one.json" 2>"$tmp/cpu-one.err"; then
  check_json "cpu --strategy cooperative --json: speedup null with a reason" '
assert len(lines) == 1, lines
l = lines[0]
assert l["speedup"] is None, l
assert "baseline" in l["speedup_missing"], l
assert l["cores_busy"] > 0, l
' "$tmp/cpu-one.json"
else
  not_ok "cpu --strategy cooperative --json: speedup null with a reason" "exit $?" "$(cat "$tmp/cpu-one.err")"
fi

# Usage errors: exit 2 and one line that names the option.
usage_error ()
{
  option=$1
  shift
  timeout 60 "$bench" "$@" >"$tmp/usage.out" 2>"$tmp/usage.err"
  status=$?
  lines=$(wc -l <"$tmp/usage.err")
  if [ "$status" -eq 2 ] && [ "$lines" -eq 1 ] && grep -q -e "$option" "$tmp/usage.err"; then
    ok "$* exits 2 naming $option"
  else
    not_ok "$* exits 2 naming $option" "exit $status, $lines lines on stderr:" "$(cat "$tmp/usage.err")"
  fi
}

usage_error --workers cpu --workers 0
usage_error --size cpu --size 99999x99999
usage_error --bogus cpu --bogus
usage_error --requests net --requests 0
usage_error --url net --url notaurl
usage_error --strategy net --strategy cooperative
usage_error --claim claims --claim no-such-claim
usage_error --bogus claims --bogus

# Every subcommand's --help names it as it is typed, as the top-level usage does.
for command in claims cpu net serve; do
  if LC_ALL=C.UTF-8 timeout 60 "$bench" "$command" --help >"$tmp/help.out" 2>&1 &&
       [ "$(sed -n 2p "$tmp/help.out")" = "  juggler-bench $command [OPTION…]" ]; then
    ok "$command --help: usage juggler-bench $command [OPTION…]"
  else
    not_ok "$command --help: usage juggler-bench $command [OPTION…]" "$(head -3 "$tmp/help.out")"
  fi
done

# claims: one quick claim as one JSON line with its verdict, figures and rule.
if timeout 120 "$bench" claims --claim locks --quick --json >"$tmp/claims.json" 2>"$tmp/claims.err"; then
  check_json "claims --claim locks --quick --json: one line with verdict, figures and rule" '
assert len(lines) == 1, "expected one line, got %d" % len(lines)
line = lines[0]
assert line["claim"] == "locks", line["claim"]
assert line["verdict"] in ("confirmed", "refuted", "partly", "measured"), line["verdict"]
assert line["rule"], "no rule"
for name in ("plain_lost", "mutex_lost", "atomic_lost", "loop_lost"):
    assert name in line["figures"], name
assert line["figures"]["mutex_lost"] == 0, line["figures"]
' "$tmp/claims.json"
else
  not_ok "claims --claim locks --quick --json: one line with verdict, figures and rule" "exit $?" "$(cat "$tmp/claims.err")"
fi

# net: six configurations against the embedded server, no errors, equal digests.
if timeout 120 "$bench" net --requests 20 --latency-ms 10 --size 1000 --json \
     >"$tmp/net.json" 2>"$tmp/net.err"; then
  check_json "net --json: async, shared pool, thread per job, threads, blocking and async untuned agree" '
assert len(lines) == 6, "expected 6 lines, got %d" % len(lines)
assert [l["strategy"] for l in lines] == ["async", "shared-pool", "thread-per-job", "threads",
                                          "blocking", "async"], \
    [l["strategy"] for l in lines]
assert [l["tuned_connections"] for l in lines] == [True, True, True, True, True, False], \
    [l["tuned_connections"] for l in lines]
for l in lines:
    assert l["workload"] == "net", l
    assert l["jobs"] == 20 and l["completed"] == 20, l
    assert l["errors"] == {}, l["errors"]
    assert l["requests"] == 20, l
    assert l["bytes"] == 20 * 1000, l
    assert 1 <= l["peak_in_flight"] <= 20, l
assert lines[4]["peak_in_flight"] == 1, "blocking sends one request at a time"
# The Limit and Cap/s columns of the window: at most this many requests in flight, and this many per
# second at 10 ms latency; what the run measured stays within them.
assert [l["in_flight_limit"] for l in lines] == [lines[0]["concurrency"],
                                                 lines[1]["threads_used"], 20,
                                                 lines[3]["workers"], 1, 2], \
    [l["in_flight_limit"] for l in lines]
for l in lines:
    assert abs(l["cap_jobs_s"] - l["in_flight_limit"] * 1000 / 10) < 1e-6, l
    assert l["average_in_flight"] <= l["in_flight_limit"] + 1e-6, l
    assert l["peak_in_flight"] <= l["in_flight_limit"], l
# Without --workers 1 there is no one-worker baseline: no speed-up, never requests in
# flight or cores busy in its place.
for l in lines:
    assert l["speedup"] is None and l["speedup_missing"], l
digests = {l["digest"] for l in lines}
assert len(digests) == 1, digests
' "$tmp/net.json"
else
  not_ok "net --json: async, shared pool, thread per job, threads, blocking and async untuned agree" "exit $?" "$(cat "$tmp/net.err")"
fi

# net against a port nothing listens on: every request refused, the run still reports.
if timeout 60 "$bench" net --url http://127.0.0.1:1/ --requests 3 --strategy async --json \
     >"$tmp/refused.json" 2>"$tmp/refused.err"; then
  check_json "net --url to a closed port: errors.refused == 3" '
assert len(lines) == 1, lines
l = lines[0]
assert l["completed"] == 3, l
assert l["errors"] == {"refused": 3}, l["errors"]
assert l["bytes"] == 0, l
assert l["in_flight_limit"] == l["concurrency"], l
assert "cap_jobs_s" not in l, "a URL has no known latency, so no cap"
' "$tmp/refused.json"
else
  not_ok "net --url to a closed port: errors.refused == 3" "exit $?" "$(cat "$tmp/refused.err")"
fi

# serve: prints its URL, answers, and exits 0 on SIGINT. Started without timeout(1), which
# would turn our SIGINT into a SIGTERM; a watchdog ends it instead if it hangs.
mkfifo "$tmp/serve.out"
"$bench" serve >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
(
  trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
  sleep 60 &
  sleep_pid=$!
  wait "$sleep_pid" && kill -TERM "$serve_pid"
) >/dev/null 2>&1 &
watchdog_pid=$!
exec 3<"$tmp/serve.out"
url=
line=
if read -r line <&3; then
  case $line in
    "Serving on http://127.0.0.1:"*/) url=${line#Serving on } ;;
  esac
fi
if [ -n "$url" ]; then
  ok "serve prints its URL ($url)"
else
  not_ok "serve prints its URL" "first line: $line" "$(cat "$tmp/serve.err")"
fi

if [ -n "$url" ] && answer=$(python3 -c '
import sys, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
with opener.open(sys.argv[1] + "bytes/16?seed=0", timeout=20) as response:
    body = response.read()
    assert response.status == 200, response.status
    # SplitMix64 seeded with 0 starts with 0xe220a8397b1dcdaf, little-endian.
    assert body[:8] == bytes.fromhex("afcd1d7b39a820e2"), body.hex()
    assert len(body) == 16, len(body)
' "$url" 2>&1); then
  ok "serve answers /bytes/16"
else
  not_ok "serve answers /bytes/16" "$answer"
fi

kill -INT "$serve_pid" 2>/dev/null
wait "$serve_pid"
status=$?
serve_pid=
kill "$watchdog_pid" 2>/dev/null
wait "$watchdog_pid" 2>/dev/null
exec 3<&-
if [ "$status" -eq 0 ]; then
  ok "serve exits 0 on SIGINT"
else
  not_ok "serve exits 0 on SIGINT" "exit $status" "$(cat "$tmp/serve.err")"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
