#!/usr/bin/env bash
# Starts the lab's extra engines, idempotently: Debian 12 with docker.io in containers on the network
# quayside-labnet (10.232.0.0/24), each published on 127.0.0.1 only.
#   quayside-lab-tls  TCP with TLS    tcp://127.0.0.1:23761  (client certificates signed by the lab CA)
#   quayside-lab-ssh  SSH             ssh://root@127.0.0.1:22221  (key $LAB_DIR/engines/ssh/id_ed25519)
#   quayside-lab-tcp  plain TCP       tcp://127.0.0.1:23751  (the one tests stop and start)
# Certificates and keys are made here with openssl and ssh-keygen under $LAB_DIR/engines. Each engine holds
# quayside-lab/busybox:latest and pulls from the host's lab registry as 127.0.0.1:5000 (a forwarder in the node).
# `lab-engines.sh stop` removes the engines (their images and data volumes stay for the next run).
set -euo pipefail
LAB_DIR=${QUAYSIDE_LAB_DIR:-/var/lib/quayside-lab}
dir="$LAB_DIR/engines"
image=quayside-lab/engine:bookworm
net=quayside-labnet
gateway=10.232.0.1
engines=(tls ssh tcp)

mkdir -p "$dir"
# One run at a time: the test set-up starts this in the background and the tests that need an engine wait here.
exec 9>"$dir/.lock"
flock 9

if [ "${1:-}" = stop ]; then
    for e in "${engines[@]}"; do docker rm -f "quayside-lab-$e" >/dev/null 2>&1 || true; done
    exit 0
fi

mkdir -p "$dir"
if ! docker image inspect "$image" >/dev/null 2>&1; then
    echo "lab: building $image with debootstrap (a few minutes, once)"
    rootfs=$(mktemp -d)
    timeout 1800 debootstrap --variant=minbase --include=docker.io,openssh-server,iproute2,iptables,ca-certificates,procps,socat \
        bookworm "$rootfs" http://deb.debian.org/debian >"$dir/debootstrap.log" 2>&1 \
        || { echo "lab: debootstrap failed; see $dir/debootstrap.log" >&2; rm -rf "$rootfs"; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | docker import -c 'LABEL org.quayside.lab=true' - "$image" >/dev/null
    rm -rf "$rootfs"
fi

# Certificates: a lab CA, the engine's server certificate (127.0.0.1 and localhost), a client certificate, and a
# second CA with its own client certificate that the engine must refuse.
certs="$dir/tls"
if [ ! -f "$certs/done" ]; then
    rm -rf "$certs"; mkdir -p "$certs"
    (
        cd "$certs"
        for ca in ca other-ca; do
            openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=quayside lab $ca" -keyout "$ca-key.pem" -out "$ca.pem" 2>/dev/null
        done
        sign() { # sign NAME CA EXT
            openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$1-key.pem" -out "$1.csr" 2>/dev/null
            printf '%s\n' "$3" >"$1.ext"
            openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -days 3650 -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
            rm -f "$1.csr" "$1.ext"
        }
        sign server ca "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:quayside-lab-tls
extendedKeyUsage=serverAuth"
        sign client ca "extendedKeyUsage=clientAuth"
        sign stranger other-ca "extendedKeyUsage=clientAuth"
        chmod 600 ./*-key.pem
        touch done
    )
fi
ssh="$dir/ssh"
if [ ! -f "$ssh/id_ed25519" ]; then
    rm -rf "$ssh"; mkdir -p "$ssh"
    ssh-keygen -q -t ed25519 -N '' -C quayside-lab -f "$ssh/id_ed25519"
fi

# The docker CLI reaches the SSH engine through the system's ssh: with this, `docker -H ssh://root@127.0.0.1:22221 ...`
# (the line the pages show, run by the tests and the bench) logs in with the lab key. Only that loopback port matches.
if [ -d /etc/ssh/ssh_config.d ]; then
    cat >/etc/ssh/ssh_config.d/quayside-lab.conf <<SSHCONF
Match host 127.0.0.1 exec "test %p = 22221"
    IdentityFile $ssh/id_ed25519
    IdentitiesOnly yes
    StrictHostKeyChecking no
    UserKnownHostsFile /dev/null
    LogLevel ERROR
SSHCONF
fi

cat >"$dir/start.sh" <<'START'
#!/bin/sh
# Runs in a lab engine: sshd when keys are given, a forwarder to the host's lab registry, then dockerd.
set -e
if [ -f /lab/ssh/id_ed25519.pub ]; then
    mkdir -p /run/sshd /root/.ssh
    cp /lab/ssh/id_ed25519.pub /root/.ssh/authorized_keys
    chmod 700 /root/.ssh; chmod 600 /root/.ssh/authorized_keys
    /usr/sbin/sshd
fi
socat TCP-LISTEN:5000,bind=127.0.0.1,fork,reuseaddr TCP:10.232.0.1:5000 &
exec dockerd "$@"
START
chmod +x "$dir/start.sh"

docker network inspect "$net" >/dev/null 2>&1 \
    || docker network create --subnet 10.232.0.0/24 --gateway "$gateway" --label org.quayside.lab=true "$net" >/dev/null
# The host's lab registry listens on loopback; the engines reach it through the network's gateway.
if ! pgrep -f "socat TCP-LISTEN:5000,bind=$gateway" >/dev/null; then
    # 9>&-: the forwarder outlives this script and must not keep its lock (that hung every later start on a fresh machine).
    setsid nohup socat "TCP-LISTEN:5000,bind=$gateway,fork,reuseaddr" TCP:127.0.0.1:5000 >/dev/null 2>&1 9>&- &
fi

start_engine() { # start_engine NAME PORTS... -- DOCKERD-ARGS...
    local name=$1; shift
    local ports=()
    while [ "$1" != -- ]; do ports+=(-p "$1"); shift; done
    shift
    local c="quayside-lab-$name"
    if [ "$(docker inspect -f '{{.State.Running}}' "$c" 2>/dev/null)" = true ]; then return; fi
    docker rm -f "$c" >/dev/null 2>&1 || true
    echo "lab: starting engine $c"
    docker run -d --name "$c" --hostname "$c" --network "$net" --label org.quayside.lab=true \
        --cap-add SYS_ADMIN --cap-add NET_ADMIN --cap-add SYS_PTRACE --cap-add MKNOD --cap-add NET_RAW --cap-add SYS_MODULE \
        --cap-add DAC_READ_SEARCH --cap-add SYS_CHROOT --cap-add SETFCAP \
        --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined \
        -v /sys/fs/cgroup:/sys/fs/cgroup:rw --tmpfs /run -v "$c-data:/var/lib/docker" -v "$dir:/lab:ro" \
        "${ports[@]}" "$image" /lab/start.sh --cgroup-parent="/$c" -H unix:///var/run/docker.sock "$@" >/dev/null
}

start_engine tls 127.0.0.1:23761:2376 -- -H tcp://0.0.0.0:2376 --tlsverify \
    --tlscacert /lab/tls/ca.pem --tlscert /lab/tls/server-cert.pem --tlskey /lab/tls/server-key.pem
start_engine ssh 127.0.0.1:22221:22 --
start_engine tcp 127.0.0.1:23751:2375 -- -H tcp://0.0.0.0:2375

for e in "${engines[@]}"; do
    c="quayside-lab-$e"
    for _ in $(seq 1 120); do timeout 20 docker exec "$c" docker version >/dev/null 2>&1 && break; sleep 0.5; done
    docker exec "$c" docker version >/dev/null 2>&1 || { echo "lab: engine $c did not start:" >&2; docker logs --tail 20 "$c" >&2; exit 1; }
    if ! docker exec "$c" docker image inspect quayside-lab/busybox:latest >/dev/null 2>&1; then
        docker save quayside-lab/busybox:latest | timeout 300 docker exec -i "$c" docker load >/dev/null
    fi
done
echo "lab: engines ready: tcp://127.0.0.1:23761 (TLS), ssh://root@127.0.0.1:22221, tcp://127.0.0.1:23751"
