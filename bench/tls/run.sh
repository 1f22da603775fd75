#!/usr/bin/env bash
# TLS handshakes per second on 127.0.0.1, side by side in one run: the Scheme TLS echo
# server (echo-server.scm) under csi-swift against the C epoll + OpenSSL server
# (cserver.c). The client is `openssl s_time -new` (a full handshake per connection, no
# payload), SECONDS seconds per run (default 5), RUNS runs each (default 3), alternating;
# prints the median connections per second and the ratio.
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

declare -A results
for _ in $(seq "$RUNS"); do
  for name in csi-swift cserver; do
    PORT=$((PORT + 1))
    pid=$(serve "$name" "$PORT")
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
    results[$name]+="$(rate "$PORT")"$'\n'
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
a=$(printf "%s" "${results[csi-swift]}" | median); b=$(printf "%s" "${results[cserver]}" | median)
printf "TLS handshakes/s (openssl s_time -new, %ss, median of %s): csi-swift %.0f, C %.0f, ratio %.2f\n" \
  "$SECS" "$RUNS" "$a" "$b" "$(echo "$a / $b" | bc -l)"
