#!/usr/bin/env bash
# The crash test (docs/deployment.md, "Crash test"): 3 hosts on one PostgreSQL (scripts/cluster.sh, 127.0.0.1 only),
# 8 clients acting on >= 2,000 steps with idempotency keys across the hosts (tests/Workflow.CrashTest), kill -9 of host 2
# once a third of the actions are acknowledged, host 2 restarted, every unanswered action sent again with its key; then
# the driver checks the database and the API: every acknowledged action applied exactly once, every case finished or
# waiting on a valid bookmark, every due timer fired once, the demo data seeded once. Prints the counts; exit 1 on any
# loss or double. Bounded: CRASH_TIMEOUT seconds (default 420) for the whole run.
#   scripts/crash-test.sh                      # builds Release when needed
#   CRASH_CONFIGURATION=Debug CRASH_NO_BUILD=1 scripts/crash-test.sh   # .ci/run, after dotnet test built Debug
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
configuration=${CRASH_CONFIGURATION:-Release}
cases=${CRASH_CASES:-300}            # 7 actions each: 2,100 actions
first_port=${CRASH_PORT:-5381}; pg_port=${CRASH_PG_PORT:-55481}
dir=$(mktemp -d /tmp/wf-crash-XXXXXX)
chmod 755 "$dir"
driver="$root/tests/Workflow.CrashTest/bin/$configuration/net10.0/Workflow.CrashTest.dll"
if [ -z "${CRASH_NO_BUILD:-}" ] || [ ! -f "$driver" ] || [ ! -f "$root/src/Workflow.Host/bin/$configuration/net10.0/Workflow.Host.dll" ]; then
  dotnet build "$root/tests/Workflow.CrashTest" -c "$configuration" -v q -nologo >/dev/null
  dotnet build "$root/src/Workflow.Host" -c "$configuration" -v q -nologo >/dev/null
fi

cluster_pid=
finish() {
  [ -n "$cluster_pid" ] && kill "$cluster_pid" 2>/dev/null && wait "$cluster_pid" 2>/dev/null || true
  if [ "${keep:-}" != 1 ]; then rm -rf "$dir"; fi
}
trap finish EXIT

# The hosts: demo users (and 4 demo projects, to see them seeded once by 3 hosts starting together), timers swept every second.
CLUSTER_DIR="$dir" CLUSTER_CONFIGURATION="$configuration" Demo__Enabled=true Demo__Projects=4 Timers__IntervalSeconds=1 \
  Logging__LogLevel__Default=Warning \
  bash "$root/scripts/cluster.sh" 3 "$first_port" "$pg_port" >"$dir/cluster.out" 2>&1 &
cluster_pid=$!
for _ in $(seq 1 480); do
  grep -q '^cluster ready' "$dir/cluster.out" 2>/dev/null && break
  kill -0 "$cluster_pid" 2>/dev/null || break
  sleep 0.5
done
cat "$dir/cluster.out"
grep -q '^cluster ready' "$dir/cluster.out" || { echo "crash-test: the cluster did not start"; keep=1; echo "crash-test: logs kept in $dir"; exit 1; }
hosts="http://127.0.0.1:$first_port,http://127.0.0.1:$((first_port + 1)),http://127.0.0.1:$((first_port + 2))"
database="Host=127.0.0.1;Port=$pg_port;Database=workflow;Username=postgres"

# kill -9 of host 2 once a third of the actions are acknowledged; restarted at once (it migrates nothing, seeds nothing).
pause_at=$((cases * 7 * 2 / 3))
(
  kill_at=$((cases * 7 / 3))
  progress() { local p; p=$(cat "$dir/progress" 2>/dev/null || true); echo "${p:-0}"; }
  while [ "$(progress)" -lt "$kill_at" ]; do sleep 0.2; done
  pid=$(cat "$dir/host-2.pid")
  kill -9 "$pid"
  echo "crash-test: kill -9 host 2 (pid $pid) at $(progress) acknowledged actions"
  sleep 2
  bash "$dir/host-2.sh" >>"$dir/host-2.log" 2>&1 &
  echo $! >"$dir/host-2.pid"
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$((first_port + 1))/health/ready" >/dev/null && break; sleep 0.5; done
  echo "crash-test: host 2 restarted (pid $(cat "$dir/host-2.pid")) at $(progress) acknowledged actions"
  touch "$dir/restarted"
) &
killer=$!

set +e
timeout "${CRASH_TIMEOUT:-420}" dotnet "$driver" --hosts "$hosts" --database "$database" --folder "$dir" \
  --cases "$cases" --clients 8 --timers 40 --timer-seconds 20 --pause-at "$pause_at" --demo-projects 4
status=$?
set -e
kill "$killer" 2>/dev/null || true
if [ "$status" -ne 0 ]; then
  keep=1
  [ "$status" -eq 124 ] && echo "crash-test: FAILED: over ${CRASH_TIMEOUT:-420} s"
  echo "crash-test: logs kept in $dir"
fi
exit "$status"
