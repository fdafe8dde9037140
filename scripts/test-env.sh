#!/usr/bin/env bash
# Prepares this machine for the tests, idempotently: Debian packages, a running dockerd, the lab images.
# Run as root on Debian 12. Safe to run any number of times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

"$here/install-packages.sh" docker.io busybox-static docker-registry qemu-user-static binfmt-support chromium

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }

"$here/start-dockerd.sh"
"$here/lab-images.sh"
