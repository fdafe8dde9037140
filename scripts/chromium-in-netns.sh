#!/bin/sh
# Debian's Chromium in the test browser's own network namespace (see browser-netns.sh).
exec ip netns exec quayside-browser /usr/bin/chromium "$@"
