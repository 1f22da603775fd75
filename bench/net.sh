#!/usr/bin/env bash
# Network benchmarks: the same Scheme echo server (bench/net/scheme/echo-server.scm) under
# csi-swift and CHICKEN 5.3 csi, and the C epoll server, driven by bench/net/loadgen.c over
# 127.0.0.1. Every test is bounded in count and time (see bench/net/run.sh for the knobs:
# TESTS, REPEAT, ECHO_CONNS, IDLE_CONNS, BULK_BYTES ...). Prints a side-by-side table.
#   usage: bench/net.sh            e.g. TESTS="echo bulk" REPEAT=1 bench/net.sh
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
CSI_SWIFT="${CSI_SWIFT:-$HERE/../.build/release/csi-swift}"
[ -x "$CSI_SWIFT" ] || (cd "$HERE/.." && swift build -c release --static-swift-stdlib >/dev/null) || exit 1
INTERP="$CSI_SWIFT -s" LABEL=csi-swift "$HERE/net/run.sh" "$HERE/net/servers/srfi18-interp.sh"
LABEL=chicken-csi "$HERE/net/run.sh" "$HERE/net/servers/chicken-csi.sh"
LABEL=cserver "$HERE/net/run.sh" "$HERE/net/servers/cserver.sh"
"$HERE/net/table.py" csi-swift chicken-csi cserver
