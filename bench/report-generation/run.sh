#!/usr/bin/env bash
# Report generation benchmark (issue 6): a programme with 10,000 participants and 40,000 questionnaire
# administrations; for each report style, the command-line `report` verb's wall time and peak memory.
# Target on this machine: <= 5 s and <= 400 MB per style.
#
#   bench/report-generation/run.sh                          # 10,000 participants, both styles
#   PARTICIPANTS=1000 bench/report-generation/run.sh        # a quick check that it works
#   SKIP_BUILD=1 REUSE_DB=1 bench/report-generation/run.sh  # reuse bench/.out (app and seeded database)
#
# It:
#   1. prints the machine;
#   2. publishes the web app in Release, compiled ahead of time (ReadyToRun, linux-x64), to bench/.out/web-r2r: a
#      command-line run is mostly start-up, and ahead-of-time code saves about 2 s of JIT compiling per run;
#   3. seeds a fresh SQLite file with `seed-bench --report-participants N` (the parents programme: N people in
#      N/2 couples over a year, assessments, sessions, 4N completed questionnaire administrations with stored scores);
#   4. for each style (hee, dwp) runs `report --programme parents-in-conflict --style S --from (a year ago) --to (today)
#      --out FILE.pdf` under GNU time (/usr/bin/time -v), once to warm the file cache (not counted) and then RUNS times
#      (default 3), printing wall time and maximum resident set size of each run;
#   5. writes the figures to bench/results/report-generation.md (the table between the markers) and keeps the PDFs
#      and time logs in bench/.out/report-generation/.
#
# Environment:
#   PARTICIPANTS=10000  participants seeded
#   RUNS=3              measured runs per style
#   PROGRAMME=parents-in-conflict
#   SKIP_BUILD=1        reuse bench/.out/web-r2r from an earlier run
#   REUSE_DB=1          reuse bench/.out/report-PARTICIPANTS.db from an earlier run
#   REPORT_TIMEOUT=300  seconds after which one report run is stopped (and the script fails)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$repo/bench/.out"
participants="${PARTICIPANTS:-10000}"
runs="${RUNS:-3}"
programme="${PROGRAMME:-parents-in-conflict}"
db="$out/report-$participants.db"
results_dir="$out/report-generation"
results_md="$repo/bench/results/report-generation.md"
tmp="$(mktemp -d -t rs-reportbench.XXXXXX)"
export RS_BENCH_PASSWORD="Bench-Passw0rd-1"
trap 'rm -rf "$tmp"' EXIT

if [[ ! -x /usr/bin/time ]]; then
  echo "error: /usr/bin/time (GNU time) is needed for wall time and peak memory." >&2
  echo "       Install it with: sudo apt-get install time   (Debian/Ubuntu package 'time')" >&2
  exit 2
fi

echo "== machine"
echo "nproc:     $(nproc)"
echo "cpu:       $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "dotnet:    $(dotnet --version)"
echo "load avg:  $(cut -d' ' -f1-3 /proc/loadavg) (before the run)"
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "commit:    $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
  echo "== building (Release)"
  dotnet publish "$repo/src/RelationshipSupport.Web" -c Release -r linux-x64 --self-contained false \
    -p:PublishReadyToRun=true -o "$out/web-r2r" -nologo -v quiet
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

mkdir -p "$out" "$results_dir"
if [[ "${REUSE_DB:-0}" != "1" || ! -f "$db" ]]; then
  echo "== seeding $participants participants into $db"
  rm -f "$db" "$db-wal" "$db-shm"
  seed_start=$(date +%s.%N)
  (cd "$out/web-r2r" && app_env && dotnet RelationshipSupport.Web.dll seed-bench --allow-production --report-participants "$participants")
  echo "seeded in $(awk -v a="$seed_start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b-a}') s (wall, start-up and migrations included)"
fi

to="$(date -u +%Y-%m-%d)"
from="$(date -u -d "$to -1 year +1 day" +%Y-%m-%d)"
echo "== period $from to $to, programme $programme, $runs measured runs per style (after one warm-up run)"

rows=""
for style in hee dwp; do
  for run in $(seq 0 "$runs"); do
    pdf="$results_dir/$style.pdf"
    log="$results_dir/$style-$run.time"
    rm -f "$pdf"
    # timeout: a build without the `report` verb would start serving instead of exiting.
    (cd "$out/web-r2r" && app_env && timeout "${REPORT_TIMEOUT:-300}" /usr/bin/time -v -o "$log" \
      dotnet RelationshipSupport.Web.dll report --programme "$programme" --style "$style" --from "$from" --to "$to" --out "$pdf") \
      >"$results_dir/$style-$run.out" 2>&1 || { echo "error: report ($style) failed; see $results_dir/$style-$run.out" >&2; cat "$results_dir/$style-$run.out" >&2; exit 1; }
    [[ -s "$pdf" ]] || { echo "error: report ($style) wrote no PDF" >&2; exit 1; }
    wall="$(awk -F': ' '/Elapsed \(wall clock\) time/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$log")"
    rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    rss_mb="$(awk -v k="$rss_kb" 'BEGIN {printf "%.0f", k/1024}')"
    pages="$(command -v pdfinfo >/dev/null && pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "?")"
    if [[ "$run" == "0" ]]; then
      echo "$style warm-up: ${wall} s, ${rss_mb} MB (not counted)"
      continue
    fi
    echo "$style run $run: wall ${wall} s, max RSS ${rss_mb} MB, ${pages} pages, $(stat -c %s "$pdf") bytes"
    rows+="| $style | $run | $wall | $rss_mb | $pages |"$'\n'
  done
done

summary="$(printf '%s' "$rows" | awk -F'|' '
  { s=$2; gsub(/ /,"",s); w=$4+0; m=$5+0; if (!(s in maxw) || w>maxw[s]) maxw[s]=w; if (!(s in maxm) || m>maxm[s]) maxm[s]=m; order[s]=1 }
  END { for (s in order) printf "%s: worst wall %.2f s (target 5 s: %s), worst max RSS %d MB (target 400 MB: %s)\n", s, maxw[s], (maxw[s]<=5?"met":"MISSED"), maxm[s], (maxm[s]<=400?"met":"MISSED") }')"
echo "== summary"
echo "$summary"

# The measured table goes between the markers of bench/results/report-generation.md; the rest of the file is prose.
if [[ -f "$results_md" ]] && grep -q '<!-- results:start -->' "$results_md"; then
  {
    echo "<!-- results:start -->"
    echo "Run $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, load average before $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Command: \`PARTICIPANTS=$participants RUNS=$runs bench/report-generation/run.sh\`; period $from to $to."
    echo
    echo "| style | run | wall s | max RSS MB | pages |"
    echo "|---|---:|---:|---:|---:|"
    printf '%s' "$rows"
    echo
    echo "$summary" | sed 's/^/- /'
    echo "<!-- results:end -->"
  } >"$tmp/table.md"
  awk -v table="$tmp/table.md" '
    /<!-- results:start -->/ { while ((getline line < table) > 0) print line; skip=1; next }
    /<!-- results:end -->/ { skip=0; next }
    !skip { print }' "$results_md" >"$tmp/results.md"
  cp "$tmp/results.md" "$results_md"
  echo "== wrote $results_md"
fi
