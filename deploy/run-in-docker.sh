#!/usr/bin/env bash
# Runs Quayside as a container on this machine's Docker engine.
#
# Usage: run-in-docker.sh [-r | -s | -u | -l] [-p PORT] [-b ADDR] [-t] [-c CERT -k KEY] [-i IMAGE] [-h]
#   -r        run: use the image (pull it, or build it from this checkout if it cannot be pulled), start it detached
#             with --restart unless-stopped on a network of its own, print the URL and, on first start, the setup token
#   -s        stop and remove the container (the data volume stays)
#   -u        upgrade: pull or build the image again and recreate the container, keeping the data volume and the
#             options it was started with (unless given again)
#   -l        follow the container's logs (after -r or -u if given with them)
#   -p PORT   host port (default 8000)
#   -b ADDR   host address to publish on (default 127.0.0.1); anything else prints a warning unless TLS is on
#   -t        TLS with a self-signed certificate made once and kept in the data volume
#   -c CERT   TLS with your own certificate (PEM), with -k
#   -k KEY    the private key (PEM) of -c's certificate
#   -i IMAGE  use IMAGE instead of the published one (e.g. one built from deploy/Dockerfile)
#   -h        this help
# Environment: QUAYSIDE_ADMIN_PASSWORD (creates the account admin on first start, instead of a setup token; handed to
#   the container as a file the app deletes, never as a variable docker inspect would show),
#   QUAYSIDE_NAME (container name, default quayside), QUAYSIDE_VOLUME (data volume, default quayside-data),
#   QUAYSIDE_NETWORK (the container's own network, default NAME-net: other containers cannot reach it),
#   QUAYSIDE_SDK_IMAGE, QUAYSIDE_BASE_IMAGE and QUAYSIDE_COMPOSE_SOURCE (build arguments when building),
#   QUAYSIDE_LABELS (extra key=value labels, space-separated, for what the script creates), DOCKER (the docker
#   command, default docker).
# Safe to run again: -r on a running container only prints where it is; -s on a missing one does nothing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
published_image=ghcr.io/quayside/quayside:latest
docker_cmd=${DOCKER:-docker}
name=${QUAYSIDE_NAME:-quayside}
volume=${QUAYSIDE_VOLUME:-quayside-data}
network=${QUAYSIDE_NETWORK:-$name-net}
container_port=8000
socket=/var/run/docker.sock
label_prefix=org.quayside.run
app_uid=10001 # the image's user (deploy/Dockerfile)
password_file=/tmp/quayside-admin-password

usage() { awk 'NR >= 4 && /^#/ { sub(/^# ?/, ""); print; next } NR >= 4 { exit }' "$0"; }
die() { echo "run-in-docker: $*" >&2; exit 1; }
dk() { "$docker_cmd" "$@"; }

action= follow=0 port= bind= tls= cert= key= image=
while getopts ":rsulp:b:tc:k:i:h" opt; do
    case "$opt" in
        r) [ -z "$action" ] || [ "$action" = run ] || die "-r, -s and -u exclude each other"; action=run ;;
        s) [ -z "$action" ] || [ "$action" = stop ] || die "-r, -s and -u exclude each other"; action=stop ;;
        u) [ -z "$action" ] || [ "$action" = upgrade ] || die "-r, -s and -u exclude each other"; action=upgrade ;;
        l) follow=1 ;;
        p) port=$OPTARG ;;
        b) bind=$OPTARG ;;
        t) tls=self-signed ;;
        c) cert=$OPTARG ;;
        k) key=$OPTARG ;;
        i) image=$OPTARG ;;
        h) usage; exit 0 ;;
        :) echo "run-in-docker: -$OPTARG needs a value" >&2; usage >&2; exit 2 ;;
        *) echo "run-in-docker: unknown option -$OPTARG" >&2; usage >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { echo "run-in-docker: unexpected argument '$1'" >&2; usage >&2; exit 2; }
[ -n "$action" ] || [ "$follow" = 1 ] || { usage >&2; exit 2; }

exists() { dk container inspect "$name" >/dev/null 2>&1; }
previous() { dk container inspect -f "{{index .Config.Labels \"$label_prefix.$1\"}}" "$name" 2>/dev/null || true; }

# -u keeps what the container was started with, unless given again.
if [ "$action" = upgrade ] && exists; then
    port=${port:-$(previous port)}
    bind=${bind:-$(previous bind)}
    image=${image:-$(previous image)}
    if [ -z "${QUAYSIDE_NETWORK:-}" ] && [ -n "$(previous network)" ]; then network=$(previous network); fi
    if [ -z "$tls$cert$key" ]; then
        tls=$(previous tls)
        cert=$(previous cert)
        key=$(previous key)
        [ "$tls" = own ] && tls=
    fi
fi
port=${port:-8000}
bind=${bind:-127.0.0.1}
image=${image:-$published_image}
[ "$tls" = off ] && tls=

[[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "-p takes a port number from 1 to 65535, not '$port'"
[[ "$bind" =~ ^[0-9A-Fa-f.:]+$ ]] || die "-b takes an IP address such as 127.0.0.1 or 0.0.0.0, not '$bind'"
if [ -n "$cert" ] || [ -n "$key" ]; then
    [ -n "$cert" ] && [ -n "$key" ] || die "-c CERT and -k KEY go together"
    [ -r "$cert" ] || die "-c: cannot read the certificate '$cert'"
    [ -r "$key" ] || die "-k: cannot read the key '$key'"
    cert=$(cd "$(dirname "$cert")" && pwd)/$(basename "$cert")
    key=$(cd "$(dirname "$key")" && pwd)/$(basename "$key")
    tls=own
fi

labels=()
for l in ${QUAYSIDE_LABELS:-}; do labels+=(--label "$l"); done

build_image() {
    local root; root=$(cd "$here/.." && pwd)
    [ -f "$root/deploy/Dockerfile" ] && [ -d "$root/src/Quayside.Web" ] || return 1
    echo "run-in-docker: building $image from $root/deploy/Dockerfile" >&2
    "$root/scripts/fetch-busybox.sh" >/dev/null
    local args=(-f "$root/deploy/Dockerfile" -t "$image" "${labels[@]}")
    [ -z "${QUAYSIDE_SDK_IMAGE:-}" ] || args+=(--build-arg "SDK_IMAGE=$QUAYSIDE_SDK_IMAGE")
    [ -z "${QUAYSIDE_BASE_IMAGE:-}" ] || args+=(--build-arg "BASE_IMAGE=$QUAYSIDE_BASE_IMAGE")
    [ -z "${QUAYSIDE_COMPOSE_SOURCE:-}" ] || args+=(--build-arg "COMPOSE_SOURCE=$QUAYSIDE_COMPOSE_SOURCE")
    local version; version=$(git -C "$root" describe --tags --always --dirty 2>/dev/null || true)
    [ -z "$version" ] || args+=(--build-arg "VERSION=$version")
    local source; source=$(git -C "$root" remote get-url origin 2>/dev/null || true)
    [[ "$source" != https://* ]] || args+=(--build-arg "SOURCE=$source")
    dk build -q "${args[@]}" "$root" >/dev/null
}

# -r: an image already here is used as it is; -u: always pull or build again.
get_image() {
    local fresh=$1
    if [ "$fresh" = 0 ] && dk image inspect "$image" >/dev/null 2>&1; then return; fi
    if dk pull -q "$image" >/dev/null 2>&1; then return; fi
    build_image && return
    dk image inspect "$image" >/dev/null 2>&1 && { echo "run-in-docker: could not pull or build $image; keeping the one here" >&2; return; }
    die "cannot pull $image and there is no checkout to build it from; give an image with -i"
}

scheme() { [ -n "$tls" ] && echo https || echo http; }

url() {
    local host=$bind
    case "$host" in 0.0.0.0|::) host=$(hostname -f 2>/dev/null || hostname) ;; *:*) host="[$host]" ;; esac
    echo "$(scheme)://$host:$port"
}

is_loopback() { [[ "$bind" == 127.* || "$bind" == ::1 ]]; }

# Waits for the app to say it is running (or the container to stop). With "new", also prints the setup token the app
# printed at this start, if any (there is none once an administrator exists).
report_start() {
    local i logs state since
    since=$(dk container inspect -f '{{.State.StartedAt}}' "$name")
    for i in $(seq 1 120); do
        logs=$(dk logs --since "$since" "$name" 2>&1 || true)
        grep -q "Quayside is running" <<<"$logs" && break
        state=$(dk container inspect -f '{{.State.Status}}' "$name" 2>/dev/null || echo gone)
        [ "$state" = running ] || [ "$state" = created ] || { echo "$logs" | tail -20 >&2; die "the container stopped ($state); its last log lines are above"; }
        sleep 0.5
    done
    echo "Quayside is running in container $name: $(url)"
    [ "${1:-}" = new ] || return 0
    local token; token=$(grep -o 'Setup token: [^ ]*' <<<"$logs" | tail -1 | cut -d' ' -f3 || true)
    [ -z "$token" ] || echo "First start: open $(url)/setup and enter the one-time setup token: $token"
}

# A user-defined bridge of Quayside's own: containers on the default bridge (or any other network) cannot open a
# connection to it, only the port published on the host reaches it.
ensure_network() {
    dk network inspect "$network" >/dev/null 2>&1 && return
    dk network create "${labels[@]}" --label "$label_prefix.network=true" "$network" >/dev/null \
        || dk network inspect "$network" >/dev/null 2>&1 || die "could not create the network $network"
}

# A stopped container does not keep its network from being removed; one made anew under the same name has another id.
reattach_network() {
    dk network inspect "$network" >/dev/null 2>&1 && return
    ensure_network
    dk network disconnect -f "$network" "$name" >/dev/null 2>&1 || true
    dk network connect "$network" "$name" >/dev/null
}

# The network goes with the container when the script made it and nothing else uses it.
remove_network() {
    [ -n "$1" ] && [ "$(dk network inspect -f "{{index .Labels \"$label_prefix.network\"}}" "$1" 2>/dev/null)" = true ] || return 0
    dk network rm "$1" >/dev/null 2>&1 || true
}

# Puts QUAYSIDE_ADMIN_PASSWORD into the created (not yet started) container as a file only the app's user can read;
# the app deletes it once the administrator exists. Nothing about it is kept in the container's configuration (docker
# inspect) or on the host: the copy on the host lives in a private temporary folder for the moment of the copy.
copy_password() {
    local dir status=0 owner=(--owner="$app_uid" --group="$app_uid")
    tar --version 2>/dev/null | grep -q 'GNU tar' || owner=(--uid "$app_uid" --gid "$app_uid") # bsdtar (macOS)
    dir=$(mktemp -d)
    (umask 077 && printf '%s' "$QUAYSIDE_ADMIN_PASSWORD" >"$dir/${password_file##*/}" && chmod 0400 "$dir/${password_file##*/}") || status=$?
    [ "$status" != 0 ] || tar -C "$dir" "${owner[@]}" --numeric-owner -cf - "${password_file##*/}" \
        | dk cp -a - "$name:${password_file%/*}" || status=$?
    rm -rf "$dir"
    [ "$status" = 0 ] || { dk rm -f "$name" >/dev/null 2>&1; die "could not hand the administrator password to the container $name"; }
}

start_new() {
    local args=(create --name "$name" --restart unless-stopped
        --network "$network"
        -p "$bind:$port:$container_port"
        -v "$socket:$socket"
        -v "$volume:/data"
        --label "$label_prefix.port=$port" --label "$label_prefix.bind=$bind" --label "$label_prefix.image=$image"
        --label "$label_prefix.tls=${tls:-off}" --label "$label_prefix.network=$network" "${labels[@]}")
    case "$tls" in
        self-signed) args+=(-e "QUAYSIDE_URLS=https://0.0.0.0:$container_port" -e QUAYSIDE_TLS=self-signed) ;;
        own) args+=(-e "QUAYSIDE_URLS=https://0.0.0.0:$container_port"
                -v "$cert:/etc/quayside/tls.crt:ro" -v "$key:/etc/quayside/tls.key:ro"
                -e QUAYSIDE_TLS_CERT=/etc/quayside/tls.crt -e QUAYSIDE_TLS_KEY=/etc/quayside/tls.key
                --label "$label_prefix.cert=$cert" --label "$label_prefix.key=$key") ;;
    esac
    [ -z "${QUAYSIDE_ADMIN_PASSWORD:-}" ] || args+=(-e "QUAYSIDE_ADMIN_PASSWORD_FILE=$password_file")
    [ -S "$socket" ] || echo "run-in-docker: warning: no Docker socket at $socket; Quayside will show the error" >&2
    if ! dk volume inspect "$volume" >/dev/null 2>&1; then
        dk volume create "${labels[@]}" "$volume" >/dev/null
    fi
    ensure_network
    echo "+ docker ${args[*]} $image" | sed 's/ --label [^ ]*//g' >&2
    dk "${args[@]}" "$image" >/dev/null
    if [ -n "${QUAYSIDE_ADMIN_PASSWORD:-}" ]; then
        echo "+ docker cp -a - $name:${password_file%/*}   (the administrator password, readable by uid $app_uid only)" >&2
        copy_password
    fi
    echo "+ docker start $name" >&2
    dk start "$name" >/dev/null
}

if [ -n "$action" ] && [ "$action" != stop ] && [ -z "$tls" ] && ! is_loopback; then
    echo "WARNING: Quayside will be reachable on $bind:$port over plain HTTP: logins and control of the Docker engine travel in clear text. Use -t (or -c/-k), or keep the default -b 127.0.0.1." >&2
fi

case "$action" in
    run)
        if exists; then
            port=$(previous port) bind=$(previous bind) tls=$(previous tls)
            [ "$tls" = off ] && tls=
            if [ "$(dk container inspect -f '{{.State.Running}}' "$name")" != true ]; then
                network=$(previous network)
                [ -z "$network" ] || reattach_network
                dk start "$name" >/dev/null
                report_start new
            else
                report_start
            fi
        else
            get_image 0
            start_new
            report_start new
        fi ;;
    upgrade)
        get_image 1
        if exists; then dk rm -f "$name" >/dev/null; fi
        start_new
        report_start new ;;
    stop)
        if exists; then
            network=$(previous network)
            dk stop "$name" >/dev/null
            dk rm "$name" >/dev/null
            remove_network "$network"
            echo "Removed container $name; the data volume $volume stays (remove it with: docker volume rm $volume)."
        else
            echo "No container $name: nothing to stop."
        fi ;;
esac

if [ "$follow" = 1 ]; then
    exists || die "no container $name"
    exec "$docker_cmd" logs -f "$name"
fi
