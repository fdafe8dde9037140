#!/usr/bin/env bash
# Runs every test of the solution on the real engine and prints "N passed, N failed" last.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/test-env.sh" || { echo "0 passed, 1 failed"; exit 1; }

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export QUAYSIDE_TEST=1
# What the apps under test log, and the secrets the tests gave them: read by the AfterRun check at the end.
export QUAYSIDE_APP_LOG_DIR="$results/app-logs"
dotnet build Quayside.slnx -c Debug -warnaserror >"$results/build.log" 2>&1
build=$?
if [ "$build" -ne 0 ]; then
    grep -E "error|warning" "$results/build.log" | sort -u | head -50
else
    echo "build: ok"
fi
status=$build
if [ "$build" -eq 0 ]; then
    # A test that hangs is stopped after 25 minutes without progress, and named, so the run always reaches its summary.
    dotnet test Quayside.slnx --no-build -c Debug --filter "Category!=AfterRun" --logger "trx" --results-directory "$results" \
        --blame-hang-timeout 25m --blame-hang-dump-type none 2>&1 | tee "$results/console.log"
    status=${PIPESTATUS[0]}
    # Checks over the whole run's output (secrets in the apps' logs), once every other test has finished.
    dotnet test tests/Quayside.Web.Tests --no-build -c Debug --filter "Category=AfterRun" --logger "trx" --results-directory "$results" 2>&1 | tee -a "$results/console.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

# Leave the engine as we found it: everything the tests made carries this label.
docker ps -aq --filter label=quayside.test | xargs -r docker rm -f >/dev/null 2>&1 || true
docker images -q --filter label=quayside.test | xargs -r docker rmi -f >/dev/null 2>&1 || true
# Stages of multi-stage test builds stay behind as dangling images; they inherit the lab base images' label.
docker image prune -f --filter label=org.quayside.lab=true >/dev/null 2>&1 || true
docker volume ls -q --filter label=quayside.test | xargs -r docker volume rm -f >/dev/null 2>&1 || true
docker network ls -q --filter label=quayside.test | xargs -r docker network rm >/dev/null 2>&1 || true

# What the background start of the lab engines said (it builds their image on a fresh machine).
echo "lab engines: $(tail -n 1 /var/log/quayside-lab-engines.log 2>/dev/null)"
# The lab engines stop; their image and data volumes stay for the next run.
"$root/scripts/lab-engines.sh" stop

python3 "$root/scripts/summarize-trx.py" "$results" "$build"
exit "$status"
