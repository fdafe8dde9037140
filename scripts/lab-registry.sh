#!/usr/bin/env bash
# Starts two lab registries (Debian's docker-registry) and fills them, idempotently:
#   127.0.0.1:5000  open          127.0.0.1:5001  htpasswd auth (user quayside-lab / password below)
# Contents: lab/busybox:1-amd64, lab/busybox:1-arm64, multi-arch lab/busybox:1 (amd64 + arm64/v8),
# lab/busybox:1.35 (single platform), lab/many:t001..t120 (paging), and lab/private:1 on the auth one.
# A registry that does not answer is restarted; storage and pid files live under $LAB_DIR.
set -euo pipefail
LAB_DIR=${QUAYSIDE_LAB_DIR:-/var/lib/quayside-lab}
LAB_USER=quayside-lab
LAB_PASSWORD=quayside-lab-secret
mkdir -p "$LAB_DIR"

answers() { curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$1/v2/" | grep -qE '^(200|401)$'; }

start_registry() {
    local name=$1 port=$2 auth=$3 dir="$LAB_DIR/$1"
    mkdir -p "$dir/storage"
    if answers "$port"; then return; fi
    if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then kill "$(cat "$dir/pid")" || true; sleep 1; fi
    {
        echo "version: 0.1"
        echo "log: {level: error}"
        echo "storage: {filesystem: {rootdirectory: $dir/storage}, delete: {enabled: true}}"
        echo "http: {addr: 127.0.0.1:$port, secret: quayside-lab-$name}"
        if [ "$auth" = yes ]; then
            htpasswd -Bbn "$LAB_USER" "$LAB_PASSWORD" >"$dir/htpasswd"
            echo "auth: {htpasswd: {realm: quayside-lab, path: $dir/htpasswd}}"
        fi
    } >"$dir/config.yml"
    echo "lab: starting registry $name on 127.0.0.1:$port"
    setsid nohup docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
    echo $! >"$dir/pid"
    for _ in $(seq 50); do answers "$port" && return; sleep 0.2; done
    echo "lab: registry $name did not answer on port $port; see $dir/log" >&2
    exit 1
}

has_tag() { curl -sf -m 5 ${3:+-u "$3"} "http://127.0.0.1:$1/v2/$2/tags/list" | grep -q "\"${4}\""; }

push() { # push LOCAL-IMAGE TARGET
    docker tag "$1" "$2"
    docker push -q "$2" >/dev/null
    docker rmi "$2" >/dev/null
}

start_registry open 5000 no
start_registry auth 5001 yes

r=localhost:5000
has_tag 5000 lab/busybox "" 1-amd64 || push quayside-lab/busybox:latest $r/lab/busybox:1-amd64
has_tag 5000 lab/busybox "" 1-arm64 || push quayside-lab/busybox-arm64:latest $r/lab/busybox:1-arm64
has_tag 5000 lab/busybox "" 1.35 || push quayside-lab/busybox:latest $r/lab/busybox:1.35
if ! has_tag 5000 lab/busybox "" 1; then
    docker manifest rm $r/lab/busybox:1 >/dev/null 2>&1 || true
    docker manifest create --insecure $r/lab/busybox:1 $r/lab/busybox:1-amd64 $r/lab/busybox:1-arm64 >/dev/null
    docker manifest annotate $r/lab/busybox:1 $r/lab/busybox:1-arm64 --os linux --arch arm64 --variant v8
    docker manifest push --purge --insecure $r/lab/busybox:1 >/dev/null
fi
if ! has_tag 5000 lab/many "" t120; then
    # One image, 120 tags: the manifest is uploaded once, each further tag is a manifest PUT of the same bytes.
    docker tag quayside-lab/busybox:latest $r/lab/many:t001
    docker push -q $r/lab/many:t001 >/dev/null
    manifest=$(curl -sf -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' "http://127.0.0.1:5000/v2/lab/many/manifests/t001")
    for i in $(seq -f '%03g' 2 120); do
        curl -sf -o /dev/null -X PUT -H 'Content-Type: application/vnd.docker.distribution.manifest.v2+json' \
            --data-binary "$manifest" "http://127.0.0.1:5000/v2/lab/many/manifests/t$i"
    done
    docker rmi $r/lab/many:t001 >/dev/null
fi
if ! has_tag 5001 lab/private "$LAB_USER:$LAB_PASSWORD" 1; then
    # A config folder of its own, so the machine's ~/.docker/config.json gets no login.
    export DOCKER_CONFIG="$LAB_DIR/docker-config"
    echo "$LAB_PASSWORD" | docker login -u "$LAB_USER" --password-stdin localhost:5001 >/dev/null 2>&1
    push quayside-lab/busybox:latest localhost:5001/lab/private:1
    docker logout localhost:5001 >/dev/null
    unset DOCKER_CONFIG
fi
echo "lab: registries ready on 127.0.0.1:5000 (open) and 127.0.0.1:5001 (auth $LAB_USER)"
