#!/usr/bin/env bash
# Starts dockerd in the background when /var/run/docker.sock does not answer, then waits for it.
set -euo pipefail
if docker version >/dev/null 2>&1; then exit 0; fi
if command -v systemctl >/dev/null && systemctl start docker 2>/dev/null && docker version >/dev/null 2>&1; then exit 0; fi
echo "setup: starting dockerd"
nohup dockerd >/var/log/quayside-dockerd.log 2>&1 &
for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && exit 0
    sleep 0.5
done
echo "setup: dockerd did not start; see /var/log/quayside-dockerd.log" >&2
tail -20 /var/log/quayside-dockerd.log >&2 || true
exit 1
