#!/usr/bin/env bash
# Runs every test in the solution, browser tests included, on a Debian machine with the .NET SDK and Node.
# The browser tests drive Debian's Chromium (/usr/bin/chromium): it is installed here when missing, because
# Playwright's own browser download cannot be used. Extra arguments go to `dotnet test`, e.g.
#   ./test.sh --filter "FullyQualifiedName~Referrals"
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [[ ! -x /usr/bin/chromium ]]; then
    echo "test.sh: /usr/bin/chromium is missing; installing Debian's chromium and fonts-dejavu-core" >&2
    as_root=()
    if [[ "$(id -u)" -ne 0 ]]; then as_root=(sudo); fi
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

# dotnet test prints its own summary line for each test project ("Passed!  - Failed: 0, Passed: 12, ...").
status=0
dotnet test RelationshipSupport.sln "$@" 2>&1 | tee "$log" || status=$?

# One plain line for the whole run, added up from those per-project lines.
awk '
    function count(name,    n) {
        if (!match($0, name ":[ ]*[0-9]+")) return 0
        n = substr($0, RSTART, RLENGTH); sub(/^[^0-9]*/, "", n); return n + 0
    }
    /(Passed|Failed)!.*Failed:.*Passed:.*Skipped:/ {
        failed += count("Failed"); passed += count("Passed"); skipped += count("Skipped"); found = 1
    }
    END { if (found) printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"

exit "$status"
