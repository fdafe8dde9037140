#!/usr/bin/env bash
# Gives the test browser a network namespace of its own, joined to this one by a veth pair (10.231.0.1 here,
# 10.231.0.2 there). Chromium aborts connections with ERR_NETWORK_CHANGED whenever an interface it can see gains or
# loses an address, which the engine does for every network and lab engine the tests create; in its own namespace it
# sees none of that, and reaches the app through the tests' SOCKS relay on 10.231.0.1. Idempotent.
set -euo pipefail
ns=quayside-browser
if ! ip netns list | grep -qx "$ns\( (id: [0-9]*)\)\?"; then
  ip netns add "$ns"
fi
if ! ip link show qsb-host >/dev/null 2>&1; then
  ip netns exec "$ns" ip link del qsb-ns 2>/dev/null || true
  ip link add qsb-host type veth peer name qsb-ns netns "$ns"
fi
ip addr replace 10.231.0.1/30 dev qsb-host
ip link set qsb-host up
ip netns exec "$ns" ip addr replace 10.231.0.2/30 dev qsb-ns
ip netns exec "$ns" ip link set qsb-ns up
ip netns exec "$ns" ip link set lo up
