#!/bin/sh
# Starts Quayside as its own unprivileged user, with the group that owns the mounted Docker socket as a supplementary
# group, so the app can use the socket without anyone changing the host: the socket is never chown'ed or chmod'ed.
set -eu
app_uid=${QUAYSIDE_UID:-10001}
app_gid=${QUAYSIDE_GID:-10001}
app=/app/Quayside.Web

# The image's HEALTHCHECK, which the engine runs as the image's user (root) like docker exec: the probe itself runs as
# the app's user, with no groups and no capabilities, and changes nothing in the container. Without diagnostics it
# leaves no debugger pipes in /tmp when the engine kills a probe that timed out.
if [ "${1:-}" = --health-check ]; then
    export DOTNET_EnableDiagnostics=0
    if [ "$(id -u)" != 0 ]; then exec "$app" "$@"; fi
    exec setpriv --reuid="$app_uid" --regid="$app_gid" --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs -- "$app" "$@"
fi

# Started with --user: nothing to switch; the socket's group is the caller's business (--group-add).
if [ "$(id -u)" != 0 ]; then exec "$app" "$@"; fi

case "${DOCKER_HOST:-unix:///var/run/docker.sock}" in
    unix://*) socket=${DOCKER_HOST:-unix:///var/run/docker.sock}; socket=${socket#unix://} ;;
    *) socket= ;; # tcp: no socket file, no group to add
esac
groups=--clear-groups
if [ -n "$socket" ] && [ -S "$socket" ]; then
    socket_gid=$(stat -c %g "$socket")
    groups="--groups=$socket_gid"
    [ "$socket_gid" != 0 ] || echo "note: $socket belongs to group 0 (root); Quayside gets that group to reach it." >&2
elif [ -n "$socket" ]; then
    echo "note: no Docker socket at $socket; mount it with -v /var/run/docker.sock:$socket. Quayside shows the error and keeps retrying." >&2
fi

# A fresh bind-mounted data folder belongs to root: hand it to the app. One that already holds files is left alone.
data=${QUAYSIDE_DATA:-/data}
mkdir -p "$data"
if [ "$(stat -c %u "$data")" != "$app_uid" ]; then
    if [ -z "$(ls -A "$data")" ]; then
        chown "$app_uid:$app_gid" "$data"
    else
        echo "warning: $data belongs to uid $(stat -c %u "$data"), not to Quayside's uid $app_uid; it may not be able to write there." >&2
    fi
fi

# Your own key, mounted from the host, is usually readable by root only: the app reads a copy kept in memory (/dev/shm).
if [ -n "${QUAYSIDE_TLS_KEY:-}" ] && [ -f "$QUAYSIDE_TLS_KEY" ]; then
    (umask 077 && cp "$QUAYSIDE_TLS_KEY" /dev/shm/quayside-tls.key)
    chown "$app_uid:$app_gid" /dev/shm/quayside-tls.key
    export QUAYSIDE_TLS_KEY=/dev/shm/quayside-tls.key
fi

export HOME="$data"
exec setpriv --reuid="$app_uid" --regid="$app_gid" "$groups" --inh-caps=-all --bounding-set=-all --no-new-privs -- "$app" "$@"
