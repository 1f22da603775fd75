#!/usr/bin/env bash
# Echo server CPU per request of two csi-swift builds in alternating rounds (an A/B test of
# a change): each round runs one echo test (bench/net/run.sh, REPEAT=1) on build A, then on
# build B, and takes B's figure over A's. A change of 1 % is within a round's spread but
# not within the median's over a hundred rounds; the last line gives a bootstrap 95 %
# interval for that median (100 rounds take about 4 minutes).
#   usage: bench/net-ab.sh A B           env: ROUNDS=100 ECHO_CONNS=100 ECHO_TOTAL=100000
set -u
HERE="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 2 ] && [ -x "$1" ] && [ -x "$2" ] || { echo "usage: bench/net-ab.sh A B (two csi-swift binaries)"; exit 2; }
A="$1"; B="$2"; ROUNDS="${ROUNDS:-100}"
export TESTS=echo REPEAT=1 ECHO_CONNS="${ECHO_CONNS:-100}"
cpu() { awk -F'\t' '$2 == "srv_cpu_us/req" && $7 == "ok" { print $3 }' "$HERE/net/results/$1.tsv"; }
ratios=()
for r in $(seq "$ROUNDS"); do
  INTERP="$A -s" LABEL=ab-a "$HERE/net/run.sh" "$HERE/net/servers/srfi18-interp.sh" >/dev/null
  INTERP="$B -s" LABEL=ab-b "$HERE/net/run.sh" "$HERE/net/servers/srfi18-interp.sh" >/dev/null
  a="$(cpu ab-a)"; b="$(cpu ab-b)"
  if [ -z "$a" ] || [ -z "$b" ]; then echo "round $r: a run failed (see bench/net/results/ab-*.log)"; exit 1; fi
  ratio="$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", b / a }')"
  echo "round $r: A $a us/req, B $b us/req, B/A $ratio"
  ratios+=("$ratio")
done
python3 - "${ratios[@]}" <<'PY'
import random, statistics, sys
r = [float(x) for x in sys.argv[1:]]
random.seed(1)
m = sorted(statistics.median(random.choices(r, k=len(r))) for _ in range(10000))
print(f"echo over {len(r)} rounds: median B/A {statistics.median(r):.3f}, bootstrap 95 % interval [{m[250]:.3f}, {m[9749]:.3f}]")
PY
