#!/usr/bin/env bash
# Builds the local stand-ins for Microsoft's .NET images, which this lab cannot pull:
#   quayside-lab/dotnet-runtime-deps:bookworm  Debian 12 minbase with the libraries a self-contained .NET app needs
#                                               (the role of mcr.microsoft.com/dotnet/runtime-deps:10.0)
#   quayside-lab/dotnet-sdk:<version>           the same plus this machine's .NET SDK and CA certificates
#                                               (the role of mcr.microsoft.com/dotnet/sdk:10.0)
# deploy/Dockerfile takes them as its SDK_IMAGE and BASE_IMAGE build arguments. Prints the two tags.
# Idempotent: an image already present is kept; the debootstrapped tree is cached under artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base_tag=quayside-lab/dotnet-runtime-deps:bookworm
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
sdk_version=$(dotnet --version)
sdk_tag=quayside-lab/dotnet-sdk:$sdk_version
libs=libc6,libgcc-s1,libstdc++6,libssl3,zlib1g,libicu72,ca-certificates,tzdata

exec 9>"${TMPDIR:-/tmp}/quayside-lab-dotnet-base.lock"
flock 9

if ! docker image inspect "$base_tag" >/dev/null 2>&1; then
    "$root/scripts/install-packages.sh" debootstrap
    cache="$root/artifacts/lab-dotnet-base"
    tree="$cache/rootfs"
    if [ ! -f "$cache/done" ]; then
        rm -rf "$tree" && mkdir -p "$tree"
        echo "lab: debootstrap bookworm (minbase) for $base_tag; this takes a few minutes" >&2
        mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
        debootstrap --variant=minbase --include="$libs" bookworm "$tree" "${mirror:-http://deb.debian.org/debian}" >"$cache.log" 2>&1 \
            || { tail -20 "$cache.log" >&2; exit 1; }
        rm -rf "$tree"/var/cache/apt/archives/*.deb "$tree"/var/lib/apt/lists/*
        touch "$cache/done"
    fi
    tar -C "$tree" -c . | docker import -c 'CMD ["/bin/bash"]' -c 'LABEL org.quayside.lab=true' - "$base_tag" >/dev/null
    echo "lab: imported $base_tag" >&2
fi

if ! docker image inspect "$sdk_tag" >/dev/null 2>&1; then
    dir=$(mktemp -d)
    trap 'rm -rf "$dir"' EXIT
    cp -a "$dotnet_root" "$dir/dotnet"
    # This lab reaches NuGet through a proxy whose CA the host trusts; the SDK stage must trust it too.
    mkdir -p "$dir/ca" && cp /usr/local/share/ca-certificates/*.crt "$dir/ca/" 2>/dev/null || true
    cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base_tag
COPY dotnet /usr/share/dotnet
COPY ca /usr/local/share/ca-certificates
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet && update-ca-certificates >/dev/null 2>&1 || true
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}
LABEL org.quayside.lab=true
DOCKERFILE
    echo "lab: building $sdk_tag from $dotnet_root" >&2
    docker build -q -t "$sdk_tag" "$dir" >/dev/null
fi
echo "$base_tag $sdk_tag"
