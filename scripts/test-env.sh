#!/usr/bin/env bash
# Prepares this machine for the tests, idempotently: Debian packages, a running dockerd, the lab images.
# Run as root on Debian 12. Safe to run any number of times.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

"$here/install-packages.sh" docker.io docker-compose busybox-static docker-registry apache2-utils curl qemu-user-static binfmt-support \
    chromium debootstrap socat openssh-client openssl gcc libc6-dev gcc-aarch64-linux-gnu

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required on PATH" >&2; exit 1; }

# arm64 images run under qemu-user-static: the kernel's binfmt_misc must be mounted and the formats registered.
if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || true; fi
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
"$here/start-dockerd.sh"
"$here/lab-images.sh"
# Stand-ins for Microsoft's .NET sdk and runtime-deps images, for building deploy/Dockerfile without their registry.
"$here/lab-dotnet-base.sh" >/dev/null
"$here/lab-registry.sh"
# Extra engines (TLS, SSH, plain TCP) in containers, for the hosts tests. The first run builds their image with
# debootstrap, which takes minutes: it runs in the background while the solution builds, and the tests that need an
# engine wait for it (the script holds a lock until the engines answer).
mkdir -p /var/lib/quayside-lab
setsid nohup "$here/lab-engines.sh" >/var/log/quayside-lab-engines.log 2>&1 &
# Front-end tools of the tests (axe-core), pinned by tests/npm/package-lock.json.
command -v npm >/dev/null || "$here/install-packages.sh" npm
[ -f "$here/../tests/npm/node_modules/axe-core/axe.min.js" ] || npm ci --prefix "$here/../tests/npm" --no-audit --no-fund >/dev/null
