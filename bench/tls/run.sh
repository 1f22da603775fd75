#!/usr/bin/env bash
# TLS on 127.0.0.1, side by side in one run: the Scheme TLS echo server (echo-server.scm)
# under csi-swift against the C epoll + OpenSSL server (cserver.c), alternating, RUNS runs
# each (default 3), medians and ratios (and, for echo and bulk, the servers' CPU time per
# request or per MB from /proc, which moves less on a shared machine):
#   handshakes/s  `openssl s_time -new` (a full handshake per connection), SECONDS_PER_RUN s
#   echo c=100    loadgen.c: 100 connections, 64-byte lines, ECHO_TOTAL requests (100000)
#   bulk          loadgen.c: BULK_BYTES (100 MB) of 1 KiB lines through one connection
#   bench/tls/run.sh [CSI-SWIFT]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SWIFT="${1:-$HERE/../../.build/release/csi-swift}"
SECS="${SECONDS_PER_RUN:-5}"
RUNS="${RUNS:-3}"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$WORK"' EXIT
bash "$HERE/../../Tests/TLSPrimitivesTests/make-certs.sh" "$WORK"
gcc -O2 -Wall -o "$WORK/cserver" "$HERE/cserver.c" -lssl -lcrypto
gcc -O2 -Wall -o "$WORK/loadgen" "$HERE/loadgen.c" -lssl -lcrypto
ECHO_TOTAL="${ECHO_TOTAL:-100000}"
BULK_BYTES="${BULK_BYTES:-100000000}"
PORT=$((24000 + RANDOM % 2000))

rate() {  # rate PORT -> connections per second
  openssl s_time -connect "127.0.0.1:$1" -new -time "$SECS" 2>/dev/null \
    | awk '/connections in/ && /real seconds/ {print $1 / $4; exit}'
}
serve() {  # serve NAME PORT
  if [ "$1" = csi-swift ]; then "$SWIFT" -s "$HERE/echo-server.scm" "$2" "$WORK/server.pem" "$WORK/server.key" >/dev/null &
  else "$WORK/cserver" "$2" "$WORK/server.pem" "$WORK/server.key" >/dev/null & fi
  echo $!
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
TICK=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICK" '{print ($14 + $15) * 1000 / t}' "/proc/$1/stat"; }

declare -A results
for _ in $(seq "$RUNS"); do
  for name in csi-swift cserver; do
    PORT=$((PORT + 1))
    pid=$(serve "$name" "$PORT")
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
    results[$name-handshakes]+="$(rate "$PORT")"$'\n'
    c0=$(cpu_ms "$pid")
    results[$name-echo]+="$("$WORK/loadgen" echo "$PORT" 100 "$ECHO_TOTAL" | awk '{print $(NF-1)}')"$'\n'
    c1=$(cpu_ms "$pid")
    results[$name-bulk]+="$("$WORK/loadgen" bulk "$PORT" "$BULK_BYTES" | awk '{print $(NF-1)}')"$'\n'
    c2=$(cpu_ms "$pid")
    results[$name-echocpu]+="$(echo "($c1 - $c0) * 1000 / $ECHO_TOTAL" | bc -l)"$'\n'
    results[$name-bulkcpu]+="$(echo "($c2 - $c1) * 1000000 / $BULK_BYTES" | bc -l)"$'\n'
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
printf "%-22s %10s %10s %6s   (median of %s)\n" test csi-swift C ratio "$RUNS"
for t in handshakes echo bulk; do
  a=$(printf "%s" "${results[csi-swift-$t]}" | median); b=$(printf "%s" "${results[cserver-$t]}" | median)
  unit=$([ $t = bulk ] && echo "MB/s" || echo "per s")
  printf "%-22s %10.1f %10.1f %6.2f\n" "$t ($unit)" "$a" "$b" "$(echo "$a / $b" | bc -l)"
done
for t in echo bulk; do
  a=$(printf "%s" "${results[csi-swift-${t}cpu]}" | median); b=$(printf "%s" "${results[cserver-${t}cpu]}" | median)
  unit=$([ $t = bulk ] && echo "ms CPU/MB" || echo "us CPU/req")
  printf "%-22s %10.2f %10.2f %6.2f\n" "$t ($unit)" "$a" "$b" "$(echo "$b / $a" | bc -l)"
done
