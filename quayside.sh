#!/usr/bin/env bash
# Quayside's entry point.
#   ./quayside.sh run     run the dashboard (http://127.0.0.1:8000 unless QUAYSIDE_URLS or --urls says otherwise)
#   ./quayside.sh test    set up the engine and lab images if needed, then run every test
#   ./quayside.sh bench   run the benchmarks (prints ratios against the raw engine)
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cmd=${1:-help}
shift || true
case "$cmd" in
    run)
        "$root/scripts/install-packages.sh" docker.io
        # Stacks run the compose CLI: docker compose (v2) where installed, else Debian's docker-compose (v1).
        docker compose version >/dev/null 2>&1 || command -v docker-compose >/dev/null || "$root/scripts/install-packages.sh" docker-compose
        "$root/scripts/start-dockerd.sh" || echo "warning: the Docker engine is not answering; Quayside will show why and keep retrying." >&2
        # The console's no-shell fallback copies these static shells into containers (QUAYSIDE_BUSYBOX_DIR points elsewhere).
        [ -n "${QUAYSIDE_BUSYBOX_DIR:-}" ] || "$root/scripts/fetch-busybox.sh" >/dev/null || echo "warning: could not fetch busybox-static; the console cannot add a shell to containers without one." >&2
        exec dotnet run --project "$root/src/Quayside.Web" -c Release -- "$@" ;;
    test)
        exec "$root/scripts/run-tests.sh" "$@" ;;
    bench)
        "$root/scripts/test-env.sh"
        exec dotnet run --project "$root/bench/Quayside.Bench" -c Release -- "$@" ;;
    *)
        sed -n '2,6p' "$0"; exit 2 ;;
esac
