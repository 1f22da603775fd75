#!/usr/bin/env bash
# Unix-domain socket echo, 100 connections of 64-byte line requests (ECHO_TOTAL, default
# 100000), side by side in one run: the Scheme server (echo-server.scm) under csi-swift
# against the C epoll server (unixbench.c), alternating, RUNS runs each (default 3);
# prints the median requests per second and the ratio, and the server's CPU time per request
# (user + system, from /proc): on a shared machine the second ratio moves less.
#   bench/unix/run.sh [CSI-SWIFT]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWIFT="${1:-$HERE/../../.build/release/csi-swift}"
RUNS="${RUNS:-3}"
TOTAL="${ECHO_TOTAL:-100000}"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
gcc -O2 -Wall -o "$WORK/unixbench" "$HERE/unixbench.c"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
TICK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICK" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }
a=""; b=""; ca=""; cb=""
for k in $(seq "$RUNS"); do
  for name in csi-swift c; do
    sock="$WORK/$name-$k.sock"
    if [ $name = csi-swift ]; then "$SWIFT" -s "$HERE/echo-server.scm" "$sock" & else "$WORK/unixbench" server "$sock" & fi
    pid=$!
    for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
    c0=$(cpu_ms "$pid")
    r=$("$WORK/unixbench" echo "$sock" 100 "$TOTAL" | awk '{print $(NF-1)}')
    us=$(echo "($(cpu_ms "$pid") - $c0) * 1000 / $TOTAL" | bc -l)
    if [ $name = csi-swift ]; then a+="$r"$'\n'; ca+="$us"$'\n'; else b+="$r"$'\n'; cb+="$us"$'\n'; fi
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
ma=$(printf "%s" "$a" | median); mb=$(printf "%s" "$b" | median)
printf "Unix echo c=100 (req/s, median of %s): csi-swift %.0f, C %.0f, ratio %.2f\n" "$RUNS" "$ma" "$mb" "$(echo "$ma / $mb" | bc -l)"
ma=$(printf "%s" "$ca" | median); mb=$(printf "%s" "$cb" | median)
printf "server CPU per request (us, median): csi-swift %.2f, C %.2f, ratio C/csi-swift %.2f\n" "$ma" "$mb" "$(echo "$mb / $ma" | bc -l)"
