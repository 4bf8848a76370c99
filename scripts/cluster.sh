#!/usr/bin/env bash
# Starts a private PostgreSQL (Debian's package, 127.0.0.1 only) and N Workflow hosts on one database, on consecutive
# ports, for people and for tests (docs/deployment.md, "Several hosts on one PostgreSQL").
#   scripts/cluster.sh [N=3] [FIRST_PORT=5081] [PG_PORT=55432]    # Ctrl-C (or the end of this script's process) stops all
# Extra host settings come from the environment (e.g. Demo__Enabled=true, Auth__SigningKey=...). Prints one line per
# host ("host 1 http://127.0.0.1:5081 pid 1234") once every host answers /health/ready, then waits.
# CLUSTER_DIR (default: a new temp folder) holds the server's data and, per host, its log (host-1.log), process id
# (host-1.pid) and a script that starts it again with the same settings (host-1.sh; scripts/crash-test.sh uses it).
# CLUSTER_CONFIGURATION=Debug runs the Debug build (default Release); the build is reused when present (CLUSTER_REBUILD=1 rebuilds).
set -euo pipefail
n=${1:-3}; first=${2:-5081}; pg_port=${3:-55432}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CLUSTER_DIR:-$(mktemp -d /tmp/wf-cluster-XXXXXX)}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "cluster: PostgreSQL's binaries are missing: run scripts/install-test-deps.sh as root" >&2; exit 1; }
as_pg=(); if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$dir"; fi

"${as_pg[@]}" "$bin/initdb" -D "$dir/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/pg" -o "-p $pg_port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300" -l "$dir/pg.log" -w start >/dev/null
pids=()
stop() {
  # host-N.pid names the live process even when someone (the crash test) restarted that host.
  for pid in "${pids[@]}" $(cat "$dir"/host-*.pid 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/pg" -m fast stop >/dev/null 2>&1 || true
}
trap stop EXIT INT TERM
"${as_pg[@]}" "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE workflow" >/dev/null

configuration=${CLUSTER_CONFIGURATION:-Release}
dll="$root/src/Workflow.Host/bin/$configuration/net10.0/Workflow.Host.dll"
[ -f "$dll" ] && [ -z "${CLUSTER_REBUILD:-}" ] || dotnet build "$root/src/Workflow.Host" -c "$configuration" -v q -nologo >/dev/null
export Database__Provider=PostgreSql
# Command Timeout 120: on a machine far busier than its cores a save can wait long for the hot rows (case-number
# counter, audit chain lock) that serialise writes; the default 30 s turned that wait into 500s.
export ConnectionStrings__Workflow="Host=127.0.0.1;Port=$pg_port;Database=workflow;Username=postgres;Maximum Pool Size=40;Command Timeout=120"
export Auth__SigningKey=${Auth__SigningKey:-$(head -c 48 /dev/urandom | base64)}
for i in $(seq 1 "$n"); do
  port=$((first + i - 1))
  # All hosts start at once (as after a deployment): migrations and demo seeding must happen once all the same.
  { echo '#!/usr/bin/env bash'
    export -p | grep -E '^declare -x (Database__|ConnectionStrings__|Auth__|Demo__|Timers__|SignInThrottle__|Telemetry__|Logging__|ASPNETCORE_|DOTNET_)' || true
    echo "exec dotnet '$dll' --urls 'http://127.0.0.1:$port' --contentRoot '$root/src/Workflow.Host'"
  } >"$dir/host-$i.sh"
  bash "$dir/host-$i.sh" >"$dir/host-$i.log" 2>&1 &
  pids+=($!)
  echo $! >"$dir/host-$i.pid"
done
for i in $(seq 1 "$n"); do
  port=$((first + i - 1))
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || break # it died: no point waiting
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "cluster: host $i did not become ready (see $dir/host-$i.log):" >&2; tail -n 5 "$dir/host-$i.log" >&2; exit 1; }
  echo "host $i http://127.0.0.1:$port pid ${pids[$((i - 1))]}"
done
echo "cluster ready: $n hosts, PostgreSQL 127.0.0.1:$pg_port database workflow, folder $dir"
wait
