#!/usr/bin/env bash
# Builds the images the tests use, without internet: FROM scratch plus Debian's busybox-static.
# Idempotent: an image already present is kept.
set -euo pipefail

build_busybox() {
    local tag=$1 platform=$2 busybox=$3
    if docker image inspect "$tag" >/dev/null 2>&1; then return; fi
    local dir; dir=$(mktemp -d)
    cp "$busybox" "$dir/busybox"
    cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL org.quayside.lab=true
CMD ["/bin/sh"]
DOCKERFILE
    echo "lab: building $tag ($platform)"
    docker build -q --platform "$platform" -t "$tag" "$dir" >/dev/null
    rm -rf "$dir"
}

# An image holding nothing but a static binary that sleeps: no shell, no busybox (the console's no-shell case).
build_noshell() {
    local tag=$1 platform=$2 cc=$3
    if docker image inspect "$tag" >/dev/null 2>&1; then return; fi
    local dir; dir=$(mktemp -d)
    "$cc" -static -Os -s -o "$dir/sleeper" "$(dirname "$0")/../lab/sleeper.c"
    cat >"$dir/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY sleeper /sleeper
LABEL org.quayside.lab=true
CMD ["/sleeper"]
DOCKERFILE
    echo "lab: building $tag ($platform)"
    docker build -q --platform "$platform" -t "$tag" "$dir" >/dev/null
    rm -rf "$dir"
}

busybox=$("$(dirname "$0")/fetch-busybox.sh")
build_busybox quayside-lab/busybox:latest linux/amd64 "$busybox/amd64/busybox"
# Runs under qemu-user-static (binfmt) on an amd64 host.
build_busybox quayside-lab/busybox-arm64:latest linux/arm64 "$busybox/arm64/busybox"
build_noshell quayside-lab/noshell:latest linux/amd64 gcc
build_noshell quayside-lab/noshell-arm64:latest linux/arm64 aarch64-linux-gnu-gcc
