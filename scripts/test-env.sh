#!/usr/bin/env bash
# Prepares this machine for the tests, idempotently: Debian packages, a running dockerd, the lab images.
# Run as root on Debian 12. Safe to run any number of times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

"$here/install-packages.sh" docker.io busybox-static docker-registry apache2-utils qemu-user-static binfmt-support chromium

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }

# arm64 images run under qemu-user-static: the kernel's binfmt_misc must be mounted and the formats registered.
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || true; fi
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
"$here/start-dockerd.sh"
"$here/lab-images.sh"
"$here/lab-registry.sh"
