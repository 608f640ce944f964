#!/usr/bin/env bash
# Coordinators' read benchmark: builds the web app in Release, seeds a SQLite database with 100,000 referrals
# (seed-bench), starts the app on 127.0.0.1 and has 8 coordinators read the triage queue and the waiting list
# at once (bench/RelationshipSupport.TriageBench), then stops the app.
#
#   bench/triage.sh                                # 100,000 referrals, 8 clients, 30 s warm-up + 30 s measured
#   REFERRALS=20000 bench/triage.sh --duration 5   # a quick check; TriageBench options are passed on
#
# Environment:
#   PORT=5098         loopback port of the app
#   REFERRALS=100000  referrals seeded
#   SKIP_BUILD=1      reuse bench/.out from an earlier run
#   REUSE_DB=1        reuse bench/.out/triage-REFERRALS.db from an earlier run (seeding 100,000 takes about 2 minutes)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bench/.out"
port="${PORT:-5098}"
url="http://127.0.0.1:$port"
referrals="${REFERRALS:-100000}"
db="$out/triage-$referrals.db"
tmp="$(mktemp -d -t rs-triagebench.XXXXXX)"
server_pid=""
export RS_BENCH_PASSWORD="Bench-Passw0rd-1"

cleanup() {
  local rc=$?
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    echo "== app stopped (pid $server_pid)"
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== machine"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "dotnet:    $(dotnet --version)"
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "== building (Release)"
  dotnet publish "$repo/src/RelationshipSupport.Web" -c Release -o "$out/web" -nologo -v quiet
  dotnet publish "$repo/bench/RelationshipSupport.TriageBench" -c Release -o "$out/triagebench" -nologo -v quiet
fi

app_env() {
  export ASPNETCORE_ENVIRONMENT=Production
  export Database__Provider=Sqlite
  export Database__ConnectionString="Data Source=$db"
  export Database__SeedDemoData=false
  export Security__RequireTwoFactor=false
  export Serilog__MinimumLevel__Default=Warning
  export Email__PickupDirectory="$tmp/mail"
}

if [[ "${REUSE_DB:-0}" != "1" || ! -f "$db" || ! -f "$db.refs" ]]; then
  echo "== seeding $referrals referrals into $db"
  rm -f "$db" "$db-wal" "$db-shm" "$db.refs"
  mkdir -p "$out"
  (cd "$out/web" && app_env && dotnet RelationshipSupport.Web.dll seed-bench --allow-production --referrals "$referrals" --coordinators 8 --references-out "$db.refs")
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "error: something already listens on 127.0.0.1:$port (set PORT to another port)" >&2
  exit 2
fi
echo "== starting the app on $url (Production, SQLite, 2FA off, Serilog level Warning)"
(cd "$out/web" && app_env && export ASPNETCORE_URLS="$url" && exec dotnet RelationshipSupport.Web.dll) >"$tmp/server.log" 2>&1 &
server_pid=$!
ready=""
for _ in $(seq 1 120); do
  kill -0 "$server_pid" 2>/dev/null || break
  if curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; then ready=1; break; fi
  sleep 0.5
done
if [[ -z "$ready" ]]; then
  echo "error: the app did not become ready; its log:" >&2
  tail -n 40 "$tmp/server.log" >&2
  exit 1
fi
echo "   ready (pid $server_pid)"

echo "== coordinators reading"
set +e
dotnet "$out/triagebench/RelationshipSupport.TriageBench.dll" --url "$url" --clients 8 --warmup 30 --duration 30 \
  --references "$db.refs" --password "$RS_BENCH_PASSWORD" --server-pid "$server_pid" --json-out "$out/triage-summary.json" "$@"
rc=$?
set -e
echo "== app log: $(grep -c -E ' (ERR|FTL)\]' "$tmp/server.log") errors"
grep -E ' (ERR|FTL)\]' "$tmp/server.log" | head -n 5 || true
exit "$rc"
