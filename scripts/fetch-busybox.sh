#!/usr/bin/env bash
# Fetches Debian's busybox-static for each architecture Quayside supports into artifacts/busybox/<arch>/busybox,
# checks it against the checksum recorded in scripts/busybox-static.sha256, and prints the folder.
# No download at run time: the console's no-shell fallback and the lab images use these files.
# Idempotent: a file already present with the right checksum is kept.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/busybox"
sums="$root/scripts/busybox-static.sha256"
archs=(amd64 arm64)

fetch() {
    local arch=$1 dest="$out/$arch/busybox"
    if [ -f "$dest" ] && grep -q "$(sha256sum "$dest" | cut -d' ' -f1)  $arch/busybox" "$sums" 2>/dev/null; then return; fi
    local work; work=$(mktemp -d)
    local o="-oAPT::Architecture=$arch -oAPT::Architectures=$arch -oDir::State::Lists=$work/lists -oDir::Cache=$work/cache -oDebug::NoLocking=1 -oAPT::Sandbox::User=root"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
    # shellcheck disable=SC2086
    apt-get $o -qq update >/dev/null
    (cd "$work" && apt-get $o -qq download "busybox-static:$arch" >/dev/null)
    dpkg -x "$work"/busybox-static_*_"$arch".deb "$work/x"
    mkdir -p "$out/$arch"
    cp "$work/x/bin/busybox" "$dest"
    chmod 0755 "$dest"
    rm -rf "$work"
}

for arch in "${archs[@]}"; do fetch "$arch"; done

if [ ! -s "$sums" ] || [ "${QUAYSIDE_RECORD_BUSYBOX:-}" = 1 ]; then
    (cd "$out" && sha256sum "${archs[@]/%//busybox}") >"$sums"
    echo "busybox: recorded checksums in $sums" >&2
fi
(cd "$out" && sha256sum -c --quiet "$sums") || {
    echo "busybox: checksum mismatch (Debian published a new busybox-static?). Check and re-record with QUAYSIDE_RECORD_BUSYBOX=1." >&2
    exit 1
}
echo "$out"
