#!/usr/bin/env bash
# Referral load benchmark: builds the web app in Release, starts it on 127.0.0.1 with a fresh SQLite file,
# drives /refer with bench/RelationshipSupport.LoadBench, checks the stored counts, then stops the app.
#
#   bench/load.sh                               # 32 clients, 5 s warm-up + 30 s measured
#   bench/load.sh --clients 4 --duration 5      # any LoadBench option is passed on (see --help)
#
# Environment:
#   PORT=5099           loopback port of the app (127.0.0.1 only)
#   LOG_LEVEL=Warning   Serilog minimum level of the app (Information = what production logs by default)
#   SKIP_BUILD=1        reuse bench/.out from an earlier run
#   KEEP_TMP=1          keep the temp folder (database, server log, mail pickup) for a look afterwards
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/.out"
port="${PORT:-5099}"
url="http://127.0.0.1:$port"
log_level="${LOG_LEVEL:-Warning}"
tmp="$(mktemp -d -t rs-loadbench.XXXXXX)"
server_pid=""

cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    echo "== app stopped (pid $server_pid)"
  fi
  if [[ "${KEEP_TMP:-0}" == "1" ]]; then
    echo "== kept $tmp"
  else
    rm -rf "$tmp"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== machine"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel:    $(uname -r)"
echo "dotnet:    $(dotnet --version)"
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (before the run; other work on the machine shares the cores)"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "== building (Release)"
  dotnet publish "$repo/src/RelationshipSupport.Web" -c Release -o "$out/web" -nologo -v quiet
  dotnet publish "$repo/bench/RelationshipSupport.LoadBench" -c Release -o "$out/loadbench" -nologo -v quiet
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "error: something already listens on 127.0.0.1:$port (set PORT to another port)" >&2
  exit 2
fi

echo "== starting the app on $url"
echo "   ASPNETCORE_ENVIRONMENT=Production, fresh SQLite file $tmp/app.db, Security__RequireTwoFactor=false"
echo "   rate limit raised to 100000000 referral POSTs per 60 s; Serilog minimum level: $log_level"
(
  cd "$out/web"
  export ASPNETCORE_ENVIRONMENT=Production
  export ASPNETCORE_URLS="$url"
  export Database__Provider=Sqlite
  export Database__ConnectionString="Data Source=$tmp/app.db"
  export Database__SeedDemoData=false
  export Security__RequireTwoFactor=false
  export RateLimiting__ReferralPermitLimit=100000000
  export RateLimiting__ReferralWindowSeconds=60
  export Serilog__MinimumLevel__Default="$log_level"
  export Email__PickupDirectory="$tmp/mail"
  exec dotnet RelationshipSupport.Web.dll
) >"$tmp/server.log" 2>&1 &
server_pid=$!

ready=""
for _ in $(seq 1 120); do
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  if curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "error: the app did not become ready; its log:" >&2
  tail -n 40 "$tmp/server.log" >&2
  exit 1
fi
echo "   ready (pid $server_pid)"

echo "== load"
set +e
dotnet "$out/loadbench/RelationshipSupport.LoadBench.dll" \
  --url "$url" --clients 32 --duration 30 --warmup 15 --confirm-every 10 \
  --db "$tmp/app.db" --server-pid "$server_pid" --json-out "$tmp/summary.json" "$@"
bench_rc=$?
set -e

echo "== app log: $(grep -c '' "$tmp/server.log") lines, $(grep -c ' WRN\]' "$tmp/server.log") warnings, $(grep -c -E ' (ERR|FTL)\]' "$tmp/server.log") errors (level $log_level)"
grep -E ' (ERR|FTL)\]' "$tmp/server.log" | head -n 5 || true
mkdir -p "$out"
cp "$tmp/summary.json" "$out/last-summary.json" 2>/dev/null || true
echo "== load tool exit code $bench_rc"
exit "$bench_rc"
